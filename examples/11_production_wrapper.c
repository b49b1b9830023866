/* A production-style wrapper: one small module that owns the client and wallet, connects with retries,
   sends the SDK's log lines and its own through one logger, and puts a timeout on every operation.
   The rest of the program calls app_connect / app_signed_read / app_close and never sees the details.
   Run: RPC_URL=... PRIVATE_KEY=0x... COUNTER_ADDRESS=0x... build/examples/11_production_wrapper */
#include "seismic.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct app {
    seismic_client *client;
    seismic_wallet *wallet;
    uint32_t op_timeout_ms;
} app;

/* ---- the wrapper ---- */

/* The logger hook: timestamped lines on stderr. The SDK reports retries (info) and failed
   connections (warn); debug lines are dropped. */
static void app_logger(seismic_log_level level, const char *message, void *user_data) {
    static const char *names[] = {"", "ERROR", "WARN", "INFO", "DEBUG"};
    char stamp[16];
    time_t now = time(NULL);
    (void)user_data;
    if (level > SEISMIC_LOG_INFO) return;
    strftime(stamp, sizeof stamp, "%H:%M:%S", localtime(&now));
    fprintf(stderr, "%s %-5s %s\n", stamp, names[level], message);
}

static void app_log(seismic_log_level level, const char *fmt, ...) {
    char message[300];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    app_logger(level, message, NULL);
}

static void app_close(app *a) {
    if (a->wallet) seismic_wallet_destroy(a->wallet);
    if (a->client) seismic_client_destroy(a->client);
    a->wallet = NULL;
    a->client = NULL;
}

/* Connects: creates the client and the wallet (which talks to the node), up to `attempts` times with
   a growing pause. Each request inside is also retried by the SDK on transport errors. */
static bool app_connect(app *a, const char *url, const char *key, int attempts) {
    seismic_client_desc desc = {0};
    seismic_wallet_desc wallet_desc = {0};
    seismic_error err;
    desc.url = url;
    desc.logger.func = app_logger;
    desc.timeout_ms = 10000;        /* default deadline of every request */
    desc.connect_timeout_ms = 3000;
    desc.max_retries = 3;
    wallet_desc.private_key = key;
    a->op_timeout_ms = 5000;
    for (int attempt = 1; attempt <= attempts; attempt++) {
        a->client = seismic_client_create(&desc, &err);
        if (a->client && (a->wallet = seismic_wallet_create_blocking(a->client, &wallet_desc, &err)) != NULL) {
            char address[43];
            seismic_address_to_string(seismic_wallet_address(a->wallet), address);
            app_log(SEISMIC_LOG_INFO, "connected to %s as %s (chain %llu, attempt %d)", url, address,
                    (unsigned long long)seismic_wallet_chain_id(a->wallet), attempt);
            return true;
        }
        app_log(SEISMIC_LOG_WARN, "connect attempt %d of %d failed: %s", attempt, attempts, err.message);
        app_close(a);
        if (attempt < attempts) {
            struct timespec pause = {attempt, 0}; /* 1 s, 2 s, ... */
            nanosleep(&pause, NULL);
        }
    }
    return false;
}

/* A signed read with the wrapper's timeout; its first decoded output, as text, is appended to out. */
static seismic_result app_signed_read(app *a, const seismic_address *contract, const char *signature,
                                      seismic_buf *out) {
    seismic_request_options opts = {0};
    seismic_error err = {0};
    const seismic_abi_value *values;
    size_t count;
    opts.timeout_ms = a->op_timeout_ms;
    seismic_request req = seismic_contract_call(a->wallet, contract, SEISMIC_SIGNED_READ, signature, NULL, NULL, &opts);
    seismic_result r = seismic_response_abi(seismic_await_response(a->client, req, &err), &values, &count);
    if (r == SEISMIC_OK) r = seismic_abi_format_value(values, 1, false, out);
    else app_log(SEISMIC_LOG_ERROR, "%s: %s", signature, err.message);
    seismic_request_release(a->client, req);
    return r;
}

/* ---- the program ---- */

int main(void) {
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    const char *key = getenv("PRIVATE_KEY"), *counter_text = getenv("COUNTER_ADDRESS");
    seismic_address counter;
    app a = {NULL, NULL, 0};
    if (!key || !counter_text || seismic_address_parse(counter_text, strlen(counter_text), &counter) != SEISMIC_OK) {
        fprintf(stderr, "set PRIVATE_KEY and COUNTER_ADDRESS (and RPC_URL)\n");
        return 1;
    }
    if (!app_connect(&a, url, key, 3)) return 1;

    /* Signed reads: the call is encrypted and signed, so the contract sees msg.sender = our address
       (a plain eth_call has no sender) and the answer comes back encrypted to us. */
    seismic_buf number = {0}, who = {0};
    bool ok = app_signed_read(&a, &counter, "getNumber() returns (uint256)", &number) == SEISMIC_OK &&
              app_signed_read(&a, &counter, "whoAmI() returns (address)", &who) == SEISMIC_OK;
    if (ok) {
        printf("getNumber() -> %s\n", seismic_buf_cstr(&number));
        printf("whoAmI()    -> %s\n", seismic_buf_cstr(&who));
    }
    seismic_buf_free(&number);
    seismic_buf_free(&who);
    app_close(&a);
    app_log(SEISMIC_LOG_INFO, "closed");
    return ok ? 0 : 1;
}
