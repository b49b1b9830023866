// Compile tools/testenv/devnode/contracts/*.sol with the npm `solc` package into
// tools/testenv/devnode/contracts/artifacts.json ({compiler, contracts: {Name: {abi, bytecode, deployedBytecode}}}).
// Usage: node tools/testenv/devnode/compile.js   (the artifacts file is committed; rerun after editing a .sol)
import solc from 'solc';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'contracts');
const sources = {};
for (const f of readdirSync(dir).filter((f) => f.endsWith('.sol')).sort())
  sources[f] = { content: readFileSync(path.join(dir, f), 'utf8') };

const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const out = JSON.parse(
  solc.compile(JSON.stringify(input), {
    import: (p) => {
      try {
        return { contents: readFileSync(path.join(dir, path.basename(p)), 'utf8') };
      } catch {
        return { error: `not found: ${p}` };
      }
    },
  }),
);
const errors = (out.errors || []).filter((e) => e.severity === 'error');
for (const e of out.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

const contracts = {};
for (const file of Object.keys(out.contracts).sort())
  for (const [name, c] of Object.entries(out.contracts[file])) {
    if (!c.evm.bytecode.object) continue; // libraries with only internal functions, interfaces
    contracts[name] = {
      source: file,
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
    };
  }
const artifacts = { compiler: `solc ${solc.version()}`, evmVersion: 'cancun', contracts };
writeFileSync(path.join(dir, 'artifacts.json'), JSON.stringify(artifacts, null, 1) + '\n');
console.log(`compiled ${Object.keys(contracts).join(', ')} with solc ${solc.version()}`);
