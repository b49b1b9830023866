/* The values of the Seismic protocol vectors (spec section 9) that more than one suite checks against. */
#ifndef SPEC_VECTORS_H
#define SPEC_VECTORS_H
#include "support.h"

#define PK0 "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
#define SK_TEE "311d54d3bf8359c70827122a44a7b4458733adce3c51c6b59d9acfce85e07505"
#define PK_TEE "028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0"
#define SK_C "a30363336e1bb949185292a2a302de86e447d98f3a43d823c8c234d9e3e5ad77"
#define BLOCK_9342 "934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f90"
#define PLAINTEXT_92                                                                                                   \
    "fc3c2cf4943c327f19af0efaf3b07201f608dd5c8e3954399a919b72588d3872b6819ac3d13d3656cbb38833a39ffd1e73963196a1ddfa9e4a" \
    "5d595fdbebb875"
#define CIPHERTEXT_92                                                                                                  \
    "bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c20" \
    "11f8e4f2e66204e17174e9d2756bb20f4cdfe48bd5d237"

/* The transaction of vectors 9.2/9.3/9.5 before encryption. */
static seismic_shielded_tx spec_tx_92(uint64_t chain_id, uint8_t version) {
    seismic_shielded_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.chain_id = chain_id;
    tx.nonce = 2;
    tx.gas_price = u("1000000000");
    tx.gas = 100000;
    tx.has_to = true;
    tx.to = addr("0xd3e8763675e4c425df46cc3b5c0f6cbdac396046");
    tx.value = u("1000000000000000");
    hex(PK_TEE, tx.encryption_pubkey, 33);
    hex("46a2b6020bba77fcb1e676a6", tx.encryption_nonce, 12);
    tx.message_version = version;
    hex(BLOCK_9342, tx.recent_block_hash, 32);
    tx.expires_at_block = 100;
    return tx;
}

#endif
