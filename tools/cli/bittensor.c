/* Bittensor (subtensor) reads and SS58 addresses: `seismic tao ...` and `seismic ss58 ...`. */
#include "cli.h"

/* The subtensor over the client, created per command. */
static seismic_subtensor *subtensor(void) {
    seismic_error err = {"", SEISMIC_OK};
    if (!client()) return NULL;
    seismic_subtensor *st = seismic_subtensor_create(g.client, NULL, &err);
    if (!st) fail_error(g.cmd, &err, err.result);
    return st;
}

static void put_block(seismic_json_writer *w, const seismic_tao_block *at) {
    put_hex(w, "blockHash", at->hash, 32);
    seismic_json_writer_key(w, "blockNumber");
    seismic_json_writer_u64(w, at->number);
}

static void put_rao(seismic_json_writer *w, const char *key, uint64_t rao) {
    char text[24];
    snprintf(text, sizeof text, "%llu", (unsigned long long)rao);
    seismic_json_writer_key(w, key);
    seismic_json_writer_string(w, text);
}

static void print_tao(const char *label, uint64_t rao) {
    char text[32];
    seismic_tao_format(rao, text);
    printf("%s\xcf\x84%s", label, text); /* τ */
}

/* block-hash [N] */
static int tao_block_hash(int argc, char **argv) {
    seismic_block_ref at;
    memset(&at, 0, sizeof at);
    if (argc > 1) return failf("block-hash takes at most one block number");
    if (argc == 1) {
        uint64_t n;
        if (parse_u64(argv[0], &n, "block")) return 1;
        at = seismic_block_at_number(n);
    }
    seismic_subtensor *st = subtensor();
    if (!st) return 1;
    seismic_request req = seismic_tao_get_block_hash(st, &at, NULL);
    const seismic_response *resp = await_response(req, "block-hash");
    seismic_tao_block block;
    int status = 1;
    if (resp && seismic_response_tao_block(resp, &block) == SEISMIC_OK) {
        if (g.json) {
            seismic_buf b = {0};
            seismic_json_writer w;
            seismic_json_writer_init(&w, &b);
            seismic_json_writer_object_begin(&w);
            put_block(&w, &block);
            seismic_json_writer_object_end(&w);
            emit(&b);
            seismic_buf_free(&b);
        } else {
            print_hex(block.hash, 32);
        }
        status = 0;
    }
    if (resp) seismic_request_release(g.client, req);
    seismic_subtensor_destroy(st);
    return status;
}

/* balances [--block-hash H] [--sequential] SS58... */
static int tao_balances(int argc, char **argv) {
    bool bad = false, sequential = has_flag(&argc, argv, "--sequential");
    const char *pin = take_option(&argc, argv, "--block-hash", &bad);
    seismic_block_ref at;
    memset(&at, 0, sizeof at);
    if (bad || reject_options(argc, argv)) return 1;
    if (argc < 1) return failf("balances needs at least one SS58 address");
    if (pin) {
        uint8_t hash[32];
        if (parse_hash(pin, hash, "--block-hash")) return 1;
        at = seismic_block_at_hash(hash);
    }
    seismic_subtensor *st = subtensor();
    if (!st) return 1;
    size_t count = (size_t)argc;
    seismic_tao_balance *balances = (seismic_tao_balance *)calloc(count, sizeof *balances);
    seismic_tao_block block;
    int status = 1;
    if (!balances) {
        seismic_subtensor_destroy(st);
        return failf("out of memory");
    }
    if (!sequential) { /* one state_queryStorageAt for all of them */
        seismic_request req = seismic_tao_get_balances(st, (const char *const *)argv, count, &at, NULL);
        const seismic_response *resp = await_response(req, "balances");
        seismic_tao_balances got;
        if (resp) {
            if (seismic_response_tao_balances(resp, &got) == SEISMIC_OK && got.count == count) {
                memcpy(balances, got.balances, count * sizeof *balances);
                block = got.at;
                status = 0;
            } else {
                failf("balances: a malformed result");
            }
            seismic_request_release(g.client, req);
        }
    } else { /* the one-at-a-time way: pin the block, then one state_getStorageAt per address, each awaited */
        seismic_request req = seismic_tao_get_block_hash(st, &at, NULL);
        const seismic_response *resp = await_response(req, "block-hash");
        status = resp && seismic_response_tao_block(resp, &block) == SEISMIC_OK ? 0 : 1;
        if (resp) seismic_request_release(g.client, req);
        at = seismic_block_at_hash(block.hash);
        for (size_t i = 0; i < count && status == 0; i++) {
            seismic_tao_balances one;
            req = seismic_tao_get_balance(st, argv[i], &at, NULL);
            resp = await_response(req, "balance");
            if (!resp) {
                status = 1;
                break;
            }
            if (seismic_response_tao_balances(resp, &one) != SEISMIC_OK || one.count != 1)
                status = failf("balance: a malformed result");
            else
                balances[i] = one.balances[0];
            seismic_request_release(g.client, req);
        }
    }
    if (status == 0) {
        if (g.json) {
            seismic_buf b = {0};
            seismic_json_writer w;
            seismic_json_writer_init(&w, &b);
            seismic_json_writer_object_begin(&w);
            put_block(&w, &block);
            seismic_json_writer_key(&w, "balances");
            seismic_json_writer_array_begin(&w);
            for (size_t i = 0; i < count; i++) {
                seismic_json_writer_object_begin(&w);
                seismic_json_writer_key(&w, "address");
                seismic_json_writer_string(&w, argv[i]);
                put_rao(&w, "free", balances[i].free);
                put_rao(&w, "reserved", balances[i].reserved);
                put_rao(&w, "frozen", balances[i].frozen);
                seismic_json_writer_object_end(&w);
            }
            seismic_json_writer_array_end(&w);
            seismic_json_writer_object_end(&w);
            emit(&b);
            seismic_buf_free(&b);
        } else {
            for (size_t i = 0; i < count; i++) {
                printf("%s ", argv[i]);
                print_tao("", balances[i].free);
                putchar('\n');
            }
        }
    }
    free(balances);
    seismic_subtensor_destroy(st);
    return status;
}

/* subnets: the netuids in NetworksAdded and TotalNetworks, at one block */
static int tao_subnets(int argc, char **argv) {
    if (reject_options(argc, argv)) return 1;
    if (argc) return failf("subnets takes no arguments");
    seismic_subtensor *st = subtensor();
    if (!st) return 1;
    seismic_request total_req = seismic_tao_get_total_subnets(st, NULL, NULL);
    const seismic_response *resp = await_response(total_req, "total subnets");
    seismic_tao_block block;
    uint64_t total = 0;
    uint16_t netuids[4096];
    size_t count = 0;
    int status = 1;
    if (resp) {
        status = seismic_response_tao_u64(resp, &block, &total) ? failf("total subnets: a malformed result") : 0;
        seismic_request_release(g.client, total_req);
    }
    if (status == 0) { /* at the same block */
        seismic_block_ref at = seismic_block_at_hash(block.hash);
        seismic_request req = seismic_tao_get_netuids(st, &at, NULL);
        resp = await_response(req, "netuids");
        status = 1;
        if (resp) {
            seismic_tao_netuids got;
            status = seismic_response_tao_netuids(resp, &got) || got.count > sizeof netuids / sizeof *netuids
                         ? failf("netuids: a malformed result")
                         : 0;
            if (status == 0) {
                count = got.count;
                memcpy(netuids, got.netuids, count * sizeof *netuids);
                block = got.at;
            }
            seismic_request_release(g.client, req);
        }
    }
    if (status == 0) {
        if (g.json) {
            seismic_buf b = {0};
            seismic_json_writer w;
            seismic_json_writer_init(&w, &b);
            seismic_json_writer_object_begin(&w);
            put_block(&w, &block);
            seismic_json_writer_key(&w, "total");
            seismic_json_writer_u64(&w, total);
            seismic_json_writer_key(&w, "netuids");
            seismic_json_writer_array_begin(&w);
            for (size_t i = 0; i < count; i++) seismic_json_writer_u64(&w, netuids[i]);
            seismic_json_writer_array_end(&w);
            seismic_json_writer_object_end(&w);
            emit(&b);
            seismic_buf_free(&b);
        } else {
            printf("total %llu\n", (unsigned long long)total);
            for (size_t i = 0; i < count; i++) printf("netuid %u\n", netuids[i]);
        }
    }
    seismic_subtensor_destroy(st);
    return status;
}

static void put_ip(seismic_json_writer *w, const uint8_t ip[16]) {
    seismic_u256 v;
    char text[80];
    seismic_u256_from_be(ip, 16, &v);
    seismic_u256_to_dec(&v, text);
    seismic_json_writer_key(w, "ip");
    seismic_json_writer_string(w, text);
}

static void put_ss58(seismic_json_writer *w, const char *key, const uint8_t account[32]) {
    char address[SEISMIC_SS58_MAX_LEN + 1];
    seismic_ss58_encode(account, SEISMIC_SS58_BITTENSOR, address);
    seismic_json_writer_key(w, key);
    seismic_json_writer_string(w, address);
}

static void put_u16(seismic_json_writer *w, const char *key, uint64_t v) {
    seismic_json_writer_key(w, key);
    seismic_json_writer_u64(w, v);
}

/* neurons NETUID: NeuronInfoRuntimeApi_get_neurons_lite */
static int tao_neurons(int argc, char **argv) {
    uint64_t netuid;
    if (reject_options(argc, argv)) return 1;
    if (argc != 1) return failf("neurons needs one NETUID");
    if (parse_u64(argv[0], &netuid, "netuid")) return 1;
    if (netuid > UINT16_MAX) return failf("netuid %s is above 65535", argv[0]);
    seismic_subtensor *st = subtensor();
    if (!st) return 1;
    seismic_request req = seismic_tao_neurons_lite(st, (uint16_t)netuid, NULL, NULL);
    const seismic_response *resp = await_response(req, "neurons");
    seismic_tao_neurons n; /* its arrays live in the response until the release below */
    int status = 1;
    memset(&n, 0, sizeof n);
    if (resp) status = seismic_response_tao_neurons(resp, &n) ? failf("neurons: a malformed result") : 0;
    if (status == 0 && g.json) {
        seismic_buf b = {0};
        seismic_json_writer w;
        seismic_json_writer_init(&w, &b);
        seismic_json_writer_object_begin(&w);
        put_block(&w, &n.at);
        put_u16(&w, "netuid", netuid);
        seismic_json_writer_key(&w, "neurons");
        seismic_json_writer_array_begin(&w);
        for (size_t i = 0; i < n.count; i++) {
            const seismic_tao_neuron *x = &n.neurons[i];
            seismic_json_writer_object_begin(&w);
            put_u16(&w, "uid", x->uid);
            put_ss58(&w, "hotkey", x->hotkey);
            put_ss58(&w, "coldkey", x->coldkey);
            seismic_json_writer_key(&w, "active");
            seismic_json_writer_bool(&w, x->active);
            seismic_json_writer_key(&w, "axon");
            seismic_json_writer_object_begin(&w);
            put_rao(&w, "block", x->axon.block);
            put_u16(&w, "version", x->axon.version);
            put_ip(&w, x->axon.ip);
            put_u16(&w, "port", x->axon.port);
            put_u16(&w, "ipType", x->axon.ip_type);
            put_u16(&w, "protocol", x->axon.protocol);
            seismic_json_writer_object_end(&w);
            seismic_json_writer_key(&w, "prometheus");
            seismic_json_writer_object_begin(&w);
            put_rao(&w, "block", x->prometheus.block);
            put_u16(&w, "version", x->prometheus.version);
            put_ip(&w, x->prometheus.ip);
            put_u16(&w, "port", x->prometheus.port);
            put_u16(&w, "ipType", x->prometheus.ip_type);
            seismic_json_writer_object_end(&w);
            seismic_json_writer_key(&w, "stake");
            seismic_json_writer_array_begin(&w);
            for (size_t s = 0; s < x->stake_count; s++) {
                seismic_json_writer_object_begin(&w);
                put_ss58(&w, "coldkey", x->stake[s].account);
                put_rao(&w, "amount", x->stake[s].amount);
                seismic_json_writer_object_end(&w);
            }
            seismic_json_writer_array_end(&w);
            put_u16(&w, "rank", x->rank);
            put_rao(&w, "emission", x->emission);
            put_u16(&w, "incentive", x->incentive);
            put_u16(&w, "consensus", x->consensus);
            put_u16(&w, "trust", x->trust);
            put_u16(&w, "validatorTrust", x->validator_trust);
            put_u16(&w, "dividends", x->dividends);
            put_rao(&w, "lastUpdate", x->last_update);
            seismic_json_writer_key(&w, "validatorPermit");
            seismic_json_writer_bool(&w, x->validator_permit);
            put_u16(&w, "pruningScore", x->pruning_score);
            seismic_json_writer_object_end(&w);
        }
        seismic_json_writer_array_end(&w);
        seismic_json_writer_object_end(&w);
        emit(&b);
        seismic_buf_free(&b);
    } else if (status == 0) {
        for (size_t i = 0; i < n.count; i++) {
            const seismic_tao_neuron *x = &n.neurons[i];
            char hotkey[SEISMIC_SS58_MAX_LEN + 1], coldkey[SEISMIC_SS58_MAX_LEN + 1];
            uint64_t stake = 0;
            for (size_t s = 0; s < x->stake_count; s++) stake = stake + x->stake[s].amount < stake ? UINT64_MAX : stake + x->stake[s].amount;
            seismic_ss58_encode(x->hotkey, SEISMIC_SS58_BITTENSOR, hotkey);
            seismic_ss58_encode(x->coldkey, SEISMIC_SS58_BITTENSOR, coldkey);
            printf("uid %u hotkey %s coldkey %s %s ", x->uid, hotkey, coldkey, x->active ? "active" : "inactive");
            print_tao("stake ", stake);
            print_tao(" emission ", x->emission);
            printf(" rank %u trust %u consensus %u incentive %u dividends %u%s\n", x->rank, x->trust, x->consensus,
                   x->incentive, x->dividends, x->validator_permit ? " validator" : "");
        }
    }
    if (resp) seismic_request_release(g.client, req);
    seismic_subtensor_destroy(st);
    return status;
}

static int cmd_tao(int argc, char **argv) {
    static const struct { const char *name; int (*run)(int, char **); } subcommands[] = {
        {"block-hash", tao_block_hash}, {"balances", tao_balances}, {"subnets", tao_subnets}, {"neurons", tao_neurons},
    };
    if (argc < 1) return failf("which one: block-hash, balances, subnets or neurons (see --help)");
    for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
        if (strcmp(argv[0], subcommands[i].name) == 0) return subcommands[i].run(argc - 1, argv + 1);
    return failf("unknown subcommand %s: block-hash, balances, subnets or neurons", argv[0]);
}

static int cmd_ss58(int argc, char **argv) {
    bool bad = false;
    const char *prefix_text = argc >= 1 && strcmp(argv[0], "encode") == 0 ? take_option(&argc, argv, "--prefix", &bad) : NULL;
    if (bad || reject_options(argc, argv)) return 1;
    if (argc == 2 && strcmp(argv[0], "decode") == 0) {
        uint8_t account[32];
        uint16_t prefix = 0;
        seismic_error err = {"", SEISMIC_OK};
        seismic_result r = seismic_ss58_decode(argv[1], account, &prefix, &err);
        if (r) return fail_error("ss58 decode", &err, r);
        char hex[67];
        seismic_hex_encode(account, 32, hex);
        if (g.json) printf("{\"publicKey\":\"%s\",\"prefix\":%u}\n", hex, prefix);
        else printf("%s %u\n", hex, prefix);
        return 0;
    }
    if (argc == 2 && strcmp(argv[0], "encode") == 0) {
        uint8_t account[32];
        uint64_t prefix = SEISMIC_SS58_BITTENSOR;
        char address[SEISMIC_SS58_MAX_LEN + 1];
        if (prefix_text && parse_u64(prefix_text, &prefix, "--prefix")) return 1;
        if (seismic_hex_decode(argv[1], strlen(argv[1]), account, 32, NULL))
            return failf("%s is not a 32-byte public key (0x + 64 hex digits)", argv[1]);
        if (prefix > 16383 || seismic_ss58_encode(account, (uint16_t)prefix, address))
            return failf("--prefix %s: an SS58 prefix is 0 to 16383, except the reserved 46 and 47", prefix_text);
        out_string(address);
        return 0;
    }
    return failf("usage: ss58 decode ADDRESS | ss58 encode HEX [--prefix N]");
}

const command cli_bittensor_commands[] = {
    {"tao", "tao block-hash [N] | balances [--block-hash H] [--sequential] SS58... | subnets | neurons NETUID",
     "Bittensor (subtensor) reads over --rpc-url (http:// or ws://), each at one pinned block hash.\n"
     "  block-hash [N]   the head's hash (chain_getHead), or block N's (chain_getBlockHash); --json adds the number\n"
     "  balances SS58... free balances, one line \"SS58 \xcf\x84" "FREE\" each (9 decimals), read with ONE state_queryStorageAt\n"
     "                   at the head or --block-hash H; --sequential asks one address at a time instead.\n"
     "                   --json: {\"blockHash\",\"blockNumber\",\"balances\":[{\"address\",\"free\",\"reserved\",\"frozen\"}]}\n"
     "                   (amounts in rao, as decimal strings, in input order)\n"
     "  subnets          TotalNetworks and the netuids of NetworksAdded\n"
     "  neurons NETUID   NeuronInfoRuntimeApi_get_neurons_lite, one line per neuron (--json: every field)\n"
     "Addresses must carry Bittensor's SS58 prefix 42. Nothing is signed: these are reads.",
     cmd_tao},
    {"ss58", "ss58 decode ADDRESS | ss58 encode HEX [--prefix N]",
     "decode: checks an SS58 address (base58, prefix, length, blake2b checksum) and prints \"0x<public key> <prefix>\".\n"
     "encode: the address of a 32-byte public key with --prefix N [42, Bittensor].",
     cmd_ss58},
};
const size_t cli_bittensor_command_count = sizeof cli_bittensor_commands / sizeof *cli_bittensor_commands;
