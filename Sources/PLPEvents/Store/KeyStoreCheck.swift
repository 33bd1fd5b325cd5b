import Crypto
internal import LMDBKit

/// How far `backup` or `restore` could check a ledger's key store (its master key's check value and the members' keys
/// wrapped under that key).
public enum KeyStoreStanding: Sendable, Equatable {
    /// The check value is that of the master key `masterKey` (its identifier), and every one of the `memberKeys`
    /// wrapped keys opens with it.
    case opens(masterKey: String, memberKeys: UInt64)
    /// No master key was at hand (or, for a backup, the one at hand is another ledger's): the key store's form was
    /// checked, and for a restore that it is the one the backup recorded, not that the key opens it.
    case notChecked(memberKeys: UInt64)
}

/// What is wrong with a key store, found by ``KeyStoreCheck``.
enum KeyStoreProblem: Error, Equatable {
    /// The key given is another ledger's: `given` and the ledger's (`recorded`, when it records one) identifiers.
    case anotherKey(given: String, recorded: String?)
    /// The key store was altered: what was found, as the end of a sentence.
    case altered(String)

    /// What was found, to follow "the key store of … was altered: ".
    var finding: String {
        switch self {
        case .altered(let finding): return finding
        case .anotherKey(let given, let recorded):
            return "the master key \(given) does not open it" + (recorded.map { " (its key is \($0))" } ?? "")
        }
    }
}

/// The checks of a ledger's key store that `backup` and `restore` make before they write a copy, so that no copy is
/// made, and no ledger restored, whose contact data its own master key can no longer open.
///
/// Without a key: the check value is 32 bytes and not all zeros, it is there whenever the key's identifier is, and
/// every wrapped member key has the size of one. With the master key: the check value is that key's (a check value
/// that does not match the key whose identifier the ledger records was altered; one that matches neither is another
/// ledger's key) and every wrapped member key opens with it. Against a backup's mark (``BackupMark``): as many keys,
/// the same SHA-256 over the key store (the check value, the identifier and every wrapped member key) and, with the
/// key, the same HMAC — a check value or a member key deleted, added or changed since the backup was made is found.
enum KeyStoreCheck {
    /// The size of a wrapped member key: AES-GCM's nonce, the 32-byte key and the tag.
    static let wrappedKeyBytes = ContactSealing.nonceBytes + 32 + ContactSealing.tagBytes

    /// Checks the key store of `store` in one read transaction.
    ///
    /// - Parameters:
    ///   - master: the master key at hand, if any.
    ///   - mark: the backup's mark to compare with (restore), if any.
    ///   - ignoringAnotherKey: a key that is another ledger's is set aside instead of refused (backup, which needs
    ///     no key).
    /// - Returns: how far the key store was checked, and the mark that records it as it is now.
    /// - Throws: ``KeyStoreProblem``.
    static func check(_ store: EventStore, master: MasterKey?, mark: BackupMark?,
                      ignoringAnotherKey: Bool) throws -> (standing: KeyStoreStanding, summary: BackupMark) {
        try store.environment.read { txn in
            let check = try txn.get(store.meta, key: StoreKeys.masterKeyCheck).map { [UInt8]($0) }
            let recorded = try txn.get(store.meta, key: StoreKeys.masterKeyID).map { String(decoding: $0, as: UTF8.self) }
            let named = recorded.map { " \($0)" } ?? ""
            if let check {
                guard check.count == 32 else { throw KeyStoreProblem.altered("the check value of its master key\(named) is \(check.count) bytes, not 32") }
                guard check.contains(where: { $0 != 0 }) else { throw KeyStoreProblem.altered("the check value of its master key\(named) is all zeros") }
            } else if let recorded {
                throw KeyStoreProblem.altered("the check value of its master key \(recorded) is missing, though the key's identifier is there")
            }
            var key: MasterKey?
            if let master {
                if let check {
                    if check.withUnsafeBytes({ MasterKeyCheck.matches($0, key: master) }) {
                        key = master
                    } else if recorded == master.identifier {
                        throw KeyStoreProblem.altered("the check value it keeps of its master key \(master.identifier) does not match that key")
                    } else if !ignoringAnotherKey {
                        throw KeyStoreProblem.anotherKey(given: master.identifier, recorded: recorded)
                    }
                } else {
                    key = master  // no check value yet: the wrapped keys tell
                }
            }
            var digest = SHA256()
            var seal = key.map { HMAC<SHA256>(key: $0.key) }
            for (name, value) in [(StoreKeys.masterKeyCheck, check), (StoreKeys.masterKeyID, recorded.map { Array($0.utf8) })] {
                guard let value else { continue }
                let framed = frame(tag: metaTag, name: name, value: value)
                digest.update(data: framed)
                seal?.update(data: framed)
            }
            var count: UInt64 = 0, opened: UInt64 = 0
            var firstClosed: String?
            try txn.withCursor(store.memberKeys) { cursor in
                var entry = try cursor.first()
                while let (memberBytes, wrapped) = entry {
                    let member = String(decoding: memberBytes, as: UTF8.self)
                    guard wrapped.count == wrappedKeyBytes else {
                        throw KeyStoreProblem.altered("the wrapped key of member/\(member) is \(wrapped.count) bytes, not \(wrappedKeyBytes)")
                    }
                    let framed = frame(tag: memberTag, name: [UInt8](memberBytes), value: [UInt8](wrapped))
                    digest.update(data: framed)
                    seal?.update(data: framed)
                    if let key {
                        if ContactSealing.unwrap(wrapped, member: member, master: key) != nil {
                            opened += 1
                        } else if firstClosed == nil {
                            firstClosed = member
                        }
                    }
                    count += 1
                    entry = try cursor.next()
                }
            }
            if let used = key, let member = firstClosed {
                if check != nil {
                    throw KeyStoreProblem.altered("the wrapped key of member/\(member) does not open with its master key \(used.identifier)")
                } else if opened > 0 {
                    throw KeyStoreProblem.altered("the wrapped key of member/\(member) does not open with the master key \(used.identifier), which opens the others")
                } else if !ignoringAnotherKey {
                    throw KeyStoreProblem.anotherKey(given: used.identifier, recorded: recorded)
                }
                key = nil
                seal = nil
            }
            let summary = BackupMark(memberKeys: count, digest: Array(digest.finalize()), seal: seal.map { Array($0.finalize()) })
            if let mark {
                guard mark.memberKeys == count else {
                    throw KeyStoreProblem.altered("it holds \(count) wrapped member keys where the backup recorded \(mark.memberKeys)")
                }
                guard mark.digest == summary.digest else {
                    throw KeyStoreProblem.altered("its master key's check value or its wrapped member keys are not the ones the backup recorded")
                }
                if let recordedSeal = mark.seal, let seal = summary.seal, recordedSeal != seal {
                    throw KeyStoreProblem.altered("its master key's check value or its wrapped member keys are not the ones the backup "
                                                  + "recorded under its master key")
                }
            }
            let standing: KeyStoreStanding = key.map { .opens(masterKey: $0.identifier, memberKeys: count) } ?? .notChecked(memberKeys: count)
            return (standing, summary)
        }
    }

    /// The tags of the entries of the key store's digest: the master key's check value and identifier (from `meta`),
    /// then each wrapped member key.
    static let metaTag: UInt8 = 1, memberTag: UInt8 = 2

    /// The bytes one entry adds to the key store's digest: its tag, then its name (a `meta` key or a member id) and
    /// its value, each after its length as a big-endian `UInt32`.
    static func frame(tag: UInt8, name: [UInt8], value: [UInt8]) -> [UInt8] {
        [tag] + UInt32(name.count).bigEndianBytes + name + UInt32(value.count).bigEndianBytes + value
    }
}
