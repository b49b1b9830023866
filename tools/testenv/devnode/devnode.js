#!/usr/bin/env node
// Seismic-compatible dev node: a JSON-RPC proxy in front of a real Anvil that speaks the
// Seismic client protocol (shared/spec/seismic-protocol.md §1–3, §5, §6.2).
//
// Usage:
//   node tools/testenv/devnode/devnode.js --port P (--anvil-url http://127.0.0.1:A | --spawn-anvil)
//        [--chain-id 31337] [--host 127.0.0.1] [--tls-cert F --tls-key F]
//        [--response-format legacy|v1] [--no-predeploys] [--exit-with-parent] [--verbose]
// Port 0 picks a free port. When ready, prints exactly one line to stdout:
//   devnode listening on http://127.0.0.1:P      (https:// with --tls-cert/--tls-key)
// HTTP JSON-RPC (single + batch) and WebSocket (upgrade on the same port) are served together.
//
// Seismic behaviour (TEE key = sanvil's, spec §3.1):
//   seismic_getTeePublicKey            -> 33-byte compressed TEE public key (0x hex)
//   eth_sendRawTransaction 0x4a…       -> verify + decrypt, execute the plaintext as the sender on
//                                         Anvil (anvil_impersonateAccount + eth_sendTransaction, same
//                                         nonce/gas/gasPrice/value/to), per-sender nonce ordering;
//                                         result = keccak(raw) (the 0x4a hash)
//   eth_call ["0x4a…", tag?]           -> signed read (signedRead must be true); result encrypted with
//                                         the response key (§2.7, or §2.9 "v1" with --response-format v1);
//                                         revert -> error {code 3, "execution reverted", data: encrypted}
//   eth_estimateGas ["0x4a…"]          -> signed estimate (signedRead must be true); revert data encrypted
//   typed-data envelopes {data: TypedData, signature} (§3.2–3.4) are accepted for the three
//                                         methods above: converted to the identical raw v2 tx
//   eth_call [{…}, tag]                -> `from` stripped; to = 0x…64..0x…69 answered off-chain (precompiles)
//   eth_getTransactionByHash/Receipt   -> Seismic view for 0x4a hashes (type 0x4a, input = ciphertext)
//   eth_getBlockBy*/eth_getLogs/logs   -> anvil tx hashes of shielded txs replaced by their 0x4a hashes
//   eth_subscribe/eth_unsubscribe (WS) -> forwarded to Anvil over a WS connection per client connection;
//                                         if that one closes (anvil restarted), the client connection is
//                                         closed with code 1012 after failing its calls in flight
//   everything else                    -> passed through to Anvil
//
// Test helpers (dev-only methods):
//   devnode_setFault [{"failNext": N, "status": 503}]
//       The next N HTTP requests (after this one) are answered with HTTP status `status`
//       (default 503) and a JSON-RPC error body, without being processed. With status 429 the
//       response carries a `Retry-After: 1` header. failNext 0 clears the fault. WS is unaffected.
//   devnode_setResponseFormat ["legacy" | "v1"]   switch the signed-read response format at runtime.
//   devnode_getPlaintext ["0x4a hash"]            -> {sender, to, nonce, data (plaintext), anvilHash}
//   devnode_setAnswerDelay [ms]   anvil's answers to the eth_sendTransaction of shielded transactions are held
//       for ms before the node takes them in (0: off): anvil has mined and announced the transaction by then,
//       so a test sees that window every time instead of by chance.
//
// Transaction hashes: anvil mines a shielded transaction's plaintext twin and announces its logs and head over
// its WebSocket before it answers the eth_sendTransaction that tells the node the twin's hash. Every answer
// that names transactions (logs, blocks, receipts, filter results, subscription notifications) therefore waits
// for the sends that were in flight when anvil produced it, and is rewritten after them: clients only ever
// see 0x4a hashes for shielded transactions, also when an anvil restarted with fresh state mines a twin with
// the same hash as one of before the restart (the newer mapping replaces the stale one first).
import http from 'node:http';
import https from 'node:https';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, WebSocket } from 'ws';
import { gcm } from '@noble/ciphers/aes.js';
import {
  SANVIL_TEE_SK,
  SeismicError,
  decodeSeismicTx,
  recoverSender,
  encodeAad,
  deriveKeys,
  aesGcmEncrypt,
  aesGcmDecrypt,
  teePublicKey,
  hex,
  unhex,
  qty,
  concatBytes,
  typedDataToRaw,
} from './lib/seismic.js';
import { PRECOMPILES, runPrecompile } from './lib/precompiles.js';
import { anvilPath } from '../anvil-path.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DIRECTORY_ADDRESS = '0x1000000000000000000000000000000000000004';
const RECENT_BLOCKS = 100n;
const GAP_WAIT_MS = 3000; // how long a tx whose nonce is ahead waits for the earlier ones

// ---------------------------------------------------------------- args
function parseArgs(argv) {
  const o = {
    port: 8545,
    host: '127.0.0.1',
    chainId: 31337,
    anvilUrl: null,
    spawnAnvil: false,
    tlsCert: null,
    tlsKey: null,
    responseFormat: 'legacy',
    predeploys: true,
    exitWithParent: false,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--port': o.port = Number(next()); break;
      case '--host': o.host = next(); break;
      case '--chain-id': o.chainId = Number(next()); break;
      case '--anvil-url': o.anvilUrl = next(); break;
      case '--spawn-anvil': o.spawnAnvil = true; break;
      case '--tls-cert': o.tlsCert = next(); break;
      case '--tls-key': o.tlsKey = next(); break;
      case '--response-format': o.responseFormat = next(); break;
      case '--no-predeploys': o.predeploys = false; break;
      case '--exit-with-parent': o.exitWithParent = true; break;
      case '--verbose': o.verbose = true; break;
      case '-h': case '--help':
        console.log('usage: devnode.js --port P (--anvil-url URL | --spawn-anvil) [--chain-id N] [--tls-cert F --tls-key F] [--response-format legacy|v1] [--no-predeploys] [--exit-with-parent]');
        process.exit(0);
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.anvilUrl && !o.spawnAnvil) throw new Error('need --anvil-url URL or --spawn-anvil');
  if (!!o.tlsCert !== !!o.tlsKey) throw new Error('--tls-cert and --tls-key go together');
  if (!['legacy', 'v1'].includes(o.responseFormat)) throw new Error('--response-format must be legacy or v1');
  return o;
}

// Pass-through methods whose results name transactions by hash.
const NAMES_TRANSACTIONS = new Set([
  'eth_getLogs',
  'eth_getFilterLogs',
  'eth_getFilterChanges',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getTransactionReceipt',
  'eth_getBlockReceipts',
]);

// ---------------------------------------------------------------- upstream
class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

function makeUpstream(url) {
  let nextId = 1;
  async function raw(body) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new RpcError(-32603, `anvil answered HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
  }
  async function call(method, params = []) {
    const r = await raw({ jsonrpc: '2.0', id: nextId++, method, params });
    if (r.error) throw new RpcError(r.error.code, r.error.message, r.error.data);
    return r.result;
  }
  return { raw, call };
}

// ---------------------------------------------------------------- anvil spawn
function spawnAnvil(chainId, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      anvilPath(),
      ['--host', '127.0.0.1', '--port', '0', '--chain-id', String(chainId)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buf = '';
    let done = false;
    const t = setTimeout(() => {
      if (!done) {
        done = true;
        child.kill('SIGKILL');
        reject(new Error('anvil did not start within 30s'));
      }
    }, 30000);
    child.stdout.on('data', (d) => {
      if (done) return;
      buf += d.toString();
      const m = buf.match(/Listening on ([\d.]+):(\d+)/);
      if (m) {
        done = true;
        clearTimeout(t);
        resolve({ child, url: `http://127.0.0.1:${m[2]}`, port: Number(m[2]) });
      }
    });
    child.stderr.on('data', (d) => log(`anvil: ${d}`));
    child.on('exit', (code) => {
      if (!done) {
        done = true;
        clearTimeout(t);
        reject(new Error(`anvil exited early (code ${code}): ${buf.slice(-500)}`));
      }
    });
  });
}

// ---------------------------------------------------------------- the node
export async function startDevnode(opts) {
  const log = opts.verbose ? (...a) => console.error('[devnode]', ...a) : () => {};
  let anvilChild = null;
  let anvilUrl = opts.anvilUrl;
  if (opts.spawnAnvil) {
    const a = await spawnAnvil(opts.chainId, log);
    anvilChild = a.child;
    anvilUrl = a.url;
    process.on('exit', () => {
      try {
        if (anvilChild.exitCode === null) anvilChild.kill('SIGKILL');
      } catch {}
    });
    console.error(`devnode: spawned anvil pid ${a.child.pid} on ${anvilUrl}`);
  }
  const up = makeUpstream(anvilUrl);
  const anvilWsUrl = anvilUrl.replace(/^http/, 'ws');

  const teeSk = unhex(SANVIL_TEE_SK);
  const teePk = teePublicKey(SANVIL_TEE_SK);
  const chainId = BigInt(opts.chainId);
  let responseFormat = opts.responseFormat;
  let fault = { remaining: 0, status: 503 };
  let answerDelayMs = 0;

  // wait for anvil and check its chain id
  for (let i = 0; ; i++) {
    try {
      const cid = BigInt(await up.call('eth_chainId'));
      if (cid !== chainId) throw new Error(`anvil chain id ${cid} != --chain-id ${chainId}`);
      break;
    } catch (e) {
      if (e.message.includes('chain id') || i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (opts.predeploys) await installPredeploys(up, log);

  // ------------------------------------------------ shielded tx bookkeeping
  const seismicTxs = new Map(); // 0x4a hash -> record
  const anvilToSeismic = new Map(); // anvil hash -> 0x4a hash
  const queues = new Map(); // sender -> SenderQueue
  const sendsInFlight = new Set(); // eth_sendTransaction calls whose anvil hash is not mapped yet

  // What an answer naming transactions waits for before it is rewritten: the sends in flight now (those
  // started later cannot be in an answer anvil has already produced). null when there are none.
  function mappingsSettled() {
    return sendsInFlight.size ? Promise.allSettled([...sendsInFlight]) : null;
  }

  function mapAnvilHash(rec, anvilHash) {
    const a = anvilHash.toLowerCase();
    const earlier = anvilToSeismic.get(a);
    if (earlier && earlier !== rec.hash) {
      // the same twin was mined before anvil restarted with fresh state: that chain, and its mapping, are gone
      const old = seismicTxs.get(earlier);
      if (old) old.anvilHash = null;
    }
    rec.anvilHash = a;
    anvilToSeismic.set(a, rec.hash);
  }

  async function checkFreshness(tx) {
    if (tx.chainId !== chainId) throw new SeismicError(`invalid chain id: tx has ${tx.chainId}, node is ${chainId}`);
    const latest = BigInt(await up.call('eth_blockNumber'));
    if (tx.expiresAtBlock < latest)
      throw new SeismicError(`seismic transaction expired: expiresAtBlock ${tx.expiresAtBlock} < current block ${latest}`);
    const blk = await up.call('eth_getBlockByHash', [hex(tx.recentBlockHash), false]);
    if (!blk) throw new SeismicError(`recentBlockHash ${hex(tx.recentBlockHash)} is not a block of this chain`);
    const n = BigInt(blk.number);
    if (latest - n >= RECENT_BLOCKS)
      throw new SeismicError(
        `recentBlockHash is too old: block ${n} is more than ${RECENT_BLOCKS} blocks behind current block ${latest}`,
      );
  }

  // decode + verify + decrypt; common to writes, signed reads and signed estimates
  async function openSeismic(rawHex, { wantSignedRead }) {
    const tx = decodeSeismicTx(rawHex);
    if (wantSignedRead && !tx.signedRead)
      throw new SeismicError('signed eth_call/eth_estimateGas requires signedRead = true');
    if (!wantSignedRead && tx.signedRead)
      throw new SeismicError('signedRead = true is not allowed for eth_sendRawTransaction (signed reads are eth_call only)');
    if (!tx.to) throw new SeismicError('seismic transactions cannot create contracts (to is empty)');
    const sender = recoverSender(tx);
    await checkFreshness(tx);
    const keys = deriveKeys(teeSk, tx.encryptionPubkey);
    const aad = encodeAad(tx, sender);
    let plaintext;
    try {
      plaintext = aesGcmDecrypt(keys.requestKey, tx.encryptionNonceBytes, tx.input, aad);
    } catch {
      throw new SeismicError(
        'failed to decrypt seismic calldata: AES-GCM authentication failed (invalid tag: wrong encryption key, nonce or AAD)',
      );
    }
    return { tx, sender, keys, aad, plaintext };
  }

  function encryptResponse(o, data) {
    const pt = unhex(data || '0x');
    if (responseFormat === 'v1') {
      const iv = new Uint8Array(randomBytes(12));
      const aad = concatBytes(o.aad, new Uint8Array([1]));
      return hex(concatBytes(new Uint8Array([1]), iv, gcm(o.keys.responseKey, iv, aad).encrypt(pt)));
    }
    if (pt.length === 0) return '0x';
    return hex(aesGcmEncrypt(o.keys.responseKey, o.tx.encryptionNonceBytes, pt, o.aad));
  }

  function revertError(o, e) {
    // anvil reverts: code 3, data = revert bytes (hex). Other errors pass unchanged.
    if (e instanceof RpcError && (e.code === 3 || typeof e.data === 'string')) {
      const data = typeof e.data === 'string' ? e.data : typeof e.data?.data === 'string' ? e.data.data : '0x';
      return new SeismicError('execution reverted', 3, encryptResponse(o, data));
    }
    return e;
  }

  class SenderQueue {
    constructor(sender) {
      this.sender = sender;
      this.waiting = new Map(); // nonce(bigint) -> [items]
      this.running = false;
      this.wake = null;
    }
    add(item) {
      const k = item.nonce;
      if (!this.waiting.has(k)) this.waiting.set(k, []);
      this.waiting.get(k).push(item);
      if (this.wake) this.wake();
      this.pump();
    }
    take(n) {
      const arr = this.waiting.get(n);
      const it = arr.shift();
      if (!arr.length) this.waiting.delete(n);
      return it;
    }
    async pump() {
      if (this.running) return;
      this.running = true;
      try {
        while (this.waiting.size) {
          let p;
          try {
            p = BigInt(await up.call('eth_getTransactionCount', [this.sender, 'pending']));
          } catch (e) {
            for (const arr of this.waiting.values()) for (const it of arr) it.reject(e);
            this.waiting.clear();
            break;
          }
          for (const n of [...this.waiting.keys()]) {
            if (n < p) {
              for (const it of this.waiting.get(n))
                it.reject(new SeismicError(`nonce too low: next nonce ${p}, tx nonce ${n}`));
              this.waiting.delete(n);
            }
          }
          if (!this.waiting.size) break;
          if (this.waiting.has(p)) {
            await this.send(this.take(p));
            continue;
          }
          const min = [...this.waiting.keys()].reduce((a, b) => (a < b ? a : b));
          const oldest = this.waiting.get(min)[0];
          const left = oldest.arrived + GAP_WAIT_MS - Date.now();
          if (left > 0) {
            await new Promise((r) => {
              const t = setTimeout(r, left);
              this.wake = () => {
                clearTimeout(t);
                r();
              };
            });
            this.wake = null;
            continue;
          }
          // gap not filled in time: hand it to anvil anyway (it keeps future nonces queued, like geth)
          await this.send(this.take(min));
        }
      } finally {
        this.running = false;
      }
    }
    async send(item) {
      try {
        item.resolve(await executeAsSender(item.o, item.rec));
      } catch (e) {
        item.reject(e);
      }
    }
  }

  // Runs the plaintext twin on anvil and maps its hash; in sendsInFlight from before the request leaves
  // until the mapping is set.
  async function executeAsSender(o, rec) {
    const { tx, sender, plaintext } = o;
    await up.call('anvil_impersonateAccount', [sender]);
    const sending = (async () => {
      const anvilHash = await up.call('eth_sendTransaction', [
        {
          from: sender,
          to: tx.to,
          nonce: qty(tx.nonce),
          gas: qty(tx.gas),
          gasPrice: qty(tx.gasPrice),
          value: qty(tx.value),
          data: hex(plaintext),
        },
      ]);
      if (answerDelayMs > 0) await new Promise((r) => setTimeout(r, answerDelayMs));
      mapAnvilHash(rec, anvilHash);
      return anvilHash;
    })();
    sendsInFlight.add(sending);
    try {
      return await sending;
    } finally {
      sendsInFlight.delete(sending);
      await up.call('anvil_stopImpersonatingAccount', [sender]).catch(() => {});
    }
  }

  async function sendShielded(rawHex) {
    const o = await openSeismic(rawHex, { wantSignedRead: false });
    const h = hex(o.tx.hash);
    if (seismicTxs.has(h)) throw new SeismicError('already known');
    const rec = { ...o, hash: h, anvilHash: null };
    seismicTxs.set(h, rec);
    let q = queues.get(o.sender);
    if (!q) queues.set(o.sender, (q = new SenderQueue(o.sender)));
    try {
      const anvilHash = await new Promise((resolve, reject) =>
        q.add({ nonce: o.tx.nonce, o, rec, resolve, reject, arrived: Date.now() }),
      );
      log(`shielded tx ${h} from ${o.sender} nonce ${o.tx.nonce} -> anvil ${anvilHash}`);
      return h;
    } catch (e) {
      seismicTxs.delete(h);
      throw e;
    }
  }

  async function signedCall(params, method) {
    const o = await openSeismic(params[0], { wantSignedRead: true });
    const call = { from: o.sender, to: o.tx.to, data: hex(o.plaintext), value: qty(o.tx.value) };
    if (o.tx.gas > 0n) call.gas = qty(o.tx.gas);
    try {
      if (method === 'eth_call') {
        const r = await up.call('eth_call', [call, params[1] ?? 'latest']);
        return encryptResponse(o, r);
      }
      return await up.call('eth_estimateGas', [call]);
    } catch (e) {
      throw revertError(o, e);
    }
  }

  function seismicView(rec, anvilTx) {
    const { tx } = rec;
    return {
      type: '0x4a',
      hash: rec.hash,
      from: rec.sender.toLowerCase(),
      to: tx.to.toLowerCase(),
      nonce: qty(tx.nonce),
      gas: qty(tx.gas),
      gasPrice: qty(tx.gasPrice),
      value: qty(tx.value),
      input: hex(tx.input),
      chainId: qty(tx.chainId),
      encryptionPubkey: hex(tx.encryptionPubkey),
      encryptionNonce: qty(tx.encryptionNonce),
      messageVersion: qty(tx.messageVersion),
      recentBlockHash: hex(tx.recentBlockHash),
      expiresAtBlock: qty(tx.expiresAtBlock),
      signedRead: tx.signedRead,
      authorizationList: [],
      yParity: qty(tx.yParity),
      v: qty(tx.yParity),
      r: qty(tx.r),
      s: qty(tx.s),
      blockHash: anvilTx?.blockHash ?? null,
      blockNumber: anvilTx?.blockNumber ?? null,
      transactionIndex: anvilTx?.transactionIndex ?? null,
    };
  }

  function rewriteLog(l) {
    if (l && typeof l === 'object' && typeof l.transactionHash === 'string') {
      const s = anvilToSeismic.get(l.transactionHash.toLowerCase());
      if (s) return { ...l, transactionHash: s };
    }
    return l;
  }

  function rewriteReceipt(r) {
    if (!r || typeof r !== 'object') return r;
    const s = typeof r.transactionHash === 'string' ? anvilToSeismic.get(r.transactionHash.toLowerCase()) : null;
    const logs = (r.logs || []).map(rewriteLog);
    return s ? { ...r, transactionHash: s, type: '0x4a', logs } : { ...r, logs };
  }

  // An element of a filter's results or a subscription notification: a log, a transaction hash, or
  // something else (a block hash, a head) passed unchanged.
  function rewriteItem(x) {
    if (typeof x === 'string') return anvilToSeismic.get(x.toLowerCase()) ?? x;
    return rewriteLog(x);
  }

  async function rewriteBlock(b) {
    if (!b || !Array.isArray(b.transactions)) return b;
    const txs = await Promise.all(
      b.transactions.map(async (t) => {
        if (typeof t === 'string') return anvilToSeismic.get(t.toLowerCase()) ?? t;
        const s = anvilToSeismic.get(t.hash.toLowerCase());
        return s ? seismicView(seismicTxs.get(s), t) : t;
      }),
    );
    return { ...b, transactions: txs };
  }

  // ------------------------------------------------ dispatcher
  async function dispatch(method, params, ctx) {
    switch (method) {
      case 'seismic_getTeePublicKey':
        return hex(teePk);
      case 'devnode_setFault': {
        const p = params?.[0] ?? {};
        const status = Number(p.status ?? 503);
        if (!(status >= 400 && status <= 599)) throw new SeismicError('devnode_setFault: status must be 4xx/5xx', -32602);
        fault = { remaining: Math.max(0, Number(p.failNext ?? 0)), status };
        return true;
      }
      case 'devnode_setResponseFormat': {
        const f = params?.[0];
        if (!['legacy', 'v1'].includes(f)) throw new SeismicError('format must be "legacy" or "v1"', -32602);
        responseFormat = f;
        return true;
      }
      case 'devnode_setAnswerDelay': {
        const ms = Number(params?.[0] ?? 0);
        if (!(ms >= 0 && ms <= 60000)) throw new SeismicError('devnode_setAnswerDelay: ms must be 0..60000', -32602);
        answerDelayMs = ms;
        return true;
      }
      case 'devnode_getPlaintext': {
        const rec = seismicTxs.get(String(params?.[0]).toLowerCase());
        if (!rec) return null;
        return { sender: rec.sender, to: rec.tx.to, nonce: qty(rec.tx.nonce), data: hex(rec.plaintext), anvilHash: rec.anvilHash };
      }
      case 'eth_sendRawTransaction':
        if (typeof params?.[0] === 'string' && /^0x4a/i.test(params[0])) return sendShielded(params[0]);
        if (params?.[0] && typeof params[0] === 'object') return sendShielded(typedDataToRaw(params[0]));
        break;
      case 'eth_call':
      case 'eth_estimateGas': {
        if (typeof params?.[0] === 'string') {
          if (/^0x4a/i.test(params[0])) return signedCall(params, method);
          throw new SeismicError(`${method}: a string parameter must be a signed seismic (0x4a) transaction`, -32602);
        }
        if (params?.[0] && typeof params[0] === 'object') {
          if ('signature' in params[0] && params[0].data && typeof params[0].data === 'object')
            return signedCall([typedDataToRaw(params[0]), ...params.slice(1)], method);
          if (method === 'eth_call') {
            const { from, ...rest } = params[0]; // the Seismic node zeroes `from` on unsigned calls
            const pc = rest.to && PRECOMPILES[rest.to.toLowerCase()];
            if (pc) return hex(runPrecompile(pc, unhex(rest.data ?? rest.input ?? '0x')));
            params = [rest, ...params.slice(1)];
          }
        }
        break;
      }
      case 'eth_getTransactionByHash': {
        const rec = seismicTxs.get(String(params?.[0]).toLowerCase());
        if (rec) {
          const anvilTx = rec.anvilHash ? await up.call('eth_getTransactionByHash', [rec.anvilHash]) : null;
          return seismicView(rec, anvilTx);
        }
        break;
      }
      case 'eth_getTransactionReceipt': {
        const rec = seismicTxs.get(String(params?.[0]).toLowerCase());
        if (rec) {
          if (!rec.anvilHash) return null;
          const r = await up.call('eth_getTransactionReceipt', [rec.anvilHash]);
          if (!r) return null;
          return { ...r, transactionHash: rec.hash, type: '0x4a', logs: (r.logs || []).map(rewriteLog) };
        }
        break;
      }
      case 'eth_subscribe':
      case 'eth_unsubscribe':
        if (!ctx.ws) throw new SeismicError(`${method} is only available over WebSocket`, -32601);
        return ctx.ws.forward(method, params);
    }
    // pass-through
    const r = await up.raw({ jsonrpc: '2.0', id: 1, method, params: params ?? [] });
    if (r.error) throw new RpcError(r.error.code, r.error.message, r.error.data);
    let result = r.result;
    if (!NAMES_TRANSACTIONS.has(method) || result === null || result === undefined) return result;
    const settled = mappingsSettled();
    if (settled) await settled;
    if (method === 'eth_getBlockByNumber' || method === 'eth_getBlockByHash') return rewriteBlock(result);
    if (method === 'eth_getTransactionReceipt') return { ...result, logs: (result.logs || []).map(rewriteLog) };
    if (method === 'eth_getBlockReceipts') return Array.isArray(result) ? result.map(rewriteReceipt) : result;
    return Array.isArray(result) ? result.map(rewriteItem) : result; // eth_getLogs, eth_getFilterLogs/Changes
  }

  async function handleOne(req, ctx) {
    if (!req || typeof req !== 'object' || Array.isArray(req) || typeof req.method !== 'string')
      return { jsonrpc: '2.0', id: req?.id ?? null, error: { code: -32600, message: 'invalid request' } };
    const isNotification = !('id' in req);
    try {
      const result = await dispatch(req.method, req.params, ctx);
      if (isNotification) return null;
      return { jsonrpc: '2.0', id: req.id, result: result === undefined ? null : result };
    } catch (e) {
      if (isNotification) return null;
      const error = { code: typeof e.code === 'number' ? e.code : -32603, message: e.message || String(e) };
      if (e.data !== undefined) error.data = e.data;
      log(`${req.method} -> error ${error.message}`);
      return { jsonrpc: '2.0', id: req.id, error };
    }
  }

  async function handlePayload(body, ctx) {
    let msg;
    try {
      msg = JSON.parse(body);
    } catch {
      return { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } };
    }
    if (Array.isArray(msg)) {
      if (!msg.length) return { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'invalid request: empty batch' } };
      const out = (await Promise.all(msg.map((m) => handleOne(m, ctx)))).filter((x) => x);
      return out.length ? out : null;
    }
    return handleOne(msg, ctx);
  }

  // ------------------------------------------------ HTTP server
  const onRequest = (req, res) => {
    if (fault.remaining > 0) {
      fault.remaining--;
      const headers = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['retry-after'] = '1';
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: `devnode injected fault (HTTP ${fault.status})` } }));
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(req.method === 'GET' ? 200 : 405, { 'content-type': 'text/plain' });
      res.end(req.method === 'GET' ? 'seismic devnode: POST JSON-RPC here\n' : 'method not allowed\n');
      req.resume();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const out = await handlePayload(Buffer.concat(chunks).toString('utf8'), {});
      if (out === null) {
        res.writeHead(204);
        res.end();
        return;
      }
      const body = JSON.stringify(out);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  };
  const tls = opts.tlsCert ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) } : null;
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  server.keepAliveTimeout = 5000;

  // ------------------------------------------------ WebSocket
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  // Subscriptions go over one WS connection to anvil per client connection. If that upstream socket
  // closes while the client is still connected (anvil restarted or died), the client's subscriptions
  // are gone for good, so the devnode fails the calls in flight on it with a JSON-RPC error and then
  // closes the client connection with 1012 (service restart): the client reconnects and subscribes
  // again. If the upstream cannot be opened at all (anvil down), only that call fails and the next
  // eth_subscribe/eth_unsubscribe tries again.
  wss.on('connection', (ws) => {
    let upstream = null; // lazily opened WS to anvil for subscriptions
    let upReady = null;
    let upId = 1;
    let clientGone = false;
    let upstreamLost = false; // the upstream died after it was open: this connection is closing (1012)
    let delivering = Promise.resolve(); // notifications in anvil's order, each after the sends in flight when it came
    const pending = new Map();
    const failPending = (msg) => {
      for (const p of pending.values()) p.reject(new RpcError(-32603, msg));
      pending.clear();
    };
    const openUpstream = () => {
      if (upReady) return upReady;
      const sock = new WebSocket(anvilWsUrl);
      let opened = false;
      upstream = sock;
      upReady = new Promise((resolve, reject) => {
        sock.once('open', () => {
          opened = true;
          resolve();
        });
        sock.once('error', (e) => reject(new RpcError(-32603, `cannot open websocket to anvil: ${e.message}`)));
      });
      upReady.catch(() => {});
      sock.on('message', (data) => {
        let m;
        try {
          m = JSON.parse(data.toString());
        } catch {
          return;
        }
        if (m.method === 'eth_subscription') {
          const settled = mappingsSettled();
          delivering = delivering
            .then(async () => {
              if (settled) await settled;
              const out = m.params ? { ...m, params: { ...m.params, result: rewriteItem(m.params.result) } } : m;
              if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(out));
            })
            .catch((e) => log(`notification not delivered: ${e.message}`)); // the next ones still are
          return;
        }
        const p = pending.get(m.id);
        if (p) {
          pending.delete(m.id);
          if (m.error) p.reject(new RpcError(m.error.code, m.error.message, m.error.data));
          else p.resolve(m.result);
        }
      });
      sock.on('error', (e) => log(`anvil websocket error: ${e.message}`));
      sock.on('close', () => {
        if (upstream !== sock) return;
        upstream = null;
        upReady = null;
        failPending('anvil websocket closed');
        if (!opened || clientGone) return; // never connected: the next call retries
        upstreamLost = true;
        log('anvil websocket closed; closing the client websocket (1012)');
        // after the error responses of the failed calls (microtasks) have been queued
        setImmediate(() => {
          if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
            ws.close(1012, 'upstream websocket closed (anvil restarted); reconnect');
        });
      });
      return upReady;
    };
    const ctx = {
      ws: {
        forward: async (method, params) => {
          // the subscriptions are gone and the 1012 close is queued: fail calls arriving meanwhile the
          // same way instead of opening a new upstream for a connection that is being closed
          if (upstreamLost) throw new RpcError(-32603, 'anvil websocket closed');
          await openUpstream();
          const sock = upstream;
          if (!sock || sock.readyState !== WebSocket.OPEN) throw new RpcError(-32603, 'anvil websocket closed');
          const id = upId++;
          return new Promise((resolve, reject) => {
            pending.set(id, { resolve, reject });
            sock.send(JSON.stringify({ jsonrpc: '2.0', id, method, params: params ?? [] }), (err) => {
              if (err && pending.delete(id)) reject(new RpcError(-32603, `anvil websocket send failed: ${err.message}`));
            });
          });
        },
      },
    };
    ws.on('message', async (data) => {
      const out = await handlePayload(data.toString(), ctx);
      if (out !== null && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(out));
    });
    ws.on('close', () => {
      clientGone = true;
      if (upstream) upstream.terminate();
    });
    ws.on('error', () => {});
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const port = server.address().port;
  const scheme = tls ? 'https' : 'http';
  const url = `${scheme}://${opts.host}:${port}`;

  let closed = false;
  async function close() {
    if (closed) return;
    closed = true;
    for (const c of wss.clients) c.terminate();
    wss.close();
    server.closeAllConnections?.();
    await new Promise((r) => server.close(() => r()));
    if (anvilChild && anvilChild.exitCode === null) {
      anvilChild.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          anvilChild.kill('SIGKILL');
          r();
        }, 2000);
        anvilChild.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
  return { url, port, anvilUrl, anvilChild, close };
}

// ---------------------------------------------------------------- predeploys
async function installPredeploys(up, log) {
  const artifactsPath = path.join(HERE, 'contracts', 'artifacts.json');
  if (!existsSync(artifactsPath)) {
    console.error('devnode: contracts/artifacts.json missing; Directory/precompile stand-ins not installed');
    return;
  }
  const art = JSON.parse(readFileSync(artifactsPath, 'utf8'));
  const installs = [
    [DIRECTORY_ADDRESS, 'Directory'],
    ['0x0000000000000000000000000000000000000064', 'RngPrecompile'],
    ['0x0000000000000000000000000000000000000066', 'AesGcmEncryptPrecompile'],
    ['0x0000000000000000000000000000000000000067', 'AesGcmDecryptPrecompile'],
  ];
  for (const [addr, name] of installs) {
    const c = art.contracts?.[name];
    if (!c?.deployedBytecode) {
      console.error(`devnode: artifact ${name} missing; not installed at ${addr}`);
      continue;
    }
    await up.call('anvil_setCode', [addr, c.deployedBytecode]);
    log(`installed ${name} at ${addr}`);
  }
}

// ---------------------------------------------------------------- main
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let node;
  const shutdown = async (code) => {
    try {
      if (node) await node.close();
    } finally {
      process.exit(code);
    }
  };
  try {
    const opts = parseArgs(process.argv.slice(2));
    node = await startDevnode(opts);
    process.on('SIGTERM', () => shutdown(0));
    process.on('SIGINT', () => shutdown(0));
    process.on('SIGHUP', () => shutdown(0));
    process.on('uncaughtException', (e) => {
      console.error(`devnode: uncaught ${e.stack || e}`);
      shutdown(1);
    });
    if (opts.exitWithParent) {
      const ppid = process.ppid;
      setInterval(() => {
        if (process.ppid !== ppid) shutdown(0);
      }, 500).unref();
    }
    console.log(`devnode listening on ${node.url}`);
  } catch (e) {
    console.error(`devnode: ${e.message}`);
    await shutdown(1);
  }
}
