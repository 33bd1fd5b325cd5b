/// The names of the ledger's LMDB databases and the byte forms of their keys.
enum StoreKeys {
    /// seq (u64 big-endian) → stored event (``StoredEventCodec``).
    static let events = "events"
    /// event id (16 bytes) → seq (u64 big-endian).
    static let ids = "ids"
    /// stream name (`KIND/ID`, UTF-8) → ``StreamFacts`` (12 bytes).
    static let streams = "streams"
    /// stream name → seq of each of its events (duplicates, fixed 8 bytes, in version order).
    static let streamEvents = "stream-events"
    /// seq of a voided event → seq of the `EventVoided` that voids it.
    static let voided = "voided"
    /// What an import keeps until it commits whole (``ImportStaging``); made by the first import, empty between imports.
    static let staging = "import-staging"
    /// Ledger metadata: format, import journal, the Merkle tree's compact range.
    static let meta = "meta"
    /// member id → the member's key wrapped under the master key.
    static let memberKeys = "member-keys"
    /// projection name (UTF-8) → checkpointed state: through-seq (u64 big-endian) then the projection's bytes.
    static let projections = "projections"
    /// The Merkle tree's interior nodes: completion position (u64 big-endian, see ``TreeNodes/position(level:index:)``)
    /// → the 32-byte hash of a perfect subtree of two or more leaves. Leaf hashes are not repeated here: they are
    /// the events' stored `hash`.
    static let tree = "tree"
    /// The key in `meta` of the tree's compact range (``CompactRange/serialized()``), saved with every commit.
    static let treeRange = Array("tree/range".utf8)

    /// The key in `meta` of the demo mark (value 1): the ledger was made by `plp-ledger demo`, which may rebuild it.
    static let demoMark = Array("demo".utf8)

    /// The key in `meta` of the master key's check value (``MasterKeyCheck``), never the key itself.
    static let masterKeyCheck = Array("master-key/check".utf8)
    /// The key in `meta` of the master key's identifier (``MasterKey/identifier``), to name it in messages.
    static let masterKeyID = Array("master-key/id".utf8)

    /// The format marker stored under `format` in `meta`.
    static let formatValue = Array("plp-ledger/1".utf8)

    /// The 16 key bytes of an event id.
    @inline(__always)
    static func withID<R>(_ id: EventID, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian), body)
    }

    /// The key bytes of a stream name.
    static func stream(_ name: StreamName) -> [UInt8] { Array(name.description.utf8) }
}
