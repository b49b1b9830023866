#!/usr/bin/env bash
# The offline commands seismic shares with Foundry's cast, run through both on the same inputs: the same
# stdout and the same exit status. cast is the npm package @foundry-rs/cast-linux-amd64 of tools/testenv
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
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
