/* An LD_PRELOAD library for tests/cli.sh: every block the program gives back to free() is searched for
   the secrets listed in FREE_SCAN_HEX (comma-separated hex, each searched as that text and as the bytes
   it decodes to). A hit prints "free-scan: FOUND ..." on stderr at once; at exit a summary line
   "free-scan: N blocks scanned, M secrets found" shows the scanner was active.
   Build: cc -shared -fPIC tests/free_scan.c -o free_scan.so -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SECRETS 16

static struct {
    unsigned char bytes[128];
    size_t len;
} secrets[2 * MAX_SECRETS];
static size_t secret_count;
static unsigned long blocks, found;
static int armed;
static void (*real_free)(void *);

static int nibble(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void add(const char *text, size_t len) {
    if (len >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        text += 2;
        len -= 2;
    }
    if (len < 16 || len > sizeof secrets[0].bytes || secret_count + 2 > sizeof secrets / sizeof *secrets) return;
    memcpy(secrets[secret_count].bytes, text, len); /* the hex text itself */
    secrets[secret_count++].len = len;
    size_t n = 0;
    for (size_t i = 0; i + 1 < len; i += 2) {
        int hi = nibble(text[i]), lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0) return;
        secrets[secret_count].bytes[n++] = (unsigned char)(hi << 4 | lo);
    }
    secrets[secret_count++].len = n; /* the bytes */
}

__attribute__((constructor)) static void scan_init(void) {
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    const char *list = getenv("FREE_SCAN_HEX");
    while (list && *list) {
        const char *end = strchr(list, ',');
        size_t len = end ? (size_t)(end - list) : strlen(list);
        add(list, len);
        list += len + (end != NULL);
    }
    armed = 1;
}

static void report(const char *text) { (void)!write(2, text, strlen(text)); }

void free(void *p) {
    if (!real_free) { /* dlsym itself may free before the constructor ran: such blocks are not ours */
        real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
        if (!real_free) return;
    }
    if (p && armed) {
        const unsigned char *b = (const unsigned char *)p;
        size_t size = malloc_usable_size(p);
        blocks++;
        for (size_t s = 0; s < secret_count; s++) {
            size_t m = secrets[s].len;
            for (size_t i = 0; m && i + m <= size; i++) {
                if (b[i] == secrets[s].bytes[0] && memcmp(b + i, secrets[s].bytes, m) == 0) {
                    char line[160];
                    snprintf(line, sizeof line, "free-scan: FOUND secret %zu (%zu bytes) at offset %zu of a freed %zu-byte block\n",
                             s / 2, m, i, size);
                    report(line);
                    found++;
                    break;
                }
            }
        }
    }
    real_free(p);
}

__attribute__((destructor)) static void scan_done(void) {
    char line[120];
    snprintf(line, sizeof line, "free-scan: %lu blocks scanned, %lu secrets found\n", blocks, found);
    report(line);
}
