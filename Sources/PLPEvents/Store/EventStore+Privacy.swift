import Foundation

extension EventStore {
    /// What `--reveal` shows of a contact held by the ledger for `member`.
    public func reveal(_ contact: Contact, member: String) throws -> RevealedContact {
        switch contact {
        case .clear(let details):
            return .clear(details)
        case .sealed(let box):
            return try environment.read { txn in
                let reads = LedgerReads(store: self)
                if let master = masterKey, let key = try reads.memberKey(txn, member: member, master: master) {
                    return ContactSealing.open(box, member: member, key: key).map(RevealedContact.clear) ?? .sealed
                }
                let facts = try reads.facts(txn, of: StreamName(kind: .member, id: member))
                return facts.flags.contains(.erased) ? .erased : .sealed
            }
        }
    }

    /// Erases a member's contact data (GDPR): appends `MemberErased` and destroys the member's key in the same
    /// durable transaction. Every hash, proof and figure stays as it was: they cover the sealed form.
    @discardableResult
    public func forget(member: String, actor: Actor, at occurredAt: RFC3339Timestamp) throws -> RecordedEvent {
        if let problem = EntityID.problem(member[...]) { throw LedgerError("'\(member)' is not a member ID: \(problem)") }
        let stream = StreamName(kind: .member, id: member)
        guard try facts(of: stream).flags.contains(.exists) else {
            throw LedgerError("member/\(member) does not exist in the ledger at \(path)")
        }
        let event = NewEvent(stream: stream, occurredAt: occurredAt, actor: actor, payload: .memberErased(MemberErased()))
        do {
            guard case .appended(let recorded) = try append([event]).first else { throw LedgerError("nothing was appended") }
            return recorded
        } catch let error as AppendError {
            throw LedgerError("member/\(member) cannot be erased: \(error.error.reason)")
        }
    }
}
