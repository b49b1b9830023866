/* libFuzzer target for the ABI decoder, the formatter and revert decoding.
   The first byte picks a type list; the rest is decoded with a small and a large value array
   (the small one exercises the counting path), every value is formatted as text and JSON, and
   the whole input is also read as revert data. */
#include "seismic.h"

#include <string.h>

static const char *const fuzz_types[] = {
    "uint256",
    "int8,uint8,bool,address,bytes1,bytes32",
    "string",
    "bytes,string,bytes",
    "uint256[]",
    "string[]",
    "uint256[][]",
    "((uint256,string),bytes)",
    "(uint8,string)[]",
    "(int16,(bool,bytes)[2],string[])[],uint32",
    "bytes3[2],int256[3][]",
    "(sbool,saddress[],(suint8,sbytes))",
    "((((string)[])[])[])",
};

static seismic_abi_value small_values[4];
static seismic_abi_value large_values[4096];

static void decode_and_format(const char *types, const uint8_t *data, size_t len, seismic_abi_value *values, size_t cap) {
    size_t count = 0;
    seismic_error err;
    seismic_result r = seismic_abi_decode(types, data, len, values, cap, &count, &err);
    if (r != SEISMIC_OK) return;
    for (size_t i = 0; i < count; i++) {
        seismic_buf text, json;
        seismic_u256 number;
        uint64_t small;
        bool flag;
        seismic_address address;
        memset(&text, 0, sizeof text);
        memset(&json, 0, sizeof json);
        if (seismic_abi_format_value(values, i, false, &text) != SEISMIC_OK) __builtin_trap();
        if (seismic_abi_format_value(values, i, true, &json) != SEISMIC_OK) __builtin_trap();
        seismic_buf_free(&text);
        seismic_buf_free(&json);
        seismic_abi_value_u256(&values[i], &number);
        seismic_abi_value_u64(&values[i], &small);
        seismic_abi_value_bool(&values[i], &flag);
        seismic_abi_value_address(&values[i], &address);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    seismic_buf message;
    memset(&message, 0, sizeof message);
    seismic_abi_decode_revert(data, size, &message);
    seismic_buf_free(&message);
    if (size < 1) return 0;
    const char *types = fuzz_types[data[0] % (sizeof fuzz_types / sizeof fuzz_types[0])];
    decode_and_format(types, data + 1, size - 1, small_values, sizeof small_values / sizeof small_values[0]);
    decode_and_format(types, data + 1, size - 1, large_values, sizeof large_values / sizeof large_values[0]);
    return 0;
}
