internal import LMDBKit
import HeapModule

/// The end of an import whose every line is in: its staged runs merged into `ids` and `stream-events` in key order,
/// then the last transaction that makes the import visible (``ImportStaging``).
///
/// The merge commits in slices, each of a bounded number of entries, so that no transaction holds more than a
/// bounded number of dirty pages; its entries point beyond the head, so readers leave them out until the head moves.
/// Keys come in order: in a ledger that held fewer ids before, the puts land page after page (LMDB appends past
/// the largest key there was).
enum ImportMerge {
    /// Entries merged per transaction.
    static let slice = 250_000

    /// Merges the runs; `progress` gets the entries merged so far.
    static func mergeRuns(store: EventStore, staging: LMDBDatabase, runs: [UInt32], progress: (Int) -> Void) throws {
        guard !runs.isEmpty else { return }
        try store.environment.write { txn in
            guard let mark = try txn.get(staging, key: ImportStaging.markKey) else { return }
            _ = try txn.put(staging, key: ImportStaging.markKey, value: mark.prefix(8) + [ImportStaging.mergingPhase])
        }
        var merged = 0
        for tag in [ImportStaging.idRunTag, ImportStaging.streamRunTag] {
            var merger = RunMerger(tag: tag, runs: runs)
            var done = false
            while !done {
                try store.environment.write { txn in
                    // A slice run again after map growth starts from the merger as it was.
                    var attempt = merger
                    var count = 0
                    var appendsFrom: [UInt8]? = try largestKey(txn, tag == ImportStaging.idRunTag ? store.ids : store.streamEvents)
                    while count < slice, let (rest, value) = try attempt.next(txn, staging: staging) {
                        if tag == ImportStaging.idRunTag {
                            let append = appendsFrom.map { KeyOrder.compare(rest, $0) > 0 } ?? true
                            if append { appendsFrom = nil }
                            let fresh = try txn.put(store.ids, key: rest, value: value, flags: append ? .append : .noOverwrite)
                            guard fresh || append else {
                                let high = rest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                                let low = rest.dropFirst(8).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                                throw LedgerError("event \(EventID(high: high, low: low)) of the import is already in the ledger")
                            }
                        } else {
                            // rest = stream name, 0x00, seq (8 bytes).
                            guard rest.count > 9 else { continue }
                            try rest.withUnsafeBytes { entry in
                                _ = try txn.put(store.streamEvents, key: UnsafeRawBufferPointer(rebasing: entry[0..<(entry.count - 9)]),
                                                value: UnsafeRawBufferPointer(rebasing: entry[(entry.count - 8)...]), flags: .appendDup)
                            }
                        }
                        count += 1
                    }
                    done = count < slice
                    merger = attempt
                    merged += count
                }
                // The merge reads the runs and the trees through the map: hand those pages back after each slice.
                store.environment.releaseMappedPages()
                progress(merged)
                ImportFault.reach(.merging)
            }
        }
    }

    /// Moves the staged stream facts into `streams`, in slices of `slice` streams each committed on its own, so that
    /// no transaction holds the pages of every stream (about 100 MB for the 1.9 M streams of 10 M lines). Readers
    /// must not see them before the head moves: the mark says the facts are moving, and each moved stream's facts
    /// from before the import are kept (``ImportStaging/priorFactsTag``), which readers take instead
    /// (``LedgerReads/visibleFacts(_:of:)``) and a rollback puts back.
    static func moveFacts(store: EventStore, staging: LMDBDatabase, runs: [UInt32], slice: Int = 50_000) throws {
        // The staged facts are runs (``StagedValueRuns``): merged, the newest of each stream wins.
        var merger = RunMerger(tag: ImportStaging.factsTag, runs: runs)
        var done = false
        var first = true
        while !done {
            try store.environment.write { txn in
                if first, let mark = try txn.get(staging, key: ImportStaging.markKey) {
                    _ = try txn.put(staging, key: ImportStaging.markKey, value: mark.prefix(8) + [ImportStaging.movingFactsPhase])
                }
                // A slice run again after map growth starts from the merger as it was.
                var attempt = merger
                var block: [([UInt8], [UInt8])] = []
                while block.count < slice, let entry = try attempt.nextNewest(txn, staging: staging) { block.append(entry) }
                var prior: [UInt8] = []
                for (name, value) in block {
                    prior.removeAll(keepingCapacity: true)
                    prior.append(ImportStaging.priorFactsTag)
                    prior.append(contentsOf: name)
                    let before = try txn.get(store.streams, key: name).map { [UInt8]($0) } ?? []
                    _ = try txn.put(staging, key: prior, value: before)
                    _ = try txn.put(store.streams, key: name, value: value)
                }
                done = block.count < slice
                merger = attempt
            }
            first = false
            store.environment.releaseMappedPages()
            ImportFault.reach(.movingFacts)
        }
    }

    /// Moves the member keys the import created (runs of ``ImportStaging/keyRunTag``) into `member-keys`, in key
    /// order and in slices each committed on its own, noting each (``ImportStaging/createdKeyTag``) so that a
    /// rollback removes them. A key whose member is not visible yet opens nothing a reader can see.
    static func moveKeys(store: EventStore, staging: LMDBDatabase, runs: [UInt32], slice: Int = 50_000) throws {
        guard !runs.isEmpty else { return }
        var merger = RunMerger(tag: ImportStaging.keyRunTag, runs: runs)
        var done = false
        while !done {
            try store.environment.write { txn in
                // A slice run again after map growth starts from the merger as it was.
                var attempt = merger
                var block: [([UInt8], [UInt8])] = []
                while block.count < slice, let entry = try attempt.nextNewest(txn, staging: staging) { block.append(entry) }
                for (member, wrapped) in block {
                    _ = try txn.put(staging, key: [ImportStaging.createdKeyTag] + member, value: [])
                    _ = try txn.put(store.memberKeys, key: member, value: wrapped)
                }
                done = block.count < slice
                merger = attempt
            }
            store.environment.releaseMappedPages()
            ImportFault.reach(.movingKeys)
        }
    }

    /// The import's last transaction: the keys of erased members destroyed, the tree saved (which moves the head:
    /// the whole import is visible from its commit on, its stream facts with it), the file's journal mark, and the
    /// import's own mark removed.
    static func finish(store: EventStore, staging: LMDBDatabase, tree: CompactRange, journal: (key: [UInt8], value: [UInt8])?,
                       in txn: inout LMDBWriteTransaction) throws {
        var from: [UInt8] = [ImportStaging.erasedTag]
        while true {
            let block = try ImportStaging.block(txn, staging, from: from, limit: 4096) { $0.first == ImportStaging.erasedTag }
            guard let last = block.last else { break }
            for (key, _) in block { _ = try txn.delete(store.memberKeys, key: Array(key.dropFirst())) }
            from = last.key + [0]
            // The pages read through the map are clean: handing them back inside the transaction is safe.
            store.environment.releaseMappedPages()
        }
        _ = try txn.put(store.meta, key: StoreKeys.treeRange, value: tree.serialized())
        if let journal { _ = try txn.put(store.meta, key: journal.key, value: journal.value) }
        // The import is done once its mark is gone; the runs are emptied after the commit (``ImportStaging/clear(_:)``).
        _ = try txn.delete(staging, key: ImportStaging.markKey)
    }

    private static func largestKey(_ txn: borrowing LMDBWriteTransaction, _ database: LMDBDatabase) throws -> [UInt8]? {
        try txn.withCursor(database) { cursor in try cursor.last().map { [UInt8]($0.key) } }
    }
}

/// A k-way merge of an import's runs of one tag, reading each run a block at a time (one cursor per read, so that
/// the merge can go on in the next transaction).
struct RunMerger {
    private struct Head: Comparable {
        var rest: [UInt8]
        var run: Int
        static func < (a: Head, b: Head) -> Bool {
            let order = KeyOrder.compare(a.rest, b.rest)
            return order == 0 ? a.run < b.run : order < 0
        }
    }

    private let tag: UInt8
    /// Each run's entries read and not yet merged (key after the run prefix, value), and where to read on.
    private var blocks: [[([UInt8], [UInt8])]]
    private var cursors: [Int]
    private var resume: [[UInt8]?]
    private var heap = Heap<Head>()
    private var started = false
    /// Entries read from a run at a time: 512, fewer when there are many runs (at most about 50,000 entries in
    /// memory).
    private let block: Int

    /// A merge of the runs numbered `runs` of `tag`; entries of equal keys come in the order of `runs`.
    init(tag: UInt8, runs: [UInt32]) {
        self.tag = tag
        block = max(32, min(512, 50_000 / max(runs.count, 1)))
        blocks = Array(repeating: [], count: runs.count)
        cursors = Array(repeating: 0, count: runs.count)
        resume = runs.map { run in
            var key: [UInt8] = []
            ImportStaging.runKey(tag, run: run, UnsafeRawBufferPointer(start: nil, count: 0), into: &key)
            return key
        }
    }

    /// The next entry in key order, or nil when every run is merged.
    mutating func next(_ txn: borrowing LMDBWriteTransaction, staging: LMDBDatabase) throws -> ([UInt8], [UInt8])? {
        if !started {
            started = true
            for run in 0..<blocks.count { try refill(run, txn, staging: staging) }
        }
        guard let head = heap.popMin() else { return nil }
        let run = head.run
        let entry = blocks[run][cursors[run]]
        cursors[run] += 1
        if cursors[run] == blocks[run].count { try refill(run, txn, staging: staging) } else {
            heap.insert(Head(rest: blocks[run][cursors[run]].0, run: run))
        }
        return entry
    }

    /// The next key in key order with the value of the last of `runs` that holds it (the newest, for runs given
    /// the oldest first), or nil when every run is merged.
    mutating func nextNewest(_ txn: borrowing LMDBWriteTransaction, staging: LMDBDatabase) throws -> ([UInt8], [UInt8])? {
        guard var entry = try next(txn, staging: staging) else { return nil }
        while let head = heap.min, head.rest == entry.0, let newer = try next(txn, staging: staging) { entry = newer }
        return entry
    }

    /// Reads the next block of `run` (from the key after the last one read) and puts its first entry in the heap.
    private mutating func refill(_ run: Int, _ txn: borrowing LMDBWriteTransaction, staging: LMDBDatabase) throws {
        blocks[run].removeAll(keepingCapacity: true)
        cursors[run] = 0
        guard let from = resume[run] else { return }
        let prefixLength = 5
        let prefix = Array(from[0..<prefixLength])
        var read: [([UInt8], [UInt8])] = []
        read.reserveCapacity(block)
        try txn.withCursor(staging) { cursor in
            var entry = try cursor.seek(atLeast: from)
            // The first read starts at the bare prefix; a later one at the last key read, which it skips.
            if let (key, _) = entry, from.count > prefixLength, key.elementsEqual(from) { entry = try cursor.next() }
            while read.count < block, let (key, value) = entry, key.count > prefixLength, key.starts(with: prefix) {
                read.append((Array(key[prefixLength...]), Array(value)))
                entry = try cursor.next()
            }
        }
        blocks[run] = read
        // The next block starts after the last key read: the run's prefix and the last entry's rest.
        resume[run] = read.count < block ? nil : read.last.map { prefix + $0.0 }
        if let first = read.first { heap.insert(Head(rest: first.0, run: run)) }
    }
}
