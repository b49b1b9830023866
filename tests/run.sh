#!/usr/bin/env bash
# Runs every test suite and prints one summary line "N passed, N failed". Each suite reports its own
# "N passed, N failed" line (or node's "# pass N" / "# fail N"); a suite that crashes, hangs or prints
# no counts is counted as one failure.
set -u
cd "$(dirname "$0")/.."
BUILD=build
LIBS="-lsecp256k1 -lbearssl"
passed=0
failed=0
log=$BUILD/test-logs
mkdir -p "$log"

# record NAME LOGFILE EXIT_CODE: adds the counts the suite printed.
record() {
    local name=$1 file=$2 code=$3 p f
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$file" | tail -n 1)
    if [ -n "$line" ]; then
        p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
        f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    elif grep -qE '^# pass [0-9]+' "$file"; then
        p=$(grep -E '^# pass [0-9]+' "$file" | tail -n 1 | awk '{print $3}')
        f=$(grep -E '^# fail [0-9]+' "$file" | tail -n 1 | awk '{print $3}')
    else
        p=0
        f=1
    fi
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $name ($p passed, $f failed; exit $code) — log: $file"
        tail -n 30 "$file" | sed 's/^/    /'
    else
        echo "ok   $name ($p passed)"
    fi
}

# check NAME COMMAND...: a single pass/fail check.
check() {
    local name=$1
    shift
    if "$@" >"$log/check.out" 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        head -n 20 "$log/check.out" | sed 's/^/    /'
    fi
}

run_suite() { # run_suite NAME TIMEOUT COMMAND...
    local name=$1 limit=$2
    shift 2
    local file="$log/$(echo "$name" | tr '/ ' '__').log"
    timeout "$limit" "$@" >"$file" 2>&1
    record "$name" "$file" $?
}

# 0. the servers the integration tests talk to (Anvil, the dev node, TLS, faults, proxies)
if node tools/testenv/testenv.js start --dir "$BUILD/testenv" >"$log/testenv.out" 2>"$log/testenv.err"; then
    # shellcheck disable=SC1091
    . "$BUILD/testenv/env.sh"
    trap 'node tools/testenv/testenv.js stop --dir "$BUILD/testenv" >/dev/null 2>&1' EXIT
else
    echo "FAIL testenv start"; cat "$log/testenv.err"; failed=$((failed + 1))
fi

# 1. unit and integration tests, optimised build
for t in $BUILD/tests/test_*; do
    [ -x "$t" ] && run_suite "${t##*/}" 300 "$t"
done

# 2. the same tests under AddressSanitizer and UndefinedBehaviorSanitizer (make test builds them with the
#    implementation compiled once, build/asan/seismic.o; make asan builds only them)
for src in tests/test_*.c; do
    name=$(basename "$src" .c)
    if make --no-print-directory -s "$BUILD/asan/$name" >"$log/asan-build-$name.log" 2>&1; then
        ASAN_OPTIONS=detect_leaks=1 run_suite "asan/$name" 600 "$BUILD/asan/$name"
    else
        record "asan/$name (build)" "$log/asan-build-$name.log" 1
    fi
done

# 3. the public API keeps the argument-order rule of the top comment (object, inputs, outputs, error), and
#    the checker does name a declaration that breaks it (each one in tests/api_order_bad.h, not the good one)
check "api: every declaration keeps the argument order" node tests/api_order.js seismic.h
check "api: the order check names each violator" sh -c 'out=$(node tests/api_order.js tests/api_order_bad.h); rc=$?
    echo "$out"; [ $rc -eq 1 ] || exit 1
    for f in seismic_abi_encode seismic_hex_decode seismic_private_key_from_hex seismic_tao_neurons_free seismic_wallet_create; do
        echo "$out" | grep -q "^$f:" || { echo "not named: $f"; exit 1; }
    done
    ! echo "$out" | grep -q "^seismic_base58_decode:"'
# the header compiles as C99 and C++11 with gcc and clang, with and without the implementation
for cc in "gcc -std=c99 -x c" "clang -std=c99 -x c" "g++ -std=c++11 -x c++" "clang++ -std=c++11 -x c++"; do
    for impl in "" "-DSEISMIC_IMPLEMENTATION"; do
        check "compile: $cc $impl" sh -c "echo '#include \"seismic.h\"' | $cc $impl -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I. -"
    done
done
# SEISMIC_STATIC: clean under -Wall -Wextra -Werror in one file and in two linked together
printf '#define SEISMIC_STATIC\n#define SEISMIC_IMPLEMENTATION\n#include "seismic.h"\nint other(void);\nint main(void){return other();}\n' >$BUILD/static-a.c
printf '#define SEISMIC_STATIC\n#define SEISMIC_IMPLEMENTATION\n#include "seismic.h"\nint other(void){seismic_u256 v = seismic_u256_from_u64(0); return seismic_u256_is_zero(&v) ? 0 : 1;}\n' >$BUILD/static-b.c
for cc in gcc clang; do
    check "compile: SEISMIC_STATIC, one file, $cc" sh -c "printf '#define SEISMIC_STATIC\n#define SEISMIC_IMPLEMENTATION\n#include \"seismic.h\"\nint main(void){return 0;}\n' | $cc -std=c99 -Wall -Wextra -Wpedantic -Werror -I. -x c - -o $BUILD/static-check $LIBS"
    check "compile: SEISMIC_STATIC, two files, $cc" $cc -std=c99 -Wall -Wextra -Wpedantic -Werror -I. $BUILD/static-a.c $BUILD/static-b.c -o $BUILD/static-check2 $LIBS
done
# the Substrate layer cut out: the rest builds and links without it, in C and C++
for cc in "gcc -std=c99 -x c" "clang++ -std=c++11 -x c++"; do
    check "compile: SEISMIC_NO_SUBSTRATE, $cc" sh -c "printf '#define SEISMIC_NO_SUBSTRATE\n#define SEISMIC_IMPLEMENTATION\n#include \"seismic.h\"\nint main(void){return 0;}\n' | $cc -Wall -Wextra -Wpedantic -Werror -I. - -o $BUILD/no-substrate-check $LIBS"
done
# The closest to an MSVC check this machine allows (there is no MSVC, and clang's MSVC mode needs the Windows
# SDK's headers: mingw-w64's do not parse in it): clang rejects every construct it knows as a GNU extension or
# a VLA (MSVC has neither) in the header and its implementation, on the POSIX branch and on the Windows branch
# (mingw-w64 headers), in C and C++; and tests/gnu_only.awk finds the GCC-only spellings clang accepts
# silently (__attribute__, __builtin_*, typeof, __int128, asm) outside an #if naming __GNUC__ or __clang__.
# It does not prove MSVC accepts the code (its own front end, headers and warnings); it proves no GCC-only
# construct is left outside a compiler guard.
check "no GCC-only spelling outside a __GNUC__/__clang__ guard (tests/gnu_only.awk)" awk -f tests/gnu_only.awk seismic.h
for target in "" "--target=x86_64-w64-mingw32 -I$BUILD/win/include"; do
    for cc in "clang -std=c99 -x c" "clang++ -std=c++11 -x c++"; do
        check "compile: no GNU extensions, no VLA: $cc ${target:-(host)}" sh -c "echo '#include \"seismic.h\"' | $cc $target -DSEISMIC_IMPLEMENTATION -Wall -Wextra -Wpedantic -Wgnu -Wvla -Werror -fsyntax-only -I. -"
    done
done
# `seismic_error err = {0};` is valid C++ (g++ -Wextra and clang++ -Wall still suggest `{}`, a style warning)
for cxx in g++ clang++; do
    check "compile: seismic_error err = {0} in C++ ($cxx)" sh -c "printf '#include \"seismic.h\"\nint main(){ seismic_error err = {0}; return err.message[0]; }\n' | $cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers -Wno-missing-braces -I. -x c++ - -fsyntax-only"
done
# feature macros: a one-file program with <stdio.h>, <math.h>, <unistd.h> and the implementation, in either
# order, compiles in the default dialect (where M_PI and usleep must stay visible) and under -std=c99
printf '#define SEISMIC_IMPLEMENTATION\n#include "seismic.h"\n#include <stdio.h>\n#include <math.h>\n#include <unistd.h>\n' >$BUILD/posix-first.c
printf '#include <stdio.h>\n#include <math.h>\n#include <unistd.h>\n#define SEISMIC_IMPLEMENTATION\n#include "seismic.h"\n' >$BUILD/posix-last.c
for f in $BUILD/posix-first.c $BUILD/posix-last.c; do
    printf 'int main(void) {\n#ifndef __STRICT_ANSI__\n    printf("%%f\\n", M_PI); usleep(1);\n#endif\n    seismic_error err = {0};\n    return err.message[0];\n}\n' >>$f
    for cc in gcc clang; do
        for std in "" "-std=c99"; do
            check "compile: ${f##*/} with $cc ${std:-(default dialect)}" $cc $std -Wall -Wextra -Wpedantic -Werror -I. $f -o $BUILD/posix-check $LIBS
        done
    done
done

# 4. the command-line tool end to end: offline, then against the dev node
run_suite "cli" 300 bash tests/cli.sh "$BUILD/seismic"
run_suite "cli (network)" 600 bash tests/cli_network.sh "$BUILD/seismic"
run_suite "cli against cast" 300 bash tests/cli_cast.sh "$BUILD/seismic"
run_suite "cli (tao, ss58)" 300 bash tests/cli_tao.sh "$BUILD/seismic"
# the network CLI suites again with the CLI under ASan+UBSan: a leak or an error exits 86, which no check accepts
if make --no-print-directory -s "$BUILD/asan/seismic" >"$log/asan-build-cli.log" 2>&1; then
    for suite in cli_network cli_cast cli_tao; do
        ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=exitcode=86:print_stacktrace=1 \
            run_suite "asan/$suite" 600 bash tests/$suite.sh "$BUILD/asan/seismic"
    done
else
    record "asan/seismic (build)" "$log/asan-build-cli.log" 1
fi

# 4b. make install into a temporary prefix; programs built against it through pkg-config and CMake
run_suite "install (pkg-config, CMake)" 300 bash tests/install.sh

# 4c. make devnet and the README's first program against it
run_suite "devnet + README program" 300 bash tests/devnet.sh

# 5. every example against the dev node, checking what it prints
run_suite "examples (output checks)" 600 bash tests/examples.sh

# 5b. the Windows build (mingw-w64, make windows) under Wine: every C test suite against the same servers,
#     and the CLI suites (offline and against the dev node) through tools/windows/wine-cli.sh (which turns
#     Windows' CRLF back into LF as the output is written)
if command -v wine >/dev/null && [ -f "$BUILD/win/seismic.exe" ]; then
    export WINEPREFIX="$PWD/$BUILD/win/wineprefix" WINEDEBUG=-all SEISMIC_WIN_EXE="$BUILD/win/seismic.exe"
    # wineserver and the first wine (which makes the prefix, once) with stdin/stdout/stderr detached: they
    # outlive the command, and whoever reads their pipe would wait for them
    wineserver -p </dev/null >/dev/null 2>&1
    wine cmd /c exit </dev/null >/dev/null 2>&1
    for t in "$BUILD"/win/tests/test_*.exe; do
        run_suite "wine/$(basename "$t" .exe)" 600 sh -c 'exec wine "$0" </dev/null' "$t"
    done
    run_suite "wine/cli" 300 bash tests/cli.sh tools/windows/wine-cli.sh
    run_suite "wine/cli (network)" 600 bash tests/cli_network.sh tools/windows/wine-cli.sh
    wineserver -k
else
    echo "FAIL windows: no wine or no $BUILD/win/seismic.exe (make test installs wine and runs make windows)"
    failed=$((failed + 1))
fi

# 6. fuzz targets: a short smoke run each (make fuzz runs them longer)
for f in $BUILD/fuzz/fuzz_*; do
    [ -x "$f" ] || continue
    name=${f##*/fuzz_}
    mkdir -p "$BUILD/corpus/$name"
    file="$log/fuzz-$name.log"
    timeout 120 "$f" -max_total_time=${FUZZ_SMOKE_SECONDS:-15} -artifact_prefix="$BUILD/" "$BUILD/corpus/$name" "tests/fuzz/corpus/$name" >"$file" 2>&1
    code=$?
    if [ $code -eq 0 ]; then echo "1 passed, 0 failed" >>"$file"; fi
    record "fuzz/$name" "$file" $code
done

# 7. the JavaScript tools' own tests: the dev node (checked with viem) and the test servers
run_suite "devnode (node --test)" 900 node --test --test-concurrency=1 tools/testenv/devnode/test/
run_suite "test servers (node --test)" 300 node --test --test-concurrency=1 tools/testenv/test/

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
