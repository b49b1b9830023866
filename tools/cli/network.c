/* seismic CLI: the Ethereum JSON-RPC commands (chain state, transactions, contracts, logs). */
#include "cli.h"


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
    seismic_block_ref block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
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
    seismic_block_ref block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
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
            seismic_json_get_bytes(j, seismic_json_find(j, 0, "blockHash"), hash, 32, NULL) ||
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
            seismic_json_get_bytes(&d.json, seismic_json_find(&d.json, 0, "hash"), hash, 32, NULL)) {
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
    seismic_block_ref block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
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
    seismic_block_ref block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
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

/*---- logs and subscriptions ----*/

/* A topic: 0x hex of up to 32 bytes (left-padded, so an address works), an event signature, or
   null / _ for any (*any set). */
static int parse_topic(const char *text, uint8_t topic[32], bool *any) {
    uint8_t raw[32];
    size_t len = 0;
    seismic_error err = {"", SEISMIC_OK};
    memset(topic, 0, 32);
    *any = strcmp(text, "null") == 0 || strcmp(text, "_") == 0;
    if (*any) return 0;
    if (strchr(text, '(')) {
        if (seismic_abi_event_topic(text, topic, &err)) return failf("topic %s: %s", text, err.message);
    } else if (seismic_hex_decode(text, strlen(text), raw, 32, &len) == SEISMIC_OK && strncmp(text, "0x", 2) == 0) {
        memcpy(topic + 32 - len, raw, len);
    } else {
        return failf("topic %s is not 0x hex of up to 32 bytes, an event signature or null", text);
    }
    return 0;
}

static int write_topic(seismic_json_writer *w, const char *text) {
    uint8_t topic[32];
    bool any;
    if (parse_topic(text, topic, &any)) return 1;
    if (any) seismic_json_writer_null(w);
    else seismic_json_writer_hex(w, topic, 32);
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

/* One decoded argument: elementary values as their text (decimal, 0x.., the string), arrays and tuples
   as JSON arrays. */
static void put_arg(seismic_json_writer *w, const seismic_abi_value *values, size_t i) {
    seismic_buf text = {0};
    bool nested = values[i].kind == SEISMIC_ABI_ARRAY || values[i].kind == SEISMIC_ABI_TUPLE;
    seismic_abi_format_value(values, i, nested, &text);
    if (nested) seismic_json_writer_raw(w, (const char *)text.data, text.len);
    else seismic_json_writer_string_n(w, (const char *)text.data, text.len);
    seismic_buf_free(&text);
}

typedef struct log_watch_state {
    uint64_t delivered, count;
    seismic_log_watcher *watcher;
} log_watch_state;

/* --json: {"blockNumber","blockHash","logIndex","transactionHash","address","removed","args"?}; else one
   line: block, tx, index, address, then the arguments (name=value) or the topics and data. */
static void print_watched_log(const seismic_log *log, const seismic_event_args *args) {
    seismic_buf out = {0};
    char num[24];
    if (g.json) {
        seismic_json_writer w;
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        seismic_json_writer_key(&w, "blockNumber");
        seismic_json_writer_u64(&w, log->block_number);
        put_hex(&w, "blockHash", log->block_hash, 32);
        seismic_json_writer_key(&w, "logIndex");
        seismic_json_writer_u64(&w, log->log_index);
        put_hex(&w, "transactionHash", log->transaction_hash, 32);
        put_hex(&w, "address", log->address.bytes, 20);
        seismic_json_writer_key(&w, "removed");
        seismic_json_writer_bool(&w, log->removed);
        if (args && args->values) {
            seismic_json_writer_key(&w, "args");
            seismic_json_writer_object_begin(&w);
            for (size_t p = 0, i = 1; p < args->values[0].count; p++, i = args->values[i].end) {
                if (p < args->name_count && args->names[p][0]) {
                    seismic_json_writer_key(&w, args->names[p]);
                } else { /* unnamed: by position */
                    snprintf(num, sizeof num, "%zu", p);
                    seismic_json_writer_key(&w, num);
                }
                put_arg(&w, args->values, i);
            }
            seismic_json_writer_object_end(&w);
        } else if (args) {
            seismic_json_writer_key(&w, "decodeError");
            seismic_json_writer_string(&w, args->error ? args->error : "");
        }
        seismic_json_writer_object_end(&w);
    } else {
        char tx[67], address[43];
        seismic_hex_encode(log->transaction_hash, 32, tx);
        seismic_address_to_string(&log->address, address);
        snprintf(num, sizeof num, "%llu", (unsigned long long)log->block_number);
        seismic_buf_append_str(&out, log->removed ? "removed block " : "block ");
        seismic_buf_append_str(&out, num);
        seismic_buf_append_str(&out, " tx ");
        seismic_buf_append_str(&out, tx);
        snprintf(num, sizeof num, "%llu", (unsigned long long)log->log_index);
        seismic_buf_append_str(&out, " index ");
        seismic_buf_append_str(&out, num);
        seismic_buf_append_str(&out, " address ");
        seismic_buf_append_str(&out, address);
        if (args && args->values) {
            for (size_t p = 0, i = 1; p < args->values[0].count; p++, i = args->values[i].end) {
                seismic_buf_append_byte(&out, ' ');
                if (p < args->name_count && args->names[p][0]) seismic_buf_append_str(&out, args->names[p]);
                else {
                    snprintf(num, sizeof num, "%zu", p);
                    seismic_buf_append_str(&out, num);
                }
                seismic_buf_append_byte(&out, '=');
                seismic_abi_format_value(args->values, i, false, &out);
            }
        } else {
            seismic_buf_append_str(&out, " topics ");
            for (uint32_t t = 0; t < log->topic_count; t++) {
                if (t) seismic_buf_append_byte(&out, ',');
                seismic_buf_append_hex(&out, log->topics[t], 32);
            }
            if (!log->topic_count) seismic_buf_append_str(&out, "-");
            seismic_buf_append_str(&out, " data ");
            seismic_buf_append_hex(&out, log->data, log->data_len);
            if (args) {
                seismic_buf_append_str(&out, " (not decoded: ");
                seismic_buf_append_str(&out, args->error ? args->error : "");
                seismic_buf_append_str(&out, ")");
            }
        }
    }
    printf("%s\n", seismic_buf_cstr(&out));
    fflush(stdout);
    seismic_buf_free(&out);
}

static void on_watched_log(const seismic_log *log, const seismic_event_args *args, void *user_data) {
    log_watch_state *state = (log_watch_state *)user_data;
    state->delivered++;
    print_watched_log(log, args);
    if (state->count && state->delivered == state->count) { /* exactly --count, even mid-range */
        seismic_log_watch_stop(state->watcher);
        state->watcher = NULL;
    }
}

static void on_removed_log(const seismic_log *log, const seismic_event_args *args, void *user_data) {
    (void)user_data;
    print_watched_log(log, args);
}

static void on_watch_error(seismic_result r, const char *message, void *user_data) {
    (void)r;
    (void)user_data;
    snprintf(g.warning, sizeof g.warning, "%s", message);
    fprintf(stderr, "seismic: watch: %s (retrying)\n", message);
}

/* watch logs: exactly once in chain order on the log watcher, over WebSocket or by polling HTTP. */
static int watch_logs(int argc, char **argv, uint64_t count) {
    bool bad = false;
    const char *event = take_option(&argc, argv, "--event", &bad);
    const char *from = take_option(&argc, argv, "--from-block", &bad);
    const char *confirmations = take_option(&argc, argv, "--confirmations", &bad);
    seismic_address addresses[64];
    uint8_t topics[4][32];
    size_t naddresses = 0, ntopics = 0;
    uint64_t depth = 0;
    const char *v;
    seismic_log_watch_desc d;
    memset(&d, 0, sizeof d);
    while (!bad && (v = take_option(&argc, argv, "--address", &bad)) != NULL) {
        if (naddresses == 64) return failf("at most 64 --address");
        if (parse_address(v, &addresses[naddresses++], "--address")) return 1;
    }
    while (!bad && (v = take_option(&argc, argv, "--topic", &bad)) != NULL) {
        bool any;
        if (ntopics == 4) return failf("at most 4 --topic (topic0 to topic3)");
        if (parse_topic(v, topics[ntopics], &any)) return 1;
        if (!any) {
            d.topics[ntopics].any_of = (const uint8_t(*)[32])topics[ntopics];
            d.topics[ntopics].count = 1;
        }
        ntopics++;
    }
    if (bad || (from && parse_block(from, &d.from_block)) ||
        (confirmations && (parse_u64(confirmations, &depth, "--confirmations") ||
                           (depth > UINT32_MAX && failf("--confirmations %s is too large", confirmations)))))
        return 1;
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("unexpected argument %s (see --help)", argv[0]);
    if (!client()) return 1;
    log_watch_state state = {0, count, NULL};
    seismic_error err = {"", SEISMIC_OK};
    d.addresses = addresses;
    d.address_count = naddresses;
    d.event = event;
    d.confirmations = (uint32_t)depth;
    d.on_log = on_watched_log;
    d.on_removed = on_removed_log;
    d.on_error = on_watch_error;
    d.user_data = &state;
    seismic_log_watcher *w = seismic_log_watch(g.client, &d, &err);
    if (!w) return fail_request("watch", err.result, err.message);
    state.watcher = w;
    double start = now_s();
    bool announced = false;
    while (count == 0 || state.delivered < count) {
        seismic_client_run(g.client, 50);
        if (!announced && state.watcher && seismic_log_watch_live(w)) {
            announced = true;
            fprintf(stderr, "seismic: watch: %s logs at %s", is_websocket(g.rpc_url) ? "subscribed to" : "polling for",
                    g.rpc_url);
            if (count) fprintf(stderr, " (stopping after %llu)\n", (unsigned long long)count);
            else fprintf(stderr, " (Ctrl-C stops)\n");
        }
        /* a long history may take a while: only a watcher that got nothing at all times out */
        if (!announced && state.delivered == 0 && now_s() - start > g.timeout_s) {
            seismic_log_watch_stop(w);
            return fail_request("watch", SEISMIC_ERR_TIMEOUT, g.warning[0] ? g.warning : "the node did not answer");
        }
    }
    seismic_log_watch_stop(state.watcher);
    seismic_client_wait_idle(g.client, 500);
    return 0;
}

static int cmd_watch(int argc, char **argv) {
    bool bad = false;
    const char *count_text = take_option(&argc, argv, "--count", &bad);
    uint64_t count = 0;
    seismic_buf params = {0};
    watch_state ws = {false, 0};
    if (bad || (count_text && parse_u64(count_text, &count, "--count"))) return 1;
    if (argc < 1 || (strcmp(argv[0], "blocks") != 0 && strcmp(argv[0], "logs") != 0))
        return failf("expected blocks or logs (see --help)");
    if (strcmp(argv[0], "logs") == 0) return watch_logs(argc - 1, argv + 1, count);
    ws.blocks = true;
    argc--;
    argv++;
    if (reject_options(argc, argv) || argc != 0) return argc ? failf("unexpected argument %s (see --help)", argv[0]) : 1;
    if (!is_websocket(g.rpc_url))
        return failf("subscriptions need a WebSocket node: pass --rpc-url ws://HOST:PORT (or wss://), not %s",
                     g.rpc_url);
    if (!client()) return 1;
    seismic_buf_append_str(&params, "[\"newHeads\"]");
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

static int cmd_call(int argc, char **argv) { return run_contract(SEISMIC_TRANSPARENT_READ, argc, argv); }
static int cmd_send(int argc, char **argv) { return run_contract(SEISMIC_TRANSPARENT_WRITE, argc, argv); }

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
   {abi, bytecode}}} (tools/testenv/devnode/contracts/artifacts.json), {NAME: {...}}, or one contract
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
    if (seismic_abi_encode_text(seismic_buf_cstr(&types), (const char *const *)argv, (size_t)argc, &code, &err)) {
        failf("constructor arguments %s: %s", seismic_buf_cstr(&types), err.message);
        goto done;
    }
    seismic_wallet *w = wallet(SEISMIC_MESSAGE_DEFAULT);
    if (!w) goto done;
    if (await_doc(seismic_transparent_write(w, NULL, code.data, code.len, &tx, NULL), "deploying", &d)) goto done;
    /* the contract's address follows from the sender and the nonce the transaction used */
    uint8_t hash[32];
    uint64_t nonce = 0;
    seismic_address from, created;
    if (seismic_json_get_bytes(&d.json, 0, hash, 32, NULL)) {
        failf("deploying: the result %s is not a transaction hash", seismic_buf_cstr(&d.text));
        goto done;
    }
    if (await_doc(seismic_eth_get_transaction(g.client, hash, NULL), "eth_getTransactionByHash", &t)) goto done;
    if (seismic_json_get_u64(&t.json, seismic_json_find(&t.json, 0, "nonce"), &nonce) ||
        seismic_json_get_bytes(&t.json, seismic_json_find(&t.json, 0, "from"), from.bytes, 20, NULL)) {
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

/*---- cast's raw node commands: rpc, code, codesize, storage ----*/

/* Calls method with params (a JSON array) and prints the result as JSON text (strings quoted, as cast). */
static int print_rpc_result(const char *method, const char *params) {
    doc d;
    if (!client() || await_doc(seismic_rpc(g.client, method, params, NULL), method, &d)) return 1;
    emit(&d.text);
    doc_free(&d);
    return 0;
}

/* rpc METHOD [PARAMS...]: each parameter is JSON if it parses as JSON, else a string (as cast). */
static int cmd_rpc(int argc, char **argv) {
    if (argc < 1) return failf("expected METHOD [PARAMS...]");
    seismic_buf params = {0};
    seismic_json_writer w;
    seismic_json_token tokens[256];
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    for (int i = 1; i < argc; i++) {
        seismic_json j;
        if (seismic_json_parse(&j, argv[i], strlen(argv[i]), tokens, 256, NULL) == SEISMIC_OK)
            seismic_json_writer_raw(&w, argv[i], strlen(argv[i]));
        else
            seismic_json_writer_string(&w, argv[i]);
    }
    seismic_json_writer_array_end(&w);
    int status = print_rpc_result(argv[0], seismic_buf_cstr(&params));
    seismic_buf_free(&params);
    return status;
}

/* ADDRESS [--block B] into ["0x..", EXTRA.., "block"] params. */
static int address_params(int *argc, char **argv, int extra, seismic_buf *params) {
    bool bad = false;
    const char *block = take_option(argc, argv, "--block", &bad);
    if (!block && !bad) block = take_option(argc, argv, "-B", &bad);
    seismic_address a;
    char text[43];
    if (bad || reject_options(*argc, argv)) return 1;
    if (*argc != 1 + extra) return failf(extra ? "expected ADDRESS SLOT [--block B]" : "expected ADDRESS [--block B]");
    if (parse_address(argv[0], &a, "address")) return 1;
    seismic_address_to_string(&a, text);
    seismic_buf_append_str(params, "[\"");
    seismic_buf_append_str(params, text);
    seismic_buf_append_str(params, "\"");
    if (extra) {
        seismic_u256 slot;
        char hex[67];
        if (seismic_u256_parse(argv[1], strlen(argv[1]), &slot)) return failf("slot %s is not a number", argv[1]);
        seismic_u256_to_hex(&slot, hex);
        seismic_buf_append_str(params, ",\"");
        seismic_buf_append_str(params, hex);
        seismic_buf_append_str(params, "\"");
    }
    seismic_buf_append_str(params, ",\"");
    seismic_buf_append_str(params, block ? block : "latest");
    seismic_buf_append_str(params, "\"]");
    return 0;
}

/* code and storage: an address (plus `extra` positional words) as params, the node's answer printed as text */
static int print_address_query(int argc, char **argv, int extra, const char *method) {
    seismic_buf params = {0}, text = {0};
    doc d;
    int status = 1;
    if (address_params(&argc, argv, extra, &params) == 0 && client() &&
        await_doc(seismic_rpc(g.client, method, seismic_buf_cstr(&params), NULL), method, &d) == 0) {
        put_text(&d.json, 0, &text);
        out_string(seismic_buf_cstr(&text));
        doc_free(&d);
        status = 0;
    }
    seismic_buf_free(&text);
    seismic_buf_free(&params);
    return status;
}

static int cmd_code(int argc, char **argv) { return print_address_query(argc, argv, 0, "eth_getCode"); }

static int cmd_codesize(int argc, char **argv) {
    seismic_buf params = {0}, code = {0};
    doc d;
    int status = 1;
    if (address_params(&argc, argv, 0, &params) == 0 && client() &&
        await_doc(seismic_rpc(g.client, "eth_getCode", seismic_buf_cstr(&params), NULL), "eth_getCode", &d) == 0) {
        if (seismic_json_get_bytes_buf(&d.json, 0, &code) == SEISMIC_OK) {
            printf("%zu\n", code.len);
            status = 0;
        } else {
            failf("the node's code is not hex");
        }
        doc_free(&d);
    }
    seismic_buf_free(&code);
    seismic_buf_free(&params);
    return status;
}

static int cmd_storage(int argc, char **argv) { return print_address_query(argc, argv, 1, "eth_getStorageAt"); }

/* The network commands, in the order `seismic help` lists them. */
const command cli_network_commands[] = {
    {"rpc", "rpc METHOD [PARAMS...]",
     "Sends one JSON-RPC call and prints its result as JSON. Each parameter is JSON if it parses, else a string:\n"
     "rpc eth_getBalance 0xADDRESS latest.",
     cmd_rpc},
    {"code", "code ADDRESS [--block B]", "Prints the runtime bytecode at ADDRESS (0x hex).", cmd_code},
    {"codesize", "codesize ADDRESS [--block B]", "Prints the size of the bytecode at ADDRESS in bytes.", cmd_codesize},
    {"storage", "storage ADDRESS SLOT [--block B]", "Prints the 32-byte storage word at SLOT.", cmd_storage},
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
    {"deploy", "deploy (BYTECODE [--constructor TYPES] | --artifact FILE [--contract NAME]) [ARGS...] [--value WEI]\n"
     "         [--gas N] [--wait]",
     "Deploys a contract with a transparent transaction and prints \"transactionHash 0x..\" and\n"
     "\"contractAddress 0x..\". ARGS are the constructor's arguments: their types come from the artifact's ABI\n"
     "or from --constructor '(string,uint8)'. FILE: {\"contracts\":{NAME:{abi,bytecode}}} as\n"
     "tools/testenv/devnode/contracts/artifacts.json, or a Hardhat/Foundry artifact.\n"
     "--json: {\"transactionHash\",\"contractAddress\",\"receipt\"?}.",
     cmd_deploy},
    {"logs", "logs [--address A]... [--from N|TAG] [--to N|TAG] [--topic T]...",
     "Prints matching logs, one line each: block, tx, index, address, topics, data (--json: the node's array).\n"
     "Topics by position: 0x hex (addresses are padded), an event signature like 'Transfer(address,address,\n"
     "uint256)', or null for any. Without --from the node's default applies (latest).",
     cmd_logs},
    {"watch", "watch blocks [--count N] | logs [--address A]... [--topic T]... [--event SIG] [--from-block N]\n"
     "       [--confirmations N] [--count N]",
     "blocks: subscribes over WebSocket (--rpc-url ws://...) and prints one line per new block (\"block N HASH\n"
     "timestamp T\"); --json prints each notification's JSON.\n"
     "logs: every matching log exactly once in chain order, from --from-block (a number, a tag or a hash;\n"
     "default latest) on and then live, over WebSocket (subscription + backfill, again after reconnects) or by\n"
     "polling an http(s) node. --event 'Transfer(address indexed from, address indexed to, uint256 value)'\n"
     "decodes the logs (and is topic 0 unless a first --topic is given); --confirmations N delivers a log once\n"
     "N blocks are on top of it. A line per log: block, tx, index, address and name=value arguments (or\n"
     "topics and data); a log a reorg removed comes again as \"removed block ...\". --json, one object a line:\n"
     "{\"blockNumber\":N,\"blockHash\",\"logIndex\":N,\"transactionHash\",\"address\",\"removed\":false,\n"
     "\"args\":{\"name\":\"<decimal|0x..|string>\",...}} (args with --event; unnamed parameters by position).\n"
     "Stops after --count logs (blocks), else runs until interrupted.",
     cmd_watch},
};
const size_t cli_network_command_count = sizeof cli_network_commands / sizeof *cli_network_commands;
