/* Typed results: the seismic_response_* accessors, seismic_await_response and the completion queue.
   First against hand-written responses (hostile shapes included; the private parts are reached the way
   sokol's tests do), then against the dev node, where every typed value is checked against an
   independent fact: the hash the write returned, the key the wallet encrypts with, the block the receipt
   names, the balance eth_getBalance reports, the bytes a constructor logged. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "support.h"

#define KEY0 "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

/*---- hand-written responses -------------------------------------------------------------------*/

typedef struct fake {
    _seismic_req req; /* owns the views, as a request slot does */
    char text[4096];
    seismic_json_token tokens[256];
} fake;

/* A successful response whose result is `result_json`. */
static const seismic_response *fake_response(fake *f, const char *result_json) {
    memset(f, 0, sizeof *f);
    snprintf(f->text, sizeof f->text, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":%s}", result_json);
    seismic_response *resp = &f->req.response;
    CHECK(seismic_json_parse(&resp->json, f->text, strlen(f->text), f->tokens, 256, NULL) == SEISMIC_OK);
    resp->result_index = seismic_json_find(&resp->json, 0, "result");
    resp->_request = &f->req;
    return resp;
}

static void fake_free(fake *f) { _seismic_views_free(&f->req); }

#define H32A "0x1111111111111111111111111111111111111111111111111111111111111111"
#define H32B "0x2222222222222222222222222222222222222222222222222222222222222222"
#define ADDR "0x5fbdb2315678afecb367f032d93f642f64180aa3"

static void test_fake_shapes(void) {
    fake f;
    uint8_t hash[32], key[33];
    /* tx hash: a write's string, a debug write's object; anything else is a parse error */
    CHECK(seismic_response_tx_hash(fake_response(&f, "\"" H32A "\""), hash) == SEISMIC_OK && hash[0] == 0x11);
    CHECK(seismic_response_tx_hash(fake_response(&f, "{\"txHash\":\"" H32B "\",\"rawTx\":\"0x00\"}"), hash) == SEISMIC_OK &&
          hash[31] == 0x22);
    CHECK(seismic_response_tx_hash(fake_response(&f, "\"0x1234\""), hash) == SEISMIC_ERR_PARSE);
    /* a NULL length means "exactly cap bytes": shorter and longer hex are refused (the former _exact) */
    size_t got = 0;
    CHECK(seismic_hex_decode("0x1234", 6, hash, 32, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x1234", 6, hash, 1, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_hex_decode("0x1234", 6, hash, 2, NULL) == SEISMIC_OK && hash[1] == 0x34);
    CHECK(seismic_hex_decode("0x1234", 6, hash, 32, &got) == SEISMIC_OK && got == 2);
    CHECK(seismic_response_tx_hash(fake_response(&f, "42"), hash) == SEISMIC_ERR_PARSE);
    CHECK(seismic_response_tx_hash(fake_response(&f, "null"), hash) == SEISMIC_ERR_NOT_FOUND);
    CHECK(seismic_response_tx_hash(NULL, hash) == SEISMIC_ERR_INVALID_HANDLE);
    /* the TEE key: with or without 0x, and it must be a point on the curve */
    CHECK(seismic_response_tee_key(fake_response(&f, "\"0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0\""),
                                   key) == SEISMIC_OK);
    CHECK_HEX(key, 33, "028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0");
    CHECK(seismic_response_tee_key(fake_response(&f, "\"028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0\""),
                                   key) == SEISMIC_OK);
    CHECK(seismic_response_tee_key(fake_response(&f, "\"0x048e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0\""),
                                   key) == SEISMIC_ERR_PARSE);

    /* logs: views of data, at most 4 topics, pending logs without positions */
    const seismic_log *logs = NULL;
    size_t n = 99;
    CHECK(seismic_response_logs(fake_response(&f, "[{\"address\":\"" ADDR "\",\"topics\":[\"" H32A "\",\"" H32B
                                                  "\"],\"data\":\"0xdeadbeef\",\"blockNumber\":\"0x10\",\"blockHash\":\"" H32B
                                                  "\",\"transactionHash\":\"" H32A "\",\"transactionIndex\":\"0x0\","
                                                  "\"logIndex\":\"0x3\",\"removed\":false},"
                                                  "{\"address\":\"" ADDR "\",\"topics\":[],\"data\":\"0x\",\"blockNumber\":null,"
                                                  "\"blockHash\":null,\"transactionHash\":null,\"logIndex\":null}]"),
                                &logs, &n) == SEISMIC_OK);
    CHECK(n == 2 && logs != NULL);
    if (n == 2 && logs) {
        CHECK(logs[0].topic_count == 2 && logs[0].topics[1][0] == 0x22 && logs[0].data_len == 4);
        CHECK_HEX(logs[0].data, logs[0].data_len, "deadbeef");
        CHECK(logs[0].block_number == 16 && logs[0].log_index == 3 && !logs[0].removed);
        CHECK(logs[1].topic_count == 0 && logs[1].data_len == 0 && logs[1].block_number == 0);
    }
    fake_free(&f);
    CHECK(seismic_response_logs(fake_response(&f, "[{\"address\":\"" ADDR "\",\"topics\":[\"" H32A "\",\"" H32A "\",\"" H32A
                                                  "\",\"" H32A "\",\"" H32A "\"],\"data\":\"0x\"}]"),
                                &logs, &n) == SEISMIC_ERR_PARSE); /* five topics */
    fake_free(&f);
    CHECK(seismic_response_logs(fake_response(&f, "[{\"address\":\"" ADDR "\",\"topics\":[\"0x11\"],\"data\":\"0x\"}]"), &logs,
                                &n) == SEISMIC_ERR_PARSE); /* a short topic */
    fake_free(&f);
    CHECK(seismic_response_logs(fake_response(&f, "[{\"address\":\"" ADDR "\",\"topics\":[],\"data\":\"0xabc\"}]"), &logs, &n) ==
          SEISMIC_ERR_PARSE); /* odd hex */
    fake_free(&f);
    CHECK(seismic_response_logs(fake_response(&f, "[{\"topics\":[],\"data\":\"0x\"}]"), &logs, &n) == SEISMIC_ERR_PARSE);
    fake_free(&f);
    CHECK(seismic_response_logs(fake_response(&f, "{}"), &logs, &n) == SEISMIC_ERR_PARSE && n == 0 && logs == NULL);
    fake_free(&f);

    /* receipts: null until mined, a deployment has no `to`, status must be 0 or 1 */
    seismic_receipt rc;
    CHECK(seismic_response_receipt(fake_response(&f, "null"), &rc) == SEISMIC_ERR_NOT_FOUND);
    const char *receipt = "{\"status\":\"0x1\",\"transactionHash\":\"" H32A "\",\"transactionIndex\":\"0x0\","
                          "\"blockNumber\":\"0x7\",\"blockHash\":\"" H32B "\",\"from\":\"" ADDR "\",\"to\":null,"
                          "\"contractAddress\":\"" ADDR "\",\"gasUsed\":\"0x5208\",\"cumulativeGasUsed\":\"0x5208\","
                          "\"effectiveGasPrice\":\"0x3b9aca00\",\"type\":\"0x2\",\"logs\":[]}";
    CHECK(seismic_response_receipt(fake_response(&f, receipt), &rc) == SEISMIC_OK);
    CHECK(rc.success && rc.block_number == 7 && !rc.has_to && rc.has_contract_address && rc.gas_used == 21000 &&
          rc.type == 2 && rc.log_count == 0);
    CHECK(rc.effective_gas_price.w[0] == 1000000000u);
    fake_free(&f);
    CHECK(seismic_response_receipt(fake_response(&f, "{\"status\":\"0x2\",\"transactionHash\":\"" H32A "\",\"transactionIndex\":"
                                                     "\"0x0\",\"blockNumber\":\"0x7\",\"blockHash\":\"" H32B "\",\"from\":\"" ADDR
                                                     "\",\"gasUsed\":\"0x1\",\"cumulativeGasUsed\":\"0x1\",\"logs\":[]}"),
                                   &rc) == SEISMIC_ERR_PARSE);
    fake_free(&f);
    CHECK(seismic_response_receipt(fake_response(&f, "{\"status\":\"0x1\"}"), &rc) == SEISMIC_ERR_PARSE);
    fake_free(&f);

    /* blocks: hashes of a light block and of a full one alike; base fee is optional */
    seismic_block b;
    const char *head = "\"number\":\"0x10\",\"hash\":\"" H32A "\",\"parentHash\":\"" H32B "\",\"timestamp\":\"0x65\","
                       "\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"0x0\",\"miner\":\"" ADDR "\",";
    char text[1024];
    snprintf(text, sizeof text, "{%s\"transactions\":[\"" H32A "\",\"" H32B "\"]}", head);
    CHECK(seismic_response_block(fake_response(&f, text), &b) == SEISMIC_OK);
    CHECK(b.number == 16 && b.timestamp == 101 && !b.has_base_fee && b.transaction_count == 2 &&
          b.transaction_hashes[1][0] == 0x22);
    fake_free(&f);
    snprintf(text, sizeof text, "{%s\"baseFeePerGas\":\"0x7\",\"transactions\":[{\"hash\":\"" H32B "\"}]}", head);
    CHECK(seismic_response_block(fake_response(&f, text), &b) == SEISMIC_OK);
    CHECK(b.has_base_fee && b.base_fee_per_gas.w[0] == 7 && b.transaction_count == 1 && b.transaction_hashes[0][5] == 0x22);
    fake_free(&f);
    snprintf(text, sizeof text, "{%s\"transactions\":[{\"hash\":\"0x12\"}]}", head);
    CHECK(seismic_response_block(fake_response(&f, text), &b) == SEISMIC_ERR_PARSE);
    fake_free(&f);
    snprintf(text, sizeof text, "{%s\"transactions\":{}}", head);
    CHECK(seismic_response_block(fake_response(&f, text), &b) == SEISMIC_ERR_PARSE);
    fake_free(&f);

    /* transactions: an encryption nonce wider than 96 bits is refused */
    seismic_transaction tx;
    const char *tx_head = "{\"type\":\"0x4a\",\"hash\":\"" H32A "\",\"from\":\"" ADDR "\",\"to\":\"" ADDR "\",\"nonce\":\"0x1\","
                          "\"gas\":\"0x5208\",\"gasPrice\":\"0x1\",\"value\":\"0x0\",\"input\":\"0x0102\",\"chainId\":\"0x7a69\","
                          "\"encryptionPubkey\":\"0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0\","
                          "\"messageVersion\":\"0x2\",\"recentBlockHash\":\"" H32B "\",\"expiresAtBlock\":\"0x64\","
                          "\"signedRead\":false,\"blockHash\":null,\"blockNumber\":null,\"transactionIndex\":null,";
    snprintf(text, sizeof text, "%s\"encryptionNonce\":\"0x46a2b6020bba77fcb1e676a6\"}", tx_head);
    CHECK(seismic_response_transaction(fake_response(&f, text), &tx) == SEISMIC_OK);
    CHECK(tx.type == 0x4a && tx.pending && tx.chain_id == 31337 && tx.message_version == 2 && tx.expires_at_block == 100 &&
          tx.input_len == 2 && tx.input[1] == 2);
    CHECK_HEX(tx.encryption_nonce, 12, "46a2b6020bba77fcb1e676a6");
    fake_free(&f);
    snprintf(text, sizeof text, "%s\"encryptionNonce\":\"0x0146a2b6020bba77fcb1e676a6\"}", tx_head);
    CHECK(seismic_response_transaction(fake_response(&f, text), &tx) == SEISMIC_ERR_PARSE);
    fake_free(&f);

    /* balances */
    seismic_balances bal;
    CHECK(seismic_response_balances(fake_response(&f, "{\"blockNumber\":\"0x3\",\"blockHash\":\"" H32A
                                                      "\",\"balances\":[\"0x0\",\"0xde0b6b3a7640000\"]}"),
                                    &bal) == SEISMIC_OK);
    CHECK(bal.block_number == 3 && bal.count == 2 && bal.balances[1].w[0] == 1000000000000000000u);
    fake_free(&f);
    CHECK(seismic_response_balances(fake_response(&f, "{\"blockNumber\":\"0x3\",\"blockHash\":\"" H32A
                                                      "\",\"balances\":[\"0x0\",\"zz\"]}"),
                                    &bal) == SEISMIC_ERR_PARSE);
    fake_free(&f);
    /* a response without typed outputs has no ABI values */
    const seismic_abi_value *values = NULL;
    size_t count = 0;
    CHECK(seismic_response_abi(fake_response(&f, "\"0x\""), &values, &count) == SEISMIC_ERR_INVALID_ARGUMENT);
    fake_free(&f);
}

/* seismic_contract_address builds its RLP without allocating: the known vectors, and the RLP encoder's
   bytes for nonces at every length boundary. */
static void test_contract_address(void) {
    static const char *const expected[] = {"0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d", "0x343c43a37d37dff08ae8c4a11544c718abb4fcf8",
                                           "0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91", "0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c"};
    seismic_address sender = addr("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0"), out;
    for (uint64_t n = 0; n < 4; n++) {
        seismic_contract_address(&sender, n, &out);
        CHECK_HEX(out.bytes, 20, expected[n]);
    }
    static const uint64_t nonces[] = {0x7f, 0x80, 0xff, 0x100, 0xffffffffu, 0x100000000u, UINT64_MAX};
    for (size_t i = 0; i < sizeof nonces / sizeof *nonces; i++) {
        seismic_buf rlp = {0};
        uint8_t hash[32];
        size_t list = seismic_rlp_list_begin(&rlp);
        seismic_rlp_put_bytes(&rlp, sender.bytes, 20);
        seismic_rlp_put_u64(&rlp, nonces[i]);
        seismic_rlp_list_end(&rlp, list);
        seismic_keccak256(rlp.data, rlp.len, hash);
        seismic_contract_address(&sender, nonces[i], &out);
        CHECK(memcmp(out.bytes, hash + 12, 20) == 0);
        seismic_buf_free(&rlp);
    }
}

/*---- against the dev node ---------------------------------------------------------------------*/

static seismic_client *client;
static seismic_wallet *wallet;

static const seismic_response *await_ok(seismic_request r, const char *what) {
    seismic_error err = {0};
    const seismic_response *resp = seismic_await_response(client, r, &err);
    if (!resp || resp->result) fprintf(stderr, "%s: %s\n", what, err.message);
    CHECK(resp && resp->result == SEISMIC_OK);
    return resp && resp->result == SEISMIC_OK ? resp : NULL;
}

/* Waits for a write and its receipt; *receipt_request is the receipt's request (release it). */
static bool mined(seismic_request write, uint8_t hash[32], seismic_receipt *rc, seismic_request *receipt_request) {
    const seismic_response *resp = await_ok(write, "write");
    bool ok = resp && seismic_response_tx_hash(resp, hash) == SEISMIC_OK;
    seismic_request_release(client, write);
    CHECK(ok);
    if (!ok) return false;
    *receipt_request = seismic_eth_wait_for_receipt(client, hash, 100, NULL);
    resp = await_ok(*receipt_request, "receipt");
    ok = resp && seismic_response_receipt(resp, rc) == SEISMIC_OK;
    CHECK(ok && rc->success && memcmp(rc->transaction_hash, hash, 32) == 0);
    return ok && rc->success;
}

/* The constructor logs 0xdeadbeef with two topics and deploys no code. */
static void test_logs_and_deploy(seismic_address *created) {
    uint8_t init[] = {0x63, 0xde, 0xad, 0xbe, 0xef, 0x60, 0x00, 0x52, 0x7f};
    seismic_buf code = {0};
    uint8_t t0[32], t1[32], hash[32];
    memset(t0, 0xa0, 32);
    memset(t1, 0xb1, 32);
    seismic_buf_append(&code, init, sizeof init);
    seismic_buf_append(&code, t1, 32);
    seismic_buf_append_byte(&code, 0x7f);
    seismic_buf_append(&code, t0, 32);
    static const uint8_t tail[] = {0x60, 0x04, 0x60, 0x1c, 0xa2, 0x00};
    seismic_buf_append(&code, tail, sizeof tail);
    seismic_receipt rc;
    seismic_request receipt = {0};
    if (mined(seismic_transparent_write(wallet, NULL, code.data, code.len, NULL, NULL), hash, &rc, &receipt)) {
        CHECK(!rc.has_to && rc.has_contract_address && rc.log_count == 1);
        CHECK(seismic_address_equal(&rc.from, seismic_wallet_address(wallet)));
        seismic_address expected;
        seismic_transaction tx;
        seismic_request t = seismic_eth_get_transaction(client, hash, NULL);
        const seismic_response *resp = await_ok(t, "eth_getTransactionByHash");
        CHECK(resp && seismic_response_transaction(resp, &tx) == SEISMIC_OK);
        if (resp) {
            seismic_contract_address(&tx.from, tx.nonce, &expected);
            CHECK(seismic_address_equal(&expected, &rc.contract_address));
            CHECK(!tx.has_to && tx.input_len == code.len && memcmp(tx.input, code.data, code.len) == 0);
            CHECK(!tx.pending && tx.block_number == rc.block_number);
        }
        seismic_request_release(client, t);
        *created = rc.contract_address;
        if (rc.log_count == 1) {
            const seismic_log *l = &rc.logs[0];
            CHECK(seismic_address_equal(&l->address, &rc.contract_address));
            CHECK(l->topic_count == 2 && memcmp(l->topics[0], t0, 32) == 0 && memcmp(l->topics[1], t1, 32) == 0);
            CHECK_HEX(l->data, l->data_len, "deadbeef");
            CHECK(l->block_number == rc.block_number && memcmp(l->transaction_hash, hash, 32) == 0);
        }
        /* the same log through eth_getLogs */
        seismic_log_filter filter;
        memset(&filter, 0, sizeof filter);
        filter.from_block = filter.to_block = seismic_block_at_number(rc.block_number);
        filter.addresses = &rc.contract_address;
        filter.address_count = 1;
        seismic_request lr = seismic_eth_get_logs(client, &filter, NULL);
        const seismic_log *logs = NULL;
        size_t n = 0;
        resp = await_ok(lr, "eth_getLogs");
        CHECK(resp && seismic_response_logs(resp, &logs, &n) == SEISMIC_OK && n == 1);
        if (n == 1) {
            CHECK_HEX(logs[0].data, logs[0].data_len, "deadbeef");
            CHECK(memcmp(logs[0].topics[0], t0, 32) == 0 && logs[0].log_index == rc.logs[0].log_index);
        }
        seismic_request_release(client, lr);
    }
    seismic_request_release(client, receipt);
    seismic_buf_free(&code);
}

/*---- typed log filters ------------------------------------------------------------------------*/

/* A contract whose constructor logs 4 bytes with topics t0, t1 (and deploys no code). */
typedef struct logger {
    uint8_t t0[32], t1[32];
    seismic_address address;
    uint64_t block_number;
    uint8_t block_hash[32];
} logger;

static bool deploy_logger(logger *l) {
    static const uint8_t head[] = {0x63, 0xde, 0xad, 0xbe, 0xef, 0x60, 0x00, 0x52, 0x7f}, tail[] = {0x60, 0x04, 0x60, 0x1c, 0xa2, 0x00};
    seismic_buf code = {0};
    uint8_t hash[32];
    seismic_buf_append(&code, head, sizeof head);
    seismic_buf_append(&code, l->t1, 32);
    seismic_buf_append_byte(&code, 0x7f);
    seismic_buf_append(&code, l->t0, 32);
    seismic_buf_append(&code, tail, sizeof tail);
    seismic_receipt rc;
    seismic_request receipt = {0};
    bool ok = mined(seismic_transparent_write(wallet, NULL, code.data, code.len, NULL, NULL), hash, &rc, &receipt) &&
              rc.has_contract_address && rc.log_count == 1;
    if (ok) {
        l->address = rc.contract_address;
        l->block_number = rc.block_number;
        memcpy(l->block_hash, rc.block_hash, 32);
    }
    seismic_request_release(client, receipt);
    seismic_buf_free(&code);
    CHECK(ok);
    return ok;
}

/* Runs the filter on c and checks that exactly the loggers in `expect` (a bit per logger) logged, once each. */
static void expect_logs(seismic_client *c, const char *node, const char *what, const seismic_log_filter *f,
                        const logger *loggers, size_t nloggers, unsigned expect) {
    seismic_error err = {0};
    seismic_request r = seismic_eth_get_logs(c, f, NULL);
    const seismic_response *resp = seismic_await_response(c, r, &err);
    const seismic_log *logs = NULL;
    size_t n = 0;
    unsigned seen = 0;
    bool ok = resp && seismic_response_logs(resp, &logs, &n) == SEISMIC_OK;
    for (size_t i = 0; ok && i < n; i++) {
        size_t k = 0;
        while (k < nloggers && !seismic_address_equal(&logs[i].address, &loggers[k].address)) k++;
        ok = k < nloggers && !(seen & (1u << k)) && logs[i].block_number == loggers[k].block_number &&
             logs[i].topic_count == 2 && memcmp(logs[i].topics[0], loggers[k].t0, 32) == 0;
        if (ok) seen |= 1u << k;
    }
    if (!ok || seen != expect)
        fprintf(stderr, "  %s, %s: %zu logs, seen %x, expected %x (%s)\n", node, what, n, seen, expect, err.message);
    CHECK(ok && seen == expect);
    seismic_request_release(c, r);
}

/* Refused before anything is sent: {0}, the reason in seismic_client_last_error, no request made. */
static void expect_refused(seismic_client *c, const seismic_log_filter *f, const char *message) {
    uint64_t submitted = seismic_client_get_stats(c).submitted;
    seismic_request r = seismic_eth_get_logs(c, f, NULL);
    const seismic_error *e = seismic_client_last_error(c);
    if (r.id || !strstr(e->message, message)) fprintf(stderr, "  refusal: got \"%s\", want \"%s\"\n", e->message, message);
    CHECK(r.id == 0 && e->result == SEISMIC_ERR_INVALID_ARGUMENT && strstr(e->message, message) != NULL);
    CHECK(seismic_client_get_stats(c).submitted == submitted);
    r = seismic_eth_new_filter(c, f, NULL);
    CHECK(r.id == 0 && strstr(seismic_client_last_error(c)->message, message) != NULL);
    CHECK(seismic_client_get_stats(c).submitted == submitted);
}

static void ignore_log(const seismic_log *log, const seismic_event_args *args, void *user_data) {
    (void)log;
    (void)args;
    (void)user_data;
}

/* Three loggers (fresh random topics: L0 and L1 share t1), found by address, by address list, by an OR-list
   of topics, by a wildcard position, by ranges from the genesis block, by block hash; on the dev node and
   on Anvil behind it, so both accept the JSON we send. */
static void test_log_filters(void) {
    logger L[3];
    seismic_error err = {0};
    for (int i = 0; i < 3; i++) {
        CHECK(seismic_random_bytes(L[i].t0, 32) == SEISMIC_OK && seismic_random_bytes(L[i].t1, 32) == SEISMIC_OK);
        if (i == 1) memcpy(L[1].t1, L[0].t1, 32);
        if (!deploy_logger(&L[i])) return;
    }
    seismic_client_desc ad = {0};
    ad.url = env("SEISMIC_TEST_ANVIL_HTTP");
    seismic_client *anvil = seismic_client_create(&ad, &err);
    CHECK(anvil != NULL);
    seismic_client *nodes[2] = {client, anvil};
    const char *names[2] = {"dev node", "anvil"};
    uint8_t all_t0[3][32];
    for (int i = 0; i < 3; i++) memcpy(all_t0[i], L[i].t0, 32);
    seismic_address both[2] = {L[0].address, L[2].address};
    for (int n = 0; n < 2 && nodes[n]; n++) {
        seismic_client *c = nodes[n];
        seismic_log_filter f;
        memset(&f, 0, sizeof f);
        f.from_block = seismic_block_at_number(0);
        f.addresses = &L[1].address;
        f.address_count = 1;
        expect_logs(c, names[n], "one address from genesis", &f, L, 3, 2u);
        f.addresses = both;
        f.address_count = 2;
        expect_logs(c, names[n], "two addresses", &f, L, 3, 1u | 4u);
        memset(&f, 0, sizeof f);
        f.from_block = seismic_block_at_tag(SEISMIC_BLOCK_EARLIEST);
        f.topics[0].any_of = (const uint8_t(*)[32])all_t0[0];
        f.topics[0].count = 3;
        expect_logs(c, names[n], "topic 0 one of three, from earliest", &f, L, 3, 7u);
        f.topics[0].any_of = (const uint8_t(*)[32])all_t0[2];
        f.topics[0].count = 1;
        expect_logs(c, names[n], "topic 0 exactly", &f, L, 3, 4u);
        memset(&f.topics[0], 0, sizeof f.topics[0]); /* position 0 any, position 1 the shared topic */
        f.topics[1].any_of = (const uint8_t(*)[32])L[0].t1;
        f.topics[1].count = 1;
        expect_logs(c, names[n], "topic 0 any, topic 1 shared", &f, L, 3, 1u | 2u);
        memset(&f, 0, sizeof f);
        f.topics[0].any_of = (const uint8_t(*)[32])all_t0[0];
        f.topics[0].count = 3;
        f.from_block = seismic_block_at_number(0);
        f.to_block = seismic_block_at_number(L[0].block_number);
        expect_logs(c, names[n], "genesis to the first logger's block", &f, L, 3, 1u);
        f.from_block = seismic_block_at_number(L[1].block_number);
        f.to_block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
        expect_logs(c, names[n], "the second logger's block to latest", &f, L, 3, 2u | 4u);
        f.from_block = f.to_block = seismic_block_at_number(L[2].block_number);
        expect_logs(c, names[n], "one block by number", &f, L, 3, 4u);
        memset(&f.from_block, 0, sizeof f.from_block);
        memset(&f.to_block, 0, sizeof f.to_block);
        f.has_block_hash = true;
        memcpy(f.block_hash, L[1].block_hash, 32);
        expect_logs(c, names[n], "by block hash", &f, L, 3, 2u);
    }
    /* refused before sending */
    seismic_log_filter bad;
    memset(&bad, 0, sizeof bad);
    bad.address_count = 2;
    expect_refused(client, &bad, "log filter: address_count without addresses");
    memset(&bad, 0, sizeof bad);
    bad.topics[2].count = 1;
    expect_refused(client, &bad, "topics[2] has a count but no topics");
    memset(&bad, 0, sizeof bad);
    bad.from_block = seismic_block_at_hash(L[0].block_hash);
    expect_refused(client, &bad, "from_block is a block hash");
    bad.from_block = seismic_block_at_number(1);
    bad.to_block = seismic_block_at_hash(L[0].block_hash);
    expect_refused(client, &bad, "to_block is a block hash");
    memset(&bad, 0, sizeof bad);
    bad.has_block_hash = true;
    bad.to_block = seismic_block_at_number(3);
    expect_refused(client, &bad, "block_hash and from_block/to_block exclude each other");
    memset(&bad, 0, sizeof bad);
    bad.from_block = seismic_block_at_number(10);
    bad.to_block = seismic_block_at_number(5);
    expect_refused(client, &bad, "from_block 10 is after to_block 5");
    bad.to_block = seismic_block_at_tag(SEISMIC_BLOCK_EARLIEST);
    expect_refused(client, &bad, "from_block 10 is after to_block 0");
    memset(&bad, 0, sizeof bad);
    bad.to_block.kind = (seismic_block_kind)99;
    expect_refused(client, &bad, "to_block: unknown kind 99");
    /* a NULL filter is every log of the latest block; eth_newFilter takes the same typed filter */
    seismic_request every = seismic_eth_get_logs(client, NULL, NULL);
    const seismic_response *resp = seismic_await_response(client, every, &err);
    const seismic_log *logs = NULL;
    size_t count = 0;
    CHECK(resp && seismic_response_logs(resp, &logs, &count) == SEISMIC_OK);
    seismic_request_release(client, every);
    seismic_log_filter f;
    memset(&f, 0, sizeof f);
    f.addresses = &L[2].address;
    f.address_count = 1;
    f.from_block = seismic_block_at_number(0);
    seismic_request nf = seismic_eth_new_filter(client, &f, NULL);
    resp = seismic_await_response(client, nf, &err);
    size_t id_len = 0;
    const char *id = resp ? seismic_response_raw(resp, &id_len) : NULL;
    CHECK(id && id_len > 4 && id[0] == '"' && id[1] == '0' && id[2] == 'x'); /* the filter's id */
    seismic_request_release(client, nf);
    /* the log watcher takes the same filter, and follows the head: no end, no single block */
    seismic_log_watch_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.on_log = ignore_log;
    wd.filter.to_block = seismic_block_at_number(5);
    CHECK(seismic_log_watch(client, &wd, &err) == NULL && strstr(err.message, "a watcher follows the head") != NULL);
    memset(&wd.filter.to_block, 0, sizeof wd.filter.to_block);
    wd.filter.has_block_hash = true;
    CHECK(seismic_log_watch(client, &wd, &err) == NULL && strstr(err.message, "a watcher follows the head") != NULL);
    wd.filter.has_block_hash = false;
    wd.filter.address_count = 1;
    CHECK(seismic_log_watch(client, &wd, &err) == NULL && strstr(err.message, "log watch: address_count") != NULL);
    if (anvil) seismic_client_destroy(anvil);
}

/* A shielded write of setNumber(42) to the counter: hash, receipt, block, 0x4a transaction, signed read. */
static void test_shielded_roundtrip(const seismic_address *counter) {
    seismic_abi_args args = {0};
    seismic_abi_arg_u64(&args, 42);
    uint8_t hash[32];
    seismic_receipt rc;
    seismic_request receipt = {0};
    seismic_request w = seismic_contract_call(wallet, counter, SEISMIC_WRITE, "setNumber(suint256)", &args, NULL, NULL);
    seismic_abi_args_free(&args);
    if (mined(w, hash, &rc, &receipt)) {
        CHECK(rc.has_to && seismic_address_equal(&rc.to, counter) && !rc.has_contract_address);
        /* the block the receipt names lists the transaction */
        seismic_block_ref at = seismic_block_at_number(rc.block_number);
        seismic_request br = seismic_eth_get_block(client, &at, false, NULL);
        seismic_block b;
        const seismic_response *resp = await_ok(br, "eth_getBlockByNumber");
        CHECK(resp && seismic_response_block(resp, &b) == SEISMIC_OK);
        if (resp) {
            CHECK(b.number == rc.block_number && memcmp(b.hash, rc.block_hash, 32) == 0 && b.gas_limit > 0);
            bool listed = false;
            for (size_t i = 0; i < b.transaction_count; i++) listed |= memcmp(b.transaction_hashes[i], hash, 32) == 0;
            CHECK(listed);
        }
        seismic_request_release(client, br);
        /* the transaction carries the wallet's encryption key and a recent block */
        seismic_transaction tx;
        seismic_request tr = seismic_eth_get_transaction(client, hash, NULL);
        resp = await_ok(tr, "eth_getTransactionByHash");
        CHECK(resp && seismic_response_transaction(resp, &tx) == SEISMIC_OK);
        if (resp) {
            CHECK(tx.type == SEISMIC_TX_TYPE_SEISMIC && !tx.signed_read && tx.message_version == 0);
            CHECK(memcmp(tx.encryption_pubkey, seismic_wallet_encryption(wallet)->public_key, 33) == 0);
            CHECK(tx.encryption_nonce[0] != 0 && tx.expires_at_block >= rc.block_number);
            CHECK(seismic_address_equal(&tx.from, seismic_wallet_address(wallet)) && seismic_address_equal(&tx.to, counter));
            CHECK(tx.input_len == 4 + 32 + 16); /* selector + word, encrypted: + the GCM tag */
        }
        seismic_request_release(client, tr);
    }
    seismic_request_release(client, receipt);
    /* the signed read's decoded outputs */
    seismic_request rd = seismic_contract_call(wallet, counter, SEISMIC_SIGNED_READ, "getNumber() returns (uint256)", NULL, NULL,
                                               NULL);
    const seismic_response *resp = await_ok(rd, "signed read");
    const seismic_abi_value *values = NULL;
    size_t count = 0;
    uint64_t number = 0;
    CHECK(resp && seismic_response_abi(resp, &values, &count) == SEISMIC_OK);
    CHECK(count == 2 && values && values[0].kind == SEISMIC_ABI_TUPLE && values[0].count == 1);
    CHECK(count == 2 && seismic_abi_value_u64(&values[1], &number) == SEISMIC_OK && number == 42);
    seismic_request_release(client, rd);
}

/* Deploys SeismicCounter from the dev node's artifacts. */
static bool deploy_counter(seismic_address *out) {
    FILE *f = fopen("tools/testenv/devnode/contracts/artifacts.json", "rb");
    seismic_buf text = {0}, code = {0};
    char chunk[65536];
    size_t n;
    CHECK(f != NULL);
    if (!f) return false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(&text, chunk, n);
    fclose(f);
    seismic_json j;
    seismic_json_parse(&j, (const char *)text.data, text.len, NULL, 0, NULL); /* counts the tokens */
    seismic_json_token *tokens = (seismic_json_token *)malloc(j.count * sizeof *tokens);
    bool ok = tokens && seismic_json_parse(&j, (const char *)text.data, text.len, tokens, j.count, NULL) == SEISMIC_OK;
    int counter = seismic_json_find(&j, seismic_json_find(&j, 0, "contracts"), "SeismicCounter");
    ok = ok && seismic_json_get_bytes_buf(&j, seismic_json_find(&j, counter, "bytecode"), &code) == SEISMIC_OK;
    CHECK(ok);
    uint8_t hash[32];
    seismic_receipt rc;
    seismic_request receipt = {0};
    ok = ok && mined(seismic_transparent_write(wallet, NULL, code.data, code.len, NULL, NULL), hash, &rc, &receipt) &&
         rc.has_contract_address;
    if (ok) *out = rc.contract_address;
    seismic_request_release(client, receipt);
    free(tokens);
    seismic_buf_free(&text);
    seismic_buf_free(&code);
    return ok;
}

static void test_tee_key_and_balances(void) {
    uint8_t key[33];
    seismic_request k = seismic_get_tee_public_key(client, NULL);
    const seismic_response *resp = await_ok(k, "TEE key");
    CHECK(resp && seismic_response_tee_key(resp, key) == SEISMIC_OK);
    CHECK(memcmp(key, seismic_wallet_encryption(wallet)->tee_public_key, 33) == 0);
    seismic_request_release(client, k);

    seismic_address addresses[3];
    addresses[0] = *seismic_wallet_address(wallet);
    addresses[1] = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    CHECK(seismic_random_bytes(addresses[2].bytes, 20) == SEISMIC_OK);
    seismic_request br = seismic_eth_get_balances(client, addresses, 3, NULL, NULL);
    seismic_balances bal;
    resp = await_ok(br, "get_balances");
    CHECK(resp && seismic_response_balances(resp, &bal) == SEISMIC_OK && bal.count == 3);
    if (resp && bal.count == 3) {
        seismic_block_ref at = seismic_block_at_hash(bal.block_hash);
        for (size_t i = 0; i < 3; i++) { /* the same balance, read alone at the pinned hash */
            seismic_u256 v;
            seismic_error err = {0};
            CHECK(seismic_await_u256(client, seismic_eth_get_balance(client, &addresses[i], &at, NULL), &v, &err) == SEISMIC_OK);
            CHECK(seismic_u256_cmp(&v, &bal.balances[i]) == 0);
        }
        CHECK(seismic_u256_is_zero(&bal.balances[2]) && !seismic_u256_is_zero(&bal.balances[0]));
        seismic_block_ref by_number = seismic_block_at_number(bal.block_number);
        seismic_request h = seismic_eth_get_block(client, &by_number, false, NULL);
        seismic_block b;
        const seismic_response *hr = await_ok(h, "block of the balances");
        CHECK(hr && seismic_response_block(hr, &b) == SEISMIC_OK && memcmp(b.hash, bal.block_hash, 32) == 0);
        seismic_request_release(client, h);
    }
    seismic_request_release(client, br);
}

/* The completion queue hands out every finished callback-less request once, in finishing order. */
static void test_completion_queue(void) {
    enum { N = 12 };
    seismic_request reqs[N];
    bool seen[N];
    memset(seen, 0, sizeof seen);
    for (int i = 0; i < N; i++) reqs[i] = i % 2 ? seismic_eth_chain_id(client, NULL) : seismic_eth_block_number(client, NULL);
    seismic_request_release(client, reqs[3]); /* released while pending: never handed out */
    const seismic_response *resp = NULL;
    CHECK(seismic_client_next_done(client, &resp).id == 0 && resp == NULL); /* nothing processed yet */
    int taken = 0, loops = 0;
    while (taken < N - 1 && loops++ < 1000) {
        seismic_client_run(client, 5);
        seismic_request done;
        while ((done = seismic_client_next_done(client, &resp)).id != 0) {
            int i = 0;
            while (i < N && reqs[i].id != done.id) i++;
            CHECK(i < N && i != 3 && !seen[i]);
            if (i < N) seen[i] = true;
            uint64_t v = 0;
            CHECK(resp && seismic_response_u64(resp, &v) == SEISMIC_OK && (i % 2 == 0 || v == 31337));
            taken++;
            seismic_request_release(client, done);
        }
    }
    CHECK(taken == N - 1 && !seen[3]);
    CHECK(seismic_client_next_done(client, NULL).id == 0);
    /* a request released before it is taken leaves the queue */
    seismic_request a = seismic_eth_chain_id(client, NULL), b = seismic_eth_chain_id(client, NULL);
    seismic_client_wait(client, b, 10000);
    seismic_client_wait(client, a, 10000);
    seismic_client_run(client, 0);
    seismic_request_release(client, a);
    CHECK(seismic_client_next_done(client, &resp).id == b.id && resp && resp->result == SEISMIC_OK);
    CHECK(seismic_client_next_done(client, &resp).id == 0);
    seismic_request_release(client, b);
    seismic_client_stats st = seismic_client_get_stats(client);
    CHECK(st.live_requests == 0);
}

/* seismic_await_response reports the real cause of a failed submission and of a failed request. */
static void test_await_errors(void) {
    seismic_error err = {0};
    CHECK(seismic_await_response(client, seismic_rpc(client, "", NULL, NULL), &err) == NULL);
    CHECK(err.result == SEISMIC_ERR_INVALID_ARGUMENT && strstr(err.message, "method is required") != NULL);
    seismic_request r = seismic_rpc(client, "no_such_method", "[]", NULL);
    const seismic_response *resp = seismic_await_response(client, r, &err);
    CHECK(resp && resp->result == SEISMIC_ERR_RPC && err.result == SEISMIC_ERR_RPC && strchr(err.message, ':') != NULL);
    uint8_t hash[32];
    CHECK(seismic_response_tx_hash(resp, hash) == SEISMIC_ERR_RPC);
    seismic_request_release(client, r);
    CHECK(seismic_await_response(client, r, &err) == NULL && err.result == SEISMIC_ERR_INVALID_HANDLE);
}

/* The one rule for submissions: what fails before a request exists (here: no free slot for an action's
   step) returns {0} with seismic_client_last_error, and leaves nothing behind. */
static void test_submission_failures(const char *url) {
    seismic_client_desc d = {0};
    seismic_error err = {0};
    d.url = url;
    d.max_requests = 4; /* a wallet's creation needs 4 at once */
    seismic_client *c = seismic_client_create(&d, &err);
    seismic_wallet_desc wd = {0};
    wd.private_key = KEY0;
    seismic_wallet *w = c ? seismic_wallet_create_blocking(c, &wd, &err) : NULL;
    CHECK(w != NULL);
    if (w) {
        seismic_address to = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        seismic_request hold[3] = {seismic_eth_block_number(c, NULL), seismic_eth_block_number(c, NULL), {0}};
        seismic_request r = seismic_shielded_write(w, &to, "\x01", 1, NULL, NULL); /* parent + 1 step fit, not 2 */
        CHECK(r.id == 0 && seismic_client_last_error(c)->result == SEISMIC_ERR_BUSY);
        hold[2] = seismic_eth_block_number(c, NULL); /* one slot left: the action, but none for its step */
        r = seismic_eth_get_balances(c, &to, 1, NULL, NULL);
        CHECK(r.id == 0 && seismic_client_last_error(c)->result == SEISMIC_ERR_BUSY);
        r = seismic_contract_read(c, &to, "getNumber() returns (uint256)", NULL, NULL);
        CHECK(r.id == 0 && seismic_client_last_error(c)->result == SEISMIC_ERR_BUSY);
        CHECK(seismic_await_response(c, r, &err) == NULL && err.result == SEISMIC_ERR_BUSY &&
              strstr(err.message, "max_requests") != NULL);
        /* the three holds, and the write's first step, already sent, which ends by itself: no action is left */
        CHECK(seismic_client_get_stats(c).live_requests == 4);
        for (int i = 0; i < 3; i++) seismic_request_release(c, hold[i]);
    }
    seismic_wallet_destroy(w);
    if (c) {
        seismic_client_wait_idle(c, 5000);
        seismic_client_stats st = seismic_client_get_stats(c);
        CHECK(st.submitted == st.finished && st.live_requests == 0);
        seismic_client_destroy(c);
    }
}

static void test_dev_node(const char *url) {
    seismic_client_desc d = {0};
    seismic_error err = {0};
    d.url = url;
    client = seismic_client_create(&d, &err);
    CHECK(client != NULL);
    if (!client) return;
    seismic_wallet_desc wd = {0};
    wd.private_key = KEY0;
    wallet = seismic_wallet_create_blocking(client, &wd, &err);
    if (!wallet) fprintf(stderr, "wallet: %s\n", err.message);
    CHECK(wallet != NULL);
    if (wallet) {
        seismic_address logger = {{0}};
        test_logs_and_deploy(&logger);
        test_tee_key_and_balances();
        test_completion_queue();
        test_await_errors();
        test_log_filters();
        seismic_address counter;
        if (deploy_counter(&counter)) test_shielded_roundtrip(&counter);
    }
    seismic_wallet_destroy(wallet);
    seismic_client_wait_idle(client, 5000);
    seismic_client_stats st = seismic_client_get_stats(client);
    CHECK(st.submitted == st.finished);
    seismic_client_destroy(client);
}

int main(void) {
    test_fake_shapes();
    test_contract_address();
    test_dev_node(env("SEISMIC_TEST_DEVNODE_HTTP"));
    test_dev_node(env("SEISMIC_TEST_DEVNODE_WS"));
    test_submission_failures(env("SEISMIC_TEST_DEVNODE_HTTP"));
    return test_summary();
}
