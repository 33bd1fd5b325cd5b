internal import LMDBKit

/// Whether a master key is the ledger's, as far as the ledger can tell.
enum MasterKeyStanding: Sendable, Equatable {
    /// The ledger records the check value of this key.
    case confirmed
    /// The ledger records no check value (made before it existed, or not yet sealed anything), and the key is
    /// consistent with its key store (which is empty, or whose first key it unwraps): record it.
    case unrecorded
}

extension LedgerReads {
    /// How `master` stands with this ledger.
    ///
    /// - Throws: ``LedgerError`` when the key is not the ledger's: its check value differs, or (for a ledger without
    ///   one) it does not unwrap a member key of the key store.
    func standing(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of master: MasterKey) throws -> MasterKeyStanding {
        if let stored = try txn.get(store.meta, key: StoreKeys.masterKeyCheck) {
            guard MasterKeyCheck.matches(stored, key: master) else { throw try wrongMasterKey(txn, master) }
            return .confirmed
        }
        let opens: Bool? = try txn.withCursor(store.memberKeys) { cursor in
            guard let (member, wrapped) = try cursor.first() else { return nil }
            return ContactSealing.unwrap(wrapped, member: String(decoding: member, as: UTF8.self), master: master) != nil
        }
        if opens == false { throw try wrongMasterKey(txn, master) }
        return .unrecorded
    }

    /// The sentence for a master key that is not the ledger's (it does not match the check value, or does not open
    /// `member`'s wrapped key) — or that is, by the check value or the identifier the ledger records: then the key
    /// store was altered, and the sentence says what, rather than name the same key twice.
    func wrongMasterKey(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, _ master: MasterKey,
                        member: String? = nil) throws -> LedgerError {
        let recorded = try txn.get(store.meta, key: StoreKeys.masterKeyID).map({ String(decoding: $0, as: UTF8.self) })
        if let member {
            let checkHolds = try txn.get(store.meta, key: StoreKeys.masterKeyCheck).map { MasterKeyCheck.matches($0, key: master) } ?? false
            if checkHolds || recorded == master.identifier {
                return LedgerError.damaged(store.path, "the wrapped key of member/\(member) does not open with its master key "
                                           + "\(master.identifier) (its key store was altered)")
            }
        }
        if let id = recorded {
            if id == master.identifier {
                return LedgerError.damaged(store.path, "the check value it keeps of its master key \(id) does not match that key "
                                           + "(its key store was altered)")
            }
            return LedgerError(.wrongMasterKey, "the master key \(master.identifier) is not this ledger's (its key is \(id)); nothing was written")
        }
        return LedgerError(.wrongMasterKey, "the master key \(master.identifier) is not this ledger's (it does not open the ledger's key store); nothing was written")
    }

    /// Records the check value and identifier of `master` in `meta`.
    func recordMasterKeyCheck(_ txn: inout LMDBWriteTransaction, _ master: MasterKey) throws {
        _ = try txn.put(store.meta, key: StoreKeys.masterKeyCheck, value: MasterKeyCheck.value(of: master))
        _ = try txn.put(store.meta, key: StoreKeys.masterKeyID, value: Array(master.identifier.utf8))
    }

    /// Checks `master` before it seals anything in the write transaction `txn`, recording its check value when the
    /// ledger has none yet (in the same transaction, so it is kept only if the sealed data is).
    func checkBeforeSealing(_ txn: inout LMDBWriteTransaction, _ master: MasterKey) throws {
        if try standing(txn, of: master) == .unrecorded { try recordMasterKeyCheck(&txn, master) }
    }
}

extension EventStore {
    /// Whether this process holds the ledger's master key: false without a key.
    ///
    /// - Throws: ``LedgerError`` (`wrong-master-key`) when the key it holds is not the ledger's.
    public func holdsMasterKey() throws -> Bool {
        guard let master = masterKey else { return false }
        try currentStaging()
        let reads = LedgerReads(store: self)
        _ = try environment.read { txn in try reads.standing(txn, of: master) }
        return true
    }

    /// Records the check value of this process's master key when the ledger has none and the key fits its key store
    /// (called when a ledger is made with a key: `init`, `demo`). Does nothing without a key.
    ///
    /// - Throws: ``LedgerError`` when the key is not the ledger's.
    public func adoptMasterKey() throws {
        guard let master = masterKey else { return }
        let reads = LedgerReads(store: self)
        guard try environment.read({ txn in try reads.standing(txn, of: master) }) == .unrecorded else { return }
        try environment.write { txn in
            try reads.checkBeforeSealing(&txn, master)
        }
    }

    /// The identifier of the master key the ledger records (see ``MasterKey/identifier``), if it records one.
    public func recordedMasterKeyIdentifier() throws -> String? {
        try environment.read { txn in try txn.get(meta, key: StoreKeys.masterKeyID).map { String(decoding: $0, as: UTF8.self) } }
    }
}
