#!/usr/bin/env bash
# Runs every example against the dev node and checks what it printed, not only its exit code.
# Prints "ok"/"FAIL" per check and a final line "N passed, N failed" (exit 1 if any failed).
#     make && bash tests/examples.sh
# Uses the servers of an environment already loaded in this shell (SEISMIC_TEST_DEVNODE_HTTP set, as in
# tests/run.sh), else starts its own in build/examples-env and stops it at the end.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
EX=$BUILD/examples
LOG=$BUILD/test-logs/examples
mkdir -p "$LOG"
passed=0
failed=0

if [ -z "${SEISMIC_TEST_DEVNODE_HTTP:-}" ]; then
    env_dir=$BUILD/examples-env
    if ! node tools/testenv/testenv.js start --dir "$env_dir" --ttl-s 900 >"$LOG/testenv.out" 2>&1; then
        cat "$LOG/testenv.out"
        echo "0 passed, 1 failed"
        exit 1
    fi
    trap 'node tools/testenv/testenv.js stop --dir "$env_dir" >/dev/null 2>&1' EXIT
    # shellcheck disable=SC1091
    . "$env_dir/env.sh"
fi
export RPC_URL=$SEISMIC_TEST_DEVNODE_HTTP
export WS_URL=$SEISMIC_TEST_DEVNODE_WS
export TAO_URL=$SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP
export PRIVATE_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
ME=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
OTHER=0x70997970C51812dc3A010C7d01b50e0d17dc79C8

# stdout line-buffered, so that stdout and stderr (the logger) keep their order in the log
LINEBUF=()
command -v stdbuf >/dev/null && LINEBUF=(stdbuf -oL)

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1: $2"
    [ -f "$LOG/$3.out" ] && tail -n 25 "$LOG/$3.out" | sed 's/^/    /'
}

# run NAME [TIMEOUT]: runs the example into $LOG/NAME.out; false (and one failure) if it failed.
run() {
    local name=$1 limit=${2:-120}
    if [ ! -x "$EX/$name" ]; then
        fail "$name" "not built (run make)" "$name"
        return 1
    fi
    timeout "$limit" ${LINEBUF[@]+"${LINEBUF[@]}"} "$EX/$name" >"$LOG/$name.out" 2>&1
    local code=$?
    if [ $code -ne 0 ]; then
        fail "$name" "exit code $code" "$name"
        return 1
    fi
    return 0
}

# expect NAME WHAT REGEX [COUNT]: the output has a line matching REGEX (exactly COUNT lines if given).
expect() {
    local name=$1 what=$2 regex=$3 count=${4:-}
    local n
    n=$(grep -cE -- "$regex" "$LOG/$name.out")
    if { [ -z "$count" ] && [ "$n" -ge 1 ]; } || { [ -n "$count" ] && [ "$n" -eq "$count" ]; }; then
        pass "$name: $what"
    else
        fail "$name" "$what: /$regex/ matched $n lines${count:+, expected $count}" "$name"
    fi
}

# verify NAME WHAT AWK_PROGRAM: the awk program reads the output and exits 0 if it is right (it may
# print why not).
verify() {
    local name=$1 what=$2 program=$3 why
    if why=$(awk "$program" "$LOG/$name.out"); then
        pass "$name: $what"
    else
        fail "$name" "$what${why:+: $why}" "$name"
    fi
}

# --- contracts for the examples
if [ -x "$BUILD/tools/deploy_contracts" ] && "$BUILD/tools/deploy_contracts" >"$LOG/deploy.exports" 2>"$LOG/deploy_contracts.out" &&
    grep -qE '^export COUNTER_ADDRESS=0x[0-9a-fA-F]{40}$' "$LOG/deploy.exports" &&
    grep -qE '^export TOKEN_ADDRESS=0x[0-9a-fA-F]{40}$' "$LOG/deploy.exports"; then
    # shellcheck disable=SC1091
    . "$LOG/deploy.exports"
    pass "deploy_contracts: prints COUNTER_ADDRESS and TOKEN_ADDRESS"
else
    fail "deploy_contracts" "no addresses" deploy_contracts
fi

if run 01_basic_setup; then
    expect 01_basic_setup "wallet address" "^wallet $ME$"
    expect 01_basic_setup "chain id and block" "^chain id 31337, block number [0-9]+$"
    verify 01_basic_setup "every request finished" '
        /^clean shutdown:/ { seen = 1; if ($3 != $6 || $3 == 0) { print $0; exit 1 } }
        END { if (!seen) exit 1 }'
fi

if run 02_concurrent_reads; then
    expect 02_concurrent_reads "chain id" "^chain id: +31337$"
    expect 02_concurrent_reads "block number" "^block number: +[0-9]+$"
    expect 02_concurrent_reads "balance" "^balance: +[0-9.]+ ETH \\($ME\\)$"
    expect 02_concurrent_reads "TEE key" "^TEE public key: 0x0[23][0-9a-f]{64}$"
    expect 02_concurrent_reads "one HTTP request" "^4 calls, 1 HTTP request$"
fi

if run 03_concurrent_contract_reads; then
    verify 03_concurrent_contract_reads "getValue(0..4) = 100..500 in order" '
        /^getValue\(/ { want = "getValue(" n + 0 ") = " (n + 1) * 100; if ($0 != want) { print $0 " (expected " want ")"; exit 1 } n++ }
        END { if (n != 5) { print n " results"; exit 1 } }'
    expect 03_concurrent_contract_reads "one HTTP request" "^5 reads, 1 HTTP request$"
fi

if run 04_concurrent_shielded_writes; then
    expect 04_concurrent_shielded_writes "five sent" "^write [1-5]: sent setValue\\([0-9]+\\), tx 0x[0-9a-f]{16}\\.\\.\\.$" 5
    verify 04_concurrent_shielded_writes "five confirmed, each in its own block" '
        /^write [1-5]: confirmed in block [0-9]+ \(success\)$/ { if (seen[$6]++) { print "block " $6 " twice"; exit 1 } n++ }
        END { if (n != 5) { print n " confirmed"; exit 1 } }'
    expect 04_concurrent_shielded_writes "summary" "^5 of 5 writes confirmed$"
fi

# the fault switch is a dev node feature: 05 talks to the dev node
if run 05_retries; then
    # "[+ 113 ms] info: retry 2 of 3 in 291 ms after: HTTP 503 ..." -> the delay (291) must be in
    # [75, 150] for the first retry and [150, 300] for the second (150 ms doubling, "equal jitter")
    verify 05_retries "two retries after HTTP 503, backoff 150 ms doubling with jitter" '
        /info: retry [0-9]+ of 3 in [0-9]+ ms after: HTTP 503/ {
            match($0, /retry [0-9]+ of/); k = substr($0, RSTART + 6, RLENGTH - 9) + 0
            match($0, /in [0-9]+ ms after/); d = substr($0, RSTART + 3, RLENGTH - 12) + 0
            lo = k == 1 ? 75 : 150; hi = k == 1 ? 150 : 300
            if (k > 2 || d < lo || d > hi) { print "retry " k " after " d " ms"; exit 1 }
            n++ }
        END { if (n != 2) { print n + 0 " retries"; exit 1 } }'
    expect 05_retries "succeeds on the third attempt" "block [0-9]+ after 3 attempts$"
    expect 05_retries "dead endpoint reported" "warn: http://127\\.0\\.0\\.1:1: connect to 127\\.0\\.0\\.1:1: Connection refused"
    verify 05_retries "the fallback answers" '
        /^2\. / { part2 = 1 } part2 && /block [0-9]+ after [2-9] attempts$/ { ok = 1 }
        END { if (!ok) exit 1 }'
fi

if run 06_cleanup; then
    expect 06_cleanup "success path" '^  getNumber\(\) returned 42$'
    expect 06_cleanup "error path" "^  error: .*execution reverted: secret revert$"
    expect 06_cleanup "timeout path" "^  no receipt within 1000 ms$"
    expect 06_cleanup "the pending wait is ended by the cleanup" "^  the receipt wait ended: client shut down$"
    expect 06_cleanup "three cleanups" "^  cleanup: client destroyed" 3
    verify 06_cleanup "outcomes success, error, timeout" '
        /^  outcome:/ { got = got "|" substr($0, 12) }
        END { if (got != "|success|JSON-RPC error|timeout") { print got; exit 1 } }'
fi

if run 07_websocket_events 60; then
    verify 07_websocket_events "three decrypted Transfer events with their values" '
        /^event: block [0-9]+, from / {
            if ($5 != "'"$ME"'," || $7 != "'"$OTHER"',") { print $0; exit 1 }
            values = values " " $9; n++ }
        END { if (n != 3 || values != " 1 2.5 0.25") { print n " events:" values; exit 1 } }'
    expect 07_websocket_events "summary" "^3 events received over WebSocket$"
fi

if run 08_connection_pool; then
    expect 08_connection_pool "every worker finished" "^worker +[0-9]+ finished 5 operations \\(0 failed\\)$" 10
    expect 08_connection_pool "50 operations" "^10 workers x 5 operations: 50 finished, 0 failed$"
    verify 08_connection_pool "at most 3 connections and 3 in flight" '
        /^HTTP requests/ { seen = 1
            for (i = 1; i <= NF; i++) { if ($i == "opened") opened = $(i + 1) + 0; if ($i == "open") open = $(i + 1) + 0; if ($i == "flight") flight = $(i + 1) + 0 }
            if (opened < 1 || opened > 3 || open > 3 || flight > 3 || flight < 1) { print $0; exit 1 } }
        END { if (!seen) exit 1 }'
fi

if run 09_timeouts; then
    verify 09_timeouts "the 5 s timeout fires at 5 s" '
        /^1\. receipt wait with a 5 s timeout ended after [0-9.]+ s: timeout$/ { t = $(NF - 2); if (t < 4.9 || t > 5.8) { print t " s"; exit 1 } ok = 1 }
        END { if (!ok) exit 1 }'
    verify 09_timeouts "wait_all gives up at its 2 s deadline" '
        /^2\. wait_all with a 2 s deadline returned after [0-9.]+ s: timeout$/ { t = $(NF - 2); if (t < 1.9 || t > 2.8) { print t " s"; exit 1 } ok = 1 }
        END { if (!ok) exit 1 }'
    expect 09_timeouts "the quick ones finished" "^   eth_[a-zA-Z]+ +done: \"0x[0-9a-f]+\"$" 3
    expect 09_timeouts "the slow one was canceled" "^   receipt wait +still pending: canceled$" 1
fi

if run 10_rate_limiting; then
    verify 10_rate_limiting "burst of 10, then 5 per second (timestamps)" '
        /^call +[0-9]+ answered at \+ *[0-9]+ ms$/ {
            k = $2; t[k] = $(NF - 1); n++ }
        END {
            if (n != 20) { print n " calls"; exit 1 }
            for (k = 1; k <= 10; k++) if (t[k] > 150) { print "call " k " of the burst at " t[k] " ms"; exit 1 }
            for (k = 11; k <= 20; k++) {
                if (t[k] < (k - 10) * 200 - 30) { print "call " k " at " t[k] " ms, before " (k - 10) * 200 " ms"; exit 1 }
                if (t[k] - t[k - 1] < 150) { print "calls " k - 1 " and " k " only " t[k] - t[k - 1] " ms apart"; exit 1 }
            }
            if (t[20] > 3000) { print "call 20 at " t[20] " ms"; exit 1 }
        }'
fi

if run 11_production_wrapper; then
    expect 11_production_wrapper "connected, logged through the logger" "INFO  connected to .* as $ME \\(chain 31337, attempt 1\\)$"
    expect 11_production_wrapper "signed read of the number" '^getNumber\(\) -> 42$'
    expect 11_production_wrapper "signed read sees our address as msg.sender" "^whoAmI\\(\\) +-> $ME\$"
fi

if run 12_src20; then
    expect 12_src20 "name, symbol, balance" "^token Demo Token \\(DEMO\\), our balance [0-9.]+$"
    expect 12_src20 "transfer mined" "^transfer of 12\\.5 DEMO mined in block [0-9]+$"
    expect 12_src20 "event decrypted" "^Transfer event: from $ME to $OTHER, amount 12\\.5 DEMO \\(decrypted with our viewing key\\)$" 1
    verify 12_src20 "balance down by 12.5" '
        /^token / { before = $NF } /^our balance now / { after = $NF }
        END { d = before - after; if (d < 12.4999 || d > 12.5001) { print before " -> " after; exit 1 } }'
fi

if run 13_balances_at_block; then
    n=$(grep -oE '[0-9]+ 0x[0-9a-fA-F]{6}\.\.[0-9a-fA-F]{4} +[0-9.]+' "$LOG/13_balances_at_block.out" | wc -l)
    if [ "$n" -eq 100 ] && grep -qE '^  1 0xf39Fd6\.\.2266 +[1-9]' "$LOG/13_balances_at_block.out"; then
        pass "13_balances_at_block: 100 balances printed, ours first and not zero"
    else
        fail 13_balances_at_block "$n balances printed" 13_balances_at_block
    fi
    expect 13_balances_at_block "summary" "^100 balances printed$"
    expect 13_balances_at_block "the 100 balances in one batch" "^get_balances: +[0-9.]+ ms, 2 HTTP requests \\(1 to pin the block \\+ 1 batch of 100\\)$"
    expect 13_balances_at_block "sequential: 100 round trips" "^sequential: +[0-9.]+ ms, 100 HTTP requests"
fi

# Bittensor reads against chopsticks (the subtensor runtime) through the latency proxy
if run 14_bittensor; then
    expect 14_bittensor "100 balances in one HTTP request, one per address after" \
        "^100 balances at block [0-9]+ in one call: 1 HTTP request, [0-9]+ ms; one at a time: 100, [0-9]+ ms"
    expect 14_bittensor "a funded coldkey first" "^first: 5[1-9A-HJ-NP-Za-km-z]{47} τ[1-9][0-9]*\.[0-9]{9}$"
fi
if run 15_bittensor_neurons; then
    expect 15_bittensor_neurons "subnet 1 and its neurons" "^subnet 1: [0-9]+ neurons$"
    expect 15_bittensor_neurons "neurons of every subnet" "^neurons_lite of 2 subnets gathered: [0-9]+ ms; sequential: [0-9]+ ms"
fi

# the event-loop examples (also run by tests/run.sh against Anvil)
if run bundled_loop; then
    expect bundled_loop "three calls, one batch" "^chain 31337, block [0-9]+, balance [0-9.]+ ETH \\(1 HTTP request for 3 calls\\)$"
fi
if run frame_loop; then expect frame_loop "three answers" "^3 answers in [0-9]+ frames"; fi
if run libuv_loop; then expect libuv_loop "two answers" "^2 answers through libuv$"; fi
if run offline_shielded_tx; then expect offline_shielded_tx "round trip" "calldata decrypts back: yes$"; fi

# the README's first program, extracted verbatim, against the counter: first set to 7 (so that 42 must come
# from the program's own write), it prints exactly two lines, the transaction hash and the number read back
awk '/^## A shielded write and a signed read/ { section = 1 } section && /^```c$/ { code = 1; next }
     code && /^```$/ { exit } code { print }' README.md >"$LOG/readme.c"
CLI=$BUILD/seismic
if [ ! -s "$LOG/readme.c" ]; then
    fail readme "no C block under \"A shielded write and a signed read\" in README.md" readme
elif ! cc -std=c99 -Wall -Wextra -Wpedantic -Werror -I. "$LOG/readme.c" -o "$LOG/readme" -lsecp256k1 -lbearssl \
        >"$LOG/readme.out" 2>&1; then
    fail readme "the README program does not build" readme
elif [ -z "${COUNTER_ADDRESS:-}" ] || ! "$CLI" swrite "$COUNTER_ADDRESS" 'setNumber(suint256)' 7 --wait \
        --rpc-url "$RPC_URL" >"$LOG/readme.out" 2>&1 || [ "$("$CLI" sread "$COUNTER_ADDRESS" 'getNumber() returns (uint256)' \
        --rpc-url "$RPC_URL" 2>>"$LOG/readme.out")" != 7 ]; then
    fail readme "could not set the counter to 7 first" readme
elif COUNTER_ADDRESS=$COUNTER_ADDRESS timeout 60 "$LOG/readme" >"$LOG/readme.stdout" 2>"$LOG/readme.out"; then
    if [ "$(wc -l <"$LOG/readme.stdout")" -eq 2 ] && sed -n 1p "$LOG/readme.stdout" | grep -qE '^tx 0x[0-9a-f]{64}$' &&
        [ "$(sed -n 2p "$LOG/readme.stdout")" = "number 42" ]; then
        pass "README program: prints exactly 'tx 0x<64 hex>' then 'number 42'"
    else
        cat "$LOG/readme.stdout" >>"$LOG/readme.out"
        fail readme "unexpected output" readme
    fi
else
    cat "$LOG/readme.stdout" >>"$LOG/readme.out"
    fail readme "exit code $?" readme
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
