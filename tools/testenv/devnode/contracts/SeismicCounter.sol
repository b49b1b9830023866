// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Test contract. Shielded (suint256) entry points are reached through fallback() by their
// Seismic selectors; their arguments are ABI-encoded as the public twin (uint256):
//   setNumber(suint256) 0x24a7f0b7, setValue(suint256) 0x666fe77e.
contract SeismicCounter {
    uint256 private number;
    mapping(uint256 => uint256) private values;
    uint256 public count;

    event NumberSet(address indexed by);
    event ValueSet(uint256 indexed index);

    fallback() external payable {
        if (msg.sig == 0x24a7f0b7) {
            number = abi.decode(msg.data[4:], (uint256));
            emit NumberSet(msg.sender);
            return;
        }
        if (msg.sig == 0x666fe77e) {
            values[count] = abi.decode(msg.data[4:], (uint256));
            emit ValueSet(count);
            count++;
            return;
        }
        revert("SeismicCounter: unknown selector");
    }

    receive() external payable {}

    function increment() external {
        number++;
    }

    function getNumber() external view returns (uint256) {
        return number;
    }

    function isOdd() external view returns (bool) {
        return number % 2 == 1;
    }

    function getValue(uint256 i) external view returns (uint256) {
        return values[i];
    }

    function revertWithSecret() external pure {
        revert("secret revert");
    }

    function whoAmI() external view returns (address) {
        return msg.sender;
    }
}
