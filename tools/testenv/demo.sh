#!/usr/bin/env bash
# Runs every example against a local Seismic dev node, with a heading for each:
#     make && bash tools/testenv/demo.sh
# Starts the test environment (Anvil + the dev node, on free ports; tools/testenv/testenv.js), deploys the
# example contracts (tools/testenv/deploy_contracts.c), exports RPC_URL, WS_URL, PRIVATE_KEY, COUNTER_ADDRESS
# and TOKEN_ADDRESS, runs the examples in order, and stops the servers at the end, also on failure or
# Ctrl-C. Needs node and the npm packages of tools/testenv/ (`make deps` or `npm ci --prefix tools/testenv`).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
ENV_DIR=$BUILD/demo-env
EX=$BUILD/examples

if [ -t 1 ]; then bold=$'\033[1m'; red=$'\033[31m'; plain=$'\033[0m'; else bold=; red=; plain=; fi
heading() { printf '\n%s== %s%s\n' "$bold" "$1" "$plain"; }

# The examples in order, each with one line saying what it shows.
EXAMPLES=(
    "01_basic_setup|a client and a wallet, chain id and block number, clean shutdown"
    "02_concurrent_reads|four reads in flight at once (one batch), then all printed"
    "03_concurrent_contract_reads|five getValue(i) contract reads at once, results in order"
    "04_concurrent_shielded_writes|five shielded writes in flight; the nonce manager keeps them apart"
    "05_retries|the node fails twice (HTTP 503), the client retries with backoff; then a dead endpoint and a fallback"
    "06_cleanup|the client is shut down on success, on error and on timeout"
    "07_websocket_events|SRC20 Transfer events over WebSocket, decrypted, while the program makes transfers"
    "08_connection_pool|10 workers x 5 operations over a pool of 3 connections"
    "09_timeouts|a 5 s timeout on one operation; a 2 s deadline on a group"
    "10_rate_limiting|20 calls at 5 per second after a burst of 10"
    "11_production_wrapper|connect with retries, one logger, timeouts, signed reads"
    "12_src20|token name, symbol and private balance at once; a transfer; its event decrypted"
    "13_balances_at_block|100 balances at one block hash in one batch, against one at a time (through a proxy that adds 25 ms each way, as a remote node would)"
    "14_bittensor|Bittensor: 100 coldkey balances in one state_queryStorageAt, against one at a time (chopsticks running the subtensor runtime, through the 25 ms proxy)"
    "15_bittensor_neurons|Bittensor: neurons_lite of every subnet gathered, against one subnet after another (chopsticks, 25 ms proxy)"
    "bundled_loop|the bundled select() loop: three calls, one batch"
    "frame_loop|a game-style frame loop that never blocks"
    "libuv_loop|the client driven by libuv"
    "offline_shielded_tx|a shielded transaction built, encrypted and signed offline"
)

missing=0
[ -x "$BUILD/tools/deploy_contracts" ] || { echo "missing $BUILD/tools/deploy_contracts: run make first"; missing=1; }
for entry in "${EXAMPLES[@]}"; do
    name=${entry%%|*}
    [ -x "$EX/$name" ] || { echo "missing $EX/$name: run make first"; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1

stop_env() { node tools/testenv/testenv.js stop --dir "$ENV_DIR" >/dev/null 2>&1; }
trap stop_env EXIT
trap 'exit 130' INT TERM

heading "starting a local dev node (Anvil + the Seismic dev node)"
if ! node tools/testenv/testenv.js start --dir "$ENV_DIR" --ttl-s 1800 >"$ENV_DIR.start.log" 2>&1; then
    cat "$ENV_DIR.start.log"
    echo "${red}could not start the test environment (is node installed? run: npm ci --prefix tools/testenv)${plain}"
    exit 1
fi
# shellcheck disable=SC1091
. "$ENV_DIR/env.sh"
export RPC_URL=$SEISMIC_TEST_DEVNODE_HTTP
export TAO_URL=$SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP
export WS_URL=$SEISMIC_TEST_DEVNODE_WS
export PRIVATE_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 # Anvil's account #0
echo "RPC_URL=$RPC_URL"
echo "WS_URL=$WS_URL"

heading "deploying the example contracts (tools/testenv/deploy_contracts.c)"
if ! exports=$("$BUILD/tools/deploy_contracts"); then
    echo "${red}deploying failed${plain}"
    exit 1
fi
eval "$exports"
echo "$exports"

# stdout line-buffered, so that lines on stdout and stderr (the logger) keep their order
run=()
command -v stdbuf >/dev/null && run=(stdbuf -oL)
failed=()
for entry in "${EXAMPLES[@]}"; do
    name=${entry%%|*}
    heading "$name: ${entry#*|}"
    url=$RPC_URL
    [ "$name" = 13_balances_at_block ] && url=$SEISMIC_TEST_LATENCY_HTTP
    if ! RPC_URL=$url timeout 120 ${run[@]+"${run[@]}"} "$EX/$name" 2>&1; then
        echo "${red}$name failed${plain}"
        failed+=("$name")
    fi
done

heading "done"
if [ ${#failed[@]} -eq 0 ]; then
    echo "all ${#EXAMPLES[@]} examples ran; stopping the servers"
else
    echo "${red}${#failed[@]} of ${#EXAMPLES[@]} examples failed: ${failed[*]}${plain}"
    exit 1
fi
