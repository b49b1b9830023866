/* libFuzzer target for the whole engine: a client (HTTP with batching and a pool, or WebSocket with
   subscriptions) driven through the in-memory transport and clock of tests/memnet.h by a fuzzed
   script: submit, cancel, release, subscribe, server bytes (raw, framed, or as an answer to a call the
   client sent), closes, resets, time passing, destroy from a callback. Checks: no crash, no leak, and
   every request with a callback gets exactly one callback (its end), whatever the server sent. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "../memnet.h"

#include <stdlib.h>

static memnet net;
static seismic_client *client;
static long callbacks, expected;
static bool destroy_next, destroyed;

static void on_done(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    (void)req;
    (void)user;
    callbacks++;
    if (resp->result > SEISMIC_RESULT_COUNT_) abort();
    if (seismic_client_process(c, NULL, 0) != -1) abort(); /* re-entry is refused */
    if (destroy_next) {
        destroy_next = false;
        destroyed = true;
        seismic_client_destroy(c);
    }
}

static void on_note(seismic_client *c, seismic_subscription s, const seismic_json *j, int result, void *user) {
    size_t len;
    (void)c;
    (void)s;
    (void)user;
    seismic_json_raw(j, result, &len);
}

/* The id of the newest call the client sent on socket s (0 if none). */
static uint64_t last_call_id(int s) {
    const seismic_buf *b = &net.socks[s].to_server;
    uint64_t id = 0;
    for (size_t i = 0; i + 5 < b->len; i++)
        if (memcmp(b->data + i, "\"id\":", 5) == 0) id = strtoull((const char *)b->data + i + 5, NULL, 10);
    return id;
}

/* Bytes for the client as the transport expects them: an HTTP response or a WebSocket text frame. */
static void server_send(int s, bool websocket, const uint8_t *data, size_t len) {
    if (websocket) {
        memnet_ws_frame(&net, s, _SEISMIC_WS_TEXT, data, len);
    } else {
        char head[96];
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", len);
        memnet_write_str(&net, s, head);
        memnet_write(&net, s, data, len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    bool websocket = data[0] & 1;
    seismic_request handles[16];
    size_t nhandles = 0;
    memset(handles, 0, sizeof handles);
    memnet_init(&net);
    callbacks = expected = 0;
    destroy_next = destroyed = false;
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = websocket ? "ws://node.test:8546" : "http://node.test:8545";
    d.sockets = memnet_sockets(&net);
    d.clock = memnet_clock(&net);
    d.max_requests = 64;
    d.max_connections = 1 + (data[0] >> 1 & 3);
    d.max_batch = 1 + (data[0] >> 3 & 7);
    d.max_response_bytes = 1u << 16;
    d.max_send_bytes = 1u << 14;
    d.ws_ping_interval_ms = 1000;
    seismic_error err;
    client = seismic_client_create(&d, &err);
    if (!client) abort();
    size_t pos = 1;
    while (pos + 2 <= size && !destroyed) {
        uint8_t op = data[pos], arg = data[pos + 1];
        pos += 2;
        size_t len = arg < size - pos ? arg : size - pos;
        const uint8_t *bytes = data + pos;
        int s = memnet_last(&net);
        seismic_request_options o;
        memset(&o, 0, sizeof o);
        switch (op % 12) {
        case 0: /* a call, with a callback or kept for release */
            o.callback = arg & 1 ? on_done : NULL;
            o.timeout_ms = arg & 2 ? 50u * (arg >> 2) + 1 : 0;
            o.retry = (seismic_retry_mode)(arg >> 6 & 3);
            if (o.retry > SEISMIC_RETRY_NEVER) o.retry = SEISMIC_RETRY_DEFAULT;
            handles[nhandles % 16] = seismic_rpc(client, arg & 4 ? "eth_sendRawTransaction" : "eth_blockNumber", NULL, &o);
            if (handles[nhandles % 16].id && o.callback) expected++;
            nhandles++;
            break;
        case 1:
            seismic_request_cancel(client, handles[arg % 16]);
            break;
        case 2:
            seismic_request_release(client, handles[arg % 16]);
            break;
        case 3:
            if (websocket) seismic_subscribe(client, arg & 1 ? "[\"newHeads\"]" : "[\"logs\",{}]", on_note, NULL);
            break;
        case 4: /* raw server bytes */
            if (s >= 0) memnet_write(&net, s, bytes, len);
            pos += len;
            break;
        case 5: /* a framed message or response */
            if (s >= 0) server_send(s, websocket, bytes, len);
            pos += len;
            break;
        case 6: { /* an answer to the newest call, the rest of the object fuzzed */
            if (s < 0) break;
            seismic_buf obj = {0};
            char head[64];
            snprintf(head, sizeof head, "{\"jsonrpc\":\"2.0\",\"id\":%llu,", (unsigned long long)last_call_id(s));
            seismic_buf_append_str(&obj, head);
            seismic_buf_append(&obj, bytes, len);
            server_send(s, websocket, obj.data, obj.len);
            seismic_buf_free(&obj);
            pos += len;
            break;
        }
        case 7:
            if (s >= 0) memnet_ws_accept(&net, s);
            break;
        case 8:
            if (s >= 0) net.socks[s].server_closed = true;
            break;
        case 9:
            if (s >= 0) net.socks[s].reset = arg & 1, net.socks[s].not_reading = arg & 2;
            break;
        case 10:
            net.now += (uint64_t)arg * (arg & 1 ? 100 : 1);
            break;
        case 11:
            destroy_next = true;
            break;
        }
        if (!destroyed) memnet_pump(client, &net);
        if (!destroyed && websocket && s >= 0 && op % 12 != 4) memnet_ws_accept(&net, memnet_last(&net));
    }
    if (!destroyed) seismic_client_destroy(client);
    if (callbacks != expected) abort(); /* every request ended exactly once */
    memnet_free(&net);
    return 0;
}
