/* Cleanup: a scope that always shuts the client down, whether the work succeeds, fails or times out. C has
   no `with`/`defer`; the idiom is a function with one exit path: every early exit jumps to `done`, which
   releases what was acquired, in reverse order. The work itself is passed in as a job.
   Run: RPC_URL=... PRIVATE_KEY=0x... COUNTER_ADDRESS=0x... build/examples/06_cleanup */
#include "example.h"

typedef seismic_result (*job_fn)(seismic_client *client, seismic_wallet *wallet, const seismic_address *counter);
/* The scope: client and wallet exist only for the duration of job. */
static seismic_result with_wallet(const char *name, job_fn job, const seismic_address *counter) {
    seismic_result result = SEISMIC_ERR_INVALID_ARGUMENT;
    seismic_client_desc desc = {0};
    seismic_wallet_desc wallet_desc = {0};
    seismic_error err = {0};
    seismic_wallet *wallet = NULL;
    printf("%s\n", name);
    desc.url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    wallet_desc.private_key = example_env("PRIVATE_KEY");
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client || !(wallet = seismic_wallet_create_blocking(client, &wallet_desc, &err))) goto done;
    result = job(client, wallet, counter);
done: /* the one way out */
    if (wallet) seismic_wallet_destroy(wallet);
    if (client) {
        uint32_t pending = seismic_client_get_stats(client).live_requests;
        seismic_client_destroy(client); /* ends every pending request (SEISMIC_ERR_SHUTDOWN), closes sockets */
        printf("  cleanup: client destroyed (it ended %u live request%s)\n", pending, pending == 1 ? "" : "s");
    }
    if (err.message[0]) printf("  cause: %s\n", err.message);
    printf("  outcome: %s\n", result == SEISMIC_OK ? "success" : seismic_result_string(result));
    return result;
}

/* Success: a signed read of the counter's number, decoded (values[1] is output 0). */
static seismic_result read_number(seismic_client *client, seismic_wallet *wallet, const seismic_address *counter) {
    seismic_error err = {0};
    const seismic_abi_value *values;
    size_t count;
    uint64_t number = 0;
    seismic_request read =
        seismic_contract_call(wallet, counter, SEISMIC_SIGNED_READ, "getNumber() returns (uint256)", NULL, NULL, NULL);
    seismic_result r = seismic_response_abi(seismic_await_response(client, read, &err), &values, &count);
    if (r == SEISMIC_OK) r = seismic_abi_value_u64(&values[1], &number);
    if (r == SEISMIC_OK) printf("  getNumber() returned %llu\n", (unsigned long long)number);
    else printf("  error: %s\n", err.message);
    return r; /* the read is released with the client, by the scope */
}

/* Error: a call that reverts. The revert reason of a signed read comes back encrypted; the SDK decrypts it. */
static seismic_result call_reverting(seismic_client *client, seismic_wallet *wallet, const seismic_address *counter) {
    seismic_error err = {0};
    seismic_result r = seismic_await(
        client, seismic_contract_call(wallet, counter, SEISMIC_SIGNED_READ, "revertWithSecret()", NULL, NULL, NULL), NULL, &err);
    if (r != SEISMIC_OK) printf("  error: %s\n", err.message);
    return r;
}

static void on_receipt_end(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    (void)c, (void)req, (void)user_data;
    printf("  the receipt wait ended: %s\n", seismic_result_string(resp->result));
}

/* Timeout: waiting 1 s for the receipt of a transaction that was never sent. The wait gives up, the request
   is still pending when the job returns, and the scope's cleanup ends it. */
static seismic_result wait_for_ghost(seismic_client *client, seismic_wallet *wallet, const seismic_address *counter) {
    uint8_t never_sent[32] = {0x12, 0x34};
    seismic_request_options opts = {0};
    (void)wallet, (void)counter;
    opts.callback = on_receipt_end;
    seismic_result r = seismic_client_wait(client, seismic_eth_wait_for_receipt(client, never_sent, 200, &opts), 1000);
    if (r == SEISMIC_ERR_TIMEOUT) printf("  no receipt within 1000 ms\n");
    return r;
}

int main(void) {
    seismic_address counter = example_address("COUNTER_ADDRESS");
    bool ok = with_wallet("1. success", read_number, &counter) == SEISMIC_OK;
    ok = with_wallet("2. error", call_reverting, &counter) == SEISMIC_ERR_RPC && ok;
    return with_wallet("3. timeout", wait_for_ghost, &counter) == SEISMIC_ERR_TIMEOUT && ok ? 0 : 1;
}
