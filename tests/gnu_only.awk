# Prints every line of a C file that uses a GCC/clang-only construct (__attribute__, __builtin_*, typeof,
# __int128, __extension__, inline asm) outside an #if whose condition names __GNUC__ or __clang__.
# Comments are skipped. Exit status 1 if any.
{
    line = $0
    if (in_comment) { if (index(line, "*/")) { line = substr(line, index(line, "*/") + 2); in_comment = 0 } else next }
    while (match(line, /\/\*[^*]*\*+([^\/*][^*]*\*+)*\//)) line = substr(line, 1, RSTART - 1) " " substr(line, RSTART + RLENGTH)
    if (index(line, "/*")) { line = substr(line, 1, index(line, "/*") - 1); in_comment = 1 }
    sub(/\/\/.*/, "", line)
    if (line ~ /^[ \t]*#[ \t]*if/) { depth++; guarded[depth] = (line ~ /__GNUC__|__clang__/) }
    else if (line ~ /^[ \t]*#[ \t]*(elif|else)/) { guarded[depth] = (line ~ /__GNUC__|__clang__/) && line ~ /elif/ }
    else if (line ~ /^[ \t]*#[ \t]*endif/) depth--
    else if (line ~ /__attribute__|__builtin_|__typeof|typeof[ \t]*\(|__int128|__extension__|__asm|[^_a-z]asm[ \t]*\(/) {
        ok = 0
        for (i = 1; i <= depth; i++) if (guarded[i]) ok = 1
        if (!ok) { printf "%s:%d: GCC-only outside a __GNUC__/__clang__ guard: %s\n", FILENAME, NR, $0; bad = 1 }
    }
}
END { exit bad }
