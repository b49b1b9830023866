/* libFuzzer target for event decoding (seismic_abi_decode_event) and the event signature parser.
   First byte: bit 7 set = the rest is a signature (parsed, its names read, decoded against no log);
   otherwise the low bits pick a signature, the next byte's low 3 bits a topic count (0..4), then come
   the topics (32 bytes each, zero-padded) and the data. Every decode is checked for a consistent tree
   (the count without room equals the count with room, subtrees nest) and every value is formatted. */
#include "seismic.h"

#include <stdlib.h>
#include <string.h>

static const char *const fuzz_events[] = {
    "event Transfer(address indexed from, address indexed to, uint256 value)",
    "event Numbered(uint256 indexed seq, address indexed sender, uint256 square, string label)",
    "event Mixed(string note, uint8 indexed small, string indexed tag, (uint16,bool) pair)",
    "event Anon(uint256 indexed id, bool flag) anonymous",
    "event Deep(int8 indexed a, bytes3 indexed b, bool indexed c, (uint256[],string)[] d, bytes e)",
    "event Shielded(saddress indexed who, suint256 amount, sbytes32 indexed tag)",
};

static seismic_abi_value values[4096];

static void check_tree(const seismic_abi_value *v, size_t count) {
    if (count == 0 || v[0].kind != SEISMIC_ABI_TUPLE || v[0].end != count) __builtin_trap();
    for (size_t i = 0; i < count; i++) {
        if (v[i].end <= i || v[i].end > count) __builtin_trap();
        seismic_buf text;
        memset(&text, 0, sizeof text);
        if (seismic_abi_format_value(v, i, true, &text) != SEISMIC_OK) __builtin_trap();
        seismic_buf_free(&text);
    }
}

static void decode(const char *signature, const uint8_t (*topics)[32], size_t topic_count, const uint8_t *data,
                   size_t len) {
    size_t needed = 0, count = 0;
    seismic_error err;
    seismic_result counted = seismic_abi_decode_event(signature, topics, topic_count, data, len, NULL, 0, &needed, &err);
    seismic_result r = seismic_abi_decode_event(signature, topics, topic_count, data, len, values,
                                                sizeof values / sizeof values[0], &count, &err);
    if (r == SEISMIC_OK) {
        if (counted != SEISMIC_ERR_CAPACITY || needed != count) __builtin_trap();
        check_tree(values, count);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    if (data[0] & 0x80) {
        char *signature = (char *)malloc(size);
        if (!signature) return 0;
        memcpy(signature, data + 1, size - 1);
        signature[size - 1] = 0;
        seismic_buf name;
        memset(&name, 0, sizeof name);
        for (size_t i = 0; i < 4; i++) seismic_abi_param_name(signature, i, &name, NULL);
        seismic_buf_free(&name);
        uint8_t topic[1][32];
        memset(topic, 0, sizeof topic);
        seismic_abi_event_topic(signature, topic[0], NULL);
        decode(signature, (const uint8_t(*)[32])topic, 1, NULL, 0);
        free(signature);
        return 0;
    }
    const char *signature = fuzz_events[data[0] % (sizeof fuzz_events / sizeof fuzz_events[0])];
    size_t topic_count = data[1] & 7u;
    if (topic_count > 4) topic_count = 4;
    uint8_t topics[4][32];
    memset(topics, 0, sizeof topics);
    size_t at = 2;
    for (size_t t = 0; t < topic_count; t++) {
        size_t n = size - at < 32 ? size - at : 32;
        memcpy(topics[t], data + at, n);
        at += n;
    }
    /* topic 0 is usually right, so that decoding goes past it */
    if (topic_count > 0 && !(data[1] & 8u)) seismic_abi_event_topic(signature, topics[0], NULL);
    decode(signature, (const uint8_t(*)[32])topics, topic_count, data + at, size - at);
    return 0;
}
