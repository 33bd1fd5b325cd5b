import Foundation
@testable import PLPEvents
import Testing

/// The check of a data file's meta pages before LMDB maps it.
@Suite struct LMDBFileCheckTests {
    @Test func aWholeFilePassesAndItsHeaderMatchesLMDB() throws {
        try withLMDBTestEnvironment { env, _ in
            let db = try env.openDatabase("d", flags: .create)
            try env.write { txn in
                for i in 0..<2_000 { _ = try txn.put(db, key: UInt64(i).bigEndianBytes, value: [UInt8](repeating: 7, count: 100)) }
            }
            let header = try LMDBFileCheck.check(dataFile: env.path + "/data.mdb")
            #expect(header.pageSize == 4096 || header.pageSize == 16384)
            #expect(Int(header.requiredSize) == (try env.usedBytes()))
            #expect(header.fileSize >= Int(header.requiredSize))
        }
    }

    @Test func aTruncatedFileIsRefusedBeforeItIsMapped() throws {
        try withLMDBTestEnvironment { env, directory in
            let db = try env.openDatabase("d", flags: .create)
            try env.write { txn in
                for i in 0..<2_000 { _ = try txn.put(db, key: UInt64(i).bigEndianBytes, value: [UInt8](repeating: 7, count: 100)) }
            }
            let copy = directory.path + "/copy"
            try env.copy(to: copy, compact: true)
            let file = copy + "/data.mdb"
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(truncate(file, off_t(size / 2)) == 0)
            #expect(throws: LMDBError.corrupted) { try LMDBFileCheck.check(dataFile: file) }
            #expect(truncate(file, 100) == 0)
            #expect(throws: LMDBError.invalid) { try LMDBFileCheck.check(dataFile: file) }
        }
    }

    @Test func aFileThatIsNotLMDBIsRefused() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let file = directory.path + "/data.mdb"
        try Data(repeating: 0x41, count: 10_000).write(to: URL(fileURLWithPath: file))
        #expect(throws: LMDBError.invalid) { try LMDBFileCheck.check(dataFile: file) }
        #expect(throws: LMDBError(code: ENOENT)) { try LMDBFileCheck.check(dataFile: directory.path + "/none") }
    }
}
