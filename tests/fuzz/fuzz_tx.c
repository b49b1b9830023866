/* libFuzzer target for the transaction decoders. The input is decoded as a Seismic (0x4a)
   transaction and as a legacy / EIP-1559 transaction, as is and with a 0x4a / 0x02 type byte in
   front (so plain RLP lists reach the field checks). A decoded transaction must re-encode to the
   identical bytes; the signing hash and sender recovery must not crash. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

static void check_failure(seismic_result r, const seismic_error *err) {
    FUZZ_ASSERT(r == SEISMIC_ERR_PARSE || r == SEISMIC_ERR_TOO_DEEP || r == SEISMIC_ERR_CAPACITY);
    FUZZ_ASSERT(err->result == r && err->message[0] != 0);
}

static void shielded(const uint8_t *raw, size_t len) {
    static seismic_authorization auth[4];
    seismic_shielded_tx tx;
    seismic_error err;
    seismic_buf again;
    memset(&again, 0, sizeof again);
    err.message[0] = 0;
    seismic_result r = seismic_shielded_tx_decode(raw, len, &tx, auth, 4, &err);
    if (r != SEISMIC_OK) {
        check_failure(r, &err);
        return;
    }
    FUZZ_ASSERT(seismic_tx_type(raw, len) == SEISMIC_TX_TYPE_SEISMIC);
    FUZZ_ASSERT(tx.authorization_count <= 4 && tx.input + tx.input_len <= raw + len);
    FUZZ_ASSERT(seismic_shielded_tx_encode(&tx, &again) == SEISMIC_OK);
    FUZZ_ASSERT(again.len == len && memcmp(again.data, raw, len) == 0);
    seismic_buf_free(&again);

    uint8_t h[32];
    seismic_address sender;
    seismic_result hr = seismic_shielded_tx_signing_hash(&tx, h);
    FUZZ_ASSERT(hr == SEISMIC_OK || (hr == SEISMIC_ERR_INVALID_ARGUMENT && tx.message_version != 0 && tx.message_version != 2));
    seismic_result sr = seismic_shielded_tx_sender(&tx, &sender);
    FUZZ_ASSERT(sr == SEISMIC_OK || sr == SEISMIC_ERR_CRYPTO || sr == hr);
    if (sr == SEISMIC_OK) { /* a recovered sender re-recovers the same */
        seismic_address again_sender;
        FUZZ_ASSERT(seismic_shielded_tx_sender(&tx, &again_sender) == SEISMIC_OK &&
                    memcmp(again_sender.bytes, sender.bytes, 20) == 0);
    }
    seismic_buf json;
    memset(&json, 0, sizeof json);
    (void)seismic_shielded_tx_typed_data_json(&tx, &json);
    seismic_buf_free(&json);
}

static void eth(const uint8_t *raw, size_t len) {
    seismic_eth_tx tx;
    seismic_error err;
    seismic_buf again;
    memset(&again, 0, sizeof again);
    err.message[0] = 0;
    seismic_result r = seismic_eth_tx_decode(raw, len, &tx, &err);
    if (r != SEISMIC_OK) {
        check_failure(r, &err);
        return;
    }
    FUZZ_ASSERT(seismic_tx_type(raw, len) == tx.type);
    FUZZ_ASSERT(seismic_eth_tx_encode(&tx, &again) == SEISMIC_OK);
    FUZZ_ASSERT(again.len == len && memcmp(again.data, raw, len) == 0);
    seismic_buf_free(&again);

    uint8_t h[32];
    seismic_address sender;
    FUZZ_ASSERT(seismic_eth_tx_signing_hash(&tx, h) == SEISMIC_OK);
    seismic_result sr = seismic_eth_tx_sender(&tx, &sender);
    FUZZ_ASSERT(sr == SEISMIC_OK || sr == SEISMIC_ERR_CRYPTO);
}

/* type byte + input, in an exactly sized allocation so ASan sees any over-read */
static void with_prefix(uint8_t type, const uint8_t *data, size_t size, void (*fn)(const uint8_t *, size_t)) {
    uint8_t *copy = (uint8_t *)malloc(size + 1);
    FUZZ_ASSERT(copy != NULL);
    copy[0] = type;
    if (size) memcpy(copy + 1, data, size);
    fn(copy, size + 1);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    shielded(data, size);
    eth(data, size);
    with_prefix(SEISMIC_TX_TYPE_SEISMIC, data, size, shielded);
    with_prefix(SEISMIC_TX_TYPE_EIP1559, data, size, eth);
    return 0;
}
