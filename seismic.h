/* seismic.h — a single-file C SDK for the Seismic chain (and any EVM chain).

   Do this:
       #define SEISMIC_IMPLEMENTATION
   before you include this file in *one* C or C++ file to create the implementation.
   Link with BearSSL (-lbearssl) and libsecp256k1 (-lsecp256k1).

   Options (define before including the implementation):
       SEISMIC_API        decoration of public functions (default: extern)
       SEISMIC_STATIC     make every function static (for a single translation unit)
       SEISMIC_ASSERT(c)  your own assert (default: assert from <assert.h>)

   Platform: POSIX (Linux, macOS, the BSDs) and Windows (Winsock2; Vista or later). The implementation
   needs POSIX declarations on POSIX systems (see below). On Windows also link -lws2_32 -lbcrypt -lcrypt32
   -liphlpapi (MSVC: ws2_32.lib bcrypt.lib crypt32.lib iphlpapi.lib, named by #pragma comment); TLS trusts
   the ROOT certificate store there unless ca_file/ca_pem/SSL_CERT_FILE say otherwise.

   Networking never blocks the caller: names are resolved by a built-in asynchronous resolver (UDP to the
   system's name servers, TCP after truncation, a TTL cache; dns_server in the desc picks another), and
   when a name has IPv6 and IPv4 addresses both are tried, IPv6 first, a new attempt every 250 ms
   (happy eyeballs), so a dead route costs 250 ms instead of the connect timeout.

   Table of contents (declarations and implementation are grouped by these layers, in this order except that
   the drivers, 12, come before the client actions, 11, whose blocking twins use them; a layer uses only
   the layers before it):
       1. base: results and errors, allocator, growable buffers, CSPRNG
       2. bytes: hex, 256-bit unsigned integers, wei/gwei/ether units
       3. Keccak-256
       4. RLP (strict decoding with a nesting limit)
       5. ABI from signature strings, Seismic shielded types, revert data
       6. JSON: a linear, non-recursive tokenizer into caller memory, and a writer
       7. crypto: keys, EIP-55 addresses, ECDSA (RFC 6979, low-S), EIP-191, EIP-712,
          ECDH, HKDF, AES-256-GCM, the Seismic key schedule
       8. transactions: Seismic type 0x4a (v0 and EIP-712 v2), EIP-1559, legacy EIP-155
       8b. Seismic helpers: precompile inputs and gas, SRC20 encrypted amounts, deposits
       9. transport: URLs, base64, HTTP/1.1 and WebSocket codecs (sans-I/O), sockets, TLS over BearSSL
       10. RPC engine: request handles, batching, pooling, retries, rate limit, timeouts, subscriptions
       11. client actions: eth_*, wallets and the nonce manager, shielded writes, signed reads,
           contracts, SRC20 and the Directory, event watching
       11b. Substrate reads (SEISMIC_NO_SUBSTRATE leaves them out): xxh64/twox, BLAKE2b, base58/SS58,
           SCALE, storage keys, Bittensor queries at a pinned block hash
       12. drivers: the poll-fd pump, the bundled loop, blocking twins

   Async model: every network call returns a seismic_request handle at once; its callback runs inside
   seismic_client_process (or the bundled loop), never inside the call that submitted it, so a callback
   may submit more work. Every request ends exactly once: result, JSON-RPC error, transport error,
   timeout, cancel or shutdown.

   Lifetimes (what a client owns, what a callback may do, any destroy order):
     - A client owns its requests and subscriptions (handles: a stale handle is refused with
       SEISMIC_ERR_INVALID_HANDLE, never mistaken for a later request) and the connections. Wallets and
       watchers belong to the client they were made on: destroy them (seismic_wallet_destroy,
       seismic_src20_watch_stop) before or after the client, in any order. Destroying the client first
       leaves them orphaned: their calls return {0}, seismic_wallet_client is NULL, and destroying them
       only frees their own memory.
     - A callback (request, notification, watcher) may submit, cancel and release requests, subscribe
       and unsubscribe, destroy wallets and watchers, and destroy the client: then every pending request
       ends with SEISMIC_ERR_SHUTDOWN (callbacks run), and the client is freed when the process/run/wait
       call that ran the callback returns; do not touch it afterwards. A callback may not drive the loop:
       seismic_client_process/run/wait and the blocking twins (seismic_await, seismic_*_blocking) refuse
       with SEISMIC_ERR_IN_CALLBACK. The logger must not call the client.
     - seismic_client_destroy outside a callback ends every pending request with SEISMIC_ERR_SHUTDOWN and
       runs their callbacks before it returns; requests submitted while it runs are refused at once
       (handle {0}, SEISMIC_ERR_SHUTDOWN), so a callback that resubmits on every error cannot keep it alive.

   Limits: every number from a desc or a server is range-checked: a desc value no default can fix is
   refused by seismic_client_create with a message, a size is clamped (see the desc), and a server's
   numbers (error codes, lengths, Retry-After) are clamped or refused. One response may take
   max_response_bytes of text and as much again of JSON tokens (counting the block they grow into).
   A response is tokenized once, as its bytes arrive, in work proportional to the bytes each
   seismic_client_process call reads (at most 256 KiB per connection); the answers of a batch share its
   text and tokens, handed over without a copy, and large connection memory is returned after each response.

   Memory: nothing allocates except through a seismic_allocator you may pass (zero = malloc/free).
   The JSON, RLP, ABI and transaction decoders never allocate: they return views into your input and
   tokens in your memory. Results of requests are views into memory the response owns, valid until
   seismic_request_release (or the end of the callback).

   Logging: silent unless you set seismic_client_desc.logger (retries, failovers, reconnects).

   Errors, one convention:
     - A function that can fail returns seismic_result (0 = SEISMIC_OK); one that creates an object
       returns it, or NULL with the reason in its seismic_error* (which may be NULL; decoders put the
       offset of the problem in the message). `seismic_error err = {0};` is valid C and C++.
     - Appending to a seismic_buf cannot fail loudly per call (seismic_buf_append, the RLP encoder, the
       JSON writer, the ABI argument builder): an allocation failure sets the buffer's `failed` flag and
       later appends are skipped, so a sequence is checked once, and whatever consumes the buffer reports
       SEISMIC_ERR_NO_MEMORY. Every other function that returns void cannot fail.
     - Requests: whatever is wrong before a request exists (a bad argument, no free slot, out of memory,
       a wallet not ready yet) makes the submitting call return the handle {0}, with the reason in
       seismic_client_last_error, and nothing is left behind; once a handle is returned, every failure
       arrives in its response, exactly once. Why not a handle that fails later: with every slot in use
       there is no handle to give, and a mistake in the arguments is best reported on the line that made
       it. seismic_await and seismic_await_response fold the {0} case into their seismic_error, so
       blocking code has a single error path.

   Argument order, one rule: the object a function acts on comes first, then its inputs, then its outputs,
   then seismic_error*. The object acted on is what the name starts with: the buffer an appender grows
   (seismic_buf_*, the RLP encoder seismic_rlp_put_*), the writer, the hash or parse state an *_init or
   seismic_json_parse sets up, the reader, the argument builder, the key or transaction being signed or
   wiped, the client, wallet or subtensor a request goes to, the object a *_free or *_destroy ends.
   Everything a function produces is an output, also into a seismic_buf (seismic_abi_encode(types, args,
   &out, &err), seismic_private_key_from_hex(hex, &key)); a caller's array is followed by its capacity,
   then by the count written. The project's tests check every declaration against this rule.

   Secrets: private keys and AES keys live in structs that have a *_wipe function; the SDK wipes
   every temporary copy it makes. Buffers that hold a key, plaintext calldata or a decrypted result
   are marked seismic_buf.secret (by the SDK, and by you for your own), so that growing or freeing
   them zeroes the memory first; so are action results (a signed read's decrypted output) and the
   request, response and connection buffers of precompile calls, whose inputs and answers are plain.

   TLS: TLS 1.2 with ECDHE and AES-GCM or ChaCha20-Poly1305, certificates signed with SHA-256 or
   better, RSA 2048+ / EC P-256+ keys, the host name in a subjectAltName; a close-delimited body ends
   with the server's close_notify (a bare TCP close is a truncation). seismic_client_desc.tls_allow_legacy
   relaxes this for an old node.

   Threading: no global mutable state. One object is used from one thread at a time.

   License: MIT (see the end of this file).
*/
/* The implementation uses POSIX (sockets, poll, clock_gettime) or, on Windows, Winsock2. The default
   dialects (gnu99, gnu11, ...) show POSIX already, and then nothing is defined here, so M_PI, usleep and the
   rest stay visible to your file. A strict dialect (-std=c99, __STRICT_ANSI__) hides it: the implementation
   then asks for POSIX.1-2008, also when a system header came first and fixed the feature set (glibc computes
   it once, so it is computed again with POSIX added; headers included before keep what they declared). */
#if defined(SEISMIC_IMPLEMENTATION) && defined(__STRICT_ANSI__) && !defined(_WIN32) && !defined(_POSIX_C_SOURCE) && \
    !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_DEFAULT_SOURCE)
#define _POSIX_C_SOURCE 200809L
#if defined(__GLIBC__) && defined(_FEATURES_H)
#undef _FEATURES_H
#include <features.h>
#endif
#endif

#ifndef SEISMIC_H
#define SEISMIC_H

/* The version of this file: MAJOR.MINOR.PATCH. Before 1.0 a MINOR release may change the API (each change
   is listed in the project's CHANGELOG.md); a PATCH release never does. */
#define SEISMIC_VERSION_MAJOR 0
#define SEISMIC_VERSION_MINOR 1
#define SEISMIC_VERSION_PATCH 0
#define SEISMIC_VERSION_STRING "0.1.0"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(SEISMIC_STATIC) && (defined(__GNUC__) || defined(__clang__))
#define SEISMIC_API static __attribute__((unused)) /* a program uses a few of them: no warning for the rest */
#elif defined(SEISMIC_STATIC)
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
    SEISMIC_ERR_TRANSPORT,        /* connecting, sending or receiving failed, or the peer closed */
    SEISMIC_ERR_TLS,              /* TLS handshake or certificate verification failed */
    SEISMIC_ERR_HTTP,             /* the server answered with an HTTP error status */
    SEISMIC_ERR_RPC,              /* the server answered with a JSON-RPC error object */
    SEISMIC_ERR_TIMEOUT,          /* the request's deadline passed */
    SEISMIC_ERR_CANCELED,         /* the caller canceled the request */
    SEISMIC_ERR_SHUTDOWN,         /* the client was destroyed while the request was pending */
    SEISMIC_ERR_BUSY,             /* no free request slot (see max_requests) */
    SEISMIC_ERR_INVALID_HANDLE,   /* a stale or unknown handle */
    SEISMIC_ERR_NOT_FOUND,        /* the node has no such block, transaction or receipt (a null result) */
    SEISMIC_ERR_IN_CALLBACK,      /* not allowed from inside a callback (process, run, wait, blocking twins) */
    SEISMIC_RESULT_COUNT_
} seismic_result;

/* A short English name of a result code ("invalid argument", ...). */
SEISMIC_API const char *seismic_result_string(seismic_result result);

/* Detailed error information filled in by functions that take a seismic_error* (which may be NULL). */
typedef struct seismic_error {
    char message[160]; /* first, so that `seismic_error err = {0};` is valid C and C++ */
    seismic_result result;
} seismic_error;

typedef struct seismic_allocator {
    void *(*alloc)(size_t size, void *user_data);
    void (*free)(void *ptr, void *user_data);
    void *user_data;
} seismic_allocator;

/* A growable byte buffer. Zero-initialise it (optionally set .allocator), append, then
   seismic_buf_free. Appends never fail loudly: on allocation failure .failed is set and later
   appends are ignored, so a sequence of appends needs one check at the end. Set .secret before the
   first append when it will hold a key or plaintext: every block it gives back (on growth and on
   free) is zeroed first. Functions that put a secret into a buffer set the flag themselves. */
typedef struct seismic_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
    bool failed;
    seismic_allocator allocator;
    bool secret; /* holds keys or plaintext: growth and free wipe the memory they give back */
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
/* Zeroes the contents and frees, whether or not .secret is set. */
SEISMIC_API void seismic_buf_wipe(seismic_buf *buf);
SEISMIC_API void seismic_buf_free(seismic_buf *buf);

/* Fills out with bytes from the operating system's CSPRNG. */
SEISMIC_API seismic_result seismic_random_bytes(void *out, size_t len);
/* Overwrites memory in a way the compiler may not remove. */
SEISMIC_API void seismic_wipe(void *ptr, size_t len);

/*==== 2. bytes ===================================================================================*/

/* Writes "0x" + 2*len lowercase hex digits + NUL into out, which must hold 2*len + 3 chars. */
SEISMIC_API void seismic_hex_encode(const void *data, size_t len, char *out);
/* Decodes hex (with or without "0x", even number of digits) into out (capacity cap) and stores the byte
   count in *out_len; with out_len NULL the hex must be exactly cap bytes (an address: 20, a hash: 32). */
SEISMIC_API seismic_result seismic_hex_decode(const char *hex, size_t hex_len, uint8_t *out, size_t cap,
                                              size_t *out_len);
/* Decodes hex of any length into a buffer (appended). */
SEISMIC_API seismic_result seismic_hex_decode_buf(const char *hex, size_t hex_len, seismic_buf *out);

/* A 20-byte account address (layer 7 parses, checksums and derives them). */
typedef struct seismic_address {
    uint8_t bytes[20];
} seismic_address;

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
/* Converts RLP to JSON: nested arrays of "0x.." strings. */
SEISMIC_API seismic_result seismic_rlp_to_json(const uint8_t *data, size_t len, seismic_buf *json, seismic_error *err);


/*==== 5. ABI =====================================================================================*/

/* Types come from Solidity signature strings: "transfer(address to, suint256 amount)",
   "function balanceOf(address) view returns (uint256)", "event Transfer(address indexed from, ...)", and
   cast's "balanceOf(address)(uint256)" (outputs right after the inputs).
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
   seismic_abi_encode_call_text appends selector + arguments (like `cast calldata`); seismic_abi_encode_text
   appends the arguments only, for types "(uint256,string)" or "uint256,string". On error nothing is
   appended. */
SEISMIC_API seismic_result seismic_abi_encode_call_text(const char *signature, const char *const *args, size_t nargs,
                                                        seismic_buf *out, seismic_error *err);
SEISMIC_API seismic_result seismic_abi_encode_text(const char *types, const char *const *args, size_t nargs,
                                                   seismic_buf *out, seismic_error *err);


/* Arguments as typed values, built like JSON with seismic_json_writer: one call per value, arrays and
   tuples opened and closed around their elements, nested freely.
       seismic_abi_args args = {0};
       seismic_abi_arg_address(&args, &to);
       seismic_abi_arg_u256(&args, &amount);
       seismic_abi_encode_call("transfer(address,suint256)", &args, &calldata, &err);
       seismic_abi_args_free(&args);
   Each value must suit its parameter when encoded: numbers (u256, u64, int) fit uintN/intN (range-checked
   for N bits), bytes fit `bytes` or a bytesN of exactly N bytes, addresses, bools and strings their
   types, arrays T[] and T[k] (k elements), tuples (one value per member). Misuse (closing what is not
   open, nesting deeper than SEISMIC_ABI_MAX_DEPTH) and allocation failure are reported by the encoder.
   Arguments of shielded parameters are secrets: seismic_abi_args_free wipes what it frees. */
typedef struct seismic_abi_args {
    seismic_allocator allocator;          /* [malloc/free] */
    seismic_buf _nodes;                   /* private: the values in pre-order */
    seismic_buf _bytes;                   /* private: payloads of bytes and strings */
    uint32_t _open[SEISMIC_ABI_MAX_DEPTH]; /* private: the open arrays and tuples */
    uint32_t _depth;
    uint32_t _count;                      /* private: top-level arguments */
    bool _misused;
} seismic_abi_args;

SEISMIC_API void seismic_abi_arg_u256(seismic_abi_args *args, const seismic_u256 *value);
SEISMIC_API void seismic_abi_arg_u64(seismic_abi_args *args, uint64_t value);
SEISMIC_API void seismic_abi_arg_int(seismic_abi_args *args, int64_t value);
SEISMIC_API void seismic_abi_arg_address(seismic_abi_args *args, const seismic_address *address);
SEISMIC_API void seismic_abi_arg_bool(seismic_abi_args *args, bool value);
SEISMIC_API void seismic_abi_arg_bytes(seismic_abi_args *args, const void *data, size_t len);
SEISMIC_API void seismic_abi_arg_string(seismic_abi_args *args, const char *text);
SEISMIC_API void seismic_abi_arg_array_begin(seismic_abi_args *args);
SEISMIC_API void seismic_abi_arg_array_end(seismic_abi_args *args);
SEISMIC_API void seismic_abi_arg_tuple_begin(seismic_abi_args *args);
SEISMIC_API void seismic_abi_arg_tuple_end(seismic_abi_args *args);
SEISMIC_API void seismic_abi_args_free(seismic_abi_args *args);

/* seismic_abi_encode_call appends selector + arguments; seismic_abi_encode the arguments only, for types
   "(uint256,string)" or "uint256,string". args may be NULL for no arguments. Errors name the argument:
   "argument 2 (uint8): 300 does not fit in 8 bits". On error nothing is appended. */
SEISMIC_API seismic_result seismic_abi_encode_call(const char *signature, const seismic_abi_args *args,
                                                   seismic_buf *out, seismic_error *err);
SEISMIC_API seismic_result seismic_abi_encode(const char *types, const seismic_abi_args *args, seismic_buf *out,
                                              seismic_error *err);

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

/* Decodes an event log against its signature ("Transfer(address indexed from, address indexed to,
   uint256 value)") the same way: values[0] is a tuple of all the event's parameters in declaration
   order, indexed ones decoded from their topic, the others from data. An indexed parameter of a
   dynamic type (string, bytes, arrays, tuples) is its topic as a bytes32: the keccak of the value.
   topics[0] must be the event's topic (seismic_abi_event_topic) unless the signature ends with
   "anonymous"; one topic per indexed parameter. */
SEISMIC_API seismic_result seismic_abi_decode_event(const char *signature, const uint8_t (*topics)[32], size_t topic_count,
                                                    const uint8_t *data, size_t len, seismic_abi_value *values,
                                                    size_t cap, size_t *count, seismic_error *err);
/* Appends the name of a signature's index-th input ("" when it has none);
   SEISMIC_ERR_INVALID_ARGUMENT past the last input. */
SEISMIC_API seismic_result seismic_abi_param_name(const char *signature, size_t index, seismic_buf *out,
                                                  seismic_error *err);

/* Accessors; SEISMIC_ERR_INVALID_ARGUMENT for a value of another kind. u256 accepts uint, int (two's
   complement), address and bool; u64 also reports SEISMIC_ERR_OVERFLOW (negative ints included). */
SEISMIC_API seismic_result seismic_abi_value_u256(const seismic_abi_value *value, seismic_u256 *out);
SEISMIC_API seismic_result seismic_abi_value_u64(const seismic_abi_value *value, uint64_t *out);
SEISMIC_API seismic_result seismic_abi_value_bool(const seismic_abi_value *value, bool *out);
SEISMIC_API seismic_result seismic_abi_value_address(const seismic_abi_value *value, seismic_address *out);

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
/* A "0x" hex data string with an even number of digits ("0x" is zero bytes); with out_len NULL it must be
   exactly cap bytes (an address is 20, a hash 32). */
SEISMIC_API seismic_result seismic_json_get_bytes(const seismic_json *json, int index, uint8_t *out, size_t cap,
                                                  size_t *out_len);
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

/* An ECDSA signature with its recovery id (0 or 1, stored in transactions as yParity). */
typedef struct seismic_signature {
    uint8_t r[32];
    uint8_t s[32];
    uint8_t y_parity;
} seismic_signature;

/* Private keys: validated to be in [1, n-1]. Hex may carry "0x". */
SEISMIC_API seismic_result seismic_private_key_from_bytes(const uint8_t bytes[32], seismic_private_key *key);
SEISMIC_API seismic_result seismic_private_key_from_hex(const char *hex, seismic_private_key *key);
SEISMIC_API seismic_result seismic_private_key_generate(seismic_private_key *key);
SEISMIC_API void seismic_private_key_wipe(seismic_private_key *key);

/* The functions here that sign or derive a public key (seismic_sign_hash, seismic_public_key*,
   seismic_private_key_address, seismic_encryption_init, seismic_*_tx_sign) make a libsecp256k1 context per
   call, which runs libsecp256k1's self-test (a few percent of a signature, build/bench/micro); a wallet makes
   one, blinded from the CSPRNG, for all its signatures. Parsing, recovery and ECDH need no context. */

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
/* AES-256-GCM with a 12-byte nonce; the 16-byte tag is appended (out holds len + 16 bytes). These two ask
   the CPU for AES-NI and PCLMUL on every call, and so do the other free functions that encrypt or decrypt
   (seismic_shielded_tx_decrypt, _decrypt_response, the SRC20 amount helpers, seismic_src20_decode_log): that
   is CPUID, which traps to the hypervisor in a VM and there costs far more than the AES-GCM itself (23 µs
   against 0.3 µs for an SRC20 amount in build/bench/micro). A seismic_encryption (so a wallet) and an SRC20
   watcher ask once. */
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
    /* the AES-CTR and GHASH code for this CPU, picked by seismic_encryption_init (NULL: picked per use) */
    const void *aes_impl;
    void (*ghash_impl)(void *y, const void *h, const void *data, size_t len);
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
/* Decrypts input back to plaintext calldata with the request key (what the node does); out is marked secret. */
SEISMIC_API seismic_result seismic_shielded_tx_decrypt(const seismic_shielded_tx *tx, const seismic_address *sender,
                                                       const uint8_t request_key[32], seismic_buf *out);
/* Decrypts a signed-read result or encrypted revert data with the response key: the v1 envelope
   (01 ‖ IV ‖ ct ‖ tag, AAD ‖ 01) is tried first when it fits, then the legacy form (spec §2.7, §2.9).
   out is marked secret. */
SEISMIC_API seismic_result seismic_shielded_tx_decrypt_response(const seismic_shielded_tx *request,
                                                                const seismic_address *sender,
                                                                const uint8_t response_key[32], const uint8_t *data,
                                                                size_t len, seismic_buf *out);

/* 0x4a ‖ RLP(items 0..13): the v0 signing pre-image. */
SEISMIC_API seismic_result seismic_shielded_tx_encode_unsigned(const seismic_shielded_tx *tx, seismic_buf *out);
/* 0x4a ‖ RLP(items 0..16): the raw signed transaction. */
SEISMIC_API seismic_result seismic_shielded_tx_encode(const seismic_shielded_tx *tx, seismic_buf *out);
/* The digest signed for tx->message_version (0: keccak of the unsigned form, 2: EIP-712). The hashing
   and signing functions of this layer take no allocator: their temporaries use malloc/free, and
   SEISMIC_ERR_NO_MEMORY means nothing was hashed or signed (wallets use the client's allocator). */
SEISMIC_API seismic_result seismic_shielded_tx_signing_hash(const seismic_shielded_tx *tx, uint8_t out[32]);
SEISMIC_API seismic_result seismic_shielded_tx_sign(seismic_shielded_tx *tx, const seismic_private_key *key);
SEISMIC_API seismic_result seismic_shielded_tx_sender(const seismic_shielded_tx *tx, seismic_address *out);
/* EIP-712 pieces (spec §1.6). */
SEISMIC_API void seismic_shielded_tx_domain_separator(uint64_t chain_id, uint8_t out[32]);
SEISMIC_API seismic_result seismic_shielded_tx_struct_hash(const seismic_shielded_tx *tx, uint8_t out[32]);
SEISMIC_API seismic_result seismic_authorization_list_hash(const seismic_authorization *list, size_t count,
                                                           uint8_t out[32]);
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

/*==== 8b. Seismic helpers: precompiles, SRC20 amounts, deposits ===================================*/

/* Built-in addresses are initializers of compile-time bytes, in C and C++ alike:
       seismic_address rng = SEISMIC_PRECOMPILE_RNG; */
#define SEISMIC_ADDRESS_ENDING_IN_(first, last) {{first, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last}}

/* Seismic precompiles (spec §6.2), called with an unsigned eth_call {to, data}. Their inputs are
   raw concatenations, not ABI. */
#define SEISMIC_PRECOMPILE_RNG SEISMIC_ADDRESS_ENDING_IN_(0, 0x64)
#define SEISMIC_PRECOMPILE_ECDH SEISMIC_ADDRESS_ENDING_IN_(0, 0x65)
#define SEISMIC_PRECOMPILE_AES_GCM_ENCRYPT SEISMIC_ADDRESS_ENDING_IN_(0, 0x66)
#define SEISMIC_PRECOMPILE_AES_GCM_DECRYPT SEISMIC_ADDRESS_ENDING_IN_(0, 0x67)
#define SEISMIC_PRECOMPILE_HKDF SEISMIC_ADDRESS_ENDING_IN_(0, 0x68)
#define SEISMIC_PRECOMPILE_SECP256K1_SIGN SEISMIC_ADDRESS_ENDING_IN_(0, 0x69)

/* The HKDF precompile returns seismic_hkdf_sha256(ikm, len, SEISMIC_HKDF_INFO_PRECOMPILE, out); the
   ECDH precompile returns the request key of the pair (seismic_ecdh, then SEISMIC_HKDF_INFO_REQUEST). */
#define SEISMIC_HKDF_INFO_PRECOMPILE "seismic_hkdf_105"

/* Input encoders: each appends one precompile's input to out and returns SEISMIC_ERR_NO_MEMORY if
   out failed. On an invalid argument nothing is appended. An encoder whose input holds a key marks
   out secret (seismic_buf.secret), so growing or freeing it wipes the key. */

/* u32be(num_bytes) ‖ personalization; num_bytes is 1..32. The output is num_bytes random bytes
   (seismic_u256_from_be reads them as the uint256 the SDKs return). */
SEISMIC_API seismic_result seismic_precompile_rng_input(uint32_t num_bytes, const void *pers, size_t pers_len,
                                                        seismic_buf *out);
/* secret_key ‖ compressed public key (65 bytes); public_key must be a point on the curve. */
SEISMIC_API seismic_result seismic_precompile_ecdh_input(const seismic_private_key *secret_key,
                                                         const uint8_t public_key[33], seismic_buf *out);
/* key ‖ nonce ‖ plaintext; the output is ciphertext ‖ tag, as seismic_aes_gcm_encrypt without AAD. */
SEISMIC_API seismic_result seismic_precompile_aes_gcm_encrypt_input(const uint8_t key[32], const uint8_t nonce[12],
                                                                    const void *plaintext, size_t len,
                                                                    seismic_buf *out);
/* key ‖ nonce ‖ ciphertext ‖ tag (len >= 16); the output is the plaintext. */
SEISMIC_API seismic_result seismic_precompile_aes_gcm_decrypt_input(const uint8_t key[32], const uint8_t nonce[12],
                                                                    const void *ciphertext, size_t len,
                                                                    seismic_buf *out);
/* The input keying material, verbatim. */
SEISMIC_API seismic_result seismic_precompile_hkdf_input(const void *ikm, size_t len, seismic_buf *out);
/* secret_key ‖ hash; the output is r ‖ s ‖ v. To sign a message as the SDKs do, pass its
   seismic_eip191_hash. */
SEISMIC_API seismic_result seismic_precompile_secp256k1_sign_input(const seismic_private_key *secret_key,
                                                                   const uint8_t hash[32],
                                                                   seismic_buf *out);

/* Gas of each precompile as the clients estimate it. A client's gas limit for the call (TSm) is
   SEISMIC_TX_BASE_GAS + seismic_calldata_gas(input) + the precompile's gas. */
#define SEISMIC_TX_BASE_GAS 21000
/* 4 per zero byte, 16 per other byte. */
SEISMIC_API uint64_t seismic_calldata_gas(const void *data, size_t len);
/* 3500 + 5·⌈pers_len/32⌉ + 5·⌈num_bytes/32⌉ */
SEISMIC_API uint64_t seismic_precompile_rng_gas(uint32_t num_bytes, size_t pers_len);
/* 3120 */
SEISMIC_API uint64_t seismic_precompile_ecdh_gas(void);
/* 1000 + 30·⌈len/16⌉ for encryption (len = plaintext) and decryption (len = ciphertext ‖ tag) */
SEISMIC_API uint64_t seismic_precompile_aes_gcm_gas(size_t len);
/* 2·(3000 + 12·⌈ikm_len/32⌉) + 120 */
SEISMIC_API uint64_t seismic_precompile_hkdf_gas(size_t ikm_len);
/* 3000 */
SEISMIC_API uint64_t seismic_precompile_sign_gas(void);

/* SRC20 (spec §5): the Directory holds each account's 32-byte viewing key; Intelligence lists the
   providers who receive a copy of every amount. */
#define SEISMIC_DIRECTORY_ADDRESS SEISMIC_ADDRESS_ENDING_IN_(0x10, 0x04)
#define SEISMIC_INTELLIGENCE_ADDRESS SEISMIC_ADDRESS_ENDING_IN_(0x10, 0x05)
/* topic0 of Transfer / Approval(address indexed, address indexed, bytes32 indexed encryptKeyHash,
   bytes encryptedAmount), as initializers: `static const uint8_t t[32] = SEISMIC_SRC20_TRANSFER_TOPIC;`;
   topic3 is the recipient's seismic_src20_key_hash. */
#define SEISMIC_SRC20_TRANSFER_TOPIC                                                                              \
    {0x80, 0xff, 0xa0, 0x07, 0xa6, 0x96, 0x23, 0xef, 0x13, 0x59, 0x4f, 0x5e, 0x81, 0x78, 0xee, 0xe6,              \
     0xc4, 0xef, 0x2d, 0x0c, 0xba, 0x74, 0xc0, 0x83, 0x29, 0xe8, 0x79, 0xf6, 0x95, 0xb7, 0xd3, 0xf6}
#define SEISMIC_SRC20_APPROVAL_TOPIC                                                                              \
    {0x8e, 0xf6, 0x5e, 0x17, 0x89, 0x0b, 0x61, 0xa4, 0x79, 0x6f, 0x88, 0x48, 0x47, 0x54, 0x71, 0xf8,              \
     0x89, 0x5c, 0xd3, 0x61, 0xb1, 0xde, 0x7e, 0x72, 0x60, 0xa6, 0x80, 0x0b, 0xa0, 0x62, 0x3f, 0x40}
/* An encryptedAmount: AES-GCM(key, nonce, 32-byte big-endian amount) ‖ nonce. */
#define SEISMIC_SRC20_ENCRYPTED_AMOUNT_LEN 60

/* Appends the 60-byte encryptedAmount of amount under a viewing key. The nonce must never repeat
   for a key (fill it with seismic_random_bytes). */
SEISMIC_API seismic_result seismic_src20_encrypt_amount(const uint8_t key[32], const uint8_t nonce[12],
                                                        const seismic_u256 *amount, seismic_buf *out);
/* Decrypts an encryptedAmount. An empty one means the party has no viewing key; it and any length
   other than 60 are SEISMIC_ERR_PARSE; a wrong key or tampered data is SEISMIC_ERR_DECRYPT. */
SEISMIC_API seismic_result seismic_src20_decrypt_amount(const uint8_t key[32], const uint8_t *encrypted, size_t len,
                                                        seismic_u256 *amount, seismic_error *err);
/* keccak(key): the encryptKeyHash topic of the key's events and the Directory's keyHash(address). */
SEISMIC_API void seismic_src20_key_hash(const uint8_t key[32], uint8_t out[32]);
/* The encryptedAmount inside a Transfer/Approval log's data (ABI `bytes`); a view into log_data. */
SEISMIC_API seismic_result seismic_src20_parse_event_data(const uint8_t *log_data, size_t len,
                                                          const uint8_t **encrypted, size_t *encrypted_len,
                                                          seismic_error *err);

/* The deposit contract (spec §6.1): deposit(bytes node_pubkey, bytes consensus_pubkey,
   bytes withdrawal_credentials, bytes node_signature, bytes consensus_signature,
   bytes32 deposit_data_root), sent as a transparent transaction whose value is the amount in wei. */
#define SEISMIC_DEPOSIT_CONTRACT_ADDRESS \
    {{0x00, 0x00, 0x00, 0x00, 0x21, 0x9a, 0xb5, 0x40, 0x35, 0x6c, 0xbb, 0x83, 0x9c, 0xbe, 0x05, 0x30, 0x3d, 0x77, 0x05, 0xfa}}
#define SEISMIC_DEPOSIT_REQUEST_LEN 288

/* 01 ‖ 00×11 ‖ address: withdrawals go to that execution-layer address. */
SEISMIC_API void seismic_deposit_withdrawal_credentials(const seismic_address *address, uint8_t out[32]);
/* The SSZ hash tree root of the deposit data that deposit() checks; amount in gwei (wei / 10^9). */
SEISMIC_API void seismic_deposit_data_root(const uint8_t node_pubkey[32], const uint8_t consensus_pubkey[48],
                                           const uint8_t withdrawal_credentials[32], const uint8_t node_signature[64],
                                           const uint8_t consensus_signature[96], uint64_t amount_gwei,
                                           uint8_t out[32]);
/* The execution-layer deposit request of a DepositEvent: node_pubkey ‖ consensus_pubkey ‖
   withdrawal_credentials ‖ le64(amount_gwei) ‖ node_signature ‖ consensus_signature ‖ le64(index). */
SEISMIC_API void seismic_deposit_request(const uint8_t node_pubkey[32], const uint8_t consensus_pubkey[48],
                                         const uint8_t withdrawal_credentials[32], const uint8_t node_signature[64],
                                         const uint8_t consensus_signature[96], uint64_t amount_gwei, uint64_t index,
                                         uint8_t out[SEISMIC_DEPOSIT_REQUEST_LEN]);
/* The count returned by get_deposit_count(): ABI `bytes` holding 8 little-endian bytes. */
SEISMIC_API seismic_result seismic_deposit_count_from_abi(const uint8_t *data, size_t len, uint64_t *count,
                                                          seismic_error *err);

/*==== 9a. transport codecs =======================================================================*/
/* URLs and base64. (The HTTP/1.1 and WebSocket codecs are internal: the engine is their only user.) */

/* URLs */
typedef enum seismic_url_scheme {
    SEISMIC_URL_INVALID = 0,
    SEISMIC_URL_HTTP,
    SEISMIC_URL_HTTPS,
    SEISMIC_URL_WS,
    SEISMIC_URL_WSS
} seismic_url_scheme;

typedef struct seismic_url {
    seismic_url_scheme scheme;
    bool tls;        /* https, wss */
    bool websocket;  /* ws, wss */
    bool ip_literal; /* host is an IPv4 or IPv6 literal: no DNS needed */
    char host[256];  /* without brackets for IPv6 */
    uint16_t port;   /* explicit, else 80/443 */
    char path[1024]; /* path and query; "/" when empty */
} seismic_url;

/* Parses http://, https://, ws:// and wss:// URLs (scheme case-insensitive). The fragment is dropped.
   Rejected with SEISMIC_ERR_PARSE: other schemes, user info ("user@"), an empty host, a bad port
   (0, > 65535, not digits, empty), an unterminated or invalid "[IPv6]", spaces, control and non-ASCII
   characters. SEISMIC_ERR_CAPACITY: host over 255 or path over 1023 characters. */
SEISMIC_API seismic_result seismic_url_parse(const char *text, seismic_url *out, seismic_error *err);

/* Base64 (RFC 4648, standard alphabet, with padding) */
/* out needs 4*((len+2)/3)+1 chars; it is NUL-terminated. Returns the length without the NUL. */
SEISMIC_API size_t seismic_base64_encode(const void *data, size_t len, char *out);
/* Appends the decoded bytes to out. SEISMIC_ERR_PARSE for a length that is not a multiple of 4,
   a character outside the alphabet, misplaced padding or non-zero bits in the padding;
   SEISMIC_ERR_NO_MEMORY if out cannot grow. out is unchanged on error. */
SEISMIC_API seismic_result seismic_base64_decode(const char *text, size_t len, seismic_buf *out);

/*==== 9b. sockets and TLS ========================================================================*/

/* The socket interface a client uses; zero-initialised in the desc means non-blocking POSIX
   sockets. Replace it to run the client over your own transport. */
#define SEISMIC_IO_AGAIN (-1) /* would block: wait for readiness and retry */
#define SEISMIC_IO_ERROR (-2) /* the connection failed */

typedef struct seismic_socket_interface {
    /* Starts connecting to host:port without blocking. Returns a handle >= 0, or -1 with a message in err. */
    intptr_t (*connect)(const char *host, uint16_t port, void *user_data, seismic_error *err);
    /* Called once the handle is writable: 0 when the connection is established, -1 (message in err) if not. */
    int (*finish_connect)(intptr_t sock, void *user_data, seismic_error *err);
    /* Bytes written, SEISMIC_IO_AGAIN or SEISMIC_IO_ERROR. */
    ptrdiff_t (*send)(intptr_t sock, const void *data, size_t len, void *user_data);
    /* Bytes read (> 0), 0 when the peer closed, SEISMIC_IO_AGAIN or SEISMIC_IO_ERROR. */
    ptrdiff_t (*recv)(intptr_t sock, void *buf, size_t len, void *user_data);
    void (*close)(intptr_t sock, void *user_data);
    /* The file descriptor to poll for this handle. */
    int (*fd)(intptr_t sock, void *user_data);
    void *user_data;
} seismic_socket_interface;

/* The clock a client reads for every deadline, backoff, rate-limit refill and keepalive; zero = the
   monotonic clock. A test can drive time with its own: milliseconds from any origin, never decreasing. */
typedef struct seismic_clock {
    uint64_t (*now_ms)(void *user_data);
    void *user_data;
} seismic_clock;

/* Resolves a host name to an IP literal (e.g. from your own DNS cache or c-ares). Return 0 on success. */
typedef struct seismic_resolver {
    int (*resolve)(const char *host, char *ip_out, size_t ip_cap, void *user_data);
    void *user_data;
} seismic_resolver;

/*==== 10. RPC engine =============================================================================*/

typedef struct seismic_client seismic_client;

/* Handles: generation << 16 | slot; 0 is never valid. Generations are 32 bits, so ids stay below 2^48
   (exact as a JSON number in every server); a slot whose generation would wrap is retired, so a stale
   handle never names a later request. */
typedef struct seismic_request {
    uint64_t id;
} seismic_request;

typedef struct seismic_subscription {
    uint64_t id;
} seismic_subscription;

typedef enum seismic_log_level {
    SEISMIC_LOG_ERROR = 1,
    SEISMIC_LOG_WARN,
    SEISMIC_LOG_INFO,
    SEISMIC_LOG_DEBUG,
} seismic_log_level;

typedef struct seismic_logger {
    void (*func)(seismic_log_level level, const char *message, void *user_data);
    void *user_data;
} seismic_logger;

typedef enum seismic_retry_mode {
    SEISMIC_RETRY_DEFAULT = 0, /* reads and eth_sendRawTransaction retry, state-changing methods do not */
    SEISMIC_RETRY_ALWAYS,
    SEISMIC_RETRY_NEVER,
} seismic_retry_mode;

/* Every field's zero value means "the default", shown in brackets. */
typedef struct seismic_client_desc {
    const char *url;                   /* http://, https://, ws:// or wss:// [required] */
    const char *const *fallback_urls;  /* tried in order when an endpoint fails (HTTP only) */
    size_t fallback_count;
    seismic_allocator allocator;       /* [malloc/free] */
    seismic_logger logger;             /* [silent] */
    uint32_t max_requests;             /* request slots, the most requests alive at once [4096, at most 65535] */
    uint32_t max_in_flight;            /* requests on the wire at once [1024] */
    uint32_t max_connections;          /* HTTP connection pool size [4, at most 256] */
    uint32_t max_batch;                /* JSON-RPC calls per HTTP batch [100, at most max_requests] */
    bool disable_batching;             /* one call per HTTP request */
    uint32_t timeout_ms;               /* per-request default deadline [30000] */
    uint32_t connect_timeout_ms;       /* TCP + TLS + WebSocket handshake [10000] */
    uint32_t max_retries;              /* retries after the first attempt [3] */
    bool disable_retries;
    uint32_t retry_base_delay_ms;      /* first backoff, doubled each time, with jitter [150] */
    uint32_t retry_max_delay_ms;       /* [5000] */
    double rate_limit_per_second;      /* token bucket refill rate, 1e-6 to 1e9 [0: unlimited] */
    uint32_t rate_limit_burst;         /* bucket size [max(1, rate)] */
    uint32_t max_response_bytes;       /* one response's text, and separately its JSON tokens [64 MiB] */
    uint32_t max_header_bytes;         /* [16 KiB] */
    uint32_t ws_ping_interval_ms;      /* keepalive ping; a connection silent for two intervals is dead [30000] */
    uint32_t ws_reconnect_max_delay_ms;/* backoff cap between reconnect attempts [10000]; the backoff resets only
                                          after a connection proved healthy (a message, or 5 s up) */
    uint32_t max_send_bytes;           /* unsent bytes per connection: past it requests wait, and a connection
                                          that still must send a control frame fails as not reading [16 MiB] */
    const char *ca_file;               /* PEM trust anchors [SSL_CERT_FILE, else the system's: the CA bundle,
                                          on Windows the ROOT certificate store] */
    const char *ca_pem;                /* PEM trust anchors in memory (takes precedence) */
    size_t ca_pem_len;
    bool tls_allow_legacy;             /* for an old node: also accept TLS 1.0/1.1, RSA key exchange,
                                          CBC suites, SHA-1 certificate signatures, RSA keys of 1024+
                                          bits and a host name only in the CN [strict: TLS 1.2, ECDHE
                                          with AES-GCM or ChaCha20-Poly1305, SHA-256+, RSA 2048+, EC
                                          P-256+, the host name in a subjectAltName] */
    seismic_socket_interface sockets;  /* [built-in non-blocking sockets: POSIX or Winsock2] */
    seismic_resolver resolver;         /* [the built-in asynchronous resolver]; a hook is asked once per host */
    const char *dns_server;            /* name server of the built-in resolver, "IP", "IP:port" or "[IPv6]:port"
                                          [the system's: /etc/resolv.conf, on Windows the adapters'] */
    seismic_clock clock;               /* [CLOCK_MONOTONIC] */
} seismic_client_desc;

/* What a request ended with. Views stay valid during the callback, or until seismic_request_release
   for requests without a callback. */
typedef struct seismic_response {
    seismic_result result;       /* SEISMIC_OK, or why the request failed */
    const char *error_message;   /* a readable explanation when result != SEISMIC_OK */
    int64_t rpc_code;            /* the JSON-RPC error code when result == SEISMIC_ERR_RPC */
    const char *rpc_data;        /* raw JSON of error.data, or NULL */
    size_t rpc_data_len;
    int http_status;             /* the last HTTP status seen (0 over WebSocket) */
    uint32_t attempts;           /* 1 + retries */
    seismic_json json;           /* the parsed response object */
    int result_index;            /* token of "result" in json (-1 on error) */
    struct _seismic_req *_request; /* private: owns the memory of the typed views (seismic_response_block, ...) */
} seismic_response;

typedef void (*seismic_callback)(seismic_client *client, seismic_request request, const seismic_response *response,
                                 void *user_data);

typedef struct seismic_request_options {
    seismic_callback callback;   /* NULL: keep the result until seismic_request_release */
    void *user_data;
    uint32_t timeout_ms;         /* [the client's timeout_ms] */
    seismic_retry_mode retry;
} seismic_request_options;

typedef struct seismic_client_stats {
    uint64_t submitted;          /* requests accepted by seismic_rpc */
    uint64_t finished;           /* requests that ended, by any path */
    uint64_t retries;
    uint64_t timeouts;
    uint64_t http_requests;      /* HTTP requests written (one per batch) */
    uint64_t ws_frames_sent;
    uint64_t connections_opened;
    uint64_t reconnects;         /* WebSocket reconnections */
    uint64_t bytes_sent, bytes_received;
    uint32_t queued, in_flight, live_requests, open_connections;
} seismic_client_stats;

/* Creates a client; nothing is connected until the first request. NULL with a message in err on bad
   options (a malformed URL, unreadable trust anchors, a rate limit out of range, NULL fallback URLs). */
SEISMIC_API seismic_client *seismic_client_create(const seismic_client_desc *desc, seismic_error *err);
/* Fails every pending request with SEISMIC_ERR_SHUTDOWN (their callbacks run here), closes every
   connection and frees everything; wallets and watchers it made are orphaned (see Lifetimes at the top).
   From a callback: the client is freed when the pump call running that callback returns. */
SEISMIC_API void seismic_client_destroy(seismic_client *client);
SEISMIC_API seismic_client_stats seismic_client_get_stats(const seismic_client *client);
SEISMIC_API const seismic_client_desc *seismic_client_get_desc(const seismic_client *client); /* defaults resolved */

/* Submits a JSON-RPC call; params_json is a JSON array ("[]" when NULL). Returns {0} when the request
   cannot be created (no free slot or bad arguments); seismic_client_last_error says why. Requests
   submitted in the same turn of the loop go out together as one batch (HTTP) or back to back (WebSocket). */
SEISMIC_API seismic_request seismic_rpc(seismic_client *client, const char *method, const char *params_json,
                                        const seismic_request_options *options);
SEISMIC_API const seismic_error *seismic_client_last_error(const seismic_client *client);
SEISMIC_API bool seismic_request_done(const seismic_client *client, seismic_request request);
/* The response of a finished request that has no callback, else NULL. */
SEISMIC_API const seismic_response *seismic_request_response(const seismic_client *client, seismic_request request);
/* Ends a pending request with SEISMIC_ERR_CANCELED (its callback runs in the next process call). */
SEISMIC_API seismic_result seismic_request_cancel(seismic_client *client, seismic_request request);
/* Frees a finished callback-less request, or cancels and frees a pending one. */
SEISMIC_API void seismic_request_release(seismic_client *client, seismic_request request);
/* The completion queue (curl_multi_info_read): the next request without a callback that finished since
   the last call, in the order they finished, and its response (response may be NULL); {0} when there is
   none. A loop drains everything that completed with one call per request instead of asking every
   handle. Each request is handed out once; it stays valid until seismic_request_release. */
SEISMIC_API seismic_request seismic_client_next_done(seismic_client *client, const seismic_response **response);

/* Typed views of a successful response's result. bytes and string mark out secret when the result
   is (a signed read's decrypted output, a precompile's answer). */
SEISMIC_API seismic_result seismic_response_u64(const seismic_response *response, uint64_t *out);
SEISMIC_API seismic_result seismic_response_u256(const seismic_response *response, seismic_u256 *out);
/* The raw JSON text of the result. */
SEISMIC_API const char *seismic_response_raw(const seismic_response *response, size_t *len);

/* Subscriptions (WebSocket clients): params_json like ["newHeads"] or ["logs", {...}]. The callback
   receives each notification's "result" (json + index). Subscriptions survive reconnects; a refused
   eth_subscribe is logged and leaves the subscription inactive. For logs, seismic_log_watch takes a typed
   seismic_log_filter and hands over typed logs, each once, also across reconnects. */
typedef void (*seismic_notification_callback)(seismic_client *client, seismic_subscription subscription,
                                              const seismic_json *json, int result_index, void *user_data);
SEISMIC_API seismic_subscription seismic_subscribe(seismic_client *client, const char *params_json,
                                                   seismic_notification_callback callback, void *user_data);
SEISMIC_API seismic_result seismic_unsubscribe(seismic_client *client, seismic_subscription subscription);
/* True once the node has confirmed the subscription (and again after a reconnect). */
SEISMIC_API bool seismic_subscription_active(const seismic_client *client, seismic_subscription subscription);

/*==== 12. drivers ================================================================================*/

struct pollfd; /* <poll.h>; on Windows winsock2's (its fd is a SOCKET, for WSAPoll) */
/* Pull driver: fills fds with what to wait for and *timeout_ms with how long (-1: no deadline, 0: call
   process now). Returns how many descriptors the client needs: when that is more than cap, only the
   first cap were written, and the caller should grow fds and ask again (the others would not be served).
   Pass process min(returned, cap). */
SEISMIC_API int seismic_client_pollfds(seismic_client *client, struct pollfd *fds, int cap, int *timeout_ms);
/* Handles readiness (fds as returned by poll; may be NULL/0 to only run timers and send queued
   requests). Callbacks run only inside this call. Returns the number of callbacks delivered, or -1 when
   called from a callback (SEISMIC_ERR_IN_CALLBACK in seismic_client_last_error). */
SEISMIC_API int seismic_client_process(seismic_client *client, const struct pollfd *fds, int count);
/* The bundled loop (poll(); select() with exceptfds on Windows, which alone reports a refused connect;
   it sleeps when only timers are pending): runs for timeout_ms, handling whatever happens (0: one
   non-blocking turn). To stop as soon as work is done, use the wait functions below. -1 from a callback. The
   wait functions return SEISMIC_ERR_IN_CALLBACK from a callback, and SEISMIC_ERR_SHUTDOWN when a callback
   destroyed the client (which is then gone). */
SEISMIC_API int seismic_client_run(seismic_client *client, int timeout_ms);
/* Runs the loop until the request is finished or timeout_ms passes (SEISMIC_ERR_TIMEOUT). */
SEISMIC_API seismic_result seismic_client_wait(seismic_client *client, seismic_request request, int timeout_ms);
/* The asyncio.gather of C: until every request is finished. */
SEISMIC_API seismic_result seismic_client_wait_all(seismic_client *client, const seismic_request *requests, size_t count,
                                                   int timeout_ms);
/* Until nothing is queued or in flight. */
SEISMIC_API seismic_result seismic_client_wait_idle(seismic_client *client, int timeout_ms);
/* Waits for a request and copies its raw JSON result: the blocking twin of every action. The request
   is released. On a JSON-RPC error err->message is "code: message". A secret result (a signed read's
   decrypted output, a precompile's answer) marks result_json secret. */
SEISMIC_API seismic_result seismic_await(seismic_client *client, seismic_request request, seismic_buf *result_json,
                                         seismic_error *err);
/* Waits for a request and hands back its parsed response without copying anything: read it with the
   typed accessors (seismic_response_tx_hash, seismic_response_abi, ...), then seismic_request_release.
   NULL only when there is no response to give: the submission had failed (request {0}: err holds
   seismic_client_last_error, the real cause), the handle is stale or has a callback, the call comes from a
   callback (SEISMIC_ERR_IN_CALLBACK; the request is released), or a callback destroyed the client while
   waiting (SEISMIC_ERR_SHUTDOWN; the client is gone). When the request
   failed, the response says why and err holds the same message ("code: message" for JSON-RPC errors). */
SEISMIC_API const seismic_response *seismic_await_response(seismic_client *client, seismic_request request,
                                                           seismic_error *err);
/* Blocking convenience: seismic_await of seismic_rpc. */
SEISMIC_API seismic_result seismic_rpc_call(seismic_client *client, const char *method, const char *params_json,
                                            seismic_buf *result_json, seismic_error *err);

/*==== 11. client actions =========================================================================*/

/* Actions are requests: they return a seismic_request whose response carries a JSON result (a hex
   quantity, a hash, an object...), read with the seismic_response_* accessors or seismic_await. An
   action that needs several round trips (a shielded write, a signed read, balances at a pinned block)
   is one request from the caller's side: it ends once, with the outcome of the whole flow. */

/* Chains (spec §7). */
typedef struct seismic_chain {
    const char *name;
    uint64_t chain_id;
    const char *http_url;
    const char *ws_url;
} seismic_chain;
SEISMIC_API const seismic_chain *seismic_chain_testnet(void); /* Seismic testnet-1, chain 5124 */
SEISMIC_API const seismic_chain *seismic_chain_sanvil(void);  /* local sanvil/anvil, chain 31337 */

/* Which state a read sees (EIP-1898): a tag, a block number or a block hash. Zero = the latest block;
   a NULL seismic_block_ref* means the same. */
typedef enum seismic_block_kind {
    SEISMIC_BLOCK_LATEST = 0,
    SEISMIC_BLOCK_PENDING,
    SEISMIC_BLOCK_SAFE,
    SEISMIC_BLOCK_FINALIZED,
    SEISMIC_BLOCK_EARLIEST, /* the genesis block */
    SEISMIC_BLOCK_NUMBER,   /* .number; 0 is the genesis block */
    SEISMIC_BLOCK_HASH      /* .hash */
} seismic_block_kind;

typedef struct seismic_block_ref {
    seismic_block_kind kind;
    uint64_t number;
    uint8_t hash[32];
} seismic_block_ref;
SEISMIC_API seismic_block_ref seismic_block_at_number(uint64_t number);
SEISMIC_API seismic_block_ref seismic_block_at_hash(const uint8_t hash[32]);
SEISMIC_API seismic_block_ref seismic_block_at_tag(seismic_block_kind tag);
/* "latest", "pending", "safe", "finalized", "earliest", a number (decimal or 0x hex) or a 0x + 64 hex
   digit hash, as a command line passes them. */
SEISMIC_API seismic_result seismic_block_ref_parse(const char *text, size_t len, seismic_block_ref *out);

/* The same for results that are quantities. */
SEISMIC_API seismic_result seismic_await_u64(seismic_client *client, seismic_request request, uint64_t *out,
                                             seismic_error *err);
SEISMIC_API seismic_result seismic_await_u256(seismic_client *client, seismic_request request, seismic_u256 *out,
                                              seismic_error *err);

/* eth_* (opts may be NULL). Results are the node's JSON. */
SEISMIC_API seismic_request seismic_eth_chain_id(seismic_client *c, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_block_number(seismic_client *c, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_gas_price(seismic_client *c, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_get_balance(seismic_client *c, const seismic_address *address,
                                                    const seismic_block_ref *block, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_get_transaction_count(seismic_client *c, const seismic_address *address,
                                                              const seismic_block_ref *block,
                                                              const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_get_code(seismic_client *c, const seismic_address *address,
                                                 const seismic_block_ref *block, const seismic_request_options *opts);
/* By tag/number (eth_getBlockByNumber) or hash (eth_getBlockByHash); full = with transaction objects. */
SEISMIC_API seismic_request seismic_eth_get_block(seismic_client *c, const seismic_block_ref *block, bool full,
                                                  const seismic_request_options *opts);
/* An unsigned call {to, data} (never with `from`, spec §3.3); result "0x..." return data. */
SEISMIC_API seismic_request seismic_eth_call(seismic_client *c, const seismic_address *to, const void *data, size_t len,
                                             const seismic_block_ref *block, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_estimate_gas(seismic_client *c, const seismic_address *to, const void *data,
                                                     size_t len, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_send_raw_transaction(seismic_client *c, const void *raw, size_t len,
                                                             const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_get_transaction(seismic_client *c, const uint8_t hash[32],
                                                        const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_get_transaction_receipt(seismic_client *c, const uint8_t hash[32],
                                                                const seismic_request_options *opts);
/* One position of the topics filter: the topic must be one of any_of (count 0: any topic). */
typedef struct seismic_topic_filter {
    const uint8_t (*any_of)[32];
    size_t count;
} seismic_topic_filter;

/* Which logs: eth_getLogs, eth_newFilter and the log watcher take the same filter; a zeroed one matches every
   log of the latest block. The range is from_block..to_block (tags or numbers), or the one block block_hash
   names (then from_block and to_block stay unset). Refused before anything is sent, with the reason in
   seismic_client_last_error: a count without its array, an unknown block kind, a hash as a range bound,
   block_hash together with a range, from_block after to_block. */
typedef struct seismic_log_filter {
    const seismic_address *addresses; /* logs of any of these contracts [any contract] */
    size_t address_count;
    seismic_topic_filter topics[4];   /* topic i is one of topics[i].any_of [any] */
    seismic_block_ref from_block;     /* [latest]; seismic_block_at_number(0) is the genesis block */
    seismic_block_ref to_block;       /* [latest] */
    bool has_block_hash;
    uint8_t block_hash[32];           /* only the logs of this block */
} seismic_log_filter;
/* filter may be NULL (every log of the latest block). Result: the logs (seismic_response_logs). */
SEISMIC_API seismic_request seismic_eth_get_logs(seismic_client *c, const seismic_log_filter *filter,
                                                 const seismic_request_options *opts);
/* Result: the filter id for seismic_eth_get_filter_changes / seismic_eth_uninstall_filter. */
SEISMIC_API seismic_request seismic_eth_new_filter(seismic_client *c, const seismic_log_filter *filter,
                                                   const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_new_block_filter(seismic_client *c, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_get_filter_changes(seismic_client *c, const char *filter_id,
                                                           const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_eth_uninstall_filter(seismic_client *c, const char *filter_id,
                                                         const seismic_request_options *opts);
/* Balances of many addresses at one block, in one batch: the block is pinned by hash first when given
   as a tag. Result {"blockNumber":"0x..","blockHash":"0x..","balances":["0x..",...]}. */
SEISMIC_API seismic_request seismic_eth_get_balances(seismic_client *c, const seismic_address *addresses, size_t count,
                                                     const seismic_block_ref *block,
                                                     const seismic_request_options *opts);
/* Polls eth_getTransactionReceipt every poll_interval_ms (and at every new head on a WebSocket client)
   until the receipt exists; the request's timeout bounds the wait. Result: the receipt object. */
SEISMIC_API seismic_request seismic_eth_wait_for_receipt(seismic_client *c, const uint8_t hash[32],
                                                         uint32_t poll_interval_ms, const seismic_request_options *opts);

/* Typed results: one accessor per result shape, reading a successful response straight into C values.
   Views (logs, transaction hashes, input data, balances, ABI values) live in memory the response owns:
   they stay valid while the response does (during its callback, or until seismic_request_release) and
   are wiped when it goes. A failed response returns its own result; a null result (no such block,
   transaction or receipt yet) is SEISMIC_ERR_NOT_FOUND; a malformed one SEISMIC_ERR_PARSE. */

/* A transaction hash: the "0x.." result of every write, or the txHash of a debug write. */
SEISMIC_API seismic_result seismic_response_tx_hash(const seismic_response *response, uint8_t out[32]);
/* The TEE's compressed public key of seismic_get_tee_public_key. */
SEISMIC_API seismic_result seismic_response_tee_key(const seismic_response *response, uint8_t out[33]);
/* "0x.." data (eth_call, a signed read, eth_getCode) as bytes. */
SEISMIC_API seismic_result seismic_response_data(const seismic_response *response, const uint8_t **data, size_t *len);

/* A log of a receipt, eth_getLogs or eth_getFilterChanges. */
typedef struct seismic_log {
    seismic_address address;
    uint8_t topics[4][32]; /* topics[0] is the event's topic unless the event is anonymous */
    uint32_t topic_count;
    const uint8_t *data;
    size_t data_len;
    uint64_t block_number;
    uint8_t block_hash[32];
    uint8_t transaction_hash[32];
    uint64_t transaction_index;
    uint64_t log_index;
    bool removed;          /* dropped by a reorganisation */
} seismic_log;

typedef struct seismic_receipt {
    bool success;          /* status 1 */
    uint8_t transaction_hash[32];
    uint64_t transaction_index;
    uint64_t block_number;
    uint8_t block_hash[32];
    seismic_address from;
    bool has_to;           /* false for a deployment */
    seismic_address to;
    bool has_contract_address;
    seismic_address contract_address; /* of a deployment */
    uint64_t gas_used;
    uint64_t cumulative_gas_used;
    seismic_u256 effective_gas_price;
    uint8_t type;          /* SEISMIC_TX_TYPE_* */
    const seismic_log *logs;
    size_t log_count;
} seismic_receipt;

typedef struct seismic_block {
    uint64_t number;
    uint8_t hash[32];
    uint8_t parent_hash[32];
    uint64_t timestamp;
    bool has_base_fee;     /* blocks before London have none */
    seismic_u256 base_fee_per_gas;
    uint64_t gas_limit;
    uint64_t gas_used;
    seismic_address miner;
    const uint8_t (*transaction_hashes)[32]; /* also for a block fetched with full transactions */
    size_t transaction_count;
} seismic_block;

/* A transaction object (eth_getTransactionByHash), Seismic 0x4a fields included. */
typedef struct seismic_transaction {
    uint8_t hash[32];
    uint8_t type;          /* SEISMIC_TX_TYPE_* */
    uint64_t chain_id;
    uint64_t nonce;
    seismic_address from;
    bool has_to;
    seismic_address to;
    seismic_u256 value;
    uint64_t gas;
    seismic_u256 gas_price;        /* legacy and 0x4a; for EIP-1559 the effective price once mined */
    seismic_u256 max_fee_per_gas;  /* EIP-1559 */
    seismic_u256 max_priority_fee_per_gas;
    const uint8_t *input;  /* for 0x4a: the encrypted calldata */
    size_t input_len;
    bool pending;          /* not in a block yet: the three fields below are 0 */
    uint64_t block_number;
    uint8_t block_hash[32];
    uint64_t transaction_index;
    /* type 0x4a only */
    uint8_t encryption_pubkey[33];
    uint8_t encryption_nonce[12];
    uint8_t message_version;
    uint8_t recent_block_hash[32];
    uint64_t expires_at_block;
    bool signed_read;
} seismic_transaction;

/* Balances of seismic_eth_get_balances, in the order of the addresses, and the block they were read at. */
typedef struct seismic_balances {
    uint64_t block_number;
    uint8_t block_hash[32];
    const seismic_u256 *balances;
    size_t count;
} seismic_balances;

SEISMIC_API seismic_result seismic_response_receipt(const seismic_response *response, seismic_receipt *out);
SEISMIC_API seismic_result seismic_response_block(const seismic_response *response, seismic_block *out);
SEISMIC_API seismic_result seismic_response_transaction(const seismic_response *response, seismic_transaction *out);
SEISMIC_API seismic_result seismic_response_balances(const seismic_response *response, seismic_balances *out);
SEISMIC_API seismic_result seismic_response_logs(const seismic_response *response, const seismic_log **logs,
                                                 size_t *count);
/* The decoded outputs of a contract read whose signature has "returns (...)": the layer-5 tree (value 0
   is the tuple of outputs, its children the outputs in order), decoded once from the return data. */
SEISMIC_API seismic_result seismic_response_abi(const seismic_response *response, const seismic_abi_value **values,
                                                size_t *count);

/* Seismic public actions */
/* seismic_getTeePublicKey; result "0x" + 33 bytes (accepted with or without 0x, validated). */
SEISMIC_API seismic_request seismic_get_tee_public_key(seismic_client *c, const seismic_request_options *opts);

/* How a Seismic transaction is signed (its messageVersion). */
typedef enum seismic_message_version {
    SEISMIC_MESSAGE_DEFAULT = 0,    /* in a wallet desc: raw digest; in tx options: the wallet's */
    SEISMIC_MESSAGE_RAW_DIGEST,     /* messageVersion 0: the keccak of the unsigned transaction */
    SEISMIC_MESSAGE_EIP712,         /* messageVersion 2: EIP-712 typed data, as external signers sign it */
} seismic_message_version;

/* A wallet: a signing account on a client, with its encryption state and nonce manager. */
typedef struct seismic_wallet seismic_wallet;

typedef struct seismic_wallet_desc {
    const char *private_key;            /* hex, required */
    const char *encryption_key;         /* hex; [a fresh random key] */
    uint64_t expected_chain_id;         /* checked against eth_chainId [not checked] */
    seismic_message_version message_version; /* [SEISMIC_MESSAGE_RAW_DIGEST] */
    uint32_t blocks_window;             /* expiry of shielded transactions [100 blocks] */
} seismic_wallet_desc;

/* Creates a wallet; it is usable once the returned request succeeds (TEE key fetched, encryption keys
   derived, chain id checked, nonce read). *out is set at once; destroy it in every case. The node must
   answer seismic_getTeePublicKey: a wallet is for Seismic nodes. */
SEISMIC_API seismic_request seismic_wallet_create(seismic_client *c, const seismic_wallet_desc *desc,
                                                  const seismic_request_options *opts, seismic_wallet **out);
/* Blocking twin: NULL with a message in err on failure. */
SEISMIC_API seismic_wallet *seismic_wallet_create_blocking(seismic_client *c, const seismic_wallet_desc *desc,
                                                           seismic_error *err);
SEISMIC_API void seismic_wallet_destroy(seismic_wallet *wallet);
SEISMIC_API const seismic_address *seismic_wallet_address(const seismic_wallet *wallet);
SEISMIC_API uint64_t seismic_wallet_chain_id(const seismic_wallet *wallet);
SEISMIC_API const seismic_encryption *seismic_wallet_encryption(const seismic_wallet *wallet);
SEISMIC_API seismic_client *seismic_wallet_client(const seismic_wallet *wallet);

/* Transaction options; zero = defaults. */
typedef struct seismic_tx_options {
    seismic_u256 value;
    uint64_t gas;                 /* 0: estimated (a signed signedRead=true twin for Seismic transactions) */
    bool has_gas_price;
    seismic_u256 gas_price;       /* [eth_gasPrice] */
    seismic_message_version message_version; /* [the wallet's] */
    uint32_t blocks_window;       /* [the wallet's] */
    bool has_security;            /* use the three fields below */
    uint8_t encryption_nonce[12]; /* first byte must not be 0 */
    uint8_t recent_block_hash[32];
    uint64_t expires_at_block;
} seismic_tx_options;

/* Shielded write (spec §3.7): calldata encrypted, nonce from the wallet's manager. Result "0x<tx hash>". */
SEISMIC_API seismic_request seismic_shielded_write(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                   size_t len, const seismic_tx_options *tx,
                                                   const seismic_request_options *opts);
/* A shielded write that also returns its views: {"txHash","plaintextTx":{to,data,nonce,gas,gasPrice,value},
   "shieldedTx":"0x<unsigned 0x4a>","rawTx":"0x..."}. */
SEISMIC_API seismic_request seismic_debug_write(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                size_t len, const seismic_tx_options *tx,
                                                const seismic_request_options *opts);
/* Signed read: result "0x<decrypted return data>". A revert ends with SEISMIC_ERR_RPC and the decrypted,
   decoded reason as the message ("execution reverted: ..."). */
SEISMIC_API seismic_request seismic_signed_read(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                size_t len, const seismic_tx_options *tx,
                                                const seismic_request_options *opts);
/* Transparent write: an ordinary EIP-155 transaction with plaintext calldata; NULL `to` deploys the
   calldata as contract code. Result "0x<tx hash>". */
SEISMIC_API seismic_request seismic_transparent_write(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                      size_t len, const seismic_tx_options *tx,
                                                      const seismic_request_options *opts);
/* The address a deployment from `sender` with `nonce` creates. */
SEISMIC_API void seismic_contract_address(const seismic_address *sender, uint64_t nonce, seismic_address *out);

/* Contracts: functions by signature, e.g. "setNumber(suint256)" or "getNumber() returns (uint256)". */
typedef enum seismic_contract_mode {
    SEISMIC_READ = 0,          /* a signed read if any input is shielded, else a transparent read */
    SEISMIC_WRITE,             /* a shielded write if any input is shielded, else a transparent write */
    SEISMIC_SIGNED_READ,       /* seismic_signed_read: encrypted call signed by the wallet */
    SEISMIC_SHIELDED_WRITE,    /* seismic_shielded_write: encrypted calldata */
    SEISMIC_TRANSPARENT_READ,  /* seismic_eth_call: plaintext, unsigned, no wallet needed */
    SEISMIC_TRANSPARENT_WRITE, /* seismic_transparent_write: an ordinary transaction */
    SEISMIC_DEBUG_WRITE,       /* seismic_debug_write: a shielded write that also returns its plaintext views */
} seismic_contract_mode;

/* Encodes args (typed values, NULL for none) and runs the function on the wallet's client. Reads whose
   signature has "returns (...)" hand their decoded outputs to seismic_response_abi (and result in them
   as a JSON array, numbers as decimal strings); other reads result in the raw "0x..." data
   (seismic_response_data); writes in the tx hash (seismic_response_tx_hash; a debug write: the debug
   object). */
SEISMIC_API seismic_request seismic_contract_call(seismic_wallet *wallet, const seismic_address *contract,
                                                  seismic_contract_mode mode, const char *signature,
                                                  const seismic_abi_args *args, const seismic_tx_options *tx,
                                                  const seismic_request_options *opts);
/* A transparent read without a wallet. */
SEISMIC_API seismic_request seismic_contract_read(seismic_client *client, const seismic_address *contract,
                                                  const char *signature, const seismic_abi_args *args,
                                                  const seismic_request_options *opts);
/* seismic_contract_call with text arguments (as seismic_abi_encode_call_text takes them), for command
   lines; `wallet` may be NULL for a transparent read on `client`. */
SEISMIC_API seismic_request seismic_contract_call_text(seismic_client *client, seismic_wallet *wallet,
                                                       const seismic_address *contract, seismic_contract_mode mode,
                                                       const char *signature, const char *const *args, size_t nargs,
                                                       const seismic_tx_options *tx, const seismic_request_options *opts);
/* Builds "name(types) returns (types)" for a function of a solc/JSON ABI (an array, or an object with an
   "abi" member). Overloaded names: the first with nargs inputs (-1: the first). */
SEISMIC_API seismic_result seismic_abi_json_signature(const char *abi_json, size_t len, const char *function,
                                                      int nargs, seismic_buf *signature, seismic_error *err);

/* SRC20 tokens and the Directory of viewing keys (spec §5). */
SEISMIC_API seismic_request seismic_src20_transfer(seismic_wallet *w, const seismic_address *token,
                                                   const seismic_address *to, const seismic_u256 *amount,
                                                   const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_src20_approve(seismic_wallet *w, const seismic_address *token,
                                                  const seismic_address *spender, const seismic_u256 *amount,
                                                  const seismic_request_options *opts);
/* The caller's balance by signed read of balance(); result: the JSON array ["<decimal>"]. */
SEISMIC_API seismic_request seismic_src20_balance(seismic_wallet *w, const seismic_address *token,
                                                  const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_directory_register_key(seismic_wallet *w, const uint8_t key[32],
                                                           const seismic_request_options *opts);
/* The caller's viewing key by signed read; result ["<decimal>"] (0 when none). */
SEISMIC_API seismic_request seismic_directory_get_key(seismic_wallet *w, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_directory_check_has_key(seismic_client *c, const seismic_address *account,
                                                            const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_directory_key_hash(seismic_client *c, const seismic_address *account,
                                                       const seismic_request_options *opts);

/* Watching logs, each delivered exactly once in chain order (block number, then log index).
   On a WebSocket client the watcher subscribes first ("logs" and "newHeads"), then backfills from
   from_block to the head with eth_getLogs, dropping what the subscription also brings; after every
   reconnect it subscribes again and backfills from the last delivered block. Over HTTP it polls
   eth_getLogs with the same cursor. Ranges are fetched max_block_range blocks at a time and halved
   when the node refuses one ("query returned more than 10000 results", "block range too large").
   Reorgs: logs the node reports with "removed": true, and delivered logs whose block hash changed
   under the cursor, go to on_removed with removed set (newest first); the logs of the new chain follow. With
   confirmations = N a log is delivered once N blocks are on top of its block, after its block hash
   was checked again. The watcher keeps the delivered logs of the last reorg_depth blocks (to undo
   them) and nothing older. Destroying the client ends its watchers' work; stop them still (before or
   after), which frees them. */
/* A watched log's parameters, decoded against the desc's event signature (seismic_abi_decode_event:
   values[0] is the tuple of all of them, in declaration order) with their names ("" when unnamed);
   values is NULL and error says why when the log does not fit the event. */
typedef struct seismic_event_args {
    const seismic_abi_value *values;
    size_t value_count;
    const char *const *names;
    size_t name_count;
    const char *error;
} seismic_event_args;

typedef struct seismic_log_watch_desc {
    /* Addresses and topics as for eth_getLogs; from_block is where to start [latest] (a number, 0 = genesis,
       a tag or a hash: from that block on); to_block and block_hash stay unset (a watcher follows the head). */
    seismic_log_filter filter;
    const char *event;                /* "Transfer(address indexed from, address indexed to, uint256 value)":
                                         decodes the logs, and is topic 0 unless filter.topics[0] is given */
    uint32_t confirmations;           /* blocks on top of a log's block before it is delivered [0] */
    uint32_t poll_interval_ms;        /* HTTP polling, and the wait before retrying a failed step [2000] */
    uint32_t max_block_range;         /* blocks per eth_getLogs [2000] */
    uint32_t reorg_depth;             /* the deepest reorg that can be undone, in blocks [64] */
    /* args: NULL without an event signature. Views valid during the call. */
    void (*on_log)(const seismic_log *log, const seismic_event_args *args, void *user_data); /* required */
    void (*on_removed)(const seismic_log *log, const seismic_event_args *args, void *user_data); /* [not reported] */
    void (*on_error)(seismic_result result, const char *message, void *user_data); /* the watcher retries */
    void *user_data;
} seismic_log_watch_desc;

typedef struct seismic_log_watcher seismic_log_watcher;
/* Starts watching; NULL with a message in err on a bad desc. Callbacks run inside the client's pump;
   any of them may stop the watcher. */
SEISMIC_API seismic_log_watcher *seismic_log_watch(seismic_client *c, const seismic_log_watch_desc *desc,
                                                   seismic_error *err);
/* True once the watcher has caught up with the head and listens (again false while it catches up
   after a reconnect). */
SEISMIC_API bool seismic_log_watch_live(const seismic_log_watcher *watcher);
SEISMIC_API void seismic_log_watch_stop(seismic_log_watcher *watcher);

/* Watching Transfer/Approval events encrypted for one viewing key, on a log watcher (so exactly once,
   over WebSocket or by polling eth_getLogs every poll_interval_ms) from from_block: [the latest block],
   SEISMIC_BLOCK_EARLIEST or a number (0 is the genesis block). */
typedef struct seismic_src20_event {
    bool is_approval;
    seismic_address from;         /* owner for approvals */
    seismic_address to;           /* spender for approvals */
    seismic_address token;
    uint8_t key_hash[32];
    seismic_u256 amount;          /* decrypted */
    uint8_t transaction_hash[32];
    uint64_t block_number;
} seismic_src20_event;

/* Decodes a Transfer/Approval log (e.g. of a receipt, seismic_response_receipt) encrypted to viewing_key.
   SEISMIC_ERR_INVALID_ARGUMENT: not an SRC20 Transfer/Approval; SEISMIC_ERR_DECRYPT: encrypted to another
   key (topic 3 is not keccak(viewing_key)) or tampered; SEISMIC_ERR_PARSE: malformed data. */
SEISMIC_API seismic_result seismic_src20_decode_log(const seismic_log *log, const uint8_t viewing_key[32],
                                                    seismic_src20_event *out, seismic_error *err);

typedef struct seismic_src20_watch_desc {
    uint8_t viewing_key[32];
    bool has_token;
    seismic_address token;        /* only this token [any] */
    seismic_block_ref from_block; /* latest, earliest or a number [latest] */
    uint32_t poll_interval_ms;    /* [2000] */
    void (*on_event)(const seismic_src20_event *event, void *user_data);
    void (*on_error)(seismic_result result, const char *message, void *user_data);
    void *user_data;
} seismic_src20_watch_desc;

typedef struct seismic_src20_watcher seismic_src20_watcher;
SEISMIC_API seismic_src20_watcher *seismic_src20_watch(seismic_client *c, const seismic_src20_watch_desc *desc,
                                                       seismic_error *err);
/* True once the watcher has caught up and listens (seismic_log_watch_live). */
SEISMIC_API bool seismic_src20_watch_active(const seismic_src20_watcher *watcher);
SEISMIC_API void seismic_src20_watch_stop(seismic_src20_watcher *watcher);

/* Precompiles and the deposit contract, read with transparent calls. precompile is one of the
   SEISMIC_PRECOMPILE_* addresses (anything else is refused); the result is its raw output
   (seismic_response_data). */
SEISMIC_API seismic_request seismic_precompile_call(seismic_client *c, const seismic_address *precompile,
                                                    const void *input, size_t len, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_deposit_root(seismic_client *c, const seismic_request_options *opts);
SEISMIC_API seismic_request seismic_deposit_count(seismic_client *c, const seismic_request_options *opts);

/*==== 11b. Substrate reads =======================================================================*/
#ifndef SEISMIC_NO_SUBSTRATE
/* Reads from a Substrate chain the way Bittensor's AsyncSubtensor does: storage at one pinned block
   hash, runtime API calls, SS58 addresses, SCALE values. Reads only: nothing here signs extrinsics
   (Substrate accounts use sr25519, which neither dependency provides). Define SEISMIC_NO_SUBSTRATE
   to leave this layer out. */

/* xxHash64, and Substrate's twox hashes built on it: twox64 = le64(xxh64(seed 0)),
   twox128 = le64(xxh64(seed 0)) ‖ le64(xxh64(seed 1)). */
SEISMIC_API uint64_t seismic_xxh64(const void *data, size_t len, uint64_t seed);
SEISMIC_API void seismic_twox64(const void *data, size_t len, uint8_t out[8]);
SEISMIC_API void seismic_twox128(const void *data, size_t len, uint8_t out[16]);

/* BLAKE2b (RFC 7693): digests of 1 to 64 bytes, with an optional key of up to 64 bytes (wiped by final). */
typedef struct seismic_blake2b_ctx {
    uint64_t h[8];
    uint64_t t[2];
    uint8_t block[128];
    size_t fill;    /* bytes in block */
    size_t out_len;
} seismic_blake2b_ctx;
/* SEISMIC_ERR_INVALID_ARGUMENT for out_len outside 1..64 or a key longer than 64 bytes. */
SEISMIC_API seismic_result seismic_blake2b_init(seismic_blake2b_ctx *ctx, size_t out_len, const void *key, size_t key_len);
SEISMIC_API void seismic_blake2b_update(seismic_blake2b_ctx *ctx, const void *data, size_t len);
/* Writes ctx->out_len bytes and wipes the context. */
SEISMIC_API void seismic_blake2b_final(seismic_blake2b_ctx *ctx, uint8_t *out);
/* Unkeyed, in one call (16 bytes = Substrate's blake2_128, 32 = blake2_256). */
SEISMIC_API seismic_result seismic_blake2b(const void *data, size_t len, uint8_t *out, size_t out_len);

/* Base58 with the Bitcoin alphabet; each leading zero byte is a '1'. Inputs are bounded so that the
   quadratic conversion stays small: at most SEISMIC_BASE58_MAX_BYTES bytes / 2 x that many characters. */
#define SEISMIC_BASE58_MAX_BYTES 256
/* out receives the text and a NUL; cap counts the NUL. SEISMIC_ERR_CAPACITY when it does not fit. */
SEISMIC_API seismic_result seismic_base58_encode(const void *data, size_t len, char *out, size_t cap, size_t *out_len);
/* SEISMIC_ERR_PARSE for a character outside the alphabet (the message names it and its offset),
   SEISMIC_ERR_CAPACITY when out is too small, SEISMIC_ERR_INVALID_ARGUMENT for an over-long input. */
SEISMIC_API seismic_result seismic_base58_decode(const char *text, size_t len, uint8_t *out, size_t cap, size_t *out_len,
                                                 seismic_error *err);

/* SS58 addresses of 32-byte account ids: base58(prefix ‖ account ‖ checksum), the prefix one byte below
   64 and two bytes from 64 to 16383, checksum = blake2b-512("SS58PRE" ‖ prefix ‖ account)[0..2]. */
#define SEISMIC_SS58_BITTENSOR 42
#define SEISMIC_SS58_MAX_LEN 50 /* characters, without the NUL */
SEISMIC_API seismic_result seismic_ss58_encode(const uint8_t account[32], uint16_t prefix,
                                               char out[SEISMIC_SS58_MAX_LEN + 1]);
/* Decodes and checks an address: SEISMIC_ERR_PARSE with a message for a non-base58 character, a length
   that is not a 32-byte account, a prefix that is reserved or not canonically encoded, a bad checksum.
   prefix may be NULL. */
SEISMIC_API seismic_result seismic_ss58_decode(const char *address, uint8_t account[32], uint16_t *prefix,
                                               seismic_error *err);

/* SCALE decoding. A reader walks a byte view; an error is sticky (later reads fail too and leave their
   outputs zero), so a sequence of reads needs one check at the end. Nothing allocates; every read is
   bounded by the input: a length prefix larger than the bytes left is an error before any loop runs. */
typedef struct seismic_scale_reader {
    const uint8_t *data;
    size_t len;
    size_t pos;
    seismic_result result; /* the first error */
    seismic_error *err;    /* optional: receives the first error's message with its offset */
    bool _hex;             /* private: data is hex text, two characters per byte */
} seismic_scale_reader;

SEISMIC_API void seismic_scale_reader_init(seismic_scale_reader *r, const uint8_t *data, size_t len, seismic_error *err);
SEISMIC_API seismic_result seismic_scale_read_u8(seismic_scale_reader *r, uint8_t *out);
SEISMIC_API seismic_result seismic_scale_read_u16(seismic_scale_reader *r, uint16_t *out);
SEISMIC_API seismic_result seismic_scale_read_u32(seismic_scale_reader *r, uint32_t *out);
SEISMIC_API seismic_result seismic_scale_read_u64(seismic_scale_reader *r, uint64_t *out);
/* u128 as 16 big-endian bytes. */
SEISMIC_API seismic_result seismic_scale_read_u128(seismic_scale_reader *r, uint8_t out[16]);
/* 0x00 / 0x01; any other byte is an error. */
SEISMIC_API seismic_result seismic_scale_read_bool(seismic_scale_reader *r, bool *out);
/* An Option's tag: *some = false for 0x00 (None), true for 0x01 (a value follows). */
SEISMIC_API seismic_result seismic_scale_read_option(seismic_scale_reader *r, bool *some);
/* Compact<uN>: non-canonical encodings are SEISMIC_ERR_PARSE, a value above max SEISMIC_ERR_OVERFLOW
   (max = UINT16_MAX for a Compact<u16>, UINT64_MAX for the widest). */
SEISMIC_API seismic_result seismic_scale_read_compact(seismic_scale_reader *r, uint64_t max, uint64_t *out);
/* A Vec's length prefix; each item takes at least min_item_bytes (>= 1), so a count that cannot fit in the
   bytes left is an error. */
SEISMIC_API seismic_result seismic_scale_read_vec_len(seismic_scale_reader *r, size_t min_item_bytes, size_t *count);
/* n raw bytes (out may be NULL to skip them). */
SEISMIC_API seismic_result seismic_scale_read_bytes(seismic_scale_reader *r, uint8_t *out, size_t n);
/* SEISMIC_OK when everything was read without error and nothing is left over. */
SEISMIC_API seismic_result seismic_scale_finish(seismic_scale_reader *r);

/* Storage keys: twox128(pallet) ‖ twox128(item) ‖ hasher(key1) ‖ hasher(key2) ... */
typedef enum seismic_storage_hasher {
    SEISMIC_HASHER_IDENTITY = 0,      /* the key's bytes */
    SEISMIC_HASHER_TWOX64_CONCAT,     /* twox64(key) ‖ key */
    SEISMIC_HASHER_BLAKE2_128_CONCAT, /* blake2b-128(key) ‖ key */
} seismic_storage_hasher;

typedef struct seismic_storage_key_part {
    seismic_storage_hasher hasher;
    const void *data; /* the key's SCALE encoding (an account id's 32 bytes, a u16 netuid's 2 LE bytes) */
    size_t len;
} seismic_storage_key_part;

/* Appends the storage key to out (not cleared); an unknown hasher is SEISMIC_ERR_INVALID_ARGUMENT. */
SEISMIC_API seismic_result seismic_storage_key(const char *pallet, const char *item,
                                               const seismic_storage_key_part *keys, size_t count,
                                               seismic_buf *out);

/* Bittensor (subtensor) reads over a client (HTTP or WebSocket, with batching, pipelining and the rest).
   A seismic_subtensor remembers the last block hash it used (reuse_block) and caches each block hash's
   number and runtime specVersion, from which it picks the SCALE layouts. Every action pins one block
   hash first (chain_getHead or chain_getBlockHash when not given one) and reads everything at it; its
   result names that block. Layouts it does not know (by specVersion and length) fail with a message,
   never with a guessed value. Destroy a subtensor before its client; its pending actions end with
   SEISMIC_ERR_CANCELED. */
typedef struct seismic_subtensor seismic_subtensor;

typedef struct seismic_subtensor_desc {
    uint16_t ss58_prefix; /* addresses must carry this prefix [42] */
} seismic_subtensor_desc;

SEISMIC_API seismic_subtensor *seismic_subtensor_create(seismic_client *client, const seismic_subtensor_desc *desc,
                                                        seismic_error *err);
SEISMIC_API void seismic_subtensor_destroy(seismic_subtensor *st);
SEISMIC_API seismic_client *seismic_subtensor_client(const seismic_subtensor *st);
/* reuse_block: the block the last finished action read at (a zero ref = the head if none yet).
   Nothing goes on the wire. */
SEISMIC_API seismic_block_ref seismic_subtensor_reuse_block(const seismic_subtensor *st);

#define SEISMIC_TAO_DECIMALS 9
/* 1 TAO = 10^9 rao. Formats rao as TAO with exactly 9 decimals ("1.500000000"); returns the length. */
SEISMIC_API size_t seismic_tao_format(uint64_t rao, char out[32]);

/* The block a result was read at. spec_version is 0 for a plain block-hash lookup. */
typedef struct seismic_tao_block {
    uint8_t hash[32];
    uint64_t number;
    uint32_t spec_version;
} seismic_tao_block;

/* System.Account balances in rao; an account that does not exist has all zero. */
typedef struct seismic_tao_balance {
    uint64_t free;
    uint64_t reserved;
    uint64_t frozen;
} seismic_tao_balance;

/* Actions: `block` NULL or zero = the head (chain_getHead); a number or EARLIEST = that block
   (chain_getBlockHash); FINALIZED = chain_getFinalizedHead; a hash = exactly that block; PENDING and SAFE
   are refused. A result is a JSON object {"blockHash","blockNumber","specVersion",...}; read it with the
   typed seismic_response_tao_* accessors below (their arrays live in the response until
   seismic_request_release, like seismic_response_block's). The blocking twins wait, copy out and release. */

typedef struct seismic_tao_balances {
    seismic_tao_block at;
    const seismic_tao_balance *balances; /* in the order of the addresses */
    size_t count;
} seismic_tao_balances;

typedef struct seismic_tao_netuids {
    seismic_tao_block at;
    const uint16_t *netuids; /* ascending */
    size_t count;
} seismic_tao_netuids;

/* The block of any seismic_tao_* result. */
SEISMIC_API seismic_result seismic_response_tao_block(const seismic_response *response, seismic_tao_block *at);
SEISMIC_API seismic_result seismic_response_tao_balances(const seismic_response *response, seismic_tao_balances *out);
SEISMIC_API seismic_result seismic_response_tao_netuids(const seismic_response *response, seismic_tao_netuids *out);
/* The number of get_total_subnets ("total") and get_total_hotkey_alpha ("amount"). */
SEISMIC_API seismic_result seismic_response_tao_u64(const seismic_response *response, seismic_tao_block *at,
                                                    uint64_t *out);

/* {"blockHash","blockNumber"}: chain_getHead (or chain_getBlockHash([n])), then the header, whose
   blake2b-256 must be the hash. */
SEISMIC_API seismic_request seismic_tao_get_block_hash(seismic_subtensor *st, const seismic_block_ref *block,
                                                       const seismic_request_options *opts);
SEISMIC_API seismic_result seismic_tao_get_block_hash_blocking(seismic_subtensor *st, const seismic_block_ref *block,
                                                               seismic_tao_block *at, seismic_error *err);

/* Balances of many SS58 addresses with ONE state_queryStorageAt at the pinned hash ("balances":
   [{"address","free","reserved","frozen"}] in input order, amounts as decimal strings). Addresses are
   checked first: a bad one fails the submission ({0} + seismic_client_last_error). */
SEISMIC_API seismic_request seismic_tao_get_balances(seismic_subtensor *st, const char *const *ss58, size_t count,
                                                     const seismic_block_ref *block, const seismic_request_options *opts);
/* One address with state_getStorageAt; the result has the same shape with one entry. */
SEISMIC_API seismic_request seismic_tao_get_balance(seismic_subtensor *st, const char *ss58,
                                                    const seismic_block_ref *block, const seismic_request_options *opts);
/* out holds count entries. */
SEISMIC_API seismic_result seismic_tao_get_balances_blocking(seismic_subtensor *st, const char *const *ss58, size_t count,
                                                             const seismic_block_ref *block, seismic_tao_block *at,
                                                             seismic_tao_balance *out, seismic_error *err);

/* SubtensorModule.TotalNetworks ("total"). */
SEISMIC_API seismic_request seismic_tao_get_total_subnets(seismic_subtensor *st, const seismic_block_ref *block,
                                                          const seismic_request_options *opts);
/* The netuids in NetworksAdded whose value is true, ascending ("netuids"): state_getKeysPaged pages of
   100 to the end, each page's values read with state_queryStorageAt at the same hash. */
SEISMIC_API seismic_request seismic_tao_get_netuids(seismic_subtensor *st, const seismic_block_ref *block,
                                                    const seismic_request_options *opts);
/* TotalHotkeyAlpha(hotkey, netuid) in rao ("amount"; 0 when absent). The item exists on dynamic-TAO
   runtimes; on older ones it reads as absent. */
SEISMIC_API seismic_request seismic_tao_get_total_hotkey_alpha(seismic_subtensor *st, const char *hotkey_ss58,
                                                               uint16_t netuid, const seismic_block_ref *block,
                                                               const seismic_request_options *opts);
SEISMIC_API seismic_result seismic_tao_get_total_subnets_blocking(seismic_subtensor *st, const seismic_block_ref *block,
                                                                  seismic_tao_block *at, uint64_t *total,
                                                                  seismic_error *err);
/* Copies up to cap netuids; *count = how many there are (SEISMIC_ERR_CAPACITY when more than cap). */
SEISMIC_API seismic_result seismic_tao_get_netuids_blocking(seismic_subtensor *st, const seismic_block_ref *block,
                                                            seismic_tao_block *at, uint16_t *out, size_t cap,
                                                            size_t *count, seismic_error *err);

/* Storage keys under a prefix, as views into the response: a key is prefix ‖ the hashed map keys (for
   System.Account: twox128("System") ‖ twox128("Account") ‖ blake2_128(account) ‖ account). */
typedef struct seismic_tao_storage_key {
    const uint8_t *data;
    size_t len;
} seismic_tao_storage_key;

typedef struct seismic_tao_storage_keys {
    seismic_tao_block at;
    const seismic_tao_storage_key *keys; /* ascending; each starts with the prefix */
    size_t count;
} seismic_tao_storage_keys;

/* Up to count (1..1000) storage keys that start with prefix (e.g. seismic_storage_key of a map with no key
   parts) and come after start_key (NULL: from the first; pass the last key of a page for the next), with
   one state_getKeysPaged at the pinned hash ("keys"). The answer is checked: at most count keys, each with
   the prefix, ascending, after start_key. */
SEISMIC_API seismic_request seismic_tao_get_storage_keys(seismic_subtensor *st, const uint8_t *prefix,
                                                         size_t prefix_len, uint32_t count, const uint8_t *start_key,
                                                         size_t start_len, const seismic_block_ref *block,
                                                         const seismic_request_options *opts);
SEISMIC_API seismic_result seismic_response_tao_storage_keys(const seismic_response *response,
                                                             seismic_tao_storage_keys *out);

/* Runtime API results. ip is the u128 big-endian (IPv4 in the last 4 bytes). */
typedef struct seismic_tao_axon {
    uint64_t block;
    uint32_t version;
    uint8_t ip[16];
    uint16_t port;
    uint8_t ip_type, protocol, placeholder1, placeholder2;
} seismic_tao_axon;

typedef struct seismic_tao_prometheus {
    uint64_t block;
    uint32_t version;
    uint8_t ip[16];
    uint16_t port;
    uint8_t ip_type;
} seismic_tao_prometheus;

/* One (account, amount) of a stake list; netuid is set where the runtime reports it per subnet. */
typedef struct seismic_tao_stake {
    uint8_t account[32];
    uint16_t netuid;
    uint64_t amount;
} seismic_tao_stake;

typedef struct seismic_tao_neuron {
    uint8_t hotkey[32];
    uint8_t coldkey[32];
    uint16_t uid;
    uint16_t netuid;
    bool active;
    seismic_tao_axon axon;
    seismic_tao_prometheus prometheus;
    const seismic_tao_stake *stake; /* coldkey -> stake on this hotkey */
    size_t stake_count;
    uint16_t rank;
    uint64_t emission;
    uint16_t incentive, consensus, trust, validator_trust, dividends;
    uint64_t last_update;
    bool validator_permit;
    uint16_t pruning_score;
} seismic_tao_neuron;

typedef struct seismic_tao_neurons {
    seismic_tao_block at;
    const seismic_tao_neuron *neurons;
    size_t count;
} seismic_tao_neurons;

/* NeuronInfoRuntimeApi_get_neurons_lite(netuid) by state_call ("neurons": the SCALE Vec<NeuronInfoLite>,
   unwrapped from the Bytes of runtimes before 233, checked by a full decode before the action ends). */
SEISMIC_API seismic_request seismic_tao_neurons_lite(seismic_subtensor *st, uint16_t netuid,
                                                     const seismic_block_ref *block, const seismic_request_options *opts);
SEISMIC_API seismic_result seismic_response_tao_neurons(const seismic_response *response, seismic_tao_neurons *out);

typedef struct seismic_tao_delegate {
    uint8_t delegate[32];
    uint8_t owner[32];
    uint16_t take;
    const seismic_tao_stake *nominators; /* netuid set on runtimes >= 244 (stake per subnet), else 0 */
    size_t nominator_count;
    const uint16_t *registrations;       /* netuids */
    size_t registration_count;
    const uint16_t *validator_permits;   /* netuids */
    size_t validator_permit_count;
    uint64_t return_per_1000;
    uint64_t total_daily_return;
    uint16_t staked_netuid;              /* the queried coldkey's stake with this delegate (netuid 0 before 244) */
    uint64_t staked;
} seismic_tao_delegate;

typedef struct seismic_tao_delegated {
    seismic_tao_block at;
    const seismic_tao_delegate *delegates;
    size_t count;
} seismic_tao_delegated;

/* DelegateInfoRuntimeApi_get_delegated(coldkey) ("delegated": the SCALE value, unwrapped). Runtimes
   before 233 take the account as Vec<u8> and wrap the answer in Bytes; 233 to 239 and from 244 on answer
   typed SCALE of their two layouts; other versions are refused. */
SEISMIC_API seismic_request seismic_tao_get_delegated(seismic_subtensor *st, const char *coldkey_ss58,
                                                      const seismic_block_ref *block, const seismic_request_options *opts);
SEISMIC_API seismic_result seismic_response_tao_delegated(const seismic_response *response, seismic_tao_delegated *out);

/* Decoders of the SCALE values (the same NeuronInfoLite layout in every runtime this SDK knows; DelegateInfo
   by specVersion) and the blocking twins: their arrays are one allocation through allocator (NULL =
   malloc/free), freed with seismic_tao_neurons_free / seismic_tao_delegated_free and the same allocator. */
SEISMIC_API seismic_result seismic_tao_decode_neurons(const uint8_t *scale, size_t len, const seismic_allocator *allocator,
                                                      seismic_tao_neurons *out, seismic_error *err);
SEISMIC_API seismic_result seismic_tao_decode_delegated(const uint8_t *scale, size_t len, uint32_t spec_version,
                                                        const seismic_allocator *allocator, seismic_tao_delegated *out,
                                                        seismic_error *err);
SEISMIC_API seismic_result seismic_tao_neurons_lite_blocking(seismic_subtensor *st, uint16_t netuid,
                                                             const seismic_block_ref *block,
                                                             const seismic_allocator *allocator,
                                                             seismic_tao_neurons *out, seismic_error *err);
SEISMIC_API seismic_result seismic_tao_get_delegated_blocking(seismic_subtensor *st, const char *coldkey_ss58,
                                                              const seismic_block_ref *block,
                                                              const seismic_allocator *allocator,
                                                              seismic_tao_delegated *out, seismic_error *err);
SEISMIC_API void seismic_tao_neurons_free(seismic_tao_neurons *neurons, const seismic_allocator *allocator);
SEISMIC_API void seismic_tao_delegated_free(seismic_tao_delegated *delegated, const seismic_allocator *allocator);

/* A System.Account value (AccountInfo) for a runtime: 56 bytes (4 x u32, free/reserved/frozen u64, flags
   u128); before spec 151 also the 48-byte layout (free, reserved, misc_frozen, fee_frozen: frozen is the
   larger). Anything else is SEISMIC_ERR_PARSE naming the length and spec. */
SEISMIC_API seismic_result seismic_tao_decode_account(const uint8_t *value, size_t len, uint32_t spec_version,
                                                      seismic_tao_balance *out, seismic_error *err);
#endif /* SEISMIC_NO_SUBSTRATE */

#ifdef __cplusplus
} /* extern "C" */
#endif
#endif /* SEISMIC_H */

#if defined(SEISMIC_IMPLEMENTATION) && !defined(SEISMIC_IMPLEMENTATION_DONE_)
#define SEISMIC_IMPLEMENTATION_DONE_

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef SEISMIC_ASSERT
#include <assert.h>
#define SEISMIC_ASSERT(c) assert(c)
#endif

/* Every platform header is included here; the functions that differ per platform are in layer 1
   (CSPRNG) and layer 9b (clock, sockets, readiness, name servers, trust anchors). */
#if defined(_WIN32)
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#if !defined(_WIN32_WINNT) || _WIN32_WINNT < 0x0600
#undef _WIN32_WINNT
#define _WIN32_WINNT 0x0600 /* Vista: struct pollfd, inet_pton, BCryptGenRandom */
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <bcrypt.h>
#include <wincrypt.h>
#include <iphlpapi.h>
#if defined(_MSC_VER)
#pragma comment(lib, "ws2_32")
#pragma comment(lib, "bcrypt")
#pragma comment(lib, "crypt32")
#pragma comment(lib, "iphlpapi")
#endif
#else
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif
#endif

#define _SEISMIC_UNUSED(x) (void)(x)

/*==== 1. base ====================================================================================*/

SEISMIC_API const char *seismic_result_string(seismic_result result) {
    static const char *const names[SEISMIC_RESULT_COUNT_] = {
        "ok", "invalid argument", "parse error", "overflow", "nesting too deep", "capacity too small",
        "out of memory", "crypto error", "decryption failed", "random source failed", "transport error",
        "TLS error", "HTTP error", "JSON-RPC error", "timeout", "canceled", "client shut down", "too many requests",
        "invalid handle", "not found", "not allowed in a callback",
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

/* memset through a volatile pointer: the compiler cannot prove the call useless and drop it, and it runs
   at memset's speed (4x a volatile byte loop: 0.3 ms for 8 MB here), which matters for big secret buffers. */
static void *(*volatile _seismic_wipe_memset)(void *, int, size_t) = memset;

SEISMIC_API void seismic_wipe(void *ptr, size_t len) {
    if (len) _seismic_wipe_memset(ptr, 0, len);
}

static bool _seismic_buf_resize(seismic_buf *buf, size_t cap);

SEISMIC_API bool seismic_buf_reserve(seismic_buf *buf, size_t extra) {
    if (buf->failed) return false;
    if (buf->cap - buf->len > extra) return true; /* keep one spare byte for seismic_buf_cstr */
    if (extra >= SIZE_MAX - buf->len) { buf->failed = true; return false; } /* len + extra + 1 would wrap */
    size_t need = buf->len + extra + 1;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) { cap = need; break; }
        cap *= 2;
    }
    return _seismic_buf_resize(buf, cap);
}

/* seismic_buf_reserve for a parser holding at most limit bytes (len + extra <= limit): growth stops
   at limit + 1, so input at the limit costs the limit, not twice it. */
static bool _seismic_buf_reserve_within(seismic_buf *buf, size_t extra, size_t limit) {
    if (buf->failed) return false;
    if (buf->cap - buf->len > extra) return true;
    size_t need = buf->len + extra + 1, cap = buf->cap ? buf->cap : 64;
    if (need > limit + 1) cap = need;
    while (cap < need) cap = cap >= limit / 2 + limit % 2 ? limit + 1 : cap * 2;
    return _seismic_buf_resize(buf, cap);
}

static bool _seismic_buf_resize(seismic_buf *buf, size_t cap) {
    uint8_t *data = (uint8_t *)_seismic_alloc(&buf->allocator, cap);
    if (!data) { buf->failed = true; return false; }
    if (buf->len) memcpy(data, buf->data, buf->len);
    if (buf->secret && buf->data) seismic_wipe(buf->data, buf->cap);
    _seismic_free(&buf->allocator, buf->data);
    buf->data = data;
    buf->cap = cap;
    return true;
}

/* Growth for the buffers a response fills as it arrives (its text, its tokens) that never copies a whole
   buffer in one call: once a block is half full, the block it moves to (twice the size, at most max) is
   allocated, and every append first moves twice its own size of the bytes already there, so the move is
   complete before the old block fills; then the new block takes over. Until then the old block is the
   one written and read, so it always holds everything. Blocks below _SEISMIC_GROW_EARLY just grow (a
   copy that small is cheap). A secret block is wiped when it is given back (that wipe is the one step
   proportional to the block). */
typedef struct _seismic_grow {
    uint8_t *next; /* the block being filled, or NULL */
    size_t cap;    /* its size */
    size_t moved;  /* bytes copied into it */
} _seismic_grow;

#define _SEISMIC_GROW_EARLY (256u << 10)

static void _seismic_grow_drop(const seismic_allocator *a, _seismic_grow *g, bool secret) {
    if (!g->next) return;
    if (secret) seismic_wipe(g->next, g->moved);
    _seismic_free(a, g->next);
    g->next = NULL;
    g->cap = g->moved = 0;
}

/* Twice cap, or max when twice would come within half a block of it (no step too small to matter). */
static size_t _seismic_grow_size(size_t cap, size_t max) {
    if (cap < 64) cap = 64;
    return cap > max / 2 || max - cap * 2 < cap / 2 ? max : cap * 2;
}

/* Makes room for n more bytes after len in *data (*cap bytes), no block larger than max. False when that
   is impossible (len + n > max) or memory ran out; *data and *cap are unchanged then. */
static bool _seismic_grow_reserve(const seismic_allocator *a, _seismic_grow *g, uint8_t **data, size_t *cap, size_t len,
                                  size_t n, size_t max, bool secret) {
    if (n > max || len > max - n) return false;
    if (!g->next && *cap >= _SEISMIC_GROW_EARLY && len + n > *cap / 2 && *cap < max) {
        size_t next = _seismic_grow_size(*cap, max);
        if (next < len + n) next = len + n;
        g->next = (uint8_t *)_seismic_alloc(a, next);
        if (!g->next) return false;
        g->cap = next;
        g->moved = 0;
    }
    if (g->next) {
        size_t left = len - g->moved, step = len + n > *cap ? left : 2 * n + 4096 < left ? 2 * n + 4096 : left;
        if (step) memcpy(g->next + g->moved, *data + g->moved, step);
        g->moved += step;
        if (g->moved == len && g->cap >= len + n) { /* the new block holds everything: it takes over */
            if (secret && *data) seismic_wipe(*data, *cap);
            _seismic_free(a, *data);
            *data = g->next;
            *cap = g->cap;
            g->next = NULL;
            g->cap = g->moved = 0;
        }
    }
    if (len + n <= *cap) return true;
    /* a small block, or an append larger than the move planned for: grow now */
    size_t grown = _seismic_grow_size(*cap, max);
    if (grown < len + n) grown = len + n;
    uint8_t *bigger = (uint8_t *)_seismic_alloc(a, grown);
    if (!bigger) return false;
    if (len) memcpy(bigger, *data, len);
    if (secret && *data) seismic_wipe(*data, *cap);
    _seismic_free(a, *data);
    _seismic_grow_drop(a, g, secret);
    *data = bigger;
    *cap = grown;
    return true;
}

/* Appends to a parser's buffer of at most limit bytes through g (the buffer keeps its spare byte for
   seismic_buf_cstr). Sets buf->failed when memory ran out. */
static bool _seismic_grow_append(seismic_buf *buf, _seismic_grow *g, const void *data, size_t n, size_t limit) {
    if (buf->failed) return false;
    if (!n) return true;
    size_t cap = buf->cap;
    if (!_seismic_grow_reserve(&buf->allocator, g, &buf->data, &cap, buf->len, n + 1, limit + 1, buf->secret)) {
        buf->failed = true;
        return false;
    }
    buf->cap = cap;
    memcpy(buf->data + buf->len, data, n);
    buf->len += n;
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
    if (buf->secret && buf->data) seismic_wipe(buf->data, buf->cap);
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
#elif defined(_WIN32)
    uint8_t *p = (uint8_t *)out;
    while (len > 0) { /* ULONG-sized pieces */
        ULONG n = len > 0x10000000u ? 0x10000000u : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, p, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) return SEISMIC_ERR_RANDOM;
        p += n;
        len -= n;
    }
    return SEISMIC_OK;
#else
#error "seismic.h: no CSPRNG for this platform"
#endif
}

/*==== 2. bytes ===================================================================================*/

/* Hex digit values by byte, -1 for anything else: a lookup, no branches to mispredict on the random
   digits of hashes and ciphertexts (bench/completion_cost: hex to bytes). */
static const signed char _seismic_hex_values[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static int _seismic_hex_value(char c) { return _seismic_hex_values[(uint8_t)c]; }

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
    if (!out_len && n != cap) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (n > cap) return SEISMIC_ERR_CAPACITY;
    for (size_t i = 0; i < n; i++) {
        int hi = _seismic_hex_value(hex[2 * i]), lo = _seismic_hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return SEISMIC_ERR_INVALID_ARGUMENT;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    if (out_len) *out_len = n;
    return SEISMIC_OK;
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
/* chi on one plane of five lanes b0..b4 */
#define _SEISMIC_CHI(o0, o1, o2, o3, o4) \
    o0 = b0 ^ (~b1 & b2), o1 = b1 ^ (~b2 & b3), o2 = b2 ^ (~b3 & b4), o3 = b3 ^ (~b4 & b0), o4 = b4 ^ (~b0 & b1)

static const uint64_t _seismic_keccak_rc[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

/* One round from the 25 lanes X0..X24 into Y0..Y24: theta, rho and pi fused into the loads of each plane,
   chi into its stores, iota on Y0. */
#define _SEISMIC_KECCAK_ROUND(X, Y, rc)                                                                          \
    do {                                                                                                         \
        uint64_t c0 = X##0 ^ X##5 ^ X##10 ^ X##15 ^ X##20, c1 = X##1 ^ X##6 ^ X##11 ^ X##16 ^ X##21;              \
        uint64_t c2 = X##2 ^ X##7 ^ X##12 ^ X##17 ^ X##22, c3 = X##3 ^ X##8 ^ X##13 ^ X##18 ^ X##23;              \
        uint64_t c4 = X##4 ^ X##9 ^ X##14 ^ X##19 ^ X##24;                                                        \
        uint64_t d0 = c4 ^ _SEISMIC_ROL(c1, 1), d1 = c0 ^ _SEISMIC_ROL(c2, 1), d2 = c1 ^ _SEISMIC_ROL(c3, 1);      \
        uint64_t d3 = c2 ^ _SEISMIC_ROL(c4, 1), d4 = c3 ^ _SEISMIC_ROL(c0, 1);                                    \
        uint64_t b0 = X##0 ^ d0, b1 = _SEISMIC_ROL(X##6 ^ d1, 44), b2 = _SEISMIC_ROL(X##12 ^ d2, 43);              \
        uint64_t b3 = _SEISMIC_ROL(X##18 ^ d3, 21), b4 = _SEISMIC_ROL(X##24 ^ d4, 14);                            \
        _SEISMIC_CHI(Y##0, Y##1, Y##2, Y##3, Y##4);                                                              \
        Y##0 ^= (rc);                                                                                            \
        b0 = _SEISMIC_ROL(X##3 ^ d3, 28), b1 = _SEISMIC_ROL(X##9 ^ d4, 20), b2 = _SEISMIC_ROL(X##10 ^ d0, 3);      \
        b3 = _SEISMIC_ROL(X##16 ^ d1, 45), b4 = _SEISMIC_ROL(X##22 ^ d2, 61);                                     \
        _SEISMIC_CHI(Y##5, Y##6, Y##7, Y##8, Y##9);                                                              \
        b0 = _SEISMIC_ROL(X##1 ^ d1, 1), b1 = _SEISMIC_ROL(X##7 ^ d2, 6), b2 = _SEISMIC_ROL(X##13 ^ d3, 25);       \
        b3 = _SEISMIC_ROL(X##19 ^ d4, 8), b4 = _SEISMIC_ROL(X##20 ^ d0, 18);                                      \
        _SEISMIC_CHI(Y##10, Y##11, Y##12, Y##13, Y##14);                                                         \
        b0 = _SEISMIC_ROL(X##4 ^ d4, 27), b1 = _SEISMIC_ROL(X##5 ^ d0, 36), b2 = _SEISMIC_ROL(X##11 ^ d1, 10);     \
        b3 = _SEISMIC_ROL(X##17 ^ d2, 15), b4 = _SEISMIC_ROL(X##23 ^ d3, 56);                                     \
        _SEISMIC_CHI(Y##15, Y##16, Y##17, Y##18, Y##19);                                                         \
        b0 = _SEISMIC_ROL(X##2 ^ d2, 62), b1 = _SEISMIC_ROL(X##8 ^ d3, 55), b2 = _SEISMIC_ROL(X##14 ^ d4, 39);     \
        b3 = _SEISMIC_ROL(X##15 ^ d0, 41), b4 = _SEISMIC_ROL(X##21 ^ d1, 2);                                      \
        _SEISMIC_CHI(Y##20, Y##21, Y##22, Y##23, Y##24);                                                         \
    } while (0)

/* Keccak-f[1600]: the 25 lanes live in locals so the compiler keeps the state in registers; two rounds per
   iteration (a into e, then e back into a), so no lane is copied between rounds. */
static void _seismic_keccak_f(uint64_t s[25]) {
    uint64_t a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4], a5 = s[5], a6 = s[6], a7 = s[7], a8 = s[8], a9 = s[9], a10 = s[10], a11 = s[11], a12 = s[12];
    uint64_t a13 = s[13], a14 = s[14], a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19], a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
    uint64_t e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
    for (int round = 0; round < 24; round += 2) {
        _SEISMIC_KECCAK_ROUND(a, e, _seismic_keccak_rc[round]);
        _SEISMIC_KECCAK_ROUND(e, a, _seismic_keccak_rc[round + 1]);
    }
    s[0] = a0, s[1] = a1, s[2] = a2, s[3] = a3, s[4] = a4, s[5] = a5, s[6] = a6, s[7] = a7, s[8] = a8, s[9] = a9;
    s[10] = a10, s[11] = a11, s[12] = a12, s[13] = a13, s[14] = a14, s[15] = a15, s[16] = a16, s[17] = a17;
    s[18] = a18, s[19] = a19, s[20] = a20, s[21] = a21, s[22] = a22, s[23] = a23, s[24] = a24;
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
    seismic_buf header = {NULL, 0, 0, false, buf->allocator, false};
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

/* What an event signature says about its top-level parameters beyond their types. */
typedef struct _seismic_abi_params {
    uint16_t count;
    bool anonymous;
    struct {
        uint16_t node;    /* the parameter's type node */
        bool indexed;
        uint16_t name_len;
        const char *name; /* into the signature; name_len 0 when unnamed */
    } param[SEISMIC_ABI_MAX_TYPES];
} _seismic_abi_params;

typedef struct _seismic_abi_parser {
    _seismic_abi_types *types;
    const char *text, *p;
    seismic_error *err;
    _seismic_abi_params *params; /* when not NULL: receives the inputs' names and indexed flags */
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
    uint16_t start = 0;
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
        uint16_t spare = 0;
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
        uint16_t node = P->types->count;
        seismic_result r = _seismic_abi_parse_type(P, depth, &h);
        if (r) return r;
        if (h > *height) *height = h;
        ++*members;
        bool record = depth == 0 && P->params && !P->types->outputs; /* the signature's own inputs */
        if (record) {
            memset(&P->params->param[P->params->count], 0, sizeof P->params->param[0]);
            P->params->param[P->params->count].node = node;
        }
        for (;;) {
            _seismic_abi_skip_space(P);
            if (!_seismic_abi_is_ident(*P->p)) break;
            const char *word = P->p;
            while (_seismic_abi_is_ident(*P->p)) P->p++;
            if (!record) continue;
            if (_seismic_abi_word_is(word, (size_t)(P->p - word), "indexed")) {
                P->params->param[P->params->count].indexed = true;
            } else {
                size_t len = (size_t)(P->p - word);
                P->params->param[P->params->count].name = word;
                P->params->param[P->params->count].name_len = (uint16_t)(len > UINT16_MAX ? UINT16_MAX : len);
            }
        }
        if (record) P->params->count++;
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
    uint16_t index = 0, members = 0;
    int height;
    seismic_result r;
    if ((r = _seismic_abi_new_node(P, &index))) return r;
    if ((r = _seismic_abi_parse_list(P, 0, close, &members, &height))) return r;
    return _seismic_abi_finish_tuple(P, index, members);
}

static void _seismic_abi_parser_init(_seismic_abi_parser *P, _seismic_abi_types *T, const char *text,
                                     seismic_error *err) {
    P->params = NULL;
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

/* "[function|event|error] name(params) [modifiers] [returns (params)] [;]"; params (optional) receives
   the inputs' names and indexed flags, and whether the event is anonymous. */
static seismic_result _seismic_abi_parse_signature_params(const char *signature, _seismic_abi_types *T,
                                                          _seismic_abi_params *params, seismic_error *err) {
    static const char *const keywords[] = {"function", "event", "error"};
    _seismic_abi_parser P;
    seismic_result r;
    if (!signature) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: no signature");
    _seismic_abi_parser_init(&P, T, signature, err);
    P.params = params;
    if (params) {
        params->count = 0;
        params->anonymous = false;
    }
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
    _seismic_abi_skip_space(&P);
    if (*P.p == '(') { /* cast's form name(inputs)(outputs) */
        P.p++;
        T->outputs = T->count;
        if ((r = _seismic_abi_parse_params(&P, ')'))) return r;
    }
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
        if (params && _seismic_abi_word_is(word, (size_t)(P.p - word), "anonymous")) params->anonymous = true;
        if (!_seismic_abi_word_is(word, (size_t)(P.p - word), "returns")) continue; /* view, external, ... */
        _seismic_abi_skip_space(&P);
        if (*P.p != '(' || T->outputs) return _seismic_abi_syntax(&P, "expected one '(' after returns");
        P.p++;
        T->outputs = T->count;
        if ((r = _seismic_abi_parse_params(&P, ')'))) return r;
    }
}

static seismic_result _seismic_abi_parse_signature(const char *signature, _seismic_abi_types *T, seismic_error *err) {
    return _seismic_abi_parse_signature_params(signature, T, NULL, err);
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

struct _seismic_abi_arg;

typedef struct _seismic_abi_encoder {
    const _seismic_abi_types *types;
    seismic_buf *out;
    const struct _seismic_abi_arg *nodes; /* typed arguments */
    const uint8_t *bytes;
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
    *count = 0;
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
        size_t count;
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
        if (!_seismic_has_0x(text, len) || seismic_hex_decode(text, len, word, t->bits / 8u, NULL))
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

SEISMIC_API seismic_result seismic_abi_encode_text(const char *types, const char *const *args, size_t nargs,
                                                   seismic_buf *out, seismic_error *err) {
    _seismic_abi_types T;
    seismic_result r = _seismic_abi_parse_type_list(types, &T, err);
    if (r) return r;
    return _seismic_abi_encode_args(out, out->len, &T, args, nargs, err);
}

/* Parses a signature and appends its selector. */
static seismic_result _seismic_abi_put_selector(seismic_buf *out, const char *signature, _seismic_abi_types *T,
                                                seismic_error *err) {
    uint8_t hash[32];
    size_t mark = out->len;
    seismic_result r = _seismic_abi_parse_signature(signature, T, err);
    if (r) return r;
    /* the canonical signature is hashed where the selector goes, then replaced by it */
    seismic_buf_append(out, T->name, T->name_len);
    _seismic_abi_write_members(out, T, 0);
    if (out->failed) return _seismic_abi_out_of_memory(err);
    seismic_keccak256(out->data + mark, out->len - mark, hash);
    out->len = mark;
    seismic_buf_append(out, hash, 4);
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_encode_call_text(const char *signature, const char *const *args, size_t nargs,
                                                        seismic_buf *out, seismic_error *err) {
    _seismic_abi_types T;
    size_t mark = out->len;
    seismic_result r = _seismic_abi_put_selector(out, signature, &T, err);
    return r ? r : _seismic_abi_encode_args(out, mark, &T, args, nargs, err);
}

/*---- typed arguments ----*/

typedef struct _seismic_abi_arg {
    uint8_t kind;     /* seismic_abi_kind; UINT and INT hold any number, INT only when negative */
    uint32_t count;   /* direct children of an array or tuple */
    uint32_t end;     /* node index after this subtree */
    uint8_t word[32]; /* numbers (two's complement), addresses (right-aligned), bools */
    size_t offset;    /* bytes and strings: payload in the builder's bytes */
    size_t len;
} _seismic_abi_arg;

static _seismic_abi_arg *_seismic_abi_args_node(seismic_abi_args *a, uint8_t kind) {
    if (!a->_nodes.data) { /* arguments of shielded parameters are secrets: growth wipes what it gives back */
        a->_nodes.allocator = a->_bytes.allocator = a->allocator;
        a->_nodes.secret = a->_bytes.secret = true;
    }
    if (a->_misused || !seismic_buf_reserve(&a->_nodes, sizeof(_seismic_abi_arg))) return NULL;
    size_t index = a->_nodes.len / sizeof(_seismic_abi_arg);
    if (index >= UINT32_MAX) {
        a->_misused = true;
        return NULL;
    }
    _seismic_abi_arg *node = (_seismic_abi_arg *)(void *)(a->_nodes.data + a->_nodes.len);
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->end = (uint32_t)index + 1;
    a->_nodes.len += sizeof *node;
    if (a->_depth) ((_seismic_abi_arg *)(void *)a->_nodes.data)[a->_open[a->_depth - 1]].count++;
    else a->_count++;
    return node;
}

SEISMIC_API void seismic_abi_arg_u256(seismic_abi_args *a, const seismic_u256 *value) {
    _seismic_abi_arg *n = _seismic_abi_args_node(a, SEISMIC_ABI_UINT);
    if (n) seismic_u256_to_be(value, n->word);
}

SEISMIC_API void seismic_abi_arg_u64(seismic_abi_args *a, uint64_t value) {
    _seismic_abi_arg *n = _seismic_abi_args_node(a, SEISMIC_ABI_UINT);
    if (n) _seismic_abi_store_u64(n->word, value);
}

SEISMIC_API void seismic_abi_arg_int(seismic_abi_args *a, int64_t value) {
    _seismic_abi_arg *n = _seismic_abi_args_node(a, value < 0 ? SEISMIC_ABI_INT : SEISMIC_ABI_UINT);
    if (!n) return;
    _seismic_abi_store_u64(n->word, (uint64_t)value); /* two's complement, sign-extended below */
    if (value < 0) memset(n->word, 0xff, 24);
}

SEISMIC_API void seismic_abi_arg_address(seismic_abi_args *a, const seismic_address *address) {
    _seismic_abi_arg *n = _seismic_abi_args_node(a, SEISMIC_ABI_ADDRESS);
    if (n) memcpy(n->word + 12, address->bytes, 20);
}

SEISMIC_API void seismic_abi_arg_bool(seismic_abi_args *a, bool value) {
    _seismic_abi_arg *n = _seismic_abi_args_node(a, SEISMIC_ABI_BOOL);
    if (n) n->word[31] = value ? 1 : 0;
}

static void _seismic_abi_arg_payload(seismic_abi_args *a, uint8_t kind, const void *data, size_t len) {
    _seismic_abi_arg *n = _seismic_abi_args_node(a, kind);
    if (!n) return;
    n->offset = a->_bytes.len;
    n->len = len;
    seismic_buf_append(&a->_bytes, data, len);
}

SEISMIC_API void seismic_abi_arg_bytes(seismic_abi_args *a, const void *data, size_t len) {
    _seismic_abi_arg_payload(a, SEISMIC_ABI_BYTES, data, len);
}

SEISMIC_API void seismic_abi_arg_string(seismic_abi_args *a, const char *text) {
    _seismic_abi_arg_payload(a, SEISMIC_ABI_STRING, text, strlen(text));
}

static void _seismic_abi_arg_open(seismic_abi_args *a, uint8_t kind) {
    if (a->_depth == SEISMIC_ABI_MAX_DEPTH) a->_misused = true;
    size_t index = a->_nodes.len / sizeof(_seismic_abi_arg);
    if (_seismic_abi_args_node(a, kind)) a->_open[a->_depth++] = (uint32_t)index;
}

static void _seismic_abi_arg_close(seismic_abi_args *a, uint8_t kind) {
    _seismic_abi_arg *nodes = (_seismic_abi_arg *)(void *)a->_nodes.data;
    if (a->_misused || a->_nodes.failed) return;
    if (!a->_depth || nodes[a->_open[a->_depth - 1]].kind != kind) {
        a->_misused = true;
        return;
    }
    nodes[a->_open[--a->_depth]].end = (uint32_t)(a->_nodes.len / sizeof(_seismic_abi_arg));
}

SEISMIC_API void seismic_abi_arg_array_begin(seismic_abi_args *a) { _seismic_abi_arg_open(a, SEISMIC_ABI_ARRAY); }
SEISMIC_API void seismic_abi_arg_array_end(seismic_abi_args *a) { _seismic_abi_arg_close(a, SEISMIC_ABI_ARRAY); }
SEISMIC_API void seismic_abi_arg_tuple_begin(seismic_abi_args *a) { _seismic_abi_arg_open(a, SEISMIC_ABI_TUPLE); }
SEISMIC_API void seismic_abi_arg_tuple_end(seismic_abi_args *a) { _seismic_abi_arg_close(a, SEISMIC_ABI_TUPLE); }

SEISMIC_API void seismic_abi_args_free(seismic_abi_args *a) {
    seismic_allocator allocator = a->allocator;
    seismic_buf_wipe(&a->_nodes);
    seismic_buf_wipe(&a->_bytes);
    memset(a, 0, sizeof *a);
    a->allocator = allocator;
}

static const char *_seismic_abi_arg_name(uint8_t kind) {
    static const char *const names[] = {"nothing", "a number", "a negative number", "an address", "a bool",
                                        "bytes", "bytes", "a string", "an array", "a tuple"};
    return kind < sizeof names / sizeof *names ? names[kind] : "nothing";
}

static seismic_result _seismic_abi_typed_sequence(_seismic_abi_encoder *E, uint16_t index, uint32_t first, size_t count,
                                                  bool top);

/* Appends one typed value for type node `index`: in place for a static type, the tail for a dynamic one. */
static seismic_result _seismic_abi_typed_value(_seismic_abi_encoder *E, uint16_t index, uint32_t node) {
    const _seismic_abi_type *t = &E->types->node[index];
    const _seismic_abi_arg *a = &E->nodes[node];
    seismic_buf *out = E->out;
    bool number = a->kind == SEISMIC_ABI_UINT || a->kind == SEISMIC_ABI_INT;
    bool fits;
    switch (t->kind) {
    case SEISMIC_ABI_ARRAY:
    case SEISMIC_ABI_TUPLE: {
        if (a->kind != t->kind) break;
        size_t expected = t->kind == SEISMIC_ABI_TUPLE ? t->count : t->length;
        if ((t->kind == SEISMIC_ABI_TUPLE || expected) && a->count != expected)
            return _seismic_abi_bad(E, "expected %zu elements, got %u", expected, (unsigned)a->count);
        if (t->kind == SEISMIC_ABI_ARRAY && !t->length) _seismic_abi_put_u64(out, a->count);
        return _seismic_abi_typed_sequence(E, index, node + 1, a->count, false);
    }
    case SEISMIC_ABI_STRING:
    case SEISMIC_ABI_BYTES:
        if (a->kind != t->kind) break;
        _seismic_abi_put_u64(out, a->len);
        seismic_buf_append(out, E->bytes + a->offset, a->len);
        _seismic_abi_put_zeros(out, (32 - a->len % 32) % 32);
        return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    case SEISMIC_ABI_FIXED_BYTES: {
        uint8_t word[32];
        if (a->kind != SEISMIC_ABI_BYTES) break;
        if (a->len != t->bits / 8u) return _seismic_abi_bad(E, "%zu bytes, expected %u", a->len, t->bits / 8u);
        memset(word, 0, 32);
        memcpy(word, E->bytes + a->offset, a->len);
        seismic_buf_append(out, word, 32);
        return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    }
    case SEISMIC_ABI_UINT:
    case SEISMIC_ABI_INT: {
        if (!number) break;
        seismic_u256 v, magnitude;
        seismic_u256_from_be(a->word, 32, &v);
        if (a->kind == SEISMIC_ABI_INT) { /* |v| - 1 = ~v must fit in N-1 bits */
            for (int i = 0; i < 4; i++) magnitude.w[i] = ~v.w[i];
            fits = t->kind == SEISMIC_ABI_INT && _seismic_abi_bit_length(&magnitude) <= t->bits - 1u;
        } else {
            fits = _seismic_abi_bit_length(&v) <= (t->kind == SEISMIC_ABI_UINT ? t->bits : t->bits - 1u);
        }
        if (!fits) {
            char dec[80];
            if (a->kind == SEISMIC_ABI_INT) {
                seismic_u256 one = seismic_u256_from_u64(1);
                seismic_u256_add(&magnitude, &one, &magnitude);
                dec[0] = '-';
                seismic_u256_to_dec(&magnitude, dec + 1);
            } else {
                seismic_u256_to_dec(&v, dec);
            }
            return _seismic_abi_bad(E, "%s does not fit in %u bits", dec, (unsigned)t->bits);
        }
        seismic_buf_append(out, a->word, 32);
        return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    }
    default: /* address, bool */
        if (a->kind != t->kind) break;
        seismic_buf_append(out, a->word, 32);
        return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    }
    return _seismic_abi_bad(E, "got %s", _seismic_abi_arg_name(a->kind));
}

/* Heads then tails, as _seismic_abi_encode_sequence: `count` sibling values starting at node `first`. */
static seismic_result _seismic_abi_typed_sequence(_seismic_abi_encoder *E, uint16_t index, uint32_t first, size_t count,
                                                  bool top) {
    const _seismic_abi_types *T = E->types;
    bool array = T->node[index].kind == SEISMIC_ABI_ARRAY;
    size_t start = E->out->len, head = start;
    seismic_result r;
    for (int pass = 0; pass < 2; pass++) {
        uint16_t element = (uint16_t)(index + 1);
        uint32_t node = first;
        for (size_t i = 0; i < count; i++) {
            const _seismic_abi_type *t = &T->node[element];
            if (top) E->arg_index = i, E->arg_type = element;
            if (pass == 0 && t->dynamic) {
                _seismic_abi_put_zeros(E->out, 32);
            } else if (pass == 0 || t->dynamic) {
                if (pass == 1) {
                    if (E->out->failed) return SEISMIC_ERR_NO_MEMORY;
                    _seismic_abi_store_u64(E->out->data + head, E->out->len - start);
                }
                if ((r = _seismic_abi_typed_value(E, element, node))) return r;
            }
            head += t->head;
            if (!array) element = t->end;
            node = E->nodes[node].end;
        }
        head = start;
    }
    return E->out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

static seismic_result _seismic_abi_typed_args(seismic_buf *out, size_t mark, const _seismic_abi_types *T,
                                              const seismic_abi_args *args, seismic_error *err) {
    _seismic_abi_encoder E;
    seismic_abi_args none;
    memset(&none, 0, sizeof none);
    if (!args) args = &none;
    seismic_result r = SEISMIC_OK;
    if (args->_nodes.failed || args->_bytes.failed) r = _seismic_abi_out_of_memory(err);
    else if (args->_misused || args->_depth)
        r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: arrays and tuples of the arguments are not closed in order");
    else if (args->_count != T->node[0].count)
        r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: expected %u arguments, got %u", (unsigned)T->node[0].count,
                          (unsigned)args->_count);
    if (r) {
        if (!out->failed) out->len = mark;
        return r;
    }
    memset(&E, 0, sizeof E);
    E.types = T;
    E.out = out;
    E.nodes = (const _seismic_abi_arg *)(const void *)args->_nodes.data;
    E.bytes = args->_bytes.data;
    r = _seismic_abi_typed_sequence(&E, 0, 0, args->_count, true);
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

SEISMIC_API seismic_result seismic_abi_encode(const char *types, const seismic_abi_args *args, seismic_buf *out,
                                              seismic_error *err) {
    _seismic_abi_types T;
    seismic_result r = _seismic_abi_parse_type_list(types, &T, err);
    return r ? r : _seismic_abi_typed_args(out, out->len, &T, args, err);
}

SEISMIC_API seismic_result seismic_abi_encode_call(const char *signature, const seismic_abi_args *args,
                                                   seismic_buf *out, seismic_error *err) {
    _seismic_abi_types T;
    size_t mark = out->len;
    seismic_result r = _seismic_abi_put_selector(out, signature, &T, err);
    return r ? r : _seismic_abi_typed_args(out, mark, &T, args, err);
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

SEISMIC_API seismic_result seismic_abi_decode_event(const char *signature, const uint8_t (*topics)[32], size_t topic_count,
                                                    const uint8_t *data, size_t len, seismic_abi_value *values,
                                                    size_t cap, size_t *count, seismic_error *err) {
    static const uint8_t nothing[1] = {0};
    _seismic_abi_types T;
    _seismic_abi_params P;
    _seismic_abi_decoder D;
    uint8_t topic0[32];
    size_t indexed = 0, heads = 0, topic = 0;
    if (count) *count = 0;
    seismic_result r = _seismic_abi_parse_signature_params(signature, &T, &P, err);
    if (r) return r;
    if (T.outputs) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: an event has no returns clause");
    if (!data && len) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: no data");
    if (!topics && topic_count) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: no topics");
    for (uint16_t i = 0; i < P.count; i++) {
        if (P.param[i].indexed) indexed++;
        else heads += T.node[P.param[i].node].head;
    }
    if (!P.anonymous) {
        if ((r = seismic_abi_event_topic(signature, topic0, err))) return r;
        if (topic_count == 0 || memcmp(topics[0], topic0, 32) != 0)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "abi: topic 0 is not the topic of %.*s", (int)T.name_len, T.name);
        topic = 1;
    }
    if (topic_count != topic + indexed)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "abi: the log has %zu topics, the event needs %zu", topic_count,
                             topic + indexed);
    memset(&D, 0, sizeof D);
    D.types = &T;
    D.data = data ? data : nothing;
    D.len = len;
    D.values = values;
    D.cap = values ? cap : 0;
    D.budget = (len / 32 + 1) * (SEISMIC_ABI_MAX_DEPTH + 2) + P.count + 1;
    D.err = err;
    if (heads > len) return _seismic_abi_malformed(&D, 0, "truncated data");
    seismic_abi_value top;
    memset(&top, 0, sizeof top);
    top.kind = SEISMIC_ABI_TUPLE;
    top.count = P.count;
    top.data = D.data;
    top.len = heads;
    D.count = 1;
    size_t head = 0;
    for (uint16_t i = 0; i < P.count; i++) {
        const _seismic_abi_type *t = &T.node[P.param[i].node];
        if (P.param[i].indexed) { /* one value from the topic: the word itself, or the hash of a dynamic value */
            const uint8_t *word = topics[topic++];
            seismic_abi_value v;
            bool elementary = t->kind != SEISMIC_ABI_ARRAY && t->kind != SEISMIC_ABI_TUPLE && !t->dynamic;
            const char *problem = elementary ? _seismic_abi_word_problem(t, word) : NULL;
            if (problem)
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "abi: topic %zu: %s", topic - 1, problem);
            memset(&v, 0, sizeof v);
            v.kind = elementary ? t->kind : (uint8_t)SEISMIC_ABI_FIXED_BYTES;
            v.bits = elementary ? t->bits : 256;
            v.data = word;
            v.len = 32;
            v.end = (uint32_t)(D.count + 1);
            if (D.count < D.cap) values[D.count] = v;
            D.count++;
            continue;
        }
        if (t->dynamic) {
            uint64_t offset;
            if (!_seismic_abi_word_u64(D.data + head, &offset) || offset > len)
                return _seismic_abi_malformed(&D, head, "offset past the end of the data");
            r = _seismic_abi_decode_value(&D, P.param[i].node, (size_t)offset);
        } else {
            r = _seismic_abi_decode_value(&D, P.param[i].node, head);
        }
        if (r) return r;
        head += t->head;
    }
    top.end = (uint32_t)D.count;
    if (D.cap > 0) values[0] = top;
    if (count) *count = D.count;
    if (D.count > D.cap)
        return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "abi: %zu values need decoding, room for %zu", D.count, D.cap);
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_param_name(const char *signature, size_t index, seismic_buf *out,
                                                  seismic_error *err) {
    _seismic_abi_types T;
    _seismic_abi_params P;
    seismic_result r = _seismic_abi_parse_signature_params(signature, &T, &P, err);
    if (r) return r;
    if (index >= P.count)
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi: %.*s has %u inputs", (int)T.name_len, T.name,
                             (unsigned)P.count);
    seismic_buf_append(out, P.param[index].name, P.param[index].name_len);
    return out->failed ? _seismic_abi_out_of_memory(err) : SEISMIC_OK;
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

SEISMIC_API seismic_result seismic_abi_value_address(const seismic_abi_value *value, seismic_address *out) {
    if (value->kind != SEISMIC_ABI_ADDRESS || value->len != 32) return SEISMIC_ERR_INVALID_ARGUMENT;
    memcpy(out->bytes, value->data + 12, 20);
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

/* Scans a string body from *pos (just after the opening quote, or where an earlier call stopped). Returns
   1 with *pos at the closing quote; 0 on failure, *pos at the problem and *what saying what it is; -1 when
   the input ends first and more may come (!final): *pos is where to resume, at the start of an escape or
   UTF-8 sequence cut short, so nothing is scanned twice but those few bytes. */
static int _seismic_json_scan_string(const uint8_t *s, size_t len, bool final, size_t *pos, uint8_t *flags,
                                     const char **what) {
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
        if (p >= len) break;
        uint8_t c = s[p];
        if (c == '"') {
            *pos = p;
            return 1;
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
                return 0;
            }
            if (len - p < 6 && !final) break;
            int32_t unit = len - p >= 6 ? _seismic_json_hex4(s + p + 2) : -1;
            if (unit < 0) {
                *pos = p;
                *what = "invalid \\u escape";
                return 0;
            }
            if (unit >= 0xdc00 && unit <= 0xdfff) {
                *pos = p;
                *what = "lone low surrogate";
                return 0;
            }
            if (unit >= 0xd800 && unit <= 0xdbff) {
                if (len - p < 12 && !final) break;
                int32_t low = len - p >= 12 && s[p + 6] == '\\' && s[p + 7] == 'u' ? _seismic_json_hex4(s + p + 8) : -1;
                if (low < 0xdc00 || low > 0xdfff) {
                    *pos = p;
                    *what = "high surrogate not followed by a low surrogate";
                    return 0;
                }
                p += 6;
            }
            p += 6;
            continue;
        }
        if (c < 0x20) {
            *pos = p;
            *what = "control character in string";
            return 0;
        }
        size_t n = _seismic_json_utf8_len(s + p, len - p);
        if (!n) {
            if (len - p < 4 && !final) break;
            *pos = p;
            *what = "invalid UTF-8";
            return 0;
        }
        p += n;
    }
    *pos = p;
    if (!final) return -1;
    *what = "unterminated string";
    return 0;
}

static bool _seismic_json_is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

enum { /* where a number's scan stands (RFC 8259 grammar) */
    _SEISMIC_JN_SIGN,      /* after '-': a digit must follow */
    _SEISMIC_JN_ZERO,      /* integer part "0": no digit may follow */
    _SEISMIC_JN_INT,       /* in the integer digits */
    _SEISMIC_JN_POINT,     /* after '.': a digit must follow */
    _SEISMIC_JN_FRACTION,  /* in the fraction digits */
    _SEISMIC_JN_E,         /* after 'e': a sign or a digit */
    _SEISMIC_JN_E_SIGN,    /* after the exponent's sign: a digit */
    _SEISMIC_JN_EXPONENT,  /* in the exponent digits */
};

/* Advances a number's scan over s[*pos..len). Returns 1 with *pos just past the number, 0 on failure
   (*what says why, *pos is at the problem), -1 when the input ends inside it and more may come. */
static int _seismic_json_scan_number(const uint8_t *s, size_t len, bool final, size_t *pos, uint8_t *phase,
                                     const char **what) {
    size_t p = *pos;
    for (; p < len; p++) {
        uint8_t c = s[p];
        bool digit = _seismic_json_is_digit(c);
        switch (*phase) {
        case _SEISMIC_JN_SIGN:
            if (!digit) goto fail;
            *phase = c == '0' ? _SEISMIC_JN_ZERO : _SEISMIC_JN_INT;
            continue;
        case _SEISMIC_JN_ZERO:
        case _SEISMIC_JN_INT:
            if (digit) {
                if (*phase == _SEISMIC_JN_ZERO) goto fail;
                continue;
            }
            if (c == '.') *phase = _SEISMIC_JN_POINT;
            else if (c == 'e' || c == 'E') *phase = _SEISMIC_JN_E;
            else goto done;
            continue;
        case _SEISMIC_JN_POINT:
            if (!digit) goto fail;
            *phase = _SEISMIC_JN_FRACTION;
            continue;
        case _SEISMIC_JN_FRACTION:
            if (digit) continue;
            if (c == 'e' || c == 'E') *phase = _SEISMIC_JN_E;
            else goto done;
            continue;
        case _SEISMIC_JN_E:
            if (c == '+' || c == '-') {
                *phase = _SEISMIC_JN_E_SIGN;
                continue;
            }
            if (!digit) goto fail;
            *phase = _SEISMIC_JN_EXPONENT;
            continue;
        case _SEISMIC_JN_E_SIGN:
            if (!digit) goto fail;
            *phase = _SEISMIC_JN_EXPONENT;
            continue;
        default: /* _SEISMIC_JN_EXPONENT */
            if (!digit) goto done;
            continue;
        }
    }
    *pos = p;
    if (!final) return -1;
    if (*phase == _SEISMIC_JN_SIGN || *phase == _SEISMIC_JN_POINT || *phase >= _SEISMIC_JN_E) {
        if (*phase != _SEISMIC_JN_EXPONENT) goto fail;
    }
done:
    *pos = p;
    return 1;
fail:
    *pos = p;
    *what = *phase == _SEISMIC_JN_SIGN ? "expected a digit in number"
            : *phase == _SEISMIC_JN_ZERO ? "leading zero in number"
            : *phase == _SEISMIC_JN_POINT ? "expected a digit after the decimal point"
                                          : "expected a digit in exponent";
    return 0;
}

static seismic_result _seismic_json_parse_error(seismic_error *err, size_t offset, const char *what) {
    return _seismic_fail(err, SEISMIC_ERR_PARSE, "json: %s at offset %zu", what, offset);
}

/* A string's raw text (escapes in place, as flags say) compared with s[0..n) (below, with the readers). */
static bool _seismic_json_text_equals(const char *p, size_t len, uint8_t flags, const char *s, size_t n);

/* Members of a JSON-RPC message that the engine reads, found while tokenizing so that no step after the
   last byte has to search a response: values of the root object's keys, and of the keys of its "error"
   and "params" objects. */
enum {
    _SEISMIC_JM_ID, _SEISMIC_JM_RESULT, _SEISMIC_JM_ERROR, _SEISMIC_JM_METHOD, _SEISMIC_JM_PARAMS, /* root */
    _SEISMIC_JM_CODE, _SEISMIC_JM_MESSAGE, _SEISMIC_JM_DATA,                                     /* error */
    _SEISMIC_JM_SUBSCRIPTION, _SEISMIC_JM_PARAMS_RESULT,                                         /* params */
    _SEISMIC_JM_COUNT
};

enum { /* where the tokenizer stands */
    _SEISMIC_JS_VALUE,   /* a value is expected (whitespace first) */
    _SEISMIC_JS_OPENED,  /* just after '{' or '[' */
    _SEISMIC_JS_KEY,     /* a key is expected */
    _SEISMIC_JS_COLON,   /* after a key */
    _SEISMIC_JS_AFTER,   /* after a value: ',', a closing bracket, or the end */
    _SEISMIC_JS_STRING,  /* inside a string (a value or a key) */
    _SEISMIC_JS_NUMBER,
    _SEISMIC_JS_LITERAL, /* true, false, null: waits until all its letters are there */
    _SEISMIC_JS_DONE,
    _SEISMIC_JS_FAILED
};

/* A tokenizer that takes a document as its bytes arrive and resumes where it stopped: every byte is looked
   at once (a cut escape, UTF-8 sequence or literal is looked at again, at most 12 bytes), so the work of a
   call is proportional to the bytes it is given, never to the document. Tokens go into a caller's array
   (cap, max_tokens 0: counting on past it, as seismic_json_parse does) or into memory it grows up to
   max_tokens (refused past that). With split, the elements of a top-level array (a batch) are tokenized
   as documents of their own: each element's tokens count from its first token and its offsets from its
   first byte, so that an element is a seismic_json by itself, and the stream stops after each one
   (element_done) with its members found. */
typedef struct _seismic_json_stream {
    seismic_json_token *tokens;
    size_t cap;        /* tokens available */
    size_t count;      /* tokens produced (may pass cap in counting mode) */
    size_t max_tokens; /* growable when nonzero */
    seismic_allocator allocator;
    _seismic_grow grow;   /* growable: the block the tokens are moving to */
    bool split;
    bool batch;           /* split, and the document is an array */
    /* results */
    seismic_error error;  /* a failure: the stream stays failed */
    bool element_done;    /* split: an element of the top-level array was completed by the last feed */
    uint32_t element_token, element_offset, element_count, element_len; /* that element (or the document) */
    int32_t member[_SEISMIC_JM_COUNT]; /* token indices relative to the element/document, -1 when absent */
    /* private */
    size_t pos;           /* the next byte to look at */
    uint8_t state, phase, flags;
    bool key;             /* the string being scanned is a key */
    bool in_object;
    bool in_element;      /* split: inside an element of the top-level array */
    uint8_t pending;      /* the next value is this member (or _SEISMIC_JM_COUNT) */
    uint8_t role;         /* the member whose object is open one level below the root (ERROR, PARAMS or COUNT) */
    uint32_t depth;
    uint32_t tok;         /* the token being scanned */
    uint32_t token_base, offset_base; /* of the current element (0 outside split elements) */
    uint32_t open_index[SEISMIC_JSON_MAX_DEPTH];
    bool is_object[SEISMIC_JSON_MAX_DEPTH];
    seismic_json_token overflow;
} _seismic_json_stream;

static void _seismic_json_stream_members_reset(_seismic_json_stream *st) {
    for (int m = 0; m < _SEISMIC_JM_COUNT; m++) st->member[m] = -1;
    st->pending = st->role = _SEISMIC_JM_COUNT;
}

/* Starts a document. Growable streams keep their memory for the next one. */
static void _seismic_json_stream_reset(_seismic_json_stream *st) {
    _seismic_grow_drop(&st->allocator, &st->grow, false); /* the tokens are whole where they are */
    st->count = st->pos = 0;
    st->state = _SEISMIC_JS_VALUE;
    st->depth = 0;
    st->in_object = st->in_element = st->element_done = st->batch = false;
    st->token_base = st->offset_base = 0;
    st->element_token = st->element_offset = st->element_count = st->element_len = 0;
    st->error.result = SEISMIC_OK;
    st->error.message[0] = 0;
    _seismic_json_stream_members_reset(st);
}

static void _seismic_json_stream_init(_seismic_json_stream *st, seismic_json_token *tokens, size_t cap,
                                      size_t max_tokens, seismic_allocator allocator, bool split) {
    memset(st, 0, sizeof *st);
    st->tokens = tokens;
    st->cap = cap;
    st->max_tokens = max_tokens;
    st->allocator = allocator;
    st->split = split;
    _seismic_json_stream_reset(st);
}

static void _seismic_json_stream_free(_seismic_json_stream *st) {
    _seismic_grow_drop(&st->allocator, &st->grow, false);
    if (st->max_tokens) _seismic_free(&st->allocator, st->tokens);
    st->tokens = NULL;
    st->cap = 0;
}

/* The token at absolute index i (the overflow slot past a caller's array). */
static seismic_json_token *_seismic_json_stream_at(_seismic_json_stream *st, size_t i) {
    return i < st->cap ? &st->tokens[i] : &st->overflow;
}

/* Room for one more token; false (error set) when a growable stream would pass max_tokens: the tokens
   held, with the block they grow into, stay within it. Growth moves them a few at a time (_seismic_grow). */
static bool _seismic_json_stream_room(_seismic_json_stream *st) {
    const size_t size = sizeof(seismic_json_token);
    if (!st->max_tokens) return true;
    if (!st->grow.next && st->count < (st->cap * size >= _SEISMIC_GROW_EARLY ? st->cap / 2 : st->cap)) return true;
    size_t held = st->cap * size, max = st->max_tokens * size > held ? st->max_tokens * size - held : 0;
    if (st->count == st->cap && (st->count + 1) * size > max) {
        _seismic_fail(&st->error, SEISMIC_ERR_CAPACITY,
                      "json: a document of more than %zu values: its tokens would take more than %zu bytes", st->count,
                      st->max_tokens * size);
        return false;
    }
    uint8_t *data = (uint8_t *)st->tokens;
    size_t cap = held;
    if (st->count < st->cap && max < held) max = held; /* no block beyond the limit: the tokens stay where they are */
    if (!_seismic_grow_reserve(&st->allocator, &st->grow, &data, &cap, st->count * size, size, max, false)) {
        _seismic_fail(&st->error, SEISMIC_ERR_NO_MEMORY, "json: out of memory for %zu tokens", st->count + 1);
        return false;
    }
    st->tokens = (seismic_json_token *)data;
    st->cap = cap / size;
    return true;
}

/* The member a key names, given where it stands: keys of the root object, and of its error/params objects. */
static uint8_t _seismic_json_member_of(const _seismic_json_stream *st, const char *key, size_t len, uint8_t flags) {
    static const char *const root[] = {"id", "result", "error", "method", "params"};
    static const char *const error[] = {"code", "message", "data"};
    static const char *const params[] = {"subscription", "result"};
    uint32_t level = st->depth - (st->in_element ? 1u : 0u); /* 1: the root object's keys */
    const char *const *names = root;
    size_t n = 5;
    uint8_t first = _SEISMIC_JM_ID;
    if (level == 2 && st->role == _SEISMIC_JM_ERROR) names = error, n = 3, first = _SEISMIC_JM_CODE;
    else if (level == 2 && st->role == _SEISMIC_JM_PARAMS) names = params, n = 2, first = _SEISMIC_JM_SUBSCRIPTION;
    else if (level != 1) return _SEISMIC_JM_COUNT;
    for (size_t i = 0; i < n; i++) {
        uint8_t m = (uint8_t)(first + i);
        if (st->member[m] < 0 && _seismic_json_text_equals(key, len, flags, names[i], strlen(names[i]))) return m;
    }
    return _SEISMIC_JM_COUNT;
}

/* A token starts at absolute index count: its start and end are stored relative to the element. */
static void _seismic_json_stream_begin(_seismic_json_stream *st, seismic_json_token *tok, uint8_t type, size_t start) {
    tok->type = type;
    tok->flags = 0;
    tok->start = (uint32_t)(start - st->offset_base);
    tok->len = 0;
    tok->end = 0;
}

static void _seismic_json_stream_fail(_seismic_json_stream *st, size_t offset, const char *what) {
    _seismic_json_parse_error(&st->error, offset, what);
}

/* A value is complete (scalar end or container close) at depth st->depth. */
/* Ends the string or number token being scanned at pos (the offset of its closing quote or its end). */
static seismic_json_token *_seismic_json_stream_close(_seismic_json_stream *st, size_t pos) {
    seismic_json_token *tok = _seismic_json_stream_at(st, st->tok);
    tok->len = (uint32_t)(pos - (tok->start + st->offset_base));
    tok->end = (uint32_t)(st->tok + 1 - st->token_base);
    return tok;
}

static void _seismic_json_stream_value_done(_seismic_json_stream *st, size_t end_offset) {
    if (st->in_element && st->depth == 1) {
        st->in_element = false;
        st->element_done = true;
        st->element_token = st->token_base;
        st->element_offset = st->offset_base;
        st->element_count = (uint32_t)(st->count - st->token_base);
        st->element_len = (uint32_t)(end_offset - st->offset_base);
        st->token_base = st->offset_base = 0;
    } else if (st->depth == 0 && !st->batch) {
        st->element_count = (uint32_t)st->count;
        st->element_len = (uint32_t)end_offset;
    }
    st->state = _SEISMIC_JS_AFTER;
}

/* Feeds the document's first len bytes (s may move between calls; the bytes before st->pos must not
   change). final: len is the whole document. Returns the stream's result; SEISMIC_OK with state DONE when
   a final feed completed the document; with element_done set, call again to go on. */
static seismic_result _seismic_json_stream_feed(_seismic_json_stream *st, const uint8_t *s, size_t len, bool final) {
    size_t pos = st->pos;
    const char *what = NULL;
    seismic_json_token *tok;
    int scanned;
    st->element_done = false;
    if (st->state == _SEISMIC_JS_FAILED) return st->error.result;
    if (len > UINT32_MAX) {
        _seismic_fail(&st->error, SEISMIC_ERR_INVALID_ARGUMENT, "json: input longer than 4 GiB");
        goto failed;
    }
    for (;;) {
        switch (st->state) {
        case _SEISMIC_JS_VALUE:
            pos = _seismic_json_skip_ws(s, pos, len);
            if (pos >= len) {
                if (!final) goto suspend;
                _seismic_json_stream_fail(st, pos, "unexpected end of input, expected a value");
                goto failed;
            }
            if (st->batch && st->depth == 1 && !st->in_element) {
                st->in_element = true;
                st->token_base = (uint32_t)st->count;
                st->offset_base = (uint32_t)pos;
                _seismic_json_stream_members_reset(st);
            }
            if (s[pos] == ']' || s[pos] == ',' || s[pos] == '}' || s[pos] == ':') {
                if (s[pos] == ']' && st->depth && !st->in_object) _seismic_json_stream_fail(st, pos, "trailing comma in array");
                else _seismic_json_stream_fail(st, pos, st->depth ? "expected a value" : "unexpected character");
                goto failed;
            }
            if (!_seismic_json_stream_room(st)) goto failed;
            if (st->pending != _SEISMIC_JM_COUNT) {
                st->member[st->pending] = (int32_t)(st->count - st->token_base);
                bool nested = st->pending == _SEISMIC_JM_ERROR || st->pending == _SEISMIC_JM_PARAMS;
                if (s[pos] == '{') st->role = nested ? st->pending : (uint8_t)_SEISMIC_JM_COUNT;
                st->pending = _SEISMIC_JM_COUNT;
            } else if (s[pos] == '{' && st->depth - (st->in_element ? 1u : 0u) == 1) {
                st->role = _SEISMIC_JM_COUNT;
            }
            st->tok = (uint32_t)st->count;
            tok = _seismic_json_stream_at(st, st->count);
            switch (s[pos]) {
            case '"':
                _seismic_json_stream_begin(st, tok, SEISMIC_JSON_STRING, pos + 1);
                st->count++;
                st->key = false;
                st->flags = 0;
                pos++;
                st->state = _SEISMIC_JS_STRING;
                continue;
            case '{': case '[':
                if (st->depth == SEISMIC_JSON_MAX_DEPTH) {
                    _seismic_fail(&st->error, SEISMIC_ERR_TOO_DEEP, "json: nested deeper than %d at offset %zu",
                                  SEISMIC_JSON_MAX_DEPTH, pos);
                    goto failed;
                }
                st->in_object = s[pos] == '{';
                if (st->split && st->depth == 0 && !st->in_object) st->batch = true;
                _seismic_json_stream_begin(st, tok, st->in_object ? SEISMIC_JSON_OBJECT : SEISMIC_JSON_ARRAY, pos);
                st->open_index[st->depth] = (uint32_t)st->count;
                st->is_object[st->depth++] = st->in_object;
                st->count++;
                pos++;
                st->state = _SEISMIC_JS_OPENED;
                continue;
            case 't': case 'f': case 'n':
                st->state = _SEISMIC_JS_LITERAL;
                continue;
            case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                _seismic_json_stream_begin(st, tok, SEISMIC_JSON_NUMBER, pos);
                st->count++;
                st->phase = s[pos] == '-' ? _SEISMIC_JN_SIGN : s[pos] == '0' ? _SEISMIC_JN_ZERO : _SEISMIC_JN_INT;
                pos++;
                st->state = _SEISMIC_JS_NUMBER;
                continue;
            default:
                _seismic_json_stream_fail(st, pos, "unexpected character");
                goto failed;
            }
        case _SEISMIC_JS_OPENED:
            pos = _seismic_json_skip_ws(s, pos, len);
            if (pos >= len && !final) goto suspend;
            if (pos < len && s[pos] == (st->in_object ? '}' : ']')) goto close;
            st->state = st->in_object ? _SEISMIC_JS_KEY : _SEISMIC_JS_VALUE;
            continue;
        case _SEISMIC_JS_KEY:
            pos = _seismic_json_skip_ws(s, pos, len);
            if (pos >= len && !final) goto suspend;
            if (pos >= len || s[pos] != '"') {
                _seismic_json_stream_fail(st, pos, pos < len && s[pos] == '}' ? "trailing comma in object" : "expected a string key");
                goto failed;
            }
            if (!_seismic_json_stream_room(st)) goto failed;
            st->tok = (uint32_t)st->count;
            _seismic_json_stream_begin(st, _seismic_json_stream_at(st, st->count), SEISMIC_JSON_STRING, pos + 1);
            st->count++;
            st->key = true;
            st->flags = 0;
            pos++;
            st->state = _SEISMIC_JS_STRING;
            continue;
        case _SEISMIC_JS_STRING:
            scanned = _seismic_json_scan_string(s, len, final, &pos, &st->flags, &what);
            if (scanned < 0) goto suspend;
            if (scanned == 0) {
                _seismic_json_stream_fail(st, pos, what);
                goto failed;
            }
            tok = _seismic_json_stream_close(st, pos);
            tok->flags = st->flags;
            pos++;
            if (st->key) {
                st->pending = _seismic_json_member_of(st, (const char *)s + tok->start + st->offset_base, tok->len, tok->flags);
                st->state = _SEISMIC_JS_COLON;
                continue;
            }
            _seismic_json_stream_value_done(st, pos);
            if (st->element_done) goto element;
            continue;
        case _SEISMIC_JS_NUMBER:
            scanned = _seismic_json_scan_number(s, len, final, &pos, &st->phase, &what);
            if (scanned < 0) goto suspend;
            if (scanned == 0) {
                _seismic_json_stream_fail(st, pos, what);
                goto failed;
            }
            _seismic_json_stream_close(st, pos);
            _seismic_json_stream_value_done(st, pos);
            if (st->element_done) goto element;
            continue;
        case _SEISMIC_JS_LITERAL: {
            static const char *const words[3] = {"true", "false", "null"};
            static const uint8_t types[3] = {SEISMIC_JSON_TRUE, SEISMIC_JSON_FALSE, SEISMIC_JSON_NULL};
            int w = s[pos] == 't' ? 0 : s[pos] == 'f' ? 1 : 2;
            size_t n = strlen(words[w]);
            if (len - pos < n && !final) goto suspend;
            if (len - pos < n || memcmp(s + pos, words[w], n) != 0) {
                _seismic_json_stream_fail(st, pos, "invalid literal");
                goto failed;
            }
            tok = _seismic_json_stream_at(st, st->tok);
            _seismic_json_stream_begin(st, tok, types[w], pos);
            tok->len = (uint32_t)n;
            tok->end = (uint32_t)(st->tok + 1 - st->token_base);
            st->count++;
            pos += n;
            _seismic_json_stream_value_done(st, pos);
            if (st->element_done) goto element;
            continue;
        }
        case _SEISMIC_JS_COLON:
            pos = _seismic_json_skip_ws(s, pos, len);
            if (pos >= len && !final) goto suspend;
            if (pos >= len || s[pos] != ':') {
                _seismic_json_stream_fail(st, pos, "expected ':' after key");
                goto failed;
            }
            pos++;
            st->state = _SEISMIC_JS_VALUE;
            continue;
        case _SEISMIC_JS_AFTER:
            pos = _seismic_json_skip_ws(s, pos, len);
            if (st->depth == 0) {
                if (pos < len) {
                    _seismic_json_stream_fail(st, pos, "more text after the top-level value");
                    goto failed;
                }
                if (!final) goto suspend;
                st->state = _SEISMIC_JS_DONE;
                st->pos = pos;
                _seismic_grow_drop(&st->allocator, &st->grow, false);
                if (st->max_tokens == 0 && st->count > st->cap)
                    return _seismic_fail(&st->error, SEISMIC_ERR_CAPACITY, "json: %zu tokens needed, %zu available",
                                         st->count, st->cap);
                return SEISMIC_OK;
            }
            if (pos >= len) {
                if (!final) goto suspend;
                _seismic_json_stream_fail(st, pos, st->in_object ? "unclosed object" : "unclosed array");
                goto failed;
            }
            if (s[pos] == ',') {
                pos++;
                st->state = st->in_object ? _SEISMIC_JS_KEY : _SEISMIC_JS_VALUE;
                continue;
            }
            if (s[pos] != (st->in_object ? '}' : ']')) {
                _seismic_json_stream_fail(st, pos, st->in_object ? "expected ',' or '}'" : "expected ',' or ']'");
                goto failed;
            }
            goto close;
        case _SEISMIC_JS_DONE:
            return st->error.result;
        default:
            goto failed;
        }
    close: {
        uint32_t open = st->open_index[--st->depth];
        if (open < st->cap) {
            seismic_json_token *t = &st->tokens[open];
            uint32_t base = st->in_element || st->depth > 0 ? st->token_base : 0;
            t->len = (uint32_t)(pos + 1 - (t->start + st->offset_base));
            t->end = (uint32_t)(st->count - base);
            if (open * sizeof *t < st->grow.moved) memcpy(st->grow.next + open * sizeof *t, t, sizeof *t); /* moved already */
        }
        pos++;
        st->in_object = st->depth > 0 && st->is_object[st->depth - 1];
        _seismic_json_stream_value_done(st, pos);
        if (st->element_done) goto element;
        continue;
    }
    }
element:
    st->pos = pos;
    return SEISMIC_OK;
suspend:
    st->pos = pos;
    return SEISMIC_OK;
failed:
    st->pos = pos;
    st->state = _SEISMIC_JS_FAILED;
    _seismic_grow_drop(&st->allocator, &st->grow, false);
    return st->error.result;
}

SEISMIC_API seismic_result seismic_json_parse(seismic_json *json, const char *text, size_t len,
                                              seismic_json_token *tokens, size_t cap, seismic_error *err) {
    _seismic_json_stream st;
    seismic_allocator none = {NULL, NULL, NULL};
    _seismic_json_stream_init(&st, tokens, cap, 0, none, false);
    seismic_result r = _seismic_json_stream_feed(&st, (const uint8_t *)text, len, true);
    json->text = text;
    json->len = len;
    json->tokens = tokens;
    json->count = r == SEISMIC_OK || r == SEISMIC_ERR_CAPACITY ? st.count : 0;
    if (r == SEISMIC_ERR_CAPACITY) json->tokens = NULL; /* so navigation finds nothing rather than reading past cap */
    if (r && err) *err = st.error;
    return r;
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

static bool _seismic_json_text_equals(const char *p, size_t len, uint8_t flags, const char *s, size_t n) {
    const char *end = p + len;
    if (!(flags & SEISMIC_JSON_FLAG_ESCAPES)) return len == n && memcmp(p, s, n) == 0;
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

static bool _seismic_json_equals_n(const seismic_json *json, const seismic_json_token *t, const char *s, size_t n) {
    return _seismic_json_text_equals(json->text + t->start, t->len, t->flags, s, n);
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
    if (t->len / 6 >= cap) return SEISMIC_ERR_CAPACITY; /* decodes to at least len / 6 bytes: not read through */
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

/* A libsecp256k1 context in memory we own: no process-wide state, no heap (a libsecp256k1 whose context
   outgrows the storage makes signing fail rather than call malloc). Making one runs libsecp256k1's
   self-test (about 2% of a signature), so an owner that signs or derives keys again and again (a wallet)
   keeps one, blinded from the CSPRNG; the free functions below make an unblinded one per call. */
typedef struct _seismic_secp {
    secp256k1_context *ctx;
    union {
        uint8_t bytes[1024];
        uint64_t align;
    } storage;
} _seismic_secp;

static secp256k1_context *_seismic_secp_begin(_seismic_secp *s) {
    s->ctx = secp256k1_context_preallocated_size(SECP256K1_CONTEXT_NONE) <= sizeof s->storage
                 ? secp256k1_context_preallocated_create(s->storage.bytes, SECP256K1_CONTEXT_NONE)
                 : NULL;
    return s->ctx;
}

static void _seismic_secp_end(_seismic_secp *s) { secp256k1_context_preallocated_destroy(s->ctx); }

/* A context an owner keeps: its scalar blinding (libsecp256k1's side-channel countermeasure) comes from the
   CSPRNG and is as secret as a key, so the owner ends it with _seismic_secp_wipe. */
static seismic_result _seismic_secp_keep(_seismic_secp *s) {
    uint8_t seed[32];
    if (!_seismic_secp_begin(s)) return SEISMIC_ERR_NO_MEMORY;
    seismic_result r = seismic_random_bytes(seed, sizeof seed);
    if (r == SEISMIC_OK && !secp256k1_context_randomize(s->ctx, seed)) r = SEISMIC_ERR_CRYPTO;
    seismic_wipe(seed, sizeof seed);
    if (r) {
        _seismic_secp_end(s);
        seismic_wipe(s, sizeof *s);
    }
    return r;
}

static void _seismic_secp_wipe(_seismic_secp *s) {
    if (s->ctx) _seismic_secp_end(s);
    seismic_wipe(s, sizeof *s);
}

SEISMIC_API seismic_result seismic_private_key_from_bytes(const uint8_t bytes[32], seismic_private_key *key) {
    if (!secp256k1_ec_seckey_verify(secp256k1_context_static, bytes)) return SEISMIC_ERR_INVALID_ARGUMENT;
    memcpy(key->bytes, bytes, 32);
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_private_key_from_hex(const char *hex, seismic_private_key *key) {
    uint8_t bytes[32];
    seismic_result r = seismic_hex_decode(hex, strlen(hex), bytes, 32, NULL);
    if (r == SEISMIC_OK) r = seismic_private_key_from_bytes(bytes, key);
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

/* With a kept context (kept NULL: one made for this call). */
static seismic_result _seismic_public_key(const _seismic_secp *kept, const seismic_private_key *key, uint8_t *out,
                                          size_t len, unsigned flags) {
    _seismic_secp own;
    const secp256k1_context *ctx = kept ? kept->ctx : _seismic_secp_begin(&own);
    secp256k1_pubkey pub;
    seismic_result r = SEISMIC_ERR_CRYPTO;
    if (ctx && secp256k1_ec_pubkey_create(ctx, &pub, key->bytes)) {
        secp256k1_ec_pubkey_serialize(ctx, out, &len, &pub, flags);
        r = SEISMIC_OK;
    }
    if (!kept && ctx) _seismic_secp_end(&own);
    return r;
}

SEISMIC_API seismic_result seismic_public_key(const seismic_private_key *key, uint8_t out[65]) {
    return _seismic_public_key(NULL, key, out, 65, SECP256K1_EC_UNCOMPRESSED);
}

SEISMIC_API seismic_result seismic_public_key_compressed(const seismic_private_key *key, uint8_t out[33]) {
    return _seismic_public_key(NULL, key, out, 33, SECP256K1_EC_COMPRESSED);
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

static seismic_result _seismic_private_key_address(const _seismic_secp *kept, const seismic_private_key *key,
                                                   seismic_address *out) {
    uint8_t pub[65];
    seismic_result r = _seismic_public_key(kept, key, pub, 65, SECP256K1_EC_UNCOMPRESSED);
    if (r == SEISMIC_OK) seismic_address_from_public_key(pub, out);
    return r;
}

SEISMIC_API seismic_result seismic_private_key_address(const seismic_private_key *key, seismic_address *out) {
    return _seismic_private_key_address(NULL, key, out);
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

/* With a kept context (kept NULL: one made for this call). */
static seismic_result _seismic_sign_hash(const _seismic_secp *kept, const seismic_private_key *key,
                                         const uint8_t hash[32], seismic_signature *out) {
    _seismic_secp own;
    const secp256k1_context *ctx = kept ? kept->ctx : _seismic_secp_begin(&own);
    secp256k1_ecdsa_recoverable_signature sig;
    uint8_t compact[64];
    int recid = 0;
    if (!ctx) return SEISMIC_ERR_NO_MEMORY;
    /* libsecp256k1 uses RFC 6979 and always produces low-S signatures. */
    int ok = secp256k1_ecdsa_sign_recoverable(ctx, &sig, hash, key->bytes, NULL, NULL);
    if (ok) secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact, &recid, &sig);
    if (!kept) _seismic_secp_end(&own);
    if (!ok) return SEISMIC_ERR_CRYPTO;
    memcpy(out->r, compact, 32);
    memcpy(out->s, compact + 32, 32);
    out->y_parity = (uint8_t)recid;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_sign_hash(const seismic_private_key *key, const uint8_t hash[32],
                                             seismic_signature *out) {
    return _seismic_sign_hash(NULL, key, hash, out);
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
    seismic_buf tmp = {NULL, 0, 0, false, {NULL, NULL, NULL}, false};
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
        if (seismic_hex_decode(value, strlen(value), word, 32, NULL))
            r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "eip712: field of type %s needs its 32-byte hashStruct",
                              type_z);
    } else {
        char tuple[80];
        snprintf(tuple, sizeof tuple, "(%s)", type_z);
        r = seismic_abi_encode_text(tuple, &value, 1, &tmp, err);
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

/* The AES-CTR and GHASH implementations GCM runs on. */
typedef struct _seismic_gcm_impl {
    const br_block_ctr_class *aes;
    br_ghash ghash;
} _seismic_gcm_impl;

/* AES-NI and PCLMUL when the CPU has them, else BearSSL's constant-time 64-bit code. Each probe runs CPUID,
   which traps to the hypervisor in a VM: an encryption state keeps the answer (enc NULL: probe now). */
static _seismic_gcm_impl _seismic_gcm_pick(const seismic_encryption *enc) {
    _seismic_gcm_impl impl;
    if (enc && enc->aes_impl && enc->ghash_impl) {
        impl.aes = (const br_block_ctr_class *)enc->aes_impl;
        impl.ghash = enc->ghash_impl;
        return impl;
    }
    impl.aes = br_aes_x86ni_ctr_get_vtable();
    impl.ghash = br_ghash_pclmul_get();
    if (!impl.aes) impl.aes = &br_aes_ct64_ctr_vtable;
    if (!impl.ghash) impl.ghash = &br_ghash_ctmul64;
    return impl;
}

static void _seismic_gcm_begin(_seismic_gcm *g, const _seismic_gcm_impl *impl, const uint8_t key[32],
                               const uint8_t nonce[12], const void *aad, size_t aad_len) {
    impl->aes->init(&g->keys.vtable, key, 32);
    br_gcm_init(&g->gcm, &g->keys.vtable, impl->ghash);
    br_gcm_reset(&g->gcm, nonce, 12);
    br_gcm_aad_inject(&g->gcm, aad, aad_len);
    br_gcm_flip(&g->gcm);
}

static void _seismic_gcm_seal(const _seismic_gcm_impl *impl, const uint8_t key[32], const uint8_t nonce[12],
                              const void *aad, size_t aad_len, const void *plaintext, size_t len, uint8_t *out) {
    _seismic_gcm g;
    _seismic_gcm_begin(&g, impl, key, nonce, aad, aad_len);
    if (len) memmove(out, plaintext, len);
    br_gcm_run(&g.gcm, 1, out, len);
    br_gcm_get_tag(&g.gcm, out + len);
    seismic_wipe(&g, sizeof g);
}

SEISMIC_API void seismic_aes_gcm_encrypt(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                                         size_t aad_len, const void *plaintext, size_t len, uint8_t *out) {
    _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
    _seismic_gcm_seal(&impl, key, nonce, aad, aad_len, plaintext, len, out);
}

static seismic_result _seismic_gcm_open(const _seismic_gcm_impl *impl, const uint8_t key[32], const uint8_t nonce[12],
                                        const void *aad, size_t aad_len, const void *ciphertext, size_t len,
                                        uint8_t *out) {
    if (len < 16) return SEISMIC_ERR_DECRYPT;
    _seismic_gcm g;
    const uint8_t *ct = (const uint8_t *)ciphertext;
    uint8_t tag[16];
    memcpy(tag, ct + len - 16, 16); /* out may alias ciphertext */
    _seismic_gcm_begin(&g, impl, key, nonce, aad, aad_len);
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

SEISMIC_API seismic_result seismic_aes_gcm_decrypt(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                                                   size_t aad_len, const void *ciphertext, size_t len, uint8_t *out) {
    _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
    return _seismic_gcm_open(&impl, key, nonce, aad, aad_len, ciphertext, len, out);
}

/* With a kept context for the key derivation (kept NULL: one made for this call). */
static seismic_result _seismic_encryption_init(seismic_encryption *enc, const _seismic_secp *kept,
                                               const seismic_private_key *client_secret, const uint8_t tee_public_key[33]) {
    seismic_result r;
    uint8_t shared[32];
    memset(enc, 0, sizeof *enc);
    if (tee_public_key[0] != 2 && tee_public_key[0] != 3) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (client_secret) enc->secret_key = *client_secret;
    else if ((r = seismic_private_key_generate(&enc->secret_key)) != SEISMIC_OK) return r;
    memcpy(enc->tee_public_key, tee_public_key, 33);
    r = _seismic_public_key(kept, &enc->secret_key, enc->public_key, 33, SECP256K1_EC_COMPRESSED);
    if (r == SEISMIC_OK) r = seismic_ecdh(&enc->secret_key, tee_public_key, 33, shared);
    if (r == SEISMIC_OK) {
        seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_REQUEST, enc->request_key);
        seismic_hkdf_sha256(shared, 32, SEISMIC_HKDF_INFO_RESPONSE, enc->response_key);
        _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
        enc->aes_impl = impl.aes;
        enc->ghash_impl = impl.ghash;
    }
    seismic_wipe(shared, sizeof shared);
    if (r) seismic_encryption_wipe(enc);
    return r;
}

SEISMIC_API seismic_result seismic_encryption_init(seismic_encryption *enc, const seismic_private_key *client_secret,
                                                   const uint8_t tee_public_key[33]) {
    return _seismic_encryption_init(enc, NULL, client_secret, tee_public_key);
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

static seismic_result _seismic_authorization_list_hash(const seismic_authorization *list, size_t count,
                                                       const seismic_allocator *allocator, uint8_t out[32]) {
    seismic_buf buf = {NULL, 0, 0, false, *allocator, false};
    _seismic_put_authorizations(&buf, list, count);
    seismic_result r = buf.failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
    if (r == SEISMIC_OK) seismic_keccak256(buf.data, buf.len, out);
    seismic_buf_free(&buf);
    return r;
}

SEISMIC_API seismic_result seismic_authorization_list_hash(const seismic_authorization *list, size_t count,
                                                           uint8_t out[32]) {
    seismic_allocator heap = {NULL, NULL, NULL};
    return _seismic_authorization_list_hash(list, count, &heap, out);
}

static seismic_result _seismic_buf_result(const seismic_buf *buf) {
    return buf->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

/* The longest AAD: its 11 items at their widest (185 bytes) under a 2-byte list header. */
#define _SEISMIC_AAD_MAX 187

SEISMIC_API void seismic_shielded_tx_aad(const seismic_shielded_tx *tx, const seismic_address *sender, seismic_buf *out) {
    seismic_buf_reserve(out, _SEISMIC_AAD_MAX); /* one allocation, not one per doubling */
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
    seismic_buf aad = {NULL, 0, 0, false, *_seismic_buf_allocator(out), false};
    seismic_shielded_tx_aad(tx, sender, &aad);
    seismic_result r = _seismic_buf_result(&aad);
    if (r == SEISMIC_OK && !seismic_buf_reserve(out, len + 16)) r = SEISMIC_ERR_NO_MEMORY;
    if (r == SEISMIC_OK) {
        _seismic_gcm_impl impl = _seismic_gcm_pick(enc);
        _seismic_gcm_seal(&impl, enc->request_key, tx->encryption_nonce, aad.data, aad.len, plaintext, len,
                          out->data + out->len);
        out->len += len + 16;
    }
    seismic_buf_free(&aad);
    return r;
}

/* Appends the AES-GCM opening of data (ct ‖ tag) to out. */
static seismic_result _seismic_gcm_open_into(const _seismic_gcm_impl *impl, const uint8_t key[32],
                                             const uint8_t nonce[12], const seismic_buf *aad, const uint8_t *data,
                                             size_t len, seismic_buf *out) {
    if (len < 16) return SEISMIC_ERR_DECRYPT;
    out->secret = true; /* it receives plaintext */
    if (!seismic_buf_reserve(out, len - 16)) return SEISMIC_ERR_NO_MEMORY;
    seismic_result r = _seismic_gcm_open(impl, key, nonce, aad->data, aad->len, data, len, out->data + out->len);
    if (r == SEISMIC_OK) out->len += len - 16;
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_decrypt(const seismic_shielded_tx *tx, const seismic_address *sender,
                                                       const uint8_t request_key[32], seismic_buf *out) {
    if (tx->input_len == 0) return SEISMIC_OK;
    seismic_buf aad = {NULL, 0, 0, false, *_seismic_buf_allocator(out), false};
    seismic_shielded_tx_aad(tx, sender, &aad);
    seismic_result r = _seismic_buf_result(&aad);
    _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
    if (r == SEISMIC_OK) r = _seismic_gcm_open_into(&impl, request_key, tx->encryption_nonce, &aad, tx->input, tx->input_len, out);
    seismic_buf_free(&aad);
    return r;
}

/* seismic_shielded_tx_decrypt_response with the implementations an encryption state picked (enc may be NULL). */
static seismic_result _seismic_decrypt_response(const seismic_encryption *enc, const seismic_shielded_tx *request,
                                                const seismic_address *sender, const uint8_t response_key[32],
                                                const uint8_t *data, size_t len, seismic_buf *out) {
    if (len == 0) return SEISMIC_OK; /* legacy empty result */
    _seismic_gcm_impl impl = _seismic_gcm_pick(enc);
    seismic_buf aad = {NULL, 0, 0, false, *_seismic_buf_allocator(out), false};
    seismic_shielded_tx_aad(request, sender, &aad);
    seismic_result r = _seismic_buf_result(&aad);
    if (r) goto done;
    if (len >= 29 && data[0] == 0x01) { /* v1 envelope: 01 ‖ IV ‖ ct ‖ tag with AAD ‖ 01 */
        seismic_buf_append_byte(&aad, 0x01);
        size_t before = out->len;
        r = _seismic_gcm_open_into(&impl, response_key, data + 1, &aad, data + 13, len - 13, out);
        if (r != SEISMIC_ERR_DECRYPT) goto done;
        out->len = before; /* not a v1 envelope after all: try the legacy form */
        aad.len--;
    }
    r = _seismic_gcm_open_into(&impl, response_key, request->encryption_nonce, &aad, data, len, out);
done:
    seismic_buf_free(&aad);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_decrypt_response(const seismic_shielded_tx *request,
                                                                const seismic_address *sender,
                                                                const uint8_t response_key[32], const uint8_t *data,
                                                                size_t len, seismic_buf *out) {
    return _seismic_decrypt_response(NULL, request, sender, response_key, data, len, out);
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

/* One allocation for the usual transaction: every field but the input fits in 300 bytes, signature included. */
static void _seismic_shielded_reserve(const seismic_shielded_tx *tx, seismic_buf *out) {
    if (tx->input_len < SIZE_MAX - 300) seismic_buf_reserve(out, 300 + tx->input_len);
}

static seismic_result _seismic_shielded_encode(const seismic_shielded_tx *tx, bool with_signature, seismic_buf *out) {
    if (tx->gas_price.w[2] | tx->gas_price.w[3]) return SEISMIC_ERR_OVERFLOW; /* u128 on the wire */
    _seismic_shielded_reserve(tx, out);
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

static seismic_result _seismic_shielded_tx_struct_hash(const seismic_shielded_tx *tx, const seismic_allocator *allocator,
                                                       uint8_t out[32]) {
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
    seismic_result r = _seismic_authorization_list_hash(tx->authorizations, tx->authorization_count, allocator, w[15]);
    if (r == SEISMIC_OK) seismic_keccak256(w, sizeof w, out);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_struct_hash(const seismic_shielded_tx *tx, uint8_t out[32]) {
    seismic_allocator heap = {NULL, NULL, NULL};
    return _seismic_shielded_tx_struct_hash(tx, &heap, out);
}

static seismic_result _seismic_shielded_tx_signing_hash(const seismic_shielded_tx *tx,
                                                        const seismic_allocator *allocator, uint8_t out[32]) {
    if (tx->message_version == 2) {
        uint8_t domain[32], st[32];
        seismic_shielded_tx_domain_separator(tx->chain_id, domain);
        seismic_result r = _seismic_shielded_tx_struct_hash(tx, allocator, st);
        if (r == SEISMIC_OK) seismic_eip712_digest(domain, st, out);
        return r;
    }
    if (tx->message_version != 0) return SEISMIC_ERR_INVALID_ARGUMENT;
    seismic_buf buf = {NULL, 0, 0, false, *allocator, false};
    seismic_result r = seismic_shielded_tx_encode_unsigned(tx, &buf);
    if (r == SEISMIC_OK) seismic_keccak256(buf.data, buf.len, out);
    seismic_buf_free(&buf);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_signing_hash(const seismic_shielded_tx *tx, uint8_t out[32]) {
    seismic_allocator heap = {NULL, NULL, NULL};
    return _seismic_shielded_tx_signing_hash(tx, &heap, out);
}

static seismic_result _seismic_shielded_tx_sign(seismic_shielded_tx *tx, const seismic_private_key *key,
                                                const _seismic_secp *kept, const seismic_allocator *allocator) {
    uint8_t digest[32];
    seismic_result r = _seismic_shielded_tx_signing_hash(tx, allocator, digest);
    if (r == SEISMIC_OK) r = _seismic_sign_hash(kept, key, digest, &tx->signature);
    return r;
}

SEISMIC_API seismic_result seismic_shielded_tx_sign(seismic_shielded_tx *tx, const seismic_private_key *key) {
    seismic_allocator heap = {NULL, NULL, NULL};
    return _seismic_shielded_tx_sign(tx, key, NULL, &heap);
}

/* Signs tx and appends its raw form to out, the bytes of seismic_shielded_tx_sign then _encode. A raw-digest
   (v0) transaction's items are encoded once: its pre-image is 0x4a, their list header and the same items. */
static seismic_result _seismic_shielded_tx_sign_encode(seismic_shielded_tx *tx, const seismic_private_key *key,
                                                       const _seismic_secp *kept, seismic_buf *out) {
    seismic_result r;
    if (tx->message_version != 0) {
        r = _seismic_shielded_tx_sign(tx, key, kept, _seismic_buf_allocator(out));
        return r ? r : seismic_shielded_tx_encode(tx, out);
    }
    if (tx->gas_price.w[2] | tx->gas_price.w[3]) return SEISMIC_ERR_OVERFLOW; /* u128 on the wire */
    size_t start = out->len;
    _seismic_shielded_reserve(tx, out);
    seismic_buf_append_byte(out, SEISMIC_TX_TYPE_SEISMIC);
    size_t list = seismic_rlp_list_begin(out);
    _seismic_shielded_put_unsigned_items(tx, out);
    if ((r = _seismic_buf_result(out)) != SEISMIC_OK) return r;
    uint8_t type = SEISMIC_TX_TYPE_SEISMIC, header[9], digest[32];
    seismic_buf h = {header, 0, sizeof header + 1, false, {NULL, NULL, NULL}, false}; /* fits: never grows */
    _seismic_rlp_put_header(&h, 0xc0, out->len - list);
    seismic_keccak k;
    seismic_keccak_init(&k);
    seismic_keccak_update(&k, &type, 1);
    seismic_keccak_update(&k, header, h.len);
    seismic_keccak_update(&k, out->data + list, out->len - list);
    seismic_keccak_final(&k, digest);
    if ((r = _seismic_sign_hash(kept, key, digest, &tx->signature)) != SEISMIC_OK) {
        out->len = start;
        return r;
    }
    _seismic_rlp_put_signature(out, &tx->signature);
    seismic_rlp_list_end(out, list);
    return _seismic_buf_result(out);
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
    if (_seismic_authorization_list_hash(tx->authorizations, tx->authorization_count, _seismic_buf_allocator(out), auth_hash))
        return SEISMIC_ERR_NO_MEMORY;
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
    uint64_t parity = 0;
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
        size_t nf = 0;
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

static seismic_result _seismic_eth_tx_signing_hash(const seismic_eth_tx *tx, const seismic_allocator *allocator,
                                                   uint8_t out[32]) {
    seismic_buf buf = {NULL, 0, 0, false, *allocator, false};
    seismic_result r = _seismic_eth_encode(tx, false, &buf);
    if (r == SEISMIC_OK) seismic_keccak256(buf.data, buf.len, out);
    seismic_buf_free(&buf);
    return r;
}

SEISMIC_API seismic_result seismic_eth_tx_signing_hash(const seismic_eth_tx *tx, uint8_t out[32]) {
    seismic_allocator heap = {NULL, NULL, NULL};
    return _seismic_eth_tx_signing_hash(tx, &heap, out);
}

static seismic_result _seismic_eth_tx_sign(seismic_eth_tx *tx, const seismic_private_key *key, const _seismic_secp *kept,
                                           const seismic_allocator *allocator) {
    uint8_t digest[32];
    seismic_result r = _seismic_eth_tx_signing_hash(tx, allocator, digest);
    if (r == SEISMIC_OK) r = _seismic_sign_hash(kept, key, digest, &tx->signature);
    return r;
}

SEISMIC_API seismic_result seismic_eth_tx_sign(seismic_eth_tx *tx, const seismic_private_key *key) {
    seismic_allocator heap = {NULL, NULL, NULL};
    return _seismic_eth_tx_sign(tx, key, NULL, &heap);
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
    if (!seismic_u256_to_u64(&v, &v64) || v64 < 27 || (v64 > 28 && v64 < 37))
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

/*==== 8b. Seismic helpers: precompiles, SRC20 amounts, deposits ===================================*/

static seismic_result _seismic_helpers_appended(const seismic_buf *out) {
    return out->failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_OK;
}

static uint64_t _seismic_helpers_words(size_t len, size_t word) { return (uint64_t)(len / word + (len % word != 0)); }

SEISMIC_API seismic_result seismic_precompile_rng_input(uint32_t num_bytes, const void *pers, size_t pers_len,
                                                        seismic_buf *out) {
    if (num_bytes < 1 || num_bytes > 32) return SEISMIC_ERR_INVALID_ARGUMENT;
    uint8_t be[4] = {0, 0, 0, (uint8_t)num_bytes};
    seismic_buf_append(out, be, 4);
    seismic_buf_append(out, pers, pers_len);
    return _seismic_helpers_appended(out);
}

SEISMIC_API seismic_result seismic_precompile_ecdh_input(const seismic_private_key *secret_key,
                                                         const uint8_t public_key[33], seismic_buf *out) {
    uint8_t point[65];
    if (seismic_public_key_parse(public_key, 33, point)) return SEISMIC_ERR_INVALID_ARGUMENT;
    out->secret = true;
    seismic_buf_append(out, secret_key->bytes, 32);
    seismic_buf_append(out, public_key, 33);
    return _seismic_helpers_appended(out);
}

static seismic_result _seismic_helpers_aes_input(seismic_buf *out, const uint8_t key[32], const uint8_t nonce[12],
                                                 const void *data, size_t len) {
    out->secret = true;
    seismic_buf_append(out, key, 32);
    seismic_buf_append(out, nonce, 12);
    seismic_buf_append(out, data, len);
    return _seismic_helpers_appended(out);
}

SEISMIC_API seismic_result seismic_precompile_aes_gcm_encrypt_input(const uint8_t key[32], const uint8_t nonce[12],
                                                                    const void *plaintext, size_t len,
                                                                    seismic_buf *out) {
    return _seismic_helpers_aes_input(out, key, nonce, plaintext, len);
}

SEISMIC_API seismic_result seismic_precompile_aes_gcm_decrypt_input(const uint8_t key[32], const uint8_t nonce[12],
                                                                    const void *ciphertext, size_t len,
                                                                    seismic_buf *out) {
    if (len < 16) return SEISMIC_ERR_INVALID_ARGUMENT; /* no room for the tag */
    return _seismic_helpers_aes_input(out, key, nonce, ciphertext, len);
}

SEISMIC_API seismic_result seismic_precompile_hkdf_input(const void *ikm, size_t len, seismic_buf *out) {
    out->secret = true; /* keying material */
    seismic_buf_append(out, ikm, len);
    return _seismic_helpers_appended(out);
}

SEISMIC_API seismic_result seismic_precompile_secp256k1_sign_input(const seismic_private_key *secret_key,
                                                                   const uint8_t hash[32],
                                                                   seismic_buf *out) {
    out->secret = true;
    seismic_buf_append(out, secret_key->bytes, 32);
    seismic_buf_append(out, hash, 32);
    return _seismic_helpers_appended(out);
}

SEISMIC_API uint64_t seismic_calldata_gas(const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    uint64_t gas = 0;
    for (size_t i = 0; i < len; i++) gas += p[i] ? 16 : 4;
    return gas;
}

SEISMIC_API uint64_t seismic_precompile_rng_gas(uint32_t num_bytes, size_t pers_len) {
    return 3500 + 5 * _seismic_helpers_words(pers_len, 32) + 5 * _seismic_helpers_words(num_bytes, 32);
}

SEISMIC_API uint64_t seismic_precompile_ecdh_gas(void) { return 3120; }

SEISMIC_API uint64_t seismic_precompile_aes_gcm_gas(size_t len) { return 1000 + 30 * _seismic_helpers_words(len, 16); }

SEISMIC_API uint64_t seismic_precompile_hkdf_gas(size_t ikm_len) {
    return 2 * (3000 + 12 * _seismic_helpers_words(ikm_len, 32)) + 120;
}

SEISMIC_API uint64_t seismic_precompile_sign_gas(void) { return 3000; }

SEISMIC_API seismic_result seismic_src20_encrypt_amount(const uint8_t key[32], const uint8_t nonce[12],
                                                        const seismic_u256 *amount, seismic_buf *out) {
    uint8_t plain[32], sealed[48];
    _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
    seismic_u256_to_be(amount, plain);
    _seismic_gcm_seal(&impl, key, nonce, NULL, 0, plain, 32, sealed);
    seismic_buf_append(out, sealed, 48);
    seismic_buf_append(out, nonce, 12); /* the nonce travels last */
    seismic_wipe(plain, sizeof plain);
    return _seismic_helpers_appended(out);
}

/* With the AES and GHASH implementations an owner picked (a watcher). */
static seismic_result _seismic_src20_decrypt_amount(const _seismic_gcm_impl *impl, const uint8_t key[32],
                                                    const uint8_t *encrypted, size_t len, seismic_u256 *amount,
                                                    seismic_error *err) {
    uint8_t plain[32];
    if (len == 0) return _seismic_fail(err, SEISMIC_ERR_PARSE, "Empty encrypted data - recipient has no key");
    if (len != SEISMIC_SRC20_ENCRYPTED_AMOUNT_LEN)
        return _seismic_fail(err, SEISMIC_ERR_PARSE,
                             "src20: encrypted amount is %zu bytes, expected 60 (32-byte amount, tag, nonce)", len);
    if (_seismic_gcm_open(impl, key, encrypted + 48, NULL, 0, encrypted, 48, plain))
        return _seismic_fail(err, SEISMIC_ERR_DECRYPT, "src20: amount does not decrypt with this key");
    seismic_u256_from_be(plain, 32, amount);
    seismic_wipe(plain, sizeof plain);
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_src20_decrypt_amount(const uint8_t key[32], const uint8_t *encrypted, size_t len,
                                                        seismic_u256 *amount, seismic_error *err) {
    _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
    return _seismic_src20_decrypt_amount(&impl, key, encrypted, len, amount, err);
}

SEISMIC_API void seismic_src20_key_hash(const uint8_t key[32], uint8_t out[32]) { seismic_keccak256(key, 32, out); }

SEISMIC_API seismic_result seismic_src20_parse_event_data(const uint8_t *log_data, size_t len,
                                                          const uint8_t **encrypted, size_t *encrypted_len,
                                                          seismic_error *err) {
    seismic_abi_value values[2];
    size_t count;
    seismic_result r = seismic_abi_decode("(bytes)", log_data, len, values, 2, &count, err);
    if (r) return r;
    *encrypted = values[1].data;
    *encrypted_len = values[1].len;
    return SEISMIC_OK;
}

SEISMIC_API void seismic_deposit_withdrawal_credentials(const seismic_address *address, uint8_t out[32]) {
    memset(out, 0, 32);
    out[0] = 0x01; /* type 1: an execution-layer address */
    memcpy(out + 12, address->bytes, 20);
}

static void _seismic_helpers_le64(uint64_t value, uint8_t out[8]) {
    for (int i = 0; i < 8; i++) out[i] = (uint8_t)(value >> (8 * i));
}

/* sha256(a ‖ b) of two 32-byte nodes: one step of an SSZ Merkle tree. */
static void _seismic_helpers_sha256_pair(const uint8_t a[32], const uint8_t b[32], uint8_t out[32]) {
    uint8_t pair[64];
    memcpy(pair, a, 32);
    memcpy(pair + 32, b, 32);
    seismic_sha256(pair, 64, out);
}

SEISMIC_API void seismic_deposit_data_root(const uint8_t node_pubkey[32], const uint8_t consensus_pubkey[48],
                                           const uint8_t withdrawal_credentials[32], const uint8_t node_signature[64],
                                           const uint8_t consensus_signature[96], uint64_t amount_gwei,
                                           uint8_t out[32]) {
    /* Fields longer than 32 bytes are merkleized in 32-byte chunks, zero-padded (spec §6.1). */
    uint8_t chunks[64], left[32], right[32], pubkey_root[32], signature_root[32];
    memset(chunks, 0, sizeof chunks);
    memcpy(chunks, consensus_pubkey, 48);
    seismic_sha256(chunks, 64, right);
    _seismic_helpers_sha256_pair(node_pubkey, right, pubkey_root);

    seismic_sha256(consensus_signature, 64, left);
    memset(chunks, 0, sizeof chunks);
    memcpy(chunks, consensus_signature + 64, 32);
    seismic_sha256(chunks, 64, right);
    _seismic_helpers_sha256_pair(left, right, right);
    seismic_sha256(node_signature, 64, left);
    _seismic_helpers_sha256_pair(left, right, signature_root);

    _seismic_helpers_sha256_pair(pubkey_root, withdrawal_credentials, left);
    memset(chunks, 0, 32);
    _seismic_helpers_le64(amount_gwei, chunks);
    _seismic_helpers_sha256_pair(chunks, signature_root, right);
    _seismic_helpers_sha256_pair(left, right, out);
}

SEISMIC_API void seismic_deposit_request(const uint8_t node_pubkey[32], const uint8_t consensus_pubkey[48],
                                         const uint8_t withdrawal_credentials[32], const uint8_t node_signature[64],
                                         const uint8_t consensus_signature[96], uint64_t amount_gwei, uint64_t index,
                                         uint8_t out[SEISMIC_DEPOSIT_REQUEST_LEN]) {
    memcpy(out, node_pubkey, 32);
    memcpy(out + 32, consensus_pubkey, 48);
    memcpy(out + 80, withdrawal_credentials, 32);
    _seismic_helpers_le64(amount_gwei, out + 112);
    memcpy(out + 120, node_signature, 64);
    memcpy(out + 184, consensus_signature, 96);
    _seismic_helpers_le64(index, out + 280);
}

SEISMIC_API seismic_result seismic_deposit_count_from_abi(const uint8_t *data, size_t len, uint64_t *count,
                                                          seismic_error *err) {
    seismic_abi_value values[2];
    size_t n;
    seismic_result r = seismic_abi_decode("(bytes)", data, len, values, 2, &n, err);
    if (r) return r;
    if (values[1].len != 8)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "deposit: count is %zu bytes, expected 8", values[1].len);
    uint64_t value = 0;
    for (int i = 7; i >= 0; i--) value = value << 8 | values[1].data[i];
    *count = value;
    return SEISMIC_OK;
}

/*==== 9a. transport codecs =======================================================================*/

/* Sans-I/O HTTP/1.1 and WebSocket codecs: requests and frames into bytes, received bytes into responses
   and messages. They never touch a socket; the engine (layer 10) feeds them. Internal: tests reach
   them by including the implementation. */

/* HTTP/1.1, client side */

/* Appends a request: "METHOD path HTTP/1.1", Host (with the port when it is not the default; IPv6 in
   brackets), User-Agent: seismic.h, Content-Type (when content_type != NULL) and Content-Length when
   body != NULL, then extra_headers verbatim (may be NULL; each line ends in \r\n), the blank line and
   the body. */
static void _seismic_http_write_request(seismic_buf *out, const char *method, const seismic_url *url,
                                            const char *content_type, const void *body, size_t body_len,
                                            const char *extra_headers);

typedef struct _seismic_http_response {
    /* limits, set by init */
    size_t max_header_bytes; /* default 16 KiB: status lines, headers and trailers of one response; also the
                                longest chunk-size line */
    size_t max_body_bytes;   /* default 64 MiB */
    /* input: set after init/reset when the request was HEAD (the response then has no body) */
    bool head_request;
    /* results */
    int status;                /* e.g. 200 */
    bool keep_alive;           /* false after "Connection: close", HTTP/1.0 without keep-alive, or a close-delimited body */
    bool chunked;
    int64_t content_length;    /* -1 when absent */
    uint32_t retry_after_ms;   /* from Retry-After: delta-seconds, or an HTTP-date relative to Date: (1000 ms
                                  when there is no Date: or the date is not an IMF-fixdate); 0 when absent */
    bool upgrade_websocket;    /* "Upgrade: websocket" present */
    char websocket_accept[64]; /* Sec-WebSocket-Accept value, "" if absent */
    seismic_buf body;          /* the decoded body (dechunked) */
    /* private parser state */
    int _state;
    bool _http10;
    bool _connection_close;
    bool _connection_keep_alive;
    int64_t _date;             /* Date: as Unix time, -1 when absent */
    int64_t _retry_after_date; /* Retry-After as Unix time when it is an HTTP-date, else -1 */
    size_t _header_bytes;      /* bytes of status lines, headers and trailers so far */
    uint64_t _remaining;       /* bytes left in a Content-Length body or the current chunk */
    seismic_buf _line;         /* the start of a line split across feeds */
    _seismic_grow _grow;       /* a body of unknown length grows a little per feed, never copied whole at once */
} _seismic_http_response;

/* 0 = default limit. The allocator serves the body and split lines. */
static void _seismic_http_response_init(_seismic_http_response *r, size_t max_header_bytes, size_t max_body_bytes,
                                            seismic_allocator allocator);
/* Feeds received bytes. *consumed = bytes used (anything after a complete response belongs to the next
   one); *done = true when the response is complete. 1xx interim responses (100 Continue) are skipped,
   except 101, which completes at the end of its headers (the rest is WebSocket data). 204, 304 and
   responses to HEAD have no body. Errors: SEISMIC_ERR_PARSE (bad status line, bad header line, obsolete
   line folding, bad chunk size or terminator, conflicting Content-Length, Transfer-Encoding other than
   chunked), SEISMIC_ERR_CAPACITY (headers or body over the limit), SEISMIC_ERR_NO_MEMORY. After an error
   the parser keeps failing until it is reset. */
static seismic_result _seismic_http_response_feed(_seismic_http_response *r, const uint8_t *data, size_t len,
                                                      size_t *consumed, bool *done, seismic_error *err);
/* The peer closed the connection: completes a close-delimited body (no length, not chunked); otherwise
   a truncated response is SEISMIC_ERR_PARSE ("connection closed after N of M body bytes"). */
static seismic_result _seismic_http_response_eof(_seismic_http_response *r, bool *done, seismic_error *err);
/* Prepares for the next response on the same connection, keeping the buffers' memory and the limits. */
static void _seismic_http_response_reset(_seismic_http_response *r);
static void _seismic_http_response_free(_seismic_http_response *r);

/* WebSocket (RFC 6455), client side */
#define _SEISMIC_WS_CONTINUATION 0x0
#define _SEISMIC_WS_TEXT 0x1
#define _SEISMIC_WS_BINARY 0x2
#define _SEISMIC_WS_CLOSE 0x8
#define _SEISMIC_WS_PING 0x9
#define _SEISMIC_WS_PONG 0xA

/* key: 16 random bytes in base64 (24 chars + NUL). */
static seismic_result _seismic_ws_make_key(char key[25]);
/* accept = base64(sha1(key ‖ "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")), 28 chars + NUL. */
static void _seismic_ws_accept_for_key(const char *key, char accept[29]);
/* Appends "GET path HTTP/1.1" with Host, Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Key and
   Sec-WebSocket-Version: 13. */
static void _seismic_ws_write_handshake(seismic_buf *out, const seismic_url *url, const char key[25]);
/* Appends one masked client frame. The mask is 4 bytes from seismic_random_bytes unless mask != NULL;
   if the random source fails, out->failed is set and nothing is appended. */
static void _seismic_ws_write_frame(seismic_buf *out, int opcode, bool fin, const void *payload, size_t len,
                                        const uint8_t *mask);

typedef enum _seismic_ws_event_type {
    _SEISMIC_WS_EVENT_NONE = 0,
    _SEISMIC_WS_EVENT_MESSAGE,
    _SEISMIC_WS_EVENT_PING,
    _SEISMIC_WS_EVENT_PONG,
    _SEISMIC_WS_EVENT_CLOSE
} _seismic_ws_event_type;

typedef struct _seismic_ws_event {
    _seismic_ws_event_type type;
    int opcode;             /* TEXT or BINARY for messages, else the control opcode */
    const uint8_t *payload; /* message (reassembled from fragments), ping/pong payload, or the close
                               reason (after the code); valid until the next feed */
    size_t len;
    uint16_t close_code; /* for CLOSE: 1005 when absent; 0 for other events */
} _seismic_ws_event;

typedef struct _seismic_ws_parser {
    size_t max_message_bytes; /* default 64 MiB */
    seismic_buf message;      /* reassembly */
    _seismic_grow _grow;      /* a fragmented message grows a little per feed, never copied whole at once */
    size_t _utf8_checked;     /* bytes of a text message found valid UTF-8 so far (checked as they arrive) */
    /* private parser state */
    uint8_t _header[14];
    uint8_t _header_len;      /* bytes of the current frame header received */
    uint8_t _header_need;     /* 2 until the length field's size is known */
    uint8_t _opcode;          /* of the current frame */
    uint8_t _message_opcode;  /* TEXT or BINARY of the message being assembled */
    bool _fin;
    bool _in_payload;
    bool _fragmented;         /* a data message awaits continuation frames */
    bool _failed;
    uint8_t _control_len;
    uint8_t _control[125];
    uint64_t _remaining;      /* payload bytes left in the current frame */
} _seismic_ws_parser;

static void _seismic_ws_parser_init(_seismic_ws_parser *p, size_t max_message_bytes, seismic_allocator allocator);
/* Feeds bytes from the server and stops after at most one event, so the caller loops while
   consumed < len or an event came. Errors (SEISMIC_ERR_PARSE unless noted): reserved bits set, unknown
   opcode, masked server frame, control frame longer than 125 bytes or fragmented, continuation without
   a start, a new data frame inside a fragmented message, 64-bit length with the top bit set, message over
   max_message_bytes (SEISMIC_ERR_CAPACITY, checked from the header before buffering), invalid UTF-8 in a
   text message or close reason, a 1-byte close payload or a bad close code. After an error the parser
   keeps failing: the connection must be closed. */
static seismic_result _seismic_ws_parser_feed(_seismic_ws_parser *p, const uint8_t *data, size_t len, size_t *consumed,
                                                  _seismic_ws_event *event, seismic_error *err);
static void _seismic_ws_parser_free(_seismic_ws_parser *p);

static bool _seismic_ascii_iequal(const uint8_t *a, size_t n, const char *lower) {
    size_t i = 0;
    for (; i < n && lower[i]; i++) {
        uint8_t c = a[i];
        if (c >= 'A' && c <= 'Z') c = (uint8_t)(c + 32);
        if (c != (uint8_t)lower[i]) return false;
    }
    return i == n && lower[i] == 0;
}

static bool _seismic_is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Four dotted decimal numbers 0..255 without leading zeros ("010" would be octal to inet_aton). */
static bool _seismic_is_ipv4(const char *s, size_t n) {
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        size_t start = i;
        unsigned value = 0;
        while (i < n && i - start < 3 && _seismic_is_digit((uint8_t)s[i])) value = value * 10 + (unsigned)(s[i++] - '0');
        size_t digits = i - start;
        if (digits == 0 || value > 255 || (digits > 1 && s[start] == '0')) return false;
        if (part < 3) {
            if (i >= n || s[i] != '.') return false;
            i++;
        }
    }
    return i == n;
}

/* RFC 4291 text form: eight groups of 1-4 hex digits, at most one "::", optionally ending in IPv4.
   Zone ids are not accepted. */
static bool _seismic_is_ipv6(const char *s, size_t n) {
    int groups = 0;
    bool compressed = false;
    size_t i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        compressed = true;
        i = 2;
    } else if (n && s[0] == ':') return false;
    while (i < n) {
        size_t start = i;
        while (i < n && i - start < 5 && _seismic_hex_value(s[i]) >= 0) i++;
        if (i < n && s[i] == '.') {
            if (!_seismic_is_ipv4(s + start, n - start)) return false;
            groups += 2;
            break;
        }
        if (i == start || i - start > 4) return false;
        groups++;
        if (i == n) break;
        if (s[i] != ':' || ++i == n) return false;
        if (s[i] == ':') {
            if (compressed) return false;
            compressed = true;
            i++;
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

static bool _seismic_is_host_char(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || _seismic_is_digit(c) || c == '-' || c == '.' || c == '_';
}

SEISMIC_API seismic_result seismic_url_parse(const char *text, seismic_url *out, seismic_error *err) {
    static const struct { const char *prefix; seismic_url_scheme scheme; } schemes[] = {
        {"http://", SEISMIC_URL_HTTP}, {"https://", SEISMIC_URL_HTTPS}, {"ws://", SEISMIC_URL_WS}, {"wss://", SEISMIC_URL_WSS},
    };
    const uint8_t *s = (const uint8_t *)text;
    size_t len = strlen(text), pos = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < len; i++)
        if (s[i] <= 0x20 || s[i] >= 0x7f)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: %s character 0x%02x at offset %zu",
                                 s[i] >= 0x80 ? "non-ASCII" : s[i] == ' ' ? "space" : "control", s[i], i);
    for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
        size_t n = strlen(schemes[k].prefix);
        if (len >= n && _seismic_ascii_iequal(s, n, schemes[k].prefix)) {
            out->scheme = schemes[k].scheme;
            pos = n;
            break;
        }
    }
    if (out->scheme == SEISMIC_URL_INVALID)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: expected http://, https://, ws:// or wss://");
    out->tls = out->scheme == SEISMIC_URL_HTTPS || out->scheme == SEISMIC_URL_WSS;
    out->websocket = out->scheme == SEISMIC_URL_WS || out->scheme == SEISMIC_URL_WSS;

    size_t authority_end = pos + strcspn(text + pos, "/?#");
    if (memchr(text + pos, '@', authority_end - pos))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: user info (user@) is not supported");
    const char *host = text + pos;
    size_t host_len, after_host;
    if (*host == '[') {
        const char *close = (const char *)memchr(host, ']', authority_end - pos);
        if (!close) return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: unterminated '[' in the host");
        host++;
        host_len = (size_t)(close - host);
        after_host = (size_t)(close + 1 - text);
        if (!_seismic_is_ipv6(host, host_len))
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: bad IPv6 address \"%.*s\"", (int)(host_len > 64 ? 64 : host_len), host);
        if (after_host < authority_end && text[after_host] != ':')
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: unexpected '%c' after ']' at offset %zu", text[after_host], after_host);
        out->ip_literal = true;
    } else {
        host_len = strcspn(host, ":/?#");
        after_host = pos + host_len;
        for (size_t i = 0; i < host_len; i++)
            if (!_seismic_is_host_char((uint8_t)host[i]))
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: invalid character '%c' in the host at offset %zu", host[i], pos + i);
        out->ip_literal = _seismic_is_ipv4(host, host_len);
    }
    if (host_len == 0) return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: empty host");
    if (host_len >= sizeof out->host)
        return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "url: host longer than %zu characters", sizeof out->host - 1);
    memcpy(out->host, host, host_len);

    out->port = out->tls ? 443 : 80;
    if (after_host < authority_end) { /* text[after_host] == ':' */
        const char *port = text + after_host + 1;
        size_t port_len = authority_end - after_host - 1;
        unsigned long value = 0;
        bool ok = port_len >= 1 && port_len <= 5;
        for (size_t i = 0; ok && i < port_len; i++) {
            ok = _seismic_is_digit((uint8_t)port[i]);
            value = value * 10 + (unsigned long)(port[i] - '0');
        }
        if (!ok || value == 0 || value > 65535)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "url: bad port \"%.*s\"", (int)(port_len > 16 ? 16 : port_len), port);
        out->port = (uint16_t)value;
    }

    size_t path_len = strcspn(text + authority_end, "#");
    size_t slash = text[authority_end] == '/' ? 0 : 1; /* "?q" and "" get a leading "/" */
    if (slash + path_len >= sizeof out->path)
        return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "url: path longer than %zu characters", sizeof out->path - 1);
    out->path[0] = '/';
    memcpy(out->path + slash, text + authority_end, path_len);
    return SEISMIC_OK;
}

/*---- base64 ----*/

static const char _seismic_base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

SEISMIC_API size_t seismic_base64_encode(const void *data, size_t len, char *out) {
    const uint8_t *p = (const uint8_t *)data;
    size_t n = 0, i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        out[n++] = _seismic_base64_alphabet[v >> 18];
        out[n++] = _seismic_base64_alphabet[(v >> 12) & 63];
        out[n++] = _seismic_base64_alphabet[(v >> 6) & 63];
        out[n++] = _seismic_base64_alphabet[v & 63];
    }
    if (i < len) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < len ? (uint32_t)p[i + 1] << 8 : 0);
        out[n++] = _seismic_base64_alphabet[v >> 18];
        out[n++] = _seismic_base64_alphabet[(v >> 12) & 63];
        out[n++] = i + 1 < len ? _seismic_base64_alphabet[(v >> 6) & 63] : '=';
        out[n++] = '=';
    }
    out[n] = 0;
    return n;
}

static int _seismic_base64_value(uint8_t c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

SEISMIC_API seismic_result seismic_base64_decode(const char *text, size_t len, seismic_buf *out) {
    const uint8_t *s = (const uint8_t *)text;
    if (len % 4) return SEISMIC_ERR_PARSE;
    size_t padding = len && s[len - 1] == '=' ? (s[len - 2] == '=' ? 2 : 1) : 0;
    if (!seismic_buf_reserve(out, len / 4 * 3)) return SEISMIC_ERR_NO_MEMORY;
    uint8_t *dst = out->data + out->len;
    size_t n = 0;
    for (size_t i = 0; i < len; i += 4) {
        bool last = i + 4 == len;
        size_t digits = last ? 4 - padding : 4;
        uint32_t v = 0;
        for (size_t k = 0; k < 4; k++) {
            int d = k < digits ? _seismic_base64_value(s[i + k]) : 0;
            if (d < 0) return SEISMIC_ERR_PARSE;
            v = v << 6 | (uint32_t)d;
        }
        dst[n++] = (uint8_t)(v >> 16);
        if (digits > 2) dst[n++] = (uint8_t)(v >> 8);
        if (digits > 3) dst[n++] = (uint8_t)v;
        /* Canonical encodings only: the bits under the padding must be zero. */
        if ((digits == 2 && (v & 0xffff)) || (digits == 3 && (v & 0xff))) return SEISMIC_ERR_PARSE;
    }
    out->len += n;
    return SEISMIC_OK;
}

/*---- HTTP/1.1 ----*/

static void _seismic_buf_append_u64(seismic_buf *out, uint64_t value) {
    char digits[20];
    size_t n = sizeof digits;
    do digits[--n] = (char)('0' + value % 10);
    while (value /= 10);
    seismic_buf_append(out, digits + n, sizeof digits - n);
}

/* "METHOD path HTTP/1.1\r\nHost: ...\r\nUser-Agent: seismic.h\r\n" */
static void _seismic_http_put_start(seismic_buf *out, const char *method, const seismic_url *url) {
    bool ipv6 = strchr(url->host, ':') != NULL;
    seismic_buf_append_str(out, method);
    seismic_buf_append_byte(out, ' ');
    seismic_buf_append_str(out, url->path);
    seismic_buf_append_str(out, ipv6 ? " HTTP/1.1\r\nHost: [" : " HTTP/1.1\r\nHost: ");
    seismic_buf_append_str(out, url->host);
    if (ipv6) seismic_buf_append_byte(out, ']');
    if (url->port != (url->tls ? 443 : 80)) {
        seismic_buf_append_byte(out, ':');
        _seismic_buf_append_u64(out, url->port);
    }
    seismic_buf_append_str(out, "\r\nUser-Agent: seismic.h\r\n");
}

static void _seismic_http_write_request(seismic_buf *out, const char *method, const seismic_url *url,
                                            const char *content_type, const void *body, size_t body_len,
                                            const char *extra_headers) {
    size_t extra_len = extra_headers ? strlen(extra_headers) : 0;
    /* One allocation for the whole request in the usual case. */
    seismic_buf_reserve(out, 128 + strlen(method) + strlen(url->path) + strlen(url->host) + extra_len +
                                 (content_type ? strlen(content_type) : 0) + (body ? body_len : 0));
    _seismic_http_put_start(out, method, url);
    if (body) {
        if (content_type) {
            seismic_buf_append_str(out, "Content-Type: ");
            seismic_buf_append_str(out, content_type);
            seismic_buf_append_str(out, "\r\n");
        }
        seismic_buf_append_str(out, "Content-Length: ");
        _seismic_buf_append_u64(out, body_len);
        seismic_buf_append_str(out, "\r\n");
    }
    seismic_buf_append(out, extra_headers, extra_len);
    seismic_buf_append_str(out, "\r\n");
    if (body) seismic_buf_append(out, body, body_len);
}

enum {
    _SEISMIC_HTTP_STATUS_LINE,
    _SEISMIC_HTTP_HEADERS,
    _SEISMIC_HTTP_BODY_LENGTH, /* Content-Length body */
    _SEISMIC_HTTP_BODY_CLOSE,  /* body delimited by the connection closing */
    _SEISMIC_HTTP_CHUNK_SIZE,
    _SEISMIC_HTTP_CHUNK_DATA,
    _SEISMIC_HTTP_CHUNK_CR,    /* the line end after a chunk's data */
    _SEISMIC_HTTP_CHUNK_LF,
    _SEISMIC_HTTP_TRAILERS,
    _SEISMIC_HTTP_DONE,
    _SEISMIC_HTTP_FAILED
};

/* Forgets everything learnt from a response head (also used to skip 1xx interim responses). */
static void _seismic_http_clear_head(_seismic_http_response *r) {
    r->status = 0;
    r->keep_alive = false;
    r->chunked = false;
    r->content_length = -1;
    r->retry_after_ms = 0;
    r->upgrade_websocket = false;
    r->websocket_accept[0] = 0;
    r->_http10 = false;
    r->_connection_close = false;
    r->_connection_keep_alive = false;
    r->_date = -1;
    r->_retry_after_date = -1;
    r->_state = _SEISMIC_HTTP_STATUS_LINE;
}

static void _seismic_http_response_init(_seismic_http_response *r, size_t max_header_bytes, size_t max_body_bytes,
                                            seismic_allocator allocator) {
    memset(r, 0, sizeof *r);
    r->max_header_bytes = max_header_bytes ? max_header_bytes : 16 * 1024;
    r->max_body_bytes = max_body_bytes ? max_body_bytes : 64 * 1024 * 1024;
    r->body.allocator = allocator;
    r->_line.allocator = allocator;
    _seismic_http_clear_head(r);
}

static void _seismic_http_response_reset(_seismic_http_response *r) {
    _seismic_grow_drop(&r->body.allocator, &r->_grow, r->body.secret);
    _seismic_http_clear_head(r);
    r->head_request = false;
    r->_header_bytes = 0;
    r->_remaining = 0;
    r->body.len = 0;
    r->body.failed = false;
    r->_line.len = 0;
    r->_line.failed = false;
}

static void _seismic_http_response_free(_seismic_http_response *r) {
    _seismic_grow_drop(&r->body.allocator, &r->_grow, r->body.secret);
    seismic_buf_free(&r->body);
    seismic_buf_free(&r->_line);
}

/* Up to 40 bytes of s for an error message, non-printable bytes shown as '?'. */
static const char *_seismic_http_excerpt(const uint8_t *s, size_t n, char out[48]) {
    size_t k = 0;
    for (; k < n && k < 40; k++) out[k] = s[k] >= 0x20 && s[k] < 0x7f ? (char)s[k] : '?';
    if (k < n) out[k++] = '.', out[k++] = '.', out[k++] = '.';
    out[k] = 0;
    return out;
}

static bool _seismic_http_is_tchar(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || _seismic_is_digit(c) || c == '-' ||
           (c < 0x7f && c > 0x20 && strchr("!#$%&'*+.^_`|~", c) != NULL);
}

static bool _seismic_http_is_ows(uint8_t c) { return c == ' ' || c == '\t'; }

/* Takes the next line (ending in "\n" or "\r\n") from data[*pos..len), joined to the part kept from
   earlier feeds. At most budget bytes may be consumed. *line is NULL while the line is incomplete;
   otherwise it excludes the line ending and stays valid until the next call. */
static seismic_result _seismic_http_take_line(_seismic_http_response *r, const uint8_t *data, size_t len, size_t *pos,
                                              size_t budget, const char *what, const uint8_t **line, size_t *line_len,
                                              seismic_error *err) {
    const uint8_t *start = data + *pos;
    size_t avail = len - *pos, scan = avail < budget ? avail : budget;
    const uint8_t *newline = (const uint8_t *)memchr(start, '\n', scan);
    *line = NULL;
    if (!newline) {
        if (scan < avail) return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "http: %s over the %zu-byte limit", what, r->max_header_bytes);
        seismic_buf_append(&r->_line, start, avail);
        *pos = len;
        return r->_line.failed ? _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "http: out of memory for a line") : SEISMIC_OK;
    }
    size_t n = (size_t)(newline - start) + 1;
    *pos += n;
    if (r->_line.len) {
        seismic_buf_append(&r->_line, start, n);
        if (r->_line.failed) return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "http: out of memory for a line");
        start = r->_line.data;
        n = r->_line.len;
        r->_line.len = 0;
    }
    n--;
    if (n && start[n - 1] == '\r') n--;
    *line = start;
    *line_len = n;
    return SEISMIC_OK;
}

/* "HTTP/1.x NNN reason" (the reason may be absent). */
static seismic_result _seismic_http_status_line(_seismic_http_response *r, const uint8_t *s, size_t n, seismic_error *err) {
    char excerpt[48];
    bool ok = n >= 12 && memcmp(s, "HTTP/1.", 7) == 0 && (s[7] == '0' || s[7] == '1') && s[8] == ' ' &&
              s[9] >= '1' && s[9] <= '5' && _seismic_is_digit(s[10]) && _seismic_is_digit(s[11]) && (n == 12 || s[12] == ' ');
    for (size_t i = 13; ok && i < n; i++) ok = (s[i] >= 0x20 && s[i] != 0x7f) || s[i] == '\t';
    if (!ok) return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: bad status line \"%s\"", _seismic_http_excerpt(s, n, excerpt));
    r->_http10 = s[7] == '0';
    r->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
    return SEISMIC_OK;
}

/* Splits a comma-separated header value: the next element with OWS trimmed (possibly empty);
   false when the list is exhausted. Start with *p = value, *end = value end. */
static bool _seismic_http_list_next(const uint8_t **p, const uint8_t *end, const uint8_t **item, size_t *item_len) {
    if (!*p) return false;
    const uint8_t *s = *p, *comma = (const uint8_t *)memchr(s, ',', (size_t)(end - s));
    const uint8_t *e = comma ? comma : end;
    *p = comma ? comma + 1 : NULL;
    while (s < e && _seismic_http_is_ows(*s)) s++;
    while (e > s && _seismic_http_is_ows(e[-1])) e--;
    *item = s;
    *item_len = (size_t)(e - s);
    return true;
}

/* Reads digits only; false on anything else, on emptiness, or when the value exceeds max. */
static bool _seismic_http_parse_decimal(const uint8_t *s, size_t n, uint64_t max, uint64_t *out) {
    uint64_t v = 0;
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++) {
        if (!_seismic_is_digit(s[i])) return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (max - d) / 10) return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as Unix time, or -1. The obsolete RFC 850 and
   asctime forms are not recognised (Retry-After then falls back to 1 s). */
static int64_t _seismic_http_parse_date(const uint8_t *s, size_t n) {
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    uint64_t day, year, hour, minute, second;
    int month = -1;
    if (n != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
        s[22] != ':' || s[25] != ' ' || memcmp(s + 26, "GMT", 3) != 0)
        return -1;
    for (int m = 0; m < 12; m++)
        if (memcmp(s + 8, months + 3 * m, 3) == 0) month = m + 1;
    if (month < 0 || !_seismic_http_parse_decimal(s + 5, 2, 31, &day) || day == 0 ||
        !_seismic_http_parse_decimal(s + 12, 4, 9999, &year) || !_seismic_http_parse_decimal(s + 17, 2, 23, &hour) ||
        !_seismic_http_parse_decimal(s + 20, 2, 59, &minute) || !_seismic_http_parse_decimal(s + 23, 2, 60, &second))
        return -1;
    /* Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + (int64_t)day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    int64_t days = era * 146097 + day_of_era - 719468;
    return days * 86400 + (int64_t)(hour * 3600 + minute * 60 + second);
}

static uint32_t _seismic_seconds_to_ms(uint64_t seconds) {
    return seconds > UINT32_MAX / 1000 ? UINT32_MAX : (uint32_t)(seconds * 1000);
}

/* One "name: value" line. Trailers are checked for syntax only. */
static seismic_result _seismic_http_header_line(_seismic_http_response *r, const uint8_t *s, size_t n, bool trailer,
                                                seismic_error *err) {
    char excerpt[48];
    size_t name_len = 0;
    if (_seismic_http_is_ows(s[0]))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: obsolete line folding in header \"%s\"", _seismic_http_excerpt(s, n, excerpt));
    while (name_len < n && _seismic_http_is_tchar(s[name_len])) name_len++;
    if (name_len == 0 || name_len == n || s[name_len] != ':')
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: bad header line \"%s\"", _seismic_http_excerpt(s, n, excerpt));
    const uint8_t *value = s + name_len + 1, *end = s + n;
    for (const uint8_t *c = value; c < end; c++)
        if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: control character in header \"%s\"", _seismic_http_excerpt(s, n, excerpt));
    if (trailer) return SEISMIC_OK;
    while (value < end && _seismic_http_is_ows(*value)) value++;
    while (end > value && _seismic_http_is_ows(end[-1])) end--;
    size_t value_len = (size_t)(end - value);
    const uint8_t *p = value, *item;
    size_t item_len;

    if (_seismic_ascii_iequal(s, name_len, "content-length")) {
        /* RFC 9110 §8.6: a list of identical values is one value. */
        while (_seismic_http_list_next(&p, end, &item, &item_len)) {
            uint64_t length;
            if (!_seismic_http_parse_decimal(item, item_len, INT64_MAX, &length))
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: bad Content-Length \"%s\"", _seismic_http_excerpt(value, value_len, excerpt));
            if (r->content_length >= 0 && (uint64_t)r->content_length != length)
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: conflicting Content-Length values %lld and %llu",
                                     (long long)r->content_length, (unsigned long long)length);
            r->content_length = (int64_t)length;
        }
    } else if (_seismic_ascii_iequal(s, name_len, "transfer-encoding")) {
        while (_seismic_http_list_next(&p, end, &item, &item_len)) {
            if (item_len == 0) continue;
            if (!_seismic_ascii_iequal(item, item_len, "chunked"))
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: unsupported Transfer-Encoding \"%s\"", _seismic_http_excerpt(item, item_len, excerpt));
            if (r->chunked) return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: Transfer-Encoding chunked applied twice");
            r->chunked = true;
        }
    } else if (_seismic_ascii_iequal(s, name_len, "connection")) {
        while (_seismic_http_list_next(&p, end, &item, &item_len)) {
            if (_seismic_ascii_iequal(item, item_len, "close")) r->_connection_close = true;
            else if (_seismic_ascii_iequal(item, item_len, "keep-alive")) r->_connection_keep_alive = true;
        }
    } else if (_seismic_ascii_iequal(s, name_len, "upgrade")) {
        while (_seismic_http_list_next(&p, end, &item, &item_len))
            if (_seismic_ascii_iequal(item, item_len, "websocket")) r->upgrade_websocket = true;
    } else if (_seismic_ascii_iequal(s, name_len, "sec-websocket-accept")) {
        if (value_len >= sizeof r->websocket_accept)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: Sec-WebSocket-Accept longer than %zu bytes", sizeof r->websocket_accept - 1);
        memcpy(r->websocket_accept, value, value_len);
        r->websocket_accept[value_len] = 0;
    } else if (_seismic_ascii_iequal(s, name_len, "retry-after")) {
        uint64_t seconds;
        if (_seismic_http_parse_decimal(value, value_len, UINT64_MAX, &seconds)) {
            r->retry_after_ms = _seismic_seconds_to_ms(seconds);
            r->_retry_after_date = -1;
        } else {
            r->retry_after_ms = 1000; /* replaced at the end of the head when Date: allows */
            r->_retry_after_date = _seismic_http_parse_date(value, value_len);
        }
    } else if (_seismic_ascii_iequal(s, name_len, "date")) {
        r->_date = _seismic_http_parse_date(value, value_len);
    }
    return SEISMIC_OK;
}

/* The blank line after the headers: decides how the body is framed. */
static seismic_result _seismic_http_head_done(_seismic_http_response *r, seismic_error *err) {
    if (r->status < 200 && r->status != 101) { /* 100 Continue and friends: the real response follows */
        _seismic_http_clear_head(r);
        return SEISMIC_OK;
    }
    r->keep_alive = r->_http10 ? r->_connection_keep_alive && !r->_connection_close : !r->_connection_close;
    if (r->_retry_after_date >= 0 && r->_date >= 0)
        r->retry_after_ms = r->_retry_after_date > r->_date ? _seismic_seconds_to_ms((uint64_t)(r->_retry_after_date - r->_date)) : 0;
    if (r->status == 101 || r->status == 204 || r->status == 304 || r->head_request) {
        r->_state = _SEISMIC_HTTP_DONE;
    } else if (r->chunked) {
        /* RFC 9112 §6.3: chunked overrides Content-Length, but such a sender is not to be trusted further. */
        if (r->content_length >= 0) r->keep_alive = false;
        r->_state = _SEISMIC_HTTP_CHUNK_SIZE;
    } else if (r->content_length >= 0) {
        if ((uint64_t)r->content_length > r->max_body_bytes)
            return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "http: Content-Length %lld over the %zu-byte body limit",
                                 (long long)r->content_length, r->max_body_bytes);
        if (!_seismic_buf_reserve_within(&r->body, (size_t)r->content_length, (size_t)r->content_length))
            return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "http: out of memory for a %lld-byte body", (long long)r->content_length);
        r->_remaining = (uint64_t)r->content_length;
        r->_state = r->_remaining ? _SEISMIC_HTTP_BODY_LENGTH : _SEISMIC_HTTP_DONE;
    } else {
        r->keep_alive = false;
        r->_state = _SEISMIC_HTTP_BODY_CLOSE;
    }
    return SEISMIC_OK;
}

/* "1a2b[ ; extensions]" */
static seismic_result _seismic_http_chunk_size(_seismic_http_response *r, const uint8_t *s, size_t n, seismic_error *err) {
    char excerpt[48];
    uint64_t size = 0;
    size_t i = 0;
    int d;
    while (i < n && (d = _seismic_hex_value((char)s[i])) >= 0) {
        if (size >> 60) return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: chunk size \"%s\" overflows", _seismic_http_excerpt(s, n, excerpt));
        size = size << 4 | (uint64_t)d;
        i++;
    }
    size_t digits = i;
    while (i < n && _seismic_http_is_ows(s[i])) i++;
    if (digits == 0 || (i < n && s[i] != ';'))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: bad chunk size \"%s\"", _seismic_http_excerpt(s, n, excerpt));
    if (size == 0) {
        r->_state = _SEISMIC_HTTP_TRAILERS;
        return SEISMIC_OK;
    }
    if (size > r->max_body_bytes - r->body.len)
        return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "http: chunked body over the %zu-byte limit", r->max_body_bytes);
    r->_remaining = size;
    r->_state = _SEISMIC_HTTP_CHUNK_DATA;
    return SEISMIC_OK;
}

static seismic_result _seismic_http_response_feed(_seismic_http_response *r, const uint8_t *data, size_t len,
                                                      size_t *consumed, bool *done, seismic_error *err) {
    seismic_result result = SEISMIC_OK;
    size_t pos = 0;
    if (r->_state == _SEISMIC_HTTP_FAILED)
        result = _seismic_fail(err, SEISMIC_ERR_PARSE, "http: the response parser failed earlier; reset it");
    while (result == SEISMIC_OK && r->_state != _SEISMIC_HTTP_DONE && pos < len) {
        const uint8_t *line;
        size_t line_len, before = pos, n;
        switch (r->_state) {
        case _SEISMIC_HTTP_STATUS_LINE:
        case _SEISMIC_HTTP_HEADERS:
        case _SEISMIC_HTTP_TRAILERS:
            result = _seismic_http_take_line(r, data, len, &pos, r->max_header_bytes - r->_header_bytes,
                                             "response headers", &line, &line_len, err);
            r->_header_bytes += pos - before;
            if (result || !line) break;
            if (r->_state == _SEISMIC_HTTP_STATUS_LINE) {
                result = _seismic_http_status_line(r, line, line_len, err);
                r->_state = _SEISMIC_HTTP_HEADERS;
            } else if (line_len == 0) {
                if (r->_state == _SEISMIC_HTTP_TRAILERS) r->_state = _SEISMIC_HTTP_DONE;
                else result = _seismic_http_head_done(r, err);
            } else {
                result = _seismic_http_header_line(r, line, line_len, r->_state == _SEISMIC_HTTP_TRAILERS, err);
            }
            break;
        case _SEISMIC_HTTP_BODY_LENGTH:
        case _SEISMIC_HTTP_CHUNK_DATA:
            n = len - pos < r->_remaining ? len - pos : (size_t)r->_remaining;
            if (r->_state == _SEISMIC_HTTP_BODY_LENGTH) seismic_buf_append(&r->body, data + pos, n); /* reserved from the length */
            else if (!_seismic_grow_append(&r->body, &r->_grow, data + pos, n, r->max_body_bytes)) {
                result = _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "http: out of memory for the body");
                break;
            }
            pos += n;
            r->_remaining -= n;
            if (!r->_remaining)
                r->_state = r->_state == _SEISMIC_HTTP_BODY_LENGTH ? _SEISMIC_HTTP_DONE : _SEISMIC_HTTP_CHUNK_CR;
            break;
        case _SEISMIC_HTTP_BODY_CLOSE:
            n = len - pos;
            if (n > r->max_body_bytes - r->body.len) {
                result = _seismic_fail(err, SEISMIC_ERR_CAPACITY, "http: body over the %zu-byte limit", r->max_body_bytes);
                break;
            }
            _seismic_grow_append(&r->body, &r->_grow, data + pos, n, r->max_body_bytes);
            if (r->body.failed) result = _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "http: out of memory for the body");
            pos = len;
            break;
        case _SEISMIC_HTTP_CHUNK_CR:
        case _SEISMIC_HTTP_CHUNK_LF:
            if (data[pos] == '\n') r->_state = _SEISMIC_HTTP_CHUNK_SIZE;
            else if (data[pos] == '\r' && r->_state == _SEISMIC_HTTP_CHUNK_CR) r->_state = _SEISMIC_HTTP_CHUNK_LF;
            else result = _seismic_fail(err, SEISMIC_ERR_PARSE, "http: missing CRLF after chunk data (byte 0x%02x)", data[pos]);
            pos++;
            break;
        case _SEISMIC_HTTP_CHUNK_SIZE:
            result = _seismic_http_take_line(r, data, len, &pos, r->max_header_bytes - r->_line.len, "chunk size line",
                                             &line, &line_len, err);
            if (result == SEISMIC_OK && line) result = _seismic_http_chunk_size(r, line, line_len, err);
            break;
        }
    }
    if (result) r->_state = _SEISMIC_HTTP_FAILED;
    *consumed = pos;
    *done = r->_state == _SEISMIC_HTTP_DONE;
    if (*done || result) _seismic_grow_drop(&r->body.allocator, &r->_grow, r->body.secret); /* the body is whole */
    return result;
}

static seismic_result _seismic_http_response_eof(_seismic_http_response *r, bool *done, seismic_error *err) {
    seismic_result result;
    *done = false;
    switch (r->_state) {
    case _SEISMIC_HTTP_DONE:
        *done = true;
        return SEISMIC_OK;
    case _SEISMIC_HTTP_BODY_CLOSE:
        r->_state = _SEISMIC_HTTP_DONE;
        *done = true;
        _seismic_grow_drop(&r->body.allocator, &r->_grow, r->body.secret);
        return SEISMIC_OK;
    case _SEISMIC_HTTP_FAILED:
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "http: the response parser failed earlier; reset it");
    case _SEISMIC_HTTP_STATUS_LINE:
    case _SEISMIC_HTTP_HEADERS:
        result = r->_header_bytes ? _seismic_fail(err, SEISMIC_ERR_PARSE, "http: connection closed inside the response headers")
                                  : _seismic_fail(err, SEISMIC_ERR_PARSE, "http: connection closed before a response");
        break;
    case _SEISMIC_HTTP_BODY_LENGTH:
        result = _seismic_fail(err, SEISMIC_ERR_PARSE, "http: connection closed after %zu of %lld body bytes", r->body.len,
                               (long long)r->content_length);
        break;
    default:
        result = _seismic_fail(err, SEISMIC_ERR_PARSE, "http: connection closed inside the chunked body after %zu bytes", r->body.len);
        break;
    }
    r->_state = _SEISMIC_HTTP_FAILED;
    return result;
}

/*---- WebSocket ----*/

static seismic_result _seismic_ws_make_key(char key[25]) {
    uint8_t nonce[16];
    if (seismic_random_bytes(nonce, sizeof nonce) != SEISMIC_OK) return SEISMIC_ERR_RANDOM;
    seismic_base64_encode(nonce, sizeof nonce, key);
    return SEISMIC_OK;
}

static void _seismic_ws_accept_for_key(const char *key, char accept[29]) {
    static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    br_sha1_context sha1;
    uint8_t digest[20];
    br_sha1_init(&sha1);
    br_sha1_update(&sha1, key, strlen(key));
    br_sha1_update(&sha1, guid, sizeof guid - 1);
    br_sha1_out(&sha1, digest);
    seismic_base64_encode(digest, sizeof digest, accept);
}

static void _seismic_ws_write_handshake(seismic_buf *out, const seismic_url *url, const char key[25]) {
    _seismic_http_put_start(out, "GET", url);
    seismic_buf_append_str(out, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ");
    seismic_buf_append(out, key, 24);
    seismic_buf_append_str(out, "\r\nSec-WebSocket-Version: 13\r\n\r\n");
}

static void _seismic_ws_write_frame(seismic_buf *out, int opcode, bool fin, const void *payload, size_t len,
                                        const uint8_t *mask) {
    uint8_t header[14], key[4];
    size_t n = 0;
    if (mask) memcpy(key, mask, 4);
    else if (seismic_random_bytes(key, 4) != SEISMIC_OK) {
        out->failed = true; /* an unmasked or predictable frame must not be sent */
        return;
    }
    header[n++] = (uint8_t)((fin ? 0x80 : 0) | (opcode & 0x0f));
    if (len < 126) {
        header[n++] = (uint8_t)(0x80 | len);
    } else if (len <= 0xffff) {
        header[n++] = 0x80 | 126;
        header[n++] = (uint8_t)(len >> 8);
        header[n++] = (uint8_t)len;
    } else {
        header[n++] = 0x80 | 127;
        for (int shift = 56; shift >= 0; shift -= 8) header[n++] = (uint8_t)((uint64_t)len >> shift);
    }
    memcpy(header + n, key, 4);
    n += 4;
    if (!seismic_buf_reserve(out, n + len)) return;
    uint8_t *dst = out->data + out->len;
    const uint8_t *src = (const uint8_t *)payload;
    memcpy(dst, header, n);
    dst += n;
    for (size_t i = 0; i < len; i++) dst[i] = src[i] ^ key[i & 3];
    out->len += n + len;
}

static void _seismic_ws_parser_init(_seismic_ws_parser *p, size_t max_message_bytes, seismic_allocator allocator) {
    memset(p, 0, sizeof *p);
    p->max_message_bytes = max_message_bytes ? max_message_bytes : 64 * 1024 * 1024;
    p->message.allocator = allocator;
    p->_header_need = 2;
}

static void _seismic_ws_parser_free(_seismic_ws_parser *p) {
    _seismic_grow_drop(&p->message.allocator, &p->_grow, p->message.secret);
    seismic_buf_free(&p->message);
}

/* Checks UTF-8 from *pos on, 8 ASCII bytes at a time; *pos ends after the last whole sequence. Unless
   final, a sequence the bytes so far cut short waits for the rest, so bytes arriving in pieces are each
   checked once. */
static bool _seismic_utf8_scan(const uint8_t *s, size_t n, size_t *pos, bool final) {
    size_t i = *pos;
    bool valid = true;
    while (i < n) {
        uint64_t word;
        if (n - i >= 8) {
            memcpy(&word, s + i, 8);
            if (!(word & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = _seismic_json_utf8_len(s + i, n - i);
        if (!k) {
            valid = !final && n - i < 4;
            break;
        }
        i += k;
    }
    *pos = i;
    return valid;
}

static bool _seismic_utf8_valid(const uint8_t *s, size_t n) {
    size_t pos = 0;
    return _seismic_utf8_scan(s, n, &pos, true);
}

/* A text message's UTF-8, from where the previous fragment's check stopped. */
static bool _seismic_ws_utf8_advance(_seismic_ws_parser *p, bool final) {
    return _seismic_utf8_scan(p->message.data, p->message.len, &p->_utf8_checked, final);
}

/* The first two header bytes: everything that can be rejected before the length is known. */
static seismic_result _seismic_ws_check_start(_seismic_ws_parser *p, seismic_error *err) {
    uint8_t b0 = p->_header[0], b1 = p->_header[1], opcode = b0 & 0x0f, len7 = b1 & 0x7f;
    bool fin = (b0 & 0x80) != 0;
    if (b0 & 0x70) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: reserved bits 0x%02x set without an extension", b0 & 0x70);
    if (opcode > _SEISMIC_WS_BINARY && (opcode < _SEISMIC_WS_CLOSE || opcode > _SEISMIC_WS_PONG))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: unknown opcode 0x%x", opcode);
    if (b1 & 0x80) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: the server sent a masked frame");
    if (opcode >= _SEISMIC_WS_CLOSE) {
        if (!fin) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: fragmented control frame (opcode 0x%x)", opcode);
        if (len7 > 125) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: control frame longer than 125 bytes");
    } else if (opcode == _SEISMIC_WS_CONTINUATION && !p->_fragmented) {
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: continuation frame without a started message");
    } else if (opcode != _SEISMIC_WS_CONTINUATION && p->_fragmented) {
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: new data frame inside a fragmented message");
    }
    p->_opcode = opcode;
    p->_fin = fin;
    p->_header_need = (uint8_t)(2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0));
    return SEISMIC_OK;
}

/* Consumes header bytes; when the header is complete, checks the length and enters the payload. */
static seismic_result _seismic_ws_read_header(_seismic_ws_parser *p, const uint8_t *data, size_t len, size_t *pos,
                                              seismic_error *err) {
    for (;;) {
        while (p->_header_len < p->_header_need && *pos < len) p->_header[p->_header_len++] = data[(*pos)++];
        if (p->_header_len < p->_header_need) return SEISMIC_OK;
        if (p->_header_len > 2) break;
        seismic_result result = _seismic_ws_check_start(p, err);
        if (result) return result;
        if (p->_header_need == 2) break;
    }
    uint64_t length = p->_header[1] & 0x7f;
    if (p->_header_need > 2) {
        length = 0;
        for (uint8_t i = 2; i < p->_header_need; i++) length = length << 8 | p->_header[i];
        if (length >> 63) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: 64-bit frame length with the top bit set");
    }
    if (p->_opcode >= _SEISMIC_WS_CLOSE) {
        p->_control_len = 0;
    } else {
        if (p->_opcode != _SEISMIC_WS_CONTINUATION) {
            p->message.len = p->_utf8_checked = 0;
            p->_message_opcode = p->_opcode;
        }
        if (length > p->max_message_bytes - p->message.len)
            return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "websocket: message of %llu+ bytes over the %zu-byte limit",
                                 (unsigned long long)(p->message.len + length), p->max_message_bytes);
        /* a message's first frame is reserved whole; later fragments grow it as they arrive */
        if (!p->message.len && !_seismic_buf_reserve_within(&p->message, (size_t)length, p->max_message_bytes))
            return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "websocket: out of memory for a %llu-byte frame", (unsigned long long)length);
    }
    p->_remaining = length;
    p->_in_payload = true;
    return SEISMIC_OK;
}

static bool _seismic_ws_close_code_valid(unsigned code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/* The current frame's payload is complete: an event, or part of a message. */
static seismic_result _seismic_ws_finish_frame(_seismic_ws_parser *p, _seismic_ws_event *event, seismic_error *err) {
    p->_in_payload = false;
    p->_header_len = 0;
    p->_header_need = 2;
    if (p->_opcode >= _SEISMIC_WS_CLOSE) {
        const uint8_t *payload = p->_control;
        size_t len = p->_control_len;
        uint16_t code = 0;
        if (p->_opcode == _SEISMIC_WS_CLOSE) {
            code = 1005; /* "no status received" */
            if (len == 1) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: close frame with a 1-byte payload");
            if (len >= 2) {
                code = (uint16_t)(payload[0] << 8 | payload[1]);
                if (!_seismic_ws_close_code_valid(code)) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: bad close code %u", code);
                payload += 2;
                len -= 2;
                if (!_seismic_utf8_valid(payload, len)) return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: close reason is not valid UTF-8");
            }
        }
        event->opcode = p->_opcode;
        event->payload = payload;
        event->len = len;
        event->close_code = code;
        event->type = p->_opcode == _SEISMIC_WS_CLOSE ? _SEISMIC_WS_EVENT_CLOSE
                      : p->_opcode == _SEISMIC_WS_PING ? _SEISMIC_WS_EVENT_PING
                                                      : _SEISMIC_WS_EVENT_PONG;
        return SEISMIC_OK;
    }
    p->_fragmented = !p->_fin;
    if (!p->_fin) return SEISMIC_OK;
    _seismic_grow_drop(&p->message.allocator, &p->_grow, p->message.secret); /* the message is whole */
    if (p->_message_opcode == _SEISMIC_WS_TEXT && !_seismic_ws_utf8_advance(p, true))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: text message of %zu bytes is not valid UTF-8", p->message.len);
    event->opcode = p->_message_opcode;
    event->payload = p->message.data;
    event->len = p->message.len;
    event->type = _SEISMIC_WS_EVENT_MESSAGE;
    return SEISMIC_OK;
}

static seismic_result _seismic_ws_parser_feed(_seismic_ws_parser *p, const uint8_t *data, size_t len, size_t *consumed,
                                                  _seismic_ws_event *event, seismic_error *err) {
    seismic_result result = SEISMIC_OK;
    size_t pos = 0;
    memset(event, 0, sizeof *event);
    if (p->_failed) result = _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: the parser failed earlier");
    while (result == SEISMIC_OK && event->type == _SEISMIC_WS_EVENT_NONE) {
        if (p->_in_payload) {
            size_t n = len - pos < p->_remaining ? len - pos : (size_t)p->_remaining;
            if (p->_opcode >= _SEISMIC_WS_CLOSE) {
                if (n) memcpy(p->_control + p->_control_len, data + pos, n);
                p->_control_len = (uint8_t)(p->_control_len + n);
            } else if (!_seismic_grow_append(&p->message, &p->_grow, data + pos, n, p->max_message_bytes)) {
                result = _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "websocket: out of memory for a message");
                break;
            } else if (p->_message_opcode == _SEISMIC_WS_TEXT && !_seismic_ws_utf8_advance(p, false)) {
                result = _seismic_fail(err, SEISMIC_ERR_PARSE, "websocket: text message of %zu bytes is not valid UTF-8",
                                       p->message.len);
                break;
            }
            pos += n;
            p->_remaining -= n;
            if (p->_remaining) break;
            result = _seismic_ws_finish_frame(p, event, err);
        } else {
            if (pos == len) break;
            result = _seismic_ws_read_header(p, data, len, &pos, err);
        }
    }
    if (result) {
        p->_failed = true;
        event->type = _SEISMIC_WS_EVENT_NONE;
    }
    *consumed = pos;
    return result;
}

/*==== 9b. sockets and TLS ========================================================================*/

/* --- platform: clock, sockets, readiness (POSIX and Winsock2; every platform branch is here) --- */

#if defined(_WIN32)
typedef SOCKET _seismic_sock_t; /* also the type of struct pollfd's fd */
#define _SEISMIC_NO_SOCK INVALID_SOCKET
#else
typedef int _seismic_sock_t;
#define _SEISMIC_NO_SOCK (-1)
#endif

static uint64_t _seismic_monotonic_ms(void *user_data) {
    _SEISMIC_UNUSED(user_data);
#if defined(_WIN32)
    LARGE_INTEGER frequency, counter; /* GetTickCount64 is only ~15 ms fine */
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&counter);
    uint64_t f = (uint64_t)frequency.QuadPart, t = (uint64_t)counter.QuadPart;
    return t / f * 1000u + t % f * 1000u / f;
#else
    struct timespec t;
    _SEISMIC_UNUSED(user_data);
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
#endif
}

/* Winsock counts WSAStartup calls, so each client starts and cleans up its own: no global state. */
static bool _seismic_net_startup(seismic_error *err) {
#if defined(_WIN32)
    WSADATA data;
    int rc = WSAStartup(MAKEWORD(2, 2), &data);
    if (rc != 0) {
        _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "client: WSAStartup failed (error %d)", rc);
        return false;
    }
#else
    _SEISMIC_UNUSED(err);
#endif
    return true;
}

static void _seismic_net_cleanup(void) {
#if defined(_WIN32)
    WSACleanup();
#endif
}

static int _seismic_net_errno(void) {
#if defined(_WIN32)
    return WSAGetLastError();
#else
    return errno;
#endif
}

/* The call would block (try again when ready). */
static bool _seismic_net_again(int e) {
#if defined(_WIN32)
    return e == WSAEWOULDBLOCK || e == WSAEINTR;
#else
    return e == EAGAIN || e == EWOULDBLOCK || e == EINTR;
#endif
}

/* A non-blocking connect that has started. */
static bool _seismic_net_in_progress(int e) {
#if defined(_WIN32)
    return e == WSAEWOULDBLOCK || e == WSAEINPROGRESS;
#else
    return e == EINPROGRESS || e == EINTR;
#endif
}

static const char *_seismic_net_strerror(int e, char *buf, size_t cap) {
#if defined(_WIN32)
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)e, 0, buf,
                             (DWORD)cap, NULL);
    while (n > 0 && (buf[n - 1] == '\r' || buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '.')) buf[--n] = 0;
    if (n == 0) snprintf(buf, cap, "Winsock error %d", e);
#else
    snprintf(buf, cap, "%s", strerror(e));
#endif
    return buf;
}

/* A non-blocking, not inherited socket (TCP_NODELAY for streams, no SIGPIPE where the OS can). */
static _seismic_sock_t _seismic_sock_open(int family, int type, int *error) {
    int one = 1;
#if defined(_WIN32)
#ifndef WSA_FLAG_NO_HANDLE_INHERIT
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80
#endif
    u_long non_blocking = 1;
    SOCKET s = WSASocketW(family, type, 0, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET || ioctlsocket(s, FIONBIO, &non_blocking) != 0) {
        *error = WSAGetLastError();
        if (s != INVALID_SOCKET) closesocket(s);
        return INVALID_SOCKET;
    }
#else
    int s = socket(family, type, 0);
    if (s < 0 || fcntl(s, F_SETFL, fcntl(s, F_GETFL, 0) | O_NONBLOCK) != 0 || fcntl(s, F_SETFD, FD_CLOEXEC) != 0) {
        *error = errno;
        if (s >= 0) close(s);
        return -1;
    }
#ifdef SO_NOSIGPIPE
    setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one); /* per socket: no process-wide signal() */
#endif
#endif
    if (type == SOCK_STREAM) setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
    return s;
}

static void _seismic_sock_close(_seismic_sock_t s) {
#if defined(_WIN32)
    closesocket(s);
#else
    close(s);
#endif
}

/* Starts connecting: 0 when connected or under way, else the error number. */
static int _seismic_sock_connect(_seismic_sock_t s, const struct sockaddr *addr, socklen_t len) {
    if (connect(s, addr, len) == 0) return 0;
    int e = _seismic_net_errno();
    return _seismic_net_in_progress(e) ? 0 : e;
}

/* The outcome of a non-blocking connect once the socket is writable (or in error): 0 or the error. */
static int _seismic_sock_error(_seismic_sock_t s) {
    int so_error = 0;
    socklen_t len = sizeof so_error;
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&so_error, &len) != 0) so_error = _seismic_net_errno();
    return so_error;
}

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

/* Bytes moved, SEISMIC_IO_AGAIN or SEISMIC_IO_ERROR (recv: 0 when the peer closed). */
static ptrdiff_t _seismic_sock_send(_seismic_sock_t s, const void *data, size_t len) {
#if defined(_WIN32)
    int n = send(s, (const char *)data, len > 0x40000000u ? 0x40000000 : (int)len, 0);
#else
    ssize_t n = send(s, data, len, MSG_NOSIGNAL);
#endif
    if (n >= 0) return (ptrdiff_t)n;
    return _seismic_net_again(_seismic_net_errno()) ? SEISMIC_IO_AGAIN : SEISMIC_IO_ERROR;
}

static ptrdiff_t _seismic_sock_recv(_seismic_sock_t s, void *buf, size_t len) {
#if defined(_WIN32)
    int n = recv(s, (char *)buf, len > 0x40000000u ? 0x40000000 : (int)len, 0);
#else
    ssize_t n = recv(s, buf, len, 0);
#endif
    if (n >= 0) return (ptrdiff_t)n;
    return _seismic_net_again(_seismic_net_errno()) ? SEISMIC_IO_AGAIN : SEISMIC_IO_ERROR;
}

/* Waits up to wait_ms for any of fds (poll semantics; n may be 0: then it only sleeps). Windows uses
   select with exceptfds, where a refused non-blocking connect is reported; its fd_sets are sized at run
   time (select reads fd_count entries) in scratch. Returns < 0 on failure. */
static int _seismic_net_wait(struct pollfd *fds, int n, int wait_ms, seismic_buf *scratch) {
#if defined(_WIN32)
    if (n == 0) { /* select and WSAPoll fail at once on empty sets */
        Sleep((DWORD)(wait_ms < 0 ? 0 : wait_ms));
        return 0;
    }
    size_t set_size = offsetof(fd_set, fd_array) + (size_t)n * sizeof(SOCKET);
    scratch->len = 0;
    if (!seismic_buf_reserve(scratch, 3 * set_size)) return -1;
    fd_set *sets[3];
    for (int i = 0; i < 3; i++) {
        sets[i] = (fd_set *)(void *)(scratch->data + (size_t)i * set_size);
        sets[i]->fd_count = 0;
    }
    for (int k = 0; k < n; k++) {
        SOCKET *slots[3];
        for (int i = 0; i < 3; i++) slots[i] = (SOCKET *)(void *)((uint8_t *)sets[i] + offsetof(fd_set, fd_array));
        slots[0][sets[0]->fd_count++] = fds[k].fd;
        if (fds[k].events & POLLOUT) slots[1][sets[1]->fd_count++] = fds[k].fd;
        slots[2][sets[2]->fd_count++] = fds[k].fd;
    }
    struct timeval tv;
    tv.tv_sec = wait_ms / 1000;
    tv.tv_usec = (wait_ms % 1000) * 1000;
    if (select(0, sets[0], sets[1], sets[2], wait_ms < 0 ? NULL : &tv) == SOCKET_ERROR) return -1;
    for (int k = 0; k < n; k++)
        fds[k].revents = (short)((FD_ISSET(fds[k].fd, sets[0]) ? POLLIN : 0) | (FD_ISSET(fds[k].fd, sets[1]) ? POLLOUT : 0) |
                                 (FD_ISSET(fds[k].fd, sets[2]) ? POLLERR : 0));
    return 0;
#else
    _SEISMIC_UNUSED(scratch);
    for (int k = 0; k < n; k++) fds[k].revents = 0;
    return poll(fds, (nfds_t)n, wait_ms) < 0 && errno != EINTR ? -1 : 0;
#endif
}

/* Adds a descriptor to a pollfd array: always counted, written only while it fits. */
static void _seismic_pollfd_add(struct pollfd *fds, int cap, int *n, _seismic_sock_t fd, short events) {
    if (*n < cap) {
        fds[*n].fd = fd;
        fds[*n].events = events;
        fds[*n].revents = 0;
    }
    (*n)++;
}

static short _seismic_pollfd_revents(const struct pollfd *fds, int count, _seismic_sock_t fd) {
    short revents = 0;
    for (int k = 0; k < count; k++)
        if (fds[k].fd == fd) revents |= fds[k].revents;
    return revents;
}

/* --- IP addresses --- */

typedef struct _seismic_ip {
    uint8_t family; /* 4 or 6 */
    uint8_t bytes[16];
} _seismic_ip;

static bool _seismic_ip_parse(const char *text, _seismic_ip *ip) {
    memset(ip, 0, sizeof *ip);
    if (inet_pton(AF_INET, text, ip->bytes) == 1) {
        ip->family = 4;
        return true;
    }
    if (inet_pton(AF_INET6, text, ip->bytes) == 1) {
        ip->family = 6;
        return true;
    }
    return false;
}

static socklen_t _seismic_ip_sockaddr(const _seismic_ip *ip, uint16_t port, struct sockaddr_storage *out) {
    memset(out, 0, sizeof *out);
    if (ip->family == 6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)(void *)out;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        memcpy(&a->sin6_addr, ip->bytes, 16);
        return (socklen_t)sizeof *a;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)(void *)out;
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    memcpy(&a->sin_addr, ip->bytes, 4);
    return (socklen_t)sizeof *a;
}

static const char *_seismic_ip_string(const _seismic_ip *ip, char *buf, size_t cap) {
    if (!inet_ntop(ip->family == 6 ? AF_INET6 : AF_INET, (void *)ip->bytes, buf, (socklen_t)cap)) snprintf(buf, cap, "?");
    return buf;
}

/* "IP", "IP:port", "[IPv6]" or "[IPv6]:port". */
static bool _seismic_ip_port_parse(const char *text, uint16_t default_port, _seismic_ip *ip, uint16_t *port) {
    char host[64];
    const char *port_text = NULL;
    size_t len = strlen(text);
    *port = default_port;
    if (text[0] == '[') {
        const char *end = strchr(text, ']');
        if (!end || (size_t)(end - text - 1) >= sizeof host) return false;
        memcpy(host, text + 1, (size_t)(end - text - 1));
        host[end - text - 1] = 0;
        if (end[1] == ':') port_text = end + 2;
        else if (end[1]) return false;
    } else {
        const char *colon = strchr(text, ':');
        if (colon && !strchr(colon + 1, ':')) { /* one colon: IPv4 with a port */
            len = (size_t)(colon - text);
            port_text = colon + 1;
        }
        if (len >= sizeof host) return false;
        memcpy(host, text, len);
        host[len] = 0;
    }
    if (port_text) {
        unsigned long v = 0;
        if (!*port_text) return false;
        for (const char *p = port_text; *p; p++) {
            if (*p < '0' || *p > '9' || (v = v * 10 + (unsigned long)(*p - '0')) > 65535) return false;
        }
        if (v == 0) return false;
        *port = (uint16_t)v;
    }
    return _seismic_ip_parse(host, ip);
}

/* --- DNS messages (RFC 1035): queries, and answers checked against the query --- */

#define _SEISMIC_DNS_ADDRS 4         /* addresses kept per family */
#define _SEISMIC_DNS_TYPE_A 1
#define _SEISMIC_DNS_TYPE_CNAME 5
#define _SEISMIC_DNS_TYPE_AAAA 28
#define _SEISMIC_DNS_TYPE_SOA 6
#define _SEISMIC_DNS_MAX_TTL 3600u   /* cap, so a bad TTL cannot pin an address for days */
#define _SEISMIC_DNS_MAX_NEGATIVE_TTL 300u /* cap of a cached "no such name" (RFC 2308 allows hours) */

typedef struct _seismic_dns_answer {
    uint8_t rcode;    /* 0 ok, 3 no such name, other: the server failed */
    bool truncated;   /* TC: ask again over TCP */
    uint8_t count;
    uint8_t addrs[_SEISMIC_DNS_ADDRS][16]; /* 4 bytes used for A */
    uint32_t ttl;     /* the smallest TTL of the records used */
    bool negative_soa; /* no address, and the zone's SOA came along: the negative answer may be cached */
    uint32_t negative_ttl; /* then for min(SOA TTL, SOA MINIMUM) s (RFC 2308), capped */
} _seismic_dns_answer;

/* A host name we may ask for: 1..63-byte labels of letters, digits, '-' and '_', at most 253 bytes,
   written to out in lower case without a trailing dot. */
static bool _seismic_dns_name_valid(const char *host, char out[256]) {
    size_t len = strlen(host), label = 0;
    if (len && host[len - 1] == '.') len--;
    if (len == 0 || len > 253) return false;
    for (size_t i = 0; i < len; i++) {
        char ch = host[i];
        if (ch == '.') {
            if (label == 0) return false;
            label = 0;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                   ch == '_') {
            if (++label > 63) return false;
        } else {
            return false;
        }
        out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
    }
    out[len] = 0;
    return label > 0;
}

/* Writes a recursive query for name (validated) into out (>= 512 bytes); returns its length. */
static size_t _seismic_dns_query(uint8_t *out, uint16_t id, const char *name, uint16_t qtype) {
    size_t n = 12;
    memset(out, 0, 12);
    out[0] = (uint8_t)(id >> 8);
    out[1] = (uint8_t)id;
    out[2] = 0x01; /* RD */
    out[5] = 1;    /* one question */
    for (const char *label = name; *label;) {
        const char *dot = strchr(label, '.');
        size_t len = dot ? (size_t)(dot - label) : strlen(label);
        out[n++] = (uint8_t)len;
        memcpy(out + n, label, len);
        n += len;
        label += len + (dot ? 1 : 0);
    }
    out[n++] = 0;
    out[n++] = (uint8_t)(qtype >> 8);
    out[n++] = (uint8_t)qtype;
    out[n++] = 0;
    out[n++] = 1; /* IN */
    return n;
}

/* Reads a (possibly compressed) name at *pos into out, lower case and dotted ("" for the root).
   Compression pointers must point backwards, so a hostile message cannot loop. */
static bool _seismic_dns_read_name(const uint8_t *m, size_t len, size_t *pos, char out[256]) {
    size_t p = *pos, o = 0;
    bool jumped = false;
    for (;;) {
        if (p >= len) return false;
        uint8_t l = m[p];
        if ((l & 0xc0) == 0xc0) {
            if (p + 1 >= len) return false;
            size_t target = ((size_t)(l & 0x3f) << 8) | m[p + 1];
            if (target >= p) return false;
            if (!jumped) *pos = p + 2;
            jumped = true;
            p = target;
            continue;
        }
        if (l & 0xc0) return false; /* reserved label types */
        p++;
        if (l == 0) break;
        if (p + l > len || o + l + 1 > 254) return false;
        if (o) out[o++] = '.';
        for (size_t i = 0; i < l; i++) {
            uint8_t ch = m[p + i];
            if (ch == 0 || ch == '.') return false; /* would not compare label by label */
            out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        }
        p += l;
    }
    out[o] = 0;
    if (!jumped) *pos = p;
    return true;
}

static uint16_t _seismic_dns_u16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }

/* Checks that m answers our query (same id, one question equal to qname/qtype/IN) and collects the
   addresses of type qtype owned by qname or by the CNAME chain from it. False: not an answer to this
   query (ignore it). */
static bool _seismic_dns_parse(const uint8_t *m, size_t len, uint16_t id, const char *qname, uint16_t qtype,
                               _seismic_dns_answer *out) {
    char name[256], target[256];
    memset(out, 0, sizeof *out);
    if (len < 12 || _seismic_dns_u16(m) != id) return false;
    if (!(m[2] & 0x80) || (m[2] & 0x78) != 0) return false; /* QR = response, opcode QUERY */
    if (_seismic_dns_u16(m + 4) != 1) return false;
    size_t pos = 12;
    if (!_seismic_dns_read_name(m, len, &pos, name) || pos + 4 > len || strcmp(name, qname) != 0) return false;
    if (_seismic_dns_u16(m + pos) != qtype || _seismic_dns_u16(m + pos + 2) != 1) return false;
    pos += 4;
    out->rcode = m[3] & 0x0f;
    out->truncated = (m[2] & 0x02) != 0;
    if (out->truncated || (out->rcode != 0 && out->rcode != 3)) return true;
    uint32_t ttl = _SEISMIC_DNS_MAX_TTL;
    size_t want = qtype == _SEISMIC_DNS_TYPE_A ? 4 : 16;
    snprintf(target, sizeof target, "%s", qname);
    for (unsigned an = _seismic_dns_u16(m + 6); an > 0; an--) {
        if (!_seismic_dns_read_name(m, len, &pos, name) || pos + 10 > len) return false;
        uint16_t type = _seismic_dns_u16(m + pos), klass = _seismic_dns_u16(m + pos + 2);
        uint32_t rr_ttl = (uint32_t)_seismic_dns_u16(m + pos + 4) << 16 | _seismic_dns_u16(m + pos + 6);
        size_t rdlen = _seismic_dns_u16(m + pos + 8);
        pos += 10;
        if (pos + rdlen > len) return false;
        bool ours = klass == 1 && strcmp(name, target) == 0;
        if (ours && type == _SEISMIC_DNS_TYPE_CNAME) {
            size_t at = pos;
            if (!_seismic_dns_read_name(m, pos + rdlen, &at, target)) return false;
            if (rr_ttl < ttl) ttl = rr_ttl;
        } else if (ours && type == qtype && rdlen == want && out->count < _SEISMIC_DNS_ADDRS && out->rcode == 0) {
            memcpy(out->addrs[out->count++], m + pos, want);
            if (rr_ttl < ttl) ttl = rr_ttl;
        }
        pos += rdlen;
    }
    out->ttl = out->count ? ttl : 0;
    if (out->count) return true;
    /* no address: the authority section's SOA of a zone holding the name says how long that holds */
    for (unsigned ns = _seismic_dns_u16(m + 8); ns > 0; ns--) {
        if (!_seismic_dns_read_name(m, len, &pos, name) || pos + 10 > len) return true; /* unusable, not cacheable */
        uint16_t type = _seismic_dns_u16(m + pos), klass = _seismic_dns_u16(m + pos + 2);
        uint32_t rr_ttl = (uint32_t)_seismic_dns_u16(m + pos + 4) << 16 | _seismic_dns_u16(m + pos + 6);
        size_t rdlen = _seismic_dns_u16(m + pos + 8), at = pos + 10, end = pos + 10 + rdlen, zone = strlen(name),
               tlen = strlen(target);
        pos = end;
        if (end > len) return true;
        bool holds = zone == 0 || (tlen >= zone && strcmp(target + tlen - zone, name) == 0 &&
                                   (tlen == zone || target[tlen - zone - 1] == '.'));
        if (type != _SEISMIC_DNS_TYPE_SOA || klass != 1 || !holds) continue;
        char mname[256], rname[256];
        if (!_seismic_dns_read_name(m, end, &at, mname) || !_seismic_dns_read_name(m, end, &at, rname) || at + 20 != end)
            return true;
        uint32_t minimum = (uint32_t)_seismic_dns_u16(m + at + 16) << 16 | _seismic_dns_u16(m + at + 18);
        out->negative_soa = true;
        out->negative_ttl = rr_ttl < minimum ? rr_ttl : minimum;
        if (out->negative_ttl > _SEISMIC_DNS_MAX_NEGATIVE_TTL) out->negative_ttl = _SEISMIC_DNS_MAX_NEGATIVE_TTL;
        return true;
    }
    return true;
}

/* --- the asynchronous resolver: UDP to the name servers, TCP after a truncated answer, a TTL cache --- */

#define _SEISMIC_DNS_ENTRIES 16       /* host names cached (and resolved at once) per client */
#define _SEISMIC_DNS_SERVERS 3
#define _SEISMIC_DNS_SEARCH 6         /* search domains, as glibc keeps */
#define _SEISMIC_DNS_TRIES 4          /* UDP sends per query, rotating over the servers */
#define _SEISMIC_DNS_FIRST_TRY_MS 800 /* doubled for each try */
#define _SEISMIC_DNS_TCP_MS 5000
#define _SEISMIC_DNS_SETTLE_MS 50     /* RFC 8305: after an IPv4 answer, wait this long for the IPv6 one */
#define _SEISMIC_DNS_HOSTS_TTL_MS 5000

enum { _SEISMIC_DNS_FREE = 0, _SEISMIC_DNS_PENDING, _SEISMIC_DNS_DONE, _SEISMIC_DNS_FAILED };

typedef struct _seismic_dns_entry {
    char host[256];       /* as asked, lower case, without a trailing dot */
    char qname[256];      /* the name asked of the server now: host, or host + a search domain */
    bool absolute;        /* asked with a trailing dot: no search domains */
    uint8_t candidate;    /* which of the names to try (_seismic_dns_candidate) qname is */
    uint8_t state;
    uint8_t pending;      /* queries not answered yet: bit 0 A, bit 1 AAAA */
    uint8_t tries;
    bool name_exists;     /* a name tried exists, without an address (else none exists) */
    bool negative_cacheable; /* every negative answer came with its zone's SOA */
    bool negative_cached; /* failed that way: the failure is the answer until expires */
    uint32_t negative_ttl; /* the smallest of their negative TTLs */
    uint16_t ids[2];      /* A, AAAA */
    _seismic_sock_t udp, tcp;
    bool tcp_connecting;
    seismic_buf tcp_out, tcp_in;
    size_t tcp_out_pos;
    uint64_t retry_at, settle_at, expires;
    uint32_t ttl;
    uint8_t count4, count6;
    uint8_t addr4[_SEISMIC_DNS_ADDRS][4], addr6[_SEISMIC_DNS_ADDRS][16];
    char error[240];
} _seismic_dns_entry;

typedef struct _seismic_net {
    seismic_resolver hook;
    seismic_allocator allocator;
    const char *dns_server;  /* desc override: "IP" or "IP:port" */
    bool servers_loaded;
    uint8_t server_count;
    _seismic_ip servers[_SEISMIC_DNS_SERVERS];
    uint16_t server_ports[_SEISMIC_DNS_SERVERS];
    /* relative names: tried with each search domain (resolv.conf search/domain; on Windows the DNS suffixes);
       a name with fewer than ndots dots is tried with them first, else as it is first */
    uint8_t ndots, search_count;
    bool search_multi_label; /* names with dots get the domains too (POSIX); Windows appends them to single labels only */
    char search[_SEISMIC_DNS_SEARCH][254];
    _seismic_dns_entry dns[_SEISMIC_DNS_ENTRIES];
} _seismic_net;

static void _seismic_net_add_server(_seismic_net *net, const char *text) {
    if (net->server_count < _SEISMIC_DNS_SERVERS &&
        _seismic_ip_port_parse(text, 53, &net->servers[net->server_count], &net->server_ports[net->server_count]))
        net->server_count++;
}

static void _seismic_net_add_search(_seismic_net *net, const char *domain) {
    char name[256];
    if (net->search_count == _SEISMIC_DNS_SEARCH || strcmp(domain, ".") == 0 || !_seismic_dns_name_valid(domain, name))
        return;
    for (uint8_t i = 0; i < net->search_count; i++)
        if (strcmp(net->search[i], name) == 0) return;
    memcpy(net->search[net->search_count++], name, strlen(name) + 1);
}

#if !defined(_WIN32)
/* One line of resolv.conf(5): nameserver (when servers is true), search and domain (the last of them wins),
   options ndots:N. */
static void _seismic_net_resolv_conf_line(_seismic_net *net, const char *line, bool servers) {
    char word[16], rest[512];
    if (sscanf(line, " %15s %511[^\r\n#;]", word, rest) != 2) return;
    if (servers && strcmp(word, "nameserver") == 0) {
        char address[128];
        if (sscanf(rest, "%127s", address) == 1 && !strchr(address, '%')) _seismic_net_add_server(net, address);
    } else if (strcmp(word, "search") == 0 || strcmp(word, "domain") == 0) {
        net->search_count = 0;
        for (char *p = rest; *p;) {
            char domain[256];
            int used = 0;
            if (sscanf(p, " %255s%n", domain, &used) != 1) break;
            _seismic_net_add_search(net, domain);
            p += used;
            if (strcmp(word, "domain") == 0) break;
        }
    } else if (strcmp(word, "options") == 0) {
        for (const char *p = strstr(rest, "ndots:"); p; p = strstr(p + 6, "ndots:")) {
            long n = strtol(p + 6, NULL, 10);
            if (p == rest || p[-1] == ' ' || p[-1] == '\t') net->ndots = (uint8_t)(n < 0 ? 0 : n > 15 ? 15 : n);
        }
    }
}
#endif

/* The k-th name to ask for e (host with or without a search domain), false past the last. */
static bool _seismic_dns_candidate(const _seismic_net *net, const _seismic_dns_entry *e, uint8_t k, char out[256]) {
    size_t dots = 0, len = strlen(e->host);
    for (size_t i = 0; i < len; i++) dots += e->host[i] == '.';
    bool searched = !e->absolute && (dots == 0 || net->search_multi_label);
    uint8_t domains = searched ? net->search_count : 0, as_is = dots >= net->ndots ? 0 : domains;
    for (uint8_t i = 0, n = 0; i <= domains; i++) {
        if (i == as_is) memcpy(out, e->host, len + 1);
        else {
            const char *domain = net->search[i < as_is ? i : i - 1];
            size_t domain_len = strlen(domain);
            if (len + 1 + domain_len > 253) continue; /* too long with this one */
            memcpy(out, e->host, len);
            out[len] = '.';
            memcpy(out + len + 1, domain, domain_len + 1);
        }
        if (n++ == k) return true;
    }
    return false;
}

#if defined(_WIN32)
/* A name server from an adapter's list: IPv4 or global IPv6; link-local ones (no scope here) and the fec0::
   site-local defaults Windows lists on adapters without IPv6 DNS are left out. */
static void _seismic_net_add_sockaddr(_seismic_net *net, const struct sockaddr *sa) {
    _seismic_ip ip;
    uint16_t port = 53;
    memset(&ip, 0, sizeof ip);
    if (sa->sa_family == AF_INET) {
        ip.family = 4;
        memcpy(ip.bytes, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        const uint8_t *b = (const uint8_t *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return; /* fe80::/10 */
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return; /* fec0::/10 */
        ip.family = 6;
        memcpy(ip.bytes, b, 16);
    } else {
        return;
    }
    for (uint8_t i = 0; i < net->server_count; i++)
        if (net->servers[i].family == ip.family && memcmp(net->servers[i].bytes, ip.bytes, ip.family == 4 ? 4 : 16) == 0) return;
    if (net->server_count < _SEISMIC_DNS_SERVERS) {
        net->servers[net->server_count] = ip;
        net->server_ports[net->server_count++] = port;
    }
}

static void _seismic_net_add_search_wide(_seismic_net *net, const wchar_t *domain) {
    char name[256];
    if (domain && WideCharToMultiByte(CP_UTF8, 0, domain, -1, name, sizeof name, NULL, NULL) > 1)
        _seismic_net_add_search(net, name);
}
#endif

/* The system's name servers and search domains: /etc/resolv.conf; on Windows the adapters' (GetAdaptersAddresses:
   IPv4 and IPv6 servers, connection-specific DNS suffixes) after the primary DNS suffix, GetNetworkParams' IPv4
   servers when no adapter lists one. desc.dns_server replaces the servers, not the search domains. */
static void _seismic_net_load_servers(_seismic_net *net) {
    net->servers_loaded = true;
    net->ndots = 1;
    if (net->dns_server) _seismic_net_add_server(net, net->dns_server);
    bool servers = net->server_count == 0;
#if defined(_WIN32)
    ULONG size = 0;
    FIXED_INFO *info = NULL;
    if (GetNetworkParams(NULL, &size) == ERROR_BUFFER_OVERFLOW && size > 0 &&
        (info = (FIXED_INFO *)_seismic_alloc(&net->allocator, size)) != NULL && GetNetworkParams(info, &size) == NO_ERROR) {
        if (info->DomainName[0]) _seismic_net_add_search(net, info->DomainName);
    } else if (info) {
        _seismic_free(&net->allocator, info);
        info = NULL;
    }
    ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_FRIENDLY_NAME;
    IP_ADAPTER_ADDRESSES *adapters = NULL;
    size = 15000; /* what Microsoft suggests; grown if GetAdaptersAddresses asks for more */
    for (int attempt = 0; attempt < 3; attempt++) {
        adapters = (IP_ADAPTER_ADDRESSES *)_seismic_alloc(&net->allocator, size);
        if (!adapters) break;
        ULONG rc = GetAdaptersAddresses(AF_UNSPEC, flags, NULL, adapters, &size);
        if (rc == NO_ERROR) break;
        _seismic_free(&net->allocator, adapters);
        adapters = NULL;
        if (rc != ERROR_BUFFER_OVERFLOW) break;
    }
    for (IP_ADAPTER_ADDRESSES *a = adapters; a; a = a->Next) {
        if (a->OperStatus != IfOperStatusUp || a->IfType == IF_TYPE_SOFTWARE_LOOPBACK) continue;
        if (servers)
            for (IP_ADAPTER_DNS_SERVER_ADDRESS *d = a->FirstDnsServerAddress; d; d = d->Next)
                if (d->Address.lpSockaddr) _seismic_net_add_sockaddr(net, d->Address.lpSockaddr);
        _seismic_net_add_search_wide(net, a->DnsSuffix);
    }
    _seismic_free(&net->allocator, adapters);
    if (servers && net->server_count == 0 && info)
        for (IP_ADDR_STRING *s = &info->DnsServerList; s; s = s->Next) _seismic_net_add_server(net, s->IpAddress.String);
    _seismic_free(&net->allocator, info);
#else
    FILE *f = fopen("/etc/resolv.conf", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) _seismic_net_resolv_conf_line(net, line, servers);
    if (f) fclose(f);
    net->search_multi_label = true;
    if (net->server_count == 0) _seismic_net_add_server(net, "127.0.0.1"); /* what the C library assumes too */
#endif
}

/* Looks host up in the hosts file; RFC 6761's "localhost" names are loopback even without one. */
static bool _seismic_hosts_lookup(_seismic_dns_entry *e) {
    char path[300], line[1024];
#if defined(_WIN32)
    const char *root = getenv("SystemRoot");
    snprintf(path, sizeof path, "%s\\System32\\drivers\\etc\\hosts", root ? root : "C:\\Windows");
#else
    snprintf(path, sizeof path, "/etc/hosts");
#endif
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f)) { /* "address name alias... # comment" */
        char *p = line, address[64] = "";
        _seismic_ip ip;
        for (int word = 0;; word++) {
            char text[256], name[256];
            size_t len = 0;
            while (*p == ' ' || *p == '\t') p++;
            while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && *p != '#') {
                if (len + 1 < sizeof text) text[len++] = *p;
                p++;
            }
            text[len] = 0;
            if (len == 0) break;
            if (word == 0) snprintf(address, sizeof address, "%.63s", text);
            else if (_seismic_dns_name_valid(text, name) && strcmp(name, e->host) == 0 && _seismic_ip_parse(address, &ip)) {
                if (ip.family == 4 && e->count4 < _SEISMIC_DNS_ADDRS) memcpy(e->addr4[e->count4++], ip.bytes, 4);
                if (ip.family == 6 && e->count6 < _SEISMIC_DNS_ADDRS) memcpy(e->addr6[e->count6++], ip.bytes, 16);
                break;
            }
        }
    }
    if (f) fclose(f);
    size_t len = strlen(e->host);
    if (!e->count4 && !e->count6 &&
        (strcmp(e->host, "localhost") == 0 || (len > 10 && strcmp(e->host + len - 10, ".localhost") == 0))) {
        static const uint8_t v4[4] = {127, 0, 0, 1}, v6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        memcpy(e->addr6[e->count6++], v6, 16);
        memcpy(e->addr4[e->count4++], v4, 4);
    }
    return e->count4 || e->count6;
}

static void _seismic_dns_close(_seismic_dns_entry *e) {
    if (e->udp != _SEISMIC_NO_SOCK) _seismic_sock_close(e->udp);
    if (e->tcp != _SEISMIC_NO_SOCK) _seismic_sock_close(e->tcp);
    e->udp = e->tcp = _SEISMIC_NO_SOCK;
    seismic_buf_free(&e->tcp_out);
    seismic_buf_free(&e->tcp_in);
}

static void _seismic_dns_end(_seismic_dns_entry *e, uint64_t now, const char *why) {
    _seismic_dns_close(e);
    if (e->count4 || e->count6) {
        e->state = _SEISMIC_DNS_DONE;
        e->expires = now + (uint64_t)e->ttl * 1000u;
    } else {
        e->state = _SEISMIC_DNS_FAILED;
        if (why) snprintf(e->error, sizeof e->error, "cannot resolve %.100s: %.120s", e->host, why);
        else if (!e->error[0]) { /* every name tried was answered: no such name, or no address */
            snprintf(e->error, sizeof e->error, "cannot resolve %.100s: %s%s", e->host,
                     e->name_exists ? "the name has no IPv4 or IPv6 address" : "no such host",
                     e->candidate ? " (also with the search domains)" : "");
            e->negative_cached = e->negative_cacheable;
            e->expires = now + (uint64_t)e->negative_ttl * 1000u;
        }
    }
}

/* Ends the query with an error: "what" and, when given, "what: detail". */
static void _seismic_dns_fail(_seismic_dns_entry *e, uint64_t now, const char *what, const char *detail) {
    char why[160];
    snprintf(why, sizeof why, "%.50s%s%.100s", what, detail ? ": " : "", detail ? detail : "");
    e->count4 = e->count6 = 0;
    _seismic_dns_end(e, now, why);
}

/* Sends the unanswered queries over UDP to the server of this try. */
static void _seismic_dns_send(_seismic_net *net, _seismic_dns_entry *e, uint64_t now) {
    uint8_t query[512];
    struct sockaddr_storage sa;
    char why[100];
    uint8_t server = (uint8_t)(e->tries % net->server_count);
    socklen_t sa_len = _seismic_ip_sockaddr(&net->servers[server], net->server_ports[server], &sa);
    int error = 0;
    if (e->udp != _SEISMIC_NO_SOCK && net->server_count > 1) { /* a new socket for the next server */
        _seismic_sock_close(e->udp);
        e->udp = _SEISMIC_NO_SOCK;
    }
    if (e->udp == _SEISMIC_NO_SOCK &&
        ((e->udp = _seismic_sock_open(sa.ss_family, SOCK_DGRAM, &error)) == _SEISMIC_NO_SOCK ||
         (error = _seismic_sock_connect(e->udp, (struct sockaddr *)&sa, sa_len)) != 0)) {
        _seismic_dns_fail(e, now, "name server socket", _seismic_net_strerror(error, why, sizeof why));
        return;
    }
    /* a connected UDP socket only receives from its server */
    for (int t = 0; t < 2; t++)
        if (e->pending & (1u << t))
            _seismic_sock_send(e->udp, query,
                               _seismic_dns_query(query, e->ids[t], e->qname, t ? _SEISMIC_DNS_TYPE_AAAA : _SEISMIC_DNS_TYPE_A));
    e->retry_at = now + ((uint64_t)_SEISMIC_DNS_FIRST_TRY_MS << e->tries);
    e->tries++;
}

/* A truncated UDP answer: ask the same server again over TCP (same ids), for what is still pending. */
static void _seismic_dns_start_tcp(_seismic_net *net, _seismic_dns_entry *e, uint64_t now) {
    uint8_t query[512];
    struct sockaddr_storage sa;
    char why[100];
    uint8_t server = (uint8_t)((e->tries - 1) % net->server_count); /* the one that answered */
    socklen_t sa_len = _seismic_ip_sockaddr(&net->servers[server], net->server_ports[server], &sa);
    int error = 0;
    if (e->tcp != _SEISMIC_NO_SOCK) return;
    e->tcp = _seismic_sock_open(sa.ss_family, SOCK_STREAM, &error);
    if (e->tcp == _SEISMIC_NO_SOCK || (error = _seismic_sock_connect(e->tcp, (struct sockaddr *)&sa, sa_len)) != 0) {
        _seismic_dns_fail(e, now, "TCP to the name server", _seismic_net_strerror(error, why, sizeof why));
        return;
    }
    e->tcp_connecting = true;
    e->tcp_out.allocator = e->tcp_in.allocator = net->allocator;
    for (int t = 0; t < 2; t++) {
        if (!(e->pending & (1u << t))) continue;
        size_t n = _seismic_dns_query(query, e->ids[t], e->qname, t ? _SEISMIC_DNS_TYPE_AAAA : _SEISMIC_DNS_TYPE_A);
        seismic_buf_append_byte(&e->tcp_out, (uint8_t)(n >> 8));
        seismic_buf_append_byte(&e->tcp_out, (uint8_t)n);
        seismic_buf_append(&e->tcp_out, query, n);
    }
    e->retry_at = now + _SEISMIC_DNS_TCP_MS; /* no more UDP tries: this is the deadline of the TCP exchange */
    e->tries = _SEISMIC_DNS_TRIES;
}

/* Asks for e->qname (A and AAAA) from the first server, with fresh unpredictable ids (they resist spoofed answers). */
static void _seismic_dns_ask(_seismic_net *net, _seismic_dns_entry *e, uint64_t now) {
    if (e->tcp != _SEISMIC_NO_SOCK) _seismic_sock_close(e->tcp);
    e->tcp = _SEISMIC_NO_SOCK;
    e->tcp_connecting = false;
    e->tcp_out.len = e->tcp_out_pos = e->tcp_in.len = 0;
    if (seismic_random_bytes(e->ids, sizeof e->ids) != SEISMIC_OK) {
        _seismic_dns_fail(e, now, "no randomness for the query id", NULL);
        return;
    }
    e->pending = 3;
    e->tries = 0;
    e->settle_at = 0;
    e->error[0] = 0;
    _seismic_dns_send(net, e, now);
}

/* One message from the server, over UDP or TCP. */
static void _seismic_dns_on_message(_seismic_net *net, _seismic_dns_entry *e, const uint8_t *m, size_t len, bool tcp,
                                    uint64_t now) {
    for (int t = 0; t < 2 && e->state == _SEISMIC_DNS_PENDING; t++) {
        _seismic_dns_answer a;
        if (!(e->pending & (1u << t)) ||
            !_seismic_dns_parse(m, len, e->ids[t], e->qname, t ? _SEISMIC_DNS_TYPE_AAAA : _SEISMIC_DNS_TYPE_A, &a))
            continue;
        if (a.truncated) {
            if (tcp) _seismic_dns_fail(e, now, "the name server truncated its TCP answer", NULL);
            else _seismic_dns_start_tcp(net, e, now);
            return;
        }
        if (a.rcode != 0 && a.rcode != 3) { /* SERVFAIL, REFUSED...: the next try asks the next server */
            snprintf(e->error, sizeof e->error, "cannot resolve %.100s: the name server answered with error %u", e->host,
                     (unsigned)a.rcode);
            if (!tcp) e->retry_at = now;
            else _seismic_dns_end(e, now, NULL);
            return;
        }
        e->pending &= (uint8_t) ~(1u << t);
        if (a.count == 0) {
            e->name_exists |= a.rcode == 0;
            e->negative_cacheable &= a.negative_soa;
            if (a.negative_ttl < e->negative_ttl) e->negative_ttl = a.negative_ttl;
        }
        for (uint8_t i = 0; i < a.count; i++) {
            if (t == 0) memcpy(e->addr4[e->count4++], a.addrs[i], 4);
            else memcpy(e->addr6[e->count6++], a.addrs[i], 16);
        }
        if (a.count && a.ttl < e->ttl) e->ttl = a.ttl;
        /* RFC 8305 resolution delay: IPv4 first waits a little for IPv6; IPv6 first waits for IPv4 (the
           fallback if the IPv6 route is dead) as long as the query runs */
        if (a.count && t == 0 && !e->settle_at) e->settle_at = now + _SEISMIC_DNS_SETTLE_MS;
        if (e->pending == 0 && !e->count4 && !e->count6 && _seismic_dns_candidate(net, e, (uint8_t)(e->candidate + 1), e->qname)) {
            e->candidate++; /* this name has no address: the next search domain */
            _seismic_dns_ask(net, e, now);
        } else if (e->pending == 0) {
            _seismic_dns_end(e, now, NULL);
        }
        return;
    }
}

/* Starts resolving host (or finds it cached): the index of its entry, or -1 with a message in err. */
static int _seismic_dns_lookup(_seismic_net *net, const char *host, uint64_t now, seismic_error *err) {
    char name[256];
    if (!_seismic_dns_name_valid(host, name)) {
        _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "cannot resolve %.200s: not a valid host name", host);
        return -1;
    }
    bool absolute = host[strlen(host) - 1] == '.';
    int free_slot = -1, found = -1;
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES && free_slot < 0; i++) {
        _seismic_dns_entry *e = &net->dns[i];
        if (e->state == _SEISMIC_DNS_FREE || strcmp(e->host, name) != 0 || e->absolute != absolute) continue;
        if (e->state == _SEISMIC_DNS_PENDING || (e->state == _SEISMIC_DNS_DONE && e->expires > now) ||
            (e->state == _SEISMIC_DNS_FAILED && e->negative_cached && e->expires > now))
            return i;
        free_slot = found = i; /* expired, or failed for a reason that may pass: ask again */
    }
    uint64_t best = UINT64_MAX; /* else evict: a free entry, a failed one, the one expiring first; never a pending one */
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES && found < 0; i++) {
        const _seismic_dns_entry *e = &net->dns[i];
        uint64_t rank = e->state == _SEISMIC_DNS_FREE     ? 0
                        : e->state == _SEISMIC_DNS_FAILED ? 1
                        : e->expires < UINT64_MAX - 2     ? e->expires + 2
                                                          : UINT64_MAX - 1;
        if (e->state != _SEISMIC_DNS_PENDING && rank < best) {
            best = rank;
            free_slot = i;
        }
    }
    if (free_slot < 0) {
        _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "cannot resolve %s: %d other names are being resolved", name,
                      _SEISMIC_DNS_ENTRIES);
        return -1;
    }
    _seismic_dns_entry *e = &net->dns[free_slot];
    _seismic_dns_close(e);
    memset(e, 0, sizeof *e);
    e->udp = e->tcp = _SEISMIC_NO_SOCK;
    memcpy(e->host, name, strlen(name) + 1);
    e->absolute = absolute;
    if (net->hook.resolve) { /* the caller's resolver, asked once per host */
        char ip_text[64];
        _seismic_ip ip;
        if (net->hook.resolve(host, ip_text, sizeof ip_text, net->hook.user_data) != 0 ||
            !memchr(ip_text, 0, sizeof ip_text) || !_seismic_ip_parse(ip_text, &ip)) {
            e->state = _SEISMIC_DNS_FREE;
            _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "cannot resolve %s (resolver hook failed)", name);
            return -1;
        }
        if (ip.family == 4) memcpy(e->addr4[e->count4++], ip.bytes, 4);
        else memcpy(e->addr6[e->count6++], ip.bytes, 16);
        e->state = _SEISMIC_DNS_DONE;
        e->expires = UINT64_MAX;
        return free_slot;
    }
    if (_seismic_hosts_lookup(e)) {
        e->state = _SEISMIC_DNS_DONE;
        e->expires = now + _SEISMIC_DNS_HOSTS_TTL_MS;
        return free_slot;
    }
    if (!net->servers_loaded) _seismic_net_load_servers(net);
    if (net->server_count == 0) {
        e->state = _SEISMIC_DNS_FREE;
        _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "cannot resolve %s: no name server configured", name);
        return -1;
    }
    e->state = _SEISMIC_DNS_PENDING;
    e->ttl = _SEISMIC_DNS_MAX_TTL;
    e->negative_cacheable = true;
    e->negative_ttl = _SEISMIC_DNS_MAX_NEGATIVE_TTL;
    _seismic_dns_candidate(net, e, 0, e->qname); /* there is always a first */
    _seismic_dns_ask(net, e, now);
    return free_slot;
}

static void _seismic_dns_pollfds(_seismic_net *net, struct pollfd *fds, int cap, int *n, uint64_t *next) {
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) {
        _seismic_dns_entry *e = &net->dns[i];
        if (e->state != _SEISMIC_DNS_PENDING) continue;
        if (e->udp != _SEISMIC_NO_SOCK) _seismic_pollfd_add(fds, cap, n, e->udp, POLLIN);
        if (e->tcp != _SEISMIC_NO_SOCK)
            _seismic_pollfd_add(fds, cap, n, e->tcp,
                                (short)(POLLIN | (e->tcp_connecting || e->tcp_out_pos < e->tcp_out.len ? POLLOUT : 0)));
        if (e->retry_at < *next) *next = e->retry_at;
        if (e->settle_at && e->settle_at < *next) *next = e->settle_at;
    }
}

static void _seismic_dns_tcp_io(_seismic_net *net, _seismic_dns_entry *e, short revents, uint64_t now) {
    char why[100];
    if (e->tcp_connecting) {
        if (!(revents & (POLLOUT | POLLERR | POLLHUP))) return;
        int error = _seismic_sock_error(e->tcp);
        if (error) {
            _seismic_dns_fail(e, now, "TCP to the name server", _seismic_net_strerror(error, why, sizeof why));
            return;
        }
        e->tcp_connecting = false;
    }
    while (e->tcp_out_pos < e->tcp_out.len) {
        ptrdiff_t n = _seismic_sock_send(e->tcp, e->tcp_out.data + e->tcp_out_pos, e->tcp_out.len - e->tcp_out_pos);
        if (n == SEISMIC_IO_AGAIN) break;
        if (n < 0) {
            _seismic_dns_fail(e, now, "the name server closed the TCP connection", NULL);
            return;
        }
        e->tcp_out_pos += (size_t)n;
    }
    while (revents & (POLLIN | POLLHUP | POLLERR)) {
        uint8_t chunk[4096];
        ptrdiff_t n = _seismic_sock_recv(e->tcp, chunk, sizeof chunk);
        if (n == SEISMIC_IO_AGAIN) break;
        if (n <= 0) {
            _seismic_dns_fail(e, now, "the name server closed the TCP connection", NULL);
            return;
        }
        seismic_buf_append(&e->tcp_in, chunk, (size_t)n);
        if (e->tcp_in.failed) {
            _seismic_dns_fail(e, now, "out of memory", NULL);
            return;
        }
        while (e->state == _SEISMIC_DNS_PENDING && e->tcp_in.len >= 2) { /* 2-byte length, then a message */
            size_t len = _seismic_dns_u16(e->tcp_in.data);
            if (e->tcp_in.len < 2 + len) break;
            _seismic_dns_on_message(net, e, e->tcp_in.data + 2, len, true, now);
            if (e->state != _SEISMIC_DNS_PENDING) return;
            memmove(e->tcp_in.data, e->tcp_in.data + 2 + len, e->tcp_in.len - 2 - len);
            e->tcp_in.len -= 2 + len;
        }
    }
}

/* Reads answers and runs the timers of every query in flight. */
static void _seismic_dns_process(_seismic_net *net, const struct pollfd *fds, int count, uint64_t now) {
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) {
        _seismic_dns_entry *e = &net->dns[i];
        if (e->state != _SEISMIC_DNS_PENDING) continue;
        if (e->udp != _SEISMIC_NO_SOCK && (_seismic_pollfd_revents(fds, count, e->udp) & (POLLIN | POLLERR))) {
            uint8_t m[1500];
            for (int k = 0; k < 64 && e->state == _SEISMIC_DNS_PENDING && e->udp != _SEISMIC_NO_SOCK; k++) {
                ptrdiff_t n = _seismic_sock_recv(e->udp, m, sizeof m);
                if (n == SEISMIC_IO_AGAIN) break;
                if (n > 0) _seismic_dns_on_message(net, e, m, (size_t)n, false, now);
                /* errors (e.g. ICMP port unreachable) end nothing: the retry timer does */
            }
        }
        if (e->state == _SEISMIC_DNS_PENDING && e->tcp != _SEISMIC_NO_SOCK)
            _seismic_dns_tcp_io(net, e, _seismic_pollfd_revents(fds, count, e->tcp), now);
        if (e->state != _SEISMIC_DNS_PENDING) continue;
        if (e->settle_at && now >= e->settle_at) {
            _seismic_dns_end(e, now, NULL); /* one family answered; the other is late */
        } else if (now >= e->retry_at) {
            if (e->tries >= _SEISMIC_DNS_TRIES) {
                char why[100];
                snprintf(why, sizeof why, "no answer from the name server%s (%u tries)", net->server_count > 1 ? "s" : "",
                         (unsigned)e->tries);
                if (e->error[0]) _seismic_dns_end(e, now, NULL);
                else _seismic_dns_end(e, now, why);
            } else {
                _seismic_dns_send(net, e, now);
            }
        }
    }
}

static void _seismic_net_free(_seismic_net *net) {
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) _seismic_dns_close(&net->dns[i]);
}

/* --- connecting: every address of a name, IPv6 and IPv4 interleaved, a new attempt every 250 ms
   while the earlier ones are still pending (happy eyeballs, RFC 8305) --- */

#define _SEISMIC_DIAL_ADDRS (2 * _SEISMIC_DNS_ADDRS)
#define _SEISMIC_DIAL_DELAY_MS 250

typedef struct _seismic_dial {
    const char *host;     /* the endpoint's, lives as long as the client */
    uint16_t port;
    int entry;            /* the DNS entry waited for, -1 once the addresses are known */
    uint8_t count, next;  /* addresses, the next one to try */
    _seismic_ip addrs[_SEISMIC_DIAL_ADDRS];
    _seismic_sock_t socks[_SEISMIC_DIAL_ADDRS]; /* attempt in progress per address */
    uint64_t next_at;     /* the next attempt starts then even if the earlier ones are pending */
    char error[200];      /* the last attempt's failure */
} _seismic_dial;

/* Copies the addresses once the name is resolved: 1 when known, 0 while pending, -1 when it failed. */
static int _seismic_dial_take(_seismic_net *net, _seismic_dial *d, seismic_error *err) {
    if (d->entry < 0) return 1;
    const _seismic_dns_entry *e = &net->dns[d->entry];
    if (e->state == _SEISMIC_DNS_PENDING) return 0;
    if (e->state == _SEISMIC_DNS_FAILED) {
        _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "%s", e->error);
        return -1;
    }
    for (uint8_t i = 0; i < _SEISMIC_DNS_ADDRS; i++) { /* IPv6 first, then alternating */
        if (i < e->count6) {
            d->addrs[d->count].family = 6;
            memcpy(d->addrs[d->count++].bytes, e->addr6[i], 16);
        }
        if (i < e->count4) {
            d->addrs[d->count].family = 4;
            memcpy(d->addrs[d->count++].bytes, e->addr4[i], 4);
        }
    }
    d->entry = -1;
    return 1;
}

static bool _seismic_dial_start(_seismic_net *net, _seismic_dial *d, const char *host, uint16_t port, uint64_t now,
                                seismic_error *err) {
    memset(d, 0, sizeof *d);
    for (int i = 0; i < _SEISMIC_DIAL_ADDRS; i++) d->socks[i] = _SEISMIC_NO_SOCK;
    d->host = host;
    d->port = port;
    d->entry = -1;
    if (_seismic_ip_parse(host, &d->addrs[0])) { /* IP literals need no DNS */
        d->count = 1;
        return true;
    }
    d->entry = _seismic_dns_lookup(net, host, now, err);
    return d->entry >= 0 && _seismic_dial_take(net, d, err) >= 0;
}

static void _seismic_dial_cancel(_seismic_dial *d) {
    for (int i = 0; i < _SEISMIC_DIAL_ADDRS; i++) {
        if (d->socks[i] != _SEISMIC_NO_SOCK) _seismic_sock_close(d->socks[i]);
        d->socks[i] = _SEISMIC_NO_SOCK;
    }
}

static void _seismic_dial_pollfds(const _seismic_dial *d, struct pollfd *fds, int cap, int *n, uint64_t *next) {
    bool attempting = false;
    for (int i = 0; i < d->next; i++)
        if (d->socks[i] != _SEISMIC_NO_SOCK) {
            _seismic_pollfd_add(fds, cap, n, d->socks[i], POLLOUT);
            attempting = true;
        }
    if (d->entry < 0 && d->next < d->count) {
        uint64_t at = attempting ? d->next_at : 0;
        if (at < *next) *next = at;
    }
}

static void _seismic_dial_attempt_failed(_seismic_dial *d, int i, int error) {
    char ip[64], why[100];
    if (d->socks[i] != _SEISMIC_NO_SOCK) _seismic_sock_close(d->socks[i]);
    d->socks[i] = _SEISMIC_NO_SOCK;
    snprintf(d->error, sizeof d->error, "connect to %s%s%s:%u: %s", d->addrs[i].family == 6 ? "[" : "",
             _seismic_ip_string(&d->addrs[i], ip, sizeof ip), d->addrs[i].family == 6 ? "]" : "", (unsigned)d->port,
             _seismic_net_strerror(error, why, sizeof why));
}

/* Advances the dial: 1 with the connected socket in *sock, 0 while pending, -1 with a message in err. */
static int _seismic_dial_step(_seismic_net *net, _seismic_dial *d, const struct pollfd *fds, int count, uint64_t now,
                              _seismic_sock_t *sock, seismic_error *err) {
    int known = _seismic_dial_take(net, d, err);
    if (known <= 0) return known;
    bool attempting = false;
    for (int i = 0; i < d->next; i++) {
        if (d->socks[i] == _SEISMIC_NO_SOCK) continue;
        short revents = _seismic_pollfd_revents(fds, count, d->socks[i]);
        if (!(revents & (POLLOUT | POLLERR | POLLHUP))) {
            attempting = true;
            continue;
        }
        int error = _seismic_sock_error(d->socks[i]);
        if (error == 0) {
            *sock = d->socks[i];
            d->socks[i] = _SEISMIC_NO_SOCK;
            _seismic_dial_cancel(d); /* the other attempts lost the race */
            return 1;
        }
        _seismic_dial_attempt_failed(d, i, error);
    }
    while (d->next < d->count && (!attempting || now >= d->next_at)) {
        int i = d->next++, error = 0;
        struct sockaddr_storage sa;
        socklen_t len = _seismic_ip_sockaddr(&d->addrs[i], d->port, &sa);
        d->socks[i] = _seismic_sock_open(sa.ss_family, SOCK_STREAM, &error);
        if (d->socks[i] == _SEISMIC_NO_SOCK || (error = _seismic_sock_connect(d->socks[i], (struct sockaddr *)&sa, len)) != 0) {
            _seismic_dial_attempt_failed(d, i, error);
            continue; /* failed at once: the next address now */
        }
        attempting = true;
        d->next_at = now + _SEISMIC_DIAL_DELAY_MS;
    }
    if (attempting) return 0;
    _seismic_fail(err, SEISMIC_ERR_TRANSPORT, "%s", d->error[0] ? d->error : "no address to connect to");
    return -1;
}

/* The built-in socket interface over the connected sockets the dialer hands over. */
static ptrdiff_t _seismic_builtin_send(intptr_t sock, const void *data, size_t len, void *user_data) {
    _SEISMIC_UNUSED(user_data);
    return _seismic_sock_send((_seismic_sock_t)sock, data, len);
}

static ptrdiff_t _seismic_builtin_recv(intptr_t sock, void *buf, size_t len, void *user_data) {
    _SEISMIC_UNUSED(user_data);
    return _seismic_sock_recv((_seismic_sock_t)sock, buf, len);
}

static void _seismic_builtin_close(intptr_t sock, void *user_data) {
    _SEISMIC_UNUSED(user_data);
    _seismic_sock_close((_seismic_sock_t)sock);
}

static int _seismic_builtin_fd(intptr_t sock, void *user_data) {
    _SEISMIC_UNUSED(user_data);
    return (int)sock; /* a Winsock SOCKET fits an int in practice (as OpenSSL's SSL_set_fd assumes) */
}

/* Trust anchors decoded from PEM, owned by the client and shared by its TLS connections. */
typedef struct _seismic_trust {
    br_x509_trust_anchor *anchors;
    size_t count, cap;
    seismic_allocator allocator;
} _seismic_trust;

static void *_seismic_copy(const seismic_allocator *a, const void *src, size_t len) {
    void *p = _seismic_alloc(a, len ? len : 1);
    if (p && len) memcpy(p, src, len);
    return p;
}

static void _seismic_append_dn(void *ctx, const void *data, size_t len) { seismic_buf_append((seismic_buf *)ctx, data, len); }

/* Turns one DER certificate into a trust anchor (its subject name and public key). */
static bool _seismic_trust_add_der(_seismic_trust *t, const uint8_t *der, size_t len) {
    br_x509_decoder_context dc;
    seismic_buf dn = {NULL, 0, 0, false, t->allocator, false};
    br_x509_decoder_init(&dc, _seismic_append_dn, &dn);
    br_x509_decoder_push(&dc, der, len);
    br_x509_pkey *pk = br_x509_decoder_get_pkey(&dc);
    if (!pk || dn.failed) {
        seismic_buf_free(&dn);
        return false; /* unsupported key type or malformed: skip it, like other bundles' loaders */
    }
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        br_x509_trust_anchor *grown =
            (br_x509_trust_anchor *)_seismic_alloc(&t->allocator, cap * sizeof *grown);
        if (!grown) {
            seismic_buf_free(&dn);
            return false;
        }
        if (t->count) memcpy(grown, t->anchors, t->count * sizeof *grown);
        _seismic_free(&t->allocator, t->anchors);
        t->anchors = grown;
        t->cap = cap;
    }
    br_x509_trust_anchor *ta = &t->anchors[t->count];
    memset(ta, 0, sizeof *ta);
    ta->dn.data = (unsigned char *)_seismic_copy(&t->allocator, dn.data, dn.len);
    ta->dn.len = dn.len;
    ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
    ta->pkey.key_type = pk->key_type;
    if (pk->key_type == BR_KEYTYPE_RSA) {
        ta->pkey.key.rsa.n = (unsigned char *)_seismic_copy(&t->allocator, pk->key.rsa.n, pk->key.rsa.nlen);
        ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
        ta->pkey.key.rsa.e = (unsigned char *)_seismic_copy(&t->allocator, pk->key.rsa.e, pk->key.rsa.elen);
        ta->pkey.key.rsa.elen = pk->key.rsa.elen;
    } else {
        ta->pkey.key.ec.curve = pk->key.ec.curve;
        ta->pkey.key.ec.q = (unsigned char *)_seismic_copy(&t->allocator, pk->key.ec.q, pk->key.ec.qlen);
        ta->pkey.key.ec.qlen = pk->key.ec.qlen;
    }
    seismic_buf_free(&dn);
    t->count++;
    return true;
}

static void _seismic_trust_free(_seismic_trust *t) {
    for (size_t i = 0; i < t->count; i++) {
        br_x509_trust_anchor *ta = &t->anchors[i];
        _seismic_free(&t->allocator, ta->dn.data);
        if (ta->pkey.key_type == BR_KEYTYPE_RSA) {
            _seismic_free(&t->allocator, ta->pkey.key.rsa.n);
            _seismic_free(&t->allocator, ta->pkey.key.rsa.e);
        } else {
            _seismic_free(&t->allocator, ta->pkey.key.ec.q);
        }
    }
    _seismic_free(&t->allocator, t->anchors);
    memset(t, 0, sizeof *t);
}

/* Decodes every CERTIFICATE object of a PEM text into trust anchors. */
static seismic_result _seismic_trust_add_pem(_seismic_trust *t, const char *pem, size_t len, seismic_error *err) {
    br_pem_decoder_context pc;
    seismic_buf der = {NULL, 0, 0, false, t->allocator, false};
    bool in_cert = false;
    size_t before = t->count;
    br_pem_decoder_init(&pc);
    while (len > 0) {
        size_t n = br_pem_decoder_push(&pc, pem, len);
        pem += n;
        len -= n;
        switch (br_pem_decoder_event(&pc)) {
        case BR_PEM_BEGIN_OBJ:
            in_cert = strcmp(br_pem_decoder_name(&pc), "CERTIFICATE") == 0;
            der.len = 0;
            br_pem_decoder_setdest(&pc, in_cert ? _seismic_append_dn : NULL, in_cert ? &der : NULL);
            break;
        case BR_PEM_END_OBJ:
            if (in_cert) _seismic_trust_add_der(t, der.data, der.len);
            in_cert = false;
            break;
        case BR_PEM_ERROR:
            seismic_buf_free(&der);
            return _seismic_fail(err, SEISMIC_ERR_TLS, "trust anchors: malformed PEM");
        default:
            break;
        }
    }
    seismic_buf_free(&der);
    if (t->count == before) return _seismic_fail(err, SEISMIC_ERR_TLS, "trust anchors: no usable certificate found");
    return SEISMIC_OK;
}

static seismic_result _seismic_trust_load_file(_seismic_trust *t, const char *path, seismic_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return _seismic_fail(err, SEISMIC_ERR_TLS, "trust anchors: cannot open %s: %s", path, strerror(errno));
    seismic_buf text = {NULL, 0, 0, false, t->allocator, false};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) seismic_buf_append(&text, chunk, n);
    fclose(f);
    seismic_result r = text.failed ? SEISMIC_ERR_NO_MEMORY : _seismic_trust_add_pem(t, (const char *)text.data, text.len, err);
    if (r && err && r != SEISMIC_ERR_NO_MEMORY) {
        char original[sizeof err->message];
        memcpy(original, err->message, sizeof original);
        snprintf(err->message, sizeof err->message, "%.80s (%.70s)", original, path);
    }
    seismic_buf_free(&text);
    return r;
}

/* The system's trust anchors: the ROOT certificate store on Windows, the CA bundle elsewhere. */
static seismic_result _seismic_trust_load_system(_seismic_trust *t, seismic_error *err) {
#if defined(_WIN32)
    /* Windows fetches some roots only when a chain needs them; enumeration sees those it has. */
    HCERTSTORE store = CertOpenSystemStoreA(0, "ROOT");
    if (!store) return _seismic_fail(err, SEISMIC_ERR_TLS, "trust anchors: cannot open the Windows ROOT store");
    for (PCCERT_CONTEXT cert = CertEnumCertificatesInStore(store, NULL); cert;
         cert = CertEnumCertificatesInStore(store, cert))
        if (cert->dwCertEncodingType & X509_ASN_ENCODING) _seismic_trust_add_der(t, cert->pbCertEncoded, cert->cbCertEncoded);
    CertCloseStore(store, 0);
    if (t->count == 0) return _seismic_fail(err, SEISMIC_ERR_TLS, "trust anchors: the Windows ROOT store has no usable certificate");
    return SEISMIC_OK;
#else
    return _seismic_trust_load_file(t, "/etc/ssl/certs/ca-certificates.crt", err);
#endif
}
/* end_chain errors of our own, above BearSSL's X.509 codes */
#define _SEISMIC_X509_NAME_NOT_IN_SAN 96
#define _SEISMIC_X509_WEAK_CURVE 97
#define _SEISMIC_X509_LEAF_TOO_LARGE 98
#define _SEISMIC_X509_MAX_LEAF 65536

static const char *_seismic_tls_error_string(int code) {
    switch (code) {
    case BR_ERR_X509_NOT_TRUSTED: return "certificate is not trusted (unknown certificate authority)";
    case BR_ERR_X509_BAD_SERVER_NAME: return "certificate does not match the host name";
    case BR_ERR_X509_EXPIRED: return "certificate has expired or is not yet valid";
    case BR_ERR_X509_NOT_CA: return "certificate chain contains a non-CA issuer";
    case BR_ERR_X509_UNSUPPORTED: return "certificate signed with SHA-1 or weaker (tls_allow_legacy accepts SHA-1)";
    case BR_ERR_X509_WEAK_PUBLIC_KEY: return "certificate RSA key below 2048 bits (tls_allow_legacy accepts 1024)";
    case _SEISMIC_X509_NAME_NOT_IN_SAN: return "host name only in the certificate's CN, not in its subjectAltName";
    case _SEISMIC_X509_WEAK_CURVE: return "certificate key on a curve below P-256";
    case _SEISMIC_X509_LEAF_TOO_LARGE: return "server certificate larger than 64 KiB";
    case BR_ERR_BAD_VERSION: case BR_ERR_UNSUPPORTED_VERSION:
        return "server does not speak TLS 1.2 (1.0/1.1 refused; tls_allow_legacy accepts them)";
    case BR_ERR_BAD_CIPHER_SUITE: return "server chose a suite without ECDHE and AEAD (tls_allow_legacy accepts it)";
    case BR_ERR_BAD_SIGNATURE: case BR_ERR_INVALID_ALGORITHM:
        return "server key exchange signed with a refused algorithm, or the signature is wrong";
    case BR_ERR_RECV_FATAL_ALERT + 40: case BR_ERR_RECV_FATAL_ALERT + 70: case BR_ERR_RECV_FATAL_ALERT + 71:
        return "server refused the handshake: nothing in common with TLS 1.2, ECDHE+AEAD, SHA-256+ (tls_allow_legacy: older)";
    case BR_ERR_IO: return "connection failed during TLS";
    default: return "TLS protocol error";
    }
}

/* The strict policy's checks beyond BearSSL's minimal engine, which it wraps: a leaf key on P-256 or
   larger, and the host name in a subjectAltName dNSName (RFC 6125: not only in the CN, which BearSSL
   also accepts). The leaf is kept (up to 64 KiB) until the chain ends. */
typedef struct _seismic_x509 {
    const br_x509_class *vtable; /* first: BearSSL calls through a pointer to this field */
    br_x509_minimal_context minimal;
    seismic_allocator allocator;
    const char *host;
    uint32_t certs; /* certificates started in this chain */
    uint8_t *leaf;
    size_t leaf_len, leaf_cap;
    bool leaf_too_large;
} _seismic_x509;

static void _seismic_x509_free(_seismic_x509 *x) {
    _seismic_free(&x->allocator, x->leaf);
    x->leaf = NULL;
    x->leaf_len = x->leaf_cap = 0;
}

/* One DER element at *p (before end): its tag, and its contents' bounds; false when malformed. */
static bool _seismic_der_next(const uint8_t **p, const uint8_t *end, uint8_t *tag, const uint8_t **content, size_t *len) {
    const uint8_t *q = *p;
    if (end - q < 2) return false;
    *tag = *q++;
    if ((*tag & 0x1f) == 0x1f) return false; /* multi-byte tags: not in the fields read here */
    size_t n = *q++;
    if (n & 0x80) {
        size_t bytes = n & 0x7f;
        if (bytes == 0 || bytes > 3 || (size_t)(end - q) < bytes) return false;
        for (n = 0; bytes--; ) n = n << 8 | *q++;
    }
    if (n > (size_t)(end - q)) return false;
    *content = q;
    *len = n;
    *p = q + n;
    return true;
}

/* BearSSL's rule: equal ignoring ASCII case, or "*.rest" where rest equals the host after its first label. */
static bool _seismic_x509_name_matches(const uint8_t *name, size_t len, const char *host) {
    if (len >= 2 && name[0] == '*' && name[1] == '.') {
        host = strchr(host, '.');
        if (!host) return false;
        name++;
        len--;
    }
    if (len != strlen(host)) return false;
    for (size_t i = 0; i < len; i++) {
        int a = name[i], b = (unsigned char)host[i];
        if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
        if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
        if (a != b) return false;
    }
    return true;
}

/* Whether a subjectAltName dNSName of the DER certificate matches host. */
static bool _seismic_x509_san_matches(const uint8_t *der, size_t len, const char *host) {
    if (!der) return false;
    const uint8_t *p = der, *end = der + len, *c;
    size_t n;
    uint8_t tag;
    for (int level = 0; level < 2; level++) { /* Certificate, then TBSCertificate */
        if (!_seismic_der_next(&p, end, &tag, &c, &n) || tag != 0x30) return false;
        p = c;
        end = c + n;
    }
    while (p < end) { /* the TBS fields, up to [3] extensions */
        if (!_seismic_der_next(&p, end, &tag, &c, &n)) return false;
        if (tag != 0xa3) continue;
        const uint8_t *e = c, *e_end = c + n;
        if (!_seismic_der_next(&e, e_end, &tag, &c, &n) || tag != 0x30) return false;
        e = c;
        e_end = c + n;
        while (e < e_end) { /* Extension ::= SEQUENCE { OID, critical BOOLEAN OPTIONAL, OCTET STRING } */
            const uint8_t *x, *x_end, *v;
            size_t vn;
            if (!_seismic_der_next(&e, e_end, &tag, &x, &n) || tag != 0x30) return false;
            x_end = x + n;
            if (!_seismic_der_next(&x, x_end, &tag, &v, &vn) || tag != 0x06) return false;
            if (vn != 3 || memcmp(v, "\x55\x1d\x11", 3) != 0) continue; /* 2.5.29.17 subjectAltName */
            if (!_seismic_der_next(&x, x_end, &tag, &v, &vn)) return false;
            if (tag == 0x01 && !_seismic_der_next(&x, x_end, &tag, &v, &vn)) return false;
            if (tag != 0x04) return false;
            const uint8_t *g = v, *g_end = v + vn;
            if (!_seismic_der_next(&g, g_end, &tag, &c, &n) || tag != 0x30) return false; /* GeneralNames */
            g = c;
            g_end = c + n;
            while (g < g_end) {
                if (!_seismic_der_next(&g, g_end, &tag, &c, &n)) return false;
                if (tag == 0x82 && _seismic_x509_name_matches(c, n, host)) return true; /* [2] dNSName */
            }
        }
    }
    return false;
}

static _seismic_x509 *_seismic_x509_of(const br_x509_class **ctx) { return (_seismic_x509 *)(void *)ctx; }

static void _seismic_x509_start_chain(const br_x509_class **ctx, const char *server_name) {
    _seismic_x509 *x = _seismic_x509_of(ctx);
    x->host = server_name;
    x->certs = 0;
    x->leaf_len = 0;
    x->leaf_too_large = false;
    x->minimal.vtable->start_chain(&x->minimal.vtable, server_name);
}

static void _seismic_x509_start_cert(const br_x509_class **ctx, uint32_t length) {
    _seismic_x509 *x = _seismic_x509_of(ctx);
    if (x->certs++ == 0) {
        if (length > _SEISMIC_X509_MAX_LEAF) {
            x->leaf_too_large = true;
        } else if (length > x->leaf_cap) {
            _seismic_x509_free(x);
            x->leaf = (uint8_t *)_seismic_alloc(&x->allocator, length);
            x->leaf_cap = x->leaf ? length : 0;
        }
    }
    x->minimal.vtable->start_cert(&x->minimal.vtable, length);
}

static void _seismic_x509_append(const br_x509_class **ctx, const unsigned char *buf, size_t len) {
    _seismic_x509 *x = _seismic_x509_of(ctx);
    if (x->certs == 1 && !x->leaf_too_large) {
        size_t room = x->leaf_cap - x->leaf_len, n = len < room ? len : room;
        if (n) memcpy(x->leaf + x->leaf_len, buf, n);
        x->leaf_len += n;
    }
    x->minimal.vtable->append(&x->minimal.vtable, buf, len);
}

static void _seismic_x509_end_cert(const br_x509_class **ctx) {
    _seismic_x509 *x = _seismic_x509_of(ctx);
    x->minimal.vtable->end_cert(&x->minimal.vtable);
}

static unsigned _seismic_x509_check_leaf(_seismic_x509 *x) {
    unsigned err = x->minimal.vtable->end_chain(&x->minimal.vtable);
    if (err) return err;
    const br_x509_pkey *pk = x->minimal.vtable->get_pkey(&x->minimal.vtable, NULL);
    if (pk && pk->key_type == BR_KEYTYPE_EC && pk->key.ec.curve != BR_EC_secp256r1 &&
        pk->key.ec.curve != BR_EC_secp384r1 && pk->key.ec.curve != BR_EC_secp521r1)
        return _SEISMIC_X509_WEAK_CURVE;
    if (x->leaf_too_large) return _SEISMIC_X509_LEAF_TOO_LARGE;
    if (!x->leaf) return BR_ERR_X509_LIMIT_EXCEEDED; /* no memory to keep the leaf */
    if (x->host && !_seismic_x509_san_matches(x->leaf, x->leaf_len, x->host)) return _SEISMIC_X509_NAME_NOT_IN_SAN;
    return 0;
}

static unsigned _seismic_x509_end_chain(const br_x509_class **ctx) {
    _seismic_x509 *x = _seismic_x509_of(ctx);
    unsigned err = _seismic_x509_check_leaf(x);
    _seismic_x509_free(x); /* the leaf is not needed after the handshake */
    return err;
}

static const br_x509_pkey *_seismic_x509_get_pkey(const br_x509_class *const *ctx, unsigned *usages) {
    const _seismic_x509 *x = (const _seismic_x509 *)(const void *)ctx;
    return x->minimal.vtable->get_pkey(&x->minimal.vtable, usages);
}

static const br_x509_class _seismic_x509_vtable = {
    sizeof(_seismic_x509),    _seismic_x509_start_chain, _seismic_x509_start_cert, _seismic_x509_append,
    _seismic_x509_end_cert,   _seismic_x509_end_chain,   _seismic_x509_get_pkey,
};

/* Applies the client's TLS policy to a context br_ssl_client_init_full has just set up. */
static void _seismic_tls_policy(br_ssl_client_context *ssl, _seismic_x509 *x, const seismic_client_desc *desc) {
    static const uint16_t suites[] = {
        BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,       BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,       BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    };
    x->vtable = &_seismic_x509_vtable;
    x->allocator = desc->allocator;
    x->leaf = NULL;
    x->leaf_cap = x->leaf_len = 0;
    x->certs = 0;
    if (desc->tls_allow_legacy) return; /* BearSSL's full client profile, with its minimal X.509 engine */
    br_ssl_engine_set_versions(&ssl->eng, BR_TLS12, BR_TLS12);
    br_ssl_engine_set_suites(&ssl->eng, suites, sizeof suites / sizeof *suites);
    /* no MD5/SHA-1/SHA-224: neither in certificate signatures nor in the key exchange's */
    for (int id = br_md5_ID; id <= br_sha224_ID; id++) {
        br_x509_minimal_set_hash(&x->minimal, id, NULL);
        br_ssl_engine_set_hash(&ssl->eng, id, NULL);
    }
    br_x509_minimal_set_minrsa(&x->minimal, 256); /* bytes: 2048 bits, for the leaf and intermediates */
    br_ssl_engine_set_x509(&ssl->eng, &x->vtable);
}

/*==== 10. RPC engine =============================================================================*/

enum { /* request states */
    _SEISMIC_REQ_FREE = 0,
    _SEISMIC_REQ_QUEUED,  /* waiting for a connection (or for its retry time) */
    _SEISMIC_REQ_SENT,    /* on the wire */
    _SEISMIC_REQ_DONE,    /* finished, waiting for delivery or release */
    _SEISMIC_REQ_ACTION,  /* a multi-step action: pending, driven by its child requests */
};

enum { /* connection states */
    _SEISMIC_CONN_CLOSED = 0,
    _SEISMIC_CONN_CONNECTING,
    _SEISMIC_CONN_HANDSHAKE, /* TLS and/or WebSocket upgrade */
    _SEISMIC_CONN_READY,
};

#define _SEISMIC_NONE UINT32_MAX
#define _SEISMIC_MAX_CONNECTIONS 256u /* max_connections is clamped to this */
#define _SEISMIC_MAX_FALLBACKS 64
#define _SEISMIC_MIN_RATE 1e-6        /* calls per second: one in 11.6 days */
#define _SEISMIC_MAX_RATE 1e9
#define _SEISMIC_HEALTHY_MS 5000u     /* a connection up this long has proven itself */

/* The largest generation: 32 bits, and small enough that a handle fits in a pointer-sized user_data. */
#define _SEISMIC_GENERATION_MAX ((uint64_t)(UINTPTR_MAX >> 16) < 0xffffffffu ? (uint32_t)(UINTPTR_MAX >> 16) : 0xffffffffu)

typedef struct _seismic_req {
    uint64_t id;        /* handle; 0 when the slot is free */
    uint8_t state;
    bool retry_safe;
    bool delivered;     /* the callback ran (or there is none) */
    bool canceled;
    bool is_internal;   /* subscription bookkeeping */
    uint32_t prev, next; /* queue or delivery list */
    uint32_t live_prev, live_next; /* the client's list of unfinished requests */
    bool in_live;
    uint32_t conn;
    uint32_t attempts;
    uint64_t deadline;
    uint64_t not_before; /* retry backoff */
    seismic_callback callback;
    void *user_data;
    seismic_buf call;   /* the JSON-RPC object, built once */
    seismic_buf text;   /* error text (and the secret mark of what the answer holds) */
    struct _seismic_body *body; /* the response text and tokens response.json points into (shared in a batch) */
    bool answer_pending; /* an answer was found in a response still arriving on r->conn */
    uint32_t answer_token, answer_count, answer_offset, answer_len; /* where, in that response */
    int32_t member[_SEISMIC_JM_COUNT]; /* the answer's members (token indices in response.json), -1 when absent */
    seismic_response response;
    void *action;       /* an action's state, freed when it finishes */
    void (*action_free)(seismic_client *c, void *action);
    const void *owner;  /* the wallet or watcher an action belongs to */
    uint64_t subscription; /* an eth_subscribe: the subscription it confirms */
    void *views;        /* blocks of typed views handed out by the response accessors, wiped at release */
    const seismic_abi_value *abi_values; /* a contract read's decoded outputs (in views) */
    size_t abi_count;
    bool in_done_queue; /* finished without a callback, not yet taken by seismic_client_next_done */
} _seismic_req;

typedef struct _seismic_list {
    uint32_t head, tail, count;
} _seismic_list;

typedef struct _seismic_endpoint {
    seismic_url url;
    uint32_t failures;
    uint64_t down_until;
} _seismic_endpoint;

typedef struct _seismic_conn {
    uint8_t state;
    bool websocket;
    bool tls;
    bool want_write;
    bool close_after; /* HTTP: the server said Connection: close */
    intptr_t sock;
    uint32_t endpoint;
    uint64_t deadline;      /* connect/handshake deadline */
    uint64_t last_received; /* WebSocket liveness */
    uint64_t last_ping;
    seismic_buf out;        /* plaintext waiting to be written */
    size_t out_pos;
    _seismic_http_response http;
    _seismic_ws_parser ws;
    char ws_key[25];
    uint64_t ready_at;      /* when it became ready */
    bool proven;            /* answered something, or stayed up: the backoff may reset */
    bool pong_due;          /* WebSocket: answer the latest ping once the send queue drains */
    uint8_t pong_len;
    uint8_t pong[125];
    uint32_t *batch;        /* HTTP: slots of the calls in the request on the wire */
    uint32_t batch_count;
    uint32_t live;          /* HTTP: calls of that batch still waiting */
    _seismic_json_stream js; /* tokenizes the response body or WebSocket message as its bytes arrive */
    uint64_t *answered;     /* requests answered by the response still arriving, in document order */
    uint32_t answered_count, answered_cap;
    br_ssl_client_context *ssl;
    struct _seismic_x509 *x509;
    uint8_t *iobuf;
    _seismic_dial dial;     /* built-in sockets, while connecting: resolving, then racing the addresses */
} _seismic_conn;

/* An object that belongs to a client (a wallet, a watcher): linked into the client's list so that
   destroying the client orphans it (client = NULL) instead of leaving it pointing at freed memory. */
typedef struct _seismic_owned {
    seismic_client *client;      /* NULL once the client is destroyed */
    seismic_allocator allocator; /* the client's, kept to free the object afterwards */
    struct _seismic_owned *prev, *next;
} _seismic_owned;

typedef struct _seismic_sub {
    uint64_t id;            /* handle; 0 when free */
    bool active;
    char server_id[80];     /* the id the node gave, per connection */
    seismic_buf params;
    seismic_notification_callback callback;
    void (*on_refused)(seismic_result result, const char *message, void *user_data); /* internal users */
    void (*on_active)(void *user_data); /* internal users: confirmed, at first and after every reconnect */
    void *user_data;
    seismic_request pending; /* the eth_subscribe in flight */
} _seismic_sub;

struct seismic_client {
    seismic_client_desc desc;
    seismic_error last_error;
    _seismic_net net;       /* the resolver of the built-in sockets */
    bool builtin_sockets;   /* desc.sockets was zero */
    struct pollfd *poll_fds; /* the bundled loop's, grown to what pollfds asks for */
    int poll_cap;
    seismic_buf poll_scratch;
    _seismic_trust trust;
    _seismic_endpoint *endpoints;
    uint32_t endpoint_count;
    uint32_t current_endpoint;
    _seismic_req *reqs;
    uint32_t *generations;  /* per slot: the generation of its last handle */
    uint32_t free_head;     /* free slot list through reqs[i].next */
    _seismic_list queue;
    _seismic_list deliver;
    _seismic_list done;     /* the completion queue of seismic_client_next_done */
    _seismic_list live;     /* every unfinished request: timers scan these, not all max_requests slots */
    uint32_t in_flight;
    _seismic_conn *conns;
    uint32_t conn_count;
    _seismic_sub *subs;
    uint32_t sub_cap;
    uint32_t sub_generation;
    double tokens;          /* rate limiter */
    uint64_t tokens_at;
    uint64_t rng;           /* jitter */
    uint64_t ws_retry_at;   /* WebSocket reconnect backoff */
    uint32_t ws_failures;
    bool pumping;           /* inside process, run or wait: those may not be entered again */
    uint32_t in_callback;   /* user callbacks running (nested through destroy's deliveries) */
    bool destroying;        /* seismic_client_destroy was called: new requests are refused */
    _seismic_owned *owned;  /* wallets and watchers, orphaned by destroy */
    uint8_t recv_buf[65536];
    seismic_client_stats stats;
};

static uint64_t _seismic_now_ms(const seismic_client *c) { return c->desc.clock.now_ms(c->desc.clock.user_data); }

/* Milliseconds until a deadline as a request timeout: at least 1 (0 would mean the default). */
static uint32_t _seismic_ms_left(const seismic_client *c, uint64_t deadline) {
    uint64_t now = _seismic_now_ms(c);
    return deadline <= now ? 1 : deadline - now > UINT32_MAX ? UINT32_MAX : (uint32_t)(deadline - now);
}

static void _seismic_log(seismic_client *c, seismic_log_level level, const char *fmt, ...) {
    if (!c->desc.logger.func) return;
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    c->desc.logger.func(level, message, c->desc.logger.user_data);
}

static void _seismic_own(seismic_client *c, _seismic_owned *o) {
    o->client = c;
    o->allocator = c->desc.allocator;
    o->prev = NULL;
    o->next = c->owned;
    if (c->owned) c->owned->prev = o;
    c->owned = o;
}

static void _seismic_disown(_seismic_owned *o) {
    if (!o->client) return;
    if (o->prev) o->prev->next = o->next;
    else o->client->owned = o->next;
    if (o->next) o->next->prev = o->prev;
    o->client = NULL;
}

static uint64_t _seismic_rand(seismic_client *c) { /* xorshift64*: jitter only, not for secrets */
    c->rng ^= c->rng >> 12;
    c->rng ^= c->rng << 25;
    c->rng ^= c->rng >> 27;
    return c->rng * 2685821657736338717ull;
}

/* Lists of request slots linked through prev/next. */
static void _seismic_list_push(seismic_client *c, _seismic_list *l, uint32_t slot) {
    _seismic_req *r = &c->reqs[slot];
    r->prev = l->tail;
    r->next = _SEISMIC_NONE;
    if (l->tail != _SEISMIC_NONE) c->reqs[l->tail].next = slot;
    else l->head = slot;
    l->tail = slot;
    l->count++;
}

/* The live list links unfinished requests through live_prev/live_next (a request is also in the queue or
   delivery list through prev/next), so that an idle frame costs the same with 64 or 65,536 slots. */
static void _seismic_live_add(seismic_client *c, uint32_t slot) {
    _seismic_req *r = &c->reqs[slot];
    r->live_prev = c->live.tail;
    r->live_next = _SEISMIC_NONE;
    r->in_live = true;
    if (c->live.tail != _SEISMIC_NONE) c->reqs[c->live.tail].live_next = slot;
    else c->live.head = slot;
    c->live.tail = slot;
    c->live.count++;
}

static void _seismic_live_remove(seismic_client *c, uint32_t slot) {
    _seismic_req *r = &c->reqs[slot];
    if (!r->in_live) return;
    if (r->live_prev != _SEISMIC_NONE) c->reqs[r->live_prev].live_next = r->live_next;
    else c->live.head = r->live_next;
    if (r->live_next != _SEISMIC_NONE) c->reqs[r->live_next].live_prev = r->live_prev;
    else c->live.tail = r->live_prev;
    r->live_prev = r->live_next = _SEISMIC_NONE;
    r->in_live = false;
    c->live.count--;
}

static void _seismic_list_remove(seismic_client *c, _seismic_list *l, uint32_t slot) {
    _seismic_req *r = &c->reqs[slot];
    if (r->prev != _SEISMIC_NONE) c->reqs[r->prev].next = r->next;
    else l->head = r->next;
    if (r->next != _SEISMIC_NONE) c->reqs[r->next].prev = r->prev;
    else l->tail = r->prev;
    r->prev = r->next = _SEISMIC_NONE;
    l->count--;
}

static _seismic_req *_seismic_lookup(const seismic_client *c, uint64_t id) {
    uint32_t slot = (uint32_t)(id & 0xffffu);
    if (id == 0 || slot >= c->desc.max_requests) return NULL;
    _seismic_req *r = &c->reqs[slot];
    return r->id == id && r->state != _SEISMIC_REQ_FREE ? r : NULL;
}

static bool _seismic_method_retry_safe(const char *method) {
    static const char *const unsafe_prefixes[] = {"eth_sendTransaction", "eth_sign", "personal_", "anvil_", "evm_",
                                                  "hardhat_", "debug_", "devnode_", "eth_subscribe", "eth_unsubscribe",
                                                  "author_", "dev_"}; /* Substrate: extrinsics, chopsticks' state edits */
    for (size_t i = 0; i < sizeof unsafe_prefixes / sizeof *unsafe_prefixes; i++)
        if (strncmp(method, unsafe_prefixes[i], strlen(unsafe_prefixes[i])) == 0) return false;
    return true;
}

/* Typed views live in blocks chained from their request; the 16-byte header keeps payloads aligned. */
typedef struct _seismic_view_block {
    struct _seismic_view_block *next;
    size_t size;
} _seismic_view_block;
#define _SEISMIC_VIEW_HEADER 16
typedef char _seismic_view_header_fits[sizeof(_seismic_view_block) <= _SEISMIC_VIEW_HEADER ? 1 : -1];

static void *_seismic_views_alloc(_seismic_req *r, size_t size) {
    if (size > SIZE_MAX - _SEISMIC_VIEW_HEADER) return NULL;
    _seismic_view_block *b = (_seismic_view_block *)_seismic_alloc(&r->text.allocator, _SEISMIC_VIEW_HEADER + size);
    if (!b) return NULL;
    b->next = (_seismic_view_block *)r->views;
    b->size = _SEISMIC_VIEW_HEADER + size;
    r->views = b;
    memset((uint8_t *)b + _SEISMIC_VIEW_HEADER, 0, size);
    return (uint8_t *)b + _SEISMIC_VIEW_HEADER;
}

static void _seismic_views_free(_seismic_req *r) { /* views may hold decrypted results: wiped */
    _seismic_view_block *b = (_seismic_view_block *)r->views;
    while (b) {
        _seismic_view_block *next = b->next;
        seismic_wipe(b, b->size);
        _seismic_free(&r->text.allocator, b);
        b = next;
    }
    r->views = NULL;
}

/* A response's text and tokens, owned by the requests it answers (every answer of a batch points into
   the same block): handed over from the connection without a copy, freed with the last of them. */
typedef struct _seismic_body {
    uint32_t refs;
    seismic_buf text;
    seismic_json_token *tokens;
} _seismic_body;

static void _seismic_body_release(seismic_client *c, _seismic_body *b) {
    if (!b || --b->refs) return;
    seismic_buf_free(&b->text); /* wiped when the calls were secret */
    _seismic_free(&c->desc.allocator, b->tokens);
    _seismic_free(&c->desc.allocator, b);
}

static void _seismic_free_slot(seismic_client *c, _seismic_req *r) {
    uint32_t slot = (uint32_t)(r - c->reqs);
    if (r->in_done_queue) _seismic_list_remove(c, &c->done, slot);
    _seismic_live_remove(c, slot);
    _seismic_views_free(r);
    seismic_buf_free(&r->call);
    seismic_buf_free(&r->text);
    _seismic_body_release(c, r->body);
    memset(r, 0, sizeof *r);
    if (c->generations[slot] >= _SEISMIC_GENERATION_MAX) return; /* retired: its next id would repeat an old one */
    r->next = c->free_head;
    c->free_head = slot;
}

/* Parses one response into a token array, sized exactly from a counting pass. The tokens of one
   response may take at most max_response_bytes, as its text may: tiny values (16 bytes of tokens for
   each 2-byte "1,") cannot multiply a response's memory. */
static seismic_result _seismic_parse_owned(seismic_client *c, const char *text, size_t len, seismic_json *json,
                                           seismic_json_token **tokens, size_t *cap, seismic_error *err) {
    seismic_result r = seismic_json_parse(json, text, len, *tokens, *cap, err);
    if (r != SEISMIC_ERR_CAPACITY) return r;
    size_t need = json->count;
    if (need > c->desc.max_response_bytes / sizeof **tokens)
        return _seismic_fail(err, SEISMIC_ERR_CAPACITY,
                             "a %zu-byte response with %zu JSON values: their tokens would take %zu bytes, over "
                             "max_response_bytes (%u)", len, need, need * sizeof **tokens, c->desc.max_response_bytes);
    _seismic_free(&c->desc.allocator, *tokens);
    *tokens = (seismic_json_token *)_seismic_alloc(&c->desc.allocator, need * sizeof **tokens);
    *cap = *tokens ? need : 0;
    if (!*tokens) return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "out of memory for %zu JSON tokens", need);
    return seismic_json_parse(json, text, len, *tokens, *cap, err);
}

/* Scratch memory goes back to the allocator once it is large: a big response does not stay resident. */
#define _SEISMIC_SCRATCH_KEEP (64u << 10)

/* A connection's tokenizer, ready for the next response; its tokens go back once they are large. */
static void _seismic_stream_trim(_seismic_json_stream *st) {
    if (st->cap * sizeof *st->tokens > _SEISMIC_SCRATCH_KEEP) _seismic_json_stream_free(st);
    _seismic_json_stream_reset(st);
}

static void _seismic_buf_trim(seismic_buf *b) {
    if (b->cap > _SEISMIC_SCRATCH_KEEP) seismic_buf_free(b);
    b->len = 0;
}

static void _seismic_sub_settle(seismic_client *c, _seismic_req *r, seismic_result result);

/* THE finish path: every request ends here exactly once, whatever ended it. */
static void _seismic_finish(seismic_client *c, _seismic_req *r, seismic_result result, const char *message) {
    uint32_t slot = (uint32_t)(r - c->reqs);
    SEISMIC_ASSERT(r->state != _SEISMIC_REQ_DONE && r->state != _SEISMIC_REQ_FREE);
    _seismic_live_remove(c, slot);
    if (r->state == _SEISMIC_REQ_QUEUED) _seismic_list_remove(c, &c->queue, slot);
    if (r->state == _SEISMIC_REQ_SENT) {
        c->in_flight--;
        if (r->conn != _SEISMIC_NONE && !c->conns[r->conn].websocket && c->conns[r->conn].live > 0)
            c->conns[r->conn].live--;
    }
    r->state = _SEISMIC_REQ_DONE;
    r->conn = _SEISMIC_NONE;
    r->answer_pending = false;
    if (r->action) { /* its children see the parent finished and stop */
        void *action = r->action;
        r->action = NULL;
        if (r->action_free) r->action_free(c, action);
        _seismic_free(&c->desc.allocator, action);
    }
    r->response.result = result;
    r->response.attempts = r->attempts;
    if (result != SEISMIC_OK) {
        r->response.result_index = -1;
        if (message) { /* keep the message in the request's own text buffer */
            r->text.len = 0;
            seismic_buf_append_str(&r->text, message);
            r->response.error_message = seismic_buf_cstr(&r->text);
        } else if (!r->response.error_message) {
            r->response.error_message = seismic_result_string(result);
        }
    }
    if (r->subscription) _seismic_sub_settle(c, r, result);
    if (result == SEISMIC_ERR_TIMEOUT) c->stats.timeouts++;
    c->stats.finished++;
    _seismic_list_push(c, &c->deliver, slot);
}

/* A JSON number as int64, clamped (1e19 is INT64_MAX, -1e400 INT64_MIN, fractions truncate); 0 when
   it is not a number, or longer than 64 characters (no error code is: reading one would cost its length).
   The float-to-integer conversion only ever sees values in range. */
static int64_t _seismic_json_int64(const seismic_json *j, int index) {
    char digits[65];
    if (!seismic_json_is(j, index, SEISMIC_JSON_NUMBER) || j->tokens[index].len >= sizeof digits) return 0;
    memcpy(digits, j->text + j->tokens[index].start, j->tokens[index].len);
    digits[j->tokens[index].len] = 0;
    double v = strtod(digits, NULL);
    if (v != v) return 0;
    if (v >= 9223372036854775807.0) return INT64_MAX;
    if (v <= -9223372036854775808.0) return INT64_MIN;
    return (int64_t)v;
}

/* Finishes a request whose answer is in r->response.json, its members in r->member: error or result.
   Nothing here searches the response: the members were found while it was tokenized. */
static void _seismic_finish_parsed(seismic_client *c, _seismic_req *r) {
    const seismic_json *j = &r->response.json;
    int error = r->member[_SEISMIC_JM_ERROR];
    if (error >= 0 && !seismic_json_is(j, error, SEISMIC_JSON_NULL)) {
        static char unknown[] = "JSON-RPC error";
        int msg = r->member[_SEISMIC_JM_MESSAGE], data = r->member[_SEISMIC_JM_DATA];
        r->response.rpc_code = _seismic_json_int64(j, r->member[_SEISMIC_JM_CODE]);
        r->response.rpc_data = data >= 0 ? seismic_json_raw(j, data, &r->response.rpc_data_len) : NULL;
        r->response.result_index = -1;
        /* the message is a view into the text; NUL-terminate it in place (the quote is not needed) */
        if (msg >= 0 && seismic_json_is(j, msg, SEISMIC_JSON_STRING)) {
            char *text = (char *)(uintptr_t)j->text;
            text[j->tokens[msg].start + j->tokens[msg].len] = 0;
            r->response.error_message = text + j->tokens[msg].start;
        } else {
            r->response.error_message = unknown;
        }
        _seismic_finish(c, r, SEISMIC_ERR_RPC, NULL);
        return;
    }
    r->response.result_index = r->member[_SEISMIC_JM_RESULT];
    if (r->response.result_index < 0) {
        _seismic_finish(c, r, SEISMIC_ERR_PARSE, "response has neither result nor error");
        return;
    }
    _seismic_finish(c, r, SEISMIC_OK, NULL);
}

/* Tokens of one response may take at most max_response_bytes, as its text may, counting the block they
   grow into: tiny values (16 bytes of tokens for each 2-byte "1,") cannot multiply a response's memory. */
static size_t _seismic_max_tokens(const seismic_client *c) { return c->desc.max_response_bytes / sizeof(seismic_json_token); }

/* Stores a JSON-RPC response object made here (an action's result) for a request and finishes it. */
static void _seismic_finish_with_object(seismic_client *c, _seismic_req *r, const char *obj, size_t len, int status) {
    _seismic_json_stream st;
    _seismic_body *b = (_seismic_body *)_seismic_alloc(&c->desc.allocator, sizeof *b);
    if (!b) {
        _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "out of memory for the response");
        return;
    }
    memset(b, 0, sizeof *b);
    b->refs = 1;
    b->text.allocator = c->desc.allocator;
    b->text.secret = r->text.secret;
    seismic_buf_append(&b->text, obj, len);
    _seismic_json_stream_init(&st, NULL, 0, _seismic_max_tokens(c), c->desc.allocator, false);
    seismic_result res = b->text.failed ? SEISMIC_ERR_NO_MEMORY : _seismic_json_stream_feed(&st, b->text.data, len, true);
    b->tokens = st.tokens;
    r->body = b;
    r->response.http_status = status;
    if (res) {
        _seismic_finish(c, r, res, b->text.failed ? "out of memory for the response" : st.error.message);
        return;
    }
    r->response.json.text = (const char *)b->text.data;
    r->response.json.len = len;
    r->response.json.tokens = b->tokens;
    r->response.json.count = st.count;
    memcpy(r->member, st.member, sizeof r->member);
    _seismic_finish_parsed(c, r);
}

static uint32_t _seismic_backoff_ms(seismic_client *c, uint32_t attempt) {
    uint64_t delay = c->desc.retry_base_delay_ms;
    for (uint32_t i = 1; i < attempt && delay < c->desc.retry_max_delay_ms; i++) delay *= 2;
    if (delay > c->desc.retry_max_delay_ms) delay = c->desc.retry_max_delay_ms;
    return (uint32_t)(delay / 2 + _seismic_rand(c) % (delay / 2 + 1)); /* "equal jitter": [d/2, d] */
}

/* A failed attempt: retried with backoff when allowed, else finished. */
static void _seismic_fail_attempt(seismic_client *c, _seismic_req *r, seismic_result result, const char *message,
                                  uint32_t retry_after_ms, int http_status) {
    uint64_t now = _seismic_now_ms(c);
    r->response.http_status = http_status;
    if (r->retry_safe && !c->desc.disable_retries && r->attempts <= c->desc.max_retries && !r->canceled) {
        uint32_t delay = _seismic_backoff_ms(c, r->attempts);
        if (retry_after_ms > delay) delay = retry_after_ms;
        if (now + delay < r->deadline) {
            if (r->state == _SEISMIC_REQ_SENT) {
                c->in_flight--;
                if (r->conn != _SEISMIC_NONE && !c->conns[r->conn].websocket && c->conns[r->conn].live > 0)
                    c->conns[r->conn].live--;
            }
            r->state = _SEISMIC_REQ_QUEUED;
            r->conn = _SEISMIC_NONE;
            r->answer_pending = false;
            r->not_before = now + delay;
            _seismic_list_push(c, &c->queue, (uint32_t)(r - c->reqs));
            c->stats.retries++;
            _seismic_log(c, SEISMIC_LOG_INFO, "retry %u of %u in %u ms after: %s", r->attempts, c->desc.max_retries,
                         delay, message);
            return;
        }
    }
    _seismic_finish(c, r, result, message);
}

/* A connection failed before it could carry anything: the calls waiting for it lose an attempt
   (retried with backoff when the error is worth retrying; a certificate error is not). */
static void _seismic_fail_waiting(seismic_client *c, seismic_result result, const char *message, bool retryable) {
    uint64_t now = _seismic_now_ms(c);
    for (uint32_t slot = c->queue.head, next; slot != _SEISMIC_NONE; slot = next) {
        _seismic_req *r = &c->reqs[slot];
        next = r->next;
        if (r->not_before > now) continue; /* already waiting out a backoff */
        r->attempts++;
        bool retry = retryable && r->retry_safe && !c->desc.disable_retries && r->attempts <= c->desc.max_retries;
        uint32_t delay = retry ? _seismic_backoff_ms(c, r->attempts) : 0;
        if (retry && now + delay < r->deadline) {
            r->not_before = now + delay;
            c->stats.retries++;
            _seismic_log(c, SEISMIC_LOG_INFO, "retry %u of %u in %u ms after: %s", r->attempts, c->desc.max_retries,
                         delay, message);
        } else {
            _seismic_finish(c, r, result, message);
        }
    }
}

/* --- connections --- */

static void _seismic_conn_close(seismic_client *c, uint32_t index) {
    _seismic_conn *conn = &c->conns[index];
    if (conn->state == _SEISMIC_CONN_CLOSED) return;
    if (conn->sock >= 0) c->desc.sockets.close(conn->sock, c->desc.sockets.user_data);
    if (c->builtin_sockets) _seismic_dial_cancel(&conn->dial);
    if (conn->iobuf) seismic_wipe(conn->iobuf, BR_SSL_BUFSIZE_BIDI); /* plaintext records */
    if (conn->ssl) seismic_wipe(conn->ssl, sizeof *conn->ssl);           /* the session's keys */
    _seismic_free(&c->desc.allocator, conn->iobuf);
    _seismic_free(&c->desc.allocator, conn->ssl);
    if (conn->x509) _seismic_x509_free(conn->x509);
    _seismic_free(&c->desc.allocator, conn->x509);
    seismic_buf_free(&conn->out);
    _seismic_http_response_free(&conn->http);
    _seismic_ws_parser_free(&conn->ws);
    _seismic_json_stream_free(&conn->js);
    _seismic_free(&c->desc.allocator, conn->answered);
    _seismic_free(&c->desc.allocator, conn->batch);
    memset(conn, 0, sizeof *conn);
    c->stats.open_connections--;
}

/* The connection answered (or stayed up long enough): the failure backoffs start over. */
static void _seismic_conn_proven(seismic_client *c, uint32_t index) {
    _seismic_conn *conn = &c->conns[index];
    if (conn->proven) return;
    conn->proven = true;
    c->endpoints[conn->endpoint].failures = 0;
    if (conn->websocket) c->ws_failures = 0;
}

/* The connection failed: its requests are retried or finished, the endpoint is marked down. */
static void _seismic_conn_fail(seismic_client *c, uint32_t index, seismic_result result, const char *message,
                               uint32_t retry_after_ms, int http_status) {
    _seismic_conn *conn = &c->conns[index];
    _seismic_endpoint *ep = &c->endpoints[conn->endpoint];
    _seismic_log(c, SEISMIC_LOG_WARN, "%s://%s:%u: %s", ep->url.tls ? (ep->url.websocket ? "wss" : "https")
                                                                     : (ep->url.websocket ? "ws" : "http"),
                 ep->url.host, (unsigned)ep->url.port, message);
    if (conn->state == _SEISMIC_CONN_READY && _seismic_now_ms(c) - conn->ready_at >= _SEISMIC_HEALTHY_MS)
        _seismic_conn_proven(c, index); /* it stayed up: this failure starts the backoff over */
    if (result == SEISMIC_ERR_TRANSPORT || result == SEISMIC_ERR_TLS || result == SEISMIC_ERR_TIMEOUT) {
        ep->failures++;
        ep->down_until = _seismic_now_ms(c) + (ep->failures > 5 ? 5000u : 250u * ep->failures);
        if (c->endpoint_count > 1 && conn->endpoint == c->current_endpoint)
            c->current_endpoint = (c->current_endpoint + 1) % c->endpoint_count; /* fail over */
    }
    bool was_ws = conn->websocket, before_ready = conn->state != _SEISMIC_CONN_READY;
    for (uint32_t slot = c->live.head; slot != _SEISMIC_NONE;) {
        _seismic_req *r = &c->reqs[slot];
        uint32_t next = r->live_next;
        if (r->state == _SEISMIC_REQ_SENT && r->conn == index) {
            if (was_ws && !r->retry_safe)
                _seismic_finish(c, r, result, message); /* cannot be replayed on a new socket */
            else
                _seismic_fail_attempt(c, r, result, message, retry_after_ms, http_status);
            if (next != _SEISMIC_NONE && !c->reqs[next].in_live) next = c->live.head; /* see _seismic_timers */
        }
        slot = next;
    }
    _seismic_conn_close(c, index);
    if (before_ready) _seismic_fail_waiting(c, result, message, result != SEISMIC_ERR_TLS);
    if (was_ws) {
        c->ws_failures++;
        uint64_t delay = 250;
        for (uint32_t i = 1; i < c->ws_failures && delay < c->desc.ws_reconnect_max_delay_ms; i++) delay *= 2;
        if (delay > c->desc.ws_reconnect_max_delay_ms) delay = c->desc.ws_reconnect_max_delay_ms;
        c->ws_retry_at = _seismic_now_ms(c) + delay / 2 + _seismic_rand(c) % (delay / 2 + 1);
        for (uint32_t s = 0; s < c->sub_cap; s++) c->subs[s].active = false;
    }
}

/* When the earliest endpoint comes back from its failure backoff (now when one is up). */
static uint64_t _seismic_endpoint_ready_at(const seismic_client *c) {
    uint64_t at = UINT64_MAX;
    for (uint32_t e = 0; e < c->endpoint_count; e++)
        if (c->endpoints[e].down_until < at) at = c->endpoints[e].down_until;
    return at;
}

static uint32_t _seismic_pick_endpoint(seismic_client *c) {
    uint64_t now = _seismic_now_ms(c);
    for (uint32_t k = 0; k < c->endpoint_count; k++) {
        uint32_t e = (c->current_endpoint + k) % c->endpoint_count;
        if (c->endpoints[e].down_until <= now) return e;
    }
    return c->current_endpoint;
}

static bool _seismic_conn_open(seismic_client *c, uint32_t index) {
    _seismic_conn *conn = &c->conns[index];
    uint32_t e = _seismic_pick_endpoint(c);
    const seismic_url *url = &c->endpoints[e].url;
    seismic_error err = {"", SEISMIC_OK};
    memset(conn, 0, sizeof *conn);
    conn->endpoint = e;
    conn->websocket = url->websocket;
    conn->tls = url->tls;
    conn->out.allocator = c->desc.allocator;
    intptr_t sock = -1;
    if (!c->builtin_sockets) sock = c->desc.sockets.connect(url->host, url->port, c->desc.sockets.user_data, &err);
    else if (_seismic_dial_start(&c->net, &conn->dial, url->host, url->port, _seismic_now_ms(c), &err))
        sock = 0; /* the dial is under way: the socket comes from _seismic_dial_step */
    c->stats.connections_opened++;
    c->stats.open_connections++;
    conn->state = _SEISMIC_CONN_CONNECTING;
    conn->sock = c->builtin_sockets ? -1 : sock;
    conn->deadline = _seismic_now_ms(c) + c->desc.connect_timeout_ms;
    _seismic_http_response_init(&conn->http, c->desc.max_header_bytes, c->desc.max_response_bytes, c->desc.allocator);
    _seismic_ws_parser_init(&conn->ws, c->desc.max_response_bytes, c->desc.allocator);
    _seismic_json_stream_init(&conn->js, NULL, 0, _seismic_max_tokens(c), c->desc.allocator, true);
    if (!url->websocket) {
        conn->batch = (uint32_t *)_seismic_alloc(&c->desc.allocator, c->desc.max_batch * sizeof *conn->batch);
        if (!conn->batch) {
            err.result = SEISMIC_ERR_NO_MEMORY;
            snprintf(err.message, sizeof err.message, "out of memory");
            sock = -1;
        }
    }
    if (sock < 0) {
        conn->sock = -1;
        _seismic_conn_fail(c, index, err.result ? err.result : SEISMIC_ERR_TRANSPORT, err.message, 0, 0);
        return false;
    }
    if (conn->tls) {
        conn->ssl = (br_ssl_client_context *)_seismic_alloc(&c->desc.allocator, sizeof *conn->ssl);
        conn->x509 = (_seismic_x509 *)_seismic_alloc(&c->desc.allocator, sizeof *conn->x509);
        conn->iobuf = (uint8_t *)_seismic_alloc(&c->desc.allocator, BR_SSL_BUFSIZE_BIDI);
        if (!conn->ssl || !conn->x509 || !conn->iobuf) {
            _seismic_conn_fail(c, index, SEISMIC_ERR_NO_MEMORY, "out of memory for TLS buffers", 0, 0);
            return false;
        }
        br_ssl_client_init_full(conn->ssl, &conn->x509->minimal, c->trust.anchors, c->trust.count);
        _seismic_tls_policy(conn->ssl, conn->x509, &c->desc);
        br_ssl_engine_set_buffer(&conn->ssl->eng, conn->iobuf, BR_SSL_BUFSIZE_BIDI, 1);
        /* SNI and host-name verification both come from this name */
        if (!br_ssl_client_reset(conn->ssl, url->host, 0)) {
            _seismic_conn_fail(c, index, SEISMIC_ERR_TLS, "TLS reset failed", 0, 0);
            return false;
        }
    }
    if (url->websocket) {
        if (_seismic_ws_make_key(conn->ws_key) != SEISMIC_OK) {
            _seismic_conn_fail(c, index, SEISMIC_ERR_RANDOM, "no randomness for the WebSocket key", 0, 0);
            return false;
        }
        _seismic_ws_write_handshake(&conn->out, url, conn->ws_key);
    }
    conn->want_write = true;
    return true;
}

/* Moves bytes between the socket and the protocol: plain TCP, or through BearSSL's engine.
   Returns false when the connection failed (already handled). */
static bool _seismic_conn_io(seismic_client *c, uint32_t index, bool readable, bool writable);

static void _seismic_on_bytes(seismic_client *c, uint32_t index, const uint8_t *data, size_t len);
static void _seismic_on_eof(seismic_client *c, uint32_t index, bool clean);

/* An HTTP keep-alive connection with nothing in flight: the server may close it at any time. */
static bool _seismic_conn_idle(const _seismic_conn *conn) {
    return !conn->websocket && conn->state == _SEISMIC_CONN_READY && conn->batch_count == 0;
}

static bool _seismic_conn_send_raw(seismic_client *c, uint32_t index, const uint8_t *data, size_t len, size_t *sent) {
    _seismic_conn *conn = &c->conns[index];
    *sent = 0;
    while (*sent < len) {
        ptrdiff_t n = c->desc.sockets.send(conn->sock, data + *sent, len - *sent, c->desc.sockets.user_data);
        if (n == SEISMIC_IO_AGAIN) return true;
        if (n < 0) {
            _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, "send failed: connection reset", 0, 0);
            return false;
        }
        *sent += (size_t)n;
        c->stats.bytes_sent += (uint64_t)n;
    }
    return true;
}

static void _seismic_conn_connected(seismic_client *c, uint32_t index) {
    _seismic_conn *conn = &c->conns[index];
    conn->state = conn->tls || conn->websocket ? _SEISMIC_CONN_HANDSHAKE : _SEISMIC_CONN_READY;
    conn->ready_at = _seismic_now_ms(c); /* WebSocket: again once upgraded */
}

/* Bytes read from one connection per process call: a big response arrives over several calls instead
   of stalling the caller's loop for its whole transfer (the socket stays readable, so poll wakes at once). */
#define _SEISMIC_READ_BUDGET (256u << 10)

static void _seismic_ws_flush_pong(seismic_client *c, uint32_t index);

static bool _seismic_conn_io(seismic_client *c, uint32_t index, bool readable, bool writable) {
    _seismic_conn *conn = &c->conns[index];
    if (conn->state == _SEISMIC_CONN_CONNECTING) {
        if (!writable || c->builtin_sockets) return true; /* built-in sockets connect in _seismic_dial_step */
        seismic_error err = {"", SEISMIC_OK};
        if (c->desc.sockets.finish_connect(conn->sock, c->desc.sockets.user_data, &err) != 0) {
            _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, err.message, 0, 0);
            return false;
        }
        _seismic_conn_connected(c, index);
    }
    if (!conn->tls) {
        if (conn->pong_due) _seismic_ws_flush_pong(c, index);
        if (conn->out.len > conn->out_pos) {
            size_t sent;
            if (!_seismic_conn_send_raw(c, index, conn->out.data + conn->out_pos, conn->out.len - conn->out_pos, &sent))
                return false;
            conn->out_pos += sent;
            if (conn->out_pos == conn->out.len) conn->out.len = conn->out_pos = 0;
        }
        conn->want_write = conn->out.len > conn->out_pos || conn->pong_due;
        for (size_t got = 0; readable && got < _SEISMIC_READ_BUDGET;) {
            ptrdiff_t n = c->desc.sockets.recv(conn->sock, c->recv_buf, sizeof c->recv_buf, c->desc.sockets.user_data);
            if (n == SEISMIC_IO_AGAIN) break;
            if (n <= 0) {
                _seismic_on_eof(c, index, n == 0);
                return false;
            }
            c->stats.bytes_received += (uint64_t)n;
            got += (size_t)n;
            _seismic_on_bytes(c, index, c->recv_buf, (size_t)n);
            if (conn->state == _SEISMIC_CONN_CLOSED) return false;
            if ((size_t)n < sizeof c->recv_buf) break;
        }
        return true;
    }
    /* TLS: drive the engine until it needs the network. */
    br_ssl_engine_context *eng = &conn->ssl->eng;
    size_t got = 0;
    for (int guard = 0; guard < 1024; guard++) {
        unsigned st = br_ssl_engine_current_state(eng);
        size_t len;
        /* BearSSL stops taking records once the server's close_notify came: its clean end of stream */
        if (eng->shutdown_recv && !(st & BR_SSL_RECVAPP)) {
            _seismic_on_eof(c, index, true);
            return false;
        }
        if (st & BR_SSL_CLOSED) {
            int code = br_ssl_engine_last_error(eng);
            char message[160];
            snprintf(message, sizeof message, "TLS: %s (BearSSL error %d)", _seismic_tls_error_string(code), code);
            _seismic_conn_fail(c, index, code == BR_ERR_IO || code == BR_ERR_OK ? SEISMIC_ERR_TRANSPORT : SEISMIC_ERR_TLS,
                               code == BR_ERR_OK ? "connection closed by the server" : message, 0, 0);
            return false;
        }
        if (conn->state == _SEISMIC_CONN_HANDSHAKE && !conn->websocket && (st & BR_SSL_SENDAPP))
            conn->state = _SEISMIC_CONN_READY;
        if (st & BR_SSL_SENDREC) {
            uint8_t *buf = br_ssl_engine_sendrec_buf(eng, &len);
            size_t sent;
            if (!_seismic_conn_send_raw(c, index, buf, len, &sent)) return false;
            if (sent) {
                br_ssl_engine_sendrec_ack(eng, sent);
                continue;
            }
            conn->want_write = true;
        } else {
            conn->want_write = false;
        }
        if (st & BR_SSL_RECVAPP) {
            uint8_t *buf = br_ssl_engine_recvapp_buf(eng, &len);
            _seismic_on_bytes(c, index, buf, len);
            if (conn->state == _SEISMIC_CONN_CLOSED) return false;
            br_ssl_engine_recvapp_ack(eng, len);
            continue;
        }
        if ((st & BR_SSL_SENDAPP) && conn->pong_due) _seismic_ws_flush_pong(c, index);
        if ((st & BR_SSL_SENDAPP) && conn->out.len > conn->out_pos) {
            uint8_t *buf = br_ssl_engine_sendapp_buf(eng, &len);
            size_t n = conn->out.len - conn->out_pos < len ? conn->out.len - conn->out_pos : len;
            memcpy(buf, conn->out.data + conn->out_pos, n);
            br_ssl_engine_sendapp_ack(eng, n);
            conn->out_pos += n;
            if (conn->out_pos == conn->out.len) {
                conn->out.len = conn->out_pos = 0;
                br_ssl_engine_flush(eng, 0);
            }
            continue;
        }
        if ((st & BR_SSL_RECVREC) && readable && got < _SEISMIC_READ_BUDGET) {
            uint8_t *buf = br_ssl_engine_recvrec_buf(eng, &len);
            ptrdiff_t n = c->desc.sockets.recv(conn->sock, buf, len, c->desc.sockets.user_data);
            if (n == SEISMIC_IO_AGAIN) {
                readable = false;
                break;
            }
            if (n == 0 && !_seismic_conn_idle(conn)) { /* a bare TCP close can cut a body short: not an end */
                _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT,
                                   conn->state == _SEISMIC_CONN_READY
                                       ? "TLS: the server closed the connection without close_notify (truncated response)"
                                       : "TLS: the server closed the connection during the handshake",
                                   0, 0);
                return false;
            }
            if (n <= 0) {
                _seismic_on_eof(c, index, false);
                return false;
            }
            c->stats.bytes_received += (uint64_t)n;
            got += (size_t)n;
            br_ssl_engine_recvrec_ack(eng, (size_t)n);
            continue;
        }
        break;
    }
    return true;
}

/* --- HTTP --- */

/* Writes the queued calls for one HTTP connection as a single request (a batch when more than one). */
static void _seismic_http_dispatch(seismic_client *c, uint32_t index, uint32_t *slots, uint32_t count) {
    _seismic_conn *conn = &c->conns[index];
    seismic_buf body = {NULL, 0, 0, false, c->desc.allocator, false};
    bool batch = count > 1;
    if (batch) seismic_buf_append_byte(&body, '[');
    for (uint32_t i = 0; i < count; i++) {
        _seismic_req *r = &c->reqs[slots[i]];
        if (i) seismic_buf_append_byte(&body, ',');
        if (r->call.secret) body.secret = conn->out.secret = conn->http.body.secret = true; /* until it closes */
        seismic_buf_append(&body, r->call.data, r->call.len);
        r->state = _SEISMIC_REQ_SENT;
        r->conn = index;
        r->attempts++;
        conn->batch[i] = slots[i];
    }
    if (batch) seismic_buf_append_byte(&body, ']');
    conn->batch_count = conn->live = count;
    c->in_flight += count;
    _seismic_http_write_request(&conn->out, "POST", &c->endpoints[conn->endpoint].url, "application/json", body.data,
                               body.len, NULL);
    seismic_buf_free(&body);
    c->stats.http_requests++;
    conn->want_write = true;
    if (conn->out.failed) _seismic_conn_fail(c, index, SEISMIC_ERR_NO_MEMORY, "out of memory", 0, 0);
}

/* --- responses: tokenized as they arrive, answers handed over without a copy --- */

/* An answer found in the response arriving on connection index (a batch element, or the whole document
   for a single response): the call it names by id (a JSON number as we sent it, on this connection) is
   noted, to be finished when the response is complete. Anything else is not an answer. */
static void _seismic_note_answer(seismic_client *c, uint32_t index, const uint8_t *text, const _seismic_json_stream *st,
                                 _seismic_req *r) {
    _seismic_conn *conn = &c->conns[index];
    if (!r) {
        int32_t at = st->member[_SEISMIC_JM_ID];
        if (at < 0) return;
        seismic_json_token id_token = st->tokens[st->element_token + (uint32_t)at];
        seismic_json id_json = {(const char *)text + st->element_offset, st->element_len, &id_token, 1};
        uint64_t id = 0;
        /* our ids are below 2^48: a longer number is nobody's (and is not read through) */
        if (id_token.type != SEISMIC_JSON_NUMBER || id_token.len > 20) return;
        id_token.end = 1;
        if (seismic_json_get_u64(&id_json, 0, &id)) return;
        r = _seismic_lookup(c, id);
    }
    if (!r || r->state != _SEISMIC_REQ_SENT || r->conn != index || r->answer_pending) return; /* late, or not ours */
    if (conn->answered_count == conn->answered_cap) {
        uint32_t cap = conn->answered_cap ? conn->answered_cap * 2 : 8;
        uint64_t *grown = (uint64_t *)_seismic_alloc(&c->desc.allocator, cap * sizeof *grown);
        if (!grown) return; /* the call stays unanswered and says so */
        if (conn->answered_count) memcpy(grown, conn->answered, conn->answered_count * sizeof *grown);
        _seismic_free(&c->desc.allocator, conn->answered);
        conn->answered = grown;
        conn->answered_cap = cap;
    }
    conn->answered[conn->answered_count++] = r->id;
    r->answer_pending = true;
    r->answer_token = st->element_token;
    r->answer_count = st->element_count;
    r->answer_offset = st->element_offset;
    r->answer_len = st->element_len;
    memcpy(r->member, st->member, sizeof r->member);
}

/* Feeds connection index's tokenizer what the response text holds so far (final: all of it); the answers
   of a batch are noted as each one completes. The work is proportional to the new bytes. */
static void _seismic_conn_tokenize(seismic_client *c, uint32_t index, const seismic_buf *text, bool final) {
    _seismic_json_stream *st = &c->conns[index].js;
    while (_seismic_json_stream_feed(st, text->data, text->len, final) == SEISMIC_OK && st->element_done)
        _seismic_note_answer(c, index, text->data, st, NULL);
}

/* The response in text is complete and tokenized: the noted answers finish, their json pointing into one
   block that takes the text and the tokens from the connection (moved, not copied). */
static void _seismic_settle_answers(seismic_client *c, uint32_t index, seismic_buf *text, int status) {
    _seismic_conn *conn = &c->conns[index];
    _seismic_body *b = NULL;
    for (uint32_t i = 0; i < conn->answered_count; i++) {
        _seismic_req *r = _seismic_lookup(c, conn->answered[i]);
        if (!r || !r->answer_pending || r->state != _SEISMIC_REQ_SENT || r->conn != index) continue;
        r->answer_pending = false;
        if (!b) {
            b = (_seismic_body *)_seismic_alloc(&c->desc.allocator, sizeof *b);
            if (!b) {
                _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "out of memory for the response");
                continue;
            }
            b->refs = 0;
            b->text = *text; /* the connection starts its next response in fresh memory */
            text->data = NULL;
            text->len = text->cap = 0;
            b->tokens = conn->js.tokens;
            conn->js.tokens = NULL;
            conn->js.cap = 0;
        }
        b->refs++;
        r->body = b;
        r->response.http_status = status;
        r->response.json.text = (const char *)b->text.data + r->answer_offset;
        r->response.json.len = r->answer_len;
        r->response.json.tokens = b->tokens + r->answer_token;
        r->response.json.count = r->answer_count;
        _seismic_finish_parsed(c, r);
        if (c->conns[index].state == _SEISMIC_CONN_CLOSED) break;
    }
    conn->answered_count = 0;
    if (b && !b->refs) { /* every noted call ended some other way meanwhile */
        b->refs = 1;
        _seismic_body_release(c, b);
    }
}

/* The response in text (an HTTP body, a WebSocket message) is complete: the tokenizer gets its end, a
   batch's answers finish. Returns SEISMIC_JSON_ARRAY, or SEISMIC_JSON_OBJECT when the document is an
   object the caller routes (an answer, a notification, an error without an id), or -1 with *refusal
   saying why (malformed, or more tokens than a response may have). */
static int _seismic_response_complete(seismic_client *c, uint32_t index, seismic_buf *text, int status,
                                      seismic_error *refusal) {
    _seismic_json_stream *st = &c->conns[index].js;
    _seismic_conn_tokenize(c, index, text, true);
    if (st->state != _SEISMIC_JS_DONE) {
        c->conns[index].answered_count = 0; /* nothing of a malformed response is an answer */
        if (st->error.result == SEISMIC_ERR_CAPACITY || st->error.result == SEISMIC_ERR_NO_MEMORY)
            _seismic_fail(refusal, st->error.result, "%s", st->error.message);
        else _seismic_fail(refusal, SEISMIC_ERR_PARSE, "malformed JSON-RPC response: %s", st->error.message);
        return -1;
    }
    if (st->batch) {
        _seismic_settle_answers(c, index, text, status);
        return SEISMIC_JSON_ARRAY;
    }
    if (st->tokens[0].type == SEISMIC_JSON_OBJECT) return SEISMIC_JSON_OBJECT;
    _seismic_fail(refusal, SEISMIC_ERR_PARSE, "malformed JSON-RPC response: not an object or array");
    return -1;
}

static void _seismic_http_complete(seismic_client *c, uint32_t index) {
    _seismic_conn *conn = &c->conns[index];
    _seismic_http_response *h = &conn->http;
    int status = h->status;
    conn->close_after = !h->keep_alive;
    if (status < 200 || status > 299) {
        char message[96];
        bool retryable = status == 429 || status == 408 || status >= 500;
        snprintf(message, sizeof message, "HTTP %d from the server", status);
        for (uint32_t i = 0; i < conn->batch_count; i++) {
            _seismic_req *r = &c->reqs[conn->batch[i]];
            if (r->state != _SEISMIC_REQ_SENT || r->conn != index) continue;
            if (retryable) _seismic_fail_attempt(c, r, SEISMIC_ERR_HTTP, message, h->retry_after_ms, status);
            else {
                r->response.http_status = status;
                _seismic_finish(c, r, SEISMIC_ERR_HTTP, message);
            }
        }
    } else {
        seismic_error refusal = {"", SEISMIC_OK};
        if (_seismic_response_complete(c, index, &h->body, status, &refusal) == SEISMIC_JSON_OBJECT) {
            const _seismic_json_stream *st = &conn->js;
            int id = st->member[_SEISMIC_JM_ID], error = st->member[_SEISMIC_JM_ERROR];
            if (id >= 0 && st->tokens[id].type != SEISMIC_JSON_NULL) {
                _seismic_note_answer(c, index, h->body.data, st, NULL);
            } else if (error >= 0 && st->tokens[error].type != SEISMIC_JSON_NULL) {
                /* an error about the whole request (id null): it fails every call; a result never
                   completes a call whose id it does not carry */
                for (uint32_t i = 0; i < conn->batch_count; i++) _seismic_note_answer(c, index, h->body.data, st, &c->reqs[conn->batch[i]]);
            } else {
                _seismic_fail(&refusal, SEISMIC_ERR_PARSE, "the server answered without the call's id");
            }
            _seismic_settle_answers(c, index, &h->body, status);
        }
        for (uint32_t i = 0; i < conn->batch_count && c->conns[index].state != _SEISMIC_CONN_CLOSED; i++) { /* calls the server did not answer */
            _seismic_req *q = &c->reqs[conn->batch[i]];
            if (q->state == _SEISMIC_REQ_SENT && q->conn == index)
                _seismic_finish(c, q, refusal.result ? refusal.result : SEISMIC_ERR_PARSE,
                                refusal.result ? refusal.message : "the server's batch response has no answer for this call");
        }
    }
    if (c->conns[index].state == _SEISMIC_CONN_CLOSED) return;
    _seismic_conn_proven(c, index);
    conn->batch_count = conn->live = 0;
    _seismic_http_response_reset(h);
    _seismic_buf_trim(&h->body);
    _seismic_stream_trim(&conn->js);
    if (conn->close_after) _seismic_conn_close(c, index);
}

/* --- WebSocket --- */

static size_t _seismic_unsent(const _seismic_conn *conn) { return conn->out.len - conn->out_pos; }

/* Queues a frame. A control frame that finds max_send_bytes unsent fails the connection: the server is
   not reading (requests never get there: dispatch holds them back first). False when it failed. */
static bool _seismic_ws_send_frame(seismic_client *c, uint32_t index, int opcode, const void *data, size_t len) {
    _seismic_conn *conn = &c->conns[index];
    if (opcode >= _SEISMIC_WS_CLOSE && _seismic_unsent(conn) >= c->desc.max_send_bytes) {
        char message[120];
        snprintf(message, sizeof message, "the server is not reading: %zu bytes unsent", _seismic_unsent(conn));
        _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, message, 0, 0);
        return false;
    }
    _seismic_ws_write_frame(&conn->out, opcode, true, data, len, NULL);
    conn->want_write = true;
    c->stats.ws_frames_sent++;
    return true;
}

/* Pongs coalesce (RFC 6455 5.5.3): only the latest ping is answered, once the queue has drained, so a
   peer that pings without reading cannot grow the queue. */
static void _seismic_ws_flush_pong(seismic_client *c, uint32_t index) {
    _seismic_conn *conn = &c->conns[index];
    if (!conn->pong_due || _seismic_unsent(conn) > 0) return;
    conn->pong_due = false;
    _seismic_ws_send_frame(c, index, _SEISMIC_WS_PONG, conn->pong, conn->pong_len);
}


static _seismic_sub *_seismic_sub_lookup(const seismic_client *c, uint64_t id) {
    uint32_t slot = (uint32_t)(id & 0xffffu);
    if (id == 0 || slot >= c->sub_cap) return NULL;
    return c->subs[slot].id == id ? &c->subs[slot] : NULL;
}

/* An eth_subscribe ended: the subscription is active from this moment, so a notification in the same
   read as the answer is delivered (confirming at callback time would drop it). */
static void _seismic_sub_settle(seismic_client *c, _seismic_req *r, seismic_result result) {
    _seismic_sub *s = _seismic_sub_lookup(c, r->subscription);
    if (!s || s->pending.id != r->id) return;
    s->pending.id = 0;
    if (result == SEISMIC_OK) {
        const seismic_response *resp = &r->response;
        s->active = seismic_json_get_string(&resp->json, resp->result_index, s->server_id, sizeof s->server_id,
                                            NULL) == SEISMIC_OK && s->server_id[0];
    }
}

/* Reports a refused subscription once its eth_subscribe is delivered. */
static void _seismic_subscribed(seismic_client *c, seismic_request req, const seismic_response *resp, void *user_data) {
    _seismic_sub *s = _seismic_sub_lookup(c, (uint64_t)(uintptr_t)user_data);
    _SEISMIC_UNUSED(req);
    if (!s || resp->result == SEISMIC_ERR_SHUTDOWN || resp->result == SEISMIC_ERR_CANCELED) return;
    if (resp->result == SEISMIC_OK && seismic_json_is(&resp->json, resp->result_index, SEISMIC_JSON_STRING)) {
        if (s->active && s->on_active) s->on_active(s->user_data); /* e.g. to fetch what was missed while disconnected */
        return;
    }
    const char *why = resp->result == SEISMIC_OK ? "the answer is not a subscription id" : resp->error_message;
    _seismic_log(c, SEISMIC_LOG_WARN, "eth_subscribe failed: %s", why);
    if (s->on_refused) s->on_refused(resp->result ? resp->result : SEISMIC_ERR_PARSE, why, s->user_data);
}

static void _seismic_issue_subscribe(seismic_client *c, _seismic_sub *s);

/* A complete message, in the connection's reassembly buffer (an answer takes that memory with it). */
static void _seismic_ws_message(seismic_client *c, uint32_t index) {
    seismic_error refusal = {"", SEISMIC_OK};
    _seismic_conn *conn = &c->conns[index];
    seismic_buf *text = &conn->ws.message;
    int kind = _seismic_response_complete(c, index, text, 0, &refusal);
    if (refusal.result) _seismic_log(c, SEISMIC_LOG_WARN, "ignoring a WebSocket message: %s", refusal.message);
    if (kind != SEISMIC_JSON_OBJECT) return;
    const _seismic_json_stream *st = &conn->js;
    seismic_json json = {(const char *)text->data, text->len, st->tokens, st->count};
    int method = st->member[_SEISMIC_JM_METHOD];
    if (method >= 0 && seismic_json_string_equals(&json, method, "eth_subscription")) {
        int sub_id = st->member[_SEISMIC_JM_SUBSCRIPTION], result = st->member[_SEISMIC_JM_PARAMS_RESULT];
        for (uint32_t s = 0; s < c->sub_cap; s++) {
            _seismic_sub *sub = &c->subs[s];
            if (sub->id && sub->active && seismic_json_string_equals(&json, sub_id, sub->server_id)) {
                seismic_subscription handle = {sub->id};
                c->in_callback++;
                sub->callback(c, handle, &json, result, sub->user_data);
                c->in_callback--;
                return;
            }
        }
        return;
    }
    _seismic_note_answer(c, index, text->data, st, NULL);
    _seismic_settle_answers(c, index, text, 0);
}

static void _seismic_ws_ready(seismic_client *c) {
    for (uint32_t s = 0; s < c->sub_cap; s++) /* (re)subscribe everything */
        if (c->subs[s].id && !c->subs[s].pending.id) _seismic_issue_subscribe(c, &c->subs[s]);
}

/* Bytes from the server (after TLS); NULL/0 means end of stream. */
static void _seismic_on_bytes(seismic_client *c, uint32_t index, const uint8_t *data, size_t len) {
    _seismic_conn *conn = &c->conns[index];
    seismic_error err = {"", SEISMIC_OK};
    conn->last_received = _seismic_now_ms(c);
    bool awaiting_upgrade = conn->websocket && conn->state != _SEISMIC_CONN_READY;
    if (!conn->websocket || awaiting_upgrade) {
        while (true) {
            bool done = false;
            size_t used = 0;
            seismic_result r;
            if (!data) r = _seismic_http_response_eof(&conn->http, &done, &err);
            else r = _seismic_http_response_feed(&conn->http, data, len, &used, &done, &err);
            if (r) {
                char message[220];
                snprintf(message, sizeof message, "bad HTTP response: %s", err.message);
                _seismic_conn_fail(c, index, r == SEISMIC_ERR_CAPACITY ? SEISMIC_ERR_CAPACITY : SEISMIC_ERR_TRANSPORT,
                                   message, 0, 0);
                return;
            }
            if (!done) {
                if (!awaiting_upgrade && conn->http.status >= 200 && conn->http.status <= 299)
                    _seismic_conn_tokenize(c, index, &conn->http.body, false);
                return;
            }
            if (awaiting_upgrade) {
                char expected[29];
                _seismic_ws_accept_for_key(conn->ws_key, expected);
                if (conn->http.status != 101 || !conn->http.upgrade_websocket ||
                    strcmp(conn->http.websocket_accept, expected) != 0) {
                    char message[120];
                    snprintf(message, sizeof message, "WebSocket upgrade refused (HTTP %d%s)", conn->http.status,
                             conn->http.status == 101 ? ", wrong Sec-WebSocket-Accept" : "");
                    _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, message, 0, 0);
                    return;
                }
                conn->state = _SEISMIC_CONN_READY;
                conn->last_ping = conn->ready_at = conn->last_received;
                _seismic_ws_ready(c);
                data += used;
                len -= used;
                break; /* the rest are WebSocket frames */
            }
            if (!data) { /* a close-delimited body completed */
                _seismic_http_complete(c, index);
                return;
            }
            _seismic_http_complete(c, index);
            if (c->conns[index].state == _SEISMIC_CONN_CLOSED) return;
            data += used;
            len -= used;
            if (len == 0) return;
        }
    }
    if (!data) return;
    while (len > 0) {
        _seismic_ws_event ev;
        size_t used = 0;
        seismic_result r = _seismic_ws_parser_feed(&conn->ws, data, len, &used, &ev, &err);
        if (r) {
            char message[220];
            snprintf(message, sizeof message, "bad WebSocket frame: %s", err.message);
            _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, message, 0, 0);
            return;
        }
        data += used;
        len -= used;
        switch (ev.type) {
        case _SEISMIC_WS_EVENT_MESSAGE:
            _seismic_conn_proven(c, index);
            _seismic_ws_message(c, index);
            if (c->conns[index].state == _SEISMIC_CONN_CLOSED) return;
            _seismic_buf_trim(&conn->ws.message);
            _seismic_stream_trim(&conn->js);
            break;
        case _SEISMIC_WS_EVENT_NONE: /* part of a message: tokenized as it arrives */
            if (conn->ws.message.len) _seismic_conn_tokenize(c, index, &conn->ws.message, false);
            break;
        case _SEISMIC_WS_EVENT_PING:
            memcpy(conn->pong, ev.payload, ev.len);
            conn->pong_len = (uint8_t)ev.len;
            conn->pong_due = conn->want_write = true;
            break;
        case _SEISMIC_WS_EVENT_CLOSE: {
            char message[80];
            snprintf(message, sizeof message, "the server closed the WebSocket (code %u)", (unsigned)ev.close_code);
            _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, message, 0, 0);
            return;
        }
        default: break;
        }
        if (c->conns[index].state == _SEISMIC_CONN_CLOSED) return;
        if (used == 0 && ev.type == _SEISMIC_WS_EVENT_NONE) break;
    }
}

/* The peer closed (clean) or reset the connection. */
static void _seismic_on_eof(seismic_client *c, uint32_t index, bool clean) {
    _seismic_conn *conn = &c->conns[index];
    if (_seismic_conn_idle(conn)) {
        _seismic_conn_close(c, index); /* an idle keep-alive connection the server let go: normal */
        return;
    }
    if (clean && !conn->websocket) _seismic_on_bytes(c, index, NULL, 0); /* may end a close-delimited body */
    if (c->conns[index].state != _SEISMIC_CONN_CLOSED)
        _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, clean ? "connection closed by the server" : "connection reset",
                           0, 0);
}

/* --- dispatch --- */

static bool _seismic_take_token(seismic_client *c, uint64_t now) {
    if (c->desc.rate_limit_per_second <= 0) return true;
    c->tokens += (double)(now - c->tokens_at) * c->desc.rate_limit_per_second / 1000.0;
    c->tokens_at = now;
    if (c->tokens > c->desc.rate_limit_burst) c->tokens = c->desc.rate_limit_burst;
    if (c->tokens < 1.0) return false;
    c->tokens -= 1.0;
    return true;
}

/* Sends queued requests whose time has come, within the in-flight cap and the rate limit. */
static bool _seismic_has_subscriptions(const seismic_client *c) {
    for (uint32_t s = 0; s < c->sub_cap; s++)
        if (c->subs[s].id) return true;
    return false;
}

static void _seismic_dispatch(seismic_client *c) {
    uint64_t now = _seismic_now_ms(c);
    if (c->endpoints[0].url.websocket) {
        _seismic_conn *conn = &c->conns[0];
        if (c->queue.count == 0 && !_seismic_has_subscriptions(c)) return;
        if (conn->state == _SEISMIC_CONN_CLOSED) {
            if (now >= c->ws_retry_at) {
                if (c->stats.connections_opened) c->stats.reconnects++;
                _seismic_conn_open(c, 0);
            }
            return;
        }
        if (conn->state != _SEISMIC_CONN_READY) return;
        for (uint32_t slot = c->queue.head, next; slot != _SEISMIC_NONE; slot = next) {
            _seismic_req *r = &c->reqs[slot];
            next = r->next;
            if (c->in_flight >= c->desc.max_in_flight || _seismic_unsent(conn) >= c->desc.max_send_bytes) break;
            if (r->not_before > now) continue;
            if (!_seismic_take_token(c, now)) break;
            _seismic_list_remove(c, &c->queue, slot);
            r->state = _SEISMIC_REQ_SENT;
            r->conn = 0;
            r->attempts++;
            c->in_flight++;
            if (r->call.secret) c->conns[0].out.secret = c->conns[0].ws.message.secret = true; /* until it closes */
            _seismic_ws_send_frame(c, 0, _SEISMIC_WS_TEXT, r->call.data, r->call.len);
        }
        return;
    }
    if (c->queue.count == 0) return;
    /* Enough connections for the calls that are due: one per max_batch, up to the pool size; none
       while every endpoint is in its failure backoff. */
    uint32_t due = 0;
    for (uint32_t slot = c->queue.head; slot != _SEISMIC_NONE; slot = c->reqs[slot].next) due += c->reqs[slot].not_before <= now;
    uint32_t available = 0, wanted = (due + c->desc.max_batch - 1) / c->desc.max_batch;
    if (_seismic_endpoint_ready_at(c) > now) wanted = 0;
    for (uint32_t index = 0; index < c->conn_count; index++)
        available += c->conns[index].state != _SEISMIC_CONN_CLOSED && c->conns[index].batch_count == 0;
    for (uint32_t index = 0; index < c->conn_count && available < wanted; index++) {
        if (c->conns[index].state == _SEISMIC_CONN_CLOSED && c->in_flight < c->desc.max_in_flight &&
            _seismic_conn_open(c, index))
            available++;
    }
    for (uint32_t index = 0; index < c->conn_count && c->queue.count > 0; index++) {
        _seismic_conn *conn = &c->conns[index];
        if (conn->state != _SEISMIC_CONN_READY || conn->batch_count != 0) continue;
        uint32_t count = 0;
        for (uint32_t slot = c->queue.head, next; slot != _SEISMIC_NONE && count < c->desc.max_batch; slot = next) {
            _seismic_req *r = &c->reqs[slot];
            next = r->next;
            if (c->in_flight + count >= c->desc.max_in_flight) break;
            if (r->not_before > now) continue;
            if (!_seismic_take_token(c, now)) break;
            _seismic_list_remove(c, &c->queue, slot);
            conn->batch[count++] = slot;
        }
        if (count) _seismic_http_dispatch(c, index, conn->batch, count);
    }
}

/* The host a connection still waits on the name server for (NULL: not resolving). */
static const char *_seismic_conn_resolving(const seismic_client *c, const _seismic_conn *conn) {
    if (!c->builtin_sockets || conn->state != _SEISMIC_CONN_CONNECTING || conn->dial.entry < 0) return NULL;
    const _seismic_dns_entry *e = &c->net.dns[conn->dial.entry];
    return e->state == _SEISMIC_DNS_PENDING ? e->host : NULL;
}

/* Deadlines: requests, connection handshakes, WebSocket keepalive. */
static void _seismic_timers(seismic_client *c) {
    uint64_t now = _seismic_now_ms(c);
    for (uint32_t slot = c->live.head; slot != _SEISMIC_NONE;) {
        _seismic_req *r = &c->reqs[slot];
        uint32_t next = r->live_next;
        if ((r->state == _SEISMIC_REQ_QUEUED || r->state == _SEISMIC_REQ_SENT || r->state == _SEISMIC_REQ_ACTION) &&
            now >= r->deadline) {
            char message[200];
            const char *resolving = NULL; /* a request waiting for a connection that waits for DNS says so */
            for (uint32_t k = 0; r->state == _SEISMIC_REQ_QUEUED && k < c->conn_count && !resolving; k++)
                resolving = _seismic_conn_resolving(c, &c->conns[k]);
            if (r->state == _SEISMIC_REQ_ACTION) snprintf(message, sizeof message, "timed out before the action completed");
            else if (resolving)
                snprintf(message, sizeof message, "timed out while resolving %.100s (no answer from the name server yet)",
                         resolving);
            else snprintf(message, sizeof message, "timed out after %u attempt%s", r->attempts, r->attempts == 1 ? "" : "s");
            _seismic_finish(c, r, SEISMIC_ERR_TIMEOUT, message);
            /* finishing may end others too (an action's steps): start over when the next one left the list */
            if (next != _SEISMIC_NONE && !c->reqs[next].in_live) next = c->live.head;
        }
        slot = next;
    }
    for (uint32_t index = 0; index < c->conn_count; index++) {
        _seismic_conn *conn = &c->conns[index];
        if (conn->state == _SEISMIC_CONN_CLOSED) continue;
        if (conn->state != _SEISMIC_CONN_READY && now >= conn->deadline) {
            const char *resolving = _seismic_conn_resolving(c, conn);
            char message[200];
            if (resolving)
                snprintf(message, sizeof message, "cannot resolve %.100s: no answer from the name server within %u ms "
                         "(connect_timeout_ms)", resolving, (unsigned)c->desc.connect_timeout_ms);
            _seismic_conn_fail(c, index, SEISMIC_ERR_TIMEOUT, resolving ? message : "connection or handshake timed out", 0, 0);
        } else if (!conn->websocket && conn->batch_count > 0 && conn->live == 0) {
            _seismic_conn_close(c, index); /* every call on it timed out: the server is stalled */
        } else if (conn->websocket && conn->state == _SEISMIC_CONN_READY) {
            if (now - conn->last_received >= 2 * (uint64_t)c->desc.ws_ping_interval_ms)
                _seismic_conn_fail(c, index, SEISMIC_ERR_TRANSPORT, "WebSocket silent for two ping intervals", 0, 0);
            else if (now - conn->last_ping >= c->desc.ws_ping_interval_ms) {
                conn->last_ping = now;
                _seismic_ws_send_frame(c, index, _SEISMIC_WS_PING, "", 0);
            }
        }
    }
}

static int _seismic_deliver(seismic_client *c) {
    int delivered = 0;
    while (c->deliver.count > 0) {
        uint32_t slot = c->deliver.head;
        _seismic_req *r = &c->reqs[slot];
        _seismic_list_remove(c, &c->deliver, slot);
        r->delivered = true;
        if (r->callback) {
            seismic_request handle = {r->id};
            c->in_callback++;
            r->callback(c, handle, &r->response, r->user_data);
            c->in_callback--;
            delivered++;
            _seismic_free_slot(c, r);
        } else if (r->canceled) {
            _seismic_free_slot(c, r); /* released while pending */
        } else {
            r->in_done_queue = true;
            _seismic_list_push(c, &c->done, slot);
        }
    }
    return delivered;
}

/* --- public API --- */

static void _seismic_desc_defaults(seismic_client_desc *d) {
#define _SEISMIC_DEFAULT(field, value) \
    if (!d->field) d->field = value
    _SEISMIC_DEFAULT(max_requests, 4096);
    if (d->max_requests > 65535) d->max_requests = 65535; /* the slot is 16 bits of the handle */
    _SEISMIC_DEFAULT(max_in_flight, 1024);
    _SEISMIC_DEFAULT(max_connections, 4);
    _SEISMIC_DEFAULT(max_batch, 100);
    if (d->max_batch > d->max_requests) d->max_batch = d->max_requests; /* a batch holds live requests */
    if (d->max_connections > _SEISMIC_MAX_CONNECTIONS) d->max_connections = _SEISMIC_MAX_CONNECTIONS;
    if (d->disable_batching) d->max_batch = 1;
    _SEISMIC_DEFAULT(timeout_ms, 30000);
    _SEISMIC_DEFAULT(connect_timeout_ms, 10000);
    _SEISMIC_DEFAULT(max_retries, 3);
    _SEISMIC_DEFAULT(retry_base_delay_ms, 150);
    _SEISMIC_DEFAULT(retry_max_delay_ms, 5000);
    _SEISMIC_DEFAULT(max_response_bytes, 64u << 20);
    _SEISMIC_DEFAULT(max_header_bytes, 16u << 10);
    _SEISMIC_DEFAULT(ws_ping_interval_ms, 30000);
    _SEISMIC_DEFAULT(ws_reconnect_max_delay_ms, 10000);
    _SEISMIC_DEFAULT(max_send_bytes, 16u << 20);
    if (d->rate_limit_per_second > 0 && d->rate_limit_per_second <= _SEISMIC_MAX_RATE && !d->rate_limit_burst)
        d->rate_limit_burst = d->rate_limit_per_second < 1 ? 1 : (uint32_t)d->rate_limit_per_second;
#undef _SEISMIC_DEFAULT
}

/* Values no default can fix are refused, so every later computation (token-bucket waits, burst,
   endpoint arrays) stays in range. */
static seismic_result _seismic_desc_check(const seismic_client_desc *d, seismic_error *err) {
    double rate = d->rate_limit_per_second;
    if (!d->url) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "client: url is required");
    if (!(rate == 0 || (rate >= _SEISMIC_MIN_RATE && rate <= _SEISMIC_MAX_RATE)))
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT,
                             "client: rate_limit_per_second must be 0 (unlimited) or from %g to %g (got %g)",
                             _SEISMIC_MIN_RATE, _SEISMIC_MAX_RATE, rate);
    if (d->fallback_count > _SEISMIC_MAX_FALLBACKS)
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "client: at most %d fallback_urls (got %zu)",
                             _SEISMIC_MAX_FALLBACKS, d->fallback_count);
    for (size_t i = 0; i < d->fallback_count; i++)
        if (!d->fallback_urls || !d->fallback_urls[i])
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "client: fallback_urls[%zu] is NULL", i);
    return SEISMIC_OK;
}

SEISMIC_API seismic_client *seismic_client_create(const seismic_client_desc *desc, seismic_error *err) {
    seismic_client_desc d = *desc;
    _seismic_desc_defaults(&d);
    if (_seismic_desc_check(&d, err)) return NULL;
    _seismic_ip dns_ip;
    uint16_t dns_port;
    if (d.dns_server && !_seismic_ip_port_parse(d.dns_server, 53, &dns_ip, &dns_port)) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "client: dns_server \"%.60s\" is not \"IP\" or \"IP:port\"",
                      d.dns_server);
        return NULL;
    }
    seismic_client *c = (seismic_client *)_seismic_alloc(&d.allocator, sizeof *c);
    if (!c) {
        _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "client: out of memory");
        return NULL;
    }
    memset(c, 0, sizeof *c);
    c->desc = d;
    c->trust.allocator = d.allocator;
    c->net.hook = d.resolver;
    c->net.allocator = d.allocator;
    c->net.dns_server = d.dns_server;
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) c->net.dns[i].udp = c->net.dns[i].tcp = _SEISMIC_NO_SOCK;
    c->poll_scratch.allocator = d.allocator;
    if (!c->desc.clock.now_ms) c->desc.clock.now_ms = _seismic_monotonic_ms;
    if (!c->desc.sockets.connect) {
        seismic_socket_interface builtin = {NULL, NULL, _seismic_builtin_send, _seismic_builtin_recv,
                                            _seismic_builtin_close, _seismic_builtin_fd, NULL};
        c->desc.sockets = builtin;
        c->builtin_sockets = true;
    }
    if (!_seismic_net_startup(err)) {
        _seismic_free(&d.allocator, c);
        return NULL;
    }
    c->endpoint_count = (uint32_t)(1 + d.fallback_count);
    c->endpoints = (_seismic_endpoint *)_seismic_alloc(&d.allocator, c->endpoint_count * sizeof *c->endpoints);
    c->reqs = (_seismic_req *)_seismic_alloc(&d.allocator, d.max_requests * sizeof *c->reqs);
    c->generations = (uint32_t *)_seismic_alloc(&d.allocator, d.max_requests * sizeof *c->generations);
    bool websocket = false;
    seismic_result r = c->endpoints && c->reqs && c->generations ? SEISMIC_OK : SEISMIC_ERR_NO_MEMORY;
    bool needs_tls = false;
    for (uint32_t e = 0; r == SEISMIC_OK && e < c->endpoint_count; e++) {
        memset(&c->endpoints[e], 0, sizeof c->endpoints[e]);
        r = seismic_url_parse(e == 0 ? d.url : d.fallback_urls[e - 1], &c->endpoints[e].url, err);
        needs_tls |= c->endpoints[e].url.tls;
        if (e == 0) websocket = c->endpoints[0].url.websocket;
        else if (r == SEISMIC_OK && c->endpoints[e].url.websocket != websocket)
            r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "client: fallback URLs must use the same transport");
    }
    if (r == SEISMIC_OK && needs_tls) {
        const char *file = d.ca_file ? d.ca_file : getenv("SSL_CERT_FILE");
        if (d.ca_pem) r = _seismic_trust_add_pem(&c->trust, d.ca_pem, d.ca_pem_len ? d.ca_pem_len : strlen(d.ca_pem), err);
        else if (file) r = _seismic_trust_load_file(&c->trust, file, err);
        else r = _seismic_trust_load_system(&c->trust, err);
    }
    c->conn_count = websocket ? 1 : d.max_connections;
    c->conns = (_seismic_conn *)_seismic_alloc(&d.allocator, c->conn_count * sizeof *c->conns);
    if (r == SEISMIC_OK && !c->conns) r = _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "client: out of memory");
    if (r) {
        if (err && !err->message[0]) _seismic_fail(err, r, "client: %s", seismic_result_string(r));
        _seismic_trust_free(&c->trust);
        _seismic_free(&d.allocator, c->endpoints);
        _seismic_free(&d.allocator, c->reqs);
        _seismic_free(&d.allocator, c->generations);
        _seismic_free(&d.allocator, c->conns);
        _seismic_free(&d.allocator, c);
        _seismic_net_cleanup();
        return NULL;
    }
    memset(c->conns, 0, c->conn_count * sizeof *c->conns);
    memset(c->reqs, 0, d.max_requests * sizeof *c->reqs);
    memset(c->generations, 0, d.max_requests * sizeof *c->generations);
    for (uint32_t i = 0; i < d.max_requests; i++) c->reqs[i].next = i + 1 < d.max_requests ? i + 1 : _SEISMIC_NONE;
    c->free_head = 0;
    c->queue.head = c->queue.tail = c->deliver.head = c->deliver.tail = _SEISMIC_NONE;
    c->live.head = c->live.tail = _SEISMIC_NONE;
    c->done.head = c->done.tail = _SEISMIC_NONE;
    c->tokens = d.rate_limit_burst;
    c->tokens_at = _seismic_now_ms(c);
    if (seismic_random_bytes(&c->rng, sizeof c->rng) || !c->rng) c->rng = 0x9e3779b97f4a7c15ull;
    return c;
}

static void _seismic_client_free(seismic_client *c) {
    for (uint32_t i = 0; i < c->desc.max_requests; i++)
        if (c->reqs[i].state != _SEISMIC_REQ_FREE) _seismic_free_slot(c, &c->reqs[i]);
    for (uint32_t i = 0; i < c->conn_count; i++) _seismic_conn_close(c, i);
    for (uint32_t s = 0; s < c->sub_cap; s++) /* internal owners (watchers) learn that their client is gone */
        if (c->subs[s].id && c->subs[s].on_refused)
            c->subs[s].on_refused(SEISMIC_ERR_SHUTDOWN, "the client was destroyed", c->subs[s].user_data);
    for (uint32_t s = 0; s < c->sub_cap; s++) seismic_buf_free(&c->subs[s].params);
    while (c->owned) _seismic_disown(c->owned); /* wallets and watchers outlive it as orphans */
    seismic_allocator a = c->desc.allocator;
    _seismic_trust_free(&c->trust);
    _seismic_free(&a, c->subs);
    _seismic_free(&a, c->endpoints);
    _seismic_free(&a, c->reqs);
    _seismic_free(&a, c->generations);
    _seismic_free(&a, c->conns);
    _seismic_net_free(&c->net);
    _seismic_free(&a, c->poll_fds);
    seismic_buf_free(&c->poll_scratch);
    seismic_wipe(c->recv_buf, sizeof c->recv_buf); /* the last bytes read may be a precompile's secret answer */
    _seismic_free(&a, c);
    _seismic_net_cleanup();
}

SEISMIC_API void seismic_client_destroy(seismic_client *c) {
    if (!c || c->destroying) return;
    c->destroying = true;
    for (uint32_t i = 0; i < c->desc.max_requests; i++) {
        _seismic_req *r = &c->reqs[i];
        if (r->state == _SEISMIC_REQ_QUEUED || r->state == _SEISMIC_REQ_SENT || r->state == _SEISMIC_REQ_ACTION)
            _seismic_finish(c, r, SEISMIC_ERR_SHUTDOWN, "the client was destroyed");
    }
    for (uint32_t i = 0; i < c->conn_count; i++) _seismic_conn_close(c, i);
    if (c->pumping || c->in_callback) return; /* from a callback: the pump delivers the rest, then frees */
    _seismic_deliver(c);
    _seismic_client_free(c);
}

SEISMIC_API seismic_client_stats seismic_client_get_stats(const seismic_client *c) {
    seismic_client_stats s = c->stats;
    s.queued = c->queue.count;
    s.in_flight = c->in_flight;
    s.live_requests = (uint32_t)(s.submitted - s.finished);
    return s;
}

SEISMIC_API const seismic_client_desc *seismic_client_get_desc(const seismic_client *c) { return &c->desc; }
SEISMIC_API const seismic_error *seismic_client_last_error(const seismic_client *c) { return &c->last_error; }

/* Takes a free slot: a new handle with the caller's callback and deadline. */
static _seismic_req *_seismic_new_request(seismic_client *c, const seismic_request_options *options) {
    if (c->destroying) { /* ends at once, without a callback: a callback that resubmits cannot loop */
        _seismic_fail(&c->last_error, SEISMIC_ERR_SHUTDOWN, "rpc: the client is being destroyed");
        return NULL;
    }
    if (c->free_head == _SEISMIC_NONE) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_BUSY, "rpc: all %u request slots are in use (max_requests)",
                      c->desc.max_requests);
        return NULL;
    }
    uint32_t slot = c->free_head;
    _seismic_req *r = &c->reqs[slot];
    c->free_head = r->next;
    uint32_t gen = ++c->generations[slot]; /* never 0: a slot at the last generation is retired when freed */
    memset(r, 0, sizeof *r);
    _seismic_live_add(c, slot);
    r->id = (uint64_t)gen << 16 | slot;
    r->call.allocator = r->text.allocator = c->desc.allocator;
    r->callback = options->callback;
    r->user_data = options->user_data;
    r->conn = _SEISMIC_NONE;
    r->deadline = _seismic_now_ms(c) + (options->timeout_ms ? options->timeout_ms : c->desc.timeout_ms);
    r->response.result_index = -1;
    r->response._request = r;
    return r;
}

/* secret: params or the answer carry a key or plaintext (precompile calls); the request's buffers and
   those of every connection that carries it are wiped when they give memory back. */
static seismic_request _seismic_rpc(seismic_client *c, const char *method, const char *params_json,
                                    const seismic_request_options *options, bool secret) {
    seismic_request none = {0};
    seismic_request_options defaults;
    memset(&defaults, 0, sizeof defaults);
    if (!options) options = &defaults;
    if (!method || !*method) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "rpc: method is required");
        return none;
    }
    _seismic_req *r = _seismic_new_request(c, options);
    if (!r) return none;
    uint32_t slot = (uint32_t)(r - c->reqs);
    r->call.secret = r->text.secret = secret;
    r->retry_safe = options->retry == SEISMIC_RETRY_ALWAYS ||
                    (options->retry == SEISMIC_RETRY_DEFAULT && _seismic_method_retry_safe(method));
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%llu", (unsigned long long)r->id);
    seismic_json_writer w;
    seismic_json_writer_init(&w, &r->call);
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "jsonrpc");
    seismic_json_writer_string(&w, "2.0");
    seismic_json_writer_key(&w, "id");
    seismic_json_writer_raw(&w, id_text, strlen(id_text));
    seismic_json_writer_key(&w, "method");
    seismic_json_writer_string(&w, method);
    seismic_json_writer_key(&w, "params");
    seismic_json_writer_raw(&w, params_json ? params_json : "[]", params_json ? strlen(params_json) : 2);
    seismic_json_writer_object_end(&w);
    if (r->call.failed) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "rpc: out of memory");
        _seismic_free_slot(c, r);
        return none;
    }
    r->state = _SEISMIC_REQ_QUEUED;
    _seismic_list_push(c, &c->queue, slot);
    c->stats.submitted++;
    seismic_request handle = {r->id};
    return handle;
}

SEISMIC_API seismic_request seismic_rpc(seismic_client *c, const char *method, const char *params_json,
                                        const seismic_request_options *options) {
    return _seismic_rpc(c, method, params_json, options, false);
}

SEISMIC_API bool seismic_request_done(const seismic_client *c, seismic_request request) {
    const _seismic_req *r = _seismic_lookup(c, request.id);
    return r && r->state == _SEISMIC_REQ_DONE;
}

SEISMIC_API const seismic_response *seismic_request_response(const seismic_client *c, seismic_request request) {
    _seismic_req *r = _seismic_lookup(c, request.id);
    return r && r->state == _SEISMIC_REQ_DONE && !r->callback ? &r->response : NULL;
}

SEISMIC_API seismic_result seismic_request_cancel(seismic_client *c, seismic_request request) {
    _seismic_req *r = _seismic_lookup(c, request.id);
    if (!r) return SEISMIC_ERR_INVALID_HANDLE;
    if (r->state == _SEISMIC_REQ_DONE) return SEISMIC_OK;
    _seismic_finish(c, r, SEISMIC_ERR_CANCELED, "canceled by the caller");
    return SEISMIC_OK;
}

SEISMIC_API void seismic_request_release(seismic_client *c, seismic_request request) {
    _seismic_req *r = _seismic_lookup(c, request.id);
    if (!r || r->callback) return;
    if (r->state != _SEISMIC_REQ_DONE) {
        r->canceled = true; /* freed when its finish is delivered */
        _seismic_finish(c, r, SEISMIC_ERR_CANCELED, "released by the caller");
        return;
    }
    if (!r->delivered) _seismic_list_remove(c, &c->deliver, (uint32_t)(r - c->reqs));
    _seismic_free_slot(c, r);
}

SEISMIC_API seismic_request seismic_client_next_done(seismic_client *c, const seismic_response **response) {
    seismic_request none = {0};
    if (response) *response = NULL;
    if (c->done.count == 0) return none;
    uint32_t slot = c->done.head;
    _seismic_req *r = &c->reqs[slot];
    _seismic_list_remove(c, &c->done, slot);
    r->in_done_queue = false;
    if (response) *response = &r->response;
    seismic_request handle = {r->id};
    return handle;
}

static seismic_result _seismic_response_check(const seismic_response *resp) {
    if (!resp) return SEISMIC_ERR_INVALID_HANDLE;
    return resp->result != SEISMIC_OK ? resp->result : (resp->result_index < 0 ? SEISMIC_ERR_PARSE : SEISMIC_OK);
}

SEISMIC_API seismic_result seismic_response_u64(const seismic_response *resp, uint64_t *out) {
    seismic_result r = _seismic_response_check(resp);
    return r ? r : seismic_json_get_u64(&resp->json, resp->result_index, out);
}

SEISMIC_API seismic_result seismic_response_u256(const seismic_response *resp, seismic_u256 *out) {
    seismic_result r = _seismic_response_check(resp);
    return r ? r : seismic_json_get_u256(&resp->json, resp->result_index, out);
}

SEISMIC_API const char *seismic_response_raw(const seismic_response *resp, size_t *len) {
    if (_seismic_response_check(resp)) {
        *len = 0;
        return NULL;
    }
    return seismic_json_raw(&resp->json, resp->result_index, len);
}

static void _seismic_issue_subscribe(seismic_client *c, _seismic_sub *s) {
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = _seismic_subscribed;
    o.user_data = (void *)(uintptr_t)s->id;
    o.retry = SEISMIC_RETRY_ALWAYS; /* replaying a subscribe on a fresh socket is exactly what we want */
    s->active = false;
    s->pending = seismic_rpc(c, "eth_subscribe", seismic_buf_cstr(&s->params), &o);
    if (s->pending.id) _seismic_lookup(c, s->pending.id)->subscription = s->id;
}

SEISMIC_API seismic_subscription seismic_subscribe(seismic_client *c, const char *params_json,
                                                   seismic_notification_callback callback, void *user_data) {
    seismic_subscription none = {0};
    if (!c->endpoints[0].url.websocket) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "subscribe: subscriptions need a ws:// or wss:// URL");
        return none;
    }
    if (!callback || !params_json) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "subscribe: params and callback are required");
        return none;
    }
    uint32_t slot = 0;
    while (slot < c->sub_cap && c->subs[slot].id) slot++;
    if (slot == c->sub_cap) {
        uint32_t cap = c->sub_cap ? c->sub_cap * 2 : 8;
        _seismic_sub *grown = (_seismic_sub *)_seismic_alloc(&c->desc.allocator, cap * sizeof *grown);
        if (!grown || cap > 65535) {
            _seismic_free(&c->desc.allocator, grown);
            _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "subscribe: out of memory");
            return none;
        }
        memset(grown, 0, cap * sizeof *grown);
        if (c->sub_cap) memcpy(grown, c->subs, c->sub_cap * sizeof *grown);
        _seismic_free(&c->desc.allocator, c->subs);
        c->subs = grown;
        c->sub_cap = cap;
    }
    _seismic_sub *s = &c->subs[slot];
    memset(s, 0, sizeof *s);
    if (++c->sub_generation > _SEISMIC_GENERATION_MAX) c->sub_generation = 1;
    s->id = (uint64_t)c->sub_generation << 16 | slot;
    s->params.allocator = c->desc.allocator;
    seismic_buf_append_str(&s->params, params_json);
    s->callback = callback;
    s->user_data = user_data;
    _seismic_issue_subscribe(c, s);
    if (!s->pending.id) {
        seismic_buf_free(&s->params);
        s->id = 0;
        return none;
    }
    seismic_subscription handle = {s->id};
    return handle;
}

SEISMIC_API seismic_result seismic_unsubscribe(seismic_client *c, seismic_subscription subscription) {
    _seismic_sub *s = _seismic_sub_lookup(c, subscription.id);
    if (!s) return SEISMIC_ERR_INVALID_HANDLE;
    if (s->pending.id) seismic_request_cancel(c, s->pending);
    if (s->active) { /* tell the node; the answer does not matter */
        seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
        seismic_json_writer w;
        seismic_request_options o;
        memset(&o, 0, sizeof o);
        o.callback = _seismic_subscribed;
        o.user_data = (void *)(uintptr_t)0;
        seismic_json_writer_init(&w, &params); /* the id is the server's text: escaped, never spliced */
        seismic_json_writer_array_begin(&w);
        seismic_json_writer_string(&w, s->server_id);
        seismic_json_writer_array_end(&w);
        if (!params.failed) seismic_rpc(c, "eth_unsubscribe", seismic_buf_cstr(&params), &o);
        seismic_buf_free(&params);
    }
    seismic_buf_free(&s->params);
    memset(s, 0, sizeof *s);
    return SEISMIC_OK;
}

SEISMIC_API bool seismic_subscription_active(const seismic_client *c, seismic_subscription subscription) {
    const _seismic_sub *s = _seismic_sub_lookup(c, subscription.id);
    return s && s->active;
}

/* --- actions: requests made of other requests (layer 11 builds on these) --- */

/* Starts an action: a request that is pending until its steps call _seismic_action_done/_fail. */
static _seismic_req *_seismic_action_begin(seismic_client *c, const seismic_request_options *opts, size_t state_size,
                                           void (*state_free)(seismic_client *, void *), const void *owner) {
    seismic_request_options defaults;
    memset(&defaults, 0, sizeof defaults);
    _seismic_req *r = _seismic_new_request(c, opts ? opts : &defaults);
    if (!r) return NULL;
    r->action = _seismic_alloc(&c->desc.allocator, state_size);
    if (!r->action) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "action: out of memory");
        _seismic_free_slot(c, r);
        return NULL;
    }
    memset(r->action, 0, state_size);
    r->text.secret = true; /* its result may be decrypted data (a signed read) */
    r->action_free = state_free;
    r->owner = owner;
    r->state = _SEISMIC_REQ_ACTION;
    c->stats.submitted++;
    return r;
}

/* Takes back an action whose first step could not be submitted: the caller gets {0} and
   seismic_client_last_error (kept as the step left it), as for any submission failure. */
static void _seismic_action_abort(seismic_client *c, _seismic_req *r) {
    if (r->action_free) r->action_free(c, r->action);
    _seismic_free(&c->desc.allocator, r->action);
    r->action = NULL;
    c->stats.submitted--;
    _seismic_free_slot(c, r);
}

/* The parent of a child request, if it is still waiting for its children. */
static _seismic_req *_seismic_action_of(seismic_client *c, void *user_data) {
    _seismic_req *r = _seismic_lookup(c, (uint64_t)(uintptr_t)user_data);
    return r && r->state == _SEISMIC_REQ_ACTION ? r : NULL;
}

/* A step of an action: a JSON-RPC call whose callback gets the parent's handle as user_data. */
static bool _seismic_action_call(seismic_client *c, _seismic_req *parent, const char *method, const char *params,
                                 seismic_callback step, uint32_t delay_ms) {
    seismic_request_options o;
    uint64_t now = _seismic_now_ms(c);
    memset(&o, 0, sizeof o);
    o.callback = step;
    o.user_data = (void *)(uintptr_t)parent->id;
    o.timeout_ms = _seismic_ms_left(c, parent->deadline);
    seismic_request child = seismic_rpc(c, method, params, &o);
    if (!child.id) return false;
    if (delay_ms) c->reqs[child.id & 0xffffu].not_before = now + delay_ms;
    return true;
}

/* Ends an action with a JSON result. */
static void _seismic_action_done(seismic_client *c, _seismic_req *r, const char *result_json, size_t len) {
    seismic_buf obj = {NULL, 0, 0, false, c->desc.allocator, true}; /* results of actions may be decrypted */
    seismic_buf_append_str(&obj, "{\"jsonrpc\":\"2.0\",\"result\":");
    seismic_buf_append(&obj, result_json, len);
    seismic_buf_append_byte(&obj, '}');
    if (obj.failed) _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "out of memory");
    else _seismic_finish_with_object(c, r, (const char *)obj.data, obj.len, 0);
    seismic_buf_free(&obj);
}

/* Ends an action with a step's answer as it came: the action shares the step's response (text and tokens)
   instead of copying and tokenizing its result again. */
static void _seismic_action_done_as(seismic_client *c, _seismic_req *r, const seismic_response *resp) {
    _seismic_req *step = resp->_request;
    if (!step || !step->body) { /* not an answer from the wire: copy its result */
        size_t len = 0;
        const char *raw = seismic_response_raw(resp, &len);
        _seismic_action_done(c, r, raw, len);
        return;
    }
    step->body->refs++;
    r->body = step->body;
    r->response.json = step->response.json;
    r->response.http_status = step->response.http_status;
    memcpy(r->member, step->member, sizeof r->member);
    _seismic_finish_parsed(c, r);
}

/* Ends an action with a JSON-RPC-style error (code, message and optional raw JSON data). */
static void _seismic_action_fail_rpc(seismic_client *c, _seismic_req *r, int64_t code, const char *message,
                                     const char *data_json, size_t data_len) {
    seismic_buf obj = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    char code_text[24];
    snprintf(code_text, sizeof code_text, "%lld", (long long)code);
    seismic_json_writer_init(&w, &obj);
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "error");
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "code");
    seismic_json_writer_raw(&w, code_text, strlen(code_text));
    seismic_json_writer_key(&w, "message");
    seismic_json_writer_string(&w, message);
    if (data_json) {
        seismic_json_writer_key(&w, "data");
        seismic_json_writer_raw(&w, data_json, data_len);
    }
    seismic_json_writer_object_end(&w);
    seismic_json_writer_object_end(&w);
    if (obj.failed) _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "out of memory");
    else _seismic_finish_with_object(c, r, (const char *)obj.data, obj.len, 0);
    seismic_buf_free(&obj);
}

/* Ends every pending action that belongs to owner (a wallet or watcher going away). */
static void _seismic_cancel_owned(seismic_client *c, const void *owner) {
    for (uint32_t i = 0; i < c->desc.max_requests; i++)
        if (c->reqs[i].state == _SEISMIC_REQ_ACTION && c->reqs[i].owner == owner)
            _seismic_finish(c, &c->reqs[i], SEISMIC_ERR_CANCELED, "its wallet was destroyed");
}

/*==== 12. drivers ================================================================================*/

static bool _seismic_tls_has_plaintext(const _seismic_conn *conn) {
    return conn->tls && conn->ssl && (br_ssl_engine_current_state(&conn->ssl->eng) & BR_SSL_RECVAPP);
}

SEISMIC_API int seismic_client_pollfds(seismic_client *c, struct pollfd *fds, int cap, int *timeout_ms) {
    uint64_t now = _seismic_now_ms(c), next = UINT64_MAX;
    int n = 0;
    if (c->deliver.count > 0) next = now;
    for (uint32_t index = 0; index < c->conn_count; index++) {
        _seismic_conn *conn = &c->conns[index];
        if (conn->state == _SEISMIC_CONN_CLOSED) continue;
        if (_seismic_tls_has_plaintext(conn)) next = now; /* bytes poll() cannot see */
        if (c->builtin_sockets && conn->state == _SEISMIC_CONN_CONNECTING)
            _seismic_dial_pollfds(&conn->dial, fds, cap, &n, &next);
        else
            _seismic_pollfd_add(fds, cap, &n, (_seismic_sock_t)c->desc.sockets.fd(conn->sock, c->desc.sockets.user_data),
                                (short)(POLLIN | (conn->want_write || conn->state == _SEISMIC_CONN_CONNECTING ? POLLOUT : 0)));
        if (conn->state != _SEISMIC_CONN_READY && conn->deadline < next) next = conn->deadline;
        if (conn->websocket && conn->state == _SEISMIC_CONN_READY) {
            uint64_t ping = conn->last_ping + c->desc.ws_ping_interval_ms;
            if (ping < next) next = ping;
        }
    }
    bool websocket = c->endpoints[0].url.websocket;
    if (websocket && c->conns[0].state == _SEISMIC_CONN_CLOSED && (c->queue.count || _seismic_has_subscriptions(c))) {
        if (c->ws_retry_at < next) next = c->ws_retry_at > now ? c->ws_retry_at : now;
    } else if (c->queue.count > 0 && c->in_flight < c->desc.max_in_flight) {
        /* queued calls matter only when a connection could take them now: an idle one, or a free pool
           slot that dispatch would open because the connections on their way are too few (waking up for
           a connection still connecting would spin until it is up) */
        bool can_send = false, closed = false;
        uint32_t coming = 0, wanted = (c->queue.count + c->desc.max_batch - 1) / c->desc.max_batch;
        for (uint32_t index = 0; index < c->conn_count; index++) {
            const _seismic_conn *conn = &c->conns[index];
            can_send |= conn->state == _SEISMIC_CONN_READY &&
                        (websocket ? _seismic_unsent(conn) < c->desc.max_send_bytes : conn->batch_count == 0);
            closed |= conn->state == _SEISMIC_CONN_CLOSED;
            coming += conn->state != _SEISMIC_CONN_CLOSED && conn->batch_count == 0;
        }
        can_send |= !websocket && closed && coming < wanted;
        bool idle_open = false;
        for (uint32_t index = 0; index < c->conn_count; index++)
            idle_open |= c->conns[index].state == _SEISMIC_CONN_READY && (websocket || c->conns[index].batch_count == 0);
        uint64_t endpoint_at = idle_open ? now : _seismic_endpoint_ready_at(c);
        for (uint32_t slot = c->queue.head; can_send && slot != _SEISMIC_NONE; slot = c->reqs[slot].next) {
            uint64_t t = c->reqs[slot].not_before > now ? c->reqs[slot].not_before : now;
            if (t < endpoint_at) t = endpoint_at;
            if (t < next) next = t;
        }
        if (can_send && c->desc.rate_limit_per_second > 0 && c->tokens < 1.0) {
            uint64_t t = now + (uint64_t)((1.0 - c->tokens) * 1000.0 / c->desc.rate_limit_per_second) + 1;
            if (t > next) next = t;
        }
    }
    for (uint32_t slot = c->live.head; slot != _SEISMIC_NONE && next > now; slot = c->reqs[slot].live_next) {
        const _seismic_req *r = &c->reqs[slot];
        if ((r->state == _SEISMIC_REQ_QUEUED || r->state == _SEISMIC_REQ_SENT || r->state == _SEISMIC_REQ_ACTION) &&
            r->deadline < next)
            next = r->deadline;
    }
    _seismic_dns_pollfds(&c->net, fds, cap, &n, &next);
    *timeout_ms = next == UINT64_MAX ? -1 : (next <= now ? 0 : (int)(next - now > 0x7fffffff ? 0x7fffffff : next - now));
    return n;
}

/* Refuses process, run and wait from inside a callback (or while the client is going away). */
static bool _seismic_pump_refused(seismic_client *c) {
    if (!c->pumping && !c->in_callback && !c->destroying) return false;
    _seismic_fail(&c->last_error, c->destroying ? SEISMIC_ERR_SHUTDOWN : SEISMIC_ERR_IN_CALLBACK,
                  "process, run and wait may not be called from a callback");
    return true;
}

/* The client was destroyed by a callback of this pump: now that the pump is done with it, free it. */
static bool _seismic_pump_end(seismic_client *c) {
    c->pumping = false;
    if (!c->destroying) return false;
    _seismic_deliver(c);
    _seismic_client_free(c);
    return true;
}

static int _seismic_process(seismic_client *c, const struct pollfd *fds, int count) {
    uint64_t now = _seismic_now_ms(c);
    _seismic_dns_process(&c->net, fds, count, now);
    for (uint32_t index = 0; index < c->conn_count && !c->destroying; index++) {
        _seismic_conn *conn = &c->conns[index];
        if (conn->state == _SEISMIC_CONN_CLOSED) continue;
        if (c->builtin_sockets && conn->state == _SEISMIC_CONN_CONNECTING) {
            seismic_error err = {"", SEISMIC_OK};
            _seismic_sock_t sock;
            int step = _seismic_dial_step(&c->net, &conn->dial, fds, count, now, &sock, &err);
            if (step < 0) _seismic_conn_fail(c, index, err.result ? err.result : SEISMIC_ERR_TRANSPORT, err.message, 0, 0);
            if (step <= 0) continue;
            conn->sock = (intptr_t)sock;
            _seismic_conn_connected(c, index);
            _seismic_conn_io(c, index, false, true);
            continue;
        }
        short revents = _seismic_pollfd_revents(
            fds, count, (_seismic_sock_t)c->desc.sockets.fd(conn->sock, c->desc.sockets.user_data));
        bool readable = _seismic_tls_has_plaintext(conn) || (revents & (POLLIN | POLLHUP | POLLERR)) != 0;
        bool writable = (revents & (POLLOUT | POLLERR | POLLHUP)) != 0;
        if (readable || writable || conn->want_write) _seismic_conn_io(c, index, readable, writable || conn->want_write);
    }
    if (!c->destroying) _seismic_timers(c);
    if (!c->destroying) _seismic_dispatch(c);
    for (uint32_t index = 0; index < c->conn_count; index++) /* write what dispatch queued right away */
        if (c->conns[index].state == _SEISMIC_CONN_READY && c->conns[index].want_write)
            _seismic_conn_io(c, index, false, true);
    return _seismic_deliver(c);
}

SEISMIC_API int seismic_client_process(seismic_client *c, const struct pollfd *fds, int count) {
    if (_seismic_pump_refused(c)) return -1;
    c->pumping = true;
    int delivered = _seismic_process(c, fds, count);
    _seismic_pump_end(c);
    return delivered;
}

/* One turn of the bundled loop: wait up to max_wait_ms for every descriptor the client has, then process. */
static int _seismic_turn(seismic_client *c, int max_wait_ms) {
    int wait_ms;
    int n = seismic_client_pollfds(c, c->poll_fds, c->poll_cap, &wait_ms);
    if (n > c->poll_cap) {
        int cap = c->poll_cap ? c->poll_cap : 16;
        while (cap < n) cap *= 2;
        struct pollfd *grown = (struct pollfd *)_seismic_alloc(&c->desc.allocator, (size_t)cap * sizeof *grown);
        if (grown) {
            _seismic_free(&c->desc.allocator, c->poll_fds);
            c->poll_fds = grown;
            c->poll_cap = cap;
            n = seismic_client_pollfds(c, c->poll_fds, c->poll_cap, &wait_ms);
        } else {
            _seismic_log(c, SEISMIC_LOG_ERROR, "out of memory for %d poll descriptors", n);
            n = c->poll_cap;
        }
    }
    if (wait_ms < 0 || wait_ms > max_wait_ms) wait_ms = max_wait_ms;
    if (_seismic_net_wait(c->poll_fds, n, wait_ms, &c->poll_scratch) < 0)
        for (int k = 0; k < n; k++) c->poll_fds[k].revents = 0;
    return _seismic_process(c, c->poll_fds, n);
}

SEISMIC_API int seismic_client_run(seismic_client *c, int timeout_ms) {
    if (_seismic_pump_refused(c)) return -1;
    c->pumping = true;
    uint64_t end = _seismic_now_ms(c) + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
    int delivered = 0;
    do {
        uint64_t now = _seismic_now_ms(c);
        delivered += _seismic_turn(c, now >= end ? 0 : (int)(end - now));
    } while (!c->destroying && _seismic_now_ms(c) < end);
    _seismic_pump_end(c);
    return delivered;
}

/* Runs the loop until done() says so or the time is up. */
static seismic_result _seismic_run_until(seismic_client *c, int timeout_ms, bool (*done)(seismic_client *, const void *),
                                         const void *arg) {
    if (_seismic_pump_refused(c)) return c->last_error.result;
    c->pumping = true;
    uint64_t end = timeout_ms < 0 ? UINT64_MAX : _seismic_now_ms(c) + (uint64_t)timeout_ms;
    seismic_result result = SEISMIC_OK;
    while (!c->destroying && !done(c, arg)) {
        uint64_t now = _seismic_now_ms(c);
        if (now >= end) {
            result = SEISMIC_ERR_TIMEOUT;
            break;
        }
        _seismic_turn(c, end - now < 1000 ? (int)(end - now) : 1000);
    }
    return _seismic_pump_end(c) ? SEISMIC_ERR_SHUTDOWN : result;
}

typedef struct _seismic_wait_set {
    const seismic_request *requests;
    size_t count;
} _seismic_wait_set;

static bool _seismic_all_done(seismic_client *c, const void *arg) {
    const _seismic_wait_set *set = (const _seismic_wait_set *)arg;
    for (size_t i = 0; i < set->count; i++) {
        const _seismic_req *r = _seismic_lookup(c, set->requests[i].id);
        if (r && r->state != _SEISMIC_REQ_DONE) return false; /* freed (callback ran) counts as done */
    }
    return true;
}

static bool _seismic_idle(seismic_client *c, const void *arg) {
    _SEISMIC_UNUSED(arg);
    return c->stats.submitted == c->stats.finished && c->deliver.count == 0;
}

SEISMIC_API seismic_result seismic_client_wait(seismic_client *c, seismic_request request, int timeout_ms) {
    return seismic_client_wait_all(c, &request, 1, timeout_ms);
}

SEISMIC_API seismic_result seismic_client_wait_all(seismic_client *c, const seismic_request *requests, size_t count,
                                                   int timeout_ms) {
    _seismic_wait_set set = {requests, count};
    return _seismic_run_until(c, timeout_ms, _seismic_all_done, &set);
}

SEISMIC_API seismic_result seismic_client_wait_idle(seismic_client *c, int timeout_ms) {
    return _seismic_run_until(c, timeout_ms, _seismic_idle, NULL);
}

SEISMIC_API seismic_result seismic_await(seismic_client *c, seismic_request request, seismic_buf *result_json,
                                         seismic_error *err) {
    seismic_error local = {"", SEISMIC_OK};
    if (!err) err = &local;
    const seismic_response *resp = seismic_await_response(c, request, err);
    if (!resp) return err->result;
    seismic_result r = resp->result;
    if (r == SEISMIC_OK && result_json) {
        size_t len;
        const char *raw = seismic_response_raw(resp, &len);
        if (_seismic_lookup(c, request.id)->text.secret) result_json->secret = true;
        seismic_buf_append(result_json, raw, len);
    }
    seismic_request_release(c, request);
    return r;
}

SEISMIC_API const seismic_response *seismic_await_response(seismic_client *c, seismic_request request,
                                                           seismic_error *err) {
    if (!request.id) {
        _seismic_fail(err, c->last_error.result, "%s", c->last_error.message);
        return NULL;
    }
    seismic_result waited = seismic_client_wait(c, request, -1);
    if (waited == SEISMIC_ERR_SHUTDOWN) { /* a callback destroyed the client: it is gone */
        _seismic_fail(err, waited, "await: the client was destroyed while waiting");
        return NULL;
    }
    if (waited) { /* refused: called from a callback */
        seismic_request_release(c, request);
        _seismic_fail(err, waited, "await: %s", c->last_error.message);
        return NULL;
    }
    const seismic_response *resp = seismic_request_response(c, request);
    if (!resp) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_HANDLE, "await: the request has a callback or is unknown");
    } else if (resp->result == SEISMIC_ERR_RPC) {
        _seismic_fail(err, resp->result, "%lld: %s", (long long)resp->rpc_code, resp->error_message);
    } else if (resp->result != SEISMIC_OK) {
        _seismic_fail(err, resp->result, "%s", resp->error_message);
    }
    return resp;
}

SEISMIC_API seismic_result seismic_rpc_call(seismic_client *c, const char *method, const char *params_json,
                                            seismic_buf *result_json, seismic_error *err) {
    return seismic_await(c, seismic_rpc(c, method, params_json, NULL), result_json, err);
}

/*==== 11. client actions =========================================================================*/

SEISMIC_API const seismic_chain *seismic_chain_testnet(void) {
    static const seismic_chain chain = {"Seismic testnet", 5124, "https://testnet-1.seismictest.net/rpc",
                                        "wss://testnet-1.seismictest.net/ws"};
    return &chain;
}

SEISMIC_API const seismic_chain *seismic_chain_sanvil(void) {
    static const seismic_chain chain = {"sanvil", 31337, "http://127.0.0.1:8545", "ws://127.0.0.1:8545"};
    return &chain;
}

SEISMIC_API seismic_block_ref seismic_block_at_number(uint64_t number) {
    seismic_block_ref b;
    memset(&b, 0, sizeof b);
    b.kind = SEISMIC_BLOCK_NUMBER;
    b.number = number;
    return b;
}

SEISMIC_API seismic_block_ref seismic_block_at_hash(const uint8_t hash[32]) {
    seismic_block_ref b;
    memset(&b, 0, sizeof b);
    b.kind = SEISMIC_BLOCK_HASH;
    memcpy(b.hash, hash, 32);
    return b;
}

SEISMIC_API seismic_block_ref seismic_block_at_tag(seismic_block_kind tag) {
    seismic_block_ref b;
    memset(&b, 0, sizeof b);
    b.kind = tag;
    return b;
}

static const char *const _seismic_block_tags[] = {"latest", "pending", "safe", "finalized", "earliest"};

SEISMIC_API seismic_result seismic_block_ref_parse(const char *text, size_t len, seismic_block_ref *out) {
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof _seismic_block_tags / sizeof *_seismic_block_tags; i++)
        if (strlen(_seismic_block_tags[i]) == len && memcmp(text, _seismic_block_tags[i], len) == 0) {
            out->kind = (seismic_block_kind)i;
            return SEISMIC_OK;
        }
    if (len == 66 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        out->kind = SEISMIC_BLOCK_HASH;
        return seismic_hex_decode(text, len, out->hash, 32, NULL) ? SEISMIC_ERR_INVALID_ARGUMENT : SEISMIC_OK;
    }
    seismic_u256 n;
    if (seismic_u256_parse(text, len, &n) || !seismic_u256_to_u64(&n, &out->number)) return SEISMIC_ERR_INVALID_ARGUMENT;
    out->kind = SEISMIC_BLOCK_NUMBER;
    return SEISMIC_OK;
}

/* A block reference that is none of the kinds is the caller's mistake, refused before anything is sent. */
static bool _seismic_block_valid(seismic_client *c, const seismic_block_ref *block) {
    if (!block || (unsigned)block->kind <= (unsigned)SEISMIC_BLOCK_HASH) return true;
    _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "block reference: unknown kind %d", (int)block->kind);
    return false;
}

static bool _seismic_block_is_hash(const seismic_block_ref *block) { return block && block->kind == SEISMIC_BLOCK_HASH; }

/* The block parameter: "latest", "0x10", or {"blockHash":"0x.."} (EIP-1898); by_hash_method: the bare
   hash, as eth_getBlockByHash takes it. */
static void _seismic_write_block(seismic_json_writer *w, const seismic_block_ref *block, bool by_hash_method) {
    seismic_block_kind kind = block ? block->kind : SEISMIC_BLOCK_LATEST;
    if (kind == SEISMIC_BLOCK_HASH && by_hash_method) {
        seismic_json_writer_hex(w, block->hash, 32);
    } else if (kind == SEISMIC_BLOCK_HASH) {
        seismic_json_writer_object_begin(w);
        seismic_json_writer_key(w, "blockHash");
        seismic_json_writer_hex(w, block->hash, 32);
        seismic_json_writer_object_end(w);
    } else if (kind == SEISMIC_BLOCK_NUMBER) {
        seismic_json_writer_quantity_u64(w, block->number);
    } else {
        seismic_json_writer_string(w, _seismic_block_tags[kind]);
    }
}

static void _seismic_write_address(seismic_json_writer *w, const seismic_address *a) {
    seismic_json_writer_hex(w, a->bytes, 20);
}

/* Submits method with params built by the caller's writer calls (already in params). */
static seismic_request _seismic_call_with(seismic_client *c, const char *method, seismic_buf *params,
                                          const seismic_request_options *opts) {
    seismic_request r = {0};
    if (params->failed) _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "%s: out of memory", method);
    else r = seismic_rpc(c, method, seismic_buf_cstr(params), opts);
    seismic_buf_free(params);
    return r;
}

SEISMIC_API seismic_result seismic_await_u64(seismic_client *c, seismic_request request, uint64_t *out,
                                             seismic_error *err) {
    seismic_u256 v;
    seismic_result r = seismic_await_u256(c, request, &v, err);
    if (r == SEISMIC_OK && !seismic_u256_to_u64(&v, out))
        return _seismic_fail(err, SEISMIC_ERR_OVERFLOW, "the result does not fit in 64 bits");
    return r;
}

SEISMIC_API seismic_result seismic_await_u256(seismic_client *c, seismic_request request, seismic_u256 *out,
                                              seismic_error *err) {
    seismic_buf json = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_result r = seismic_await(c, request, &json, err);
    if (r == SEISMIC_OK) { /* a quoted hex quantity */
        if (json.len < 3 || json.data[0] != '"' ||
            seismic_u256_parse((const char *)json.data + 1, json.len - 2, out) != SEISMIC_OK)
            r = _seismic_fail(err, SEISMIC_ERR_PARSE, "expected a quantity, got %.60s", seismic_buf_cstr(&json));
    }
    seismic_buf_free(&json);
    return r;
}

/* --- typed results --- */

/* The result token of a successful response; a null result is "not found". */
static seismic_result _seismic_typed_result(const seismic_response *resp, int *index) {
    seismic_result r = _seismic_response_check(resp);
    if (r) return r;
    if (seismic_json_is(&resp->json, resp->result_index, SEISMIC_JSON_NULL)) return SEISMIC_ERR_NOT_FOUND;
    *index = resp->result_index;
    return SEISMIC_OK;
}

static void *_seismic_response_views(const seismic_response *resp, size_t count, size_t size) {
    if (!resp->_request || (size && count > SIZE_MAX / size)) return NULL;
    return _seismic_views_alloc(resp->_request, count * size > 0 ? count * size : 1);
}

/* Member readers: missing or malformed is SEISMIC_ERR_PARSE; the _opt forms accept absent and null. */
static bool _seismic_member_absent(const seismic_json *j, int obj, const char *key) {
    int v = seismic_json_find(j, obj, key);
    return v < 0 || seismic_json_is(j, v, SEISMIC_JSON_NULL);
}

static seismic_result _seismic_member_u64(const seismic_json *j, int obj, const char *key, bool optional, uint64_t *out) {
    if (optional && _seismic_member_absent(j, obj, key)) return SEISMIC_OK;
    return seismic_json_get_u64(j, seismic_json_find(j, obj, key), out) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
}

static seismic_result _seismic_member_u256(const seismic_json *j, int obj, const char *key, bool optional,
                                           seismic_u256 *out) {
    if (optional && _seismic_member_absent(j, obj, key)) return SEISMIC_OK;
    return seismic_json_get_u256(j, seismic_json_find(j, obj, key), out) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
}

static seismic_result _seismic_member_bytes(const seismic_json *j, int obj, const char *key, bool optional,
                                            uint8_t *out, size_t n) {
    if (optional && _seismic_member_absent(j, obj, key)) return SEISMIC_OK;
    return seismic_json_get_bytes(j, seismic_json_find(j, obj, key), out, n, NULL) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
}

/* An optional address: *has says whether it is there (absent and null are "none"). */
static seismic_result _seismic_member_address(const seismic_json *j, int obj, const char *key, bool *has,
                                              seismic_address *out) {
    bool present = !_seismic_member_absent(j, obj, key);
    if (has) *has = present;
    else if (!present) return SEISMIC_ERR_PARSE;
    return present ? _seismic_member_bytes(j, obj, key, false, out->bytes, 20) : SEISMIC_OK;
}

/* Hex data of any length into response-owned memory. */
static seismic_result _seismic_member_data(const seismic_response *resp, int obj, const char *key,
                                           const uint8_t **data, size_t *len) {
    const seismic_json *j = &resp->json;
    int v = seismic_json_find(j, obj, key);
    if (!seismic_json_is(j, v, SEISMIC_JSON_STRING)) return SEISMIC_ERR_PARSE;
    size_t cap = j->tokens[v].len / 2;
    uint8_t *out = (uint8_t *)_seismic_response_views(resp, cap, 1);
    if (!out) return SEISMIC_ERR_NO_MEMORY;
    *data = out;
    return seismic_json_get_bytes(j, v, out, cap, len) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
}

static seismic_result _seismic_parse_log(const seismic_response *resp, int obj, seismic_log *log) {
    const seismic_json *j = &resp->json;
    int topics = seismic_json_find(j, obj, "topics");
    seismic_result r = _seismic_member_address(j, obj, "address", NULL, &log->address);
    if (!r && (!seismic_json_is(j, topics, SEISMIC_JSON_ARRAY) || seismic_json_size(j, topics) > 4)) r = SEISMIC_ERR_PARSE;
    for (int t = seismic_json_first_child(j, topics); !r && t >= 0; t = seismic_json_next_sibling(j, topics, t))
        r = seismic_json_get_bytes(j, t, log->topics[log->topic_count++], 32, NULL) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
    if (!r) r = _seismic_member_data(resp, obj, "data", &log->data, &log->data_len);
    /* pending logs have null positions */
    if (!r) r = _seismic_member_u64(j, obj, "blockNumber", true, &log->block_number);
    if (!r) r = _seismic_member_bytes(j, obj, "blockHash", true, log->block_hash, 32);
    if (!r) r = _seismic_member_bytes(j, obj, "transactionHash", true, log->transaction_hash, 32);
    if (!r) r = _seismic_member_u64(j, obj, "transactionIndex", true, &log->transaction_index);
    if (!r) r = _seismic_member_u64(j, obj, "logIndex", true, &log->log_index);
    if (!r && !_seismic_member_absent(j, obj, "removed"))
        r = seismic_json_get_bool(j, seismic_json_find(j, obj, "removed"), &log->removed) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
    return r;
}

static seismic_result _seismic_parse_logs(const seismic_response *resp, int array, const seismic_log **logs,
                                          size_t *count) {
    const seismic_json *j = &resp->json;
    if (!seismic_json_is(j, array, SEISMIC_JSON_ARRAY)) return SEISMIC_ERR_PARSE;
    size_t n = seismic_json_size(j, array), i = 0;
    seismic_log *out = (seismic_log *)_seismic_response_views(resp, n, sizeof *out);
    if (!out) return SEISMIC_ERR_NO_MEMORY;
    for (int k = seismic_json_first_child(j, array); k >= 0; k = seismic_json_next_sibling(j, array, k), i++) {
        seismic_result r = _seismic_parse_log(resp, k, &out[i]);
        if (r) return r;
    }
    *logs = out;
    *count = n;
    return SEISMIC_OK;
}

/* Every typed accessor: zeroes *out, reads the result, and turns a malformed one into SEISMIC_ERR_PARSE. */
#define _SEISMIC_TYPED_BEGIN(out)                     \
    int obj = -1;                                     \
    memset(out, 0, sizeof *out);                      \
    seismic_result r = _seismic_typed_result(resp, &obj); \
    if (r) return r;                                  \
    const seismic_json *j = &resp->json

SEISMIC_API seismic_result seismic_response_tx_hash(const seismic_response *resp, uint8_t out[32]) {
    int obj = -1;
    seismic_result r = _seismic_typed_result(resp, &obj);
    if (r) return r;
    if (seismic_json_is(&resp->json, obj, SEISMIC_JSON_OBJECT)) obj = seismic_json_find(&resp->json, obj, "txHash");
    return seismic_json_get_bytes(&resp->json, obj, out, 32, NULL) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_tee_key(const seismic_response *resp, uint8_t out[33]) {
    int obj = -1;
    seismic_result r = _seismic_typed_result(resp, &obj);
    if (r) return r;
    const seismic_json *j = &resp->json;
    if (!seismic_json_is(j, obj, SEISMIC_JSON_STRING) || (j->tokens[obj].flags & SEISMIC_JSON_FLAG_ESCAPES))
        return SEISMIC_ERR_PARSE;
    uint8_t full[65];
    if (seismic_hex_decode(j->text + j->tokens[obj].start, j->tokens[obj].len, out, 33, NULL) ||
        seismic_public_key_parse(out, 33, full))
        return SEISMIC_ERR_PARSE;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_receipt(const seismic_response *resp, seismic_receipt *out) {
    _SEISMIC_TYPED_BEGIN(out);
    uint64_t status = 0, type = 0;
    r = _seismic_member_u64(j, obj, "status", false, &status);
    if (!r) r = _seismic_member_bytes(j, obj, "transactionHash", false, out->transaction_hash, 32);
    if (!r) r = _seismic_member_u64(j, obj, "transactionIndex", false, &out->transaction_index);
    if (!r) r = _seismic_member_u64(j, obj, "blockNumber", false, &out->block_number);
    if (!r) r = _seismic_member_bytes(j, obj, "blockHash", false, out->block_hash, 32);
    if (!r) r = _seismic_member_address(j, obj, "from", NULL, &out->from);
    if (!r) r = _seismic_member_address(j, obj, "to", &out->has_to, &out->to);
    if (!r) r = _seismic_member_address(j, obj, "contractAddress", &out->has_contract_address, &out->contract_address);
    if (!r) r = _seismic_member_u64(j, obj, "gasUsed", false, &out->gas_used);
    if (!r) r = _seismic_member_u64(j, obj, "cumulativeGasUsed", false, &out->cumulative_gas_used);
    if (!r) r = _seismic_member_u256(j, obj, "effectiveGasPrice", true, &out->effective_gas_price);
    if (!r) r = _seismic_member_u64(j, obj, "type", true, &type);
    if (!r) r = _seismic_parse_logs(resp, seismic_json_find(j, obj, "logs"), &out->logs, &out->log_count);
    if (!r && (status > 1 || type > 0xff)) r = SEISMIC_ERR_PARSE;
    out->success = status == 1;
    out->type = (uint8_t)type;
    return r;
}

SEISMIC_API seismic_result seismic_response_block(const seismic_response *resp, seismic_block *out) {
    _SEISMIC_TYPED_BEGIN(out);
    int txs = seismic_json_find(j, obj, "transactions");
    r = _seismic_member_u64(j, obj, "number", false, &out->number);
    if (!r) r = _seismic_member_bytes(j, obj, "hash", false, out->hash, 32);
    if (!r) r = _seismic_member_bytes(j, obj, "parentHash", false, out->parent_hash, 32);
    if (!r) r = _seismic_member_u64(j, obj, "timestamp", false, &out->timestamp);
    out->has_base_fee = !_seismic_member_absent(j, obj, "baseFeePerGas");
    if (!r) r = _seismic_member_u256(j, obj, "baseFeePerGas", true, &out->base_fee_per_gas);
    if (!r) r = _seismic_member_u64(j, obj, "gasLimit", false, &out->gas_limit);
    if (!r) r = _seismic_member_u64(j, obj, "gasUsed", false, &out->gas_used);
    if (!r) r = _seismic_member_address(j, obj, "miner", NULL, &out->miner);
    if (!r && !seismic_json_is(j, txs, SEISMIC_JSON_ARRAY)) r = SEISMIC_ERR_PARSE;
    if (r) return r;
    size_t n = seismic_json_size(j, txs), i = 0;
    uint8_t(*hashes)[32] = (uint8_t(*)[32])_seismic_response_views(resp, n, 32);
    if (!hashes) return SEISMIC_ERR_NO_MEMORY;
    for (int k = seismic_json_first_child(j, txs); !r && k >= 0; k = seismic_json_next_sibling(j, txs, k), i++) {
        int h = seismic_json_is(j, k, SEISMIC_JSON_OBJECT) ? seismic_json_find(j, k, "hash") : k; /* full blocks */
        r = seismic_json_get_bytes(j, h, hashes[i], 32, NULL) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
    }
    out->transaction_hashes = (const uint8_t(*)[32])hashes;
    out->transaction_count = n;
    return r;
}

SEISMIC_API seismic_result seismic_response_transaction(const seismic_response *resp, seismic_transaction *out) {
    _SEISMIC_TYPED_BEGIN(out);
    uint64_t type = 0, version = 0;
    r = _seismic_member_bytes(j, obj, "hash", false, out->hash, 32);
    if (!r) r = _seismic_member_u64(j, obj, "type", true, &type);
    if (!r) r = _seismic_member_u64(j, obj, "chainId", true, &out->chain_id);
    if (!r) r = _seismic_member_u64(j, obj, "nonce", false, &out->nonce);
    if (!r) r = _seismic_member_address(j, obj, "from", NULL, &out->from);
    if (!r) r = _seismic_member_address(j, obj, "to", &out->has_to, &out->to);
    if (!r) r = _seismic_member_u256(j, obj, "value", false, &out->value);
    if (!r) r = _seismic_member_u64(j, obj, "gas", false, &out->gas);
    if (!r) r = _seismic_member_u256(j, obj, "gasPrice", true, &out->gas_price);
    if (!r) r = _seismic_member_u256(j, obj, "maxFeePerGas", true, &out->max_fee_per_gas);
    if (!r) r = _seismic_member_u256(j, obj, "maxPriorityFeePerGas", true, &out->max_priority_fee_per_gas);
    if (!r) r = _seismic_member_data(resp, obj, "input", &out->input, &out->input_len);
    out->pending = _seismic_member_absent(j, obj, "blockHash");
    if (!r) r = _seismic_member_u64(j, obj, "blockNumber", true, &out->block_number);
    if (!r) r = _seismic_member_bytes(j, obj, "blockHash", true, out->block_hash, 32);
    if (!r) r = _seismic_member_u64(j, obj, "transactionIndex", true, &out->transaction_index);
    if (!r && type > 0xff) r = SEISMIC_ERR_PARSE;
    out->type = (uint8_t)type;
    if (!r && type == SEISMIC_TX_TYPE_SEISMIC) {
        seismic_u256 nonce = {{0, 0, 0, 0}};
        uint8_t be[32];
        r = _seismic_member_bytes(j, obj, "encryptionPubkey", false, out->encryption_pubkey, 33);
        if (!r) r = _seismic_member_u256(j, obj, "encryptionNonce", false, &nonce);
        if (!r) r = _seismic_member_u64(j, obj, "messageVersion", false, &version);
        if (!r) r = _seismic_member_bytes(j, obj, "recentBlockHash", false, out->recent_block_hash, 32);
        if (!r) r = _seismic_member_u64(j, obj, "expiresAtBlock", false, &out->expires_at_block);
        if (!r) r = seismic_json_get_bool(j, seismic_json_find(j, obj, "signedRead"), &out->signed_read) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
        if (!r && (seismic_u256_byte_length(&nonce) > 12 || version > 0xff)) r = SEISMIC_ERR_PARSE;
        seismic_u256_to_be(&nonce, be);
        memcpy(out->encryption_nonce, be + 20, 12);
        out->message_version = (uint8_t)version;
    }
    return r;
}

SEISMIC_API seismic_result seismic_response_balances(const seismic_response *resp, seismic_balances *out) {
    _SEISMIC_TYPED_BEGIN(out);
    int list = seismic_json_find(j, obj, "balances");
    r = _seismic_member_u64(j, obj, "blockNumber", false, &out->block_number);
    if (!r) r = _seismic_member_bytes(j, obj, "blockHash", false, out->block_hash, 32);
    if (!r && !seismic_json_is(j, list, SEISMIC_JSON_ARRAY)) r = SEISMIC_ERR_PARSE;
    if (r) return r;
    size_t n = seismic_json_size(j, list), i = 0;
    seismic_u256 *balances = (seismic_u256 *)_seismic_response_views(resp, n, sizeof *balances);
    if (!balances) return SEISMIC_ERR_NO_MEMORY;
    for (int k = seismic_json_first_child(j, list); !r && k >= 0; k = seismic_json_next_sibling(j, list, k), i++)
        r = seismic_json_get_u256(j, k, &balances[i]) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
    out->balances = balances;
    out->count = n;
    return r;
}

SEISMIC_API seismic_result seismic_response_logs(const seismic_response *resp, const seismic_log **logs, size_t *count) {
    int array = -1;
    *logs = NULL;
    *count = 0;
    seismic_result r = _seismic_typed_result(resp, &array);
    return r ? r : _seismic_parse_logs(resp, array, logs, count);
}

SEISMIC_API seismic_result seismic_response_data(const seismic_response *resp, const uint8_t **data, size_t *len) {
    int index = -1;
    *data = NULL;
    *len = 0;
    seismic_result r = _seismic_typed_result(resp, &index);
    if (r) return r;
    const seismic_json *j = &resp->json;
    if (!seismic_json_is(j, index, SEISMIC_JSON_STRING)) return SEISMIC_ERR_PARSE;
    size_t cap = j->tokens[index].len / 2;
    uint8_t *out = (uint8_t *)_seismic_response_views(resp, cap, 1);
    if (!out) return SEISMIC_ERR_NO_MEMORY;
    if (seismic_json_get_bytes(j, index, out, cap, len)) return SEISMIC_ERR_PARSE;
    *data = out;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_abi(const seismic_response *resp, const seismic_abi_value **values,
                                                size_t *count) {
    *values = NULL;
    *count = 0;
    seismic_result r = _seismic_response_check(resp);
    if (r) return r;
    if (!resp->_request || !resp->_request->abi_values) return SEISMIC_ERR_INVALID_ARGUMENT; /* no returns (...) */
    *values = resp->_request->abi_values;
    *count = resp->_request->abi_count;
    return SEISMIC_OK;
}

SEISMIC_API seismic_request seismic_eth_chain_id(seismic_client *c, const seismic_request_options *opts) {
    return seismic_rpc(c, "eth_chainId", "[]", opts);
}

SEISMIC_API seismic_request seismic_eth_block_number(seismic_client *c, const seismic_request_options *opts) {
    return seismic_rpc(c, "eth_blockNumber", "[]", opts);
}

SEISMIC_API seismic_request seismic_eth_gas_price(seismic_client *c, const seismic_request_options *opts) {
    return seismic_rpc(c, "eth_gasPrice", "[]", opts);
}

/* [address, block] */
static seismic_request _seismic_address_block_call(seismic_client *c, const char *method, const seismic_address *a,
                                                   const seismic_block_ref *block, const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_request none = {0};
    if (!_seismic_block_valid(c, block)) return none;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_address(&w, a);
    _seismic_write_block(&w, block, false);
    seismic_json_writer_array_end(&w);
    return _seismic_call_with(c, method, &params, opts);
}

SEISMIC_API seismic_request seismic_eth_get_balance(seismic_client *c, const seismic_address *address,
                                                    const seismic_block_ref *block, const seismic_request_options *opts) {
    return _seismic_address_block_call(c, "eth_getBalance", address, block, opts);
}

SEISMIC_API seismic_request seismic_eth_get_transaction_count(seismic_client *c, const seismic_address *address,
                                                              const seismic_block_ref *block,
                                                              const seismic_request_options *opts) {
    return _seismic_address_block_call(c, "eth_getTransactionCount", address, block, opts);
}

SEISMIC_API seismic_request seismic_eth_get_code(seismic_client *c, const seismic_address *address,
                                                 const seismic_block_ref *block, const seismic_request_options *opts) {
    return _seismic_address_block_call(c, "eth_getCode", address, block, opts);
}

SEISMIC_API seismic_request seismic_eth_get_block(seismic_client *c, const seismic_block_ref *block, bool full,
                                                  const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_request none = {0};
    if (!_seismic_block_valid(c, block)) return none;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_block(&w, block, true);
    seismic_json_writer_bool(&w, full);
    seismic_json_writer_array_end(&w);
    return _seismic_call_with(c, _seismic_block_is_hash(block) ? "eth_getBlockByHash" : "eth_getBlockByNumber", &params, opts);
}

/* {"to":..,"data":..} without `from` (spec §3.3) */
static void _seismic_write_call_object(seismic_json_writer *w, const seismic_address *to, const void *data, size_t len) {
    seismic_json_writer_object_begin(w);
    if (to) {
        seismic_json_writer_key(w, "to");
        _seismic_write_address(w, to);
    }
    seismic_json_writer_key(w, "data");
    seismic_json_writer_hex(w, data, len);
    seismic_json_writer_object_end(w);
}

SEISMIC_API seismic_request seismic_eth_call(seismic_client *c, const seismic_address *to, const void *data, size_t len,
                                             const seismic_block_ref *block, const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_request none = {0};
    if (!_seismic_block_valid(c, block)) return none;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_call_object(&w, to, data, len);
    _seismic_write_block(&w, block, false);
    seismic_json_writer_array_end(&w);
    return _seismic_call_with(c, "eth_call", &params, opts);
}

SEISMIC_API seismic_request seismic_eth_estimate_gas(seismic_client *c, const seismic_address *to, const void *data,
                                                     size_t len, const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_call_object(&w, to, data, len);
    seismic_json_writer_array_end(&w);
    return _seismic_call_with(c, "eth_estimateGas", &params, opts);
}

/* [ "0x<bytes>" ] */
static seismic_request _seismic_hex_call(seismic_client *c, const char *method, const void *data, size_t len,
                                         const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_buf_append_str(&params, "[\"");
    seismic_buf_append_hex(&params, data, len);
    seismic_buf_append_str(&params, "\"]");
    return _seismic_call_with(c, method, &params, opts);
}

SEISMIC_API seismic_request seismic_eth_send_raw_transaction(seismic_client *c, const void *raw, size_t len,
                                                             const seismic_request_options *opts) {
    return _seismic_hex_call(c, "eth_sendRawTransaction", raw, len, opts);
}

SEISMIC_API seismic_request seismic_eth_get_transaction(seismic_client *c, const uint8_t hash[32],
                                                        const seismic_request_options *opts) {
    return _seismic_hex_call(c, "eth_getTransactionByHash", hash, 32, opts);
}

SEISMIC_API seismic_request seismic_eth_get_transaction_receipt(seismic_client *c, const uint8_t hash[32],
                                                                const seismic_request_options *opts) {
    return _seismic_hex_call(c, "eth_getTransactionReceipt", hash, 32, opts);
}

/* What a node would refuse or misread in a log filter, refused here first. A watcher (watch) follows the head:
   it takes from_block as where to start (a hash too) and no end. */
static seismic_result _seismic_log_filter_check(const seismic_log_filter *f, bool watch, const char *what,
                                                seismic_error *err) {
    const seismic_block_ref *ends[2] = {&f->from_block, &f->to_block};
    static const char *const end_names[2] = {"from_block", "to_block"};
    uint64_t bound[2] = {0, 0};
    bool numeric[2] = {false, false};
    if (f->address_count && !f->addresses)
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%s: address_count without addresses", what);
    for (int t = 0; t < 4; t++)
        if (f->topics[t].count && !f->topics[t].any_of)
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%s: topics[%d] has a count but no topics", what, t);
    for (int i = 0; i < 2; i++) {
        seismic_block_kind kind = ends[i]->kind;
        if ((unsigned)kind > (unsigned)SEISMIC_BLOCK_HASH)
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%s: %s: unknown kind %d", what, end_names[i], (int)kind);
        numeric[i] = kind == SEISMIC_BLOCK_NUMBER || kind == SEISMIC_BLOCK_EARLIEST;
        bound[i] = kind == SEISMIC_BLOCK_NUMBER ? ends[i]->number : 0;
    }
    if (watch) {
        if (f->to_block.kind != SEISMIC_BLOCK_LATEST || f->has_block_hash)
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT,
                                 "%s: a watcher follows the head: leave to_block and block_hash unset", what);
        return SEISMIC_OK;
    }
    for (int i = 0; i < 2; i++)
        if (ends[i]->kind == SEISMIC_BLOCK_HASH)
            return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT,
                                 "%s: %s is a block hash: a range takes numbers or tags (block_hash selects one block)",
                                 what, end_names[i]);
    if (f->has_block_hash && (f->from_block.kind != SEISMIC_BLOCK_LATEST || f->to_block.kind != SEISMIC_BLOCK_LATEST))
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%s: block_hash and from_block/to_block exclude each other",
                             what);
    if (numeric[0] && numeric[1] && bound[0] > bound[1])
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%s: from_block %llu is after to_block %llu", what,
                             (unsigned long long)bound[0], (unsigned long long)bound[1]);
    return SEISMIC_OK;
}

/* One topic position: null (any), the topic, or the list of alternatives. */
static void _seismic_write_topic_filter(seismic_json_writer *jw, const seismic_topic_filter *t) {
    if (t->count == 0) {
        seismic_json_writer_null(jw);
    } else if (t->count == 1) {
        seismic_json_writer_hex(jw, t->any_of[0], 32);
    } else {
        seismic_json_writer_array_begin(jw);
        for (size_t i = 0; i < t->count; i++) seismic_json_writer_hex(jw, t->any_of[i], 32);
        seismic_json_writer_array_end(jw);
    }
}

/* The filter object of a checked filter; range: with fromBlock/toBlock or blockHash (a watcher sets its own). */
static void _seismic_write_log_filter(seismic_json_writer *jw, const seismic_log_filter *f, bool range) {
    seismic_json_writer_object_begin(jw);
    if (range && f->has_block_hash) {
        seismic_json_writer_key(jw, "blockHash");
        seismic_json_writer_hex(jw, f->block_hash, 32);
    } else if (range) {
        if (f->from_block.kind != SEISMIC_BLOCK_LATEST) {
            seismic_json_writer_key(jw, "fromBlock");
            _seismic_write_block(jw, &f->from_block, false);
        }
        if (f->to_block.kind != SEISMIC_BLOCK_LATEST) {
            seismic_json_writer_key(jw, "toBlock");
            _seismic_write_block(jw, &f->to_block, false);
        }
    }
    if (f->address_count) {
        seismic_json_writer_key(jw, "address");
        if (f->address_count > 1) seismic_json_writer_array_begin(jw);
        for (size_t i = 0; i < f->address_count; i++) _seismic_write_address(jw, &f->addresses[i]);
        if (f->address_count > 1) seismic_json_writer_array_end(jw);
    }
    int used = 4; /* trailing "any" positions are left out */
    while (used > 0 && f->topics[used - 1].count == 0) used--;
    if (used) {
        seismic_json_writer_key(jw, "topics");
        seismic_json_writer_array_begin(jw);
        for (int t = 0; t < used; t++) _seismic_write_topic_filter(jw, &f->topics[t]);
        seismic_json_writer_array_end(jw);
    }
    seismic_json_writer_object_end(jw);
}

/* [ {filter} ] */
static seismic_request _seismic_log_filter_call(seismic_client *c, const char *method, const seismic_log_filter *filter,
                                                const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_log_filter every;
    seismic_json_writer w;
    seismic_request none = {0};
    if (!filter) {
        memset(&every, 0, sizeof every);
        filter = &every;
    }
    if (_seismic_log_filter_check(filter, false, "log filter", &c->last_error)) return none;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_log_filter(&w, filter, true);
    seismic_json_writer_array_end(&w);
    return _seismic_call_with(c, method, &params, opts);
}

SEISMIC_API seismic_request seismic_eth_get_logs(seismic_client *c, const seismic_log_filter *filter,
                                                 const seismic_request_options *opts) {
    return _seismic_log_filter_call(c, "eth_getLogs", filter, opts);
}

SEISMIC_API seismic_request seismic_eth_new_filter(seismic_client *c, const seismic_log_filter *filter,
                                                   const seismic_request_options *opts) {
    return _seismic_log_filter_call(c, "eth_newFilter", filter, opts);
}

SEISMIC_API seismic_request seismic_eth_new_block_filter(seismic_client *c, const seismic_request_options *opts) {
    return seismic_rpc(c, "eth_newBlockFilter", "[]", opts);
}

/* [ "<id>" ] for filter ids */
static seismic_request _seismic_filter_call(seismic_client *c, const char *method, const char *filter_id,
                                            const seismic_request_options *opts) {
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_string(&w, filter_id);
    seismic_json_writer_array_end(&w);
    return _seismic_call_with(c, method, &params, opts);
}

SEISMIC_API seismic_request seismic_eth_get_filter_changes(seismic_client *c, const char *filter_id,
                                                           const seismic_request_options *opts) {
    return _seismic_filter_call(c, "eth_getFilterChanges", filter_id, opts);
}

SEISMIC_API seismic_request seismic_eth_uninstall_filter(seismic_client *c, const char *filter_id,
                                                         const seismic_request_options *opts) {
    return _seismic_filter_call(c, "eth_uninstallFilter", filter_id, opts);
}

SEISMIC_API seismic_request seismic_get_tee_public_key(seismic_client *c, const seismic_request_options *opts) {
    return seismic_rpc(c, "seismic_getTeePublicKey", "[]", opts);
}

/* --- balances at one pinned block --- */

typedef struct _seismic_balances {
    bool have_block; /* number (and hash) known */
    seismic_address *addresses;
    uint64_t *children; /* handle of the eth_getBalance for each address */
    seismic_buf *values; /* its answer */
    size_t count, answered;
    uint64_t number;
    uint8_t hash[32];
} _seismic_balances;

static void _seismic_balances_free(seismic_client *c, void *p) {
    _seismic_balances *b = (_seismic_balances *)p;
    for (size_t i = 0; b->values && i < b->count; i++) seismic_buf_free(&b->values[i]);
    _seismic_free(&c->desc.allocator, b->values);
    _seismic_free(&c->desc.allocator, b->children);
    _seismic_free(&c->desc.allocator, b->addresses);
}

/* The step's response failed: the action fails with it (RPC errors keep their code and data). */
static void _seismic_action_fail_from(seismic_client *c, _seismic_req *parent, const seismic_response *resp,
                                      const char *context) {
    char message[300];
    snprintf(message, sizeof message, "%s: %s", context, resp->error_message ? resp->error_message : "failed");
    if (resp->result == SEISMIC_ERR_RPC)
        _seismic_action_fail_rpc(c, parent, resp->rpc_code, message, resp->rpc_data, resp->rpc_data_len);
    else
        _seismic_finish(c, parent, resp->result, message);
}

static void _seismic_balances_complete(seismic_client *c, _seismic_req *parent);

static void _seismic_balance_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = _seismic_action_of(c, user);
    if (!parent) return;
    _seismic_balances *b = (_seismic_balances *)parent->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, parent, resp, "eth_getBalance");
        return;
    }
    size_t index = 0, len = 0;
    const char *raw = seismic_response_raw(resp, &len);
    while (index < b->count && b->children[index] != req.id) index++;
    if (index == b->count) return;
    seismic_buf_append(&b->values[index], raw, len);
    b->answered++;
    _seismic_balances_complete(c, parent);
}

/* The result, once every balance and the block number are in. */
static void _seismic_balances_complete(seismic_client *c, _seismic_req *parent) {
    _seismic_balances *b = (_seismic_balances *)parent->action;
    if (b->answered < b->count || !b->have_block) return;
    seismic_buf out = {NULL, 0, 0, false, c->desc.allocator, false};
    char number[40];
    snprintf(number, sizeof number, "\"0x%llx\"", (unsigned long long)b->number);
    seismic_buf_append_str(&out, "{\"blockNumber\":");
    seismic_buf_append_str(&out, number);
    seismic_buf_append_str(&out, ",\"blockHash\":\"");
    seismic_buf_append_hex(&out, b->hash, 32);
    seismic_buf_append_str(&out, "\",\"balances\":[");
    for (size_t i = 0; i < b->count; i++) {
        if (i) seismic_buf_append_byte(&out, ',');
        seismic_buf_append(&out, b->values[i].data, b->values[i].len);
    }
    seismic_buf_append_str(&out, "]}");
    _seismic_action_done(c, parent, (const char *)out.data, out.len);
    seismic_buf_free(&out);
}

/* Reads number and hash of a block object result. */
static bool _seismic_block_fields(const seismic_response *resp, uint64_t *number, uint8_t hash[32], uint64_t *gas_limit) {
    const seismic_json *j = &resp->json;
    int block = resp->result_index;
    if (resp->result != SEISMIC_OK || !seismic_json_is(j, block, SEISMIC_JSON_OBJECT)) return false;
    if (seismic_json_get_u64(j, seismic_json_find(j, block, "number"), number)) return false;
    if (seismic_json_get_bytes(j, seismic_json_find(j, block, "hash"), hash, 32, NULL)) return false;
    if (gas_limit && seismic_json_get_u64(j, seismic_json_find(j, block, "gasLimit"), gas_limit)) return false;
    return true;
}

static void _seismic_balances_issue(seismic_client *c, _seismic_req *parent, void *user);

static void _seismic_balances_pinned(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!parent) return;
    _seismic_balances *b = (_seismic_balances *)parent->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, parent, resp, "pinning the block");
        return;
    }
    if (!_seismic_block_fields(resp, &b->number, b->hash, NULL)) {
        _seismic_finish(c, parent, SEISMIC_ERR_INVALID_ARGUMENT, "pinning the block: the node has no such block");
        return;
    }
    b->have_block = true;
    if (b->children[0]) _seismic_balances_complete(c, parent); /* the balances went out with the lookup */
    else _seismic_balances_issue(c, parent, user);
}

/* Every balance at exactly the pinned block, by hash: they leave together as one batch. */
static void _seismic_balances_issue(seismic_client *c, _seismic_req *parent, void *user) {
    _seismic_balances *b = (_seismic_balances *)parent->action;
    seismic_block_ref at = seismic_block_at_hash(b->hash);
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = _seismic_balance_answer;
    o.user_data = user;
    o.timeout_ms = _seismic_ms_left(c, parent->deadline);
    for (size_t i = 0; i < b->count; i++) {
        seismic_request child = seismic_eth_get_balance(c, &b->addresses[i], &at, &o);
        if (!child.id) {
            _seismic_finish(c, parent, c->last_error.result, c->last_error.message);
            return;
        }
        b->children[i] = child.id;
    }
}

SEISMIC_API seismic_request seismic_eth_get_balances(seismic_client *c, const seismic_address *addresses, size_t count,
                                                     const seismic_block_ref *block,
                                                     const seismic_request_options *opts) {
    seismic_request none = {0};
    if (count == 0 || count >= c->desc.max_requests) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "get_balances: 1 to max_requests-1 addresses");
        return none;
    }
    if (!_seismic_block_valid(c, block)) return none;
    _seismic_req *r = _seismic_action_begin(c, opts, sizeof(_seismic_balances), _seismic_balances_free, NULL);
    if (!r) return none;
    _seismic_balances *b = (_seismic_balances *)r->action;
    seismic_request handle = {r->id};
    b->count = count;
    b->addresses = (seismic_address *)_seismic_copy(&c->desc.allocator, addresses, count * sizeof *addresses);
    b->children = (uint64_t *)_seismic_alloc(&c->desc.allocator, count * sizeof *b->children);
    b->values = (seismic_buf *)_seismic_alloc(&c->desc.allocator, count * sizeof *b->values);
    if (!b->addresses || !b->children || !b->values) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "get_balances: out of memory");
        _seismic_action_abort(c, r);
        return none;
    }
    for (size_t i = 0; i < count; i++) {
        memset(&b->values[i], 0, sizeof b->values[i]);
        b->values[i].allocator = c->desc.allocator;
        b->children[i] = 0;
    }
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_block(&w, block, true);
    seismic_json_writer_bool(&w, false);
    seismic_json_writer_array_end(&w);
    if (params.failed) _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "get_balances: out of memory");
    if (params.failed || !_seismic_action_call(c, r, _seismic_block_is_hash(block) ? "eth_getBlockByHash" : "eth_getBlockByNumber",
                                               seismic_buf_cstr(&params), _seismic_balances_pinned, 0)) {
        _seismic_action_abort(c, r);
        handle = none;
    } else if (_seismic_block_is_hash(block)) { /* already pinned: the balances ride in the same batch as the lookup */
        memcpy(b->hash, block->hash, 32);
        _seismic_balances_issue(c, r, (void *)(uintptr_t)r->id);
    }
    seismic_buf_free(&params);
    return handle;
}

/* --- wait for a receipt --- */

typedef struct _seismic_receipt_wait {
    uint8_t hash[32];
    uint32_t interval_ms;
    bool polling;                 /* a receipt query is in flight */
    seismic_subscription heads;   /* on WebSocket clients: poll at every new block */
} _seismic_receipt_wait;

static void _seismic_receipt_wait_free(seismic_client *c, void *p) {
    _seismic_receipt_wait *rw = (_seismic_receipt_wait *)p;
    if (rw->heads.id) seismic_unsubscribe(c, rw->heads);
}

static void _seismic_receipt_poll(seismic_client *c, _seismic_req *parent, uint32_t delay_ms);

static void _seismic_receipt_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!parent) return;
    _seismic_receipt_wait *rw = (_seismic_receipt_wait *)parent->action;
    rw->polling = false;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, parent, resp, "eth_getTransactionReceipt");
        return;
    }
    if (seismic_json_is(&resp->json, resp->result_index, SEISMIC_JSON_NULL)) {
        _seismic_receipt_poll(c, parent, rw->interval_ms); /* not mined yet */
        return;
    }
    _seismic_action_done_as(c, parent, resp);
}

static void _seismic_receipt_poll(seismic_client *c, _seismic_req *parent, uint32_t delay_ms) {
    _seismic_receipt_wait *rw = (_seismic_receipt_wait *)parent->action;
    char params[72] = "[\"";
    if (rw->polling) return;
    seismic_hex_encode(rw->hash, 32, params + 2);
    memcpy(params + 68, "\"]", 3);
    rw->polling = true;
    if (!_seismic_action_call(c, parent, "eth_getTransactionReceipt", params, _seismic_receipt_answer, delay_ms))
        _seismic_finish(c, parent, c->last_error.result, c->last_error.message);
}

static void _seismic_receipt_new_head(seismic_client *c, seismic_subscription sub, const seismic_json *json, int result,
                                      void *user) {
    _seismic_req *parent = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(sub);
    _SEISMIC_UNUSED(json);
    _SEISMIC_UNUSED(result);
    if (parent) _seismic_receipt_poll(c, parent, 0);
}

SEISMIC_API seismic_request seismic_eth_wait_for_receipt(seismic_client *c, const uint8_t hash[32],
                                                         uint32_t poll_interval_ms, const seismic_request_options *opts) {
    seismic_request none = {0};
    _seismic_req *r = _seismic_action_begin(c, opts, sizeof(_seismic_receipt_wait), _seismic_receipt_wait_free, NULL);
    if (!r) return none;
    _seismic_receipt_wait *rw = (_seismic_receipt_wait *)r->action;
    seismic_request handle = {r->id};
    memcpy(rw->hash, hash, 32);
    rw->interval_ms = poll_interval_ms ? poll_interval_ms : 1000;
    if (c->endpoints[0].url.websocket)
        rw->heads = seismic_subscribe(c, "[\"newHeads\"]", _seismic_receipt_new_head, (void *)(uintptr_t)r->id);
    _seismic_receipt_poll(c, r, 0);
    return handle;
}

/* --- wallets --- */

struct seismic_wallet {
    _seismic_owned own;
    seismic_private_key key;
    _seismic_secp secp; /* kept for its signatures and key derivations */
    seismic_address address;
    bool has_encryption_key;
    seismic_private_key encryption_key;
    seismic_encryption enc;
    uint64_t chain_id, expected_chain_id;
    uint8_t message_version;
    uint32_t blocks_window;
    bool ready;
    /* nonce manager: the account's pending count once, then local increments */
    bool nonce_known;
    uint64_t next_nonce;
    bool nonce_syncing;
    uint64_t *nonce_waiters; /* actions waiting for the count */
    size_t waiter_count, waiter_cap;
};

typedef struct _seismic_wallet_setup {
    seismic_wallet *w;
    int answers;
} _seismic_wallet_setup;

static void _seismic_wallet_chain_id(seismic_client *c, seismic_request req, const seismic_response *resp, void *user);
static void _seismic_wallet_tee_key(seismic_client *c, seismic_request req, const seismic_response *resp, void *user);
static void _seismic_wallet_nonce(seismic_client *c, seismic_request req, const seismic_response *resp, void *user);

SEISMIC_API seismic_request seismic_wallet_create(seismic_client *c, const seismic_wallet_desc *desc,
                                                  const seismic_request_options *opts, seismic_wallet **out) {
    seismic_request none = {0};
    seismic_wallet *w = (seismic_wallet *)_seismic_alloc(&c->desc.allocator, sizeof *w);
    *out = w;
    if (!w) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "wallet: out of memory");
        return none;
    }
    memset(w, 0, sizeof *w);
    _seismic_own(c, &w->own);
    w->expected_chain_id = desc->expected_chain_id;
    w->message_version = desc->message_version == SEISMIC_MESSAGE_EIP712 ? 2 : 0;
    w->blocks_window = desc->blocks_window ? desc->blocks_window : 100;
    seismic_result kept = _seismic_secp_keep(&w->secp);
    if (kept != SEISMIC_OK) {
        _seismic_fail(&c->last_error, kept, "wallet: its libsecp256k1 context could not be made (%s)",
                      seismic_result_string(kept));
        return none;
    }
    if (!desc->private_key || seismic_private_key_from_hex(desc->private_key, &w->key) ||
        _seismic_private_key_address(&w->secp, &w->key, &w->address)) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "wallet: private_key must be 32 bytes of hex");
        return none;
    }
    if (desc->encryption_key) {
        if (seismic_private_key_from_hex(desc->encryption_key, &w->encryption_key)) {
            _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "wallet: encryption_key must be 32 bytes of hex");
            return none;
        }
        w->has_encryption_key = true;
    }
    if ((unsigned)desc->message_version > (unsigned)SEISMIC_MESSAGE_EIP712) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "wallet: message_version is not a seismic_message_version");
        return none;
    }
    _seismic_req *r = _seismic_action_begin(c, opts, sizeof(_seismic_wallet_setup), NULL, w);
    if (!r) return none;
    ((_seismic_wallet_setup *)r->action)->w = w;
    seismic_request handle = {r->id};
    char count_params[80];
    char address_hex[43];
    seismic_hex_encode(w->address.bytes, 20, address_hex);
    snprintf(count_params, sizeof count_params, "[\"%s\",\"pending\"]", address_hex);
    /* chain id, TEE key and nonce in one round trip */
    if (!_seismic_action_call(c, r, "eth_chainId", "[]", _seismic_wallet_chain_id, 0) ||
        !_seismic_action_call(c, r, "seismic_getTeePublicKey", "[]", _seismic_wallet_tee_key, 0) ||
        !_seismic_action_call(c, r, "eth_getTransactionCount", count_params, _seismic_wallet_nonce, 0)) {
        _seismic_action_abort(c, r);
        return none;
    }
    return handle;
}

/* Parses a TEE key given with or without 0x (spec §3.1). */
static seismic_result _seismic_tee_key(const seismic_response *resp, uint8_t out[33], char *why, size_t cap) {
    char text[80];
    size_t len = 0;
    if (seismic_json_get_string(&resp->json, resp->result_index, text, sizeof text, &len)) {
        snprintf(why, cap, "the TEE public key is not a string");
        return SEISMIC_ERR_PARSE;
    }
    if (seismic_hex_decode(text, len, out, 33, NULL) || (out[0] != 2 && out[0] != 3)) {
        snprintf(why, cap, "the TEE public key must be 33 bytes (compressed), got \"%.70s\"", text);
        return SEISMIC_ERR_PARSE;
    }
    return SEISMIC_OK;
}

/* One of the three setup answers arrived; after the last one the wallet is ready. */
static _seismic_req *_seismic_wallet_answer(seismic_client *c, const seismic_response *resp, void *user,
                                            const char *what) {
    _seismic_req *parent = _seismic_action_of(c, user);
    if (!parent) return NULL;
    if (resp->result != SEISMIC_OK) {
        char context[80];
        snprintf(context, sizeof context, "creating the wallet (%s)", what);
        _seismic_action_fail_from(c, parent, resp, context);
        return NULL;
    }
    return parent;
}

static void _seismic_wallet_setup_step_done(seismic_client *c, _seismic_req *parent) {
    _seismic_wallet_setup *setup = (_seismic_wallet_setup *)parent->action;
    seismic_wallet *w = setup->w;
    if (++setup->answers < 3) return;
    if (w->expected_chain_id && w->expected_chain_id != w->chain_id) {
        char message[120];
        snprintf(message, sizeof message, "wrong chain: the node is on chain %llu, the wallet expects %llu",
                 (unsigned long long)w->chain_id, (unsigned long long)w->expected_chain_id);
        _seismic_finish(c, parent, SEISMIC_ERR_INVALID_ARGUMENT, message);
        return;
    }
    char result[120], address[43];
    seismic_address_to_string(&w->address, address);
    snprintf(result, sizeof result, "{\"address\":\"%s\",\"chainId\":\"0x%llx\"}", address,
             (unsigned long long)w->chain_id);
    w->ready = true;
    _seismic_action_done(c, parent, result, strlen(result));
}

static void _seismic_wallet_chain_id(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = _seismic_wallet_answer(c, resp, user, "eth_chainId");
    _SEISMIC_UNUSED(req);
    if (!parent) return;
    seismic_wallet *w = ((_seismic_wallet_setup *)parent->action)->w;
    if (seismic_response_u64(resp, &w->chain_id)) {
        _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "creating the wallet: eth_chainId is not a quantity");
        return;
    }
    _seismic_wallet_setup_step_done(c, parent);
}

static void _seismic_wallet_tee_key(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = _seismic_wallet_answer(c, resp, user, "seismic_getTeePublicKey");
    _SEISMIC_UNUSED(req);
    if (!parent) return;
    seismic_wallet *w = ((_seismic_wallet_setup *)parent->action)->w;
    uint8_t tee[33];
    char why[160] = "";
    seismic_result r = _seismic_tee_key(resp, tee, why, sizeof why);
    if (r == SEISMIC_OK)
        r = _seismic_encryption_init(&w->enc, &w->secp, w->has_encryption_key ? &w->encryption_key : NULL, tee);
    if (r) {
        char message[200];
        snprintf(message, sizeof message, "creating the wallet: %s", why[0] ? why : "the TEE key is not a valid point");
        _seismic_finish(c, parent, r, message);
        return;
    }
    _seismic_wallet_setup_step_done(c, parent);
}

static void _seismic_wallet_nonce(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = _seismic_wallet_answer(c, resp, user, "eth_getTransactionCount");
    _SEISMIC_UNUSED(req);
    if (!parent) return;
    seismic_wallet *w = ((_seismic_wallet_setup *)parent->action)->w;
    if (seismic_response_u64(resp, &w->next_nonce)) {
        _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "creating the wallet: the transaction count is not a quantity");
        return;
    }
    w->nonce_known = true;
    _seismic_wallet_setup_step_done(c, parent);
}

SEISMIC_API seismic_wallet *seismic_wallet_create_blocking(seismic_client *c, const seismic_wallet_desc *desc,
                                                           seismic_error *err) {
    seismic_wallet *w = NULL;
    seismic_request r = seismic_wallet_create(c, desc, NULL, &w);
    if (seismic_await(c, r, NULL, err) != SEISMIC_OK) {
        seismic_wallet_destroy(w);
        return NULL;
    }
    return w;
}

SEISMIC_API void seismic_wallet_destroy(seismic_wallet *w) {
    if (!w) return;
    seismic_allocator a = w->own.allocator;
    if (w->own.client) _seismic_cancel_owned(w->own.client, w);
    _seismic_disown(&w->own);
    _seismic_free(&a, w->nonce_waiters);
    seismic_encryption_wipe(&w->enc);
    _seismic_secp_wipe(&w->secp);
    seismic_wipe(w, sizeof *w);
    _seismic_free(&a, w);
}

SEISMIC_API const seismic_address *seismic_wallet_address(const seismic_wallet *w) { return &w->address; }
SEISMIC_API uint64_t seismic_wallet_chain_id(const seismic_wallet *w) { return w->chain_id; }
SEISMIC_API const seismic_encryption *seismic_wallet_encryption(const seismic_wallet *w) { return &w->enc; }
SEISMIC_API seismic_client *seismic_wallet_client(const seismic_wallet *w) { return w->own.client; }

/* --- shielded writes, signed reads, transparent writes (spec §3.7) --- */

enum { _SEISMIC_FLOW_SHIELDED, _SEISMIC_FLOW_DEBUG, _SEISMIC_FLOW_SIGNED_READ, _SEISMIC_FLOW_TRANSPARENT };

#define _SEISMIC_SIGNED_READ_GAS 30000000u

typedef struct _seismic_flow {
    seismic_wallet *w;
    int kind;
    bool has_to;
    seismic_address to;
    seismic_buf calldata;
    seismic_tx_options tx;
    uint8_t message_version;
    int pending;              /* answers still missing before the transaction can be built */
    bool nonce_taken, nonce_used, syncing_nonce, waiting_nonce;
    bool sent_ok; /* the node accepted the transaction */
    uint64_t nonce;
    bool have_block;
    uint64_t block_number, block_gas_limit;
    uint8_t block_hash[32];
    seismic_u256 gas_price;
    uint64_t gas;
    int resends;
    seismic_shielded_tx sent; /* the last Seismic transaction sent: its metadata opens the response */
    seismic_buf ciphertext, raw;
} _seismic_flow;

static void _seismic_flow_gathered(seismic_client *c, _seismic_req *r);
static void _seismic_nonce_sync(seismic_client *c, _seismic_req *r);

static void _seismic_flow_free(seismic_client *c, void *p) {
    _seismic_flow *f = (_seismic_flow *)p;
    seismic_wallet *w = f->w;
    if (f->nonce_taken && !f->sent_ok) {
        if (!f->nonce_used && w->nonce_known && w->next_nonce == f->nonce + 1)
            w->next_nonce--; /* it never left: give it back */
        else
            w->nonce_known = false; /* a gap, or the node may have it: the next write re-reads the pending count */
    }
    if (f->waiting_nonce || f->syncing_nonce) {
        size_t k = 0;
        for (size_t i = 0; i < w->waiter_count; i++) /* keep the waiters still pending (this one is finished) */
            if (_seismic_action_of(c, (void *)(uintptr_t)w->nonce_waiters[i])) w->nonce_waiters[k++] = w->nonce_waiters[i];
        w->waiter_count = k;
        if (f->syncing_nonce) { /* hand the count query over to the next waiter */
            w->nonce_syncing = false;
            if (w->waiter_count) _seismic_nonce_sync(c, _seismic_action_of(c, (void *)(uintptr_t)w->nonce_waiters[0]));
        }
    }
    seismic_buf_free(&f->calldata); /* secret: the plaintext the encryption protects */
    seismic_buf_free(&f->ciphertext);
    seismic_buf_free(&f->raw);
}

static void _seismic_flow_step_done(seismic_client *c, _seismic_req *r) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    if (--f->pending == 0) _seismic_flow_gathered(c, r);
}

static void _seismic_flow_block(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_flow *f = (_seismic_flow *)r->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, r, resp, "eth_getBlockByNumber");
        return;
    }
    if (!_seismic_block_fields(resp, &f->block_number, f->block_hash, &f->block_gas_limit)) {
        _seismic_finish(c, r, SEISMIC_ERR_PARSE, "the latest block lacks number, hash or gasLimit");
        return;
    }
    f->have_block = true;
    _seismic_flow_step_done(c, r);
}

static void _seismic_flow_gas_price(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_flow *f = (_seismic_flow *)r->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, r, resp, "eth_gasPrice");
        return;
    }
    if (seismic_response_u256(resp, &f->gas_price)) {
        _seismic_finish(c, r, SEISMIC_ERR_PARSE, "eth_gasPrice is not a quantity");
        return;
    }
    _seismic_flow_step_done(c, r);
}

/* Nonce manager: writes take the next nonce in submission order; reads only look at it. */
static void _seismic_flow_assign_nonce(_seismic_flow *f) {
    seismic_wallet *w = f->w;
    f->nonce = w->next_nonce;
    if (f->kind != _SEISMIC_FLOW_SIGNED_READ) {
        w->next_nonce++;
        f->nonce_taken = true;
        f->nonce_used = false;
    }
}

static void _seismic_nonce_synced(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_wallet *w = f->w;
    uint64_t count;
    f->syncing_nonce = false;
    w->nonce_syncing = false;
    if (resp->result != SEISMIC_OK || seismic_response_u64(resp, &count)) {
        _seismic_action_fail_from(c, r, resp, "eth_getTransactionCount");
        return;
    }
    w->next_nonce = count;
    w->nonce_known = true;
    /* serve the waiters in the order they asked */
    size_t n = w->waiter_count;
    w->waiter_count = 0;
    for (size_t i = 0; i < n; i++) {
        _seismic_req *waiter = _seismic_action_of(c, (void *)(uintptr_t)w->nonce_waiters[i]);
        if (!waiter) continue;
        _seismic_flow *wf = (_seismic_flow *)waiter->action;
        wf->waiting_nonce = false;
        _seismic_flow_assign_nonce(wf);
        _seismic_flow_step_done(c, waiter);
    }
}

static void _seismic_nonce_sync(seismic_client *c, _seismic_req *r) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_wallet *w = f->w;
    char params[80], address[43];
    seismic_hex_encode(w->address.bytes, 20, address);
    snprintf(params, sizeof params, "[\"%s\",\"pending\"]", address);
    w->nonce_syncing = true;
    f->syncing_nonce = true;
    if (!_seismic_action_call(c, r, "eth_getTransactionCount", params, _seismic_nonce_synced, 0))
        _seismic_finish(c, r, c->last_error.result, c->last_error.message);
}

/* Takes a nonce now, or queues for the account's count (then one more pending step). */
static void _seismic_flow_take_nonce(seismic_client *c, _seismic_req *r) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_wallet *w = f->w;
    if (w->nonce_known) {
        _seismic_flow_assign_nonce(f);
        return;
    }
    if (w->waiter_count == w->waiter_cap) {
        size_t cap = w->waiter_cap ? w->waiter_cap * 2 : 16;
        uint64_t *grown = (uint64_t *)_seismic_alloc(&c->desc.allocator, cap * sizeof *grown);
        if (!grown) {
            _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "nonce manager: out of memory");
            return;
        }
        if (w->waiter_count) memcpy(grown, w->nonce_waiters, w->waiter_count * sizeof *grown);
        _seismic_free(&c->desc.allocator, w->nonce_waiters);
        w->nonce_waiters = grown;
        w->waiter_cap = cap;
    }
    w->nonce_waiters[w->waiter_count++] = r->id;
    f->waiting_nonce = true;
    f->pending++;
    if (!w->nonce_syncing) _seismic_nonce_sync(c, r);
}

/* Builds, encrypts and signs a Seismic transaction of this flow into f->raw. */
static seismic_result _seismic_flow_build_shielded(_seismic_flow *f, bool signed_read, uint64_t gas, bool use_security) {
    seismic_wallet *w = f->w;
    seismic_shielded_tx *tx = &f->sent;
    seismic_result res;
    memset(tx, 0, sizeof *tx);
    tx->chain_id = w->chain_id;
    tx->nonce = f->nonce;
    tx->gas_price = f->gas_price;
    tx->gas = gas;
    tx->has_to = f->has_to;
    tx->to = f->to;
    tx->value = f->tx.value;
    memcpy(tx->encryption_pubkey, w->enc.public_key, 33);
    tx->message_version = f->message_version;
    tx->signed_read = signed_read;
    if (use_security) {
        memcpy(tx->encryption_nonce, f->tx.encryption_nonce, 12);
        memcpy(tx->recent_block_hash, f->tx.recent_block_hash, 32);
        tx->expires_at_block = f->tx.expires_at_block;
    } else {
        if ((res = seismic_encryption_nonce_generate(tx->encryption_nonce)) != SEISMIC_OK) return res;
        memcpy(tx->recent_block_hash, f->block_hash, 32);
        tx->expires_at_block = f->block_number + (f->tx.blocks_window ? f->tx.blocks_window : w->blocks_window);
    }
    f->ciphertext.len = f->raw.len = 0;
    res = seismic_shielded_tx_encrypt(tx, &w->address, &w->enc, f->calldata.data, f->calldata.len, &f->ciphertext);
    tx->input = f->ciphertext.data;
    tx->input_len = f->ciphertext.len;
    if (res == SEISMIC_OK) res = _seismic_shielded_tx_sign_encode(tx, &w->key, &w->secp, &f->raw);
    return res;
}

/* An RPC error from a signed call or estimate: its data is the encrypted revert output (spec §2.8). */
static void _seismic_flow_fail_revert(seismic_client *c, _seismic_req *r, const seismic_response *resp,
                                      const char *context) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_buf data = {NULL, 0, 0, false, c->desc.allocator, false}, plain = {NULL, 0, 0, false, c->desc.allocator, true};
    seismic_buf reason = {NULL, 0, 0, false, c->desc.allocator, true};
    bool decoded = false;
    if (resp->result == SEISMIC_ERR_RPC && resp->rpc_data) {
        seismic_json j;
        seismic_json_token tokens[2];
        if (seismic_json_parse(&j, resp->rpc_data, resp->rpc_data_len, tokens, 2, NULL) == SEISMIC_OK &&
            seismic_json_get_bytes_buf(&j, 0, &data) == SEISMIC_OK && data.len > 0) {
            if (_seismic_decrypt_response(&f->w->enc, &f->sent, &f->w->address, f->w->enc.response_key, data.data,
                                          data.len, &plain) == SEISMIC_OK)
                decoded = seismic_abi_decode_revert(plain.data, plain.len, &reason) == SEISMIC_OK;
            else /* older nodes send plaintext revert data */
                decoded = seismic_abi_decode_revert(data.data, data.len, &reason) == SEISMIC_OK;
        }
    }
    if (decoded) {
        char message[400];
        snprintf(message, sizeof message, "%s: %s", context, seismic_buf_cstr(&reason));
        _seismic_action_fail_rpc(c, r, resp->rpc_code, message, resp->rpc_data, resp->rpc_data_len);
    } else {
        _seismic_action_fail_from(c, r, resp, context);
    }
    seismic_buf_free(&data);
    seismic_buf_free(&plain);
    seismic_buf_free(&reason);
}

static void _seismic_flow_read_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_flow *f = (_seismic_flow *)r->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_flow_fail_revert(c, r, resp, "signed read");
        return;
    }
    seismic_buf plain = {NULL, 0, 0, false, c->desc.allocator, true};
    seismic_buf out = {NULL, 0, 0, false, c->desc.allocator, true}; /* the decrypted result in hex */
    const uint8_t *data = NULL;
    size_t data_len = 0;
    seismic_result res = seismic_response_data(resp, &data, &data_len);
    if (res == SEISMIC_OK)
        res = _seismic_decrypt_response(&f->w->enc, &f->sent, &f->w->address, f->w->enc.response_key, data, data_len,
                                        &plain);
    if (res == SEISMIC_OK) {
        seismic_buf_append_byte(&out, '"');
        seismic_buf_append_hex(&out, plain.data, plain.len);
        seismic_buf_append_byte(&out, '"');
        _seismic_action_done(c, r, (const char *)out.data, out.len);
    } else {
        _seismic_finish(c, r, res, res == SEISMIC_ERR_DECRYPT ? "signed read: the response does not decrypt with "
                                                                "this wallet's response key"
                                                              : "signed read: the result is not hex data");
    }
    seismic_buf_free(&plain);
    seismic_buf_free(&out);
}

static void _seismic_flow_send(seismic_client *c, _seismic_req *r);

static void _seismic_flow_estimated(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_flow *f = (_seismic_flow *)r->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_flow_fail_revert(c, r, resp, "estimating gas");
        return;
    }
    if (seismic_response_u64(resp, &f->gas)) {
        _seismic_finish(c, r, SEISMIC_ERR_PARSE, "eth_estimateGas is not a quantity");
        return;
    }
    _seismic_flow_send(c, r);
}

/* Sends f->raw with method/params shaped [raw] or [raw, "latest"]. */
static void _seismic_flow_submit_raw(seismic_client *c, _seismic_req *r, const char *method, bool with_block,
                                     seismic_callback step) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_buf_append_str(&params, "[\"");
    seismic_buf_append_hex(&params, f->raw.data, f->raw.len);
    seismic_buf_append_str(&params, with_block ? "\",\"latest\"]" : "\"]");
    if (params.failed) _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "out of memory");
    else if (!_seismic_action_call(c, r, method, seismic_buf_cstr(&params), step, 0))
        _seismic_finish(c, r, c->last_error.result, c->last_error.message);
    seismic_buf_free(&params);
}

static void _seismic_flow_gathered(seismic_client *c, _seismic_req *r) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_result res;
    if (f->kind == _SEISMIC_FLOW_SIGNED_READ) {
        res = _seismic_flow_build_shielded(f, true, f->tx.gas ? f->tx.gas : _SEISMIC_SIGNED_READ_GAS, f->tx.has_security);
        if (res) _seismic_finish(c, r, res, "signed read: building the transaction failed");
        else _seismic_flow_submit_raw(c, r, "eth_call", true, _seismic_flow_read_answer);
        return;
    }
    if (f->gas) {
        _seismic_flow_send(c, r);
        return;
    }
    if (!f->has_to) { /* a deployment: Seismic transactions cannot create, so an ordinary estimate */
        seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &params);
        seismic_json_writer_array_begin(&w);
        seismic_json_writer_object_begin(&w);
        seismic_json_writer_key(&w, "data");
        seismic_json_writer_hex(&w, f->calldata.data, f->calldata.len);
        seismic_json_writer_key(&w, "value");
        seismic_json_writer_quantity_u256(&w, &f->tx.value);
        seismic_json_writer_object_end(&w);
        seismic_json_writer_array_end(&w);
        if (params.failed || !_seismic_action_call(c, r, "eth_estimateGas", seismic_buf_cstr(&params), _seismic_flow_estimated, 0))
            _seismic_finish(c, r, params.failed ? SEISMIC_ERR_NO_MEMORY : c->last_error.result,
                            params.failed ? "out of memory" : c->last_error.message);
        seismic_buf_free(&params);
        return;
    }
    /* the estimate twin: the same call as a signed read (fresh nonce, latest block, gas = block limit) */
    res = _seismic_flow_build_shielded(f, true, f->block_gas_limit, false);
    if (res) _seismic_finish(c, r, res, "estimating gas: building the transaction failed");
    else _seismic_flow_submit_raw(c, r, "eth_estimateGas", false, _seismic_flow_estimated);
}

static void _seismic_flow_sent(seismic_client *c, seismic_request req, const seismic_response *resp, void *user);

static void _seismic_flow_send(seismic_client *c, _seismic_req *r) {
    _seismic_flow *f = (_seismic_flow *)r->action;
    seismic_result res;
    f->raw.len = 0;
    if (f->kind == _SEISMIC_FLOW_TRANSPARENT) {
        seismic_eth_tx tx;
        memset(&tx, 0, sizeof tx);
        tx.type = SEISMIC_TX_TYPE_LEGACY;
        tx.chain_id = f->w->chain_id;
        tx.nonce = f->nonce;
        tx.gas_price = f->gas_price;
        tx.gas = f->gas;
        tx.has_to = f->has_to;
        tx.to = f->to;
        tx.value = f->tx.value;
        tx.data = f->calldata.data;
        tx.data_len = f->calldata.len;
        res = _seismic_eth_tx_sign(&tx, &f->w->key, &f->w->secp, &f->w->own.allocator);
        if (res == SEISMIC_OK) res = seismic_eth_tx_encode(&tx, &f->raw);
    } else {
        res = _seismic_flow_build_shielded(f, false, f->gas, f->tx.has_security);
    }
    if (res) {
        _seismic_finish(c, r, res, "building the transaction failed");
        return;
    }
    f->nonce_used = true; /* from here on the node may have it */
    _seismic_flow_submit_raw(c, r, "eth_sendRawTransaction", false, _seismic_flow_sent);
}

static void _seismic_flow_sent(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_flow *f = (_seismic_flow *)r->action;
    uint8_t hash[32];
    seismic_tx_hash(f->raw.data, f->raw.len, hash);
    if (resp->result == SEISMIC_ERR_RPC && resp->error_message) {
        const char *m = resp->error_message;
        if (strstr(m, "already known")) goto sent; /* this very transaction reached the node before */
        if ((strstr(m, "nonce too low") || strstr(m, "nonce too high")) && f->resends < 3) {
            /* someone else used this account, or a send was lost: resync and build again */
            f->resends++;
            f->nonce_taken = false;
            f->w->nonce_known = false;
            f->pending = 0;
            _seismic_flow_take_nonce(c, r);
            if (!f->waiting_nonce) _seismic_flow_send(c, r);
            return;
        }
    }
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, r, resp, "eth_sendRawTransaction");
        return;
    }
sent:;
    f->sent_ok = true;
    seismic_buf out = {NULL, 0, 0, false, c->desc.allocator, f->kind == _SEISMIC_FLOW_DEBUG}; /* plaintextTx */
    if (f->kind == _SEISMIC_FLOW_DEBUG) {
        seismic_buf unsigned_tx = {NULL, 0, 0, false, c->desc.allocator, false};
        seismic_json_writer w;
        seismic_shielded_tx_encode_unsigned(&f->sent, &unsigned_tx);
        seismic_json_writer_init(&w, &out);
        seismic_json_writer_object_begin(&w);
        seismic_json_writer_key(&w, "txHash");
        seismic_json_writer_hex(&w, hash, 32);
        seismic_json_writer_key(&w, "plaintextTx");
        seismic_json_writer_object_begin(&w);
        seismic_json_writer_key(&w, "to");
        seismic_json_writer_hex(&w, f->to.bytes, f->has_to ? 20 : 0);
        seismic_json_writer_key(&w, "data");
        seismic_json_writer_hex(&w, f->calldata.data, f->calldata.len);
        seismic_json_writer_key(&w, "nonce");
        seismic_json_writer_quantity_u64(&w, f->nonce);
        seismic_json_writer_key(&w, "gas");
        seismic_json_writer_quantity_u64(&w, f->gas);
        seismic_json_writer_key(&w, "gasPrice");
        seismic_json_writer_quantity_u256(&w, &f->gas_price);
        seismic_json_writer_key(&w, "value");
        seismic_json_writer_quantity_u256(&w, &f->tx.value);
        seismic_json_writer_object_end(&w);
        seismic_json_writer_key(&w, "shieldedTx");
        seismic_json_writer_hex(&w, unsigned_tx.data, unsigned_tx.len);
        seismic_json_writer_key(&w, "rawTx");
        seismic_json_writer_hex(&w, f->raw.data, f->raw.len);
        seismic_json_writer_object_end(&w);
        seismic_buf_free(&unsigned_tx);
    } else {
        seismic_buf_append_byte(&out, '"');
        seismic_buf_append_hex(&out, hash, 32);
        seismic_buf_append_byte(&out, '"');
    }
    _seismic_action_done(c, r, (const char *)out.data, out.len);
    seismic_buf_free(&out);
}

static seismic_request _seismic_flow_start(seismic_wallet *w, int kind, const seismic_address *to, const void *calldata,
                                           size_t len, const seismic_tx_options *tx, const seismic_request_options *opts) {
    seismic_client *c = w->own.client;
    seismic_request none = {0};
    seismic_tx_options defaults;
    if (!c) return none; /* its client was destroyed */
    memset(&defaults, 0, sizeof defaults);
    if (!tx) tx = &defaults;
    if (!w->ready) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "the wallet is not ready (wait for its creation)");
        return none;
    }
    if ((unsigned)tx->message_version > (unsigned)SEISMIC_MESSAGE_EIP712) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "message_version is not a seismic_message_version");
        return none;
    }
    int version = tx->message_version == SEISMIC_MESSAGE_DEFAULT ? w->message_version
                                                                 : (tx->message_version == SEISMIC_MESSAGE_EIP712 ? 2 : 0);
    if (tx->has_security && tx->encryption_nonce[0] == 0) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT,
                      "encryption_nonce must not start with a zero byte (it is a canonical u96)");
        return none;
    }
    if (!to && kind != _SEISMIC_FLOW_TRANSPARENT) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "Seismic transactions cannot create contracts");
        return none;
    }
    _seismic_req *r = _seismic_action_begin(c, opts, sizeof(_seismic_flow), _seismic_flow_free, w);
    if (!r) return none;
    seismic_request handle = {r->id};
    _seismic_flow *f = (_seismic_flow *)r->action;
    f->w = w;
    f->kind = kind;
    f->has_to = to != NULL;
    if (to) f->to = *to;
    f->tx = *tx;
    f->message_version = (uint8_t)version;
    f->gas = tx->gas;
    f->calldata.allocator = f->ciphertext.allocator = f->raw.allocator = c->desc.allocator;
    f->calldata.secret = true;
    seismic_buf_append(&f->calldata, calldata, len);
    if (f->calldata.failed) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "out of memory");
        _seismic_action_abort(c, r);
        return none;
    }
    /* gather what the transaction needs; all of it leaves in one batch */
    bool need_block = kind == _SEISMIC_FLOW_SIGNED_READ ? !tx->has_security
                                                        : (!tx->gas || (kind != _SEISMIC_FLOW_TRANSPARENT && !tx->has_security));
    f->pending = 1; /* held until everything below is submitted */
    if (need_block) {
        f->pending++;
        if (!_seismic_action_call(c, r, "eth_getBlockByNumber", "[\"latest\",false]", _seismic_flow_block, 0)) {
            _seismic_action_abort(c, r); /* steps already sent find no parent and end quietly */
            return none;
        }
    }
    if (tx->has_gas_price) {
        f->gas_price = tx->gas_price;
    } else {
        f->pending++;
        if (!_seismic_action_call(c, r, "eth_gasPrice", "[]", _seismic_flow_gas_price, 0)) {
            _seismic_action_abort(c, r); /* steps already sent find no parent and end quietly */
            return none;
        }
    }
    _seismic_flow_take_nonce(c, r);
    if (r->state == _SEISMIC_REQ_ACTION) _seismic_flow_step_done(c, r);
    return handle;
}

SEISMIC_API seismic_request seismic_shielded_write(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                   size_t len, const seismic_tx_options *tx,
                                                   const seismic_request_options *opts) {
    return _seismic_flow_start(w, _SEISMIC_FLOW_SHIELDED, to, calldata, len, tx, opts);
}

SEISMIC_API seismic_request seismic_debug_write(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                size_t len, const seismic_tx_options *tx,
                                                const seismic_request_options *opts) {
    return _seismic_flow_start(w, _SEISMIC_FLOW_DEBUG, to, calldata, len, tx, opts);
}

SEISMIC_API seismic_request seismic_signed_read(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                size_t len, const seismic_tx_options *tx,
                                                const seismic_request_options *opts) {
    return _seismic_flow_start(w, _SEISMIC_FLOW_SIGNED_READ, to, calldata, len, tx, opts);
}

SEISMIC_API seismic_request seismic_transparent_write(seismic_wallet *w, const seismic_address *to, const void *calldata,
                                                      size_t len, const seismic_tx_options *tx,
                                                      const seismic_request_options *opts) {
    return _seismic_flow_start(w, _SEISMIC_FLOW_TRANSPARENT, to, calldata, len, tx, opts);
}

SEISMIC_API void seismic_contract_address(const seismic_address *sender, uint64_t nonce, seismic_address *out) {
    /* RLP([sender, nonce]) fits in 31 bytes, so it is built here rather than in an allocated buffer */
    uint8_t rlp[32], hash[32];
    size_t len = 2;
    rlp[1] = 0x94; /* a 20-byte string */
    memcpy(rlp + 2, sender->bytes, 20);
    len += 20;
    if (nonce == 0) {
        rlp[len++] = 0x80;
    } else if (nonce < 0x80) {
        rlp[len++] = (uint8_t)nonce;
    } else {
        int bytes = 0;
        for (uint64_t v = nonce; v; v >>= 8) bytes++;
        rlp[len++] = (uint8_t)(0x80 + bytes);
        for (int i = bytes - 1; i >= 0; i--) rlp[len++] = (uint8_t)(nonce >> (8 * i));
    }
    rlp[0] = (uint8_t)(0xc0 + len - 1);
    seismic_keccak256(rlp, len, hash);
    memcpy(out->bytes, hash + 12, 20);
}

/* --- contracts by signature --- */

typedef struct _seismic_contract_read {
    seismic_buf output_types; /* "(uint256,bool)", empty when the signature declares no returns */
} _seismic_contract_read;

static void _seismic_contract_read_free(seismic_client *c, void *p) {
    _SEISMIC_UNUSED(c);
    seismic_buf_free(&((_seismic_contract_read *)p)->output_types);
}

/* The call's return data arrived: decode it with the declared output types. */
static void _seismic_contract_decoded(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *r = _seismic_action_of(c, user);
    _SEISMIC_UNUSED(req);
    if (!r) return;
    _seismic_contract_read *cr = (_seismic_contract_read *)r->action;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, r, resp, "contract read");
        return;
    }
    if (cr->output_types.len <= 2) { /* no declared outputs: the data as it came */
        _seismic_action_done_as(c, r, resp);
        return;
    }
    /* secret: a signed read's decrypted output (a view into the step's response, wiped with it) */
    seismic_buf out = {NULL, 0, 0, false, c->desc.allocator, true};
    const uint8_t *data = NULL;
    size_t data_len = 0;
    seismic_error err = {"", SEISMIC_OK};
    size_t count = 0;
    seismic_abi_value *values = NULL;
    seismic_result res = seismic_response_data(resp, &data, &data_len);
    if (res == SEISMIC_OK && data_len == 0)
        res = _seismic_fail(&err, SEISMIC_ERR_PARSE, "the call returned no data (is there a contract at this address?)");
    if (res == SEISMIC_OK) { /* count first, then decode into exactly enough values */
        seismic_abi_decode(seismic_buf_cstr(&cr->output_types), data, data_len, NULL, 0, &count, &err);
        values = (seismic_abi_value *)_seismic_alloc(&c->desc.allocator, (count ? count : 1) * sizeof *values);
        res = values ? seismic_abi_decode(seismic_buf_cstr(&cr->output_types), data, data_len, values, count, &count, &err)
                     : SEISMIC_ERR_NO_MEMORY;
    }
    if (res == SEISMIC_OK) res = seismic_abi_format_value(values, 0, true, &out);
    if (res == SEISMIC_OK) { /* the values, rebased onto a copy of the data, outlive this step */
        seismic_abi_value *kept = (seismic_abi_value *)_seismic_views_alloc(r, count * sizeof *kept + data_len);
        if (!kept) res = SEISMIC_ERR_NO_MEMORY;
        else {
            uint8_t *copy = (uint8_t *)(kept + count);
            memcpy(copy, data, data_len);
            for (size_t i = 0; i < count; i++) {
                kept[i] = values[i];
                if (kept[i].data) kept[i].data = copy + (kept[i].data - data);
            }
            r->abi_values = kept;
            r->abi_count = count;
        }
    }
    if (res == SEISMIC_OK) {
        _seismic_action_done(c, r, (const char *)out.data, out.len);
    } else {
        char message[220];
        snprintf(message, sizeof message, "decoding the result: %s", err.message[0] ? err.message : seismic_result_string(res));
        _seismic_finish(c, r, res, message);
    }
    _seismic_free(&c->desc.allocator, values);
    seismic_buf_free(&out);
}

/* Runs a function whose calldata is encoded (and wipes it: it may hold shielded arguments). */
static seismic_request _seismic_contract_run(seismic_client *c, seismic_wallet *wallet, const seismic_address *contract,
                                             seismic_contract_mode mode, const char *signature, seismic_buf *calldata_buf,
                                             const seismic_tx_options *tx, const seismic_request_options *opts) {
    seismic_request none = {0};
    seismic_buf calldata = *calldata_buf;
    bool shielded = seismic_abi_has_shielded_inputs(signature);
    if (mode == SEISMIC_READ) mode = shielded ? SEISMIC_SIGNED_READ : SEISMIC_TRANSPARENT_READ;
    if (mode == SEISMIC_WRITE) mode = shielded ? SEISMIC_SHIELDED_WRITE : SEISMIC_TRANSPARENT_WRITE;
    seismic_request result = none;
    seismic_buf output_types = {NULL, 0, 0, false, c->desc.allocator, false};
    if ((unsigned)mode > (unsigned)SEISMIC_DEBUG_WRITE) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "contract call: mode is not a seismic_contract_mode");
    } else if (mode != SEISMIC_TRANSPARENT_READ && !wallet) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "contract call: this mode needs a wallet");
    } else if (mode == SEISMIC_SHIELDED_WRITE) {
        result = seismic_shielded_write(wallet, contract, calldata.data, calldata.len, tx, opts);
    } else if (mode == SEISMIC_DEBUG_WRITE) {
        result = seismic_debug_write(wallet, contract, calldata.data, calldata.len, tx, opts);
    } else if (mode == SEISMIC_TRANSPARENT_WRITE) {
        result = seismic_transparent_write(wallet, contract, calldata.data, calldata.len, tx, opts);
    } else if (!strstr(signature, "returns") || !seismic_abi_output_types(signature, &output_types, &c->last_error)) {
        /* reads: a parent that decodes what its call returns */
        _seismic_req *r = _seismic_action_begin(c, opts, sizeof(_seismic_contract_read), _seismic_contract_read_free, wallet);
        if (r) {
            _seismic_contract_read *cr = (_seismic_contract_read *)r->action;
            seismic_request_options step;
            cr->output_types = output_types;
            output_types.data = NULL;
            memset(&step, 0, sizeof step);
            step.callback = _seismic_contract_decoded;
            step.user_data = (void *)(uintptr_t)r->id;
            step.timeout_ms = _seismic_ms_left(c, r->deadline);
            seismic_request child = mode == SEISMIC_SIGNED_READ
                                        ? seismic_signed_read(wallet, contract, calldata.data, calldata.len, tx, &step)
                                        : seismic_eth_call(c, contract, calldata.data, calldata.len, NULL, &step);
            if (child.id) result.id = r->id;
            else _seismic_action_abort(c, r); /* the child's submission failed: so does ours, at once */
        }
    }
    seismic_buf_free(&output_types);
    seismic_buf_wipe(&calldata);
    return result;
}

SEISMIC_API seismic_request seismic_contract_call_text(seismic_client *client, seismic_wallet *wallet,
                                                       const seismic_address *contract, seismic_contract_mode mode,
                                                       const char *signature, const char *const *args, size_t nargs,
                                                       const seismic_tx_options *tx, const seismic_request_options *opts) {
    seismic_client *c = wallet ? wallet->own.client : client;
    seismic_request none = {0};
    if (!c) return none; /* the wallet's client was destroyed */
    seismic_buf calldata = {NULL, 0, 0, false, c->desc.allocator, true};
    if (seismic_abi_encode_call_text(signature, args, nargs, &calldata, &c->last_error) != SEISMIC_OK) {
        seismic_buf_wipe(&calldata);
        return none;
    }
    return _seismic_contract_run(c, wallet, contract, mode, signature, &calldata, tx, opts);
}

static seismic_request _seismic_contract_typed(seismic_client *c, seismic_wallet *wallet, const seismic_address *contract,
                                               seismic_contract_mode mode, const char *signature,
                                               const seismic_abi_args *args, const seismic_tx_options *tx,
                                               const seismic_request_options *opts) {
    seismic_request none = {0};
    if (!c) return none; /* the wallet's client was destroyed */
    seismic_buf calldata = {NULL, 0, 0, false, c->desc.allocator, true};
    if (seismic_abi_encode_call(signature, args, &calldata, &c->last_error) != SEISMIC_OK) {
        seismic_buf_wipe(&calldata);
        return none;
    }
    return _seismic_contract_run(c, wallet, contract, mode, signature, &calldata, tx, opts);
}

SEISMIC_API seismic_request seismic_contract_call(seismic_wallet *wallet, const seismic_address *contract,
                                                  seismic_contract_mode mode, const char *signature,
                                                  const seismic_abi_args *args, const seismic_tx_options *tx,
                                                  const seismic_request_options *opts) {
    return _seismic_contract_typed(wallet->own.client, wallet, contract, mode, signature, args, tx, opts);
}

SEISMIC_API seismic_request seismic_contract_read(seismic_client *client, const seismic_address *contract,
                                                  const char *signature, const seismic_abi_args *args,
                                                  const seismic_request_options *opts) {
    return _seismic_contract_typed(client, NULL, contract, SEISMIC_TRANSPARENT_READ, signature, args, NULL, opts);
}

/* Appends the canonical type of one ABI JSON parameter: tuples spelled out from their components. */
static seismic_result _seismic_abi_json_type(const seismic_json *j, int param, seismic_buf *out, int depth,
                                             seismic_error *err) {
    char type[128];
    size_t len = 0;
    if (depth > SEISMIC_ABI_MAX_DEPTH) return _seismic_fail(err, SEISMIC_ERR_TOO_DEEP, "abi json: tuples nested too deep");
    if (seismic_json_get_string(j, seismic_json_find(j, param, "type"), type, sizeof type, &len))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "abi json: a parameter without a type");
    if (strncmp(type, "tuple", 5) != 0) {
        seismic_buf_append(out, type, len);
        return SEISMIC_OK;
    }
    int components = seismic_json_find(j, param, "components");
    seismic_buf_append_byte(out, '(');
    for (int k = seismic_json_first_child(j, components), n = 0; k >= 0; k = seismic_json_next_sibling(j, components, k), n++) {
        if (n) seismic_buf_append_byte(out, ',');
        seismic_result r = _seismic_abi_json_type(j, k, out, depth + 1, err);
        if (r) return r;
    }
    seismic_buf_append_byte(out, ')');
    seismic_buf_append(out, type + 5, len - 5); /* the array suffix of "tuple[]" */
    return SEISMIC_OK;
}

static seismic_result _seismic_abi_json_params(const seismic_json *j, int list, seismic_buf *out, seismic_error *err) {
    seismic_buf_append_byte(out, '(');
    for (int k = seismic_json_first_child(j, list), n = 0; k >= 0; k = seismic_json_next_sibling(j, list, k), n++) {
        if (n) seismic_buf_append_byte(out, ',');
        seismic_result r = _seismic_abi_json_type(j, k, out, 0, err);
        if (r) return r;
    }
    seismic_buf_append_byte(out, ')');
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_abi_json_signature(const char *abi_json, size_t len, const char *function,
                                                      int nargs, seismic_buf *signature, seismic_error *err) {
    seismic_json j;
    size_t cap = len / 4 + 16;
    seismic_json_token *tokens = (seismic_json_token *)_seismic_alloc(_seismic_buf_allocator(signature), cap * sizeof *tokens);
    seismic_result r = tokens ? seismic_json_parse(&j, abi_json, len, tokens, cap, err) : SEISMIC_ERR_NO_MEMORY;
    if (r == SEISMIC_OK) {
        int list = seismic_json_is(&j, 0, SEISMIC_JSON_OBJECT) ? seismic_json_find(&j, 0, "abi") : 0;
        int found = -1;
        for (int k = seismic_json_first_child(&j, list); k >= 0 && found < 0; k = seismic_json_next_sibling(&j, list, k)) {
            int inputs = seismic_json_find(&j, k, "inputs");
            if (seismic_json_string_equals(&j, seismic_json_find(&j, k, "type"), "function") &&
                seismic_json_string_equals(&j, seismic_json_find(&j, k, "name"), function) &&
                (nargs < 0 || seismic_json_size(&j, inputs) == (size_t)nargs))
                found = k;
        }
        if (found < 0) {
            r = _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "abi json: no function %s with %d inputs", function, nargs);
        } else {
            seismic_buf_append_str(signature, function);
            r = _seismic_abi_json_params(&j, seismic_json_find(&j, found, "inputs"), signature, err);
            int outputs = seismic_json_find(&j, found, "outputs");
            if (r == SEISMIC_OK && seismic_json_size(&j, outputs) > 0) {
                seismic_buf_append_str(signature, " returns ");
                r = _seismic_abi_json_params(&j, outputs, signature, err);
            }
            if (r == SEISMIC_OK && signature->failed) r = SEISMIC_ERR_NO_MEMORY;
        }
    }
    _seismic_free(_seismic_buf_allocator(signature), tokens);
    return r;
}

/* --- SRC20 and the Directory --- */

static seismic_request _seismic_token_call(seismic_wallet *w, const seismic_address *token, seismic_contract_mode mode,
                                           const char *signature, const seismic_address *who, const seismic_u256 *amount,
                                           const seismic_request_options *opts) {
    seismic_abi_args args;
    memset(&args, 0, sizeof args);
    args.allocator = w->own.allocator;
    if (who) seismic_abi_arg_address(&args, who);
    if (amount) seismic_abi_arg_u256(&args, amount);
    seismic_request r = seismic_contract_call(w, token, mode, signature, &args, NULL, opts);
    seismic_abi_args_free(&args);
    return r;
}

SEISMIC_API seismic_request seismic_src20_transfer(seismic_wallet *w, const seismic_address *token,
                                                   const seismic_address *to, const seismic_u256 *amount,
                                                   const seismic_request_options *opts) {
    return _seismic_token_call(w, token, SEISMIC_SHIELDED_WRITE, "transfer(address,suint256)", to, amount, opts);
}

SEISMIC_API seismic_request seismic_src20_approve(seismic_wallet *w, const seismic_address *token,
                                                  const seismic_address *spender, const seismic_u256 *amount,
                                                  const seismic_request_options *opts) {
    return _seismic_token_call(w, token, SEISMIC_SHIELDED_WRITE, "approve(address,suint256)", spender, amount, opts);
}

SEISMIC_API seismic_request seismic_src20_balance(seismic_wallet *w, const seismic_address *token,
                                                  const seismic_request_options *opts) {
    return _seismic_token_call(w, token, SEISMIC_SIGNED_READ, "balance() returns (uint256)", NULL, NULL, opts);
}

static const seismic_address _seismic_directory = SEISMIC_DIRECTORY_ADDRESS;

SEISMIC_API seismic_request seismic_directory_register_key(seismic_wallet *w, const uint8_t key[32],
                                                           const seismic_request_options *opts) {
    seismic_u256 value;
    seismic_u256_from_be(key, 32, &value);
    return _seismic_token_call(w, &_seismic_directory, SEISMIC_SHIELDED_WRITE, "setKey(suint256)", NULL, &value, opts);
}

SEISMIC_API seismic_request seismic_directory_get_key(seismic_wallet *w, const seismic_request_options *opts) {
    return _seismic_token_call(w, &_seismic_directory, SEISMIC_SIGNED_READ, "getKey() returns (uint256)", NULL, NULL, opts);
}

static seismic_request _seismic_directory_lookup(seismic_client *c, const char *signature, const seismic_address *account,
                                                 const seismic_request_options *opts) {
    seismic_abi_args args;
    memset(&args, 0, sizeof args);
    args.allocator = c->desc.allocator;
    seismic_abi_arg_address(&args, account);
    seismic_request r = seismic_contract_read(c, &_seismic_directory, signature, &args, opts);
    seismic_abi_args_free(&args);
    return r;
}

SEISMIC_API seismic_request seismic_directory_check_has_key(seismic_client *c, const seismic_address *account,
                                                            const seismic_request_options *opts) {
    return _seismic_directory_lookup(c, "checkHasKey(address) returns (bool)", account, opts);
}

SEISMIC_API seismic_request seismic_directory_key_hash(seismic_client *c, const seismic_address *account,
                                                       const seismic_request_options *opts) {
    return _seismic_directory_lookup(c, "keyHash(address) returns (bytes32)", account, opts);
}

/* --- watching logs exactly once: backfill, reconnects, reorgs, confirmations --- */

typedef struct _seismic_kept_log { /* a delivered log inside the reorg window, kept to undo it */
    uint64_t block, index;
    uint8_t hash[32];
    char *json;
    size_t len;
} _seismic_kept_log;

typedef struct _seismic_known_block {
    uint64_t number;
    uint8_t hash[32];
    uint32_t request; /* checks: the eth_getBlockByNumber in flight */
    bool missing;     /* checks: the node has no such block (any more) */
} _seismic_known_block;

typedef struct _seismic_queued_log { /* a notification that came while catching up */
    char *json;
    size_t len;
} _seismic_queued_log;

enum { _SEISMIC_LW_IDLE, _SEISMIC_LW_RESOLVE, _SEISMIC_LW_VERIFY, _SEISMIC_LW_HEAD, _SEISMIC_LW_LOGS, _SEISMIC_LW_CHECK };

#define _SEISMIC_LW_MAX_CHECKED 128u /* blocks per range with confirmations: each one's hash is checked */
#define _SEISMIC_LW_MAX_QUEUED 20000u /* notifications held while catching up; past it they are fetched again */

struct seismic_log_watcher {
    _seismic_owned own;          /* its client; orphaned (NULL) when the client is destroyed first */
    seismic_allocator allocator;
    seismic_log_watch_desc desc;
    seismic_buf filter;          /* the filter's "address"/"topics" members, without braces */
    seismic_buf event;           /* the event signature (NUL-terminated), empty without one */
    seismic_buf names;           /* its parameter names, each NUL-terminated */
    const char **name_list;
    size_t name_count;
    bool websocket;
    bool live_mode;              /* WebSocket without confirmations: logs come from the subscription */
    seismic_subscription logs_sub, heads_sub;
    int phase;                   /* the step in flight */
    bool again;                  /* a round was asked for while one ran */
    bool live;                   /* caught up: notifications are delivered as they come */
    bool resolved;               /* from_block is a number */
    uint64_t next;               /* every block below it is delivered */
    bool has_last;
    uint64_t last_block;         /* position of the last delivered log (last_index -1: before the block) */
    int64_t last_index;
    uint64_t tip;                /* highest block seen */
    uint64_t target, to;         /* the round's last block; the last block of the range in flight */
    uint32_t span;               /* blocks per eth_getLogs now */
    char *chunk;                 /* the eth_getLogs result waiting for its block checks */
    size_t chunk_len;
    _seismic_known_block *checks;
    size_t check_count, check_cap, checks_pending;
    bool check_failed;
    _seismic_kept_log *kept;     /* sorted by position */
    size_t kept_count, kept_cap;
    _seismic_known_block *known; /* block hashes seen, sorted by number */
    size_t known_count, known_cap;
    _seismic_queued_log *queue;
    size_t queue_count, queue_cap;
    seismic_json_token *tokens, *undo_tokens;
    size_t token_cap, undo_token_cap;
    seismic_buf data;            /* the log being delivered: its data bytes */
    seismic_abi_value *values;
    size_t value_cap;
    seismic_error decode_err;
    uint32_t busy;               /* callbacks of ours on the stack */
    bool stopped;                /* stop was called inside one of them: the outermost frees */
    bool orphaned;               /* the client was destroyed: stop only frees */
};

static void _seismic_lw_free(seismic_log_watcher *w) {
    seismic_allocator a = w->allocator;
    _seismic_disown(&w->own);
    for (size_t i = 0; i < w->kept_count; i++) _seismic_free(&a, w->kept[i].json);
    for (size_t i = 0; i < w->queue_count; i++) _seismic_free(&a, w->queue[i].json);
    _seismic_free(&a, w->kept);
    _seismic_free(&a, w->known);
    _seismic_free(&a, w->queue);
    _seismic_free(&a, w->checks);
    _seismic_free(&a, w->chunk);
    _seismic_free(&a, w->tokens);
    _seismic_free(&a, w->undo_tokens);
    _seismic_free(&a, w->values);
    _seismic_free(&a, (void *)w->name_list);
    seismic_buf_free(&w->filter);
    seismic_buf_free(&w->event);
    seismic_buf_free(&w->names);
    seismic_buf_free(&w->data);
    _seismic_free(&a, w);
}

static void _seismic_lw_enter(seismic_log_watcher *w) { w->busy++; }

static void _seismic_lw_leave(seismic_log_watcher *w) {
    if (--w->busy == 0 && w->stopped) _seismic_lw_free(w);
}

static void _seismic_lw_error(seismic_log_watcher *w, seismic_result r, const char *fmt, ...) {
    char message[300];
    va_list ap;
    if (!w->desc.on_error || w->stopped) return;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    w->desc.on_error(r, message, w->desc.user_data);
}

/* Grows an array of n elements of size to hold one more; false when out of memory. */
static bool _seismic_lw_grow(seismic_log_watcher *w, void **array, size_t *cap, size_t n, size_t size) {
    if (n < *cap) return true;
    size_t grown = *cap ? *cap * 2 : 16;
    void *p = _seismic_alloc(&w->allocator, grown * size);
    if (!p) return false;
    if (n) memcpy(p, *array, n * size);
    _seismic_free(&w->allocator, *array);
    *array = p;
    *cap = grown;
    return true;
}

static char *_seismic_lw_copy(seismic_log_watcher *w, const char *text, size_t len) {
    char *copy = (char *)_seismic_alloc(&w->allocator, len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = 0;
    }
    return copy;
}

/* --- the window of block hashes and delivered logs --- */

static _seismic_known_block *_seismic_lw_known(seismic_log_watcher *w, uint64_t number) {
    size_t lo = 0, hi = w->known_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->known[mid].number < number) lo = mid + 1;
        else hi = mid;
    }
    return lo < w->known_count && w->known[lo].number == number ? &w->known[lo] : NULL;
}

static void _seismic_lw_remember(seismic_log_watcher *w, uint64_t number, const uint8_t hash[32]) {
    _seismic_known_block *k = _seismic_lw_known(w, number);
    if (k) {
        memcpy(k->hash, hash, 32);
        return;
    }
    if (!_seismic_lw_grow(w, (void **)&w->known, &w->known_cap, w->known_count, sizeof *w->known)) return;
    size_t at = w->known_count;
    while (at > 0 && w->known[at - 1].number > number) at--;
    memmove(&w->known[at + 1], &w->known[at], (w->known_count - at) * sizeof *w->known);
    memset(&w->known[at], 0, sizeof *w->known);
    w->known[at].number = number;
    memcpy(w->known[at].hash, hash, 32);
    w->known_count++;
}

/* Forgets what is older than the reorg window below the highest block seen. */
static void _seismic_lw_prune(seismic_log_watcher *w) {
    uint64_t floor = w->tip > w->desc.reorg_depth ? w->tip - w->desc.reorg_depth : 0;
    size_t n = 0;
    while (n < w->kept_count && w->kept[n].block < floor) n++;
    if (n > 0 && (n >= 256 || 2 * n >= w->kept_count)) { /* in batches: the move is linear */
        for (size_t i = 0; i < n; i++) _seismic_free(&w->allocator, w->kept[i].json);
        memmove(w->kept, w->kept + n, (w->kept_count - n) * sizeof *w->kept);
        w->kept_count -= n;
    }
    n = 0;
    while (n < w->known_count && w->known[n].number < floor) n++;
    if (n > 0 && (n >= 256 || 2 * n >= w->known_count)) {
        memmove(w->known, w->known + n, (w->known_count - n) * sizeof *w->known);
        w->known_count -= n;
    }
}

static void _seismic_lw_saw_block(seismic_log_watcher *w, uint64_t number) {
    if (number > w->tip) {
        w->tip = number;
        _seismic_lw_prune(w);
    }
}

/* --- one log: read, decode, deliver --- */

/* The fields that place a log. */
static seismic_result _seismic_lw_position(const seismic_json *j, int log, uint64_t *block, uint64_t *index,
                                           uint8_t hash[32], bool *removed) {
    *removed = false;
    if (!seismic_json_is(j, log, SEISMIC_JSON_OBJECT)) return SEISMIC_ERR_PARSE;
    if (seismic_json_get_u64(j, seismic_json_find(j, log, "blockNumber"), block) ||
        seismic_json_get_u64(j, seismic_json_find(j, log, "logIndex"), index) ||
        seismic_json_get_bytes(j, seismic_json_find(j, log, "blockHash"), hash, 32, NULL))
        return SEISMIC_ERR_PARSE;
    int r = seismic_json_find(j, log, "removed");
    if (r >= 0 && seismic_json_get_bool(j, r, removed)) return SEISMIC_ERR_PARSE;
    return SEISMIC_OK;
}

/* Fills a seismic_log (views into the watcher's buffers) and hands it to the callback. */
static void _seismic_lw_deliver(seismic_log_watcher *w, const seismic_json *j, int obj, bool removed) {
    seismic_log log;
    seismic_event_args args;
    memset(&log, 0, sizeof log);
    memset(&args, 0, sizeof args);
    int topics = seismic_json_find(j, obj, "topics");
    size_t topic_count = seismic_json_size(j, topics);
    bool ok = _seismic_lw_position(j, obj, &log.block_number, &log.log_index, log.block_hash, &log.removed) == SEISMIC_OK;
    ok = ok && seismic_json_is(j, topics, SEISMIC_JSON_ARRAY) && topic_count <= 4;
    ok = ok && seismic_json_get_bytes(j, seismic_json_find(j, obj, "address"), log.address.bytes, 20, NULL) == SEISMIC_OK;
    ok = ok && seismic_json_get_bytes(j, seismic_json_find(j, obj, "transactionHash"), log.transaction_hash, 32, NULL) == SEISMIC_OK;
    ok = ok && seismic_json_get_u64(j, seismic_json_find(j, obj, "transactionIndex"), &log.transaction_index) == SEISMIC_OK;
    for (size_t t = 0; ok && t < topic_count; t++)
        ok = seismic_json_get_bytes(j, seismic_json_array_get(j, topics, t), log.topics[t], 32, NULL) == SEISMIC_OK;
    w->data.len = 0;
    ok = ok && seismic_json_get_bytes_buf(j, seismic_json_find(j, obj, "data"), &w->data) == SEISMIC_OK;
    if (!ok) {
        _seismic_lw_error(w, SEISMIC_ERR_PARSE, "log watch: the node sent a malformed log (block %llu, index %llu)",
                          (unsigned long long)log.block_number, (unsigned long long)log.log_index);
        return;
    }
    log.topic_count = (uint32_t)topic_count;
    log.data = w->data.data;
    log.data_len = w->data.len;
    log.removed = removed;
    if (w->event.len) {
        size_t count = 0;
        seismic_result r;
        for (;;) {
            r = seismic_abi_decode_event((const char *)w->event.data, (const uint8_t(*)[32])log.topics, topic_count,
                                         log.data, log.data_len, w->values, w->value_cap, &count, &w->decode_err);
            if (r != SEISMIC_ERR_CAPACITY || count <= w->value_cap) break;
            _seismic_free(&w->allocator, w->values);
            w->values = (seismic_abi_value *)_seismic_alloc(&w->allocator, count * sizeof *w->values);
            w->value_cap = w->values ? count : 0;
            if (!w->values) {
                r = _seismic_fail(&w->decode_err, SEISMIC_ERR_NO_MEMORY, "log watch: out of memory");
                break;
            }
        }
        if (r == SEISMIC_OK) {
            args.values = w->values;
            args.value_count = count;
        } else {
            args.error = w->decode_err.message;
        }
        args.names = w->name_list;
        args.name_count = w->name_count;
    }
    const seismic_event_args *decoded = w->event.len ? &args : NULL;
    if (removed) {
        if (w->desc.on_removed) w->desc.on_removed(&log, decoded, w->desc.user_data);
    } else {
        w->desc.on_log(&log, decoded, w->desc.user_data);
    }
}

/* Undoes every delivered log of block `from` and later (newest first), as after a reorg there. */
static void _seismic_lw_undo_from(seismic_log_watcher *w, uint64_t from) {
    while (w->kept_count > 0 && w->kept[w->kept_count - 1].block >= from && !w->stopped) {
        _seismic_kept_log k = w->kept[--w->kept_count];
        seismic_json j;
        seismic_error err = {"", SEISMIC_OK};
        if (_seismic_parse_owned(w->own.client, k.json, k.len, &j, &w->undo_tokens, &w->undo_token_cap, &err) == SEISMIC_OK)
            _seismic_lw_deliver(w, &j, 0, true);
        _seismic_free(&w->allocator, k.json);
    }
    while (w->known_count > 0 && w->known[w->known_count - 1].number >= from) w->known_count--;
    if (w->next > from) w->next = from;
    if (w->tip >= from) w->tip = from ? from - 1 : 0; /* the chain is shorter now, until heads say otherwise */
    if (w->has_last && w->last_block >= from) {
        w->last_block = from;
        w->last_index = -1;
    }
}

static bool _seismic_lw_after_last(const seismic_log_watcher *w, uint64_t block, uint64_t index) {
    return !w->has_last || block > w->last_block || (block == w->last_block && (int64_t)index > w->last_index);
}

/* Every log the watcher receives, from a backfill or a notification, comes here: it is delivered if it
   is new, dropped if it was delivered, and a log that contradicts what was delivered undoes that first. */
static void _seismic_lw_accept(seismic_log_watcher *w, const seismic_json *j, int obj) {
    uint64_t block, index;
    uint8_t hash[32];
    bool removed;
    if (_seismic_lw_position(j, obj, &block, &index, hash, &removed)) {
        _seismic_lw_error(w, SEISMIC_ERR_PARSE, "log watch: a log without blockNumber, blockHash or logIndex");
        return;
    }
    size_t k = w->kept_count;
    while (k > 0 && w->kept[k - 1].block > block) k--;
    size_t same_block = k; /* kept[same_block..k) are this block's logs */
    while (same_block > 0 && w->kept[same_block - 1].block == block) same_block--;
    size_t found = k;
    for (size_t i = same_block; i < k; i++)
        if (w->kept[i].index == index) found = i;
    if (removed) { /* the node says the log left the chain: undo it if it was delivered */
        if (found == k || memcmp(w->kept[found].hash, hash, 32) != 0) return;
        _seismic_free(&w->allocator, w->kept[found].json);
        memmove(&w->kept[found], &w->kept[found + 1], (w->kept_count - found - 1) * sizeof *w->kept);
        w->kept_count--;
        if (w->has_last && w->last_block == block && w->last_index >= (int64_t)index) w->last_index = (int64_t)index - 1;
        _seismic_lw_deliver(w, j, obj, true);
        return;
    }
    _seismic_lw_saw_block(w, block);
    if (!_seismic_lw_after_last(w, block, index)) {
        bool other_hash = false;
        for (size_t i = same_block; i < k; i++) other_hash = other_hash || memcmp(w->kept[i].hash, hash, 32) != 0;
        if (!other_hash && found != k) return;                            /* delivered already */
        if (!other_hash && block + w->desc.reorg_depth < w->tip) return; /* older than the window: delivered */
        /* a log at or below the last position that was not delivered: the chain changed at its block */
        _seismic_lw_undo_from(w, block);
        if (w->stopped) return;
    }
    _seismic_kept_log kept;
    memset(&kept, 0, sizeof kept);
    size_t len = 0;
    const char *raw = seismic_json_raw(j, obj, &len);
    kept.block = block;
    kept.index = index;
    memcpy(kept.hash, hash, 32);
    kept.json = raw ? _seismic_lw_copy(w, raw, len) : NULL;
    kept.len = len;
    if (!kept.json || !_seismic_lw_grow(w, (void **)&w->kept, &w->kept_cap, w->kept_count, sizeof *w->kept)) {
        _seismic_free(&w->allocator, kept.json); /* it is still delivered; it could not be undone */
        _seismic_lw_error(w, SEISMIC_ERR_NO_MEMORY, "log watch: out of memory keeping a log for reorgs");
    } else {
        w->kept[w->kept_count++] = kept;
    }
    w->has_last = true;
    w->last_block = block;
    w->last_index = (int64_t)index;
    _seismic_lw_remember(w, block, hash);
    _seismic_lw_deliver(w, j, obj, false);
}

/* --- the rounds: [resolve from_block] -> verify the newest known block -> head -> ranges of logs --- */

static void _seismic_lw_ignore(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(req);
    _SEISMIC_UNUSED(resp);
    _SEISMIC_UNUSED(user);
}

/* Submits one step of the watcher; its request is marked as the watcher's, to be dropped by stop. */
static bool _seismic_lw_call(seismic_log_watcher *w, const char *method, seismic_buf *params, seismic_callback step,
                             uint32_t delay_ms, seismic_request *out) {
    seismic_client *c = w->own.client;
    seismic_request_options o;
    memset(&o, 0, sizeof o);
    o.callback = step;
    o.user_data = w;
    o.timeout_ms = (uint64_t)delay_ms + c->desc.timeout_ms > UINT32_MAX ? UINT32_MAX : delay_ms + c->desc.timeout_ms;
    seismic_request r = {0};
    if (params->failed) _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "%s: out of memory", method);
    else r = seismic_rpc(c, method, seismic_buf_cstr(params), &o);
    seismic_buf_free(params);
    if (out) *out = r;
    if (!r.id) { /* nothing will call back: the watcher stands still (and says so) until a new head or reconnect */
        w->live = false;
        _seismic_lw_error(w, c->last_error.result, "log watch: %s: %s", method, c->last_error.message);
        return false;
    }
    _seismic_req *slot = &c->reqs[r.id & 0xffffu];
    slot->owner = w;
    if (delay_ms) slot->not_before = _seismic_now_ms(c) + delay_ms;
    return true;
}

static void _seismic_lw_round(seismic_log_watcher *w, uint32_t delay_ms);
static void _seismic_lw_verify(seismic_log_watcher *w, uint32_t delay_ms);
static void _seismic_lw_head(seismic_log_watcher *w, uint32_t delay_ms);
static void _seismic_lw_range(seismic_log_watcher *w);

/* A step failed: report it, and start the round again after the poll interval. */
static void _seismic_lw_retry(seismic_log_watcher *w, seismic_result r, const char *what, const char *message) {
    w->phase = _SEISMIC_LW_IDLE;
    _seismic_lw_error(w, r, "log watch: %s: %s", what, message);
    if (!w->stopped) _seismic_lw_round(w, w->desc.poll_interval_ms);
}

/* The start of a step's callback: false when it must not go on (stopped, shutting down, failed). */
static bool _seismic_lw_step(seismic_log_watcher *w, const seismic_response *resp, const char *what) {
    if (resp->result == SEISMIC_ERR_SHUTDOWN || resp->result == SEISMIC_ERR_CANCELED) {
        w->phase = _SEISMIC_LW_IDLE;
        w->orphaned = w->orphaned || resp->result == SEISMIC_ERR_SHUTDOWN;
        return false;
    }
    if (resp->result != SEISMIC_OK) {
        _seismic_lw_retry(w, resp->result, what, resp->error_message);
        return false;
    }
    return true;
}

static void _seismic_lw_finish_round(seismic_log_watcher *w) {
    w->phase = _SEISMIC_LW_IDLE;
    if (w->again) {
        _seismic_lw_round(w, 0);
        return;
    }
    if (w->live_mode) { /* caught up: what the subscription brought meanwhile, then live */
        size_t i = 0;
        for (; i < w->queue_count && !w->stopped; i++) {
            seismic_json j;
            seismic_error err = {"", SEISMIC_OK};
            if (_seismic_parse_owned(w->own.client, w->queue[i].json, w->queue[i].len, &j, &w->tokens, &w->token_cap, &err) ==
                SEISMIC_OK)
                _seismic_lw_accept(w, &j, 0);
            _seismic_free(&w->allocator, w->queue[i].json);
        }
        if (w->stopped) {
            for (; i < w->queue_count; i++) _seismic_free(&w->allocator, w->queue[i].json);
            w->queue_count = 0;
            return;
        }
        w->queue_count = 0;
        w->live = seismic_subscription_active(w->own.client, w->logs_sub);
    } else if (!w->websocket) {
        w->live = true;
        _seismic_lw_round(w, w->desc.poll_interval_ms);
    } else {
        w->live = true; /* WebSocket with confirmations: the next head starts the next round */
    }
}

static void _seismic_lw_on_resolve(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    uint64_t number;
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(req);
    _seismic_lw_enter(w);
    if (_seismic_lw_step(w, resp, "from_block")) {
        const seismic_json *j = &resp->json;
        if (seismic_json_get_u64(j, seismic_json_find(j, resp->result_index, "number"), &number)) {
            _seismic_lw_retry(w, SEISMIC_ERR_PARSE, "from_block", "the node has no such block");
        } else {
            w->next = number;
            w->resolved = true;
            _seismic_lw_verify(w, 0);
        }
    }
    _seismic_lw_leave(w);
}

static void _seismic_lw_round(seismic_log_watcher *w, uint32_t delay_ms) {
    if (w->phase != _SEISMIC_LW_IDLE) {
        w->again = true;
        return;
    }
    w->again = false;
    if (w->resolved) {
        _seismic_lw_verify(w, delay_ms);
        return;
    }
    const seismic_block_ref *ref = &w->desc.filter.from_block;
    if (ref->kind == SEISMIC_BLOCK_NUMBER || ref->kind == SEISMIC_BLOCK_EARLIEST) {
        w->next = ref->kind == SEISMIC_BLOCK_NUMBER ? ref->number : 0;
        w->resolved = true;
        _seismic_lw_verify(w, delay_ms);
        return;
    }
    seismic_buf params = {NULL, 0, 0, false, w->allocator, false};
    seismic_json_writer jw;
    seismic_json_writer_init(&jw, &params);
    seismic_json_writer_array_begin(&jw);
    _seismic_write_block(&jw, ref, true);
    seismic_json_writer_bool(&jw, false);
    seismic_json_writer_array_end(&jw);
    w->phase = _SEISMIC_LW_RESOLVE;
    if (!_seismic_lw_call(w, _seismic_block_is_hash(ref) ? "eth_getBlockByHash" : "eth_getBlockByNumber", &params,
                          _seismic_lw_on_resolve, delay_ms, NULL))
        w->phase = _SEISMIC_LW_IDLE;
}

static void _seismic_lw_block_params(seismic_log_watcher *w, seismic_buf *params, uint64_t number) {
    seismic_json_writer jw;
    params->allocator = w->allocator;
    seismic_json_writer_init(&jw, params);
    seismic_json_writer_array_begin(&jw);
    seismic_json_writer_quantity_u64(&jw, number);
    seismic_json_writer_bool(&jw, false);
    seismic_json_writer_array_end(&jw);
}

/* A block object's hash; false for null (no such block). */
static bool _seismic_lw_block_hash(const seismic_response *resp, uint8_t hash[32]) {
    const seismic_json *j = &resp->json;
    return seismic_json_get_bytes(j, seismic_json_find(j, resp->result_index, "hash"), hash, 32, NULL) == SEISMIC_OK;
}

static void _seismic_lw_on_verify(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    uint8_t hash[32];
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(req);
    _seismic_lw_enter(w);
    if (_seismic_lw_step(w, resp, "checking the last block")) {
        if (w->known_count == 0) {
            _seismic_lw_head(w, 0);
        } else {
            _seismic_known_block *newest = &w->known[w->known_count - 1];
            if (_seismic_lw_block_hash(resp, hash) && memcmp(hash, newest->hash, 32) == 0) {
                _seismic_lw_head(w, 0);
            } else { /* that block is gone: undo it and look one further back */
                _seismic_lw_undo_from(w, newest->number);
                if (!w->stopped) _seismic_lw_verify(w, 0);
            }
        }
    }
    _seismic_lw_leave(w);
}

static void _seismic_lw_verify(seismic_log_watcher *w, uint32_t delay_ms) {
    if (w->known_count == 0) { /* nothing delivered that a reorg could undo */
        _seismic_lw_head(w, delay_ms);
        return;
    }
    seismic_buf params = {NULL, 0, 0, false, w->allocator, false};
    _seismic_lw_block_params(w, &params, w->known[w->known_count - 1].number);
    w->phase = _SEISMIC_LW_VERIFY;
    if (!_seismic_lw_call(w, "eth_getBlockByNumber", &params, _seismic_lw_on_verify, delay_ms, NULL))
        w->phase = _SEISMIC_LW_IDLE;
}

static void _seismic_lw_on_head(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    uint64_t head;
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(req);
    _seismic_lw_enter(w);
    if (_seismic_lw_step(w, resp, "eth_blockNumber")) {
        if (seismic_response_u64(resp, &head)) {
            _seismic_lw_retry(w, SEISMIC_ERR_PARSE, "eth_blockNumber", "the result is not a quantity");
        } else {
            _seismic_lw_saw_block(w, head);
            uint64_t from = w->next;
            if (w->live_mode && w->has_last && w->last_block > from) from = w->last_block;
            if (head < w->desc.confirmations || head - w->desc.confirmations < from) {
                _seismic_lw_finish_round(w);
            } else {
                w->target = head - w->desc.confirmations;
                w->next = from;
                _seismic_lw_range(w);
            }
        }
    }
    _seismic_lw_leave(w);
}

static void _seismic_lw_head(seismic_log_watcher *w, uint32_t delay_ms) {
    seismic_buf params = {NULL, 0, 0, false, w->allocator, false};
    seismic_buf_append_str(&params, "[]");
    w->phase = _SEISMIC_LW_HEAD;
    if (!_seismic_lw_call(w, "eth_blockNumber", &params, _seismic_lw_on_head, delay_ms, NULL)) w->phase = _SEISMIC_LW_IDLE;
}

/* Orders a range's logs by (block, index): nodes return them so, but the watcher does not rely on it. */
typedef struct _seismic_lw_sorted {
    uint64_t block, index;
    int token;
} _seismic_lw_sorted;

static int _seismic_lw_compare(const void *a, const void *b) {
    const _seismic_lw_sorted *x = (const _seismic_lw_sorted *)a, *y = (const _seismic_lw_sorted *)b;
    if (x->block != y->block) return x->block < y->block ? -1 : 1;
    if (x->index != y->index) return x->index < y->index ? -1 : 1;
    return 0;
}

/* All checks of a range are back: deliver it if every block hash still holds, else start over. */
static void _seismic_lw_checked(seismic_log_watcher *w) {
    seismic_json j;
    seismic_error err = {"", SEISMIC_OK};
    if (w->check_failed) {
        w->check_failed = false;
        _seismic_lw_retry(w, SEISMIC_ERR_TRANSPORT, "eth_getBlockByNumber", "a block check failed");
        return;
    }
    seismic_result r = _seismic_parse_owned(w->own.client, w->chunk, w->chunk_len, &j, &w->tokens, &w->token_cap, &err);
    if (r) {
        _seismic_lw_retry(w, r, "eth_getLogs", err.message);
        return;
    }
    size_t n = seismic_json_size(&j, 0);
    _seismic_lw_sorted *order = (_seismic_lw_sorted *)_seismic_alloc(&w->allocator, (n ? n : 1) * sizeof *order);
    if (!order) {
        _seismic_lw_retry(w, SEISMIC_ERR_NO_MEMORY, "eth_getLogs", "out of memory");
        return;
    }
    bool consistent = true;
    size_t count = 0;
    for (int k = seismic_json_first_child(&j, 0); k >= 0; k = seismic_json_next_sibling(&j, 0, k)) {
        uint8_t hash[32];
        bool removed;
        _seismic_lw_sorted *o = &order[count];
        if (_seismic_lw_position(&j, k, &o->block, &o->index, hash, &removed) || o->block < w->next || o->block > w->to) {
            _seismic_lw_error(w, SEISMIC_ERR_PARSE, "log watch: eth_getLogs returned a malformed log or one outside the range");
            continue;
        }
        for (size_t c = 0; c < w->check_count; c++)
            if (w->checks[c].number == o->block && (w->checks[c].missing || memcmp(w->checks[c].hash, hash, 32) != 0))
                consistent = false;
        o->token = k;
        count++;
    }
    for (size_t c = 0; c < w->check_count; c++) consistent = consistent && !w->checks[c].missing;
    if (!consistent) { /* the chain moved while the range was read: read it again */
        _seismic_free(&w->allocator, order);
        w->phase = _SEISMIC_LW_IDLE;
        _seismic_lw_round(w, w->websocket ? 100 : w->desc.poll_interval_ms);
        return;
    }
    qsort(order, count, sizeof *order, _seismic_lw_compare);
    for (size_t i = 0; i < count && !w->stopped; i++) _seismic_lw_accept(w, &j, order[i].token);
    _seismic_free(&w->allocator, order);
    if (w->stopped) return;
    for (size_t c = 0; c < w->check_count; c++) _seismic_lw_remember(w, w->checks[c].number, w->checks[c].hash);
    if (w->to == UINT64_MAX) { /* a node claiming the last possible block: nothing can follow it */
        _seismic_lw_finish_round(w);
        return;
    }
    w->next = w->to + 1;
    uint64_t doubled = (uint64_t)w->span * 2; /* the node took it: try a longer range next */
    w->span = doubled < w->desc.max_block_range ? (uint32_t)doubled : w->desc.max_block_range;
    if (w->next <= w->target) _seismic_lw_range(w);
    else _seismic_lw_finish_round(w);
}

static void _seismic_lw_on_check(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    _SEISMIC_UNUSED(c);
    _seismic_lw_enter(w);
    if (resp->result == SEISMIC_ERR_SHUTDOWN || resp->result == SEISMIC_ERR_CANCELED) {
        w->phase = _SEISMIC_LW_IDLE;
        w->checks_pending = 0;
        w->orphaned = w->orphaned || resp->result == SEISMIC_ERR_SHUTDOWN;
    } else {
        for (size_t i = 0; i < w->check_count; i++) {
            if (w->checks[i].request != req.id) continue;
            w->checks[i].request = 0;
            if (resp->result != SEISMIC_OK) w->check_failed = true;
            else w->checks[i].missing = !_seismic_lw_block_hash(resp, w->checks[i].hash);
        }
        if (--w->checks_pending == 0) _seismic_lw_checked(w);
    }
    _seismic_lw_leave(w);
}

static bool _seismic_lw_add_check(seismic_log_watcher *w, uint64_t number) {
    for (size_t i = 0; i < w->check_count; i++)
        if (w->checks[i].number == number) return true;
    if (!_seismic_lw_grow(w, (void **)&w->checks, &w->check_cap, w->check_count, sizeof *w->checks)) return false;
    memset(&w->checks[w->check_count], 0, sizeof *w->checks);
    w->checks[w->check_count++].number = number;
    return true;
}

static bool _seismic_lw_refused_range(const seismic_response *resp) {
    return resp->result == SEISMIC_ERR_RPC || resp->result == SEISMIC_ERR_CAPACITY || resp->result == SEISMIC_ERR_OVERFLOW;
}

static void _seismic_lw_on_logs(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(req);
    _seismic_lw_enter(w);
    if (resp->result != SEISMIC_OK && _seismic_lw_refused_range(resp) && w->to > w->next) {
        uint64_t half = (w->to - w->next) / 2 + 1; /* the node refused the range: halve it (no +1 overflow) */
        w->span = half < w->desc.max_block_range ? (uint32_t)half : w->desc.max_block_range;
        _seismic_lw_range(w);
    } else if (_seismic_lw_step(w, resp, "eth_getLogs")) {
        size_t len = 0;
        const char *raw = seismic_json_raw(&resp->json, resp->result_index, &len);
        _seismic_free(&w->allocator, w->chunk);
        w->chunk = raw && seismic_json_is(&resp->json, resp->result_index, SEISMIC_JSON_ARRAY) ? _seismic_lw_copy(w, raw, len) : NULL;
        w->chunk_len = len;
        w->check_count = 0;
        w->check_failed = false;
        bool ok = w->chunk != NULL && _seismic_lw_add_check(w, w->to); /* the range's end: the cursor's block */
        if (ok && w->desc.confirmations > 0) /* each block with logs is checked again */
            for (int k = seismic_json_first_child(&resp->json, resp->result_index); ok && k >= 0;
                 k = seismic_json_next_sibling(&resp->json, resp->result_index, k)) {
                uint64_t number;
                if (seismic_json_get_u64(&resp->json, seismic_json_find(&resp->json, k, "blockNumber"), &number) == SEISMIC_OK &&
                    number >= w->next && number <= w->to)
                    ok = _seismic_lw_add_check(w, number);
            }
        if (!ok) {
            _seismic_lw_retry(w, w->chunk ? SEISMIC_ERR_NO_MEMORY : SEISMIC_ERR_PARSE, "eth_getLogs",
                              w->chunk ? "out of memory" : "the result is not an array");
        } else {
            w->phase = _SEISMIC_LW_CHECK;
            w->checks_pending = 0;
            for (size_t i = 0; i < w->check_count; i++) {
                seismic_buf params = {NULL, 0, 0, false, w->allocator, false};
                seismic_request r;
                _seismic_lw_block_params(w, &params, w->checks[i].number);
                if (!_seismic_lw_call(w, "eth_getBlockByNumber", &params, _seismic_lw_on_check, 0, &r)) {
                    w->check_failed = true;
                    break;
                }
                w->checks[i].request = r.id;
                w->checks_pending++;
            }
            if (w->checks_pending == 0) _seismic_lw_checked(w);
        }
    }
    _seismic_lw_leave(w);
}

static void _seismic_lw_range(seismic_log_watcher *w) {
    uint64_t span = w->span ? w->span : 1;
    w->to = w->target - w->next >= span ? w->next + span - 1 : w->target;
    seismic_buf params = {NULL, 0, 0, false, w->allocator, false};
    seismic_json_writer jw;
    seismic_json_writer_init(&jw, &params);
    seismic_json_writer_array_begin(&jw);
    seismic_json_writer_object_begin(&jw);
    seismic_json_writer_key(&jw, "fromBlock");
    seismic_json_writer_quantity_u64(&jw, w->next);
    seismic_json_writer_key(&jw, "toBlock");
    seismic_json_writer_quantity_u64(&jw, w->to);
    seismic_json_writer_object_end(&jw);
    seismic_json_writer_array_end(&jw);
    if (w->filter.len && params.len >= 2 && !params.failed) { /* splice the members in before the closing brace */
        seismic_buf_insert(&params, params.len - 2, ",", 1);
        seismic_buf_insert(&params, params.len - 2, w->filter.data, w->filter.len);
    }
    w->phase = _SEISMIC_LW_LOGS;
    if (!_seismic_lw_call(w, "eth_getLogs", &params, _seismic_lw_on_logs, 0, NULL)) w->phase = _SEISMIC_LW_IDLE;
}

/* --- subscriptions (WebSocket) --- */

static void _seismic_lw_on_log_notification(seismic_client *c, seismic_subscription sub, const seismic_json *json,
                                            int result, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(sub);
    uint64_t block = 0;
    _seismic_lw_enter(w);
    seismic_json_get_u64(json, seismic_json_find(json, result, "blockNumber"), &block);
    if (w->live && block > w->tip + 1) { /* blocks the subscription never showed: fetch them first */
        w->live = false;
        _seismic_lw_round(w, 0);
    }
    if (w->live) {
        _seismic_lw_accept(w, json, result);
    } else if (w->queue_count >= _SEISMIC_LW_MAX_QUEUED) { /* too many to hold: fetch them again instead */
        for (size_t i = 0; i < w->queue_count; i++) _seismic_free(&w->allocator, w->queue[i].json);
        w->queue_count = 0;
        w->again = true;
    } else {
        size_t len = 0;
        const char *raw = seismic_json_raw(json, result, &len);
        char *copy = raw ? _seismic_lw_copy(w, raw, len) : NULL;
        if (!copy || !_seismic_lw_grow(w, (void **)&w->queue, &w->queue_cap, w->queue_count, sizeof *w->queue)) {
            _seismic_free(&w->allocator, copy);
            w->again = true; /* the backfill will bring it */
        } else {
            w->queue[w->queue_count].json = copy;
            w->queue[w->queue_count++].len = len;
        }
    }
    _seismic_lw_leave(w);
}

/* The logs subscription is confirmed (at first, or after a reconnect that lost what came meanwhile):
   hold notifications and backfill from the last delivered block. */
static void _seismic_lw_on_logs_active(void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    _seismic_lw_enter(w);
    w->live = false;
    _seismic_lw_round(w, 0);
    _seismic_lw_leave(w);
}

static void _seismic_lw_on_head_notification(seismic_client *c, seismic_subscription sub, const seismic_json *json,
                                             int result, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    uint64_t number;
    uint8_t hash[32], parent[32];
    _SEISMIC_UNUSED(c);
    _SEISMIC_UNUSED(sub);
    _seismic_lw_enter(w);
    if (seismic_json_get_u64(json, seismic_json_find(json, result, "number"), &number) == SEISMIC_OK &&
        seismic_json_get_bytes(json, seismic_json_find(json, result, "hash"), hash, 32, NULL) == SEISMIC_OK &&
        seismic_json_get_bytes(json, seismic_json_find(json, result, "parentHash"), parent, 32, NULL) == SEISMIC_OK) {
        if (!w->live_mode) {
            _seismic_lw_round(w, 0); /* with confirmations a new head is what moves the cursor */
        } else {
            _seismic_known_block *same = _seismic_lw_known(w, number);
            _seismic_known_block *below = number ? _seismic_lw_known(w, number - 1) : NULL;
            bool reorg = (same && memcmp(same->hash, hash, 32) != 0) || (below && memcmp(below->hash, parent, 32) != 0);
            if (reorg || (w->live && number > w->tip + 1)) {
                w->live = false; /* a reorg under delivered logs, or blocks never shown: a round sorts it out */
                _seismic_lw_round(w, 0);
            } else if (w->live) {
                _seismic_lw_remember(w, number, hash);
                _seismic_lw_saw_block(w, number);
            }
        }
    }
    _seismic_lw_leave(w);
}

static void _seismic_lw_on_refused(seismic_result result, const char *message, void *user) {
    seismic_log_watcher *w = (seismic_log_watcher *)user;
    if (result == SEISMIC_ERR_SHUTDOWN) { /* the client is being destroyed */
        w->orphaned = true;
        return;
    }
    _seismic_lw_enter(w);
    _seismic_lw_error(w, result, "log watch: eth_subscribe failed: %s", message);
    _seismic_lw_leave(w);
}

/* --- setup --- */

/* The filter members and the event's names, from the desc. */
static seismic_result _seismic_lw_setup(seismic_log_watcher *w, const seismic_log_watch_desc *d, seismic_error *err) {
    seismic_log_filter filter = d->filter; /* topic 0 may become the event's */
    seismic_topic_filter *topics = filter.topics;
    uint8_t event_topic[32];
    _seismic_abi_types T;
    _seismic_abi_params P;
    seismic_result r;
    if ((r = _seismic_log_filter_check(&filter, true, "log watch", err))) return r;
    if (d->event) {
        if ((r = _seismic_abi_parse_signature_params(d->event, &T, &P, err))) return r;
        if (T.outputs) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "log watch: an event has no returns clause");
        if (!P.anonymous && topics[0].count == 0) {
            if ((r = seismic_abi_event_topic(d->event, event_topic, err))) return r;
            topics[0].any_of = (const uint8_t(*)[32])event_topic;
            topics[0].count = 1;
        }
        seismic_buf_append_str(&w->event, d->event);
        seismic_buf_cstr(&w->event);
        for (uint16_t i = 0; i < P.count; i++) {
            seismic_buf_append(&w->names, P.param[i].name, P.param[i].name_len);
            seismic_buf_append_byte(&w->names, 0);
        }
        w->name_count = P.count;
        w->name_list = (const char **)_seismic_alloc(&w->allocator, (P.count ? P.count : 1) * sizeof *w->name_list);
        if (!w->name_list || w->names.failed) return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "log watch: out of memory");
        for (size_t i = 0, at = 0; i < P.count; i++) {
            w->name_list[i] = (const char *)w->names.data + at;
            at += strlen(w->name_list[i]) + 1;
        }
    }
    seismic_json_writer jw;
    seismic_json_writer_init(&jw, &w->filter);
    _seismic_write_log_filter(&jw, &filter, false);
    if (w->filter.failed) return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "log watch: out of memory");
    /* keep the members only: "{...}" -> "..." */
    memmove(w->filter.data, w->filter.data + 1, w->filter.len - 2);
    w->filter.len -= 2;
    return SEISMIC_OK;
}

static seismic_subscription _seismic_lw_subscribe(seismic_log_watcher *w, const char *kind,
                                                  seismic_notification_callback callback, seismic_error *err) {
    seismic_buf params = {NULL, 0, 0, false, w->allocator, false};
    seismic_subscription sub = {0};
    seismic_buf_append_str(&params, "[\"");
    seismic_buf_append_str(&params, kind);
    seismic_buf_append_str(&params, "\"");
    if (strcmp(kind, "logs") == 0) {
        seismic_buf_append_str(&params, ",{");
        seismic_buf_append(&params, w->filter.data, w->filter.len);
        seismic_buf_append_str(&params, "}");
    }
    seismic_buf_append_str(&params, "]");
    if (params.failed) _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "log watch: out of memory");
    else sub = seismic_subscribe(w->own.client, seismic_buf_cstr(&params), callback, w);
    seismic_buf_free(&params);
    if (!params.failed && !sub.id)
        _seismic_fail(err, w->own.client->last_error.result, "log watch: %s", w->own.client->last_error.message);
    if (sub.id) w->own.client->subs[sub.id & 0xffffu].on_refused = _seismic_lw_on_refused;
    return sub;
}

SEISMIC_API seismic_log_watcher *seismic_log_watch(seismic_client *c, const seismic_log_watch_desc *desc,
                                                   seismic_error *err) {
    if (!c || !desc || !desc->on_log) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "log watch: a client, a desc and on_log are required");
        return NULL;
    }
    seismic_log_watcher *w = (seismic_log_watcher *)_seismic_alloc(&c->desc.allocator, sizeof *w);
    if (!w) {
        _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "log watch: out of memory");
        return NULL;
    }
    memset(w, 0, sizeof *w);
    _seismic_own(c, &w->own);
    w->allocator = c->desc.allocator;
    w->desc = *desc;
    w->desc.filter.addresses = NULL; /* copied into the filter's JSON; the caller's arrays may go */
    w->desc.filter.address_count = 0;
    memset(w->desc.filter.topics, 0, sizeof w->desc.filter.topics);
    w->desc.event = NULL;
    if (!w->desc.poll_interval_ms) w->desc.poll_interval_ms = 2000;
    if (!w->desc.max_block_range) w->desc.max_block_range = 2000;
    if (!w->desc.reorg_depth) w->desc.reorg_depth = 64;
    if (w->desc.confirmations && w->desc.max_block_range > _SEISMIC_LW_MAX_CHECKED)
        w->desc.max_block_range = _SEISMIC_LW_MAX_CHECKED; /* each block of a range may need a check */
    w->span = w->desc.max_block_range;
    w->filter.allocator = w->event.allocator = w->names.allocator = w->data.allocator = w->allocator;
    w->websocket = c->endpoints[0].url.websocket;
    w->live_mode = w->websocket && w->desc.confirmations == 0;
    w->last_index = -1;
    if (_seismic_lw_setup(w, desc, err)) {
        _seismic_lw_free(w);
        return NULL;
    }
    if (w->websocket) { /* subscribe first: what the backfill misses, the subscription brings */
        if (w->live_mode) {
            w->logs_sub = _seismic_lw_subscribe(w, "logs", _seismic_lw_on_log_notification, err);
            if (!w->logs_sub.id) {
                _seismic_lw_free(w);
                return NULL;
            }
            c->subs[w->logs_sub.id & 0xffffu].on_active = _seismic_lw_on_logs_active;
        }
        w->heads_sub = _seismic_lw_subscribe(w, "newHeads", _seismic_lw_on_head_notification, err);
        if (!w->heads_sub.id) {
            if (w->logs_sub.id) seismic_unsubscribe(c, w->logs_sub);
            _seismic_lw_free(w);
            return NULL;
        }
    }
    if (!w->live_mode) { /* live mode starts when the logs subscription is confirmed */
        _seismic_lw_round(w, 0);
        if (w->phase == _SEISMIC_LW_IDLE) {
            _seismic_fail(err, c->last_error.result, "log watch: %s", c->last_error.message);
            seismic_log_watch_stop(w);
            return NULL;
        }
    }
    return w;
}

SEISMIC_API bool seismic_log_watch_live(const seismic_log_watcher *w) {
    return w && w->own.client && !w->orphaned && w->live &&
           (!w->logs_sub.id || seismic_subscription_active(w->own.client, w->logs_sub));
}

SEISMIC_API void seismic_log_watch_stop(seismic_log_watcher *w) {
    if (!w || w->stopped) return;
    if (w->orphaned || !w->own.client) { /* its client is gone (or going): only our memory is left */
        w->stopped = true;
        if (w->busy == 0) _seismic_lw_free(w); /* else the outermost of its callbacks frees */
        return;
    }
    seismic_client *c = w->own.client;
    for (uint32_t i = 0; i < c->desc.max_requests; i++) { /* its requests end without calling back */
        _seismic_req *r = &c->reqs[i];
        if (r->state == _SEISMIC_REQ_FREE || r->owner != w || r->callback == _seismic_lw_ignore) continue;
        r->callback = _seismic_lw_ignore;
        r->user_data = NULL;
        if (r->state == _SEISMIC_REQ_QUEUED || r->state == _SEISMIC_REQ_SENT)
            _seismic_finish(c, r, SEISMIC_ERR_CANCELED, "the watcher was stopped");
    }
    if (c && w->logs_sub.id) seismic_unsubscribe(c, w->logs_sub);
    if (c && w->heads_sub.id) seismic_unsubscribe(c, w->heads_sub);
    w->logs_sub.id = w->heads_sub.id = 0;
    w->stopped = true;
    if (w->busy == 0) _seismic_lw_free(w);
}

/* --- watching SRC20 events for a viewing key (spec §5.6) --- */

struct seismic_src20_watcher {
    seismic_src20_watch_desc desc;
    seismic_allocator allocator;
    seismic_log_watcher *logs;
    _seismic_gcm_impl gcm; /* picked once for all its events */
};

/* With the AES and GHASH implementations an owner picked (a watcher). */
static seismic_result _seismic_src20_decode_log(const _seismic_gcm_impl *impl, const seismic_log *log,
                                                const uint8_t viewing_key[32], seismic_src20_event *out,
                                                seismic_error *err) {
    static const uint8_t transfer[32] = SEISMIC_SRC20_TRANSFER_TOPIC;
    static const uint8_t approval[32] = SEISMIC_SRC20_APPROVAL_TOPIC;
    static const uint8_t zeros[12] = {0};
    uint8_t key_hash[32];
    const uint8_t *encrypted = NULL;
    size_t encrypted_len = 0;
    memset(out, 0, sizeof *out);
    if (log->topic_count != 4 || (memcmp(log->topics[0], transfer, 32) && memcmp(log->topics[0], approval, 32)) ||
        memcmp(log->topics[1], zeros, 12) || memcmp(log->topics[2], zeros, 12))
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "src20: not a Transfer or Approval log");
    seismic_src20_key_hash(viewing_key, key_hash);
    if (memcmp(log->topics[3], key_hash, 32))
        return _seismic_fail(err, SEISMIC_ERR_DECRYPT, "src20: the amount is encrypted to another viewing key");
    out->is_approval = memcmp(log->topics[0], approval, 32) == 0;
    memcpy(out->from.bytes, log->topics[1] + 12, 20); /* an indexed address is the last 20 bytes of its topic */
    memcpy(out->to.bytes, log->topics[2] + 12, 20);
    memcpy(out->key_hash, key_hash, 32);
    out->token = log->address;
    memcpy(out->transaction_hash, log->transaction_hash, 32);
    out->block_number = log->block_number;
    seismic_result r = seismic_src20_parse_event_data(log->data, log->data_len, &encrypted, &encrypted_len, err);
    return r ? r : _seismic_src20_decrypt_amount(impl, viewing_key, encrypted, encrypted_len, &out->amount, err);
}

SEISMIC_API seismic_result seismic_src20_decode_log(const seismic_log *log, const uint8_t viewing_key[32],
                                                    seismic_src20_event *out, seismic_error *err) {
    _seismic_gcm_impl impl = _seismic_gcm_pick(NULL);
    return _seismic_src20_decode_log(&impl, log, viewing_key, out, err);
}

static void _seismic_src20_on_log(const seismic_log *log, const seismic_event_args *args, void *user) {
    seismic_src20_watcher *w = (seismic_src20_watcher *)user;
    seismic_src20_event ev;
    seismic_error err = {"", SEISMIC_OK};
    _SEISMIC_UNUSED(args);
    if (log->topic_count < 4) return; /* not a Transfer/Approval of the SRC20 shape */
    seismic_result r = _seismic_src20_decode_log(&w->gcm, log, w->desc.viewing_key, &ev, &err);
    if (r == SEISMIC_OK) w->desc.on_event(&ev, w->desc.user_data);
    else if (w->desc.on_error) w->desc.on_error(r, err.message[0] ? err.message : "a log could not be decrypted", w->desc.user_data);
    seismic_wipe(&ev.amount, sizeof ev.amount);
}

static void _seismic_src20_on_error(seismic_result result, const char *message, void *user) {
    seismic_src20_watcher *w = (seismic_src20_watcher *)user;
    if (w->desc.on_error) w->desc.on_error(result, message, w->desc.user_data);
}

SEISMIC_API seismic_src20_watcher *seismic_src20_watch(seismic_client *c, const seismic_src20_watch_desc *desc,
                                                       seismic_error *err) {
    static const uint8_t events[2][32] = {SEISMIC_SRC20_TRANSFER_TOPIC, SEISMIC_SRC20_APPROVAL_TOPIC};
    uint8_t key_hash[32];
    if (!desc->on_event) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "watch: on_event is required");
        return NULL;
    }
    seismic_block_kind from = desc->from_block.kind;
    if (from != SEISMIC_BLOCK_LATEST && from != SEISMIC_BLOCK_EARLIEST && from != SEISMIC_BLOCK_NUMBER) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "watch: from_block must be latest, earliest or a number");
        return NULL;
    }
    seismic_src20_watcher *w = (seismic_src20_watcher *)_seismic_alloc(&c->desc.allocator, sizeof *w);
    if (!w) {
        _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "watch: out of memory");
        return NULL;
    }
    memset(w, 0, sizeof *w);
    w->desc = *desc;
    w->allocator = c->desc.allocator;
    w->gcm = _seismic_gcm_pick(NULL);
    /* our events: either token, topic0 Transfer or Approval, topic3 our key hash */
    seismic_src20_key_hash(desc->viewing_key, key_hash);
    seismic_log_watch_desc d;
    memset(&d, 0, sizeof d);
    if (desc->has_token) {
        d.filter.addresses = &w->desc.token;
        d.filter.address_count = 1;
    }
    d.filter.topics[0].any_of = events;
    d.filter.topics[0].count = 2;
    d.filter.topics[3].any_of = (const uint8_t(*)[32])key_hash;
    d.filter.topics[3].count = 1;
    d.filter.from_block = desc->from_block;
    d.poll_interval_ms = desc->poll_interval_ms;
    d.on_log = _seismic_src20_on_log;
    d.on_error = _seismic_src20_on_error;
    d.user_data = w;
    w->logs = seismic_log_watch(c, &d, err);
    if (!w->logs) {
        seismic_wipe(w, sizeof *w);
        _seismic_free(&c->desc.allocator, w);
        return NULL;
    }
    return w;
}

SEISMIC_API bool seismic_src20_watch_active(const seismic_src20_watcher *w) { return seismic_log_watch_live(w->logs); }

SEISMIC_API void seismic_src20_watch_stop(seismic_src20_watcher *w) {
    if (!w) return;
    seismic_allocator a = w->allocator;
    seismic_log_watch_stop(w->logs);
    seismic_wipe(w, sizeof *w); /* the viewing key */
    _seismic_free(&a, w);
}

/* --- precompiles and the deposit contract --- */

SEISMIC_API seismic_request seismic_precompile_call(seismic_client *c, const seismic_address *precompile,
                                                    const void *input, size_t len, const seismic_request_options *opts) {
    static const seismic_address first = SEISMIC_PRECOMPILE_RNG;
    seismic_request none = {0};
    if (!precompile || memcmp(precompile->bytes, first.bytes, 19) != 0 || precompile->bytes[19] < 0x64 ||
        precompile->bytes[19] > 0x69) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "precompile: not a Seismic precompile address (0x..64 to 0x..69)");
        return none;
    }
    /* secret both ways: inputs carry keys or plaintext, outputs are derived keys, plaintext or signatures */
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, true};
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    _seismic_write_call_object(&w, precompile, input, len);
    _seismic_write_block(&w, NULL, false);
    seismic_json_writer_array_end(&w);
    seismic_request r = none;
    if (params.failed) _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "eth_call: out of memory");
    else r = _seismic_rpc(c, "eth_call", seismic_buf_cstr(&params), opts, true);
    seismic_buf_free(&params);
    return r;
}

static seismic_request _seismic_deposit_view(seismic_client *c, const char *signature, const seismic_request_options *opts) {
    static const seismic_address deposit = SEISMIC_DEPOSIT_CONTRACT_ADDRESS;
    return seismic_contract_read(c, &deposit, signature, NULL, opts);
}

SEISMIC_API seismic_request seismic_deposit_root(seismic_client *c, const seismic_request_options *opts) {
    return _seismic_deposit_view(c, "get_deposit_root() returns (bytes32)", opts);
}

SEISMIC_API seismic_request seismic_deposit_count(seismic_client *c, const seismic_request_options *opts) {
    return _seismic_deposit_view(c, "get_deposit_count() returns (bytes)", opts);
}

/*==== 11b. Substrate reads =======================================================================*/
#ifndef SEISMIC_NO_SUBSTRATE

/* --- xxHash64 and twox --- */

#define _SEISMIC_XXH_P1 11400714785074694791ull
#define _SEISMIC_XXH_P2 14029467366897019727ull
#define _SEISMIC_XXH_P3 1609587929392839161ull
#define _SEISMIC_XXH_P4 9650029242287828579ull
#define _SEISMIC_XXH_P5 2870177450012600261ull

static uint64_t _seismic_rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }

static uint64_t _seismic_le64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

static uint32_t _seismic_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void _seismic_put_le64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t _seismic_xxh_round(uint64_t acc, uint64_t lane) {
    acc += lane * _SEISMIC_XXH_P2;
    return _seismic_rotl64(acc, 31) * _SEISMIC_XXH_P1;
}

static uint64_t _seismic_xxh_merge(uint64_t acc, uint64_t v) {
    acc ^= _seismic_xxh_round(0, v);
    return acc * _SEISMIC_XXH_P1 + _SEISMIC_XXH_P4;
}

SEISMIC_API uint64_t seismic_xxh64(const void *data, size_t len, uint64_t seed) {
    const uint8_t *p = (const uint8_t *)data, *end = p + len;
    uint64_t h;
    if (len >= 32) {
        uint64_t v1 = seed + _SEISMIC_XXH_P1 + _SEISMIC_XXH_P2, v2 = seed + _SEISMIC_XXH_P2, v3 = seed,
                 v4 = seed - _SEISMIC_XXH_P1;
        for (; end - p >= 32; p += 32) {
            v1 = _seismic_xxh_round(v1, _seismic_le64(p));
            v2 = _seismic_xxh_round(v2, _seismic_le64(p + 8));
            v3 = _seismic_xxh_round(v3, _seismic_le64(p + 16));
            v4 = _seismic_xxh_round(v4, _seismic_le64(p + 24));
        }
        h = _seismic_rotl64(v1, 1) + _seismic_rotl64(v2, 7) + _seismic_rotl64(v3, 12) + _seismic_rotl64(v4, 18);
        h = _seismic_xxh_merge(h, v1);
        h = _seismic_xxh_merge(h, v2);
        h = _seismic_xxh_merge(h, v3);
        h = _seismic_xxh_merge(h, v4);
    } else {
        h = seed + _SEISMIC_XXH_P5;
    }
    h += (uint64_t)len;
    for (; end - p >= 8; p += 8) {
        h ^= _seismic_xxh_round(0, _seismic_le64(p));
        h = _seismic_rotl64(h, 27) * _SEISMIC_XXH_P1 + _SEISMIC_XXH_P4;
    }
    if (end - p >= 4) {
        h ^= (uint64_t)_seismic_le32(p) * _SEISMIC_XXH_P1;
        h = _seismic_rotl64(h, 23) * _SEISMIC_XXH_P2 + _SEISMIC_XXH_P3;
        p += 4;
    }
    for (; p < end; p++) {
        h ^= *p * _SEISMIC_XXH_P5;
        h = _seismic_rotl64(h, 11) * _SEISMIC_XXH_P1;
    }
    h ^= h >> 33;
    h *= _SEISMIC_XXH_P2;
    h ^= h >> 29;
    h *= _SEISMIC_XXH_P3;
    h ^= h >> 32;
    return h;
}

SEISMIC_API void seismic_twox64(const void *data, size_t len, uint8_t out[8]) {
    _seismic_put_le64(out, seismic_xxh64(data, len, 0));
}

SEISMIC_API void seismic_twox128(const void *data, size_t len, uint8_t out[16]) {
    _seismic_put_le64(out, seismic_xxh64(data, len, 0));
    _seismic_put_le64(out + 8, seismic_xxh64(data, len, 1));
}

/* --- BLAKE2b --- */

static const uint64_t _seismic_blake2b_iv[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

static const uint8_t _seismic_blake2b_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static void _seismic_blake2b_compress(seismic_blake2b_ctx *ctx, bool last) {
    uint64_t v[16], m[16];
    for (int i = 0; i < 16; i++) m[i] = _seismic_le64(ctx->block + 8 * i);
    for (int i = 0; i < 8; i++) v[i] = ctx->h[i], v[i + 8] = _seismic_blake2b_iv[i];
    v[12] ^= ctx->t[0];
    v[13] ^= ctx->t[1];
    if (last) v[14] = ~v[14];
#define _SEISMIC_B2_G(a, b, c, d, x, y)                                                                               \
    do {                                                                                                              \
        v[a] += v[b] + (x); v[d] = _seismic_rotl64(v[d] ^ v[a], 32);                                                   \
        v[c] += v[d]; v[b] = _seismic_rotl64(v[b] ^ v[c], 40);                                                         \
        v[a] += v[b] + (y); v[d] = _seismic_rotl64(v[d] ^ v[a], 48);                                                   \
        v[c] += v[d]; v[b] = _seismic_rotl64(v[b] ^ v[c], 1);                                                          \
    } while (0)
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = _seismic_blake2b_sigma[r];
        _SEISMIC_B2_G(0, 4, 8, 12, m[s[0]], m[s[1]]);
        _SEISMIC_B2_G(1, 5, 9, 13, m[s[2]], m[s[3]]);
        _SEISMIC_B2_G(2, 6, 10, 14, m[s[4]], m[s[5]]);
        _SEISMIC_B2_G(3, 7, 11, 15, m[s[6]], m[s[7]]);
        _SEISMIC_B2_G(0, 5, 10, 15, m[s[8]], m[s[9]]);
        _SEISMIC_B2_G(1, 6, 11, 12, m[s[10]], m[s[11]]);
        _SEISMIC_B2_G(2, 7, 8, 13, m[s[12]], m[s[13]]);
        _SEISMIC_B2_G(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
#undef _SEISMIC_B2_G
    for (int i = 0; i < 8; i++) ctx->h[i] ^= v[i] ^ v[i + 8];
    seismic_wipe(m, sizeof m); /* the block may hold the key */
    seismic_wipe(v, sizeof v);
}

SEISMIC_API seismic_result seismic_blake2b_init(seismic_blake2b_ctx *ctx, size_t out_len, const void *key, size_t key_len) {
    if (out_len < 1 || out_len > 64 || key_len > 64 || (key_len && !key)) return SEISMIC_ERR_INVALID_ARGUMENT;
    memset(ctx, 0, sizeof *ctx);
    for (int i = 0; i < 8; i++) ctx->h[i] = _seismic_blake2b_iv[i];
    ctx->h[0] ^= 0x01010000ull ^ (uint64_t)key_len << 8 ^ (uint64_t)out_len;
    ctx->out_len = out_len;
    if (key_len) { /* the key is the first block, padded with zeros */
        memcpy(ctx->block, key, key_len);
        ctx->fill = 128;
    }
    return SEISMIC_OK;
}

SEISMIC_API void seismic_blake2b_update(seismic_blake2b_ctx *ctx, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    while (len > 0) {
        if (ctx->fill == 128) { /* compress only when more input follows: the last block is special */
            ctx->t[0] += 128;
            if (ctx->t[0] < 128) ctx->t[1]++;
            _seismic_blake2b_compress(ctx, false);
            ctx->fill = 0;
        }
        size_t take = 128 - ctx->fill < len ? 128 - ctx->fill : len;
        memcpy(ctx->block + ctx->fill, p, take);
        ctx->fill += take;
        p += take;
        len -= take;
    }
}

SEISMIC_API void seismic_blake2b_final(seismic_blake2b_ctx *ctx, uint8_t *out) {
    uint8_t digest[64];
    ctx->t[0] += ctx->fill;
    if (ctx->t[0] < ctx->fill) ctx->t[1]++;
    memset(ctx->block + ctx->fill, 0, 128 - ctx->fill);
    _seismic_blake2b_compress(ctx, true);
    for (int i = 0; i < 8; i++) _seismic_put_le64(digest + 8 * i, ctx->h[i]);
    memcpy(out, digest, ctx->out_len);
    seismic_wipe(digest, sizeof digest);
    seismic_wipe(ctx, sizeof *ctx);
}

SEISMIC_API seismic_result seismic_blake2b(const void *data, size_t len, uint8_t *out, size_t out_len) {
    seismic_blake2b_ctx ctx;
    seismic_result r = seismic_blake2b_init(&ctx, out_len, NULL, 0);
    if (r) return r;
    seismic_blake2b_update(&ctx, data, len);
    seismic_blake2b_final(&ctx, out);
    return SEISMIC_OK;
}

/* --- base58 and SS58 --- */

static const char _seismic_base58_alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

SEISMIC_API seismic_result seismic_base58_encode(const void *data, size_t len, char *out, size_t cap, size_t *out_len) {
    const uint8_t *p = (const uint8_t *)data;
    uint8_t digits[2 * SEISMIC_BASE58_MAX_BYTES]; /* base-58 digits, least significant first */
    size_t ndigits = 0, zeros = 0;
    if (len > SEISMIC_BASE58_MAX_BYTES) return SEISMIC_ERR_INVALID_ARGUMENT;
    while (zeros < len && p[zeros] == 0) zeros++;
    for (size_t i = zeros; i < len; i++) {
        unsigned carry = p[i];
        for (size_t j = 0; j < ndigits; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (uint8_t)(carry % 58);
            carry /= 58;
        }
        while (carry) {
            digits[ndigits++] = (uint8_t)(carry % 58);
            carry /= 58;
        }
    }
    if (zeros + ndigits + 1 > cap) return SEISMIC_ERR_CAPACITY;
    size_t n = 0;
    for (size_t i = 0; i < zeros; i++) out[n++] = '1';
    for (size_t i = ndigits; i-- > 0;) out[n++] = _seismic_base58_alphabet[digits[i]];
    out[n] = 0;
    if (out_len) *out_len = n;
    return SEISMIC_OK;
}

static int _seismic_base58_value(char c) {
    const char *hit = c ? strchr(_seismic_base58_alphabet, c) : NULL;
    return hit ? (int)(hit - _seismic_base58_alphabet) : -1;
}

SEISMIC_API seismic_result seismic_base58_decode(const char *text, size_t len, uint8_t *out, size_t cap, size_t *out_len,
                                                 seismic_error *err) {
    uint8_t bytes[SEISMIC_BASE58_MAX_BYTES * 2]; /* big number, least significant byte first */
    size_t nbytes = 0, ones = 0;
    if (len > 2 * SEISMIC_BASE58_MAX_BYTES)
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "base58: %zu characters is longer than %d", len,
                             2 * SEISMIC_BASE58_MAX_BYTES);
    while (ones < len && text[ones] == '1') ones++;
    for (size_t i = ones; i < len; i++) {
        int v = _seismic_base58_value(text[i]);
        if (v < 0) {
            unsigned char ch = (unsigned char)text[i];
            if (ch >= 0x20 && ch < 0x7f)
                return _seismic_fail(err, SEISMIC_ERR_PARSE, "base58: '%c' at offset %zu is not a base58 character", ch, i);
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "base58: byte 0x%02x at offset %zu is not a base58 character", ch, i);
        }
        unsigned carry = (unsigned)v;
        for (size_t j = 0; j < nbytes; j++) {
            carry += (unsigned)bytes[j] * 58;
            bytes[j] = (uint8_t)carry;
            carry >>= 8;
        }
        while (carry) {
            bytes[nbytes++] = (uint8_t)carry;
            carry >>= 8;
        }
    }
    if (ones + nbytes > cap) return _seismic_fail(err, SEISMIC_ERR_CAPACITY, "base58: %zu bytes do not fit in %zu", ones + nbytes, cap);
    memset(out, 0, ones);
    for (size_t i = 0; i < nbytes; i++) out[ones + i] = bytes[nbytes - 1 - i];
    if (out_len) *out_len = ones + nbytes;
    return SEISMIC_OK;
}

/* prefix ‖ account → checksum bytes, for an encoded prefix of 1 or 2 bytes. */
static void _seismic_ss58_checksum(const uint8_t *payload, size_t len, uint8_t out[2]) {
    seismic_blake2b_ctx ctx;
    uint8_t digest[64];
    seismic_blake2b_init(&ctx, 64, NULL, 0);
    seismic_blake2b_update(&ctx, "SS58PRE", 7);
    seismic_blake2b_update(&ctx, payload, len);
    seismic_blake2b_final(&ctx, digest);
    out[0] = digest[0];
    out[1] = digest[1];
}

/* 46 and 47 are reserved by the SS58 registry; above 16383 does not fit the 14-bit form. */
static bool _seismic_ss58_prefix_valid(uint16_t prefix) { return prefix <= 16383 && prefix != 46 && prefix != 47; }

SEISMIC_API seismic_result seismic_ss58_encode(const uint8_t account[32], uint16_t prefix,
                                               char out[SEISMIC_SS58_MAX_LEN + 1]) {
    uint8_t payload[36];
    size_t n = 0;
    if (!_seismic_ss58_prefix_valid(prefix)) return SEISMIC_ERR_INVALID_ARGUMENT;
    if (prefix < 64) {
        payload[n++] = (uint8_t)prefix;
    } else { /* 01 ‖ the 14 bits, split as the SS58 spec lays them out */
        payload[n++] = (uint8_t)(((prefix & 0xfc) >> 2) | 0x40);
        payload[n++] = (uint8_t)((prefix >> 8) | ((prefix & 3) << 6));
    }
    memcpy(payload + n, account, 32);
    n += 32;
    _seismic_ss58_checksum(payload, n, payload + n);
    return seismic_base58_encode(payload, n + 2, out, SEISMIC_SS58_MAX_LEN + 1, NULL);
}

SEISMIC_API seismic_result seismic_ss58_decode(const char *address, uint8_t account[32], uint16_t *prefix_out,
                                               seismic_error *err) {
    uint8_t payload[64], check[2];
    size_t len = 0, text_len = address ? strlen(address) : 0, prefix_len;
    uint16_t prefix;
    if (!address || !*address) return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: empty address");
    if (text_len > SEISMIC_SS58_MAX_LEN + 10)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: %zu characters is too long for an address", text_len);
    seismic_result r = seismic_base58_decode(address, text_len, payload, sizeof payload, &len, err);
    if (r) return r == SEISMIC_ERR_CAPACITY ? _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: address too long") : r;
    if (len == 0) return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: empty address");
    if (payload[0] < 64) {
        prefix = payload[0];
        prefix_len = 1;
    } else if (payload[0] < 128) {
        if (len < 2) return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: truncated two-byte prefix");
        prefix = (uint16_t)(((payload[0] & 0x3f) << 2) | (payload[1] >> 6) | ((payload[1] & 0x3f) << 8));
        prefix_len = 2;
        if (prefix < 64)
            return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: prefix %u must be encoded in one byte", prefix);
    } else {
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: first byte 0x%02x is not an SS58 prefix", payload[0]);
    }
    if (len != prefix_len + 32 + 2)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: %zu bytes after the prefix, an account address has 34",
                             len - prefix_len);
    if (!_seismic_ss58_prefix_valid(prefix)) return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: prefix %u is reserved", prefix);
    _seismic_ss58_checksum(payload, prefix_len + 32, check);
    if (check[0] != payload[prefix_len + 32] || check[1] != payload[prefix_len + 33])
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "ss58: bad checksum");
    memcpy(account, payload + prefix_len, 32);
    if (prefix_out) *prefix_out = prefix;
    return SEISMIC_OK;
}

/* --- SCALE --- */

SEISMIC_API void seismic_scale_reader_init(seismic_scale_reader *r, const uint8_t *data, size_t len, seismic_error *err) {
    memset(r, 0, sizeof *r);
    r->data = data;
    r->len = len;
    r->err = err;
}

/* Bytes left to read. */
static size_t _seismic_scale_left(const seismic_scale_reader *r) { return (r->_hex ? r->len / 2 : r->len) - r->pos; }

static seismic_result _seismic_scale_error(seismic_scale_reader *r, seismic_result result, const char *what) {
    if (r->result) return r->result;
    r->result = result;
    _seismic_fail(r->err, result, "scale: %s at byte %zu", what, r->pos);
    return result;
}

SEISMIC_API seismic_result seismic_scale_read_bytes(seismic_scale_reader *r, uint8_t *out, size_t n) {
    if (r->result || n > _seismic_scale_left(r)) {
        if (out) memset(out, 0, n);
        return _seismic_scale_error(r, SEISMIC_ERR_PARSE, "input ends early");
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t b;
        if (r->_hex) {
            int hi = _seismic_hex_value((char)r->data[2 * (r->pos + i)]), lo = _seismic_hex_value((char)r->data[2 * (r->pos + i) + 1]);
            if (hi < 0 || lo < 0) {
                if (out) memset(out, 0, n);
                return _seismic_scale_error(r, SEISMIC_ERR_PARSE, "bad hex digit");
            }
            b = (uint8_t)(hi << 4 | lo);
        } else {
            b = r->data[r->pos + i];
        }
        if (out) out[i] = b;
    }
    r->pos += n;
    return SEISMIC_OK;
}

static seismic_result _seismic_scale_read_le(seismic_scale_reader *r, size_t n, uint64_t *out) {
    uint8_t b[8];
    seismic_result res = seismic_scale_read_bytes(r, b, n);
    *out = 0;
    if (res) return res;
    for (size_t i = n; i-- > 0;) *out = *out << 8 | b[i];
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_scale_read_u8(seismic_scale_reader *r, uint8_t *out) {
    uint64_t v;
    seismic_result res = _seismic_scale_read_le(r, 1, &v);
    *out = (uint8_t)v;
    return res;
}

SEISMIC_API seismic_result seismic_scale_read_u16(seismic_scale_reader *r, uint16_t *out) {
    uint64_t v;
    seismic_result res = _seismic_scale_read_le(r, 2, &v);
    *out = (uint16_t)v;
    return res;
}

SEISMIC_API seismic_result seismic_scale_read_u32(seismic_scale_reader *r, uint32_t *out) {
    uint64_t v;
    seismic_result res = _seismic_scale_read_le(r, 4, &v);
    *out = (uint32_t)v;
    return res;
}

SEISMIC_API seismic_result seismic_scale_read_u64(seismic_scale_reader *r, uint64_t *out) {
    return _seismic_scale_read_le(r, 8, out);
}

SEISMIC_API seismic_result seismic_scale_read_u128(seismic_scale_reader *r, uint8_t out[16]) {
    uint8_t le[16];
    seismic_result res = seismic_scale_read_bytes(r, le, 16);
    for (int i = 0; i < 16; i++) out[i] = le[15 - i];
    return res;
}

/* One byte that must be 0 or 1: a bool, or an Option's tag. */
static seismic_result _seismic_scale_read_flag(seismic_scale_reader *r, bool *out, const char *what) {
    uint8_t b = 0;
    *out = false;
    if (seismic_scale_read_u8(r, &b)) return r->result;
    if (b > 1) {
        r->pos--;
        return _seismic_scale_error(r, SEISMIC_ERR_PARSE, what);
    }
    *out = b == 1;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_scale_read_bool(seismic_scale_reader *r, bool *out) {
    return _seismic_scale_read_flag(r, out, "a bool is 0 or 1");
}

SEISMIC_API seismic_result seismic_scale_read_option(seismic_scale_reader *r, bool *some) {
    return _seismic_scale_read_flag(r, some, "an Option tag is 0 or 1");
}

SEISMIC_API seismic_result seismic_scale_read_compact(seismic_scale_reader *r, uint64_t max, uint64_t *out) {
    uint8_t first = 0;
    uint64_t v = 0;
    size_t start = r->pos;
    *out = 0;
    if (seismic_scale_read_u8(r, &first)) return r->result;
    switch (first & 3) {
    case 0: v = first >> 2; break;
    case 1:
        if (_seismic_scale_read_le(r, 1, &v)) return r->result;
        v = (v << 8 | first) >> 2;
        if (v < 64) goto noncanonical;
        break;
    case 2:
        if (_seismic_scale_read_le(r, 3, &v)) return r->result;
        v = (v << 8 | first) >> 2;
        if (v < (1u << 14)) goto noncanonical;
        break;
    default: {
        size_t n = (size_t)(first >> 2) + 4;
        if (n > 8) {
            r->pos = start;
            return _seismic_scale_error(r, SEISMIC_ERR_OVERFLOW, "a compact integer wider than 64 bits");
        }
        if (_seismic_scale_read_le(r, n, &v)) return r->result;
        if ((n > 4 && (v >> (8 * (n - 1))) == 0) || (n == 4 && v < (1u << 30))) goto noncanonical;
        break;
    }
    }
    if (v > max) {
        r->pos = start;
        return _seismic_scale_error(r, SEISMIC_ERR_OVERFLOW, "a compact integer above its type's range");
    }
    *out = v;
    return SEISMIC_OK;
noncanonical:
    r->pos = start;
    return _seismic_scale_error(r, SEISMIC_ERR_PARSE, "a compact integer not in its shortest form");
}

SEISMIC_API seismic_result seismic_scale_read_vec_len(seismic_scale_reader *r, size_t min_item_bytes, size_t *count) {
    uint64_t n = 0;
    size_t start = r->pos;
    *count = 0;
    if (seismic_scale_read_compact(r, UINT64_MAX, &n)) return r->result;
    if (min_item_bytes == 0) min_item_bytes = 1;
    if (n > _seismic_scale_left(r) / min_item_bytes) {
        r->pos = start;
        return _seismic_scale_error(r, SEISMIC_ERR_PARSE, "a length prefix longer than the input");
    }
    *count = (size_t)n;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_scale_finish(seismic_scale_reader *r) {
    if (r->result) return r->result;
    if (_seismic_scale_left(r)) return _seismic_scale_error(r, SEISMIC_ERR_PARSE, "trailing bytes");
    return SEISMIC_OK;
}

/* --- storage keys --- */

SEISMIC_API seismic_result seismic_storage_key(const char *pallet, const char *item,
                                               const seismic_storage_key_part *keys, size_t count,
                                               seismic_buf *out) {
    uint8_t h[16];
    size_t start = out->len;
    for (size_t i = 0; i < count; i++)
        if ((unsigned)keys[i].hasher > (unsigned)SEISMIC_HASHER_BLAKE2_128_CONCAT) return SEISMIC_ERR_INVALID_ARGUMENT;
    seismic_twox128(pallet, strlen(pallet), h);
    seismic_buf_append(out, h, 16);
    seismic_twox128(item, strlen(item), h);
    seismic_buf_append(out, h, 16);
    for (size_t i = 0; i < count; i++) {
        if (keys[i].hasher == SEISMIC_HASHER_TWOX64_CONCAT) {
            seismic_twox64(keys[i].data, keys[i].len, h);
            seismic_buf_append(out, h, 8);
        } else if (keys[i].hasher == SEISMIC_HASHER_BLAKE2_128_CONCAT) {
            seismic_blake2b(keys[i].data, keys[i].len, h, 16);
            seismic_buf_append(out, h, 16);
        }
        seismic_buf_append(out, keys[i].data, keys[i].len);
    }
    if (out->failed) {
        if (out->len > start) out->len = start;
        return SEISMIC_ERR_NO_MEMORY;
    }
    return SEISMIC_OK;
}

/* --- Bittensor value layouts --- */

SEISMIC_API size_t seismic_tao_format(uint64_t rao, char out[32]) {
    return (size_t)snprintf(out, 32, "%llu.%09llu", (unsigned long long)(rao / 1000000000u),
                            (unsigned long long)(rao % 1000000000u));
}

SEISMIC_API seismic_result seismic_tao_decode_account(const uint8_t *value, size_t len, uint32_t spec_version,
                                                      seismic_tao_balance *out, seismic_error *err) {
    memset(out, 0, sizeof *out);
    if (len == 56 || (len == 48 && spec_version < 151)) {
        out->free = _seismic_le64(value + 16);
        out->reserved = _seismic_le64(value + 24);
        out->frozen = _seismic_le64(value + 32);
        if (len == 48) { /* misc_frozen, fee_frozen: the usable balance is limited by the larger */
            uint64_t fee_frozen = _seismic_le64(value + 40);
            if (fee_frozen > out->frozen) out->frozen = fee_frozen;
        }
        return SEISMIC_OK;
    }
    return _seismic_fail(err, SEISMIC_ERR_PARSE,
                         "System.Account: a %zu-byte AccountInfo at spec %u is a layout this SDK does not know", len,
                         (unsigned)spec_version);
}

/* A hex string (a JSON token's contents, with or without 0x) read as SCALE without copying it. */
static bool _seismic_scale_reader_hex(seismic_scale_reader *r, const char *hex, size_t len, seismic_error *err) {
    if (_seismic_has_0x(hex, len)) hex += 2, len -= 2;
    seismic_scale_reader_init(r, (const uint8_t *)hex, len, err);
    r->_hex = true;
    if (len % 2) {
        _seismic_scale_error(r, SEISMIC_ERR_PARSE, "odd number of hex digits");
        return false;
    }
    return true;
}

static void _seismic_scale_account(seismic_scale_reader *r, uint8_t out[32]) { seismic_scale_read_bytes(r, out, 32); }

static uint16_t _seismic_scale_compact16(seismic_scale_reader *r) {
    uint64_t v = 0;
    seismic_scale_read_compact(r, UINT16_MAX, &v);
    return (uint16_t)v;
}

static uint64_t _seismic_scale_compact64(seismic_scale_reader *r) {
    uint64_t v = 0;
    seismic_scale_read_compact(r, UINT64_MAX, &v);
    return v;
}

/* Minimum encoded sizes, which bound every Vec count before a loop runs. */
#define _SEISMIC_TAO_STAKE_MIN 33     /* AccountId + Compact */
#define _SEISMIC_TAO_NEURON_MIN 140   /* 2 accounts, 2 compacts, bool, axon 35, prometheus 31, ... */
#define _SEISMIC_TAO_DELEGATE_MIN 70  /* 2 accounts, 6 compacts/lengths */

/* Decodes one NeuronInfoLite; stake entries go to stakes (NULL in the counting pass). */
static void _seismic_tao_read_neuron(seismic_scale_reader *r, seismic_tao_neuron *n, seismic_tao_stake *stakes,
                                     size_t *stake_total) {
    size_t count = 0;
    memset(n, 0, sizeof *n);
    _seismic_scale_account(r, n->hotkey);
    _seismic_scale_account(r, n->coldkey);
    n->uid = _seismic_scale_compact16(r);
    n->netuid = _seismic_scale_compact16(r);
    seismic_scale_read_bool(r, &n->active);
    seismic_scale_read_u64(r, &n->axon.block);
    seismic_scale_read_u32(r, &n->axon.version);
    seismic_scale_read_u128(r, n->axon.ip);
    seismic_scale_read_u16(r, &n->axon.port);
    seismic_scale_read_u8(r, &n->axon.ip_type);
    seismic_scale_read_u8(r, &n->axon.protocol);
    seismic_scale_read_u8(r, &n->axon.placeholder1);
    seismic_scale_read_u8(r, &n->axon.placeholder2);
    seismic_scale_read_u64(r, &n->prometheus.block);
    seismic_scale_read_u32(r, &n->prometheus.version);
    seismic_scale_read_u128(r, n->prometheus.ip);
    seismic_scale_read_u16(r, &n->prometheus.port);
    seismic_scale_read_u8(r, &n->prometheus.ip_type);
    seismic_scale_read_vec_len(r, _SEISMIC_TAO_STAKE_MIN, &count);
    if (stakes) n->stake = stakes + *stake_total;
    n->stake_count = count;
    for (size_t i = 0; i < count && !r->result; i++) {
        seismic_tao_stake s;
        memset(&s, 0, sizeof s);
        _seismic_scale_account(r, s.account);
        s.amount = _seismic_scale_compact64(r);
        if (stakes) stakes[*stake_total] = s;
        (*stake_total)++;
    }
    n->rank = _seismic_scale_compact16(r);
    n->emission = _seismic_scale_compact64(r);
    n->incentive = _seismic_scale_compact16(r);
    n->consensus = _seismic_scale_compact16(r);
    n->trust = _seismic_scale_compact16(r);
    n->validator_trust = _seismic_scale_compact16(r);
    n->dividends = _seismic_scale_compact16(r);
    n->last_update = _seismic_scale_compact64(r);
    seismic_scale_read_bool(r, &n->validator_permit);
    n->pruning_score = _seismic_scale_compact16(r);
}

/* Memory for decoded arrays: response-owned views, or the caller's allocator. */
typedef void *(*_seismic_tao_alloc_fn)(void *context, size_t size);

static void *_seismic_tao_alloc_heap(void *allocator, size_t size) {
    return _seismic_alloc((const seismic_allocator *)allocator, size);
}

static void *_seismic_tao_alloc_view(void *response, size_t size) {
    return _seismic_response_views((const seismic_response *)response, size, 1);
}

/* Two passes over the same reader start: count (and validate everything), then fill one allocation. */
static seismic_result _seismic_tao_neurons_count(const seismic_scale_reader *start, size_t *count, size_t *stakes) {
    seismic_scale_reader r = *start;
    seismic_tao_neuron scratch;
    *stakes = 0;
    seismic_scale_read_vec_len(&r, _SEISMIC_TAO_NEURON_MIN, count);
    for (size_t i = 0; i < *count && !r.result; i++) _seismic_tao_read_neuron(&r, &scratch, NULL, stakes);
    return seismic_scale_finish(&r);
}

static seismic_result _seismic_tao_neurons_decode(const seismic_scale_reader *start, _seismic_tao_alloc_fn alloc,
                                                  void *context, seismic_tao_neurons *out, seismic_error *err) {
    size_t count = 0, stakes = 0;
    out->neurons = NULL;
    out->count = 0;
    seismic_result res = _seismic_tao_neurons_count(start, &count, &stakes);
    if (res || count == 0) return res;
    uint8_t *memory = (uint8_t *)alloc(context, count * sizeof(seismic_tao_neuron) + stakes * sizeof(seismic_tao_stake));
    if (!memory) return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "neurons: out of memory");
    seismic_tao_neuron *neurons = (seismic_tao_neuron *)memory;
    seismic_tao_stake *stake_array = (seismic_tao_stake *)(memory + count * sizeof(seismic_tao_neuron));
    seismic_scale_reader r = *start;
    seismic_scale_read_vec_len(&r, _SEISMIC_TAO_NEURON_MIN, &count);
    stakes = 0;
    for (size_t i = 0; i < count; i++) _seismic_tao_read_neuron(&r, &neurons[i], stake_array, &stakes);
    out->neurons = neurons;
    out->count = count;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_decode_neurons(const uint8_t *scale, size_t len, const seismic_allocator *allocator,
                                                      seismic_tao_neurons *out, seismic_error *err) {
    seismic_scale_reader r;
    seismic_allocator none = {NULL, NULL, NULL};
    memset(out, 0, sizeof *out);
    seismic_scale_reader_init(&r, scale, len, err);
    return _seismic_tao_neurons_decode(&r, _seismic_tao_alloc_heap, (void *)(allocator ? allocator : &none), out, err);
}

SEISMIC_API void seismic_tao_neurons_free(seismic_tao_neurons *n, const seismic_allocator *allocator) {
    _seismic_free(allocator, (void *)(uintptr_t)n->neurons); /* the one allocation starts with the neurons */
    n->neurons = NULL;
    n->count = 0;
}

/* The DelegateInfo layouts: 1 before spec 240 (nominator stake as one amount, get_delegated's extra value a
   Compact<u64>), 2 from 244 (stake per netuid, the extra value (netuid, amount)); 0 = not known. */
static int _seismic_tao_delegate_layout(uint32_t spec) {
    if (spec >= 151 && spec < 240) return 1;
    if (spec >= 244) return 2;
    return 0;
}

typedef struct _seismic_tao_delegate_sink { /* NULL arrays in the counting pass */
    seismic_tao_stake *stakes;
    uint16_t *netuids;
    size_t stake_total, netuid_total;
} _seismic_tao_delegate_sink;

static void _seismic_tao_read_netuid_vec(seismic_scale_reader *r, _seismic_tao_delegate_sink *sink, const uint16_t **first,
                                         size_t *count) {
    seismic_scale_read_vec_len(r, 1, count);
    if (sink->netuids) *first = sink->netuids + sink->netuid_total;
    for (size_t i = 0; i < *count && !r->result; i++) {
        uint16_t v = _seismic_scale_compact16(r);
        if (sink->netuids) sink->netuids[sink->netuid_total] = v;
        sink->netuid_total++;
    }
}

static void _seismic_tao_read_delegate(seismic_scale_reader *r, int layout, seismic_tao_delegate *d,
                                       _seismic_tao_delegate_sink *sink) {
    size_t count = 0;
    memset(d, 0, sizeof *d);
    _seismic_scale_account(r, d->delegate);
    d->take = _seismic_scale_compact16(r);
    seismic_scale_read_vec_len(r, layout == 1 ? _SEISMIC_TAO_STAKE_MIN : 33, &count);
    if (sink->stakes) d->nominators = sink->stakes + sink->stake_total;
    for (size_t i = 0; i < count && !r->result; i++) {
        uint8_t account[32];
        size_t per = 1;
        _seismic_scale_account(r, account);
        if (layout == 2) seismic_scale_read_vec_len(r, 2, &per);
        for (size_t j = 0; j < per && !r->result; j++) {
            seismic_tao_stake s;
            memset(&s, 0, sizeof s);
            memcpy(s.account, account, 32);
            if (layout == 2) s.netuid = _seismic_scale_compact16(r);
            s.amount = _seismic_scale_compact64(r);
            if (sink->stakes) sink->stakes[sink->stake_total] = s;
            sink->stake_total++;
            d->nominator_count++;
        }
    }
    _seismic_scale_account(r, d->owner);
    _seismic_tao_read_netuid_vec(r, sink, &d->registrations, &d->registration_count);
    _seismic_tao_read_netuid_vec(r, sink, &d->validator_permits, &d->validator_permit_count);
    d->return_per_1000 = _seismic_scale_compact64(r);
    d->total_daily_return = _seismic_scale_compact64(r);
    if (layout == 2) d->staked_netuid = _seismic_scale_compact16(r);
    d->staked = _seismic_scale_compact64(r);
}

/* Validates and counts (sink arrays NULL), like _seismic_tao_neurons_count. */
static seismic_result _seismic_tao_delegated_count(const seismic_scale_reader *start, int layout, size_t *count,
                                                   _seismic_tao_delegate_sink *sink) {
    seismic_scale_reader r = *start;
    seismic_tao_delegate scratch;
    memset(sink, 0, sizeof *sink);
    seismic_scale_read_vec_len(&r, _SEISMIC_TAO_DELEGATE_MIN, count);
    for (size_t i = 0; i < *count && !r.result; i++) _seismic_tao_read_delegate(&r, layout, &scratch, sink);
    return seismic_scale_finish(&r);
}

static seismic_result _seismic_tao_delegated_decode(const seismic_scale_reader *start, uint32_t spec,
                                                    _seismic_tao_alloc_fn alloc, void *context,
                                                    seismic_tao_delegated *out, seismic_error *err) {
    int layout = _seismic_tao_delegate_layout(spec);
    _seismic_tao_delegate_sink sink;
    size_t count = 0;
    out->delegates = NULL;
    out->count = 0;
    if (!layout)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "get_delegated: spec %u has a DelegateInfo layout this SDK does not know",
                             (unsigned)spec);
    seismic_result res = _seismic_tao_delegated_count(start, layout, &count, &sink);
    if (res || count == 0) return res;
    uint8_t *memory = (uint8_t *)alloc(context, count * sizeof(seismic_tao_delegate) +
                                                    sink.stake_total * sizeof(seismic_tao_stake) +
                                                    sink.netuid_total * sizeof(uint16_t));
    if (!memory) return _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "get_delegated: out of memory");
    seismic_tao_delegate *delegates = (seismic_tao_delegate *)memory;
    uint8_t *p = memory + count * sizeof(seismic_tao_delegate);
    sink.stakes = (seismic_tao_stake *)p;
    sink.netuids = (uint16_t *)(p + sink.stake_total * sizeof(seismic_tao_stake));
    sink.stake_total = sink.netuid_total = 0;
    seismic_scale_reader r = *start;
    seismic_scale_read_vec_len(&r, _SEISMIC_TAO_DELEGATE_MIN, &count);
    for (size_t i = 0; i < count; i++) _seismic_tao_read_delegate(&r, layout, &delegates[i], &sink);
    out->delegates = delegates;
    out->count = count;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_decode_delegated(const uint8_t *scale, size_t len, uint32_t spec_version,
                                                        const seismic_allocator *allocator, seismic_tao_delegated *out,
                                                        seismic_error *err) {
    seismic_scale_reader r;
    seismic_allocator none = {NULL, NULL, NULL};
    memset(out, 0, sizeof *out);
    seismic_scale_reader_init(&r, scale, len, err);
    return _seismic_tao_delegated_decode(&r, spec_version, _seismic_tao_alloc_heap, (void *)(allocator ? allocator : &none),
                                         out, err);
}

SEISMIC_API void seismic_tao_delegated_free(seismic_tao_delegated *d, const seismic_allocator *allocator) {
    _seismic_free(allocator, (void *)(uintptr_t)d->delegates); /* the one allocation starts with the delegates */
    d->delegates = NULL;
    d->count = 0;
}

/* --- the subtensor object --- */

#define _SEISMIC_TAO_CACHE 64 /* block hashes whose number and specVersion are remembered */

typedef struct _seismic_tao_cached {
    uint8_t hash[32];
    bool has_number, has_spec;
    uint64_t number;
    uint32_t spec;
    uint64_t used; /* for replacing the least recently used */
} _seismic_tao_cached;

struct seismic_subtensor {
    _seismic_owned own; /* its client; orphaned (NULL) when the client is destroyed first */
    uint16_t prefix;
    bool has_last;
    uint8_t last_hash[32];
    uint64_t clock;
    _seismic_tao_cached cache[_SEISMIC_TAO_CACHE];
    uint8_t account_prefix[32]; /* twox128("System") ‖ twox128("Account") */
};

SEISMIC_API seismic_subtensor *seismic_subtensor_create(seismic_client *c, const seismic_subtensor_desc *desc,
                                                        seismic_error *err) {
    if (!c) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "subtensor: a client is required");
        return NULL;
    }
    uint16_t prefix = desc && desc->ss58_prefix ? desc->ss58_prefix : SEISMIC_SS58_BITTENSOR;
    if (!_seismic_ss58_prefix_valid(prefix)) {
        _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "subtensor: SS58 prefix %u is not valid", prefix);
        return NULL;
    }
    seismic_subtensor *st = (seismic_subtensor *)_seismic_alloc(&c->desc.allocator, sizeof *st);
    if (!st) {
        _seismic_fail(err, SEISMIC_ERR_NO_MEMORY, "subtensor: out of memory");
        return NULL;
    }
    memset(st, 0, sizeof *st);
    _seismic_own(c, &st->own);
    st->prefix = prefix;
    seismic_twox128("System", 6, st->account_prefix);
    seismic_twox128("Account", 7, st->account_prefix + 16);
    return st;
}

SEISMIC_API void seismic_subtensor_destroy(seismic_subtensor *st) {
    if (!st) return;
    seismic_client *c = st->own.client;
    seismic_allocator a = st->own.allocator;
    for (uint32_t i = 0; c && i < c->desc.max_requests; i++)
        if (c->reqs[i].state == _SEISMIC_REQ_ACTION && c->reqs[i].owner == st)
            _seismic_finish(c, &c->reqs[i], SEISMIC_ERR_CANCELED, "its subtensor was destroyed");
    _seismic_disown(&st->own);
    _seismic_free(&a, st);
}

SEISMIC_API seismic_client *seismic_subtensor_client(const seismic_subtensor *st) { return st->own.client; }

SEISMIC_API seismic_block_ref seismic_subtensor_reuse_block(const seismic_subtensor *st) {
    seismic_block_ref none;
    if (st->has_last) return seismic_block_at_hash(st->last_hash);
    memset(&none, 0, sizeof none);
    return none;
}

static _seismic_tao_cached *_seismic_tao_cache(seismic_subtensor *st, const uint8_t hash[32], bool create) {
    _seismic_tao_cached *oldest = &st->cache[0];
    for (int i = 0; i < _SEISMIC_TAO_CACHE; i++) {
        _seismic_tao_cached *e = &st->cache[i];
        if ((e->has_number || e->has_spec) && memcmp(e->hash, hash, 32) == 0) {
            e->used = ++st->clock;
            return e;
        }
        if (e->used < oldest->used) oldest = e;
    }
    if (!create) return NULL;
    memset(oldest, 0, sizeof *oldest);
    memcpy(oldest->hash, hash, 32);
    oldest->used = ++st->clock;
    return oldest;
}

/* --- actions --- */

enum {
    _SEISMIC_TAO_BLOCK_HASH = 1,
    _SEISMIC_TAO_BALANCES,
    _SEISMIC_TAO_BALANCE,
    _SEISMIC_TAO_TOTAL_SUBNETS,
    _SEISMIC_TAO_NETUIDS,
    _SEISMIC_TAO_HOTKEY_ALPHA,
    _SEISMIC_TAO_NEURONS,
    _SEISMIC_TAO_DELEGATED,
    _SEISMIC_TAO_STORAGE_KEYS,
};

#define _SEISMIC_TAO_PAGE 100 /* keys per state_getKeysPaged, as the Python client asks */
#define _SEISMIC_TAO_MAX_KEYS 1000u /* the most state_getKeysPaged gives (Substrate's limit) */

typedef struct _seismic_tao_keyed {
    uint8_t key[80]; /* System.Account: prefix ‖ blake2_128(account) ‖ account */
    uint32_t index;
} _seismic_tao_keyed;

#define _SEISMIC_TAO_ABSENT 0xff

typedef struct _seismic_tao_op {
    seismic_subtensor *st;
    int kind;
    bool pinned, has_number, has_spec, query_sent, query_done;
    uint8_t hash[32];
    uint64_t number;
    uint32_t spec;
    uint32_t waiting;        /* steps in flight */
    /* balances: the addresses in input order, their keys sorted (to match the answer), their values */
    size_t count;
    uint8_t (*accounts)[32];
    _seismic_tao_keyed *keyed;
    uint8_t (*values)[64];
    uint8_t *value_len;      /* _SEISMIC_TAO_ABSENT: no value (a zero balance) */
    seismic_buf value;       /* other queries: the value's bytes */
    bool value_present;
    uint16_t netuid;
    uint8_t account[32];     /* hotkey / coldkey */
    /* netuids: pages of keys, each page's values */
    uint16_t *netuids;
    size_t netuid_count, netuid_cap;
    bool paging_done, have_start;
    uint8_t page_start[34];  /* the last key seen */
    uint32_t pages;
    /* storage keys: the caller's prefix and start key (copied), how many; the answer's keys go to value as
       records of a 2-byte little-endian length and the key */
    seismic_buf key_prefix, key_start;
    bool has_key_start;
    uint32_t key_count;
} _seismic_tao_op;

static void _seismic_tao_op_free(seismic_client *c, void *p) {
    _seismic_tao_op *op = (_seismic_tao_op *)p;
    seismic_buf_free(&op->value);
    seismic_buf_free(&op->key_prefix);
    seismic_buf_free(&op->key_start);
    _seismic_free(&c->desc.allocator, op->accounts);
    _seismic_free(&c->desc.allocator, op->keyed);
    _seismic_free(&c->desc.allocator, op->values);
    _seismic_free(&c->desc.allocator, op->value_len);
    _seismic_free(&c->desc.allocator, op->netuids);
}

static void _seismic_tao_advance(seismic_client *c, _seismic_req *parent);

/* A step of a subtensor action: a child request counted in op->waiting. */
static bool _seismic_tao_step(seismic_client *c, _seismic_req *parent, const char *method, seismic_buf *params,
                              seismic_callback step) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    bool ok = !params->failed && _seismic_action_call(c, parent, method, seismic_buf_cstr(params), step, 0);
    if (params->failed) _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "%s: out of memory", method);
    seismic_buf_free(params);
    if (!ok) {
        _seismic_finish(c, parent, c->last_error.result, c->last_error.message);
        return false;
    }
    op->waiting++;
    return true;
}

/* The parent of a step's answer, its op, and the answer checked for success. NULL when the action is over
   (it was already failed by this call when the answer is an error). */
static _seismic_tao_op *_seismic_tao_answer(seismic_client *c, const seismic_response *resp, void *user,
                                            const char *context, _seismic_req **parent_out) {
    _seismic_req *parent = _seismic_action_of(c, user);
    if (!parent) return NULL;
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    op->waiting--;
    if (resp->result != SEISMIC_OK) {
        _seismic_action_fail_from(c, parent, resp, context);
        return NULL;
    }
    *parent_out = parent;
    return op;
}

static void _seismic_tao_params_hash(seismic_json_writer *w, const uint8_t hash[32]) { seismic_json_writer_hex(w, hash, 32); }

static void _seismic_scale_put_compact(seismic_buf *out, uint64_t v) {
    uint8_t b[9];
    size_t n;
    if (v < 64) {
        b[0] = (uint8_t)(v << 2), n = 1;
    } else if (v < (1u << 14)) {
        b[0] = (uint8_t)(v << 2 | 1), b[1] = (uint8_t)(v >> 6), n = 2;
    } else if (v < (1u << 30)) {
        uint32_t x = (uint32_t)(v << 2 | 2);
        for (int i = 0; i < 4; i++) b[i] = (uint8_t)(x >> (8 * i));
        n = 4;
    } else {
        size_t bytes = 4;
        while (bytes < 8 && (v >> (8 * bytes))) bytes++;
        b[0] = (uint8_t)((bytes - 4) << 2 | 3);
        for (size_t i = 0; i < bytes; i++) b[1 + i] = (uint8_t)(v >> (8 * i));
        n = bytes + 1;
    }
    seismic_buf_append(out, b, n);
}

/* True if the header object hashes (blake2b-256 of its SCALE encoding) to hash: the number then belongs to
   that block, whatever the node answers for a hash it does not have. */
static bool _seismic_tao_header_matches(seismic_client *c, const seismic_json *j, int header, const uint8_t hash[32],
                                        uint64_t *number) {
    uint8_t field[32], digest[32];
    seismic_buf scale = {NULL, 0, 0, false, c->desc.allocator, false};
    int logs = seismic_json_find(j, seismic_json_find(j, header, "digest"), "logs");
    bool ok = seismic_json_get_u64(j, seismic_json_find(j, header, "number"), number) == SEISMIC_OK &&
              *number <= UINT32_MAX && seismic_json_is(j, logs, SEISMIC_JSON_ARRAY) &&
              seismic_json_get_bytes(j, seismic_json_find(j, header, "parentHash"), field, 32, NULL) == SEISMIC_OK;
    if (ok) seismic_buf_append(&scale, field, 32);
    if (ok) _seismic_scale_put_compact(&scale, *number);
    ok = ok && seismic_json_get_bytes(j, seismic_json_find(j, header, "stateRoot"), field, 32, NULL) == SEISMIC_OK;
    if (ok) seismic_buf_append(&scale, field, 32);
    ok = ok && seismic_json_get_bytes(j, seismic_json_find(j, header, "extrinsicsRoot"), field, 32, NULL) == SEISMIC_OK;
    if (ok) {
        seismic_buf_append(&scale, field, 32);
        _seismic_scale_put_compact(&scale, seismic_json_size(j, logs));
    }
    for (int log = ok ? seismic_json_first_child(j, logs) : -1; log >= 0 && ok; log = seismic_json_next_sibling(j, logs, log))
        ok = seismic_json_get_bytes_buf(j, log, &scale) == SEISMIC_OK; /* each log is a SCALE DigestItem */
    ok = ok && !scale.failed && seismic_blake2b(scale.data, scale.len, digest, 32) == SEISMIC_OK &&
         memcmp(digest, hash, 32) == 0;
    seismic_buf_free(&scale);
    return ok;
}

static void _seismic_tao_header_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "chain_getHeader", &parent);
    _SEISMIC_UNUSED(req);
    if (!op) return;
    if (!_seismic_tao_header_matches(c, &resp->json, resp->result_index, op->hash, &op->number)) {
        _seismic_finish(c, parent, SEISMIC_ERR_INVALID_ARGUMENT,
                        "chain_getHeader: the node has no block with that hash (its answer is another block's header)");
        return;
    }
    op->has_number = true;
    _seismic_tao_cached *e = _seismic_tao_cache(op->st, op->hash, true);
    e->has_number = true;
    e->number = op->number;
    _seismic_tao_advance(c, parent);
}

static void _seismic_tao_version_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "state_getRuntimeVersion", &parent);
    uint64_t spec = 0;
    _SEISMIC_UNUSED(req);
    if (!op) return;
    const seismic_json *j = &resp->json;
    if (seismic_json_get_u64(j, seismic_json_find(j, resp->result_index, "specVersion"), &spec) || spec > UINT32_MAX) {
        _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_getRuntimeVersion: no specVersion in the answer");
        return;
    }
    op->spec = (uint32_t)spec;
    op->has_spec = true;
    _seismic_tao_cached *e = _seismic_tao_cache(op->st, op->hash, true);
    e->has_spec = true;
    e->spec = op->spec;
    _seismic_tao_advance(c, parent);
}


static void _seismic_tao_keys_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user);
static void _seismic_tao_flags_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user);

/* NetworksAdded: prefix ‖ le16(netuid) */
static void _seismic_tao_networks_prefix(uint8_t out[32]) {
    seismic_twox128("SubtensorModule", 15, out);
    seismic_twox128("NetworksAdded", 13, out + 16);
}

static bool _seismic_tao_next_page(seismic_client *c, _seismic_req *parent) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    uint8_t prefix[32];
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    _seismic_tao_networks_prefix(prefix);
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_hex(&w, prefix, 32);
    seismic_json_writer_u64(&w, _SEISMIC_TAO_PAGE);
    if (op->have_start) seismic_json_writer_hex(&w, op->page_start, 34);
    else seismic_json_writer_null(&w);
    _seismic_tao_params_hash(&w, op->hash);
    seismic_json_writer_array_end(&w);
    op->pages++;
    return _seismic_tao_step(c, parent, "state_getKeysPaged", &params, _seismic_tao_keys_answer);
}

/* A page of NetworksAdded keys: its values are asked at once, and the next page if this one was full. */
static void _seismic_tao_keys_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "state_getKeysPaged", &parent);
    uint8_t prefix[32], key[34];
    _SEISMIC_UNUSED(req);
    if (!op) return;
    const seismic_json *j = &resp->json;
    int keys = resp->result_index;
    size_t n = seismic_json_size(j, keys);
    if (!seismic_json_is(j, keys, SEISMIC_JSON_ARRAY) || n > _SEISMIC_TAO_PAGE) {
        _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_getKeysPaged: expected an array of at most 100 keys");
        return;
    }
    _seismic_tao_networks_prefix(prefix);
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_json_writer_init(&w, &params);
    seismic_json_writer_array_begin(&w);
    seismic_json_writer_array_begin(&w);
    for (int k = seismic_json_first_child(j, keys); k >= 0; k = seismic_json_next_sibling(j, keys, k)) {
        if (seismic_json_get_bytes(j, k, key, 34, NULL) || memcmp(key, prefix, 32) != 0) {
            seismic_buf_free(&params);
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_getKeysPaged: a key outside NetworksAdded");
            return;
        }
        if (op->have_start && memcmp(key, op->page_start, 34) <= 0) { /* keys only move forward: paging ends */
            seismic_buf_free(&params);
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_getKeysPaged: keys out of order");
            return;
        }
        memcpy(op->page_start, key, 34);
        op->have_start = true;
        seismic_json_writer_hex(&w, key, 34);
    }
    seismic_json_writer_array_end(&w);
    _seismic_tao_params_hash(&w, op->hash);
    seismic_json_writer_array_end(&w);
    if (n == 0) seismic_buf_free(&params);
    else if (!_seismic_tao_step(c, parent, "state_queryStorageAt", &params, _seismic_tao_flags_answer)) return;
    if (n < _SEISMIC_TAO_PAGE) op->paging_done = true;
    else if (!_seismic_tao_next_page(c, parent)) return;
    _seismic_tao_advance(c, parent);
}

/* The first entry of a state_queryStorageAt answer (its block must be ours): index of "changes". */
static int _seismic_tao_changes(const seismic_json *j, int result, const uint8_t hash[32]) {
    uint8_t block[32];
    int first = seismic_json_array_get(j, result, 0);
    if (seismic_json_size(j, result) != 1 || seismic_json_get_bytes(j, seismic_json_find(j, first, "block"), block, 32, NULL) ||
        memcmp(block, hash, 32) != 0)
        return -1;
    int changes = seismic_json_find(j, first, "changes");
    return seismic_json_is(j, changes, SEISMIC_JSON_ARRAY) ? changes : -1;
}

static void _seismic_tao_flags_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "state_queryStorageAt", &parent);
    uint8_t prefix[32];
    _SEISMIC_UNUSED(req);
    if (!op) return;
    const seismic_json *j = &resp->json;
    int changes = _seismic_tao_changes(j, resp->result_index, op->hash);
    if (changes < 0) {
        _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_queryStorageAt: expected one entry for the pinned block");
        return;
    }
    _seismic_tao_networks_prefix(prefix);
    for (int ch = seismic_json_first_child(j, changes); ch >= 0; ch = seismic_json_next_sibling(j, changes, ch)) {
        uint8_t key[34], flag = 0;
        int value = seismic_json_array_get(j, ch, 1);
        if (seismic_json_size(j, ch) != 2 || seismic_json_get_bytes(j, seismic_json_array_get(j, ch, 0), key, 34, NULL) ||
            memcmp(key, prefix, 32) != 0) {
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_queryStorageAt: a change is not [NetworksAdded key, value]");
            return;
        }
        if (seismic_json_is(j, value, SEISMIC_JSON_NULL)) continue;
        if (seismic_json_get_bytes(j, value, &flag, 1, NULL) || flag > 1) {
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "NetworksAdded: a value that is not a bool");
            return;
        }
        if (!flag) continue;
        if (op->netuid_count == op->netuid_cap) {
            size_t cap = op->netuid_cap ? op->netuid_cap * 2 : 64;
            uint16_t *grown = (uint16_t *)_seismic_alloc(&c->desc.allocator, cap * sizeof *grown);
            if (!grown) {
                _seismic_finish(c, parent, SEISMIC_ERR_NO_MEMORY, "netuids: out of memory");
                return;
            }
            if (op->netuid_count) memcpy(grown, op->netuids, op->netuid_count * sizeof *grown);
            _seismic_free(&c->desc.allocator, op->netuids);
            op->netuids = grown;
            op->netuid_cap = cap;
        }
        op->netuids[op->netuid_count++] = (uint16_t)(key[32] | key[33] << 8);
    }
    _seismic_tao_advance(c, parent);
}

static int _seismic_tao_keyed_cmp(const void *a, const void *b) {
    return memcmp(((const _seismic_tao_keyed *)a)->key, ((const _seismic_tao_keyed *)b)->key, 80);
}

/* Each change of a state_queryStorageAt answer goes to every address with that key; keys nobody asked
   for are an error, keys left out are absent values. */
static bool _seismic_tao_match_changes(seismic_client *c, _seismic_req *parent, const seismic_response *resp) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    const seismic_json *j = &resp->json;
    int changes = _seismic_tao_changes(j, resp->result_index, op->hash);
    if (changes < 0) {
        _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_queryStorageAt: expected one entry for the pinned block");
        return false;
    }
    for (int ch = seismic_json_first_child(j, changes); ch >= 0; ch = seismic_json_next_sibling(j, changes, ch)) {
        _seismic_tao_keyed probe;
        uint8_t value[64];
        size_t len = 0;
        int v = seismic_json_array_get(j, ch, 1);
        if (seismic_json_size(j, ch) != 2 || seismic_json_get_bytes(j, seismic_json_array_get(j, ch, 0), probe.key, 80, NULL)) {
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_queryStorageAt: a change is not [System.Account key, value]");
            return false;
        }
        const _seismic_tao_keyed *hit =
            (const _seismic_tao_keyed *)bsearch(&probe, op->keyed, op->count, sizeof probe, _seismic_tao_keyed_cmp);
        if (!hit) {
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "state_queryStorageAt: the answer has a key that was not asked");
            return false;
        }
        bool absent = seismic_json_is(j, v, SEISMIC_JSON_NULL);
        if (!absent && seismic_json_get_bytes(j, v, value, sizeof value, &len)) {
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "System.Account: a value that is not hex of at most 64 bytes");
            return false;
        }
        while (hit > op->keyed && _seismic_tao_keyed_cmp(hit - 1, &probe) == 0) hit--;
        for (; hit < op->keyed + op->count && _seismic_tao_keyed_cmp(hit, &probe) == 0; hit++) {
            op->value_len[hit->index] = absent ? _SEISMIC_TAO_ABSENT : (uint8_t)len;
            memcpy(op->values[hit->index], value, len);
        }
    }
    return true;
}

/* The query's answer is kept as bytes and decoded once the block's spec is known. */
static void _seismic_tao_query_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "query", &parent);
    _SEISMIC_UNUSED(req);
    if (!op) return;
    const seismic_json *j = &resp->json;
    if (op->kind == _SEISMIC_TAO_BALANCES) {
        if (!_seismic_tao_match_changes(c, parent, resp)) return;
    } else if (!seismic_json_is(j, resp->result_index, SEISMIC_JSON_NULL)) {
        op->value.len = 0;
        if (seismic_json_get_bytes_buf(j, resp->result_index, &op->value)) {
            _seismic_finish(c, parent, SEISMIC_ERR_PARSE, "the answer is not hex data");
            return;
        }
        op->value_present = true;
    }
    op->query_done = true;
    _seismic_tao_advance(c, parent);
}

/* a < b for storage keys: bytewise, a prefix before what extends it (the node's order) */
static bool _seismic_tao_key_before(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen) {
    int d = memcmp(a, b, alen < blen ? alen : blen);
    return d < 0 || (d == 0 && alen < blen);
}

/* state_getKeysPaged's answer, checked against what was asked, kept as records in op->value. */
static void _seismic_tao_storage_keys_answer(seismic_client *c, seismic_request req, const seismic_response *resp,
                                             void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "state_getKeysPaged", &parent);
    _SEISMIC_UNUSED(req);
    if (!op) return;
    const seismic_json *j = &resp->json;
    int keys = resp->result_index;
    seismic_error e = {"", SEISMIC_OK};
    if (!seismic_json_is(j, keys, SEISMIC_JSON_ARRAY) || seismic_json_size(j, keys) > op->key_count) {
        _seismic_fail(&e, SEISMIC_ERR_PARSE, "state_getKeysPaged: expected an array of at most %u keys",
                      (unsigned)op->key_count);
        _seismic_finish(c, parent, e.result, e.message);
        return;
    }
    size_t i = 0, prev_at = 0, prev_len = 0; /* the key before: offset in value (appends may move the buffer) */
    bool has_prev = false;
    op->value.len = 0;
    for (int k = seismic_json_first_child(j, keys); k >= 0; k = seismic_json_next_sibling(j, keys, k), i++) {
        static const uint8_t no_length[2] = {0, 0};
        size_t at = op->value.len + 2;
        seismic_buf_append(&op->value, no_length, 2);
        if (seismic_json_get_bytes_buf(j, k, &op->value) || op->value.failed) {
            _seismic_fail(&e, op->value.failed ? SEISMIC_ERR_NO_MEMORY : SEISMIC_ERR_PARSE,
                          "state_getKeysPaged: key %zu is not hex data", i);
            _seismic_finish(c, parent, e.result, e.message);
            return;
        }
        const uint8_t *key = op->value.data + at;
        size_t len = op->value.len - at;
        if (len > 0xffff || len < op->key_prefix.len || memcmp(key, op->key_prefix.data, op->key_prefix.len) != 0) {
            _seismic_fail(&e, SEISMIC_ERR_PARSE, "state_getKeysPaged: key %zu does not start with the prefix", i);
            _seismic_finish(c, parent, e.result, e.message);
            return;
        }
        bool after = has_prev ? _seismic_tao_key_before(op->value.data + prev_at, prev_len, key, len)
                     : !op->has_key_start || _seismic_tao_key_before(op->key_start.data, op->key_start.len, key, len);
        if (!after) {
            _seismic_fail(&e, SEISMIC_ERR_PARSE, "state_getKeysPaged: key %zu is not after the key before it", i);
            _seismic_finish(c, parent, e.result, e.message);
            return;
        }
        op->value.data[at - 2] = (uint8_t)len;
        op->value.data[at - 1] = (uint8_t)(len >> 8);
        has_prev = true;
        prev_at = at;
        prev_len = len;
    }
    op->query_done = true;
    _seismic_tao_advance(c, parent);
}

static void _seismic_tao_storage_at(seismic_json_writer *w, const uint8_t *key, size_t len, const uint8_t hash[32]) {
    seismic_json_writer_array_begin(w);
    seismic_json_writer_hex(w, key, len);
    _seismic_tao_params_hash(w, hash);
    seismic_json_writer_array_end(w);
}

/* [method, "0x<SCALE arguments>", hash] */
static void _seismic_tao_state_call(seismic_json_writer *w, const char *method, const uint8_t *arg, size_t len,
                                    const uint8_t hash[32]) {
    seismic_json_writer_array_begin(w);
    seismic_json_writer_string(w, method);
    seismic_json_writer_hex(w, arg, len);
    _seismic_tao_params_hash(w, hash);
    seismic_json_writer_array_end(w);
}

static void _seismic_tao_send_query(seismic_client *c, _seismic_req *parent) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_buf key = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    const char *method = "state_getStorageAt";
    op->query_sent = true;
    seismic_json_writer_init(&w, &params);
    switch (op->kind) {
    case _SEISMIC_TAO_BALANCES:
        method = "state_queryStorageAt";
        seismic_json_writer_array_begin(&w);
        seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < op->count; i++) seismic_json_writer_hex(&w, op->keyed[i].key, 80);
        seismic_json_writer_array_end(&w);
        _seismic_tao_params_hash(&w, op->hash);
        seismic_json_writer_array_end(&w);
        break;
    case _SEISMIC_TAO_BALANCE: _seismic_tao_storage_at(&w, op->keyed[0].key, 80, op->hash); break;
    case _SEISMIC_TAO_TOTAL_SUBNETS: {
        uint8_t k[32];
        seismic_twox128("SubtensorModule", 15, k);
        seismic_twox128("TotalNetworks", 13, k + 16);
        _seismic_tao_storage_at(&w, k, 32, op->hash);
        break;
    }
    case _SEISMIC_TAO_HOTKEY_ALPHA: {
        uint8_t netuid[2] = {(uint8_t)op->netuid, (uint8_t)(op->netuid >> 8)};
        seismic_storage_key_part parts[2];
        parts[0].hasher = SEISMIC_HASHER_BLAKE2_128_CONCAT;
        parts[0].data = op->account;
        parts[0].len = 32;
        parts[1].hasher = SEISMIC_HASHER_IDENTITY;
        parts[1].data = netuid;
        parts[1].len = 2;
        seismic_storage_key("SubtensorModule", "TotalHotkeyAlpha", parts, 2, &key);
        _seismic_tao_storage_at(&w, key.data, key.len, op->hash);
        break;
    }
    case _SEISMIC_TAO_NEURONS: {
        uint8_t arg[2] = {(uint8_t)op->netuid, (uint8_t)(op->netuid >> 8)};
        method = "state_call";
        _seismic_tao_state_call(&w, "NeuronInfoRuntimeApi_get_neurons_lite", arg, 2, op->hash);
        break;
    }
    case _SEISMIC_TAO_DELEGATED: {
        uint8_t arg[33]; /* Vec<u8> of the account before spec 233 (its Bytes-era API), else the AccountId */
        bool wrapped = op->spec < 233;
        arg[0] = 0x80; /* Compact(32) */
        memcpy(arg + 1, op->account, 32);
        method = "state_call";
        _seismic_tao_state_call(&w, "DelegateInfoRuntimeApi_get_delegated", wrapped ? arg : arg + 1, wrapped ? 33 : 32,
                                op->hash);
        break;
    }
    case _SEISMIC_TAO_STORAGE_KEYS:
        method = "state_getKeysPaged";
        seismic_json_writer_array_begin(&w);
        seismic_json_writer_hex(&w, op->key_prefix.data, op->key_prefix.len);
        seismic_json_writer_u64(&w, op->key_count);
        if (op->has_key_start) seismic_json_writer_hex(&w, op->key_start.data, op->key_start.len);
        else seismic_json_writer_null(&w);
        _seismic_tao_params_hash(&w, op->hash);
        seismic_json_writer_array_end(&w);
        break;
    default: break;
    }
    seismic_buf_free(&key);
    if (op->kind == _SEISMIC_TAO_NETUIDS) {
        seismic_buf_free(&params);
        _seismic_tao_next_page(c, parent);
        return;
    }
    _seismic_tao_step(c, parent, method, &params,
                      op->kind == _SEISMIC_TAO_STORAGE_KEYS ? _seismic_tao_storage_keys_answer : _seismic_tao_query_answer);
}

/* A block is pinned: its number and spec come from the cache or ride in the same batch as the query. */
static void _seismic_tao_pinned(seismic_client *c, _seismic_req *parent) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    _seismic_tao_cached *e = _seismic_tao_cache(op->st, op->hash, false);
    op->pinned = true;
    if (e && e->has_number) op->has_number = true, op->number = e->number;
    if (e && e->has_spec) op->has_spec = true, op->spec = e->spec;
    if (!op->has_number) {
        seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &params);
        seismic_json_writer_array_begin(&w);
        _seismic_tao_params_hash(&w, op->hash);
        seismic_json_writer_array_end(&w);
        if (!_seismic_tao_step(c, parent, "chain_getHeader", &params, _seismic_tao_header_answer)) return;
    }
    if (!op->has_spec && op->kind != _SEISMIC_TAO_BLOCK_HASH) {
        seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &params);
        seismic_json_writer_array_begin(&w);
        _seismic_tao_params_hash(&w, op->hash);
        seismic_json_writer_array_end(&w);
        if (!_seismic_tao_step(c, parent, "state_getRuntimeVersion", &params, _seismic_tao_version_answer)) return;
    }
    _seismic_tao_advance(c, parent);
}

static void _seismic_tao_hash_answer(seismic_client *c, seismic_request req, const seismic_response *resp, void *user) {
    _seismic_req *parent = NULL;
    _seismic_tao_op *op = _seismic_tao_answer(c, resp, user, "pinning the block", &parent);
    _SEISMIC_UNUSED(req);
    if (!op) return;
    if (seismic_json_get_bytes(&resp->json, resp->result_index, op->hash, 32, NULL)) {
        _seismic_finish(c, parent, SEISMIC_ERR_INVALID_ARGUMENT, "pinning the block: the node has no such block");
        return;
    }
    _seismic_tao_pinned(c, parent);
}

static void _seismic_tao_complete(seismic_client *c, _seismic_req *parent);

/* Sends what can go now and completes the action when nothing is left to wait for. */
static void _seismic_tao_advance(seismic_client *c, _seismic_req *parent) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    if (!op->pinned) return;
    bool needs_query = op->kind != _SEISMIC_TAO_BLOCK_HASH;
    /* get_delegated's argument depends on the runtime; everything else goes out with the lookups */
    if (needs_query && !op->query_sent && (op->kind != _SEISMIC_TAO_DELEGATED || op->has_spec)) {
        _seismic_tao_send_query(c, parent);
        if (parent->state != _SEISMIC_REQ_ACTION) return;
    }
    if (op->waiting) return;
    if (op->kind == _SEISMIC_TAO_NETUIDS ? !op->paging_done : needs_query && !op->query_done) return;
    _seismic_tao_complete(c, parent);
}

/* The SCALE payload of a runtime API answer: runtimes before 233 wrap it in Bytes (Vec<u8>). *offset and
   *len locate it in op->value. */
static seismic_result _seismic_tao_unwrap(const _seismic_tao_op *op, size_t *offset, size_t *len, seismic_error *err) {
    *offset = 0;
    *len = op->value.len;
    if (op->spec < 151)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "spec %u: a runtime API layout this SDK does not know", (unsigned)op->spec);
    if (op->spec >= 233) return SEISMIC_OK;
    seismic_scale_reader r;
    size_t n = 0;
    seismic_scale_reader_init(&r, op->value.data, op->value.len, err);
    if (seismic_scale_read_vec_len(&r, 1, &n)) return r.result;
    if (n != op->value.len - r.pos)
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "scale: the Bytes wrapper says %zu bytes, %zu follow", n, op->value.len - r.pos);
    *offset = r.pos;
    *len = n;
    return SEISMIC_OK;
}

static void _seismic_tao_write_amount(seismic_json_writer *w, const char *key, uint64_t v) {
    char text[24];
    snprintf(text, sizeof text, "%llu", (unsigned long long)v);
    seismic_json_writer_key(w, key);
    seismic_json_writer_string(w, text);
}

/* Everything is in: decode with the block's spec and end the action with its JSON result. */
static void _seismic_tao_complete(seismic_client *c, _seismic_req *parent) {
    _seismic_tao_op *op = (_seismic_tao_op *)parent->action;
    seismic_buf out = {NULL, 0, 0, false, c->desc.allocator, false};
    seismic_json_writer w;
    seismic_error err = {"", SEISMIC_OK};
    seismic_result r = SEISMIC_OK;
    seismic_json_writer_init(&w, &out);
    seismic_json_writer_object_begin(&w);
    seismic_json_writer_key(&w, "blockHash");
    seismic_json_writer_hex(&w, op->hash, 32);
    seismic_json_writer_key(&w, "blockNumber");
    seismic_json_writer_u64(&w, op->number);
    if (op->kind != _SEISMIC_TAO_BLOCK_HASH) {
        seismic_json_writer_key(&w, "specVersion");
        seismic_json_writer_u64(&w, op->spec);
    }
    switch (op->kind) {
    case _SEISMIC_TAO_BALANCES:
    case _SEISMIC_TAO_BALANCE:
        if (op->kind == _SEISMIC_TAO_BALANCE) { /* the single value came as bytes */
            op->value_len[0] = _SEISMIC_TAO_ABSENT;
            if (op->value_present && op->value.len <= 64) {
                memcpy(op->values[0], op->value.data, op->value.len);
                op->value_len[0] = (uint8_t)op->value.len;
            } else if (op->value_present) {
                r = _seismic_fail(&err, SEISMIC_ERR_PARSE, "System.Account: a %zu-byte value", op->value.len);
            }
        }
        seismic_json_writer_key(&w, "balances");
        seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < op->count && !r; i++) {
            seismic_tao_balance b;
            char address[SEISMIC_SS58_MAX_LEN + 1];
            memset(&b, 0, sizeof b);
            if (op->value_len[i] != _SEISMIC_TAO_ABSENT)
                r = seismic_tao_decode_account(op->values[i], op->value_len[i], op->spec, &b, &err);
            seismic_ss58_encode(op->accounts[i], op->st->prefix, address);
            seismic_json_writer_object_begin(&w);
            seismic_json_writer_key(&w, "address");
            seismic_json_writer_string(&w, address);
            _seismic_tao_write_amount(&w, "free", b.free);
            _seismic_tao_write_amount(&w, "reserved", b.reserved);
            _seismic_tao_write_amount(&w, "frozen", b.frozen);
            seismic_json_writer_object_end(&w);
        }
        seismic_json_writer_array_end(&w);
        break;
    case _SEISMIC_TAO_TOTAL_SUBNETS:
        if (op->value_present && op->value.len != 2)
            r = _seismic_fail(&err, SEISMIC_ERR_PARSE, "TotalNetworks: a %zu-byte value, a u16 has 2", op->value.len);
        seismic_json_writer_key(&w, "total");
        seismic_json_writer_u64(&w, op->value_present && !r ? (uint64_t)(op->value.data[0] | op->value.data[1] << 8) : 0);
        break;
    case _SEISMIC_TAO_HOTKEY_ALPHA:
        if (op->value_present && op->value.len != 8)
            r = _seismic_fail(&err, SEISMIC_ERR_PARSE, "TotalHotkeyAlpha: a %zu-byte value, a u64 has 8", op->value.len);
        _seismic_tao_write_amount(&w, "amount", op->value_present && !r ? _seismic_le64(op->value.data) : 0);
        break;
    case _SEISMIC_TAO_NETUIDS:
        for (size_t i = 1; i < op->netuid_count; i++) /* few, nearly sorted: insertion sort */
            for (size_t k = i; k > 0 && op->netuids[k - 1] > op->netuids[k]; k--) {
                uint16_t t = op->netuids[k];
                op->netuids[k] = op->netuids[k - 1];
                op->netuids[k - 1] = t;
            }
        seismic_json_writer_key(&w, "netuids");
        seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < op->netuid_count; i++) /* a netuid answered twice is listed once */
            if (i == 0 || op->netuids[i] != op->netuids[i - 1]) seismic_json_writer_u64(&w, op->netuids[i]);
        seismic_json_writer_array_end(&w);
        break;
    case _SEISMIC_TAO_STORAGE_KEYS:
        seismic_json_writer_key(&w, "keys");
        seismic_json_writer_array_begin(&w);
        for (size_t at = 0; at + 2 <= op->value.len;) {
            size_t len = (size_t)op->value.data[at] | (size_t)op->value.data[at + 1] << 8;
            seismic_json_writer_hex(&w, op->value.data + at + 2, len);
            at += 2 + len;
        }
        seismic_json_writer_array_end(&w);
        break;
    case _SEISMIC_TAO_NEURONS:
    case _SEISMIC_TAO_DELEGATED: {
        size_t offset = 0, len = 0;
        const uint8_t *bytes = op->value.data ? op->value.data : (const uint8_t *)"";
        if (!op->value_present) r = _seismic_fail(&err, SEISMIC_ERR_PARSE, "state_call: no answer data");
        else r = _seismic_tao_unwrap(op, &offset, &len, &err);
        if (!r) { /* decode it all once so that a layout mismatch fails here, with its offset */
            seismic_scale_reader sr;
            size_t count = 0, stakes = 0;
            _seismic_tao_delegate_sink sink;
            int layout = _seismic_tao_delegate_layout(op->spec);
            seismic_scale_reader_init(&sr, bytes + offset, len, &err);
            if (op->kind == _SEISMIC_TAO_NEURONS) r = _seismic_tao_neurons_count(&sr, &count, &stakes);
            else if (!layout)
                r = _seismic_fail(&err, SEISMIC_ERR_PARSE, "get_delegated: spec %u has a DelegateInfo layout this SDK does not know",
                                  (unsigned)op->spec);
            else r = _seismic_tao_delegated_count(&sr, layout, &count, &sink);
        }
        if (op->kind == _SEISMIC_TAO_NEURONS) {
            seismic_json_writer_key(&w, "netuid");
            seismic_json_writer_u64(&w, op->netuid);
        }
        seismic_json_writer_key(&w, op->kind == _SEISMIC_TAO_NEURONS ? "neurons" : "delegated");
        seismic_json_writer_hex(&w, bytes + offset, r ? 0 : len);
        break;
    }
    default: break;
    }
    seismic_json_writer_object_end(&w);
    if (r) {
        char message[220];
        snprintf(message, sizeof message, "%s", err.message);
        _seismic_finish(c, parent, r, message);
    } else if (out.failed) {
        _seismic_finish(c, parent, SEISMIC_ERR_NO_MEMORY, "subtensor: out of memory");
    } else {
        op->st->has_last = true;
        memcpy(op->st->last_hash, op->hash, 32);
        _seismic_action_done(c, parent, (const char *)out.data, out.len);
    }
    seismic_buf_free(&out);
}

/* Substrate has no pending or safe block; anything else maps to a block hash lookup. */
static bool _seismic_tao_block_ok(seismic_client *c, const seismic_block_ref *block) {
    if (!block || block->kind == SEISMIC_BLOCK_LATEST || block->kind == SEISMIC_BLOCK_FINALIZED ||
        block->kind == SEISMIC_BLOCK_EARLIEST || block->kind == SEISMIC_BLOCK_NUMBER || block->kind == SEISMIC_BLOCK_HASH)
        return true;
    _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "subtensor: a Substrate chain has no such block reference");
    return false;
}

/* Starts an action: pins the block (or takes the given hash) and lets the steps run. */
static _seismic_req *_seismic_tao_begin(seismic_subtensor *st, int kind, const seismic_block_ref *block,
                                        const seismic_request_options *opts) {
    seismic_client *c = st->own.client;
    if (!c || !_seismic_tao_block_ok(c, block)) return NULL; /* no client: it was destroyed */
    _seismic_req *r = _seismic_action_begin(c, opts, sizeof(_seismic_tao_op), _seismic_tao_op_free, st);
    if (!r) return NULL;
    _seismic_tao_op *op = (_seismic_tao_op *)r->action;
    op->st = st;
    op->kind = kind;
    op->value.allocator = c->desc.allocator;
    return r;
}

static seismic_request _seismic_tao_start(seismic_subtensor *st, _seismic_req *r, const seismic_block_ref *block) {
    seismic_client *c = st->own.client;
    _seismic_tao_op *op = (_seismic_tao_op *)r->action;
    seismic_request handle = {r->id};
    seismic_block_kind kind = block ? block->kind : SEISMIC_BLOCK_LATEST;
    const char *method = "chain_getHead";
    if (kind == SEISMIC_BLOCK_HASH) {
        memcpy(op->hash, block->hash, 32);
        _seismic_tao_pinned(c, r);
        return handle;
    }
    seismic_buf params = {NULL, 0, 0, false, c->desc.allocator, false};
    if (kind == SEISMIC_BLOCK_NUMBER || kind == SEISMIC_BLOCK_EARLIEST) {
        char text[40];
        snprintf(text, sizeof text, "[%llu]", (unsigned long long)(kind == SEISMIC_BLOCK_NUMBER ? block->number : 0));
        seismic_buf_append_str(&params, text);
        method = "chain_getBlockHash";
    } else {
        seismic_buf_append_str(&params, "[]");
        if (kind == SEISMIC_BLOCK_FINALIZED) method = "chain_getFinalizedHead";
    }
    _seismic_tao_step(c, r, method, &params, _seismic_tao_hash_answer);
    return handle;
}

/* A caller's SS58 address, decoded and checked against the subtensor's prefix. */
static seismic_result _seismic_tao_account(const seismic_subtensor *st, const char *ss58, uint8_t out[32], seismic_error *err) {
    uint16_t prefix = 0;
    seismic_error inner = {"", SEISMIC_OK};
    if (!ss58) return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "ss58: address is NULL");
    if (seismic_ss58_decode(ss58, out, &prefix, &inner))
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%.60s: %s", ss58, inner.message);
    if (prefix != st->prefix)
        return _seismic_fail(err, SEISMIC_ERR_INVALID_ARGUMENT, "%.60s: SS58 prefix %u, this chain uses %u", ss58, prefix,
                             st->prefix);
    return SEISMIC_OK;
}

static seismic_request _seismic_tao_none(void) {
    seismic_request none = {0};
    return none;
}

SEISMIC_API seismic_request seismic_tao_get_block_hash(seismic_subtensor *st, const seismic_block_ref *block,
                                                       const seismic_request_options *opts) {
    _seismic_req *r = _seismic_tao_begin(st, _SEISMIC_TAO_BLOCK_HASH, block, opts);
    return r ? _seismic_tao_start(st, r, block) : _seismic_tao_none();
}

static seismic_request _seismic_tao_balances(seismic_subtensor *st, int kind, const char *const *ss58, size_t count,
                                             const seismic_block_ref *block, const seismic_request_options *opts) {
    seismic_client *c = st->own.client;
    if (!c) return _seismic_tao_none(); /* its client was destroyed */
    const seismic_allocator *a = &c->desc.allocator;
    if (count == 0 || count > UINT32_MAX || !ss58) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "get_balances: at least one address");
        return _seismic_tao_none();
    }
    uint8_t (*accounts)[32] = (uint8_t (*)[32])_seismic_alloc(a, count * 32);
    if (!accounts) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "get_balances: out of memory");
        return _seismic_tao_none();
    }
    for (size_t i = 0; i < count; i++)
        if (_seismic_tao_account(st, ss58[i], accounts[i], &c->last_error)) { /* refused before anything is sent */
            _seismic_free(a, accounts);
            return _seismic_tao_none();
        }
    _seismic_req *r = _seismic_tao_begin(st, kind, block, opts);
    if (!r) {
        _seismic_free(a, accounts);
        return _seismic_tao_none();
    }
    _seismic_tao_op *op = (_seismic_tao_op *)r->action;
    op->count = count;
    op->accounts = accounts;
    op->keyed = (_seismic_tao_keyed *)_seismic_alloc(a, count * sizeof *op->keyed);
    op->values = (uint8_t (*)[64])_seismic_alloc(a, count * 64);
    op->value_len = (uint8_t *)_seismic_alloc(a, count);
    if (!op->keyed || !op->values || !op->value_len) {
        seismic_request handle = {r->id};
        _seismic_finish(c, r, SEISMIC_ERR_NO_MEMORY, "get_balances: out of memory");
        return handle;
    }
    memset(op->value_len, _SEISMIC_TAO_ABSENT, count);
    for (size_t i = 0; i < count; i++) {
        memcpy(op->keyed[i].key, st->account_prefix, 32);
        seismic_blake2b(accounts[i], 32, op->keyed[i].key + 32, 16);
        memcpy(op->keyed[i].key + 48, accounts[i], 32);
        op->keyed[i].index = (uint32_t)i;
    }
    qsort(op->keyed, count, sizeof *op->keyed, _seismic_tao_keyed_cmp);
    return _seismic_tao_start(st, r, block);
}

SEISMIC_API seismic_request seismic_tao_get_balances(seismic_subtensor *st, const char *const *ss58, size_t count,
                                                     const seismic_block_ref *block, const seismic_request_options *opts) {
    return _seismic_tao_balances(st, _SEISMIC_TAO_BALANCES, ss58, count, block, opts);
}

SEISMIC_API seismic_request seismic_tao_get_balance(seismic_subtensor *st, const char *ss58,
                                                    const seismic_block_ref *block, const seismic_request_options *opts) {
    return _seismic_tao_balances(st, _SEISMIC_TAO_BALANCE, &ss58, 1, block, opts);
}

SEISMIC_API seismic_request seismic_tao_get_total_subnets(seismic_subtensor *st, const seismic_block_ref *block,
                                                          const seismic_request_options *opts) {
    _seismic_req *r = _seismic_tao_begin(st, _SEISMIC_TAO_TOTAL_SUBNETS, block, opts);
    return r ? _seismic_tao_start(st, r, block) : _seismic_tao_none();
}

SEISMIC_API seismic_request seismic_tao_get_netuids(seismic_subtensor *st, const seismic_block_ref *block,
                                                    const seismic_request_options *opts) {
    _seismic_req *r = _seismic_tao_begin(st, _SEISMIC_TAO_NETUIDS, block, opts);
    return r ? _seismic_tao_start(st, r, block) : _seismic_tao_none();
}

SEISMIC_API seismic_request seismic_tao_get_storage_keys(seismic_subtensor *st, const uint8_t *prefix,
                                                         size_t prefix_len, uint32_t count, const uint8_t *start_key,
                                                         size_t start_len, const seismic_block_ref *block,
                                                         const seismic_request_options *opts) {
    seismic_client *c = st->own.client;
    if (!c) return _seismic_tao_none(); /* its client was destroyed */
    if ((prefix_len && !prefix) || (start_len && !start_key)) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "storage keys: a length without its bytes");
        return _seismic_tao_none();
    }
    if (count == 0 || count > _SEISMIC_TAO_MAX_KEYS) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "storage keys: count %u is not 1..%u", (unsigned)count,
                      _SEISMIC_TAO_MAX_KEYS);
        return _seismic_tao_none();
    }
    _seismic_req *r = _seismic_tao_begin(st, _SEISMIC_TAO_STORAGE_KEYS, block, opts);
    if (!r) return _seismic_tao_none();
    _seismic_tao_op *op = (_seismic_tao_op *)r->action;
    op->key_prefix.allocator = op->key_start.allocator = c->desc.allocator;
    if (prefix_len) seismic_buf_append(&op->key_prefix, prefix, prefix_len);
    if (start_key) seismic_buf_append(&op->key_start, start_key, start_len);
    op->has_key_start = start_key != NULL;
    op->key_count = count;
    if (op->key_prefix.failed || op->key_start.failed) {
        _seismic_fail(&c->last_error, SEISMIC_ERR_NO_MEMORY, "storage keys: out of memory");
        _seismic_action_abort(c, r);
        return _seismic_tao_none();
    }
    return _seismic_tao_start(st, r, block);
}

/* Actions keyed by one account (and maybe a netuid). */
static seismic_request _seismic_tao_account_action(seismic_subtensor *st, int kind, const char *ss58, uint16_t netuid,
                                                   const seismic_block_ref *block, const seismic_request_options *opts) {
    uint8_t account[32];
    if (!st->own.client) return _seismic_tao_none(); /* its client was destroyed */
    if (ss58 && _seismic_tao_account(st, ss58, account, &st->own.client->last_error)) return _seismic_tao_none();
    _seismic_req *r = _seismic_tao_begin(st, kind, block, opts);
    if (!r) return _seismic_tao_none();
    _seismic_tao_op *op = (_seismic_tao_op *)r->action;
    if (ss58) memcpy(op->account, account, 32);
    op->netuid = netuid;
    return _seismic_tao_start(st, r, block);
}

SEISMIC_API seismic_request seismic_tao_get_total_hotkey_alpha(seismic_subtensor *st, const char *hotkey_ss58,
                                                               uint16_t netuid, const seismic_block_ref *block,
                                                               const seismic_request_options *opts) {
    if (!hotkey_ss58 && st->own.client) {
        _seismic_fail(&st->own.client->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "get_total_hotkey_alpha: hotkey is NULL");
        return _seismic_tao_none();
    }
    return _seismic_tao_account_action(st, _SEISMIC_TAO_HOTKEY_ALPHA, hotkey_ss58, netuid, block, opts);
}

SEISMIC_API seismic_request seismic_tao_neurons_lite(seismic_subtensor *st, uint16_t netuid,
                                                     const seismic_block_ref *block, const seismic_request_options *opts) {
    return _seismic_tao_account_action(st, _SEISMIC_TAO_NEURONS, NULL, netuid, block, opts);
}

SEISMIC_API seismic_request seismic_tao_get_delegated(seismic_subtensor *st, const char *coldkey_ss58,
                                                      const seismic_block_ref *block, const seismic_request_options *opts) {
    if (!coldkey_ss58 && st->own.client) {
        _seismic_fail(&st->own.client->last_error, SEISMIC_ERR_INVALID_ARGUMENT, "get_delegated: coldkey is NULL");
        return _seismic_tao_none();
    }
    return _seismic_tao_account_action(st, _SEISMIC_TAO_DELEGATED, coldkey_ss58, 0, block, opts);
}

/* --- typed results --- */

SEISMIC_API seismic_result seismic_response_tao_block(const seismic_response *resp, seismic_tao_block *at) {
    uint64_t spec = 0;
    memset(at, 0, sizeof *at);
    if (!resp) return SEISMIC_ERR_INVALID_HANDLE;
    if (resp->result) return resp->result;
    const seismic_json *j = &resp->json;
    int o = resp->result_index, s = seismic_json_find(j, o, "specVersion");
    if (!seismic_json_is(j, o, SEISMIC_JSON_OBJECT) ||
        seismic_json_get_bytes(j, seismic_json_find(j, o, "blockHash"), at->hash, 32, NULL) ||
        seismic_json_get_u64(j, seismic_json_find(j, o, "blockNumber"), &at->number) ||
        (s >= 0 && (seismic_json_get_u64(j, s, &spec) || spec > UINT32_MAX)))
        return SEISMIC_ERR_PARSE;
    at->spec_version = (uint32_t)spec;
    return SEISMIC_OK;
}

static seismic_result _seismic_tao_amount(const seismic_json *j, int object, const char *key, uint64_t *out) {
    seismic_u256 v;
    if (seismic_json_get_u256(j, seismic_json_find(j, object, key), &v) || !seismic_u256_to_u64(&v, out))
        return SEISMIC_ERR_PARSE;
    return SEISMIC_OK;
}

/* The array member key of a result, its size, and response-owned memory for size items. */
static seismic_result _seismic_tao_result_array(const seismic_response *resp, const char *key, size_t item, int *list,
                                                size_t *count, void **memory) {
    const seismic_json *j = &resp->json;
    *list = seismic_json_find(j, resp->result_index, key);
    if (!seismic_json_is(j, *list, SEISMIC_JSON_ARRAY)) return SEISMIC_ERR_PARSE;
    *count = seismic_json_size(j, *list);
    *memory = _seismic_response_views(resp, *count, item);
    return *memory ? SEISMIC_OK : SEISMIC_ERR_NO_MEMORY;
}

SEISMIC_API seismic_result seismic_response_tao_balances(const seismic_response *resp, seismic_tao_balances *out) {
    int list = -1;
    size_t count = 0, i = 0;
    void *memory = NULL;
    memset(out, 0, sizeof *out);
    seismic_result r = seismic_response_tao_block(resp, &out->at);
    if (!r) r = _seismic_tao_result_array(resp, "balances", sizeof(seismic_tao_balance), &list, &count, &memory);
    if (r) return r;
    seismic_tao_balance *b = (seismic_tao_balance *)memory;
    const seismic_json *j = &resp->json;
    for (int e = seismic_json_first_child(j, list); e >= 0; e = seismic_json_next_sibling(j, list, e), i++)
        if (_seismic_tao_amount(j, e, "free", &b[i].free) || _seismic_tao_amount(j, e, "reserved", &b[i].reserved) ||
            _seismic_tao_amount(j, e, "frozen", &b[i].frozen))
            return SEISMIC_ERR_PARSE;
    out->balances = b;
    out->count = count;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_tao_netuids(const seismic_response *resp, seismic_tao_netuids *out) {
    int list = -1;
    size_t count = 0, i = 0;
    void *memory = NULL;
    memset(out, 0, sizeof *out);
    seismic_result r = seismic_response_tao_block(resp, &out->at);
    if (!r) r = _seismic_tao_result_array(resp, "netuids", sizeof(uint16_t), &list, &count, &memory);
    if (r) return r;
    uint16_t *netuids = (uint16_t *)memory;
    const seismic_json *j = &resp->json;
    for (int e = seismic_json_first_child(j, list); e >= 0; e = seismic_json_next_sibling(j, list, e), i++) {
        uint64_t v = 0;
        if (seismic_json_get_u64(j, e, &v) || v > UINT16_MAX) return SEISMIC_ERR_PARSE;
        netuids[i] = (uint16_t)v;
    }
    out->netuids = netuids;
    out->count = count;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_tao_storage_keys(const seismic_response *resp, seismic_tao_storage_keys *out) {
    int list = -1;
    size_t count = 0, bytes = 0, i = 0;
    void *memory = NULL;
    memset(out, 0, sizeof *out);
    seismic_result r = seismic_response_tao_block(resp, &out->at);
    if (r) return r;
    const seismic_json *j = &resp->json;
    list = seismic_json_find(j, resp->result_index, "keys");
    if (!seismic_json_is(j, list, SEISMIC_JSON_ARRAY)) return SEISMIC_ERR_PARSE;
    for (int e = seismic_json_first_child(j, list); e >= 0; e = seismic_json_next_sibling(j, list, e), count++) {
        size_t len = 0;
        if (!_seismic_json_hex_view(j, e, &len) || len % 2) return SEISMIC_ERR_PARSE;
        bytes += (len - 2) / 2;
    }
    /* the views, then the bytes they point at, in one block the response owns */
    if (count > (SIZE_MAX - bytes) / sizeof(seismic_tao_storage_key)) return SEISMIC_ERR_NO_MEMORY;
    memory = _seismic_response_views(resp, 1, count * sizeof(seismic_tao_storage_key) + bytes);
    if (!memory) return SEISMIC_ERR_NO_MEMORY;
    seismic_tao_storage_key *keys = (seismic_tao_storage_key *)memory;
    uint8_t *data = (uint8_t *)memory + count * sizeof *keys;
    for (int e = seismic_json_first_child(j, list); e >= 0; e = seismic_json_next_sibling(j, list, e), i++) {
        size_t len = 0;
        if (seismic_json_get_bytes(j, e, data, bytes, &len)) return SEISMIC_ERR_PARSE;
        keys[i].data = data;
        keys[i].len = len;
        data += len;
        bytes -= len;
    }
    out->keys = keys;
    out->count = count;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_tao_u64(const seismic_response *resp, seismic_tao_block *at, uint64_t *out) {
    seismic_tao_block ignored;
    seismic_result r = seismic_response_tao_block(resp, at ? at : &ignored);
    *out = 0;
    if (r) return r;
    const seismic_json *j = &resp->json;
    int total = seismic_json_find(j, resp->result_index, "total");
    if (total >= 0) return seismic_json_get_u64(j, total, out) ? SEISMIC_ERR_PARSE : SEISMIC_OK;
    return _seismic_tao_amount(j, resp->result_index, "amount", out);
}

/* The hex SCALE member of a runtime API result, as a reader over the response text (nothing copied). */
static seismic_result _seismic_tao_scale_field(const seismic_response *resp, const char *key, seismic_tao_block *at,
                                               seismic_scale_reader *r, seismic_error *err) {
    seismic_result res = seismic_response_tao_block(resp, at);
    if (res) return _seismic_fail(err, res, "%s", resp && resp->error_message ? resp->error_message : "not a subtensor result");
    const seismic_json *j = &resp->json;
    int field = seismic_json_find(j, resp->result_index, key);
    if (!seismic_json_is(j, field, SEISMIC_JSON_STRING) || (j->tokens[field].flags & SEISMIC_JSON_FLAG_ESCAPES) ||
        !_seismic_scale_reader_hex(r, j->text + j->tokens[field].start, j->tokens[field].len, err))
        return _seismic_fail(err, SEISMIC_ERR_PARSE, "the result has no hex \"%s\"", key);
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_response_tao_neurons(const seismic_response *resp, seismic_tao_neurons *out) {
    seismic_scale_reader r;
    memset(out, 0, sizeof *out);
    seismic_result res = _seismic_tao_scale_field(resp, "neurons", &out->at, &r, NULL);
    return res ? res : _seismic_tao_neurons_decode(&r, _seismic_tao_alloc_view, (void *)(uintptr_t)resp, out, NULL);
}

SEISMIC_API seismic_result seismic_response_tao_delegated(const seismic_response *resp, seismic_tao_delegated *out) {
    seismic_scale_reader r;
    memset(out, 0, sizeof *out);
    seismic_result res = _seismic_tao_scale_field(resp, "delegated", &out->at, &r, NULL);
    return res ? res
               : _seismic_tao_delegated_decode(&r, out->at.spec_version, _seismic_tao_alloc_view, (void *)(uintptr_t)resp,
                                               out, NULL);
}

/* --- blocking twins --- */

/* Waits for a subtensor action. On success *out is its response, valid until the caller releases the request;
   on failure the request is released and err says why. */
static seismic_result _seismic_tao_wait(seismic_subtensor *st, seismic_request request, const seismic_response **out,
                                        seismic_error *err) {
    seismic_client *c = st->own.client;
    *out = NULL;
    if (!c) return _seismic_fail(err, SEISMIC_ERR_SHUTDOWN, "subtensor: its client was destroyed");
    if (!request.id) return _seismic_fail(err, c->last_error.result, "%s", c->last_error.message);
    seismic_result waited = seismic_client_wait(c, request, -1);
    if (waited == SEISMIC_ERR_SHUTDOWN) return _seismic_fail(err, waited, "subtensor: the client was destroyed while waiting");
    if (waited) {
        seismic_request_release(c, request);
        return _seismic_fail(err, waited, "%s", c->last_error.message);
    }
    const seismic_response *resp = seismic_request_response(c, request);
    seismic_result r = resp ? resp->result : SEISMIC_ERR_INVALID_HANDLE;
    if (r) {
        if (r == SEISMIC_ERR_RPC) _seismic_fail(err, r, "%lld: %s", (long long)resp->rpc_code, resp->error_message);
        else _seismic_fail(err, r, "%s", resp && resp->error_message ? resp->error_message : seismic_result_string(r));
        seismic_request_release(c, request);
        return r;
    }
    *out = resp;
    return SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_get_block_hash_blocking(seismic_subtensor *st, const seismic_block_ref *block,
                                                               seismic_tao_block *at, seismic_error *err) {
    seismic_request q = seismic_tao_get_block_hash(st, block, NULL);
    const seismic_response *resp;
    seismic_result r = _seismic_tao_wait(st, q, &resp, err);
    if (r) return r;
    r = seismic_response_tao_block(resp, at);
    seismic_request_release(st->own.client, q);
    return r ? _seismic_fail(err, r, "get_block_hash: a malformed result") : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_get_balances_blocking(seismic_subtensor *st, const char *const *ss58, size_t count,
                                                             const seismic_block_ref *block, seismic_tao_block *at,
                                                             seismic_tao_balance *out, seismic_error *err) {
    seismic_request q = seismic_tao_get_balances(st, ss58, count, block, NULL);
    const seismic_response *resp;
    seismic_tao_balances b;
    seismic_result r = _seismic_tao_wait(st, q, &resp, err);
    if (r) return r;
    r = seismic_response_tao_balances(resp, &b);
    if (!r && b.count != count) r = SEISMIC_ERR_PARSE;
    if (!r) {
        memcpy(out, b.balances, count * sizeof *out);
        if (at) *at = b.at;
    }
    seismic_request_release(st->own.client, q);
    return r ? _seismic_fail(err, r, "get_balances: a malformed result") : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_get_total_subnets_blocking(seismic_subtensor *st, const seismic_block_ref *block,
                                                                  seismic_tao_block *at, uint64_t *total,
                                                                  seismic_error *err) {
    seismic_request q = seismic_tao_get_total_subnets(st, block, NULL);
    const seismic_response *resp;
    seismic_result r = _seismic_tao_wait(st, q, &resp, err);
    if (r) return r;
    r = seismic_response_tao_u64(resp, at, total);
    seismic_request_release(st->own.client, q);
    return r ? _seismic_fail(err, r, "get_total_subnets: a malformed result") : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_get_netuids_blocking(seismic_subtensor *st, const seismic_block_ref *block,
                                                            seismic_tao_block *at, uint16_t *out, size_t cap,
                                                            size_t *count, seismic_error *err) {
    seismic_request q = seismic_tao_get_netuids(st, block, NULL);
    const seismic_response *resp;
    seismic_tao_netuids n;
    seismic_result r = _seismic_tao_wait(st, q, &resp, err);
    *count = 0;
    if (r) return r;
    r = seismic_response_tao_netuids(resp, &n);
    if (!r) {
        *count = n.count;
        if (at) *at = n.at;
        if (n.count > cap) r = SEISMIC_ERR_CAPACITY;
        else memcpy(out, n.netuids, n.count * sizeof *out);
    }
    seismic_request_release(st->own.client, q);
    if (r == SEISMIC_ERR_CAPACITY) return _seismic_fail(err, r, "get_netuids: %zu netuids do not fit in %zu", *count, cap);
    return r ? _seismic_fail(err, r, "get_netuids: a malformed result") : SEISMIC_OK;
}

SEISMIC_API seismic_result seismic_tao_neurons_lite_blocking(seismic_subtensor *st, uint16_t netuid,
                                                             const seismic_block_ref *block,
                                                             const seismic_allocator *allocator,
                                                             seismic_tao_neurons *out, seismic_error *err) {
    seismic_request q = seismic_tao_neurons_lite(st, netuid, block, NULL);
    const seismic_response *resp;
    seismic_scale_reader reader;
    seismic_allocator none = {NULL, NULL, NULL};
    memset(out, 0, sizeof *out);
    seismic_result r = _seismic_tao_wait(st, q, &resp, err);
    if (r) return r;
    r = _seismic_tao_scale_field(resp, "neurons", &out->at, &reader, err);
    if (!r) r = _seismic_tao_neurons_decode(&reader, _seismic_tao_alloc_heap, (void *)(allocator ? allocator : &none), out, err);
    seismic_request_release(st->own.client, q);
    return r;
}

SEISMIC_API seismic_result seismic_tao_get_delegated_blocking(seismic_subtensor *st, const char *coldkey_ss58,
                                                              const seismic_block_ref *block,
                                                              const seismic_allocator *allocator,
                                                              seismic_tao_delegated *out, seismic_error *err) {
    seismic_request q = seismic_tao_get_delegated(st, coldkey_ss58, block, NULL);
    const seismic_response *resp;
    seismic_scale_reader reader;
    seismic_allocator none = {NULL, NULL, NULL};
    memset(out, 0, sizeof *out);
    seismic_result r = _seismic_tao_wait(st, q, &resp, err);
    if (r) return r;
    r = _seismic_tao_scale_field(resp, "delegated", &out->at, &reader, err);
    if (!r)
        r = _seismic_tao_delegated_decode(&reader, out->at.spec_version, _seismic_tao_alloc_heap,
                                          (void *)(allocator ? allocator : &none), out, err);
    seismic_request_release(st->own.client, q);
    return r;
}
#endif /* SEISMIC_NO_SUBSTRATE */
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
