import LMDBKit
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The staging database's entries deleted through one cursor (``ImportStaging/deleteEntries(startingWith:store:staging:slice:)``):
/// a run's entries over many pages and several slices go, its neighbours' stay, and `clear` empties everything.
@Suite struct StagingDeleteTests {
    /// `runs` runs of `perRun` entries each, keys tag 1, run number, an 8-byte counter; values of 40 bytes.
    private func stage(_ store: EventStore, runs: [UInt32], perRun: Int) throws -> LMDBDatabase {
        let staging = try store.stagingDatabase()
        try store.environment.write { txn in
            var key: [UInt8] = []
            for run in runs {
                for index in 0..<perRun {
                    withUnsafeBytes(of: UInt64(index).bigEndian) { ImportStaging.runKey(ImportStaging.idRunTag, run: run, $0, into: &key) }
                    _ = try txn.put(staging, key: key, value: [UInt8](repeating: UInt8(run), count: 40))
                }
            }
        }
        return staging
    }

    /// The run number of every entry, in key order.
    private func runsOfEntries(_ store: EventStore, _ staging: LMDBDatabase) throws -> [UInt32] {
        try store.environment.read { txn in
            try txn.withCursor(staging) { cursor in
                var runs: [UInt32] = []
                var entry = try cursor.first()
                while let (key, _) = entry {
                    runs.append(key[1..<5].reduce(0) { $0 << 8 | UInt32($1) })
                    entry = try cursor.next()
                }
                return runs
            }
        }
    }

    @Test func deletingOneRunLeavesItsNeighboursWhole() throws {
        let ledger = try TemporaryLedger()
        let staging = try stage(ledger.store, runs: [1, 2, 3], perRun: 25_000)
        var prefix: [UInt8] = []
        ImportStaging.runKey(ImportStaging.idRunTag, run: 2, UnsafeRawBufferPointer(start: nil, count: 0), into: &prefix)
        // Slices of 7,000: four transactions, the last one partial, and hundreds of page ends on the way.
        try ImportStaging.deleteEntries(startingWith: prefix, store: ledger.store, staging: staging, slice: 7_000)
        let runs = try runsOfEntries(ledger.store, staging)
        #expect(runs.count == 50_000)
        #expect(runs.filter { $0 == 1 }.count == 25_000)
        #expect(runs.filter { $0 == 3 }.count == 25_000)
        #expect(!runs.contains(2))
    }

    @Test func clearEmptiesEveryRun() throws {
        let ledger = try TemporaryLedger()
        let staging = try stage(ledger.store, runs: [1, 2, 3, 4], perRun: 30_000)
        try ImportStaging.clear(ledger.store)
        #expect(try runsOfEntries(ledger.store, staging).isEmpty)
        // Clearing what is empty is a no-op.
        try ImportStaging.clear(ledger.store)
        #expect(try ledger.store.environment.read { txn in try txn.count(staging) } == 0)
    }
}
