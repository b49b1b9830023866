// Shielded writes, signed reads/estimates, rejections, tx views, concurrency, pass-through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFunctionData, decodeFunctionResult, toFunctionSelector, decodeErrorResult, keccak256, getAddress } from 'viem';
import {
  startNode, rpc, rpcFull, rpcRaw, deploy, plainCall, seismicClient, waitReceipt, ARTIFACTS, PK0, PK1, PK_TEE,
} from '../testkit/helpers.js';

const abi = ARTIFACTS.SeismicCounter.abi;
const SEISMIC_ABI = [
  { type: 'function', name: 'setNumber', inputs: [{ name: 'v', type: 'uint256' }], outputs: [], stateMutability: 'nonpayable' },
  { type: 'function', name: 'setValue', inputs: [{ name: 'v', type: 'uint256' }], outputs: [], stateMutability: 'nonpayable' },
];
// calldata with the Seismic selector (original type names) and the public-twin ABI encoding
const shieldedCalldata = (sig, name, args) =>
  toFunctionSelector(sig) + encodeFunctionData({ abi: SEISMIC_ABI, functionName: name, args }).slice(10);

let node, url, counter, alice, bob;
before(async () => {
  node = await startNode();
  url = node.url;
  counter = await deploy(url, 'SeismicCounter');
  alice = seismicClient(url, PK0);
  bob = seismicClient(url, PK1);
});
after(async () => {
  await node?.stop();
});

test('selectors used by the contracts match viem toFunctionSelector', () => {
  const expect = {
    'setNumber(suint256)': '0x24a7f0b7',
    'setValue(suint256)': '0x666fe77e',
    'getNumber()': '0xf2c9ecd8',
    'increment()': '0xd09de08a',
    'isOdd()': '0x43bd0d70',
    'revertWithSecret()': '0xe0f7bec4',
  };
  for (const [sig, sel] of Object.entries(expect)) assert.equal(toFunctionSelector(sig), sel, sig);
  assert.equal(shieldedCalldata('setNumber(suint256)', 'setNumber', [42n]), '0x24a7f0b7000000000000000000000000000000000000000000000000000000000000002a');
});

test('seismic_getTeePublicKey returns the sanvil TEE key', async () => {
  assert.equal(await rpc(url, 'seismic_getTeePublicKey', []), PK_TEE);
});

for (const mv of [0, 2]) {
  test(`shielded write (messageVersion ${mv}) is decrypted to the exact calldata and changes state`, async () => {
    const n = 40n + BigInt(mv);
    const data = shieldedCalldata('setNumber(suint256)', 'setNumber', [n]);
    const s = await alice.send({ to: counter, data, messageVersion: mv });
    assert.equal(s.response.error, undefined, JSON.stringify(s.response.error));
    assert.equal(s.response.result, s.hash);
    assert.equal(s.hash, keccak256(s.raw));
    const pt = await rpc(url, 'devnode_getPlaintext', [s.hash]);
    assert.equal(pt.data, data);
    assert.equal(getAddress(pt.sender), alice.address);
    const rc = await waitReceipt(url, s.hash);
    assert.equal(rc.status, '0x1');
    assert.equal(rc.type, '0x4a');
    assert.equal(rc.transactionHash, s.hash);
    assert.equal(await plainCall(url, counter, abi, 'getNumber'), n);
  });
}

test('eth_getTransactionByHash returns the Seismic view of a 0x4a tx', async () => {
  const s = await alice.send({ to: counter, data: shieldedCalldata('setNumber(suint256)', 'setNumber', [5n]) });
  await waitReceipt(url, s.hash);
  const tx = await rpc(url, 'eth_getTransactionByHash', [s.hash]);
  assert.equal(tx.type, '0x4a');
  assert.equal(tx.hash, s.hash);
  assert.equal(tx.input, s.fields.input); // ciphertext, not plaintext
  assert.equal(getAddress(tx.from), alice.address);
  assert.equal(getAddress(tx.to), counter);
  assert.equal(BigInt(tx.nonce), s.fields.nonce);
  assert.equal(tx.encryptionPubkey, alice.keys.encPub);
  assert.equal(BigInt(tx.encryptionNonce), BigInt(s.fields.encryptionNonce));
  assert.equal(tx.messageVersion, '0x0');
  assert.equal(tx.recentBlockHash, s.fields.recentBlockHash);
  assert.equal(BigInt(tx.expiresAtBlock), s.fields.expiresAtBlock);
  assert.equal(tx.signedRead, false);
  assert.ok(tx.blockHash && tx.blockNumber);
  // the block lists the 0x4a hash
  const blk = await rpc(url, 'eth_getBlockByNumber', [tx.blockNumber, false]);
  assert.ok(blk.transactions.includes(s.hash));
  const blkFull = await rpc(url, 'eth_getBlockByNumber', [tx.blockNumber, true]);
  assert.equal(blkFull.transactions.find((t) => t.hash === s.hash)?.type, '0x4a');
});

test('signed read returns the stored value (encrypted with the response key)', async () => {
  const s = await alice.send({ to: counter, data: shieldedCalldata('setNumber(suint256)', 'setNumber', [1234n]) });
  await waitReceipt(url, s.hash);
  for (const mv of [0, 2]) {
    const r = await alice.signedCall({ to: counter, data: encodeFunctionData({ abi, functionName: 'getNumber' }), messageVersion: mv });
    assert.equal(r.response.error, undefined, JSON.stringify(r.response.error));
    assert.notEqual(r.response.result, r.result, 'result on the wire must be encrypted');
    assert.equal(decodeFunctionResult({ abi, functionName: 'getNumber', data: r.result }), 1234n);
  }
});

test('signed read runs as the sender; plain eth_call has its from stripped', async () => {
  const data = encodeFunctionData({ abi, functionName: 'whoAmI' });
  const r = await bob.signedCall({ to: counter, data });
  assert.equal(decodeFunctionResult({ abi, functionName: 'whoAmI', data: r.result }), bob.address);
  const plain = await rpc(url, 'eth_call', [{ from: bob.address, to: counter, data }, 'latest']);
  assert.equal(decodeFunctionResult({ abi, functionName: 'whoAmI', data: plain }), '0x0000000000000000000000000000000000000000');
});

test('signed read with an empty result returns 0x', async () => {
  const r = await alice.signedCall({ to: counter, data: encodeFunctionData({ abi, functionName: 'increment' }) });
  assert.equal(r.response.result, '0x');
});

test('reverting signed read: error code 3 with encrypted Error("secret revert")', async () => {
  const r = await alice.signedCall({ to: counter, data: '0xe0f7bec4' });
  assert.ok(r.response.error);
  assert.equal(r.response.error.code, 3);
  assert.equal(r.response.error.message, 'execution reverted');
  assert.ok(!r.response.error.data.startsWith('0x08c379a0'), 'revert data must be encrypted');
  assert.ok(r.revertData.startsWith('0x08c379a0'));
  const err = decodeErrorResult({ abi: [], data: r.revertData });
  assert.equal(err.errorName, 'Error');
  assert.equal(err.args[0], 'secret revert');
});

test('signed eth_estimateGas: estimate, and encrypted revert data', async () => {
  const r = await alice.signedCall({ to: counter, data: shieldedCalldata('setNumber(suint256)', 'setNumber', [99n]), gas: 30_000_000n }, 'eth_estimateGas');
  assert.equal(r.response.error, undefined, JSON.stringify(r.response.error));
  const g = BigInt(r.result);
  assert.ok(g > 21000n && g < 200000n, `gas ${g}`);
  const rv = await alice.signedCall({ to: counter, data: '0xe0f7bec4' }, 'eth_estimateGas');
  assert.equal(rv.response.error.code, 3);
  assert.equal(decodeErrorResult({ abi: [], data: rv.revertData }).args[0], 'secret revert');
  const noRead = await alice.signedCall({ to: counter, data: '0xf2c9ecd8', signedRead: false }, 'eth_estimateGas');
  assert.match(noRead.response.error.message, /requires signedRead = true/);
});

test('response format v1 (§2.9) can be switched on at runtime', async () => {
  await rpc(url, 'devnode_setResponseFormat', ['v1']);
  try {
    const r = await alice.signedCall({ to: counter, data: encodeFunctionData({ abi, functionName: 'getNumber' }) });
    assert.ok(r.response.result.startsWith('0x01'));
    assert.equal(r.result.length, 66);
  } finally {
    await rpc(url, 'devnode_setResponseFormat', ['legacy']);
  }
});

const setNumber7 = () => shieldedCalldata('setNumber(suint256)', 'setNumber', [7n]);

test('rejects a bad AES-GCM tag', async () => {
  const s = await alice.send({
    to: counter,
    data: setNumber7(),
    tamperInput: (h) => h.slice(0, -2) + (h.slice(-2) === '00' ? '01' : '00'),
  });
  assert.match(s.response.error.message, /failed to decrypt seismic calldata.*invalid tag/);
});

test('rejects AAD mismatch (wrong sender in AAD) as a tag failure', async () => {
  const s = await alice.send({ to: counter, data: setNumber7(), aadOverride: { sender: bob.address } });
  assert.match(s.response.error.message, /failed to decrypt/);
});

test('rejects an expired tx', async () => {
  await rpc(url, 'anvil_mine', ['0x2']);
  const bn = BigInt(await rpc(url, 'eth_blockNumber'));
  const s = await alice.send({ to: counter, data: setNumber7(), expiresAtBlock: bn - 1n });
  assert.match(s.response.error.message, /expired/);
});

test('rejects a stale or unknown recentBlockHash', async () => {
  const old = await rpc(url, 'eth_getBlockByNumber', ['latest', false]);
  await rpc(url, 'anvil_mine', ['0x65']); // 101 blocks
  const s = await alice.send({ to: counter, data: setNumber7(), recentBlockHash: old.hash });
  assert.match(s.response.error.message, /recentBlockHash is too old/);
  const u = await alice.send({ to: counter, data: setNumber7(), recentBlockHash: '0x' + '11'.repeat(32) });
  assert.match(u.response.error.message, /recentBlockHash .* is not a block of this chain/);
});

test('rejects signedRead = true on eth_sendRawTransaction, and signedRead = false on eth_call', async () => {
  const s = await alice.send({ to: counter, data: setNumber7(), signedRead: true });
  assert.match(s.response.error.message, /signedRead = true is not allowed/);
  const c = await alice.signedCall({ to: counter, data: '0xf2c9ecd8', signedRead: false });
  assert.match(c.response.error.message, /requires signedRead = true/);
});

test('rejects a wrong chain id', async () => {
  const s = await alice.send({ to: counter, data: setNumber7(), chainId: 5124 });
  assert.match(s.response.error.message, /invalid chain id: tx has 5124, node is 31337/);
});

test('rejects a nonce that is too low', async () => {
  const n = BigInt(await rpc(url, 'eth_getTransactionCount', [alice.address, 'latest']));
  const s = await alice.send({ to: counter, data: setNumber7(), nonce: n - 1n });
  assert.match(s.response.error.message, /nonce too low/);
});

test('the §9.2 vector sent to the node is rejected with a clear error (its block hash is not on this chain)', async () => {
  const raw =
    '0x4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e66204e17174e9d2756bb20f4cdfe48bd5d237c080a0ea4deb5d93eb2566b7d0ea5209f8bc9fd810ad1eff29bf59424de14c5910ab23a01daa9ada5f7448d737dee3096add2cd9447c2f55c13b7f8ca6ec37105548bf0c';
  const r = await rpcFull(url, 'eth_sendRawTransaction', [raw]);
  assert.match(r.error.message, /expired|recentBlockHash/);
  const m = await rpcFull(url, 'eth_sendRawTransaction', ['0x4ac0']);
  assert.match(m.error.message, /invalid seismic tx: expected 17 RLP items/);
});

test('20 concurrent shielded writes from one account (one batch, shuffled) are all mined in nonce order', async () => {
  const start = BigInt(await rpc(url, 'eth_getTransactionCount', [bob.address, 'pending']));
  const countBefore = await plainCall(url, counter, abi, 'count');
  const built = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      bob.build({ to: counter, data: shieldedCalldata('setValue(suint256)', 'setValue', [1000n + BigInt(i)]), nonce: start + BigInt(i), gas: 200000n }),
    ),
  );
  const order = built.map((_, i) => i).sort(() => Math.random() - 0.5);
  const batch = order.map((i) => ({ jsonrpc: '2.0', id: i, method: 'eth_sendRawTransaction', params: [built[i].raw] }));
  const res = await rpcRaw(url, batch);
  assert.equal(res.body.length, 20);
  for (const r of res.body) {
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.equal(r.result, built[r.id].hash);
  }
  const receipts = await Promise.all(built.map((b) => waitReceipt(url, b.hash)));
  let lastBlock = -1n, lastIdx = -1n;
  for (const rc of receipts) {
    assert.equal(rc.status, '0x1');
    const bn = BigInt(rc.blockNumber), ix = BigInt(rc.transactionIndex);
    assert.ok(bn > lastBlock || (bn === lastBlock && ix > lastIdx), 'mined in nonce order');
    lastBlock = bn;
    lastIdx = ix;
  }
  for (let i = 0; i < 20; i++)
    assert.equal(await plainCall(url, counter, abi, 'getValue', [countBefore + BigInt(i)]), 1000n + BigInt(i));
  assert.equal(BigInt(await rpc(url, 'eth_getTransactionCount', [bob.address, 'latest'])), start + 20n);
});

test('pass-through and mixed batches', async () => {
  const bn = await rpc(url, 'eth_blockNumber');
  assert.match(bn, /^0x[0-9a-f]+$/);
  const res = await rpcRaw(url, [
    { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] },
    { jsonrpc: '2.0', id: 2, method: 'seismic_getTeePublicKey', params: [] },
    { jsonrpc: '2.0', id: 3, method: 'eth_chainId', params: [] },
    { jsonrpc: '2.0', id: 4, method: 'no_suchMethod', params: [] },
  ]);
  const byId = Object.fromEntries(res.body.map((r) => [r.id, r]));
  assert.equal(byId[2].result, PK_TEE);
  assert.equal(byId[3].result, '0x7a69');
  assert.ok(byId[4].error);
});

test('typed-data envelope (§3.2) write and signed read are accepted', async () => {
  const { typedData } = await import('../testkit/helpers.js');
  const { privateKeyToAccount } = await import('viem/accounts');
  const acct = privateKeyToAccount(PK0);
  const envelope = async (fields) => {
    const td = typedData(fields);
    const sig = await acct.signTypedData(td);
    const r = '0x' + sig.slice(2, 66), s = '0x' + sig.slice(66, 130), v = parseInt(sig.slice(130), 16);
    const json = JSON.parse(JSON.stringify({ ...td, types: { EIP712Domain: [], ...td.types } }, (_, x) => (typeof x === 'bigint' ? x.toString() : x)));
    json.message.encryptionNonce = fields.encryptionNonce;
    return { data: json, signature: { r, s, yParity: v >= 27 ? '0x' + (v - 27) : '0x' + v } };
  };
  const b = await alice.build({ to: counter, data: shieldedCalldata('setNumber(suint256)', 'setNumber', [777n]), messageVersion: 2 });
  const w = await rpcFull(url, 'eth_sendRawTransaction', [await envelope(b.fields)]);
  assert.equal(w.error, undefined, JSON.stringify(w.error));
  assert.equal(w.result, b.hash); // same bytes as the raw v2 form
  assert.equal((await waitReceipt(url, w.result)).status, '0x1');
  const rb = await alice.build({ to: counter, data: encodeFunctionData({ abi, functionName: 'getNumber' }), messageVersion: 2, signedRead: true });
  const r = await rpcFull(url, 'eth_call', [await envelope(rb.fields)]);
  const { decryptResponse } = await import('../testkit/helpers.js');
  assert.equal(BigInt(decryptResponse(alice.keys.responseKey, rb.fields.encryptionNonce, r.result, rb.aad)), 777n);
});

test('50 concurrent shielded writes as separate HTTP requests from one account are all mined', async () => {
  const start = BigInt(await rpc(url, 'eth_getTransactionCount', [alice.address, 'pending']));
  const built = await Promise.all(
    Array.from({ length: 50 }, (_, i) => alice.build({ to: counter, data: shieldedCalldata('setNumber(suint256)', 'setNumber', [BigInt(i)]), nonce: start + BigInt(i), gas: 100000n })),
  );
  const order = built.map((_, i) => i).sort(() => Math.random() - 0.5);
  const res = await Promise.all(order.map((i) => rpcFull(url, 'eth_sendRawTransaction', [built[i].raw])));
  for (const r of res) assert.equal(r.error, undefined, JSON.stringify(r.error));
  const receipts = await Promise.all(built.map((b) => waitReceipt(url, b.hash)));
  assert.ok(receipts.every((r) => r.status === '0x1'));
  assert.equal(await plainCall(url, counter, abi, 'getNumber'), 49n); // last nonce wins
});
