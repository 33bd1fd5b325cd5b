import Foundation
import LMDBKit
import Testing

/// The data-file check before LMDB maps a file: a file that ends before its last page is whole when the pages
/// past its end are free ones LMDB never wrote, and cut short otherwise.
@Suite("LMDB data file")
struct LMDBDataFileTests {
    /// Writes `keys` small values, and when `freeAtTheEnd` rewrites half of them (freeing pages for the next
    /// commit to take back), then puts and deletes, last first, 3,000 keys in one transaction: LMDB allocates
    /// their pages at the end of the file, frees them in the same transaction as "loose" pages and, when the
    /// transaction took back free pages, never writes them. Closes the environment.
    private func write(_ path: String, keys: Int, freeAtTheEnd: Bool) throws {
        let env = try LMDBEnvironment.open(directory: path)
        let db = try env.openDatabase("t", flags: .create)
        try env.write { txn throws in
            for index in 0..<keys { try txn.put(db, key: Array("key \(index)".utf8), value: [UInt8](repeating: 7, count: 100)) }
        }
        if freeAtTheEnd {
            // Pages freed by one commit, for the next to take back (LMDB then keeps its loose pages unwritten).
            try env.write { txn throws in
                for index in 0..<keys / 2 { try txn.put(db, key: Array("key \(index)".utf8), value: [UInt8](repeating: 8, count: 100)) }
            }
            try env.write { txn throws in
                try txn.put(db, key: Array("small".utf8), value: [2])
                let passing = (0..<3_000).map { Array(String(format: "passing %05d", $0).utf8) }
                for key in passing { try txn.put(db, key: key, value: [UInt8](repeating: 1, count: 100)) }
                for key in passing.reversed() { _ = try txn.delete(db, key: key) }
            }
        }
        try env.close()
    }

    private func fileBytes(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/data.mdb")
        return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
    }

    @Test func aFileThatEndsBeforeItsLastPageOnFreePagesIsWholeAndOpens() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let path = directory.path + "/env"
        try write(path, keys: 2_000, freeAtTheEnd: true)
        let header = try LMDBDataFileHeader.read(path: path + "/data.mdb")
        let bytes = try fileBytes(path)
        // What LMDB does: the pages of the keys put and deleted, at the end, were never written.
        #expect(bytes < header.neededBytes, "\(bytes) bytes, the last commit needs \(header.neededBytes)")

        let env = try LMDBEnvironment.open(directory: path)
        defer { try? env.close() }
        let db = try env.openDatabase("t")
        #expect(try env.read { txn throws in try txn.getBytes(db, key: Array("small".utf8)) } == [2])
        #expect(try env.read { txn throws in try txn.count(db) } == 2_001)
        // Writing again reuses or extends the file as LMDB does.
        try env.write { txn throws in try txn.put(db, key: Array("after".utf8), value: [UInt8](repeating: 3, count: 50_000)) }
        #expect(try env.read { txn throws in try txn.getBytes(db, key: Array("after".utf8))?.count } == 50_000)
    }

    @Test func aFileCutShortOfAPageItUsesIsRefusedBeforeItIsMapped() throws {
        for freeAtTheEnd in [false, true] {
            let directory = try LMDBTestDirectory()
            defer { directory.remove() }
            let path = directory.path + "/env"
            try write(path, keys: 2_000, freeAtTheEnd: freeAtTheEnd)
            let header = try LMDBDataFileHeader.read(path: path + "/data.mdb")
            // Cut into the pages that hold data: ten pages below what the file holds whole.
            let bytes = try fileBytes(path)
            let cut = (min(bytes, header.neededBytes) / UInt64(header.pageSize) - 10) * UInt64(header.pageSize)
            #expect(truncate(path + "/data.mdb", off_t(cut)) == 0)
            let error = #expect(throws: LMDBError.self) { try LMDBDataFileHeader.read(path: path + "/data.mdb") }
            #expect(error?.code == LMDBError.corrupted.code, "\(String(describing: error))")
            #expect(throws: LMDBError.self) { try LMDBEnvironment.open(directory: path) }
        }
    }

    @Test func aFileCutToItsMetaPagesOrWithinThemIsRefused() throws {
        let directory = try LMDBTestDirectory()
        defer { directory.remove() }
        let path = directory.path + "/env"
        try write(path, keys: 2_000, freeAtTheEnd: true)
        let header = try LMDBDataFileHeader.read(path: path + "/data.mdb")
        for cut in [UInt64(2 * header.pageSize), UInt64(header.pageSize + 100)] {
            #expect(truncate(path + "/data.mdb", off_t(cut)) == 0)
            #expect(throws: LMDBError.self) { try LMDBDataFileHeader.read(path: path + "/data.mdb") }
        }
    }
}
