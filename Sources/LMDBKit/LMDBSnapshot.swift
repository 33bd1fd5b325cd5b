/// A read transaction that a value can hold, for the length of one ``LMDBReadTransaction/withSnapshot(_:)`` call:
/// what a protocol-typed reader (a source of tree nodes, say) keeps instead of a pointer to the transaction.
///
/// The transaction stays lent to the call that made the snapshot; each ``read(_:)`` borrows it again. Used after
/// that call returned, the snapshot throws ``LMDBError/closed`` instead of touching a transaction that has ended.
public final class LMDBSnapshot {
    private let txn: OpaquePointer
    private var isOpen = true

    init(txn: OpaquePointer) { self.txn = txn }

    /// Runs `body` with the snapshot's transaction.
    ///
    /// - Throws: ``LMDBError/closed`` once the call that made the snapshot has returned, or what `body` throws.
    public func read<R>(_ body: (borrowing LMDBReadTransaction) throws -> R) throws -> R {
        guard isOpen else {
            throw LMDBError(code: LMDBError.closed.code, message: "a snapshot was read after its transaction ended")
        }
        return try body(LMDBReadTransaction(txn: txn))
    }

    fileprivate func end() { isOpen = false }
}

extension LMDBReadTransaction {
    /// Runs `body` with a snapshot of this transaction that values can hold during the call (see ``LMDBSnapshot``).
    public func withSnapshot<R>(_ body: (LMDBSnapshot) throws -> R) rethrows -> R {
        let snapshot = LMDBSnapshot(txn: core.txn)
        defer { snapshot.end() }
        return try body(snapshot)
    }
}
