import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the two meta pages at the start of an LMDB `data.mdb` say, read with plain `read(2)` before LMDB maps the
/// file: a file shorter than its last commit needs would make LMDB fault (SIGBUS) on the first access past its end.
///
/// Layout (LMDB 0.9, 64-bit): each of pages 0 and 1 holds a 16-byte page header, then `MDB_meta`: `mm_magic` (u32,
/// `0xBEEFC0DE`), `mm_version` (u32, 1), `mm_address`, `mm_mapsize`, two 48-byte `MDB_db` records (the first one's
/// `md_pad` holds the page size), `mm_last_pg`, `mm_txnid`. The meta page in force is the valid one with the larger
/// transaction id.
public struct LMDBDataFileHeader: Equatable, Sendable {
    /// The page size the file was written with.
    public let pageSize: Int
    /// The last page the newest commit uses.
    public let lastPage: UInt64
    /// The newest commit's transaction id.
    public let transactionID: UInt64

    /// The bytes the newest commit needs: `(lastPage + 1) × pageSize`.
    public var neededBytes: UInt64 { (lastPage &+ 1).multipliedReportingOverflow(by: UInt64(pageSize)).partialValue }

    static let magic: UInt32 = 0xBEEF_C0DE
    static let dataVersion: UInt32 = 1
    private static let pageHeaderBytes = 16

    /// Parses the meta page that starts at `offset` in `bytes` (nil when it is not a valid meta page).
    private static func meta(in bytes: [UInt8], at offset: Int) -> (pageSize: Int, lastPage: UInt64, txnid: UInt64)? {
        let base = offset + pageHeaderBytes
        guard bytes.count >= base + 136 else { return nil }
        func u32(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[base + at + $1]) << (8 * $1) }
        }
        func u64(_ at: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[base + at + $1]) << (8 * $1) }
        }
        guard u32(0) == magic, u32(4) == dataVersion else { return nil }
        let pageSize = Int(u32(24))
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else { return nil }
        return (pageSize, u64(120), u64(128))
    }

    /// Reads and checks the header of the data file at `path`.
    ///
    /// - Throws: `LMDBError` with code `MDB_INVALID` when the file is not an LMDB data file of this format, or
    ///   `MDB_CORRUPTED` when it is shorter than its newest commit needs (cut short: an interrupted copy, a full
    ///   disk); errno codes when it cannot be read.
    public static func read(path: String) throws(LMDBError) -> LMDBDataFileHeader {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LMDBError(code: errno, context: "reading \(path)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LMDBError(code: errno, context: "reading \(path)") }
        let fileBytes = UInt64(max(0, info.st_size))

        // The first meta page tells the page size; the second one sits one page further.
        var bytes = [UInt8](repeating: 0, count: 65_536 + 256)
        let got = bytes.withUnsafeMutableBytes { buffer in pread(descriptor, buffer.baseAddress, buffer.count, 0) }
        guard got >= 0 else { throw LMDBError(code: errno, context: "reading \(path)") }
        bytes.removeLast(bytes.count - got)
        let notLMDB = LMDBError(
            code: MDB_INVALID, message: "opening \(path): this directory is not an LMDB environment (data.mdb is not an LMDB data file)")
        guard let first = meta(in: bytes, at: 0) else { throw notLMDB }
        let second = meta(in: bytes, at: first.pageSize)
        var newest = first
        if let second, second.pageSize == first.pageSize, second.txnid > first.txnid { newest = second }
        let header = LMDBDataFileHeader(pageSize: newest.pageSize, lastPage: newest.lastPage, transactionID: newest.txnid)
        guard fileBytes >= UInt64(2 * newest.pageSize), fileBytes >= header.neededBytes,
              newest.lastPage < UInt64(Int.max) / UInt64(newest.pageSize) else {
            throw LMDBError(
                code: MDB_CORRUPTED,
                message: "\(path) is cut short: it holds \(fileBytes) bytes and its last commit needs \(header.neededBytes)")
        }
        return header
    }
}
