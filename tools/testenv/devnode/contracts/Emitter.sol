// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Numbered events for the log watcher's tests: emitMany(n) emits the next n numbers in one
/// transaction (so in one block on an automining node), each with values derived from its number.
contract Emitter {
    event Numbered(uint256 indexed seq, address indexed sender, uint256 square, string label);

    uint256 public next;

    function emitMany(uint256 n) external {
        uint256 s = next;
        for (uint256 i = 0; i < n; i++) {
            emit Numbered(s, msg.sender, s * s, label(s));
            s++;
        }
        next = s;
    }

    /// "#" followed by the decimal digits of v.
    function label(uint256 v) public pure returns (string memory) {
        uint256 digits = 1;
        for (uint256 t = v; t >= 10; t /= 10) digits++;
        bytes memory out = new bytes(digits + 1);
        out[0] = "#";
        for (uint256 i = digits; i > 0; i--) {
            out[i] = bytes1(uint8(48 + (v % 10)));
            v /= 10;
        }
        return string(out);
    }
}
