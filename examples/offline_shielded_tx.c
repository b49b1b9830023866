/* Builds, encrypts and signs a Seismic shielded transaction without touching the network, then
   decodes it again the way a node would. Run: build/examples/offline_shielded_tx */
#include "seismic.h"

#include <stdio.h>
#include <string.h>

int main(void) {
    /* The signer (Anvil's dev account #0) and the sanvil TEE public key. */
    seismic_private_key signer;
    seismic_address sender;
    uint8_t tee_public_key[33];
    seismic_private_key_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", &signer);
    seismic_private_key_address(&signer, &sender);
    seismic_hex_decode("028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0", 66, tee_public_key, 33, NULL);

    /* The encryption state: a fresh client key, ECDH with the TEE key, request/response AES keys. */
    seismic_encryption enc;
    if (seismic_encryption_init(&enc, NULL, tee_public_key) != SEISMIC_OK) return 1;

    /* Calldata for setNumber(suint256 42): the selector keeps the shielded type name. */
    seismic_buf calldata = {0}, ciphertext = {0}, raw = {0};
    const char *args[] = {"42"};
    if (seismic_abi_encode_call_text("setNumber(suint256)", args, 1, &calldata, NULL) != SEISMIC_OK) return 1;

    seismic_shielded_tx tx = {0};
    tx.chain_id = 31337;
    tx.nonce = 0;
    tx.gas_price = seismic_u256_from_u64(1000000000);
    tx.gas = 100000;
    tx.has_to = true;
    seismic_address_parse("0x5FbDB2315678afecb367f032d93F642f64180aa3", 42, &tx.to);
    memcpy(tx.encryption_pubkey, enc.public_key, 33);
    seismic_encryption_nonce_generate(tx.encryption_nonce);
    tx.expires_at_block = 100; /* and recent_block_hash: a block the node knows (zero here) */

    seismic_shielded_tx_encrypt(&tx, &sender, &enc, calldata.data, calldata.len, &ciphertext);
    tx.input = ciphertext.data;
    tx.input_len = ciphertext.len;
    seismic_shielded_tx_sign(&tx, &signer);
    seismic_shielded_tx_encode(&tx, &raw);
    seismic_buf hex = {0};
    seismic_buf_append_hex(&hex, raw.data, raw.len);
    printf("raw transaction: %s\n", seismic_buf_cstr(&hex));

    /* What the node does: decode, recover the sender, decrypt with the same request key. */
    seismic_shielded_tx decoded;
    seismic_authorization auth[1];
    seismic_address who;
    seismic_buf plaintext = {0};
    char who_text[43];
    seismic_shielded_tx_decode(raw.data, raw.len, &decoded, auth, 1, NULL);
    seismic_shielded_tx_sender(&decoded, &who);
    seismic_address_to_string(&who, who_text);
    seismic_shielded_tx_decrypt(&decoded, &who, enc.request_key, &plaintext);
    printf("sender %s, calldata decrypts back: %s\n", who_text,
           plaintext.len == calldata.len && memcmp(plaintext.data, calldata.data, calldata.len) == 0 ? "yes" : "NO");

    seismic_encryption_wipe(&enc);
    seismic_private_key_wipe(&signer);
    seismic_buf_free(&calldata);
    seismic_buf_free(&ciphertext);
    seismic_buf_free(&raw);
    seismic_buf_free(&hex);
    seismic_buf_free(&plaintext);
    return 0;
}
