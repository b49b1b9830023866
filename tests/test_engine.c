/* The RPC engine against a hostile or scripted server, without a network and without real time:
   tests/memnet.h is the transport and the clock, so every schedule (retries, backoff, timeouts,
   reconnects) is asserted exactly. Covers response matching, subscriptions, numeric inputs, lifetimes
   and destroy orders, handle generations and bounded memory. */
#define _POSIX_C_SOURCE 200809L
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "memnet.h"

#include <math.h>
#include <stdlib.h>

static memnet net;

static seismic_client *mem_client(const char *url, seismic_client_desc *base) {
    seismic_client_desc d;
    seismic_error err = {"", SEISMIC_OK};
    if (base) d = *base;
    else memset(&d, 0, sizeof d);
    d.url = url;
    d.sockets = memnet_sockets(&net);
    d.clock = memnet_clock(&net);
    seismic_client *c = seismic_client_create(&d, &err);
    if (!c) fprintf(stderr, "client for %s: %s\n", url, err.message);
    CHECK(c != NULL);
    return c;
}

static void pump(seismic_client *c, int turns) {
    for (int i = 0; i < turns; i++) memnet_pump(c, &net);
}

static void check_balanced(seismic_client *c) {
    seismic_client_stats s = seismic_client_get_stats(c);
    if (s.submitted != s.finished)
        fprintf(stderr, "submitted %llu != finished %llu\n", (unsigned long long)s.submitted, (unsigned long long)s.finished);
    CHECK(s.submitted == s.finished);
}

static seismic_result result_of(seismic_client *c, seismic_request r) {
    const seismic_response *resp = seismic_request_response(c, r);
    return resp ? resp->result : SEISMIC_RESULT_COUNT_;
}

/* Starts a WebSocket client and completes its upgrade; returns the socket. */
static int ws_open(seismic_client *c) {
    pump(c, 2);
    int s = memnet_last(&net);
    CHECK(s >= 0 && memnet_ws_accept(&net, s));
    pump(c, 2);
    return s;
}

/* --- a result only ever completes the call whose id it carries --- */

static void test_batch_without_id(void) {
    static const char *const answers[] = {
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"0x1\"}",
        "{\"jsonrpc\":\"2.0\",\"result\":\"0x1\"}",
        "[{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"0x1\"}]",
    };
    for (size_t a = 0; a < sizeof answers / sizeof *answers; a++) {
        memnet_init(&net);
        seismic_client *c = mem_client("http://node.test:8545", NULL);
        seismic_request r[3];
        for (int i = 0; i < 3; i++) r[i] = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
        pump(c, 2);
        seismic_buf body = {0};
        CHECK(memnet_http_take(&net, 0, &body) && body.data[0] == '[');
        memnet_http_reply(&net, 0, 200, answers[a]);
        pump(c, 1);
        for (int i = 0; i < 3; i++) {
            CHECK(seismic_request_done(c, r[i]));
            CHECK(result_of(c, r[i]) == SEISMIC_ERR_PARSE);
            seismic_request_release(c, r[i]);
        }
        /* a single call answered without its id is not completed by that result either */
        seismic_request one = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
        pump(c, 2);
        CHECK(memnet_http_take(&net, 0, &body) && body.data[0] == '{');
        memnet_http_reply(&net, 0, 200, answers[a]);
        pump(c, 1);
        CHECK(result_of(c, one) == SEISMIC_ERR_PARSE);
        seismic_request_release(c, one);
        check_balanced(c);
        seismic_buf_free(&body);
        seismic_client_destroy(c);
        memnet_free(&net);
    }
    /* an id-less error object fails every call of its batch, with the server's code and message */
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_request r[2];
    for (int i = 0; i < 2; i++) r[i] = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    pump(c, 2);
    CHECK(memnet_http_take(&net, 0, NULL));
    memnet_http_reply(&net, 0, 200, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad batch\"}}");
    pump(c, 1);
    for (int i = 0; i < 2; i++) {
        const seismic_response *resp = seismic_request_response(c, r[i]);
        CHECK(resp && resp->result == SEISMIC_ERR_RPC && resp->rpc_code == -32600);
        CHECK(resp && strcmp(resp->error_message, "bad batch") == 0);
        seismic_request_release(c, r[i]);
    }
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* Ids are numbers we chose: a string id, a fraction or an id of another call is not an answer. */
static void test_id_forms(void) {
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_request r = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    pump(c, 2);
    seismic_buf body = {0};
    CHECK(memnet_http_take(&net, 0, &body));
    uint64_t id = memnet_call_id((const char *)body.data);
    char answer[300];
    snprintf(answer, sizeof answer,
             "[{\"jsonrpc\":\"2.0\",\"id\":\"0x%llx\",\"result\":\"0x1\"},{\"jsonrpc\":\"2.0\",\"id\":\"%llu\",\"result\":\"0x2\"},"
             "{\"jsonrpc\":\"2.0\",\"id\":%llu.5,\"result\":\"0x3\"}]",
             (unsigned long long)id, (unsigned long long)id, (unsigned long long)id);
    memnet_http_reply(&net, 0, 200, answer);
    pump(c, 1);
    CHECK(result_of(c, r) == SEISMIC_ERR_PARSE);
    seismic_request_release(c, r);
    seismic_buf_free(&body);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* An answer on connection A carrying the id of a call in flight on connection B does not complete B. */
static void test_answer_on_other_connection(void) {
    memnet_init(&net);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_batch = 1;
    d.max_connections = 2;
    seismic_client *c = mem_client("http://node.test:8545", &d);
    seismic_request a = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    seismic_request b = seismic_rpc(c, "eth_chainId", NULL, NULL);
    pump(c, 2);
    CHECK(net.count == 2);
    seismic_buf body_a = {0}, body_b = {0};
    CHECK(memnet_http_take(&net, 0, &body_a) && memnet_http_take(&net, 1, &body_b));
    bool a_first = strstr((const char *)body_a.data, "eth_blockNumber") != NULL;
    uint64_t id_on_1 = memnet_call_id((const char *)body_b.data);
    char answer[200];
    snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0xbad\"}", (unsigned long long)id_on_1);
    memnet_http_reply(&net, 0, 200, answer); /* connection 0 answers connection 1's call */
    pump(c, 1);
    seismic_request on0 = a_first ? a : b, on1 = a_first ? b : a;
    CHECK(result_of(c, on0) == SEISMIC_ERR_PARSE); /* its own answer never came */
    CHECK(!seismic_request_done(c, on1));
    snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0x7\"}", (unsigned long long)id_on_1);
    memnet_http_reply(&net, 1, 200, answer);
    pump(c, 1);
    uint64_t v = 0;
    CHECK(seismic_response_u64(seismic_request_response(c, on1), &v) == SEISMIC_OK && v == 7);
    seismic_request_release(c, on0);
    seismic_request_release(c, on1);
    check_balanced(c);
    seismic_buf_free(&body_a);
    seismic_buf_free(&body_b);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* --- subscriptions --- */

static int notifications;
static char last_notification[64];
static seismic_client *destroy_from_note;

static void on_note(seismic_client *c, seismic_subscription s, const seismic_json *j, int result, void *user) {
    (void)s;
    (void)user;
    notifications++;
    seismic_json_get_string(j, result, last_notification, sizeof last_notification, NULL);
    if (destroy_from_note == c) seismic_client_destroy(c);
}

static void test_notification_with_subscribe_answer(void) {
    memnet_init(&net);
    seismic_client *c = mem_client("ws://node.test:8546", NULL);
    notifications = 0;
    seismic_subscription sub = seismic_subscribe(c, "[\"newHeads\"]", on_note, NULL);
    CHECK(sub.id != 0);
    int s = ws_open(c);
    int op = 0;
    seismic_buf frame = {0};
    CHECK(memnet_ws_take(&net, s, &op, &frame) && op == _SEISMIC_WS_TEXT);
    uint64_t id = memnet_call_id((const char *)frame.data);
    char answer[300];
    snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0xabc\"}", (unsigned long long)id);
    memnet_ws_text(&net, s, answer); /* the answer and the first notification in one read */
    memnet_ws_text(&net, s, "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0xabc\",\"result\":\"one\"}}");
    pump(c, 1);
    CHECK(notifications == 1 && strcmp(last_notification, "one") == 0);
    CHECK(seismic_subscription_active(c, sub));
    memnet_ws_text(&net, s, "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0xabc\",\"result\":\"two\"}}");
    pump(c, 1);
    CHECK(notifications == 2 && strcmp(last_notification, "two") == 0);
    /* a subscription id with a quote: eth_unsubscribe carries it escaped, as one string */
    seismic_subscription quoted = seismic_subscribe(c, "[\"logs\"]", on_note, NULL);
    pump(c, 1);
    CHECK(memnet_ws_take(&net, s, &op, &frame));
    snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"a\\\",\\\"b\"}",
             (unsigned long long)memnet_call_id((const char *)frame.data));
    memnet_ws_text(&net, s, answer);
    pump(c, 1);
    CHECK(seismic_subscription_active(c, quoted));
    CHECK(seismic_unsubscribe(c, quoted) == SEISMIC_OK);
    pump(c, 1);
    CHECK(memnet_ws_take(&net, s, &op, &frame));
    CHECK(strstr((const char *)frame.data, "\"params\":[\"a\\\",\\\"b\"]") != NULL);
    seismic_buf_free(&frame);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* --- lifetimes --- */

typedef struct life {
    seismic_client *client;
    int calls, shutdowns;
    bool destroy_in_callback, resubmit;
    seismic_result process_result, wait_result, rpc_call_result;
    int run_result;
} life;

static void on_life(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    life *l = (life *)user;
    (void)req;
    l->calls++;
    if (resp->result == SEISMIC_ERR_SHUTDOWN) l->shutdowns++;
    if (l->destroy_in_callback && l->calls == 1) seismic_client_destroy(c);
    if (l->resubmit) { /* resubmits on every error: destroy must still end */
        seismic_request_options o;
        memset(&o, 0, sizeof o);
        o.callback = on_life;
        o.user_data = l;
        seismic_rpc(c, "eth_chainId", NULL, &o);
    }
}

static void on_reenter(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    life *l = (life *)user;
    (void)resp;
    l->calls++;
    l->process_result = seismic_client_process(c, NULL, 0) == -1 ? seismic_client_last_error(c)->result : SEISMIC_OK;
    l->run_result = seismic_client_run(c, 0);
    l->wait_result = seismic_client_wait(c, req, 10);
    seismic_error err;
    l->rpc_call_result = seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err);
}

static seismic_request_options life_opts(life *l, seismic_callback cb) {
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = cb;
    o.user_data = l;
    return o;
}

/* Answers every call of the HTTP request on socket s with "0x1". */
static void answer_all(int s) {
    seismic_buf body = {0}, out = {0};
    if (memnet_http_take(&net, s, &body)) {
        const char *p = (const char *)body.data;
        seismic_buf_append_byte(&out, '[');
        for (const char *id = strstr(p, "\"id\":"); id; id = strstr(id + 1, "\"id\":")) {
            char one[80];
            snprintf(one, sizeof one, "%s{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0x1\"}", out.len > 1 ? "," : "",
                     (unsigned long long)strtoull(id + 5, NULL, 10));
            seismic_buf_append_str(&out, one);
        }
        seismic_buf_append_byte(&out, ']');
        memnet_http_reply(&net, s, 200, seismic_buf_cstr(&out));
    }
    seismic_buf_free(&body);
    seismic_buf_free(&out);
}

static void test_destroy_in_callback(void) {
    memnet_init(&net);
    life l;
    memset(&l, 0, sizeof l);
    l.destroy_in_callback = true;
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_request_options o = life_opts(&l, on_life);
    seismic_rpc(c, "eth_chainId", NULL, &o);
    pump(c, 2);
    answer_all(0);
    seismic_rpc(c, "eth_blockNumber", NULL, &o); /* still queued when the first callback destroys */
    seismic_rpc(c, "eth_blockNumber", NULL, &o);
    seismic_rpc(c, "eth_gasPrice", NULL, NULL);
    CHECK(memnet_pump(c, &net) == 3); /* the answer, then two SHUTDOWNs; the client is freed on return */
    CHECK(l.calls == 3 && l.shutdowns == 2);
    memnet_free(&net);

    /* from a notification callback, inside the read */
    memnet_init(&net);
    c = mem_client("ws://node.test:8546", NULL);
    notifications = 0;
    seismic_subscribe(c, "[\"newHeads\"]", on_note, NULL);
    int s = ws_open(c);
    seismic_buf frame = {0};
    int op;
    CHECK(memnet_ws_take(&net, s, &op, &frame));
    char answer[200];
    snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0x9\"}",
             (unsigned long long)memnet_call_id((const char *)frame.data));
    memnet_ws_text(&net, s, answer);
    pump(c, 1);
    memset(&l, 0, sizeof l);
    o = life_opts(&l, on_life);
    seismic_rpc(c, "eth_chainId", NULL, &o);
    destroy_from_note = c;
    memnet_ws_text(&net, s, "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0x9\",\"result\":\"x\"}}");
    memnet_ws_text(&net, s, "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0x9\",\"result\":\"y\"}}");
    memnet_pump(c, &net);
    destroy_from_note = NULL;
    CHECK(notifications == 1 && l.calls == 1 && l.shutdowns == 1);
    seismic_buf_free(&frame);
    memnet_free(&net);
}

static void test_destroy_with_resubmitting_callbacks(void) {
    memnet_init(&net);
    life l;
    memset(&l, 0, sizeof l);
    l.resubmit = true;
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_request_options o = life_opts(&l, on_life);
    for (int i = 0; i < 10; i++) seismic_rpc(c, "eth_chainId", NULL, &o);
    pump(c, 2);
    seismic_client_destroy(c); /* returns: what the callbacks submit ends at once, without a callback */
    CHECK(l.calls == 10 && l.shutdowns == 10);
    memnet_free(&net);
}

static void test_reentry_refused(void) {
    memnet_init(&net);
    life l;
    memset(&l, 0, sizeof l);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_request_options o = life_opts(&l, on_reenter);
    seismic_rpc(c, "eth_chainId", NULL, &o);
    pump(c, 2);
    answer_all(0);
    pump(c, 1);
    CHECK(l.calls == 1);
    CHECK(l.process_result == SEISMIC_ERR_IN_CALLBACK);
    CHECK(l.run_result == -1);
    CHECK(l.wait_result == SEISMIC_ERR_IN_CALLBACK);
    CHECK(l.rpc_call_result == SEISMIC_ERR_IN_CALLBACK);
    pump(c, 1);
    check_balanced(c);
    CHECK(seismic_client_get_stats(c).live_requests == 0); /* the refused blocking call was released */
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* Wallets and watchers in every destroy order: after the client is gone they are orphans whose calls
   are refused, and destroying them frees only their own memory. */
static void watch_event(const seismic_src20_event *e, void *u) {
    (void)e;
    (void)u;
}

static int watch_errors;
static void watch_error(seismic_result r, const char *m, void *u) {
    (void)r;
    (void)m;
    (void)u;
    watch_errors++;
}

static seismic_wallet *pending_wallet(seismic_client *c) {
    seismic_wallet_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.private_key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    seismic_wallet *w = NULL;
    seismic_wallet_create(c, &wd, NULL, &w);
    CHECK(w != NULL);
    return w;
}

static seismic_src20_watcher *watcher(seismic_client *c) {
    seismic_src20_watch_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.on_event = watch_event;
    wd.on_error = watch_error;
    seismic_error err;
    seismic_src20_watcher *w = seismic_src20_watch(c, &wd, &err);
    CHECK(w != NULL);
    return w;
}

static void on_any_log(const seismic_log *log, const seismic_event_args *args, void *user) {
    (void)log;
    (void)args;
    (void)user;
}

static void test_destroy_orders(void) {
    for (int order = 0; order < 4; order++) {
        memnet_init(&net);
        seismic_client *c = mem_client(order == 3 ? "ws://node.test:8546" : "http://node.test:8545", NULL);
        seismic_wallet *w = pending_wallet(c);
        seismic_src20_watcher *watch = watcher(c);
        seismic_log_watch_desc lwd;
        memset(&lwd, 0, sizeof lwd);
        lwd.on_log = on_any_log;
        seismic_error err;
        seismic_log_watcher *logs = seismic_log_watch(c, &lwd, &err);
        CHECK(logs != NULL);
        seismic_subtensor *st = seismic_subtensor_create(c, NULL, &err);
        CHECK(st != NULL);
        seismic_tao_get_block_hash(st, NULL, NULL);
        pump(c, 2);
        seismic_address to;
        memset(&to, 0x11, sizeof to);
        if (order == 1) { /* objects first, then the client */
            seismic_wallet_destroy(w);
            seismic_src20_watch_stop(watch);
            seismic_log_watch_stop(logs);
            seismic_subtensor_destroy(st);
            pump(c, 1);
            seismic_client_destroy(c);
        } else { /* the client first: the objects are orphans */
            seismic_client_destroy(c);
            CHECK(!seismic_log_watch_live(logs));
            CHECK(seismic_subtensor_client(st) == NULL && seismic_tao_get_block_hash(st, NULL, NULL).id == 0);
            seismic_tao_block at;
            CHECK(seismic_tao_get_block_hash_blocking(st, NULL, &at, &err) == SEISMIC_ERR_SHUTDOWN);
            seismic_log_watch_stop(logs);
            seismic_subtensor_destroy(st);
            CHECK(seismic_wallet_client(w) == NULL);
            CHECK(seismic_shielded_write(w, &to, "x", 1, NULL, NULL).id == 0);
            CHECK(seismic_contract_call(w, &to, SEISMIC_SIGNED_READ, "f()", NULL, NULL, NULL).id == 0);
            CHECK(seismic_contract_call_text(NULL, w, &to, SEISMIC_SIGNED_READ, "f()", NULL, 0, NULL, NULL).id == 0);
            CHECK(!seismic_src20_watch_active(watch));
            if (order == 2) {
                seismic_src20_watch_stop(watch);
                seismic_wallet_destroy(w);
            } else {
                seismic_wallet_destroy(w);
                seismic_src20_watch_stop(watch);
            }
        }
        memnet_free(&net);
    }
    /* a watcher stopped with its step in flight, then the client destroyed before that step ends */
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_src20_watcher *watch = watcher(c);
    seismic_src20_watch_stop(watch);
    seismic_client_destroy(c);
    memnet_free(&net);
}

static seismic_src20_watcher *watcher_to_stop;
static void stop_on_error(seismic_result r, const char *m, void *u) {
    (void)r;
    (void)m;
    (void)u;
    watch_errors++;
    seismic_src20_watch_stop(watcher_to_stop); /* inside its own callback, with more logs to go */
}

/* Answers each call of the HTTP request on socket s by method: a head at 5, a block, three logs whose
   amounts cannot be decrypted (each one an on_error). */
static void answer_watcher(int s) {
    seismic_buf body = {0}, out = {0};
    if (!memnet_http_take(&net, s, &body)) return;
    const char *t = "\"0x1111111111111111111111111111111111111111111111111111111111111111\"";
    char log[700], one[2600];
    snprintf(log, sizeof log, "{\"address\":\"0x00000000000000000000000000000000000000aa\",\"topics\":[%s,%s,%s,%s],"
             "\"data\":\"0x00\",\"blockNumber\":\"0x5\",\"blockHash\":%s,\"transactionHash\":%s,"
             "\"logIndex\":\"0x%%x\",\"transactionIndex\":\"0x0\",\"removed\":false}", t, t, t, t, t, t);
    bool batch = body.data[0] == '[';
    if (batch) seismic_buf_append_byte(&out, '[');
    for (const char *m = strstr((const char *)body.data, "\"method\":\""); m; m = strstr(m + 1, "\"method\":\"")) {
        const char *obj = m;
        while (obj > (const char *)body.data && *obj != '{') obj--;
        uint64_t id = memnet_call_id(obj);
        char result[2200];
        if (strncmp(m + 10, "eth_blockNumber", 15) == 0) snprintf(result, sizeof result, "\"0x5\"");
        else if (strncmp(m + 10, "eth_getLogs", 11) == 0) {
            char l0[720], l1[720], l2[720];
            snprintf(l0, sizeof l0, log, 0);
            snprintf(l1, sizeof l1, log, 1);
            snprintf(l2, sizeof l2, log, 2);
            snprintf(result, sizeof result, "[%s,%s,%s]", l0, l1, l2);
        } else snprintf(result, sizeof result, "{\"number\":\"0x5\",\"hash\":%s,\"parentHash\":%s}", t, t);
        snprintf(one, sizeof one, "%s{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":%s}", out.len > 1 ? "," : "",
                 (unsigned long long)id, result);
        seismic_buf_append_str(&out, one);
    }
    if (batch) seismic_buf_append_byte(&out, ']');
    memnet_http_reply(&net, s, 200, seismic_buf_cstr(&out));
    seismic_buf_free(&body);
    seismic_buf_free(&out);
}

static void test_watcher_stopped_in_callback(void) {
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    seismic_src20_watch_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.on_event = watch_event;
    wd.on_error = stop_on_error;
    seismic_error err;
    watcher_to_stop = seismic_src20_watch(c, &wd, &err);
    CHECK(watcher_to_stop != NULL);
    watch_errors = 0;
    for (int i = 0; i < 20 && watch_errors == 0; i++) {
        pump(c, 1);
        for (int k = 0; k < net.count; k++) answer_watcher(k);
        pump(c, 1);
        net.now += 2000;
    }
    pump(c, 3);
    CHECK(watch_errors == 1); /* stopped in the first on_error: the other logs are not reported, nothing freed early */
    CHECK(seismic_client_get_stats(c).live_requests == 0); /* and no next poll */
    seismic_client_destroy(c);
    memnet_free(&net);
}

static seismic_wallet *wallet_to_destroy;
static void on_destroy_wallet(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    (void)c;
    (void)req;
    (void)resp;
    (void)user;
    seismic_wallet_destroy(wallet_to_destroy);
    wallet_to_destroy = NULL;
}

static void test_destroy_wallet_in_callback(void) {
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    wallet_to_destroy = pending_wallet(c);
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = on_destroy_wallet;
    seismic_rpc(c, "eth_chainId", NULL, &o);
    pump(c, 2);
    answer_all(0);
    pump(c, 2);
    CHECK(wallet_to_destroy == NULL);
    check_balanced(c);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* A stale handle never names a later request: slots retire before their generation wraps. */
static void test_generations(void) {
    memnet_init(&net);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_requests = 1;
    seismic_client *c = mem_client("http://node.test:8545", &d);
    seismic_request first = seismic_rpc(c, "eth_chainId", NULL, NULL);
    seismic_request_release(c, first); /* pending: canceled, its slot freed by the next pump */
    pump(c, 1);
    for (int i = 0; i < 70000; i++) {
        seismic_request_release(c, seismic_rpc(c, "eth_chainId", NULL, NULL));
        pump(c, 1);
    }
    seismic_request live = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(live.id != 0 && live.id != first.id);
    CHECK(seismic_request_cancel(c, first) == SEISMIC_ERR_INVALID_HANDLE);
    CHECK(!seismic_request_done(c, live));
    seismic_request_release(c, live);
    pump(c, 1);
    /* the last generation: used once, then the slot is retired */
    c->generations[0] = _SEISMIC_GENERATION_MAX - 1;
    seismic_request last = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(last.id >> 16 == _SEISMIC_GENERATION_MAX && last.id < (1ull << 48));
    seismic_request_release(c, last);
    pump(c, 1);
    seismic_request none = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(none.id == 0 && seismic_client_last_error(c)->result == SEISMIC_ERR_BUSY);
    CHECK(seismic_request_cancel(c, last) == SEISMIC_ERR_INVALID_HANDLE);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* --- numbers from a desc or a server are range-checked --- */

static void test_desc_ranges(void) {
    static const double bad_rates[] = {1e-25, 1e10, -1, 0.0 / 0.0, 1.0 / 0.0};
    for (size_t i = 0; i < sizeof bad_rates / sizeof *bad_rates; i++) {
        seismic_client_desc d;
        seismic_error err = {"", SEISMIC_OK};
        memset(&d, 0, sizeof d);
        d.url = "http://node.test:8545";
        d.rate_limit_per_second = bad_rates[i];
        seismic_client *c = seismic_client_create(&d, &err);
        CHECK(c == NULL && err.result == SEISMIC_ERR_INVALID_ARGUMENT && strstr(err.message, "rate_limit_per_second"));
        seismic_client_destroy(c);
    }
    seismic_client_desc d;
    seismic_error err = {"", SEISMIC_OK};
    memset(&d, 0, sizeof d);
    d.url = "http://node.test:8545";
    d.fallback_count = 3; /* and no array */
    CHECK(seismic_client_create(&d, &err) == NULL && strstr(err.message, "fallback_urls"));

    /* huge sizes are clamped: the batch still goes out, as one request */
    memnet_init(&net);
    memset(&d, 0, sizeof d);
    d.max_batch = UINT32_MAX;
    d.max_connections = UINT32_MAX;
    d.max_requests = UINT32_MAX;
    d.timeout_ms = UINT32_MAX;
    d.retry_base_delay_ms = d.retry_max_delay_ms = UINT32_MAX;
    d.ws_ping_interval_ms = UINT32_MAX;
    seismic_client *c = mem_client("http://node.test:8545", &d);
    const seismic_client_desc *got = seismic_client_get_desc(c);
    CHECK(got->max_requests == 65535 && got->max_batch == 65535 && got->max_connections == 256);
    seismic_request r[3];
    for (int i = 0; i < 3; i++) r[i] = seismic_rpc(c, "eth_chainId", NULL, NULL);
    pump(c, 2);
    CHECK(net.count == 1);
    seismic_buf body = {0};
    CHECK(memnet_http_take(&net, 0, &body) && body.data[0] == '[');
    seismic_buf answer = {0};
    seismic_buf_append_byte(&answer, '[');
    for (int i = 0; i < 3; i++) {
        char one[100];
        snprintf(one, sizeof one, "%s{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0x%x\"}", i ? "," : "",
                 (unsigned long long)r[i].id, i + 1);
        seismic_buf_append_str(&answer, one);
    }
    seismic_buf_append_str(&answer, "]");
    memnet_http_reply(&net, 0, 200, seismic_buf_cstr(&answer));
    pump(c, 1);
    for (int i = 0; i < 3; i++) {
        uint64_t v = 0;
        CHECK(seismic_response_u64(seismic_request_response(c, r[i]), &v) == SEISMIC_OK && v == (uint64_t)i + 1);
        seismic_request_release(c, r[i]);
    }
    /* a 500 with retry delays of up to UINT32_MAX ms: waiting, with a timeout that did not wrap */
    seismic_request slow = seismic_rpc(c, "eth_chainId", NULL, NULL);
    pump(c, 2);
    CHECK(memnet_http_take(&net, 0, NULL));
    memnet_http_reply(&net, 0, 500, "{}");
    pump(c, 1);
    CHECK(!seismic_request_done(c, slow) && seismic_client_get_stats(c).queued == 1);
    int wait = memnet_timeout(c);
    CHECK(wait == INT32_MAX); /* clamped: the retry is 2^31 ms or more away */
    seismic_request_release(c, slow);
    seismic_buf_free(&body);
    seismic_buf_free(&answer);
    seismic_client_destroy(c);
    memnet_free(&net);

    /* a ping interval of UINT32_MAX ms: twice that does not wrap into "silent for too long" */
    memnet_init(&net);
    memset(&d, 0, sizeof d);
    d.ws_ping_interval_ms = UINT32_MAX;
    c = mem_client("ws://node.test:8546", &d);
    seismic_request q = seismic_rpc(c, "eth_chainId", NULL, NULL);
    int s = ws_open(c);
    net.now += 10u * 3600 * 1000;
    pump(c, 1);
    CHECK(net.socks[s].open);
    seismic_request_release(c, q);
    seismic_client_destroy(c);
    memnet_free(&net);
}

static void test_error_codes(void) {
    static const struct { const char *code; int64_t want; } cases[] = {
        {"1e19", INT64_MAX}, {"1e400", INT64_MAX}, {"-1e400", INT64_MIN}, {"-32000.9", -32000}, {"\"x\"", 0}, {"-32601", -32601},
    };
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", NULL);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        seismic_request r = seismic_rpc(c, "eth_chainId", NULL, NULL);
        pump(c, 2);
        CHECK(memnet_http_take(&net, 0, NULL));
        char answer[200];
        snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"error\":{\"code\":%s,\"message\":\"m\"}}",
                 (unsigned long long)r.id, cases[i].code);
        memnet_http_reply(&net, 0, 200, answer);
        pump(c, 1);
        const seismic_response *resp = seismic_request_response(c, r);
        CHECK(resp && resp->result == SEISMIC_ERR_RPC && resp->rpc_code == cases[i].want);
        seismic_request_release(c, r);
    }
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* --- bounded memory --- */

/* Counts the bytes a client holds (each block carries its size in a header). */
typedef struct counting {
    size_t now, peak;
} counting;

static void *count_alloc(size_t size, void *user) {
    counting *k = (counting *)user;
    size_t *p = (size_t *)malloc(size + sizeof(size_t) * 2);
    if (!p) return NULL;
    p[0] = size;
    k->now += size;
    if (k->now > k->peak) k->peak = k->now;
    return p + 2;
}

static void count_free(void *ptr, void *user) {
    if (!ptr) return;
    size_t *p = (size_t *)ptr - 2;
    ((counting *)user)->now -= p[0];
    free(p);
}

static seismic_allocator counting_allocator(counting *k) {
    seismic_allocator a = {count_alloc, count_free, k};
    return a;
}

/* One answer of `bytes` bytes whose result is an array of `item`s. */
static void big_answer(seismic_buf *out, uint64_t id, size_t bytes, const char *item) {
    char head[64];
    snprintf(head, sizeof head, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":[", (unsigned long long)id);
    out->len = 0;
    seismic_buf_append_str(out, head);
    size_t n = strlen(item);
    while (out->len + n + 3 < bytes) {
        seismic_buf_append(out, item, n);
        seismic_buf_append_byte(out, ',');
    }
    seismic_buf_append(out, item, n);
    seismic_buf_append_str(out, "]}");
}

static size_t peak_for_answer(const char *item, size_t bytes, seismic_result expect, size_t *kept) {
    counting k = {0, 0};
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.allocator = counting_allocator(&k);
    memnet_init(&net);
    seismic_client *c = mem_client("http://node.test:8545", &d);
    seismic_request r = seismic_rpc(c, "eth_getLogs", "[{}]", NULL);
    pump(c, 2);
    seismic_buf body = {0}, answer = {0};
    CHECK(memnet_http_take(&net, 0, &body));
    big_answer(&answer, memnet_call_id((const char *)body.data), bytes, item);
    char head[128];
    snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", answer.len);
    memnet_write_str(&net, 0, head);
    memnet_write(&net, 0, answer.data, answer.len);
    size_t base = k.now;
    k.peak = k.now;
    for (int i = 0; i < 2000 && !seismic_request_done(c, r); i++) pump(c, 1);
    const seismic_response *resp = seismic_request_response(c, r);
    CHECK(resp && resp->result == expect);
    if (resp && resp->result != expect) fprintf(stderr, "  %s\n", resp->error_message);
    if (expect == SEISMIC_OK && resp) CHECK(seismic_json_size(&resp->json, resp->result_index) > bytes / (strlen(item) + 1) - 2);
    seismic_request_release(c, r);
    *kept = k.now > base ? k.now - base : 0; /* what the finished request left behind */
    size_t peak = k.peak - base;
    seismic_buf_free(&body);
    seismic_buf_free(&answer);
    seismic_client_destroy(c);
    CHECK(k.now == 0);
    memnet_free(&net);
    return peak;
}

static void test_big_response_memory(void) {
    const size_t size = 60u << 20;
    size_t kept;
    /* tiny tokens: 30 million values would need 480 MB of tokens, over max_response_bytes: refused */
    size_t peak = peak_for_answer("1", size, SEISMIC_ERR_CAPACITY, &kept);
    printf("60 MB response of tiny tokens: peak %.1f MB, kept %.1f MB after release\n", peak / 1048576.0, kept / 1048576.0);
    CHECK(peak <= 2 * size + (1u << 20));
    CHECK(kept <= 256u << 10);
    /* 32-byte hashes: accepted, the tokens stay well within the text's size */
    peak = peak_for_answer("\"0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"", size, SEISMIC_OK, &kept);
    printf("60 MB response of hashes: peak %.1f MB, kept %.1f MB after release\n", peak / 1048576.0, kept / 1048576.0);
    CHECK(peak <= 2 * size + (1u << 20));
    CHECK(kept <= 256u << 10);
}

/* A body over max_response_bytes is refused before the client holds more than the limit. */
static void body_over_limit(int kind) {
    counting k = {0, 0};
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.allocator = counting_allocator(&k);
    d.max_response_bytes = 1u << 20;
    d.disable_retries = true;
    memnet_init(&net);
    bool ws = kind == 2;
    seismic_client *c = mem_client(ws ? "ws://node.test:8546" : "http://node.test:8545", &d);
    seismic_request r = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    int s = ws ? ws_open(c) : (pump(c, 2), 0);
    size_t base = k.now;
    k.peak = k.now;
    CHECK(ws ? memnet_ws_take(&net, s, &(int){0}, NULL) : memnet_http_take(&net, s, NULL));
    static char piece[1024]; /* the body reaches exactly the limit, then goes over */
    memset(piece, ' ', sizeof piece);
    if (kind == 0) memnet_write_str(&net, s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    if (kind == 1) memnet_write_str(&net, s, "HTTP/1.1 200 OK\r\n\r\n");
    for (int i = 0; i < 3000 && !seismic_request_done(c, r); i++) {
        if (kind == 0) memnet_write_str(&net, s, "400\r\n");
        if (kind == 2) {
            uint8_t head[4] = {(uint8_t)(i ? _SEISMIC_WS_CONTINUATION : _SEISMIC_WS_TEXT), 126, 0x04, 0x00};
            memnet_write(&net, s, head, 4);
        }
        memnet_write(&net, s, piece, sizeof piece);
        if (kind == 0) memnet_write_str(&net, s, "\r\n");
        pump(c, 1);
    }
    CHECK(result_of(c, r) == (ws ? SEISMIC_ERR_TRANSPORT : SEISMIC_ERR_CAPACITY));
    printf("%s body over a 1 MiB limit: peak %.2f MiB\n", kind == 0 ? "chunked" : kind == 1 ? "close-delimited" : "WebSocket",
           (k.peak - base) / 1048576.0);
    CHECK(k.peak - base <= (3u << 19) + (64u << 10)); /* the buffer at the limit + the half it grew from */
    seismic_request_release(c, r);
    seismic_client_destroy(c);
    memnet_free(&net);
}

static void test_bodies_over_limit(void) {
    for (int kind = 0; kind < 3; kind++) body_over_limit(kind);
}

/* 200,000 pings from a peer that never reads: one pong waits, the rest coalesce into the latest. */
static void test_pongs_coalesce(void) {
    counting k = {0, 0};
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.allocator = counting_allocator(&k);
    memnet_init(&net);
    seismic_client *c = mem_client("ws://node.test:8546", &d);
    seismic_subscribe(c, "[\"newHeads\"]", on_note, NULL);
    int s = ws_open(c);
    CHECK(memnet_ws_take(&net, s, &(int){0}, NULL)); /* the eth_subscribe */
    net.socks[s].not_reading = true;
    size_t base = k.now;
    k.peak = k.now;
    for (int i = 0; i < 200000; i++) {
        char payload[16];
        int n = snprintf(payload, sizeof payload, "p%d", i);
        memnet_ws_frame(&net, s, _SEISMIC_WS_PING, payload, (size_t)n);
    }
    for (int i = 0; i < 100 && net.socks[s].to_client.len; i++) pump(c, 1);
    CHECK(net.socks[s].to_client.len == 0 && net.socks[s].open);
    printf("200000 pings, peer not reading: client memory grew %zu bytes\n", k.peak - base);
    CHECK(k.peak - base <= 4096);
    net.socks[s].not_reading = false;
    pump(c, 3);
    int pongs = 0, op;
    seismic_buf payload = {0};
    char last[16] = "";
    while (memnet_ws_take(&net, s, &op, &payload))
        if (op == _SEISMIC_WS_PONG) {
            pongs++;
            snprintf(last, sizeof last, "%s", (const char *)payload.data);
        }
    CHECK(pongs <= 2 && strcmp(last, "p199999") == 0);
    seismic_buf_free(&payload);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* A peer that does not read: requests wait behind max_send_bytes (no busy loop), and the next control
   frame fails the connection. */
static void test_send_queue_cap(void) {
    memnet_init(&net);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_send_bytes = 64u << 10;
    d.ws_ping_interval_ms = 1000;
    d.timeout_ms = 60000;
    seismic_client *c = mem_client("ws://node.test:8546", &d);
    static char params[10 * 1024 + 8];
    memset(params, 'a', sizeof params);
    memcpy(params, "[\"", 2);
    memcpy(params + sizeof params - 3, "\"]", 3);
    for (int i = 0; i < 50; i++) seismic_rpc(c, "eth_call", params, NULL);
    pump(c, 2);
    int s = memnet_last(&net);
    CHECK(s >= 0 && memnet_ws_accept(&net, s));
    net.socks[s].not_reading = true;
    pump(c, 2);
    seismic_client_stats st = seismic_client_get_stats(c);
    CHECK(st.in_flight == 7 && st.queued == 43); /* 7 frames of 10 KiB reach 64 KiB unsent */
    CHECK(memnet_timeout(c) > 0);
    net.now += 1000;
    pump(c, 1);
    CHECK(!net.socks[s].open); /* the keepalive ping found the queue full */
    CHECK(seismic_client_get_stats(c).in_flight == 0);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* Runs the client on the clock it reports: time jumps straight to its next deadline. */
static void run_until(seismic_client *c, uint64_t until, void (*server)(void)) {
    while (net.now < until) {
        for (int k = 0; k < 4; k++) {
            pump(c, 1);
            if (server) server();
        }
        int t = memnet_timeout(c);
        if (t < 0 || net.now + (uint64_t)t > until) net.now = until;
        else net.now += t ? (uint64_t)t : 1;
    }
}

static int upgrades_seen;
static uint64_t connect_times[64];

/* A server that completes every WebSocket upgrade and closes at once. */
static void accept_and_close(void) {
    for (int i = upgrades_seen; i < net.count; i++) {
        if (!memnet_ws_accept(&net, i)) return;
        net.socks[i].server_closed = true;
        if (upgrades_seen < 64) connect_times[upgrades_seen] = net.socks[i].opened_at;
        upgrades_seen++;
    }
}

static void test_reconnect_backoff(void) {
    memnet_init(&net);
    upgrades_seen = 0;
    seismic_client *c = mem_client("ws://node.test:8546", NULL);
    seismic_subscribe(c, "[\"newHeads\"]", on_note, NULL);
    uint64_t t0 = net.now;
    run_until(c, t0 + 8000, accept_and_close);
    printf("a server that upgrades and closes at once: %d connections in 8 s\n", upgrades_seen);
    CHECK(upgrades_seen >= 5 && upgrades_seen <= 7);
    /* each wait is the jittered exponential backoff: in [d/2, d] for d = 250 ms * 2^(n-1) */
    uint64_t d = 250;
    for (int i = 1; i < upgrades_seen && i < 64; i++, d *= 2) {
        uint64_t gap = connect_times[i] - connect_times[i - 1];
        if (gap < d / 2 || gap > d) fprintf(stderr, "reconnect %d after %llu ms, expected %llu..%llu\n", i,
                                            (unsigned long long)gap, (unsigned long long)d / 2, (unsigned long long)d);
        CHECK(gap >= d / 2 && gap <= d);
    }
    /* a connection that stays up 5 s proves itself: the next failure waits the first delay again */
    int s = net.count;
    for (int guard = 0; guard < 1000 && net.count == s; guard++) run_until(c, net.now + 10, NULL);
    CHECK(net.count == s + 1 && memnet_ws_accept(&net, s));
    pump(c, 2);
    run_until(c, net.now + 5000, NULL);
    net.socks[s].server_closed = true;
    pump(c, 1);
    uint64_t closed = net.now;
    run_until(c, net.now + 300, NULL);
    CHECK(net.count == s + 2 && net.socks[s + 1].opened_at - closed >= 125 && net.socks[s + 1].opened_at - closed <= 250);
    seismic_client_destroy(c);
    memnet_free(&net);
}

static int served, serve_status;
static uint64_t served_at[8];

/* Answers every call with serve_status (200: each call's own id with "0x1"), noting when each came. */
static void serve_calls(void) {
    for (int i = 0; i < net.count; i++) {
        memnet_sock *k = &net.socks[i];
        if (!k->open || !memnet_find_(&k->to_server, "\r\n\r\n")) continue;
        if (served < 8) served_at[served] = net.now;
        served++;
        if (serve_status == 200) answer_all(i);
        else {
            memnet_http_take(&net, i, NULL);
            memnet_http_reply(&net, i, serve_status, "{}");
        }
    }
}

/* Exact schedules on the injected clock: retries back off, a timeout fires on its millisecond, the
   token bucket spaces calls. */
static void test_schedules(void) {
    memnet_init(&net);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.retry_base_delay_ms = 100;
    d.retry_max_delay_ms = 1000;
    d.max_retries = 3;
    seismic_client *c = mem_client("http://node.test:8545", &d);
    seismic_request r = seismic_rpc(c, "eth_chainId", NULL, NULL);
    served = 0;
    serve_status = 503;
    run_until(c, net.now + 2000, serve_calls);
    if (served != 4) fprintf(stderr, "served %d, result %d\n", served, (int)result_of(c, r));
    CHECK(served == 4 && result_of(c, r) == SEISMIC_ERR_HTTP && seismic_request_response(c, r)->attempts == 4);
    for (int i = 1; i < 4 && i < served; i++) { /* waits in [d/2, d], d = 100, 200, 400 */
        uint64_t gap = served_at[i] - served_at[i - 1], dmax = 100u << (i - 1);
        if (gap < dmax / 2 || gap > dmax) fprintf(stderr, "retry %d after %llu ms\n", i, (unsigned long long)gap);
        CHECK(gap >= dmax / 2 && gap <= dmax);
    }
    seismic_request_release(c, r);

    /* a 300 ms timeout against a server that never answers: pending at 299 ms, timed out at 300 */
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 300;
    uint64_t t0 = net.now;
    r = seismic_rpc(c, "eth_chainId", NULL, &o);
    pump(c, 2);
    net.now = t0 + 299;
    pump(c, 1);
    CHECK(!seismic_request_done(c, r));
    CHECK(memnet_timeout(c) == 1);
    net.now = t0 + 300;
    pump(c, 1);
    CHECK(result_of(c, r) == SEISMIC_ERR_TIMEOUT);
    seismic_request_release(c, r);
    seismic_client_destroy(c);
    memnet_free(&net);

    /* 2 calls a second, burst 1: they leave at 0, 500 and 1000 ms */
    memnet_init(&net);
    memset(&d, 0, sizeof d);
    d.rate_limit_per_second = 2;
    d.rate_limit_burst = 1;
    d.disable_batching = true;
    d.max_connections = 1;
    c = mem_client("http://node.test:8545", &d);
    t0 = net.now;
    seismic_request q[3];
    for (int i = 0; i < 3; i++) q[i] = seismic_rpc(c, "eth_chainId", NULL, NULL);
    served = 0;
    serve_status = 200;
    for (int guard = 0; guard < 3000 && served < 3; guard++) run_until(c, net.now + 1, serve_calls);
    for (int guard = 0; guard < 10; guard++) run_until(c, net.now + 1, serve_calls);
    CHECK(served == 3);
    printf("rate limit 2/s: calls at %llu, %llu, %llu ms\n", (unsigned long long)(served_at[0] - t0),
           (unsigned long long)(served_at[1] - t0), (unsigned long long)(served_at[2] - t0));
    CHECK(served_at[0] == t0 && served_at[1] - t0 >= 500 && served_at[1] - t0 <= 501 && served_at[2] - t0 >= 1000 &&
          served_at[2] - t0 <= 1002);
    for (int i = 0; i < 3; i++) CHECK(seismic_request_done(c, q[i]) && result_of(c, q[i]) == SEISMIC_OK);
    for (int i = 0; i < 3; i++) seismic_request_release(c, q[i]);
    seismic_client_destroy(c);
    memnet_free(&net);
}

/* --- responses are tokenized as their bytes arrive: any cut gives what one piece gives --- */

/* Documents with something to cut inside: escapes, surrogate pairs, UTF-8, numbers, literals, nesting,
   and errors of every kind, some at the very end. */
static const char *const cut_docs[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"s\":\"a\\u00e9\\ud83d\\ude00\\n\\\"q\\\"\xc3\xa9\xf0\x9f\x98\x80\",\"n\":[0,-12.5e+3,1E9,true,false,null]}}",
    "[{\"id\":1,\"result\":\"0x1\"},{\"id\":2,\"error\":{\"code\":-32000,\"message\":\"m\",\"data\":[1]}},3,\"x\",[],{}]",
    "{\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0xab\",\"result\":{\"number\":\"0x1\"}}}",
    "  -0.0e-0  ", "12345678901234567890", "\"\"", "[[[[[[[[[[]]]]]]]]]]",
    "{\"a\":1,}", "[1,]", "[01]", "[1.]", "[1.e1]", "[1e]", "[1e+]", "[-]", "[tru]", "[nul", "\"\\u12", "\"\\ud800\\u0041\"",
    "\"\\udc00\"", "\"\\x\"", "\"\xe2\x82\"", "\"\xc0\xaf\"", "\"a\nb\"", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1] x", "", "   ",
    "{\"id\":1,\"result\":\"unterminated", "[1,2", "{\"k\":", "{\"k\"", "{",
};

static bool same_tokens(const seismic_json_token *a, const seismic_json_token *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i].type != b[i].type || a[i].flags != b[i].flags || a[i].start != b[i].start || a[i].len != b[i].len ||
            a[i].end != b[i].end)
            return false;
    return true;
}

/* Feeds doc in pieces given by cuts (increasing, each a fresh copy exactly that long), then finally. */
static seismic_result feed_cut(_seismic_json_stream *st, const char *doc, size_t len, const size_t *cuts, size_t n) {
    for (size_t i = 0; i <= n; i++) {
        size_t upto = i < n ? cuts[i] : len;
        char *copy = (char *)malloc(upto ? upto : 1);
        memcpy(copy, doc, upto);
        seismic_result r = _seismic_json_stream_feed(st, (const uint8_t *)copy, upto, i == n);
        free(copy);
        if (r) return r;
    }
    return st->error.result;
}

static bool same_as_one_piece(const char *doc, size_t len, const size_t *cuts, size_t n) {
    static seismic_json_token want[256], got[256];
    seismic_json ref;
    seismic_error ref_err = {"", SEISMIC_OK};
    seismic_allocator heap = {NULL, NULL, NULL};
    seismic_result expect = seismic_json_parse(&ref, doc, len, want, 256, &ref_err);
    _seismic_json_stream st;
    _seismic_json_stream_init(&st, got, 256, 0, heap, false);
    seismic_result r = feed_cut(&st, doc, len, cuts, n);
    bool same = r == expect && (r == SEISMIC_OK ? st.count == ref.count && same_tokens(want, got, ref.count)
                                                : strcmp(st.error.message, ref_err.message) == 0);
    if (!same) fprintf(stderr, "  cut of \"%s\": %d \"%s\" vs %d \"%s\"\n", doc, r, st.error.message, expect, ref_err.message);
    return same;
}

static void test_tokenizer_cuts(void) {
    int bad = 0;
    for (size_t d = 0; d < sizeof cut_docs / sizeof *cut_docs; d++) {
        const char *doc = cut_docs[d];
        size_t len = strlen(doc), cuts[2048];
        for (size_t k = 0; k <= len; k++) bad += !same_as_one_piece(doc, len, &k, 1); /* one cut, anywhere */
        for (size_t k = 0; k < len; k++) cuts[k] = k + 1;
        bad += !same_as_one_piece(doc, len, cuts, len); /* every byte a piece */
        for (size_t k1 = 0; k1 <= len && len < 64; k1++) /* two cuts, everywhere */
            for (size_t k2 = k1; k2 <= len; k2++) {
                size_t two[2] = {k1, k2};
                bad += !same_as_one_piece(doc, len, two, 2);
            }
    }
    CHECK(bad == 0);
    /* hostile: 65 levels deep and a 300 KB number, byte by byte: refused / read once, no rescans */
    seismic_buf deep = {0};
    for (int i = 0; i < 65; i++) seismic_buf_append_byte(&deep, '[');
    size_t cuts[65];
    for (size_t k = 0; k < 65; k++) cuts[k] = k + 1;
    _seismic_json_stream st;
    seismic_allocator heap = {NULL, NULL, NULL};
    _seismic_json_stream_init(&st, NULL, 0, 1024, heap, false);
    CHECK(feed_cut(&st, (const char *)deep.data, deep.len, cuts, 65) == SEISMIC_ERR_TOO_DEEP);
    _seismic_json_stream_free(&st);
    seismic_buf_free(&deep);
}

/* One scenario's results, to compare between deliveries. */
typedef struct outcome {
    seismic_result result[3];
    int64_t code[3];
    char text[3][256];
} outcome;

static void take_outcome(seismic_client *c, const seismic_request *r, int n, outcome *o) {
    memset(o, 0, sizeof *o);
    for (int i = 0; i < n; i++) {
        const seismic_response *resp = seismic_request_response(c, r[i]);
        CHECK(resp != NULL);
        if (!resp) continue;
        o->result[i] = resp->result;
        o->code[i] = resp->rpc_code;
        size_t len = 0;
        const char *raw = resp->result == SEISMIC_OK ? seismic_response_raw(resp, &len) : resp->error_message;
        if (resp->result != SEISMIC_OK) len = strlen(raw);
        snprintf(o->text[i], sizeof o->text[i], "%.*s|%.*s", (int)len, raw, (int)resp->rpc_data_len,
                 resp->rpc_data ? resp->rpc_data : "");
        seismic_request_release(c, r[i]);
    }
}

enum { DELIVER_WHOLE, DELIVER_BYTES, DELIVER_RANDOM };
enum { FRAME_LENGTH, FRAME_CHUNKED, FRAME_WS };

/* Three calls answered by one batch response (shuffled, with an error and escapes) or, with single,
   one call answered by one object; framed by Content-Length, chunked (chunks of 1-9 bytes) or as
   WebSocket fragments of 1-9 bytes; delivered whole, a byte per process call, or in random pieces. */
static void split_scenario(int framing, int delivery, bool single, uint32_t seed, outcome *o) {
    memnet_init(&net);
    bool ws = framing == FRAME_WS;
    seismic_client *c = mem_client(ws ? "ws://node.test:8546" : "http://node.test:8545", NULL);
    int n = single ? 1 : 3;
    seismic_request r[3];
    int s = 0;
    for (int i = 0; i < n; i++) r[i] = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    if (ws) s = ws_open(c);
    else pump(c, 2);
    for (int i = 0; i < n; i++) CHECK(ws ? memnet_ws_take(&net, s, &(int){0}, NULL) : (i > 0 || memnet_http_take(&net, s, NULL)));
    char doc[1024];
    if (single)
        snprintf(doc, sizeof doc, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":{\"s\":\"\\u00e9\\ud83d\\ude00 \\\"q\\\"\",\"n\":[1,-2.5e3,true,null]}}",
                 (unsigned long long)r[0].id);
    else
        snprintf(doc, sizeof doc,
                 " [ {\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0x2a\"}, {\"id\":%llu,\"error\":{\"code\":-32000,"
                 "\"message\":\"bad \\\"q\\\" \xc3\xa9\",\"data\":{\"x\":[1,2]}},\"jsonrpc\":\"2.0\"},{\"jsonrpc\":\"2.0\",\"id\":999,"
                 "\"result\":1},{\"result\":{\"s\":\"\\ud83d\\ude00\",\"n\":[1e3,-0]},\"id\":%llu} ] ",
                 (unsigned long long)r[2].id, (unsigned long long)r[1].id, (unsigned long long)r[0].id);
    size_t len = strlen(doc);
    uint32_t x = seed | 1;
    seismic_buf wire = {0};
    if (framing == FRAME_LENGTH) {
        char head[96];
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", len);
        seismic_buf_append_str(&wire, head);
        seismic_buf_append(&wire, doc, len);
    } else if (framing == FRAME_CHUNKED) {
        seismic_buf_append_str(&wire, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (size_t at = 0; at < len;) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            size_t k = 1 + x % 9;
            if (k > len - at) k = len - at;
            char size[16];
            snprintf(size, sizeof size, "%zx\r\n", k);
            seismic_buf_append_str(&wire, size);
            seismic_buf_append(&wire, doc + at, k);
            seismic_buf_append_str(&wire, "\r\n");
            at += k;
        }
        seismic_buf_append_str(&wire, "0\r\n\r\n");
    } else {
        for (size_t at = 0; at < len;) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            size_t k = 1 + x % 9;
            if (k > len - at) k = len - at;
            uint8_t head[2] = {(uint8_t)((at + k == len ? 0x80 : 0) | (at ? _SEISMIC_WS_CONTINUATION : _SEISMIC_WS_TEXT)), (uint8_t)k};
            if (at && x % 5 == 0) seismic_buf_append(&wire, "\x89\x01p", 3); /* a ping between fragments */
            seismic_buf_append(&wire, head, 2);
            seismic_buf_append(&wire, doc + at, k);
            at += k;
        }
    }
    memnet_write(&net, s, wire.data, wire.len);
    for (int turn = 0; turn < 20000 && !seismic_request_done(c, r[0]); turn++) {
        if (delivery == DELIVER_BYTES) net.socks[s].recv_max = 1;
        if (delivery == DELIVER_RANDOM) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            net.socks[s].recv_max = 1 + x % 40;
        }
        pump(c, 1);
    }
    for (int i = 0; i < n; i++) CHECK(seismic_request_done(c, r[i]));
    take_outcome(c, r, n, o);
    check_balanced(c);
    seismic_buf_free(&wire);
    seismic_client_destroy(c);
    memnet_free(&net);
}

static void test_split_responses(void) {
    for (int single = 0; single < 2; single++) {
        outcome whole, cut;
        split_scenario(FRAME_LENGTH, DELIVER_WHOLE, single, 1, &whole);
        CHECK(whole.result[0] == SEISMIC_OK);
        if (!single) {
            CHECK(strcmp(whole.text[0], "{\"s\":\"\\ud83d\\ude00\",\"n\":[1e3,-0]}|") == 0);
            CHECK(whole.result[1] == SEISMIC_ERR_RPC && whole.code[1] == -32000);
            CHECK(strcmp(whole.text[1], "bad \\\"q\\\" \xc3\xa9|{\"x\":[1,2]}") == 0);
            CHECK(whole.result[2] == SEISMIC_OK && strcmp(whole.text[2], "\"0x2a\"|") == 0);
        }
        int differ = 0;
        for (int framing = FRAME_LENGTH; framing <= FRAME_WS; framing++)
            for (int delivery = DELIVER_WHOLE; delivery <= DELIVER_RANDOM; delivery++)
                for (uint32_t seed = 1; seed <= (delivery == DELIVER_BYTES ? 2u : 12u); seed++) {
                    split_scenario(framing, delivery, single, seed * 2654435761u, &cut);
                    if (memcmp(&cut, &whole, sizeof cut) != 0) {
                        fprintf(stderr, "  framing %d delivery %d seed %u: \"%s\" vs \"%s\"\n", framing, delivery, seed,
                                cut.text[0], whole.text[0]);
                        differ++;
                    }
                }
        CHECK(differ == 0);
    }
}

/* Bodies that grow as they arrive (chunked, fragmented WebSocket) and the tokens of their thousands of
   values move to bigger blocks a little per call: the answer is exactly the one sent. */
static void test_growing_bodies(void) {
    for (int framing = FRAME_CHUNKED; framing <= FRAME_WS; framing++) {
        memnet_init(&net);
        bool ws = framing == FRAME_WS;
        seismic_client *c = mem_client(ws ? "ws://node.test:8546" : "http://node.test:8545", NULL);
        seismic_request r = seismic_rpc(c, "eth_getLogs", "[{}]", NULL);
        int s = ws ? ws_open(c) : (pump(c, 2), 0);
        CHECK(ws ? memnet_ws_take(&net, s, &(int){0}, NULL) : memnet_http_take(&net, s, NULL));
        seismic_buf doc = {0}, wire = {0};
        const char *item = "{\"h\":\"0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"}";
        big_answer(&doc, r.id, 3u << 20, item);
        if (!ws) seismic_buf_append_str(&wire, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        uint32_t x = 12345;
        for (size_t at = 0; at < doc.len;) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            size_t k = 1 + x % 100000;
            if (k > doc.len - at) k = doc.len - at;
            if (ws) {
                uint8_t head[10] = {(uint8_t)((at + k == doc.len ? 0x80 : 0) | (at ? _SEISMIC_WS_CONTINUATION : _SEISMIC_WS_TEXT)), 127};
                for (int i = 0; i < 8; i++) head[2 + i] = (uint8_t)((uint64_t)k >> (56 - 8 * i));
                seismic_buf_append(&wire, head, 10);
            } else {
                char size[16];
                snprintf(size, sizeof size, "%zx\r\n", k);
                seismic_buf_append_str(&wire, size);
            }
            seismic_buf_append(&wire, doc.data + at, k);
            if (!ws) seismic_buf_append_str(&wire, "\r\n");
            at += k;
        }
        if (!ws) seismic_buf_append_str(&wire, "0\r\n\r\n");
        memnet_write(&net, s, wire.data, wire.len);
        for (int turn = 0; turn < 100000 && !seismic_request_done(c, r); turn++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            net.socks[s].recv_max = 1 + x % 65536;
            pump(c, 1);
        }
        const seismic_response *resp = seismic_request_response(c, r);
        CHECK(resp && resp->result == SEISMIC_OK);
        size_t len = 0;
        const char *raw = resp ? seismic_response_raw(resp, &len) : NULL;
        const char *want = strchr((const char *)doc.data, '[');
        CHECK(raw && len == doc.len - (size_t)(want - (const char *)doc.data) - 1 && memcmp(raw, want, len) == 0);
        size_t count = (len - 1) / (strlen(item) + 1), last = 0;
        CHECK(resp && seismic_json_size(&resp->json, resp->result_index) == count);
        /* every element's token is whole (objects close while their tokens move) */
        for (int e = seismic_json_first_child(&resp->json, resp->result_index); resp && e >= 0;
             e = seismic_json_next_sibling(&resp->json, resp->result_index, e), last++) {
            size_t n = 0;
            const char *element = seismic_json_raw(&resp->json, e, &n);
            if (n != strlen(item) || memcmp(element, item, n) != 0 || seismic_json_find(&resp->json, e, "h") != e + 2) break;
        }
        CHECK(last == count);
        seismic_request_release(c, r);
        seismic_buf_free(&doc);
        seismic_buf_free(&wire);
        seismic_client_destroy(c);
        memnet_free(&net);
    }
}

/* Growing token memory: containers that close while their tokens are being moved to the bigger block
   (the inner array below closes around token 16,400, inside the move that starts at 16,384) are whole in
   the block that takes over. Compared with one pass into a caller's array. */
static void test_token_growth(void) {
    seismic_allocator heap = {NULL, NULL, NULL};
    seismic_json_token *want = (seismic_json_token *)malloc(40000 * sizeof *want);
    int differ = 0;
    for (int k = 5440; k <= 5500; k++) {
        seismic_buf doc = {0};
        seismic_buf_append_str(&doc, "{\"result\":[[");
        for (int i = 0; i < k; i++) seismic_buf_append_str(&doc, i ? ",{\"a\":1}" : "{\"a\":1}");
        seismic_buf_append_str(&doc, "],1]}");
        seismic_json ref;
        CHECK(seismic_json_parse(&ref, (const char *)doc.data, doc.len, want, 40000, NULL) == SEISMIC_OK);
        _seismic_json_stream st;
        _seismic_json_stream_init(&st, NULL, 0, 1u << 20, heap, false);
        uint32_t x = (uint32_t)k * 2654435761u | 1;
        size_t fed = 0;
        while (fed < doc.len) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            fed += 1 + x % 300;
            if (fed > doc.len) fed = doc.len;
            differ += _seismic_json_stream_feed(&st, doc.data, fed, fed == doc.len) != SEISMIC_OK;
        }
        CHECK(st.state == _SEISMIC_JS_DONE && st.count == ref.count);
        if (st.count != ref.count || !same_tokens(st.tokens, want, ref.count)) differ++;
        _seismic_json_stream_free(&st);
        seismic_buf_free(&doc);
    }
    CHECK(differ == 0);
    free(want);
}

/* A hostile body cut at every byte: 65 levels deep, or malformed halfway through a long string. The call
   fails with the tokenizer's reason once the body is complete, the rest of the body is read past (the
   tokenizer stops working at the error), and the keep-alive connection answers the next call. */
static void test_hostile_bodies_bytewise(void) {
    static const char *const why[] = {"nested deeper than 64", "control character in string"};
    for (int kind = 0; kind < 2; kind++) {
        memnet_init(&net);
        seismic_client *c = mem_client("http://node.test:8545", NULL);
        seismic_request r = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
        pump(c, 2);
        CHECK(memnet_http_take(&net, 0, NULL));
        seismic_buf body = {0};
        if (kind == 0) {
            for (int i = 0; i < 65; i++) seismic_buf_append_byte(&body, '[');
            for (int i = 0; i < 65; i++) seismic_buf_append_byte(&body, ']');
        } else {
            seismic_buf_append_str(&body, "{\"id\":1,\"result\":\"0x");
            for (int i = 0; i < 3000; i++) seismic_buf_append_byte(&body, i == 1500 ? '\n' : 'a');
            seismic_buf_append_str(&body, "\"}");
        }
        char head[96];
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", body.len);
        memnet_write_str(&net, 0, head);
        memnet_write(&net, 0, body.data, body.len);
        net.socks[0].recv_max = 1;
        for (int turn = 0; turn < 10000 && !seismic_request_done(c, r); turn++) pump(c, 1);
        const seismic_response *resp = seismic_request_response(c, r);
        CHECK(resp && resp->result == SEISMIC_ERR_PARSE && strstr(resp->error_message, why[kind]));
        if (resp && !strstr(resp->error_message, why[kind])) fprintf(stderr, "  %s\n", resp->error_message);
        seismic_request_release(c, r);
        net.socks[0].recv_max = 0;
        seismic_request again = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
        pump(c, 2);
        seismic_buf call = {0};
        CHECK(memnet_http_take(&net, 0, &call)); /* the same connection */
        char answer[96];
        snprintf(answer, sizeof answer, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":\"0x2\"}", (unsigned long long)again.id);
        memnet_http_reply(&net, 0, 200, answer);
        pump(c, 2);
        uint64_t v = 0;
        CHECK(result_of(c, again) == SEISMIC_OK && seismic_response_u64(seismic_request_response(c, again), &v) == SEISMIC_OK && v == 2);
        CHECK(net.count == 1);
        seismic_request_release(c, again);
        check_balanced(c);
        seismic_buf_free(&call);
        seismic_buf_free(&body);
        seismic_client_destroy(c);
        memnet_free(&net);
    }
}

int main(void) {
    test_tokenizer_cuts();
    test_split_responses();
    test_growing_bodies();
    test_token_growth();
    test_hostile_bodies_bytewise();
    test_batch_without_id();
    test_id_forms();
    test_answer_on_other_connection();
    test_notification_with_subscribe_answer();
    test_destroy_in_callback();
    test_destroy_with_resubmitting_callbacks();
    test_reentry_refused();
    test_destroy_orders();
    test_destroy_wallet_in_callback();
    test_watcher_stopped_in_callback();
    test_generations();
    test_desc_ranges();
    test_error_codes();
    test_bodies_over_limit();
    test_pongs_coalesce();
    test_send_queue_cap();
    test_reconnect_backoff();
    test_schedules();
    test_big_response_memory();
    return test_summary();
}
