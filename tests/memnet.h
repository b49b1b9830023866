/* An in-memory network and clock for engine tests: a seismic_socket_interface whose "server" is the
   test itself, and a seismic_clock the test moves by hand, so retries, backoff, timeouts and reconnects
   are asserted as exact schedules. Include after seismic.h (with the implementation).

       memnet net; memnet_init(&net);
       desc.sockets = memnet_sockets(&net); desc.clock = memnet_clock(&net);
       ... submit requests ...
       memnet_pump(client, &net);                      // one turn of the pull driver
       int s = memnet_last(&net);                      // the newest connection
       memnet_http_take(&net, s, &body);               // what the client sent
       memnet_http_reply(&net, s, 200, "{...}");       // what the server answers
       net.now += 250;                                 // time passes only when the test says so */
#ifndef SEISMIC_TEST_MEMNET_H
#define SEISMIC_TEST_MEMNET_H
#if defined(_WIN32)
#include <winsock2.h> /* struct pollfd and POLLIN/POLLOUT are winsock2's there */
#else
#include <poll.h>
#endif
#include <stdio.h>
#include <string.h>

#define MEMNET_MAX_SOCKETS 512
#define MEMNET_FD_BASE 100000

typedef struct memnet_sock {
    bool open;            /* the client has not closed it */
    bool server_closed;   /* the server closed: recv returns 0 once the queued bytes are read */
    bool reset;           /* recv/send fail */
    bool refuse;          /* finish_connect fails */
    bool not_reading;     /* the server reads nothing: send returns SEISMIC_IO_AGAIN */
    char host[256];
    uint16_t port;
    uint64_t opened_at;   /* the clock when the client connected */
    seismic_buf to_server; /* bytes the client sent that the test has not taken */
    seismic_buf to_client; /* bytes queued for the client */
    size_t to_client_pos;
    size_t recv_max;      /* most bytes one recv returns (0: all) */
} memnet_sock;

typedef struct memnet {
    uint64_t now;         /* the clock, in ms */
    memnet_sock socks[MEMNET_MAX_SOCKETS];
    int count;            /* sockets opened so far */
    bool refuse_connect;  /* connect fails at once */
    size_t recv_max;      /* recv_max of new sockets */
} memnet;

static inline void memnet_init(memnet *net) {
    memset(net, 0, sizeof *net);
    net->now = 1000000;
}

static inline void memnet_free(memnet *net) {
    for (int i = 0; i < net->count; i++) {
        seismic_buf_free(&net->socks[i].to_server);
        seismic_buf_free(&net->socks[i].to_client);
    }
    net->count = 0;
}

static inline intptr_t memnet_connect_(const char *host, uint16_t port, void *user, seismic_error *err) {
    memnet *net = (memnet *)user;
    if (net->refuse_connect || net->count == MEMNET_MAX_SOCKETS) {
        if (err) {
            err->result = SEISMIC_ERR_TRANSPORT;
            snprintf(err->message, sizeof err->message, "memnet: connection refused");
        }
        return -1;
    }
    memnet_sock *s = &net->socks[net->count];
    memset(s, 0, sizeof *s);
    s->open = true;
    snprintf(s->host, sizeof s->host, "%s", host);
    s->port = port;
    s->opened_at = net->now;
    s->recv_max = net->recv_max;
    return net->count++;
}

static inline int memnet_finish_connect_(intptr_t sock, void *user, seismic_error *err) {
    memnet *net = (memnet *)user;
    if (!net->socks[sock].refuse) return 0;
    if (err) {
        err->result = SEISMIC_ERR_TRANSPORT;
        snprintf(err->message, sizeof err->message, "memnet: connection refused");
    }
    return -1;
}

static inline ptrdiff_t memnet_send_(intptr_t sock, const void *data, size_t len, void *user) {
    memnet_sock *s = &((memnet *)user)->socks[sock];
    if (s->reset || s->server_closed) return SEISMIC_IO_ERROR;
    if (s->not_reading) return SEISMIC_IO_AGAIN;
    seismic_buf_append(&s->to_server, data, len);
    return (ptrdiff_t)len;
}

static inline ptrdiff_t memnet_recv_(intptr_t sock, void *buf, size_t len, void *user) {
    memnet_sock *s = &((memnet *)user)->socks[sock];
    if (s->reset) return SEISMIC_IO_ERROR;
    size_t avail = s->to_client.len - s->to_client_pos;
    if (avail == 0) return s->server_closed ? 0 : SEISMIC_IO_AGAIN;
    if (len > avail) len = avail;
    if (s->recv_max && len > s->recv_max) len = s->recv_max;
    memcpy(buf, s->to_client.data + s->to_client_pos, len);
    s->to_client_pos += len;
    if (s->to_client_pos == s->to_client.len) s->to_client.len = s->to_client_pos = 0;
    return (ptrdiff_t)len;
}

static inline void memnet_close_(intptr_t sock, void *user) { ((memnet *)user)->socks[sock].open = false; }
static inline int memnet_fd_(intptr_t sock, void *user) {
    (void)user;
    return MEMNET_FD_BASE + (int)sock;
}
static inline uint64_t memnet_now_(void *user) { return ((memnet *)user)->now; }

static inline seismic_socket_interface memnet_sockets(memnet *net) {
    seismic_socket_interface s = {memnet_connect_, memnet_finish_connect_, memnet_send_, memnet_recv_,
                                  memnet_close_, memnet_fd_, net};
    return s;
}

static inline seismic_clock memnet_clock(memnet *net) {
    seismic_clock k = {memnet_now_, net};
    return k;
}

/* One turn of the pull driver: every open socket is writable, and readable when it has bytes or the
   server closed it. Returns what seismic_client_process returned. */
static inline int memnet_pump(seismic_client *c, memnet *net) {
    struct pollfd fds[64];
    int timeout;
    int n = seismic_client_pollfds(c, fds, 64, &timeout);
    for (int k = 0; k < n; k++) {
        int i = (int)fds[k].fd - MEMNET_FD_BASE; /* a SOCKET on Windows */
        memnet_sock *s = &net->socks[i];
        fds[k].revents = (short)(fds[k].events & POLLOUT);
        if (s->to_client.len > s->to_client_pos || s->server_closed || s->reset) fds[k].revents |= POLLIN;
    }
    return seismic_client_process(c, fds, n);
}

/* The timeout seismic_client_pollfds reports (-1: none). */
static inline int memnet_timeout(seismic_client *c) {
    struct pollfd fds[64];
    int timeout;
    seismic_client_pollfds(c, fds, 64, &timeout);
    return timeout;
}

static inline int memnet_last(const memnet *net) { return net->count - 1; }

static inline void memnet_write(memnet *net, int sock, const void *data, size_t len) {
    seismic_buf_append(&net->socks[sock].to_client, data, len);
}

static inline void memnet_write_str(memnet *net, int sock, const char *text) {
    memnet_write(net, sock, text, strlen(text));
}

static inline void memnet_consume_(memnet_sock *s, size_t n) {
    memmove(s->to_server.data, s->to_server.data + n, s->to_server.len - n);
    s->to_server.len -= n;
}

static inline const char *memnet_find_(const seismic_buf *b, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0) return (const char *)b->data + i;
    return NULL;
}

/* Takes one complete HTTP request the client sent; its body goes to body (if not NULL). */
static inline bool memnet_http_take(memnet *net, int sock, seismic_buf *body) {
    memnet_sock *s = &net->socks[sock];
    const char *end = memnet_find_(&s->to_server, "\r\n\r\n");
    if (!end) return false;
    size_t head = (size_t)(end - (const char *)s->to_server.data) + 4, length = 0;
    const char *cl = memnet_find_(&s->to_server, "Content-Length: ");
    if (cl && cl < end) length = (size_t)strtoul(cl + 16, NULL, 10);
    if (s->to_server.len < head + length) return false;
    if (body) {
        body->len = 0;
        seismic_buf_append(body, s->to_server.data + head, length);
        seismic_buf_cstr(body);
    }
    memnet_consume_(s, head + length);
    return true;
}

static inline void memnet_http_reply(memnet *net, int sock, int status, const char *body) {
    char head[160];
    snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n", status,
             strlen(body));
    memnet_write_str(net, sock, head);
    memnet_write_str(net, sock, body);
}

/* Answers the client's WebSocket upgrade request (false if it has not arrived). */
static inline bool memnet_ws_accept(memnet *net, int sock) {
    memnet_sock *s = &net->socks[sock];
    const char *end = memnet_find_(&s->to_server, "\r\n\r\n");
    const char *key = memnet_find_(&s->to_server, "Sec-WebSocket-Key: ");
    if (!end || !key) return false;
    char k[25], accept[29], reply[200];
    memcpy(k, key + 19, 24);
    k[24] = 0;
    _seismic_ws_accept_for_key(k, accept);
    memnet_consume_(s, (size_t)(end - (const char *)s->to_server.data) + 4);
    snprintf(reply, sizeof reply,
             "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
             accept);
    memnet_write_str(net, sock, reply);
    return true;
}

/* Takes one complete (masked) client frame; the payload is unmasked into payload. */
static inline bool memnet_ws_take(memnet *net, int sock, int *opcode, seismic_buf *payload) {
    memnet_sock *s = &net->socks[sock];
    const uint8_t *d = s->to_server.data;
    size_t n = s->to_server.len, pos = 2, len;
    if (n < 2) return false;
    len = d[1] & 0x7f;
    if (len == 126) {
        if (n < 4) return false;
        len = (size_t)d[2] << 8 | d[3];
        pos = 4;
    } else if (len == 127) {
        if (n < 10) return false;
        len = 0;
        for (int i = 0; i < 8; i++) len = len << 8 | d[2 + i];
        pos = 10;
    }
    if (n < pos + 4 + len) return false;
    const uint8_t *mask = d + pos;
    pos += 4;
    *opcode = d[0] & 0x0f;
    if (payload) {
        payload->len = 0;
        for (size_t i = 0; i < len; i++) seismic_buf_append_byte(payload, d[pos + i] ^ mask[i & 3]);
        seismic_buf_cstr(payload);
    }
    memnet_consume_(s, pos + len);
    return true;
}

/* Queues one unmasked server frame. */
static inline void memnet_ws_frame(memnet *net, int sock, int opcode, const void *data, size_t len) {
    uint8_t head[10];
    size_t h = 2;
    head[0] = (uint8_t)(0x80 | opcode);
    if (len < 126) head[1] = (uint8_t)len;
    else if (len < 65536) {
        head[1] = 126;
        head[2] = (uint8_t)(len >> 8);
        head[3] = (uint8_t)len;
        h = 4;
    } else {
        head[1] = 127;
        for (int i = 0; i < 8; i++) head[2 + i] = (uint8_t)((uint64_t)len >> (56 - 8 * i));
        h = 10;
    }
    memnet_write(net, sock, head, h);
    memnet_write(net, sock, data, len);
}

static inline void memnet_ws_text(memnet *net, int sock, const char *text) {
    memnet_ws_frame(net, sock, _SEISMIC_WS_TEXT, text, strlen(text));
}

/* The value of the first "id" in a JSON-RPC call the client sent (0 if none). */
static inline uint64_t memnet_call_id(const char *call) {
    const char *id = strstr(call, "\"id\":");
    return id ? strtoull(id + 5, NULL, 10) : 0;
}
#endif
