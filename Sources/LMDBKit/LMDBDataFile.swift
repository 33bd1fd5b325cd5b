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
    private static func meta(in bytes: [UInt8], at offset: Int) -> Meta? {
        let base = offset + pageHeaderBytes
        guard bytes.count >= base + 136 else { return nil }
        func u32(_ at: Int) -> UInt32 { bytes.littleEndian(at: base + at) }
        func u64(_ at: Int) -> UInt64 { bytes.littleEndian(at: base + at) }
        guard u32(0) == magic, u32(4) == dataVersion else { return nil }
        let pageSize = Int(u32(24))
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else { return nil }
        // The free pages' tree is the first `MDB_db` (at 24): depth at +6, page counts at +8/+16/+24, root at +40.
        let freePagesTree = LMDBFreePages.Tree(
            root: u64(24 + 40), depth: Int(u32(24 + 4) >> 16),
            pages: u64(24 + 8) &+ u64(24 + 16) &+ u64(24 + 24))
        return Meta(pageSize: pageSize, lastPage: u64(120), txnid: u64(128), freePages: freePagesTree)
    }

    /// The fields of a meta page this check uses.
    private struct Meta {
        let pageSize: Int
        let lastPage: UInt64
        let txnid: UInt64
        let freePages: LMDBFreePages.Tree
    }

    /// Reads and checks the header of the data file at `path`.
    ///
    /// - Throws: `LMDBError` with code `MDB_INVALID` when the file is not an LMDB data file of this format, or
    ///   `MDB_CORRUPTED` when it is shorter than its newest commit needs (cut short: an interrupted copy, a full
    ///   disk); errno codes when it cannot be read.
    public static func read(path: String) throws(LMDBError) -> LMDBDataFileHeader {
        // Without blocking: a FIFO put where the data file should be (a backup is often someone else's) would wait
        // for a writer for ever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw LMDBError(code: errno, context: "reading \(path)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LMDBError(code: errno, context: "reading \(path)") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw LMDBError(code: MDB_INVALID, message: "\(path) is not a regular file")
        }
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
        // LMDB never writes the pages a commit allocated and freed again (its "loose" pages, kept unwritten when
        // the transaction took back free pages): the file may then end before its last page, the pages past the
        // end all free. Only then is a shorter file whole.
        let wholeOrShortByFreePages = fileBytes >= header.neededBytes
            || LMDBFreePages(descriptor: descriptor, pageSize: newest.pageSize, fileBytes: fileBytes)
                .coverAllPagesPastTheEnd(upTo: newest.lastPage, tree: newest.freePages)
        guard fileBytes >= UInt64(2 * newest.pageSize), wholeOrShortByFreePages,
              newest.lastPage < UInt64(Int.max) / UInt64(newest.pageSize) else {
            throw LMDBError(
                code: MDB_CORRUPTED,
                message: "\(path) is cut short: it holds \(fileBytes) bytes and its last commit needs \(header.neededBytes)")
        }
        return header
    }
}

/// The free pages of an LMDB data file, read from its free-page tree with `pread(2)` (never mapped, so a file cut
/// short or a damaged page gives an answer, not a fault).
///
/// Layout (LMDB 0.9, 64-bit): a page starts with a 16-byte header: its number (u64), 2 bytes of padding, its flags
/// (u16: 1 branch, 2 leaf, 4 overflow), then either the ends of its free space (u16 lower, u16 upper) or, on an
/// overflow page, the number of pages it spans (u32). The u16 offsets of its nodes follow (lower − 16 bytes of
/// them). A node is u16 lo, u16 hi, u16 flags, u16 key size, the key, then the value: on a branch page lo, hi and
/// flags make the child's page number; on a leaf page lo and hi make the value's size, and the flag 1 means the
/// value sits on overflow pages whose first page number is the value. The free-page tree's keys are transaction
/// ids and its values lists of page numbers (u64 count, then the numbers).
struct LMDBFreePages {
    /// Where the free-page tree starts, as a meta page records it.
    struct Tree {
        /// The root page (all ones when the tree is empty).
        let root: UInt64
        /// The depth: levels of pages from the root to the leaves.
        let depth: Int
        /// The branch, leaf and overflow pages it uses.
        let pages: UInt64
    }

    let descriptor: Int32
    let pageSize: Int
    let fileBytes: UInt64

    private static let headerBytes = 16
    private static let branch: UInt16 = 0x01, leaf: UInt16 = 0x02, overflow: UInt16 = 0x04
    private static let bigData: UInt16 = 0x01

    /// Whether every page from the first one the file does not hold whole up to `lastPage` is in the tree, and
    /// every page of the tree itself is in the file. False when the tree cannot be read or looks damaged.
    func coverAllPagesPastTheEnd(upTo lastPage: UInt64, tree: Tree) -> Bool {
        let firstMissing = fileBytes / UInt64(pageSize)
        guard firstMissing <= lastPage, tree.root != UInt64.max, tree.depth >= 1, tree.depth <= 64 else { return false }
        let missing = lastPage - firstMissing + 1
        guard missing <= tree.pages &* UInt64(pageSize / 8) else { return false } // more than the tree can hold
        var free = Set<UInt64>()
        var pending: [(page: UInt64, level: Int)] = [(tree.root, 1)]
        var visited: UInt64 = 0
        while let (number, level) = pending.popLast() {
            visited += 1
            guard visited <= tree.pages, level <= tree.depth, let page = read(page: number, count: 1),
                  u64(page, 0) == number else { return false }
            let flags = u16(page, 10)
            let lower = Int(u16(page, 12))
            guard lower >= Self.headerBytes, lower <= pageSize else { return false }
            for slot in 0..<(lower - Self.headerBytes) / 2 {
                let node = Int(u16(page, Self.headerBytes + 2 * slot))
                guard node >= lower, node + 8 <= pageSize else { return false }
                let lo = UInt64(u16(page, node)), hi = UInt64(u16(page, node + 2)), nodeFlags = u16(page, node + 4)
                let keyBytes = Int(u16(page, node + 6))
                if flags & Self.branch != 0 {
                    pending.append((lo | hi << 16 | UInt64(nodeFlags) << 32, level + 1))
                    continue
                }
                guard flags & Self.leaf != 0, level == tree.depth else { return false }
                let valueBytes = Int(lo | hi << 16)
                let valueAt = node + 8 + keyBytes
                let list: [UInt8]
                if nodeFlags & Self.bigData != 0 {
                    guard valueAt + 8 <= pageSize, let pages = overflowValue(at: u64(page, valueAt), bytes: valueBytes)
                    else { return false }
                    visited += UInt64(pages.pages)
                    list = pages.value
                } else {
                    guard valueAt + valueBytes <= pageSize else { return false }
                    list = Array(page[valueAt..<valueAt + valueBytes])
                }
                guard list.count >= 8, let count = Int(exactly: u64(list, 0)), count <= (list.count - 8) / 8
                else { return false }
                for index in 0..<count {
                    let freePage = u64(list, 8 + 8 * index)
                    if freePage >= firstMissing, freePage <= lastPage { free.insert(freePage) }
                }
            }
        }
        return UInt64(free.count) == missing
    }

    /// The value of `bytes` bytes that starts after the header of overflow page `number`, and the pages it spans.
    private func overflowValue(at number: UInt64, bytes: Int) -> (value: [UInt8], pages: Int)? {
        guard let first = read(page: number, count: 1), u64(first, 0) == number,
              u16(first, 10) & Self.overflow != 0 else { return nil }
        let pages = Int(u32(first, 12))
        guard pages >= 1, Self.headerBytes + bytes <= pages * pageSize, let all = read(page: number, count: pages)
        else { return nil }
        return (Array(all[Self.headerBytes..<Self.headerBytes + bytes]), pages)
    }

    /// Pages `number` to `number + count − 1`, or nil when the file does not hold them whole.
    private func read(page number: UInt64, count: Int) -> [UInt8]? {
        let size = UInt64(pageSize)
        guard number < UInt64(Int.max) / size, count <= 1 << 20,
              (number + UInt64(count)).multipliedReportingOverflow(by: size).partialValue <= fileBytes else { return nil }
        var bytes = [UInt8](repeating: 0, count: count * pageSize)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(number * size)) }
        return got == bytes.count ? bytes : nil
    }

    private func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { bytes.littleEndian(at: at) }
    private func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { bytes.littleEndian(at: at) }
    private func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 { bytes.littleEndian(at: at) }
}

extension Array where Element == UInt8 {
    /// The little-endian integer of `T`'s size at `offset` (LMDB's on-disk byte order on x86-64 and arm64); the
    /// caller checks that the bytes are there.
    fileprivate func littleEndian<T: FixedWidthInteger & UnsignedInteger>(at offset: Int) -> T {
        (0..<MemoryLayout<T>.size).reduce(T(0)) { $0 | T(self[offset + $1]) << (8 * $1) }
    }
}
