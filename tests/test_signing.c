/* The paths a wallet signs through, against the public free functions and the spec vectors: a kept
   (blinded) libsecp256k1 context gives the same signatures, keys and encryption state as a context made per
   call; the wallet's one-pass sign-and-encode gives the bytes of seismic_shielded_tx_sign + _encode; the AES
   and GHASH code an SRC20 watcher picks once decrypts what the free helpers do. Private functions, so the
   implementation is included. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "support.h"
#include "spec_vectors.h"

#include <stdlib.h>

/* spec 9.2 (messageVersion 0) and 9.5 (messageVersion 2, EIP-712), signed by PK0 */
#define RAW_92                                                                                                          \
    "4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30" \
    "223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a0934207181885f6859ca848f5f01091d1957"  \
    "444a920a2bfb262fa043c6c239f906480b850" CIPHERTEXT_92                                                               \
    "c080a0ea4deb5d93eb2566b7d0ea5209f8bc9fd810ad1eff29bf59424de14c5910ab23a01daa9ada5f7448d737dee3096add2cd9447c2f55c1" \
    "3b7f8ca6ec37105548bf0c"
#define RAW_95                                                                                                          \
    "4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30" \
    "223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a602a0934207181885f6859ca848f5f01091d1957"  \
    "444a920a2bfb262fa043c6c239f906480b850" CIPHERTEXT_92                                                               \
    "c001a07ab4bc33c64dff2b56023bb662219a9950337e3cd3a6dd63f5760c0e7bdaceb3a060bccb842c9f6c6d87d47b5af0cb33dc208be79eb" \
    "92786417a7c3caa9edd609c"

static seismic_shielded_tx tx_92(uint8_t version, const seismic_buf *input) {
    seismic_shielded_tx tx = spec_tx_92(31337, version);
    tx.input = input->data;
    tx.input_len = input->len;
    return tx;
}

/* A kept context signs, derives keys and sets up an encryption state exactly as a per-call one does
   (RFC 6979 signatures do not depend on the blinding), and it is blinded: its bytes differ from a fresh one's. */
static void test_kept_context(void) {
    _seismic_secp kept, fresh;
    CHECK(_seismic_secp_keep(&kept) == SEISMIC_OK && kept.ctx != NULL);
    CHECK(_seismic_secp_begin(&fresh) != NULL);
    size_t size = secp256k1_context_preallocated_size(SECP256K1_CONTEXT_NONE);
    CHECK(size <= sizeof kept.storage && memcmp(kept.storage.bytes, fresh.storage.bytes, size) != 0);
    _seismic_secp_end(&fresh);

    seismic_private_key pk0 = key(PK0), client = key(SK_C);
    for (int i = 0; i < 64; i++) {
        uint8_t digest[32], pub_kept[65], pub_free[65];
        seismic_signature a, b;
        seismic_private_key k;
        CHECK(seismic_random_bytes(digest, 32) == SEISMIC_OK && seismic_private_key_generate(&k) == SEISMIC_OK);
        CHECK(_seismic_sign_hash(&kept, &k, digest, &a) == SEISMIC_OK && seismic_sign_hash(&k, digest, &b) == SEISMIC_OK);
        CHECK(memcmp(a.r, b.r, 32) == 0 && memcmp(a.s, b.s, 32) == 0 && a.y_parity == b.y_parity);
        CHECK(_seismic_public_key(&kept, &k, pub_kept, 65, SECP256K1_EC_UNCOMPRESSED) == SEISMIC_OK);
        CHECK(seismic_public_key(&k, pub_free) == SEISMIC_OK && memcmp(pub_kept, pub_free, 65) == 0);
    }
    seismic_address a0;
    char a0s[43];
    CHECK(_seismic_private_key_address(&kept, &pk0, &a0) == SEISMIC_OK);
    seismic_address_to_string(&a0, a0s);
    CHECK_STR(a0s, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    /* spec 9.1: the client key with the TEE key */
    seismic_encryption with_kept, with_free;
    uint8_t tee[33];
    hex(PK_TEE, tee, 33);
    CHECK(_seismic_encryption_init(&with_kept, &kept, &client, tee) == SEISMIC_OK);
    CHECK(seismic_encryption_init(&with_free, &client, tee) == SEISMIC_OK);
    CHECK_HEX(with_kept.public_key, 33, "025f210a5daaca346fa1fd8d6ea36e813e756ea34659fe42c757de4e6ed1d0903c");
    CHECK(memcmp(&with_kept, &with_free, sizeof with_kept) == 0);
    CHECK_HEX(with_kept.request_key, 32, "bf0dd6556618d1bf8d1602bf80be3a0f7cc729973829bb9acb75bd77770d5b90");
    CHECK_HEX(with_kept.response_key, 32, "974b310e3990d555da33e2b0c1dc6036a9709400ec992dbfc9330cc00e673144");
    seismic_encryption_wipe(&with_kept);
    seismic_encryption_wipe(&with_free);

    /* the blinding is a secret: wiping leaves nothing of the context */
    _seismic_secp_wipe(&kept);
    static const _seismic_secp zero;
    CHECK(memcmp(&kept, &zero, sizeof kept) == 0);
    _seismic_secp_wipe(&kept); /* twice is harmless */
    printf("kept context: blinded, 64 signatures and public keys equal the per-call ones, 9.1 keys\n");
}

/* The wallet's one-pass sign-and-encode: the spec vectors, then random transactions against
   seismic_shielded_tx_sign + seismic_shielded_tx_encode (inputs across the RLP header widths, authorizations). */
static void test_sign_encode(void) {
    _seismic_secp kept;
    CHECK(_seismic_secp_keep(&kept) == SEISMIC_OK);
    seismic_private_key pk0 = key(PK0);
    seismic_buf ct = from_hex(CIPHERTEXT_92), raw = {0};
    seismic_shielded_tx v0 = tx_92(0, &ct), v2 = tx_92(2, &ct);
    CHECK(_seismic_shielded_tx_sign_encode(&v0, &pk0, &kept, &raw) == SEISMIC_OK);
    CHECK_HEX(raw.data, raw.len, RAW_92);
    raw.len = 0;
    CHECK(_seismic_shielded_tx_sign_encode(&v2, &pk0, &kept, &raw) == SEISMIC_OK);
    CHECK_HEX(raw.data, raw.len, RAW_95);

    static const size_t lengths[] = {0, 1, 2, 40, 55, 56, 57, 100, 255, 256, 300, 65535, 65536, 70000};
    seismic_authorization auths[3];
    memset(auths, 0, sizeof auths);
    for (int i = 0; i < 3; i++) {
        auths[i].chain_id = 31337 + (uint64_t)i;
        auths[i].nonce = (uint64_t)i * 1000;
        auths[i].y_parity = (uint8_t)(i & 1);
        auths[i].r = seismic_u256_from_u64(0x1234567890ull + (uint64_t)i);
        auths[i].s = seismic_u256_from_u64(0xabcdefull * (uint64_t)(i + 1));
        auths[i].address.bytes[19] = (uint8_t)i;
    }
    int compared = 0;
    for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
        for (int variant = 0; variant < 4; variant++) {
            seismic_buf input = {0}, by_wallet = {0}, by_free = {0};
            uint8_t *bytes = (uint8_t *)malloc(lengths[li] + 1);
            CHECK(bytes && seismic_random_bytes(bytes, lengths[li] + 1) == SEISMIC_OK);
            seismic_buf_append(&input, bytes, lengths[li]);
            seismic_shielded_tx tx = tx_92((uint8_t)(variant & 1 ? 2 : 0), &input);
            tx.nonce = bytes[lengths[li]];
            tx.signed_read = variant == 2;
            tx.has_to = variant != 3;
            tx.value = variant == 1 ? u("0") : u("115792089237316195423570985008687907853269984665640564039457584007913129639935");
            tx.gas_price = variant == 2 ? u("340282366920938463463374607431768211455") : u("7");
            if (variant >= 2) {
                tx.authorizations = auths;
                tx.authorization_count = (size_t)variant - 1;
            }
            seismic_shielded_tx by_free_tx = tx;
            CHECK(_seismic_shielded_tx_sign_encode(&tx, &pk0, &kept, &by_wallet) == SEISMIC_OK);
            CHECK(seismic_shielded_tx_sign(&by_free_tx, &pk0) == SEISMIC_OK);
            CHECK(seismic_shielded_tx_encode(&by_free_tx, &by_free) == SEISMIC_OK);
            CHECK(by_wallet.len == by_free.len && memcmp(by_wallet.data, by_free.data, by_free.len) == 0);
            seismic_shielded_tx decoded;
            seismic_authorization back[3];
            seismic_address sender, me;
            CHECK(seismic_shielded_tx_decode(by_wallet.data, by_wallet.len, &decoded, back, 3, NULL) == SEISMIC_OK);
            CHECK(seismic_shielded_tx_sender(&decoded, &sender) == SEISMIC_OK &&
                  seismic_private_key_address(&pk0, &me) == SEISMIC_OK && seismic_address_equal(&sender, &me));
            compared++;
            free(bytes);
            seismic_buf_free(&input);
            seismic_buf_free(&by_wallet);
            seismic_buf_free(&by_free);
        }
    }
    /* a gas price over 128 bits is refused before anything is signed or appended */
    seismic_shielded_tx big = tx_92(0, &ct);
    big.gas_price.w[2] = 1;
    memset(&big.signature, 0, sizeof big.signature);
    raw.len = 0;
    CHECK(_seismic_shielded_tx_sign_encode(&big, &pk0, &kept, &raw) == SEISMIC_ERR_OVERFLOW && raw.len == 0);
    CHECK(big.signature.r[0] == 0 && big.signature.s[0] == 0);
    seismic_buf_free(&raw);
    seismic_buf_free(&ct);
    _seismic_secp_wipe(&kept);
    printf("sign + encode in one pass: 9.2 and 9.5 exact, %d random transactions equal sign then encode\n", compared);
}

static void *refuse_alloc(size_t size, void *user) {
    (void)size;
    (void)user;
    return NULL;
}

static void refuse_free(void *ptr, void *user) {
    (void)ptr;
    (void)user;
}

/* Out of memory: an error, and a raw-digest transaction is not signed (its digest would be of a truncated
   encoding). */
static void test_sign_encode_no_memory(void) {
    _seismic_secp kept;
    CHECK(_seismic_secp_keep(&kept) == SEISMIC_OK);
    seismic_private_key pk0 = key(PK0);
    seismic_buf ct = from_hex(CIPHERTEXT_92);
    seismic_buf out = {NULL, 0, 0, false, {refuse_alloc, refuse_free, NULL}, false};
    for (int version = 0; version <= 2; version += 2) {
        seismic_shielded_tx tx = tx_92((uint8_t)version, &ct);
        memset(&tx.signature, 0, sizeof tx.signature);
        CHECK(_seismic_shielded_tx_sign_encode(&tx, &pk0, &kept, &out) == SEISMIC_ERR_NO_MEMORY);
        static const seismic_signature none;
        if (version == 0) CHECK(memcmp(&tx.signature, &none, sizeof none) == 0);
        out.failed = false;
    }
    seismic_buf_free(&ct);
    _seismic_secp_wipe(&kept);
}

/* The AES and GHASH code picked once (a watcher's) opens SRC20 amounts as the free helper does, and refuses
   the same tampering. */
static void test_src20_picked_once(void) {
    _seismic_gcm_impl picked = _seismic_gcm_pick(NULL);
    for (int i = 0; i < 32; i++) {
        uint8_t k[32], nonce[12];
        seismic_u256 amount, a, b;
        CHECK(seismic_random_bytes(k, 32) == SEISMIC_OK && seismic_random_bytes(nonce, 12) == SEISMIC_OK);
        CHECK(seismic_random_bytes(amount.w, sizeof amount.w) == SEISMIC_OK);
        seismic_buf sealed = {0};
        CHECK(seismic_src20_encrypt_amount(k, nonce, &amount, &sealed) == SEISMIC_OK && sealed.len == 60);
        CHECK(_seismic_src20_decrypt_amount(&picked, k, sealed.data, sealed.len, &a, NULL) == SEISMIC_OK);
        CHECK(seismic_src20_decrypt_amount(k, sealed.data, sealed.len, &b, NULL) == SEISMIC_OK);
        CHECK(memcmp(&a, &amount, sizeof a) == 0 && memcmp(&b, &amount, sizeof b) == 0);
        sealed.data[i % 60] ^= 0x20;
        CHECK(_seismic_src20_decrypt_amount(&picked, k, sealed.data, sealed.len, &a, NULL) == SEISMIC_ERR_DECRYPT);
        CHECK(seismic_src20_decrypt_amount(k, sealed.data, sealed.len, &b, NULL) == SEISMIC_ERR_DECRYPT);
        seismic_buf_free(&sealed);
    }
}

int main(void) {
    test_kept_context();
    test_sign_encode();
    test_sign_encode_no_memory();
    test_src20_picked_once();
    return test_summary();
}
