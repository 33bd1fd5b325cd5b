/// The outcome of an offline audit of a tile directory (`verify --tiles`).
public struct TileVerification: Sendable, Equatable {
    /// The checkpoint's origin, when its signature holds.
    public var origin: String?
    /// The tree head of the checkpoint, when its signature holds.
    public var treeHead: TreeHead?
    /// The entries checked against their level-0 hashes.
    public var entriesChecked: UInt64 = 0
    /// The hash tiles checked (every level).
    public var tilesChecked: UInt64 = 0
    /// The first problem found, one sentence naming the checkpoint, tile or entry; nil when all holds.
    public var firstProblem: String?

    /// True when the checkpoint, every entry, every tile and the root hold.
    public var isIntact: Bool { firstProblem == nil && treeHead != nil }
}

/// Checks a C2SP tlog-tiles directory with nothing but its files and the log's public key, as an auditor's own tool
/// would:
///
/// 1. `checkpoint` is a signed note with a valid signature by the key; its body gives the size `n` and the root;
/// 2. every entry of every entry bundle (`tile/entries/…`, big-endian `UInt16` length-prefixed) hashes, as an RFC
///    6962 leaf, to the hash at its place in the level-0 tile of the same index;
/// 3. every hash of a tile at level `L ≥ 1` is the RFC 6962 root of the full tile at its place at level `L − 1`;
/// 4. the RFC 6962 root of the `n` level-0 hashes is the checkpoint's root.
///
/// Tiles are those of the layout of size `n` (``TileLayout``): full ones, then the partial one of each level; other
/// files (older partial tiles, for instance) are not looked at. It stops at the first problem.
public enum TileVerifier {
    /// Audits the tile directory `directory` with the log's verifier key.
    ///
    /// - Parameters:
    ///   - directory: the tile directory (the one holding `checkpoint` and `tile/`).
    ///   - key: the log's public key.
    ///   - progress: called now and then with the number of entries checked.
    public static func verify(directory: String, key: NoteVerifierKey, progress: ((UInt64) -> Void)? = nil) -> TileVerification {
        verify(TileFiles(directory: directory), key: key, progress: progress)
    }

    /// Audits the files of `files` (a publish checks the directory it extends this way, refusing links).
    static func verify(_ files: TileFiles, key: NoteVerifierKey, progress: ((UInt64) -> Void)? = nil) -> TileVerification {
        var result = TileVerification()
        do {
            try walk(files, key: key, result: &result, progress: progress)
        } catch {
            result.firstProblem = error.message
        }
        return result
    }

    private static func walk(_ files: TileFiles, key: NoteVerifierKey, result: inout TileVerification,
                             progress: ((UInt64) -> Void)?) throws(TileError) {
        guard let note = try files.read(TileLog.checkpointPath, limit: 1 << 20) else {
            throw TileError("the checkpoint is missing: \(files.path(TileLog.checkpointPath)) is not there")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint.open(String(decoding: note, as: UTF8.self), key: key)
        } catch {
            throw TileError("the checkpoint does not hold: \((error as? CheckpointError)?.message ?? "\(error)")")
        }
        let size = checkpoint.treeHead.size
        let layout = TileLayout(size: size)
        var tree = CompactRange()
        // For each level above 0, the hashes of the full tiles below it, not yet compared with a tile of that level.
        var pending: [[Digest32]] = Array(repeating: [], count: 8)
        var tilesDone: [UInt64] = Array(repeating: 0, count: 8)

        func compare(level: Int, final: Bool) throws(TileError) {
            let expected = pending[level]
            guard expected.count == Tile.fullWidth || (final && !expected.isEmpty) else { return }
            let tile = Tile(.hashes(level: level), index: tilesDone[level], width: expected.count)
            let stated = try hashes(of: tile, in: files)
            for (position, hash) in expected.enumerated() where stated[position] != hash {
                let below = Tile(.hashes(level: level - 1), index: tile.index * UInt64(Tile.fullWidth) + UInt64(position), width: Tile.fullWidth)
                throw TileError("hash \(position) of \(tile.path) is not the hash of \(below.path) (stated \(stated[position].hex), "
                                + "computed \(hash.hex))")
            }
            result.tilesChecked += 1
            tilesDone[level] += 1
            pending[level].removeAll(keepingCapacity: true)
            if tile.width == Tile.fullWidth, level + 1 < pending.count {
                pending[level + 1].append(MerkleProof.rootFromLeafHashes(stated))
                try compare(level: level + 1, final: false)
            }
        }

        let levelZeroCount = layout.fullTileCount(level: 0) + (layout.partialTile(.entries) == nil ? 0 : 1)
        var index: UInt64 = 0
        while index < levelZeroCount {
            let width = index < layout.fullTileCount(level: 0) ? Tile.fullWidth : Int(size % UInt64(Tile.fullWidth))
            let hashTile = Tile(.hashes(level: 0), index: index, width: width)
            let stated = try hashes(of: hashTile, in: files)
            let bundleTile = Tile(.entries, index: index, width: width)
            guard let bundle = try files.read(bundleTile.path, limit: EntryBundle.maximumBundleBytes) else {
                throw TileError("the entry bundle \(bundleTile.path) is missing")
            }
            guard let entries = EntryBundle.entries(of: bundle) else {
                throw TileError("\(bundleTile.path) is not a sequence of length-prefixed entries (its last length runs past its end)")
            }
            guard entries.count == width else {
                throw TileError("\(bundleTile.path) holds \(entries.count) entries, not \(width)")
            }
            for (position, entry) in entries.enumerated() {
                let leaf = index * UInt64(Tile.fullWidth) + UInt64(position)
                let hash = entry.withUnsafeBytes { MerkleHash.leaf($0) }
                guard hash == stated[position] else {
                    throw TileError("entry \(position) of \(bundleTile.path) (leaf \(leaf), seq \(leaf + 1)) does not hash to "
                                    + "hash \(position) of \(hashTile.path) (stated \(stated[position].hex), computed \(hash.hex))")
                }
                tree.append(hash)
                result.entriesChecked += 1
            }
            result.tilesChecked += 1
            if width == Tile.fullWidth, layout.levelCount > 1 {
                pending[1].append(MerkleProof.rootFromLeafHashes(stated))
                try compare(level: 1, final: false)
            }
            index += 1
            if index % 64 == 0 { progress?(result.entriesChecked) }
        }
        for level in 1..<pending.count where level < layout.levelCount {
            try compare(level: level, final: true)
        }
        for level in stride(from: 1, to: layout.levelCount, by: 1) {
            let expectedTiles = layout.fullTileCount(level: level) + (layout.partialTile(.hashes(level: level)) == nil ? 0 : 1)
            guard tilesDone[level] == expectedTiles else {
                throw TileError("level \(level) has \(tilesDone[level]) tiles checked, not the \(expectedTiles) of a tree of \(size)")
            }
        }
        let root = tree.root()
        guard root == checkpoint.treeHead.root else {
            throw TileError("the root of the \(size) level-0 hashes is \(root.hex), not the checkpoint's root \(checkpoint.treeHead.root.hex)")
        }
        result.origin = checkpoint.origin
        result.treeHead = checkpoint.treeHead
    }

    /// The hashes of a hash tile, which must hold exactly `32 × width` bytes.
    static func hashes(of tile: Tile, in files: TileFiles) throws(TileError) -> [Digest32] {
        guard let bytes = try files.read(tile.path, limit: 32 * Tile.fullWidth) else {
            throw TileError("the tile \(tile.path) is missing")
        }
        guard bytes.count == 32 * tile.width else {
            throw TileError("\(tile.path) holds \(bytes.count) bytes, not the \(32 * tile.width) of \(tile.width) hashes")
        }
        var hashes: [Digest32] = []
        hashes.reserveCapacity(tile.width)
        for start in stride(from: 0, to: bytes.count, by: 32) {
            if let hash = Digest32(Array(bytes[start..<(start + 32)])) { hashes.append(hash) }
        }
        return hashes
    }
}
