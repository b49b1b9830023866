/* seismic — a command-line tool for the Seismic chain, built only on the public API of seismic.h.
   Run `seismic help` for the list of commands and `seismic COMMAND --help` for one. */
#include "cli.h"

cli_globals g;

/* Prints a string as one line, or as a JSON string with --json. */
void out_string(const char *s) {
    if (g.json) {
        seismic_buf b = {0};
        b.secret = true; /* it may be a signed read's decrypted result */
        seismic_json_writer w;
        seismic_json_writer_init(&w, &b);
        seismic_json_writer_string(&w, s);
        printf("%s\n", seismic_buf_cstr(&b));
        seismic_buf_free(&b);
    } else {
        printf("%s\n", s);
    }
}

int fail(const char *fmt, const char *detail) {
    fputs("seismic: ", stderr);
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    return 1;
}

int fail_error(const char *what, const seismic_error *err, seismic_result r) {
    fprintf(stderr, "seismic: %s: %s\n", what, err->message[0] ? err->message : seismic_result_string(r));
    return 1;
}

void print_hex(const void *data, size_t len) {
    seismic_buf b = {0};
    b.secret = true; /* it may be a signed read's decrypted result */
    seismic_buf_append_hex(&b, data, len);
    out_string(seismic_buf_cstr(&b));
    seismic_buf_free(&b);
}

bool has_flag(int *argc, char **argv, const char *flag) {
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], flag) == 0) {
            memmove(argv + i, argv + i + 1, (size_t)(*argc - i - 1) * sizeof *argv);
            (*argc)--;
            return true;
        }
    }
    return false;
}

/* JSON output helpers shared by tx-decode and tx-build. */
void put_u256(seismic_json_writer *w, const char *key, const seismic_u256 *v) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_quantity_u256(w, v);
}

void put_u64(seismic_json_writer *w, const char *key, uint64_t v) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_quantity_u64(w, v);
}

void put_hex(seismic_json_writer *w, const char *key, const void *data, size_t len) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_hex(w, data, len);
}

void put_address(seismic_json_writer *w, const char *key, bool present, const seismic_address *a) {
    char text[43];
    seismic_json_writer_key(w, key);
    if (!present) {
        seismic_json_writer_null(w);
        return;
    }
    seismic_address_to_string(a, text);
    seismic_json_writer_string(w, text);
}

/*==== network commands ===========================================================================*/

double now_s(void) {
#if defined(_WIN32)
    LARGE_INTEGER f, t;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

/* "seismic: COMMAND: message" on stderr; returns the exit status 1. */
int failf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "seismic: %s: ", g.cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

/* A failed request or action: the SDK's message, and a hint for timeouts and unreachable nodes. */
int fail_request(const char *what, seismic_result r, const char *message) {
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
seismic_client *client(void) {
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
int load_key(seismic_private_key *key) {
    if (!g.private_key || !g.private_key[0])
        return failf("needs a private key: pass --private-key KEY or set the PRIVATE_KEY environment variable");
    if (seismic_private_key_from_hex(g.private_key, key))
        return failf("the private key from %s must be 32 bytes of hex in the range of secp256k1", g.key_source);
    return 0;
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

/* Waits for a request submitted without a callback (its own deadline bounds the wait): the successful
   response, read with the typed accessors until seismic_request_release; NULL after printing why it
   failed (the request is then released). */
const seismic_response *await_response(seismic_request req, const char *what) {
    seismic_error err = {"", SEISMIC_OK};
    const seismic_response *resp = seismic_await_response(g.client, req, &err);
    if (!resp) {
        fail_request(what, err.result, err.message);
        return NULL;
    }
    if (resp->result != SEISMIC_OK) {
        seismic_buf msg = {0};
        describe_failure(resp, &msg);
        fail_request(what, resp->result, seismic_buf_cstr(&msg));
        seismic_buf_free(&msg);
        seismic_request_release(g.client, req);
        return NULL;
    }
    return resp;
}

/* The same with a progress line on stderr: elapsed seconds, updated at most once per second. The loop
   is driven here, a turn of seismic_client_run at a time. */
static const seismic_response *await_progress(seismic_request req, const char *what, const char *label) {
    bool tty = isatty(2) != 0;
    double start = now_s(), limit = g.timeout_s + 5;
    long shown = -1;
    while (req.id && !seismic_request_done(g.client, req) && now_s() - start < limit) {
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
    return await_response(req, what);
}

/* A write's transaction hash; 1 after printing why there is none. */
int await_tx_hash(seismic_request req, const char *what, uint8_t hash[32]) {
    const seismic_response *resp = await_response(req, what);
    if (!resp) return 1;
    seismic_result r = seismic_response_tx_hash(resp, hash);
    if (r) {
        size_t len = 0;
        const char *raw = seismic_response_raw(resp, &len);
        failf("%s: the result %.*s is not a transaction hash", what ? what : "sending", (int)(len > 80 ? 80 : len),
              raw ? raw : "");
    }
    seismic_request_release(g.client, req);
    return r ? 1 : 0;
}

int await_u64(seismic_request req, const char *what, uint64_t *out) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_await_u64(g.client, req, out, &err);
    return r ? fail_request(what, r, err.message) : 0;
}

int await_u256(seismic_request req, const char *what, seismic_u256 *out) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_await_u256(g.client, req, out, &err);
    return r ? fail_request(what, r, err.message) : 0;
}

/* The wallet of the private key, created on first use. */
seismic_wallet *wallet(seismic_message_version message_version) {
    seismic_private_key key;
    if (g.wallet) return g.wallet;
    if (load_key(&key)) return NULL;
    seismic_private_key_wipe(&key);
    if (!client()) return NULL;
    seismic_wallet_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.private_key = g.private_key;
    desc.message_version = message_version;
    seismic_wallet *w = NULL;
    seismic_request req = seismic_wallet_create(g.client, &desc, NULL, &w);
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
const char *take_option(int *argc, char **argv, const char *name, bool *bad) {
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
int reject_options(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] == '-') return failf("unknown option %s (see --help)", argv[i]);
    return 0;
}

int parse_address(const char *text, seismic_address *out, const char *what) {
    if (seismic_address_parse(text, strlen(text), out))
        return failf("%s %s is not an address (0x + 40 hex digits, mixed case only with a valid EIP-55 checksum)",
                     what, text);
    return 0;
}

int parse_hash(const char *text, uint8_t out[32], const char *what) {
    if (seismic_hex_decode(text, strlen(text), out, 32, NULL))
        return failf("%s %s is not a 32-byte hash (0x + 64 hex digits)", what, text);
    return 0;
}

int parse_u64(const char *text, uint64_t *out, const char *what) {
    seismic_u256 v;
    if (seismic_u256_parse(text, strlen(text), &v) || !seismic_u256_to_u64(&v, out))
        return failf("%s %s is not a number (decimal or 0x hex)", what, text);
    return 0;
}

/* Wei, or with a unit suffix: "1.5ether", "20gwei", "7wei". */
int parse_amount(const char *text, seismic_u256 *out, const char *what) {
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

bool is_tag(const char *text) {
    static const char *const tags[] = {"latest", "pending", "safe", "finalized", "earliest"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (strcmp(text, tags[i]) == 0) return true;
    return false;
}

/* A block number, a 32-byte hash or a tag. */
int parse_block(const char *text, seismic_block_ref *out) {
    if (seismic_block_ref_parse(text, strlen(text), out) != SEISMIC_OK) {
        return failf("block %s is not a number, a 32-byte hash or one of latest, pending, safe, finalized, earliest",
                     text);
    }
    return 0;
}

/*---- output ----*/

void emit(seismic_buf *b) {
    printf("%s\n", seismic_buf_cstr(b));
}

void print_u256(const seismic_u256 *v, bool ether) {
    char text[80];
    if (ether) seismic_format_units(v, SEISMIC_ETHER_DECIMALS, text);
    else seismic_u256_to_dec(v, text);
    out_string(text);
}

void print_u64(uint64_t v) {
    printf("%llu\n", (unsigned long long)v);
}

/* Waits for the receipt with progress on stderr (the request's deadline is --timeout): the response,
   read with seismic_response_receipt until seismic_request_release(*req), or NULL after printing why not. */
const seismic_response *wait_receipt(const uint8_t hash[32], seismic_request *req) {
    char hex[67], label[120];
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = g.timeout_ms;
    seismic_hex_encode(hash, 32, hex);
    snprintf(label, sizeof label, "waiting for the receipt of %s", hex);
    *req = seismic_eth_wait_for_receipt(g.client, hash, 500, &o);
    return await_progress(*req, "waiting for the receipt", label);
}

bool is_websocket(const char *url) {
    return strncmp(url, "ws://", 5) == 0 || strncmp(url, "wss://", 6) == 0;
}

/*---- contracts and transactions ----*/

/* --value and --gas into tx (zero = defaults: no value, estimated gas). */
int parse_tx_options(int *argc, char **argv, seismic_tx_options *tx) {
    bool bad = false;
    const char *value = take_option(argc, argv, "--value", &bad);
    const char *gas = take_option(argc, argv, "--gas", &bad);
    memset(tx, 0, sizeof *tx);
    if (bad || (value && parse_amount(value, &tx->value, "--value")) || (gas && parse_u64(gas, &tx->gas, "--gas")))
        return 1;
    return 0;
}

/* Appends a read's output values[index]: elementary values as text (decimal, 0x.., the string itself),
   arrays and tuples as JSON. */
void append_output(const seismic_abi_value *values, size_t index, seismic_buf *out) {
    bool nested = values[index].kind == SEISMIC_ABI_ARRAY || values[index].kind == SEISMIC_ABI_TUPLE;
    seismic_abi_format_value(values, index, nested, out);
}

/* A read's result: the decoded outputs (one per line; --json: a JSON array) or the raw return data. */
static int print_call_result(const seismic_response *resp) {
    const seismic_abi_value *values;
    size_t count;
    if (seismic_response_abi(resp, &values, &count) != SEISMIC_OK || count == 0) {
        const uint8_t *data = NULL;
        size_t len = 0;
        if (seismic_response_data(resp, &data, &len) != SEISMIC_OK) return failf("the node's return data is not hex");
        print_hex(data, len);
        return 0;
    }
    seismic_buf text = {0};
    text.secret = true; /* it may be a signed read's decrypted result */
    if (g.json) {
        seismic_abi_format_value(values, 0, true, &text);
        printf("%s\n", seismic_buf_cstr(&text));
    } else {
        for (size_t p = 0, i = 1; p < values[0].count; p++, i = values[i].end) {
            text.len = 0;
            append_output(values, i, &text);
            printf("%s\n", seismic_buf_cstr(&text));
        }
    }
    seismic_buf_free(&text);
    return 0;
}

/* Reports a sent transaction: its hash (and the created contract), then with wait its receipt. A
   reverted transaction exits 1. */
int report_tx(const char *what, const uint8_t hash[32], bool wait, bool deployed, const seismic_address *contract) {
    char hash_hex[67], address[43];
    seismic_hex_encode(hash, 32, hash_hex);
    if (deployed) seismic_address_to_string(contract, address);
    if (!g.json) { /* at once: the hash is worth having even if the wait fails */
        if (deployed) printf("transactionHash %s\ncontractAddress %s\n", hash_hex, address);
        else printf("%s\n", hash_hex);
        fflush(stdout);
    }
    seismic_request req = {0};
    const seismic_response *resp = NULL;
    seismic_receipt receipt;
    memset(&receipt, 0, sizeof receipt);
    receipt.success = true;
    if (wait) {
        if (!(resp = wait_receipt(hash, &req))) return 1;
        if (seismic_response_receipt(resp, &receipt) != SEISMIC_OK) {
            seismic_request_release(g.client, req);
            return failf("%s: the node's receipt of %s is malformed", what, hash_hex);
        }
        fprintf(stderr, "seismic: %s: mined in block %llu, status %s, gas used %llu\n", g.cmd,
                (unsigned long long)receipt.block_number, receipt.success ? "success" : "reverted",
                (unsigned long long)receipt.gas_used);
        if (deployed && receipt.success &&
            (!receipt.has_contract_address || !seismic_address_equal(&receipt.contract_address, contract))) {
            char created[43] = "(none)";
            if (receipt.has_contract_address) seismic_hex_encode(receipt.contract_address.bytes, 20, created);
            fprintf(stderr, "seismic: %s: warning: the receipt's contractAddress %s differs from %s\n", g.cmd, created,
                    address);
        }
    }
    if (g.json) {
        seismic_buf out = {0};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        put_hex(&w, "transactionHash", hash, 32);
        if (deployed) put_address(&w, "contractAddress", true, contract);
        if (wait) { /* the node's receipt object as it came */
            size_t len = 0;
            const char *raw = seismic_response_raw(resp, &len);
            seismic_json_writer_key(&w, "receipt");
            seismic_json_writer_raw(&w, raw, len);
        }
        seismic_json_writer_object_end(&w);
        emit(&out);
        seismic_buf_free(&out);
    }
    if (resp) seismic_request_release(g.client, req);
    if (!receipt.success)
        return failf("transaction %s reverted in block %llu", hash_hex, (unsigned long long)receipt.block_number);
    return 0;
}

static const char *mode_name(seismic_contract_mode mode) {
    switch (mode) {
    case SEISMIC_TRANSPARENT_READ: return "eth_call";
    case SEISMIC_SIGNED_READ: return "signed read";
    case SEISMIC_TRANSPARENT_WRITE: return "transaction";
    case SEISMIC_SHIELDED_WRITE: return "shielded transaction";
    default: return "call";
    }
}

/* call / sread / send / swrite: TO SIGNATURE [ARGS...] through seismic_contract_call. */
int run_contract(seismic_contract_mode mode, int argc, char **argv) {
    bool write = mode == SEISMIC_TRANSPARENT_WRITE || mode == SEISMIC_SHIELDED_WRITE;
    bool wait = write && has_flag(&argc, argv, "--wait");
    bool eip712 = mode == SEISMIC_SHIELDED_WRITE && has_flag(&argc, argv, "--eip712");
    seismic_tx_options tx;
    seismic_address to;
    seismic_wallet *w = NULL;
    if (write || mode == SEISMIC_SIGNED_READ) {
        if (parse_tx_options(&argc, argv, &tx)) return 1;
    } else {
        memset(&tx, 0, sizeof tx);
    }
    if (eip712) tx.message_version = SEISMIC_MESSAGE_EIP712;
    if (reject_options(argc, argv)) return 1;
    if (argc < 2) return failf("expected TO SIGNATURE [ARGS...] (see --help)");
    if (parse_address(argv[0], &to, "contract")) return 1;
    if (mode != SEISMIC_TRANSPARENT_READ && !(w = wallet(eip712 ? SEISMIC_MESSAGE_EIP712 : SEISMIC_MESSAGE_DEFAULT))) return 1;
    if (!client()) return 1;
    seismic_request req = seismic_contract_call_text(g.client, w, &to, mode, argv[1], (const char *const *)(argv + 2),
                                                (size_t)(argc - 2), &tx, NULL);
    if (write) { /* the SDK's messages name the step */
        uint8_t hash[32];
        return await_tx_hash(req, NULL, hash) ? 1 : report_tx(mode_name(mode), hash, wait, false, NULL);
    }
    const seismic_response *resp = await_response(req, NULL);
    if (!resp) return 1;
    int status = print_call_result(resp);
    seismic_request_release(g.client, req);
    return status;
}

/* The command families, as `seismic help` lists them. */
static const struct {
    const char *title;
    const command *commands;
    const size_t *count;
} families[] = {
    {"offline", cli_offline_commands, &cli_offline_command_count},
    {"network (Ethereum JSON-RPC)", cli_network_commands, &cli_network_command_count},
    {"Seismic", cli_seismic_commands, &cli_seismic_command_count},
    {"Bittensor (Substrate)", cli_bittensor_commands, &cli_bittensor_command_count},
    {"local development", cli_devnet_commands, &cli_devnet_command_count},
};

static const command *find_command(const char *name) {
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (size_t i = 0; i < *families[f].count; i++)
            if (strcmp(families[f].commands[i].name, name) == 0) return &families[f].commands[i];
    return NULL;
}

/* Edit distance of two short names (for "did you mean"). */
static size_t distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63) return 99;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diagonal + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diagonal = up;
            row[j] = best;
        }
    }
    return row[lb];
}

/* One line for an unknown command: the closest name when there is one, and where the list is. */
static void unknown_command(const char *name) {
    const char *best = NULL;
    size_t best_distance = 3; /* only close names */
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (size_t i = 0; i < *families[f].count; i++) {
            size_t d = distance(name, families[f].commands[i].name);
            if (d < best_distance) best = families[f].commands[i].name, best_distance = d;
        }
    if (best) fprintf(stderr, "seismic: unknown command '%s'; did you mean '%s'? (seismic help lists them all)\n", name, best);
    else fprintf(stderr, "seismic: unknown command '%s' (seismic help lists them all)\n", name);
}

static void usage(FILE *out) {
    fprintf(out, "usage: seismic [OPTIONS] COMMAND [ARGS...]   (seismic COMMAND --help for details)\n");
    for (size_t f = 0; f < sizeof families / sizeof *families; f++) {
        fprintf(out, "\n%s commands:\n", families[f].title);
        for (size_t i = 0; i < *families[f].count; i++) fprintf(out, "  %s\n", families[f].commands[i].usage);
    }
    fprintf(out, "\noptions (before or after the command):\n"
                 "  --rpc-url URL       the node (also -r URL): http(s):// or ws(s):// [SEISMIC_RPC_URL, ETH_RPC_URL, else\n"
                 "                      http://127.0.0.1:8545]\n"
                 "  --private-key KEY   the signing key of send, swrite, sread, deploy, src20 ... [PRIVATE_KEY]\n"
                 "  --json              machine-readable output: one JSON value\n"
                 "  --timeout SECONDS   the deadline of each request and of --wait [30]; bounds create2's search [none]\n"
                 "  --version, -V       prints the version, the commit and the build time (as cast: -V on one line)\n");
}

/* Takes the global options out of argv (anywhere); 1 after printing an error. */
static int take_globals(int *argc, char **argv) {
    bool bad = false;
    const char *url = NULL, *key = NULL, *timeout = NULL, *v;
    int rest = *argc - 1; /* argv[0] stays */
    while ((v = take_option(&rest, argv + 1, "--rpc-url", &bad)) != NULL) url = v;
    while (!bad && (v = take_option(&rest, argv + 1, "-r", &bad)) != NULL) url = v;
    while (!bad && (v = take_option(&rest, argv + 1, "--private-key", &bad)) != NULL) key = v;
    while (!bad && (v = take_option(&rest, argv + 1, "--timeout", &bad)) != NULL) timeout = v;
    while (!bad && has_flag(&rest, argv + 1, "--json")) g.json = true;
    *argc = rest + 1;
    if (bad) return 1;
    g.rpc_url = url ? url : getenv("SEISMIC_RPC_URL");
    if (!g.rpc_url || !g.rpc_url[0]) g.rpc_url = getenv("ETH_RPC_URL"); /* as cast reads it */
    if (!g.rpc_url || !g.rpc_url[0]) g.rpc_url = "http://127.0.0.1:8545";
    g.private_key = key ? key : getenv("PRIVATE_KEY");
    g.key_source = key ? "--private-key" : "PRIVATE_KEY";
    g.timeout_s = 30;
    g.timeout_given = timeout != NULL;
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

/* --version in cast's four lines, -V in its one (the Makefile passes the commit and the build time). */
#ifndef SEISMIC_CLI_COMMIT
#define SEISMIC_CLI_COMMIT "unknown"
#endif
#ifndef SEISMIC_CLI_PROFILE
#if defined(__OPTIMIZE__)
#define SEISMIC_CLI_PROFILE "release"
#else
#define SEISMIC_CLI_PROFILE "debug"
#endif
#endif
static void print_version(bool short_form) {
    char built[80] = "unknown";
#if defined(SEISMIC_CLI_BUILD_TIME)
    time_t t = (time_t)SEISMIC_CLI_BUILD_TIME;
    struct tm *utc = gmtime(&t);
    if (utc) strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", utc);
    if (!short_form) snprintf(built + strlen(built), sizeof built - strlen(built), " (%lld)", (long long)t);
#endif
    if (short_form) printf("seismic %s (%.10s %s)\n", SEISMIC_VERSION_STRING, SEISMIC_CLI_COMMIT, built);
    else
        printf("seismic Version: %s\nCommit SHA: %s\nBuild Timestamp: %s\nBuild Profile: %s\n", SEISMIC_VERSION_STRING,
               SEISMIC_CLI_COMMIT, built, SEISMIC_CLI_PROFILE);
}

static void cleanup(void) {
    if (g.wallet) seismic_wallet_destroy(g.wallet);
    if (g.client) seismic_client_destroy(g.client);
    g.wallet = NULL;
    g.client = NULL;
}

int main(int argc, char **argv) {
    g.cmd = "seismic";
    for (int i = 1; i < argc; i++) /* "--" (as before cast's negative numbers) ends nothing here: dropped */
        if (strcmp(argv[i], "--") == 0) {
            memmove(argv + i, argv + i + 1, (size_t)(argc - i - 1) * sizeof *argv);
            argc--;
            break;
        }
    if (take_globals(&argc, argv)) return 1;
    if (argc == 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        print_version(strcmp(argv[1], "-V") == 0);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    const command *c = find_command(argv[1]);
    if (c) {
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
    unknown_command(argv[1]);
    return 1;
}
