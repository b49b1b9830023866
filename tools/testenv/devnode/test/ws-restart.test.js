// Anvil restarted under a running devnode: WS connections with subscriptions (an upstream WS to anvil)
// are closed with 1012 so clients reconnect; calls in flight get a JSON-RPC error; connections without
// subscriptions stay open; an eth_subscribe while anvil is down fails and the next one after it is back
// works. anvil is spawned here on a fixed port (like `testenv.js restart-anvil`), the devnode with
// --anvil-url.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { rpc, startAnvilOn, startDevnodeOverAnvil, stopDevnodeAndAnvil, killChild } from '../testkit/helpers.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let anvilPort, anvil, devnode, url, wsUrl;

const startAnvil = () => startAnvilOn(anvilPort);

before(async () => {
  ({ anvilPort, anvil, devnode, url, wsUrl } = await startDevnodeOverAnvil());
});

after(() => stopDevnodeAndAnvil(devnode, anvil));

function wsClient() {
  const ws = new WebSocket(wsUrl);
  const msgs = [];
  const waiters = [];
  let nextId = 1;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    msgs.push(m);
    for (const w of [...waiters]) if (w.pred(m)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const closed = new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
  const next = (pred, ms = 10000) =>
    new Promise((resolve, reject) => {
      const hit = msgs.find(pred);
      if (hit) return resolve(hit);
      const t = setTimeout(() => reject(new Error('ws timeout')), ms);
      waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  const call = async (method, params = [], ms) => {
    const id = nextId++;
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return next((m) => m.id === id, ms);
  };
  return { ws, next, call, closed, open: new Promise((r, j) => (ws.once('open', r), ws.once('error', j))) };
}

// kill(pid, SIGSTOP) returns before the process has stopped: the kernel wakes one thread, which then
// stops the others, and until then anvil's tokio workers keep reading and answering requests (under
// load for milliseconds). Wait until every thread of the process is in state T (stopped).
async function waitStopped(pid, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const tids = readdirSync(`/proc/${pid}/task`);
    const states = tids.map((t) => {
      try {
        const st = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        return st.slice(st.lastIndexOf(')') + 2, st.lastIndexOf(')') + 3);
      } catch {
        return 'T'; // the thread has gone
      }
    });
    if (states.every((s) => s === 'T')) return;
    if (Date.now() > end) throw new Error(`process ${pid} not stopped after ${ms} ms: ${states.join('')}`);
    await sleep(1);
  }
}

// Bytes that arrived on an established TCP connection to 127.0.0.1:port and that the (stopped)
// listener has not read yet (rx_queue of /proc/net/tcp).
function unreadBytesAt(port) {
  let n = 0;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[3] !== '01') continue; // 01 = ESTABLISHED
    if (parseInt(f[1].split(':')[1], 16) !== port) continue;
    n += parseInt(f[4].split(':')[1], 16);
  }
  return n;
}

async function waitUnreadAt(port, ms = 5000) {
  const end = Date.now() + ms;
  while (unreadBytesAt(port) === 0) {
    if (Date.now() > end) throw new Error(`nothing forwarded to 127.0.0.1:${port} after ${ms} ms`);
    await sleep(1);
  }
}

const withTimeout = (p, ms, what) =>
  Promise.race([p, sleep(ms).then(() => { throw new Error(`${what}: timeout after ${ms} ms`); })]);

test('anvil restart: subscribed WS connections are closed with 1012, others stay; reconnect + resubscribe works', async () => {
  const sub = wsClient(); // has a subscription -> upstream WS to anvil
  const plain = wsClient(); // only plain calls -> no upstream WS
  await Promise.all([sub.open, plain.open]);
  try {
    const s = await sub.call('eth_subscribe', ['newHeads']);
    assert.match(s.result, /^0x/);
    await rpc(url, 'anvil_mine', ['0x1']);
    await sub.next((m) => m.method === 'eth_subscription' && m.params.subscription === s.result);
    assert.match((await plain.call('eth_blockNumber')).result, /^0x/);

    await killChild(anvil);
    const c = await withTimeout(sub.closed, 5000, 'subscribed client not closed after anvil died');
    assert.equal(c.code, 1012);
    assert.match(c.reason, /anvil restarted/);

    anvil = await startAnvil();
    assert.equal(plain.ws.readyState, WebSocket.OPEN, 'a connection without subscriptions is left open');
    assert.equal((await plain.call('eth_chainId')).result, '0x7a69');
    assert.equal((await plain.call('eth_blockNumber')).result, '0x0', 'fresh anvil');

    // the client reconnects and subscribes again
    const again = wsClient();
    await again.open;
    try {
      const s2 = await again.call('eth_subscribe', ['newHeads']);
      assert.match(s2.result, /^0x/);
      await rpc(url, 'anvil_mine', ['0x1']);
      const note = await again.next((m) => m.method === 'eth_subscription' && m.params.subscription === s2.result);
      assert.equal(note.params.result.number, '0x1');
    } finally {
      again.ws.close();
    }
  } finally {
    sub.ws.close();
    plain.ws.close();
  }
});

test('anvil restart: a call in flight on the upstream WS gets a JSON-RPC error before the close', async () => {
  const c = wsClient();
  await c.open;
  try {
    const s = await c.call('eth_subscribe', ['newHeads']);
    assert.match(s.result, /^0x/);
    // freeze anvil (all its threads) so the next forwarded call stays in flight, wait until the
    // devnode has forwarded it (it sits unread in anvil's socket), then kill anvil
    process.kill(anvil.pid, 'SIGSTOP');
    await waitStopped(anvil.pid);
    assert.equal(unreadBytesAt(anvilPort), 0, 'nothing unread at anvil before the call');
    const inflight = c.call('eth_unsubscribe', [s.result], 8000);
    await waitUnreadAt(anvilPort);
    await killChild(anvil); // SIGKILL also ends a stopped process
    const r = await inflight;
    assert.equal(r.error?.code, -32603);
    assert.match(r.error.message, /anvil websocket closed/);
    assert.equal((await withTimeout(c.closed, 5000, 'client not closed')).code, 1012);
  } finally {
    c.ws.close();
    if (anvil.exitCode !== null || anvil.signalCode !== null) anvil = await startAnvil();
  }
});

test('eth_subscribe while anvil is down fails with an error and works once anvil is back (same connection)', async () => {
  const c = wsClient();
  await c.open;
  try {
    await killChild(anvil);
    const r = await c.call('eth_subscribe', ['newHeads']);
    assert.equal(r.error?.code, -32603);
    assert.match(r.error.message, /anvil/);
    anvil = await startAnvil();
    assert.equal(c.ws.readyState, WebSocket.OPEN);
    const s = await c.call('eth_subscribe', ['newHeads']);
    assert.match(s.result, /^0x/, JSON.stringify(s));
    await rpc(url, 'anvil_mine', ['0x1']);
    await c.next((m) => m.method === 'eth_subscription' && m.params.subscription === s.result);
  } finally {
    c.ws.close();
  }
});
