// Node-side Seismic protocol primitives (spec §1, §2): TxSeismic decoding, signature
// digests (message versions 0 and 2), sender recovery, AAD, ECDH/HKDF keys, AES-GCM.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { gcm } from '@noble/ciphers/aes.js';
import { bytesToHex, hexToBytes, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { toRlp, getAddress } from 'viem';
import { rlpDecode, RlpError } from './rlp.js';

export const SEISMIC_TX_TYPE = 0x4a;
export const SANVIL_TEE_SK = '311d54d3bf8359c70827122a44a7b4458733adce3c51c6b59d9acfce85e07505';
export const INFO_REQUEST = 'aes-gcm key';
export const INFO_RESPONSE = 'seismic/response/aes-256-gcm/v1';
export const EMPTY_AUTH_LIST_HASH = keccak_256(new Uint8Array([0xc0]));
const SECP_N = secp256k1.Point.CURVE().n;

/** A client-visible protocol error (becomes a JSON-RPC error). */
export class SeismicError extends Error {
  constructor(message, code = -32000, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export const hex = (b) => '0x' + bytesToHex(b);
export const unhex = (s) => hexToBytes(s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s);
export const keccak = (b) => keccak_256(b);
export const qty = (n) => '0x' + BigInt(n).toString(16);

function bytesToBig(b) {
  return b.length === 0 ? 0n : BigInt('0x' + bytesToHex(b));
}
function bigToBytes(n, len) {
  const h = n.toString(16).padStart(len * 2, '0');
  if (h.length > len * 2) throw new Error('integer too large');
  return hexToBytes(h);
}
function minimalBytes(n) {
  if (n === 0n) return new Uint8Array(0);
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  return hexToBytes(h);
}

// strict RLP integer: bytes, no leading zero, at most maxBytes
function rlpInt(item, name, maxBytes) {
  if (!(item instanceof Uint8Array)) throw new SeismicError(`invalid seismic tx: ${name} must be an RLP string`);
  if (item.length > maxBytes) throw new SeismicError(`invalid seismic tx: ${name} too large`);
  if (item.length > 0 && item[0] === 0) throw new SeismicError(`invalid seismic tx: ${name} has a leading zero byte`);
  return bytesToBig(item);
}
function rlpFixed(item, name, len) {
  if (!(item instanceof Uint8Array) || item.length !== len)
    throw new SeismicError(`invalid seismic tx: ${name} must be ${len} bytes`);
  return item;
}

/**
 * Decode a signed raw TxSeismic (0x4a || RLP([17 items])), strictly.
 * Returns all fields, the raw items, hash, and the unsigned pre-image.
 */
export function decodeSeismicTx(rawHex) {
  let raw;
  try {
    raw = unhex(rawHex);
  } catch {
    throw new SeismicError('invalid raw transaction: not hex');
  }
  if (raw.length < 2 || raw[0] !== SEISMIC_TX_TYPE) throw new SeismicError('not a seismic (0x4a) transaction');
  let items;
  try {
    items = rlpDecode(raw.subarray(1));
  } catch (e) {
    if (e instanceof RlpError) throw new SeismicError(`invalid seismic tx: ${e.message}`);
    throw e;
  }
  if (!Array.isArray(items)) throw new SeismicError('invalid seismic tx: payload is not an RLP list');
  if (items.length !== 17)
    throw new SeismicError(`invalid seismic tx: expected 17 RLP items (signed), got ${items.length}`);
  const tx = {
    chainId: rlpInt(items[0], 'chainId', 8),
    nonce: rlpInt(items[1], 'nonce', 8),
    gasPrice: rlpInt(items[2], 'gasPrice', 16),
    gas: rlpInt(items[3], 'gas', 8),
    to: null,
    value: rlpInt(items[5], 'value', 32),
    encryptionPubkey: rlpFixed(items[6], 'encryptionPubkey', 33),
    encryptionNonce: rlpInt(items[7], 'encryptionNonce', 12),
    messageVersion: rlpInt(items[8], 'messageVersion', 1),
    recentBlockHash: rlpFixed(items[9], 'recentBlockHash', 32),
    expiresAtBlock: rlpInt(items[10], 'expiresAtBlock', 8),
    signedRead: null,
    input: items[12],
    authorizationList: items[13],
    yParity: rlpInt(items[14], 'yParity', 1),
    r: rlpInt(items[15], 'r', 32),
    s: rlpInt(items[16], 's', 32),
  };
  if (!(items[4] instanceof Uint8Array) || (items[4].length !== 0 && items[4].length !== 20))
    throw new SeismicError('invalid seismic tx: to must be 20 bytes or empty');
  if (items[4].length === 20) tx.to = getAddress(hex(items[4]));
  const sr = items[11];
  if (!(sr instanceof Uint8Array) || sr.length > 1 || (sr.length === 1 && sr[0] !== 1))
    throw new SeismicError('invalid seismic tx: signedRead must be a boolean (0x80 or 0x01)');
  tx.signedRead = sr.length === 1;
  if (!(tx.input instanceof Uint8Array)) throw new SeismicError('invalid seismic tx: input must be bytes');
  if (!Array.isArray(tx.authorizationList)) throw new SeismicError('invalid seismic tx: authorizationList must be a list');
  if (tx.yParity > 1n) throw new SeismicError('invalid seismic tx: yParity must be 0 or 1');
  if (tx.encryptionPubkey[0] !== 2 && tx.encryptionPubkey[0] !== 3)
    throw new SeismicError('invalid seismic tx: encryptionPubkey must be a compressed secp256k1 key');
  tx.items = items;
  tx.raw = raw;
  tx.hash = keccak_256(raw);
  tx.encryptionNonceBytes = bigToBytes(tx.encryptionNonce, 12);
  tx.authorizationListRlp = unhex(toRlp(items[13].length ? rlpToHexTree(items[13]) : []));
  return tx;
}

function rlpToHexTree(x) {
  return Array.isArray(x) ? x.map(rlpToHexTree) : hex(x);
}

/** v0 digest: keccak(0x4a || RLP(items 0..13)) */
export function digestV0(tx) {
  const unsigned = toRlp(tx.items.slice(0, 14).map(rlpToHexTree));
  return keccak_256(concatBytes(new Uint8Array([SEISMIC_TX_TYPE]), unhex(unsigned)));
}

const u256 = (n) => bigToBytes(BigInt(n), 32);
const DOMAIN_TYPEHASH = keccak_256(
  utf8ToBytes('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
);
const TX_TYPEHASH = keccak_256(
  utf8ToBytes(
    'TxSeismic(uint64 chainId,uint64 nonce,uint128 gasPrice,uint64 gasLimit,address to,bool isCreate,uint256 value,bytes input,bytes encryptionPubkey,uint96 encryptionNonce,uint8 messageVersion,bytes32 recentBlockHash,uint64 expiresAtBlock,bool signedRead,bytes32 authorizationListHash)',
  ),
);

export function domainSeparator(chainId) {
  return keccak_256(
    concatBytes(
      DOMAIN_TYPEHASH,
      keccak_256(utf8ToBytes('Seismic Transaction')),
      keccak_256(utf8ToBytes('2')),
      u256(chainId),
      new Uint8Array(32),
    ),
  );
}

/** v2 digest (EIP-712, 15-field TxSeismic struct, spec §1.6) */
export function digestV2(tx) {
  const toBytes = tx.to ? unhex(tx.to) : new Uint8Array(20);
  const structHash = keccak_256(
    concatBytes(
      TX_TYPEHASH,
      u256(tx.chainId),
      u256(tx.nonce),
      u256(tx.gasPrice),
      u256(tx.gas),
      concatBytes(new Uint8Array(12), toBytes),
      u256(tx.to ? 0 : 1),
      u256(tx.value),
      keccak_256(tx.input),
      keccak_256(tx.encryptionPubkey),
      u256(tx.encryptionNonce),
      u256(tx.messageVersion),
      tx.recentBlockHash,
      u256(tx.expiresAtBlock),
      u256(tx.signedRead ? 1 : 0),
      keccak_256(tx.authorizationListRlp),
    ),
  );
  return keccak_256(concatBytes(new Uint8Array([0x19, 0x01]), domainSeparator(tx.chainId), structHash));
}

/** Verify the signature (v0 or v2) and return the checksummed sender address. */
export function recoverSender(tx) {
  let digest;
  if (tx.messageVersion === 0n) digest = digestV0(tx);
  else if (tx.messageVersion === 2n) digest = digestV2(tx);
  else throw new SeismicError(`unsupported seismic messageVersion ${tx.messageVersion} (supported: 0, 2)`);
  if (tx.r === 0n || tx.r >= SECP_N || tx.s === 0n || tx.s >= SECP_N)
    throw new SeismicError('invalid transaction signature: r/s out of range');
  if (tx.s > SECP_N / 2n) throw new SeismicError('invalid transaction signature: high s value');
  let pub;
  try {
    const sig = concatBytes(new Uint8Array([Number(tx.yParity)]), u256(tx.r), u256(tx.s));
    pub = secp256k1.recoverPublicKey(sig, digest, { prehash: false });
  } catch (e) {
    throw new SeismicError(`invalid transaction signature: ${e.message}`);
  }
  const uncompressed = secp256k1.Point.fromBytes(pub).toBytes(false);
  return getAddress(hex(keccak_256(uncompressed.subarray(1)).subarray(12)));
}

/** 11-field AAD = RLP([sender, chainId, nonce, to, value, pubkey, encNonce, mv, blockhash, expires, signedRead]) */
export function encodeAad(tx, sender) {
  const list = [
    sender.toLowerCase(),
    hex(minimalBytes(tx.chainId)),
    hex(minimalBytes(tx.nonce)),
    tx.to ? tx.to.toLowerCase() : '0x',
    hex(minimalBytes(tx.value)),
    hex(tx.encryptionPubkey),
    hex(minimalBytes(tx.encryptionNonce)),
    hex(minimalBytes(tx.messageVersion)),
    hex(tx.recentBlockHash),
    hex(minimalBytes(tx.expiresAtBlock)),
    tx.signedRead ? '0x01' : '0x',
  ];
  return unhex(toRlp(list));
}

export function teePublicKey(teeSk) {
  return secp256k1.getPublicKey(unhex(teeSk), true);
}

/** ECDH shared secret (sha256 of the compressed shared point) → {requestKey, responseKey} */
export function deriveKeys(sk, pubCompressed) {
  const point = secp256k1.getSharedSecret(typeof sk === 'string' ? unhex(sk) : sk, pubCompressed, true);
  const shared = sha256(point);
  return {
    shared,
    requestKey: hkdf(sha256, shared, undefined, utf8ToBytes(INFO_REQUEST), 32),
    responseKey: hkdf(sha256, shared, undefined, utf8ToBytes(INFO_RESPONSE), 32),
  };
}

export function aesGcmEncrypt(key, nonce, plaintext, aad) {
  if (plaintext.length === 0) return new Uint8Array(0);
  return gcm(key, nonce, aad && aad.length ? aad : undefined).encrypt(plaintext);
}

export function aesGcmDecrypt(key, nonce, ciphertext, aad) {
  if (ciphertext.length === 0) return new Uint8Array(0);
  return gcm(key, nonce, aad && aad.length ? aad : undefined).decrypt(ciphertext);
}

export { bytesToHex, hexToBytes, concatBytes, bigToBytes, minimalBytes, u256 };

// ---------------------------------------------------------------- typed-data envelope (§3.2–3.4, 9.11)
function toBig(v, name) {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new SeismicError(`invalid typed-data seismic request: bad ${name}`);
}
function rlpIntHex(n) {
  return n === 0n ? '0x' : hex(minimalBytes(n));
}
function hexField(v, name, len) {
  if (typeof v !== 'string' || !/^(0x)?([0-9a-fA-F]{2})*$/.test(v)) throw new SeismicError(`invalid typed-data seismic request: bad ${name}`);
  const b = unhex(v);
  if (len !== undefined && b.length !== len) throw new SeismicError(`invalid typed-data seismic request: ${name} must be ${len} bytes`);
  return hex(b);
}

function yParityOf(sig) {
  if (sig.yParity !== undefined) return toBig(sig.yParity, 'yParity');
  const v = toBig(sig.v, 'v');
  return v >= 27n ? v - 27n : v;
}

/**
 * Convert a `{data: TypedData, signature: {r, s, yParity}}` request (TSm form) into the
 * equivalent signed raw v2 tx (identical RLP; spec 9.11), so that it takes the raw path.
 */
export function typedDataToRaw(env) {
  const d = env?.data;
  const sig = env?.signature;
  if (!d || !sig || d.primaryType !== 'TxSeismic' || typeof d.message !== 'object')
    throw new SeismicError('invalid typed-data seismic request: expected {data: {primaryType: "TxSeismic", …}, signature}');
  if (d.domain?.name !== 'Seismic Transaction') throw new SeismicError('invalid typed-data seismic request: domain.name');
  const m = d.message;
  const mv = toBig(m.messageVersion, 'messageVersion');
  if (String(d.domain?.version) !== String(mv))
    throw new SeismicError('invalid typed-data seismic request: domain.version must equal messageVersion');
  if (toBig(d.domain.chainId, 'domain.chainId') !== toBig(m.chainId, 'chainId'))
    throw new SeismicError('invalid typed-data seismic request: domain.chainId != message.chainId');
  const isCreate = m.isCreate === true;
  const items = [
    rlpIntHex(toBig(m.chainId, 'chainId')),
    rlpIntHex(toBig(m.nonce, 'nonce')),
    rlpIntHex(toBig(m.gasPrice, 'gasPrice')),
    rlpIntHex(toBig(m.gasLimit ?? m.gas, 'gasLimit')),
    isCreate ? '0x' : hexField(m.to, 'to', 20),
    rlpIntHex(toBig(m.value, 'value')),
    hexField(m.encryptionPubkey, 'encryptionPubkey', 33),
    rlpIntHex(toBig(m.encryptionNonce, 'encryptionNonce')),
    rlpIntHex(mv),
    hexField(m.recentBlockHash, 'recentBlockHash', 32),
    rlpIntHex(toBig(m.expiresAtBlock, 'expiresAtBlock')),
    m.signedRead === true ? '0x01' : '0x',
    hexField(m.input ?? '0x', 'input'),
    [],
    rlpIntHex(yParityOf(sig)),
    rlpIntHex(toBig(sig.r, 'r')),
    rlpIntHex(toBig(sig.s, 's')),
  ];
  if (m.authorizationListHash && hexField(m.authorizationListHash, 'authorizationListHash', 32) !== hex(EMPTY_AUTH_LIST_HASH))
    throw new SeismicError('typed-data seismic requests with a non-empty authorization list are not supported by this dev node');
  return '0x4a' + toRlp(items).slice(2);
}
