import PLPTestSupport
import PLPMerkle

/// RFC 6962 test data as used by Certificate Transparency and transparency-dev/merkle.
enum RFC6962Vectors {
    /// The 8 leaves "", "\x00", "\x10", "\x20\x21", "\x30\x31", "\x40..\x43", "\x50..\x57", "\x60..\x6f".
    static let leaves: [[UInt8]] = [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        Array(0x50...0x57),
        Array(0x60...0x6f),
    ]

    /// roots[i] is the root of the first i + 1 leaves.
    static let roots: [String] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// (0-based leaf index, tree size, audit path).
    static let inclusion: [(leafIndex: UInt64, size: UInt64, path: [String])] = [
        (0, 1, []),
        (0, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (5, 8, [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 3, [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        ]),
        (1, 5, [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
    ]

    /// (old size, new size, consistency proof).
    static let consistency: [(m: UInt64, n: UInt64, path: [String])] = [
        (1, 1, []),
        (1, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (6, 8, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 5, [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
        (6, 7, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
    ]

    static var leafHashes: [Digest32] { leaves.map { MerkleHash.leaf($0) } }
}

/// Parses a hex digest that the test itself spells out (a typo is a test bug, reported as a zero digest
/// that will then fail the comparison rather than trap).
func hexDigest(_ hex: String) -> Digest32 {
    Digest32(hex: hex) ?? .zero
}

/// A deterministic pseudo-random generator (MerkleTestRNG), so failures reproduce.
typealias MerkleTestRNG = SplitMix64

/// Distinct synthetic leaf hashes 0..<n.
func merkleTestLeafHashes(_ n: Int) -> [Digest32] {
    (0..<n).map { i in
        var v = UInt64(i).bigEndian
        return withUnsafeBytes(of: &v) { MerkleHash.leaf($0) }
    }
}

/// The digest with one bit flipped.
func flipBit(_ digest: Digest32, bit: Int) -> Digest32 {
    var bytes = digest.bytes
    bytes[(bit / 8) % 32] ^= UInt8(1) << UInt8(bit % 8)
    return Digest32(bytes) ?? .zero
}

/// A source that counts reads, to check the O(log n) read bound.
final class CountingSubtreeSource: SubtreeHashSource {
    let base: InMemorySubtrees
    var reads = 0
    init(_ base: InMemorySubtrees) { self.base = base }
    func subtreeHash(level: Int, index: UInt64) throws -> Digest32 {
        reads += 1
        return try base.subtreeHash(level: level, index: index)
    }
}

/// Straight transcriptions of RFC 6962 §2.1.1 and §2.1.2 over leaf hashes, as an
/// independent reference for the store-backed builders.
enum ReferenceRFC6962 {
    static func k(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    static func mth(_ d: ArraySlice<Digest32>) -> Digest32 {
        if d.isEmpty { return MerkleHash.emptyRoot }
        if d.count == 1 { return d[d.startIndex] }
        let k = k(d.count)
        let mid = d.startIndex + k
        return MerkleHash.node(mth(d[d.startIndex..<mid]), mth(d[mid...]))
    }

    static func path(_ m: Int, _ d: ArraySlice<Digest32>) -> [Digest32] {
        if d.count <= 1 { return [] }
        let k = k(d.count)
        let mid = d.startIndex + k
        if m < k {
            return path(m, d[d.startIndex..<mid]) + [mth(d[mid...])]
        } else {
            return path(m - k, d[mid...]) + [mth(d[d.startIndex..<mid])]
        }
    }

    static func proof(_ m: Int, _ d: ArraySlice<Digest32>) -> [Digest32] {
        subproof(m, d, true)
    }

    static func subproof(_ m: Int, _ d: ArraySlice<Digest32>, _ b: Bool) -> [Digest32] {
        let n = d.count
        if m == n { return b ? [] : [mth(d)] }
        let k = k(n)
        let mid = d.startIndex + k
        if m <= k {
            return subproof(m, d[d.startIndex..<mid], b) + [mth(d[mid...])]
        } else {
            return subproof(m - k, d[mid...], false) + [mth(d[d.startIndex..<mid])]
        }
    }
}
