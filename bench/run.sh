#!/usr/bin/env bash
# The transport benchmarks of the README, next to viem in the same run:
#   1. latency hiding: N eth_getBalance through a proxy adding 25 ms each way (50 ms RTT), sequential
#      (blocking wrapper) versus concurrent, and the same N on loopback for the server's own time;
#   2. loopback throughput with 256 in flight, seismic.h versus viem (Promise.all), CPU per call;
#   3. heap per in-flight request and per connection (plain and TLS);
#   6. the longest seismic_client_process call while DNS, a TLS handshake or a 10 MB response happen.
# Usage: bash bench/run.sh [N_LATENCY] [N_LOOPBACK]   (make bench runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
M=${2:-20000}
dir=build/bench-env
node tools/testenv/testenv.js start --dir "$dir" >/dev/null
trap 'node tools/testenv/testenv.js stop --dir "$dir" >/dev/null 2>&1' EXIT
. "$dir/env.sh"
bin=build/bench/concurrency
field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }

echo "== 1. latency hiding: $N x eth_getBalance, 50 ms round trip"
seq=$($bin sequential "$SEISMIC_TEST_LATENCY_HTTP" "$N")
con=$($bin concurrent "$SEISMIC_TEST_LATENCY_HTTP" "$N")
loop=$($bin concurrent "$SEISMIC_TEST_ANVIL_HTTP" "$N")
echo "$seq"; echo "$con"; echo "$loop"
awk -v s="$(field "$seq" seconds)" -v c="$(field "$con" seconds)" -v l="$(field "$loop" seconds)" 'BEGIN {
  printf "| sequential | %.2f s |\n| concurrent | %.3f s |\n| speed-up | %.0fx |\n", s, c, s / c;
  printf "| one RTT + the same calls on loopback | %.3f s |\n| concurrent / (RTT + loopback) | %.2f |\n", 0.05 + l, c / (0.05 + l) }'

echo "== 2. loopback, $M x eth_getBalance, 256 in flight"
ours=$($bin loopback "$SEISMIC_TEST_ANVIL_HTTP" "$M" 256)
ours_ws=$($bin loopback "$SEISMIC_TEST_ANVIL_WS" "$M" 256)
viem=$(node bench/viem_getbalance.mjs --url "$SEISMIC_TEST_ANVIL_HTTP" --calls "$M" --concurrency 256)
viem_batch=$(node bench/viem_getbalance.mjs --url "$SEISMIC_TEST_ANVIL_HTTP" --calls "$M" --concurrency 256 --batch)
echo "$ours"; echo "$ours_ws"; echo "$viem"; echo "$viem_batch"
awk -v a="$(field "$ours" callsPerSecond)" -v ac="$(field "$ours" cpuUsPerCall)" \
    -v w="$(field "$ours_ws" callsPerSecond)" -v wc="$(field "$ours_ws" cpuUsPerCall)" \
    -v v="$(field "$viem" callsPerSecond)" -v vc="$(field "$viem" cpuMsPerCall)" \
    -v b="$(field "$viem_batch" callsPerSecond)" -v bc="$(field "$viem_batch" cpuMsPerCall)" 'BEGIN {
  printf "| client | calls/s | client CPU per call |\n|---|---|---|\n";
  printf "| seismic.h, HTTP (batched) | %.0f | %.1f us |\n| seismic.h, WebSocket | %.0f | %.1f us |\n", a, ac, w, wc;
  printf "| viem, HTTP | %.0f | %.1f us |\n| viem, HTTP batch | %.0f | %.1f us |\n", v, vc * 1000, b, bc * 1000;
  printf "| seismic.h HTTP / viem batch | %.1fx calls/s, %.1fx less CPU |\n", a / b, bc * 1000 / ac }'

echo "== 3. memory"
$bin memory "$SEISMIC_TEST_ANVIL_HTTP" 1000
$bin memory "$SEISMIC_TEST_ANVIL_WS" 1000
SSL_CERT_FILE=$SEISMIC_TEST_CA_FILE $bin memory "$SEISMIC_TEST_TLS_HTTPS" 100

echo "== 4. Seismic end to end against the dev node: shielded writes and signed reads, 64 in flight"
W=${3:-500}
R=${4:-2000}
c_out=$(build/bench/seismic_e2e "$SEISMIC_TEST_DEVNODE_HTTP" "$W" "$R" 64)
js_out=$(node bench/js_seismic.mjs --url "$SEISMIC_TEST_DEVNODE_HTTP" --writes "$W" --reads "$R" --concurrency 64 \
    --private-key 0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a)
js_sign=$(node bench/js_seismic.mjs --sign-only 5000)
echo "$c_out"; echo "$js_out"; echo "$js_sign"
cw=$(grep shielded-writes <<<"$c_out"); cr=$(grep signed-reads <<<"$c_out")
jw=$(grep shielded-writes <<<"$js_out"); jr=$(grep signed-reads <<<"$js_out")
awk -v a="$(field "$cw" opsPerSecond)" -v ac="$(field "$cw" cpuMsPerOp)" -v b="$(field "$cr" opsPerSecond)" \
    -v bc="$(field "$cr" cpuMsPerOp)" -v x="$(field "$jw" opsPerSecond)" -v xc="$(field "$jw" cpuMsPerOp)" \
    -v y="$(field "$jr" opsPerSecond)" -v yc="$(field "$jr" cpuMsPerOp)" -v js="$(field "$js_sign" usPerOp)" 'BEGIN {
  printf "| flow | seismic.h ops/s | JS ops/s | seismic.h CPU/op | JS CPU/op | CPU ratio |\n|---|---|---|---|---|---|\n";
  printf "| shielded writes | %.0f | %.0f | %.0f us | %.0f us | %.0fx |\n", a, x, ac * 1000, xc * 1000, xc / ac;
  printf "| signed reads | %.0f | %.0f | %.0f us | %.0f us | %.0fx |\n", b, y, bc * 1000, yc * 1000, yc / bc;
  printf "| build + sign one shielded tx (no network), JS | %.0f us |\n", js }'

echo "== 5. Bittensor reads (chopsticks running the subtensor runtime), 50 ms round trip: $N balances, neurons_lite"
node tools/testenv/substrate-oracle.js fixtures --url "$SEISMIC_TEST_SUBSTRATE_WS" --accounts "$N" --out "$dir/substrate-fixture.json"
tao=$(build/bench/substrate "$SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP" "$N")
echo "$tao"
one=$(grep balances-one-call <<<"$tao"); seq=$(grep balances-sequential <<<"$tao"); per=$(grep balances-per-address <<<"$tao")
ng=$(grep neurons-gathered <<<"$tao"); ns=$(grep neurons-sequential <<<"$tao")
awk -v o="$(field "$one" seconds)" -v s="$(field "$seq" seconds)" -v p="$(field "$per" seconds)" \
    -v g="$(field "$ng" seconds)" -v q="$(field "$ns" seconds)" -v n="$N" 'BEGIN {
  printf "| %d balances | seconds | vs one call |\n|---|---|---|\n", n;
  printf "| one state_queryStorageAt at a pinned hash | %.3f | 1x |\n", o;
  printf "| one state_getStorageAt per address, sequential | %.2f | %.0fx slower |\n", s, s / o;
  printf "| one state_getStorageAt per address, all submitted at once | %.3f | %.1fx slower |\n", p, p / o;
  printf "| neurons_lite of every subnet: gathered %.3f s, sequential %.3f s (%.2fx) |\n", g, q, q / g }'

echo "== 6. the caller's loop never stalls: one seismic_client_process call, longest and 99th percentile, while"
echo "   1,000 requests are in flight and a name server answers after 500 ms / a TLS handshake / a 10 MB response"
lat=$(build/bench/loop_latency "$SEISMIC_TEST_ANVIL_HTTP" "$SEISMIC_TEST_DNS" "$SEISMIC_TEST_TLS_HTTPS" \
    "$SEISMIC_TEST_CA_FILE" "$SEISMIC_TEST_FAULT_HTTP/big?bytes=10485760")
echo "$lat"
printf '| beside 1,000 requests in flight | process calls | longest (wall) | p99 (wall) | longest (CPU) | p99 (CPU) |\n'
printf '|---|---|---|---|---|---|\n'
while IFS= read -r line; do
    name=$(sed -E 's/.*"scenario":"([^"]*)".*/\1/' <<<"$line")
    awk -v n="$name" -v c="$(field "$line" processCalls)" -v l="$(field "$line" longestMs)" -v p="$(field "$line" p99Ms)" \
        -v lc="$(field "$line" longestCpuMs)" -v pc="$(field "$line" p99CpuMs)" \
        'BEGIN { printf "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n", n, c, l, p, lc, pc }'
done <<<"$lat"
echo "   what is still proportional to a result when it completes (a signed read's steps, a big secret buffer):"
build/bench/completion_cost 10
