/* seismic CLI: the Ethereum JSON-RPC commands (chain state, transactions, contracts, logs). */
#include "cli.h"

/*---- cast's layout: "name" in a column of 20, a space, the value (cast 1.7.1, foundry's UIfmt) ----*/

static void row(seismic_buf *out, const char *name, const char *value) {
    size_t len = strlen(name);
    seismic_buf_append_byte(out, '\n');
    seismic_buf_append_str(out, name);
    for (size_t i = len; i < 21; i++) seismic_buf_append_byte(out, ' '); /* at least one space */
    seismic_buf_append_str(out, value);
}

static void row_u64(seismic_buf *out, const char *name, uint64_t v) {
    char text[24];
    snprintf(text, sizeof text, "%llu", (unsigned long long)v);
    row(out, name, text);
}

static void row_u256(seismic_buf *out, const char *name, const seismic_u256 *v) {
    char text[79];
    seismic_u256_to_dec(v, text);
    row(out, name, text);
}

static void row_hex(seismic_buf *out, const char *name, const uint8_t *data, size_t len) {
    row(out, name, "");
    seismic_buf_append_hex(out, data, len);
}

/* An optional address: EIP-55, or nothing. */
static void row_address(seismic_buf *out, const char *name, bool present, const seismic_address *a) {
    char text[43] = "";
    if (present) seismic_address_to_string(a, text);
    row(out, name, text);
}

/* A JSON array as cast shows a list: "[]", or "[", each item's lines indented by a tab, "]". */
typedef void (*list_item_fn)(const seismic_json *j, int item, seismic_buf *out);

static void append_list(const seismic_json *j, int list, list_item_fn item, seismic_buf *out) {
    if (seismic_json_size(j, list) == 0) {
        seismic_buf_append_str(out, "[]");
        return;
    }
    seismic_buf_append_str(out, "[\n");
    for (int e = seismic_json_first_child(j, list); e >= 0; e = seismic_json_next_sibling(j, list, e)) {
        seismic_buf text = {0};
        item(j, e, &text);
        const char *line = seismic_buf_cstr(&text);
        while (*line) { /* every line of the item, tab-indented */
            const char *end = strchr(line, '\n');
            size_t len = end ? (size_t)(end - line) : strlen(line);
            seismic_buf_append_byte(out, '\t');
            seismic_buf_append(out, line, len);
            seismic_buf_append_byte(out, '\n');
            line += len + (end ? 1 : 0);
        }
        seismic_buf_free(&text);
    }
    seismic_buf_append_byte(out, ']');
}

/* A number of up to 256 bits (a quantity, a decimal string or a JSON number) in decimal. */
static void append_number_item(const seismic_json *j, int v, seismic_buf *out) {
    seismic_u256 n;
    char text[79] = "";
    if (seismic_json_get_u256(j, v, &n) == SEISMIC_OK) seismic_u256_to_dec(&n, text);
    seismic_buf_append_str(out, text);
}

/* A 32-byte word (a storage key, a blob versioned hash) as 0x hex. */
static void append_word_item(const seismic_json *j, int v, seismic_buf *out) {
    uint8_t word[32];
    memset(word, 0, sizeof word);
    seismic_json_get_bytes(j, v, word, 32, NULL);
    seismic_buf_append_hex(out, word, 32);
}

/* A member of a JSON object the typed structs do not carry, as cast shows a value it does not know
   (foundry's EthValue): a number that fits 64 bits in decimal, else an address (EIP-55), else a number
   of up to 256 bits in decimal, arrays of such numbers one per line, anything else as its JSON text
   without the quotes of a string. */
static bool json_number(const seismic_json *j, int v, bool wide, seismic_u256 *n) {
    uint64_t small;
    if (seismic_json_is(j, v, SEISMIC_JSON_NUMBER) || seismic_json_is(j, v, SEISMIC_JSON_STRING)) {
        if (seismic_json_get_u256(j, v, n) != SEISMIC_OK) return false;
        return wide || seismic_u256_to_u64(n, &small);
    }
    return false;
}

static void append_eth_value(const seismic_json *j, int v, seismic_buf *out) {
    seismic_u256 n;
    seismic_address a;
    char text[79];
    size_t len = 0;
    if (json_number(j, v, false, &n)) {
        seismic_u256_to_dec(&n, text);
        seismic_buf_append_str(out, text);
        return;
    }
    if (seismic_json_is(j, v, SEISMIC_JSON_STRING) && seismic_json_get_bytes(j, v, a.bytes, 20, NULL) == SEISMIC_OK) {
        seismic_address_to_string(&a, text);
        seismic_buf_append_str(out, text);
        return;
    }
    if (json_number(j, v, true, &n)) {
        seismic_u256_to_dec(&n, text);
        seismic_buf_append_str(out, text);
        return;
    }
    if (seismic_json_is(j, v, SEISMIC_JSON_ARRAY)) {
        bool numbers = true;
        for (int e = seismic_json_first_child(j, v); numbers && e >= 0; e = seismic_json_next_sibling(j, v, e))
            numbers = json_number(j, e, true, &n);
        if (numbers) {
            append_list(j, v, append_number_item, out);
            return;
        }
    }
    const char *raw = seismic_json_raw(j, v, &len);
    if (!raw) return;
    while (len && *raw == '"') raw++, len--; /* cast trims the quotes of a string */
    while (len && raw[len - 1] == '"') len--;
    seismic_buf_append(out, raw, len);
}

/* The members of obj (key tokens) not named in known[], sorted by name: cast's "other fields". NULL
   (count 0) when there are none; free() it. */
static int *other_keys(const seismic_json *j, int obj, const char *const *known, size_t nknown, size_t *count) {
    size_t n = 0, cap = seismic_json_size(j, obj);
    int *keys = cap ? (int *)malloc(cap * sizeof *keys) : NULL;
    *count = 0;
    if (!keys) return NULL;
    for (int k = seismic_json_first_child(j, obj); k >= 0; k = seismic_json_next_sibling(j, obj, k)) {
        bool listed = false;
        for (size_t i = 0; i < nknown && !listed; i++) listed = seismic_json_string_equals(j, k, known[i]);
        if (!listed) keys[n++] = k;
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort of the raw "names": a handful of keys */
        for (size_t m = i; m > 0; m--) {
            size_t la = 0, lb = 0;
            const char *a = seismic_json_raw(j, keys[m - 1], &la), *b = seismic_json_raw(j, keys[m], &lb);
            int c = memcmp(a, b, la < lb ? la : lb);
            if (c < 0 || (c == 0 && la <= lb)) break;
            int t = keys[m];
            keys[m] = keys[m - 1];
            keys[m - 1] = t;
        }
    }
    *count = n;
    return keys;
}

/* Those members as "\nname value" rows. */
static void append_other_fields(const seismic_json *j, int obj, const char *const *known, size_t nknown,
                                seismic_buf *out) {
    size_t n;
    int *keys = other_keys(j, obj, known, nknown, &n);
    for (size_t i = 0; i < n; i++) {
        seismic_buf name = {0};
        seismic_json_get_string_buf(j, keys[i], &name);
        row(out, seismic_buf_cstr(&name), "");
        append_eth_value(j, keys[i] + 1, out); /* the value token follows its key */
        seismic_buf_free(&name);
    }
    free(keys);
}

/* A member as it came, under its name. */
static void put_member(seismic_json_writer *w, const seismic_json *j, int key) {
    seismic_buf name = {0};
    size_t len = 0;
    seismic_json_get_string_buf(j, key, &name);
    seismic_json_writer_key(w, seismic_buf_cstr(&name));
    const char *raw = seismic_json_raw(j, key + 1, &len);
    seismic_json_writer_raw(w, raw, len);
    seismic_buf_free(&name);
}

/* The members named in keys[] that obj has, in that order. */
static void put_members(seismic_json_writer *w, const seismic_json *j, int obj, const char *const *keys, size_t n) {
    for (size_t i = 0; i < n; i++)
        for (int k = seismic_json_first_child(j, obj); k >= 0; k = seismic_json_next_sibling(j, obj, k))
            if (seismic_json_string_equals(j, k, keys[i])) {
                put_member(w, j, k);
                break;
            }
}


/* The receipt members cast's receipt type takes; the rest are its "other fields". */
static const char *const receipt_keys[] = {
    "status", "root", "cumulativeGasUsed", "logs", "logsBloom", "type", "transactionHash", "transactionIndex",
    "blockHash", "blockNumber", "gasUsed", "effectiveGasPrice", "blobGasUsed", "blobGasPrice", "from", "to",
    "contractAddress"};
#define RECEIPT_KEY_COUNT (sizeof receipt_keys / sizeof *receipt_keys)

/* A member's raw JSON text (strings without quotes), or nothing. */
static void append_member_text(const seismic_json *j, int obj, const char *key, seismic_buf *out) {
    int v = seismic_json_find(j, obj, key);
    if (v < 0 || seismic_json_is(j, v, SEISMIC_JSON_NULL)) return;
    if (seismic_json_is(j, v, SEISMIC_JSON_STRING)) {
        seismic_json_get_string_buf(j, v, out);
    } else {
        size_t len = 0;
        const char *raw = seismic_json_raw(j, v, &len);
        seismic_buf_append(out, raw, len);
    }
}

/* An optional quantity member in decimal, or nothing. */
static void append_member_dec(const seismic_json *j, int obj, const char *key, seismic_buf *out) {
    seismic_u256 v;
    char text[79];
    if (seismic_json_get_u256(j, seismic_json_find(j, obj, key), &v) != SEISMIC_OK) return;
    seismic_u256_to_dec(&v, text);
    seismic_buf_append_str(out, text);
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
        seismic_request req = seismic_eth_get_balances(g.client, addresses, count, &block, NULL);
        const seismic_response *resp = await_response(req, "get_balances");
        seismic_balances got;
        if (!resp) goto done;
        bool ok = seismic_response_balances(resp, &got) == SEISMIC_OK && got.count == count;
        if (ok) {
            memcpy(values, got.balances, count * sizeof *values);
            number = got.block_number;
            memcpy(hash, got.block_hash, 32);
        }
        seismic_request_release(g.client, req);
        if (!ok) {
            failf("get_balances: a malformed result");
            goto done;
        }
    } else {
        /* the same block, pinned by hash, then one call after another */
        seismic_request req = seismic_eth_get_block(g.client, &block, false, NULL);
        const seismic_response *resp = await_response(req, "eth_getBlock");
        seismic_block b;
        if (!resp) goto done;
        bool ok = seismic_response_block(resp, &b) == SEISMIC_OK;
        if (ok) {
            number = b.number;
            memcpy(hash, b.hash, 32);
        }
        seismic_request_release(g.client, req);
        if (!ok) {
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

/* A member of the block the typed header does not carry, as the node wrote it. */
static void print_block_member(const seismic_json *j, int obj, const char *key) {
    seismic_buf text = {0};
    if (seismic_json_find(j, obj, key) < 0) return;
    append_member_text(j, obj, key, &text);
    printf("%-21s %s\n", key, seismic_buf_cstr(&text));
    seismic_buf_free(&text);
}

static int cmd_block(int argc, char **argv) {
    bool full = has_flag(&argc, argv, "--full");
    seismic_block_ref block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
    if (reject_options(argc, argv)) return 1;
    if (argc > 1) return failf("expected at most one block (see --help)");
    if (argc == 1 && parse_block(argv[0], &block)) return 1;
    seismic_request req;
    const seismic_response *resp;
    if (!client() || !(resp = await_response(req = seismic_eth_get_block(g.client, &block, full, NULL), "eth_getBlock")))
        return 1;
    seismic_block b;
    seismic_result r = seismic_response_block(resp, &b);
    int status = 0;
    if (r == SEISMIC_ERR_NOT_FOUND) {
        status = failf("block %s not found", argc ? argv[0] : "latest");
    } else if (r) {
        status = failf("the node's block is malformed (%s)", seismic_result_string(r));
    } else if (g.json) {
        size_t len = 0;
        const char *raw = seismic_response_raw(resp, &len);
        printf("%.*s\n", (int)len, raw);
    } else {
        const seismic_json *j = &resp->json;
        int obj = resp->result_index, txs = seismic_json_find(j, obj, "transactions");
        char text[79];
        printf("%-21s %llu\n", "number", (unsigned long long)b.number);
        seismic_hex_encode(b.hash, 32, text);
        printf("%-21s %s\n", "hash", text);
        seismic_hex_encode(b.parent_hash, 32, text);
        printf("%-21s %s\n", "parentHash", text);
        printf("%-21s %llu\n", "timestamp", (unsigned long long)b.timestamp);
        seismic_hex_encode(b.miner.bytes, 20, text);
        printf("%-21s %s\n", "miner", text);
        printf("%-21s %llu\n%-21s %llu\n", "gasUsed", (unsigned long long)b.gas_used, "gasLimit",
               (unsigned long long)b.gas_limit);
        seismic_u256_to_dec(&b.base_fee_per_gas, text);
        if (b.has_base_fee) printf("%-21s %s\n", "baseFeePerGas", text);
        print_block_member(j, obj, "stateRoot");
        printf("%-21s %zu\n", "transactions", b.transaction_count);
        /* with --full, the parties and value of each transaction object (the typed header has the hashes) */
        for (int t = seismic_json_first_child(j, txs), i = 0; t >= 0; t = seismic_json_next_sibling(j, txs, t), i++) {
            seismic_hex_encode(b.transaction_hashes[i], 32, text);
            if (!seismic_json_is(j, t, SEISMIC_JSON_OBJECT)) {
                printf("  %s\n", text);
                continue;
            }
            seismic_buf from = {0}, to = {0}, value = {0};
            append_member_text(j, t, "from", &from);
            append_member_text(j, t, "to", &to);
            append_member_dec(j, t, "value", &value);
            printf("  %s %s -> %s value %s\n", text, seismic_buf_cstr(&from), to.len ? seismic_buf_cstr(&to) : "(create)",
                   value.len ? seismic_buf_cstr(&value) : "0");
            seismic_buf_free(&from);
            seismic_buf_free(&to);
            seismic_buf_free(&value);
        }
    }
    seismic_request_release(g.client, req);
    return status;
}


/*---- tx and receipt, as cast prints them ----*/

/* r and s as 32-byte words, yParity as 0/1 (from v for legacy transactions), and cast's v (27 + parity). */
typedef struct tx_signature {
    uint8_t r[32], s[32];
    bool present;
    unsigned parity;
} tx_signature;

static void read_signature(const seismic_json *j, int tx, tx_signature *sig) {
    seismic_u256 r, s, v;
    uint64_t parity = 0;
    memset(sig, 0, sizeof *sig);
    if (seismic_json_get_u256(j, seismic_json_find(j, tx, "r"), &r) || seismic_json_get_u256(j, seismic_json_find(j, tx, "s"), &s))
        return;
    if (seismic_json_get_u64(j, seismic_json_find(j, tx, "yParity"), &parity) != SEISMIC_OK) {
        uint64_t legacy_v = 0;
        if (seismic_json_get_u256(j, seismic_json_find(j, tx, "v"), &v) || !seismic_u256_to_u64(&v, &legacy_v)) return;
        parity = legacy_v >= 35 ? (legacy_v - 35) & 1 : legacy_v == 28 || legacy_v == 1; /* EIP-155, 27/28 */
    }
    seismic_u256_to_be(&r, sig->r);
    seismic_u256_to_be(&s, sig->s);
    sig->parity = parity & 1;
    sig->present = true;
}

/* An access list entry as cast shows it: "address => [storage keys]". */
static void append_access_item(const seismic_json *j, int e, seismic_buf *out) {
    seismic_address a;
    char text[43] = "";
    if (seismic_json_get_bytes(j, seismic_json_find(j, e, "address"), a.bytes, 20, NULL) == SEISMIC_OK)
        seismic_address_to_string(&a, text);
    seismic_buf_append_str(out, text);
    seismic_buf_append_str(out, " => ");
    append_list(j, seismic_json_find(j, e, "storageKeys"), append_word_item, out);
}

/* The members a typed envelope (legacy, 2930, 1559, 4844, 7702) or the transaction around it takes; the rest of a
   transaction of another type (0x4a) is shown as cast shows fields it does not know. */
static const char *const tx_outer_keys[] = {"hash", "type", "blockHash", "blockNumber", "transactionIndex", "from"};

static bool known_type(uint8_t type) { return type <= 4; }

/* An EIP-7702 authorization as cast shows it: the authority recovered from its signature
   (keccak(0x05 || rlp([chainId, address, nonce]))) and the signed entry as JSON. */
static void append_authorization_item(const seismic_json *j, int e, seismic_buf *out) {
    uint64_t chain_id = 0, nonce = 0;
    seismic_address address, authority;
    tx_signature sig;
    seismic_signature signature;
    uint8_t digest[32];
    char text[43];
    size_t len = 0;
    seismic_buf preimage = {0};
    bool ok = seismic_json_get_u64(j, seismic_json_find(j, e, "chainId"), &chain_id) == SEISMIC_OK &&
              seismic_json_get_u64(j, seismic_json_find(j, e, "nonce"), &nonce) == SEISMIC_OK &&
              seismic_json_get_bytes(j, seismic_json_find(j, e, "address"), address.bytes, 20, NULL) == SEISMIC_OK;
    read_signature(j, e, &sig);
    if (ok && sig.present) {
        seismic_buf_append_byte(&preimage, 0x05);
        size_t begin = seismic_rlp_list_begin(&preimage);
        seismic_rlp_put_u64(&preimage, chain_id);
        seismic_rlp_put_bytes(&preimage, address.bytes, 20);
        seismic_rlp_put_u64(&preimage, nonce);
        seismic_rlp_list_end(&preimage, begin);
        seismic_keccak256(preimage.data, preimage.len, digest);
        memcpy(signature.r, sig.r, 32);
        memcpy(signature.s, sig.s, 32);
        signature.y_parity = (uint8_t)sig.parity;
        ok = !preimage.failed && seismic_recover(digest, &signature, &authority, NULL) == SEISMIC_OK;
    }
    seismic_buf_free(&preimage);
    seismic_buf_append_str(out, "{recoveredAuthority: ");
    if (ok && sig.present) {
        seismic_address_to_string(&authority, text);
        seismic_buf_append_str(out, text);
    } else {
        seismic_buf_append_str(out, "<error: the signature does not recover>");
    }
    seismic_buf_append_str(out, ", signedAuthority: ");
    const char *raw = seismic_json_raw(j, e, &len);
    seismic_buf_append(out, raw, len);
    seismic_buf_append_byte(out, '}');
}

/* cast tx HASH: the block position, then the envelope, then the signature. */
static void format_tx(const seismic_json *j, int obj, const seismic_transaction *t, seismic_buf *out) {
    tx_signature sig;
    seismic_u256 effective;
    read_signature(j, obj, &sig);
    if (t->pending) {
        row(out, "blockHash", "");
        row(out, "blockNumber", "");
    } else {
        row_hex(out, "blockHash", t->block_hash, 32);
        row_u64(out, "blockNumber", t->block_number);
    }
    row_address(out, "from", true, &t->from);
    if (t->pending) row(out, "transactionIndex", "");
    else row_u64(out, "transactionIndex", t->transaction_index);
    if (seismic_json_get_u256(j, seismic_json_find(j, obj, "gasPrice"), &effective) == SEISMIC_OK)
        row_u256(out, "effectiveGasPrice", &effective);
    else
        row(out, "effectiveGasPrice", "");
    row_hex(out, "hash", t->hash, 32);
    if (!known_type(t->type)) { /* cast's layout of a type it does not know */
        char type[32];
        snprintf(type, sizeof type, "\ntype               0x%x\n", t->type);
        seismic_buf_append_str(out, type);
        seismic_buf other = {0};
        append_other_fields(j, obj, tx_outer_keys, sizeof tx_outer_keys / sizeof *tx_outer_keys, &other);
        if (other.len) seismic_buf_append(out, other.data + 1, other.len - 1); /* without the first newline */
        seismic_buf_append_str(out, "\n\n                    ");
        seismic_buf_free(&other);
        return;
    }
    row_u64(out, "type", t->type);
    if (t->type == 0 && seismic_json_find(j, obj, "chainId") < 0) row(out, "chainId", "");
    else row_u64(out, "chainId", t->chain_id);
    row_u64(out, "nonce", t->nonce);
    bool dynamic_fee = t->type >= 2; /* 1559, 4844, 7702 */
    if (!dynamic_fee) row_u256(out, "gasPrice", &t->gas_price);
    row_u64(out, "gasLimit", t->gas);
    if (dynamic_fee) {
        row_u256(out, "maxFeePerGas", &t->max_fee_per_gas);
        row_u256(out, "maxPriorityFeePerGas", &t->max_priority_fee_per_gas);
    }
    row_address(out, "to", t->has_to, &t->to);
    row_u256(out, "value", &t->value);
    if (t->type != 0) {
        row(out, "accessList", "");
        append_list(j, seismic_json_find(j, obj, "accessList"), append_access_item, out);
    }
    if (t->type == 3) {
        row(out, "blobVersionedHashes", "");
        append_list(j, seismic_json_find(j, obj, "blobVersionedHashes"), append_word_item, out);
        row(out, "maxFeePerBlobGas", "");
        append_member_dec(j, obj, "maxFeePerBlobGas", out);
    }
    if (t->type == 4) {
        row(out, "authorizationList", "");
        append_list(j, seismic_json_find(j, obj, "authorizationList"), append_authorization_item, out);
    }
    row_hex(out, "input", t->input, t->input_len);
    if (sig.present) {
        row_hex(out, "r", sig.r, 32);
        row_hex(out, "s", sig.s, 32);
        row_u64(out, "yParity", sig.parity);
    } else {
        row(out, "r", "");
        row(out, "s", "");
        row(out, "yParity", "");
    }
}

/* cast tx HASH FIELD; false for a field cast does not know. */
static bool format_tx_field(const seismic_json *j, int obj, const seismic_transaction *t, const char *f,
                            seismic_buf *out) {
    char text[79] = "";
    tx_signature sig;
    read_signature(j, obj, &sig);
    if (!known_type(t->type)) sig.present = false; /* cast has no signature of an unknown envelope */
    if (!strcmp(f, "blockHash") || !strcmp(f, "block_hash")) {
        if (!t->pending) seismic_buf_append_hex(out, t->block_hash, 32);
    } else if (!strcmp(f, "blockNumber") || !strcmp(f, "block_number")) {
        if (!t->pending) snprintf(text, sizeof text, "%llu", (unsigned long long)t->block_number);
    } else if (!strcmp(f, "from")) {
        seismic_address_to_string(&t->from, text);
    } else if (!strcmp(f, "gas")) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)t->gas);
    } else if (!strcmp(f, "gasPrice") || !strcmp(f, "gas_price")) { /* cast: the fee cap */
        if (known_type(t->type)) seismic_u256_to_dec(t->type >= 2 ? &t->max_fee_per_gas : &t->gas_price, text);
        else if (seismic_json_find(j, obj, "maxFeePerGas") >= 0) append_member_dec(j, obj, "maxFeePerGas", out);
        else seismic_buf_append_str(out, "0"); /* an unknown envelope has no fee cap cast can read */
    } else if (!strcmp(f, "hash")) {
        seismic_buf_append_hex(out, t->hash, 32);
    } else if (!strcmp(f, "input")) {
        seismic_buf_append_hex(out, t->input, t->input_len);
    } else if (!strcmp(f, "nonce")) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)t->nonce);
    } else if (!strcmp(f, "r") || !strcmp(f, "s")) {
        if (sig.present) seismic_buf_append_hex(out, f[0] == 'r' ? sig.r : sig.s, 32);
    } else if (!strcmp(f, "to")) {
        if (t->has_to) seismic_address_to_string(&t->to, text);
    } else if (!strcmp(f, "transactionIndex") || !strcmp(f, "transaction_index")) {
        if (!t->pending) snprintf(text, sizeof text, "%llu", (unsigned long long)t->transaction_index);
    } else if (!strcmp(f, "v")) {
        if (sig.present) snprintf(text, sizeof text, "%u", 27 + sig.parity);
    } else if (!strcmp(f, "value")) {
        seismic_u256_to_dec(&t->value, text);
    } else {
        return false;
    }
    seismic_buf_append_str(out, text);
    return true;
}

/* cast tx --json: the node's object for the envelopes cast knows (Anvil's order is alloy's); for
   another type cast's order: hash, type, the other members by name, then the block position. */
static void format_tx_json(const seismic_json *j, int obj, const seismic_transaction *t, seismic_buf *out) {
    size_t len = 0;
    const char *raw = seismic_json_raw(j, obj, &len);
    if (known_type(t->type)) {
        seismic_buf_append(out, raw, len);
        return;
    }
    static const char *const first[] = {"hash", "type"};
    static const char *const last[] = {"blockHash", "blockNumber", "transactionIndex", "from"};
    size_t n;
    int *keys = other_keys(j, obj, tx_outer_keys, sizeof tx_outer_keys / sizeof *tx_outer_keys, &n);
    seismic_json_writer w;
    seismic_json_writer_init(&w, out);
    seismic_json_writer_object_begin(&w);
    put_members(&w, j, obj, first, 2);
    for (size_t i = 0; i < n; i++) put_member(&w, j, keys[i]);
    for (size_t i = 0; i < 3; i++) { /* a pending transaction's position is null */
        if (seismic_json_find(j, obj, last[i]) >= 0) {
            put_members(&w, j, obj, last + i, 1);
        } else {
            seismic_json_writer_key(&w, last[i]);
            seismic_json_writer_null(&w);
        }
    }
    put_members(&w, j, obj, last + 3, 1);
    seismic_json_writer_object_end(&w);
    free(keys);
}

/* cast receipt HASH [FIELD]: each field of cast's receipt; false for a field cast does not know.
   revert_reason: what replaying a failed transaction said after "execution reverted: " (or NULL). */
static bool format_receipt_field(const seismic_json *j, int obj, const seismic_receipt *rc, const char *f,
                                 const char *revert_reason, seismic_buf *out) {
    char text[79] = "";
    if (!strcmp(f, "blockHash") || !strcmp(f, "block_hash")) {
        seismic_buf_append_hex(out, rc->block_hash, 32);
    } else if (!strcmp(f, "blockNumber") || !strcmp(f, "block_number")) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)rc->block_number);
    } else if (!strcmp(f, "contractAddress") || !strcmp(f, "contract_address")) {
        if (rc->has_contract_address) seismic_address_to_string(&rc->contract_address, text);
    } else if (!strcmp(f, "cumulativeGasUsed") || !strcmp(f, "cumulative_gas_used")) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)rc->cumulative_gas_used);
    } else if (!strcmp(f, "effectiveGasPrice") || !strcmp(f, "effective_gas_price")) {
        seismic_u256_to_dec(&rc->effective_gas_price, text);
    } else if (!strcmp(f, "from")) {
        seismic_address_to_string(&rc->from, text);
    } else if (!strcmp(f, "gasUsed") || !strcmp(f, "gas_used")) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)rc->gas_used);
    } else if (!strcmp(f, "logs")) { /* in full: the node's log objects */
        append_member_text(j, obj, "logs", out);
    } else if (!strcmp(f, "logsBloom") || !strcmp(f, "logs_bloom")) {
        append_member_text(j, obj, "logsBloom", out);
    } else if (!strcmp(f, "root") || !strcmp(f, "stateRoot") || !strcmp(f, "state_root")) {
        append_member_text(j, obj, "root", out);
    } else if (!strcmp(f, "status") || !strcmp(f, "statusCode") || !strcmp(f, "status_code")) {
        seismic_buf_append_str(out, rc->success ? "true" : "false"); /* as cast: a bool alone, "1 (success)" in the table */
    } else if (!strcmp(f, "transactionHash") || !strcmp(f, "transaction_hash")) {
        seismic_buf_append_hex(out, rc->transaction_hash, 32);
    } else if (!strcmp(f, "transactionIndex") || !strcmp(f, "transaction_index")) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)rc->transaction_index);
    } else if (!strcmp(f, "to")) {
        if (rc->has_to) seismic_address_to_string(&rc->to, text);
    } else if (!strcmp(f, "type") || !strcmp(f, "transaction_type")) {
        snprintf(text, sizeof text, "%u", rc->type);
    } else if (!strcmp(f, "blobGasPrice") || !strcmp(f, "blob_gas_price")) {
        append_member_dec(j, obj, "blobGasPrice", out);
    } else if (!strcmp(f, "blobGasUsed") || !strcmp(f, "blob_gas_used")) {
        append_member_dec(j, obj, "blobGasUsed", out);
    } else if (!strcmp(f, "revertReason") || !strcmp(f, "revert_reason")) {
        if (revert_reason) seismic_buf_append_str(out, revert_reason);
    } else {
        return false;
    }
    seismic_buf_append_str(out, text);
    return true;
}

static void format_receipt(const seismic_json *j, int obj, const seismic_receipt *rc, const char *revert_reason,
                           seismic_buf *out) {
    static const char *const rows[] = {"blockHash", "blockNumber", "contractAddress", "cumulativeGasUsed",
                                       "effectiveGasPrice", "from", "gasUsed", "logs", "logsBloom", "root", "status",
                                       "transactionHash", "transactionIndex", "type", "blobGasPrice", "blobGasUsed"};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        row(out, rows[i], "");
        if (!strcmp(rows[i], "status")) seismic_buf_append_str(out, rc->success ? "1 (success)" : "0 (failed)");
        else format_receipt_field(j, obj, rc, rows[i], NULL, out);
    }
    if (rc->has_to) row_address(out, "to", true, &rc->to);
    seismic_buf other = {0};
    append_other_fields(j, obj, receipt_keys, RECEIPT_KEY_COUNT, &other);
    if (other.len) { /* cast ends its other fields with a newline */
        seismic_buf_append(out, other.data, other.len);
        seismic_buf_append_byte(out, '\n');
    }
    seismic_buf_free(&other);
    if (revert_reason) row(out, "revertReason", revert_reason);
}

/* cast receipt --json: alloy's order (the envelope's members first, then the receipt's, then the
   others by name), and revertReason. */
static void format_receipt_json(const seismic_json *j, int obj, const char *revert_reason, seismic_buf *out) {
    size_t n;
    int *keys = other_keys(j, obj, receipt_keys, RECEIPT_KEY_COUNT, &n);
    seismic_json_writer w;
    seismic_json_writer_init(&w, out);
    seismic_json_writer_object_begin(&w);
    put_members(&w, j, obj, receipt_keys, RECEIPT_KEY_COUNT);
    for (size_t i = 0; i < n; i++) put_member(&w, j, keys[i]);
    if (revert_reason) {
        seismic_json_writer_key(&w, "revertReason");
        seismic_json_writer_string(&w, revert_reason);
    }
    seismic_json_writer_object_end(&w);
    free(keys);
}

/* Why a failed transaction reverted, as cast finds it: the transaction replayed as an eth_call at its
   block, and whatever the node's error says after "execution reverted: " (with the error's data, as
   cast prints it). NULL when there is nothing to say. */
static char *revert_reason(const seismic_receipt *rc) {
    seismic_request req = seismic_eth_get_transaction(g.client, rc->transaction_hash, NULL);
    seismic_error err = {"", SEISMIC_OK};
    const seismic_response *resp = seismic_await_response(g.client, req, &err);
    seismic_transaction t;
    char *reason = NULL;
    if (!resp || seismic_response_transaction(resp, &t) != SEISMIC_OK) {
        if (resp) seismic_request_release(g.client, req);
        return NULL;
    }
    seismic_buf params = {0};
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_object_begin(&w);
    put_address(&w, "from", true, &t.from);
    if (t.has_to) put_address(&w, "to", true, &t.to);
    put_u64(&w, "gas", t.gas);
    put_u256(&w, "value", &t.value);
    put_hex(&w, "input", t.input, t.input_len);
    seismic_json_writer_object_end(&w);
    seismic_json_writer_hex(&w, rc->block_hash, 32);
    seismic_json_writer_array_end(&w);
    seismic_request_release(g.client, req);
    req = seismic_rpc(g.client, "eth_call", seismic_buf_cstr(&params), NULL);
    seismic_buf_free(&params);
    resp = seismic_await_response(g.client, req, &err);
    if (resp && resp->result == SEISMIC_ERR_RPC && resp->error_message) {
        static const char marker[] = "execution reverted: ";
        const char *at = strstr(resp->error_message, marker);
        if (at) {
            seismic_buf text = {0};
            seismic_buf_append_str(&text, at + strlen(marker));
            if (resp->rpc_data) { /* alloy's error text: "message, data: <the data as JSON>" */
                seismic_buf_append_str(&text, ", data: ");
                seismic_buf_append(&text, resp->rpc_data, resp->rpc_data_len);
            }
            if (!text.failed && (reason = (char *)malloc(text.len + 1)) != NULL) memcpy(reason, seismic_buf_cstr(&text), text.len + 1);
            seismic_buf_free(&text);
        }
    }
    if (resp) seismic_request_release(g.client, req);
    return reason;
}

/* A Seismic transaction's signed encoding, rebuilt from its fields (cast cannot encode type 0x4a); it must
   hash to the transaction's hash. */
static int encode_seismic_tx(const seismic_json *j, int obj, const seismic_transaction *t, seismic_buf *out) {
    seismic_shielded_tx tx;
    tx_signature sig;
    uint8_t hash[32];
    memset(&tx, 0, sizeof tx);
    read_signature(j, obj, &sig);
    if (!sig.present) return failf("the transaction has no signature");
    if (seismic_json_size(j, seismic_json_find(j, obj, "authorizationList")) != 0)
        return failf("a Seismic transaction with an authorization list cannot be rebuilt here");
    tx.chain_id = t->chain_id;
    tx.nonce = t->nonce;
    tx.gas_price = t->gas_price;
    tx.gas = t->gas;
    tx.has_to = t->has_to;
    tx.to = t->to;
    tx.value = t->value;
    memcpy(tx.encryption_pubkey, t->encryption_pubkey, 33);
    memcpy(tx.encryption_nonce, t->encryption_nonce, 12);
    tx.message_version = t->message_version;
    memcpy(tx.recent_block_hash, t->recent_block_hash, 32);
    tx.expires_at_block = t->expires_at_block;
    tx.signed_read = t->signed_read;
    tx.input = t->input;
    tx.input_len = t->input_len;
    memcpy(tx.signature.r, sig.r, 32);
    memcpy(tx.signature.s, sig.s, 32);
    tx.signature.y_parity = (uint8_t)sig.parity;
    seismic_buf raw = {0};
    seismic_result r = seismic_shielded_tx_encode(&tx, &raw);
    if (r == SEISMIC_OK) seismic_keccak256(raw.data, raw.len, hash);
    if (r == SEISMIC_OK && memcmp(hash, t->hash, 32) != 0) r = SEISMIC_ERR_PARSE;
    if (r == SEISMIC_OK) seismic_buf_append_hex(out, raw.data, raw.len);
    seismic_buf_free(&raw);
    return r ? failf("the node's fields do not encode to the transaction's hash (%s)", seismic_result_string(r)) : 0;
}

/* tx HASH raw / --raw: the signed encoding, as the node has it (eth_getRawTransactionByHash, what cast
   re-encodes), checked against the hash; a 0x4a transaction rebuilt from its fields. */
static int format_tx_raw(const seismic_json *j, int obj, const seismic_transaction *t, seismic_buf *out) {
    if (t->type == SEISMIC_TX_TYPE_SEISMIC) return encode_seismic_tx(j, obj, t, out);
    char params[80];
    uint8_t hash[32];
    seismic_hex_encode(t->hash, 32, params + 2);
    params[0] = '[';
    params[1] = '"';
    memcpy(params + 68, "\"]", 3);
    seismic_request req = seismic_rpc(g.client, "eth_getRawTransactionByHash", params, NULL);
    const seismic_response *resp = await_response(req, "eth_getRawTransactionByHash");
    const uint8_t *data = NULL;
    size_t len = 0;
    if (!resp) return 1;
    seismic_result r = seismic_response_data(resp, &data, &len);
    if (r == SEISMIC_OK) seismic_keccak256(data, len, hash);
    /* a blob transaction comes in its network form (with the blobs), which the hash does not cover */
    bool checked = t->type != 3;
    int status = r ? failf("the node has no raw transaction (%s)", seismic_result_string(r))
                   : checked && memcmp(hash, t->hash, 32) ? failf("the node's raw transaction does not hash to the transaction's hash")
                                                         : (seismic_buf_append_hex(out, data, len), 0);
    seismic_request_release(g.client, req);
    return status;
}

/* tx HASH [FIELD] */
static int cmd_tx(int argc, char **argv) {
    uint8_t hash[32];
    bool raw = has_flag(&argc, argv, "--raw");
    if (reject_options(argc, argv)) return 1;
    if (argc < 1 || argc > 2) return failf("expected a transaction hash and optionally a field");
    if (parse_hash(argv[0], hash, "transaction") || !client()) return 1;
    seismic_request req = seismic_eth_get_transaction(g.client, hash, NULL);
    const seismic_response *resp = await_response(req, "eth_getTransactionByHash");
    if (!resp) return 1;
    seismic_transaction t;
    seismic_result r = seismic_response_transaction(resp, &t);
    seismic_buf out = {0};
    int status = 0;
    if (r == SEISMIC_ERR_NOT_FOUND) {
        status = failf("transaction %s not found", argv[0]);
    } else if (r) {
        status = failf("the node's transaction %s is malformed (%s)", argv[0], seismic_result_string(r));
    } else if (raw || (argc == 2 && strcmp(argv[1], "raw") == 0)) {
        status = format_tx_raw(&resp->json, resp->result_index, &t, &out);
    } else if (argc == 2) {
        if (!format_tx_field(&resp->json, resp->result_index, &t, argv[1], &out))
            status = failf("invalid tx field: %s", argv[1]);
    } else if (g.json) {
        format_tx_json(&resp->json, resp->result_index, &t, &out);
    } else {
        format_tx(&resp->json, resp->result_index, &t, &out);
    }
    if (status == 0) emit(&out);
    seismic_buf_free(&out);
    seismic_request_release(g.client, req);
    return status;
}

/* receipt HASH [FIELD] [--async]: as cast, it waits for a transaction not mined yet unless --async */
static int cmd_receipt(int argc, char **argv) {
    bool wait = !has_flag(&argc, argv, "--async");
    uint8_t hash[32];
    has_flag(&argc, argv, "--wait"); /* the default; accepted as before */
    if (reject_options(argc, argv)) return 1;
    if (argc < 1 || argc > 2) return failf("expected a transaction hash and optionally a field");
    if (parse_hash(argv[0], hash, "transaction") || !client()) return 1;
    seismic_request req = {0};
    const seismic_response *resp =
        wait ? wait_receipt(hash, &req)
             : await_response(req = seismic_eth_get_transaction_receipt(g.client, hash, NULL), "eth_getTransactionReceipt");
    if (!resp) return 1;
    seismic_receipt rc;
    seismic_result r = seismic_response_receipt(resp, &rc);
    seismic_buf out = {0};
    char *reason = NULL;
    int status = 0;
    if (r == SEISMIC_ERR_NOT_FOUND)
        status = failf("no receipt for %s: unknown or not mined yet (without --async it waits for it)", argv[0]);
    else if (r)
        status = failf("the node's receipt of %s is malformed (%s)", argv[0], seismic_result_string(r));
    if (status == 0 && !rc.success) reason = revert_reason(&rc);
    const seismic_json *j = &resp->json;
    int obj = resp->result_index;
    if (status == 0 && argc == 2) {
        if (!format_receipt_field(j, obj, &rc, argv[1], reason, &out)) status = failf("invalid receipt field: %s", argv[1]);
    } else if (status == 0 && g.json) {
        format_receipt_json(j, obj, reason, &out);
    } else if (status == 0) {
        format_receipt(j, obj, &rc, reason, &out);
    }
    if (status == 0) emit(&out);
    free(reason);
    seismic_buf_free(&out);
    seismic_request_release(g.client, req);
    return status;
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

/* The eth_getLogs filter of --from, --to, --address and --topic, with room for its arrays. */
typedef struct log_filter_args {
    seismic_log_filter filter;
    seismic_address addresses[64];
    uint8_t topics[4][32];
} log_filter_args;

static int build_filter(int *argc, char **argv, log_filter_args *out) {
    bool bad = false;
    const char *from = take_option(argc, argv, "--from", &bad);
    const char *to = take_option(argc, argv, "--to", &bad);
    size_t ntopics = 0;
    const char *v;
    memset(out, 0, sizeof *out);
    out->filter.addresses = out->addresses;
    while (!bad && (v = take_option(argc, argv, "--address", &bad)) != NULL) {
        if (out->filter.address_count == 64) return failf("at most 64 --address");
        if (parse_address(v, &out->addresses[out->filter.address_count++], "--address")) return 1;
    }
    while (!bad && (v = take_option(argc, argv, "--topic", &bad)) != NULL) {
        bool any;
        if (ntopics == 4) return failf("at most 4 --topic (topic0 to topic3)");
        if (parse_topic(v, out->topics[ntopics], &any)) return 1;
        if (!any) {
            out->filter.topics[ntopics].any_of = (const uint8_t(*)[32])out->topics[ntopics];
            out->filter.topics[ntopics].count = 1;
        }
        ntopics++;
    }
    if (bad || (from && parse_block(from, &out->filter.from_block)) || (to && parse_block(to, &out->filter.to_block)))
        return 1;
    return 0;
}

/* " topics T1,T2 data 0x..": a log's topics ("-" for none) and data. */
static void append_topics_and_data(seismic_buf *out, const seismic_log *log) {
    seismic_buf_append_str(out, " topics ");
    for (uint32_t t = 0; t < log->topic_count; t++) {
        if (t) seismic_buf_append_byte(out, ',');
        seismic_buf_append_hex(out, log->topics[t], 32);
    }
    if (!log->topic_count) seismic_buf_append_str(out, "-");
    seismic_buf_append_str(out, " data ");
    seismic_buf_append_hex(out, log->data, log->data_len);
}

/* One log per line: block, transaction, index, address, topics, data (hex as the node writes it). */
static void print_log_line(const seismic_log *log) {
    seismic_buf line = {0};
    char num[24];
    snprintf(num, sizeof num, "%llu", (unsigned long long)log->block_number);
    seismic_buf_append_str(&line, "block ");
    seismic_buf_append_str(&line, num);
    seismic_buf_append_str(&line, " tx ");
    seismic_buf_append_hex(&line, log->transaction_hash, 32);
    snprintf(num, sizeof num, "%llu", (unsigned long long)log->log_index);
    seismic_buf_append_str(&line, " index ");
    seismic_buf_append_str(&line, num);
    seismic_buf_append_str(&line, " address ");
    seismic_buf_append_hex(&line, log->address.bytes, 20);
    append_topics_and_data(&line, log);
    printf("%s\n", seismic_buf_cstr(&line));
    seismic_buf_free(&line);
}

static int cmd_logs(int argc, char **argv) {
    log_filter_args filter;
    if (build_filter(&argc, argv, &filter) || reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("unexpected argument %s (see --help)", argv[0]);
    seismic_request req = {0};
    const seismic_response *resp =
        client() ? await_response(req = seismic_eth_get_logs(g.client, &filter.filter, NULL), "eth_getLogs") : NULL;
    if (!resp) return 1;
    const seismic_log *logs;
    size_t count;
    int status = 0;
    if (seismic_response_logs(resp, &logs, &count) != SEISMIC_OK) {
        status = failf("eth_getLogs: a malformed result");
    } else if (g.json) { /* the node's array as it came */
        size_t len = 0;
        const char *raw = seismic_response_raw(resp, &len);
        printf("%.*s\n", (int)len, raw);
    } else {
        for (size_t i = 0; i < count; i++) print_log_line(&logs[i]);
    }
    seismic_request_release(g.client, req);
    return status;
}

typedef struct watch_state {
    uint64_t seen, count; /* count 0: no limit */
} watch_state;

/* A newHeads notification (subscriptions hand over the notification's JSON). */
static void on_notification(seismic_client *c, seismic_subscription sub, const seismic_json *json, int result,
                            void *user_data) {
    watch_state *ws = (watch_state *)user_data;
    (void)c;
    (void)sub;
    if (ws->count && ws->seen == ws->count) return; /* one turn of the loop can bring many blocks */
    ws->seen++;
    if (g.json) {
        size_t len = 0;
        const char *raw = seismic_json_raw(json, result, &len);
        printf("%.*s\n", (int)len, raw ? raw : "null");
    } else {
        uint64_t number = 0, timestamp = 0;
        uint8_t hash[32];
        char hex[67] = "";
        seismic_json_get_u64(json, seismic_json_find(json, result, "number"), &number);
        seismic_json_get_u64(json, seismic_json_find(json, result, "timestamp"), &timestamp);
        if (seismic_json_get_bytes(json, seismic_json_find(json, result, "hash"), hash, 32, NULL) == SEISMIC_OK)
            seismic_hex_encode(hash, 32, hex);
        printf("block %llu %s timestamp %llu\n", (unsigned long long)number, hex, (unsigned long long)timestamp);
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
            append_topics_and_data(&out, log);
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
            d.filter.topics[ntopics].any_of = (const uint8_t(*)[32])topics[ntopics];
            d.filter.topics[ntopics].count = 1;
        }
        ntopics++;
    }
    if (bad || (from && parse_block(from, &d.filter.from_block)) ||
        (confirmations && (parse_u64(confirmations, &depth, "--confirmations") ||
                           (depth > UINT32_MAX && failf("--confirmations %s is too large", confirmations)))))
        return 1;
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("unexpected argument %s (see --help)", argv[0]);
    if (!client()) return 1;
    log_watch_state state = {0, count, NULL};
    seismic_error err = {"", SEISMIC_OK};
    d.filter.addresses = addresses;
    d.filter.address_count = naddresses;
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
    watch_state ws = {0};
    if (bad || (count_text && parse_u64(count_text, &count, "--count"))) return 1;
    if (argc < 1 || (strcmp(argv[0], "blocks") != 0 && strcmp(argv[0], "logs") != 0))
        return failf("expected blocks or logs (see --help)");
    if (strcmp(argv[0], "logs") == 0) return watch_logs(argc - 1, argv + 1, count);
    ws.count = count;
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
            fprintf(stderr, "seismic: watch: subscribed to new blocks at %s", g.rpc_url);
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
    seismic_buf file = {0};
    seismic_json parsed;
    seismic_json_token *tokens = NULL;
    seismic_error err = {"", SEISMIC_OK};
    int status = 1;
    if (read_whole_file(path, &file)) goto done;
    for (size_t cap = 1024;;) { /* as many tokens as the file needs */
        free(tokens);
        tokens = (seismic_json_token *)malloc(cap * sizeof *tokens);
        seismic_result r = tokens ? seismic_json_parse(&parsed, seismic_buf_cstr(&file), file.len, tokens, cap, &err)
                                  : SEISMIC_ERR_NO_MEMORY;
        if (r == SEISMIC_ERR_CAPACITY && parsed.count > cap) {
            cap = parsed.count;
            continue;
        }
        if (r) {
            failf("%s is not JSON: %s", path, err.message[0] ? err.message : seismic_result_string(r));
            goto done;
        }
        break;
    }
    const seismic_json *j = &parsed;
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
    free(tokens);
    seismic_buf_free(&file);
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
    int status = 1;
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
    uint8_t hash[32];
    if (await_tx_hash(seismic_transparent_write(w, NULL, code.data, code.len, &tx, NULL), "deploying", hash)) goto done;
    /* the contract's address follows from the sender and the nonce the transaction used */
    seismic_request req = seismic_eth_get_transaction(g.client, hash, NULL);
    const seismic_response *resp = await_response(req, "eth_getTransactionByHash");
    seismic_transaction sent;
    if (!resp) goto done;
    seismic_result r = seismic_response_transaction(resp, &sent);
    seismic_request_release(g.client, req);
    if (r) {
        char hex[67];
        seismic_hex_encode(hash, 32, hex);
        failf("the node does not know the deployment %s yet", hex);
        goto done;
    }
    seismic_address created;
    seismic_contract_address(&sent.from, sent.nonce, &created);
    status = report_tx("deploying", hash, wait, true, &created);
done:
    seismic_buf_free(&code);
    seismic_buf_free(&types);
    return status;
}

/*---- estimate, as cast ----*/

/* The block of a read as JSON: a tag, a quantity or a hash. */
static void write_block_ref(seismic_json_writer *w, const seismic_block_ref *b) {
    static const char *const tags[] = {"latest", "pending", "safe", "finalized", "earliest"};
    if (b->kind == SEISMIC_BLOCK_NUMBER) seismic_json_writer_quantity_u64(w, b->number);
    else if (b->kind == SEISMIC_BLOCK_HASH) seismic_json_writer_hex(w, b->hash, 32);
    else seismic_json_writer_string(w, tags[b->kind]);
}

/* cast's input from SIG [ARGS...]: hex calldata as it is, else the function's selector and arguments, or
   for a deployment (constructor) the arguments alone, after the code. */
static int estimate_input(const char *sig, char **args, size_t nargs, bool create, seismic_buf *input) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r;
    if (!sig) return 0;
    if (!strchr(sig, '(')) {
        if (seismic_hex_decode_buf(sig, strlen(sig), input) == SEISMIC_OK) return nargs ? failf("hex calldata takes no arguments") : 0;
        return failf("%s is neither a signature like 'f(uint256)' nor hex calldata", sig);
    }
    if (create) { /* "constructor(uint256,string)": the types in its first parentheses */
        const char *open = strchr(sig, '(');
        size_t depth = 0, len = 0;
        for (const char *p = open; *p; p++, len++) {
            if (*p == '(') depth++;
            else if (*p == ')' && --depth == 0) {
                len++;
                break;
            }
        }
        char *types = (char *)malloc(len + 1);
        if (!types) return failf("out of memory");
        memcpy(types, open, len);
        types[len] = 0;
        r = seismic_abi_encode_text(types, (const char *const *)args, nargs, input, &err);
        free(types);
    } else {
        r = seismic_abi_encode_call_text(sig, (const char *const *)args, nargs, input, &err);
    }
    return r ? failf("%s: %s", sig, err.message[0] ? err.message : seismic_result_string(r)) : 0;
}

/* estimate [TO] [SIG] [ARGS...] | estimate --create CODE [SIG] [ARGS...]; --from, --value, -B. */
static int cmd_estimate(int argc, char **argv) {
    bool bad = false;
    const char *code = take_option(&argc, argv, "--create", &bad);
    const char *from_text = take_option(&argc, argv, "--from", &bad);
    if (!from_text && !bad) from_text = take_option(&argc, argv, "-f", &bad);
    const char *value_text = take_option(&argc, argv, "--value", &bad);
    const char *block_text = take_option(&argc, argv, "--block", &bad);
    if (!block_text && !bad) block_text = take_option(&argc, argv, "-B", &bad);
    seismic_block_ref block = seismic_block_at_tag(SEISMIC_BLOCK_LATEST);
    seismic_address to, from;
    seismic_u256 value;
    seismic_buf input = {0}, params = {0};
    int status = 1;
    memset(&from, 0, sizeof from); /* cast: the key's address, else --from (ETH_FROM), else zero */
    if (!from_text) from_text = getenv("ETH_FROM");
    if (bad || reject_options(argc, argv) || (block_text && parse_block(block_text, &block)) ||
        (value_text && parse_amount(value_text, &value, "--value")))
        return 1;
    if (!code && argc < 1) return failf("expected TO [SIG] [ARGS...] or --create CODE [SIG] [ARGS...]");
    if (!code && parse_address(argv[0], &to, "to")) return 1;
    if (!code) argc--, argv++;
    if (g.private_key && g.private_key[0] && strcmp(g.key_source, "--private-key") == 0) {
        seismic_private_key key;
        if (load_key(&key)) return 1;
        seismic_result r = seismic_private_key_address(&key, &from);
        seismic_private_key_wipe(&key);
        if (r) return failf("%s", seismic_result_string(r));
    } else if (from_text && from_text[0] && parse_address(from_text, &from, "--from")) {
        return 1;
    }
    if (code && (seismic_hex_decode_buf(code, strlen(code), &input) || input.len == 0)) {
        failf("--create %.20s... is not hex bytecode", code);
        goto done;
    }
    if (estimate_input(argc ? argv[0] : NULL, argv + (argc ? 1 : 0), argc ? (size_t)argc - 1 : 0, code != NULL, &input))
        goto done;
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_object_begin(&w);
    put_address(&w, "from", true, &from);
    if (!code) put_address(&w, "to", true, &to);
    if (value_text) put_u256(&w, "value", &value);
    put_hex(&w, "data", input.data, input.len);
    seismic_json_writer_object_end(&w);
    write_block_ref(&w, &block);
    seismic_json_writer_array_end(&w);
    uint64_t gas;
    if (params.failed) failf("out of memory");
    else if (client() && !await_u64(seismic_rpc(g.client, "eth_estimateGas", seismic_buf_cstr(&params), NULL),
                                    "eth_estimateGas", &gas)) {
        print_u64(gas);
        status = 0;
    }
done:
    seismic_buf_free(&input);
    seismic_buf_free(&params);
    return status;
}

/*---- cast's raw node commands: rpc, code, codesize, storage ----*/

/* Calls method with params (a JSON array) and prints the result as JSON text (strings quoted, as cast). */
static int print_rpc_result(const char *method, const char *params) {
    seismic_request req;
    const seismic_response *resp;
    size_t len = 0;
    if (!client() || !(resp = await_response(req = seismic_rpc(g.client, method, params, NULL), method))) return 1;
    const char *raw = seismic_response_raw(resp, &len);
    printf("%.*s\n", (int)len, raw);
    seismic_request_release(g.client, req);
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

/* code, codesize and storage: an address (plus `extra` positional words) as params; the node's data. */
static int query_address_data(int argc, char **argv, int extra, const char *method, bool size_only) {
    seismic_buf params = {0};
    int status = 1;
    seismic_request req;
    const seismic_response *resp;
    if (address_params(&argc, argv, extra, &params) == 0 && client() &&
        (resp = await_response(req = seismic_rpc(g.client, method, seismic_buf_cstr(&params), NULL), method)) != NULL) {
        const uint8_t *data = NULL;
        size_t len = 0;
        if (seismic_response_data(resp, &data, &len) != SEISMIC_OK) {
            failf("the node's answer is not hex data");
        } else {
            if (size_only) printf("%zu\n", len);
            else print_hex(data, len);
            status = 0;
        }
        seismic_request_release(g.client, req);
    }
    seismic_buf_free(&params);
    return status;
}

static int cmd_code(int argc, char **argv) { return query_address_data(argc, argv, 0, "eth_getCode", false); }
static int cmd_codesize(int argc, char **argv) { return query_address_data(argc, argv, 0, "eth_getCode", true); }
static int cmd_storage(int argc, char **argv) { return query_address_data(argc, argv, 1, "eth_getStorageAt", false); }

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
    {"tx", "tx HASH [FIELD] [--raw]",
     "Prints a transaction as cast does: its block position, type, fields and signature (r, s, yParity),\n"
     "the Seismic (0x4a) fields by name; with FIELD only that one (blockHash, blockNumber, from, gas, gasPrice,\n"
     "hash, input, nonce, r, s, to, transactionIndex, v, value; raw or --raw: the signed encoding, for 0x4a\n"
     "rebuilt from the fields and checked against the hash). --json: the object as cast prints it.\n"
     "Exit 1 if unknown.",
     cmd_tx},
    {"receipt", "receipt HASH [FIELD] [--async]",
     "Prints a transaction's receipt as cast does (logs in full; a failed transaction's revertReason from\n"
     "replaying it); with FIELD only that one (status, gasUsed, logs, contractAddress, ...); --json: the\n"
     "object as cast prints it. As cast, it waits for a transaction not mined yet (up to --timeout, the\n"
     "elapsed seconds on stderr); with --async a missing receipt is an error at once.",
     cmd_receipt},
    {"estimate", "estimate [TO] [SIG] [ARGS...] [--from A] [--value V] [-B BLOCK] | estimate --create CODE [SIG] [ARGS...]",
     "Prints the gas eth_estimateGas gives, as cast: a call of SIG (a signature like 'f(uint256)' or hex\n"
     "calldata) on TO, or deploying CODE with the constructor arguments of SIG ('constructor(uint256)').\n"
     "The sender is the --private-key's address, else --from (ETH_FROM), else the zero address.",
     cmd_estimate},
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
