import Testing
import PLPMerkle

/// The hashes on the CPU's SHA extensions against swift-crypto's, at every length where padding changes shape.
@Suite struct AcceleratedSHA256Tests {
    @Test func theSHAExtensionsAreUsedOnThisMachine() {
        // Not a requirement of the tool (it falls back), but the figures in BENCHMARKS.md assume it here.
        print("SHA extensions: \(MerkleHash.isAccelerated)")
    }

    @Test func leafHashesEqualTheLibraryAtEveryLengthUpTo600() {
        var random = SplitMix(seed: 6962)
        for count in 0...600 {
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let fast = MerkleHash.leaf(bytes)
            let portable = bytes.withUnsafeBytes { MerkleHash.portableLeaf($0) }
            #expect(fast == portable, "leaf of \(count) bytes")
        }
    }

    @Test func leafHashesOfLongAndUnalignedInputs() {
        var random = SplitMix(seed: 9162)
        let bytes = (0..<70_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes.withUnsafeBytes { all in
            for (start, count) in [(1, 65_535), (3, 64 * 100 + 63), (7, 1), (13, 127), (0, 70_000)] {
                let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + count)])
                #expect(MerkleHash.leaf(slice) == MerkleHash.portableLeaf(slice), "\(count) bytes from offset \(start)")
            }
        }
    }

    @Test func nodeHashesEqualTheLibrary() {
        var random = SplitMix(seed: 1)
        var left = MerkleHash.leaf([1])
        var right = MerkleHash.leaf([2])
        for _ in 0..<2_000 {
            #expect(MerkleHash.node(left, right) == MerkleHash.portableNode(left, right))
            let next = MerkleHash.node(right, left)
            left = right
            right = random.next() % 2 == 0 ? next : MerkleHash.leaf([UInt8(truncatingIfNeeded: random.next())])
        }
    }
}

/// A small deterministic generator (SplitMix64) for test inputs.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
