/* libFuzzer target, differential: the resumable JSON tokenizer fed the input in random pieces must give
   exactly what the one-shot reference tokenizer (tests/fuzz/json_reference.h, the tokenizer as it was
   before it became resumable) gives for the whole input: the same result, message, token count and
   tokens, in a caller's array and in grown memory. Each piece is a fresh copy of the prefix, exactly as
   long as it says, so a look past it is an ASan error. With split, every element of a top-level array
   must come out as the reference tokenizes that element's text alone, with the members the engine reads
   (id, result, error.code, params.subscription, ...) where seismic_json_find finds them.
   Input: 4 bytes of seed for the cut points, then the document. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "json_reference.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)
enum { CAP = 1 << 12 };

static uint32_t rng;
static uint32_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Feeds data in random pieces (0 to 3 pieces are often a byte long) and then finally. */
static seismic_result feed_in_pieces(_seismic_json_stream *st, const uint8_t *data, size_t size) {
    size_t fed = 0;
    seismic_result r = SEISMIC_OK;
    while (fed < size && st->state != _SEISMIC_JS_FAILED) {
        uint32_t x = next_rand();
        size_t step = x & 1 ? 1 + (x >> 8) % 4 : 1 + (x >> 8) % (size - fed);
        if (step > size - fed) step = size - fed;
        fed += step;
        uint8_t *copy = (uint8_t *)malloc(fed ? fed : 1);
        memcpy(copy, data, fed);
        do r = _seismic_json_stream_feed(st, copy, fed, false);
        while (r == SEISMIC_OK && st->element_done);
        free(copy);
    }
    uint8_t *copy = (uint8_t *)malloc(size ? size : 1);
    memcpy(copy, data, size);
    do r = _seismic_json_stream_feed(st, copy, size, true);
    while (r == SEISMIC_OK && st->element_done);
    free(copy);
    return r;
}

static void same_tokens(const seismic_json_token *a, const seismic_json_token *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT(a[i].type == b[i].type && a[i].flags == b[i].flags && a[i].start == b[i].start &&
                    a[i].len == b[i].len && a[i].end == b[i].end);
}

/* The members the stream found for one document, against seismic_json_find. */
static void check_members(const int32_t *member, const seismic_json *j) {
    int error = seismic_json_find(j, 0, "error"), params = seismic_json_find(j, 0, "params");
    FUZZ_ASSERT(member[_SEISMIC_JM_ID] == seismic_json_find(j, 0, "id"));
    FUZZ_ASSERT(member[_SEISMIC_JM_RESULT] == seismic_json_find(j, 0, "result"));
    FUZZ_ASSERT(member[_SEISMIC_JM_ERROR] == error);
    FUZZ_ASSERT(member[_SEISMIC_JM_METHOD] == seismic_json_find(j, 0, "method"));
    FUZZ_ASSERT(member[_SEISMIC_JM_PARAMS] == params);
    FUZZ_ASSERT(member[_SEISMIC_JM_CODE] == seismic_json_find(j, error, "code"));
    FUZZ_ASSERT(member[_SEISMIC_JM_MESSAGE] == seismic_json_find(j, error, "message"));
    FUZZ_ASSERT(member[_SEISMIC_JM_DATA] == seismic_json_find(j, error, "data"));
    FUZZ_ASSERT(member[_SEISMIC_JM_SUBSCRIPTION] == seismic_json_find(j, params, "subscription"));
    FUZZ_ASSERT(member[_SEISMIC_JM_PARAMS_RESULT] == seismic_json_find(j, params, "result"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static seismic_json_token want[CAP], got[CAP], element[CAP];
    seismic_allocator heap = {NULL, NULL, NULL};
    if (size < 4) return 0;
    memcpy(&rng, data, 4);
    rng |= 1;
    data += 4;
    size -= 4;
    seismic_json ref;
    seismic_error ref_err = {"", SEISMIC_OK};
    seismic_result ref_result = ref_json_parse(&ref, (const char *)data, size, want, CAP, &ref_err);

    /* a caller's array, as seismic_json_parse uses it */
    _seismic_json_stream st;
    _seismic_json_stream_init(&st, got, CAP, 0, heap, false);
    seismic_result r = feed_in_pieces(&st, data, size);
    FUZZ_ASSERT(r == ref_result);
    if (r) FUZZ_ASSERT(strcmp(st.error.message, ref_err.message) == 0);
    if (r == SEISMIC_OK || r == SEISMIC_ERR_CAPACITY) FUZZ_ASSERT(st.count == ref.count);
    if (r == SEISMIC_OK) {
        same_tokens(want, got, ref.count);
        check_members(st.member, &ref);
    }

    /* the one-shot public function is the same tokenizer in one piece */
    seismic_json once;
    seismic_error once_err = {"", SEISMIC_OK};
    FUZZ_ASSERT(seismic_json_parse(&once, (const char *)data, size, got, CAP, &once_err) == ref_result);
    FUZZ_ASSERT(once.count == ref.count && strcmp(once_err.message, ref_err.message) == 0);

    /* grown memory, limited to 64 tokens held (with the block they grow into): a third of that always
       fits, more than all of it never does, and whatever is accepted is the same */
    _seismic_json_stream_init(&st, NULL, 0, 64, heap, false);
    r = feed_in_pieces(&st, data, size);
    if (ref_result == SEISMIC_OK && ref.count <= 64 / 3) FUZZ_ASSERT(r == SEISMIC_OK);
    if (ref_result == SEISMIC_OK && ref.count > 64) FUZZ_ASSERT(r == SEISMIC_ERR_CAPACITY);
    if (ref_result != SEISMIC_OK) FUZZ_ASSERT(r != SEISMIC_OK);
    if (r == SEISMIC_OK) {
        FUZZ_ASSERT(st.count == ref.count);
        same_tokens(want, st.tokens, ref.count);
    } else {
        FUZZ_ASSERT(r == ref_result || r == SEISMIC_ERR_CAPACITY);
    }
    _seismic_json_stream_free(&st);

    /* split: a batch's elements as documents of their own */
    _seismic_json_stream_init(&st, NULL, 0, 1u << 20, heap, true);
    size_t elements = 0, fed = 0;
    for (;;) { /* feeding in pieces, each element checked when it is done */
        uint32_t x = next_rand();
        size_t step = 1 + x % (size - fed + 1);
        fed = fed + step > size ? size : fed + step;
        r = _seismic_json_stream_feed(&st, data, fed, fed == size);
        if (r) break;
        if (st.element_done) {
            seismic_json e = {(const char *)data + st.element_offset, st.element_len, st.tokens + st.element_token,
                              st.element_count};
            seismic_json alone;
            FUZZ_ASSERT(ref_json_parse(&alone, e.text, e.len, element, CAP, NULL) != SEISMIC_ERR_PARSE);
            if (alone.count == e.count && alone.count <= CAP) {
                same_tokens(element, e.tokens, e.count);
                check_members(st.member, &alone);
            }
            elements++;
            fed = st.pos; /* the next piece starts where it stopped */
            continue;
        }
        if (fed == size) break;
    }
    FUZZ_ASSERT(r == ref_result || (ref_result == SEISMIC_ERR_CAPACITY && r == SEISMIC_OK));
    if (r == SEISMIC_OK && ref.count && want[0].type == SEISMIC_JSON_ARRAY) FUZZ_ASSERT(elements == seismic_json_size(&ref, 0));
    if (r == SEISMIC_OK && ref.count && want[0].type != SEISMIC_JSON_ARRAY) {
        FUZZ_ASSERT(elements == 0 && st.count == ref.count);
        same_tokens(want, st.tokens, ref.count);
    }
    _seismic_json_stream_free(&st);
    return 0;
}
