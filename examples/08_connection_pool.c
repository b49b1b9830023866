/* Connection pool: 10 workers, each doing 5 operations one after another, share one client whose pool
   has at most 3 HTTP connections and at most 3 requests on the wire. A "worker" here is a chain of
   callbacks: each answer submits the worker's next operation. Batching is turned off so that every call
   is its own HTTP request and the pool, not a batch, carries the concurrency.
   Run: RPC_URL=... build/examples/08_connection_pool */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>

#define WORKERS 10
#define OPERATIONS 5

typedef struct worker {
    int id, done, failed;
} worker;

static uint32_t peak_in_flight, peak_connections;

static void sample(seismic_client *client) {
    seismic_client_stats s = seismic_client_get_stats(client);
    if (s.in_flight > peak_in_flight) peak_in_flight = s.in_flight;
    if (s.open_connections > peak_connections) peak_connections = s.open_connections;
}

static void on_answer(seismic_client *client, seismic_request req, const seismic_response *resp, void *user_data) {
    worker *w = (worker *)user_data;
    (void)req;
    if (resp->result != SEISMIC_OK) w->failed++;
    if (++w->done < OPERATIONS) { /* the next operation of this worker */
        seismic_request_options next = {0};
        next.callback = on_answer;
        next.user_data = w;
        seismic_eth_block_number(client, &next);
    } else {
        printf("worker %2d finished %d operations (%d failed)\n", w->id, w->done, w->failed);
    }
    sample(client);
}

int main(void) {
    seismic_client_desc desc = {0};
    desc.url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    desc.max_connections = 3;    /* the pool */
    desc.max_in_flight = 3;      /* the concurrency cap: the rest wait in the client's queue */
    desc.disable_batching = true;
    seismic_error err;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    worker workers[WORKERS];
    for (int i = 0; i < WORKERS; i++) { /* every worker starts at once */
        seismic_request_options first = {0};
        workers[i] = (worker){i + 1, 0, 0};
        first.callback = on_answer;
        first.user_data = &workers[i];
        seismic_eth_block_number(client, &first);
    }
    /* Run until every operation has finished (30 s at most). */
    for (int turns = 0; seismic_client_get_stats(client).live_requests > 0 && turns < 30000; turns++) {
        seismic_client_run(client, 1);
        sample(client);
    }

    seismic_client_stats s = seismic_client_get_stats(client);
    int failed = 0;
    for (int i = 0; i < WORKERS; i++) failed += workers[i].failed + (OPERATIONS - workers[i].done);
    printf("%d workers x %d operations: %llu finished, %d failed\n", WORKERS, OPERATIONS,
           (unsigned long long)s.finished, failed);
    printf("HTTP requests %llu, connections opened %llu (pool size %u), peak open %u, peak in flight %u (cap %u)\n",
           (unsigned long long)s.http_requests, (unsigned long long)s.connections_opened, desc.max_connections,
           peak_connections, peak_in_flight, desc.max_in_flight);
    seismic_client_destroy(client);
    return failed == 0 && s.connections_opened <= 3 ? 0 : 1;
}
