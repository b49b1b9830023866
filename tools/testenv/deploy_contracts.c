/* Setup for the examples (make devnet, make demo, tests/examples.sh): deploys the contracts the numbered
   examples use and prints their addresses as shell exports:
       eval "$(build/tools/deploy_contracts)"      sets COUNTER_ADDRESS and TOKEN_ADDRESS
   It also prepares some state: the counter gets number 42 and values 100..500, the account gets
   1000 DEMO tokens and a viewing key in the Directory (so that its token events are encrypted to it).
   Bytecode comes from tools/testenv/devnode/contracts/artifacts.json (or the path in ARTIFACTS).
   Run: RPC_URL=http://127.0.0.1:8545 PRIVATE_KEY=0x... build/tools/deploy_contracts */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>

static seismic_client *client;
static seismic_wallet *wallet;

/* Reads a whole file into buf; false if it cannot. */
static bool read_file(const char *path, seismic_buf *buf) {
    FILE *f = fopen(path, "rb");
    char chunk[4096];
    size_t n;
    if (!f) return false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(buf, chunk, n);
    fclose(f);
    return !buf->failed;
}

/* Appends the creation bytecode of contracts.<name>.bytecode in artifacts.json to code. */
static bool bytecode(const seismic_json *j, const char *name, seismic_buf *code) {
    int contract = seismic_json_find(j, seismic_json_find(j, 0, "contracts"), name);
    return seismic_json_get_bytes_buf(j, seismic_json_find(j, contract, "bytecode"), code) == SEISMIC_OK;
}

/* Waits until every transaction in txs (requests whose result is a tx hash) is mined with status 1.
   Receipts are kept in receipts[] (release them later); returns false and says why otherwise. */
static bool confirm(const seismic_request *txs, seismic_request *receipts, size_t n, const char *const *what) {
    bool ok = seismic_client_wait_all(client, txs, n, 60000) == SEISMIC_OK;
    for (size_t i = 0; i < n; i++) {
        const seismic_response *r = seismic_request_response(client, txs[i]);
        uint8_t hash[32];
        receipts[i].id = 0;
        if (seismic_response_tx_hash(r, hash) == SEISMIC_OK) {
            receipts[i] = seismic_eth_wait_for_receipt(client, hash, 200, NULL);
        } else {
            fprintf(stderr, "%s: %s\n", what[i], r ? r->error_message : "no answer");
            ok = false;
        }
    }
    if (!ok) return false;
    seismic_client_wait_all(client, receipts, n, 60000);
    for (size_t i = 0; i < n; i++) {
        const seismic_response *r = seismic_request_response(client, receipts[i]);
        seismic_receipt receipt;
        if (seismic_response_receipt(r, &receipt) != SEISMIC_OK || !receipt.success) {
            fprintf(stderr, "%s: %s\n", what[i], r && r->result != SEISMIC_OK ? r->error_message : "reverted");
            ok = false;
        }
    }
    return ok;
}

/* The contract a deployment receipt created. */
static seismic_address contract_address(seismic_request receipt) {
    seismic_receipt r;
    seismic_response_receipt(seismic_request_response(client, receipt), &r); /* confirmed above */
    return r.contract_address;
}

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY");
    const char *path = getenv("ARTIFACTS") ? getenv("ARTIFACTS") : "tools/testenv/devnode/contracts/artifacts.json";
    seismic_error err;
    seismic_buf file = {0}, counter_code = {0}, token_code = {0};
    seismic_json json;
    static seismic_json_token tokens[8192];
    if (!key) {
        fprintf(stderr, "set PRIVATE_KEY (and RPC_URL)\n");
        return 1;
    }
    if (!read_file(path, &file) || seismic_json_parse(&json, (const char *)file.data, file.len, tokens, 8192, &err) ||
        !bytecode(&json, "SeismicCounter", &counter_code) || !bytecode(&json, "SRC20Token", &token_code)) {
        fprintf(stderr, "cannot read the bytecode from %s\n", path);
        return 1;
    }
    /* SRC20Token's constructor arguments follow its bytecode: (name, symbol, decimals) */
    seismic_abi_args token_args = {0};
    seismic_abi_arg_string(&token_args, "Demo Token");
    seismic_abi_arg_string(&token_args, "DEMO");
    seismic_abi_arg_u64(&token_args, 18);
    seismic_abi_encode("(string,string,uint8)", &token_args, &token_code, &err);
    seismic_abi_args_free(&token_args);

    seismic_client_desc desc = {0};
    desc.url = url;
    client = seismic_client_create(&desc, &err);
    if (!client || !(wallet = seismic_wallet_create_blocking(client, &(seismic_wallet_desc){.private_key = key}, &err))) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    /* 1. Both deployments at once: a transparent write with no `to` creates a contract. */
    seismic_request deploys[2] = {
        seismic_transparent_write(wallet, NULL, counter_code.data, counter_code.len, NULL, NULL),
        seismic_transparent_write(wallet, NULL, token_code.data, token_code.len, NULL, NULL),
    };
    seismic_request deployed[2];
    const char *deploy_names[] = {"deploying SeismicCounter", "deploying SRC20Token"};
    if (!confirm(deploys, deployed, 2, deploy_names)) return 1;
    char counter[43], token[43], me[43];
    seismic_address counter_address = contract_address(deployed[0]), token_address = contract_address(deployed[1]);
    seismic_address_to_string(&counter_address, counter);
    seismic_address_to_string(&token_address, token);
    seismic_address_to_string(seismic_wallet_address(wallet), me);

    /* 2. State for the examples, all in flight together (the wallet's nonce manager orders them). */
    uint8_t viewing_key[32];
    seismic_random_bytes(viewing_key, 32);
    seismic_request setup[8];
    const char *setup_names[8] = {"mint", "registering the viewing key", "setNumber",
                                  "setValue", "setValue", "setValue", "setValue", "setValue"};
    seismic_abi_args mint = {0}, number = {0}, value = {0};
    seismic_u256 thousand; /* 1000 tokens of 18 decimals */
    seismic_parse_units("1000", 4, 18, &thousand);
    seismic_abi_arg_address(&mint, seismic_wallet_address(wallet));
    seismic_abi_arg_u256(&mint, &thousand);
    seismic_abi_arg_u64(&number, 42);
    setup[0] = seismic_contract_call(wallet, &token_address, SEISMIC_TRANSPARENT_WRITE, "mint(address,uint256)", &mint, NULL, NULL);
    setup[1] = seismic_directory_register_key(wallet, viewing_key, NULL);
    setup[2] = seismic_contract_call(wallet, &counter_address, SEISMIC_WRITE, "setNumber(suint256)", &number, NULL, NULL);
    for (int i = 0; i < 5; i++) {
        seismic_abi_args_free(&value);
        seismic_abi_arg_u64(&value, 100 * (uint64_t)(i + 1));
        setup[3 + i] = seismic_contract_call(wallet, &counter_address, SEISMIC_WRITE, "setValue(suint256)", &value, NULL, NULL);
    }
    seismic_abi_args_free(&mint);
    seismic_abi_args_free(&number);
    seismic_abi_args_free(&value);
    seismic_request setup_receipts[8];
    if (!confirm(setup, setup_receipts, 8, setup_names)) return 1;

    fprintf(stderr, "SeismicCounter at %s (number 42, values 100..500)\n", counter);
    fprintf(stderr, "SRC20Token     at %s (1000 DEMO minted to %s, viewing key registered)\n", token, me);
    printf("export COUNTER_ADDRESS=%s\nexport TOKEN_ADDRESS=%s\n", counter, token);

    seismic_buf_free(&file);
    seismic_buf_free(&counter_code);
    seismic_buf_free(&token_code);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client); /* also frees the requests not released above */
    return 0;
}
