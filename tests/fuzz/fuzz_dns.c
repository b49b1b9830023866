/* libFuzzer target for the DNS answer parser: the query (id, name, type) is taken from the input's own
   question so the fuzzer gets past the checks; whatever it sends, the parser stays inside the message,
   keeps at most the addresses it has room for, and only ever accepts an answer to that exact query. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"

#include <stdlib.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char qname[256], valid[256];
    size_t pos = 12;
    _seismic_dns_answer a;
    if (size < 12 || !_seismic_dns_read_name(data, size, &pos, qname)) {
        FUZZ_ASSERT(!_seismic_dns_parse(data, size, 0, "x.test", 1, &a));
        return 0;
    }
    uint16_t id = _seismic_dns_u16(data);
    static const uint16_t types[2] = {_SEISMIC_DNS_TYPE_A, _SEISMIC_DNS_TYPE_AAAA};
    for (int t = 0; t < 2; t++) {
        if (_seismic_dns_parse(data, size, id, qname, types[t], &a)) {
            FUZZ_ASSERT(a.count <= _SEISMIC_DNS_ADDRS && a.ttl <= _SEISMIC_DNS_MAX_TTL && a.rcode <= 15);
            FUZZ_ASSERT(!(a.truncated || a.rcode) || a.count == 0);
            FUZZ_ASSERT(a.count == 0 || a.rcode == 0);
            FUZZ_ASSERT(a.negative_ttl <= _SEISMIC_DNS_MAX_NEGATIVE_TTL && (!a.negative_soa || a.count == 0));
            FUZZ_ASSERT(pos + 4 <= size && _seismic_dns_u16(data + pos) == types[t]); /* the question asked for it */
            FUZZ_ASSERT(!_seismic_dns_parse(data, size, (uint16_t)(id + 1), qname, types[t], &a)); /* other id */
        }
    }
    /* a name we would send is one the reader gives back unchanged */
    if (_seismic_dns_name_valid(qname, valid)) {
        uint8_t query[512];
        size_t n = _seismic_dns_query(query, id, valid, 1), at = 12;
        char back[256];
        FUZZ_ASSERT(n <= sizeof query && _seismic_dns_read_name(query, n, &at, back) && strcmp(back, valid) == 0);
        FUZZ_ASSERT(at + 4 == n);
    }
    return 0;
}
