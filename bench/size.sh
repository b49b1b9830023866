#!/usr/bin/env bash
# Binary sizes with and without dead-code removal (-ffunction-sections -fdata-sections -Wl,--gc-sections):
# a program that only hashes with Keccak-256, and examples/01_basic_setup.c (client + wallet). Run from
# anywhere: bash bench/size.sh [CC]
set -eu
cd "$(dirname "$0")/.."
cc=${1:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/keccak.c" <<'C'
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include <stdio.h>
int main(int argc, char **argv) {
    uint8_t hash[32];
    char hex[67];
    const char *text = argc > 1 ? argv[1] : "";
    seismic_keccak256(text, strlen(text), hash);
    seismic_hex_encode(hash, 32, hex);
    puts(hex);
    return 0;
}
C
gc="-ffunction-sections -fdata-sections -Wl,--gc-sections"
printf '%-28s %12s %12s %12s\n' program "-O2" "-O2 +gc" "-Os +gc -s"
for prog in keccak 01_basic_setup; do
    src=$tmp/keccak.c
    [ "$prog" = keccak ] || src=examples/$prog.c
    sizes=()
    for flags in "-O2" "-O2 $gc" "-Os $gc -s"; do
        # shellcheck disable=SC2086
        if [ "$prog" = keccak ]; then
            $cc -std=c99 $flags -I. "$src" -o "$tmp/out" -lsecp256k1 -lbearssl
        else
            $cc -std=c99 $flags -D_POSIX_C_SOURCE=200809L -DSEISMIC_IMPLEMENTATION -x c -c seismic.h -o "$tmp/impl.o"
            $cc -std=c99 $flags -D_POSIX_C_SOURCE=200809L -I. "$src" "$tmp/impl.o" -o "$tmp/out" -lsecp256k1 -lbearssl
        fi
        sizes+=("$(stat -c %s "$tmp/out")")
    done
    printf '%-28s %12s %12s %12s\n' "$prog" "${sizes[@]}"
done
echo "($($cc --version | head -n 1); bytes, dynamically linked against libsecp256k1 and BearSSL)"
