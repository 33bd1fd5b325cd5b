import PLPTestSupport
import Testing
@testable import PLPEvents

/// `verify` finds stored events that were changed behind the ledger's back.
@Suite struct TamperTests {
    @Test func oneChangedByteIsFoundAtItsSeq() throws {
        let ledger = try TemporaryLedger()
        try Lines.approvedPLP("p1").forEach { try ledger.append($0) }
        #expect(try ledger.store.verify().isIntact)
        // Change one byte of the approval reference of seq 5, directly in LMDB.
        try ledger.store.environment.write { txn in
            try UInt64(5).withBigEndianBytes { key in
                guard let stored = try txn.get(ledger.store.events, key: key) else { return }
                var bytes = [UInt8](stored)
                bytes[bytes.count - 1] ^= 0x01
                _ = try bytes.withUnsafeBytes { try txn.put(ledger.store.events, key: key, value: $0) }
            }
        }
        let report = try ledger.store.verify()
        #expect(report.firstProblem?.seq == 5)
    }

    @Test func aDroppedEventIsFound() throws {
        let ledger = try TemporaryLedger()
        try Lines.approvedPLP("p1").forEach { try ledger.append($0) }
        try ledger.store.environment.write { txn in
            _ = try UInt64(3).withBigEndianBytes { try txn.delete(ledger.store.events, key: $0) }
        }
        #expect(try ledger.store.verify().firstProblem?.seq == 3)
    }

    /// The tree head recomputed from whatever is stored now (content, not the stored hashes).
    static func recomputedHead(_ store: EventStore) throws -> TreeHead {
        var scratch = CanonicalJSONWriter()
        var hashes: [Digest32] = []
        try store.forEachEvent { event in
            hashes.append(CanonicalEventLine.leafHash(of: event, scratch: &scratch))
            return true
        }
        return TreeHead(size: UInt64(hashes.count), root: MerkleProof.rootFromLeafHashes(hashes))
    }

    static func tenEventLedger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        try (Lines.approvedPLP("p1") + Lines.approvedPLP("p2")).forEach { try ledger.append($0) }
        #expect(try ledger.store.verify().isIntact)
        return ledger
    }

    static func rewrite(_ ledger: TemporaryLedger, seq: UInt64, _ change: (inout [UInt8]) -> Void) throws {
        try ledger.store.environment.write { txn in
            try UInt64(seq).withBigEndianBytes { key in
                guard let stored = try txn.get(ledger.store.events, key: key) else { return }
                var bytes = [UInt8](stored)
                change(&bytes)
                _ = try bytes.withUnsafeBytes { try txn.put(ledger.store.events, key: key, value: $0) }
            }
        }
    }

    @Test func aChangedByteBreaksVerifyAndEveryEarlierProof() throws {
        let ledger = try Self.tenEventLedger()
        let before = try ledger.store.treeHead()
        let inclusion = try ledger.store.inclusionProof(seq: 5)
        let consistency = try ledger.store.consistencyProof(from: 3)
        #expect(inclusion.verify(against: before))
        try Self.rewrite(ledger, seq: 5) { $0[$0.count - 1] ^= 0x01 }
        #expect(try ledger.store.verify().firstProblem?.seq == 5)
        let after = try Self.recomputedHead(ledger.store)
        #expect(after != before)
        #expect(!inclusion.verify(against: after))
        #expect(!consistency.verify(old: try ledger.store.treeHead(size: 3), new: after))
    }

    @Test func aDroppedEventBreaksVerifyAndEarlierProofs() throws {
        let ledger = try Self.tenEventLedger()
        let inclusion = try ledger.store.inclusionProof(seq: 7)
        try ledger.store.environment.write { txn in
            _ = try UInt64(4).withBigEndianBytes { try txn.delete(ledger.store.events, key: $0) }
        }
        #expect(try ledger.store.verify().firstProblem?.seq == 4)
        let after = try Self.recomputedHead(ledger.store)
        #expect(!inclusion.verify(against: after))
        #expect(!(InclusionProof(seq: 7, size: after.size, leafHash: inclusion.leafHash, path: inclusion.path).verify(against: after)))
    }

    @Test func droppingTheLastEventIsFoundToo() throws {
        let ledger = try Self.tenEventLedger()
        try ledger.store.environment.write { txn in
            _ = try UInt64(10).withBigEndianBytes { try txn.delete(ledger.store.events, key: $0) }
        }
        let report = try ledger.store.verify()
        #expect(report.firstProblem?.seq == 10)
    }

    @Test func twoSwappedEventsAreFoundAtTheFirst() throws {
        let ledger = try Self.tenEventLedger()
        let inclusion = try ledger.store.inclusionProof(seq: 3)
        let before = try ledger.store.treeHead()
        try ledger.store.environment.write { txn in
            let third = try UInt64(3).withBigEndianBytes { try txn.getBytes(ledger.store.events, key: Array($0)) } ?? []
            let eighth = try UInt64(8).withBigEndianBytes { try txn.getBytes(ledger.store.events, key: Array($0)) } ?? []
            _ = try UInt64(3).withBigEndianBytes { key in try eighth.withUnsafeBytes { try txn.put(ledger.store.events, key: key, value: $0) } }
            _ = try UInt64(8).withBigEndianBytes { key in try third.withUnsafeBytes { try txn.put(ledger.store.events, key: key, value: $0) } }
        }
        #expect(try ledger.store.verify().firstProblem?.seq == 3)
        let after = try Self.recomputedHead(ledger.store)
        #expect(after.size == before.size && after.root != before.root)
        #expect(!inclusion.verify(against: after))
    }

    @Test func anEventRewrittenWithAMatchingHashIsCaughtByTheStoredTree() throws {
        let ledger = try Self.tenEventLedger()
        // Change the content of seq 7 and write the hash that matches the new content: only the tree can tell.
        try Self.rewrite(ledger, seq: 7) { bytes in
            bytes[bytes.count - 1] ^= 0x01
            guard let event = try? bytes.withUnsafeBytes({ try StoredEventCodec.decode(seq: 7, $0) }) else { return }
            var scratch = CanonicalJSONWriter()
            let hash = CanonicalEventLine.leafHash(of: event, scratch: &scratch)
            hash.withUnsafeBytes { bytes.replaceSubrange(48..<80, with: $0) }
        }
        let report = try ledger.store.verify()
        #expect(report.firstProblem?.seq == 7)
        #expect(report.firstProblem?.reason.contains("stored tree") == true)
    }

    @Test func anAlteredStoredNodeIsFound() throws {
        let ledger = try Self.tenEventLedger()
        try ledger.store.environment.write { txn in
            // Position 2 is the node over seq 1 to 4.
            _ = try UInt64(2).withBigEndianBytes { key in
                try Digest32.zero.withUnsafeBytes { try txn.put(ledger.store.tree, key: key, value: $0) }
            }
        }
        let report = try ledger.store.verify()
        #expect(report.firstProblem?.seq == 1)
        #expect(report.firstProblem?.reason.contains("seq 1 to 4") == true)
    }
}
