#!/usr/bin/env node
// Orchestrates the servers the C integration tests talk to. Everything listens on 127.0.0.1 on free
// ports; every process is detached (own process group), logs to DIR/<name>.log, and is recorded in
// DIR/state.json (and DIR/pids, "name pid" per line) so that `stop` can kill it later.
//
//   node tools/testenv/testenv.js start --dir build/testenv [--chain-id 31337] [--latency-ms 25]
//                               [--ttl-s 3600] [--key-type rsa|ec] [--ipv6-mirror auto|on|off]
//       starts: anvil (--silent), devnode (HTTP+WS), faultserver, counting-proxy -> anvil,
//       latency-proxy -> anvil (25 ms each way), chaos-proxy -> anvil (HTTP + WS), TLS devnode (HTTPS+WSS, cert for localhost from a
//       throwaway CA made with openssl), a TLS server whose cert is for "wrong.example", a name server
//       (dnsserver.js), a JSON-RPC control endpoint (control.js: restart anvil, run substrate-oracle.js),
//       and a watchdog
//       that runs `stop` after --ttl-s seconds (0 = never) in case nobody does. Waits until each one
//       answers, then prints `export NAME=VALUE` lines and writes the same to DIR/env.sh.
//       A previous environment still running in DIR is stopped first.
//   node tools/testenv/testenv.js stop --dir build/testenv
//       kills everything recorded in DIR (SIGTERM to each process group, SIGKILL after 3 s).
//   node tools/testenv/testenv.js restart-anvil --dir build/testenv [--down-ms 1500] [--signal KILL|TERM] [--keep-state]
//       kills anvil, waits --down-ms, starts it again on the SAME port with the same chain id (fresh
//       state), and re-installs the devnode's predeploys (Directory + precompile stand-ins).
//       --keep-state: the chain survives (blocks, logs, accounts): anvil_dumpState before the kill,
//       and the new anvil starts with --load-state of it.
//   node tools/testenv/testenv.js status --dir build/testenv
//       exit 0 and print the env if every recorded process is alive, exit 1 otherwise.
//
// Exported variables: SEISMIC_TEST_ANVIL_HTTP, SEISMIC_TEST_ANVIL_WS, SEISMIC_TEST_DEVNODE_HTTP,
// SEISMIC_TEST_DEVNODE_WS, SEISMIC_TEST_FAULT_HTTP, SEISMIC_TEST_COUNTING_HTTP, SEISMIC_TEST_LATENCY_HTTP,
// SEISMIC_TEST_CHAOS_HTTP, SEISMIC_TEST_CHAOS_WS, SEISMIC_TEST_TLS_HTTPS, SEISMIC_TEST_TLS_WSS, SEISMIC_TEST_TLS_WRONGNAME_HTTPS, SEISMIC_TEST_CA_FILE,
// SEISMIC_TEST_OTHER_CA_FILE, SEISMIC_TEST_TLS_FAULT_HTTPS, SEISMIC_TEST_TLS_POLICY_<NAME> (one per server of
// tls-policy-servers.js: GOOD, EC, TLS10, TLS11, RSAKX, CBC, SHA1KX, SHA1, RSA1024, CNONLY), SEISMIC_TEST_DNS(6),
// SEISMIC_TEST_DNS_CONTROL, SEISMIC_TEST_CONTROL_HTTP, SEISMIC_TEST_ENV_DIR,
// SEISMIC_TEST_SUBSTRATE_HTTP / _WS (chopsticks running the subtensor runtime of
// ../shared/substrate/subtensor-raonet.json), SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP.
import { spawn, execFileSync } from 'node:child_process';
import {
  mkdirSync, openSync, closeSync, readFileSync, writeFileSync, existsSync, readdirSync, readlinkSync, rmSync, renameSync,
} from 'node:fs';
import path from 'node:path';
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { anvilPath } from './anvil-path.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const DEVNODE = path.join(HERE, 'devnode', 'devnode.js');
const ARTIFACTS = path.join(HERE, 'devnode', 'contracts', 'artifacts.json');
// chopsticks' CLI, where Node would find the package (this directory's node_modules or its parent's)
const CHOPSTICKS = [HERE, path.dirname(HERE)]
  .map((d) => path.join(d, 'node_modules', '@acala-network', 'chopsticks', 'chopsticks.cjs'))
  .find((f) => existsSync(f)) || path.join(HERE, 'node_modules', '@acala-network', 'chopsticks', 'chopsticks.cjs');
// the Bittensor chain spec lives beside the checkout (../shared), not in it
const SUBSTRATE_SPEC = path.resolve(HERE, '..', '..', '..', 'shared', 'substrate', 'subtensor-raonet.json');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const ENV_NAMES = [
  'SEISMIC_TEST_ANVIL_HTTP', 'SEISMIC_TEST_ANVIL_WS', 'SEISMIC_TEST_DEVNODE_HTTP', 'SEISMIC_TEST_DEVNODE_WS',
  'SEISMIC_TEST_FAULT_HTTP', 'SEISMIC_TEST_COUNTING_HTTP', 'SEISMIC_TEST_LATENCY_HTTP', 'SEISMIC_TEST_ANVIL_IPV6_HTTP',
  'SEISMIC_TEST_CHAOS_HTTP', 'SEISMIC_TEST_CHAOS_WS', 'SEISMIC_TEST_TLS_HTTPS',
  'SEISMIC_TEST_TLS_WSS', 'SEISMIC_TEST_TLS_WRONGNAME_HTTPS', 'SEISMIC_TEST_CA_FILE', 'SEISMIC_TEST_OTHER_CA_FILE',
  'SEISMIC_TEST_DNS', 'SEISMIC_TEST_DNS6', 'SEISMIC_TEST_DNS_CONTROL', 'SEISMIC_TEST_CONTROL_HTTP',
  'SEISMIC_TEST_TLS_FAULT_HTTPS',
  ...['GOOD', 'EC', 'TLS10', 'TLS11', 'RSAKX', 'CBC', 'SHA1KX', 'SHA1', 'RSA1024', 'CNONLY'].map((n) => `SEISMIC_TEST_TLS_POLICY_${n}`),
  'SEISMIC_TEST_ENV_DIR', 'SEISMIC_TEST_SUBSTRATE_HTTP', 'SEISMIC_TEST_SUBSTRATE_WS', 'SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP',
];

// ------------------------------------------------------------------ process helpers
/** true if pid exists and is not a zombie (PID 1 here does not reap orphans, so zombies linger). */
export function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = st.slice(st.lastIndexOf(')') + 2, st.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false; // vanished between the two checks
  }
}

function cmdlineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

/** the recorded process is still the one we started (guards against pid reuse). */
function isOurs(p) {
  if (!alive(p.pid)) return false;
  const c = cmdlineOf(p.pid);
  return c === null || c.includes(p.marker);
}

async function killProc(p, { signal = 'SIGTERM', graceMs = 3000 } = {}) {
  if (!isOurs(p)) return;
  const sig = (s) => {
    try {
      process.kill(-p.pid, s); // its own process group (spawned detached)
    } catch {
      try {
        process.kill(p.pid, s);
      } catch {}
    }
  };
  sig(signal);
  const t0 = Date.now();
  while (alive(p.pid) && Date.now() - t0 < graceMs) await sleep(25);
  if (alive(p.pid)) {
    sig('SIGKILL');
    const t1 = Date.now();
    while (alive(p.pid) && Date.now() - t1 < 2000) await sleep(25);
  }
}

function spawnDetached(dir, name, cmd, args, { append = false } = {}) {
  const log = path.join(dir, `${name}.log`);
  const fd = openSync(log, append ? 'a' : 'w');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], cwd: dir });
  closeSync(fd);
  child.unref();
  child.on('error', () => {});
  return { name, pid: child.pid, cmd, args, log, marker: path.basename(args.find((a) => a.endsWith('.js')) || cmd) };
}

/** wait for a regex to appear in the log (from byte offset `from`); fails early if the process died. */
async function waitForLog(p, re, timeoutMs, from = 0) {
  const t0 = Date.now();
  for (;;) {
    let text = '';
    try {
      text = readFileSync(p.log, 'utf8').slice(from);
    } catch {}
    const m = text.match(re);
    if (m) return m;
    if (!alive(p.pid)) throw new Error(`${p.name} exited during startup; log ${p.log}:\n${text.slice(-2000)}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`${p.name} did not become ready within ${timeoutMs} ms; log ${p.log}:\n${text.slice(-2000)}`);
    await sleep(30);
  }
}

/** the TCP port a process listens on, from /proc (anvil --silent prints nothing). */
function listenPortsOf(pid) {
  const inodes = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const l = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(l);
        if (m) inodes.add(m[1]);
      } catch {}
    }
  } catch {
    return [];
  }
  const ports = [];
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const c = line.trim().split(/\s+/);
      if (c.length < 10 || c[3] !== '0A') continue; // LISTEN
      if (inodes.has(c[9])) ports.push(parseInt(c[1].split(':')[1], 16));
    }
  }
  return ports;
}

// ------------------------------------------------------------------ JSON-RPC probes
function rpc(url, method, params = [], { ca, servername, rejectUnauthorized = true, timeoutMs = 2000 } = {}) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        agent: false,
        ca,
        servername,
        rejectUnauthorized,
        timeout: timeoutMs,
      },
      (res) => {
        let s = '';
        res.on('data', (d) => (s += d));
        res.on('end', () => {
          try {
            const j = JSON.parse(s);
            if (j.error) reject(new Error(`${method}: ${j.error.message}`));
            else resolve(j.result);
          } catch {
            reject(new Error(`${url}: HTTP ${res.statusCode} ${s.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: timeout`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function waitRpc(url, expectChainHex, timeoutMs, opts = {}) {
  const t0 = Date.now();
  let last;
  for (;;) {
    try {
      const r = await rpc(url, 'eth_chainId', [], opts);
      if (expectChainHex && r !== expectChainHex) throw new Error(`${url}: eth_chainId ${r} != ${expectChainHex}`);
      return r;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`${url} not answering: ${last?.message}`);
    await sleep(50);
  }
}

// ------------------------------------------------------------------ certificates
function makeCerts(dir, keyType) {
  const d = path.join(dir, 'certs');
  mkdirSync(d, { recursive: true });
  const f = (n) => path.join(d, n);
  const keyArgs = keyType === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'] : ['-newkey', 'rsa:2048'];
  const ossl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ca = (name, cn) =>
    ossl(['req', '-x509', ...keyArgs, '-nodes', '-days', '30', '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  ca('ca', 'seismic.h throwaway test CA');
  ca('other-ca', 'seismic.h unrelated test CA');
  const leaf = (name, cn, san) => {
    ossl(['req', '-new', ...keyArgs, '-nodes', '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`)]);
    writeFileSync(f(`${name}.ext`), `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`);
    ossl(['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '30', '-sha256',
      '-extfile', f(`${name}.ext`), '-out', f(`${name}.pem`)]);
  };
  leaf('localhost', 'localhost', 'DNS:localhost,IP:127.0.0.1,IP:::1');
  leaf('wrong', 'wrong.example', 'DNS:wrong.example');
  return {
    ca: f('ca.pem'),
    otherCa: f('other-ca.pem'),
    cert: f('localhost.pem'),
    key: f('localhost.key'),
    wrongCert: f('wrong.pem'),
    wrongKey: f('wrong.key'),
  };
}

// ------------------------------------------------------------------ state
const statePath = (dir) => path.join(dir, 'state.json');
function loadState(dir) {
  try {
    return JSON.parse(readFileSync(statePath(dir), 'utf8'));
  } catch {
    return null;
  }
}
function saveState(dir, st) {
  const tmp = statePath(dir) + '.tmp';
  writeFileSync(tmp, JSON.stringify(st, null, 2));
  renameSync(tmp, statePath(dir));
  writeFileSync(path.join(dir, 'pids'), st.procs.map((p) => `${p.name} ${p.pid}\n`).join(''));
}

const shq = (v) => (/^[A-Za-z0-9_\/.:@%+=,\-\[\]]+$/.test(v) ? v : `'${String(v).replace(/'/g, `'\\''`)}'`);
const envText = (env) => ENV_NAMES.map((k) => `export ${k}=${shq(env[k])}\n`).join('');

// ------------------------------------------------------------------ anvil
function anvilArgs(port, chainId, stateFile) {
  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(chainId), '--silent'];
  return stateFile ? [...args, '--load-state', stateFile] : args;
}

async function startAnvil(dir, port, chainId, timeoutMs = 15000, stateFile = null) {
  const t0 = Date.now();
  for (let attempt = 0; ; attempt++) {
    const p = spawnDetached(dir, 'anvil', anvilPath(), anvilArgs(port, chainId, stateFile), { append: attempt > 0 || port !== 0 });
    p.marker = 'anvil';
    let actual = port;
    try {
      while (!actual) {
        if (!alive(p.pid)) throw new Error('anvil exited during startup');
        const ports = listenPortsOf(p.pid);
        if (ports.length) actual = ports[0];
        else if (Date.now() - t0 > timeoutMs) throw new Error('anvil did not listen');
        else await sleep(30);
      }
      const url = `http://127.0.0.1:${actual}`;
      for (;;) {
        if (!alive(p.pid)) throw new Error('anvil exited during startup');
        try {
          await waitRpc(url, '0x' + chainId.toString(16), 300);
          break;
        } catch (e) {
          if (Date.now() - t0 > timeoutMs) throw e;
        }
      }
      p.port = actual;
      return p;
    } catch (e) {
      await killProc(p, { signal: 'SIGKILL' });
      // a fixed port may still be busy for a moment (restart): retry until the deadline
      if (Date.now() - t0 > timeoutMs) {
        let log = '';
        try {
          log = readFileSync(p.log, 'utf8').slice(-1500);
        } catch {}
        throw new Error(`anvil did not start on port ${port || '(free)'}: ${e.message}\n${log}`);
      }
      await sleep(100 + attempt * 50);
    }
  }
}

async function installPredeploys(anvilUrl) {
  // The devnode installs these only when it starts; after an anvil restart (fresh state) we redo it.
  if (!existsSync(ARTIFACTS)) return;
  const art = JSON.parse(readFileSync(ARTIFACTS, 'utf8')).contracts || {};
  const installs = [
    ['0x1000000000000000000000000000000000000004', 'Directory'],
    ['0x0000000000000000000000000000000000000064', 'RngPrecompile'],
    ['0x0000000000000000000000000000000000000066', 'AesGcmEncryptPrecompile'],
    ['0x0000000000000000000000000000000000000067', 'AesGcmDecryptPrecompile'],
  ];
  for (const [addr, name] of installs) {
    if (art[name]?.deployedBytecode) await rpc(anvilUrl, 'anvil_setCode', [addr, art[name].deployedBytecode]);
  }
}

// ------------------------------------------------------------------ commands
async function cmdStop(dir, { quiet = false } = {}) {
  const st = loadState(dir);
  if (!st) {
    if (!quiet) console.error(`testenv: nothing recorded in ${dir}`);
    return;
  }
  const self = process.pid;
  // watchdog last, anvil after its clients
  const order = (p) => (p.name === 'watchdog' ? 2 : p.name === 'anvil' ? 1 : 0);
  const procs = [...st.procs].filter((p) => p.pid !== self).sort((a, b) => order(a) - order(b));
  await Promise.all(procs.filter((p) => order(p) === 0).map((p) => killProc(p)));
  for (const p of procs.filter((p) => order(p) > 0)) await killProc(p);
  const left = procs.filter((p) => alive(p.pid) && isOurs(p));
  for (const f of ['state.json', 'pids', 'env.sh']) rmSync(path.join(dir, f), { force: true });
  if (left.length) throw new Error(`testenv: could not kill ${left.map((p) => `${p.name}(${p.pid})`).join(', ')}`);
  if (!quiet) console.error(`testenv: stopped ${procs.length} processes`);
}

async function cmdStart(dir, o) {
  mkdirSync(dir, { recursive: true });
  if (loadState(dir)) await cmdStop(dir, { quiet: true });
  const t0 = Date.now();
  const st = { dir, chainId: o.chainId, started: new Date().toISOString(), procs: [], env: null };
  const track = (p) => {
    st.procs.push(p);
    saveState(dir, st);
    return p;
  };
  try {
    const certs = makeCerts(dir, o.keyType);
    const anvil = track(await startAnvil(dir, 0, o.chainId));
    const anvilUrl = `http://127.0.0.1:${anvil.port}`;
    st.anvil = { port: anvil.port };
    saveState(dir, st);

    const listening = /listening on (\S+)/;
    const node = process.execPath;
    const specs = [
      ['devnode', [DEVNODE, '--port', '0', '--anvil-url', anvilUrl, '--chain-id', String(o.chainId)]],
      ['devnode-tls', [DEVNODE, '--port', '0', '--anvil-url', anvilUrl, '--chain-id', String(o.chainId), '--tls-cert', certs.cert, '--tls-key', certs.key]],
      ['faultserver', [path.join(HERE, 'faultserver.js'), '--port', '0']],
      ['wrongname-tls', [path.join(HERE, 'faultserver.js'), '--port', '0', '--tls-cert', certs.wrongCert, '--tls-key', certs.wrongKey]],
      ['fault-tls', [path.join(HERE, 'faultserver.js'), '--port', '0', '--tls-cert', certs.cert, '--tls-key', certs.key]],
      // openssl s_server per TLS configuration the client's policy refuses (prints its URLs as JSON)
      ['tls-policy', [path.join(HERE, 'tls-policy-servers.js'), '--certs', path.dirname(certs.ca)]],
      ['counting-proxy', [path.join(HERE, 'counting-proxy.js'), '--port', '0', '--target', anvilUrl]],
      ['chaos-proxy', [path.join(HERE, 'chaos-proxy.js'), '--port', '0', '--target', anvilUrl]],
      ['latency-proxy', [path.join(HERE, 'latency-proxy.js'), '--listen-port', '0', '--target', `127.0.0.1:${anvil.port}`, '--delay-ms', String(o.latencyMs)]],
      // anvil reached over IPv6: a plain forwarder on [::1]
      ['ipv6-proxy', [path.join(HERE, 'latency-proxy.js'), '--listen-host', '::1', '--listen-port', '0', '--target', `127.0.0.1:${anvil.port}`, '--delay-ms', '0']],
      // a name server for the resolver tests (UDP + TCP), with a JSON-RPC control endpoint
      ['dnsserver', [path.join(HERE, 'dnsserver.js'), '--port', '0', '--control-port', '0']],
      // JSON-RPC control of the environment (restart anvil) for tests that cannot run node
      ['control', [path.join(HERE, 'control.js'), '--dir', dir, '--port', '0']],
    ];
    const procs = specs.map(([name, args]) => track(spawnDetached(dir, name, node, args)));
    // a real Bittensor runtime (subtensor spec 218) executed locally by chopsticks, blocks only on dev_newBlock
    const chopsticks = track(spawnDetached(dir, 'chopsticks', node, [CHOPSTICKS, `--genesis=${SUBSTRATE_SPEC}`, '--host', '127.0.0.1', '--port', '0', '--build-block-mode', 'Manual']));
    chopsticks.marker = 'chopsticks.cjs';
    const urls = {};
    await Promise.all(
      procs.map(async (p) => {
        const m = await waitForLog(p, listening, 20000);
        urls[p.name] = m[1];
        p.url = m[1];
      }),
    );
    const dnsLine = await waitForLog(procs.find((p) => p.name === 'dnsserver'), /control (\S+) v6 (\S+)/, 5000);
    const [dnsControl, dns6] = [dnsLine[1], dnsLine[2]];
    const substrateUrl = (await waitForLog(chopsticks, /RPC listening on (http:\/\/\S+)/, 60000))[1];
    const substratePort = Number(/:(\d+)$/.exec(substrateUrl)[1]);
    const substrateLatency = track(spawnDetached(dir, 'substrate-latency-proxy', node, [path.join(HERE, 'latency-proxy.js'), '--listen-port', '0', '--target', `127.0.0.1:${substratePort}`, '--delay-ms', String(o.latencyMs)]));
    urls['substrate-latency-proxy'] = (await waitForLog(substrateLatency, listening, 20000))[1];
    saveState(dir, st);
    const portOf = (u) => Number(/:(\d+)$/.exec(u)[1]);
    const tlsPort = portOf(urls['devnode-tls']);
    const wrongPort = portOf(urls['wrongname-tls']);

    // `localhost` may resolve to ::1 first on some machines: mirror the TLS ports onto [::1].
    let mirror = o.ipv6Mirror === 'on';
    if (o.ipv6Mirror === 'auto') {
      try {
        mirror = (await dns.lookup('localhost', { all: true })).some((a) => a.family === 6);
      } catch {}
    }
    if (mirror) {
      for (const [name, port] of [['devnode-tls-ip6', tlsPort], ['wrongname-tls-ip6', wrongPort], ['fault-tls-ip6', portOf(urls['fault-tls'])]]) {
        const p = track(spawnDetached(dir, name, node, [path.join(HERE, 'latency-proxy.js'), '--listen-host', '::1', '--listen-port', String(port), '--target', `127.0.0.1:${port}`, '--delay-ms', '0']));
        await waitForLog(p, listening, 10000).catch(async (e) => {
          console.error(`testenv: warning: no [::1] mirror for ${name}: ${e.message.split('\n')[0]}`);
          await killProc(p);
        });
      }
    }

    const env = {
      SEISMIC_TEST_ANVIL_HTTP: anvilUrl,
      SEISMIC_TEST_ANVIL_WS: `ws://127.0.0.1:${anvil.port}`,
      SEISMIC_TEST_DEVNODE_HTTP: urls.devnode,
      SEISMIC_TEST_DEVNODE_WS: urls.devnode.replace(/^http/, 'ws'),
      SEISMIC_TEST_FAULT_HTTP: urls.faultserver,
      SEISMIC_TEST_COUNTING_HTTP: urls['counting-proxy'],
      SEISMIC_TEST_CHAOS_HTTP: urls['chaos-proxy'],
      SEISMIC_TEST_CHAOS_WS: urls['chaos-proxy'].replace(/^http/, 'ws'),
      SEISMIC_TEST_LATENCY_HTTP: `http://${urls['latency-proxy']}`,
      SEISMIC_TEST_ANVIL_IPV6_HTTP: `http://${urls['ipv6-proxy']}`,
      SEISMIC_TEST_TLS_HTTPS: `https://localhost:${tlsPort}`,
      SEISMIC_TEST_TLS_WSS: `wss://localhost:${tlsPort}`,
      SEISMIC_TEST_TLS_WRONGNAME_HTTPS: `https://localhost:${wrongPort}`,
      SEISMIC_TEST_CA_FILE: certs.ca,
      SEISMIC_TEST_OTHER_CA_FILE: certs.otherCa,
      SEISMIC_TEST_DNS: urls.dnsserver,
      SEISMIC_TEST_DNS_CONTROL: dnsControl,
      SEISMIC_TEST_DNS6: dns6,
      SEISMIC_TEST_CONTROL_HTTP: urls.control,
      SEISMIC_TEST_TLS_FAULT_HTTPS: `https://localhost:${portOf(urls['fault-tls'])}`,
      ...Object.fromEntries(Object.entries(JSON.parse(urls['tls-policy'])).map(([n, u]) => [`SEISMIC_TEST_TLS_POLICY_${n.toUpperCase()}`, u])),
      SEISMIC_TEST_ENV_DIR: dir,
      SEISMIC_TEST_SUBSTRATE_HTTP: substrateUrl,
      SEISMIC_TEST_SUBSTRATE_WS: substrateUrl.replace(/^http/, 'ws'),
      SEISMIC_TEST_SUBSTRATE_LATENCY_HTTP: `http://${urls['substrate-latency-proxy']}`,
    };

    // every endpoint answers
    const cid = '0x' + o.chainId.toString(16);
    const ca = readFileSync(certs.ca);
    await Promise.all([
      waitRpc(env.SEISMIC_TEST_DEVNODE_HTTP, cid, 10000),
      waitRpc(`${env.SEISMIC_TEST_FAULT_HTTP}/ok`, '0x1', 5000),
      waitRpc(env.SEISMIC_TEST_COUNTING_HTTP, cid, 5000),
      waitRpc(env.SEISMIC_TEST_CHAOS_HTTP, cid, 5000),
      waitRpc(env.SEISMIC_TEST_LATENCY_HTTP, cid, 5000),
      waitRpc(env.SEISMIC_TEST_TLS_HTTPS, cid, 10000, { ca }),
      waitRpc(env.SEISMIC_TEST_TLS_WRONGNAME_HTTPS, '0x1', 5000, { rejectUnauthorized: false }),
      waitRpc(`${env.SEISMIC_TEST_TLS_FAULT_HTTPS}/ok`, '0x1', 5000, { ca }),
    ]);
    // start the counters from zero
    await Promise.all(
      [`${env.SEISMIC_TEST_COUNTING_HTTP}/__reset`, `${env.SEISMIC_TEST_FAULT_HTTP}/__reset`].map(
        (u) => new Promise((resolve, reject) => {
          http.request(u, { method: 'POST', agent: false }, (r) => r.resume().on('end', resolve)).on('error', reject).end();
        }),
      ),
    );

    if (o.ttlS > 0) {
      const w = spawnDetached(dir, 'watchdog', node, [SELF, 'watchdog', '--dir', dir, '--ttl-s', String(o.ttlS)]);
      w.marker = 'testenv.js';
      track(w);
    }
    st.env = env;
    saveState(dir, st);
    const text = envText(env);
    writeFileSync(path.join(dir, 'env.sh'), text);
    process.stdout.write(text);
    console.error(`testenv: started ${st.procs.length} processes in ${Date.now() - t0} ms (logs and pids in ${dir})`);
  } catch (e) {
    console.error(`testenv: start failed: ${e.message}`);
    await cmdStop(dir, { quiet: true }).catch(() => {});
    process.exitCode = 1;
  }
}

async function cmdRestartAnvil(dir, o) {
  const st = loadState(dir);
  if (!st?.anvil?.port) throw new Error(`testenv: no running environment in ${dir}`);
  const i = st.procs.findIndex((p) => p.name === 'anvil');
  const old = st.procs[i];
  const url = `http://127.0.0.1:${st.anvil.port}`;
  // the chain is loaded before anvil listens, so nobody sees it empty in between
  const stateFile = o.keepState ? path.join(dir, 'anvil-state.json') : null;
  if (stateFile) writeFileSync(stateFile, gunzipSync(Buffer.from((await rpc(url, 'anvil_dumpState', [], { timeoutMs: 30000 })).slice(2), 'hex')));
  const t0 = Date.now();
  await killProc(old, { signal: o.signal, graceMs: 2000 });
  const killedAt = Date.now();
  await sleep(Math.max(0, o.downMs - (killedAt - t0)));
  const p = await startAnvil(dir, st.anvil.port, st.chainId, 15000, stateFile);
  st.procs[i] = p;
  saveState(dir, st);
  if (!stateFile) await installPredeploys(url);
  console.error(`testenv: anvil restarted on port ${p.port} (pid ${p.pid}; down ${Date.now() - killedAt} ms)`);
}

async function cmdWatchdog(dir, ttlS) {
  await sleep(ttlS * 1000);
  console.error(`testenv watchdog: ${ttlS} s passed, stopping the environment in ${dir}`);
  await cmdStop(dir);
}

async function cmdStatus(dir) {
  const st = loadState(dir);
  if (!st?.env) {
    console.error(`testenv: no environment in ${dir}`);
    return 1;
  }
  const dead = st.procs.filter((p) => !isOurs(p));
  for (const p of dead) console.error(`testenv: ${p.name} (pid ${p.pid}) is not running`);
  if (!dead.length) process.stdout.write(envText(st.env));
  return dead.length ? 1 : 0;
}

// ------------------------------------------------------------------ main
function parse(argv) {
  const o = { cmd: argv[0], dir: null, chainId: 31337, latencyMs: 25, ttlS: 3600, keyType: 'rsa', ipv6Mirror: 'auto', downMs: 1500, signal: 'SIGKILL', keepState: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--dir': o.dir = path.resolve(next()); break;
      case '--chain-id': o.chainId = Number(next()); break;
      case '--latency-ms': o.latencyMs = Number(next()); break;
      case '--ttl-s': o.ttlS = Number(next()); break;
      case '--key-type': o.keyType = next(); break;
      case '--ipv6-mirror': o.ipv6Mirror = next(); break;
      case '--down-ms': o.downMs = Number(next()); break;
      case '--keep-state': o.keepState = true; break;
      case '--signal': o.signal = 'SIG' + next().replace(/^SIG/i, '').toUpperCase(); break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.dir) throw new Error('need --dir DIR');
  if (!['rsa', 'ec'].includes(o.keyType)) throw new Error('--key-type must be rsa or ec');
  if (!['auto', 'on', 'off'].includes(o.ipv6Mirror)) throw new Error('--ipv6-mirror must be auto, on or off');
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const usage = 'usage: testenv.js start|stop|restart-anvil|status --dir DIR [--down-ms 1500] [--keep-state] [--chain-id 31337] [--latency-ms 25] [--ttl-s 3600]';
  try {
    const o = parse(process.argv.slice(2));
    switch (o.cmd) {
      case 'start': await cmdStart(o.dir, o); break;
      case 'stop': await cmdStop(o.dir); break;
      case 'restart-anvil': await cmdRestartAnvil(o.dir, o); break;
      case 'status': process.exitCode = await cmdStatus(o.dir); break;
      case 'watchdog': await cmdWatchdog(o.dir, o.ttlS); break;
      default:
        console.error(usage);
        process.exitCode = 2;
    }
  } catch (e) {
    console.error(e.message);
    if (/unknown argument|need --dir|must be/.test(e.message)) console.error(usage);
    process.exitCode = 1;
  }
}
