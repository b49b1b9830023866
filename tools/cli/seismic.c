/* seismic CLI: the Seismic-only commands (TEE key, signed reads, shielded writes, SRC20 tokens). */
#include "cli.h"

static int cmd_tee_key(int argc, char **argv) {
    uint8_t key[33];
    if (reject_options(argc, argv)) return 1;
    if (argc != 0) return failf("expected no arguments");
    seismic_request req;
    const seismic_response *resp;
    if (!client() || !(resp = await_response(req = seismic_get_tee_public_key(g.client, NULL), "seismic_getTeePublicKey")))
        return 1;
    seismic_result r = seismic_response_tee_key(resp, key);
    seismic_request_release(g.client, req);
    if (r) return failf("the node's TEE key is not a compressed secp256k1 point");
    print_hex(key, 33);
    return 0;
}

static int cmd_sread(int argc, char **argv) { return run_contract(SEISMIC_SIGNED_READ, argc, argv); }
static int cmd_swrite(int argc, char **argv) { return run_contract(SEISMIC_SHIELDED_WRITE, argc, argv); }

/*---- SRC20 ----*/

/* The first output of a read with "returns (...)" as text, appended to out; 1 after printing why not. */
static int first_output(const seismic_response *resp, const char *what, seismic_buf *out) {
    const seismic_abi_value *values;
    size_t count;
    if (seismic_response_abi(resp, &values, &count) != SEISMIC_OK || count < 2 || values[0].count < 1)
        return failf("%s: the result has no outputs", what);
    append_output(values, 1, out);
    return 0;
}

static int src20_info(int argc, char **argv) {
    static const char *const names[4] = {"name", "symbol", "decimals", "totalSupply"};
    static const char *const signatures[4] = {"name() returns (string)", "symbol() returns (string)",
                                              "decimals() returns (uint8)", "totalSupply() returns (uint256)"};
    seismic_address token;
    seismic_request reqs[4];
    seismic_buf text[4];
    int status = 0;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("info: expected TOKEN");
    if (parse_address(argv[0], &token, "token") || !client()) return 1;
    /* four transparent reads at once: they leave in one batch */
    for (int i = 0; i < 4; i++)
        reqs[i] = seismic_contract_call_text(g.client, NULL, &token, SEISMIC_TRANSPARENT_READ, signatures[i], NULL, 0, NULL, NULL);
    memset(text, 0, sizeof text);
    for (int i = 0; i < 4; i++) {
        const seismic_response *resp = status == 0 ? await_response(reqs[i], names[i]) : NULL;
        if (resp) {
            status = first_output(resp, names[i], &text[i]);
            seismic_request_release(g.client, reqs[i]);
        } else {
            if (status) seismic_request_release(g.client, reqs[i]); /* await_response released the failed one */
            status = 1;
        }
    }
    if (status == 0 && g.json) {
        seismic_buf out = {0};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        for (int i = 0; i < 4; i++) {
            seismic_json_writer_key(&w, names[i]);
            seismic_json_writer_string(&w, seismic_buf_cstr(&text[i]));
        }
        seismic_json_writer_object_end(&w);
        emit(&out);
        seismic_buf_free(&out);
    } else if (status == 0) {
        for (int i = 0; i < 4; i++) printf("%-12s %s\n", names[i], seismic_buf_cstr(&text[i]));
    }
    for (int i = 0; i < 4; i++) seismic_buf_free(&text[i]);
    return status;
}

static int src20_balance(int argc, char **argv) {
    seismic_address token;
    seismic_wallet *w;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("balance: expected TOKEN");
    if (parse_address(argv[0], &token, "token") || !(w = wallet(SEISMIC_MESSAGE_DEFAULT))) return 1;
    seismic_request req = seismic_src20_balance(w, &token, NULL);
    const seismic_response *resp = await_response(req, "balance (signed read)");
    if (!resp) return 1;
    seismic_buf text = {0};
    text.secret = true; /* the decrypted balance */
    int status = first_output(resp, "balance", &text);
    seismic_request_release(g.client, req);
    if (status == 0) out_string(seismic_buf_cstr(&text));
    seismic_buf_free(&text);
    return status;
}

static int src20_transfer(int argc, char **argv) {
    bool wait = has_flag(&argc, argv, "--wait");
    seismic_address token, to;
    seismic_u256 amount;
    seismic_wallet *w;
    uint8_t hash[32];
    if (reject_options(argc, argv)) return 1;
    if (argc != 3) return failf("transfer: expected TOKEN TO AMOUNT");
    if (parse_address(argv[0], &token, "token") || parse_address(argv[1], &to, "recipient")) return 1;
    if (seismic_u256_parse(argv[2], strlen(argv[2]), &amount))
        return failf("amount %s is not a number (token base units, decimal or 0x hex)", argv[2]);
    if (!(w = wallet(SEISMIC_MESSAGE_DEFAULT))) return 1;
    if (await_tx_hash(seismic_src20_transfer(w, &token, &to, &amount, NULL), "transfer", hash)) return 1;
    return report_tx("transfer", hash, wait, false, NULL);
}

static int parse_viewing_key(const char *text, uint8_t key[32]) {
    seismic_u256 v;
    if (strlen(text) == 66 && seismic_hex_decode(text, 66, key, 32, NULL) == SEISMIC_OK) return 0;
    if (seismic_u256_parse(text, strlen(text), &v) == SEISMIC_OK) { /* a number, as the Directory stores it */
        seismic_u256_to_be(&v, key);
        return 0;
    }
    return failf("the viewing key must be 32 bytes of hex (0x + 64 hex digits)");
}

static int src20_register_key(int argc, char **argv) {
    bool wait = has_flag(&argc, argv, "--wait");
    uint8_t key[32], hash[32];
    seismic_wallet *w;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("register-key: expected KEY");
    if (parse_viewing_key(argv[0], key) || !(w = wallet(SEISMIC_MESSAGE_DEFAULT))) return 1;
    seismic_request req = seismic_directory_register_key(w, key, NULL);
    seismic_wipe(key, sizeof key);
    if (await_tx_hash(req, "setKey", hash)) return 1;
    return report_tx("setKey", hash, wait, false, NULL);
}

typedef struct src20_watch_state {
    uint64_t seen, count; /* count 0: no limit */
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
    if (s->count && s->seen == s->count) return; /* one turn of the loop can bring many events */
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
    if ((count_text && parse_u64(count_text, &count, "--count")) || (from && parse_block(from, &desc.from_block)))
        return 1;
    state.count = count;
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

/* The Seismic commands, in the order `seismic help` lists them. */
const command cli_seismic_commands[] = {
    {"tee-key", "tee-key", "Prints the node's TEE public key (seismic_getTeePublicKey).", cmd_tee_key},
    {"sread", "sread TO SIGNATURE [ARGS...]",
     "Signed read: a signed, encrypted eth_call from the private key's address; the answer is decrypted.\n"
     "Output as for call. Example: sread 0xC0NTRACT 'getNumber() returns (uint256)'.",
     cmd_sread},
    {"swrite", "swrite TO SIGNATURE [ARGS...] [--value WEI] [--gas N] [--eip712] [--wait]",
     "Shielded write: a Seismic (0x4a) transaction with encrypted calldata. --eip712 signs typed data\n"
     "(message version 2). Output as for send. Example: swrite 0xC0NTRACT 'setNumber(suint256)' 42 --wait.",
     cmd_swrite},
    {"src20", "src20 info TOKEN | balance TOKEN | transfer TOKEN TO AMOUNT [--wait]\n"
     "         | watch --viewing-key KEY [--token T] [--count N] [--from BLOCK] | register-key KEY [--wait]",
     "SRC20 tokens. info: name, symbol, decimals and totalSupply (four transparent reads in one batch).\n"
     "balance: your balance by signed read. transfer: a shielded transfer(address,suint256) of AMOUNT base\n"
     "units. register-key: stores a 32-byte viewing key in the Directory (setKey, shielded). watch: prints\n"
     "the Transfer/Approval events encrypted for the viewing key with their decrypted amounts (subscription\n"
     "on ws:// URLs, else polling from --from or the current block).",
     cmd_src20},
};
const size_t cli_seismic_command_count = sizeof cli_seismic_commands / sizeof *cli_seismic_commands;
