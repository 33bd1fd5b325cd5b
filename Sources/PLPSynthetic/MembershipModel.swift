import PLPEvents

/// What the generator remembers of each member: 9 bytes (PLP, number in the PLP, left/erased), so that a national
/// history's hundreds of thousands of members fit in a few megabytes.
struct MemberTable: Sendable {
    static let left: UInt8 = 1
    static let erased: UInt8 = 2

    private(set) var plp: [Int32] = []
    private(set) var number: [Int32] = []
    var flags: [UInt8] = []

    /// Members ever joined.
    var count: Int { plp.count }

    /// Adds a member of `plp` with its number there.
    mutating func add(plp index: Int32, number serial: Int) -> UInt32 {
        plp.append(index)
        number.append(Int32(serial))
        flags.append(0)
        return UInt32(plp.count - 1)
    }
}

/// Members joining (in the months after the information session, then replacing those who leave), changing their
/// contact data, leaving (about one in nine a year) and sometimes asking for their data to be erased.
extension HistoryGenerator {
    /// Mean years until a member leaves, and between two contact changes.
    static let meanMembershipYears = 9.0
    static let meanYearsBetweenContactChanges = 6.0

    /// Plans the month's joins (PLPs with support fill up towards their size, then replace those who leave) and,
    /// from the start of the activity, the month's leaves and contact changes among each PLP's members. Nothing is
    /// planned further than the month ahead, so what waits does not grow with the number of members.
    func planMembership(until next: Int64, active: Bool, days: Int, firstDay: CivilDate) {
        for i in plps.indices where plps[i].supported && !plps[i].dissolved {
            let record = plps[i]
            if active && !record.members.isEmpty {
                let count = Double(record.members.count)
                for _ in 0..<random.poisson(count / Self.meanMembershipYears / 12) {
                    plan(.memberLeaves(random.pick(record.members), leaveReason()), inMonthOf: firstDay, days: days, .joining)
                }
                for _ in 0..<random.poisson(count / Self.meanYearsBetweenContactChanges / 12) {
                    plan(.memberContactChanges(random.pick(record.members)), inMonthOf: firstDay, days: days, .joining)
                }
            }
            let gap = Swift.max(0, record.targetMembers - record.members.count)
            let lambda = Double(gap) * 0.15 + Double(record.targetMembers) * (active ? 0.0095 : 0.002)
            let count = random.poisson(lambda)
            let from = Swift.max(now, record.supportedAt + SyntheticClock.hour)
            guard from < next else { continue }
            let date = Brussels.date(ofInstant: from)
            let span = Swift.max(1, Int((next - from) / SyntheticClock.day))
            for _ in 0..<count {
                let day = date.adding(days: random.below(span))
                let instant = SyntheticClock.instant(on: day, secondsIntoDay: DayProfile.joining.secondsIntoDay(&random))
                if instant > from && instant < next { schedule.plan(.memberJoins(plp: Int32(i)), at: instant) }
            }
        }
    }

    /// The stream ID of a member: `PLPID-mN`.
    func memberID(_ member: UInt32) -> String {
        let m = Int(member)
        return plps[Int(members.plp[m])].id + "-m" + String(members.number[m])
    }

    /// A member's name, the same every time it is asked (drawn from the seed and the member, not stored).
    func memberName(_ member: UInt32) -> String {
        var mixer = SeededRandom(seed: configuration.seed ^ UInt64(member) &* 0x2545_F491_4F6C_DD1D, stream: 7)
        return PhraseBook.personName(&mixer)
    }

    func memberContact(_ member: UInt32, stream id: String) -> Contact {
        let email = random.chance(0.85) ? "m\(members.number[Int(member)]).\(plps[Int(members.plp[Int(member)])].id)@example.be" : nil
        let phone = random.chance(0.9) ? PhraseBook.phone(&random) : nil
        return .clear(ContactDetails(name: memberName(member), phone: phone, email: email))
    }

    func memberJoins(_ index: Int32) -> NewEvent? {
        let i = Int(index)
        guard plps[i].proposed, !plps[i].dissolved else { return nil }
        plps[i].memberSerial += 1
        let member = members.add(plp: index, number: plps[i].memberSerial)
        plps[i].members.append(member)
        let id = memberID(member)
        let kind: MemberKind
        if plps[i].kind == .independents || plps[i].kind == .sectoral {
            kind = random.chance(0.75) ? .independent : .company
        } else {
            let roll = random.unit()
            kind = roll < 0.97 ? .resident : roll < 0.99 ? .independent : .company
        }
        var channels: [Channel] = []
        if random.chance(0.7) { channels.append(.sms) }
        if random.chance(0.1) { channels.append(.voice) }
        if random.chance(0.6) { channels.append(.email) }
        if random.chance(0.35) { channels.append(.app) }
        if channels.isEmpty { channels.append(.sms) }
        let newsletter: Bool? = random.chance(0.8) ? random.chance(0.6) : nil
        return event(StreamName(kind: .member, id: id), Actor(role: .coordinator, id: plps[i].id),
                     .memberJoined(MemberJoined(plp: plps[i].id, kind: kind, channels: channels, newsletter: newsletter,
                                                contact: memberContact(member, stream: id))))
    }

    private func leaveReason() -> LeaveReason {
        let roll = random.unit()
        return roll < 0.4 ? .moved : roll < 0.7 ? .request : roll < 0.85 ? .inactive : roll < 0.87 ? .excluded : .other
    }

    func memberContactChanges(_ member: UInt32) -> NewEvent? {
        guard members.flags[Int(member)] == 0 else { return nil }
        let id = memberID(member)
        let plp = plps[Int(members.plp[Int(member)])].id
        return event(StreamName(kind: .member, id: id), Actor(role: .coordinator, id: plp),
                     .memberContactChanged(MemberContactChanged(contact: memberContact(member, stream: id))))
    }

    func memberLeaves(_ member: UInt32, reason: LeaveReason) -> NewEvent? {
        let m = Int(member)
        guard members.flags[m] & MemberTable.left == 0 else { return nil }
        members.flags[m] |= MemberTable.left
        let plp = Int(members.plp[m])
        if let position = plps[plp].members.firstIndex(of: member) { plps[plp].members.swapAt(position, plps[plp].members.count - 1); plps[plp].members.removeLast() }
        if random.chance(0.25) { plan(.memberErased(member), daysLater: 1...60, .office) }
        return event(StreamName(kind: .member, id: memberID(member)), Actor(role: .coordinator, id: plps[plp].id),
                     .memberLeft(MemberLeft(reason: random.chance(0.9) ? reason : nil)))
    }

    func memberErased(_ member: UInt32) -> NewEvent? {
        let m = Int(member)
        guard members.flags[m] & MemberTable.erased == 0 else { return nil }
        members.flags[m] |= MemberTable.erased
        return event(StreamName(kind: .member, id: memberID(member)), Actor(role: .system, id: "privacy"), .memberErased(MemberErased()))
    }
}
