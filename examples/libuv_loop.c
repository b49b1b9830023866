/* Driving the client from libuv: one uv_poll_t per socket the client wants watched and one uv_timer_t for
   its deadlines. After every process call the watches are brought up to date (seismic_client_pollfds).
   Build: cc libuv_loop.c -luv -lsecp256k1 -lbearssl. Run: RPC_URL=... build/examples/libuv_loop */
#include "example.h"

#include <poll.h>
#include <uv.h>

#define MAX_WATCHES 16

static seismic_client *client;
static uv_timer_t timer;
static uv_poll_t *watches[MAX_WATCHES]; /* one per watched socket; closing one frees it */
static int answers;

static void sync_watches(void);

static void on_poll(uv_poll_t *watch, int status, int events) {
    struct pollfd fd = {0};
    uv_fileno((uv_handle_t *)watch, &fd.fd);
    fd.revents = (short)((events & UV_READABLE ? POLLIN : 0) | (events & UV_WRITABLE ? POLLOUT : 0) | (status < 0 ? POLLERR : 0));
    seismic_client_process(client, &fd, 1);
    sync_watches();
}

static void on_timer(uv_timer_t *t) { (void)t; seismic_client_process(client, NULL, 0); sync_watches(); }

static void free_watch(uv_handle_t *watch) { free(watch); }

/* Asks the client what it wants now and makes libuv watch exactly that. */
static void sync_watches(void) {
    struct pollfd wanted[MAX_WATCHES];
    uv_poll_t *kept[MAX_WATCHES] = {0};
    int timeout_ms, n = seismic_client_pollfds(client, wanted, MAX_WATCHES, &timeout_ms);
    for (int k = 0; k < n; k++) {
        for (int w = 0; w < MAX_WATCHES && !kept[k]; w++) { /* the watch this socket already has */
            uv_os_fd_t fd;
            if (watches[w] && uv_fileno((uv_handle_t *)watches[w], &fd) == 0 && fd == wanted[k].fd)
                kept[k] = watches[w], watches[w] = NULL;
        }
        if (!kept[k] && (kept[k] = (uv_poll_t *)malloc(sizeof *kept[k])) != NULL)
            uv_poll_init(uv_default_loop(), kept[k], wanted[k].fd);
        if (kept[k]) uv_poll_start(kept[k], UV_READABLE | (wanted[k].events & POLLOUT ? UV_WRITABLE : 0), on_poll);
    }
    for (int w = 0; w < MAX_WATCHES; w++) { /* the rest are sockets that went away */
        if (watches[w]) uv_close((uv_handle_t *)watches[w], free_watch);
        watches[w] = kept[w];
    }
    uv_timer_stop(&timer);
    if (timeout_ms >= 0) uv_timer_start(&timer, on_timer, (uint64_t)timeout_ms, 0);
}

static void on_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    uint64_t value = 0;
    (void)c, (void)req, (void)user_data;
    if (seismic_response_u64(resp, &value) == SEISMIC_OK) printf("libuv callback: %llu\n", (unsigned long long)value);
    else printf("libuv callback failed: %s\n", resp->error_message);
    if (++answers == 2) uv_timer_stop(&timer);
}

int main(void) {
    client = example_client();
    uv_timer_init(uv_default_loop(), &timer);
    seismic_request_options o = {0};
    o.callback = on_answer;
    seismic_rpc(client, "eth_chainId", NULL, &o);
    seismic_rpc(client, "eth_blockNumber", NULL, &o);
    sync_watches();
    while (answers < 2 && uv_run(uv_default_loop(), UV_RUN_ONCE)) {}
    seismic_client_destroy(client);
    for (int w = 0; w < MAX_WATCHES; w++) if (watches[w]) uv_close((uv_handle_t *)watches[w], free_watch);
    uv_close((uv_handle_t *)&timer, NULL);
    uv_run(uv_default_loop(), UV_RUN_DEFAULT);
    printf("%d answers through libuv\n", answers);
    return answers == 2 ? 0 : 1;
}
