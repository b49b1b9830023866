// Self-test of the C integration test environment: node --test tools/testenv/test/
// Starts tools/testenv/testenv.js in a temporary directory, checks every SEISMIC_TEST_* endpoint, restarts
// anvil, stops everything and checks that no process is left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { alive, ENV_NAMES } from '../testenv.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TESTENV = path.join(HERE, '..', 'testenv.js');
let dir;
let env = {};
let startedPids = [];
let stopped = false;

function testenv(...args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TESTENV, ...args, '--dir', dir], { timeout: 60000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`testenv ${args[0]} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}
const readPids = () =>
  readFileSync(path.join(dir, 'pids'), 'utf8').trim().split('\n').map((l) => ({ name: l.split(' ')[0], pid: Number(l.split(' ')[1]) }));

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'seismic-testenv-'));
  const t0 = Date.now();
  const { stdout } = await testenv('start', '--ttl-s', '600');
  const took = Date.now() - t0;
  for (const line of stdout.split('\n')) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  startedPids = readPids();
  assert.ok(took < 20000, `testenv start took ${took} ms`);
});

after(async () => {
  if (!stopped && dir) await testenv('stop').catch(() => {});
  // belt and braces: nothing we started may survive the test
  for (const p of startedPids) if (alive(p.pid)) try { process.kill(p.pid, 'SIGKILL'); } catch {}
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ helpers
const rpcBody = (method, id = 1, params = []) => ({ jsonrpc: '2.0', id, method, params });

/** POST (or `method`) with node's http/https; resolves {status, headers, text, reusedSocket}. */
function request(url, body, { method = 'POST', agent = false, timeout = 5000, ca, headers = {} } = {}) {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method, agent, timeout, ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString(), reusedSocket: req.reusedSocket, socket: res.socket }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(data);
  });
}
const rpc = async (url, method, params = [], opts = {}) => {
  const r = await request(url, rpcBody(method, 1, params), opts);
  const j = JSON.parse(r.text);
  if (j.error) throw new Error(j.error.message);
  return j.result;
};

/** open a WS and collect events until `until(events)` or timeout. */
function wsSession(url, { send = [], until = () => false, timeout = 3000, ca } = {}) {
  return new Promise((resolve) => {
    const events = [];
    const ws = new WebSocket(url, { ca });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(t);
      ws.terminate();
      resolve(events);
    };
    const t = setTimeout(finish, timeout);
    ws.on('open', () => {
      events.push({ type: 'open', at: Date.now() });
      for (const m of send) ws.send(JSON.stringify(m));
    });
    ws.on('message', (d) => {
      events.push({ type: 'message', at: Date.now(), data: JSON.parse(d.toString()) });
      if (until(events)) finish();
    });
    ws.on('error', (e) => events.push({ type: 'error', message: e.message }));
    ws.on('close', (code, reason) => {
      events.push({ type: 'close', code, reason: reason.toString() });
      finish();
    });
  });
}

// ------------------------------------------------------------------ environment
test('start prints every SEISMIC_TEST_* variable (and env.sh has the same)', () => {
  for (const k of ENV_NAMES) assert.ok(env[k], `${k} missing`);
  assert.match(env.SEISMIC_TEST_ANVIL_HTTP, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(env.SEISMIC_TEST_ANVIL_WS, env.SEISMIC_TEST_ANVIL_HTTP.replace('http', 'ws'));
  assert.match(env.SEISMIC_TEST_DEVNODE_HTTP, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(env.SEISMIC_TEST_DEVNODE_WS, env.SEISMIC_TEST_DEVNODE_HTTP.replace('http', 'ws'));
  for (const k of ['SEISMIC_TEST_FAULT_HTTP', 'SEISMIC_TEST_COUNTING_HTTP', 'SEISMIC_TEST_LATENCY_HTTP', 'SEISMIC_TEST_CHAOS_HTTP'])
    assert.match(env[k], /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(env.SEISMIC_TEST_TLS_HTTPS, /^https:\/\/localhost:\d+$/);
  assert.equal(env.SEISMIC_TEST_TLS_WSS, env.SEISMIC_TEST_TLS_HTTPS.replace('https', 'wss'));
  assert.match(env.SEISMIC_TEST_TLS_WRONGNAME_HTTPS, /^https:\/\/localhost:\d+$/);
  assert.equal(env.SEISMIC_TEST_ENV_DIR, dir);
  assert.match(readFileSync(env.SEISMIC_TEST_CA_FILE, 'utf8'), /BEGIN CERTIFICATE/);
  assert.match(readFileSync(env.SEISMIC_TEST_OTHER_CA_FILE, 'utf8'), /BEGIN CERTIFICATE/);
  const sh = readFileSync(path.join(dir, 'env.sh'), 'utf8');
  for (const k of ENV_NAMES) assert.ok(sh.includes(`export ${k}=`), k);
  // the ports are all different
  const ports = ENV_NAMES.filter((k) => /^(http|https|ws|wss):/.test(env[k])).map((k) => new URL(env[k]).port);
  assert.equal(env.SEISMIC_TEST_CHAOS_WS, env.SEISMIC_TEST_CHAOS_HTTP.replace('http', 'ws'));
  // anvil, devnode, fault, counting, latency, chaos, ipv6, tls, wrongname, chopsticks, its latency proxy, fault-tls,
  // the 10 TLS policy servers, dns control, control
  assert.equal(new Set(ports).size, 24);
  assert.match(env.SEISMIC_TEST_DNS, /^127\.0\.0\.1:\d+$/);
  for (const k of ENV_NAMES.filter((n) => n.startsWith('SEISMIC_TEST_TLS_POLICY_') || n === 'SEISMIC_TEST_TLS_FAULT_HTTPS'))
    assert.match(env[k], /^https:\/\/localhost:\d+$/, k);
  assert.equal(env.SEISMIC_TEST_SUBSTRATE_WS, env.SEISMIC_TEST_SUBSTRATE_HTTP.replace('http', 'ws'));
});

test('chopsticks runs the subtensor runtime (spec 218), directly and through its latency proxy', async () => {
  for (const u of [env.SEISMIC_TEST_SUBSTRATE_HTTP, env.SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP]) {
    const v = await rpc(u, 'state_getRuntimeVersion');
    assert.equal(v.specVersion, 218);
  }
});

test('anvil (HTTP + WS, chain id 31337) and the devnode (HTTP + WS)', async () => {
  assert.equal(await rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'eth_chainId'), '0x7a69');
  assert.match(await rpc(env.SEISMIC_TEST_DEVNODE_HTTP, 'seismic_getTeePublicKey'), /^0x02[0-9a-f]{64}$/);
  assert.equal(await rpc(env.SEISMIC_TEST_DEVNODE_HTTP, 'eth_chainId'), '0x7a69');
  for (const u of [env.SEISMIC_TEST_ANVIL_WS, env.SEISMIC_TEST_DEVNODE_WS]) {
    const ev = await wsSession(u, { send: [rpcBody('eth_chainId', 7)], until: (e) => e.some((x) => x.data?.id === 7) });
    assert.equal(ev.find((x) => x.data?.id === 7)?.data.result, '0x7a69', u);
  }
});

// ------------------------------------------------------------------ fault server
test('fault /ok: single, batch, keep-alive, test_error', async () => {
  const F = env.SEISMIC_TEST_FAULT_HTTP;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const a = await request(`${F}/ok`, rpcBody('eth_chainId'), { agent });
  assert.equal(a.status, 200);
  assert.deepEqual(JSON.parse(a.text), { jsonrpc: '2.0', id: 1, result: '0x1' });
  const b = await request(`${F}/ok`, [rpcBody('eth_chainId', 1), rpcBody('eth_getBalance', 2), rpcBody('test_error', 3)], { agent });
  assert.equal(b.reusedSocket, true, 'keep-alive');
  assert.deepEqual(JSON.parse(b.text), [
    { jsonrpc: '2.0', id: 1, result: '0x1' },
    { jsonrpc: '2.0', id: 2, result: 'eth_getBalance' },
    { jsonrpc: '2.0', id: 3, error: { code: -32000, message: 'test error' } },
  ]);
  agent.destroy();
});

test('fault /reset-mid-body: 100 of 1000 bytes, then a reset', async () => {
  const got = await new Promise((resolve) => {
    const st = { n: 0, len: undefined, err: null, ended: false };
    const fin = () => setTimeout(() => resolve(st), 20);
    const req = http.request(`${env.SEISMIC_TEST_FAULT_HTTP}/reset-mid-body`, { method: 'POST', agent: false }, (res) => {
      st.len = res.headers['content-length'];
      res.on('data', (c) => (st.n += c.length));
      res.on('error', (e) => (st.err ??= e.code || e.message));
      res.on('end', () => (st.ended = true));
      res.on('close', fin);
    });
    req.on('error', (e) => {
      st.err ??= e.code;
      if (st.len === undefined) fin();
    });
    req.end('{}');
  });
  assert.equal(got.len, '1000');
  assert.equal(got.n, 100);
  assert.equal(got.ended, false, 'the body must not complete');
  assert.equal(got.err, 'ECONNRESET');
});

test('fault /stall never answers; /garbage-status and /bad-chunk are unparseable', async () => {
  const F = env.SEISMIC_TEST_FAULT_HTTP;
  await assert.rejects(request(`${F}/stall`, rpcBody('eth_chainId'), { timeout: 400 }), { code: 'TIMEOUT' });
  await assert.rejects(request(`${F}/garbage-status`, rpcBody('eth_chainId')), (e) => /HPE_INVALID|Parse Error/i.test(`${e.code} ${e.message}`));
  await assert.rejects(
    new Promise((resolve, reject) => {
      const req = http.request(`${F}/bad-chunk`, { method: 'POST', agent: false }, (res) => {
        assert.equal(res.headers['transfer-encoding'], 'chunked');
        res.on('data', () => {});
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end('{}');
    }),
    (e) => /HPE_INVALID_CHUNK_SIZE|Parse Error|aborted/i.test(`${e.code} ${e.message}`),
  );
});

test('fault /huge-body: Content-Length 200000000 and zeros keep coming', async () => {
  const r = await new Promise((resolve, reject) => {
    const req = http.request(`${env.SEISMIC_TEST_FAULT_HTTP}/huge-body`, { method: 'POST', agent: false }, (res) => {
      let n = 0;
      res.on('data', (c) => {
        n += c.length;
        if (n >= 4 * 1024 * 1024) {
          res.destroy();
          resolve({ len: res.headers['content-length'], n });
        }
      });
      res.on('error', () => {});
    });
    req.on('error', reject);
    req.end('{}');
  });
  assert.equal(r.len, '200000000');
  assert.ok(r.n >= 4 * 1024 * 1024);
});

test('fault /byte-at-a-time: a correct batch response, one byte per write', async () => {
  const body = JSON.stringify([rpcBody('eth_chainId', 1), rpcBody('x', 2)]);
  const r = await new Promise((resolve, reject) => {
    const u = new URL(env.SEISMIC_TEST_FAULT_HTTP);
    const s = net.connect(Number(u.port), u.hostname);
    const t0 = Date.now();
    let buf = '';
    let reads = 0;
    s.on('data', (d) => {
      reads++;
      buf += d;
      const i = buf.indexOf('\r\n\r\n');
      const m = /content-length: (\d+)/i.exec(buf);
      if (i > 0 && m && buf.length >= i + 4 + Number(m[1])) {
        s.destroy();
        resolve({ buf, reads, ms: Date.now() - t0, body: buf.slice(i + 4) });
      }
    });
    s.on('error', reject);
    s.write(`POST /byte-at-a-time HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  });
  assert.match(r.buf, /^HTTP\/1\.1 200 /);
  assert.deepEqual(JSON.parse(r.body), [{ jsonrpc: '2.0', id: 1, result: '0x1' }, { jsonrpc: '2.0', id: 2, result: 'x' }]);
  assert.ok(r.reads > r.buf.length / 2, `${r.reads} reads for ${r.buf.length} bytes`);
  assert.ok(r.ms >= r.buf.length * 1.5, `${r.ms} ms for ${r.buf.length} bytes`);
});

test('fault /429 and /500-then-ok count per key; /close-after-response closes', async () => {
  const F = env.SEISMIC_TEST_FAULT_HTTP;
  const key = `k${Date.now()}`;
  const s429 = [];
  for (let i = 0; i < 3; i++) {
    const r = await request(`${F}/429?key=${key}`, rpcBody('eth_chainId'));
    s429.push(r.status);
    if (r.status === 429) assert.equal(r.headers['retry-after'], '1');
    else assert.equal(JSON.parse(r.text).result, '0x1');
  }
  assert.deepEqual(s429, [429, 429, 200]);
  assert.equal((await request(`${F}/429?key=${key}-other`, rpcBody('eth_chainId'))).status, 429, 'a new key starts again');
  const s500 = [];
  for (let i = 0; i < 3; i++) s500.push((await request(`${F}/500-then-ok?key=${key}`, rpcBody('eth_chainId'))).status);
  assert.deepEqual(s500, [503, 503, 200]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const c = await request(`${F}/close-after-response`, rpcBody('eth_chainId'), { agent });
  assert.equal(c.headers.connection, 'close');
  assert.equal(JSON.parse(c.text).result, '0x1');
  await new Promise((r) => (c.socket.destroyed ? r() : c.socket.once('close', r)));
  agent.destroy();
});

test('fault WebSocket paths', async () => {
  const W = env.SEISMIC_TEST_FAULT_HTTP.replace('http', 'ws');
  const ok = await wsSession(`${W}/ws/ok`, {
    send: [[rpcBody('eth_chainId', 1), rpcBody('eth_blockNumber', 2)], rpcBody('eth_subscribe', 3, ['newHeads'])],
    until: (e) => e.filter((x) => x.data?.method === 'eth_subscription').length === 3,
  });
  const msgs = ok.filter((x) => x.type === 'message');
  assert.deepEqual(msgs[0].data, [{ jsonrpc: '2.0', id: 1, result: '0x1' }, { jsonrpc: '2.0', id: 2, result: 'eth_blockNumber' }]);
  const subId = msgs.find((x) => x.data.id === 3).data.result;
  assert.match(subId, /^0x[0-9a-f]+$/);
  const notes = msgs.filter((x) => x.data.method === 'eth_subscription');
  assert.equal(notes.length, 3);
  for (const n of notes) assert.equal(n.data.params.subscription, subId);
  assert.ok(notes[2].at - notes[0].at >= 150, 'notifications ~100 ms apart');

  const bad = await wsSession(`${W}/ws/bad-opcode`);
  assert.ok(bad.some((x) => x.type === 'error' && /opcode 3/.test(x.message)), JSON.stringify(bad));
  const huge = await wsSession(`${W}/ws/huge-length`);
  assert.ok(huge.some((x) => x.type === 'error' && /payload length/.test(x.message)), JSON.stringify(huge));
  const closing = await wsSession(`${W}/ws/close`, { send: [rpcBody('eth_chainId')] });
  assert.equal(closing.find((x) => x.type === 'close')?.code, 1011);
  assert.ok(!closing.some((x) => x.type === 'message'));
  const noAccept = await wsSession(`${W}/ws/no-accept`);
  assert.ok(noAccept.some((x) => x.type === 'error' && /Sec-WebSocket-Accept/.test(x.message)), JSON.stringify(noAccept));
  assert.ok(!noAccept.some((x) => x.type === 'open'));
});

test('fault GET /__stats counts requests per path', async () => {
  const s = JSON.parse((await request(`${env.SEISMIC_TEST_FAULT_HTTP}/__stats`, undefined, { method: 'GET' })).text);
  assert.ok(s.requests['/ok'] >= 2);
  assert.ok(s.requests['/429'] >= 4);
  assert.ok(s.requests['/ws/ok'] >= 1);
});

// ------------------------------------------------------------------ proxies
test('counting proxy: a batch of 3 is 1 HTTP request and 3 calls', async () => {
  const C = env.SEISMIC_TEST_COUNTING_HTTP;
  await request(`${C}/__reset`, undefined);
  const r = await request(C, [rpcBody('eth_chainId', 1), rpcBody('eth_blockNumber', 2), rpcBody('net_version', 3)]);
  assert.equal(r.status, 200);
  const out = JSON.parse(r.text);
  assert.equal(out.length, 3);
  assert.equal(out.find((x) => x.id === 1).result, '0x7a69');
  assert.deepEqual(JSON.parse((await request(`${C}/__count`, undefined, { method: 'GET' })).text), { httpRequests: 1, rpcCalls: 3 });
  await request(C, rpcBody('eth_chainId'));
  assert.deepEqual(JSON.parse((await request(`${C}/__count`, undefined, { method: 'GET' })).text), { httpRequests: 2, rpcCalls: 4 });
  await request(`${C}/__reset`, undefined);
  assert.deepEqual(JSON.parse((await request(`${C}/__count`, undefined, { method: 'GET' })).text), { httpRequests: 0, rpcCalls: 0 });
});

test('counting proxy /__control: count and reset over JSON-RPC', async () => {
  const C = env.SEISMIC_TEST_COUNTING_HTTP;
  assert.equal(await rpc(`${C}/__control`, 'reset'), true);
  await request(C, [rpcBody('eth_chainId', 1), rpcBody('eth_chainId', 2)]);
  assert.equal(await rpc(`${C}/__control`, 'count', ['httpRequests']), 1);
  assert.equal(await rpc(`${C}/__control`, 'count', ['rpcCalls']), 2);
  const bad = JSON.parse((await request(`${C}/__control`, rpcBody('count', 1, ['nothing']))).text);
  assert.equal(bad.error.code, -32601);
});

test('fault /big: every result is "0x" + N hex digits (also chunked, and over WebSocket)', async () => {
  const r = JSON.parse((await request(`${env.SEISMIC_TEST_FAULT_HTTP}/big?bytes=1000`, [rpcBody('eth_chainId', 7)])).text);
  assert.equal(r[0].id, 7);
  assert.match(r[0].result, /^0x(ab){500}$/);
  const chunked = await request(`${env.SEISMIC_TEST_FAULT_HTTP}/big?bytes=200000&chunked=1`, rpcBody('eth_chainId', 8));
  assert.equal(chunked.headers['transfer-encoding'], 'chunked');
  assert.equal(chunked.headers['content-length'], undefined);
  assert.match(JSON.parse(chunked.text).result, /^0x(ab){100000}$/);
  const W = env.SEISMIC_TEST_FAULT_HTTP.replace('http', 'ws');
  const ws = await wsSession(`${W}/ws/big?bytes=200000`, { send: [rpcBody('eth_chainId', 9)], until: (e) => e.some((x) => x.type === 'message') });
  const answer = ws.find((x) => x.type === 'message');
  assert.equal(answer?.data.id, 9);
  assert.match(answer.data.result, /^0x(ab){100000}$/);
});

test('dnsserver: A, AAAA, NXDOMAIN, truncation then TCP, wrong id first, counts', async () => {
  const { default: dgram } = await import('node:dgram');
  const [host, port] = env.SEISMIC_TEST_DNS.split(':');
  const query = (name, type, id) => {
    const labels = name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
    const head = Buffer.alloc(12);
    head.writeUInt16BE(id, 0); head.writeUInt16BE(0x0100, 2); head.writeUInt16BE(1, 4);
    const tail = Buffer.alloc(5); tail.writeUInt16BE(type, 1); tail.writeUInt16BE(1, 3);
    return Buffer.concat([head, ...labels, tail]);
  };
  const udp = (msg, n = 1, to = [Number(port), host], type = 'udp4') => new Promise((resolve, reject) => {
    const s = dgram.createSocket(type);
    const got = [];
    const t = setTimeout(() => { s.close(); reject(new Error('no answer')); }, 3000);
    s.on('message', (m) => { got.push(m); if (got.length === n) { clearTimeout(t); s.close(); resolve(got); } });
    s.send(msg, ...to);
  });
  const tcp = (msg) => new Promise((resolve, reject) => {
    const s = net.connect(Number(port), host);
    let buf = Buffer.alloc(0);
    s.on('data', (c) => { buf = Buffer.concat([buf, c]); if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) { s.end(); resolve(buf.subarray(2)); } });
    s.on('error', reject);
    const len = Buffer.alloc(2); len.writeUInt16BE(msg.length);
    s.write(Buffer.concat([len, msg]));
  });
  assert.equal(await rpc(env.SEISMIC_TEST_DNS_CONTROL, 'dns_reset'), true);
  const [a] = await udp(query('x.a.test', 1, 0x1234));
  assert.equal(a.readUInt16BE(0), 0x1234);
  assert.equal(a.readUInt16BE(6), 1); // one answer
  assert.deepEqual([...a.subarray(a.length - 4)], [127, 0, 0, 1]);
  const [six] = await udp(query('x.v6.test', 28, 2));
  assert.equal(six[six.length - 1], 1);
  const [nx] = await udp(query('nothing.test', 1, 3));
  assert.equal(nx.readUInt16BE(2) & 0xf, 3);
  const [tc] = await udp(query('trunc.a.test', 1, 4));
  assert.ok(tc.readUInt16BE(2) & 0x0200);
  assert.equal(tc.readUInt16BE(6), 0);
  const full = await tcp(query('trunc.a.test', 1, 5));
  assert.equal(full.readUInt16BE(0), 5);
  assert.equal(full.readUInt16BE(6), 1);
  const [wrong, right] = await udp(query('wrongid.a.test', 1, 6), 2);
  assert.equal(wrong.readUInt16BE(0), 7);
  assert.equal(right.readUInt16BE(0), 6);
  assert.equal(await rpc(env.SEISMIC_TEST_DNS_CONTROL, 'dns_queries', ['trunc.a.test']), 2);
  // negative answers: no SOA by default; negN adds the zone's SOA (MINIMUM N) to the authority section
  assert.equal(nx.readUInt16BE(8), 0);
  const [neg] = await udp(query('neg5.nothing.test', 1, 8));
  assert.equal(neg.readUInt16BE(2) & 0xf, 3);
  assert.equal(neg.readUInt16BE(8), 1);
  assert.equal(neg.readUInt32BE(neg.length - 4), 5);
  const [nodata] = await udp(query('neg7.x.empty.test', 28, 9));
  assert.equal(nodata.readUInt16BE(2) & 0xf, 0);
  assert.equal(nodata.readUInt16BE(6), 0);
  assert.equal(nodata.readUInt32BE(nodata.length - 4), 7);
  // the same server on the IPv6 loopback
  const m6 = /^\[(.+)\]:(\d+)$/.exec(env.SEISMIC_TEST_DNS6);
  const [v6] = await udp(query('x.a.test', 1, 10), 1, [Number(m6[2]), m6[1]], 'udp6');
  assert.equal(v6.readUInt16BE(0), 10);
  assert.deepEqual([...v6.subarray(v6.length - 4)], [127, 0, 0, 1]);
});

test('control: testenv_restartAnvil is refused for an unknown method, not crashed', async () => {
  const r = JSON.parse((await request(env.SEISMIC_TEST_CONTROL_HTTP, rpcBody('nothing'))).text);
  assert.equal(r.error.code, -32601);
});

test('latency proxy adds >= 50 ms round trip', async () => {
  const rtt = async (url) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await request(url, rpcBody('eth_chainId'), { agent }); // connect + warm up
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = await request(url, rpcBody('eth_chainId'), { agent });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      assert.equal(JSON.parse(r.text).result, '0x7a69');
      assert.equal(r.reusedSocket, true);
    }
    agent.destroy();
    return Math.min(...times);
  };
  const direct = await rtt(env.SEISMIC_TEST_ANVIL_HTTP);
  const slow = await rtt(env.SEISMIC_TEST_LATENCY_HTTP);
  assert.ok(slow >= 50, `latency proxy RTT ${slow} ms`);
  assert.ok(slow < 50 + direct + 100, `latency proxy RTT ${slow} ms (direct ${direct} ms)`);
});

test('latency proxy: 200 concurrent connections', async () => {
  const rs = await Promise.all(Array.from({ length: 200 }, (_, i) => request(env.SEISMIC_TEST_LATENCY_HTTP, rpcBody('eth_chainId', i))));
  for (const r of rs) assert.equal(JSON.parse(r.text).result, '0x7a69');
});

// ------------------------------------------------------------------ TLS
test('TLS: the CA file verifies the devnode (HTTPS + WSS); other CA and wrong name fail', async () => {
  const ca = readFileSync(env.SEISMIC_TEST_CA_FILE);
  const other = readFileSync(env.SEISMIC_TEST_OTHER_CA_FILE);
  assert.equal(await rpc(env.SEISMIC_TEST_TLS_HTTPS, 'eth_chainId', [], { ca }), '0x7a69');
  const ev = await wsSession(env.SEISMIC_TEST_TLS_WSS, { ca, send: [rpcBody('eth_chainId', 5)], until: (e) => e.some((x) => x.data?.id === 5) });
  assert.equal(ev.find((x) => x.data?.id === 5)?.data.result, '0x7a69');
  await assert.rejects(rpc(env.SEISMIC_TEST_TLS_HTTPS, 'eth_chainId', [], { ca: other }), (e) =>
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED/.test(e.code));
  await assert.rejects(rpc(env.SEISMIC_TEST_TLS_HTTPS, 'eth_chainId'), (e) => /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/.test(e.code));
  await assert.rejects(rpc(env.SEISMIC_TEST_TLS_WRONGNAME_HTTPS, 'eth_chainId', [], { ca }), (e) => e.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
});

// ------------------------------------------------------------------ chaos proxy
test('chaos-proxy: refuses eth_getLogs ranges and result counts, cuts WebSocket connections on a seed', async () => {
  const C = env.SEISMIC_TEST_CHAOS_HTTP;
  const post = (url, body) =>
    new Promise((resolve, reject) => {
      const b = JSON.stringify(body);
      const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) } }, (res) => {
        let s = '';
        res.on('data', (d) => (s += d));
        res.on('end', () => resolve(JSON.parse(s)));
      });
      req.on('error', reject);
      req.end(b);
    });
  assert.equal((await post(`${C}/__config`, { maxRange: 10, maxResults: 0 })).maxRange, 10);
  const refused = await post(C, rpcBody('eth_getLogs', 1, [{ fromBlock: '0x0', toBlock: '0xa' }]));
  assert.match(refused.error?.message ?? '', /block range too large: 11 blocks/);
  const ok = await post(C, rpcBody('eth_getLogs', 2, [{ fromBlock: '0x0', toBlock: '0x9' }]));
  assert.ok(Array.isArray(ok.result));
  const batch = await post(C, [rpcBody('eth_getLogs', 3, [{ fromBlock: '0x0', toBlock: '0x20' }]), rpcBody('eth_chainId', 4)]);
  assert.match(batch[0].error?.message ?? '', /too large/);
  assert.equal(batch[1].result, '0x7a69');
  // the same over JSON-RPC (as the C tests configure it), and the stats
  const rpcConfig = await post(`${C}/__config`, rpcBody('config', 5, [{ seed: 3, dropMin: 2, dropMax: 2, maxDrops: 1 }]));
  assert.equal(rpcConfig.result.dropMax, 2);
  // dropped after 2 server messages, with no close frame; the next connection is not (maxDrops 1)
  const cut = await wsSession(env.SEISMIC_TEST_CHAOS_WS, { send: [rpcBody('eth_chainId', 6), rpcBody('eth_chainId', 7), rpcBody('eth_chainId', 8)], until: () => false });
  assert.equal(cut.filter((x) => x.data?.result === '0x7a69').length, 2);
  assert.equal(cut.find((x) => x.type === 'close')?.code, 1006);
  const kept = await wsSession(env.SEISMIC_TEST_CHAOS_WS, { send: [rpcBody('eth_chainId', 9), rpcBody('eth_chainId', 10), rpcBody('eth_chainId', 11)], until: (e) => e.filter((x) => x.data?.id).length === 3 });
  assert.equal(kept.filter((x) => x.data?.result === '0x7a69').length, 3);
  const stats = await post(`${C}/__stats`, rpcBody('stats', 12, []));
  assert.equal(stats.result.drops, 1);
  await post(`${C}/__config`, {});
});

// ------------------------------------------------------------------ restart + stop
test('restart-anvil: same port, proxies and devnode recover', async (t) => {
  const port = new URL(env.SEISMIC_TEST_ANVIL_HTTP).port;
  const oldPid = readPids().find((p) => p.name === 'anvil').pid;
  // a devnode WS connection with a live upstream subscription, opened before the restart
  const devWs = new WebSocket(env.SEISMIC_TEST_DEVNODE_WS);
  const replies = new Map();
  devWs.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.id !== undefined) replies.set(m.id, m);
  });
  const devWsClosed = new Promise((r) => devWs.once('close', (code) => r(code)));
  await new Promise((r, j) => devWs.once('open', r).once('error', j));
  devWs.send(JSON.stringify(rpcBody('eth_subscribe', 1, ['newHeads'])));
  for (let i = 0; i < 50 && !replies.has(1); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(replies.get(1)?.result ?? '', /^0x/);

  const restart = testenv('restart-anvil', '--down-ms', '800');
  // anvil is down for 800 ms from the moment the old process is gone (however long the restart command takes
  // to get there on a loaded machine)
  for (let i = 0; i < 1000 && alive(oldPid); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(!alive(oldPid), 'old anvil killed');
  await assert.rejects(rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'eth_chainId'), 'anvil is down');
  await restart;
  assert.ok(!alive(oldPid), 'old anvil gone');
  const newPid = readPids().find((p) => p.name === 'anvil').pid;
  assert.notEqual(newPid, oldPid);
  assert.equal(new URL(env.SEISMIC_TEST_ANVIL_HTTP).port, port);
  assert.equal(await rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'eth_chainId'), '0x7a69');
  assert.equal(await rpc(env.SEISMIC_TEST_DEVNODE_HTTP, 'eth_chainId'), '0x7a69');
  assert.equal(await rpc(env.SEISMIC_TEST_COUNTING_HTTP, 'eth_chainId'), '0x7a69');
  assert.equal(await rpc(env.SEISMIC_TEST_LATENCY_HTTP, 'eth_chainId'), '0x7a69');
  assert.equal(await rpc(env.SEISMIC_TEST_TLS_HTTPS, 'eth_chainId', [], { ca: readFileSync(env.SEISMIC_TEST_CA_FILE) }), '0x7a69');
  // predeploys re-installed on the fresh chain
  const code = await rpc(env.SEISMIC_TEST_DEVNODE_HTTP, 'eth_getCode', ['0x1000000000000000000000000000000000000004', 'latest']);
  assert.ok(code.length > 100, 'Directory predeploy present after restart');
  // a new devnode WS connection subscribes again
  const ev = await wsSession(env.SEISMIC_TEST_DEVNODE_WS, { send: [rpcBody('eth_subscribe', 9, ['newHeads'])], until: (e) => e.some((x) => x.data?.id === 9) });
  assert.match(ev.find((x) => x.data?.id === 9)?.data.result ?? '', /^0x/);
  // the devnode closed the WS connection opened before the restart (its upstream subscription WS to
  // anvil died) with 1012, so clients reconnect
  const code1012 = await Promise.race([devWsClosed, new Promise((r) => setTimeout(() => r('still open after 5 s'), 5000))]);
  assert.equal(code1012, 1012);
  devWs.terminate();
});

test('restart-anvil --keep-state: the chain survives (blocks, hashes, logs)', async () => {
  await rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'anvil_mine', ['0x5']);
  const head = await rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'eth_getBlockByNumber', ['latest', false]);
  await testenv('restart-anvil', '--down-ms', '300', '--keep-state');
  const after = await rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'eth_getBlockByNumber', [head.number, false]);
  assert.equal(after.hash, head.hash);
  assert.equal(await rpc(env.SEISMIC_TEST_ANVIL_HTTP, 'eth_blockNumber'), head.number);
});

test('stop kills everything it started', async () => {
  const pids = readPids();
  assert.ok(pids.length >= 8, JSON.stringify(pids));
  for (const p of pids) assert.ok(alive(p.pid), `${p.name} alive before stop`);
  await testenv('stop');
  stopped = true;
  for (const p of [...pids, ...startedPids]) {
    let gone = false;
    try {
      process.kill(p.pid, 0);
    } catch {
      gone = true;
    }
    // the sandbox's PID 1 does not reap orphans: a killed process may linger as a zombie
    if (!gone) gone = !alive(p.pid);
    assert.ok(gone, `${p.name} (pid ${p.pid}) still running after stop`);
  }
});
