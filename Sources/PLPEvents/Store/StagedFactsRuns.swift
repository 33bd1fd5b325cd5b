internal import LMDBKit

/// The stream facts an import has staged, as sorted *runs* merged in tiers — never rewritten at random places.
///
/// Each batch writes the facts of the streams it touched as one run (``ImportStaging/factsTag``, run number, stream
/// name → ``StreamFacts``), sorted: its puts fill pages one after the other. (Before, every batch put its facts into
/// one table of every stream the import had touched: 50,000 puts at random places of a table that reaches 1 GB at
/// 100 M lines, which copied and wrote about one page per put, 365 MB per batch.) A stream's facts are those of the
/// newest run that holds it; a Bloom filter per run says which runs to read. When the newest runs are `fanout` of
/// the same tier, they are merged into one run of the next tier (the newest facts of each stream kept), in slices
/// each committed on its own, and their entries deleted: at most `fanout − 1` runs per tier, so a lookup reads at
/// most a few dozen filters (4 tiers at 100 M lines) and every entry is rewritten once per tier. All of it lives in
/// the staging database: a failure or a kill leaves nothing a reader sees, and the rollback empties it.
struct StagedFactsRuns {
    /// One run: its number in the staging keys, its tier, its entries and their filter.
    struct Run {
        let id: UInt32
        let tier: Int
        let count: Int
        let filter: BloomBits
    }

    /// The runs, the oldest first; tiers never grow along the list (the newest runs are the smallest).
    private(set) var runs: [Run] = []
    private var nextID: UInt32 = 0
    /// How many runs of one tier are merged into one of the next.
    static let fanout = 8
    /// Entries merged per transaction, and entries deleted per transaction.
    static let mergeSlice = 250_000, deleteSlice = 50_000

    /// The run numbers, the oldest first (the order in which a merge lets the newest win).
    var runIDs: [UInt32] { runs.map(\.id) }

    /// Bytes held by the filters.
    var filterBytes: Int { runs.reduce(0) { $0 + $1.filter.bytes } }

    /// The stream's facts in the newest run that holds them, or nil when no run does.
    func latest(of name: [UInt8], staging: LMDBDatabase, key: inout [UInt8],
                in txn: borrowing LMDBWriteTransaction) throws -> StreamFacts? {
        guard !runs.isEmpty else { return nil }
        let probe = Self.filterKey(name)
        for run in runs.reversed() where run.filter.mayContain(probe) {
            try name.withUnsafeBytes { ImportStaging.runKey(ImportStaging.factsTag, run: run.id, $0, into: &key) }
            if let stored = try txn.get(staging, key: key) { return try StreamFacts(stored: stored) }
        }
        return nil
    }

    /// Writes `entries` (stream name → facts, sorted by name) as the newest run, in the batch's transaction.
    mutating func append(_ entries: [(name: [UInt8], facts: StreamFacts)], staging: LMDBDatabase, key: inout [UInt8],
                         releasePages: () -> Void, in txn: inout LMDBWriteTransaction) throws {
        guard !entries.isEmpty else { return }
        let id = nextID
        nextID += 1
        var filter = BloomBits(capacity: entries.count, bitsPerID: 10)
        for (index, (name, facts)) in entries.enumerated() {
            filter.insert(Self.filterKey(name))
            try name.withUnsafeBytes { ImportStaging.runKey(ImportStaging.factsTag, run: id, $0, into: &key) }
            _ = try txn.put(staging, key: key, value: facts.storedBytes)
            if index % 4_096 == 4_095 { releasePages() }
        }
        runs.append(Run(id: id, tier: 0, count: entries.count, filter: filter))
    }

    /// Whether the newest runs are `fanout` of one tier.
    var isDueForMerge: Bool {
        guard let newest = runs.last else { return false }
        return runs.reversed().prefix { $0.tier == newest.tier }.count >= Self.fanout
    }

    /// Merges the newest runs while they are `fanout` of one tier (each merge its own transactions); `slice` is
    /// called after each committed slice.
    mutating func mergeWhileDue(store: EventStore, staging: LMDBDatabase, slice: () -> Void = {}) throws {
        while isDueForMerge, let newest = runs.last {
            let sources = Array(runs.reversed().prefix { $0.tier == newest.tier }.reversed())
            let merged = try Self.merge(sources, into: nextID, tier: newest.tier + 1, store: store, staging: staging, slice: slice)
            nextID += 1
            runs.removeLast(sources.count)
            runs.append(merged)
            for source in sources { try Self.delete(run: source.id, store: store, staging: staging) }
        }
    }

    /// Writes run `id` of tier `tier`: the newest facts of every stream of `sources` (the oldest first).
    private static func merge(_ sources: [Run], into id: UInt32, tier: Int, store: EventStore, staging: LMDBDatabase,
                              slice: () -> Void) throws -> Run {
        var merger = RunMerger(tag: ImportStaging.factsTag, runs: sources.map(\.id))
        var filter = BloomBits(capacity: sources.reduce(0) { $0 + $1.count }, bitsPerID: 10)
        var count = 0
        var done = false
        var key: [UInt8] = []
        while !done {
            try store.environment.write { txn in
                // A slice run again after map growth starts from the merger as it was.
                var attempt = merger, attemptFilter = filter, attemptCount = count, written = 0
                while written < mergeSlice, let (name, value) = try attempt.nextNewest(txn, staging: staging) {
                    attemptFilter.insert(filterKey(name))
                    try name.withUnsafeBytes { ImportStaging.runKey(ImportStaging.factsTag, run: id, $0, into: &key) }
                    _ = try txn.put(staging, key: key, value: value)
                    written += 1
                    if written % 4_096 == 0 { store.environment.releaseMappedPages() }
                }
                attemptCount += written
                done = written < mergeSlice
                (merger, filter, count) = (attempt, attemptFilter, attemptCount)
            }
            store.environment.releaseMappedPages()
            slice()
        }
        return Run(id: id, tier: tier, count: count, filter: filter)
    }

    /// Deletes the entries of run `id`, in slices each its own transaction.
    private static func delete(run id: UInt32, store: EventStore, staging: LMDBDatabase) throws {
        var prefix: [UInt8] = []
        ImportStaging.runKey(ImportStaging.factsTag, run: id, UnsafeRawBufferPointer(start: nil, count: 0), into: &prefix)
        var done = false
        while !done {
            try store.environment.write { txn in
                let block = try ImportStaging.block(txn, staging, from: prefix, limit: deleteSlice) { $0.starts(with: prefix) }
                for (key, _) in block { _ = try txn.delete(staging, key: key) }
                done = block.count < deleteSlice
            }
            store.environment.releaseMappedPages()
        }
    }

    /// A stream name as a filter's key (the process's seeded hasher: the filters live in memory only; the filter
    /// mixes both halves again).
    @inline(__always)
    static func filterKey(_ name: [UInt8]) -> EventID {
        var hasher = Hasher()
        name.withUnsafeBytes { hasher.combine(bytes: $0) }
        let hash = UInt64(UInt(bitPattern: hasher.finalize()))
        return EventID(high: hash, low: hash ^ 0x5EED_F00D_5EED_F00D)
    }
}
