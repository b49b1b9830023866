/* Concurrent shielded writes: five setValue(v) transactions in flight at once, each printed when it is
   sent and again when it is mined.
   Why they do not collide: every transaction of an account needs the next nonce. An SDK that reads
   eth_getTransactionCount for each write gives writes started together the same nonce. The wallet's
   nonce manager reads the pending count once and hands out nonce, nonce+1, ... in submission order
   (resyncing if the node answers "nonce too low/high"), so the five writes simply go out together.
   Run: RPC_URL=... PRIVATE_KEY=0x... COUNTER_ADDRESS=0x... build/examples/04_concurrent_shielded_writes */
#include "example.h"

typedef struct write_state {
    int index;
    uint64_t value;
    bool ok;
} write_state;
static int finished_count;

/* Step 2: the receipt arrived (or the wait failed). */
static void on_receipt(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    write_state *w = (write_state *)user_data;
    seismic_receipt receipt;
    (void)c, (void)req;
    bool ok = seismic_response_receipt(resp, &receipt) == SEISMIC_OK;
    if (ok) printf("write %d: confirmed in block %llu (%s)\n", w->index, (unsigned long long)receipt.block_number,
                   receipt.success ? "success" : "reverted");
    else printf("write %d: no receipt: %s\n", w->index, resp->error_message);
    w->ok = ok && receipt.success;
    finished_count++;
}

/* Step 1: the node accepted the transaction; the result is its hash. A callback may submit more work:
   here, waiting for the receipt (polled every 100 ms). */
static void on_sent(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    write_state *w = (write_state *)user_data;
    uint8_t hash[32];
    char hash_text[67];
    (void)req;
    if (seismic_response_tx_hash(resp, hash) != SEISMIC_OK) {
        printf("write %d: failed: %s\n", w->index, resp->error_message);
        finished_count++;
        return;
    }
    seismic_hex_encode(hash, 32, hash_text);
    printf("write %d: sent setValue(%llu), tx %.18s...\n", w->index, (unsigned long long)w->value, hash_text);
    seismic_request_options wait = {0};
    wait.callback = on_receipt;
    wait.user_data = w;
    wait.timeout_ms = 30000;
    seismic_eth_wait_for_receipt(c, hash, 100, &wait);
}

int main(void) {
    seismic_address counter = example_address("COUNTER_ADDRESS");
    seismic_client *client = example_client();
    seismic_wallet *wallet = example_wallet(client);
    /* setValue takes an suint256, a shielded type: SEISMIC_WRITE makes it a shielded write (the calldata
       is encrypted to the node's TEE key). All five are submitted before any is sent. */
    write_state writes[5];
    for (int i = 0; i < 5; i++) {
        seismic_request_options sent = {0};
        seismic_abi_args args = {0};
        writes[i] = (write_state){i + 1, 11 * (uint64_t)(i + 1), false};
        seismic_abi_arg_u64(&args, writes[i].value);
        sent.callback = on_sent;
        sent.user_data = &writes[i];
        if (!seismic_contract_call(wallet, &counter, SEISMIC_WRITE, "setValue(suint256)", &args, NULL, &sent).id) {
            fprintf(stderr, "write %d: %s\n", i + 1, seismic_client_last_error(client)->message);
            finished_count++;
        }
        seismic_abi_args_free(&args);
    }
    /* Run the loop until every write is confirmed or has failed (60 s at most). */
    int succeeded = 0;
    for (int waited = 0; finished_count < 5 && waited < 600; waited++) seismic_client_run(client, 100);
    for (int i = 0; i < 5; i++) succeeded += writes[i].ok;
    printf("%d of 5 writes confirmed\n", succeeded);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client);
    return succeeded == 5 ? 0 : 1;
}
