/* Layer 11b: hash, base58, SS58 and SCALE vectors from their specifications, then Bittensor reads against
   a real subtensor runtime (chopsticks, from tools/testenv/testenv.js) over HTTP and WebSocket, compared with
   what @polkadot/api (tools/testenv/substrate-oracle.js) reads, decodes and encodes. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "support.h"
#include <stdlib.h>

/* ---------------------------------------------------------------- vectors */

static void test_xxh64(void) {
    uint8_t h[16];
    /* the xxHash reference values */
    CHECK(seismic_xxh64("", 0, 0) == 0xEF46DB3751D8E999ull);
    CHECK(seismic_xxh64("a", 1, 0) == 0xD24EC4F1A98C6E5Bull);
    CHECK(seismic_xxh64("abc", 3, 0) == 0x44BC2CF5AD770999ull);
    CHECK(seismic_xxh64("Nobody inspects the spammish repetition", 39, 0) == 0xFBCEA83C8A378BF1ull);
    /* Substrate's well-known prefixes */
    seismic_twox128("System", 6, h);
    CHECK_HEX(h, 16, "26aa394eea5630e07c48ae0c9558cef7");
    seismic_twox128("Account", 7, h);
    CHECK_HEX(h, 16, "b99d880ec681799c0cf30e8886371da9");
    seismic_twox64("", 0, h);
    CHECK_HEX(h, 8, "99e9d85137db46ef");
}

static void test_blake2b(void) {
    uint8_t out[64], key[64], in[255];
    /* RFC 7693 appendix A */
    CHECK(seismic_blake2b("abc", 3, out, 64) == SEISMIC_OK);
    CHECK_HEX(out, 64, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    /* the BLAKE2 reference keyed KAT (key 00..3f, input 00..n-1): n = 0, 1, 255 */
    for (int i = 0; i < 64; i++) key[i] = (uint8_t)i;
    for (int i = 0; i < 255; i++) in[i] = (uint8_t)i;
    seismic_blake2b_ctx ctx;
    CHECK(seismic_blake2b_init(&ctx, 64, key, 64) == SEISMIC_OK);
    seismic_blake2b_final(&ctx, out);
    CHECK_HEX(out, 64, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
    seismic_blake2b_init(&ctx, 64, key, 64);
    seismic_blake2b_update(&ctx, in, 1);
    seismic_blake2b_final(&ctx, out);
    CHECK_HEX(out, 64, "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd");
    seismic_blake2b_init(&ctx, 64, key, 64);
    for (int i = 0; i < 255; i += 17) seismic_blake2b_update(&ctx, in + i, 17); /* split across blocks */
    seismic_blake2b_final(&ctx, out);
    CHECK_HEX(out, 64, "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e92484be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461");
    /* Substrate's blake2_128 of Alice's account id */
    uint8_t alice[32];
    hex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", alice, 32);
    seismic_blake2b(alice, 32, out, 16);
    CHECK_HEX(out, 16, "de1e86a9a8c739864cf3cc5ec2bea59f");
    CHECK(seismic_blake2b("", 0, out, 0) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_blake2b("", 0, out, 65) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_blake2b_init(&ctx, 32, key, 65) == SEISMIC_ERR_INVALID_ARGUMENT);
}

static void test_base58(void) {
    /* Bitcoin Core's base58_encode_decode.json */
    static const char *const vectors[][2] = {
        {"", ""}, {"61", "2g"}, {"626262", "a3gV"}, {"636363", "aPEr"},
        {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
        {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
        {"516b6fcd0f", "ABnLTmg"}, {"bf4f89001e670274dd", "3SEo3LWLoPntC"}, {"572e4794", "3EFU7m"},
        {"ecac89cad93923c02321", "EJDM8drfXA6uyA"}, {"10c8511e", "Rt5zm"}, {"00000000000000000000", "1111111111"},
    };
    for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
        seismic_buf raw = from_hex(vectors[i][0]);
        char text[64];
        uint8_t back[64];
        size_t len = 99;
        CHECK(seismic_base58_encode(raw.data, raw.len, text, sizeof text, &len) == SEISMIC_OK);
        CHECK_STR(text, vectors[i][1]);
        CHECK(seismic_base58_decode(vectors[i][1], strlen(vectors[i][1]), back, sizeof back, &len, NULL) == SEISMIC_OK);
        CHECK(len == raw.len && (len == 0 || memcmp(back, raw.data, len) == 0));
        seismic_buf_free(&raw);
    }
    seismic_error err;
    uint8_t out[8];
    size_t len;
    CHECK(seismic_base58_decode("3EF0", 4, out, sizeof out, &len, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "'0' at offset 3") != NULL);
    CHECK(seismic_base58_decode("1111111111", 10, out, sizeof out, &len, &err) == SEISMIC_ERR_CAPACITY);
    char small[4];
    CHECK(seismic_base58_encode("abc", 3, small, sizeof small, &len) == SEISMIC_ERR_CAPACITY);
}

static void test_ss58(void) {
    uint8_t alice[32], got[32];
    hex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", alice, 32);
    /* @polkadot/util-crypto's encodeAddress of the same key (one- and two-byte prefixes) */
    static const struct { uint16_t prefix; const char *address; } vectors[] = {
        {0, "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"},   {2, "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"},
        {42, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"},  {63, "7NPoMQbiA6trJKkjB35uk96MeJD4PGWkLQLH7k7hXEkZpiba"},
        {64, "cEaNSpz4PxFcZ7nT1VEKrKewH67rfx6MfcM6yKojyyPz7qaqp"}, {255, "yGHXkYLYqxijLKKfd9Q2CB9shRVu8rPNBS53wvwGTutYg4zTg"},
        {1000, "vji5kpxBaPKwct6PAdHiJUPCU1hqBEAPaLMF59sXAjn4NeEaJ"}, {16383, "yNa8JpqfFB3q8A29rCwSgxvdU94ufJw2yKKxDgznS5m1PoFvn"},
    };
    for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
        char text[SEISMIC_SS58_MAX_LEN + 1];
        uint16_t prefix = 0;
        CHECK(seismic_ss58_encode(alice, vectors[i].prefix, text) == SEISMIC_OK);
        CHECK_STR(text, vectors[i].address);
        CHECK(seismic_ss58_decode(vectors[i].address, got, &prefix, NULL) == SEISMIC_OK);
        CHECK(prefix == vectors[i].prefix && memcmp(got, alice, 32) == 0);
    }
    char text[SEISMIC_SS58_MAX_LEN + 1];
    CHECK(seismic_ss58_encode(alice, 46, text) == SEISMIC_ERR_INVALID_ARGUMENT); /* reserved */
    CHECK(seismic_ss58_encode(alice, 16384, text) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* bad input: a clear error each */
    seismic_error err;
    CHECK(seismic_ss58_decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ", got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "checksum") != NULL);
    CHECK(seismic_ss58_decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ0", got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "not a base58 character") != NULL);
    CHECK(seismic_ss58_decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ", got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "not an SS58 prefix") != NULL); /* a dropped character shifts every byte */
    CHECK(seismic_ss58_decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQYY", got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(seismic_ss58_decode("", got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(seismic_ss58_decode("1111111111111111111111111111111111111", got, NULL, &err) == SEISMIC_ERR_PARSE);
    /* 31- and 33-byte keys are not account addresses */
    uint8_t payload[37] = {42};
    char other[80];
    memcpy(payload + 1, alice, 32);
    seismic_base58_encode(payload, 36, other, sizeof other, NULL);
    CHECK(seismic_ss58_decode(other, got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "35 bytes after the prefix") != NULL);
    seismic_base58_encode(payload, 34, other, sizeof other, NULL);
    CHECK(seismic_ss58_decode(other, got, NULL, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "33 bytes after the prefix") != NULL);
}

/* An SS58-looking string of a 31-byte key with prefix 42. */
static void short_address(char out[80]) {
    uint8_t payload[34] = {42, 7};
    seismic_base58_encode(payload, sizeof payload, out, 80, NULL);
}

static seismic_scale_reader reader(const seismic_buf *b) {
    seismic_scale_reader r;
    seismic_scale_reader_init(&r, b->data, b->len, NULL);
    return r;
}

static void test_scale(void) {
    /* the SCALE spec's compact examples */
    static const struct { const char *hex; uint64_t value; } compacts[] = {
        {"00", 0}, {"04", 1}, {"a8", 42}, {"fc", 63}, {"0101", 64}, {"1501", 69}, {"fdff", 16383}, {"02000100", 16384},
        {"feff0300", 65535}, {"feffffff", 1073741823}, {"0300000040", 1073741824}, {"0b00407a10f35a", 100000000000000ull},
        {"13ffffffffffffffff", UINT64_MAX},
    };
    for (size_t i = 0; i < sizeof compacts / sizeof *compacts; i++) {
        seismic_buf b = from_hex(compacts[i].hex);
        seismic_scale_reader r = reader(&b);
        uint64_t v = 0;
        CHECK(seismic_scale_read_compact(&r, UINT64_MAX, &v) == SEISMIC_OK && v == compacts[i].value);
        CHECK(seismic_scale_finish(&r) == SEISMIC_OK);
        seismic_buf_free(&b);
    }
    /* non-canonical, too wide, out of range, truncated */
    static const struct { const char *hex; uint64_t max; seismic_result expect; } bad[] = {
        {"0100", UINT64_MAX, SEISMIC_ERR_PARSE},      {"02000000", UINT64_MAX, SEISMIC_ERR_PARSE},
        {"03ffffff3f", UINT64_MAX, SEISMIC_ERR_PARSE}, {"070000000000", UINT64_MAX, SEISMIC_ERR_PARSE},
        {"17000000000000000001", UINT64_MAX, SEISMIC_ERR_OVERFLOW}, {"02000400", UINT16_MAX, SEISMIC_ERR_OVERFLOW},
        {"01", UINT64_MAX, SEISMIC_ERR_PARSE},        {"", UINT64_MAX, SEISMIC_ERR_PARSE},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        seismic_buf b = from_hex(bad[i].hex);
        seismic_scale_reader r = reader(&b);
        uint64_t v = 7;
        CHECK(seismic_scale_read_compact(&r, bad[i].max, &v) == bad[i].expect && v == 0);
        seismic_buf_free(&b);
    }
    /* fixed ints, bool, Option, Vec, sticky errors */
    seismic_buf b = from_hex("2a0034120000efbeadde78563412010102a8ff");
    seismic_scale_reader r = reader(&b);
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    bool flag, some;
    size_t n;
    CHECK(seismic_scale_read_u16(&r, &u16) == SEISMIC_OK && u16 == 42);
    CHECK(seismic_scale_read_u32(&r, &u32) == SEISMIC_OK && u32 == 0x1234);
    CHECK(seismic_scale_read_u64(&r, &u64) == SEISMIC_OK && u64 == 0x12345678deadbeefull);
    CHECK(seismic_scale_read_bool(&r, &flag) == SEISMIC_OK && flag);
    CHECK(seismic_scale_read_option(&r, &some) == SEISMIC_OK && some);
    CHECK(seismic_scale_read_bool(&r, &flag) == SEISMIC_ERR_PARSE && !flag); /* 0x02 */
    CHECK(seismic_scale_read_u8(&r, (uint8_t *)&u16) == SEISMIC_ERR_PARSE);  /* sticky */
    CHECK(seismic_scale_finish(&r) == SEISMIC_ERR_PARSE);
    seismic_buf_free(&b);
    b = from_hex("a8010203"); /* Vec of 42 one-byte items, 3 present */
    r = reader(&b);
    CHECK(seismic_scale_read_vec_len(&r, 1, &n) == SEISMIC_ERR_PARSE && n == 0);
    seismic_buf_free(&b);
    b = from_hex("0c010203");
    r = reader(&b);
    CHECK(seismic_scale_read_vec_len(&r, 1, &n) == SEISMIC_OK && n == 3);
    CHECK(seismic_scale_read_bytes(&r, NULL, 3) == SEISMIC_OK && seismic_scale_finish(&r) == SEISMIC_OK);
    seismic_buf_free(&b);
}

static void test_storage_key_and_values(void) {
    uint8_t alice[32];
    hex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", alice, 32);
    seismic_buf key;
    memset(&key, 0, sizeof key);
    seismic_storage_key_part part;
    part.hasher = SEISMIC_HASHER_BLAKE2_128_CONCAT;
    part.data = alice;
    part.len = 32;
    CHECK(seismic_storage_key("System", "Account", &part, 1, &key) == SEISMIC_OK);
    CHECK_HEX(key.data, key.len, "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    key.len = 0;
    uint8_t netuid[2] = {1, 0};
    part.hasher = SEISMIC_HASHER_TWOX64_CONCAT;
    part.data = netuid;
    part.len = 2;
    CHECK(seismic_storage_key("SubtensorModule", "NetworksAdded", &part, 1, &key) == SEISMIC_OK);
    CHECK(key.len == 32 + 8 + 2);
    part.hasher = (seismic_storage_hasher)9;
    CHECK(seismic_storage_key("A", "B", &part, 1, &key) == SEISMIC_ERR_INVALID_ARGUMENT);
    seismic_buf_free(&key);

    char text[32];
    seismic_tao_format(0, text);
    CHECK_STR(text, "0.000000000");
    seismic_tao_format(1500000000, text);
    CHECK_STR(text, "1.500000000");
    seismic_tao_format(UINT64_MAX, text);
    CHECK_STR(text, "18446744073.709551615");

    seismic_tao_balance bal;
    seismic_error err;
    seismic_buf v = from_hex("01000000000000000100000000000000"
                             "00ca9a3b00000000" "0700000000000000" "0300000000000000" "00000000000000000000000000000080");
    CHECK(seismic_tao_decode_account(v.data, v.len, 218, &bal, &err) == SEISMIC_OK);
    CHECK(bal.free == 1000000000 && bal.reserved == 7 && bal.frozen == 3);
    CHECK(seismic_tao_decode_account(v.data, 48, 150, &bal, &err) == SEISMIC_OK); /* old: misc_frozen, fee_frozen */
    CHECK(bal.free == 1000000000 && bal.reserved == 7 && bal.frozen == 3);
    CHECK(seismic_tao_decode_account(v.data, 48, 218, &bal, &err) == SEISMIC_ERR_PARSE && bal.free == 0);
    CHECK(strstr(err.message, "48-byte AccountInfo at spec 218") != NULL);
    CHECK(seismic_tao_decode_account(v.data, 40, 218, &bal, &err) == SEISMIC_ERR_PARSE);
    seismic_buf_free(&v);

    /* extrinsics and chopsticks' state edits change state: never retried; the reads are */
    CHECK(!_seismic_method_retry_safe("author_submitExtrinsic") && !_seismic_method_retry_safe("dev_setStorage") &&
          !_seismic_method_retry_safe("dev_newBlock"));
    CHECK(_seismic_method_retry_safe("state_queryStorageAt") && _seismic_method_retry_safe("chain_getHead") &&
          _seismic_method_retry_safe("state_call"));
}

/* ---------------------------------------------------------------- against chopsticks */

typedef struct fixture {
    char *text;
    seismic_json json;
    seismic_json_token *tokens;
} fixture;

static bool load_fixture(fixture *f, const char *path) {
    FILE *file = fopen(path, "rb");
    memset(f, 0, sizeof *f);
    if (!file) return false;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    f->text = (char *)malloc((size_t)size + 1);
    size_t got = fread(f->text, 1, (size_t)size, file);
    fclose(file);
    seismic_json_parse(&f->json, f->text, got, NULL, 0, NULL);
    f->tokens = (seismic_json_token *)malloc(f->json.count * sizeof *f->tokens);
    return seismic_json_parse(&f->json, f->text, got, f->tokens, f->json.count, NULL) == SEISMIC_OK;
}

static void free_fixture(fixture *f) {
    free(f->text);
    free(f->tokens);
}

static uint64_t fx_u64(const fixture *f, int object, const char *key) {
    uint64_t v = UINT64_MAX - 1;
    seismic_u256 big;
    int t = seismic_json_find(&f->json, object, key);
    if (seismic_json_get_u256(&f->json, t, &big) || !seismic_u256_to_u64(&big, &v)) {
        fprintf(stderr, "fixture: no number %s\n", key);
        test_failed++;
    }
    return v;
}

static bool fx_bytes(const fixture *f, int index, uint8_t *out, size_t n) {
    return seismic_json_get_bytes(&f->json, index, out, n, NULL) == SEISMIC_OK;
}

static bool fx_true(const fixture *f, int object, const char *key) {
    bool v = false;
    seismic_json_get_bool(&f->json, seismic_json_find(&f->json, object, key), &v);
    return v;
}

/* The u128 the oracle writes in decimal, as our 16 big-endian bytes. */
static void check_u128(const fixture *f, int object, const char *key, const uint8_t be[16]) {
    seismic_u256 expect, got;
    CHECK(seismic_json_get_u256(&f->json, seismic_json_find(&f->json, object, key), &expect) == SEISMIC_OK);
    CHECK(seismic_u256_from_be(be, 16, &got) == SEISMIC_OK && seismic_u256_cmp(&expect, &got) == 0);
}

static void check_neurons(const fixture *f, int list, const seismic_tao_neurons *n) {
    const seismic_json *j = &f->json;
    CHECK(n->count == seismic_json_size(j, list) && n->count > 0);
    for (size_t i = 0; i < n->count && i < seismic_json_size(j, list); i++) {
        const seismic_tao_neuron *x = &n->neurons[i];
        int e = seismic_json_array_get(j, list, i), axon = seismic_json_find(j, e, "axon"),
            prom = seismic_json_find(j, e, "prometheus"), stake = seismic_json_find(j, e, "stake");
        uint8_t key[32];
        CHECK(fx_bytes(f, seismic_json_find(j, e, "hotkey"), key, 32) && memcmp(key, x->hotkey, 32) == 0);
        CHECK(fx_bytes(f, seismic_json_find(j, e, "coldkey"), key, 32) && memcmp(key, x->coldkey, 32) == 0);
        CHECK(x->uid == fx_u64(f, e, "uid") && x->netuid == fx_u64(f, e, "netuid"));
        CHECK(x->active == fx_true(f, e, "active") && x->validator_permit == fx_true(f, e, "validatorPermit"));
        CHECK(x->axon.block == fx_u64(f, axon, "block") && x->axon.version == fx_u64(f, axon, "version"));
        CHECK(x->axon.port == fx_u64(f, axon, "port") && x->axon.ip_type == fx_u64(f, axon, "ipType"));
        CHECK(x->axon.protocol == fx_u64(f, axon, "protocol") && x->axon.placeholder1 == fx_u64(f, axon, "placeholder1") &&
              x->axon.placeholder2 == fx_u64(f, axon, "placeholder2"));
        check_u128(f, axon, "ip", x->axon.ip);
        CHECK(x->prometheus.block == fx_u64(f, prom, "block") && x->prometheus.version == fx_u64(f, prom, "version"));
        CHECK(x->prometheus.port == fx_u64(f, prom, "port") && x->prometheus.ip_type == fx_u64(f, prom, "ipType"));
        check_u128(f, prom, "ip", x->prometheus.ip);
        CHECK(x->rank == fx_u64(f, e, "rank") && x->emission == fx_u64(f, e, "emission"));
        CHECK(x->incentive == fx_u64(f, e, "incentive") && x->consensus == fx_u64(f, e, "consensus"));
        CHECK(x->trust == fx_u64(f, e, "trust") && x->validator_trust == fx_u64(f, e, "validatorTrust"));
        CHECK(x->dividends == fx_u64(f, e, "dividends") && x->last_update == fx_u64(f, e, "lastUpdate"));
        CHECK(x->pruning_score == fx_u64(f, e, "pruningScore"));
        CHECK(x->stake_count == seismic_json_size(j, stake));
        for (size_t s = 0; s < x->stake_count && s < seismic_json_size(j, stake); s++) {
            int pair = seismic_json_array_get(j, stake, s);
            seismic_u256 amount;
            uint64_t a = 0;
            CHECK(fx_bytes(f, seismic_json_array_get(j, pair, 0), key, 32) && memcmp(key, x->stake[s].account, 32) == 0);
            CHECK(seismic_json_get_u256(j, seismic_json_array_get(j, pair, 1), &amount) == SEISMIC_OK &&
                  seismic_u256_to_u64(&amount, &a) && a == x->stake[s].amount);
        }
    }
}

static void check_delegated(const fixture *f, int list, const seismic_tao_delegated *d) {
    const seismic_json *j = &f->json;
    CHECK(d->count == seismic_json_size(j, list) && d->count > 0);
    for (size_t i = 0; i < d->count && i < seismic_json_size(j, list); i++) {
        const seismic_tao_delegate *x = &d->delegates[i];
        int e = seismic_json_array_get(j, list, i), noms = seismic_json_find(j, e, "nominators"),
            regs = seismic_json_find(j, e, "registrations"), permits = seismic_json_find(j, e, "validatorPermits");
        uint8_t key[32];
        CHECK(fx_bytes(f, seismic_json_find(j, e, "delegate"), key, 32) && memcmp(key, x->delegate, 32) == 0);
        CHECK(fx_bytes(f, seismic_json_find(j, e, "owner"), key, 32) && memcmp(key, x->owner, 32) == 0);
        CHECK(x->take == fx_u64(f, e, "take") && x->return_per_1000 == fx_u64(f, e, "returnPer1000"));
        CHECK(x->total_daily_return == fx_u64(f, e, "totalDailyReturn"));
        CHECK(x->staked_netuid == fx_u64(f, e, "stakedNetuid") && x->staked == fx_u64(f, e, "staked"));
        CHECK(x->nominator_count == seismic_json_size(j, noms));
        for (size_t s = 0; s < x->nominator_count && s < seismic_json_size(j, noms); s++) {
            int t = seismic_json_array_get(j, noms, s);
            uint64_t v = 0;
            seismic_u256 amount;
            CHECK(fx_bytes(f, seismic_json_array_get(j, t, 0), key, 32) && memcmp(key, x->nominators[s].account, 32) == 0);
            CHECK(seismic_json_get_u64(j, seismic_json_array_get(j, t, 1), &v) == SEISMIC_OK && v == x->nominators[s].netuid);
            CHECK(seismic_json_get_u256(j, seismic_json_array_get(j, t, 2), &amount) == SEISMIC_OK &&
                  seismic_u256_to_u64(&amount, &v) && v == x->nominators[s].amount);
        }
        CHECK(x->registration_count == seismic_json_size(j, regs) && x->validator_permit_count == seismic_json_size(j, permits));
        for (size_t s = 0; s < x->registration_count && s < seismic_json_size(j, regs); s++) {
            uint64_t v = 0;
            CHECK(seismic_json_get_u64(j, seismic_json_array_get(j, regs, s), &v) == SEISMIC_OK && v == x->registrations[s]);
        }
        for (size_t s = 0; s < x->validator_permit_count && s < seismic_json_size(j, permits); s++) {
            uint64_t v = 0;
            CHECK(seismic_json_get_u64(j, seismic_json_array_get(j, permits, s), &v) == SEISMIC_OK && v == x->validator_permits[s]);
        }
    }
}

/* The ">= 233" typed encodings the oracle's registry made, decoded by the public decoders. */
static void test_typed_fixtures(const fixture *f) {
    const seismic_json *j = &f->json;
    int typed = seismic_json_find(j, 0, "typed");
    seismic_buf bytes;
    seismic_error err;
    memset(&bytes, 0, sizeof bytes);
    CHECK(seismic_json_get_bytes_buf(j, seismic_json_find(j, typed, "neuronsHex"), &bytes) == SEISMIC_OK);
    seismic_tao_neurons n;
    memset(&n, 0, sizeof n);
    CHECK(seismic_tao_decode_neurons(bytes.data, bytes.len, NULL, &n, &err) == SEISMIC_OK);
    check_neurons(f, seismic_json_find(j, typed, "neurons"), &n);
    seismic_tao_neurons_free(&n, NULL);
    /* every truncation is an error, never a shorter list */
    for (size_t cut = 0; cut < bytes.len; cut += 7) CHECK(seismic_tao_decode_neurons(bytes.data, cut, NULL, &n, &err) != SEISMIC_OK && n.neurons == NULL);
    seismic_buf_free(&bytes);

    static const struct { const char *hex, *json; uint32_t spec; } forms[] = {
        {"delegatedV1Hex", "delegatedV1", 233}, {"delegatedV1Hex", "delegatedV1", 218}, {"delegatedV2Hex", "delegatedV2", 244},
    };
    for (size_t i = 0; i < 3; i++) {
        seismic_tao_delegated d;
        memset(&d, 0, sizeof d);
        memset(&bytes, 0, sizeof bytes);
        CHECK(seismic_json_get_bytes_buf(j, seismic_json_find(j, typed, forms[i].hex), &bytes) == SEISMIC_OK);
        CHECK(seismic_tao_decode_delegated(bytes.data, bytes.len, forms[i].spec, NULL, &d, &err) == SEISMIC_OK);
        check_delegated(f, seismic_json_find(j, typed, forms[i].json), &d);
        seismic_tao_delegated_free(&d, NULL);
        /* the other layout, or a version nobody documented, is refused */
        CHECK(seismic_tao_decode_delegated(bytes.data, bytes.len, forms[i].spec >= 244 ? 233 : 244, NULL, &d, &err) != SEISMIC_OK);
        CHECK(seismic_tao_decode_delegated(bytes.data, bytes.len, 241, NULL, &d, &err) == SEISMIC_ERR_PARSE);
        CHECK(strstr(err.message, "spec 241") != NULL);
        seismic_buf_free(&bytes);
    }
}

static seismic_client *client_for(const char *url) {
    seismic_client_desc d;
    seismic_error err;
    memset(&d, 0, sizeof d);
    d.url = url;
    seismic_client *c = seismic_client_create(&d, &err);
    CHECK(c != NULL);
    return c;
}

/* Reads every fixture account at the pinned block in one call and compares with the oracle. */
static void check_balances_at(seismic_subtensor *st, const fixture *f, int list, const uint8_t pinned[32], bool pin) {
    const seismic_json *j = &f->json;
    size_t n = seismic_json_size(j, list);
    const char **addresses = (const char **)malloc(n * sizeof *addresses);
    char (*storage)[SEISMIC_SS58_MAX_LEN + 1] = (char (*)[SEISMIC_SS58_MAX_LEN + 1])malloc(n * sizeof *storage);
    seismic_tao_balance *got = (seismic_tao_balance *)malloc(n * sizeof *got);
    for (size_t i = 0; i < n; i++) {
        seismic_json_get_string(j, seismic_json_find(j, seismic_json_array_get(j, list, i), "address"), storage[i],
                                sizeof storage[i], NULL);
        addresses[i] = storage[i];
    }
    seismic_block_ref at = seismic_block_at_hash(pinned);
    seismic_tao_block block;
    seismic_error err;
    seismic_client_stats before = seismic_client_get_stats(seismic_subtensor_client(st));
    seismic_result r = seismic_tao_get_balances_blocking(st, addresses, n, pin ? &at : NULL, &block, got, &err);
    seismic_client_stats after = seismic_client_get_stats(seismic_subtensor_client(st));
    CHECK(r == SEISMIC_OK);
    if (r) fprintf(stderr, "get_balances: %s\n", err.message);
    CHECK(memcmp(block.hash, pinned, 32) == 0 && block.spec_version == 218);
    /* one storage query for all of them (+ header and runtime version when the block is new) */
    CHECK(after.submitted - before.submitted <= 4);
    size_t equal = 0;
    for (size_t i = 0; i < n && !r; i++) {
        int e = seismic_json_array_get(j, list, i);
        equal += got[i].free == fx_u64(f, e, "free") && got[i].reserved == fx_u64(f, e, "reserved") &&
                 got[i].frozen == fx_u64(f, e, "frozen");
    }
    CHECK(equal == n);
    free(addresses);
    free(storage);
    free(got);
}

/* True if the 32-byte account is one of the n in list. */
static bool has_account(const seismic_buf *list, const uint8_t account[32]) {
    for (size_t at = 0; at + 32 <= list->len; at += 32)
        if (memcmp(list->data + at, account, 32) == 0) return true;
    return false;
}

/* System.Account's keys at the pinned block, 1,000 a page (more than one page: start_key carries on): each is
   prefix ‖ blake2_128(account) ‖ account, every fixture account is among them and no unknown one. */
static void check_storage_keys(seismic_subtensor *st, const fixture *f, const uint8_t pinned[32]) {
    seismic_client *c = seismic_subtensor_client(st);
    seismic_buf prefix = {0}, accounts = {0};
    seismic_block_ref at = seismic_block_at_hash(pinned);
    uint8_t last[80];
    bool ok = true, has_last = false;
    size_t pages = 0, n = 0;
    seismic_storage_key("System", "Account", NULL, 0, &prefix);
    do {
        seismic_error err = {0};
        seismic_tao_storage_keys keys;
        seismic_request q = seismic_tao_get_storage_keys(st, prefix.data, prefix.len, 1000, has_last ? last : NULL,
                                                         has_last ? 80 : 0, &at, NULL);
        const seismic_response *r = seismic_await_response(c, q, &err);
        ok = r && seismic_response_tao_storage_keys(r, &keys) == SEISMIC_OK && memcmp(keys.at.hash, pinned, 32) == 0;
        if (!ok) fprintf(stderr, "storage keys, page %zu: %s\n", pages, err.message);
        n = ok ? keys.count : 0;
        for (size_t i = 0; ok && i < n; i++) {
            uint8_t h[16];
            const seismic_tao_storage_key *k = &keys.keys[i];
            ok = k->len == 80 && memcmp(k->data, prefix.data, 32) == 0 && seismic_blake2b(k->data + 48, 32, h, 16) == SEISMIC_OK &&
                 memcmp(h, k->data + 32, 16) == 0;
            seismic_buf_append(&accounts, k->data + 48, 32);
        }
        if (ok && n) {
            memcpy(last, keys.keys[n - 1].data, 80);
            has_last = true;
        }
        seismic_request_release(c, q);
        pages++;
    } while (ok && n == 1000 && pages < 100);
    CHECK(ok && pages >= 2);
    const seismic_json *j = &f->json;
    int known = seismic_json_find(j, 0, "balances"), unknown = seismic_json_find(j, 0, "unknown");
    size_t found = 0, found_unknown = 0;
    for (int pass = 0; pass < 2; pass++) {
        int list = pass ? unknown : known;
        for (int e = seismic_json_first_child(j, list); e >= 0; e = seismic_json_next_sibling(j, list, e)) {
            char ss58[SEISMIC_SS58_MAX_LEN + 1] = "";
            uint8_t account[32];
            seismic_json_get_string(j, seismic_json_find(j, e, "address"), ss58, sizeof ss58, NULL);
            if (seismic_ss58_decode(ss58, account, NULL, NULL) == SEISMIC_OK && has_account(&accounts, account))
                pass ? found_unknown++ : found++;
        }
    }
    printf("System.Account keys: %zu accounts in %zu pages; %zu of %zu fixture accounts found, %zu unknown\n",
           accounts.len / 32, pages, found, seismic_json_size(j, known), found_unknown);
    CHECK(found == seismic_json_size(j, known) && found > 0 && found_unknown == 0);
    /* refused before sending */
    CHECK(seismic_tao_get_storage_keys(st, prefix.data, prefix.len, 0, NULL, 0, &at, NULL).id == 0 &&
          strstr(seismic_client_last_error(c)->message, "count 0 is not 1..1000") != NULL);
    CHECK(seismic_tao_get_storage_keys(st, prefix.data, prefix.len, 1001, NULL, 0, &at, NULL).id == 0);
    CHECK(seismic_tao_get_storage_keys(st, NULL, 32, 10, NULL, 0, &at, NULL).id == 0 &&
          strstr(seismic_client_last_error(c)->message, "a length without its bytes") != NULL);
    seismic_buf_free(&prefix);
    seismic_buf_free(&accounts);
}

static void test_chain(const char *url, const fixture *f, const fixture *changed) {
    const seismic_json *j = &f->json;
    seismic_client *c = client_for(url);
    seismic_error err;
    seismic_subtensor *st = seismic_subtensor_create(c, NULL, &err);
    uint8_t pinned[32], head[32];
    CHECK(fx_bytes(f, seismic_json_find(j, 0, "blockHash"), pinned, 32));
    CHECK(fx_bytes(changed, seismic_json_find(&changed->json, 0, "blockHash"), head, 32));
    seismic_block_ref at = seismic_block_at_hash(pinned);

    /* block hashes: head, by number, reuse_block */
    seismic_tao_block block;
    CHECK(seismic_tao_get_block_hash_blocking(st, NULL, &block, &err) == SEISMIC_OK && memcmp(block.hash, head, 32) == 0);
    uint64_t head_number = block.number;
    seismic_block_ref by_number = seismic_block_at_number(fx_u64(f, 0, "blockNumber"));
    CHECK(seismic_tao_get_block_hash_blocking(st, &by_number, &block, &err) == SEISMIC_OK &&
          memcmp(block.hash, pinned, 32) == 0 && block.number == fx_u64(f, 0, "blockNumber"));
    seismic_block_ref reuse = seismic_subtensor_reuse_block(st);
    CHECK(reuse.kind == SEISMIC_BLOCK_HASH && memcmp(reuse.hash, pinned, 32) == 0);
    seismic_block_ref pending_block = seismic_block_at_tag(SEISMIC_BLOCK_PENDING);
    CHECK(seismic_tao_get_block_hash(st, &pending_block, NULL).id == 0 &&
          strstr(seismic_client_last_error(c)->message, "no such block reference") != NULL);
    by_number = seismic_block_at_number(head_number + 1000);
    CHECK(seismic_tao_get_block_hash_blocking(st, &by_number, &block, &err) == SEISMIC_ERR_INVALID_ARGUMENT);

    /* 1,000 accounts: the pinned block keeps the old values, the head has the new ones, unknown are zero */
    check_balances_at(st, f, seismic_json_find(j, 0, "balances"), pinned, true);
    check_balances_at(st, changed, seismic_json_find(&changed->json, 0, "balances"), head, false);
    check_balances_at(st, f, seismic_json_find(j, 0, "unknown"), pinned, true);
    check_storage_keys(st, f, pinned);
    seismic_request one = seismic_tao_get_balance(st, "5DGCCKm97TtTaR5rw8tc8xBZmLZePGf9cBCpMvUZT3N3jDfe", &at, NULL);
    seismic_client_wait(c, one, -1);
    seismic_tao_balance bal;
    seismic_tao_balances typed;
    size_t count = 0;
    CHECK(seismic_response_tao_balances(seismic_request_response(c, one), &typed) == SEISMIC_OK && typed.count == 1);
    CHECK(typed.count == 1 && typed.balances[0].free == fx_u64(f, seismic_json_array_get(j, seismic_json_find(j, 0, "balances"), 1), "free"));
    CHECK(memcmp(typed.at.hash, pinned, 32) == 0 && typed.at.spec_version == 218);
    seismic_request_release(c, one);

    /* a hash the node does not have: chopsticks answers another block's header, which does not hash to it */
    uint8_t unknown_hash[32] = {1};
    seismic_block_ref unknown = seismic_block_at_hash(unknown_hash);
    const char *alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    CHECK(seismic_tao_get_balances_blocking(st, &alice, 1, &unknown, &block, &bal, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "no block with that hash") != NULL);

    /* bad addresses are refused before anything is sent, with the reason */
    char short_one[80];
    short_address(short_one);
    const char *bad[] = {"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ", "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5",
                         short_one, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQl"};
    const char *reason[] = {"checksum", "prefix 0, this chain uses 42", "bytes after the prefix", "not a base58 character"};
    for (int i = 0; i < 4; i++) {
        seismic_request q = seismic_tao_get_balances(st, &bad[i], 1, &at, NULL);
        CHECK(q.id == 0 && strstr(seismic_client_last_error(c)->message, reason[i]) != NULL);
    }

    /* subnets, netuids, TotalHotkeyAlpha, neurons_lite: equal to the oracle at the pinned block */
    uint64_t total = 0;
    CHECK(seismic_tao_get_total_subnets_blocking(st, &at, &block, &total, &err) == SEISMIC_OK && total == fx_u64(f, 0, "total"));
    uint16_t netuids[64];
    CHECK(seismic_tao_get_netuids_blocking(st, &at, &block, netuids, 64, &count, &err) == SEISMIC_OK);
    int expect = seismic_json_find(j, 0, "netuids");
    CHECK(count == seismic_json_size(j, expect));
    for (size_t i = 0; i < count; i++) {
        uint64_t v = 0;
        CHECK(seismic_json_get_u64(j, seismic_json_array_get(j, expect, i), &v) == SEISMIC_OK && v == netuids[i]);
    }
    int hotkeys = seismic_json_find(j, 0, "hotkeys"), alpha = seismic_json_find(j, 0, "alpha");
    for (size_t i = 0; i < seismic_json_size(j, hotkeys); i++) {
        char hotkey[64];
        uint64_t amount = 0, expect_amount = 0;
        seismic_u256 e;
        seismic_json_get_string(j, seismic_json_array_get(j, hotkeys, i), hotkey, sizeof hotkey, NULL);
        seismic_request q = seismic_tao_get_total_hotkey_alpha(st, hotkey, 1, &at, NULL);
        seismic_client_wait(c, q, -1);
        CHECK(seismic_response_tao_u64(seismic_request_response(c, q), &block, &amount) == SEISMIC_OK);
        CHECK(seismic_json_get_u256(j, seismic_json_array_get(j, alpha, i), &e) == SEISMIC_OK && seismic_u256_to_u64(&e, &expect_amount) &&
              amount == expect_amount);
        seismic_request_release(c, q);
    }
    seismic_tao_neurons n;
    memset(&n, 0, sizeof n);
    CHECK(seismic_tao_neurons_lite_blocking(st, 1, &at, NULL, &n, &err) == SEISMIC_OK);
    CHECK(memcmp(n.at.hash, pinned, 32) == 0 && n.at.spec_version == 218);
    check_neurons(f, seismic_json_find(j, 0, "neurons"), &n);
    seismic_tao_neurons_free(&n, NULL);
    /* gathered: neurons of every subnet at once */
    seismic_request gathered[64];
    for (size_t i = 0; i < count; i++) gathered[i] = seismic_tao_neurons_lite(st, netuids[i], &at, NULL);
    CHECK(seismic_client_wait_all(c, gathered, count, 30000) == SEISMIC_OK);
    for (size_t i = 0; i < count; i++) {
        memset(&n, 0, sizeof n);
        CHECK(seismic_response_tao_neurons(seismic_request_response(c, gathered[i]), &n) == SEISMIC_OK);
        if (netuids[i] == 1) check_neurons(f, seismic_json_find(j, 0, "neurons"), &n); /* response-owned arrays */
        seismic_request_release(c, gathered[i]);
    }
    /* get_delegated on spec 218: the Bytes form (no delegates in this chain) */
    seismic_tao_delegated d;
    memset(&d, 0, sizeof d);
    CHECK(seismic_tao_get_delegated_blocking(st, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", &at, NULL, &d, &err) == SEISMIC_OK);
    CHECK(memcmp(d.at.hash, pinned, 32) == 0);
    seismic_tao_delegated_free(&d, NULL);

    /* a destroyed subtensor ends its pending actions */
    seismic_request pending = seismic_tao_get_total_subnets(st, NULL, NULL);
    seismic_subtensor_destroy(st);
    CHECK(seismic_request_done(c, pending) && seismic_request_response(c, pending)->result == SEISMIC_ERR_CANCELED);
    seismic_request_release(c, pending);
    CHECK(seismic_client_wait_idle(c, 10000) == SEISMIC_OK); /* its step still in flight ends too */
    seismic_client_stats stats = seismic_client_get_stats(c);
    CHECK(stats.submitted == stats.finished);
    seismic_client_destroy(c);
}

/* Runs tools/testenv/substrate-oracle.js with these arguments (a JSON array of strings) through the test
   environment's control endpoint: no shell-out to node, so this test also runs under Wine. */
static bool run_oracle(const char *args_json) {
    seismic_client_desc d = {0};
    seismic_error err = {0};
    char params[4096];
    d.url = env("SEISMIC_TEST_CONTROL_HTTP");
    d.timeout_ms = 180000;
    d.disable_retries = true;
    snprintf(params, sizeof params, "[%s]", args_json);
    seismic_client *c = seismic_client_create(&d, &err);
    bool ok = c && seismic_rpc_call(c, "testenv_substrateOracle", params, NULL, &err) == SEISMIC_OK;
    if (!ok) fprintf(stderr, "substrate-oracle %s: %s\n", args_json, err.message);
    seismic_client_destroy(c);
    return ok;
}

/* ---------------------------------------------------------------- a hostile node */

/* A node that answers each method from a scenario (the URL path), on a loopback port this test serves
   between turns of the client's loop: what a broken or malicious server may send, which must end as a
   clear error, never a wrong value. */
static uint8_t fake_hash[32];
static char fake_header[400];

static void fake_make_header(void) {
    seismic_buf scale;
    memset(&scale, 0, sizeof scale);
    uint8_t zero[32] = {0};
    seismic_buf_append(&scale, zero, 32);   /* parentHash */
    seismic_buf_append_byte(&scale, 7 << 2); /* number 7 */
    seismic_buf_append(&scale, zero, 32);   /* stateRoot */
    seismic_buf_append(&scale, zero, 32);   /* extrinsicsRoot */
    seismic_buf_append_byte(&scale, 0);     /* no digest logs */
    seismic_blake2b(scale.data, scale.len, fake_hash, 32);
    seismic_buf_free(&scale);
    snprintf(fake_header, sizeof fake_header,
             "{\"parentHash\":\"0x%064d\",\"number\":\"0x7\",\"stateRoot\":\"0x%064d\",\"extrinsicsRoot\":\"0x%064d\","
             "\"digest\":{\"logs\":[]}}", 0, 0, 0);
}

static void hexs(const uint8_t *data, size_t len, char *out) { seismic_hex_encode(data, len, out); }

/* The result (JSON) of one call in a scenario. */
static void fake_answer(const char *scenario, const char *method, const seismic_json *j, int params, seismic_buf *out) {
    char h[67], key[300];
    hexs(fake_hash, 32, h);
    uint8_t prefix[32];
    seismic_twox128("SubtensorModule", 15, prefix);
    seismic_twox128("NetworksAdded", 13, prefix + 16);
    if (strcmp(method, "chain_getHead") == 0) {
        seismic_buf_append_str(out, "\"");
        seismic_buf_append_str(out, h);
        seismic_buf_append_str(out, "\"");
    } else if (strcmp(method, "chain_getHeader") == 0) {
        /* wrong-header: a header that is not the pinned block's */
        if (strcmp(scenario, "/wrong-header") == 0) seismic_buf_append_str(out, "{\"parentHash\":\"0x11\",\"number\":\"0x7\"}");
        else seismic_buf_append_str(out, fake_header);
    } else if (strcmp(method, "state_getRuntimeVersion") == 0) {
        seismic_buf_append_str(out, strcmp(scenario, "/spec-241") == 0 ? "{\"specVersion\":241}"
                                    : strcmp(scenario, "/no-spec") == 0 ? "{\"specName\":\"x\"}"
                                                                         : "{\"specVersion\":218}");
    } else if (strcmp(method, "state_queryStorageAt") == 0) {
        int keys = seismic_json_array_get(j, params, 0);
        size_t first_len = 0;
        const char *first = seismic_json_raw(j, seismic_json_array_get(j, keys, 0), &first_len);
        snprintf(key, sizeof key, "%.*s", (int)first_len, first ? first : "\"0x\"");
        seismic_buf_append_str(out, "[{\"block\":\"");
        if (strcmp(scenario, "/other-block") == 0) seismic_buf_append_str(out, "0x1111111111111111111111111111111111111111111111111111111111111111");
        else seismic_buf_append_str(out, h);
        seismic_buf_append_str(out, "\",\"changes\":[");
        if (strcmp(scenario, "/unasked-key") == 0) { /* a System.Account key of an account nobody asked for */
            uint8_t other[80] = {0};
            seismic_twox128("System", 6, other);
            seismic_twox128("Account", 7, other + 16);
            hexs(other, 80, key);
            seismic_buf_append_str(out, "[\"");
            seismic_buf_append_str(out, key);
            seismic_buf_append_str(out, "\",null]");
        } else if (strcmp(scenario, "/short-account") == 0) {
            seismic_buf_append_str(out, "[");
            seismic_buf_append_str(out, key);
            seismic_buf_append_str(out, ",\"0x");
            for (int i = 0; i < 48; i++) seismic_buf_append_str(out, "01");
            seismic_buf_append_str(out, "\"]");
        } else if (strcmp(scenario, "/bad-flag") == 0) {
            seismic_buf_append_str(out, "[");
            seismic_buf_append_str(out, key);
            seismic_buf_append_str(out, ",\"0x02\"]");
        }
        seismic_buf_append_str(out, "]}]");
    } else if (strcmp(method, "state_getKeysPaged") == 0) {
        /* endless: always the same full page (must fail, not loop); out-of-order: a page going backwards */
        seismic_buf_append_byte(out, '[');
        for (int i = 0; i < 100; i++) {
            uint8_t k[34];
            memcpy(k, prefix, 32);
            k[32] = (uint8_t)(strcmp(scenario, "/keys-backwards") == 0 ? 100 - i : i);
            k[33] = 0;
            hexs(k, 34, key);
            if (i) seismic_buf_append_byte(out, ',');
            seismic_buf_append_str(out, "\"");
            seismic_buf_append_str(out, key);
            seismic_buf_append_str(out, "\"");
        }
        seismic_buf_append_byte(out, ']');
    } else if (strcmp(method, "state_call") == 0) {
        /* Bytes of 5 claiming 10; or a neuron list that ends early; or a wrapper of the right length around junk */
        if (strcmp(scenario, "/wrapper-length") == 0) {
            seismic_buf_append_str(out, "\"0x0c0102030405\""); /* says 3 bytes, 5 follow */
        } else if (strcmp(scenario, "/truncated-neurons") == 0) { /* one neuron announced, 141 of its 143 bytes */
            seismic_buf_append_str(out, "\"0x390204");
            for (int i = 0; i < 141; i++) seismic_buf_append_str(out, "00");
            seismic_buf_append_str(out, "\"");
        }
        else seismic_buf_append_str(out, "\"0x0400\""); /* an empty Vec, wrapped */
    } else {
        seismic_buf_append_str(out, "null");
    }
}

/* The node's connections: bytes received so far per connection. */
typedef struct fake_node {
    _seismic_sock_t listener;
    _seismic_sock_t conns[4];
    seismic_buf in[4];
} fake_node;

/* Answers every complete request in in (HTTP/1.1 POST, single or batch JSON-RPC); false if the reply
   could not be sent. */
static bool fake_answer_requests(_seismic_sock_t fd, seismic_buf *in) {
    for (;;) {
        const char *text = seismic_buf_cstr(in), *end = strstr(text, "\r\n\r\n"), *cl = strstr(text, "Content-Length: ");
        if (!end || !cl) return true;
        size_t body_len = (size_t)strtoul(cl + 16, NULL, 10), head = (size_t)(end + 4 - text);
        if (in->len < head + body_len) return true;
        char path[64] = "";
        sscanf(text, "POST %63s", path);
        static seismic_json_token tokens[4096];
        seismic_json j;
        seismic_buf reply;
        memset(&reply, 0, sizeof reply);
        if (seismic_json_parse(&j, text + head, body_len, tokens, 4096, NULL) == SEISMIC_OK) {
            bool batch = seismic_json_is(&j, 0, SEISMIC_JSON_ARRAY);
            if (batch) seismic_buf_append_byte(&reply, '[');
            size_t n = batch ? seismic_json_size(&j, 0) : 1;
            for (size_t i = 0; i < n; i++) {
                int call = batch ? seismic_json_array_get(&j, 0, i) : 0;
                char method[64] = "";
                size_t id_len = 0;
                const char *id = seismic_json_raw(&j, seismic_json_find(&j, call, "id"), &id_len);
                seismic_json_get_string(&j, seismic_json_find(&j, call, "method"), method, sizeof method, NULL);
                if (i) seismic_buf_append_byte(&reply, ',');
                seismic_buf_append_str(&reply, "{\"jsonrpc\":\"2.0\",\"id\":");
                seismic_buf_append(&reply, id, id_len);
                seismic_buf_append_str(&reply, ",\"result\":");
                fake_answer(path, method, &j, seismic_json_find(&j, call, "params"), &reply);
                seismic_buf_append_byte(&reply, '}');
            }
            if (batch) seismic_buf_append_byte(&reply, ']');
        }
        char header[128];
        int hl = snprintf(header, sizeof header, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n", reply.len);
        bool sent = test_send_all(fd, header, (size_t)hl) && test_send_all(fd, reply.data, reply.len);
        seismic_buf_free(&reply);
        if (!sent) return false;
        memmove(in->data, in->data + head + body_len, in->len - head - body_len);
        in->len -= head + body_len;
    }
}

/* One turn of the node: takes new connections, reads what arrived, answers what is complete. */
static void fake_step(fake_node *node) {
    for (int i = 0; i < 4; i++) {
        if (node->conns[i] == _SEISMIC_NO_SOCK) node->conns[i] = test_accept(node->listener);
        if (node->conns[i] == _SEISMIC_NO_SOCK) continue;
        char chunk[8192];
        ptrdiff_t got;
        while ((got = test_recv(node->conns[i], chunk, sizeof chunk)) > 0) seismic_buf_append(&node->in[i], chunk, (size_t)got);
        if (got != SEISMIC_IO_AGAIN || !fake_answer_requests(node->conns[i], &node->in[i])) { /* closed or failed */
            _seismic_sock_close(node->conns[i]);
            node->conns[i] = _SEISMIC_NO_SOCK;
            node->in[i].len = 0;
        }
    }
}

static void test_hostile_node(void) {
    fake_make_header();
    fake_node node;
    unsigned port = 0;
    memset(&node, 0, sizeof node);
    node.listener = test_listen(&port);
    for (int i = 0; i < 4; i++) node.conns[i] = _SEISMIC_NO_SOCK;
    if (node.listener == _SEISMIC_NO_SOCK) return;
    static const struct { const char *path; int action; seismic_result expect; const char *message; } cases[] = {
        {"/unasked-key", 0, SEISMIC_ERR_PARSE, "a key that was not asked"},
        {"/short-account", 0, SEISMIC_ERR_PARSE, "48-byte AccountInfo at spec 218"},
        {"/other-block", 0, SEISMIC_ERR_PARSE, "one entry for the pinned block"},
        {"/wrong-header", 0, SEISMIC_ERR_INVALID_ARGUMENT, "no block with that hash"},
        {"/no-spec", 0, SEISMIC_ERR_PARSE, "no specVersion"},
        {"/endless-keys", 1, SEISMIC_ERR_PARSE, "keys out of order"},
        {"/keys-backwards", 1, SEISMIC_ERR_PARSE, "keys out of order"},
        {"/bad-flag", 1, SEISMIC_ERR_PARSE, "not a bool"},
        {"/wrapper-length", 2, SEISMIC_ERR_PARSE, "Bytes wrapper says 3 bytes, 5 follow"},
        {"/truncated-neurons", 2, SEISMIC_ERR_PARSE, "input ends early"},
        {"/spec-241", 3, SEISMIC_ERR_PARSE, "spec 241"},
        {"/keys-backwards", 4, SEISMIC_ERR_PARSE, "key 1 is not after the key before it"},
        {"/endless-keys", 5, SEISMIC_ERR_PARSE, "expected an array of at most 50 keys"},
        {"/endless-keys", 6, SEISMIC_ERR_PARSE, "key 0 does not start with the prefix"},
        {"/endless-keys", 7, SEISMIC_ERR_PARSE, "key 0 is not after the key before it"},
    };
    uint8_t networks[34] = {0}, accounts_prefix[32]; /* storage keys asked of NetworksAdded, or of System.Account */
    seismic_twox128("SubtensorModule", 15, networks);
    seismic_twox128("NetworksAdded", 13, networks + 16);
    seismic_twox128("System", 6, accounts_prefix);
    seismic_twox128("Account", 7, accounts_prefix + 16);
    networks[32] = 50; /* a start key past the first keys the node sends */
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char url[128];
        seismic_client_desc d;
        seismic_error err;
        memset(&d, 0, sizeof d);
        snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, cases[i].path);
        d.url = url;
        d.max_connections = 1;
        d.timeout_ms = 10000;
        seismic_client *c = seismic_client_create(&d, &err);
        seismic_subtensor *st = seismic_subtensor_create(c, NULL, &err);
        const char *alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        seismic_request q = cases[i].action == 0   ? seismic_tao_get_balances(st, &alice, 1, NULL, NULL)
                            : cases[i].action == 1 ? seismic_tao_get_netuids(st, NULL, NULL)
                            : cases[i].action == 2 ? seismic_tao_neurons_lite(st, 1, NULL, NULL)
                            : cases[i].action == 3 ? seismic_tao_get_delegated(st, alice, NULL, NULL)
                            : cases[i].action == 4 ? seismic_tao_get_storage_keys(st, networks, 32, 100, NULL, 0, NULL, NULL)
                            : cases[i].action == 5 ? seismic_tao_get_storage_keys(st, networks, 32, 50, NULL, 0, NULL, NULL)
                            : cases[i].action == 6 ? seismic_tao_get_storage_keys(st, accounts_prefix, 32, 100, NULL, 0, NULL, NULL)
                                                   : seismic_tao_get_storage_keys(st, networks, 32, 100, networks, 34, NULL, NULL);
        uint64_t end = now_ms() + 15000;
        while (!seismic_request_done(c, q) && now_ms() < end) {
            seismic_client_run(c, 2);
            fake_step(&node);
        }
        const seismic_response *r = seismic_request_response(c, q);
        bool ok = r && r->result == cases[i].expect && r->error_message && strstr(r->error_message, cases[i].message);
        CHECK(ok);
        if (!ok) fprintf(stderr, "%s: %d %s\n", cases[i].path, r ? (int)r->result : -1, r && r->error_message ? r->error_message : "");
        seismic_request_release(c, q);
        seismic_subtensor_destroy(st);
        seismic_client_destroy(c);
    }
    for (int i = 0; i < 4; i++) {
        if (node.conns[i] != _SEISMIC_NO_SOCK) _seismic_sock_close(node.conns[i]);
        seismic_buf_free(&node.in[i]);
    }
    _seismic_sock_close(node.listener);
}

int main(void) {
    test_xxh64();
    test_blake2b();
    test_base58();
    test_ss58();
    test_scale();
    test_storage_key_and_values();
    CHECK(_seismic_net_startup(NULL)); /* the hostile node's own sockets (WSAStartup on Windows) */
    test_hostile_node();

    const char *ws = env("SEISMIC_TEST_SUBSTRATE_WS"), *http = env("SEISMIC_TEST_SUBSTRATE_HTTP");
    const char *dir = getenv("SEISMIC_TEST_ENV_DIR") ? getenv("SEISMIC_TEST_ENV_DIR") : "build";
    char fixtures[1200], change[1800], first[512], second[512];
    snprintf(first, sizeof first, "%s/substrate-fixture.json", dir);
    snprintf(second, sizeof second, "%s/substrate-changed.json", dir);
    snprintf(fixtures, sizeof fixtures, "[\"fixtures\",\"--url\",\"%s\",\"--out\",\"%s\"]", ws, first);
    snprintf(change, sizeof change, "[\"change\",\"--url\",\"%s\",\"--fixture\",\"%s\",\"--out\",\"%s\"]", ws, first,
             second);
    fixture f, changed;
    bool ready = run_oracle(fixtures) && run_oracle(change) && load_fixture(&f, first) && load_fixture(&changed, second);
    CHECK(ready);
    if (ready) {
        test_typed_fixtures(&f);
        test_chain(http, &f, &changed);
        test_chain(ws, &f, &changed);
        free_fixture(&f);
        free_fixture(&changed);
    }
    _seismic_net_cleanup();
    return test_summary();
}
