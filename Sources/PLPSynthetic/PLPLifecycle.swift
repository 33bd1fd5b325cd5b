import PLPEvents

/// A PLP's life: proposal, *concertation*, information session (sometimes without enough support), charter and
/// *agrément*; then coordinator and officer changes, charter amendments, yearly evaluations, suspensions and
/// reinstatements, and a few dissolutions. Each step checks the PLP's state as the ledger would.
extension HistoryGenerator {
    func performPLPStep(_ step: PLPStep, of index: Int32) -> NewEvent? {
        let i = Int(index)
        let record = plps[i]
        if step == .propose { return propose(i) }
        guard record.proposed, !record.dissolved else { return nil }
        let stream = StreamName(kind: .plp, id: record.id)
        let commune = Actor(role: .commune, id: String(atlas.code(of: Int(record.place), part: record.part, on: today).value))
        let police = police(of: record.place)
        switch step {
        case .propose:
            return nil
        case .consult:
            guard !record.consulted else { return nil }
            plps[i].consulted = true
            planCharterIfReady(i)
            let roll = random.unit()
            let parties: [ConsultationParty] = roll < 0.85 ? [.authority, .police] : roll < 0.95 ? [.authority] : [.police]
            return event(stream, commune, .consultationHeld(ConsultationHeld(parties: parties)))
        case .holdSession:
            guard !record.supported else { return nil }
            let attendees = Swift.max(3, Int(Double(record.targetMembers) * (0.5 + random.unit())))
            let sufficient = random.chance(record.failedSessions == 0 ? 0.85 : 0.7)
            if sufficient {
                plps[i].supported = true
                plps[i].supportedAt = now
                planCharterIfReady(i)
            } else {
                plps[i].failedSessions += 1
                if plps[i].failedSessions >= 2 {
                    plan(.plp(index, .dissolveForLackOfSupport), daysLater: 30...120, .office)
                } else {
                    plan(.plp(index, .holdSession), daysLater: 60...200, .evening)
                }
            }
            return event(stream, Actor(role: .coordinator, id: record.id),
                         .informationSessionHeld(InformationSessionHeld(attendees: attendees, supportSufficient: sufficient)))
        case .signCharter:
            guard record.consulted, record.supported, !record.charterSigned else { return nil }
            plps[i].charterSigned = true
            plan(.plp(index, .approve), daysLater: 20...90, .office)
            let bilingual = record.language == .dutch
            return event(stream, commune, .charterSigned(CharterSigned(
                mayor: (bilingual ? "Burgemeester " : "Bourgmestre ") + random.pick(PhraseBook.lastNames),
                chiefOfPolice: (bilingual ? "Korpschef " : "Chef de corps ") + random.pick(PhraseBook.lastNames),
                mandatedOfficer: "Insp. " + random.pick(PhraseBook.lastNames),
                coordinator: PhraseBook.personName(&random),
                financingPlan: random.chance(0.8), communicationPlan: random.chance(0.95))))
        case .approve:
            guard record.charterSigned, !record.approved else { return nil }
            plps[i].approved = true
            plps[i].approvedAt = now
            let reference = "SPF-\(today.year)-\(Self.padded(index + 1, width: 4))"
            return event(stream, Actor(role: .spf, id: "dgsp"), .plpApproved(PLPApproved(approvalRef: reference)))
        case .evaluate:
            guard record.approved else { return nil }
            let roll = random.unit()
            let assessment: EvaluationAssessment = roll < 0.84 ? .continue : roll < 0.98 ? .adjust : .stop
            if assessment == .stop { plan(.plp(index, .dissolveAfterEvaluation), daysLater: 30...120, .office) }
            let notes = random.chance(0.4) ? random.pick(PhraseBook.evaluationNotes) : nil
            let made = event(stream, police, .plpEvaluated(PLPEvaluated(year: today.year - 1, assessment: assessment, notes: notes)))
            planVoid(of: made, in: .plp(index), chance: 0.02)
            return made
        case .changeCoordinator:
            guard record.charterSigned else { return nil }
            let roll = random.unit()
            let reason: CoordinatorChangeReason? = roll < 0.65 ? .resigned : roll < 0.75 ? .removed : roll < 0.9 ? .other : nil
            return event(stream, police, .coordinatorChanged(CoordinatorChanged(coordinator: PhraseBook.personName(&random), reason: reason)))
        case .changeOfficer:
            guard record.charterSigned else { return nil }
            let made = event(stream, police, .mandatedOfficerChanged(MandatedOfficerChanged(officer: "Insp. " + random.pick(PhraseBook.lastNames))))
            planVoid(of: made, in: .plp(index), chance: 0.02)
            return made
        case .amendCharter:
            guard record.charterSigned else { return nil }
            let made = event(stream, commune, .charterAmended(CharterAmended(changes: random.pick(PhraseBook.amendments))))
            planVoid(of: made, in: .plp(index), chance: 0.03)
            return made
        case .suspend:
            guard record.isActive else { return nil }
            plps[i].suspended = true
            if random.chance(0.8) {
                plan(.plp(index, .reinstate), daysLater: 30...180, .office)
            } else {
                plan(.plp(index, .dissolve), daysLater: 60...240, .office)
            }
            return event(stream, Actor(role: .spf, id: "dgsp"), .plpSuspended(PLPSuspended(reason: random.pick(PhraseBook.suspensionReasons))))
        case .reinstate:
            guard record.suspended else { return nil }
            plps[i].suspended = false
            return event(stream, Actor(role: .spf, id: "dgsp"), .plpReinstated(PLPReinstated()))
        case .dissolveForLackOfSupport, .dissolveAfterEvaluation, .dissolve:
            plps[i].dissolved = true
            for member in record.members { plan(.memberLeaves(member, .other), daysLater: 0...30, .joining) }
            let reason = step == .dissolveForLackOfSupport ? PhraseBook.dissolutionReasons[0]
                : step == .dissolveAfterEvaluation ? PhraseBook.dissolutionReasons[3] : random.pick(PhraseBook.dissolutionReasons)
            return event(stream, Actor(role: .spf, id: "dgsp"), .plpDissolved(PLPDissolved(reason: reason)))
        }
    }

    private func propose(_ i: Int) -> NewEvent? {
        let record = plps[i]
        guard !record.proposed else { return nil }
        let code = atlas.code(of: Int(record.place), part: record.part, on: today)
        plps[i].id = "\(code.value)-\(Self.padded(i + 1, width: 4))"
        plps[i].proposed = true
        proposedPLPs.append(Int32(i))
        let index = Int32(i)
        plan(.plp(index, .consult), daysLater: 10...60, .office)
        plan(.plp(index, .holdSession), daysLater: 20...100, .evening)
        let name = NetworkPlan.name(of: record, commune: atlas.commune(code), random: &random)
        let area = record.kind == .residential && random.chance(0.7) ? name.split(separator: " ").last.map(String.init) : nil
        let zone = random.chance(0.8) ? atlas.places[Int(record.place)].zone : nil
        return event(StreamName(kind: .plp, id: plps[i].id), Actor(role: .commune, id: String(code.value)),
                     .plpProposed(PLPProposed(name: name, kind: record.kind, commune: code, policeZone: zone,
                                              initiator: record.initiator, area: area)))
    }

    private func planCharterIfReady(_ i: Int) {
        guard plps[i].consulted, plps[i].supported, !plps[i].charterPlanned else { return }
        plps[i].charterPlanned = true
        plan(.plp(Int32(i), .signCharter), daysLater: 20...120, .office)
    }

    /// Sometimes plans the correction of an event just made (one whose removal leaves its stream valid).
    func planVoid(of made: NewEvent, in target: VoidTarget, chance: Double) {
        guard let id = made.id, random.chance(chance) else { return }
        plan(.void(target, id, reason: UInt8(random.below(PhraseBook.voidReasons.count))), daysLater: 2...40, .office)
    }

    /// The month's changes in the life of approved PLPs, and the yearly evaluations (planned in February).
    func planPLPEvents(year: Int, month: Int, days: Int, firstDay: CivilDate) {
        let january = SyntheticClock.monthStart(year: year, month: 1)
        for i in plps.indices where plps[i].charterSigned && !plps[i].dissolved {
            let index = Int32(i)
            if random.chance(0.006) { plan(.plp(index, .changeCoordinator), inMonthOf: firstDay, days: days, .office) }
            if random.chance(0.008) { plan(.plp(index, .changeOfficer), inMonthOf: firstDay, days: days, .office) }
            if random.chance(0.004) { plan(.plp(index, .amendCharter), inMonthOf: firstDay, days: days, .office) }
            guard plps[i].approved else { continue }
            if random.chance(0.0015) { plan(.plp(index, .suspend), inMonthOf: firstDay, days: days, .office) }
            if random.chance(0.0004) { plan(.plp(index, .dissolve), inMonthOf: firstDay, days: days, .office) }
            if month == 2 && plps[i].approvedAt < january {
                plan(.plp(index, .evaluate), daysLater: 0...110, .office)
            }
        }
    }
}
