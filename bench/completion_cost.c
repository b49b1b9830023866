/* What is still proportional to a response when its last byte arrives: the steps a signed read runs on a
   result (hex to bytes, AES-GCM open, bytes back to hex, the action's result object tokenized) and giving
   back a big secret buffer (wiped, then freed). They run inside the seismic_client_process call that
   completes the read, so for a 10 MB result they are what that call costs beyond the engine. Compared with
   the engine's own work per call for the same bytes: one 256 KiB read tokenized as it arrives.
   Usage: completion_cost [MB] (default 10). Prints one table. */
#define _POSIX_C_SOURCE 200809L
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double thread_cpu_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static double best_of(double *runs, int n) {
    double best = runs[0];
    for (int i = 1; i < n; i++) best = runs[i] < best ? runs[i] : best;
    return best;
}

enum { RUNS = 5 };

int main(int argc, char **argv) {
    size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 10, hex_len = mb << 20, bytes = hex_len / 2;
    uint8_t key[32] = {1}, nonce[12] = {2};
    uint8_t *plain = (uint8_t *)malloc(bytes), *sealed = (uint8_t *)malloc(bytes + 16), *opened = (uint8_t *)malloc(bytes);
    seismic_buf hex = {0}, again = {0}, object = {0};
    if (!plain || !sealed || !opened) return 1;
    for (size_t i = 0; i < bytes; i++) plain[i] = (uint8_t)(i * 131);
    seismic_aes_gcm_encrypt(key, nonce, "aad", 3, plain, bytes, sealed);
    seismic_buf_append_hex(&hex, sealed, bytes); /* the result as the node sends it (less the tag) */
    double t_unhex[RUNS], t_open[RUNS], t_rehex[RUNS], t_tokens[RUNS], t_wipe[RUNS], t_free[RUNS], t_read[RUNS];
    seismic_json_token tokens[8];
    for (int run = 0; run < RUNS; run++) {
        double t0 = thread_cpu_ms();
        size_t n = 0;
        if (seismic_hex_decode((const char *)hex.data, hex.len, opened, bytes, &n) || n != bytes) return 1;
        t_unhex[run] = thread_cpu_ms() - t0;
        t0 = thread_cpu_ms();
        if (seismic_aes_gcm_decrypt(key, nonce, "aad", 3, sealed, bytes + 16, opened)) return 1;
        t_open[run] = thread_cpu_ms() - t0;
        again.len = 0;
        t0 = thread_cpu_ms();
        seismic_buf_append_hex(&again, opened, bytes);
        t_rehex[run] = thread_cpu_ms() - t0;
        object.len = 0;
        seismic_buf_append_str(&object, "{\"jsonrpc\":\"2.0\",\"result\":\"");
        t0 = thread_cpu_ms();
        seismic_buf_append(&object, again.data, again.len); /* _seismic_action_done copies, then tokenizes */
        seismic_buf_append_str(&object, "\"}");
        seismic_json j;
        if (seismic_json_parse(&j, (const char *)object.data, object.len, tokens, 8, NULL)) return 1;
        t_tokens[run] = thread_cpu_ms() - t0;
        /* one engine call's worth: 256 KiB of the same text tokenized */
        t0 = thread_cpu_ms();
        seismic_json_parse(&j, (const char *)object.data, 256u << 10, tokens, 8, NULL); /* an unterminated prefix */
        t_read[run] = thread_cpu_ms() - t0;
        uint8_t *block = (uint8_t *)malloc(hex_len);
        if (!block) return 1;
        memset(block, 7, hex_len);
        t0 = thread_cpu_ms();
        seismic_wipe(block, hex_len);
        t_wipe[run] = thread_cpu_ms() - t0;
        t0 = thread_cpu_ms();
        free(block);
        t_free[run] = thread_cpu_ms() - t0;
    }
    if (memcmp(opened, plain, bytes) != 0) return 1;
    printf("| step, for a %zu MB result (best of %d, thread CPU) | ms | ms per MB |\n|---|---|---|\n", mb, RUNS);
    printf("| hex to bytes (seismic_response_data) | %.2f | %.3f |\n", best_of(t_unhex, RUNS), best_of(t_unhex, RUNS) / mb);
    printf("| AES-256-GCM open of the %zu MB of bytes | %.2f | %.3f |\n", mb / 2, best_of(t_open, RUNS), best_of(t_open, RUNS) / mb);
    printf("| bytes back to hex | %.2f | %.3f |\n", best_of(t_rehex, RUNS), best_of(t_rehex, RUNS) / mb);
    printf("| the action's result object: copied and tokenized | %.2f | %.3f |\n", best_of(t_tokens, RUNS), best_of(t_tokens, RUNS) / mb);
    printf("| seismic_wipe of a %zu MB secret buffer | %.2f | %.3f |\n", mb, best_of(t_wipe, RUNS), best_of(t_wipe, RUNS) / mb);
    double worst_free = t_free[0];
    for (int i = 1; i < RUNS; i++) worst_free = t_free[i] > worst_free ? t_free[i] : worst_free;
    printf("| free of a %zu MB block (the slowest of %d: glibc keeps later ones instead of unmapping) | %.2f | %.3f |\n", mb, RUNS,
           worst_free, worst_free / mb);
    printf("| for comparison: tokenizing one 256 KiB read, what a call does as a response arrives | %.3f | |\n", best_of(t_read, RUNS));
    seismic_buf_free(&hex);
    seismic_buf_free(&again);
    seismic_buf_free(&object);
    free(plain);
    free(sealed);
    free(opened);
    return 0;
}
