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
//   anything else   forwarded to the upstream (same method, path, headers minus hop-by-hop ones) over
//                   a keep-alive agent; status and body come back verbatim. Upstream unreachable -> 502.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate', 'host', 'content-length']);

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
  const t = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const counts = { httpRequests: 0, rpcCalls: 0 };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/__count' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(counts));
        return;
      }
      if (req.url === '/__reset' && req.method === 'POST') {
        counts.httpRequests = 0;
        counts.rpcCalls = 0;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(counts));
        return;
      }
      counts.httpRequests++;
      counts.rpcCalls += countCalls(body.toString('utf8'));
      const headers = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
      headers['content-length'] = body.length;
      const forward = (retried) => {
        const up = http.request(
          { host: t.hostname, port: t.port || 80, method: req.method, path: req.url, headers, agent },
          (ur) => {
            const out = [];
            ur.on('data', (c) => out.push(c));
            ur.on('end', () => {
              const b = Buffer.concat(out);
              const h = {};
              for (const [k, v] of Object.entries(ur.headers)) if (!HOP.has(k)) h[k] = v;
              if (ur.statusCode !== 204 && ur.statusCode !== 304) h['content-length'] = b.length;
              res.writeHead(ur.statusCode, ur.statusMessage, h);
              res.end(b);
            });
            ur.on('error', () => res.destroy());
          },
        );
        up.on('error', (e) => {
          // a pooled keep-alive socket the upstream had already closed (e.g. it restarted): retry once
          if (!retried && up.reusedSocket && ['ECONNRESET', 'EPIPE'].includes(e.code)) return forward(true);
          if (res.headersSent) return res.destroy();
          const msg = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: `counting-proxy: upstream error: ${e.message}` } });
          res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(msg) });
          res.end(msg);
        });
        up.end(body);
      };
      forward(false);
    });
  });
  server.keepAliveTimeout = 30000;
  server.headersTimeout = 35000;
  return {
    server,
    counts,
    async listen(port = 0, host = '127.0.0.1') {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, resolve);
      });
      return server.address().port;
    },
    async close() {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((r) => server.close(() => r()));
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = { port: 0, host: '127.0.0.1', target: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--port': o.port = Number(next()); break;
      case '--host': o.host = next(); break;
      case '--target': o.target = next(); break;
      case '-h': case '--help':
        console.log('usage: counting-proxy.js --port 0 --target http://127.0.0.1:PORT [--host 127.0.0.1]');
        process.exit(0);
      default:
        console.error(`counting-proxy: unknown argument ${a}`);
        process.exit(2);
    }
  }
  if (!o.target || !/^http:\/\//.test(o.target)) {
    console.error('counting-proxy: need --target http://HOST:PORT');
    process.exit(2);
  }
  const p = createCountingProxy({ target: o.target });
  const port = await p.listen(o.port, o.host);
  const h = o.host.includes(':') ? `[${o.host}]` : o.host;
  console.log(`counting-proxy listening on http://${h}:${port}`);
  const stop = () => p.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
}
