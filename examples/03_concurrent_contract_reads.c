/* Concurrent contract reads: getValue(0..4) submitted at once, results printed in order.
   Functions are called by their Solidity signature; "returns (...)" makes the SDK decode the result.
   Run: RPC_URL=... COUNTER_ADDRESS=0x... build/examples/03_concurrent_contract_reads */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *counter_text = getenv("COUNTER_ADDRESS");
    seismic_address counter;
    if (!counter_text || seismic_address_parse(counter_text, strlen(counter_text), &counter) != SEISMIC_OK) {
        fprintf(stderr, "set COUNTER_ADDRESS (and RPC_URL); tools/testenv/demo.sh deploys the contract\n");
        return 1;
    }
    seismic_client_desc desc = {0};
    desc.url = url;
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    /* Five transparent reads (plain eth_call, no wallet needed): the client and NULL wallet. */
    seismic_request reads[5];
    for (int i = 0; i < 5; i++) {
        char index[4];
        const char *args[1] = {index};
        snprintf(index, sizeof index, "%d", i); /* arguments are text, as on a command line */
        reads[i] = seismic_contract_call(client, NULL, &counter, SEISMIC_TRANSPARENT_READ, "getValue(uint256) returns (uint256)",
                                         args, 1, NULL, NULL);
    }
    if (seismic_client_wait_all(client, reads, 5, 10000) != SEISMIC_OK) {
        fprintf(stderr, "timed out\n");
        seismic_client_destroy(client);
        return 1;
    }

    /* The handles keep their order, whatever order the answers came in. The decoded result is a JSON
       array with one decimal string per return value: ["100"]. */
    int failures = 0;
    for (int i = 0; i < 5; i++) {
        const seismic_response *r = seismic_request_response(client, reads[i]);
        seismic_u256 value;
        char text[79];
        if (r->result == SEISMIC_OK &&
            seismic_json_get_u256(&r->json, seismic_json_array_get(&r->json, r->result_index, 0), &value) == SEISMIC_OK) {
            seismic_u256_to_dec(&value, text);
            printf("getValue(%d) = %s\n", i, text);
        } else {
            printf("getValue(%d) failed: %s\n", i, r->error_message);
            failures++;
        }
        seismic_request_release(client, reads[i]);
    }
    printf("5 reads, %llu HTTP request\n", (unsigned long long)seismic_client_get_stats(client).http_requests);
    seismic_client_destroy(client);
    return failures ? 1 : 0;
}
