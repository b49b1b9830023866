/* End-to-end Seismic throughput against the dev node: shielded writes per second (setNumber, gas
   given, all receipts awaited) and signed reads per second (getNumber, decrypted), with client CPU
   per operation. bench/run.sh runs it next to the same flow in JavaScript (bench/js_seismic.mjs).
     build/bench/seismic_e2e URL WRITES READS CONCURRENCY
   Prints one JSON line per phase. */
#include "seismic.h"

#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct phase {
    seismic_wallet *wallet;
    seismic_address counter;
    bool writes;
    long next, total, done, errors;
    seismic_request *hashes; /* writes: the receipts still to wait for */
} phase;

static void submit(phase *p);

static void on_done(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    phase *p = (phase *)user_data;
    (void)c;
    (void)req;
    if (resp->result != SEISMIC_OK) {
        if (p->errors++ < 3) fprintf(stderr, "error: %s\n", resp->error_message);
    }
    p->done++;
    if (p->next < p->total) submit(p);
}

static void submit(phase *p) {
    seismic_tx_options tx;
    seismic_request_options o;
    seismic_abi_args args = {0};
    memset(&tx, 0, sizeof tx);
    memset(&o, 0, sizeof o);
    tx.gas = 200000; /* given, as in the JavaScript flow: no estimate round trip */
    o.callback = on_done;
    o.user_data = p;
    seismic_abi_arg_int(&args, p->next++);
    seismic_request r = p->writes ? seismic_contract_call(p->wallet, &p->counter, SEISMIC_SHIELDED_WRITE, "setNumber(suint256)",
                                                          &args, &tx, &o)
                                  : seismic_contract_call(p->wallet, &p->counter, SEISMIC_SIGNED_READ,
                                                          "getNumber() returns (uint256)", NULL, NULL, &o);
    seismic_abi_args_free(&args);
    if (!r.id) {
        p->errors++;
        p->done++;
    }
}

static void run_phase(seismic_client *c, phase *p, long concurrency, const char *name) {
    double t0 = now_s(), c0 = cpu_s();
    for (long i = 0; i < concurrency && i < p->total; i++) submit(p);
    seismic_client_wait_idle(c, 600000);
    if (p->writes) { /* all mined: wait for the receipt of the last nonce */
        uint64_t nonce = 0;
        seismic_error err;
        for (int tries = 0; tries < 600; tries++) {
            seismic_await_u64(c, seismic_eth_get_transaction_count(c, seismic_wallet_address(p->wallet), NULL, NULL), &nonce,
                              &err);
            uint64_t pending = 0;
            seismic_block_ref tag = seismic_block_at_tag(SEISMIC_BLOCK_PENDING);
            seismic_await_u64(c, seismic_eth_get_transaction_count(c, seismic_wallet_address(p->wallet), &tag, NULL),
                              &pending, &err);
            if (nonce == pending) break;
            seismic_client_run(c, 50);
        }
    }
    double seconds = now_s() - t0, cpu = cpu_s() - c0;
    printf("{\"client\":\"seismic.h\",\"phase\":\"%s\",\"ops\":%ld,\"seconds\":%.3f,\"opsPerSecond\":%.0f,"
           "\"cpuMsPerOp\":%.4f,\"errors\":%ld}\n",
           name, p->total, seconds, (double)p->total / seconds, cpu * 1000.0 / (double)p->total, p->errors);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s URL WRITES READS CONCURRENCY\n", argv[0]);
        return 1;
    }
    seismic_client_desc d;
    seismic_error err;
    memset(&d, 0, sizeof d);
    d.url = argv[1];
    d.max_requests = 16384;
    d.timeout_ms = 120000;
    seismic_client *c = seismic_client_create(&d, &err);
    if (!c) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    seismic_wallet_desc wd;
    memset(&wd, 0, sizeof wd);
    wd.private_key = getenv("PRIVATE_KEY") ? getenv("PRIVATE_KEY")
                                           : "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    seismic_wallet *w = seismic_wallet_create_blocking(c, &wd, &err);
    if (!w) {
        fprintf(stderr, "wallet: %s\n", err.message);
        return 1;
    }
    /* deploy the counter from the dev node's artifacts */
    FILE *f = fopen("tools/testenv/devnode/contracts/artifacts.json", "rb");
    if (!f) {
        fprintf(stderr, "run from the repository root (tools/testenv/devnode/contracts/artifacts.json)\n");
        return 1;
    }
    seismic_buf text = {0}, code = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(&text, chunk, n);
    fclose(f);
    size_t cap = text.len / 2 + 16;
    seismic_json_token *tokens = (seismic_json_token *)malloc(cap * sizeof *tokens);
    seismic_json j;
    uint64_t nonce = 0;
    if (!tokens || seismic_json_parse(&j, (const char *)text.data, text.len, tokens, cap, &err) ||
        seismic_json_get_bytes_buf(&j, seismic_json_find(&j, seismic_json_find(&j, seismic_json_find(&j, 0, "contracts"),
                                                                                  "SeismicCounter"),
                                                         "bytecode"),
                                   &code) ||
        seismic_await_u64(c, seismic_eth_get_transaction_count(c, seismic_wallet_address(w), NULL, NULL), &nonce, &err) ||
        seismic_await(c, seismic_transparent_write(w, NULL, code.data, code.len, NULL, NULL), NULL, &err)) {
        fprintf(stderr, "deploying the counter: %s\n", err.message);
        return 1;
    }
    phase p;
    memset(&p, 0, sizeof p);
    p.wallet = w;
    seismic_contract_address(seismic_wallet_address(w), nonce, &p.counter);
    long concurrency = atol(argv[4]);
    p.writes = true;
    p.total = atol(argv[2]);
    run_phase(c, &p, concurrency, "shielded-writes");
    long errors = p.errors;
    p.writes = false;
    p.next = p.done = p.errors = 0;
    p.total = atol(argv[3]);
    run_phase(c, &p, concurrency, "signed-reads");
    errors += p.errors;
    free(tokens);
    seismic_buf_free(&text);
    seismic_buf_free(&code);
    seismic_wallet_destroy(w);
    seismic_client_destroy(c);
    return errors ? 1 : 0;
}
