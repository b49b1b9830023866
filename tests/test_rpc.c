/* Integration tests of the transport and the JSON-RPC engine against real servers started by
   tools/testenv/testenv.js (make test does that): Anvil over HTTP and WebSocket, a counting proxy, TLS with a
   throwaway CA, and a fault server. Every request must end exactly once: submitted == finished. */
#define _POSIX_C_SOURCE 200809L
#include "seismic.h"
#include "harness.h"
#include "support.h"

#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static seismic_client *make_client(const char *url, seismic_client_desc *base) {
    seismic_client_desc d;
    seismic_error err = {"", SEISMIC_OK};
    if (base) d = *base;
    else memset(&d, 0, sizeof d);
    d.url = url;
    seismic_client *c = seismic_client_create(&d, &err);
    if (!c) fprintf(stderr, "client for %s: %s\n", url, err.message);
    CHECK(c != NULL);
    return c;
}

/* Every request accepted ended exactly once. */
static void check_balanced(seismic_client *c) {
    seismic_client_stats s = seismic_client_get_stats(c);
    if (s.submitted != s.finished)
        fprintf(stderr, "submitted %llu != finished %llu\n", (unsigned long long)s.submitted, (unsigned long long)s.finished);
    CHECK(s.submitted == s.finished);
    CHECK(s.in_flight == 0 && s.queued == 0);
}

typedef struct many_state {
    seismic_client *client;
    int next, total, ok, failed, in_flight, max_seen;
} many_state;

static void submit_one(many_state *st);

static void on_balance(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    many_state *st = (many_state *)user_data;
    seismic_u256 balance;
    (void)c;
    (void)req;
    st->in_flight--;
    if (resp->result == SEISMIC_OK && seismic_response_u256(resp, &balance) == SEISMIC_OK) st->ok++;
    else {
        if (st->failed < 5) fprintf(stderr, "call failed: %s\n", resp->error_message);
        st->failed++;
    }
    if (st->next < st->total) submit_one(st); /* callbacks may submit more work */
}

static void submit_one(many_state *st) {
    char params[96];
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = on_balance;
    o.user_data = st;
    snprintf(params, sizeof params, "[\"0x%040x\",\"latest\"]", (unsigned)st->next);
    st->next++;
    if (seismic_rpc(st->client, "eth_getBalance", params, &o).id) {
        st->in_flight++;
        if (st->in_flight > st->max_seen) st->max_seen = st->in_flight;
    } else {
        st->failed++;
    }
}

/* N calls with `concurrency` outstanding at a time, refilled from callbacks. */
static void run_many(const char *url, int total, int concurrency, const char *label) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_in_flight = (uint32_t)concurrency;
    seismic_client *c = make_client(url, &d);
    if (!c) return;
    many_state st = {c, 0, total, 0, 0, 0, 0};
    uint64_t t0 = now_ms();
    for (int i = 0; i < concurrency; i++) submit_one(&st);
    CHECK(seismic_client_wait_idle(c, 120000) == SEISMIC_OK);
    printf("%s: %d calls, %d in flight: %d ok, %d failed, %.0f calls/s\n", label, total, concurrency, st.ok, st.failed,
           total * 1000.0 / (double)(now_ms() - t0 + 1));
    CHECK(st.ok == total && st.failed == 0);
    CHECK(st.max_seen == concurrency);
    check_balanced(c);
    seismic_client_destroy(c);
}

static long http_count(const char *counting_url, const char *key) {
    /* the counting proxy's /__count, read with node's fetch */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "node -e \"fetch('%s/__count').then(r=>r.json()).then(j=>console.log(j.%s))\"", counting_url, key);
    FILE *p = popen(cmd, "r");
    long v = -1;
    if (p) {
        if (fscanf(p, "%ld", &v) != 1) v = -1;
        pclose(p);
    }
    return v;
}

static void reset_count(const char *counting_url) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "node -e \"fetch('%s/__reset',{method:'POST'}).then(r=>r.text())\"", counting_url);
    if (system(cmd) != 0) test_failed++;
}

static void test_batching(void) {
    const char *url = env("SEISMIC_TEST_COUNTING_HTTP");
    for (int batching = 1; batching >= 0; batching--) {
        seismic_client_desc d;
        memset(&d, 0, sizeof d);
        d.disable_batching = !batching;
        d.max_connections = 2;
        seismic_client *c = make_client(url, &d);
        if (!c) return;
        reset_count(url);
        seismic_request reqs[150];
        for (int i = 0; i < 150; i++) reqs[i] = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
        CHECK(seismic_client_wait_all(c, reqs, 150, 20000) == SEISMIC_OK);
        int ok = 0;
        for (int i = 0; i < 150; i++) {
            uint64_t n;
            ok += seismic_response_u64(seismic_request_response(c, reqs[i]), &n) == SEISMIC_OK;
            seismic_request_release(c, reqs[i]);
        }
        CHECK(ok == 150);
        long http = http_count(url, "httpRequests"), calls = http_count(url, "rpcCalls");
        printf("batching %s: 150 calls -> %ld HTTP requests, %ld JSON-RPC calls at the server\n", batching ? "on" : "off",
               http, calls);
        CHECK(calls == 150);
        if (batching) CHECK(http >= 2 && http <= 4); /* 150 calls in batches of at most 100 */
        else CHECK(http == 150);
        seismic_client_stats s = seismic_client_get_stats(c);
        CHECK((long)s.http_requests == http);
        check_balanced(c);
        seismic_client_destroy(c);
    }
}

typedef struct heads_state {
    int notifications;
    uint64_t last_number;
} heads_state;

static void on_head(seismic_client *c, seismic_subscription sub, const seismic_json *json, int result, void *user_data) {
    heads_state *st = (heads_state *)user_data;
    uint64_t number = 0;
    (void)c;
    (void)sub;
    if (json && seismic_json_get_u64(json, seismic_json_find(json, result, "number"), &number) == SEISMIC_OK) {
        st->notifications++;
        st->last_number = number;
    }
}

static bool wait_for(seismic_client *c, int *counter, int target, int timeout_ms) {
    uint64_t end = now_ms() + (uint64_t)timeout_ms;
    while (*counter < target && now_ms() < end) seismic_client_run(c, 50);
    return *counter >= target;
}

static void mine(seismic_client *c, int blocks) {
    char params[32];
    snprintf(params, sizeof params, "[%d]", blocks);
    seismic_error err;
    CHECK(seismic_rpc_call(c, "anvil_mine", params, NULL, &err) == SEISMIC_OK);
}

static void test_subscription_and_restart(void) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.ws_reconnect_max_delay_ms = 500;
    d.max_retries = 20;
    d.retry_max_delay_ms = 500;
    seismic_client *ws = make_client(env("SEISMIC_TEST_ANVIL_WS"), &d);
    seismic_client *http = make_client(env("SEISMIC_TEST_ANVIL_HTTP"), &d);
    if (!ws || !http) return;
    heads_state st = {0, 0};
    seismic_subscription sub = seismic_subscribe(ws, "[\"newHeads\"]", on_head, &st);
    CHECK(sub.id != 0);
    uint64_t end = now_ms() + 5000;
    while (!seismic_subscription_active(ws, sub) && now_ms() < end) seismic_client_run(ws, 20);
    CHECK(seismic_subscription_active(ws, sub));
    mine(http, 3);
    CHECK(wait_for(ws, &st.notifications, 3, 5000));
    printf("newHeads: %d notifications, last block %llu\n", st.notifications, (unsigned long long)st.last_number);

    /* kill the node and start it again on the same port */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "node tools/testenv/testenv.js restart-anvil --dir '%s' --down-ms 1000 >/dev/null",
             env("SEISMIC_TEST_ENV_DIR"));
    seismic_request during = seismic_rpc(http, "eth_chainId", NULL, NULL); /* submitted, not yet sent */
    CHECK(system(cmd) == 0);
    CHECK(seismic_client_wait(http, during, 20000) == SEISMIC_OK);
    uint64_t chain = 0;
    CHECK(seismic_response_u64(seismic_request_response(http, during), &chain) == SEISMIC_OK && chain == 31337);
    seismic_request_release(http, during);
    end = now_ms() + 15000;
    while (seismic_subscription_active(ws, sub) && now_ms() < end) seismic_client_run(ws, 20); /* notices the drop */
    while (!seismic_subscription_active(ws, sub) && now_ms() < end) seismic_client_run(ws, 20); /* re-subscribes */
    CHECK(seismic_subscription_active(ws, sub));
    int before = st.notifications;
    mine(http, 2);
    CHECK(wait_for(ws, &st.notifications, before + 2, 5000));
    seismic_client_stats s = seismic_client_get_stats(ws);
    printf("after restart: %llu reconnects, %d notifications\n", (unsigned long long)s.reconnects, st.notifications);
    CHECK(s.reconnects >= 1);
    CHECK(seismic_unsubscribe(ws, sub) == SEISMIC_OK);
    CHECK(seismic_unsubscribe(ws, sub) == SEISMIC_ERR_INVALID_HANDLE);
    seismic_client_wait_idle(ws, 5000);
    check_balanced(ws);
    check_balanced(http);
    seismic_client_destroy(ws);
    seismic_client_destroy(http);
}

/* One call on a fresh client; returns its result and copies the error message. */
static seismic_result one_call(const char *url, seismic_client_desc *d, const char *method, char *message, size_t cap,
                               uint64_t *elapsed_ms) {
    seismic_client *c = make_client(url, d);
    if (!c) return SEISMIC_ERR_INVALID_ARGUMENT;
    uint64_t t0 = now_ms();
    seismic_request req = seismic_rpc(c, method, NULL, NULL);
    seismic_client_wait(c, req, 60000);
    const seismic_response *resp = seismic_request_response(c, req);
    seismic_result r = resp ? resp->result : SEISMIC_ERR_INVALID_HANDLE;
    if (message) snprintf(message, cap, "%s", resp && resp->error_message ? resp->error_message : "");
    if (elapsed_ms) *elapsed_ms = now_ms() - t0;
    seismic_request_release(c, req);
    /* the client keeps working after the fault: the next request also ends, with a result */
    seismic_request again = seismic_rpc(c, method, NULL, NULL);
    CHECK(seismic_client_wait(c, again, 60000) == SEISMIC_OK);
    seismic_request_release(c, again);
    check_balanced(c);
    seismic_client_destroy(c);
    return r;
}

static void test_tls(void) {
    char message[200];
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.ca_file = env("SEISMIC_TEST_CA_FILE");
    CHECK(one_call(env("SEISMIC_TEST_TLS_HTTPS"), &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
    CHECK(one_call(env("SEISMIC_TEST_TLS_WSS"), &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
    d.max_retries = 1;
    CHECK(one_call(env("SEISMIC_TEST_TLS_WRONGNAME_HTTPS"), &d, "eth_chainId", message, sizeof message, NULL) ==
          SEISMIC_ERR_TLS);
    printf("wrong host name: %s\n", message);
    CHECK(strstr(message, "host name") != NULL);
    d.ca_file = env("SEISMIC_TEST_OTHER_CA_FILE");
    CHECK(one_call(env("SEISMIC_TEST_TLS_HTTPS"), &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_TLS);
    printf("unknown CA: %s\n", message);
    CHECK(strstr(message, "not trusted") != NULL);
    /* a CA file that is not there is a clear error at creation */
    seismic_error err = {"", SEISMIC_OK};
    d.ca_file = "/nonexistent/ca.pem";
    d.url = env("SEISMIC_TEST_TLS_HTTPS");
    CHECK(seismic_client_create(&d, &err) == NULL && strstr(err.message, "/nonexistent/ca.pem") != NULL);
}

static void fault_url(char *out, size_t cap, const char *path) {
    const char *base = env("SEISMIC_TEST_FAULT_HTTP");
    if (strncmp(path, "/ws/", 4) == 0) snprintf(out, cap, "ws://%s%s", base + 7, path);
    else snprintf(out, cap, "%s%s", base, path);
}

static void test_faults(void) {
    char url[300], message[200];
    uint64_t elapsed;
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.timeout_ms = 3000;
    d.max_retries = 1;
    d.retry_base_delay_ms = 50;

    fault_url(url, sizeof url, "/ok");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
    fault_url(url, sizeof url, "/reset-mid-body");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_TRANSPORT);
    printf("reset mid-body: %s\n", message);
    fault_url(url, sizeof url, "/garbage-status");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_TRANSPORT);
    printf("garbage status line: %s\n", message);
    CHECK(strstr(message, "HTTP") != NULL);
    fault_url(url, sizeof url, "/bad-chunk");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_TRANSPORT);
    printf("bad chunk: %s\n", message);
    fault_url(url, sizeof url, "/byte-at-a-time");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
    fault_url(url, sizeof url, "/close-after-response");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);

    seismic_client_desc small = d;
    small.max_response_bytes = 1 << 20;
    fault_url(url, sizeof url, "/huge-body");
    CHECK(one_call(url, &small, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_CAPACITY);
    printf("huge body: %s\n", message);

    seismic_client_desc stall = d;
    stall.timeout_ms = 700;
    fault_url(url, sizeof url, "/stall");
    CHECK(one_call(url, &stall, "eth_chainId", message, sizeof message, &elapsed) == SEISMIC_ERR_TIMEOUT);
    printf("stall: %s after %llu ms\n", message, (unsigned long long)elapsed);
    CHECK(elapsed >= 650 && elapsed < 3000);

    seismic_client_desc patient = d;
    patient.timeout_ms = 15000;
    patient.max_retries = 3;
    char path[64];
    snprintf(path, sizeof path, "/429?key=c-%d", (int)getpid()); /* the server counts per key */
    fault_url(url, sizeof url, path);
    CHECK(one_call(url, &patient, "eth_chainId", message, sizeof message, &elapsed) == SEISMIC_OK);
    printf("429 with Retry-After: 1 twice, then ok after %llu ms\n", (unsigned long long)elapsed);
    CHECK(elapsed >= 1900); /* two Retry-After waits of 1 s were honoured */
    snprintf(path, sizeof path, "/500-then-ok?key=c-%d", (int)getpid());
    fault_url(url, sizeof url, path);
    CHECK(one_call(url, &patient, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
    patient.disable_retries = true;
    snprintf(path, sizeof path, "/500-then-ok?key=c-noretry-%d", (int)getpid());
    fault_url(url, sizeof url, path);
    CHECK(one_call(url, &patient, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_HTTP);

    const char *ws_faults[] = {"/ws/bad-opcode", "/ws/huge-length", "/ws/close", "/ws/no-accept"};
    for (size_t i = 0; i < sizeof ws_faults / sizeof *ws_faults; i++) {
        fault_url(url, sizeof url, ws_faults[i]);
        seismic_result r = one_call(url, &d, "eth_chainId", message, sizeof message, NULL);
        printf("%s: %s (%s)\n", ws_faults[i], seismic_result_string(r), message);
        CHECK(r != SEISMIC_OK);
    }
    fault_url(url, sizeof url, "/ws/ok");
    CHECK(one_call(url, &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);

    /* nothing listening: a transport error, then failover to a working fallback */
    CHECK(one_call("http://127.0.0.1:9/", &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_TRANSPORT);
    printf("dead port: %s\n", message);
    fault_url(url, sizeof url, "/ok");
    const char *fallbacks[] = {url};
    seismic_client_desc fo = d;
    fo.fallback_urls = fallbacks;
    fo.fallback_count = 1;
    CHECK(one_call("http://127.0.0.1:9/", &fo, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
}

static int cancel_calls;
static void on_cancel(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    (void)c;
    (void)req;
    (void)user_data;
    if (resp->result == SEISMIC_ERR_CANCELED) cancel_calls++;
}

static int shutdown_calls;
static void on_shutdown(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    (void)c;
    (void)req;
    (void)user_data;
    if (resp->result == SEISMIC_ERR_SHUTDOWN) shutdown_calls++;
}

static void test_engine(void) {
    const char *url = env("SEISMIC_TEST_ANVIL_HTTP");
    seismic_client *c = make_client(url, NULL);
    if (!c) return;
    /* blocking wrapper, typed results, JSON-RPC errors */
    seismic_buf out = {0};
    seismic_error err;
    CHECK(seismic_rpc_call(c, "eth_chainId", NULL, &out, &err) == SEISMIC_OK);
    CHECK_STR(seismic_buf_cstr(&out), "\"0x7a69\"");
    CHECK(seismic_rpc_call(c, "no_such_method", "[]", NULL, &err) == SEISMIC_ERR_RPC);
    printf("unknown method: %s\n", err.message);
    CHECK(seismic_rpc_call(c, "eth_getBalance", "[\"0x1234\"]", NULL, &err) == SEISMIC_ERR_RPC);
    seismic_buf_free(&out);

    /* cancel: the callback runs once, with CANCELED, inside the pump */
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = on_cancel;
    seismic_request r1 = seismic_rpc(c, "eth_blockNumber", NULL, &o);
    CHECK(seismic_request_cancel(c, r1) == SEISMIC_OK);
    CHECK(cancel_calls == 0);
    seismic_client_run(c, 0);
    CHECK(cancel_calls == 1);
    CHECK(seismic_request_cancel(c, r1) == SEISMIC_ERR_INVALID_HANDLE); /* stale handle */
    seismic_request fake = {12345};
    CHECK(!seismic_request_done(c, fake) && seismic_request_response(c, fake) == NULL);

    /* future style: done + response + release; releasing a pending request cancels it */
    seismic_request r2 = seismic_rpc(c, "eth_chainId", NULL, NULL);
    seismic_request r3 = seismic_rpc(c, "eth_chainId", NULL, NULL);
    seismic_request_release(c, r3);
    CHECK(seismic_client_wait(c, r2, 5000) == SEISMIC_OK);
    CHECK(seismic_request_done(c, r2));
    uint64_t chain = 0;
    CHECK(seismic_response_u64(seismic_request_response(c, r2), &chain) == SEISMIC_OK && chain == 31337);
    seismic_request_release(c, r2);
    CHECK(!seismic_request_done(c, r2));
    check_balanced(c);

    /* the pull driver a game would use: poll with timeout 0 once a frame */
    seismic_request r4 = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    int frames = 0;
    while (!seismic_request_done(c, r4) && frames < 100000) {
        struct pollfd fds[8];
        int timeout;
        int n = seismic_client_pollfds(c, fds, 8, &timeout);
        poll(fds, (nfds_t)n, 0);
        seismic_client_process(c, fds, n);
        frames++;
    }
    CHECK(seismic_request_done(c, r4));
    seismic_request_release(c, r4);

    /* per-request timeout against a stalled server, and shutdown with work pending */
    seismic_client_destroy(c);
    char stall[300];
    fault_url(stall, sizeof stall, "/stall");
    c = make_client(stall, NULL);
    if (!c) return;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 300;
    seismic_request t = seismic_rpc(c, "eth_chainId", NULL, &o);
    CHECK(seismic_client_wait(c, t, 5000) == SEISMIC_OK);
    CHECK(seismic_request_response(c, t)->result == SEISMIC_ERR_TIMEOUT);
    seismic_request_release(c, t);
    memset(&o, 0, sizeof o);
    o.callback = on_shutdown;
    for (int i = 0; i < 10; i++) seismic_rpc(c, "eth_chainId", NULL, &o);
    seismic_client_run(c, 50);
    seismic_rpc(c, "eth_chainId", NULL, NULL); /* callback-less and pending: freed by destroy */
    seismic_client_destroy(c);
    CHECK(shutdown_calls == 10);

    /* the slot pool: a full pool refuses with BUSY and a message */
    seismic_client_desc tiny;
    memset(&tiny, 0, sizeof tiny);
    tiny.max_requests = 4;
    c = make_client(url, &tiny);
    if (!c) return;
    seismic_request held[4];
    for (int i = 0; i < 4; i++) held[i] = seismic_rpc(c, "eth_chainId", NULL, NULL);
    seismic_request extra = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(extra.id == 0 && seismic_client_last_error(c)->result == SEISMIC_ERR_BUSY);
    CHECK(seismic_client_wait_all(c, held, 4, 5000) == SEISMIC_OK);
    for (int i = 0; i < 4; i++) seismic_request_release(c, held[i]);
    check_balanced(c);
    seismic_client_destroy(c);
}

typedef struct rate_state {
    uint64_t start;
    uint64_t times[20];
    int count;
} rate_state;

static void on_rate(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    rate_state *st = (rate_state *)user_data;
    (void)c;
    (void)req;
    (void)resp;
    st->times[st->count++] = now_ms() - st->start;
}

static void test_rate_limit(void) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.rate_limit_per_second = 5;
    d.rate_limit_burst = 10;
    seismic_client *c = make_client(env("SEISMIC_TEST_ANVIL_HTTP"), &d);
    if (!c) return;
    rate_state st;
    memset(&st, 0, sizeof st);
    st.start = now_ms();
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = on_rate;
    o.user_data = &st;
    for (int i = 0; i < 20; i++) seismic_rpc(c, "eth_chainId", NULL, &o);
    CHECK(seismic_client_wait_idle(c, 10000) == SEISMIC_OK);
    CHECK(st.count == 20);
    /* the burst of 10 goes at once; then 5 per second: the 20th can't finish before ~2 s */
    printf("rate limit 5/s burst 10: call 10 at %llu ms, call 20 at %llu ms\n", (unsigned long long)st.times[9],
           (unsigned long long)st.times[19]);
    CHECK(st.times[9] < 600);
    CHECK(st.times[19] >= 1900);
    check_balanced(c);
    seismic_client_destroy(c);
}

static void test_urls_and_desc(void) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = "ftp://example.com";
    CHECK(seismic_client_create(&d, &err) == NULL && err.message[0]);
    d.url = NULL;
    CHECK(seismic_client_create(&d, &err) == NULL);
    d.url = "http://127.0.0.1:8545";
    seismic_client *c = seismic_client_create(&d, &err);
    CHECK(c != NULL);
    if (!c) return;
    const seismic_client_desc *resolved = seismic_client_get_desc(c);
    CHECK(resolved->max_batch == 100 && resolved->timeout_ms == 30000 && resolved->max_retries == 3);
    CHECK(seismic_subscribe(c, "[\"newHeads\"]", on_head, NULL).id == 0); /* HTTP cannot subscribe */
    seismic_client_destroy(c);
}

static int resolve_calls;

static int resolve_test_names(const char *host, char *ip, size_t cap, void *user_data) {
    (void)user_data;
    resolve_calls++;
    if (strcmp(host, "anvil.test") != 0) return -1;
    snprintf(ip, cap, "127.0.0.1");
    return 0;
}

static void test_resolver_and_keepalive(void) {
    /* a resolver hook, asked once per host however many connections are made */
    const char *anvil = env("SEISMIC_TEST_ANVIL_HTTP"); /* http://127.0.0.1:PORT */
    char url[200];
    snprintf(url, sizeof url, "http://anvil.test%s", strrchr(anvil, ':'));
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.resolver.resolve = resolve_test_names;
    d.max_connections = 4;
    d.max_batch = 10;
    seismic_client *c = make_client(url, &d);
    if (!c) return;
    seismic_request reqs[40];
    for (int i = 0; i < 40; i++) reqs[i] = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(seismic_client_wait_all(c, reqs, 40, 10000) == SEISMIC_OK);
    for (int i = 0; i < 40; i++) {
        CHECK(seismic_request_response(c, reqs[i])->result == SEISMIC_OK);
        seismic_request_release(c, reqs[i]);
    }
    seismic_client_stats s = seismic_client_get_stats(c);
    printf("resolver hook: %d lookups for %llu connections\n", resolve_calls, (unsigned long long)s.connections_opened);
    CHECK(resolve_calls == 1 && s.connections_opened >= 2);
    check_balanced(c);
    seismic_client_destroy(c);
    char message[200];
    d.max_retries = 1;
    CHECK(one_call("http://nohost.test:1/", &d, "eth_chainId", message, sizeof message, NULL) == SEISMIC_ERR_TRANSPORT);
    CHECK(strstr(message, "resolve") != NULL);

    /* keepalive: an idle WebSocket stays up through pings, no reconnect */
    memset(&d, 0, sizeof d);
    d.ws_ping_interval_ms = 150;
    c = make_client(env("SEISMIC_TEST_ANVIL_WS"), &d);
    if (!c) return;
    seismic_error err;
    CHECK(seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) == SEISMIC_OK);
    seismic_client_run(c, 1000);
    CHECK(seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) == SEISMIC_OK);
    s = seismic_client_get_stats(c);
    printf("keepalive: %llu frames sent in 1 s idle, %llu connections\n", (unsigned long long)s.ws_frames_sent,
           (unsigned long long)s.connections_opened);
    CHECK(s.ws_frames_sent >= 2 + 5 && s.connections_opened == 1 && s.reconnects == 0);
    seismic_client_destroy(c);
}

/* IPv6: an IP literal in brackets, no DNS, an AF_INET6 socket. */
static void test_ipv6(void) {
    char message[200];
    const char *url = env("SEISMIC_TEST_ANVIL_IPV6_HTTP");
    CHECK(strncmp(url, "http://[::1]:", 13) == 0);
    CHECK(one_call(url, NULL, "eth_chainId", message, sizeof message, NULL) == SEISMIC_OK);
}

/* A WebSocket that drops with calls in flight: reads are replayed on the next connection, a call that
   changes state is not (it ends with the transport error instead of possibly running twice). */
static void test_ws_replay(void) {
    char url[300];
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_retries = 1;
    d.retry_base_delay_ms = 20;
    d.ws_reconnect_max_delay_ms = 50;
    fault_url(url, sizeof url, "/ws/close"); /* the server closes (1011) after the first request */
    seismic_client *c = make_client(url, &d);
    if (!c) return;
    seismic_request unsafe = seismic_rpc(c, "anvil_mine", "[1]", NULL);
    CHECK(seismic_client_wait(c, unsafe, 10000) == SEISMIC_OK);
    const seismic_response *r = seismic_request_response(c, unsafe);
    CHECK(r && r->result == SEISMIC_ERR_TRANSPORT && r->attempts == 1);
    if (r) printf("ws drop, state-changing call: %s after %u attempt\n", r->error_message, r->attempts);
    seismic_request_release(c, unsafe);
    seismic_request safe = seismic_rpc(c, "eth_blockNumber", NULL, NULL);
    CHECK(seismic_client_wait(c, safe, 10000) == SEISMIC_OK);
    r = seismic_request_response(c, safe);
    CHECK(r && r->attempts == 2); /* replayed once on a new connection */
    if (r) printf("ws drop, read: %s after %u attempts\n", seismic_result_string(r->result), r->attempts);
    seismic_request_release(c, safe);
    check_balanced(c);
    seismic_client_destroy(c);
}

int main(void) {
    test_urls_and_desc();
    test_ipv6();
    test_ws_replay();
    test_resolver_and_keepalive();
    test_engine();
    run_many(env("SEISMIC_TEST_ANVIL_HTTP"), 10000, 256, "anvil http");
    run_many(env("SEISMIC_TEST_ANVIL_WS"), 10000, 256, "anvil ws");
    test_batching();
    test_rate_limit();
    test_tls();
    test_faults();
    test_subscription_and_restart();
    return test_summary();
}
