import Foundation
internal import CMemoryHints
internal import LMDBKit

/// The ledger's append-only event log on LMDB: the only code that touches the store.
///
/// A ledger is a directory holding LMDB's `data.mdb` and `lock.mdb`. Several processes may open it at once;
/// appends are serialised by LMDB's writer lock, so no two events ever get the same `seq` or stream version.
public final class EventStore: @unchecked Sendable {
    /// The ledger directory.
    public let path: String
    let environment: LMDBEnvironment
    let events: LMDBDatabase
    let ids: LMDBDatabase
    let streams: LMDBDatabase
    let streamEvents: LMDBDatabase
    let voided: LMDBDatabase
    let meta: LMDBDatabase
    /// member id → the member's key, wrapped under the master key (the key store of contract section 4).
    let memberKeys: LMDBDatabase
    /// The master key, when this process holds it.
    public let masterKey: MasterKey?
    /// Whether contact data in clear is sealed on append (always, but for the benchmark of its cost).
    let sealsContacts: Bool
    let projections: LMDBDatabase
    let tree: LMDBDatabase
    /// The staging database of imports (``ImportStaging``), made by the first import.
    private var stagingHandle: LMDBDatabase?
    private let stagingLock = NSLock()

    /// How the store is opened.
    public struct Options: Sendable {
        /// Create the ledger if it does not exist (a new or empty directory; an existing ledger is opened as it is).
        public var create = false
        /// Open read-only: nothing is written, not even LMDB's lock file where the media is read-only.
        public var readOnly = false
        /// Map size to start with (it grows by itself).
        public var initialMapSize = 256 << 20
        /// Full durability (fsync on every commit). Only benchmarks of the raw engine turn it off.
        public var durable = true
        /// The master key that wraps the members' keys; without it contact data in clear cannot be appended or read.
        public var masterKey: MasterKey?
        /// Seal contact data on append. Only the benchmark of the sealing cost turns it off.
        public var sealsContacts = true
        /// Open a backup (``BackupMark``) for writing: only `backup` and `restore` do, on their own copies. Otherwise
        /// a backup opens read-only or not at all.
        var opensBackupForWriting = false
        /// Options with defaults.
        public init(create: Bool = false) { self.create = create }
    }

    init(path: String, environment: LMDBEnvironment, databases: LedgerDatabases, masterKey: MasterKey?, sealsContacts: Bool) {
        self.path = path
        self.environment = environment
        self.masterKey = masterKey
        self.sealsContacts = sealsContacts
        events = databases.events
        ids = databases.ids
        streams = databases.streams
        streamEvents = databases.streamEvents
        voided = databases.voided
        meta = databases.meta
        memberKeys = databases.memberKeys
        projections = databases.projections
        tree = databases.tree
        stagingHandle = databases.staging
    }

    /// The staging database of imports, if an import ever made it.
    var existingStaging: LMDBDatabase? { stagingLock.withLock { stagingHandle } }

    /// The staging database of imports if one exists now: the one this store holds or, when it holds none, one that
    /// an import in another process made after this store was opened (looked up again each time, so that a reader
    /// opened before an import began still sees that it is moving facts, and a writer still rolls it back). Call it
    /// before the transaction that needs it begins: LMDB gives a transaction only the databases opened before it.
    /// Inside a write transaction, where LMDB cannot open a database, it is what the store holds.
    ///
    /// - Throws: `LMDBError` when the lookup itself fails (no reader slot, an I/O error): taking that for "no import"
    ///   would let a writer skip the rollback of a killed one.
    @discardableResult
    func currentStaging() throws -> LMDBDatabase? {
        if let existing = existingStaging { return existing }
        let made: LMDBDatabase
        do {
            made = try environment.openDatabase(StoreKeys.staging)
        } catch {
            // None made yet, or inside a write transaction.
            let absentOrInsideAWrite: Set<Int32> = [LMDBError.notFound.code, LMDBError.wouldDeadlock.code]
            guard absentOrInsideAWrite.contains(error.code) else { throw error }
            return nil
        }
        stagingLock.withLock { stagingHandle = made }
        return made
    }

    /// The staging database of imports, made now if needed (in a transaction of its own; not inside a write).
    func stagingDatabase() throws -> LMDBDatabase {
        if let existing = existingStaging { return existing }
        let made = try environment.openDatabase(StoreKeys.staging, flags: [.create])
        stagingLock.withLock { stagingHandle = made }
        return made
    }

    /// Whether the ledger was opened read-only.
    public var isReadOnly: Bool { environment.isReadOnly }

    /// Opens the ledger at `path` (a directory), creating it with `options.create`.
    ///
    /// Every open goes through one check (``LedgerOpening``): the data file is whole, the format marker is known,
    /// every database of the format is there and the indexes agree with the events. A damaged or foreign directory
    /// throws one sentence; nothing is created or repaired, but for a new ledger with `options.create`.
    public static func open(at path: String, options: Options = Options()) throws -> EventStore {
        try LedgerOpening.open(at: path, options: options)
    }

    // MARK: Reading

    /// The number of events, which is also the last `seq` (of the visible ledger: an import running shows nothing
    /// until it commits whole).
    public func count() throws -> UInt64 {
        try environment.read { txn in try LedgerReads(store: self).head(txn) }
    }

    /// The event at `seq`, if any.
    public func event(at seq: UInt64) throws -> RecordedEvent? {
        try environment.read { txn in
            try LedgerReads.visible(self, txn).event(txn, at: seq)
        }
    }

    /// Calls `body` with each stored event's `seq` and bytes from `first` through `last`, in order, inside one read
    /// transaction (a consistent snapshot); `body` returns false to stop. The bytes are valid only during the call.
    public func forEachStoredEvent(from first: UInt64 = 1, through last: UInt64 = .max,
                                   _ body: (UInt64, UnsafeRawBufferPointer) throws -> Bool) throws {
        try environment.read { txn in
            let last = min(last, try LedgerReads(store: self).head(txn))
            try txn.withCursor(events) { cursor in
                // The cursor walks a run of entries before `body` sees them: the walk's memory reads overlap (a tight
                // loop), so `body` finds each event's bytes in the cache instead of waiting for them one at a time.
                var run: [(seq: UInt64, bytes: UnsafeRawBufferPointer)] = []
                run.reserveCapacity(Self.readAheadRun)
                var entry = try cursor.seek(atLeast: max(first, 1).bigEndianBytes)
                var walkEnded = false
                while !walkEnded {
                    run.removeAll(keepingCapacity: true)
                    // A key that is not a seq, or a cursor that fails, stops the walk after the events before it.
                    var stop: (any Error)?
                    do {
                        while run.count < Self.readAheadRun, let (key, value) = entry {
                            guard let seq = UInt64(bigEndianBytes: key) else { throw LedgerError.damaged(path, "a key of its events database is not a seq") }
                            if seq > last { break }
                            run.append((seq, value))
                            entry = try cursor.next()
                        }
                    } catch {
                        stop = error
                    }
                    walkEnded = run.count < Self.readAheadRun
                    for index in run.indices {
                        // Four events ahead, a hint to fetch their bytes while `body` reads this one.
                        if index + 4 < run.count { plp_prefetch_record(run[index + 4].bytes.baseAddress) }
                        let (seq, bytes) = run[index]
                        if try !body(seq, bytes) { return }
                        if seq % 262_144 == 0 { environment.releaseMappedPages() }
                    }
                    if let stop { throw stop }
                }
            }
        }
    }

    /// Entries the cursor walks ahead of `forEachStoredEvent`'s body (about 36 KB of events: they stay in the cache).
    static let readAheadRun = 256

    /// Calls `body` with each decoded event from `first` through `last`; `body` returns false to stop.
    public func forEachEvent(from first: UInt64 = 1, through last: UInt64 = .max,
                             _ body: (RecordedEvent) throws -> Bool) throws {
        try forEachStoredEvent(from: first, through: last) { seq, bytes in
            try body(try StoredEventCodec.decode(seq: seq, bytes))
        }
    }

    /// The events of one stream, in version order.
    public func history(of stream: StreamName) throws -> [RecordedEvent] {
        try environment.read { txn in
            let reads = try LedgerReads.visible(self, txn)
            return try reads.streamSeqs(txn, stream).map { seq in
                guard let event = try reads.event(txn, at: seq) else { throw LedgerError(.damaged, "seq \(seq) of \(stream) is missing") }
                return event
            }
        }
    }

    /// The facts of a stream as the rules see them now.
    public func facts(of stream: StreamName) throws -> StreamFacts {
        try currentStaging()
        return try environment.read { txn in
            try LedgerReads(store: self).visibleFacts(txn, of: stream)
        }
    }

}
