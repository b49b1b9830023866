// SRC20-shaped token + Directory (§5) and the precompiles (§6.2) on the dev node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gcm } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  encodeFunctionData, decodeFunctionResult, decodeAbiParameters, toFunctionSelector, toEventSelector, keccak256,
  createWalletClient, http, hashMessage, recoverMessageAddress, bytesToHex, hexToBytes, stringToHex, getAddress, toHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  startNode, rpc, rpcFull, deploy, plainCall, seismicClient, waitReceipt, clientKeys, localChain, ARTIFACTS, DIRECTORY, PK0, PK1, PK2,
} from '../testkit/helpers.js';

const tokenAbi = ARTIFACTS.SRC20Token.abi;
const dirAbi = ARTIFACTS.Directory.abi;
const TRANSFER_TOPIC = '0x80ffa007a69623ef13594f5e8178eee6c4ef2d0cba74c08329e879f695b7d3f6';
const APPROVAL_TOPIC = '0x8ef65e17890b61a4796f8848475471f8895cd361b1de7e7260a6800ba0623f40';
const u256 = (n) => toHex(n, { size: 32 }).slice(2);
const addr = (a) => a.toLowerCase().slice(2).padStart(64, '0');
const sel = (s) => toFunctionSelector(s);

let node, url, token, alice, bob, carol;
const keyOf = {};
before(async () => {
  node = await startNode();
  url = node.url;
  token = await deploy(url, 'SRC20Token', ['Test Token', 'TST', 18]);
  alice = seismicClient(url, PK0);
  bob = seismicClient(url, PK1);
  carol = seismicClient(url, PK2); // no viewing key
});
after(async () => {
  await node?.stop();
});

function decryptAmount(key, logData) {
  const [enc] = decodeAbiParameters([{ type: 'bytes' }], logData);
  const b = hexToBytes(enc);
  assert.ok(b.length > 12);
  const nonce = b.subarray(b.length - 12);
  return BigInt(bytesToHex(gcm(hexToBytes(key), nonce).decrypt(b.subarray(0, b.length - 12))));
}

test('selectors and event topics match the spec', () => {
  const expect = {
    'transfer(address,suint256)': '0xb10c99b5',
    'approve(address,suint256)': '0x2e62b8c8',
    'transferFrom(address,address,suint256)': '0x9552331e',
    'balance()': '0xb69ef8a8',
    'balanceOf()': '0x722713f7',
    'allowance(address)': '0x3e5beab9',
    'name()': '0x06fdde03',
    'symbol()': '0x95d89b41',
    'decimals()': '0x313ce567',
    'setKey(suint256)': '0x70df0933',
    'getKey()': '0x82678dd6',
    'checkHasKey(address)': '0x8b2f9fd1',
    'keyHash(address)': '0xeefbaf18',
  };
  for (const [s, v] of Object.entries(expect)) assert.equal(toFunctionSelector(s), v, s);
  assert.equal(toEventSelector('Transfer(address,address,bytes32,bytes)'), TRANSFER_TOPIC);
  assert.equal(toEventSelector('Approval(address,address,bytes32,bytes)'), APPROVAL_TOPIC);
  assert.equal(toEventSelector('KeySet(address)'), '0xe09b54ab39b458cc6e350a9444815a294301d94eaa79ba68d8a2f9f9c7c0b4cc');
});

test('Directory: setKey (shielded), checkHasKey, keyHash, getKey (signed read)', async () => {
  for (const [c, k] of [[alice, '0x' + 'a1'.repeat(32)], [bob, '0x' + 'b2'.repeat(32)]]) {
    keyOf[c.address] = k;
    const s = await c.send({ to: DIRECTORY, data: sel('setKey(suint256)') + k.slice(2) });
    assert.equal(s.response.error, undefined, JSON.stringify(s.response.error));
    const rc = await waitReceipt(url, s.hash);
    assert.equal(rc.status, '0x1');
    assert.equal(rc.logs[0].topics[0], '0xe09b54ab39b458cc6e350a9444815a294301d94eaa79ba68d8a2f9f9c7c0b4cc');
    assert.equal(await plainCall(url, DIRECTORY, dirAbi, 'checkHasKey', [c.address]), true);
    assert.equal(await plainCall(url, DIRECTORY, dirAbi, 'keyHash', [c.address]), keccak256(k));
    const r = await c.signedCall({ to: DIRECTORY, data: sel('getKey()') });
    assert.equal(r.result, k);
  }
  assert.equal(await plainCall(url, DIRECTORY, dirAbi, 'checkHasKey', [carol.address]), false);
  const zero = await carol.send({ to: DIRECTORY, data: sel('setKey(suint256)') + u256(0n), gas: 200000n });
  // a zero key is rejected by the contract: the tx is mined but reverts
  assert.equal((await waitReceipt(url, zero.hash)).status, '0x0');
});

test('SRC20: mint + shielded transfer emit §5.4 events that decrypt with the viewing keys', async () => {
  const wallet = createWalletClient({ account: privateKeyToAccount(PK0), chain: localChain, transport: http(url) });
  const mh = await wallet.writeContract({ address: token, abi: tokenAbi, functionName: 'mint', args: [alice.address, 1_000_000n], gas: 5_000_000n });
  const mrc = await waitReceipt(url, mh);
  assert.equal(mrc.status, '0x1');
  assert.equal(mrc.logs.length, 2);
  assert.equal(mrc.logs[0].topics[3], '0x' + '00'.repeat(32)); // from = address(0): no key
  assert.equal(decodeAbiParameters([{ type: 'bytes' }], mrc.logs[0].data)[0], '0x');
  assert.equal(mrc.logs[1].topics[3], keccak256(keyOf[alice.address]));
  assert.equal(decryptAmount(keyOf[alice.address], mrc.logs[1].data), 1_000_000n);

  const data = sel('transfer(address,suint256)') + addr(bob.address) + u256(1234n);
  const est = await alice.signedCall({ to: token, data, gas: 30_000_000n }, 'eth_estimateGas');
  assert.equal(est.response.error, undefined, JSON.stringify(est.response.error));
  const s = await alice.send({ to: token, data, gas: BigInt(est.result) });
  assert.equal(s.response.error, undefined, JSON.stringify(s.response.error));
  const rc = await waitReceipt(url, s.hash);
  assert.equal(rc.status, '0x1');
  const transfers = rc.logs.filter((l) => l.topics[0] === TRANSFER_TOPIC);
  assert.equal(transfers.length, 2);
  for (const l of transfers) {
    assert.equal(l.transactionHash, s.hash);
    assert.equal(getAddress('0x' + l.topics[1].slice(26)), alice.address);
    assert.equal(getAddress('0x' + l.topics[2].slice(26)), bob.address);
  }
  assert.equal(transfers[0].topics[3], keccak256(keyOf[alice.address]));
  assert.equal(transfers[1].topics[3], keccak256(keyOf[bob.address]));
  assert.equal(decryptAmount(keyOf[alice.address], transfers[0].data), 1234n);
  assert.equal(decryptAmount(keyOf[bob.address], transfers[1].data), 1234n);
  // a key cannot open the other party's ciphertext
  assert.throws(() => decryptAmount(keyOf[bob.address], transfers[0].data));

  // watcher-style eth_getLogs by key hash; tx hash is the 0x4a hash
  const logs = await rpc(url, 'eth_getLogs', [
    { fromBlock: '0x0', toBlock: 'latest', address: token, topics: [[TRANSFER_TOPIC, APPROVAL_TOPIC], null, null, keccak256(keyOf[bob.address])] },
  ]);
  assert.equal(logs.length, 1);
  assert.equal(logs[0].transactionHash, s.hash);

  // balances via signed reads (both getter names)
  const bb = await bob.signedCall({ to: token, data: sel('balance()') });
  assert.equal(BigInt(bb.result), 1234n);
  const ab = await alice.signedCall({ to: token, data: sel('balanceOf()') });
  assert.equal(BigInt(ab.result), 1_000_000n - 1234n);
});

test('SRC20: approve / allowance / transferFrom; party without key gets an empty encryptedAmount', async () => {
  const ap = await alice.send({ to: token, data: sel('approve(address,suint256)') + addr(carol.address) + u256(500n), gas: 5_000_000n });
  const arc = await waitReceipt(url, ap.hash);
  assert.equal(arc.status, '0x1');
  const approvals = arc.logs.filter((l) => l.topics[0] === APPROVAL_TOPIC);
  assert.equal(approvals.length, 2);
  assert.equal(decryptAmount(keyOf[alice.address], approvals[0].data), 500n);
  assert.equal(approvals[1].topics[3], '0x' + '00'.repeat(32)); // carol has no key
  assert.equal(decodeAbiParameters([{ type: 'bytes' }], approvals[1].data)[0], '0x');
  const al = await alice.signedCall({ to: token, data: sel('allowance(address)') + addr(carol.address) });
  assert.equal(BigInt(al.result), 500n);

  const tf = await carol.send({
    to: token,
    data: sel('transferFrom(address,address,suint256)') + addr(alice.address) + addr(bob.address) + u256(200n),
    gas: 5_000_000n,
  });
  assert.equal(tf.response.error, undefined, JSON.stringify(tf.response.error));
  const trc = await waitReceipt(url, tf.hash);
  assert.equal(trc.status, '0x1');
  const t = trc.logs.filter((l) => l.topics[0] === TRANSFER_TOPIC);
  assert.equal(decryptAmount(keyOf[bob.address], t[1].data), 200n);
  const bb = await bob.signedCall({ to: token, data: sel('balance()') });
  assert.equal(BigInt(bb.result), 1434n);
  assert.equal(await plainCall(url, token, tokenAbi, 'name'), 'Test Token');
  assert.equal(await plainCall(url, token, tokenAbi, 'decimals'), 18);
});

const P = (n) => '0x' + n.toString(16).padStart(40, '0');

test('precompiles answered off-chain: AES-GCM, HKDF, ECDH, RNG, secp256k1 sign', async () => {
  const call = (to, data) => rpcFull(url, 'eth_call', [{ to, data }, 'latest']);
  const enc = await call(P(0x66), '0x' + '00'.repeat(44) + stringToHex('HelloAESGCM').slice(2));
  assert.equal(enc.result, '0x86c22c5122212e3d400d886f80dfcfcbacb96cbc815db886e1a6cd');
  const dec = await call(P(0x67), '0x' + '00'.repeat(44) + enc.result.slice(2));
  assert.equal(dec.result, stringToHex('HelloAESGCM'));
  const bad = await call(P(0x67), '0x' + '00'.repeat(44) + enc.result.slice(2, -2) + '00');
  assert.match(bad.error.message, /decryption failed/);
  assert.equal((await call(P(0x68), stringToHex('HelloHKDF'))).result, '0x7f527a655fecfa58cd49e00b13684f2df335a3e1a3b9bee749f4d494087038f2');
  assert.equal((await call(P(0x68), '0x1234abcd')).result, '0x67b4c8f882a3a82e4eb12b97aa70652afd62167d0ffd28f81b22e1684c1e8fb2');
  const sk1 = '0x' + '01'.repeat(32), sk2 = '0x' + '02'.repeat(32);
  const pk2 = bytesToHex(secp256k1.getPublicKey(hexToBytes(sk2), true));
  const ecdh = await call(P(0x65), sk1 + pk2.slice(2));
  const local = clientKeys(sk1, pk2).requestKey;
  assert.equal(ecdh.result, bytesToHex(local));
  const rng = await call(P(0x64), '0x00000010');
  assert.equal(hexToBytes(rng.result).length, 16);
  assert.match((await call(P(0x64), '0x00000000')).error.message, /num_bytes/);
  const sk = '0xaac6ccf1fdec03b4838a3c97628f381b34a949967f46d3f8a9a9c741ce982a87';
  const sig = await call(P(0x69), sk + hashMessage('i signed this').slice(2));
  assert.equal(hexToBytes(sig.result).length, 65);
  assert.equal(await recoverMessageAddress({ message: 'i signed this', signature: sig.result }), privateKeyToAccount(sk).address);
});

test('on-chain AES-GCM stand-in (used by Directory.encrypt) agrees with noble', async () => {
  const pt = '0x' + u256(424242n);
  const r = await rpc(url, 'eth_call', [
    { to: DIRECTORY, data: encodeFunctionData({ abi: dirAbi, functionName: 'encrypt', args: [bob.address, pt] }), gas: '0x1c9c380' },
    'latest',
  ]);
  const [enc] = decodeAbiParameters([{ type: 'bytes' }], r);
  const b = hexToBytes(enc);
  const nonce = b.subarray(b.length - 12);
  assert.equal(bytesToHex(gcm(hexToBytes(keyOf[bob.address]), nonce).encrypt(hexToBytes(pt))), bytesToHex(b.subarray(0, b.length - 12)));
  // the stand-in is branchless: gas depends only on the input length, so signed estimates are exact
  const gases = new Set();
  for (let i = 0; i < 4; i++) {
    const input = bytesToHex(crypto.getRandomValues(new Uint8Array(44 + 32)).map((x) => x | 1)); // no zero bytes: equal calldata gas
    gases.add(await rpc(url, 'eth_estimateGas', [{ to: P(0x66), data: input }]));
  }
  assert.equal(gases.size, 1);
});
