/* SRC20, a token with private balances and amounts: name, symbol and our balance fetched concurrently,
   a transfer, and the Transfer event of that transfer decrypted with our viewing key.
   Run: RPC_URL=... PRIVATE_KEY=0x... TOKEN_ADDRESS=0x... build/examples/12_src20 */
#include "example.h"

/* Output 0 of a finished contract read, decoded by the SDK (values[0] is the tuple of all outputs). */
static void output_text(const seismic_response *r, char *out, size_t cap) {
    const seismic_abi_value *v;
    size_t n;
    if (seismic_response_abi(r, &v, &n) == SEISMIC_OK) snprintf(out, cap, "%.*s", (int)v[1].len, (const char *)v[1].data);
    else snprintf(out, cap, "(failed: %s)", r ? r->error_message : "no answer");
}

static seismic_u256 output_u256(const seismic_response *r) {
    const seismic_abi_value *v;
    size_t n;
    seismic_u256 value = {{0, 0, 0, 0}};
    if (seismic_response_abi(r, &v, &n) == SEISMIC_OK) seismic_abi_value_u256(&v[1], &value);
    return value;
}

int main(void) {
    seismic_address token = example_address("TOKEN_ADDRESS"), recipient;
    seismic_address_parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 42, &recipient); /* Anvil's account #1 */
    seismic_client *client = example_client();
    seismic_wallet *wallet = example_wallet(client);

    /* 1. Four reads at once: name and symbol are public (eth_call); the balance is private, so it is a
       signed read (only the owner can ask, the answer is encrypted to us); so is our Directory key. */
    seismic_request reads[4] = {
        seismic_contract_read(client, &token, "name() returns (string)", NULL, NULL),
        seismic_contract_read(client, &token, "symbol() returns (string)", NULL, NULL),
        seismic_src20_balance(wallet, &token, NULL),
        seismic_directory_get_key(wallet, NULL),
    };
    seismic_client_wait_all(client, reads, 4, 10000);
    char name[64], symbol[16], balance[80];
    uint8_t viewing_key[32];
    output_text(seismic_request_response(client, reads[0]), name, sizeof name);
    output_text(seismic_request_response(client, reads[1]), symbol, sizeof symbol);
    seismic_u256 amount = output_u256(seismic_request_response(client, reads[2]));
    seismic_u256 key = output_u256(seismic_request_response(client, reads[3]));
    seismic_u256_to_be(&key, viewing_key);
    seismic_format_units(&amount, 18, balance);
    printf("token %s (%s), our balance %s\n", name, symbol, balance);
    /* 2. A transfer of 12.5 tokens (a shielded write: the amount is encrypted), then its receipt. */
    seismic_error err = {0};
    seismic_receipt receipt;
    uint8_t hash[32];
    seismic_parse_units("12.5", 4, 18, &amount);
    seismic_request transfer = seismic_src20_transfer(wallet, &token, &recipient, &amount, NULL);
    seismic_response_tx_hash(seismic_await_response(client, transfer, &err), hash);
    seismic_request wait = seismic_eth_wait_for_receipt(client, hash, 100, NULL);
    if (seismic_response_receipt(seismic_await_response(client, wait, &err), &receipt) != SEISMIC_OK) {
        fprintf(stderr, "transfer: %s\n", err.message);
        return 1;
    }
    printf("transfer of 12.5 %s mined in block %llu\n", symbol, (unsigned long long)receipt.block_number);
    /* 3. Its Transfer events: one per party with a viewing key; ours decrypts with our key. */
    int decrypted = 0;
    for (size_t i = 0; i < receipt.log_count; i++) {
        seismic_src20_event ev;
        char from[43], to[43], value[80];
        if (seismic_src20_decode_log(&receipt.logs[i], viewing_key, &ev, NULL) != SEISMIC_OK || ev.is_approval) continue;
        seismic_address_to_string(&ev.from, from);
        seismic_address_to_string(&ev.to, to);
        seismic_format_units(&ev.amount, 18, value);
        printf("Transfer event: from %s to %s, amount %s %s (decrypted with our viewing key)\n", from, to, value, symbol);
        decrypted++;
    }
    /* 4. The balance again. Destroying the client releases every request still held. */
    amount = output_u256(seismic_await_response(client, seismic_src20_balance(wallet, &token, NULL), &err));
    seismic_format_units(&amount, 18, balance);
    printf("our balance now %s\n", balance);
    seismic_wallet_destroy(wallet);
    seismic_client_destroy(client);
    return decrypted == 1 ? 0 : 1;
}
