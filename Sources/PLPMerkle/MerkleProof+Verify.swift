extension MerkleProof {
    /// Checks an audit path with the RFC 9162 §2.1.3.2 algorithm: true if `leafHash` is the
    /// leaf at 0-based `leafIndex` of the tree of `size` leaves whose root is `root`.
    /// False for `leafIndex >= size` and for paths that are too short or too long.
    public static func verifyInclusion(leafHash: Digest32, leafIndex: UInt64, size: UInt64,
                                       path: [Digest32], root: Digest32) -> Bool {
        guard leafIndex < size else { return false }
        var fn = leafIndex
        var sn = size - 1
        var r = leafHash
        for p in path {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Checks a consistency proof with the RFC 9162 §2.1.4.2 algorithm: true if the tree of
    /// `m` leaves with root `oldRoot` is a prefix of the tree of `n` leaves with root `newRoot`.
    ///
    /// Outside RFC 9162's `0 < m < n`: `m == n` needs an empty path and equal roots;
    /// `m == 0` needs an empty path and `oldRoot == MerkleHash.emptyRoot`; `m > n` is false.
    public static func verifyConsistency(from m: UInt64, to n: UInt64, oldRoot: Digest32,
                                         newRoot: Digest32, path: [Digest32]) -> Bool {
        guard m <= n else { return false }
        if m == n { return path.isEmpty && oldRoot == newRoot }
        if m == 0 { return path.isEmpty && oldRoot == MerkleHash.emptyRoot }
        guard !path.isEmpty else { return false }
        // If m is a power of two, the old root is itself a node of the new tree and the
        // path starts above it: prepend it (step 2).
        var rest = path[...]
        let start: Digest32
        if MerkleTreeMath.isPowerOfTwo(m) {
            start = oldRoot
        } else {
            start = rest.removeFirst()
        }
        var fn = m - 1
        var sn = n - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = start
        var sr = start
        for c in rest {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }
}
