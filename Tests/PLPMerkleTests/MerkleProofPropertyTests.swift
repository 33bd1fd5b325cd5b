import Testing
import PLPMerkle

@Suite struct MerkleProofPropertyTests {
    static let leaves = merkleTestLeafHashes(2048)
    static let store = InMemorySubtrees(leafHashes: leaves)

    /// Small sizes exhaustively, powers of two and their neighbours, and random sizes up to 2048.
    static let sizes: [UInt64] = {
        var rng = MerkleTestRNG(seed: 6962)
        var sizes = Set<UInt64>(1...40)
        for p in [64, 128, 256, 512, 1024, 2048] as [UInt64] { sizes.formUnion([p - 1, p, p + 1].filter { $0 <= 2048 }) }
        for _ in 0..<12 { sizes.insert(UInt64.random(in: 41...2048, using: &rng)) }
        return sizes.sorted()
    }()

    @Test func rootsFromSubtreesMatchRecursiveMTH() throws {
        var range = CompactRange()
        for size in 0...2048 {
            if size > 0 { range.append(Self.leaves[size - 1]) }
            let counting = CountingSubtreeSource(Self.store)
            let root = try MerkleProof.root(size: UInt64(size), source: counting)
            #expect(root == range.root(), "size \(size)")
            #expect(counting.reads == size.nonzeroBitCount)
        }
    }

    @Test(arguments: sizes)
    func everyInclusionPathVerifiesAndTamperingFails(size: UInt64) throws {
        var rng = MerkleTestRNG(seed: size)
        let prefix = Array(Self.leaves[0..<Int(size)])
        let root = MerkleProof.rootFromLeafHashes(prefix)
        let maxReads = 2 * (64 - size.leadingZeroBitCount) + 1
        for index in 0..<size {
            let counting = CountingSubtreeSource(Self.store)
            let path = try MerkleProof.inclusionPath(leafIndex: index, size: size, source: counting)
            #expect(counting.reads <= maxReads, "\(counting.reads) reads for leaf \(index) of \(size)")
            let leaf = prefix[Int(index)]
            guard MerkleProof.verifyInclusion(leafHash: leaf, leafIndex: index, size: size, path: path, root: root) else {
                Issue.record("valid path rejected: leaf \(index) of \(size)")
                return
            }
            // Tampering: one element, the index, the size, the root, the leaf, the length.
            var bad: [(UInt64, UInt64, Digest32, Digest32, [Digest32])] = []
            if !path.isEmpty {
                var wrong = path
                let i = Int.random(in: 0..<path.count, using: &rng)
                wrong[i] = flipBit(wrong[i], bit: Int.random(in: 0..<256, using: &rng))
                bad.append((index, size, leaf, root, wrong))
                bad.append((index, size, leaf, root, Array(path.dropLast())))
                bad.append((index, size, leaf, root, Array(path.dropFirst())))
                if path.count > 1 {
                    var swapped = path
                    swapped.swapAt(0, path.count - 1)
                    if swapped != path { bad.append((index, size, leaf, root, swapped)) }
                }
            }
            for otherIndex in [index &- 1, index + 1, index ^ 1, index ^ 2, size] where otherIndex != index {
                // A sibling leaf with the same hash cannot exist here: leaves are distinct.
                bad.append((otherIndex, size, leaf, root, path))
            }
            bad.append((index, size, leaf, flipBit(root, bit: Int.random(in: 0..<256, using: &rng)), path))
            bad.append((index, size, flipBit(leaf, bit: 7), root, path))
            bad.append((index, size, leaf, root, path + [root]))
            bad.append((index, size, leaf, root, [leaf] + path))
            // (Size ± 1 is not a valid probe: RFC 9162 verification cannot tell a lone right-edge
            // leaf from a subtree in the same position, so some such claims chain identically.)
            bad.append((index, size * 2, leaf, root, path))
            for (i, s, l, r, p) in bad {
                if MerkleProof.verifyInclusion(leafHash: l, leafIndex: i, size: s, path: p, root: r) {
                    Issue.record("tampered proof accepted: leaf \(index)→\(i) of \(size)→\(s)")
                }
            }
        }
        // The store-backed builder agrees with a literal transcription of RFC 6962 PATH.
        for _ in 0..<20 {
            let index = Int.random(in: 0..<Int(size), using: &rng)
            let expected = ReferenceRFC6962.path(index, prefix[...])
            #expect(try MerkleProof.inclusionPath(leafIndex: UInt64(index), size: size, source: Self.store) == expected)
        }
    }

    @Test(arguments: sizes)
    func consistencyProofsVerifyAndTamperingFails(n: UInt64) throws {
        var rng = MerkleTestRNG(seed: n &* 31)
        let prefix = Array(Self.leaves[0..<Int(n)])
        let newRoot = MerkleProof.rootFromLeafHashes(prefix)
        let maxReads = 2 * (64 - n.leadingZeroBitCount) + 1
        var olds = Set<UInt64>(0...min(n, 40))
        olds.formUnion([n - 1, n / 2, n / 2 + 1].filter { $0 <= n })
        for _ in 0..<40 { olds.insert(UInt64.random(in: 0...n, using: &rng)) }
        for m in olds.sorted() {
            let counting = CountingSubtreeSource(Self.store)
            let path = try MerkleProof.consistencyPath(from: m, to: n, source: counting)
            #expect(counting.reads <= maxReads, "\(counting.reads) reads for \(m) → \(n)")
            let oldRoot = MerkleProof.rootFromLeafHashes(Array(prefix[0..<Int(m)]))
            if m > 0 && m < n {
                #expect(path == ReferenceRFC6962.proof(Int(m), prefix[...]), "\(m) → \(n)")
            } else {
                #expect(path.isEmpty)
            }
            guard MerkleProof.verifyConsistency(from: m, to: n, oldRoot: oldRoot, newRoot: newRoot, path: path) else {
                Issue.record("valid consistency proof rejected: \(m) → \(n)")
                continue
            }
            var bad: [(UInt64, UInt64, Digest32, Digest32, [Digest32])] = [
                (m, n, flipBit(oldRoot, bit: Int.random(in: 0..<256, using: &rng)), newRoot, path),
                (m, n, oldRoot, newRoot, path + [newRoot]),
            ]
            // The empty tree is a prefix of every tree, so with m == 0 nothing binds the new
            // root or size. (Nor is n ± 1 a valid probe in general, as for inclusion.)
            if m > 0 {
                bad.append((m, n, oldRoot, flipBit(newRoot, bit: Int.random(in: 0..<256, using: &rng)), path))
                bad.append((m, n * 2, oldRoot, newRoot, path))
            }
            if m < n { bad.append((m, n, newRoot, oldRoot, path)) }
            if m > 0 { bad.append((m - 1, n, oldRoot, newRoot, path)) }
            if m < n { bad.append((m + 1, n, oldRoot, newRoot, path)) }
            if !path.isEmpty {
                var wrong = path
                let i = Int.random(in: 0..<path.count, using: &rng)
                wrong[i] = flipBit(wrong[i], bit: Int.random(in: 0..<256, using: &rng))
                bad.append((m, n, oldRoot, newRoot, wrong))
                bad.append((m, n, oldRoot, newRoot, Array(path.dropLast())))
                bad.append((m, n, oldRoot, newRoot, Array(path.dropFirst())))
                bad.append((m, n, oldRoot, newRoot, [path[0]] + path))
                bad.append((m, n, oldRoot, newRoot, []))
            }
            for (m2, n2, r1, r2, p) in bad {
                if MerkleProof.verifyConsistency(from: m2, to: n2, oldRoot: r1, newRoot: r2, path: p) {
                    Issue.record("tampered consistency proof accepted: \(m)→\(m2), \(n)→\(n2)")
                }
            }
        }
    }

    @Test func growingStoreProofsStayConsistent() throws {
        // Proofs built while the store grows leaf by leaf agree with those from a store built at once.
        var growing = InMemorySubtrees(leafHashes: [])
        var range = CompactRange()
        var rng = MerkleTestRNG(seed: 9162)
        for size in 1...600 {
            let leaf = Self.leaves[size - 1]
            growing.append(leaf)
            range.append(leaf)
            #expect(growing.size == UInt64(size))
            #expect(growing.root() == range.root())
            let index = UInt64.random(in: 0..<UInt64(size), using: &rng)
            #expect(try MerkleProof.inclusionPath(leafIndex: index, size: UInt64(size), source: growing)
                    == MerkleProof.inclusionPath(leafIndex: index, size: UInt64(size), source: Self.store))
            let m = UInt64.random(in: 0...UInt64(size), using: &rng)
            #expect(try MerkleProof.consistencyPath(from: m, to: UInt64(size), source: growing)
                    == MerkleProof.consistencyPath(from: m, to: UInt64(size), source: Self.store))
        }
        #expect(growing.levels == InMemorySubtrees(leafHashes: Array(Self.leaves[0..<600])).levels)
    }
}

@Suite struct MerkleProofErrorTests {
    let store = InMemorySubtrees(leafHashes: merkleTestLeafHashes(5))

    func expectError(_ kind: MerkleError.Kind, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected \(kind), got no error", sourceLocation: sourceLocation)
        } catch let error as MerkleError {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.description.hasSuffix("."), sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func inclusionErrors() {
        expectError(.leafIndexOutOfRange) { _ = try MerkleProof.inclusionPath(leafIndex: 0, size: 0, source: store) }
        expectError(.leafIndexOutOfRange) { _ = try MerkleProof.inclusionPath(leafIndex: 5, size: 5, source: store) }
        expectError(.leafIndexOutOfRange) { _ = try MerkleProof.inclusionPath(leafIndex: .max, size: 5, source: store) }
        // Sizes beyond the 5 stored leaves, including ones whose path never reads past leaf 4 by itself.
        for (index, size) in [(0, 6), (4, 6), (5, 6), (0, 7), (6, 7), (5, 8), (0, 1000), (0, UInt64.max)] as [(UInt64, UInt64)] {
            expectError(.sizeBeyondTree) { _ = try MerkleProof.inclusionPath(leafIndex: index, size: size, source: store) }
        }
    }

    @Test func consistencyErrors() {
        expectError(.sizesOutOfOrder) { _ = try MerkleProof.consistencyPath(from: 3, to: 2, source: store) }
        expectError(.sizesOutOfOrder) { _ = try MerkleProof.consistencyPath(from: .max, to: 0, source: store) }
        for (m, n) in [(0, 6), (6, 6), (5, 6), (1, 6), (4, 8), (2, UInt64.max), (UInt64.max, UInt64.max)] as [(UInt64, UInt64)] {
            expectError(.sizeBeyondTree) { _ = try MerkleProof.consistencyPath(from: m, to: n, source: store) }
        }
    }

    @Test func rootAndSubtreeErrors() {
        expectError(.sizeBeyondTree) { _ = try MerkleProof.root(size: 6, source: store) }
        expectError(.sizeBeyondTree) { _ = try MerkleProof.root(size: .max, source: store) }
        expectError(.sizeBeyondTree) { _ = try store.subtreeHash(level: 1, index: 2) }
        expectError(.sizeBeyondTree) { _ = try store.subtreeHash(level: 3, index: 0) }
        expectError(.invalidSubtree) { _ = try store.subtreeHash(level: -1, index: 0) }
        expectError(.invalidSubtree) { _ = try store.subtreeHash(level: 64, index: 0) }
        #expect(throws: Never.self) { try store.subtreeHash(level: 2, index: 0) }
        #expect(InMemorySubtrees(leafHashes: []).root() == MerkleHash.emptyRoot)
    }

    @Test func verifiersRejectExtremeInputsWithoutTrapping() {
        let h = MerkleHash.leaf([1])
        let long = Array(repeating: h, count: 70)
        for size in [UInt64.max, .max - 1, 1 << 63, (1 << 63) + 1] as [UInt64] {
            for index in [0, size / 2, size - 1, size] {
                #expect(!MerkleProof.verifyInclusion(leafHash: h, leafIndex: index, size: size, path: long, root: h))
                #expect(!MerkleProof.verifyInclusion(leafHash: h, leafIndex: index, size: size, path: [], root: h))
            }
            for m in [1, size / 2, size - 1, size] {
                #expect(!MerkleProof.verifyConsistency(from: m, to: size, oldRoot: h, newRoot: .zero, path: long))
                #expect(!MerkleProof.verifyConsistency(from: size, to: m, oldRoot: h, newRoot: .zero, path: long))
            }
        }
    }
}
