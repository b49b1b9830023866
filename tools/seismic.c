/* seismic — a command-line tool for the Seismic chain, built only on the public API of seismic.h.
   Run `seismic help` for the list of commands and `seismic COMMAND --help` for one. */
#define SEISMIC_IMPLEMENTATION
#include "../seismic.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct command {
    const char *name;
    const char *usage;
    const char *help;
    int (*run)(int argc, char **argv);
} command;

/* Global options (see usage()): they may come before or after the command. */
static struct {
    const char *rpc_url;
    const char *private_key;
    const char *key_source; /* where the key came from, for messages */
    bool json;              /* machine-readable output: one JSON value */
    double timeout_s;
    uint32_t timeout_ms;
    const char *cmd;        /* the running command, for messages */
    seismic_client *client; /* opened on first use */
    seismic_wallet *wallet;
    char warning[300];      /* the client's last logged warning */
    bool show_warnings;     /* echo the client's warnings on stderr (long-running watches) */
} g;

/* Prints a string as one line, or as a JSON string with --json. */
static void out_string(const char *s) {
    if (g.json) {
        seismic_buf b = {0};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &b);
        seismic_json_writer_string(&w, s);
        printf("%s\n", seismic_buf_cstr(&b));
        seismic_buf_free(&b);
    } else {
        printf("%s\n", s);
    }
}

static int fail(const char *fmt, const char *detail) {
    fputs("seismic: ", stderr);
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    return 1;
}

static int fail_error(const char *what, const seismic_error *err, seismic_result r) {
    fprintf(stderr, "seismic: %s: %s\n", what, err->message[0] ? err->message : seismic_result_string(r));
    return 1;
}

static void print_hex(const void *data, size_t len) {
    seismic_buf b = {0};
    seismic_buf_append_hex(&b, data, len);
    out_string(seismic_buf_cstr(&b));
    seismic_buf_free(&b);
}

static bool has_flag(int *argc, char **argv, const char *flag) {
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], flag) == 0) {
            memmove(argv + i, argv + i + 1, (size_t)(*argc - i - 1) * sizeof *argv);
            (*argc)--;
            return true;
        }
    }
    return false;
}

static int cmd_keccak(int argc, char **argv) {
    bool text = has_flag(&argc, argv, "--text");
    if (argc != 1) return fail("%s", "keccak: expected one argument (see --help)");
    uint8_t hash[32];
    if (text) {
        seismic_keccak256(argv[0], strlen(argv[0]), hash);
    } else {
        seismic_buf data = {0};
        if (seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data)) {
            seismic_buf_free(&data);
            return fail("keccak: %s is not hex (use --text for a string)", argv[0]);
        }
        seismic_keccak256(data.data, data.len, hash);
        seismic_buf_free(&data);
    }
    print_hex(hash, 32);
    return 0;
}

static int cmd_address(int argc, char **argv) {
    if (argc != 1) return fail("%s", "address: expected one private key");
    seismic_private_key key;
    seismic_address address;
    char text[43];
    if (seismic_private_key_from_hex(&key, argv[0]))
        return fail("%s", "address: the private key must be 32 bytes of hex in the range of secp256k1");
    seismic_result r = seismic_private_key_address(&key, &address);
    seismic_private_key_wipe(&key);
    if (r) return fail("address: %s", seismic_result_string(r));
    seismic_address_to_string(&address, text);
    out_string(text);
    return 0;
}

static int cmd_sig(int argc, char **argv) {
    if (argc != 1) return fail("%s", "sig: expected one function signature");
    uint8_t selector[4];
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_abi_selector(argv[0], selector, &err);
    if (r) return fail_error("sig", &err, r);
    print_hex(selector, 4);
    return 0;
}

static int cmd_topic(int argc, char **argv) {
    if (argc != 1) return fail("%s", "topic: expected one event signature");
    uint8_t topic[32];
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_abi_event_topic(argv[0], topic, &err);
    if (r) return fail_error("topic", &err, r);
    print_hex(topic, 32);
    return 0;
}

static int cmd_abi_encode(int argc, char **argv) {
    bool bare = has_flag(&argc, argv, "--no-selector");
    if (argc < 1) return fail("%s", "abi-encode: expected a signature and its arguments");
    seismic_buf out = {0};
    seismic_error err = {"", SEISMIC_OK};
    const char *const *args = (const char *const *)(argv + 1);
    seismic_result r = bare ? seismic_abi_encode(&out, argv[0], args, (size_t)(argc - 1), &err)
                            : seismic_abi_encode_call(&out, argv[0], args, (size_t)(argc - 1), &err);
    if (r == SEISMIC_OK) print_hex(out.data, out.len);
    seismic_buf_free(&out);
    return r ? fail_error("abi-encode", &err, r) : 0;
}

static int cmd_abi_decode(int argc, char **argv) {
    bool json = has_flag(&argc, argv, "--json") || g.json;
    if (argc != 2) return fail("%s", "abi-decode: expected TYPES and HEX");
    seismic_buf data = {0}, text = {0};
    seismic_error err = {"", SEISMIC_OK};
    size_t cap = 64, count = 0;
    seismic_abi_value *values = NULL;
    seismic_result r = seismic_hex_decode_buf(argv[1], strlen(argv[1]), &data);
    if (r) {
        seismic_buf_free(&data);
        return fail("abi-decode: %s is not hex", argv[1]);
    }
    do { /* grow the value array until the decoding fits */
        free(values);
        cap *= 4;
        values = (seismic_abi_value *)malloc(cap * sizeof *values);
        r = values ? seismic_abi_decode(argv[0], data.data, data.len, values, cap, &count, &err) : SEISMIC_ERR_NO_MEMORY;
    } while (r == SEISMIC_ERR_CAPACITY && cap < ((size_t)1 << 24));
    if (r == SEISMIC_OK) {
        if (json) {
            r = seismic_abi_format_value(values, 0, true, &text);
            if (r == SEISMIC_OK) printf("%s\n", seismic_buf_cstr(&text));
        } else {
            for (size_t i = 1; i < count && r == SEISMIC_OK; i = values[i].end) {
                text.len = 0;
                r = seismic_abi_format_value(values, i, false, &text);
                if (r == SEISMIC_OK) printf("%s\n", seismic_buf_cstr(&text));
            }
        }
    }
    free(values);
    seismic_buf_free(&data);
    seismic_buf_free(&text);
    return r ? fail_error("abi-decode", &err, r) : 0;
}

static int cmd_rlp_encode(int argc, char **argv) {
    if (argc != 1) return fail("%s", "rlp-encode: expected one JSON argument");
    size_t len = strlen(argv[0]), cap = len / 2 + 2;
    seismic_json json;
    seismic_json_token *tokens = (seismic_json_token *)malloc(cap * sizeof *tokens);
    seismic_error err = {"", SEISMIC_OK};
    seismic_buf out = {0};
    if (!tokens) return fail("%s", "rlp-encode: out of memory");
    seismic_result r = seismic_json_parse(&json, argv[0], len, tokens, cap, &err);
    /* Arrays become lists and strings byte strings; open lists wait on a stack until the token
       index passes their end. */
    size_t list_begin[SEISMIC_RLP_MAX_DEPTH], list_end[SEISMIC_RLP_MAX_DEPTH], depth = 0;
    for (size_t i = 0; r == SEISMIC_OK && i <= json.count; i++) {
        while (depth > 0 && list_end[depth - 1] <= i) seismic_rlp_list_end(&out, list_begin[--depth]);
        if (i == json.count) break;
        if (seismic_json_is(&json, (int)i, SEISMIC_JSON_ARRAY)) {
            if (depth == SEISMIC_RLP_MAX_DEPTH) {
                r = SEISMIC_ERR_TOO_DEEP;
                snprintf(err.message, sizeof err.message, "lists nested deeper than %d", SEISMIC_RLP_MAX_DEPTH);
                break;
            }
            list_begin[depth] = seismic_rlp_list_begin(&out);
            list_end[depth++] = json.tokens[i].end;
        } else if (seismic_json_is(&json, (int)i, SEISMIC_JSON_STRING)) {
            seismic_buf bytes = {0};
            r = seismic_json_get_bytes_buf(&json, (int)i, &bytes);
            if (r) snprintf(err.message, sizeof err.message, "token %zu is not a 0x hex string", i);
            else seismic_rlp_put_bytes(&out, bytes.data, bytes.len);
            seismic_buf_free(&bytes);
        } else {
            r = SEISMIC_ERR_INVALID_ARGUMENT;
            snprintf(err.message, sizeof err.message, "only arrays and 0x strings can be RLP-encoded (token %zu)", i);
        }
    }
    if (r == SEISMIC_OK) print_hex(out.data, out.len);
    free(tokens);
    seismic_buf_free(&out);
    return r ? fail_error("rlp-encode", &err, r) : 0;
}

static int cmd_rlp_decode(int argc, char **argv) {
    if (argc != 1) return fail("%s", "rlp-decode: expected one hex argument");
    seismic_buf data = {0}, json = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data);
    if (r) snprintf(err.message, sizeof err.message, "%s", "the argument is not hex");
    else r = seismic_rlp_to_json(data.data, data.len, &json, &err);
    if (r == SEISMIC_OK) printf("%s\n", seismic_buf_cstr(&json));
    seismic_buf_free(&data);
    seismic_buf_free(&json);
    return r ? fail_error("rlp-decode", &err, r) : 0;
}

/* JSON output helpers shared by tx-decode and tx-build. */
static void put_u256(seismic_json_writer *w, const char *key, const seismic_u256 *v) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_quantity_u256(w, v);
}

static void put_u64(seismic_json_writer *w, const char *key, uint64_t v) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_quantity_u64(w, v);
}

static void put_hex(seismic_json_writer *w, const char *key, const void *data, size_t len) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_hex(w, data, len);
}

static void put_address(seismic_json_writer *w, const char *key, bool present, const seismic_address *a) {
    char text[43];
    seismic_json_writer_key(w, key);
    if (!present) {
        seismic_json_writer_null(w);
        return;
    }
    seismic_address_to_string(a, text);
    seismic_json_writer_string(w, text);
}

static void put_signature(seismic_json_writer *w, const seismic_signature *sig) {
    put_u64(w, "yParity", sig->y_parity);
    put_hex(w, "r", sig->r, 32);
    put_hex(w, "s", sig->s, 32);
}

static void put_sender_and_hash(seismic_json_writer *w, seismic_result recovered, const seismic_address *sender,
                                const uint8_t *raw, size_t len) {
    uint8_t hash[32];
    put_address(w, "sender", recovered == SEISMIC_OK, sender);
    seismic_tx_hash(raw, len, hash);
    put_hex(w, "hash", hash, 32);
}

static void describe_shielded(seismic_json_writer *w, const seismic_shielded_tx *tx, const uint8_t *raw, size_t len) {
    seismic_address sender;
    seismic_result recovered = seismic_shielded_tx_sender(tx, &sender);
    put_u64(w, "type", SEISMIC_TX_TYPE_SEISMIC);
    put_u64(w, "chainId", tx->chain_id);
    put_u64(w, "nonce", tx->nonce);
    put_u256(w, "gasPrice", &tx->gas_price);
    put_u64(w, "gas", tx->gas);
    put_address(w, "to", tx->has_to, &tx->to);
    put_u256(w, "value", &tx->value);
    put_hex(w, "encryptionPubkey", tx->encryption_pubkey, 33);
    put_hex(w, "encryptionNonce", tx->encryption_nonce, 12);
    put_u64(w, "messageVersion", tx->message_version);
    put_hex(w, "recentBlockHash", tx->recent_block_hash, 32);
    put_u64(w, "expiresAtBlock", tx->expires_at_block);
    seismic_json_writer_key(w, "signedRead");
    seismic_json_writer_bool(w, tx->signed_read);
    put_hex(w, "input", tx->input, tx->input_len);
    seismic_json_writer_key(w, "authorizationList");
    seismic_json_writer_array_begin(w);
    for (size_t i = 0; i < tx->authorization_count; i++) {
        const seismic_authorization *a = &tx->authorizations[i];
        seismic_json_writer_object_begin(w);
        put_u64(w, "chainId", a->chain_id);
        put_address(w, "address", true, &a->address);
        put_u64(w, "nonce", a->nonce);
        put_u64(w, "yParity", a->y_parity);
        put_u256(w, "r", &a->r);
        put_u256(w, "s", &a->s);
        seismic_json_writer_object_end(w);
    }
    seismic_json_writer_array_end(w);
    put_signature(w, &tx->signature);
    put_sender_and_hash(w, recovered, &sender, raw, len);
}

static void describe_eth(seismic_json_writer *w, const seismic_eth_tx *tx, const uint8_t *raw, size_t len) {
    seismic_address sender;
    seismic_result recovered = seismic_eth_tx_sender(tx, &sender);
    put_u64(w, "type", tx->type);
    put_u64(w, "chainId", tx->chain_id);
    put_u64(w, "nonce", tx->nonce);
    if (tx->type == SEISMIC_TX_TYPE_EIP1559) {
        put_u256(w, "maxPriorityFeePerGas", &tx->max_priority_fee_per_gas);
        put_u256(w, "maxFeePerGas", &tx->max_fee_per_gas);
    } else {
        put_u256(w, "gasPrice", &tx->gas_price);
    }
    put_u64(w, "gas", tx->gas);
    put_address(w, "to", tx->has_to, &tx->to);
    put_u256(w, "value", &tx->value);
    put_hex(w, "input", tx->data, tx->data_len);
    if (tx->type == SEISMIC_TX_TYPE_EIP1559) {
        seismic_buf list = {0};
        seismic_json_writer_key(w, "accessList");
        if (seismic_rlp_to_json(tx->access_list, tx->access_list_len, &list, NULL) == SEISMIC_OK)
            seismic_json_writer_raw(w, (const char *)list.data, list.len);
        else
            seismic_json_writer_null(w);
        seismic_buf_free(&list);
    }
    put_signature(w, &tx->signature);
    put_sender_and_hash(w, recovered, &sender, raw, len);
}

static int cmd_tx_decode(int argc, char **argv) {
    if (argc != 1) return fail("%s", "tx-decode: expected one raw transaction in hex");
    seismic_buf raw = {0}, out = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_json_writer w;
    seismic_result r = seismic_hex_decode_buf(argv[0], strlen(argv[0]), &raw);
    if (r) snprintf(err.message, sizeof err.message, "%s", "the argument is not hex");
    seismic_json_writer_init(&w, &out);
    seismic_json_writer_object_begin(&w);
    if (r == SEISMIC_OK && seismic_tx_type(raw.data, raw.len) == SEISMIC_TX_TYPE_SEISMIC) {
        static seismic_authorization auth[256];
        seismic_shielded_tx tx;
        r = seismic_shielded_tx_decode(raw.data, raw.len, &tx, auth, 256, &err);
        if (r == SEISMIC_OK) describe_shielded(&w, &tx, raw.data, raw.len);
    } else if (r == SEISMIC_OK) {
        seismic_eth_tx tx;
        r = seismic_eth_tx_decode(raw.data, raw.len, &tx, &err);
        if (r == SEISMIC_OK) describe_eth(&w, &tx, raw.data, raw.len);
    }
    seismic_json_writer_object_end(&w);
    if (r == SEISMIC_OK) printf("%s\n", seismic_buf_cstr(&out));
    seismic_buf_free(&raw);
    seismic_buf_free(&out);
    return r ? fail_error("tx-decode", &err, r) : 0;
}

/* tx-build: one JSON object in, one JSON object out (see the usage text). */
typedef struct tx_build_input {
    seismic_json json;
    const char *failed_key;
    const char *why;
} tx_build_input;

static int member(tx_build_input *in, const char *key) {
    int index = seismic_json_find(&in->json, 0, key);
    if (index < 0 && !in->failed_key) {
        in->failed_key = key;
        in->why = "missing";
    }
    return index;
}

static void reject(tx_build_input *in, const char *key, const char *why) {
    if (!in->failed_key) {
        in->failed_key = key;
        in->why = why;
    }
}

static seismic_u256 read_u256(tx_build_input *in, const char *key) {
    seismic_u256 v = seismic_u256_from_u64(0);
    int index = member(in, key);
    if (index >= 0 && seismic_json_get_u256(&in->json, index, &v))
        reject(in, key, "must be a non-negative integer (JSON number, decimal string or 0x hex)");
    return v;
}

static uint64_t read_u64(tx_build_input *in, const char *key) {
    seismic_u256 v = read_u256(in, key);
    uint64_t out = 0;
    if (!seismic_u256_to_u64(&v, &out)) reject(in, key, "does not fit in 64 bits");
    return out;
}

static void read_bytes(tx_build_input *in, const char *key, uint8_t *out, size_t len, const char *why) {
    int index = member(in, key);
    if (index >= 0 && seismic_json_get_bytes_exact(&in->json, index, out, len)) reject(in, key, why);
}

static void read_key(tx_build_input *in, const char *key, seismic_private_key *out) {
    uint8_t bytes[32] = {0};
    read_bytes(in, key, bytes, 32, "must be a 32-byte private key in 0x hex");
    if (!in->failed_key && seismic_private_key_from_bytes(out, bytes)) reject(in, key, "is not a valid secp256k1 key");
    seismic_wipe(bytes, sizeof bytes);
}

static int cmd_tx_build(int argc, char **argv) {
    (void)argv;
    if (argc != 0) return fail("%s", "tx-build: reads one JSON object on stdin and takes no arguments");
    seismic_buf input = {0}, ciphertext = {0}, data = {0}, aad = {0}, unsigned_tx = {0}, raw = {0}, out = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) seismic_buf_append(&input, chunk, n);
    static seismic_json_token tokens[1024];
    seismic_error err = {"", SEISMIC_OK};
    tx_build_input in;
    memset(&in, 0, sizeof in);
    if (seismic_json_parse(&in.json, (const char *)input.data, input.len, tokens, 1024, &err) ||
        !seismic_json_is(&in.json, 0, SEISMIC_JSON_OBJECT)) {
        seismic_buf_free(&input);
        return fail("tx-build: stdin must be one JSON object (%s)", err.message[0] ? err.message : "not an object");
    }
    seismic_shielded_tx tx;
    seismic_private_key signer, encryption_secret;
    uint8_t tee[33];
    memset(&tx, 0, sizeof tx);
    tx.chain_id = read_u64(&in, "chainId");
    tx.nonce = read_u64(&in, "nonce");
    tx.gas_price = read_u256(&in, "gasPrice");
    if (tx.gas_price.w[2] | tx.gas_price.w[3]) reject(&in, "gasPrice", "does not fit in 128 bits");
    tx.gas = read_u64(&in, "gas");
    int to = member(&in, "to");
    tx.has_to = true;
    if (to >= 0 && seismic_json_get_bytes_exact(&in.json, to, tx.to.bytes, 20)) reject(&in, "to", "must be a 20-byte address");
    tx.value = read_u256(&in, "value");
    read_bytes(&in, "encryptionNonce", tx.encryption_nonce, 12, "must be 0x followed by 24 hex digits");
    if (!in.failed_key && tx.encryption_nonce[0] == 0)
        reject(&in, "encryptionNonce", "must not start with a zero byte (it is a canonical u96)");
    uint64_t version = read_u64(&in, "messageVersion");
    if (version != 0 && version != 2) reject(&in, "messageVersion", "must be 0 or 2");
    tx.message_version = (uint8_t)version;
    read_bytes(&in, "recentBlockHash", tx.recent_block_hash, 32, "must be a 32-byte hash in 0x hex");
    tx.expires_at_block = read_u64(&in, "expiresAtBlock");
    int signed_read = member(&in, "signedRead");
    if (signed_read >= 0 && seismic_json_get_bool(&in.json, signed_read, &tx.signed_read))
        reject(&in, "signedRead", "must be true or false");
    int data_index = member(&in, "data");
    if (data_index >= 0 && seismic_json_get_bytes_buf(&in.json, data_index, &data))
        reject(&in, "data", "must be 0x hex calldata");
    read_key(&in, "encryptionSecretKey", &encryption_secret);
    read_bytes(&in, "teePublicKey", tee, 33, "must be a 33-byte compressed public key");
    if (!in.failed_key && (tee[0] != 2 && tee[0] != 3)) reject(&in, "teePublicKey", "must start with 02 or 03");
    read_key(&in, "privateKey", &signer);

    seismic_encryption enc;
    seismic_address sender;
    uint8_t digest[32], hash[32];
    if (!in.failed_key && seismic_encryption_init(&enc, &encryption_secret, tee))
        reject(&in, "teePublicKey", "is not a point on secp256k1");
    if (in.failed_key) {
        fprintf(stderr, "seismic: tx-build: %s %s\n", in.failed_key, in.why);
        seismic_buf_free(&input);
        seismic_buf_free(&data);
        return 1;
    }
    memcpy(tx.encryption_pubkey, enc.public_key, 33);
    seismic_result r = seismic_private_key_address(&signer, &sender);
    if (r == SEISMIC_OK) r = seismic_shielded_tx_encrypt(&tx, &sender, &enc, data.data, data.len, &ciphertext);
    tx.input = ciphertext.data;
    tx.input_len = ciphertext.len;
    seismic_shielded_tx_aad(&tx, &sender, &aad);
    if (r == SEISMIC_OK) r = seismic_shielded_tx_encode_unsigned(&tx, &unsigned_tx);
    if (r == SEISMIC_OK) r = seismic_shielded_tx_signing_hash(&tx, digest);
    if (r == SEISMIC_OK) r = seismic_shielded_tx_sign(&tx, &signer);
    if (r == SEISMIC_OK) r = seismic_shielded_tx_encode(&tx, &raw);
    if (r == SEISMIC_OK) {
        seismic_json_writer w;
        seismic_tx_hash(raw.data, raw.len, hash);
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        put_address(&w, "sender", true, &sender);
        put_hex(&w, "encryptionPubkey", enc.public_key, 33);
        put_hex(&w, "aad", aad.data, aad.len);
        put_hex(&w, "requestKey", enc.request_key, 32);
        put_hex(&w, "responseKey", enc.response_key, 32);
        put_hex(&w, "ciphertext", ciphertext.data, ciphertext.len);
        put_hex(&w, "unsigned", unsigned_tx.data, unsigned_tx.len);
        put_hex(&w, "signingHash", digest, 32);
        put_hex(&w, "raw", raw.data, raw.len);
        put_hex(&w, "hash", hash, 32);
        seismic_json_writer_object_end(&w);
        if (out.failed) r = SEISMIC_ERR_NO_MEMORY;
        else printf("%s\n", seismic_buf_cstr(&out));
    }
    seismic_encryption_wipe(&enc);
    seismic_private_key_wipe(&signer);
    seismic_private_key_wipe(&encryption_secret);
    seismic_buf_wipe(&input); /* it held the private keys */
    seismic_buf_free(&data);
    seismic_buf_free(&ciphertext);
    seismic_buf_free(&aad);
    seismic_buf_free(&unsigned_tx);
    seismic_buf_free(&raw);
    seismic_buf_free(&out);
    if (r) return fail("tx-build: %s", seismic_result_string(r));
    return 0;
}

/*==== network commands ===========================================================================*/

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "seismic: COMMAND: message" on stderr; returns the exit status 1. */
static int failf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "seismic: %s: ", g.cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

/* A failed request or action: the SDK's message, and a hint for timeouts and unreachable nodes. */
static int fail_request(const char *what, seismic_result r, const char *message) {
    fprintf(stderr, "seismic: %s: ", g.cmd);
    if (what) fprintf(stderr, "%s: ", what);
    fputs(message && message[0] ? message : seismic_result_string(r), stderr);
    if (r == SEISMIC_ERR_TIMEOUT)
        fprintf(stderr, " (no answer from %s within --timeout %g s)", g.rpc_url, g.timeout_s);
    else if (r == SEISMIC_ERR_TRANSPORT || r == SEISMIC_ERR_TLS)
        fprintf(stderr, " (is a node running at %s? set --rpc-url or SEISMIC_RPC_URL)", g.rpc_url);
    fputc('\n', stderr);
    return 1;
}

static void cli_log(seismic_log_level level, const char *message, void *user_data) {
    (void)user_data;
    if (level <= SEISMIC_LOG_WARN) snprintf(g.warning, sizeof g.warning, "%s", message);
    if (getenv("SEISMIC_DEBUG")) fprintf(stderr, "seismic: [sdk] %s\n", message);
    else if (g.show_warnings && level <= SEISMIC_LOG_WARN) fprintf(stderr, "seismic: %s: warning: %s\n", g.cmd, message);
}

/* The client, created on first use; NULL after printing why not. */
static seismic_client *client(void) {
    if (g.client) return g.client;
    seismic_client_desc desc;
    seismic_error err = {"", SEISMIC_OK};
    memset(&desc, 0, sizeof desc);
    desc.url = g.rpc_url;
    desc.timeout_ms = g.timeout_ms;
    desc.connect_timeout_ms = g.timeout_ms;
    desc.logger.func = cli_log;
    g.client = seismic_client_create(&desc, &err);
    if (!g.client) {
        fprintf(stderr, "seismic: %s: bad --rpc-url %s: %s\n", g.cmd, g.rpc_url,
                err.message[0] ? err.message : seismic_result_string(err.result));
        return NULL;
    }
    return g.client;
}

/* Reads the private key (--private-key or PRIVATE_KEY); 1 after printing why not. */
static int load_key(seismic_private_key *key) {
    if (!g.private_key || !g.private_key[0])
        return failf("needs a private key: pass --private-key KEY or set the PRIVATE_KEY environment variable");
    if (seismic_private_key_from_hex(key, g.private_key))
        return failf("the private key from %s must be 32 bytes of hex in the range of secp256k1", g.key_source);
    return 0;
}

/* A parsed JSON result, owned. */
typedef struct doc {
    seismic_buf text;
    seismic_json json;
    seismic_json_token *tokens;
} doc;

static void doc_free(doc *d) {
    seismic_buf_free(&d->text);
    free(d->tokens);
    memset(d, 0, sizeof *d);
}

static seismic_result doc_parse(doc *d, seismic_error *err) {
    size_t cap = 64;
    const char *text = seismic_buf_cstr(&d->text);
    if (d->text.failed) return SEISMIC_ERR_NO_MEMORY;
    for (;;) {
        free(d->tokens);
        d->tokens = (seismic_json_token *)malloc(cap * sizeof *d->tokens);
        if (!d->tokens) return SEISMIC_ERR_NO_MEMORY;
        seismic_result r = seismic_json_parse(&d->json, text, d->text.len, d->tokens, cap, err);
        if (r != SEISMIC_ERR_CAPACITY) return r;
        cap = d->json.count;
    }
}

/* The message of a failed response; revert data the message does not explain yet is decoded. */
static void describe_failure(const seismic_response *resp, seismic_buf *out) {
    seismic_buf_append_str(out, resp->error_message && resp->error_message[0] ? resp->error_message
                                                                              : seismic_result_string(resp->result));
    const char *msg = seismic_buf_cstr(out);
    if (resp->result != SEISMIC_ERR_RPC || !resp->rpc_data || resp->rpc_data_len < 4 || resp->rpc_data[0] != '"' ||
        strstr(msg, "reverted:") || strstr(msg, "panic:"))
        return;
    seismic_buf data = {0}, reason = {0};
    if (seismic_hex_decode_buf(resp->rpc_data + 1, resp->rpc_data_len - 2, &data) == SEISMIC_OK && data.len &&
        seismic_abi_decode_revert(data.data, data.len, &reason) == SEISMIC_OK) {
        seismic_buf_append_str(out, " (");
        seismic_buf_append(out, reason.data, reason.len);
        seismic_buf_append_str(out, ")");
    }
    seismic_buf_free(&data);
    seismic_buf_free(&reason);
}

/* Takes the result of a finished callback-less request into d and releases the request. */
static int take_doc(seismic_request req, const char *what, doc *d) {
    const seismic_response *resp = seismic_request_response(g.client, req);
    seismic_error err = {"", SEISMIC_OK};
    if (!resp) {
        seismic_request_release(g.client, req);
        return fail_request(what, SEISMIC_ERR_TIMEOUT, "the request did not end within its deadline");
    }
    if (resp->result != SEISMIC_OK) {
        seismic_buf msg = {0};
        seismic_result r = resp->result;
        describe_failure(resp, &msg);
        fail_request(what, r, seismic_buf_cstr(&msg));
        seismic_buf_free(&msg);
        seismic_request_release(g.client, req);
        return 1;
    }
    size_t len = 0;
    const char *raw = seismic_response_raw(resp, &len);
    seismic_buf_append(&d->text, raw, len);
    seismic_request_release(g.client, req);
    seismic_result r = doc_parse(d, &err);
    if (r) return failf("%s: the node's answer is not JSON (%s)", what, err.message);
    return 0;
}

/* Waits for a request submitted without a callback; its own deadline bounds the wait (the extra
   margin only guards against a request that never ends). 0 and the result in d, or 1 after printing
   the error. */
static int await_doc(seismic_request req, const char *what, doc *d) {
    memset(d, 0, sizeof *d);
    if (!req.id) {
        const seismic_error *e = seismic_client_last_error(g.client);
        return fail_request(what, e->result, e->message);
    }
    seismic_client_wait(g.client, req, (int)g.timeout_ms + 5000);
    return take_doc(req, what, d);
}

/* The same with a progress line on stderr: elapsed seconds, updated at most once per second. The loop
   is driven here, a turn of seismic_client_run at a time. */
static int await_doc_progress(seismic_request req, const char *what, const char *label, doc *d) {
    memset(d, 0, sizeof *d);
    if (!req.id) {
        const seismic_error *e = seismic_client_last_error(g.client);
        return fail_request(what, e->result, e->message);
    }
    bool tty = isatty(2) != 0;
    double start = now_s(), limit = g.timeout_s + 5;
    long shown = -1;
    while (!seismic_request_done(g.client, req) && now_s() - start < limit) {
        long elapsed = (long)(now_s() - start);
        if (elapsed != shown && elapsed >= 1) {
            shown = elapsed;
            if (tty) fprintf(stderr, "\r%s: %ld s ", label, elapsed);
            else fprintf(stderr, "%s: %ld s\n", label, elapsed);
            fflush(stderr);
        }
        seismic_client_run(g.client, 50);
    }
    if (tty && shown >= 0) fprintf(stderr, "\r%s: %.1f s\n", label, now_s() - start);
    return take_doc(req, what, d);
}

static int await_u64(seismic_request req, const char *what, uint64_t *out) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_await_u64(g.client, req, out, &err);
    return r ? fail_request(what, r, err.message) : 0;
}

static int await_u256(seismic_request req, const char *what, seismic_u256 *out) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_await_u256(g.client, req, out, &err);
    return r ? fail_request(what, r, err.message) : 0;
}

/* The wallet of the private key, created on first use. */
static seismic_wallet *wallet(int message_version) {
    seismic_private_key key;
    if (g.wallet) return g.wallet;
    if (load_key(&key)) return NULL;
    seismic_private_key_wipe(&key);
    if (!client()) return NULL;
    seismic_wallet_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.private_key = g.private_key;
    desc.message_version = (uint8_t)message_version;
    seismic_wallet *w = NULL;
    seismic_request req = seismic_wallet_create(g.client, &desc, &w, NULL);
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = req.id ? seismic_await(g.client, req, NULL, &err) : seismic_client_last_error(g.client)->result;
    if (!req.id) snprintf(err.message, sizeof err.message, "%s", seismic_client_last_error(g.client)->message);
    if (r) {
        seismic_wallet_destroy(w);
        fail_request("setting up the wallet", r, err.message);
        return NULL;
    }
    g.wallet = w;
    return w;
}

/*---- argument parsing ----*/

/* Removes "--name VALUE" or "--name=VALUE" from argv and returns VALUE; NULL when absent. A missing
   value sets *bad. */
static const char *take_option(int *argc, char **argv, const char *name, bool *bad) {
    size_t n = strlen(name);
    for (int i = 0; i < *argc; i++) {
        if (strncmp(argv[i], name, n) != 0 || (argv[i][n] != 0 && argv[i][n] != '=')) continue;
        const char *value;
        int drop;
        if (argv[i][n] == '=') {
            value = argv[i] + n + 1;
            drop = 1;
        } else if (i + 1 < *argc) {
            value = argv[i + 1];
            drop = 2;
        } else {
            failf("%s needs a value", name);
            *bad = true;
            return NULL;
        }
        memmove(argv + i, argv + i + drop, (size_t)(*argc - i - drop) * sizeof *argv);
        *argc -= drop;
        return value;
    }
    return NULL;
}

/* Any option left over is a mistake (a negative number is an argument, not an option). */
static int reject_options(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] == '-') return failf("unknown option %s (see --help)", argv[i]);
    return 0;
}

static int parse_address(const char *text, seismic_address *out, const char *what) {
    if (seismic_address_parse(text, strlen(text), out))
        return failf("%s %s is not an address (0x + 40 hex digits, mixed case only with a valid EIP-55 checksum)",
                     what, text);
    return 0;
}

static int parse_hash(const char *text, uint8_t out[32], const char *what) {
    if (seismic_hex_decode_exact(text, strlen(text), out, 32))
        return failf("%s %s is not a 32-byte hash (0x + 64 hex digits)", what, text);
    return 0;
}

static int parse_u64(const char *text, uint64_t *out, const char *what) {
    seismic_u256 v;
    if (seismic_u256_parse(text, strlen(text), &v) || !seismic_u256_to_u64(&v, out))
        return failf("%s %s is not a number (decimal or 0x hex)", what, text);
    return 0;
}

/* Wei, or with a unit suffix: "1.5ether", "20gwei", "7wei". */
static int parse_amount(const char *text, seismic_u256 *out, const char *what) {
    static const struct { const char *suffix; unsigned decimals; } units[] = {
        {"ether", SEISMIC_ETHER_DECIMALS}, {"gwei", SEISMIC_GWEI_DECIMALS}, {"wei", 0}};
    size_t len = strlen(text);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t n = strlen(units[u].suffix);
        if (len > n && strcmp(text + len - n, units[u].suffix) == 0) {
            if (seismic_parse_units(text, len - n, units[u].decimals, out))
                return failf("%s %s is not an amount", what, text);
            return 0;
        }
    }
    if (seismic_u256_parse(text, len, out))
        return failf("%s %s is not an amount (wei in decimal or 0x hex, or e.g. 1.5ether, 20gwei)", what, text);
    return 0;
}

static bool is_tag(const char *text) {
    static const char *const tags[] = {"latest", "pending", "safe", "finalized", "earliest"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (strcmp(text, tags[i]) == 0) return true;
    return false;
}

/* A block number, a 32-byte hash or a tag. */
static int parse_block(const char *text, seismic_block_ref *out) {
    uint8_t hash[32];
    uint64_t number;
    seismic_u256 v;
    if (is_tag(text)) {
        *out = seismic_block_at_tag(text);
    } else if (strlen(text) == 66 && seismic_hex_decode_exact(text, 66, hash, 32) == SEISMIC_OK) {
        *out = seismic_block_at_hash(hash);
    } else if (seismic_u256_parse(text, strlen(text), &v) == SEISMIC_OK && seismic_u256_to_u64(&v, &number)) {
        *out = seismic_block_at_number(number);
    } else {
        return failf("block %s is not a number, a 32-byte hash or one of latest, pending, safe, finalized, earliest",
                     text);
    }
    return 0;
}

/*---- output ----*/

static void emit(seismic_buf *b) {
    printf("%s\n", seismic_buf_cstr(b));
}

static void print_u256(const seismic_u256 *v, bool ether) {
    char text[80];
    if (ether) seismic_format_units(v, SEISMIC_ETHER_DECIMALS, text);
    else seismic_u256_to_dec(v, text);
    out_string(text);
}

static void print_u64(uint64_t v) {
    printf("%llu\n", (unsigned long long)v);
}

/* A JSON value as text: strings without quotes, anything else as JSON. */
static void put_text(const seismic_json *j, int index, seismic_buf *out) {
    if (seismic_json_is(j, index, SEISMIC_JSON_STRING)) {
        seismic_json_get_string_buf(j, index, out);
    } else {
        size_t len = 0;
        const char *raw = seismic_json_raw(j, index, &len);
        if (raw) seismic_buf_append(out, raw, len);
    }
}

/* Prints fields of an object, "name value" per line. Kinds: 's' as is, 'q' quantity in decimal,
   'n' length of an array, 'S' receipt status. */
typedef struct field {
    char kind;
    const char *key;
} field;

static void print_fields(const seismic_json *j, int object, const field *fields, size_t count) {
    for (size_t i = 0; i < count; i++) {
        int v = seismic_json_find(j, object, fields[i].key);
        seismic_buf text = {0};
        seismic_u256 q;
        uint64_t n;
        char dec[79];
        if (v < 0) continue;
        if (fields[i].kind == 'q' && seismic_json_get_u256(j, v, &q) == SEISMIC_OK) {
            seismic_u256_to_dec(&q, dec);
            seismic_buf_append_str(&text, dec);
        } else if (fields[i].kind == 'n' && seismic_json_is(j, v, SEISMIC_JSON_ARRAY)) {
            snprintf(dec, sizeof dec, "%zu", seismic_json_size(j, v));
            seismic_buf_append_str(&text, dec);
        } else if (fields[i].kind == 'S' && seismic_json_get_u64(j, v, &n) == SEISMIC_OK) {
            seismic_buf_append_str(&text, n == 1 ? "1 (success)" : "0 (reverted)");
        } else {
            put_text(j, v, &text);
        }
        printf("%-21s %s\n", fields[i].key, seismic_buf_cstr(&text));
        seismic_buf_free(&text);
    }
}

static const field block_fields[] = {
    {'q', "number"},  {'s', "hash"},     {'s', "parentHash"}, {'q', "timestamp"},     {'s', "miner"},
    {'q', "gasUsed"}, {'q', "gasLimit"}, {'q', "baseFeePerGas"}, {'s', "stateRoot"}, {'n', "transactions"},
};

static const field tx_fields[] = {
    {'s', "hash"},         {'s', "type"},          {'s', "from"},
    {'s', "to"},           {'q', "nonce"},         {'q', "value"},
    {'q', "gas"},          {'q', "gasPrice"},      {'q', "maxFeePerGas"},
    {'q', "maxPriorityFeePerGas"}, {'q', "chainId"}, {'q', "blockNumber"},
    {'s', "blockHash"},    {'q', "transactionIndex"}, {'s', "encryptionPubkey"},
    {'s', "encryptionNonce"}, {'q', "messageVersion"}, {'s', "recentBlockHash"},
    {'q', "expiresAtBlock"}, {'s', "signedRead"},  {'s', "input"},
};

static const field receipt_fields[] = {
    {'s', "transactionHash"}, {'S', "status"},          {'q', "blockNumber"}, {'s', "blockHash"},
    {'q', "transactionIndex"}, {'s', "from"},           {'s', "to"},          {'s', "contractAddress"},
    {'q', "gasUsed"},         {'q', "cumulativeGasUsed"}, {'q', "effectiveGasPrice"}, {'s', "type"},
    {'n', "logs"},
};

/* One log per line: block, transaction, index, address, topics, data. */
static void print_log_line(const seismic_json *j, int log) {
    seismic_buf line = {0};
    uint64_t n = 0;
    char num[24];
    seismic_buf_append_str(&line, "block ");
    if (seismic_json_get_u64(j, seismic_json_find(j, log, "blockNumber"), &n) == SEISMIC_OK) {
        snprintf(num, sizeof num, "%llu", (unsigned long long)n);
        seismic_buf_append_str(&line, num);
    } else {
        seismic_buf_append_str(&line, "pending");
    }
    seismic_buf_append_str(&line, " tx ");
    put_text(j, seismic_json_find(j, log, "transactionHash"), &line);
    seismic_buf_append_str(&line, " index ");
    if (seismic_json_get_u64(j, seismic_json_find(j, log, "logIndex"), &n) == SEISMIC_OK) {
        snprintf(num, sizeof num, "%llu", (unsigned long long)n);
        seismic_buf_append_str(&line, num);
    }
    seismic_buf_append_str(&line, " address ");
    put_text(j, seismic_json_find(j, log, "address"), &line);
    seismic_buf_append_str(&line, " topics ");
    int topics = seismic_json_find(j, log, "topics");
    bool first = true;
    for (int t = seismic_json_first_child(j, topics); t >= 0; t = seismic_json_next_sibling(j, topics, t)) {
        if (!first) seismic_buf_append_byte(&line, ',');
        put_text(j, t, &line);
        first = false;
    }
    if (first) seismic_buf_append_str(&line, "-");
    seismic_buf_append_str(&line, " data ");
    put_text(j, seismic_json_find(j, log, "data"), &line);
    printf("%s\n", seismic_buf_cstr(&line));
    seismic_buf_free(&line);
}

/*---- commands: chain state ----*/

static int cmd_chain_id(int argc, char **argv) {
    uint64_t id;
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("expected no arguments");
    if (!client() || await_u64(seismic_eth_chain_id(g.client, NULL), "eth_chainId", &id)) return 1;
    print_u64(id);
    return 0;
}

static int cmd_block_number(int argc, char **argv) {
    uint64_t n;
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("expected no arguments");
    if (!client() || await_u64(seismic_eth_block_number(g.client, NULL), "eth_blockNumber", &n)) return 1;
    print_u64(n);
    return 0;
}

static int cmd_gas_price(int argc, char **argv) {
    bool gwei = has_flag(&argc, argv, "--gwei");
    seismic_u256 v;
    char text[80];
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("expected no arguments");
    if (!client() || await_u256(seismic_eth_gas_price(g.client, NULL), "eth_gasPrice", &v)) return 1;
    if (gwei) seismic_format_units(&v, SEISMIC_GWEI_DECIMALS, text);
    else seismic_u256_to_dec(&v, text);
    out_string(text);
    return 0;
}

static int cmd_balance(int argc, char **argv) {
    bool bad = false, ether = has_flag(&argc, argv, "--ether");
    const char *at = take_option(&argc, argv, "--block", &bad);
    seismic_block_ref block = seismic_block_at_tag("latest");
    seismic_address address;
    seismic_u256 v;
    if (bad || reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected one address (see --help)");
    if (parse_address(argv[0], &address, "address") || (at && parse_block(at, &block))) return 1;
    if (!client() || await_u256(seismic_eth_get_balance(g.client, &address, &block, NULL), "eth_getBalance", &v))
        return 1;
    print_u256(&v, ether);
    return 0;
}

static int cmd_balances(int argc, char **argv) {
    bool bad = false, ether = has_flag(&argc, argv, "--ether"), sequential = has_flag(&argc, argv, "--sequential");
    const char *at = take_option(&argc, argv, "--block", &bad);
    seismic_block_ref block = seismic_block_at_tag("latest");
    if (bad || reject_options(argc, argv) || (at && parse_block(at, &block))) return 1;
    if (argc < 1) return failf("expected one or more addresses (see --help)");
    size_t count = (size_t)argc;
    seismic_address *addresses = (seismic_address *)malloc(count * sizeof *addresses);
    seismic_u256 *values = (seismic_u256 *)calloc(count, sizeof *values);
    int status = 1;
    uint64_t number = 0;
    uint8_t hash[32];
    doc d;
    memset(&d, 0, sizeof d);
    if (!addresses || !values) {
        failf("out of memory");
        goto done;
    }
    for (size_t i = 0; i < count; i++)
        if (parse_address(argv[i], &addresses[i], "address")) goto done;
    if (!client()) goto done;
    double start = now_s();
    if (!sequential) {
        /* one action: the block is pinned, then every balance leaves in one batch */
        if (await_doc(seismic_eth_get_balances(g.client, addresses, count, &block, NULL), "get_balances", &d))
            goto done;
        const seismic_json *j = &d.json;
        int list = seismic_json_find(j, 0, "balances");
        if (seismic_json_get_u64(j, seismic_json_find(j, 0, "blockNumber"), &number) ||
            seismic_json_get_bytes_exact(j, seismic_json_find(j, 0, "blockHash"), hash, 32) ||
            seismic_json_size(j, list) != count) {
            failf("get_balances: unexpected result %s", seismic_buf_cstr(&d.text));
            goto done;
        }
        for (size_t i = 0; i < count; i++) {
            if (seismic_json_get_u256(j, seismic_json_array_get(j, list, i), &values[i])) {
                failf("get_balances: balance %zu is not a quantity", i);
                goto done;
            }
        }
    } else {
        /* the same block, pinned by hash, then one call after another */
        if (await_doc(seismic_eth_get_block(g.client, &block, false, NULL), "eth_getBlock", &d)) goto done;
        if (seismic_json_get_u64(&d.json, seismic_json_find(&d.json, 0, "number"), &number) ||
            seismic_json_get_bytes_exact(&d.json, seismic_json_find(&d.json, 0, "hash"), hash, 32)) {
            failf("block %s not found", at ? at : "latest");
            goto done;
        }
        seismic_block_ref pinned = seismic_block_at_hash(hash);
        for (size_t i = 0; i < count; i++)
            if (await_u256(seismic_eth_get_balance(g.client, &addresses[i], &pinned, NULL), "eth_getBalance",
                           &values[i]))
                goto done;
    }
    double elapsed = now_s() - start;
    char hash_hex[67];
    seismic_hex_encode(hash, 32, hash_hex);
    fprintf(stderr, "block %llu %s: %zu balance%s in %.1f ms (%s)\n", (unsigned long long)number, hash_hex, count,
            count == 1 ? "" : "s", elapsed * 1000,
            sequential ? "sequential: one call after another" : "concurrent: one batch");
    if (g.json) {
        seismic_buf out = {0};
        seismic_json_writer w;
        char text[80];
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        seismic_json_writer_key(&w, "blockNumber");
        seismic_json_writer_u64(&w, number);
        put_hex(&w, "blockHash", hash, 32);
        seismic_json_writer_key(&w, "balances");
        seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < count; i++) {
            seismic_json_writer_object_begin(&w);
            put_address(&w, "address", true, &addresses[i]);
            seismic_json_writer_key(&w, ether ? "ether" : "wei");
            if (ether) seismic_format_units(&values[i], SEISMIC_ETHER_DECIMALS, text);
            else seismic_u256_to_dec(&values[i], text);
            seismic_json_writer_string(&w, text);
            seismic_json_writer_object_end(&w);
        }
        seismic_json_writer_array_end(&w);
        seismic_json_writer_object_end(&w);
        emit(&out);
        seismic_buf_free(&out);
    } else {
        for (size_t i = 0; i < count; i++) {
            char address[43], text[80];
            seismic_address_to_string(&addresses[i], address);
            if (ether) seismic_format_units(&values[i], SEISMIC_ETHER_DECIMALS, text);
            else seismic_u256_to_dec(&values[i], text);
            printf("%s %s\n", address, text);
        }
    }
    status = 0;
done:
    doc_free(&d);
    free(addresses);
    free(values);
    return status;
}

static int cmd_nonce(int argc, char **argv) {
    bool bad = false;
    const char *at = take_option(&argc, argv, "--block", &bad);
    seismic_block_ref block = seismic_block_at_tag("latest");
    seismic_address address;
    uint64_t n;
    if (bad || reject_options(argc, argv) || (at && parse_block(at, &block))) return 1;
    if (argc > 1) return failf("expected at most one address (see --help)");
    if (argc == 1) {
        if (parse_address(argv[0], &address, "address")) return 1;
    } else {
        seismic_private_key key;
        if (load_key(&key)) return 1;
        seismic_result r = seismic_private_key_address(&key, &address);
        seismic_private_key_wipe(&key);
        if (r) return failf("%s", seismic_result_string(r));
    }
    if (!client() || await_u64(seismic_eth_get_transaction_count(g.client, &address, &block, NULL),
                               "eth_getTransactionCount", &n))
        return 1;
    print_u64(n);
    return 0;
}

static int cmd_block(int argc, char **argv) {
    bool full = has_flag(&argc, argv, "--full");
    seismic_block_ref block = seismic_block_at_tag("latest");
    doc d;
    if (reject_options(argc, argv)) return 1;
    if (argc > 1) return failf("expected at most one block (see --help)");
    if (argc == 1 && parse_block(argv[0], &block)) return 1;
    if (!client() || await_doc(seismic_eth_get_block(g.client, &block, full, NULL), "eth_getBlock", &d)) return 1;
    if (seismic_json_is(&d.json, 0, SEISMIC_JSON_NULL)) {
        doc_free(&d);
        return failf("block %s not found", argc ? argv[0] : "latest");
    }
    if (g.json) {
        emit(&d.text);
    } else {
        const seismic_json *j = &d.json;
        print_fields(j, 0, block_fields, sizeof block_fields / sizeof *block_fields);
        int txs = seismic_json_find(j, 0, "transactions");
        for (int t = seismic_json_first_child(j, txs); t >= 0; t = seismic_json_next_sibling(j, txs, t)) {
            seismic_buf line = {0};
            seismic_u256 value = seismic_u256_from_u64(0);
            char dec[79];
            if (seismic_json_is(j, t, SEISMIC_JSON_OBJECT)) {
                int to = seismic_json_find(j, t, "to");
                put_text(j, seismic_json_find(j, t, "hash"), &line);
                seismic_buf_append_str(&line, " ");
                put_text(j, seismic_json_find(j, t, "from"), &line);
                seismic_buf_append_str(&line, " -> ");
                if (to < 0 || seismic_json_is(j, to, SEISMIC_JSON_NULL)) seismic_buf_append_str(&line, "(create)");
                else put_text(j, to, &line);
                seismic_json_get_u256(j, seismic_json_find(j, t, "value"), &value);
                seismic_u256_to_dec(&value, dec);
                seismic_buf_append_str(&line, " value ");
                seismic_buf_append_str(&line, dec);
            } else {
                put_text(j, t, &line);
            }
            printf("  %s\n", seismic_buf_cstr(&line));
            seismic_buf_free(&line);
        }
    }
    doc_free(&d);
    return 0;
}

static int cmd_tx(int argc, char **argv) {
    uint8_t hash[32];
    doc d;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected one transaction hash");
    if (parse_hash(argv[0], hash, "transaction")) return 1;
    if (!client() || await_doc(seismic_eth_get_transaction(g.client, hash, NULL), "eth_getTransactionByHash", &d))
        return 1;
    if (seismic_json_is(&d.json, 0, SEISMIC_JSON_NULL)) {
        doc_free(&d);
        return failf("transaction %s not found", argv[0]);
    }
    if (g.json) emit(&d.text);
    else print_fields(&d.json, 0, tx_fields, sizeof tx_fields / sizeof *tx_fields);
    doc_free(&d);
    return 0;
}

/* Waits for the receipt with progress on stderr (the request's deadline is --timeout). */
static int wait_receipt(const uint8_t hash[32], doc *d) {
    char hex[67], label[120];
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = g.timeout_ms;
    seismic_hex_encode(hash, 32, hex);
    snprintf(label, sizeof label, "waiting for the receipt of %s", hex);
    return await_doc_progress(seismic_eth_wait_for_receipt(g.client, hash, 500, &o), "waiting for the receipt",
                              label, d);
}

static int cmd_receipt(int argc, char **argv) {
    bool wait = has_flag(&argc, argv, "--wait");
    uint8_t hash[32];
    doc d;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected one transaction hash");
    if (parse_hash(argv[0], hash, "transaction") || !client()) return 1;
    if (wait ? wait_receipt(hash, &d)
             : await_doc(seismic_eth_get_transaction_receipt(g.client, hash, NULL), "eth_getTransactionReceipt", &d))
        return 1;
    if (seismic_json_is(&d.json, 0, SEISMIC_JSON_NULL)) {
        doc_free(&d);
        return failf("no receipt for %s: unknown or not mined yet (--wait waits for it)", argv[0]);
    }
    if (g.json) emit(&d.text);
    else print_fields(&d.json, 0, receipt_fields, sizeof receipt_fields / sizeof *receipt_fields);
    doc_free(&d);
    return 0;
}

static int cmd_tee_key(int argc, char **argv) {
    doc d;
    seismic_buf key = {0};
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("expected no arguments");
    if (!client() || await_doc(seismic_get_tee_public_key(g.client, NULL), "seismic_getTeePublicKey", &d)) return 1;
    put_text(&d.json, 0, &key);
    out_string(seismic_buf_cstr(&key));
    seismic_buf_free(&key);
    doc_free(&d);
    return 0;
}

/*---- logs and subscriptions ----*/

/* A topic: 0x hex of up to 32 bytes (left-padded, so an address works), an event signature, or
   null / _ for any. */
static int write_topic(seismic_json_writer *w, const char *text) {
    uint8_t topic[32] = {0}, raw[32];
    size_t len = 0;
    seismic_error err = {"", SEISMIC_OK};
    if (strcmp(text, "null") == 0 || strcmp(text, "_") == 0) {
        seismic_json_writer_null(w);
        return 0;
    }
    if (strchr(text, '(')) {
        if (seismic_abi_event_topic(text, topic, &err)) return failf("topic %s: %s", text, err.message);
    } else if (seismic_hex_decode(text, strlen(text), raw, 32, &len) == SEISMIC_OK && strncmp(text, "0x", 2) == 0) {
        memcpy(topic + 32 - len, raw, len);
    } else {
        return failf("topic %s is not 0x hex of up to 32 bytes, an event signature or null", text);
    }
    seismic_json_writer_hex(w, topic, 32);
    return 0;
}

static int write_block_value(seismic_json_writer *w, const char *key, const char *text) {
    seismic_u256 v;
    uint64_t n;
    seismic_json_writer_key(w, key);
    if (is_tag(text)) {
        seismic_json_writer_string(w, text);
    } else if (seismic_u256_parse(text, strlen(text), &v) == SEISMIC_OK && seismic_u256_to_u64(&v, &n)) {
        seismic_json_writer_quantity_u64(w, n);
    } else {
        return failf("block %s is not a number or a tag", text);
    }
    return 0;
}

/* The eth_getLogs / logs-subscription filter of --address, --topic (and --from, --to with a range). */
static int build_filter(int *argc, char **argv, bool range, seismic_buf *out) {
    bool bad = false;
    const char *from = range ? take_option(argc, argv, "--from", &bad) : NULL;
    const char *to = range ? take_option(argc, argv, "--to", &bad) : NULL;
    const char *addresses[64], *topics[4];
    size_t naddresses = 0, ntopics = 0;
    const char *v;
    while (!bad && (v = take_option(argc, argv, "--address", &bad)) != NULL) {
        if (naddresses == 64) return failf("at most 64 --address");
        addresses[naddresses++] = v;
    }
    while (!bad && (v = take_option(argc, argv, "--topic", &bad)) != NULL) {
        if (ntopics == 4) return failf("at most 4 --topic (topic0 to topic3)");
        topics[ntopics++] = v;
    }
    if (bad) return 1;
    seismic_json_writer w;
    seismic_json_writer_init(&w, out);
    seismic_json_writer_object_begin(&w);
    if (from && write_block_value(&w, "fromBlock", from)) return 1;
    if (to && write_block_value(&w, "toBlock", to)) return 1;
    if (naddresses) {
        seismic_json_writer_key(&w, "address");
        if (naddresses > 1) seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < naddresses; i++) {
            seismic_address a;
            char text[43];
            if (parse_address(addresses[i], &a, "--address")) return 1;
            seismic_address_to_string(&a, text);
            seismic_json_writer_string(&w, text);
        }
        if (naddresses > 1) seismic_json_writer_array_end(&w);
    }
    if (ntopics) {
        seismic_json_writer_key(&w, "topics");
        seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < ntopics; i++)
            if (write_topic(&w, topics[i])) return 1;
        seismic_json_writer_array_end(&w);
    }
    seismic_json_writer_object_end(&w);
    return out->failed ? failf("out of memory") : 0;
}

static int cmd_logs(int argc, char **argv) {
    seismic_buf filter = {0};
    doc d;
    if (build_filter(&argc, argv, true, &filter) || reject_options(argc, argv)) {
        seismic_buf_free(&filter);
        return 1;
    }
    if (argc != 0) {
        seismic_buf_free(&filter);
        return failf("unexpected argument %s (see --help)", argv[0]);
    }
    int status = !client() || await_doc(seismic_eth_get_logs(g.client, seismic_buf_cstr(&filter), NULL),
                                        "eth_getLogs", &d);
    seismic_buf_free(&filter);
    if (status) return 1;
    if (g.json) {
        emit(&d.text);
    } else {
        for (int l = seismic_json_first_child(&d.json, 0); l >= 0; l = seismic_json_next_sibling(&d.json, 0, l))
            print_log_line(&d.json, l);
    }
    doc_free(&d);
    return 0;
}

typedef struct watch_state {
    bool blocks;
    uint64_t seen;
} watch_state;

static void on_notification(seismic_client *c, seismic_subscription sub, const seismic_json *json, int result,
                            void *user_data) {
    watch_state *ws = (watch_state *)user_data;
    (void)c;
    (void)sub;
    ws->seen++;
    if (g.json) {
        size_t len = 0;
        const char *raw = seismic_json_raw(json, result, &len);
        printf("%.*s\n", (int)len, raw ? raw : "null");
    } else if (ws->blocks) {
        uint64_t number = 0, timestamp = 0;
        seismic_buf hash = {0};
        seismic_json_get_u64(json, seismic_json_find(json, result, "number"), &number);
        seismic_json_get_u64(json, seismic_json_find(json, result, "timestamp"), &timestamp);
        put_text(json, seismic_json_find(json, result, "hash"), &hash);
        printf("block %llu %s timestamp %llu\n", (unsigned long long)number, seismic_buf_cstr(&hash),
               (unsigned long long)timestamp);
        seismic_buf_free(&hash);
    } else {
        print_log_line(json, result);
    }
    fflush(stdout);
}

static bool is_websocket(const char *url) {
    return strncmp(url, "ws://", 5) == 0 || strncmp(url, "wss://", 6) == 0;
}

static int cmd_watch(int argc, char **argv) {
    bool bad = false;
    const char *count_text = take_option(&argc, argv, "--count", &bad);
    uint64_t count = 0;
    seismic_buf params = {0}, filter = {0};
    watch_state ws = {false, 0};
    if (bad || (count_text && parse_u64(count_text, &count, "--count"))) return 1;
    if (argc < 1 || (strcmp(argv[0], "blocks") != 0 && strcmp(argv[0], "logs") != 0))
        return failf("expected blocks or logs (see --help)");
    ws.blocks = strcmp(argv[0], "blocks") == 0;
    argc--;
    argv++;
    if (!ws.blocks && build_filter(&argc, argv, false, &filter)) {
        seismic_buf_free(&filter);
        return 1;
    }
    if (reject_options(argc, argv) || argc != 0) {
        seismic_buf_free(&filter);
        return argc ? failf("unexpected argument %s (see --help)", argv[0]) : 1;
    }
    if (!is_websocket(g.rpc_url)) {
        seismic_buf_free(&filter);
        return failf("subscriptions need a WebSocket node: pass --rpc-url ws://HOST:PORT (or wss://), not %s",
                     g.rpc_url);
    }
    if (!client()) {
        seismic_buf_free(&filter);
        return 1;
    }
    if (ws.blocks) {
        seismic_buf_append_str(&params, "[\"newHeads\"]");
    } else {
        seismic_buf_append_str(&params, "[\"logs\",");
        seismic_buf_append(&params, filter.data, filter.len);
        seismic_buf_append_str(&params, "]");
    }
    seismic_buf_free(&filter);
    seismic_subscription sub = seismic_subscribe(g.client, seismic_buf_cstr(&params), on_notification, &ws);
    seismic_buf_free(&params);
    if (!sub.id) return fail_request("eth_subscribe", seismic_client_last_error(g.client)->result,
                                     seismic_client_last_error(g.client)->message);
    double start = now_s();
    bool announced = false;
    while (count == 0 || ws.seen < count) {
        seismic_client_run(g.client, 50);
        if (!announced && seismic_subscription_active(g.client, sub)) {
            announced = true;
            fprintf(stderr, "seismic: watch: subscribed to %s at %s", ws.blocks ? "new blocks" : "logs", g.rpc_url);
            if (count) fprintf(stderr, " (stopping after %llu)\n", (unsigned long long)count);
            else fprintf(stderr, " (Ctrl-C stops)\n");
            g.show_warnings = true; /* e.g. a lost connection: the subscription is renewed on reconnect */
        }
        if (!announced && now_s() - start > g.timeout_s) {
            seismic_unsubscribe(g.client, sub);
            return fail_request("eth_subscribe", SEISMIC_ERR_TIMEOUT,
                                g.warning[0] ? g.warning : "the subscription was not confirmed");
        }
    }
    seismic_unsubscribe(g.client, sub);
    seismic_client_wait_idle(g.client, 500);
    return 0;
}

/*---- contracts and transactions ----*/

/* --value and --gas into tx (zero = defaults: no value, estimated gas). */
static int parse_tx_options(int *argc, char **argv, seismic_tx_options *tx) {
    bool bad = false;
    const char *value = take_option(argc, argv, "--value", &bad);
    const char *gas = take_option(argc, argv, "--gas", &bad);
    memset(tx, 0, sizeof *tx);
    tx->message_version = -1;
    if (bad || (value && parse_amount(value, &tx->value, "--value")) || (gas && parse_u64(gas, &tx->gas, "--gas")))
        return 1;
    return 0;
}

/* A read's result: the decoded outputs (a JSON array, one value per line) or the raw return data. */
static void print_call_result(doc *d) {
    const seismic_json *j = &d->json;
    if (g.json) {
        emit(&d->text);
        return;
    }
    if (seismic_json_is(j, 0, SEISMIC_JSON_ARRAY)) {
        for (int v = seismic_json_first_child(j, 0); v >= 0; v = seismic_json_next_sibling(j, 0, v)) {
            seismic_buf text = {0};
            put_text(j, v, &text);
            printf("%s\n", seismic_buf_cstr(&text));
            seismic_buf_free(&text);
        }
    } else {
        seismic_buf text = {0};
        put_text(j, 0, &text);
        printf("%s\n", seismic_buf_cstr(&text));
        seismic_buf_free(&text);
    }
}

/* Reports a sent transaction: its hash (and the created contract), then with wait its receipt. A
   reverted transaction exits 1. */
static int report_tx(const char *what, doc *hash_doc, bool wait, bool deployed, const seismic_address *contract) {
    uint8_t hash[32];
    char hash_hex[67], address[43];
    doc receipt;
    memset(&receipt, 0, sizeof receipt);
    if (seismic_json_get_bytes_exact(&hash_doc->json, 0, hash, 32))
        return failf("%s: the result %s is not a transaction hash", what, seismic_buf_cstr(&hash_doc->text));
    seismic_hex_encode(hash, 32, hash_hex);
    if (deployed) seismic_address_to_string(contract, address);
    if (!g.json) { /* at once: the hash is worth having even if the wait fails */
        if (deployed) printf("transactionHash %s\ncontractAddress %s\n", hash_hex, address);
        else printf("%s\n", hash_hex);
        fflush(stdout);
    }
    uint64_t status = 1, block = 0, gas_used = 0;
    if (wait) {
        if (wait_receipt(hash, &receipt)) return 1;
        const seismic_json *j = &receipt.json;
        seismic_json_get_u64(j, seismic_json_find(j, 0, "status"), &status);
        seismic_json_get_u64(j, seismic_json_find(j, 0, "blockNumber"), &block);
        seismic_json_get_u64(j, seismic_json_find(j, 0, "gasUsed"), &gas_used);
        fprintf(stderr, "seismic: %s: mined in block %llu, status %s, gas used %llu\n", g.cmd,
                (unsigned long long)block, status == 1 ? "success" : "reverted", (unsigned long long)gas_used);
        seismic_address from_receipt;
        int created = seismic_json_find(j, 0, "contractAddress");
        if (deployed && status == 1 &&
            (seismic_json_get_bytes_exact(j, created, from_receipt.bytes, 20) ||
             !seismic_address_equal(&from_receipt, contract))) {
            seismic_buf text = {0};
            put_text(j, created, &text);
            fprintf(stderr, "seismic: %s: warning: the receipt's contractAddress %s differs from %s\n", g.cmd,
                    text.len ? seismic_buf_cstr(&text) : "(none)", address);
            seismic_buf_free(&text);
        }
    }
    if (g.json) {
        seismic_buf out = {0};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        put_hex(&w, "transactionHash", hash, 32);
        if (deployed) put_address(&w, "contractAddress", true, contract);
        if (wait) {
            seismic_json_writer_key(&w, "receipt");
            seismic_json_writer_raw(&w, (const char *)receipt.text.data, receipt.text.len);
        }
        seismic_json_writer_object_end(&w);
        emit(&out);
        seismic_buf_free(&out);
    }
    doc_free(&receipt);
    if (status != 1) return failf("transaction %s reverted in block %llu", hash_hex, (unsigned long long)block);
    return 0;
}

static const char *mode_name(seismic_contract_mode mode) {
    switch (mode) {
    case SEISMIC_TREAD: return "eth_call";
    case SEISMIC_SREAD: return "signed read";
    case SEISMIC_TWRITE: return "transaction";
    case SEISMIC_SWRITE: return "shielded transaction";
    default: return "call";
    }
}

/* call / sread / send / swrite: TO SIGNATURE [ARGS...] through seismic_contract_call. */
static int run_contract(seismic_contract_mode mode, int argc, char **argv) {
    bool write = mode == SEISMIC_TWRITE || mode == SEISMIC_SWRITE;
    bool wait = write && has_flag(&argc, argv, "--wait");
    bool eip712 = mode == SEISMIC_SWRITE && has_flag(&argc, argv, "--eip712");
    seismic_tx_options tx;
    seismic_address to;
    seismic_wallet *w = NULL;
    doc d;
    if (write || mode == SEISMIC_SREAD) {
        if (parse_tx_options(&argc, argv, &tx)) return 1;
    } else {
        memset(&tx, 0, sizeof tx);
        tx.message_version = -1;
    }
    if (eip712) tx.message_version = 2;
    if (reject_options(argc, argv)) return 1;
    if (argc < 2) return failf("expected TO SIGNATURE [ARGS...] (see --help)");
    if (parse_address(argv[0], &to, "contract")) return 1;
    if (mode != SEISMIC_TREAD && !(w = wallet(eip712 ? 2 : 0))) return 1;
    if (!client()) return 1;
    seismic_request req = seismic_contract_call(g.client, w, &to, mode, argv[1], (const char *const *)(argv + 2),
                                                (size_t)(argc - 2), &tx, NULL);
    if (await_doc(req, NULL, &d)) return 1; /* the SDK's messages name the step */
    int status = write ? report_tx(mode_name(mode), &d, wait, false, NULL) : (print_call_result(&d), 0);
    doc_free(&d);
    return status;
}

static int cmd_call(int argc, char **argv) { return run_contract(SEISMIC_TREAD, argc, argv); }
static int cmd_sread(int argc, char **argv) { return run_contract(SEISMIC_SREAD, argc, argv); }
static int cmd_send(int argc, char **argv) { return run_contract(SEISMIC_TWRITE, argc, argv); }
static int cmd_swrite(int argc, char **argv) { return run_contract(SEISMIC_SWRITE, argc, argv); }

static int read_whole_file(const char *path, seismic_buf *out) {
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    if (!f) return failf("cannot open %s", path);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(out, chunk, n);
    bool error = ferror(f) != 0;
    fclose(f);
    if (error || out->failed) return failf("cannot read %s", path);
    return 0;
}

/* The canonical type of an ABI JSON parameter: tuples from their components, recursively. */
static void abi_param_type(const seismic_json *j, int param, seismic_buf *out) {
    seismic_buf type = {0};
    seismic_json_get_string_buf(j, seismic_json_find(j, param, "type"), &type);
    const char *t = seismic_buf_cstr(&type);
    if (strncmp(t, "tuple", 5) == 0) {
        int components = seismic_json_find(j, param, "components");
        bool first = true;
        seismic_buf_append_byte(out, '(');
        for (int c = seismic_json_first_child(j, components); c >= 0; c = seismic_json_next_sibling(j, components, c)) {
            if (!first) seismic_buf_append_byte(out, ',');
            abi_param_type(j, c, out);
            first = false;
        }
        seismic_buf_append_byte(out, ')');
        seismic_buf_append_str(out, t + 5); /* array suffixes */
    } else {
        seismic_buf_append_str(out, t);
    }
    seismic_buf_free(&type);
}

/* Bytecode and constructor input types "(...)" of a contract in a JSON artifact: {"contracts": {NAME:
   {abi, bytecode}}} (tools/devnode/contracts/artifacts.json), {NAME: {...}}, or one contract
   {abi, bytecode} (Hardhat; Foundry's {"bytecode": {"object": ...}} too). */
static int load_artifact(const char *path, const char *name, seismic_buf *bytecode, seismic_buf *types) {
    doc d;
    seismic_error err = {"", SEISMIC_OK};
    int status = 1;
    memset(&d, 0, sizeof d);
    if (read_whole_file(path, &d.text)) return 1;
    if (doc_parse(&d, &err)) {
        failf("%s is not JSON: %s", path, err.message);
        goto done;
    }
    const seismic_json *j = &d.json;
    int contracts = seismic_json_find(j, 0, "contracts");
    int c = -1;
    if (name) {
        c = seismic_json_find(j, contracts, name);
        if (c < 0) c = seismic_json_find(j, 0, name);
    } else if (seismic_json_find(j, 0, "bytecode") >= 0) {
        c = 0;
    }
    if (c < 0 || !seismic_json_is(j, c, SEISMIC_JSON_OBJECT)) {
        seismic_buf names = {0};
        for (int k = seismic_json_first_child(j, contracts); k >= 0; k = seismic_json_next_sibling(j, contracts, k)) {
            if (names.len) seismic_buf_append_str(&names, ", ");
            seismic_json_get_string_buf(j, k, &names);
        }
        if (!name) failf("%s holds several contracts: choose one with --contract NAME (%s)", path, seismic_buf_cstr(&names));
        else failf("no contract %s in %s%s%s%s", name, path, names.len ? " (it has " : "", seismic_buf_cstr(&names),
                   names.len ? ")" : "");
        seismic_buf_free(&names);
        goto done;
    }
    int code = seismic_json_find(j, c, "bytecode");
    if (seismic_json_is(j, code, SEISMIC_JSON_OBJECT)) code = seismic_json_find(j, code, "object");
    seismic_buf text = {0};
    seismic_json_get_string_buf(j, code, &text);
    const char *hex = seismic_buf_cstr(&text);
    if (strstr(hex, "__")) {
        failf("%s has unlinked library references (link it first)", name ? name : path);
    } else if (seismic_hex_decode_buf(hex, text.len, bytecode) || bytecode->len == 0) {
        failf("%s has no bytecode (an interface or abstract contract?)", name ? name : path);
    } else {
        status = 0;
    }
    seismic_buf_free(&text);
    if (status) goto done;
    int abi = seismic_json_find(j, c, "abi");
    seismic_buf_append_byte(types, '(');
    for (int e = seismic_json_first_child(j, abi); e >= 0; e = seismic_json_next_sibling(j, abi, e)) {
        if (!seismic_json_string_equals(j, seismic_json_find(j, e, "type"), "constructor")) continue;
        int inputs = seismic_json_find(j, e, "inputs");
        bool first = true;
        for (int p = seismic_json_first_child(j, inputs); p >= 0; p = seismic_json_next_sibling(j, inputs, p)) {
            if (!first) seismic_buf_append_byte(types, ',');
            abi_param_type(j, p, types);
            first = false;
        }
    }
    seismic_buf_append_byte(types, ')');
done:
    doc_free(&d);
    return status;
}

static int cmd_deploy(int argc, char **argv) {
    bool bad = false, wait = has_flag(&argc, argv, "--wait");
    const char *artifact = take_option(&argc, argv, "--artifact", &bad);
    const char *name = take_option(&argc, argv, "--contract", &bad);
    const char *constructor = take_option(&argc, argv, "--constructor", &bad);
    seismic_tx_options tx;
    seismic_buf code = {0}, types = {0};
    seismic_error err = {"", SEISMIC_OK};
    doc d, t;
    int status = 1;
    memset(&d, 0, sizeof d);
    memset(&t, 0, sizeof t);
    if (bad || parse_tx_options(&argc, argv, &tx) || reject_options(argc, argv)) return 1;
    if (artifact) {
        if (constructor) return failf("--constructor is for raw bytecode; the artifact's ABI gives the types");
        if (load_artifact(artifact, name, &code, &types)) goto done;
    } else {
        if (name) return failf("--contract needs --artifact FILE");
        if (argc < 1) return failf("expected BYTECODE or --artifact FILE --contract NAME (see --help)");
        if (seismic_hex_decode_buf(argv[0], strlen(argv[0]), &code) || code.len == 0) {
            failf("bytecode %.20s... is not hex", argv[0]);
            goto done;
        }
        seismic_buf_append_str(&types, constructor ? constructor : "()");
        argc--;
        argv++;
    }
    if (seismic_abi_encode(&code, seismic_buf_cstr(&types), (const char *const *)argv, (size_t)argc, &err)) {
        failf("constructor arguments %s: %s", seismic_buf_cstr(&types), err.message);
        goto done;
    }
    seismic_wallet *w = wallet(0);
    if (!w) goto done;
    if (await_doc(seismic_transparent_write(w, NULL, code.data, code.len, &tx, NULL), "deploying", &d)) goto done;
    /* the contract's address follows from the sender and the nonce the transaction used */
    uint8_t hash[32];
    uint64_t nonce = 0;
    seismic_address from, created;
    if (seismic_json_get_bytes_exact(&d.json, 0, hash, 32)) {
        failf("deploying: the result %s is not a transaction hash", seismic_buf_cstr(&d.text));
        goto done;
    }
    if (await_doc(seismic_eth_get_transaction(g.client, hash, NULL), "eth_getTransactionByHash", &t)) goto done;
    if (seismic_json_get_u64(&t.json, seismic_json_find(&t.json, 0, "nonce"), &nonce) ||
        seismic_json_get_bytes_exact(&t.json, seismic_json_find(&t.json, 0, "from"), from.bytes, 20)) {
        failf("the node does not know the deployment %s yet", seismic_buf_cstr(&d.text));
        goto done;
    }
    seismic_contract_address(&from, nonce, &created);
    status = report_tx("deploying", &d, wait, true, &created);
done:
    doc_free(&d);
    doc_free(&t);
    seismic_buf_free(&code);
    seismic_buf_free(&types);
    return status;
}

/*---- SRC20 ----*/

static int src20_info(int argc, char **argv) {
    static const char *const names[4] = {"name", "symbol", "decimals", "totalSupply"};
    static const char *const signatures[4] = {"name() returns (string)", "symbol() returns (string)",
                                              "decimals() returns (uint8)", "totalSupply() returns (uint256)"};
    seismic_address token;
    seismic_request reqs[4];
    doc d[4];
    int status = 0;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("info: expected TOKEN");
    if (parse_address(argv[0], &token, "token") || !client()) return 1;
    /* four transparent reads at once: they leave in one batch */
    for (int i = 0; i < 4; i++)
        reqs[i] = seismic_contract_call(g.client, NULL, &token, SEISMIC_TREAD, signatures[i], NULL, 0, NULL, NULL);
    seismic_client_wait_all(g.client, reqs, 4, (int)g.timeout_ms + 5000);
    for (int i = 0; i < 4; i++) {
        memset(&d[i], 0, sizeof d[i]);
        if (status == 0) {
            status = reqs[i].id ? take_doc(reqs[i], names[i], &d[i]) : await_doc(reqs[i], names[i], &d[i]);
        } else {
            seismic_request_release(g.client, reqs[i]);
        }
    }
    if (status == 0) {
        seismic_buf out = {0};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        for (int i = 0; i < 4; i++) {
            int v = seismic_json_array_get(&d[i].json, 0, 0);
            seismic_buf text = {0};
            put_text(&d[i].json, v, &text);
            if (g.json) {
                seismic_json_writer_key(&w, names[i]);
                seismic_json_writer_string(&w, seismic_buf_cstr(&text));
            } else {
                printf("%-12s %s\n", names[i], seismic_buf_cstr(&text));
            }
            seismic_buf_free(&text);
        }
        seismic_json_writer_object_end(&w);
        if (g.json) emit(&out);
        seismic_buf_free(&out);
    }
    for (int i = 0; i < 4; i++) doc_free(&d[i]);
    return status;
}

static int src20_balance(int argc, char **argv) {
    seismic_address token;
    seismic_wallet *w;
    doc d;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("balance: expected TOKEN");
    if (parse_address(argv[0], &token, "token") || !(w = wallet(0))) return 1;
    if (await_doc(seismic_src20_balance(w, &token, NULL), "balance (signed read)", &d)) return 1;
    seismic_buf text = {0};
    put_text(&d.json, seismic_json_array_get(&d.json, 0, 0), &text);
    out_string(seismic_buf_cstr(&text));
    seismic_buf_free(&text);
    doc_free(&d);
    return 0;
}

static int src20_transfer(int argc, char **argv) {
    bool wait = has_flag(&argc, argv, "--wait");
    seismic_address token, to;
    seismic_u256 amount;
    seismic_wallet *w;
    doc d;
    if (reject_options(argc, argv)) return 1;
    if (argc != 3) return failf("transfer: expected TOKEN TO AMOUNT");
    if (parse_address(argv[0], &token, "token") || parse_address(argv[1], &to, "recipient")) return 1;
    if (seismic_u256_parse(argv[2], strlen(argv[2]), &amount))
        return failf("amount %s is not a number (token base units, decimal or 0x hex)", argv[2]);
    if (!(w = wallet(0))) return 1;
    if (await_doc(seismic_src20_transfer(w, &token, &to, &amount, NULL), "transfer", &d)) return 1;
    int status = report_tx("transfer", &d, wait, false, NULL);
    doc_free(&d);
    return status;
}

static int parse_viewing_key(const char *text, uint8_t key[32]) {
    seismic_u256 v;
    if (strlen(text) == 66 && seismic_hex_decode_exact(text, 66, key, 32) == SEISMIC_OK) return 0;
    if (seismic_u256_parse(text, strlen(text), &v) == SEISMIC_OK) { /* a number, as the Directory stores it */
        seismic_u256_to_be(&v, key);
        return 0;
    }
    return failf("the viewing key must be 32 bytes of hex (0x + 64 hex digits)");
}

static int src20_register_key(int argc, char **argv) {
    bool wait = has_flag(&argc, argv, "--wait");
    uint8_t key[32];
    seismic_wallet *w;
    doc d;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("register-key: expected KEY");
    if (parse_viewing_key(argv[0], key) || !(w = wallet(0))) return 1;
    seismic_request req = seismic_directory_register_key(w, key, NULL);
    seismic_wipe(key, sizeof key);
    if (await_doc(req, "setKey", &d)) return 1;
    int status = report_tx("setKey", &d, wait, false, NULL);
    doc_free(&d);
    return status;
}

typedef struct src20_watch_state {
    uint64_t seen;
    bool failed;
    char message[300];
} src20_watch_state;

static void on_src20_event(const seismic_src20_event *e, void *user_data) {
    src20_watch_state *s = (src20_watch_state *)user_data;
    char from[43], to[43], token[43], amount[79], tx[67];
    seismic_address_to_string(&e->from, from);
    seismic_address_to_string(&e->to, to);
    seismic_address_to_string(&e->token, token);
    seismic_u256_to_dec(&e->amount, amount);
    seismic_hex_encode(e->transaction_hash, 32, tx);
    s->seen++;
    if (g.json) {
        printf("{\"event\":\"%s\",\"%s\":\"%s\",\"%s\":\"%s\",\"amount\":\"%s\",\"token\":\"%s\",\"blockNumber\":%llu,"
               "\"transactionHash\":\"%s\"}\n",
               e->is_approval ? "Approval" : "Transfer", e->is_approval ? "owner" : "from", from,
               e->is_approval ? "spender" : "to", to, amount, token, (unsigned long long)e->block_number, tx);
    } else if (e->is_approval) {
        printf("Approval owner %s spender %s amount %s token %s block %llu tx %s\n", from, to, amount, token,
               (unsigned long long)e->block_number, tx);
    } else {
        printf("Transfer from %s to %s amount %s token %s block %llu tx %s\n", from, to, amount, token,
               (unsigned long long)e->block_number, tx);
    }
    fflush(stdout);
}

static void on_src20_error(seismic_result result, const char *message, void *user_data) {
    src20_watch_state *s = (src20_watch_state *)user_data;
    s->failed = true;
    snprintf(s->message, sizeof s->message, "%s", message && message[0] ? message : seismic_result_string(result));
}

static int src20_watch(int argc, char **argv) {
    bool bad = false;
    const char *token = take_option(&argc, argv, "--token", &bad);
    const char *key = take_option(&argc, argv, "--viewing-key", &bad);
    const char *count_text = take_option(&argc, argv, "--count", &bad);
    const char *from = take_option(&argc, argv, "--from", &bad);
    uint64_t count = 0;
    src20_watch_state state;
    seismic_src20_watch_desc desc;
    seismic_error err = {"", SEISMIC_OK};
    memset(&state, 0, sizeof state);
    memset(&desc, 0, sizeof desc);
    if (bad || reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("watch: unexpected argument %s (see --help)", argv[0]);
    if (!key) return failf("watch: --viewing-key KEY is required (the key registered in the Directory)");
    if (parse_viewing_key(key, desc.viewing_key)) return 1;
    if (token) {
        if (parse_address(token, &desc.token, "--token")) return 1;
        desc.has_token = true;
    }
    if ((count_text && parse_u64(count_text, &count, "--count")) || (from && parse_u64(from, &desc.from_block, "--from")))
        return 1;
    if (from && is_websocket(g.rpc_url))
        return failf("watch: --from needs an http(s):// URL (polling); a subscription only sees new blocks");
    if (!client()) return 1;
    g.show_warnings = true; /* the watcher reports a failed subscription only through the log */
    desc.poll_interval_ms = 500;
    desc.on_event = on_src20_event;
    desc.on_error = on_src20_error;
    desc.user_data = &state;
    seismic_src20_watcher *watcher = seismic_src20_watch(g.client, &desc, &err);
    seismic_wipe(desc.viewing_key, sizeof desc.viewing_key);
    if (!watcher) return fail_request("watch", err.result, err.message);
    fprintf(stderr, "seismic: src20 watch: watching Transfer/Approval events for the viewing key at %s (%s)\n",
            g.rpc_url, is_websocket(g.rpc_url) ? "subscription" : "polling eth_getLogs");
    while ((count == 0 || state.seen < count) && !state.failed) seismic_client_run(g.client, 50);
    seismic_src20_watch_stop(watcher);
    if (state.failed) return fail_request("watch", SEISMIC_ERR_RPC, state.message);
    return 0;
}

static int cmd_src20(int argc, char **argv) {
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } subs[] = {{"info", src20_info}, {"balance", src20_balance}, {"transfer", src20_transfer},
                {"watch", src20_watch}, {"register-key", src20_register_key}};
    if (argc < 1) return failf("expected info, balance, transfer, watch or register-key (see --help)");
    static char name[32];
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        if (strcmp(argv[0], subs[i].name) != 0) continue;
        snprintf(name, sizeof name, "src20 %s", subs[i].name);
        g.cmd = name;
        return subs[i].run(argc - 1, argv + 1);
    }
    return failf("unknown subcommand %s: expected info, balance, transfer, watch or register-key", argv[0]);
}

static const command commands[] = {
    {"keccak", "keccak HEX | keccak --text STRING", "Prints the Keccak-256 hash of hex bytes or of a UTF-8 string.",
     cmd_keccak},
    {"address", "address PRIVATE_KEY", "Prints the EIP-55 checksummed address of a private key.", cmd_address},
    {"sig", "sig SIGNATURE",
     "Prints the 4-byte function selector. Seismic shielded types keep their names: sig 'setNumber(suint256)'.",
     cmd_sig},
    {"topic", "topic EVENT_SIGNATURE", "Prints the 32-byte event topic.", cmd_topic},
    {"abi-encode", "abi-encode [--no-selector] SIGNATURE [ARG...]",
     "Prints ABI-encoded calldata, selector included (with --no-selector and a signature '(types)': the bare\n"
     "encoding). Arguments: decimal or 0x numbers, negative numbers for intN, addresses, true/false, 0x bytes,\n"
     "strings, arrays [a,b] and tuples (a,b), nested.",
     cmd_abi_encode},
    {"abi-decode", "abi-decode [--json] TYPES HEX",
     "Decodes ABI data of TYPES, e.g. '(uint256,string)': one value per line, or a JSON array with --json.",
     cmd_abi_decode},
    {"rlp-encode", "rlp-encode JSON", "RLP-encodes nested JSON arrays of 0x strings: rlp-encode '[\"0x01\",[]]'.",
     cmd_rlp_encode},
    {"rlp-decode", "rlp-decode HEX", "Decodes strict RLP into nested JSON arrays of 0x strings.", cmd_rlp_decode},
    {"tx-decode", "tx-decode RAW",
     "Decodes a raw Seismic (0x4a), EIP-1559 (0x02) or legacy transaction into JSON with every field, the\n"
     "recovered sender and the hash.",
     cmd_tx_decode},
    {"tx-build", "tx-build < INPUT.json",
     "Builds, encrypts and signs a Seismic transaction from one JSON object on stdin.\n"
     "Input keys: chainId, nonce, gasPrice, gas, to, value, encryptionNonce (0x + 24 hex, first byte non-zero),\n"
     "messageVersion (0 or 2), recentBlockHash, expiresAtBlock, signedRead, data (plaintext calldata),\n"
     "encryptionSecretKey, teePublicKey (33 bytes compressed), privateKey. Numbers may be JSON numbers,\n"
     "decimal strings or 0x hex strings.\n"
     "Output keys: sender, encryptionPubkey, aad, requestKey, responseKey, ciphertext, unsigned, signingHash,\n"
     "raw, hash.",
     cmd_tx_build},
    /* network */
    {"chain-id", "chain-id", "Prints the node's chain id (eth_chainId).", cmd_chain_id},
    {"block-number", "block-number", "Prints the latest block number.", cmd_block_number},
    {"gas-price", "gas-price [--gwei]", "Prints the gas price in wei (in gwei with --gwei).", cmd_gas_price},
    {"balance", "balance ADDRESS [--block N|HASH|TAG] [--ether]",
     "Prints the balance in wei (in ether with --ether) at the latest block or the given one.", cmd_balance},
    {"balances", "balances ADDRESS... [--block N|HASH|TAG] [--ether] [--sequential]",
     "Prints \"ADDRESS BALANCE\" per address, all read at one block: the block is pinned by hash first, then\n"
     "every balance is asked at once in one batch (seismic_eth_get_balances). --sequential asks one after\n"
     "another instead, for comparison. The block used and the elapsed time go to stderr.\n"
     "--json: {\"blockNumber\":N,\"blockHash\":\"0x..\",\"balances\":[{\"address\":\"0x..\",\"wei\":\"..\"}]}.",
     cmd_balances},
    {"nonce", "nonce [ADDRESS] [--block N|HASH|TAG]",
     "Prints the transaction count of ADDRESS, by default of the private key's address.", cmd_nonce},
    {"block", "block [NUMBER|HASH|TAG] [--full]",
     "Prints a block (default latest): its main fields and transaction hashes; with --full, one line\n"
     "\"hash from -> to value\" per transaction. --json: the node's block object.",
     cmd_block},
    {"tx", "tx HASH", "Prints a transaction (--json: the node's object). Exit 1 if unknown.", cmd_tx},
    {"receipt", "receipt HASH [--wait]",
     "Prints a transaction's receipt (--json: the node's object). Without --wait a missing receipt is an error;\n"
     "with --wait it waits up to --timeout, showing the elapsed seconds on stderr.",
     cmd_receipt},
    {"tee-key", "tee-key", "Prints the node's TEE public key (seismic_getTeePublicKey).", cmd_tee_key},
    {"call", "call TO SIGNATURE [ARGS...]",
     "Transparent read (eth_call, no sender). With \"returns (...)\" in the signature the outputs are decoded,\n"
     "one per line (--json: a JSON array); otherwise the raw return data is printed.\n"
     "Example: call 0xC0NTRACT 'getNumber() returns (uint256)'. Arguments as for abi-encode.",
     cmd_call},
    {"send", "send TO SIGNATURE [ARGS...] [--value WEI] [--gas N] [--wait]",
     "Transparent write: an ordinary transaction with plaintext calldata, signed by the private key.\n"
     "Prints the transaction hash; --wait waits for the receipt (progress on stderr, exit 1 if reverted).\n"
     "--value takes wei or a unit: 1.5ether, 20gwei. --json: {\"transactionHash\",\"receipt\"?}.",
     cmd_send},
    {"sread", "sread TO SIGNATURE [ARGS...]",
     "Signed read: a signed, encrypted eth_call from the private key's address; the answer is decrypted.\n"
     "Output as for call. Example: sread 0xC0NTRACT 'getNumber() returns (uint256)'.",
     cmd_sread},
    {"swrite", "swrite TO SIGNATURE [ARGS...] [--value WEI] [--gas N] [--eip712] [--wait]",
     "Shielded write: a Seismic (0x4a) transaction with encrypted calldata. --eip712 signs typed data\n"
     "(message version 2). Output as for send. Example: swrite 0xC0NTRACT 'setNumber(suint256)' 42 --wait.",
     cmd_swrite},
    {"deploy", "deploy (BYTECODE [--constructor TYPES] | --artifact FILE [--contract NAME]) [ARGS...] [--value WEI]\n"
     "         [--gas N] [--wait]",
     "Deploys a contract with a transparent transaction and prints \"transactionHash 0x..\" and\n"
     "\"contractAddress 0x..\". ARGS are the constructor's arguments: their types come from the artifact's ABI\n"
     "or from --constructor '(string,uint8)'. FILE: {\"contracts\":{NAME:{abi,bytecode}}} as\n"
     "tools/devnode/contracts/artifacts.json, or a Hardhat/Foundry artifact.\n"
     "--json: {\"transactionHash\",\"contractAddress\",\"receipt\"?}.",
     cmd_deploy},
    {"logs", "logs [--address A]... [--from N|TAG] [--to N|TAG] [--topic T]...",
     "Prints matching logs, one line each: block, tx, index, address, topics, data (--json: the node's array).\n"
     "Topics by position: 0x hex (addresses are padded), an event signature like 'Transfer(address,address,\n"
     "uint256)', or null for any. Without --from the node's default applies (latest).",
     cmd_logs},
    {"watch", "watch blocks|logs [--address A]... [--topic T]... [--count N]",
     "Subscribes over WebSocket (--rpc-url ws://...) and prints one line per new block (\"block N HASH\n"
     "timestamp T\") or log (as logs prints it); --json prints each notification's JSON on its own line.\n"
     "Stops after --count notifications, else runs until interrupted.",
     cmd_watch},
    {"src20", "src20 info TOKEN | balance TOKEN | transfer TOKEN TO AMOUNT [--wait]\n"
     "         | watch --viewing-key KEY [--token T] [--count N] [--from BLOCK] | register-key KEY [--wait]",
     "SRC20 tokens. info: name, symbol, decimals and totalSupply (four transparent reads in one batch).\n"
     "balance: your balance by signed read. transfer: a shielded transfer(address,suint256) of AMOUNT base\n"
     "units. register-key: stores a 32-byte viewing key in the Directory (setKey, shielded). watch: prints\n"
     "the Transfer/Approval events encrypted for the viewing key with their decrypted amounts (subscription\n"
     "on ws:// URLs, else polling from --from or the current block).",
     cmd_src20},
};

static void usage(FILE *out) {
    fprintf(out, "usage: seismic [OPTIONS] COMMAND [ARGS...]   (seismic COMMAND --help for details)\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) fprintf(out, "  %s\n", commands[i].usage);
    fprintf(out, "\noptions (before or after the command):\n"
                 "  --rpc-url URL       the node: http(s):// or ws(s):// [SEISMIC_RPC_URL, else http://127.0.0.1:8545]\n"
                 "  --private-key KEY   the signing key of send, swrite, sread, deploy, src20 ... [PRIVATE_KEY]\n"
                 "  --json              machine-readable output: one JSON value\n"
                 "  --timeout SECONDS   the deadline of each request and of --wait [30]\n");
}

/* Takes the global options out of argv (anywhere); 1 after printing an error. */
static int take_globals(int *argc, char **argv) {
    bool bad = false;
    const char *url = NULL, *key = NULL, *timeout = NULL, *v;
    int rest = *argc - 1; /* argv[0] stays */
    while ((v = take_option(&rest, argv + 1, "--rpc-url", &bad)) != NULL) url = v;
    while (!bad && (v = take_option(&rest, argv + 1, "--private-key", &bad)) != NULL) key = v;
    while (!bad && (v = take_option(&rest, argv + 1, "--timeout", &bad)) != NULL) timeout = v;
    while (!bad && has_flag(&rest, argv + 1, "--json")) g.json = true;
    *argc = rest + 1;
    if (bad) return 1;
    g.rpc_url = url ? url : getenv("SEISMIC_RPC_URL");
    if (!g.rpc_url || !g.rpc_url[0]) g.rpc_url = "http://127.0.0.1:8545";
    g.private_key = key ? key : getenv("PRIVATE_KEY");
    g.key_source = key ? "--private-key" : "PRIVATE_KEY";
    g.timeout_s = 30;
    if (timeout) {
        char *end = NULL;
        g.timeout_s = strtod(timeout, &end);
        if (!end || *end || !(g.timeout_s > 0) || g.timeout_s > 86400) {
            fprintf(stderr, "seismic: --timeout %s: expected seconds, more than 0 and at most 86400\n", timeout);
            return 1;
        }
    }
    g.timeout_ms = (uint32_t)(g.timeout_s * 1000 + 0.5);
    if (g.timeout_ms == 0) g.timeout_ms = 1;
    return 0;
}

static void cleanup(void) {
    if (g.wallet) seismic_wallet_destroy(g.wallet);
    if (g.client) seismic_client_destroy(g.client);
    g.wallet = NULL;
    g.client = NULL;
}

int main(int argc, char **argv) {
    g.cmd = "seismic";
    if (take_globals(&argc, argv)) return 1;
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        const command *c = &commands[i];
        if (strcmp(argv[1], c->name) != 0) continue;
        for (int a = 2; a < argc; a++) {
            if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
                printf("usage: seismic %s\n\n%s\n", c->usage, c->help);
                return 0;
            }
        }
        g.cmd = c->name;
        int status = c->run(argc - 2, argv + 2);
        fflush(stdout);
        cleanup();
        return status;
    }
    fprintf(stderr, "seismic: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 1;
}
