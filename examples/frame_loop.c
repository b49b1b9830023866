/* A game-style frame loop: the SDK never blocks the frame. Once per frame the game asks which
   sockets to watch, polls them with timeout 0, and lets the client process; callbacks run right
   there. Run: RPC_URL=http://127.0.0.1:8545 build/examples/frame_loop */
#include "seismic.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct game {
    int answers;
    uint64_t block;
} game;

static void on_block_number(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    game *g = (game *)user_data;
    (void)c;
    (void)req;
    if (seismic_response_u64(resp, &g->block) == SEISMIC_OK) printf("frame callback: block %llu\n", (unsigned long long)g->block);
    else printf("frame callback: error: %s\n", resp->error_message);
    g->answers++;
}

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    seismic_client_desc desc = {0};
    seismic_error err;
    desc.url = url;
    seismic_client *client = seismic_client_create(&desc, &err);
    if (!client) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    game g = {0, 0};
    seismic_request_options ask = {0};
    ask.callback = on_block_number;
    ask.user_data = &g;
    int frame;
    for (frame = 0; frame < 600 && g.answers < 3; frame++) { /* at most 10 s at 60 frames per second */
        if (frame % 20 == 0) seismic_rpc(client, "eth_blockNumber", NULL, &ask); /* three times a second */

        struct pollfd fds[16];
        int timeout_ms;
        int n = seismic_client_pollfds(client, fds, 16, &timeout_ms);
        poll(fds, (nfds_t)n, 0); /* never wait inside a frame */
        seismic_client_process(client, fds, n);

        struct timespec frame_time = {0, 16666667}; /* ... the game renders here ... */
        nanosleep(&frame_time, NULL);
    }
    printf("%d answers in %d frames, none of which blocked\n", g.answers, frame);
    seismic_client_destroy(client);
    return g.answers == 3 ? 0 : 1;
}
