/* ABI layer: signatures, selectors, encoding from text, strict decoding, formatting, revert data.
   Expected encodings are the Solidity ABI spec examples and values produced by viem. */
#include "seismic.h"
#include "harness.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define W0 "0000000000000000000000000000000000000000000000000000000000000000"

/* Appends one 32-byte ABI word holding value. */
static void put_word(seismic_buf *out, uint64_t value) {
    uint8_t word[32] = {0};
    for (int i = 0; i < 8; i++) word[31 - i] = (uint8_t)(value >> (8 * i));
    seismic_buf_append(out, word, 32);
}

static seismic_buf new_buf(void) {
    seismic_buf b;
    memset(&b, 0, sizeof b);
    return b;
}

static void check_selector(const char *signature, const char *expected) {
    uint8_t sel[4];
    CHECK(seismic_abi_selector(signature, sel, NULL) == SEISMIC_OK);
    CHECK_HEX(sel, 4, expected);
}

static void check_topic(const char *signature, const char *expected) {
    uint8_t topic[32];
    CHECK(seismic_abi_event_topic(signature, topic, NULL) == SEISMIC_OK);
    CHECK_HEX(topic, 32, expected);
}

static void check_canonical(const char *signature, const char *expected) {
    seismic_buf b = new_buf();
    seismic_error err;
    seismic_result r = seismic_abi_canonical_signature(signature, &b, &err);
    CHECK(r == SEISMIC_OK);
    CHECK_STR(r ? err.message : seismic_buf_cstr(&b), expected);
    seismic_buf_free(&b);
}

/* Decodes data for types, formats every top-level value as text, encodes those texts again and
   expects the same bytes: the formatter speaks the argument syntax. */
static void check_round_trip(const char *types, const uint8_t *data, size_t len) {
    seismic_abi_value values[128];
    size_t count = 0;
    seismic_error err;
    seismic_buf texts[16], again = new_buf();
    const char *args[16];
    seismic_result r = seismic_abi_decode(types, data, len, values, COUNT(values), &count, &err);
    CHECK(r == SEISMIC_OK);
    if (r) {
        fprintf(stderr, "  decode %s: %s\n", types, err.message);
        return;
    }
    size_t n = values[0].count, child = 1;
    CHECK(n <= 16);
    for (size_t i = 0; i < n && i < 16; i++, child = values[child].end) {
        texts[i] = new_buf();
        CHECK(seismic_abi_format_value(values, child, false, &texts[i]) == SEISMIC_OK);
        args[i] = seismic_buf_cstr(&texts[i]);
    }
    r = seismic_abi_encode_text(types, args, n, &again, &err);
    CHECK(r == SEISMIC_OK);
    if (r) fprintf(stderr, "  re-encode %s: %s\n", types, err.message);
    CHECK(again.len == len && (len == 0 || memcmp(again.data, data, len) == 0));
    for (size_t i = 0; i < n && i < 16; i++) seismic_buf_free(&texts[i]);
    seismic_buf_free(&again);
}

/* encode_call must give expected; then the arguments must survive decode + format + encode. */
static void check_call(const char *signature, const char *const *args, size_t nargs, const char *expected) {
    seismic_buf b = new_buf(), types = new_buf();
    seismic_error err;
    seismic_result r = seismic_abi_encode_call_text(signature, args, nargs, &b, &err);
    CHECK(r == SEISMIC_OK);
    if (r) fprintf(stderr, "  %s: %s\n", signature, err.message);
    CHECK_HEX(b.data, b.len, expected);
    CHECK(seismic_abi_input_types(signature, &types, NULL) == SEISMIC_OK);
    if (!r && b.len >= 4) check_round_trip(seismic_buf_cstr(&types), b.data + 4, b.len - 4);
    seismic_buf_free(&b);
    seismic_buf_free(&types);
}

static void check_encode(const char *types, const char *const *args, size_t nargs, const char *expected) {
    seismic_buf b = new_buf();
    seismic_error err;
    seismic_result r = seismic_abi_encode_text(types, args, nargs, &b, &err);
    CHECK(r == SEISMIC_OK);
    if (r) fprintf(stderr, "  %s: %s\n", types, err.message);
    CHECK_HEX(b.data, b.len, expected);
    if (!r) check_round_trip(types, b.data, b.len);
    seismic_buf_free(&b);
}

static void check_encode_error(const char *types, const char *const *args, size_t nargs, const char *message) {
    seismic_buf b = new_buf();
    seismic_error err;
    seismic_buf_append_str(&b, "keep");
    memset(&err, 0, sizeof err);
    CHECK(seismic_abi_encode_text(types, args, nargs, &b, &err) != SEISMIC_OK);
    CHECK_STR(err.message, message);
    CHECK(b.len == 4); /* nothing appended on error */
    seismic_buf_free(&b);
}

/* Decodes hex for types and formats the top tuple. */
static void check_format(const char *types, const char *hex, bool json, const char *expected) {
    seismic_buf data = new_buf(), text = new_buf();
    seismic_abi_value values[64];
    size_t count;
    seismic_error err;
    CHECK(seismic_hex_decode_buf(hex, strlen(hex), &data) == SEISMIC_OK);
    seismic_result r = seismic_abi_decode(types, data.data, data.len, values, COUNT(values), &count, &err);
    CHECK(r == SEISMIC_OK);
    if (r == SEISMIC_OK) CHECK(seismic_abi_format_value(values, 0, json, &text) == SEISMIC_OK);
    CHECK_STR(r ? err.message : seismic_buf_cstr(&text), expected);
    seismic_buf_free(&data);
    seismic_buf_free(&text);
}

static seismic_result decode_hex(const char *types, const char *hex, seismic_error *err) {
    seismic_buf data = new_buf();
    seismic_abi_value values[64];
    size_t count;
    CHECK(seismic_hex_decode_buf(hex, strlen(hex), &data) == SEISMIC_OK);
    seismic_result r = seismic_abi_decode(types, data.data, data.len, values, COUNT(values), &count, err);
    seismic_buf_free(&data);
    return r;
}

static void check_malformed(const char *types, const char *hex, const char *message) {
    seismic_error err;
    memset(&err, 0, sizeof err);
    CHECK(decode_hex(types, hex, &err) == SEISMIC_ERR_PARSE);
    CHECK_STR(err.message, message);
}

static void check_revert(const char *hex, const char *expected) {
    seismic_buf data = new_buf(), msg = new_buf();
    CHECK(seismic_hex_decode_buf(hex, strlen(hex), &data) == SEISMIC_OK);
    CHECK(seismic_abi_decode_revert(data.data, data.len, &msg) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&msg), expected);
    seismic_buf_free(&data);
    seismic_buf_free(&msg);
}

static void test_signatures(void) {
    /* spec §9.12, §5.1, §5.2 */
    check_selector("setNumber(suint256)", "24a7f0b7");
    check_selector("setNumber(uint256)", "3fb5c1cb");
    check_selector("increment()", "d09de08a");
    check_selector("isOdd()", "43bd0d70");
    check_selector("getNumber()", "f2c9ecd8");
    check_selector("setSecret(suint256)", "8987b128");
    check_selector("revertWithSecret()", "e0f7bec4");
    check_selector("Error(string)", "08c379a0");
    check_selector("name()", "06fdde03");
    check_selector("symbol()", "95d89b41");
    check_selector("decimals()", "313ce567");
    check_selector("transfer(address to, suint256 amount)", "b10c99b5");
    check_selector("function approve(address spender, suint256 amount) external returns (bool)", "2e62b8c8");
    check_selector("transferFrom(address,address,suint256)", "9552331e");
    check_selector("allowance(address spender)", "3e5beab9");
    check_selector("balance()", "b69ef8a8");
    check_selector("balanceOf()", "722713f7");
    check_selector("setKey(suint256 _key)", "70df0933");
    check_selector("function getKey() view returns (uint256)", "82678dd6");
    check_selector("checkHasKey(address)", "8b2f9fd1");
    check_selector("keyHash(address to)", "eefbaf18");
    check_selector("  baz ( uint32 x , bool y ) ", "cdcd77c0");
    check_selector("f(sbool,saddress[],(suint8,sbytes))", "e65dab5a");
    check_selector("f(sbool,saddress[],tuple(suint8 a, sbytes b) t)", "e65dab5a");
    check_topic("event Transfer(address indexed from, address indexed to, bytes32 indexed encryptKeyHash, bytes encryptedAmount)",
                "80ffa007a69623ef13594f5e8178eee6c4ef2d0cba74c08329e879f695b7d3f6");
    check_topic("Approval(address indexed owner, address indexed spender, bytes32 indexed encryptKeyHash, bytes encryptedAmount)",
                "8ef65e17890b61a4796f8848475471f8895cd361b1de7e7260a6800ba0623f40");
    check_topic("KeySet(address)", "e09b54ab39b458cc6e350a9444815a294301d94eaa79ba68d8a2f9f9c7c0b4cc");
    check_topic("event Transfer(address indexed from, address indexed to, uint256 value)",
                "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    check_canonical("transfer(address to, suint256 amount)", "transfer(address,suint256)");
    check_canonical("function f(uint a, int[2][] memory b, (uint, sbytes32)[3] calldata c) public pure returns (uint);",
                    "f(uint256,int256[2][],(uint256,sbytes32)[3])");
    check_canonical("g(address payable to, tuple(bool, (string, bytes))[] x)", "g(address,(bool,(string,bytes))[])");
    check_canonical("e()", "e()");

    seismic_buf b = new_buf();
    CHECK(seismic_abi_output_types("function balanceOf(address owner) view returns (uint256 balance, bool)", &b, NULL) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&b), "(uint256,bool)");
    b.len = 0;
    CHECK(seismic_abi_output_types("transfer(address,suint256)", &b, NULL) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&b), "()");
    b.len = 0;
    CHECK(seismic_abi_input_types("transfer(address to, suint256 amount)", &b, NULL) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&b), "(address,suint256)");
    /* cast's form: the outputs right after the inputs */
    b.len = 0;
    CHECK(seismic_abi_output_types("balanceOf(address)(uint256, (string,bool)[])", &b, NULL) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&b), "(uint256,(string,bool)[])");
    b.len = 0;
    CHECK(seismic_abi_input_types("balanceOf(address owner) (uint256)", &b, NULL) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&b), "(address)");
    check_canonical("balanceOf(address)(uint256)", "balanceOf(address)");
    seismic_error cast_err;
    CHECK(seismic_abi_output_types("f()(uint256) returns (uint256)", &b, &cast_err) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(strstr(cast_err.message, "expected one '(' after returns") != NULL);
    CHECK(seismic_abi_output_types("f()(uint256)(bool)", &b, &cast_err) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_abi_output_types("f()(uint256", &b, &cast_err) == SEISMIC_ERR_INVALID_ARGUMENT);
    seismic_buf_free(&b);

    CHECK(seismic_abi_has_shielded_inputs("transfer(address,suint256)"));
    CHECK(seismic_abi_has_shielded_inputs("f(uint256,(bool,sbool[])[])"));
    CHECK(seismic_abi_has_shielded_inputs("f(sbytes)"));
    CHECK(!seismic_abi_has_shielded_inputs("f(string,bytes32) returns (suint256)"));
    CHECK(!seismic_abi_has_shielded_inputs("balanceOf(address)"));
    CHECK(!seismic_abi_has_shielded_inputs("broken(suint256"));

    /* malformed signatures and types */
    static const char *const bad[] = {
        "f(uint7)", "f(uint264)", "f(uint08)", "f(bytes0)", "f(bytes33)", "f(sstring)", "f(foo)", "f(uint256",
        "f(uint256[0])", "f(uint256[)", "f(())", "(uint256)", "f(uint256,)", "f(uint256) returns", "f() x ! y",
        "f(uint256[][][][][][][][][][][][][][][][][])", "f(((((((((((((((((((uint256)))))))))))))))))))",
        "f(uint256[4294967296])", "f(uint256[4294967295][2])", "",
    };
    for (size_t i = 0; i < COUNT(bad); i++) {
        uint8_t sel[4];
        seismic_error err;
        memset(&err, 0, sizeof err);
        CHECK(seismic_abi_selector(bad[i], sel, &err) != SEISMIC_OK);
        CHECK(err.message[0] != 0);
    }
    seismic_error err;
    uint8_t sel[4];
    CHECK(seismic_abi_selector("f(uint256[][][][][][][][][][][][][][][][])", sel, NULL) == SEISMIC_OK); /* depth 16 */
    CHECK(seismic_abi_selector("f(uint7)", sel, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK_STR(err.message, "abi: integer size must be 8..256 in steps of 8 at offset 2 of \"f(uint7)\"");
}

static void test_encode(void) {
    /* Solidity ABI specification examples */
    static const char *const baz[] = {"69", "true"};
    check_call("baz(uint32,bool)", baz, 2,
               "cdcd77c0" "0000000000000000000000000000000000000000000000000000000000000045"
               "0000000000000000000000000000000000000000000000000000000000000001");
    static const char *const bar[] = {"[0x616263, 0x646566]"};
    check_call("bar(bytes3[2])", bar, 1,
               "fce353f6" "6162630000000000000000000000000000000000000000000000000000000000"
               "6465660000000000000000000000000000000000000000000000000000000000");
    static const char *const sam[] = {"0x64617665", "true", "[1,2,3]"};
    check_call("sam(bytes,bool,uint256[])", sam, 3,
               "a5643bf2" "0000000000000000000000000000000000000000000000000000000000000060"
               "0000000000000000000000000000000000000000000000000000000000000001"
               "00000000000000000000000000000000000000000000000000000000000000a0"
               "0000000000000000000000000000000000000000000000000000000000000004"
               "6461766500000000000000000000000000000000000000000000000000000000"
               "0000000000000000000000000000000000000000000000000000000000000003"
               "0000000000000000000000000000000000000000000000000000000000000001"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "0000000000000000000000000000000000000000000000000000000000000003");
    static const char *const f[] = {"0x123", "[0x456, 0x789]", "0x31323334353637383930",
                                    "0x48656c6c6f2c20776f726c6421"};
    check_call("f(uint256,uint32[],bytes10,bytes)", f, 4,
               "8be65246" "0000000000000000000000000000000000000000000000000000000000000123"
               "0000000000000000000000000000000000000000000000000000000000000080"
               "3132333435363738393000000000000000000000000000000000000000000000"
               "00000000000000000000000000000000000000000000000000000000000000e0"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "0000000000000000000000000000000000000000000000000000000000000456"
               "0000000000000000000000000000000000000000000000000000000000000789"
               "000000000000000000000000000000000000000000000000000000000000000d"
               "48656c6c6f2c20776f726c642100000000000000000000000000000000000000");
    static const char *const g[] = {" [[1, 2], [3]] ", "[one, \"two\", three]"};
    check_call("g(uint256[][],string[])", g, 2,
               "2289b18c" "0000000000000000000000000000000000000000000000000000000000000040"
               "0000000000000000000000000000000000000000000000000000000000000140"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "0000000000000000000000000000000000000000000000000000000000000040"
               "00000000000000000000000000000000000000000000000000000000000000a0"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "0000000000000000000000000000000000000000000000000000000000000001"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "0000000000000000000000000000000000000000000000000000000000000001"
               "0000000000000000000000000000000000000000000000000000000000000003"
               "0000000000000000000000000000000000000000000000000000000000000003"
               "0000000000000000000000000000000000000000000000000000000000000060"
               "00000000000000000000000000000000000000000000000000000000000000a0"
               "00000000000000000000000000000000000000000000000000000000000000e0"
               "0000000000000000000000000000000000000000000000000000000000000003"
               "6f6e650000000000000000000000000000000000000000000000000000000000"
               "0000000000000000000000000000000000000000000000000000000000000003"
               "74776f0000000000000000000000000000000000000000000000000000000000"
               "0000000000000000000000000000000000000000000000000000000000000005"
               "7468726565000000000000000000000000000000000000000000000000000000");

    /* spec §9.12 */
    static const char *const forty_two[] = {"42"};
    check_call("setNumber(suint256)", forty_two, 1,
               "24a7f0b7000000000000000000000000000000000000000000000000000000000000002a");

    /* tuples with dynamic members, arrays of tuples (viem) */
    static const char *const tupdyn[] = {"(7, \"hi, there\")", "0xdeadbeef"};
    check_encode("((uint256,string),bytes)", tupdyn, 2,
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "00000000000000000000000000000000000000000000000000000000000000c0"
                 "0000000000000000000000000000000000000000000000000000000000000007"
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "0000000000000000000000000000000000000000000000000000000000000009"
                 "68692c2074686572650000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000004"
                 "deadbeef00000000000000000000000000000000000000000000000000000000");
    static const char *const arrtup[] = {"[(1, a), [2, \"bc\"]]"};
    check_encode("(uint8,string)[]", arrtup, 1,
                 "0000000000000000000000000000000000000000000000000000000000000020"
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "00000000000000000000000000000000000000000000000000000000000000c0"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "6100000000000000000000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "6263000000000000000000000000000000000000000000000000000000000000");
    static const char *const nestedfix[] = {"[[1,2],[3,4]]", "[x, y]"};
    check_encode("uint8[2][], string[2]", nestedfix, 2,
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "00000000000000000000000000000000000000000000000000000000000000e0"
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "0000000000000000000000000000000000000000000000000000000000000003"
                 "0000000000000000000000000000000000000000000000000000000000000004"
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "0000000000000000000000000000000000000000000000000000000000000080"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "7800000000000000000000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "7900000000000000000000000000000000000000000000000000000000000000");
    /* quoted strings with commas, escaped quotes, \u escapes and brackets */
    static const char *const quoted[] = {"[\"a,b\", \"c\\\"d\", \"\\u00e9\"]", "(\"[x]\", -300)"};
    check_encode("(string[],(string,int16))", quoted, 2,
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "0000000000000000000000000000000000000000000000000000000000000180"
                 "0000000000000000000000000000000000000000000000000000000000000003"
                 "0000000000000000000000000000000000000000000000000000000000000060"
                 "00000000000000000000000000000000000000000000000000000000000000a0"
                 "00000000000000000000000000000000000000000000000000000000000000e0"
                 "0000000000000000000000000000000000000000000000000000000000000003"
                 "612c620000000000000000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000003"
                 "6322640000000000000000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "c3a9000000000000000000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000040"
                 "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed4"
                 "0000000000000000000000000000000000000000000000000000000000000003"
                 "5b785d0000000000000000000000000000000000000000000000000000000000");

    /* signed integers */
    static const char *const minus_one[] = {"-1"};
    check_encode("int8", minus_one, 1, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    static const char *const int_min[] = {"-57896044618658097711785492504343953926634992332820282019728792003956564819968"};
    check_encode("int256", int_min, 1, "8000000000000000000000000000000000000000000000000000000000000000");
    static const char *const int_max[] = {"0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"};
    check_encode("int", int_max, 1, "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    static const char *const int8_edges[] = {"-128", "127", "0", "-0x80"};
    check_encode("int8,int8,int8,int8", int8_edges, 4,
                 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"
                 "000000000000000000000000000000000000000000000000000000000000007f" W0
                 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80");
    static const char *const uints[] = {"255", "0xffff", "115792089237316195423570985008687907853269984665640564039457584007913129639935"};
    check_encode("uint8,uint16,uint", uints, 3,
                 "00000000000000000000000000000000000000000000000000000000000000ff"
                 "000000000000000000000000000000000000000000000000000000000000ffff"
                 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

    /* shielded types encode as their public twins (viem, public types) */
    static const char *const shield[] = {"true", "[0x1111111111111111111111111111111111111111, 0x2222222222222222222222222222222222222222]",
                                         "(5, 0xabcd)"};
    check_call("f(sbool,saddress[],(suint8,sbytes))", shield, 3,
               "e65dab5a" "0000000000000000000000000000000000000000000000000000000000000001"
               "0000000000000000000000000000000000000000000000000000000000000060"
               "00000000000000000000000000000000000000000000000000000000000000c0"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "0000000000000000000000001111111111111111111111111111111111111111"
               "0000000000000000000000002222222222222222222222222222222222222222"
               "0000000000000000000000000000000000000000000000000000000000000005"
               "0000000000000000000000000000000000000000000000000000000000000040"
               "0000000000000000000000000000000000000000000000000000000000000002"
               "abcd000000000000000000000000000000000000000000000000000000000000");
    static const char *const sint[] = {"-2", "0x01020304"};
    check_encode("sint16,sbytes4", sint, 2,
                 "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                 "0102030400000000000000000000000000000000000000000000000000000000");

    /* addresses: lowercase, uppercase, and a valid EIP-55 checksum */
    static const char *const addrs[] = {"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
                                        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"};
    check_encode("address,address,address", addrs, 3,
                 "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
                 "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
                 "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed");

    /* strings: raw at the top (commas and quotes kept), empty, exactly one word long */
    static const char *const raw[] = {"\"a, b\"", "", "0123456789abcdef0123456789abcdef"};
    check_encode("string,string,string", raw, 3,
                 "0000000000000000000000000000000000000000000000000000000000000060"
                 "00000000000000000000000000000000000000000000000000000000000000a0"
                 "00000000000000000000000000000000000000000000000000000000000000c0"
                 "0000000000000000000000000000000000000000000000000000000000000006"
                 "22612c2062220000000000000000000000000000000000000000000000000000" W0
                 "0000000000000000000000000000000000000000000000000000000000000020"
                 "3031323334353637383961626364656630313233343536373839616263646566");
    static const char *const empty_arrays[] = {"[]", "[ ]", "0x"};
    check_encode("uint256[],string[],bytes", empty_arrays, 3,
                 "0000000000000000000000000000000000000000000000000000000000000060"
                 "0000000000000000000000000000000000000000000000000000000000000080"
                 "00000000000000000000000000000000000000000000000000000000000000a0" W0 W0 W0);
    /* JSON-style quoted elements */
    static const char *const json_style[] = {"[\"1\", \"0x02\"]", "[\"true\", false]"};
    check_encode("uint8[], bool[2]", json_style, 2,
                 "0000000000000000000000000000000000000000000000000000000000000060"
                 "0000000000000000000000000000000000000000000000000000000000000001" W0
                 "0000000000000000000000000000000000000000000000000000000000000002"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "0000000000000000000000000000000000000000000000000000000000000002");
    /* the deepest nesting allowed: 16 levels */
    static const char *const deep[] = {"[[[[[[[[[[[[[[[[7]]]]]]]]]]]]]]]]"};
    check_encode("uint8[1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][]", deep, 1,
                 "0000000000000000000000000000000000000000000000000000000000000020"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "0000000000000000000000000000000000000000000000000000000000000007");
    check_encode("()", NULL, 0, "");
    check_encode("", NULL, 0, "");

    /* errors name the argument and the problem */
    static const char *const e1[] = {"1", "300"};
    check_encode_error("uint8,uint8", e1, 2, "argument 2 (uint8): 300 does not fit");
    static const char *const e2[] = {"128"};
    check_encode_error("int8", e2, 1, "argument 1 (int8): 128 does not fit");
    static const char *const e3[] = {"-129"};
    check_encode_error("int8", e3, 1, "argument 1 (int8): -129 does not fit");
    static const char *const e4[] = {"-1"};
    check_encode_error("uint256", e4, 1, "argument 1 (uint256): -1 is negative");
    static const char *const e5[] = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"};
    check_encode_error("address", e5, 1,
                       "argument 1 (address): 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD has a wrong EIP-55 checksum "
                       "(expected 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed)");
    static const char *const e6[] = {"0x1234"};
    check_encode_error("address", e6, 1, "argument 1 (address): 0x1234 is not an address (0x and 40 hex digits)");
    static const char *const e7[] = {"yes"};
    check_encode_error("bool", e7, 1, "argument 1 (bool): yes is not true or false");
    static const char *const e8[] = {"0x6162"};
    check_encode_error("bytes3", e8, 1, "argument 1 (bytes3): 0x6162 is not 0x and 6 hex digits");
    static const char *const e9[] = {"[1,2,3]"};
    check_encode_error("uint8[2]", e9, 1, "argument 1 (uint8[2]): expected 2 elements, got 3");
    static const char *const e10[] = {"[1,2"};
    check_encode_error("uint8[]", e10, 1, "argument 1 (uint8[]): [1,2 is not an array [a, b, ...]");
    static const char *const e11[] = {"[1,,2]"};
    check_encode_error("uint8[]", e11, 1, "argument 1 (uint8[]): empty element in [1,,2]");
    static const char *const e12[] = {"[\"a]"};
    check_encode_error("string[]", e12, 1, "argument 1 (string[]): unbalanced brackets or quotes in [\"a]");
    static const char *const e13[] = {"(1, [2, 999])"};
    check_encode_error("((uint8,uint8[]))", e13, 1, "argument 1 ((uint8,uint8[])): 999 does not fit");
    static const char *const e14[] = {"12abc"};
    check_encode_error("uint256", e14, 1, "argument 1 (uint256): 12abc is not a number");
    static const char *const e15[] = {"0x123"};
    check_encode_error("bytes", e15, 1, "argument 1 (bytes): 0x123 is not 0x and an even number of hex digits");
    static const char *const e16[] = {"[\"\\x\"]"};
    check_encode_error("string[]", e16, 1, "argument 1 (string[]): bad escape or quote in \"\\x\"");
    static const char *const e17[] = {"1"};
    check_encode_error("uint8,uint8", e17, 1, "abi: expected 2 arguments, got 1");
    static const char *const e18[] = {"[1]", "[2],[3]"};
    check_encode_error("uint8[],uint8[]", e18, 2, "argument 2 (uint8[]): unbalanced brackets or quotes in [2],[3]");
    static const char *const e19[] = {"1", NULL};
    check_encode_error("uint8,uint8", e19, 2, "argument 2 (uint8): missing (NULL)");

    /* encode_call keeps what was in the buffer and appends nothing on error */
    seismic_buf b = new_buf();
    seismic_error err;
    seismic_buf_append_str(&b, "xy");
    CHECK(seismic_abi_encode_call_text("setNumber(suint256)", e1 + 1, 1, &b, &err) == SEISMIC_OK);
    CHECK(b.len == 2 + 36 && memcmp(b.data, "xy\x24\xa7\xf0\xb7", 6) == 0);
    b.len = 2;
    CHECK(seismic_abi_encode_call_text("f(uint8)", e1 + 1, 1, &b, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(b.len == 2);
    CHECK_STR(err.message, "argument 1 (uint8): 300 does not fit");
    seismic_buf_free(&b);
}

static void test_decode(void) {
    /* the tree layout of a decode */
    static const char *const args[] = {"(7, \"hi, there\")", "[0xdeadbeef, 0x]", "-5", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "true"};
    seismic_buf b = new_buf();
    seismic_abi_value v[16];
    size_t count = 0;
    seismic_error err;
    const char *types = "((uint256,string),bytes[],int8,address,bool)";
    CHECK(seismic_abi_encode_text(types, args, 5, &b, &err) == SEISMIC_OK);
    CHECK(seismic_abi_decode(types, b.data, b.len, v, 16, &count, &err) == SEISMIC_OK);
    CHECK(count == 10);
    CHECK(v[0].kind == SEISMIC_ABI_TUPLE && v[0].count == 5 && v[0].end == 10);
    CHECK(v[1].kind == SEISMIC_ABI_TUPLE && v[1].count == 2 && v[1].end == 4);
    CHECK(v[2].kind == SEISMIC_ABI_UINT && v[2].bits == 256);
    CHECK(v[3].kind == SEISMIC_ABI_STRING && v[3].len == 9 && memcmp(v[3].data, "hi, there", 9) == 0);
    CHECK(v[4].kind == SEISMIC_ABI_ARRAY && v[4].count == 2 && v[4].end == 7);
    CHECK(v[5].kind == SEISMIC_ABI_BYTES && v[5].len == 4);
    CHECK(v[6].kind == SEISMIC_ABI_BYTES && v[6].len == 0);
    CHECK(v[7].kind == SEISMIC_ABI_INT && v[7].bits == 8);
    CHECK(v[8].kind == SEISMIC_ABI_ADDRESS && v[9].kind == SEISMIC_ABI_BOOL);
    uint64_t u = 0;
    bool flag = false;
    seismic_address addr;
    seismic_u256 big;
    CHECK(seismic_abi_value_u64(&v[2], &u) == SEISMIC_OK && u == 7);
    CHECK(seismic_abi_value_u64(&v[7], &u) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_abi_value_u256(&v[7], &big) == SEISMIC_OK && big.w[0] == (uint64_t)-5 && big.w[3] == UINT64_MAX);
    CHECK(seismic_abi_value_bool(&v[9], &flag) == SEISMIC_OK && flag);
    CHECK(seismic_abi_value_bool(&v[2], &flag) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_abi_value_address(&v[8], &addr) == SEISMIC_OK);
    CHECK_HEX(addr.bytes, 20, "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    CHECK(seismic_abi_value_address(&v[3], &addr) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_abi_value_u256(&v[3], &big) == SEISMIC_ERR_INVALID_ARGUMENT);

    seismic_buf text = new_buf();
    CHECK(seismic_abi_format_value(v, 0, false, &text) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&text), "((7, \"hi, there\"), [0xdeadbeef, 0x], -5, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, true)");
    text.len = 0;
    CHECK(seismic_abi_format_value(v, 0, true, &text) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&text), "[[\"7\",\"hi, there\"],[\"0xdeadbeef\",\"0x\"],\"-5\",\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\",true]");
    text.len = 0;
    CHECK(seismic_abi_format_value(v, 3, false, &text) == SEISMIC_OK); /* a top-level string is raw */
    CHECK_STR(seismic_buf_cstr(&text), "hi, there");
    seismic_buf_free(&text);

    /* counting mode: too small a cap still checks everything and says how many are needed */
    CHECK(seismic_abi_decode(types, b.data, b.len, NULL, 0, &count, &err) == SEISMIC_ERR_CAPACITY && count == 10);
    CHECK(seismic_abi_decode(types, b.data, b.len, v, 3, &count, &err) == SEISMIC_ERR_CAPACITY && count == 10);
    /* trailing data is allowed; truncation anywhere is not */
    seismic_buf_append(&b, "\x01\x02\x03", 3);
    CHECK(seismic_abi_decode(types, b.data, b.len, v, 16, &count, &err) == SEISMIC_OK);
    for (size_t cut = 0; cut < b.len - 3; cut++) {
        if (seismic_abi_decode(types, b.data, cut, v, 16, &count, &err) != SEISMIC_ERR_PARSE) {
            CHECK(!"truncated input accepted");
            fprintf(stderr, "  accepted at length %zu\n", cut);
            break;
        }
    }
    seismic_buf_free(&b);

    /* JSON escaping of control characters, quotes and invalid UTF-8 */
    check_format("string", "0000000000000000000000000000000000000000000000000000000000000020"
                           "0000000000000000000000000000000000000000000000000000000000000007"
                           "220a5c01c3a9ff00000000000000000000000000000000000000000000000000",
                 true, "[\"\\\"\\n\\\\\\u0001\xc3\xa9\\ufffd\"]");
    check_format("int8,int256,bytes2,uint8[2]",
                 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"
                 "8000000000000000000000000000000000000000000000000000000000000000"
                 "abcd000000000000000000000000000000000000000000000000000000000000"
                 "0000000000000000000000000000000000000000000000000000000000000001"
                 "0000000000000000000000000000000000000000000000000000000000000002",
                 false, "(-128, -57896044618658097711785492504343953926634992332820282019728792003956564819968, 0xabcd, [1, 2])");
    check_format("()", "", true, "[]");

    /* hostile input */
    check_malformed("uint256", "00", "abi: truncated data at offset 0");
    check_malformed("bool", "0000000000000000000000000000000000000000000000000000000000000002",
                    "abi: bool that is not 0 or 1 at offset 0");
    check_malformed("address", "0000000000000000000000015aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
                    "abi: uintN/address with non-zero high bits at offset 0");
    check_malformed("uint8", "0000000000000000000000000000000000000000000000000000000000000100",
                    "abi: uintN/address with non-zero high bits at offset 0");
    check_malformed("int8", "00000000000000000000000000000000000000000000000000000000000000ff",
                    "abi: intN that is not sign-extended at offset 0");
    check_malformed("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                    "abi: intN that is not sign-extended at offset 0");
    check_malformed("bytes3", "6162630100000000000000000000000000000000000000000000000000000000",
                    "abi: bytesN with non-zero padding at offset 0");
    check_malformed("string", "0000000000000000000000000000000000000000000000000000000000000040",
                    "abi: offset past the end of the data at offset 0");
    check_malformed("string", "ff00000000000000000000000000000000000000000000000000000000000020",
                    "abi: offset past the end of the data at offset 0");
    check_malformed("string", "0000000000000000000000000000000000000000000000000000000000000020"
                              "0000000000000000000000000000000000000000000000000000000000000021"
                              "6161616161616161616161616161616161616161616161616161616161616161",
                    "abi: length past the end of the data at offset 32");
    check_malformed("bytes", "0000000000000000000000000000000000000000000000000000000000000020"
                             "0000000000000000000000000000000000000000000000000000000000000002"
                             "6161000000000000000000000000000000000000000000000000000000000001",
                    "abi: non-zero padding at offset 32");
    check_malformed("bytes", "0000000000000000000000000000000000000000000000000000000000000020"
                             "0000000000000000000000000000000000000000000000000000000000000002"
                             "6161",
                    "abi: missing padding at offset 32");
    check_malformed("uint256[]", "0000000000000000000000000000000000000000000000000000000000000020"
                                 "00000000000000000000000000000000000000000000000000000000ffffffff"
                                 "0000000000000000000000000000000000000000000000000000000000000001",
                    "abi: array length past the end of the data at offset 32");
    check_malformed("uint256[]", "0000000000000000000000000000000000000000000000000000000000000020"
                                 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                    "abi: array length past the end of the data at offset 32");
    check_malformed("uint256[]", "0000000000000000000000000000000000000000000000000000000000000020"
                                 "0000000000000000000000000000000000000000000000000000000000000002"
                                 "0000000000000000000000000000000000000000000000000000000000000001",
                    "abi: array length past the end of the data at offset 32");
    check_malformed("bool[2]", "0000000000000000000000000000000000000000000000000000000000000001",
                    "abi: truncated data at offset 0");
    /* offsets that all point at the same long array: rejected once the values outgrow the data */
    {
        seismic_buf evil = new_buf();
        seismic_abi_value vals[4096];
        size_t n;
        put_word(&evil, 0x20);
        put_word(&evil, 64);
        for (int i = 0; i < 64; i++) put_word(&evil, 64 * 32); /* all at the inner array below */
        put_word(&evil, 62);
        for (int i = 0; i < 62; i++) put_word(&evil, 0);
        CHECK(seismic_abi_decode("uint256[][]", evil.data, evil.len, vals, 4096, &n, &err) == SEISMIC_ERR_PARSE);
        CHECK(strstr(err.message, "more values than the data can hold") != NULL);
        seismic_buf_free(&evil);
    }
    CHECK(seismic_abi_decode("uint256", NULL, 0, v, 16, &count, &err) == SEISMIC_ERR_PARSE);
    CHECK(seismic_abi_decode("()", NULL, 0, v, 16, &count, &err) == SEISMIC_OK && count == 1);
    CHECK(seismic_abi_decode("uint7", NULL, 0, v, 16, &count, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
}

static void test_revert(void) {
    check_revert("", "execution reverted");
    check_revert("08c379a0"
                 "0000000000000000000000000000000000000000000000000000000000000020"
                 "000000000000000000000000000000000000000000000000000000000000001a"
                 "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000",
                 "execution reverted: Not enough Ether provided.");
    check_revert("4e487b71" "0000000000000000000000000000000000000000000000000000000000000011",
                 "panic: 0x11 (arithmetic underflow or overflow)");
    check_revert("4e487b71" "0000000000000000000000000000000000000000000000000000000000000001",
                 "panic: 0x01 (assertion failed)");
    check_revert("4e487b71" "00000000000000000000000000000000000000000000000000000000000000ff",
                 "panic: 0xff (unknown panic code)");
    check_revert("deadbeef", "execution reverted: custom error 0xdeadbeef");
    check_revert("deadbeef" "0000000000000000000000000000000000000000000000000000000000000001",
                 "execution reverted: custom error 0xdeadbeef: 0x0000000000000000000000000000000000000000000000000000000000000001");
    check_revert("08c379a0" "00", "execution reverted: custom error 0x08c379a0: 0x00"); /* malformed Error(string) */
    check_revert("0102", "execution reverted: 0x0102");
}

/* Typed arguments give the same bytes as the specification's examples, and refuse what does not fit. */
static void check_typed(const char *signature, const seismic_abi_args *args, const char *expected) {
    seismic_buf b = new_buf();
    seismic_error err;
    memset(&err, 0, sizeof err);
    seismic_result r = seismic_abi_encode_call(signature, args, &b, &err);
    CHECK(r == SEISMIC_OK);
    if (r) fprintf(stderr, "  %s: %s\n", signature, err.message);
    CHECK_HEX(b.data, b.len, expected);
    seismic_buf_free(&b);
}

static void check_typed_error(const char *types, const seismic_abi_args *args, const char *message) {
    seismic_buf b = new_buf();
    seismic_error err;
    memset(&err, 0, sizeof err);
    seismic_buf_append_str(&b, "keep");
    CHECK(seismic_abi_encode(types, args, &b, &err) != SEISMIC_OK);
    CHECK_STR(err.message, message);
    CHECK(b.len == 4); /* nothing appended on error */
    seismic_buf_free(&b);
}

static void test_typed_args(void) {
    seismic_abi_args a = {0};
    seismic_abi_arg_u64(&a, 69);
    seismic_abi_arg_bool(&a, true);
    check_typed("baz(uint32,bool)", &a,
                "cdcd77c0" "0000000000000000000000000000000000000000000000000000000000000045"
                "0000000000000000000000000000000000000000000000000000000000000001");
    seismic_abi_args_free(&a);

    seismic_abi_arg_array_begin(&a); /* bytes3[2] */
    seismic_abi_arg_bytes(&a, "abc", 3);
    seismic_abi_arg_bytes(&a, "def", 3);
    seismic_abi_arg_array_end(&a);
    check_typed("bar(bytes3[2])", &a,
                "fce353f6" "6162630000000000000000000000000000000000000000000000000000000000"
                "6465660000000000000000000000000000000000000000000000000000000000");
    seismic_abi_args_free(&a);

    seismic_u256 x123 = seismic_u256_from_u64(0x123);
    seismic_abi_arg_u256(&a, &x123);
    seismic_abi_arg_array_begin(&a);
    seismic_abi_arg_u64(&a, 0x456);
    seismic_abi_arg_u64(&a, 0x789);
    seismic_abi_arg_array_end(&a);
    seismic_abi_arg_bytes(&a, "1234567890", 10);
    seismic_abi_arg_bytes(&a, "Hello, world!", 13);
    check_typed("f(uint256,uint32[],bytes10,bytes)", &a,
                "8be65246" "0000000000000000000000000000000000000000000000000000000000000123"
                "0000000000000000000000000000000000000000000000000000000000000080"
                "3132333435363738393000000000000000000000000000000000000000000000"
                "00000000000000000000000000000000000000000000000000000000000000e0"
                "0000000000000000000000000000000000000000000000000000000000000002"
                "0000000000000000000000000000000000000000000000000000000000000456"
                "0000000000000000000000000000000000000000000000000000000000000789"
                "000000000000000000000000000000000000000000000000000000000000000d"
                "48656c6c6f2c20776f726c642100000000000000000000000000000000000000");
    seismic_abi_args_free(&a);

    seismic_abi_arg_array_begin(&a); /* [[1, 2], [3]], ["one", "two", "three"] */
    seismic_abi_arg_array_begin(&a);
    seismic_abi_arg_u64(&a, 1);
    seismic_abi_arg_u64(&a, 2);
    seismic_abi_arg_array_end(&a);
    seismic_abi_arg_array_begin(&a);
    seismic_abi_arg_u64(&a, 3);
    seismic_abi_arg_array_end(&a);
    seismic_abi_arg_array_end(&a);
    seismic_abi_arg_array_begin(&a);
    seismic_abi_arg_string(&a, "one");
    seismic_abi_arg_string(&a, "two");
    seismic_abi_arg_string(&a, "three");
    seismic_abi_arg_array_end(&a);
    check_typed("g(uint256[][],string[])", &a,
                "2289b18c" "0000000000000000000000000000000000000000000000000000000000000040"
                "0000000000000000000000000000000000000000000000000000000000000140"
                "0000000000000000000000000000000000000000000000000000000000000002"
                "0000000000000000000000000000000000000000000000000000000000000040"
                "00000000000000000000000000000000000000000000000000000000000000a0"
                "0000000000000000000000000000000000000000000000000000000000000002"
                "0000000000000000000000000000000000000000000000000000000000000001"
                "0000000000000000000000000000000000000000000000000000000000000002"
                "0000000000000000000000000000000000000000000000000000000000000001"
                "0000000000000000000000000000000000000000000000000000000000000003"
                "0000000000000000000000000000000000000000000000000000000000000003"
                "0000000000000000000000000000000000000000000000000000000000000060"
                "00000000000000000000000000000000000000000000000000000000000000a0"
                "00000000000000000000000000000000000000000000000000000000000000e0"
                "0000000000000000000000000000000000000000000000000000000000000003"
                "6f6e650000000000000000000000000000000000000000000000000000000000"
                "0000000000000000000000000000000000000000000000000000000000000003"
                "74776f0000000000000000000000000000000000000000000000000000000000"
                "0000000000000000000000000000000000000000000000000000000000000005"
                "7468726565000000000000000000000000000000000000000000000000000000");
    seismic_abi_args_free(&a);

    seismic_abi_arg_tuple_begin(&a); /* ((7, "hi, there"), 0xdeadbeef) */
    seismic_abi_arg_u64(&a, 7);
    seismic_abi_arg_string(&a, "hi, there");
    seismic_abi_arg_tuple_end(&a);
    seismic_abi_arg_bytes(&a, "\xde\xad\xbe\xef", 4);
    seismic_buf b = new_buf();
    CHECK(seismic_abi_encode("((uint256,string),bytes)", &a, &b, NULL) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len,
              "0000000000000000000000000000000000000000000000000000000000000040"
              "00000000000000000000000000000000000000000000000000000000000000c0"
              "0000000000000000000000000000000000000000000000000000000000000007"
              "0000000000000000000000000000000000000000000000000000000000000040"
              "0000000000000000000000000000000000000000000000000000000000000009"
              "68692c2074686572650000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000004"
              "deadbeef00000000000000000000000000000000000000000000000000000000");
    seismic_abi_args_free(&a);

    /* signed edges, shielded twins, addresses */
    seismic_address who = {{0x5a, 0xae, 0xb6, 0x05, 0x3f, 0x3e, 0x94, 0xc9, 0xb9, 0xa0,
                            0x9f, 0x33, 0x66, 0x94, 0x35, 0xe7, 0xef, 0x1b, 0xea, 0xed}};
    seismic_abi_arg_int(&a, -1);
    seismic_abi_arg_int(&a, -128);
    seismic_abi_arg_int(&a, 127);
    seismic_abi_arg_int(&a, INT64_MIN);
    seismic_abi_arg_address(&a, &who);
    b.len = 0;
    CHECK(seismic_abi_encode("sint8,int8,int8,int64,saddress", &a, &b, NULL) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len,
              "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
              "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"
              "000000000000000000000000000000000000000000000000000000000000007f"
              "ffffffffffffffffffffffffffffffffffffffffffffffff8000000000000000"
              "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    seismic_abi_args_free(&a);
    seismic_buf_free(&b);
    check_typed("f()", NULL, "26121ff0");

    /* what does not fit is refused, naming the argument */
    seismic_abi_arg_u64(&a, 300);
    check_typed_error("uint8", &a, "argument 1 (uint8): 300 does not fit in 8 bits");
    seismic_abi_args_free(&a);
    seismic_abi_arg_int(&a, -129);
    check_typed_error("int8", &a, "argument 1 (int8): -129 does not fit in 8 bits");
    seismic_abi_args_free(&a);
    seismic_abi_arg_u64(&a, 128);
    check_typed_error("int8", &a, "argument 1 (int8): 128 does not fit in 8 bits");
    seismic_abi_args_free(&a);
    seismic_abi_arg_int(&a, -1);
    check_typed_error("uint256", &a, "argument 1 (uint256): -1 does not fit in 256 bits");
    seismic_abi_args_free(&a);
    seismic_abi_arg_bool(&a, true);
    seismic_abi_arg_bytes(&a, "abc", 3);
    check_typed_error("bool,bytes4", &a, "argument 2 (bytes4): 3 bytes, expected 4");
    seismic_abi_args_free(&a);
    seismic_abi_arg_string(&a, "0x12");
    check_typed_error("bytes", &a, "argument 1 (bytes): got a string");
    seismic_abi_args_free(&a);
    seismic_abi_arg_address(&a, &who);
    check_typed_error("uint160", &a, "argument 1 (uint160): got an address");
    seismic_abi_args_free(&a);
    seismic_abi_arg_array_begin(&a);
    seismic_abi_arg_u64(&a, 1);
    seismic_abi_arg_array_end(&a);
    check_typed_error("uint8[2]", &a, "argument 1 (uint8[2]): expected 2 elements, got 1");
    check_typed_error("((uint8))", &a, "argument 1 ((uint8)): got an array");
    seismic_abi_args_free(&a);
    seismic_abi_arg_u64(&a, 1);
    check_typed_error("uint8,uint8", &a, "abi: expected 2 arguments, got 1");
    seismic_abi_args_free(&a);
    /* misuse: closing what is not open, a tuple closed as an array, nesting too deep, left open */
    seismic_abi_arg_array_end(&a);
    check_typed_error("uint8", &a, "abi: arrays and tuples of the arguments are not closed in order");
    seismic_abi_args_free(&a);
    seismic_abi_arg_tuple_begin(&a);
    seismic_abi_arg_array_end(&a);
    check_typed_error("(uint8)", &a, "abi: arrays and tuples of the arguments are not closed in order");
    seismic_abi_args_free(&a);
    for (int i = 0; i <= SEISMIC_ABI_MAX_DEPTH; i++) seismic_abi_arg_array_begin(&a);
    check_typed_error("uint8", &a, "abi: arrays and tuples of the arguments are not closed in order");
    seismic_abi_args_free(&a);
    seismic_abi_arg_array_begin(&a);
    check_typed_error("uint8[]", &a, "abi: arrays and tuples of the arguments are not closed in order");
    seismic_abi_args_free(&a);
}

int main(void) {
    test_signatures();
    test_encode();
    test_typed_args();
    test_decode();
    test_revert();
    return test_summary();
}
