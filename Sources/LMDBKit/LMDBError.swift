import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported by LMDB (or by the wrapper around it): a return code and a readable message.
///
/// `LMDBError` is an open struct rather than an enum, so that new codes break nobody (in the spirit of
/// GRDB's `DatabaseError`). Codes are either LMDB's own negative codes (`MDB_NOTFOUND`, `MDB_MAP_FULL`, …)
/// or positive `errno` values (`ENOENT`, `ENOSPC`, `EACCES`, …) passed through by LMDB or by the wrapper.
///
/// Two errors are equal when their codes are equal; the message is ignored. This makes the static
/// constants usable as patterns:
///
/// ```swift
/// do {
///     try env.write { txn in … }
/// } catch LMDBError.keyExists {
///     …
/// }
/// ```
public struct LMDBError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The LMDB return code (negative, see `lmdb.h`) or an `errno` value (positive).
    public let code: Int32

    /// What went wrong, including what was being done, e.g.
    /// `"opening /x/y: No such file or directory"`.
    public let message: String

    /// Creates an error with a code and an optional context.
    ///
    /// - Parameters:
    ///   - code: An LMDB return code or an `errno` value.
    ///   - context: What was being done, prepended to LMDB's own description of the code.
    public init(code: Int32, context: String? = nil) {
        self.code = code
        let reason = LMDBError.describe(code: code)
        if let context, !context.isEmpty {
            self.message = "\(context): \(reason)"
        } else {
            self.message = reason
        }
    }

    /// Creates an error with a code and a complete message (no description of the code is added).
    ///
    /// - Parameters:
    ///   - code: An LMDB return code or an `errno` value.
    ///   - message: The full message.
    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// A textual representation: the symbolic name of the code (when known), the code and the message.
    public var description: String {
        if let name = LMDBError.symbolicName(of: code) {
            return "LMDBError(\(name), \(code)): \(message)"
        }
        return "LMDBError(\(code)): \(message)"
    }

    /// Two errors are equal when their codes are equal; messages are ignored.
    public static func == (lhs: LMDBError, rhs: LMDBError) -> Bool {
        lhs.code == rhs.code
    }

    /// Matches any error that is an `LMDBError` with the same code as `pattern`,
    /// which enables `catch LMDBError.keyExists { … }` on untyped `throws`.
    ///
    /// Not in a `do` block whose calls all throw `LMDBError`: Swift 6.3.1 then infers a typed `do` and crashes
    /// compiling the pattern (SIL pass MandatoryAllocBoxToStack). There, write `catch { if error == .keyExists … }`.
    public static func ~= (pattern: LMDBError, value: any Error) -> Bool {
        guard let error = value as? LMDBError else { return false }
        return error.code == pattern.code
    }

    // MARK: - Well-known codes

    /// `MDB_KEYEXIST`: the key/data pair already exists (or an append was out of order).
    public static let keyExists = LMDBError(code: MDB_KEYEXIST)
    /// `MDB_NOTFOUND`: no matching key/data pair (or a database that does not exist).
    public static let notFound = LMDBError(code: MDB_NOTFOUND)
    /// `MDB_PAGE_NOTFOUND`: a requested page was not found (usually corruption).
    public static let pageNotFound = LMDBError(code: MDB_PAGE_NOTFOUND)
    /// `MDB_CORRUPTED`: a page has an invalid type (corruption).
    public static let corrupted = LMDBError(code: MDB_CORRUPTED)
    /// `MDB_PANIC`: a fatal error occurred earlier and the environment must be reopened.
    public static let panic = LMDBError(code: MDB_PANIC)
    /// `MDB_VERSION_MISMATCH`: the environment was created by an incompatible LMDB version.
    public static let versionMismatch = LMDBError(code: MDB_VERSION_MISMATCH)
    /// `MDB_INVALID`: the file is not an LMDB data file.
    public static let invalid = LMDBError(code: MDB_INVALID)
    /// `MDB_MAP_FULL`: the memory map is full. `LMDBEnvironment.write` grows the map and retries, so
    /// callers only see it when the map reached `LMDBOptions.maxMapSize` or cannot be grown.
    public static let mapFull = LMDBError(code: MDB_MAP_FULL)
    /// `MDB_DBS_FULL`: more named databases than `LMDBOptions.maxDatabases`.
    public static let databasesFull = LMDBError(code: MDB_DBS_FULL)
    /// `MDB_READERS_FULL`: the reader lock table is full (see `LMDBOptions.maxReaders`).
    public static let readersFull = LMDBError(code: MDB_READERS_FULL)
    /// `MDB_TXN_FULL`: the transaction has too many dirty pages; split the work into smaller transactions.
    public static let txnFull = LMDBError(code: MDB_TXN_FULL)
    /// `MDB_CURSOR_FULL`: cursor stack too deep (internal error).
    public static let cursorFull = LMDBError(code: MDB_CURSOR_FULL)
    /// `MDB_PAGE_FULL`: page has not enough space (internal error).
    public static let pageFull = LMDBError(code: MDB_PAGE_FULL)
    /// `MDB_MAP_RESIZED`: another process grew the map beyond this process's mapping.
    /// The wrapper adopts the new size by itself; callers only see it when that is impossible.
    public static let mapResized = LMDBError(code: MDB_MAP_RESIZED)
    /// `MDB_INCOMPATIBLE`: operation and database incompatible, or database flags changed.
    public static let incompatible = LMDBError(code: MDB_INCOMPATIBLE)
    /// `MDB_BAD_RSLOT`: invalid reuse of a reader slot.
    public static let badReaderSlot = LMDBError(code: MDB_BAD_RSLOT)
    /// `MDB_BAD_TXN`: the transaction must abort, has a child, or is invalid.
    public static let badTransaction = LMDBError(code: MDB_BAD_TXN)
    /// `MDB_BAD_VALSIZE`: unsupported size of key/data (empty key, or key longer than `maxKeySize`).
    public static let badValueSize = LMDBError(code: MDB_BAD_VALSIZE)
    /// `MDB_BAD_DBI`: the database handle was changed or is not valid in this environment.
    public static let badDatabase = LMDBError(code: MDB_BAD_DBI)
    /// `ENOSPC`: the disk is full.
    public static let diskFull = LMDBError(code: ENOSPC)
    /// `EROFS`: the file system is read-only.
    public static let readOnlyFileSystem = LMDBError(code: EROFS)
    /// `EIO`: the device reported an input/output error.
    public static let inputOutput = LMDBError(code: EIO)
    /// `EDEADLK`: the operation would deadlock (e.g. a write transaction nested in another one on the same thread).
    public static let wouldDeadlock = LMDBError(code: EDEADLK)
    /// `EBADF`: the environment was closed.
    public static let closed = LMDBError(code: EBADF)
    /// `EINVAL`: an invalid argument, e.g. a database handle that the transaction's snapshot does not have (opened
    /// after the transaction began).
    public static let invalidArgument = LMDBError(code: EINVAL)

    // MARK: - Helpers

    /// LMDB's description of a code (`mdb_strerror`, which falls back to `strerror` for errno values).
    public static func describe(code: Int32) -> String {
        guard let cString = mdb_strerror(code) else { return "error \(code)" }
        return String(cString: cString)
    }

    /// The symbolic name of LMDB codes and of a few errno values, for `description`.
    static func symbolicName(of code: Int32) -> String? {
        switch code {
        case MDB_KEYEXIST: return "MDB_KEYEXIST"
        case MDB_NOTFOUND: return "MDB_NOTFOUND"
        case MDB_PAGE_NOTFOUND: return "MDB_PAGE_NOTFOUND"
        case MDB_CORRUPTED: return "MDB_CORRUPTED"
        case MDB_PANIC: return "MDB_PANIC"
        case MDB_VERSION_MISMATCH: return "MDB_VERSION_MISMATCH"
        case MDB_INVALID: return "MDB_INVALID"
        case MDB_MAP_FULL: return "MDB_MAP_FULL"
        case MDB_DBS_FULL: return "MDB_DBS_FULL"
        case MDB_READERS_FULL: return "MDB_READERS_FULL"
        case MDB_TLS_FULL: return "MDB_TLS_FULL"
        case MDB_TXN_FULL: return "MDB_TXN_FULL"
        case MDB_CURSOR_FULL: return "MDB_CURSOR_FULL"
        case MDB_PAGE_FULL: return "MDB_PAGE_FULL"
        case MDB_MAP_RESIZED: return "MDB_MAP_RESIZED"
        case MDB_INCOMPATIBLE: return "MDB_INCOMPATIBLE"
        case MDB_BAD_RSLOT: return "MDB_BAD_RSLOT"
        case MDB_BAD_TXN: return "MDB_BAD_TXN"
        case MDB_BAD_VALSIZE: return "MDB_BAD_VALSIZE"
        case MDB_BAD_DBI: return "MDB_BAD_DBI"
        case ENOENT: return "ENOENT"
        case EACCES: return "EACCES"
        case ENOSPC: return "ENOSPC"
        case ENOTDIR: return "ENOTDIR"
        case EEXIST: return "EEXIST"
        case EINVAL: return "EINVAL"
        case ENOMEM: return "ENOMEM"
        case EDEADLK: return "EDEADLK"
        case EBADF: return "EBADF"
        case EIO: return "EIO"
        case EROFS: return "EROFS"
        case EAGAIN: return "EAGAIN"
        default: return nil
        }
    }
}
