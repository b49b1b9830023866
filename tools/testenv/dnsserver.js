#!/usr/bin/env node
// A name server for the resolver tests (UDP and TCP on one port) that misbehaves on request, and a
// JSON-RPC control endpoint so a C test can ask what it saw.
//
// Usage:
//   node tools/testenv/dnsserver.js [--port 0] [--control-port 0] [--host 127.0.0.1] [--host6 ::1]
// When ready, prints exactly one line to stdout (v6 is the same server on the IPv6 loopback, "none" without one):
//   dnsserver listening on 127.0.0.1:P control http://127.0.0.1:C v6 [::1]:P6
//
// Names (case-insensitive): the last labels say what exists, the leading labels how to answer.
//   *.a.test     A 127.0.0.1            *.v6.test    AAAA ::1
//   *.dual.test  A 127.0.0.1 + AAAA ::1 *.cname.test CNAME a.test, then A 127.0.0.1
//   *.many.test  A 127.0.0.1..127.0.0.9 (more than a client keeps)
//   *.empty.test exists, no A or AAAA (NODATA)
//   anything else: NXDOMAIN
// Leading labels (any order):
//   delayN      answer after N ms                    dropN     ignore the first N queries of each type
//   trunc       over UDP, answer with TC set and no records; over TCP answer in full
//   wrongid     first a reply with another id (A 10.9.9.9 / AAAA ::9), then the right one
//   wrongname   first a reply for another name (same id, same bogus records), then the right one
//   servfail    SERVFAIL                             ttlN      records with TTL N s (default 300)
//   aafirstN    (dual) answer AAAA at once, A after N ms; afirstN: the other way round
//   negN        a negative answer (NXDOMAIN, NODATA) carries the zone's SOA with MINIMUM N (RFC 2308);
//   soattlN     with the SOA record's own TTL N [3600]; without negN there is no SOA (not cacheable)
//
// Control (JSON-RPC 2.0 over HTTP POST, so the C tests ask with the SDK itself):
//   dns_queries [name]  -> number of queries received for name (all types, UDP + TCP)
//   dns_reset   []      -> true; forgets the counts
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Decodes the question of a query: { id, name, type, end } or null. */
export function parseQuery(msg) {
  if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return null;
  let p = 12;
  const labels = [];
  while (p < msg.length && msg[p] !== 0) {
    const len = msg[p];
    if (len > 63 || p + 1 + len > msg.length) return null;
    labels.push(msg.subarray(p + 1, p + 1 + len).toString('latin1'));
    p += 1 + len;
  }
  if (p + 5 > msg.length) return null;
  return { id: msg.readUInt16BE(0), name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(p + 1), end: p + 5 };
}

function encodeName(name) {
  const parts = name.split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function rr(name, type, ttl, data) {
  const head = Buffer.alloc(10);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt32BE(ttl, 4);
  head.writeUInt16BE(data.length, 8);
  return Buffer.concat([typeof name === 'number' ? Buffer.from([0xc0 | (name >> 8), name & 0xff]) : encodeName(name), head, data]);
}

const A = (text) => Buffer.from(text.split('.').map(Number));
const AAAA = (last) => { const b = Buffer.alloc(16); b[15] = last; return b; };

/** The records of name for type, or null for NXDOMAIN. */
export function records(name, type) {
  const labels = name.split('.');
  const base = labels.slice(-2).join('.');
  const flags = {};
  for (const l of labels.slice(0, -2)) {
    const m = /^([a-z]+?)(\d*)$/.exec(l);
    if (m) flags[m[1]] = m[2] === '' ? true : Number(m[2]);
  }
  const ttl = typeof flags.ttl === 'number' ? flags.ttl : 300;
  const out = [];
  if (base === 'a.test' || base === 'dual.test') { if (type === 1) out.push(rr(12, 1, ttl, A('127.0.0.1'))); }
  else if (base === 'many.test') { if (type === 1) for (let i = 1; i <= 9; i++) out.push(rr(12, 1, ttl, A(`127.0.0.${i}`))); }
  else if (base === 'cname.test') { out.push(rr(12, 5, ttl, encodeName('a.test'))); if (type === 1) out.push(rr('a.test', 1, ttl, A('127.0.0.1'))); }
  else if (base !== 'v6.test' && base !== 'empty.test') return { flags, records: null };
  if ((base === 'v6.test' || base === 'dual.test') && type === 28) out.push(rr(12, 28, ttl, AAAA(1)));
  return { flags, records: out };
}

/** The SOA of the zone "test" (owner "test", compressed against the question), MINIMUM minimum, TTL ttl. */
export function soa(minimum, ttl) {
  const fixed = Buffer.alloc(20);
  [1, 7200, 900, 1209600, minimum].forEach((v, i) => fixed.writeUInt32BE(v, 4 * i));
  const data = Buffer.concat([encodeName('ns.test'), encodeName('hostmaster.test'), fixed]);
  return rr('test', 6, ttl, data);
}

/** A response to the query q (Buffer msg) with rcode, answer and authority records; tc sets the truncation bit. */
export function response(msg, q, { rcode = 0, answers = [], authority = [], tc = false, id = q.id, name = null } = {}) {
  const question = name ? Buffer.concat([encodeName(name), msg.subarray(q.end - 4, q.end)]) : msg.subarray(12, q.end);
  const head = Buffer.alloc(12);
  head.writeUInt16BE(id, 0);
  head.writeUInt16BE(0x8180 | (tc ? 0x0200 : 0) | rcode, 2); // QR, RD, RA
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(answers.length, 6);
  head.writeUInt16BE(authority.length, 8);
  return Buffer.concat([head, question, ...answers, ...authority]);
}

export function createDnsServer() {
  const counts = new Map();
  const dropped = new Map();
  // replies(msg, tcp) -> [{ delay, buf }]
  function replies(msg, tcp) {
    const q = parseQuery(msg);
    if (!q) return [];
    counts.set(q.name, (counts.get(q.name) || 0) + 1);
    const { flags, records: answers } = records(q.name, q.type);
    const key = `${q.name}/${q.type}`;
    if (flags.drop && (dropped.get(key) || 0) < flags.drop) { dropped.set(key, (dropped.get(key) || 0) + 1); return []; }
    let delay = typeof flags.delay === 'number' ? flags.delay : 0;
    if (typeof flags.aafirst === 'number' && q.type === 1) delay += flags.aafirst;
    if (typeof flags.afirst === 'number' && q.type === 28) delay += flags.afirst;
    if (flags.servfail) return [{ delay, buf: response(msg, q, { rcode: 2 }) }];
    const authority = typeof flags.neg === 'number' ? [soa(flags.neg, typeof flags.soattl === 'number' ? flags.soattl : 3600)] : [];
    if (!answers) return [{ delay, buf: response(msg, q, { rcode: 3, authority }) }];
    if (answers.length === 0 && !flags.trunc) return [{ delay, buf: response(msg, q, { authority }) }];
    if (flags.trunc && !tcp) return [{ delay, buf: response(msg, q, { tc: true }) }];
    const out = [];
    const bogus = q.type === 1 ? [rr(12, 1, 300, A('10.9.9.9'))] : [rr(12, 28, 300, AAAA(9))];
    if (flags.wrongid) out.push({ delay, buf: response(msg, q, { id: (q.id + 1) & 0xffff, answers: bogus }) });
    if (flags.wrongname) out.push({ delay, buf: response(msg, q, { name: `other.${q.name}`, answers: [rr(12, q.type, 300, bogus[0].subarray(12))] }) });
    out.push({ delay, buf: response(msg, q, { answers }) });
    return out;
  }

  const udpServer = (type) => {
    const udp = dgram.createSocket(type);
    udp.on('message', (msg, rinfo) => {
      for (const { delay, buf } of replies(msg, false)) setTimeout(() => udp.send(buf, rinfo.port, rinfo.address), delay);
    });
    return udp;
  };
  const tcpServer = () => net.createServer((sock) => {
    let pending = Buffer.alloc(0);
    sock.on('error', () => {});
    sock.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const msg = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + msg.length);
        for (const { delay, buf } of replies(msg, true)) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(buf.length);
          setTimeout(() => { if (!sock.destroyed) sock.write(Buffer.concat([len, buf])); }, delay);
        }
      }
    });
  });
  const udp = udpServer('udp4'), tcp = tcpServer(), udp6 = udpServer('udp6'), tcp6 = tcpServer();
  const control = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let call;
      try { call = JSON.parse(Buffer.concat(chunks).toString()); } catch { call = {}; }
      const params = Array.isArray(call.params) ? call.params : [];
      let result;
      if (call.method === 'dns_queries') result = counts.get(String(params[0] || '').toLowerCase()) || 0;
      else if (call.method === 'dns_reset') { counts.clear(); dropped.clear(); result = true; }
      const body = result === undefined
        ? { jsonrpc: '2.0', id: call.id ?? null, error: { code: -32601, message: 'Method not found' } }
        : { jsonrpc: '2.0', id: call.id ?? null, result };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });

  // UDP and TCP on the same port: take a free TCP port, then bind UDP to it (retry if taken)
  async function pair(tcpSock, udpSock, port, host) {
    for (let attempt = 0; ; attempt++) {
      await new Promise((resolve, reject) => { tcpSock.once('error', reject); tcpSock.listen(port, host, () => { tcpSock.off('error', reject); resolve(); }); });
      const p = tcpSock.address().port;
      try {
        await new Promise((resolve, reject) => { udpSock.once('error', reject); udpSock.bind(p, host, () => { udpSock.off('error', reject); resolve(); }); });
        return p;
      } catch (e) {
        await new Promise((r) => tcpSock.close(r));
        if (port || attempt > 20) throw e;
      }
    }
  }
  let v6 = false;
  async function listen({ port = 0, controlPort = 0, host = '127.0.0.1', host6 = '::1' } = {}) {
    const p = await pair(tcp, udp, port, host);
    let port6 = null;
    if (host6 !== 'none') {
      try { port6 = await pair(tcp6, udp6, 0, host6); v6 = true; } catch { port6 = null; } // no IPv6 loopback
    }
    await new Promise((resolve) => control.listen(controlPort, host, resolve));
    return { port: p, port6, controlPort: control.address().port, host, host6 };
  }
  function close() { udp.close(); tcp.close(); if (v6) { udp6.close(); tcp6.close(); } control.close(); }
  return { listen, close, counts };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
  const server = createDnsServer();
  const { port, port6, controlPort, host, host6 } = await server.listen({ port: Number(arg('port', 0)), controlPort: Number(arg('control-port', 0)), host: arg('host', '127.0.0.1'), host6: arg('host6', '::1') });
  console.log(`dnsserver listening on ${host}:${port} control http://${host}:${controlPort} v6 ${port6 ? `[${host6}]:${port6}` : 'none'}`);
}
