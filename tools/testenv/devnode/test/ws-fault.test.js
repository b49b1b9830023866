// WebSocket pass-through + subscriptions, and the devnode_setFault switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startNode, rpc, rpcRaw, PK_TEE } from '../testkit/helpers.js';

let node;
before(async () => {
  node = await startNode();
});
after(async () => {
  await node?.stop();
});

function wsClient(url) {
  const ws = new WebSocket(url);
  const msgs = [];
  const waiters = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    msgs.push(m);
    for (const w of [...waiters]) if (w.pred(m)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const next = (pred, ms = 10000) =>
    new Promise((resolve, reject) => {
      const hit = msgs.find(pred);
      if (hit) return resolve(hit);
      const t = setTimeout(() => reject(new Error('ws timeout')), ms);
      waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  return { ws, next, open: new Promise((r, j) => (ws.once('open', r), ws.once('error', j))) };
}

test('WS: requests, batches, and a newHeads subscription receives a block after anvil_mine', async () => {
  const c = wsClient(node.wsUrl);
  await c.open;
  try {
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }));
    const bn = await c.next((m) => m.id === 1);
    assert.match(bn.result, /^0x[0-9a-f]+$/);
    c.ws.send(JSON.stringify([{ jsonrpc: '2.0', id: 2, method: 'seismic_getTeePublicKey', params: [] }]));
    const b = await c.next((m) => Array.isArray(m));
    assert.equal(b[0].result, PK_TEE);
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'eth_subscribe', params: ['newHeads'] }));
    const sub = await c.next((m) => m.id === 3);
    assert.match(sub.result, /^0x/);
    await rpc(node.url, 'anvil_mine', ['0x1']);
    const note = await c.next((m) => m.method === 'eth_subscription' && m.params.subscription === sub.result);
    assert.equal(BigInt(note.params.result.number), BigInt(bn.result) + 1n);
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'eth_unsubscribe', params: [sub.result] }));
    assert.equal((await c.next((m) => m.id === 4)).result, true);
  } finally {
    c.ws.close();
  }
});

test('WS: subscriptions are routed to the right connection', async () => {
  const a = wsClient(node.wsUrl), b = wsClient(node.wsUrl);
  await Promise.all([a.open, b.open]);
  try {
    a.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }));
    const sa = (await a.next((m) => m.id === 1)).result;
    b.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }));
    await b.next((m) => m.id === 1);
    await rpc(node.url, 'anvil_mine', ['0x1']);
    await a.next((m) => m.method === 'eth_subscription' && m.params.subscription === sa);
    await new Promise((r) => setTimeout(r, 300));
    await assert.rejects(b.next((m) => m.method === 'eth_subscription', 200), /ws timeout/);
  } finally {
    a.ws.close();
    b.ws.close();
  }
});

test('eth_subscribe over HTTP is refused with a clear error', async () => {
  const r = await rpcRaw(node.url, { jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] });
  assert.match(r.body.error.message, /only available over WebSocket/);
});

test('devnode_setFault: next N HTTP requests fail with the given status, then recover', async () => {
  assert.equal(await rpc(node.url, 'devnode_setFault', [{ failNext: 2, status: 503 }]), true);
  const body = { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] };
  const r1 = await rpcRaw(node.url, body);
  const r2 = await rpcRaw(node.url, body);
  const r3 = await rpcRaw(node.url, body);
  assert.equal(r1.status, 503);
  assert.equal(r2.status, 503);
  assert.equal(r3.status, 200);
  assert.match(r3.body.result, /^0x/);
});

test('devnode_setFault: 429 carries Retry-After: 1', async () => {
  await rpc(node.url, 'devnode_setFault', [{ failNext: 1, status: 429 }]);
  const r = await rpcRaw(node.url, { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] });
  assert.equal(r.status, 429);
  assert.equal(r.headers.get('retry-after'), '1');
  const ok = await rpcRaw(node.url, { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.result, '0x7a69');
});
