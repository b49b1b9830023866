#!/usr/bin/env node
// HTTP reverse proxy in front of a JSON-RPC upstream that counts what goes through it, so a test can
// check how many HTTP requests / JSON-RPC calls a client really made (batching, retries, caching).
//
// Usage:
//   node tools/testenv/counting-proxy.js --port 0 --target http://127.0.0.1:PORT [--host 127.0.0.1]
// When ready, prints exactly one line to stdout:
//   counting-proxy listening on http://127.0.0.1:P
//
//   GET  /__count   {"httpRequests":N,"rpcCalls":M}   (a batch of k elements counts k calls)
//   POST /__reset   zeroes both counters -> {"httpRequests":0,"rpcCalls":0}
//   POST /__control the same over JSON-RPC: "count" ["httpRequests"|"rpcCalls"] -> N, "reset" [] -> true
//   anything else   forwarded to the upstream (same method, path, headers minus hop-by-hop ones) over
//                   a keep-alive agent; status and body come back verbatim. Upstream unreachable -> 502.
import http from 'node:http';
import { createForwarder, isMain, listen, parseOptions, readBody, sendJson, serveUntilSignal, urlHost, usageError } from './serverkit.js';

/** number of JSON-RPC calls in a request body (0 if it is not JSON). */
export function countCalls(text) {
  try {
    const m = JSON.parse(text);
    if (Array.isArray(m)) return m.length;
    return m && typeof m === 'object' ? 1 : 0;
  } catch {
    return 0;
  }
}

export function createCountingProxy({ target }) {
  const upstream = createForwarder(target, { maxSockets: 512 });
  const counts = { httpRequests: 0, rpcCalls: 0 };
  const reset = () => {
    counts.httpRequests = 0;
    counts.rpcCalls = 0;
  };
  const server = http.createServer(async (req, res) => {
    let body;
    try {
      body = await readBody(req);
    } catch {
      return res.destroy();
    }
    if (req.url === '/__count' && req.method === 'GET') return sendJson(res, 200, counts);
    if (req.url === '/__control' && req.method === 'POST') {
      // JSON-RPC for clients that speak only JSON-RPC (the C tests, also under Wine):
      // "count" [key] -> counts[key]; "reset" [] -> true
      let call = {};
      try { call = JSON.parse(body.toString('utf8')); } catch {}
      const p = Array.isArray(call.params) ? call.params : [];
      let answer;
      if (call.method === 'count' && Object.hasOwn(counts, p[0])) answer = { result: counts[p[0]] };
      else if (call.method === 'reset') { reset(); answer = { result: true }; }
      else answer = { error: { code: -32601, message: 'count [httpRequests|rpcCalls] or reset' } };
      return sendJson(res, 200, { jsonrpc: '2.0', id: call.id ?? null, ...answer });
    }
    if (req.url === '/__reset' && req.method === 'POST') {
      reset();
      return sendJson(res, 200, counts);
    }
    counts.httpRequests++;
    counts.rpcCalls += countCalls(body.toString('utf8'));
    try {
      const r = await upstream.forward({ method: req.method, path: req.url, headers: req.headers, body });
      res.writeHead(r.status, r.statusMessage, r.headers);
      res.end(r.body);
    } catch (e) {
      if (e.midAnswer || res.headersSent) return res.destroy();
      sendJson(res, 502, { jsonrpc: '2.0', id: null, error: { code: -32603, message: `counting-proxy: upstream error: ${e.message}` } });
    }
  });
  server.keepAliveTimeout = 30000;
  server.headersTimeout = 35000;
  return {
    server,
    counts,
    listen: (port, host) => listen(server, port, host),
    async close() {
      server.closeAllConnections();
      upstream.close();
      await new Promise((r) => server.close(() => r()));
    },
  };
}

if (isMain(import.meta.url)) {
  const usage = 'counting-proxy.js --port 0 --target http://127.0.0.1:PORT [--host 127.0.0.1]';
  const o = parseOptions('counting-proxy', usage, { '--port': ['port', Number], '--host': ['host', String], '--target': ['target', String] },
    { port: 0, host: '127.0.0.1', target: null });
  if (!o.target || !/^http:\/\//.test(o.target)) usageError('counting-proxy', 'need --target http://HOST:PORT');
  const p = createCountingProxy({ target: o.target });
  const port = await p.listen(o.port, o.host);
  serveUntilSignal(`counting-proxy listening on http://${urlHost(o.host)}:${port}`, () => p.close());
}
