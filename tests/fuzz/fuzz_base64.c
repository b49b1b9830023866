/* libFuzzer target for the base64 decoder: anything it accepts must encode back to exactly the input
   (strict padding and canonical bits), and a rejected input must leave the output untouched. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    seismic_buf out = {NULL, 0, 0, false, {NULL, NULL, NULL}, false};
    seismic_buf_append_str(&out, "prefix");
    size_t before = out.len;
    if (seismic_base64_decode((const char *)data, size, &out) == SEISMIC_OK) {
        size_t decoded = out.len - before;
        char *again = (char *)malloc(4 * ((decoded + 2) / 3) + 1);
        FUZZ_ASSERT(again);
        size_t n = seismic_base64_encode(out.data + before, decoded, again);
        FUZZ_ASSERT(n == size && memcmp(again, data, size) == 0);
        free(again);
    } else {
        FUZZ_ASSERT(out.len == before && memcmp(out.data, "prefix", before) == 0);
    }
    seismic_buf_free(&out);
    return 0;
}
