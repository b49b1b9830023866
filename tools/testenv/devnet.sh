#!/usr/bin/env bash
# A local Seismic dev node for your own programs, with the example contracts deployed:
#     make devnet                 starts it in the background on http://127.0.0.1:8545 (DEVNET_PORT=...)
#     make devnet-stop            stops it
# Prints the URL, the funded key and the contract addresses, also as shell exports in build/devnet/env.sh.
# The dev node (tools/testenv/devnode) runs in front of Anvil; the contracts are deployed by
# build/tools/deploy_contracts (SeismicCounter with number 42, SRC20Token with 1000 DEMO).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
DIR=${DEVNET_DIR:-$BUILD/devnet}
PORT=${DEVNET_PORT:-8545}
KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 # Anvil's account #0, 10000 ETH
ADDRESS=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266

running() { [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }

stop() {
    if running; then
        kill -TERM "$(cat "$DIR/pid")" 2>/dev/null
        for _ in $(seq 50); do running || break; sleep 0.1; done
        running && kill -KILL "$(cat "$DIR/pid")" 2>/dev/null
        echo "devnet stopped"
    fi
    rm -f "$DIR/pid"
}

case "${1:-start}" in
stop) stop; exit 0 ;;
start) ;;
*) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

if running; then
    echo "a devnet is already running (pid $(cat "$DIR/pid")); its settings:"
    cat "$DIR/env.sh"
    exit 0
fi
[ -x "$BUILD/tools/deploy_contracts" ] || { echo "missing $BUILD/tools/deploy_contracts: run make first" >&2; exit 1; }
mkdir -p "$DIR"
: >"$DIR/devnode.log"
# setsid: the node and its Anvil outlive this script and ignore the terminal's Ctrl-C
setsid node tools/testenv/devnode/devnode.js --port "$PORT" --spawn-anvil >"$DIR/devnode.log" 2>&1 </dev/null &
echo $! >"$DIR/pid"
for _ in $(seq 300); do
    grep -q "devnode listening on" "$DIR/devnode.log" && break
    running || break
    sleep 0.1
done
if ! grep -q "devnode listening on" "$DIR/devnode.log"; then
    echo "the dev node did not start (is port $PORT free? DEVNET_PORT=... picks another); its log:" >&2
    tail -n 20 "$DIR/devnode.log" >&2
    stop >/dev/null
    exit 1
fi
URL=http://127.0.0.1:$PORT
if ! exports=$(RPC_URL=$URL PRIVATE_KEY=$KEY "$BUILD/tools/deploy_contracts" 2>"$DIR/deploy.log"); then
    echo "deploying the example contracts failed:" >&2
    cat "$DIR/deploy.log" >&2
    stop >/dev/null
    exit 1
fi
eval "$exports"
cat >"$DIR/env.sh" <<EOF
export RPC_URL=$URL
export WS_URL=ws://127.0.0.1:$PORT
export PRIVATE_KEY=$KEY
export COUNTER_ADDRESS=$COUNTER_ADDRESS
export TOKEN_ADDRESS=$TOKEN_ADDRESS
EOF
cat <<EOF
Seismic dev node  $URL   (WebSocket ws://127.0.0.1:$PORT)
funded key        $KEY
  its address     $ADDRESS (10000 ETH, 1000 DEMO tokens)
SeismicCounter    $COUNTER_ADDRESS   (setNumber(suint256), getNumber(); number is 42)
SRC20Token        $TOKEN_ADDRESS
shell settings    . $DIR/env.sh      (RPC_URL, WS_URL, PRIVATE_KEY, COUNTER_ADDRESS, TOKEN_ADDRESS)
stop it with      make devnet-stop
EOF
