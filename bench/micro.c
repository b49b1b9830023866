/* Micro-benchmarks of the offline layers: Keccak, the JSON tokenizer, building a signed shielded
   transaction against the floor of one raw libsecp256k1 signature, and decrypting SRC20 amounts.
   The shielded transaction is built by the wallet's own function, so this file includes the implementation.
   Run: make bench   (or build/bench/micro) */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"

#include "clock.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs body until at least 0.3 s have passed; returns seconds per iteration. */
#define TIME_PER_OP(result, body)                                         \
    do {                                                                  \
        long iterations_ = 0;                                             \
        double start_ = now_s(), elapsed_;                                  \
        do {                                                              \
            for (int k_ = 0; k_ < 64; k_++) { body; }                     \
            iterations_ += 64;                                            \
        } while ((elapsed_ = now_s() - start_) < 0.3);                      \
        result = elapsed_ / (double)iterations_;                          \
    } while (0)

/* Seconds for 16 iterations of body. Comparisons alternate short batches of each side (PAIRS pairs, the order
   flipped every pair) and report medians, so that load from other processes hits both sides alike. */
#define BATCH_S(out, body)                                                \
    do {                                                                  \
        double start_ = now_s();                                          \
        for (int k_ = 0; k_ < 16; k_++) { body; }                         \
        out = (now_s() - start_) / 16;                                    \
    } while (0)
#define PAIRS 501

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, compare_double);
    return v[n / 2];
}

static volatile uint8_t sink;

/* The CPU model from /proc/cpuinfo ("unknown CPU" elsewhere). */
static void cpu_model(char *out, size_t cap) {
    char line[256];
    FILE *f = fopen("/proc/cpuinfo", "r");
    snprintf(out, cap, "unknown CPU");
    if (!f) return;
    while (fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            snprintf(out, cap, "%s", colon + 2);
            out[strcspn(out, "\n")] = 0;
            break;
        }
    }
    fclose(f);
}

/* An eth_getLogs reply of about `size` bytes, shaped like a real one. */
static seismic_buf make_logs_reply(size_t size) {
    seismic_buf b = {0};
    seismic_buf_append_str(&b, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[");
    char entry[1200];
    for (unsigned i = 0; b.len < size; i++) {
        snprintf(entry, sizeof entry,
                 "%s{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":["
                 "\"0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef\","
                 "\"0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266\","
                 "\"0x00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8\","
                 "\"0x%064x\"],\"data\":\"0x00000000000000000000000000000000000000000000000000000000000003e8"
                 "0000000000000000000000000000000000000000000000000000000000000001\",\"blockNumber\":\"0x%x\","
                 "\"transactionHash\":\"0x%064x\",\"transactionIndex\":\"0x%x\","
                 "\"blockHash\":\"0x%064x\",\"logIndex\":\"0x%x\",\"removed\":false}",
                 i ? "," : "", i, 1000 + i / 10, i * 7919u, i % 10, 1000 + i / 10, i);
        seismic_buf_append_str(&b, entry);
    }
    seismic_buf_append_str(&b, "]}");
    return b;
}

int main(void) {
    uint8_t hash[32], data32[32] = {1};
    static uint8_t data16k[16384];
    double t;

    TIME_PER_OP(t, { seismic_keccak256(data32, 32, hash); data32[0] = hash[0]; });
    double keccak32_ns = t * 1e9;
    TIME_PER_OP(t, { seismic_keccak256(data16k, sizeof data16k, hash); sink = hash[0]; });
    double keccak16k_mbs = sizeof data16k / t / 1e6;

    seismic_buf reply = make_logs_reply(1 << 20);
    size_t cap = reply.len / 8;
    seismic_json_token *tokens = (seismic_json_token *)malloc(cap * sizeof *tokens);
    seismic_json json;
    if (seismic_json_parse(&json, (const char *)reply.data, reply.len, tokens, cap, NULL) != SEISMIC_OK) {
        fprintf(stderr, "the generated reply does not parse\n");
        return 1;
    }
    TIME_PER_OP(t, { seismic_json_parse(&json, (const char *)reply.data, reply.len, tokens, cap, NULL); });
    double json_mbs = reply.len / t / 1e6;

    /* A shielded write as a wallet builds it (_seismic_flow_build_shielded, what seismic_shielded_write runs once
       its nonce, gas price and block are known): keys derived and a blinded libsecp256k1 context made once,
       then per transaction a fresh encryption nonce, the AAD, AES-GCM, RLP, Keccak, the signature; plus the
       transaction hash the wallet reports. */
    seismic_private_key signer, client;
    uint8_t tee[33];
    seismic_private_key_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", &signer);
    seismic_private_key_from_hex("0x311d54d3bf8359c70827122a44a7b4458733adce3c51c6b59d9acfce85e07505", &client);
    seismic_hex_decode("028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0", 66, tee, 33, NULL);
    seismic_wallet wallet;
    memset(&wallet, 0, sizeof wallet);
    wallet.key = signer;
    wallet.chain_id = 31337;
    wallet.blocks_window = 100;
    if (_seismic_secp_keep(&wallet.secp) || _seismic_private_key_address(&wallet.secp, &signer, &wallet.address) ||
        _seismic_encryption_init(&wallet.enc, &wallet.secp, &client, tee)) {
        fprintf(stderr, "the wallet's keys could not be set up\n");
        return 1;
    }
    uint8_t calldata[68] = {0x24, 0xa7, 0xf0, 0xb7}; /* setNumber(suint256) */
    _seismic_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.w = &wallet;
    flow.kind = _SEISMIC_FLOW_SHIELDED;
    flow.has_to = true;
    flow.gas_price = seismic_u256_from_u64(1000000000);
    seismic_buf_append(&flow.calldata, calldata, sizeof calldata);
#define BUILD_AS_WALLET()                                                                \
    do {                                                                                 \
        flow.nonce++;                                                                    \
        sink = (uint8_t)_seismic_flow_build_shielded(&flow, false, 100000, false);       \
        seismic_tx_hash(flow.raw.data, flow.raw.len, hash);                              \
    } while (0)
    BUILD_AS_WALLET();
    seismic_address recovered;
    if (sink != SEISMIC_OK || seismic_shielded_tx_sender(&flow.sent, &recovered) ||
        !seismic_address_equal(&recovered, &wallet.address)) {
        fprintf(stderr, "the wallet's transaction does not recover to its signer\n");
        return 1;
    }

    /* The same transaction with the public free functions: seismic_shielded_tx_sign makes a libsecp256k1
       context per signature; with `probing`, AES and GHASH are also probed (CPUID) on every operation. */
    seismic_encryption enc = wallet.enc, probing = wallet.enc;
    probing.aes_impl = NULL;
    probing.ghash_impl = NULL;
    seismic_shielded_tx tx;
    memset(&tx, 0, sizeof tx);
    tx.chain_id = 31337;
    tx.gas_price = seismic_u256_from_u64(1000000000);
    tx.gas = 100000;
    tx.has_to = true;
    memcpy(tx.encryption_pubkey, enc.public_key, 33);
    tx.expires_at_block = 100;
    seismic_buf ct = {0}, raw = {0};
#define BUILD_SHIELDED(state)                                                            \
    do {                                                                                 \
        ct.len = raw.len = 0;                                                            \
        tx.nonce++;                                                                      \
        seismic_encryption_nonce_generate(tx.encryption_nonce);                          \
        seismic_shielded_tx_encrypt(&tx, &wallet.address, (state), calldata, sizeof calldata, &ct); \
        tx.input = ct.data;                                                              \
        tx.input_len = ct.len;                                                           \
        seismic_shielded_tx_sign(&tx, &signer);                                          \
        seismic_shielded_tx_encode(&tx, &raw);                                           \
        seismic_tx_hash(raw.data, raw.len, hash);                                        \
    } while (0)

    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_ecdsa_recoverable_signature sig;
#define RAW_SIGN() { hash[0]++; sink = (uint8_t)secp256k1_ecdsa_sign_recoverable(ctx, &sig, hash, signer.bytes, NULL, NULL); }
    static double wallet_t[PAIRS], free_t[PAIRS], probing_t[PAIRS], sign_t[PAIRS];
    static double wallet_ratio[PAIRS], free_ratio[PAIRS], probing_ratio[PAIRS];
    for (int pair = 0; pair < PAIRS; pair++) {
        if (pair % 2) BATCH_S(sign_t[pair], RAW_SIGN());
        BATCH_S(wallet_t[pair], BUILD_AS_WALLET());
        BATCH_S(free_t[pair], BUILD_SHIELDED(&enc));
        BATCH_S(probing_t[pair], BUILD_SHIELDED(&probing));
        if (pair % 2 == 0) BATCH_S(sign_t[pair], RAW_SIGN());
        wallet_ratio[pair] = wallet_t[pair] / sign_t[pair];
        free_ratio[pair] = free_t[pair] / sign_t[pair];
        probing_ratio[pair] = probing_t[pair] / sign_t[pair];
    }
    double wallet_over_sign = median(wallet_ratio, PAIRS), free_over_sign = median(free_ratio, PAIRS);
    double probing_over_sign = median(probing_ratio, PAIRS);
    double wallet_us = median(wallet_t, PAIRS) * 1e6, free_us = median(free_t, PAIRS) * 1e6;
    double probing_us = median(probing_t, PAIRS) * 1e6, sign_us = median(sign_t, PAIRS) * 1e6;
    secp256k1_context_destroy(ctx);

    /* What each free signing or key-deriving function pays first: a libsecp256k1 context in its own memory
       (its self-test runs), where a wallet uses the one it keeps. */
    _seismic_secp scratch;
    TIME_PER_OP(t, { sink = (uint8_t)(_seismic_secp_begin(&scratch) != NULL); _seismic_secp_end(&scratch); });
    double context_us = t * 1e6;

    /* An SRC20 amount (spec §5) decrypted as a watcher does it (AES and GHASH picked once) and with the free
       seismic_src20_decrypt_amount (picked per call), alternating batches. */
    uint8_t viewing_key[32] = {7}, amount_nonce[12] = {9};
    seismic_u256 amount = seismic_u256_from_u64(1234), opened;
    seismic_buf sealed = {0};
    _seismic_gcm_impl picked = _seismic_gcm_pick(NULL);
    seismic_src20_encrypt_amount(viewing_key, amount_nonce, &amount, &sealed);
    static double kept_t[PAIRS], per_call_t[PAIRS];
    for (int pair = 0; pair < PAIRS; pair++) {
        BATCH_S(kept_t[pair], sink = (uint8_t)_seismic_src20_decrypt_amount(&picked, viewing_key, sealed.data, sealed.len, &opened, NULL));
        BATCH_S(per_call_t[pair], sink = (uint8_t)seismic_src20_decrypt_amount(viewing_key, sealed.data, sealed.len, &opened, NULL));
    }
    double kept_us = median(kept_t, PAIRS) * 1e6, per_call_us = median(per_call_t, PAIRS) * 1e6;

    printf("| operation | result |\n|---|---|\n");
    printf("| Keccak-256, 32 bytes | %.0f ns |\n", keccak32_ns);
    printf("| Keccak-256, 16 KB | %.0f MB/s |\n", keccak16k_mbs);
    printf("| JSON tokenize, %.2f MB eth_getLogs reply | %.0f MB/s |\n", reply.len / 1e6, json_mbs);
    printf("| raw libsecp256k1 sign (floor) | %.1f us |\n", sign_us);
    printf("| signed shielded transaction, as a wallet builds it | %.1f us |\n", wallet_us);
    printf("| the same with the free functions (a libsecp256k1 context per signature) | %.1f us |\n", free_us);
    printf("| the same, AES/GHASH also probed per operation (CPUID) | %.1f us |\n", probing_us);
    printf("| wallet's shielded transaction / raw sign | %.3fx |\n", wallet_over_sign);
    printf("| free functions / raw sign | %.3fx |\n", free_over_sign);
    printf("| probed per operation / raw sign | %.2fx |\n", probing_over_sign);
    printf("| libsecp256k1 context made per call (free signing functions) | %.2f us |\n", context_us);
    printf("| SRC20 amount decrypt, AES/GHASH picked once (watcher) | %.2f us |\n", kept_us);
    printf("| SRC20 amount decrypt, seismic_src20_decrypt_amount (probes per call) | %.2f us |\n", per_call_us);
    char cpu[200];
    cpu_model(cpu, sizeof cpu);
    printf("\n%s; the shielded and SRC20 rows: medians of %d alternating batches of 16\n", cpu, PAIRS);
    seismic_buf_free(&reply);
    seismic_buf_free(&ct);
    seismic_buf_free(&raw);
    seismic_buf_free(&sealed);
    seismic_buf_free(&flow.calldata);
    seismic_buf_free(&flow.ciphertext);
    seismic_buf_free(&flow.raw);
    free(tokens);
    seismic_encryption_wipe(&enc);
    seismic_encryption_wipe(&probing);
    seismic_encryption_wipe(&wallet.enc);
    _seismic_secp_wipe(&wallet.secp);
    return 0;
}
