/* The bundled loop: submit several calls at once and wait for all of them (the asyncio.gather of C).
   They travel together as one JSON-RPC batch. Run: RPC_URL=http://127.0.0.1:8545 build/examples/bundled_loop */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    seismic_client_desc desc = {0};
    seismic_error err;
    desc.url = url;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    seismic_request calls[3] = {
        seismic_rpc(client, "eth_chainId", NULL, NULL),
        seismic_rpc(client, "eth_blockNumber", NULL, NULL),
        seismic_rpc(client, "eth_getBalance", "[\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"latest\"]", NULL),
    };
    if (seismic_client_wait_all(client, calls, 3, 10000) != SEISMIC_OK) {
        fprintf(stderr, "timed out\n");
        return 1;
    }
    uint64_t chain_id = 0, block = 0;
    seismic_u256 balance;
    char ether[80];
    int ok = seismic_response_u64(seismic_request_response(client, calls[0]), &chain_id) == SEISMIC_OK &&
             seismic_response_u64(seismic_request_response(client, calls[1]), &block) == SEISMIC_OK &&
             seismic_response_u256(seismic_request_response(client, calls[2]), &balance) == SEISMIC_OK;
    if (ok) {
        seismic_format_units(&balance, SEISMIC_ETHER_DECIMALS, ether);
        printf("chain %llu, block %llu, balance %s ETH (%llu HTTP request for 3 calls)\n", (unsigned long long)chain_id,
               (unsigned long long)block, ether, (unsigned long long)seismic_client_get_stats(client).http_requests);
    } else {
        for (int i = 0; i < 3; i++) {
            const seismic_response *r = seismic_request_response(client, calls[i]);
            if (r->result != SEISMIC_OK) fprintf(stderr, "call %d: %s\n", i, r->error_message);
        }
    }
    for (int i = 0; i < 3; i++) seismic_request_release(client, calls[i]);
    seismic_client_destroy(client);
    return ok ? 0 : 1;
}
