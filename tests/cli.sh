#!/usr/bin/env bash
# End-to-end tests of the `seismic` command-line tool (offline commands).
set -u
bin=${1:-build/seismic}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME EXPECTED_STDOUT COMMAND...: exit 0 and exactly this stdout.
expect() {
    local name=$1 want=$2
    shift 2
    local got
    got=$("$@" 2>"$tmp/err")
    local code=$?
    if [ $code -eq 0 ] && [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s (exit %d)\n  want: %s\n  got:  %s\n  err:  %s\n' "$name" $code "$want" "$got" "$(cat "$tmp/err")"
    fi
}

# expect_error NAME STDERR_PATTERN COMMAND...: exit 1, nothing on stdout, stderr matches.
expect_error() {
    local name=$1 pattern=$2
    shift 2
    local got
    got=$("$@" 2>"$tmp/err")
    local code=$?
    if [ $code -eq 1 ] && [ -z "$got" ] && grep -qE "$pattern" "$tmp/err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s (exit %d)\n  stdout: %s\n  stderr: %s\n  wanted stderr matching: %s\n' "$name" $code "$got" \
            "$(cat "$tmp/err")" "$pattern"
    fi
}

# json_field JSON KEY: prints the string value of a top-level key (the tool's output is flat).
json_field() { echo "$1" | grep -oE "\"$2\":\"[^\"]*\"" | head -n 1 | sed -E 's/^"[^"]*":"(.*)"$/\1/'; }

expect "keccak empty" 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470 "$bin" keccak 0x
expect "keccak text" 0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45 "$bin" keccak --text abc
expect "keccak hex" 0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45 "$bin" keccak 0x616263
expect_error "keccak bad hex" "not hex" "$bin" keccak 0xzz
expect "address" 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 "$bin" address 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
expect_error "address bad key" "private key" "$bin" address 0x1234
expect "sig shielded" 0x24a7f0b7 "$bin" sig 'setNumber(suint256)'
expect "sig public" 0x3fb5c1cb "$bin" sig 'setNumber(uint256)'
expect "sig transfer" 0xb10c99b5 "$bin" sig 'transfer(address,suint256)'
expect "sig with names" 0xb10c99b5 "$bin" sig 'function transfer(address to, suint256 amount)'
expect "sig increment" 0xd09de08a "$bin" sig 'increment()'
expect "sig revertWithSecret" 0xe0f7bec4 "$bin" sig 'revertWithSecret()'
expect_error "sig malformed" "." "$bin" sig 'setNumber(uint256'
expect "topic Transfer" 0x80ffa007a69623ef13594f5e8178eee6c4ef2d0cba74c08329e879f695b7d3f6 "$bin" topic 'Transfer(address,address,bytes32,bytes)'
expect "topic KeySet" 0xe09b54ab39b458cc6e350a9444815a294301d94eaa79ba68d8a2f9f9c7c0b4cc "$bin" topic 'KeySet(address)'
expect "calldata setNumber" 0x24a7f0b7000000000000000000000000000000000000000000000000000000000000002a "$bin" calldata 'setNumber(suint256)' 42
expect "calldata baz" 0xcdcd77c000000000000000000000000000000000000000000000000000000000000000450000000000000000000000000000000000000000000000000000000000000001 "$bin" calldata 'baz(uint32,bool)' 69 true
expect "abi-encode no selector" 0x000000000000000000000000000000000000000000000000000000000000002a0000000000000000000000000000000000000000000000000000000000000040000000000000000000000000000000000000000000000000000000000000000568656c6c6f000000000000000000000000000000000000000000000000000000 "$bin" abi-encode --no-selector '(uint256,string)' 42 hello
expect "abi-encode negative" 0x00000000000000000000000000000000000000000000000000000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff "$bin" abi-encode --no-selector '(uint8,int8)' 255 -1
expect_error "abi-encode out of range" "." "$bin" abi-encode 'f(uint8)' 256
expect_error "abi-encode argument count" "." "$bin" abi-encode 'f(uint8,bool)' 1
nested=$("$bin" abi-encode --no-selector '(uint256[],(address,string)[2])' '[1,2,3]' '[(0x70997970C51812dc3A010C7d01b50e0d17dc79C8,"a,b"),(0x0000000000000000000000000000000000000001,c)]')
expect "abi round trip nested" $'[1, 2, 3]\n[(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, "a,b"), (0x0000000000000000000000000000000000000001, "c")]' \
    "$bin" abi-decode '(uint256[],(address,string)[2])' "$nested"
expect "abi-decode lines" $'42\n"hello"' "$bin" abi-decode '(uint256,string)' 0x000000000000000000000000000000000000000000000000000000000000002a0000000000000000000000000000000000000000000000000000000000000040000000000000000000000000000000000000000000000000000000000000000568656c6c6f000000000000000000000000000000000000000000000000000000
expect "abi-decode json" $'[\n  42,\n  "hello"\n]' "$bin" abi-decode --json '(uint256,string)' 0x000000000000000000000000000000000000000000000000000000000000002a0000000000000000000000000000000000000000000000000000000000000040000000000000000000000000000000000000000000000000000000000000000568656c6c6f000000000000000000000000000000000000000000000000000000
expect_error "abi-decode truncated" "." "$bin" abi-decode '(uint256,string)' 0x000000000000000000000000000000000000000000000000000000000000002a
expect "rlp-encode" 0xc88363617483646f67 "$bin" rlp-encode '["0x636174","0x646f67"]'
expect "rlp-encode nested empty" 0xc7c0c1c0c3c0c1c0 "$bin" rlp-encode '[[],[[]],[[],[[]]]]'
expect "rlp-encode empty string" 0x80 "$bin" rlp-encode '"0x"'
expect "rlp-decode" '["0x636174","0x646f67"]' "$bin" rlp-decode 0xc88363617483646f67
expect "rlp-decode nested" '[[],[[]],[[],[[]]]]' "$bin" rlp-decode 0xc7c0c1c0c3c0c1c0
expect_error "rlp-decode non-canonical" "non-canonical" "$bin" rlp-decode 0x8105
expect_error "rlp-decode trailing" "trailing" "$bin" rlp-decode 0x8000
expect_error "rlp-encode not json" "." "$bin" rlp-encode '[0x01'

v92=0x4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e66204e17174e9d2756bb20f4cdfe48bd5d237c080a0ea4deb5d93eb2566b7d0ea5209f8bc9fd810ad1eff29bf59424de14c5910ab23a01daa9ada5f7448d737dee3096add2cd9447c2f55c13b7f8ca6ec37105548bf0c
decoded=$("$bin" tx-decode $v92)
expect "tx-decode seismic sender" 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 json_field "$decoded" sender
expect "tx-decode seismic hash" 0x4e4d0e23ea06cb8978c40adabaf8599203c7b6d56cfd3063af2d552ec73ace7a json_field "$decoded" hash
expect "tx-decode seismic nonce" 0x46a2b6020bba77fcb1e676a6 json_field "$decoded" encryptionNonce
expect "tx-decode seismic type" 0x4a json_field "$decoded" type
eip155=0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83
decoded=$("$bin" tx-decode $eip155)
expect "tx-decode legacy sender" 0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F json_field "$decoded" sender
expect "tx-decode legacy chain" 0x1 json_field "$decoded" chainId
expect_error "tx-decode truncated" "transaction|rlp" "$bin" tx-decode ${v92:0:200}
expect_error "tx-decode garbage" "." "$bin" tx-decode 0x4a00

# tx-build against spec vector 9.3 (messageVersion 2 signed with EIP-712 here, so compare 9.11) and 9.2 (v0).
build_input() { # VERSION NONCE_HEX
    cat <<JSON
{"chainId":31337,"nonce":"2","gasPrice":"0x3b9aca00","gas":100000,"to":"0xd3e8763675e4c425df46cc3b5c0f6cbdac396046",
 "value":"1000000000000000","encryptionNonce":"$2","messageVersion":$1,
 "recentBlockHash":"0x934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f90","expiresAtBlock":100,
 "signedRead":false,"data":"0xfc3c2cf4943c327f19af0efaf3b07201f608dd5c8e3954399a919b72588d3872b6819ac3d13d3656cbb38833a39ffd1e73963196a1ddfa9e4a5d595fdbebb875",
 "encryptionSecretKey":"0x311d54d3bf8359c70827122a44a7b4458733adce3c51c6b59d9acfce85e07505",
 "teePublicKey":"0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0",
 "privateKey":"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"}
JSON
}
out=$(build_input 0 0x46a2b6020bba77fcb1e676a6 | "$bin" tx-build)
expect "tx-build v0 raw" $v92 json_field "$out" raw
expect "tx-build v0 hash" 0x4e4d0e23ea06cb8978c40adabaf8599203c7b6d56cfd3063af2d552ec73ace7a json_field "$out" hash
expect "tx-build v0 digest" 0x3bd2090142a65daa3ea533a0f9bc00397bdb710890b3060422c820933e2c1c0f json_field "$out" signingHash
expect "tx-build request key" 0x6a01280c291b984e8fd40183f964e9cb0e0d5dde8127ab66e75caa6f278068cf json_field "$out" requestKey
expect "tx-build response key" 0x1b586639aac6cc64e4c418cfc432232a6024655d3325ab1d92ff3647d07a58c4 json_field "$out" responseKey
expect "tx-build sender" 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 json_field "$out" sender
expect "tx-build aad" 0xf88994f39fd6e51aad88f6f4ce6ab8827279cfffb92266827a690294d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480 json_field "$out" aad
out=$(build_input 2 0x46a2b6020bba77fcb1e676a6 | "$bin" tx-build)
expect "tx-build v2 digest" 0x034dafdaee6269997b3901a5ad7b19f8002d5d0a5fda77d97bc21c1900c0ac2e json_field "$out" signingHash
expect "tx-build v2 hash" 0xa229791ce17b09d8838e7d4260834b860939a84cf7783b76f613ae1cf0780ad5 json_field "$out" hash
roundtrip=$("$bin" tx-decode "$(json_field "$out" raw)")
expect "tx-build v2 decodes" 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 json_field "$roundtrip" sender
expect_error "tx-build zero nonce byte" "encryptionNonce" sh -c "$(declare -f build_input); build_input 0 0x00a2b6020bba77fcb1e676a6 | '$bin' tx-build"
expect_error "tx-build short nonce" "encryptionNonce" sh -c "$(declare -f build_input); build_input 0 0x46a2b6 | '$bin' tx-build"
expect_error "tx-build version 1" "messageVersion" sh -c "$(declare -f build_input); build_input 1 0x46a2b6020bba77fcb1e676a6 | '$bin' tx-build"
expect_error "tx-build missing key" "privateKey" sh -c "$(declare -f build_input); build_input 0 0x46a2b6020bba77fcb1e676a6 | sed 's/\"privateKey\"/\"privKey\"/' | '$bin' tx-build"
expect_error "tx-build bad tee key" "teePublicKey" sh -c "$(declare -f build_input); build_input 0 0x46a2b6020bba77fcb1e676a6 | sed 's/0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0/0x0400/' | '$bin' tx-build"
expect_error "tx-build bad hash" "recentBlockHash" sh -c "$(declare -f build_input); build_input 0 0x46a2b6020bba77fcb1e676a6 | sed 's/0x934207/0xzz4207/' | '$bin' tx-build"
expect_error "tx-build not json" "JSON" sh -c "echo '{oops' | '$bin' tx-build"

# tx-build gives no private key back to free(), on its success and its error paths: an LD_PRELOAD
# scanner (tests/free_scan.c) searches every freed block for both keys, as hex text and as bytes.
secret_keys=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80,0x311d54d3bf8359c70827122a44a7b4458733adce3c51c6b59d9acfce85e07505
scanned() { # NAME WANT_EXIT < input
    local name=$1 want=$2 code
    LD_PRELOAD="$tmp/free_scan.so" FREE_SCAN_HEX="$secret_keys" "$bin" tx-build >/dev/null 2>"$tmp/scan"
    code=$?
    if [ $code -eq "$want" ] && grep -qE '^free-scan: [1-9][0-9]* blocks scanned, 0 secrets found' "$tmp/scan"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s (exit %d, wanted %d)\n%s\n' "$name" $code "$want" "$(head -n 20 "$tmp/scan")"
    fi
}
if cc -shared -fPIC "$(dirname "$0")/free_scan.c" -o "$tmp/free_scan.so" -ldl 2>"$tmp/err"; then
    build_input 0 0x46a2b6020bba77fcb1e676a6 >"$tmp/in"
    scanned "tx-build frees no key" 0 <"$tmp/in"
    { cat "$tmp/in"; printf '%9000s\n' ''; } >"$tmp/in-long"
    scanned "tx-build frees no key (stdin in several reads)" 0 <"$tmp/in-long"
    sed 's/0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0/0x0400/' "$tmp/in" >"$tmp/in-bad-tee"
    scanned "tx-build frees no key (error: bad TEE key)" 1 <"$tmp/in-bad-tee"
    { sed 's/"}$/"/' "$tmp/in"; printf '%9000s\n' ''; } >"$tmp/in-not-json"
    scanned "tx-build frees no key (error: not JSON)" 1 <"$tmp/in-not-json"
else
    failed=$((failed + 1))
    echo "FAIL building the free() scanner: $(cat "$tmp/err")"
fi

for cmd in keccak address sig topic abi-encode abi-decode rlp-encode rlp-decode tx-decode tx-build create2 decode-event decode-error \
    abi-encode-event 4byte 4byte-event 4byte-calldata devnet; do
    if "$bin" $cmd --help | grep -q "usage: seismic $cmd"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $cmd --help"; fi
done
expect_error "devnet bad action" "expected start or stop" "$bin" devnet restart
expect_error "devnet bad port" "expected 1..65535" "$bin" devnet start --port 70000
expect_error "devnet without the checkout" "SEISMIC_SOURCE_DIR|needs bash and node" env SEISMIC_SOURCE_DIR=/nonexistent "$bin" devnet
expect_error "unknown command" "unknown command" "$bin" frobnicate
# an unknown command is one line on stderr, with the closest name
got=$("$bin" chainid 2>&1)
if [ "$(printf '%s\n' "$got" | wc -l)" -eq 1 ] && printf '%s' "$got" | grep -q "did you mean 'chain-id'"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL unknown command: one line with a suggestion, got: $got"
fi
# -V: one line, as cast's: version (commit, 10 digits or unknown, and build time)
version=$(sed -n 's/^#define SEISMIC_VERSION_STRING "\(.*\)"$/\1/p' seismic.h)
got=$("$bin" -V)
if [[ $got =~ ^seismic\ ${version//./\\.}\ \(([0-9a-f]{10}|unknown)\ ([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z|unknown)\)$ ]]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL -V: $got"
fi

echo "$passed passed, $failed failed"
