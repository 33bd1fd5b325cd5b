import Foundation
import Testing
@testable import PLPEvents

/// The log as C2SP tlog-tiles: paths, layouts at the sizes where levels begin, entry bundles, and publishing then
/// auditing a directory of synthetic leaves (65,537 of them, so that level 2 exists) with real files.
@Suite struct TileLogTests {
    /// A log of synthetic leaves (`leaf 0`, `leaf 1`, …) held in memory.
    struct SyntheticLog: TileLogSource {
        let leaves: [[UInt8]]
        let subtrees: InMemorySubtrees

        init(count: Int) {
            leaves = (0..<count).map { Array("leaf \($0)".utf8) }
            subtrees = InMemorySubtrees(leaves: leaves)
        }

        func forEachLeaf(in range: Range<UInt64>, _ body: (UInt64, [UInt8], Digest32) throws -> Void) throws {
            for index in range {
                guard index < UInt64(leaves.count) else { throw TileError("leaf \(index) is not in the synthetic log") }
                try body(index, leaves[Int(index)], try subtrees.subtreeHash(level: 0, index: index))
            }
        }

        func withSubtreeHashes<R>(_ body: (any SubtreeHashSource) throws -> R) throws -> R {
            try body(subtrees)
        }

        /// The root of the first `size` leaves.
        func root(size: Int) -> Digest32 {
            MerkleProof.rootFromLeafHashes(Array(subtrees.levels[0].prefix(size)))
        }
    }

    /// A temporary tile directory, removed when the test ends.
    final class TileDirectory {
        let path: String
        init() {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("plp-tiles-\(UUID().uuidString)").path
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Every file below the directory, as relative paths, sorted (publish's lock file, `.publish.lock`, left out).
        func files() throws -> [String] {
            guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
            var files: [String] = []
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
                   relative != ".publish.lock" {
                    files.append(relative)
                }
            }
            return files.sorted()
        }

        /// The inode of a file: a file replaced by a rename gets a new one.
        func inode(_ relative: String) throws -> UInt64 {
            try #require(try FileManager.default.attributesOfItem(atPath: path + "/" + relative)[.systemFileNumber] as? UInt64)
        }

        /// Flips one bit of the byte at `offset` of `relative`.
        func flip(_ relative: String, at offset: Int) throws {
            let url = URL(fileURLWithPath: path + "/" + relative)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[offset] ^= 0x01
            try Data(bytes).write(to: url)
        }
    }

    static let key = try! NoteSigningKey(generatingNamed: "tiles.example.be")

    @Test func tileIndicesAreWrittenInGroupsOfThreeDigits() {
        #expect(Tile.encodedIndex(0) == "000")
        #expect(Tile.encodedIndex(67) == "067")
        #expect(Tile.encodedIndex(999) == "999")
        #expect(Tile.encodedIndex(1000) == "x001/000")
        #expect(Tile.encodedIndex(1_234_067) == "x001/x234/067")
        #expect(Tile.encodedIndex(UInt64.max) == "x018/x446/x744/x073/x709/x551/615")
        #expect(Tile(.hashes(level: 0), index: 1_234_067, width: 256).path == "tile/0/x001/x234/067")
        #expect(Tile(.hashes(level: 2), index: 0, width: 1).path == "tile/2/000.p/1")
        #expect(Tile(.entries, index: 5, width: 17).path == "tile/entries/005.p/17")
    }

    /// The paths of the tree of `size` leaves.
    static func paths(_ size: UInt64) -> [String] {
        TileLayout(size: size).tiles().map(\.path)
    }

    @Test func layoutsAtTheSizesWhereLevelsBegin() {
        #expect(Self.paths(0) == [])
        #expect(Self.paths(1) == ["tile/0/000.p/1", "tile/entries/000.p/1"])
        #expect(Self.paths(255) == ["tile/0/000.p/255", "tile/entries/000.p/255"])
        #expect(Self.paths(256) == ["tile/0/000", "tile/entries/000", "tile/1/000.p/1"])
        #expect(Self.paths(257) == ["tile/0/000", "tile/0/001.p/1", "tile/entries/000", "tile/entries/001.p/1", "tile/1/000.p/1"])
        let full = Self.paths(65_536)
        #expect(full.count == 256 + 256 + 1 + 1)
        #expect(full.filter { $0.hasPrefix("tile/0/") }.count == 256 && !full.contains { $0.hasPrefix("tile/0/") && $0.contains(".p/") })
        #expect(full.suffix(2) == ["tile/1/000", "tile/2/000.p/1"])
        let more = Self.paths(65_537)
        #expect(Set(more).subtracting(full) == ["tile/0/256.p/1", "tile/entries/256.p/1"])
        #expect(TileLayout(size: 65_537).levelCount == 3)
        // The example of tlog-tiles: 70,000 leaves.
        let example = TileLayout(size: 70_000)
        #expect(example.fullTileCount(level: 0) == 273 && example.partialTile(.hashes(level: 0))?.width == 112)
        #expect(example.fullTileCount(level: 1) == 1 && example.partialTile(.hashes(level: 1))?.width == 17)
        #expect(example.fullTileCount(level: 2) == 0 && example.partialTile(.hashes(level: 2))?.width == 1)
    }

    @Test func growingATreeAddsOnlyItsNewTiles() {
        #expect(TileLayout(size: 300).tiles(after: 300) == [])
        #expect(TileLayout(size: 300).tiles(after: 200).map(\.path)
                == ["tile/0/000", "tile/0/001.p/44", "tile/entries/000", "tile/entries/001.p/44", "tile/1/000.p/1"])
        #expect(TileLayout(size: 600).tiles(after: 300).map(\.path)
                == ["tile/0/001", "tile/0/002.p/88", "tile/entries/001", "tile/entries/002.p/88", "tile/1/000.p/2"])
        #expect(TileLayout(size: 512).tiles(after: 256).map(\.path) == ["tile/0/001", "tile/entries/001", "tile/1/000.p/2"])
    }

    @Test func entryBundlesAreLengthPrefixedBigEndian() throws {
        var bundle: [UInt8] = []
        try EntryBundle.append(Array("ab".utf8), to: &bundle)
        try EntryBundle.append([UInt8](), to: &bundle)
        try EntryBundle.append([UInt8](repeating: 7, count: 300), to: &bundle)
        #expect(Array(bundle.prefix(6)) == [0, 2, 0x61, 0x62, 0, 0])
        #expect(Array(bundle[6..<8]) == [0x01, 0x2C])
        #expect(EntryBundle.entries(of: bundle)?.map(\.count) == [2, 0, 300])
        #expect(EntryBundle.entries(of: Array(bundle.dropLast())) == nil)
        #expect(EntryBundle.entries(of: bundle + [0]) == nil)
        var big: [UInt8] = []
        try EntryBundle.append([UInt8](repeating: 1, count: 65_535), to: &big)
        #expect(throws: TileError.self) { try EntryBundle.append([UInt8](repeating: 1, count: 65_536), to: &big) }
    }

    @Test func publishedTilesAtEachSizeAuditAndHoldTheRoot() throws {
        let log = SyntheticLog(count: 257)
        for size in [0, 1, 255, 256, 257] {
            let directory = TileDirectory()
            let publication = try TileLog.publish(log, size: UInt64(size), origin: "tiles.example.be/test", key: Self.key, to: directory.path)
            #expect(publication.treeHead == TreeHead(size: UInt64(size), root: log.root(size: size)))
            #expect(try directory.files() == (["checkpoint"] + Self.paths(UInt64(size))).sorted(), "size \(size)")
            let audit = TileVerifier.verify(directory: directory.path, key: Self.key.verifierKey)
            #expect(audit.isIntact, "size \(size): \(audit.firstProblem ?? "")")
            #expect(audit.treeHead == publication.treeHead && audit.entriesChecked == UInt64(size))
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func sixtyFiveThousandLeavesMakeALevelTwoTileAndGrowByOne() throws {
        let log = SyntheticLog(count: 65_537)
        let directory = TileDirectory()
        let first = try TileLog.publish(log, size: 65_536, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        #expect(first.written.count == 256 + 256 + 1 + 1)
        #expect(try directory.files() == (["checkpoint"] + Self.paths(65_536)).sorted())
        let level1 = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/tile/1/000"))
        let level2 = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/tile/2/000.p/1"))
        #expect(level1.count == 8_192 && [UInt8](level2) == log.root(size: 65_536).bytes)
        #expect(TileVerifier.verify(directory: directory.path, key: Self.key.verifierKey).isIntact)

        let kept = try ["tile/0/000", "tile/0/255", "tile/entries/100", "tile/1/000", "tile/2/000.p/1"].map { ($0, try directory.inode($0)) }
        let second = try TileLog.publish(log, size: 65_537, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        #expect(second.previousSize == 65_536)
        #expect(second.written.map(\.path) == ["tile/0/256.p/1", "tile/entries/256.p/1"])
        for (path, inode) in kept { #expect(try directory.inode(path) == inode, "\(path) was written again") }
        let audit = TileVerifier.verify(directory: directory.path, key: Self.key.verifierKey)
        #expect(audit.isIntact && audit.treeHead == TreeHead(size: 65_537, root: log.root(size: 65_537)))

        // One changed bit in a full level-1 tile is named.
        try directory.flip("tile/1/000", at: 32 * 9 + 3)
        let bad = TileVerifier.verify(directory: directory.path, key: Self.key.verifierKey)
        #expect(bad.firstProblem?.hasPrefix("hash 9 of tile/1/000 is not the hash of tile/0/009") == true, "\(bad.firstProblem ?? "")")
    }

    @Test func aPublishedLogOnlyGrowsAndStaysOneLog() throws {
        let log = SyntheticLog(count: 600)
        let directory = TileDirectory()
        _ = try TileLog.publish(log, size: 300, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        let again = try TileLog.publish(log, size: 300, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        #expect(again.written.isEmpty && again.removed.isEmpty)
        #expect(throws: TileError.self) {
            try TileLog.publish(log, size: 299, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        }
        #expect(throws: TileError.self) {
            try TileLog.publish(log, size: 400, origin: "tiles.example.be/other", key: Self.key, to: directory.path)
        }
        let otherKey = try NoteSigningKey(generatingNamed: "tiles.example.be")
        #expect(throws: TileError.self) {
            try TileLog.publish(log, size: 400, origin: "tiles.example.be/test", key: otherKey, to: directory.path)
        }
        let otherLeaves = SyntheticLog(count: 601)  // the same leaves with one more: still a prefix
        _ = try TileLog.publish(otherLeaves, size: 601, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        // A log whose first 300 leaves differ is refused.
        struct Forked: TileLogSource {
            let base = SyntheticLog(count: 700)
            let fork = InMemorySubtrees(leaves: (0..<700).map { Array("other \($0)".utf8) })
            func forEachLeaf(in range: Range<UInt64>, _ body: (UInt64, [UInt8], Digest32) throws -> Void) throws {
                try base.forEachLeaf(in: range, body)
            }
            func withSubtreeHashes<R>(_ body: (any SubtreeHashSource) throws -> R) throws -> R { try body(fork) }
        }
        #expect(throws: TileError.self) {
            try TileLog.publish(Forked(), size: 700, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
        }
        #expect(TileVerifier.verify(directory: directory.path, key: Self.key.verifierKey).treeHead?.size == 601)
    }

    @Test func aLeafThatDoesNotMatchItsHashIsNotPublished() throws {
        struct Altered: TileLogSource {
            let base = SyntheticLog(count: 10)
            func forEachLeaf(in range: Range<UInt64>, _ body: (UInt64, [UInt8], Digest32) throws -> Void) throws {
                try base.forEachLeaf(in: range) { index, bytes, hash in
                    try body(index, index == 4 ? Array("altered".utf8) : bytes, hash)
                }
            }
            func withSubtreeHashes<R>(_ body: (any SubtreeHashSource) throws -> R) throws -> R { try base.withSubtreeHashes(body) }
        }
        let directory = TileDirectory()
        do {
            _ = try TileLog.publish(Altered(), size: 10, origin: "tiles.example.be/test", key: Self.key, to: directory.path)
            Issue.record("an altered leaf was published")
        } catch let error as TileError {
            #expect(error.message.contains("seq 5"))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkpoint"))
    }
}
