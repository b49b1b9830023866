/* Bittensor reads, the AsyncSubtensor comparison: N balances at one pinned block hash with one
   state_queryStorageAt, against one state_getStorageAt per address awaited in turn (the synchronous way)
   and submitted all at once; then neurons_lite of every subnet gathered against one after another.
   The accounts are those tools/testenv/substrate-oracle.js creates (blake2b-256("seismic-test-coldkey-" i)).
   Prints one JSON line per measurement.
   Usage: build/bench/substrate URL [N] */
#include "seismic.h"
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static seismic_client *client;
static seismic_subtensor *st;

static void report(const char *name, size_t calls, double seconds, uint64_t http) {
    printf("{\"name\":\"%s\",\"calls\":%zu,\"seconds\":%.4f,\"httpRequests\":%llu}\n", name, calls, seconds,
           (unsigned long long)http);
}

static uint64_t http_requests(void) { return seismic_client_get_stats(client).http_requests; }

static bool ok(seismic_request q) {
    seismic_client_wait(client, q, -1);
    const seismic_response *r = seismic_request_response(client, q);
    bool fine = r && r->result == SEISMIC_OK;
    if (!fine) fprintf(stderr, "bench: %s\n", r ? r->error_message : "no response");
    seismic_request_release(client, q);
    return fine;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: substrate URL [N]\n");
        return 2;
    }
    size_t n = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 1000;
    seismic_client_desc desc;
    seismic_error err = {0};
    memset(&desc, 0, sizeof desc);
    desc.url = argv[1];
    desc.timeout_ms = 120000;
    client = seismic_client_create(&desc, &err);
    st = client ? seismic_subtensor_create(client, NULL, &err) : NULL;
    char (*names)[SEISMIC_SS58_MAX_LEN + 1] = (char (*)[SEISMIC_SS58_MAX_LEN + 1])malloc(n * sizeof *names);
    const char **addresses = (const char **)malloc(n * sizeof *addresses);
    seismic_tao_balance *balances = (seismic_tao_balance *)malloc(n * sizeof *balances);
    seismic_tao_block head;
    if (!st || !names || !addresses || !balances || n == 0 || seismic_tao_get_block_hash_blocking(st, NULL, &head, &err)) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        char seed[64];
        uint8_t account[32];
        int len = snprintf(seed, sizeof seed, "seismic-test-coldkey-%zu", i);
        seismic_blake2b(seed, (size_t)len, account, 32);
        seismic_ss58_encode(account, SEISMIC_SS58_BITTENSOR, names[i]);
        addresses[i] = names[i];
    }
    seismic_block_ref at = seismic_block_at_hash(head.hash);

    /* 1. one state_queryStorageAt at the pinned hash (its runtime version rides in the same batch) */
    uint64_t h0 = http_requests();
    double t0 = now_s();
    if (seismic_tao_get_balances_blocking(st, addresses, n, &at, &head, balances, &err)) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    report("balances-one-call", n, now_s() - t0, http_requests() - h0);
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) total += balances[i].free;

    /* 2. one request per address, each awaited before the next (the synchronous client's way) */
    h0 = http_requests();
    t0 = now_s();
    for (size_t i = 0; i < n; i++)
        if (!ok(seismic_tao_get_balance(st, addresses[i], &at, NULL))) return 1;
    report("balances-sequential", n, now_s() - t0, http_requests() - h0);

    /* 3. one request per address, all submitted at once (batched by the engine) */
    seismic_request *all = (seismic_request *)malloc(n * sizeof *all);
    h0 = http_requests();
    t0 = now_s();
    for (size_t i = 0; i < n; i++) all[i] = seismic_tao_get_balance(st, addresses[i], &at, NULL);
    seismic_client_wait_all(client, all, n, -1);
    report("balances-per-address-concurrent", n, now_s() - t0, http_requests() - h0);
    for (size_t i = 0; i < n; i++) seismic_request_release(client, all[i]);
    free(all);

    /* 4. neurons_lite of every subnet: gathered, then sequential */
    uint16_t netuids[1024];
    size_t subnets = 0;
    seismic_request gathered[1024];
    if (seismic_tao_get_netuids_blocking(st, &at, &head, netuids, 1024, &subnets, &err)) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    h0 = http_requests();
    t0 = now_s();
    for (size_t i = 0; i < subnets; i++) gathered[i] = seismic_tao_neurons_lite(st, netuids[i], &at, NULL);
    seismic_client_wait_all(client, gathered, subnets, -1);
    report("neurons-gathered", subnets, now_s() - t0, http_requests() - h0);
    for (size_t i = 0; i < subnets; i++) seismic_request_release(client, gathered[i]);
    h0 = http_requests();
    t0 = now_s();
    for (size_t i = 0; i < subnets; i++)
        if (!ok(seismic_tao_neurons_lite(st, netuids[i], &at, NULL))) return 1;
    report("neurons-sequential", subnets, now_s() - t0, http_requests() - h0);

    fprintf(stderr, "bench: %zu balances at block %llu, %llu rao in total\n", n, (unsigned long long)head.number,
            (unsigned long long)total);
    seismic_subtensor_destroy(st);
    seismic_client_destroy(client);
    free(names);
    free(addresses);
    free(balances);
    return 0;
}
