/* Gathering Bittensor reads: neurons_lite of every subnet asked at once, at one pinned block hash (one
   batch on the wire), timed against one subnet after another. Reads only. Run against a subtensor node,
   best through a high-latency link: TAO_URL=http://... build/examples/15_bittensor_neurons */
#include "example.h"

#include "clock.h"

int main(void) {
    seismic_tao_block head;
    seismic_subtensor *st = example_subtensor(&head);
    seismic_client *client = seismic_subtensor_client(st);
    seismic_block_ref at = seismic_block_at_hash(head.hash); /* every read below sees this block */
    seismic_error err = {0};

    seismic_request list = seismic_tao_get_netuids(st, &at, NULL);
    const seismic_response *r = seismic_await_response(client, list, &err);
    seismic_tao_netuids subnets; /* views into the response, until its release */
    if (!r || seismic_response_tao_netuids(r, &subnets) != SEISMIC_OK) {
        fprintf(stderr, "netuids: %s\n", err.message);
        return 1;
    }

    /* Every subnet at once: the requests go out together and finish in one wait. */
    seismic_request *gathered = (seismic_request *)calloc(subnets.count ? subnets.count : 1, sizeof *gathered);
    double t0 = now_ms();
    for (size_t i = 0; i < subnets.count; i++) gathered[i] = seismic_tao_neurons_lite(st, subnets.netuids[i], &at, NULL);
    seismic_client_wait_all(client, gathered, subnets.count, 30000);
    double gather_ms = now_ms() - t0;
    for (size_t i = 0; i < subnets.count; i++) {
        seismic_tao_neurons neurons; /* arrays in the response, until its release */
        if (seismic_response_tao_neurons(seismic_request_response(client, gathered[i]), &neurons) == SEISMIC_OK)
            printf("subnet %u: %zu neurons\n", subnets.netuids[i], neurons.count);
        seismic_request_release(client, gathered[i]);
    }

    /* The same, one subnet after another. */
    t0 = now_ms();
    for (size_t i = 0; i < subnets.count; i++) {
        seismic_tao_neurons neurons;
        if (seismic_tao_neurons_lite_blocking(st, subnets.netuids[i], &at, NULL, &neurons, &err) == SEISMIC_OK)
            seismic_tao_neurons_free(&neurons, NULL);
    }
    double sequential_ms = now_ms() - t0;
    printf("neurons_lite of %zu subnets gathered: %.0f ms; sequential: %.0f ms (%.1fx)\n", subnets.count, gather_ms,
           sequential_ms, sequential_ms / gather_ms);
    size_t count = subnets.count;
    seismic_request_release(client, list);
    free(gathered);
    seismic_subtensor_destroy(st);
    seismic_client_destroy(client);
    return count ? 0 : 1;
}
