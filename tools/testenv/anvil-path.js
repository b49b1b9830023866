// Path of the anvil binary shipped by the npm package @foundry-rs/anvil-linux-amd64
// (installed by `npm ci --prefix tools/testenv`). The package puts it in <pkg>/bin/anvil.
//   import { anvilPath } from './anvil-path.js'
//   node tools/testenv/anvil-path.js        -> prints the absolute path
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export function anvilPath() {
  if (process.env.ANVIL_BIN) return process.env.ANVIL_BIN;
  const pkgJson = require.resolve('@foundry-rs/anvil-linux-amd64/package.json');
  const p = path.join(path.dirname(pkgJson), 'bin', 'anvil');
  if (!existsSync(p)) throw new Error(`anvil binary not found at ${p}; run: npm ci --prefix tools/testenv`);
  return p;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(anvilPath());
}
