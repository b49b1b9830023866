// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IDirectory {
    function checkHasKey(address) external view returns (bool);
    function keyHash(address) external view returns (bytes32);
    function encrypt(address to, bytes calldata plaintext) external returns (bytes memory);
}

// SRC20-shaped token (spec §5). Shielded entry points via fallback() by Seismic selector:
//   transfer(address,suint256) 0xb10c99b5, approve(address,suint256) 0x2e62b8c8,
//   transferFrom(address,address,suint256) 0x9552331e (args ABI-encoded as uint256).
// Events per §5.1/§5.5: for each party (from/to, owner/spender) one event; a party with a
// Directory key gets keyHash = keccak(key) and encryptedAmount = AES-GCM(key, n, amount32) || n
// (computed on-chain through the Directory and the dev node's AES-GCM precompile stand-in);
// a party without a key gets bytes32(0) and empty bytes. Intelligence providers (§5.3) are not modelled.
contract SRC20Token {
    IDirectory internal constant DIRECTORY = IDirectory(0x1000000000000000000000000000000000000004);

    string public name;
    string public symbol;
    uint8 public decimals;
    uint256 public totalSupply;
    mapping(address => uint256) private balances;
    mapping(address => mapping(address => uint256)) private allowances;

    event Transfer(address indexed from, address indexed to, bytes32 indexed encryptKeyHash, bytes encryptedAmount);
    event Approval(address indexed owner, address indexed spender, bytes32 indexed encryptKeyHash, bytes encryptedAmount);

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    fallback(bytes calldata input) external returns (bytes memory) {
        bytes4 sel = msg.sig;
        if (sel == 0xb10c99b5) {
            (address to, uint256 amount) = abi.decode(input[4:], (address, uint256));
            _transfer(msg.sender, to, amount);
            return abi.encode(true);
        }
        if (sel == 0x2e62b8c8) {
            (address spender, uint256 amount) = abi.decode(input[4:], (address, uint256));
            allowances[msg.sender][spender] = amount;
            _emitApproval(msg.sender, spender, amount);
            return abi.encode(true);
        }
        if (sel == 0x9552331e) {
            (address from, address to, uint256 amount) = abi.decode(input[4:], (address, address, uint256));
            uint256 allowed = allowances[from][msg.sender];
            if (allowed != type(uint256).max) {
                require(allowed >= amount, "SRC20: insufficient allowance");
                allowances[from][msg.sender] = allowed - amount;
            }
            _transfer(from, to, amount);
            return abi.encode(true);
        }
        revert("SRC20: unknown selector");
    }

    /// Test helper: public mint.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balances[to] += amount;
        _emitTransfer(address(0), to, amount);
    }

    /// Caller's balance (signed read). Both names exist in the SDKs (spec §5.1).
    function balance() external view returns (uint256) {
        return balances[msg.sender];
    }

    function balanceOf() external view returns (uint256) {
        return balances[msg.sender];
    }

    /// Caller's allowance for `spender` (signed read).
    function allowance(address spender) external view returns (uint256) {
        return allowances[msg.sender][spender];
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(to != address(0), "SRC20: transfer to zero address");
        require(balances[from] >= amount, "SRC20: insufficient balance");
        balances[from] -= amount;
        balances[to] += amount;
        _emitTransfer(from, to, amount);
    }

    function _encFor(address party, uint256 amount) internal returns (bytes32 h, bytes memory enc) {
        if (party != address(0) && DIRECTORY.checkHasKey(party)) {
            h = DIRECTORY.keyHash(party);
            enc = DIRECTORY.encrypt(party, abi.encode(amount));
        }
    }

    function _emitTransfer(address from, address to, uint256 amount) internal {
        (bytes32 h1, bytes memory e1) = _encFor(from, amount);
        emit Transfer(from, to, h1, e1);
        (bytes32 h2, bytes memory e2) = _encFor(to, amount);
        emit Transfer(from, to, h2, e2);
    }

    function _emitApproval(address owner, address spender, uint256 amount) internal {
        (bytes32 h1, bytes memory e1) = _encFor(owner, amount);
        emit Approval(owner, spender, h1, e1);
        (bytes32 h2, bytes memory e2) = _encFor(spender, amount);
        emit Approval(owner, spender, h2, e2);
    }
}
