import Testing
import PLPMerkle

@Suite struct Digest32Tests {
    @Test func hexRoundTripsAndIsLowercase() {
        let hex = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        let digest = Digest32(hex: hex.uppercased())
        #expect(digest?.hex == hex)
        #expect(digest?.description == hex)
        #expect(digest == Digest32(hex: hex))
        #expect(digest?.bytes.first == 0x5d)
        #expect(digest?.bytes.last == 0x28)
    }

    @Test(arguments: [
        "", "0", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff460432",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff46043280",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff46043280a",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff460432g",
        " 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff460432",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff46043é",
    ])
    func badHexIsNil(_ text: String) {
        #expect(Digest32(hex: text) == nil)
    }

    @Test func bytesInitialisersCheckLength() {
        let bytes = (0..<32).map { UInt8($0) }
        let digest = bytes.withUnsafeBytes { Digest32(bytes: $0) }
        #expect(digest.bytes == bytes)
        #expect(digest.withUnsafeBytes { Array($0) } == bytes)
        #expect(Digest32(bytes) == digest)
        #expect(Digest32(Array(bytes.dropLast())) == nil)
        #expect(Digest32(bytes + [0]) == nil)
        #expect([UInt8]().withUnsafeBytes { Digest32(validating: $0) } == nil)
        #expect(MemoryLayout<Digest32>.size == 32)
    }

    @Test func equalityAndHashingUseAllBytes() {
        let a = MerkleHash.leaf([1, 2, 3])
        var set: Set<Digest32> = [a]
        for bit in [0, 63, 64, 127, 128, 191, 192, 255] {
            let b = flipBit(a, bit: bit)
            #expect(a != b)
            set.insert(b)
        }
        #expect(set.count == 9)
        #expect(set.contains(flipBit(flipBit(a, bit: 100), bit: 100)))
    }
}

@Suite struct MerkleHashTests {
    @Test func emptyRootIsSHA256OfNothing() {
        #expect(MerkleHash.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleProof.rootFromLeafHashes([]) == MerkleHash.emptyRoot)
        #expect(CompactRange().root() == MerkleHash.emptyRoot)
    }

    @Test func leafHashIsDomainSeparated() {
        // SHA-256(0x00) — the leaf hash of the empty leaf, and the one-leaf root of the RFC vectors.
        #expect(MerkleHash.leaf([]).hex == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        #expect(MerkleHash.leaf([0x00]).hex == "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")
        let bytes: [UInt8] = [0x40, 0x41, 0x42, 0x43]
        #expect(bytes.withUnsafeBytes { MerkleHash.leaf($0) } == MerkleHash.leaf(bytes))
    }

    @Test func nodeHashMatchesTwoLeafRoot() {
        let l = MerkleHash.leaf([])
        let r = MerkleHash.leaf([0x00])
        #expect(MerkleHash.node(l, r).hex == RFC6962Vectors.roots[1])
        #expect(MerkleHash.node(r, l) != MerkleHash.node(l, r))
    }
}
