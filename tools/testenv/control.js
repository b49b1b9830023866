#!/usr/bin/env node
// The test environment's control endpoint: JSON-RPC over HTTP, so a test program that speaks only
// JSON-RPC (the C tests, also under Wine, which cannot run node) can act on the environment.
//
// Usage:
//   node tools/testenv/control.js --dir build/testenv [--port 0] [--host 127.0.0.1]
// When ready, prints exactly one line to stdout:
//   control listening on http://127.0.0.1:P
//
// Methods:
//   testenv_restartAnvil [downMs, keepState] -> true once anvil runs again (testenv.js restart-anvil
//                                  --down-ms downMs, with --keep-state when keepState is true)
//   testenv_substrateOracle [[arg, ...]] -> true once `node substrate-oracle.js arg ...` exited 0
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function createControl({ dir }) {
  // runs one of this directory's tools with node: { result: true } when it exits 0
  function runTool(script, args) {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(HERE, script), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c) => { err += c; });
      child.on('exit', (code) => resolve(code === 0 ? { result: true } : { error: { code: -32000, message: `${script} failed (${code}): ${err.slice(-300)}` } }));
    });
  }
  return http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let call = {};
      try { call = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch {}
      const params = Array.isArray(call.params) ? call.params : [];
      let answer;
      if (call.method === 'testenv_restartAnvil')
        answer = await runTool('testenv.js', ['restart-anvil', '--dir', dir, '--down-ms', String(Number(params[0]) || 1500), ...(params[1] === true ? ['--keep-state'] : [])]);
      else if (call.method === 'testenv_substrateOracle' && Array.isArray(params[0]) && params[0].every((a) => typeof a === 'string'))
        answer = await runTool('substrate-oracle.js', params[0]);
      else answer = { error: { code: -32601, message: 'Method not found' } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id ?? null, ...answer }));
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
  const dir = arg('dir', null);
  if (!dir) { console.error('usage: control.js --dir DIR [--port 0]'); process.exit(2); }
  const server = createControl({ dir: path.resolve(dir) });
  const host = arg('host', '127.0.0.1');
  server.listen(Number(arg('port', 0)), host, () => console.log(`control listening on http://${host}:${server.address().port}`));
}
