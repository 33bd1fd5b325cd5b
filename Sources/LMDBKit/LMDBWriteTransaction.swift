import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-write transaction, valid only inside the closure of `LMDBEnvironment.write` that received it.
///
/// It reads like `LMDBReadTransaction` (and sees its own writes), and writes. Nothing is visible to other
/// transactions until the closure returns and the transaction commits; if the closure throws, everything
/// is discarded.
///
/// - Important: The closure may run **more than once** (see `LMDBEnvironment.write`). Keep side effects
///   other than writes to this transaction out of it, or make them idempotent.
///
/// Bytes returned by reads are valid only until the next write in this transaction, and never after it
/// ends.
public struct LMDBWriteTransaction: ~Copyable, LMDBReadableTransaction {
    let core: LMDBTransactionCore

    init(txn: OpaquePointer, mapFullFlag: UnsafeMutablePointer<Bool>) {
        core = LMDBTransactionCore(txn: txn, mapFullFlag: mapFullFlag)
    }

    // MARK: - Reads

    /// The value stored for `key`, or `nil` when there is none. The bytes are valid only until the next
    /// write in this transaction.
    public func get(_ db: LMDBDatabase, key: UnsafeRawBufferPointer) throws(LMDBError) -> UnsafeRawBufferPointer? {
        try core.get(db, key: key)
    }

    /// The value stored for `key`, or `nil` when there is none. The bytes are valid only until the next
    /// write in this transaction.
    public func get(_ db: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> UnsafeRawBufferPointer? {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in try core.get(db, key: key) }
    }

    /// Opens a cursor on `db`, runs `body` with it and closes it. The cursor can also write
    /// (`LMDBCursor.put`, `LMDBCursor.deleteCurrent`).
    public func withCursor<R>(_ db: LMDBDatabase, _ body: (inout LMDBCursor) throws -> R) throws -> R {
        try core.withCursor(db, body)
    }

    /// The number of entries in `db` (every duplicate counts), including this transaction's changes.
    public func count(_ db: LMDBDatabase) throws(LMDBError) -> Int {
        try core.stat(db).entries
    }

    /// The statistics of `db` (`mdb_stat`), including this transaction's changes.
    public func stat(_ db: LMDBDatabase) throws(LMDBError) -> LMDBStat {
        try core.stat(db)
    }

    // MARK: - Writes

    /// Stores `value` for `key`.
    ///
    /// - Parameter flags: `noOverwrite` / `noDupData` make an existing key (pair) a `false` result instead
    ///   of a replacement; `append` / `appendDup` are fast paths for keys (values) in increasing order,
    ///   where an out-of-order key throws `LMDBError.keyExists`.
    /// - Returns: `true` when written, `false` when `noOverwrite`/`noDupData` found the key (pair) already.
    /// - Throws: `LMDBError` (e.g. `badValueSize` for an empty or too long key). A full map is handled by
    ///   `LMDBEnvironment.write`, which grows it and runs the transaction again.
    @discardableResult
    public mutating func put(
        _ db: LMDBDatabase,
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer,
        flags: LMDBPutFlags = []
    ) throws(LMDBError) -> Bool {
        let flags = flags.intersection(.allowedForPut)
        var k = MDB_val(borrowing: key)
        var v = MDB_val(borrowing: value)
        let rc = mdb_put(core.txn, db.dbi, &k, &v, flags.rawValue)
        return try putResult(rc, db: db, flags: flags)
    }

    /// Stores `value` for `key`; see `put(_:key:value:flags:)` with buffers.
    @discardableResult
    public mutating func put(
        _ db: LMDBDatabase,
        key: [UInt8],
        value: [UInt8],
        flags: LMDBPutFlags = []
    ) throws(LMDBError) -> Bool {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in
            try lmdbWithBytes(value) { (value) throws(LMDBError) in
                let flags = flags.intersection(.allowedForPut)
                var k = MDB_val(borrowing: key)
                var v = MDB_val(borrowing: value)
                let rc = mdb_put(core.txn, db.dbi, &k, &v, flags.rawValue)
                return try putResult(rc, db: db, flags: flags)
            }
        }
    }

    /// Reserves `count` bytes for the value of `key` and lets `fill` write them in place (`MDB_RESERVE`),
    /// which saves a copy for large values.
    ///
    /// `fill` must write all `count` bytes and must not keep the buffer. Not available for `dupSort`
    /// databases (LMDB forbids it).
    ///
    /// - Returns: `true` when written, `false` when `noOverwrite` found the key already (then `fill` is not
    ///   called).
    @discardableResult
    public mutating func reserve(
        _ db: LMDBDatabase,
        key: UnsafeRawBufferPointer,
        count: Int,
        flags: LMDBPutFlags = [],
        fill: (UnsafeMutableRawBufferPointer) -> Void
    ) throws(LMDBError) -> Bool {
        guard count >= 0 else {
            throw LMDBError(code: EINVAL, message: "reserving \(count) bytes in \(db): negative size")
        }
        guard !db.flags.contains(.dupSort) else {
            throw LMDBError(
                code: LMDBError.incompatible.code,
                message: "reserving a value in \(db): MDB_RESERVE is not allowed in a dupSort database")
        }
        let flags = flags.intersection([.noOverwrite, .append])
        var k = MDB_val(borrowing: key)
        var v = MDB_val(mv_size: count, mv_data: nil)
        let rc = mdb_put(core.txn, db.dbi, &k, &v, flags.rawValue | UInt32(MDB_RESERVE))
        guard try putResult(rc, db: db, flags: flags) else { return false }
        if count > 0, let data = v.mv_data {
            fill(UnsafeMutableRawBufferPointer(start: data, count: count))
        } else {
            fill(UnsafeMutableRawBufferPointer(start: nil, count: 0))
        }
        return true
    }

    /// Deletes `key` (with every value in a `dupSort` database), or only the pair `key`/`value` when a
    /// value is given.
    ///
    /// - Returns: `true` when something was deleted, `false` when there was nothing to delete.
    @discardableResult
    public mutating func delete(
        _ db: LMDBDatabase,
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer? = nil
    ) throws(LMDBError) -> Bool {
        var k = MDB_val(borrowing: key)
        let rc: Int32
        if let value {
            var v = MDB_val(borrowing: value)
            rc = mdb_del(core.txn, db.dbi, &k, &v)
        } else {
            rc = mdb_del(core.txn, db.dbi, &k, nil)
        }
        switch rc {
        case MDB_SUCCESS: return true
        case MDB_NOTFOUND: return false
        default: throw core.failure(rc, "deleting a key of \(db)")
        }
    }

    /// Deletes `key` (all its values), or only the pair `key`/`value` when a value is given.
    ///
    /// - Returns: `true` when something was deleted, `false` when there was nothing to delete.
    @discardableResult
    public mutating func delete(_ db: LMDBDatabase, key: [UInt8], value: [UInt8]? = nil) throws(LMDBError) -> Bool {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in
            guard let value else { return try delete(db, key: key, value: nil) }
            return try lmdbWithBytes(value) { (value) throws(LMDBError) in
                try delete(db, key: key, value: value)
            }
        }
    }

    /// Deletes every entry of `db`; the database itself stays (`mdb_drop` with `del = 0`), unless `deletingIt`, which
    /// also removes the database from the environment (`del = 1`; its handle is then closed).
    public mutating func drop(_ db: LMDBDatabase, deletingIt: Bool = false) throws(LMDBError) {
        let rc = mdb_drop(core.txn, db.dbi, deletingIt ? 1 : 0)
        guard rc == MDB_SUCCESS else { throw core.failure(rc, "emptying \(db)") }
    }

    // MARK: - Internals

    private func putResult(_ rc: Int32, db: LMDBDatabase, flags: LMDBPutFlags) throws(LMDBError) -> Bool {
        switch rc {
        case MDB_SUCCESS:
            return true
        case MDB_KEYEXIST where !flags.isDisjoint(with: .keyExistsIsAnAnswer):
            return false
        case MDB_KEYEXIST where !flags.isDisjoint(with: [.append, .appendDup]):
            throw LMDBError(
                code: rc,
                message: "appending to \(db): the key (or value) is not greater than the last one (MDB_KEYEXIST)")
        default:
            throw core.failure(rc, "writing to \(db)")
        }
    }

    /// Opens (and with `.create`, creates) a named database in this transaction (`path` names the environment in
    /// error messages); see `LMDBEnvironment.openDatabase`.
    public func openDatabase(_ name: String, flags: LMDBDatabaseFlags, path: String) throws(LMDBError) -> LMDBDatabase {
        do {
            return try LMDBTransactionCore.openDatabase(core.txn, name: name, flags: flags, path: path)
        } catch {
            // Creating a database allocates pages: a full map must grow like for any other write.
            if error.code == MDB_MAP_FULL { core.mapFullFlag?.pointee = true }
            throw error
        }
    }
}

extension LMDBTransactionCore {
    /// The persistent flag bits LMDB stores with a database.
    static let persistentFlagMask: UInt32 = UInt32(
        MDB_REVERSEKEY | MDB_DUPSORT | MDB_INTEGERKEY | MDB_DUPFIXED | MDB_INTEGERDUP | MDB_REVERSEDUP)

    /// `mdb_dbi_open` plus a check that the stored flags are the requested ones.
    static func openDatabase(
        _ txn: OpaquePointer,
        name: String,
        flags: LMDBDatabaseFlags,
        path: String
    ) throws(LMDBError) -> LMDBDatabase {
        var dbi = MDB_dbi()
        let rc = name.withCString { mdb_dbi_open(txn, $0, flags.rawValue, &dbi) }
        switch rc {
        case MDB_SUCCESS:
            break
        case MDB_NOTFOUND:
            throw LMDBError(
                code: rc,
                message: "opening database '\(name)' in \(path): it does not exist"
                    + (flags.contains(.create) ? "" : " (pass .create to create it)"))
        case MDB_DBS_FULL:
            throw LMDBError(
                code: rc,
                message: "opening database '\(name)' in \(path): too many named databases (raise LMDBOptions.maxDatabases)")
        case MDB_INCOMPATIBLE:
            throw LMDBError(
                code: rc,
                message: "opening database '\(name)' in \(path): the name is not a database, or its flags differ")
        default:
            throw LMDBError(code: rc, context: "opening database '\(name)' in \(path)")
        }
        var stored: UInt32 = 0
        let frc = mdb_dbi_flags(txn, dbi, &stored)
        guard frc == MDB_SUCCESS else {
            throw LMDBError(code: frc, context: "reading the flags of database '\(name)' in \(path)")
        }
        let actual = LMDBDatabaseFlags(rawValue: stored & persistentFlagMask)
        let requested = LMDBDatabaseFlags(rawValue: flags.rawValue & persistentFlagMask)
        guard actual == requested else {
            throw LMDBError(
                code: LMDBError.incompatible.code,
                message: "opening database '\(name)' in \(path): it was created with flags 0x\(String(actual.rawValue, radix: 16)) "
                    + "but opened with 0x\(String(requested.rawValue, radix: 16))")
        }
        return LMDBDatabase(dbi: dbi, name: name, flags: actual)
    }
}
