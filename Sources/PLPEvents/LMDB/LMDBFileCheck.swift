import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks an LMDB `data.mdb` from its two meta pages, with plain `read(2)`, before LMDB maps it.
///
/// LMDB maps the file and trusts its meta pages: a file cut short (a truncated copy, a full disk) then makes the
/// first read past its end fault with SIGBUS instead of returning an error. This check reads the meta pages
/// itself and refuses a file that is shorter than the pages its valid meta page says it has.
///
/// Layout (64-bit, `mdb.c`): each meta page is a 16-byte page header followed by `MDB_meta`: `mm_magic` (u32,
/// offset 16), `mm_version` (u32, 20), `mm_address` (8, 24), `mm_mapsize` (8, 32), `mm_dbs[2]` (2 × 48, 40; the
/// first `md_pad` is the page size), `mm_last_pg` (8, 136), `mm_txnid` (8, 144). Page 0 and page 1 are meta pages;
/// the valid one is the one with the larger `mm_txnid`.
enum LMDBFileCheck {
    /// What the valid meta page of a data file says.
    struct Header: Sendable, Equatable {
        /// The page size the file was written with.
        let pageSize: Int
        /// The number of the last page in use.
        let lastPage: UInt64
        /// The id of the last committed transaction.
        let transaction: UInt64
        /// The size of the file, in bytes.
        let fileSize: Int

        /// The bytes the file must hold at least: (last page + 1) × page size.
        var requiredSize: UInt64 { (lastPage + 1) * UInt64(pageSize) }
    }

    private static let magic: UInt32 = 0xBEEF_C0DE
    private static let dataVersion: UInt32 = 1
    private static let metaBytes = 152

    /// Checks `dataFile` and returns its valid meta page.
    ///
    /// - Throws: `LMDBError.invalid` when the file is not an LMDB data file, `LMDBError.versionMismatch` for another
    ///   format version, `LMDBError.corrupted` when it is shorter than its pages (truncated), or the `errno` of a
    ///   failed read.
    @discardableResult
    static func check(dataFile: String) throws(LMDBError) -> Header {
        let fd = open(dataFile, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LMDBError(code: errno, context: "reading \(dataFile)") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw LMDBError(code: errno, context: "reading \(dataFile)") }
        let size = Int(info.st_size)
        let first = try readMeta(fd, at: 0, file: dataFile)
        guard let first, first.magic == magic else {
            throw LMDBError(code: LMDBError.invalid.code, message: "\(dataFile) is not an LMDB data file")
        }
        guard first.version == dataVersion else {
            throw LMDBError(code: LMDBError.versionMismatch.code,
                            message: "\(dataFile) was written by another version of LMDB's file format")
        }
        let pageSize = Int(first.pageSize)
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else {
            throw LMDBError(code: LMDBError.corrupted.code, message: "\(dataFile) has a damaged header")
        }
        guard size >= 2 * pageSize, let second = try readMeta(fd, at: off_t(pageSize), file: dataFile) else {
            throw truncated(dataFile, size: size, required: UInt64(2 * pageSize))
        }
        var valid = first
        if second.magic == magic && second.version == dataVersion && second.transaction > first.transaction { valid = second }
        let header = Header(pageSize: pageSize, lastPage: valid.lastPage, transaction: valid.transaction, fileSize: size)
        let (required, overflow) = (valid.lastPage).addingReportingOverflow(1)
        guard !overflow, required.multipliedReportingOverflow(by: UInt64(pageSize)).overflow == false else {
            throw LMDBError(code: LMDBError.corrupted.code, message: "\(dataFile) has a damaged header")
        }
        guard UInt64(size) >= header.requiredSize else {
            throw truncated(dataFile, size: size, required: header.requiredSize)
        }
        return header
    }

    private static func truncated(_ file: String, size: Int, required: UInt64) -> LMDBError {
        LMDBError(code: LMDBError.corrupted.code,
                  message: "\(file) is cut short: it holds \(size) bytes but its pages need \(required)")
    }

    private struct Meta {
        var magic: UInt32
        var version: UInt32
        var pageSize: UInt32
        var lastPage: UInt64
        var transaction: UInt64
    }

    /// The meta fields of the page at `offset`; nil when the file ends before them.
    private static func readMeta(_ fd: Int32, at offset: off_t, file: String) throws(LMDBError) -> Meta? {
        var bytes = [UInt8](repeating: 0, count: metaBytes)
        var done = 0
        while done < metaBytes {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(fd, base + done, metaBytes - done, offset + off_t(done))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw LMDBError(code: errno, context: "reading \(file)")
            }
            if count == 0 { return nil }
            done += count
        }
        func u32(_ at: Int) -> UInt32 {
            bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        }
        func u64(_ at: Int) -> UInt64 {
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        }
        return Meta(magic: u32(16), version: u32(20), pageSize: u32(40), lastPage: u64(136), transaction: u64(144))
    }
}
