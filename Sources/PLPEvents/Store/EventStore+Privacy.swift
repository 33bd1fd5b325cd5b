import Foundation
internal import LMDBKit

extension EventStore {
    /// What `--reveal` shows of a contact held by the ledger for `member`.
    public func reveal(_ contact: Contact, member: String) throws -> RevealedContact {
        switch contact {
        case .clear(let details):
            return .clear(details)
        case .sealed(let box):
            try currentStaging()
            return try environment.read { txn in
                let reads = LedgerReads(store: self)
                if let master = masterKey { _ = try reads.standing(txn, of: master) }
                if let master = masterKey, let key = try reads.memberKey(txn, member: member, master: master) {
                    return ContactSealing.open(box, member: member, key: key).map(RevealedContact.clear) ?? .sealed
                }
                let facts = try reads.visibleFacts(txn, of: StreamName(kind: .member, id: member))
                return facts.flags.contains(.erased) ? .erased : .sealed
            }
        }
    }

    /// Erases a member's contact data (GDPR): appends `MemberErased` and destroys the member's key in the same
    /// durable transaction. Every hash, proof and figure stays as it was: they cover the sealed form.
    /// A member already erased is left as it is (nothing is appended).
    @discardableResult
    public func forget(member: String, actor: Actor, at occurredAt: RFC3339Timestamp) throws -> ForgetOutcome {
        if let problem = EntityID.problem(member[...]) { throw LedgerError(.invalidArgument, "'\(member)' is not a member ID: \(problem)") }
        let stream = StreamName(kind: .member, id: member)
        let facts = try facts(of: stream)
        guard facts.flags.contains(.exists) else {
            throw LedgerError(.notFound, "member/\(member) does not exist in the ledger at \(path)")
        }
        if let erasure = try erasure(of: stream) { return .alreadyErased(seq: erasure) }
        let event = NewEvent(stream: stream, occurredAt: occurredAt, actor: actor, payload: .memberErased(MemberErased()))
        do {
            guard case .appended(let recorded) = try append([event]).first else { throw LedgerError(.internalError, "nothing was appended") }
            return .erased(recorded)
        } catch let error as AppendError {
            // Another process may have erased the member in the meantime.
            if let erasure = try erasure(of: stream) { return .alreadyErased(seq: erasure) }
            throw LedgerError(.refused, "member/\(member) cannot be erased: \(error.error.reason)")
        }
    }

    /// The seq of the member's `MemberErased`, if it was erased.
    private func erasure(of stream: StreamName) throws -> UInt64? {
        guard try facts(of: stream).flags.contains(.erased) else { return nil }
        return try history(of: stream).last { $0.type == .memberErased }?.seq ?? 0
    }
}

/// What `forget` did.
public enum ForgetOutcome: Sendable {
    /// The member was erased by this `MemberErased`.
    case erased(RecordedEvent)
    /// The member had been erased already, by the `MemberErased` at `seq`; nothing was appended.
    case alreadyErased(seq: UInt64)
}
