/* libFuzzer target for the answer to seismic_tao_get_storage_keys: a subtensor action on the in-memory
   transport of tests/memnet.h, pinned to a block whose header the fake node gives correctly; the input is
   the "result" of state_getKeysPaged. Checks: the action ends exactly once; when it succeeds, the typed
   keys keep what the SDK promises (at most count, each with the prefix, strictly ascending, after the start
   key, views inside the response); nothing leaks. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "../memnet.h"

#include <stdlib.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

static const uint8_t prefix[2] = {0xab, 0xcd}, start_key[3] = {0xab, 0xcd, 0x10};

static bool before(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen) {
    int d = memcmp(a, b, alen < blen ? alen : blen);
    return d < 0 || (d == 0 && alen < blen);
}

/* Answers every call of one batched HTTP request: the header of block 7, spec 218, the fuzzed keys. */
static void answer(memnet *net, int s, const uint8_t *data, size_t size) {
    seismic_buf body = {0}, reply = {0};
    seismic_json_token tokens[256];
    seismic_json j;
    if (!memnet_http_take(net, s, &body) ||
        seismic_json_parse(&j, (const char *)body.data, body.len, tokens, 256, NULL) != SEISMIC_OK) {
        seismic_buf_free(&body);
        return;
    }
    bool batch = seismic_json_is(&j, 0, SEISMIC_JSON_ARRAY);
    size_t n = batch ? seismic_json_size(&j, 0) : 1;
    char zero[67];
    snprintf(zero, sizeof zero, "0x%064d", 0);
    if (batch) seismic_buf_append_byte(&reply, '[');
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
        if (strcmp(method, "chain_getHeader") == 0) {
            char header[400];
            snprintf(header, sizeof header,
                     "{\"parentHash\":\"%s\",\"number\":\"0x7\",\"stateRoot\":\"%s\",\"extrinsicsRoot\":\"%s\","
                     "\"digest\":{\"logs\":[]}}", zero, zero, zero);
            seismic_buf_append_str(&reply, header);
        } else if (strcmp(method, "state_getRuntimeVersion") == 0) {
            seismic_buf_append_str(&reply, "{\"specVersion\":218}");
        } else if (strcmp(method, "state_getKeysPaged") == 0 && size) {
            seismic_buf_append(&reply, data, size);
        } else {
            seismic_buf_append_str(&reply, "null");
        }
        seismic_buf_append_byte(&reply, '}');
    }
    if (batch) seismic_buf_append_byte(&reply, ']');
    memnet_http_reply(net, s, 200, seismic_buf_cstr(&reply));
    seismic_buf_free(&reply);
    seismic_buf_free(&body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static memnet net;
    uint8_t scale[98] = {0}, hash[32];
    scale[32] = 7 << 2; /* parentHash 0, number 7, stateRoot 0, extrinsicsRoot 0, no digest logs */
    seismic_blake2b(scale, sizeof scale, hash, 32);
    memnet_init(&net);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = "http://node.test:9944";
    d.sockets = memnet_sockets(&net);
    d.clock = memnet_clock(&net);
    d.max_response_bytes = 1u << 16;
    seismic_error err;
    seismic_client *c = seismic_client_create(&d, &err);
    FUZZ_ASSERT(c);
    seismic_subtensor *st = seismic_subtensor_create(c, NULL, &err);
    FUZZ_ASSERT(st);
    seismic_block_ref at = seismic_block_at_hash(hash);
    const uint32_t count = 8;
    bool from_start = size && (data[0] & 1);
    seismic_request q = seismic_tao_get_storage_keys(st, prefix, sizeof prefix, count, from_start ? start_key : NULL,
                                                     from_start ? sizeof start_key : 0, &at, NULL);
    FUZZ_ASSERT(q.id);
    for (int round = 0; round < 8 && !seismic_request_done(c, q); round++) {
        memnet_pump(c, &net);
        if (net.count) answer(&net, memnet_last(&net), data, size);
        memnet_pump(c, &net);
    }
    const seismic_response *r = seismic_request_response(c, q);
    seismic_tao_storage_keys keys;
    if (r && r->result == SEISMIC_OK && seismic_response_tao_storage_keys(r, &keys) == SEISMIC_OK) {
        FUZZ_ASSERT(keys.count <= count && memcmp(keys.at.hash, hash, 32) == 0 && keys.at.number == 7);
        for (size_t i = 0; i < keys.count; i++) {
            const seismic_tao_storage_key *k = &keys.keys[i];
            FUZZ_ASSERT(k->len >= sizeof prefix && memcmp(k->data, prefix, sizeof prefix) == 0);
            if (i) FUZZ_ASSERT(before(keys.keys[i - 1].data, keys.keys[i - 1].len, k->data, k->len));
            else if (from_start) FUZZ_ASSERT(before(start_key, sizeof start_key, k->data, k->len));
        }
    }
    seismic_request_release(c, q);
    seismic_subtensor_destroy(st);
    seismic_client_destroy(c);
    memnet_free(&net);
    return 0;
}
