import CLMDB
import Synchronization

/// Finished read transactions kept reset (`mdb_txn_reset`) for reuse with `mdb_txn_renew`.
final class LMDBReadTransactionPool: Sendable {
    private struct Pooled: @unchecked Sendable { let txn: OpaquePointer }
    private let storage = Mutex<[Pooled]>([])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// A reset transaction, if any.
    func take() -> OpaquePointer? {
        storage.withLock { $0.popLast() }?.txn
    }

    /// Keeps a finished (already reset) transaction, or aborts it when the pool is full.
    func give(_ txn: OpaquePointer) {
        let kept = storage.withLock { pool -> Bool in
            guard pool.count < capacity else { return false }
            pool.append(Pooled(txn: txn))
            return true
        }
        if !kept { mdb_txn_abort(txn) }
    }

    /// Aborts every pooled transaction (frees their reader slots).
    func drain() {
        let all = storage.withLock { pool -> [Pooled] in
            defer { pool.removeAll() }
            return pool
        }
        for pooled in all { mdb_txn_abort(pooled.txn) }
    }
}
