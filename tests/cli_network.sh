#!/usr/bin/env bash
# End-to-end tests of the `seismic` tool's network commands against the dev node.
#   node tools/testenv/testenv.js start --dir build/testenv && . build/testenv/env.sh
#   tests/cli_network.sh build/seismic
# Needs SEISMIC_TEST_DEVNODE_HTTP / _WS (and _ANVIL_HTTP, _FAULT_HTTP for error cases), node and jq.
set -u
bin=${1:-build/seismic}
: "${SEISMIC_TEST_DEVNODE_HTTP:?run under tools/testenv/testenv.js (SEISMIC_TEST_* variables)}"
: "${SEISMIC_TEST_DEVNODE_WS:?run under tools/testenv/testenv.js (SEISMIC_TEST_* variables)}"
root=$(cd "$(dirname "$0")/.." && pwd)
artifacts=$root/tools/testenv/devnode/contracts/artifacts.json
http=$SEISMIC_TEST_DEVNODE_HTTP
ws=$SEISMIC_TEST_DEVNODE_WS
passed=0
failed=0
tmp=$(mktemp -d)
bg_pids=()
cleanup() {
    for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
    rpc evm_setAutomine '[true]' >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT

export SEISMIC_RPC_URL=$http
unset PRIVATE_KEY
key0=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
addr0=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
key1=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
addr1=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
addr2=0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC
tee=0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0

# rpc METHOD [PARAMS_JSON]: one JSON-RPC call to the dev node with node's fetch; prints the result.
rpc() {
    node -e '
const [url, method, params] = process.argv.slice(1);
fetch(url, {method: "POST", headers: {"content-type": "application/json"},
            body: JSON.stringify({jsonrpc: "2.0", id: 1, method, params: JSON.parse(params)})})
  .then(r => r.json())
  .then(j => { if (j.error) { console.error(JSON.stringify(j.error)); process.exit(1); } console.log(JSON.stringify(j.result)); })
  .catch(e => { console.error(String(e)); process.exit(1); });' "$http" "$1" "${2:-[]}"
}

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

# expect_match NAME REGEX COMMAND...: exit 0 and stdout matches the extended regex.
expect_match() {
    local name=$1 pattern=$2
    shift 2
    local got code
    got=$("$@" 2>"$tmp/err")
    code=$?
    if [ $code -eq 0 ] && printf '%s\n' "$got" | grep -qE -e "$pattern"; then ok; else
        ko "$name (exit $code)" "want match: $pattern" "got:  $got" "err:  $(cat "$tmp/err")"
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
        ko "$name (exit $code)" "stdout: $got" "stderr: $(cat "$tmp/err")" "wanted stderr matching: $pattern"
    fi
}

# check NAME TEST...: the test command succeeds.
check() {
    local name=$1
    shift
    if "$@"; then ok; else ko "$name" "failed: $*"; fi
}

now_ms() { date +%s%3N; }

# wait_for_line FILE REGEX SECONDS: until the file has a matching line.
wait_for_line() {
    local end=$(($(now_ms) + $3 * 1000))
    while [ "$(now_ms)" -lt $end ]; do
        grep -qE "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

K0=(--private-key "$key0")

# --- chain state ---
expect "chain-id" 31337 "$bin" chain-id
expect "chain-id --json" 31337 "$bin" --json chain-id
expect "options after the command" 31337 env -u SEISMIC_RPC_URL "$bin" chain-id --rpc-url "$http"
expect "rpc url from SEISMIC_RPC_URL" 31337 env SEISMIC_RPC_URL="$http" "$bin" chain-id
expect_match "block-number" '^[0-9]+$' "$bin" block-number
expect_match "gas-price" '^[0-9]+$' "$bin" gas-price
expect "tee-key" $tee "$bin" tee-key
expect "tee-key --json" "\"$tee\"" "$bin" tee-key --json
expect "balance of an empty account" 0 "$bin" balance 0x000000000000000000000000000000000000dEaD --ether
expect "nonce defaults to the key's address" "$("$bin" nonce $addr0)" "$bin" nonce "${K0[@]}"

# --- balances: one batch at one pinned block, and --sequential for comparison ---
n=$("$bin" block-number)
batch=$("$bin" balances $addr0 $addr1 $addr2 0x000000000000000000000000000000000000dEaD --block "$n" 2>"$tmp/batch.err")
check "balances: one line per address" [ "$(printf '%s\n' "$batch" | wc -l)" -eq 4 ]
check "balances: address and wei" grep -qE "^$addr1 [0-9]+$" <<<"$batch"
check "balances: the dead address is empty" grep -q "^0x000000000000000000000000000000000000dEaD 0$" <<<"$batch"
check "balances: block and time on stderr" grep -qE "^block $n 0x[0-9a-f]{64}: 4 balances in [0-9.]+ ms \(concurrent" "$tmp/batch.err"
expect "balances --sequential agree" "$batch" "$bin" balances $addr0 $addr1 $addr2 0x000000000000000000000000000000000000dEaD --block "$n" --sequential
"$bin" balances $addr0 $addr1 --block "$n" --sequential >/dev/null 2>"$tmp/seq.err"
check "balances --sequential: stderr" grep -qE "^block $n 0x[0-9a-f]{64}: 2 balances in [0-9.]+ ms \(sequential" "$tmp/seq.err"
expect "balances --json" "$n $(printf '%s\n' "$batch" | sed -n 2p | cut -d' ' -f2)" \
    sh -c "'$bin' --json balances $addr0 $addr1 --block $n 2>/dev/null | jq -r '\"\\(.blockNumber) \\(.balances[1].wei)\"'"
expect "balances agree with balance" "$(printf '%s\n' "$batch" | sed -n 1p | cut -d' ' -f2)" "$bin" balance $addr0 --block "$n"

# --- deploy the SeismicCounter ---
deploy_out=$("$bin" deploy --artifact "$artifacts" --contract SeismicCounter --wait "${K0[@]}" 2>"$tmp/deploy.err")
check "deploy exits 0" [ $? -eq 0 ]
counter=$(awk '$1 == "contractAddress" {print $2}' <<<"$deploy_out")
deploy_hash=$(awk '$1 == "transactionHash" {print $2}' <<<"$deploy_out")
check "deploy prints the contract address" grep -qE '^0x[0-9a-fA-F]{40}$' <<<"$counter"
check "deploy prints the tx hash" grep -qE '^0x[0-9a-f]{64}$' <<<"$deploy_hash"
check "deploy --wait reports the block" grep -q "mined in block" "$tmp/deploy.err"
expect "deploy: the receipt's contractAddress" "$(tr 'A-F' 'a-f' <<<"$counter")" \
    sh -c "'$bin' --json receipt $deploy_hash | jq -r .contractAddress | tr A-F a-f"
start_block=$("$bin" block-number)

# --- shielded write, signed read, transparent call and send ---
sw=$("$bin" swrite "$counter" 'setNumber(suint256)' 42 --wait "${K0[@]}" 2>"$tmp/sw.err")
check "swrite --wait exits 0" [ $? -eq 0 ]
check "swrite prints the tx hash" grep -qE '^0x[0-9a-f]{64}$' <<<"$sw"
check "swrite --wait: mined, success" grep -qE "mined in block [0-9]+, status success" "$tmp/sw.err"
expect "sread getNumber" 42 "$bin" sread "$counter" 'getNumber() returns (uint256)' "${K0[@]}"
expect "sread --json" '["42"]' "$bin" --json sread "$counter" 'getNumber() returns (uint256)' "${K0[@]}"
expect "call getNumber" 42 "$bin" call "$counter" 'getNumber() returns (uint256)'
expect "call without returns: raw data" 0x000000000000000000000000000000000000000000000000000000000000002a \
    "$bin" call "$counter" 'getNumber()'
expect "call isOdd --json" '[false]' "$bin" call "$counter" 'isOdd() returns (bool)' --json
expect "sread whoAmI is the key's address" $addr0 "$bin" sread "$counter" 'whoAmI() returns (address)' "${K0[@]}"
expect "tx of a shielded write is 0x4a" 0x4a sh -c "'$bin' tx $sw --json | jq -r .type"
expect_match "tx plain shows the hash" "^hash +$sw$" "$bin" tx "$sw"
check "swrite --json" grep -qE '^0x[0-9a-f]{64}$' <<<"$("$bin" swrite "$counter" 'setNumber(suint256)' 7 --eip712 --json "${K0[@]}" | jq -r .transactionHash)"
expect "swrite --eip712 then sread" 7 "$bin" sread "$counter" 'getNumber() returns (uint256)' "${K0[@]}"
send_hash=$(PRIVATE_KEY=$key0 "$bin" send "$counter" 'increment()' --wait 2>"$tmp/send.err")
check "send --wait exits 0" [ $? -eq 0 ]
check "send --wait: mined, success" grep -q "status success" "$tmp/send.err"
expect "call after send" 8 "$bin" call "$counter" 'getNumber() returns (uint256)'
expect "send with --json --wait: receipt status" 0x1 \
    sh -c "PRIVATE_KEY=$key0 '$bin' send $counter 'setNumber(suint256)' 9 --value 1000 --gas 100000 --wait --json 2>/dev/null | jq -r .receipt.status"
expect "send --value reached the contract" 1000 "$bin" balance "$counter"
expect "transparent setNumber" 9 "$bin" call "$counter" 'getNumber() returns (uint256)'
expect_error "sread revert reason" "secret revert" "$bin" sread "$counter" 'revertWithSecret()' "${K0[@]}"
expect_error "call revert reason" "secret revert" "$bin" call "$counter" 'revertWithSecret()'
expect_error "send reverting: estimate fails" "unknown selector|revert" \
    "$bin" send "$counter" 'nothing()' "${K0[@]}"

# --- receipts, transactions, blocks, logs ---
expect_match "receipt status" '^status +1 \(success\)$' "$bin" receipt "$send_hash"
expect "receipt --json" 0x1 sh -c "'$bin' receipt $send_hash --json | jq -r .status"
block_of_sw=$("$bin" --json receipt "$sw" | jq -r .blockNumber)
block_of_sw=$((block_of_sw))
expect_match "block NUMBER" "^number +$block_of_sw$" "$bin" block "$block_of_sw"
expect_match "block --full lists the tx" "^  $sw 0x[0-9a-fA-F]{40} -> " "$bin" block "$block_of_sw" --full
block_hash=$("$bin" block "$block_of_sw" --json | jq -r .hash)
expect "block by hash" "$block_of_sw" sh -c "'$bin' block $block_hash --json | jq -r .number | xargs printf '%d\n'"
expect_match "block latest" '^hash +0x[0-9a-f]{64}$' "$bin" block latest
expect_match "logs by address and event" "^block $block_of_sw tx $sw index [0-9]+ address $(tr 'A-F' 'a-f' <<<"$counter") " \
    "$bin" logs --from "$start_block" --address "$counter" --topic 'NumberSet(address)'
expect_match "logs by indexed address topic" "tx $sw " \
    "$bin" logs --from "$start_block" --address "$counter" --topic 'NumberSet(address)' --topic $addr0
expect "logs for another sender: none" "" \
    "$bin" logs --from "$start_block" --address "$counter" --topic 'NumberSet(address)' --topic $addr1
expect "logs --json" "$sw" sh -c "'$bin' logs --json --from $start_block --to latest --address $counter | jq -r '.[0].transactionHash'"

# --- receipt --wait: the transaction is mined 2.5 s later, progress shows on stderr ---
rpc evm_setAutomine '[false]' >/dev/null
pending=$("$bin" send "$counter" 'increment()' --gas 100000 "${K0[@]}")
expect_error "receipt --async of a pending tx" "not mined yet" "$bin" receipt "$pending" --async
"$bin" receipt "$pending" --wait >"$tmp/wait.out" 2>"$tmp/wait.err" &
wait_pid=$!
"$bin" receipt "$pending" status >"$tmp/wait-default.out" 2>/dev/null & # waits by default, as cast
default_pid=$!
bg_pids+=($wait_pid $default_pid)
sleep 2.5
rpc anvil_mine '["0x1"]' >/dev/null
rpc evm_setAutomine '[true]' >/dev/null
wait $wait_pid
check "receipt --wait exits 0" [ $? -eq 0 ]
wait $default_pid
check "receipt waits by default" [ $? -eq 0 ]
check "receipt waits by default: then prints the field" [ "$(cat "$tmp/wait-default.out")" = true ]
check "receipt --wait prints the receipt" grep -qE "^transactionHash +$pending$" "$tmp/wait.out"
check "receipt --wait progress on stderr" grep -qE "waiting for the receipt of $pending: 2 s" "$tmp/wait.err"
check "receipt --wait progress at most once per second" [ "$(grep -c 'waiting for the receipt' "$tmp/wait.err")" -le 4 ]
expect_error "receipt --wait times out" "within --timeout 1 s" \
    "$bin" receipt 0x00000000000000000000000000000000000000000000000000000000000000ff --wait --timeout 1
expect_error "receipt of an unknown tx: waits, then times out" "within --timeout 1 s" \
    "$bin" receipt 0x00000000000000000000000000000000000000000000000000000000000000ff --timeout 1

# --- watch over WebSocket while another command mines ---
timeout 30 "$bin" watch blocks --count 2 --rpc-url "$ws" >"$tmp/watch.out" 2>"$tmp/watch.err" &
watch_pid=$!
bg_pids+=($watch_pid)
wait_for_line "$tmp/watch.err" 'subscribed' 10
for _ in $(seq 1 20); do
    kill -0 $watch_pid 2>/dev/null || break
    rpc anvil_mine '["0x1"]' >/dev/null
    sleep 0.3
done
wait $watch_pid
check "watch blocks exits 0 after --count 2" [ $? -eq 0 ]
check "watch blocks: two lines" [ "$(grep -cE '^block [0-9]+ 0x[0-9a-f]{64} timestamp [0-9]+$' "$tmp/watch.out")" -eq 2 ]
check "watch blocks: announces the subscription" grep -q "subscribed to new blocks" "$tmp/watch.err"
# eight blocks mined at once arrive in one turn of the loop: still exactly --count lines
timeout 30 "$bin" watch blocks --count 2 --rpc-url "$ws" >"$tmp/watch8.out" 2>"$tmp/watch8.err" &
watch_pid=$!
bg_pids+=($watch_pid)
wait_for_line "$tmp/watch8.err" 'subscribed' 10
rpc anvil_mine '["0x8"]' >/dev/null
wait $watch_pid
check "watch blocks: eight blocks at once, --count 2 prints two" [ "$(grep -c '^block ' "$tmp/watch8.out")" -eq 2 ]
timeout 30 "$bin" --rpc-url "$ws" watch logs --address "$counter" --count 1 --json >"$tmp/wlogs.out" 2>"$tmp/wlogs.err" &
watch_pid=$!
bg_pids+=($watch_pid)
wait_for_line "$tmp/wlogs.err" 'subscribed' 10
logged=$("$bin" swrite "$counter" 'setNumber(suint256)' 11 "${K0[@]}")
wait $watch_pid
check "watch logs exits 0" [ $? -eq 0 ]
# The dev node maps Anvil's hash to the 0x4a hash only after Anvil answered eth_sendTransaction, and with
# automine the notification can leave before that (a dev node race): either hash is the shielded write.
anvil_twin=$(rpc devnode_getPlaintext "[\"$logged\"]" | jq -r .anvilHash)
check "watch logs --json: the shielded write's log" \
    grep -qE "^($logged|$anvil_twin)$" <<<"$(jq -r .transactionHash "$tmp/wlogs.out")"
expect "watch logs --json: the contract" "$(tr 'A-F' 'a-f' <<<"$counter")" jq -r .address "$tmp/wlogs.out"
# watch logs on the log watcher: history from a block, decoded, exactly --count, over WebSocket and HTTP
emitter=$("$bin" deploy --artifact "$artifacts" --contract Emitter --wait --json "${K0[@]}" 2>/dev/null | jq -r .contractAddress)
check "deploy Emitter" grep -qE '^0x[0-9a-fA-F]{40}$' <<<"$emitter"
"$bin" send "$emitter" 'emitMany(uint256)' 3 --wait "${K0[@]}" >/dev/null 2>&1
numbered='event Numbered(uint256 indexed seq, address indexed sender, uint256 square, string label)'
for url in "$ws" "$http"; do
    timeout 30 "$bin" --rpc-url "$url" watch logs --address "$emitter" --event "$numbered" --from-block 0 --count 3 \
        --json >"$tmp/wev.out" 2>"$tmp/wev.err"
    check "watch logs --event ($url) exits 0" [ $? -eq 0 ]
    expect "watch logs --event --json ($url): decoded args, in order, exactly --count" \
        $'0 0 #0 false\n1 1 #1 false\n2 4 #2 false' jq -r '"\(.args.seq) \(.args.square) \(.args.label) \(.removed)"' "$tmp/wev.out"
    expect "watch logs --event --json ($url): sender" "$addr0" jq -rs '.[0].args.sender' "$tmp/wev.out"
done
expect "watch logs --json keys" "address,args,blockHash,blockNumber,logIndex,removed,transactionHash" \
    sh -c "head -n 1 '$tmp/wev.out' | jq -r 'keys | join(\",\")'"
expect_match "watch logs (text): name=value, unnamed by position" \
    "^block [0-9]+ tx 0x[0-9a-f]{64} index [0-9]+ address $emitter 0=1 sender=$addr0 square=1 label=#1$" \
    sh -c "'$bin' --rpc-url '$http' watch logs --address $emitter --event 'Numbered(uint256 indexed, address indexed sender, uint256 square, string label)' --from-block earliest --count 2 2>/dev/null | tail -n 1"
expect_error "watch logs: a bad event" "uint257" "$bin" --rpc-url "$ws" watch logs --event 'E(uint257)' --count 1
expect_error "watch needs a ws:// URL" "WebSocket.*ws://" "$bin" watch blocks --count 1
expect_error "watch: blocks or logs" "blocks or logs" "$bin" watch heads --rpc-url "$ws"

# --- SRC20 ---
if jq -e '.contracts.SRC20Token' "$artifacts" >/dev/null; then
    token=$("$bin" deploy --artifact "$artifacts" --contract SRC20Token 'Secret Token' SEC 18 --wait --json "${K0[@]}" 2>/dev/null |
        jq -r .contractAddress)
    check "deploy SRC20Token with constructor arguments" grep -qE '^0x[0-9a-fA-F]{40}$' <<<"$token"
    expect "src20 info" $'name         Secret Token\nsymbol       SEC\ndecimals     18\ntotalSupply  0' "$bin" src20 info "$token"
    "$bin" send "$token" 'mint(address,uint256)' $addr0 1000 --wait "${K0[@]}" >/dev/null 2>&1
    expect "src20 info --json after mint" 1000 sh -c "'$bin' src20 info $token --json | jq -r .totalSupply"
    expect "src20 balance (signed read)" 1000 "$bin" src20 balance "$token" "${K0[@]}"
    viewing_key=0x$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
    expect_match "src20 register-key --wait" '^0x[0-9a-f]{64}$' "$bin" src20 register-key "$viewing_key" --wait "${K0[@]}"
    expect "the Directory has the key" true "$bin" call 0x1000000000000000000000000000000000000004 \
        'checkHasKey(address) returns (bool)' $addr0
    from=$(("$("$bin" block-number)" + 1))
    timeout 30 "$bin" src20 watch --token "$token" --viewing-key "$viewing_key" --count 1 --from $from \
        >"$tmp/src20.out" 2>"$tmp/src20.err" &
    poll_pid=$!
    timeout 30 "$bin" --rpc-url "$ws" src20 watch --viewing-key "$viewing_key" --count 1 --from $from --json \
        >"$tmp/src20ws.out" 2>"$tmp/src20ws.err" &
    sub_pid=$!
    bg_pids+=($poll_pid $sub_pid)
    sleep 1.5 # the subscription is confirmed by then
    transfer=$("$bin" src20 transfer "$token" $addr1 250 --wait "${K0[@]}" 2>"$tmp/transfer.err")
    check "src20 transfer --wait" grep -qE '^0x[0-9a-f]{64}$' <<<"$transfer"
    expect "src20 balance after transfer" 750 "$bin" src20 balance "$token" "${K0[@]}"
    expect "src20 balance of the recipient" 250 "$bin" src20 balance "$token" --private-key $key1
    wait $poll_pid
    check "src20 watch (polling) exits 0" [ $? -eq 0 ]
    check "src20 watch (polling): decrypted Transfer" \
        grep -qE "^Transfer from $addr0 to $addr1 amount 250 token $token block [0-9]+ tx $transfer$" "$tmp/src20.out"
    wait $sub_pid
    code=$?; check "src20 watch (subscription) exits 0" [ $code -eq 0 ]; [ $code -eq 0 ] || cat "$tmp/src20ws.err"
    expect "src20 watch --json (subscription): amount" "Transfer $addr0 $addr1 250" \
        jq -r '"\(.event) \(.from) \(.to) \(.amount)"' "$tmp/src20ws.out"
    anvil_twin=$(rpc devnode_getPlaintext "[\"$transfer\"]" | jq -r .anvilHash) # the dev node race above
    check "src20 watch --json (subscription): the transfer" \
        grep -qE "^($transfer|$anvil_twin)$" <<<"$(jq -r .transactionHash "$tmp/src20ws.out")"
    expect_error "src20 watch needs a viewing key" "viewing-key" "$bin" src20 watch --count 1
    expect_error "src20 unknown subcommand" "unknown subcommand" "$bin" src20 burn "$token"
else
    echo "skipping SRC20: no SRC20Token in $artifacts"
fi

# --- a node that answers with odd but valid JSON: tx and receipt show it or refuse it, never crash ---
cat >"$tmp/odd-node.js" <<'NODE'
// Answers every method from the table in argv[2] (method -> result), an id for each call of a batch.
const results = JSON.parse(process.argv[2]);
const server = require('http').createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    let calls;
    try {
      calls = JSON.parse(body);
    } catch (e) {
      res.statusCode = 400;
      return res.end();
    }
    const answer = (c) => ({jsonrpc: '2.0', id: c.id, result: c.method in results ? results[c.method] : null});
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(Array.isArray(calls) ? calls.map(answer) : answer(calls)));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
NODE
h64=0x1111111111111111111111111111111111111111111111111111111111111111
long_key=$(printf 'k%.0s' $(seq 1 60))
odd_tx="{\"hash\":\"$h64\",\"type\":\"0x77\",\"nonce\":\"0x1\",\"from\":\"$addr0\",\"to\":null,\"value\":\"0x0\",\"gas\":\"0x5208\",\"input\":\"0x\",\"$long_key\":[\"0x1\",\"0x2\"],\"nested\":{\"a\":[1,{\"b\":null}]},\"blockHash\":null}"
odd_receipt="{\"status\":\"0x1\",\"transactionHash\":\"$h64\",\"transactionIndex\":\"0x0\",\"blockNumber\":\"0x1\",\"blockHash\":\"$h64\",\"from\":\"$addr0\",\"to\":null,\"contractAddress\":null,\"gasUsed\":\"0x1\",\"cumulativeGasUsed\":\"0x1\",\"logs\":\"not an array\"}"
coproc ODD { exec node "$tmp/odd-node.js" "{\"eth_getTransactionByHash\":$odd_tx,\"eth_getTransactionReceipt\":$odd_receipt}" 2>"$tmp/odd-node.err"; }
odd_pid=$ODD_PID # bash unsets ODD_PID once the process is gone
bg_pids+=($odd_pid)
read -r odd_port <&"${ODD[0]}"
odd=http://127.0.0.1:$odd_port
"$bin" --rpc-url "$odd" tx $h64 >"$tmp/odd.out" 2>"$tmp/odd.err"
check "odd tx: exit 0" [ $? -eq 0 ]
check "odd tx: a pending transaction of an unknown type" grep -qE '^type               0x77$' "$tmp/odd.out"
check "odd tx: a 60-letter member keeps its name, numbers one per line" \
    grep -qzF "$long_key [$(printf '\n\t1\n\t2\n')]" "$tmp/odd.out"
check "odd tx: an object member as its JSON" grep -qF 'nested               {"a":[1,{"b":null}]}' "$tmp/odd.out"
check "odd tx: no block, no index" grep -qE '^blockNumber +$' "$tmp/odd.out"
expect "odd tx --json: hash, type, the others by name, no block" \
    "hash,type,gas,input,$long_key,nested,nonce,to,value,blockHash,blockNumber,transactionIndex,from" \
    sh -c "'$bin' --rpc-url '$odd' tx $h64 --json | node -e 'let s=\"\";process.stdin.on(\"data\",d=>s+=d).on(\"end\",()=>console.log(Object.keys(JSON.parse(s)).join()))'"
expect_error "odd receipt: logs that are not an array" "malformed" "$bin" --rpc-url "$odd" receipt $h64
expect_error "odd tx: an unknown field" "invalid tx field: nested" "$bin" --rpc-url "$odd" tx $h64 nested
expect_error "odd node: a null block" "block 7 not found" "$bin" --rpc-url "$odd" block 7
check "the odd node ran to the end" kill "$odd_pid"
wait "$odd_pid" 2>/dev/null
[ -s "$tmp/odd-node.err" ] && cat "$tmp/odd-node.err"

# --- errors ---
expect_error "send without a key" "PRIVATE_KEY" "$bin" send "$counter" 'increment()'
expect_error "swrite without a key" "--private-key KEY or set the PRIVATE_KEY" "$bin" swrite "$counter" 'setNumber(suint256)' 1
expect_error "sread without a key" "PRIVATE_KEY" "$bin" sread "$counter" 'getNumber() returns (uint256)'
expect_error "deploy without a key" "PRIVATE_KEY" "$bin" deploy --artifact "$artifacts" --contract SeismicCounter
expect_error "nonce without address or key" "PRIVATE_KEY" "$bin" nonce
expect_error "src20 balance without a key" "PRIVATE_KEY" "$bin" src20 balance "$counter"
expect_error "bad private key" "private key from PRIVATE_KEY" env PRIVATE_KEY=0x1234 "$bin" send "$counter" 'increment()'
expect_error "bad URL scheme" "rpc-url ftp://" "$bin" --rpc-url ftp://example.com chain-id
expect_error "bad timeout" "timeout" "$bin" --timeout zero chain-id
expect_error "unknown option" "unknown option --frobnicate" "$bin" balance $addr0 --frobnicate
expect_error "bad address" "not an address" "$bin" balance 0x1234
expect_error "bad block" "block yesterday" "$bin" block yesterday
expect_error "unknown transaction" "not found" "$bin" tx 0x00000000000000000000000000000000000000000000000000000000000000ff
expect_error "unknown artifact contract" "no contract Nope" "$bin" deploy --artifact "$artifacts" --contract Nope "${K0[@]}"
expect_error "missing option value" "--block needs a value" "$bin" balance $addr0 --block
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
t0=$(now_ms)
expect_error "unreachable node" "Connection refused|connect.*is a node running at http://127.0.0.1:$port" \
    "$bin" --rpc-url "http://127.0.0.1:$port" --timeout 3 chain-id
check "unreachable node: within the timeout" [ $(($(now_ms) - t0)) -lt 4500 ]
t0=$(now_ms)
expect_error "watch: unreachable WebSocket node" "eth_subscribe.*(refused|within --timeout 2 s)" \
    "$bin" --rpc-url "ws://127.0.0.1:$port" --timeout 2 watch blocks --count 1
check "watch: unreachable node within the timeout" [ $(($(now_ms) - t0)) -lt 3500 ]
if [ -n "${SEISMIC_TEST_FAULT_HTTP:-}" ]; then
    t0=$(now_ms)
    expect_error "silent node: timeout" "within --timeout 1 s" "$bin" --rpc-url "$SEISMIC_TEST_FAULT_HTTP/stall" --timeout 1 block-number
    check "silent node: within the timeout" [ $(($(now_ms) - t0)) -lt 2500 ]
fi
if [ -n "${SEISMIC_TEST_ANVIL_HTTP:-}" ]; then
    expect_error "tee-key on a plain anvil" "seismic_getTeePublicKey" "$bin" --rpc-url "$SEISMIC_TEST_ANVIL_HTTP" tee-key
fi

for cmd in chain-id block-number gas-price balance balances nonce block tx receipt estimate tee-key call send sread swrite deploy \
    logs watch src20; do
    if "$bin" $cmd --help | grep -q "usage: seismic $cmd"; then ok; else ko "$cmd --help"; fi
done
expect_match "help lists the global options" "--rpc-url URL" "$bin" help
# the node from ETH_RPC_URL as cast reads it (SEISMIC_RPC_URL and --rpc-url come first), and -r
chain=$("$bin" --rpc-url "$http" chain-id)
expect "ETH_RPC_URL" "$chain" env -u SEISMIC_RPC_URL ETH_RPC_URL="$http" "$bin" chain-id
expect "SEISMIC_RPC_URL before ETH_RPC_URL" "$chain" env SEISMIC_RPC_URL="$http" ETH_RPC_URL=http://127.0.0.1:1 "$bin" chain-id
expect "-r URL" "$chain" env -u SEISMIC_RPC_URL ETH_RPC_URL=http://127.0.0.1:1 "$bin" -r "$http" chain-id

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
