/* Integration tests of the client layer against the Seismic dev node (tools/testenv/devnode, started with the
   other servers by tools/testenv/testenv.js): wallets, eth_* actions, reads pinned to a block, deployments,
   shielded writes and signed reads (checked against the plaintext the node decrypted), contract calls
   by signature and from a solc ABI, 50 concurrent shielded writes, SRC20 with the Directory and the
   watcher, precompiles, expired transactions and servers that die mid-flow. Every action runs over
   HTTP and over WebSocket. Every client ends with submitted == finished. */
#define _POSIX_C_SOURCE 200809L
#include "seismic.h"
#include "harness.h"
#include "support.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

/* Anvil's dev accounts (mnemonic "test test ... junk"). #0 is the main account of each run; #1 receives
   tokens; #2 sends raw transactions; #3 owns the EIP-712 wallet; #5 is used by the fault tests. */
#define KEY0 "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
#define KEY1 "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
#define KEY2 "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"
#define KEY3 "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"
#define KEY5 "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"
#define ADDR0 "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
/* spec 9.1: client key SK_C with the TEE key PK_TEE */
#define SK_C "0xa30363336e1bb949185292a2a302de86e447d98f3a43d823c8c234d9e3e5ad77"
#define PK_C "025f210a5daaca346fa1fd8d6ea36e813e756ea34659fe42c757de4e6ed1d0903c"
#define PK_TEE "028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0"
#define REQUEST_KEY_C "bf0dd6556618d1bf8d1602bf80be3a0f7cc729973829bb9acb75bd77770d5b90"
#define RESPONSE_KEY_C "974b310e3990d555da33e2b0c1dc6036a9709400ec992dbfc9330cc00e673144"
#define ARTIFACTS "tools/testenv/devnode/contracts/artifacts.json"

static const char *g_label = "";

static uint64_t rand_u64(void) {
    uint64_t v = 0;
    CHECK(seismic_random_bytes(&v, sizeof v) == SEISMIC_OK);
    return v;
}

static seismic_address rand_address(void) {
    seismic_address a;
    CHECK(seismic_random_bytes(a.bytes, 20) == SEISMIC_OK);
    return a;
}

static seismic_address parse_address(const char *text) {
    seismic_address a;
    memset(&a, 0, sizeof a);
    CHECK(seismic_address_parse(text, strlen(text), &a) == SEISMIC_OK);
    return a;
}

static seismic_address key_address(const char *key_hex) {
    seismic_private_key k;
    seismic_address a;
    memset(&a, 0, sizeof a);
    CHECK(seismic_private_key_from_hex(key_hex, &k) == SEISMIC_OK);
    CHECK(seismic_private_key_address(&k, &a) == SEISMIC_OK);
    seismic_private_key_wipe(&k);
    return a;
}

static const char *addr_str(const seismic_address *a, char out[43]) {
    seismic_address_to_string(a, out);
    return out;
}

static seismic_client *make_client(const char *url, const seismic_client_desc *base) {
    seismic_client_desc d;
    seismic_error err = {"", SEISMIC_OK};
    if (base) d = *base;
    else memset(&d, 0, sizeof d);
    d.url = url;
    seismic_client *c = seismic_client_create(&d, &err);
    if (!c) fprintf(stderr, "client for %s: %s\n", url, err.message);
    CHECK(c != NULL);
    return c;
}

/* Every request accepted ended exactly once. */
static void check_balanced(seismic_client *c, const char *what) {
    seismic_client_wait_idle(c, 5000);
    seismic_client_stats s = seismic_client_get_stats(c);
    if (s.submitted != s.finished)
        fprintf(stderr, "%s [%s]: submitted %llu != finished %llu\n", what, g_label, (unsigned long long)s.submitted,
                (unsigned long long)s.finished);
    CHECK(s.submitted == s.finished);
    CHECK(s.in_flight == 0 && s.queued == 0);
}

/*---- JSON documents ---------------------------------------------------------------------------*/

typedef struct doc {
    char *text;
    size_t len;
    seismic_json json;
    seismic_json_token *tokens;
} doc;

static void doc_free(doc *d) {
    free(d->text);
    free(d->tokens);
    memset(d, 0, sizeof *d);
}

static bool doc_parse(doc *d, const char *text, size_t len) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_json probe;
    doc_free(d);
    d->text = (char *)malloc(len + 1);
    if (!d->text) return false;
    memcpy(d->text, text, len);
    d->text[len] = 0;
    d->len = len;
    seismic_result r = seismic_json_parse(&probe, d->text, len, NULL, 0, &err);
    if (r != SEISMIC_OK && r != SEISMIC_ERR_CAPACITY) {
        fprintf(stderr, "bad JSON (%s): %.200s\n", err.message, d->text);
        return false;
    }
    size_t n = probe.count ? probe.count : 1;
    d->tokens = (seismic_json_token *)malloc(n * sizeof *d->tokens);
    if (!d->tokens) return false;
    return seismic_json_parse(&d->json, d->text, len, d->tokens, n, &err) == SEISMIC_OK;
}

/* Waits for an action and parses its result; false (with the message on stderr) on failure. */
static bool await_doc(seismic_client *c, seismic_request r, doc *d, const char *what) {
    seismic_buf out = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result res = seismic_await(c, r, &out, &err);
    bool ok = false;
    if (res != SEISMIC_OK)
        fprintf(stderr, "%s [%s]: %s: %s\n", what, g_label, seismic_result_string(res), err.message);
    else if (!doc_parse(d, seismic_buf_cstr(&out), out.len))
        fprintf(stderr, "%s [%s]: unparsable result\n", what, g_label);
    else
        ok = true;
    seismic_buf_free(&out);
    return ok;
}

/* Waits for an action that should fail: its result, and its message (or its result JSON) copied. */
static seismic_result await_fail(seismic_client *c, seismic_request r, char *message, size_t cap) {
    seismic_buf out = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result res = seismic_await(c, r, &out, &err);
    snprintf(message, cap, "%s", res == SEISMIC_OK ? seismic_buf_cstr(&out) : err.message);
    seismic_buf_free(&out);
    return res;
}

static bool rpc_doc(seismic_client *c, const char *method, const char *params, doc *d) {
    return await_doc(c, seismic_rpc(c, method, params, NULL), d, method);
}

static int jfind(const doc *d, int obj, const char *key) {
    return seismic_json_find(&d->json, obj, key);
}

static uint64_t ju64(const doc *d, int index) {
    uint64_t v = UINT64_MAX;
    if (seismic_json_get_u64(&d->json, index, &v) != SEISMIC_OK) v = UINT64_MAX;
    return v;
}

static bool ju256(const doc *d, int index, seismic_u256 *out) {
    return seismic_json_get_u256(&d->json, index, out) == SEISMIC_OK;
}

static bool jbytes(const doc *d, int index, uint8_t *out, size_t n) {
    return seismic_json_get_bytes(&d->json, index, out, n, NULL) == SEISMIC_OK;
}

static bool jnull(const doc *d, int index) {
    return seismic_json_is(&d->json, index, SEISMIC_JSON_NULL);
}

static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static bool equal_ignoring_case(const char *a, const char *b) { /* strcasecmp is not in C99 or on Windows */
    while (*a && ascii_lower(*a) == ascii_lower(*b)) a++, b++;
    return ascii_lower(*a) == ascii_lower(*b);
}

static bool jeq_str_ci(const doc *d, int index, const char *expected) {
    seismic_buf s = {0};
    bool ok = seismic_json_get_string_buf(&d->json, index, &s) == SEISMIC_OK &&
              equal_ignoring_case(seismic_buf_cstr(&s), expected);
    seismic_buf_free(&s);
    return ok;
}

static bool jeq_hex(const doc *d, int index, const void *data, size_t len) {
    char *hex = (char *)malloc(2 * len + 3);
    if (!hex) return false;
    seismic_hex_encode(data, len, hex);
    bool ok = jeq_str_ci(d, index, hex);
    free(hex);
    return ok;
}

static bool jeq_addr(const doc *d, int index, const seismic_address *a) {
    char s[43];
    return jeq_str_ci(d, index, addr_str(a, s));
}

/* A JSON array result's element i is the decimal string `dec`. */
static bool jeq_elem_dec(const doc *d, size_t i, const char *dec) {
    int e = seismic_json_array_get(&d->json, 0, i);
    return seismic_json_string_equals(&d->json, e, dec);
}

static const char *u256_dec(const seismic_u256 *v, char out[79]) {
    seismic_u256_to_dec(v, out);
    return out;
}

/*---- transactions -----------------------------------------------------------------------------*/

static bool encode_call(seismic_buf *out, const char *signature, const char *const *args, size_t nargs) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_abi_encode_call_text(signature, args, nargs, out, &err);
    if (r != SEISMIC_OK) fprintf(stderr, "encoding %s: %s\n", signature, err.message);
    CHECK(r == SEISMIC_OK);
    return r == SEISMIC_OK;
}

/* A write's result: the transaction hash. */
static bool await_hash(seismic_client *c, seismic_request r, uint8_t hash[32], const char *what) {
    doc d = {0};
    bool ok = await_doc(c, r, &d, what) && jbytes(&d, 0, hash, 32);
    doc_free(&d);
    return ok;
}

/* Waits for the receipt (the SDK's wait action) into d; false if it did not come. */
static bool wait_receipt(seismic_client *c, const uint8_t hash[32], doc *d) {
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 30000;
    return await_doc(c, seismic_eth_wait_for_receipt(c, hash, 100, &o), d, "wait for receipt");
}

/* Waits for a successful receipt; returns its block number (0: not mined or reverted) and hash. */
static uint64_t mined(seismic_client *c, const uint8_t hash[32], uint8_t block_hash[32]) {
    doc d = {0};
    uint64_t number = 0;
    if (wait_receipt(c, hash, &d)) {
        uint64_t status = ju64(&d, jfind(&d, 0, "status"));
        if (status != 1) fprintf(stderr, "[%s] tx reverted: %.300s\n", g_label, d.text);
        CHECK(status == 1);
        CHECK(jeq_hex(&d, jfind(&d, 0, "transactionHash"), hash, 32));
        if (status == 1) number = ju64(&d, jfind(&d, 0, "blockNumber"));
        if (block_hash) CHECK(jbytes(&d, jfind(&d, 0, "blockHash"), block_hash, 32));
    }
    CHECK(number != 0 && number != UINT64_MAX);
    doc_free(&d);
    return number == UINT64_MAX ? 0 : number;
}

static void hash_params(char *out, size_t cap, const uint8_t hash[32]) {
    char hex[67];
    seismic_hex_encode(hash, 32, hex);
    snprintf(out, cap, "[\"%s\"]", hex);
}

/* eth_getTransactionByHash into d. */
static bool get_tx(seismic_client *c, const uint8_t hash[32], doc *d) {
    return await_doc(c, seismic_eth_get_transaction(c, hash, NULL), d, "eth_getTransactionByHash") &&
           seismic_json_is(&d->json, 0, SEISMIC_JSON_OBJECT);
}

/* The dev node's record of a shielded transaction: {sender, to, nonce, data, anvilHash} or null. */
static bool get_plaintext(seismic_client *c, const uint8_t hash[32], doc *d) {
    char params[80];
    hash_params(params, sizeof params, hash);
    return rpc_doc(c, "devnode_getPlaintext", params, d);
}

static void mine_blocks(seismic_client *c, int n) {
    char params[32];
    doc d = {0};
    snprintf(params, sizeof params, "[%d]", n);
    CHECK(rpc_doc(c, "anvil_mine", params, &d));
    doc_free(&d);
}

static uint64_t block_number(seismic_client *c) {
    uint64_t n = 0;
    seismic_error err = {"", SEISMIC_OK};
    CHECK(seismic_await_u64(c, seismic_eth_block_number(c, NULL), &n, &err) == SEISMIC_OK);
    return n;
}

/* An unsigned eth_call of a no-argument function at a block; the 32-byte word as a number. */
static bool call_word(seismic_client *c, const seismic_address *to, const char *signature, const seismic_block_ref *b,
                      seismic_u256 *out) {
    seismic_buf data = {0};
    doc d = {0};
    uint8_t word[32];
    bool ok = encode_call(&data, signature, NULL, 0) &&
              await_doc(c, seismic_eth_call(c, to, data.data, data.len, b, NULL), &d, signature) &&
              jbytes(&d, 0, word, 32) && seismic_u256_from_be(word, 32, out) == SEISMIC_OK;
    seismic_buf_free(&data);
    doc_free(&d);
    return ok;
}

static uint64_t pending_nonce(seismic_client *c, const seismic_address *a) {
    seismic_block_ref pending = seismic_block_at_tag(SEISMIC_BLOCK_PENDING);
    seismic_error err = {"", SEISMIC_OK};
    uint64_t n = UINT64_MAX;
    CHECK(seismic_await_u64(c, seismic_eth_get_transaction_count(c, a, &pending, NULL), &n, &err) == SEISMIC_OK);
    return n;
}

/*---- artifacts --------------------------------------------------------------------------------*/

static struct {
    doc d;
    seismic_buf counter_code, counter_runtime, token_code, token_runtime;
    const char *counter_abi, *counter_object, *token_abi;
    size_t counter_abi_len, counter_object_len, token_abi_len;
    bool ok;
} art;

static void load_artifacts(void) {
    FILE *f = fopen(ARTIFACTS, "rb");
    CHECK(f != NULL);
    if (!f) return;
    seismic_buf text = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(&text, chunk, n);
    fclose(f);
    bool parsed = doc_parse(&art.d, (const char *)text.data, text.len);
    seismic_buf_free(&text);
    CHECK(parsed);
    if (!parsed) return;
    int contracts = jfind(&art.d, 0, "contracts");
    int counter = jfind(&art.d, contracts, "SeismicCounter"), token = jfind(&art.d, contracts, "SRC20Token");
    seismic_json *j = &art.d.json;
    art.ok = seismic_json_get_bytes_buf(j, jfind(&art.d, counter, "bytecode"), &art.counter_code) == SEISMIC_OK &&
             seismic_json_get_bytes_buf(j, jfind(&art.d, counter, "deployedBytecode"), &art.counter_runtime) == SEISMIC_OK &&
             seismic_json_get_bytes_buf(j, jfind(&art.d, token, "bytecode"), &art.token_code) == SEISMIC_OK &&
             seismic_json_get_bytes_buf(j, jfind(&art.d, token, "deployedBytecode"), &art.token_runtime) == SEISMIC_OK;
    art.counter_abi = seismic_json_raw(j, jfind(&art.d, counter, "abi"), &art.counter_abi_len);
    art.counter_object = seismic_json_raw(j, counter, &art.counter_object_len);
    art.token_abi = seismic_json_raw(j, jfind(&art.d, token, "abi"), &art.token_abi_len);
    art.ok = art.ok && art.counter_abi && art.counter_object && art.token_abi;
    CHECK(art.ok);
    printf("artifacts: SeismicCounter %zu bytes of initcode, SRC20Token %zu bytes (parsed with seismic_json)\n",
           art.counter_code.len, art.token_code.len);
}

static void free_artifacts(void) {
    doc_free(&art.d);
    seismic_buf_free(&art.counter_code);
    seismic_buf_free(&art.counter_runtime);
    seismic_buf_free(&art.token_code);
    seismic_buf_free(&art.token_runtime);
}

/*---- one run (HTTP or WebSocket) --------------------------------------------------------------*/

typedef struct suite {
    const char *label;
    const char *url;
    bool ws;
    seismic_client *c;
    seismic_wallet *w; /* account #0 */
    seismic_address me;
    seismic_address counter, token;
    bool have_counter, have_token;
    uint64_t number;        /* the counter's number after test_shielded */
    uint64_t set_block;     /* block of the shielded setNumber(number_before -> set_value) */
    uint64_t set_value, value_before;
    uint8_t set_block_hash[32];
} suite;

static void test_wallets(suite *s) {
    seismic_client *c = s->c;
    seismic_error err = {"", SEISMIC_OK};
    seismic_wallet_desc d;
    char a[43];

    /* the dev key with a fixed encryption key: the keys of spec 9.1 */
    memset(&d, 0, sizeof d);
    d.private_key = KEY0;
    d.encryption_key = SK_C;
    d.expected_chain_id = 31337;
    seismic_wallet *w = NULL;
    uint64_t t0 = now_ms();
    seismic_request r = seismic_wallet_create(c, &d, NULL, &w);
    CHECK(r.id != 0 && w != NULL);
    seismic_result res = seismic_await(c, r, NULL, &err);
    if (res != SEISMIC_OK) fprintf(stderr, "wallet [%s]: %s\n", s->label, err.message);
    CHECK(res == SEISMIC_OK);
    if (!w) return;
    CHECK_STR(addr_str(seismic_wallet_address(w), a), ADDR0);
    CHECK(seismic_wallet_chain_id(w) == 31337);
    CHECK(seismic_wallet_client(w) == c);
    const seismic_encryption *enc = seismic_wallet_encryption(w);
    CHECK(enc != NULL);
    if (enc) {
        CHECK_HEX(enc->tee_public_key, 33, PK_TEE);
        CHECK_HEX(enc->public_key, 33, PK_C);
        CHECK_HEX(enc->request_key, 32, REQUEST_KEY_C);
        CHECK_HEX(enc->response_key, 32, RESPONSE_KEY_C);
        doc k = {0};
        CHECK(await_doc(c, seismic_get_tee_public_key(c, NULL), &k, "seismic_getTeePublicKey") &&
              jeq_hex(&k, 0, enc->tee_public_key, 33));
        doc_free(&k);
    }
    printf("wallet [%s]: %s, chain %llu, TEE key 028e7682..a0, keys of spec 9.1 derived, ready in %llu ms\n", s->label, a,
           (unsigned long long)seismic_wallet_chain_id(w), (unsigned long long)(now_ms() - t0));
    seismic_wallet_destroy(w);

    /* the main wallet: a fresh random encryption key, keys derived from it */
    memset(&d, 0, sizeof d);
    d.private_key = KEY0;
    d.expected_chain_id = 31337;
    s->w = seismic_wallet_create_blocking(c, &d, &err);
    if (!s->w) fprintf(stderr, "wallet [%s]: %s\n", s->label, err.message);
    CHECK(s->w != NULL);
    if (!s->w) return;
    s->me = *seismic_wallet_address(s->w);
    enc = seismic_wallet_encryption(s->w);
    seismic_encryption check;
    CHECK(memcmp(enc->public_key, "\x02\x5f\x21\x0a", 4) != 0); /* not SK_C: random */
    CHECK(seismic_encryption_init(&check, &enc->secret_key, enc->tee_public_key) == SEISMIC_OK);
    CHECK(memcmp(check.public_key, enc->public_key, 33) == 0);
    CHECK(memcmp(check.request_key, enc->request_key, 32) == 0 && memcmp(check.response_key, enc->response_key, 32) == 0);
    seismic_encryption_wipe(&check);
    seismic_wallet *other = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(other != NULL);
    if (other) {
        CHECK(memcmp(seismic_wallet_encryption(other)->public_key, enc->public_key, 33) != 0);
        seismic_wallet_destroy(other);
    }

    /* the chain id is checked: a clear error naming both */
    d.expected_chain_id = 1;
    w = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w == NULL);
    printf("wallet [%s] expecting chain 1: %s\n", s->label, err.message);
    CHECK(err.result != SEISMIC_OK && strstr(err.message, "chain") != NULL && strstr(err.message, "31337") != NULL);
    w = NULL;
    r = seismic_wallet_create(c, &d, NULL, &w); /* the non-blocking form ends with the same error */
    CHECK(w != NULL);
    char message[300];
    CHECK(await_fail(c, r, message, sizeof message) != SEISMIC_OK && strstr(message, "31337") != NULL);
    seismic_wallet_destroy(w);

    /* bad descriptions */
    memset(&d, 0, sizeof d);
    d.private_key = "0x00";
    w = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w == NULL && err.message[0]);
    printf("wallet [%s] with key 0x00: %s\n", s->label, err.message);
    d.private_key = NULL;
    w = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w == NULL && err.message[0]);
    d.private_key = KEY0;
    d.encryption_key = "0xzz";
    w = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w == NULL && err.message[0]);
    d.encryption_key = NULL;
    d.message_version = (seismic_message_version)7; /* not a seismic_message_version */
    w = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w == NULL && err.message[0]);
    if (w) seismic_wallet_destroy(w);
    printf("wallet [%s] with message version 1: %s\n", s->label, err.message);
}

/* Deploys initcode with seismic_transparent_write(to = NULL); checks the address and the code. */
static bool deploy(suite *s, const seismic_buf *initcode, const seismic_buf *runtime, const char *name,
                   seismic_address *out) {
    seismic_client *c = s->c;
    uint8_t hash[32];
    bool sent = await_hash(c, seismic_transparent_write(s->w, NULL, initcode->data, initcode->len, NULL, NULL), hash,
                           "deploy");
    CHECK(sent);
    if (!sent) { /* go on with a given gas limit so that the rest of the run still tests something */
        seismic_tx_options tx;
        memset(&tx, 0, sizeof tx);
        tx.gas = 6000000;
        if (!await_hash(c, seismic_transparent_write(s->w, NULL, initcode->data, initcode->len, &tx, NULL), hash,
                        "deploy with gas 6000000"))
            return false;
    }
    doc r = {0}, t = {0}, code = {0};
    bool ok = false;
    if (wait_receipt(c, hash, &r) && get_tx(c, hash, &t)) {
        uint64_t nonce = ju64(&t, jfind(&t, 0, "nonce"));
        seismic_address expected, got;
        seismic_contract_address(&s->me, nonce, &expected);
        CHECK(ju64(&r, jfind(&r, 0, "status")) == 1);
        CHECK(jeq_addr(&t, jfind(&t, 0, "from"), &s->me));
        CHECK(jnull(&t, jfind(&t, 0, "to")));
        CHECK(jeq_hex(&t, jfind(&t, 0, "input"), initcode->data, initcode->len));
        CHECK(jbytes(&r, jfind(&r, 0, "contractAddress"), got.bytes, 20) && seismic_address_equal(&got, &expected));
        CHECK(await_doc(c, seismic_eth_get_code(c, &expected, NULL, NULL), &code, "eth_getCode") &&
              jeq_hex(&code, 0, runtime->data, runtime->len));
        char a[43];
        printf("deploy %s [%s]: nonce %llu -> %s = seismic_contract_address, %zu bytes of code, gas used %llu\n", name,
               s->label, (unsigned long long)nonce, addr_str(&expected, a), runtime->len,
               (unsigned long long)ju64(&r, jfind(&r, 0, "gasUsed")));
        *out = expected;
        ok = true;
    }
    CHECK(ok);
    doc_free(&r);
    doc_free(&t);
    doc_free(&code);
    return ok;
}

static void test_deploy(suite *s) {
    if (!art.ok || !s->w) return;
    s->have_counter = deploy(s, &art.counter_code, &art.counter_runtime, "SeismicCounter", &s->counter);
    /* SRC20Token(name, symbol, decimals): constructor arguments after the initcode */
    seismic_buf init = {0};
    seismic_error err = {"", SEISMIC_OK};
    const char *args[] = {"Seismic Test Token", "STT", "18"};
    seismic_buf_append(&init, art.token_code.data, art.token_code.len);
    CHECK(seismic_abi_encode_text("(string,string,uint8)", args, 3, &init, &err) == SEISMIC_OK);
    s->have_token = deploy(s, &init, &art.token_runtime, "SRC20Token", &s->token);
    seismic_buf_free(&init);
}

/* A shielded setNumber(value): checks the plaintext the node decrypted and the stored value. */
static bool shielded_set_number(suite *s, seismic_wallet *w, uint64_t value, const seismic_tx_options *tx,
                                uint8_t hash[32], uint64_t *block) {
    seismic_client *c = s->c;
    char arg[24];
    snprintf(arg, sizeof arg, "%llu", (unsigned long long)value);
    const char *args[] = {arg};
    seismic_buf data = {0};
    bool ok = false;
    if (!encode_call(&data, "setNumber(suint256)", args, 1)) return false;
    CHECK_HEX(data.data, 4, "24a7f0b7");
    if (await_hash(c, seismic_shielded_write(w, &s->counter, data.data, data.len, tx, NULL), hash, "shielded write")) {
        uint64_t n = mined(c, hash, NULL);
        if (block) *block = n;
        doc p = {0};
        CHECK(get_plaintext(c, hash, &p) && !jnull(&p, 0));
        /* the node decrypted exactly the calldata, from the wallet's account, to the contract */
        CHECK(jeq_hex(&p, jfind(&p, 0, "data"), data.data, data.len));
        CHECK(jeq_addr(&p, jfind(&p, 0, "sender"), seismic_wallet_address(w)));
        CHECK(jeq_addr(&p, jfind(&p, 0, "to"), &s->counter));
        ok = n != 0;
        doc_free(&p);
    }
    CHECK(ok);
    seismic_buf_free(&data);
    return ok;
}

/* A signed read of getNumber() with the given options; the returned word as a number. */
static bool signed_get_number(seismic_wallet *w, const seismic_address *counter, const seismic_tx_options *tx,
                              uint64_t *out) {
    static const uint8_t get_number[4] = {0xf2, 0xc9, 0xec, 0xd8};
    doc d = {0};
    uint8_t word[32];
    seismic_u256 v;
    bool ok = await_doc(seismic_wallet_client(w), seismic_signed_read(w, counter, get_number, 4, tx, NULL), &d,
                        "signed read getNumber()") &&
              jbytes(&d, 0, word, 32) && seismic_u256_from_be(word, 32, &v) == SEISMIC_OK && seismic_u256_to_u64(&v, out);
    doc_free(&d);
    return ok;
}

static void test_shielded(suite *s) {
    if (!s->have_counter) return;
    seismic_client *c = s->c;
    uint8_t hash[32];
    uint64_t got = 0;
    seismic_u256 before;
    CHECK(call_word(c, &s->counter, "getNumber()", NULL, &before));
    CHECK(seismic_u256_to_u64(&before, &s->value_before));

    /* setNumber(suint256) then getNumber() by signed read */
    s->set_value = 1000000 + rand_u64() % 1000000;
    uint64_t t0 = now_ms();
    if (shielded_set_number(s, s->w, s->set_value, NULL, hash, &s->set_block)) {
        doc b = {0};
        seismic_block_ref at = seismic_block_at_number(s->set_block);
        CHECK(await_doc(c, seismic_eth_get_block(c, &at, false, NULL), &b, "block") &&
              jbytes(&b, jfind(&b, 0, "hash"), s->set_block_hash, 32));
        doc_free(&b);
        printf("shielded write [%s]: setNumber(%llu) mined in block %llu after %llu ms; the node decrypted exactly the "
               "calldata\n",
               s->label, (unsigned long long)s->set_value, (unsigned long long)s->set_block,
               (unsigned long long)(now_ms() - t0));
        /* the chain holds the ciphertext: type 0x4a, calldata + 16-byte tag, the wallet's encryption key */
        doc t = {0};
        if (get_tx(c, hash, &t)) {
            seismic_buf input = {0};
            CHECK(jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
            CHECK(seismic_json_get_bytes_buf(&t.json, jfind(&t, 0, "input"), &input) == SEISMIC_OK && input.len == 36 + 16);
            CHECK(input.len < 4 || memcmp(input.data, "\x24\xa7\xf0\xb7", 4) != 0);
            CHECK(jeq_hex(&t, jfind(&t, 0, "encryptionPubkey"), seismic_wallet_encryption(s->w)->public_key, 33));
            CHECK(ju64(&t, jfind(&t, 0, "messageVersion")) == 0);
            CHECK(seismic_json_is(&t.json, jfind(&t, 0, "signedRead"), SEISMIC_JSON_FALSE));
            uint64_t expires = ju64(&t, jfind(&t, 0, "expiresAtBlock"));
            CHECK(expires != UINT64_MAX && expires >= s->set_block && expires <= s->set_block + 100);
            printf("shielded tx [%s]: type 0x4a, %zu bytes of ciphertext on chain, expires at block %llu\n", s->label,
                   input.len, (unsigned long long)expires);
            seismic_buf_free(&input);
        }
        doc_free(&t);
    }
    t0 = now_ms();
    CHECK(signed_get_number(s->w, &s->counter, NULL, &got) && got == s->set_value);
    printf("signed read [%s]: getNumber() = %llu in %llu ms\n", s->label, (unsigned long long)got,
           (unsigned long long)(now_ms() - t0));

    /* message version 2 (EIP-712) per call, then a wallet whose default is version 2 */
    seismic_tx_options v2;
    memset(&v2, 0, sizeof v2);
    v2.message_version = SEISMIC_MESSAGE_EIP712;
    if (shielded_set_number(s, s->w, s->set_value + 1, &v2, hash, NULL)) {
        doc t = {0};
        CHECK(get_tx(c, hash, &t) && ju64(&t, jfind(&t, 0, "messageVersion")) == 2);
        doc_free(&t);
    }
    got = 0;
    CHECK(signed_get_number(s->w, &s->counter, &v2, &got) && got == s->set_value + 1);
    printf("EIP-712 [%s]: shielded write with message version 2 decrypted by the node; signed read v2 = %llu\n", s->label,
           (unsigned long long)got);
    seismic_wallet_desc d;
    seismic_error err = {"", SEISMIC_OK};
    memset(&d, 0, sizeof d);
    d.private_key = KEY3;
    d.message_version = SEISMIC_MESSAGE_EIP712;
    seismic_wallet *w3 = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w3 != NULL);
    if (w3) {
        seismic_tx_options zeroed; /* zero = the wallet's version, not v0 */
        memset(&zeroed, 0, sizeof zeroed);
        if (shielded_set_number(s, w3, s->set_value + 2, &zeroed, hash, NULL)) {
            doc t = {0};
            CHECK(get_tx(c, hash, &t) && ju64(&t, jfind(&t, 0, "messageVersion")) == 2);
            doc_free(&t);
        }
        seismic_tx_options wallets;
        memset(&wallets, 0, sizeof wallets);
        got = 0;
        CHECK(signed_get_number(w3, &s->counter, NULL, &got) && got == s->set_value + 2);
        CHECK(signed_get_number(w3, &s->counter, &wallets, &got) && got == s->set_value + 2);
        uint8_t who[4];
        CHECK(seismic_abi_selector("whoAmI()", who, NULL) == SEISMIC_OK);
        doc r = {0};
        CHECK(await_doc(c, seismic_signed_read(w3, &s->counter, who, 4, NULL, NULL), &r, "whoAmI v2"));
        uint8_t word[32];
        CHECK(jbytes(&r, 0, word, 32) && memcmp(word + 12, seismic_wallet_address(w3)->bytes, 20) == 0);
        doc_free(&r);
        seismic_wallet_destroy(w3);
    }

    /* debug write: the plaintext view, the unsigned shielded tx and the raw tx */
    uint64_t dvalue = s->set_value + 3;
    char arg[24];
    snprintf(arg, sizeof arg, "%llu", (unsigned long long)dvalue);
    const char *args[] = {arg};
    seismic_buf data = {0};
    doc dw = {0};
    if (encode_call(&data, "setNumber(suint256)", args, 1) &&
        await_doc(c, seismic_debug_write(s->w, &s->counter, data.data, data.len, NULL, NULL), &dw, "debug write")) {
        int plain = jfind(&dw, 0, "plaintextTx");
        CHECK(jeq_hex(&dw, jfind(&dw, plain, "data"), data.data, data.len));
        CHECK(jeq_addr(&dw, jfind(&dw, plain, "to"), &s->counter));
        uint64_t nonce = ju64(&dw, jfind(&dw, plain, "nonce")), gas = ju64(&dw, jfind(&dw, plain, "gas"));
        seismic_u256 gas_price, value;
        CHECK(ju256(&dw, jfind(&dw, plain, "gasPrice"), &gas_price) && !seismic_u256_is_zero(&gas_price));
        CHECK(ju256(&dw, jfind(&dw, plain, "value"), &value) && seismic_u256_is_zero(&value));
        CHECK(nonce != UINT64_MAX && gas != UINT64_MAX && gas > 21000);
        seismic_buf raw = {0}, unsigned_tx = {0}, opened = {0};
        uint8_t tx_hash[32], computed[32];
        CHECK(jbytes(&dw, jfind(&dw, 0, "txHash"), tx_hash, 32));
        CHECK(seismic_json_get_bytes_buf(&dw.json, jfind(&dw, 0, "rawTx"), &raw) == SEISMIC_OK);
        CHECK(seismic_json_get_bytes_buf(&dw.json, jfind(&dw, 0, "shieldedTx"), &unsigned_tx) == SEISMIC_OK);
        CHECK(unsigned_tx.len > 0 && unsigned_tx.data[0] == 0x4a);
        seismic_tx_hash(raw.data, raw.len, computed);
        CHECK(raw.len > 0 && memcmp(computed, tx_hash, 32) == 0);
        seismic_shielded_tx tx;
        seismic_address sender;
        if (raw.len && seismic_shielded_tx_decode(raw.data, raw.len, &tx, NULL, 0, NULL) == SEISMIC_OK) {
            CHECK(tx.nonce == nonce && tx.gas == gas && !tx.signed_read && tx.has_to);
            CHECK(seismic_address_equal(&tx.to, &s->counter));
            CHECK(seismic_u256_cmp(&tx.gas_price, &gas_price) == 0);
            CHECK(seismic_shielded_tx_sender(&tx, &sender) == SEISMIC_OK && seismic_address_equal(&sender, &s->me));
            /* the unsigned form is the v0 pre-image of the same transaction */
            seismic_buf pre = {0};
            CHECK(seismic_shielded_tx_encode_unsigned(&tx, &pre) == SEISMIC_OK && pre.len == unsigned_tx.len &&
                  memcmp(pre.data, unsigned_tx.data, pre.len) == 0);
            seismic_buf_free(&pre);
            CHECK(seismic_shielded_tx_decrypt(&tx, &s->me, seismic_wallet_encryption(s->w)->request_key, &opened) ==
                      SEISMIC_OK &&
                  opened.len == data.len && memcmp(opened.data, data.data, data.len) == 0);
        } else {
            CHECK(!"debug write: rawTx does not decode as a 0x4a transaction");
        }
        CHECK(mined(c, tx_hash, NULL) != 0);
        doc p = {0};
        CHECK(get_plaintext(c, tx_hash, &p) && jeq_hex(&p, jfind(&p, 0, "data"), data.data, data.len));
        CHECK(ju64(&p, jfind(&p, 0, "nonce")) == nonce);
        doc_free(&p);
        printf("debug write [%s]: nonce %llu, gas %llu; rawTx hashes to txHash, decrypts to the plaintext view\n",
               s->label, (unsigned long long)nonce, (unsigned long long)gas);
        seismic_buf_free(&raw);
        seismic_buf_free(&unsigned_tx);
        seismic_buf_free(&opened);
    } else {
        CHECK(!"debug write failed");
    }
    doc_free(&dw);
    seismic_buf_free(&data);
    got = 0;
    CHECK(signed_get_number(s->w, &s->counter, NULL, &got) && got == dvalue);
    s->number = dvalue;

    /* a reverting signed read: the decrypted reason */
    static const uint8_t revert_sel[4] = {0xe0, 0xf7, 0xbe, 0xc4};
    char message[300];
    seismic_result r = await_fail(c, seismic_signed_read(s->w, &s->counter, revert_sel, 4, NULL, NULL), message,
                                  sizeof message);
    printf("signed read revertWithSecret() [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r == SEISMIC_ERR_RPC);
    CHECK(strstr(message, "secret revert") != NULL);

    /* whoAmI() by signed read is the wallet's address */
    uint8_t who[4];
    CHECK(seismic_abi_selector("whoAmI()", who, NULL) == SEISMIC_OK);
    doc wd = {0};
    uint8_t word[32];
    CHECK(await_doc(c, seismic_signed_read(s->w, &s->counter, who, 4, NULL, NULL), &wd, "whoAmI") &&
          jbytes(&wd, 0, word, 32) && memcmp(word + 12, s->me.bytes, 20) == 0 && word[0] == 0);
    doc_free(&wd);
}

static void test_eth_actions(suite *s) {
    seismic_client *c = s->c;
    seismic_error err = {"", SEISMIC_OK};
    uint64_t chain = 0, number = 0, nonce = 0;
    seismic_u256 gas_price, balance;
    char a[43], dec[79];
    memset(&gas_price, 0, sizeof gas_price);
    memset(&balance, 0, sizeof balance);
    CHECK(seismic_await_u64(c, seismic_eth_chain_id(c, NULL), &chain, &err) == SEISMIC_OK && chain == 31337);
    CHECK(seismic_await_u64(c, seismic_eth_block_number(c, NULL), &number, &err) == SEISMIC_OK && number > 0);
    CHECK(seismic_await_u256(c, seismic_eth_gas_price(c, NULL), &gas_price, &err) == SEISMIC_OK &&
          !seismic_u256_is_zero(&gas_price));
    CHECK(seismic_await_u256(c, seismic_eth_get_balance(c, &s->me, NULL, NULL), &balance, &err) == SEISMIC_OK &&
          !seismic_u256_is_zero(&balance));
    CHECK(seismic_await_u64(c, seismic_eth_get_transaction_count(c, &s->me, NULL, NULL), &nonce, &err) == SEISMIC_OK &&
          nonce >= 2);
    printf("eth [%s]: chain %llu, block %llu, gas price %llu wei, balance of %s %s wei, nonce %llu\n", s->label,
           (unsigned long long)chain, (unsigned long long)number, (unsigned long long)gas_price.w[0],
           addr_str(&s->me, a), u256_dec(&balance, dec), (unsigned long long)nonce);
    /* an error of the node is a clear RPC error */
    /* a block reference of no known kind never reaches the node; number 0 is the genesis block */
    seismic_block_ref bad = seismic_block_at_tag((seismic_block_kind)99), genesis = seismic_block_at_number(0), parsed;
    char message[300];
    CHECK(await_fail(c, seismic_eth_get_balance(c, &s->me, &bad, NULL), message, sizeof message) ==
          SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(strstr(message, "unknown kind") != NULL);
    CHECK(seismic_block_ref_parse("not-a-tag", 9, &parsed) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_block_ref_parse("safe", 4, &parsed) == SEISMIC_OK && parsed.kind == SEISMIC_BLOCK_SAFE);
    CHECK(seismic_block_ref_parse("0x10", 4, &parsed) == SEISMIC_OK && parsed.kind == SEISMIC_BLOCK_NUMBER &&
          parsed.number == 16);
    doc g = {0};
    CHECK(await_doc(c, seismic_eth_get_block(c, &genesis, false, NULL), &g, "genesis") &&
          ju64(&g, jfind(&g, 0, "number")) == 0);
    doc_free(&g);

    /* a raw transaction signed here, from account #2 */
    seismic_private_key k2;
    seismic_address a2 = key_address(KEY2), to = rand_address();
    CHECK(seismic_private_key_from_hex(KEY2, &k2) == SEISMIC_OK);
    seismic_eth_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.type = SEISMIC_TX_TYPE_EIP1559;
    tx.chain_id = 31337;
    tx.nonce = pending_nonce(c, &a2);
    tx.max_priority_fee_per_gas = seismic_u256_from_u64(1);
    CHECK(seismic_u256_mul_u64(&gas_price, 2, &tx.max_fee_per_gas) == SEISMIC_OK);
    tx.gas = 21000;
    tx.has_to = true;
    tx.to = to;
    tx.value = seismic_u256_from_u64(7);
    seismic_buf raw = {0};
    uint8_t hash[32], block_hash[32];
    CHECK(seismic_eth_tx_sign(&tx, &k2) == SEISMIC_OK && seismic_eth_tx_encode(&tx, &raw) == SEISMIC_OK);
    seismic_private_key_wipe(&k2);
    seismic_tx_hash(raw.data, raw.len, hash);
    doc d = {0};
    CHECK(await_doc(c, seismic_eth_send_raw_transaction(c, raw.data, raw.len, NULL), &d, "eth_sendRawTransaction") &&
          jeq_hex(&d, 0, hash, 32));
    seismic_buf_free(&raw);
    uint64_t mined_in = mined(c, hash, block_hash);
    doc t = {0}, rc = {0};
    CHECK(get_tx(c, hash, &t));
    /* anvil may still answer from its pool for a moment after the receipt exists: read again */
    for (int i = 0; i < 40 && jnull(&t, jfind(&t, 0, "blockNumber")); i++) {
        seismic_client_run(c, 50);
        CHECK(get_tx(c, hash, &t));
    }
    CHECK(jeq_hex(&t, jfind(&t, 0, "hash"), hash, 32));
    CHECK(jeq_addr(&t, jfind(&t, 0, "from"), &a2) && jeq_addr(&t, jfind(&t, 0, "to"), &to));
    CHECK(ju64(&t, jfind(&t, 0, "nonce")) == tx.nonce && ju64(&t, jfind(&t, 0, "type")) == 2);
    CHECK(ju64(&t, jfind(&t, 0, "value")) == 7);
    CHECK(ju64(&t, jfind(&t, 0, "blockNumber")) == mined_in);
    if (ju64(&t, jfind(&t, 0, "blockNumber")) != mined_in)
        fprintf(stderr, "raw tx [%s]: receipt says block %llu, the tx says %s\n", s->label,
                (unsigned long long)mined_in, t.text);
    CHECK(await_doc(c, seismic_eth_get_transaction_receipt(c, hash, NULL), &rc, "receipt"));
    CHECK(ju64(&rc, jfind(&rc, 0, "status")) == 1 && ju64(&rc, jfind(&rc, 0, "gasUsed")) == 21000);
    CHECK(jeq_hex(&rc, jfind(&rc, 0, "blockHash"), block_hash, 32));
    CHECK(seismic_await_u256(c, seismic_eth_get_balance(c, &to, NULL, NULL), &balance, &err) == SEISMIC_OK &&
          balance.w[0] == 7);
    printf("raw tx [%s]: EIP-1559 from %s nonce %llu sent, hash = keccak(raw), mined in block %llu, receipt status 1\n",
           s->label, addr_str(&a2, a), (unsigned long long)tx.nonce, (unsigned long long)mined_in);
    uint8_t unknown[32];
    CHECK(seismic_random_bytes(unknown, 32) == SEISMIC_OK);
    CHECK(await_doc(c, seismic_eth_get_transaction(c, unknown, NULL), &d, "unknown tx") && jnull(&d, 0));
    CHECK(await_doc(c, seismic_eth_get_transaction_receipt(c, unknown, NULL), &d, "unknown receipt") && jnull(&d, 0));
    /* waiting for a receipt that never comes ends with the request's timeout */
    seismic_request_options quick;
    memset(&quick, 0, sizeof quick);
    quick.timeout_ms = 600;
    uint64_t t0 = now_ms();
    seismic_result r = await_fail(c, seismic_eth_wait_for_receipt(c, unknown, 100, &quick), message, sizeof message);
    printf("wait for an unknown receipt [%s]: %s after %llu ms (%s)\n", s->label, seismic_result_string(r),
           (unsigned long long)(now_ms() - t0), message);
    CHECK(r == SEISMIC_ERR_TIMEOUT);

    /* blocks by number, hash and tag, with and without transactions */
    seismic_block_ref by_number = seismic_block_at_number(mined_in), by_hash = seismic_block_at_hash(block_hash);
    seismic_block_ref latest = seismic_block_at_tag(SEISMIC_BLOCK_LATEST), earliest = seismic_block_at_tag(SEISMIC_BLOCK_EARLIEST);
    CHECK(await_doc(c, seismic_eth_get_block(c, &by_number, false, NULL), &d, "block by number"));
    CHECK(ju64(&d, jfind(&d, 0, "number")) == mined_in && jeq_hex(&d, jfind(&d, 0, "hash"), block_hash, 32));
    int txs = jfind(&d, 0, "transactions");
    CHECK(seismic_json_size(&d.json, txs) == 1 && jeq_hex(&d, seismic_json_array_get(&d.json, txs, 0), hash, 32));
    CHECK(await_doc(c, seismic_eth_get_block(c, &by_number, true, NULL), &d, "full block by number"));
    txs = jfind(&d, 0, "transactions");
    CHECK(jeq_hex(&d, jfind(&d, seismic_json_array_get(&d.json, txs, 0), "hash"), hash, 32));
    CHECK(jeq_addr(&d, jfind(&d, seismic_json_array_get(&d.json, txs, 0), "from"), &a2));
    CHECK(await_doc(c, seismic_eth_get_block(c, &by_hash, false, NULL), &d, "block by hash"));
    CHECK(ju64(&d, jfind(&d, 0, "number")) == mined_in);
    CHECK(seismic_json_is(&d.json, seismic_json_array_get(&d.json, jfind(&d, 0, "transactions"), 0), SEISMIC_JSON_STRING));
    CHECK(await_doc(c, seismic_eth_get_block(c, &by_hash, true, NULL), &d, "full block by hash"));
    CHECK(seismic_json_is(&d.json, seismic_json_array_get(&d.json, jfind(&d, 0, "transactions"), 0), SEISMIC_JSON_OBJECT));
    CHECK(await_doc(c, seismic_eth_get_block(c, &latest, false, NULL), &d, "latest block"));
    uint64_t latest_number = ju64(&d, jfind(&d, 0, "number"));
    CHECK(latest_number != UINT64_MAX && latest_number >= mined_in);
    CHECK(await_doc(c, seismic_eth_get_block(c, NULL, false, NULL), &d, "block NULL = latest"));
    CHECK(ju64(&d, jfind(&d, 0, "number")) >= latest_number);
    CHECK(await_doc(c, seismic_eth_get_block(c, &earliest, true, NULL), &d, "earliest block"));
    CHECK(ju64(&d, jfind(&d, 0, "number")) == 0);
    seismic_block_ref future = seismic_block_at_number(mined_in + 1000000);
    CHECK(await_doc(c, seismic_eth_get_block(c, &future, false, NULL), &d, "future block") && jnull(&d, 0));
    printf("blocks [%s]: #%llu by number and by hash, with hashes and with tx objects; latest #%llu; earliest #0\n",
           s->label, (unsigned long long)mined_in, (unsigned long long)latest_number);

    /* code, call, estimate */
    if (s->have_counter) {
        CHECK(await_doc(c, seismic_eth_get_code(c, &s->counter, &latest, NULL), &d, "code") &&
              jeq_hex(&d, 0, art.counter_runtime.data, art.counter_runtime.len));
        CHECK(await_doc(c, seismic_eth_get_code(c, &a2, NULL, NULL), &d, "code of an account") && jeq_hex(&d, 0, "", 0));
        seismic_u256 v;
        CHECK(call_word(c, &s->counter, "getNumber()", NULL, &v) && v.w[0] == s->number);
        CHECK(call_word(c, &s->counter, "whoAmI()", NULL, &v) && seismic_u256_is_zero(&v)); /* no `from` */
        static const uint8_t increment[4] = {0xd0, 0x9d, 0xe0, 0x8a};
        uint64_t gas = 0;
        CHECK(seismic_await_u64(c, seismic_eth_estimate_gas(c, &s->counter, increment, 4, NULL), &gas, &err) ==
                  SEISMIC_OK &&
              gas > 21000 && gas < 100000);
        static const uint8_t revert_sel[4] = {0xe0, 0xf7, 0xbe, 0xc4};
        r = await_fail(c, seismic_eth_estimate_gas(c, &s->counter, revert_sel, 4, NULL), message, sizeof message);
        CHECK(r == SEISMIC_ERR_RPC && strstr(message, "secret revert") != NULL);
        r = await_fail(c, seismic_eth_call(c, &s->counter, revert_sel, 4, NULL, NULL), message, sizeof message);
        CHECK(r == SEISMIC_ERR_RPC && strstr(message, "secret revert") != NULL);
        printf("call/estimate [%s]: getNumber() = %llu, whoAmI() = 0x0 (no from), increment() gas %llu, reverting "
               "call: %s\n",
               s->label, (unsigned long long)s->number, (unsigned long long)gas, message);
    }

    /* logs and filters */
    if (s->have_counter) {
        uint8_t topic[32], padded[32];
        CHECK(seismic_abi_event_topic("NumberSet(address indexed by)", topic, NULL) == SEISMIC_OK);
        memset(padded, 0, 32);
        memcpy(padded + 12, s->me.bytes, 20);
        seismic_log_filter filter;
        memset(&filter, 0, sizeof filter);
        filter.from_block = seismic_block_at_number(0);
        filter.addresses = &s->counter;
        filter.address_count = 1;
        filter.topics[0].any_of = (const uint8_t(*)[32])topic;
        filter.topics[0].count = 1;
        filter.topics[1].any_of = (const uint8_t(*)[32])padded;
        filter.topics[1].count = 1;
        CHECK(await_doc(c, seismic_eth_get_logs(c, &filter, NULL), &d, "eth_getLogs"));
        size_t logs = seismic_json_size(&d.json, 0);
        int found = 0;
        for (size_t i = 0; i < logs; i++) {
            int l = seismic_json_array_get(&d.json, 0, i);
            if (ju64(&d, jfind(&d, l, "blockNumber")) == s->set_block) found++;
        }
        CHECK(logs == 3 && found == 1); /* v0, v2 and debug setNumber of test_shielded */
        printf("eth_getLogs [%s]: %zu NumberSet logs by the wallet since block 0\n", s->label, logs);

        memset(&filter, 0, sizeof filter);
        filter.addresses = &s->counter;
        filter.address_count = 1;
        doc f = {0}, bf = {0};
        char id[100] = "", block_id[100] = "";
        CHECK(await_doc(c, seismic_eth_new_filter(c, &filter, NULL), &f, "eth_newFilter") &&
              seismic_json_get_string(&f.json, 0, id, sizeof id, NULL) == SEISMIC_OK);
        CHECK(await_doc(c, seismic_eth_new_block_filter(c, NULL), &bf, "eth_newBlockFilter") &&
              seismic_json_get_string(&bf.json, 0, block_id, sizeof block_id, NULL) == SEISMIC_OK);
        /* a transparent setNumber emits NumberSet under its own (anvil) hash */
        const char *args[] = {"31337"};
        uint8_t th[32];
        uint64_t tb = 0;
        if (await_hash(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_TRANSPARENT_WRITE, "setNumber(suint256)", args, 1,
                                                NULL, NULL),
                       th, "twrite setNumber"))
            tb = mined(c, th, NULL);
        s->number = 31337;
        mine_blocks(c, 1);
        CHECK(await_doc(c, seismic_eth_get_filter_changes(c, id, NULL), &d, "eth_getFilterChanges"));
        CHECK(seismic_json_size(&d.json, 0) == 1);
        int l = seismic_json_array_get(&d.json, 0, 0);
        CHECK(jeq_hex(&d, jfind(&d, l, "transactionHash"), th, 32) && ju64(&d, jfind(&d, l, "blockNumber")) == tb);
        CHECK(await_doc(c, seismic_eth_get_filter_changes(c, id, NULL), &d, "eth_getFilterChanges again") &&
              seismic_json_size(&d.json, 0) == 0);
        CHECK(await_doc(c, seismic_eth_get_filter_changes(c, block_id, NULL), &d, "block filter changes"));
        size_t blocks = seismic_json_size(&d.json, 0);
        CHECK(blocks >= 2);
        uint8_t bh[32];
        CHECK(jbytes(&d, seismic_json_array_get(&d.json, 0, 0), bh, 32));
        CHECK(await_doc(c, seismic_eth_uninstall_filter(c, id, NULL), &d, "uninstall") &&
              seismic_json_is(&d.json, 0, SEISMIC_JSON_TRUE));
        CHECK(await_doc(c, seismic_eth_uninstall_filter(c, block_id, NULL), &d, "uninstall block filter") &&
              seismic_json_is(&d.json, 0, SEISMIC_JSON_TRUE));
        CHECK(await_doc(c, seismic_eth_uninstall_filter(c, id, NULL), &d, "uninstall again") &&
              seismic_json_is(&d.json, 0, SEISMIC_JSON_FALSE));
        printf("filters [%s]: log filter %s saw the transparent setNumber; block filter saw %zu blocks; uninstall "
               "true, then false\n",
               s->label, id, blocks);
        doc_free(&f);
        doc_free(&bf);
    }
    doc_free(&d);
    doc_free(&t);
    doc_free(&rc);
}

static bool balance_at(seismic_client *c, const seismic_address *a, const seismic_block_ref *b, uint64_t *out) {
    seismic_u256 v;
    seismic_error err = {"", SEISMIC_OK};
    if (seismic_await_u256(c, seismic_eth_get_balance(c, a, b, NULL), &v, &err) != SEISMIC_OK) {
        fprintf(stderr, "balance: %s\n", err.message);
        return false;
    }
    return seismic_u256_to_u64(&v, out);
}

/* get_balances result: {"blockNumber","blockHash","balances":[...]} */
static bool check_balances(const doc *d, size_t count, uint64_t number, const uint8_t hash[32], uint64_t first) {
    int list = jfind(d, 0, "balances");
    seismic_u256 v;
    bool ok = seismic_json_size(&d->json, list) == count && ju64(d, jfind(d, 0, "blockNumber")) == number &&
              jeq_hex(d, jfind(d, 0, "blockHash"), hash, 32) && ju256(d, seismic_json_array_get(&d->json, list, 0), &v) &&
              v.w[0] == first && !v.w[1] && !v.w[2] && !v.w[3];
    if (!ok) fprintf(stderr, "get_balances: expected block %llu, first balance %llu, got %.300s\n",
                     (unsigned long long)number, (unsigned long long)first, d->text);
    return ok;
}

static void test_pinned(suite *s) {
    seismic_client *c = s->c;
    seismic_address recipient = rand_address();
    seismic_tx_options tx;
    memset(&tx, 0, sizeof tx);
    tx.value = seismic_u256_from_u64(12345);
    uint8_t hash[32], block_hash[32], parent[32];
    if (!await_hash(c, seismic_transparent_write(s->w, &recipient, NULL, 0, &tx, NULL), hash, "transfer")) {
        CHECK(!"transparent value transfer failed");
        return;
    }
    uint64_t n = mined(c, hash, block_hash);
    if (!n) return;
    doc d = {0};
    CHECK(get_tx(c, hash, &d) && ju64(&d, jfind(&d, 0, "value")) == 12345 && ju64(&d, jfind(&d, 0, "type")) != 0x4a);
    seismic_block_ref at_hash = seismic_block_at_hash(block_hash), at_n = seismic_block_at_number(n),
                      before = seismic_block_at_number(n - 1);
    CHECK(await_doc(c, seismic_eth_get_block(c, &at_hash, false, NULL), &d, "block") &&
          jbytes(&d, jfind(&d, 0, "parentHash"), parent, 32));
    seismic_block_ref at_parent = seismic_block_at_hash(parent);
    uint64_t b = 99;
    CHECK(balance_at(c, &recipient, &before, &b) && b == 0);
    CHECK(balance_at(c, &recipient, &at_parent, &b) && b == 0);
    CHECK(balance_at(c, &recipient, &at_n, &b) && b == 12345);
    CHECK(balance_at(c, &recipient, &at_hash, &b) && b == 12345);
    CHECK(balance_at(c, &recipient, NULL, &b) && b == 12345);
    seismic_error err = {"", SEISMIC_OK};
    uint64_t nonce_before = 0, nonce_at = 0;
    CHECK(seismic_await_u64(c, seismic_eth_get_transaction_count(c, &s->me, &before, NULL), &nonce_before, &err) ==
          SEISMIC_OK);
    CHECK(seismic_await_u64(c, seismic_eth_get_transaction_count(c, &s->me, &at_hash, NULL), &nonce_at, &err) ==
          SEISMIC_OK);
    CHECK(nonce_at == nonce_before + 1);
    printf("pinned reads [%s]: balance 0 at #%llu and at the parent hash, 12345 at #%llu and at its hash; nonce %llu -> "
           "%llu\n",
           s->label, (unsigned long long)(n - 1), (unsigned long long)n, (unsigned long long)nonce_before,
           (unsigned long long)nonce_at);
    if (s->have_counter && s->set_block) {
        seismic_block_ref set_before = seismic_block_at_number(s->set_block - 1),
                          set_at = seismic_block_at_number(s->set_block), set_hash = seismic_block_at_hash(s->set_block_hash);
        seismic_u256 v;
        CHECK(call_word(c, &s->counter, "getNumber()", &set_before, &v) && v.w[0] == s->value_before);
        CHECK(call_word(c, &s->counter, "getNumber()", &set_at, &v) && v.w[0] == s->set_value);
        CHECK(call_word(c, &s->counter, "getNumber()", &set_hash, &v) && v.w[0] == s->set_value);
        seismic_block_ref zero = seismic_block_at_number(0);
        CHECK(await_doc(c, seismic_eth_get_code(c, &s->counter, &zero, NULL), &d, "code at block 0") &&
              jeq_hex(&d, 0, "", 0));
        printf("pinned eth_call [%s]: getNumber() = %llu at #%llu, %llu at #%llu and at its hash; no code at #0\n",
               s->label, (unsigned long long)s->value_before, (unsigned long long)(s->set_block - 1),
               (unsigned long long)s->set_value, (unsigned long long)s->set_block);
    }

    /* balances of 20 addresses at one block, in one batch */
    seismic_address addrs[20];
    addrs[0] = recipient;
    addrs[1] = s->me;
    for (int i = 2; i < 20; i++) addrs[i] = rand_address();
    seismic_client_stats s0 = seismic_client_get_stats(c);
    bool ok = await_doc(c, seismic_eth_get_balances(c, addrs, 20, NULL, NULL), &d, "balances at latest");
    seismic_client_stats s1 = seismic_client_get_stats(c);
    CHECK(ok);
    if (ok) {
        uint64_t pinned = ju64(&d, jfind(&d, 0, "blockNumber"));
        uint8_t pinned_hash[32];
        CHECK(pinned != UINT64_MAX && pinned >= n && jbytes(&d, jfind(&d, 0, "blockHash"), pinned_hash, 32));
        CHECK(check_balances(&d, 20, pinned, pinned_hash, 12345));
        /* every balance is the one at that very block */
        seismic_block_ref p = seismic_block_at_hash(pinned_hash);
        seismic_u256 mine, listed;
        CHECK(seismic_await_u256(c, seismic_eth_get_balance(c, &s->me, &p, NULL), &mine, &err) == SEISMIC_OK);
        CHECK(ju256(&d, seismic_json_array_get(&d.json, jfind(&d, 0, "balances"), 1), &listed) &&
              seismic_u256_cmp(&mine, &listed) == 0);
        for (int i = 2; i < 20; i++) {
            CHECK(ju256(&d, seismic_json_array_get(&d.json, jfind(&d, 0, "balances"), (size_t)i), &listed) &&
                  seismic_u256_is_zero(&listed));
        }
        if (s->ws)
            printf("balances [%s]: 20 addresses at #%llu pinned by hash: %llu WebSocket frames\n", s->label,
                   (unsigned long long)pinned, (unsigned long long)(s1.ws_frames_sent - s0.ws_frames_sent));
        else
            printf("balances [%s]: 20 addresses at #%llu pinned by hash: %llu HTTP requests\n", s->label,
                   (unsigned long long)pinned, (unsigned long long)(s1.http_requests - s0.http_requests));
        if (!s->ws) CHECK(s1.http_requests - s0.http_requests <= 2);
    }
    s0 = seismic_client_get_stats(c);
    ok = await_doc(c, seismic_eth_get_balances(c, addrs, 20, &before, NULL), &d, "balances at a number");
    s1 = seismic_client_get_stats(c);
    CHECK(ok && check_balances(&d, 20, n - 1, parent, 0));
    if (!s->ws) CHECK(s1.http_requests - s0.http_requests <= 2);
    CHECK(await_doc(c, seismic_eth_get_balances(c, addrs, 20, &at_hash, NULL), &d, "balances at a hash") &&
          check_balances(&d, 20, n, block_hash, 12345));
    seismic_block_ref earliest = seismic_block_at_tag(SEISMIC_BLOCK_EARLIEST);
    CHECK(await_doc(c, seismic_eth_get_balances(c, addrs, 2, &earliest, NULL), &d, "balances at earliest") &&
          ju64(&d, jfind(&d, 0, "blockNumber")) == 0 &&
          seismic_json_string_equals(&d.json, seismic_json_array_get(&d.json, jfind(&d, 0, "balances"), 1),
                                     "0x21e19e0c9bab2400000")); /* 10000 ETH at genesis */
    uint8_t nowhere[32];
    CHECK(seismic_random_bytes(nowhere, 32) == SEISMIC_OK);
    seismic_block_ref missing = seismic_block_at_hash(nowhere);
    char message[300];
    seismic_result r = await_fail(c, seismic_eth_get_balances(c, addrs, 20, &missing, NULL), message, sizeof message);
    printf("balances [%s] at an unknown block hash: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r != SEISMIC_OK && message[0]);
    doc_free(&d);
}

/* contract_call into a doc */
static bool ccall(suite *s, seismic_wallet *w, const seismic_address *to, seismic_contract_mode mode,
                  const char *signature, const char *const *args, size_t nargs, doc *d) {
    return await_doc(s->c, seismic_contract_call_text(s->c, w, to, mode, signature, args, nargs, NULL, NULL), d, signature);
}

/* The transport traffic of one action: HTTP requests, or WebSocket frames. */
static uint64_t traffic(const suite *s) {
    seismic_client_stats st = seismic_client_get_stats(s->c);
    return s->ws ? st.ws_frames_sent : st.http_requests;
}

static void test_routing(suite *s) {
    if (!s->have_counter) return;
    seismic_client *c = s->c;
    doc d = {0}, p = {0}, t = {0};
    uint8_t hash[32];
    char message[300];
    const char *seventy_seven[] = {"77"};
    seismic_buf cd = {0};
    CHECK(encode_call(&cd, "setNumber(suint256)", seventy_seven, 1));

    /* WRITE with a shielded input: a shielded write */
    if (await_hash(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_WRITE, "setNumber(suint256)", seventy_seven,
                                            1, NULL, NULL),
                   hash, "write setNumber")) {
        mined(c, hash, NULL);
        CHECK(get_tx(c, hash, &t) && jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
        CHECK(get_plaintext(c, hash, &p) && jeq_hex(&p, jfind(&p, 0, "data"), cd.data, cd.len));
    } else CHECK(!"write setNumber(suint256)");
    /* WRITE without: a transparent write with plaintext calldata */
    if (await_hash(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_WRITE, "increment()", NULL, 0, NULL, NULL),
                   hash, "write increment")) {
        mined(c, hash, NULL);
        CHECK(get_tx(c, hash, &t) && !jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
        CHECK(jeq_str_ci(&t, jfind(&t, 0, "input"), "0xd09de08a"));
        CHECK(get_plaintext(c, hash, &p) && jnull(&p, 0));
    } else CHECK(!"write increment()");
    CHECK(ccall(s, NULL, &s->counter, SEISMIC_TRANSPARENT_READ, "getNumber() returns (uint256)", NULL, 0, &d) &&
          jeq_elem_dec(&d, 0, "78") && seismic_json_size(&d.json, 0) == 1);
    CHECK(ccall(s, s->w, &s->counter, SEISMIC_READ, "isOdd() returns (bool)", NULL, 0, &d) &&
          seismic_json_is(&d.json, seismic_json_array_get(&d.json, 0, 0), SEISMIC_JSON_FALSE));
    /* READ without shielded inputs is a transparent call: msg.sender is 0; SREAD signs: the wallet */
    uint64_t before = traffic(s);
    CHECK(ccall(s, s->w, &s->counter, SEISMIC_READ, "whoAmI() returns (address)", NULL, 0, &d) &&
          jeq_str_ci(&d, seismic_json_array_get(&d.json, 0, 0), "0x0000000000000000000000000000000000000000"));
    uint64_t transparent = traffic(s) - before;
    CHECK(transparent == 1);
    before = traffic(s);
    CHECK(ccall(s, s->w, &s->counter, SEISMIC_SIGNED_READ, "whoAmI() returns (address)", NULL, 0, &d) &&
          jeq_addr(&d, seismic_json_array_get(&d.json, 0, 0), &s->me));
    uint64_t signed_read = traffic(s) - before;
    /* READ with a shielded input is a signed read (more round trips than the transparent call) */
    before = traffic(s);
    CHECK(ccall(s, s->w, &s->counter, SEISMIC_READ, "setNumber(suint256)", seventy_seven, 1, &d) &&
          jeq_str_ci(&d, 0, "0x"));
    uint64_t smart_read = traffic(s) - before;
    CHECK(signed_read >= 2 && smart_read >= 2);
    printf("routing [%s]: read whoAmI() = 0x0 in %llu %s, sread = wallet in %llu, read setNumber(suint256) signed in "
           "%llu\n",
           s->label, (unsigned long long)transparent, s->ws ? "frames" : "HTTP requests", (unsigned long long)signed_read,
           (unsigned long long)smart_read);
    /* reads without "returns" give the raw data */
    CHECK(ccall(s, NULL, &s->counter, SEISMIC_TRANSPARENT_READ, "getNumber()", NULL, 0, &d) &&
          jeq_str_ci(&d, 0, "0x000000000000000000000000000000000000000000000000000000000000004e"));
    /* SWRITE without shielded inputs is still shielded; TWRITE with them is transparent */
    if (await_hash(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_SHIELDED_WRITE, "increment()", NULL, 0, NULL, NULL),
                   hash, "swrite increment")) {
        mined(c, hash, NULL);
        CHECK(get_tx(c, hash, &t) && jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
        CHECK(get_plaintext(c, hash, &p) && jeq_str_ci(&p, jfind(&p, 0, "data"), "0xd09de08a"));
    } else CHECK(!"swrite increment()");
    const char *five[] = {"5"};
    seismic_buf cd5 = {0};
    CHECK(encode_call(&cd5, "setNumber(suint256)", five, 1));
    if (await_hash(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_TRANSPARENT_WRITE, "setNumber(suint256)", five, 1, NULL,
                                            NULL),
                   hash, "twrite setNumber")) {
        mined(c, hash, NULL);
        CHECK(get_tx(c, hash, &t) && !jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
        CHECK(jeq_hex(&t, jfind(&t, 0, "input"), cd5.data, cd5.len));
    } else CHECK(!"twrite setNumber(suint256)");
    CHECK(ccall(s, NULL, &s->counter, SEISMIC_TRANSPARENT_READ, "getNumber() returns (uint256)", NULL, 0, &d) &&
          jeq_elem_dec(&d, 0, "5"));
    /* DWRITE: the debug object */
    const char *six[] = {"6"};
    seismic_buf cd6 = {0};
    CHECK(encode_call(&cd6, "setNumber(suint256)", six, 1));
    if (ccall(s, s->w, &s->counter, SEISMIC_DEBUG_WRITE, "setNumber(suint256)", six, 1, &d)) {
        CHECK(jeq_hex(&d, jfind(&d, jfind(&d, 0, "plaintextTx"), "data"), cd6.data, cd6.len));
        CHECK(jbytes(&d, jfind(&d, 0, "txHash"), hash, 32) && mined(c, hash, NULL) != 0);
    } else CHECK(!"dwrite setNumber(suint256)");
    CHECK(ccall(s, s->w, &s->counter, SEISMIC_SIGNED_READ, "getNumber() returns (uint256)", NULL, 0, &d) &&
          jeq_elem_dec(&d, 0, "6"));
    s->number = 6;
    printf("routing [%s]: write -> 0x4a for setNumber(suint256), plain for increment(); swrite shields, twrite does "
           "not; dwrite returns its views\n",
           s->label);

    /* clear errors */
    seismic_result r;
    r = await_fail(c, seismic_contract_call_text(c, NULL, &s->counter, SEISMIC_SHIELDED_WRITE, "increment()", NULL, 0, NULL, NULL),
                   message, sizeof message);
    printf("swrite without a wallet [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r != SEISMIC_OK && message[0]);
    r = await_fail(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_TRANSPARENT_READ, "getNumber(", NULL, 0, NULL, NULL),
                   message, sizeof message);
    printf("bad signature [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r != SEISMIC_OK && message[0]);
    r = await_fail(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_WRITE, "setNumber(suint256)", NULL, 0, NULL,
                                            NULL),
                   message, sizeof message);
    printf("missing argument [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r != SEISMIC_OK && message[0]);
    static const char *const too_big[] = {"300"};
    r = await_fail(c, seismic_contract_call_text(c, NULL, &s->counter, SEISMIC_TRANSPARENT_READ, "getValue(uint8) returns (uint256)",
                                            too_big, 1, NULL, NULL),
                   message, sizeof message);
    CHECK(r == SEISMIC_ERR_INVALID_ARGUMENT && strstr(message, "300") != NULL);
    r = await_fail(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_TRANSPARENT_WRITE, "revertWithSecret()", NULL, 0, NULL,
                                            NULL),
                   message, sizeof message);
    printf("twrite revertWithSecret() [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r == SEISMIC_ERR_RPC && strstr(message, "secret revert") != NULL);
    r = await_fail(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_SHIELDED_WRITE, "revertWithSecret()", NULL, 0, NULL,
                                            NULL),
                   message, sizeof message);
    printf("swrite revertWithSecret() [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r == SEISMIC_ERR_RPC && strstr(message, "secret revert") != NULL);
    /* the failed estimates did not take nonces: the next write is mined */
    if (await_hash(c, seismic_contract_call_text(c, s->w, &s->counter, SEISMIC_WRITE, "increment()", NULL, 0, NULL, NULL),
                   hash, "write after reverts"))
        CHECK(mined(c, hash, NULL) != 0);
    else CHECK(!"write after reverts");
    s->number = 7;
    seismic_buf_free(&cd);
    seismic_buf_free(&cd5);
    seismic_buf_free(&cd6);
    doc_free(&d);
    doc_free(&p);
    doc_free(&t);
}

static void expect_signature(const char *abi, size_t len, const char *function, int nargs, const char *expected) {
    seismic_buf sig = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_abi_json_signature(abi, len, function, nargs, &sig, &err);
    if (r != SEISMIC_OK) fprintf(stderr, "abi_json_signature %s: %s\n", function, err.message);
    CHECK(r == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&sig), expected);
    seismic_buf_free(&sig);
}

static void test_abi_json(suite *s) {
    if (!s->have_counter || !art.ok) return;
    doc d = {0};
    seismic_buf sig = {0};
    seismic_error err = {"", SEISMIC_OK};
    expect_signature(art.counter_abi, art.counter_abi_len, "getNumber", -1, "getNumber() returns (uint256)");
    expect_signature(art.counter_abi, art.counter_abi_len, "getValue", 1, "getValue(uint256) returns (uint256)");
    expect_signature(art.counter_abi, art.counter_abi_len, "whoAmI", 0, "whoAmI() returns (address)");
    expect_signature(art.counter_abi, art.counter_abi_len, "increment", -1, "increment()");
    expect_signature(art.counter_object, art.counter_object_len, "isOdd", -1, "isOdd() returns (bool)");
    expect_signature(art.token_abi, art.token_abi_len, "name", -1, "name() returns (string)");
    expect_signature(art.token_abi, art.token_abi_len, "mint", 2, "mint(address,uint256)");
    expect_signature(art.token_abi, art.token_abi_len, "allowance", 1, "allowance(address) returns (uint256)");
    CHECK(seismic_abi_json_signature(art.counter_abi, art.counter_abi_len, "nope", -1, &sig, &err) != SEISMIC_OK &&
          err.message[0] && sig.len == 0);
    CHECK(seismic_abi_json_signature(art.counter_abi, art.counter_abi_len, "getValue", 3, &sig, &err) != SEISMIC_OK);
    CHECK(seismic_abi_json_signature("{\"abi\":", 7, "getValue", -1, &sig, &err) != SEISMIC_OK);
    /* run functions through the signatures the ABI gives */
    sig.len = 0;
    if (seismic_abi_json_signature(art.counter_abi, art.counter_abi_len, "getNumber", -1, &sig, &err) == SEISMIC_OK) {
        char n[24];
        snprintf(n, sizeof n, "%llu", (unsigned long long)s->number);
        CHECK(ccall(s, NULL, &s->counter, SEISMIC_TRANSPARENT_READ, seismic_buf_cstr(&sig), NULL, 0, &d) && jeq_elem_dec(&d, 0, n));
        CHECK(ccall(s, s->w, &s->counter, SEISMIC_SIGNED_READ, seismic_buf_cstr(&sig), NULL, 0, &d) && jeq_elem_dec(&d, 0, n));
    }
    sig.len = 0;
    if (seismic_abi_json_signature(art.counter_abi, art.counter_abi_len, "whoAmI", -1, &sig, &err) == SEISMIC_OK)
        CHECK(ccall(s, s->w, &s->counter, SEISMIC_SIGNED_READ, seismic_buf_cstr(&sig), NULL, 0, &d) &&
              jeq_addr(&d, seismic_json_array_get(&d.json, 0, 0), &s->me));
    sig.len = 0;
    if (seismic_abi_json_signature(art.counter_abi, art.counter_abi_len, "increment", -1, &sig, &err) == SEISMIC_OK) {
        uint8_t hash[32];
        CHECK(await_hash(s->c, seismic_contract_call_text(s->c, s->w, &s->counter, SEISMIC_WRITE, seismic_buf_cstr(&sig), NULL,
                                                    0, NULL, NULL),
                         hash, "increment from the ABI") &&
              mined(s->c, hash, NULL) != 0);
        s->number++;
    }
    printf("solc ABI [%s]: signatures built from artifacts.json drive tread/sread/write (number now %llu)\n", s->label,
           (unsigned long long)s->number);
    seismic_buf_free(&sig);
    doc_free(&d);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

#define CONCURRENT 50

static void test_concurrent(suite *s) {
    if (!s->have_counter) return;
    seismic_client *c = s->c;
    seismic_request reqs[CONCURRENT];
    seismic_buf data[CONCURRENT];
    uint8_t hashes[CONCURRENT][32];
    uint64_t nonces[CONCURRENT];
    seismic_u256 count_before, count_after;
    memset(data, 0, sizeof data);
    CHECK(call_word(c, &s->counter, "count()", NULL, &count_before));
    uint64_t first_nonce = pending_nonce(c, &s->me);
    uint64_t t0 = now_ms();
    for (int i = 0; i < CONCURRENT; i++) {
        char arg[24];
        snprintf(arg, sizeof arg, "%d", 5000 + i);
        const char *args[] = {arg};
        encode_call(&data[i], "setValue(suint256)", args, 1);
        reqs[i] = seismic_shielded_write(s->w, &s->counter, data[i].data, data[i].len, NULL, NULL);
        CHECK(reqs[i].id != 0);
    }
    CHECK(seismic_client_wait_all(c, reqs, CONCURRENT, 120000) == SEISMIC_OK);
    int sent = 0;
    for (int i = 0; i < CONCURRENT; i++) {
        const seismic_response *resp = seismic_request_response(c, reqs[i]);
        if (seismic_response_tx_hash(resp, hashes[i]) == SEISMIC_OK) {
            sent++;
        } else {
            memset(hashes[i], 0, 32);
            if (resp) fprintf(stderr, "concurrent write %d [%s]: %s\n", i, s->label, resp->error_message);
        }
        seismic_request_release(c, reqs[i]);
    }
    uint64_t t_sent = now_ms() - t0;
    CHECK(sent == CONCURRENT);
    /* wait for all receipts at once, then read the mined transactions' nonces */
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 60000;
    for (int i = 0; i < CONCURRENT; i++) reqs[i] = seismic_eth_wait_for_receipt(c, hashes[i], 100, &o);
    CHECK(seismic_client_wait_all(c, reqs, CONCURRENT, 90000) == SEISMIC_OK);
    int ok = 0;
    for (int i = 0; i < CONCURRENT; i++) {
        const seismic_response *resp = seismic_request_response(c, reqs[i]);
        uint64_t status = 0;
        if (resp && resp->result == SEISMIC_OK &&
            seismic_json_get_u64(&resp->json, seismic_json_find(&resp->json, resp->result_index, "status"), &status) ==
                SEISMIC_OK &&
            status == 1)
            ok++;
        seismic_request_release(c, reqs[i]);
    }
    CHECK(ok == CONCURRENT);
    for (int i = 0; i < CONCURRENT; i++) reqs[i] = seismic_eth_get_transaction(c, hashes[i], NULL);
    CHECK(seismic_client_wait_all(c, reqs, CONCURRENT, 30000) == SEISMIC_OK);
    for (int i = 0; i < CONCURRENT; i++) {
        const seismic_response *resp = seismic_request_response(c, reqs[i]);
        nonces[i] = UINT64_MAX;
        if (resp && resp->result == SEISMIC_OK)
            seismic_json_get_u64(&resp->json, seismic_json_find(&resp->json, resp->result_index, "nonce"), &nonces[i]);
        seismic_request_release(c, reqs[i]);
    }
    qsort(nonces, CONCURRENT, sizeof nonces[0], cmp_u64);
    int consecutive = 1;
    for (int i = 1; i < CONCURRENT; i++) consecutive &= nonces[i] == nonces[i - 1] + 1;
    CHECK(consecutive && nonces[0] == first_nonce);
    CHECK(call_word(c, &s->counter, "count()", NULL, &count_after) && count_after.w[0] == count_before.w[0] + CONCURRENT);
    printf("%d concurrent shielded writes [%s]: %d accepted in %llu ms, %d mined, nonces %llu..%llu distinct and "
           "consecutive, count() %llu -> %llu\n",
           CONCURRENT, s->label, sent, (unsigned long long)t_sent, ok, (unsigned long long)nonces[0],
           (unsigned long long)nonces[CONCURRENT - 1], (unsigned long long)count_before.w[0],
           (unsigned long long)count_after.w[0]);
    for (int i = 0; i < CONCURRENT; i++) seismic_buf_free(&data[i]);
}

/*---- SRC20 ------------------------------------------------------------------------------------*/

typedef struct watch_state {
    int events, errors;
    seismic_src20_event ev[8];
    char error[200];
} watch_state;

static void on_src20_event(const seismic_src20_event *e, void *user) {
    watch_state *w = (watch_state *)user;
    if (w->events < 8) w->ev[w->events] = *e;
    w->events++;
}

static void on_src20_error(seismic_result r, const char *message, void *user) {
    watch_state *w = (watch_state *)user;
    w->errors++;
    snprintf(w->error, sizeof w->error, "%s: %s", seismic_result_string(r), message ? message : "");
}

static bool wait_events(seismic_client *c, watch_state *a, int na, watch_state *b, int nb, int timeout_ms) {
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    while ((a->events < na || b->events < nb) && now_ms() < end) seismic_client_run(c, 50);
    return a->events >= na && b->events >= nb;
}

static bool check_event(const seismic_src20_event *e, bool approval, const seismic_address *from,
                        const seismic_address *to, const seismic_address *token, const uint8_t key[32], uint64_t amount,
                        const uint8_t hash[32], uint64_t block) {
    uint8_t key_hash[32];
    seismic_src20_key_hash(key, key_hash);
    int failed_before = test_failed;
    CHECK(e->is_approval == approval);
    CHECK(seismic_address_equal(&e->from, from) && seismic_address_equal(&e->to, to));
    CHECK(seismic_address_equal(&e->token, token));
    CHECK(memcmp(e->key_hash, key_hash, 32) == 0);
    CHECK(e->amount.w[0] == amount && !e->amount.w[1] && !e->amount.w[2] && !e->amount.w[3]);
    CHECK(memcmp(e->transaction_hash, hash, 32) == 0); /* the 0x4a hash, never the dev node's anvil twin's */
    CHECK(e->block_number == block);
    if (test_failed != failed_before) {
        char f[43], t[43], d[79], h[67], eh[67];
        seismic_hex_encode(hash, 32, h);
        seismic_hex_encode(e->transaction_hash, 32, eh);
        fprintf(stderr, "event: approval %d from %s to %s amount %s block %llu (expected %llu) tx %s (expected %s)\n",
                e->is_approval, addr_str(&e->from, f), addr_str(&e->to, t), u256_dec(&e->amount, d),
                (unsigned long long)e->block_number, (unsigned long long)block, eh, h);
    }
    return test_failed == failed_before;
}

static void test_src20(suite *s) {
    if (!s->have_token) return;
    seismic_client *c = s->c;
    seismic_error err = {"", SEISMIC_OK};
    doc d = {0};
    char a[43], dec[79];
    uint8_t hash[32];

    CHECK(ccall(s, NULL, &s->token, SEISMIC_TRANSPARENT_READ, "name() returns (string)", NULL, 0, &d) &&
          jeq_elem_dec(&d, 0, "Seismic Test Token"));
    CHECK(ccall(s, NULL, &s->token, SEISMIC_TRANSPARENT_READ, "symbol() returns (string)", NULL, 0, &d) && jeq_elem_dec(&d, 0, "STT"));
    CHECK(ccall(s, NULL, &s->token, SEISMIC_TRANSPARENT_READ, "decimals() returns (uint8)", NULL, 0, &d) && jeq_elem_dec(&d, 0, "18"));

    seismic_wallet_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.private_key = KEY1;
    seismic_wallet *wb = seismic_wallet_create_blocking(c, &wd, &err);
    CHECK(wb != NULL);
    if (!wb) return;
    seismic_address A = s->me, B = *seismic_wallet_address(wb);

    /* mint (transparent) */
    char me[43];
    addr_str(&A, me);
    const char *mint_args[] = {me, "1000000"};
    if (await_hash(c, seismic_contract_call_text(c, s->w, &s->token, SEISMIC_WRITE, "mint(address,uint256)", mint_args, 2,
                                            NULL, NULL),
                   hash, "mint")) {
        CHECK(mined(c, hash, NULL) != 0);
        doc t = {0};
        CHECK(get_tx(c, hash, &t) && !jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
        doc_free(&t);
    } else CHECK(!"mint");

    /* viewing keys in the Directory */
    uint8_t ka[32], kb[32], kh[32];
    CHECK(seismic_random_bytes(ka, 32) == SEISMIC_OK && seismic_random_bytes(kb, 32) == SEISMIC_OK);
    ka[0] |= 0x80;
    kb[0] |= 0x80;
    seismic_request ra = seismic_directory_register_key(s->w, ka, NULL), rb = seismic_directory_register_key(wb, kb, NULL);
    uint8_t ha[32], hb[32];
    CHECK(await_hash(c, ra, ha, "register key A") && mined(c, ha, NULL) != 0);
    CHECK(await_hash(c, rb, hb, "register key B") && mined(c, hb, NULL) != 0);
    doc p = {0};
    CHECK(get_plaintext(c, ha, &p) && !jnull(&p, 0)); /* setKey went shielded */
    {
        seismic_buf pt = {0};
        CHECK(seismic_json_get_bytes_buf(&p.json, jfind(&p, 0, "data"), &pt) == SEISMIC_OK && pt.len == 36 &&
              memcmp(pt.data, "\x70\xdf\x09\x33", 4) == 0 && memcmp(pt.data + 4, ka, 32) == 0);
        seismic_buf_free(&pt);
    }
    doc_free(&p);
    seismic_address nobody = rand_address();
    CHECK(await_doc(c, seismic_directory_check_has_key(c, &A, NULL), &d, "checkHasKey A") &&
          seismic_json_is(&d.json, seismic_json_array_get(&d.json, 0, 0), SEISMIC_JSON_TRUE));
    CHECK(await_doc(c, seismic_directory_check_has_key(c, &nobody, NULL), &d, "checkHasKey nobody") &&
          seismic_json_is(&d.json, seismic_json_array_get(&d.json, 0, 0), SEISMIC_JSON_FALSE));
    seismic_src20_key_hash(kb, kh);
    CHECK(await_doc(c, seismic_directory_key_hash(c, &B, NULL), &d, "keyHash B") &&
          jeq_hex(&d, seismic_json_array_get(&d.json, 0, 0), kh, 32));
    static const uint8_t zero[32] = {0};
    seismic_src20_key_hash(zero, kh);
    CHECK(await_doc(c, seismic_directory_key_hash(c, &nobody, NULL), &d, "keyHash nobody") &&
          jeq_hex(&d, seismic_json_array_get(&d.json, 0, 0), kh, 32));
    seismic_u256 key_value;
    CHECK(seismic_u256_from_be(ka, 32, &key_value) == SEISMIC_OK);
    CHECK(await_doc(c, seismic_directory_get_key(s->w, NULL), &d, "getKey A") &&
          jeq_elem_dec(&d, 0, u256_dec(&key_value, dec)));
    wd.private_key = KEY2; /* no key registered */
    seismic_wallet *w2 = seismic_wallet_create_blocking(c, &wd, &err);
    CHECK(w2 && await_doc(c, seismic_directory_get_key(w2, NULL), &d, "getKey none") && jeq_elem_dec(&d, 0, "0"));
    if (w2) seismic_wallet_destroy(w2);
    printf("directory [%s]: keys of %s and B registered by shielded setKey; checkHasKey true/false, keyHash = "
           "keccak(key), getKey returns the key, 0 without one\n",
           s->label, addr_str(&A, a));

    /* watchers for both viewing keys, then a shielded transfer and an approval */
    uint64_t from_block = block_number(c) + 1;
    watch_state wa, wbs;
    memset(&wa, 0, sizeof wa);
    memset(&wbs, 0, sizeof wbs);
    seismic_src20_watch_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.has_token = true;
    desc.token = s->token;
    desc.from_block = seismic_block_at_number(from_block);
    desc.poll_interval_ms = 200;
    desc.on_event = on_src20_event;
    desc.on_error = on_src20_error;
    memcpy(desc.viewing_key, ka, 32);
    desc.user_data = &wa;
    seismic_src20_watcher *watch_a = seismic_src20_watch(c, &desc, &err);
    CHECK(watch_a != NULL);
    memcpy(desc.viewing_key, kb, 32);
    desc.user_data = &wbs;
    desc.has_token = false; /* any token */
    seismic_src20_watcher *watch_b = seismic_src20_watch(c, &desc, &err);
    CHECK(watch_b != NULL);
    seismic_client_run(c, 500); /* subscriptions confirmed */

    seismic_u256 amount = seismic_u256_from_u64(1234), allowance = seismic_u256_from_u64(500);
    uint8_t th[32], ah[32];
    uint64_t tblock = 0, ablock = 0;
    /* The dev node holds anvil's answers for 300 ms: anvil has mined and announced each transaction before the
       node knows which 0x4a transaction it was, every time (tools/testenv/devnode: devnode_setAnswerDelay). */
    CHECK(seismic_rpc_call(c, "devnode_setAnswerDelay", "[300]", NULL, &err) == SEISMIC_OK);
    uint64_t t0 = now_ms();
    if (await_hash(c, seismic_src20_transfer(s->w, &s->token, &B, &amount, NULL), th, "src20 transfer")) {
        tblock = mined(c, th, NULL);
        doc t = {0};
        CHECK(get_tx(c, th, &t) && jeq_str_ci(&t, jfind(&t, 0, "type"), "0x4a"));
        doc_free(&t);
    } else CHECK(!"src20 transfer");
    CHECK(wait_events(c, &wa, 1, &wbs, 1, 15000));
    uint64_t t_event = now_ms() - t0;
    if (await_hash(c, seismic_src20_approve(s->w, &s->token, &B, &allowance, NULL), ah, "src20 approve"))
        ablock = mined(c, ah, NULL);
    else CHECK(!"src20 approve");
    CHECK(wait_events(c, &wa, 2, &wbs, 2, 15000));
    CHECK(seismic_rpc_call(c, "devnode_setAnswerDelay", "[0]", NULL, &err) == SEISMIC_OK);
    seismic_client_run(c, 600); /* nothing else arrives */
    CHECK(wa.events == 2 && wbs.events == 2);
    CHECK(wa.errors == 0 && wbs.errors == 0);
    if (wa.errors || wbs.errors) fprintf(stderr, "watcher errors [%s]: %s %s\n", s->label, wa.error, wbs.error);
    if (wa.events >= 2 && wbs.events >= 2) {
        CHECK(check_event(&wbs.ev[0], false, &A, &B, &s->token, kb, 1234, th, tblock));
        CHECK(check_event(&wa.ev[0], false, &A, &B, &s->token, ka, 1234, th, tblock));
        CHECK(check_event(&wbs.ev[1], true, &A, &B, &s->token, kb, 500, ah, ablock));
        CHECK(check_event(&wa.ev[1], true, &A, &B, &s->token, ka, 500, ah, ablock));
    }
    printf("watcher [%s, %s]: Transfer of %s delivered decrypted to both parties %llu ms after sending; Approval of 500 "
           "too\n",
           s->label, s->ws ? "subscription" : "polling", u256_dec(&amount, dec), (unsigned long long)t_event);
    seismic_src20_watch_stop(watch_a);
    seismic_src20_watch_stop(watch_b);

    /* balances by signed read, allowance */
    CHECK(await_doc(c, seismic_src20_balance(s->w, &s->token, NULL), &d, "balance A") && jeq_elem_dec(&d, 0, "998766"));
    CHECK(await_doc(c, seismic_src20_balance(wb, &s->token, NULL), &d, "balance B") && jeq_elem_dec(&d, 0, "1234"));
    char b_str[43];
    addr_str(&B, b_str);
    const char *spender[] = {b_str};
    CHECK(ccall(s, s->w, &s->token, SEISMIC_SIGNED_READ, "allowance(address) returns (uint256)", spender, 1, &d) &&
          jeq_elem_dec(&d, 0, "500"));
    /* B spends part of the allowance with transferFrom(address,address,suint256) */
    const char *tf_args[] = {me, b_str, "200"};
    if (await_hash(c, seismic_contract_call_text(c, wb, &s->token, SEISMIC_WRITE, "transferFrom(address,address,suint256)",
                                            tf_args, 3, NULL, NULL),
                   hash, "transferFrom"))
        CHECK(mined(c, hash, NULL) != 0);
    else CHECK(!"transferFrom");
    CHECK(await_doc(c, seismic_src20_balance(wb, &s->token, NULL), &d, "balance B") && jeq_elem_dec(&d, 0, "1434"));
    /* more than the balance: the estimate reverts with the reason */
    seismic_u256 too_much = seismic_u256_from_u64(10000000);
    char message[300];
    seismic_result r = await_fail(c, seismic_src20_transfer(s->w, &s->token, &B, &too_much, NULL), message, sizeof message);
    printf("src20 transfer beyond the balance [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r == SEISMIC_ERR_RPC && strstr(message, "insufficient balance") != NULL);
    printf("src20 [%s]: name/symbol/decimals, mint 1000000, transfer 1234, approve 500, transferFrom 200: balances "
           "998566/1434 by signed read\n",
           s->label);
    CHECK(await_doc(c, seismic_src20_balance(s->w, &s->token, NULL), &d, "balance A") && jeq_elem_dec(&d, 0, "998566"));
    seismic_wallet_destroy(wb);
    doc_free(&d);
}

/*---- precompiles and deposits -----------------------------------------------------------------*/

static const seismic_address precompile_rng = SEISMIC_PRECOMPILE_RNG, precompile_ecdh = SEISMIC_PRECOMPILE_ECDH,
                             precompile_aes_gcm_encrypt = SEISMIC_PRECOMPILE_AES_GCM_ENCRYPT,
                             precompile_aes_gcm_decrypt = SEISMIC_PRECOMPILE_AES_GCM_DECRYPT,
                             precompile_hkdf = SEISMIC_PRECOMPILE_HKDF,
                             precompile_secp256k1_sign = SEISMIC_PRECOMPILE_SECP256K1_SIGN;

static bool precompile(seismic_client *c, seismic_address address, const seismic_buf *input, seismic_buf *out) {
    doc d = {0};
    out->len = 0;
    bool ok = await_doc(c, seismic_precompile_call(c, &address, input->data, input->len, NULL), &d, "precompile") &&
              seismic_json_get_bytes_buf(&d.json, 0, out) == SEISMIC_OK;
    doc_free(&d);
    return ok;
}

/* EVM code for the deposit contract's two getters: get_deposit_root() returns root, get_deposit_count()
   returns bytes(le64(count)); anything else reverts. */
static void fake_deposit_code(seismic_buf *code, const uint8_t root[32], uint64_t count) {
    static const uint8_t dispatch[] = {
        0x60, 0x00, 0x35, 0x60, 0xe0, 0x1c,       /* 0: selector = calldataload(0) >> 224 */
        0x80, 0x63, 0xc5, 0xf2, 0x89, 0x2f, 0x14, /* 6: dup, push4 get_deposit_root, eq */
        0x60, 0x00, 0x57,                         /* 13: push1 root label (patched), jumpi */
        0x63, 0x62, 0x1f, 0xd1, 0x30, 0x14,       /* 16: push4 get_deposit_count, eq */
        0x60, 0x00, 0x57,                         /* 22: push1 count label (patched), jumpi */
        0x60, 0x00, 0x80, 0xfd,                   /* 25: revert(0, 0) */
    };
    static const uint8_t return_word[] = {0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3}; /* mstore(0); return(0, 32) */
    static const uint8_t count_head[] = {0x5b, 0x60, 0x20, 0x60, 0x00, 0x52,  /* jumpdest, mstore(0, 0x20) */
                                         0x60, 0x08, 0x60, 0x20, 0x52, 0x7f}; /* mstore(0x20, 8), push32 */
    static const uint8_t count_tail[] = {0x60, 0x40, 0x52, 0x60, 0x60, 0x60, 0x00, 0xf3}; /* mstore(0x40); return(0, 96) */
    size_t base = code->len;
    seismic_buf_append(code, dispatch, sizeof dispatch);
    size_t root_label = code->len - base;
    seismic_buf_append_byte(code, 0x5b); /* jumpdest, push32 root */
    seismic_buf_append_byte(code, 0x7f);
    seismic_buf_append(code, root, 32);
    seismic_buf_append(code, return_word, sizeof return_word);
    size_t count_label = code->len - base;
    uint8_t word[32];
    memset(word, 0, 32);
    for (int i = 0; i < 8; i++) word[i] = (uint8_t)(count >> (8 * i));
    seismic_buf_append(code, count_head, sizeof count_head);
    seismic_buf_append(code, word, 32);
    seismic_buf_append(code, count_tail, sizeof count_tail);
    if (!code->failed) {
        code->data[base + 14] = (uint8_t)root_label;
        code->data[base + 23] = (uint8_t)count_label;
    }
}

static void test_precompiles(suite *s) {
    seismic_client *c = s->c;
    seismic_buf in = {0}, out = {0};
    uint8_t zero_key[32], zero_nonce[12];
    memset(zero_key, 0, 32);
    memset(zero_nonce, 0, 12);
    /* AES-GCM encrypt 0x66 with the vector of spec 9.8, then decrypt 0x67 */
    CHECK(seismic_precompile_aes_gcm_encrypt_input(zero_key, zero_nonce, "HelloAESGCM", 11, &in) == SEISMIC_OK);
    CHECK(precompile(c, precompile_aes_gcm_encrypt, &in, &out));
    CHECK_HEX(out.data, out.len, "86c22c5122212e3d400d886f80dfcfcbacb96cbc815db886e1a6cd");
    seismic_buf ct = {0};
    seismic_buf_append(&ct, out.data, out.len);
    in.len = 0;
    CHECK(seismic_precompile_aes_gcm_decrypt_input(zero_key, zero_nonce, ct.data, ct.len, &in) == SEISMIC_OK);
    CHECK(precompile(c, precompile_aes_gcm_decrypt, &in, &out) && out.len == 11 &&
          memcmp(out.data, "HelloAESGCM", 11) == 0);
    seismic_buf_free(&ct);
    /* HKDF 0x68 */
    in.len = 0;
    CHECK(seismic_precompile_hkdf_input("HelloHKDF", 9, &in) == SEISMIC_OK);
    CHECK(precompile(c, precompile_hkdf, &in, &out));
    CHECK_HEX(out.data, out.len, "7f527a655fecfa58cd49e00b13684f2df335a3e1a3b9bee749f4d494087038f2");
    /* RNG 0x64: 16 bytes */
    in.len = 0;
    CHECK(seismic_precompile_rng_input(16, "seed", 4, &in) == SEISMIC_OK);
    CHECK(precompile(c, precompile_rng, &in, &out) && out.len == 16);
    /* ECDH 0x65: the request key of the pair, as the SDK derives it */
    seismic_private_key sk;
    seismic_encryption enc;
    uint8_t tee[33];
    size_t tee_len = 0;
    CHECK(seismic_hex_decode(PK_TEE, strlen(PK_TEE), tee, 33, &tee_len) == SEISMIC_OK && tee_len == 33);
    CHECK(seismic_private_key_from_hex(SK_C, &sk) == SEISMIC_OK);
    CHECK(seismic_encryption_init(&enc, &sk, tee) == SEISMIC_OK);
    in.len = 0;
    CHECK(seismic_precompile_ecdh_input(&sk, tee, &in) == SEISMIC_OK);
    CHECK(precompile(c, precompile_ecdh, &in, &out) && out.len == 32 &&
          memcmp(out.data, enc.request_key, 32) == 0);
    seismic_buf_wipe(&in);
    seismic_encryption_wipe(&enc);
    /* secp256k1 sign 0x69: r ‖ s ‖ v of an EIP-191 hash, recovering to the signer */
    uint8_t digest[32];
    seismic_private_key k0;
    seismic_eip191_hash("hello", 5, digest);
    CHECK(seismic_private_key_from_hex(KEY0, &k0) == SEISMIC_OK);
    CHECK(seismic_precompile_secp256k1_sign_input(&k0, digest, &in) == SEISMIC_OK);
    seismic_private_key_wipe(&k0);
    if (precompile(c, precompile_secp256k1_sign, &in, &out) && out.len == 65) {
        seismic_signature sig;
        seismic_address signer;
        memcpy(sig.r, out.data, 32);
        memcpy(sig.s, out.data + 32, 32);
        sig.y_parity = (uint8_t)(out.data[64] >= 27 ? out.data[64] - 27 : out.data[64]);
        CHECK(seismic_recover(digest, &sig, &signer, NULL) == SEISMIC_OK && seismic_address_equal(&signer, &s->me));
    } else CHECK(!"secp256k1 sign precompile");
    seismic_buf_wipe(&in);
    /* an address that is no precompile is refused before anything is sent */
    char message[300];
    seismic_address not_precompile = SEISMIC_DIRECTORY_ADDRESS;
    seismic_result r = await_fail(c, seismic_precompile_call(c, &not_precompile, "", 0, NULL), message, sizeof message);
    CHECK(r == SEISMIC_ERR_INVALID_ARGUMENT && strstr(message, "precompile") != NULL);
    printf("precompiles [%s]: AES-GCM 0x66 = spec 9.8 vector, 0x67 opens it, HKDF 0x68 = 7f527a..f2, RNG 16 bytes, ECDH = "
           "request key, sign recovers to the dev key\n",
           s->label);

    /* deposit getters against a stand-in contract installed at the deposit address */
    uint8_t root[32];
    CHECK(seismic_random_bytes(root, 32) == SEISMIC_OK);
    uint64_t count = 3 + (rand_u64() % 1000);
    seismic_buf code = {0};
    fake_deposit_code(&code, root, count);
    seismic_buf params = {0};
    seismic_address deposit = SEISMIC_DEPOSIT_CONTRACT_ADDRESS;
    seismic_buf_append_str(&params, "[\"");
    seismic_buf_append_hex(&params, deposit.bytes, 20);
    seismic_buf_append_str(&params, "\",\"");
    seismic_buf_append_hex(&params, code.data, code.len);
    seismic_buf_append_str(&params, "\"]");
    doc d = {0};
    CHECK(rpc_doc(c, "anvil_setCode", seismic_buf_cstr(&params), &d));
    /* results as decoded outputs: ["0x<root>"] and ["0x<le64 count>"] */
    CHECK(await_doc(c, seismic_deposit_root(c, NULL), &d, "deposit root") &&
          jeq_hex(&d, seismic_json_array_get(&d.json, 0, 0), root, 32));
    uint64_t got = UINT64_MAX;
    uint8_t le[8];
    if (await_doc(c, seismic_deposit_count(c, NULL), &d, "deposit count") &&
        jbytes(&d, seismic_json_array_get(&d.json, 0, 0), le, 8)) {
        got = 0;
        for (int i = 7; i >= 0; i--) got = got << 8 | le[i];
    }
    CHECK(got == count);
    printf("deposit [%s]: get_deposit_root and get_deposit_count (%llu, little-endian bytes) read through the SDK\n",
           s->label, (unsigned long long)got);
    seismic_address wc_addr = parse_address(ADDR0);
    uint8_t creds[32];
    seismic_deposit_withdrawal_credentials(&wc_addr, creds);
    CHECK_HEX(creds, 32, "010000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    seismic_buf_free(&code);
    seismic_buf_free(&params);
    seismic_buf_free(&in);
    seismic_buf_free(&out);
    doc_free(&d);
}

/*---- expiry -----------------------------------------------------------------------------------*/

static void test_expired(suite *s) {
    if (!s->have_counter) return;
    seismic_client *c = s->c;
    mine_blocks(c, 3);
    doc b = {0};
    seismic_block_ref latest = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
    uint64_t head = 0;
    seismic_tx_options tx;
    memset(&tx, 0, sizeof tx);
    tx.has_security = true;
    CHECK(await_doc(c, seismic_eth_get_block(c, &latest, false, NULL), &b, "latest") &&
          jbytes(&b, jfind(&b, 0, "hash"), tx.recent_block_hash, 32));
    head = ju64(&b, jfind(&b, 0, "number"));
    doc_free(&b);
    CHECK(seismic_encryption_nonce_generate(tx.encryption_nonce) == SEISMIC_OK);
    tx.expires_at_block = head - 2;
    const char *args[] = {"424242"};
    seismic_buf data = {0};
    CHECK(encode_call(&data, "setNumber(suint256)", args, 1));
    uint64_t nonce = pending_nonce(c, &s->me);
    char message[300];
    seismic_result r =
        await_fail(c, seismic_shielded_write(s->w, &s->counter, data.data, data.len, &tx, NULL), message, sizeof message);
    printf("expired shielded write [%s] (expires at %llu, head %llu): %s (%s)\n", s->label,
           (unsigned long long)tx.expires_at_block, (unsigned long long)head, seismic_result_string(r), message);
    CHECK(r != SEISMIC_OK && strstr(message, "expire") != NULL);
    /* with a given gas limit (no estimate) too */
    tx.gas = 200000;
    CHECK(seismic_encryption_nonce_generate(tx.encryption_nonce) == SEISMIC_OK);
    r = await_fail(c, seismic_shielded_write(s->w, &s->counter, data.data, data.len, &tx, NULL), message, sizeof message);
    CHECK(r != SEISMIC_OK && strstr(message, "expire") != NULL);
    /* a signed read with an expired block too */
    static const uint8_t get_number[4] = {0xf2, 0xc9, 0xec, 0xd8};
    r = await_fail(c, seismic_signed_read(s->w, &s->counter, get_number, 4, &tx, NULL), message, sizeof message);
    printf("expired signed read [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r != SEISMIC_OK && strstr(message, "expire") != NULL);
    /* an encryption nonce whose first byte is 0 is refused */
    tx.expires_at_block = head + 50;
    tx.encryption_nonce[0] = 0;
    r = await_fail(c, seismic_shielded_write(s->w, &s->counter, data.data, data.len, &tx, NULL), message, sizeof message);
    printf("encryption nonce starting with 0 [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
    CHECK(r == SEISMIC_ERR_INVALID_ARGUMENT);
    /* valid security parameters are used as given */
    CHECK(seismic_encryption_nonce_generate(tx.encryption_nonce) == SEISMIC_OK);
    uint8_t hash[32];
    if (await_hash(c, seismic_shielded_write(s->w, &s->counter, data.data, data.len, &tx, NULL), hash, "with security")) {
        CHECK(mined(c, hash, NULL) != 0);
        doc t = {0};
        seismic_u256 n_sent, n_seen; /* the node shows the encryption nonce as a quantity */
        CHECK(seismic_u256_from_be(tx.encryption_nonce, 12, &n_sent) == SEISMIC_OK);
        CHECK(get_tx(c, hash, &t) && ju64(&t, jfind(&t, 0, "expiresAtBlock")) == head + 50);
        CHECK(jeq_hex(&t, jfind(&t, 0, "recentBlockHash"), tx.recent_block_hash, 32));
        CHECK(ju256(&t, jfind(&t, 0, "encryptionNonce"), &n_seen) && seismic_u256_cmp(&n_sent, &n_seen) == 0);
        /* the failed writes did not use up nonces */
        CHECK(ju64(&t, jfind(&t, 0, "nonce")) == nonce);
        doc_free(&t);
    } else CHECK(!"shielded write with valid security parameters");
    seismic_buf_free(&data);
}

/*---- subscriptions ----------------------------------------------------------------------------*/

typedef struct heads_state {
    int notifications;
    uint64_t last_number;
} heads_state;

static void on_head(seismic_client *c, seismic_subscription sub, const seismic_json *json, int result, void *user) {
    heads_state *st = (heads_state *)user;
    uint64_t number = 0;
    (void)c;
    (void)sub;
    if (seismic_json_get_u64(json, seismic_json_find(json, result, "number"), &number) == SEISMIC_OK) {
        st->notifications++;
        st->last_number = number;
    }
}

static void test_new_heads(suite *s) {
    seismic_client *c = s->c;
    heads_state st = {0, 0};
    seismic_subscription sub = seismic_subscribe(c, "[\"newHeads\"]", on_head, &st);
    CHECK(sub.id != 0);
    uint64_t end = now_ms() + 5000;
    while (!seismic_subscription_active(c, sub) && now_ms() < end) seismic_client_run(c, 20);
    CHECK(seismic_subscription_active(c, sub));
    uint64_t head = block_number(c);
    mine_blocks(c, 3);
    end = now_ms() + 5000;
    while (st.notifications < 3 && now_ms() < end) seismic_client_run(c, 20);
    CHECK(st.notifications == 3 && st.last_number == head + 3);
    printf("newHeads [%s]: %d notifications, last block %llu\n", s->label, st.notifications,
           (unsigned long long)st.last_number);
    CHECK(seismic_unsubscribe(c, sub) == SEISMIC_OK);
    seismic_client_run(c, 200);
}

/*---- servers that die mid-flow ----------------------------------------------------------------*/

/* A socket interface over POSIX sockets with a kill switch: after `limit` sends the "server" is
   gone: every send fails, every receive sees the peer close, every connect is refused. */
typedef struct killer {
    long limit; /* -1: no limit */
    long sends;
    bool dead;
} killer;

/* Plain non-blocking sockets, POSIX or Winsock2 (as a user's own socket interface would have them). */
#if defined(_WIN32)
#include <ws2tcpip.h>
typedef SOCKET test_sock;
static int test_sock_errno(void) { return WSAGetLastError(); }
static bool test_sock_would_block(int e) { return e == WSAEWOULDBLOCK; }
static void test_sock_close(test_sock s) { closesocket(s); }
#else
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
typedef int test_sock;
static int test_sock_errno(void) { return errno; }
static bool test_sock_would_block(int e) { return e == EAGAIN || e == EWOULDBLOCK || e == EINPROGRESS; }
static void test_sock_close(test_sock s) { close(s); }
#endif
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

static intptr_t k_connect(const char *host, uint16_t port, void *user, seismic_error *err) {
    killer *k = (killer *)user;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (k->dead || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        if (err) {
            err->result = SEISMIC_ERR_TRANSPORT;
            snprintf(err->message, sizeof err->message, "connect %s:%u: connection refused (test server down)", host,
                     (unsigned)port);
        }
        return -1;
    }
    test_sock fd = socket(AF_INET, SOCK_STREAM, 0);
#if defined(_WIN32)
    u_long non_blocking = 1;
    if (fd == INVALID_SOCKET) return -1;
    ioctlsocket(fd, FIONBIO, &non_blocking);
#else
    if (fd < 0) return -1;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
#endif
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 && !test_sock_would_block(test_sock_errno())) {
        int e = test_sock_errno();
        test_sock_close(fd);
        if (err) {
            err->result = SEISMIC_ERR_TRANSPORT;
            snprintf(err->message, sizeof err->message, "connect: error %d", e);
        }
        return -1;
    }
    return (intptr_t)fd;
}

static int k_finish_connect(intptr_t sock, void *user, seismic_error *err) {
    int e = 0;
    socklen_t len = sizeof e;
    (void)user;
    if (getsockopt((test_sock)sock, SOL_SOCKET, SO_ERROR, (char *)&e, &len) != 0 || e != 0) {
        if (err) {
            err->result = SEISMIC_ERR_TRANSPORT;
            snprintf(err->message, sizeof err->message, "connect: error %d", e);
        }
        return -1;
    }
    return 0;
}

static ptrdiff_t k_send(intptr_t sock, const void *data, size_t len, void *user) {
    killer *k = (killer *)user;
    if (k->limit >= 0 && k->sends >= k->limit) k->dead = true;
    if (k->dead) return SEISMIC_IO_ERROR;
    ptrdiff_t n = send((test_sock)sock, (const char *)data, (int)len, MSG_NOSIGNAL);
    if (n < 0) return test_sock_would_block(test_sock_errno()) ? SEISMIC_IO_AGAIN : SEISMIC_IO_ERROR;
    k->sends++;
    return n;
}

static ptrdiff_t k_recv(intptr_t sock, void *buf, size_t len, void *user) {
    killer *k = (killer *)user;
    if (k->dead) return 0;
    ptrdiff_t n = recv((test_sock)sock, (char *)buf, (int)len, 0);
    if (n < 0) return test_sock_would_block(test_sock_errno()) ? SEISMIC_IO_AGAIN : SEISMIC_IO_ERROR;
    return n;
}

static void k_close(intptr_t sock, void *user) {
    (void)user;
    test_sock_close((test_sock)sock);
}

static int k_fd(intptr_t sock, void *user) {
    (void)user;
    return (int)sock;
}

static seismic_client *killer_client(const char *url, killer *k) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.timeout_ms = 4000;
    d.max_retries = 1;
    d.retry_base_delay_ms = 20;
    d.retry_max_delay_ms = 100;
    d.ws_reconnect_max_delay_ms = 200;
    d.sockets.connect = k_connect;
    d.sockets.finish_connect = k_finish_connect;
    d.sockets.send = k_send;
    d.sockets.recv = k_recv;
    d.sockets.close = k_close;
    d.sockets.fd = k_fd;
    d.sockets.user_data = k;
    return make_client(url, &d);
}

static void test_dies_mid_flow(suite *s) {
    if (!s->have_counter) return;
    seismic_error err = {"", SEISMIC_OK};
    seismic_wallet_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.private_key = KEY5;
    const char *args[] = {"55"};
    seismic_buf data = {0};
    CHECK(encode_call(&data, "setNumber(suint256)", args, 1));
    uint8_t hash[32];

    /* how many sends one shielded write takes */
    killer k = {-1, 0, false};
    seismic_client *c = killer_client(s->url, &k);
    if (!c) return;
    seismic_wallet *w = seismic_wallet_create_blocking(c, &wd, &err);
    CHECK(w != NULL);
    long flow = 0;
    if (w) {
        long start = k.sends;
        bool sent = await_hash(c, seismic_shielded_write(w, &s->counter, data.data, data.len, NULL, NULL), hash, "write");
        flow = k.sends - start; /* not counting the receipt polls */
        CHECK(sent && mined(c, hash, NULL) != 0);
        seismic_wallet_destroy(w);
    }
    check_balanced(c, "killer client");
    seismic_client_destroy(c);
    printf("mid-flow [%s]: one shielded write takes %ld sends\n", s->label, flow);
    CHECK(flow >= 2);

    /* the server dies before each of those sends in turn */
    for (long cut = 0; cut < flow && cut < 8; cut++) {
        killer kk = {-1, 0, false};
        c = killer_client(s->url, &kk);
        if (!c) return;
        w = seismic_wallet_create_blocking(c, &wd, &err);
        CHECK(w != NULL);
        if (!w) {
            seismic_client_destroy(c);
            continue;
        }
        uint64_t t0 = now_ms();
        kk.limit = kk.sends + cut;
        char message[300];
        seismic_result r =
            await_fail(c, seismic_shielded_write(w, &s->counter, data.data, data.len, NULL, NULL), message, sizeof message);
        printf("mid-flow [%s]: server gone after %ld of %ld sends: %s after %llu ms (%s)\n", s->label, cut, flow,
               seismic_result_string(r), (unsigned long long)(now_ms() - t0), message);
        CHECK(r != SEISMIC_OK && message[0]);
        check_balanced(c, "dead server");
        /* the server comes back: the same wallet writes again, with a nonce that is not burnt */
        kk.limit = -1;
        kk.dead = false;
        seismic_request_options patient; /* a node holds a tx with a nonce gap for a while before answering */
        memset(&patient, 0, sizeof patient);
        patient.timeout_ms = 15000;
        bool ok = await_hash(c, seismic_shielded_write(w, &s->counter, data.data, data.len, NULL, &patient), hash,
                             "write after the server came back");
        CHECK(ok);
        if (ok) {
            seismic_request_options o;
            memset(&o, 0, sizeof o);
            o.timeout_ms = 8000;
            doc rc = {0};
            bool got = await_doc(c, seismic_eth_wait_for_receipt(c, hash, 100, &o), &rc, "receipt after revival");
            if (!got) fprintf(stderr, "mid-flow [%s] cut %ld: the next write was not mined (nonce gap?)\n", s->label, cut);
            CHECK(got);
            doc_free(&rc);
        }
        seismic_wallet_destroy(w);
        check_balanced(c, "revived server");
        seismic_client_destroy(c);
    }
    seismic_buf_free(&data);
}

/* The dev node answers every HTTP request with 503 for a while (set over WebSocket, which it spares). */
static void test_http_faults(suite *s, const char *ws_url) {
    if (!s->have_counter) return;
    seismic_error err = {"", SEISMIC_OK};
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_retries = 1;
    d.retry_base_delay_ms = 20;
    seismic_client *c = make_client(s->url, &d), *ctl = make_client(ws_url, NULL);
    if (!c || !ctl) return;
    seismic_wallet_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.private_key = KEY5;
    seismic_wallet *w = seismic_wallet_create_blocking(c, &wd, &err);
    CHECK(w != NULL);
    if (w) {
        const char *args[] = {"56"};
        seismic_buf data = {0};
        CHECK(encode_call(&data, "setNumber(suint256)", args, 1));
        CHECK(seismic_rpc_call(ctl, "devnode_setFault", "[{\"failNext\":1000,\"status\":503}]", NULL, &err) == SEISMIC_OK);
        char message[300];
        seismic_result r =
            await_fail(c, seismic_shielded_write(w, &s->counter, data.data, data.len, NULL, NULL), message, sizeof message);
        printf("node answering 503 [%s]: %s (%s)\n", s->label, seismic_result_string(r), message);
        CHECK(r == SEISMIC_ERR_HTTP && strstr(message, "503") != NULL);
        CHECK(seismic_rpc_call(ctl, "devnode_setFault", "[{\"failNext\":0}]", NULL, &err) == SEISMIC_OK);
        uint8_t hash[32];
        CHECK(await_hash(c, seismic_shielded_write(w, &s->counter, data.data, data.len, NULL, NULL), hash,
                         "write after 503s") &&
              mined(c, hash, NULL) != 0);
        /* one 503 is retried away */
        CHECK(seismic_rpc_call(ctl, "devnode_setFault", "[{\"failNext\":1,\"status\":503}]", NULL, &err) == SEISMIC_OK);
        CHECK(await_hash(c, seismic_shielded_write(w, &s->counter, data.data, data.len, NULL, NULL), hash,
                         "write through one 503") &&
              mined(c, hash, NULL) != 0);
        seismic_buf_free(&data);
        seismic_wallet_destroy(w);
    }
    check_balanced(c, "503 client");
    check_balanced(ctl, "control client");
    seismic_client_destroy(c);
    seismic_client_destroy(ctl);
}

/*---- whole runs -------------------------------------------------------------------------------*/

static void run_suite(const char *label, const char *url, bool ws, const char *ws_url) {
    suite s;
    memset(&s, 0, sizeof s);
    s.label = label;
    s.url = url;
    s.ws = ws;
    g_label = label;
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.timeout_ms = 60000;
    s.c = make_client(url, &d);
    if (!s.c) return;
    uint64_t t0 = now_ms();
    test_wallets(&s);
    if (s.w) {
        test_deploy(&s);
        test_shielded(&s);
        test_eth_actions(&s);
        test_pinned(&s);
        test_routing(&s);
        test_abi_json(&s);
        test_concurrent(&s);
        test_src20(&s);
        test_precompiles(&s);
        test_expired(&s);
        if (ws) test_new_heads(&s);
        seismic_wallet_destroy(s.w);
    }
    check_balanced(s.c, "suite client");
    seismic_client_stats st = seismic_client_get_stats(s.c);
    printf("run [%s]: %llu requests, %llu HTTP requests, %llu WebSocket frames, %llu connections, %llu ms\n", label,
           (unsigned long long)st.submitted, (unsigned long long)st.http_requests, (unsigned long long)st.ws_frames_sent,
           (unsigned long long)st.connections_opened, (unsigned long long)(now_ms() - t0));
    seismic_client_destroy(s.c);
    test_dies_mid_flow(&s);
    if (!ws) test_http_faults(&s, ws_url);
}

/* Anvil has no seismic_getTeePublicKey. */
static void test_no_tee_key(const char *url, const char *label) {
    g_label = label;
    seismic_client *c = make_client(url, NULL);
    if (!c) return;
    seismic_error err = {"", SEISMIC_OK};
    seismic_wallet_desc d;
    memset(&d, 0, sizeof d);
    d.private_key = KEY0;
    seismic_wallet *w = seismic_wallet_create_blocking(c, &d, &err);
    CHECK(w == NULL);
    if (w) seismic_wallet_destroy(w);
    printf("wallet on plain anvil [%s]: %s\n", label, err.message);
    CHECK(err.result != SEISMIC_OK && (strstr(err.message, "TEE") || strstr(err.message, "getTeePublicKey")));
    uint64_t chain = 0;
    CHECK(seismic_await_u64(c, seismic_eth_chain_id(c, NULL), &chain, &err) == SEISMIC_OK && chain == 31337);
    check_balanced(c, "anvil client");
    seismic_client_destroy(c);
}

static void fault_url(char *out, size_t cap, const char *path) {
    const char *base = env("SEISMIC_TEST_FAULT_HTTP");
    if (strncmp(path, "/ws/", 4) == 0) snprintf(out, cap, "ws://%s%s", base + 7, path);
    else snprintf(out, cap, "%s%s", base, path);
}

/* Wallets pointed at the fault server: wrong answers, stalls, resets, closes. */
static void test_fault_server(void) {
    static const char *const paths[] = {"/ok", "/ws/ok", "/stall", "/reset-mid-body", "/garbage-status", "/ws/close"};
    g_label = "fault";
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char url[300];
        fault_url(url, sizeof url, paths[i]);
        seismic_client_desc d;
        memset(&d, 0, sizeof d);
        d.timeout_ms = 1500;
        d.max_retries = 1;
        d.retry_base_delay_ms = 20;
        seismic_client *c = make_client(url, &d);
        if (!c) continue;
        seismic_error err = {"", SEISMIC_OK};
        seismic_wallet_desc wd;
        memset(&wd, 0, sizeof wd);
        wd.private_key = KEY0;
        uint64_t t0 = now_ms();
        seismic_wallet *w = seismic_wallet_create_blocking(c, &wd, &err);
        printf("wallet on the fault server %s: %s after %llu ms (%s)\n", paths[i], seismic_result_string(err.result),
               (unsigned long long)(now_ms() - t0), err.message);
        CHECK(w == NULL && err.result != SEISMIC_OK && err.message[0]);
        if (w) seismic_wallet_destroy(w);
        if (strcmp(paths[i], "/ok") == 0 || strcmp(paths[i], "/ws/ok") == 0)
            CHECK(strstr(err.message, "TEE") != NULL || strstr(err.message, "getTeePublicKey") != NULL);
        if (strcmp(paths[i], "/stall") == 0) CHECK(err.result == SEISMIC_ERR_TIMEOUT);
        check_balanced(c, paths[i]);
        seismic_client_destroy(c);
    }
}

int main(void) {
#ifdef SIGPIPE
    signal(SIGPIPE, SIG_IGN);
#endif
    const char *http = env("SEISMIC_TEST_DEVNODE_HTTP"), *ws = env("SEISMIC_TEST_DEVNODE_WS");
    load_artifacts();
    run_suite("http", http, false, ws);
    run_suite("ws", ws, true, ws);
    test_no_tee_key(env("SEISMIC_TEST_ANVIL_HTTP"), "anvil http");
    test_no_tee_key(env("SEISMIC_TEST_ANVIL_WS"), "anvil ws");
    test_fault_server();
    free_artifacts();
    return test_summary();
}
