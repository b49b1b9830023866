/* A production-style wrapper: one module owns the client and wallet, connects with retries, sends the SDK's
   log lines and its own through one logger and times out every operation; the rest calls app_* only.
   Run: RPC_URL=... PRIVATE_KEY=0x... COUNTER_ADDRESS=0x... build/examples/11_production_wrapper */
#include "example.h"
#include <time.h>
#include "clock.h"

static seismic_client *app_client;
static seismic_wallet *app_wallet;

/* The logger hook, for the SDK's lines (retries, failed connections) and ours: timestamped, on stderr. */
static void app_log(seismic_log_level level, const char *message, void *user_data) {
    char stamp[16];
    time_t now = time(NULL);
    (void)user_data;
    if (level > SEISMIC_LOG_INFO) return;
    strftime(stamp, sizeof stamp, "%H:%M:%S", localtime(&now));
    fprintf(stderr, "%s %-5s %s\n", stamp, level == SEISMIC_LOG_INFO ? "INFO" : level == SEISMIC_LOG_WARN ? "WARN" : "ERROR",
            message);
}

/* The client and the wallet, up to `attempts` times with a growing pause (requests retry by themselves). */
static bool app_connect(const char *url, const char *key, int attempts) {
    seismic_client_desc desc = {0};
    seismic_wallet_desc wallet_desc = {0};
    seismic_error err = {0};
    char line[400], address[43];
    desc.url = url;
    desc.logger.func = app_log;
    desc.timeout_ms = 10000; /* every request's deadline */
    desc.connect_timeout_ms = 3000;
    desc.max_retries = 3;
    wallet_desc.private_key = key;
    for (int attempt = 1; attempt <= attempts; attempt++) {
        app_client = seismic_client_create(&desc, &err);
        if (app_client && (app_wallet = seismic_wallet_create_blocking(app_client, &wallet_desc, &err)) != NULL) {
            seismic_address_to_string(seismic_wallet_address(app_wallet), address);
            snprintf(line, sizeof line, "connected to %s as %s (chain %llu, attempt %d)", url, address,
                     (unsigned long long)seismic_wallet_chain_id(app_wallet), attempt);
            app_log(SEISMIC_LOG_INFO, line, NULL);
            return true;
        }
        snprintf(line, sizeof line, "connect attempt %d of %d failed: %s", attempt, attempts, err.message);
        app_log(SEISMIC_LOG_WARN, line, NULL);
        seismic_client_destroy(app_client); /* a failed wallet creation has cleaned up after itself */
        if (attempt < attempts) sleep_ms(1000u * (unsigned)attempt); /* 1 s, 2 s, ... */
    }
    return false;
}

/* A signed read with the wrapper's timeout; prints its first decoded output as text after label. Signed,
   so the contract sees msg.sender = our address (an eth_call has none); the answer is encrypted to us. */
static bool app_print_signed_read(const seismic_address *contract, const char *signature, const char *label) {
    seismic_request_options opts = {0};
    seismic_error err = {0};
    seismic_buf text = {0};
    const seismic_abi_value *values;
    size_t count;
    opts.timeout_ms = 5000; /* this operation's deadline, shorter than the client's default */
    seismic_request req = seismic_contract_call(app_wallet, contract, SEISMIC_SIGNED_READ, signature, NULL, NULL, &opts);
    seismic_result r = seismic_response_abi(seismic_await_response(app_client, req, &err), &values, &count);
    if (r == SEISMIC_OK && seismic_abi_format_value(values, 1, false, &text) == SEISMIC_OK)
        printf("%s -> %s\n", label, seismic_buf_cstr(&text));
    else app_log(SEISMIC_LOG_ERROR, err.message, NULL);
    seismic_buf_free(&text);
    seismic_request_release(app_client, req);
    return r == SEISMIC_OK;
}

int main(void) {
    seismic_address counter = example_address("COUNTER_ADDRESS");
    const char *url = getenv("RPC_URL") ? getenv("RPC_URL") : "http://127.0.0.1:8545";
    if (!app_connect(url, example_env("PRIVATE_KEY"), 3)) return 1;
    bool ok = app_print_signed_read(&counter, "getNumber() returns (uint256)", "getNumber()") &&
              app_print_signed_read(&counter, "whoAmI() returns (address)", "whoAmI()   ");
    seismic_wallet_destroy(app_wallet);
    seismic_client_destroy(app_client);
    return ok ? 0 : 1;
}
