/// The right edge of a tree: the roots of its perfect subtrees ("peaks"), enough to
/// append a leaf and know the new root in O(log n) with no reads.
///
/// For a tree of `size` leaves there is one peak per set bit of `size`, listed left to
/// right, that is from the largest subtree to the smallest. Appending a leaf merges the
/// trailing peaks of equal size, costing on average one node hash per leaf.
public struct CompactRange: Sendable, Equatable {
    /// The number of leaves covered.
    public private(set) var size: UInt64
    /// The perfect-subtree roots, left to right (largest first); `popcount(size)` of them.
    public private(set) var peaks: [Digest32]

    /// An empty range (size 0, no peaks).
    public init() {
        self.size = 0
        self.peaks = []
        self.peaks.reserveCapacity(64)
    }

    /// Creates a range from stored state.
    ///
    /// - Parameters:
    ///   - size: the number of leaves covered; must be below `UInt64.max`.
    ///   - peaks: the perfect-subtree roots left to right; exactly `size.nonzeroBitCount` of them.
    /// - Throws: ``MerkleError`` if the peak count does not match the size.
    public init(size: UInt64, peaks: [Digest32]) throws {
        guard size < UInt64.max else {
            throw MerkleError(.sizeBeyondTree,
                              "Size \(size) is the largest 64-bit value, so no leaf could ever be appended; sizes up to \(UInt64.max - 1) are supported.")
        }
        guard peaks.count == size.nonzeroBitCount else {
            throw MerkleError(.invalidPeaks,
                              "A tree of \(size) leaves has \(size.nonzeroBitCount) perfect subtrees, but \(peaks.count) peak hashes were given.")
        }
        self.size = size
        self.peaks = []
        self.peaks.reserveCapacity(64)
        self.peaks.append(contentsOf: peaks)
    }

    /// Rebuilds the range of the first `size` leaves from stored perfect-subtree hashes,
    /// reading exactly `size.nonzeroBitCount` of them.
    ///
    /// - Throws: whatever `source` throws (for instance when `size` is beyond what it holds).
    public init(size: UInt64, source: some SubtreeHashSource) throws {
        var peaks: [Digest32] = []
        peaks.reserveCapacity(size.nonzeroBitCount)
        var start: UInt64 = 0
        var level = 63
        while level >= 0 {
            let width = UInt64(1) << UInt64(level)
            if size & width != 0 {
                peaks.append(try source.subtreeHash(level: level, index: start >> UInt64(level)))
                start += width
            }
            level -= 1
        }
        try self.init(size: size, peaks: peaks)
    }

    /// Appends one leaf hash, calling `completed` for every perfect subtree this append
    /// completes, bottom-up: first the leaf itself (level 0, index = its leaf index), then
    /// each interior node formed (level `l`, index = its position among level-`l` nodes,
    /// covering leaves `[index << l, (index + 1) << l)`), so the caller can store them.
    ///
    /// If `completed` throws, the error is passed on and the range is left unchanged.
    /// No heap allocation happens here beyond what SHA-256 itself needs.
    ///
    /// - Precondition: `size < UInt64.max` (unreachable in practice: 2^64 − 1 appends).
    public mutating func append(
        _ leafHash: Digest32,
        completed: (_ level: Int, _ index: UInt64, _ hash: Digest32) throws -> Void
    ) rethrows {
        let oldSize = size
        precondition(oldSize < UInt64.max, "CompactRange is full")
        try completed(0, oldSize, leafHash)
        var hash = leafHash
        var level = 0
        var last = peaks.count
        // Each trailing 1 bit of the old size is a peak of the same size as `hash`: merge.
        while (oldSize >> UInt64(level)) & 1 == 1 {
            last -= 1
            hash = MerkleHash.node(peaks[last], hash)
            level += 1
            try completed(level, oldSize >> UInt64(level), hash)
        }
        peaks.removeSubrange(last...)
        peaks.append(hash)
        size = oldSize + 1
    }

    /// Appends one leaf hash when the caller does not need the completed subtrees
    /// (same as ``append(_:completed:)`` with a callback that does nothing).
    ///
    /// - Precondition: `size < UInt64.max`.
    public mutating func append(_ leafHash: Digest32) {
        append(leafHash) { _, _, _ in }
    }

    /// The RFC 6962 Merkle Tree Hash of the leaves appended so far
    /// (``MerkleHash/emptyRoot`` for size 0). Costs `popcount(size) - 1` node hashes.
    public func root() -> Digest32 {
        peaks.isEmpty ? MerkleHash.emptyRoot : MerkleTreeMath.foldPeaks(peaks)
    }

    /// The persistent form: the size as 8 big-endian bytes, then the 32-byte peaks left to right.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8 + 32 * peaks.count)
        withUnsafeBytes(of: size.bigEndian) { out.append(contentsOf: $0) }
        for peak in peaks {
            peak.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        return out
    }

    /// Decodes the form written by ``serialized()``.
    ///
    /// - Throws: ``MerkleError`` if the length is wrong or the peak count does not match the size.
    public init(serialized bytes: [UInt8]) throws {
        try self = bytes.withUnsafeBytes { try CompactRange(serialized: $0) }
    }

    /// Decodes the form written by ``serialized()`` straight from raw memory
    /// (for instance a database value); the bytes are copied.
    ///
    /// - Throws: ``MerkleError`` if the length is wrong or the peak count does not match the size.
    public init(serialized bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 8, (bytes.count - 8) % 32 == 0 else {
            throw MerkleError(.invalidSerialization,
                              "A serialized compact range is 8 bytes of size followed by 32-byte hashes, but \(bytes.count) bytes were given.")
        }
        let size = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let count = (bytes.count - 8) / 32
        guard count == size.nonzeroBitCount else {
            throw MerkleError(.invalidSerialization,
                              "The serialized compact range has size \(size), which needs \(size.nonzeroBitCount) peak hashes, but it holds \(count).")
        }
        var peaks: [Digest32] = []
        peaks.reserveCapacity(count)
        for i in 0..<count {
            let start = 8 + 32 * i
            peaks.append(Digest32(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + 32)])))
        }
        try self.init(size: size, peaks: peaks)
    }
}
