import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LMDBEnvironment {
    /// How many times a transaction is restarted after a map resize before giving up.
    static let maxResizeAttempts = 64

    // MARK: - Read

    /// Runs `body` in a read-only transaction (a consistent snapshot) and returns its result.
    ///
    /// The transaction ends when `body` returns or throws; neither it nor the buffers it returned may be
    /// used afterwards (copy bytes you keep). Reads run in parallel with each other and with the writer, on
    /// any thread. Nested calls (a read inside a read or inside a write) are allowed on the same thread.
    ///
    /// - Throws: what `body` throws, or `LMDBError` (e.g. `readersFull` when `LMDBOptions.maxReaders`
    ///   transactions are already active across processes).
    public func read<R>(_ body: (borrowing LMDBReadTransaction) throws -> R) throws -> R {
        var attempts = 0
        while true {
            attempts += 1
            try gate.enter(writing: false, path: path)
            let (begun, rc) = beginReadTransaction()
            guard rc == MDB_SUCCESS, let txn = begun else {
                gate.leave(writing: false)
                if rc == MDB_MAP_RESIZED && attempts < Self.maxResizeAttempts {
                    try adoptGrownMapSize()
                    continue
                }
                throw LMDBError(code: rc, context: "beginning a read transaction in \(path)")
            }
            defer {
                finishReadTransaction(txn)
                gate.leave(writing: false)
            }
            return try body(LMDBReadTransaction(txn: txn))
        }
    }

    private func beginReadTransaction() -> (OpaquePointer?, Int32) {
        if let pooled = readPool.take() {
            let rc = mdb_txn_renew(pooled)
            if rc == MDB_SUCCESS { return (pooled, rc) }
            mdb_txn_abort(pooled)
            if rc == MDB_MAP_RESIZED { return (nil, rc) }
        }
        var txn: OpaquePointer?
        var rc = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
        if rc == MDB_READERS_FULL {
            // Our own pooled transactions hold reader slots: give them back and try again.
            readPool.drain()
            rc = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
        }
        return (txn, rc)
    }

    private func finishReadTransaction(_ txn: OpaquePointer) {
        if readPool.capacity > 0 {
            mdb_txn_reset(txn)
            readPool.give(txn)
        } else {
            mdb_txn_abort(txn)
        }
    }

    // MARK: - Write

    /// Runs `body` in a read-write transaction: commits when it returns, aborts when it throws, and returns
    /// its result.
    ///
    /// - Important: **`body` may run several times.** When the memory map is full, the transaction is
    ///   aborted, the map is grown (doubled, up to `LMDBOptions.maxMapSize`) and `body` runs again from the
    ///   start in a fresh transaction; likewise when another process grew the map. Only the result of the
    ///   last, committed run is returned. Design `body` to be re-runnable: compute everything from the
    ///   transaction and its inputs, and keep side effects (counters, I/O, messages) out of it or make them
    ///   idempotent. `LMDBError.mapFull` never reaches the caller, except when `maxMapSize` is reached; a
    ///   full disk is reported at commit as `LMDBError.diskFull` (`ENOSPC`).
    ///
    /// Write transactions are serialised across threads and processes: this call blocks until LMDB's
    /// writer lock is free. Reads keep running meanwhile. Growing the map waits until no other transaction
    /// of this process is active on the environment (LMDB remaps the file), and new transactions of other
    /// threads wait for it; so a transaction body must not wait for another thread that itself uses the
    /// environment.
    ///
    /// A write inside a write on the same thread throws `LMDBError.wouldDeadlock` (pass the transaction
    /// instead). A write inside a read on the same thread works, but cannot grow the map (it throws
    /// `LMDBError.mapFull` if the map is full); avoid it.
    ///
    /// - Throws: what `body` throws (after aborting), or `LMDBError` (from LMDB, at begin or commit;
    ///   `EACCES` when the environment is read-only).
    @discardableResult
    public func write<R>(_ body: (inout LMDBWriteTransaction) throws -> R) throws -> R {
        guard !isReadOnly else {
            throw LMDBError(code: EACCES, message: "beginning a write transaction in \(path): the environment is open read-only")
        }
        var attempts = 0
        while true {
            attempts += 1
            guard attempts <= Self.maxResizeAttempts else {
                throw LMDBError(
                    code: LMDBError.mapFull.code,
                    message: "writing to \(path): the transaction still did not fit after \(Self.maxResizeAttempts) map resizes "
                        + "(map size \(mapSize) bytes)")
            }
            try gate.enter(writing: true, path: path)
            let observedMapSize = mapSize
            var begun: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, 0, &begun)
            guard rc == MDB_SUCCESS, let txnPointer = begun else {
                gate.leave(writing: true)
                if rc == MDB_MAP_RESIZED {
                    try adoptGrownMapSize()
                    continue
                }
                throw LMDBError(code: rc, context: "beginning a write transaction in \(path)")
            }

            // Only one write transaction runs at a time in the process (LMDB's writer lock), so the flag is ours.
            writeMapFullFlag.pointee = false
            var txn = LMDBWriteTransaction(txn: txnPointer, mapFullFlag: writeMapFullFlag)
            let outcome: Result<R, any Error>
            do {
                outcome = .success(try body(&txn))
            } catch {
                outcome = .failure(error)
            }
            _ = consume txn

            var hitMapFull = writeMapFullFlag.pointee
            if case .failure(let error as LMDBError) = outcome, error.code == MDB_MAP_FULL {
                hitMapFull = true
            }
            if hitMapFull {
                mdb_txn_abort(txnPointer)
                gate.leave(writing: true)
                try growMap(observedSize: observedMapSize)
                continue
            }
            switch outcome {
            case .failure(let error):
                mdb_txn_abort(txnPointer)
                gate.leave(writing: true)
                // A put that spilled pages to a full disk can report EIO, as a commit can.
                if let failed = error as? LMDBError, failed.code == EIO, LMDBFileSystem.writeFailureCode(EIO, in: path) == ENOSPC {
                    throw LMDBError(code: ENOSPC, message: failed.message + " (the disk is full)")
                }
                throw error
            case .success(let value):
                let crc = mdb_txn_commit(txnPointer) // frees the transaction, even on failure
                gate.leave(writing: true)
                switch crc {
                case MDB_SUCCESS:
                    return value
                case MDB_MAP_FULL:
                    try growMap(observedSize: observedMapSize)
                    continue
                case ENOSPC:
                    throw LMDBError(code: crc, message: "committing a write transaction in \(path): the disk is full (\(LMDBError.describe(code: crc)))")
                case EIO where LMDBFileSystem.writeFailureCode(crc, in: path) == ENOSPC:
                    throw LMDBError(code: ENOSPC, message: "committing a write transaction in \(path): the disk is full")
                default:
                    throw LMDBError(code: crc, context: "committing a write transaction in \(path)")
                }
            }
        }
    }

    // MARK: - Map size

    /// Doubles the map (up to `maxMapSize`) unless another thread already grew it past `observedSize`.
    func growMap(observedSize: Int) throws(LMDBError) {
        try gate.exclusively(
            blockedError: {
                LMDBError(
                    code: LMDBError.mapFull.code,
                    message: "writing to \(path): the map (\(mapSize) bytes) is full and cannot grow while this thread holds "
                        + "another transaction of the environment (a write nested in a read?)")
            },
            { () throws(LMDBError) in
                let current = mapSize
                if current > observedSize { return } // grown meanwhile
                guard current < options.maxMapSize else {
                    throw LMDBError(
                        code: LMDBError.mapFull.code,
                        message: "writing to \(path): the map is full and reached LMDBOptions.maxMapSize (\(options.maxMapSize) bytes)")
                }
                let doubled = current.multipliedReportingOverflow(by: 2)
                let target = doubled.overflow ? options.maxMapSize : min(doubled.partialValue, options.maxMapSize)
                try setMapSize(target, context: "growing the map of \(path) from \(current) to \(target) bytes")
            })
    }

    /// Grows the map to at least `bytes` (capped at `maxMapSize`) before a transaction too large to be run twice.
    ///
    /// The map is address space, not disk: LMDB writes only the pages it uses. A write transaction that fills the
    /// map is aborted and run again on a grown map; a transaction that streams its input cannot be run again, so
    /// it reserves room first.
    public func reserveMap(atLeast bytes: Int) throws(LMDBError) {
        let target = min(max(bytes, 0), options.maxMapSize)
        guard target > mapSize else { return }
        try gate.exclusively(
            blockedError: {
                LMDBError(code: LMDBError.mapFull.code,
                          message: "growing the map of \(path): another transaction of the environment is open in this thread")
            },
            { () throws(LMDBError) in
                guard target > mapSize else { return }
                try setMapSize(target, context: "growing the map of \(path) to \(target) bytes")
            })
    }

    /// Adopts the map size recorded by another process that grew the map (`mdb_env_set_mapsize(env, 0)`).
    func adoptGrownMapSize() throws(LMDBError) {
        try gate.exclusively(
            blockedError: {
                LMDBError(
                    code: LMDBError.mapResized.code,
                    message: "beginning a transaction in \(path): another process grew the map, and the new size cannot be "
                        + "adopted while this thread holds another transaction of the environment; retry outside it")
            },
            { () throws(LMDBError) in
                try setMapSize(0, context: "adopting the map size of \(path) set by another process")
            })
    }

    /// Remaps; must run exclusively. If remapping fails, tries to restore the previous size, and if even
    /// that fails, closes the environment to further use (LMDB would crash on the missing map).
    private func setMapSize(_ size: Int, context: String) throws(LMDBError) {
        let previous = mapSize
        let rc = mdb_env_set_mapsize(handle, size)
        if rc != MDB_SUCCESS {
            let restored = mdb_env_set_mapsize(handle, previous)
            if restored != MDB_SUCCESS {
                gate.markUnusable(
                    "LMDB environment \(path) is unusable: its map could not be restored after a failed resize "
                        + "(\(LMDBError.describe(code: restored))); reopen it in a new process")
            }
            throw LMDBError(code: rc, context: context)
        }
        var info = MDB_envinfo()
        if mdb_env_info(handle, &info) == MDB_SUCCESS {
            currentMapSize.store(info.me_mapsize, ordering: .releasing)
        } else if size > 0 {
            currentMapSize.store(size, ordering: .releasing)
        }
    }
}
