/* seismic CLI: the offline commands (hashes, ABI, RLP, transactions), which need no node. */
#include "cli.h"

/* cast's rule: 0x-prefixed hex is hashed as bytes, anything else as UTF-8 text (--text forces text). */
static int cmd_keccak(int argc, char **argv) {
    bool text = has_flag(&argc, argv, "--text");
    if (argc != 1) return fail("%s", "keccak: expected one argument (see --help)");
    uint8_t hash[32];
    seismic_buf data = {0};
    bool hex = !text && argv[0][0] == '0' && (argv[0][1] == 'x' || argv[0][1] == 'X');
    if (hex && seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data)) {
        seismic_buf_free(&data);
        return fail("keccak: %s is not hex (use --text to hash it as a string)", argv[0]);
    }
    if (hex) seismic_keccak256(data.data, data.len, hash);
    else seismic_keccak256(argv[0], strlen(argv[0]), hash);
    seismic_buf_free(&data);
    print_hex(hash, 32);
    return 0;
}

static int cmd_address(int argc, char **argv) {
    if (argc != 1) return fail("%s", "address: expected one private key");
    seismic_private_key key;
    seismic_address address;
    char text[43];
    if (seismic_private_key_from_hex(argv[0], &key))
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

/* The input types of a signature: "(uint256,string)" as is, else the inputs of "f(uint256,string)(...)". */
static int signature_types(const char *what, const char *signature, bool outputs, seismic_buf *types) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r;
    const char *p = signature;
    while (*p == ' ') p++;
    if (*p == '(') {
        seismic_buf_append_str(types, p);
        return 0;
    }
    r = outputs ? seismic_abi_output_types(signature, types, &err) : seismic_abi_input_types(signature, types, &err);
    return r ? fail_error(what, &err, r) : 0;
}

/* calldata SIG ARGS: selector + arguments (the old abi-encode). */
static int cmd_calldata(int argc, char **argv) {
    if (argc < 1) return fail("%s", "calldata: expected a signature and its arguments");
    seismic_buf out = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_abi_encode_call_text(argv[0], (const char *const *)(argv + 1), (size_t)(argc - 1), &out, &err);
    if (r == SEISMIC_OK) print_hex(out.data, out.len);
    seismic_buf_free(&out);
    return r ? fail_error("calldata", &err, r) : 0;
}

/* abi-encode SIG ARGS: the arguments only, for the inputs of SIG (as cast). */
static int cmd_abi_encode(int argc, char **argv) {
    has_flag(&argc, argv, "--no-selector"); /* what abi-encode always does now */
    if (argc < 1) return fail("%s", "abi-encode: expected a signature and its arguments");
    seismic_buf out = {0}, types = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = SEISMIC_ERR_INVALID_ARGUMENT;
    if (signature_types("abi-encode", argv[0], false, &types) == 0)
        r = seismic_abi_encode_text(seismic_buf_cstr(&types), (const char *const *)(argv + 1), (size_t)(argc - 1), &out,
                                    &err);
    if (r == SEISMIC_OK) print_hex(out.data, out.len);
    seismic_buf_free(&out);
    bool printed = types.len == 0;
    seismic_buf_free(&types);
    if (r && printed) return 1;
    return r ? fail_error("abi-encode", &err, r) : 0;
}

/* A number as cast prints it: decimal, and from 10000 on its magnitude "[1.234e4]" (3 decimals, cut). */
static void cast_number(seismic_buf *out, const seismic_u256 *magnitude, bool negative) {
    char dec[80];
    size_t n = seismic_u256_to_dec(magnitude, dec);
    if (negative) seismic_buf_append_byte(out, '-');
    seismic_buf_append_str(out, dec);
    if (n < 5) return;
    size_t frac = n - 1 < 3 ? n - 1 : 3;
    while (frac > 0 && dec[frac] == '0') frac--;
    char tail[32];
    snprintf(tail, sizeof tail, "e%zu]", n - 1);
    seismic_buf_append_str(out, negative ? " [-" : " [");
    seismic_buf_append_byte(out, (uint8_t)dec[0]);
    if (frac) {
        seismic_buf_append_byte(out, '.');
        seismic_buf_append(out, dec + 1, frac);
    }
    seismic_buf_append_str(out, tail);
}

/* values[index] as cast prints a decoded value: strings quoted, arrays [a, b], tuples (a, b). */
static seismic_result cast_value(const seismic_abi_value *values, size_t index, seismic_buf *out) {
    const seismic_abi_value *v = &values[index];
    seismic_u256 number;
    switch (v->kind) {
    case SEISMIC_ABI_UINT:
    case SEISMIC_ABI_INT: {
        if (seismic_abi_value_u256(v, &number)) return SEISMIC_ERR_INVALID_ARGUMENT;
        bool negative = v->kind == SEISMIC_ABI_INT && (v->data[0] & 0x80);
        if (negative) {
            seismic_u256 zero = seismic_u256_from_u64(0);
            seismic_u256_sub(&zero, &number, &number);
        }
        cast_number(out, &number, negative);
        return SEISMIC_OK;
    }
    case SEISMIC_ABI_STRING:
        seismic_buf_append_byte(out, '"');
        for (size_t i = 0; i < v->len; i++) {
            uint8_t c = v->data[i];
            if (c == '"' || c == '\\') {
                seismic_buf_append_byte(out, '\\');
                seismic_buf_append_byte(out, c);
            } else if (c == '\n') {
                seismic_buf_append_str(out, "\\n");
            } else if (c == '\t') {
                seismic_buf_append_str(out, "\\t");
            } else if (c == '\r') {
                seismic_buf_append_str(out, "\\r");
            } else {
                seismic_buf_append_byte(out, c);
            }
        }
        seismic_buf_append_byte(out, '"');
        return SEISMIC_OK;
    case SEISMIC_ABI_ARRAY:
    case SEISMIC_ABI_TUPLE: {
        size_t child = index + 1;
        seismic_buf_append_byte(out, v->kind == SEISMIC_ABI_ARRAY ? '[' : '(');
        for (uint32_t i = 0; i < v->count; i++, child = values[child].end) {
            if (i) seismic_buf_append_str(out, ", ");
            seismic_result r = cast_value(values, child, out);
            if (r) return r;
        }
        seismic_buf_append_byte(out, v->kind == SEISMIC_ABI_ARRAY ? ']' : ')');
        return SEISMIC_OK;
    }
    default: return seismic_abi_format_value(values, index, false, out); /* address, bool, bytes */
    }
}

/* Decodes data for types and prints one value per line as cast does (a JSON array with --json). */
static int print_decoded(const char *what, const char *types, const uint8_t *data, size_t len, bool json) {
    seismic_buf text = {0};
    seismic_error err = {"", SEISMIC_OK};
    size_t cap = 64, count = 0;
    seismic_abi_value *values = NULL;
    seismic_result r;
    do { /* grow the value array until the decoding fits */
        free(values);
        cap *= 4;
        values = (seismic_abi_value *)malloc(cap * sizeof *values);
        r = values ? seismic_abi_decode(types, data, len, values, cap, &count, &err) : SEISMIC_ERR_NO_MEMORY;
    } while (r == SEISMIC_ERR_CAPACITY && cap < ((size_t)1 << 24));
    if (r == SEISMIC_OK && json) {
        r = seismic_abi_format_value(values, 0, true, &text);
        if (r == SEISMIC_OK) printf("%s\n", seismic_buf_cstr(&text));
    } else if (r == SEISMIC_OK) {
        for (size_t i = 1; i < count && r == SEISMIC_OK; i = values[i].end) {
            text.len = 0;
            r = cast_value(values, i, &text);
            if (r == SEISMIC_OK) printf("%s\n", seismic_buf_cstr(&text));
        }
    }
    free(values);
    seismic_buf_free(&text);
    return r ? fail_error(what, &err, r) : 0;
}

/* abi-decode SIG DATA: the outputs of SIG (--input: its inputs, DATA with the selector), or TYPES. */
static int cmd_abi_decode(int argc, char **argv) {
    bool json = has_flag(&argc, argv, "--json") || g.json, input = has_flag(&argc, argv, "--input") || has_flag(&argc, argv, "-i");
    if (argc != 2) return fail("%s", "abi-decode: expected SIGNATURE (or TYPES) and HEX");
    seismic_buf data = {0}, types = {0};
    int status = 1;
    if (seismic_hex_decode_buf(argv[1], strlen(argv[1]), &data)) {
        fail("abi-decode: %s is not hex", argv[1]);
    } else if (signature_types("abi-decode", argv[0], !input, &types) == 0) {
        status = print_decoded("abi-decode", seismic_buf_cstr(&types), data.data, data.len, json);
    }
    seismic_buf_free(&data);
    seismic_buf_free(&types);
    return status;
}

/* decode-calldata SIG CALLDATA: the arguments after the 4-byte selector (not compared with SIG's, as cast). */
static int cmd_decode_calldata(int argc, char **argv) {
    bool json = has_flag(&argc, argv, "--json") || g.json;
    if (argc != 2) return fail("%s", "decode-calldata: expected SIGNATURE and CALLDATA");
    seismic_buf data = {0}, types = {0};
    int status = 1;
    if (seismic_hex_decode_buf(argv[1], strlen(argv[1]), &data)) {
        fail("decode-calldata: %s is not hex", argv[1]);
    } else if (data.len < 4) {
        fail("%s", "decode-calldata: calldata starts with a 4-byte selector");
    } else if (signature_types("decode-calldata", argv[0], false, &types) == 0) {
        status = print_decoded("decode-calldata", seismic_buf_cstr(&types), data.data + 4, data.len - 4, json);
    }
    seismic_buf_free(&data);
    seismic_buf_free(&types);
    return status;
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
    if (!in->failed_key && seismic_private_key_from_bytes(bytes, out)) reject(in, key, "is not a valid secp256k1 key");
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

/*---- units and numbers (cast's to-wei, from-wei, parse-units, format-units, to-hex, to-dec) ----*/

/* A unit name (wei, gwei, ether, ...) or a number of decimals; -1 when neither. */
static int unit_decimals(const char *unit, bool names_only) {
    static const struct {
        const char *name;
        int decimals;
    } units[] = {{"wei", 0},   {"kwei", 3},   {"babbage", 3}, {"mwei", 6},   {"lovelace", 6}, {"gwei", 9},
                 {"shannon", 9}, {"szabo", 12}, {"finney", 15}, {"ether", 18}, {"eth", 18}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(unit, units[i].name) == 0) return units[i].decimals;
    if (names_only) return -1;
    char *end = NULL;
    long n = strtol(unit, &end, 10);
    return end && !*end && end != unit && n >= 0 && n <= 77 ? (int)n : -1;
}

/* "1.5" with decimals into base units; extra fraction digits are cut, as cast does. */
static int parse_decimal(const char *what, const char *text, int decimals, seismic_u256 *out) {
    char digits[160];
    const char *dot = strchr(text, '.');
    size_t whole = dot ? (size_t)(dot - text) : strlen(text), frac = dot ? strlen(dot + 1) : 0;
    if (frac > (size_t)decimals) frac = (size_t)decimals;
    if (whole + (size_t)decimals >= sizeof digits || (whole == 0 && frac == 0))
        return fail("%s: not a decimal number", what);
    memcpy(digits, text, whole);
    if (frac) memcpy(digits + whole, dot + 1, frac);
    memset(digits + whole + frac, '0', (size_t)decimals - frac);
    digits[whole + (size_t)decimals] = 0;
    for (const char *c = digits; *c; c++)
        if (*c < '0' || *c > '9') return fail("%s: not a decimal number", what);
    if (seismic_u256_parse(digits, strlen(digits), out)) return fail("%s: the number does not fit 256 bits", what);
    return 0;
}

/* base units as "W.FFF" with every decimal (cast's from-wei), or W alone when trim and F is all zeros. */
static void print_fixed(const seismic_u256 *v, int decimals, bool trim) {
    char dec[80], out[170];
    size_t n = seismic_u256_to_dec(v, dec), d = (size_t)decimals, o = 0;
    if (n <= d) { /* left-pad to one whole digit */
        memmove(dec + (d + 1 - n), dec, n + 1);
        memset(dec, '0', d + 1 - n);
        n = d + 1;
    }
    memcpy(out, dec, n - d);
    o = n - d;
    bool zero_fraction = true;
    for (size_t i = n - d; i < n; i++) zero_fraction &= dec[i] == '0';
    if (d && !(trim && zero_fraction)) {
        out[o++] = '.';
        memcpy(out + o, dec + n - d, d);
        o += d;
    }
    out[o] = 0;
    out_string(out);
}

static int units_command(const char *what, int argc, char **argv, bool to_base, bool names_only, bool trim) {
    if (argc < 1 || argc > 2) return failf("expected VALUE [UNIT]");
    int decimals = argc == 2 ? unit_decimals(argv[1], names_only) : 18;
    if (decimals < 0)
        return failf("unknown unit %s (wei, gwei, ether, ...%s)", argv[1], names_only ? "" : ", or a number of decimals");
    seismic_u256 v;
    char dec[80];
    if (to_base) {
        if (parse_decimal(what, argv[0], decimals, &v)) return 1;
        seismic_u256_to_dec(&v, dec);
        out_string(dec);
        return 0;
    }
    if (seismic_u256_parse(argv[0], strlen(argv[0]), &v)) return failf("%s is not a number", argv[0]);
    print_fixed(&v, decimals, trim);
    return 0;
}

static int cmd_to_wei(int argc, char **argv) { return units_command("to-wei", argc, argv, true, true, false); }
static int cmd_from_wei(int argc, char **argv) { return units_command("from-wei", argc, argv, false, true, false); }
static int cmd_parse_units(int argc, char **argv) { return units_command("parse-units", argc, argv, true, false, false); }
static int cmd_format_units(int argc, char **argv) { return units_command("format-units", argc, argv, false, false, true); }

/* A number: decimal, 0x hex, or (to-dec) bare hex digits; a leading - is two's complement (to-hex). */
static int parse_number(const char *text, bool bare_hex, seismic_u256 *out) {
    bool negative = text[0] == '-';
    const char *digits = negative ? text + 1 : text;
    seismic_result r;
    if (bare_hex && !(digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))) {
        char prefixed[80];
        if (strlen(digits) > 64) return failf("%s is more than 256 bits", text);
        snprintf(prefixed, sizeof prefixed, "0x%s", digits);
        r = seismic_u256_parse(prefixed, strlen(prefixed), out);
    } else {
        r = seismic_u256_parse(digits, strlen(digits), out);
    }
    if (r) return failf("%s is not a number", text);
    if (negative) {
        seismic_u256 zero = seismic_u256_from_u64(0);
        seismic_u256_sub(&zero, out, out);
    }
    return 0;
}

static int cmd_to_hex(int argc, char **argv) {
    seismic_u256 v;
    char hex[67];
    if (argc != 1) return failf("expected one number");
    if (parse_number(argv[0], false, &v)) return 1;
    seismic_u256_to_hex(&v, hex);
    out_string(hex);
    return 0;
}

static int cmd_to_dec(int argc, char **argv) {
    seismic_u256 v;
    char dec[80];
    if (argc != 1) return failf("expected one number");
    if (parse_number(argv[0], true, &v)) return 1;
    seismic_u256_to_dec(&v, dec);
    out_string(dec);
    return 0;
}

/*---- addresses, messages, keys ----*/

static int cmd_to_check_sum_address(int argc, char **argv) {
    seismic_address a;
    char text[43];
    if (argc != 1) return failf("expected one address");
    uint8_t raw[20];
    if (seismic_hex_decode(argv[0], strlen(argv[0]), raw, 20, NULL)) return failf("%s is not 20 bytes of hex", argv[0]);
    memcpy(a.bytes, raw, 20);
    seismic_address_to_string(&a, text);
    out_string(text);
    return 0;
}

/* compute-address ADDRESS [--nonce N]: the address of the contract ADDRESS creates with nonce N. */
static int cmd_compute_address(int argc, char **argv) {
    bool bad = false;
    const char *nonce_text = take_option(&argc, argv, "--nonce", &bad);
    seismic_address sender, created;
    uint64_t nonce;
    char text[43];
    if (bad || reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected ADDRESS [--nonce N]");
    if (parse_address(argv[0], &sender, "address") || (nonce_text && parse_u64(nonce_text, &nonce, "--nonce"))) return 1;
    if (!nonce_text && (!client() || await_u64(seismic_eth_get_transaction_count(g.client, &sender, NULL, NULL),
                                               "eth_getTransactionCount", &nonce)))
        return 1; /* as cast: the sender's next nonce, from the node */
    seismic_contract_address(&sender, nonce, &created);
    seismic_address_to_string(&created, text);
    printf("Computed Address: %s\n", text);
    return 0;
}

/* The bytes of a message argument: 0x hex as bytes, anything else as UTF-8 text (cast's rule). */
static int message_bytes(const char *text, seismic_buf *out) {
    bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    if (hex && seismic_hex_decode_buf(text, strlen(text), out) == SEISMIC_OK) return 0;
    out->len = 0;
    seismic_buf_append_str(out, text);
    return 0;
}

static int cmd_hash_message(int argc, char **argv) {
    seismic_buf msg = {0};
    uint8_t hash[32];
    if (argc != 1) return failf("expected one message");
    seismic_buf_append_str(&msg, argv[0]); /* cast hashes the text, 0x or not (wallet sign takes 0x as bytes) */
    seismic_eip191_hash(msg.data, msg.len, hash);
    seismic_buf_free(&msg);
    print_hex(hash, 32);
    return 0;
}

/* wallet new | address | sign MESSAGE | verify --address A MESSAGE SIGNATURE (EIP-191 personal messages). */
static int cmd_wallet(int argc, char **argv) {
    if (argc < 1) return failf("expected new, address, sign or verify (see --help)");
    const char *sub = argv[0];
    seismic_private_key key;
    seismic_address address;
    char text[43];
    argc--;
    argv++;
    if (strcmp(sub, "new") == 0) {
        if (reject_options(argc, argv)) return 1;
        if (seismic_private_key_generate(&key) || seismic_private_key_address(&key, &address))
            return failf("could not generate a key");
        seismic_address_to_string(&address, text);
        char hex[67];
        seismic_hex_encode(key.bytes, 32, hex);
        seismic_private_key_wipe(&key);
        printf("Successfully created new keypair.\nAddress:     %s\nPrivate key: %s\n", text, hex);
        seismic_wipe(hex, sizeof hex);
        return 0;
    }
    if (strcmp(sub, "address") == 0 || strcmp(sub, "sign") == 0) {
        bool sign = strcmp(sub, "sign") == 0;
        if (reject_options(argc, argv)) return 1;
        if (argc != (sign ? 1 : 0)) return failf(sign ? "expected one message" : "expected no arguments");
        if (load_key(&key)) return 1;
        if (!sign) {
            seismic_result r = seismic_private_key_address(&key, &address);
            seismic_private_key_wipe(&key);
            if (r) return failf("%s", seismic_result_string(r));
            seismic_address_to_string(&address, text);
            out_string(text);
            return 0;
        }
        seismic_buf msg = {0};
        uint8_t hash[32], sig[65];
        seismic_signature s;
        message_bytes(argv[0], &msg);
        seismic_eip191_hash(msg.data, msg.len, hash);
        seismic_buf_free(&msg);
        seismic_result r = seismic_sign_hash(&key, hash, &s);
        seismic_private_key_wipe(&key);
        if (r) return failf("%s", seismic_result_string(r));
        memcpy(sig, s.r, 32);
        memcpy(sig + 32, s.s, 32);
        sig[64] = (uint8_t)(27 + s.y_parity);
        print_hex(sig, 65);
        return 0;
    }
    if (strcmp(sub, "verify") == 0) {
        bool bad = false;
        const char *who = take_option(&argc, argv, "--address", &bad);
        seismic_address expected, signer;
        uint8_t hash[32], sig[65];
        seismic_signature s;
        if (bad || reject_options(argc, argv)) return 1;
        if (argc != 2 || !who) return failf("expected --address ADDRESS MESSAGE SIGNATURE");
        if (parse_address(who, &expected, "--address")) return 1;
        if (seismic_hex_decode(argv[1], strlen(argv[1]), sig, 65, NULL)) return failf("the signature must be 65 bytes of hex");
        seismic_buf msg = {0};
        message_bytes(argv[0], &msg);
        seismic_eip191_hash(msg.data, msg.len, hash);
        seismic_buf_free(&msg);
        memcpy(s.r, sig, 32);
        memcpy(s.s, sig + 32, 32);
        s.y_parity = (uint8_t)(sig[64] >= 27 ? sig[64] - 27 : sig[64]);
        seismic_address_to_string(&expected, text);
        if (s.y_parity > 1 || seismic_recover(hash, &s, &signer, NULL) || !seismic_address_equal(&signer, &expected)) {
            fprintf(stderr, "Error: Validation failed. Address %s did not sign this message.\n", text);
            return 1;
        }
        printf("Validation succeeded. Address %s signed this message.\n", text);
        return 0;
    }
    return failf("unknown subcommand %s: expected new, address, sign or verify", sub);
}

/*---- events and errors ----*/

/* decode-event --sig SIG DATA (non-indexed parameters) and decode-error --sig SIG DATA (selector first). */
static int decode_with_sig(const char *what, int argc, char **argv, bool error) {
    bool bad = false, json = has_flag(&argc, argv, "--json") || g.json;
    const char *sig = take_option(&argc, argv, "--sig", &bad);
    if (!sig && !bad) sig = take_option(&argc, argv, error ? "--error-sig" : "--event-sig", &bad);
    seismic_buf data = {0}, types = {0};
    int status = 1;
    if (bad || reject_options(argc, argv)) return 1;
    if (argc != 1 || !sig) return failf("expected --sig SIGNATURE DATA (looking signatures up is not supported)");
    if (!error && strstr(sig, "indexed"))
        return failf("indexed parameters live in the topics, not in DATA: decode the non-indexed ones with a "
                     "signature without them");
    if (seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data)) {
        failf("%s is not hex", argv[0]);
    } else if (signature_types(what, sig, false, &types) == 0) {
        size_t skip = 0;
        if (error) {
            uint8_t selector[4];
            seismic_error err = {"", SEISMIC_OK};
            seismic_result r = seismic_abi_selector(sig, selector, &err);
            if (r) {
                fail_error(what, &err, r);
                goto done;
            }
            if (data.len < 4 || memcmp(data.data, selector, 4) != 0) {
                failf("the data does not start with the selector of %s", sig);
                goto done;
            }
            skip = 4;
        }
        status = print_decoded(what, seismic_buf_cstr(&types), data.data + skip, data.len - skip, json);
    }
done:
    seismic_buf_free(&data);
    seismic_buf_free(&types);
    return status;
}

static int cmd_decode_event(int argc, char **argv) { return decode_with_sig("decode-event", argc, argv, false); }
static int cmd_decode_error(int argc, char **argv) { return decode_with_sig("decode-error", argc, argv, true); }

/* The offline commands, in the order `seismic help` lists them. */
const command cli_offline_commands[] = {
    {"keccak", "keccak HEX_OR_TEXT [--text]",
     "Prints the Keccak-256 hash: of the bytes of 0x hex, else of the UTF-8 text (as cast; --text: always text).",
     cmd_keccak},
    {"address", "address PRIVATE_KEY", "Prints the EIP-55 checksummed address of a private key.", cmd_address},
    {"sig", "sig SIGNATURE",
     "Prints the 4-byte function selector. Seismic shielded types keep their names: sig 'setNumber(suint256)'.",
     cmd_sig},
    {"topic", "topic EVENT_SIGNATURE", "Prints the 32-byte event topic (cast: sig-event).", cmd_topic},
    {"sig-event", "sig-event EVENT_SIGNATURE", "The same as topic, under cast's name.", cmd_topic},
    {"calldata", "calldata SIGNATURE [ARG...]",
     "Prints ABI-encoded calldata, selector included. Arguments: decimal or 0x numbers, negative numbers for intN,\n"
     "addresses, true/false, 0x bytes, strings, arrays [a,b] and tuples (a,b), nested.",
     cmd_calldata},
    {"abi-encode", "abi-encode SIGNATURE [ARG...]",
     "Prints the ABI encoding of the arguments for the inputs of SIGNATURE, without a selector (as cast);\n"
     "SIGNATURE may also be bare types '(uint256,string)'.",
     cmd_abi_encode},
    {"abi-decode", "abi-decode [--input] [--json] SIGNATURE HEX",
     "Decodes the outputs of SIGNATURE, 'f(uint256)(uint256,string)' or 'f(uint256) returns (uint256,string)'\n"
     "(--input: its inputs, data without a selector; or bare types '(uint256,string)'). One value per\n"
     "line as cast prints them (strings quoted, numbers from 10000 on with [1.234e4]); --json: a JSON array.",
     cmd_abi_decode},
    {"decode-calldata", "decode-calldata [--json] SIGNATURE CALLDATA",
     "Decodes the arguments after the selector for the inputs of SIGNATURE, as abi-decode prints them.",
     cmd_decode_calldata},
    {"decode-event", "decode-event --sig EVENT_SIGNATURE DATA",
     "Decodes the data of a log (the non-indexed parameters), as abi-decode prints them.", cmd_decode_event},
    {"decode-error", "decode-error --sig ERROR_SIGNATURE DATA",
     "Decodes revert data of a custom error (its selector is checked), as abi-decode prints them.", cmd_decode_error},
    {"to-wei", "to-wei VALUE [UNIT]", "Converts VALUE in UNIT (default ether; wei, gwei, ...) to wei.", cmd_to_wei},
    {"from-wei", "from-wei VALUE [UNIT]", "Converts wei to UNIT (default ether), with every decimal.", cmd_from_wei},
    {"parse-units", "parse-units VALUE [DECIMALS|UNIT]", "Converts VALUE to base units (default 18 decimals).",
     cmd_parse_units},
    {"format-units", "format-units VALUE [DECIMALS|UNIT]", "Converts base units to a decimal (default 18 decimals).",
     cmd_format_units},
    {"to-hex", "to-hex NUMBER", "Prints a decimal or hex number as 0x hex (negative: two's complement).", cmd_to_hex},
    {"to-dec", "to-dec HEX", "Prints a hex number (0x optional) in decimal.", cmd_to_dec},
    {"to-check-sum-address", "to-check-sum-address ADDRESS", "Prints the EIP-55 checksummed form of an address.",
     cmd_to_check_sum_address},
    {"compute-address", "compute-address ADDRESS [--nonce N]",
     "Prints \"Computed Address: 0x..\", the contract ADDRESS creates with transaction nonce N (without\n"
     "--nonce: its next nonce, asked from the node).", cmd_compute_address},
    {"create2",
     "create2 (--init-code HEX | --init-code-hash HASH) [--deployer ADDRESS] (--salt HEX | PATTERN [SEARCH OPTIONS])",
     "--salt: prints the CREATE2 address keccak256(0xff ‖ deployer ‖ salt ‖ keccak256(init code))[12..].\n"
     "Otherwise searches a salt whose address matches, as cast does, and prints it with the address.\n"
     "PATTERN: --starts-with HEX (-s), --ends-with HEX (-e), or --matching HEX (-m: 40 characters, X = any).\n"
     "--case-sensitive (-c): letters must match the EIP-55 checksum's case. --deployer (-d): default\n"
     "0x4e59b44847b379578588920ca78fbf26c0b4956c. --threads N (-j, 0 = one per logical CPU: default).\n"
     "The start salt is random; --no-random: zero; --seed HEX: from cast's generator with that seed;\n"
     "--caller ADDRESS: its 20 bytes begin the salt. Thread i of n tries the start salt plus i, i + n, ... in\n"
     "its last 8 bytes (little-endian), as cast. Patterns no salt is likely to reach (more than 64 bits) are\n"
     "refused; --timeout SECONDS bounds the search, Ctrl-C ends it.",
     cli_create2},
    {"hash-message", "hash-message MESSAGE", "Prints the EIP-191 hash of a message (0x hex: its bytes, else text).",
     cmd_hash_message},
    {"wallet", "wallet new | address | sign MESSAGE | verify --address ADDRESS MESSAGE SIGNATURE",
     "new: a fresh key and its address. address, sign: of the private key (--private-key or PRIVATE_KEY); sign\n"
     "prints the 65-byte EIP-191 signature r ‖ s ‖ v (v 27/28). verify: exit 0 if ADDRESS signed MESSAGE.",
     cmd_wallet},
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
