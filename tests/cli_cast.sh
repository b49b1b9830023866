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

# decode-event with topics, and signatures looked up without --sig (i13-cli-offline). cast 1.7.1 looks
# signatures up online, or in its cache ($HOME/.foundry/cache/signatures): a cache holding the signatures
# used here makes cast an offline oracle for decode-error and decode-event without --sig.
signature_cases() {
    local home=$tmp/home data out want line
    mkdir -p "$home/.foundry/cache"
    local errors="Error(string) Panic(uint256) ERC20InsufficientBalance(address,uint256,uint256) OwnableUnauthorizedAccount(address)"
    local events="Transfer(address,address,uint256) ApprovalForAll(address,address,bool)"
    {
        printf '{"functions":{},"errors":{'
        local sep=""
        for e in $errors; do printf '%s"%s":"%s"' "$sep" "$("$cast" sig "$e")" "$e"; sep=,; done
        printf '},"events":{'
        sep=""
        for e in $events; do printf '%s"%s":"%s"' "$sep" "$("$cast" sig-event "$e")" "$e"; sep=,; done
        printf '}}'
    } >"$home/.foundry/cache/signatures"
    HOME=$home same decode-error "$("$cast" calldata 'Error(string)' 'not "enough" funds')"
    HOME=$home same decode-error "$("$cast" calldata 'Panic(uint256)' 0x11)"
    HOME=$home same decode-error "$("$cast" calldata 'Panic(uint256)' 0x32)"
    HOME=$home same decode-error "$("$cast" calldata 'ERC20InsufficientBalance(address,uint256,uint256)' $A1 100 1000000)"
    HOME=$home same decode-error "$("$cast" calldata 'OwnableUnauthorizedAccount(address)' $A0)"
    HOME=$home same decode-event "$("$cast" sig-event 'Transfer(address,address,uint256)')$("$cast" abi-encode 'f(address,address,uint256)' $A0 $A1 123456 | cut -c3-)"
    HOME=$home same decode-event "$("$cast" sig-event 'ApprovalForAll(address,address,bool)')$("$cast" abi-encode 'f(address,address,bool)' $A0 $A1 true | cut -c3-)"
    HOME=$home same --json decode-error "$("$cast" calldata 'Error(string)' boom)"
    # unknown selectors: cast finds nothing in its cache either (it fails trying the online database)
    refused "decode-error unknown selector" "no built-in error signature for 0x12345678.*--sig" decode-error 0x12345678
    refused "decode-event unknown topic" "no built-in event signature" decode-event 0x$(printf '1%.0s' {1..64})
    refused "decode-error empty" "4-byte selector" decode-error 0x
    refused "decode-error truncated" "truncated" decode-error 0x08c379a0
    refused "decode-error other selector than --sig" "does not start with the selector" decode-error --sig 'Foo(uint256)' 0x08c379a0

    # the log's topics (an extension: cast 1.7.1 has none) against cast's abi-encode-event: every parameter
    # in order, an indexed dynamic one as its topic; the values as cast's abi-decode prints them
    # event_case SIGNATURE TYPES_OF_THE_NON_HASHED ARGS_OF_THEM -- ARGS_OF_THE_EVENT: see the uses
    # (cast's abi-encode-event writes each non-indexed value's own encoding one after the other, which is
    # the log's data only for one dynamic value or static ones: the cases here keep to those)
    local sig='Foo(string indexed s, bytes32 indexed b, int256 indexed n, uint256[] u)'
    local b32=0x0000000000000000000000000000000000000000000000000000000000000007
    out=$("$cast" abi-encode-event "$sig" 'hello' $b32 -1 '[1,20000]' 2>&1)
    local -a topics=()
    for line in $(sed -n 's/^\[topic[0-9]\]: //p' <<<"$out"); do topics+=(--topic "$line"); done
    data=$(sed -n 's/^\[data\]: //p' <<<"$out")
    want=$(printf '%s\n%s' "$(sed -n 's/^\[topic1\]: //p' <<<"$out")" \
        "$("$cast" abi-decode 'f()(bytes32,int256,uint256[])' "$("$cast" abi-encode 'f(bytes32,int256,uint256[])' $b32 -1 '[1,20000]')")")
    got=$("$bin" decode-event --sig "$sig" "${topics[@]}" "$data" 2>&1)
    [ ${#topics[@]} -eq 8 ] && [ "$got" = "$want" ] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); printf 'FAIL decode-event topics (Foo)\n  cast: %s\n  want: %s\n  ours: %s\n' "$out" "$want" "$got"; }
    # two dynamic values in the data (Solidity's tuple encoding, from cast abi-encode), the topics by hand
    data=$("$cast" abi-encode 'f(string,uint256[])' 'x y' '[1,20000]')
    got=$("$bin" decode-event --sig 'Multi(string a, address indexed who, uint256[] b)' \
        -t "$("$cast" sig-event 'Multi(string,address,uint256[])')" -t "$("$cast" abi-encode 'f(address)' $A1)" "$data" 2>&1)
    [ "$got" = "$(printf '"x y"\n%s\n[1, 20000 [2e4]]' $A1)" ] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); printf 'FAIL decode-event topics (Multi)\n  ours: %s\n' "$got"; }
    sig='Baz(bytes indexed b, address indexed who, bool ok, uint8 indexed small)'
    out=$("$cast" abi-encode-event "$sig" 0xdeadbeef $A1 false 255)
    topics=()
    for line in $(sed -n 's/^\[topic[0-9]\]: //p' <<<"$out"); do topics+=(-t "$line"); done
    want=$(printf '%s\n%s' "$(sed -n 's/^\[topic1\]: //p' <<<"$out")" "$("$cast" abi-decode 'f()(address,bool,uint8)' "$("$cast" abi-encode 'f(address,bool,uint8)' $A1 false 255)")")
    got=$("$bin" decode-event --sig "$sig" "${topics[@]}" "$(sed -n 's/^\[data\]: //p' <<<"$out")" 2>&1)
    [ "$got" = "$want" ] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); printf 'FAIL decode-event topics (Baz)\n  want: %s\n  ours: %s\n' "$want" "$got"; }
    # without --sig: topic0 picks the built-in event whose indexed parameters fit (ERC-721 vs ERC-20 Transfer)
    for sig in 'Transfer(address indexed from, address indexed to, uint256 indexed id)' \
        'Transfer(address indexed from, address indexed to, uint256 value)' \
        'Transfer(address indexed from, address indexed to, bytes32 indexed encryptKeyHash, bytes encryptedAmount)'; do
        local -a values=($A0 $A1 42)
        [[ $sig == *bytes32* ]] && values=($A0 $A1 $b32 0x0102)
        out=$("$cast" abi-encode-event "$sig" "${values[@]}")
        topics=()
        for line in $(sed -n 's/^\[topic[0-9]\]: //p' <<<"$out"); do topics+=(--topic "$line"); done
        data=$(sed -n 's/^\[data\]: //p' <<<"$out")
        local types=address,address,uint256
        [[ $sig == *bytes32* ]] && types=address,address,bytes32,bytes
        want=$(printf '%s\n%s' "$("$cast" abi-decode "f()($types)" "$("$cast" abi-encode "f($types)" "${values[@]}")" | head -n 0; echo "Transfer($types)")" \
            "$("$cast" abi-decode "f()($types)" "$("$cast" abi-encode "f($types)" "${values[@]}")")")
        got=$("$bin" decode-event "${topics[@]}" "${data:-0x}" 2>&1)
        [ "$got" = "$want" ] && passed=$((passed + 1)) ||
            { failed=$((failed + 1)); printf 'FAIL decode-event lookup by topics %s\n  want: %s\n  ours: %s\n' "$sig" "$want" "$got"; }
    done
    # a tuple between indexed parameters (cast's abi-encode-event takes no tuples: the topics by hand)
    data=$("$cast" abi-encode 'f((uint256,string))' '(123456,"hi")')
    got=$("$bin" decode-event --sig 'Bar(uint8 indexed a, (uint256,string) t, bool indexed c)' \
        -t "$("$cast" sig-event 'Bar(uint8,(uint256,string),bool)')" -t "$("$cast" to-uint256 7)" -t "$("$cast" to-uint256 1)" "$data")
    [ "$got" = $'7\n(123456 [1.234e5], "hi")\ntrue' ] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); printf 'FAIL decode-event tuple between indexed\n%s\n' "$got"; }
    # an indexed signature without topics: cast fails too ("invalid log topic list length"); ours says how
    same decode-event --sig 'Transfer(address indexed from, address indexed to, uint256 value)' "$("$cast" to-uint256 5)"
    refused "decode-event indexed without topics" "needs 3.*--topic" decode-event \
        --sig 'Transfer(address indexed from, address indexed to, uint256 value)' "$("$cast" to-uint256 5)"
    refused "decode-event other topic0" "topic" decode-event --sig 'Transfer(address indexed from, address indexed to, uint256 value)' \
        -t "$("$cast" sig-event 'Approval(address,address,uint256)')" -t "$("$cast" to-uint256 1)" -t "$("$cast" to-uint256 2)" "$("$cast" to-uint256 5)"
    refused "decode-event five topics" "at most 4" decode-event -t $b32 -t $b32 -t $b32 -t $b32 -t $b32 0x
    refused "decode-event short topic" "32-byte" decode-event -t 0x1234 0x
    refused "decode-event dirty address topic" "." decode-event --sig 'E(address indexed a)' -t "$("$cast" sig-event 'E(address)')" \
        -t 0xff00000000000000000000000000000000000000000000000000000000000001 0x

    # 4byte, 4byte-event, 4byte-calldata: cast asks the database online only (no cache), so the expected
    # output is cast's format written out: one signature per line; 1) "SIG" then the values
    expect_out() { # NAME WANT ARGS...
        local name=$1 want=$2 got
        shift 2
        got=$("$bin" "$@" 2>&1)
        [ "$got" = "$want" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); printf 'FAIL %s\n  want: %s\n  ours: %s\n' "$name" "$want" "$got"; }
    }
    expect_out "4byte transfer" "transfer(address,uint256)" 4byte "$("$cast" sig 'transfer(address,uint256)')"
    expect_out "4byte SRC20 transfer" "transfer(address,suint256)" 4byte 0xb10c99b5
    expect_out "4byte 1155 batch" "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)" 4byte \
        "$("$cast" sig 'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)')"
    expect_out "4byte-event Transfer (ERC-20 and ERC-721: one line)" "Transfer(address,address,uint256)" 4byte-event \
        "$("$cast" sig-event 'Transfer(address,address,uint256)')"
    expect_out "4byte-event SRC20 Approval" "Approval(address,address,bytes32,bytes)" 4byte-event \
        "$("$cast" sig-event 'Approval(address,address,bytes32,bytes)')"
    data=$("$cast" calldata 'safeTransferFrom(address,address,uint256,uint256,bytes)' $A0 $A1 7 1000000 0xabcd)
    want=$(printf '1) "safeTransferFrom(address,address,uint256,uint256,bytes)"\n%s' \
        "$("$cast" decode-calldata 'safeTransferFrom(address,address,uint256,uint256,bytes)' "$data")")
    expect_out "4byte-calldata" "$want" 4byte-calldata "$data"
    expect_out "decode-calldata without a signature" "$want" decode-calldata "$data"
    expect_out "4byte-calldata selector only" "approve(address,uint256)" 4byte-calldata 0x095ea7b3
    refused "4byte unknown" "no built-in function signature for 0x12345678" 4byte 0x12345678
    refused "4byte not a selector" "4-byte selector" 4byte 0x1234
    refused "4byte-calldata unknown" "no built-in function signature" 4byte-calldata 0x1234567800
}
signature_cases

# abi-encode-event (i13-cli-offline): the same as cast where cast 1.7.1 is right (static indexed values; data of
# static values or of one dynamic value); otherwise Solidity's log, checked piece by piece with cast's keccak
# and abi-encode, and read back by our decode-event
abi_encode_event_cases() {
    local out args
    for args in "'Transfer(address indexed from, address indexed to, uint256 value)' $A0 $A1 1000" \
        "'Transfer(address indexed from, address indexed to, uint256 indexed id)' $A0 $A1 7" \
        "'E(uint8 indexed a, int256 indexed b, bool indexed c)' 7 -5 true" "'E(string s)' 'hello world'" \
        "'E(uint256 a, bool b)' 1 true" "'E()'" "'E(bytes32 indexed h, uint256[] v)' 0x$(printf '%064d' 5) '[1,2,3]'"; do
        eval "same abi-encode-event $args"
    done
    out=$("$bin" abi-encode-event 'E(string indexed s, bytes indexed b, string t, uint256[] v)' 'hello' 0xdeadbeef 'x y' '[1,2]')
    local want
    want=$(printf '[topic0]: %s\n[topic1]: %s\n[topic2]: %s\n[data]: %s' "$("$cast" sig-event 'E(string,bytes,string,uint256[])')" \
        "$("$cast" keccak hello)" "$("$cast" keccak 0xdeadbeef)" "$("$cast" abi-encode 'f(string,uint256[])' 'x y' '[1,2]')")
    [ "$out" = "$want" ] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); printf 'FAIL abi-encode-event hashed topics and data\n  want: %s\n  ours: %s\n' "$want" "$out"; }
    local -a topics=()
    for args in $(sed -n 's/^\[topic[0-9]\]: //p' <<<"$out"); do topics+=(-t "$args"); done
    out=$("$bin" decode-event --sig 'E(string indexed s, bytes indexed b, string t, uint256[] v)' "${topics[@]}" \
        "$(sed -n 's/^\[data\]: //p' <<<"$out")")
    want=$(printf '%s\n%s\n"x y"\n[1, 2]' "$("$cast" keccak hello)" "$("$cast" keccak 0xdeadbeef)")
    [ "$out" = "$want" ] && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); printf 'FAIL abi-encode-event read back by decode-event\n  want: %s\n  ours: %s\n' "$want" "$out"; }
    # cast 1.7.1 accepts these and prints a log no contract emits: missing or extra arguments, five topics
    refused "abi-encode-event missing argument" "takes 1 arguments, 0 given" abi-encode-event 'E(uint256 a)'
    refused "abi-encode-event extra argument" "takes 1 arguments, 2 given" abi-encode-event 'E(uint256 a)' 1 2
    refused "abi-encode-event five topics" "more indexed parameters" abi-encode-event \
        'E(uint256 indexed a, uint256 indexed b, uint256 indexed c, uint256 indexed d)' 1 2 3 4
    refused "abi-encode-event indexed array" "not supported" abi-encode-event 'E(uint256[] indexed a)' '[1]'
    both_refuse abi-encode-event 'E(uint8 indexed a)' 300
    both_refuse abi-encode-event 'E(uint8 a' 3
}

# Edge cases of the offline commands (i13-cli-offline): numbers at the limits, negative numbers, bases,
# units in any case, nested values, empty input; bad input is one line on stderr and exit 1.
# both_refuse ARGS...: cast fails too (any status), ours exits 1 with one line on stderr, nothing on stdout
both_refuse() {
    if "$cast" "$@" >/dev/null 2>&1; then
        failed=$((failed + 1)); echo "FAIL cast accepts $*"; return
    fi
    refused "$*" "^seismic: " "$@"
}
edge_cases() {
    local max=115792089237316195423570985008687907853269984665640564039457584007913129639935
    local min_int=-57896044618658097711785492504343953926634992332820282019728792003956564819968
    local n args
    for args in "to-hex $max" "to-hex -- $min_int" "to-hex -- -255" "to-hex 0xFF" "to-hex abc" "to-hex 00ff" "to-hex 0b101" \
        "to-hex 0o17" "to-hex -- -0x10" "to-hex -- -0" "to-dec 10" "to-dec ff" "to-dec 0xff" "to-dec 0b101" "to-dec 0o17" \
        "to-dec -- -10" "to-dec -- -ff" "to-dec -- -0b11" "to-dec 0x$(printf 'f%.0s' {1..64})" "to-dec -- -0x1" \
        "to-wei -- -1" "to-wei -- -1.5 gwei" "to-wei -- -0" "to-wei 1 ETH" "to-wei 1 Gwei" "to-wei .5" "to-wei 5." \
        "to-wei 1.5 kwei" "to-wei 1e18" "from-wei 12 wei" "from-wei 0 wei" "from-wei 1 ETHER" "from-wei 5 kwei" \
        "from-wei $max" "from-wei -- -1" "from-wei -- -1000000000000000000" "parse-units -- -1.5" "parse-units 1 0" \
        "parse-units 1.5 0" "parse-units 1 77" "format-units 1 77" "format-units -- -5 2" "format-units 123 0" \
        "format-units 0x10 2" "keccak 0X61" "keccak ''" "keccak 0x1" "sig 'foo()'" "sig 'foo(uint,(bool,address)[],bytes32[2])'" \
        "sig-event 'event Foo(uint indexed a, string b)'" "hash-message ''" "hash-message 0X12" \
        "compute-address --nonce 18446744073709551615 $A0" "compute-address --nonce 127 $A0" "compute-address --nonce 128 $A0" \
        "to-check-sum-address 0x70997970C51812DC3A010C7D01B50E0D17DC79C8" "to-check-sum-address 70997970c51812dc3a010c7d01b50e0d17dc79c8" \
        "calldata 'f(int8)' -- -128" "calldata 'f(uint256)' -- -1" "calldata 'f(string)' ''" "calldata 'f(bytes)' 0x" \
        "calldata 'f(uint256[2][])' '[[1,2],[3,4]]'" "calldata 'f((uint256,(bool,string[]))[])' '[(1,(true,[a,b])),(2,(false,[]))]'" \
        "calldata 'f(string[])' '[\"a,b\", \"c]\"]'" "calldata 'f(string)' 'a,b'" "calldata 'f(uint256[])' '[]'" \
        "abi-encode 'f(uint256[][])' '[[],[1],[2,3]]'" "abi-encode 'f(uint256[2][2])' '[[1,2],[3,4]]'" \
        "wallet sign --private-key $K0 ''" "wallet sign --private-key $K0 0x"; do
        eval "same $args"
    done
    # decoding: signed and huge numbers, nested arrays and tuples, empty values (the data from cast abi-encode)
    enc() { local t=$1; shift; "$cast" abi-encode "f$t" "$@"; }
    for n in -1 -9999 -10000 -12345 -123456789 "$min_int" 57896044618658097711785492504343953926634992332820282019728792003956564819967; do
        same abi-decode 'f()(int256)' "$(enc '(int256)' "$n")"
    done
    same abi-decode 'f()(uint8,int8,uint16,int128)' "$(enc '(uint8,int8,uint16,int128)' 255 -128 65535 -170141183460469231731687303715884105728)"
    same abi-decode 'f()(uint256[][])' "$(enc '(uint256[][])' '[[1,100000],[],[3]]')"
    same abi-decode 'f()((uint256,string)[2],bool)' "$(enc '((uint256,string)[2],bool)' '[(1,"a"),(2,"b")]' true)"
    same abi-decode 'f()((int8,(string,bytes)[]))' "$(enc '((int8,(string,bytes)[]))' '(-1,[("x",0x01),("y",0x)])')"
    same abi-decode 'f()(string,bytes)' "$(enc '(string,bytes)' '' 0x)"
    same abi-decode 'f()(string,string,string)' "$(enc '(string,string,string)' "$(printf 'tab\there\\')" 'é€😀' "$(printf 'x\x1by\xc2\x85z\x01')")"
    local wide='(uint256[],(bool,int256),uint64,uint256,int64,int64,address,bytes,bytes3,string[])'
    data=$(enc "$wide" '[]' '(false,-9223372036854775809)' 18446744073709551615 18446744073709551616 -9223372036854775808 \
        9223372036854775807 $A1 0x 0xabcdef '["a","b"]')
    same --json abi-decode "f()$wide" "$data"
    same abi-decode --json "f()$wide" "$data"
    same --json decode-calldata 'f(uint256,string)' "$("$cast" calldata 'f(uint256,string)' 12345 'a b')"
    # bad input: both refuse; ours says why in one line
    for args in "to-hex 0x" "to-hex 0o" "to-dec 0x" "to-wei 1 foo" "to-wei 1 ether2" "to-wei 0x10 gwei" \
        "from-wei 1.5" "to-check-sum-address 0x70997970c51812dc3a010c7d01b50e0d17dc79" "keccak 0xzz" "keccak 0x1 0x2" \
        "sig 'foo(uint256'" "compute-address --nonce 18446744073709551616 $A0" "compute-address --nonce 1 0x12" \
        "calldata 'f(int8)' 128" "calldata 'f(uint8)' 0x100" "calldata 'f(uint256)' 1.5" "calldata 'f(bytes2)' 0x12" \
        "calldata 'f(bytes)' 0x123" "calldata 'f(bool)' 1" "calldata 'f(uint256[2])' '[1]'" "calldata 'f(uint256)'" \
        "calldata 'f(uint256)' 1 2" "abi-encode 'f(uint256)' $max"1 "abi-decode 'f()(uint256)' 0x" "abi-decode 'f()(uint256)' 0x12" \
        "abi-decode 'f()(uint256)' 0xzz" "abi-decode 'f()' 0x" "abi-decode 'f(uint256)' $(enc '(uint256)' 1)" \
        "decode-calldata 'f(uint256)' 0x12345678" "decode-calldata 'f(uint256)' 0x123456" "decode-calldata 'f()' 0x12345678" \
        "wallet sign --private-key $K0 0xzz" "wallet sign --private-key 0x12 hi" \
        "wallet address --private-key 0x0000000000000000000000000000000000000000000000000000000000000000" \
        "wallet verify --address $A0 hello 0x1234" "decode-event --sig 'Foo(uint256)' 0x" "decode-event --sig 'Foo(uint256)' 0x00" \
        "decode-error --sig 'Foo(uint256' 0xc2985578" "create2 --salt 0x01 --init-code 0x" \
        "create2 --salt 0x0000000000000000000000000000000000000000000000000000000000000001 --init-code-hash 0x00"; do
        eval "both_refuse $args"
    done
    # where ours refuses what cast accepts (it would print a wrong or meaningless answer): one line, exit 1
    refused "to-wei overflow (cast wraps around)" "does not fit" to-wei $max
    refused "calldata int8 -129 (cast wraps to 127)" "does not fit" calldata 'f(int8)' -- -129
    refused "abi-decode uint8 of 256 (cast prints 256)" "high bits" abi-decode 'f()(uint8)' "$(enc '(uint256)' 256)"
    refused "abi-decode bool 2 (cast prints true)" "bool" abi-decode 'f()(bool)' "$(enc '(uint256)' 2)"
    refused "to-hex below -2^255 (cast wraps around)" "less than -2\^255" to-hex -- -$max
    refused "to-dec empty (cast prints an empty line)" "not a number" to-dec ''
    refused "to-hex empty (cast prints 0x0)" "not a number" to-hex ''
    refused "sig uint7 (cast hashes it)" "integer size" sig 'foo(uint7)'
    refused "calldata wrong checksum (cast ignores it)" "checksum" calldata 'f(address)' 0x70997970C51812dc3A010C7d01b50e0d17dc79C9
}
edge_cases
abi_encode_event_cases

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
    blob_file=$(mktemp)
    echo 'a blob' >"$blob_file"
    eip4844=$(anvil_send --blob --path "$blob_file" $A1)
    rm -f "$blob_file"
    eip7702=$(anvil_send --auth "$logger" $A1) # the sender signs the authorization (its next nonce)
    # the cases are what they claim (else the comparisons below would compare two errors)
    kinds=$("$cast" tx --rpc-url "$node" "$legacy" --json | jq -r .type)
    for h in "$eip2930" "$eip1559" "$created" "$eip4844" "$eip7702"; do
        kinds="$kinds $("$cast" tx --rpc-url "$node" "$h" --json | jq -r .type)"
    done
    kinds="$kinds $("$cast" receipt --rpc-url "$node" "$failed_tx" status) $("$cast" receipt --rpc-url "$node" "$logged" --json | jq '.logs | length')"
    kinds="$kinds $("$cast" receipt --rpc-url "$node" "$failed_tx" revertReason | cut -c1-6)"
    if [ "$kinds" = '0x0 0x1 0x2 0x2 0x3 0x4 false 1 nope, ' ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL the Anvil cases: types, status, logs, reason are $kinds"
    fi
    for h in "$created" "$logged" "$failed_tx" "$legacy" "$eip2930" "$eip1559" "$eip4844" "$eip7702"; do
        same tx --rpc-url "$node" "$h"
        same tx --rpc-url "$node" "$h" --json
        same receipt --rpc-url "$node" "$h"
        same receipt --rpc-url "$node" "$h" --json
    done
    for h in "$legacy" "$eip2930" "$eip1559" "$created" "$eip4844" "$eip7702"; do
        same tx --rpc-url "$node" "$h" raw
        same tx --rpc-url "$node" "$h" --raw
    done
    for field in blockHash blockNumber from gas gasPrice hash input nonce r s to transactionIndex v value yParity; do
        same tx --rpc-url "$node" "$eip1559" $field
        same tx --rpc-url "$node" "$legacy" $field
        same tx --rpc-url "$node" "$eip7702" $field
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
    # receipt waits for a pending transaction by default, in both: mine while both wait, then compare
    want_file=$(mktemp)
    got_file=$(mktemp)
    "$cast" receipt --rpc-url "$node" "$pending" >"$want_file" 2>/dev/null &
    want_pid=$!
    "$bin" receipt --rpc-url "$node" "$pending" >"$got_file" 2>/dev/null &
    got_pid=$!
    sleep 1.5
    "$cast" rpc --rpc-url "$node" evm_setAutomine true >/dev/null
    "$cast" rpc --rpc-url "$node" evm_mine >/dev/null
    wait $want_pid
    want_code=$?
    wait $got_pid
    got_code=$?
    if [ $want_code -eq 0 ] && [ $got_code -eq 0 ] && grep -q '^status  *1 (success)$' "$want_file" &&
        cmp -s "$want_file" "$got_file"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL receipt of a pending transaction (both wait)\n  cast (exit %d): %s\n  ours (exit %d): %s\n' \
            $want_code "$(cat "$want_file")" $got_code "$(cat "$got_file")"
    fi
    rm -f "$want_file" "$got_file"
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
    # the signed 0x4a encoding cast cannot make: rebuilt from the fields, it hashes (cast keccak) to the hash
    raw=$("$bin" --rpc-url "$dev" tx "$shielded" raw)
    if [ "${raw:0:4}" = 0x4a ] && [ "$("$cast" keccak "$raw")" = "$shielded" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL tx raw of the 0x4a transaction: $raw does not hash to $shielded"
    fi
    same receipt --rpc-url "$dev" "$shielded" logs
    same receipt --rpc-url "$dev" "$shielded" type
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
