/* libFuzzer target for the subjectAltName walker of the TLS policy: any bytes given as a DER
   certificate are walked within their bounds (ASan sees an overread of the exact-size copy), in time
   linear in their length, for an exact and a wildcard-shaped host name. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"

#include <stdlib.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t *copy = (uint8_t *)malloc(size ? size : 1); /* exact size: ASan sees any overread */
    FUZZ_ASSERT(copy);
    if (size) memcpy(copy, data, size);
    bool localhost = _seismic_x509_san_matches(copy, size, "localhost");
    bool node = _seismic_x509_san_matches(copy, size, "node.example.com");
    /* the smallest certificate with a matching name: two SEQUENCE headers, [3], SEQUENCE, an
       extension with its OID, OCTET STRING, GeneralNames and the dNSName */
    if (localhost || node) FUZZ_ASSERT(size >= 2 * 2 + 2 + 2 + 2 + 5 + 2 + 2 + 2 + 3);
    free(copy);
    return 0;
}
