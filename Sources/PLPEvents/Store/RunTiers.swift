internal import LMDBKit

/// The runs an import has staged under one or more tags, the oldest first, merged in tiers: when the newest runs are
/// `fanout` of one tier, they become one run of the next. At most `fanout − 1` runs per tier remain, so the runs
/// number a few dozen at 100 M lines (2,000 batches) and every entry is rewritten once per tier, in key order.
/// Each run carries a `Detail` (its filter, its size).
struct RunTiers<Detail> {
    /// One run: its number in the staging keys, its tier, its detail.
    struct Run {
        let id: UInt32
        let tier: Int
        let detail: Detail
    }

    /// The runs, the oldest first; tiers never grow along the list.
    private(set) var runs: [Run] = []
    private var nextID: UInt32 = 0
    /// How many runs of one tier are merged into one of the next.
    static var fanout: Int { 8 }

    /// The run numbers, the oldest first (the order in which a merge lets the newest of equal keys win).
    var ids: [UInt32] { runs.map(\.id) }

    /// The number the next run will have.
    var nextRunID: UInt32 { nextID }

    /// Adds the newest run, of tier 0.
    mutating func append(_ detail: Detail) {
        runs.append(Run(id: nextID, tier: 0, detail: detail))
        nextID += 1
    }

    /// The runs to merge now: the newest, when they are `fanout` of one tier; nil otherwise.
    var due: [Run]? {
        guard let newest = runs.last else { return nil }
        let same = runs.reversed().prefix { $0.tier == newest.tier }
        return same.count >= Self.fanout ? Array(same.reversed()) : nil
    }

    /// Replaces the runs `due` named by one run of the next tier, numbered ``nextRunID``.
    mutating func replaceDue(with detail: Detail) {
        guard let sources = due, let first = sources.first else { return }
        runs.removeLast(sources.count)
        runs.append(Run(id: nextID, tier: first.tier + 1, detail: detail))
        nextID += 1
    }
}

/// Merging and deleting staged runs, in slices each committed on its own (no transaction holds more than a slice's
/// dirty pages; every slice is in the staging database, which no reader sees and a rollback empties).
enum StagedRunMerge {
    /// Entries merged per transaction, and entries deleted per transaction.
    static let mergeSlice = 250_000, deleteSlice = 50_000

    /// Writes run `id` of `tag`: the entries of runs `sources` (the oldest first) in key order, of equal keys the
    /// newest; `each` sees every key written (after the run prefix) and the state it keeps. Returns the entries
    /// written. `slice` is called after each committed slice.
    static func merge<State>(tag: UInt8, sources: [UInt32], into id: UInt32, store: EventStore, staging: LMDBDatabase,
                             state: inout State, each: (inout State, [UInt8]) -> Void, slice: () -> Void) throws -> Int {
        var merger = RunMerger(tag: tag, runs: sources)
        var count = 0
        var done = false
        var key: [UInt8] = []
        while !done {
            try store.environment.write { txn in
                // A slice run again after map growth starts from the merger and the state as they were.
                var attempt = merger, attemptState = state, written = 0
                let before = count
                while written < mergeSlice, let (rest, value) = try attempt.nextNewest(txn, staging: staging) {
                    each(&attemptState, rest)
                    rest.withUnsafeBytes { ImportStaging.runKey(tag, run: id, $0, into: &key) }
                    _ = try txn.put(staging, key: key, value: value)
                    written += 1
                    if written % 4_096 == 0 { store.environment.releaseMappedPages() }
                }
                done = written < mergeSlice
                (merger, state, count) = (attempt, attemptState, before + written)
            }
            store.environment.releaseMappedPages()
            slice()
        }
        return count
    }

    /// Deletes the entries of run `id` of `tag`.
    static func delete(tag: UInt8, run id: UInt32, store: EventStore, staging: LMDBDatabase) throws {
        var prefix: [UInt8] = []
        ImportStaging.runKey(tag, run: id, UnsafeRawBufferPointer(start: nil, count: 0), into: &prefix)
        try ImportStaging.deleteEntries(startingWith: prefix, store: store, staging: staging, slice: deleteSlice)
    }
}

/// The index entries an import has staged — `ids` (``ImportStaging/idRunTag``) and `stream-events`
/// (``ImportStaging/streamRunTag``) — as one run of each per batch, under the same number, merged in tiers. An id or
/// a stream's history is looked up in every run (a few dozen at most; an id only when the filter over the import's
/// given ids says "maybe"), so no filter per run is needed: their memory (10 bits per id and per stream per run, about
/// 2 bytes a line) no longer grows with the number of batches, and the last merge reads a few dozen runs, not 2,000.
struct StagedIndexRuns {
    private(set) var tiers = RunTiers<Void>()

    /// The run numbers, the oldest first.
    var ids: [UInt32] { tiers.ids }

    /// The number the next run will have.
    var nextRunID: UInt32 { tiers.nextRunID }

    /// Records that run ``nextRunID`` was written.
    mutating func appended() { tiers.append(()) }

    /// Merges the newest runs of both tags while they are `fanout` of one tier; `slice` is called after each slice.
    mutating func mergeWhileDue(store: EventStore, staging: LMDBDatabase, slice: () -> Void = {}) throws {
        let tags = [ImportStaging.idRunTag, ImportStaging.streamRunTag]
        while let sources = tiers.due {
            var nothing: Void = ()
            for tag in tags {
                _ = try StagedRunMerge.merge(tag: tag, sources: sources.map(\.id), into: tiers.nextRunID, store: store,
                                             staging: staging, state: &nothing, each: { _, _ in }, slice: slice)
            }
            tiers.replaceDue(with: ())
            for source in sources {
                for tag in tags { try StagedRunMerge.delete(tag: tag, run: source.id, store: store, staging: staging) }
            }
        }
    }
}
