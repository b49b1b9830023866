/* Rate limiting: 20 calls through a client limited to 5 requests per second with a burst of 10.
   The limit is a token bucket inside the client: the bucket starts full (10), so the first 10 calls go
   out at once; after that one token comes back every 200 ms. Calls wait in the client's queue; nobody
   sleeps. Each answer prints its time since the start.
   Run: RPC_URL=... build/examples/10_rate_limiting */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double start_ms;
static int answered;

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void on_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    (void)c;
    (void)req;
    answered++;
    printf("call %2d answered at +%5.0f ms%s%s\n", (int)(intptr_t)user_data, now_ms() - start_ms,
           resp->result == SEISMIC_OK ? "" : ": ", resp->result == SEISMIC_OK ? "" : resp->error_message);
}

int main(void) {
    seismic_client_desc desc = {0};
    desc.url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    desc.rate_limit_per_second = 5;
    desc.rate_limit_burst = 10;
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    start_ms = now_ms();
    for (int i = 1; i <= 20; i++) { /* all 20 submitted at once */
        seismic_request_options opts = {0};
        opts.callback = on_answer;
        opts.user_data = (void *)(intptr_t)i;
        seismic_eth_block_number(client, &opts);
    }
    seismic_client_wait_idle(client, 10000);
    printf("%d calls in %.1f s (burst 10, then 5 per second)\n", answered, (now_ms() - start_ms) / 1000);
    seismic_client_destroy(client);
    return answered == 20 ? 0 : 1;
}
