#!/usr/bin/env bash
# CREATE2 vanity search rate: `seismic create2` versus cast 1.7.1 (npm, tools/testenv) on one thread.
# With --no-random --threads 1 both walk the same salts (zero, then its last 8 bytes counting up in
# little-endian), so both make exactly counter + 1 tries, read back from the salt found; each reports
# its own search time. Each pattern runs ROUNDS times, the two alternating; the table has the medians
# (the machine may be shared). Usage: bash bench/create2.sh [build/seismic] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/seismic}
rounds=${2:-5}
cast=$(node -e 'const p=require("path");console.log(p.join(p.dirname(require.resolve("@foundry-rs/cast-linux-amd64/package.json",{paths:[process.argv[1]]})),"bin","cast"))' "$PWD/tools/testenv")
hash=--init-code-hash=0x0000000000000000000000000000000000000000000000000000000000000000
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), one thread"

# seconds OUTPUT: the search time of "Successfully found contract address in 1.234ms" in seconds
seconds() {
    sed -n 's/^Successfully found contract address in \([0-9.]*\)\(.*\)$/\1 \2/p' <<<"$1" | awk '{
        f = 1; if ($2 == "ms") f = 1e-3; else if ($2 == "ns") f = 1e-9; else if ($2 != "s") f = 1e-6; print $1 * f }'
}
# tries OUTPUT: counter + 1, the counter being the salt's last 8 bytes read little-endian
tries() {
    local salt
    salt=$(sed -n 's/^Salt: 0x\([0-9a-f]*\) .*/\1/p' <<<"$1")
    local le=${salt:48:16} be=""
    for i in 14 12 10 8 6 4 2 0; do be+=${le:$i:2}; done
    echo $((16#$be + 1))
}

printf '| pattern | tries | cast tries/s | seismic tries/s | seismic / cast |\n|---|---|---|---|---|\n'
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for pattern in "--starts-with 00000" "--ends-with 00000" "--matching XXXXXXXXXXXXXXXXXXXX77777XXXXXXXXXXXXXXX" \
    "--starts-with dead --case-sensitive" "--starts-with BEEF --case-sensitive"; do
    theirs_s="" ours_s=""
    for _ in $(seq "$rounds"); do
        # shellcheck disable=SC2086
        theirs=$("$cast" create2 $hash $pattern --no-random --threads 1)
        # shellcheck disable=SC2086
        ours=$("$bin" create2 $hash $pattern --no-random --threads 1)
        if [ "$(grep '^Salt:' <<<"$theirs")" != "$(grep '^Salt:' <<<"$ours")" ]; then
            echo "FAIL $pattern: the two found different salts"; exit 1
        fi
        theirs_s+="$(seconds "$theirs")"$'\n'
        ours_s+="$(seconds "$ours")"$'\n'
    done
    n=$(tries "$ours")
    c=$(median <<<"$theirs_s")
    s=$(median <<<"$ours_s")
    awk -v p="$pattern" -v n="$n" -v c="$c" -v s="$s" \
        'BEGIN { printf "| %s | %d | %.3g M | %.3g M | %.2f |\n", p, n, n / c / 1e6, n / s / 1e6, c / s }'
done
