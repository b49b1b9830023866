/* Concurrent reads (gather): four calls in flight at once, then all results printed.
   Submitting does not wait; calls submitted in the same turn leave together as one JSON-RPC batch.
   Run: RPC_URL=http://127.0.0.1:8545 PRIVATE_KEY=0x... build/examples/02_concurrent_reads */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY");
    seismic_private_key private_key;
    seismic_address account;
    if (!key || seismic_private_key_from_hex(key, &private_key) != SEISMIC_OK) {
        fprintf(stderr, "set PRIVATE_KEY (and RPC_URL)\n");
        return 1;
    }
    seismic_private_key_address(&private_key, &account); /* reads need only the address */
    seismic_private_key_wipe(&private_key);

    seismic_client_desc desc = {0};
    desc.url = url;
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    /* Fire all four... */
    seismic_request calls[4] = {
        seismic_eth_chain_id(client, NULL),
        seismic_eth_block_number(client, NULL),
        seismic_eth_get_balance(client, &account, NULL, NULL), /* NULL block = "latest" */
        seismic_get_tee_public_key(client, NULL),
    };
    /* ...then wait for all of them (10 s at most). */
    if (seismic_client_wait_all(client, calls, 4, 10000) != SEISMIC_OK) {
        fprintf(stderr, "timed out\n");
        seismic_client_destroy(client);
        return 1;
    }

    /* Each response is kept until released; read it with the typed accessors. */
    uint64_t chain_id = 0, block = 0;
    seismic_u256 balance = {{0}};
    uint8_t tee_key[33];
    char address[43], ether[80], tee_hex[69];
    bool ok = seismic_response_u64(seismic_request_response(client, calls[0]), &chain_id) == SEISMIC_OK &&
              seismic_response_u64(seismic_request_response(client, calls[1]), &block) == SEISMIC_OK &&
              seismic_response_u256(seismic_request_response(client, calls[2]), &balance) == SEISMIC_OK &&
              seismic_response_tee_key(seismic_request_response(client, calls[3]), tee_key) == SEISMIC_OK;
    if (ok) {
        seismic_address_to_string(&account, address);
        seismic_format_units(&balance, SEISMIC_ETHER_DECIMALS, ether);
        printf("chain id:       %llu\n", (unsigned long long)chain_id);
        printf("block number:   %llu\n", (unsigned long long)block);
        printf("balance:        %s ETH (%s)\n", ether, address);
        seismic_hex_encode(tee_key, 33, tee_hex);
        printf("TEE public key: %s\n", tee_hex);
        printf("4 calls, %llu HTTP request\n", (unsigned long long)seismic_client_get_stats(client).http_requests);
    } else {
        for (int i = 0; i < 4; i++) {
            const seismic_response *r = seismic_request_response(client, calls[i]);
            if (r->result != SEISMIC_OK) fprintf(stderr, "call %d: %s\n", i, r->error_message);
        }
    }
    for (int i = 0; i < 4; i++) seismic_request_release(client, calls[i]);
    seismic_client_destroy(client);
    return ok ? 0 : 1;
}
