internal import LMDBKit
/// What happens to one submitted event.
public enum AdmissionDecision: Sendable {
    /// Appended at this place.
    case appended(RecordedEvent)
    /// Already in the ledger with the same content (idempotent re-import): skipped.
    case skipped(existingSeq: UInt64)
}

/// Decides whether an event may be appended, and where: the stream rules, cross-stream references,
/// optimistic concurrency, idempotency by `id`, `EventVoided` semantics and `--preserve` continuity.
/// The same logic checks an import file before anything is written and appends it afterwards.
struct Admission {
    /// The clock for `recordedAt` (µs UTC).
    var now: () -> Int64 = { RecordedAt.now() }
    /// Where each event's leaf bytes are written to be hashed.
    let line = CanonicalEventLine.lineBuffer()
    /// Where the ids of events submitted without one come from.
    var randomIDs = PooledRandom()

    /// Admits `event` against `state`, recording it there when appended, in the write transaction `txn`.
    mutating func admit<State: LedgerState>(_ event: NewEvent, into state: inout State, in txn: inout LMDBWriteTransaction) throws -> AdmissionDecision {
        // Idempotency: the same id and content is skipped; the same id with other content is refused.
        if let id = event.id, let existing = try state.known(id, in: &txn) {
            let same = try existing.contentFingerprint == ContentFingerprint(event, includingContact: false)
                && state.contactsMatch(stored: existing.contact, new: event.payload.contact, member: event.stream.id, in: &txn)
            guard same else {
                throw EventLineError(field: "id", "\(id) is already in the ledger (seq \(existing.seq)) with other content")
            }
            if let preserved = event.preserved, preserved.seq != existing.seq {
                throw EventLineError(field: "seq", "the ledger holds event \(id) at seq \(existing.seq), not \(preserved.seq)")
            }
            return .skipped(existingSeq: existing.seq)
        }
        let stream = event.stream
        var facts = try state.facts(of: stream, in: &txn)
        if let expected = event.expectedVersion, expected != facts.version {
            throw EventLineError(field: "expectedVersion",
                                 "\(stream) is at version \(facts.version), not \(expected): someone appended to it in the meantime; reload and retry")
        }
        // The stream's rules.
        var voids: EventID?
        if case .eventVoided(let voided) = event.payload {
            guard facts.version > 0 else { throw EventLineError(field: "stream", "\(stream) has no events to void") }
            guard let target = try state.known(voided.ref, in: &txn), target.stream == stream else {
                throw EventLineError(field: "data.ref", "\(voided.ref) is not an earlier event of \(stream)")
            }
            if target.token.type == .eventVoided { throw EventLineError(field: "data.ref", "an EventVoided cannot be voided") }
            if target.isVoided { throw EventLineError(field: "data.ref", "\(voided.ref) is already voided") }
            switch stream.kind {
            case .commune, .programme:
                // Their rules do not depend on their history: voiding one event changes nothing for the others.
                break
            case .plp, .member, .report, .alert:
                let standing = try state.standingTokens(of: stream, excluding: voided.ref, in: &txn)
                do {
                    facts.flags = try StreamRules.fold(standing, kind: stream.kind)
                    facts.opened = nil
                    facts.latest = nil
                    for token in standing { if let mark = token.occurredAt { facts.noteOccurrence(mark, kind: stream.kind) } }
                } catch {
                    throw EventLineError(field: "data.ref",
                                         "voiding \(voided.ref) (\(target.token.type.rawValue)) would leave \(stream) breaking its rules: \(error.description)")
                }
            }
            voids = voided.ref
        } else {
            facts.flags = try StreamRules.apply(RuleToken(event.payload), to: facts.flags, kind: stream.kind)
            // Time order (section 3): not before the live event it follows.
            if TimeOrder.isOrdered(stream.kind) { try TimeOrder.checkFollows(event.occurredAt, latest: facts.latest, in: stream) }
            facts.noteOccurrence(OccurrenceMark(event.occurredAt, type: event.payload.type), kind: stream.kind)
        }
        // Cross-stream references, and the time order across streams (an alert not before its report, a member
        // not before the PLP's proposal).
        for reference in event.payload.references {
            let referenced = reference.stream == stream ? facts : try state.facts(of: reference.stream, in: &txn)
            if !reference.requirement.isMet(by: referenced) { throw reference.failure(given: referenced) }
            if reference.followsOpening {
                try TimeOrder.checkNotBefore(event.occurredAt, opened: referenced.opened, of: reference.stream, field: reference.field)
            }
        }
        // Place, stamp and hash.
        let seq = state.nextSeq
        let version = facts.version + 1
        let clock = now()
        var recordedAt = max(clock, state.lastRecordedAt)
        if let preserved = event.preserved {
            if preserved.seq < seq, let stored = try state.storedHash(at: preserved.seq, in: &txn) {
                guard stored == preserved.hash else {
                    throw EventLineError(field: "hash", "the ledger holds another event at seq \(preserved.seq)")
                }
                return .skipped(existingSeq: preserved.seq)
            }
            guard preserved.seq == seq else {
                throw EventLineError(field: "seq", "\(preserved.seq) does not continue the ledger: the next seq is \(seq)")
            }
            guard preserved.version == version else {
                throw EventLineError(field: "version", "\(preserved.version) does not continue \(stream), whose next version is \(version)")
            }
            guard preserved.recordedAt <= clock else {
                throw EventLineError(field: "recordedAt",
                                     "\(RecordedAt.format(preserved.recordedAt)) is in the future (the ledger's clock reads \(RecordedAt.format(clock)))")
            }
            recordedAt = preserved.recordedAt
        }
        // Nothing is recorded before it happened (section 1, occurredAt).
        try TimeOrder.checkNotFuture(event.occurredAt, recordedAt: recordedAt, preserved: event.preserved != nil)
        facts.version = version
        if event.preserved != nil, case .clear = event.payload.contact {
            throw EventLineError(field: "data.contact", "an export holds contact data only in sealed form ({\"sealed\":…}); this line is not an export")
        }
        let payload = try state.sealContacts(in: event.payload, stream: stream, txn: &txn)
        var recorded = RecordedEvent(id: event.id ?? EventID.random(using: &randomIDs), stream: stream, seq: seq, version: version,
                                     recordedAt: recordedAt, occurredAt: event.occurredAt, actor: event.actor,
                                     schema: event.schema, payload: payload, hash: MerkleHash.emptyRoot)
        // The leaf bytes as stored (contract sections 5 and 9); a contact left in clear (the benchmark of the
        // sealing cost) counts at the size it would have once sealed.
        if case .clear(let details)? = payload.contact {
            var stored = recorded
            stored.payload = payload.replacingContact(.sealed(ContactSealing.placeholder(sealing: details)))
            _ = try LeafBytesLimit.leafHash(of: stored, buffer: line)
            recorded.hash = CanonicalEventLine.leafHash(of: recorded, buffer: line).hash
        } else {
            recorded.hash = try LeafBytesLimit.leafHash(of: recorded, buffer: line)
        }
        if let preserved = event.preserved, preserved.hash != recorded.hash {
            throw EventLineError(field: "hash", "does not match the event's content: it should be \(recorded.hash.hex)")
        }
        try state.record(recorded, facts: facts, voids: voids, idGiven: event.id != nil, in: &txn)
        return .appended(recorded)
    }
}
