/* The TLS policy against real servers (tools/tls-policy-servers.js: openssl s_server with certificates
   from the test CA, started by tools/testenv/testenv.js): by default TLS 1.2 with ECDHE and an AEAD suite,
   certificates signed with SHA-256 or better, RSA keys of 2048+ bits, the host name in a
   subjectAltName. Each weak server is refused with a clear TLS error, and accepted with
   tls_allow_legacy (its answer names the cipher it negotiated). Also: a close-delimited HTTP body over
   TLS ends with close_notify; a bare TCP close in its place is a truncation. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "support.h"

/* The policy servers listen on 127.0.0.1 only; their certificates are for localhost. */
static int resolve_ipv4(const char *host, char *ip, size_t cap, void *user) {
    (void)host;
    (void)user;
    snprintf(ip, cap, "127.0.0.1");
    return 0;
}

static seismic_client *client_for(const char *url, bool legacy, seismic_error *err) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = url;
    d.ca_file = env("SEISMIC_TEST_CA_FILE");
    d.tls_allow_legacy = legacy;
    d.resolver.resolve = resolve_ipv4;
    d.timeout_ms = 10000;
    d.disable_retries = true;
    return seismic_client_create(&d, err);
}

/* One eth_chainId call; the result (or the error message) into text. */
static seismic_result call(const char *url, bool legacy, char *text, size_t cap) {
    seismic_error err = {"", SEISMIC_OK};
    seismic_client *c = client_for(url, legacy, &err);
    if (!c) {
        snprintf(text, cap, "create: %s", err.message);
        return err.result ? err.result : SEISMIC_ERR_INVALID_ARGUMENT;
    }
    seismic_buf out;
    memset(&out, 0, sizeof out);
    seismic_result r = seismic_rpc_call(c, "eth_chainId", "[]", &out, &err);
    snprintf(text, cap, "%s", r == SEISMIC_OK ? seismic_buf_cstr(&out) : err.message);
    seismic_buf_free(&out);
    seismic_client_destroy(c);
    return r;
}

/* A weak server: refused by default with SEISMIC_ERR_TLS and a message naming why; accepted with
   tls_allow_legacy, where the server's answer is the cipher it negotiated. */
static void refused_then_relaxed(const char *name, const char *why, const char *legacy_cipher) {
    char var[64], text[200];
    snprintf(var, sizeof var, "SEISMIC_TEST_TLS_POLICY_%s", name);
    const char *url = env(var);
    seismic_result r = call(url, false, text, sizeof text);
    bool clear = r == SEISMIC_ERR_TLS && strstr(text, "TLS: ") && strstr(text, why);
    if (!clear) fprintf(stderr, "%s (strict): %s: %s\n  expected a TLS error naming \"%s\"\n", name, seismic_result_string(r), text, why);
    CHECK(clear);
    printf("%-8s strict:  %s\n", name, text);
    r = call(url, true, text, sizeof text);
    bool ok = r == SEISMIC_OK && strstr(text, legacy_cipher) != NULL;
    if (!ok) fprintf(stderr, "%s (tls_allow_legacy): %s: %s\n", name, seismic_result_string(r), text);
    CHECK(ok);
    printf("%-8s legacy:  negotiated %s\n", name, text);
}

static void test_policy(void) {
    char text[200];
    /* the strict policy's own successes: RSA 2048 and P-256 leaves, ECDHE with AES-GCM */
    CHECK(call(env("SEISMIC_TEST_TLS_POLICY_GOOD"), false, text, sizeof text) == SEISMIC_OK && strstr(text, "ECDHE-RSA-") &&
          (strstr(text, "GCM") || strstr(text, "CHACHA20")));
    printf("good     strict:  negotiated %s\n", text);
    CHECK(call(env("SEISMIC_TEST_TLS_POLICY_EC"), false, text, sizeof text) == SEISMIC_OK && strstr(text, "ECDHE-ECDSA-") &&
          (strstr(text, "GCM") || strstr(text, "CHACHA20")));
    printf("ec       strict:  negotiated %s\n", text);
    refused_then_relaxed("TLS10", "nothing in common with TLS 1.2, ECDHE+AEAD, SHA-256+", "ECDHE-RSA-AES128-SHA");
    refused_then_relaxed("TLS11", "nothing in common with TLS 1.2, ECDHE+AEAD, SHA-256+", "ECDHE-RSA-AES128-SHA");
    refused_then_relaxed("RSAKX", "nothing in common with TLS 1.2, ECDHE+AEAD, SHA-256+", "AES128-GCM-SHA256");
    refused_then_relaxed("CBC", "nothing in common with TLS 1.2, ECDHE+AEAD, SHA-256+", "ECDHE-RSA-AES128-SHA");
    refused_then_relaxed("SHA1KX", "nothing in common with TLS 1.2, ECDHE+AEAD, SHA-256+", "ECDHE-RSA-");
    refused_then_relaxed("SHA1", "SHA-1", "ECDHE-RSA-");
    refused_then_relaxed("RSA1024", "below 2048 bits", "ECDHE-RSA-");
    refused_then_relaxed("CNONLY", "only in the certificate's CN", "ECDHE-RSA-");
}

/* The host-name check the policy adds: dNSName entries of a certificate's subjectAltName. */
static void test_san_matching(void) {
    static const uint8_t a[] = "localhost", w[] = "*.example.com", up[] = "LocalHost";
    CHECK(_seismic_x509_name_matches(a, 9, "localhost"));
    CHECK(_seismic_x509_name_matches(up, 9, "localhost"));
    CHECK(!_seismic_x509_name_matches(a, 9, "localhost.example"));
    CHECK(!_seismic_x509_name_matches(a, 8, "localhost"));
    CHECK(_seismic_x509_name_matches(w, 13, "node.example.com"));
    CHECK(!_seismic_x509_name_matches(w, 13, "a.node.example.com"));
    CHECK(!_seismic_x509_name_matches(w, 13, "example.com"));
    CHECK(!_seismic_x509_name_matches(w, 13, "examplecom"));
    CHECK(!_seismic_x509_san_matches(NULL, 0, "localhost"));
    static const uint8_t truncated[] = {0x30, 0x82, 0xff, 0xff, 0x30};
    CHECK(!_seismic_x509_san_matches(truncated, sizeof truncated, "localhost"));
    /* real certificates (the fuzz target's seeds): SAN DNS:localhost, and CN=localhost without a SAN */
    static const char *const files[] = {"tests/fuzz/corpus/x509_san/localhost.der", "tests/fuzz/corpus/x509_san/cn-only.der"};
    for (int i = 0; i < 2; i++) {
        uint8_t der[4096];
        FILE *f = fopen(files[i], "rb");
        size_t n = f ? fread(der, 1, sizeof der, f) : 0;
        if (f) fclose(f);
        CHECK(n > 500);
        CHECK(_seismic_x509_san_matches(der, n, "localhost") == (i == 0));
        CHECK(!_seismic_x509_san_matches(der, n, "localhost.example"));
        for (size_t cut = 0; cut < n; cut += 7) CHECK(!_seismic_x509_san_matches(der, cut, "localhost")); /* truncated */
    }
}

/* A close-delimited body (no Content-Length) over TLS. */
static void test_close_notify(void) {
    char url[256], text[200];
    const char *base = env("SEISMIC_TEST_TLS_FAULT_HTTPS");
    snprintf(url, sizeof url, "%s/close-delimited", base);
    seismic_result r = call(url, false, text, sizeof text);
    CHECK(r == SEISMIC_OK && strcmp(text, "\"0x1\"") == 0);
    if (r) fprintf(stderr, "close_notify: %s: %s\n", seismic_result_string(r), text);
    snprintf(url, sizeof url, "%s/close-delimited-no-notify", base);
    r = call(url, false, text, sizeof text);
    CHECK(r == SEISMIC_ERR_TRANSPORT && strstr(text, "without close_notify") && strstr(text, "truncated"));
    printf("bare TCP close after a close-delimited body: %s: %s\n", seismic_result_string(r), text);
    /* over plain HTTP the end of the connection is the end of such a body */
    snprintf(url, sizeof url, "%s/close-delimited-no-notify", env("SEISMIC_TEST_FAULT_HTTP"));
    CHECK(call(url, false, text, sizeof text) == SEISMIC_OK && strcmp(text, "\"0x1\"") == 0);
    snprintf(url, sizeof url, "%s/close-delimited", env("SEISMIC_TEST_FAULT_HTTP"));
    CHECK(call(url, false, text, sizeof text) == SEISMIC_OK && strcmp(text, "\"0x1\"") == 0);
}

/* A server that reads the ClientHello and closes the TCP connection: the handshake never finishes. The
   server is this loop's own listener, served between turns of the client's loop. */
static void test_close_during_handshake(void) {
    unsigned port = 0;
    _seismic_sock_t listener = test_listen(&port), peer = _SEISMIC_NO_SOCK;
    if (listener == _SEISMIC_NO_SOCK) return;
    char url[64];
    snprintf(url, sizeof url, "https://localhost:%u", port);
    seismic_error err = {"", SEISMIC_OK};
    seismic_client *c = client_for(url, false, &err);
    CHECK(c != NULL);
    if (!c) {
        _seismic_sock_close(listener);
        return;
    }
    seismic_request q = seismic_rpc(c, "eth_chainId", "[]", NULL);
    bool hello_read = false;
    uint64_t end = now_ms() + 15000;
    while (!seismic_request_done(c, q) && now_ms() < end) {
        seismic_client_run(c, 5);
        if (peer == _SEISMIC_NO_SOCK) peer = test_accept(listener);
        char hello[512];
        if (peer != _SEISMIC_NO_SOCK && !hello_read && test_recv(peer, hello, sizeof hello) > 0) {
            hello_read = true;
            _seismic_sock_close(peer);
        }
    }
    const seismic_response *r = seismic_request_response(c, q);
    CHECK(hello_read);
    CHECK(r && r->result == SEISMIC_ERR_TRANSPORT && r->error_message && strstr(r->error_message, "during the handshake"));
    printf("bare TCP close during the handshake: %s: %s\n", r ? seismic_result_string(r->result) : "(no answer)",
           r && r->error_message ? r->error_message : "");
    seismic_request_release(c, q);
    seismic_client_destroy(c);
    if (peer != _SEISMIC_NO_SOCK && !hello_read) _seismic_sock_close(peer);
    _seismic_sock_close(listener);
}

int main(void) {
    CHECK(_seismic_net_startup(NULL)); /* the test's own listener (WSAStartup on Windows) */
    test_san_matching();
    test_close_during_handshake();
    test_policy();
    test_close_notify();
    _seismic_net_cleanup();
    return test_summary();
}
