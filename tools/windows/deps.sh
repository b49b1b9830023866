#!/usr/bin/env bash
# Builds the two dependencies for Windows (x86_64, mingw-w64) from Debian's source packages, without
# touching the machine's apt configuration: a private source list names the mirror the machine already
# uses. Output: OUT/lib/libsecp256k1.a, OUT/lib/libbearssl.a and their headers in OUT/include/.
# Usage: tools/windows/deps.sh OUT   (does nothing when both libraries are there)
set -euo pipefail
out=$(realpath -m "${1:?usage: deps.sh OUT}")
[ -f "$out/lib/libsecp256k1.a" ] && [ -f "$out/lib/libbearssl.a" ] && exit 0
CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
AR=${WIN_AR:-x86_64-w64-mingw32-ar}
work=$out/src
mkdir -p "$work/lists/partial" "$out/lib" "$out/include"

if ! ls "$work"/bearssl-*/Makefile >/dev/null 2>&1 || ! ls -d "$work"/libsecp256k1-*/src >/dev/null 2>&1; then
    mirror=$(grep -hoE '^URIs: *http[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 | awk '{print $2}')
    [ -n "$mirror" ] || mirror=$(grep -hoE '^deb +http[^ ]+/debian/? ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n 1 | awk '{print $2}')
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" >"$work/sources.list"
    apt_opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$work/lists")
    apt-get -qq "${apt_opts[@]}" update
    (cd "$work" && apt-get -qq "${apt_opts[@]}" source libsecp256k1 bearssl >/dev/null)
fi

bearssl=$(ls -d "$work"/bearssl-*/ | head -n 1)
make -s -C "$bearssl" lib BUILD=winbuild CC="$CC" AR="$AR" LD="$CC" >/dev/null
cp "$bearssl/winbuild/libbearssl.a" "$out/lib/"
cp "$bearssl"/inc/*.h "$out/include/"

secp=$(ls -d "$work"/libsecp256k1-*/ | head -n 1)
objs=()
for f in secp256k1 precomputed_ecmult precomputed_ecmult_gen; do
    [ -f "$secp/src/$f.c" ] || continue
    "$CC" -O2 -I"$secp" -I"$secp/include" -I"$secp/src" -DENABLE_MODULE_ECDH=1 -DENABLE_MODULE_RECOVERY=1 \
        -DENABLE_MODULE_EXTRAKEYS=1 -DENABLE_MODULE_SCHNORRSIG=1 -c "$secp/src/$f.c" -o "$work/secp-$f.o"
    objs+=("$work/secp-$f.o")
done
rm -f "$out/lib/libsecp256k1.a"
"$AR" rcs "$out/lib/libsecp256k1.a" "${objs[@]}"
cp "$secp"/include/*.h "$out/include/"
