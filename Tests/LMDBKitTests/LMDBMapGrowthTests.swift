import Foundation
import LMDBKit
import Synchronization
import Testing

@Suite("LMDB map growth")
struct LMDBMapGrowthTests {
    @Test func writing50MBFromA1MiBMapJustWorks() throws {
        try withLMDBTestEnvironment({ $0.initialMapSize = 1 << 20 }) { env, _ in
            let db = try env.openDatabase("events", flags: .create)
            let initialMap = env.mapSize
            let value = [UInt8](repeating: 0x5A, count: 4000)
            var bodyRuns = 0
            var transactions = 0
            var sequence: UInt64 = 0
            // 50 transactions of 1 MB each (≈ 50 MB).
            for _ in 0..<50 {
                let first = sequence
                let written = try env.write { txn -> Int in
                    bodyRuns += 1
                    var next = first // re-runnable: everything derives from inputs and the transaction
                    for _ in 0..<250 {
                        try txn.put(db, key: next.bigEndianBytes, value: value, flags: .append)
                        next += 1
                    }
                    return Int(next - first)
                }
                #expect(written == 250)
                sequence += UInt64(written)
                transactions += 1
            }
            #expect(bodyRuns > transactions) // the map did grow, by re-running bodies
            #expect(env.mapSize > 50_000_000)
            #expect(env.mapSize > initialMap)
            try env.read { txn throws in
                #expect(try txn.count(db) == 50 * 250)
                #expect(try txn.get(db, key: UInt64(12_499).bigEndianBytes).map(Array.init) == value)
            }
            #expect(try env.usedBytes() > 50_000_000)
        }
    }

    @Test func aSingleLargeTransactionGrowsTheMap() throws {
        try withLMDBTestEnvironment({ $0.initialMapSize = 1 << 20 }) { env, _ in
            let db = try env.openDatabase("blobs", flags: .create)
            let value = [UInt8](repeating: 1, count: 64 * 1024)
            var runs = 0
            try env.write { txn throws in
                runs += 1
                for i in UInt64(0)..<320 { // 20 MB
                    try txn.put(db, key: i.bigEndianBytes, value: value)
                }
            }
            #expect(runs > 1)
            #expect(try env.read { try $0.count(db) } == 320)
        }
    }

    @Test func aSwallowedMapFullStillGrowsAndReruns() throws {
        try withLMDBTestEnvironment({ $0.initialMapSize = 1 << 20 }) { env, _ in
            let db = try env.openDatabase("blobs", flags: .create)
            let value = [UInt8](repeating: 1, count: 64 * 1024)
            try env.write { txn throws in
                for i in UInt64(0)..<64 { // 4 MB; errors deliberately ignored
                    _ = try? txn.put(db, key: i.bigEndianBytes, value: value)
                }
            }
            #expect(try env.read { try $0.count(db) } == 64)
        }
    }

    @Test func theMaxMapSizeLimitIsReported() throws {
        try withLMDBTestEnvironment({ $0.initialMapSize = 1 << 20; $0.maxMapSize = 2 << 20 }) { env, _ in
            let db = try env.openDatabase("blobs", flags: .create)
            let value = [UInt8](repeating: 1, count: 64 * 1024)
            let error = #expect(throws: LMDBError.self) {
                try env.write { txn throws in
                    for i in UInt64(0)..<64 { try txn.put(db, key: i.bigEndianBytes, value: value) }
                }
            }
            #expect(error == LMDBError.mapFull)
            #expect(error?.message.contains("maxMapSize") == true)
            // The environment stays usable.
            try env.write { txn throws in try txn.put(db, key: [1], value: [1]) }
            #expect(try env.read { try $0.count(db) } == 1)
        }
    }

    @Test func readersKeepWorkingWhileTheMapGrows() throws {
        try withLMDBTestEnvironment({ $0.initialMapSize = 1 << 20 }) { env, _ in
            let db = try env.openDatabase("events", flags: .create)
            try env.write { txn throws in try txn.put(db, key: UInt64(0).bigEndianBytes, value: [UInt8](repeating: 9, count: 100)) }
            let writersLeft = Atomic<Int>(2)
            let reads = Atomic<Int>(0)
            let failures = LMDBTestFailures()
            // Two writers (both hit MAP_FULL and grow the map) and two readers, in parallel.
            runLMDBTestThreads(4) { index in
                do {
                    if index < 2 {
                        defer { writersLeft.subtract(1, ordering: .releasing) }
                        let value = [UInt8](repeating: 7, count: 3000)
                        for batch in UInt64(0)..<20 {
                            try env.write { txn in
                                for i in 0..<100 {
                                    let key = 1 + UInt64(index) * 1_000_000 + batch * 100 + UInt64(i)
                                    try txn.put(db, key: key.bigEndianBytes, value: value)
                                }
                            }
                        }
                    } else {
                        repeat {
                            try env.read { txn in
                                guard let first = try txn.get(db, key: UInt64(0).bigEndianBytes), first.count == 100,
                                      first.allSatisfy({ $0 == 9 }) else {
                                    failures.record("reader \(index) saw a wrong first value")
                                    return
                                }
                                let count = try txn.count(db)
                                try txn.withCursor(db) { cursor in
                                    var seen = 0
                                    var entry = try cursor.first()
                                    while let (_, value) = entry {
                                        if value.count != 100 && value.last != 7 { failures.record("reader \(index): bad value") }
                                        seen += 1
                                        entry = try cursor.next()
                                    }
                                    if seen != count { failures.record("reader \(index): cursor saw \(seen) of \(count)") }
                                }
                            }
                            reads.add(1, ordering: .relaxed)
                        } while writersLeft.load(ordering: .acquiring) > 0
                    }
                } catch {
                    failures.record("thread \(index): \(error)")
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")
            #expect(reads.load(ordering: .relaxed) > 0)
            #expect(try env.read { try $0.count(db) } == 4001)
            #expect(env.mapSize > 1 << 20)
        }
    }
}
