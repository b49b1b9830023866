#!/usr/bin/env bash
# `make install PREFIX=...` into a temporary prefix, then a consumer program built from the installed files
# only: through pkg-config and through CMake's find_package(seismic) (target seismic::seismic). Each
# consumer prints the version macros and a Keccak-256 hash, which are compared with known values.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ -f "$tmp/log" ] && sed 's/^/    /' "$tmp/log" | tail -n 20; }
check() { # check NAME COMMAND...: exit 0
    local name=$1
    shift
    if "$@" >"$tmp/log" 2>&1; then pass; else fail "$name"; fi
}

major=$(sed -n 's/^#define SEISMIC_VERSION_MAJOR \([0-9]*\)$/\1/p' seismic.h)
minor=$(sed -n 's/^#define SEISMIC_VERSION_MINOR \([0-9]*\)$/\1/p' seismic.h)
patch=$(sed -n 's/^#define SEISMIC_VERSION_PATCH \([0-9]*\)$/\1/p' seismic.h)
version=$(sed -n 's/^#define SEISMIC_VERSION_STRING "\(.*\)"$/\1/p' seismic.h)
if [ -n "$major" ] && [ "$version" = "$major.$minor.$patch" ]; then pass; else fail "SEISMIC_VERSION_STRING '$version' is MAJOR.MINOR.PATCH '$major.$minor.$patch'"; fi
if grep -q "^## $version\b" CHANGELOG.md; then pass; else fail "CHANGELOG.md has a section for $version"; fi

check "make install PREFIX=$prefix" make --no-print-directory install PREFIX="$prefix"
for f in include/seismic.h bin/seismic lib/pkgconfig/seismic.pc lib/cmake/seismic/seismicConfig.cmake \
    lib/cmake/seismic/seismicConfigVersion.cmake; do
    if [ -f "$prefix/$f" ]; then pass; else fail "installed $f"; fi
done
if cmp -s seismic.h "$prefix/include/seismic.h"; then pass; else fail "installed header is seismic.h"; fi
got=$("$prefix/bin/seismic" --version 2>&1 | head -n 1)
if [ "$got" = "seismic Version: $version" ]; then pass; else fail "installed seismic --version: '$got'"; fi

# The consumer: one file with the implementation, using the installed header only.
mkdir -p "$tmp/consumer"
cat >"$tmp/consumer/main.c" <<'EOF'
#define SEISMIC_IMPLEMENTATION
#include <seismic.h>
#include <stdio.h>

int main(void) {
    uint8_t hash[32];
    char hex[67];
    seismic_keccak256("abc", 3, hash);
    seismic_hex_encode(hash, 32, hex);
    printf("%d.%d.%d %s %s\n", SEISMIC_VERSION_MAJOR, SEISMIC_VERSION_MINOR, SEISMIC_VERSION_PATCH,
           SEISMIC_VERSION_STRING, hex);
    return 0;
}
EOF
want="$version $version 0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"

# pkg-config
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
if [ "$(pkg-config --modversion seismic 2>&1)" = "$version" ]; then pass; else fail "pkg-config --modversion seismic"; fi
if pkg-config --libs seismic | grep -q -- '-lsecp256k1' && pkg-config --libs seismic | grep -q -- '-lbearssl'; then
    pass
else
    fail "pkg-config --libs seismic names both dependencies: $(pkg-config --libs seismic 2>&1)"
fi
# shellcheck disable=SC2046
check "cc with pkg-config" sh -c "cc -std=c99 -Wall -Wextra -Werror $(pkg-config --cflags seismic) \
    '$tmp/consumer/main.c' -o '$tmp/consumer-pc' $(pkg-config --libs seismic)"
got=$("$tmp/consumer-pc" 2>&1)
if [ "$got" = "$want" ]; then pass; else fail "pkg-config consumer prints '$want', got '$got'"; fi

# CMake
cat >"$tmp/consumer/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.13)
project(consumer C)
find_package(seismic $major.$minor REQUIRED)
add_executable(consumer main.c)
target_link_libraries(consumer PRIVATE seismic::seismic)
EOF
check "cmake configure" cmake -S "$tmp/consumer" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix"
check "cmake build" cmake --build "$tmp/cmake-build"
got=$("$tmp/cmake-build/consumer" 2>&1)
if [ "$got" = "$want" ]; then pass; else fail "CMake consumer prints '$want', got '$got'"; fi

# find_package refuses an incompatible version: a later major; before 1.0 an earlier minor too (a minor
# release may change the API)
incompatible="$((major + 1)).0"
[ "$major" -eq 0 ] && [ "$minor" -gt 0 ] && incompatible="$incompatible 0.$((minor - 1))"
for wanted in $incompatible; do
    mkdir -p "$tmp/incompatible"
    printf 'cmake_minimum_required(VERSION 3.13)\nproject(incompatible C)\nfind_package(seismic %s REQUIRED)\n' \
        "$wanted" >"$tmp/incompatible/CMakeLists.txt"
    if cmake -S "$tmp/incompatible" -B "$tmp/incompatible-build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/log" 2>&1; then
        fail "find_package(seismic $wanted) should fail for $version"
    elif grep -q "$version" "$tmp/log"; then
        pass
    else
        fail "find_package(seismic $wanted) names the installed version"
    fi
    rm -rf "$tmp/incompatible" "$tmp/incompatible-build"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
