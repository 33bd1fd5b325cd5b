internal import LMDBKit

/// What a backup records about itself, under the key `backup` of its `meta` database: that it is a backup — so that
/// a command that writes refuses it until it is restored (``LedgerError/Code/isBackup``; reading commands work on it)
/// — and its key store as it was made, so that `restore` finds a key store changed since (a member key deleted, added
/// or altered).
///
/// The value is `"plp-ledger backup v1"`, the number of wrapped member keys (u64 big-endian), the SHA-256 of the key
/// store (``KeyStoreCheck``) and, when the backup was made with the ledger's master key, an HMAC-SHA256 of the same
/// bytes under that key (32 bytes; absent otherwise), which nobody without the key can forge. A restored ledger has
/// no mark.
struct BackupMark: Sendable, Equatable {
    /// The key in `meta`.
    static let metaKey = Array("backup".utf8)
    /// The first bytes of the value.
    static let label = Array("plp-ledger backup v1".utf8)

    /// The number of wrapped member keys in the key store.
    var memberKeys: UInt64
    /// SHA-256 over the key store: the master key's check value and identifier, then the wrapped keys in key order
    /// (``KeyStoreCheck/frame(tag:name:value:)``).
    var digest: [UInt8]
    /// HMAC-SHA256 of the same bytes under the master key, when the backup was made with it.
    var seal: [UInt8]?

    /// The stored form.
    var bytes: [UInt8] {
        Self.label + memberKeys.bigEndianBytes + digest + (seal ?? [])
    }

    /// Reads a stored mark; nil when the bytes are not one.
    init?(_ stored: UnsafeRawBufferPointer) {
        let bytes = [UInt8](stored)
        let fixed = Self.label.count + 8 + 32
        guard bytes.count == fixed || bytes.count == fixed + 32, bytes.starts(with: Self.label),
              let count = UInt64(bigEndianBytes: UnsafeRawBufferPointer(rebasing: stored[Self.label.count..<(Self.label.count + 8)]))
        else { return nil }
        memberKeys = count
        digest = Array(bytes[(fixed - 32)..<fixed])
        seal = bytes.count > fixed ? Array(bytes[fixed...]) : nil
    }

    init(memberKeys: UInt64, digest: [UInt8], seal: [UInt8]?) {
        self.memberKeys = memberKeys
        self.digest = digest
        self.seal = seal
    }

    /// Whether the ledger open in `txn` is a backup (its `meta` holds a mark, readable or not).
    static func isPresent(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, meta: LMDBDatabase) throws -> Bool {
        try txn.get(meta, key: metaKey) != nil
    }

    /// The sentence for a command that would write to the backup at `path`.
    static func refusal(_ path: String) -> LedgerError {
        LedgerError(.isBackup, "\(path) is a backup, not a ledger: restore it first with plp-ledger restore \(path) --ledger NEW-LEDGER, "
                    + "and write to that one; nothing was written (reading commands work on a backup as it is)")
    }
}

extension EventStore {
    /// Whether this ledger is a backup (made by ``backup(to:)`` and not restored).
    public func isBackup() throws -> Bool {
        try environment.read { txn in try BackupMark.isPresent(txn, meta: meta) }
    }

    /// The backup's mark; nil for a ledger, or a mark that is not readable (a backup of an earlier version has none).
    func backupMark() throws -> BackupMark? {
        try environment.read { txn in try txn.get(meta, key: BackupMark.metaKey).flatMap { BackupMark($0) } }
    }

    /// Records `mark` (nil: removes it) in one durable transaction.
    func setBackupMark(_ mark: BackupMark?) throws {
        try environment.write { txn in
            if let mark {
                _ = try txn.put(meta, key: BackupMark.metaKey, value: mark.bytes)
            } else {
                _ = try txn.delete(meta, key: BackupMark.metaKey)
            }
        }
    }
}
