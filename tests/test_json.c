/* JSON layer: tokenizer validation, navigation, readers, writer, and linear-time sanity. */
#include "seismic.h"
#include "harness.h"

#include <stdlib.h>
#include <time.h>

static seismic_json_token tokens[512];

static seismic_result parse(seismic_json *json, const char *text, seismic_error *err) {
    return seismic_json_parse(json, text, strlen(text), tokens, sizeof tokens / sizeof tokens[0], err);
}

/* The text must be rejected with SEISMIC_ERR_PARSE and a message naming the problem and offset. */
static void expect_parse_error_n(const char *text, size_t len, const char *what, size_t offset) {
    seismic_json json;
    seismic_error err;
    char at[64];
    memset(&err, 0, sizeof err);
    seismic_result r = seismic_json_parse(&json, text, len, tokens, sizeof tokens / sizeof tokens[0], &err);
    snprintf(at, sizeof at, "at offset %zu", offset);
    bool ok = r == SEISMIC_ERR_PARSE && err.result == SEISMIC_ERR_PARSE && strstr(err.message, what) &&
              strstr(err.message, at) && json.count == 0;
    CHECK(ok);
    if (!ok) fprintf(stderr, "  input %s: result %d, message \"%s\" (wanted \"%s\" %s)\n", text, r, err.message, what, at);
}

static void expect_parse_error(const char *text, const char *what, size_t offset) {
    expect_parse_error_n(text, strlen(text), what, offset);
}

static void test_value_types(void) {
    seismic_json json;
    seismic_error err;
    CHECK(parse(&json, " {\"s\":\"hi\",\"n\":-12.5e+3,\"t\":true,\"f\":false,\"z\":null,\"a\":[],\"o\":{}} ", &err) == SEISMIC_OK);
    CHECK(json.count == 15);
    CHECK(seismic_json_is(&json, 0, SEISMIC_JSON_OBJECT));
    CHECK(tokens[0].start == 1 && tokens[0].end == 15);
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "s"), SEISMIC_JSON_STRING));
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "n"), SEISMIC_JSON_NUMBER));
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "t"), SEISMIC_JSON_TRUE));
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "f"), SEISMIC_JSON_FALSE));
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "z"), SEISMIC_JSON_NULL));
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "a"), SEISMIC_JSON_ARRAY));
    CHECK(seismic_json_is(&json, seismic_json_find(&json, 0, "o"), SEISMIC_JSON_OBJECT));
    CHECK(seismic_json_find(&json, 0, "missing") == -1);
    CHECK(seismic_json_size(&json, 0) == 7);
    CHECK(seismic_json_size(&json, seismic_json_find(&json, 0, "a")) == 0);
    CHECK(seismic_json_first_child(&json, seismic_json_find(&json, 0, "o")) == -1);

    size_t len = 0;
    const char *raw = seismic_json_raw(&json, seismic_json_find(&json, 0, "n"), &len);
    CHECK(len == 8 && memcmp(raw, "-12.5e+3", 8) == 0);
    raw = seismic_json_raw(&json, seismic_json_find(&json, 0, "s"), &len);
    CHECK(len == 4 && memcmp(raw, "\"hi\"", 4) == 0);

    bool b = false;
    CHECK(seismic_json_get_bool(&json, seismic_json_find(&json, 0, "t"), &b) == SEISMIC_OK && b);
    CHECK(seismic_json_get_bool(&json, seismic_json_find(&json, 0, "f"), &b) == SEISMIC_OK && !b);
    CHECK(seismic_json_get_bool(&json, seismic_json_find(&json, 0, "z"), &b) == SEISMIC_ERR_INVALID_ARGUMENT);

    /* Scalars at the top level. */
    CHECK(parse(&json, "42", &err) == SEISMIC_OK && json.count == 1 && seismic_json_is(&json, 0, SEISMIC_JSON_NUMBER));
    CHECK(parse(&json, "\"\"", &err) == SEISMIC_OK && tokens[0].len == 0);
    CHECK(parse(&json, "null", &err) == SEISMIC_OK && seismic_json_is(&json, 0, SEISMIC_JSON_NULL));
    CHECK(parse(&json, "-0", &err) == SEISMIC_OK);
    CHECK(parse(&json, "0.0e-0", &err) == SEISMIC_OK);
    CHECK(parse(&json, "1E5", &err) == SEISMIC_OK);
    CHECK(parse(&json, "\t\r\n[ 1 , 2 ]\n", &err) == SEISMIC_OK && json.count == 3);
}

static void test_nested(void) {
    seismic_json json;
    seismic_error err;
    const char *text = "{\"a\":[1,[2,3],{\"b\":{\"c\":[true]}}],\"d\":\"e\"}";
    CHECK(parse(&json, text, &err) == SEISMIC_OK);
    int a = seismic_json_find(&json, 0, "a");
    CHECK(seismic_json_size(&json, a) == 3);
    CHECK(seismic_json_size(&json, seismic_json_array_get(&json, a, 1)) == 2);
    int c = seismic_json_find(&json, seismic_json_find(&json, seismic_json_array_get(&json, a, 2), "b"), "c");
    CHECK(seismic_json_is(&json, seismic_json_array_get(&json, c, 0), SEISMIC_JSON_TRUE));
    CHECK(seismic_json_array_get(&json, c, 1) == -1);
    CHECK(seismic_json_array_get(&json, a, 3) == -1);
    CHECK(seismic_json_string_equals(&json, seismic_json_find(&json, 0, "d"), "e"));
    /* -1 chains through lookups without special cases. */
    CHECK(seismic_json_find(&json, seismic_json_find(&json, 0, "nope"), "x") == -1);
    CHECK(seismic_json_array_get(&json, 0, 0) == -1); /* not an array */
    CHECK(seismic_json_find(&json, a, "b") == -1);    /* not an object */
    CHECK(seismic_json_first_child(&json, 999) == -1);

    /* end skips whole subtrees: the root's end is the token count. */
    CHECK(tokens[0].end == json.count);
    CHECK(tokens[a].end == (uint32_t)seismic_json_find(&json, 0, "d") - 1);

    /* Iteration over an object visits keys; values are key + 1. */
    const char *keys[2] = {"a", "d"};
    int n = 0;
    for (int k = seismic_json_first_child(&json, 0); k >= 0; k = seismic_json_next_sibling(&json, 0, k), n++)
        CHECK(n < 2 && seismic_json_string_equals(&json, k, keys[n]));
    CHECK(n == 2);
    int elements = 0;
    for (int e = seismic_json_first_child(&json, a); e >= 0; e = seismic_json_next_sibling(&json, a, e)) elements++;
    CHECK(elements == 3);

    /* A raw sub-document can be re-parsed on its own. */
    size_t len = 0;
    const char *raw = seismic_json_raw(&json, seismic_json_array_get(&json, a, 2), &len);
    seismic_json_token sub_tokens[8];
    seismic_json sub;
    CHECK(seismic_json_parse(&sub, raw, len, sub_tokens, 8, &err) == SEISMIC_OK && sub.count == 6);
}

static void test_strings(void) {
    seismic_json json;
    seismic_error err;
    char out[64];
    size_t len = 0;
    CHECK(parse(&json, "[\"\\ud83d\\ude00\",\"\\u00e9\\u20AC\",\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"plain\",\"\\u0000x\","
                       "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"]", &err) == SEISMIC_OK);
    CHECK(tokens[1].flags & SEISMIC_JSON_FLAG_ESCAPES);
    CHECK(!(tokens[4].flags & SEISMIC_JSON_FLAG_ESCAPES));
    CHECK(seismic_json_get_string(&json, 1, out, sizeof out, &len) == SEISMIC_OK);
    CHECK_HEX(out, len, "f09f9880");
    CHECK(seismic_json_get_string(&json, 2, out, sizeof out, &len) == SEISMIC_OK);
    CHECK_HEX(out, len, "c3a9e282ac");
    CHECK(seismic_json_get_string(&json, 3, out, sizeof out, &len) == SEISMIC_OK);
    CHECK_STR(out, "\"\\/\b\f\n\r\t");
    CHECK(seismic_json_get_string(&json, 4, out, sizeof out, &len) == SEISMIC_OK && len == 5);
    CHECK_STR(out, "plain");
    CHECK(seismic_json_get_string(&json, 5, out, sizeof out, &len) == SEISMIC_OK && len == 2 && out[0] == 0 && out[1] == 'x');
    CHECK(seismic_json_get_string(&json, 6, out, sizeof out, &len) == SEISMIC_OK);
    CHECK_STR(out, "caf\xc3\xa9 \xf0\x9f\x98\x80");

    /* Capacity: the NUL needs room too. */
    CHECK(seismic_json_get_string(&json, 4, out, 5, &len) == SEISMIC_ERR_CAPACITY);
    CHECK(seismic_json_get_string(&json, 4, out, 6, &len) == SEISMIC_OK && len == 5);
    CHECK(seismic_json_get_string(&json, 1, out, 4, &len) == SEISMIC_ERR_CAPACITY);
    CHECK(seismic_json_get_string(&json, 1, NULL, 0, &len) == SEISMIC_ERR_CAPACITY);
    CHECK(seismic_json_get_string(&json, 0, out, sizeof out, &len) == SEISMIC_ERR_INVALID_ARGUMENT);

    seismic_buf buf;
    memset(&buf, 0, sizeof buf);
    CHECK(seismic_json_get_string_buf(&json, 1, &buf) == SEISMIC_OK);
    CHECK(seismic_json_get_string_buf(&json, 4, &buf) == SEISMIC_OK);
    CHECK_HEX(buf.data, buf.len, "f09f9880706c61696e");
    seismic_buf_free(&buf);

    CHECK(seismic_json_string_equals(&json, 1, "\xf0\x9f\x98\x80"));
    CHECK(!seismic_json_string_equals(&json, 1, "\xf0\x9f\x98"));
    CHECK(!seismic_json_string_equals(&json, 1, "\xf0\x9f\x98\x80!"));
    CHECK(seismic_json_string_equals(&json, 4, "plain"));
    CHECK(!seismic_json_string_equals(&json, 0, "plain"));

    /* Keys are compared with escapes decoded. */
    CHECK(parse(&json, "{\"a\\u0062\":1,\"\\\"q\\\"\":2}", &err) == SEISMIC_OK);
    CHECK(seismic_json_find(&json, 0, "ab") == 2);
    CHECK(seismic_json_find(&json, 0, "\"q\"") == 4);
    CHECK(seismic_json_find(&json, 0, "a\\u0062") == -1);
}

static void test_malformed(void) {
    expect_parse_error("", "unexpected end of input", 0);
    expect_parse_error("   ", "unexpected end of input", 3);
    expect_parse_error("{\"a\":1", "unclosed object", 6);
    expect_parse_error("[1,2", "unclosed array", 4);
    expect_parse_error("[[[]]", "unclosed array", 5);
    expect_parse_error("{\"a\":", "unexpected end of input", 5);
    expect_parse_error("{\"a\"", "expected ':'", 4);
    expect_parse_error("\"abc", "unterminated string", 4);
    expect_parse_error("\"abc\\", "unterminated string", 4);
    expect_parse_error("[1,]", "trailing comma", 3);
    expect_parse_error("{\"a\":1,}", "trailing comma", 7);
    expect_parse_error("[,1]", "expected a value", 1);
    expect_parse_error("{1:2}", "expected a string key", 1);
    expect_parse_error("{\"a\":}", "expected a value", 5);
    expect_parse_error("{\"a\"::1}", "expected a value", 5);
    expect_parse_error("[1 2]", "expected ',' or ']'", 3);
    expect_parse_error("{\"a\":1 \"b\":2}", "expected ',' or '}'", 7);
    expect_parse_error("[1}", "expected ',' or ']'", 2);
    expect_parse_error("01", "leading zero", 1);
    expect_parse_error("-01", "leading zero", 2);
    expect_parse_error("1.", "decimal point", 2);
    expect_parse_error("1.e5", "decimal point", 2);
    expect_parse_error(".5", "unexpected character", 0);
    expect_parse_error("-", "expected a digit", 1);
    expect_parse_error("-a", "expected a digit", 1);
    expect_parse_error("+1", "unexpected character", 0);
    expect_parse_error("1e", "exponent", 2);
    expect_parse_error("1e+", "exponent", 3);
    expect_parse_error("tru", "invalid literal", 0);
    expect_parse_error("nul", "invalid literal", 0);
    expect_parse_error("truex", "more text after", 4);
    expect_parse_error("True", "unexpected character", 0);
    expect_parse_error("\"\\ud83d\"", "high surrogate", 1);
    expect_parse_error("\"\\ud83d\\u0041\"", "high surrogate", 1);
    expect_parse_error("\"\\ude00\"", "lone low surrogate", 1);
    expect_parse_error("\"ab\\x\"", "invalid escape", 3);
    expect_parse_error("\"\\u12g4\"", "invalid \\u escape", 1);
    expect_parse_error("\"\\u12\"", "invalid \\u escape", 1);
    expect_parse_error("\"a\tb\"", "control character", 2);
    expect_parse_error("\"a\nb\"", "control character", 2);
    expect_parse_error_n("\"a\0b\"", 5, "control character", 2);
    expect_parse_error("\"\xc3\x28\"", "invalid UTF-8", 1);       /* bad continuation */
    expect_parse_error("\"\xc0\x80\"", "invalid UTF-8", 1);       /* overlong NUL */
    expect_parse_error("\"\xe0\x80\x80\"", "invalid UTF-8", 1);   /* overlong 3-byte */
    expect_parse_error("\"\xed\xa0\x80\"", "invalid UTF-8", 1);   /* encoded surrogate */
    expect_parse_error("\"\xf4\x90\x80\x80\"", "invalid UTF-8", 1); /* above U+10FFFF */
    expect_parse_error("\"\xf5\x80\x80\x80\"", "invalid UTF-8", 1);
    expect_parse_error("\"x\x80\"", "invalid UTF-8", 2);           /* lone continuation */
    expect_parse_error("\"\xe2\x82\"", "invalid UTF-8", 1);       /* truncated */
    expect_parse_error_n("\"\xe2\x82", 3, "invalid UTF-8", 1);
    expect_parse_error("1 2", "more text after", 2);
    expect_parse_error("{} {}", "more text after", 3);
    expect_parse_error("[]]", "more text after", 2);
    expect_parse_error("]", "unexpected character", 0);
    expect_parse_error("\xef\xbb\xbf{}", "unexpected character", 0); /* no BOM */

    /* Valid multi-byte UTF-8 at the boundaries is accepted. */
    seismic_json json;
    seismic_error err;
    CHECK(parse(&json, "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\x7f\"", &err) == SEISMIC_OK);

    /* Depth: 64 nested containers are fine, 65 are not. */
    char deep[200];
    memset(deep, '[', 64);
    memset(deep + 64, ']', 64);
    CHECK(seismic_json_parse(&json, deep, 128, tokens, 512, &err) == SEISMIC_OK && json.count == 64);
    memset(deep, '[', 65);
    memset(deep + 65, ']', 65);
    memset(&err, 0, sizeof err);
    CHECK(seismic_json_parse(&json, deep, 130, tokens, 512, &err) == SEISMIC_ERR_TOO_DEEP);
    CHECK(err.result == SEISMIC_ERR_TOO_DEEP && strstr(err.message, "offset 64"));

    /* Too few tokens: the whole input is still validated and the needed count reported. */
    memset(&err, 0, sizeof err);
    CHECK(seismic_json_parse(&json, "[1,{\"a\":[2,3]},4]", 17, tokens, 3, &err) == SEISMIC_ERR_CAPACITY);
    CHECK(json.count == 8 && json.tokens == NULL && strstr(err.message, "8 tokens needed"));
    CHECK(seismic_json_find(&json, 0, "a") == -1 && seismic_json_first_child(&json, 0) == -1);
    CHECK(seismic_json_parse(&json, "[1,{\"a\":[2,3]},4]", 17, tokens, 8, &err) == SEISMIC_OK && json.count == 8);
    CHECK(seismic_json_parse(&json, "[1,2,3,]", 8, tokens, 2, &err) == SEISMIC_ERR_PARSE); /* parse error wins */
    CHECK(seismic_json_parse(&json, "1", 1, NULL, 0, &err) == SEISMIC_ERR_CAPACITY && json.count == 1);

    if (sizeof(size_t) > 4) /* rejected before any byte is read */
        CHECK(seismic_json_parse(&json, "1", (size_t)UINT32_MAX + 1, tokens, 512, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
}

static const char *block_response =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{"
    "\"baseFeePerGas\":\"0x7\",\"difficulty\":\"0x0\",\"extraData\":\"0x\","
    "\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"0xa410\","
    "\"hash\":\"0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eee71\","
    "\"miner\":\"0x0000000000000000000000000000000000000000\",\"number\":\"0x1b4\","
    "\"timestamp\":\"0x6553f100\",\"uncles\":[],"
    "\"transactions\":["
    "{\"blockNumber\":\"0x1b4\",\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"gas\":\"0x5208\","
    "\"hash\":\"0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060\",\"input\":\"0x\","
    "\"nonce\":\"0x0\",\"to\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"transactionIndex\":\"0x0\","
    "\"value\":\"0xde0b6b3a7640000\",\"type\":\"0x2\",\"chainId\":\"0x7a69\",\"accessList\":[],"
    "\"v\":\"0x1\",\"r\":\"0x1f\",\"s\":\"0x2e\"},"
    "{\"blockNumber\":\"0x1b4\",\"from\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"gas\":\"0x30d40\","
    "\"hash\":\"0x8f5cbd5f2a7c0b7e6b1f5f1c1d9bb1e3c4c9b0f9d0f6c05a8e6b5c4c3b2a1908\","
    "\"input\":\"0xa9059cbb000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266\","
    "\"nonce\":\"0x1\",\"to\":null,\"transactionIndex\":\"0x1\",\"value\":\"0x0\",\"type\":\"0x4a\","
    "\"chainId\":\"0x1404\",\"v\":\"0x0\",\"r\":\"0x1\",\"s\":\"0x2\"}"
    "],"
    "\"size\":\"0x2f4\"}}";

static void test_rpc_block(void) {
    seismic_json json;
    seismic_error err;
    CHECK(parse(&json, block_response, &err) == SEISMIC_OK);
    int result = seismic_json_find(&json, 0, "result");
    uint64_t v = 0;
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, 0, "id"), &v) == SEISMIC_OK && v == 1);
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, result, "number"), &v) == SEISMIC_OK && v == 436);
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, result, "gasLimit"), &v) == SEISMIC_OK && v == 30000000);
    uint8_t hash[32];
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, result, "hash"), hash, 32, NULL) == SEISMIC_OK);
    CHECK_HEX(hash, 32, "9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eee71");
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, result, "hash"), hash, 31, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    uint8_t extra[4];
    size_t n = 99;
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, result, "extraData"), extra, 4, &n) == SEISMIC_OK && n == 0);

    int txs = seismic_json_find(&json, result, "transactions");
    CHECK(seismic_json_size(&json, txs) == 2);
    int tx1 = seismic_json_array_get(&json, txs, 1);
    uint8_t to[20], from[20], input[64];
    CHECK(seismic_json_is(&json, seismic_json_find(&json, tx1, "to"), SEISMIC_JSON_NULL));
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, tx1, "to"), to, 20, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, tx1, "from"), from, 20, NULL) == SEISMIC_OK);
    CHECK_HEX(from, 20, "70997970c51812dc3a010c7d01b50e0d17dc79c8");
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, tx1, "input"), input, sizeof input, &n) == SEISMIC_OK && n == 36);
    CHECK_HEX(input, 4, "a9059cbb");
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, tx1, "input"), input, 35, &n) == SEISMIC_ERR_CAPACITY);
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, tx1, "type"), &v) == SEISMIC_OK && v == 0x4a);
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, tx1, "gas"), &v) == SEISMIC_OK && v == 200000);

    int tx0 = seismic_json_array_get(&json, txs, 0);
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, tx0, "to"), to, 20, NULL) == SEISMIC_OK);
    CHECK_HEX(to, 20, "70997970c51812dc3a010c7d01b50e0d17dc79c8");
    seismic_u256 value;
    char dec[79];
    CHECK(seismic_json_get_u256(&json, seismic_json_find(&json, tx0, "value"), &value) == SEISMIC_OK);
    seismic_u256_to_dec(&value, dec);
    CHECK_STR(dec, "1000000000000000000");
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, tx0, "chainId"), &v) == SEISMIC_OK && v == 31337);

    seismic_buf buf;
    memset(&buf, 0, sizeof buf);
    CHECK(seismic_json_get_bytes_buf(&json, seismic_json_find(&json, tx1, "input"), &buf) == SEISMIC_OK && buf.len == 36);
    CHECK(seismic_json_get_bytes_buf(&json, seismic_json_find(&json, tx1, "nonce"), &buf) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(buf.len == 36);
    seismic_buf_free(&buf);
}

static void test_quantities(void) {
    seismic_json json;
    seismic_error err;
    CHECK(parse(&json, "[\"0x0\",\"0x\",\"0x1a\",\"0x001a\",\"0xffffffffffffffff\",\"0x10000000000000000\","
                       "\"0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\","
                       "\"0x10000000000000000000000000000000000000000000000000000000000000000\","
                       "\"123\",18446744073709551615,18446744073709551616,-1,1.5,1e3,\"0xzz\",\"\",0,"
                       "\"0x1\\u0030\",true,\"1a\",\"0x0000000000000000000000000000000000000000000000000000000000000000001\"]",
                &err) == SEISMIC_OK);
    uint64_t v = 77;
    seismic_u256 u;
    char hex[67];
    CHECK(seismic_json_get_u64(&json, 1, &v) == SEISMIC_OK && v == 0);
    CHECK(seismic_json_get_u64(&json, 2, &v) == SEISMIC_ERR_INVALID_ARGUMENT && v == 0);
    CHECK(seismic_json_get_u256(&json, 2, &u) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, 3, &v) == SEISMIC_OK && v == 26);
    CHECK(seismic_json_get_u64(&json, 4, &v) == SEISMIC_OK && v == 26); /* lenient leading zeros */
    CHECK(seismic_json_get_u64(&json, 5, &v) == SEISMIC_OK && v == UINT64_MAX);
    CHECK(seismic_json_get_u64(&json, 6, &v) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_json_get_u256(&json, 6, &u) == SEISMIC_OK && u.w[1] == 1 && u.w[0] == 0);
    CHECK(seismic_json_get_u256(&json, 7, &u) == SEISMIC_OK);
    seismic_u256_to_hex(&u, hex);
    CHECK_STR(hex, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    CHECK(seismic_json_get_u256(&json, 8, &u) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_json_get_u64(&json, 9, &v) == SEISMIC_ERR_INVALID_ARGUMENT); /* decimal strings: u256 only */
    CHECK(seismic_json_get_u256(&json, 9, &u) == SEISMIC_OK && u.w[0] == 123);
    CHECK(seismic_json_get_u64(&json, 10, &v) == SEISMIC_OK && v == UINT64_MAX);
    CHECK(seismic_json_get_u64(&json, 11, &v) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_json_get_u256(&json, 11, &u) == SEISMIC_OK && u.w[1] == 1);
    CHECK(seismic_json_get_u64(&json, 12, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, 13, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, 14, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u256(&json, 14, &u) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, 15, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u256(&json, 15, &u) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u256(&json, 16, &u) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, 17, &v) == SEISMIC_OK && v == 0);
    CHECK(seismic_json_get_u64(&json, 18, &v) == SEISMIC_ERR_INVALID_ARGUMENT); /* escapes are not digits */
    CHECK(seismic_json_get_u64(&json, 19, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u256(&json, 20, &u) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, 21, &v) == SEISMIC_OK && v == 1); /* 66 digits, mostly leading zeros */
    CHECK(seismic_json_get_u256(&json, 21, &u) == SEISMIC_OK && u.w[0] == 1);
    CHECK(seismic_json_get_u64(&json, 0, &v) == SEISMIC_ERR_INVALID_ARGUMENT); /* the array */
    CHECK(seismic_json_get_u64(&json, 999, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_u64(&json, -1, &v) == SEISMIC_ERR_INVALID_ARGUMENT);

    uint8_t bytes[4];
    size_t n = 0;
    CHECK(parse(&json, "[\"0x0\",\"0xABcd\",\"abcd\",\"0xabc\",\"0xgg\"]", &err) == SEISMIC_OK);
    CHECK(seismic_json_get_bytes(&json, 1, bytes, 4, &n) == SEISMIC_ERR_INVALID_ARGUMENT); /* odd */
    CHECK(seismic_json_get_bytes(&json, 2, bytes, 4, &n) == SEISMIC_OK && n == 2);
    CHECK_HEX(bytes, 2, "abcd");
    CHECK(seismic_json_get_bytes(&json, 3, bytes, 4, &n) == SEISMIC_ERR_INVALID_ARGUMENT); /* no 0x */
    CHECK(seismic_json_get_bytes(&json, 4, bytes, 4, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_json_get_bytes(&json, 5, bytes, 4, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
}

static void test_writer(void) {
    seismic_buf buf;
    seismic_json_writer w;
    memset(&buf, 0, sizeof buf);
    seismic_json_writer_init(&w, &buf);
    const uint8_t to[20] = {0x70, 0x99, 0x79, 0x70, 0xc5, 0x18, 0x12, 0xdc, 0x3a, 0x01,
                            0x0c, 0x7d, 0x01, 0xb5, 0x0e, 0x0d, 0x17, 0xdc, 0x79, 0xc8};
    seismic_u256 big;
    CHECK(seismic_u256_parse("0x1234567890abcdef1234567890abcdef", 34, &big) == SEISMIC_OK);

    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "jsonrpc");
    seismic_json_writer_string(&w, "2.0");
    seismic_json_writer_key(&w, "id");
    seismic_json_writer_u64(&w, 42);
    seismic_json_writer_key(&w, "method");
    seismic_json_writer_string(&w, "eth_call");
    seismic_json_writer_key(&w, "params");
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "to");
    seismic_json_writer_hex(&w, to, sizeof to);
    seismic_json_writer_key(&w, "gas");
    seismic_json_writer_quantity_u64(&w, 0x5208);
    seismic_json_writer_key(&w, "value");
    seismic_json_writer_quantity_u64(&w, 0);
    seismic_json_writer_key(&w, "big");
    seismic_json_writer_quantity_u256(&w, &big);
    seismic_json_writer_key(&w, "ok");
    seismic_json_writer_bool(&w, true);
    seismic_json_writer_key(&w, "no");
    seismic_json_writer_bool(&w, false);
    seismic_json_writer_key(&w, "nothing");
    seismic_json_writer_null(&w);
    seismic_json_writer_key(&w, "max");
    seismic_json_writer_u64(&w, UINT64_MAX);
    seismic_json_writer_key(&w, "zero");
    seismic_json_writer_u64(&w, 0);
    seismic_json_writer_key(&w, "odd \"key\"\n");
    seismic_json_writer_string_n(&w, "a\"b\\c\x01\x1f\0d\xc3\xa9", 11);
    seismic_json_writer_object_end(&w);
    seismic_json_writer_string(&w, "latest");
    seismic_json_writer_raw(&w, "{\"x\":[1,2]}", 11);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_array_end(&w);
    seismic_json_writer_array_end(&w);
    seismic_json_writer_object_end(&w);
    CHECK(!buf.failed && w.depth == 0);
    CHECK_STR(seismic_buf_cstr(&buf),
              "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"eth_call\",\"params\":[{"
              "\"to\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"gas\":\"0x5208\",\"value\":\"0x0\","
              "\"big\":\"0x1234567890abcdef1234567890abcdef\",\"ok\":true,\"no\":false,\"nothing\":null,"
              "\"max\":18446744073709551615,\"zero\":0,\"odd \\\"key\\\"\\u000a\":\"a\\\"b\\\\c\\u0001\\u001f\\u0000d\xc3\xa9\"},"
              "\"latest\",{\"x\":[1,2]},[]]}");

    /* Round trip: parse it back and read every member. */
    seismic_json json;
    seismic_error err;
    CHECK(seismic_json_parse(&json, (const char *)buf.data, buf.len, tokens, 512, &err) == SEISMIC_OK);
    uint64_t v = 0;
    CHECK(seismic_json_string_equals(&json, seismic_json_find(&json, 0, "jsonrpc"), "2.0"));
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, 0, "id"), &v) == SEISMIC_OK && v == 42);
    int params = seismic_json_find(&json, 0, "params");
    CHECK(seismic_json_size(&json, params) == 4);
    int call = seismic_json_array_get(&json, params, 0);
    uint8_t back[20];
    CHECK(seismic_json_get_bytes(&json, seismic_json_find(&json, call, "to"), back, 20, NULL) == SEISMIC_OK);
    CHECK(memcmp(back, to, 20) == 0);
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, call, "gas"), &v) == SEISMIC_OK && v == 0x5208);
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, call, "max"), &v) == SEISMIC_OK && v == UINT64_MAX);
    seismic_u256 big_back;
    CHECK(seismic_json_get_u256(&json, seismic_json_find(&json, call, "big"), &big_back) == SEISMIC_OK);
    CHECK(seismic_u256_cmp(&big, &big_back) == 0);
    char s[32];
    size_t n = 0;
    int odd = seismic_json_find(&json, call, "odd \"key\"\n");
    CHECK(seismic_json_get_string(&json, odd, s, sizeof s, &n) == SEISMIC_OK && n == 11);
    CHECK(memcmp(s, "a\"b\\c\x01\x1f\0d\xc3\xa9", 11) == 0);
    CHECK(seismic_json_string_equals(&json, seismic_json_array_get(&json, params, 1), "latest"));
    CHECK(seismic_json_size(&json, seismic_json_find(&json, seismic_json_array_get(&json, params, 2), "x")) == 2);
    seismic_buf_free(&buf);

    /* Top-level scalars and misuse. */
    seismic_json_writer_init(&w, &buf);
    seismic_json_writer_quantity_u64(&w, 0xdeadbeefcafe);
    CHECK_STR(seismic_buf_cstr(&buf), "\"0xdeadbeefcafe\"");
    seismic_buf_free(&buf);
    seismic_json_writer_init(&w, &buf);
    for (int i = 0; i < SEISMIC_JSON_MAX_DEPTH; i++) seismic_json_writer_array_begin(&w);
    CHECK(!buf.failed);
    seismic_json_writer_array_begin(&w);
    CHECK(buf.failed);
    seismic_buf_free(&buf);
    seismic_json_writer_init(&w, &buf);
    seismic_json_writer_object_end(&w);
    CHECK(buf.failed);
    seismic_buf_free(&buf);
}

static double seconds_since(clock_t start) { return (double)(clock() - start) / CLOCKS_PER_SEC; }

static void test_linear_time(void) {
    /* 20k small objects in one array (~1 MB). */
    seismic_buf doc;
    memset(&doc, 0, sizeof doc);
    seismic_buf_append_byte(&doc, '[');
    for (int i = 0; i < 20000; i++) {
        char item[96];
        int n = snprintf(item, sizeof item, "%s{\"id\":%d,\"name\":\"item number %d\",\"ok\":true,\"v\":[1,2]}", i ? "," : "", i, i);
        seismic_buf_append(&doc, item, (size_t)n);
    }
    seismic_buf_append_byte(&doc, ']');
    size_t cap = doc.len / 2 + 2; /* a token needs at least 2 bytes of input, except the last */
    seismic_json_token *many = (seismic_json_token *)malloc(cap * sizeof *many);
    seismic_json json;
    seismic_error err;
    clock_t start = clock();
    CHECK(seismic_json_parse(&json, (const char *)doc.data, doc.len, many, cap, &err) == SEISMIC_OK);
    double t = seconds_since(start);
    CHECK(t < 1.0);
    CHECK(seismic_json_size(&json, 0) == 20000);
    uint64_t id = 0;
    CHECK(seismic_json_get_u64(&json, seismic_json_find(&json, seismic_json_array_get(&json, 0, 19999), "id"), &id) == SEISMIC_OK &&
          id == 19999);
    printf("20k objects, %zu bytes: %.1f ms\n", doc.len, t * 1e3);
    seismic_buf_free(&doc);

    /* Deep and wide: 8k siblings, each 63 arrays deep (64 with the root). */
    seismic_buf_append_byte(&doc, '[');
    for (int i = 0; i < 8000; i++) {
        char item[140];
        memset(item, '[', 63);
        item[63] = '1';
        memset(item + 64, ']', 63);
        seismic_buf_append(&doc, ",", i ? 1 : 0);
        seismic_buf_append(&doc, item, 127);
    }
    seismic_buf_append_byte(&doc, ']');
    free(many);
    cap = doc.len / 2 + 2;
    many = (seismic_json_token *)malloc(cap * sizeof *many);
    start = clock();
    CHECK(seismic_json_parse(&json, (const char *)doc.data, doc.len, many, cap, &err) == SEISMIC_OK);
    t = seconds_since(start);
    CHECK(t < 1.0);
    CHECK(json.count == 1 + 8000 * 64 && seismic_json_size(&json, 0) == 8000);
    printf("8k x 63-deep arrays, %zu bytes: %.1f ms\n", doc.len, t * 1e3);
    seismic_buf_free(&doc);

    /* One 1 MB string full of escapes, and one wide object, for the slow paths. */
    seismic_buf_append_byte(&doc, '"');
    for (int i = 0; i < 100000; i++) seismic_buf_append_str(&doc, "\\u00e9\\n\xc3\xa9");
    seismic_buf_append_byte(&doc, '"');
    start = clock();
    CHECK(seismic_json_parse(&json, (const char *)doc.data, doc.len, many, cap, &err) == SEISMIC_OK);
    seismic_buf decoded;
    memset(&decoded, 0, sizeof decoded);
    CHECK(seismic_json_get_string_buf(&json, 0, &decoded) == SEISMIC_OK && decoded.len == 500000);
    CHECK(seconds_since(start) < 1.0);
    seismic_buf_free(&decoded);
    seismic_buf_free(&doc);
    free(many);
}

int main(void) {
    test_value_types();
    test_nested();
    test_strings();
    test_malformed();
    test_rpc_block();
    test_quantities();
    test_writer();
    test_linear_time();
    return test_summary();
}
