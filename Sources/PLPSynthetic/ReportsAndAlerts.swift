import PLPEvents

/// Citizens' reports (evening and night heavy, a share of false alarms), the police's assessment minutes later,
/// urgent alerts to the PLP minutes after a confirmed report, feedback days later; and the PLPs' prevention
/// messages (more when the evenings draw in) and bulletins.
extension HistoryGenerator {
    /// Reports a member files in a year, and reports from citizens outside any PLP nationally (at scale 1).
    static let reportsPerMemberYear = 0.5
    static let reportsOutsidePLPsPerYear = 30_000.0

    /// Plans the month's reports: from PLP members, from other citizens, and the night of New Year's Eve.
    func planReports(year: Int, month: Int, days: Int, firstDay: CivilDate, next: Int64) {
        let season = [1.25, 1.1, 1.0, 0.95, 0.95, 0.95, 1.0, 1.0, 0.95, 1.05, 1.2, 1.3][month - 1]
        let categories = WeightedTable([35, 30, 8, 10, 3, 14])
        for i in plps.indices where plps[i].proposed && !plps[i].dissolved && !plps[i].members.isEmpty {
            let count = random.poisson(Double(plps[i].members.count) * Self.reportsPerMemberYear / 12 * season)
            for _ in 0..<count {
                let category = ReportCategory.allCases[categories.draw(&random)]
                plan(.reportFiled(plp: Int32(i), place: plps[i].place, part: plps[i].part, category: category),
                     inMonthOf: firstDay, days: days, .reports)
            }
        }
        let outside = random.poisson(Self.reportsOutsidePLPsPerYear * configuration.scale / 12 * season)
        for _ in 0..<outside {
            let category = ReportCategory.allCases[categories.draw(&random)]
            plan(.reportFiled(plp: -1, place: Int32(populationTable.draw(&random)), part: UInt32(truncatingIfNeeded: random.next()),
                              category: category), inMonthOf: firstDay, days: days, .reports)
        }
        if month == 12 {
            // Fireworks, fires and vandalism around midnight on New Year's Eve.
            let eve = SyntheticClock.instant(on: firstDay.adding(days: 30), secondsIntoDay: 22 * 3600)
            for _ in 0..<random.poisson(60 * configuration.scale + 1) {
                let category: ReportCategory = random.chance(0.6) ? .vandalism : .fireOrCORisk
                let at = eve + Int64(random.below(5 * 3600)) * SyntheticClock.second
                schedule.plan(.reportFiled(plp: -1, place: Int32(populationTable.draw(&random)),
                                           part: UInt32(truncatingIfNeeded: random.next()), category: category), at: at)
            }
        }
    }

    func reportID(_ serial: UInt32) -> String { "r" + Self.padded(serial, width: 8) }

    func reportFiled(plp: Int32, place: Int32, part: UInt32, category: ReportCategory) -> NewEvent? {
        reportSerial += 1
        let serial = reportSerial
        let code = atlas.code(of: Int(place), part: part, on: today)
        var plpID: String?
        var memberID: String?
        var plpIndex: Int32 = -1
        if plp >= 0, plps[Int(plp)].proposed, !plps[Int(plp)].dissolved {
            plpIndex = plp
            plpID = plps[Int(plp)].id
            let members = plps[Int(plp)].members
            if !members.isEmpty, random.chance(0.6) { memberID = self.memberID(random.pick(members)) }
        }
        let via: ReportVia
        let roll = random.unit()
        switch category {
        case .burglaryInProgress, .fireOrCORisk: via = roll < 0.8 ? .emergency112 : .police101
        default: via = roll < 0.45 ? .police101 : roll < 0.55 ? .emergency112 : roll < 0.75 ? .app : roll < 0.92 && plpID != nil ? .coordinator : .station
        }
        let actor = via == .coordinator && plpID != nil ? Actor(role: .coordinator, id: plpID ?? "")
            : Actor(role: .citizen, id: memberID ?? "x" + Self.padded(random.below(100_000), width: 5))
        if random.chance(0.96) {
            let delay = category == .burglaryInProgress || category == .fireOrCORisk
                ? Double(random.within(3...15)) * 60
                : Swift.min(48 * 3600, Swift.max(120, random.logNormal(median: 25 * 60, sigma: 1.0)))
            schedule.plan(.reportAssessed(report: serial, plp: plpIndex, category: category),
                          at: now + Int64(delay) * SyntheticClock.second)
        }
        return event(StreamName(kind: .report, id: reportID(serial)), actor,
                     .reportFiled(ReportFiled(commune: code, category: category, via: via, plp: plpID, member: memberID)))
    }

    func reportAssessed(_ serial: UInt32, plp: Int32, category: ReportCategory) -> NewEvent? {
        let shares: (confirmed: Double, falseAlarm: Double) = switch category {
        case .suspiciousPerson: (0.30, 0.25)
        case .suspiciousVehicle: (0.28, 0.22)
        case .burglaryInProgress: (0.55, 0.30)
        case .vandalism: (0.65, 0.10)
        case .fireOrCORisk: (0.50, 0.30)
        case .other: (0.35, 0.20)
        }
        let roll = random.unit()
        let outcome: ReportOutcome = roll < shares.confirmed ? .confirmed : roll < shares.confirmed + shares.falseAlarm ? .falseAlarm : .unfounded
        if plp >= 0 {
            let alerting: Set<ReportCategory> = [.suspiciousPerson, .suspiciousVehicle, .burglaryInProgress, .other]
            if outcome == .confirmed, alerting.contains(category), random.chance(0.7) {
                schedule.plan(.urgentAlert(report: serial, plp: plp), at: now + Int64(random.within(2...25)) * SyntheticClock.minute)
            }
            if random.chance(0.6) { plan(.feedback(report: serial, plp: plp, confirmed: outcome == .confirmed), daysLater: 1...10, .office) }
        }
        let place = plp >= 0 ? plps[Int(plp)].place : 0
        return event(StreamName(kind: .report, id: reportID(serial)), police(of: place),
                     .reportAssessed(ReportAssessed(outcome: outcome)))
    }

    func urgentAlert(report: UInt32, plp: Int32) -> NewEvent? {
        let record = plps[Int(plp)]
        guard record.isActive else { return nil }
        alertSerial += 1
        let roll = random.unit()
        let channel: Channel = roll < 0.6 ? .sms : roll < 0.85 ? .app : roll < 0.95 ? .voice : .email
        return event(StreamName(kind: .alert, id: "a" + Self.padded(alertSerial, width: 8)), police(of: record.place),
                     .alertSent(AlertSent(plp: record.id, kind: .urgent, channel: channel,
                                          advice: random.pick(PhraseBook.urgentAdvice(record.language)),
                                          recipients: recipients(record), report: reportID(report))))
    }

    func feedback(report: UInt32, plp: Int32, confirmed: Bool) -> NewEvent? {
        let record = plps[Int(plp)]
        let roll = random.unit()
        let outcome: FeedbackOutcome = confirmed
            ? (roll < 0.15 ? .suspectArrested : roll < 0.6 ? .noTrace : .investigationOngoing)
            : (roll < 0.8 ? .noOffence : .noTrace)
        let message = random.chance(0.7) ? PhraseBook.feedbackMessage(record.language) : nil
        let made = event(StreamName(kind: .report, id: reportID(report)), police(of: record.place),
                         .feedbackGiven(FeedbackGiven(plp: record.id, outcome: outcome, message: message)))
        planVoid(of: made, in: .report(report), chance: 0.01)
        return made
    }

    /// Plans the month's prevention messages and bulletins of active PLPs.
    func planMessages(month: Int, days: Int, firstDay: CivilDate) {
        let prevention = [1.8, 1.4, 1.0, 0.8, 0.8, 1.0, 1.3, 1.2, 0.9, 1.6, 2.0, 2.0][month - 1] * 0.5
        for i in plps.indices where plps[i].isActive {
            for _ in 0..<random.poisson(1.0) { plan(.message(plp: Int32(i), kind: .bulletin), inMonthOf: firstDay, days: days, .messages) }
            for _ in 0..<random.poisson(prevention) { plan(.message(plp: Int32(i), kind: .prevention), inMonthOf: firstDay, days: days, .messages) }
        }
    }

    func message(_ plp: Int32, kind: AlertKind) -> NewEvent? {
        let record = plps[Int(plp)]
        guard record.isActive else { return nil }
        alertSerial += 1
        let winter = [10, 11, 12, 1, 2].contains(today.month)
        let advice = kind == .bulletin ? PhraseBook.bulletinAdvice(record.language) : PhraseBook.preventionAdvice(record.language, winter: winter)
        let channel: Channel = kind == .bulletin ? (random.chance(0.8) ? .email : .app) : (random.chance(0.5) ? .sms : .email)
        return event(StreamName(kind: .alert, id: "a" + Self.padded(alertSerial, width: 8)), police(of: record.place),
                     .alertSent(AlertSent(plp: record.id, kind: kind, channel: channel, advice: random.pick(advice),
                                          recipients: recipients(record))))
    }

    private func recipients(_ record: PLPRecord) -> Int {
        Swift.max(0, Int(Double(record.members.count) * (0.85 + 0.15 * random.unit())))
    }
}
