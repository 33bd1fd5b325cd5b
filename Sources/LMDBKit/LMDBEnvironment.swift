import CLMDB
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The environments open in this process, by real path. LMDB forbids opening one environment twice in a
/// process (closing either handle would drop the other's POSIX locks).
private let lmdbEnvironmentRegistry = Mutex<[String: LMDBEnvironment]>([:])

/// One LMDB environment: a directory holding `data.mdb` and `lock.mdb`, opened once per path per process.
///
/// ```swift
/// let env = try LMDBEnvironment.open(directory: "/var/lib/plp/events")
/// let events = try env.openDatabase("events", flags: .create)
/// try env.write { txn in
///     try txn.put(events, key: sequence.bigEndianBytes, value: payload, flags: .append)
/// }
/// let count = try env.read { txn in try txn.count(events) }
/// ```
///
/// Concurrency: the environment is safe to share between threads. Read transactions may run on any thread
/// in parallel (`MDB_NOTLS`); write transactions are serialised across threads and processes by LMDB. Both
/// kinds of closures are synchronous and block the calling thread while they wait (for the writer lock,
/// or while the map grows), so from Swift concurrency prefer calling them from a dedicated executor or
/// keep transactions short.
///
/// The instance lives until `close()` (the process-wide registry keeps it), which is normally never:
/// there is no need to close before exiting.
public final class LMDBEnvironment: @unchecked Sendable {
    /// The canonical absolute path of the environment directory (symlinks resolved).
    public let path: String

    /// Whether the environment was opened read-only.
    public let isReadOnly: Bool

    /// The options the environment was opened with (by its first opener in this process).
    public let options: LMDBOptions

    /// The largest key LMDB accepts, in bytes (`mdb_env_get_maxkeysize`, 511 by default). Values of
    /// `dupSort` databases are limited to this size too.
    public let maxKeySize: Int

    let handle: OpaquePointer
    let gate = LMDBTransactionGate()
    let currentMapSize: Atomic<Int>
    private let closedFlag = Atomic<Bool>(false)
    /// Raised by writes that hit `MDB_MAP_FULL` in the current write transaction (one at a time per process).
    let writeMapFullFlag: UnsafeMutablePointer<Bool>
    let readPool: LMDBReadTransactionPool
    /// Open databases by name; also serialises `mdb_dbi_open`, which LMDB requires.
    let databases = Mutex<[String: LMDBDatabase]>([:])

    private init(path: String, options: LMDBOptions, handle: OpaquePointer, mapSize: Int, maxKeySize: Int) {
        self.path = path
        self.isReadOnly = options.readOnly
        self.options = options
        self.handle = handle
        self.maxKeySize = maxKeySize
        self.currentMapSize = Atomic(mapSize)
        self.writeMapFullFlag = .allocate(capacity: 1)
        self.writeMapFullFlag.initialize(to: false)
        self.readPool = LMDBReadTransactionPool(capacity: max(0, options.readTransactionPoolSize))
    }

    deinit {
        if !closedFlag.load(ordering: .acquiring) {
            readPool.drain()
            mdb_env_close(handle)
        }
        writeMapFullFlag.deinitialize(count: 1)
        writeMapFullFlag.deallocate()
    }

    // MARK: - Opening

    /// Opens the environment in `directory`, or returns the instance already open for it in this process.
    ///
    /// The directory is created if missing (unless `readOnly`). Instances are shared per real path
    /// (symlinks resolved), because LMDB forbids opening one environment twice in a process; the options of
    /// a later call are then ignored, except that a read-write request for an environment open read-only
    /// throws `LMDBError.incompatible`. Stale reader slots left by dead processes are cleared at open.
    ///
    /// - Throws: `LMDBError` with a message naming the directory, e.g. `invalid` when it holds a
    ///   `data.mdb` that is not an LMDB file, `versionMismatch` for another LMDB version's lock file,
    ///   `ENOTDIR` when the path is a file, `ENOENT` when opening read-only a directory without environment.
    public static func open(directory: String, options: LMDBOptions = .init()) throws(LMDBError) -> LMDBEnvironment {
        try validate(options, directory: directory)
        if !options.readOnly {
            try LMDBFileSystem.makeDirectories(directory)
        }
        let realPath = try LMDBFileSystem.realPath(
            directory, doing: "opening LMDB environment at \(directory)\(options.readOnly ? " read-only" : "")")
        guard LMDBFileSystem.isDirectory(realPath) else {
            throw LMDBError(code: ENOTDIR, message: "opening LMDB environment at \(directory): not a directory")
        }
        return try lmdbEnvironmentRegistry.withLock { (registry) throws(LMDBError) -> LMDBEnvironment in
            if let existing = registry[realPath], !existing.isClosed {
                if existing.isReadOnly && !options.readOnly {
                    throw LMDBError(
                        code: LMDBError.incompatible.code,
                        message: "opening LMDB environment at \(realPath) read-write: it is already open read-only in this process")
                }
                return existing
            }
            let environment = try LMDBEnvironment.make(realPath: realPath, options: options)
            registry[realPath] = environment
            return environment
        }
    }

    private static func validate(_ options: LMDBOptions, directory: String) throws(LMDBError) {
        func invalid(_ why: String) -> LMDBError {
            LMDBError(code: EINVAL, message: "opening LMDB environment at \(directory): \(why)")
        }
        guard !directory.isEmpty else { throw invalid("empty path") }
        guard !directory.utf8.contains(0) else { throw invalid("the path contains a NUL byte") }
        guard options.maxDatabases >= 0, options.maxDatabases <= 32_000 else { throw invalid("maxDatabases out of range") }
        guard options.maxReaders >= 1, options.maxReaders <= Int(Int32.max) else { throw invalid("maxReaders out of range") }
        guard options.initialMapSize > 0 else { throw invalid("initialMapSize must be positive") }
        guard options.maxMapSize >= options.initialMapSize else { throw invalid("maxMapSize is below initialMapSize") }
    }

    private static func make(realPath: String, options: LMDBOptions) throws(LMDBError) -> LMDBEnvironment {
        var created: OpaquePointer?
        var rc = mdb_env_create(&created)
        guard rc == MDB_SUCCESS, let env = created else {
            throw LMDBError(code: rc, context: "creating an LMDB environment handle for \(realPath)")
        }
        func fail(_ rc: Int32, _ message: String) -> LMDBError {
            mdb_env_close(env)
            return LMDBError(code: rc, message: message)
        }
        func reason(_ rc: Int32) -> String { LMDBError.describe(code: rc) }

        rc = mdb_env_set_maxdbs(env, MDB_dbi(options.maxDatabases))
        guard rc == MDB_SUCCESS else { throw fail(rc, "configuring \(realPath): maxDatabases: \(reason(rc))") }
        rc = mdb_env_set_maxreaders(env, UInt32(options.maxReaders))
        guard rc == MDB_SUCCESS else { throw fail(rc, "configuring \(realPath): maxReaders: \(reason(rc))") }
        rc = mdb_env_set_mapsize(env, options.initialMapSize)
        guard rc == MDB_SUCCESS else { throw fail(rc, "configuring \(realPath): map size: \(reason(rc))") }

        // A data file cut short would make LMDB fault on its first access past the end: check before it maps it.
        if LMDBFileSystem.exists(realPath + "/data.mdb") {
            _ = try LMDBDataFileHeader.read(path: realPath + "/data.mdb")
        }
        var flags = UInt32(MDB_NOTLS)
        if options.readOnly { flags |= UInt32(MDB_RDONLY) }
        if options.readOnly && (options.withoutLockFile || LMDBFileSystem.isOnReadOnlyFileSystem(realPath)) {
            flags |= UInt32(MDB_NOLOCK)
        }
        if !options.durable { flags |= UInt32(MDB_NOSYNC) }
        rc = mdb_env_open(env, realPath, flags, 0o644)
        guard rc == MDB_SUCCESS else {
            let opening = "opening LMDB environment at \(realPath)\(options.readOnly ? " read-only" : "")"
            switch rc {
            case MDB_INVALID:
                throw fail(rc, "\(opening): this directory is not an LMDB environment (data.mdb is not an LMDB data file, "
                    + "or was written by an incompatible LMDB version or architecture): \(reason(rc))")
            case MDB_VERSION_MISMATCH:
                throw fail(rc, "\(opening): the environment is in use by (or was created by) an incompatible LMDB "
                    + "version (lock.mdb format differs): \(reason(rc))")
            case ENOENT where options.readOnly:
                throw fail(rc, "\(opening): there is no LMDB environment there (data.mdb is missing): \(reason(rc))")
            case EACCES, EPERM:
                throw fail(rc, "\(opening): permission denied on data.mdb or lock.mdb: \(reason(rc))")
            case EROFS:
                throw fail(rc, "\(opening): the file system is read-only: \(reason(rc))")
            case EAGAIN:
                throw fail(rc, "\(opening): the environment is locked by another process: \(reason(rc))")
            default:
                throw fail(rc, "\(opening): \(reason(rc))")
            }
        }

        var dead: Int32 = 0
        _ = mdb_reader_check(env, &dead) // best effort; failures here must not prevent opening

        var info = MDB_envinfo()
        rc = mdb_env_info(env, &info)
        guard rc == MDB_SUCCESS else { throw fail(rc, "reading the size of \(realPath): \(reason(rc))") }
        let maxKeySize = Int(mdb_env_get_maxkeysize(env))
        return LMDBEnvironment(path: realPath, options: options, handle: env, mapSize: info.me_mapsize, maxKeySize: maxKeySize)
    }

    // MARK: - Databases

    /// Opens the named database `name`, creating it when `flags` contains `.create`.
    ///
    /// Open each database once (at startup) and keep the returned handle: it is valid for the lifetime of
    /// the environment, in every transaction and thread that *begins after* this call returns (a transaction
    /// that was already running does not know the handle: LMDB reports `EINVAL`). Opening the same name
    /// again returns the same handle.
    /// Runs its own write transaction (a read transaction when read-only), so it must not be called inside a
    /// write transaction of this environment (that throws `LMDBError.wouldDeadlock`).
    ///
    /// - Throws: `notFound` when the database does not exist and `.create` is absent (or read-only),
    ///   `incompatible` when it exists with different persistent flags, `databasesFull` beyond
    ///   `LMDBOptions.maxDatabases`.
    public func openDatabase(_ name: String, flags: LMDBDatabaseFlags = []) throws(LMDBError) -> LMDBDatabase {
        guard !name.isEmpty, !name.utf8.contains(0) else {
            throw LMDBError(code: EINVAL, message: "opening database '\(name)' in \(path): invalid name")
        }
        if gate.currentThreadIsWriting {
            throw LMDBError(
                code: LMDBError.wouldDeadlock.code,
                message: "opening database '\(name)' in \(path): not possible inside a write transaction; open databases beforehand")
        }
        return try databases.withLock { (open) throws(LMDBError) -> LMDBDatabase in
            if let database = open[name] {
                guard database.flags == flags.persistent else {
                    throw LMDBError(
                        code: LMDBError.incompatible.code,
                        message: "opening database '\(name)' in \(path): it was created with flags "
                            + "0x\(String(database.flags.rawValue, radix: 16)) but opened with 0x\(String(flags.persistent.rawValue, radix: 16))")
                }
                return database
            }
            let database: LMDBDatabase
            // An existing database opens in a read transaction, which never waits for a writer (a long import);
            // only creating one needs the writer lock.
            if isReadOnly || !flags.contains(.create) {
                database = try openDatabaseReadOnly(name, flags: flags)
            } else {
                do {
                    database = try write { txn in try txn.openDatabase(name, flags: flags, path: path) }
                } catch {
                    throw lmdbTypedError(error, context: "opening database '\(name)' in \(path)")
                }
            }
            open[name] = database
            return database
        }
    }

    private func openDatabaseReadOnly(_ name: String, flags: LMDBDatabaseFlags) throws(LMDBError) -> LMDBDatabase {
        var attempts = 0
        while true {
            attempts += 1
            try gate.enter(writing: false, path: path)
            var begun: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &begun)
            if rc == MDB_MAP_RESIZED && attempts < 8 {
                gate.leave(writing: false)
                try adoptGrownMapSize()
                continue
            }
            defer { gate.leave(writing: false) }
            guard rc == MDB_SUCCESS, let txn = begun else {
                throw LMDBError(code: rc, context: "beginning a read transaction in \(path)")
            }
            let database: LMDBDatabase
            do {
                database = try LMDBTransactionCore.openDatabase(txn, name: name, flags: flags.subtracting(.create), path: path)
            } catch {
                mdb_txn_abort(txn)
                throw error
            }
            // Committing (not aborting) a read transaction keeps the database handle open.
            let crc = mdb_txn_commit(txn)
            guard crc == MDB_SUCCESS else {
                throw LMDBError(code: crc, context: "opening database '\(name)' in \(path)")
            }
            return database
        }
    }

    // MARK: - Information

    /// The current size of the memory map, in bytes (the upper bound of the data file before it grows).
    public var mapSize: Int {
        currentMapSize.load(ordering: .relaxed)
    }

    /// The bytes in use by the environment: (last used page number + 1) × page size, as of the latest
    /// commit. Freed pages are reused but still count.
    public func usedBytes() throws(LMDBError) -> Int {
        try gate.enter(writing: false, path: path)
        defer { gate.leave(writing: false) }
        var info = MDB_envinfo()
        let rc = mdb_env_info(handle, &info)
        guard rc == MDB_SUCCESS else { throw LMDBError(code: rc, context: "reading information about \(path)") }
        return (info.me_last_pgno + 1) * Int(try mainDatabaseStatistics().ms_psize)
    }

    /// How many named databases the environment holds (the entries of LMDB's main database, as of the latest
    /// commit): 0 for a new, empty environment.
    public func namedDatabaseCount() throws(LMDBError) -> Int {
        try gate.enter(writing: false, path: path)
        defer { gate.leave(writing: false) }
        return Int(try mainDatabaseStatistics().ms_entries)
    }

    /// `mdb_env_stat`: the statistics of LMDB's main database (page size, named databases). Inside the gate.
    private func mainDatabaseStatistics() throws(LMDBError) -> MDB_stat {
        var stat = MDB_stat()
        let rc = mdb_env_stat(handle, &stat)
        guard rc == MDB_SUCCESS else { throw LMDBError(code: rc, context: "reading statistics of \(path)") }
        return stat
    }

    /// The size of `data.mdb` on disk, in bytes.
    public func fileBytes() throws(LMDBError) -> Int {
        try LMDBFileSystem.fileSize(path + "/data.mdb", doing: "reading the size of \(path)/data.mdb")
    }

    /// The size of `data.mdb` on disk, in bytes (same as `fileBytes()`; see also `usedBytes()`).
    public func fileSize() throws(LMDBError) -> Int {
        try fileBytes()
    }

    // MARK: - Maintenance

    /// Copies the environment into `directory` (`mdb_env_copy2`) while it stays in use; with `compact`,
    /// free pages are omitted and the copy is renumbered (smaller, slower to make).
    ///
    /// The directory is created if missing and must be empty. The copy is a consistent snapshot that
    /// `open(directory:)` accepts. Must not be called inside a write transaction on this thread.
    public func copy(to directory: String, compact: Bool) throws(LMDBError) {
        let context = "copying LMDB environment \(path) to \(directory)"
        if gate.currentThreadIsWriting {
            throw LMDBError(code: LMDBError.wouldDeadlock.code, message: "\(context): not possible inside a write transaction")
        }
        try LMDBFileSystem.makeDirectories(directory)
        let destination = try LMDBFileSystem.realPath(directory, doing: context)
        guard destination != path else {
            throw LMDBError(code: EINVAL, message: "\(context): the destination is the environment itself")
        }
        guard try LMDBFileSystem.isEmptyDirectory(destination, doing: context) else {
            throw LMDBError(code: EEXIST, message: "\(context): the destination directory is not empty")
        }
        try gate.enter(writing: false, path: path)
        defer { gate.leave(writing: false) }
        let rc = mdb_env_copy2(handle, destination, compact ? UInt32(MDB_CP_COMPACT) : 0)
        guard rc == MDB_SUCCESS else {
            throw LMDBError(code: LMDBFileSystem.writeFailureCode(rc, in: destination), context: context)
        }
    }

    /// Flushes committed data to disk (`mdb_env_sync` with force). Only useful when the environment is not
    /// `durable`; a no-op when read-only.
    public func sync() throws(LMDBError) {
        guard !isReadOnly else { return }
        try gate.enter(writing: false, path: path)
        defer { gate.leave(writing: false) }
        let rc = mdb_env_sync(handle, 1)
        guard rc == MDB_SUCCESS else { throw LMDBError(code: rc, context: "syncing \(path) to disk") }
    }

    /// Tells the kernel this process no longer needs the pages of the memory map it has touched
    /// (`madvise(MADV_DONTNEED)` on LMDB's read-only shared file mapping). The data stays in the page cache and is
    /// read back on the next access, so this is always safe; it keeps the resident size of long scans and large
    /// imports bounded by what they touch between two calls, not by the size of the ledger.
    public func releaseMappedPages() {
        #if canImport(Glibc)
        // LMDB does not expose its map address (mdb_env_info gives it only for MDB_FIXEDMAP): find the mapping
        // of data.mdb in /proc/self/maps.
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return }
        let file = path + "/data.mdb"
        for line in maps.split(separator: "\n") where line.hasSuffix(file) {
            let range = line.prefix { $0 != " " }.split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            _ = madvise(address, Int(end - start), MADV_DONTNEED)
        }
        #endif
    }

    /// Frees the reader slots of dead processes (`mdb_reader_check`) and returns how many were freed.
    /// Done at open; worth calling after a reader process crashed, since a stale reader pins old pages.
    @discardableResult
    public func clearStaleReaders() throws(LMDBError) -> Int {
        try gate.enter(writing: false, path: path)
        defer { gate.leave(writing: false) }
        var dead: Int32 = 0
        let rc = mdb_reader_check(handle, &dead)
        guard rc == MDB_SUCCESS else { throw LMDBError(code: rc, context: "clearing stale readers of \(path)") }
        return Int(dead)
    }

    /// Whether `close()` was called.
    public var isClosed: Bool { closedFlag.load(ordering: .acquiring) }

    /// Closes the environment: waits until no transaction of this process is active on it, closes it and
    /// removes it from the registry, so that a later `open` opens it anew. Every later use of this instance
    /// (and of its database handles) throws `LMDBError.closed`.
    ///
    /// Not needed before the process exits. Must not be called from inside a transaction of this
    /// environment (that throws `LMDBError.wouldDeadlock`).
    public func close() throws(LMDBError) {
        let reason = "LMDB environment \(path) is closed"
        try gate.exclusively(
            closing: reason,
            blockedError: {
                LMDBError(code: LMDBError.wouldDeadlock.code, message: "closing \(path): not possible inside one of its transactions")
            },
            { () throws(LMDBError) in
                readPool.drain()
                mdb_env_close(handle)
                closedFlag.store(true, ordering: .releasing)
            })
        lmdbEnvironmentRegistry.withLock { registry in
            if registry[path] === self { registry[path] = nil }
        }
    }
}
