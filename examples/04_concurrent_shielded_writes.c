/* Concurrent shielded writes: five setValue(v) transactions in flight at once, each printed when it is
   sent and again when it is mined.

   Why they do not collide: every transaction from an account needs the next account nonce. The Python
   SDK builds each write from a fresh eth_getTransactionCount(account, "latest"), so writes started
   together all get the same nonce and all but one are rejected; with it, one account's writes go one
   after another, each waiting for the previous one to be mined. Here the wallet has a nonce manager:
   it reads the account's pending count once, then hands out nonce, nonce+1, ... in the order writes are
   submitted (and resyncs if the node answers "nonce too low/high"). So the five writes below simply go
   out together, and the node mines them in nonce order.

   Run: RPC_URL=... PRIVATE_KEY=0x... COUNTER_ADDRESS=0x... build/examples/04_concurrent_shielded_writes */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct write_state {
    int index;
    uint64_t value;
    bool confirmed, ok;
} write_state;

static int confirmed_count;

/* Step 2: the receipt arrived (or the wait failed). */
static void on_receipt(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    write_state *w = (write_state *)user_data;
    seismic_receipt receipt;
    (void)c;
    (void)req;
    w->confirmed = true;
    confirmed_count++;
    if (seismic_response_receipt(resp, &receipt) != SEISMIC_OK) {
        printf("write %d: no receipt: %s\n", w->index, resp->error_message);
        return;
    }
    w->ok = receipt.success;
    printf("write %d: confirmed in block %llu (%s)\n", w->index, (unsigned long long)receipt.block_number,
           w->ok ? "success" : "reverted");
}

/* Step 1: the transaction was accepted by the node; its result is the tx hash. Callbacks may submit
   more work: here, waiting for the receipt (polled every 100 ms). */
static void on_sent(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    write_state *w = (write_state *)user_data;
    uint8_t hash[32];
    char hash_text[67];
    (void)req;
    if (seismic_response_tx_hash(resp, hash) != SEISMIC_OK) {
        printf("write %d: failed: %s\n", w->index, resp->error_message);
        w->confirmed = true;
        confirmed_count++;
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
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY"), *counter_text = getenv("COUNTER_ADDRESS");
    seismic_address counter;
    if (!key || !counter_text || seismic_address_parse(counter_text, strlen(counter_text), &counter) != SEISMIC_OK) {
        fprintf(stderr, "set PRIVATE_KEY and COUNTER_ADDRESS (and RPC_URL)\n");
        return 1;
    }
    seismic_client_desc desc = {0};
    desc.url = url;
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    seismic_wallet_desc wallet_desc = {0};
    wallet_desc.private_key = key;
    seismic_wallet *wallet = client ? seismic_wallet_create_blocking(client, &wallet_desc, &err) : NULL;
    if (!wallet) {
        fprintf(stderr, "%s\n", err.message);
        if (client) seismic_client_destroy(client);
        return 1;
    }

    /* setValue takes an suint256, a shielded type: SEISMIC_WRITE makes it a shielded write (the calldata
       is encrypted to the node's TEE key). All five are submitted before any is sent. */
    write_state writes[5];
    for (int i = 0; i < 5; i++) {
        seismic_request_options sent = {0};
        seismic_abi_args args = {0};
        writes[i] = (write_state){i + 1, 11 * (i + 1), false, false};
        seismic_abi_arg_u64(&args, writes[i].value);
        sent.callback = on_sent;
        sent.user_data = &writes[i];
        seismic_request write = seismic_contract_call(wallet, &counter, SEISMIC_WRITE, "setValue(suint256)", &args, NULL, &sent);
        seismic_abi_args_free(&args);
        if (!write.id) {
            fprintf(stderr, "write %d: %s\n", i + 1, seismic_client_last_error(client)->message);
            writes[i].confirmed = true;
            confirmed_count++;
        }
    }
    /* Run the loop until every write is confirmed or has failed (60 s at most). */
    for (int waited = 0; confirmed_count < 5 && waited < 600; waited++) seismic_client_run(client, 100);

    int succeeded = 0;
    for (int i = 0; i < 5; i++) succeeded += writes[i].ok;
    printf("%d of 5 writes confirmed\n", succeeded);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client);
    return succeeded == 5 ? 0 : 1;
}
