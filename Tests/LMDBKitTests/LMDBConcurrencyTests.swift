import Foundation
import LMDBKit
import Synchronization
import Testing

@Suite("LMDB concurrency")
struct LMDBConcurrencyTests {
    @Test func writeTransactionsFromTwoThreadsAreSerialised() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("counter", flags: .create)
            let key = Array(lmdbString: "n")
            let inside = Atomic<Int>(0)
            let overlaps = Atomic<Int>(0)
            let failures = LMDBTestFailures()
            let perThread = 200
            runLMDBTestThreads(2) { index in
                do {
                    for _ in 0..<perThread {
                        try env.write { txn throws in
                            if inside.add(1, ordering: .acquiringAndReleasing).newValue > 1 { overlaps.add(1, ordering: .relaxed) }
                            defer { inside.subtract(1, ordering: .acquiringAndReleasing) }
                            // read-modify-write: lost updates would show if transactions overlapped
                            let current = try txn.get(db, key: key).flatMap(UInt64.init(bigEndianBytes:)) ?? 0
                            try txn.put(db, key: key, value: (current + 1).bigEndianBytes)
                        }
                        // Reads interleave freely.
                        _ = try env.read { try $0.get(db, key: key)?.count }
                    }
                } catch {
                    failures.record("thread \(index): \(error)")
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")
            #expect(overlaps.load(ordering: .relaxed) == 0)
            let total = try env.read { try $0.get(db, key: key).flatMap(UInt64.init(bigEndianBytes:)) }
            #expect(total == UInt64(2 * perThread))
        }
    }

    @Test func readTransactionsFromManyThreads() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try env.write { txn throws in
                for i in UInt64(0)..<1000 { try txn.put(db, key: i.bigEndianBytes, value: i.bigEndianBytes) }
            }
            let failures = LMDBTestFailures()
            runLMDBTestThreads(8) { index in
                do {
                    for round in 0..<200 {
                        let i = UInt64((index * 131 + round * 7) % 1000)
                        let value = try env.read { try $0.get(db, key: i.bigEndianBytes).flatMap(UInt64.init(bigEndianBytes:)) }
                        if value != i { failures.record("thread \(index) read \(String(describing: value)) for \(i)") }
                    }
                } catch {
                    failures.record("thread \(index): \(error)")
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")
        }
    }

    @Test func openingTheSamePathConcurrentlyYieldsOneInstance() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let instances = Mutex<[ObjectIdentifier]>([])
        let failures = LMDBTestFailures()
        runLMDBTestThreads(6) { _ in
            do {
                let env = try LMDBEnvironment.open(directory: directory.path + "/env")
                instances.withLock { $0.append(ObjectIdentifier(env)) }
            } catch {
                failures.record("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        #expect(Set(instances.withLock { $0 }).count == 1)
        try LMDBEnvironment.open(directory: directory.path + "/env").close()
    }
}
