import CLMDB

/// The operations shared by read and write transactions, on a raw `MDB_txn`.
///
/// `mapFullFlag` is non-nil for write transactions: every write that fails with `MDB_MAP_FULL` raises it,
/// so that `LMDBEnvironment.write` grows the map and re-runs the body even when the body swallowed the
/// error.
struct LMDBTransactionCore {
    let txn: OpaquePointer
    let mapFullFlag: UnsafeMutablePointer<Bool>?

    var isWritable: Bool { mapFullFlag != nil }

    /// Builds the error for `rc`, noting `MDB_MAP_FULL` for the retry logic.
    func failure(_ rc: Int32, _ context: @autoclosure () -> String) -> LMDBError {
        if rc == MDB_MAP_FULL { mapFullFlag?.pointee = true }
        return LMDBError(code: rc, context: context())
    }

    func get(_ db: LMDBDatabase, key: UnsafeRawBufferPointer) throws(LMDBError) -> UnsafeRawBufferPointer? {
        var k = MDB_val(borrowing: key)
        var v = MDB_val.empty
        let rc = mdb_get(txn, db.dbi, &k, &v)
        switch rc {
        case MDB_SUCCESS: return v.bytes
        case MDB_NOTFOUND: return nil
        default: throw failure(rc, "reading a key of \(db)")
        }
    }

    func withCursor<R>(_ db: LMDBDatabase, _ body: (inout LMDBCursor) throws -> R) throws -> R {
        var pointer: OpaquePointer?
        let rc = mdb_cursor_open(txn, db.dbi, &pointer)
        guard rc == MDB_SUCCESS, let pointer else {
            throw failure(rc, "opening a cursor on \(db)")
        }
        var cursor = LMDBCursor(cursor: pointer, database: db, mapFullFlag: mapFullFlag)
        defer { mdb_cursor_close(cursor.cursor) }
        return try body(&cursor)
    }

    func stat(_ db: LMDBDatabase) throws(LMDBError) -> LMDBStat {
        var stat = MDB_stat()
        let rc = mdb_stat(txn, db.dbi, &stat)
        guard rc == MDB_SUCCESS else { throw failure(rc, "reading statistics of \(db)") }
        return LMDBStat(stat)
    }
}

/// The read operations available in every transaction, read-only or read-write.
///
/// Write generic helpers against it to share code between reads and writes:
///
/// ```swift
/// func loadHead(_ txn: borrowing some LMDBReadableTransaction & ~Copyable) throws -> UInt64? { … }
/// ```
///
/// Every `UnsafeRawBufferPointer` returned by a transaction or its cursors points into the memory map:
/// it is valid only until the transaction ends (and, in a write transaction, only until the next write).
/// Copy the bytes (`Array(buffer)`) to keep them longer.
public protocol LMDBReadableTransaction: ~Copyable {
    /// The value stored for `key`, or `nil` when there is none (`MDB_NOTFOUND`).
    ///
    /// In a `dupSort` database this is the first value of the key. The returned bytes are valid only until
    /// the transaction ends (in a write transaction, until the next write).
    func get(_ db: LMDBDatabase, key: UnsafeRawBufferPointer) throws(LMDBError) -> UnsafeRawBufferPointer?

    /// The value stored for `key`, or `nil` when there is none (`MDB_NOTFOUND`).
    ///
    /// The returned bytes are valid only until the transaction ends (in a write transaction, until the
    /// next write).
    func get(_ db: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> UnsafeRawBufferPointer?

    /// Opens a cursor on `db`, runs `body` with it and closes it.
    ///
    /// The cursor and the bytes it returns must not be used once `body` returns.
    func withCursor<R>(_ db: LMDBDatabase, _ body: (inout LMDBCursor) throws -> R) throws -> R

    /// The number of entries in `db` (every duplicate counts), from `mdb_stat`.
    func count(_ db: LMDBDatabase) throws(LMDBError) -> Int

    /// The statistics of `db` (`mdb_stat`).
    func stat(_ db: LMDBDatabase) throws(LMDBError) -> LMDBStat
}

extension LMDBReadableTransaction where Self: ~Copyable {
    /// A copy of the value stored for `key`, or `nil` when there is none; safe to keep after the transaction.
    public func getBytes(_ db: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> [UInt8]? {
        guard let value = try get(db, key: key) else { return nil }
        return Array(value)
    }

    /// Whether `db` holds `key`.
    public func contains(_ db: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> Bool {
        try get(db, key: key) != nil
    }
}
