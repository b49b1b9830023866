/* Helpers shared by the tests: vectors written as hex, the servers started by tools/testenv/testenv.js,
   a monotonic clock and poll() on POSIX and Windows. Include after seismic.h and harness.h. */
#ifndef SEISMIC_TEST_SUPPORT_H
#define SEISMIC_TEST_SUPPORT_H
#include <stdlib.h>
#include <time.h>
#if defined(_WIN32)
#include <winsock2.h>
#include <windows.h>
#else
#include <poll.h>
#endif

static inline void hex(const char *text, uint8_t *out, size_t len) {
    if (seismic_hex_decode(text, strlen(text), out, len, NULL)) {
        fprintf(stderr, "bad test hex %s\n", text);
        test_failed++;
    }
}

static inline seismic_buf from_hex(const char *text) {
    seismic_buf b;
    memset(&b, 0, sizeof b);
    if (seismic_hex_decode_buf(text, strlen(text), &b)) test_failed++;
    return b;
}

static inline seismic_private_key key(const char *text) {
    seismic_private_key k;
    CHECK(seismic_private_key_from_hex(text, &k) == SEISMIC_OK);
    return k;
}

static inline seismic_address addr(const char *text) {
    seismic_address a;
    CHECK(seismic_address_parse(text, strlen(text), &a) == SEISMIC_OK);
    return a;
}

static inline seismic_u256 u(const char *text) {
    seismic_u256 v;
    CHECK(seismic_u256_parse(text, strlen(text), &v) == SEISMIC_OK);
    return v;
}

/* A server URL from the environment tools/testenv/testenv.js exports; missing counts as a failure. */
static inline const char *env(const char *name) {
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "missing %s: run through `make test` (tools/testenv/testenv.js starts the servers)\n", name);
        test_failed++;
        return "http://127.0.0.1:9";
    }
    return v;
}

static inline uint64_t now_ms(void) {
#if defined(_WIN32)
    LARGE_INTEGER f, t;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&t);
    return (uint64_t)t.QuadPart / (uint64_t)f.QuadPart * 1000u + (uint64_t)t.QuadPart % (uint64_t)f.QuadPart * 1000u / (uint64_t)f.QuadPart;
#else
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
#endif
}

/* poll() as a caller's loop would call it: WSAPoll on Windows (pollfd is winsock2's there). */
static inline int test_poll(struct pollfd *fds, int n, int timeout_ms) {
#if defined(_WIN32)
    if (n == 0) { /* WSAPoll fails on an empty set */
        Sleep((DWORD)(timeout_ms < 0 ? 0 : timeout_ms));
        return 0;
    }
    return WSAPoll(fds, (ULONG)n, timeout_ms);
#else
    return poll(fds, (nfds_t)n, timeout_ms);
#endif
}

#if defined(SEISMIC_IMPLEMENTATION)
/* Loopback servers that a test drives itself between turns of the client's loop (no fork, no thread: the
   same code on POSIX and Windows), on the implementation's socket functions. Call _seismic_net_startup
   first (WSAStartup on Windows). */
static inline _seismic_sock_t test_listen(unsigned *port) {
    int error = 0;
    _seismic_sock_t s = _seismic_sock_open(AF_INET, SOCK_STREAM, &error);
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s == _SEISMIC_NO_SOCK || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 8) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) != 0) {
        fprintf(stderr, "cannot listen on 127.0.0.1\n");
        test_failed++;
        if (s != _SEISMIC_NO_SOCK) _seismic_sock_close(s);
        return _SEISMIC_NO_SOCK;
    }
    *port = ntohs(a.sin_port);
    return s;
}

static inline bool test_ready(_seismic_sock_t s, short events) {
    struct pollfd p = {s, events, 0};
    return test_poll(&p, 1, 0) > 0 && p.revents != 0;
}

/* A connection waiting on listener, or _SEISMIC_NO_SOCK at once. */
static inline _seismic_sock_t test_accept(_seismic_sock_t listener) {
    return test_ready(listener, POLLIN) ? accept(listener, NULL, NULL) : _SEISMIC_NO_SOCK;
}

/* What has arrived, without waiting: bytes, 0 when the peer closed, SEISMIC_IO_AGAIN for nothing yet. */
static inline ptrdiff_t test_recv(_seismic_sock_t s, void *buf, size_t cap) {
    return test_ready(s, POLLIN) ? _seismic_sock_recv(s, buf, cap) : SEISMIC_IO_AGAIN;
}

/* All of data, waiting for room as long as the peer reads (false when it failed). */
static inline bool test_send_all(_seismic_sock_t s, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    uint64_t end = now_ms() + 10000;
    while (len > 0 && now_ms() < end) {
        struct pollfd w = {s, POLLOUT, 0};
        if (test_poll(&w, 1, 100) <= 0) continue;
        ptrdiff_t n = _seismic_sock_send(s, p, len);
        if (n == SEISMIC_IO_ERROR) return false;
        if (n > 0) {
            p += n;
            len -= (size_t)n;
        }
    }
    return len == 0;
}
#endif
#endif
