internal import LMDBKit

/// How the ledger stores its RFC 6962 tree (internal): leaf hashes are the events' stored `hash`, interior
/// perfect subtrees live in the `tree` database, and the compact range (the right edge) is in `meta`.
///
/// Interior nodes are keyed by their *completion position*: the order in which appending leaves completes them
/// (the node of leaves 0–1 is 0, of 2–3 is 1, of 0–3 is 2, …). Positions only grow as the ledger grows, so every
/// write is an LMDB append (no B-tree search) and `verify` can walk the stored nodes with one cursor, in step
/// with the events.
enum TreeNodes {
    /// The completion position of the interior node at `level` (1...63) and `index`, or nil for a coordinate
    /// that cannot exist (level 0, level above 63, or an index whose leaves pass 2^64).
    ///
    /// The node completes when leaf `c - 1` is appended, where `c = (index + 1) << level`; the appends before
    /// completed `(c - 1) - popcount(c - 1)` interior nodes, and this append completes levels 1, 2, … in order.
    @inline(__always)
    static func position(level: Int, index: UInt64) -> UInt64? {
        guard level >= 1, level <= 63, index < (UInt64(1) << UInt64(64 - level)) - 1 else { return nil }
        let completedAt = (index + 1) << UInt64(level)
        let before = completedAt - 1
        return before - UInt64(before.nonzeroBitCount) + UInt64(level - 1)
    }

    /// The number of interior nodes stored for a tree of `size` leaves.
    @inline(__always)
    static func interiorCount(size: UInt64) -> UInt64 {
        size - UInt64(size.nonzeroBitCount)
    }

    /// Stores an interior node completed by an append (positions must come in increasing order: LMDB append).
    @inline(__always)
    static func put(_ hash: Digest32, level: Int, index: UInt64, store: EventStore,
                    in txn: inout LMDBWriteTransaction) throws {
        guard let position = position(level: level, index: index) else {
            throw MerkleError(.invalidSubtree, "The subtree at level \(level), index \(index) cannot be stored.")
        }
        try UInt64(position).withBigEndianBytes { key in
            try hash.withUnsafeBytes { value in
                _ = try txn.put(store.tree, key: key, value: value, flags: .append)
            }
        }
    }

    /// The stored compact range, nil when the ledger has none yet (a ledger written before the tree existed).
    static func loadRange(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, store: EventStore) throws -> CompactRange? {
        guard let bytes = try txn.get(store.meta, key: StoreKeys.treeRange) else { return nil }
        do {
            return try CompactRange(serialized: bytes)
        } catch {
            // In plain words: the tree's own vocabulary ("peak hashes") means nothing to the operator.
            throw LedgerError.damaged(store.path, "its stored tree head (\(bytes.count) bytes in meta) is cut short or altered")
        }
    }

    /// Saves the compact range in `meta`.
    static func saveRange(_ range: CompactRange, store: EventStore, in txn: inout LMDBWriteTransaction) throws {
        _ = try txn.put(store.meta, key: StoreKeys.treeRange, value: range.serialized())
    }
}

/// Perfect-subtree hashes read from the ledger inside one transaction: level 0 from the events' stored `hash`,
/// higher levels from the `tree` database. Throws for a subtree that is not fully stored.
enum StoredSubtrees {
    /// The hash of the perfect subtree at `level` and `index`, read in `txn`.
    static func hash(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, store: EventStore,
                     level: Int, index: UInt64) throws -> Digest32 {
        if level == 0 {
            guard index < UInt64.max, let header = try LedgerReads(store: store).header(txn, at: index + 1) else {
                throw MerkleError(.sizeBeyondTree, "Leaf \(index) (seq \(index &+ 1)) is not in the ledger.")
            }
            return header.hash
        }
        guard let position = TreeNodes.position(level: level, index: index) else {
            throw MerkleError(.invalidSubtree, "The subtree at level \(level), index \(index) cannot exist.")
        }
        return try UInt64(position).withBigEndianBytes { key in
            guard let bytes = try txn.get(store.tree, key: key) else {
                throw MerkleError(.sizeBeyondTree,
                                  "The subtree of leaves \(index << UInt64(level)) to \(((index + 1) << UInt64(level)) - 1) is not in the ledger's tree.")
            }
            guard let hash = Digest32(validating: bytes) else {
                throw LedgerError(.damaged, "a stored tree node has \(bytes.count) bytes instead of 32: the ledger is damaged (run `plp-ledger verify`)")
            }
            return hash
        }
    }

    /// Runs `body` with a ``SubtreeHashSource`` that reads in `txn`; the source is valid only during the call
    /// (afterwards it throws: ``LMDBSnapshot``).
    static func withSource<R>(_ txn: borrowing LMDBReadTransaction, store: EventStore,
                              _ body: (any SubtreeHashSource) throws -> R) throws -> R {
        try txn.withSnapshot { snapshot in try body(Source(store: store, snapshot: snapshot)) }
    }

    /// The stored subtrees as a ``SubtreeHashSource``, over one snapshot.
    private struct Source: SubtreeHashSource {
        let store: EventStore
        let snapshot: LMDBSnapshot

        func subtreeHash(level: Int, index: UInt64) throws -> Digest32 {
            try snapshot.read { txn in try StoredSubtrees.hash(txn, store: store, level: level, index: index) }
        }
    }
}
