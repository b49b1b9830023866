/* libFuzzer target for chunked bodies: a fixed head, then the input as the body, fed whole and
   byte at a time; both must agree. Small limits are used when the first byte is odd. */
#define SEISMIC_IMPLEMENTATION /* the HTTP codec is internal */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

static const char head[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

/* Returns the verdict; *body_out gets a copy of the body when complete. */
static seismic_result run(const uint8_t *data, size_t len, size_t piece, bool small, seismic_buf *body_out, size_t *used) {
    _seismic_http_response r;
    seismic_error err;
    seismic_allocator allocator = {NULL, NULL, NULL};
    size_t consumed = 0, pos = 0;
    bool done = false;
    _seismic_http_response_init(&r, small ? 48 : 0, small ? 64 : 1 << 20, allocator);
    seismic_result result = _seismic_http_response_feed(&r, (const uint8_t *)head, sizeof head - 1, &consumed, &done, &err);
    FUZZ_ASSERT(result == SEISMIC_OK && !done && consumed == sizeof head - 1 && r.chunked);
    while (result == SEISMIC_OK && !done && pos < len) {
        size_t n = len - pos < piece ? len - pos : piece;
        result = _seismic_http_response_feed(&r, data + pos, n, &consumed, &done, &err);
        FUZZ_ASSERT(consumed <= n && (done || result || consumed == n));
        pos += consumed;
    }
    if (result == SEISMIC_OK && !done) {
        result = _seismic_http_response_eof(&r, &done, &err);
        FUZZ_ASSERT(result == SEISMIC_ERR_PARSE && !done); /* a chunked body never ends by closing */
    }
    if (result == SEISMIC_OK) {
        FUZZ_ASSERT(done && r.body.len <= r.max_body_bytes);
        seismic_buf_append(body_out, r.body.data, r.body.len);
    } else {
        FUZZ_ASSERT(err.result == result);
    }
    *used = pos;
    _seismic_http_response_free(&r);
    return result;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    bool small = size && (data[0] & 1);
    seismic_buf whole_body, byte_body;
    size_t whole_used, byte_used;
    memset(&whole_body, 0, sizeof whole_body);
    memset(&byte_body, 0, sizeof byte_body);
    seismic_result whole = run(data, size, size ? size : 1, small, &whole_body, &whole_used);
    seismic_result bytes = run(data, size, 1, small, &byte_body, &byte_used);
    FUZZ_ASSERT(whole == bytes);
    if (whole == SEISMIC_OK)
        FUZZ_ASSERT(whole_used == byte_used && whole_body.len == byte_body.len &&
                    (whole_body.len == 0 || memcmp(whole_body.data, byte_body.data, whole_body.len) == 0));
    seismic_buf_free(&whole_body);
    seismic_buf_free(&byte_body);
    return 0;
}
