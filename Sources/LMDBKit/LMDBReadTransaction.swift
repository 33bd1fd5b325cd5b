import CLMDB

/// A read-only snapshot of the environment, valid only inside the closure of `LMDBEnvironment.read`
/// that received it.
///
/// The transaction sees the data as of its start, whatever other threads and processes commit meanwhile.
/// It is non-copyable and lent to the closure, so it cannot outlive it; the buffers it returns can, but
/// must not: they point into the memory map and are valid only until the closure returns.
public struct LMDBReadTransaction: ~Copyable, LMDBReadableTransaction {
    let core: LMDBTransactionCore

    init(txn: OpaquePointer) {
        core = LMDBTransactionCore(txn: txn, mapFullFlag: nil)
    }

    /// The value stored for `key`, or `nil` when there is none. The bytes are valid only until the
    /// transaction ends.
    public func get(_ db: LMDBDatabase, key: UnsafeRawBufferPointer) throws(LMDBError) -> UnsafeRawBufferPointer? {
        try core.get(db, key: key)
    }

    /// The value stored for `key`, or `nil` when there is none. The bytes are valid only until the
    /// transaction ends.
    public func get(_ db: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> UnsafeRawBufferPointer? {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in try core.get(db, key: key) }
    }

    /// Opens a read-only cursor on `db`, runs `body` with it and closes it.
    public func withCursor<R>(_ db: LMDBDatabase, _ body: (inout LMDBCursor) throws -> R) throws -> R {
        try core.withCursor(db, body)
    }

    /// The number of entries in `db` (every duplicate counts).
    public func count(_ db: LMDBDatabase) throws(LMDBError) -> Int {
        try core.stat(db).entries
    }

    /// The statistics of `db` (`mdb_stat`).
    public func stat(_ db: LMDBDatabase) throws(LMDBError) -> LMDBStat {
        try core.stat(db)
    }
}
