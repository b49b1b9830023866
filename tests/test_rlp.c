/* RLP: every example of the Ethereum RLP specification (encoded, decoded, walked and converted to
   JSON), long strings and lists, the strictness rules (canonical lengths, truncation, trailing
   bytes, integer views), the nesting limit without recursion, and large inputs. */
#include "seismic.h"
#include "harness.h"

#include <stdlib.h>
#include <time.h>

#define LOREM "Lorem ipsum dolor sit amet, consectetur adipisicing elit"
#define LOREM_RLP                                                                                                     \
    "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c" \
    "6974"

static seismic_buf empty_buf(void) {
    seismic_buf b;
    memset(&b, 0, sizeof b);
    return b;
}

static seismic_buf from_hex(const char *text) {
    seismic_buf b = empty_buf();
    if (seismic_hex_decode_buf(text, strlen(text), &b)) {
        fprintf(stderr, "bad test hex %s\n", text);
        test_failed++;
    }
    return b;
}

/* Re-encodes a decoded item by walking it with seismic_rlp_next and an explicit stack. */
static seismic_result reencode(const seismic_rlp_item *root, seismic_buf *out) {
    struct frame {
        const uint8_t *p, *end;
        size_t begin;
    } stack[SEISMIC_RLP_MAX_DEPTH + 1];
    size_t depth = 0;
    if (!root->is_list) {
        seismic_rlp_put_bytes(out, root->payload, root->len);
        return SEISMIC_OK;
    }
    stack[0].p = root->payload;
    stack[0].end = root->payload + root->len;
    stack[0].begin = seismic_rlp_list_begin(out);
    for (;;) {
        struct frame *f = &stack[depth];
        if (f->p == f->end) {
            seismic_rlp_list_end(out, f->begin);
            if (depth == 0) break;
            depth--;
            continue;
        }
        seismic_rlp_item item;
        seismic_result r = seismic_rlp_next(&f->p, f->end, &item, NULL);
        if (r) return r;
        if (item.is_list) {
            if (depth + 1 > SEISMIC_RLP_MAX_DEPTH) return SEISMIC_ERR_TOO_DEEP;
            depth++;
            stack[depth].p = item.payload;
            stack[depth].end = item.payload + item.len;
            stack[depth].begin = seismic_rlp_list_begin(out);
        } else {
            seismic_rlp_put_bytes(out, item.payload, item.len);
        }
    }
    return SEISMIC_OK;
}

/* Decodes expected_hex, checks the JSON form and that walking and re-encoding gives the same bytes. */
static void check_decode(const char *hex, const char *expected_json) {
    seismic_buf in = from_hex(hex), json = empty_buf(), again = empty_buf();
    seismic_rlp_item item;
    seismic_error err;
    CHECK(seismic_rlp_decode(in.data, in.len, &item, &err) == SEISMIC_OK);
    CHECK(seismic_rlp_to_json(in.data, in.len, &json, &err) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&json), expected_json);
    CHECK(reencode(&item, &again) == SEISMIC_OK);
    CHECK_HEX(again.data, again.len, hex);
    seismic_buf_free(&in);
    seismic_buf_free(&json);
    seismic_buf_free(&again);
}

static seismic_result decode_hex(const char *hex, seismic_error *err) {
    seismic_buf in = from_hex(hex);
    seismic_rlp_item item;
    seismic_result r = seismic_rlp_decode(in.data, in.len, &item, err);
    seismic_buf json = empty_buf();
    /* to_json must agree with decode */
    CHECK(seismic_rlp_to_json(in.data, in.len, &json, NULL) == r);
    seismic_buf_free(&json);
    seismic_buf_free(&in);
    return r;
}

/*---- the specification's examples -----------------------------------------------------------------*/

static void test_spec_encode(void) {
    seismic_buf b = empty_buf();
    size_t l0, l1, l2, l3;

    seismic_rlp_put_bytes(&b, "dog", 3);
    CHECK_HEX(b.data, b.len, "83646f67");
    b.len = 0;

    l0 = seismic_rlp_list_begin(&b);
    seismic_rlp_put_bytes(&b, "cat", 3);
    seismic_rlp_put_bytes(&b, "dog", 3);
    seismic_rlp_list_end(&b, l0);
    CHECK_HEX(b.data, b.len, "c88363617483646f67");
    b.len = 0;

    seismic_rlp_put_bytes(&b, "", 0);
    CHECK_HEX(b.data, b.len, "80");
    b.len = 0;
    seismic_rlp_put_bytes(&b, NULL, 0);
    CHECK_HEX(b.data, b.len, "80");
    b.len = 0;

    l0 = seismic_rlp_list_begin(&b);
    seismic_rlp_list_end(&b, l0);
    CHECK_HEX(b.data, b.len, "c0");
    b.len = 0;

    seismic_rlp_put_u64(&b, 0);
    CHECK_HEX(b.data, b.len, "80");
    b.len = 0;
    {
        seismic_u256 zero = seismic_u256_from_u64(0);
        seismic_rlp_put_u256(&b, &zero);
        CHECK_HEX(b.data, b.len, "80");
        b.len = 0;
    }
    seismic_rlp_put_bytes(&b, "\0", 1); /* the byte 0x00 */
    CHECK_HEX(b.data, b.len, "00");
    b.len = 0;
    seismic_rlp_put_bytes(&b, "\x0f", 1);
    CHECK_HEX(b.data, b.len, "0f");
    b.len = 0;
    seismic_rlp_put_u64(&b, 15);
    CHECK_HEX(b.data, b.len, "0f");
    b.len = 0;
    seismic_rlp_put_bytes(&b, "\x04\x00", 2);
    CHECK_HEX(b.data, b.len, "820400");
    b.len = 0;
    seismic_rlp_put_u64(&b, 1024);
    CHECK_HEX(b.data, b.len, "820400");
    b.len = 0;
    {
        seismic_u256 v = seismic_u256_from_u64(1024);
        seismic_rlp_put_u256(&b, &v);
        CHECK_HEX(b.data, b.len, "820400");
        b.len = 0;
    }

    /* [ [], [[]], [ [], [[]] ] ] */
    l0 = seismic_rlp_list_begin(&b);
    l1 = seismic_rlp_list_begin(&b);
    seismic_rlp_list_end(&b, l1);
    l1 = seismic_rlp_list_begin(&b);
    l2 = seismic_rlp_list_begin(&b);
    seismic_rlp_list_end(&b, l2);
    seismic_rlp_list_end(&b, l1);
    l1 = seismic_rlp_list_begin(&b);
    l2 = seismic_rlp_list_begin(&b);
    seismic_rlp_list_end(&b, l2);
    l2 = seismic_rlp_list_begin(&b);
    l3 = seismic_rlp_list_begin(&b);
    seismic_rlp_list_end(&b, l3);
    seismic_rlp_list_end(&b, l2);
    seismic_rlp_list_end(&b, l1);
    seismic_rlp_list_end(&b, l0);
    CHECK_HEX(b.data, b.len, "c7c0c1c0c3c0c1c0");
    b.len = 0;

    seismic_rlp_put_bytes(&b, LOREM, strlen(LOREM));
    CHECK_HEX(b.data, b.len, LOREM_RLP);
    b.len = 0;

    /* integers at the size boundaries */
    static const struct {
        uint64_t v;
        const char *hex;
    } ints[] = {{1, "01"},         {0x7f, "7f"},         {0x80, "8180"},
                {0xff, "81ff"},    {0x100, "820100"},    {0xffff, "82ffff"},
                {0x10000, "83010000"}, {0xffffffffffffffffull, "88ffffffffffffffff"},
                {0x0100000000000000ull, "880100000000000000"}};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        seismic_u256 v = seismic_u256_from_u64(ints[i].v);
        seismic_rlp_put_u64(&b, ints[i].v);
        CHECK_HEX(b.data, b.len, ints[i].hex);
        b.len = 0;
        seismic_rlp_put_u256(&b, &v);
        CHECK_HEX(b.data, b.len, ints[i].hex);
        b.len = 0;
    }
    {
        seismic_u256 v;
        seismic_u256_parse("0x10000000000000000", 19, &v);
        seismic_rlp_put_u256(&b, &v);
        CHECK_HEX(b.data, b.len, "89010000000000000000");
        b.len = 0;
        v.w[0] = v.w[1] = v.w[2] = v.w[3] = ~(uint64_t)0;
        seismic_rlp_put_u256(&b, &v);
        CHECK_HEX(b.data, b.len, "a0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        b.len = 0;
    }
    CHECK(!b.failed);
    seismic_buf_free(&b);
}

static void test_spec_decode(void) {
    check_decode("83646f67", "\"0x646f67\"");
    check_decode("c88363617483646f67", "[\"0x636174\",\"0x646f67\"]");
    check_decode("80", "\"0x\"");
    check_decode("c0", "[]");
    check_decode("00", "\"0x00\"");
    check_decode("0f", "\"0x0f\"");
    check_decode("820400", "\"0x0400\"");
    check_decode("c7c0c1c0c3c0c1c0", "[[],[[]],[[],[[]]]]");
    check_decode(LOREM_RLP, "\"0x4c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e73656374657475722061646970"
                            "69736963696e6720656c6974\"");
    check_decode("c6c0c0c3808080", "[[],[],[\"0x\",\"0x\",\"0x\"]]");

    /* walking "[cat, dog]" by hand */
    seismic_buf in = from_hex("c88363617483646f67");
    seismic_rlp_item root, item, items[4];
    size_t count = 0;
    seismic_error err;
    CHECK(seismic_rlp_decode(in.data, in.len, &root, &err) == SEISMIC_OK);
    CHECK(root.is_list && root.len == 8 && root.payload == in.data + 1);
    const uint8_t *p = root.payload, *end = root.payload + root.len;
    CHECK(seismic_rlp_next(&p, end, &item, &err) == SEISMIC_OK);
    CHECK(!item.is_list && item.len == 3 && memcmp(item.payload, "cat", 3) == 0);
    CHECK(seismic_rlp_next(&p, end, &item, &err) == SEISMIC_OK);
    CHECK(!item.is_list && item.len == 3 && memcmp(item.payload, "dog", 3) == 0);
    CHECK(p == end);
    CHECK(seismic_rlp_next(&p, end, &item, &err) == SEISMIC_ERR_PARSE);
    CHECK(err.result == SEISMIC_ERR_PARSE && strstr(err.message, "rlp") != NULL);
    CHECK(seismic_rlp_list_items(&root, items, 4, &count, &err) == SEISMIC_OK && count == 2);
    CHECK(items[0].len == 3 && memcmp(items[0].payload, "cat", 3) == 0);
    CHECK(items[1].len == 3 && memcmp(items[1].payload, "dog", 3) == 0);
    CHECK(seismic_rlp_list_items(&root, items, 2, &count, &err) == SEISMIC_OK && count == 2);
    CHECK(seismic_rlp_list_items(&root, items, 1, &count, &err) == SEISMIC_ERR_CAPACITY);
    CHECK(err.result == SEISMIC_ERR_CAPACITY);
    CHECK(seismic_rlp_list_items(&items[0], items + 2, 2, &count, &err) == SEISMIC_ERR_PARSE); /* not a list */
    seismic_buf_free(&in);

    /* the set-theoretic three, walked with list_items */
    in = from_hex("c7c0c1c0c3c0c1c0");
    CHECK(seismic_rlp_decode(in.data, in.len, &root, NULL) == SEISMIC_OK);
    CHECK(seismic_rlp_list_items(&root, items, 4, &count, NULL) == SEISMIC_OK && count == 3);
    CHECK(items[0].is_list && items[0].len == 0);
    CHECK(items[1].is_list && items[1].len == 1);
    CHECK(items[2].is_list && items[2].len == 3);
    {
        seismic_rlp_item inner[4];
        size_t n = 0;
        CHECK(seismic_rlp_list_items(&items[2], inner, 4, &n, NULL) == SEISMIC_OK && n == 2);
        CHECK(inner[0].is_list && inner[0].len == 0 && inner[1].is_list && inner[1].len == 1);
        CHECK(seismic_rlp_list_items(&items[0], inner, 0, &n, NULL) == SEISMIC_OK && n == 0);
    }
    seismic_buf_free(&in);

    /* integer views */
    {
        static const struct {
            const char *hex;
            uint64_t v;
        } ok[] = {{"80", 0}, {"01", 1}, {"0f", 15}, {"7f", 127}, {"8180", 128}, {"820400", 1024},
                  {"88ffffffffffffffff", 0xffffffffffffffffull}, {"880100000000000000", 0x0100000000000000ull}};
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
            uint64_t v = 12345;
            seismic_u256 w;
            in = from_hex(ok[i].hex);
            CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
            CHECK(seismic_rlp_item_u64(&item, &v) == SEISMIC_OK && v == ok[i].v);
            CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_OK && w.w[0] == ok[i].v && !w.w[1] && !w.w[2] && !w.w[3]);
            seismic_buf_free(&in);
        }
        /* valid RLP that is not a canonical u64: the byte 0x00, a leading zero, 9 and 32 bytes, lists */
        const char *bad_u64[] = {"00", "820001", "89010000000000000000", "c0", "c180",
                                 "a0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"};
        for (size_t i = 0; i < sizeof bad_u64 / sizeof bad_u64[0]; i++) {
            uint64_t v;
            in = from_hex(bad_u64[i]);
            CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
            CHECK(seismic_rlp_item_u64(&item, &v) == SEISMIC_ERR_PARSE);
            seismic_buf_free(&in);
        }
        seismic_u256 w;
        in = from_hex("89010000000000000000"); /* 2^64: 9 bytes, too big for u64, fine for u256 */
        CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
        CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_OK && w.w[0] == 0 && w.w[1] == 1);
        seismic_buf_free(&in);
        in = from_hex("a0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
        CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_OK && w.w[0] == ~(uint64_t)0 && w.w[3] == ~(uint64_t)0);
        seismic_buf_free(&in);
        in = from_hex("a1010000000000000000000000000000000000000000000000000000000000000000"); /* 33 bytes */
        CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
        CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_ERR_PARSE);
        seismic_buf_free(&in);
        in = from_hex("a000ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"); /* leading zero */
        CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
        CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_ERR_PARSE);
        seismic_buf_free(&in);
        in = from_hex("00");
        CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
        CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_ERR_PARSE);
        seismic_buf_free(&in);
        in = from_hex("c0");
        CHECK(seismic_rlp_decode(in.data, in.len, &item, NULL) == SEISMIC_OK);
        CHECK(seismic_rlp_item_u256(&item, &w) == SEISMIC_ERR_PARSE);
        seismic_buf_free(&in);
    }
}

/*---- long strings and lists -----------------------------------------------------------------------*/

static void check_long_string(size_t n, const char *header_hex) {
    uint8_t *data = (uint8_t *)malloc(n);
    for (size_t i = 0; i < n; i++) data[i] = (uint8_t)(i * 31 + 7);
    seismic_buf b = empty_buf(), again = empty_buf();
    seismic_rlp_put_bytes(&b, data, n);
    size_t h = strlen(header_hex) / 2;
    CHECK(!b.failed && b.len == h + n);
    CHECK_HEX(b.data, h, header_hex);
    CHECK(memcmp(b.data + h, data, n) == 0);
    seismic_rlp_item item;
    CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK);
    CHECK(!item.is_list && item.len == n && item.payload == b.data + h);
    CHECK(reencode(&item, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0);
    /* one byte short / one byte long */
    CHECK(seismic_rlp_decode(b.data, b.len - 1, &item, NULL) == SEISMIC_ERR_PARSE);
    seismic_buf_append_byte(&b, 0);
    CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_ERR_PARSE);
    free(data);
    seismic_buf_free(&b);
    seismic_buf_free(&again);
}

/* A list of n single-byte items (payload n bytes). */
static void check_long_list(size_t n, const char *header_hex) {
    seismic_buf b = empty_buf(), again = empty_buf();
    size_t l = seismic_rlp_list_begin(&b);
    for (size_t i = 0; i < n; i++) seismic_rlp_put_u64(&b, (uint64_t)(i % 127) + 1);
    seismic_rlp_list_end(&b, l);
    size_t h = strlen(header_hex) / 2;
    CHECK(!b.failed && b.len == h + n);
    CHECK_HEX(b.data, h, header_hex);
    seismic_rlp_item root;
    CHECK(seismic_rlp_decode(b.data, b.len, &root, NULL) == SEISMIC_OK);
    CHECK(root.is_list && root.len == n);
    seismic_rlp_item *items = (seismic_rlp_item *)malloc((n + 1) * sizeof *items);
    size_t count = 0;
    CHECK(seismic_rlp_list_items(&root, items, n + 1, &count, NULL) == SEISMIC_OK && count == n);
    int ok = 1;
    for (size_t i = 0; i < count; i++) {
        uint64_t v = 0;
        ok &= seismic_rlp_item_u64(&items[i], &v) == SEISMIC_OK && v == (uint64_t)(i % 127) + 1;
    }
    CHECK(ok);
    CHECK(reencode(&root, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0);
    free(items);
    seismic_buf_free(&b);
    seismic_buf_free(&again);
}

static void test_long(void) {
    check_long_string(55, "b7");
    check_long_string(56, "b838");
    check_long_string(255, "b8ff");
    check_long_string(256, "b90100");
    check_long_string(1024, "b90400");
    check_long_string(65535, "b9ffff");
    check_long_string(65536, "ba010000");
    check_long_string(1 << 20, "ba100000");
    check_long_list(0, "c0");
    check_long_list(55, "f7");
    check_long_list(56, "f838");
    check_long_list(255, "f8ff");
    check_long_list(256, "f90100");
    check_long_list(65536, "fa010000");

    /* ["cat", "dog"] x 20 */
    seismic_buf b = empty_buf(), json = empty_buf();
    size_t l = seismic_rlp_list_begin(&b);
    for (int i = 0; i < 20; i++) {
        size_t pair = seismic_rlp_list_begin(&b);
        seismic_rlp_put_bytes(&b, "cat", 3);
        seismic_rlp_put_bytes(&b, "dog", 3);
        seismic_rlp_list_end(&b, pair);
    }
    seismic_rlp_list_end(&b, l);
    CHECK(b.len == 182); /* 20 x 9-byte pairs: payload 180 = 0xb4, 2-byte header */
    CHECK_HEX(b.data, 5, "f8b4c88363");
    CHECK(seismic_rlp_to_json(b.data, b.len, &json, NULL) == SEISMIC_OK);
    {
        seismic_buf expect = empty_buf();
        seismic_buf_append_byte(&expect, '[');
        for (int i = 0; i < 20; i++) seismic_buf_append_str(&expect, i ? ",[\"0x636174\",\"0x646f67\"]" : "[\"0x636174\",\"0x646f67\"]");
        seismic_buf_append_byte(&expect, ']');
        CHECK_STR(seismic_buf_cstr(&json), seismic_buf_cstr(&expect));
        seismic_buf_free(&expect);
    }
    /* to_json appends */
    CHECK(seismic_rlp_to_json((const uint8_t *)"\x80", 1, &json, NULL) == SEISMIC_OK);
    CHECK(json.len >= 4 && memcmp(json.data + json.len - 4, "\"0x\"", 4) == 0);
    seismic_buf_free(&json);
    seismic_buf_free(&b);
}

/*---- strictness ------------------------------------------------------------------------------------*/

static void check_error(const char *hex, seismic_result expected, const char *message_part) {
    seismic_error err;
    memset(&err, 0, sizeof err);
    seismic_result r = decode_hex(hex, &err);
    CHECK(r == expected);
    CHECK(err.result == expected);
    if (message_part && !strstr(err.message, message_part)) {
        test_failed++;
        fprintf(stderr, "error message for %s: \"%s\" lacks \"%s\"\n", hex, err.message, message_part);
    } else {
        test_passed++;
    }
    CHECK(decode_hex(hex, NULL) == expected); /* NULL err is fine */
}

static void test_strict(void) {
    char hex[400];
    check_error("8105", SEISMIC_ERR_PARSE, "non-canonical single byte at offset 0");
    check_error("817f", SEISMIC_ERR_PARSE, "non-canonical");
    check_error("8180", SEISMIC_OK, NULL);
    check_error("c3808105", SEISMIC_ERR_PARSE, "offset 2");
    check_error("b80161", SEISMIC_ERR_PARSE, "long form for a short length at offset 0");
    /* 55 bytes in long form */
    strcpy(hex, "b837");
    for (int i = 0; i < 55; i++) strcat(hex, "61");
    check_error(hex, SEISMIC_ERR_PARSE, "long form");
    strcpy(hex, "f837");
    for (int i = 0; i < 55; i++) strcat(hex, "01");
    check_error(hex, SEISMIC_ERR_PARSE, "long form");
    check_error("f80101", SEISMIC_ERR_PARSE, "long form");
    /* length with a leading zero */
    strcpy(hex, "b90038");
    for (int i = 0; i < 56; i++) strcat(hex, "61");
    check_error(hex, SEISMIC_ERR_PARSE, "leading zero at offset 0");
    strcpy(hex, "f90038");
    for (int i = 0; i < 56; i++) strcat(hex, "01");
    check_error(hex, SEISMIC_ERR_PARSE, "leading zero");
    check_error("b800", SEISMIC_ERR_PARSE, "leading zero");
    check_error("c2b800", SEISMIC_ERR_PARSE, "leading zero at offset 1");
    /* the same lengths written canonically are fine */
    strcpy(hex, "b838");
    for (int i = 0; i < 56; i++) strcat(hex, "61");
    check_error(hex, SEISMIC_OK, NULL);
    /* truncation and lengths beyond the input */
    check_error("", SEISMIC_ERR_PARSE, "empty");
    check_error("81", SEISMIC_ERR_PARSE, "offset 0");
    check_error("83646f", SEISMIC_ERR_PARSE, "offset 0");
    check_error("b8", SEISMIC_ERR_PARSE, "truncated length");
    check_error("b9ff", SEISMIC_ERR_PARSE, "truncated length");
    check_error("b838", SEISMIC_ERR_PARSE, "past the end");
    check_error("c1", SEISMIC_ERR_PARSE, "past the end");
    check_error("c28261", SEISMIC_ERR_PARSE, "offset 1");         /* inner string past its list */
    check_error("c2c2c0", SEISMIC_ERR_PARSE, "offset 1");         /* inner list past its list */
    check_error("c1c0c0", SEISMIC_ERR_PARSE, "trailing");         /* trailing after the root */
    check_error("bfffffffffffffffff", SEISMIC_ERR_PARSE, "past"); /* 8-byte length, huge */
    check_error("ffffffffffffffffff", SEISMIC_ERR_PARSE, "past");
    check_error("c9bfffffffffffffffff", SEISMIC_ERR_PARSE, NULL);
    check_error("ff0000000000000001", SEISMIC_ERR_PARSE, "leading zero");
    /* trailing bytes */
    check_error("83646f6700", SEISMIC_ERR_PARSE, "1 trailing bytes");
    check_error("c0c0", SEISMIC_ERR_PARSE, "trailing");
    check_error("0000", SEISMIC_ERR_PARSE, "trailing");

    /* every truncation of a valid nested encoding fails; the full one decodes */
    {
        seismic_buf b = empty_buf();
        size_t outer = seismic_rlp_list_begin(&b);
        seismic_rlp_put_bytes(&b, "dog", 3);
        size_t inner = seismic_rlp_list_begin(&b);
        seismic_rlp_put_u64(&b, 1024);
        seismic_rlp_put_bytes(&b, LOREM, strlen(LOREM));
        size_t deeper = seismic_rlp_list_begin(&b);
        seismic_rlp_put_u64(&b, 0);
        seismic_rlp_put_u64(&b, 5);
        seismic_rlp_list_end(&b, deeper);
        seismic_rlp_list_end(&b, inner);
        {
            uint8_t big[300];
            memset(big, 0xee, sizeof big);
            seismic_rlp_put_bytes(&b, big, sizeof big);
        }
        seismic_rlp_list_end(&b, outer);
        seismic_rlp_item item;
        CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK);
        int refused = 0;
        for (size_t cut = 0; cut < b.len; cut++) {
            /* a copy of exactly cut bytes, so ASan sees any over-read */
            uint8_t *copy = (uint8_t *)malloc(cut ? cut : 1);
            if (cut) memcpy(copy, b.data, cut);
            seismic_error err;
            err.message[0] = 0;
            refused += seismic_rlp_decode(copy, cut, &item, &err) == SEISMIC_ERR_PARSE && err.message[0];
            free(copy);
        }
        CHECK(refused == (int)b.len);
        /* and every single-byte corruption either fails or still round-trips */
        int consistent = 1;
        for (size_t i = 0; i < b.len; i++) {
            for (int x = 1; x < 256; x <<= 1) {
                b.data[i] ^= (uint8_t)x;
                if (seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK) {
                    seismic_buf again = empty_buf();
                    consistent &= reencode(&item, &again) == SEISMIC_OK && again.len == b.len &&
                                  memcmp(again.data, b.data, b.len) == 0;
                    seismic_buf_free(&again);
                }
                b.data[i] ^= (uint8_t)x;
            }
        }
        CHECK(consistent);
        seismic_buf_free(&b);
    }
}

/*---- nesting ---------------------------------------------------------------------------------------*/

/* depth nested lists with "x" in the innermost */
static void nested(seismic_buf *b, int depth) {
    size_t begins[200];
    for (int i = 0; i < depth; i++) begins[i] = seismic_rlp_list_begin(b);
    seismic_rlp_put_bytes(b, "x", 1);
    for (int i = depth - 1; i >= 0; i--) seismic_rlp_list_end(b, begins[i]);
}

static void test_depth(void) {
    seismic_buf b = empty_buf(), json = empty_buf();
    seismic_rlp_item item;
    seismic_error err;

    /* SEISMIC_RLP_MAX_DEPTH nested lists (depths 0 .. MAX_DEPTH-1) are accepted */
    nested(&b, SEISMIC_RLP_MAX_DEPTH);
    CHECK(seismic_rlp_decode(b.data, b.len, &item, &err) == SEISMIC_OK);
    CHECK(seismic_rlp_to_json(b.data, b.len, &json, &err) == SEISMIC_OK);
    {
        seismic_buf expect = empty_buf();
        for (int i = 0; i < SEISMIC_RLP_MAX_DEPTH; i++) seismic_buf_append_byte(&expect, '[');
        seismic_buf_append_str(&expect, "\"0x78\"");
        for (int i = 0; i < SEISMIC_RLP_MAX_DEPTH; i++) seismic_buf_append_byte(&expect, ']');
        CHECK_STR(seismic_buf_cstr(&json), seismic_buf_cstr(&expect));
        seismic_buf_free(&expect);
    }
    {
        seismic_buf again = empty_buf();
        CHECK(reencode(&item, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0);
        seismic_buf_free(&again);
    }
    b.len = 0;
    json.len = 0;

    /* one more is refused, by decode and by to_json */
    for (int depth = SEISMIC_RLP_MAX_DEPTH + 1; depth <= SEISMIC_RLP_MAX_DEPTH + 3; depth++) {
        memset(&err, 0, sizeof err);
        nested(&b, depth);
        CHECK(seismic_rlp_decode(b.data, b.len, &item, &err) == SEISMIC_ERR_TOO_DEEP);
        CHECK(err.result == SEISMIC_ERR_TOO_DEEP && strstr(err.message, "offset") != NULL);
        CHECK(seismic_rlp_to_json(b.data, b.len, &json, NULL) == SEISMIC_ERR_TOO_DEEP);
        b.len = 0;
    }
    /* the offset is the one of the first list too deep: [[...[x]...]] with 33 single-byte headers */
    nested(&b, SEISMIC_RLP_MAX_DEPTH + 1);
    CHECK(seismic_rlp_decode(b.data, b.len, &item, &err) == SEISMIC_ERR_TOO_DEEP);
    {
        char want[32];
        snprintf(want, sizeof want, "offset %d", SEISMIC_RLP_MAX_DEPTH);
        CHECK(strstr(err.message, want) != NULL);
    }
    b.len = 0;

    /* wide at the limit: many siblings each nested MAX_DEPTH-1 below the root */
    {
        size_t root = seismic_rlp_list_begin(&b);
        for (int i = 0; i < 100; i++) nested(&b, SEISMIC_RLP_MAX_DEPTH - 1);
        seismic_rlp_list_end(&b, root);
        CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK);
        seismic_buf again = empty_buf();
        CHECK(reencode(&item, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0);
        seismic_buf_free(&again);
        /* one sibling one level deeper at the end is refused */
        b.len = 0;
        root = seismic_rlp_list_begin(&b);
        for (int i = 0; i < 100; i++) nested(&b, SEISMIC_RLP_MAX_DEPTH - 1);
        nested(&b, SEISMIC_RLP_MAX_DEPTH);
        seismic_rlp_list_end(&b, root);
        CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_ERR_TOO_DEEP);
        b.len = 0;
    }

    /* a deeply nested input far beyond the limit (100000 levels, long headers) is refused without
       recursion: hand-built since the encoder would be quadratic */
    {
        const size_t levels = 100000;
        seismic_buf deep = empty_buf();
        /* every level: f9/fa/fb header with the remaining length */
        size_t *sizes = (size_t *)malloc((levels + 1) * sizeof *sizes);
        sizes[levels] = 1; /* innermost "x" */
        for (size_t i = levels; i-- > 0;) {
            size_t payload = sizes[i + 1], n = 0;
            if (payload < 56) n = 0;
            else
                for (size_t v = payload; v; v >>= 8) n++;
            sizes[i] = payload + 1 + n;
        }
        for (size_t i = 0; i < levels; i++) {
            size_t payload = sizes[i + 1];
            if (payload < 56) {
                seismic_buf_append_byte(&deep, (uint8_t)(0xc0 + payload));
            } else {
                uint8_t h[9];
                size_t n = 0;
                for (size_t v = payload; v; v >>= 8) n++;
                h[0] = (uint8_t)(0xf7 + n);
                for (size_t k = 0; k < n; k++) h[n - k] = (uint8_t)(payload >> (8 * k));
                seismic_buf_append(&deep, h, n + 1);
            }
        }
        seismic_buf_append_byte(&deep, 'x');
        CHECK(!deep.failed && deep.len == sizes[0]);
        memset(&err, 0, sizeof err);
        CHECK(seismic_rlp_decode(deep.data, deep.len, &item, &err) == SEISMIC_ERR_TOO_DEEP);
        CHECK(seismic_rlp_to_json(deep.data, deep.len, &json, NULL) == SEISMIC_ERR_TOO_DEEP);
        free(sizes);
        seismic_buf_free(&deep);
    }
    seismic_buf_free(&json);
    seismic_buf_free(&b);
}

/* 1 MB: nested to the limit, then very wide (a million-ish items in the innermost list), and
   alternately a root with ~30000 siblings each nested to the limit. */
static void test_big(void) {
    seismic_buf b = empty_buf(), json = empty_buf(), again = empty_buf();
    seismic_rlp_item item;
    size_t begins[SEISMIC_RLP_MAX_DEPTH];
    clock_t start = clock();

    for (int i = 0; i < SEISMIC_RLP_MAX_DEPTH; i++) begins[i] = seismic_rlp_list_begin(&b);
    for (size_t i = 0; i < 1000000; i++) seismic_rlp_put_u64(&b, (uint64_t)(i % 127) + 1);
    for (int i = SEISMIC_RLP_MAX_DEPTH - 1; i >= 0; i--) seismic_rlp_list_end(&b, begins[i]);
    CHECK(!b.failed && b.len > 1000000);
    CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK);
    CHECK(seismic_rlp_to_json(b.data, b.len, &json, NULL) == SEISMIC_OK);
    CHECK(json.len == 2 * SEISMIC_RLP_MAX_DEPTH + 1000000 * 7 - 1);
    CHECK(reencode(&item, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0);
    /* one byte corrupted at the very end: the error is found after the whole walk */
    b.data[b.len - 1] = 0x81;
    seismic_error err;
    CHECK(seismic_rlp_decode(b.data, b.len, &item, &err) == SEISMIC_ERR_PARSE);
    {
        char want[48];
        snprintf(want, sizeof want, "offset %zu", b.len - 1);
        CHECK(strstr(err.message, want) != NULL);
    }

    b.len = json.len = again.len = 0;
    size_t root = seismic_rlp_list_begin(&b);
    while (b.len < (1u << 20)) nested(&b, SEISMIC_RLP_MAX_DEPTH - 1);
    seismic_rlp_list_end(&b, root);
    CHECK(seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK);
    CHECK(seismic_rlp_to_json(b.data, b.len, &json, NULL) == SEISMIC_OK);
    CHECK(reencode(&item, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0);

    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK(seconds < 10.0); /* linear; well under a second in an optimised build */
    seismic_buf_free(&b);
    seismic_buf_free(&json);
    seismic_buf_free(&again);
}

/*---- random trees: encode, decode, walk, re-encode -------------------------------------------------*/

static uint64_t rng_state = 0x243f6a8885a308d3ull;
static uint64_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static void random_tree(seismic_buf *b, seismic_buf *json, int depth) {
    uint64_t kind = rnd() % 8;
    if (depth < SEISMIC_RLP_MAX_DEPTH && kind < 3) {
        size_t l = seismic_rlp_list_begin(b), n = (size_t)(rnd() % 6);
        if (kind == 0 && depth < 3) n = 20 + (size_t)(rnd() % 20); /* long lists */
        seismic_buf_append_byte(json, '[');
        for (size_t i = 0; i < n; i++) {
            if (i) seismic_buf_append_byte(json, ',');
            random_tree(b, json, depth + 1);
        }
        seismic_buf_append_byte(json, ']');
        seismic_rlp_list_end(b, l);
    } else {
        uint8_t data[300];
        size_t len;
        switch (rnd() % 4) {
        case 0: len = 0; break;
        case 1: len = 1; break;
        case 2: len = (size_t)(rnd() % 56); break;
        default: len = (size_t)(rnd() % 300); break;
        }
        for (size_t i = 0; i < len; i++) data[i] = (uint8_t)(rnd() >> 56);
        if (len == 1 && (rnd() & 1)) data[0] &= 0x7f;
        seismic_rlp_put_bytes(b, data, len);
        seismic_buf_append_byte(json, '"');
        seismic_buf_append_hex(json, data, len);
        seismic_buf_append_byte(json, '"');
    }
}

static void test_random(void) {
    int ok = 1;
    for (int i = 0; i < 300; i++) {
        seismic_buf b = empty_buf(), json = empty_buf(), expect = empty_buf(), again = empty_buf();
        seismic_rlp_item item;
        random_tree(&b, &expect, 0);
        ok &= !b.failed && seismic_rlp_decode(b.data, b.len, &item, NULL) == SEISMIC_OK;
        ok &= seismic_rlp_to_json(b.data, b.len, &json, NULL) == SEISMIC_OK;
        ok &= json.len == expect.len && memcmp(json.data, expect.data, json.len) == 0;
        ok &= reencode(&item, &again) == SEISMIC_OK && again.len == b.len && memcmp(again.data, b.data, b.len) == 0;
        seismic_buf_free(&b);
        seismic_buf_free(&json);
        seismic_buf_free(&expect);
        seismic_buf_free(&again);
    }
    CHECK(ok);
}

/*---- allocation failure while encoding --------------------------------------------------------------*/

static int alloc_budget;
static void *budget_alloc(size_t size, void *user) {
    (void)user;
    if (alloc_budget-- <= 0) return NULL;
    return malloc(size);
}
static void budget_free(void *ptr, void *user) {
    (void)user;
    free(ptr);
}

static void test_alloc_failure(void) {
    for (int budget = 0; budget < 3; budget++) {
        seismic_buf b = empty_buf();
        b.allocator.alloc = budget_alloc;
        b.allocator.free = budget_free;
        alloc_budget = budget;
        size_t outer = seismic_rlp_list_begin(&b);
        for (int i = 0; i < 100; i++) {
            size_t inner = seismic_rlp_list_begin(&b);
            seismic_rlp_put_bytes(&b, LOREM, strlen(LOREM));
            seismic_rlp_put_u64(&b, 1024);
            seismic_rlp_list_end(&b, inner);
        }
        seismic_rlp_list_end(&b, outer);
        CHECK(b.failed);
        seismic_buf_free(&b);
    }
}

int main(void) {
    test_spec_encode();
    test_spec_decode();
    test_long();
    test_strict();
    test_depth();
    test_big();
    test_random();
    test_alloc_failure();
    return test_summary();
}
