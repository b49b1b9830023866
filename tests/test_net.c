/* The network layer under the engine: the DNS answer parser, the asynchronous resolver against
   tools/dnsserver.js (delays, drops, truncation, wrong ids and names, TTLs), happy eyeballs with a
   blackholed IPv6 address, and the bundled loop with more descriptors than any fixed array. */
#define SEISMIC_IMPLEMENTATION
#include "seismic.h"
#include "harness.h"
#include "support.h"

static const char *dns_server;

/* --- the parser, on messages built here --- */

typedef struct msg {
    uint8_t b[1024];
    size_t n;
} msg;

static void put(msg *m, const void *data, size_t len) {
    memcpy(m->b + m->n, data, len);
    m->n += len;
}
static void put16(msg *m, unsigned v) {
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    put(m, b, 2);
}
static void put32(msg *m, uint32_t v) {
    put16(m, v >> 16);
    put16(m, v & 0xffff);
}
static void put_name(msg *m, const char *name) {
    while (*name) {
        const char *dot = strchr(name, '.');
        size_t len = dot ? (size_t)(dot - name) : strlen(name);
        m->b[m->n++] = (uint8_t)len;
        put(m, name, len);
        name += len + (dot ? 1 : 0);
    }
    m->b[m->n++] = 0;
}
/* header + question for name/type */
static void start(msg *m, unsigned id, unsigned flags, const char *name, unsigned type, unsigned answers) {
    m->n = 0;
    put16(m, id);
    put16(m, flags);
    put16(m, 1);
    put16(m, answers);
    put16(m, 0);
    put16(m, 0);
    put_name(m, name);
    put16(m, type);
    put16(m, 1);
}
static void answer_ptr(msg *m, unsigned type, uint32_t ttl, const void *data, unsigned len) {
    put16(m, 0xc00c); /* the question's name */
    put16(m, type);
    put16(m, 1);
    put32(m, ttl);
    put16(m, len);
    put(m, data, len);
}

static void test_parser(void) {
    static const uint8_t lo[4] = {127, 0, 0, 1}, other[4] = {10, 0, 0, 1};
    _seismic_dns_answer a;
    msg m;
    start(&m, 0x1234, 0x8180, "Example.TEST", 1, 2);
    answer_ptr(&m, 1, 60, lo, 4);
    answer_ptr(&m, 1, 30, other, 4);
    CHECK(_seismic_dns_parse(m.b, m.n, 0x1234, "example.test", 1, &a));
    CHECK(a.rcode == 0 && !a.truncated && a.count == 2 && a.ttl == 30 && memcmp(a.addrs[0], lo, 4) == 0);
    CHECK(!_seismic_dns_parse(m.b, m.n, 0x1235, "example.test", 1, &a));  /* another id */
    CHECK(!_seismic_dns_parse(m.b, m.n, 0x1234, "example.tes", 1, &a));   /* another name */
    CHECK(!_seismic_dns_parse(m.b, m.n, 0x1234, "example.test", 28, &a)); /* another type */
    for (size_t cut = 0; cut < m.n; cut++) CHECK(!_seismic_dns_parse(m.b, cut, 0x1234, "example.test", 1, &a));
    m.b[2] = 0x01; /* a query, not a response */
    CHECK(!_seismic_dns_parse(m.b, m.n, 0x1234, "example.test", 1, &a));

    /* records of another type or another owner are not taken; AAAA with a 4-byte body is not an address */
    start(&m, 7, 0x8180, "x.test", 28, 2);
    answer_ptr(&m, 28, 60, lo, 4);
    put_name(&m, "y.test");
    put16(&m, 28), put16(&m, 1), put32(&m, 60), put16(&m, 16);
    put(&m, "0123456789abcdef", 16);
    CHECK(_seismic_dns_parse(m.b, m.n, 7, "x.test", 28, &a) && a.count == 0);

    /* a CNAME chain is followed; more addresses than kept are dropped, not overflowed */
    start(&m, 9, 0x8180, "alias.test", 1, 7);
    put16(&m, 0xc00c), put16(&m, 5), put16(&m, 1), put32(&m, 20), put16(&m, 8);
    put_name(&m, "t.test");
    for (int i = 0; i < 6; i++) {
        put_name(&m, "t.test");
        put16(&m, 1), put16(&m, 1), put32(&m, 100), put16(&m, 4);
        put(&m, lo, 4);
    }
    CHECK(_seismic_dns_parse(m.b, m.n, 9, "alias.test", 1, &a) && a.count == _SEISMIC_DNS_ADDRS && a.ttl == 20);

    /* a compression pointer to itself or forwards is refused (no loop) */
    start(&m, 5, 0x8180, "loop.test", 1, 1);
    size_t at = m.n;
    put16(&m, 0xc000 | (unsigned)at);
    put16(&m, 1), put16(&m, 1), put32(&m, 1), put16(&m, 4);
    put(&m, lo, 4);
    CHECK(!_seismic_dns_parse(m.b, m.n, 5, "loop.test", 1, &a));

    /* truncated and error answers are reported as such */
    start(&m, 3, 0x8380, "t.test", 1, 0);
    CHECK(_seismic_dns_parse(m.b, m.n, 3, "t.test", 1, &a) && a.truncated);
    start(&m, 3, 0x8183, "t.test", 1, 0);
    CHECK(_seismic_dns_parse(m.b, m.n, 3, "t.test", 1, &a) && a.rcode == 3 && a.count == 0);

    /* negative answers: the SOA of a zone holding the name (authority section) says how long they hold */
    static const struct { const char *zone; uint32_t ttl, minimum; bool cut; bool cacheable; uint32_t expect; } negs[] = {
        {"test", 3600, 60, false, true, 60},       /* min(TTL, MINIMUM) */
        {"n.test", 20, 60, false, true, 20},
        {"", 3600, 100000, false, true, _SEISMIC_DNS_MAX_NEGATIVE_TTL}, /* the root zone holds it too; capped */
        {"other.zone", 3600, 60, false, false, 0}, /* a zone the name is not in */
        {"st", 3600, 60, false, false, 0},         /* "st" is a suffix of "test" but not its zone */
        {"test", 3600, 60, true, false, 0},        /* rdata cut short */
    };
    for (int nx = 0; nx < 2; nx++)
        for (size_t i = 0; i < sizeof negs / sizeof *negs; i++) {
            start(&m, 11, nx ? 0x8183 : 0x8180, "x.n.test", 1, 0);
            m.b[9] = 1; /* one authority record */
            put_name(&m, negs[i].zone);
            put16(&m, 6), put16(&m, 1), put32(&m, negs[i].ttl);
            size_t len_at = m.n;
            put16(&m, 0);
            put_name(&m, "ns.test");
            put_name(&m, "hostmaster.test");
            put32(&m, 1), put32(&m, 7200), put32(&m, 900), put32(&m, 1209600);
            if (!negs[i].cut) put32(&m, negs[i].minimum);
            size_t rdlen = m.n - len_at - 2;
            m.b[len_at] = (uint8_t)(rdlen >> 8), m.b[len_at + 1] = (uint8_t)rdlen;
            CHECK(_seismic_dns_parse(m.b, m.n, 11, "x.n.test", 1, &a) && a.count == 0 && a.rcode == (nx ? 3 : 0));
            CHECK(a.negative_soa == negs[i].cacheable && a.negative_ttl == negs[i].expect);
        }
    /* an address in an NXDOMAIN answer is not taken */
    start(&m, 12, 0x8183, "x.test", 1, 1);
    answer_ptr(&m, 1, 60, lo, 4);
    CHECK(_seismic_dns_parse(m.b, m.n, 12, "x.test", 1, &a) && a.rcode == 3 && a.count == 0);

    /* names we refuse to ask for */
    char name[256];
    CHECK(_seismic_dns_name_valid("Host-1.Example.", name) && strcmp(name, "host-1.example") == 0);
    CHECK(!_seismic_dns_name_valid("a..b", name) && !_seismic_dns_name_valid("a b", name) && !_seismic_dns_name_valid("", name));
    char long_label[80];
    memset(long_label, 'x', 64);
    long_label[64] = 0;
    CHECK(!_seismic_dns_name_valid(long_label, name));

    /* name server addresses */
    _seismic_ip ip;
    uint16_t port;
    CHECK(_seismic_ip_port_parse("127.0.0.1:5353", 53, &ip, &port) && ip.family == 4 && port == 5353);
    CHECK(_seismic_ip_port_parse("[::1]:54", 53, &ip, &port) && ip.family == 6 && port == 54);
    CHECK(_seismic_ip_port_parse("::1", 53, &ip, &port) && ip.family == 6 && port == 53);
    CHECK(!_seismic_ip_port_parse("127.0.0.1:0", 53, &ip, &port) && !_seismic_ip_port_parse("127.0.0.1:99999", 53, &ip, &port));
    CHECK(!_seismic_ip_port_parse("localhost", 53, &ip, &port));
}

/* --- the resolver against the test name server --- */

static _seismic_net test_net;

/* Resolves name through test_net, running its sockets until the query ends; the entry or NULL. */
static const _seismic_dns_entry *resolve(const char *name, uint64_t *elapsed_ms) {
    seismic_error err = {"", SEISMIC_OK};
    uint64_t t0 = now_ms();
    int i = _seismic_dns_lookup(&test_net, name, t0, &err);
    if (i < 0) {
        fprintf(stderr, "lookup %s: %s\n", name, err.message);
        return NULL;
    }
    seismic_buf scratch = {0};
    while (test_net.dns[i].state == _SEISMIC_DNS_PENDING && now_ms() - t0 < 20000) {
        struct pollfd fds[8];
        int n = 0;
        uint64_t next = UINT64_MAX, now = now_ms();
        _seismic_dns_pollfds(&test_net, fds, 8, &n, &next);
        _seismic_net_wait(fds, n, next <= now ? 0 : (int)(next - now), &scratch);
        _seismic_dns_process(&test_net, fds, n, now_ms());
    }
    seismic_buf_free(&scratch);
    if (elapsed_ms) *elapsed_ms = now_ms() - t0;
    return &test_net.dns[i];
}

static bool has4(const _seismic_dns_entry *e, const char *text) {
    _seismic_ip ip;
    _seismic_ip_parse(text, &ip);
    for (int i = 0; i < e->count4; i++)
        if (memcmp(e->addr4[i], ip.bytes, 4) == 0) return true;
    return false;
}

/* Asks the test server's JSON-RPC control endpoint: the result as a number, -1 on failure. */
static long dns_control(const char *method, const char *params) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = env("SEISMIC_TEST_DNS_CONTROL");
    seismic_client *c = seismic_client_create(&d, NULL);
    seismic_buf out = {0};
    seismic_error err;
    long n = -1;
    if (c && seismic_rpc_call(c, method, params, &out, &err) == SEISMIC_OK)
        n = strcmp(seismic_buf_cstr(&out), "true") == 0 ? 1 : atol(seismic_buf_cstr(&out));
    seismic_buf_free(&out);
    seismic_client_destroy(c);
    return n;
}

/* How many queries the test server saw for name. */
static long dns_queries(const char *name) {
    char params[300];
    snprintf(params, sizeof params, "[\"%s\"]", name);
    return dns_control("dns_queries", params);
}

static void test_resolver(void) {
    memset(&test_net, 0, sizeof test_net);
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) test_net.dns[i].udp = test_net.dns[i].tcp = _SEISMIC_NO_SOCK;
    test_net.dns_server = dns_server;
    uint64_t ms;
    const _seismic_dns_entry *e;

    e = resolve("plain.a.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && e->count6 == 0 && has4(e, "127.0.0.1") && e->ttl == 300);
    CHECK(resolve("PLAIN.a.test", NULL) == e && dns_queries("plain.a.test") == 2); /* cached: A + AAAA asked once */
    CHECK(resolve("plain.a.test.", NULL) != e && dns_queries("plain.a.test") == 4); /* absolute: an entry of its own */

    e = resolve("plain.dual.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && e->count6 == 1);

    e = resolve("x.cname.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && has4(e, "127.0.0.1"));

    e = resolve("x.many.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == _SEISMIC_DNS_ADDRS);
    CHECK(resolve("plain.a.test", NULL) && dns_queries("plain.a.test") == 4); /* still cached after other names */

    e = resolve("delay300.a.test", &ms);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && has4(e, "127.0.0.1") && ms >= 300);
    CHECK(dns_queries("delay300.a.test") == 2); /* answered within the first try: no resend */

    e = resolve("drop1.a.test", &ms); /* first query of each type lost: resent after the first try's timeout */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && has4(e, "127.0.0.1") && ms >= _SEISMIC_DNS_FIRST_TRY_MS);
    CHECK(dns_queries("drop1.a.test") == 4);
    printf("one lost datagram per type: resolved in %llu ms\n", (unsigned long long)ms);

    e = resolve("trunc.dual.test", NULL); /* TC over UDP: asked again over TCP */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && e->count6 == 1);
    CHECK(dns_queries("trunc.dual.test") == 4);

    e = resolve("wrongid.dual.test", NULL); /* the reply with another id carries 10.9.9.9 and ::9 */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && has4(e, "127.0.0.1") && e->count6 == 1 &&
          e->addr6[0][15] == 1);
    e = resolve("wrongname.dual.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && has4(e, "127.0.0.1") && e->count6 == 1 &&
          e->addr6[0][15] == 1);

    e = resolve("ttl0.a.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->ttl == 0);
    resolve("ttl0.a.test", NULL); /* expired at once: asked again */
    CHECK(dns_queries("ttl0.a.test") == 4);

    e = resolve("afirst400.dual.test", &ms); /* AAAA 400 ms late: A is used after the 50 ms settle time */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && e->count6 == 0 && ms < 400);
    e = resolve("aafirst400.dual.test", &ms); /* A 400 ms late: waited for, the IPv4 fallback is not lost */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && e->count6 == 1 && ms >= 400);

    e = resolve("nothing.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && strstr(e->error, "no such host"));
    if (e) printf("NXDOMAIN: %s\n", e->error);
    e = resolve("servfail.a.test", &ms);
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && strstr(e->error, "error 2"));
    CHECK(dns_queries("servfail.a.test") == 2 * _SEISMIC_DNS_TRIES); /* bounded retries */
    if (e) printf("SERVFAIL: %s (%llu ms)\n", e->error, (unsigned long long)ms);

    seismic_error err;
    CHECK(_seismic_dns_lookup(&test_net, "bad name!", 0, &err) < 0 && strstr(err.message, "not a valid host name"));
    e = resolve("localhost", NULL); /* never asked of a server */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && has4(e, "127.0.0.1"));
    _seismic_net_free(&test_net);
}

/* Negative caching (RFC 2308): an answer that the name does not exist, or has no address, holds for
   min(SOA TTL, SOA MINIMUM) s when it carries its zone's SOA, at most _SEISMIC_DNS_MAX_NEGATIVE_TTL; without
   an SOA it is not cached. Time is the `now` given to the resolver, so expiry is exact. */
static const _seismic_dns_entry *lookup_at(const char *name, uint64_t now) {
    seismic_error err;
    int i = _seismic_dns_lookup(&test_net, name, now, &err);
    return i < 0 ? NULL : &test_net.dns[i];
}

static seismic_client *client_for(const char *name, const char *base_url, seismic_client_desc *d);

static void test_negative_cache(void) {
    memset(&test_net, 0, sizeof test_net);
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) test_net.dns[i].udp = test_net.dns[i].tcp = _SEISMIC_NO_SOCK;
    test_net.dns_server = dns_server;
    static const struct { const char *name, *message; uint32_t ttl_s; } cases[] = {
        {"neg5.nothing.test", "no such host", 5},
        {"soattl2.neg60.nothing.test", "no such host", 2},
        {"neg100000.nothing.test", "no such host", _SEISMIC_DNS_MAX_NEGATIVE_TTL},
        {"neg7.x.empty.test", "no IPv4 or IPv6 address", 7}, /* NODATA */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const _seismic_dns_entry *e = resolve(cases[i].name, NULL);
        CHECK(e && e->state == _SEISMIC_DNS_FAILED && strstr(e->error, cases[i].message) && e->negative_cached);
        if (!e || e->state != _SEISMIC_DNS_FAILED) continue;
        uint64_t at = e->expires - (uint64_t)cases[i].ttl_s * 1000u; /* when it failed */
        CHECK(lookup_at(cases[i].name, e->expires - 1) == e && e->state == _SEISMIC_DNS_FAILED); /* the cached failure */
        CHECK(dns_queries(cases[i].name) == 2);
        e = lookup_at(cases[i].name, at + (uint64_t)cases[i].ttl_s * 1000u); /* expired: asked again */
        CHECK(e && e->state == _SEISMIC_DNS_PENDING);
        _seismic_net_free(&test_net);
        for (int k = 0; k < _SEISMIC_DNS_ENTRIES; k++) test_net.dns[k].state = _SEISMIC_DNS_FREE;
    }
    printf("negative caching: NXDOMAIN/NODATA held for min(SOA TTL, MINIMUM), capped at %u s\n", _SEISMIC_DNS_MAX_NEGATIVE_TTL);
    /* without an SOA, or after a server failure, the next lookup asks again */
    const _seismic_dns_entry *e = resolve("nosoa.nothing.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && !e->negative_cached);
    resolve("nosoa.nothing.test", NULL);
    CHECK(dns_queries("nosoa.nothing.test") == 4);
    e = resolve("servfail.neg5.a.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && !e->negative_cached);
    /* the engine: a cached failure fails the next connection at once, without a query */
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.disable_retries = true;
    seismic_client *c = client_for("neg30.gone.test", "http://x:1", &d);
    seismic_error err;
    for (int round = 0; c && round < 2; round++)
        CHECK(seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) == SEISMIC_ERR_TRANSPORT &&
              strstr(err.message, "cannot resolve neg30.gone.test: no such host"));
    CHECK(dns_queries("neg30.gone.test") == 2);
    seismic_client_destroy(c);
    _seismic_net_free(&test_net);
}

/* Relative names (resolv.conf search/domain and ndots; on Windows the DNS suffixes, single labels only). */
static void test_search(void) {
    memset(&test_net, 0, sizeof test_net);
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) test_net.dns[i].udp = test_net.dns[i].tcp = _SEISMIC_NO_SOCK;
    test_net.dns_server = dns_server;
    _seismic_net_load_servers(&test_net); /* the system's search domains replaced by the test's */
    CHECK(test_net.ndots == 1 && test_net.server_count == 1);
    test_net.search_count = 0;
    _seismic_net_add_search(&test_net, "Nope.test.");
    _seismic_net_add_search(&test_net, "a.test");
    _seismic_net_add_search(&test_net, "a.test"); /* once */
    test_net.search_multi_label = true;
    CHECK(test_net.search_count == 2 && strcmp(test_net.search[0], "nope.test") == 0);

    const _seismic_dns_entry *e = resolve("host", NULL); /* fewer dots than ndots: the domains first */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && has4(e, "127.0.0.1"));
    CHECK(dns_queries("host.nope.test") == 2 && dns_queries("host.a.test") == 2 && dns_queries("host") == 0);
    CHECK(resolve("host", NULL) == e && dns_queries("host.a.test") == 2); /* cached under the name asked */
    e = resolve("x.y", NULL); /* as many dots as ndots: as it is first */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && dns_queries("x.y") == 2 && dns_queries("x.y.nope.test") == 2 &&
          dns_queries("x.y.a.test") == 2);
    e = resolve("plain.a.test", NULL); /* found as it is: no domain tried */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && dns_queries("plain.a.test.nope.test") == 0);
    e = resolve("host2.", NULL); /* absolute */
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && dns_queries("host2") == 2 && dns_queries("host2.a.test") == 0 &&
          !strstr(e->error, "search"));
    test_net.search_count = 1; /* nope.test only: nothing with it exists */
    e = resolve("zz", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && strstr(e->error, "no such host (also with the search domains)"));
    CHECK(dns_queries("zz.nope.test") == 2 && dns_queries("zz") == 2);
    if (e) printf("search domains: %s\n", e->error);
    test_net.search_count = 2;
    test_net.ndots = 2;
    e = resolve("p.q", NULL); /* fewer dots than ndots 2 */
    CHECK(e && e->state == _SEISMIC_DNS_DONE && dns_queries("p.q") == 0 && dns_queries("p.q.a.test") == 2);
    test_net.ndots = 1;
    test_net.search_multi_label = false; /* Windows: domains for single labels only */
    e = resolve("m.n", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_FAILED && dns_queries("m.n") == 2 && dns_queries("m.n.a.test") == 0);
    e = resolve("single", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && dns_queries("single.a.test") == 2);
    /* a domain that would make the name longer than 253 bytes is skipped */
    char longest[256];
    memset(longest, 'l', 60);
    memcpy(longest + 60, ".", 1);
    memset(longest + 61, 'l', 60);
    memcpy(longest + 121, ".", 1);
    memset(longest + 122, 'l', 60);
    memcpy(longest + 182, ".", 1);
    memset(longest + 183, 'l', 61);
    longest[244] = 0;
    test_net.search_multi_label = true;
    char candidate[256];
    _seismic_dns_entry probe;
    memset(&probe, 0, sizeof probe);
    snprintf(probe.host, sizeof probe.host, "%s", longest);
    CHECK(_seismic_dns_candidate(&test_net, &probe, 0, candidate) && strcmp(candidate, longest) == 0);
    CHECK(_seismic_dns_candidate(&test_net, &probe, 1, candidate) && strlen(candidate) == 251); /* + ".a.test" */
    CHECK(!_seismic_dns_candidate(&test_net, &probe, 2, candidate));
#if !defined(_WIN32)
    /* resolv.conf lines */
    _seismic_net conf;
    memset(&conf, 0, sizeof conf);
    _seismic_net_resolv_conf_line(&conf, "nameserver 127.0.0.53 # local\n", true);
    _seismic_net_resolv_conf_line(&conf, "nameserver fe80::1%eth0\n", true); /* a scope we cannot keep */
    _seismic_net_resolv_conf_line(&conf, "domain corp.example\n", false);
    _seismic_net_resolv_conf_line(&conf, "search b.example c.example. bad!name d.example\r\n", false);
    _seismic_net_resolv_conf_line(&conf, "options timeout:1 ndots:3 attempts:2\n", false);
    _seismic_net_resolv_conf_line(&conf, "options xndots:9\n", false);
    _seismic_net_resolv_conf_line(&conf, "nameserver 10.0.0.1\n", false);
    CHECK(conf.server_count == 1 && conf.server_ports[0] == 53 && conf.ndots == 3);
    CHECK(conf.search_count == 3 && strcmp(conf.search[0], "b.example") == 0 && strcmp(conf.search[1], "c.example") == 0 &&
          strcmp(conf.search[2], "d.example") == 0); /* search replaced domain */
    _seismic_net_resolv_conf_line(&conf, "options ndots:99\n", false);
    CHECK(conf.ndots == 15);
#endif
    _seismic_net_free(&test_net);
}

/* The name server on the IPv6 loopback: queries over UDP and (after truncation) TCP to [::1]. */
static void test_ipv6_server(void) {
    memset(&test_net, 0, sizeof test_net);
    for (int i = 0; i < _SEISMIC_DNS_ENTRIES; i++) test_net.dns[i].udp = test_net.dns[i].tcp = _SEISMIC_NO_SOCK;
    test_net.dns_server = env("SEISMIC_TEST_DNS6");
    const _seismic_dns_entry *e = resolve("over6.dual.test", NULL);
    CHECK(test_net.server_count == 1 && test_net.servers[0].family == 6);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && e->count6 == 1 && dns_queries("over6.dual.test") == 2);
    e = resolve("trunc.over6.dual.test", NULL);
    CHECK(e && e->state == _SEISMIC_DNS_DONE && e->count4 == 1 && dns_queries("trunc.over6.dual.test") == 4);
    printf("IPv6 name server %s: answered over UDP and TCP\n", test_net.dns_server);
    _seismic_net_free(&test_net);
#if defined(_WIN32)
    /* the adapters' server lists: IPv4 and global IPv6 kept, link-local and the fec0:: defaults left out */
    _seismic_net n;
    memset(&n, 0, sizeof n);
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    v4.sin_family = AF_INET;
    v4.sin_addr.s_addr = htonl(0x0a000035);
    v6.sin6_family = AF_INET6;
    static const uint8_t fec0[16] = {0xfe, 0xc0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1},
                         fe80[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                         global[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53};
    memcpy(&v6.sin6_addr, fec0, 16);
    _seismic_net_add_sockaddr(&n, (struct sockaddr *)&v6);
    memcpy(&v6.sin6_addr, fe80, 16);
    _seismic_net_add_sockaddr(&n, (struct sockaddr *)&v6);
    memcpy(&v6.sin6_addr, global, 16);
    _seismic_net_add_sockaddr(&n, (struct sockaddr *)&v6);
    _seismic_net_add_sockaddr(&n, (struct sockaddr *)&v4);
    _seismic_net_add_sockaddr(&n, (struct sockaddr *)&v6); /* once */
    CHECK(n.server_count == 2 && n.servers[0].family == 6 && memcmp(n.servers[0].bytes, global, 16) == 0 &&
          n.servers[1].family == 4 && n.server_ports[0] == 53);
    /* what this system lists (GetAdaptersAddresses): under Wine, the host's resolv.conf servers */
    memset(&n, 0, sizeof n);
    _seismic_net_load_servers(&n);
    char listed[200] = "";
    for (int i = 0; i < n.server_count; i++) {
        char ip[64];
        snprintf(listed + strlen(listed), sizeof listed - strlen(listed), "%s%s", i ? ", " : "",
                 _seismic_ip_string(&n.servers[i], ip, sizeof ip));
    }
    CHECK(n.server_count > 0);
    printf("Windows name servers: %s; %u search domain%s\n", listed, (unsigned)n.search_count, n.search_count == 1 ? "" : "s");
#endif
}

/* A name server that never answers: the lookup ends after the bounded tries, not never. */
static void test_silent_server(void) {
    int error = 0;
    _seismic_sock_t silent = _seismic_sock_open(AF_INET, SOCK_DGRAM, &error);
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(0x7f000001);
    CHECK(bind(silent, (struct sockaddr *)&sa, sizeof sa) == 0);
    CHECK(getsockname(silent, (struct sockaddr *)&sa, &len) == 0);
    char server[40];
    snprintf(server, sizeof server, "127.0.0.1:%u", (unsigned)ntohs(sa.sin_port));
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.dns_server = server;
    d.connect_timeout_ms = 1500;
    d.disable_retries = true;
    char url[100];
    snprintf(url, sizeof url, "http://silent.test:1/");
    d.url = url;
    seismic_client *c = seismic_client_create(&d, NULL);
    seismic_request r = seismic_rpc(c, "eth_chainId", NULL, NULL);
    uint64_t t0 = now_ms();
    CHECK(seismic_client_wait(c, r, 10000) == SEISMIC_OK);
    const seismic_response *resp = seismic_request_response(c, r);
    CHECK(resp && resp->result == SEISMIC_ERR_TIMEOUT);
    uint64_t took = now_ms() - t0;
    CHECK(took >= 1400 && took < 5000);
    /* the message says it was the name server, not the connection, that did not answer */
    CHECK(resp && strstr(resp->error_message, "cannot resolve silent.test: no answer from the name server within 1500 ms"));
    if (resp) printf("silent name server: %s after %llu ms\n", resp->error_message, (unsigned long long)took);
    seismic_request_release(c, r);
    seismic_client_destroy(c);
    d.timeout_ms = 700; /* the request's own deadline first */
    c = seismic_client_create(&d, NULL);
    r = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(seismic_client_wait(c, r, 10000) == SEISMIC_OK);
    resp = seismic_request_response(c, r);
    CHECK(resp && resp->result == SEISMIC_ERR_TIMEOUT &&
          strstr(resp->error_message, "timed out while resolving silent.test (no answer from the name server yet)"));
    if (resp) printf("silent name server, request deadline first: %s\n", resp->error_message);
    seismic_request_release(c, r);
    seismic_client_destroy(c);
    _seismic_sock_close(silent);
}

/* --- the engine resolving through the test server --- */

static seismic_client *client_for(const char *name, const char *base_url, seismic_client_desc *d) {
    char url[300];
    const char *port = strrchr(base_url, ':'); /* ":PORT" or ":PORT/path" */
    snprintf(url, sizeof url, "http://%s%s", name, port);
    d->url = url;
    d->dns_server = dns_server;
    seismic_error err;
    seismic_client *c = seismic_client_create(d, &err);
    if (!c) fprintf(stderr, "client %s: %s\n", url, err.message);
    return c;
}

static void test_engine_dns(void) {
    const char *anvil = env("SEISMIC_TEST_ANVIL_HTTP");
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.max_connections = 4;
    d.max_batch = 5;
    seismic_client *c = client_for("engine.a.test", anvil, &d);
    if (!c) return;
    seismic_request reqs[40];
    for (int i = 0; i < 40; i++) reqs[i] = seismic_rpc(c, "eth_chainId", NULL, NULL);
    CHECK(seismic_client_wait_all(c, reqs, 40, 10000) == SEISMIC_OK);
    int ok = 0;
    for (int i = 0; i < 40; i++) {
        const seismic_response *r = seismic_request_response(c, reqs[i]);
        ok += r && r->result == SEISMIC_OK;
        seismic_request_release(c, reqs[i]);
    }
    seismic_client_stats s = seismic_client_get_stats(c);
    CHECK(ok == 40 && s.connections_opened >= 2);
    CHECK(dns_queries("engine.a.test") == 2); /* every connection shared one lookup */
    seismic_client_destroy(c);

    /* a new connection per request (the server closes each): a cached name is not asked again, TTL 0 is */
    char path_url[300];
    snprintf(path_url, sizeof path_url, "%s/close-after-response", strrchr(env("SEISMIC_TEST_FAULT_HTTP"), ':'));
    for (int ttl0 = 0; ttl0 < 2; ttl0++) {
        const char *name = ttl0 ? "ttl0.close.a.test" : "close.a.test";
        memset(&d, 0, sizeof d);
        d.max_connections = 1;
        c = client_for(name, path_url, &d);
        if (!c) return;
        seismic_error err;
        for (int i = 0; i < 3; i++) CHECK(seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) == SEISMIC_OK);
        s = seismic_client_get_stats(c);
        CHECK(s.connections_opened == 3);
        CHECK(dns_queries(name) == (ttl0 ? 6 : 2));
        seismic_client_destroy(c);
    }

    /* failures are transport errors with the resolver's reason */
    memset(&d, 0, sizeof d);
    d.disable_retries = true;
    c = client_for("nothing.test", anvil, &d);
    if (!c) return;
    seismic_buf out = {0};
    seismic_error err;
    CHECK(seismic_rpc_call(c, "eth_chainId", NULL, &out, &err) == SEISMIC_ERR_TRANSPORT && strstr(err.message, "no such host"));
    seismic_client_destroy(c);
    /* a dns_server that is not an address is refused at create */
    static const char *const bad[] = {"not an address", "127.0.0.1:0", "127.0.0.1:65536", "[::1", "[::1]x", "1.2.3.4:53x", ""};
    d.url = "http://a.test:1/";
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d.dns_server = bad[i];
        c = seismic_client_create(&d, &err);
        CHECK(!c && err.result == SEISMIC_ERR_INVALID_ARGUMENT && strstr(err.message, "dns_server"));
        seismic_client_destroy(c);
    }
    d.dns_server = "[::1]:53";
    c = seismic_client_create(&d, &err);
    CHECK(c != NULL);
    seismic_client_destroy(c);
}

/* The name server answers after 500 ms: meanwhile the loop keeps turning (no process call blocks). */
static void test_no_blocking(void) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    seismic_client *c = client_for("delay500.a.test", env("SEISMIC_TEST_ANVIL_HTTP"), &d);
    if (!c) return;
    seismic_request r = seismic_rpc(c, "eth_chainId", NULL, NULL);
    seismic_buf scratch = {0};
    uint64_t t0 = now_ms(), longest = 0;
    int turns = 0;
    while (!seismic_request_done(c, r) && now_ms() - t0 < 5000) {
        struct pollfd fds[16];
        int timeout;
        int n = seismic_client_pollfds(c, fds, 16, &timeout);
        if (timeout < 0 || timeout > 10) timeout = 10; /* a game frame */
        _seismic_net_wait(fds, n < 16 ? n : 16, timeout, &scratch); /* poll(), or select() on Windows */
        uint64_t p0 = now_ms();
        seismic_client_process(c, fds, n < 16 ? n : 16);
        if (now_ms() - p0 > longest) longest = now_ms() - p0;
        turns++;
    }
    const seismic_response *resp = seismic_request_response(c, r);
    CHECK(resp && resp->result == SEISMIC_OK);
    CHECK(now_ms() - t0 >= 500 && turns >= 20 && turns < 500 && longest < 100); /* turning, not spinning */
    printf("500 ms DNS answer: %d frames, longest process call %llu ms\n", turns, (unsigned long long)longest);
    seismic_buf_free(&scratch);
    seismic_client_destroy(c);
}

/* Happy eyeballs: the name has ::1 (where SYNs are dropped: a listener whose backlog is full) and
   127.0.0.1 (a live server on the same port). The IPv6 attempt never completes; IPv4 wins after the
   250 ms attempt delay, long before the connect timeout. */
static void test_happy_eyeballs(void) {
    const char *anvil = env("SEISMIC_TEST_ANVIL_HTTP");
    unsigned port = (unsigned)atoi(strrchr(anvil, ':') + 1);
    int error = 0;
    _seismic_sock_t hole = _seismic_sock_open(AF_INET6, SOCK_STREAM, &error);
    struct sockaddr_in6 sa;
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_port = htons((uint16_t)port);
    sa.sin6_addr.s6_addr[15] = 1;
    if (hole == _SEISMIC_NO_SOCK || bind(hole, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(hole, 0) != 0) {
        fprintf(stderr, "happy eyeballs: cannot listen on [::1]:%u (no IPv6 loopback?)\n", port);
        test_failed++;
        return;
    }
    _seismic_sock_t fillers[8];
    int filled = 0;
    bool blackholed = false;
    for (; filled < 8 && !blackholed; filled++) { /* connect until one hangs: the backlog is full */
        fillers[filled] = _seismic_sock_open(AF_INET6, SOCK_STREAM, &error);
        _seismic_sock_connect(fillers[filled], (struct sockaddr *)&sa, sizeof sa);
        struct pollfd p = {fillers[filled], POLLOUT, 0};
        seismic_buf scratch = {0};
        blackholed = _seismic_net_wait(&p, 1, 300, &scratch) == 0 && p.revents == 0;
        seismic_buf_free(&scratch);
    }
    CHECK(blackholed);
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.connect_timeout_ms = 8000;
    d.timeout_ms = 4000; /* a client waiting for the IPv6 attempt would time out here */
    d.disable_retries = true;
    seismic_client *c = client_for("eyeballs.dual.test", anvil, &d);
    if (c) {
        seismic_error err;
        uint64_t t0 = now_ms();
        CHECK(seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) == SEISMIC_OK);
        uint64_t took = now_ms() - t0;
        CHECK(seismic_client_get_stats(c).connections_opened == 1);
        printf("happy eyeballs: dead [::1]:%u, live 127.0.0.1: answered in %llu ms (connect timeout %u ms)\n", port,
               (unsigned long long)took, d.connect_timeout_ms);
        seismic_client_destroy(c);
    }
    for (int i = 0; i < filled; i++) _seismic_sock_close(fillers[i]);
    _seismic_sock_close(hole);
}

/* TLS without ca_file trusts the system: on Windows the ROOT certificate store (the test CA is added to
   the user's ROOT store for the test and removed after), elsewhere the bundle SSL_CERT_FILE names. */
static void test_system_trust(void) {
    char ca[400], url[300], message[200]; /* copies: changing the environment may move what getenv returned */
    snprintf(ca, sizeof ca, "%s", env("SEISMIC_TEST_CA_FILE"));
    snprintf(url, sizeof url, "%s", env("SEISMIC_TEST_TLS_HTTPS"));
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = url;
    d.disable_retries = true;
    seismic_error err;
    seismic_buf out = {0};
#if defined(_WIN32)
    char saved[600] = "";
    if (getenv("SSL_CERT_FILE")) snprintf(saved, sizeof saved, "SSL_CERT_FILE=%s", getenv("SSL_CERT_FILE"));
    _putenv("SSL_CERT_FILE="); /* it would take precedence over the store */
    seismic_client *c = seismic_client_create(&d, &err); /* the store does not know the test CA yet */
    CHECK(c && seismic_rpc_call(c, "eth_chainId", NULL, NULL, &err) == SEISMIC_ERR_TLS && strstr(err.message, "not trusted"));
    seismic_client_destroy(c);
    char pem[16384], base64[16384];
    FILE *f = fopen(ca, "rb");
    size_t len = f ? fread(pem, 1, sizeof pem - 1, f) : 0, b64 = 0;
    if (f) fclose(f);
    pem[len] = 0;
    const char *body = strstr(pem, "-----\n"), *end = strstr(pem, "\n-----END");
    for (const char *p = body ? body + 6 : end; p && p < end; p++) /* the base64 lines, joined */
        if (*p != '\n' && *p != '\r') base64[b64++] = *p;
    seismic_buf der = {0};
    CHECK(seismic_base64_decode(base64, b64, &der) == SEISMIC_OK && der.len > 100);
    HCERTSTORE store = CertOpenSystemStoreA(0, "ROOT");
    PCCERT_CONTEXT added = NULL;
    CHECK(store && CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der.data, (DWORD)der.len,
                                                    CERT_STORE_ADD_REPLACE_EXISTING, &added));
    CHECK(CertControlStore(store, 0, CERT_STORE_CTRL_COMMIT, NULL)); /* visible to the client's own handle */
    seismic_buf_free(&der);
    c = seismic_client_create(&d, &err);
    bool ok = c && seismic_rpc_call(c, "eth_chainId", NULL, &out, &err) == SEISMIC_OK;
    CHECK(ok);
    snprintf(message, sizeof message, "%s", ok ? seismic_buf_cstr(&out) : err.message);
    seismic_client_destroy(c);
    if (added) CertDeleteCertificateFromStore(added);
    if (store) {
        CertControlStore(store, 0, CERT_STORE_CTRL_COMMIT, NULL);
        CertCloseStore(store, 0);
    }
    if (saved[0]) _putenv(saved);
    printf("TLS trusting the Windows ROOT store (test CA added): %s\n", message);
#else
    const char *before = getenv("SSL_CERT_FILE");
    setenv("SSL_CERT_FILE", ca, 1);
    seismic_client *c = seismic_client_create(&d, &err);
    bool ok = c && seismic_rpc_call(c, "eth_chainId", NULL, &out, &err) == SEISMIC_OK;
    CHECK(ok);
    snprintf(message, sizeof message, "%s", ok ? seismic_buf_cstr(&out) : err.message);
    seismic_client_destroy(c);
    if (before) setenv("SSL_CERT_FILE", before, 1);
    else unsetenv("SSL_CERT_FILE");
    printf("TLS trusting SSL_CERT_FILE: %s\n", message);
#endif
    seismic_buf_free(&out);
}

/* More connections than the old fixed 64-entry array: all of them polled and served; pollfds says
   how many descriptors it needs when cap is smaller. */
static void test_many_descriptors(void) {
    seismic_client_desc d;
    memset(&d, 0, sizeof d);
    d.url = env("SEISMIC_TEST_LATENCY_HTTP"); /* 25 ms each way: the connections are busy at once */
    d.max_connections = 100;
    d.disable_batching = true;
    seismic_client *c = seismic_client_create(&d, NULL);
    if (!c) return;
    enum { N = 300 };
    static seismic_request reqs[N];
    for (int i = 0; i < N; i++) reqs[i] = seismic_rpc(c, "eth_chainId", NULL, NULL);
    int max_needed = 0;
    uint64_t t0 = now_ms();
    while (seismic_client_wait_all(c, reqs, N, 0) != SEISMIC_OK && now_ms() - t0 < 30000) {
        struct pollfd small[4];
        int timeout;
        int needed = seismic_client_pollfds(c, small, 4, &timeout);
        if (needed > max_needed) max_needed = needed;
        seismic_client_run(c, 5);
    }
    int ok = 0;
    for (int i = 0; i < N; i++) {
        const seismic_response *r = seismic_request_response(c, reqs[i]);
        ok += r && r->result == SEISMIC_OK;
        seismic_request_release(c, reqs[i]);
    }
    seismic_client_stats s = seismic_client_get_stats(c);
    printf("100-connection pool: %d of %d ok, %llu connections, pollfds asked for up to %d descriptors\n", ok, N,
           (unsigned long long)s.connections_opened, max_needed);
    CHECK(ok == N);
    CHECK(s.connections_opened > 64 && max_needed > 64);
    seismic_client_destroy(c);
}

int main(void) {
    CHECK(_seismic_net_startup(NULL)); /* the test's own sockets (WSAStartup on Windows) */
    dns_server = env("SEISMIC_TEST_DNS");
    CHECK(dns_control("dns_reset", "[]") == 1); /* the server may have answered an earlier run */
    test_parser();
    test_resolver();
    test_negative_cache();
    test_search();
    test_ipv6_server();
    test_silent_server();
    test_engine_dns();
    test_no_blocking();
    test_happy_eyeballs();
    test_many_descriptors();
    test_system_trust();
    _seismic_net_cleanup();
    return test_summary();
}
