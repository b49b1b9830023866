#!/usr/bin/env bash
# End-to-end tests of `seismic tao` and `seismic ss58` against chopsticks (the subtensor runtime), compared with
# what @polkadot/api reads (tools/testenv/substrate-oracle.js).
#   node tools/testenv/testenv.js start --dir build/testenv && . build/testenv/env.sh
#   tests/cli_tao.sh build/seismic
# Needs SEISMIC_TEST_SUBSTRATE_HTTP / _WS, node and jq.
set -u
bin=${1:-build/seismic}
: "${SEISMIC_TEST_SUBSTRATE_HTTP:?run under tools/testenv/testenv.js (SEISMIC_TEST_* variables)}"
: "${SEISMIC_TEST_SUBSTRATE_WS:?run under tools/testenv/testenv.js (SEISMIC_TEST_* variables)}"
root=$(cd "$(dirname "$0")/.." && pwd)
http=$SEISMIC_TEST_SUBSTRATE_HTTP
ws=$SEISMIC_TEST_SUBSTRATE_WS
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset SEISMIC_RPC_URL

ok() { passed=$((passed + 1)); }
ko() {
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$1"
    shift
    [ $# -gt 0 ] && printf '  %s\n' "$@"
}

# expect NAME EXPECTED_STDOUT COMMAND...: exit 0 and exactly this stdout.
expect() {
    local name=$1 want=$2
    shift 2
    local got code
    got=$("$@" 2>"$tmp/err")
    code=$?
    if [ $code -eq 0 ] && [ "$got" = "$want" ]; then ok; else
        ko "$name (exit $code)" "want: $want" "got:  $got" "err:  $(cat "$tmp/err")"
    fi
}

# expect_error NAME STDERR_REGEX COMMAND...: exit 1, nothing on stdout, stderr matches.
expect_error() {
    local name=$1 pattern=$2
    shift 2
    local got code
    got=$("$@" 2>"$tmp/err")
    code=$?
    if [ $code -eq 1 ] && [ -z "$got" ] && grep -qE -e "$pattern" "$tmp/err"; then ok; else
        ko "$name (exit $code)" "want stderr: $pattern" "got:  $got" "err:  $(cat "$tmp/err")"
    fi
}

# the oracle's fixture: 20 accounts with distinct balances, four neurons on subnet 1, in the head block
if ! node "$root/tools/testenv/substrate-oracle.js" fixtures --url "$ws" --accounts 20 --out "$tmp/f.json" 2>"$tmp/oracle.err"; then
    ko "oracle fixtures" "$(cat "$tmp/oracle.err")"
    echo "$passed passed, $failed failed"
    exit 1
fi
hash=$(jq -r .blockHash "$tmp/f.json")
number=$(jq -r .blockNumber "$tmp/f.json")
mapfile -t addresses < <(jq -r '.balances[].address' "$tmp/f.json")
want_json=$(jq -c '{blockHash, blockNumber, balances}' "$tmp/f.json")
want_text=$(jq -r '.balances[] | "\(.address) τ\((.free | tonumber / 1e9 | floor)).\(.free | .[-9:] | ("000000000" + .) | .[-9:])"' "$tmp/f.json")

for url in "$http" "$ws"; do
    expect "balances --json at the pinned hash ($url)" "$want_json" \
        "$bin" --rpc-url "$url" tao balances --block-hash "$hash" --json "${addresses[@]}"
    expect "balances --sequential --json ($url)" "$want_json" \
        "$bin" --rpc-url "$url" tao balances --sequential --block-hash "$hash" --json "${addresses[@]}"
    expect "balances text: SS58 τFREE ($url)" "$want_text" "$bin" --rpc-url "$url" tao balances "${addresses[@]}"
    expect "block-hash (head)" "$hash" "$bin" --rpc-url "$url" tao block-hash
    expect "block-hash N --json" "{\"blockHash\":\"$hash\",\"blockNumber\":$number}" \
        "$bin" --rpc-url "$url" tao block-hash "$number" --json
    expect "subnets --json" "$(jq -c '{blockHash, blockNumber, total, netuids}' "$tmp/f.json")" \
        "$bin" --rpc-url "$url" tao subnets --json
    expect "subnets" "$(jq -r '"total \(.total)", (.netuids[] | "netuid \(.)")' "$tmp/f.json")" \
        "$bin" --rpc-url "$url" tao subnets
done

# neurons: the hotkeys (as SS58) and fields equal the oracle's decode
"$bin" --rpc-url "$http" tao neurons 1 --json >"$tmp/n.json" 2>"$tmp/err" || ko "neurons --json" "$(cat "$tmp/err")"
got_keys=$(jq -r '.neurons[].hotkey' "$tmp/n.json" | while read -r a; do "$bin" ss58 decode "$a" | cut -d' ' -f1; done)
want_keys=$(jq -r '.neurons[].hotkey' "$tmp/f.json")
if [ -n "$want_keys" ] && [ "$got_keys" = "$want_keys" ]; then ok; else ko "neurons hotkeys" "want: $want_keys" "got: $got_keys"; fi
expect "neurons fields" "$(jq -c '[.neurons[] | [.uid, .active, .rank, .emission, .trust, .lastUpdate, .validatorPermit, .pruningScore, .axon.port, .axon.ip]]' "$tmp/f.json")" \
    jq -c '[.neurons[] | [.uid, .active, .rank, .emission, .trust, .lastUpdate, .validatorPermit, .pruningScore, .axon.port, .axon.ip]]' "$tmp/n.json"
expect "neurons text: one line per neuron" "4" sh -c "'$bin' --rpc-url '$ws' tao neurons 1 | grep -c '^uid '"

# ss58
alice=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
alice_hex=0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d
expect "ss58 decode" "$alice_hex 42" "$bin" ss58 decode "$alice"
expect "ss58 encode (42)" "$alice" "$bin" ss58 encode "$alice_hex"
expect "ss58 encode --prefix 0" "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5" "$bin" ss58 encode "$alice_hex" --prefix 0
expect "ss58 encode --prefix 1000" "vji5kpxBaPKwct6PAdHiJUPCU1hqBEAPaLMF59sXAjn4NeEaJ" "$bin" ss58 encode "$alice_hex" --prefix 1000
expect_error "ss58 decode: bad checksum" "bad checksum" "$bin" ss58 decode 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ
expect_error "ss58 decode: not base58" "'0' at offset" "$bin" ss58 decode 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ0
expect_error "ss58 encode: reserved prefix" "reserved 46 and 47" "$bin" ss58 encode "$alice_hex" --prefix 46
expect_error "ss58 encode: not 32 bytes" "not a 32-byte public key" "$bin" ss58 encode 0x1234
expect_error "balances: wrong prefix" "SS58 prefix 0, this chain uses 42" \
    "$bin" --rpc-url "$http" tao balances 15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5
expect_error "balances: unknown block" "no block with that hash" \
    "$bin" --rpc-url "$http" tao balances --block-hash 0x0000000000000000000000000000000000000000000000000000000000000001 "$alice"
expect_error "tao: unknown subcommand" "unknown subcommand" "$bin" tao nope
expect_error "tao: no node" "is a node running" "$bin" --rpc-url http://127.0.0.1:9 --timeout 2 tao block-hash

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
