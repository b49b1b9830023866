/* libFuzzer target for the RLP decoder. Any input is decoded; a valid one is walked completely
   with seismic_rlp_next and seismic_rlp_list_items (which must agree), converted to JSON, and
   re-encoded from the walk with the encoder: the bytes must be identical (strict decoding means
   every accepted input is canonical). Integer views must agree with the integer encoders. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

/* Checks a string item's integer views against the integer encoders. */
static void check_integer_views(const seismic_rlp_item *item) {
    uint64_t v64;
    seismic_u256 v256;
    seismic_result r64 = seismic_rlp_item_u64(item, &v64), r256 = seismic_rlp_item_u256(item, &v256);
    if (r64 == SEISMIC_OK) {
        FUZZ_ASSERT(r256 == SEISMIC_OK && v256.w[0] == v64 && !v256.w[1] && !v256.w[2] && !v256.w[3]);
        FUZZ_ASSERT(item->len <= 8);
    }
    if (r256 == SEISMIC_OK) {
        seismic_buf a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        seismic_rlp_put_u256(&a, &v256);
        seismic_rlp_put_bytes(&b, item->payload, item->len);
        FUZZ_ASSERT(!a.failed && !b.failed && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        if (r64 == SEISMIC_OK) {
            a.len = 0;
            seismic_rlp_put_u64(&a, v64);
            FUZZ_ASSERT(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        }
        seismic_buf_free(&a);
        seismic_buf_free(&b);
    } else {
        /* refused: a list, a leading zero byte, or more than 32 bytes */
        FUZZ_ASSERT(r64 != SEISMIC_OK);
        FUZZ_ASSERT(item->is_list || item->len > 32 || (item->len > 0 && item->payload[0] == 0));
    }
}

/* Walks a decoded root with an explicit stack, re-encoding as it goes; returns the number of items.
   listed (capacity cap) is scratch space for seismic_rlp_list_items. */
static size_t walk_and_reencode(const seismic_rlp_item *root, seismic_buf *out, seismic_rlp_item *listed,
                                size_t cap) {
    struct frame {
        const uint8_t *p, *end;
        size_t begin, seen, n_listed;
    } stack[SEISMIC_RLP_MAX_DEPTH];
    size_t depth = 0, total = 1;
    if (!root->is_list) {
        check_integer_views(root);
        seismic_rlp_put_bytes(out, root->payload, root->len);
        return total;
    }
    stack[0].p = root->payload;
    stack[0].end = root->payload + root->len;
    stack[0].begin = seismic_rlp_list_begin(out);
    stack[0].seen = 0;
    FUZZ_ASSERT(seismic_rlp_list_items(root, listed, cap, &stack[0].n_listed, NULL) == SEISMIC_OK);
    for (;;) {
        struct frame *f = &stack[depth];
        if (f->p == f->end) {
            FUZZ_ASSERT(f->seen == f->n_listed);
            seismic_rlp_list_end(out, f->begin);
            if (depth == 0) break;
            depth--;
            continue;
        }
        FUZZ_ASSERT(f->p < f->end);
        seismic_rlp_item item;
        seismic_error err;
        FUZZ_ASSERT(seismic_rlp_next(&f->p, f->end, &item, &err) == SEISMIC_OK);
        FUZZ_ASSERT(f->p <= f->end && item.payload + item.len <= f->end);
        f->seen++;
        total++;
        if (item.is_list) {
            uint64_t v;
            FUZZ_ASSERT(seismic_rlp_item_u64(&item, &v) == SEISMIC_ERR_PARSE);
            FUZZ_ASSERT(depth + 1 < SEISMIC_RLP_MAX_DEPTH); /* decode enforced the limit */
            depth++;
            stack[depth].p = item.payload;
            stack[depth].end = item.payload + item.len;
            stack[depth].begin = seismic_rlp_list_begin(out);
            stack[depth].seen = 0;
            FUZZ_ASSERT(seismic_rlp_list_items(&item, listed, cap, &stack[depth].n_listed, NULL) == SEISMIC_OK);
        } else {
            check_integer_views(&item);
            seismic_rlp_put_bytes(out, item.payload, item.len);
        }
    }
    return total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    seismic_rlp_item root;
    seismic_error err;
    seismic_buf json, again;
    memset(&json, 0, sizeof json);
    memset(&again, 0, sizeof again);
    err.message[0] = 0;
    seismic_result r = seismic_rlp_decode(data, size, &root, &err);
    seismic_result rj = seismic_rlp_to_json(data, size, &json, NULL);
    FUZZ_ASSERT(rj == r);
    if (r != SEISMIC_OK) {
        FUZZ_ASSERT(err.result == r && err.message[0] != 0 && strlen(err.message) < sizeof err.message);
        FUZZ_ASSERT(r == SEISMIC_ERR_PARSE || r == SEISMIC_ERR_TOO_DEEP);
        seismic_buf_free(&json);
        return 0;
    }
    FUZZ_ASSERT(root.payload >= data && root.payload + root.len == data + size);
    /* every item takes at least one byte, so size items always fit */
    seismic_rlp_item *listed = (seismic_rlp_item *)malloc(size * sizeof *listed);
    FUZZ_ASSERT(listed != NULL);
    size_t items = walk_and_reencode(&root, &again, listed, size);
    free(listed);
    FUZZ_ASSERT(!again.failed && again.len == size && memcmp(again.data, data, size) == 0);
    /* the JSON has one "0x.." string or one [ ] pair per item */
    size_t quotes = 0, opens = 0;
    for (size_t i = 0; i < json.len; i++) {
        quotes += json.data[i] == '"';
        opens += json.data[i] == '[';
    }
    FUZZ_ASSERT(!json.failed && quotes % 2 == 0 && quotes / 2 + opens == items);
    seismic_buf_free(&json);
    seismic_buf_free(&again);
    return 0;
}
