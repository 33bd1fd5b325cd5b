internal import LMDBKit

/// Values an import stages by name — stream facts (``ImportStaging/factsTag``) and the member keys it creates
/// (``ImportStaging/keyRunTag``) — as sorted *runs* merged in tiers, never put at random places of a table.
///
/// Each batch writes the values it set as one run (tag, run number, name → value), sorted: its puts fill pages one
/// after the other. (Before, every batch put them into one table of every name the import had touched: at 100 M
/// lines, 50,000 puts at random places of a table of a gigabyte, which copied and wrote about one page per put —
/// 365 MB per batch for the facts; the member keys of the 2 M members that open the national history did the same
/// to `member-keys`.) A name's value is that of the newest run holding it; a Bloom filter per run says which runs
/// to read. The runs are merged in tiers (``RunTiers``), the newest value of each name kept. All of it lives in the
/// staging database: a failure or a kill leaves nothing a reader sees, and the rollback empties it.
struct StagedValueRuns {
    /// A run's entries and their filter.
    struct Detail {
        let count: Int
        let filter: BloomBits
    }

    /// The tag of the runs' keys.
    let tag: UInt8
    private(set) var tiers = RunTiers<Detail>()

    /// Runs of `tag`.
    init(tag: UInt8) { self.tag = tag }

    /// The run numbers, the oldest first.
    var runIDs: [UInt32] { tiers.ids }

    /// Bytes held by the filters.
    var filterBytes: Int { tiers.runs.reduce(0) { $0 + $1.detail.filter.bytes } }

    /// The value of `name` in the newest run that holds it, or nil when no run does.
    func latest<R>(of name: [UInt8], staging: LMDBDatabase, key: inout [UInt8], in txn: borrowing LMDBWriteTransaction,
                   _ read: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        guard !tiers.runs.isEmpty else { return nil }
        let probe = Self.filterKey(name)
        for run in tiers.runs.reversed() where run.detail.filter.mayContain(probe) {
            name.withUnsafeBytes { ImportStaging.runKey(tag, run: run.id, $0, into: &key) }
            if let stored = try txn.get(staging, key: key) { return try read(stored) }
        }
        return nil
    }

    /// Writes `entries` (name → value, sorted by name) as the newest run, in the batch's transaction.
    mutating func append(_ entries: [(name: [UInt8], value: [UInt8])], staging: LMDBDatabase, key: inout [UInt8],
                         releasePages: () -> Void, in txn: inout LMDBWriteTransaction) throws {
        guard !entries.isEmpty else { return }
        let id = tiers.nextRunID
        var filter = BloomBits(capacity: entries.count, bitsPerID: 10)
        for (index, (name, value)) in entries.enumerated() {
            filter.insert(Self.filterKey(name))
            name.withUnsafeBytes { ImportStaging.runKey(tag, run: id, $0, into: &key) }
            _ = try txn.put(staging, key: key, value: value)
            if index % 4_096 == 4_095 { releasePages() }
        }
        tiers.append(Detail(count: entries.count, filter: filter))
    }

    /// Merges the newest runs while they are `fanout` of one tier (each merge its own transactions); `slice` is
    /// called after each committed slice.
    mutating func mergeWhileDue(store: EventStore, staging: LMDBDatabase, slice: () -> Void = {}) throws {
        while let sources = tiers.due {
            var filter = BloomBits(capacity: sources.reduce(0) { $0 + $1.detail.count }, bitsPerID: 10)
            let count = try StagedRunMerge.merge(tag: tag, sources: sources.map(\.id), into: tiers.nextRunID,
                                                 store: store, staging: staging, state: &filter,
                                                 each: { $0.insert(Self.filterKey($1)) }, slice: slice)
            tiers.replaceDue(with: Detail(count: count, filter: filter))
            for source in sources { try StagedRunMerge.delete(tag: tag, run: source.id, store: store, staging: staging) }
        }
    }

    /// A name as a filter's key (the process's seeded hasher: the filters live in memory only; the filter mixes
    /// both halves again).
    @inline(__always)
    static func filterKey(_ name: [UInt8]) -> EventID {
        var hasher = Hasher()
        name.withUnsafeBytes { hasher.combine(bytes: $0) }
        let hash = UInt64(UInt(bitPattern: hasher.finalize()))
        return EventID(high: hash, low: hash ^ 0x5EED_F00D_5EED_F00D)
    }
}
