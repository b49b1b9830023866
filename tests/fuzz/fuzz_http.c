/* libFuzzer target for the HTTP/1.1 response parser. The first 9 bytes choose the options (HEAD,
   small limits) and a cycle of 8 piece sizes; the rest is fed in those pieces, pipelined responses
   one after another, then end of stream. The same input fed in one piece must give the same
   responses and the same verdict. */
#define SEISMIC_IMPLEMENTATION /* the HTTP codec is internal */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

typedef struct summary {
    seismic_result result;
    size_t responses;
    uint64_t hash; /* FNV-1a over statuses, flags and bodies */
} summary;

static void hash_bytes(uint64_t *h, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    for (size_t i = 0; i < len; i++) *h = (*h ^ p[i]) * 0x100000001b3ull;
}

static void check_complete(const _seismic_http_response *r, bool head, summary *s) {
    FUZZ_ASSERT(r->body.len <= r->max_body_bytes);
    FUZZ_ASSERT(strlen(r->websocket_accept) < sizeof r->websocket_accept);
    FUZZ_ASSERT(r->status >= 101 && r->status <= 599);
    bool no_body = head || r->status == 101 || r->status == 204 || r->status == 304;
    if (no_body) FUZZ_ASSERT(r->body.len == 0);
    else if (!r->chunked && r->content_length >= 0) FUZZ_ASSERT(r->body.len == (uint64_t)r->content_length);
    int flags = r->keep_alive | r->chunked << 1 | r->upgrade_websocket << 2;
    hash_bytes(&s->hash, &r->status, sizeof r->status);
    hash_bytes(&s->hash, &flags, sizeof flags);
    hash_bytes(&s->hash, &r->retry_after_ms, sizeof r->retry_after_ms);
    hash_bytes(&s->hash, r->body.data, r->body.len);
    s->responses++;
}

static summary run(const uint8_t *data, size_t len, const uint8_t *sizes, bool head, bool small) {
    summary s = {SEISMIC_OK, 0, 0xcbf29ce484222325ull};
    _seismic_http_response r;
    seismic_error err;
    seismic_allocator allocator = {NULL, NULL, NULL};
    size_t pos = 0, k = 0;
    bool done = false;
    _seismic_http_response_init(&r, small ? 64 : 0, small ? 32 : 1 << 20, allocator);
    r.head_request = head;
    while (pos < len) {
        size_t piece = sizes ? (size_t)sizes[k++ % 8] % 32 + 1 : len - pos, consumed = 0;
        if (piece > len - pos) piece = len - pos;
        s.result = _seismic_http_response_feed(&r, data + pos, piece, &consumed, &done, &err);
        FUZZ_ASSERT(consumed <= piece);
        pos += consumed;
        if (s.result) break;
        if (done) {
            check_complete(&r, head, &s);
            if (r.status == 101) break; /* the rest belongs to another protocol */
            _seismic_http_response_reset(&r);
            r.head_request = head;
        } else {
            FUZZ_ASSERT(consumed == piece); /* an incomplete response takes everything */
        }
    }
    if (s.result == SEISMIC_OK && !(done && r.status == 101)) {
        done = false;
        s.result = _seismic_http_response_eof(&r, &done, &err);
        if (s.result == SEISMIC_OK && done) check_complete(&r, head, &s);
    }
    if (s.result) FUZZ_ASSERT(err.result == s.result && err.message[0]);
    _seismic_http_response_free(&r);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 9) return 0;
    bool head = data[0] & 1, small = (data[0] & 2) != 0;
    summary pieces = run(data + 9, size - 9, data + 1, head, small);
    summary whole = run(data + 9, size - 9, NULL, head, small);
    FUZZ_ASSERT(pieces.result == whole.result && pieces.responses == whole.responses && pieces.hash == whole.hash);
    return 0;
}
