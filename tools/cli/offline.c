/* seismic CLI: the offline commands (hashes, ABI, RLP, transactions), which need no node. */
#include "cli.h"

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
    seismic_result r = bare ? seismic_abi_encode_text(&out, argv[0], args, (size_t)(argc - 1), &err)
                            : seismic_abi_encode_call_text(&out, argv[0], args, (size_t)(argc - 1), &err);
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
    if (index >= 0 && seismic_json_get_bytes(&in->json, index, out, len, NULL)) reject(in, key, why);
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
    /* secret: stdin carries the private keys, data is plaintext calldata, out has the AES keys */
    input.secret = data.secret = out.secret = true;
    char chunk[4096];
    size_t n;
    setvbuf(stdin, NULL, _IONBF, 0); /* no stdio buffer of its own keeps a copy of the keys */
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) seismic_buf_append(&input, chunk, n);
    seismic_wipe(chunk, sizeof chunk);
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
    if (to >= 0 && seismic_json_get_bytes(&in.json, to, tx.to.bytes, 20, NULL)) reject(&in, "to", "must be a 20-byte address");
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
    memset(&enc, 0, sizeof enc);
    if (!in.failed_key && seismic_encryption_init(&enc, &encryption_secret, tee))
        reject(&in, "teePublicKey", "is not a point on secp256k1");
    if (in.failed_key) {
        fprintf(stderr, "seismic: tx-build: %s %s\n", in.failed_key, in.why);
        seismic_encryption_wipe(&enc);
        seismic_private_key_wipe(&signer);
        seismic_private_key_wipe(&encryption_secret);
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
    seismic_buf_free(&input);
    seismic_buf_free(&data);
    seismic_buf_free(&ciphertext);
    seismic_buf_free(&aad);
    seismic_buf_free(&unsigned_tx);
    seismic_buf_free(&raw);
    seismic_buf_free(&out);
    if (r) return fail("tx-build: %s", seismic_result_string(r));
    return 0;
}

/* The offline commands, in the order `seismic help` lists them. */
const command cli_offline_commands[] = {
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
};
const size_t cli_offline_command_count = sizeof cli_offline_commands / sizeof *cli_offline_commands;
