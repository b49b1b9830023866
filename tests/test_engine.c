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
    seismic_error err = {SEISMIC_OK, ""};
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

static void on_note(seismic_client *c, seismic_subscription s, const seismic_json *j, int result, void *user) {
    (void)c;
    (void)s;
    (void)user;
    notifications++;
    seismic_json_get_string(j, result, last_notification, sizeof last_notification, NULL);
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
    CHECK(memnet_ws_take(&net, s, &op, &frame) && op == SEISMIC_WS_TEXT);
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
    seismic_buf_free(&frame);
    seismic_client_destroy(c);
    memnet_free(&net);
}

int main(void) {
    test_batch_without_id();
    test_id_forms();
    test_answer_on_other_connection();
    test_notification_with_subscribe_answer();
    return test_summary();
}
