/* Balances of 100 addresses at one block: one seismic_eth_get_balances call pins the block by its hash
   (so every balance is from the same state, even if a block is mined meanwhile) and sends the 100
   eth_getBalance calls as one JSON-RPC batch. Compared with asking for them one at a time.
   Run: RPC_URL=... PRIVATE_KEY=0x... build/examples/13_balances_at_block */
#include "example.h"

#include "clock.h"

#define COUNT 100

int main(void) {
    seismic_private_key private_key;
    seismic_address addresses[COUNT];
    if (seismic_private_key_from_hex(example_env("PRIVATE_KEY"), &private_key) != SEISMIC_OK) return 1;
    /* Our account first, then 99 more: the accounts of the private keys 1, 2, ... 99. */
    seismic_private_key_address(&private_key, &addresses[0]);
    for (int i = 1; i < COUNT; i++) {
        uint8_t bytes[32] = {0};
        bytes[31] = (uint8_t)i;
        seismic_private_key_from_bytes(bytes, &private_key);
        seismic_private_key_address(&private_key, &addresses[i]);
    }
    seismic_private_key_wipe(&private_key);

    seismic_client *client = example_client();

    /* 1. All 100 at the latest block, together: the SDK pins it by hash first (NULL = latest). */
    uint64_t http_before = seismic_client_get_stats(client).http_requests;
    double t0 = now_ms();
    seismic_request all = seismic_eth_get_balances(client, addresses, COUNT, NULL, NULL);
    seismic_client_wait(client, all, 30000);
    double batched_ms = now_ms() - t0;
    uint64_t http_batched = seismic_client_get_stats(client).http_requests - http_before;
    /* The result: the balances in address order, and the block they were read at. */
    seismic_balances b;
    if (seismic_response_balances(seismic_request_response(client, all), &b) != SEISMIC_OK) {
        fprintf(stderr, "get_balances: %s\n", seismic_request_response(client, all)->error_message);
        return 1;
    }
    printf("balances at block %llu (hash 0x%02x%02x%02x%02x...):\n", (unsigned long long)b.block_number, b.block_hash[0],
           b.block_hash[1], b.block_hash[2], b.block_hash[3]);
    int printed = 0;
    for (size_t i = 0; i < b.count; i++) {
        char address[43], ether[80];
        seismic_address_to_string(&addresses[i], address);
        seismic_format_units(&b.balances[i], SEISMIC_ETHER_DECIMALS, ether);
        if (strchr(ether, '.') && strlen(strchr(ether, '.')) > 5) strchr(ether, '.')[5] = 0; /* 4 decimals */
        printed++;
        printf("%3zu %.8s..%.4s %9s%s", i + 1, address, address + 38, ether, i % 4 == 3 ? "\n" : "   ");
    }
    seismic_request_release(client, all);

    /* 2. The same 100 at the same block hash, one after another: each waits for the previous answer. */
    seismic_block_ref at = seismic_block_at_hash(b.block_hash);
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
