// Exit 0 if every package of package-lock.json is installed at its locked version, so `make deps` can skip
// `npm ci`. Looks in tools/testenv/node_modules, then in tools/node_modules: Node finds packages in a parent
// directory's node_modules too, and checkouts from before the move of package.json into tools/testenv/
// have theirs there.
//   node tools/testenv/check-deps.js     -> exit 0 (up to date) or 1 (prints the first missing package)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const lock = JSON.parse(readFileSync(path.join(HERE, 'package-lock.json'), 'utf8'));
const wanted = Object.entries(lock.packages).filter(([key, p]) => key.startsWith('node_modules/') && !p.optional);

function missingIn(root) {
  for (const [key, p] of wanted) {
    try {
      const installed = JSON.parse(readFileSync(path.join(root, key, 'package.json'), 'utf8'));
      if (installed.version !== p.version) return `${key} ${installed.version} (locked: ${p.version})`;
    } catch {
      return `${key} (not installed)`;
    }
  }
  return null;
}

const roots = [HERE, path.dirname(HERE)];
const problems = roots.map(missingIn);
if (problems.some((m) => m === null)) process.exit(0);
console.error(`npm packages out of date: ${problems[0]}`);
process.exit(1);
