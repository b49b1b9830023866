#!/usr/bin/env node
// The independent side of the Substrate tests: @polkadot/api computes storage keys, encodes and decodes
// SCALE, and writes fixtures into a chopsticks chain with dev_setStorage; the C tests compare with it.
//
//   node tools/testenv/substrate-oracle.js fixtures --url ws://127.0.0.1:P --out FILE [--accounts 1000]
//       sets distinct System.Account values for N fresh accounts and four neurons on subnet 1, makes a
//       block, and writes what @polkadot/api reads back at that block (balances, neurons_lite decoded,
//       netuids, total subnets, TotalHotkeyAlpha), plus typed (runtime >= 233 style) encodings made by its
//       registry and their decodes.
//   node tools/testenv/substrate-oracle.js change --url ws://... --fixture FILE --out FILE2
//       gives every fixture account new balances in a new block; writes them with the new head.
//   node tools/testenv/substrate-oracle.js vectors
//       prints SS58 / twox / blake2 values of @polkadot/util-crypto for the unit test's cross-check.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { TypeRegistry } from '@polkadot/types';
import { blake2AsU8a, encodeAddress, xxhashAsHex, blake2AsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { writeFileSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const cmd = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};

// Runtime API types (subtensor pallets/subtensor/src/rpc_info): not in the metadata of spec 218, whose
// runtime APIs return Bytes.
const RUNTIME_TYPES = {
  AxonInfo: { block: 'u64', version: 'u32', ip: 'u128', port: 'u16', ipType: 'u8', protocol: 'u8', placeholder1: 'u8', placeholder2: 'u8' },
  PrometheusInfo: { block: 'u64', version: 'u32', ip: 'u128', port: 'u16', ipType: 'u8' },
  NeuronInfoLite: {
    hotkey: 'AccountId32', coldkey: 'AccountId32', uid: 'Compact<u16>', netuid: 'Compact<u16>', active: 'bool',
    axonInfo: 'AxonInfo', prometheusInfo: 'PrometheusInfo', stake: 'Vec<(AccountId32, Compact<u64>)>',
    rank: 'Compact<u16>', emission: 'Compact<u64>', incentive: 'Compact<u16>', consensus: 'Compact<u16>',
    trust: 'Compact<u16>', validatorTrust: 'Compact<u16>', dividends: 'Compact<u16>', lastUpdate: 'Compact<u64>',
    validatorPermit: 'bool', pruningScore: 'Compact<u16>',
  },
  DelegateInfoV1: {
    delegateSs58: 'AccountId32', take: 'Compact<u16>', nominators: 'Vec<(AccountId32, Compact<u64>)>', ownerSs58: 'AccountId32',
    registrations: 'Vec<Compact<u16>>', validatorPermits: 'Vec<Compact<u16>>', returnPer1000: 'Compact<u64>', totalDailyReturn: 'Compact<u64>',
  },
  DelegateInfoV2: {
    delegateSs58: 'AccountId32', take: 'Compact<u16>', nominators: 'Vec<(AccountId32, Vec<(Compact<u16>, Compact<u64>)>)>',
    ownerSs58: 'AccountId32', registrations: 'Vec<Compact<u16>>', validatorPermits: 'Vec<Compact<u16>>',
    returnPer1000: 'Compact<u64>', totalDailyReturn: 'Compact<u64>',
  },
};
const registry = new TypeRegistry();
registry.register(RUNTIME_TYPES);

const hex = (u8) => u8aToHex(u8);
const account = (tag, i) => blake2AsU8a(`seismic-test-${tag}-${i}`, 256);
const s = (v) => v.toString(); // amounts as decimal strings (u64 does not fit a JS number)

function neuronJson(n) {
  const axon = n.axonInfo, prom = n.prometheusInfo;
  return {
    hotkey: n.hotkey.toHex(), coldkey: n.coldkey.toHex(), uid: n.uid.toNumber(), netuid: n.netuid.toNumber(),
    active: n.active.isTrue,
    axon: { block: s(axon.block), version: axon.version.toNumber(), ip: s(axon.ip), port: axon.port.toNumber(), ipType: axon.ipType.toNumber(), protocol: axon.protocol.toNumber(), placeholder1: axon.placeholder1.toNumber(), placeholder2: axon.placeholder2.toNumber() },
    prometheus: { block: s(prom.block), version: prom.version.toNumber(), ip: s(prom.ip), port: prom.port.toNumber(), ipType: prom.ipType.toNumber() },
    stake: n.stake.map(([a, v]) => [a.toHex(), s(v.unwrap())]),
    rank: n.rank.toNumber(), emission: s(n.emission.unwrap()), incentive: n.incentive.toNumber(), consensus: n.consensus.toNumber(),
    trust: n.trust.toNumber(), validatorTrust: n.validatorTrust.toNumber(), dividends: n.dividends.toNumber(),
    lastUpdate: s(n.lastUpdate.unwrap()), validatorPermit: n.validatorPermit.isTrue, pruningScore: n.pruningScore.toNumber(),
  };
}

function delegateJson(d, extra, v2) {
  const nominators = [];
  for (const [a, st] of d.nominators) {
    if (v2) for (const [netuid, amount] of st) nominators.push([a.toHex(), netuid.toNumber(), s(amount.unwrap())]);
    else nominators.push([a.toHex(), 0, s(st.unwrap())]);
  }
  return {
    delegate: d.delegateSs58.toHex(), owner: d.ownerSs58.toHex(), take: d.take.toNumber(), nominators,
    registrations: d.registrations.map((x) => x.toNumber()), validatorPermits: d.validatorPermits.map((x) => x.toNumber()),
    returnPer1000: s(d.returnPer1000.unwrap()), totalDailyReturn: s(d.totalDailyReturn.unwrap()),
    stakedNetuid: v2 ? extra[0].toNumber() : 0, staked: s(v2 ? extra[1].unwrap() : extra.unwrap()),
  };
}

let provider;
async function connect() {
  provider = new WsProvider(opt('url'));
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

// value of a storage item encoded with the runtime's own metadata type
function encodeValue(api, entry, value) {
  const t = entry.creator.meta.type;
  const lookup = t.isMap ? t.asMap.value : t.asPlain;
  return hex(api.registry.createTypeUnsafe(api.registry.createLookupType(lookup), [value]).toU8a()); // (toHex of an integer is its big-endian value)
}

async function newBlock(api) {
  await provider.send('dev_newBlock', [{ count: 1 }]);
  return (await api.rpc.chain.getHeader()).hash.toHex();
}

async function readBalances(api, addresses, at) {
  const apiAt = await api.at(at);
  const infos = await apiAt.query.system.account.multi(addresses);
  return addresses.map((address, i) => ({ address, free: s(infos[i].data.free), reserved: s(infos[i].data.reserved), frozen: s(infos[i].data.frozen) }));
}

async function fixtures() {
  const api = await connect();
  const n = Number(opt('accounts', '1000'));
  const pairs = [];
  const addresses = [];
  for (let i = 0; i < n; i++) {
    const id = account('coldkey', i);
    const address = encodeAddress(id, 42);
    addresses.push(address);
    const info = encodeValue(api, api.query.system.account, {
      nonce: i, consumers: 0, providers: 1, sufficients: 0,
      data: { free: 1000000000n * BigInt(i + 1) + BigInt(i), reserved: BigInt(i) * 7n, frozen: BigInt(i) * 3n, flags: 1n << 127n },
    });
    pairs.push([api.query.system.account.key(address), info]);
  }
  // four neurons on subnet 1, every field distinct
  const st = api.query.subtensorModule;
  const netuid = 1, count = 4;
  const hotkeys = [...Array(count)].map((_, u) => encodeAddress(account('hotkey', u), 42));
  const coldkeys = [...Array(count)].map((_, u) => encodeAddress(account('owner', u), 42));
  pairs.push([st.subnetworkN.key(netuid), encodeValue(api, st.subnetworkN, count)]);
  const vec16 = (base) => [...Array(count)].map((_, u) => base + 1000 * u + 7);
  const vec64 = (base) => [...Array(count)].map((_, u) => BigInt(base) + 1000000007n * BigInt(u + 1));
  pairs.push([st.active.key(netuid), encodeValue(api, st.active, [true, false, true, true])]);
  pairs.push([st.validatorPermit.key(netuid), encodeValue(api, st.validatorPermit, [false, true, true, false])]);
  for (const [name, base] of [['rank', 11], ['trust', 12], ['consensus', 13], ['incentive', 14], ['dividends', 15], ['validatorTrust', 16], ['pruningScores', 17]])
    pairs.push([st[name].key(netuid), encodeValue(api, st[name], vec16(base))]);
  pairs.push([st.emission.key(netuid), encodeValue(api, st.emission, vec64(123456789))]);
  pairs.push([st.lastUpdate.key(netuid), encodeValue(api, st.lastUpdate, vec64(42))]);
  for (let u = 0; u < count; u++) {
    pairs.push([st.keys.key(netuid, u), encodeValue(api, st.keys, hotkeys[u])]);
    pairs.push([st.uids.key(netuid, hotkeys[u]), encodeValue(api, st.uids, u)]);
    pairs.push([st.owner.key(hotkeys[u]), encodeValue(api, st.owner, coldkeys[u])]);
    pairs.push([st.axons.key(netuid, hotkeys[u]), encodeValue(api, st.axons, { block: 100 + u, version: 7 + u, ip: (3232235777n + BigInt(u)), port: 8091 + u, ipType: 4, protocol: 4, placeholder1: 1, placeholder2: 2 })]);
    pairs.push([st.prometheus.key(netuid, hotkeys[u]), encodeValue(api, st.prometheus, { block: 200 + u, version: 9, ip: (1n << 120n) + BigInt(u), port: 7091 + u, ipType: 6 })]);
    pairs.push([st.totalHotkeyAlpha.key(hotkeys[u], netuid), encodeValue(api, st.totalHotkeyAlpha, 5000000000n + BigInt(u))]);
  }
  // into a fresh block's state, after its hooks ran (block production would run subtensor's epoch over them)
  const hash = await newBlock(api);
  await provider.send('dev_setStorage', [pairs, hash]);
  const header = await api.rpc.chain.getHeader(hash);
  const apiAt = await api.at(hash);

  const balances = await readBalances(api, addresses, hash);
  const unknown = [...Array(5)].map((_, i) => encodeAddress(account('unknown', i), 42));
  const unknownBalances = await readBalances(api, unknown, hash);

  const raw = await api.rpc.state.call('NeuronInfoRuntimeApi_get_neurons_lite', hex(api.createType('u16', netuid).toU8a()), hash);
  const inner = registry.createType('Bytes', raw.toU8a(true)); // spec 218: the answer is Bytes
  const neurons = registry.createType('Vec<NeuronInfoLite>', inner.toU8a(true));
  if (neurons.toU8a().length !== inner.toU8a(true).length) throw new Error('neurons_lite: the oracle left bytes over');

  const total = (await apiAt.query.subtensorModule.totalNetworks()).toNumber();
  const netuids = (await apiAt.query.subtensorModule.networksAdded.entries()).filter(([, v]) => v.isTrue).map(([k]) => k.args[0].toNumber()).sort((a, b) => a - b);
  const alpha = await Promise.all(hotkeys.map(async (h) => s(await apiAt.query.subtensorModule.totalHotkeyAlpha(h, netuid))));

  // typed (>= 233) encodings by the registry
  const acct = (tag, i) => hex(account(tag, i));
  const typedInput = neurons.toJSON();
  typedInput[0].stake = [[acct('staker', 0), 123], [acct('staker', 1), 18446744073709551615n]];
  typedInput[2].stake = [[acct('staker', 2), 1n << 32n]];
  const typedNeurons = registry.createType('Vec<NeuronInfoLite>', typedInput);
  const v1 = registry.createType('Vec<(DelegateInfoV1, Compact<u64>)>', [
    [{ delegateSs58: acct('delegate', 0), take: 11796, nominators: [[acct('nominator', 0), 123456789012], [acct('nominator', 1), 5]], ownerSs58: acct('owner', 9), registrations: [0, 1, 3], validatorPermits: [1], returnPer1000: 777, totalDailyReturn: 98765 }, 4242],
    [{ delegateSs58: acct('delegate', 1), take: 0, nominators: [], ownerSs58: acct('owner', 8), registrations: [], validatorPermits: [], returnPer1000: 0, totalDailyReturn: 0 }, 0],
  ]);
  const v2 = registry.createType('Vec<(DelegateInfoV2, (Compact<u16>, Compact<u64>))>', [
    [{ delegateSs58: acct('delegate', 2), take: 65535, nominators: [[acct('nominator', 2), [[1, 10], [7, 18446744073709551615n]]], [acct('nominator', 3), [[2, 1]]]], ownerSs58: acct('owner', 7), registrations: [1, 7, 65535], validatorPermits: [7], returnPer1000: 12, totalDailyReturn: 34 }, [7, 99999999999]],
  ]);

  const out = {
    blockHash: hash, blockNumber: header.number.toNumber(), specVersion: (await api.rpc.state.getRuntimeVersion(hash)).specVersion.toNumber(),
    balances, unknown: unknownBalances, netuid, hotkeys, alpha, total, netuids,
    neurons: neurons.map(neuronJson),
    typed: {
      neuronsHex: typedNeurons.toHex(), neurons: typedNeurons.map(neuronJson),
      delegatedV1Hex: v1.toHex(), delegatedV1: v1.map(([d, x]) => delegateJson(d, x, false)),
      delegatedV2Hex: v2.toHex(), delegatedV2: v2.map(([d, x]) => delegateJson(d, x, true)),
    },
  };
  writeFileSync(opt('out'), JSON.stringify(out, null, 1));
  await api.disconnect();
}

async function change() {
  const api = await connect();
  const fixture = JSON.parse(readFileSync(opt('fixture'), 'utf8'));
  const pairs = fixture.balances.map((b, i) => [
    api.query.system.account.key(b.address),
    encodeValue(api, api.query.system.account, { nonce: i + 1, consumers: 0, providers: 1, sufficients: 0, data: { free: BigInt(b.free) + 1000003n, reserved: BigInt(b.reserved) + 1n, frozen: 0n, flags: 1n << 127n } }),
  ]);
  // the next block, then its storage: the fixture's pinned block keeps the old values
  const hash = await newBlock(api);
  await provider.send('dev_setStorage', [pairs, hash]);
  const head = (await api.rpc.chain.getHeader()).hash.toHex();
  const balances = await readBalances(api, fixture.balances.map((b) => b.address), head);
  writeFileSync(opt('out'), JSON.stringify({ blockHash: head, balances }, null, 1));
  await api.disconnect();
}

function vectors() {
  const id = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
  const ss58 = Object.fromEntries([0, 2, 42, 63, 64, 255, 1000, 16383].map((p) => [p, encodeAddress(id, p)]));
  const long = 'x'.repeat(100);
  console.log(JSON.stringify({ ss58, twox128Long: xxhashAsHex(long, 128), blake2_256Long: blake2AsHex(long, 256) }));
}

const main = { fixtures, change, vectors }[cmd];
if (!main) {
  console.error('usage: substrate-oracle.js fixtures|change|vectors --url WS ...');
  process.exit(2);
}
await main();
process.exit(0);
