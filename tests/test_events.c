/* The exactly-once log watcher against Anvil (started with the other servers by tools/testenv/testenv.js):
   a contract that emits numbered events (tools/testenv/devnode/contracts/Emitter.sol, one per block and many
   per block) is watched over WebSocket through tools/testenv/chaos-proxy.js, which cuts the connection at
   seeded random moments and refuses big eth_getLogs ranges, while Anvil is restarted; every event must
   arrive exactly once, in order, with the right decoded arguments. Also: from_block 0 replays history,
   polling over HTTP, reorgs (anvil_reorg, evm_revert) as removals, confirmations, memory over 100,000
   events measured with a counting allocator, stopping from a callback; and seismic_abi_decode_event's
   vectors. */
#define _POSIX_C_SOURCE 200809L
#include "seismic.h"
#include "harness.h"
#include "support.h"

#define ARTIFACTS "tools/testenv/devnode/contracts/artifacts.json"
#define EVENT "event Numbered(uint256 indexed seq, address indexed sender, uint256 square, string label)"
/* Anvil's dev account #8 sends every transaction here (unlocked: eth_sendTransaction). */
#define SENDER "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"

/*---- seismic_abi_decode_event ------------------------------------------------------------------*/

static void test_decode_vectors(void) {
    /* Transfer(from, to, 1000) as an ERC-20 logs it */
    uint8_t topics[4][32], data[96];
    seismic_abi_value v[16];
    size_t n = 0;
    seismic_error err = {"", SEISMIC_OK};
    const char *transfer = "Transfer(address indexed from, address indexed to, uint256 value)";
    CHECK(seismic_abi_event_topic(transfer, topics[0], NULL) == SEISMIC_OK);
    CHECK_HEX(topics[0], 32, "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    hex("0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266", topics[1], 32);
    hex("0x00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8", topics[2], 32);
    hex("0x00000000000000000000000000000000000000000000000000000000000003e8", data, 32);
    CHECK(seismic_abi_decode_event(transfer, (const uint8_t(*)[32])topics, 3, data, 32, v, 16, &n, &err) == SEISMIC_OK);
    CHECK(n == 4 && v[0].kind == SEISMIC_ABI_TUPLE && v[0].count == 3 && v[0].end == 4);
    seismic_address a;
    uint64_t value = 0;
    CHECK(v[1].kind == SEISMIC_ABI_ADDRESS && seismic_abi_value_address(&v[1], &a) == SEISMIC_OK);
    CHECK_HEX(a.bytes, 20, "f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    CHECK(seismic_abi_value_address(&v[2], &a) == SEISMIC_OK);
    CHECK_HEX(a.bytes, 20, "70997970c51812dc3a010c7d01b50e0d17dc79c8");
    CHECK(seismic_abi_value_u64(&v[3], &value) == SEISMIC_OK && value == 1000);
    seismic_buf name = {0};
    CHECK(seismic_abi_param_name(transfer, 1, &name, NULL) == SEISMIC_OK);
    CHECK(name.len == 2 && memcmp(name.data, "to", 2) == 0);
    CHECK(seismic_abi_param_name(transfer, 3, &name, NULL) == SEISMIC_ERR_INVALID_ARGUMENT);
    seismic_buf_free(&name);
    seismic_buf text = {0};
    CHECK(seismic_abi_format_value(v, 0, true, &text) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&text), "[\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\",\"1000\"]");
    seismic_buf_free(&text);

    /* indexed first, a string in between, an indexed string (its topic is the hash), a static tuple */
    const char *mixed = "event Mixed(string note, uint8 indexed small, string indexed tag, (uint16,bool) pair) ";
    uint8_t mdata[32 * 5];
    memset(mdata, 0, sizeof mdata);
    mdata[31] = 0x60;                       /* note's offset: after three head words */
    mdata[63] = 7;                          /* pair.0 */
    mdata[95] = 1;                          /* pair.1 */
    mdata[127] = 5;                         /* note's length */
    memcpy(mdata + 128, "hello", 5);
    CHECK(seismic_abi_event_topic(mixed, topics[0], NULL) == SEISMIC_OK);
    memset(topics[1], 0, 32);
    topics[1][31] = 200;
    seismic_keccak256("release", 7, topics[2]);
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, sizeof mdata, v, 16, &n, &err) == SEISMIC_OK);
    CHECK(n == 7 && v[0].count == 4);
    CHECK(v[1].kind == SEISMIC_ABI_STRING && v[1].len == 5 && memcmp(v[1].data, "hello", 5) == 0);
    CHECK(v[2].kind == SEISMIC_ABI_UINT && v[2].bits == 8 && seismic_abi_value_u64(&v[2], &value) == SEISMIC_OK && value == 200);
    CHECK(v[3].kind == SEISMIC_ABI_FIXED_BYTES && v[3].bits == 256 && memcmp(v[3].data, topics[2], 32) == 0);
    CHECK(v[4].kind == SEISMIC_ABI_TUPLE && v[4].count == 2 && v[4].end == 7 && v[1].end == 2 && v[3].end == 4);
    CHECK(seismic_abi_value_u64(&v[5], &value) == SEISMIC_OK && value == 7);
    /* the count without room, then too little room */
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, sizeof mdata, NULL, 0, &n, NULL) == SEISMIC_ERR_CAPACITY && n == 7);
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, sizeof mdata, v, 3, &n, NULL) == SEISMIC_ERR_CAPACITY && n == 7);

    /* refusals: wrong topic 0, wrong topic count, dirty high bits of a uint8 topic, truncated data */
    uint8_t saved = topics[0][0];
    topics[0][0] ^= 1;
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, sizeof mdata, v, 16, &n, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "topic 0") != NULL);
    topics[0][0] = saved;
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 2, mdata, sizeof mdata, v, 16, &n, &err) == SEISMIC_ERR_PARSE);
    CHECK(strstr(err.message, "3 topics") != NULL || strstr(err.message, "needs 3") != NULL);
    topics[1][30] = 1;
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, sizeof mdata, v, 16, &n, &err) == SEISMIC_ERR_PARSE);
    topics[1][30] = 0;
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, 64, v, 16, &n, &err) == SEISMIC_ERR_PARSE);
    CHECK(seismic_abi_decode_event(mixed, (const uint8_t(*)[32])topics, 3, mdata, sizeof mdata - 1, v, 16, &n, &err) == SEISMIC_ERR_PARSE);
    CHECK(seismic_abi_decode_event("f() returns (uint256)", NULL, 0, NULL, 0, v, 16, &n, &err) == SEISMIC_ERR_INVALID_ARGUMENT);

    /* anonymous: no topic 0 */
    const char *anon = "event Anon(uint256 indexed id, bool flag) anonymous";
    memset(topics, 0, sizeof topics);
    topics[0][31] = 42;
    memset(data, 0, 32);
    data[31] = 1;
    CHECK(seismic_abi_decode_event(anon, (const uint8_t(*)[32])topics, 1, data, 32, v, 16, &n, &err) == SEISMIC_OK);
    bool flag = false;
    CHECK(n == 3 && seismic_abi_value_u64(&v[1], &value) == SEISMIC_OK && value == 42 &&
          seismic_abi_value_bool(&v[2], &flag) == SEISMIC_OK && flag);
    printf("decode_event: Transfer, a mixed event (indexed string as its hash, a tuple), anonymous, and 6 refusals\n");
}

/*---- the chain: deploying and driving the Emitter -----------------------------------------------*/

static seismic_buf emitter_code;

static bool load_emitter(void) {
    FILE *f = fopen(ARTIFACTS, "rb");
    CHECK(f != NULL);
    if (!f) return false;
    seismic_buf text = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(&text, chunk, got);
    fclose(f);
    size_t cap = 200000;
    seismic_json_token *tokens = (seismic_json_token *)malloc(cap * sizeof *tokens);
    seismic_json j;
    bool ok = tokens && seismic_json_parse(&j, (const char *)text.data, text.len, tokens, cap, NULL) == SEISMIC_OK;
    int emitter = ok ? seismic_json_find(&j, seismic_json_find(&j, 0, "contracts"), "Emitter") : -1;
    ok = ok && seismic_json_get_bytes_buf(&j, seismic_json_find(&j, emitter, "bytecode"), &emitter_code) == SEISMIC_OK;
    CHECK(ok);
    free(tokens);
    seismic_buf_free(&text);
    return ok;
}

/* Waits until the transaction whose quoted hash is in hash_json is mined (Anvil mines in the background:
   eth_sendTransaction may answer first); the receipt JSON in receipt (may be NULL). */
static bool mined(seismic_client *c, const seismic_buf *hash_json, seismic_buf *receipt) {
    uint8_t hash[32];
    seismic_buf result = {0};
    if (hash_json->len != 68 || seismic_hex_decode((const char *)hash_json->data + 1, 66, hash, 32, NULL)) return false;
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_await(c, seismic_eth_wait_for_receipt(c, hash, 2, NULL), &result, &err);
    if (r) fprintf(stderr, "waiting for a receipt: %s\n", err.message);
    if (receipt && r == SEISMIC_OK) {
        receipt->len = 0;
        seismic_buf_append(receipt, result.data, result.len);
        seismic_buf_cstr(receipt);
    }
    seismic_buf_free(&result);
    return r == SEISMIC_OK;
}

/* A blocking call on the driver's client; the result JSON in out (may be NULL). */
static bool call(seismic_client *c, const char *method, const char *params, seismic_buf *out) {
    seismic_buf result = {0};
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = seismic_rpc_call(c, method, params, &result, &err);
    if (r) fprintf(stderr, "%s %s: %s\n", method, params, err.message);
    if (out && r == SEISMIC_OK) {
        out->len = 0;
        seismic_buf_append(out, result.data, result.len);
        seismic_buf_cstr(out);
    }
    seismic_buf_free(&result);
    return r == SEISMIC_OK;
}

static uint64_t block_number(seismic_client *c) {
    uint64_t n = 0;
    CHECK(seismic_await_u64(c, seismic_eth_block_number(c, NULL), &n, NULL) == SEISMIC_OK);
    return n;
}

/* Deploys a fresh Emitter (its numbers start at 0); returns its address. */
static seismic_address deploy_emitter(seismic_client *c) {
    seismic_address a;
    memset(&a, 0, sizeof a);
    seismic_buf params = {0}, hash = {0}, receipt = {0};
    seismic_buf_append_str(&params, "[{\"from\":\"" SENDER "\",\"gas\":\"0x200000\",\"data\":");
    seismic_buf tmp = {0};
    seismic_buf_append_byte(&tmp, '"');
    seismic_buf_append_hex(&tmp, emitter_code.data, emitter_code.len);
    seismic_buf_append_byte(&tmp, '"');
    seismic_buf_append(&params, tmp.data, tmp.len);
    seismic_buf_append_str(&params, "}]");
    seismic_buf_free(&tmp);
    bool ok = call(c, "eth_sendTransaction", seismic_buf_cstr(&params), &hash) && mined(c, &hash, &receipt);
    const char *at = ok ? strstr((const char *)receipt.data, "\"contractAddress\":\"") : NULL;
    ok = at && seismic_address_parse(at + 19, 42, &a) == SEISMIC_OK;
    CHECK(ok);
    if (!ok) fprintf(stderr, "deploy: no contract address in %.300s\n", receipt.len ? (const char *)receipt.data : "(nothing)");
    seismic_buf_free(&params);
    seismic_buf_free(&hash);
    seismic_buf_free(&receipt);
    return a;
}

/* emitMany(n) in one transaction: one block (Anvil mines each transaction at once). */
static bool emit_events(seismic_client *c, const seismic_address *emitter, uint64_t n) {
    char params[400], to[43], selector[11];
    uint8_t sel[4];
    seismic_abi_selector("emitMany(uint256)", sel, NULL);
    seismic_hex_encode(sel, 4, selector);
    seismic_address_to_string(emitter, to);
    snprintf(params, sizeof params,
             "[{\"from\":\"" SENDER "\",\"to\":\"%s\",\"gas\":\"0x1c9c380\",\"data\":\"%s%064llx\"}]", to,
             selector, (unsigned long long)n);
    seismic_buf hash = {0};
    bool ok = call(c, "eth_sendTransaction", params, &hash) && mined(c, &hash, NULL);
    seismic_buf_free(&hash);
    return ok;
}

static void mine(seismic_client *c, int blocks) {
    for (int i = 0; i < blocks; i++) CHECK(call(c, "evm_mine", "[]", NULL));
}

/*---- what a watcher delivered -------------------------------------------------------------------*/

typedef struct seen {
    seismic_address emitter;
    uint64_t next_seq;          /* the number expected next */
    uint64_t delivered, removed, errors, wrong, decode_failures;
    bool has_last;
    uint64_t last_block, last_index;
    uint64_t removed_seqs[64];     /* the first 64 removals */
    size_t removed_count;
    uint64_t *head;             /* the driver's view of the chain head, to check confirmations */
    uint64_t delivered_at_head; /* *head when the last log came */
    uint64_t last_log_block;
    char problem[300];
    seismic_log_watcher *stop_in_callback; /* stop this watcher from inside on_log */
    uint64_t stop_after;
} seen;

static void note(seen *s, const char *fmt, uint64_t a, uint64_t b) {
    if (!s->problem[0]) snprintf(s->problem, sizeof s->problem, fmt, (unsigned long long)a, (unsigned long long)b);
}

static uint64_t arg_u64(const seismic_event_args *args, size_t i) {
    uint64_t v = UINT64_MAX;
    if (args && args->values && i < args->value_count) seismic_abi_value_u64(&args->values[i], &v);
    return v;
}

static void on_log(const seismic_log *log, const seismic_event_args *args, void *user) {
    seen *s = (seen *)user;
    if (!args || !args->values) {
        s->decode_failures++;
        note(s, "a log did not decode (block %llu, index %llu)", log->block_number, log->log_index);
        return;
    }
    uint64_t seq = arg_u64(args, 1);
    if (getenv("EVENTS_DEBUG")) fprintf(stderr, "log seq %llu block %llu index %llu\n", (unsigned long long)seq, (unsigned long long)log->block_number, (unsigned long long)log->log_index);
    seismic_u256 square, expected;
    seismic_address sender;
    char label[32];
    seismic_address want_sender;
    seismic_address_parse(SENDER, 42, &want_sender);
    snprintf(label, sizeof label, "#%llu", (unsigned long long)seq);
    expected = seismic_u256_from_u64(seq);
    seismic_u256_mul_u64(&expected, seq, &expected);
    const seismic_abi_value *v = args->values;
    bool args_ok = args->value_count == 5 && v[0].count == 4 &&
                   seismic_abi_value_address(&v[2], &sender) == SEISMIC_OK && memcmp(sender.bytes, want_sender.bytes, 20) == 0 &&
                   seismic_abi_value_u256(&v[3], &square) == SEISMIC_OK && seismic_u256_cmp(&square, &expected) == 0 &&
                   v[4].kind == SEISMIC_ABI_STRING && v[4].len == strlen(label) && memcmp(v[4].data, label, v[4].len) == 0 &&
                   args->name_count == 4 && strcmp(args->names[0], "seq") == 0 && strcmp(args->names[3], "label") == 0 &&
                   memcmp(log->address.bytes, s->emitter.bytes, 20) == 0 && !log->removed;
    if (!args_ok) {
        s->wrong++;
        note(s, "wrong decoded arguments for seq %llu (block %llu)", seq, log->block_number);
    }
    if (seq != s->next_seq) {
        s->wrong++;
        note(s, "got seq %llu, expected %llu", seq, s->next_seq);
    }
    if (s->has_last && (log->block_number < s->last_block ||
                        (log->block_number == s->last_block && log->log_index <= s->last_index))) {
        s->wrong++;
        note(s, "out of chain order at block %llu index %llu", log->block_number, log->log_index);
    }
    s->has_last = true;
    s->last_block = log->block_number;
    s->last_index = log->log_index;
    s->next_seq = seq + 1;
    s->delivered++;
    s->last_log_block = log->block_number;
    if (s->head) s->delivered_at_head = *s->head;
    if (s->stop_in_callback && s->delivered == s->stop_after) {
        seismic_log_watch_stop(s->stop_in_callback);
        s->stop_in_callback = NULL;
    }
}

static void on_removed(const seismic_log *log, const seismic_event_args *args, void *user) {
    seen *s = (seen *)user;
    uint64_t seq = arg_u64(args, 1);
    if (getenv("EVENTS_DEBUG")) fprintf(stderr, "removed seq %llu block %llu\n", (unsigned long long)seq, (unsigned long long)log->block_number);
    if (!log->removed) s->wrong++;
    if (s->removed_count < 64) s->removed_seqs[s->removed_count++] = seq;
    s->removed++;
    s->next_seq = seq; /* the new chain numbers from here again */
    s->has_last = false;
}

static void on_error(seismic_result r, const char *message, void *user) {
    seen *s = (seen *)user;
    (void)r;
    s->errors++;
    if (s->errors <= 3) fprintf(stderr, "  (watcher error: %s)\n", message);
}

static seismic_log_watch_desc watch_desc(seen *s, const seismic_address *emitter) {
    seismic_log_watch_desc d;
    memset(&d, 0, sizeof d);
    memset(s, 0, sizeof *s);
    s->emitter = *emitter;
    d.filter.addresses = &s->emitter;
    d.filter.address_count = 1;
    d.event = EVENT;
    d.on_log = on_log;
    d.on_removed = on_removed;
    d.on_error = on_error;
    d.user_data = s;
    d.poll_interval_ms = 50;
    return d;
}

/* Runs the watcher's client until *count reaches want (or the timeout). */
static bool run_until(seismic_client *c, const uint64_t *count, uint64_t want, int timeout_ms) {
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    while (*count < want && now_ms() < end) seismic_client_run(c, 20);
    return *count >= want;
}

/* Configures tools/testenv/chaos-proxy.js (its control endpoints take a JSON-RPC call too); NULL json reads its stats. */
static seismic_client *chaos_client(const char *path) {
    char url[300];
    snprintf(url, sizeof url, "%s%s", env("SEISMIC_TEST_CHAOS_HTTP"), path);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = url;
    return seismic_client_create(&d, NULL);
}

static bool chaos(const char *config_json) {
    char params[400];
    snprintf(params, sizeof params, "[%s]", config_json);
    seismic_client *c = chaos_client("/__config");
    bool ok = c && call(c, "config", params, NULL);
    seismic_client_destroy(c);
    return ok;
}

static uint64_t chaos_stat(const char *name) {
    seismic_client *c = chaos_client("/__stats");
    seismic_buf out = {0};
    uint64_t v = 0;
    seismic_json_token tokens[64];
    seismic_json j;
    if (c && call(c, "stats", "[]", &out) &&
        seismic_json_parse(&j, (const char *)out.data, out.len, tokens, 64, NULL) == SEISMIC_OK)
        seismic_json_get_u64(&j, seismic_json_find(&j, 0, name), &v);
    seismic_buf_free(&out);
    seismic_client_destroy(c);
    return v;
}

/*---- WebSocket through a proxy that cuts connections, while Anvil restarts ----------------------*/

static seismic_client *ws_client(const char *url, seismic_allocator *allocator) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = url;
    d.ws_reconnect_max_delay_ms = 300;
    d.retry_base_delay_ms = 50;
    d.retry_max_delay_ms = 300;
    if (allocator) d.allocator = *allocator;
    seismic_client *c = seismic_client_create(&d, NULL);
    CHECK(c != NULL);
    return c;
}

/* Restarts Anvil (tools/testenv/control.js testenv_restartAnvil, which runs testenv.js restart-anvil) while
   the watcher's client runs; with keep_state the chain survives. */
static bool restart_anvil(seismic_client *watched, bool keep_state) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = env("SEISMIC_TEST_CONTROL_HTTP");
    d.timeout_ms = 30000;
    d.disable_retries = true;
    seismic_client *control = seismic_client_create(&d, NULL);
    if (!control) return false;
    seismic_request q = seismic_rpc(control, "testenv_restartAnvil", keep_state ? "[700,true]" : "[700,false]", NULL);
    while (!seismic_request_done(control, q)) {
        seismic_client_run(watched, 20);
        seismic_client_run(control, 0);
    }
    const seismic_response *r = seismic_request_response(control, q);
    bool restarted = false;
    bool ok = r && r->result == SEISMIC_OK && seismic_json_get_bool(&r->json, r->result_index, &restarted) == SEISMIC_OK && restarted;
    if (!ok) fprintf(stderr, "testenv_restartAnvil: %s\n", r && r->error_message ? r->error_message : "no answer");
    seismic_request_release(control, q);
    seismic_client_destroy(control);
    return ok;
}

static void test_ws_chaos(seismic_client *driver) {
    seismic_address emitter = deploy_emitter(driver);
    /* history before the watcher exists: one per block, then many per block */
    uint64_t total = 0;
    for (int i = 0; i < 60; i++) total += emit_events(driver, &emitter, 1) ? 1 : 0;
    for (int i = 0; i < 6; i++) total += emit_events(driver, &emitter, 40) ? 40 : 0;
    CHECK(chaos("{\"seed\":1207,\"dropMin\":10,\"dropMax\":120,\"maxDrops\":40,\"maxRange\":300,\"maxResults\":500}"));
    seismic_client *c = ws_client(env("SEISMIC_TEST_CHAOS_WS"), NULL);
    if (!c) return;
    seen s;
    seismic_log_watch_desc d = watch_desc(&s, &emitter);
    d.filter.from_block = seismic_block_at_number(0);
    seismic_error err = {"", SEISMIC_OK};
    seismic_log_watcher *w = seismic_log_watch(c, &d, &err);
    CHECK(w != NULL);
    if (!w) {
        fprintf(stderr, "watch: %s\n", err.message);
        seismic_client_destroy(c);
        return;
    }
    CHECK(run_until(c, &s.delivered, total, 30000)); /* the history first */
    uint64_t replayed = s.delivered;
    uint64_t t0 = now_ms();
    bool restarted = false;
    for (int round = 0; total < 4000; round++) { /* then live: bursts of single events and of blocks of 50 */
        int singles = 40, blocks = 4;
        for (int i = 0; i < singles + blocks; i++) {
            uint64_t n = i < singles ? 1 : 50;
            total += emit_events(driver, &emitter, n) ? n : 0;
            seismic_client_run(c, 0); /* the watcher keeps up: most events come as notifications */
        }
        if (!restarted && total >= 2000) {
            restarted = true;
            CHECK(restart_anvil(c, true));
        }
    }
    CHECK(run_until(c, &s.delivered, total, 60000));
    seismic_client_run(c, 300); /* a late duplicate would show now */
    uint64_t drops = chaos_stat("drops"), refused = chaos_stat("refusedRanges") + chaos_stat("refusedResults");
    seismic_client_stats st = seismic_client_get_stats(c);
    printf("ws through chaos [seed 1207]: %llu events (%llu replayed from block 0) exactly once in order with decoded "
           "args; %llu connection cuts + an anvil restart, %llu reconnects, %llu refused getLogs ranges, %llu ms\n",
           (unsigned long long)s.delivered, (unsigned long long)replayed, (unsigned long long)drops,
           (unsigned long long)st.reconnects, (unsigned long long)refused, (unsigned long long)(now_ms() - t0));
    if (s.problem[0]) fprintf(stderr, "  first problem: %s\n", s.problem);
    CHECK(s.delivered == total && s.next_seq == total);
    CHECK(s.wrong == 0 && s.decode_failures == 0 && s.removed == 0);
    CHECK(replayed == 300);
    CHECK(drops >= 5);
    CHECK(st.reconnects >= drops);
    CHECK(refused > 0);
    CHECK(seismic_log_watch_live(w));
    seismic_log_watch_stop(w);
    seismic_client_wait_idle(c, 2000);
    st = seismic_client_get_stats(c);
    CHECK(st.submitted == st.finished);
    seismic_client_destroy(c);
    CHECK(chaos("{}"));
    /* a loaded chain has no state before the dump: the suites after this one get a fresh anvil */
    CHECK(restart_anvil(driver, false));
}

/*---- removed: true from the node ----------------------------------------------------------------*/

/* The proxy repeats each log notification as removed and then as added again: each log comes, goes
   (on_removed, with the node's log) and comes back, in that order. */
static void test_node_removals(seismic_client *driver) {
    seismic_address emitter = deploy_emitter(driver);
    CHECK(chaos("{\"echoRemoved\":true}"));
    seismic_client *c = ws_client(env("SEISMIC_TEST_CHAOS_WS"), NULL);
    if (!c) return;
    seen s;
    seismic_log_watch_desc d = watch_desc(&s, &emitter);
    seismic_log_watcher *w = seismic_log_watch(c, &d, NULL);
    CHECK(w != NULL);
    uint64_t end = now_ms() + 10000;
    while (!seismic_log_watch_live(w) && now_ms() < end) seismic_client_run(c, 10);
    for (int i = 0; i < 10; i++) CHECK(emit_events(driver, &emitter, 3));
    CHECK(run_until(c, &s.delivered, 60, 10000));
    seismic_client_run(c, 200);
    bool each_removed = s.removed == 30;
    for (size_t i = 0; i < s.removed_count && i < 30; i++) each_removed = each_removed && s.removed_seqs[i] == i;
    printf("removed:true from the node [ws via chaos echoRemoved]: 30 logs each delivered, removed, delivered again "
           "(%llu delivered, %llu removed)\n", (unsigned long long)s.delivered, (unsigned long long)s.removed);
    if (s.problem[0]) fprintf(stderr, "  first problem: %s\n", s.problem);
    CHECK(s.delivered == 60 && s.wrong == 0 && each_removed && s.next_seq == 30);
    seismic_log_watch_stop(w);
    seismic_client_destroy(c);
    CHECK(chaos("{}"));
}

/*---- HTTP polling: splitting refused ranges, from genesis ---------------------------------------*/

static void test_http_split(seismic_client *driver) {
    seismic_address emitter = deploy_emitter(driver);
    uint64_t total = 0;
    CHECK(call(driver, "anvil_mine", "[\"0x64\"]", NULL)); /* a history longer than the proxy's range limit */
    for (int i = 0; i < 30; i++) total += emit_events(driver, &emitter, 1) ? 1 : 0;
    for (int i = 0; i < 3; i++) total += emit_events(driver, &emitter, 70) ? 70 : 0;
    CHECK(chaos("{\"maxRange\":40,\"maxResults\":100}"));
    seismic_client_desc cd;
    memset(&cd, 0, sizeof cd);
    cd.url = env("SEISMIC_TEST_CHAOS_HTTP");
    seismic_client *c = seismic_client_create(&cd, NULL);
    seen s;
    seismic_log_watch_desc d = watch_desc(&s, &emitter);
    d.filter.from_block = seismic_block_at_number(0);
    seismic_log_watcher *w = seismic_log_watch(c, &d, NULL);
    CHECK(w != NULL);
    CHECK(run_until(c, &s.delivered, total, 30000));
    uint64_t refused_ranges = chaos_stat("refusedRanges"), refused_results = chaos_stat("refusedResults");
    for (int i = 0; i < 20; i++) total += emit_events(driver, &emitter, i % 2 ? 1 : 30) ? (i % 2 ? 1 : 30) : 0;
    CHECK(run_until(c, &s.delivered, total, 30000));
    seismic_client_run(c, 200);
    printf("http polling [chaos: 40 blocks, 100 results]: %llu events from block 0, in order; %llu ranges refused as too "
           "long and %llu as too many results, then halved\n",
           (unsigned long long)s.delivered, (unsigned long long)refused_ranges, (unsigned long long)refused_results);
    if (s.problem[0]) fprintf(stderr, "  first problem: %s\n", s.problem);
    CHECK(s.delivered == total && s.wrong == 0 && s.removed == 0);
    CHECK(refused_ranges > 0 && refused_results > 0);
    seismic_log_watch_stop(w);
    seismic_client_destroy(c);
    CHECK(chaos("{}"));
}

/*---- reorgs ------------------------------------------------------------------------------------*/

static void test_reorg(seismic_client *driver, const char *url, const char *label, bool use_revert) {
    seismic_address emitter = deploy_emitter(driver);
    seismic_client *c = strncmp(url, "ws", 2) == 0 ? ws_client(url, NULL) : NULL;
    if (!c) {
        seismic_client_desc cd;
        memset(&cd, 0, sizeof cd);
        cd.url = url;
        c = seismic_client_create(&cd, NULL);
    }
    seen s;
    seismic_log_watch_desc d = watch_desc(&s, &emitter);
    seismic_log_watcher *w = seismic_log_watch(c, &d, NULL);
    CHECK(w != NULL);
    uint64_t end = now_ms() + 10000;
    while (!seismic_log_watch_live(w) && now_ms() < end) seismic_client_run(c, 10);
    CHECK(seismic_log_watch_live(w));
    seismic_buf snapshot = {0};
    for (int i = 0; i < 3; i++) CHECK(emit_events(driver, &emitter, 2)); /* seqs 0..5 stay */
    if (use_revert) CHECK(call(driver, "evm_snapshot", "[]", &snapshot));
    for (int i = 0; i < 3; i++) CHECK(emit_events(driver, &emitter, 2)); /* seqs 6..11 go away */
    CHECK(run_until(c, &s.delivered, 12, 10000));
    uint64_t before = block_number(driver);
    if (use_revert) {
        seismic_buf params = {0};
        seismic_buf_append_str(&params, "[");
        seismic_buf_append(&params, snapshot.data, snapshot.len);
        seismic_buf_append_str(&params, "]");
        CHECK(call(driver, "evm_revert", seismic_buf_cstr(&params), NULL));
        seismic_buf_free(&params);
        mine(driver, 4); /* a longer chain without those logs */
    } else {
        CHECK(call(driver, "anvil_reorg", "[3, []]", NULL)); /* the last 3 blocks replaced by empty ones */
        mine(driver, 1);
    }
    seismic_buf_free(&snapshot);
    CHECK(run_until(c, &s.removed, 6, 10000));
    bool newest_first = s.removed_count == 6;
    for (size_t i = 0; i < s.removed_count && i < 6; i++) newest_first = newest_first && s.removed_seqs[i] == 11 - i;
    CHECK(newest_first);
    /* the new chain goes on from seq 6 again, delivered once */
    CHECK(emit_events(driver, &emitter, 3));
    CHECK(run_until(c, &s.delivered, 15, 10000));
    seismic_client_run(c, 200);
    printf("reorg [%s, %s at block %llu]: 6 logs of the dropped blocks removed newest first, the new chain's logs "
           "delivered once (%llu delivered, %llu removed)\n",
           label, use_revert ? "evm_revert + 4 blocks" : "anvil_reorg 3", (unsigned long long)before,
           (unsigned long long)s.delivered, (unsigned long long)s.removed);
    if (s.problem[0]) fprintf(stderr, "  first problem: %s\n", s.problem);
    CHECK(s.delivered == 15 && s.removed == 6 && s.wrong == 0 && s.next_seq == 9);
    seismic_log_watch_stop(w);
    seismic_client_destroy(c);
}

/*---- confirmations ------------------------------------------------------------------------------*/

static void test_confirmations(seismic_client *driver, const char *url, const char *label) {
    enum { N = 3 };
    seismic_address emitter = deploy_emitter(driver);
    seismic_client *c = strncmp(url, "ws", 2) == 0 ? ws_client(url, NULL) : NULL;
    if (!c) {
        seismic_client_desc cd;
        memset(&cd, 0, sizeof cd);
        cd.url = url;
        c = seismic_client_create(&cd, NULL);
    }
    seen s;
    uint64_t head = block_number(driver);
    seismic_log_watch_desc d = watch_desc(&s, &emitter);
    d.confirmations = N;
    d.poll_interval_ms = 20;
    s.head = &head;
    seismic_log_watcher *w = seismic_log_watch(c, &d, NULL);
    CHECK(w != NULL);
    uint64_t end = now_ms() + 10000;
    while (!seismic_log_watch_live(w) && now_ms() < end) seismic_client_run(c, 10);
    bool exact = true;
    for (int round = 0; round < 3; round++) {
        CHECK(emit_events(driver, &emitter, 2));
        uint64_t log_block = head = block_number(driver);
        uint64_t want = s.delivered + 2;
        for (int k = 1; k <= N; k++) { /* not before N blocks are on top, then at once */
            seismic_client_run(c, 150);
            exact = exact && s.delivered == want - 2;
            mine(driver, 1);
            head = block_number(driver);
        }
        exact = run_until(c, &s.delivered, want, 5000) && exact && s.delivered_at_head == log_block + N &&
                s.last_log_block == log_block;
    }
    printf("confirmations [%s]: 3 rounds of 2 logs, each delivered once %d blocks were on top of it, not before\n",
           label, N);
    if (s.problem[0]) fprintf(stderr, "  first problem: %s\n", s.problem);
    CHECK(exact);
    CHECK(s.delivered == 6 && s.wrong == 0);
    seismic_log_watch_stop(w);
    seismic_client_destroy(c);
}

/*---- memory over 100,000 events -----------------------------------------------------------------*/

typedef struct counting {
    size_t live, peak;
} counting;

static void *count_alloc(size_t size, void *user) {
    counting *k = (counting *)user;
    size_t *p = (size_t *)malloc(size + sizeof(size_t) * 2);
    if (!p) return NULL;
    p[0] = size;
    k->live += size;
    if (k->live > k->peak) k->peak = k->live;
    return p + 2;
}

static void count_free(void *ptr, void *user) {
    counting *k = (counting *)user;
    if (!ptr) return;
    size_t *p = (size_t *)ptr - 2;
    k->live -= p[0];
    free(p);
}

static void test_bounded(seismic_client *driver) {
    enum { TOTAL = 100000, PER_BLOCK = 250 };
    seismic_address emitter = deploy_emitter(driver);
    counting k = {0, 0};
    seismic_allocator a = {count_alloc, count_free, &k};
    seismic_client *c = ws_client(env("SEISMIC_TEST_ANVIL_WS"), &a);
    if (!c) return;
    seen s;
    seismic_log_watch_desc d = watch_desc(&s, &emitter);
    d.reorg_depth = 32;
    seismic_log_watcher *w = seismic_log_watch(c, &d, NULL);
    CHECK(w != NULL);
    uint64_t end = now_ms() + 10000;
    while (!seismic_log_watch_live(w) && now_ms() < end) seismic_client_run(c, 10);
    uint64_t t0 = now_ms(), emitted = 0;
    size_t peak_early = 0, peak_late = 0;
    while (emitted < TOTAL) {
        emitted += emit_events(driver, &emitter, PER_BLOCK) ? PER_BLOCK : 0;
        seismic_client_run(c, 0);
        if (emitted == TOTAL / 5) {
            run_until(c, &s.delivered, emitted, 20000);
            peak_early = k.peak;
            k.peak = k.live;
        }
        if (emitted % 5000 == 0 && !run_until(c, &s.delivered, emitted - 5000, 20000)) break;
    }
    CHECK(run_until(c, &s.delivered, TOTAL, 60000));
    peak_late = k.peak;
    printf("bookkeeping over %d events (%d per block, reorg_depth 32, ws): client + watcher peak %zu KiB after the "
           "first 20,000, %zu KiB over the last 80,000; %llu ms\n",
           TOTAL, PER_BLOCK, peak_early / 1024, peak_late / 1024, (unsigned long long)(now_ms() - t0));
    if (s.problem[0]) fprintf(stderr, "  first problem: %s\n", s.problem);
    CHECK(s.delivered == TOTAL && s.wrong == 0);
    CHECK(peak_late <= peak_early + peak_early / 4); /* flat, not growing with the events */
    seismic_log_watch_stop(w);
    seismic_client_destroy(c);
    CHECK(k.live == 0);
}

/*---- stopping ----------------------------------------------------------------------------------*/

static void test_stop(seismic_client *driver) {
    seismic_address emitter = deploy_emitter(driver);
    CHECK(emit_events(driver, &emitter, 20));
    const char *urls[2] = {env("SEISMIC_TEST_ANVIL_HTTP"), env("SEISMIC_TEST_ANVIL_WS")};
    for (int u = 0; u < 2; u++) {
        seismic_client *c = u ? ws_client(urls[u], NULL) : NULL;
        if (!c) {
            seismic_client_desc cd;
            memset(&cd, 0, sizeof cd);
            cd.url = urls[u];
            c = seismic_client_create(&cd, NULL);
        }
        seen s;
        seismic_log_watch_desc d = watch_desc(&s, &emitter);
        d.filter.from_block = seismic_block_at_number(0);
        seismic_log_watcher *w = seismic_log_watch(c, &d, NULL);
        s.stop_in_callback = w; /* stopped from inside its 5th on_log: no 6th, no use after free */
        s.stop_after = 5;
        CHECK(w != NULL);
        run_until(c, &s.delivered, 20, 1500);
        CHECK(s.delivered == 5);
        /* stopped at once with its first requests pending */
        seismic_log_watcher *w2 = seismic_log_watch(c, &d, NULL);
        CHECK(w2 != NULL);
        seismic_log_watch_stop(w2);
        seismic_client_run(c, 100);
        seismic_client_stats st = seismic_client_get_stats(c);
        CHECK(st.submitted == st.finished);
        /* the client goes first: its watcher stops working, and stop afterwards only frees it */
        seismic_log_watcher *w3 = seismic_log_watch(c, &d, NULL);
        CHECK(w3 != NULL);
        seismic_client_run(c, 50);
        seismic_client_destroy(c);
        CHECK(!seismic_log_watch_live(w3));
        seismic_log_watch_stop(w3);
    }
    seismic_error err = {"", SEISMIC_OK};
    seismic_client_desc cd;
    memset(&cd, 0, sizeof cd);
    cd.url = urls[0];
    seismic_client *c = seismic_client_create(&cd, NULL);
    seismic_log_watch_desc d;
    memset(&d, 0, sizeof d);
    CHECK(seismic_log_watch(c, &d, &err) == NULL && strstr(err.message, "on_log") != NULL);
    d.on_log = on_log;
    d.event = "Broken(uint257)";
    CHECK(seismic_log_watch(c, &d, &err) == NULL && err.result == SEISMIC_ERR_INVALID_ARGUMENT);
    d.event = NULL;
    d.filter.topics[1].count = 2;
    CHECK(seismic_log_watch(c, &d, &err) == NULL && strstr(err.message, "topics[1]") != NULL);
    seismic_client_destroy(c);
    /* no free request slot: the watcher is refused at once instead of standing still */
    cd.max_requests = 1;
    c = seismic_client_create(&cd, NULL);
    seismic_request busy = seismic_eth_block_number(c, NULL);
    seen s;
    d = watch_desc(&s, &emitter);
    CHECK(busy.id != 0 && seismic_log_watch(c, &d, &err) == NULL && err.result == SEISMIC_ERR_BUSY);
    seismic_request_release(c, busy);
    seismic_client_destroy(c);
    printf("stop: from inside on_log (HTTP and WS), right after creation, after the client was destroyed; bad descs and a "
           "full client refused\n");
}

/* With an argument, only the tests whose name contains it (e.g. `test_events chaos`). */
static bool selected(int argc, char **argv, const char *name) { return argc < 2 || strstr(name, argv[1]) != NULL; }

int main(int argc, char **argv) {
    if (selected(argc, argv, "decode")) test_decode_vectors();
    if (load_emitter()) {
        seismic_client_desc dd;
        memset(&dd, 0, sizeof dd);
        dd.url = env("SEISMIC_TEST_ANVIL_HTTP");
        seismic_client *driver = seismic_client_create(&dd, NULL);
        CHECK(driver != NULL);
        if (driver) {
            if (selected(argc, argv, "stop")) test_stop(driver);
            if (selected(argc, argv, "split")) test_http_split(driver);
            if (selected(argc, argv, "reorg-http")) {
                test_reorg(driver, env("SEISMIC_TEST_ANVIL_HTTP"), "http", false);
                test_reorg(driver, env("SEISMIC_TEST_ANVIL_HTTP"), "http", true);
            }
            if (selected(argc, argv, "reorg-ws")) {
                test_reorg(driver, env("SEISMIC_TEST_ANVIL_WS"), "ws", false);
                test_reorg(driver, env("SEISMIC_TEST_ANVIL_WS"), "ws", true);
            }
            if (selected(argc, argv, "confirmations")) {
                test_confirmations(driver, env("SEISMIC_TEST_ANVIL_HTTP"), "http");
                test_confirmations(driver, env("SEISMIC_TEST_ANVIL_WS"), "ws");
            }
            if (selected(argc, argv, "removals")) test_node_removals(driver);
            if (selected(argc, argv, "chaos")) test_ws_chaos(driver);
            if (selected(argc, argv, "bounded")) test_bounded(driver);
            seismic_client_destroy(driver);
        }
    }
    seismic_buf_free(&emitter_code);
    return test_summary();
}
