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
#endif
