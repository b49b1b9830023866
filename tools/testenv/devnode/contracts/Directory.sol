// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Seismic Directory predeploy (spec §5.2), installed by the dev node at
// 0x1000000000000000000000000000000000000004 with anvil_setCode (no constructor runs).
// Shielded entry point setKey(suint256) (selector 0x70df0933) is reached through fallback(),
// since standard solc has no suint256; its argument is ABI-encoded as uint256.
contract Directory {
    address internal constant RNG = address(0x64);
    address internal constant AES_GCM_ENCRYPT = address(0x66);

    mapping(address => uint256) private keys;
    uint256 private encryptCounter;

    event KeySet(address);

    fallback() external {
        if (msg.sig == 0x70df0933) {
            // setKey(suint256 key)
            require(msg.data.length == 36, "Directory: bad setKey calldata");
            uint256 key = abi.decode(msg.data[4:], (uint256));
            require(key != 0, "Directory: key must be non-zero");
            keys[msg.sender] = key;
            emit KeySet(msg.sender);
            return;
        }
        revert("Directory: unknown selector");
    }

    /// The caller's viewing key (use a signed read).
    function getKey() external view returns (uint256) {
        return keys[msg.sender];
    }

    function checkHasKey(address who) public view returns (bool) {
        return keys[who] != 0;
    }

    function keyHash(address who) public view returns (bytes32) {
        return keccak256(abi.encode(keys[who]));
    }

    /// AES-GCM(key_to, n, plaintext, no AAD) || n, with n a u96 from the RNG precompile.
    function encrypt(address to, bytes calldata plaintext) external returns (bytes memory) {
        uint256 key = keys[to];
        require(key != 0, "Directory: recipient has no key");
        (bool ok, bytes memory rnd) =
            RNG.staticcall(abi.encodePacked(uint32(12), abi.encode(encryptCounter++, msg.sender, to)));
        require(ok && rnd.length == 12, "Directory: rng failed");
        bytes12 nonce = bytes12(rnd);
        bytes memory ct;
        (ok, ct) = AES_GCM_ENCRYPT.staticcall(abi.encodePacked(bytes32(key), nonce, plaintext));
        require(ok, "Directory: aes-gcm failed");
        return abi.encodePacked(ct, nonce);
    }
}
