import Testing
import PLPMerkle

@Suite struct MerkleTreeVectorTests {
    let leafHashes = RFC6962Vectors.leafHashes
    let store = InMemorySubtrees(leaves: RFC6962Vectors.leaves)

    @Test func rootsOfEveryPrefix() throws {
        var range = CompactRange()
        for size in 1...8 {
            let expected = RFC6962Vectors.roots[size - 1]
            #expect(MerkleProof.rootFromLeafHashes(Array(leafHashes[0..<size])).hex == expected)
            #expect(try MerkleProof.root(size: UInt64(size), source: store).hex == expected)
            #expect(InMemorySubtrees(leafHashes: Array(leafHashes[0..<size])).root().hex == expected)
            range.append(leafHashes[size - 1])
            #expect(range.root().hex == expected)
        }
        #expect(try MerkleProof.root(size: 0, source: store) == MerkleHash.emptyRoot)
    }

    @Test func inclusionVectors() throws {
        for vector in RFC6962Vectors.inclusion {
            let expected = vector.path.map(hexDigest)
            let path = try MerkleProof.inclusionPath(leafIndex: vector.leafIndex, size: vector.size, source: store)
            #expect(path == expected, "leaf \(vector.leafIndex) of \(vector.size)")
            let root = hexDigest(RFC6962Vectors.roots[Int(vector.size) - 1])
            let leaf = leafHashes[Int(vector.leafIndex)]
            #expect(MerkleProof.verifyInclusion(leafHash: leaf, leafIndex: vector.leafIndex, size: vector.size, path: expected, root: root))
            // Corruptions in the style of transparency-dev/merkle's verifier tests.
            let some = hexDigest("abacaba000000000000000000000000000000000000000000060061e00123456")
            var bad: [(UInt64, UInt64, Digest32, Digest32, [Digest32])] = [
                (vector.leafIndex &- 1, vector.size, leaf, root, expected),
                (vector.leafIndex + 1, vector.size, leaf, root, expected),
                (vector.leafIndex ^ 2, vector.size, leaf, root, expected),
                (vector.leafIndex, vector.size * 2, leaf, root, expected),
                (vector.leafIndex, vector.size / 2, leaf, root, expected),
                (vector.leafIndex, vector.size, MerkleHash.leaf(Array("WrongLeaf".utf8)), root, expected),
                (vector.leafIndex, vector.size, leaf, MerkleHash.emptyRoot, expected),
                (vector.leafIndex, vector.size, leaf, some, expected),
                (vector.leafIndex, vector.size, leaf, root, expected + [.zero]),
                (vector.leafIndex, vector.size, leaf, root, expected + [root]),
                (vector.leafIndex, vector.size, leaf, root, [.zero] + expected),
                (vector.leafIndex, vector.size, leaf, root, [root] + expected),
            ]
            for i in expected.indices {
                var wrong = expected
                wrong[i] = flipBit(wrong[i], bit: 3)
                bad.append((vector.leafIndex, vector.size, leaf, root, wrong))
            }
            if !expected.isEmpty { bad.append((vector.leafIndex, vector.size, leaf, root, Array(expected.dropLast()))) }
            if expected.count > 1 { bad.append((vector.leafIndex, vector.size, leaf, root, [expected[0], some] + expected.dropFirst())) }
            for (index, size, leafHash, badRoot, badPath) in bad {
                #expect(!MerkleProof.verifyInclusion(leafHash: leafHash, leafIndex: index, size: size, path: badPath, root: badRoot),
                        "accepted a corrupted proof for leaf \(vector.leafIndex) of \(vector.size)")
            }
        }
    }

    @Test func consistencyVectors() throws {
        for vector in RFC6962Vectors.consistency {
            let expected = vector.path.map(hexDigest)
            let path = try MerkleProof.consistencyPath(from: vector.m, to: vector.n, source: store)
            #expect(path == expected, "\(vector.m) → \(vector.n)")
            let oldRoot = hexDigest(RFC6962Vectors.roots[Int(vector.m) - 1])
            let newRoot = hexDigest(RFC6962Vectors.roots[Int(vector.n) - 1])
            #expect(MerkleProof.verifyConsistency(from: vector.m, to: vector.n, oldRoot: oldRoot, newRoot: newRoot, path: expected))
            guard !expected.isEmpty else { continue }
            let wrongRoot = MerkleHash.leaf(Array("WrongRoot".utf8))
            var bad: [(UInt64, UInt64, Digest32, Digest32, [Digest32])] = [
                (vector.m - 1, vector.n, oldRoot, newRoot, expected),
                (vector.m + 1, vector.n, oldRoot, newRoot, expected),
                (vector.m ^ 2, vector.n, oldRoot, newRoot, expected),
                (vector.m, vector.n * 2, oldRoot, newRoot, expected),
                (vector.m, vector.n / 2, oldRoot, newRoot, expected),
                (vector.m, vector.n, wrongRoot, newRoot, expected),
                (vector.m, vector.n, oldRoot, wrongRoot, expected),
                (vector.m, vector.n, newRoot, oldRoot, expected),
                (vector.m, vector.n, oldRoot, newRoot, []),
                (vector.m, vector.n, oldRoot, newRoot, expected + [.zero]),
                (vector.m, vector.n, oldRoot, newRoot, expected + [oldRoot]),
                (vector.m, vector.n, oldRoot, newRoot, expected + [newRoot]),
                (vector.m, vector.n, oldRoot, newRoot, [.zero] + expected),
                (vector.m, vector.n, oldRoot, newRoot, [oldRoot] + expected),
                (vector.m, vector.n, oldRoot, newRoot, [newRoot] + expected),
                (vector.m, vector.n, oldRoot, newRoot, [expected[0]] + expected),
                (vector.m, vector.n, oldRoot, newRoot, Array(expected.dropLast())),
            ]
            for i in expected.indices {
                var wrong = expected
                wrong[i] = flipBit(wrong[i], bit: 4)
                bad.append((vector.m, vector.n, oldRoot, newRoot, wrong))
            }
            for (m, n, r1, r2, p) in bad {
                #expect(!MerkleProof.verifyConsistency(from: m, to: n, oldRoot: r1, newRoot: r2, path: p),
                        "accepted a corrupted proof for \(vector.m) → \(vector.n)")
            }
        }
    }

    @Test func trivialConsistencyCases() throws {
        let r1 = MerkleHash.leaf(Array("don't care 1".utf8))
        let r2 = MerkleHash.leaf(Array("don't care 2".utf8))
        let e = MerkleHash.emptyRoot
        // m == n: empty proof, equal roots.
        #expect(MerkleProof.verifyConsistency(from: 0, to: 0, oldRoot: e, newRoot: e, path: []))
        #expect(MerkleProof.verifyConsistency(from: 1, to: 1, oldRoot: r2, newRoot: r2, path: []))
        #expect(!MerkleProof.verifyConsistency(from: 1, to: 1, oldRoot: r1, newRoot: r2, path: []))
        #expect(!MerkleProof.verifyConsistency(from: 1, to: 1, oldRoot: e, newRoot: e, path: [e]))
        // m == 0: empty proof, the old root must be the empty-tree root.
        #expect(MerkleProof.verifyConsistency(from: 0, to: 1, oldRoot: e, newRoot: r2, path: []))
        #expect(!MerkleProof.verifyConsistency(from: 0, to: 1, oldRoot: r1, newRoot: r2, path: []))
        #expect(!MerkleProof.verifyConsistency(from: 0, to: 1, oldRoot: e, newRoot: e, path: [e]))
        // Time travel and empty proofs.
        #expect(!MerkleProof.verifyConsistency(from: 1, to: 0, oldRoot: r1, newRoot: r2, path: []))
        #expect(!MerkleProof.verifyConsistency(from: 2, to: 1, oldRoot: r1, newRoot: r2, path: []))
        #expect(!MerkleProof.verifyConsistency(from: 1, to: 2, oldRoot: r1, newRoot: r2, path: []))
        // Builders give empty proofs for these.
        #expect(try MerkleProof.consistencyPath(from: 0, to: 8, source: store) == [])
        #expect(try MerkleProof.consistencyPath(from: 0, to: 0, source: store) == [])
        #expect(try MerkleProof.consistencyPath(from: 5, to: 5, source: store) == [])
    }

    @Test func singleEntryInclusion() {
        let hash = MerkleHash.leaf(Array("data".utf8))
        #expect(MerkleProof.verifyInclusion(leafHash: hash, leafIndex: 0, size: 1, path: [], root: hash))
        #expect(!MerkleProof.verifyInclusion(leafHash: hash, leafIndex: 0, size: 1, path: [], root: .zero))
        #expect(!MerkleProof.verifyInclusion(leafHash: .zero, leafIndex: 0, size: 1, path: [], root: hash))
        for (index, size) in [(0, 0), (1, 0), (2, 1), (1, 1)] as [(UInt64, UInt64)] {
            #expect(!MerkleProof.verifyInclusion(leafHash: hash, leafIndex: index, size: size, path: [], root: hash))
            #expect(!MerkleProof.verifyInclusion(leafHash: hash, leafIndex: index, size: size, path: [], root: MerkleHash.emptyRoot))
        }
    }
}
