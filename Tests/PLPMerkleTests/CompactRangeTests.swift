import Testing
import PLPMerkle

@Suite struct CompactRangeTests {
    static let leaves = merkleTestLeafHashes(2001)

    @Test func rootMatchesRecursiveMTHForEverySizeUpTo2000() {
        let leaves = Self.leaves
        var range = CompactRange()
        #expect(range.root() == MerkleProof.rootFromLeafHashes([]))
        for size in 1...2000 {
            range.append(leaves[size - 1])
            #expect(range.size == UInt64(size))
            #expect(range.peaks.count == size.nonzeroBitCount)
            let expected = MerkleProof.rootFromLeafHashes(Array(leaves[0..<size]))
            if range.root() != expected {
                Issue.record("root differs at size \(size)")
                return
            }
        }
    }

    @Test func completedCallbacksAreExactlyThePerfectSubtrees() throws {
        let leaves = Self.leaves
        let reference = InMemorySubtrees(leafHashes: Array(leaves[0..<2000]))
        var range = CompactRange()
        var seen: [Int: [UInt64: Digest32]] = [:]
        var total = 0
        for size in 1...2000 {
            var levelsThisAppend: [Int] = []
            range.append(leaves[size - 1]) { level, index, hash in
                levelsThisAppend.append(level)
                #expect(seen[level, default: [:]][index] == nil, "subtree (\(level), \(index)) reported twice")
                seen[level, default: [:]][index] = hash
                total += 1
            }
            // One callback for the leaf, one per trailing 1 bit of the old size, bottom-up.
            let expectedLevels = Array(0...(size - 1).trailingNonzeroBits)
            #expect(levelsThisAppend == expectedLevels, "append #\(size)")
        }
        // Every perfect subtree of the final tree was reported once, with the right hash.
        var expectedTotal = 0
        for (level, row) in reference.levels.enumerated() {
            expectedTotal += row.count
            for (index, hash) in row.enumerated() {
                #expect(seen[level]?[UInt64(index)] == hash, "subtree (\(level), \(index))")
            }
        }
        #expect(total == expectedTotal)
        #expect(total == 2 * 2000 - 2000.nonzeroBitCount)
    }

    @Test func throwingCallbackLeavesRangeUnchanged() throws {
        struct Stop: Error {}
        var range = CompactRange()
        for leaf in Self.leaves[0..<7] { range.append(leaf) }
        let before = range
        #expect(throws: Stop.self) {
            try range.append(Self.leaves[7]) { level, _, _ in
                if level == 2 { throw Stop() }
            }
        }
        #expect(range == before)
        range.append(Self.leaves[7])
        #expect(range.size == 8)
        #expect(range.peaks.count == 1)
    }

    @Test func serializationRoundTrips() throws {
        var range = CompactRange()
        for size in 0...300 {
            if size > 0 { range.append(Self.leaves[size - 1]) }
            let bytes = range.serialized()
            #expect(bytes.count == 8 + 32 * size.nonzeroBitCount)
            #expect(Array(bytes[0..<8]) == withUnsafeBytes(of: UInt64(size).bigEndian) { Array($0) })
            let decoded = try CompactRange(serialized: bytes)
            #expect(decoded == range)
            #expect(try bytes.withUnsafeBytes { try CompactRange(serialized: $0) } == range)
            #expect(try CompactRange(size: range.size, peaks: range.peaks) == range)
        }
        // A decoded range keeps growing like the original.
        var decoded = try CompactRange(serialized: range.serialized())
        decoded.append(Self.leaves[300])
        range.append(Self.leaves[300])
        #expect(decoded == range)
        #expect(decoded.root() == MerkleProof.rootFromLeafHashes(Array(Self.leaves[0...300])))
    }

    @Test func rebuildsFromStoredSubtrees() throws {
        let store = InMemorySubtrees(leafHashes: Array(Self.leaves[0..<777]))
        var range = CompactRange()
        for size in 0...777 {
            if size > 0 { range.append(Self.leaves[size - 1]) }
            let counting = CountingSubtreeSource(store)
            let rebuilt = try CompactRange(size: UInt64(size), source: counting)
            #expect(rebuilt == range)
            #expect(counting.reads == size.nonzeroBitCount)
        }
        #expect(throws: MerkleError.self) { try CompactRange(size: 778, source: store) }
    }

    @Test func badInputsThrow() {
        let leaf = Self.leaves[0]
        #expect(throws: MerkleError.self) { try CompactRange(size: 3, peaks: [leaf]) }
        #expect(throws: MerkleError.self) { try CompactRange(size: 0, peaks: [leaf]) }
        #expect(throws: MerkleError.self) { try CompactRange(size: 4, peaks: [leaf, leaf]) }
        #expect(throws: MerkleError.self) { try CompactRange(size: .max, peaks: Array(repeating: leaf, count: 64)) }
        #expect((try? CompactRange(size: .max - 1, peaks: Array(repeating: leaf, count: 63)))?.size == .max - 1)
        for bytes: [UInt8] in [[], [0, 0, 0], Array(repeating: 0, count: 7), Array(repeating: 0, count: 9),
                               Array(repeating: 0, count: 8 + 32),  // size 0 with one peak
                               [0, 0, 0, 0, 0, 0, 0, 3] + Array(repeating: 0, count: 32),  // size 3, one peak
                               [0, 0, 0, 0, 0, 0, 0, 1] + Array(repeating: 0, count: 31),
                               Array(repeating: 0xff, count: 8) + Array(repeating: 0, count: 64 * 32)] {
            do {
                _ = try CompactRange(serialized: bytes)
                Issue.record("decoded \(bytes.count) bad bytes")
            } catch let error as MerkleError {
                #expect(!error.description.isEmpty)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}

private extension Int {
    /// The number of trailing 1 bits.
    var trailingNonzeroBits: Int { (~self).trailingZeroBitCount }
}
