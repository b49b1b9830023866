/* libFuzzer target for the SCALE decoders: compact integers (anything accepted re-encodes to exactly the
   bytes read), the NeuronInfoLite and DelegateInfo decoders of every known layout (decoded arrays stay inside
   their allocation and add up to the counts), and AccountInfo values. The first byte picks the decoder. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

/* SCALE's compact encoding, written independently of the decoder. */
static size_t compact_encode(uint64_t v, uint8_t out[9]) {
    if (v < 64) { out[0] = (uint8_t)(v << 2); return 1; }
    if (v < (1u << 14)) { out[0] = (uint8_t)(v << 2 | 1); out[1] = (uint8_t)(v >> 6); return 2; }
    if (v < (1u << 30)) {
        uint32_t x = (uint32_t)(v << 2 | 2);
        for (int i = 0; i < 4; i++) out[i] = (uint8_t)(x >> (8 * i));
        return 4;
    }
    size_t n = 4;
    while (n < 8 && (v >> (8 * n))) n++;
    out[0] = (uint8_t)((n - 4) << 2 | 3);
    for (size_t i = 0; i < n; i++) out[1 + i] = (uint8_t)(v >> (8 * i));
    return n + 1;
}

static void fuzz_compacts(const uint8_t *data, size_t size) {
    seismic_scale_reader r;
    seismic_scale_reader_init(&r, data, size, NULL);
    while (r.pos < size) {
        size_t start = r.pos;
        uint64_t v = 0;
        if (seismic_scale_read_compact(&r, UINT64_MAX, &v) != SEISMIC_OK) {
            FUZZ_ASSERT(v == 0 && r.result != SEISMIC_OK);
            break;
        }
        uint8_t again[9];
        size_t n = compact_encode(v, again);
        FUZZ_ASSERT(n == r.pos - start && memcmp(again, data + start, n) == 0);
    }
}

static void fuzz_neurons(const uint8_t *data, size_t size) {
    seismic_tao_neurons n;
    memset(&n, 0, sizeof n);
    if (seismic_tao_decode_neurons(data, size, NULL, &n, NULL) == SEISMIC_OK) {
        size_t stakes = 0;
        for (size_t i = 0; i < n.count; i++) {
            FUZZ_ASSERT(n.neurons[i].stake_count == 0 || n.neurons[i].stake != NULL);
            for (size_t s = 0; s < n.neurons[i].stake_count; s++) stakes += n.neurons[i].stake[s].amount != 1; /* touch every entry */
        }
        FUZZ_ASSERT(n.count * 140 <= size + 1);
        (void)stakes;
    } else {
        FUZZ_ASSERT(n.neurons == NULL && n.count == 0);
    }
    seismic_tao_neurons_free(&n, NULL);
}

static void fuzz_delegated(const uint8_t *data, size_t size, uint32_t spec) {
    seismic_tao_delegated d;
    memset(&d, 0, sizeof d);
    if (seismic_tao_decode_delegated(data, size, spec, NULL, &d, NULL) == SEISMIC_OK) {
        for (size_t i = 0; i < d.count; i++) {
            const seismic_tao_delegate *x = &d.delegates[i];
            for (size_t s = 0; s < x->nominator_count; s++) FUZZ_ASSERT(spec >= 244 || x->nominators[s].netuid == 0);
            for (size_t s = 0; s < x->registration_count; s++) (void)x->registrations[s];
            for (size_t s = 0; s < x->validator_permit_count; s++) (void)x->validator_permits[s];
        }
    } else {
        FUZZ_ASSERT(d.delegates == NULL && d.count == 0);
    }
    seismic_tao_delegated_free(&d, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const uint8_t *rest = data + 1;
    size_t len = size - 1;
    seismic_tao_balance b;
    switch (data[0] % 6) {
    case 0: fuzz_compacts(rest, len); break;
    case 1: fuzz_neurons(rest, len); break;
    case 2: fuzz_delegated(rest, len, 218); break;
    case 3: fuzz_delegated(rest, len, 244); break;
    case 4: fuzz_delegated(rest, len, 241); break; /* unknown: always refused */
    default:
        if (seismic_tao_decode_account(rest, len, data[0] & 0x80 ? 150 : 218, &b, NULL) == SEISMIC_OK)
            FUZZ_ASSERT(len == 56 || len == 48);
        else
            FUZZ_ASSERT(b.free == 0 && b.reserved == 0 && b.frozen == 0);
        break;
    }
    return 0;
}
