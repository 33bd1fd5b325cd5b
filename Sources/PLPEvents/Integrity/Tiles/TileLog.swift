/// What a published log is made of: its leaves (bytes and stated hashes, in order) and its perfect-subtree hashes.
/// ``EventStore`` is one (the events' leaf bytes and the stored tree); tests use synthetic leaves.
public protocol TileLogSource {
    /// Calls `body` with each leaf of `range` (0-based leaf indices, leaf `i` is the event of seq `i + 1`), in order:
    /// its index, its bytes (valid only during the call) and the hash the log states for it.
    func forEachLeaf(in range: Range<UInt64>, _ body: (UInt64, [UInt8], Digest32) throws -> Void) throws

    /// Runs `body` with the log's perfect-subtree hashes, read from one consistent state.
    func withSubtreeHashes<R>(_ body: (any SubtreeHashSource) throws -> R) throws -> R
}

/// What one run of ``TileLog/publish(_:size:origin:key:to:)`` did.
public struct TilePublication: Sendable, Equatable {
    /// The tree head of the new checkpoint.
    public var treeHead: TreeHead
    /// The size of the checkpoint the directory held before (0 for a new directory).
    public var previousSize: UInt64
    /// The tiles and entry bundles written, in the order they were written (the checkpoint is written last).
    public var written: [Tile]
    /// The partial tiles removed because the full tile at their place is now published (tlog-tiles allows it).
    public var removed: [String]
    /// The temporary files of publishes that were stopped (`.NAME.tmp-PID` of a process that no longer runs) that
    /// this one removed, relative to the directory.
    public var leftovers: [String] = []
}

/// A log published as C2SP tlog-tiles in a directory: `checkpoint`, hash tiles `tile/<L>/<N>[.p/<W>]` and entry
/// bundles `tile/entries/<N>[.p/<W>]`, ready to be served as static files.
///
/// Publishing again after appends writes only what the new size adds: the full tiles already there never change;
/// the new partial tiles and the checkpoint are each written under a temporary name and renamed into place, the
/// tiles first, the checkpoint last, so a reader never sees a checkpoint whose tiles are not all there. Partial tiles
/// of earlier sizes stay (a client holding an older checkpoint may fetch them) until the full tile at their place is
/// written; then they are removed, as tlog-tiles allows.
///
/// A publish builds only on what it checked: under the directory's lock (``TileDirectoryLock``: two publishes take
/// turns), it refuses a symbolic link anywhere below the directory (``TileDirectoryScan``; no file is read or written
/// through one) and audits the tiles already there as `verify --tiles` does (``TileVerifier``), against a checkpoint
/// whose tree the ledger extends; a directory whose tiles do not hold is refused, never patched.
public enum TileLog {
    /// The name of the checkpoint file in a tile directory.
    public static let checkpointPath = "checkpoint"

    /// Publishes the first `size` leaves of `source` as tiles under `directory`, with a checkpoint of `origin` signed by
    /// `key`.
    ///
    /// - Parameters:
    ///   - source: the leaves and the tree.
    ///   - size: the tree size to publish (at most the number of leaves of `source`).
    ///   - origin: the checkpoint's origin line; a directory that holds a checkpoint must hold one of this origin.
    ///   - key: the log's signing key; a directory that holds a checkpoint must hold one signed by it.
    ///   - directory: the tile directory (made when missing).
    ///   - waiting: called when another publish holds the directory's lock, before waiting for it.
    /// - Throws: ``TileError`` when the directory holds another log, a larger tree, a tree that is not a prefix of
    ///   this one, tiles that do not hold (missing, changed, cut) or a symbolic link, when a leaf does not match its
    ///   stated hash or is too long for an entry bundle, or a file cannot be written; whatever `source` throws. The
    ///   checkpoint is then left as it was.
    public static func publish(_ source: some TileLogSource, size: UInt64, origin: String, key: NoteSigningKey,
                               to directory: String, waiting: () -> Void = {}) throws -> TilePublication {
        let files = TileFiles(directory: directory, refusesLinks: true)
        let head = try source.withSubtreeHashes { hashes in
            TreeHead(size: size, root: try MerkleProof.root(size: size, source: hashes))
        }
        let checkpoint = try Checkpoint(origin: origin, treeHead: head)
        let lock = try TileDirectoryLock(directory: directory, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        let found = try TileDirectoryScan.run(files)
        let published = try publishedSize(in: files, origin: origin, key: key, newSize: size, source: source)
        let leftovers = TileDirectoryScan.remove(found, in: files)
        let previousSize = published ?? 0
        let tiles = TileLayout(size: size).tiles(after: previousSize)
        var written: [Tile] = []

        // Level 0 and the entry bundles, from the leaves, one tile of 256 at a time.
        let levelZero = tiles.filter { $0.kind == .hashes(level: 0) }
        var fullTileHashes: [UInt64: Digest32] = [:]
        if let first = levelZero.first {
            var start = first.index * UInt64(Tile.fullWidth)
            var hashes: [UInt8] = []
            var bundle: [UInt8] = []
            var leafHashes: [Digest32] = []
            hashes.reserveCapacity(32 * Tile.fullWidth)
            try source.forEachLeaf(in: start..<size) { index, bytes, stated in
                let recomputed = MerkleHash.leaf(bytes)
                guard recomputed == stated else {
                    throw TileError("leaf \(index) (seq \(index + 1)) does not match its hash: its content was altered "
                                    + "(run `plp-ledger verify`); the checkpoint was left as it was")
                }
                do {
                    try EntryBundle.append(bytes, to: &bundle)
                } catch {
                    throw TileError("seq \(index + 1) has \(bytes.count) bytes of leaf bytes, more than an entry bundle "
                                    + "holds (\(EntryBundle.maximumEntryBytes)); the checkpoint was left as it was")
                }
                stated.withUnsafeBytes { hashes.append(contentsOf: $0) }
                leafHashes.append(stated)
                if leafHashes.count == Tile.fullWidth || index + 1 == size {
                    let tileIndex = start / UInt64(Tile.fullWidth)
                    let width = leafHashes.count
                    try files.write(hashes, to: Tile(.hashes(level: 0), index: tileIndex, width: width).path)
                    try files.write(bundle, to: Tile(.entries, index: tileIndex, width: width).path)
                    written += [Tile(.hashes(level: 0), index: tileIndex, width: width), Tile(.entries, index: tileIndex, width: width)]
                    if width == Tile.fullWidth { fullTileHashes[tileIndex] = MerkleProof.rootFromLeafHashes(leafHashes) }
                    start += UInt64(width)
                    hashes.removeAll(keepingCapacity: true)
                    bundle.removeAll(keepingCapacity: true)
                    leafHashes.removeAll(keepingCapacity: true)
                }
            }
            guard start == size else {
                throw TileError("the log holds \(start) leaves, not \(size); the checkpoint was left as it was")
            }
        }

        // Levels 1 and up, from the stored tree; each new full level-0 tile is checked against it on the way.
        try source.withSubtreeHashes { subtrees in
            for (tileIndex, hash) in fullTileHashes.sorted(by: { $0.key < $1.key }) {
                guard try subtrees.subtreeHash(level: 8, index: tileIndex) == hash else {
                    throw TileError("the stored tree does not match the leaves of \(Tile(.hashes(level: 0), index: tileIndex, width: 256)) "
                                    + "(run `plp-ledger verify`); the checkpoint was left as it was")
                }
            }
            for tile in tiles where tile.level > 0 {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(32 * tile.width)
                for position in 0..<UInt64(tile.width) {
                    let hash = try subtrees.subtreeHash(level: 8 * tile.level, index: tile.index * UInt64(Tile.fullWidth) + position)
                    hash.withUnsafeBytes { bytes.append(contentsOf: $0) }
                }
                try files.write(bytes, to: tile.path)
                written.append(tile)
            }
        }

        // The checkpoint last, once every tile it needs is on disk; then the partial tiles it made superfluous.
        if !written.isEmpty || published != size {
            files.flushFileSystem()
            try files.write(Array(try checkpoint.signed(with: key).utf8), to: checkpointPath, flush: true)
            files.flushDirectory(of: checkpointPath)
        }
        var removed: [String] = []
        for tile in written where !tile.isPartial {
            let partials = tile.path + ".p"
            if try files.remove(partials) { removed.append(partials) }
        }
        return TilePublication(treeHead: head, previousSize: previousSize, written: written, removed: removed, leftovers: leftovers)
    }

    /// The size of the checkpoint already in the directory (nil when there is none), after checking that it is of
    /// this log, that the new tree extends it, and that the tiles of its tree are all there and hold (audited as
    /// `verify --tiles` does: every entry against its hash, every tile against the level below, the root against the
    /// checkpoint's, which is the ledger's).
    static func publishedSize(in files: TileFiles, origin: String, key: NoteSigningKey, newSize: UInt64,
                              source: some TileLogSource) throws -> UInt64? {
        guard let bytes = try files.read(checkpointPath, limit: 1 << 20) else { return nil }
        let place = files.path(checkpointPath)
        let old: Checkpoint
        do {
            old = try Checkpoint.open(String(decoding: bytes, as: UTF8.self), key: key.verifierKey)
        } catch let error as CheckpointError {
            throw TileError("\(place) is not a checkpoint signed by \(key.name) (\(error.message)); publish with the key "
                            + "that signed it, or into a new directory")
        }
        guard old.origin == origin else {
            throw TileError("\(place) is the checkpoint of the log \(old.origin), not of \(origin); give --origin "
                            + "\(old.origin), or publish into a new directory")
        }
        guard old.treeHead.size <= newSize else {
            throw TileError("\(files.directory) already holds the tree of \(old.treeHead.size) events; a published log only "
                            + "grows: publish a size of \(old.treeHead.size) or more")
        }
        let root = try source.withSubtreeHashes { try MerkleProof.root(size: old.treeHead.size, source: $0) }
        guard root == old.treeHead.root else {
            throw TileError("\(files.directory) holds a tree of \(old.treeHead.size) events that is not the start of this "
                            + "log (its root differs); publish into a new directory")
        }
        if let problem = TileVerifier.verify(files, key: key.verifierKey).firstProblem {
            throw TileError("\(files.directory) cannot be extended: \(problem), so its tiles no longer hold its checkpoint's "
                            + "tree of \(old.treeHead.size) events; nothing was written (publish into a new directory, which "
                            + "gets every tile from the ledger, and serve that one instead)")
        }
        return old.treeHead.size
    }
}
