// A shielded transaction is named by its 0x4a hash everywhere, never by the hash of the plaintext twin the
// dev node runs on anvil. Two moments make that hard, and devnode_setAnswerDelay makes both happen every time:
// anvil mines the twin and announces its logs and head over its WebSocket before it answers the
// eth_sendTransaction that tells the dev node the twin's hash; and after anvil restarts with fresh state, the
// same twin (same sender, nonce, gas and calldata) gets the same anvil hash as before the restart, which the
// dev node had mapped to the earlier transaction's 0x4a hash. anvil runs on a fixed port here (like
// `testenv.js restart-anvil`), the dev node with --anvil-url.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { encodeFunctionData } from 'viem';
import {
  ARTIFACTS, PK0, rpc, deploy, seismicClient, waitReceipt, startAnvilOn, startDevnodeOverAnvil, stopDevnodeAndAnvil, killChild,
} from '../testkit/helpers.js';

const ANSWER_DELAY_MS = 400;
const emitterAbi = ARTIFACTS.Emitter.abi;

let anvilPort, anvil, devnode, url, wsUrl;

before(async () => {
  ({ anvilPort, anvil, devnode, url, wsUrl } = await startDevnodeOverAnvil());
});

after(() => stopDevnodeAndAnvil(devnode, anvil));

/** A WebSocket client subscribed to the emitter's logs and to new heads; notifications in arrival order. */
async function subscriber(address) {
  const ws = new WebSocket(wsUrl);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const notes = [];
  const answers = new Map();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.method === 'eth_subscription') notes.push(m.params);
    else answers.get(m.id)?.(m);
  });
  const call = (id, method, params) =>
    new Promise((resolve) => {
      answers.set(id, resolve);
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  const logsSub = (await call(1, 'eth_subscribe', ['logs', { address }])).result;
  const headsSub = (await call(2, 'eth_subscribe', ['newHeads'])).result;
  assert.ok(logsSub && headsSub);
  const next = async (sub, ms = 10000) => {
    const end = Date.now() + ms;
    for (;;) {
      const i = notes.findIndex((n) => n.subscription === sub);
      if (i >= 0) return notes.splice(i, 1)[0].result;
      if (Date.now() > end) throw new Error('no notification');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { nextLog: (ms) => next(logsSub, ms), nextHead: (ms) => next(headsSub, ms), close: () => ws.close() };
}

/** The same twin every time on a fresh chain: deployer nonce 0 makes the emitter, sender nonce 1 calls it. */
async function emitOnce(alice) {
  const emitter = await deploy(url, 'Emitter');
  const sub = await subscriber(emitter);
  const data = encodeFunctionData({ abi: emitterAbi, functionName: 'emitMany', args: [1n] });
  const sent = await alice.send({ to: emitter, data, nonce: 1n, gas: 300000n, gasPrice: 2_000_000_000n });
  assert.equal(sent.response.error, undefined, JSON.stringify(sent.response.error));
  return { emitter, sub, hash: sent.hash, response: sent.response };
}

test('logs, heads, blocks and receipts name the 0x4a hash while anvil answers late, and after a fresh restart', async () => {
  const alice = seismicClient(url, PK0);
  assert.equal(await rpc(url, 'devnode_setAnswerDelay', [ANSWER_DELAY_MS]), true);
  const anvilHashes = [];
  const hashes = [];
  for (const round of [1, 2]) {
    const t0 = Date.now();
    const { emitter, sub, hash, response } = await emitOnce(alice);
    assert.equal(response.result, hash);
    // eth_sendRawTransaction answers after the held answer: by then the notifications have waited too
    assert.ok(Date.now() - t0 >= ANSWER_DELAY_MS);
    const log = await sub.nextLog();
    assert.equal(log.transactionHash, hash, `round ${round}: the log notification names the 0x4a hash`);
    const head = await sub.nextHead();
    const logs = await rpc(url, 'eth_getLogs', [{ address: emitter, fromBlock: head.number, toBlock: head.number }]);
    assert.equal(logs.length, 1);
    assert.equal(logs[0].transactionHash, hash);
    const block = await rpc(url, 'eth_getBlockByNumber', [head.number, false]);
    assert.deepEqual(block.transactions, [hash]);
    const rc = await waitReceipt(url, hash);
    assert.equal(rc.transactionHash, hash);
    assert.equal(rc.logs[0].transactionHash, hash);
    anvilHashes.push((await rpc(url, 'devnode_getPlaintext', [hash])).anvilHash);
    hashes.push(hash);
    sub.close();
    if (round === 1) { // anvil again with fresh state, under the same dev node
      await killChild(anvil);
      anvil = await startAnvilOn(anvilPort);
      for (let i = 0; i < 100; i++) {
        try {
          if ((await rpc(url, 'eth_blockNumber')) === '0x0') break;
        } catch {}
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  // the same twin, so the same anvil hash, under two different 0x4a hashes
  assert.equal(anvilHashes[0], anvilHashes[1]);
  assert.notEqual(hashes[0], hashes[1]);
  // the first transaction's chain is gone: no receipt, no block, no plaintext twin of its own
  assert.equal(await rpc(url, 'eth_getTransactionReceipt', [hashes[0]]), null);
  assert.equal((await rpc(url, 'devnode_getPlaintext', [hashes[0]])).anvilHash, null);
  assert.equal(await rpc(url, 'devnode_setAnswerDelay', [0]), true);
});

test('devnode_setAnswerDelay refuses what is not 0..60000 ms', async () => {
  for (const bad of [-1, 60001, 'soon']) {
    await assert.rejects(rpc(url, 'devnode_setAnswerDelay', [bad]), /ms must be 0\.\.60000/);
  }
});
