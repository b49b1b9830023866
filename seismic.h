/* seismic.h — a single-file C SDK for the Seismic chain (and any EVM chain).

   Do this:
       #define SEISMIC_IMPLEMENTATION
   before you include this file in *one* C or C++ file to create the implementation.
   Link with BearSSL (-lbearssl) and libsecp256k1 (-lsecp256k1).

   Options (define before including the implementation):
       SEISMIC_API        decoration of public functions (default: extern)
       SEISMIC_STATIC     make every function static (for a single translation unit)
       SEISMIC_ASSERT(c)  your own assert (default: assert from <assert.h>)

   Table of contents (the implementation follows the same order; each layer uses only those above it):
       1. base: results and errors, allocator, growable buffers, CSPRNG
       2. bytes: hex, 256-bit unsigned integers, wei/gwei/ether units
       3. Keccak-256
       4. RLP (strict decoding with a nesting limit)
       5. ABI from signature strings, Seismic shielded types, revert data
       6. JSON: a linear, non-recursive tokenizer into caller memory, and a writer
       7. crypto: keys, EIP-55 addresses, ECDSA (RFC 6979, low-S), EIP-191, EIP-712,
          ECDH, HKDF, AES-256-GCM, the Seismic key schedule
       8. transactions: Seismic type 0x4a (v0 and EIP-712 v2), EIP-1559, legacy EIP-155

   Memory: nothing allocates except through a seismic_allocator you may pass (zero = malloc/free).
   Decoders never allocate: they return views into your input and tokens in your memory.

   Errors: every fallible function returns seismic_result (0 = SEISMIC_OK). Decoders also take an
   optional seismic_error* that receives a human-readable message with the offset of the problem.

   Secrets: private keys and AES keys live in structs that have a *_wipe function; the SDK wipes
   every temporary copy it makes.

   Threading: no global mutable state. One object is used from one thread at a time.

   License: MIT (see the end of this file).
*/
#ifndef SEISMIC_H
#define SEISMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(SEISMIC_STATIC)
#define SEISMIC_API static
#elif !defined(SEISMIC_API)
#define SEISMIC_API extern
#endif

#ifdef __cplusplus
extern "C" {
#endif
/*==== 1. base ====================================================================================*/

typedef enum seismic_result {
    SEISMIC_OK = 0,
    SEISMIC_ERR_INVALID_ARGUMENT, /* a caller-supplied value is wrong (bad hex, wrong length, ...) */
    SEISMIC_ERR_PARSE,            /* malformed data: JSON, RLP, ABI, transaction */
    SEISMIC_ERR_OVERFLOW,         /* a number does not fit its type */
    SEISMIC_ERR_TOO_DEEP,         /* nesting limit reached */
    SEISMIC_ERR_CAPACITY,         /* a caller-provided array or buffer is too small */
    SEISMIC_ERR_NO_MEMORY,        /* the allocator failed */
    SEISMIC_ERR_CRYPTO,           /* invalid key or signature */
    SEISMIC_ERR_DECRYPT,          /* AES-GCM authentication failed */
    SEISMIC_ERR_RANDOM,           /* the CSPRNG failed */
    SEISMIC_RESULT_COUNT_
} seismic_result;

/* A short English name of a result code ("invalid argument", ...). */
SEISMIC_API const char *seismic_result_string(seismic_result result);

/* Detailed error information filled in by functions that take a seismic_error* (which may be NULL). */
typedef struct seismic_error {
    seismic_result result;
    char message[160];
} seismic_error;

typedef struct seismic_allocator {
    void *(*alloc)(size_t size, void *user_data);
    void (*free)(void *ptr, void *user_data);
    void *user_data;
} seismic_allocator;

/* A growable byte buffer. Zero-initialise it (optionally set .allocator), append, then
   seismic_buf_free. Appends never fail loudly: on allocation failure .failed is set and later
   appends are ignored, so a sequence of appends needs one check at the end. */
typedef struct seismic_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
    bool failed;
    seismic_allocator allocator;
} seismic_buf;

SEISMIC_API bool seismic_buf_reserve(seismic_buf *buf, size_t extra);
SEISMIC_API void seismic_buf_append(seismic_buf *buf, const void *data, size_t len);
SEISMIC_API void seismic_buf_append_byte(seismic_buf *buf, uint8_t byte);
SEISMIC_API void seismic_buf_append_str(seismic_buf *buf, const char *text);
/* Appends "0x" and the lowercase hex of data. */
SEISMIC_API void seismic_buf_append_hex(seismic_buf *buf, const void *data, size_t len);
/* Inserts bytes at position pos (<= len), moving the tail. */
SEISMIC_API void seismic_buf_insert(seismic_buf *buf, size_t pos, const void *data, size_t len);
/* Appends a NUL that is not counted in len, so data can be used as a C string. */
SEISMIC_API const char *seismic_buf_cstr(seismic_buf *buf);
/* Zeroes the contents (for secrets) and frees. */
SEISMIC_API void seismic_buf_wipe(seismic_buf *buf);
SEISMIC_API void seismic_buf_free(seismic_buf *buf);

/* Fills out with bytes from the operating system's CSPRNG. */
SEISMIC_API seismic_result seismic_random_bytes(void *out, size_t len);
/* Overwrites memory in a way the compiler may not remove. */
SEISMIC_API void seismic_wipe(void *ptr, size_t len);

/*==== 2. bytes ===================================================================================*/

/* Writes "0x" + 2*len lowercase hex digits + NUL into out, which must hold 2*len + 3 chars. */
SEISMIC_API void seismic_hex_encode(const void *data, size_t len, char *out);
/* Decodes hex (with or without "0x", even number of digits) into out (capacity cap).
   Stores the byte count in *out_len. */
SEISMIC_API seismic_result seismic_hex_decode(const char *hex, size_t hex_len, uint8_t *out, size_t cap,
                                              size_t *out_len);
/* Decodes hex that must be exactly len bytes. */
SEISMIC_API seismic_result seismic_hex_decode_exact(const char *hex, size_t hex_len, uint8_t *out, size_t len);
/* Decodes hex of any length into a buffer (appended). */
SEISMIC_API seismic_result seismic_hex_decode_buf(const char *hex, size_t hex_len, seismic_buf *out);

/* A 256-bit unsigned integer; w[0] is the least significant 64-bit limb. */
typedef struct seismic_u256 {
    uint64_t w[4];
} seismic_u256;

SEISMIC_API seismic_u256 seismic_u256_from_u64(uint64_t value);
/* Parses decimal ("1000") or hex ("0x3e8", any case, no digits after "0x" = 0). No sign, no spaces. */
SEISMIC_API seismic_result seismic_u256_parse(const char *text, size_t len, seismic_u256 *out);
/* Big-endian bytes of any length; more than 32 significant bytes is an overflow. */
SEISMIC_API seismic_result seismic_u256_from_be(const uint8_t *bytes, size_t len, seismic_u256 *out);
SEISMIC_API void seismic_u256_to_be(const seismic_u256 *value, uint8_t out[32]);
/* Number of significant big-endian bytes (0 for zero). */
SEISMIC_API size_t seismic_u256_byte_length(const seismic_u256 *value);
/* Formats as decimal / as minimal "0x" hex (zero = "0x0"). out needs 79 / 67 chars; returns length. */
SEISMIC_API size_t seismic_u256_to_dec(const seismic_u256 *value, char out[79]);
SEISMIC_API size_t seismic_u256_to_hex(const seismic_u256 *value, char out[67]);
SEISMIC_API int seismic_u256_cmp(const seismic_u256 *a, const seismic_u256 *b);
SEISMIC_API bool seismic_u256_is_zero(const seismic_u256 *value);
/* True and *out set if the value fits in 64 bits. */
SEISMIC_API bool seismic_u256_to_u64(const seismic_u256 *value, uint64_t *out);
/* Arithmetic reports overflow/underflow (the result is then wrapped modulo 2^256). */
SEISMIC_API seismic_result seismic_u256_add(const seismic_u256 *a, const seismic_u256 *b, seismic_u256 *out);
SEISMIC_API seismic_result seismic_u256_sub(const seismic_u256 *a, const seismic_u256 *b, seismic_u256 *out);
SEISMIC_API seismic_result seismic_u256_mul_u64(const seismic_u256 *a, uint64_t b, seismic_u256 *out);
/* Division by a non-zero small value; the remainder goes to *remainder if not NULL. */
SEISMIC_API seismic_result seismic_u256_div_u64(const seismic_u256 *a, uint64_t b, seismic_u256 *out,
                                                uint64_t *remainder);

/* Units: "1.5" with 18 decimals → 1500000000000000000. Too many fraction digits is an error. */
SEISMIC_API seismic_result seismic_parse_units(const char *text, size_t len, unsigned decimals, seismic_u256 *out);
/* Formats with the given decimals, trimming trailing fraction zeros ("1.5", "0.000000001", "42").
   out needs 80 chars. Returns the length. */
SEISMIC_API size_t seismic_format_units(const seismic_u256 *value, unsigned decimals, char out[80]);
#define SEISMIC_ETHER_DECIMALS 18
#define SEISMIC_GWEI_DECIMALS 9

/*==== 3. Keccak-256 ==============================================================================*/

typedef struct seismic_keccak {
    uint64_t state[25];
    size_t pos; /* bytes absorbed into the current block */
} seismic_keccak;

SEISMIC_API void seismic_keccak_init(seismic_keccak *ctx);
SEISMIC_API void seismic_keccak_update(seismic_keccak *ctx, const void *data, size_t len);
SEISMIC_API void seismic_keccak_final(seismic_keccak *ctx, uint8_t out[32]);
SEISMIC_API void seismic_keccak256(const void *data, size_t len, uint8_t out[32]);

/*==== 4. RLP =====================================================================================*/

#define SEISMIC_RLP_MAX_DEPTH 32

/* Encoding appends to a buffer. A list is written by remembering seismic_rlp_list_begin's
   return value, appending the items, then calling seismic_rlp_list_end with it. */
SEISMIC_API void seismic_rlp_put_bytes(seismic_buf *buf, const void *data, size_t len);
SEISMIC_API void seismic_rlp_put_u64(seismic_buf *buf, uint64_t value);
SEISMIC_API void seismic_rlp_put_u256(seismic_buf *buf, const seismic_u256 *value);
SEISMIC_API size_t seismic_rlp_list_begin(seismic_buf *buf);
SEISMIC_API void seismic_rlp_list_end(seismic_buf *buf, size_t begin);

/* A decoded item: payload is a view into the input. */
typedef struct seismic_rlp_item {
    const uint8_t *payload;
    size_t len;
    bool is_list;
} seismic_rlp_item;

/* Decodes exactly one item spanning all of data (trailing bytes are an error) and checks,
   without recursion, that everything inside is canonical and nested at most SEISMIC_RLP_MAX_DEPTH. */
SEISMIC_API seismic_result seismic_rlp_decode(const uint8_t *data, size_t len, seismic_rlp_item *out,
                                              seismic_error *err);
/* Reads the next item of a list payload: *cursor advances; returns SEISMIC_ERR_PARSE at the end
   (check *cursor == end first) or on malformed input. */
SEISMIC_API seismic_result seismic_rlp_next(const uint8_t **cursor, const uint8_t *end, seismic_rlp_item *out,
                                            seismic_error *err);
/* Splits a list into up to cap items; *count receives the number of items. */
SEISMIC_API seismic_result seismic_rlp_list_items(const seismic_rlp_item *list, seismic_rlp_item *items, size_t cap,
                                                  size_t *count, seismic_error *err);
/* Integer views: minimal big-endian (no leading zero byte); the empty string is 0. */
SEISMIC_API seismic_result seismic_rlp_item_u64(const seismic_rlp_item *item, uint64_t *out);
SEISMIC_API seismic_result seismic_rlp_item_u256(const seismic_rlp_item *item, seismic_u256 *out);
/* Converts RLP to JSON (nested arrays of "0x.." strings) and back. */
SEISMIC_API seismic_result seismic_rlp_to_json(const uint8_t *data, size_t len, seismic_buf *json, seismic_error *err);


/*==== 5. ABI =====================================================================================*/

/* Types come from Solidity signature strings: "transfer(address to, suint256 amount)",
   "function balanceOf(address) view returns (uint256)", "event Transfer(address indexed from, ...)".
   Seismic shielded types (suintN, sintN, sbool, saddress, sbytesN, sbytes) keep their names in
   selectors and canonical signatures but are encoded exactly as their public twins. */

#define SEISMIC_ABI_MAX_DEPTH 16  /* nesting of arrays and tuples inside one parameter */
#define SEISMIC_ABI_MAX_TYPES 256 /* type nodes per signature: each elementary type, array and tuple is one */

/* "transfer(address to, suint256 amount)" → "transfer(address,suint256)" (shielded names kept,
   uint → uint256, parameter names and keywords dropped). Appended to out. */
SEISMIC_API seismic_result seismic_abi_canonical_signature(const char *signature, seismic_buf *out, seismic_error *err);
/* The first 4 bytes / all 32 bytes of keccak256(canonical signature). */
SEISMIC_API seismic_result seismic_abi_selector(const char *signature, uint8_t out[4], seismic_error *err);
SEISMIC_API seismic_result seismic_abi_event_topic(const char *signature, uint8_t out[32], seismic_error *err);
/* True if any input (recursively) is a shielded type; false also for a malformed signature. */
SEISMIC_API bool seismic_abi_has_shielded_inputs(const char *signature);
/* Appends the canonical input types "(address,suint256)" / the "returns (...)" types "(uint256,bool)"
   ("()" when the signature has no returns clause), ready for seismic_abi_encode/decode. */
SEISMIC_API seismic_result seismic_abi_input_types(const char *signature, seismic_buf *out, seismic_error *err);
SEISMIC_API seismic_result seismic_abi_output_types(const char *signature, seismic_buf *out, seismic_error *err);

/* Encoding from text, one string per argument (as a command line passes them):
     numbers   decimal or 0x hex, "-" for intN; range-checked for N bits
     address   0x + 40 hex digits; mixed case must be a valid EIP-55 checksum
     bool      true / false
     bytesN    0x + exactly 2N hex digits;  bytes: 0x + any even number of hex digits
     string    the raw text; inside arrays and tuples it may be "double-quoted" with JSON escapes
               (so that it can contain commas and brackets)
     arrays    [a, b, ...]   tuples (a, b, ...) or [a, b, ...]; nested freely
   Inside arrays and tuples any element may be double-quoted ("0x12", "5"), as in JSON.
   Errors name the argument (counted from 1): "argument 2 (uint8): 300 does not fit".
   seismic_abi_encode_call appends selector + arguments (like `cast calldata`); seismic_abi_encode
   appends the arguments only, for types "(uint256,string)" or "uint256,string". On error nothing is
   appended. */
SEISMIC_API seismic_result seismic_abi_encode_call(seismic_buf *out, const char *signature, const char *const *args,
                                                   size_t nargs, seismic_error *err);
SEISMIC_API seismic_result seismic_abi_encode(seismic_buf *out, const char *types, const char *const *args,
                                              size_t nargs, seismic_error *err);

typedef enum seismic_abi_kind {
    SEISMIC_ABI_INVALID = 0,
    SEISMIC_ABI_UINT,
    SEISMIC_ABI_INT,
    SEISMIC_ABI_ADDRESS,
    SEISMIC_ABI_BOOL,
    SEISMIC_ABI_FIXED_BYTES,
    SEISMIC_ABI_BYTES,
    SEISMIC_ABI_STRING,
    SEISMIC_ABI_ARRAY,
    SEISMIC_ABI_TUPLE
} seismic_abi_kind;

/* One decoded value. The values of a decode form a tree in pre-order: value 0 is the top tuple,
   the children of an array/tuple follow it, and .end says where its subtree ends, so the next
   sibling of values[i] is values[values[i].end]. Shielded types decode as their public twins. */
typedef struct seismic_abi_value {
    uint8_t kind;        /* seismic_abi_kind */
    uint16_t bits;       /* N of uintN/intN, 8*N of bytesN, 160 for address */
    uint32_t count;      /* direct children of arrays/tuples */
    uint32_t end;        /* index after this subtree */
    const uint8_t *data; /* 32-byte word for static elementary values; payload for bytes/string;
                            the head area for arrays/tuples (after the length word of T[]) */
    size_t len;          /* 32 / payload length / head size */
} seismic_abi_value;

/* Decodes data laid out for types ("(uint256,string)" or "uint256,string") into values (views into
   data, nothing is copied). Strict: canonical padding, in-range offsets and lengths, bools 0/1.
   Trailing bytes after the encoding are allowed. *count receives the number of values; with a
   too-small cap (values may be NULL) the whole input is still checked, *count is the number needed
   and the result is SEISMIC_ERR_CAPACITY. Work is bounded by a constant times len. */
SEISMIC_API seismic_result seismic_abi_decode(const char *types, const uint8_t *data, size_t len,
                                              seismic_abi_value *values, size_t cap, size_t *count,
                                              seismic_error *err);

/* Accessors; SEISMIC_ERR_INVALID_ARGUMENT for a value of another kind. u256 accepts uint, int (two's
   complement), address and bool; u64 also reports SEISMIC_ERR_OVERFLOW (negative ints included). */
SEISMIC_API seismic_result seismic_abi_value_u256(const seismic_abi_value *value, seismic_u256 *out);
SEISMIC_API seismic_result seismic_abi_value_u64(const seismic_abi_value *value, uint64_t *out);
SEISMIC_API seismic_result seismic_abi_value_bool(const seismic_abi_value *value, bool *out);
SEISMIC_API seismic_result seismic_abi_value_address(const seismic_abi_value *value, uint8_t out[20]);

/* Appends values[index] (and its subtree) as text or JSON.
   Text: numbers in decimal (negative for intN), addresses EIP-55, bytes 0x hex, strings raw at the
   top and "quoted" inside arrays/tuples (the argument syntax above), arrays [a, b], tuples (a, b).
   JSON: numbers as decimal strings, bools, hex and strings as JSON strings, arrays and tuples as
   arrays. */
SEISMIC_API seismic_result seismic_abi_format_value(const seismic_abi_value *values, size_t index, bool json,
                                                    seismic_buf *out);

/* Appends a message for revert data: "execution reverted" (empty), "execution reverted: <reason>"
   (Error(string)), "panic: 0x11 (arithmetic underflow or overflow)" (Panic(uint256)), otherwise
   "execution reverted: custom error 0x<selector>[: 0x<arguments>]". */
SEISMIC_API seismic_result seismic_abi_decode_revert(const uint8_t *data, size_t len, seismic_buf *message);

/*==== 6. JSON ====================================================================================*/

/* Containers nested deeper than this are rejected by the tokenizer and refused by the writer. */
#ifndef SEISMIC_JSON_MAX_DEPTH
#define SEISMIC_JSON_MAX_DEPTH 64
#endif

typedef enum seismic_json_type {
    SEISMIC_JSON_INVALID = 0,
    SEISMIC_JSON_OBJECT,
    SEISMIC_JSON_ARRAY,
    SEISMIC_JSON_STRING,
    SEISMIC_JSON_NUMBER,
    SEISMIC_JSON_TRUE,
    SEISMIC_JSON_FALSE,
    SEISMIC_JSON_NULL
} seismic_json_type;

/* Token flag: the string contains backslash escapes (its view is not its value). */
#define SEISMIC_JSON_FLAG_ESCAPES 1

/* One value of the document (16 bytes). start/len locate it in the input: for a string, the
   contents between the quotes with escapes left in place; for anything else, its whole source text.
   Tokens are in document order; an object's children are key, value, key, value, ... */
typedef struct seismic_json_token {
    uint8_t type;  /* seismic_json_type */
    uint8_t flags; /* SEISMIC_JSON_FLAG_* */
    uint32_t start;
    uint32_t len;
    uint32_t end; /* index of the first token after this token's subtree: skips to the next sibling */
} seismic_json_token;

typedef struct seismic_json {
    const char *text;
    size_t len;
    const seismic_json_token *tokens;
    size_t count;
} seismic_json;

/* Tokenizes exactly one RFC 8259 JSON value (whitespace around it allowed) into tokens[0..cap);
   token 0 is the root. Validates everything (strings, escapes, surrogate pairs, UTF-8, numbers)
   in linear time without recursion. The input must outlive json and is never modified.
   Errors: SEISMIC_ERR_PARSE (message with the byte offset), SEISMIC_ERR_TOO_DEEP (more than
   SEISMIC_JSON_MAX_DEPTH nested containers), SEISMIC_ERR_CAPACITY (too few tokens: the whole input
   is still validated, json->count tells how many tokens it needs and json->tokens is NULL),
   SEISMIC_ERR_INVALID_ARGUMENT (input longer than UINT32_MAX bytes). */
SEISMIC_API seismic_result seismic_json_parse(seismic_json *json, const char *text, size_t len,
                                              seismic_json_token *tokens, size_t cap, seismic_error *err);

/* Navigation. Indices are token indices; every function returning an index returns -1 for
   "not found", "wrong type" or an invalid index, and accepts -1 as input (so lookups chain). */

/* The value of the member named key (compared with escapes decoded); the first one if repeated. */
SEISMIC_API int seismic_json_find(const seismic_json *json, int object, const char *key);
/* Element i of an array (O(i): elements are skipped with token.end). */
SEISMIC_API int seismic_json_array_get(const seismic_json *json, int array, size_t i);
/* Number of members of an object or elements of an array; 0 for anything else. */
SEISMIC_API size_t seismic_json_size(const seismic_json *json, int container);
/* Iteration: for an array the children are its elements; for an object they are its keys, and a
   key's value is key + 1.
       for (int k = seismic_json_first_child(j, obj); k >= 0; k = seismic_json_next_sibling(j, obj, k)) */
SEISMIC_API int seismic_json_first_child(const seismic_json *json, int container);
SEISMIC_API int seismic_json_next_sibling(const seismic_json *json, int container, int child);
SEISMIC_API bool seismic_json_is(const seismic_json *json, int index, seismic_json_type type);
/* True if the token is a string whose decoded value equals s. */
SEISMIC_API bool seismic_json_string_equals(const seismic_json *json, int index, const char *s);

/* Value readers. Wrong type or malformed value: SEISMIC_ERR_INVALID_ARGUMENT; out of range:
   SEISMIC_ERR_OVERFLOW; output too small: SEISMIC_ERR_CAPACITY. On error the number and bool
   readers leave *out untouched; byte and string arrays may be partly written (a seismic_buf keeps its len). */

/* A hex quantity string ("0x1a"; leading zeros accepted) or a non-negative integer number (26). */
SEISMIC_API seismic_result seismic_json_get_u64(const seismic_json *json, int index, uint64_t *out);
/* As seismic_json_get_u64, plus decimal strings ("26"). */
SEISMIC_API seismic_result seismic_json_get_u256(const seismic_json *json, int index, seismic_u256 *out);
SEISMIC_API seismic_result seismic_json_get_bool(const seismic_json *json, int index, bool *out);
/* A "0x" hex data string with an even number of digits ("0x" is zero bytes). */
SEISMIC_API seismic_result seismic_json_get_bytes(const seismic_json *json, int index, uint8_t *out, size_t cap,
                                                  size_t *out_len);
/* Exactly n bytes (an address is 20, a hash 32). */
SEISMIC_API seismic_result seismic_json_get_bytes_exact(const seismic_json *json, int index, uint8_t *out, size_t n);
/* Appends the bytes to out. */
SEISMIC_API seismic_result seismic_json_get_bytes_buf(const seismic_json *json, int index, seismic_buf *out);
/* Decodes a string's escapes into UTF-8 and NUL-terminates; *out_len (optional) excludes the NUL.
   The value may itself contain NUL ("\u0000"), so trust *out_len over strlen. */
SEISMIC_API seismic_result seismic_json_get_string(const seismic_json *json, int index, char *out, size_t cap,
                                                   size_t *out_len);
/* Appends the decoded string to out. */
SEISMIC_API seismic_result seismic_json_get_string_buf(const seismic_json *json, int index, seismic_buf *out);
/* The exact source text of a value (a string with its quotes), to pass sub-documents through;
   NULL for an invalid index. */
SEISMIC_API const char *seismic_json_raw(const seismic_json *json, int index, size_t *len);

/* A writer appends JSON to a buffer, placing commas itself:
       seismic_json_writer w;
       seismic_json_writer_init(&w, &buf);
       seismic_json_writer_object_begin(&w);
       seismic_json_writer_key(&w, "id"); seismic_json_writer_u64(&w, 1);
       seismic_json_writer_object_end(&w);
   Misuse (nesting deeper than SEISMIC_JSON_MAX_DEPTH, closing more than was opened) sets
   buf->failed, like an allocation failure: check it once at the end. Strings are copied as given,
   so pass valid UTF-8. */
typedef struct seismic_json_writer {
    seismic_buf *buf;
    uint32_t depth;                             /* open containers */
    bool after_key;                             /* the next value completes a member: no comma */
    uint8_t need_comma[SEISMIC_JSON_MAX_DEPTH]; /* per open container: it already holds a value */
} seismic_json_writer;

SEISMIC_API void seismic_json_writer_init(seismic_json_writer *w, seismic_buf *buf);
SEISMIC_API void seismic_json_writer_object_begin(seismic_json_writer *w);
SEISMIC_API void seismic_json_writer_object_end(seismic_json_writer *w);
SEISMIC_API void seismic_json_writer_array_begin(seismic_json_writer *w);
SEISMIC_API void seismic_json_writer_array_end(seismic_json_writer *w);
SEISMIC_API void seismic_json_writer_key(seismic_json_writer *w, const char *key);
/* Quotes, backslashes and control characters are escaped. */
SEISMIC_API void seismic_json_writer_string(seismic_json_writer *w, const char *s);
SEISMIC_API void seismic_json_writer_string_n(seismic_json_writer *w, const char *s, size_t len);
/* "0x" hex data string. */
SEISMIC_API void seismic_json_writer_hex(seismic_json_writer *w, const void *data, size_t len);
/* Minimal hex quantity string: 26 → "0x1a", 0 → "0x0". */
SEISMIC_API void seismic_json_writer_quantity_u64(seismic_json_writer *w, uint64_t value);
SEISMIC_API void seismic_json_writer_quantity_u256(seismic_json_writer *w, const seismic_u256 *value);
/* A JSON number. */
SEISMIC_API void seismic_json_writer_u64(seismic_json_writer *w, uint64_t value);
SEISMIC_API void seismic_json_writer_bool(seismic_json_writer *w, bool value);
SEISMIC_API void seismic_json_writer_null(seismic_json_writer *w);
/* Splices in text that is already one valid JSON value (e.g. from seismic_json_raw). */
SEISMIC_API void seismic_json_writer_raw(seismic_json_writer *w, const char *json, size_t len);

/*==== 7. crypto ==================================================================================*/

typedef struct seismic_private_key {
    uint8_t bytes[32];
} seismic_private_key;

typedef struct seismic_address {
    uint8_t bytes[20];
} seismic_address;

/* An ECDSA signature with its recovery id (0 or 1, stored in transactions as yParity). */
typedef struct seismic_signature {
    uint8_t r[32];
    uint8_t s[32];
    uint8_t y_parity;
} seismic_signature;

/* Private keys: validated to be in [1, n-1]. Hex may carry "0x". */
SEISMIC_API seismic_result seismic_private_key_from_bytes(seismic_private_key *key, const uint8_t bytes[32]);
SEISMIC_API seismic_result seismic_private_key_from_hex(seismic_private_key *key, const char *hex);
SEISMIC_API seismic_result seismic_private_key_generate(seismic_private_key *key);
SEISMIC_API void seismic_private_key_wipe(seismic_private_key *key);

/* Public keys: 65-byte uncompressed (04 x y) or 33-byte compressed (02/03 x). */
SEISMIC_API seismic_result seismic_public_key(const seismic_private_key *key, uint8_t out[65]);
SEISMIC_API seismic_result seismic_public_key_compressed(const seismic_private_key *key, uint8_t out[33]);
/* Parses a 33- or 65-byte public key and returns it uncompressed (validates the point). */
SEISMIC_API seismic_result seismic_public_key_parse(const uint8_t *key, size_t len, uint8_t out[65]);

/* Addresses: keccak of the uncompressed key without its 04 prefix, last 20 bytes. */
SEISMIC_API void seismic_address_from_public_key(const uint8_t public_key[65], seismic_address *out);
SEISMIC_API seismic_result seismic_private_key_address(const seismic_private_key *key, seismic_address *out);
/* "0x" + 40 hex digits; a mixed-case address must carry a valid EIP-55 checksum. */
SEISMIC_API seismic_result seismic_address_parse(const char *text, size_t len, seismic_address *out);
/* EIP-55 checksummed "0x..." plus NUL (43 chars). */
SEISMIC_API void seismic_address_to_string(const seismic_address *address, char out[43]);
SEISMIC_API bool seismic_address_equal(const seismic_address *a, const seismic_address *b);

/* ECDSA over a 32-byte digest: RFC 6979 deterministic nonce, low-S, recovery id. */
SEISMIC_API seismic_result seismic_sign_hash(const seismic_private_key *key, const uint8_t hash[32],
                                             seismic_signature *out);
/* Recovers the signer; public_key may be NULL. Rejects high-S signatures. */
SEISMIC_API seismic_result seismic_recover(const uint8_t hash[32], const seismic_signature *signature,
                                           seismic_address *address, uint8_t public_key[65]);
/* EIP-191 personal message hash: keccak("\x19Ethereum Signed Message:\n" + len + message). */
SEISMIC_API void seismic_eip191_hash(const void *message, size_t len, uint8_t out[32]);

/* EIP-712 for structs of elementary types. encoded_type is the full encodeType string of the primary
   type, e.g. "Mail(Person from,Person to,string contents)Person(string name,address wallet)"; values
   are the fields of the primary type as text (numbers, addresses, true/false, 0x bytes, raw strings).
   A field whose type is another struct takes that struct's hashStruct as 0x + 64 hex digits. */
SEISMIC_API seismic_result seismic_eip712_hash_struct(const char *encoded_type, const char *const *values,
                                                      size_t count, uint8_t out[32], seismic_error *err);
/* keccak(0x19 0x01 ‖ domain_separator ‖ struct_hash) */
SEISMIC_API void seismic_eip712_digest(const uint8_t domain_separator[32], const uint8_t struct_hash[32],
                                       uint8_t out[32]);

/* The Seismic key schedule (spec §2). */
SEISMIC_API void seismic_sha256(const void *data, size_t len, uint8_t out[32]);
/* sha256 of the compressed ECDH point secret_key · public_key (libsecp256k1's default). */
SEISMIC_API seismic_result seismic_ecdh(const seismic_private_key *secret_key, const uint8_t *public_key,
                                        size_t public_key_len, uint8_t out[32]);
/* HKDF-SHA256 with no salt, 32 bytes of output. */
SEISMIC_API void seismic_hkdf_sha256(const void *ikm, size_t ikm_len, const char *info, uint8_t out[32]);
/* AES-256-GCM with a 12-byte nonce; the 16-byte tag is appended (out holds len + 16 bytes). */
SEISMIC_API void seismic_aes_gcm_encrypt(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                                         size_t aad_len, const void *plaintext, size_t len, uint8_t *out);
/* Decrypts ciphertext ‖ tag (len >= 16) into out (len - 16 bytes); SEISMIC_ERR_DECRYPT on a bad tag,
   in which case out is zeroed. */
SEISMIC_API seismic_result seismic_aes_gcm_decrypt(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                                                   size_t aad_len, const void *ciphertext, size_t len, uint8_t *out);

#define SEISMIC_HKDF_INFO_REQUEST "aes-gcm key"
#define SEISMIC_HKDF_INFO_RESPONSE "seismic/response/aes-256-gcm/v1"

/* A client's encryption state: its key pair, the network (TEE) key and the two AES keys derived
   from their ECDH secret, computed once and reused for every request. */
typedef struct seismic_encryption {
    seismic_private_key secret_key;
    uint8_t public_key[33];
    uint8_t tee_public_key[33];
    uint8_t request_key[32];
    uint8_t response_key[32];
} seismic_encryption;

/* client_secret may be NULL to generate a fresh key. tee_public_key is 33 bytes compressed. */
SEISMIC_API seismic_result seismic_encryption_init(seismic_encryption *enc, const seismic_private_key *client_secret,
                                                   const uint8_t tee_public_key[33]);
SEISMIC_API void seismic_encryption_wipe(seismic_encryption *enc);
/* 12 random bytes whose first byte is not zero (so the RLP integer keeps all 12 bytes). */
SEISMIC_API seismic_result seismic_encryption_nonce_generate(uint8_t out[12]);

/*==== 8. transactions ============================================================================*/

#define SEISMIC_TX_TYPE_LEGACY 0x00
#define SEISMIC_TX_TYPE_EIP1559 0x02
#define SEISMIC_TX_TYPE_SEISMIC 0x4a

/* An EIP-7702 authorization (item 13 of a Seismic transaction). */
typedef struct seismic_authorization {
    uint64_t chain_id;
    seismic_address address;
    uint64_t nonce;
    uint8_t y_parity;
    seismic_u256 r, s;
} seismic_authorization;

/* A Seismic transaction (type 0x4a, spec §1). `input` is the encrypted calldata (ciphertext ‖ tag);
   pointers are views that the caller keeps alive. */
typedef struct seismic_shielded_tx {
    uint64_t chain_id;
    uint64_t nonce;
    seismic_u256 gas_price; /* at most 128 bits */
    uint64_t gas;
    bool has_to; /* false: contract creation, which Seismic nodes reject */
    seismic_address to;
    seismic_u256 value;
    uint8_t encryption_pubkey[33];
    uint8_t encryption_nonce[12];
    uint8_t message_version; /* 0: raw digest, 2: EIP-712 */
    uint8_t recent_block_hash[32];
    uint64_t expires_at_block;
    bool signed_read;
    const uint8_t *input;
    size_t input_len;
    const seismic_authorization *authorizations;
    size_t authorization_count;
    seismic_signature signature;
} seismic_shielded_tx;

/* The 11-field AAD (spec §2.5) binding the ciphertext to the transaction and its sender. */
SEISMIC_API void seismic_shielded_tx_aad(const seismic_shielded_tx *tx, const seismic_address *sender, seismic_buf *out);
/* Encrypts plaintext calldata with the request key under tx's nonce and AAD (empty stays empty). */
SEISMIC_API seismic_result seismic_shielded_tx_encrypt(const seismic_shielded_tx *tx, const seismic_address *sender,
                                                       const seismic_encryption *enc, const void *plaintext, size_t len,
                                                       seismic_buf *out);
/* Decrypts input back to plaintext calldata with the request key (what the node does). */
SEISMIC_API seismic_result seismic_shielded_tx_decrypt(const seismic_shielded_tx *tx, const seismic_address *sender,
                                                       const uint8_t request_key[32], seismic_buf *out);
/* Decrypts a signed-read result or encrypted revert data with the response key: the v1 envelope
   (01 ‖ IV ‖ ct ‖ tag, AAD ‖ 01) is tried first when it fits, then the legacy form (spec §2.7, §2.9). */
SEISMIC_API seismic_result seismic_shielded_tx_decrypt_response(const seismic_shielded_tx *request,
                                                                const seismic_address *sender,
                                                                const uint8_t response_key[32], const uint8_t *data,
                                                                size_t len, seismic_buf *out);

/* 0x4a ‖ RLP(items 0..13): the v0 signing pre-image. */
SEISMIC_API seismic_result seismic_shielded_tx_encode_unsigned(const seismic_shielded_tx *tx, seismic_buf *out);
/* 0x4a ‖ RLP(items 0..16): the raw signed transaction. */
SEISMIC_API seismic_result seismic_shielded_tx_encode(const seismic_shielded_tx *tx, seismic_buf *out);
/* The digest signed for tx->message_version (0: keccak of the unsigned form, 2: EIP-712). */
SEISMIC_API seismic_result seismic_shielded_tx_signing_hash(const seismic_shielded_tx *tx, uint8_t out[32]);
SEISMIC_API seismic_result seismic_shielded_tx_sign(seismic_shielded_tx *tx, const seismic_private_key *key);
SEISMIC_API seismic_result seismic_shielded_tx_sender(const seismic_shielded_tx *tx, seismic_address *out);
/* EIP-712 pieces (spec §1.6). */
SEISMIC_API void seismic_shielded_tx_domain_separator(uint64_t chain_id, uint8_t out[32]);
SEISMIC_API void seismic_shielded_tx_struct_hash(const seismic_shielded_tx *tx, uint8_t out[32]);
SEISMIC_API void seismic_authorization_list_hash(const seismic_authorization *list, size_t count, uint8_t out[32]);
/* The typed-data request body {"data": TypedData, "signature": {...}} used by external signers (spec §3.2). */
SEISMIC_API seismic_result seismic_shielded_tx_typed_data_json(const seismic_shielded_tx *tx, seismic_buf *out);
/* Decodes a raw signed 0x4a transaction; the result points into raw. Authorizations go to
   auth (capacity auth_cap). */
SEISMIC_API seismic_result seismic_shielded_tx_decode(const uint8_t *raw, size_t len, seismic_shielded_tx *tx,
                                                      seismic_authorization *auth, size_t auth_cap, seismic_error *err);

/* Ordinary Ethereum transactions for transparent writes and deployments. */
typedef struct seismic_eth_tx {
    uint8_t type;      /* SEISMIC_TX_TYPE_LEGACY or SEISMIC_TX_TYPE_EIP1559 */
    uint64_t chain_id; /* legacy: 0 means pre-EIP-155 (no replay protection) */
    uint64_t nonce;
    seismic_u256 gas_price;                /* legacy */
    seismic_u256 max_priority_fee_per_gas; /* EIP-1559 */
    seismic_u256 max_fee_per_gas;          /* EIP-1559 */
    uint64_t gas;
    bool has_to; /* false: contract creation */
    seismic_address to;
    seismic_u256 value;
    const uint8_t *data;
    size_t data_len;
    const uint8_t *access_list; /* RLP of the EIP-2930 access list; NULL means empty */
    size_t access_list_len;
    seismic_signature signature;
} seismic_eth_tx;

SEISMIC_API seismic_result seismic_eth_tx_signing_hash(const seismic_eth_tx *tx, uint8_t out[32]);
SEISMIC_API seismic_result seismic_eth_tx_sign(seismic_eth_tx *tx, const seismic_private_key *key);
SEISMIC_API seismic_result seismic_eth_tx_encode(const seismic_eth_tx *tx, seismic_buf *out);
SEISMIC_API seismic_result seismic_eth_tx_decode(const uint8_t *raw, size_t len, seismic_eth_tx *tx, seismic_error *err);
SEISMIC_API seismic_result seismic_eth_tx_sender(const seismic_eth_tx *tx, seismic_address *out);

/* The transaction type of raw bytes: 0x4a, 0x02, 0x01, or 0 for legacy (an RLP list). */
SEISMIC_API int seismic_tx_type(const uint8_t *raw, size_t len);
/* keccak of the raw bytes: the transaction hash of any type. */
SEISMIC_API void seismic_tx_hash(const uint8_t *raw, size_t len, uint8_t out[32]);

#ifdef __cplusplus
} /* extern "C" */
#endif
#endif /* SEISMIC_H */

#if defined(SEISMIC_IMPLEMENTATION) && !defined(SEISMIC_IMPLEMENTATION_DONE_)
#define SEISMIC_IMPLEMENTATION_DONE_

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef SEISMIC_ASSERT
#include <assert.h>
#define SEISMIC_ASSERT(c) assert(c)
#endif

#if defined(__linux__)
#include <sys/random.h>
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
#include <stdlib.h> /* arc4random_buf */
#endif

#define _SEISMIC_UNUSED(x) (void)(x)

/*==== 1. base ====================================================================================*/

SEISMIC_API const char *seismic_result_string(seismic_result result) {
    static const char *const names[SEISMIC_RESULT_COUNT_] = {
        "ok", "invalid argument", "parse error", "overflow", "nesting too deep", "capacity too small",
        "out of memory", "crypto error", "decryption failed", "random source failed",
    };
    if ((unsigned)result >= (unsigned)SEISMIC_RESULT_COUNT_) return "unknown result";
    return names[result];
}

/* Records an error with a printf-style message and returns its code, so callers can write
   `return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: ...", ...)`. */
static seismic_result _seismic_fail(seismic_error *err, seismic_result result, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->result = result;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return result;
}

static void *_seismic_alloc(const seismic_allocator *a, size_t size) {
    if (a && a->alloc) return a->alloc(size, a->user_data);
    return malloc(size);
}

static void _seismic_free(const seismic_allocator *a, void *ptr) {
    if (!ptr) return;
    if (a && a->free) a->free(ptr, a->user_data);
    else free(ptr);
}

SEISMIC_API void seismic_wipe(void *ptr, size_t len) {
    volatile uint8_t *p = (volatile uint8_t *)ptr;
    while (len--) *p++ = 0;
}

SEISMIC_API bool seismic_buf_reserve(seismic_buf *buf, size_t extra) {
    if (buf->failed) return false;
    if (buf->cap - buf->len > extra) return true; /* keep one spare byte for seismic_buf_cstr */
    size_t need = buf->len + extra + 1;
    if (need < buf->len) { buf->failed = true; return false; }
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) { cap = need; break; }
        cap *= 2;
    }
    uint8_t *data = (uint8_t *)_seismic_alloc(&buf->allocator, cap);
    if (!data) { buf->failed = true; return false; }
    if (buf->len) memcpy(data, buf->data, buf->len);
    _seismic_free(&buf->allocator, buf->data);
    buf->data = data;
    buf->cap = cap;
    return true;
}

SEISMIC_API void seismic_buf_append(seismic_buf *buf, const void *data, size_t len) {
    if (!len || !seismic_buf_reserve(buf, len)) return;
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
}

SEISMIC_API void seismic_buf_append_byte(seismic_buf *buf, uint8_t byte) { seismic_buf_append(buf, &byte, 1); }

SEISMIC_API void seismic_buf_append_str(seismic_buf *buf, const char *text) {
    seismic_buf_append(buf, text, strlen(text));
}

static const char _seismic_hex_digits[] = "0123456789abcdef";

SEISMIC_API void seismic_buf_append_hex(seismic_buf *buf, const void *data, size_t len) {
    if (!seismic_buf_reserve(buf, 2 + 2 * len)) return;
    const uint8_t *p = (const uint8_t *)data;
    char *out = (char *)buf->data + buf->len;
    *out++ = '0';
    *out++ = 'x';
    for (size_t i = 0; i < len; i++) {
        *out++ = _seismic_hex_digits[p[i] >> 4];
        *out++ = _seismic_hex_digits[p[i] & 15];
    }
    buf->len += 2 + 2 * len;
}

SEISMIC_API void seismic_buf_insert(seismic_buf *buf, size_t pos, const void *data, size_t len) {
    SEISMIC_ASSERT(pos <= buf->len);
    if (!len || !seismic_buf_reserve(buf, len)) return;
    memmove(buf->data + pos + len, buf->data + pos, buf->len - pos);
    memcpy(buf->data + pos, data, len);
    buf->len += len;
}

SEISMIC_API const char *seismic_buf_cstr(seismic_buf *buf) {
    if (!seismic_buf_reserve(buf, 0)) return "";
    buf->data[buf->len] = 0;
    return (const char *)buf->data;
}

SEISMIC_API void seismic_buf_free(seismic_buf *buf) {
    _seismic_free(&buf->allocator, buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
    buf->failed = false;
}

SEISMIC_API void seismic_buf_wipe(seismic_buf *buf) {
    if (buf->data) seismic_wipe(buf->data, buf->cap);
    seismic_buf_free(buf);
}

SEISMIC_API seismic_result seismic_random_bytes(void *out, size_t len) {
#if defined(__linux__)
    uint8_t *p = (uint8_t *)out;
    while (len > 0) {
        ssize_t n = getrandom(p, len > 256 ? 256 : len, 0);
        if (n < 0) return SEISMIC_ERR_RANDOM;
        p += n;
        len -= (size_t)n;
    }
    return SEISMIC_OK;
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
    arc4random_buf(out, len);
    return SEISMIC_OK;
#else
#error "seismic.h: no CSPRNG for this platform"
#endif
}

/*==== 2. bytes ===================================================================================*/

static int _seismic_hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool _seismic_has_0x(const char *s, size_t len) { return len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'); }

SEISMIC_API void seismic_hex_encode(const void *data, size_t len, char *out) {
    const uint8_t *p = (const uint8_t *)data;
    *out++ = '0';
    *out++ = 'x';
    for (size_t i = 0; i < len; i++) {
        *out++ = _seismic_hex_digits[p[i] >> 4];
        *out++ = _seismic_hex_digits[p[i] & 15];
    }
    *out = 0;
}

SEISMIC_API seismic_result seismic_hex_decode(const char *hex, size_t hex_len, uint8_t *out, size_t cap,
                                              size_t *out_len) {
    if (_seismic_has_0x(hex, hex_len)) hex += 2, hex_len -= 2;
    if (hex_len % 2) return SEISMIC_ERR_INVALID_ARGUMENT;
    size_t n = hex_len / 2;
    if (n > cap) return SEISMIC_ERR_CAPACITY;
    for (size_t i = 0; i < n; i++) {
        int hi = _seismic_hex_value(hex[2 * i]), lo = _seismic_hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return SEISMIC_ERR_INVALID_ARGUMENT;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    if (out_len) *out_len = n;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_hex_decode_exact(const char *hex, size_t hex_len, uint8_t *out, size_t len) {
    size_t got = 0;
    size_t digits = hex_len - (_seismic_has_0x(hex, hex_len) ? 2 : 0);
    if (digits != 2 * len) return SEISMIC_ERR_INVALID_ARGUMENT;
    return seismic_hex_decode(hex, hex_len, out, len, &got);
}

SEISMIC_API seismic_result seismic_hex_decode_buf(const char *hex, size_t hex_len, seismic_buf *out) {
    size_t digits = hex_len - (_seismic_has_0x(hex, hex_len) ? 2 : 0);
    if (!seismic_buf_reserve(out, digits / 2)) return SEISMIC_ERR_NO_MEMORY;
    size_t n = 0;
    seismic_result r = seismic_hex_decode(hex, hex_len, out->data + out->len, digits / 2, &n);
    if (r == SEISMIC_OK) out->len += n;
    return r;
}

SEISMIC_API seismic_u256 seismic_u256_from_u64(uint64_t value) {
    seismic_u256 r = {{value, 0, 0, 0}};
    return r;
}

SEISMIC_API bool seismic_u256_is_zero(const seismic_u256 *v) { return !(v->w[0] | v->w[1] | v->w[2] | v->w[3]); }

SEISMIC_API int seismic_u256_cmp(const seismic_u256 *a, const seismic_u256 *b) {
    for (int i = 3; i >= 0; i--)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

SEISMIC_API bool seismic_u256_to_u64(const seismic_u256 *v, uint64_t *out) {
    if (v->w[1] | v->w[2] | v->w[3]) return false;
    *out = v->w[0];
    return true;
}

SEISMIC_API seismic_result seismic_u256_add(const seismic_u256 *a, const seismic_u256 *b, seismic_u256 *out) {
    uint64_t carry = 0;
    seismic_u256 r;
    for (int i = 0; i < 4; i++) {
        uint64_t s = a->w[i] + b->w[i];
        uint64_t c1 = s < a->w[i];
        r.w[i] = s + carry;
        carry = c1 | (r.w[i] < s);
    }
    *out = r;
    return carry ? SEISMIC_ERR_OVERFLOW : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_u256_sub(const seismic_u256 *a, const seismic_u256 *b, seismic_u256 *out) {
    uint64_t borrow = 0;
    seismic_u256 r;
    for (int i = 0; i < 4; i++) {
        uint64_t d = a->w[i] - b->w[i];
        uint64_t b1 = a->w[i] < b->w[i];
        r.w[i] = d - borrow;
        borrow = b1 | (d < borrow);
    }
    *out = r;
    return borrow ? SEISMIC_ERR_OVERFLOW : SEISMIC_OK;
}

/* 64x64→128 multiply without relying on __int128 (not in ISO C / C++). */
static uint64_t _seismic_mul64(uint64_t a, uint64_t b, uint64_t *hi) {
    uint64_t a_lo = (uint32_t)a, a_hi = a >> 32, b_lo = (uint32_t)b, b_hi = b >> 32;
    uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
    uint64_t mid = (p0 >> 32) + (uint32_t)p1 + (uint32_t)p2;
    *hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
    return (mid << 32) | (uint32_t)p0;
}

SEISMIC_API seismic_result seismic_u256_mul_u64(const seismic_u256 *a, uint64_t b, seismic_u256 *out) {
    uint64_t carry = 0;
    seismic_u256 r;
    for (int i = 0; i < 4; i++) {
        uint64_t hi;
        uint64_t lo = _seismic_mul64(a->w[i], b, &hi);
        r.w[i] = lo + carry;
        carry = hi + (r.w[i] < lo);
    }
    *out = r;
    return carry ? SEISMIC_ERR_OVERFLOW : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_u256_div_u64(const seismic_u256 *a, uint64_t b, seismic_u256 *out,
                                                uint64_t *remainder) {
    if (b == 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    seismic_u256 q = {{0, 0, 0, 0}};
    uint64_t rem = 0;
    /* 32 bits at a time when the divisor fits in 32 bits (no intermediate exceeds 64 bits),
       otherwise bit-serial. */
    if (b <= 0xffffffffu) {
        for (int i = 3; i >= 0; i--) {
            uint64_t hi = (rem << 32) | (a->w[i] >> 32);
            uint64_t qh = hi / b;
            rem = hi % b;
            uint64_t lo = (rem << 32) | (uint32_t)a->w[i];
            uint64_t ql = lo / b;
            rem = lo % b;
            q.w[i] = (qh << 32) | ql;
        }
    } else {
        for (int bit = 255; bit >= 0; bit--) {
            uint64_t top = rem >> 63;
            rem = (rem << 1) | ((a->w[bit / 64] >> (bit % 64)) & 1);
            if (top || rem >= b) {
                rem -= b;
                q.w[bit / 64] |= (uint64_t)1 << (bit % 64);
            }
        }
    }
    *out = q;
    if (remainder) *remainder = rem;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_u256_parse(const char *text, size_t len, seismic_u256 *out) {
    seismic_u256 r = {{0, 0, 0, 0}};
    if (len == 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (_seismic_has_0x(text, len)) {
        text += 2, len -= 2;
        while (len > 0 && *text == '0') text++, len--;
        if (len > 64) return SEISMIC_ERR_OVERFLOW;
        for (size_t i = 0; i < len; i++) {
            int v = _seismic_hex_value(text[i]);
            if (v < 0) return SEISMIC_ERR_INVALID_ARGUMENT;
            size_t nibble = len - 1 - i;
            r.w[nibble / 16] |= (uint64_t)v << (4 * (nibble % 16));
        }
    } else {
        for (size_t i = 0; i < len; i++) {
            if (text[i] < '0' || text[i] > '9') return SEISMIC_ERR_INVALID_ARGUMENT;
            seismic_u256 digit = seismic_u256_from_u64((uint64_t)(text[i] - '0'));
            if (seismic_u256_mul_u64(&r, 10, &r) || seismic_u256_add(&r, &digit, &r)) return SEISMIC_ERR_OVERFLOW;
        }
    }
    *out = r;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_u256_from_be(const uint8_t *bytes, size_t len, seismic_u256 *out) {
    while (len > 32 && *bytes == 0) bytes++, len--;
    if (len > 32) return SEISMIC_ERR_OVERFLOW;
    seismic_u256 r = {{0, 0, 0, 0}};
    for (size_t i = 0; i < len; i++) {
        size_t byte = len - 1 - i;
        r.w[byte / 8] |= (uint64_t)bytes[i] << (8 * (byte % 8));
    }
    *out = r;
    return SEISMIC_OK;
}

SEISMIC_API void seismic_u256_to_be(const seismic_u256 *v, uint8_t out[32]) {
    for (int i = 0; i < 32; i++) out[31 - i] = (uint8_t)(v->w[i / 8] >> (8 * (i % 8)));
}

SEISMIC_API size_t seismic_u256_byte_length(const seismic_u256 *v) {
    for (int i = 3; i >= 0; i--) {
        if (v->w[i]) {
            size_t n = 8;
            while (!(v->w[i] >> (8 * (n - 1)))) n--;
            return (size_t)i * 8 + n;
        }
    }
    return 0;
}

SEISMIC_API size_t seismic_u256_to_dec(const seismic_u256 *value, char out[79]) {
    char tmp[79];
    size_t n = 0;
    seismic_u256 v = *value;
    do {
        uint64_t rem;
        seismic_u256_div_u64(&v, 10, &v, &rem);
        tmp[n++] = (char)('0' + rem);
    } while (!seismic_u256_is_zero(&v));
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

SEISMIC_API size_t seismic_u256_to_hex(const seismic_u256 *value, char out[67]) {
    size_t n = 0;
    out[n++] = '0';
    out[n++] = 'x';
    bool started = false;
    for (int nibble = 63; nibble >= 0; nibble--) {
        unsigned d = (unsigned)(value->w[nibble / 16] >> (4 * (nibble % 16))) & 15;
        if (d || started || nibble == 0) {
            out[n++] = _seismic_hex_digits[d];
            started = true;
        }
    }
    out[n] = 0;
    return n;
}

SEISMIC_API seismic_result seismic_parse_units(const char *text, size_t len, unsigned decimals, seismic_u256 *out) {
    if (decimals > 77) return SEISMIC_ERR_INVALID_ARGUMENT;
    size_t dot = len;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '.') { dot = i; break; }
    size_t frac_len = dot < len ? len - dot - 1 : 0;
    if (dot == 0 && frac_len == 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (dot < len && frac_len == 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (frac_len > decimals) return SEISMIC_ERR_INVALID_ARGUMENT; /* would lose precision */
    seismic_u256 r = {{0, 0, 0, 0}};
    for (size_t i = 0; i < len; i++) {
        if (i == dot) continue;
        if (text[i] < '0' || text[i] > '9') return SEISMIC_ERR_INVALID_ARGUMENT;
        seismic_u256 digit = seismic_u256_from_u64((uint64_t)(text[i] - '0'));
        if (seismic_u256_mul_u64(&r, 10, &r) || seismic_u256_add(&r, &digit, &r)) return SEISMIC_ERR_OVERFLOW;
    }
    for (size_t i = frac_len; i < decimals; i++)
        if (seismic_u256_mul_u64(&r, 10, &r)) return SEISMIC_ERR_OVERFLOW;
    *out = r;
    return SEISMIC_OK;
}

SEISMIC_API size_t seismic_format_units(const seismic_u256 *value, unsigned decimals, char out[80]) {
    char digits[79];
    size_t n = seismic_u256_to_dec(value, digits), len = 0;
    if (decimals > 77) decimals = 77;
    if (n <= decimals) {
        out[len++] = '0';
        out[len++] = '.';
        for (size_t i = n; i < decimals; i++) out[len++] = '0';
        memcpy(out + len, digits, n);
        len += n;
    } else {
        memcpy(out, digits, n - decimals);
        len = n - decimals;
        out[len++] = '.';
        memcpy(out + len, digits + n - decimals, decimals);
        len += decimals;
    }
    while (out[len - 1] == '0' && decimals) len--, decimals--;
    if (out[len - 1] == '.') len--;
    out[len] = 0;
    return len;
}

/*==== 3. Keccak-256 ==============================================================================*/

#define _SEISMIC_ROL(x, n) (((x) << (n)) | ((x) >> (64 - (n))))
#define _SEISMIC_KECCAK_RATE 136

static const uint64_t _seismic_keccak_rc[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

/* Keccak-f[1600]: the 25 lanes live in locals and each round is written out in full (theta, rho
   and pi fused into the loads, chi into the stores), so the compiler keeps the state in registers. */
static void _seismic_keccak_f(uint64_t s[25]) {
    uint64_t a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4], a5 = s[5], a6 = s[6], a7 = s[7], a8 = s[8], a9 = s[9], a10 = s[10], a11 = s[11], a12 = s[12];
    uint64_t a13 = s[13], a14 = s[14], a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19], a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
    for (int round = 0; round < 24; round++) {
        uint64_t n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, n14, n15, n16, n17, n18, n19, n20, n21, n22, n23, n24;
        uint64_t c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20, c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21, c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
        uint64_t c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23, c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
        uint64_t d0 = c4 ^ _SEISMIC_ROL(c1, 1), d1 = c0 ^ _SEISMIC_ROL(c2, 1), d2 = c1 ^ _SEISMIC_ROL(c3, 1);
        uint64_t d3 = c2 ^ _SEISMIC_ROL(c4, 1), d4 = c3 ^ _SEISMIC_ROL(c0, 1);
        {
            uint64_t b0 = a0 ^ d0, b1 = _SEISMIC_ROL(a6 ^ d1, 44), b2 = _SEISMIC_ROL(a12 ^ d2, 43);
            uint64_t b3 = _SEISMIC_ROL(a18 ^ d3, 21), b4 = _SEISMIC_ROL(a24 ^ d4, 14);
            n0 = b0 ^ (~b1 & b2);
            n1 = b1 ^ (~b2 & b3);
            n2 = b2 ^ (~b3 & b4);
            n3 = b3 ^ (~b4 & b0);
            n4 = b4 ^ (~b0 & b1);
        }
        {
            uint64_t b0 = _SEISMIC_ROL(a3 ^ d3, 28), b1 = _SEISMIC_ROL(a9 ^ d4, 20), b2 = _SEISMIC_ROL(a10 ^ d0, 3);
            uint64_t b3 = _SEISMIC_ROL(a16 ^ d1, 45), b4 = _SEISMIC_ROL(a22 ^ d2, 61);
            n5 = b0 ^ (~b1 & b2);
            n6 = b1 ^ (~b2 & b3);
            n7 = b2 ^ (~b3 & b4);
            n8 = b3 ^ (~b4 & b0);
            n9 = b4 ^ (~b0 & b1);
        }
        {
            uint64_t b0 = _SEISMIC_ROL(a1 ^ d1, 1), b1 = _SEISMIC_ROL(a7 ^ d2, 6), b2 = _SEISMIC_ROL(a13 ^ d3, 25);
            uint64_t b3 = _SEISMIC_ROL(a19 ^ d4, 8), b4 = _SEISMIC_ROL(a20 ^ d0, 18);
            n10 = b0 ^ (~b1 & b2);
            n11 = b1 ^ (~b2 & b3);
            n12 = b2 ^ (~b3 & b4);
            n13 = b3 ^ (~b4 & b0);
            n14 = b4 ^ (~b0 & b1);
        }
        {
            uint64_t b0 = _SEISMIC_ROL(a4 ^ d4, 27), b1 = _SEISMIC_ROL(a5 ^ d0, 36), b2 = _SEISMIC_ROL(a11 ^ d1, 10);
            uint64_t b3 = _SEISMIC_ROL(a17 ^ d2, 15), b4 = _SEISMIC_ROL(a23 ^ d3, 56);
            n15 = b0 ^ (~b1 & b2);
            n16 = b1 ^ (~b2 & b3);
            n17 = b2 ^ (~b3 & b4);
            n18 = b3 ^ (~b4 & b0);
            n19 = b4 ^ (~b0 & b1);
        }
        {
            uint64_t b0 = _SEISMIC_ROL(a2 ^ d2, 62), b1 = _SEISMIC_ROL(a8 ^ d3, 55), b2 = _SEISMIC_ROL(a14 ^ d4, 39);
            uint64_t b3 = _SEISMIC_ROL(a15 ^ d0, 41), b4 = _SEISMIC_ROL(a21 ^ d1, 2);
            n20 = b0 ^ (~b1 & b2);
            n21 = b1 ^ (~b2 & b3);
            n22 = b2 ^ (~b3 & b4);
            n23 = b3 ^ (~b4 & b0);
            n24 = b4 ^ (~b0 & b1);
        }
        a0 = n0; a1 = n1; a2 = n2; a3 = n3; a4 = n4; a5 = n5; a6 = n6; a7 = n7; a8 = n8; a9 = n9; a10 = n10; a11 = n11; a12 = n12; a13 = n13; a14 = n14; a15 = n15; a16 = n16; a17 = n17; a18 = n18; a19 = n19; a20 = n20; a21 = n21; a22 = n22; a23 = n23; a24 = n24;
        a0 ^= _seismic_keccak_rc[round];
    }
    s[0] = a0;
    s[1] = a1;
    s[2] = a2;
    s[3] = a3;
    s[4] = a4;
    s[5] = a5;
    s[6] = a6;
    s[7] = a7;
    s[8] = a8;
    s[9] = a9;
    s[10] = a10;
    s[11] = a11;
    s[12] = a12;
    s[13] = a13;
    s[14] = a14;
    s[15] = a15;
    s[16] = a16;
    s[17] = a17;
    s[18] = a18;
    s[19] = a19;
    s[20] = a20;
    s[21] = a21;
    s[22] = a22;
    s[23] = a23;
    s[24] = a24;
}

static uint64_t _seismic_load64_le(const uint8_t *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

SEISMIC_API void seismic_keccak_init(seismic_keccak *ctx) { memset(ctx, 0, sizeof *ctx); }

SEISMIC_API void seismic_keccak_update(seismic_keccak *ctx, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    while (len > 0 && ctx->pos != 0) { /* finish a partial block byte by byte */
        ctx->state[ctx->pos / 8] ^= (uint64_t)*p++ << (8 * (ctx->pos % 8));
        len--;
        if (++ctx->pos == _SEISMIC_KECCAK_RATE) { _seismic_keccak_f(ctx->state); ctx->pos = 0; }
    }
    while (len >= _SEISMIC_KECCAK_RATE) { /* whole blocks a lane at a time */
        for (int i = 0; i < _SEISMIC_KECCAK_RATE / 8; i++) ctx->state[i] ^= _seismic_load64_le(p + 8 * i);
        _seismic_keccak_f(ctx->state);
        p += _SEISMIC_KECCAK_RATE;
        len -= _SEISMIC_KECCAK_RATE;
    }
    for (; len > 0; len--, ctx->pos++) ctx->state[ctx->pos / 8] ^= (uint64_t)*p++ << (8 * (ctx->pos % 8));
}

SEISMIC_API void seismic_keccak_final(seismic_keccak *ctx, uint8_t out[32]) {
    /* Keccak padding (0x01 ... 0x80), not SHA-3's 0x06. */
    ctx->state[ctx->pos / 8] ^= (uint64_t)0x01 << (8 * (ctx->pos % 8));
    ctx->state[(_SEISMIC_KECCAK_RATE - 1) / 8] ^= (uint64_t)0x80 << 56;
    _seismic_keccak_f(ctx->state);
    for (int i = 0; i < 32; i++) out[i] = (uint8_t)(ctx->state[i / 8] >> (8 * (i % 8)));
}

SEISMIC_API void seismic_keccak256(const void *data, size_t len, uint8_t out[32]) {
    seismic_keccak ctx;
    seismic_keccak_init(&ctx);
    seismic_keccak_update(&ctx, data, len);
    seismic_keccak_final(&ctx, out);
}

/*==== 4. RLP =====================================================================================*/

static void _seismic_rlp_put_header(seismic_buf *buf, uint8_t short_base, size_t len) {
    if (len < 56) {
        seismic_buf_append_byte(buf, (uint8_t)(short_base + len));
        return;
    }
    uint8_t be[9];
    size_t n = 0;
    for (size_t v = len; v; v >>= 8) n++;
    be[0] = (uint8_t)(short_base + 55 + n);
    for (size_t i = 0; i < n; i++) be[n - i] = (uint8_t)(len >> (8 * i));
    seismic_buf_append(buf, be, n + 1);
}

SEISMIC_API void seismic_rlp_put_bytes(seismic_buf *buf, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    if (len == 1 && p[0] < 0x80) {
        seismic_buf_append_byte(buf, p[0]);
        return;
    }
    _seismic_rlp_put_header(buf, 0x80, len);
    seismic_buf_append(buf, p, len);
}

SEISMIC_API void seismic_rlp_put_u64(seismic_buf *buf, uint64_t value) {
    uint8_t be[8];
    size_t n = 0;
    for (uint64_t v = value; v; v >>= 8) n++;
    for (size_t i = 0; i < n; i++) be[n - 1 - i] = (uint8_t)(value >> (8 * i));
    seismic_rlp_put_bytes(buf, be, n);
}

SEISMIC_API void seismic_rlp_put_u256(seismic_buf *buf, const seismic_u256 *value) {
    uint8_t be[32];
    seismic_u256_to_be(value, be);
    size_t n = seismic_u256_byte_length(value);
    seismic_rlp_put_bytes(buf, be + 32 - n, n);
}

SEISMIC_API size_t seismic_rlp_list_begin(seismic_buf *buf) { return buf->len; }

SEISMIC_API void seismic_rlp_list_end(seismic_buf *buf, size_t begin) {
    if (buf->failed) return;
    seismic_buf header = {NULL, 0, 0, false, buf->allocator};
    uint8_t small[9];
    size_t payload = buf->len - begin;
    /* The header is at most 9 bytes: build it on the stack, then insert it before the payload. */
    header.data = small;
    header.cap = sizeof small + 1;
    _seismic_rlp_put_header(&header, 0xc0, payload);
    seismic_buf_insert(buf, begin, small, header.len);
}

/* Reads one item header at p (< end). Strict: canonical lengths only. */
static seismic_result _seismic_rlp_header(const uint8_t *start, const uint8_t *p, const uint8_t *end,
                                          seismic_rlp_item *out, const uint8_t **next, seismic_error *err) {
    size_t offset = (size_t)(p - start), avail = (size_t)(end - p);
    uint8_t b = p[0];
    size_t header_len, len;
    bool is_list = b >= 0xc0;
    if (b < 0x80) {
        out->payload = p;
        out->len = 1;
        out->is_list = false;
        *next = p + 1;
        return SEISMIC_OK;
    }
    uint8_t base = is_list ? 0xc0 : 0x80;
    if (b - base < 56) {
        header_len = 1;
        len = (size_t)(b - base);
        if (!is_list && len == 1) {
            if (avail < 2) return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: truncated string at offset %zu", offset);
            if (p[1] < 0x80)
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: non-canonical single byte at offset %zu", offset);
        }
    } else {
        size_t n = (size_t)(b - base - 55);
        if (avail < 1 + n) return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: truncated length at offset %zu", offset);
        if (p[1] == 0)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: length with leading zero at offset %zu", offset);
        if (n > sizeof(size_t))
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: length too large at offset %zu", offset);
        len = 0;
        for (size_t i = 0; i < n; i++) len = len << 8 | p[1 + i];
        if (len < 56)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: long form for a short length at offset %zu", offset);
        header_len = 1 + n;
    }
    if (len > avail - header_len)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: %s at offset %zu runs past the end of the input",
                             is_list ? "list" : "string", offset);
    out->payload = p + header_len;
    out->len = len;
    out->is_list = is_list;
    *next = p + header_len + len;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_rlp_next(const uint8_t **cursor, const uint8_t *end, seismic_rlp_item *out,
                                            seismic_error *err) {
    if (*cursor >= end) return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: no more items in the list");
    return _seismic_rlp_header(*cursor, *cursor, end, out, cursor, err);
}

SEISMIC_API seismic_result seismic_rlp_decode(const uint8_t *data, size_t len, seismic_rlp_item *out,
                                              seismic_error *err) {
    if (len == 0) return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: empty input");
    const uint8_t *next;
    seismic_result r = _seismic_rlp_header(data, data, data + len, out, &next, err);
    if (r) return r;
    if (next != data + len)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: %zu trailing bytes after the item", (size_t)(data + len - next));
    /* Validate everything inside with an explicit stack of list ends instead of recursion. */
    const uint8_t *stack[SEISMIC_RLP_MAX_DEPTH];
    size_t depth = 0;
    const uint8_t *p = out->is_list ? out->payload : data + len;
    const uint8_t *list_end = out->payload + out->len;
    for (;;) {
        if (p == list_end) {
            if (depth == 0) break;
            list_end = stack[--depth];
            continue;
        }
        seismic_rlp_item item;
        const uint8_t *after;
        r = _seismic_rlp_header(data, p, list_end, &item, &after, err);
        if (r) return r;
        if (item.is_list) {
            if (depth + 1 >= SEISMIC_RLP_MAX_DEPTH)
                return _seismic_fail(err, SEISMIC_ERR_TOO_DEEP, "rlp: lists nested deeper than %d at offset %zu",
                                     SEISMIC_RLP_MAX_DEPTH, (size_t)(p - data));
            stack[depth++] = list_end;
            list_end = after;
            p = item.payload;
        } else {
            p = after;
        }
    }
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_rlp_list_items(const seismic_rlp_item *list, seismic_rlp_item *items, size_t cap,
                                                  size_t *count, seismic_error *err) {
    if (!list->is_list) return _seismic_fail(err, SEISMIC_ERR_PARSE, "rlp: expected a list, found a string");
    const uint8_t *p = list->payload, *end = list->payload + list->len;
    size_t n = 0;
    while (p < end) {
        if (n == cap) return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "rlp: more than %zu items in the list", cap);
        seismic_result r = seismic_rlp_next(&p, end, &items[n], err);
        if (r) return r;
        n++;
    }
    *count = n;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_rlp_item_u64(const seismic_rlp_item *item, uint64_t *out) {
    if (item->is_list || item->len > 8 || (item->len > 0 && item->payload[0] == 0)) return SEISMIC_ERR_PARSE;
    uint64_t v = 0;
    for (size_t i = 0; i < item->len; i++) v = v << 8 | item->payload[i];
    *out = v;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_rlp_item_u256(const seismic_rlp_item *item, seismic_u256 *out) {
    if (item->is_list || item->len > 32 || (item->len > 0 && item->payload[0] == 0)) return SEISMIC_ERR_PARSE;
    return seismic_u256_from_be(item->payload, item->len, out);
}

SEISMIC_API seismic_result seismic_rlp_to_json(const uint8_t *data, size_t len, seismic_buf *json, seismic_error *err) {
    seismic_rlp_item root = {NULL, 0, false};
    seismic_result r = seismic_rlp_decode(data, len, &root, err); /* validated: the walk below cannot fail */
    if (r) return r;
    if (!root.is_list) {
        seismic_buf_append_byte(json, '"');
        seismic_buf_append_hex(json, root.payload, root.len);
        seismic_buf_append_byte(json, '"');
        return json->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    }
    const uint8_t *stack[SEISMIC_RLP_MAX_DEPTH];
    size_t depth = 0;
    const uint8_t *p = root.payload, *list_end = root.payload + root.len;
    seismic_buf_append_byte(json, '[');
    bool first = true;
    for (;;) {
        if (p == list_end) {
            seismic_buf_append_byte(json, ']');
            if (depth == 0) break;
            list_end = stack[--depth];
            first = false;
            continue;
        }
        seismic_rlp_item item;
        seismic_rlp_next(&p, list_end, &item, NULL);
        if (!first) seismic_buf_append_byte(json, ',');
        first = false;
        if (item.is_list) {
            seismic_buf_append_byte(json, '[');
            stack[depth++] = list_end;
            list_end = p;
            p = item.payload;
            first = true;
        } else {
            seismic_buf_append_byte(json, '"');
            seismic_buf_append_hex(json, item.payload, item.len);
            seismic_buf_append_byte(json, '"');
        }
    }
    return json->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

/*==== 5. ABI =====================================================================================*/

/* A parsed type is a tree of nodes in pre-order, like seismic_abi_value: an array's element type is
   the next node, a tuple's members follow it one subtree after another. */
typedef struct _seismic_abi_type {
    uint8_t kind;    /* seismic_abi_kind */
    bool shielded;   /* spelled with the Seismic "s" prefix */
    bool dynamic;    /* encoded out of line, behind an offset */
    uint16_t bits;   /* N of uintN/intN, 8*N of bytesN, 160 for address */
    uint16_t count;  /* members of a tuple */
    uint16_t end;    /* node index after this subtree */
    uint32_t length; /* elements of a fixed array, 0 for T[] */
    uint32_t head;   /* bytes taken in the enclosing head: 32 if dynamic, else the static size */
} _seismic_abi_type;

typedef struct _seismic_abi_types {
    _seismic_abi_type node[SEISMIC_ABI_MAX_TYPES];
    uint16_t count;
    uint16_t outputs; /* node of the "returns (...)" tuple; 0 = none (node 0 is always the inputs) */
    const char *name; /* function name of a signature */
    size_t name_len;
} _seismic_abi_types;

typedef struct _seismic_abi_parser {
    _seismic_abi_types *types;
    const char *text, *p;
    seismic_error *err;
} _seismic_abi_parser;

static bool _seismic_abi_is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool _seismic_abi_is_digit(char c) { return c >= '0' && c <= '9'; }
static bool _seismic_abi_is_ident(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || _seismic_abi_is_digit(c) || c == '_' || c == '$';
}

static void _seismic_abi_skip_space(_seismic_abi_parser *P) {
    while (_seismic_abi_is_space(*P->p)) P->p++;
}

static seismic_result _seismic_abi_syntax(_seismic_abi_parser *P, const char *what) {
    return _seismic_fail(P->err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: %s at offset %zu of \"%.60s\"", what,
                         (size_t)(P->p - P->text), P->text);
}

/* True if text[0..len) is exactly the word. */
static bool _seismic_abi_word_is(const char *text, size_t len, const char *word) {
    return strlen(word) == len && memcmp(text, word, len) == 0;
}

/* A decimal without leading zeros, at most max. */
static bool _seismic_abi_read_decimal(const char **p, uint32_t max, uint32_t *out) {
    const char *s = *p;
    uint64_t value = 0;
    if (!_seismic_abi_is_digit(*s) || (*s == '0' && _seismic_abi_is_digit(s[1]))) return false;
    for (; _seismic_abi_is_digit(*s); s++) {
        value = value * 10 + (uint64_t)(*s - '0');
        if (value > max) return false;
    }
    *p = s;
    *out = (uint32_t)value;
    return true;
}

static seismic_result _seismic_abi_new_node(_seismic_abi_parser *P, uint16_t *index) {
    _seismic_abi_types *T = P->types;
    if (T->count >= SEISMIC_ABI_MAX_TYPES)
        return _seismic_fail(P->err, SEISMIC_ERR_CAPACITY, "abi: more than %d types in \"%.60s\"",
                             SEISMIC_ABI_MAX_TYPES, P->text);
    *index = T->count++;
    memset(&T->node[*index], 0, sizeof T->node[*index]);
    T->node[*index].end = T->count;
    return SEISMIC_OK;
}

static seismic_result _seismic_abi_parse_elementary(_seismic_abi_parser *P, _seismic_abi_type *t) {
    const char *word = P->p;
    while (_seismic_abi_is_ident(*P->p)) P->p++;
    size_t name_len = (size_t)(P->p - word);
    while (name_len > 0 && _seismic_abi_is_digit(word[name_len - 1])) name_len--;
    const char *name = word, *digits = word + name_len;
    bool has_size = digits != P->p;
    uint32_t size = 0;
    if (has_size && (!_seismic_abi_read_decimal(&digits, 256, &size) || digits != P->p)) {
        P->p = word;
        return _seismic_abi_syntax(P, "bad type size");
    }
    if (name_len > 1 && name[0] == 's' && !_seismic_abi_word_is(name, name_len, "string")) {
        t->shielded = true;
        name++, name_len--;
    }
    t->head = 32;
    if (_seismic_abi_word_is(name, name_len, "uint") || _seismic_abi_word_is(name, name_len, "int")) {
        t->kind = name[0] == 'u' ? SEISMIC_ABI_UINT : SEISMIC_ABI_INT;
        t->bits = (uint16_t)(has_size ? size : 256);
        if (t->bits == 0 || t->bits % 8) {
            P->p = word;
            return _seismic_abi_syntax(P, "integer size must be 8..256 in steps of 8");
        }
    } else if (_seismic_abi_word_is(name, name_len, "bytes") && has_size) {
        t->kind = SEISMIC_ABI_FIXED_BYTES;
        t->bits = (uint16_t)(8 * size);
        if (size == 0 || size > 32) {
            P->p = word;
            return _seismic_abi_syntax(P, "bytesN needs N in 1..32");
        }
    } else if (has_size) {
        P->p = word;
        return _seismic_abi_syntax(P, "unknown type");
    } else if (_seismic_abi_word_is(name, name_len, "address")) {
        t->kind = SEISMIC_ABI_ADDRESS;
        t->bits = 160;
    } else if (_seismic_abi_word_is(name, name_len, "bool")) {
        t->kind = SEISMIC_ABI_BOOL;
    } else if (_seismic_abi_word_is(name, name_len, "bytes")) {
        t->kind = SEISMIC_ABI_BYTES;
        t->dynamic = true;
    } else if (_seismic_abi_word_is(name, name_len, "string") && !t->shielded) {
        t->kind = SEISMIC_ABI_STRING;
        t->dynamic = true;
    } else {
        P->p = word;
        return _seismic_abi_syntax(P, name_len ? "unknown type" : "expected a type");
    }
    return SEISMIC_OK;
}

/* Sets a tuple's size and dynamism from its members (which end at the current node count). */
static seismic_result _seismic_abi_finish_tuple(_seismic_abi_parser *P, uint16_t index, uint16_t members) {
    _seismic_abi_types *T = P->types;
    _seismic_abi_type *t = &T->node[index];
    uint64_t size = 0;
    t->kind = SEISMIC_ABI_TUPLE;
    t->count = members;
    t->end = T->count;
    for (uint16_t c = (uint16_t)(index + 1), i = 0; i < members; c = T->node[c].end, i++) {
        t->dynamic = t->dynamic || T->node[c].dynamic;
        size += T->node[c].head;
    }
    if (size > UINT32_MAX) return _seismic_abi_syntax(P, "type too large");
    t->head = t->dynamic ? 32 : (uint32_t)size;
    return SEISMIC_OK;
}

static seismic_result _seismic_abi_parse_list(_seismic_abi_parser *P, int depth, char close, uint16_t *members,
                                              int *height);

/* Parses one type with its array suffixes; *height is its nesting (0 for elementary types). */
static seismic_result _seismic_abi_parse_type(_seismic_abi_parser *P, int depth, int *height) {
    _seismic_abi_types *T = P->types;
    uint16_t start;
    seismic_result r;
    if (depth > SEISMIC_ABI_MAX_DEPTH)
        return _seismic_fail(P->err, SEISMIC_ERR_TOO_DEEP, "abi: types nested deeper than %d", SEISMIC_ABI_MAX_DEPTH);
    _seismic_abi_skip_space(P);
    if (strncmp(P->p, "tuple", 5) == 0 && !_seismic_abi_is_ident(P->p[5])) {
        P->p += 5;
        _seismic_abi_skip_space(P);
        if (*P->p != '(') return _seismic_abi_syntax(P, "expected '(' after tuple");
    }
    if ((r = _seismic_abi_new_node(P, &start))) return r;
    if (*P->p == '(') {
        uint16_t members;
        P->p++;
        if ((r = _seismic_abi_parse_list(P, depth + 1, ')', &members, height))) return r;
        if (members == 0) return _seismic_abi_syntax(P, "empty tuple");
        if ((r = _seismic_abi_finish_tuple(P, start, members))) return r;
        ++*height;
    } else {
        if ((r = _seismic_abi_parse_elementary(P, &T->node[start]))) return r;
        *height = 0;
    }
    for (;;) { /* T[2][] is a dynamic array of T[2]: each suffix wraps everything before it */
        uint32_t length = 0;
        uint16_t spare;
        _seismic_abi_skip_space(P);
        if (*P->p != '[') break;
        P->p++;
        _seismic_abi_skip_space(P);
        if (*P->p != ']') {
            if (!_seismic_abi_read_decimal(&P->p, UINT32_MAX, &length) || length == 0)
                return _seismic_abi_syntax(P, "array length must be 1..4294967295");
            _seismic_abi_skip_space(P);
            if (*P->p != ']') return _seismic_abi_syntax(P, "expected ']'");
        }
        P->p++;
        if (++*height > SEISMIC_ABI_MAX_DEPTH)
            return _seismic_fail(P->err, SEISMIC_ERR_TOO_DEEP, "abi: types nested deeper than %d", SEISMIC_ABI_MAX_DEPTH);
        if ((r = _seismic_abi_new_node(P, &spare))) return r;
        memmove(&T->node[start + 1], &T->node[start], (size_t)(T->count - 1 - start) * sizeof T->node[0]);
        for (uint16_t i = (uint16_t)(start + 1); i < T->count; i++) T->node[i].end++;
        _seismic_abi_type *array = &T->node[start];
        const _seismic_abi_type *element = &T->node[start + 1];
        uint64_t size = (uint64_t)length * element->head;
        memset(array, 0, sizeof *array);
        array->kind = SEISMIC_ABI_ARRAY;
        array->length = length;
        array->end = T->count;
        array->dynamic = length == 0 || element->dynamic;
        if (!array->dynamic && size > UINT32_MAX) return _seismic_abi_syntax(P, "type too large");
        array->head = array->dynamic ? 32 : (uint32_t)size;
    }
    return SEISMIC_OK;
}

/* Parses "T1 name, T2 indexed name, ..." up to close (')' or the end of the text). Words after a
   type (parameter names, indexed, memory, calldata, storage, payable) are skipped. */
static seismic_result _seismic_abi_parse_list(_seismic_abi_parser *P, int depth, char close, uint16_t *members,
                                              int *height) {
    *members = 0;
    *height = 0;
    _seismic_abi_skip_space(P);
    if (*P->p == close) {
        if (close) P->p++;
        return SEISMIC_OK;
    }
    for (;;) {
        int h;
        seismic_result r = _seismic_abi_parse_type(P, depth, &h);
        if (r) return r;
        if (h > *height) *height = h;
        ++*members;
        for (;;) {
            _seismic_abi_skip_space(P);
            if (!_seismic_abi_is_ident(*P->p)) break;
            while (_seismic_abi_is_ident(*P->p)) P->p++;
        }
        if (*P->p == ',') {
            P->p++;
            continue;
        }
        if (*P->p != close) return _seismic_abi_syntax(P, close ? "expected ',' or ')'" : "expected ','");
        if (close) P->p++;
        return SEISMIC_OK;
    }
}

/* Parses a parameter list into a tuple node (the next node). */
static seismic_result _seismic_abi_parse_params(_seismic_abi_parser *P, char close) {
    uint16_t index, members;
    int height;
    seismic_result r;
    if ((r = _seismic_abi_new_node(P, &index))) return r;
    if ((r = _seismic_abi_parse_list(P, 0, close, &members, &height))) return r;
    return _seismic_abi_finish_tuple(P, index, members);
}

static void _seismic_abi_parser_init(_seismic_abi_parser *P, _seismic_abi_types *T, const char *text,
                                     seismic_error *err) {
    P->types = T;
    P->text = P->p = text;
    P->err = err;
    T->count = T->outputs = 0;
    T->name = NULL;
    T->name_len = 0;
}

/* Types for encode/decode: "uint256,string", or "(uint256,string)" meaning the same list
   (a single tuple argument is written "((uint256,string))"). */
static seismic_result _seismic_abi_parse_type_list(const char *text, _seismic_abi_types *T, seismic_error *err) {
    _seismic_abi_parser P;
    if (!text) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: no types");
    _seismic_abi_parser_init(&P, T, text, err);
    _seismic_abi_skip_space(&P);
    if (*P.p == '(') {
        P.p++;
        if (_seismic_abi_parse_params(&P, ')') == SEISMIC_OK) {
            _seismic_abi_skip_space(&P);
            if (!*P.p) return SEISMIC_OK;
        }
        _seismic_abi_parser_init(&P, T, text, err); /* "(uint256,string)[],bool": a list after all */
    }
    return _seismic_abi_parse_params(&P, '\0');
}

/* "[function|event|error] name(params) [modifiers] [returns (params)] [;]" */
static seismic_result _seismic_abi_parse_signature(const char *signature, _seismic_abi_types *T, seismic_error *err) {
    static const char *const keywords[] = {"function", "event", "error"};
    _seismic_abi_parser P;
    seismic_result r;
    if (!signature) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: no signature");
    _seismic_abi_parser_init(&P, T, signature, err);
    _seismic_abi_skip_space(&P);
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        size_t n = strlen(keywords[i]);
        if (strncmp(P.p, keywords[i], n) == 0 && _seismic_abi_is_space(P.p[n])) {
            P.p += n;
            _seismic_abi_skip_space(&P);
            break;
        }
    }
    T->name = P.p;
    while (_seismic_abi_is_ident(*P.p)) P.p++;
    T->name_len = (size_t)(P.p - T->name);
    if (T->name_len == 0 || _seismic_abi_is_digit(*T->name)) return _seismic_abi_syntax(&P, "expected a name");
    _seismic_abi_skip_space(&P);
    if (*P.p != '(') return _seismic_abi_syntax(&P, "expected '('");
    P.p++;
    if ((r = _seismic_abi_parse_params(&P, ')'))) return r;
    for (;;) {
        _seismic_abi_skip_space(&P);
        if (*P.p == ';') {
            P.p++;
            _seismic_abi_skip_space(&P);
            if (*P.p) return _seismic_abi_syntax(&P, "text after ';'");
        }
        if (!*P.p) return SEISMIC_OK;
        const char *word = P.p;
        while (_seismic_abi_is_ident(*P.p)) P.p++;
        if (P.p == word) return _seismic_abi_syntax(&P, "unexpected character");
        if (!_seismic_abi_word_is(word, (size_t)(P.p - word), "returns")) continue; /* view, external, ... */
        _seismic_abi_skip_space(&P);
        if (*P.p != '(' || T->outputs) return _seismic_abi_syntax(&P, "expected one '(' after returns");
        P.p++;
        T->outputs = T->count;
        if ((r = _seismic_abi_parse_params(&P, ')'))) return r;
    }
}

static void _seismic_abi_write_type(seismic_buf *out, const _seismic_abi_types *T, uint16_t index);

static void _seismic_abi_write_members(seismic_buf *out, const _seismic_abi_types *T, uint16_t index) {
    uint16_t c = (uint16_t)(index + 1);
    seismic_buf_append_byte(out, '(');
    for (uint16_t i = 0; i < T->node[index].count; i++, c = T->node[c].end) {
        if (i) seismic_buf_append_byte(out, ',');
        _seismic_abi_write_type(out, T, c);
    }
    seismic_buf_append_byte(out, ')');
}

/* Canonical spelling; recursion is bounded by SEISMIC_ABI_MAX_DEPTH. */
static void _seismic_abi_write_type(seismic_buf *out, const _seismic_abi_types *T, uint16_t index) {
    const _seismic_abi_type *t = &T->node[index];
    char text[24];
    switch (t->kind) {
    case SEISMIC_ABI_TUPLE: _seismic_abi_write_members(out, T, index); return;
    case SEISMIC_ABI_ARRAY:
        _seismic_abi_write_type(out, T, (uint16_t)(index + 1));
        if (t->length) snprintf(text, sizeof text, "[%lu]", (unsigned long)t->length);
        else snprintf(text, sizeof text, "[]");
        seismic_buf_append_str(out, text);
        return;
    case SEISMIC_ABI_UINT: snprintf(text, sizeof text, "uint%u", (unsigned)t->bits); break;
    case SEISMIC_ABI_INT: snprintf(text, sizeof text, "int%u", (unsigned)t->bits); break;
    case SEISMIC_ABI_FIXED_BYTES: snprintf(text, sizeof text, "bytes%u", (unsigned)t->bits / 8); break;
    case SEISMIC_ABI_ADDRESS: snprintf(text, sizeof text, "address"); break;
    case SEISMIC_ABI_BOOL: snprintf(text, sizeof text, "bool"); break;
    case SEISMIC_ABI_BYTES: snprintf(text, sizeof text, "bytes"); break;
    default: snprintf(text, sizeof text, "string"); break;
    }
    if (t->shielded) seismic_buf_append_byte(out, 's');
    seismic_buf_append_str(out, text);
}

static seismic_result _seismic_abi_out_of_memory(seismic_error *err) {
    return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "abi: out of memory");
}

SEISMIC_API seismic_result seismic_abi_canonical_signature(const char *signature, seismic_buf *out, seismic_error *err) {
    _seismic_abi_types T;
    seismic_result r = _seismic_abi_parse_signature(signature, &T, err);
    if (r) return r;
    seismic_buf_append(out, T.name, T.name_len);
    _seismic_abi_write_members(out, &T, 0);
    return out->failed ? _seismic_abi_out_of_memory(err) : SEISMIC_OK;
}

static seismic_result _seismic_abi_signature_hash(const char *signature, uint8_t hash[32], seismic_error *err) {
    seismic_buf canonical;
    memset(&canonical, 0, sizeof canonical);
    seismic_result r = seismic_abi_canonical_signature(signature, &canonical, err);
    if (r == SEISMIC_OK) seismic_keccak256(canonical.data, canonical.len, hash);
    seismic_buf_free(&canonical);
    return r;
}

SEISMIC_API seismic_result seismic_abi_selector(const char *signature, uint8_t out[4], seismic_error *err) {
    uint8_t hash[32];
    seismic_result r = _seismic_abi_signature_hash(signature, hash, err);
    if (r == SEISMIC_OK) memcpy(out, hash, 4);
    return r;
}

SEISMIC_API seismic_result seismic_abi_event_topic(const char *signature, uint8_t out[32], seismic_error *err) {
    return _seismic_abi_signature_hash(signature, out, err);
}

SEISMIC_API bool seismic_abi_has_shielded_inputs(const char *signature) {
    _seismic_abi_types T;
    if (_seismic_abi_parse_signature(signature, &T, NULL)) return false;
    for (uint16_t i = 1; i < T.node[0].end; i++)
        if (T.node[i].shielded) return true;
    return false;
}

SEISMIC_API seismic_result seismic_abi_input_types(const char *signature, seismic_buf *out, seismic_error *err) {
    _seismic_abi_types T;
    seismic_result r = _seismic_abi_parse_signature(signature, &T, err);
    if (r) return r;
    _seismic_abi_write_members(out, &T, 0);
    return out->failed ? _seismic_abi_out_of_memory(err) : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_output_types(const char *signature, seismic_buf *out, seismic_error *err) {
    _seismic_abi_types T;
    seismic_result r = _seismic_abi_parse_signature(signature, &T, err);
    if (r) return r;
    if (T.outputs) _seismic_abi_write_members(out, &T, T.outputs);
    else seismic_buf_append_str(out, "()");
    return out->failed ? _seismic_abi_out_of_memory(err) : SEISMIC_OK;
}

/*---- EIP-55 (kept here because the crypto layer comes after this one) ----*/

/* The 40 hex digits of an address with EIP-55 capitalisation. */
static void _seismic_abi_checksum_hex(const uint8_t address[20], char out[41]) {
    uint8_t hash[32];
    for (int i = 0; i < 20; i++) {
        out[2 * i] = _seismic_hex_digits[address[i] >> 4];
        out[2 * i + 1] = _seismic_hex_digits[address[i] & 15];
    }
    seismic_keccak256(out, 40, hash);
    for (int i = 0; i < 40; i++) {
        unsigned nibble = (unsigned)(i % 2 ? hash[i / 2] & 15 : hash[i / 2] >> 4);
        if (out[i] >= 'a' && nibble >= 8) out[i] = (char)(out[i] - 'a' + 'A');
    }
    out[40] = 0;
}

/*---- encoding ----*/

typedef struct _seismic_abi_encoder {
    const _seismic_abi_types *types;
    seismic_buf *out;
    size_t arg_index;  /* the top-level argument being encoded */
    uint16_t arg_type; /* and its type node */
    char problem[128]; /* what is wrong with it */
} _seismic_abi_encoder;

static seismic_result _seismic_abi_bad(_seismic_abi_encoder *E, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(E->problem, sizeof E->problem, fmt, ap);
    va_end(ap);
    return SEISMIC_ERR_INVALID_ARGUMENT;
}

/* Enough of a bad value to recognise it in a message. */
#define _SEISMIC_ABI_SHOWN(len) (int)((len) > 48 ? 48 : (len))

static void _seismic_abi_put_zeros(seismic_buf *out, size_t n) {
    if (!seismic_buf_reserve(out, n)) return;
    memset(out->data + out->len, 0, n);
    out->len += n;
}

static void _seismic_abi_store_u64(uint8_t word[32], uint64_t value) {
    memset(word, 0, 24);
    for (int i = 0; i < 8; i++) word[31 - i] = (uint8_t)(value >> (8 * i));
}

static void _seismic_abi_put_u64(seismic_buf *out, uint64_t value) {
    uint8_t word[32];
    _seismic_abi_store_u64(word, value);
    seismic_buf_append(out, word, 32);
}

static void _seismic_abi_trim(const char **text, size_t *len) {
    while (*len && _seismic_abi_is_space(**text)) ++*text, --*len;
    while (*len && _seismic_abi_is_space((*text)[*len - 1])) --*len;
}

static unsigned _seismic_abi_bit_length(const seismic_u256 *v) {
    for (int i = 3; i >= 0; i--) {
        if (v->w[i]) {
            unsigned n = 64;
            while (!(v->w[i] >> (n - 1))) n--;
            return (unsigned)i * 64 + n;
        }
    }
    return 0;
}

static seismic_result _seismic_abi_parse_integer(_seismic_abi_encoder *E, const _seismic_abi_type *t,
                                                 const char *text, size_t len, uint8_t word[32]) {
    bool negative = len > 0 && text[0] == '-';
    seismic_u256 magnitude, value, one = seismic_u256_from_u64(1);
    if (negative && t->kind == SEISMIC_ABI_UINT) return _seismic_abi_bad(E, "%.*s is negative", _SEISMIC_ABI_SHOWN(len), text);
    seismic_result r = seismic_u256_parse(text + negative, len - negative, &magnitude);
    if (r == SEISMIC_ERR_OVERFLOW) return _seismic_abi_bad(E, "%.*s does not fit", _SEISMIC_ABI_SHOWN(len), text);
    if (r) return _seismic_abi_bad(E, "%.*s is not a number", _SEISMIC_ABI_SHOWN(len), text);
    /* uintN holds N bits; intN holds -2^(N-1) .. 2^(N-1)-1, so |negative| - 1 must fit in N-1 bits */
    unsigned limit = t->kind == SEISMIC_ABI_UINT ? t->bits : t->bits - 1u;
    if (negative && !seismic_u256_is_zero(&magnitude)) seismic_u256_sub(&magnitude, &one, &value);
    else value = magnitude;
    if (_seismic_abi_bit_length(&value) > limit) return _seismic_abi_bad(E, "%.*s does not fit", _SEISMIC_ABI_SHOWN(len), text);
    seismic_u256 zero = seismic_u256_from_u64(0);
    if (negative) seismic_u256_sub(&zero, &magnitude, &value); /* two's complement */
    seismic_u256_to_be(&value, word);
    return SEISMIC_OK;
}

static seismic_result _seismic_abi_parse_address(_seismic_abi_encoder *E, const char *text, size_t len, uint8_t word[32]) {
    bool upper = false, lower = false;
    char checksummed[41];
    memset(word, 0, 12);
    if (len != 42 || !_seismic_has_0x(text, len) || seismic_hex_decode(text, len, word + 12, 20, NULL))
        return _seismic_abi_bad(E, "%.*s is not an address (0x and 40 hex digits)", _SEISMIC_ABI_SHOWN(len), text);
    for (size_t i = 2; i < len; i++) {
        upper = upper || (text[i] >= 'A' && text[i] <= 'F');
        lower = lower || (text[i] >= 'a' && text[i] <= 'f');
    }
    if (upper && lower) { /* mixed case claims an EIP-55 checksum, which must then be right */
        _seismic_abi_checksum_hex(word + 12, checksummed);
        if (memcmp(checksummed, text + 2, 40) != 0)
            return _seismic_abi_bad(E, "%.*s has a wrong EIP-55 checksum (expected 0x%s)", _SEISMIC_ABI_SHOWN(len), text, checksummed);
    }
    return SEISMIC_OK;
}

static void _seismic_abi_put_utf8(seismic_buf *out, uint32_t cp) {
    uint8_t b[4];
    size_t n;
    if (cp < 0x80) b[0] = (uint8_t)cp, n = 1;
    else if (cp < 0x800) b[0] = (uint8_t)(0xc0 | cp >> 6), b[1] = (uint8_t)(0x80 | (cp & 63)), n = 2;
    else if (cp < 0x10000)
        b[0] = (uint8_t)(0xe0 | cp >> 12), b[1] = (uint8_t)(0x80 | (cp >> 6 & 63)), b[2] = (uint8_t)(0x80 | (cp & 63)), n = 3;
    else
        b[0] = (uint8_t)(0xf0 | cp >> 18), b[1] = (uint8_t)(0x80 | (cp >> 12 & 63)),
        b[2] = (uint8_t)(0x80 | (cp >> 6 & 63)), b[3] = (uint8_t)(0x80 | (cp & 63)), n = 4;
    seismic_buf_append(out, b, n);
}

static bool _seismic_abi_read_hex4(const char *s, size_t avail, uint32_t *out) {
    uint32_t v = 0;
    if (avail < 4) return false;
    for (int i = 0; i < 4; i++) {
        int d = _seismic_hex_value(s[i]);
        if (d < 0) return false;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return true;
}

/* Appends the contents of a JSON string literal (the text between its quotes). */
static bool _seismic_abi_unescape(seismic_buf *out, const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        uint32_t cp, low;
        char c = s[i];
        if (c == '"') return false; /* only the closing quote may be unescaped */
        if (c != '\\') {
            seismic_buf_append_byte(out, (uint8_t)c);
            continue;
        }
        if (++i == len) return false;
        switch (s[i]) {
        case '"': case '\\': case '/': seismic_buf_append_byte(out, (uint8_t)s[i]); break;
        case 'b': seismic_buf_append_byte(out, '\b'); break;
        case 'f': seismic_buf_append_byte(out, '\f'); break;
        case 'n': seismic_buf_append_byte(out, '\n'); break;
        case 'r': seismic_buf_append_byte(out, '\r'); break;
        case 't': seismic_buf_append_byte(out, '\t'); break;
        case 'u':
            if (!_seismic_abi_read_hex4(s + i + 1, len - i - 1, &cp)) return false;
            i += 4;
            if (cp >= 0xdc00 && cp <= 0xdfff) return false;
            if (cp >= 0xd800 && cp <= 0xdbff) { /* a surrogate pair */
                if (len - i - 1 < 6 || s[i + 1] != '\\' || s[i + 2] != 'u' ||
                    !_seismic_abi_read_hex4(s + i + 3, len - i - 3, &low) || low < 0xdc00 || low > 0xdfff)
                    return false;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                i += 6;
            }
            _seismic_abi_put_utf8(out, cp);
            break;
        default: return false;
        }
    }
    return true;
}

static bool _seismic_abi_is_quoted(const char *text, size_t len) {
    return len >= 2 && text[0] == '"' && text[len - 1] == '"';
}

/* Splits the inside of brackets at its top-level commas, one element per call; quotes protect
   commas and brackets when they open an element. False on unbalanced brackets or quotes. */
static bool _seismic_abi_split(const char **cursor, const char *end, const char **item, size_t *item_len, bool *more) {
    const char *s = *cursor;
    int nesting = 0;
    bool quoted = false, at_start = true;
    while (s < end && _seismic_abi_is_space(*s)) s++;
    *item = s;
    for (; s < end; s++) {
        char c = *s;
        if (quoted) {
            if (c == '\\' && s + 1 < end) s++;
            else if (c == '"') quoted = false;
        } else if (c == '"' && at_start) {
            quoted = true;
            at_start = false;
        } else if (c == '[' || c == '(') {
            nesting++;
            at_start = true;
        } else if (c == ']' || c == ')') {
            if (--nesting < 0) return false;
            at_start = false;
        } else if (c == ',') {
            if (nesting == 0) break;
            at_start = true;
        } else if (!_seismic_abi_is_space(c)) {
            at_start = false;
        }
    }
    if (quoted || nesting) return false;
    *more = s < end;
    *item_len = (size_t)(s - *item);
    _seismic_abi_trim(item, item_len);
    *cursor = *more ? s + 1 : s;
    return true;
}

/* The elements of a sequence: the caller's argument strings at the top, text inside brackets below. */
typedef struct _seismic_abi_items {
    const char *const *args;
    const char *p, *end;
    size_t index;
} _seismic_abi_items;

static seismic_result _seismic_abi_next_item(_seismic_abi_encoder *E, _seismic_abi_items *it, const char **text,
                                             size_t *len) {
    bool more;
    if (it->args) {
        *text = it->args[it->index++];
        if (!*text) return _seismic_abi_bad(E, "missing (NULL)");
        *len = strlen(*text);
        return SEISMIC_OK;
    }
    if (!_seismic_abi_split(&it->p, it->end, text, len, &more)) return _seismic_abi_bad(E, "unbalanced brackets or quotes");
    if (*len == 0) return _seismic_abi_bad(E, "empty element (write \"\" for an empty string)");
    return SEISMIC_OK;
}

/* Checks that text is one bracketed list ("[...]", or "(...)" too for tuples) and counts its elements. */
static seismic_result _seismic_abi_open_list(_seismic_abi_encoder *E, const char *text, size_t len, bool tuple,
                                             _seismic_abi_items *items, size_t *count) {
    const char *inner, *item;
    size_t inner_len, item_len;
    bool more = true;
    _seismic_abi_trim(&text, &len);
    bool brackets = len >= 2 && text[0] == '[' && text[len - 1] == ']';
    bool parens = tuple && len >= 2 && text[0] == '(' && text[len - 1] == ')';
    if (!brackets && !parens)
        return _seismic_abi_bad(E, "%.*s is not %s", _SEISMIC_ABI_SHOWN(len), text, tuple ? "a tuple (a, b, ...)" : "an array [a, b, ...]");
    inner = text + 1;
    inner_len = len - 2;
    _seismic_abi_trim(&inner, &inner_len);
    memset(items, 0, sizeof *items);
    items->p = inner;
    items->end = inner + inner_len;
    *count = 0;
    for (const char *cursor = inner; inner_len && more; ++*count) {
        if (!_seismic_abi_split(&cursor, items->end, &item, &item_len, &more))
            return _seismic_abi_bad(E, "unbalanced brackets or quotes in %.*s", _SEISMIC_ABI_SHOWN(len), text);
        if (!item_len) return _seismic_abi_bad(E, "empty element in %.*s", _SEISMIC_ABI_SHOWN(len), text);
    }
    return SEISMIC_OK;
}

static seismic_result _seismic_abi_encode_sequence(_seismic_abi_encoder *E, uint16_t index, size_t count,
                                                   const _seismic_abi_items *items);

/* Appends the encoding of one value: in place for a static type, the tail for a dynamic one. */
static seismic_result _seismic_abi_encode_value(_seismic_abi_encoder *E, uint16_t index, const char *text, size_t len,
                                                bool nested) {
    const _seismic_abi_type *t = &E->types->node[index];
    seismic_buf *out = E->out;
    uint8_t word[32];
    seismic_result r;
    if (t->kind == SEISMIC_ABI_ARRAY || t->kind == SEISMIC_ABI_TUPLE) {
        _seismic_abi_items items;
        size_t count = 0;
        if ((r = _seismic_abi_open_list(E, text, len, t->kind == SEISMIC_ABI_TUPLE, &items, &count))) return r;
        size_t expected = t->kind == SEISMIC_ABI_TUPLE ? t->count : t->length;
        if (expected && count != expected) return _seismic_abi_bad(E, "expected %zu elements, got %zu", expected, count);
        if (t->kind == SEISMIC_ABI_ARRAY && !t->length) _seismic_abi_put_u64(out, count);
        return _seismic_abi_encode_sequence(E, index, count, &items);
    }
    if (t->kind == SEISMIC_ABI_STRING) {
        size_t start = out->len;
        _seismic_abi_put_zeros(out, 32);
        if (nested) _seismic_abi_trim(&text, &len);
        if (nested && _seismic_abi_is_quoted(text, len)) {
            if (!_seismic_abi_unescape(out, text + 1, len - 2))
                return _seismic_abi_bad(E, "bad escape or quote in %.*s", _SEISMIC_ABI_SHOWN(len), text);
        } else {
            seismic_buf_append(out, text, len);
        }
        if (out->failed) return SEISMIC_ERR_NO_MEMORY;
        size_t payload = out->len - start - 32;
        _seismic_abi_store_u64(out->data + start, payload);
        _seismic_abi_put_zeros(out, (32 - payload % 32) % 32);
        return SEISMIC_OK;
    }
    _seismic_abi_trim(&text, &len);
    if (nested && _seismic_abi_is_quoted(text, len)) { /* JSON-style "5", "0x12" */
        text++, len -= 2;
        if (memchr(text, '\\', len) || memchr(text, '"', len)) return _seismic_abi_bad(E, "escapes are only allowed in strings");
    }
    switch (t->kind) {
    case SEISMIC_ABI_UINT:
    case SEISMIC_ABI_INT:
        if ((r = _seismic_abi_parse_integer(E, t, text, len, word))) return r;
        break;
    case SEISMIC_ABI_ADDRESS:
        if ((r = _seismic_abi_parse_address(E, text, len, word))) return r;
        break;
    case SEISMIC_ABI_BOOL:
        memset(word, 0, 32);
        if (len == 4 && memcmp(text, "true", 4) == 0) word[31] = 1;
        else if (!(len == 5 && memcmp(text, "false", 5) == 0))
            return _seismic_abi_bad(E, "%.*s is not true or false", _SEISMIC_ABI_SHOWN(len), text);
        break;
    case SEISMIC_ABI_FIXED_BYTES:
        memset(word, 0, 32);
        if (!_seismic_has_0x(text, len) || seismic_hex_decode_exact(text, len, word, t->bits / 8u))
            return _seismic_abi_bad(E, "%.*s is not 0x and %u hex digits", _SEISMIC_ABI_SHOWN(len), text, t->bits / 4u);
        break;
    default: /* bytes */
        if (!_seismic_has_0x(text, len) || len % 2)
            return _seismic_abi_bad(E, "%.*s is not 0x and an even number of hex digits", _SEISMIC_ABI_SHOWN(len), text);
        _seismic_abi_put_u64(out, (len - 2) / 2);
        if ((r = seismic_hex_decode_buf(text, len, out)))
            return r == SEISMIC_ERR_NO_MEMORY ? r : _seismic_abi_bad(E, "%.*s is not hex", _SEISMIC_ABI_SHOWN(len), text);
        _seismic_abi_put_zeros(out, (32 - (len - 2) / 2 % 32) % 32);
        return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    }
    seismic_buf_append(out, word, 32);
    return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

/* Appends heads then tails: static elements go in the head, dynamic ones leave an offset there
   (relative to the start of the head) and follow after all heads. */
static seismic_result _seismic_abi_encode_sequence(_seismic_abi_encoder *E, uint16_t index, size_t count,
                                                   const _seismic_abi_items *items) {
    const _seismic_abi_types *T = E->types;
    bool array = T->node[index].kind == SEISMIC_ABI_ARRAY;
    size_t start = E->out->len, head = start;
    const char *text;
    size_t len;
    seismic_result r;
    for (int pass = 0; pass < 2; pass++) {
        _seismic_abi_items it = *items;
        uint16_t element = (uint16_t)(index + 1);
        for (size_t i = 0; i < count; i++) {
            const _seismic_abi_type *t = &T->node[element];
            if (items->args) E->arg_index = i, E->arg_type = element;
            if ((r = _seismic_abi_next_item(E, &it, &text, &len))) return r;
            if (pass == 0 && t->dynamic) {
                _seismic_abi_put_zeros(E->out, 32);
            } else if (pass == 0 || t->dynamic) {
                if (pass == 1) {
                    if (E->out->failed) return SEISMIC_ERR_NO_MEMORY;
                    _seismic_abi_store_u64(E->out->data + head, E->out->len - start);
                }
                if ((r = _seismic_abi_encode_value(E, element, text, len, !items->args))) return r;
            }
            head += t->head;
            if (!array) element = t->end;
        }
        head = start;
    }
    return E->out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

static seismic_result _seismic_abi_encode_args(seismic_buf *out, size_t mark, const _seismic_abi_types *T,
                                               const char *const *args, size_t nargs, seismic_error *err) {
    _seismic_abi_encoder E;
    _seismic_abi_items items;
    seismic_result r;
    if (nargs != T->node[0].count || (nargs && !args)) {
        out->len = out->failed ? out->len : mark;
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: expected %u arguments, got %zu",
                             (unsigned)T->node[0].count, nargs);
    }
    memset(&E, 0, sizeof E);
    memset(&items, 0, sizeof items);
    E.types = T;
    E.out = out;
    items.args = args;
    r = _seismic_abi_encode_sequence(&E, 0, nargs, &items);
    if (r == SEISMIC_OK) return SEISMIC_OK;
    if (!out->failed) out->len = mark;
    if (r == SEISMIC_ERR_NO_MEMORY || out->failed) return _seismic_abi_out_of_memory(err);
    seismic_buf name;
    memset(&name, 0, sizeof name);
    _seismic_abi_write_type(&name, T, E.arg_type);
    r = _seismic_fail(err, r, "argument %zu (%s): %s", E.arg_index + 1, seismic_buf_cstr(&name), E.problem);
    seismic_buf_free(&name);
    return r;
}

SEISMIC_API seismic_result seismic_abi_encode(seismic_buf *out, const char *types, const char *const *args,
                                              size_t nargs, seismic_error *err) {
    _seismic_abi_types T;
    seismic_result r = _seismic_abi_parse_type_list(types, &T, err);
    if (r) return r;
    return _seismic_abi_encode_args(out, out->len, &T, args, nargs, err);
}

SEISMIC_API seismic_result seismic_abi_encode_call(seismic_buf *out, const char *signature, const char *const *args,
                                                   size_t nargs, seismic_error *err) {
    _seismic_abi_types T;
    uint8_t hash[32];
    size_t mark = out->len;
    seismic_result r = _seismic_abi_parse_signature(signature, &T, err);
    if (r) return r;
    /* the canonical signature is hashed where the selector goes, then replaced by it */
    seismic_buf_append(out, T.name, T.name_len);
    _seismic_abi_write_members(out, &T, 0);
    if (out->failed) return _seismic_abi_out_of_memory(err);
    seismic_keccak256(out->data + mark, out->len - mark, hash);
    out->len = mark;
    seismic_buf_append(out, hash, 4);
    return _seismic_abi_encode_args(out, mark, &T, args, nargs, err);
}

/*---- decoding ----*/

typedef struct _seismic_abi_decoder {
    const _seismic_abi_types *types;
    const uint8_t *data;
    size_t len;
    seismic_abi_value *values;
    size_t cap;
    size_t count;  /* values produced (or needed) */
    size_t budget; /* most values an encoding of len bytes can hold without overlapping offsets */
    seismic_error *err;
} _seismic_abi_decoder;

static seismic_result _seismic_abi_malformed(_seismic_abi_decoder *D, size_t at, const char *what) {
    return _seismic_fail(D->err, SEISMIC_ERR_PARSE, "abi: %s at offset %zu", what, at);
}

/* A word holding a length or an offset: false if it needs more than 64 bits. */
static bool _seismic_abi_word_u64(const uint8_t word[32], uint64_t *out) {
    uint64_t v = 0;
    for (int i = 0; i < 24; i++)
        if (word[i]) return false;
    for (int i = 24; i < 32; i++) v = v << 8 | word[i];
    *out = v;
    return true;
}

static bool _seismic_abi_all_zero(const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i]) return false;
    return true;
}

/* Why a static elementary word is not a canonical encoding of its type, or NULL. */
static const char *_seismic_abi_word_problem(const _seismic_abi_type *t, const uint8_t word[32]) {
    size_t used = t->bits / 8u;
    switch (t->kind) {
    case SEISMIC_ABI_BOOL: return _seismic_abi_all_zero(word, 31) && word[31] <= 1 ? NULL : "bool that is not 0 or 1";
    case SEISMIC_ABI_FIXED_BYTES: return _seismic_abi_all_zero(word + used, 32 - used) ? NULL : "bytesN with non-zero padding";
    case SEISMIC_ABI_INT: {
        uint8_t sign = word[32 - used] & 0x80 ? 0xff : 0;
        for (size_t i = 0; i < 32 - used; i++)
            if (word[i] != sign) return "intN that is not sign-extended";
        return NULL;
    }
    default: /* uintN, address */
        return _seismic_abi_all_zero(word, 32 - used) ? NULL : "uintN/address with non-zero high bits";
    }
}

static seismic_result _seismic_abi_decode_value(_seismic_abi_decoder *D, uint16_t index, size_t pos);

/* Decodes count elements whose heads start at base (offsets are relative to base). */
static seismic_result _seismic_abi_decode_sequence(_seismic_abi_decoder *D, uint16_t index, size_t base, size_t count,
                                                   seismic_abi_value *v) {
    const _seismic_abi_types *T = D->types;
    bool array = T->node[index].kind == SEISMIC_ABI_ARRAY;
    uint64_t heads = 0;
    uint16_t element = (uint16_t)(index + 1);
    if (array) heads = (uint64_t)count * T->node[element].head; /* count < 2^32, head < 2^32 */
    else
        for (uint16_t c = element, i = 0; i < count; c = T->node[c].end, i++) heads += T->node[c].head;
    if (heads > D->len - base) return _seismic_abi_malformed(D, base, "truncated data");
    v->data = D->data + base;
    v->len = (size_t)heads;
    v->count = (uint32_t)count;
    size_t head = base;
    for (size_t i = 0; i < count; i++) {
        const _seismic_abi_type *t = &T->node[element];
        seismic_result r;
        if (t->dynamic) {
            uint64_t offset;
            if (!_seismic_abi_word_u64(D->data + head, &offset) || offset > D->len - base)
                return _seismic_abi_malformed(D, head, "offset past the end of the data");
            r = _seismic_abi_decode_value(D, element, base + (size_t)offset);
        } else {
            r = _seismic_abi_decode_value(D, element, head);
        }
        if (r) return r;
        head += t->head;
        if (!array) element = t->end;
    }
    return SEISMIC_OK;
}

/* Decodes the value of type index encoded at pos (<= len); recursion is bounded by the type depth. */
static seismic_result _seismic_abi_decode_value(_seismic_abi_decoder *D, uint16_t index, size_t pos) {
    const _seismic_abi_type *t = &D->types->node[index];
    const uint8_t *at = D->data + pos;
    size_t avail = D->len - pos, self = D->count;
    seismic_abi_value v;
    seismic_result r = SEISMIC_OK;
    if (D->count >= D->budget) return _seismic_abi_malformed(D, pos, "more values than the data can hold");
    D->count++;
    memset(&v, 0, sizeof v);
    v.kind = t->kind;
    v.bits = t->bits;
    switch (t->kind) {
    case SEISMIC_ABI_TUPLE: r = _seismic_abi_decode_sequence(D, index, pos, t->count, &v); break;
    case SEISMIC_ABI_ARRAY:
        if (t->length) {
            r = _seismic_abi_decode_sequence(D, index, pos, t->length, &v);
        } else {
            uint64_t count;
            if (avail < 32) return _seismic_abi_malformed(D, pos, "truncated array length");
            /* each element takes at least its head size, so a length cannot promise more than fits */
            if (!_seismic_abi_word_u64(at, &count) || count > (avail - 32) / D->types->node[index + 1].head ||
                count > UINT32_MAX)
                return _seismic_abi_malformed(D, pos, "array length past the end of the data");
            r = _seismic_abi_decode_sequence(D, index, pos + 32, (size_t)count, &v);
        }
        break;
    case SEISMIC_ABI_BYTES:
    case SEISMIC_ABI_STRING: {
        uint64_t length;
        if (avail < 32) return _seismic_abi_malformed(D, pos, "truncated length");
        if (!_seismic_abi_word_u64(at, &length) || length > avail - 32)
            return _seismic_abi_malformed(D, pos, "length past the end of the data");
        size_t padding = (32 - (size_t)length % 32) % 32;
        if (padding > avail - 32 - (size_t)length) return _seismic_abi_malformed(D, pos, "missing padding");
        if (!_seismic_abi_all_zero(at + 32 + length, padding)) return _seismic_abi_malformed(D, pos, "non-zero padding");
        v.data = at + 32;
        v.len = (size_t)length;
        break;
    }
    default: {
        const char *problem;
        if (avail < 32) return _seismic_abi_malformed(D, pos, "truncated data");
        if ((problem = _seismic_abi_word_problem(t, at))) return _seismic_abi_malformed(D, pos, problem);
        v.data = at;
        v.len = 32;
    }
    }
    if (r) return r;
    v.end = (uint32_t)D->count;
    if (self < D->cap) D->values[self] = v;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_decode(const char *types, const uint8_t *data, size_t len,
                                              seismic_abi_value *values, size_t cap, size_t *count,
                                              seismic_error *err) {
    static const uint8_t nothing[1] = {0};
    _seismic_abi_types T;
    _seismic_abi_decoder D;
    seismic_result r = _seismic_abi_parse_type_list(types, &T, err);
    if (count) *count = 0;
    if (r) return r;
    if (!data && len) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: no data");
    memset(&D, 0, sizeof D);
    D.types = &T;
    D.data = data ? data : nothing;
    D.len = len;
    D.values = values;
    D.cap = values ? cap : 0;
    /* Without overlapping offsets every leaf (elementary value, empty array) owns a 32-byte word
       and has at most depth + 1 containers above it: a hostile encoding that reuses data cannot
       make more values than that. */
    D.budget = (len / 32 + 1) * (SEISMIC_ABI_MAX_DEPTH + 2);
    D.err = err;
    r = _seismic_abi_decode_value(&D, 0, 0);
    if (r) return r;
    if (count) *count = D.count;
    if (D.count > D.cap)
        return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "abi: %zu values need decoding, room for %zu", D.count, D.cap);
    return SEISMIC_OK;
}

/*---- accessors and formatting ----*/

static bool _seismic_abi_is_number(const seismic_abi_value *v) {
    return v->kind == SEISMIC_ABI_UINT || v->kind == SEISMIC_ABI_INT || v->kind == SEISMIC_ABI_ADDRESS ||
           v->kind == SEISMIC_ABI_BOOL;
}

SEISMIC_API seismic_result seismic_abi_value_u256(const seismic_abi_value *value, seismic_u256 *out) {
    if (!_seismic_abi_is_number(value) || value->len != 32) return SEISMIC_ERR_INVALID_ARGUMENT;
    return seismic_u256_from_be(value->data, 32, out);
}

SEISMIC_API seismic_result seismic_abi_value_u64(const seismic_abi_value *value, uint64_t *out) {
    seismic_u256 v;
    seismic_result r = seismic_abi_value_u256(value, &v);
    if (r) return r;
    return seismic_u256_to_u64(&v, out) ? SEISMIC_OK : SEISMIC_ERR_OVERFLOW;
}

SEISMIC_API seismic_result seismic_abi_value_bool(const seismic_abi_value *value, bool *out) {
    if (value->kind != SEISMIC_ABI_BOOL || value->len != 32) return SEISMIC_ERR_INVALID_ARGUMENT;
    *out = value->data[31] != 0;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_value_address(const seismic_abi_value *value, uint8_t out[20]) {
    if (value->kind != SEISMIC_ABI_ADDRESS || value->len != 32) return SEISMIC_ERR_INVALID_ARGUMENT;
    memcpy(out, value->data + 12, 20);
    return SEISMIC_OK;
}

/* Length of the well-formed UTF-8 sequence at s, or 0 (overlong, surrogate, truncated, > U+10FFFF). */
static size_t _seismic_abi_utf8_length(const uint8_t *s, size_t avail) {
    uint32_t cp, min;
    size_t n;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) n = 2, cp = s[0] & 0x1fu, min = 0x80;
    else if (s[0] >= 0xe0 && s[0] <= 0xef) n = 3, cp = s[0] & 0x0fu, min = 0x800;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4) n = 4, cp = s[0] & 0x07u, min = 0x10000;
    else return 0;
    if (avail < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    return cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0 : n;
}

/* A JSON string literal; bytes that are not valid UTF-8 become U+FFFD so the output stays valid JSON. */
static void _seismic_abi_put_json_string(seismic_buf *out, const uint8_t *s, size_t len) {
    seismic_buf_append_byte(out, '"');
    for (size_t i = 0; i < len;) {
        uint8_t c = s[i];
        char escape[8];
        if (c == '"' || c == '\\') {
            seismic_buf_append_byte(out, '\\');
            seismic_buf_append_byte(out, c);
        } else if (c == '\n') {
            seismic_buf_append_str(out, "\\n");
        } else if (c == '\r') {
            seismic_buf_append_str(out, "\\r");
        } else if (c == '\t') {
            seismic_buf_append_str(out, "\\t");
        } else if (c < 0x20) {
            snprintf(escape, sizeof escape, "\\u%04x", (unsigned)c);
            seismic_buf_append_str(out, escape);
        } else if (c >= 0x80) {
            size_t n = _seismic_abi_utf8_length(s + i, len - i);
            if (n) seismic_buf_append(out, s + i, n);
            else seismic_buf_append_str(out, "\\ufffd");
            i += n ? n : 1;
            continue;
        } else {
            seismic_buf_append_byte(out, c);
        }
        i++;
    }
    seismic_buf_append_byte(out, '"');
}

static seismic_result _seismic_abi_format(const seismic_abi_value *values, size_t index, bool json, bool nested,
                                          int depth, seismic_buf *out) {
    const seismic_abi_value *v = &values[index];
    bool quote = json && v->kind != SEISMIC_ABI_BOOL && v->kind != SEISMIC_ABI_ARRAY && v->kind != SEISMIC_ABI_TUPLE;
    char text[80];
    seismic_u256 number;
    if (depth > SEISMIC_ABI_MAX_DEPTH + 1) return SEISMIC_ERR_TOO_DEEP;
    if (v->kind == SEISMIC_ABI_STRING) {
        if (json || nested) _seismic_abi_put_json_string(out, v->data, v->len);
        else seismic_buf_append(out, v->data, v->len);
        return SEISMIC_OK;
    }
    if (quote) seismic_buf_append_byte(out, '"');
    switch (v->kind) {
    case SEISMIC_ABI_UINT:
    case SEISMIC_ABI_INT:
        if (seismic_abi_value_u256(v, &number)) return SEISMIC_ERR_INVALID_ARGUMENT;
        if (v->kind == SEISMIC_ABI_INT && (v->data[0] & 0x80)) {
            seismic_u256 zero = seismic_u256_from_u64(0);
            seismic_u256_sub(&zero, &number, &number);
            seismic_buf_append_byte(out, '-');
        }
        seismic_u256_to_dec(&number, text);
        seismic_buf_append_str(out, text);
        break;
    case SEISMIC_ABI_ADDRESS:
        if (v->len != 32) return SEISMIC_ERR_INVALID_ARGUMENT;
        _seismic_abi_checksum_hex(v->data + 12, text);
        seismic_buf_append_str(out, "0x");
        seismic_buf_append_str(out, text);
        break;
    case SEISMIC_ABI_BOOL:
        if (v->len != 32) return SEISMIC_ERR_INVALID_ARGUMENT;
        seismic_buf_append_str(out, v->data[31] ? "true" : "false");
        break;
    case SEISMIC_ABI_FIXED_BYTES:
        if (v->len != 32 || v->bits / 8u > 32) return SEISMIC_ERR_INVALID_ARGUMENT;
        seismic_buf_append_hex(out, v->data, v->bits / 8u);
        break;
    case SEISMIC_ABI_BYTES: seismic_buf_append_hex(out, v->data, v->len); break;
    case SEISMIC_ABI_ARRAY:
    case SEISMIC_ABI_TUPLE: {
        bool brackets = json || v->kind == SEISMIC_ABI_ARRAY;
        size_t child = index + 1;
        seismic_buf_append_byte(out, brackets ? '[' : '(');
        for (uint32_t i = 0; i < v->count; i++, child = values[child].end) {
            if (i) seismic_buf_append_str(out, json ? "," : ", ");
            seismic_result r = _seismic_abi_format(values, child, json, true, depth + 1, out);
            if (r) return r;
        }
        seismic_buf_append_byte(out, brackets ? ']' : ')');
        break;
    }
    default: return SEISMIC_ERR_INVALID_ARGUMENT;
    }
    if (quote) seismic_buf_append_byte(out, '"');
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_format_value(const seismic_abi_value *values, size_t index, bool json,
                                                    seismic_buf *out) {
    seismic_result r = _seismic_abi_format(values, index, json, false, 0, out);
    if (r == SEISMIC_OK && out->failed) return SEISMIC_ERR_NO_MEMORY;
    return r;
}

/*---- revert data ----*/

static const char *_seismic_abi_panic_reason(const seismic_u256 *code) {
    static const struct {
        uint8_t code;
        const char *reason;
    } reasons[] = {
        {0x00, "generic compiler panic"},
        {0x01, "assertion failed"},
        {0x11, "arithmetic underflow or overflow"},
        {0x12, "division or modulo by zero"},
        {0x21, "invalid enum value"},
        {0x22, "invalid storage byte array encoding"},
        {0x31, "pop on an empty array"},
        {0x32, "array index out of bounds"},
        {0x41, "out of memory or too large allocation"},
        {0x51, "call to a zero-initialized internal function"},
    };
    uint64_t small;
    if (seismic_u256_to_u64(code, &small))
        for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
            if (reasons[i].code == small) return reasons[i].reason;
    return "unknown panic code";
}

SEISMIC_API seismic_result seismic_abi_decode_revert(const uint8_t *data, size_t len, seismic_buf *message) {
    static const uint8_t error_selector[4] = {0x08, 0xc3, 0x79, 0xa0}, panic_selector[4] = {0x4e, 0x48, 0x7b, 0x71};
    seismic_abi_value values[2];
    size_t count;
    if (len == 0) {
        seismic_buf_append_str(message, "execution reverted");
    } else if (len >= 4 && memcmp(data, error_selector, 4) == 0 &&
               seismic_abi_decode("(string)", data + 4, len - 4, values, 2, &count, NULL) == SEISMIC_OK) {
        seismic_buf_append_str(message, "execution reverted: ");
        seismic_buf_append(message, values[1].data, values[1].len);
    } else if (len >= 4 && memcmp(data, panic_selector, 4) == 0 &&
               seismic_abi_decode("(uint256)", data + 4, len - 4, values, 2, &count, NULL) == SEISMIC_OK) {
        seismic_u256 code;
        char hex[67], text[128];
        seismic_abi_value_u256(&values[1], &code);
        size_t digits = seismic_u256_to_hex(&code, hex) - 2;
        snprintf(text, sizeof text, "panic: 0x%s%s (%s)", digits == 1 ? "0" : "", hex + 2, _seismic_abi_panic_reason(&code));
        seismic_buf_append_str(message, text);
    } else if (len >= 4) {
        seismic_buf_append_str(message, "execution reverted: custom error ");
        seismic_buf_append_hex(message, data, 4);
        if (len > 4) {
            seismic_buf_append_str(message, ": ");
            seismic_buf_append_hex(message, data + 4, len - 4);
        }
    } else {
        seismic_buf_append_str(message, "execution reverted: ");
        seismic_buf_append_hex(message, data, len);
    }
    return message->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

/*==== 6. JSON ====================================================================================*/

/* --- tokenizer --- */

static bool _seismic_json_is_ws(uint8_t c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

static size_t _seismic_json_skip_ws(const uint8_t *s, size_t pos, size_t len) {
    while (pos < len && _seismic_json_is_ws(s[pos])) pos++;
    return pos;
}

/* The four hex digits at p as a code unit, or -1. */
static int32_t _seismic_json_hex4(const uint8_t *p) {
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int d = _seismic_hex_value((char)p[i]);
        if (d < 0) return -1;
        v = v << 4 | d;
    }
    return v;
}

/* Length of the valid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, <= U+10FFFF) at p
   whose first byte is >= 0x80, or 0 if it is invalid or truncated. */
static size_t _seismic_json_utf8_len(const uint8_t *p, size_t avail) {
    uint8_t c = p[0];
    size_t n;
    uint8_t lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    } else return 0;
    if (avail < n || p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if ((p[i] & 0xc0) != 0x80) return 0;
    return n;
}

/* Nonzero if any of the 8 bytes needs a look: '"', '\\', a control character or non-ASCII.
   Each term is the exact "some byte is zero / below n" test, so there are no false negatives. */
static uint64_t _seismic_json_special8(uint64_t v) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    return (((v - ones * 0x20) & ~v) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | v) & highs;
}

/* Scans a string body starting at *pos (just after the opening quote). On success *pos is the
   closing quote; on failure it is the offset of the problem and *what says what it is. */
static bool _seismic_json_scan_string(const uint8_t *s, size_t len, size_t *pos, uint8_t *flags, const char **what) {
    size_t p = *pos;
    for (;;) {
        /* Plain ASCII dominates RPC payloads (hex, addresses, names): skip it 8 bytes at a time. */
        while (len - p >= 8) {
            uint64_t v;
            memcpy(&v, s + p, 8);
            if (_seismic_json_special8(v)) break;
            p += 8;
        }
        while (p < len && s[p] >= 0x20 && s[p] < 0x80 && s[p] != '"' && s[p] != '\\') p++;
        if (p >= len) {
            *pos = p;
            *what = "unterminated string";
            return false;
        }
        uint8_t c = s[p];
        if (c == '"') {
            *pos = p;
            return true;
        }
        if (c == '\\') {
            *flags |= SEISMIC_JSON_FLAG_ESCAPES;
            if (len - p < 2) break;
            switch (s[p + 1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                p += 2;
                continue;
            case 'u': break;
            default:
                *pos = p;
                *what = "invalid escape";
                return false;
            }
            int32_t unit = len - p >= 6 ? _seismic_json_hex4(s + p + 2) : -1;
            if (unit < 0) {
                *pos = p;
                *what = "invalid \\u escape";
                return false;
            }
            if (unit >= 0xdc00 && unit <= 0xdfff) {
                *pos = p;
                *what = "lone low surrogate";
                return false;
            }
            if (unit >= 0xd800 && unit <= 0xdbff) {
                int32_t low = len - p >= 12 && s[p + 6] == '\\' && s[p + 7] == 'u' ? _seismic_json_hex4(s + p + 8) : -1;
                if (low < 0xdc00 || low > 0xdfff) {
                    *pos = p;
                    *what = "high surrogate not followed by a low surrogate";
                    return false;
                }
                p += 6;
            }
            p += 6;
            continue;
        }
        if (c < 0x20) {
            *pos = p;
            *what = "control character in string";
            return false;
        }
        size_t n = _seismic_json_utf8_len(s + p, len - p);
        if (!n) {
            *pos = p;
            *what = "invalid UTF-8";
            return false;
        }
        p += n;
    }
    *pos = p;
    *what = "unterminated string";
    return false;
}

static bool _seismic_json_is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Scans a number per the RFC grammar starting at *pos; on success *pos is just past it. */
static bool _seismic_json_scan_number(const uint8_t *s, size_t len, size_t *pos, const char **what) {
    size_t p = *pos;
    if (s[p] == '-') p++;
    if (p >= len || !_seismic_json_is_digit(s[p])) {
        *what = "expected a digit in number";
        goto fail;
    }
    if (s[p] == '0') {
        p++;
        if (p < len && _seismic_json_is_digit(s[p])) {
            *what = "leading zero in number";
            goto fail;
        }
    } else {
        while (p < len && _seismic_json_is_digit(s[p])) p++;
    }
    if (p < len && s[p] == '.') {
        p++;
        if (p >= len || !_seismic_json_is_digit(s[p])) {
            *what = "expected a digit after the decimal point";
            goto fail;
        }
        while (p < len && _seismic_json_is_digit(s[p])) p++;
    }
    if (p < len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        if (p < len && (s[p] == '+' || s[p] == '-')) p++;
        if (p >= len || !_seismic_json_is_digit(s[p])) {
            *what = "expected a digit in exponent";
            goto fail;
        }
        while (p < len && _seismic_json_is_digit(s[p])) p++;
    }
    *pos = p;
    return true;
fail:
    *pos = p;
    return false;
}

/* Fills tok with the string whose opening quote is at *pos; *pos ends just past the closing quote
   (or, on failure, at the problem). */
static bool _seismic_json_string_token(seismic_json_token *tok, const uint8_t *s, size_t len, size_t *pos,
                                       const char **what) {
    uint8_t flags = 0;
    size_t body = *pos + 1;
    *pos = body;
    if (!_seismic_json_scan_string(s, len, pos, &flags, what)) return false;
    tok->type = SEISMIC_JSON_STRING;
    tok->flags = flags;
    tok->start = (uint32_t)body;
    tok->len = (uint32_t)(*pos - body);
    (*pos)++;
    return true;
}

static seismic_result _seismic_json_parse_error(seismic_error *err, size_t offset, const char *what) {
    return _seismic_fail(err, SEISMIC_ERR_PARSE, "json: %s at offset %zu", what, offset);
}

SEISMIC_API seismic_result seismic_json_parse(seismic_json *json, const char *text, size_t len,
                                              seismic_json_token *tokens, size_t cap, seismic_error *err) {
    const uint8_t *s = (const uint8_t *)text;
    uint32_t open_index[SEISMIC_JSON_MAX_DEPTH]; /* token index of each open container */
    bool is_object[SEISMIC_JSON_MAX_DEPTH];
    size_t depth = 0, count = 0, pos = 0;
    bool in_object = false;
    const char *what = NULL; /* set by the scanners when they fail */
    /* Once tokens run out, the rest of the input is still validated and counted; its tokens land
       here so the loop needs no special case. */
    seismic_json_token overflow;
    seismic_json_token *tok;

    json->text = text;
    json->len = len;
    json->tokens = tokens;
    json->count = 0;
    if (len > UINT32_MAX) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "json: input longer than 4 GiB");

    pos = _seismic_json_skip_ws(s, pos, len);
value:
    if (pos >= len) return _seismic_json_parse_error(err, pos, "unexpected end of input, expected a value");
    tok = count < cap ? &tokens[count] : &overflow;
    tok->start = (uint32_t)pos;
    tok->flags = 0;
    switch (s[pos]) {
    case '"':
        if (!_seismic_json_string_token(tok, s, len, &pos, &what)) return _seismic_json_parse_error(err, pos, what);
        break;
    case '{': case '[':
        if (depth == SEISMIC_JSON_MAX_DEPTH)
            return _seismic_fail(err, SEISMIC_ERR_TOO_DEEP, "json: nested deeper than %d at offset %zu",
                                 SEISMIC_JSON_MAX_DEPTH, pos);
        in_object = s[pos] == '{';
        tok->type = in_object ? SEISMIC_JSON_OBJECT : SEISMIC_JSON_ARRAY;
        open_index[depth] = (uint32_t)count;
        is_object[depth++] = in_object;
        count++;
        pos = _seismic_json_skip_ws(s, pos + 1, len);
        if (pos < len && s[pos] == (in_object ? '}' : ']')) goto close;
        if (in_object) goto key;
        goto value;
    case 't': case 'f': case 'n': {
        static const char *const words[3] = {"true", "false", "null"};
        static const uint8_t types[3] = {SEISMIC_JSON_TRUE, SEISMIC_JSON_FALSE, SEISMIC_JSON_NULL};
        int w = s[pos] == 't' ? 0 : s[pos] == 'f' ? 1 : 2;
        size_t n = strlen(words[w]);
        if (len - pos < n || memcmp(s + pos, words[w], n) != 0) return _seismic_json_parse_error(err, pos, "invalid literal");
        tok->type = types[w];
        tok->len = (uint32_t)n;
        pos += n;
        break;
    }
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        if (!_seismic_json_scan_number(s, len, &pos, &what)) return _seismic_json_parse_error(err, pos, what);
        tok->type = SEISMIC_JSON_NUMBER;
        tok->len = (uint32_t)(pos - tok->start);
        break;
    case ']': /* "[]" was taken care of when the array opened, so a comma came before this */
        if (depth && !in_object) return _seismic_json_parse_error(err, pos, "trailing comma in array");
        return _seismic_json_parse_error(err, pos, depth ? "expected a value" : "unexpected character");
    case ',': case '}': case ':':
        return _seismic_json_parse_error(err, pos, depth ? "expected a value" : "unexpected character");
    default:
        return _seismic_json_parse_error(err, pos, "unexpected character");
    }
    tok->end = (uint32_t)(++count);

after_value:
    pos = _seismic_json_skip_ws(s, pos, len);
    if (depth == 0) {
        if (pos != len) return _seismic_json_parse_error(err, pos, "more text after the top-level value");
        json->count = count;
        if (count > cap) {
            json->tokens = NULL; /* so navigation finds nothing rather than reading past cap */
            return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "json: %zu tokens needed, %zu available", count, cap);
        }
        return SEISMIC_OK;
    }
    if (pos >= len) return _seismic_json_parse_error(err, pos, in_object ? "unclosed object" : "unclosed array");
    if (s[pos] == ',') {
        pos = _seismic_json_skip_ws(s, pos + 1, len);
        if (in_object) goto key;
        goto value;
    }
    if (s[pos] != (in_object ? '}' : ']'))
        return _seismic_json_parse_error(err, pos, in_object ? "expected ',' or '}'" : "expected ',' or ']'");
close:
    depth--;
    if (open_index[depth] < cap) {
        tokens[open_index[depth]].len = (uint32_t)(pos + 1 - tokens[open_index[depth]].start);
        tokens[open_index[depth]].end = (uint32_t)count;
    }
    pos++;
    in_object = depth > 0 && is_object[depth - 1];
    goto after_value;

key:
    if (pos >= len || s[pos] != '"')
        return _seismic_json_parse_error(err, pos, pos < len && s[pos] == '}' ? "trailing comma in object" : "expected a string key");
    tok = count < cap ? &tokens[count] : &overflow;
    if (!_seismic_json_string_token(tok, s, len, &pos, &what)) return _seismic_json_parse_error(err, pos, what);
    tok->end = (uint32_t)(++count);
    pos = _seismic_json_skip_ws(s, pos, len);
    if (pos >= len || s[pos] != ':') return _seismic_json_parse_error(err, pos, "expected ':' after key");
    pos = _seismic_json_skip_ws(s, pos + 1, len);
    goto value;
}

/* --- navigation --- */

static const seismic_json_token *_seismic_json_at(const seismic_json *json, int index) {
    if (!json || !json->tokens || index < 0 || (size_t)index >= json->count) return NULL;
    return &json->tokens[index];
}

static bool _seismic_json_is_container(const seismic_json_token *t) {
    return t && (t->type == SEISMIC_JSON_OBJECT || t->type == SEISMIC_JSON_ARRAY);
}

SEISMIC_API int seismic_json_first_child(const seismic_json *json, int container) {
    const seismic_json_token *t = _seismic_json_at(json, container);
    return _seismic_json_is_container(t) && t->end > (uint32_t)container + 1 ? container + 1 : -1;
}

SEISMIC_API int seismic_json_next_sibling(const seismic_json *json, int container, int child) {
    const seismic_json_token *parent = _seismic_json_at(json, container), *t = _seismic_json_at(json, child);
    if (!_seismic_json_is_container(parent) || !t || child <= container || (uint32_t)child >= parent->end) return -1;
    uint32_t next = t->end;
    if (parent->type == SEISMIC_JSON_OBJECT) { /* skip the key's value too */
        if ((size_t)child + 1 >= json->count) return -1;
        next = json->tokens[child + 1].end;
    }
    return next < parent->end ? (int)next : -1;
}

SEISMIC_API size_t seismic_json_size(const seismic_json *json, int container) {
    size_t n = 0;
    for (int i = seismic_json_first_child(json, container); i >= 0; i = seismic_json_next_sibling(json, container, i)) n++;
    return n;
}

SEISMIC_API int seismic_json_array_get(const seismic_json *json, int array, size_t i) {
    if (!seismic_json_is(json, array, SEISMIC_JSON_ARRAY)) return -1;
    int child = seismic_json_first_child(json, array);
    while (child >= 0 && i--) child = seismic_json_next_sibling(json, array, child);
    return child;
}

SEISMIC_API bool seismic_json_is(const seismic_json *json, int index, seismic_json_type type) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    return t && t->type == (uint8_t)type;
}

/* Decodes the escape at *p (validated by the tokenizer) into UTF-8 in out, advances *p past it
   and returns the number of bytes written. */
static size_t _seismic_json_unescape(const char **p, char out[4]) {
    const char *e = *p;
    uint32_t cp;
    switch (e[1]) {
    case 'b': cp = '\b'; break;
    case 'f': cp = '\f'; break;
    case 'n': cp = '\n'; break;
    case 'r': cp = '\r'; break;
    case 't': cp = '\t'; break;
    case 'u':
        cp = (uint32_t)_seismic_json_hex4((const uint8_t *)e + 2);
        if (cp >= 0xd800 && cp <= 0xdbff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + ((uint32_t)_seismic_json_hex4((const uint8_t *)e + 8) - 0xdc00);
            e += 6;
        }
        e += 4;
        break;
    default: cp = (uint8_t)e[1]; break; /* '"', '\\', '/' stand for themselves */
    }
    *p = e + 2;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Decodes a string token into out, writing at most cap bytes; returns the full decoded length
   (which the caller compares with cap). */
static size_t _seismic_json_decode(const seismic_json *json, const seismic_json_token *t, char *out, size_t cap) {
    const char *p = json->text + t->start, *end = p + t->len;
    size_t n = 0;
    while (p < end) {
        const char *run = p;
        while (p < end && *p != '\\') p++;
        size_t k = (size_t)(p - run);
        if (n < cap) memcpy(out + n, run, k < cap - n ? k : cap - n);
        n += k;
        if (p < end) {
            char utf8[4];
            size_t m = _seismic_json_unescape(&p, utf8);
            if (n < cap) memcpy(out + n, utf8, m < cap - n ? m : cap - n);
            n += m;
        }
    }
    return n;
}

static bool _seismic_json_equals_n(const seismic_json *json, const seismic_json_token *t, const char *s, size_t n) {
    const char *p = json->text + t->start, *end = p + t->len;
    if (!(t->flags & SEISMIC_JSON_FLAG_ESCAPES)) return t->len == n && memcmp(p, s, n) == 0;
    while (p < end) {
        size_t k;
        char utf8[4];
        const char *chunk = p;
        if (*p == '\\') {
            k = _seismic_json_unescape(&p, utf8);
            chunk = utf8;
        } else {
            while (p < end && *p != '\\') p++;
            k = (size_t)(p - chunk);
        }
        if (k > n || memcmp(chunk, s, k) != 0) return false;
        s += k;
        n -= k;
    }
    return n == 0;
}

SEISMIC_API bool seismic_json_string_equals(const seismic_json *json, int index, const char *s) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    return t && t->type == SEISMIC_JSON_STRING && _seismic_json_equals_n(json, t, s, strlen(s));
}

SEISMIC_API int seismic_json_find(const seismic_json *json, int object, const char *key) {
    if (!seismic_json_is(json, object, SEISMIC_JSON_OBJECT)) return -1;
    size_t n = strlen(key);
    for (int k = seismic_json_first_child(json, object); k >= 0; k = seismic_json_next_sibling(json, object, k))
        if (_seismic_json_equals_n(json, &json->tokens[k], key, n)) return k + 1;
    return -1;
}

/* --- value readers --- */

/* The view of a string token, or NULL if the token is not a string. */
static const char *_seismic_json_string_view(const seismic_json *json, int index, size_t *len) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    if (!t || t->type != SEISMIC_JSON_STRING) return NULL;
    *len = t->len;
    return json->text + t->start;
}

/* The digits of a non-negative integer number token (no sign, fraction or exponent), or NULL. */
static const char *_seismic_json_integer_view(const seismic_json *json, int index, size_t *len) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    if (!t || t->type != SEISMIC_JSON_NUMBER) return NULL;
    const char *p = json->text + t->start;
    for (uint32_t i = 0; i < t->len; i++)
        if (!_seismic_json_is_digit((uint8_t)p[i])) return NULL;
    *len = t->len;
    return p;
}

SEISMIC_API seismic_result seismic_json_get_u64(const seismic_json *json, int index, uint64_t *out) {
    size_t n = 0;
    uint64_t v = 0;
    const char *p = _seismic_json_integer_view(json, index, &n);
    if (p) {
        for (size_t i = 0; i < n; i++) {
            uint64_t d = (uint64_t)(p[i] - '0');
            if (v > (UINT64_MAX - d) / 10) return SEISMIC_ERR_OVERFLOW;
            v = v * 10 + d;
        }
    } else {
        p = _seismic_json_string_view(json, index, &n);
        if (!p || n < 3 || !_seismic_has_0x(p, n)) return SEISMIC_ERR_INVALID_ARGUMENT;
        for (size_t i = 2; i < n; i++)
            if (_seismic_hex_value(p[i]) < 0) return SEISMIC_ERR_INVALID_ARGUMENT;
        for (size_t i = 2; i < n; i++) {
            if (v >> 60) return SEISMIC_ERR_OVERFLOW;
            v = v << 4 | (uint64_t)_seismic_hex_value(p[i]);
        }
    }
    *out = v;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_json_get_u256(const seismic_json *json, int index, seismic_u256 *out) {
    size_t n = 0;
    const char *p = _seismic_json_integer_view(json, index, &n);
    if (!p) {
        p = _seismic_json_string_view(json, index, &n);
        /* seismic_u256_parse reads a bare "0x" as zero; a quantity needs a digit. */
        if (!p || (_seismic_has_0x(p, n) && n < 3)) return SEISMIC_ERR_INVALID_ARGUMENT;
    }
    return seismic_u256_parse(p, n, out);
}

SEISMIC_API seismic_result seismic_json_get_bool(const seismic_json *json, int index, bool *out) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    if (!t || (t->type != SEISMIC_JSON_TRUE && t->type != SEISMIC_JSON_FALSE)) return SEISMIC_ERR_INVALID_ARGUMENT;
    *out = t->type == SEISMIC_JSON_TRUE;
    return SEISMIC_OK;
}

/* The view of a "0x" data string, or NULL. */
static const char *_seismic_json_hex_view(const seismic_json *json, int index, size_t *len) {
    const char *p = _seismic_json_string_view(json, index, len);
    return p && _seismic_has_0x(p, *len) ? p : NULL;
}

SEISMIC_API seismic_result seismic_json_get_bytes(const seismic_json *json, int index, uint8_t *out, size_t cap,
                                                  size_t *out_len) {
    size_t n = 0;
    const char *p = _seismic_json_hex_view(json, index, &n);
    if (!p) return SEISMIC_ERR_INVALID_ARGUMENT;
    return seismic_hex_decode(p, n, out, cap, out_len);
}

SEISMIC_API seismic_result seismic_json_get_bytes_exact(const seismic_json *json, int index, uint8_t *out, size_t n) {
    size_t len = 0;
    const char *p = _seismic_json_hex_view(json, index, &len);
    if (!p) return SEISMIC_ERR_INVALID_ARGUMENT;
    return seismic_hex_decode_exact(p, len, out, n);
}

SEISMIC_API seismic_result seismic_json_get_bytes_buf(const seismic_json *json, int index, seismic_buf *out) {
    size_t n = 0;
    const char *p = _seismic_json_hex_view(json, index, &n);
    if (!p) return SEISMIC_ERR_INVALID_ARGUMENT;
    return seismic_hex_decode_buf(p, n, out);
}

SEISMIC_API seismic_result seismic_json_get_string(const seismic_json *json, int index, char *out, size_t cap,
                                                   size_t *out_len) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    if (!t || t->type != SEISMIC_JSON_STRING) return SEISMIC_ERR_INVALID_ARGUMENT;
    size_t n = _seismic_json_decode(json, t, out, cap);
    if (n >= cap) return SEISMIC_ERR_CAPACITY;
    out[n] = 0;
    if (out_len) *out_len = n;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_json_get_string_buf(const seismic_json *json, int index, seismic_buf *out) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    if (!t || t->type != SEISMIC_JSON_STRING) return SEISMIC_ERR_INVALID_ARGUMENT;
    /* Escapes only shrink text, so the raw length is enough room. */
    if (!seismic_buf_reserve(out, t->len)) return SEISMIC_ERR_NO_MEMORY;
    out->len += _seismic_json_decode(json, t, (char *)out->data + out->len, t->len);
    return SEISMIC_OK;
}

SEISMIC_API const char *seismic_json_raw(const seismic_json *json, int index, size_t *len) {
    const seismic_json_token *t = _seismic_json_at(json, index);
    if (!t) return NULL;
    bool quoted = t->type == SEISMIC_JSON_STRING;
    if (len) *len = t->len + (quoted ? 2 : 0);
    return json->text + t->start - (quoted ? 1 : 0);
}

/* --- writer --- */

SEISMIC_API void seismic_json_writer_init(seismic_json_writer *w, seismic_buf *buf) {
    memset(w, 0, sizeof *w);
    w->buf = buf;
}

/* Emits the comma that separates this value from the previous one, if any. */
static void _seismic_json_writer_value(seismic_json_writer *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0) return;
    if (w->need_comma[w->depth - 1]) seismic_buf_append_byte(w->buf, ',');
    w->need_comma[w->depth - 1] = 1;
}

static void _seismic_json_writer_open(seismic_json_writer *w, char bracket) {
    if (w->depth == SEISMIC_JSON_MAX_DEPTH) {
        w->buf->failed = true;
        return;
    }
    _seismic_json_writer_value(w);
    seismic_buf_append_byte(w->buf, (uint8_t)bracket);
    w->need_comma[w->depth++] = 0;
}

static void _seismic_json_writer_close(seismic_json_writer *w, char bracket) {
    if (w->depth == 0) {
        w->buf->failed = true;
        return;
    }
    w->depth--;
    seismic_buf_append_byte(w->buf, (uint8_t)bracket);
}

SEISMIC_API void seismic_json_writer_object_begin(seismic_json_writer *w) { _seismic_json_writer_open(w, '{'); }
SEISMIC_API void seismic_json_writer_object_end(seismic_json_writer *w) { _seismic_json_writer_close(w, '}'); }
SEISMIC_API void seismic_json_writer_array_begin(seismic_json_writer *w) { _seismic_json_writer_open(w, '['); }
SEISMIC_API void seismic_json_writer_array_end(seismic_json_writer *w) { _seismic_json_writer_close(w, ']'); }

static void _seismic_json_write_quoted(seismic_buf *buf, const char *s, size_t len) {
    size_t run = 0;
    seismic_buf_append_byte(buf, '"');
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        seismic_buf_append(buf, s + run, i - run);
        run = i + 1;
        if (c < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', _seismic_hex_digits[c >> 4], _seismic_hex_digits[c & 15]};
            seismic_buf_append(buf, esc, 6);
        } else {
            char esc[2] = {'\\', (char)c};
            seismic_buf_append(buf, esc, 2);
        }
    }
    seismic_buf_append(buf, s + run, len - run);
    seismic_buf_append_byte(buf, '"');
}

SEISMIC_API void seismic_json_writer_key(seismic_json_writer *w, const char *key) {
    _seismic_json_writer_value(w);
    _seismic_json_write_quoted(w->buf, key, strlen(key));
    seismic_buf_append_byte(w->buf, ':');
    w->after_key = true;
}

SEISMIC_API void seismic_json_writer_string_n(seismic_json_writer *w, const char *s, size_t len) {
    _seismic_json_writer_value(w);
    _seismic_json_write_quoted(w->buf, s, len);
}

SEISMIC_API void seismic_json_writer_string(seismic_json_writer *w, const char *s) { seismic_json_writer_string_n(w, s, strlen(s)); }

SEISMIC_API void seismic_json_writer_hex(seismic_json_writer *w, const void *data, size_t len) {
    _seismic_json_writer_value(w);
    seismic_buf_append_byte(w->buf, '"');
    seismic_buf_append_hex(w->buf, data, len);
    seismic_buf_append_byte(w->buf, '"');
}

SEISMIC_API void seismic_json_writer_quantity_u64(seismic_json_writer *w, uint64_t value) {
    seismic_u256 v = seismic_u256_from_u64(value);
    seismic_json_writer_quantity_u256(w, &v);
}

SEISMIC_API void seismic_json_writer_quantity_u256(seismic_json_writer *w, const seismic_u256 *value) {
    char hex[67];
    size_t n = seismic_u256_to_hex(value, hex);
    _seismic_json_writer_value(w);
    seismic_buf_append_byte(w->buf, '"');
    seismic_buf_append(w->buf, hex, n);
    seismic_buf_append_byte(w->buf, '"');
}

SEISMIC_API void seismic_json_writer_u64(seismic_json_writer *w, uint64_t value) {
    char digits[20];
    size_t n = 0;
    do {
        digits[sizeof digits - ++n] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    _seismic_json_writer_value(w);
    seismic_buf_append(w->buf, digits + sizeof digits - n, n);
}

SEISMIC_API void seismic_json_writer_bool(seismic_json_writer *w, bool value) {
    _seismic_json_writer_value(w);
    seismic_buf_append_str(w->buf, value ? "true" : "false");
}

SEISMIC_API void seismic_json_writer_null(seismic_json_writer *w) {
    _seismic_json_writer_value(w);
    seismic_buf_append_str(w->buf, "null");
}

SEISMIC_API void seismic_json_writer_raw(seismic_json_writer *w, const char *json, size_t len) {
    _seismic_json_writer_value(w);
    seismic_buf_append(w->buf, json, len);
}

/*==== 7. crypto ==================================================================================*/

#include <secp256k1.h>
#include <secp256k1_ecdh.h>
#include <secp256k1_preallocated.h>
#include <secp256k1_recovery.h>
#include <bearssl.h>

/* A libsecp256k1 context made per call in caller-stack memory: no process-wide state, and at
   ~0.6 µs it is noise next to a 32 µs signature. */
typedef struct _seismic_secp {
    secp256k1_context *ctx;
    union {
        uint8_t bytes[1024];
        uint64_t align;
    } storage;
} _seismic_secp;

static secp256k1_context *_seismic_secp_begin(_seismic_secp *s) {
    if (secp256k1_context_preallocated_size(SECP256K1_CONTEXT_NONE) <= sizeof s->storage)
        s->ctx = secp256k1_context_preallocated_create(s->storage.bytes, SECP256K1_CONTEXT_NONE);
    else
        s->ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    return s->ctx;
}

static void _seismic_secp_end(_seismic_secp *s) {
    if (secp256k1_context_preallocated_size(SECP256K1_CONTEXT_NONE) <= sizeof s->storage)
        secp256k1_context_preallocated_destroy(s->ctx);
    else
        secp256k1_context_destroy(s->ctx);
}

SEISMIC_API seismic_result seismic_private_key_from_bytes(seismic_private_key *key, const uint8_t bytes[32]) {
    if (!secp256k1_ec_seckey_verify(secp256k1_context_static, bytes)) return SEISMIC_ERR_INVALID_ARGUMENT;
    memcpy(key->bytes, bytes, 32);
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_private_key_from_hex(seismic_private_key *key, const char *hex) {
    uint8_t bytes[32];
    seismic_result r = seismic_hex_decode_exact(hex, strlen(hex), bytes, 32);
    if (r == SEISMIC_OK) r = seismic_private_key_from_bytes(key, bytes);
    seismic_wipe(bytes, sizeof bytes);
    return r;
}

SEISMIC_API seismic_result seismic_private_key_generate(seismic_private_key *key) {
    for (;;) { /* a uniformly random 32-byte string is out of range with probability ~2^-128 */
        seismic_result r = seismic_random_bytes(key->bytes, 32);
        if (r) return r;
        if (secp256k1_ec_seckey_verify(secp256k1_context_static, key->bytes)) return SEISMIC_OK;
    }
}

SEISMIC_API void seismic_private_key_wipe(seismic_private_key *key) { seismic_wipe(key->bytes, sizeof key->bytes); }

static seismic_result _seismic_public_key(const seismic_private_key *key, uint8_t *out, size_t len, unsigned flags) {
    _seismic_secp secp;
    secp256k1_context *ctx = _seismic_secp_begin(&secp);
    secp256k1_pubkey pub;
    seismic_result r = SEISMIC_ERR_CRYPTO;
    if (ctx && secp256k1_ec_pubkey_create(ctx, &pub, key->bytes)) {
        secp256k1_ec_pubkey_serialize(ctx, out, &len, &pub, flags);
        r = SEISMIC_OK;
    }
    if (ctx) _seismic_secp_end(&secp);
    return r;
}

SEISMIC_API seismic_result seismic_public_key(const seismic_private_key *key, uint8_t out[65]) {
    return _seismic_public_key(key, out, 65, SECP256K1_EC_UNCOMPRESSED);
}

SEISMIC_API seismic_result seismic_public_key_compressed(const seismic_private_key *key, uint8_t out[33]) {
    return _seismic_public_key(key, out, 33, SECP256K1_EC_COMPRESSED);
}

SEISMIC_API seismic_result seismic_public_key_parse(const uint8_t *key, size_t len, uint8_t out[65]) {
    secp256k1_pubkey pub;
    size_t out_len = 65;
    if ((len != 33 && len != 65) || !secp256k1_ec_pubkey_parse(secp256k1_context_static, &pub, key, len))
        return SEISMIC_ERR_INVALID_ARGUMENT;
    secp256k1_ec_pubkey_serialize(secp256k1_context_static, out, &out_len, &pub, SECP256K1_EC_UNCOMPRESSED);
    return SEISMIC_OK;
}

SEISMIC_API void seismic_address_from_public_key(const uint8_t public_key[65], seismic_address *out) {
    uint8_t hash[32];
    seismic_keccak256(public_key + 1, 64, hash);
    memcpy(out->bytes, hash + 12, 20);
}

SEISMIC_API seismic_result seismic_private_key_address(const seismic_private_key *key, seismic_address *out) {
    uint8_t pub[65];
    seismic_result r = seismic_public_key(key, pub);
    if (r == SEISMIC_OK) seismic_address_from_public_key(pub, out);
    return r;
}

SEISMIC_API void seismic_address_to_string(const seismic_address *address, char out[43]) {
    uint8_t hash[32];
    seismic_hex_encode(address->bytes, 20, out);
    seismic_keccak256(out + 2, 40, hash); /* EIP-55: hash of the lowercase hex */
    for (int i = 0; i < 40; i++) {
        unsigned nibble = (hash[i / 2] >> (i % 2 ? 0 : 4)) & 15;
        if (out[2 + i] >= 'a' && nibble >= 8) out[2 + i] = (char)(out[2 + i] - 'a' + 'A');
    }
}

SEISMIC_API seismic_result seismic_address_parse(const char *text, size_t len, seismic_address *out) {
    if (len != 42 || !_seismic_has_0x(text, len)) return SEISMIC_ERR_INVALID_ARGUMENT;
    seismic_address a;
    if (seismic_hex_decode(text, len, a.bytes, 20, NULL)) return SEISMIC_ERR_INVALID_ARGUMENT;
    bool has_lower = false, has_upper = false;
    for (size_t i = 2; i < len; i++) {
        has_lower |= text[i] >= 'a' && text[i] <= 'f';
        has_upper |= text[i] >= 'A' && text[i] <= 'F';
    }
    if (has_lower && has_upper) { /* mixed case: it claims a checksum, so it must be right */
        char expected[43];
        seismic_address_to_string(&a, expected);
        if (memcmp(expected + 2, text + 2, 40) != 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    }
    *out = a;
    return SEISMIC_OK;
}

SEISMIC_API bool seismic_address_equal(const seismic_address *a, const seismic_address *b) {
    return memcmp(a->bytes, b->bytes, 20) == 0;
}

SEISMIC_API seismic_result seismic_sign_hash(const seismic_private_key *key, const uint8_t hash[32],
                                             seismic_signature *out) {
    _seismic_secp secp;
    secp256k1_context *ctx = _seismic_secp_begin(&secp);
    secp256k1_ecdsa_recoverable_signature sig;
    uint8_t compact[64];
    int recid = 0;
    if (!ctx) return SEISMIC_ERR_NO_MEMORY;
    /* libsecp256k1 uses RFC 6979 and always produces low-S signatures. */
    int ok = secp256k1_ecdsa_sign_recoverable(ctx, &sig, hash, key->bytes, NULL, NULL);
    if (ok) secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact, &recid, &sig);
    _seismic_secp_end(&secp);
    if (!ok) return SEISMIC_ERR_CRYPTO;
    memcpy(out->r, compact, 32);
    memcpy(out->s, compact + 32, 32);
    out->y_parity = (uint8_t)recid;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_recover(const uint8_t hash[32], const seismic_signature *signature,
                                           seismic_address *address, uint8_t public_key[65]) {
    const secp256k1_context *ctx = secp256k1_context_static;
    secp256k1_ecdsa_recoverable_signature rsig;
    secp256k1_ecdsa_signature plain;
    secp256k1_pubkey pub;
    uint8_t compact[64], serialized[65];
    size_t len = 65;
    if (signature->y_parity > 1) return SEISMIC_ERR_CRYPTO;
    memcpy(compact, signature->r, 32);
    memcpy(compact + 32, signature->s, 32);
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, compact, signature->y_parity))
        return SEISMIC_ERR_CRYPTO;
    /* Ethereum (EIP-2) rejects high-S signatures: normalizing changes them. */
    secp256k1_ecdsa_recoverable_signature_convert(ctx, &plain, &rsig);
    if (secp256k1_ecdsa_signature_normalize(ctx, NULL, &plain)) return SEISMIC_ERR_CRYPTO;
    if (!secp256k1_ecdsa_recover(ctx, &pub, &rsig, hash)) return SEISMIC_ERR_CRYPTO;
    secp256k1_ec_pubkey_serialize(ctx, serialized, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
    if (address) seismic_address_from_public_key(serialized, address);
    if (public_key) memcpy(public_key, serialized, 65);
    return SEISMIC_OK;
}

SEISMIC_API void seismic_eip191_hash(const void *message, size_t len, uint8_t out[32]) {
    char prefix[64];
    int n = snprintf(prefix, sizeof prefix, "\x19" "Ethereum Signed Message:\n%zu", len);
    seismic_keccak ctx;
    seismic_keccak_init(&ctx);
    seismic_keccak_update(&ctx, prefix, (size_t)n);
    seismic_keccak_update(&ctx, message, len);
    seismic_keccak_final(&ctx, out);
}

/* Encodes one EIP-712 field value into its 32-byte word (spec: encodeData). */
static seismic_result _seismic_eip712_field(const char *type, size_t type_len, const char *value, uint8_t word[32],
                                            seismic_error *err) {
    char type_z[64];
    seismic_buf tmp = {NULL, 0, 0, false, {NULL, NULL, NULL}};
    seismic_result r = SEISMIC_OK;
    if (type_len >= sizeof type_z) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: type too long");
    memcpy(type_z, type, type_len);
    type_z[type_len] = 0;
    if (strcmp(type_z, "string") == 0) {
        seismic_keccak256(value, strlen(value), word);
    } else if (strcmp(type_z, "bytes") == 0) {
        if (seismic_hex_decode_buf(value, strlen(value), &tmp))
            r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: %s is not 0x hex bytes", value);
        else
            seismic_keccak256(tmp.data, tmp.len, word);
    } else if (strchr(type_z, '[')) {
        r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: array field type %s is not supported", type_z);
    } else if (type_z[0] >= 'A' && type_z[0] <= 'Z') { /* a struct: its hashStruct is given */
        if (seismic_hex_decode_exact(value, strlen(value), word, 32))
            r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: field of type %s needs its 32-byte hashStruct",
                              type_z);
    } else {
        char tuple[80];
        snprintf(tuple, sizeof tuple, "(%s)", type_z);
        r = seismic_abi_encode(&tmp, tuple, &value, 1, err);
        if (r == SEISMIC_OK && tmp.len == 32) memcpy(word, tmp.data, 32);
        else if (r == SEISMIC_OK) r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: %s is not atomic", type_z);
    }
    seismic_buf_free(&tmp);
    return r;
}

SEISMIC_API seismic_result seismic_eip712_hash_struct(const char *encoded_type, const char *const *values,
                                                      size_t count, uint8_t out[32], seismic_error *err) {
    const char *open = strchr(encoded_type, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    if (!close) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: malformed type %s", encoded_type);
    seismic_keccak ctx;
    uint8_t word[32];
    seismic_keccak_init(&ctx);
    seismic_keccak256(encoded_type, strlen(encoded_type), word);
    seismic_keccak_update(&ctx, word, 32);
    size_t field = 0;
    for (const char *p = open + 1; p < close; field++) { /* each member is "type name" */
        const char *comma = p;
        while (comma < close && *comma != ',') comma++;
        const char *space = p;
        while (space < comma && *space != ' ') space++;
        if (space == comma || space == p)
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: member %zu has no type and name", field);
        if (field >= count)
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: %zu values for more members", count);
        seismic_result r = _seismic_eip712_field(p, (size_t)(space - p), values[field], word, err);
        if (r) return r;
        seismic_keccak_update(&ctx, word, 32);
        p = comma < close ? comma + 1 : close;
    }
    if (field != count)
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: %zu values for %zu members", count, field);
    seismic_keccak_final(&ctx, out);
    return SEISMIC_OK;
}

SEISMIC_API void seismic_eip712_digest(const uint8_t domain_separator[32], const uint8_t struct_hash[32],
                                       uint8_t out[32]) {
    uint8_t msg[66] = {0x19, 0x01};
    memcpy(msg + 2, domain_separator, 32);
    memcpy(msg + 34, struct_hash, 32);
    seismic_keccak256(msg, sizeof msg, out);
}

SEISMIC_API void seismic_sha256(const void *data, size_t len, uint8_t out[32]) {
    br_sha256_context ctx;
    br_sha256_init(&ctx);
    br_sha256_update(&ctx, data, len);
    br_sha256_out(&ctx, out);
}

SEISMIC_API seismic_result seismic_ecdh(const seismic_private_key *secret_key, const uint8_t *public_key,
                                        size_t public_key_len, uint8_t out[32]) {
    secp256k1_pubkey pub;
    if ((public_key_len != 33 && public_key_len != 65) ||
        !secp256k1_ec_pubkey_parse(secp256k1_context_static, &pub, public_key, public_key_len))
        return SEISMIC_ERR_INVALID_ARGUMENT;
    /* The default hash is sha256(compressed point), exactly the Seismic shared secret (spec §2.2). */
    if (!secp256k1_ecdh(secp256k1_context_static, out, &pub, secret_key->bytes, NULL, NULL)) return SEISMIC_ERR_CRYPTO;
    return SEISMIC_OK;
}

SEISMIC_API void seismic_hkdf_sha256(const void *ikm, size_t ikm_len, const char *info, uint8_t out[32]) {
    br_hkdf_context hc;
    br_hkdf_init(&hc, &br_sha256_vtable, NULL, 0);
    br_hkdf_inject(&hc, ikm, ikm_len);
    br_hkdf_flip(&hc);
    br_hkdf_produce(&hc, info, strlen(info), out, 32);
    seismic_wipe(&hc, sizeof hc);
}

typedef struct _seismic_gcm {
    br_aes_gen_ctr_keys keys;
    br_gcm_context gcm;
} _seismic_gcm;

/* Picks AES-NI and PCLMUL when the CPU has them, else BearSSL's constant-time 64-bit code. */
static void _seismic_gcm_begin(_seismic_gcm *g, const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                               size_t aad_len) {
    const br_block_ctr_class *aes = br_aes_x86ni_ctr_get_vtable();
    br_ghash ghash = br_ghash_pclmul_get();
    if (!aes) aes = &br_aes_ct64_ctr_vtable;
    if (!ghash) ghash = &br_ghash_ctmul64;
    aes->init(&g->keys.vtable, key, 32);
    br_gcm_init(&g->gcm, &g->keys.vtable, ghash);
    br_gcm_reset(&g->gcm, nonce, 12);
    br_gcm_aad_inject(&g->gcm, aad, aad_len);
    br_gcm_flip(&g->gcm);
}

SEISMIC_API void seismic_aes_gcm_encrypt(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                                         size_t aad_len, const void *plaintext, size_t len, uint8_t *out) {
    _seismic_gcm g;
    _seismic_gcm_begin(&g, key, nonce, aad, aad_len);
    if (len) memmove(out, plaintext, len);
    br_gcm_run(&g.gcm, 1, out, len);
    br_gcm_get_tag(&g.gcm, out + len);
    seismic_wipe(&g, sizeof g);
}

SEISMIC_API seismic_result seismic_aes_gcm_decrypt(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                                                   size_t aad_len, const void *ciphertext, size_t len, uint8_t *out) {
    if (len < 16) return SEISMIC_ERR_DECRYPT;
    _seismic_gcm g;
    const uint8_t *ct = (const uint8_t *)ciphertext;
    uint8_t tag[16];
    memcpy(tag, ct + len - 16, 16); /* out may alias ciphertext */
    _seismic_gcm_begin(&g, key, nonce, aad, aad_len);
    if (len > 16) memmove(out, ct, len - 16);
    br_gcm_run(&g.gcm, 0, out, len - 16);
    uint32_t ok = br_gcm_check_tag(&g.gcm, tag);
    seismic_wipe(&g, sizeof g);
    if (!ok) {
        seismic_wipe(out, len - 16);
        return SEISMIC_ERR_DECRYPT;
    }
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_encryption_init(seismic_encryption *enc, const seismic_private_key *client_secret,
                                                   const uint8_t tee_public_key[33]) {
    seismic_result r;
    uint8_t shared[32];
    memset(enc, 0, sizeof *enc);
    if (tee_public_key[0] != 2 && tee_public_key[0] != 3) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (client_secret) enc->secret_key = *client_secret;
    else if ((r = seismic_private_key_generate(&enc->secret_key)) != SEISMIC_OK) return r;
    memcpy(enc->tee_public_key, tee_public_key, 33);
    r = seismic_public_key_compressed(&enc->secret_key, enc->public_key);
    if (r == SEISMIC_OK) r = seismic_ecdh(&enc->secret_key, tee_public_key, 33, shared);
    if (r == SEISMIC_OK) {
        seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_REQUEST, enc->request_key);
        seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_RESPONSE, enc->response_key);
    }
    seismic_wipe(shared, sizeof shared);
    if (r) seismic_encryption_wipe(enc);
    return r;
}

SEISMIC_API void seismic_encryption_wipe(seismic_encryption *enc) { seismic_wipe(enc, sizeof *enc); }

SEISMIC_API seismic_result seismic_encryption_nonce_generate(uint8_t out[12]) {
    do {
        seismic_result r = seismic_random_bytes(out, 12);
        if (r) return r;
    } while (out[0] == 0);
    return SEISMIC_OK;
}

/*==== 8. transactions ============================================================================*/

static const seismic_allocator *_seismic_buf_allocator(const seismic_buf *buf) { return &buf->allocator; }

static void _seismic_rlp_put_address(seismic_buf *buf, bool has, const seismic_address *address) {
    seismic_rlp_put_bytes(buf, address->bytes, has ? 20 : 0);
}

static void _seismic_rlp_put_bool(seismic_buf *buf, bool value) { seismic_rlp_put_u64(buf, value ? 1 : 0); }

/* The encryption nonce is a u96 integer on the wire: minimal bytes (spec §1.1, item 7). */
static void _seismic_rlp_put_encryption_nonce(seismic_buf *buf, const uint8_t nonce[12]) {
    size_t skip = 0;
    while (skip < 12 && nonce[skip] == 0) skip++;
    seismic_rlp_put_bytes(buf, nonce + skip, 12 - skip);
}

static void _seismic_rlp_put_signature(seismic_buf *buf, const seismic_signature *sig) {
    seismic_u256 r, s;
    seismic_u256_from_be(sig->r, 32, &r);
    seismic_u256_from_be(sig->s, 32, &s);
    seismic_rlp_put_u64(buf, sig->y_parity);
    seismic_rlp_put_u256(buf, &r);
    seismic_rlp_put_u256(buf, &s);
}

static void _seismic_put_authorizations(seismic_buf *buf, const seismic_authorization *list, size_t count) {
    size_t outer = seismic_rlp_list_begin(buf);
    for (size_t i = 0; i < count; i++) {
        size_t item = seismic_rlp_list_begin(buf);
        seismic_rlp_put_u64(buf, list[i].chain_id);
        seismic_rlp_put_bytes(buf, list[i].address.bytes, 20);
        seismic_rlp_put_u64(buf, list[i].nonce);
        seismic_rlp_put_u64(buf, list[i].y_parity);
        seismic_rlp_put_u256(buf, &list[i].r);
        seismic_rlp_put_u256(buf, &list[i].s);
        seismic_rlp_list_end(buf, item);
    }
    seismic_rlp_list_end(buf, outer);
}

SEISMIC_API void seismic_authorization_list_hash(const seismic_authorization *list, size_t count, uint8_t out[32]) {
    seismic_buf buf = {NULL, 0, 0, false, {NULL, NULL, NULL}};
    _seismic_put_authorizations(&buf, list, count);
    seismic_keccak256(buf.data, buf.len, out);
    seismic_buf_free(&buf);
}

static seismic_result _seismic_buf_result(const seismic_buf *buf) {
    return buf->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

SEISMIC_API void seismic_shielded_tx_aad(const seismic_shielded_tx *tx, const seismic_address *sender, seismic_buf *out) {
    size_t list = seismic_rlp_list_begin(out);
    seismic_rlp_put_bytes(out, sender->bytes, 20);
    seismic_rlp_put_u64(out, tx->chain_id);
    seismic_rlp_put_u64(out, tx->nonce);
    _seismic_rlp_put_address(out, tx->has_to, &tx->to);
    seismic_rlp_put_u256(out, &tx->value);
    seismic_rlp_put_bytes(out, tx->encryption_pubkey, 33);
    _seismic_rlp_put_encryption_nonce(out, tx->encryption_nonce);
    seismic_rlp_put_u64(out, tx->message_version);
    seismic_rlp_put_bytes(out, tx->recent_block_hash, 32);
    seismic_rlp_put_u64(out, tx->expires_at_block);
    _seismic_rlp_put_bool(out, tx->signed_read);
    seismic_rlp_list_end(out, list);
}

SEISMIC_API seismic_result seismic_shielded_tx_encrypt(const seismic_shielded_tx *tx, const seismic_address *sender,
                                                       const seismic_encryption *enc, const void *plaintext, size_t len,
                                                       seismic_buf *out) {
    if (len == 0) return SEISMIC_OK; /* empty calldata stays empty: no tag (spec §2.4) */
    seismic_buf aad = {NULL, 0, 0, false, *_seismic_buf_allocator(out)};
    seismic_shielded_tx_aad(tx, sender, &aad);
    seismic_result r = _seismic_buf_result(&aad);
    if (r == SEISMIC_OK && !seismic_buf_reserve(out, len + 16)) r = SEISMIC_ERR_NO_MEMORY;
    if (r == SEISMIC_OK) {
        seismic_aes_gcm_encrypt(enc->request_key, tx->encryption_nonce, aad.data, aad.len, plaintext, len,
                                out->data + out->len);
        out->len += len + 16;
    }
    seismic_buf_free(&aad);
    return r;
}

/* Appends the AES-GCM opening of data (ct ‖ tag) to out. */
static seismic_result _seismic_gcm_open_into(const uint8_t key[32], const uint8_t nonce[12], const seismic_buf *aad,
                                             const uint8_t *data, size_t len, seismic_buf *out) {
    if (len < 16) return SEISMIC_ERR_DECRYPT;
    if (!seismic_buf_reserve(out, len - 16)) return SEISMIC_ERR_NO_MEMORY;
    seismic_result r = seismic_aes_gcm_decrypt(key, nonce, aad->data, aad->len, data, len, out->data + out->len);
    if (r == SEISMIC_OK) out->len += len - 16;
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_decrypt(const seismic_shielded_tx *tx, const seismic_address *sender,
                                                       const uint8_t request_key[32], seismic_buf *out) {
    if (tx->input_len == 0) return SEISMIC_OK;
    seismic_buf aad = {NULL, 0, 0, false, *_seismic_buf_allocator(out)};
    seismic_shielded_tx_aad(tx, sender, &aad);
    seismic_result r = _seismic_buf_result(&aad);
    if (r == SEISMIC_OK) r = _seismic_gcm_open_into(request_key, tx->encryption_nonce, &aad, tx->input, tx->input_len, out);
    seismic_buf_free(&aad);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_decrypt_response(const seismic_shielded_tx *request,
                                                                const seismic_address *sender,
                                                                const uint8_t response_key[32], const uint8_t *data,
                                                                size_t len, seismic_buf *out) {
    if (len == 0) return SEISMIC_OK; /* legacy empty result */
    seismic_buf aad = {NULL, 0, 0, false, *_seismic_buf_allocator(out)};
    seismic_shielded_tx_aad(request, sender, &aad);
    seismic_result r = _seismic_buf_result(&aad);
    if (r) goto done;
    if (len >= 29 && data[0] == 0x01) { /* v1 envelope: 01 ‖ IV ‖ ct ‖ tag with AAD ‖ 01 */
        seismic_buf_append_byte(&aad, 0x01);
        size_t before = out->len;
        r = _seismic_gcm_open_into(response_key, data + 1, &aad, data + 13, len - 13, out);
        if (r != SEISMIC_ERR_DECRYPT) goto done;
        out->len = before; /* not a v1 envelope after all: try the legacy form */
        aad.len--;
    }
    r = _seismic_gcm_open_into(response_key, request->encryption_nonce, &aad, data, len, out);
done:
    seismic_buf_free(&aad);
    return r;
}

static void _seismic_shielded_put_unsigned_items(const seismic_shielded_tx *tx, seismic_buf *out) {
    seismic_rlp_put_u64(out, tx->chain_id);
    seismic_rlp_put_u64(out, tx->nonce);
    seismic_rlp_put_u256(out, &tx->gas_price);
    seismic_rlp_put_u64(out, tx->gas);
    _seismic_rlp_put_address(out, tx->has_to, &tx->to);
    seismic_rlp_put_u256(out, &tx->value);
    seismic_rlp_put_bytes(out, tx->encryption_pubkey, 33);
    _seismic_rlp_put_encryption_nonce(out, tx->encryption_nonce);
    seismic_rlp_put_u64(out, tx->message_version);
    seismic_rlp_put_bytes(out, tx->recent_block_hash, 32);
    seismic_rlp_put_u64(out, tx->expires_at_block);
    _seismic_rlp_put_bool(out, tx->signed_read);
    seismic_rlp_put_bytes(out, tx->input, tx->input_len);
    _seismic_put_authorizations(out, tx->authorizations, tx->authorization_count);
}

static seismic_result _seismic_shielded_encode(const seismic_shielded_tx *tx, bool with_signature, seismic_buf *out) {
    if (tx->gas_price.w[2] | tx->gas_price.w[3]) return SEISMIC_ERR_OVERFLOW; /* u128 on the wire */
    seismic_buf_append_byte(out, SEISMIC_TX_TYPE_SEISMIC);
    size_t list = seismic_rlp_list_begin(out);
    _seismic_shielded_put_unsigned_items(tx, out);
    if (with_signature) _seismic_rlp_put_signature(out, &tx->signature);
    seismic_rlp_list_end(out, list);
    return _seismic_buf_result(out);
}

SEISMIC_API seismic_result seismic_shielded_tx_encode_unsigned(const seismic_shielded_tx *tx, seismic_buf *out) {
    return _seismic_shielded_encode(tx, false, out);
}

SEISMIC_API seismic_result seismic_shielded_tx_encode(const seismic_shielded_tx *tx, seismic_buf *out) {
    return _seismic_shielded_encode(tx, true, out);
}

static void _seismic_word_u64(uint8_t word[32], uint64_t v) {
    memset(word, 0, 32);
    for (int i = 0; i < 8; i++) word[31 - i] = (uint8_t)(v >> (8 * i));
}

SEISMIC_API void seismic_shielded_tx_domain_separator(uint64_t chain_id, uint8_t out[32]) {
    /* keccak(typehash ‖ keccak(name) ‖ keccak(version) ‖ chainId ‖ verifyingContract = 0) */
    static const char domain_type[] =
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    uint8_t words[5][32];
    seismic_keccak256(domain_type, sizeof domain_type - 1, words[0]);
    seismic_keccak256("Seismic Transaction", 19, words[1]);
    seismic_keccak256("2", 1, words[2]);
    _seismic_word_u64(words[3], chain_id);
    memset(words[4], 0, 32);
    seismic_keccak256(words, sizeof words, out);
}

SEISMIC_API void seismic_shielded_tx_struct_hash(const seismic_shielded_tx *tx, uint8_t out[32]) {
    static const char tx_type[] =
        "TxSeismic(uint64 chainId,uint64 nonce,uint128 gasPrice,uint64 gasLimit,address to,bool isCreate,"
        "uint256 value,bytes input,bytes encryptionPubkey,uint96 encryptionNonce,uint8 messageVersion,"
        "bytes32 recentBlockHash,uint64 expiresAtBlock,bool signedRead,bytes32 authorizationListHash)";
    uint8_t w[16][32];
    seismic_keccak256(tx_type, sizeof tx_type - 1, w[0]);
    _seismic_word_u64(w[1], tx->chain_id);
    _seismic_word_u64(w[2], tx->nonce);
    seismic_u256_to_be(&tx->gas_price, w[3]);
    _seismic_word_u64(w[4], tx->gas);
    memset(w[5], 0, 32);
    if (tx->has_to) memcpy(w[5] + 12, tx->to.bytes, 20);
    _seismic_word_u64(w[6], tx->has_to ? 0 : 1); /* isCreate */
    seismic_u256_to_be(&tx->value, w[7]);
    seismic_keccak256(tx->input, tx->input_len, w[8]);
    seismic_keccak256(tx->encryption_pubkey, 33, w[9]);
    memset(w[10], 0, 20);
    memcpy(w[10] + 20, tx->encryption_nonce, 12);
    _seismic_word_u64(w[11], tx->message_version);
    memcpy(w[12], tx->recent_block_hash, 32);
    _seismic_word_u64(w[13], tx->expires_at_block);
    _seismic_word_u64(w[14], tx->signed_read ? 1 : 0);
    seismic_authorization_list_hash(tx->authorizations, tx->authorization_count, w[15]);
    seismic_keccak256(w, sizeof w, out);
}

SEISMIC_API seismic_result seismic_shielded_tx_signing_hash(const seismic_shielded_tx *tx, uint8_t out[32]) {
    if (tx->message_version == 2) {
        uint8_t domain[32], st[32];
        seismic_shielded_tx_domain_separator(tx->chain_id, domain);
        seismic_shielded_tx_struct_hash(tx, st);
        seismic_eip712_digest(domain, st, out);
        return SEISMIC_OK;
    }
    if (tx->message_version != 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    seismic_buf buf = {NULL, 0, 0, false, {NULL, NULL, NULL}};
    seismic_result r = seismic_shielded_tx_encode_unsigned(tx, &buf);
    if (r == SEISMIC_OK) seismic_keccak256(buf.data, buf.len, out);
    seismic_buf_free(&buf);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_sign(seismic_shielded_tx *tx, const seismic_private_key *key) {
    uint8_t digest[32];
    seismic_result r = seismic_shielded_tx_signing_hash(tx, digest);
    if (r == SEISMIC_OK) r = seismic_sign_hash(key, digest, &tx->signature);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_sender(const seismic_shielded_tx *tx, seismic_address *out) {
    uint8_t digest[32];
    seismic_result r = seismic_shielded_tx_signing_hash(tx, digest);
    if (r == SEISMIC_OK) r = seismic_recover(digest, &tx->signature, out, NULL);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_typed_data_json(const seismic_shielded_tx *tx, seismic_buf *out) {
    static const char types[] =
        "{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"},"
        "{\"name\":\"chainId\",\"type\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\"}],"
        "\"TxSeismic\":[{\"name\":\"chainId\",\"type\":\"uint64\"},{\"name\":\"nonce\",\"type\":\"uint64\"},"
        "{\"name\":\"gasPrice\",\"type\":\"uint128\"},{\"name\":\"gasLimit\",\"type\":\"uint64\"},"
        "{\"name\":\"to\",\"type\":\"address\"},{\"name\":\"isCreate\",\"type\":\"bool\"},"
        "{\"name\":\"value\",\"type\":\"uint256\"},{\"name\":\"input\",\"type\":\"bytes\"},"
        "{\"name\":\"encryptionPubkey\",\"type\":\"bytes\"},{\"name\":\"encryptionNonce\",\"type\":\"uint96\"},"
        "{\"name\":\"messageVersion\",\"type\":\"uint8\"},{\"name\":\"recentBlockHash\",\"type\":\"bytes32\"},"
        "{\"name\":\"expiresAtBlock\",\"type\":\"uint64\"},{\"name\":\"signedRead\",\"type\":\"bool\"},"
        "{\"name\":\"authorizationListHash\",\"type\":\"bytes32\"}]}";
    char dec[79];
    uint8_t auth_hash[32], zero[20] = {0};
    seismic_u256 n;
    seismic_json_writer w;
    seismic_json_writer_init(&w, out);
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "data");
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "types");
    seismic_json_writer_raw(&w, types, sizeof types - 1);
    seismic_json_writer_key(&w, "primaryType");
    seismic_json_writer_string(&w, "TxSeismic");
    seismic_json_writer_key(&w, "domain");
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "name");
    seismic_json_writer_string(&w, "Seismic Transaction");
    seismic_json_writer_key(&w, "version");
    seismic_json_writer_string(&w, "2");
    seismic_json_writer_key(&w, "chainId");
    seismic_json_writer_u64(&w, tx->chain_id);
    seismic_json_writer_key(&w, "verifyingContract");
    seismic_json_writer_hex(&w, zero, 20);
    seismic_json_writer_object_end(&w);
    /* Message values as seismic-viem sends them: decimal strings for the wide integers. */
    seismic_json_writer_key(&w, "message");
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "chainId");
    seismic_json_writer_u64(&w, tx->chain_id);
#define _SEISMIC_DECIMAL_MEMBER(name, u256)        \
    seismic_json_writer_key(&w, name);              \
    seismic_u256_to_dec(u256, dec);                 \
    seismic_json_writer_string(&w, dec);
    n = seismic_u256_from_u64(tx->nonce);
    _SEISMIC_DECIMAL_MEMBER("nonce", &n)
    _SEISMIC_DECIMAL_MEMBER("gasPrice", &tx->gas_price)
    n = seismic_u256_from_u64(tx->gas);
    _SEISMIC_DECIMAL_MEMBER("gasLimit", &n)
    seismic_json_writer_key(&w, "to");
    seismic_json_writer_hex(&w, tx->has_to ? tx->to.bytes : zero, 20);
    seismic_json_writer_key(&w, "isCreate");
    seismic_json_writer_bool(&w, !tx->has_to);
    _SEISMIC_DECIMAL_MEMBER("value", &tx->value)
    seismic_json_writer_key(&w, "input");
    seismic_json_writer_hex(&w, tx->input, tx->input_len);
    seismic_json_writer_key(&w, "encryptionPubkey");
    seismic_json_writer_hex(&w, tx->encryption_pubkey, 33);
    seismic_json_writer_key(&w, "encryptionNonce");
    seismic_json_writer_hex(&w, tx->encryption_nonce, 12);
    seismic_json_writer_key(&w, "messageVersion");
    seismic_json_writer_u64(&w, tx->message_version);
    seismic_json_writer_key(&w, "recentBlockHash");
    seismic_json_writer_hex(&w, tx->recent_block_hash, 32);
    n = seismic_u256_from_u64(tx->expires_at_block);
    _SEISMIC_DECIMAL_MEMBER("expiresAtBlock", &n)
#undef _SEISMIC_DECIMAL_MEMBER
    seismic_json_writer_key(&w, "signedRead");
    seismic_json_writer_bool(&w, tx->signed_read);
    seismic_json_writer_key(&w, "authorizationListHash");
    seismic_authorization_list_hash(tx->authorizations, tx->authorization_count, auth_hash);
    seismic_json_writer_hex(&w, auth_hash, 32);
    seismic_json_writer_object_end(&w);
    seismic_json_writer_object_end(&w);
    seismic_json_writer_key(&w, "signature");
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "r");
    seismic_json_writer_hex(&w, tx->signature.r, 32);
    seismic_json_writer_key(&w, "s");
    seismic_json_writer_hex(&w, tx->signature.s, 32);
    seismic_json_writer_key(&w, "yParity");
    seismic_json_writer_quantity_u64(&w, tx->signature.y_parity);
    seismic_json_writer_object_end(&w);
    seismic_json_writer_object_end(&w);
    return _seismic_buf_result(out);
}

/* Field readers for decoding: each names the field in its error. */
static seismic_result _seismic_tx_field_u64(const seismic_rlp_item *item, const char *name, uint64_t *out,
                                            seismic_error *err) {
    if (seismic_rlp_item_u64(item, out))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: %s is not a canonical 64-bit integer", name);
    return SEISMIC_OK;
}

static seismic_result _seismic_tx_field_u256(const seismic_rlp_item *item, const char *name, size_t max_bytes,
                                             seismic_u256 *out, seismic_error *err) {
    if (item->len > max_bytes || seismic_rlp_item_u256(item, out))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: %s is not a canonical %zu-bit integer", name,
                             max_bytes * 8);
    return SEISMIC_OK;
}

static seismic_result _seismic_tx_field_bytes(const seismic_rlp_item *item, const char *name, size_t len, uint8_t *out,
                                              seismic_error *err) {
    if (item->is_list || item->len != len)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: %s must be %zu bytes", name, len);
    memcpy(out, item->payload, len);
    return SEISMIC_OK;
}

static seismic_result _seismic_tx_field_to(const seismic_rlp_item *item, bool *has_to, seismic_address *to,
                                           seismic_error *err) {
    *has_to = item->len != 0;
    memset(to->bytes, 0, 20);
    if (item->is_list || (item->len != 0 && item->len != 20))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: to must be 20 bytes or empty");
    if (item->len) memcpy(to->bytes, item->payload, 20);
    return SEISMIC_OK;
}

static seismic_result _seismic_tx_field_rs(const seismic_rlp_item items[2], seismic_signature *sig, seismic_error *err) {
    seismic_u256 r, s;
    seismic_result res;
    if ((res = _seismic_tx_field_u256(&items[0], "r", 32, &r, err))) return res;
    if ((res = _seismic_tx_field_u256(&items[1], "s", 32, &s, err))) return res;
    seismic_u256_to_be(&r, sig->r);
    seismic_u256_to_be(&s, sig->s);
    return SEISMIC_OK;
}

/* yParity, r, s */
static seismic_result _seismic_tx_field_signature(const seismic_rlp_item items[3], seismic_signature *sig,
                                                  seismic_error *err) {
    uint64_t parity;
    seismic_result res;
    if ((res = _seismic_tx_field_u64(&items[0], "yParity", &parity, err))) return res;
    if (parity > 1) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: yParity must be 0 or 1");
    sig->y_parity = (uint8_t)parity;
    return _seismic_tx_field_rs(&items[1], sig, err);
}

static seismic_result _seismic_decode_authorizations(const seismic_rlp_item *list, seismic_authorization *auth,
                                                     size_t cap, size_t *count, seismic_error *err) {
    if (!list->is_list) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: authorizationList must be a list");
    const uint8_t *p = list->payload, *end = list->payload + list->len;
    size_t n = 0;
    while (p < end) {
        seismic_rlp_item entry, f[6];
        size_t nf;
        seismic_result r = seismic_rlp_next(&p, end, &entry, err);
        if (r) return r;
        if (n == cap)
            return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "transaction: more than %zu authorizations", cap);
        if (!entry.is_list || seismic_rlp_list_items(&entry, f, 6, &nf, NULL) || nf != 6)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: authorization %zu must be a list of 6 items", n);
        seismic_authorization *a = &auth[n];
        seismic_signature sig;
        if ((r = _seismic_tx_field_u64(&f[0], "authorization chainId", &a->chain_id, err))) return r;
        if ((r = _seismic_tx_field_bytes(&f[1], "authorization address", 20, a->address.bytes, err))) return r;
        if ((r = _seismic_tx_field_u64(&f[2], "authorization nonce", &a->nonce, err))) return r;
        if ((r = _seismic_tx_field_signature(&f[3], &sig, err))) return r;
        a->y_parity = sig.y_parity;
        seismic_u256_from_be(sig.r, 32, &a->r);
        seismic_u256_from_be(sig.s, 32, &a->s);
        n++;
    }
    *count = n;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_shielded_tx_decode(const uint8_t *raw, size_t len, seismic_shielded_tx *tx,
                                                      seismic_authorization *auth, size_t auth_cap, seismic_error *err) {
    seismic_rlp_item root = {NULL, 0, false}, it[17];
    size_t n = 0;
    seismic_result r;
    memset(tx, 0, sizeof *tx);
    if (len < 1 || raw[0] != SEISMIC_TX_TYPE_SEISMIC)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: not a Seismic (0x4a) transaction");
    if ((r = seismic_rlp_decode(raw + 1, len - 1, &root, err))) return r;
    if (!root.is_list || seismic_rlp_list_items(&root, it, 17, &n, NULL) || n != 17)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: a signed Seismic transaction has 17 fields");
    uint64_t version, signed_read;
    if ((r = _seismic_tx_field_u64(&it[0], "chainId", &tx->chain_id, err))) return r;
    if ((r = _seismic_tx_field_u64(&it[1], "nonce", &tx->nonce, err))) return r;
    if ((r = _seismic_tx_field_u256(&it[2], "gasPrice", 16, &tx->gas_price, err))) return r;
    if ((r = _seismic_tx_field_u64(&it[3], "gas", &tx->gas, err))) return r;
    if ((r = _seismic_tx_field_to(&it[4], &tx->has_to, &tx->to, err))) return r;
    if ((r = _seismic_tx_field_u256(&it[5], "value", 32, &tx->value, err))) return r;
    if ((r = _seismic_tx_field_bytes(&it[6], "encryptionPubkey", 33, tx->encryption_pubkey, err))) return r;
    if (it[7].is_list || it[7].len > 12 || (it[7].len && it[7].payload[0] == 0))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: encryptionNonce is not a canonical 96-bit integer");
    memcpy(tx->encryption_nonce + 12 - it[7].len, it[7].payload, it[7].len);
    if ((r = _seismic_tx_field_u64(&it[8], "messageVersion", &version, err))) return r;
    if (version > 255) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: messageVersion out of range");
    tx->message_version = (uint8_t)version;
    if ((r = _seismic_tx_field_bytes(&it[9], "recentBlockHash", 32, tx->recent_block_hash, err))) return r;
    if ((r = _seismic_tx_field_u64(&it[10], "expiresAtBlock", &tx->expires_at_block, err))) return r;
    if ((r = _seismic_tx_field_u64(&it[11], "signedRead", &signed_read, err))) return r;
    if (signed_read > 1) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: signedRead must be a boolean");
    tx->signed_read = signed_read == 1;
    if (it[12].is_list) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: input must be a byte string");
    tx->input = it[12].payload;
    tx->input_len = it[12].len;
    if ((r = _seismic_decode_authorizations(&it[13], auth, auth_cap, &tx->authorization_count, err))) return r;
    tx->authorizations = auth;
    return _seismic_tx_field_signature(&it[14], &tx->signature, err);
}

/* EIP-1559 items 0..8, or legacy items 0..5. */
static void _seismic_eth_put_items(const seismic_eth_tx *tx, seismic_buf *out) {
    static const uint8_t empty_list = 0xc0;
    if (tx->type == SEISMIC_TX_TYPE_EIP1559) {
        seismic_rlp_put_u64(out, tx->chain_id);
        seismic_rlp_put_u64(out, tx->nonce);
        seismic_rlp_put_u256(out, &tx->max_priority_fee_per_gas);
        seismic_rlp_put_u256(out, &tx->max_fee_per_gas);
    } else {
        seismic_rlp_put_u64(out, tx->nonce);
        seismic_rlp_put_u256(out, &tx->gas_price);
    }
    seismic_rlp_put_u64(out, tx->gas);
    _seismic_rlp_put_address(out, tx->has_to, &tx->to);
    seismic_rlp_put_u256(out, &tx->value);
    seismic_rlp_put_bytes(out, tx->data, tx->data_len);
    if (tx->type == SEISMIC_TX_TYPE_EIP1559) {
        if (tx->access_list) seismic_buf_append(out, tx->access_list, tx->access_list_len);
        else seismic_buf_append(out, &empty_list, 1);
    }
}

static seismic_result _seismic_eth_encode(const seismic_eth_tx *tx, bool with_signature, seismic_buf *out) {
    if (tx->type != SEISMIC_TX_TYPE_LEGACY && tx->type != SEISMIC_TX_TYPE_EIP1559) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (tx->type == SEISMIC_TX_TYPE_EIP1559) seismic_buf_append_byte(out, SEISMIC_TX_TYPE_EIP1559);
    size_t list = seismic_rlp_list_begin(out);
    _seismic_eth_put_items(tx, out);
    if (with_signature && tx->type == SEISMIC_TX_TYPE_EIP1559) {
        _seismic_rlp_put_signature(out, &tx->signature);
    } else if (tx->type == SEISMIC_TX_TYPE_LEGACY && (with_signature || tx->chain_id)) {
        /* EIP-155: sign over (chainId, 0, 0); the signature's v is chainId * 2 + 35 + yParity */
        seismic_u256 r, s, v = seismic_u256_from_u64(tx->chain_id), zero = seismic_u256_from_u64(0);
        if (!with_signature) {
            seismic_rlp_put_u256(out, &v);
            seismic_rlp_put_u256(out, &zero);
            seismic_rlp_put_u256(out, &zero);
        } else {
            seismic_u256 add = seismic_u256_from_u64(tx->chain_id ? 35u + tx->signature.y_parity
                                                                  : 27u + tx->signature.y_parity);
            if (seismic_u256_mul_u64(&v, tx->chain_id ? 2 : 0, &v) || seismic_u256_add(&v, &add, &v))
                return SEISMIC_ERR_OVERFLOW;
            seismic_u256_from_be(tx->signature.r, 32, &r);
            seismic_u256_from_be(tx->signature.s, 32, &s);
            seismic_rlp_put_u256(out, &v);
            seismic_rlp_put_u256(out, &r);
            seismic_rlp_put_u256(out, &s);
        }
    }
    seismic_rlp_list_end(out, list);
    return _seismic_buf_result(out);
}

SEISMIC_API seismic_result seismic_eth_tx_signing_hash(const seismic_eth_tx *tx, uint8_t out[32]) {
    seismic_buf buf = {NULL, 0, 0, false, {NULL, NULL, NULL}};
    seismic_result r = _seismic_eth_encode(tx, false, &buf);
    if (r == SEISMIC_OK) seismic_keccak256(buf.data, buf.len, out);
    seismic_buf_free(&buf);
    return r;
}

SEISMIC_API seismic_result seismic_eth_tx_sign(seismic_eth_tx *tx, const seismic_private_key *key) {
    uint8_t digest[32];
    seismic_result r = seismic_eth_tx_signing_hash(tx, digest);
    if (r == SEISMIC_OK) r = seismic_sign_hash(key, digest, &tx->signature);
    return r;
}

SEISMIC_API seismic_result seismic_eth_tx_encode(const seismic_eth_tx *tx, seismic_buf *out) {
    return _seismic_eth_encode(tx, true, out);
}

SEISMIC_API seismic_result seismic_eth_tx_sender(const seismic_eth_tx *tx, seismic_address *out) {
    uint8_t digest[32];
    seismic_result r = seismic_eth_tx_signing_hash(tx, digest);
    if (r == SEISMIC_OK) r = seismic_recover(digest, &tx->signature, out, NULL);
    return r;
}

SEISMIC_API seismic_result seismic_eth_tx_decode(const uint8_t *raw, size_t len, seismic_eth_tx *tx, seismic_error *err) {
    seismic_rlp_item root = {NULL, 0, false}, it[12];
    size_t n = 0;
    seismic_result r;
    memset(tx, 0, sizeof *tx);
    bool typed = len > 0 && raw[0] == SEISMIC_TX_TYPE_EIP1559;
    if (len == 0 || (!typed && raw[0] < 0xc0))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: not a legacy or EIP-1559 transaction");
    if ((r = seismic_rlp_decode(raw + typed, len - typed, &root, err))) return r;
    if (!root.is_list || seismic_rlp_list_items(&root, it, 12, &n, NULL) || n != (typed ? 12u : 9u))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: a signed %s transaction has %d fields",
                             typed ? "EIP-1559" : "legacy", typed ? 12 : 9);
    const seismic_rlp_item *f = it;
    if (typed) {
        tx->type = SEISMIC_TX_TYPE_EIP1559;
        if ((r = _seismic_tx_field_u64(f++, "chainId", &tx->chain_id, err))) return r;
    }
    if ((r = _seismic_tx_field_u64(f++, "nonce", &tx->nonce, err))) return r;
    if (typed) {
        if ((r = _seismic_tx_field_u256(f++, "maxPriorityFeePerGas", 32, &tx->max_priority_fee_per_gas, err))) return r;
        if ((r = _seismic_tx_field_u256(f++, "maxFeePerGas", 32, &tx->max_fee_per_gas, err))) return r;
    } else if ((r = _seismic_tx_field_u256(f++, "gasPrice", 32, &tx->gas_price, err))) {
        return r;
    }
    if ((r = _seismic_tx_field_u64(f++, "gas", &tx->gas, err))) return r;
    if ((r = _seismic_tx_field_to(f++, &tx->has_to, &tx->to, err))) return r;
    if ((r = _seismic_tx_field_u256(f++, "value", 32, &tx->value, err))) return r;
    if (f->is_list) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: data must be a byte string");
    tx->data = f->payload;
    tx->data_len = f->len;
    f++;
    if (typed) {
        if (!f->is_list) return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: accessList must be a list");
        /* keep the encoded list, header included, so it re-encodes byte for byte */
        tx->access_list = it[7].payload + it[7].len;
        tx->access_list_len = (size_t)(f->payload + f->len - tx->access_list);
        f++;
        return _seismic_tx_field_signature(f, &tx->signature, err);
    }
    /* legacy: v = 27/28 (no chain id) or chainId * 2 + 35/36 */
    seismic_u256 v;
    uint64_t v64;
    if ((r = _seismic_tx_field_u256(f, "v", 32, &v, err))) return r;
    if (!seismic_u256_to_u64(&v, &v64) || v64 < 27 || (v64 > 28 && v64 < 35))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "transaction: legacy v must be 27, 28 or chainId*2+35/36");
    tx->chain_id = v64 <= 28 ? 0 : (v64 - 35) / 2;
    tx->signature.y_parity = (uint8_t)(v64 <= 28 ? v64 - 27 : (v64 - 35) % 2);
    return _seismic_tx_field_rs(&it[7], &tx->signature, err);
}

SEISMIC_API int seismic_tx_type(const uint8_t *raw, size_t len) {
    if (len == 0) return -1;
    return raw[0] >= 0xc0 ? SEISMIC_TX_TYPE_LEGACY : raw[0];
}

SEISMIC_API void seismic_tx_hash(const uint8_t *raw, size_t len, uint8_t out[32]) { seismic_keccak256(raw, len, out); }
#endif /* SEISMIC_IMPLEMENTATION */

/*
MIT License

Copyright (c) 2026 the seismic.h authors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
*/
