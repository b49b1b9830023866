// Test-side helpers: start/stop a dev node (+ its own anvil), JSON-RPC, and an independent
// Seismic client encoder written from the spec with viem + @noble (it does not use ../lib/*).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { gcm } from '@noble/ciphers/aes.js';
import {
  toRlp,
  keccak256,
  hashTypedData,
  bytesToHex,
  hexToBytes,
  concatHex,
  getAddress,
  encodeFunctionData,
  decodeFunctionResult,
  createWalletClient,
  http,
  defineChain,
} from 'viem';
import { privateKeyToAccount, sign } from 'viem/accounts';
import { anvilPath } from '../../anvil-path.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEVNODE = path.join(HERE, '..', 'devnode.js');
export const ARTIFACTS = JSON.parse(readFileSync(path.join(HERE, '..', 'contracts', 'artifacts.json'), 'utf8')).contracts;

export const PK0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const PK1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
export const PK2 = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
export const SK_TEE = '0x311d54d3bf8359c70827122a44a7b4458733adce3c51c6b59d9acfce85e07505';
export const PK_TEE = '0x028e76821eb4d77fd30223ca971c49738eb5b5b71eabe93f96b348fdce788ae5a0';
export const DIRECTORY = '0x1000000000000000000000000000000000000004';

// ------------------------------------------------------------------ anvil on a fixed port under a dev node
// (like `testenv.js restart-anvil`: anvil can be killed and started again behind a running dev node)
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves with the match once the child's stdout matches re. */
export function waitLine(child, re, what, ms = 30000) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`${what} did not start: ${buf.slice(-500)}`)), ms);
    const on = (d) => {
      buf += d;
      const m = buf.match(re);
      if (m) {
        clearTimeout(t);
        child.stdout.off('data', on);
        resolve(m);
      }
    };
    child.stdout.on('data', on);
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`${what} exited (${code}): ${buf.slice(-500)}`));
    });
  });
}

/** anvil on 127.0.0.1:port, fresh state; the port may stay busy for a moment after a kill, so it retries. */
export async function startAnvilOn(port) {
  for (let attempt = 0; ; attempt++) {
    const child = spawn(anvilPath(), ['--host', '127.0.0.1', '--port', String(port), '--chain-id', '31337'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitLine(child, /Listening on/, 'anvil', 15000);
      child.stdout.resume();
      child.stderr.resume();
      return child;
    } catch (e) {
      child.kill('SIGKILL');
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function killChild(child, signal = 'SIGKILL') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((r) => {
    child.once('exit', r);
    child.kill(signal);
  });
}

/** anvil on a free port, then `devnode.js --port 0 --anvil-url http://127.0.0.1:anvilPort --no-predeploys`
    in front of it; resolves {anvilPort, anvil, devnode, url, wsUrl} (the dev node's stderr is shown with
    DEVNODE_DEBUG=1). */
export async function startDevnodeOverAnvil() {
  const anvilPort = await freePort();
  const anvil = await startAnvilOn(anvilPort);
  const devnode = spawn(process.execPath, [DEVNODE, '--port', '0', '--anvil-url', `http://127.0.0.1:${anvilPort}`, '--no-predeploys'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  devnode.stderr.on('data', (d) => process.env.DEVNODE_DEBUG && process.stderr.write(d));
  const m = await waitLine(devnode, /devnode listening on (http:\/\/[\d.]+:\d+)/, 'devnode');
  devnode.stdout.resume();
  return { anvilPort, anvil, devnode, url: m[1], wsUrl: m[1].replace(/^http/, 'ws') };
}

export async function stopDevnodeAndAnvil(devnode, anvil) {
  const t = setTimeout(() => devnode?.kill('SIGKILL'), 5000);
  await killChild(devnode, 'SIGTERM');
  clearTimeout(t);
  await killChild(anvil);
}

// ------------------------------------------------------------------ node lifecycle
/** Start `devnode.js --port 0 --spawn-anvil [...extra]`; resolves {url, wsUrl, stop}. */
export function startNode(extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEVNODE, '--port', '0', '--spawn-anvil', ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let anvilPid = null;
    let settled = false;
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      if (anvilPid) {
        try {
          process.kill(anvilPid, 0);
          process.kill(anvilPid, 'SIGKILL'); // should already be gone; never leave an orphan
        } catch {}
      }
    };
    const timer = setTimeout(() => {
      if (!settled) {
        settled = true;
        stop();
        reject(new Error(`devnode did not start: ${err}`));
      }
    }, 30000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/spawned anvil pid (\d+)/);
      if (m) anvilPid = Number(m[1]);
      if (process.env.DEVNODE_DEBUG) process.stderr.write(d);
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/devnode listening on (https?):\/\/([\d.]+):(\d+)/);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        const url = `${m[1]}://${m[2]}:${m[3]}`;
        resolve({ url, wsUrl: url.replace(/^http/, 'ws'), stop, child, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(new Error(`devnode exited (${code}): ${err}`));
      }
    });
  });
}

// ------------------------------------------------------------------ JSON-RPC
let rpcId = 1;
export async function rpcRaw(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
export async function rpcFull(url, method, params = []) {
  return (await rpcRaw(url, { jsonrpc: '2.0', id: rpcId++, method, params })).body;
}
export async function rpc(url, method, params = []) {
  const r = await rpcFull(url, method, params);
  if (r.error) {
    const e = new Error(`${method}: ${r.error.message}`);
    e.rpc = r.error;
    throw e;
  }
  return r.result;
}

export async function waitReceipt(url, hash, timeoutMs = 20000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const r = await rpc(url, 'eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no receipt for ${hash}`);
}

// ------------------------------------------------------------------ deploy (plain txs, pass-through)
export const localChain = defineChain({
  id: 31337,
  name: 'devnode',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1'] } },
});

export async function deploy(url, name, args = [], pk = PK0) {
  const wallet = createWalletClient({ account: privateKeyToAccount(pk), chain: localChain, transport: http(url) });
  const a = ARTIFACTS[name];
  const hash = await wallet.deployContract({ abi: a.abi, bytecode: a.bytecode, args });
  const r = await waitReceipt(url, hash);
  if (r.status !== '0x1') throw new Error(`deploy ${name} failed`);
  return getAddress(r.contractAddress);
}

export async function plainCall(url, to, abi, functionName, args = []) {
  const data = encodeFunctionData({ abi, functionName, args });
  const r = await rpc(url, 'eth_call', [{ to, data }, 'latest']);
  return decodeFunctionResult({ abi, functionName, data: r });
}

// ------------------------------------------------------------------ Seismic client (spec §1, §2)
const int = (n) => {
  n = BigInt(n);
  if (n === 0n) return '0x';
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  return '0x' + h;
};
const u8 = (h) => hexToBytes(h);

export function randomEncryptionNonce() {
  const b = new Uint8Array(12);
  do crypto.getRandomValues(b);
  while (b[0] === 0);
  return bytesToHex(b);
}

export function clientKeys(encSk, teePk = PK_TEE) {
  const point = secp256k1.getSharedSecret(u8(encSk), u8(teePk), true);
  const shared = sha256(point);
  const enc = new TextEncoder();
  return {
    encPub: bytesToHex(secp256k1.getPublicKey(u8(encSk), true)),
    requestKey: hkdf(sha256, shared, undefined, enc.encode('aes-gcm key'), 32),
    responseKey: hkdf(sha256, shared, undefined, enc.encode('seismic/response/aes-256-gcm/v1'), 32),
  };
}

export function aad(m) {
  return toRlp([
    m.sender.toLowerCase(),
    int(m.chainId),
    int(m.nonce),
    m.to ? m.to.toLowerCase() : '0x',
    int(m.value),
    m.encryptionPubkey,
    m.encryptionNonce,
    int(m.messageVersion),
    m.recentBlockHash,
    int(m.expiresAtBlock),
    m.signedRead ? '0x01' : '0x',
  ]);
}

export function gcmEncrypt(key, nonceHex, pt, aadHex) {
  const p = u8(pt);
  if (p.length === 0) return '0x';
  return bytesToHex(gcm(key, u8(nonceHex), aadHex ? u8(aadHex) : undefined).encrypt(p));
}
export function gcmDecrypt(key, nonceHex, ct, aadHex) {
  const c = u8(ct);
  if (c.length === 0) return '0x';
  return bytesToHex(gcm(key, u8(nonceHex), aadHex ? u8(aadHex) : undefined).decrypt(c));
}

export function unsignedItems(f) {
  return [
    int(f.chainId),
    int(f.nonce),
    int(f.gasPrice),
    int(f.gas),
    f.to ? f.to.toLowerCase() : '0x',
    int(f.value),
    f.encryptionPubkey,
    f.encryptionNonce,
    int(f.messageVersion),
    f.recentBlockHash,
    int(f.expiresAtBlock),
    f.signedRead ? '0x01' : '0x',
    f.input,
    [],
  ];
}

export function typedData(f) {
  return {
    domain: { name: 'Seismic Transaction', version: '2', chainId: Number(f.chainId), verifyingContract: '0x0000000000000000000000000000000000000000' },
    types: {
      TxSeismic: [
        { name: 'chainId', type: 'uint64' },
        { name: 'nonce', type: 'uint64' },
        { name: 'gasPrice', type: 'uint128' },
        { name: 'gasLimit', type: 'uint64' },
        { name: 'to', type: 'address' },
        { name: 'isCreate', type: 'bool' },
        { name: 'value', type: 'uint256' },
        { name: 'input', type: 'bytes' },
        { name: 'encryptionPubkey', type: 'bytes' },
        { name: 'encryptionNonce', type: 'uint96' },
        { name: 'messageVersion', type: 'uint8' },
        { name: 'recentBlockHash', type: 'bytes32' },
        { name: 'expiresAtBlock', type: 'uint64' },
        { name: 'signedRead', type: 'bool' },
        { name: 'authorizationListHash', type: 'bytes32' },
      ],
    },
    primaryType: 'TxSeismic',
    message: {
      chainId: BigInt(f.chainId),
      nonce: BigInt(f.nonce),
      gasPrice: BigInt(f.gasPrice),
      gasLimit: BigInt(f.gas),
      to: f.to ?? '0x0000000000000000000000000000000000000000',
      isCreate: !f.to,
      value: BigInt(f.value),
      input: f.input,
      encryptionPubkey: f.encryptionPubkey,
      encryptionNonce: BigInt(f.encryptionNonce),
      messageVersion: Number(f.messageVersion),
      recentBlockHash: f.recentBlockHash,
      expiresAtBlock: BigInt(f.expiresAtBlock),
      signedRead: !!f.signedRead,
      authorizationListHash: keccak256('0xc0'),
    },
  };
}

export function signingHash(f) {
  if (Number(f.messageVersion) === 2) return hashTypedData(typedData(f));
  return keccak256(concatHex(['0x4a', toRlp(unsignedItems(f))]));
}

export async function signTx(f, pk) {
  const sig = await sign({ hash: signingHash(f), privateKey: pk });
  const raw = concatHex(['0x4a', toRlp([...unsignedItems(f), int(sig.yParity), int(BigInt(sig.r)), int(BigInt(sig.s))])]);
  return { raw, hash: keccak256(raw) };
}

/**
 * Seismic wallet client over a dev node URL.
 * build(opts) -> {raw, hash, fields, meta}; tamper hooks let tests produce invalid txs.
 */
export function seismicClient(url, pk, encSk = bytesToHex(secp256k1.utils.randomSecretKey())) {
  const account = privateKeyToAccount(pk);
  const keys = clientKeys(encSk);
  async function build(o) {
    const latest = await rpc(url, 'eth_getBlockByNumber', ['latest', false]);
    const f = {
      chainId: o.chainId ?? 31337,
      nonce: o.nonce ?? BigInt(await rpc(url, 'eth_getTransactionCount', [account.address, 'pending'])),
      gasPrice: o.gasPrice ?? BigInt(await rpc(url, 'eth_gasPrice')),
      gas: o.gas ?? (o.signedRead ? 30_000_000n : 3_000_000n),
      to: o.to,
      value: o.value ?? 0n,
      encryptionPubkey: keys.encPub,
      encryptionNonce: o.encryptionNonce ?? randomEncryptionNonce(),
      messageVersion: o.messageVersion ?? 0,
      recentBlockHash: o.recentBlockHash ?? latest.hash,
      expiresAtBlock: o.expiresAtBlock ?? BigInt(latest.number) + 100n,
      signedRead: !!o.signedRead,
    };
    const meta = { ...f, sender: account.address, ...(o.aadOverride || {}) };
    const aadHex = aad(meta);
    f.input = gcmEncrypt(keys.requestKey, f.encryptionNonce, o.data, aadHex);
    if (o.tamperInput) f.input = o.tamperInput(f.input);
    const { raw, hash } = await signTx(f, pk);
    return { raw, hash, fields: f, aad: aadHex };
  }
  return {
    address: account.address,
    keys,
    build,
    async send(o) {
      const b = await build(o);
      const r = await rpcFull(url, 'eth_sendRawTransaction', [b.raw]);
      return { ...b, response: r };
    },
    /** signed read: returns {result (decrypted hex) | error, raw response} */
    async signedCall(o, method = 'eth_call') {
      const b = await build({ ...o, signedRead: o.signedRead ?? true });
      const params = method === 'eth_call' ? [b.raw, 'latest'] : [b.raw];
      const r = await rpcFull(url, method, params);
      const out = { ...b, response: r };
      if (r.error) {
        if (typeof r.error.data === 'string' && r.error.data !== '0x')
          out.revertData = decryptResponse(keys.responseKey, b.fields.encryptionNonce, r.error.data, b.aad);
        return out;
      }
      out.result = method === 'eth_call' ? decryptResponse(keys.responseKey, b.fields.encryptionNonce, r.result, b.aad) : r.result;
      return out;
    },
  };
}

/** §2.7 legacy response and §2.9 v1 envelope (tried first when it looks like one). */
export function decryptResponse(key, nonceHex, r, aadHex) {
  if (r === '0x') return '0x';
  const b = u8(r);
  if (b.length >= 29 && b[0] === 1) {
    try {
      const iv = b.subarray(1, 13);
      return bytesToHex(gcm(key, iv, u8(concatHex([aadHex, '0x01']))).decrypt(b.subarray(13)));
    } catch {}
  }
  return gcmDecrypt(key, nonceHex, r, aadHex);
}
