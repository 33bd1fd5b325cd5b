import Foundation

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

    /// How the store is opened.
    public struct Options: Sendable {
        /// Create the ledger if it does not exist.
        public var create = false
        /// Map size to start with (it grows by itself).
        public var initialMapSize = 256 << 20
        /// Full durability (fsync on every commit). Only benchmarks of the raw engine turn it off.
        public var durable = true
        /// The master key that wraps the members' keys; without it contact data in clear cannot be appended or read.
        public var masterKey: MasterKey?
        /// Seal contact data on append. Only the benchmark of the sealing cost turns it off.
        public var sealsContacts = true
        /// Options with defaults.
        public init(create: Bool = false) { self.create = create }
    }

    private init(path: String, environment: LMDBEnvironment, create: Bool, masterKey: MasterKey?, sealsContacts: Bool) throws {
        self.path = path
        self.environment = environment
        self.masterKey = masterKey
        self.sealsContacts = sealsContacts
        let flags: LMDBDatabaseFlags = create ? [.create] : []
        let handles = try Self.openDatabases(environment, flags: flags, path: path)
        events = handles[0]
        ids = handles[1]
        streams = handles[2]
        streamEvents = handles[3]
        voided = handles[4]
        meta = handles[5]
        memberKeys = handles[6]
        projections = handles[7]
        tree = handles[8]
        if create {
            try environment.write { txn in
                if try txn.get(meta, key: Array("format".utf8)) == nil {
                    _ = try txn.put(meta, key: Array("format".utf8), value: StoreKeys.formatValue)
                }
            }
        }
        let format = try environment.read { txn in try txn.get(meta, key: Array("format".utf8)).map { [UInt8]($0) } }
        guard format == StoreKeys.formatValue else {
            throw LedgerError("\(path) is not a plp-ledger ledger of format 1")
        }
        try buildTreeIfMissing()
    }

    private static func openDatabases(_ environment: LMDBEnvironment, flags: LMDBDatabaseFlags, path: String) throws -> [LMDBDatabase] {
        do {
            return [
                try environment.openDatabase(StoreKeys.events, flags: flags),
                try environment.openDatabase(StoreKeys.ids, flags: flags),
                try environment.openDatabase(StoreKeys.streams, flags: flags),
                try environment.openDatabase(StoreKeys.streamEvents, flags: flags.union([.dupSort, .dupFixed])),
                try environment.openDatabase(StoreKeys.voided, flags: flags),
                try environment.openDatabase(StoreKeys.meta, flags: flags),
                try environment.openDatabase(StoreKeys.memberKeys, flags: flags.union(.create)),
                try environment.openDatabase(StoreKeys.projections, flags: flags.union(.create)),  // also in older ledgers
                // Created on demand: ledgers written before the tree existed get it on first open.
                try environment.openDatabase(StoreKeys.tree, flags: [.create]),
            ]
        } catch {
            if error == LMDBError.notFound { throw LedgerError("\(path) is an LMDB environment but not a plp-ledger ledger") }
            throw error
        }
    }

    /// Opens the ledger at `path` (a directory), creating it with `options.create`.
    public static func open(at path: String, options: Options = Options()) throws -> EventStore {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw LedgerError("\(path) is a file, not a ledger directory")
        }
        let hasData = FileManager.default.fileExists(atPath: path + "/data.mdb")
        if !hasData && !options.create { throw LedgerError.noLedger(path) }
        var lmdb = LMDBOptions()
        lmdb.initialMapSize = options.initialMapSize
        lmdb.durable = options.durable
        lmdb.maxDatabases = 16
        let environment = try LMDBEnvironment.open(directory: path, options: lmdb)
        return try EventStore(path: path, environment: environment, create: options.create, masterKey: options.masterKey,
                              sealsContacts: options.sealsContacts)
    }

    // MARK: Reading

    /// The number of events, which is also the last `seq`.
    public func count() throws -> UInt64 {
        try environment.read { txn in try LedgerReads(store: self).lastSeq(txn) }
    }

    /// The event at `seq`, if any.
    public func event(at seq: UInt64) throws -> RecordedEvent? {
        try environment.read { txn in
            try LedgerReads(store: self).event(txn, at: seq)
        }
    }

    /// Calls `body` with each stored event's `seq` and bytes from `first` through `last`, in order, inside one read
    /// transaction (a consistent snapshot); `body` returns false to stop. The bytes are valid only during the call.
    public func forEachStoredEvent(from first: UInt64 = 1, through last: UInt64 = .max,
                                   _ body: (UInt64, UnsafeRawBufferPointer) throws -> Bool) throws {
        try environment.read { txn in
            try txn.withCursor(events) { cursor in
                var entry = try cursor.seek(atLeast: max(first, 1).bigEndianBytes)
                while let (key, value) = entry {
                    guard let seq = UInt64(bigEndianBytes: key) else { throw LedgerError("a stored key is not a seq") }
                    if seq > last { return }
                    if try !body(seq, value) { return }
                    if seq % 262_144 == 0 { environment.releaseMappedPages() }
                    entry = try cursor.next()
                }
            }
        }
    }

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
            let reads = LedgerReads(store: self)
            return try reads.streamSeqs(txn, stream).map { seq in
                guard let event = try reads.event(txn, at: seq) else { throw LedgerError("seq \(seq) of \(stream) is missing") }
                return event
            }
        }
    }

    /// The facts of a stream as the rules see them now.
    public func facts(of stream: StreamName) throws -> StreamFacts {
        try environment.read { txn in
            try LedgerReads(store: self).facts(txn, of: stream)
        }
    }

}
