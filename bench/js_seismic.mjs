#!/usr/bin/env node
// JavaScript side of the end-to-end Seismic benchmark (the C side is seismic.h's): viem + @noble.
//
//   node bench/js_seismic.mjs --url DEVNODE_HTTP_URL [--writes 200] [--reads 500] [--concurrency 64]
//        [--private-key 0x…] [--contract 0x…] [--gas 200000] [--estimate] [--meta-every 1]
//        [--message-version 0|2] [--sign-only N] [--warmup 50]
//   node bench/js_seismic.mjs --sign-only 20000          (no network: only the build-sign-only phase)
//
// The Seismic encoder is the devnode testkit's (tools/testenv/devnode/testkit/helpers.js: ECDH + HKDF keys,
// 11-field RLP AAD, AES-256-GCM, RLP + keccak or EIP-712 digest, secp256k1 via viem/@noble), written
// from shared/spec/seismic-protocol.md independently of seismic.h. JSON-RPC goes through viem's http
// transport (client.request, no batching, retryCount 0 so every error is counted).
//
// Setup (not measured): eth_chainId; unless --contract, deploy SeismicCounter from
// tools/testenv/devnode/contracts/artifacts.json with a plain viem deployContract; the client encryption key
// pair is random and its ECDH/HKDF keys are derived once; eth_getTransactionCount(sender, "pending")
// is fetched once and then incremented locally. Then --warmup (default 50) signed reads of getNumber()
// (same code path as the signed-reads phase, C in flight, not measured) warm up the JIT, noble's
// precomputed tables and the HTTP connection pool.
//
// Phase "shielded-writes": N x setNumber(suint256) (selector 0x24a7f0b7, value = first + i), at most
// C in flight from one account, nonce = pending + i. Each write:
//   1. metadata: eth_getBlockByNumber("latest") + eth_gasPrice, both sent at once. With --meta-every K
//      (default 1 = fetched for every write) one fetch is shared by K consecutive writes. Every write
//      mines a block on the devnode (anvil automine) and recentBlockHash must be within 100 blocks, so
//      K + C must stay below ~95 (a cached block is at most about K + C blocks old when it arrives);
//   2. with --estimate only: the estimate twin of spec §3.7 step 4 — a fresh eth_getBlockByNumber
//      ("latest"; its hash, number and gasLimit), fresh encryption nonce, signedRead = true,
//      gas = block gasLimit, same gasPrice and (local) nonce, encrypt, sign, eth_estimateGas([raw]);
//      the result is the gas of the write, unchanged. Without --estimate, gas = --gas (200000);
//   3. fresh encryption nonce, AAD, encrypt, sign, eth_sendRawTransaction.
// Then all receipts are fetched (eth_getTransactionReceipt, polled every 20 ms while null, C in
// flight) and each must have status 0x1. The phase time runs from the first write to the last receipt.
//
// Phase "signed-reads": M x getNumber() (0xf2c9ecd8) signed reads, at most C in flight: metadata as
// above (block + gas price, same --meta-every sharing), signedRead = true, gas 30,000,000, nonce = the
// local next nonce, encrypt, sign, eth_call([raw, "latest"]), decrypt the result with the response key
// (spec §2.7, or §2.9 v1 when the node answers in that format) and check it is the last value written
// (any 32-byte value when --writes 0).
//
// Phase "build-sign-only" (--sign-only N): the client cost of one shielded write, no network — the JS
// twin of bench/micro.c's "signed shielded transaction (precomputed keys)": keys derived once, then
// per tx nonce++, fresh encryption nonce, AAD, AES-GCM of 68 bytes of calldata, signature, RLP encode
// and tx hash (chain 31337, gasPrice 1 gwei, gas 100000, expiresAtBlock 100). 200 warm-up txs first.
//
// Output: one JSON line per phase,
//   {"client":"js (viem+noble)","phase":…,"ops":N,"seconds":S,"opsPerSecond":X,"cpuMsPerOp":Y,"errors":E,…}
// (+ "usPerOp" for build-sign-only). cpuMsPerOp = user + system CPU of this process (process.cpuUsage)
// during the phase / ops. Exit status 1 if any phase had an error.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', 'tools', 'testenv', 'package.json'));
const { createPublicClient, createWalletClient, http, defineChain, getAddress, bytesToHex } = require('viem');
const { privateKeyToAccount } = require('viem/accounts');
const kit = await import(path.join(HERE, '..', 'tools', 'testenv', 'devnode', 'testkit', 'helpers.js'));
const { clientKeys, aad, gcmEncrypt, signTx, decryptResponse, randomEncryptionNonce, ARTIFACTS, PK0, PK_TEE, SK_TEE } = kit;

const CLIENT = 'js (viem+noble)';
const SEL_SET_NUMBER = '0x24a7f0b7';
const SEL_GET_NUMBER = '0xf2c9ecd8';
const READ_GAS = 30_000_000n;

function parse(argv) {
  const o = {
    url: null, writes: 200, reads: 500, concurrency: 64, privateKey: PK0, contract: null, gas: 200000n,
    estimate: false, metaEvery: 1, messageVersion: 0, signOnly: 0, warmup: 50,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--url': o.url = next(); break;
      case '--writes': o.writes = Number(next()); break;
      case '--reads': o.reads = Number(next()); break;
      case '--concurrency': o.concurrency = Number(next()); break;
      case '--private-key': o.privateKey = next(); break;
      case '--contract': o.contract = getAddress(next()); break;
      case '--gas': o.gas = BigInt(next()); break;
      case '--estimate': o.estimate = true; break;
      case '--meta-every': o.metaEvery = Number(next()); break;
      case '--message-version': o.messageVersion = Number(next()); break;
      case '--sign-only': o.signOnly = Number(next()); break;
      case '--warmup': o.warmup = Number(next()); break;
      case '-h': case '--help':
        console.log('usage: js_seismic.mjs --url URL [--writes 200] [--reads 500] [--concurrency 64] [--private-key 0x..] ' +
          '[--contract 0x..] [--gas 200000] [--estimate] [--meta-every 1] [--message-version 0|2] [--sign-only N] [--warmup 50]');
        process.exit(0);
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.url && !o.signOnly) throw new Error('need --url URL (or --sign-only N alone)');
  for (const k of ['writes', 'reads', 'signOnly', 'warmup']) if (!(Number.isInteger(o[k]) && o[k] >= 0)) throw new Error(`bad --${k}`);
  if (!(Number.isInteger(o.concurrency) && o.concurrency > 0)) throw new Error('--concurrency must be > 0');
  if (!(Number.isInteger(o.metaEvery) && o.metaEvery > 0)) throw new Error('--meta-every must be > 0');
  if (![0, 2].includes(o.messageVersion)) throw new Error('--message-version must be 0 or 2');
  if (!/^0x[0-9a-fA-F]{64}$/.test(o.privateKey)) throw new Error('--private-key must be 0x + 64 hex');
  if (o.url && o.writes && o.metaEvery > 1 && o.metaEvery + o.concurrency > 95)
    console.error(`js_seismic: warning: --meta-every ${o.metaEvery} + --concurrency ${o.concurrency} > 95: ` +
      'cached recentBlockHash may fall out of the 100-block window');
  return o;
}

const u256 = (n) => BigInt(n).toString(16).padStart(64, '0');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const errText = (e) => e?.details || e?.shortMessage || e?.message || String(e);

/** Run op(i) for i in [0, n) with at most c in flight; counts errors. */
async function pool(n, c, op) {
  let next = 0;
  let errors = 0;
  let firstError = null;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      try {
        await op(i);
      } catch (e) {
        errors++;
        firstError ??= errText(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(c, n) }, worker));
  return { errors, firstError };
}

function report(phase, ops, seconds, cpu, errors, firstError, extra = {}) {
  const out = {
    client: CLIENT,
    phase,
    ops,
    seconds: Number(seconds.toFixed(6)),
    opsPerSecond: Number((ops / seconds).toFixed(1)),
    cpuMsPerOp: Number(((cpu.user + cpu.system) / 1000 / Math.max(ops, 1)).toFixed(6)),
    ...extra,
    errors,
  };
  if (firstError) out.firstError = firstError;
  console.log(JSON.stringify(out));
  return errors;
}

function measure() {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  return () => ({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: process.cpuUsage(cpu0) });
}

// ------------------------------------------------------------------ build-sign-only
async function signOnly(o) {
  const signer = privateKeyToAccount(o.privateKey);
  const keys = clientKeys(SK_TEE, PK_TEE); // derived once, like micro.c (client key = SK_TEE there too)
  const calldata = SEL_SET_NUMBER + '00'.repeat(64); // 68 bytes, as micro.c
  const f = {
    chainId: 31337n, nonce: 0n, gasPrice: 1_000_000_000n, gas: 100000n,
    to: '0x5fbdb2315678afecb367f032d93f642f64180aa3', value: 0n, encryptionPubkey: keys.encPub,
    messageVersion: o.messageVersion, recentBlockHash: '0x' + '00'.repeat(32), expiresAtBlock: 100n, signedRead: false,
  };
  let sink = 0;
  const one = async () => {
    f.nonce++;
    f.encryptionNonce = randomEncryptionNonce();
    f.input = gcmEncrypt(keys.requestKey, f.encryptionNonce, calldata, aad({ ...f, sender: signer.address }));
    const { hash } = await signTx(f, o.privateKey);
    sink ^= hash.charCodeAt(2);
  };
  for (let i = 0; i < Math.min(200, o.signOnly); i++) await one();
  const done = measure();
  for (let i = 0; i < o.signOnly; i++) await one();
  const { seconds, cpu } = done();
  return report('build-sign-only', o.signOnly, seconds, cpu, 0, null, {
    usPerOp: Number(((seconds * 1e6) / o.signOnly).toFixed(3)),
    messageVersion: o.messageVersion,
    calldataBytes: 68,
    sink: sink & 1,
  });
}

// ------------------------------------------------------------------ network phases
async function network(o) {
  const client = createPublicClient({ transport: http(o.url, { batch: false, retryCount: 0, timeout: 120_000 }) });
  const rpc = (method, params = []) => client.request({ method, params });
  const account = privateKeyToAccount(o.privateKey);
  const sender = account.address;
  const chainId = BigInt(await rpc('eth_chainId'));

  let contract = o.contract;
  if (!contract) {
    const chain = defineChain({
      id: Number(chainId), name: 'devnode', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [o.url] } },
    });
    const wallet = createWalletClient({ account, chain, transport: http(o.url, { retryCount: 0 }) });
    const a = ARTIFACTS.SeismicCounter;
    const hash = await wallet.deployContract({ abi: a.abi, bytecode: a.bytecode, args: [] });
    const rc = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (rc.status !== 'success') throw new Error('SeismicCounter deploy reverted');
    contract = getAddress(rc.contractAddress);
  }

  const encSk = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
  const keys = clientKeys(encSk, await rpc('seismic_getTeePublicKey'));
  let nextNonce = BigInt(await rpc('eth_getTransactionCount', [sender, 'pending']));

  // shared metadata fetch: slot k = ops [k*metaEvery, (k+1)*metaEvery)
  const metaCache = new Map();
  const metaFor = (phase, i) => {
    const key = `${phase}:${Math.floor(i / o.metaEvery)}`;
    let p = metaCache.get(key);
    if (!p) {
      p = Promise.all([rpc('eth_getBlockByNumber', ['latest', false]), rpc('eth_gasPrice')]).then(([b, gp]) => ({
        hash: b.hash, number: BigInt(b.number), gasLimit: BigInt(b.gasLimit), gasPrice: BigInt(gp),
      }));
      metaCache.set(key, p);
      p.catch(() => metaCache.delete(key));
      // only the current slot is needed; drop older ones
      metaCache.delete(`${phase}:${Math.floor(i / o.metaEvery) - 2}`);
    }
    return p;
  };

  const build = async (fields, data) => {
    const f = { ...fields, to: contract, value: 0n, encryptionPubkey: keys.encPub, messageVersion: o.messageVersion, chainId };
    f.encryptionNonce = randomEncryptionNonce();
    const aadHex = aad({ ...f, sender });
    f.input = gcmEncrypt(keys.requestKey, f.encryptionNonce, data, aadHex);
    const { raw } = await signTx(f, o.privateKey);
    return { raw, f, aadHex };
  };

  const signedRead = async (phase, i) => {
    const m = await metaFor(phase, i);
    const { raw, f, aadHex } = await build({
      nonce: nextNonce, gasPrice: m.gasPrice, gas: READ_GAS, recentBlockHash: m.hash,
      expiresAtBlock: m.number + 100n, signedRead: true,
    }, SEL_GET_NUMBER);
    const r = await rpc('eth_call', [raw, 'latest']);
    const pt = decryptResponse(keys.responseKey, f.encryptionNonce, r, aadHex);
    if (pt.length !== 66) throw new Error(`getNumber returned ${pt}`);
    if (phase === 'r' && o.expected !== undefined && BigInt(pt) !== o.expected)
      throw new Error(`getNumber = ${BigInt(pt)}, expected ${o.expected}`);
  };

  let failed = 0;
  if (o.warmup > 0) {
    const w = await pool(o.warmup, o.concurrency, (i) => signedRead('warmup', i));
    if (w.errors) throw new Error(`warm-up: ${w.errors} errors, first: ${w.firstError}`);
  }

  // ---- writes
  if (o.writes > 0) {
    const first = BigInt(Date.now()) * 1000n; // distinct from any earlier run's values
    const base = nextNonce;
    const hashes = new Array(o.writes);
    const done = measure();
    const sends = await pool(o.writes, o.concurrency, async (i) => {
      const data = SEL_SET_NUMBER + u256(first + BigInt(i));
      const nonce = base + BigInt(i);
      const m = await metaFor('w', i);
      let gas = o.gas;
      if (o.estimate) {
        const b = await rpc('eth_getBlockByNumber', ['latest', false]);
        const twin = await build({
          nonce, gasPrice: m.gasPrice, gas: BigInt(b.gasLimit), recentBlockHash: b.hash,
          expiresAtBlock: BigInt(b.number) + 100n, signedRead: true,
        }, data);
        gas = BigInt(await rpc('eth_estimateGas', [twin.raw]));
      }
      const { raw } = await build({
        nonce, gasPrice: m.gasPrice, gas, recentBlockHash: m.hash, expiresAtBlock: m.number + 100n, signedRead: false,
      }, data);
      hashes[i] = await rpc('eth_sendRawTransaction', [raw]);
    });
    const sent = hashes.map((h, i) => [h, i]).filter(([h]) => h);
    const rcpts = await pool(sent.length, o.concurrency, async (k) => {
      const [h] = sent[k];
      const t0 = Date.now();
      for (;;) {
        const r = await rpc('eth_getTransactionReceipt', [h]);
        if (r) {
          if (r.status !== '0x1') throw new Error(`write ${h} has status ${r.status}`);
          return;
        }
        if (Date.now() - t0 > 60_000) throw new Error(`no receipt for ${h} after 60 s`);
        await sleep(20);
      }
    });
    const { seconds, cpu } = done();
    nextNonce = base + BigInt(o.writes);
    o.expected = first + BigInt(o.writes - 1);
    failed += report('shielded-writes', o.writes, seconds, cpu, sends.errors + rcpts.errors, sends.firstError || rcpts.firstError, {
      concurrency: o.concurrency, gas: o.estimate ? 'estimate' : Number(o.gas), metaEvery: o.metaEvery,
      messageVersion: o.messageVersion, sendErrors: sends.errors, receiptErrors: rcpts.errors, contract,
    });
  }

  // ---- signed reads
  if (o.reads > 0) {
    const done = measure();
    const reads = await pool(o.reads, o.concurrency, (i) => signedRead('r', i));
    const { seconds, cpu } = done();
    failed += report('signed-reads', o.reads, seconds, cpu, reads.errors, reads.firstError, {
      concurrency: o.concurrency, metaEvery: o.metaEvery, messageVersion: o.messageVersion, contract,
    });
  }
  return failed;
}

try {
  const o = parse(process.argv.slice(2));
  let failed = 0;
  if (o.signOnly) failed += await signOnly(o);
  if (o.url) failed += await network(o);
  process.exit(failed ? 1 : 0);
} catch (e) {
  console.error(`js_seismic: ${errText(e)}`);
  process.exit(1);
}
