/* Transport codecs: URLs, base64, the HTTP/1.1 response parser and request writer, WebSocket frames. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"

#include <stdlib.h>

/*---- helpers ----*/

/* An allocator that counts calls, to check what allocates and that everything goes through it. */
static size_t alloc_calls, free_calls;
static void *counting_alloc(size_t size, void *user_data) {
    (void)user_data;
    alloc_calls++;
    return malloc(size);
}
static void counting_free(void *ptr, void *user_data) {
    (void)user_data;
    free_calls++;
    free(ptr);
}
static seismic_allocator counting_allocator(void) {
    seismic_allocator a;
    a.alloc = counting_alloc;
    a.free = counting_free;
    a.user_data = NULL;
    return a;
}
static seismic_allocator default_allocator(void) {
    seismic_allocator a;
    memset(&a, 0, sizeof a);
    return a;
}

static bool contains(const char *haystack, const char *needle) { return strstr(haystack, needle) != NULL; }

static bool body_is(const _seismic_http_response *r, const char *expected) {
    return r->body.len == strlen(expected) && (r->body.len == 0 || memcmp(r->body.data, expected, r->body.len) == 0);
}

static seismic_result feed_str(_seismic_http_response *r, const char *text, size_t *consumed, bool *done, seismic_error *err) {
    return _seismic_http_response_feed(r, (const uint8_t *)text, strlen(text), consumed, done, err);
}

/* Feeds a whole response and expects it to complete with every byte consumed. */
static bool parse_ok(_seismic_http_response *r, const char *text) {
    size_t consumed = 0;
    bool done = false;
    seismic_error err;
    seismic_result res = feed_str(r, text, &consumed, &done, &err);
    if (res != SEISMIC_OK) fprintf(stderr, "  unexpected error: %s\n", err.message);
    return res == SEISMIC_OK && done && consumed == strlen(text);
}

/* Feeds text (in one piece) into a fresh parser and expects the given error with a message part. */
static void expect_http_error(const char *text, size_t max_header, size_t max_body, seismic_result expected, const char *what) {
    _seismic_http_response r;
    size_t consumed;
    bool done = true;
    seismic_error err;
    memset(&err, 0, sizeof err);
    _seismic_http_response_init(&r, max_header, max_body, default_allocator());
    seismic_result res = feed_str(&r, text, &consumed, &done, &err);
    bool ok = res == expected && err.result == expected && contains(err.message, what) && !done;
    CHECK(ok);
    if (!ok) fprintf(stderr, "  input %.60s: result %d, message \"%s\" (wanted \"%s\")\n", text, res, err.message, what);
    /* The parser stays failed. */
    CHECK(feed_str(&r, "HTTP/1.1 200 OK\r\n\r\n", &consumed, &done, &err) == SEISMIC_ERR_PARSE && consumed == 0);
    _seismic_http_response_free(&r);
}

/*---- URLs ----*/

static void expect_url_error(const char *text, seismic_result expected, const char *what) {
    seismic_url url;
    seismic_error err;
    memset(&err, 0, sizeof err);
    seismic_result res = seismic_url_parse(text, &url, &err);
    bool ok = res == expected && contains(err.message, what);
    CHECK(ok);
    if (!ok) fprintf(stderr, "  url %s: result %d, message \"%s\" (wanted \"%s\")\n", text, res, err.message, what);
}

static void test_url(void) {
    seismic_url u;
    seismic_error err;
    CHECK(seismic_url_parse("http://host", &u, &err) == SEISMIC_OK);
    CHECK(u.scheme == SEISMIC_URL_HTTP && !u.tls && !u.websocket && !u.ip_literal && u.port == 80);
    CHECK_STR(u.host, "host");
    CHECK_STR(u.path, "/");

    CHECK(seismic_url_parse("https://host:8443/rpc?x=1", &u, &err) == SEISMIC_OK);
    CHECK(u.scheme == SEISMIC_URL_HTTPS && u.tls && !u.websocket && u.port == 8443);
    CHECK_STR(u.path, "/rpc?x=1");

    CHECK(seismic_url_parse("ws://[::1]:8545/", &u, &err) == SEISMIC_OK);
    CHECK(u.scheme == SEISMIC_URL_WS && !u.tls && u.websocket && u.ip_literal && u.port == 8545);
    CHECK_STR(u.host, "::1");
    CHECK_STR(u.path, "/");

    CHECK(seismic_url_parse("WSS://Node.Example.com/ws/v1#fragment", &u, &err) == SEISMIC_OK);
    CHECK(u.scheme == SEISMIC_URL_WSS && u.tls && u.websocket && u.port == 443 && !u.ip_literal);
    CHECK_STR(u.host, "Node.Example.com");
    CHECK_STR(u.path, "/ws/v1");

    CHECK(seismic_url_parse("HtTp://host?x=1#y", &u, &err) == SEISMIC_OK);
    CHECK_STR(u.path, "/?x=1");
    CHECK(seismic_url_parse("http://host#only", &u, &err) == SEISMIC_OK);
    CHECK_STR(u.path, "/");
    CHECK(seismic_url_parse("http://host:65535", &u, &err) == SEISMIC_OK && u.port == 65535);
    CHECK(seismic_url_parse("https://host:1/", &u, &err) == SEISMIC_OK && u.port == 1);

    /* IP literals */
    CHECK(seismic_url_parse("http://127.0.0.1:8545", &u, &err) == SEISMIC_OK && u.ip_literal);
    CHECK_STR(u.host, "127.0.0.1");
    CHECK(seismic_url_parse("http://0.0.0.0", &u, &err) == SEISMIC_OK && u.ip_literal);
    CHECK(seismic_url_parse("http://255.255.255.255", &u, &err) == SEISMIC_OK && u.ip_literal);
    CHECK(seismic_url_parse("http://256.0.0.1", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://1.2.3", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://1.2.3.4.5", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://01.2.3.4", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://1234.2.3.4", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://1.2.3.4.example", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://1..3.4", &u, &err) == SEISMIC_OK && !u.ip_literal);
    CHECK(seismic_url_parse("http://[2001:db8::192.168.0.1]/", &u, &err) == SEISMIC_OK && u.ip_literal);
    CHECK_STR(u.host, "2001:db8::192.168.0.1");
    CHECK(seismic_url_parse("http://[1:2:3:4:5:6:7:8]", &u, &err) == SEISMIC_OK && u.ip_literal && u.port == 80);
    CHECK(seismic_url_parse("http://[::]", &u, &err) == SEISMIC_OK && u.ip_literal);
    CHECK(seismic_url_parse("http://[fe80::]:1", &u, &err) == SEISMIC_OK && u.port == 1);

    expect_url_error("ftp://host", SEISMIC_ERR_PARSE, "expected http");
    expect_url_error("host:8545", SEISMIC_ERR_PARSE, "expected http");
    expect_url_error("http:/host", SEISMIC_ERR_PARSE, "expected http");
    expect_url_error("http://user@host", SEISMIC_ERR_PARSE, "user info");
    expect_url_error("http://user:pw@host/", SEISMIC_ERR_PARSE, "user info");
    expect_url_error("http://host:0", SEISMIC_ERR_PARSE, "bad port \"0\"");
    expect_url_error("http://host:65536", SEISMIC_ERR_PARSE, "bad port \"65536\"");
    expect_url_error("http://host:123456", SEISMIC_ERR_PARSE, "bad port");
    expect_url_error("http://host:8a", SEISMIC_ERR_PARSE, "bad port \"8a\"");
    expect_url_error("http://host:-1", SEISMIC_ERR_PARSE, "bad port");
    expect_url_error("http://host:", SEISMIC_ERR_PARSE, "bad port");
    expect_url_error("http://host:80:81", SEISMIC_ERR_PARSE, "bad port");
    expect_url_error("http://", SEISMIC_ERR_PARSE, "empty host");
    expect_url_error("http:///path", SEISMIC_ERR_PARSE, "empty host");
    expect_url_error("http://:8545", SEISMIC_ERR_PARSE, "empty host");
    expect_url_error("http://[]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://ho st", SEISMIC_ERR_PARSE, "space character 0x20 at offset 9");
    expect_url_error(" http://host", SEISMIC_ERR_PARSE, "space");
    expect_url_error("http://host/a\tb", SEISMIC_ERR_PARSE, "control character 0x09 at offset 13");
    expect_url_error("http://host/\x7f", SEISMIC_ERR_PARSE, "control");
    expect_url_error("http://host/caf\xc3\xa9", SEISMIC_ERR_PARSE, "non-ASCII");
    expect_url_error("http://[::1", SEISMIC_ERR_PARSE, "unterminated '['");
    expect_url_error("http://[::1/x]", SEISMIC_ERR_PARSE, "unterminated '['");
    expect_url_error("http://[::1]x", SEISMIC_ERR_PARSE, "after ']'");
    expect_url_error("http://[1::2::3]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[1:2:3:4:5:6:7:8:9]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[1:2:3:4:5:6:7]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[12345::]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[:1::]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[1:]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[::1%25eth0]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[::300.1.1.1]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://[host]", SEISMIC_ERR_PARSE, "bad IPv6");
    expect_url_error("http://a!b", SEISMIC_ERR_PARSE, "invalid character '!' in the host at offset 8");

    char long_url[1200];
    strcpy(long_url, "http://");
    memset(long_url + 7, 'a', 256);
    long_url[7 + 256] = 0;
    expect_url_error(long_url, SEISMIC_ERR_CAPACITY, "host longer than 255");
    long_url[7 + 255] = 0;
    CHECK(seismic_url_parse(long_url, &u, &err) == SEISMIC_OK && strlen(u.host) == 255);
    strcpy(long_url, "http://h/");
    memset(long_url + 9, 'p', 1023);
    long_url[9 + 1023] = 0;
    expect_url_error(long_url, SEISMIC_ERR_CAPACITY, "path longer than 1023");
    long_url[9 + 1022] = 0;
    CHECK(seismic_url_parse(long_url, &u, &err) == SEISMIC_OK && strlen(u.path) == 1023);
    long_url[8] = '?'; /* the added "/" counts too */
    expect_url_error(long_url, SEISMIC_ERR_CAPACITY, "path longer");
}

/*---- base64 ----*/

static void test_base64(void) {
    static const char *const vectors[][2] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    char out[64];
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        size_t n = seismic_base64_encode(vectors[i][0], strlen(vectors[i][0]), out);
        CHECK(n == strlen(vectors[i][1]));
        CHECK_STR(out, vectors[i][1]);
        seismic_buf buf;
        memset(&buf, 0, sizeof buf);
        CHECK(seismic_base64_decode(vectors[i][1], strlen(vectors[i][1]), &buf) == SEISMIC_OK);
        CHECK(buf.len == strlen(vectors[i][0]) && (buf.len == 0 || memcmp(buf.data, vectors[i][0], buf.len) == 0));
        seismic_buf_free(&buf);
    }

    /* every byte value, every length mod 3 */
    uint8_t bytes[256];
    char text[4 * ((256 + 2) / 3) + 1];
    for (int i = 0; i < 256; i++) bytes[i] = (uint8_t)i;
    for (size_t len = 253; len <= 256; len++) {
        seismic_buf buf;
        memset(&buf, 0, sizeof buf);
        size_t n = seismic_base64_encode(bytes, len, text);
        CHECK(n == 4 * ((len + 2) / 3) && text[n] == 0);
        CHECK(seismic_base64_decode(text, n, &buf) == SEISMIC_OK && buf.len == len && memcmp(buf.data, bytes, len) == 0);
        seismic_buf_free(&buf);
    }
    seismic_base64_encode("\xfb\xff", 2, out);
    CHECK_STR(out, "+/8=");

    static const char *const bad[] = {"Zg=", "Zg", "Z", "Zh==", "Zm9=", "Z===", "====", "=Zg=", "Zg==Zg==", "Zm9v!A==", "Zm 9", "Zm9v\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        seismic_buf buf;
        memset(&buf, 0, sizeof buf);
        seismic_buf_append_str(&buf, "kept");
        CHECK(seismic_base64_decode(bad[i], strlen(bad[i]), &buf) == SEISMIC_ERR_PARSE);
        CHECK(buf.len == 4 && memcmp(buf.data, "kept", 4) == 0);
        seismic_buf_free(&buf);
    }
}

/*---- HTTP requests ----*/

static void test_http_request(void) {
    seismic_url url;
    seismic_buf out;
    memset(&out, 0, sizeof out);
    CHECK(seismic_url_parse("http://node:8545/rpc", &url, NULL) == SEISMIC_OK);
    _seismic_http_write_request(&out, "POST", &url, "application/json", "{}", 2, "X-A: 1\r\nX-B: 2\r\n");
    CHECK_STR(seismic_buf_cstr(&out),
              "POST /rpc HTTP/1.1\r\nHost: node:8545\r\nUser-Agent: seismic.h\r\nContent-Type: application/json\r\n"
              "Content-Length: 2\r\nX-A: 1\r\nX-B: 2\r\n\r\n{}");

    out.len = 0;
    CHECK(seismic_url_parse("https://node.example/?key=1", &url, NULL) == SEISMIC_OK);
    _seismic_http_write_request(&out, "GET", &url, NULL, NULL, 0, NULL);
    CHECK_STR(seismic_buf_cstr(&out), "GET /?key=1 HTTP/1.1\r\nHost: node.example\r\nUser-Agent: seismic.h\r\n\r\n");

    out.len = 0;
    CHECK(seismic_url_parse("http://[::1]:8545", &url, NULL) == SEISMIC_OK);
    _seismic_http_write_request(&out, "POST", &url, NULL, "", 0, NULL);
    CHECK_STR(seismic_buf_cstr(&out), "POST / HTTP/1.1\r\nHost: [::1]:8545\r\nUser-Agent: seismic.h\r\nContent-Length: 0\r\n\r\n");

    out.len = 0;
    CHECK(seismic_url_parse("https://[::1]:80/", &url, NULL) == SEISMIC_OK); /* 80 is not https's default */
    _seismic_http_write_request(&out, "GET", &url, NULL, NULL, 0, NULL);
    CHECK(contains(seismic_buf_cstr(&out), "Host: [::1]:80\r\n"));
    CHECK(!out.failed);
    seismic_buf_free(&out);
}

/*---- HTTP responses ----*/

static void test_http_basic(void) {
    _seismic_http_response r;
    size_t consumed;
    bool done;
    seismic_error err;
    _seismic_http_response_init(&r, 0, 0, default_allocator());
    CHECK(r.max_header_bytes == 16 * 1024 && r.max_body_bytes == 64 * 1024 * 1024);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-LENGTH:  5 \r\n\r\nhello"));
    CHECK(r.status == 200 && r.keep_alive && !r.chunked && r.content_length == 5 && body_is(&r, "hello"));
    CHECK(r.retry_after_ms == 0 && !r.upgrade_websocket && r.websocket_accept[0] == 0);

    /* feeding after completion consumes nothing */
    CHECK(feed_str(&r, "HTTP/1.1 200 OK\r\n", &consumed, &done, &err) == SEISMIC_OK && consumed == 0 && done);

    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.status == 200 && !r.keep_alive && body_is(&r, ""));

    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n") && !r.keep_alive);

    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    CHECK(!r.keep_alive && body_is(&r, "ok"));

    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"));
    CHECK(r.keep_alive);

    /* bare LF line endings, no reason phrase, identical repeated Content-Length */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200\nContent-Length: 3, 3\nContent-Length: 3\n\nabc"));
    CHECK(r.status == 200 && body_is(&r, "abc"));

    /* 204 and 304 have no body, even with a Content-Length */
    _seismic_http_response_reset(&r);
    CHECK(feed_str(&r, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1", &consumed, &done, &err) == SEISMIC_OK);
    CHECK(done && consumed == 27 && r.status == 204 && r.keep_alive && body_is(&r, ""));
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n") && r.status == 304);

    /* a response to HEAD has no body */
    _seismic_http_response_reset(&r);
    r.head_request = true;
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n") && r.content_length == 10 && body_is(&r, ""));
    _seismic_http_response_reset(&r);
    CHECK(!r.head_request);

    /* 429 with Retry-After */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.status == 429 && r.retry_after_ms == 2000);
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 503 Unavailable\r\nRetry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n"
                       "Date: Wed, 21 Oct 2015 07:27:30 GMT\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.status == 503 && r.retry_after_ms == 30000);
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 503 Unavailable\r\nDate: Wed, 21 Oct 2015 07:29:00 GMT\r\n"
                       "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.retry_after_ms == 0); /* already past */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 503 Unavailable\r\nRetry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.retry_after_ms == 1000); /* no Date: to compare with */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 503 Unavailable\r\nRetry-After: 99999999999999999999999\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.retry_after_ms == 1000); /* not a number that fits: not trusted */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 503 Unavailable\r\nRetry-After: 5000000\r\nContent-Length: 0\r\n\r\n"));
    CHECK(r.retry_after_ms == UINT32_MAX);

    /* HTTP-dates */
    CHECK(_seismic_http_parse_date((const uint8_t *)"Sun, 06 Nov 1994 08:49:37 GMT", 29) == 784111777);
    CHECK(_seismic_http_parse_date((const uint8_t *)"Thu, 01 Jan 1970 00:00:00 GMT", 29) == 0);
    CHECK(_seismic_http_parse_date((const uint8_t *)"Tue, 29 Feb 2028 23:59:59 GMT", 29) == 1835481599);
    CHECK(_seismic_http_parse_date((const uint8_t *)"Sun, 06 Nov 1994 08:49:37 UTC", 29) == -1);
    CHECK(_seismic_http_parse_date((const uint8_t *)"Sun, 06 Xyz 1994 08:49:37 GMT", 29) == -1);
    CHECK(_seismic_http_parse_date((const uint8_t *)"Sun, 06 Nov 1994 24:49:37 GMT", 29) == -1);
    CHECK(_seismic_http_parse_date((const uint8_t *)"Sunday, 06-Nov-94 08:49:37 GMT", 30) == -1);
    _seismic_http_response_free(&r);
}

static void test_http_chunked(void) {
    _seismic_http_response r;
    _seismic_http_response_init(&r, 0, 0, default_allocator());
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5;name=value;other\r\nhello\r\n"
                       "7 ; ext\r\n, world\r\n"
                       "0000000000000000000001\r\n!\r\n"
                       "0\r\nX-Trailer: 1\r\nX-Other: two\r\n\r\n"));
    CHECK(r.status == 200 && r.chunked && r.keep_alive && r.content_length == -1 && body_is(&r, "hello, world!"));

    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\nA\nabcdefghij\n0\n\n"));
    CHECK(body_is(&r, "abcdefghij"));

    /* chunked wins over Content-Length, but the connection is not reused */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"));
    CHECK(body_is(&r, "hi") && !r.keep_alive);
    _seismic_http_response_free(&r);
}

static void test_http_interim(void) {
    _seismic_http_response r;
    size_t consumed;
    bool done;
    seismic_error err;
    _seismic_http_response_init(&r, 0, 0, default_allocator());
    CHECK(parse_ok(&r, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX-A: b\r\n\r\n"
                       "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    CHECK(r.status == 200 && body_is(&r, "ok"));

    /* 101 completes at the end of its headers; the rest is WebSocket data */
    const char *upgrade = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    char text[256];
    snprintf(text, sizeof text, "%s\x81\x05Hello", upgrade);
    _seismic_http_response_reset(&r);
    CHECK(feed_str(&r, text, &consumed, &done, &err) == SEISMIC_OK);
    CHECK(done && consumed == strlen(upgrade) && r.status == 101 && r.upgrade_websocket);
    CHECK_STR(r.websocket_accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    _seismic_http_response_free(&r);
}

static void test_http_pipelined(void) {
    _seismic_http_response r;
    size_t consumed;
    bool done;
    seismic_error err;
    const char *two = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
                      "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nbye\r\n0\r\n\r\n";
    size_t first = strlen("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    _seismic_http_response_init(&r, 0, 0, default_allocator());
    CHECK(feed_str(&r, two, &consumed, &done, &err) == SEISMIC_OK && done && consumed == first);
    CHECK(r.status == 200 && body_is(&r, "hi"));
    _seismic_http_response_reset(&r);
    CHECK(feed_str(&r, two + first, &consumed, &done, &err) == SEISMIC_OK && done && consumed == strlen(two) - first);
    CHECK(r.status == 201 && body_is(&r, "bye"));
    _seismic_http_response_free(&r);
}

/* Every way of cutting the input into two pieces, and one byte at a time, gives the same result. */
static void check_all_splits(const char *text, int status, const char *body, bool needs_eof) {
    size_t len = strlen(text);
    int failures = 0;
    for (size_t split = 0; split <= len + 1; split++) {
        _seismic_http_response r;
        seismic_error err;
        bool done = false;
        size_t pos = 0, consumed = 0;
        seismic_result res = SEISMIC_OK;
        _seismic_http_response_init(&r, 0, 0, default_allocator());
        if (split <= len) { /* two pieces */
            res = _seismic_http_response_feed(&r, (const uint8_t *)text, split, &consumed, &done, &err);
            pos = consumed;
            if (res == SEISMIC_OK && !done) {
                res = _seismic_http_response_feed(&r, (const uint8_t *)text + pos, len - pos, &consumed, &done, &err);
                pos += consumed;
            }
        } else { /* byte at a time */
            while (res == SEISMIC_OK && !done && pos < len) {
                res = _seismic_http_response_feed(&r, (const uint8_t *)text + pos, 1, &consumed, &done, &err);
                pos += consumed;
            }
        }
        if (res == SEISMIC_OK && needs_eof) {
            if (done) res = SEISMIC_ERR_PARSE; /* must not complete before the close */
            else res = _seismic_http_response_eof(&r, &done, &err);
        }
        if (!(res == SEISMIC_OK && done && pos == len && r.status == status && body_is(&r, body))) failures++;
        _seismic_http_response_free(&r);
    }
    CHECK(failures == 0);
    if (failures) fprintf(stderr, "  %d split points failed for %.40s\n", failures, text);
}

static void test_http_splits(void) {
    check_all_splits("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Long-Header: aaaaaaaaaaaaaaaaaaaa\r\n\r\nhello world", 200,
                     "hello world", false);
    check_all_splits("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n",
                     200, "hello world", false);
    check_all_splits("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n", 200, "abc", false);
    check_all_splits("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nuntil the end", 200, "until the end", true);
}

static void test_http_eof(void) {
    _seismic_http_response r;
    size_t consumed;
    bool done;
    seismic_error err;
    _seismic_http_response_init(&r, 0, 0, default_allocator());

    /* close-delimited body */
    CHECK(feed_str(&r, "HTTP/1.1 200 OK\r\n\r\nsome", &consumed, &done, &err) == SEISMIC_OK && !done && consumed == 23);
    CHECK(feed_str(&r, " body", &consumed, &done, &err) == SEISMIC_OK && !done);
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_OK && done);
    CHECK(body_is(&r, "some body") && !r.keep_alive && r.content_length == -1);

    /* truncated Content-Length body */
    _seismic_http_response_reset(&r);
    CHECK(feed_str(&r, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", &consumed, &done, &err) == SEISMIC_OK && !done);
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_ERR_PARSE && !done);
    CHECK(contains(err.message, "connection closed after 3 of 10 body bytes"));
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_ERR_PARSE && !done); /* stays failed */

    /* truncated chunked body, headers, nothing at all */
    _seismic_http_response_reset(&r);
    CHECK(feed_str(&r, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", &consumed, &done, &err) == SEISMIC_OK);
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_ERR_PARSE && contains(err.message, "chunked body after 2 bytes"));
    _seismic_http_response_reset(&r);
    CHECK(feed_str(&r, "HTTP/1.1 200 OK\r\nContent-", &consumed, &done, &err) == SEISMIC_OK);
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_ERR_PARSE && contains(err.message, "inside the response headers"));
    _seismic_http_response_reset(&r);
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_ERR_PARSE && contains(err.message, "before a response"));

    /* eof after a complete response is fine */
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    CHECK(_seismic_http_response_eof(&r, &done, &err) == SEISMIC_OK && done);
    _seismic_http_response_free(&r);
}

static void test_http_errors(void) {
    expect_http_error("garbage\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line \"garbage\"");
    expect_http_error("HTTP/2 200 OK\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line");
    expect_http_error("HTTP/1.1 20 OK\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line");
    expect_http_error("HTTP/1.1 2000 OK\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line");
    expect_http_error("HTTP/1.1 600 OK\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line");
    expect_http_error("HTTP/1.1 200 O\x01K\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line \"HTTP/1.1 200 O?K\"");
    expect_http_error("\r\nHTTP/1.1 200 OK\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad status line");
    expect_http_error("HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad header line \"No colon\"");
    expect_http_error("HTTP/1.1 200 OK\r\nName : value\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad header line");
    expect_http_error("HTTP/1.1 200 OK\r\n: value\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad header line");
    expect_http_error("HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "obsolete line folding");
    expect_http_error("HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "control character in header");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE,
                      "conflicting Content-Length values 5 and 6");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "conflicting Content-Length");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad Content-Length");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad Content-Length");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad Content-Length");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "bad Content-Length");
    expect_http_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "unsupported Transfer-Encoding \"gzip\"");
    expect_http_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "unsupported Transfer-Encoding");
    expect_http_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 0, 0, SEISMIC_ERR_PARSE, "applied twice");
    expect_http_error("HTTP/1.1 101 Switching\r\nSec-WebSocket-Accept: "
                      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n",
                      0, 0, SEISMIC_ERR_PARSE, "Sec-WebSocket-Accept longer");

    const char *chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    char text[512];
    snprintf(text, sizeof text, "%szz\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "bad chunk size \"zz\"");
    snprintf(text, sizeof text, "%s\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "bad chunk size");
    snprintf(text, sizeof text, "%s5x\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "bad chunk size");
    snprintf(text, sizeof text, "%s-5\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "bad chunk size");
    snprintf(text, sizeof text, "%sffffffffffffffffff\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "chunk size \"ffffffffffffffffff\" overflows");
    snprintf(text, sizeof text, "%s10000000000000000\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "overflows");
    snprintf(text, sizeof text, "%sffffffffffffffff\r\n", chunked); /* fits 64 bits: a limit matter */
    expect_http_error(text, 0, 0, SEISMIC_ERR_CAPACITY, "chunked body over the 67108864-byte limit");
    snprintf(text, sizeof text, "%s3\r\nabcX\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "missing CRLF after chunk data (byte 0x58)");
    snprintf(text, sizeof text, "%s3\r\nabc\rX", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "missing CRLF after chunk data");
    snprintf(text, sizeof text, "%s3\r\nabc\r\n0\r\nbad trailer\r\n\r\n", chunked);
    expect_http_error(text, 0, 0, SEISMIC_ERR_PARSE, "bad header line \"bad trailer\"");

    /* limits: headers (cumulative, trailers included), chunk-size lines, bodies */
    expect_http_error("HTTP/1.1 200 OK\r\nX-Big: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n", 64, 0, SEISMIC_ERR_CAPACITY,
                      "response headers over the 64-byte limit");
    expect_http_error("HTTP/1.1 200 OK\r\nA: b\r\nC: d\r\nE: f\r\n\r\n", 30, 0, SEISMIC_ERR_CAPACITY, "over the 30-byte limit");
    expect_http_error("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n", 60, 0,
                      SEISMIC_ERR_CAPACITY, "response headers over");
    snprintf(text, sizeof text, "%s3;%0100d\r\nabc\r\n0\r\n\r\n", chunked, 0);
    expect_http_error(text, 64, 0, SEISMIC_ERR_CAPACITY, "chunk size line over the 64-byte limit");
    snprintf(text, sizeof text, "%s3\r\nabc\r\n0\r\nX-Trailer: %060d\r\n\r\n", chunked, 0);
    expect_http_error(text, 100, 0, SEISMIC_ERR_CAPACITY, "response headers over the 100-byte limit");
    expect_http_error("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world", 0, 10, SEISMIC_ERR_CAPACITY,
                      "Content-Length 11 over the 10-byte body limit");
    snprintf(text, sizeof text, "%s6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", chunked);
    expect_http_error(text, 0, 10, SEISMIC_ERR_CAPACITY, "chunked body over the 10-byte limit");
    expect_http_error("HTTP/1.1 200 OK\r\n\r\nhello world", 0, 10, SEISMIC_ERR_CAPACITY, "body over the 10-byte limit");
}

/* A whole head in one feed allocates nothing; a Content-Length body allocates once; reset keeps memory. */
static void test_http_allocation(void) {
    _seismic_http_response r;
    alloc_calls = free_calls = 0;
    _seismic_http_response_init(&r, 0, 0, counting_allocator());
    CHECK(parse_ok(&r, "HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n") && alloc_calls == 0);
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n") == false); /* body still to come */
    CHECK(alloc_calls == 1);
    static char body[1000];
    size_t consumed;
    bool done;
    memset(body, 'x', sizeof body);
    CHECK(_seismic_http_response_feed(&r, (const uint8_t *)body, sizeof body, &consumed, &done, NULL) == SEISMIC_OK && done);
    CHECK(alloc_calls == 1 && r.body.len == 1000);
    _seismic_http_response_reset(&r);
    CHECK(parse_ok(&r, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") && alloc_calls == 1 && body_is(&r, "hello"));
    _seismic_http_response_free(&r);
    CHECK(free_calls == alloc_calls);
}

/*---- WebSocket ----*/

static void test_ws_handshake(void) {
    char accept[29], key[25], key2[25];
    _seismic_ws_accept_for_key("dGhlIHNhbXBsZSBub25jZQ==", accept);
    CHECK_STR(accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

    CHECK(_seismic_ws_make_key(key) == SEISMIC_OK && strlen(key) == 24 && key[22] == '=' && key[23] == '=');
    CHECK(_seismic_ws_make_key(key2) == SEISMIC_OK && strcmp(key, key2) != 0);
    seismic_buf decoded;
    memset(&decoded, 0, sizeof decoded);
    CHECK(seismic_base64_decode(key, 24, &decoded) == SEISMIC_OK && decoded.len == 16);
    seismic_buf_free(&decoded);

    seismic_url url;
    seismic_buf out;
    memset(&out, 0, sizeof out);
    CHECK(seismic_url_parse("wss://node.example:8546/ws?x=1", &url, NULL) == SEISMIC_OK);
    _seismic_ws_write_handshake(&out, &url, "dGhlIHNhbXBsZSBub25jZQ==");
    CHECK_STR(seismic_buf_cstr(&out), "GET /ws?x=1 HTTP/1.1\r\nHost: node.example:8546\r\nUser-Agent: seismic.h\r\n"
                                      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                      "Sec-WebSocket-Version: 13\r\n\r\n");
    seismic_buf_free(&out);
}

static void test_ws_write(void) {
    static const uint8_t mask[4] = {0x37, 0xfa, 0x21, 0x3d};
    seismic_buf out;
    memset(&out, 0, sizeof out);
    /* RFC 6455 §5.7: a single-frame masked text message and a masked pong */
    _seismic_ws_write_frame(&out, _SEISMIC_WS_TEXT, true, "Hello", 5, mask);
    CHECK_HEX(out.data, out.len, "818537fa213d7f9f4d5158");
    out.len = 0;
    _seismic_ws_write_frame(&out, _SEISMIC_WS_PONG, true, "Hello", 5, mask);
    CHECK_HEX(out.data, out.len, "8a8537fa213d7f9f4d5158");
    out.len = 0;
    _seismic_ws_write_frame(&out, _SEISMIC_WS_TEXT, false, "", 0, mask);
    CHECK_HEX(out.data, out.len, "018037fa213d");

    /* 16- and 64-bit lengths; random masks undo to the payload */
    static uint8_t payload[65536];
    for (size_t i = 0; i < sizeof payload; i++) payload[i] = (uint8_t)(i * 7);
    size_t sizes[] = {125, 126, 256, 65535, 65536};
    size_t header_sizes[] = {6, 8, 8, 8, 14};
    for (size_t k = 0; k < 5; k++) {
        out.len = 0;
        _seismic_ws_write_frame(&out, _SEISMIC_WS_BINARY, true, payload, sizes[k], NULL);
        size_t h = header_sizes[k];
        CHECK(out.len == h + sizes[k] && out.data[0] == 0x82 && (out.data[1] & 0x80));
        const uint8_t *key = out.data + h - 4;
        bool same = true;
        for (size_t i = 0; i < sizes[k]; i++) same = same && (uint8_t)(out.data[h + i] ^ key[i & 3]) == payload[i];
        CHECK(same);
    }
    CHECK_HEX(out.data, 10, "82ff0000000000010000");
    out.len = 0;
    _seismic_ws_write_frame(&out, _SEISMIC_WS_BINARY, true, payload, 256, mask);
    CHECK_HEX(out.data, 8, "82fe010037fa213d");
    seismic_buf_free(&out);
}

/* Feeds a stream in pieces of the given size, collecting events as "type:opcode:payload" strings. */
static seismic_result ws_collect(_seismic_ws_parser *p, const uint8_t *data, size_t len, size_t piece, char *log, size_t log_cap,
                                 seismic_error *err) {
    size_t pos = 0;
    log[0] = 0;
    while (pos < len) {
        size_t n = len - pos < piece ? len - pos : piece, consumed;
        _seismic_ws_event ev;
        seismic_result res = _seismic_ws_parser_feed(p, data + pos, n, &consumed, &ev, err);
        if (res) return res;
        pos += consumed;
        if (ev.type != _SEISMIC_WS_EVENT_NONE) {
            size_t at = strlen(log);
            snprintf(log + at, log_cap - at, "%d:%d:%u:%.*s|", (int)ev.type, ev.opcode, (unsigned)ev.close_code,
                     (int)(ev.len > 20 ? 20 : ev.len), (const char *)ev.payload);
        }
        if (ev.type == _SEISMIC_WS_EVENT_NONE && consumed < n) return SEISMIC_ERR_INVALID_ARGUMENT; /* stalled */
    }
    return SEISMIC_OK;
}

static void test_ws_parse_rfc(void) {
    /* RFC 6455 §5.7: unmasked "Hello"; "Hel" + "lo" fragmented, with a ping between the fragments;
       unmasked ping "Hello"; a close with code and reason; a close without payload. */
    static const uint8_t stream[] = {
        0x81, 0x05, 'H', 'e', 'l', 'l', 'o',
        0x01, 0x03, 'H', 'e', 'l',
        0x89, 0x02, 'p', '1',
        0x80, 0x02, 'l', 'o',
        0x89, 0x05, 'H', 'e', 'l', 'l', 'o',
        0x8a, 0x00,
        0x88, 0x04, 0x03, 0xe8, 'o', 'k',
        0x88, 0x00,
    };
    const char *expected = "1:1:0:Hello|2:9:0:p1|1:1:0:Hello|2:9:0:Hello|3:10:0:|4:8:1000:ok|4:8:1005:|";
    char log[512];
    seismic_error err;
    for (size_t piece = 1; piece <= sizeof stream; piece++) {
        _seismic_ws_parser p;
        _seismic_ws_parser_init(&p, 0, default_allocator());
        CHECK(p.max_message_bytes == 64 * 1024 * 1024);
        seismic_result res = ws_collect(&p, stream, sizeof stream, piece, log, sizeof log, &err);
        bool ok = res == SEISMIC_OK && strcmp(log, expected) == 0;
        CHECK(ok);
        if (!ok) fprintf(stderr, "  piece %zu: result %d %s, log %s\n", piece, res, err.message, log);
        _seismic_ws_parser_free(&p);
    }

    /* 256-byte and 64 KiB binary messages with 16- and 64-bit lengths, fed whole and byte at a time */
    static uint8_t big[14 + 65536];
    for (int byte_at_a_time = 0; byte_at_a_time < 2; byte_at_a_time++) {
        for (int large = 0; large < 2; large++) {
            size_t n = large ? 65536 : 256, h = large ? 10 : 4;
            memset(big, 0, sizeof big);
            big[0] = 0x82;
            if (large) big[1] = 0x7f, big[7] = 0x01;
            else big[1] = 0x7e, big[2] = 0x01;
            for (size_t i = 0; i < n; i++) big[h + i] = (uint8_t)i;
            _seismic_ws_parser p;
            _seismic_ws_parser_init(&p, 0, default_allocator());
            size_t pos = 0, events = 0;
            bool fed = true;
            _seismic_ws_event ev;
            memset(&ev, 0, sizeof ev);
            while (fed && pos < h + n) {
                size_t consumed;
                size_t piece = byte_at_a_time ? 1 : h + n - pos;
                fed = _seismic_ws_parser_feed(&p, big + pos, piece, &consumed, &ev, &err) == SEISMIC_OK;
                pos += consumed;
                if (ev.type) {
                    events++;
                    break;
                }
            }
            CHECK(fed && events == 1 && pos == h + n && ev.type == _SEISMIC_WS_EVENT_MESSAGE && ev.opcode == _SEISMIC_WS_BINARY);
            CHECK(ev.len == n && memcmp(ev.payload, big + h, n) == 0);
            _seismic_ws_parser_free(&p);
        }
    }

    /* UTF-8 split across fragments is judged on the whole message */
    static const uint8_t euro[] = {0x01, 0x01, 0xe2, 0x80, 0x02, 0x82, 0xac};
    _seismic_ws_parser p;
    _seismic_ws_parser_init(&p, 0, default_allocator());
    CHECK(ws_collect(&p, euro, sizeof euro, 1, log, sizeof log, &err) == SEISMIC_OK);
    CHECK_STR(log, "1:1:0:\xe2\x82\xac|");
    _seismic_ws_parser_free(&p);

    /* a message of exactly the limit is fine */
    static const uint8_t four[] = {0x82, 0x04, 1, 2, 3, 4};
    _seismic_ws_parser_init(&p, 4, default_allocator());
    CHECK(ws_collect(&p, four, sizeof four, 6, log, sizeof log, &err) == SEISMIC_OK && strlen(log) > 0);
    _seismic_ws_parser_free(&p);
}

static void expect_ws_error(const uint8_t *data, size_t len, size_t max, seismic_result expected, const char *what) {
    _seismic_ws_parser p;
    seismic_error err;
    char log[256];
    memset(&err, 0, sizeof err);
    size_t pieces[2] = {1, len}; /* byte at a time, and whole */
    for (int k = 0; k < 2; k++) {
        size_t piece = pieces[k];
        _seismic_ws_parser_init(&p, max, default_allocator());
        seismic_result res = ws_collect(&p, data, len, piece, log, sizeof log, &err);
        bool ok = res == expected && err.result == expected && contains(err.message, what);
        CHECK(ok);
        if (!ok) fprintf(stderr, "  ws error (piece %zu): result %d, message \"%s\" (wanted \"%s\")\n", piece, res, err.message, what);
        /* the parser stays failed */
        size_t consumed;
        _seismic_ws_event ev;
        static const uint8_t ping[] = {0x89, 0x00};
        CHECK(_seismic_ws_parser_feed(&p, ping, 2, &consumed, &ev, &err) == SEISMIC_ERR_PARSE && ev.type == _SEISMIC_WS_EVENT_NONE);
        _seismic_ws_parser_free(&p);
    }
}

#define WS_ERROR(max, expected, what, ...)                                                   \
    do {                                                                                     \
        static const uint8_t frames_[] = {__VA_ARGS__};                                      \
        expect_ws_error(frames_, sizeof frames_, (max), (expected), (what));                 \
    } while (0)

static void test_ws_errors(void) {
    WS_ERROR(0, SEISMIC_ERR_PARSE, "reserved bits 0x40", 0xc1, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "reserved bits 0x10", 0x91, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "unknown opcode 0x3", 0x83, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "unknown opcode 0xb", 0x8b, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "masked frame", 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "control frame longer than 125", 0x89, 0x7e, 0x00, 0x7e);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "fragmented control frame", 0x09, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "continuation frame without a started message", 0x80, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "continuation frame without", 0x81, 0x01, 'a', 0x80, 0x00);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "new data frame inside a fragmented message", 0x01, 0x01, 'a', 0x81, 0x01, 'b');
    WS_ERROR(0, SEISMIC_ERR_PARSE, "top bit set", 0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0);
    WS_ERROR(10, SEISMIC_ERR_CAPACITY, "message of 11+ bytes over the 10-byte limit", 0x82, 0x0b); /* before the payload */
    WS_ERROR(10, SEISMIC_ERR_CAPACITY, "over the 10-byte limit", 0x02, 0x06, 1, 2, 3, 4, 5, 6, 0x80, 0x05);
    WS_ERROR(0, SEISMIC_ERR_CAPACITY, "over the 67108864-byte limit", 0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "text message of 2 bytes is not valid UTF-8", 0x81, 0x02, 0xc3, 0x28);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "not valid UTF-8", 0x81, 0x02, 0xc0, 0x80);             /* overlong */
    WS_ERROR(0, SEISMIC_ERR_PARSE, "not valid UTF-8", 0x81, 0x03, 0xed, 0xa0, 0x80);       /* surrogate */
    WS_ERROR(0, SEISMIC_ERR_PARSE, "not valid UTF-8", 0x01, 0x01, 0xe2, 0x80, 0x01, 0x82); /* truncated */
    WS_ERROR(0, SEISMIC_ERR_PARSE, "close frame with a 1-byte payload", 0x88, 0x01, 0x03);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "bad close code 1005", 0x88, 0x02, 0x03, 0xed);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "bad close code 999", 0x88, 0x02, 0x03, 0xe7);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "bad close code 1004", 0x88, 0x02, 0x03, 0xec);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "bad close code 2999", 0x88, 0x02, 0x0b, 0xb7);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "bad close code 5000", 0x88, 0x02, 0x13, 0x88);
    WS_ERROR(0, SEISMIC_ERR_PARSE, "close reason is not valid UTF-8", 0x88, 0x03, 0x03, 0xe8, 0xff);

    /* binary messages need not be UTF-8; good close codes pass */
    static const uint8_t fine[] = {0x82, 0x02, 0xc3, 0x28, 0x88, 0x02, 0x0f, 0xa0};
    _seismic_ws_parser p;
    seismic_error err;
    char log[128];
    _seismic_ws_parser_init(&p, 0, default_allocator());
    CHECK(ws_collect(&p, fine, sizeof fine, sizeof fine, log, sizeof log, &err) == SEISMIC_OK);
    CHECK(contains(log, "4:8:4000:|"));
    _seismic_ws_parser_free(&p);
}

int main(void) {
    test_url();
    test_base64();
    test_http_request();
    test_http_basic();
    test_http_chunked();
    test_http_interim();
    test_http_pipelined();
    test_http_splits();
    test_http_eof();
    test_http_errors();
    test_http_allocation();
    test_ws_handshake();
    test_ws_write();
    test_ws_parse_rfc();
    test_ws_errors();
    return test_summary();
}
