/* Basic setup: a client, a wallet on it, two reads, and a clean shutdown.
   Run: RPC_URL=http://127.0.0.1:8545 PRIVATE_KEY=0x... build/examples/01_basic_setup */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY");
    if (!key) {
        fprintf(stderr, "set PRIVATE_KEY (and RPC_URL)\n");
        return 1;
    }

    /* A client is one endpoint plus its connections; nothing is connected until the first request. */
    seismic_client_desc desc = {0}; /* zero means default for every field */
    desc.url = url;
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "client: %s\n", err.message);
        return 1;
    }

    /* A wallet is an account on that client. Creating it fetches the chain id, the node's TEE public key
       (for encrypted calls) and the account's nonce, in one round trip. */
    seismic_wallet_desc wallet_desc = {0};
    wallet_desc.private_key = key;
    seismic_wallet *wallet = seismic_wallet_create_blocking(client, &wallet_desc, &err);
    if (!wallet) {
        fprintf(stderr, "wallet: %s\n", err.message);
        seismic_client_destroy(client);
        return 1;
    }
    char address[43];
    seismic_address_to_string(seismic_wallet_address(wallet), address);
    printf("wallet %s\n", address);

    /* Every call returns a request handle at once; seismic_await_* runs the loop until it is done. */
    uint64_t chain_id = 0, block = 0;
    if (seismic_await_u64(client, seismic_eth_chain_id(client, NULL), &chain_id, &err) != SEISMIC_OK ||
        seismic_await_u64(client, seismic_eth_block_number(client, NULL), &block, &err) != SEISMIC_OK) {
        fprintf(stderr, "read: %s\n", err.message);
    } else {
        printf("chain id %llu, block number %llu\n", (unsigned long long)chain_id, (unsigned long long)block);
    }

    /* Shutdown: the wallet first (it wipes its keys), then the client (closes its connections and
       ends anything still pending). Every request that was submitted has finished. */
    seismic_client_stats stats = seismic_client_get_stats(client);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client);
    printf("clean shutdown: %llu requests submitted, %llu finished\n", (unsigned long long)stats.submitted,
           (unsigned long long)stats.finished);
    return block > 0 ? 0 : 1;
}
