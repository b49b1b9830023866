/* seismic CLI: create2, cast's CREATE2 command: the address of a salt, or a vanity search for a salt whose
   address matches a pattern. The search walks salts as cast 1.7.1 does (a start salt, its last 8 bytes a
   little-endian counter; thread i of n tries start + i, start + i + n, ...), so --no-random or --seed with
   --threads 1 finds the salt cast finds. */
#include "cli.h"

#if !defined(_WIN32)
#include <pthread.h>
#endif

/* The deterministic deployment proxy, cast's default deployer. */
#define CREATE2_DEFAULT_DEPLOYER "0x4e59b44847b379578588920ca78fbf26c0b4956c"
#define CREATE2_SALT_OFFSET 21  /* in the preimage 0xff ‖ deployer ‖ salt ‖ init code hash */
#define CREATE2_COUNTER_OFFSET (CREATE2_SALT_OFFSET + 24)
#define CREATE2_MAX_THREADS 256
#define CREATE2_BATCH 4096 /* tries between two looks at the shared state */

typedef struct create2_search {
    uint8_t preimage[85];    /* the start salt in place */
    signed char nibble[40];  /* what each hex digit of the address must be: 0..15, or -1 for any */
    signed char upper[40];   /* --case-sensitive: 1 upper case, 0 lower case, -1 either (digits, any) */
    bool case_sensitive;
    unsigned threads;
    double deadline;         /* now_s() after which the search gives up; 0 = never */
    /* shared by the workers, under the lock */
    bool found, expired;
    uint8_t salt[32];
    uint64_t tries;
#if defined(_WIN32)
    CRITICAL_SECTION lock;
#else
    pthread_mutex_t lock;
#endif
} create2_search;

typedef struct create2_worker {
    create2_search *search;
    unsigned index;
} create2_worker;

static void search_lock(create2_search *s) {
#if defined(_WIN32)
    EnterCriticalSection(&s->lock);
#else
    pthread_mutex_lock(&s->lock);
#endif
}

static void search_unlock(create2_search *s) {
#if defined(_WIN32)
    LeaveCriticalSection(&s->lock);
#else
    pthread_mutex_unlock(&s->lock);
#endif
}

static uint64_t load_le64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

static void store_le64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++, v >>= 8) p[i] = (uint8_t)v;
}

/* Does the address in digest[12..32] match? The nibbles first (one Keccak per try); the EIP-55 case of
   the letters costs a second Keccak, only for addresses whose digits already match. */
static bool address_matches(const create2_search *s, const uint8_t digest[32]) {
    const uint8_t *a = digest + 12;
    for (int i = 0; i < 40; i++) {
        int n = i % 2 ? a[i / 2] & 15 : a[i / 2] >> 4;
        if (s->nibble[i] >= 0 && s->nibble[i] != n) return false;
    }
    if (!s->case_sensitive) return true;
    char lower[40];
    uint8_t hash[32];
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 20; i++) {
        lower[2 * i] = digits[a[i] >> 4];
        lower[2 * i + 1] = digits[a[i] & 15];
    }
    seismic_keccak256(lower, 40, hash);
    for (int i = 0; i < 40; i++) {
        if (s->upper[i] < 0) continue;
        int h = i % 2 ? hash[i / 2] & 15 : hash[i / 2] >> 4;
        if ((h >= 8) != (s->upper[i] == 1)) return false;
    }
    return true;
}

static void search_run(create2_worker *w) {
    create2_search *s = w->search;
    uint8_t preimage[85], digest[32];
    memcpy(preimage, s->preimage, sizeof preimage);
    uint64_t counter = load_le64(preimage + CREATE2_COUNTER_OFFSET) + w->index;
    uint64_t left = UINT64_MAX / s->threads; /* this thread's share of the 2^64 counter values */
    for (;;) {
        uint32_t done = 0;
        bool hit = false;
        for (; done < CREATE2_BATCH && left > 0; done++, left--, counter += s->threads) {
            store_le64(preimage + CREATE2_COUNTER_OFFSET, counter);
            seismic_keccak256(preimage, sizeof preimage, digest);
            if (address_matches(s, digest)) {
                hit = true;
                done++;
                break;
            }
        }
        search_lock(s);
        s->tries += done;
        bool stop = s->found || s->expired;
        if (hit && !stop) {
            s->found = true;
            memcpy(s->salt, preimage + CREATE2_SALT_OFFSET, 32);
        }
        if (!stop && !hit && s->deadline > 0 && now_s() > s->deadline) s->expired = true;
        stop = stop || hit || s->expired || left == 0;
        search_unlock(s);
        if (stop) return;
    }
}

#if defined(_WIN32)
static DWORD WINAPI search_thread(LPVOID arg) {
    search_run((create2_worker *)arg);
    return 0;
}
#else
static void *search_thread(void *arg) {
    search_run((create2_worker *)arg);
    return NULL;
}
#endif

/* Runs the workers (this thread is worker 0); 1 after printing why they could not start. */
static int search_all(create2_search *s) {
    create2_worker workers[CREATE2_MAX_THREADS];
#if defined(_WIN32)
    HANDLE threads[CREATE2_MAX_THREADS];
    InitializeCriticalSection(&s->lock);
#else
    pthread_t threads[CREATE2_MAX_THREADS];
    pthread_mutex_init(&s->lock, NULL);
#endif
    unsigned started = 1;
    int status = 0;
    for (unsigned i = 0; i < s->threads; i++) {
        workers[i].search = s;
        workers[i].index = i;
    }
    for (; started < s->threads; started++) {
#if defined(_WIN32)
        threads[started] = CreateThread(NULL, 0, search_thread, &workers[started], 0, NULL);
        if (!threads[started]) break;
#else
        if (pthread_create(&threads[started], NULL, search_thread, &workers[started]) != 0) break;
#endif
    }
    if (started < s->threads) { /* stop the ones that run */
        search_lock(s);
        s->expired = true;
        search_unlock(s);
        status = failf("could not start thread %u of %u", started + 1, s->threads);
    } else {
        search_run(&workers[0]);
    }
    for (unsigned i = 1; i < started; i++) {
#if defined(_WIN32)
        WaitForSingleObject(threads[i], INFINITE);
        CloseHandle(threads[i]);
#else
        pthread_join(threads[i], NULL);
#endif
    }
#if defined(_WIN32)
    DeleteCriticalSection(&s->lock);
#else
    pthread_mutex_destroy(&s->lock);
#endif
    return status;
}

/*---- the start salt: rand's StdRng (ChaCha12) from --seed, as cast seeds it ----*/

#define CHACHA_ROTL(v, n) ((uint32_t)((v) << (n)) | ((v) >> (32 - (n))))
#define CHACHA_QUARTER(x, a, b, c, d)                                                                             \
    (x[a] += x[b], x[d] = CHACHA_ROTL(x[d] ^ x[a], 16), x[c] += x[d], x[b] = CHACHA_ROTL(x[b] ^ x[c], 12),     \
     x[a] += x[b], x[d] = CHACHA_ROTL(x[d] ^ x[a], 8), x[c] += x[d], x[b] = CHACHA_ROTL(x[b] ^ x[c], 7))

/* The first len (<= 64) bytes StdRng::from_seed(seed) fills: ChaCha12 block 0, key = seed, nonce 0. */
static void chacha12_first_bytes(const uint8_t seed[32], uint8_t *out, size_t len) {
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}, x[16];
    for (int i = 0; i < 8; i++)
        in[4 + i] = (uint32_t)seed[4 * i] | (uint32_t)seed[4 * i + 1] << 8 | (uint32_t)seed[4 * i + 2] << 16 |
                    (uint32_t)seed[4 * i + 3] << 24;
    memcpy(x, in, sizeof x);
    for (int round = 0; round < 12; round += 2) {
        CHACHA_QUARTER(x, 0, 4, 8, 12);
        CHACHA_QUARTER(x, 1, 5, 9, 13);
        CHACHA_QUARTER(x, 2, 6, 10, 14);
        CHACHA_QUARTER(x, 3, 7, 11, 15);
        CHACHA_QUARTER(x, 0, 5, 10, 15);
        CHACHA_QUARTER(x, 1, 6, 11, 12);
        CHACHA_QUARTER(x, 2, 7, 8, 13);
        CHACHA_QUARTER(x, 3, 4, 9, 14);
    }
    for (size_t i = 0; i < len; i++) out[i] = (uint8_t)((x[i / 4] + in[i / 4]) >> (8 * (i % 4)));
}

/*---- patterns ----*/

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A --starts-with / --ends-with / --matching pattern without its 0x: hex digits (X = any digit with
   --matching), at most 40. Writes what each covered position must be; two patterns that disagree on a
   position (a prefix and a suffix that overlap) are refused. */
static int add_pattern(create2_search *s, const char *option, const char *text, bool wildcards, int where,
                       seismic_buf *regex) {
    const char *p = strncmp(text, "0x", 2) == 0 ? text + 2 : text;
    while (wildcards && strncmp(p, "0x", 2) == 0) p += 2; /* cast trims every leading 0x of --matching */
    size_t len = strlen(p);
    if (len > 40)
        return failf("%s %s is %zu hex digits, but an address has only 40", option, text, len);
    if (wildcards && len != 40)
        return failf("--matching %s must be 40 characters (hex digits, X for any), it has %zu", text, len);
    size_t start = where > 0 ? 40 - len : 0;
    seismic_buf_append_str(regex, regex->len ? ", \"" : "[\"");
    if (where < 0) seismic_buf_append_byte(regex, '^');
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        int n = hex_value(c);
        if (n < 0 && !(wildcards && c == 'X'))
            return failf("%s %s: '%c' is not a hex digit%s", option, text, c, wildcards ? " or X" : "");
        seismic_buf_append_byte(regex, n < 0 ? '.' : (uint8_t)c);
        if (n < 0) continue;
        signed char upper = (signed char)(n < 10 ? -1 : c >= 'A' && c <= 'F');
        size_t at = start + i;
        if ((s->nibble[at] >= 0 && s->nibble[at] != n) ||
            (s->case_sensitive && s->upper[at] >= 0 && upper >= 0 && s->upper[at] != upper))
            return failf("--starts-with and --ends-with want different characters at position %zu of the address, "
                         "so no address matches both",
                         at + 1);
        s->nibble[at] = (signed char)n;
        if (s->case_sensitive && upper >= 0) s->upper[at] = upper;
    }
    if (where > 0) seismic_buf_append_byte(regex, '$');
    seismic_buf_append_byte(regex, '"');
    return 0;
}

/* Rust's Debug format of a Duration, as cast prints the search time: 272.398µs, 1.5ms, 2.000001s. */
static void print_duration(double seconds) {
    uint64_t ns = seconds > 0 ? (uint64_t)(seconds * 1e9 + 0.5) : 0;
    uint64_t whole, fraction, scale;
    const char *unit;
    int digits;
    if (ns >= 1000000000u) whole = ns / 1000000000u, fraction = ns % 1000000000u, digits = 9, unit = "s";
    else if (ns >= 1000000u) whole = ns / 1000000u, fraction = ns % 1000000u, digits = 6, unit = "ms";
    else if (ns >= 1000u) whole = ns / 1000u, fraction = ns % 1000u, digits = 3, unit = "\xc2\xb5s";
    else whole = ns, fraction = 0, digits = 0, unit = "ns";
    printf("%llu", (unsigned long long)whole);
    if (fraction) {
        putchar('.');
        for (scale = 1, digits--; digits > 0; digits--) scale *= 10;
        for (; fraction; fraction %= scale, scale /= 10) putchar('0' + (int)(fraction / scale));
    }
    printf("%s\n", unit);
}

static unsigned logical_cpus(void) {
#if defined(_WIN32)
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    return info.dwNumberOfProcessors ? (unsigned)info.dwNumberOfProcessors : 1;
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
#endif
}

/* create2 [--salt S | PATTERN...] [--deployer D] (--init-code C | --init-code-hash H): see the usage. */
int cli_create2(int argc, char **argv) {
    bool bad = false, json = g.json;
    const char *starts = take_option(&argc, argv, "--starts-with", &bad);
    if (!starts && !bad) starts = take_option(&argc, argv, "-s", &bad);
    const char *ends = bad ? NULL : take_option(&argc, argv, "--ends-with", &bad);
    if (!ends && !bad) ends = take_option(&argc, argv, "-e", &bad);
    const char *matching = bad ? NULL : take_option(&argc, argv, "--matching", &bad);
    if (!matching && !bad) matching = take_option(&argc, argv, "-m", &bad);
    const char *deployer = bad ? NULL : take_option(&argc, argv, "--deployer", &bad);
    if (!deployer && !bad) deployer = take_option(&argc, argv, "-d", &bad);
    const char *salt_text = bad ? NULL : take_option(&argc, argv, "--salt", &bad);
    const char *code_text = bad ? NULL : take_option(&argc, argv, "--init-code", &bad);
    if (!code_text && !bad) code_text = take_option(&argc, argv, "-i", &bad);
    const char *hash_text = bad ? NULL : take_option(&argc, argv, "--init-code-hash", &bad);
    const char *threads_text = bad ? NULL : take_option(&argc, argv, "--threads", &bad);
    if (!threads_text && !bad) threads_text = take_option(&argc, argv, "--jobs", &bad);
    if (!threads_text && !bad) threads_text = take_option(&argc, argv, "-j", &bad);
    const char *caller_text = bad ? NULL : take_option(&argc, argv, "--caller", &bad);
    const char *seed_text = bad ? NULL : take_option(&argc, argv, "--seed", &bad);
    bool case_sensitive = has_flag(&argc, argv, "--case-sensitive") || has_flag(&argc, argv, "-c");
    bool no_random = has_flag(&argc, argv, "--no-random");
    if (bad || reject_options(argc, argv)) return 1;
    if (argc) return failf("unexpected argument %s (see --help)", argv[0]);

    create2_search *s = (create2_search *)calloc(1, sizeof *s);
    seismic_address d, caller;
    seismic_buf regex = {0};
    uint8_t *salt = NULL, *hash = NULL, digest[32];
    int status = 1;
    if (!s) return failf("out of memory");
    salt = s->preimage + CREATE2_SALT_OFFSET;
    hash = s->preimage + 53;
    memset(s->nibble, -1, sizeof s->nibble);
    memset(s->upper, -1, sizeof s->upper);
    s->case_sensitive = case_sensitive;
    bool pattern = starts || ends || matching;
    if (salt_text && (pattern || case_sensitive || caller_text || seed_text || no_random || threads_text)) {
        failf("--salt computes one address; it does not go with the search options (--starts-with, --ends-with,"
              " --matching, --case-sensitive, --caller, --seed, --no-random, --threads)");
        goto done;
    }
    if (!salt_text && !pattern) {
        failf("expected --salt HEX, or a pattern to search for: --starts-with HEX, --ends-with HEX or --matching HEX");
        goto done;
    }
    if (matching && (starts || ends)) {
        failf("either --matching or --starts-with/--ends-with, not both");
        goto done;
    }
    if (seed_text && no_random) {
        failf("either --seed or --no-random, not both");
        goto done;
    }
    if (!code_text && !hash_text) {
        failf("expected --init-code HEX or --init-code-hash HASH");
        goto done;
    }
    if (parse_address(deployer ? deployer : CREATE2_DEFAULT_DEPLOYER, &d, "--deployer")) goto done;
    if (hash_text && parse_hash(hash_text, hash, "--init-code-hash")) goto done;
    if (code_text) {
        seismic_buf code = {0};
        if (seismic_hex_decode_buf(code_text, strlen(code_text), &code)) {
            seismic_buf_free(&code);
            failf("--init-code %s is not hex", code_text);
            goto done;
        }
        seismic_keccak256(code.data, code.len, digest);
        seismic_buf_free(&code);
        if (hash_text && memcmp(digest, hash, 32) != 0) {
            failf("--init-code-hash is not the hash of --init-code (give one of them)");
            goto done;
        }
        memcpy(hash, digest, 32);
    }
    s->preimage[0] = 0xff;
    memcpy(s->preimage + 1, d.bytes, 20);
    if (salt_text) {
        seismic_address created;
        char text[43];
        if (parse_hash(salt_text, salt, "--salt")) goto done;
        seismic_keccak256(s->preimage, sizeof s->preimage, digest);
        memcpy(created.bytes, digest + 12, 20);
        seismic_address_to_string(&created, text);
        out_string(text);
        status = 0;
        goto done;
    }

    if ((matching && add_pattern(s, "--matching", matching, true, 0, &regex)) ||
        (starts && add_pattern(s, "--starts-with", starts, false, -1, &regex)) ||
        (ends && add_pattern(s, "--ends-with", ends, false, 1, &regex)))
        goto done;
    seismic_buf_append_byte(&regex, ']');
    /* One try matches with probability 2^-bits; beyond the 2^64 salts the counter reaches, no search ends. */
    unsigned bits = 0;
    for (int i = 0; i < 40; i++) bits += (s->nibble[i] >= 0 ? 4u : 0u) + (s->upper[i] >= 0 ? 1u : 0u);
    if (bits > 64) {
        failf("no salt is likely to give that address: the pattern needs about 2^%u tries, and the search walks "
              "2^64 salts (give fewer hex digits)",
              bits);
        goto done;
    }
    s->threads = logical_cpus();
    if (threads_text) {
        uint64_t n;
        if (parse_u64(threads_text, &n, "--threads")) goto done;
        if (n > CREATE2_MAX_THREADS) {
            failf("--threads %s: at most %d", threads_text, CREATE2_MAX_THREADS);
            goto done;
        }
        if (n) s->threads = (unsigned)n;
    }
    if (s->threads > CREATE2_MAX_THREADS) s->threads = CREATE2_MAX_THREADS;
    size_t random_from = 0;
    if (caller_text) {
        if (parse_address(caller_text, &caller, "--caller")) goto done;
        memcpy(salt, caller.bytes, 20);
        random_from = 20;
    }
    if (seed_text) {
        uint8_t seed[32];
        if (parse_hash(seed_text, seed, "--seed")) goto done;
        chacha12_first_bytes(seed, salt + random_from, 32 - random_from);
    } else if (!no_random && seismic_random_bytes(salt + random_from, 32 - random_from)) {
        failf("the system's random source failed");
        goto done;
    }
    if (g.timeout_given) s->deadline = now_s() + g.timeout_s;

    char hex[67];
    seismic_hex_encode(hash, 32, hex);
    if (!json)
        printf("Configuration:\nInit code hash: %s\nRegex patterns: %s\n\n"
               "Starting to generate deterministic contract address with %u threads...\n",
               hex, seismic_buf_cstr(&regex), s->threads);
    fflush(stdout);
    double start = now_s();
    if (search_all(s)) goto done;
    double elapsed = now_s() - start;
    if (!s->found) {
        failf("no matching address after %llu salts%s", (unsigned long long)s->tries,
              s->expired ? " (the --timeout ran out)" : ": every salt of the search was tried");
        goto done;
    }
    seismic_address created;
    seismic_u256 salt_number;
    char address[43], salt_hex[67], salt_dec[80];
    memcpy(salt, s->salt, 32);
    seismic_keccak256(s->preimage, sizeof s->preimage, digest);
    memcpy(created.bytes, digest + 12, 20);
    seismic_address_to_string(&created, address);
    seismic_hex_encode(s->salt, 32, salt_hex);
    seismic_u256_from_be(s->salt, 32, &salt_number);
    seismic_u256_to_dec(&salt_number, salt_dec);
    if (json) {
        printf("{\"address\":\"%s\",\"salt\":\"%s\"}\n", address, salt_hex);
    } else {
        printf("Successfully found contract address in ");
        print_duration(elapsed);
        printf("Address: %s\nSalt: %s (%s)\n", address, salt_hex, salt_dec);
    }
    status = 0;
done:
    seismic_buf_free(&regex);
    free(s);
    return status;
}
