// --anvil-url (an anvil started by the test) and HTTPS/WSS with --tls-cert/--tls-key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import https from 'node:https';
import WebSocket from 'ws';
import { anvilPath } from '../../anvil-path.js';
import { DEVNODE, PK_TEE } from '../testkit/helpers.js';

let anvil, node, dir, nodeUrl, anvilUrl;

function startProc(cmd, args, re) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const t = setTimeout(() => reject(new Error(`timeout: ${err}`)), 30000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(re);
      if (m) {
        clearTimeout(t);
        resolve({ p, m });
      }
    });
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (c) => reject(new Error(`exited ${c}: ${err}`)));
  });
}
const kill = (p) =>
  new Promise((r) => {
    if (!p || p.exitCode !== null || p.signalCode !== null) return r();
    p.once('exit', r);
    p.kill('SIGTERM');
    setTimeout(() => p.kill('SIGKILL'), 5000).unref();
  });

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'devnode-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const a = await startProc(anvilPath(), ['--host', '127.0.0.1', '--port', '0'], /Listening on [\d.]+:(\d+)/);
  anvil = a.p;
  anvilUrl = `http://127.0.0.1:${a.m[1]}`;
  const n = await startProc(
    process.execPath,
    [DEVNODE, '--port', '0', '--anvil-url', anvilUrl, '--chain-id', '31337', '--tls-cert', path.join(dir, 'cert.pem'), '--tls-key', path.join(dir, 'key.pem')],
    /devnode listening on (https:\/\/127\.0\.0\.1:\d+)/,
  );
  node = n.p;
  nodeUrl = n.m[1];
});
after(async () => {
  await kill(node);
  await kill(anvil);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function httpsRpc(method, params = []) {
  const ca = readFileSync(path.join(dir, 'cert.pem'));
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  return new Promise((resolve, reject) => {
    const req = https.request(nodeUrl, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      let s = '';
      res.on('data', (d) => (s += d));
      res.on('end', () => resolve(JSON.parse(s)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('HTTPS JSON-RPC in front of an external anvil', async () => {
  assert.equal((await httpsRpc('seismic_getTeePublicKey')).result, PK_TEE);
  assert.equal((await httpsRpc('eth_chainId')).result, '0x7a69');
  // predeploys were installed on the external anvil
  const code = await fetch(anvilUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getCode', params: ['0x1000000000000000000000000000000000000004', 'latest'] }),
  }).then((r) => r.json());
  assert.ok(code.result.length > 100);
});

test('WSS on the same port', async () => {
  const ws = new WebSocket(nodeUrl.replace('https', 'wss'), { ca: readFileSync(path.join(dir, 'cert.pem')) });
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const reply = new Promise((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_blockNumber', params: [] }));
  const m = await reply;
  assert.equal(m.id, 7);
  assert.match(m.result, /^0x/);
  ws.close();
});
