/* libFuzzer target for the WebSocket frame parser. The first byte picks the message limit, the next
   8 a cycle of piece sizes; the rest is server data. Every event is checked, and feeding the same
   data in one piece must produce the same events and verdict. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

typedef struct summary {
    seismic_result result;
    size_t events;
    uint64_t hash;
} summary;

static void hash_bytes(uint64_t *h, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    for (size_t i = 0; i < len; i++) *h = (*h ^ p[i]) * 0x100000001b3ull;
}

static void check_event(const _seismic_ws_parser *p, const _seismic_ws_event *ev, summary *s) {
    switch (ev->type) {
    case _SEISMIC_WS_EVENT_MESSAGE:
        FUZZ_ASSERT(ev->opcode == _SEISMIC_WS_TEXT || ev->opcode == _SEISMIC_WS_BINARY);
        FUZZ_ASSERT(ev->len <= p->max_message_bytes);
        if (ev->opcode == _SEISMIC_WS_TEXT) FUZZ_ASSERT(_seismic_utf8_valid(ev->payload, ev->len));
        break;
    case _SEISMIC_WS_EVENT_CLOSE:
        FUZZ_ASSERT(ev->len <= 123 && (ev->close_code == 1005 || _seismic_ws_close_code_valid(ev->close_code)));
        break;
    default:
        FUZZ_ASSERT(ev->len <= 125 && ev->close_code == 0);
    }
    int type = (int)ev->type;
    hash_bytes(&s->hash, &type, sizeof type);
    hash_bytes(&s->hash, &ev->opcode, sizeof ev->opcode);
    hash_bytes(&s->hash, &ev->close_code, sizeof ev->close_code);
    hash_bytes(&s->hash, ev->payload, ev->len);
    s->events++;
}

static summary run(const uint8_t *data, size_t len, const uint8_t *sizes, size_t max) {
    summary s = {SEISMIC_OK, 0, 0xcbf29ce484222325ull};
    _seismic_ws_parser p;
    seismic_error err;
    seismic_allocator allocator = {NULL, NULL, NULL};
    size_t pos = 0, k = 0, piece = 0;
    _seismic_ws_parser_init(&p, max, allocator);
    while (pos < len) {
        if (piece == 0) piece = sizes ? (size_t)sizes[k++ % 8] % 32 + 1 : len;
        size_t n = len - pos < piece ? len - pos : piece, consumed = 0;
        _seismic_ws_event ev;
        s.result = _seismic_ws_parser_feed(&p, data + pos, n, &consumed, &ev, &err);
        FUZZ_ASSERT(consumed <= n);
        pos += consumed;
        piece -= consumed;
        if (s.result) {
            FUZZ_ASSERT(ev.type == _SEISMIC_WS_EVENT_NONE && err.result == s.result);
            break;
        }
        if (ev.type == _SEISMIC_WS_EVENT_NONE) FUZZ_ASSERT(consumed == n); /* no event: all bytes taken */
        else check_event(&p, &ev, &s);
    }
    _seismic_ws_parser_free(&p);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 9) return 0;
    size_t max = data[0] & 1 ? 0 : (size_t)data[0] * 4;
    summary pieces = run(data + 9, size - 9, data + 1, max);
    summary whole = run(data + 9, size - 9, NULL, max);
    FUZZ_ASSERT(pieces.result == whole.result && pieces.events == whole.events && pieces.hash == whole.hash);
    return 0;
}
