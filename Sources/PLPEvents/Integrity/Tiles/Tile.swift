/// One resource of a C2SP tlog-tiles log: a hash tile `tile/<L>/<N>[.p/<W>]` or an entry bundle
/// `tile/entries/<N>[.p/<W>]`.
///
/// A full tile holds 256 hashes (or entries); a partial tile, the rightmost of its level, holds 1 to 255. The hash at
/// position `i` of tile `N` at level `L` is the RFC 6962 hash of the perfect subtree of height `8·L` over the leaves
/// `[(256·N + i)·256^L, (256·N + i + 1)·256^L)`; the entry bundle `N` holds the leaf bytes of the leaves of the
/// level-0 tile `N`.
public struct Tile: Sendable, Hashable, CustomStringConvertible {
    /// A full tile's width: 256 hashes (8,192 bytes), or 256 entries.
    public static let fullWidth = 256

    /// What a tile holds.
    public enum Kind: Sendable, Hashable {
        /// Hashes at level `L` (0…63): 32 bytes each.
        case hashes(level: Int)
        /// Log entries (the events' leaf bytes), each prefixed by its length as a big-endian `UInt16`.
        case entries
    }

    /// Hashes of one level, or entries.
    public var kind: Kind
    /// The tile's index within its level.
    public var index: UInt64
    /// The number of hashes or entries: 256 for a full tile, 1…255 for a partial one.
    public var width: Int

    /// Makes a tile coordinate.
    public init(_ kind: Kind, index: UInt64, width: Int) {
        self.kind = kind
        self.index = index
        self.width = width
    }

    /// True for a partial tile (fewer than 256 hashes or entries).
    public var isPartial: Bool { width < Tile.fullWidth }

    /// The hash level of the tile; entry bundles go with level 0.
    public var level: Int {
        if case .hashes(let level) = kind { return level }
        return 0
    }

    /// The path below the log's prefix, as tlog-tiles names it: `tile/0/x001/234`, `tile/1/000.p/17`,
    /// `tile/entries/067`.
    public var path: String {
        let directory: String
        switch kind {
        case .hashes(let level): directory = "tile/\(level)/"
        case .entries: directory = "tile/entries/"
        }
        return directory + Tile.encodedIndex(index) + (isPartial ? ".p/\(width)" : "")
    }

    /// The same as ``path``.
    public var description: String { path }

    /// The path of the full tile at this coordinate (the tile a partial one becomes).
    public var fullPath: String {
        Tile(kind, index: index, width: Tile.fullWidth).path
    }

    /// A tile index as tlog-tiles writes it in a path: zero-padded groups of three digits, every group but the last
    /// prefixed by `x` (0 → `000`, 1,234,067 → `x001/x234/067`).
    public static func encodedIndex(_ index: UInt64) -> String {
        var groups: [UInt64] = []
        var rest = index
        repeat {
            groups.append(rest % 1000)
            rest /= 1000
        } while rest > 0
        var parts: [String] = []
        for (position, group) in groups.reversed().enumerated() {
            let digits = String(group)
            let padded = String(repeating: "0", count: 3 - digits.count) + digits
            parts.append(position == groups.count - 1 ? padded : "x" + padded)
        }
        return parts.joined(separator: "/")
    }
}

/// Which tiles make up the log of `size` leaves (C2SP tlog-tiles): at each level `L`, `⌊size / 256^(L+1)⌋` full tiles
/// and, when `⌊size / 256^L⌋ mod 256` is not 0, one partial tile of that width; empty tiles do not exist.
///
/// A tree of 256 leaves is one full level-0 tile and a level-1 tile of width 1; of 70,000 leaves, 273 full level-0
/// tiles, a level-0 tile of width 112, one full level-1 tile, a level-1 tile of width 17 and a level-2 tile of width 1.
public struct TileLayout: Sendable, Equatable {
    /// The number of leaves.
    public var size: UInt64

    /// The layout of the tree of `size` leaves.
    public init(size: UInt64) {
        self.size = size
    }

    /// The number of hash levels that hold at least one tile (0 for the empty tree).
    public var levelCount: Int {
        var count = 0
        while count < 8, TileLayout.leavesPerHash(level: count).map({ size >= $0 }) ?? false { count += 1 }
        return count
    }

    /// The number of leaves under one hash of a level-`level` tile, `256^level`, or nil beyond 64 bits.
    static func leavesPerHash(level: Int) -> UInt64? {
        guard level >= 0, level < 8 else { return nil }
        return UInt64(1) << UInt64(8 * level)
    }

    /// The number of hashes at `level` (the level-`8·level` perfect subtrees of the tree), `⌊size / 256^level⌋`.
    public func hashCount(level: Int) -> UInt64 {
        guard let unit = TileLayout.leavesPerHash(level: level) else { return 0 }
        return size / unit
    }

    /// The number of full tiles at `level`.
    public func fullTileCount(level: Int) -> UInt64 {
        hashCount(level: level) / UInt64(Tile.fullWidth)
    }

    /// The partial tile at `level`, if the tree has one there.
    public func partialTile(_ kind: Tile.Kind) -> Tile? {
        let level: Int
        if case .hashes(let l) = kind { level = l } else { level = 0 }
        let width = Int(hashCount(level: level) % UInt64(Tile.fullWidth))
        guard width > 0 else { return nil }
        return Tile(kind, index: fullTileCount(level: level), width: width)
    }

    /// Every tile of the tree: for each level, its full tiles in order, then its partial tile; the entry bundles
    /// follow the level-0 tiles. The tiles that `oldSize`'s tree has too (same path) are left out, so
    /// `tiles(after: 0)` is the whole log and `tiles(after: size)` is empty.
    public func tiles(after oldSize: UInt64 = 0) -> [Tile] {
        let old = TileLayout(size: min(oldSize, size))
        var tiles: [Tile] = []
        for level in 0..<levelCount {
            let kinds: [Tile.Kind] = level == 0 ? [.hashes(level: 0), .entries] : [.hashes(level: level)]
            for kind in kinds {
                // Full tiles of the old tree are kept; the first one it lacks may be its partial tile, now full.
                var index = old.fullTileCount(level: level)
                while index < fullTileCount(level: level) {
                    tiles.append(Tile(kind, index: index, width: Tile.fullWidth))
                    index += 1
                }
                if let partial = partialTile(kind), partial != old.partialTile(kind) { tiles.append(partial) }
            }
        }
        return tiles
    }
}
