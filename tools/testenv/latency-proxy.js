#!/usr/bin/env node
// TCP proxy that adds a fixed one-way delay to every chunk in both directions (so the round trip
// grows by 2 x delay), preserving order per connection. When one side closes (FIN), the other side
// is half-closed after the data still in flight has been delivered; an error / reset on either side
// destroys both. Hundreds of concurrent connections are fine.
//
// Usage:
//   node tools/testenv/latency-proxy.js --listen-port 0 --target 127.0.0.1:PORT --delay-ms 25 [--listen-host 127.0.0.1]
// When ready, prints exactly one line to stdout:
//   latency-proxy listening on 127.0.0.1:P
// With --delay-ms 0 it is a plain TCP forwarder (used by testenv to mirror a port onto ::1).
import net from 'node:net';
import { isMain, listen, parseOptions, serveUntilSignal, urlHost, usageError } from './serverkit.js';

const HIGH_WATER = 4 * 1024 * 1024; // pause the reader when this much is queued for one direction

/** One direction src -> dst with a fixed delay. Calls onDone() after dst was ended. */
function delayedPipe(src, dst, delayMs, onError) {
  const q = []; // {due, buf} or {due, end: true}
  let queued = 0;
  let timer = null;
  let paused = false;
  const flush = () => {
    timer = null;
    const now = Date.now();
    while (q.length && q[0].due <= now) {
      const it = q.shift();
      if (it.end) {
        if (!dst.destroyed) dst.end();
        continue;
      }
      queued -= it.buf.length;
      if (!dst.destroyed) dst.write(it.buf);
    }
    if (paused && queued < HIGH_WATER / 2 && dst.writableLength < HIGH_WATER) {
      paused = false;
      src.resume();
    }
    if (q.length) timer = setTimeout(flush, Math.max(0, q[0].due - Date.now()));
  };
  const push = (it) => {
    q.push(it);
    if (!timer) timer = setTimeout(flush, Math.max(0, it.due - Date.now()));
  };
  src.on('data', (buf) => {
    if (delayMs <= 0 && !q.length) {
      if (!dst.write(buf)) {
        src.pause();
        dst.once('drain', () => src.resume());
      }
      return;
    }
    queued += buf.length;
    push({ due: Date.now() + delayMs, buf });
    if (queued > HIGH_WATER && !paused) {
      paused = true;
      src.pause();
    }
  });
  dst.on('drain', () => {
    if (paused && queued < HIGH_WATER / 2) {
      paused = false;
      src.resume();
    }
  });
  src.on('end', () => push({ due: Date.now() + delayMs, end: true }));
  src.on('error', onError);
  return {
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      q.length = 0;
    },
  };
}

export function createLatencyProxy({ targetHost, targetPort, delayMs }) {
  const conns = new Set();
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort, allowHalfOpen: true, noDelay: true });
    const c = { client, upstream, pipes: [] };
    conns.add(c);
    let dead = false;
    const kill = () => {
      if (dead) return;
      dead = true;
      for (const p of c.pipes) p.cancel();
      // deliver the failure after the delay, like a real slow link would
      setTimeout(() => {
        for (const s of [client, upstream]) {
          if (s.destroyed) continue;
          if (typeof s.resetAndDestroy === 'function' && s._handle) s.resetAndDestroy();
          else s.destroy();
        }
      }, delayMs).unref();
    };
    c.pipes.push(delayedPipe(client, upstream, delayMs, kill));
    c.pipes.push(delayedPipe(upstream, client, delayMs, kill));
    // When one socket is gone for good, finish the other one once the data in flight was delivered
    // (a clean close) or right away after the delay (an error / reset).
    const follow = (gone, other) =>
      gone.on('close', (hadError) => {
        if (hadError) return kill();
        setTimeout(() => {
          if (other.destroyed) return;
          other.end();
          setTimeout(() => other.destroy(), 2000).unref();
        }, delayMs + 1).unref();
        if (client.destroyed && upstream.destroyed) conns.delete(c);
      });
    follow(client, upstream);
    follow(upstream, client);
    client.on('close', () => upstream.destroyed && conns.delete(c));
    upstream.on('close', () => client.destroyed && conns.delete(c));
  });
  server.maxConnections = 10000;
  return {
    server,
    listen: (port, host) => listen(server, port, host, { backlog: 1024 }),
    async close() {
      for (const c of conns) {
        c.client.destroy();
        c.upstream.destroy();
      }
      await new Promise((r) => server.close(() => r()));
    },
  };
}

if (isMain(import.meta.url)) {
  const usage = 'latency-proxy.js --listen-port 0 --target 127.0.0.1:PORT --delay-ms 25 [--listen-host 127.0.0.1]';
  const o = parseOptions('latency-proxy', usage,
    { '--listen-port': ['listenPort', Number], '--listen-host': ['listenHost', String], '--target': ['target', String], '--delay-ms': ['delayMs', Number] },
    { listenPort: 0, listenHost: '127.0.0.1', target: null, delayMs: 25 });
  const m = o.target && /^\[?([^\]]+?)\]?:(\d+)$/.exec(o.target);
  if (!m || !(o.delayMs >= 0)) usageError('latency-proxy', 'need --target HOST:PORT and --delay-ms >= 0');
  const p = createLatencyProxy({ targetHost: m[1], targetPort: Number(m[2]), delayMs: o.delayMs });
  const port = await p.listen(o.listenPort, o.listenHost);
  serveUntilSignal(`latency-proxy listening on ${urlHost(o.listenHost)}:${port}`, () => p.close());
}
