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

    /* Five transparent reads (plain eth_call, no wallet needed). Arguments are typed values. */
    seismic_request reads[5];
    for (int i = 0; i < 5; i++) {
        seismic_abi_args args = {0};
        seismic_abi_arg_u64(&args, (uint64_t)i);
        reads[i] = seismic_contract_read(client, &counter, "getValue(uint256) returns (uint256)", &args, NULL);
        seismic_abi_args_free(&args);
    }
    if (seismic_client_wait_all(client, reads, 5, 10000) != SEISMIC_OK) {
        fprintf(stderr, "timed out\n");
        seismic_client_destroy(client);
        return 1;
    }

    /* The handles keep their order, whatever order the answers came in. The outputs come decoded:
       values[0] is the tuple of return values, values[1] the first one. */
    int failures = 0;
    for (int i = 0; i < 5; i++) {
        const seismic_response *r = seismic_request_response(client, reads[i]);
        const seismic_abi_value *values;
        size_t count;
        seismic_u256 value;
        char text[79];
        if (seismic_response_abi(r, &values, &count) == SEISMIC_OK && seismic_abi_value_u256(&values[1], &value) == SEISMIC_OK) {
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
