#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Coordinates this process's transactions on one environment with the operations that need none to be
/// active: growing or adopting the map size (`mdb_env_set_mapsize` remaps the file, so every pointer
/// into the old mapping would dangle) and closing the environment.
///
/// Transactions enter *shared*; a thread that already holds a transaction re-enters freely (nested reads,
/// a read inside a write, …). Exclusive operations wait until no transaction is active, and while one
/// waits, threads that hold nothing wait before starting a new transaction (so a resize is not starved).
/// The gate also knows which threads are inside a write transaction, to refuse a nested write on the same
/// thread (LMDB would deadlock on its own writer lock).
final class LMDBTransactionGate: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    // Guarded by `mutex`.
    private var holders: [pthread_t: Int] = [:]
    private var writers: Set<pthread_t> = []
    private var exclusiveActive = false
    private var exclusiveWaiters = 0
    private var closedReason: String?

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deinitialize(count: 1)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    private func locked<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Enters before beginning a transaction.
    ///
    /// - Throws: `LMDBError.closed` when the environment is closed, `LMDBError.wouldDeadlock` when
    ///   `writing` and the current thread is already inside a write transaction of this environment.
    func enter(writing: Bool, path: String) throws(LMDBError) {
        let me = pthread_self()
        try locked { () throws(LMDBError) in
            if let closedReason { throw LMDBError(code: LMDBError.closed.code, message: closedReason) }
            if writing && writers.contains(me) {
                throw LMDBError(
                    code: LMDBError.wouldDeadlock.code,
                    message: "beginning a write transaction in \(path): this thread is already inside a write "
                        + "transaction of this environment (nested writes would deadlock; use the outer transaction)")
            }
            if let depth = holders[me] {
                holders[me] = depth + 1
            } else {
                while exclusiveActive || exclusiveWaiters > 0 {
                    pthread_cond_wait(condition, mutex)
                }
                if let closedReason { throw LMDBError(code: LMDBError.closed.code, message: closedReason) }
                holders[me] = 1
            }
            if writing { writers.insert(me) }
        }
    }

    /// Leaves after the transaction ended (committed, aborted or reset).
    func leave(writing: Bool) {
        let me = pthread_self()
        locked {
            if writing { writers.remove(me) }
            if let depth = holders[me] {
                if depth <= 1 {
                    holders[me] = nil
                    if holders.isEmpty { pthread_cond_broadcast(condition) }
                } else {
                    holders[me] = depth - 1
                }
            }
        }
    }

    /// Whether the current thread is inside a write transaction of this environment.
    var currentThreadIsWriting: Bool {
        let me = pthread_self()
        return locked { writers.contains(me) }
    }

    /// Refuses every later transaction with `reason` (after an unrecoverable failure).
    func markUnusable(_ reason: String) {
        locked {
            closedReason = reason
            pthread_cond_broadcast(condition)
        }
    }

    /// Runs `body` while no transaction of this process is active on the environment.
    ///
    /// - Parameter closing: when true and `body` succeeds, the gate is closed for good with that reason.
    /// - Throws: `blockedError` (built by the caller) when the current thread itself holds a transaction,
    ///   since waiting would deadlock; `LMDBError.closed` when already closed; or what `body` throws.
    func exclusively<R>(
        closing: String? = nil,
        blockedError: () -> LMDBError,
        _ body: () throws(LMDBError) -> R
    ) throws(LMDBError) -> R {
        let me = pthread_self()
        try locked { () throws(LMDBError) in
            if let closedReason { throw LMDBError(code: LMDBError.closed.code, message: closedReason) }
            if holders[me] != nil { throw blockedError() }
            exclusiveWaiters += 1
            while exclusiveActive || !holders.isEmpty {
                pthread_cond_wait(condition, mutex)
            }
            exclusiveWaiters -= 1
            if let closedReason {
                pthread_cond_broadcast(condition)
                throw LMDBError(code: LMDBError.closed.code, message: closedReason)
            }
            exclusiveActive = true
        }
        let result: Result<R, LMDBError>
        do throws(LMDBError) {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
        locked {
            exclusiveActive = false
            if let closing, case .success = result { closedReason = closing }
            pthread_cond_broadcast(condition)
        }
        return try result.get()
    }
}
