#!/usr/bin/env node
// Checks the argument-order rule stated in seismic.h's top comment on every SEISMIC_API declaration:
// the object the function acts on first, then inputs, then outputs, seismic_error* last.
// Usage: node tests/api_order.js [header]   (default seismic.h). Prints each violator and exits 1.
'use strict';
const fs = require('fs');

const file = process.argv[2] || 'seismic.h';
let text = fs.readFileSync(file, 'utf8');
const impl = text.indexOf('#if defined(SEISMIC_IMPLEMENTATION) && !defined(SEISMIC_IMPLEMENTATION_DONE_)');
if (impl >= 0) text = text.slice(0, impl); // the declarations; definitions repeat them
text = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');

// Types that are objects acted on (handles and stateful contexts): a non-const pointer to one is the
// subject when it comes first, never an output.
const OBJECTS = new Set(['seismic_client', 'seismic_wallet', 'seismic_subtensor', 'seismic_log_watcher',
    'seismic_src20_watcher', 'seismic_scale_reader', 'seismic_json_writer', 'seismic_abi_args',
    'seismic_keccak', 'seismic_blake2b_ctx', 'seismic_json', 'seismic_encryption']);
// Functions that append to a seismic_buf (or advance a cursor) as a stream: the buffer is their subject.
const STREAMS = /^seismic_(buf_|rlp_put_|rlp_list_begin$|rlp_list_end$|rlp_next$)/;

// Splits a parameter list at its top-level commas (a function-pointer parameter has its own).
function splitTopLevel(list) {
    const parts = [];
    let depth = 0, start = 0;
    for (let i = 0; i < list.length; i++) {
        if (list[i] === '(' || list[i] === '[') depth++;
        else if (list[i] === ')' || list[i] === ']') depth--;
        else if (list[i] === ',' && depth === 0) parts.push(list.slice(start, i)), start = i + 1;
    }
    parts.push(list.slice(start));
    return parts;
}

function parseParam(p) {
    p = p.trim().replace(/\s+/g, ' ');
    const fnptr = p.match(/\(\s*\*\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)/); // a callback: an input
    if (fnptr) return { text: p, type: p, base: 'function', name: fnptr[1], stars: 0, array: false, writable: false };
    let array = false;
    const arr = p.match(/^(.*?)\s*\[[^\]]*\]$/);
    if (arr) { p = arr[1]; array = true; }
    const m = p.match(/^(.*?)([A-Za-z_][A-Za-z0-9_]*)$/);
    const type = m ? m[1].trim() : p, name = m ? m[2] : '';
    const stars = (type.match(/\*/g) || []).length;
    const base = type.replace(/\*/g, ' ').replace(/\b(const|struct)\b/g, ' ').trim().replace(/\s+/g, ' ');
    // const applies to the pointee when it comes before the last '*' ("const T *", "T const *")
    const beforeLastStar = stars ? type.slice(0, type.lastIndexOf('*')) : type;
    const lastStarConst = stars ? /\bconst\b/.test(beforeLastStar.slice(beforeLastStar.lastIndexOf('*') + 1)) : false;
    const writable = (stars > 0 && !lastStarConst) || (array && !/\bconst\b/.test(type));
    return { text: p, type, base, name, stars, array, writable };
}

function classify(fn, params) {
    return params.map((p, i) => {
        if (p.base === 'seismic_error' && p.stars === 1) return 'error';
        if (!p.writable) return 'input';
        if (p.base === 'void' && p.name === 'user_data') return 'input';
        if (i === 0) {
            const stem = p.base.replace(/_ctx$/, '');
            // named after its type: seismic_private_key_wipe(key), seismic_shielded_tx_sign(tx, ...); but a
            // seismic_<type>_from_*/_parse produces the value, which is then an output like any other
            const producer = fn.startsWith(stem + '_from_') || fn === stem + '_parse';
            if ((OBJECTS.has(p.base) && p.stars === 1) || (fn.startsWith(stem + '_') && !producer) || STREAMS.test(fn)) return 'subject';
        }
        if (OBJECTS.has(p.base) && p.stars === 1) return 'input'; // a second object the call uses
        return 'output';
    });
}

const problems = [];
let count = 0;
const re = /SEISMIC_API\s+([^;{}]*?)\b(seismic_[A-Za-z0-9_]+)\s*\(([^;{}]*)\)\s*;/g;
let m;
while ((m = re.exec(text))) {
    const fn = m[2];
    count++;
    const raw = m[3].trim();
    const params = raw === 'void' || raw === '' ? [] : splitTopLevel(raw).map(parseParam);
    const kinds = classify(fn, params);
    let seenOutput = false;
    // seismic_<type>_free/_destroy/_wipe(object, ...): the object it ends comes first
    const ender = fn.match(/^(seismic_[a-z0-9_]+?)_(free|destroy|wipe)$/);
    if (ender) {
        const at = params.findIndex(p => p.base === ender[1] || p.base.replace(/_ctx$/, '') === ender[1]);
        if (at > 0) problems.push(`${fn}: the ${ender[1]} it ends must be the first parameter`);
    }
    for (let i = 0; i < params.length; i++) {
        const k = kinds[i], p = params[i];
        if (k === 'error' && i !== params.length - 1) {
            problems.push(`${fn}: seismic_error* '${p.name}' must be the last parameter`);
        } else if (k === 'output') {
            seenOutput = true;
        } else if (k === 'input' && seenOutput) {
            // an output array's capacity or length may follow it
            const prev = params[i - 1], prevKind = kinds[i - 1];
            const isSize = /^(size_t|int|uint32_t)$/.test(p.base) && p.stars === 0 && prevKind === 'output' &&
                (prev.stars > 0 || prev.array) && /^(cap|len|n|[a-z_]*_(cap|len))$/.test(p.name);
            if (!isSize) {
                const out = params.slice(0, i).filter((q, j) => kinds[j] === 'output').map(q => q.name).join(', ');
                problems.push(`${fn}: input '${p.name}' comes after output '${out}' (outputs go after the inputs)`);
                break; // one line per function
            }
        }
    }
}
if (count < 1) {
    console.error(`${file}: no SEISMIC_API declarations found`);
    process.exit(2);
}
for (const p of problems) console.log(p);
console.log(`${count} declarations checked, ${problems.length} violation(s)`);
process.exit(problems.length ? 1 : 0);
