/* Bittensor's AsyncSubtensor pattern in C: the balances of 100 coldkeys at one block hash with ONE
   state_queryStorageAt, then neurons_lite of every subnet gathered at once, each timed against the
   one-at-a-time way. Reads only (nothing is signed). Run against a subtensor node, best through a
   high-latency link: TAO_URL=http://... build/examples/14_bittensor */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>

#include "clock.h"

#define COUNT 100

int main(void) {
    seismic_client_desc desc = {0};
    seismic_error err = {0};
    desc.url = getenv("TAO_URL") ? getenv("TAO_URL") : "http://127.0.0.1:9944";
    seismic_client *client = seismic_client_create(&desc, &err);
    seismic_subtensor *st = client ? seismic_subtensor_create(client, NULL, &err) : NULL;
    seismic_tao_block head;
    if (!st || seismic_tao_get_block_hash_blocking(st, NULL, &head, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    seismic_block_ref at = seismic_block_at_hash(head.hash); /* every read below sees this block */

    /* Some coldkeys: the first accounts in System.Account (the storage key ends with the account id). */
    seismic_buf prefix = {0}, params = {0};
    seismic_storage_key("System", "Account", NULL, 0, &prefix);
    seismic_buf_append_str(&params, "[\"");
    seismic_buf_append_hex(&params, prefix.data, prefix.len);
    seismic_buf_append_str(&params, "\",100,null,\"");
    seismic_buf_append_hex(&params, head.hash, 32);
    seismic_buf_append_str(&params, "\"]");
    seismic_request keys = seismic_rpc(client, "state_getKeysPaged", seismic_buf_cstr(&params), NULL);
    seismic_client_wait(client, keys, 30000);
    const seismic_response *r = seismic_request_response(client, keys);
    static char names[COUNT][SEISMIC_SS58_MAX_LEN + 1];
    const char *coldkeys[COUNT];
    size_t n = 0;
    for (int k = r ? seismic_json_first_child(&r->json, r->result_index) : -1; k >= 0 && n < COUNT;
         k = seismic_json_next_sibling(&r->json, r->result_index, k)) {
        uint8_t key[80];
        if (seismic_json_get_bytes(&r->json, k, key, 80, NULL) == SEISMIC_OK &&
            seismic_ss58_encode(key + 48, SEISMIC_SS58_BITTENSOR, names[n]) == SEISMIC_OK)
            coldkeys[n] = names[n], n++;
    }
    seismic_request_release(client, keys);

    /* 1. All balances in one call, then the same one request at a time. */
    static seismic_tao_balance balances[COUNT];
    uint64_t http0 = seismic_client_get_stats(client).http_requests;
    double t0 = now_ms();
    seismic_result res = seismic_tao_get_balances_blocking(st, coldkeys, n, &at, &head, balances, &err);
    double together = now_ms() - t0;
    uint64_t http1 = seismic_client_get_stats(client).http_requests;
    t0 = now_ms();
    for (size_t i = 0; i < n && !res; i++) {
        seismic_request one = seismic_tao_get_balance(st, coldkeys[i], &at, NULL);
        seismic_client_wait(client, one, 30000);
        seismic_request_release(client, one);
    }
    double one_by_one = now_ms() - t0;
    char tao[32];
    seismic_tao_format(n && !res ? balances[0].free : 0, tao);
    uint64_t http2 = seismic_client_get_stats(client).http_requests;
    printf("%zu balances at block %llu in one call: %llu HTTP request, %.0f ms; one at a time: %llu, %.0f ms (%.1fx)\n",
           n, (unsigned long long)head.number, (unsigned long long)(http1 - http0), together,
           (unsigned long long)(http2 - http1), one_by_one, one_by_one / together);
    printf("first: %s \xcf\x84%s\n", n ? coldkeys[0] : "-", tao);

    /* 2. neurons_lite of every subnet, gathered, then one after another. */
    uint16_t netuids[256];
    size_t subnets = 0;
    seismic_request gathered[256];
    res = res ? res : seismic_tao_get_netuids_blocking(st, &at, &head, netuids, 256, &subnets, &err);
    t0 = now_ms();
    for (size_t i = 0; i < subnets; i++) gathered[i] = seismic_tao_neurons_lite(st, netuids[i], &at, NULL);
    seismic_client_wait_all(client, gathered, subnets, 30000);
    double gather_ms = now_ms() - t0;
    for (size_t i = 0; i < subnets; i++) {
        seismic_tao_neurons neurons; /* arrays in the response, until its release */
        if (seismic_response_tao_neurons(seismic_request_response(client, gathered[i]), &neurons) == SEISMIC_OK)
            printf("subnet %u: %zu neurons\n", netuids[i], neurons.count);
        seismic_request_release(client, gathered[i]);
    }
    t0 = now_ms();
    for (size_t i = 0; i < subnets; i++) {
        seismic_tao_neurons neurons;
        seismic_tao_neurons_lite_blocking(st, netuids[i], &at, NULL, &neurons, NULL);
        seismic_tao_neurons_free(&neurons, NULL);
    }
    double sequential_ms = now_ms() - t0;
    printf("neurons_lite of %zu subnets gathered: %.0f ms; sequential: %.0f ms (%.1fx)\n", subnets, gather_ms,
           sequential_ms, sequential_ms / gather_ms);
    if (res) fprintf(stderr, "%s\n", err.message);
    seismic_buf_free(&prefix);
    seismic_buf_free(&params);
    seismic_subtensor_destroy(st);
    seismic_client_destroy(client);
    return res || n == 0 ? 1 : 0;
}
