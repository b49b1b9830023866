// What the test servers (faultserver, counting-proxy, chaos-proxy, latency-proxy) share: running as a
// command (options, the one "listening on" line, stopping on a signal), listening on a port, answering
// JSON, and forwarding HTTP requests to an upstream over a keep-alive agent.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when the module of importMetaUrl is the program node runs (not one imported by a test). */
export function isMain(importMetaUrl) {
  return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(importMetaUrl);
}

/** Prints `name: message` and exits with status 2 (a usage error). */
export function usageError(name, message) {
  console.error(`${name}: ${message}`);
  process.exit(2);
}

/**
 * The command line as options: spec maps each option to [key, parse], where parse turns its value into
 * the option (Number, String, ...) or is `true` for a flag without a value. -h/--help prints the usage
 * and exits 0; an unknown option or a missing value is a usage error.
 */
export function parseOptions(name, usage, spec, defaults, argv = process.argv.slice(2)) {
  const o = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(`usage: ${usage}`);
      process.exit(0);
    }
    if (!Object.hasOwn(spec, a)) usageError(name, `unknown argument ${a}`);
    const [key, parse] = spec[a];
    if (parse === true) {
      o[key] = true;
      continue;
    }
    if (i + 1 >= argv.length) usageError(name, `missing value for ${a}`);
    o[key] = parse(argv[++i]);
  }
  return o;
}

/** A host as it stands in a URL or host:port: an IPv6 literal in brackets. */
export const urlHost = (host) => (host.includes(':') ? `[${host}]` : host);

/** Listens on host:port (port 0: a free one) with any further listen options; resolves with the port. */
export function listen(server, port = 0, host = '127.0.0.1', options = {}) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, ...options }, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/** Prints the one line a starter waits for, then runs until SIGTERM, SIGINT or SIGHUP, which close() and exit. */
export function serveUntilSignal(readyLine, close) {
  console.log(readyLine);
  const stop = () => Promise.resolve(close()).finally(() => process.exit(0));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
}

/** The whole body of a request (rejects if the client goes away first). */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers with obj as JSON and its Content-Length. */
export function sendJson(res, status, obj, headers = {}) {
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization',
  'proxy-authenticate', 'host', 'content-length',
]);

const endToEnd = (headers) => Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));

/**
 * Sends HTTP requests to target (http://host:port) over one keep-alive agent. forward() resolves with the
 * whole answer {status, statusMessage, headers, body}; hop-by-hop headers are dropped both ways and
 * Content-Length is set from the body. A request that meets a pooled socket the upstream had already closed
 * (it restarted) is sent once more on a new one. It rejects if the upstream cannot be reached or fails
 * mid-answer; `error.midAnswer` tells the second case.
 */
export function createForwarder(target, { maxSockets = 256 } = {}) {
  const t = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function forward({ method = 'POST', path: p = '/', headers = {}, body = Buffer.alloc(0) }) {
    const sent = { ...endToEnd(headers), 'content-length': body.length };
    const attempt = (retried) =>
      new Promise((resolve, reject) => {
        const up = http.request({ host: t.hostname, port: t.port || 80, method, path: p, headers: sent, agent }, (ur) => {
          const out = [];
          ur.on('data', (c) => out.push(c));
          ur.on('end', () => {
            const b = Buffer.concat(out);
            const h = endToEnd(ur.headers);
            if (ur.statusCode !== 204 && ur.statusCode !== 304) h['content-length'] = b.length;
            resolve({ status: ur.statusCode, statusMessage: ur.statusMessage, headers: h, body: b });
          });
          ur.on('error', (e) => reject(Object.assign(e, { midAnswer: true })));
        });
        up.on('error', (e) => {
          if (!retried && up.reusedSocket && ['ECONNRESET', 'EPIPE'].includes(e.code)) resolve(attempt(true));
          else reject(e);
        });
        up.end(body);
      });
    return attempt(false);
  }
  return { forward, close: () => agent.destroy() };
}
