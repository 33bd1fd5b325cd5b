import PLPEvents

/// `project alerts`: the message funnel, nationally and per PLP — reports filed and assessed, false alarms, urgent
/// alerts by day and night, prevention messages and bulletins, recipients, the median delay from a report to an alert
/// that names it, and the feedback rate.
///
/// Reports count where they were filed through (`plp` of `ReportFiled`; nationally all of them); alerts and their
/// delays count for the PLP alerted. With a year, reports filed in that year and alerts sent in it; else all.
public enum AlertFunnel {
    /// The event types the funnel reads.
    public static let reads: EventTypeSet = [.plpProposed, .reportFiled, .reportAssessed, .feedbackGiven, .alertSent]

    /// The columns.
    public static let columns = ["scope", "plp", "name", "reports_filed", "reports_assessed", "false_alarm_pct",
                                 "alerts_urgent_day", "alerts_urgent_night", "alerts_prevention", "alerts_bulletin",
                                 "alert_recipients", "median_delay_min", "feedback_rate_pct"]

    /// The national row (the area's, scope `area`, when `area` is not the whole country), then one row per PLP of
    /// the area sorted by ID. A PLP lies in the area of its commune; a report in that of its commune.
    public static func table(_ facts: NetworkFacts, year: Int? = nil, area: Area = .belgium) -> FigureTable {
        var national = Funnel()
        var byPLP: [String: Funnel] = [:]
        func inArea(_ plp: String) -> Bool { area.isWholeCountry || area.contains(facts.plps[plp]?.commune2025) }
        for id in facts.plps.keys where inArea(id) { byPLP[id] = Funnel() }
        for (key, value) in facts.counters where year.map({ key.year == $0 }) ?? true {
            if area.isWholeCountry || area.contains(facts.commune(of: key.place)) { national.counts.add(value) }
            if case .plp(let id) = key.place, inArea(id) { byPLP[id, default: Funnel()].counts.add(value) }
        }
        for report in facts.reports.values {
            if let year, Brussels.date(ofInstant: report.filedAt).year != year { continue }
            if area.contains(report.commune2025) { national.take(report) }
            if let plp = report.plp, inArea(plp) { byPLP[plp, default: Funnel()].take(report) }
        }
        for link in facts.alertLinks where year.map({ link.year == $0 }) ?? true {
            guard let report = facts.reports[link.report], inArea(link.plp) else { continue }
            national.delays.append(link.sentAt - report.filedAt)
            byPLP[link.plp, default: Funnel()].delays.append(link.sentAt - report.filedAt)
        }
        var rows = [national.cells(scope: area.isWholeCountry ? "national" : "area", plp: nil, name: nil)]
        for id in byPLP.keys.sorted() {
            guard let funnel = byPLP[id] else { continue }
            rows.append(funnel.cells(scope: "plp", plp: id, name: facts.plps[id]?.name))
        }
        return FigureTable(columns: columns, rows: rows)
    }

    /// The funnel of one scope while it is summed.
    struct Funnel {
        var counts = YearCounters()
        var filed = 0, assessed = 0, falseAlarms = 0, withFeedback = 0
        var delays: [Int64] = []

        mutating func take(_ report: ReportFacts) {
            filed += 1
            guard let outcome = report.outcome else { return }
            assessed += 1
            if outcome == .falseAlarm { falseAlarms += 1 }
            if report.feedbacks > 0 { withFeedback += 1 }
        }

        func cells(scope: String, plp: String?, name: String?) -> [FigureTable.Cell] {
            [
                .text(scope), plp.map { .text($0) } ?? .empty, name.map { .text($0) } ?? .empty,
                .integer(filed), .integer(assessed), .decimal(Tenths.percentage(falseAlarms, of: assessed)),
                .integer(counts.alertsUrgent - counts.alertsUrgentNight), .integer(counts.alertsUrgentNight),
                .integer(counts.alertsPrevention), .integer(counts.alertsBulletin), .integer(counts.alertRecipients),
                .decimal(Tenths.medianMinutes(ofMicros: delays)), .decimal(Tenths.percentage(withFeedback, of: assessed)),
            ]
        }
    }
}
