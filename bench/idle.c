/* The cost of one frame of a game loop: seismic_client_pollfds + seismic_client_process (no poll() call),
   with nothing to do and with one request in flight (sent to a local listener that never answers), at
   64, 4096 (the default) and 65535 request slots (max_requests). Medians of 201 batches of 1000 frames.
   Run: build/bench/idle */
#include "seismic.h"

#include "clock.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCHES 201
#define FRAMES 1000

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int frame(seismic_client *c) {
    struct pollfd fds[8];
    int timeout_ms = 0;
    int n = seismic_client_pollfds(c, fds, 8, &timeout_ms);
    return seismic_client_process(c, fds, n);
}

/* Microseconds per frame: the median batch. */
static double frame_us(seismic_client *c) {
    static double per_frame[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        double start = now_s();
        for (int f = 0; f < FRAMES; f++) frame(c);
        per_frame[b] = (now_s() - start) / FRAMES * 1e6;
    }
    qsort(per_frame, BATCHES, sizeof *per_frame, compare_double);
    return per_frame[BATCHES / 2];
}

int main(void) {
    static const uint32_t slots[] = {64, 4096, 65535};
    /* a listener that completes the TCP handshake (the kernel does) and never answers */
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    socklen_t addr_len = sizeof addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 16) ||
        getsockname(listener, (struct sockaddr *)&addr, &addr_len)) {
        perror("listener");
        return 1;
    }
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u", (unsigned)ntohs(addr.sin_port));

    printf("| request slots | idle frame | frame with 1 request in flight |\n|---|---|---|\n");
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
        seismic_client_desc desc;
        seismic_error err;
        memset(&desc, 0, sizeof desc);
        desc.url = url;
        desc.max_requests = slots[i];
        desc.timeout_ms = 600000;
        seismic_client *c = seismic_client_create(&desc, &err);
        if (!c) {
            fprintf(stderr, "client: %s\n", err.message);
            return 1;
        }
        double idle = frame_us(c);
        seismic_request req = seismic_rpc(c, "eth_blockNumber", "[]", NULL);
        for (int f = 0; f < 100000 && seismic_client_get_stats(c).in_flight == 0; f++) frame(c);
        if (!req.id || seismic_client_get_stats(c).in_flight != 1) {
            fprintf(stderr, "the request did not go out\n");
            return 1;
        }
        double busy = frame_us(c);
        printf("| %u | %.3f us | %.3f us |\n", (unsigned)slots[i], idle, busy);
        seismic_client_destroy(c);
    }
    close(listener);
    return 0;
}
