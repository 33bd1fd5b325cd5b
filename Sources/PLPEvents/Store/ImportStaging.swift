internal import LMDBKit
/// What an import keeps beside the ledger until it commits whole: the `import-staging` database.
///
/// An import commits its events in batches *beyond the head* (``LedgerReads/head(_:)``), which readers do not see.
/// The index entries of those events would land at random places of the big `ids` and `stream-events` trees, batch
/// after batch, rewriting most of their pages each time; they are staged instead, each batch's entries sorted and
/// appended as one *run*, and merged into the trees once, in key order, when every line is in. Stream facts are
/// staged too (as sorted runs of their own, merged in tiers: ``StagedValueRuns``), and so are the member keys it creates,, so that no reader sees a stream's facts before its events. The import's last
/// transaction writes the facts, destroys the keys of erased members, saves the tree (moving the head) and empties
/// the staging database.
///
/// Keys start with a tag byte:
/// - `0` → the import's mark: the head it started from (u64 big-endian), then 1 once the merge has begun, 2 once the
///   stream facts are being moved into `streams`;
/// - `1`, run (u32 big-endian), event id (16 bytes) → seq (u64 big-endian): the `ids` entries of one batch;
/// - `2`, run, stream name, `0x00`, seq → empty: the `stream-events` entries of one batch;
/// - `3`, run (u32 big-endian), stream name → ``StreamFacts`` as stored: the facts of the streams one batch touched,
///   after it, or a merge of such runs (``StagedValueRuns``: a stream's facts are those of the newest run holding it);
/// - `4`, member id → empty: a member erased by the import (the key is destroyed when the head moves);
/// - `5`, member id → empty: a member key the import created and moved into `member-keys` before its last
///   transaction (removed if the import is rolled back);
/// - `6`, stream name → the stream's facts before the import (empty: the stream did not exist), for each stream whose
///   facts were moved into `streams` before the last transaction: what readers see until the head moves, and what a
///   rollback puts back;
/// - `7`, run, member id → the member's wrapped key: the keys one batch created, or a merge of such runs
///   (``StagedValueRuns``), moved into `member-keys` in key order before the last transaction.
enum ImportStaging {
    static let markTag: UInt8 = 0, idRunTag: UInt8 = 1, streamRunTag: UInt8 = 2, factsTag: UInt8 = 3
    static let erasedTag: UInt8 = 4, createdKeyTag: UInt8 = 5, priorFactsTag: UInt8 = 6, keyRunTag: UInt8 = 7
    static let markKey: [UInt8] = [markTag]
    /// The mark's phase byte once the merge has begun, and once facts are being moved.
    static let mergingPhase: UInt8 = 1, movingFactsPhase: UInt8 = 2

    /// The staging database when an import is moving its stream facts into `streams` (readers must then take a
    /// moved stream's facts from before the import, ``priorFactsTag``); nil otherwise. Readers call
    /// ``EventStore/currentStaging()`` before their transaction, so that an import begun since the store was opened
    /// is seen.
    static func movingFacts(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, store: EventStore) throws -> LMDBDatabase? {
        guard let staging = store.existingStaging else { return nil }
        let mark: UnsafeRawBufferPointer?
        do {
            mark = try txn.get(staging, key: markKey)
        } catch where error.code == LMDBError.invalidArgument.code {
            // A snapshot older than the staging database (an import that began after it began): none of it is in view.
            return nil
        }
        guard let mark, mark.count > 8, mark[8] == movingFactsPhase else { return nil }
        return staging
    }

    /// Whether no import has left work in the ledger (no staging database, or no mark in it).
    static func isEmpty(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, store: EventStore) throws -> Bool {
        guard let staging = store.existingStaging else { return true }
        return try txn.get(staging, key: markKey) == nil
    }

    /// Copies of the entries of `database` from the first key at or after `start` (nil: its first key), at most
    /// `limit`, while `belongs` holds for the key. A block is read in one go because a write cannot go on while a
    /// cursor of the same transaction is borrowed; the writes follow, then the next block.
    static func block(_ txn: borrowing LMDBWriteTransaction, _ database: LMDBDatabase, from start: [UInt8]?, limit: Int = .max,
                      while belongs: (UnsafeRawBufferPointer) -> Bool = { _ in true }) throws -> [(key: [UInt8], value: [UInt8])] {
        var block: [(key: [UInt8], value: [UInt8])] = []
        try txn.withCursor(database) { cursor in
            var entry = try start.map { try cursor.seek(atLeast: $0) } ?? cursor.first()
            while block.count < limit, let (key, value) = entry, belongs(key) {
                block.append((Array(key), Array(value)))
                entry = try cursor.next()
            }
        }
        return block
    }

    /// Empties the staging database in slices, each its own transaction, handing the mapped pages back as it goes.
    /// (`mdb_drop` would be one transaction, and liblmdb 0.9.24 reads every leaf page of the database to drop it:
    /// +62 MB of resident pages at 3 M lines, measured.) What a kill leaves is emptied by the next writer.
    static func clear(_ store: EventStore) throws {
        guard let staging = store.existingStaging else { return }
        try deleteEntries(startingWith: [], store: store, staging: staging)
    }

    /// Deletes the entries whose key starts with `prefix` (all of them for an empty prefix), at most `slice` per
    /// transaction. One cursor deletes from the first such entry on, copying nothing; where LMDB leaves it on no entry
    /// after a delete (the end of a page), the first remaining entry is sought again.
    static func deleteEntries(startingWith prefix: [UInt8], store: EventStore, staging: LMDBDatabase, slice: Int = 50_000) throws {
        var done = false
        while !done {
            try store.environment.write { txn in
                var deleted = 0
                try txn.withCursor(staging) { cursor in
                    func firstEntry() throws -> LMDBEntry? { prefix.isEmpty ? try cursor.first() : try cursor.seek(atLeast: prefix) }
                    var entry = try firstEntry()
                    while deleted < slice, let (key, _) = entry, key.starts(with: prefix) {
                        try cursor.deleteCurrent()
                        deleted += 1
                        // The pages read through the map are clean: handing them back inside the transaction is safe.
                        if deleted % 10_000 == 0 { store.environment.releaseMappedPages() }
                        entry = try cursor.current() ?? firstEntry()
                    }
                }
                done = deleted < slice
            }
            store.environment.releaseMappedPages()
        }
    }

    /// The key of a run entry: tag, run number, then `rest`.
    @inline(__always)
    static func runKey(_ tag: UInt8, run: UInt32, _ rest: UnsafeRawBufferPointer, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        key.append(tag)
        withUnsafeBytes(of: run.bigEndian) { key.append(contentsOf: $0) }
        key.append(contentsOf: rest)
    }

    /// The key of a tagged name entry (facts, erased or created keys).
    static func nameKey(_ tag: UInt8, _ name: String) -> [UInt8] { [tag] + Array(name.utf8) }

    /// The key of a stream run entry after its tag and run: the stream name, `0x00`, the seq. In the order of these
    /// bytes, the entries come as `stream-events` orders them (stream name, shorter first, then seq).
    static func streamEntry(_ stream: [UInt8], seq: UInt64) -> [UInt8] {
        var bytes = stream
        bytes.append(0)
        withUnsafeBytes(of: seq.bigEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }
}

/// Whether an id given by the import's lines may be in its staged runs, without reading them: a Bloom filter that
/// may answer "maybe" but never wrongly "no", over every run. It turns away an id the runs do not hold in one memory
/// read; a "maybe" (an id the import gave, or about 0.4 % of the others) reads every run, a few dozen at most
/// (``StagedIndexRuns``). It is sized from the expected number of lines; when more come, each new filter holds as
/// many ids as all before it. Memory: 12 bits per given id (up to twice that while the chain grows).
struct StagedIDFilter {
    private var all: [BloomBits] = []
    /// How many ids the first filter is made for.
    private let expected: Int

    /// A filter expecting about `expectedIDs` ids (nil: unknown, e.g. standard input).
    init(expectedIDs: Int? = nil) { expected = max(expectedIDs ?? 1 << 20, 1 << 16) }

    /// Whether any id was added.
    var isEmpty: Bool { all.isEmpty }

    /// Adds ids given by the import's lines.
    mutating func add(_ ids: [EventID]) {
        for id in ids {
            if all.isEmpty || all[all.count - 1].isFull {
                let total = all.reduce(0) { $0 + $1.capacity }
                // Each new filter holds as many ids as all before it: the capacity doubles, no more than twice the bits.
                all.append(BloomBits(capacity: total == 0 ? expected : total, bitsPerID: 12))
            }
            all[all.count - 1].insert(id)
        }
    }

    /// Whether an id may be in the runs.
    func mayContain(_ id: EventID) -> Bool { all.contains { $0.mayContain(id) } }

    /// Bytes held by the filters.
    var bytes: Int { all.reduce(0) { $0 + $1.bytes } }
}

/// One blocked Bloom filter over 128-bit keys: every probe of a key falls in one block of 512 bits (one cache
/// line), so a lookup costs one memory read. Any number of blocks (a block is chosen by multiplying, not masking),
/// so the filter takes the bits it is asked for and no more; 7 probes (about 1 % false positives at 10 bits per key,
/// 0.4 % at 12).
struct BloomBits {
    private var words: [UInt64]
    let capacity: Int
    private var count = 0
    private static let probes = 7, wordsPerBlock = 8

    init(capacity: Int, bitsPerID: Int) {
        let blocks = max(1, (capacity * bitsPerID + 511) / 512)
        words = [UInt64](repeating: 0, count: blocks * Self.wordsPerBlock)
        self.capacity = capacity
    }

    var isFull: Bool { count >= capacity }

    /// Bytes held.
    var bytes: Int { words.count * 8 }

    mutating func insert(_ id: EventID) {
        var (base, bits) = location(id)
        for _ in 0..<Self.probes {
            words[base + Int((bits >> 6) & 7)] |= 1 << (bits & 63)
            bits >>= 9
        }
        count += 1
    }

    func mayContain(_ id: EventID) -> Bool {
        var (base, bits) = location(id)
        for _ in 0..<Self.probes {
            if words[base + Int((bits >> 6) & 7)] & (1 << (bits & 63)) == 0 { return false }
            bits >>= 9
        }
        return true
    }

    /// The first word of the key's block, and 63 bits of which each 9 name one bit of the block.
    @inline(__always)
    private func location(_ id: EventID) -> (Int, UInt64) {
        let (block, probes) = Self.hash(id)
        let blocks = UInt64(words.count / Self.wordsPerBlock)
        return (Int(block.multipliedFullWidth(by: blocks).high) * Self.wordsPerBlock, probes)
    }

    private static func hash(_ id: EventID) -> (UInt64, UInt64) {
        func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let a = mix(id.high ^ mix(id.low))
        return (a, mix(a ^ id.low))
    }
}

/// Where an import stands between two of its batches: what the next batch's ``StoreLedgerState`` starts from.
/// A value: a batch that LMDB runs again (the map had to grow) starts again from the same position.
struct ImportPosition {
    /// The staging database.
    let staging: LMDBDatabase
    var nextSeq: UInt64
    var lastRecordedAt: Int64
    /// The tree over every event so far, the import's included (saved only by its last transaction).
    var tree: CompactRange
    /// The staged index runs.
    var indexRuns: StagedIndexRuns
    var givenIDs: StagedIDFilter
    /// The stream facts staged so far.
    var stagedFacts: StagedValueRuns
    /// The member keys the import created so far.
    var stagedKeys: StagedValueRuns
    var masterKeyChecked: Bool

    /// The position before an import's first batch, on a ledger with nothing beyond its head; `expectedLines` sizes
    /// the filter of given ids (nil when unknown).
    static func start(store: EventStore, staging: LMDBDatabase, expectedLines: Int?,
                      txn: borrowing LMDBWriteTransaction) throws -> ImportPosition {
        let reads = LedgerReads(store: store)
        let last = try reads.lastSeq(txn)
        let range = try TreeNodes.loadRange(txn, store: store) ?? CompactRange()
        guard range.size == last else {
            throw LedgerError("the Merkle tree covers \(range.size) events but the ledger holds \(last): the ledger is damaged (run `plp-ledger verify`)")
        }
        return ImportPosition(staging: staging, nextSeq: last + 1, lastRecordedAt: try reads.header(txn, at: last)?.recordedAt ?? 0,
                              tree: range, indexRuns: StagedIndexRuns(), givenIDs: StagedIDFilter(expectedIDs: expectedLines),
                              stagedFacts: StagedValueRuns(tag: ImportStaging.factsTag),
                              stagedKeys: StagedValueRuns(tag: ImportStaging.keyRunTag), masterKeyChecked: false)
    }
}
