/* The seismic command-line tool: what main.c (dispatch, global options, shared helpers) and the command
   families share. Each family file (offline.c, network.c, seismic.c) ends with its table of commands;
   main.c lists the tables in `families`. A new family (e.g. bittensor.c for tao / ss58) adds its file,
   declares its table below and adds one line to `families`. */
#ifndef SEISMIC_CLI_H
#define SEISMIC_CLI_H
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime, isatty, fileno under -std=c99 */
#endif
#include "seismic.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(_WIN32)
#include <windows.h> /* QueryPerformanceCounter */
#endif

typedef struct command {
    const char *name;
    const char *usage;
    const char *help;
    int (*run)(int argc, char **argv);
} command;

/* The command tables of the families, in the order `seismic help` lists them. */
extern const command cli_offline_commands[];
extern const size_t cli_offline_command_count;
extern const command cli_network_commands[];
extern const size_t cli_network_command_count;
extern const command cli_seismic_commands[];
extern const size_t cli_seismic_command_count;
extern const command cli_bittensor_commands[];
extern const size_t cli_bittensor_command_count;
extern const command cli_devnet_commands[];
extern const size_t cli_devnet_command_count;

/* Global options (see usage()): they may come before or after the command. */
typedef struct cli_globals {
    const char *rpc_url;
    const char *private_key;
    const char *key_source; /* where the key came from, for messages */
    bool json;              /* machine-readable output: one JSON value */
    double timeout_s;
    bool timeout_given;     /* --timeout was given (create2's search has no deadline otherwise) */
    uint32_t timeout_ms;
    const char *cmd;        /* the running command, for messages */
    seismic_client *client; /* opened on first use */
    seismic_wallet *wallet;
    char warning[300];      /* the client's last logged warning */
    bool show_warnings;     /* echo the client's warnings on stderr (long-running watches) */
} cli_globals;
extern cli_globals g;

/* Output: a string (a JSON string with --json), hex, numbers; JSON writer helpers. */
void out_string(const char *s);
void print_hex(const void *data, size_t len);
void emit(seismic_buf *b);
void print_u256(const seismic_u256 *v, bool ether);
void print_u64(uint64_t v);
void append_output(const seismic_abi_value *values, size_t index, seismic_buf *out);
void put_u256(seismic_json_writer *w, const char *key, const seismic_u256 *v);
void put_u64(seismic_json_writer *w, const char *key, uint64_t v);
void put_hex(seismic_json_writer *w, const char *key, const void *data, size_t len);
void put_address(seismic_json_writer *w, const char *key, bool present, const seismic_address *a);

/* Errors: print "seismic: ..." on stderr and return the exit status 1. */
int fail(const char *fmt, const char *detail);
int fail_error(const char *what, const seismic_error *err, seismic_result r);
int failf(const char *fmt, ...);
int fail_request(const char *what, seismic_result r, const char *message);

/* Arguments: options are taken out of argv; parsers print what is wrong and return 1. */
bool has_flag(int *argc, char **argv, const char *flag);
const char *take_option(int *argc, char **argv, const char *name, bool *bad);
int reject_options(int argc, char **argv);
int parse_address(const char *text, seismic_address *out, const char *what);
int parse_hash(const char *text, uint8_t out[32], const char *what);
int parse_u64(const char *text, uint64_t *out, const char *what);
int parse_amount(const char *text, seismic_u256 *out, const char *what);
bool is_tag(const char *text);
int parse_block(const char *text, seismic_block_ref *out);

/* The node: the client and the wallet (created on first use, NULL after printing why not), and requests
   awaited: their successful response, read with the typed accessors until seismic_request_release (NULL
   after printing the failure), or a value (0, or 1 after printing the failure). */
seismic_client *client(void);
int load_key(seismic_private_key *key);
seismic_wallet *wallet(seismic_message_version message_version);
const seismic_response *await_response(seismic_request req, const char *what);
int await_tx_hash(seismic_request req, const char *what, uint8_t hash[32]);
int await_u64(seismic_request req, const char *what, uint64_t *out);
int await_u256(seismic_request req, const char *what, seismic_u256 *out);
const seismic_response *wait_receipt(const uint8_t hash[32], seismic_request *req);
double now_s(void);
bool is_websocket(const char *url);

/* Contract calls and transactions, shared by call/send (network.c) and sread/swrite (seismic.c). */
int parse_tx_options(int *argc, char **argv, seismic_tx_options *tx);
int report_tx(const char *what, const uint8_t hash[32], bool wait, bool deployed, const seismic_address *contract);
int run_contract(seismic_contract_mode mode, int argc, char **argv);

/* create2 (create2.c): CREATE2 addresses and cast's vanity salt search. */
int cli_create2(int argc, char **argv);

#endif
