/* WebSocket events: watch the token's Transfer events while the same program makes transfers.
   SRC20 amounts are private: each event carries the amount encrypted to a party's viewing key (kept in
   the Directory contract). The watcher subscribes to the events encrypted for our key and decrypts them.
   It stops after 3 events or 30 seconds.
   Run: WS_URL=ws://127.0.0.1:8545 PRIVATE_KEY=0x... TOKEN_ADDRESS=0x... build/examples/07_websocket_events */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    (void)c;
    (void)req;
    if (resp->result == SEISMIC_OK) printf("transfer of %s DEMO sent\n", (const char *)user_data);
    else printf("transfer of %s DEMO failed: %s\n", (const char *)user_data, resp->error_message);
}

/* Our viewing key, read back from the Directory by signed read (deploy_contracts registered it). */
static bool viewing_key(seismic_client *client, seismic_wallet *wallet, uint8_t key[32]) {
    seismic_buf result = {0};
    seismic_json json;
    seismic_json_token tokens[4];
    seismic_u256 value;
    seismic_error err;
    bool ok = seismic_await(client, seismic_directory_get_key(wallet, NULL), &result, &err) == SEISMIC_OK &&
              seismic_json_parse(&json, (const char *)result.data, result.len, tokens, 4, &err) == SEISMIC_OK &&
              seismic_json_get_u256(&json, 1, &value) == SEISMIC_OK && !seismic_u256_is_zero(&value); /* ["<key>"] */
    if (ok) seismic_u256_to_be(&value, key);
    seismic_buf_free(&result);
    return ok;
}

int main(void) {
    const char *url = getenv("WS_URL") ? getenv("WS_URL") : "ws://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY"), *token_text = getenv("TOKEN_ADDRESS");
    seismic_address token, recipient;
    if (!key || !token_text || seismic_address_parse(token_text, strlen(token_text), &token) != SEISMIC_OK) {
        fprintf(stderr, "set PRIVATE_KEY and TOKEN_ADDRESS (and WS_URL)\n");
        return 1;
    }
    seismic_address_parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 42, &recipient); /* Anvil's account #1 */

    /* A ws:// URL makes a WebSocket client: one socket, calls pipelined on it, subscriptions pushed to us. */
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
    seismic_src20_watch_desc watch = {0};
    if (!viewing_key(client, wallet, watch.viewing_key)) {
        fprintf(stderr, "no viewing key in the Directory for this account (run deploy_contracts)\n");
        seismic_wallet_destroy(wallet);
        seismic_client_destroy(client);
        return 1;
    }

    /* Start watching (eth_subscribe "logs" filtered on the token and our key's hash)... */
    watch.has_token = true;
    watch.token = token;
    watch.on_event = on_event;
    watch.on_error = on_error;
    seismic_src20_watcher *watcher = seismic_src20_watch(client, &watch, &err);
    if (!watcher) {
        fprintf(stderr, "%s\n", err.message);
        seismic_wallet_destroy(wallet);
        seismic_client_destroy(client);
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
