import PLPEvents

/// The annual statistics of year Y (contract section 7): the nineteen keys, in the contract's order.
public struct AnnualStatistics: Sendable, Equatable {
    /// The year.
    public var year: Int
    public var plpsActiveEnd = 0, plpsApproved = 0, plpsDissolved = 0
    public var membersActiveEnd = 0, membersJoined = 0, membersLeft = 0
    public var reportsFiled = 0
    /// Of the reports filed in Y that have a standing assessment, the % assessed `false-alarm`; nil when none.
    public var reportsFalseAlarmPct: Tenths?
    public var alertsSent = 0, alertsUrgent = 0, alertsUrgentNight = 0, alertRecipients = 0
    /// Median minutes from a report's filing to each alert of Y that names it; nil when no alert of Y names a report.
    public var alertMedianDelayMin: Tenths?
    public var feedbackGiven = 0
    public var burglaries = 0, burglariesAttempted = 0, burglariesPrevious = 0
    /// How much of Y, and of Y − 1, the crime data covers (contract section 7, "Coverage"): a year covered on no day
    /// has burglary figures "no data" (`null`), never 0 (section 6); a partial year has figures that are not compared.
    public var burglaryCoverage = PeriodCoverage.complete, previousBurglaryCoverage = PeriodCoverage.complete
    /// Whether the crime data covers at least one day of Y, and of Y − 1.
    public var burglaryDataCoversYear: Bool { burglaryCoverage.hasData }
    public var burglaryDataCoversPreviousYear: Bool { previousBurglaryCoverage.hasData }
    public var coursesDelivered = 0, courseParticipants = 0

    /// Zeros for `year`.
    public init(year: Int) { self.year = year }

    /// A figure: an integer, or a one-decimal number that may be undefined.
    public enum Value: Sendable, Equatable {
        case integer(Int)
        case decimal(Tenths?)
        /// A figure of a period the ledger's data does not cover.
        case noData

        /// The CSV cell (empty when undefined).
        public var csv: String {
            switch self {
            case .integer(let value): String(value)
            case .decimal(let value): value?.description ?? ""
            case .noData: ""
            }
        }

        /// The JSON value (`null` when undefined).
        public var json: String {
            switch self {
            case .integer(let value): String(value)
            case .decimal(let value): value?.description ?? "null"
            case .noData: "null"
            }
        }
    }

    /// The contract's keys, in order.
    public static let keys = [
        "plps_active_end", "plps_approved", "plps_dissolved", "members_active_end", "members_joined", "members_left",
        "reports_filed", "reports_false_alarm_pct", "alerts_sent", "alerts_urgent", "alerts_urgent_night",
        "alert_recipients", "alert_median_delay_min", "feedback_given", "burglaries", "burglaries_attempted",
        "burglaries_previous", "courses_delivered", "course_participants",
    ]

    /// Key and value, in the contract's order.
    public var figures: [(key: String, value: Value)] {
        let values: [Value] = [
            .integer(plpsActiveEnd), .integer(plpsApproved), .integer(plpsDissolved), .integer(membersActiveEnd),
            .integer(membersJoined), .integer(membersLeft), .integer(reportsFiled), .decimal(reportsFalseAlarmPct),
            .integer(alertsSent), .integer(alertsUrgent), .integer(alertsUrgentNight), .integer(alertRecipients),
            .decimal(alertMedianDelayMin), .integer(feedbackGiven),
            burglaryDataCoversYear ? .integer(burglaries) : .noData,
            burglaryDataCoversYear ? .integer(burglariesAttempted) : .noData,
            burglaryDataCoversPreviousYear ? .integer(burglariesPrevious) : .noData,
            .integer(coursesDelivered), .integer(courseParticipants),
        ]
        return Array(zip(Self.keys, values)).map { (key: $0.0, value: $0.1) }
    }

    /// `{"plps_active_end":…,…}`: exactly the contract's keys, in its order.
    public var json: String {
        "{" + figures.map { "\"\($0.key)\":\($0.value.json)" }.joined(separator: ",") + "}\n"
    }

    /// `metric,value` then one row per key.
    public var csv: String {
        "metric,value\n" + figures.map { "\($0.key),\($0.value.csv)\n" }.joined()
    }

    /// The event types the annual statistics read.
    public static let reads: EventTypeSet = [
        .plpProposed, .plpApproved, .plpSuspended, .plpReinstated, .plpDissolved, .memberJoined, .memberLeft,
        .reportFiled, .reportAssessed, .feedbackGiven, .alertSent, .crimeRecorded, .courseDelivered,
    ]

    /// The statistics of `year` from the facts of a fold, over the places `include` accepts (all by default).
    ///
    /// A place is a PLP or a commune (2025 boundaries); the nation-only figures (courses) count only when `include`
    /// accepts `.national`. Burglaries count by commune.
    public init(year: Int, from facts: NetworkFacts, where include: @escaping (Place) -> Bool = { _ in true }) {
        self.init(year: year, from: facts, where: include,
                  activeMembersByPLP: facts.activeMembersByPLP(at: Self.endOfYear(year)))
    }

    /// The first instant (µs) after the Brussels year `year`.
    static func endOfYear(_ year: Int) -> Int64 {
        Brussels.startOfDay(CivilDate(year: year + 1, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0))
    }

    /// The statistics with the members active at the end of `year` already counted per PLP
    /// (``NetworkFacts/activeMembersByPLP(at:)``): the breakdowns of a report count them once for all their areas.
    init(year: Int, from facts: NetworkFacts, where include: @escaping (Place) -> Bool,
         activeMembersByPLP: [String: Int]) {
        self.year = year
        let endOfYear = Self.endOfYear(year)
        let inYear = facts.totals(year: year, where: include)
        plpsApproved = inYear.plpsApproved
        plpsDissolved = inYear.plpsDissolved
        membersJoined = inYear.membersJoined
        membersLeft = inYear.membersLeft
        reportsFiled = inYear.reportsFiled
        alertsSent = inYear.alertsSent
        alertsUrgent = inYear.alertsUrgent
        alertsUrgentNight = inYear.alertsUrgentNight
        alertRecipients = inYear.alertRecipients
        feedbackGiven = inYear.feedbackGiven
        coursesDelivered = inYear.coursesDelivered
        courseParticipants = inYear.courseParticipants

        plpsActiveEnd = facts.plps.values.filter { include(.plp($0.id)) && $0.status(before: endOfYear) == .active }.count
        membersActiveEnd = activeMembersByPLP.reduce(0) { sum, plp in include(.plp(plp.key)) ? sum + plp.value : sum }

        var assessed = 0, falseAlarms = 0
        for report in facts.reports.values where report.outcome != nil && Brussels.date(ofInstant: report.filedAt).year == year {
            guard include(.commune(report.commune2025.value)) else { continue }
            assessed += 1
            if report.outcome == .falseAlarm { falseAlarms += 1 }
        }
        reportsFalseAlarmPct = Tenths.percentage(falseAlarms, of: assessed)

        var delays: [Int64] = []
        for link in facts.alertLinks where link.year == year && include(.plp(link.plp)) {
            if let report = facts.reports[link.report] { delays.append(link.sentAt - report.filedAt) }
        }
        alertMedianDelayMin = Tenths.medianMinutes(ofMicros: delays)

        let communeFilter: (Int) -> Bool = { include(.commune($0)) }
        let thisYear = (year * 12)...(year * 12 + 11)
        let lastYear = ((year - 1) * 12)...((year - 1) * 12 + 11)
        (burglaries, burglariesAttempted) = facts.burglaries.total(months: thisYear, communes: communeFilter)
        burglariesPrevious = facts.burglaries.total(months: lastYear, communes: communeFilter).burglaries
        let coverage = facts.burglaries.coverage
        burglaryCoverage = coverage?.of(months: thisYear) ?? .none
        previousBurglaryCoverage = coverage?.of(months: lastYear) ?? .none
    }
}
