#!/usr/bin/env node
// TLS servers for the client's TLS-policy tests: one `openssl s_server` per configuration, each
// offering exactly one thing the strict policy refuses (or nothing, for the success cases), with
// certificates from the test CA. A small JSON-RPC responder sits on each s_server's stdio: it reads
// the decrypted POST that s_server prints and writes back {"result": "<the negotiated cipher>"}, so a
// handshake that succeeds is visible end to end, with what was negotiated.
//
// Before announcing a server, its offer is checked with `openssl s_client` (e.g. the TLS 1.0 server
// must complete a TLS 1.0 handshake): a server that does not offer what it claims fails the start.
//
//   node tools/tls-policy-servers.js --certs DIR
//     DIR holds ca.pem/ca.key (the test CA); the leaf certificates are made there. When every server
//     is up, prints one line:  tls-policy-servers listening on {"good":"https://localhost:P",...}
import { spawn, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const certsDir = arg('--certs');
if (!certsDir) {
  console.error('usage: tls-policy-servers.js --certs DIR');
  process.exit(2);
}
const f = (n) => path.join(certsDir, n);
const ossl = (args, opts = {}) => execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });

// name -> how its leaf is made: key, signature hash, subject alternative name (null: CN only)
const LEAVES = {
  good: { key: ['-newkey', 'rsa:2048'], md: '-sha256', san: 'DNS:localhost' },
  ec: { key: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'], md: '-sha256', san: 'DNS:localhost' },
  sha1: { key: ['-newkey', 'rsa:2048'], md: '-sha1', san: 'DNS:localhost' },
  rsa1024: { key: ['-newkey', 'rsa:1024'], md: '-sha256', san: 'DNS:localhost' },
  cnonly: { key: ['-newkey', 'rsa:2048'], md: '-sha256', san: null },
};

function makeLeaf(name) {
  const l = LEAVES[name];
  const base = `policy-${name}`;
  ossl(['req', '-new', ...l.key, '-nodes', '-subj', '/CN=localhost', '-keyout', f(`${base}.key`), '-out', f(`${base}.csr`)]);
  let ext = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n';
  if (l.san) ext += `subjectAltName=${l.san}\n`;
  writeFileSync(f(`${base}.ext`), ext);
  ossl(['x509', '-req', '-in', f(`${base}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '30',
    l.md, '-extfile', f(`${base}.ext`), '-out', f(`${base}.pem`)]);
  return { cert: f(`${base}.pem`), key: f(`${base}.key`) };
}

// Every server and the s_client probe that proves its offer (what the probe must print).
const WEAK = 'DEFAULT:@SECLEVEL=0';
const SERVERS = [
  { name: 'good', leaf: 'good', args: [], probe: { args: ['-tls1_2'], expect: /Cipher is ECDHE-RSA-AES(128|256)-GCM-SHA(256|384)|Cipher is ECDHE-RSA-CHACHA20/ } },
  { name: 'ec', leaf: 'ec', args: [], probe: { args: ['-tls1_2'], expect: /Cipher is ECDHE-ECDSA-/ } },
  { name: 'tls10', leaf: 'good', args: ['-tls1', '-cipher', WEAK], probe: { args: ['-tls1', '-cipher', WEAK], expect: /Protocol\s*: TLSv1\n/ } },
  { name: 'tls11', leaf: 'good', args: ['-tls1_1', '-cipher', WEAK], probe: { args: ['-tls1_1', '-cipher', WEAK], expect: /Protocol\s*: TLSv1\.1\n/ } },
  // RSA key exchange, even with an AEAD: no forward secrecy
  { name: 'rsakx', leaf: 'good', args: ['-tls1_2', '-cipher', 'AES128-GCM-SHA256:AES256-GCM-SHA384:@SECLEVEL=0'],
    probe: { args: ['-tls1_2', '-cipher', 'ALL:@SECLEVEL=0'], expect: /Cipher is AES(128|256)-GCM-SHA(256|384)\n/ } },
  // ECDHE, but only CBC suites
  { name: 'cbc', leaf: 'good', args: ['-tls1_2', '-cipher', 'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0'],
    probe: { args: ['-tls1_2', '-cipher', 'ALL:@SECLEVEL=0'], expect: /Cipher is ECDHE-RSA-AES128-SHA(256)?\n/ } },
  // a SHA-1 signature on the key exchange (the certificate is fine)
  { name: 'sha1kx', leaf: 'good', args: ['-tls1_2', '-sigalgs', 'RSA+SHA1', '-cipher', WEAK],
    probe: { args: ['-tls1_2', '-cipher', WEAK, '-sigalgs', 'RSA+SHA1:RSA+SHA256'], expect: /Peer signing digest: SHA1\n/ } },
  { name: 'sha1', leaf: 'sha1', args: ['-tls1_2', '-cipher', WEAK], probe: { args: ['-tls1_2', '-cipher', WEAK], expect: /Peer signature type|Verification: OK/, cert: /Signature Algorithm: sha1WithRSAEncryption/ } },
  { name: 'rsa1024', leaf: 'rsa1024', args: ['-tls1_2', '-cipher', WEAK], probe: { args: ['-tls1_2', '-cipher', WEAK], expect: /Server public key is 1024 bit/ } },
  { name: 'cnonly', leaf: 'cnonly', args: [], probe: { args: ['-tls1_2'], expect: /Verification: OK|Verify return code: 0/, cert: /^(?![\s\S]*Subject Alternative Name)/ } },
];

/** one s_server with its JSON-RPC responder; resolves with the port once it accepts. */
function startServer(s, leaf) {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-cert', leaf.cert, '-key', leaf.key, ...s.args],
      { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let cipher = '';
    let port = 0;
    const fail = (e) => reject(new Error(`${s.name}: ${e}`));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (!port) fail(`s_server exited (${code}): ${out.slice(-400)}`);
      else process.exit(1); // a server died: the environment is broken
    });
    child.stderr.on('data', () => {});
    child.stdout.on('data', (chunk) => {
      out += chunk.toString('latin1');
      for (;;) {
        const accept = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(out);
        if (!port && accept) {
          port = Number(accept[1]);
          resolve({ child, port });
        }
        const c = /CIPHER is (\S+)/.exec(out);
        if (c) cipher = c[1];
        const start = out.indexOf('POST ');
        const headEnd = start >= 0 ? out.indexOf('\r\n\r\n', start) : -1;
        if (headEnd < 0) {
          if (start < 0 && c) out = out.slice(c.index + c[0].length); // keep only what may still matter
          return;
        }
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(out.slice(start, headEnd + 2));
        const len = m ? Number(m[1]) : 0;
        if (out.length < headEnd + 4 + len) return;
        const body = out.slice(headEnd + 4, headEnd + 4 + len);
        out = out.slice(headEnd + 4 + len);
        let ids = [];
        let batch = false;
        try {
          const msg = JSON.parse(body);
          batch = Array.isArray(msg);
          ids = (batch ? msg : [msg]).map((r) => r.id);
        } catch {}
        const answers = ids.map((id) => ({ jsonrpc: '2.0', id, result: cipher }));
        const json = JSON.stringify(batch ? answers : answers[0] ?? { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
        child.stdin.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
      }
    });
  });
}

/** proves that the server offers what it claims, with openssl's own client. */
function probe(s, port) {
  const r = (() => {
    try {
      return ossl(['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-CAfile', f('ca.pem'), '-showcerts', ...s.probe.args],
        { input: '', timeout: 10000 }).toString('latin1');
    } catch (e) {
      return `${e.stdout || ''}${e.stderr || ''}`;
    }
  })();
  if (!s.probe.expect.test(r)) throw new Error(`${s.name}: the s_client probe did not see ${s.probe.expect}:\n${r.slice(-1500)}`);
  if (s.probe.cert) {
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(r);
    const text = pem ? ossl(['x509', '-noout', '-text'], { input: pem[0] }).toString('latin1') : '';
    if (!s.probe.cert.test(text)) throw new Error(`${s.name}: the served leaf certificate lacks ${s.probe.cert}:\n${text.slice(0, 1500)}`);
  }
}

// s_servers die with this process, whichever way it ends (a failed probe included)
const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
try {
  const leaves = {};
  for (const s of SERVERS) leaves[s.leaf] ??= makeLeaf(s.leaf);
  const started = await Promise.all(SERVERS.map((s) => startServer(s, leaves[s.leaf])));
  const urls = {};
  SERVERS.forEach((s, i) => {
    probe(s, started[i].port);
    urls[s.name] = `https://localhost:${started[i].port}`;
  });
  console.log(`tls-policy-servers listening on ${JSON.stringify(urls)}`);
} catch (e) {
  console.error(e.stack || String(e));
  process.exit(1);
}
