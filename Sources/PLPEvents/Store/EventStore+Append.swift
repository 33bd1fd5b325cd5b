internal import LMDBKit

/// An event of a batch that could not be appended: its position in the batch and why.
public struct AppendError: Error, Sendable, CustomStringConvertible {
    /// 0-based position in the submitted batch.
    public let index: Int
    /// Why.
    public let error: EventLineError
    public var description: String { error.description }
}

extension EventStore {
    /// Appends `events` in one durable transaction: all of them, or none if any breaks a rule.
    ///
    /// - Returns: for each event, where it was appended or that it was skipped as already present.
    /// - Throws: ``AppendError`` naming the first refused event.
    ///
    /// An append waits for an import running in the ledger (``ImportLock``), and removes first what a killed import
    /// left beyond the head (``ImportRollback``).
    @discardableResult
    public func append(_ events: [NewEvent]) throws -> [AdmissionDecision] {
        let lock = try ImportLock(ledger: path) {}
        defer { withExtendedLifetime(lock) {} }
        try ImportRollback.run(self)
        return try environment.write { txn in
            var state = try StoreLedgerState(store: self, txn: &txn)
            var admission = Admission()
            var decisions: [AdmissionDecision] = []
            decisions.reserveCapacity(events.count)
            for (index, event) in events.enumerated() {
                do {
                    decisions.append(try admission.admit(event, into: &state, in: &txn))
                } catch let error as EventLineError {
                    throw AppendError(index: index, error: error)
                }
            }
            try state.flush(in: &txn)
            return decisions
        }
    }
}
