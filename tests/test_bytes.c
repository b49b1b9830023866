/* Base layer: hex, 256-bit integers, units, the growable buffer (including allocator failure)
   and Keccak-256 (empty/"abc" vectors, block-boundary lengths cross-checked with
   @noble/hashes, incremental updates at every split). */
#include "seismic.h"
#include "harness.h"
#include "support.h"

#include <stdlib.h>

#define MAX_DEC "115792089237316195423570985008687907853269984665640564039457584007913129639935"
#define MAX_HEX "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
#define TWO_256_DEC "115792089237316195423570985008687907853269984665640564039457584007913129639936"
#define TWO_256_HEX "0x10000000000000000000000000000000000000000000000000000000000000000"

static seismic_buf empty_buf(void) {
    seismic_buf b;
    memset(&b, 0, sizeof b);
    return b;
}

static seismic_u256 max_u256(void) {
    seismic_u256 v;
    v.w[0] = v.w[1] = v.w[2] = v.w[3] = ~(uint64_t)0;
    return v;
}

static int u256_eq(const seismic_u256 *a, const seismic_u256 *b) { return seismic_u256_cmp(a, b) == 0; }

static void check_dec(const seismic_u256 *v, const char *expected) {
    char out[79];
    size_t n = seismic_u256_to_dec(v, out);
    CHECK_STR(out, expected);
    CHECK(n == strlen(expected));
}

static void check_hexstr(const seismic_u256 *v, const char *expected) {
    char out[67];
    size_t n = seismic_u256_to_hex(v, out);
    CHECK_STR(out, expected);
    CHECK(n == strlen(expected));
}

/* xorshift64*: deterministic "random" values. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static seismic_u256 rnd_u256(void) {
    seismic_u256 v;
    /* vary the magnitude so short and long values both occur */
    unsigned limbs = (unsigned)(rnd() % 5);
    for (unsigned i = 0; i < 4; i++) v.w[i] = i < limbs ? rnd() : 0;
    if (limbs && (rnd() & 1)) v.w[limbs - 1] >>= rnd() % 64;
    return v;
}

/*---- hex -----------------------------------------------------------------------------------------*/

static void test_hex(void) {
    char out[64];
    uint8_t bytes[8];
    size_t n = 99;
    const uint8_t data[4] = {0x00, 0xab, 0xcd, 0xef};

    seismic_hex_encode(data, 4, out);
    CHECK_STR(out, "0x00abcdef");
    seismic_hex_encode(data, 0, out);
    CHECK_STR(out, "0x");

    CHECK(seismic_hex_decode("0x00abCDef", 10, bytes, sizeof bytes, &n) == SEISMIC_OK);
    CHECK(n == 4);
    CHECK_HEX(bytes, n, "00abcdef");
    CHECK(seismic_hex_decode("00ABcdEF", 8, bytes, sizeof bytes, &n) == SEISMIC_OK); /* 0x optional */
    CHECK(n == 4);
    CHECK_HEX(bytes, n, "00abcdef");
    CHECK(seismic_hex_decode("0X0102", 6, bytes, sizeof bytes, &n) == SEISMIC_OK && n == 2);
    CHECK(seismic_hex_decode("0x", 2, bytes, sizeof bytes, &n) == SEISMIC_OK && n == 0);
    CHECK(seismic_hex_decode("", 0, bytes, sizeof bytes, &n) == SEISMIC_OK && n == 0);
    /* odd length */
    CHECK(seismic_hex_decode("0x123", 5, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("1", 1, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* bad digits, in either nibble and in the middle */
    CHECK(seismic_hex_decode("0xg0", 4, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x0g", 4, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("00 1", 4, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x0x", 4, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("-1", 2, bytes, sizeof bytes, &n) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* capacity */
    CHECK(seismic_hex_decode("0x0102030405060708", 18, bytes, 8, &n) == SEISMIC_OK && n == 8);
    CHECK(seismic_hex_decode("0x010203040506070809", 20, bytes, 8, &n) == SEISMIC_ERR_CAPACITY);
    CHECK(seismic_hex_decode("0x01", 4, bytes, 0, &n) == SEISMIC_ERR_CAPACITY);
    /* only hex_len characters are read */
    CHECK(seismic_hex_decode("0x0102zz", 6, bytes, sizeof bytes, &n) == SEISMIC_OK && n == 2);

    /* exact length */
    CHECK(seismic_hex_decode("0x01020304", 10, bytes, 4, NULL) == SEISMIC_OK);
    CHECK_HEX(bytes, 4, "01020304");
    CHECK(seismic_hex_decode("01020304", 8, bytes, 4, NULL) == SEISMIC_OK);
    CHECK(seismic_hex_decode("0x010203", 8, bytes, 4, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x0102030405", 12, bytes, 4, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x0102030", 9, bytes, 4, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x010203zz", 10, bytes, 4, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("", 0, bytes, 0, NULL) == SEISMIC_OK);
    CHECK(seismic_hex_decode("0", 1, bytes, 0, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);

    /* into a buffer, appended */
    seismic_buf b = empty_buf();
    seismic_buf_append_byte(&b, 0xff);
    CHECK(seismic_hex_decode_buf("0x0102", 6, &b) == SEISMIC_OK);
    CHECK(seismic_hex_decode_buf("", 0, &b) == SEISMIC_OK);
    CHECK(seismic_hex_decode_buf("abc", 3, &b) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode_buf("zz", 2, &b) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK_HEX(b.data, b.len, "ff0102");
    seismic_buf_free(&b);

    /* round trip of every byte value */
    uint8_t all[256], back[256];
    char text[2 * 256 + 3];
    for (int i = 0; i < 256; i++) all[i] = (uint8_t)i;
    seismic_hex_encode(all, 256, text);
    CHECK(strlen(text) == 514);
    CHECK(seismic_hex_decode(text, strlen(text), back, 256, NULL) == SEISMIC_OK);
    CHECK(memcmp(all, back, 256) == 0);
}

/*---- u256 ----------------------------------------------------------------------------------------*/

static void test_u256_parse(void) {
    seismic_u256 v, max = max_u256(), zero = seismic_u256_from_u64(0);
    v = u(MAX_DEC);
    CHECK(u256_eq(&v, &max));
    v = u(MAX_HEX);
    CHECK(u256_eq(&v, &max));
    v = u("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
    CHECK(u256_eq(&v, &max));
    CHECK(seismic_u256_parse(TWO_256_DEC, strlen(TWO_256_DEC), &v) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_u256_parse(TWO_256_HEX, strlen(TWO_256_HEX), &v) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_u256_parse("999999999999999999999999999999999999999999999999999999999999999999999999999999", 78,
                             &v) == SEISMIC_ERR_OVERFLOW);
    /* 2^256 - 1 with leading zeros still fits */
    {
        char text[200];
        strcpy(text, "0x0000000000");
        strcat(text, &MAX_HEX[2]);
        v = u(text);
        CHECK(u256_eq(&v, &max));
        strcpy(text, "0000000000");
        strcat(text, MAX_DEC);
        v = u(text);
        CHECK(u256_eq(&v, &max));
    }
    CHECK(seismic_u256_parse("", 0, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    v = max;
    CHECK(seismic_u256_parse("0x", 2, &v) == SEISMIC_OK && seismic_u256_is_zero(&v));
    v = max;
    CHECK(seismic_u256_parse("0x0000", 6, &v) == SEISMIC_OK && seismic_u256_is_zero(&v));
    v = u("0");
    CHECK(u256_eq(&v, &zero));
    v = u("000123");
    CHECK(v.w[0] == 123 && !v.w[1] && !v.w[2] && !v.w[3]);
    v = u("0x0003e8");
    CHECK(v.w[0] == 1000 && !v.w[1]);
    v = u("0X3E8");
    CHECK(v.w[0] == 1000);
    v = u("18446744073709551616"); /* 2^64 */
    CHECK(v.w[0] == 0 && v.w[1] == 1 && !v.w[2] && !v.w[3]);
    v = u("0x10000000000000000");
    CHECK(v.w[0] == 0 && v.w[1] == 1);
    const char *bad[] = {"-1", "+1", " 1", "1 ", "12a", "0x12g", "0xx1", "1.0", "0b1", "x12", "0x 1", "1_000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(seismic_u256_parse(bad[i], strlen(bad[i]), &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* only len characters are read */
    CHECK(seismic_u256_parse("123xyz", 3, &v) == SEISMIC_OK && v.w[0] == 123);
}

static void test_u256_format(void) {
    seismic_u256 zero = seismic_u256_from_u64(0), one = seismic_u256_from_u64(1), max = max_u256(), v;
    check_dec(&zero, "0");
    check_hexstr(&zero, "0x0");
    check_dec(&one, "1");
    check_hexstr(&one, "0x1");
    check_dec(&max, MAX_DEC);
    check_hexstr(&max, MAX_HEX);
    v = seismic_u256_from_u64(~(uint64_t)0);
    check_dec(&v, "18446744073709551615");
    check_hexstr(&v, "0xffffffffffffffff");
    v = u("0x10000000000000000");
    check_dec(&v, "18446744073709551616");
    check_hexstr(&v, "0x10000000000000000");
    v = u("8234104123542484906572010032064808850990111143658022268089185009072295628271");
    check_hexstr(&v, "0x123456789abcdef0fedcba9876543210deadbeefcafebabe0123456789abcdef");

    /* random values: decimal and hex agree with each other and round-trip */
    for (int i = 0; i < 500; i++) {
        seismic_u256 a = rnd_u256(), b, c;
        char dec[79], hx[67];
        size_t dn = seismic_u256_to_dec(&a, dec), hn = seismic_u256_to_hex(&a, hx);
        CHECK(dn == strlen(dec) && hn == strlen(hx));
        CHECK(seismic_u256_parse(dec, dn, &b) == SEISMIC_OK && u256_eq(&a, &b));
        CHECK(seismic_u256_parse(hx, hn, &c) == SEISMIC_OK && u256_eq(&a, &c));
        CHECK(dn == 1 || dec[0] != '0');
        CHECK(hn == 3 || hx[2] != '0');
        uint8_t be[32];
        seismic_u256_to_be(&a, be);
        CHECK(seismic_u256_from_be(be, 32, &b) == SEISMIC_OK && u256_eq(&a, &b));
        size_t bl = seismic_u256_byte_length(&a);
        CHECK(seismic_u256_from_be(be + 32 - bl, bl, &c) == SEISMIC_OK && u256_eq(&a, &c));
        CHECK(bl == 0 || be[32 - bl] != 0);
        CHECK(hn - 2 == (bl ? 2 * bl - (be[32 - bl] < 16) : 1));
    }
}

static void test_u256_bytes(void) {
    seismic_u256 v, max = max_u256();
    uint8_t be[40];
    memset(be, 0, sizeof be);
    CHECK(seismic_u256_from_be(be, 0, &v) == SEISMIC_OK && seismic_u256_is_zero(&v));
    CHECK(seismic_u256_byte_length(&v) == 0);
    be[0] = 1;
    CHECK(seismic_u256_from_be(be, 1, &v) == SEISMIC_OK && v.w[0] == 1);
    CHECK(seismic_u256_byte_length(&v) == 1);
    const uint8_t two[2] = {0x01, 0x00};
    CHECK(seismic_u256_from_be(two, 2, &v) == SEISMIC_OK && v.w[0] == 256);
    CHECK(seismic_u256_byte_length(&v) == 2);
    /* 33+ bytes: fine with leading zeros, overflow otherwise */
    memset(be, 0, sizeof be);
    memset(be + 8, 0xff, 32);
    CHECK(seismic_u256_from_be(be, 40, &v) == SEISMIC_OK && u256_eq(&v, &max));
    CHECK(seismic_u256_byte_length(&v) == 32);
    be[7] = 1;
    CHECK(seismic_u256_from_be(be, 40, &v) == SEISMIC_ERR_OVERFLOW);
    v = u("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    seismic_u256_to_be(&v, be);
    CHECK_HEX(be, 32, "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    CHECK(seismic_u256_byte_length(&v) == 32);
    for (unsigned bit = 0; bit < 256; bit++) {
        seismic_u256 p = seismic_u256_from_u64(0);
        p.w[bit / 64] = (uint64_t)1 << (bit % 64);
        CHECK(seismic_u256_byte_length(&p) == bit / 8 + 1);
    }
    uint64_t x = 0;
    v = seismic_u256_from_u64(42);
    CHECK(seismic_u256_to_u64(&v, &x) && x == 42);
    v = u("0x10000000000000000");
    CHECK(!seismic_u256_to_u64(&v, &x));
}

static void test_u256_arith(void) {
    seismic_u256 zero = seismic_u256_from_u64(0), one = seismic_u256_from_u64(1), two = seismic_u256_from_u64(2);
    seismic_u256 max = max_u256(), r, q;
    uint64_t rem = 0;

    /* cmp */
    CHECK(seismic_u256_cmp(&zero, &one) < 0);
    CHECK(seismic_u256_cmp(&one, &zero) > 0);
    CHECK(seismic_u256_cmp(&max, &max) == 0);
    {
        seismic_u256 a = seismic_u256_from_u64(0), b = seismic_u256_from_u64(~(uint64_t)0);
        a.w[3] = 1; /* 2^192 > 2^64 - 1 */
        CHECK(seismic_u256_cmp(&a, &b) > 0 && seismic_u256_cmp(&b, &a) < 0);
    }
    CHECK(seismic_u256_is_zero(&zero) && !seismic_u256_is_zero(&one));

    /* add / sub with carry and borrow across limbs */
    seismic_u256 limb = seismic_u256_from_u64(~(uint64_t)0);
    CHECK(seismic_u256_add(&limb, &one, &r) == SEISMIC_OK);
    CHECK(r.w[0] == 0 && r.w[1] == 1 && !r.w[2] && !r.w[3]);
    CHECK(seismic_u256_sub(&r, &one, &r) == SEISMIC_OK && u256_eq(&r, &limb));
    CHECK(seismic_u256_add(&max, &zero, &r) == SEISMIC_OK && u256_eq(&r, &max));
    CHECK(seismic_u256_add(&max, &one, &r) == SEISMIC_ERR_OVERFLOW && seismic_u256_is_zero(&r));
    CHECK(seismic_u256_add(&max, &max, &r) == SEISMIC_ERR_OVERFLOW);
    check_hexstr(&r, "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe");
    CHECK(seismic_u256_sub(&zero, &one, &r) == SEISMIC_ERR_OVERFLOW && u256_eq(&r, &max));
    CHECK(seismic_u256_sub(&one, &two, &r) == SEISMIC_ERR_OVERFLOW && u256_eq(&r, &max));
    CHECK(seismic_u256_sub(&max, &max, &r) == SEISMIC_OK && seismic_u256_is_zero(&r));
    CHECK(seismic_u256_sub(&max, &zero, &r) == SEISMIC_OK && u256_eq(&r, &max));
    {
        seismic_u256 a = u("0x100000000000000000000000000000000000000000000000000000000000000"), b;
        CHECK(seismic_u256_sub(&a, &one, &b) == SEISMIC_OK);
        check_hexstr(&b, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        CHECK(seismic_u256_add(&b, &one, &b) == SEISMIC_OK && u256_eq(&a, &b));
    }
    /* the output may alias an input */
    r = one;
    CHECK(seismic_u256_add(&r, &r, &r) == SEISMIC_OK && r.w[0] == 2);

    /* mul_u64 */
    CHECK(seismic_u256_mul_u64(&max, 1, &r) == SEISMIC_OK && u256_eq(&r, &max));
    CHECK(seismic_u256_mul_u64(&max, 0, &r) == SEISMIC_OK && seismic_u256_is_zero(&r));
    CHECK(seismic_u256_mul_u64(&max, 2, &r) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_u256_mul_u64(&limb, ~(uint64_t)0, &r) == SEISMIC_OK);
    check_hexstr(&r, "0xfffffffffffffffe0000000000000001");
    {
        seismic_u256 a = u("0x123456789abcdef0fedcba9876543210deadbeefcafebabe0123456789abcdef");
        CHECK(seismic_u256_mul_u64(&a, ~(uint64_t)0, &r) == SEISMIC_ERR_OVERFLOW);
        check_hexstr(&r, "0xeca8641fdb97531fdfd1045754aa88ad22758677bead1330fedcba9876543211");
        seismic_u256 top = seismic_u256_from_u64(0);
        top.w[3] = (uint64_t)1 << 63; /* 2^255 * 2 = 2^256 */
        CHECK(seismic_u256_mul_u64(&top, 2, &r) == SEISMIC_ERR_OVERFLOW && seismic_u256_is_zero(&r));
        top.w[3] = ((uint64_t)1 << 62) - 1;
        CHECK(seismic_u256_mul_u64(&top, 4, &r) == SEISMIC_OK);
    }

    /* div_u64 */
    CHECK(seismic_u256_div_u64(&max, 1, &q, &rem) == SEISMIC_OK && u256_eq(&q, &max) && rem == 0);
    CHECK(seismic_u256_div_u64(&max, 10, &q, &rem) == SEISMIC_OK && rem == 5);
    check_dec(&q, "11579208923731619542357098500868790785326998466564056403945758400791312963993");
    CHECK(seismic_u256_div_u64(&max, 0x100000001ull, &q, &rem) == SEISMIC_OK && rem == 0);
    check_hexstr(&q, "0xffffffff00000000ffffffff00000000ffffffff00000000ffffffff");
    CHECK(seismic_u256_div_u64(&max, ~(uint64_t)0, &q, &rem) == SEISMIC_OK && rem == 0);
    check_hexstr(&q, "0x1000000000000000100000000000000010000000000000001");
    {
        seismic_u256 a = u("0x123456789abcdef0fedcba9876543210deadbeefcafebabe0123456789abcdef");
        CHECK(seismic_u256_div_u64(&a, 0xfedcba9876543210ull, &q, &rem) == SEISMIC_OK);
        check_hexstr(&q, "0x1249249249249238ec687d6343eb1a21735ba11e58315bfe");
        CHECK(rem == 13756362568338141711ull);
        CHECK(seismic_u256_div_u64(&a, 0x100000001ull, &q, &rem) == SEISMIC_OK);
        check_hexstr(&q, "0x12345678888888787654321ffffffff0deadbefeec50fbbf14d249a8");
        CHECK(rem == 1960412231);
        CHECK(seismic_u256_div_u64(&a, 0x100000001ull, &q, NULL) == SEISMIC_OK); /* remainder optional */
    }
    CHECK(seismic_u256_div_u64(&zero, 7, &q, &rem) == SEISMIC_OK && seismic_u256_is_zero(&q) && rem == 0);
    CHECK(seismic_u256_div_u64(&one, ~(uint64_t)0, &q, &rem) == SEISMIC_OK && seismic_u256_is_zero(&q) && rem == 1);
    q = one;
    CHECK(seismic_u256_div_u64(&max, 0, &q, &rem) == SEISMIC_ERR_INVALID_ARGUMENT);

    /* random identities: (a*b + r) / b == a rem r, a + b - b == a */
    const uint64_t divisors[] = {1, 2, 3, 7, 10, 255, 0xffffffffull, 0x100000000ull, 0x100000001ull,
                                 0x8000000000000000ull, ~(uint64_t)0};
    for (int i = 0; i < 400; i++) {
        seismic_u256 a = rnd_u256(), b = rnd_u256(), s, d, back;
        uint64_t k = (i % 2) ? divisors[(size_t)i / 2 % (sizeof divisors / sizeof divisors[0])] : rnd() >> (rnd() % 64);
        if (k == 0) k = 1;
        CHECK(seismic_u256_div_u64(&a, k, &q, &rem) == SEISMIC_OK && rem < k);
        seismic_u256 rr = seismic_u256_from_u64(rem);
        CHECK(seismic_u256_mul_u64(&q, k, &back) == SEISMIC_OK);
        CHECK(seismic_u256_add(&back, &rr, &back) == SEISMIC_OK && u256_eq(&back, &a));
        seismic_result ar = seismic_u256_add(&a, &b, &s);
        CHECK((ar == SEISMIC_ERR_OVERFLOW) == (seismic_u256_cmp(&s, &a) < 0));
        CHECK(seismic_u256_sub(&s, &b, &d) == ar && u256_eq(&d, &a));
    }
}

/*---- units ---------------------------------------------------------------------------------------*/

static void check_units(const char *text, unsigned decimals, const char *expected_dec) {
    seismic_u256 v;
    char dec[79];
    CHECK(seismic_parse_units(text, strlen(text), decimals, &v) == SEISMIC_OK);
    seismic_u256_to_dec(&v, dec);
    CHECK_STR(dec, expected_dec);
}

static void check_format(const char *dec, unsigned decimals, const char *expected) {
    seismic_u256 v = u(dec);
    char out[80];
    size_t n = seismic_format_units(&v, decimals, out);
    CHECK_STR(out, expected);
    CHECK(n == strlen(expected));
    /* and back */
    seismic_u256 back;
    CHECK(seismic_parse_units(out, n, decimals, &back) == SEISMIC_OK && u256_eq(&back, &v));
}

static void test_units(void) {
    seismic_u256 v;
    check_units("1.5", 18, "1500000000000000000");
    check_units("1", 18, "1000000000000000000");
    check_units("0.000000001", 18, "1000000000"); /* 1 gwei in wei */
    check_units("0.000000000000000001", 18, "1");
    check_units("1.000000000000000000", 18, "1000000000000000000");
    check_units("0", 18, "0");
    check_units("007.50", 2, "750");
    check_units("42", 0, "42");
    check_units("2.5", SEISMIC_GWEI_DECIMALS, "2500000000");
    check_units("115792089237316195423570985008687907853269984665640564039457.584007913129639935", 18, MAX_DEC);
    const char *bad[] = {"1.", ".", "", "1e5", "1.2.3", "-1", "+1", " 1", "1 ", "1,5", "0x10", "abc", "1..2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(seismic_parse_units(bad[i], strlen(bad[i]), 18, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* too many decimals */
    CHECK(seismic_parse_units("0.0000000000000000001", 21, 18, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_parse_units("1.0000000001", 12, 9, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_parse_units("1.5", 3, 0, &v) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* overflow */
    CHECK(seismic_parse_units("115792089237316195423570985008687907853269984665640564039457.584007913129639936", 79, 18,
                              &v) == SEISMIC_ERR_OVERFLOW);
    CHECK(seismic_parse_units("115792089237316195423570985008687907853269984665640564039458", 60, 18, &v) ==
          SEISMIC_ERR_OVERFLOW);

    check_format("1000000000000000000", 18, "1");
    check_format("1500000000000000000", 18, "1.5");
    check_format("1", 18, "0.000000000000000001");
    check_format("1000000000", 18, "0.000000001");
    check_format("0", 18, "0");
    check_format("0", 0, "0");
    check_format("10", 0, "10");
    check_format("100", 1, "10");
    check_format("123456789", 9, "0.123456789");
    check_format("1234567890", 9, "1.23456789");
    check_format("12000000000000000000000", 18, "12000");
    check_format(MAX_DEC, 18, "115792089237316195423570985008687907853269984665640564039457.584007913129639935");
    check_format(MAX_DEC, 0, MAX_DEC);
    check_format(MAX_DEC, 77, "1.15792089237316195423570985008687907853269984665640564039457584007913129639935");
    check_format("1", 77, "0.00000000000000000000000000000000000000000000000000000000000000000000000000001");

    /* gwei <-> wei and ether <-> gwei */
    check_units("1", SEISMIC_GWEI_DECIMALS, "1000000000");
    check_units("0.000000001", SEISMIC_GWEI_DECIMALS, "1"); /* 1 wei in gwei */
    check_units("30.5", SEISMIC_GWEI_DECIMALS, "30500000000");
    check_format("30500000000", SEISMIC_GWEI_DECIMALS, "30.5");
    check_format("1", SEISMIC_GWEI_DECIMALS, "0.000000001");
    check_format("1000000000", SEISMIC_GWEI_DECIMALS, "1");
    {
        /* 1 ether = 10^9 gwei: parse ether as wei, divide by 10^9, format as gwei */
        seismic_u256 wei, gwei;
        uint64_t rem;
        char out[80];
        CHECK(seismic_parse_units("1.5", 3, SEISMIC_ETHER_DECIMALS, &wei) == SEISMIC_OK);
        CHECK(seismic_u256_div_u64(&wei, 1000000000u, &gwei, &rem) == SEISMIC_OK && rem == 0);
        seismic_format_units(&gwei, 0, out);
        CHECK_STR(out, "1500000000");
        seismic_format_units(&wei, SEISMIC_GWEI_DECIMALS, out);
        CHECK_STR(out, "1500000000");
    }
}

/*---- seismic_buf ---------------------------------------------------------------------------------*/

typedef struct failing_allocator {
    int remaining; /* allocations that still succeed */
    int live;      /* blocks not yet freed */
} failing_allocator;

static void *failing_alloc(size_t size, void *user) {
    failing_allocator *a = (failing_allocator *)user;
    if (a->remaining <= 0) return NULL;
    a->remaining--;
    a->live++;
    return malloc(size);
}

static void failing_free(void *ptr, void *user) {
    failing_allocator *a = (failing_allocator *)user;
    a->live--;
    free(ptr);
}

static void test_buf(void) {
    seismic_buf b = empty_buf();
    /* growth across many reallocations keeps the contents */
    for (int i = 0; i < 10000; i++) seismic_buf_append_byte(&b, (uint8_t)i);
    CHECK(b.len == 10000 && b.cap > b.len && !b.failed);
    int ok = 1;
    for (int i = 0; i < 10000; i++) ok &= b.data[i] == (uint8_t)i;
    CHECK(ok);
    seismic_buf_free(&b);
    CHECK(b.data == NULL && b.len == 0 && b.cap == 0);

    /* one large append */
    {
        uint8_t *big = (uint8_t *)malloc(100000);
        memset(big, 0x5a, 100000);
        seismic_buf_append(&b, "x", 1);
        seismic_buf_append(&b, big, 100000);
        CHECK(b.len == 100001 && b.data[0] == 'x' && b.data[100000] == 0x5a);
        free(big);
        seismic_buf_free(&b);
    }

    /* str, hex, insert, cstr */
    seismic_buf_append_str(&b, "world");
    seismic_buf_insert(&b, 0, "hello ", 6);
    CHECK_STR(seismic_buf_cstr(&b), "hello world");
    CHECK(b.len == 11);
    seismic_buf_insert(&b, b.len, "!", 1);
    seismic_buf_insert(&b, 5, ",", 1);
    CHECK_STR(seismic_buf_cstr(&b), "hello, world!");
    seismic_buf_insert(&b, 3, "", 0);
    CHECK(b.len == 13);
    const uint8_t bytes[3] = {0x00, 0x7f, 0xff};
    seismic_buf_append_hex(&b, bytes, 3);
    seismic_buf_append_hex(&b, bytes, 0);
    CHECK_STR(seismic_buf_cstr(&b), "hello, world!0x007fff0x");
    seismic_buf_wipe(&b);
    CHECK(b.data == NULL && b.len == 0);

    /* cstr of an empty buffer */
    CHECK_STR(seismic_buf_cstr(&b), "");
    seismic_buf_free(&b);

    /* insert into the middle of a buffer that has to grow */
    for (int i = 0; i < 63; i++) seismic_buf_append_byte(&b, 'a');
    {
        char mid[200];
        memset(mid, 'b', sizeof mid);
        seismic_buf_insert(&b, 10, mid, sizeof mid);
        CHECK(b.len == 263 && b.data[9] == 'a' && b.data[10] == 'b' && b.data[209] == 'b' && b.data[210] == 'a' &&
              b.data[262] == 'a');
    }
    seismic_buf_free(&b);

    /* a failing allocator: appends after the failure are ignored, failed stays set, nothing leaks */
    for (int budget = 0; budget < 4; budget++) {
        failing_allocator fa = {budget, 0};
        seismic_buf f = empty_buf();
        f.allocator.alloc = failing_alloc;
        f.allocator.free = failing_free;
        f.allocator.user_data = &fa;
        size_t last_ok_len = 0;
        for (int i = 0; i < 2000; i++) {
            seismic_buf_append(&f, "0123456789", 10);
            if (!f.failed) last_ok_len = f.len;
        }
        CHECK(f.failed);
        CHECK(f.len == last_ok_len && f.len <= f.cap);
        CHECK(!seismic_buf_reserve(&f, 1));
        seismic_buf_append_byte(&f, 'x');
        seismic_buf_append_str(&f, "more");
        seismic_buf_append_hex(&f, "ab", 2);
        seismic_buf_insert(&f, 0, "y", 1);
        CHECK(f.len == last_ok_len);
        CHECK_STR(seismic_buf_cstr(&f), "");
        /* what was appended before the failure is intact */
        int intact = 1;
        for (size_t i = 0; i < f.len; i++) intact &= f.data[i] == (uint8_t)('0' + i % 10);
        CHECK(intact);
        /* hex decode into a failed buffer */
        CHECK(seismic_hex_decode_buf("0x01", 4, &f) == SEISMIC_ERR_NO_MEMORY);
        CHECK(fa.live <= 1);
        seismic_buf_free(&f);
        CHECK(fa.live == 0);
        CHECK(!f.failed && f.data == NULL);
    }

    /* a reserve whose size overflows size_t fails instead of under-allocating */
    {
        seismic_buf o = empty_buf();
        seismic_buf_append_byte(&o, 1);
        CHECK(!seismic_buf_reserve(&o, SIZE_MAX));
        CHECK(o.failed);
        seismic_buf_free(&o);
        CHECK(!seismic_buf_reserve(&o, SIZE_MAX)); /* empty buffer: len + extra + 1 wraps to 0 */
        CHECK(o.failed);
        seismic_buf_free(&o);
        seismic_buf_append(&o, "abc", 3);
        CHECK(!seismic_buf_reserve(&o, SIZE_MAX - 3)); /* len + extra + 1 wraps to 0 */
        seismic_buf_free(&o);
    }
}

/*---- Keccak-256 ----------------------------------------------------------------------------------*/

static void pattern(uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(i * 7 + 3);
}

static void test_keccak(void) {
    uint8_t h[32], h2[32];
    seismic_keccak256("", 0, h);
    CHECK_HEX(h, 32, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    seismic_keccak256(NULL, 0, h);
    CHECK_HEX(h, 32, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    seismic_keccak256("abc", 3, h);
    CHECK_HEX(h, 32, "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    seismic_keccak256("The quick brown fox jumps over the lazy dog", 43, h);
    CHECK_HEX(h, 32, "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");

    /* 200 bytes of 0xa3 (value from @noble/hashes keccak_256) */
    uint8_t a3[200];
    memset(a3, 0xa3, sizeof a3);
    seismic_keccak256(a3, sizeof a3, h);
    CHECK_HEX(h, 32, "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");

    /* lengths around the 136-byte rate: bytes (i*7+3) mod 256, values from @noble/hashes */
    static const struct {
        size_t len;
        const char *hash;
    } vectors[] = {
        {135, "00ef96af9cf4b24c7f269d922294444a197d0a33638c2e56634c57e892103a8f"},
        {136, "742061bcad767ed4c4f5883b1dcb1aad11afdcc140dc469d953759b127b9f9ed"},
        {137, "e3371f61e770abf254c34239c3b0099ad90594507415bc81dd0a10b9692bbf2a"},
        {271, "4401c4afbe16ff911bdbf2d38e556e5b861f3fdf0f9d4306b1c46f6ae4f73584"},
        {272, "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5"},
        {300, "fa75f2293be9f9a14dcdeeff53f7b91ff6a2b1331b13886e69077ab1cf8252a9"},
        {1000, "80cdc8dd52cbb3dbaea8f383209893fa2bb52efbd5aedbb4b26dcfe307fcdc9b"},
    };
    uint8_t data[1000];
    pattern(data, sizeof data);
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        seismic_keccak256(data, vectors[i].len, h);
        CHECK_HEX(h, 32, vectors[i].hash);
    }

    /* incremental: every split point of 300 bytes, two and three pieces, and byte by byte */
    seismic_keccak256(data, 300, h);
    int all_equal = 1;
    for (size_t cut = 0; cut <= 300; cut++) {
        seismic_keccak ctx;
        seismic_keccak_init(&ctx);
        seismic_keccak_update(&ctx, data, cut);
        seismic_keccak_update(&ctx, data + cut, 300 - cut);
        seismic_keccak_final(&ctx, h2);
        all_equal &= memcmp(h, h2, 32) == 0;
        size_t cut2 = cut + (300 - cut) / 3;
        seismic_keccak_init(&ctx);
        seismic_keccak_update(&ctx, data, cut);
        seismic_keccak_update(&ctx, data + cut, 0);
        seismic_keccak_update(&ctx, data + cut, cut2 - cut);
        seismic_keccak_update(&ctx, data + cut2, 300 - cut2);
        seismic_keccak_final(&ctx, h2);
        all_equal &= memcmp(h, h2, 32) == 0;
    }
    CHECK(all_equal);
    {
        seismic_keccak ctx;
        seismic_keccak_init(&ctx);
        for (size_t i = 0; i < 300; i++) seismic_keccak_update(&ctx, data + i, 1);
        seismic_keccak_final(&ctx, h2);
        CHECK(memcmp(h, h2, 32) == 0);
        /* chunk sizes 1..137 for 1000 bytes */
        for (size_t chunk = 1; chunk <= 137; chunk++) {
            seismic_keccak_init(&ctx);
            for (size_t off = 0; off < 1000; off += chunk)
                seismic_keccak_update(&ctx, data + off, off + chunk > 1000 ? 1000 - off : chunk);
            seismic_keccak_final(&ctx, h2);
            seismic_keccak256(data, 1000, h);
            all_equal &= memcmp(h, h2, 32) == 0;
        }
        CHECK(all_equal);
    }
}

int main(void) {
    test_hex();
    test_u256_parse();
    test_u256_format();
    test_u256_bytes();
    test_u256_arith();
    test_units();
    test_buf();
    test_keccak();
    return test_summary();
}
