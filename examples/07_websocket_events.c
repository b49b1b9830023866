/* WebSocket events: watch the token's Transfer events while the same program makes transfers.
   SRC20 amounts are private: each event carries the amount encrypted to a party's viewing key (kept in
   the Directory contract). The watcher subscribes to the events encrypted for our key and decrypts them.
   It stops after 3 events or 30 seconds.
   Run: WS_URL=ws://127.0.0.1:8545 PRIVATE_KEY=0x... TOKEN_ADDRESS=0x... build/examples/07_websocket_events */
#include "example.h"

static int events_seen;

static void on_event(const seismic_src20_event *e, void *user_data) {
    char from[43], to[43], amount[80];
    (void)user_data;
    seismic_address_to_string(&e->from, from);
    seismic_address_to_string(&e->to, to);
    seismic_format_units(&e->amount, 18, amount); /* the token has 18 decimals */
    printf("event: block %llu, from %s, to %s, value %s DEMO\n", (unsigned long long)e->block_number, from, to, amount);
    events_seen++;
}

static void on_error(seismic_result result, const char *message, void *user_data) {
    (void)user_data;
    printf("watch error (%s): %s\n", seismic_result_string(result), message);
}

static void on_sent(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    (void)c, (void)req;
    if (resp->result == SEISMIC_OK) printf("transfer of %s DEMO sent\n", (const char *)user_data);
    else printf("transfer of %s DEMO failed: %s\n", (const char *)user_data, resp->error_message);
}

int main(void) {
    seismic_address token = example_address("TOKEN_ADDRESS"), recipient;
    seismic_address_parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 42, &recipient); /* Anvil's account #1 */
    /* A ws:// URL makes a WebSocket client: one socket, calls pipelined on it, subscriptions pushed to us. */
    seismic_client_desc desc = {0};
    desc.url = getenv("WS_URL") ? getenv("WS_URL") : "ws://127.0.0.1:8545";
    seismic_client *client = example_client_with(desc);
    seismic_wallet *wallet = example_wallet(client);

    /* Our viewing key, by signed read from the Directory (deploy_contracts registered it): the decoded
       uint256 output is the key's 32 bytes, big-endian. */
    seismic_src20_watch_desc watch = {0};
    seismic_error err = {0};
    const seismic_abi_value *key;
    size_t count;
    if (seismic_response_abi(seismic_await_response(client, seismic_directory_get_key(wallet, NULL), &err), &key, &count)) {
        fprintf(stderr, "no viewing key in the Directory for this account: %s\n", err.message);
        return 1;
    }
    memcpy(watch.viewing_key, key[1].data, 32);

    /* Start watching (eth_subscribe "logs" filtered on the token and our key's hash)... */
    watch.has_token = true;
    watch.token = token;
    watch.on_event = on_event;
    watch.on_error = on_error;
    seismic_src20_watcher *watcher = seismic_src20_watch(client, &watch, &err);
    if (!watcher) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    /* ...then make three transfers on the same client. */
    static const char *amounts[3] = {"1", "2.5", "0.25"};
    for (int i = 0; i < 3; i++) {
        seismic_u256 amount;
        seismic_request_options opts = {0};
        seismic_parse_units(amounts[i], strlen(amounts[i]), 18, &amount);
        opts.callback = on_sent;
        opts.user_data = (void *)amounts[i];
        seismic_src20_transfer(wallet, &token, &recipient, &amount, &opts);
    }
    /* The loop delivers callbacks and notifications; stop at 3 events or after 30 s. */
    for (int waited = 0; events_seen < 3 && waited < 300; waited++) seismic_client_run(client, 100);
    printf("%d events received over WebSocket\n", events_seen);
    seismic_src20_watch_stop(watcher);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client);
    return events_seen == 3 ? 0 : 1;
}
