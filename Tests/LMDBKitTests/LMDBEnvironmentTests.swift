import Foundation
import LMDBKit
import Testing

@Suite("LMDBEnvironment")
struct LMDBEnvironmentTests {
    @Test func openCreatesTheDirectoryAndFiles() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let env = try LMDBEnvironment.open(directory: directory.path + "/a/b/env")
        defer { try? env.close() }
        #expect(FileManager.default.fileExists(atPath: directory.path + "/a/b/env/data.mdb"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/a/b/env/lock.mdb"))
        #expect(env.path.hasSuffix("/a/b/env"))
        #expect(env.mapSize >= 64 << 20)
        #expect(env.maxKeySize > 0)
        #expect(!env.isReadOnly)
    }

    @Test func theSamePathReturnsTheSameInstance() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let first = try LMDBEnvironment.open(directory: directory.path + "/env")
        let second = try LMDBEnvironment.open(directory: directory.path + "/env/")
        #expect(first === second)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link", withDestinationPath: directory.path + "/env")
        let viaLink = try LMDBEnvironment.open(directory: directory.path + "/link")
        #expect(viaLink === first)
        let readOnly = try LMDBEnvironment.open(directory: directory.path + "/env", options: { var o = LMDBOptions(); o.readOnly = true; return o }())
        #expect(readOnly === first) // a read-write instance serves read-only requests too

        // Data survives close and reopen; the reopened instance is a new one.
        let db = try first.openDatabase("t", flags: .create)
        try first.write { txn throws in try txn.put(db, key: [1], value: [2]) }
        try first.close()
        #expect(first.isClosed)
        #expect(throws: LMDBError.closed) { try first.read { _ in } }
        let reopened = try LMDBEnvironment.open(directory: directory.path + "/env")
        defer { try? reopened.close() }
        #expect(reopened !== first)
        let again = try reopened.openDatabase("t")
        let value = try reopened.read { txn throws in try txn.getBytes(again, key: [1]) }
        #expect(value == [2])
    }

    @Test func aReadOnlyInstanceRefusesAReadWriteRequest() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let path = directory.path + "/env"
        do {
            let env = try LMDBEnvironment.open(directory: path)
            _ = try env.openDatabase("t", flags: .create)
            try env.close()
        }
        var options = LMDBOptions()
        options.readOnly = true
        let readOnly = try LMDBEnvironment.open(directory: path, options: options)
        defer { try? readOnly.close() }
        #expect(readOnly.isReadOnly)
        let error = #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: path) }
        #expect(error == LMDBError.incompatible)
        #expect(error?.message.contains("already open read-only") == true)

        // Reads work, writes are refused clearly.
        let t = try readOnly.openDatabase("t")
        #expect(try readOnly.read { try $0.count(t) } == 0)
        let writeError = #expect(throws: LMDBError.self) { try readOnly.write { _ in } }
        #expect(writeError?.code == EACCES)
        let missing = #expect(throws: LMDBError.self) { try readOnly.openDatabase("missing", flags: .create) }
        #expect(missing == LMDBError.notFound)
        #expect(try readOnly.usedBytes() > 0)
    }

    @Test func aNonLMDBDirectoryGivesAClearError() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }

        // A directory whose data.mdb is not an LMDB file.
        let bogus = directory.path + "/bogus"
        try FileManager.default.createDirectory(atPath: bogus, withIntermediateDirectories: true)
        let garbage = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: bogus + "/data.mdb"))
        let invalid = #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: bogus) }
        #expect(invalid == LMDBError.invalid)
        #expect(invalid?.message.contains("not an LMDB environment") == true)
        #expect(invalid?.message.contains(bogus) == true)

        // A short data.mdb.
        let short = directory.path + "/short"
        try FileManager.default.createDirectory(atPath: short, withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: URL(fileURLWithPath: short + "/data.mdb"))
        #expect(throws: LMDBError.invalid) { try LMDBEnvironment.open(directory: short) }

        // A regular file instead of a directory.
        let file = directory.path + "/file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let notDirectory = #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: file) }
        #expect(notDirectory?.code == ENOTDIR)

        // Read-only on a missing directory.
        var options = LMDBOptions()
        options.readOnly = true
        let missing = #expect(throws: LMDBError.self) {
            try LMDBEnvironment.open(directory: directory.path + "/missing", options: options)
        }
        #expect(missing?.code == ENOENT)
        #expect(missing?.message.contains("/missing") == true)

        // Read-only on an empty directory.
        let empty = directory.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let noEnvironment = #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: empty, options: options) }
        #expect(noEnvironment?.code == ENOENT)
        #expect(noEnvironment?.message.contains("no LMDB environment") == true)
    }

    @Test func invalidOptionsAreRejected() throws {
        var options = LMDBOptions()
        options.initialMapSize = 0
        #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: "/tmp/never-created-\(UUID())", options: options) }
        #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: "") }
    }

    @Test func copyWithCompactionGivesAnOpenableCopy() throws {
        try withLMDBTestEnvironment { env, directory in
            let db = try env.openDatabase("events", flags: .create)
            let value = [UInt8](repeating: 7, count: 1000)
            try env.write { txn throws in
                for i in UInt64(0)..<2000 { try txn.put(db, key: i.bigEndianBytes, value: value) }
            }
            try env.write { txn throws in
                for i in UInt64(0)..<1000 { try txn.delete(db, key: i.bigEndianBytes) }
            }
            let compactPath = directory.path + "/compact"
            try env.copy(to: compactPath, compact: true)
            let plainPath = directory.path + "/plain"
            try env.copy(to: plainPath, compact: false)

            let copy = try LMDBEnvironment.open(directory: compactPath)
            defer { try? copy.close() }
            let copied = try copy.openDatabase("events")
            try copy.read { txn throws in
                #expect(try txn.count(copied) == 1000)
                #expect(try txn.get(copied, key: UInt64(1500).bigEndianBytes).map(Array.init) == value)
                #expect(try txn.get(copied, key: UInt64(10).bigEndianBytes) == nil)
            }
            #expect(try copy.usedBytes() < env.usedBytes())
            #expect(try copy.fileBytes() <= env.fileBytes())

            let plain = try LMDBEnvironment.open(directory: plainPath)
            defer { try? plain.close() }
            // Open databases before the transactions that use them (a handle opened later is unknown to them).
            let plainEvents = try plain.openDatabase("events")
            #expect(try plain.read { try $0.count(plainEvents) } == 1000)

            // The destination must be empty.
            let error = #expect(throws: LMDBError.self) { try env.copy(to: compactPath, compact: true) }
            #expect(error?.code == EEXIST)
        }
    }

    @Test func sizesAndMaintenance() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("t", flags: .create)
            let before = try env.usedBytes()
            try env.write { txn throws in
                for i in UInt64(0)..<500 { try txn.put(db, key: i.bigEndianBytes, value: [UInt8](repeating: 1, count: 500)) }
            }
            let used = try env.usedBytes()
            #expect(used > before)
            #expect(used >= 500 * 500)
            #expect(try env.fileBytes() >= used)
            #expect(try env.fileSize() == env.fileBytes())
            #expect(try env.clearStaleReaders() == 0)
            try env.sync()
        }
    }

    @Test func openDatabaseChecksFlagsAndNames() throws {
        try withLMDBTestEnvironment { env, _ in
            let dup = try env.openDatabase("dup", flags: [.create, .dupSort])
            #expect(dup.flags == .dupSort)
            #expect(try env.openDatabase("dup", flags: .dupSort) == dup)
            let mismatch = #expect(throws: LMDBError.self) { try env.openDatabase("dup", flags: []) }
            #expect(mismatch == LMDBError.incompatible)
            let missing = #expect(throws: LMDBError.self) { try env.openDatabase("missing") }
            #expect(missing == LMDBError.notFound)
            #expect(missing?.message.contains(".create") == true)
            #expect(throws: LMDBError.self) { try env.openDatabase("") }
            // Inside a write transaction, opening would deadlock: refused.
            let nested = #expect(throws: LMDBError.self) {
                try env.write { _ in _ = try env.openDatabase("other", flags: .create) }
            }
            #expect(nested == LMDBError.wouldDeadlock)
        }
    }

    @Test func tooManyDatabases() throws {
        try withLMDBTestEnvironment({ $0.maxDatabases = 2 }) { env, _ in
            _ = try env.openDatabase("a", flags: .create)
            _ = try env.openDatabase("b", flags: .create)
            #expect(throws: LMDBError.databasesFull) { try env.openDatabase("c", flags: .create) }
        }
    }
}
