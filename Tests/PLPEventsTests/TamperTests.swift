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
            try StoreKeys.withBigEndian(5) { key in
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
            _ = try StoreKeys.withBigEndian(3) { try txn.delete(ledger.store.events, key: $0) }
        }
        #expect(try ledger.store.verify().firstProblem?.seq == 3)
    }
}
