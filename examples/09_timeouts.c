/* Timeouts: a deadline on one operation, and an overall deadline on a group of operations.
   A request's own deadline (timeout_ms in its options, 30 s by default) ends it with SEISMIC_ERR_TIMEOUT.
   seismic_client_wait_all's timeout only stops the waiting: what has not finished is still pending,
   and the caller decides (here: cancel it).
   Run: RPC_URL=... build/examples/09_timeouts */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

int main(void) {
    seismic_client_desc desc = {0};
    desc.url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    uint8_t never_sent[32] = {0xde, 0xad}; /* a transaction hash no node knows: its receipt never comes */

    /* 1. One operation with a 5 s timeout: waiting for that receipt. */
    seismic_request_options five_seconds = {0};
    five_seconds.timeout_ms = 5000;
    double t0 = now_ms();
    seismic_request wait = seismic_eth_wait_for_receipt(client, never_sent, 500, &five_seconds);
    seismic_client_wait(client, wait, -1); /* -1: no limit here, the request's own deadline ends it */
    const seismic_response *r = seismic_request_response(client, wait);
    printf("1. receipt wait with a 5 s timeout ended after %.1f s: %s\n", (now_ms() - t0) / 1000,
           seismic_result_string(r->result));
    bool ok1 = r->result == SEISMIC_ERR_TIMEOUT;
    seismic_request_release(client, wait);

    /* 2. Several operations under one overall deadline of 2 s: three quick reads and the same slow wait. */
    seismic_request group[4] = {
        seismic_eth_chain_id(client, NULL),
        seismic_eth_block_number(client, NULL),
        seismic_eth_gas_price(client, NULL),
        seismic_eth_wait_for_receipt(client, never_sent, 500, NULL),
    };
    const char *names[4] = {"eth_chainId", "eth_blockNumber", "eth_gasPrice", "receipt wait"};
    t0 = now_ms();
    seismic_result all = seismic_client_wait_all(client, group, 4, 2000);
    printf("2. wait_all with a 2 s deadline returned after %.1f s: %s\n", (now_ms() - t0) / 1000,
           all == SEISMIC_OK ? "all done" : seismic_result_string(all));
    int finished = 0;
    for (int i = 0; i < 4; i++) {
        if (seismic_request_done(client, group[i])) {
            size_t len;
            const char *raw = seismic_response_raw(seismic_request_response(client, group[i]), &len);
            printf("   %-16s done: %.*s\n", names[i], (int)len, raw);
            finished++;
        } else {
            printf("   %-16s still pending: canceled\n", names[i]);
        }
        seismic_request_release(client, group[i]); /* frees a finished request, cancels a pending one */
    }
    seismic_client_destroy(client);
    return ok1 && all == SEISMIC_ERR_TIMEOUT && finished == 3 ? 0 : 1;
}
