/// Small integer helpers for RFC 6962 tree shapes (internal).
enum MerkleTreeMath {
    /// The largest power of two strictly less than `n`; `n` must be at least 2.
    @inline(__always)
    static func largestPowerOfTwoBelow(_ n: UInt64) -> UInt64 {
        UInt64(1) << UInt64(63 - (n - 1).leadingZeroBitCount)
    }

    /// Whether `n` is a power of two (1, 2, 4, ...).
    @inline(__always)
    static func isPowerOfTwo(_ n: UInt64) -> Bool {
        n != 0 && n & (n - 1) == 0
    }

    /// Folds perfect-subtree roots listed left to right into the RFC 6962 root of
    /// their concatenation: each peak is the left sibling of everything to its right.
    /// Precondition: `peaks` is non-empty and lists a decomposition by decreasing size.
    static func foldPeaks<C: BidirectionalCollection>(_ peaks: C) -> Digest32 where C.Element == Digest32 {
        var index = peaks.index(before: peaks.endIndex)
        var hash = peaks[index]
        while index != peaks.startIndex {
            index = peaks.index(before: index)
            hash = MerkleHash.node(peaks[index], hash)
        }
        return hash
    }
}
