/* The Seismic protocol vectors of spec §9 (shared/spec/seismic-protocol.md), plus the standard
   Ethereum vectors for keys, signatures, EIP-155, EIP-1559, EIP-55, EIP-191 and EIP-712. */
#include "seismic.h"
#include "harness.h"
#include "support.h"
#include "spec_vectors.h"

static seismic_encryption sanvil_encryption(void) {
    seismic_encryption enc;
    seismic_private_key sk = key(SK_TEE);
    uint8_t tee[33];
    hex(PK_TEE, tee, 33);
    CHECK(seismic_encryption_init(&enc, &sk, tee) == SEISMIC_OK);
    return enc;
}

static void check_encoded(const seismic_shielded_tx *tx, bool is_signed, const char *expected) {
    seismic_buf b = {0};
    CHECK((is_signed ? seismic_shielded_tx_encode(tx, &b) : seismic_shielded_tx_encode_unsigned(tx, &b)) == SEISMIC_OK);
    CHECK_HEX(b.data, b.len, expected);
    seismic_buf_free(&b);
}

static void check_raw_hash(const char *raw_hex, const char *expected_hash) {
    seismic_buf raw = from_hex(raw_hex);
    uint8_t h[32];
    seismic_tx_hash(raw.data, raw.len, h);
    CHECK_HEX(h, 32, expected_hash);
    seismic_buf_free(&raw);
}

static void test_key_derivation(void) { /* 9.1 */
    seismic_private_key c = key(SK_C), tee = key(SK_TEE);
    uint8_t pk_tee[33], pub[33], shared[32], k[32], x_prefixed[33];
    hex(PK_TEE, pk_tee, 33);
    CHECK(seismic_public_key_compressed(&tee, pub) == SEISMIC_OK);
    CHECK_HEX(pub, 33, PK_TEE);
    CHECK(seismic_public_key_compressed(&c, pub) == SEISMIC_OK);
    CHECK_HEX(pub, 33, "025f210a5daaca346fa1fd8d6ea36e813e756ea34659fe42c757de4e6ed1d0903c");
    CHECK(seismic_ecdh(&c, pk_tee, 33, shared) == SEISMIC_OK);
    CHECK_HEX(shared, 32, "46a4d6fce8eca748ba8362e726de51a5c62202c887d6bb81fa6f4df1fb360999");
    /* the shared secret is sha256(03 ‖ x) of the listed point, whose y is odd */
    x_prefixed[0] = 0x03;
    hex("ae50584c10ef7484c2f28868cce536958960ab86376f1bd7d6c44fcf52e1a18c", x_prefixed + 1, 32);
    seismic_sha256(x_prefixed, 33, k);
    CHECK(memcmp(k, shared, 32) == 0);
    seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_REQUEST, k);
    CHECK_HEX(k, 32, "bf0dd6556618d1bf8d1602bf80be3a0f7cc729973829bb9acb75bd77770d5b90");
    seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_RESPONSE, k);
    CHECK_HEX(k, 32, "974b310e3990d555da33e2b0c1dc6036a9709400ec992dbfc9330cc00e673144");

    seismic_encryption enc;
    CHECK(seismic_encryption_init(&enc, &c, pk_tee) == SEISMIC_OK);
    CHECK_HEX(enc.request_key, 32, "bf0dd6556618d1bf8d1602bf80be3a0f7cc729973829bb9acb75bd77770d5b90");
    CHECK_HEX(enc.response_key, 32, "974b310e3990d555da33e2b0c1dc6036a9709400ec992dbfc9330cc00e673144");
    seismic_encryption_wipe(&enc);
    uint8_t zero[sizeof enc];
    memset(zero, 0, sizeof zero);
    CHECK(memcmp(&enc, zero, sizeof enc) == 0);

    enc = sanvil_encryption(); /* DERIVED sanvil setup */
    CHECK(seismic_ecdh(&tee, pk_tee, 33, shared) == SEISMIC_OK);
    CHECK_HEX(shared, 32, "bf8187bca92b3e39de0a7ef9c096d0c4d6cdcb240b0b751ad675d935a1dc94db");
    CHECK_HEX(enc.request_key, 32, "6a01280c291b984e8fd40183f964e9cb0e0d5dde8127ab66e75caa6f278068cf");
    CHECK_HEX(enc.response_key, 32, "1b586639aac6cc64e4c418cfc432232a6024655d3325ab1d92ff3647d07a58c4");
    uint8_t uncompressed_prefix[33] = {0x04};
    CHECK(seismic_encryption_init(&enc, &c, uncompressed_prefix) == SEISMIC_ERR_INVALID_ARGUMENT);
}

static void test_v0_signed_tx(void) { /* 9.2 */
    seismic_encryption enc = sanvil_encryption();
    seismic_shielded_tx tx = spec_tx_92(31337, 0);
    seismic_address sender = addr("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    seismic_private_key pk0 = key(PK0);
    seismic_buf pt = from_hex(PLAINTEXT_92), ct = {0};
    CHECK(seismic_shielded_tx_encrypt(&tx, &sender, &enc, pt.data, pt.len, &ct) == SEISMIC_OK);
    CHECK_HEX(ct.data, ct.len, CIPHERTEXT_92);
    /* the state keeps the AES and GHASH code init picked; with those fields zeroed it is picked per use */
    CHECK(enc.aes_impl != NULL && enc.ghash_impl != NULL);
    seismic_encryption probing = enc;
    probing.aes_impl = NULL;
    probing.ghash_impl = NULL;
    seismic_buf ct_probing = {0};
    CHECK(seismic_shielded_tx_encrypt(&tx, &sender, &probing, pt.data, pt.len, &ct_probing) == SEISMIC_OK);
    CHECK_HEX(ct_probing.data, ct_probing.len, CIPHERTEXT_92);
    seismic_buf_free(&ct_probing);
    tx.input = ct.data;
    tx.input_len = ct.len;
    check_encoded(&tx, false,
                  "4af8d0827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4"
                  "d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a09342071818"
                  "85f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850" CIPHERTEXT_92 "c0");
    uint8_t digest[32];
    CHECK(seismic_shielded_tx_signing_hash(&tx, digest) == SEISMIC_OK);
    CHECK_HEX(digest, 32, "3bd2090142a65daa3ea533a0f9bc00397bdb710890b3060422c820933e2c1c0f");
    CHECK(seismic_shielded_tx_sign(&tx, &pk0) == SEISMIC_OK);
    CHECK(tx.signature.y_parity == 0);
    CHECK_HEX(tx.signature.r, 32, "ea4deb5d93eb2566b7d0ea5209f8bc9fd810ad1eff29bf59424de14c5910ab23");
    CHECK_HEX(tx.signature.s, 32, "1daa9ada5f7448d737dee3096add2cd9447c2f55c13b7f8ca6ec37105548bf0c");
    const char *raw_hex =
        "4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30"
        "223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a0934207181885f6859ca848f5f01091d1957"
        "444a920a2bfb262fa043c6c239f906480b850" CIPHERTEXT_92
        "c080a0ea4deb5d93eb2566b7d0ea5209f8bc9fd810ad1eff29bf59424de14c5910ab23a01daa9ada5f7448d737dee3096add2cd9447c2f55c1"
        "3b7f8ca6ec37105548bf0c";
    check_encoded(&tx, true, raw_hex);
    check_raw_hash(raw_hex, "4e4d0e23ea06cb8978c40adabaf8599203c7b6d56cfd3063af2d552ec73ace7a");

    /* decode the wire form back: every field, the sender, and the plaintext the node would see */
    seismic_buf raw = from_hex(raw_hex), back = {0};
    seismic_shielded_tx d;
    seismic_authorization auth[2];
    seismic_address who;
    CHECK(seismic_shielded_tx_decode(raw.data, raw.len, &d, auth, 2, NULL) == SEISMIC_OK);
    CHECK(d.chain_id == 31337 && d.nonce == 2 && d.gas == 100000 && d.has_to && !d.signed_read);
    CHECK(d.expires_at_block == 100 && d.message_version == 0 && d.authorization_count == 0);
    CHECK(memcmp(d.encryption_nonce, tx.encryption_nonce, 12) == 0 && d.input_len == 80);
    CHECK(seismic_shielded_tx_sender(&d, &who) == SEISMIC_OK && seismic_address_equal(&who, &sender));
    CHECK(seismic_shielded_tx_decrypt(&d, &who, enc.request_key, &back) == SEISMIC_OK);
    CHECK(back.len == pt.len && memcmp(back.data, pt.data, pt.len) == 0);
    /* a flipped ciphertext bit fails authentication */
    raw.data[raw.len - 80] ^= 1;
    CHECK(seismic_shielded_tx_decode(raw.data, raw.len, &d, auth, 2, NULL) == SEISMIC_OK);
    back.len = 0;
    CHECK(seismic_shielded_tx_decrypt(&d, &who, enc.request_key, &back) == SEISMIC_ERR_DECRYPT);
    seismic_buf_free(&raw);
    seismic_buf_free(&back);
    seismic_buf_free(&pt);
    seismic_buf_free(&ct);
}

/* 9.3: messageVersion 2 in the RLP but signed with the v0 digest (a pure serialization vector). */
static void test_ts_encoding(uint64_t chain_id, const char *ct_tail, const char *digest_hex, const char *raw_hex,
                             const char *hash_hex) {
    seismic_encryption enc = sanvil_encryption();
    seismic_shielded_tx tx = spec_tx_92(chain_id, 2);
    seismic_address sender = addr("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    seismic_private_key pk0 = key(PK0);
    seismic_buf pt = from_hex(PLAINTEXT_92), ct = {0}, unsigned_tx = {0};
    CHECK(seismic_shielded_tx_encrypt(&tx, &sender, &enc, pt.data, pt.len, &ct) == SEISMIC_OK);
    seismic_buf v0_ct = from_hex(CIPHERTEXT_92);
    /* the version is in the AAD: same keystream (first 64 bytes), different tag */
    CHECK(ct.len == 80 && memcmp(ct.data, v0_ct.data, 64) == 0);
    CHECK_HEX(ct.data + 64, 16, ct_tail);
    seismic_buf_free(&v0_ct);
    tx.input = ct.data;
    tx.input_len = ct.len;
    uint8_t digest[32];
    CHECK(seismic_shielded_tx_encode_unsigned(&tx, &unsigned_tx) == SEISMIC_OK);
    seismic_keccak256(unsigned_tx.data, unsigned_tx.len, digest);
    CHECK_HEX(digest, 32, digest_hex);
    CHECK(seismic_sign_hash(&pk0, digest, &tx.signature) == SEISMIC_OK);
    check_encoded(&tx, true, raw_hex);
    check_raw_hash(raw_hex, hash_hex);
    seismic_buf_free(&pt);
    seismic_buf_free(&ct);
    seismic_buf_free(&unsigned_tx);
}

static void check_aad(const seismic_shielded_tx *tx, const char *sender, const char *expected) {
    seismic_address s = addr(sender);
    seismic_buf b = {0};
    seismic_shielded_tx_aad(tx, &s, &b);
    CHECK_HEX(b.data, b.len, expected);
    seismic_buf_free(&b);
}

static void test_aad(void) { /* 9.4 */
    seismic_shielded_tx m0 = spec_tx_92(31337, 0);
    check_aad(&m0, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
              "f88994f39fd6e51aad88f6f4ce6ab8827279cfffb92266827a690294d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c"
              "68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a09342"
              "07181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480");
    m0.message_version = 2;
    check_aad(&m0, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
              "f88994f39fd6e51aad88f6f4ce6ab8827279cfffb92266827a690294d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c"
              "68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a602a09342"
              "07181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480");
    seismic_shielded_tx mock;
    memset(&mock, 0, sizeof mock);
    mock.chain_id = 31337;
    mock.nonce = 2;
    mock.has_to = true;
    mock.to = addr("0xd3e8763675e4c425df46cc3b5c0f6cbdac396046");
    mock.value = seismic_u256_from_u64(1000);
    mock.encryption_pubkey[0] = 0x02;
    memset(mock.encryption_pubkey + 1, 0xab, 32);
    memset(mock.encryption_nonce, 0xff, 12);
    memset(mock.recent_block_hash, 0xcc, 32);
    mock.expires_at_block = 100;
    check_aad(&mock, "0xd3e8763675e4c425df46cc3b5c0f6cbdac396046",
              "f88494d3e8763675e4c425df46cc3b5c0f6cbdac396046827a690294d3e8763675e4c425df46cc3b5c0f6cbdac3960468203e8a102"
              "abababababababababababababababababababababababababababababababab8cffffffffffffffffffffffff80a0cccccccccccc"
              "cccccccccccccccccccccccccccccccccccccccccccccccccccc6480");
    mock.has_to = false;
    check_aad(&mock, "0xd3e8763675e4c425df46cc3b5c0f6cbdac396046",
              "f87094d3e8763675e4c425df46cc3b5c0f6cbdac396046827a6902808203e8a102abababababababababababababababababababab"
              "abababababababababababab8cffffffffffffffffffffffff80a0cccccccccccccccccccccccccccccccccccccccccccccccccccccc"
              "cccccccccc6480");
}

static void test_eip712_tx(void) { /* 9.5, 9.6, 9.11 */
    static const char domain_type[] =
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    uint8_t h[32];
    seismic_keccak256(domain_type, sizeof domain_type - 1, h);
    CHECK_HEX(h, 32, "8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
    seismic_shielded_tx_domain_separator(31337, h);
    CHECK_HEX(h, 32, "fe8197449db574220cfe11bd4271c4680b39d9e034a2c583b3960e78e872cdd0");
    seismic_shielded_tx_domain_separator(5124, h);
    CHECK_HEX(h, 32, "8c18a115e1d4ee84a16bce167a1f8213215705f0a5fd00475741e2cd7a53fed6");
    seismic_shielded_tx_domain_separator(1, h);
    CHECK_HEX(h, 32, "6d32d1ed6b9c619468639bb8804d40f6aee07cf1223dc908720aef918e1c5f26");
    /* the generic struct hasher agrees with the built-in domain separator */
    const char *domain_values[] = {"Seismic Transaction", "2", "31337", "0x0000000000000000000000000000000000000000"};
    CHECK(seismic_eip712_hash_struct(domain_type, domain_values, 4, h, NULL) == SEISMIC_OK);
    CHECK_HEX(h, 32, "fe8197449db574220cfe11bd4271c4680b39d9e034a2c583b3960e78e872cdd0");
    seismic_authorization_list_hash(NULL, 0, h);
    CHECK_HEX(h, 32, "1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    static const char tx_type[] =
        "TxSeismic(uint64 chainId,uint64 nonce,uint128 gasPrice,uint64 gasLimit,address to,bool isCreate,"
        "uint256 value,bytes input,bytes encryptionPubkey,uint96 encryptionNonce,uint8 messageVersion,"
        "bytes32 recentBlockHash,uint64 expiresAtBlock,bool signedRead,bytes32 authorizationListHash)";
    seismic_keccak256(tx_type, sizeof tx_type - 1, h);
    CHECK_HEX(h, 32, "b1eb5c7ddfcb12c3f7761eb7888dd3fc746d07f8a195276b16bc85b01bd7e8d5");

    seismic_shielded_tx tx = spec_tx_92(31337, 2);
    seismic_buf ct = from_hex(CIPHERTEXT_92);
    seismic_private_key pk0 = key(PK0);
    tx.input = ct.data;
    tx.input_len = ct.len;
    CHECK(seismic_shielded_tx_signing_hash(&tx, h) == SEISMIC_OK);
    CHECK_HEX(h, 32, "97df07b716306c8ebb936d22d20b811d8050c8608083df60c303bcc31c58fe9f");
    CHECK(seismic_shielded_tx_sign(&tx, &pk0) == SEISMIC_OK);
    const char *expected =
        "4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30"
        "223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a602a0934207181885f6859ca848f5f01091d1957"
        "444a920a2bfb262fa043c6c239f906480b850" CIPHERTEXT_92
        "c001a07ab4bc33c64dff2b56023bb662219a9950337e3cd3a6dd63f5760c0e7bdaceb3a060bccb842c9f6c6d87d47b5af0cb33dc208be79eb"
        "92786417a7c3caa9edd609c";
    check_encoded(&tx, true, expected);
    check_raw_hash(expected, "87b08dbf895edee10dda494b10c71f4eaa966440d7b64c827d8748861616253f");
    seismic_address who;
    CHECK(seismic_shielded_tx_sender(&tx, &who) == SEISMIC_OK);
    char who_s[43];
    seismic_address_to_string(&who, who_s);
    CHECK_STR(who_s, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    seismic_buf_free(&ct);

    /* the Rust vector: struct hash, signing hash, and with its signature the tx hash (9.6) */
    seismic_shielded_tx rt;
    memset(&rt, 0, sizeof rt);
    rt.chain_id = 5124;
    rt.nonce = 48;
    rt.gas_price = u("360000");
    rt.gas = 169477;
    rt.has_to = true;
    rt.to = addr("0x3aB946eEC2553114040dE82D2e18798a51cf1e14");
    rt.value = u("1000000000000000");
    seismic_buf data = from_hex("4e69e56c3bb999b8c98772ebb32aebcbd43b33e9e65a46333dfe6636f37f3009e93bad334235aec73bd54d11410e64eb2cab4da8");
    rt.input = data.data;
    rt.input_len = data.len;
    hex(PK_TEE, rt.encryption_pubkey, 33);
    hex("7da3a99bf0f90d56551d99ea", rt.encryption_nonce, 12);
    rt.message_version = 2;
    hex("abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890", rt.recent_block_hash, 32);
    rt.expires_at_block = 1000000;
    seismic_shielded_tx_struct_hash(&rt, h);
    CHECK_HEX(h, 32, "34de7016eca39d935e5b41954404d6c9cb3fb08d31776712fcfbc6bb5d5740ab");
    CHECK(seismic_shielded_tx_signing_hash(&rt, h) == SEISMIC_OK);
    CHECK_HEX(h, 32, "e3bd8539e48a9ea2cafaef070c11f9f82e20c08cdd5063b98a3818c0da9a5e41");
    hex("e93185920818650416b4b0cc953c48f59fd9a29af4b7e1c4b1ac4824392f9220", rt.signature.r, 32);
    hex("79b76b064a83d423997b7234c575588f60da5d3e1e0561eff9804eb04c23789a", rt.signature.s, 32);
    const char *rust_raw =
        "4af8f88214043083057e4083029605943ab946eec2553114040de82d2e18798a51cf1e1487038d7ea4c68000a1028e76821eb4d77fd30223"
        "ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c7da3a99bf0f90d56551d99ea02a0abcdef1234567890abcdef1234567890abcdef"
        "1234567890abcdef1234567890830f424080b44e69e56c3bb999b8c98772ebb32aebcbd43b33e9e65a46333dfe6636f37f3009e93bad3342"
        "35aec73bd54d11410e64eb2cab4da8c080a0e93185920818650416b4b0cc953c48f59fd9a29af4b7e1c4b1ac4824392f9220a079b76b064a"
        "83d423997b7234c575588f60da5d3e1e0561eff9804eb04c23789a";
    check_encoded(&rt, true, rust_raw);
    check_raw_hash(rust_raw, "8c95f5133ab8d55531621f1d46f0ca092084be09db7a932e738c56003d3735eb");
    seismic_buf_free(&data);
}

static void test_typed_data_request(void) { /* 9.11 */
    seismic_encryption enc = sanvil_encryption();
    seismic_shielded_tx tx = spec_tx_92(31337, 2);
    seismic_address sender = addr("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    seismic_private_key pk0 = key(PK0);
    seismic_buf pt = from_hex(PLAINTEXT_92), ct = {0}, json = {0}, raw = {0};
    CHECK(seismic_shielded_tx_encrypt(&tx, &sender, &enc, pt.data, pt.len, &ct) == SEISMIC_OK);
    tx.input = ct.data;
    tx.input_len = ct.len;
    uint8_t h[32];
    CHECK(seismic_shielded_tx_signing_hash(&tx, h) == SEISMIC_OK);
    CHECK_HEX(h, 32, "034dafdaee6269997b3901a5ad7b19f8002d5d0a5fda77d97bc21c1900c0ac2e");
    CHECK(seismic_shielded_tx_sign(&tx, &pk0) == SEISMIC_OK);
    CHECK_HEX(tx.signature.r, 32, "927f59a5f113865f7fd6e28943a33ff6dc6bf23f488e712fbb102ee69a1d6bfc");
    CHECK_HEX(tx.signature.s, 32, "3dcdfe0876aa87fa5a26d7c4b3645fe9124e675045e4bfcaa821faa1006cfe96");
    CHECK(tx.signature.y_parity == 0);
    CHECK(seismic_shielded_tx_typed_data_json(&tx, &json) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&json),
              "{\"data\":{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\"}],\"TxSeismic\":[{\"name\":\"chainId\",\"type\":\"uint64\"},{\"name\":\"nonce\",\"type\":\"uint64\"},{\"name\":\"gasPrice\",\"type\":\"uint128\"},{\"name\":\"gasLimit\",\"type\":\"uint64\"},{\"name\":\"to\",\"type\":\"address\"},{\"name\":\"isCreate\",\"type\":\"bool\"},{\"name\":\"value\",\"type\":\"uint256\"},{\"name\":\"input\",\"type\":\"bytes\"},{\"name\":\"encryptionPubkey\",\"type\":\"bytes\"},{\"name\":\"encryptionNonce\",\"type\":\"uint96\"},{\"name\":\"messageVersion\",\"type\":\"uint8\"},{\"name\":\"recentBlockHash\",\"type\":\"bytes32\"},{\"name\":\"expiresAtBlock\",\"type\":\"uint64\"},{\"name\":\"signedRead\",\"type\":\"bool\"},{\"name\":\"authorizationListHash\",\"type\":\"bytes32\"}]},\"primaryType\":\"TxSeismic\",\"domain\":{\"name\":\"Seismic Transaction\",\"version\":\"2\",\"chainId\":31337,\"verifyingContract\":\"0x0000000000000000000000000000000000000000\"},\"message\":{\"chainId\":31337,\"nonce\":\"2\",\"gasPrice\":\"1000000000\",\"gasLimit\":\"100000\",\"to\":\"0xd3e8763675e4c425df46cc3b5c0f6cbdac396046\",\"isCreate\":false,\"value\":\"1000000000000000\",\"input\":\"0xbf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e662045c27cf78e5c395d6d53d08d452d6dc38\",\"encryptionPubkey\":\"0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0\",\"encryptionNonce\":\"0x46a2b6020bba77fcb1e676a6\",\"messageVersion\":2,\"recentBlockHash\":\"0x934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f90\",\"expiresAtBlock\":\"100\",\"signedRead\":false,\"authorizationListHash\":\"0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347\"}},\"signature\":{\"r\":\"0x927f59a5f113865f7fd6e28943a33ff6dc6bf23f488e712fbb102ee69a1d6bfc\",\"s\":\"0x3dcdfe0876aa87fa5a26d7c4b3645fe9124e675045e4bfcaa821faa1006cfe96\",\"yParity\":\"0x0\"}}");
    CHECK(seismic_shielded_tx_encode(&tx, &raw) == SEISMIC_OK);
    seismic_tx_hash(raw.data, raw.len, h);
    CHECK_HEX(h, 32, "a229791ce17b09d8838e7d4260834b860939a84cf7783b76f613ae1cf0780ad5");
    seismic_buf_free(&pt);
    seismic_buf_free(&ct);
    seismic_buf_free(&json);
    seismic_buf_free(&raw);
}

static void test_rust_vectors(void) { /* 9.7 */
    const char *raw_hex =
        "4af8f90402843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a102d211b6b0a191b9469bb367"
        "4e9c609f453d3801c3e3fd7e0bb00c6cc1e1d941df8080a0000000000000000000000000000000000000000000000000000000000000000080"
        "80b844a22cb4650000000000000000000000005eee75727d804a2b13038928d36f8b188945a57a0000000000000000000000000000000000"
        "000000000000000000000000000000c080a0840cfc572845f5786e702984c2a582528cad4b49b2a10b9db1be7fca90058565a025e7109ceb"
        "98168d95b09b18bbf6b685130e0562f233877d492b94eee0c5b6d1";
    seismic_shielded_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.chain_id = 4;
    tx.nonce = 2;
    tx.gas_price = u("1000000000");
    tx.gas = 100000;
    tx.has_to = true;
    tx.to = addr("0xd3e8763675e4c425df46cc3b5c0f6cbdac396046");
    tx.value = u("1000000000000000");
    hex("02d211b6b0a191b9469bb3674e9c609f453d3801c3e3fd7e0bb00c6cc1e1d941df", tx.encryption_pubkey, 33);
    seismic_buf input = from_hex("a22cb4650000000000000000000000005eee75727d804a2b13038928d36f8b188945a57a0000000000000000000000000000000000000000000000000000000000000000");
    tx.input = input.data;
    tx.input_len = input.len;
    hex("840cfc572845f5786e702984c2a582528cad4b49b2a10b9db1be7fca90058565", tx.signature.r, 32);
    hex("25e7109ceb98168d95b09b18bbf6b685130e0562f233877d492b94eee0c5b6d1", tx.signature.s, 32);
    check_encoded(&tx, true, raw_hex);
    check_raw_hash(raw_hex, "d18462df79a0e613bf39886c23ef1e0fc0c7d518b488fa5e76bf7462632cc1f9");
    /* The spec copies the signer 0x166cd796... from RS without re-verifying it; no digest form
       (v0, v0 without the authorization list, v2) recovers to it, so only validity is checked. */
    seismic_address who;
    CHECK(seismic_shielded_tx_sender(&tx, &who) == SEISMIC_OK);
    seismic_buf_free(&input);

    /* calldata encoding: a call to the zero address (not a create) */
    seismic_encryption enc = sanvil_encryption();
    seismic_shielded_tx c;
    memset(&c, 0, sizeof c);
    c.chain_id = 31337;
    c.has_to = true;
    c.value = seismic_u256_from_u64(1);
    hex(PK_TEE, c.encryption_pubkey, 33);
    memset(c.encryption_nonce, 0xff, 12);
    hex("3a7c05da853bd4c4683023e3ba72a81e1015a60aab8b12218f033c0d6544d10e", c.recent_block_hash, 32);
    c.expires_at_block = 100;
    check_aad(&c, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
              "f88294f39fd6e51aad88f6f4ce6ab8827279cfffb92266827a698094000000000000000000000000000000000000000001a1028e76821e"
              "b4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08cffffffffffffffffffffffff80a03a7c05da853bd4c4683023e3"
              "ba72a81e1015a60aab8b12218f033c0d6544d10e6480");
    seismic_address sender = addr("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    seismic_buf ct = {0};
    CHECK(seismic_shielded_tx_encrypt(&c, &sender, &enc, "\xde\xad\xbe\xef", 4, &ct) == SEISMIC_OK);
    CHECK_HEX(ct.data, ct.len, "12fbf3f819e7ae972bfedfc6a5a249983ae527e0");
    seismic_buf_free(&ct);
}

static void test_aes_hkdf(void) { /* 9.8 */
    uint8_t k[32] = {0}, n[12] = {0}, out[64];
    seismic_aes_gcm_encrypt(k, n, NULL, 0, "HelloAESGCM", 11, out);
    CHECK_HEX(out, 27, "86c22c5122212e3d400d886f80dfcfcbacb96cbc815db886e1a6cd");
    uint8_t back[16];
    CHECK(seismic_aes_gcm_decrypt(k, n, NULL, 0, out, 27, back) == SEISMIC_OK && memcmp(back, "HelloAESGCM", 11) == 0);
    out[3] ^= 0x80;
    CHECK(seismic_aes_gcm_decrypt(k, n, NULL, 0, out, 27, back) == SEISMIC_ERR_DECRYPT);
    CHECK(seismic_aes_gcm_decrypt(k, n, NULL, 0, out, 15, back) == SEISMIC_ERR_DECRYPT);
    seismic_hkdf_sha256("HelloHKDF", 9, "seismic_hkdf_105", out);
    CHECK_HEX(out, 32, "7f527a655fecfa58cd49e00b13684f2df335a3e1a3b9bee749f4d494087038f2");
    seismic_hkdf_sha256("\x12\x34\xab\xcd", 4, "seismic_hkdf_105", out);
    CHECK_HEX(out, 32, "67b4c8f882a3a82e4eb12b97aa70652afd62167d0ffd28f81b22e1684c1e8fb2");
    uint8_t h[32];
    seismic_eip191_hash("hello", 5, h);
    seismic_keccak256("\x19" "Ethereum Signed Message:\n5hello", 32, out);
    CHECK(memcmp(h, out, 32) == 0);
    CHECK_HEX(h, 32, "50b2c43fd39106bafbba0da34fc430e1f91e3c96ea2acee2bc34119f92b37750");
}

/* 9.9 and 9.10: request encryption and response decryption in both envelope formats. */
static void test_directional(void) {
    seismic_private_key c = key(SK_C);
    uint8_t tee[33];
    hex(PK_TEE, tee, 33);
    seismic_encryption enc;
    CHECK(seismic_encryption_init(&enc, &c, tee) == SEISMIC_OK);
    seismic_shielded_tx m;
    memset(&m, 0, sizeof m);
    m.chain_id = 31337;
    m.has_to = true;
    m.to = addr("0xd3e8763675e4c425df46cc3b5c0f6cbdac396046");
    hex(PK_TEE, m.encryption_pubkey, 33);
    hex("46a2b6020bba77fcb1e676a6", m.encryption_nonce, 12);
    hex(BLOCK_9342, m.recent_block_hash, 32);
    m.expires_at_block = 100;
    seismic_address sender = addr("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    static const char *const req[2] = {"f7c9ff21c2c76a4a7c96f55c03cb0d2ca63f1d0ebb121be63a771f82",
                                       "f7c9ff21c2c76a4a7c96f55c92904b7a3b67e55d32f2bce2cf13cf49"};
    static const char *const resp[2] = {"ced2418917805d02604a80fb67593e3ec6f6a70cf67689de2aef1e7e7c",
                                        "ced2418917805d02604a80fb67358cf6893da56798856e671caccf207a"};
    static const char *const resp42[2] = {
        "bcb732f978ee2e67402ee18f06bfa166f833e7d67996a9cc8d605bcf23aac4e0450f534ee8fb7a9dd9fc644eaebb26c9",
        "bcb732f978ee2e67402ee18f06bfa166f833e7d67996a9cc8d605bcf23aac4e04db350ade5cae832c21f0b4101e98134"};
    for (int signed_read = 0; signed_read < 2; signed_read++) {
        m.signed_read = signed_read == 1;
        seismic_buf ct = {0}, pt = {0}, r = from_hex(resp[signed_read]), r42 = from_hex(resp42[signed_read]);
        CHECK(seismic_shielded_tx_encrypt(&m, &sender, &enc, "request data", 12, &ct) == SEISMIC_OK);
        CHECK_HEX(ct.data, ct.len, req[signed_read]);
        CHECK(seismic_shielded_tx_decrypt_response(&m, &sender, enc.response_key, r.data, r.len, &pt) == SEISMIC_OK);
        CHECK(pt.len == 13 && memcmp(pt.data, "response data", 13) == 0);
        pt.len = 0;
        CHECK(seismic_shielded_tx_decrypt_response(&m, &sender, enc.response_key, r42.data, r42.len, &pt) == SEISMIC_OK);
        CHECK(pt.len == 32 && pt.data[31] == 42 && pt.data[0] == 0);
        pt.len = 0; /* the request key cannot open a response */
        CHECK(seismic_shielded_tx_decrypt_response(&m, &sender, enc.request_key, r.data, r.len, &pt) == SEISMIC_ERR_DECRYPT);
        seismic_buf_free(&ct);
        seismic_buf_free(&pt);
        seismic_buf_free(&r);
        seismic_buf_free(&r42);
    }
    m.signed_read = false;
    seismic_buf v1 = from_hex("017da3a99bf0f90d56551d99ea8f6f9f986bfdc8e55952674e6082c1b2c703cafd8b76828935cbe4d2b6");
    seismic_buf empty = from_hex("0107070707070707070707070726e5e59ec34ec3a1b9c7238fd1910a47"), pt = {0};
    CHECK(seismic_shielded_tx_decrypt_response(&m, &sender, enc.response_key, v1.data, v1.len, &pt) == SEISMIC_OK);
    CHECK(pt.len == 13 && memcmp(pt.data, "response data", 13) == 0);
    pt.len = 0;
    CHECK(seismic_shielded_tx_decrypt_response(&m, &sender, enc.response_key, empty.data, empty.len, &pt) == SEISMIC_OK);
    CHECK(pt.len == 0);
    v1.data[20] ^= 1;
    CHECK(seismic_shielded_tx_decrypt_response(&m, &sender, enc.response_key, v1.data, v1.len, &pt) == SEISMIC_ERR_DECRYPT);
    seismic_buf_free(&v1);
    seismic_buf_free(&empty);
    seismic_buf_free(&pt);
}

static void test_authorizations(void) { /* 9.13 */
    seismic_authorization a;
    memset(&a, 0, sizeof a);
    a.chain_id = 31337;
    memset(a.address.bytes, 0x11, 20);
    a.nonce = 7;
    a.r = seismic_u256_from_u64(1);
    a.s = seismic_u256_from_u64(2);
    uint8_t h[32];
    seismic_authorization_list_hash(&a, 1, h);
    CHECK_HEX(h, 32, "e09b59c26076c550d20bb0d8a1e0f0e3f113ccd7b5704340f38ec0e717cdcbc4");

    seismic_authorization b;
    memset(&b, 0, sizeof b);
    b.chain_id = 31337;
    memset(b.address.bytes, 0x22, 20);
    b.nonce = 7;
    b.y_parity = 1;
    b.r = u("0x3333333333333333333333333333333333333333333333333333333333333333");
    b.s = u("0x4444444444444444444444444444444444444444444444444444444444444444");
    seismic_shielded_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.chain_id = 31337;
    tx.nonce = 1;
    tx.gas_price = seismic_u256_from_u64(2);
    tx.gas = 21000;
    tx.has_to = true;
    memset(tx.to.bytes, 0x11, 20);
    tx.value = seismic_u256_from_u64(3);
    hex(PK_TEE, tx.encryption_pubkey, 33);
    hex("0102030405060708090a0b0c", tx.encryption_nonce, 12);
    memset(tx.recent_block_hash, 0xaa, 32);
    tx.expires_at_block = 123;
    tx.input = (const uint8_t *)"\xde\xad\xbe\xef";
    tx.input_len = 4;
    tx.authorizations = &b;
    tx.authorization_count = 1;
    memset(tx.signature.r, 0x55, 32);
    memset(tx.signature.s, 0x66, 32);
    const char *raw_hex =
        "4af90119827a69010282520894111111111111111111111111111111111111111103a1028e76821eb4d77fd30223ca971c49738eb5b5b71e"
        "abe93f96b348fdce788ae5a08c0102030405060708090a0b0c80a0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaa7b8084deadbeeff85ef85c827a699422222222222222222222222222222222222222220701a0333333333333333333333333333333"
        "3333333333333333333333333333333333a0444444444444444444444444444444444444444444444444444444444444444480a055555555"
        "55555555555555555555555555555555555555555555555555555555a06666666666666666666666666666666666666666666666666666666666666666";
    check_encoded(&tx, true, raw_hex);
    seismic_buf raw = from_hex(raw_hex);
    seismic_shielded_tx d;
    seismic_authorization auth[1];
    CHECK(seismic_shielded_tx_decode(raw.data, raw.len, &d, auth, 1, NULL) == SEISMIC_OK);
    CHECK(d.authorization_count == 1 && auth[0].nonce == 7 && auth[0].y_parity == 1 &&
          seismic_u256_cmp(&auth[0].s, &b.s) == 0);
    CHECK(seismic_shielded_tx_decode(raw.data, raw.len, &d, auth, 0, NULL) == SEISMIC_ERR_CAPACITY);
    seismic_buf_free(&raw);
}

static void test_src20_amounts(void) { /* 9.14: AES-GCM(key, nonce, amount, no AAD) ‖ nonce */
    uint8_t k[32], n[12], amount[32], out[48];
    memset(k, 0, 32);
    hex("00000000000000000000002a", n, 12);
    seismic_u256 v = u("1000000");
    seismic_u256_to_be(&v, amount);
    seismic_aes_gcm_encrypt(k, n, NULL, 0, amount, 32, out);
    CHECK_HEX(out, 48, "b926c4c80ca29ebe08436e64e477b4dd0cc9a6a1312228c9e495f2aefd6e70331d1babc5d9de6ff73db843da03376035");
    memset(k, 0, 32);
    k[31] = 1;
    hex("0000000000000000000003e7", n, 12);
    memset(amount, 0xff, 32);
    amount[31] = 0xfe;
    seismic_aes_gcm_encrypt(k, n, NULL, 0, amount, 32, out);
    CHECK_HEX(out, 48, "ac0cc8985bd5ad8269a59c72e6254402aa07744220f8fc8132a5f4c7ca9361206a529f014faa7e83fffaad810a214489");
    memset(k, 0xab, 32);
    memset(n, 0x01, 12);
    v = u("1000");
    seismic_u256_to_be(&v, amount);
    seismic_aes_gcm_encrypt(k, n, NULL, 0, amount, 32, out);
    CHECK_HEX(out, 48, "2df5b12049c2d8a2cebd7d38b6d862c94864cfd98455014dfd6a6aad5dfa0282a212582dedcb67dffd08f71582955cb7");
    v = u("42000");
    seismic_u256_to_be(&v, amount);
    seismic_aes_gcm_encrypt(k, n, NULL, 0, amount, 32, out);
    CHECK_HEX(out, 48, "2df5b12049c2d8a2cebd7d38b6d862c94864cfd98455014dfd6a6aad5dfaa57aeb2f7bd907727ee3cf7890097a2909c5");
    uint8_t h[32];
    memset(k, 0, 32);
    k[31] = 1;
    seismic_keccak256(k, 32, h);
    CHECK_HEX(h, 32, "b10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6");
    memset(k, 0xab, 32);
    seismic_keccak256(k, 32, h);
    CHECK_HEX(h, 32, "7d3a608bb850f47c2d77d6be73b8f93c94a80264b7bb3cc5c7d2fb54d07ef6b9");
    memset(k, 0xaa, 32);
    seismic_keccak256(k, 32, h);
    CHECK_HEX(h, 32, "20ee8f1366f06926e9e8771d8fb9007a8537c8dfdb6a3f8c2cfd64db19d2ec90");
    memset(k, 0, 32);
    seismic_keccak256(k, 32, h);
    CHECK_HEX(h, 32, "290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563");
}

static void test_nonce_generation(void) { /* 9.16 */
    uint8_t nonces[50][12];
    int nonzero_first = 0, unique = 1;
    for (int i = 0; i < 50; i++) {
        CHECK(seismic_encryption_nonce_generate(nonces[i]) == SEISMIC_OK);
        nonzero_first += nonces[i][0] != 0;
        for (int j = 0; j < i; j++) unique &= memcmp(nonces[i], nonces[j], 12) != 0;
    }
    CHECK(nonzero_first == 50);
    CHECK(unique);
}

static void test_keys_and_addresses(void) {
    seismic_private_key k = key("0x" PK0);
    seismic_address a;
    char s[43];
    CHECK(seismic_private_key_address(&k, &a) == SEISMIC_OK);
    seismic_address_to_string(&a, s);
    CHECK_STR(s, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    k = key("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    CHECK(seismic_private_key_address(&k, &a) == SEISMIC_OK);
    seismic_address_to_string(&a, s);
    CHECK_STR(s, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    /* EIP-55 examples */
    static const char *const eip55[] = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                                        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                                        "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
                                        "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26"};
    for (size_t i = 0; i < sizeof eip55 / sizeof *eip55; i++) {
        CHECK(seismic_address_parse(eip55[i], 42, &a) == SEISMIC_OK);
        seismic_address_to_string(&a, s);
        CHECK_STR(s, eip55[i]);
    }
    CHECK(seismic_address_parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", 42, &a) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_address_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", 42, &a) == SEISMIC_OK);
    CHECK(seismic_address_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", 40, &a) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_address_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagg", 42, &a) == SEISMIC_ERR_INVALID_ARGUMENT);
    /* invalid private keys: zero, the group order, not hex */
    seismic_private_key bad;
    CHECK(seismic_private_key_from_hex("0000000000000000000000000000000000000000000000000000000000000000", &bad) != SEISMIC_OK);
    CHECK(seismic_private_key_from_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", &bad) != SEISMIC_OK);
    CHECK(seismic_private_key_from_hex("xyz", &bad) != SEISMIC_OK);
    seismic_private_key fresh;
    CHECK(seismic_private_key_generate(&fresh) == SEISMIC_OK);
    seismic_private_key_wipe(&fresh);
    CHECK(fresh.bytes[0] == 0 && fresh.bytes[31] == 0);
    /* sign / recover round trip, and a high-S signature is refused */
    uint8_t h[32], pub[65], pub_parsed[65], comp[33];
    seismic_eip191_hash("hello", 5, h);
    seismic_signature sig;
    k = key(PK0);
    CHECK(seismic_sign_hash(&k, h, &sig) == SEISMIC_OK);
    seismic_address who;
    CHECK(seismic_recover(h, &sig, &who, pub) == SEISMIC_OK);
    CHECK(seismic_private_key_address(&k, &a) == SEISMIC_OK && seismic_address_equal(&a, &who));
    CHECK(seismic_public_key_compressed(&k, comp) == SEISMIC_OK);
    CHECK(seismic_public_key_parse(comp, 33, pub_parsed) == SEISMIC_OK && memcmp(pub, pub_parsed, 65) == 0);
    seismic_u256 n = u("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"), s_val, high;
    seismic_u256_from_be(sig.s, 32, &s_val);
    seismic_u256_sub(&n, &s_val, &high);
    seismic_signature flipped = sig;
    seismic_u256_to_be(&high, flipped.s);
    flipped.y_parity ^= 1;
    CHECK(seismic_recover(h, &flipped, &who, NULL) == SEISMIC_ERR_CRYPTO);
    flipped = sig;
    flipped.y_parity = 2;
    CHECK(seismic_recover(h, &flipped, &who, NULL) == SEISMIC_ERR_CRYPTO);
}

static void test_eip155(void) {
    /* The EIP-155 example: nonce 9, gasPrice 20 gwei, gas 21000, to 0x3535.., value 1 ether, chain 1,
       key 0x4646..46. */
    seismic_eth_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.type = SEISMIC_TX_TYPE_LEGACY;
    tx.chain_id = 1;
    tx.nonce = 9;
    tx.gas_price = u("20000000000");
    tx.gas = 21000;
    tx.has_to = true;
    memset(tx.to.bytes, 0x35, 20);
    tx.value = u("1000000000000000000");
    seismic_buf raw = {0};
    uint8_t h[32];
    CHECK(seismic_eth_tx_signing_hash(&tx, h) == SEISMIC_OK);
    CHECK_HEX(h, 32, "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    seismic_private_key k = key("4646464646464646464646464646464646464646464646464646464646464646");
    CHECK(seismic_eth_tx_sign(&tx, &k) == SEISMIC_OK);
    CHECK(seismic_eth_tx_encode(&tx, &raw) == SEISMIC_OK);
    const char *expected =
        "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe5"
        "37567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
    CHECK_HEX(raw.data, raw.len, expected);
    seismic_eth_tx d;
    seismic_address who, a;
    CHECK(seismic_eth_tx_decode(raw.data, raw.len, &d, NULL) == SEISMIC_OK);
    CHECK(d.chain_id == 1 && d.nonce == 9 && d.gas == 21000 && d.signature.y_parity == 0);
    CHECK(seismic_eth_tx_sender(&d, &who) == SEISMIC_OK);
    CHECK(seismic_private_key_address(&k, &a) == SEISMIC_OK && seismic_address_equal(&a, &who));
    seismic_buf_free(&raw);
}

static void test_eip1559(void) {
    seismic_eth_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.type = SEISMIC_TX_TYPE_EIP1559;
    tx.chain_id = 31337;
    tx.nonce = 5;
    tx.max_priority_fee_per_gas = u("1000000000");
    tx.max_fee_per_gas = u("30000000000");
    tx.gas = 60000;
    tx.has_to = true;
    tx.to = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    tx.value = u("123456789");
    tx.data = (const uint8_t *)"\x01\x02\x03";
    tx.data_len = 3;
    seismic_private_key k = key(PK0);
    CHECK(seismic_eth_tx_sign(&tx, &k) == SEISMIC_OK);
    seismic_buf raw = {0}, again = {0};
    CHECK(seismic_eth_tx_encode(&tx, &raw) == SEISMIC_OK);
    CHECK(raw.data[0] == 0x02);
    seismic_eth_tx d;
    CHECK(seismic_eth_tx_decode(raw.data, raw.len, &d, NULL) == SEISMIC_OK);
    CHECK(d.type == 2 && d.chain_id == 31337 && d.nonce == 5 && d.gas == 60000 && d.data_len == 3);
    CHECK(seismic_u256_cmp(&d.max_fee_per_gas, &tx.max_fee_per_gas) == 0);
    CHECK(seismic_eth_tx_encode(&d, &again) == SEISMIC_OK);
    CHECK(again.len == raw.len && memcmp(again.data, raw.data, raw.len) == 0);
    seismic_address who, a;
    CHECK(seismic_eth_tx_sender(&d, &who) == SEISMIC_OK);
    CHECK(seismic_private_key_address(&k, &a) == SEISMIC_OK && seismic_address_equal(&a, &who));
    /* contract creation: empty `to` */
    tx.has_to = false;
    raw.len = 0;
    CHECK(seismic_eth_tx_sign(&tx, &k) == SEISMIC_OK && seismic_eth_tx_encode(&tx, &raw) == SEISMIC_OK);
    CHECK(seismic_eth_tx_decode(raw.data, raw.len, &d, NULL) == SEISMIC_OK && !d.has_to);
    seismic_buf_free(&raw);
    seismic_buf_free(&again);
}

static void test_eip712_mail(void) {
    /* The EIP-712 "Mail" example (Person nested by its hashStruct). */
    uint8_t domain[32], from[32], to[32], mail[32], digest[32];
    const char *domain_values[] = {"Ether Mail", "1", "1", "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"};
    CHECK(seismic_eip712_hash_struct("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
                                     domain_values, 4, domain, NULL) == SEISMIC_OK);
    CHECK_HEX(domain, 32, "f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
    const char *person = "Person(string name,address wallet)";
    const char *cow[] = {"Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"};
    const char *bob[] = {"Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"};
    CHECK(seismic_eip712_hash_struct(person, cow, 2, from, NULL) == SEISMIC_OK);
    CHECK(seismic_eip712_hash_struct(person, bob, 2, to, NULL) == SEISMIC_OK);
    char from_hex_s[67], to_hex_s[67];
    seismic_hex_encode(from, 32, from_hex_s);
    seismic_hex_encode(to, 32, to_hex_s);
    const char *mail_values[] = {from_hex_s, to_hex_s, "Hello, Bob!"};
    CHECK(seismic_eip712_hash_struct("Mail(Person from,Person to,string contents)Person(string name,address wallet)",
                                     mail_values, 3, mail, NULL) == SEISMIC_OK);
    CHECK_HEX(mail, 32, "c52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
    seismic_eip712_digest(domain, mail, digest);
    CHECK_HEX(digest, 32, "be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    seismic_private_key cow_key;
    uint8_t cow_secret[32];
    seismic_keccak256("cow", 3, cow_secret);
    CHECK(seismic_private_key_from_bytes(cow_secret, &cow_key) == SEISMIC_OK);
    seismic_signature sig;
    CHECK(seismic_sign_hash(&cow_key, digest, &sig) == SEISMIC_OK);
    CHECK_HEX(sig.r, 32, "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
    CHECK_HEX(sig.s, 32, "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");
    CHECK(sig.y_parity == 1); /* v = 28 */
    seismic_error err;
    CHECK(seismic_eip712_hash_struct(person, cow, 1, from, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
    CHECK(seismic_eip712_hash_struct("Bad(uint256[] xs)", cow, 1, from, &err) == SEISMIC_ERR_INVALID_ARGUMENT);
}

static void test_decoder_rejects(void) {
    seismic_shielded_tx d;
    seismic_authorization auth[1];
    seismic_eth_tx e;
    seismic_error err;
    const char *bad[] = {
        "",                                     /* empty */
        "4a",                                   /* type byte only */
        "4ac0",                                 /* empty list */
        "4ac3808080",                           /* too few fields */
        "02c0",                                 /* wrong type for the shielded decoder */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        seismic_buf b = from_hex(bad[i]);
        CHECK(seismic_shielded_tx_decode(b.data, b.len, &d, auth, 1, &err) == SEISMIC_ERR_PARSE);
        CHECK(strlen(err.message) > 0);
        seismic_buf_free(&b);
    }
    /* every truncation of a valid transaction is refused, and so is a trailing byte */
    seismic_buf raw = from_hex(
        "4af8f88214043083057e4083029605943ab946eec2553114040de82d2e18798a51cf1e1487038d7ea4c68000a1028e76821eb4d77fd30223"
        "ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c7da3a99bf0f90d56551d99ea02a0abcdef1234567890abcdef1234567890abcdef"
        "1234567890abcdef1234567890830f424080b44e69e56c3bb999b8c98772ebb32aebcbd43b33e9e65a46333dfe6636f37f3009e93bad3342"
        "35aec73bd54d11410e64eb2cab4da8c080a0e93185920818650416b4b0cc953c48f59fd9a29af4b7e1c4b1ac4824392f9220a079b76b064a"
        "83d423997b7234c575588f60da5d3e1e0561eff9804eb04c23789a");
    int refused = 0;
    for (size_t n = 0; n < raw.len; n++) refused += seismic_shielded_tx_decode(raw.data, n, &d, auth, 1, NULL) != SEISMIC_OK;
    CHECK(refused == (int)raw.len);
    CHECK(seismic_shielded_tx_decode(raw.data, raw.len, &d, auth, 1, NULL) == SEISMIC_OK);
    seismic_buf_append_byte(&raw, 0);
    CHECK(seismic_shielded_tx_decode(raw.data, raw.len, &d, auth, 1, &err) == SEISMIC_ERR_PARSE);
    seismic_buf_free(&raw);
    /* non-canonical integer (leading zero in the nonce) */
    raw = from_hex("f86c09" "8504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe5"
                   "37567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    CHECK(seismic_eth_tx_decode(raw.data, raw.len, &e, NULL) == SEISMIC_OK);
    /* the nonce 9 written as the string 81 09 instead of the single byte 09 */
    seismic_buf nc = from_hex("f86d" "8109" "8504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe5"
                              "37567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    CHECK(seismic_eth_tx_decode(nc.data, nc.len, &e, &err) == SEISMIC_ERR_PARSE);
    /* v = 35 would mean chain id 0 under EIP-155, which re-encodes differently: refused (found by fuzz_tx) */
    FILE *seed = fopen("tests/fuzz/corpus/tx/legacy_v35_chain0", "rb");
    CHECK(seed != NULL);
    if (seed) {
        uint8_t bytes[4096];
        size_t n = fread(bytes, 1, sizeof bytes, seed);
        fclose(seed);
        CHECK(seismic_eth_tx_decode(bytes, n, &e, &err) == SEISMIC_ERR_PARSE);
    }
    seismic_buf_free(&raw);
    seismic_buf_free(&nc);
}

int main(void) {
    test_key_derivation();
    test_v0_signed_tx();
    test_ts_encoding(31337, "5c27cf78e5c395d6d53d08d452d6dc38", "27c33793b98c9824644fa00f706ace2f02e9171dc15b1f27447e4437cbf75c41",
                     "4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a602a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e662045c27cf78e5c395d6d53d08d452d6dc38c001a0fe6a76bf4558e0f390443eca5bc04a432193552302d9985c62fdf2d6e18d5732a04e712b50b4d920f8921f58db25601c14717b50e7fd2b8c54339ae320fdefb9d6",
                     "d1aed93a340e73c7ee236fb24d8df93228feee81ba34b10a7b6c10573befe64c");
    test_ts_encoding(5124, "62173f479fc03f28c1b7f00e8f75df88", "fe36ad44836c1b630ea35daf04d83c138ff924fb688d86f02b9324bdd9932262",
                     "4af9011382140402843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a602a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e6620462173f479fc03f28c1b7f00e8f75df88c001a0be45c124011f1edc575e73480a64f9f79d49c197608abd89f2bdb244ddff16c0a008bc3cf733bc66bb528215fa167edf77555c5dd108196c9f5e0ec9f5c6de4eb0",
                     "30fd76beabaa271b5904e19008f0669442bbce2f6499dab98937a9ae7126c574");
    test_aad();
    test_eip712_tx();
    test_typed_data_request();
    test_rust_vectors();
    test_aes_hkdf();
    test_directional();
    test_authorizations();
    test_src20_amounts();
    test_nonce_generation();
    test_keys_and_addresses();
    test_eip155();
    test_eip1559();
    test_eip712_mail();
    test_decoder_rejects();
    return test_summary();
}
