/* SRC20, a token with private balances and amounts: name, symbol and our balance fetched concurrently,
   a transfer, and the Transfer event of that transfer decrypted with our viewing key.
   Run: RPC_URL=... PRIVATE_KEY=0x... TOKEN_ADDRESS=0x... build/examples/12_src20 */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first decoded output of a finished contract read (["..."]) as text, or as a token amount. */
static void output_text(const seismic_response *r, char *out, size_t cap) {
    if (!r || seismic_json_get_string(&r->json, seismic_json_array_get(&r->json, r->result_index, 0), out, cap, NULL))
        snprintf(out, cap, "(failed: %s)", r ? r->error_message : "no answer");
}

static void output_amount(const seismic_response *r, char out[80]) {
    seismic_u256 value;
    if (r && seismic_json_get_u256(&r->json, seismic_json_array_get(&r->json, r->result_index, 0), &value) == SEISMIC_OK)
        seismic_format_units(&value, 18, out);
    else
        snprintf(out, 80, "(failed: %s)", r ? r->error_message : "no answer");
}

/* Prints the Transfer logs of a receipt whose amount is encrypted to our viewing key. A transfer logs one
   event per party that has a key; topic 3 is the hash of the key its amount is encrypted to. */
static int print_our_transfers(const seismic_response *receipt, const uint8_t viewing_key[32], const char *symbol) {
    const seismic_json *j = &receipt->json;
    uint8_t our_hash[32], transfer_topic[32];
    int logs = seismic_json_find(j, receipt->result_index, "logs"), decrypted = 0;
    seismic_src20_key_hash(viewing_key, our_hash);
    seismic_hex_decode_exact(SEISMIC_SRC20_TRANSFER_TOPIC, 66, transfer_topic, 32);
    for (int log = seismic_json_first_child(j, logs); log >= 0; log = seismic_json_next_sibling(j, logs, log)) {
        int topics = seismic_json_find(j, log, "topics");
        uint8_t topic0[32], from[32], to[32], key_hash[32];
        seismic_buf data = {0};
        const uint8_t *encrypted;
        size_t encrypted_len;
        seismic_u256 value;
        if (seismic_json_get_bytes_exact(j, seismic_json_array_get(j, topics, 0), topic0, 32) ||
            memcmp(topic0, transfer_topic, 32) != 0 ||
            seismic_json_get_bytes_exact(j, seismic_json_array_get(j, topics, 1), from, 32) ||
            seismic_json_get_bytes_exact(j, seismic_json_array_get(j, topics, 2), to, 32) ||
            seismic_json_get_bytes_exact(j, seismic_json_array_get(j, topics, 3), key_hash, 32) ||
            memcmp(key_hash, our_hash, 32) != 0)
            continue; /* not a Transfer, or encrypted for someone else */
        if (seismic_json_get_bytes_buf(j, seismic_json_find(j, log, "data"), &data) == SEISMIC_OK &&
            seismic_src20_parse_event_data(data.data, data.len, &encrypted, &encrypted_len, NULL) == SEISMIC_OK &&
            seismic_src20_decrypt_amount(viewing_key, encrypted, encrypted_len, &value, NULL) == SEISMIC_OK) {
            seismic_address a, b;
            char from_text[43], to_text[43], value_text[80];
            memcpy(a.bytes, from + 12, 20); /* an indexed address is the last 20 bytes of its topic */
            memcpy(b.bytes, to + 12, 20);
            seismic_address_to_string(&a, from_text);
            seismic_address_to_string(&b, to_text);
            seismic_format_units(&value, 18, value_text);
            printf("Transfer event: from %s to %s, amount %s %s (decrypted with our viewing key)\n", from_text, to_text,
                   value_text, symbol);
            decrypted++;
        }
        seismic_buf_free(&data);
    }
    return decrypted;
}

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY"), *token_text = getenv("TOKEN_ADDRESS");
    seismic_address token, recipient;
    if (!key || !token_text || seismic_address_parse(token_text, strlen(token_text), &token) != SEISMIC_OK) {
        fprintf(stderr, "set PRIVATE_KEY and TOKEN_ADDRESS (and RPC_URL)\n");
        return 1;
    }
    seismic_address_parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 42, &recipient); /* Anvil's account #1 */
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

    /* 1. Three reads at once: name and symbol are public (eth_call); the balance is private, so it is a
       signed read (only the owner can ask, and the answer is encrypted to us). Our viewing key comes
       from the Directory the same way. */
    seismic_request reads[4] = {
        seismic_contract_call(client, NULL, &token, SEISMIC_TRANSPARENT_READ, "name() returns (string)", NULL, 0, NULL, NULL),
        seismic_contract_call(client, NULL, &token, SEISMIC_TRANSPARENT_READ, "symbol() returns (string)", NULL, 0, NULL, NULL),
        seismic_src20_balance(wallet, &token, NULL),
        seismic_directory_get_key(wallet, NULL),
    };
    seismic_client_wait_all(client, reads, 4, 10000);
    char name[64], symbol[16], balance[80];
    output_text(seismic_request_response(client, reads[0]), name, sizeof name);
    output_text(seismic_request_response(client, reads[1]), symbol, sizeof symbol);
    output_amount(seismic_request_response(client, reads[2]), balance);
    printf("token %s (%s), our balance %s\n", name, symbol, balance);
    uint8_t viewing_key[32] = {0};
    const seismic_response *kr = seismic_request_response(client, reads[3]);
    seismic_u256 key_value;
    bool have_key = kr && kr->result == SEISMIC_OK &&
                    seismic_json_get_u256(&kr->json, seismic_json_array_get(&kr->json, kr->result_index, 0), &key_value) ==
                        SEISMIC_OK &&
                    !seismic_u256_is_zero(&key_value);
    if (have_key) seismic_u256_to_be(&key_value, viewing_key);
    for (int i = 0; i < 4; i++) seismic_request_release(client, reads[i]);

    /* 2. A transfer of 12.5 tokens (a shielded write: the amount is encrypted); its result is the tx
       hash, then we wait for the receipt. */
    seismic_u256 amount;
    uint8_t hash[32];
    seismic_parse_units("12.5", 4, 18, &amount);
    seismic_request transfer = seismic_src20_transfer(wallet, &token, &recipient, &amount, NULL);
    seismic_client_wait(client, transfer, 30000);
    const seismic_response *sent = seismic_request_response(client, transfer);
    if (!sent || seismic_json_get_bytes_exact(&sent->json, sent->result_index, hash, 32) != SEISMIC_OK) {
        fprintf(stderr, "transfer: %s\n", sent ? sent->error_message : "no answer");
        seismic_wallet_destroy(wallet);
        seismic_client_destroy(client);
        return 1;
    }
    seismic_request_release(client, transfer);
    seismic_request wait = seismic_eth_wait_for_receipt(client, hash, 100, NULL);
    seismic_client_wait(client, wait, 30000);
    const seismic_response *receipt = seismic_request_response(client, wait);
    uint64_t block = 0;
    if (!receipt || receipt->result != SEISMIC_OK) {
        fprintf(stderr, "no receipt\n");
        seismic_wallet_destroy(wallet);
        seismic_client_destroy(client);
        return 1;
    }
    seismic_json_get_u64(&receipt->json, seismic_json_find(&receipt->json, receipt->result_index, "blockNumber"), &block);
    printf("transfer of 12.5 %s mined in block %llu\n", symbol, (unsigned long long)block);

    /* 3. The receipt's Transfer events, decrypted with our viewing key. */
    int decrypted = have_key ? print_our_transfers(receipt, viewing_key, symbol) : 0;
    if (!decrypted) printf("no Transfer event for our viewing key%s\n", have_key ? "" : " (no key in the Directory)");
    seismic_request_release(client, wait);

    /* 4. The balance again. */
    seismic_request after = seismic_src20_balance(wallet, &token, NULL);
    seismic_client_wait(client, after, 10000);
    output_amount(seismic_request_response(client, after), balance);
    printf("our balance now %s\n", balance);

    seismic_request_release(client, after);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client);
    return decrypted == 1 ? 0 : 1;
}
