/* libFuzzer target for the typed result accessors: the input is the "result" of a JSON-RPC response,
   read as every shape (receipt, block, transaction, balances, logs, hash, TEE key, data, u64, Substrate
   storage keys); every view an accessor hands out must lie inside memory it owns, and the views are freed
   as a release does. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

static volatile uint8_t sink;

static void touch(const uint8_t *data, size_t len) { /* ASan checks that the whole view is readable */
    for (size_t i = 0; i < len; i++) sink = (uint8_t)(sink ^ data[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char prefix[] = "{\"result\":";
    _seismic_req req;
    memset(&req, 0, sizeof req);
    char *text = (char *)malloc(sizeof prefix + size + 1);
    FUZZ_ASSERT(text);
    memcpy(text, prefix, sizeof prefix - 1);
    memcpy(text + sizeof prefix - 1, data, size);
    text[sizeof prefix - 1 + size] = '}';
    size_t len = sizeof prefix + size;
    seismic_json probe;
    seismic_result r = seismic_json_parse(&probe, text, len, NULL, 0, NULL);
    if (r != SEISMIC_OK && r != SEISMIC_ERR_CAPACITY) {
        free(text);
        return 0;
    }
    seismic_json_token *tokens = (seismic_json_token *)malloc((probe.count ? probe.count : 1) * sizeof *tokens);
    FUZZ_ASSERT(tokens);
    seismic_response *resp = &req.response;
    FUZZ_ASSERT(seismic_json_parse(&resp->json, text, len, tokens, probe.count, NULL) == SEISMIC_OK);
    resp->result_index = seismic_json_find(&resp->json, 0, "result");
    resp->_request = &req;

    seismic_receipt rc;
    if (seismic_response_receipt(resp, &rc) == SEISMIC_OK)
        for (size_t i = 0; i < rc.log_count; i++) {
            FUZZ_ASSERT(rc.logs[i].topic_count <= 4);
            touch(rc.logs[i].data, rc.logs[i].data_len);
        }
    seismic_block b;
    if (seismic_response_block(resp, &b) == SEISMIC_OK) touch(b.transaction_hashes[0], 32 * b.transaction_count);
    seismic_transaction tx;
    if (seismic_response_transaction(resp, &tx) == SEISMIC_OK) touch(tx.input, tx.input_len);
    seismic_balances bal;
    if (seismic_response_balances(resp, &bal) == SEISMIC_OK) touch((const uint8_t *)bal.balances, bal.count * sizeof *bal.balances);
    const seismic_log *logs;
    size_t count;
    if (seismic_response_logs(resp, &logs, &count) == SEISMIC_OK)
        for (size_t i = 0; i < count; i++) touch(logs[i].data, logs[i].data_len);
    const uint8_t *bytes;
    if (seismic_response_data(resp, &bytes, &count) == SEISMIC_OK) touch(bytes, count);
    seismic_tao_storage_keys keys;
    if (seismic_response_tao_storage_keys(resp, &keys) == SEISMIC_OK)
        for (size_t i = 0; i < keys.count; i++) touch(keys.keys[i].data, keys.keys[i].len);
    uint8_t hash[32], key[33];
    uint64_t u;
    seismic_response_tx_hash(resp, hash);
    seismic_response_tee_key(resp, key);
    seismic_response_u64(resp, &u);
    _seismic_views_free(&req);
    free(tokens);
    free(text);
    return 0;
}
