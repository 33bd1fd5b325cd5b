import Foundation
import LMDBKit
import Testing

/// A helper written once for both transaction kinds.
private func lastSequence(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, in db: LMDBDatabase) throws -> UInt64? {
    try txn.withCursor(db) { cursor throws in
        guard let last = try cursor.last() else { return nil }
        return UInt64(bigEndianBytes: last.key)
    }
}

private struct Boom: Error {}

@Suite("LMDB transactions")
struct LMDBTransactionTests {
    @Test func putGetDelete() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try env.write { txn throws in
                #expect(try txn.put(db, key: Array(lmdbString: "a"), value: Array(lmdbString: "alpha")))
                try txn.put(db, key: Array(lmdbString: "b"), value: Array(lmdbString: "beta"))
                // A write transaction sees its own writes.
                #expect(lmdbString(try txn.get(db, key: Array(lmdbString: "a"))) == "alpha")
            }
            try env.read { txn throws in
                #expect(lmdbString(try txn.get(db, key: Array(lmdbString: "a"))) == "alpha")
                #expect(lmdbString(try txn.get(db, key: Array(lmdbString: "b"))) == "beta")
                #expect(try txn.get(db, key: Array(lmdbString: "c")) == nil)
                #expect(try txn.contains(db, key: Array(lmdbString: "a")))
                #expect(try txn.count(db) == 2)
            }
            try env.write { txn throws in
                #expect(try txn.delete(db, key: Array(lmdbString: "a")))
                #expect(try !txn.delete(db, key: Array(lmdbString: "a")))
                #expect(try !txn.delete(db, key: Array(lmdbString: "zzz")))
                // Overwrite.
                try txn.put(db, key: Array(lmdbString: "b"), value: Array(lmdbString: "BETA"))
            }
            try env.read { txn throws in
                #expect(try txn.get(db, key: Array(lmdbString: "a")) == nil)
                #expect(try txn.getBytes(db, key: Array(lmdbString: "b")) == Array(lmdbString: "BETA"))
            }
            // Buffer-based API, empty values, bad keys.
            try env.write { txn throws in
                try UInt64(42).withBigEndianBytes { key in
                    try txn.put(db, key: key, value: UnsafeRawBufferPointer(start: nil, count: 0))
                    #expect(try txn.get(db, key: key)?.count == 0)
                }
                #expect(throws: LMDBError.badValueSize) { try txn.put(db, key: [], value: [1]) }
                let tooLong = [UInt8](repeating: 1, count: env.maxKeySize + 1)
                #expect(throws: LMDBError.badValueSize) { try txn.put(db, key: tooLong, value: [1]) }
            }
        }
    }

    @Test func noOverwriteAndNoDupDataReturnFalse() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            let dup = try env.openDatabase("dup", flags: [.create, .dupSort])
            try env.write { txn throws in
                #expect(try txn.put(db, key: [1], value: [10], flags: .noOverwrite))
                #expect(try !txn.put(db, key: [1], value: [11], flags: .noOverwrite))
                #expect(try txn.getBytes(db, key: [1]) == [10])

                #expect(try txn.put(dup, key: [1], value: [10], flags: .noDupData))
                #expect(try txn.put(dup, key: [1], value: [11], flags: .noDupData))
                #expect(try !txn.put(dup, key: [1], value: [11], flags: .noDupData))
                #expect(try txn.count(dup) == 2)
                // Deleting one pair keeps the other value.
                #expect(try txn.delete(dup, key: [1], value: [10]))
                #expect(try txn.getBytes(dup, key: [1]) == [11])
            }
        }
    }

    @Test func appendRequiresIncreasingKeys() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("log", flags: .create)
            try env.write { txn throws in
                for i in UInt64(1)...1000 {
                    try txn.put(db, key: i.bigEndianBytes, value: i.bigEndianBytes, flags: .append)
                }
            }
            #expect(try env.read { try lastSequence($0, in: db) } == 1000)
            do {
                try env.write { txn throws in
                    try txn.put(db, key: UInt64(1001).bigEndianBytes, value: [], flags: .append)
                    try txn.put(db, key: UInt64(500).bigEndianBytes, value: [], flags: .append)
                }
                Issue.record("an out-of-order append must throw")
            } catch LMDBError.keyExists {
                // expected; the whole transaction (including 1001) was aborted
            }
            try env.read { txn throws in
                #expect(try txn.count(db) == 1000)
                #expect(try lastSequence(txn, in: db) == 1000)
            }
            // The generic helper also works in a write transaction.
            #expect(try env.write { try lastSequence($0, in: db) } == 1000)
        }
    }

    @Test func abortOnThrowLeavesNothing() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            #expect(throws: Boom.self) {
                try env.write { txn throws in
                    for i in UInt64(0)..<100 { try txn.put(db, key: i.bigEndianBytes, value: [1]) }
                    throw Boom()
                }
            }
            #expect(try env.read { try $0.count(db) } == 0)
            // A database created in an aborted transaction does not exist either... but this one was
            // created by openDatabase's own transaction, so it stays.
            #expect(try env.openDatabase("kv") == db)
        }
    }

    @Test func reserveWritesInPlace() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try env.write { txn throws in
                let written = try UInt64(7).withBigEndianBytes { key in
                    try txn.reserve(db, key: key, count: 5000) { buffer in
                        for i in buffer.indices { buffer[i] = UInt8(truncatingIfNeeded: i) }
                    }
                }
                #expect(written)
                let notWritten = try UInt64(7).withBigEndianBytes { key in
                    try txn.reserve(db, key: key, count: 1, flags: .noOverwrite) { _ in Issue.record("fill must not run") }
                }
                #expect(!notWritten)
            }
            let value = try env.read { try $0.getBytes(db, key: UInt64(7).bigEndianBytes) }
            #expect(value == (0..<5000).map { UInt8(truncatingIfNeeded: $0) })

            let dup = try env.openDatabase("dup", flags: [.create, .dupSort])
            try env.write { txn throws in
                let error = #expect(throws: LMDBError.self) {
                    try UInt64(1).withBigEndianBytes { key in try txn.reserve(dup, key: key, count: 4) { _ in } }
                }
                #expect(error == LMDBError.incompatible)
            }
        }
    }

    @Test func dropEmptiesTheDatabase() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try env.write { txn throws in
                for i in UInt64(0)..<300 { try txn.put(db, key: i.bigEndianBytes, value: [UInt8](repeating: 0, count: 100)) }
            }
            let stat = try env.read { try $0.stat(db) }
            #expect(stat.entries == 300)
            #expect(stat.pageSize >= 4096)
            #expect(stat.depth >= 2)
            #expect(stat.leafPages > 1)
            #expect(stat.branchPages >= 1)
            try env.write { txn throws in try txn.drop(db) }
            #expect(try env.read { try $0.count(db) } == 0)
            try env.write { txn throws in try txn.put(db, key: [1], value: [1]) }
            #expect(try env.read { try $0.count(db) } == 1)
        }
    }

    @Test func nestingRules() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            // A write inside a write on the same thread would deadlock in LMDB: refused.
            let error = #expect(throws: LMDBError.self) {
                try env.write { _ in try env.write { _ in } }
            }
            #expect(error == LMDBError.wouldDeadlock)

            // A read inside a write is a separate snapshot that does not see the uncommitted write.
            try env.write { txn throws in
                try txn.put(db, key: [1], value: [1])
                let seen = try env.read { try $0.get(db, key: [1]) != nil }
                #expect(!seen)
            }

            // A read snapshot does not see a write committed after it began (write nested in a read).
            try env.read { outer throws in
                #expect(try outer.get(db, key: [2]) == nil)
                try env.write { txn throws in try txn.put(db, key: [2], value: [2]) }
                #expect(try outer.get(db, key: [2]) == nil)
                let fresh = try env.read { try $0.get(db, key: [2]) != nil }
                #expect(fresh)
            }
        }
    }

    @Test func manyReadsReuseTransactions() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            for i in UInt64(0)..<200 {
                try env.write { txn throws in try txn.put(db, key: i.bigEndianBytes, value: i.bigEndianBytes) }
                // Each read must see the latest commit even when its transaction is a renewed one.
                let last = try env.read { txn throws in try txn.get(db, key: i.bigEndianBytes).flatMap(UInt64.init(bigEndianBytes:)) }
                #expect(last == i)
            }
        }
    }
}

@Suite("LMDBSnapshot")
struct LMDBSnapshotTests {
    @Test func aSnapshotReadsItsTransactionAndThrowsOnceTheCallReturned() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("t", flags: .create)
            try env.write { txn throws in try txn.put(db, key: [1], value: [2]) }
            var kept: LMDBSnapshot?
            let value = try env.read { txn throws in
                try txn.withSnapshot { snapshot throws in
                    kept = snapshot
                    return try snapshot.read { txn throws in try txn.getBytes(db, key: [1]) }
                }
            }
            #expect(value == [2])
            let error = #expect(throws: LMDBError.self) { try kept?.read { txn throws in try txn.getBytes(db, key: [1]) } }
            #expect(error?.code == LMDBError.closed.code)
        }
    }
}
