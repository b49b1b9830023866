/* How long one seismic_client_process call can take while something slow happens on the side: the
   caller's loop (a game frame) must never stall. One loop drives two clients: a load client that keeps
   1,000 requests in flight against Anvil, and a subject client doing one slow thing:
     dns   its host name is answered by the name server after 500 ms (tools/dnsserver.js delay500)
     tls   a TLS handshake (ECDHE + certificate chain check) to the TLS dev node
     10mb  a 10 MB response (Content-Length), the same chunked (64 KiB chunks), and the same as a WebSocket
           message in 64 KiB fragments (the fault server's /big?chunked=1 and /ws/big, from BIG_URL)
   Every process call of both clients is timed, in wall time and in this thread's CPU time (which leaves
   out the time the machine gave to other processes); printed: calls, the longest, the 99th percentile. For
   comparison, the same 500 ms name server asked the blocking way (a resolver hook that waits for the
   answer, as getaddrinfo would) stalls the loop inside one call.
   Usage: loop_latency ANVIL_HTTP DNS_SERVER TLS_HTTPS CA_FILE BIG_URL  (bench/run.sh passes the testenv's) */
#define _POSIX_C_SOURCE 200809L
#include "seismic.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"

enum { IN_FLIGHT = 1000, MAX_SAMPLES = 4000000 };

static double *samples, *cpu_samples; /* wall and thread CPU seconds of each process call */
static size_t sample_count;
static bool load_running;

static void resubmit(seismic_client *c, seismic_request r, const seismic_response *resp, void *user) {
    (void)r;
    (void)resp;
    (void)user;
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = resubmit;
    if (load_running) seismic_rpc(c, "eth_blockNumber", NULL, &o);
}

/* The blocking baseline: one A query to the name server at user_data ("IP:port"), waiting for it. */
static int blocking_resolve(const char *host, char *ip, size_t cap, void *user_data) {
    char server[64];
    snprintf(server, sizeof server, "%s", (const char *)user_data);
    char *colon = strchr(server, ':');
    if (!colon) return -1;
    *colon = 0;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)atoi(colon + 1));
    inet_pton(AF_INET, server, &sa.sin_addr);
    uint8_t q[300] = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}, a[512];
    size_t n = 12;
    for (const char *label = host; *label;) {
        const char *dot = strchr(label, '.');
        size_t len = dot ? (size_t)(dot - label) : strlen(label);
        q[n++] = (uint8_t)len;
        memcpy(q + n, label, len);
        n += len;
        label += len + (dot ? 1 : 0);
    }
    q[n++] = 0, q[n++] = 0, q[n++] = 1, q[n++] = 0, q[n++] = 1;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    ssize_t got = -1;
    if (fd >= 0 && sendto(fd, q, n, 0, (struct sockaddr *)&sa, sizeof sa) == (ssize_t)n) got = recv(fd, a, sizeof a, 0);
    if (fd >= 0) close(fd);
    if (got < 16) return -1;
    snprintf(ip, cap, "%u.%u.%u.%u", a[got - 4], a[got - 3], a[got - 2], a[got - 1]); /* the one A record */
    return 0;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double thread_cpu_s(void) { /* excludes the time other processes had the CPU (a loaded machine) */
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void timed_process(seismic_client *c, struct pollfd *fds, int n) {
    double t0 = now_s(), c0 = thread_cpu_s();
    seismic_client_process(c, fds, n);
    if (sample_count < MAX_SAMPLES) {
        cpu_samples[sample_count] = thread_cpu_s() - c0;
        samples[sample_count++] = now_s() - t0;
    }
}

/* Runs the subject's one call while the load client keeps IN_FLIGHT calls busy. */
static void scenario(const char *name, seismic_client *load, const seismic_client_desc *subject_desc, const char *method,
                     const char *params) {
    seismic_error err;
    seismic_client *subject = seismic_client_create(subject_desc, &err);
    if (!subject) {
        printf("{\"scenario\":\"%s\",\"error\":\"%s\"}\n", name, err.message);
        return;
    }
    sample_count = 0;
    double t0 = now_s();
    seismic_request r = seismic_rpc(subject, method, params, NULL);
    static struct pollfd fds[2048];
    uint64_t turns = 0;
    while (!seismic_request_done(subject, r) && now_s() - t0 < 60) {
        int wait_a, wait_b;
        int a = seismic_client_pollfds(load, fds, 1024, &wait_a);
        if (a > 1024) a = 1024;
        int b = seismic_client_pollfds(subject, fds + a, 1024, &wait_b);
        if (b > 1024) b = 1024;
        int wait = wait_a < 0 ? wait_b : wait_b < 0 ? wait_a : (wait_a < wait_b ? wait_a : wait_b);
        if (wait < 0 || wait > 16) wait = 16; /* a 60 Hz frame */
        poll(fds, (nfds_t)(a + b), wait);
        timed_process(load, fds, a);
        timed_process(subject, fds + a, b);
        turns++;
    }
    double took = now_s() - t0;
    const seismic_response *resp = seismic_request_response(subject, r);
    size_t len = 0;
    if (resp && resp->result == SEISMIC_OK) seismic_response_raw(resp, &len);
    qsort(samples, sample_count, sizeof *samples, compare);
    qsort(cpu_samples, sample_count, sizeof *cpu_samples, compare);
    size_t at99 = sample_count ? (size_t)((double)(sample_count - 1) * 0.99) : 0;
    double longest = sample_count ? samples[sample_count - 1] : 0, p99 = sample_count ? samples[at99] : 0;
    double longest_cpu = sample_count ? cpu_samples[sample_count - 1] : 0, p99_cpu = sample_count ? cpu_samples[at99] : 0;
    seismic_client_stats s = seismic_client_get_stats(load);
    printf("{\"scenario\":\"%s\",\"ok\":%s,\"seconds\":%.3f,\"resultBytes\":%zu,\"processCalls\":%zu,"
           "\"longestMs\":%.3f,\"p99Ms\":%.3f,\"longestCpuMs\":%.3f,\"p99CpuMs\":%.3f,\"loadInFlight\":%u,"
           "\"loadFinished\":%llu}\n",
           name, resp && resp->result == SEISMIC_OK ? "true" : "false", took, len, sample_count, longest * 1e3, p99 * 1e3,
           longest_cpu * 1e3, p99_cpu * 1e3, s.in_flight, (unsigned long long)s.finished);
    if (resp && resp->result != SEISMIC_OK) fprintf(stderr, "%s: %s\n", name, resp->error_message);
    seismic_request_release(subject, r);
    seismic_client_destroy(subject);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s ANVIL_HTTP DNS_SERVER TLS_HTTPS CA_FILE BIG_URL\n", argv[0]);
        return 2;
    }
    const char *anvil = argv[1], *dns = argv[2], *tls = argv[3], *ca = argv[4], *big = argv[5];
    samples = (double *)malloc(MAX_SAMPLES * sizeof *samples);
    cpu_samples = (double *)malloc(MAX_SAMPLES * sizeof *cpu_samples);
    if (!samples || !cpu_samples) return 1;
    seismic_client_desc ld;
    memset(&ld, 0, sizeof ld);
    ld.url = anvil;
    ld.max_connections = 10;
    ld.max_in_flight = IN_FLIGHT;
    seismic_error err;
    seismic_client *load = seismic_client_create(&ld, &err);
    if (!load) {
        fprintf(stderr, "load client: %s\n", err.message);
        return 1;
    }
    load_running = true;
    for (int i = 0; i < IN_FLIGHT; i++) resubmit(load, (seismic_request){0}, NULL, NULL);
    seismic_client_run(load, 300); /* connections up, the load flowing */

    char url[300];
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    snprintf(url, sizeof url, "http://delay500.bench.a.test%s", strrchr(anvil, ':'));
    d.url = url;
    d.dns_server = dns;
    scenario("dns answered after 500 ms", load, &d, "eth_chainId", NULL);

    memset(&d, 0, sizeof d);
    snprintf(url, sizeof url, "http://delay500.blocking.a.test%s", strrchr(anvil, ':'));
    d.url = url;
    d.resolver.resolve = blocking_resolve;
    d.resolver.user_data = (void *)dns;
    scenario("dns answered after 500 ms, asked the blocking way", load, &d, "eth_chainId", NULL);

    memset(&d, 0, sizeof d);
    d.url = tls;
    d.ca_file = ca;
    scenario("TLS handshake", load, &d, "eth_chainId", NULL);

    memset(&d, 0, sizeof d);
    d.url = big;
    scenario("10 MB response", load, &d, "eth_chainId", NULL);

    snprintf(url, sizeof url, "%s&chunked=1", big);
    d.url = url;
    scenario("10 MB response, chunked", load, &d, "eth_chainId", NULL);

    const char *path = strstr(big, "/big");
    if (strncmp(big, "http://", 7) == 0 && path) { /* ws://host:port/ws/big?bytes=N */
        snprintf(url, sizeof url, "ws://%.*s/ws%s", (int)(path - big - 7), big + 7, path);
        d.url = url;
        scenario("10 MB WebSocket message in 64 KiB fragments", load, &d, "eth_chainId", NULL);
    }

    load_running = false;
    seismic_client_wait_idle(load, 10000);
    seismic_client_destroy(load);
    free(samples);
    free(cpu_samples);
    return 0;
}
