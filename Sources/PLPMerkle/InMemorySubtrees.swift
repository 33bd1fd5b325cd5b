/// A ``SubtreeHashSource`` held in memory: every perfect-subtree hash of a list of leaf
/// hashes, computed level by level (about 2n digests of memory).
///
/// For tests, and for offline verification of an export where there is no store.
public struct InMemorySubtrees: SubtreeHashSource, Sendable {
    /// `levels[l][i]` is the hash of leaves `[i << l, (i + 1) << l)`; `levels[0]` are the leaf hashes.
    public private(set) var levels: [[Digest32]]

    /// The number of leaves.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// Computes all perfect-subtree hashes of `leafHashes` (n − 1 node hashes).
    public init(leafHashes: [Digest32]) {
        var levels = [leafHashes]
        while let below = levels.last, below.count >= 2 {
            var next: [Digest32] = []
            next.reserveCapacity(below.count / 2)
            var i = 0
            while i + 1 < below.count {
                next.append(MerkleHash.node(below[i], below[i + 1]))
                i += 2
            }
            levels.append(next)
        }
        self.levels = levels
    }

    /// Hashes each leaf's bytes with ``MerkleHash/leaf(_:)-([UInt8])`` and computes all subtrees.
    public init(leaves: [[UInt8]]) {
        self.init(leafHashes: leaves.map { MerkleHash.leaf($0) })
    }

    /// Appends one leaf hash, adding the interior nodes it completes.
    public mutating func append(_ leafHash: Digest32) {
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let row = levels[level]
            let node = MerkleHash.node(row[row.count - 2], row[row.count - 1])
            if level + 1 == levels.count { levels.append([]) }
            levels[level + 1].append(node)
            level += 1
        }
    }

    /// The hash of the perfect subtree at `level` and `index`.
    ///
    /// - Throws: ``MerkleError`` (`.sizeBeyondTree`) if it covers leaves past ``size``,
    ///   (`.invalidSubtree`) if `level` is outside 0...63.
    public func subtreeHash(level: Int, index: UInt64) throws -> Digest32 {
        guard level >= 0, level < 64 else {
            throw MerkleError(.invalidSubtree, "Subtree level \(level) is invalid; levels run from 0 to 63.")
        }
        guard level < levels.count, index < UInt64(levels[level].count) else {
            throw MerkleError(.sizeBeyondTree,
                              "The subtree at level \(level), index \(index) lies beyond the tree, which has only \(size) leaves.")
        }
        return levels[level][Int(index)]
    }

    /// The RFC 6962 root of all the leaves (``MerkleHash/emptyRoot`` when there are none).
    public func root() -> Digest32 {
        let size = self.size
        guard size > 0 else { return MerkleHash.emptyRoot }
        var peaks: [Digest32] = []
        var start: UInt64 = 0
        for level in stride(from: levels.count - 1, through: 0, by: -1) where size & (UInt64(1) << UInt64(level)) != 0 {
            peaks.append(levels[level][Int(start >> UInt64(level))])
            start += UInt64(1) << UInt64(level)
        }
        return MerkleTreeMath.foldPeaks(peaks)
    }
}
