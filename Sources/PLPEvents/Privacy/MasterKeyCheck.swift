import Crypto

/// The check value a ledger keeps of its master key: HMAC-SHA256 of a fixed label under the key. It tells whether a
/// key is the ledger's without holding the key, or anything that would help find it.
enum MasterKeyCheck {
    /// The label the check value authenticates.
    static let label = Array("plp-ledger master key check v1".utf8)

    /// The check value of `key` (32 bytes).
    static func value(of key: MasterKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: label, using: key.key))
    }

    /// Whether `stored` is the check value of `key` (compared in constant time).
    static func matches(_ stored: UnsafeRawBufferPointer, key: MasterKey) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(stored, authenticating: label, using: key.key)
    }
}
