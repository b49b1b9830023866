// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// AES-256-GCM (NIST SP 800-38D, 96-bit IV, 128-bit tag, no AAD) in plain Solidity.
/// Used only by the dev node's stand-ins for the Seismic AES-GCM precompiles (0x66/0x67),
/// because Anvil cannot run native Seismic precompiles. Gas-heavy (~0.1M gas per 16-byte
/// block) but exact: it is cross-checked against the noble-ciphers library in the dev node tests.
library AesGcm {
    bytes internal constant SBOX = hex"637c777bf26b6fc53001672bfed7ab76ca82c97dfa5947f0add4a2af9ca472c0b7fd9326363ff7cc34a5e5f171d8311504c723c31896059a071280e2eb27b27509832c1a1b6e5aa0523bd6b329e32f8453d100ed20fcb15b6acbbe394a4c58cfd0efaafb434d338545f9027f503c9fa851a3408f929d38f5bcb6da2110fff3d2cd0c13ec5f974417c4a77e3d645d197360814fdc222a908846eeb814de5e0bdbe0323a0a4906245cc2d3ac629195e479e7c8376d8dd54ea96c56f4ea657aae08ba78252e1ca6b4c6e8dd741f4bbd8b8a703eb5664803f60e613557b986c11d9ee1f8981169d98e949b1e87e9ce5528df8ca1890dbfe6426841992d0fb054bb16";
    uint256 private constant R = 0xE1000000000000000000000000000000;
    uint256 private constant M128 = (1 << 128) - 1;

    function _sb(bytes memory sb, uint256 x) private pure returns (uint256 y) {
        assembly {
            y := byte(0, mload(add(add(sb, 32), x)))
        }
    }

    function _subWord(bytes memory sb, uint256 w) private pure returns (uint256) {
        return (_sb(sb, (w >> 24) & 0xff) << 24) | (_sb(sb, (w >> 16) & 0xff) << 16)
            | (_sb(sb, (w >> 8) & 0xff) << 8) | _sb(sb, w & 0xff);
    }

    function _xt(uint256 b) private pure returns (uint256) {
        return ((b << 1) ^ (((b >> 7) & 1) * 0x1b)) & 0xff; // branchless: gas must not depend on data
    }

    function expandKey(bytes32 key, bytes memory sb) internal pure returns (uint256[60] memory w) {
        unchecked {
            for (uint256 i = 0; i < 8; i++) w[i] = (uint256(key) >> (224 - 32 * i)) & 0xffffffff;
            uint256 rcon = 1;
            for (uint256 i = 8; i < 60; i++) {
                uint256 t = w[i - 1];
                if (i % 8 == 0) {
                    t = _subWord(sb, ((t << 8) | (t >> 24)) & 0xffffffff) ^ (rcon << 24);
                    rcon = _xt(rcon);
                } else if (i % 8 == 4) {
                    t = _subWord(sb, t);
                }
                w[i] = w[i - 8] ^ t;
            }
        }
    }

    // SubBytes + ShiftRows for one output column: row r comes from input column (c + r) % 4
    function _sr(bytes memory sb, uint256 a, uint256 b, uint256 c, uint256 d) private pure returns (uint256) {
        return (_sb(sb, (a >> 24) & 0xff) << 24) | (_sb(sb, (b >> 16) & 0xff) << 16)
            | (_sb(sb, (c >> 8) & 0xff) << 8) | _sb(sb, d & 0xff);
    }

    function _mix(uint256 col) private pure returns (uint256) {
        uint256 a0 = (col >> 24) & 0xff;
        uint256 a1 = (col >> 16) & 0xff;
        uint256 a2 = (col >> 8) & 0xff;
        uint256 a3 = col & 0xff;
        uint256 x0 = _xt(a0);
        uint256 x1 = _xt(a1);
        uint256 x2 = _xt(a2);
        uint256 x3 = _xt(a3);
        return ((x0 ^ x1 ^ a1 ^ a2 ^ a3) << 24) | ((a0 ^ x1 ^ x2 ^ a2 ^ a3) << 16)
            | ((a0 ^ a1 ^ x2 ^ x3 ^ a3) << 8) | (x0 ^ a0 ^ a1 ^ a2 ^ x3);
    }

    function encryptBlock(uint256[60] memory w, bytes memory sb, uint256 input) internal pure returns (uint256) {
        uint256[4] memory s;
        s[0] = ((input >> 96) & 0xffffffff) ^ w[0];
        s[1] = ((input >> 64) & 0xffffffff) ^ w[1];
        s[2] = ((input >> 32) & 0xffffffff) ^ w[2];
        s[3] = (input & 0xffffffff) ^ w[3];
        unchecked {
            for (uint256 round = 1; round <= 14; round++) {
                uint256 n0 = _sr(sb, s[0], s[1], s[2], s[3]);
                uint256 n1 = _sr(sb, s[1], s[2], s[3], s[0]);
                uint256 n2 = _sr(sb, s[2], s[3], s[0], s[1]);
                uint256 n3 = _sr(sb, s[3], s[0], s[1], s[2]);
                if (round != 14) {
                    n0 = _mix(n0);
                    n1 = _mix(n1);
                    n2 = _mix(n2);
                    n3 = _mix(n3);
                }
                s[0] = n0 ^ w[4 * round];
                s[1] = n1 ^ w[4 * round + 1];
                s[2] = n2 ^ w[4 * round + 2];
                s[3] = n3 ^ w[4 * round + 3];
            }
        }
        return (s[0] << 96) | (s[1] << 64) | (s[2] << 32) | s[3];
    }

    /// GF(2^128) multiplication in GCM's bit order.
    function gmul(uint256 x, uint256 y) internal pure returns (uint256 z) {
        uint256 v = y;
        unchecked {
            for (uint256 i = 0; i < 128; i++) {
                // branchless, so that gas does not depend on the data (estimates stay exact)
                z ^= v * ((x >> (127 - i)) & 1);
                v = (v >> 1) ^ (R * (v & 1));
            }
        }
    }

    function _load16(bytes memory b, uint256 off, uint256 n) private pure returns (uint256 v) {
        assembly {
            v := shr(128, mload(add(add(b, 32), off)))
        }
        if (n < 16) v &= M128 ^ ((1 << (8 * (16 - n))) - 1);
    }

    function _store16(bytes memory b, uint256 off, uint256 v, uint256 n) private pure {
        assembly {
            let p := add(add(b, 32), off)
            let keep := sub(shl(mul(8, sub(32, n)), 1), 1)
            mstore(p, or(and(mload(p), keep), and(shl(128, v), not(keep))))
        }
    }

    function _inc32(uint256 ctr) private pure returns (uint256) {
        unchecked {
            return (ctr & (M128 ^ 0xffffffff)) | ((ctr + 1) & 0xffffffff);
        }
    }

    /// Core: CTR-crypt data and return (output, tag over the ciphertext).
    function _gcm(bytes32 key, bytes12 iv, bytes memory data, bool encrypting)
        private
        pure
        returns (bytes memory out, uint256 tag)
    {
        bytes memory sb = SBOX;
        uint256[60] memory w = expandKey(key, sb);
        uint256 h = encryptBlock(w, sb, 0);
        uint256 j0 = (uint256(uint96(iv)) << 32) | 1;
        uint256 ctr = j0;
        uint256 x = 0;
        uint256 len = data.length;
        out = new bytes(len);
        for (uint256 off = 0; off < len; off += 16) {
            uint256 n = len - off < 16 ? len - off : 16;
            ctr = _inc32(ctr);
            uint256 mask = n == 16 ? M128 : M128 ^ ((1 << (8 * (16 - n))) - 1);
            uint256 inBlk = _load16(data, off, n);
            uint256 outBlk = (inBlk ^ encryptBlock(w, sb, ctr)) & mask;
            _store16(out, off, outBlk, n);
            x = gmul(x ^ (encrypting ? outBlk : inBlk), h);
        }
        x = gmul(x ^ (len * 8), h); // len(A) = 0 (upper 64 bits), len(C) in bits
        tag = x ^ encryptBlock(w, sb, j0);
    }

    /// Returns ciphertext || tag (16 bytes).
    function encrypt(bytes32 key, bytes12 iv, bytes memory plaintext) internal pure returns (bytes memory) {
        (bytes memory ct, uint256 tag) = _gcm(key, iv, plaintext, true);
        return abi.encodePacked(ct, bytes16(uint128(tag)));
    }

    /// Input ciphertext || tag; reverts on a bad tag.
    function decrypt(bytes32 key, bytes12 iv, bytes memory ctAndTag) internal pure returns (bytes memory) {
        require(ctAndTag.length >= 16, "AesGcm: input shorter than tag");
        uint256 n = ctAndTag.length - 16;
        bytes memory ct = new bytes(n);
        for (uint256 i = 0; i < n; i++) ct[i] = ctAndTag[i];
        uint256 given;
        assembly {
            given := shr(128, mload(add(add(ctAndTag, 32), n)))
        }
        (bytes memory pt, uint256 tag) = _gcm(key, iv, ct, false);
        require(tag == given, "AesGcm: invalid tag");
        return pt;
    }
}
