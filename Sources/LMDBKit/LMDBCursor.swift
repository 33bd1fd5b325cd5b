import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A key and its value, pointing into the memory map (valid only while the transaction lasts, and in a
/// write transaction only until the next write).
public typealias LMDBEntry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

/// A position in a database, lent to the closure of `withCursor`.
///
/// Every move returns the entry it lands on, or `nil` when there is none (`MDB_NOTFOUND`); any other
/// failure throws. Like GRDB's `Cursor`, iteration that can fail throws instead of being a `Sequence`
/// that swallows errors:
///
/// ```swift
/// try txn.withCursor(db) { cursor in
///     var entry = try cursor.first()
///     while let (key, value) = entry {
///         …
///         entry = try cursor.next()
///     }
/// }
/// ```
///
/// The returned buffers point into the memory map: valid until the transaction ends, and in a write
/// transaction only until the next write.
public struct LMDBCursor: ~Copyable {
    let cursor: OpaquePointer
    /// The database this cursor walks.
    public let database: LMDBDatabase
    let mapFullFlag: UnsafeMutablePointer<Bool>?

    init(cursor: OpaquePointer, database: LMDBDatabase, mapFullFlag: UnsafeMutablePointer<Bool>?) {
        self.cursor = cursor
        self.database = database
        self.mapFullFlag = mapFullFlag
    }

    // MARK: - Moves

    /// Moves to the first entry (`MDB_FIRST`).
    public mutating func first() throws(LMDBError) -> LMDBEntry? { try move(MDB_FIRST, "first") }

    /// Moves to the last entry (`MDB_LAST`; in a `dupSort` database, the last value of the last key).
    public mutating func last() throws(LMDBError) -> LMDBEntry? { try move(MDB_LAST, "last") }

    /// Moves to the next entry (`MDB_NEXT`; the next value in a `dupSort` database). From a fresh cursor,
    /// moves to the first entry.
    public mutating func next() throws(LMDBError) -> LMDBEntry? { try move(MDB_NEXT, "next") }

    /// Moves to the previous entry (`MDB_PREV`). From a fresh cursor, moves to the last entry.
    public mutating func previous() throws(LMDBError) -> LMDBEntry? { try move(MDB_PREV, "previous") }

    /// The entry at the current position (`MDB_GET_CURRENT`), or `nil` when the cursor is not positioned.
    public mutating func current() throws(LMDBError) -> LMDBEntry? {
        do {
            return try move(MDB_GET_CURRENT, "current")
        } catch where error.code == EINVAL {
            return nil
        }
    }

    /// Moves to exactly `key` (`MDB_SET_KEY`; its first value in a `dupSort` database).
    public mutating func seek(key: UnsafeRawBufferPointer) throws(LMDBError) -> LMDBEntry? {
        try move(MDB_SET_KEY, "seek", key: key)
    }

    /// Moves to exactly `key` (`MDB_SET_KEY`).
    public mutating func seek(key: [UInt8]) throws(LMDBError) -> LMDBEntry? {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in try seek(key: key) }
    }

    /// Moves to the first key greater than or equal to `key` (`MDB_SET_RANGE`).
    public mutating func seek(atLeast key: UnsafeRawBufferPointer) throws(LMDBError) -> LMDBEntry? {
        try move(MDB_SET_RANGE, "seek(atLeast:)", key: key)
    }

    /// Moves to the first key greater than or equal to `key` (`MDB_SET_RANGE`).
    public mutating func seek(atLeast key: [UInt8]) throws(LMDBError) -> LMDBEntry? {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in try seek(atLeast: key) }
    }

    /// `dupSort` only: moves to exactly the pair `key`/`value` (`MDB_GET_BOTH`).
    public mutating func seek(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws(LMDBError) -> LMDBEntry? {
        try move(MDB_GET_BOTH, "seek(key:value:)", key: key, value: value, refetch: true)
    }

    /// `dupSort` only: moves to exactly the pair `key`/`value` (`MDB_GET_BOTH`).
    public mutating func seek(key: [UInt8], value: [UInt8]) throws(LMDBError) -> LMDBEntry? {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in
            try lmdbWithBytes(value) { (value) throws(LMDBError) in try seek(key: key, value: value) }
        }
    }

    /// `dupSort` only: moves to `key` and its first value greater than or equal to `value`
    /// (`MDB_GET_BOTH_RANGE`).
    public mutating func seek(key: UnsafeRawBufferPointer, atLeastValue value: UnsafeRawBufferPointer) throws(LMDBError) -> LMDBEntry? {
        try move(MDB_GET_BOTH_RANGE, "seek(key:atLeastValue:)", key: key, value: value, refetch: true)
    }

    /// `dupSort` only: moves to `key` and its first value greater than or equal to `value`
    /// (`MDB_GET_BOTH_RANGE`).
    public mutating func seek(key: [UInt8], atLeastValue value: [UInt8]) throws(LMDBError) -> LMDBEntry? {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in
            try lmdbWithBytes(value) { (value) throws(LMDBError) in try seek(key: key, atLeastValue: value) }
        }
    }

    // MARK: - Duplicates (dupSort databases)

    /// Moves to the first value of the current key (`MDB_FIRST_DUP`). The cursor must be positioned.
    public mutating func firstDuplicate() throws(LMDBError) -> LMDBEntry? {
        try move(MDB_FIRST_DUP, "firstDuplicate", refetch: true)
    }

    /// Moves to the last value of the current key (`MDB_LAST_DUP`). The cursor must be positioned.
    public mutating func lastDuplicate() throws(LMDBError) -> LMDBEntry? {
        try move(MDB_LAST_DUP, "lastDuplicate", refetch: true)
    }

    /// Moves to the next value of the current key (`MDB_NEXT_DUP`), or `nil` after its last value.
    public mutating func nextDuplicate() throws(LMDBError) -> LMDBEntry? { try move(MDB_NEXT_DUP, "nextDuplicate") }

    /// Moves to the previous value of the current key (`MDB_PREV_DUP`), or `nil` before its first value.
    public mutating func previousDuplicate() throws(LMDBError) -> LMDBEntry? { try move(MDB_PREV_DUP, "previousDuplicate") }

    /// Moves to the first value of the next key (`MDB_NEXT_NODUP`).
    public mutating func nextNoDuplicate() throws(LMDBError) -> LMDBEntry? { try move(MDB_NEXT_NODUP, "nextNoDuplicate") }

    /// Moves to the last value of the previous key (`MDB_PREV_NODUP`).
    public mutating func previousNoDuplicate() throws(LMDBError) -> LMDBEntry? { try move(MDB_PREV_NODUP, "previousNoDuplicate") }

    /// The number of values of the current key (`mdb_cursor_count`); 1 in a database without `dupSort`
    /// when positioned, 0 when not positioned.
    public mutating func countDuplicates() throws(LMDBError) -> Int {
        guard database.flags.contains(.dupSort) else {
            return try current() == nil ? 0 : 1
        }
        var count = 0
        let rc = mdb_cursor_count(cursor, &count)
        switch rc {
        case MDB_SUCCESS: return count
        case EINVAL: return 0 // not positioned
        default: throw LMDBError(code: rc, context: "counting the values of a key in \(database)")
        }
    }

    /// `dupFixed` only: the values of the current key that share its current page, packed back to back
    /// (`MDB_GET_MULTIPLE`), or `nil` when the cursor is not on a key.
    ///
    /// Position the cursor on a key first (`seek(key:)`, `first()`, …), call `getMultiple()` once, then
    /// `nextMultiple()` until it returns `nil`. Each value is `count / valueSize` bytes wide; the values of
    /// the page are returned from the page start, even when the cursor was moved inside it.
    public mutating func getMultiple() throws(LMDBError) -> UnsafeRawBufferPointer? {
        guard database.flags.contains(.dupFixed) else { throw notDupFixed("getMultiple") }
        var k = MDB_val.empty
        var v = MDB_val.empty
        let rc = mdb_cursor_get(cursor, &k, &v, MDB_GET_MULTIPLE)
        switch rc {
        case MDB_SUCCESS:
            if v.mv_data != nil { return v.bytes }
            // A key with a single value is not stored as a duplicate page: LMDB leaves `v` untouched.
            return try current()?.value
        case MDB_NOTFOUND, EINVAL:
            return nil
        default:
            throw LMDBError(code: rc, context: "reading multiple values in \(database)")
        }
    }

    /// `dupFixed` only: the next page of values of the current key, packed back to back
    /// (`MDB_NEXT_MULTIPLE`), or `nil` after the last one. From a fresh cursor, starts at the first key.
    public mutating func nextMultiple() throws(LMDBError) -> UnsafeRawBufferPointer? {
        guard database.flags.contains(.dupFixed) else { throw notDupFixed("nextMultiple") }
        var k = MDB_val.empty
        var v = MDB_val.empty
        let rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT_MULTIPLE)
        switch rc {
        case MDB_SUCCESS: return v.bytes
        case MDB_NOTFOUND: return nil
        default: throw LMDBError(code: rc, context: "reading the next values in \(database)")
        }
    }

    // MARK: - Writes (write transactions only)

    /// Stores `value` for `key` and moves the cursor onto it (`mdb_cursor_put`). Write transactions only.
    ///
    /// - Parameter flags: as for `LMDBWriteTransaction.put`, plus `current` to replace the value at the
    ///   cursor position (`key` must then equal the current key).
    /// - Returns: `true` when written, `false` when `noOverwrite`/`noDupData` found the key (pair) already.
    @discardableResult
    public mutating func put(
        key: UnsafeRawBufferPointer,
        value: UnsafeRawBufferPointer,
        flags: LMDBPutFlags = []
    ) throws(LMDBError) -> Bool {
        guard let mapFullFlag else { throw readOnly("put") }
        let flags = flags.intersection(.allowedForCursorPut)
        var k = MDB_val(borrowing: key)
        var v = MDB_val(borrowing: value)
        let rc = mdb_cursor_put(cursor, &k, &v, flags.rawValue)
        switch rc {
        case MDB_SUCCESS:
            return true
        case MDB_KEYEXIST where !flags.isDisjoint(with: .keyExistsIsAnAnswer):
            return false
        case MDB_KEYEXIST where !flags.isDisjoint(with: [.append, .appendDup]):
            throw LMDBError(
                code: rc,
                message: "appending to \(database): the key (or value) is not greater than the last one (MDB_KEYEXIST)")
        default:
            if rc == MDB_MAP_FULL { mapFullFlag.pointee = true }
            throw LMDBError(code: rc, context: "writing to \(database) with a cursor")
        }
    }

    /// Stores `value` for `key` and moves the cursor onto it. Write transactions only.
    @discardableResult
    public mutating func put(key: [UInt8], value: [UInt8], flags: LMDBPutFlags = []) throws(LMDBError) -> Bool {
        try lmdbWithBytes(key) { (key) throws(LMDBError) in
            try lmdbWithBytes(value) { (value) throws(LMDBError) in try put(key: key, value: value, flags: flags) }
        }
    }

    /// Deletes the entry at the cursor position (`mdb_cursor_del`), or with `allDuplicates`, every value of
    /// the current key. The cursor then stands on the following entry (`current()`/`next()` semantics
    /// follow LMDB's). Write transactions only.
    public mutating func deleteCurrent(allDuplicates: Bool = false) throws(LMDBError) {
        guard let mapFullFlag else { throw readOnly("deleteCurrent") }
        let rc = mdb_cursor_del(cursor, allDuplicates ? UInt32(MDB_NODUPDATA) : 0)
        guard rc == MDB_SUCCESS else {
            if rc == MDB_MAP_FULL { mapFullFlag.pointee = true }
            throw LMDBError(code: rc, context: "deleting with a cursor in \(database)")
        }
    }

    // MARK: - Internals

    private mutating func move(
        _ op: MDB_cursor_op,
        _ name: String,
        key: UnsafeRawBufferPointer? = nil,
        value: UnsafeRawBufferPointer? = nil,
        refetch: Bool = false
    ) throws(LMDBError) -> LMDBEntry? {
        var k = key.map { MDB_val(borrowing: $0) } ?? .empty
        var v = value.map { MDB_val(borrowing: $0) } ?? .empty
        var rc = mdb_cursor_get(cursor, &k, &v, op)
        if rc == MDB_SUCCESS && refetch {
            // These operations leave the key (or value) pointing at the caller's input; read both back
            // from the database.
            k = .empty
            v = .empty
            rc = mdb_cursor_get(cursor, &k, &v, MDB_GET_CURRENT)
        }
        switch rc {
        case MDB_SUCCESS:
            return (key: k.bytes, value: v.bytes)
        case MDB_NOTFOUND:
            return nil
        case EINVAL where op == MDB_FIRST_DUP || op == MDB_LAST_DUP || op == MDB_GET_CURRENT:
            throw LMDBError(code: rc, message: "cursor \(name) in \(database): the cursor is not positioned")
        default:
            throw LMDBError(code: rc, context: "cursor \(name) in \(database)")
        }
    }

    private func notDupFixed(_ name: String) -> LMDBError {
        LMDBError(code: LMDBError.incompatible.code, message: "cursor \(name) in \(database): the database is not dupSort + dupFixed")
    }

    private func readOnly(_ name: String) -> LMDBError {
        LMDBError(code: EACCES, message: "cursor \(name) in \(database): the cursor belongs to a read-only transaction")
    }
}
