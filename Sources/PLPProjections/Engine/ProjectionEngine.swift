import PLPEvents

/// Runs projections over the log: from nothing over a selection, or from a checkpoint caught up to the head.
///
/// The loop reads each stored event's type byte first and decodes only what the projection reads; voids are known
/// before the fold starts (from the `voided` index, filtered by the selection), so a voided event is skipped when it
/// is reached and counts nowhere. A void outside the selection does not apply: time travel shows what the ledger knew.
public struct ProjectionEngine {
    /// The ledger.
    public let store: EventStore

    /// An engine over `store`.
    public init(store: EventStore) {
        self.store = store
    }

    /// Folds `projection` from nothing over `selection`.
    /// - Returns: what the figures were computed from.
    @discardableResult
    public func rebuild<P: Projection>(_ projection: inout P, selection: Selection = .wholeLog) throws -> Provenance {
        let head = try store.count()
        let last = min(selection.untilSeq ?? head, head)
        let voided = try store.voidedEvents(through: last, recordedBy: selection.asOf)
        var voids = VoidedSeqs(voided)
        let reads = projection.reads
        let asOf = selection.asOf
        var lastSelected: UInt64 = 0
        // Events recorded after --as-of but placed before the last selected one (only after `import --preserve`).
        var excludedBefore: UInt64 = 0
        var excludedSince: UInt64 = 0
        // Events of the prefix that the projection reads but that occurred after --at.
        var excludedByAt: UInt64 = 0
        if last > 0 {
            try store.forEachStoredEvent(from: 1, through: last) { seq, bytes in
                if let asOf {
                    guard try StoredEventHeader(bytes).recordedAt <= asOf else { excludedSince += 1; return true }
                    excludedBefore += excludedSince
                    excludedSince = 0
                }
                lastSelected = seq
                guard bytes.count > 1, reads.contains(code: bytes[1]), !voids.contains(seq) else { return true }
                guard try selection.occurredInTime(bytes) else { excludedByAt += 1; return true }
                if try !projection.applyStored(seq: seq, bytes) { try projection.apply(try StoredEventCodec.decode(seq: seq, bytes)) }
                return true
            }
        }
        if asOf == nil { lastSelected = last }
        var provenance = try provenance(size: lastSelected, excluded: excludedBefore, caughtUp: false)
        provenance.excludedByAt = excludedByAt
        provenance.recordedAfterAsOf = excludedBefore + excludedSince
        provenance.at = selection.at
        return provenance
    }

    /// Runs a checkpointed projection over `selection`: catches its saved state up when the selection extends it
    /// (no `--as-of`, through a seq at or after the checkpoint), else folds from nothing; `rebuild` always folds from
    /// nothing. The state is saved again whenever the fold reached the head of the log.
    public func run<P: CheckpointedProjection>(_ type: P.Type, selection: Selection = .wholeLog,
                                                rebuild forceRebuild: Bool = false) throws -> (P, Provenance) {
        let head = try store.count()
        let last = min(selection.untilSeq ?? head, head)
        let reachesHead = selection.asOf == nil && selection.at == nil && last == head
        if !forceRebuild, selection.asOf == nil, selection.at == nil, let (saved, through) = try checkpoint(P.self), through <= last {
            var projection = saved
            try catchUp(&projection, from: through, through: last)
            if reachesHead && last > through { try save(projection, through: last) }
            return (projection, try provenance(size: last, excluded: 0, caughtUp: true))
        }
        var projection = P()
        let provenance = try rebuild(&projection, selection: selection)
        if reachesHead && last > 0 { try save(projection, through: last) }
        return (projection, provenance)
    }

    /// Folds events `through`+1 … `last` into a state that covers 1…`through`, and reverts the earlier events that
    /// those new events void.
    func catchUp<P: CheckpointedProjection>(_ projection: inout P, from through: UInt64, through last: UInt64) throws {
        guard last > through else { return }
        let voided = try store.voidedEvents(through: last, recordedBy: nil)
        var voids = VoidedSeqs(voided.filter { $0.key > through })
        let reads = projection.reads
        try store.forEachStoredEvent(from: through + 1, through: last) { seq, bytes in
            guard bytes.count > 1, reads.contains(code: bytes[1]), !voids.contains(seq) else { return true }
            if try !projection.applyStored(seq: seq, bytes) { try projection.apply(try StoredEventCodec.decode(seq: seq, bytes)) }
            return true
        }
        for (target, by) in voided.sorted(by: { $0.key < $1.key }) where target <= through && by > through {
            guard let event = try store.event(at: target), reads.contains(event.type) else { continue }
            try projection.revert(event)
        }
    }

    /// The saved state and the seq it covers, if it is still a state of this log (the hash of its last event matches).
    func checkpoint<P: CheckpointedProjection>(_ type: P.Type) throws -> (P, UInt64)? {
        guard let (through, bytes) = try store.loadProjectionState(name: P.checkpointName), bytes.count >= 32,
              let header = try store.storedHeader(at: through) else { return nil }
        let hash = Array(bytes[0..<32])
        guard header.hash.bytes == hash else { return nil }
        guard let projection = try? P(checkpoint: Array(bytes[32...])) else { return nil }
        return (projection, through)
    }

    func save<P: CheckpointedProjection>(_ projection: P, through: UInt64) throws {
        guard let header = try store.storedHeader(at: through) else { return }
        var bytes = header.hash.bytes
        bytes += projection.checkpointBytes()
        try store.saveProjectionState(name: P.checkpointName, throughSeq: through, bytes: bytes)
    }

    func provenance(size: UInt64, excluded: UInt64, caughtUp: Bool) throws -> Provenance {
        // The tree head of the events the figures were folded from (size 0: the empty tree).
        let root = size == 0 ? MerkleHash.emptyRoot.hex : try store.treeHead(size: size).root.hex
        return Provenance(size: size, excludedByAsOf: excluded, root: root, caughtUp: caughtUp)
    }
}
