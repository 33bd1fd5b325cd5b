import Foundation
import LMDBKit
import Testing

@Suite("LMDBCursor")
struct LMDBCursorTests {
    private func fill(_ env: LMDBEnvironment, _ db: LMDBDatabase, _ keys: [UInt64]) throws {
        try env.write { txn throws in
            for key in keys { try txn.put(db, key: key.bigEndianBytes, value: (key * 10).bigEndianBytes) }
        }
    }

    @Test func walkForwardAndBackward() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try fill(env, db, [5, 1, 3, 2, 4, 300, 256])
            try env.read { txn throws in
                var forward: [UInt64] = []
                var backward: [UInt64] = []
                try txn.withCursor(db) { cursor throws in
                    var entry = try cursor.first()
                    while let (key, value) = entry {
                        let k = try #require(UInt64(bigEndianBytes: key))
                        #expect(UInt64(bigEndianBytes: value) == k * 10)
                        forward.append(k)
                        entry = try cursor.next()
                    }
                    #expect(try cursor.next() == nil)
                    entry = try cursor.last()
                    while let (key, _) = entry {
                        backward.append(UInt64(bigEndianBytes: key) ?? .max)
                        entry = try cursor.previous()
                    }
                }
                #expect(forward == [1, 2, 3, 4, 5, 256, 300]) // big-endian keys sort numerically
                #expect(backward == forward.reversed())
                // A fresh cursor: next() starts at the first entry, previous() at the last.
                try txn.withCursor(db) { cursor throws in
                    #expect(try cursor.current() == nil)
                    #expect(try cursor.next().flatMap { UInt64(bigEndianBytes: $0.key) } == 1)
                    #expect(try cursor.current().flatMap { UInt64(bigEndianBytes: $0.key) } == 1)
                }
                try txn.withCursor(db) { cursor throws in
                    #expect(try cursor.previous().flatMap { UInt64(bigEndianBytes: $0.key) } == 300)
                }
            }
            // Empty database.
            let empty = try env.openDatabase("empty", flags: .create)
            try env.read { txn throws in
                try txn.withCursor(empty) { cursor throws in
                    #expect(try cursor.first() == nil)
                    #expect(try cursor.last() == nil)
                    #expect(try cursor.next() == nil)
                }
            }
        }
    }

    @Test func seek() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try fill(env, db, [10, 20, 30])
            try env.read { txn throws in
                try txn.withCursor(db) { cursor throws in
                    let exact = try cursor.seek(key: UInt64(20).bigEndianBytes)
                    #expect(exact.flatMap { UInt64(bigEndianBytes: $0.value) } == 200)
                    #expect(try cursor.seek(key: UInt64(25).bigEndianBytes) == nil)
                    let atLeast = try cursor.seek(atLeast: UInt64(25).bigEndianBytes)
                    #expect(atLeast.flatMap { UInt64(bigEndianBytes: $0.key) } == 30)
                    #expect(try cursor.seek(atLeast: UInt64(31).bigEndianBytes) == nil)
                    // An empty key is not a valid key for LMDB.
                    #expect(throws: LMDBError.badValueSize) { try cursor.seek(atLeast: []) }
                    // Continue walking from a seek.
                    _ = try cursor.seek(atLeast: UInt64(11).bigEndianBytes)
                    #expect(try cursor.next().flatMap { UInt64(bigEndianBytes: $0.key) } == 30)
                    // Buffer-based seek: the returned key points into the database, not at the input.
                    let found = try UInt64(10).withBigEndianBytes { key in try cursor.seek(key: key) }
                    #expect(found.flatMap { UInt64(bigEndianBytes: $0.key) } == 10)
                }
            }
        }
    }

    @Test func duplicates() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("index", flags: [.create, .dupSort])
            try env.write { txn throws in
                for key in UInt64(1)...3 {
                    for value in UInt64(1)...(key * 2) {
                        try txn.put(db, key: key.bigEndianBytes, value: (value * 100).bigEndianBytes)
                    }
                }
            }
            try env.read { txn throws in
                #expect(try txn.count(db) == 2 + 4 + 6)
                #expect(try txn.get(db, key: UInt64(2).bigEndianBytes).flatMap(UInt64.init(bigEndianBytes:)) == 100)
                try txn.withCursor(db) { cursor throws in
                    _ = try cursor.seek(key: UInt64(2).bigEndianBytes)
                    #expect(try cursor.countDuplicates() == 4)
                    var values: [UInt64] = [100]
                    while let entry = try cursor.nextDuplicate() {
                        #expect(UInt64(bigEndianBytes: entry.key) == 2)
                        values.append(UInt64(bigEndianBytes: entry.value) ?? 0)
                    }
                    #expect(values == [100, 200, 300, 400])
                    let last = try cursor.lastDuplicate()
                    #expect(last.flatMap { UInt64(bigEndianBytes: $0.value) } == 400)
                    #expect(last.flatMap { UInt64(bigEndianBytes: $0.key) } == 2)
                    #expect(try cursor.previousDuplicate().flatMap { UInt64(bigEndianBytes: $0.value) } == 300)
                    let first = try cursor.firstDuplicate()
                    #expect(first.flatMap { UInt64(bigEndianBytes: $0.key) } == 2)
                    #expect(first.flatMap { UInt64(bigEndianBytes: $0.value) } == 100)
                    let next = try cursor.nextNoDuplicate()
                    #expect(next.flatMap { UInt64(bigEndianBytes: $0.key) } == 3)
                    #expect(try cursor.countDuplicates() == 6)
                    #expect(try cursor.nextNoDuplicate() == nil)
                    let previousKey = try cursor.previousNoDuplicate()
                    #expect(previousKey.flatMap { UInt64(bigEndianBytes: $0.key) } == 2)

                    let pair = try cursor.seek(key: UInt64(3).bigEndianBytes, value: UInt64(500).bigEndianBytes)
                    #expect(pair.flatMap { UInt64(bigEndianBytes: $0.key) } == 3)
                    #expect(pair.flatMap { UInt64(bigEndianBytes: $0.value) } == 500)
                    #expect(try cursor.seek(key: UInt64(3).bigEndianBytes, value: UInt64(550).bigEndianBytes) == nil)
                    let range = try cursor.seek(key: UInt64(3).bigEndianBytes, atLeastValue: UInt64(550).bigEndianBytes)
                    #expect(range.flatMap { UInt64(bigEndianBytes: $0.value) } == 600)
                    #expect(range.flatMap { UInt64(bigEndianBytes: $0.key) } == 3)
                }
                // firstDuplicate on an unpositioned cursor is an error, not a crash.
                try txn.withCursor(db) { cursor throws in
                    #expect(throws: LMDBError.self) { try cursor.firstDuplicate() }
                    #expect(try cursor.countDuplicates() == 0)
                }
            }
        }
    }

    @Test func dupFixedGetMultiple() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("postings", flags: [.create, .dupSort, .dupFixed])
            let many = UInt64(5000) // spans several pages of 8-byte values
            try env.write { txn throws in
                for value in UInt64(0)..<many {
                    try txn.put(db, key: Array(lmdbString: "many"), value: value.bigEndianBytes, flags: .appendDup)
                }
                try txn.put(db, key: Array(lmdbString: "one"), value: UInt64(42).bigEndianBytes)
            }
            try env.read { txn throws in
                try txn.withCursor(db) { cursor throws in
                    #expect(try cursor.seek(key: Array(lmdbString: "many")) != nil)
                    var values: [UInt64] = []
                    var pages = 0
                    var page = try cursor.getMultiple()
                    while let packed = page {
                        pages += 1
                        #expect(packed.count % 8 == 0)
                        for offset in stride(from: 0, to: packed.count, by: 8) {
                            values.append(UInt64(bigEndianBytes: UnsafeRawBufferPointer(rebasing: packed[offset..<offset + 8])) ?? .max)
                        }
                        page = try cursor.nextMultiple()
                    }
                    #expect(pages > 1)
                    #expect(values == Array(0..<many))

                    // A key with a single value.
                    #expect(try cursor.seek(key: Array(lmdbString: "one")) != nil)
                    let single = try cursor.getMultiple()
                    #expect(single.map(Array.init) == UInt64(42).bigEndianBytes)
                    #expect(try cursor.nextMultiple() == nil)
                }
            }
            // getMultiple on a database without dupFixed is refused clearly.
            let plain = try env.openDatabase("plain", flags: .create)
            _ = try env.read { txn throws in
                try txn.withCursor(plain) { cursor throws in
                    #expect(throws: LMDBError.incompatible) { try cursor.getMultiple() }
                }
            }
        }
    }

    @Test func cursorWrites() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("kv", flags: .create)
            try fill(env, db, [1, 2, 3, 4])
            try env.write { txn throws in
                try txn.withCursor(db) { cursor throws in
                    // Delete even keys while walking.
                    var entry = try cursor.first()
                    while let (key, _) = entry {
                        if (UInt64(bigEndianBytes: key) ?? 1) % 2 == 0 {
                            try cursor.deleteCurrent()
                            entry = try cursor.current()
                        } else {
                            entry = try cursor.next()
                        }
                    }
                    #expect(try cursor.put(key: UInt64(9).bigEndianBytes, value: [9], flags: .append))
                    #expect(try !cursor.put(key: UInt64(1).bigEndianBytes, value: [0], flags: .noOverwrite))
                    _ = try cursor.seek(key: UInt64(3).bigEndianBytes)
                    try cursor.put(key: UInt64(3).bigEndianBytes, value: [33], flags: .current)
                }
            }
            try env.read { txn throws in
                var keys: [UInt64] = []
                try txn.withCursor(db) { cursor throws in
                    while let entry = try cursor.next() { keys.append(UInt64(bigEndianBytes: entry.key) ?? 0) }
                }
                #expect(keys == [1, 3, 9])
                #expect(try txn.getBytes(db, key: UInt64(3).bigEndianBytes) == [33])
                // A read transaction's cursor cannot write.
                try txn.withCursor(db) { cursor throws in
                    let error = #expect(throws: LMDBError.self) { try cursor.put(key: [1], value: [1]) }
                    #expect(error?.code == EACCES)
                    _ = try cursor.first()
                    #expect(throws: LMDBError.self) { try cursor.deleteCurrent() }
                }
            }
        }
    }
}
