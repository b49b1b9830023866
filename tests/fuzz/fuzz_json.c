/* libFuzzer target for the JSON layer: tokenize with a small and a large token array, call every
   navigation function and reader on every token, and check that strings survive a trip through
   the writer and back. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

/* Re-serializes a decoded string with the writer, parses it back and expects the same bytes. */
static void check_string_round_trip(const char *decoded, size_t len) {
    seismic_buf buf;
    seismic_json_writer w;
    seismic_json json;
    seismic_json_token tokens[2];
    seismic_buf again;
    memset(&buf, 0, sizeof buf);
    memset(&again, 0, sizeof again);
    seismic_json_writer_init(&w, &buf);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_string_n(&w, decoded, len);
    seismic_json_writer_array_end(&w);
    FUZZ_ASSERT(!buf.failed);
    FUZZ_ASSERT(seismic_json_parse(&json, (const char *)buf.data, buf.len, tokens, 2, NULL) == SEISMIC_OK);
    FUZZ_ASSERT(seismic_json_get_string_buf(&json, 1, &again) == SEISMIC_OK);
    FUZZ_ASSERT(again.len == len && (len == 0 || memcmp(again.data, decoded, len) == 0));
    seismic_buf_free(&again);
    seismic_buf_free(&buf);
}

static void exercise(const seismic_json *json) {
    for (size_t i = 0; i < json->count; i++) {
        int index = (int)i;
        const seismic_json_token *t = &json->tokens[i];
        FUZZ_ASSERT(t->end > i && t->end <= json->count);
        FUZZ_ASSERT((size_t)t->start + t->len <= json->len);

        size_t n = 0, children = 0;
        for (int c = seismic_json_first_child(json, index); c >= 0; c = seismic_json_next_sibling(json, index, c)) {
            FUZZ_ASSERT((size_t)c > i && (uint32_t)c < t->end);
            children++;
        }
        FUZZ_ASSERT(children == seismic_json_size(json, index));
        if (children) FUZZ_ASSERT(seismic_json_array_get(json, index, children - 1) >= -1);
        FUZZ_ASSERT(seismic_json_array_get(json, index, children) == -1);
        (void)seismic_json_find(json, index, "result");
        (void)seismic_json_string_equals(json, index, "0x");
        FUZZ_ASSERT(seismic_json_raw(json, index, &n) != NULL && n <= json->len);

        uint64_t u64;
        seismic_u256 u256;
        bool b;
        uint8_t bytes[32];
        char text[64];
        (void)seismic_json_get_u64(json, index, &u64);
        (void)seismic_json_get_u256(json, index, &u256);
        (void)seismic_json_get_bool(json, index, &b);
        (void)seismic_json_get_bytes(json, index, bytes, sizeof bytes, &n);
        (void)seismic_json_get_bytes(json, index, bytes, 20, NULL);
        (void)seismic_json_get_string(json, index, text, sizeof text, &n);

        seismic_buf buf;
        memset(&buf, 0, sizeof buf);
        (void)seismic_json_get_bytes_buf(json, index, &buf);
        seismic_buf_free(&buf);
        if (seismic_json_get_string_buf(json, index, &buf) == SEISMIC_OK) {
            FUZZ_ASSERT(seismic_json_string_equals(json, index, seismic_buf_cstr(&buf)) || memchr(buf.data, 0, buf.len));
            check_string_round_trip((const char *)buf.data, buf.len);
        }
        seismic_buf_free(&buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static seismic_json_token large[1 << 16];
    seismic_json_token small[4];
    seismic_json json;
    seismic_error err;
    seismic_result small_result = seismic_json_parse(&json, (const char *)data, size, small, 4, &err);
    size_t needed = json.count;
    if (small_result == SEISMIC_OK) exercise(&json);
    seismic_result large_result = seismic_json_parse(&json, (const char *)data, size, large, 1 << 16, &err);
    /* The token budget changes nothing but the capacity verdict. */
    if (small_result == SEISMIC_ERR_CAPACITY) {
        FUZZ_ASSERT(large_result == SEISMIC_OK || large_result == SEISMIC_ERR_CAPACITY);
        if (large_result == SEISMIC_OK) FUZZ_ASSERT(json.count == needed);
    } else {
        FUZZ_ASSERT(large_result == small_result);
    }
    if (large_result == SEISMIC_OK) exercise(&json);
    return 0;
}
