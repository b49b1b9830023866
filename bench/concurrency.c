/* eth_getBalance throughput and latency hiding, and memory per request and per connection.
   bench/run.sh starts Anvil and the latency proxy and runs this next to viem; by hand:
     build/bench/concurrency MODE URL N [IN_FLIGHT]
   MODE: sequential (blocking wrapper, one call after another), concurrent (all N submitted at once),
         loopback (N calls, IN_FLIGHT outstanding), memory (heap per in-flight request and connection).
   Prints one JSON line. */
#define _POSIX_C_SOURCE 200809L
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"

#include "clock.h"

#include <stdio.h>
#include <stdlib.h>

/* Counts live heap bytes through the client's allocator. */
typedef struct heap_counter {
    size_t live, peak;
} heap_counter;

static void *counting_alloc(size_t size, void *user_data) {
    heap_counter *h = (heap_counter *)user_data;
    size_t *p = (size_t *)malloc(size + sizeof(size_t) * 2);
    if (!p) return NULL;
    p[0] = size;
    h->live += size;
    if (h->live > h->peak) h->peak = h->live;
    return p + 2;
}

static void counting_free(void *ptr, void *user_data) {
    heap_counter *h = (heap_counter *)user_data;
    size_t *p = (size_t *)ptr - 2;
    h->live -= p[0];
    free(p);
}

typedef struct flow {
    seismic_client *client;
    long next, total, ok, failed;
} flow;

static void submit(flow *f);

static void on_done(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    flow *f = (flow *)user_data;
    seismic_u256 balance;
    (void)c;
    (void)req;
    if (seismic_response_u256(resp, &balance) == SEISMIC_OK) f->ok++;
    else f->failed++;
    if (f->next < f->total) submit(f);
}

static void submit(flow *f) {
    char params[80];
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = on_done;
    o.user_data = f;
    snprintf(params, sizeof params, "[\"0x%040lx\",\"latest\"]", (unsigned long)(f->next++ % 4096));
    if (!seismic_rpc(f->client, "eth_getBalance", params, &o).id) f->failed++;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s sequential|concurrent|loopback|memory URL N [IN_FLIGHT]\n", argv[0]);
        return 1;
    }
    const char *mode = argv[1], *url = argv[2];
    long n = atol(argv[3]), in_flight = argc > 4 ? atol(argv[4]) : n;
    heap_counter heap = {0, 0};
    seismic_client_desc d;
    seismic_error err;
    memset(&d, 0, sizeof d);
    d.url = url;
    d.allocator.alloc = counting_alloc;
    d.allocator.free = counting_free;
    d.allocator.user_data = &heap;
    d.max_requests = (uint32_t)(n + 16 < 65535 ? n + 16 : 65535);
    d.max_in_flight = (uint32_t)in_flight;
    d.max_batch = 250;
    d.timeout_ms = 600000;
    seismic_client *c = seismic_client_create(&d, &err);
    if (!c) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    size_t base_heap = heap.live;
    /* warm up: connect (and handshake) before timing */
    if (seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) != SEISMIC_OK) {
        fprintf(stderr, "%s: %s\n", url, err.message);
        return 1;
    }
    size_t one_connection = heap.live - base_heap;
    flow f = {c, 0, n, 0, 0};
    double t0 = now_s(), c0 = cpu_s();
    if (strcmp(mode, "sequential") == 0) {
        for (long i = 0; i < n; i++) {
            char params[80];
            snprintf(params, sizeof params, "[\"0x%040lx\",\"latest\"]", (unsigned long)(i % 4096));
            if (seismic_rpc_call(c, "eth_getBalance", params, NULL, &err) == SEISMIC_OK) f.ok++;
            else f.failed++;
        }
    } else if (strcmp(mode, "memory") == 0) {
        /* n requests in flight at once: the peak heap they add (call, batch body, response, tokens)
           plus the request slot preallocated for each */
        size_t before = heap.live;
        heap.peak = heap.live;
        for (long i = 0; i < n && i < in_flight; i++) submit(&f);
        f.total = f.next;
        seismic_client_wait_idle(c, 600000);
        double per_request = (double)(heap.peak - before) / (double)f.total + (double)sizeof(_seismic_req);
        printf("{\"client\":\"seismic.h\",\"mode\":\"memory\",\"url\":\"%s\",\"requests\":%ld,"
               "\"heapBytesPerRequest\":%.0f,\"heapBytesPerConnection\":%zu,\"ok\":%ld}\n",
               url, f.total, per_request, one_connection, f.ok);
        seismic_client_destroy(c);
        return f.ok == f.total ? 0 : 1;
    } else {
        long start = in_flight < n ? in_flight : n;
        for (long i = 0; i < start; i++) submit(&f);
        seismic_client_wait_idle(c, 600000);
    }
    double seconds = now_s() - t0, cpu = cpu_s() - c0;
    seismic_client_stats s = seismic_client_get_stats(c);
    printf("{\"client\":\"seismic.h\",\"mode\":\"%s\",\"url\":\"%s\",\"calls\":%ld,\"inFlight\":%ld,\"seconds\":%.4f,"
           "\"callsPerSecond\":%.0f,\"cpuUsPerCall\":%.2f,\"httpRequests\":%llu,\"peakHeapBytes\":%zu,\"errors\":%ld}\n",
           mode, url, n, in_flight, seconds, (double)n / seconds, cpu * 1e6 / (double)n,
           (unsigned long long)s.http_requests, heap.peak, f.failed);
    seismic_client_destroy(c);
    return f.failed ? 1 : 0;
}
