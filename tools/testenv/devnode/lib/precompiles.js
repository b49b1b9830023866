// Off-chain evaluation of the Seismic precompiles (spec §6.2) for direct, unsigned
// `eth_call {to: 0x…64..0x…69, data}` requests. Contract-internal calls cannot reach
// this code (Anvil runs the EVM); for those, the dev node installs Solidity stand-ins
// at 0x64 (RNG) and 0x66/0x67 (AES-GCM) — see contracts/Precompiles.sol.
import { randomBytes } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { gcm } from '@noble/ciphers/aes.js';
import { utf8ToBytes, concatBytes } from '@noble/hashes/utils.js';
import { SeismicError, INFO_REQUEST } from './seismic.js';

export const PRECOMPILES = {
  '0x0000000000000000000000000000000000000064': 'rng',
  '0x0000000000000000000000000000000000000065': 'ecdh',
  '0x0000000000000000000000000000000000000066': 'aesGcmEncrypt',
  '0x0000000000000000000000000000000000000067': 'aesGcmDecrypt',
  '0x0000000000000000000000000000000000000068': 'hkdf',
  '0x0000000000000000000000000000000000000069': 'secp256k1Sign',
};

const fail = (m) => {
  throw new SeismicError(`precompile error: ${m}`, 3);
};

export function runPrecompile(name, input) {
  switch (name) {
    case 'rng': {
      if (input.length < 4) fail('rng input must be u32 num_bytes || pers');
      const n = new DataView(input.buffer, input.byteOffset, 4).getUint32(0);
      if (n < 1 || n > 32) fail('rng num_bytes must be 1..32');
      return new Uint8Array(randomBytes(n));
    }
    case 'ecdh': {
      if (input.length !== 65) fail('ecdh input must be sk(32) || compressed pk(33)');
      let point;
      try {
        point = secp256k1.getSharedSecret(input.subarray(0, 32), input.subarray(32), true);
      } catch (e) {
        fail(`ecdh: ${e.message}`);
      }
      return hkdf(sha256, sha256(point), undefined, utf8ToBytes(INFO_REQUEST), 32);
    }
    case 'aesGcmEncrypt': {
      if (input.length < 44) fail('aes-gcm encrypt input must be key(32) || nonce(12) || plaintext');
      return gcm(input.subarray(0, 32), input.subarray(32, 44)).encrypt(input.subarray(44));
    }
    case 'aesGcmDecrypt': {
      if (input.length < 60) fail('aes-gcm decrypt input must be key(32) || nonce(12) || ciphertext||tag(>=16)');
      try {
        return gcm(input.subarray(0, 32), input.subarray(32, 44)).decrypt(input.subarray(44));
      } catch {
        fail('aes-gcm decryption failed (invalid tag)');
      }
      break;
    }
    case 'hkdf':
      return hkdf(sha256, input, undefined, utf8ToBytes('seismic_hkdf_105'), 32);
    case 'secp256k1Sign': {
      if (input.length !== 64) fail('secp256k1 sign input must be sk(32) || msgHash(32)');
      let sig;
      try {
        sig = secp256k1.sign(input.subarray(32), input.subarray(0, 32), { prehash: false, format: 'recovered' });
      } catch (e) {
        fail(`sign: ${e.message}`);
      }
      // recovered format = recovery(1) || r(32) || s(32); output r || s || v with v = 27 + recovery
      return concatBytes(sig.subarray(1), new Uint8Array([27 + sig[0]]));
    }
  }
  fail(`unknown precompile ${name}`);
}
