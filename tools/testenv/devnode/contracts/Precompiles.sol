// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {AesGcm} from "./AesGcm.sol";

// EVM stand-ins for Seismic precompiles, installed by the dev node with anvil_setCode so that
// contracts (Directory -> SRC20 events) can call them exactly like on a Seismic chain.
// Input/output formats follow spec §6.2 (raw concatenations, raw return data).
// Direct unsigned eth_call requests to 0x64..0x69 never reach these: the dev node answers
// them off-chain (lib/precompiles.js), including ECDH (0x65), HKDF (0x68) and sign (0x69).

/// 0x...64 RNG: input u32be(num_bytes 1..32) || pers -> num_bytes pseudo-random bytes.
/// NOT secure randomness (dev only): keccak of block data, the caller, gasleft and pers.
contract RngPrecompile {
    fallback(bytes calldata input) external returns (bytes memory) {
        require(input.length >= 4, "rng: input too short");
        uint256 n = uint32(bytes4(input[0:4]));
        require(n >= 1 && n <= 32, "rng: num_bytes must be 1..32");
        bytes32 r = keccak256(
            abi.encodePacked(block.prevrandao, block.number, block.timestamp, msg.sender, tx.origin, gasleft(), input)
        );
        bytes memory out = new bytes(n);
        for (uint256 i = 0; i < n; i++) out[i] = r[i];
        return out;
    }
}

/// 0x...66 AES-GCM encrypt: key(32) || nonce(12) || plaintext -> ciphertext || tag
contract AesGcmEncryptPrecompile {
    fallback(bytes calldata input) external returns (bytes memory) {
        require(input.length >= 44, "aes-gcm: input too short");
        return AesGcm.encrypt(bytes32(input[0:32]), bytes12(input[32:44]), input[44:]);
    }
}

/// 0x...67 AES-GCM decrypt: key(32) || nonce(12) || ciphertext || tag -> plaintext (reverts on bad tag)
contract AesGcmDecryptPrecompile {
    fallback(bytes calldata input) external returns (bytes memory) {
        require(input.length >= 60, "aes-gcm: input too short");
        return AesGcm.decrypt(bytes32(input[0:32]), bytes12(input[32:44]), input[44:]);
    }
}
