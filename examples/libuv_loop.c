/* Driving the client from libuv: a uv_poll_t per socket the client wants watched and one uv_timer_t
   for its deadlines. After every process call the watch list is brought up to date.
   Build: cc libuv_loop.c -luv -lsecp256k1 -lbearssl. Run: RPC_URL=... build/examples/libuv_loop */
#include "example.h"

#include <poll.h>
#include <uv.h>

#define MAX_WATCHES 16

typedef struct bridge {
    uv_loop_t *loop;
    seismic_client *client;
    uv_timer_t timer;
    uv_poll_t polls[MAX_WATCHES];
    int fds[MAX_WATCHES];     /* the watched fd, -1 when unused */
    bool in_use[MAX_WATCHES]; /* initialised and not yet fully closed */
    int answers;
} bridge;

static void sync_watches(bridge *b);

static void on_closed(uv_handle_t *handle) {
    bridge *b = (bridge *)handle->data;
    b->in_use[(uv_poll_t *)handle - b->polls] = false;
}

static void on_poll(uv_poll_t *handle, int status, int events) {
    bridge *b = (bridge *)handle->data;
    int index = (int)(handle - b->polls);
    struct pollfd fd;
    fd.fd = b->fds[index], fd.events = 0;
    fd.revents = (short)((events & UV_READABLE ? POLLIN : 0) | (events & UV_WRITABLE ? POLLOUT : 0) | (status < 0 ? POLLERR : 0));
    seismic_client_process(b->client, &fd, 1);
    sync_watches(b);
}

static void on_timer(uv_timer_t *timer) {
    bridge *b = (bridge *)timer->data;
    seismic_client_process(b->client, NULL, 0);
    sync_watches(b);
}

/* Asks the client what it wants now and makes libuv watch exactly that. */
static void sync_watches(bridge *b) {
    struct pollfd wanted[MAX_WATCHES];
    int timeout_ms;
    int n = seismic_client_pollfds(b->client, wanted, MAX_WATCHES, &timeout_ms);
    for (int w = 0; w < MAX_WATCHES; w++) { /* stop watches for sockets that went away */
        bool still = false;
        for (int k = 0; k < n; k++) still |= wanted[k].fd == b->fds[w];
        if (b->fds[w] >= 0 && !still) {
            uv_poll_stop(&b->polls[w]);
            uv_close((uv_handle_t *)&b->polls[w], on_closed);
            b->fds[w] = -1;
        }
    }
    for (int k = 0; k < n; k++) {
        int w = 0;
        while (w < MAX_WATCHES && b->fds[w] != wanted[k].fd) w++;
        if (w == MAX_WATCHES) { /* a new socket */
            for (w = 0; w < MAX_WATCHES && b->in_use[w]; w++) {}
            if (w == MAX_WATCHES) continue;
            uv_poll_init(b->loop, &b->polls[w], wanted[k].fd);
            b->polls[w].data = b;
            b->fds[w] = wanted[k].fd;
            b->in_use[w] = true;
        }
        uv_poll_start(&b->polls[w], UV_READABLE | (wanted[k].events & POLLOUT ? UV_WRITABLE : 0), on_poll);
    }
    uv_timer_stop(&b->timer);
    if (timeout_ms >= 0) uv_timer_start(&b->timer, on_timer, (uint64_t)timeout_ms, 0);
}

static void on_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    bridge *b = (bridge *)user_data;
    uint64_t value = 0;
    (void)c, (void)req;
    if (seismic_response_u64(resp, &value) == SEISMIC_OK) printf("libuv callback: %llu\n", (unsigned long long)value);
    else printf("libuv callback failed: %s\n", resp->error_message);
    if (++b->answers == 2) uv_timer_stop(&b->timer);
}

int main(void) {
    bridge b;
    memset(&b, 0, sizeof b);
    for (int w = 0; w < MAX_WATCHES; w++) b.fds[w] = -1;
    b.loop = uv_default_loop();
    b.client = example_client();
    uv_timer_init(b.loop, &b.timer);
    b.timer.data = &b;
    seismic_request_options o = {0};
    o.callback = on_answer;
    o.user_data = &b;
    seismic_rpc(b.client, "eth_chainId", NULL, &o);
    seismic_rpc(b.client, "eth_blockNumber", NULL, &o);
    sync_watches(&b);
    while (b.answers < 2 && uv_run(b.loop, UV_RUN_ONCE)) {}
    seismic_client_destroy(b.client);
    for (int w = 0; w < MAX_WATCHES; w++)
        if (b.fds[w] >= 0) uv_close((uv_handle_t *)&b.polls[w], on_closed);
    uv_close((uv_handle_t *)&b.timer, NULL);
    uv_run(b.loop, UV_RUN_DEFAULT);
    printf("%d answers through libuv\n", b.answers);
    return b.answers == 2 ? 0 : 1;
}
