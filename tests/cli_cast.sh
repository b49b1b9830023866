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
    # pending transactions (automine off for a moment): no block position yet
    "$cast" rpc --rpc-url "$node" evm_setAutomine false >/dev/null
    pending=$("$cast" send --rpc-url "$node" --private-key $K0 --async --value 1 $A1)
    pending_legacy=$("$cast" send --rpc-url "$node" --private-key $K0 --async --legacy --nonce \
        $(("$("$cast" nonce --rpc-url "$node" $A0)" + 1)) --value 1 $A1)
    if [ "$("$cast" tx --rpc-url "$node" "$pending" --json | jq -r '"\(.blockHash) \(.type)"')" = "null 0x2" ] &&
        [ "$("$cast" tx --rpc-url "$node" "$pending_legacy" --json | jq -r '"\(.blockHash) \(.type)"')" = "null 0x0" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL the pending transactions are not pending 1559 and legacy ones"
    fi
    for h in "$pending" "$pending_legacy"; do
        same tx --rpc-url "$node" "$h"
        same tx --rpc-url "$node" "$h" --json
        same tx --rpc-url "$node" "$h" blockNumber
    done
    "$cast" rpc --rpc-url "$node" evm_setAutomine true >/dev/null
    "$cast" rpc --rpc-url "$node" evm_mine >/dev/null
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
