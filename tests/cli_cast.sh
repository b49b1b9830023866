#!/usr/bin/env bash
# The commands seismic shares with Foundry's cast, run through both on the same inputs: the same stdout and
# the same exit status. Offline first, then against Anvil and the dev node when the test environment runs. cast is the npm package @foundry-rs/cast-linux-amd64 of tools/testenv
# (the version of the anvil package). Usage: bash tests/cli_cast.sh [build/seismic]
set -u
cd "$(dirname "$0")/.."
bin=${1:-build/seismic}
cast=$(node -e 'const p=require("path");console.log(p.join(p.dirname(require.resolve("@foundry-rs/cast-linux-amd64/package.json",{paths:[process.argv[1]]})),"bin","cast"))' "$PWD/tools/testenv")
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ! -x "$cast" ]; then
    echo "FAIL cast not installed (npm ci --prefix tools/testenv)"
    echo "0 passed, 1 failed"
    exit 1
fi

# same ARGS...: both print the same stdout and exit with the same status.
same() {
    local want got want_code got_code
    want=$("$cast" "$@" 2>/dev/null)
    want_code=$?
    got=$("$bin" "$@" 2>/dev/null)
    got_code=$?
    if [ "$want" = "$got" ] && [ "$want_code" -eq "$got_code" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s\n  cast (exit %d): %s\n  ours (exit %d): %s\n' "$*" "$want_code" "$want" "$got_code" "$got"
    fi
}

K0=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
A0=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
A1=0x70997970C51812dc3A010C7d01b50e0d17dc79C8

# hashes, selectors, topics
same keccak abc
same keccak 0x616263
same keccak 0x
same keccak 'hello world'
same sig 'transfer(address,uint256)'
same sig 'function balanceOf(address owner) view returns (uint256)'
same sig-event 'Transfer(address indexed from, address indexed to, uint256 value)'
same hash-message hello
same hash-message 0x1234
same hash-message ''

# encoding
same calldata 'transfer(address,uint256)' $A1 1000
same calldata 'f(uint256,string,bool[],(address,bytes))' 42 'hello world' '[true,false]' "($A0,0x1234)"
same calldata 'f()'
same calldata 'f(int8,int256)' -- -1 -57896044618658097711785492504343953926634992332820282019728792003956564819968
same abi-encode 'f(uint256,string)' 1 hi
same abi-encode 'f(uint256[],bytes32)' '[1,2,3]' 0x0000000000000000000000000000000000000000000000000000000000000001
same abi-encode 'f(uint8)' 256
same calldata 'f(uint8,bool)' 1

# decoding, cast's output format
data=$("$cast" abi-encode -- 'f(uint256,string,address,bool,bytes,uint8[],int256,(uint256,string)[])' \
    1000000000000000000 'a "quoted" word' $A1 true 0x1234 '[1,2]' -123456 '[(100000,"x y"),(1,z)]')
[ ${#data} -gt 600 ] || { echo "FAIL cast abi-encode made no test data"; failed=$((failed + 1)); }
same abi-decode 'f()(uint256,string,address,bool,bytes,uint8[],int256,(uint256,string)[])' "$data"
same abi-decode 'f() returns (uint256,string,address,bool,bytes,uint8[],int256,(uint256,string)[])' "$data"
for n in 0 9999 10000 12345 19999 99999 1500000000000000000 \
    115792089237316195423570985008687907853269984665640564039457584007913129639935; do
    same abi-decode 'f()(uint256)' "$("$cast" abi-encode 'f(uint256)' $n)"
done
calldata=$("$cast" calldata 'f(uint256,string)' 12345 'a b')
same abi-decode --input 'f(uint256,string)' "$calldata"
same abi-decode --input 'f(uint256,string)' "0x${calldata:10}"
same decode-calldata 'f(uint256,string)' "$calldata"
same decode-calldata 'g(uint256,string)' "$calldata"
same abi-decode 'f()(uint256,string)' 0x000000000000000000000000000000000000000000000000000000000000002a
same decode-event --sig 'Foo(uint256,string)' "$("$cast" abi-encode 'f(uint256,string)' 100000 hi)"
same decode-error --sig 'Err(uint256,string)' "$("$cast" calldata 'Err(uint256,string)' 5 oops)"

# units and numbers
for args in "to-wei 1.5" "to-wei 1.5 gwei" "to-wei 7 wei" "to-wei 1.1234567890123456789" "to-wei 2 szabo" \
    "from-wei 1500000000000000000" "from-wei 1500000000 gwei" "from-wei 1" "from-wei 0" \
    "parse-units 1.5 6" "parse-units 1.5" "parse-units 1.0000001 6" \
    "format-units 1500000 6" "format-units 1000000 6" "format-units 1500000000000000000" "format-units 0 6" \
    "to-hex 255" "to-hex 0xff" "to-hex 0" "to-dec 0xff" "to-dec ff" "to-dec 0x0"; do
    # shellcheck disable=SC2086
    same $args
done
same to-hex -- -1
same to-check-sum-address 0x70997970c51812dc3a010c7d01b50e0d17dc79c8
same to-check-sum-address 0x0000000000000000000000000000000000000000

# addresses
same compute-address --nonce 0 $A0
same compute-address --nonce 1234 $A1
same create2 --deployer 0x4e59b44847b379578588920ca78fbf26c0b4956c \
    --salt 0x0000000000000000000000000000000000000000000000000000000000000001 \
    --init-code-hash 0x0000000000000000000000000000000000000000000000000000000000000002
same create2 --deployer 0x4e59b44847b379578588920ca78fbf26c0b4956c \
    --salt 0x00000000000000000000000000000000000000000000000000000000000000ff --init-code 0x600060005260206000f3

# refused NAME STDERR_PATTERN ARGS...: ours exits 1 with nothing on stdout and one line on stderr matching
# the pattern (for input cast 1.7.1 also refuses, or searches forever on).
refused() {
    local name=$1 pattern=$2 out err code
    shift 2
    out=$(timeout 20 "$bin" "$@" 2>"$tmp/err")
    code=$?
    err=$(cat "$tmp/err")
    if [ $code -eq 1 ] && [ -z "$out" ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && grep -qE "$pattern" <<<"$err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s (exit %d)\n  stdout: %s\n  stderr: %s\n  wanted one stderr line matching: %s\n' "$name" $code "$out" \
            "$err" "$pattern"
    fi
}

# create2's salt search (i13-cli-offline).
create2_search_cases() {
    local zero=--init-code-hash=0x0000000000000000000000000000000000000000000000000000000000000000
    local seed=0x00000000000000000000000000000000000000000000000000000000000000a1 args out line salt address
    # deterministic walks (zero or seeded start salt, one thread): the same salt and output as cast
    for args in "--starts-with aa" "--starts-with 0xAA" "--ends-with 42" "--starts-with a --ends-with b" \
        "--starts-with A --case-sensitive" "--starts-with aB -c --ends-with 0" "-s dead" "-e BEEF -c" \
        "--matching bbXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" "--matching 0xXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXc0" \
        "--starts-with ''" "-s 0 --deployer $A1" "--starts-with cc --caller $A0"; do
        create2_same "$zero $args --no-random"
    done
    create2_same "$zero --starts-with 1 --seed $seed"
    create2_same "$zero --ends-with bb --seed $seed --caller $A1"
    create2_same "--init-code 0x600060005260206000f3 -s 12 --no-random"
    # random start salts, two threads: cast's create2 --salt confirms the address, which matches
    for args in "--starts-with 0xfe" "--ends-with 77 --case-sensitive" "--matching XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXDd -c"; do
        # shellcheck disable=SC2086
        out=$("$bin" create2 $zero $args --threads 2 --deployer $A0)
        address=$(sed -n 's/^Address: \(0x[0-9a-fA-F]\{40\}\)$/\1/p' <<<"$out")
        salt=$(sed -n 's/^Salt: \(0x[0-9a-f]\{64\}\) ([0-9]*)$/\1/p' <<<"$out")
        line=$(sed -n 5p <<<"$out")
        local ok=1
        [ -n "$salt" ] && [ "$("$cast" create2 $zero --deployer $A0 --salt "$salt")" = "$address" ] || ok=0
        [ "$line" = "Starting to generate deterministic contract address with 2 threads..." ] || ok=0
        [ "$(cast_dec "$salt")" = "$(sed -n 's/^Salt: 0x[0-9a-f]* (\([0-9]*\))$/\1/p' <<<"$out")" ] || ok=0
        case "$args" in
        --starts-with*) [[ ${address,,} == 0xfe* ]] || ok=0 ;;
        --ends-with*) [[ $address == *77 ]] || ok=0 ;;
        --matching*) [[ $address == *Dd ]] || ok=0 ;;
        esac
        if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); printf 'FAIL create2 %s (random)\n%s\n' "$args" "$out"; fi
    done
    # --json: the address and the salt
    out=$("$cast" create2 $zero --starts-with ab --no-random -j 1)
    local want="{\"address\":\"$(sed -n 's/^Address: //p' <<<"$out")\",\"salt\":\"$(sed -n 's/^Salt: \(0x[0-9a-f]*\) .*/\1/p' <<<"$out")\"}"
    out=$("$bin" --json create2 $zero --starts-with ab --no-random --threads 1)
    [ "$out" = "$want" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL create2 --json: $out, not $want"; }
    # input cast refuses too (or that cast 1.7.1 would search forever on): one line, exit 1, at once
    refused "create2 not hex" "not a hex digit" create2 $zero --starts-with 0xerr
    refused "create2 x in prefix" "not a hex digit" create2 $zero --starts-with x00
    refused "create2 0x twice" "not a hex digit" create2 $zero --starts-with 0x0xab
    refused "create2 41 digits" "only 40" create2 $zero --starts-with 0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    refused "create2 prefix and suffix disagree" "no address matches both" create2 $zero \
        --starts-with aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa --ends-with bbbbbbbbbbb
    refused "create2 case disagrees" "no address matches both" create2 $zero -c \
        --starts-with 000000000000000000000000000000000000000A --ends-with a
    refused "create2 unreachable" "2\^68 tries" create2 $zero --starts-with 0x12345678901234567
    refused "create2 matching length" "40 characters" create2 $zero --matching 0xbb
    refused "create2 matching and prefix" "either --matching" create2 $zero --matching bbXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX -s a
    refused "create2 matching not hex" "not a hex digit or X" create2 $zero --matching zzXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    refused "create2 salt and pattern" "does not go with" create2 $zero --starts-with a --salt 0x$(printf '0%.0s' {1..64})
    refused "create2 no pattern" "expected --salt" create2 $zero
    refused "create2 no init code" "expected --init-code" create2 --starts-with a
    refused "create2 bad deployer" "not an address" create2 $zero --starts-with a --deployer 0x12
    refused "create2 bad init code" "not hex" create2 --init-code 0xzz --starts-with a
    refused "create2 short salt" "32-byte" create2 $zero --salt 0x01
    refused "create2 seed and no-random" "either --seed" create2 $zero -s a --seed $seed --no-random
    refused "create2 threads" "at most" create2 $zero -s a --threads 100000
    refused "create2 hash and code differ" "not the hash" create2 $zero --init-code 0x00 -s a
    # bounded: --timeout ends a search that finds nothing in time; Ctrl-C ends one at once
    out=$("$bin" --timeout 0.2 create2 $zero --threads 2 --starts-with 0x1234567890abcd 2>"$tmp/err")
    if [ $? -eq 1 ] && [ "$(sed -n 5p <<<"$out")" = "Starting to generate deterministic contract address with 2 threads..." ] &&
        grep -qE '^seismic: create2: no matching address after [0-9]+ salts \(the --timeout ran out\)$' "$tmp/err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); printf 'FAIL create2 --timeout\n%s\n%s\n' "$out" "$(cat "$tmp/err")"
    fi
    # Ctrl-C or a kill ends a search at once (the default action: no handler keeps it going); timeout(1)
    # sends SIGTERM after 0.3 s (exit 124), and SIGKILL 10 s later if that did not end it (exit 137)
    timeout -k 10 0.3 "$bin" create2 $zero --threads 2 --starts-with 0x1234567890abcd >/dev/null 2>&1
    local code=$?
    [ $code -eq 124 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL create2 after SIGTERM: exit $code"; }
}
cast_dec() { "$cast" to-dec "$1"; }
# create2_same ARGS: one thread, the same output as cast but for the search time (masked, after checking
# ours prints it as Rust's Duration does)
create2_same() {
    local want got
    mask() { sed -E 's/^(Successfully found contract address in )[0-9]+(\.[0-9]*[1-9])?(ns|µs|ms|s)$/\1TIME/'; }
    want=$(eval "\"\$cast\" create2 $1 --threads 1" | mask)
    got=$(eval "\"\$bin\" create2 $1 --threads 1" | mask)
    if [ -n "$want" ] && [ "$want" = "$got" ] && grep -q "in TIME$" <<<"$got"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL create2 %s\n  cast: %s\n  ours: %s\n' "$1" "$want" "$got"
    fi
}
create2_search_cases

# --version (i13-cli-offline): cast's four lines with our values: the version of seismic.h, the commit the
# CLI was built from (make builds it from this checkout), the build time (ISO and Unix, the same instant),
# the build profile.
version_cases() {
    local want got version commit epoch
    want=$("$cast" --version | sed 's/: .*//')
    got=$("$bin" --version)
    version=$(sed -n 's/^#define SEISMIC_VERSION_STRING "\(.*\)"$/\1/p' seismic.h)
    commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
    epoch=$(sed -n 's/^Build Timestamp: .* (\([0-9]*\))$/\1/p' <<<"$got")
    if [ "$(sed 's/: .*//; 1s/^seismic /cast /' <<<"$got")" = "$want" ] &&
        [ "$(sed -n 1p <<<"$got")" = "seismic Version: $version" ] && [ "$(sed -n 2p <<<"$got")" = "Commit SHA: $commit" ] &&
        [ -n "$epoch" ] && [ "$(sed -n 3p <<<"$got")" = "Build Timestamp: $(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ) ($epoch)" ] &&
        grep -qE '^Build Profile: (release|debug)$' <<<"$(sed -n 4p <<<"$got")"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); printf 'FAIL --version\n  cast: %s\n  ours: %s\n' "$("$cast" --version)" "$got"
    fi
    # -V: cast's one line, "NAME VERSION (COMMIT10 TIME)"
    want="seismic $version (${commit:0:10} $(sed -n 's/^Build Timestamp: \(.*\) (.*$/\1/p' <<<"$got"))"
    [ "$("$bin" -V)" = "$want" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL -V: $("$bin" -V), not $want"; }
    [[ $("$cast" -V) =~ ^cast\ [0-9.]+\ \([0-9a-f]{10}\ [0-9T:.Z-]+\)$ ]] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); echo "FAIL cast -V has another layout: $("$cast" -V)"; }
}
version_cases

# wallets: signatures are deterministic (RFC 6979)
same wallet address --private-key $K0
same wallet sign --private-key $K0 hello
same wallet sign --private-key $K0 0xdeadbeef
sig=$("$cast" wallet sign --private-key $K0 hello)
same wallet verify --address $A0 hello "$sig"
same wallet verify --address $A1 hello "$sig"
fresh=$("$bin" wallet new)
key=$(echo "$fresh" | sed -n 's/^Private key: \(0x[0-9a-f]*\)$/\1/p')
address=$(echo "$fresh" | sed -n 's/^Address:     \(0x[0-9a-fA-F]*\)$/\1/p')
if [ "$(echo "$fresh" | head -n 1)" = "Successfully created new keypair." ] && [ -n "$key" ] &&
    [ "$("$cast" wallet address --private-key "$key")" = "$address" ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    printf 'FAIL wallet new: cast derives another address from the new key\n%s\n' "$fresh"
fi

# against a node (Anvil from the test environment): the raw node commands
if [ -n "${SEISMIC_TEST_ANVIL_HTTP:-}" ]; then
    node=$SEISMIC_TEST_ANVIL_HTTP
    same rpc --rpc-url "$node" eth_chainId
    same rpc --rpc-url "$node" eth_getBalance $A0 latest
    same rpc --rpc-url "$node" eth_getBlockByNumber 0x0 false
    # a contract Anvil knows: code at an address set with anvil_setCode
    "$cast" rpc --rpc-url "$node" anvil_setCode 0x00000000000000000000000000000000000c0de0 0x6080604052600160005500 >/dev/null
    "$cast" rpc --rpc-url "$node" anvil_setStorageAt 0x00000000000000000000000000000000000c0de0 0x1 \
        0x000000000000000000000000000000000000000000000000000000000000002a >/dev/null
    same code --rpc-url "$node" 0x00000000000000000000000000000000000c0de0
    same codesize --rpc-url "$node" 0x00000000000000000000000000000000000c0de0
    same codesize --rpc-url "$node" $A1
    same storage --rpc-url "$node" 0x00000000000000000000000000000000000c0de0 1
    same storage --rpc-url "$node" 0x00000000000000000000000000000000000c0de0 0

    # transactions and receipts of every kind cast knows, each printed whole, as --json and field by field
    anvil_send() { "$cast" send --rpc-url "$node" --private-key $K0 --json "$@" | jq -r .transactionHash; }
    # Logged(uint256): a contract whose code logs 42 under that topic; its creation code copies it out
    topic=$("$cast" keccak 'Logged(uint256)')
    runtime=602a6000527f${topic#0x}60206000a100
    init=602c600c600039602c6000f3$runtime
    # reverts with Error("nope")
    "$cast" rpc --rpc-url "$node" anvil_setCode 0x00000000000000000000000000000000000bad00 \
        0x7f08c379a0000000000000000000000000000000000000000000000000000000006000526020600452600460245260007f6e6f70650000000000000000000000000000000000000000000000000000000060445260646000fd >/dev/null
    created=$(anvil_send --create 0x$init)
    logger=$("$cast" receipt --rpc-url "$node" "$created" contractAddress)
    logged=$(anvil_send "$logger")
    failed_tx=$(anvil_send --gas-limit 100000 0x00000000000000000000000000000000000bad00)
    legacy=$(anvil_send --legacy --value 1000 $A1)
    eip2930=$(anvil_send --legacy --access-list \
        '[{"address":"0x00000000000000000000000000000000000bad00","storageKeys":["0x0000000000000000000000000000000000000000000000000000000000000001"]}]' $A1)
    eip1559=$(anvil_send --access-list '[{"address":"0x00000000000000000000000000000000000bad00","storageKeys":[]}]' "$logger")
    # the cases are what they claim (else the comparisons below would compare two errors)
    kinds=$("$cast" tx --rpc-url "$node" "$legacy" --json | jq -r .type)
    for h in "$eip2930" "$eip1559" "$created"; do kinds="$kinds $("$cast" tx --rpc-url "$node" "$h" --json | jq -r .type)"; done
    kinds="$kinds $("$cast" receipt --rpc-url "$node" "$failed_tx" status) $("$cast" receipt --rpc-url "$node" "$logged" --json | jq '.logs | length')"
    kinds="$kinds $("$cast" receipt --rpc-url "$node" "$failed_tx" revertReason | cut -c1-6)"
    if [ "$kinds" = '0x0 0x1 0x2 0x2 false 1 nope, ' ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL the Anvil cases: types, status, logs, reason are $kinds"
    fi
    for h in "$created" "$logged" "$failed_tx" "$legacy" "$eip2930" "$eip1559"; do
        same tx --rpc-url "$node" "$h"
        same tx --rpc-url "$node" "$h" --json
        same receipt --rpc-url "$node" "$h"
        same receipt --rpc-url "$node" "$h" --json
    done
    for field in blockHash blockNumber from gas gasPrice hash input nonce r s to transactionIndex v value yParity; do
        same tx --rpc-url "$node" "$eip1559" $field
        same tx --rpc-url "$node" "$legacy" $field
    done
    for field in blockHash blockNumber contractAddress cumulativeGasUsed effectiveGasPrice from gasUsed logs logsBloom \
        root status transactionHash transactionIndex to type blobGasPrice blobGasUsed revertReason nope; do
        same receipt --rpc-url "$node" "$failed_tx" $field
        same receipt --rpc-url "$node" "$created" $field
    done
    same receipt --rpc-url "$node" "$logged" logs
    same tx --rpc-url "$node" 0x00000000000000000000000000000000000000000000000000000000000000ff
    # estimate: a transfer, a call, calldata, a deployment with constructor arguments, a revert
    same estimate --rpc-url "$node" $A1
    same estimate --rpc-url "$node" $A1 --value 1000 --from $A0
    same estimate --rpc-url "$node" --private-key $K0 $A1 --value 1ether
    same estimate --rpc-url "$node" "$logger" 'f(uint256)' 5
    same estimate --rpc-url "$node" "$logger" 0x12345678
    same estimate --rpc-url "$node" "$logger" -B 1
    same estimate --rpc-url "$node" --create 0x$init
    same estimate --rpc-url "$node" --create 0x$init 'constructor(uint256,string)' 7 hello
    same estimate --rpc-url "$node" --create 0x$init --value 5
    same estimate --rpc-url "$node" 0x00000000000000000000000000000000000bad00
    same estimate --rpc-url "$node" $A1 --value 100000000000ether --from $A1
    # compute-address without --nonce: the deployer's next nonce from the node
    same compute-address --rpc-url "$node" $A0
    same compute-address --rpc-url "$node" 0x0000000000000000000000000000000000000123
fi

# against the dev node: a Seismic (0x4a) transaction, which cast shows with the fields it does not know by
# name, and its receipt with a log
if [ -n "${SEISMIC_TEST_DEVNODE_HTTP:-}" ]; then
    dev=$SEISMIC_TEST_DEVNODE_HTTP
    counter=$("$bin" --rpc-url "$dev" --private-key $K0 deploy --artifact tools/testenv/devnode/contracts/artifacts.json \
        --contract SeismicCounter --wait --json 2>/dev/null | jq -r .contractAddress)
    shielded=$("$bin" --rpc-url "$dev" --private-key $K0 swrite "$counter" 'setNumber(suint256)' 42 --wait 2>/dev/null)
    if [ "$("$cast" tx --rpc-url "$dev" "$shielded" --json | jq -r .type)" = 0x4a ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL swrite made no 0x4a transaction on the dev node ($shielded)"
    fi
    same tx --rpc-url "$dev" "$shielded"
    same tx --rpc-url "$dev" "$shielded" --json
    same receipt --rpc-url "$dev" "$shielded"
    same receipt --rpc-url "$dev" "$shielded" --json
    for field in blockHash blockNumber from gas gasPrice hash input nonce r s to transactionIndex v value; do
        same tx --rpc-url "$dev" "$shielded" $field
    done
    same receipt --rpc-url "$dev" "$shielded" logs
    same receipt --rpc-url "$dev" "$shielded" type
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
