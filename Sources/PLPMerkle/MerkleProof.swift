/// Building RFC 6962 proofs from stored perfect-subtree hashes (O(log n) reads each),
/// and checking them (RFC 9162 algorithms, no store needed; see `MerkleProof+Verify.swift`).
///
/// Every tree node that RFC 6962's recursive definitions need is either a perfect subtree
/// (read with one call) or a right-edge node whose hash is folded from at most 64 perfect
/// subtrees, so no leaf data is ever read.
public enum MerkleProof {
    /// The RFC 6962 root of the first `size` leaves, for any `size` up to the stored size,
    /// from `popcount(size)` subtree reads. Size 0 gives ``MerkleHash/emptyRoot``.
    ///
    /// - Throws: what `source` throws when `size` is beyond the stored leaves.
    public static func root(size: UInt64, source: some SubtreeHashSource) throws -> Digest32 {
        guard size > 0 else { return MerkleHash.emptyRoot }
        var reader = Reader(source: source)
        return try reader.rangeHash(from: 0, to: size)
    }

    /// The RFC 6962 §2.1.1 audit path for the leaf at 0-based `leafIndex` in the tree of
    /// the first `size` leaves: sibling hashes ordered from the leaf up to the root.
    /// A one-leaf tree has an empty path.
    ///
    /// - Throws: ``MerkleError`` (`.leafIndexOutOfRange`) if `leafIndex >= size`, or what
    ///   `source` throws when `size` is beyond the stored leaves.
    public static func inclusionPath(leafIndex: UInt64, size: UInt64, source: some SubtreeHashSource) throws -> [Digest32] {
        guard leafIndex < size else { throw MerkleError.leafIndexOutOfRange(leafIndex, size: size) }
        var reader = Reader(source: source)
        var siblings: [Digest32] = []
        siblings.reserveCapacity(64)
        var lo: UInt64 = 0
        var hi = size
        while hi - lo > 1 {
            let k = MerkleTreeMath.largestPowerOfTwoBelow(hi - lo)
            if leafIndex < lo + k {
                siblings.append(try reader.rangeHash(from: lo + k, to: hi))
                hi = lo + k
            } else {
                siblings.append(try reader.rangeHash(from: lo, to: lo + k))
                lo += k
            }
        }
        try reader.ensureCovers(size)
        siblings.reverse()
        return siblings
    }

    /// The RFC 6962 §2.1.2 consistency proof between the tree of the first `m` leaves and
    /// the tree of the first `n` leaves.
    ///
    /// RFC 9162 defines proofs for `0 < m < n`. Beyond that, as in transparency-dev/merkle:
    /// `m == n` and `m == 0` give an empty proof (the empty tree is a prefix of every tree),
    /// which ``verifyConsistency(from:to:oldRoot:newRoot:path:)`` accepts.
    ///
    /// - Throws: ``MerkleError`` (`.sizesOutOfOrder`) if `m > n`, or what `source` throws
    ///   when `n` is beyond the stored leaves.
    public static func consistencyPath(from m: UInt64, to n: UInt64, source: some SubtreeHashSource) throws -> [Digest32] {
        guard m <= n else { throw MerkleError.sizesOutOfOrder(from: m, to: n) }
        var reader = Reader(source: source)
        guard m > 0, m < n else {
            try reader.ensureCovers(n)
            return []
        }
        // SUBPROOF(m, D[lo:hi], b), unrolled top-down; siblings come out root-first.
        var siblings: [Digest32] = []
        siblings.reserveCapacity(64)
        var lo: UInt64 = 0
        var hi = n
        var wholeOldTree = true  // RFC 6962's flag b: D[lo:hi] starts as the whole tree
        var first: Digest32? = nil
        while true {
            let count = hi - lo
            let oldCount = m - lo
            if oldCount == count {
                if !wholeOldTree { first = try reader.rangeHash(from: lo, to: hi) }
                break
            }
            let k = MerkleTreeMath.largestPowerOfTwoBelow(count)
            if oldCount <= k {
                siblings.append(try reader.rangeHash(from: lo + k, to: hi))
                hi = lo + k
            } else {
                siblings.append(try reader.rangeHash(from: lo, to: lo + k))
                lo += k
                wholeOldTree = false
            }
        }
        try reader.ensureCovers(n)
        var proof: [Digest32] = []
        proof.reserveCapacity(siblings.count + 1)
        if let first { proof.append(first) }
        proof.append(contentsOf: siblings.reversed())
        return proof
    }

    /// The plain recursive RFC 6962 Merkle Tree Hash of a list of leaf hashes
    /// (``MerkleHash/emptyRoot`` for none), for tests and offline checks.
    public static func rootFromLeafHashes(_ leaves: [Digest32]) -> Digest32 {
        guard !leaves.isEmpty else { return MerkleHash.emptyRoot }
        return leaves.withUnsafeBufferPointer { mth($0) }
    }

    private static func mth(_ leaves: UnsafeBufferPointer<Digest32>) -> Digest32 {
        let n = leaves.count
        if n == 1 { return leaves[0] }
        let k = Int(MerkleTreeMath.largestPowerOfTwoBelow(UInt64(n)))
        return MerkleHash.node(mth(UnsafeBufferPointer(rebasing: leaves[0..<k])),
                               mth(UnsafeBufferPointer(rebasing: leaves[k..<n])))
    }
}

/// Reads subtree hashes for the proof builders, remembering how far right it has read.
private struct Reader<Source: SubtreeHashSource> {
    let source: Source
    /// One past the last leaf covered by any subtree read so far.
    var end: UInt64 = 0

    init(source: Source) { self.source = source }

    mutating func subtree(level: Int, index: UInt64) throws -> Digest32 {
        let hash = try source.subtreeHash(level: level, index: index)
        end = max(end, (index + 1) << UInt64(level))
        return hash
    }

    /// The RFC 6962 hash of leaves `[lo, hi)`, where `lo` is a multiple of a power of two
    /// at least `hi - lo` (true of every node in RFC 6962's recursion): the bits of the
    /// width split it into perfect subtrees, largest first, folded right to left.
    mutating func rangeHash(from lo: UInt64, to hi: UInt64) throws -> Digest32 {
        let width = hi - lo
        if MerkleTreeMath.isPowerOfTwo(width) {
            let level = width.trailingZeroBitCount
            return try subtree(level: level, index: lo >> UInt64(level))
        }
        var peaks: [Digest32] = []
        peaks.reserveCapacity(width.nonzeroBitCount)
        var start = lo
        var level = 63 - width.leadingZeroBitCount
        while level >= 0 {
            let size = UInt64(1) << UInt64(level)
            if width & size != 0 {
                peaks.append(try subtree(level: level, index: start >> UInt64(level)))
                start += size
            }
            level -= 1
        }
        return MerkleTreeMath.foldPeaks(peaks)
    }

    /// Makes sure leaf `size - 1` exists, reading it if no read so far reached it
    /// (an audit path for a leaf in the last pair, or an empty consistency proof, may
    /// not otherwise touch the right edge).
    mutating func ensureCovers(_ size: UInt64) throws {
        if size > end {
            _ = try subtree(level: 0, index: size - 1)
        }
    }
}
