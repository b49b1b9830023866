/* Retries: a call that fails twice and then succeeds. The client retries reads and transport failures
   by itself, with exponential backoff and jitter (150 ms doubling, 3 retries by default), and tells the
   logger hook about each retry. Part 1 uses the dev node's fault switch (its next 2 HTTP answers are
   503); part 2 lists a dead endpoint first and a working one as its fallback.
   Run: RPC_URL=... build/examples/05_retries   (part 1 needs the dev node: tools/testenv/devnode) */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double start_ms;

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* The logger hook: the SDK is silent unless you give it one. */
static void log_line(seismic_log_level level, const char *message, void *user_data) {
    (void)user_data;
    printf("  [+%4.0f ms] %s: %s\n", now_ms() - start_ms, level == SEISMIC_LOG_WARN ? "warn" : "info", message);
}

/* eth_blockNumber once; prints how many attempts it took. */
static bool read_block(seismic_client *client) {
    seismic_request req = seismic_eth_block_number(client, NULL);
    seismic_client_wait(client, req, 20000);
    const seismic_response *r = seismic_request_response(client, req);
    uint64_t block = 0;
    bool ok = r && seismic_response_u64(r, &block) == SEISMIC_OK;
    if (ok) printf("  [+%4.0f ms] block %llu after %u attempts\n", now_ms() - start_ms, (unsigned long long)block, r->attempts);
    else printf("  failed: %s\n", r ? r->error_message : "timed out");
    seismic_request_release(client, req);
    return ok;
}

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    seismic_client_desc desc = {0};
    seismic_error err;
    desc.url = url;
    desc.logger.func = log_line;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    printf("1. the node answers the next 2 requests with HTTP 503\n");
    if (seismic_rpc_call(client, "devnode_setFault", "[{\"failNext\":2,\"status\":503}]", NULL, &err) != SEISMIC_OK) {
        fprintf(stderr, "devnode_setFault: %s (is RPC_URL the dev node?)\n", err.message);
        seismic_client_destroy(client);
        return 1;
    }
    start_ms = now_ms();
    bool ok1 = read_block(client);
    seismic_client_destroy(client);

    printf("2. a dead endpoint first, the working one as fallback\n");
    const char *fallbacks[1] = {url};
    desc.url = "http://127.0.0.1:1"; /* nothing listens on port 1: connection refused */
    desc.fallback_urls = fallbacks;
    desc.fallback_count = 1;
    client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    start_ms = now_ms();
    bool ok2 = read_block(client);
    seismic_client_destroy(client);
    return ok1 && ok2 ? 0 : 1;
}
