/* The setup every example shares: settings from the environment, a client, a wallet, a subtensor. Each
   helper prints the real cause and exits when something is missing, so that the examples show only their
   pattern.
       RPC_URL           the node [http://127.0.0.1:8545]     PRIVATE_KEY   the account's key
       COUNTER_ADDRESS   SeismicCounter                       TOKEN_ADDRESS  SRC20Token
       TAO_URL           a subtensor node [http://127.0.0.1:9944]
   (build/tools/deploy_contracts deploys both and prints these exports.) */
#ifndef SEISMIC_EXAMPLE_H
#define SEISMIC_EXAMPLE_H
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline const char *example_env(const char *name) {
    const char *value = getenv(name);
    if (!value || !*value) {
        fprintf(stderr, "set %s (build/tools/deploy_contracts prints the addresses)\n", name);
        exit(1);
    }
    return value;
}

static inline seismic_address example_address(const char *name) {
    const char *text = example_env(name);
    seismic_address address;
    if (seismic_address_parse(text, strlen(text), &address) != SEISMIC_OK) {
        fprintf(stderr, "%s=%s is not an address\n", name, text);
        exit(1);
    }
    return address;
}

/* A client for RPC_URL (or url_override), with the caller's other settings. */
static inline seismic_client *example_client_with(seismic_client_desc desc) {
    seismic_error err = {0};
    if (!desc.url) desc.url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "client: %s\n", err.message);
        exit(1);
    }
    return client;
}

static inline seismic_client *example_client(void) {
    seismic_client_desc desc = {0};
    return example_client_with(desc);
}

/* The wallet of PRIVATE_KEY on client (fetches the TEE key, chain id and nonce). */
static inline seismic_wallet *example_wallet(seismic_client *client) {
    seismic_wallet_desc desc = {0};
    seismic_error err = {0};
    desc.private_key = example_env("PRIVATE_KEY");
    seismic_wallet *wallet = seismic_wallet_create_blocking(client, &desc, &err);
    if (!wallet) {
        fprintf(stderr, "wallet: %s\n", err.message);
        seismic_client_destroy(client);
        exit(1);
    }
    return wallet;
}

#ifndef SEISMIC_NO_SUBSTRATE
/* A subtensor on TAO_URL [http://127.0.0.1:9944] and the head block it pins (read everything at head). */
static inline seismic_subtensor *example_subtensor(seismic_tao_block *head) {
    seismic_client_desc desc = {0};
    seismic_error err = {0};
    desc.url = getenv("TAO_URL") ? getenv("TAO_URL") : "http://127.0.0.1:9944";
    seismic_client *client = example_client_with(desc);
    seismic_subtensor *st = seismic_subtensor_create(client, NULL, &err);
    if (!st || seismic_tao_get_block_hash_blocking(st, NULL, head, &err) != SEISMIC_OK) {
        fprintf(stderr, "subtensor: %s\n", err.message);
        seismic_client_destroy(client);
        exit(1);
    }
    return st;
}
#endif
#endif
