/* seismic CLI: the offline commands (hashes, ABI, RLP, transactions), which need no node. */
#include "cli.h"

/* cast's rule: 0x-prefixed hex (lower-case x) is hashed as bytes, anything else as UTF-8 text (--text forces text). */
static int cmd_keccak(int argc, char **argv) {
    bool text = has_flag(&argc, argv, "--text");
    if (argc != 1) return fail("%s", "keccak: expected one argument (see --help)");
    uint8_t hash[32];
    seismic_buf data = {0};
    bool hex = !text && argv[0][0] == '0' && argv[0][1] == 'x'; /* 0X.. is text to cast */
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

/* The next top-level comma-separated item of a parameter list at *p (which it advances past the item and
   its comma); NULL at the closing parenthesis. */
static const char *next_param(const char **p, size_t *len) {
    const char *start = *p;
    int depth = 0;
    if (**p == ')' || !**p) return NULL;
    for (; **p && !(depth == 0 && (**p == ',' || **p == ')')); (*p)++) depth += **p == '(' ? 1 : **p == ')' ? -1 : 0;
    *len = (size_t)(*p - start);
    if (**p == ',') (*p)++;
    return start;
}

/* abi-encode-event SIGNATURE ARGS: a log's topics and data as Solidity emits them (cast's output format):
   topic0, then one topic per indexed parameter (the ABI word of a static value, keccak of a string's or
   bytes' contents), then the non-indexed parameters ABI-encoded together. */
static int cmd_abi_encode_event(int argc, char **argv) {
    if (argc < 1) return failf("expected an event signature and its arguments");
    const char *sig = argv[0], *names = strchr(sig, '(');
    seismic_buf types = {0}, data_types = {0}, out = {0}, one = {0};
    seismic_error err = {"", SEISMIC_OK};
    const char **data_args = (const char **)calloc((size_t)argc, sizeof *data_args);
    uint8_t topics[4][32];
    size_t topic_count = 0, data_count = 0, len = 0, type_len = 0, index = 0;
    int status = 1;
    seismic_result r = data_args ? seismic_abi_input_types(sig, &types, &err) : SEISMIC_ERR_NO_MEMORY;
    if (r) {
        fail_error("abi-encode-event", &err, r);
        goto done;
    }
    const char *closing = strrchr(sig, ')');
    bool anonymous = closing && strstr(closing, "anonymous");
    if (!anonymous) seismic_abi_event_topic(sig, topics[topic_count++], NULL);
    const char *p = names + 1, *t = seismic_buf_cstr(&types) + 1, *param, *type;
    seismic_buf_append_byte(&data_types, '(');
    for (; (param = next_param(&p, &len)) != NULL && (type = next_param(&t, &type_len)) != NULL; index++) {
        bool indexed = false;
        for (const char *w = param; w + 7 <= param + len; w++) /* the word "indexed" among the parameter's */
            indexed |= strncmp(w, "indexed", 7) == 0 && (w == param || w[-1] == ' ') && (w + 7 == param + len || w[7] == ' ');
        if ((int)index + 1 >= argc) break;
        if (!indexed) {
            if (data_count) seismic_buf_append_byte(&data_types, ',');
            seismic_buf_append(&data_types, type, type_len);
            data_args[data_count++] = argv[index + 1];
            continue;
        }
        bool hashed = (type_len == 6 && strncmp(type, "string", 6) == 0) || (type_len == 5 && strncmp(type, "bytes", 5) == 0);
        if (memchr(type, '[', type_len) || type[0] == '(') {
            failf("indexed parameter %zu (%.*s): indexed arrays and tuples are not supported", index + 1, (int)type_len, type);
            goto done;
        }
        if (topic_count == 4) {
            failf("more indexed parameters than a log has topics");
            goto done;
        }
        seismic_buf one_type = {0};
        seismic_buf_append_byte(&one_type, '(');
        seismic_buf_append(&one_type, type, type_len);
        seismic_buf_append_byte(&one_type, ')');
        one.len = 0;
        r = seismic_abi_encode_text(seismic_buf_cstr(&one_type), (const char *const *)(argv + index + 1), 1, &one, &err);
        seismic_buf_free(&one_type);
        if (r) {
            fail_error("abi-encode-event", &err, r);
            goto done;
        }
        if (hashed) { /* keccak of the contents: the encoding is offset, length, bytes */
            seismic_u256 n;
            uint64_t n64 = 0;
            seismic_u256_from_be(one.data + 32, 32, &n);
            seismic_u256_to_u64(&n, &n64);
            seismic_keccak256(one.data + 64, (size_t)n64, topics[topic_count++]);
        } else {
            memcpy(topics[topic_count++], one.data, 32);
        }
    }
    seismic_buf_append_byte(&data_types, ')');
    if (param || (type = next_param(&t, &type_len)) != NULL || (int)index + 1 != argc) {
        failf("%s takes %zu arguments, %d given", sig, index + (param ? 1 : 0), argc - 1);
        goto done;
    }
    r = seismic_abi_encode_text(seismic_buf_cstr(&data_types), data_args, data_count, &out, &err);
    if (r) {
        fail_error("abi-encode-event", &err, r);
        goto done;
    }
    for (size_t i = 0; i < topic_count; i++) {
        char hex[67];
        seismic_hex_encode(topics[i], 32, hex);
        printf("[topic%zu]: %s\n", i, hex);
    }
    if (out.len) {
        printf("[data]: ");
        print_hex(out.data, out.len);
    }
    status = 0;
done:
    free(data_args);
    seismic_buf_free(&types);
    seismic_buf_free(&data_types);
    seismic_buf_free(&out);
    seismic_buf_free(&one);
    return status;
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

/* -v in 256-bit two's complement. */
static void negate(seismic_u256 *v) {
    seismic_u256 zero = seismic_u256_from_u64(0);
    seismic_u256_sub(&zero, v, v);
}

/* The magnitude of a decoded uintN/intN and whether it is negative. */
static seismic_result int_magnitude(const seismic_abi_value *v, seismic_u256 *magnitude, bool *negative) {
    seismic_result r = seismic_abi_value_u256(v, magnitude);
    *negative = r == SEISMIC_OK && v->kind == SEISMIC_ABI_INT && (v->data[0] & 0x80);
    if (*negative) negate(magnitude);
    return r;
}

/* values[index] as cast prints a decoded value: strings quoted, arrays [a, b], tuples (a, b). */
static seismic_result cast_value(const seismic_abi_value *values, size_t index, seismic_buf *out) {
    const seismic_abi_value *v = &values[index];
    seismic_u256 number;
    switch (v->kind) {
    case SEISMIC_ABI_UINT:
    case SEISMIC_ABI_INT: {
        bool negative;
        if (int_magnitude(v, &number, &negative)) return SEISMIC_ERR_INVALID_ARGUMENT;
        cast_number(out, &number, negative);
        return SEISMIC_OK;
    }
    case SEISMIC_ABI_STRING: /* Rust's Debug: \" \\ \t \r \n \0, other control characters \u{1b} */
        seismic_buf_append_byte(out, '"');
        for (size_t i = 0; i < v->len; i++) {
            uint8_t c = v->data[i];
            char escaped[16];
            if (c == '"' || c == '\\') {
                seismic_buf_append_byte(out, '\\');
                seismic_buf_append_byte(out, c);
            } else if (c == '\n' || c == '\t' || c == '\r' || c == 0) {
                seismic_buf_append_str(out, c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : "\\0");
            } else if (c < 0x20 || c == 0x7f) {
                snprintf(escaped, sizeof escaped, "\\u{%x}", c);
                seismic_buf_append_str(out, escaped);
            } else if (c == 0xc2 && i + 1 < v->len && v->data[i + 1] >= 0x80 && v->data[i + 1] <= 0x9f) {
                snprintf(escaped, sizeof escaped, "\\u{%x}", v->data[++i]); /* U+0080..U+009F */
                seismic_buf_append_str(out, escaped);
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

/* A JSON string as serde_json writes it: \" \\ \b \f \n \r \t, other control characters \u001b. */
static void json_string(const uint8_t *s, size_t len, seismic_buf *out) {
    seismic_buf_append_byte(out, '"');
    for (size_t i = 0; i < len; i++) {
        uint8_t c = s[i];
        const char *short_form = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                                 : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
        char escaped[8];
        if (short_form) {
            seismic_buf_append_str(out, short_form);
        } else if (c < 0x20) {
            snprintf(escaped, sizeof escaped, "\\u%04x", c);
            seismic_buf_append_str(out, escaped);
        } else {
            seismic_buf_append_byte(out, c);
        }
    }
    seismic_buf_append_byte(out, '"');
}

static void json_indent(seismic_buf *out, int depth) {
    seismic_buf_append_byte(out, '\n');
    for (int i = 0; i < depth; i++) seismic_buf_append_str(out, "  ");
}

/* values[index] as cast's --json prints it (serde_json, pretty): numbers that fit 64 bits as numbers,
   larger ones as decimal strings, bytes and addresses as strings, arrays and tuples as arrays. */
static seismic_result cast_json(const seismic_abi_value *values, size_t index, int depth, seismic_buf *out) {
    const seismic_abi_value *v = &values[index];
    seismic_u256 number;
    char dec[80];
    switch (v->kind) {
    case SEISMIC_ABI_UINT:
    case SEISMIC_ABI_INT: {
        bool negative;
        if (int_magnitude(v, &number, &negative)) return SEISMIC_ERR_INVALID_ARGUMENT;
        bool fits = !(number.w[1] | number.w[2] | number.w[3]) &&
                    (v->kind == SEISMIC_ABI_UINT || number.w[0] <= (negative ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1));
        seismic_u256_to_dec(&number, dec);
        if (!fits) seismic_buf_append_byte(out, '"');
        if (negative) seismic_buf_append_byte(out, '-');
        seismic_buf_append_str(out, dec);
        if (!fits) seismic_buf_append_byte(out, '"');
        return SEISMIC_OK;
    }
    case SEISMIC_ABI_STRING: json_string(v->data, v->len, out); return SEISMIC_OK;
    case SEISMIC_ABI_ARRAY:
    case SEISMIC_ABI_TUPLE: {
        size_t child = index + 1;
        seismic_buf_append_byte(out, '[');
        for (uint32_t i = 0; i < v->count; i++, child = values[child].end) {
            if (i) seismic_buf_append_byte(out, ',');
            json_indent(out, depth + 1);
            seismic_result r = cast_json(values, child, depth + 1, out);
            if (r) return r;
        }
        if (v->count) json_indent(out, depth);
        seismic_buf_append_byte(out, ']');
        return SEISMIC_OK;
    }
    case SEISMIC_ABI_BOOL: seismic_buf_append_str(out, v->data[31] ? "true" : "false"); return SEISMIC_OK;
    default: { /* address (checksummed), bytes, bytesN */
        seismic_buf text = {0};
        seismic_result r = seismic_abi_format_value(values, index, false, &text);
        if (r == SEISMIC_OK) json_string(text.data, text.len, out);
        seismic_buf_free(&text);
        return r;
    }
    }
}

/* Decoded ABI values (views into the data they came from). */
typedef struct decoded {
    seismic_abi_value *values;
    size_t count;
} decoded;

/* Decodes data for types, or with event a log of that event (topics[0] its topic), growing the value
   array until the decoding fits. */
static seismic_result decode_values(const char *types, const char *event, const uint8_t (*topics)[32], size_t topic_count,
                                    const uint8_t *data, size_t len, decoded *out, seismic_error *err) {
    size_t cap = 64;
    seismic_result r;
    out->values = NULL;
    do {
        free(out->values);
        cap *= 4;
        out->values = (seismic_abi_value *)malloc(cap * sizeof *out->values);
        if (!out->values) return SEISMIC_ERR_NO_MEMORY;
        r = event ? seismic_abi_decode_event(event, topics, topic_count, data, len, out->values, cap, &out->count, err)
                  : seismic_abi_decode(types, data, len, out->values, cap, &out->count, err);
    } while (r == SEISMIC_ERR_CAPACITY && cap < ((size_t)1 << 24));
    if (r) {
        free(out->values);
        out->values = NULL;
    }
    return r;
}

/* Prints decoded values as cast does: the signature they were looked up as (if any), then one value per
   line, or with --json one pretty JSON array; frees them. */
static int print_values(const char *what, decoded *d, const char *looked_up, bool json) {
    seismic_buf text = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = SEISMIC_OK;
    if (looked_up) seismic_buf_append_str(&text, looked_up), seismic_buf_append_byte(&text, '\n');
    if (json) {
        r = cast_json(d->values, 0, 0, &text);
        seismic_buf_append_byte(&text, '\n');
    }
    for (size_t i = 1; !json && i < d->count && r == SEISMIC_OK; i = d->values[i].end) {
        r = cast_value(d->values, i, &text);
        seismic_buf_append_byte(&text, '\n');
    }
    if (r == SEISMIC_OK && text.failed) r = SEISMIC_ERR_NO_MEMORY;
    if (r == SEISMIC_OK) fwrite(text.data, 1, text.len, stdout);
    free(d->values);
    d->values = NULL;
    seismic_buf_free(&text);
    return r ? fail_error(what, &err, r) : 0;
}

/* Decodes data for types and prints the values. */
static int print_decoded(const char *what, const char *types, const uint8_t *data, size_t len, bool json) {
    decoded d;
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = decode_values(types, NULL, NULL, 0, data, len, &d, &err);
    return r ? fail_error(what, &err, r) : print_values(what, &d, NULL, json);
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
        if (strcmp(seismic_buf_cstr(&types), "()") == 0) /* cast: "no data was decoded" */
            fail(input ? "abi-decode: %s has no inputs to decode"
                       : "abi-decode: %s has no outputs to decode (outputs: 'f()(uint256)'; --input decodes the inputs)",
                 argv[0]);
        else
            status = print_decoded("abi-decode", seismic_buf_cstr(&types), data.data, data.len, json);
    }
    seismic_buf_free(&data);
    seismic_buf_free(&types);
    return status;
}

static int cmd_4byte_calldata(int argc, char **argv);

/* decode-calldata SIG CALLDATA: the arguments after the 4-byte selector (not compared with SIG's, as cast).
   Without SIG: the selector looked up among the built-in signatures, as 4byte-calldata. */
static int cmd_decode_calldata(int argc, char **argv) {
    bool json = has_flag(&argc, argv, "--json") || g.json;
    if (argc == 1) {
        g.json = json;
        return cmd_4byte_calldata(argc, argv);
    }
    if (argc != 2) return fail("%s", "decode-calldata: expected [SIGNATURE] CALLDATA");
    seismic_buf data = {0}, types = {0};
    int status = 1;
    if (seismic_hex_decode_buf(argv[1], strlen(argv[1]), &data)) {
        fail("decode-calldata: %s is not hex", argv[1]);
    } else if (data.len < 4) {
        fail("%s", "decode-calldata: calldata starts with a 4-byte selector");
    } else if (signature_types("decode-calldata", argv[0], false, &types) == 0) {
        if (strcmp(seismic_buf_cstr(&types), "()") == 0) fail("decode-calldata: %s has no inputs to decode", argv[0]);
        else status = print_decoded("decode-calldata", seismic_buf_cstr(&types), data.data + 4, data.len - 4, json);
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
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) { /* any case, as cast */
        size_t j = 0;
        while (unit[j] && units[i].name[j] && (unit[j] | 0x20) == units[i].name[j]) j++;
        if (!unit[j] && !units[i].name[j]) return units[i].decimals;
    }
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
    } else if (!d && !trim) { /* from-wei VALUE wei: cast prints "12.0" */
        out[o++] = '.';
        out[o++] = '0';
    }
    out[o] = 0;
    out_string(out);
}

/* VALUE [UNIT] to base units (to-wei, parse-units: "-1.5" gives "-1500..."), or base units to UNIT (from-wei,
   format-units: a negative value is read as its 256-bit two's complement, as cast does). */
static int units_command(const char *what, int argc, char **argv, bool to_base, bool names_only, bool trim) {
    if (argc < 1 || argc > 2) return failf("expected VALUE [UNIT]");
    int decimals = argc == 2 ? unit_decimals(argv[1], names_only) : 18;
    if (decimals < 0)
        return failf("unknown unit %s (wei, gwei, ether, ...%s)", argv[1], names_only ? "" : ", or a number of decimals");
    bool negative = argv[0][0] == '-';
    const char *magnitude = argv[0] + negative;
    seismic_u256 v;
    char dec[80];
    if (to_base) {
        if (parse_decimal(what, magnitude, decimals, &v)) return 1;
        seismic_u256_to_dec(&v, dec);
        if (negative && !seismic_u256_is_zero(&v)) {
            seismic_u256 limit = seismic_u256_from_u64(0);
            limit.w[3] = (uint64_t)1 << 63;
            if (seismic_u256_cmp(&v, &limit) > 0) return failf("%s is less than -2^255", argv[0]);
            printf("-");
        }
        out_string(dec);
        return 0;
    }
    if (!magnitude[0] || seismic_u256_parse(magnitude, strlen(magnitude), &v)) return failf("%s is not a number", argv[0]);
    if (negative) negate(&v);
    print_fixed(&v, decimals, trim);
    return 0;
}

static int cmd_to_wei(int argc, char **argv) { return units_command("to-wei", argc, argv, true, true, false); }
static int cmd_from_wei(int argc, char **argv) { return units_command("from-wei", argc, argv, false, true, false); }
static int cmd_parse_units(int argc, char **argv) { return units_command("parse-units", argc, argv, true, false, false); }
static int cmd_format_units(int argc, char **argv) { return units_command("format-units", argc, argv, false, false, true); }

/* A number as cast's to-hex / to-dec read it: an optional -, then 0x (hex), 0o (octal), 0b (binary), else
   decimal digits, else hex digits. *base is the base it was written in. */
static int parse_based(const char *text, bool *negative, seismic_u256 *magnitude, unsigned *base) {
    const char *p = text + (text[0] == '-');
    *negative = text[0] == '-';
    *base = 0;
    if (p[0] == '0' && (p[1] | 0x20) == 'x') *base = 16, p += 2;
    else if (p[0] == '0' && (p[1] | 0x20) == 'o') *base = 8, p += 2;
    else if (p[0] == '0' && (p[1] | 0x20) == 'b') *base = 2, p += 2;
    if (!*p) return failf("%s is not a number", text);
    if (!*base) {
        *base = 10;
        for (const char *c = p; *c; c++)
            if (*c < '0' || *c > '9') *base = 16;
    }
    *magnitude = seismic_u256_from_u64(0);
    for (; *p; p++) {
        int digit = *p >= '0' && *p <= '9' ? *p - '0' : (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f' ? (*p | 0x20) - 'a' + 10 : 99;
        seismic_u256 d = seismic_u256_from_u64((uint64_t)(digit < 99 ? digit : 0));
        if (digit >= (int)*base) return failf("%s is not a number (decimal, 0x hex, 0o octal or 0b binary)", text);
        if (seismic_u256_mul_u64(magnitude, *base, magnitude) || seismic_u256_add(magnitude, &d, magnitude))
            return failf("%s does not fit in 256 bits", text);
    }
    seismic_u256 limit = seismic_u256_from_u64(0);
    limit.w[3] = (uint64_t)1 << 63;
    if (*negative && seismic_u256_cmp(magnitude, &limit) > 0) return failf("%s is less than -2^255", text);
    return 0;
}

/* to-hex / to-dec: a number already in the target base is printed as given (cast's rule); otherwise
   negative numbers are -N in decimal and 256-bit two's complement in hex. */
static int convert_base(int argc, char **argv, unsigned to) {
    seismic_u256 v;
    bool negative;
    unsigned base;
    char text[80];
    if (argc != 1) return failf("expected one number");
    if (parse_based(argv[0], &negative, &v, &base)) return 1;
    if (base == to) {
        out_string(argv[0]);
        return 0;
    }
    if (to == 16) {
        if (negative) negate(&v);
        seismic_u256_to_hex(&v, text);
    } else {
        text[0] = '-';
        seismic_u256_to_dec(&v, text + (negative && !seismic_u256_is_zero(&v)));
    }
    out_string(text);
    return 0;
}

static int cmd_to_hex(int argc, char **argv) { return convert_base(argc, argv, 16); }
static int cmd_to_dec(int argc, char **argv) { return convert_base(argc, argv, 10); }

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

/* The bytes of a message argument: 0x hex as bytes (hex it must be, as cast), anything else as UTF-8 text. */
static int message_bytes(const char *text, seismic_buf *out) {
    if (text[0] == '0' && text[1] == 'x') {
        if (seismic_hex_decode_buf(text, strlen(text), out) == SEISMIC_OK) return 0;
        return failf("the message %s starts with 0x but is not hex (bytes are 0x + an even number of hex digits)", text);
    }
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
        if (message_bytes(argv[0], &msg)) {
            seismic_buf_free(&msg);
            seismic_private_key_wipe(&key);
            return 1;
        }
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
        if (message_bytes(argv[0], &msg)) {
            seismic_buf_free(&msg);
            return 1;
        }
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

/*---- signatures: well-known ones built in (cast asks an online database, which this tool does not) ----*/

typedef enum known_kind { KNOWN_FUNCTION, KNOWN_EVENT, KNOWN_ERROR } known_kind;

/* Signatures of ERC-20 (+ permit), ERC-721, ERC-1155, ERC-165, WETH, Ownable, OpenZeppelin's ERC-6093
   errors, Solidity's Error/Panic, and Seismic's SRC20 and Directory. The selectors and topics are
   computed from the text. Two entries may share a topic (ERC-20's and ERC-721's Transfer): the one whose
   indexed parameters fit the log's topics wins. */
static const struct known_signature {
    uint8_t kind;
    const char *text;
} known_signatures[] = {
    {KNOWN_FUNCTION, "transfer(address to, uint256 amount)"},
    {KNOWN_FUNCTION, "transferFrom(address from, address to, uint256 amount)"},
    {KNOWN_FUNCTION, "approve(address spender, uint256 amount)"},
    {KNOWN_FUNCTION, "balanceOf(address owner)"},
    {KNOWN_FUNCTION, "allowance(address owner, address spender)"},
    {KNOWN_FUNCTION, "totalSupply()"},
    {KNOWN_FUNCTION, "name()"},
    {KNOWN_FUNCTION, "symbol()"},
    {KNOWN_FUNCTION, "decimals()"},
    {KNOWN_FUNCTION, "permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)"},
    {KNOWN_FUNCTION, "nonces(address owner)"},
    {KNOWN_FUNCTION, "DOMAIN_SEPARATOR()"},
    {KNOWN_FUNCTION, "ownerOf(uint256 tokenId)"},
    {KNOWN_FUNCTION, "safeTransferFrom(address from, address to, uint256 tokenId)"},
    {KNOWN_FUNCTION, "safeTransferFrom(address from, address to, uint256 tokenId, bytes data)"},
    {KNOWN_FUNCTION, "setApprovalForAll(address operator, bool approved)"},
    {KNOWN_FUNCTION, "getApproved(uint256 tokenId)"},
    {KNOWN_FUNCTION, "isApprovedForAll(address owner, address operator)"},
    {KNOWN_FUNCTION, "tokenURI(uint256 tokenId)"},
    {KNOWN_FUNCTION, "supportsInterface(bytes4 interfaceId)"},
    {KNOWN_FUNCTION, "safeTransferFrom(address from, address to, uint256 id, uint256 value, bytes data)"},
    {KNOWN_FUNCTION, "safeBatchTransferFrom(address from, address to, uint256[] ids, uint256[] values, bytes data)"},
    {KNOWN_FUNCTION, "balanceOf(address account, uint256 id)"},
    {KNOWN_FUNCTION, "balanceOfBatch(address[] accounts, uint256[] ids)"},
    {KNOWN_FUNCTION, "uri(uint256 id)"},
    {KNOWN_FUNCTION, "deposit()"},
    {KNOWN_FUNCTION, "withdraw(uint256 amount)"},
    {KNOWN_FUNCTION, "owner()"},
    {KNOWN_FUNCTION, "transferOwnership(address newOwner)"},
    {KNOWN_FUNCTION, "renounceOwnership()"},
    {KNOWN_FUNCTION, "transfer(address to, suint256 amount)"},
    {KNOWN_FUNCTION, "approve(address spender, suint256 amount)"},
    {KNOWN_FUNCTION, "transferFrom(address from, address to, suint256 amount)"},
    {KNOWN_FUNCTION, "balanceOf()"},
    {KNOWN_FUNCTION, "setKey(suint256 key)"},
    {KNOWN_FUNCTION, "checkHasKey(address account)"},
    {KNOWN_FUNCTION, "keyHash(address account)"},
    {KNOWN_EVENT, "Transfer(address indexed from, address indexed to, uint256 value)"},
    {KNOWN_EVENT, "Transfer(address indexed from, address indexed to, uint256 indexed tokenId)"},
    {KNOWN_EVENT, "Approval(address indexed owner, address indexed spender, uint256 value)"},
    {KNOWN_EVENT, "Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)"},
    {KNOWN_EVENT, "ApprovalForAll(address indexed owner, address indexed operator, bool approved)"},
    {KNOWN_EVENT, "TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)"},
    {KNOWN_EVENT, "TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)"},
    {KNOWN_EVENT, "URI(string value, uint256 indexed id)"},
    {KNOWN_EVENT, "Deposit(address indexed account, uint256 amount)"},
    {KNOWN_EVENT, "Withdrawal(address indexed account, uint256 amount)"},
    {KNOWN_EVENT, "OwnershipTransferred(address indexed previousOwner, address indexed newOwner)"},
    {KNOWN_EVENT, "Transfer(address indexed from, address indexed to, bytes32 indexed encryptKeyHash, bytes encryptedAmount)"},
    {KNOWN_EVENT, "Approval(address indexed owner, address indexed spender, bytes32 indexed encryptKeyHash, bytes encryptedAmount)"},
    {KNOWN_ERROR, "Error(string message)"},
    {KNOWN_ERROR, "Panic(uint256 code)"},
    {KNOWN_ERROR, "ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)"},
    {KNOWN_ERROR, "ERC20InvalidSender(address sender)"},
    {KNOWN_ERROR, "ERC20InvalidReceiver(address receiver)"},
    {KNOWN_ERROR, "ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)"},
    {KNOWN_ERROR, "ERC20InvalidApprover(address approver)"},
    {KNOWN_ERROR, "ERC20InvalidSpender(address spender)"},
    {KNOWN_ERROR, "ERC721InvalidOwner(address owner)"},
    {KNOWN_ERROR, "ERC721NonexistentToken(uint256 tokenId)"},
    {KNOWN_ERROR, "ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)"},
    {KNOWN_ERROR, "ERC721InvalidSender(address sender)"},
    {KNOWN_ERROR, "ERC721InvalidReceiver(address receiver)"},
    {KNOWN_ERROR, "ERC721InsufficientApproval(address operator, uint256 tokenId)"},
    {KNOWN_ERROR, "ERC721InvalidApprover(address approver)"},
    {KNOWN_ERROR, "ERC721InvalidOperator(address operator)"},
    {KNOWN_ERROR, "ERC1155InsufficientBalance(address sender, uint256 balance, uint256 needed, uint256 tokenId)"},
    {KNOWN_ERROR, "ERC1155InvalidSender(address sender)"},
    {KNOWN_ERROR, "ERC1155InvalidReceiver(address receiver)"},
    {KNOWN_ERROR, "ERC1155MissingApprovalForAll(address operator, address owner)"},
    {KNOWN_ERROR, "ERC1155InvalidApprover(address approver)"},
    {KNOWN_ERROR, "ERC1155InvalidOperator(address operator)"},
    {KNOWN_ERROR, "ERC1155InvalidArrayLength(uint256 idsLength, uint256 valuesLength)"},
    {KNOWN_ERROR, "OwnableUnauthorizedAccount(address account)"},
    {KNOWN_ERROR, "OwnableInvalidOwner(address owner)"},
};
#define KNOWN_SIGNATURE_COUNT (sizeof known_signatures / sizeof *known_signatures)

/* The next entry from *at on of kind whose selector (4 bytes) or topic (32) is id; NULL when none. */
static const char *next_known(known_kind kind, const uint8_t *id, size_t *at) {
    for (; *at < KNOWN_SIGNATURE_COUNT; (*at)++) {
        const struct known_signature *k = &known_signatures[*at];
        uint8_t hash[32];
        if (k->kind != kind) continue;
        if (kind == KNOWN_EVENT ? seismic_abi_event_topic(k->text, hash, NULL) : seismic_abi_selector(k->text, hash, NULL))
            continue;
        if (memcmp(hash, id, kind == KNOWN_EVENT ? 32 : 4) == 0) return known_signatures[(*at)++].text;
    }
    return NULL;
}

/* "ERC-20 Transfer(address indexed from, ...)" as cast prints a looked-up signature: "Transfer(address,...)". */
static void canonical(const char *signature, seismic_buf *out) {
    out->len = 0;
    seismic_abi_canonical_signature(signature, out, NULL);
}

/* The message when nothing is built in for a selector or topic. */
static int unknown_signature(const char *what, const uint8_t *id, size_t len, const char *how) {
    char hex[67];
    seismic_hex_encode(id, len, hex);
    return failf("no built-in %s signature for %s (offline: no signature database is asked; %s)", what, hex, how);
}

/* 32-byte topics from --topic/-t options (topic0 first), at most 4 as in a log. */
static int take_topics(int *argc, char **argv, uint8_t topics[4][32], size_t *count) {
    bool bad = false;
    const char *t;
    *count = 0;
    while (!bad && ((t = take_option(argc, argv, "--topic", &bad)) || (!bad && (t = take_option(argc, argv, "--topics", &bad))) ||
                    (!bad && (t = take_option(argc, argv, "-t", &bad))))) {
        if (*count == 4) return failf("a log has at most 4 topics");
        if (parse_hash(t, topics[(*count)++], "--topic")) return 1;
    }
    return bad;
}

/* decode-event [--sig SIG] [--topic T]... DATA: see the usage text. */
static int cmd_decode_event(int argc, char **argv) {
    bool bad = false, json = has_flag(&argc, argv, "--json") || g.json;
    const char *sig = take_option(&argc, argv, "--sig", &bad);
    if (!sig && !bad) sig = take_option(&argc, argv, "--event-sig", &bad);
    uint8_t topics[4][32];
    size_t topic_count = 0;
    seismic_buf data = {0}, line = {0};
    seismic_error err = {"", SEISMIC_OK};
    decoded d;
    int status = 1;
    if (bad || take_topics(&argc, argv, topics, &topic_count) || reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected [--sig SIGNATURE] [--topic TOPIC]... DATA (see --help)");
    if (seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data)) {
        failf("%s is not hex", argv[0]);
        goto done;
    }
    const uint8_t *body = data.data;
    size_t body_len = data.len;
    if (sig) {
        uint8_t topic[32];
        seismic_result r = seismic_abi_event_topic(sig, topic, &err);
        if (r) {
            fail_error("decode-event", &err, r);
            goto done;
        }
        if (topic_count == 0) memcpy(topics[topic_count++], topic, 32); /* cast's form: DATA only */
        r = decode_values(NULL, sig, (const uint8_t (*)[32])topics, topic_count, body, body_len, &d, &err);
        if (r) {
            failf("%s%s", err.message[0] ? err.message : seismic_result_string(r),
                  topic_count == 1 && strstr(sig, "indexed") ? " (give the log's topics with --topic, topic0 first)" : "");
            goto done;
        }
        status = print_values("decode-event", &d, NULL, json);
        goto done;
    }
    /* no signature: topic0 is the first --topic, or (cast's form) the first 32 bytes of DATA */
    bool cast_form = topic_count == 0;
    if (cast_form) {
        if (data.len < 32) {
            failf("without --sig, DATA starts with the event's topic (32 bytes), or give the topics with --topic");
            goto done;
        }
        memcpy(topics[topic_count++], data.data, 32);
        body += 32;
        body_len -= 32;
    }
    size_t at = 0;
    const char *known;
    seismic_result r = SEISMIC_ERR_NOT_FOUND;
    while ((known = next_known(KNOWN_EVENT, topics[0], &at)) != NULL) {
        canonical(known, &line);
        /* cast decodes its looked-up signature, which has no indexed parameters, from DATA alone */
        r = decode_values(NULL, cast_form ? seismic_buf_cstr(&line) : known, (const uint8_t (*)[32])topics, topic_count,
                          body, body_len, &d, &err);
        if (r == SEISMIC_OK) break;
    }
    if (!known && r == SEISMIC_ERR_NOT_FOUND) {
        unknown_signature("event", topics[0], 32, "pass --sig EVENT_SIGNATURE");
    } else if (!known) {
        failf("%s", err.message[0] ? err.message : seismic_result_string(r));
    } else {
        status = print_values("decode-event", &d, seismic_buf_cstr(&line), json);
    }
done:
    seismic_buf_free(&data);
    seismic_buf_free(&line);
    return status;
}

/* decode-error [--sig SIG] DATA: the selector is SIG's, or looked up among the built-in errors. */
static int cmd_decode_error(int argc, char **argv) {
    bool bad = false, json = has_flag(&argc, argv, "--json") || g.json;
    const char *sig = take_option(&argc, argv, "--sig", &bad);
    if (!sig && !bad) sig = take_option(&argc, argv, "--error-sig", &bad);
    seismic_buf data = {0}, types = {0}, line = {0};
    seismic_error err = {"", SEISMIC_OK};
    uint8_t selector[4];
    decoded d;
    int status = 1;
    if (bad || reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected [--sig SIGNATURE] DATA (see --help)");
    if (seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data)) {
        failf("%s is not hex", argv[0]);
    } else if (data.len < 4) {
        failf("the data is %zu bytes: revert data starts with a 4-byte selector", data.len);
    } else if (sig && seismic_abi_selector(sig, selector, &err)) {
        fail_error("decode-error", &err, err.result ? err.result : SEISMIC_ERR_PARSE);
    } else if (sig && memcmp(data.data, selector, 4) != 0) {
        failf("the data does not start with the selector of %s", sig);
    } else {
        size_t at = 0;
        const char *known = sig ? sig : next_known(KNOWN_ERROR, data.data, &at);
        if (!known) {
            unknown_signature("error", data.data, 4, "pass --sig ERROR_SIGNATURE");
        } else if (signature_types("decode-error", known, false, &types) == 0) {
            if (!sig) canonical(known, &line);
            seismic_result r = decode_values(seismic_buf_cstr(&types), NULL, NULL, 0, data.data + 4, data.len - 4, &d, &err);
            if (r) fail_error("decode-error", &err, r);
            else status = print_values("decode-error", &d, sig ? NULL : seismic_buf_cstr(&line), json);
        }
    }
    seismic_buf_free(&data);
    seismic_buf_free(&types);
    seismic_buf_free(&line);
    return status;
}

/* 4byte SELECTOR / 4byte-event TOPIC: the built-in signatures of a selector or topic, one per line. */
static int list_known(known_kind kind, int argc, char **argv) {
    size_t len = kind == KNOWN_EVENT ? 32 : 4, at = 0, printed = 0;
    uint8_t id[32];
    seismic_buf line = {0}, seen = {0};
    const char *known;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf(kind == KNOWN_EVENT ? "expected one topic" : "expected one selector");
    if (seismic_hex_decode(argv[0], strlen(argv[0]), id, len, NULL))
        return failf("%s is not a %zu-byte %s in hex", argv[0], len, kind == KNOWN_EVENT ? "topic" : "selector");
    while ((known = next_known(kind, id, &at)) != NULL) {
        canonical(known, &line);
        seismic_buf_append_byte(&line, '\n');
        if (strstr(seismic_buf_cstr(&seen), seismic_buf_cstr(&line))) continue; /* ERC-20 and ERC-721 events */
        seismic_buf_append(&seen, line.data, line.len);
        fputs(seismic_buf_cstr(&line), stdout);
        printed++;
    }
    seismic_buf_free(&line);
    seismic_buf_free(&seen);
    return printed ? 0 : unknown_signature(kind == KNOWN_EVENT ? "event" : "function", id, len, "pass the signature yourself");
}

static int cmd_4byte(int argc, char **argv) { return list_known(KNOWN_FUNCTION, argc, argv); }
static int cmd_4byte_event(int argc, char **argv) { return list_known(KNOWN_EVENT, argc, argv); }

/* 4byte-calldata CALLDATA: cast's numbered list of the signatures of the selector, then the arguments
   decoded with it (a selector alone: the list as 4byte prints it). */
static int cmd_4byte_calldata(int argc, char **argv) {
    bool json = has_flag(&argc, argv, "--json") || g.json;
    seismic_buf data = {0}, line = {0}, types = {0};
    seismic_error err = {"", SEISMIC_OK};
    decoded d;
    int status = 1;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("expected one calldata in hex");
    if (strlen(argv[0]) == 10) return cmd_4byte(argc, argv);
    size_t at = 0;
    const char *known = NULL;
    if (seismic_hex_decode_buf(argv[0], strlen(argv[0]), &data)) {
        failf("%s is not hex", argv[0]);
    } else if (data.len < 4) {
        failf("calldata starts with a 4-byte selector");
    } else if (!(known = next_known(KNOWN_FUNCTION, data.data, &at))) {
        unknown_signature("function", data.data, 4, "decode it with decode-calldata SIGNATURE CALLDATA");
    } else if (signature_types("4byte-calldata", known, false, &types) == 0) {
        seismic_buf_append_str(&line, "1) \"");
        seismic_abi_canonical_signature(known, &line, NULL);
        seismic_buf_append_byte(&line, '"');
        seismic_result r = decode_values(seismic_buf_cstr(&types), NULL, NULL, 0, data.data + 4, data.len - 4, &d, &err);
        if (r) fail_error("4byte-calldata", &err, r);
        else status = print_values("4byte-calldata", &d, seismic_buf_cstr(&line), json);
    }
    seismic_buf_free(&data);
    seismic_buf_free(&line);
    seismic_buf_free(&types);
    return status;
}

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
    {"abi-encode-event", "abi-encode-event EVENT_SIGNATURE [ARG...]",
     "Prints a log's topics and data as cast does ([topic0]: 0x.., [data]: 0x..), as Solidity emits them: an\n"
     "indexed string or bytes is the keccak of its contents, the non-indexed parameters are encoded together\n"
     "(cast 1.7.1 differs there: it hashes the encoding and writes each value's encoding on its own).",
     cmd_abi_encode_event},
    {"abi-decode", "abi-decode [--input] [--json] SIGNATURE HEX",
     "Decodes the outputs of SIGNATURE, 'f(uint256)(uint256,string)' or 'f(uint256) returns (uint256,string)'\n"
     "(--input: its inputs, data without a selector; or bare types '(uint256,string)'). One value per\n"
     "line as cast prints them (strings quoted, numbers from 10000 on with [1.234e4]); --json: a JSON array.",
     cmd_abi_decode},
    {"decode-calldata", "decode-calldata [--json] [SIGNATURE] CALLDATA",
     "Decodes the arguments after the selector for the inputs of SIGNATURE, as abi-decode prints them.\n"
     "Without SIGNATURE: as 4byte-calldata.",
     cmd_decode_calldata},
    {"decode-event", "decode-event [--sig EVENT_SIGNATURE] [--topic TOPIC]... DATA",
     "Decodes a log, as abi-decode prints values. With --sig and DATA alone (cast's form) the parameters are\n"
     "all in DATA; a signature with indexed parameters needs the log's topics: --topic (-t) once per topic,\n"
     "topic0 first. Then every parameter is printed in the signature's order; an indexed string, bytes,\n"
     "array or tuple is its topic, the hash of the value. Without --sig, DATA is topic0 followed by the data\n"
     "(cast's form), or topic0 is the first --topic; the signature comes from the built-in table (see 4byte)\n"
     "and is printed first.",
     cmd_decode_event},
    {"decode-error", "decode-error [--sig ERROR_SIGNATURE] DATA",
     "Decodes revert data of an error (its selector is checked), as abi-decode prints values. Without --sig\n"
     "the selector is looked up in the built-in table (Error, Panic, OpenZeppelin's ERC-20/721/1155 and\n"
     "Ownable errors) and the signature is printed first.",
     cmd_decode_error},
    {"4byte", "4byte SELECTOR",
     "Prints the built-in function signatures of a selector. cast asks an online database; this tool is\n"
     "offline and knows ERC-20 (and permit), ERC-721, ERC-1155, ERC-165, WETH, Ownable, SRC20 and the\n"
     "Directory; the events and errors of the same standards for 4byte-event, decode-event and decode-error.",
     cmd_4byte},
    {"4byte-event", "4byte-event TOPIC", "Prints the built-in event signatures of topic0.", cmd_4byte_event},
    {"4byte-calldata", "4byte-calldata CALLDATA",
     "Looks the selector up in the built-in table and decodes the arguments: 1) \"SIGNATURE\", then the values.",
     cmd_4byte_calldata},
    {"to-wei", "to-wei VALUE [UNIT]", "Converts VALUE in UNIT (default ether; wei, gwei, ...) to wei.", cmd_to_wei},
    {"from-wei", "from-wei VALUE [UNIT]", "Converts wei to UNIT (default ether), with every decimal.", cmd_from_wei},
    {"parse-units", "parse-units VALUE [DECIMALS|UNIT]", "Converts VALUE to base units (default 18 decimals).",
     cmd_parse_units},
    {"format-units", "format-units VALUE [DECIMALS|UNIT]", "Converts base units to a decimal (default 18 decimals).",
     cmd_format_units},
    {"to-hex", "to-hex NUMBER",
     "Prints a number (decimal, 0x hex, 0o octal, 0b binary; bare digits with a-f are hex) as 0x hex; negative:\n"
     "256-bit two's complement. A number already in hex is printed as given (as cast).",
     cmd_to_hex},
    {"to-dec", "to-dec NUMBER",
     "Prints a number (0x hex, 0o octal, 0b binary, bare hex digits) in decimal; negative: -N. A decimal number is\n"
     "printed as given (as cast).",
     cmd_to_dec},
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
