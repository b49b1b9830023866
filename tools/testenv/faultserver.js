#!/usr/bin/env node
// A deliberately bad JSON-RPC server for the C SDK's transport tests: HTTP/1.1 and WebSocket on one
// port, behaviour chosen by the request path. Written on raw `net` sockets (its own small HTTP/1.1
// parser) so it can send what node's http module never would.
//
// Usage:
//   node tools/testenv/faultserver.js [--port 0] [--host 127.0.0.1] [--tls-cert F --tls-key F] [--quiet]
// When ready, prints exactly one line to stdout:
//   faultserver listening on http://127.0.0.1:P        (https:// with --tls-cert/--tls-key)
//
// HTTP paths (POST a JSON-RPC request or batch; the query string is ignored except ?key= / ?status=):
//   /ok, /                 correct JSON-RPC server, keep-alive. result = "0x1" for eth_chainId, the method
//                          name otherwise; method "test_error" -> error {code -32000, message "test error"};
//                          notifications (no id) get no answer (204 if nothing is left).
//   /reset-mid-body        200 + Content-Length 1000, 100 bytes of body, then a TCP RST
//   /stall                 reads the request, never answers (socket kept open until the client closes)
//   /garbage-status        "HTTP/1.1 abc garbage\r\n\r\n", then FIN
//   /bad-chunk             200 chunked with chunk size "zz", then FIN
//   /huge-body             200 + Content-Length 200000000, streams zeros until the client closes
//   /byte-at-a-time        a correct response (keep-alive) written one byte every 2 ms
//   /429?key=K             429 + Retry-After: 1 for the first 2 requests per key, then correct answers
//   /500-then-ok?key=K     503 (or ?status=N) for the first 2 requests per key, then correct answers
//   /close-after-response  a correct answer with Connection: close, then FIN
//   /close-delimited       a correct answer without Content-Length (the body ends with the connection),
//                          then end(): close_notify and FIN under TLS, FIN over plain TCP
//   /close-delimited-no-notify  the same answer, then the TCP connection closes without close_notify
//                          (a truncation attack under TLS; the same as /close-delimited over plain TCP)
//   /big?bytes=N           a correct answer whose results are all "0x" + N hex digits (default 1 MiB);
//                          with &chunked=1 sent with Transfer-Encoding: chunked, in 64 KiB chunks
//   GET /__stats           {"requests": {"/ok": N, ...}} requests per path (WS upgrades included)
//   POST /__reset          zero the stats and the per-key counters
// WebSocket paths (GET + Upgrade):
//   /ws/ok                 correct JSON-RPC over WS (single + batch); eth_subscribe -> subscription id and
//                          3 eth_subscription notifications 100 ms apart; eth_unsubscribe -> true
//   /ws/bad-opcode         right after the handshake sends a frame with the reserved opcode 0x3
//   /ws/huge-length        right after the handshake sends a frame header claiming a 2^62-byte payload
//   /ws/close              correct until the first request, which is answered by a close frame 1011
//   /ws/no-accept          101 Switching Protocols with a wrong Sec-WebSocket-Accept
//   /ws/big?bytes=N        correct JSON-RPC whose results are "0x" + N hex digits, each answer sent as
//                          fragments of 64 KiB (a text frame, then continuation frames)
import net from 'node:net';
import tls from 'node:tls';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WebSocketServer, WebSocket } from 'ws';
import { isMain, listen, parseOptions, serveUntilSignal, urlHost } from './serverkit.js';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_HEAD = 64 * 1024;
const MAX_BODY = 16 * 1024 * 1024;
const IDLE_MS = 10 * 60 * 1000; // even /stall sockets go away eventually

// ------------------------------------------------------------------ JSON-RPC
function answerOne(req) {
  if (!req || typeof req !== 'object' || Array.isArray(req) || typeof req.method !== 'string')
    return { jsonrpc: '2.0', id: req?.id ?? null, error: { code: -32600, message: 'invalid request' } };
  if (!('id' in req)) return null; // notification
  if (req.method === 'test_error') return { jsonrpc: '2.0', id: req.id, error: { code: -32000, message: 'test error' } };
  return { jsonrpc: '2.0', id: req.id, result: req.method === 'eth_chainId' ? '0x1' : req.method };
}

/** body text -> response object/array, or null (nothing to answer). */
export function answerPayload(text) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch {
    return { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } };
  }
  if (Array.isArray(msg)) {
    if (!msg.length) return { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'invalid request: empty batch' } };
    const out = msg.map(answerOne).filter((x) => x);
    return out.length ? out : null;
  }
  return answerOne(msg);
}

// ------------------------------------------------------------------ HTTP helpers
const REASONS = { 200: 'OK', 204: 'No Content', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Payload Too Large', 426: 'Upgrade Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function responseBytes(status, body, { close = false, headers = {}, contentType = 'application/json' } = {}) {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body ?? '', 'utf8');
  let h = `HTTP/1.1 ${status} ${REASONS[status] || 'Status'}\r\n`;
  if (status !== 204) h += `Content-Type: ${contentType}\r\nContent-Length: ${b.length}\r\n`;
  for (const [k, v] of Object.entries(headers)) h += `${k}: ${v}\r\n`;
  h += close ? 'Connection: close\r\n' : 'Connection: keep-alive\r\n';
  h += '\r\n';
  return status === 204 ? Buffer.from(h) : Buffer.concat([Buffer.from(h), b]);
}

function rpcResponse(bodyText, opts = {}) {
  const out = answerPayload(bodyText);
  if (out === null) return responseBytes(204, '', opts);
  return responseBytes(200, JSON.stringify(out), opts);
}

/**
 * Incremental HTTP/1.1 request parser for one connection. feed(buf) returns parsed requests:
 * {method, target, path, query, version, headers (lowercased), body (Buffer), upgradeHead?}
 * Throws {status} on a malformed request.
 */
class RequestParser {
  constructor() {
    this.buf = Buffer.alloc(0);
    this.cur = null; // request whose body is being read
  }
  feed(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out = [];
    for (;;) {
      if (!this.cur) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.buf.length > MAX_HEAD) throw Object.assign(new Error('head too large'), { status: 431 });
          break;
        }
        const lines = this.buf.subarray(0, end).toString('latin1').split('\r\n');
        this.buf = this.buf.subarray(end + 4);
        const m = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/.exec(lines[0]);
        if (!m) throw Object.assign(new Error('bad request line'), { status: 400 });
        const headers = {};
        for (const l of lines.slice(1)) {
          const i = l.indexOf(':');
          if (i <= 0) throw Object.assign(new Error('bad header'), { status: 400 });
          const k = l.slice(0, i).trim().toLowerCase();
          const v = l.slice(i + 1).trim();
          headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
        }
        const u = new URL(m[2], 'http://x');
        this.cur = { method: m[1], target: m[2], path: u.pathname, query: u.searchParams, version: m[3], headers, body: null };
        if (/websocket/i.test(headers.upgrade || '')) {
          const r = this.cur;
          this.cur = null;
          r.body = Buffer.alloc(0);
          r.upgradeHead = this.buf;
          this.buf = Buffer.alloc(0);
          out.push(r);
          return out; // the connection is no longer HTTP
        }
        if (/100-continue/i.test(headers.expect || '')) this.onContinue?.();
        if (/chunked/i.test(headers['transfer-encoding'] || '')) this.cur.chunks = [];
        else {
          const n = Number(headers['content-length'] || 0);
          if (!Number.isSafeInteger(n) || n < 0) throw Object.assign(new Error('bad content-length'), { status: 400 });
          if (n > MAX_BODY) throw Object.assign(new Error('body too large'), { status: 413 });
          this.cur.need = n;
        }
      }
      const r = this.cur;
      if (r.chunks) {
        // chunked request body
        const le = this.buf.indexOf('\r\n');
        if (le < 0) break;
        const size = parseInt(this.buf.subarray(0, le).toString('latin1').split(';')[0], 16);
        if (!Number.isFinite(size) || size < 0) throw Object.assign(new Error('bad chunk'), { status: 400 });
        if (size === 0) {
          const trailerEnd = this.buf.indexOf('\r\n\r\n', le);
          if (trailerEnd < 0) break;
          this.buf = this.buf.subarray(trailerEnd + 4);
          r.body = Buffer.concat(r.chunks);
          delete r.chunks;
        } else {
          if (this.buf.length < le + 2 + size + 2) break;
          r.chunks.push(this.buf.subarray(le + 2, le + 2 + size));
          this.buf = this.buf.subarray(le + 2 + size + 2);
          continue;
        }
      } else {
        if (this.buf.length < r.need) break;
        r.body = this.buf.subarray(0, r.need);
        this.buf = this.buf.subarray(r.need);
      }
      this.cur = null;
      out.push(r);
    }
    return out;
  }
}

// ------------------------------------------------------------------ the server
export function createFaultServer({ tlsOptions = null, log = () => {} } = {}) {
  const stats = new Map(); // path -> count
  const keyCounters = new Map(); // "path key" -> count
  const sockets = new Set();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_BODY });
  const timers = new Set();
  const later = (fn, ms) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };

  const bump = (p) => stats.set(p, (stats.get(p) || 0) + 1);
  const keyCount = (req) => {
    const k = `${req.path} ${req.query.get('key') ?? ''}`;
    const n = (keyCounters.get(k) || 0) + 1;
    keyCounters.set(k, n);
    return n;
  };

  function wantsClose(req) {
    const c = (req.headers.connection || '').toLowerCase();
    if (req.version === '1.0') return !c.includes('keep-alive');
    return c.includes('close');
  }

  // Handle one HTTP request. Returns a promise that resolves when the connection may read the next
  // request, or 'detach' when the connection was handed over / is finished.
  async function handle(sock, req) {
    const p = req.path;
    if (p === '/__stats' && req.method === 'GET') {
      sock.write(responseBytes(200, JSON.stringify({ requests: Object.fromEntries(stats) }), { close: wantsClose(req) }));
      return wantsClose(req) ? endSock(sock) : undefined;
    }
    if (p === '/__reset' && req.method === 'POST') {
      stats.clear();
      keyCounters.clear();
      sock.write(responseBytes(200, JSON.stringify({ ok: true }), { close: wantsClose(req) }));
      return wantsClose(req) ? endSock(sock) : undefined;
    }
    bump(p);
    if (req.upgradeHead) return upgrade(sock, req);
    if (p.startsWith('/ws/')) {
      sock.write(responseBytes(426, 'this path needs a WebSocket upgrade\n', { contentType: 'text/plain', headers: { Upgrade: 'websocket' }, close: wantsClose(req) }));
      return wantsClose(req) ? endSock(sock) : undefined;
    }
    const body = req.body.toString('utf8');
    const close = wantsClose(req);
    const correct = (extra = {}) => {
      if (req.method !== 'POST') return responseBytes(405, 'POST JSON-RPC here\n', { contentType: 'text/plain', close, ...extra });
      return rpcResponse(body, { close, ...extra });
    };
    switch (p) {
      case '/':
      case '/ok':
        sock.write(correct());
        return close ? endSock(sock) : undefined;
      case '/reset-mid-body': {
        sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
        sock.write(Buffer.alloc(100, 0x20));
        await sleep(50);
        if (!sock.destroyed) sock.resetAndDestroy();
        return 'detach';
      }
      case '/stall':
        return 'detach'; // keep reading (and ignoring) whatever comes; never answer
      case '/garbage-status':
        sock.end('HTTP/1.1 abc garbage\r\n\r\n');
        return 'detach';
      case '/bad-chunk':
        sock.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{"jsonrpc":"2.0","id":1,"result":"0x1"}\r\n0\r\n\r\n');
        return 'detach';
      case '/huge-body': {
        sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n');
        const zeros = Buffer.alloc(64 * 1024, 0x30);
        let left = 200000000;
        const pump = () => {
          while (left > 0 && !sock.destroyed) {
            const n = Math.min(left, zeros.length);
            left -= n;
            if (!sock.write(n === zeros.length ? zeros : zeros.subarray(0, n))) {
              sock.once('drain', pump);
              return;
            }
          }
        };
        pump();
        return 'detach';
      }
      case '/byte-at-a-time': {
        const bytes = correct();
        let i = 0;
        await new Promise((resolve) => {
          const iv = setInterval(() => {
            if (sock.destroyed || i >= bytes.length) {
              clearInterval(iv);
              timers.delete(iv);
              resolve();
              return;
            }
            sock.write(bytes.subarray(i, i + 1));
            i++;
          }, 2);
          timers.add(iv);
        });
        return close ? endSock(sock) : undefined;
      }
      case '/429': {
        if (keyCount(req) <= 2) {
          sock.write(responseBytes(429, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32005, message: 'rate limited' } }), { close, headers: { 'Retry-After': '1' } }));
        } else sock.write(correct());
        return close ? endSock(sock) : undefined;
      }
      case '/500-then-ok': {
        const st = Number(req.query.get('status') || 503);
        if (keyCount(req) <= 2) {
          sock.write(responseBytes(st >= 400 && st <= 599 ? st : 503, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'server error' } }), { close }));
        } else sock.write(correct());
        return close ? endSock(sock) : undefined;
      }
      case '/close-after-response':
        sock.end(correct({ close: true }));
        return 'detach';
      case '/big': {
        // every result is the string "0x" + `bytes` hex digits (a big response for the benchmarks)
        const n = Math.min(Number(req.query.get('bytes')) || 1 << 20, 1 << 28);
        const big = '0x' + 'ab'.repeat(Math.floor(n / 2));
        const out = answerPayload(body);
        const withBig = (x) => (x && 'result' in x ? { ...x, result: big } : x);
        if (out !== null && req.query.get('chunked') === '1') {
          const text = Buffer.from(JSON.stringify(Array.isArray(out) ? out.map(withBig) : withBig(out)));
          const parts = [Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: ${close ? 'close' : 'keep-alive'}\r\n\r\n`)];
          for (let at = 0; at < text.length; at += 65536) {
            const piece = text.subarray(at, at + 65536);
            parts.push(Buffer.from(piece.length.toString(16) + '\r\n'), piece, Buffer.from('\r\n'));
          }
          parts.push(Buffer.from('0\r\n\r\n'));
          sock.write(Buffer.concat(parts));
          return close ? endSock(sock) : undefined;
        }
        sock.write(out === null ? responseBytes(204, '', { close }) : responseBytes(200, JSON.stringify(Array.isArray(out) ? out.map(withBig) : withBig(out)), { close }));
        return close ? endSock(sock) : undefined;
      }
      case '/close-delimited':
      case '/close-delimited-no-notify': {
        const out = answerPayload(body);
        const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n';
        const bytes = Buffer.from(head + (out === null ? '' : JSON.stringify(out)));
        // destroy() closes the socket without the TLS shutdown that end() performs
        if (p === '/close-delimited') sock.end(bytes);
        else sock.write(bytes, () => sock.destroy());
        return 'detach';
      }
      default:
        sock.write(responseBytes(404, `unknown fault path ${p}\n`, { contentType: 'text/plain', close }));
        return close ? endSock(sock) : undefined;
    }
  }

  function endSock(sock) {
    sock.end();
    return 'detach';
  }

  // ---------------------------------------------------------------- WebSocket
  function acceptKey(key) {
    return createHash('sha1').update(key + WS_GUID).digest('base64');
  }
  function rawHandshake(sock, req) {
    const key = req.headers['sec-websocket-key'];
    if (!key) {
      sock.end(responseBytes(400, 'missing Sec-WebSocket-Key\n', { contentType: 'text/plain', close: true }));
      return false;
    }
    sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`);
    return true;
  }

  function upgrade(sock, req) {
    const p = req.path;
    const endLater = () => later(() => sock.destroy(), 30000); // the client is expected to drop it first
    switch (p) {
      case '/ws/bad-opcode':
        if (rawHandshake(sock, req)) {
          sock.write(Buffer.from([0x83, 0x00])); // FIN + reserved non-control opcode 0x3, no payload
          endLater();
        }
        return 'detach';
      case '/ws/huge-length':
        if (rawHandshake(sock, req)) {
          const h = Buffer.alloc(10);
          h[0] = 0x82; // FIN + binary
          h[1] = 0x7f; // 64-bit length follows
          h.writeBigUInt64BE(1n << 62n, 2);
          sock.write(Buffer.concat([h, Buffer.alloc(16, 0x41)]));
          endLater();
        }
        return 'detach';
      case '/ws/no-accept': {
        const key = req.headers['sec-websocket-key'] || '';
        const wrong = acceptKey(key + 'x');
        sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${wrong}\r\n\r\n`);
        endLater();
        return 'detach';
      }
      case '/ws/ok':
      case '/ws/close':
      case '/ws/big': {
        const fakeReq = { method: req.method, url: req.target, headers: req.headers, socket: sock };
        const bytes = Math.min(Number(req.query.get('bytes')) || 1 << 20, 1 << 28);
        sock.removeAllListeners('data');
        sock.removeAllListeners('timeout');
        wss.handleUpgrade(fakeReq, sock, req.upgradeHead, (ws) => (p === '/ws/ok' ? wsOk(ws) : p === '/ws/big' ? wsBig(ws, bytes) : wsClose(ws)));
        return 'detach';
      }
      default:
        sock.end(responseBytes(404, `unknown WebSocket path ${p}\n`, { contentType: 'text/plain', close: true }));
        return 'detach';
    }
  }

  // every answer's result is "0x" + n hex digits, sent in 64 KiB fragments
  function wsBig(ws, n) {
    const big = '0x' + 'ab'.repeat(Math.floor(n / 2));
    ws.on('message', (data) => {
      const out = answerPayload(data.toString());
      if (out === null) return;
      const withBig = (x) => (x && 'result' in x ? { ...x, result: big } : x);
      const text = Buffer.from(JSON.stringify(Array.isArray(out) ? out.map(withBig) : withBig(out)));
      for (let at = 0; at < text.length; at += 65536) ws.send(text.subarray(at, at + 65536), { fin: at + 65536 >= text.length, binary: false });
    });
  }

  function wsOk(ws) {
    let subN = 0;
    const subs = new Map(); // id -> timers
    ws.on('message', (data) => {
      let msg;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } }));
        return;
      }
      const one = (r) => {
        if (r && typeof r === 'object' && r.method === 'eth_subscribe' && 'id' in r) {
          const id = '0x' + (0xabc000 + ++subN).toString(16).padStart(32, '0');
          const ts = [];
          for (let i = 1; i <= 3; i++) {
            ts.push(
              later(() => {
                if (ws.readyState !== WebSocket.OPEN || !subs.has(id)) return;
                ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'eth_subscription', params: { subscription: id, result: { number: '0x' + i.toString(16), kind: r.params?.[0] ?? null, seq: i } } }));
              }, 100 * i),
            );
          }
          subs.set(id, ts);
          return { jsonrpc: '2.0', id: r.id, result: id };
        }
        if (r && typeof r === 'object' && r.method === 'eth_unsubscribe' && 'id' in r) {
          const id = r.params?.[0];
          const had = subs.has(id);
          for (const t of subs.get(id) || []) clearTimeout(t);
          subs.delete(id);
          return { jsonrpc: '2.0', id: r.id, result: had };
        }
        return answerOne(r);
      };
      let out;
      if (Array.isArray(msg)) {
        out = msg.length ? msg.map(one).filter((x) => x) : { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'invalid request: empty batch' } };
        if (Array.isArray(out) && !out.length) out = null;
      } else out = one(msg);
      // reply first; notifications are scheduled >= 100 ms later
      if (out !== null && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(out));
    });
    ws.on('close', () => {
      for (const ts of subs.values()) for (const t of ts) clearTimeout(t);
      subs.clear();
    });
    ws.on('error', () => {});
  }

  function wsClose(ws) {
    ws.once('message', () => ws.close(1011, 'fault server: internal error'));
    ws.on('error', () => {});
    later(() => ws.terminate(), 30000);
  }

  // ---------------------------------------------------------------- connections
  function onConnection(sock) {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    sock.setNoDelay(true);
    sock.setTimeout(IDLE_MS, () => sock.destroy());
    const parser = new RequestParser();
    parser.onContinue = () => sock.write('HTTP/1.1 100 Continue\r\n\r\n');
    const queue = [];
    let busy = false;
    let detached = false;
    const run = async () => {
      if (busy) return;
      busy = true;
      while (queue.length && !detached && !sock.destroyed) {
        const req = queue.shift();
        let r;
        try {
          r = await handle(sock, req);
        } catch (e) {
          log(`handler error: ${e.stack || e}`);
          sock.destroy();
          r = 'detach';
        }
        if (r === 'detach') detached = true;
      }
      busy = false;
    };
    sock.on('data', (chunk) => {
      if (detached) return; // e.g. /stall: swallow
      let reqs;
      try {
        reqs = parser.feed(chunk);
      } catch (e) {
        detached = true;
        sock.end(responseBytes(e.status || 400, `${e.message}\n`, { contentType: 'text/plain', close: true }));
        return;
      }
      queue.push(...reqs);
      run();
    });
  }

  const server = tlsOptions
    ? tls.createServer(tlsOptions, onConnection)
    : net.createServer(onConnection);
  server.on('tlsClientError', () => {});

  return {
    server,
    stats,
    listen: (port, host) => listen(server, port, host),
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const c of wss.clients) c.terminate();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r()));
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ main
if (isMain(import.meta.url)) {
  const usage = 'faultserver.js [--port 0] [--host 127.0.0.1] [--tls-cert F --tls-key F] [--quiet]';
  const o = parseOptions('faultserver', usage,
    { '--port': ['port', Number], '--host': ['host', String], '--tls-cert': ['tlsCert', String], '--tls-key': ['tlsKey', String], '--quiet': ['quiet', true] },
    { port: 0, host: '127.0.0.1', tlsCert: null, tlsKey: null, quiet: false });
  const tlsOptions = o.tlsCert ? { cert: readFileSync(o.tlsCert), key: readFileSync(o.tlsKey) } : null;
  const fs = createFaultServer({ tlsOptions, log: o.quiet ? () => {} : (m) => console.error(`faultserver: ${m}`) });
  const port = await fs.listen(o.port, o.host);
  serveUntilSignal(`faultserver listening on ${tlsOptions ? 'https' : 'http'}://${urlHost(o.host)}:${port}`, () => fs.close());
}
