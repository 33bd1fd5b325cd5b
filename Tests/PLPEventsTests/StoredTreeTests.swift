import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The Merkle tree the store maintains with every commit: its head, its proofs, its check by `verify`.
@Suite struct StoredTreeTests {
    /// The events' stored hashes, in seq order.
    static func leafHashes(_ store: EventStore) throws -> [Digest32] {
        var hashes: [Digest32] = []
        try store.forEachEvent { hashes.append($0.hash); return true }
        return hashes
    }

    static func burglaries(_ count: Int, from start: Int = 0) throws -> [NewEvent] {
        try (start..<(start + count)).map { index in
            try Lines.decode(Lines.burglary(["21004", "11002", "72004"][index % 3], on: String(format: "2024-%02d-%02d", 1 + index % 12, 1 + index % 28)))
        }
    }

    @Test func theStoredRootIsRFC6962OverTheEventsAfterAnyBatchPattern() throws {
        let ledger = try TemporaryLedger()
        #expect(try ledger.store.treeHead() == TreeHead(size: 0, root: MerkleHash.emptyRoot))
        var total = 0
        for batch in [1, 1, 1, 2, 3, 1, 7, 16, 1, 31, 33, 64, 1, 127, 129, 255, 256, 1] {
            try ledger.store.append(try Self.burglaries(batch, from: total))
            total += batch
            let hashes = try Self.leafHashes(ledger.store)
            let head = try ledger.store.treeHead()
            #expect(head.size == UInt64(total))
            #expect(head.root == MerkleProof.rootFromLeafHashes(hashes))
        }
        let report = try ledger.store.verify()
        #expect(report.isIntact)
        #expect(report.treeHead == (try ledger.store.treeHead()))
        #expect(report.nodesChecked == UInt64(total - total.nonzeroBitCount))
        // Every earlier head is there too.
        let hashes = try Self.leafHashes(ledger.store)
        for size in [0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 100, 511, 512, 513, UInt64(total)] as [UInt64] where size <= UInt64(total) {
            #expect(try ledger.store.treeHead(size: size).root == MerkleProof.rootFromLeafHashes(Array(hashes.prefix(Int(size)))))
        }
    }

    @Test func importsInSmallBatchesAndPreserveImportsGiveTheSameTree() throws {
        let source = try TemporaryLedger()
        let lines = (0..<1_000).map { Lines.burglary(["21004", "11002"][$0 % 2], on: String(format: "2023-%02d-%02d", 1 + $0 % 12, 1 + $0 % 28)) }
        var options = ImportOptions()
        options.batchSize = 37
        _ = try source.store.importEvents(from: try source.file("a.ndjson", lines: lines), options: options)
        let head = try source.store.treeHead()
        #expect(head.root == MerkleProof.rootFromLeafHashes(try Self.leafHashes(source.store)))
        let target = try TemporaryLedger()
        let file = target.directory.appendingPathComponent("export.ndjson")
        try Data(try source.export()).write(to: file)
        var preserve = ImportOptions(preserve: true)
        preserve.batchSize = 64
        _ = try target.store.importEvents(from: file.path, options: preserve)
        #expect(try target.store.treeHead() == head)
        #expect(try target.store.verify().isIntact)
    }

    @Test func aTransactionRunAgainOnMapGrowthKeepsTheTreeRight() throws {
        let ledger = try TemporaryLedger(initialMapSize: 1 << 20)
        let lines = (0..<12_000).map { index in
            Lines.event("programme/BE", "BestPracticeShared",
                        #"{"title":"practice \#(index) \#(String(repeating: "x", count: 200))","theme":"communication"}"#)
        }
        var options = ImportOptions()
        options.batchSize = 3_000
        _ = try ledger.store.importEvents(from: try ledger.file("big.ndjson", lines: lines), options: options)
        let head = try ledger.store.treeHead()
        #expect(head.size == 12_000)
        #expect(head.root == MerkleProof.rootFromLeafHashes(try Self.leafHashes(ledger.store)))
        #expect(try ledger.store.verify().isIntact)
    }

    @Test func everyProofOfA300EventLedgerVerifies() throws {
        let ledger = try TemporaryLedger()
        try ledger.store.append(try Self.burglaries(150))
        try ledger.store.append(try Self.burglaries(150, from: 150))
        let hashes = try Self.leafHashes(ledger.store)
        let memory = InMemorySubtrees(leafHashes: hashes)
        let n: UInt64 = 300
        let head = try ledger.store.treeHead()
        for seq in 1...n {
            let proof = try ledger.store.inclusionProof(seq: seq)
            #expect(proof.leafHash == hashes[Int(seq - 1)])
            #expect(proof.path == (try MerkleProof.inclusionPath(leafIndex: seq - 1, size: n, source: memory)))
            #expect(proof.verify(against: head))
            #expect(MerkleProof.verifyInclusion(leafHash: proof.leafHash, leafIndex: seq - 1, size: n, path: proof.path, root: head.root))
        }
        for size in [1, 2, 7, 64, 129, 255] as [UInt64] {
            let old = try ledger.store.treeHead(size: size)
            for seq in 1...size {
                #expect(try ledger.store.inclusionProof(seq: seq, size: size).verify(against: old))
            }
        }
        for m in 0...n {
            let proof = try ledger.store.consistencyProof(from: m)
            #expect(proof.verify(old: try ledger.store.treeHead(size: m), new: head))
            #expect(proof.path == (try MerkleProof.consistencyPath(from: m, to: n, source: memory)))
        }
        for (m, to) in [(1, 2), (3, 7), (64, 129), (100, 255), (255, 256)] as [(UInt64, UInt64)] {
            let proof = try ledger.store.consistencyProof(from: m, to: to)
            #expect(proof.verify(old: try ledger.store.treeHead(size: m), new: try ledger.store.treeHead(size: to)))
        }
        // The JSON forms read back.
        let inclusion = try ledger.store.inclusionProof(seq: 42)
        #expect(try InclusionProof(json: Array(inclusion.json.utf8)) == inclusion)
        #expect(inclusion.json.hasPrefix(#"{"seq":42,"size":300,"leafHash":""#))
        let consistency = try ledger.store.consistencyProof(from: 100)
        #expect(try ConsistencyProof(json: Array(consistency.json.utf8)) == consistency)
        #expect(consistency.json.hasPrefix(#"{"from":100,"to":300,"path":[""#))
        #expect(try TreeHead(json: Array(head.json.utf8)) == head)
    }

    @Test func badProofRequestsAreOneSentence() throws {
        let ledger = try TemporaryLedger()
        try ledger.store.append(try Self.burglaries(10))
        #expect(throws: LedgerError.self) { try ledger.store.inclusionProof(seq: 0) }
        #expect(throws: LedgerError.self) { try ledger.store.inclusionProof(seq: 11) }
        #expect(throws: LedgerError.self) { try ledger.store.inclusionProof(seq: 5, size: 4) }
        #expect(throws: LedgerError.self) { try ledger.store.inclusionProof(seq: 1, size: 11) }
        #expect(throws: LedgerError.self) { try ledger.store.consistencyProof(from: 5, to: 4) }
        #expect(throws: LedgerError.self) { try ledger.store.consistencyProof(from: 5, to: 11) }
        #expect(throws: LedgerError.self) { try ledger.store.treeHead(size: 11) }
        #expect(throws: ProofFormatError.self) { try InclusionProof(json: Array(#"{"seq":1}"#.utf8)) }
        #expect(throws: ProofFormatError.self) { try ConsistencyProof(json: Array("not json".utf8)) }
        #expect(throws: ProofFormatError.self) { try TreeHead(json: Array(#"{"size":-1,"root":"00"}"#.utf8)) }
    }

    @Test func aLedgerWhoseTreeIsGoneIsRefusedAsDamagedAndLeftAsItIs() throws {
        let ledger = try TemporaryLedger()
        try ledger.store.append(try Self.burglaries(21))
        // Remove the tree: nothing may rebuild it silently (a reader must not write, and the head is evidence).
        try ledger.store.environment.write { txn in
            try txn.drop(ledger.store.tree)
            _ = try txn.delete(ledger.store.meta, key: StoreKeys.treeRange)
        }
        try ledger.store.environment.close()
        let refusal = #expect(throws: LedgerError.self) { try EventStore.open(at: ledger.path) }
        #expect(refusal?.message.contains("is damaged: its tree head is missing") == true)
        #expect(throws: LedgerError.self) { try EventStore.open(at: ledger.path, options: .init(create: true)) }
    }
}
