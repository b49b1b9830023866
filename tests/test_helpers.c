/* Seismic helpers (section 8b): precompile inputs and gas (spec §6.2, §9.8, §9.16), SRC20 amounts
   (§5, §9.14) and deposits (§6.1, §9.15). */
#include "seismic.h"
#include "harness.h"
#include "support.h"

#define SK_C "a30363336e1bb949185292a2a302de86e447d98f3a43d823c8c234d9e3e5ad77"
#define PK_TEE "028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0"
#define ZERO32 "0000000000000000000000000000000000000000000000000000000000000000"
#define ZERO12 "000000000000000000000000"

static seismic_buf empty_buf(void) {
    seismic_buf b;
    memset(&b, 0, sizeof b);
    return b;
}

/* Each precompile address is 0x…64 + its index. */
static void test_precompile_addresses(void) {
    const seismic_address all[] = {SEISMIC_PRECOMPILE_RNG, SEISMIC_PRECOMPILE_ECDH, SEISMIC_PRECOMPILE_AES_GCM_ENCRYPT,
                                   SEISMIC_PRECOMPILE_AES_GCM_DECRYPT, SEISMIC_PRECOMPILE_HKDF,
                                   SEISMIC_PRECOMPILE_SECP256K1_SIGN};
    for (int i = 0; i < 6; i++) {
        seismic_address a = all[i];
        uint8_t expected[20] = {0};
        expected[19] = (uint8_t)(0x64 + i);
        CHECK(memcmp(a.bytes, expected, 20) == 0);
    }
}

static void test_rng(void) {
    seismic_buf b = empty_buf();
    CHECK(seismic_precompile_rng_input(16, NULL, 0, &b) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, "00000010");
    b.len = 0;
    CHECK(seismic_precompile_rng_input(32, "seed", 4, &b) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, "0000002073656564");
    b.len = 0;
    CHECK(seismic_precompile_rng_input(0, NULL, 0, &b) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_precompile_rng_input(33, "seed", 4, &b) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(b.len == 0); /* nothing appended on error */
    CHECK(seismic_precompile_rng_input(1, NULL, 0, &b) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, "00000001");
    seismic_buf_free(&b);

    CHECK(seismic_precompile_rng_gas(1, 0) == 3505);
    CHECK(seismic_precompile_rng_gas(32, 0) == 3505);
    CHECK(seismic_precompile_rng_gas(16, 64) == 3515);
    CHECK(seismic_precompile_rng_gas(16, 65) == 3520);
    CHECK(seismic_precompile_rng_gas(8, 4) == 3510);
}

static void test_ecdh(void) {
    seismic_private_key sk = key(SK_C);
    uint8_t pk[33], shared[32], aes_key[32];
    hex(PK_TEE, pk, 33);
    seismic_buf b = empty_buf();
    CHECK(seismic_precompile_ecdh_input(&sk, pk, &b) == SEISMIC_OK);
    CHECK(b.len == 65);
    CHECK_HEX(b.data, b.len, SK_C PK_TEE);
    CHECK(seismic_precompile_ecdh_gas() == 3120);

    /* What the precompile returns: the request key of the pair (spec §9.1). */
    CHECK(seismic_ecdh(&sk, pk, 33, shared) == SEISMIC_OK);
    seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_REQUEST, aes_key);
    CHECK_HEX(aes_key, 32, "bf0dd6556618d1bf8d1602bf80be3a0f7cc729973829bb9acb75bd77770d5b90");

    /* Not a compressed point: an uncompressed prefix, an x off the curve. */
    b.len = 0;
    pk[0] = 0x04;
    CHECK(seismic_precompile_ecdh_input(&sk, pk, &b) == SEISMIC_ERR_INVALID_ARGUMENT);
    memset(pk, 0xff, 33);
    pk[0] = 0x02;
    CHECK(seismic_precompile_ecdh_input(&sk, pk, &b) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(b.len == 0);
    seismic_buf_wipe(&b);
}

static void test_aes_gcm(void) {
    uint8_t zero_key[32] = {0}, zero_nonce[12] = {0}, nonce_one[12] = {0}, sealed[27], opened[11];
    nonce_one[11] = 1; /* TS passes integer nonces as 12-byte big-endian */
    seismic_buf b = empty_buf();
    CHECK(seismic_precompile_aes_gcm_encrypt_input(zero_key, nonce_one, "hello", 5, &b) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, ZERO32 "000000000000000000000001" "68656c6c6f");

    /* HelloAESGCM: the 0x66 precompile result equals local AES-GCM without AAD, and 0x67 takes it back. */
    seismic_aes_gcm_encrypt(zero_key, zero_nonce, NULL, 0, "HelloAESGCM", 11, sealed);
    CHECK_HEX(sealed, 27, "86c22c5122212e3d400d886f80dfcfcbacb96cbc815db886e1a6cd");
    b.len = 0;
    CHECK(seismic_precompile_aes_gcm_decrypt_input(zero_key, zero_nonce, sealed, 27, &b) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, ZERO32 ZERO12 "86c22c5122212e3d400d886f80dfcfcbacb96cbc815db886e1a6cd");
    CHECK(seismic_aes_gcm_decrypt(b.data, b.data + 32, NULL, 0, b.data + 44, b.len - 44, opened) == SEISMIC_OK);
    CHECK(memcmp(opened, "HelloAESGCM", 11) == 0);

    /* Decryption input needs at least a tag; exactly a tag (empty plaintext) is fine. */
    b.len = 0;
    CHECK(seismic_precompile_aes_gcm_decrypt_input(zero_key, zero_nonce, sealed, 15, &b) ==
          SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(b.len == 0);
    CHECK(seismic_precompile_aes_gcm_decrypt_input(zero_key, zero_nonce, sealed, 16, &b) == SEISMIC_OK);
    CHECK(b.len == 60);
    seismic_buf_free(&b);

    CHECK(seismic_precompile_aes_gcm_gas(0) == 1000);
    CHECK(seismic_precompile_aes_gcm_gas(16) == 1030);
    CHECK(seismic_precompile_aes_gcm_gas(17) == 1060);
}

static void test_hkdf(void) {
    uint8_t out[32], ikm[4];
    seismic_buf b = empty_buf();
    CHECK(seismic_precompile_hkdf_input("HelloHKDF", 9, &b) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, "48656c6c6f484b4446");
    seismic_buf_free(&b);

    seismic_hkdf_sha256("HelloHKDF", 9, SEISMIC_HKDF_INFO_PRECOMPILE, out);
    CHECK_HEX(out, 32, "7f527a655fecfa58cd49e00b13684f2df335a3e1a3b9bee749f4d494087038f2");
    hex("1234abcd", ikm, 4);
    seismic_hkdf_sha256(ikm, 4, SEISMIC_HKDF_INFO_PRECOMPILE, out);
    CHECK_HEX(out, 32, "67b4c8f882a3a82e4eb12b97aa70652afd62167d0ffd28f81b22e1684c1e8fb2");

    CHECK(seismic_precompile_hkdf_gas(0) == 6120);
    CHECK(seismic_precompile_hkdf_gas(32) == 6144);
    CHECK(seismic_precompile_hkdf_gas(33) == 6168);
}

/* §9.16: the sign precompile input for an EIP-191 message is sk ‖ hash, and a signature over that
   hash (what the precompile returns) recovers to the key's address. */
static void test_sign(void) {
    seismic_private_key sk = key("0xaac6ccf1fdec03b4838a3c97628f381b34a949967f46d3f8a9a9c741ce982a87");
    uint8_t hash[32], expected_hash[32];
    const char *message = "i signed this";
    const char *prefixed = "\x19" "Ethereum Signed Message:\n13i signed this";
    seismic_eip191_hash(message, strlen(message), hash);
    seismic_keccak256(prefixed, strlen(prefixed), expected_hash);
    CHECK(memcmp(hash, expected_hash, 32) == 0);

    seismic_buf b = empty_buf();
    CHECK(seismic_precompile_secp256k1_sign_input(&sk, hash, &b) == SEISMIC_OK);
    CHECK(b.len == 64);
    CHECK(b.len == 64 && memcmp(b.data, sk.bytes, 32) == 0 && memcmp(b.data + 32, hash, 32) == 0);
    CHECK(seismic_precompile_sign_gas() == 3000);

    seismic_signature sig;
    seismic_address signer, expected;
    CHECK(seismic_sign_hash(&sk, b.data + 32, &sig) == SEISMIC_OK);
    CHECK(seismic_recover(hash, &sig, &signer, NULL) == SEISMIC_OK);
    CHECK(seismic_private_key_address(&sk, &expected) == SEISMIC_OK);
    CHECK(seismic_address_equal(&signer, &expected));
    seismic_buf_wipe(&b);
}

static void *failing_alloc(size_t size, void *user_data) {
    (void)size, (void)user_data;
    return NULL;
}

/* An encoder reports a buffer that could not grow. */
static void test_out_of_memory(void) {
    seismic_buf b = empty_buf();
    uint8_t hash[32] = {0};
    seismic_private_key sk = key(SK_C);
    b.allocator.alloc = failing_alloc;
    CHECK(seismic_precompile_rng_input(8, NULL, 0, &b) == SEISMIC_ERR_NO_MEMORY);
    CHECK(seismic_precompile_secp256k1_sign_input(&sk, hash, &b) == SEISMIC_ERR_NO_MEMORY);
    seismic_u256 amount = seismic_u256_from_u64(1);
    CHECK(seismic_src20_encrypt_amount(hash, hash, &amount, &b) == SEISMIC_ERR_NO_MEMORY);
    CHECK(b.len == 0 && b.data == NULL);
}

static void test_calldata_gas(void) {
    uint8_t zeros[10], ones[10], mixed[4] = {0x00, 0xff, 0x00, 0xff};
    memset(zeros, 0, sizeof zeros);
    memset(ones, 0xff, sizeof ones);
    CHECK(seismic_calldata_gas(zeros, 10) == 40);
    CHECK(seismic_calldata_gas(ones, 10) == 160);
    CHECK(seismic_calldata_gas(mixed, 4) == 40);
    CHECK(seismic_calldata_gas(NULL, 0) == 0);
    CHECK(SEISMIC_TX_BASE_GAS == 21000);
}

/* §9.14: key, nonce, amount → encryptedAmount. */
typedef struct src20_vector {
    const char *key, *nonce, *amount, *encrypted;
} src20_vector;

static const src20_vector src20_vectors[] = {
    {ZERO32, "00000000000000000000002a", "1000000",
     "b926c4c80ca29ebe08436e64e477b4dd0cc9a6a1312228c9e495f2aefd6e70331d1babc5d9de6ff73db843da03376035"
     "00000000000000000000002a"},
    {"0000000000000000000000000000000000000000000000000000000000000001", "0000000000000000000003e7",
     "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe",
     "ac0cc8985bd5ad8269a59c72e6254402aa07744220f8fc8132a5f4c7ca9361206a529f014faa7e83fffaad810a214489"
     "0000000000000000000003e7"},
    {"abababababababababababababababababababababababababababababababab", "010101010101010101010101", "1000",
     "2df5b12049c2d8a2cebd7d38b6d862c94864cfd98455014dfd6a6aad5dfa0282a212582dedcb67dffd08f71582955cb7"
     "010101010101010101010101"},
    {"abababababababababababababababababababababababababababababababab", "010101010101010101010101", "42000",
     "2df5b12049c2d8a2cebd7d38b6d862c94864cfd98455014dfd6a6aad5dfaa57aeb2f7bd907727ee3cf7890097a2909c5"
     "010101010101010101010101"},
};

static void test_src20_amounts(void) {
    for (size_t i = 0; i < sizeof src20_vectors / sizeof src20_vectors[0]; i++) {
        const src20_vector *v = &src20_vectors[i];
        uint8_t k[32], nonce[12];
        seismic_u256 amount = u(v->amount), decrypted;
        hex(v->key, k, 32);
        hex(v->nonce, nonce, 12);
        seismic_buf b = empty_buf();
        CHECK(seismic_src20_encrypt_amount(k, nonce, &amount, &b) == SEISMIC_OK);
        CHECK(b.len == SEISMIC_SRC20_ENCRYPTED_AMOUNT_LEN);
        CHECK_HEX(b.data, b.len, v->encrypted);
        seismic_buf_free(&b);

        seismic_buf enc = from_hex(v->encrypted);
        CHECK(seismic_src20_decrypt_amount(k, enc.data, enc.len, &decrypted, NULL) == SEISMIC_OK);
        CHECK(seismic_u256_cmp(&decrypted, &amount) == 0);
        seismic_buf_free(&enc);
    }
}

static void test_src20_errors(void) {
    uint8_t k[32], tampered[60];
    seismic_u256 amount;
    seismic_error err;
    memset(&err, 0, sizeof err);
    hex(ZERO32, k, 32);
    hex(src20_vectors[0].encrypted, tampered, 60);

    CHECK(seismic_src20_decrypt_amount(k, NULL, 0, &amount, &err) == SEISMIC_ERR_PARSE);
    CHECK_STR(err.message, "Empty encrypted data - recipient has no key");
    CHECK(err.result == SEISMIC_ERR_PARSE);
    CHECK(seismic_src20_decrypt_amount(k, tampered, 12, &amount, NULL) == SEISMIC_ERR_PARSE);
    CHECK(seismic_src20_decrypt_amount(k, tampered, 13, &amount, NULL) == SEISMIC_ERR_PARSE);
    CHECK(seismic_src20_decrypt_amount(k, tampered, 59, &amount, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "59 bytes") != NULL);

    tampered[47] ^= 1; /* last tag byte */
    CHECK(seismic_src20_decrypt_amount(k, tampered, 60, &amount, &err) == SEISMIC_ERR_DECRYPT);
    CHECK(err.result == SEISMIC_ERR_DECRYPT);
    tampered[47] ^= 1;
    tampered[59] ^= 1; /* nonce */
    CHECK(seismic_src20_decrypt_amount(k, tampered, 60, &amount, NULL) == SEISMIC_ERR_DECRYPT);
    tampered[59] ^= 1;
    tampered[0] ^= 0x80; /* ciphertext */
    CHECK(seismic_src20_decrypt_amount(k, tampered, 60, &amount, NULL) == SEISMIC_ERR_DECRYPT);
    tampered[0] ^= 0x80;
    k[31] = 1; /* someone else's key */
    CHECK(seismic_src20_decrypt_amount(k, tampered, 60, &amount, NULL) == SEISMIC_ERR_DECRYPT);
}

#define LOG_DATA_9_14                                                                                              \
    "0000000000000000000000000000000000000000000000000000000000000020"                                             \
    "000000000000000000000000000000000000000000000000000000000000003c"                                             \
    "b926c4c80ca29ebe08436e64e477b4dd0cc9a6a1312228c9e495f2aefd6e70331d1babc5d9de6ff73db843da0337603500000000000000" \
    "000000002a00000000"

static void test_src20_events(void) {
    seismic_buf log = from_hex(LOG_DATA_9_14), encoded = empty_buf();
    const uint8_t *encrypted = NULL;
    size_t encrypted_len = 0;
    uint8_t k[32] = {0};
    seismic_u256 amount, expected = seismic_u256_from_u64(1000000);
    seismic_error err;
    memset(&err, 0, sizeof err);

    /* The log data is the ABI `bytes` of the encryptedAmount. */
    char arg_text[2 + 120 + 1] = "0x";
    strcat(arg_text, src20_vectors[0].encrypted);
    const char *arg = arg_text;
    CHECK(seismic_abi_encode_text("(bytes)", &arg, 1, &encoded, NULL) == SEISMIC_OK);
    CHECK(encoded.len == log.len && memcmp(encoded.data, log.data, log.len) == 0);

    CHECK(seismic_src20_parse_event_data(log.data, log.len, &encrypted, &encrypted_len, &err) == SEISMIC_OK);
    CHECK(encrypted_len == 60 && encrypted == log.data + 64);
    CHECK_HEX(encrypted, encrypted_len, src20_vectors[0].encrypted);
    CHECK(seismic_src20_decrypt_amount(k, encrypted, encrypted_len, &amount, NULL) == SEISMIC_OK);
    CHECK(seismic_u256_cmp(&amount, &expected) == 0);

    /* A party without a key: empty bytes parse, then fail to decrypt with the "no key" message. */
    seismic_buf no_key = from_hex("0000000000000000000000000000000000000000000000000000000000000020"
                                  "0000000000000000000000000000000000000000000000000000000000000000");
    CHECK(seismic_src20_parse_event_data(no_key.data, no_key.len, &encrypted, &encrypted_len, NULL) == SEISMIC_OK);
    CHECK(encrypted_len == 0);
    CHECK(seismic_src20_decrypt_amount(k, encrypted, encrypted_len, &amount, &err) == SEISMIC_ERR_PARSE);
    CHECK_STR(err.message, "Empty encrypted data - recipient has no key");
    seismic_buf_free(&no_key);

    /* Malformed: truncated payload, an offset past the end, a length past the end, nothing at all. */
    CHECK(seismic_src20_parse_event_data(log.data, log.len - 5, &encrypted, &encrypted_len, NULL) != SEISMIC_OK);
    log.data[31] = 0x40;
    CHECK(seismic_src20_parse_event_data(log.data, log.len, &encrypted, &encrypted_len, NULL) != SEISMIC_OK);
    log.data[31] = 0x20;
    log.data[63] = 0x61;
    CHECK(seismic_src20_parse_event_data(log.data, log.len, &encrypted, &encrypted_len, &err) != SEISMIC_OK);
    CHECK(err.message[0] != 0);
    CHECK(seismic_src20_parse_event_data(NULL, 0, &encrypted, &encrypted_len, NULL) != SEISMIC_OK);
    seismic_buf_free(&log);
    seismic_buf_free(&encoded);
}

static void test_src20_constants(void) {
    static const struct {
        const char *key, *hash;
    } hashes[] = {
        {"0000000000000000000000000000000000000000000000000000000000000001",
         "b10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6"},
        {"abababababababababababababababababababababababababababababababab",
         "7d3a608bb850f47c2d77d6be73b8f93c94a80264b7bb3cc5c7d2fb54d07ef6b9"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "20ee8f1366f06926e9e8771d8fb9007a8537c8dfdb6a3f8c2cfd64db19d2ec90"},
        {ZERO32, "290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"},
    };
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++) {
        uint8_t k[32], h[32];
        hex(hashes[i].key, k, 32);
        seismic_src20_key_hash(k, h);
        CHECK_HEX(h, 32, hashes[i].hash);
    }

    /* the topic constants are the keccak of the event signatures (and usable as static initializers) */
    static const uint8_t transfer_topic[32] = SEISMIC_SRC20_TRANSFER_TOPIC, approval_topic[32] = SEISMIC_SRC20_APPROVAL_TOPIC;
    uint8_t topic[32];
    CHECK(seismic_abi_event_topic("event Transfer(address indexed from, address indexed to, bytes32 indexed "
                                  "encryptKeyHash, bytes encryptedAmount)",
                                  topic, NULL) == SEISMIC_OK);
    CHECK(memcmp(topic, transfer_topic, 32) == 0);
    CHECK(seismic_abi_event_topic("Approval(address,address,bytes32,bytes)", topic, NULL) == SEISMIC_OK);
    CHECK(memcmp(topic, approval_topic, 32) == 0);

    seismic_address directory = SEISMIC_DIRECTORY_ADDRESS, intelligence = SEISMIC_INTELLIGENCE_ADDRESS;
    seismic_address deposit = SEISMIC_DEPOSIT_CONTRACT_ADDRESS;
    char text[43];
    seismic_address_to_string(&directory, text);
    CHECK_STR(text, "0x1000000000000000000000000000000000000004");
    seismic_address_to_string(&intelligence, text);
    CHECK_STR(text, "0x1000000000000000000000000000000000000005");
    seismic_address_to_string(&deposit, text); /* the EIP-55 form the spec gives */
    CHECK_STR(text, "0x00000000219ab540356cBB839Cbe05303d7705Fa");
}

/* PY test_deposit_helpers.py data (spec §9.15). */
#define NODE_PK "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef"
#define CREDS "0100000000000000000000001234567890abcdef1234567890abcdef12345678"

typedef struct deposit_fields {
    uint8_t node_pk[32], cons_pk[48], creds[32], node_sig[64], cons_sig[96];
} deposit_fields;

static deposit_fields deposit_test_fields(void) {
    deposit_fields d;
    hex(NODE_PK, d.node_pk, 32);
    for (int i = 0; i < 6; i++) hex("1234567890abcdef", d.cons_pk + 8 * i, 8);
    hex(CREDS, d.creds, 32);
    for (int i = 0; i < 8; i++) hex("1234567890abcdef", d.node_sig + 8 * i, 8);
    for (int i = 0; i < 12; i++) hex("1234567890abcdef", d.cons_sig + 8 * i, 8);
    return d;
}

static void test_deposit_root(void) {
    deposit_fields d = deposit_test_fields();
    uint8_t creds[32], root[32];
    seismic_address owner = addr("0x1234567890abcdef1234567890abcdef12345678");
    seismic_deposit_withdrawal_credentials(&owner, creds);
    CHECK_HEX(creds, 32, CREDS);

    seismic_deposit_data_root(d.node_pk, d.cons_pk, d.creds, d.node_sig, d.cons_sig, 32000000000u, root);
    CHECK_HEX(root, 32, "8e46ba7d742826a61dc269b6351d302206f42229d96a44943f718f356747c73f");
    seismic_deposit_data_root(d.node_pk, d.cons_pk, d.creds, d.node_sig, d.cons_sig, 1000000000u, root);
    CHECK_HEX(root, 32, "b1bfba0914d66ea6f916947635dce0beb9c407b9822755ae691269e2e684f776");
    d.cons_sig[95] ^= 1; /* every byte counts, including the padded tail of the BLS signature */
    seismic_deposit_data_root(d.node_pk, d.cons_pk, d.creds, d.node_sig, d.cons_sig, 1000000000u, root);
    CHECK(root[0] != 0xb1 || root[1] != 0xbf);
}

static void test_deposit_request(void) {
    static const struct {
        uint64_t gwei;
        const char *le64;
    } amounts[] = {
        {32000000000u, "0040597307000000"},
        {1000000000u, "00ca9a3b00000000"},
        {31000000000u, "0076be3707000000"},
    };
    deposit_fields d = deposit_test_fields();
    uint8_t request[SEISMIC_DEPOSIT_REQUEST_LEN];
    CHECK(SEISMIC_DEPOSIT_REQUEST_LEN == 288);
    for (size_t i = 0; i < 3; i++) {
        seismic_deposit_request(d.node_pk, d.cons_pk, d.creds, d.node_sig, d.cons_sig, amounts[i].gwei, i, request);
        CHECK_HEX(request + 112, 8, amounts[i].le64);
        CHECK(request[280] == i && request[281] == 0);
    }
    seismic_deposit_request(d.node_pk, d.cons_pk, d.creds, d.node_sig, d.cons_sig, 1, 0x0102030405060708u, request);
    CHECK(memcmp(request, d.node_pk, 32) == 0);
    CHECK(memcmp(request + 32, d.cons_pk, 48) == 0);
    CHECK(memcmp(request + 80, d.creds, 32) == 0);
    CHECK_HEX(request + 112, 8, "0100000000000000");
    CHECK(memcmp(request + 120, d.node_sig, 64) == 0);
    CHECK(memcmp(request + 184, d.cons_sig, 96) == 0);
    CHECK_HEX(request + 280, 8, "0807060504030201");
}

static void test_deposit_count(void) {
    seismic_buf data = from_hex("0000000000000000000000000000000000000000000000000000000000000020"
                                "0000000000000000000000000000000000000000000000000000000000000008"
                                "0500000000000000000000000000000000000000000000000000000000000000");
    uint64_t count = 0;
    seismic_error err;
    memset(&err, 0, sizeof err);
    CHECK(seismic_deposit_count_from_abi(data.data, data.len, &count, NULL) == SEISMIC_OK);
    CHECK(count == 5);
    memcpy(data.data + 64, "\x08\x07\x06\x05\x04\x03\x02\x81", 8);
    CHECK(seismic_deposit_count_from_abi(data.data, data.len, &count, NULL) == SEISMIC_OK);
    CHECK(count == 0x8102030405060708u);

    /* Malformed: cut short, wrong length of the bytes, nonzero padding, empty. */
    CHECK(seismic_deposit_count_from_abi(data.data, 71, &count, NULL) != SEISMIC_OK);
    data.data[71] = 0; /* so the 7-byte form below is canonically padded */
    data.data[63] = 7;
    CHECK(seismic_deposit_count_from_abi(data.data, data.len, &count, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "7 bytes") != NULL);
    data.data[63] = 8;
    data.data[72] = 1;
    CHECK(seismic_deposit_count_from_abi(data.data, data.len, &count, NULL) != SEISMIC_OK);
    CHECK(seismic_deposit_count_from_abi(NULL, 0, &count, NULL) != SEISMIC_OK);
    CHECK(count == 0x8102030405060708u); /* untouched by failures */
    seismic_buf_free(&data);
}

int main(void) {
    test_precompile_addresses();
    test_rng();
    test_ecdh();
    test_aes_gcm();
    test_hkdf();
    test_sign();
    test_calldata_gas();
    test_out_of_memory();
    test_src20_amounts();
    test_src20_errors();
    test_src20_events();
    test_src20_constants();
    test_deposit_root();
    test_deposit_request();
    test_deposit_count();
    return test_summary();
}
