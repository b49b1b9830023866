/* libFuzzer target for base58 and SS58: every accepted base58 string re-encodes to itself, every accepted
   SS58 address re-encodes (same account, same prefix) to exactly the input, and rejected input is an error
   with a message, never a crash. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char text[1024];
    uint8_t bytes[2 * SEISMIC_BASE58_MAX_BYTES];
    size_t len = 0;
    seismic_error err;
    if (size >= sizeof text) return 0;
    memcpy(text, data, size);
    text[size] = 0;

    if (seismic_base58_decode(text, size, bytes, sizeof bytes, &len, &err) == SEISMIC_OK && len <= SEISMIC_BASE58_MAX_BYTES) {
        char again[2 * SEISMIC_BASE58_MAX_BYTES + 2];
        size_t n = 0;
        FUZZ_ASSERT(seismic_base58_encode(bytes, len, again, sizeof again, &n) == SEISMIC_OK);
        FUZZ_ASSERT(n == size && memcmp(again, text, size) == 0);
    }

    uint8_t account[32];
    uint16_t prefix = 0;
    err.message[0] = 0;
    if (seismic_ss58_decode(text, account, &prefix, &err) == SEISMIC_OK) { /* a C string: up to the first NUL */
        char again[SEISMIC_SS58_MAX_LEN + 1];
        FUZZ_ASSERT(seismic_ss58_encode(account, prefix, again) == SEISMIC_OK);
        FUZZ_ASSERT(strcmp(again, text) == 0);
    } else {
        FUZZ_ASSERT(err.message[0] != 0);
    }
    return 0;
}
