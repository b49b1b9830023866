// Spec §9 vectors: the node's decoder and the tests' independent encoder agree with the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256 } from 'viem';
import { decodeSeismicTx, recoverSender, deriveKeys, encodeAad, aesGcmDecrypt, hex, SANVIL_TEE_SK } from '../lib/seismic.js';
import { signTx, signingHash, aad, clientKeys, gcmEncrypt, PK0, SK_TEE, PK_TEE } from '../testkit/helpers.js';

const V92 =
  '0x4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a680a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e66204e17174e9d2756bb20f4cdfe48bd5d237c080a0ea4deb5d93eb2566b7d0ea5209f8bc9fd810ad1eff29bf59424de14c5910ab23a01daa9ada5f7448d737dee3096add2cd9447c2f55c13b7f8ca6ec37105548bf0c';
const V95 =
  '0x4af90113827a6902843b9aca00830186a094d3e8763675e4c425df46cc3b5c0f6cbdac39604687038d7ea4c68000a1028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a08c46a2b6020bba77fcb1e676a602a0934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f906480b850bf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e66204e17174e9d2756bb20f4cdfe48bd5d237c001a07ab4bc33c64dff2b56023bb662219a9950337e3cd3a6dd63f5760c0e7bdaceb3a060bccb842c9f6c6d87d47b5af0cb33dc208be79eb92786417a7c3caa9edd609c';
const PLAINTEXT =
  '0xfc3c2cf4943c327f19af0efaf3b07201f608dd5c8e3954399a919b72588d3872b6819ac3d13d3656cbb38833a39ffd1e73963196a1ddfa9e4a5d595fdbebb875';
const CT92 =
  '0xbf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e66204e17174e9d2756bb20f4cdfe48bd5d237';
const fields92 = {
  chainId: 31337,
  nonce: 2n,
  gasPrice: 1000000000n,
  gas: 100000n,
  to: '0xd3e8763675e4c425df46cc3b5c0f6cbdac396046',
  value: 1000000000000000n,
  encryptionPubkey: PK_TEE,
  encryptionNonce: '0x46a2b6020bba77fcb1e676a6',
  messageVersion: 0,
  recentBlockHash: '0x934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f90',
  expiresAtBlock: 100n,
  signedRead: false,
  input: CT92,
};

test('§9.2 vector: node decoder -> hash, v0 digest, sender, decrypted calldata', () => {
  const tx = decodeSeismicTx(V92);
  assert.equal(hex(tx.hash), '0x4e4d0e23ea06cb8978c40adabaf8599203c7b6d56cfd3063af2d552ec73ace7a');
  assert.equal(keccak256(V92), '0x4e4d0e23ea06cb8978c40adabaf8599203c7b6d56cfd3063af2d552ec73ace7a');
  assert.equal(tx.chainId, 31337n);
  assert.equal(tx.nonce, 2n);
  assert.equal(tx.messageVersion, 0n);
  assert.equal(tx.signedRead, false);
  const sender = recoverSender(tx);
  assert.equal(sender, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  const keys = deriveKeys(SANVIL_TEE_SK, tx.encryptionPubkey);
  assert.equal(hex(keys.requestKey), '0x6a01280c291b984e8fd40183f964e9cb0e0d5dde8127ab66e75caa6f278068cf');
  const pt = aesGcmDecrypt(keys.requestKey, tx.encryptionNonceBytes, tx.input, encodeAad(tx, sender));
  assert.equal(hex(pt), PLAINTEXT);
});

test('§9.2 vector: independent test encoder reproduces the raw tx byte for byte', async () => {
  const k = clientKeys(SK_TEE);
  const meta = { ...fields92, sender: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' };
  assert.equal(gcmEncrypt(k.requestKey, fields92.encryptionNonce, PLAINTEXT, aad(meta)), CT92);
  assert.equal(signingHash(fields92), '0x3bd2090142a65daa3ea533a0f9bc00397bdb710890b3060422c820933e2c1c0f');
  const { raw, hash } = await signTx(fields92, PK0);
  assert.equal(raw, V92);
  assert.equal(hash, '0x4e4d0e23ea06cb8978c40adabaf8599203c7b6d56cfd3063af2d552ec73ace7a');
});

test('§9.5 EIP-712 (v2) vector: signing hash, recovery, tx hash', async () => {
  const f = { ...fields92, messageVersion: 2 };
  assert.equal(signingHash(f), '0x97df07b716306c8ebb936d22d20b811d8050c8608083df60c303bcc31c58fe9f');
  const { raw } = await signTx(f, PK0);
  assert.equal(raw, V95);
  const tx = decodeSeismicTx(V95);
  assert.equal(recoverSender(tx), '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  assert.equal(hex(tx.hash), '0x87b08dbf895edee10dda494b10c71f4eaa966440d7b64c827d8748861616253f');
});

test('strict decoding rejects malformed 0x4a payloads', () => {
  assert.throws(() => decodeSeismicTx(V92 + '00'), /trailing bytes/);
  assert.throws(() => decodeSeismicTx('0x4ac0'), /expected 17 RLP items/);
  assert.throws(() => decodeSeismicTx(V92.slice(0, -10)), /rlp/);
  // nonce 2 re-encoded non-canonically as 0x8102 (length bump on the outer list)
  const bad = '0x4af90114827a698102' + V92.slice(16);
  assert.throws(() => decodeSeismicTx(bad), /non-canonical/);
});

test('§9.11 typed-data envelope converts to the equivalent raw v2 tx (hash a229…)', async () => {
  const { typedDataToRaw } = await import('../lib/seismic.js');
  const body = JSON.parse(
    '{"data":{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"TxSeismic":[{"name":"chainId","type":"uint64"},{"name":"nonce","type":"uint64"},{"name":"gasPrice","type":"uint128"},{"name":"gasLimit","type":"uint64"},{"name":"to","type":"address"},{"name":"isCreate","type":"bool"},{"name":"value","type":"uint256"},{"name":"input","type":"bytes"},{"name":"encryptionPubkey","type":"bytes"},{"name":"encryptionNonce","type":"uint96"},{"name":"messageVersion","type":"uint8"},{"name":"recentBlockHash","type":"bytes32"},{"name":"expiresAtBlock","type":"uint64"},{"name":"signedRead","type":"bool"},{"name":"authorizationListHash","type":"bytes32"}]},"primaryType":"TxSeismic","domain":{"name":"Seismic Transaction","version":"2","chainId":31337,"verifyingContract":"0x0000000000000000000000000000000000000000"},"message":{"chainId":31337,"nonce":"2","gasPrice":"1000000000","gasLimit":"100000","to":"0xd3e8763675e4c425df46cc3b5c0f6cbdac396046","isCreate":false,"value":"1000000000000000","input":"0xbf645e68de8096b62950fac2d5bceb71ab1a085aed2e973a8b4f961ca77209f99116130edecd27c39fc62e1b3c05ff42d9e4382f987fc55c2011f8e4f2e662045c27cf78e5c395d6d53d08d452d6dc38","encryptionPubkey":"0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0","encryptionNonce":"0x46a2b6020bba77fcb1e676a6","messageVersion":2,"recentBlockHash":"0x934207181885f6859ca848f5f01091d1957444a920a2bfb262fa043c6c239f90","expiresAtBlock":"100","signedRead":false,"authorizationListHash":"0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"}},"signature":{"r":"0x927f59a5f113865f7fd6e28943a33ff6dc6bf23f488e712fbb102ee69a1d6bfc","s":"0x3dcdfe0876aa87fa5a26d7c4b3645fe9124e675045e4bfcaa821faa1006cfe96","yParity":"0x0"}}',
  );
  const raw = typedDataToRaw(body);
  assert.equal(keccak256(raw), '0xa229791ce17b09d8838e7d4260834b860939a84cf7783b76f613ae1cf0780ad5');
  const tx = decodeSeismicTx(raw);
  assert.equal(recoverSender(tx), '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  const keys = deriveKeys(SANVIL_TEE_SK, tx.encryptionPubkey);
  assert.equal(hex(aesGcmDecrypt(keys.requestKey, tx.encryptionNonceBytes, tx.input, encodeAad(tx, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'))), PLAINTEXT);
});
