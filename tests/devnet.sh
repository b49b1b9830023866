#!/usr/bin/env bash
# make devnet as the README describes it: the dev node starts with the example contracts, prints its URL,
# the funded key and the addresses; the README's first program, compiled with the README's command, runs
# against it; seismic devnet stop stops it (seismic devnet runs the same script). Uses a free port instead
# of 8545 (the README's URL is rewritten).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
passed=0
failed=0
tmp=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export DEVNET_PORT=$port BUILD DEVNET_DIR=$BUILD/devnet-test
cleanup() { bash tools/testenv/devnet.sh stop >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; shift; for f in "$@"; do sed 's/^/    /' "$f" | tail -n 20; done; }

if bash tools/testenv/devnet.sh start >"$tmp/start.out" 2>&1; then ok; else bad "devnet starts" "$tmp/start.out"; fi
url=http://127.0.0.1:$port
for want in "Seismic dev node  $url" "funded key        0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" \
    "SeismicCounter    0x5FbDB2315678afecb367f032d93F642f64180aa3" "SRC20Token        0x" "make devnet-stop"; do
    if grep -qF -- "$want" "$tmp/start.out"; then ok; else bad "devnet prints '$want'" "$tmp/start.out"; fi
done
# shellcheck disable=SC1091
if . "$DEVNET_DIR/env.sh" && [ "$RPC_URL" = "$url" ] && [ -n "$TOKEN_ADDRESS" ]; then ok; else bad "env.sh exports"; fi
# `seismic devnet` is the same script: a second start (through the CLI) reuses the running devnet
if "$BUILD/seismic" devnet start --port "$port" 2>&1 | grep -q "already running"; then ok; else bad "a second start reuses the running devnet"; fi

# the deployed state, through the CLI: the counter holds 42, the account its 1000 DEMO
got=$("$BUILD/seismic" --rpc-url "$url" --private-key "$PRIVATE_KEY" sread "$COUNTER_ADDRESS" 'getNumber() returns (uint256)' 2>&1)
if [ "$got" = "42" ]; then ok; else bad "counter number is 42 (got '$got')"; fi
got=$("$BUILD/seismic" --rpc-url "$url" --private-key "$PRIVATE_KEY" src20 balance "$TOKEN_ADDRESS" 2>&1)
if [ "$got" = "1000000000000000000000" ]; then ok; else bad "DEMO balance is 1000 tokens (got '$got')"; fi

# the README's first program, verbatim but for the port, built with the README's command
awk '/^```c$/{f=1;next} /^```$/{if(f){exit}} f' README.md | sed "s#127.0.0.1:8545#127.0.0.1:$port#" >"$tmp/demo.c"
cp seismic.h "$tmp/"
cmd=$(grep -oE '`cc [^`]*demo\.c[^`]*`' README.md | head -n 1 | tr -d '`')
if [ -n "$cmd" ] && (cd "$tmp" && $cmd -o demo) >"$tmp/cc.out" 2>&1; then ok; else bad "README program builds with '$cmd'" "$tmp/cc.out"; fi
if (cd "$tmp" && timeout 60 ./demo) >"$tmp/demo.out" 2>&1 && grep -q 42 "$tmp/demo.out" && ! grep -qi error "$tmp/demo.out"; then
    ok
else
    bad "README program runs against the devnet and reads 42" "$tmp/demo.out"
fi

pid=$(cat "$DEVNET_DIR/pid")
if "$BUILD/seismic" devnet stop >/dev/null 2>&1 && ! kill -0 "$pid" 2>/dev/null; then ok; else bad "seismic devnet stop stops the node"; fi
if ! "$BUILD/seismic" --rpc-url "$url" --timeout 2 block-number >/dev/null 2>&1; then ok; else bad "nothing answers at $url after the stop"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
