/* Bittensor's AsyncSubtensor pattern in C: read many values at ONE pinned block hash in one call. Here the
   balances of 100 coldkeys (the first accounts in System.Account) with one state_queryStorageAt, timed
   against one request per address. Reads only (nothing is signed). Run against a subtensor node, best
   through a high-latency link: TAO_URL=http://... build/examples/14_bittensor */
#include "example.h"

#include "clock.h"

#define COUNT 100

int main(void) {
    seismic_tao_block head;
    seismic_subtensor *st = example_subtensor(&head);
    seismic_client *client = seismic_subtensor_client(st);
    seismic_block_ref at = seismic_block_at_hash(head.hash); /* every read below sees this block */
    seismic_error err = {0};

    /* Some coldkeys: a System.Account key is prefix ‖ blake2_128(account) ‖ account, so it ends with the id. */
    seismic_buf prefix = {0};
    seismic_storage_key("System", "Account", NULL, 0, &prefix);
    seismic_request keys = seismic_tao_get_storage_keys(st, prefix.data, prefix.len, COUNT, NULL, 0, &at, NULL);
    const seismic_response *r = seismic_await_response(client, keys, &err);
    seismic_tao_storage_keys found; /* views into the response, until its release */
    static char names[COUNT][SEISMIC_SS58_MAX_LEN + 1];
    const char *coldkeys[COUNT];
    size_t n = 0;
    if (!r || seismic_response_tao_storage_keys(r, &found) != SEISMIC_OK) {
        fprintf(stderr, "storage keys: %s\n", err.message);
        return 1;
    }
    for (size_t i = 0; i < found.count; i++) {
        const seismic_tao_storage_key *key = &found.keys[i];
        if (key->len == 80 && seismic_ss58_encode(key->data + 48, SEISMIC_SS58_BITTENSOR, names[n]) == SEISMIC_OK)
            coldkeys[n] = names[n], n++;
    }
    seismic_request_release(client, keys);
    seismic_buf_free(&prefix);

    /* All balances in one call, then the same one request at a time. */
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
    uint64_t http2 = seismic_client_get_stats(client).http_requests;
    char tao[32];
    seismic_tao_format(n && !res ? balances[0].free : 0, tao);
    printf("%zu balances at block %llu in one call: %llu HTTP request, %.0f ms; one at a time: %llu, %.0f ms (%.1fx)\n",
           n, (unsigned long long)head.number, (unsigned long long)(http1 - http0), together,
           (unsigned long long)(http2 - http1), one_by_one, one_by_one / together);
    printf("first: %s \xcf\x84%s\n", n ? coldkeys[0] : "-", tao);
    if (res) fprintf(stderr, "%s\n", err.message);
    seismic_subtensor_destroy(st);
    seismic_client_destroy(client);
    return res || n == 0 ? 1 : 0;
}
