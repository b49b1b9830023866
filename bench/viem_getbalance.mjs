#!/usr/bin/env node
// viem side of the eth_getBalance throughput benchmark (the C side is seismic.h's).
//
//   node bench/viem_getbalance.mjs --url URL [--calls 10000] [--concurrency 256] [--batch [--batch-size 1000]]
//   node bench/viem_getbalance.mjs --url URL --calls 1000 --sequential
//
// Does N client.getBalance() calls (address i+1 for call i, so every call differs) with viem's http
// transport, at most C in flight (--sequential: one after another). Without --batch the transport is
// viem's default (no batching); with --batch, viem's JSON-RPC batching ({batchSize, wait: 0}).
// A warm-up of --warmup calls (default 200, not measured) runs first. Prints one JSON line:
//   {"client":"viem","calls":N,"seconds":S,"callsPerSecond":X,"cpuMsPerCall":Y,"rssBytes":Z, ...}
// cpuMsPerCall = (user + system CPU of this process during the measured calls) / N;
// rssBytes = peak resident set size of the process (getrusage maxrss), like the C side reports.
// viem comes from tools/testenv/node_modules (npm ci --prefix tools/testenv).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', 'tools', 'testenv', 'package.json'));
const { createPublicClient, http } = require('viem');

function parse(argv) {
  const o = { url: null, calls: 10000, concurrency: 256, batch: false, batchSize: 1000, sequential: false, warmup: 200 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--url': o.url = next(); break;
      case '--calls': o.calls = Number(next()); break;
      case '--concurrency': o.concurrency = Number(next()); break;
      case '--batch': o.batch = true; break;
      case '--batch-size': o.batchSize = Number(next()); break;
      case '--sequential': o.sequential = true; break;
      case '--warmup': o.warmup = Number(next()); break;
      case '-h': case '--help':
        console.log('usage: viem_getbalance.mjs --url URL [--calls 10000] [--concurrency 256] [--batch [--batch-size 1000]] [--sequential] [--warmup 200]');
        process.exit(0);
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.url) throw new Error('need --url URL');
  if (!(o.calls > 0) || !(o.concurrency > 0)) throw new Error('--calls and --concurrency must be > 0');
  if (o.sequential) o.concurrency = 1;
  return o;
}

const addr = (i) => '0x' + (i + 1).toString(16).padStart(40, '0');

async function run(client, first, n, concurrency) {
  let next = 0;
  let errors = 0;
  let firstError = null;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      try {
        const b = await client.getBalance({ address: addr(first + i) });
        if (typeof b !== 'bigint') throw new Error('not a bigint');
      } catch (e) {
        errors++;
        firstError ??= e.shortMessage || e.message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { errors, firstError };
}

const o = parse(process.argv.slice(2));
const client = createPublicClient({
  transport: http(o.url, { batch: o.batch ? { batchSize: o.batchSize, wait: 0 } : false }),
});
if (o.warmup > 0) await run(client, 1_000_000, Math.min(o.warmup, o.calls), o.concurrency);
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const { errors, firstError } = await run(client, 0, o.calls, o.concurrency);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const out = {
  client: 'viem',
  calls: o.calls,
  seconds: Number(seconds.toFixed(6)),
  callsPerSecond: Number((o.calls / seconds).toFixed(1)),
  cpuMsPerCall: Number(((cpu.user + cpu.system) / 1000 / o.calls).toFixed(6)),
  rssBytes: process.resourceUsage().maxRSS * 1024,
  mode: o.sequential ? 'sequential' : o.batch ? 'batch' : 'concurrent',
  concurrency: o.concurrency,
  errors,
};
if (firstError) out.firstError = firstError;
console.log(JSON.stringify(out));
process.exit(errors ? 1 : 0);
