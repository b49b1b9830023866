/* Balances of 100 addresses at one block: one seismic_eth_get_balances call pins the block by its hash
   (so every balance is from the same state, even if a block is mined meanwhile) and sends the 100
   eth_getBalance calls as one JSON-RPC batch. Compared with asking for them one at a time.
   Run: RPC_URL=... PRIVATE_KEY=0x... build/examples/13_balances_at_block */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COUNT 100

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

int main(void) {
    const char *key = getenv("PRIVATE_KEY");
    seismic_private_key private_key;
    seismic_address addresses[COUNT];
    if (!key || seismic_private_key_from_hex(&private_key, key) != SEISMIC_OK) {
        fprintf(stderr, "set PRIVATE_KEY (and RPC_URL)\n");
        return 1;
    }
    /* Our account first, then 99 more: the accounts of the private keys 1, 2, ... 99. */
    seismic_private_key_address(&private_key, &addresses[0]);
    for (int i = 1; i < COUNT; i++) {
        uint8_t bytes[32] = {0};
        bytes[31] = (uint8_t)i;
        seismic_private_key_from_bytes(&private_key, bytes);
        seismic_private_key_address(&private_key, &addresses[i]);
    }
    seismic_private_key_wipe(&private_key);

    seismic_client_desc desc = {0};
    desc.url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    /* The block to pin: the latest one, by hash. */
    seismic_buf block_json = {0};
    seismic_json block;
    seismic_json_token tokens[64];
    uint8_t hash[32];
    uint64_t number = 0;
    if (seismic_await(client, seismic_eth_get_block(client, NULL, false, NULL), &block_json, &err) ||
        seismic_json_parse(&block, (const char *)block_json.data, block_json.len, tokens, 64, &err) ||
        seismic_json_get_bytes_exact(&block, seismic_json_find(&block, 0, "hash"), hash, 32) ||
        seismic_json_get_u64(&block, seismic_json_find(&block, 0, "number"), &number)) {
        fprintf(stderr, "latest block: %s\n", err.message);
        seismic_client_destroy(client);
        return 1;
    }
    seismic_buf_free(&block_json);
    seismic_block_ref at = seismic_block_at_hash(hash);

    /* 1. All 100 at that block hash, together. */
    uint64_t http_before = seismic_client_get_stats(client).http_requests;
    double t0 = now_ms();
    seismic_request all = seismic_eth_get_balances(client, addresses, COUNT, &at, NULL);
    seismic_client_wait(client, all, 30000);
    double batched_ms = now_ms() - t0;
    uint64_t http_batched = seismic_client_get_stats(client).http_requests - http_before;
    const seismic_response *r = seismic_request_response(client, all);
    if (!r || r->result != SEISMIC_OK) {
        fprintf(stderr, "get_balances: %s\n", r ? r->error_message : "timed out");
        seismic_client_destroy(client);
        return 1;
    }
    /* The result: {"blockNumber":"0x..","blockHash":"0x..","balances":["0x..", ...]} in address order. */
    int balances = seismic_json_find(&r->json, r->result_index, "balances");
    printf("balances at block %llu (hash 0x%02x%02x%02x%02x...):\n", (unsigned long long)number, hash[0], hash[1], hash[2],
           hash[3]);
    int printed = 0;
    for (int i = 0; i < COUNT; i++) {
        seismic_u256 wei;
        char address[43], ether[80];
        seismic_json_get_u256(&r->json, seismic_json_array_get(&r->json, balances, (size_t)i), &wei);
        seismic_address_to_string(&addresses[i], address);
        seismic_format_units(&wei, SEISMIC_ETHER_DECIMALS, ether);
        if (strchr(ether, '.') && strlen(strchr(ether, '.')) > 5) strchr(ether, '.')[5] = 0; /* 4 decimals */
        printed++;
        printf("%3d %.8s..%.4s %9s%s", i + 1, address, address + 38, ether, i % 4 == 3 ? "\n" : "   ");
    }
    seismic_request_release(client, all);

    /* 2. The same 100, one after another: each waits for the previous answer. */
    http_before = seismic_client_get_stats(client).http_requests;
    t0 = now_ms();
    for (int i = 0; i < COUNT; i++) {
        seismic_u256 wei;
        seismic_await_u256(client, seismic_eth_get_balance(client, &addresses[i], &at, NULL), &wei, NULL);
    }
    double sequential_ms = now_ms() - t0;
    uint64_t http_sequential = seismic_client_get_stats(client).http_requests - http_before;

    printf("%d balances printed\n", printed);
    printf("get_balances: %6.1f ms, %llu HTTP requests (1 to pin the block + 1 batch of %d)\n", batched_ms,
           (unsigned long long)http_batched, COUNT);
    printf("sequential:   %6.1f ms, %llu HTTP requests (%.1f times as long)\n", sequential_ms,
           (unsigned long long)http_sequential, sequential_ms / batched_ms);
    seismic_client_destroy(client);
    return printed == COUNT ? 0 : 1;
}
