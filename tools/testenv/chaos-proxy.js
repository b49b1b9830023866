#!/usr/bin/env node
// JSON-RPC proxy (HTTP and WebSocket, one port) in front of a node, for the log watcher's tests: it
// refuses eth_getLogs ranges the way hosted nodes do, and drops WebSocket connections at seeded random
// moments.
//
// Usage:
//   node tools/chaos-proxy.js --port 0 --target http://127.0.0.1:PORT [--host 127.0.0.1]
// When ready, prints exactly one line to stdout:
//   chaos-proxy listening on http://127.0.0.1:P
//
//   POST /__config {"maxRange":N,"maxResults":N,"seed":N,"dropMin":N,"dropMax":N,"maxDrops":N}
//        (every field optional, 0 = off; resets the stats) -> the config. /__config and /__stats also take
//        a JSON-RPC call (any method, params[0] = the config) and answer with {"result": ...}.
//        maxRange:   eth_getLogs spanning more than N blocks -> error -32005 "block range too large: ..."
//        maxResults: eth_getLogs answering more than N logs -> error -32005 "query returned more than N results"
//        dropMin..dropMax, seed: each WebSocket connection is cut (TCP reset, no close frame) after a number
//                    of server->client messages drawn uniformly from [dropMin, dropMax] with a PRNG seeded
//                    by seed; at most maxDrops cuts in all (0: no limit)
//        echoRemoved: every log notification comes three times: as sent, again with "removed": true (as a
//                    node reports a reorg), and as sent once more (the log back in the chain)
//   GET  /__stats  {"drops":N,"refusedRanges":N,"refusedResults":N,"getLogs":N,"connections":N}
//   anything else  a JSON-RPC call or batch, forwarded (HTTP POST or WebSocket messages); when the
//                  upstream WebSocket closes, the client's connection is closed too (code 1012).
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { createForwarder, isMain, listen, parseOptions, readBody, sendJson, serveUntilSignal, urlHost, usageError } from './serverkit.js';

const off = () => ({ maxRange: 0, maxResults: 0, seed: 1, dropMin: 0, dropMax: 0, maxDrops: 0, echoRemoved: false });

/** mulberry32: a small seeded PRNG, so a failing schedule can be replayed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const blockOf = (v) => (v === 'earliest' ? 0 : typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : null);

export function createChaosProxy({ target }) {
  const t = new URL(target);
  const wsTarget = `ws://${t.host}`;
  const upstreamHttp = createForwarder(target);
  let config = off();
  let random = prng(config.seed);
  const stats = { drops: 0, refusedRanges: 0, refusedResults: 0, getLogs: 0, connections: 0 };
  const reset = () => Object.keys(stats).forEach((k) => (stats[k] = 0));

  const error = (id, message) => ({ jsonrpc: '2.0', id: id ?? null, error: { code: -32005, message } });
  /** the answer to a call the proxy refuses by itself, or null to forward it */
  const refuse = (call) => {
    if (!call || call.method !== 'eth_getLogs') return null;
    stats.getLogs++;
    const f = (call.params || [])[0] || {};
    const from = blockOf(f.fromBlock), to = blockOf(f.toBlock);
    if (config.maxRange && from !== null && to !== null && to - from + 1 > config.maxRange) {
      stats.refusedRanges++;
      return error(call.id, `block range too large: ${to - from + 1} blocks, the limit is ${config.maxRange}`);
    }
    return null;
  };
  /** the answer the client gets for an upstream answer to a getLogs call */
  const limitResults = (answer) => {
    if (config.maxResults && Array.isArray(answer?.result) && answer.result.length > config.maxResults) {
      stats.refusedResults++;
      return error(answer.id, `query returned more than ${config.maxResults} results`);
    }
    return answer;
  };

  const forwardHttp = async (body) =>
    (await upstreamHttp.forward({ headers: { 'content-type': 'application/json' }, body: Buffer.from(body) })).body.toString('utf8');

  /** one call over HTTP: refused here, or forwarded and its result checked */
  const handleCall = async (call) => {
    const refused = refuse(call);
    if (refused) return refused;
    const answer = JSON.parse(await forwardHttp(JSON.stringify(call)));
    return call?.method === 'eth_getLogs' ? limitResults(answer) : answer;
  };

  const server = http.createServer(async (req, res) => {
    const reply = (status, obj) => sendJson(res, status, obj);
    let text;
    try {
      text = (await readBody(req)).toString('utf8');
    } catch {
      return res.destroy();
    }
    try {
      if (req.url === '/__config' || req.url === '/__stats') {
        // plain, or wrapped in a JSON-RPC call (params[0] = the config) for JSON-RPC clients
        const body = JSON.parse(text || '{}');
        const rpc = body && body.jsonrpc ? body : null;
        const answer = (obj) => reply(200, rpc ? { jsonrpc: '2.0', id: rpc.id, result: obj } : obj);
        if (req.url === '/__stats') return answer(stats);
        if (req.method !== 'POST') return reply(405, { error: 'POST a config' });
        config = { ...off(), ...(rpc ? (rpc.params || [])[0] || {} : body) };
        random = prng(config.seed);
        reset();
        return answer(config);
      }
      const msg = JSON.parse(text);
      reply(200, Array.isArray(msg) ? await Promise.all(msg.map(handleCall)) : await handleCall(msg));
    } catch (e) {
      reply(502, { jsonrpc: '2.0', id: null, error: { code: -32603, message: `chaos-proxy: ${e.message}` } });
    }
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)));
  wss.on('connection', (client) => {
    stats.connections++;
    const upstream = new WebSocket(wsTarget);
    const pending = [];
    const getLogsIds = new Set();
    const dropping = config.dropMax > 0 && (!config.maxDrops || stats.drops < config.maxDrops);
    let budget = dropping ? config.dropMin + Math.floor(random() * (config.dropMax - config.dropMin + 1)) : Infinity;
    const cut = () => {
      stats.drops++;
      client.terminate();
      upstream.terminate();
    };
    const toClient = (obj) => {
      if (client.readyState !== WebSocket.OPEN) return;
      client.send(JSON.stringify(obj));
      if (--budget <= 0 && (!config.maxDrops || stats.drops < config.maxDrops)) cut();
    };
    const toUpstream = (text) => (upstream.readyState === WebSocket.OPEN ? upstream.send(text) : pending.push(text));
    upstream.on('open', () => pending.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data) => {
      let msg;
      try {
        msg = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      if (Array.isArray(msg)) return toClient(msg.map((a) => (getLogsIds.delete(a?.id) ? limitResults(a) : a)));
      const log = msg?.method === 'eth_subscription' && msg.params?.result?.logIndex !== undefined ? msg.params.result : null;
      if (config.echoRemoved && log && !log.removed) {
        toClient(msg);
        toClient({ ...msg, params: { ...msg.params, result: { ...log, removed: true } } });
      }
      toClient(msg && getLogsIds.delete(msg.id) ? limitResults(msg) : msg);
    });
    const closeClient = () => client.readyState === WebSocket.OPEN && client.close(1012, 'upstream closed');
    upstream.on('close', closeClient);
    upstream.on('error', closeClient);
    client.on('message', (data) => {
      let msg;
      try {
        msg = JSON.parse(data.toString('utf8'));
      } catch {
        return toUpstream(data.toString('utf8'));
      }
      const calls = Array.isArray(msg) ? msg : [msg];
      const refused = calls.map(refuse);
      const forwarded = calls.filter((c, i) => !refused[i]);
      for (const c of forwarded) if (c?.method === 'eth_getLogs') getLogsIds.add(c.id);
      if (!Array.isArray(msg)) return refused[0] ? toClient(refused[0]) : toUpstream(JSON.stringify(msg));
      refused.filter(Boolean).forEach(toClient);
      if (forwarded.length) toUpstream(JSON.stringify(forwarded));
    });
    client.on('close', () => upstream.terminate());
    client.on('error', () => upstream.terminate());
  });

  return {
    server,
    listen: (port, host) => listen(server, port, host),
    async close() {
      for (const c of wss.clients) c.terminate();
      server.closeAllConnections();
      upstreamHttp.close();
      await new Promise((r) => server.close(() => r()));
    },
  };
}

if (isMain(import.meta.url)) {
  const usage = 'chaos-proxy.js --port 0 --target http://127.0.0.1:PORT [--host 127.0.0.1]';
  const o = parseOptions('chaos-proxy', usage, { '--port': ['port', Number], '--host': ['host', String], '--target': ['target', String] },
    { port: 0, host: '127.0.0.1', target: null });
  if (!o.target || !/^http:\/\//.test(o.target)) usageError('chaos-proxy', 'need --target http://HOST:PORT');
  const p = createChaosProxy({ target: o.target });
  const port = await p.listen(o.port, o.host);
  serveUntilSignal(`chaos-proxy listening on http://${urlHost(o.host)}:${port}`, () => p.close());
}
