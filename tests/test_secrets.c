/* Secrets never reach freed memory. The client (and every buffer handed to the SDK here) allocates
   through a scanning allocator: each block it gets back, and each block still live at the end, is
   searched for the secrets of the flows run here — private keys, AES keys, the ECDH shared secret, a
   wallet's blinded libsecp256k1 context, plaintext calldata and decrypted results, as raw bytes and as hex. Flows: precompile input encoders,
   precompile calls, a shielded write, a signed read and a decoded contract read against the dev node
   of tools/testenv/testenv.js. Also: nothing allocates outside the given allocator, and hashing that cannot
   allocate fails instead of signing a digest of garbage. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "support.h"

#include <stdlib.h>

/* Anvil dev account #4 (no other suite uses it). */
#define KEY4 "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"
#define ENCRYPTION_KEY "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"
#define SK_C "0xa30363336e1bb949185292a2a302de86e447d98f3a43d823c8c234d9e3e5ad77"
#define PK_TEE "028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0"
#define REQUEST_KEY_C "bf0dd6556618d1bf8d1602bf80be3a0f7cc729973829bb9acb75bd77770d5b90"
#define ARTIFACTS "tools/testenv/devnode/contracts/artifacts.json"

static seismic_address key_address_of(const seismic_private_key *k);

/*---- raw heap calls from the implementation -----------------------------------------------------*/

/* The implementation is compiled into this executable: a malloc whose caller lies in the executable's
   code, while counting is on, is the SDK taking memory outside the allocator it was given (libc's own
   calls, e.g. inside getaddrinfo, come from libc's code and are not counted). The test's own memory
   comes from test_malloc. glibc only, and not under AddressSanitizer (which owns malloc). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#endif
#if defined(__GLIBC__) && defined(__GNUC__) && !defined(UNDER_ASAN)
#define RAW_MALLOC_CHECK 1
extern void *__libc_malloc(size_t size);
extern char __executable_start, etext;
static bool count_raw;
static unsigned long raw_mallocs;
void *malloc(size_t size) {
    const char *caller = (const char *)__builtin_return_address(0);
    if (count_raw && caller >= &__executable_start && caller < &etext) raw_mallocs++;
    return __libc_malloc(size);
}
static void *test_malloc(size_t size) { return __libc_malloc(size); }
#else
#define RAW_MALLOC_CHECK 0
static void *test_malloc(size_t size) { return malloc(size); }
#endif

/*---- the scanning allocator ---------------------------------------------------------------------*/

typedef struct secret {
    const char *label;
    uint8_t bytes[160];
    size_t len;
} secret;

typedef struct block {
    struct block *prev, *next;
    size_t size;
    size_t pad; /* keeps the payload 16-byte aligned */
} block;

static struct {
    secret secrets[48];
    size_t count;
    block live; /* list head */
    size_t allocs, frees, scanned_bytes, leaks;
    int hits;
    bool fail; /* every allocation fails */
} scan;

static void add_secret_form(const char *label, const void *data, size_t len) {
    if (scan.count == sizeof scan.secrets / sizeof *scan.secrets || len > sizeof scan.secrets[0].bytes) {
        CHECK(!"too many or too long secrets");
        return;
    }
    secret *s = &scan.secrets[scan.count++];
    s->label = label;
    memcpy(s->bytes, data, len);
    s->len = len;
}

/* A secret as bytes and as lowercase hex (what the SDK writes into JSON). */
static void add_secret(const char *label, const void *data, size_t len) {
    char text[2 * 80 + 1];
    add_secret_form(label, data, len);
    if (2 * len < sizeof text) {
        seismic_hex_encode(data, len, text); /* "0x" + digits */
        add_secret_form(label, text + 2, 2 * len);
    }
}

static const void *find_bytes(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m) {
    if (m == 0 || n < m) return NULL;
    for (size_t i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) return hay + i;
    return NULL;
}

static void scan_block(const uint8_t *p, size_t size, const char *when) {
    scan.scanned_bytes += size;
    for (size_t i = 0; i < scan.count; i++) {
        const uint8_t *at = (const uint8_t *)find_bytes(p, size, scan.secrets[i].bytes, scan.secrets[i].len);
        if (!at) continue;
        scan.hits++;
        test_failed++;
        fprintf(stderr, "SECRET %s: %s (%zu bytes) found at offset %zu of a %zu-byte block\n", when, scan.secrets[i].label,
                scan.secrets[i].len, (size_t)(at - p), size);
    }
}

static void *scan_alloc(size_t size, void *user) {
    (void)user;
    if (scan.fail) return NULL;
    block *b = (block *)test_malloc(sizeof *b + size);
    if (!b) return NULL;
    b->size = size;
    b->next = scan.live.next;
    b->prev = &scan.live;
    scan.live.next->prev = b;
    scan.live.next = b;
    scan.allocs++;
    return b + 1;
}

static void scan_free(void *ptr, void *user) {
    (void)user;
    if (!ptr) return;
    block *b = (block *)ptr - 1;
    scan_block((const uint8_t *)ptr, b->size, "in a freed block");
    b->prev->next = b->next;
    b->next->prev = b->prev;
    scan.frees++;
    free(b);
}

static const seismic_allocator scanning = {scan_alloc, scan_free, NULL};

/* Blocks still live: each is a leak, and must not hold a secret either. */
static void scan_live(const char *when) {
    for (block *b = scan.live.next; b != &scan.live; b = b->next) {
        scan.leaks++;
        fprintf(stderr, "live block of %zu bytes %s\n", b->size, when);
        scan_block((const uint8_t *)(b + 1), b->size, "in a live block");
    }
}

static seismic_buf scanned_buf(void) {
    seismic_buf b;
    memset(&b, 0, sizeof b);
    b.allocator = scanning;
    return b;
}

/*---- offline: precompile input encoders ---------------------------------------------------------*/

static void test_precompile_inputs(void) {
    seismic_private_key sk = key(SK_C);
    uint8_t tee[33], aes_key[32], nonce[12], plain[40], hash[32];
    hex(PK_TEE, tee, 33);
    CHECK(seismic_random_bytes(aes_key, sizeof aes_key) == SEISMIC_OK);
    CHECK(seismic_random_bytes(nonce, sizeof nonce) == SEISMIC_OK);
    CHECK(seismic_random_bytes(plain, sizeof plain) == SEISMIC_OK);
    memset(hash, 0x11, sizeof hash);
    size_t before = scan.count;
    add_secret("the ECDH/sign secret key", sk.bytes, 32);
    add_secret("an AES-GCM precompile key", aes_key, 32);
    add_secret("an AES-GCM precompile plaintext", plain, sizeof plain);
    /* each input grows its buffer past the first 64-byte block while the key is already in it */
    seismic_buf in = scanned_buf();
    CHECK(seismic_precompile_ecdh_input(&sk, tee, &in) == SEISMIC_OK && in.len == 65 && in.secret);
    seismic_buf_free(&in);
    in = scanned_buf();
    CHECK(seismic_precompile_secp256k1_sign_input(&sk, hash, &in) == SEISMIC_OK && in.len == 64 && in.secret);
    CHECK(seismic_precompile_secp256k1_sign_input(&sk, hash, &in) == SEISMIC_OK && in.len == 128); /* grows */
    seismic_buf_free(&in);
    in = scanned_buf();
    CHECK(seismic_precompile_aes_gcm_encrypt_input(aes_key, nonce, plain, sizeof plain, &in) == SEISMIC_OK && in.secret);
    seismic_buf_free(&in);
    in = scanned_buf();
    CHECK(seismic_precompile_aes_gcm_decrypt_input(aes_key, nonce, plain, sizeof plain, &in) == SEISMIC_OK && in.secret);
    seismic_buf_free(&in);
    in = scanned_buf();
    CHECK(seismic_precompile_hkdf_input(plain, sizeof plain, &in) == SEISMIC_OK && in.secret);
    CHECK(seismic_precompile_hkdf_input(aes_key, sizeof aes_key, &in) == SEISMIC_OK); /* grows past 64 */
    seismic_buf_free(&in);
    /* a buffer the caller marks secret: growth wipes what it leaves behind */
    in = scanned_buf();
    in.secret = true;
    for (int i = 0; i < 20; i++) seismic_buf_append(&in, plain, sizeof plain);
    seismic_buf_free(&in);
    /* decryption marks its output secret */
    seismic_shielded_tx tx;
    memset(&tx, 0, sizeof tx);
    seismic_encryption enc;
    CHECK(seismic_encryption_init(&enc, &sk, tee) == SEISMIC_OK);
    seismic_address sender = key_address_of(&sk);
    tx.chain_id = 31337;
    memcpy(tx.encryption_nonce, nonce, 12);
    tx.encryption_nonce[0] |= 1;
    seismic_buf ct = scanned_buf(), back = scanned_buf();
    uint8_t many[300];
    memset(many, 0x5a, sizeof many);
    memcpy(many, plain, sizeof plain);
    memcpy(many + sizeof many - sizeof plain, plain, sizeof plain);
    CHECK(seismic_shielded_tx_encrypt(&tx, &sender, &enc, many, sizeof many, &ct) == SEISMIC_OK);
    tx.input = ct.data;
    tx.input_len = ct.len;
    seismic_buf_append(&back, "x", 1); /* a first small block that the plaintext outgrows */
    CHECK(seismic_shielded_tx_decrypt(&tx, &sender, enc.request_key, &back) == SEISMIC_OK && back.secret &&
          back.len == 1 + sizeof many && memcmp(back.data + 1, many, sizeof many) == 0);
    seismic_buf_free(&back);
    seismic_buf_free(&ct);
    seismic_encryption_wipe(&enc);
    seismic_private_key_wipe(&sk);
    scan_live("after the precompile inputs");
    scan.count = before; /* random secrets of this test only */
}

/*---- nothing allocates outside the allocator; allocation failure is loud ------------------------*/

static size_t count_allocs;
static void *counting_alloc(size_t size, void *user) {
    (void)user;
    count_allocs++;
    return test_malloc(size);
}
static void counting_free(void *p, void *user) {
    (void)user;
    free(p);
}

static void test_allocation_failures(void) {
    /* the ABI-JSON signature lookup takes its token memory from the output buffer's allocator */
    static const char abi[] = "[{\"type\":\"function\",\"name\":\"setNumber\",\"inputs\":[{\"name\":\"n\",\"type\":\"suint256\"}],"
                              "\"outputs\":[]}]";
    seismic_buf sig;
    memset(&sig, 0, sizeof sig);
    sig.allocator.alloc = counting_alloc;
    sig.allocator.free = counting_free;
    count_allocs = 0;
    CHECK(seismic_abi_json_signature(abi, strlen(abi), "setNumber", 1, &sig, NULL) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&sig), "setNumber(suint256)");
    CHECK(count_allocs >= 2); /* the tokens and the signature text */
    seismic_buf_free(&sig);

    /* authorization-list hashing that cannot allocate returns an error and leaves out alone */
    seismic_authorization auth[2];
    memset(auth, 0, sizeof auth);
    auth[0].chain_id = auth[1].chain_id = 31337;
    uint8_t h[32], untouched[32];
    memset(h, 0xee, sizeof h);
    memcpy(untouched, h, 32);
    scan.fail = true;
    CHECK(_seismic_authorization_list_hash(auth, 2, &scanning, h) == SEISMIC_ERR_NO_MEMORY && memcmp(h, untouched, 32) == 0);
    /* ... and a transaction whose digest cannot be computed is not signed */
    seismic_shielded_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.chain_id = 31337;
    tx.message_version = 2;
    tx.authorizations = auth;
    tx.authorization_count = 2;
    tx.encryption_nonce[0] = 1;
    seismic_private_key k = key(KEY4);
    CHECK(_seismic_shielded_tx_sign(&tx, &k, NULL, &scanning) == SEISMIC_ERR_NO_MEMORY);
    static const seismic_signature none;
    CHECK(memcmp(&tx.signature, &none, sizeof none) == 0);
    tx.message_version = 0;
    CHECK(_seismic_shielded_tx_sign(&tx, &k, NULL, &scanning) == SEISMIC_ERR_NO_MEMORY);
    CHECK(memcmp(&tx.signature, &none, sizeof none) == 0);
    /* the same through the wallet's sign-and-encode, with a kept context, for both message versions */
    _seismic_secp kept;
    CHECK(_seismic_secp_keep(&kept) == SEISMIC_OK);
    for (int version = 0; version <= 2; version += 2) {
        seismic_buf raw = scanned_buf();
        tx.message_version = (uint8_t)version;
        CHECK(_seismic_shielded_tx_sign_encode(&tx, &k, &kept, &raw) == SEISMIC_ERR_NO_MEMORY);
        CHECK(memcmp(&tx.signature, &none, sizeof none) == 0);
        seismic_buf_free(&raw);
    }
    _seismic_secp_wipe(&kept);
    tx.message_version = 0;
    seismic_eth_tx etx;
    memset(&etx, 0, sizeof etx);
    etx.chain_id = 31337;
    CHECK(_seismic_eth_tx_sign(&etx, &k, NULL, &scanning) == SEISMIC_ERR_NO_MEMORY);
    CHECK(memcmp(&etx.signature, &none, sizeof none) == 0);
    seismic_buf typed = scanned_buf();
    CHECK(seismic_shielded_tx_typed_data_json(&tx, &typed) != SEISMIC_OK);
    scan.fail = false;
    seismic_buf_free(&typed);
    /* with memory the same calls work and agree with the public (malloc) twins */
    uint8_t h2[32];
    CHECK(_seismic_authorization_list_hash(auth, 2, &scanning, h) == SEISMIC_OK);
    CHECK(seismic_authorization_list_hash(auth, 2, h2) == SEISMIC_OK && memcmp(h, h2, 32) == 0);
    tx.message_version = 2;
    CHECK(_seismic_shielded_tx_sign(&tx, &k, NULL, &scanning) == SEISMIC_OK && memcmp(&tx.signature, &none, sizeof none) != 0);
    seismic_signature first = tx.signature;
    CHECK(seismic_shielded_tx_sign(&tx, &k) == SEISMIC_OK && memcmp(&tx.signature, &first, sizeof first) == 0);
    seismic_private_key_wipe(&k);
    scan_live("after the allocation-failure checks");
}

/*---- against the dev node ------------------------------------------------------------------------*/

/* Waits for a request; its JSON result into out (a scanned buffer). */
static bool await_into(seismic_client *c, seismic_request r, seismic_buf *out, const char *what) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result res = seismic_await(c, r, out, &err);
    if (res != SEISMIC_OK) fprintf(stderr, "%s: %s: %s\n", what, seismic_result_string(res), err.message);
    return res == SEISMIC_OK;
}

/* The quoted 0x hex in a result, decoded. */
static bool result_bytes(const seismic_buf *json, uint8_t *out, size_t len) {
    return json->len == 2 * len + 4 && seismic_hex_decode((const char *)json->data + 1, json->len - 2, out, len, NULL) == SEISMIC_OK;
}

static bool load_counter(seismic_buf *initcode) {
    FILE *f = fopen(ARTIFACTS, "rb");
    CHECK(f != NULL);
    if (!f) return false;
    seismic_buf text = scanned_buf();
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(&text, chunk, n);
    fclose(f);
    size_t cap = text.len / 2 + 16;
    seismic_json_token *tokens = (seismic_json_token *)test_malloc(cap * sizeof *tokens);
    seismic_json j;
    bool ok = tokens && seismic_json_parse(&j, (const char *)text.data, text.len, tokens, cap, NULL) == SEISMIC_OK &&
              seismic_json_get_bytes_buf(&j, seismic_json_find(&j, seismic_json_find(&j, seismic_json_find(&j, 0, "contracts"),
                                                                                    "SeismicCounter"),
                                                               "bytecode"),
                                         initcode) == SEISMIC_OK;
    free(tokens);
    seismic_buf_free(&text);
    CHECK(ok);
    return ok;
}

static void test_node_flows(void) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = env("SEISMIC_TEST_DEVNODE_HTTP");
    d.allocator = scanning;
    seismic_error err = {"", SEISMIC_OK};
    seismic_client *c = seismic_client_create(&d, &err);
    CHECK(c != NULL);
    if (!c) return;
    seismic_private_key wallet_key = key(KEY4), encryption_key = key(ENCRYPTION_KEY), sk = key(SK_C);
    add_secret("the wallet's private key", wallet_key.bytes, 32);
    add_secret("the wallet's encryption key", encryption_key.bytes, 32);
    add_secret("the precompile ECDH secret key", sk.bytes, 32);
    uint8_t request_key_c[32];
    hex(REQUEST_KEY_C, request_key_c, 32);
    add_secret("the ECDH precompile's derived key", request_key_c, 32);

    seismic_wallet_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.private_key = KEY4;
    wd.encryption_key = ENCRYPTION_KEY;
    seismic_wallet *w = seismic_wallet_create_blocking(c, &wd, &err);
    CHECK(w != NULL);
    if (!w) {
        fprintf(stderr, "wallet: %s\n", err.message);
        seismic_client_destroy(c);
        return;
    }
    const seismic_encryption *enc = seismic_wallet_encryption(w);
    uint8_t shared[32];
    CHECK(seismic_ecdh(&encryption_key, enc->tee_public_key, 33, shared) == SEISMIC_OK);
    add_secret("the wallet's ECDH shared secret", shared, 32);
    add_secret("the wallet's request key", enc->request_key, 32);
    add_secret("the wallet's response key", enc->response_key, 32);
    /* the libsecp256k1 context the wallet keeps holds no key, but its blinding comes from the CSPRNG */
    size_t context_size = secp256k1_context_preallocated_size(SECP256K1_CONTEXT_NONE);
    CHECK(w->secp.ctx != NULL && context_size <= sizeof w->secp.storage);
    add_secret("the wallet's blinded libsecp256k1 context", w->secp.storage.bytes, context_size < 160 ? context_size : 160);

    /* precompile calls: the input carries a secret key, the answer is a derived key */
    static const seismic_address precompile_ecdh = SEISMIC_PRECOMPILE_ECDH;
    static const seismic_address precompile_aes_gcm_encrypt = SEISMIC_PRECOMPILE_AES_GCM_ENCRYPT;
    static const seismic_address precompile_aes_gcm_decrypt = SEISMIC_PRECOMPILE_AES_GCM_DECRYPT;
    uint8_t tee[33];
    hex(PK_TEE, tee, 33);
    seismic_buf in = scanned_buf(), out = scanned_buf();
    CHECK(seismic_precompile_ecdh_input(&sk, tee, &in) == SEISMIC_OK);
    uint8_t derived[32];
    CHECK(await_into(c, seismic_precompile_call(c, &precompile_ecdh, in.data, in.len, NULL), &out, "ECDH precompile") &&
          result_bytes(&out, derived, 32) && memcmp(derived, request_key_c, 32) == 0 && out.secret);
    seismic_buf_free(&in);
    seismic_buf_free(&out);
    uint8_t aes_plain[48], nonce[12];
    CHECK(seismic_random_bytes(aes_plain, sizeof aes_plain) == SEISMIC_OK);
    memset(nonce, 7, sizeof nonce);
    add_secret("an AES-GCM precompile plaintext", aes_plain, sizeof aes_plain);
    in = scanned_buf();
    out = scanned_buf();
    CHECK(seismic_precompile_aes_gcm_encrypt_input(request_key_c, nonce, aes_plain, sizeof aes_plain, &in) == SEISMIC_OK);
    CHECK(await_into(c, seismic_precompile_call(c, &precompile_aes_gcm_encrypt, in.data, in.len, NULL), &out,
                     "AES-GCM encrypt precompile"));
    seismic_buf sealed = scanned_buf();
    CHECK(out.len > 4 && seismic_hex_decode_buf((const char *)out.data + 1, out.len - 2, &sealed) == SEISMIC_OK &&
          sealed.len == sizeof aes_plain + 16);
    seismic_buf_free(&in);
    seismic_buf_free(&out);
    in = scanned_buf();
    out = scanned_buf();
    CHECK(seismic_precompile_aes_gcm_decrypt_input(request_key_c, nonce, sealed.data, sealed.len, &in) == SEISMIC_OK);
    uint8_t opened[sizeof aes_plain];
    CHECK(await_into(c, seismic_precompile_call(c, &precompile_aes_gcm_decrypt, in.data, in.len, NULL), &out,
                     "AES-GCM decrypt precompile") &&
          result_bytes(&out, opened, sizeof opened) && memcmp(opened, aes_plain, sizeof opened) == 0);
    seismic_buf_free(&in);
    seismic_buf_free(&out);
    seismic_buf_free(&sealed);

    /* a counter to write to and read from */
    seismic_buf initcode = scanned_buf();
    seismic_address counter;
    bool deployed = false;
    if (load_counter(&initcode)) {
        uint8_t hash[32];
        seismic_buf r = scanned_buf(), receipt = scanned_buf();
        if (await_into(c, seismic_transparent_write(w, NULL, initcode.data, initcode.len, NULL, NULL), &r, "deploy") &&
            result_bytes(&r, hash, 32) &&
            await_into(c, seismic_eth_wait_for_receipt(c, hash, 50, NULL), &receipt, "deploy receipt")) {
            seismic_json_token t[256];
            seismic_json j;
            deployed = seismic_json_parse(&j, (const char *)receipt.data, receipt.len, t, 256, NULL) == SEISMIC_OK &&
                       seismic_json_get_bytes(&j, seismic_json_find(&j, 0, "contractAddress"), counter.bytes, 20, NULL) ==
                           SEISMIC_OK;
        }
        seismic_buf_free(&r);
        seismic_buf_free(&receipt);
    }
    seismic_buf_free(&initcode);
    CHECK(deployed);
    if (deployed) {
        /* the plaintext: setNumber(suint256 number) with a fresh random number */
        uint8_t number[32];
        CHECK(seismic_random_bytes(number, 32) == SEISMIC_OK);
        number[0] = (uint8_t)(number[0] | 0x80);
        seismic_u256 value;
        char dec[80];
        seismic_u256_from_be(number, 32, &value);
        seismic_u256_to_dec(&value, dec);
        add_secret("the plaintext number (calldata and decrypted result)", number, 32);
        add_secret_form("the decrypted number in decimal", dec, strlen(dec));
        const char *args[] = {dec};
        seismic_buf calldata = scanned_buf();
        calldata.secret = true;
        CHECK(seismic_abi_encode_call_text("setNumber(suint256)", args, 1, &calldata, NULL) == SEISMIC_OK);
        add_secret("the plaintext calldata", calldata.data, calldata.len);
        uint8_t hash[32];
        seismic_buf r = scanned_buf(), receipt = scanned_buf();
        CHECK(await_into(c, seismic_shielded_write(w, &counter, calldata.data, calldata.len, NULL, NULL), &r, "shielded write") &&
              result_bytes(&r, hash, 32) &&
              await_into(c, seismic_eth_wait_for_receipt(c, hash, 50, NULL), &receipt, "shielded write receipt"));
        seismic_buf_free(&calldata);
        seismic_buf_free(&r);
        seismic_buf_free(&receipt);
        /* a signed read returns the number, decrypted */
        static const uint8_t get_number[4] = {0xf2, 0xc9, 0xec, 0xd8};
        uint8_t got[32];
        r = scanned_buf();
        CHECK(await_into(c, seismic_signed_read(w, &counter, get_number, 4, NULL, NULL), &r, "signed read") &&
              result_bytes(&r, got, 32) && memcmp(got, number, 32) == 0 && r.secret);
        seismic_buf_free(&r);
        /* the same read collected without a callback: its bytes are a view the response owns, wiped at release */
        seismic_request read = seismic_signed_read(w, &counter, get_number, 4, NULL, NULL);
        CHECK(seismic_client_wait(c, read, -1) == SEISMIC_OK);
        const uint8_t *view = NULL;
        size_t view_len = 0;
        CHECK(seismic_response_data(seismic_request_response(c, read), &view, &view_len) == SEISMIC_OK && view_len == 32 &&
              memcmp(view, number, 32) == 0);
        seismic_request_release(c, read);
        /* the same read by signature, decoded to a decimal string */
        r = scanned_buf();
        CHECK(await_into(c, seismic_contract_call_text(c, w, &counter, SEISMIC_SIGNED_READ, "getNumber() returns (uint256)", NULL, 0,
                                                  NULL, NULL),
                         &r, "contract call") &&
              r.len == strlen(dec) + 4 && memcmp(r.data, "[\"", 2) == 0 && memcmp(r.data + 2, dec, strlen(dec)) == 0);
        seismic_buf_free(&r);
        /* a shielded write by signature: its plaintext calldata is built inside the SDK */
        r = scanned_buf();
        CHECK(await_into(c, seismic_contract_call_text(c, w, &counter, SEISMIC_SHIELDED_WRITE, "setNumber(suint256)", args, 1, NULL, NULL),
                         &r, "contract write") &&
              result_bytes(&r, hash, 32));
        seismic_buf_free(&r);
        /* the debug write answers with the plaintext transaction */
        r = scanned_buf();
        CHECK(await_into(c, seismic_debug_write(w, &counter, get_number, 4, NULL, NULL), &r, "debug write") && r.secret);
        seismic_buf_free(&r);
    }
    /* last, a secret answer: it is the last thing the client's receive buffer held */
    in = scanned_buf();
    out = scanned_buf();
    CHECK(seismic_precompile_ecdh_input(&sk, tee, &in) == SEISMIC_OK);
    CHECK(await_into(c, seismic_precompile_call(c, &precompile_ecdh, in.data, in.len, NULL), &out, "ECDH precompile") &&
          result_bytes(&out, derived, 32) && memcmp(derived, request_key_c, 32) == 0);
    seismic_buf_free(&in);
    seismic_buf_free(&out);
    seismic_wallet_destroy(w);
    seismic_client_destroy(c);
    seismic_private_key_wipe(&wallet_key);
    seismic_private_key_wipe(&encryption_key);
    seismic_private_key_wipe(&sk);
    scan_live("after the client was destroyed");
}

static seismic_address key_address_of(const seismic_private_key *k) {
    seismic_address a;
    memset(&a, 0, sizeof a);
    CHECK(seismic_private_key_address(k, &a) == SEISMIC_OK);
    return a;
}

/* Precompile calls over WebSocket and over TLS: the connection's buffers (the WebSocket message, BearSSL's
   plaintext records) carry the key and the derived key. */
static void precompile_over(const char *url) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = url;
    d.ca_file = env("SEISMIC_TEST_CA_FILE");
    d.allocator = scanning;
    seismic_error err = {"", SEISMIC_OK};
    seismic_client *c = seismic_client_create(&d, &err);
    CHECK(c != NULL);
    if (!c) return;
    static const seismic_address precompile_ecdh = SEISMIC_PRECOMPILE_ECDH;
    seismic_private_key sk = key(SK_C);
    uint8_t tee[33], derived[32], request_key_c[32];
    hex(PK_TEE, tee, 33);
    hex(REQUEST_KEY_C, request_key_c, 32);
    seismic_buf in = scanned_buf(), out = scanned_buf();
    CHECK(seismic_precompile_ecdh_input(&sk, tee, &in) == SEISMIC_OK);
    for (int i = 0; i < 3; i++) { /* the connection's buffers grow and are reused */
        out.len = 0;
        CHECK(await_into(c, seismic_eth_chain_id(c, NULL), &out, url));
        out.len = 0;
        CHECK(await_into(c, seismic_precompile_call(c, &precompile_ecdh, in.data, in.len, NULL), &out, url) &&
              result_bytes(&out, derived, 32) && memcmp(derived, request_key_c, 32) == 0);
    }
    seismic_buf_free(&in);
    seismic_buf_free(&out);
    seismic_client_destroy(c);
    seismic_private_key_wipe(&sk);
    scan_live("after a WebSocket or TLS client was destroyed");
}

int main(void) {
    scan.live.next = scan.live.prev = &scan.live;
    test_precompile_inputs();
    test_allocation_failures();
#if RAW_MALLOC_CHECK
    count_raw = true;
#endif
    test_node_flows(); /* everything the SDK allocates here must come from the client's allocator */
    precompile_over(env("SEISMIC_TEST_DEVNODE_WS"));
    precompile_over(env("SEISMIC_TEST_TLS_HTTPS"));
    precompile_over(env("SEISMIC_TEST_TLS_WSS"));
#if RAW_MALLOC_CHECK
    count_raw = false;
    CHECK(raw_mallocs == 0);
    printf("raw malloc calls from the implementation during the node flows: %lu\n", raw_mallocs);
#endif
    CHECK(scan.hits == 0);
    CHECK(scan.leaks == 0);
    CHECK(scan.allocs == scan.frees);
    printf("scanned %zu freed blocks (%zu bytes) for %zu secrets: %d found\n", scan.frees, scan.scanned_bytes,
           scan.count, scan.hits);
    return test_summary();
}
