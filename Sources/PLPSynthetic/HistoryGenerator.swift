import PLPEvents

/// A realistic, deterministic national history of the PLP network, produced one event at a time in the order the
/// ledger receives them (by `occurredAt` instant), each one valid against the events before it.
///
/// It is a small simulation: PLPs are proposed where the real network is, go through consultation, information
/// session, charter and approval; members join and leave; citizens report, the police assess, alert and give
/// feedback; crime facts are recorded in every commune in proportion to its population. Every action is planned
/// for an instant and, when its time comes, checks that the ledger's rules still allow it (a PLP suspended in the
/// meantime sends no alert). Only about a month of planned actions waits in memory, never the events
/// already produced, so memory depends on the size of the network, not on the length of the history.
///
/// ```swift
/// let generator = HistoryGenerator(HistoryConfiguration(seed: 7, fromYear: 2023, toYear: 2024, scale: 0.05))
/// for event in generator { … }   // NewEvent values with explicit ids, in time order
/// ```
public final class HistoryGenerator: IteratorProtocol, Sequence {
    /// What is generated.
    public let configuration: HistoryConfiguration
    let atlas = CommuneAtlas.shared
    /// The simulation's draws, and (apart) the event ids.
    var random: SeededRandom
    var ids: SeededRandom
    var schedule = Schedule()
    var plps: [PLPRecord] = []
    /// PLPs proposed so far, in order (what best practices and reports may name).
    var proposedPLPs: [Int32] = []
    var members = MemberTable()
    var reportSerial: UInt32 = 0
    var alertSerial: UInt32 = 0
    /// The instant of the action being performed.
    var now: Int64 = 0
    /// 1 January of the first year of activity, and 1 January after the last year (excluded).
    let activityStart: Int64
    let end: Int64
    /// The month the next `monthOpens` opens.
    var openingYear: Int
    var openingMonth: Int
    /// Drawing tables built once.
    let populationTable: WeightedTable
    let crimeTables: CrimeModel.Tables

    /// Events produced so far.
    public private(set) var produced = 0

    /// The most planned actions that waited at once: the generator's working memory, in actions (tens of bytes each).
    public var peakPending: Int { schedule.peak }

    /// The `occurredAt` instant (µs since 1970 UTC) of the last event produced.
    public var currentInstant: Int64 { now }

    /// A generator for `configuration`, which must have no `problem`.
    public init(_ configuration: HistoryConfiguration) {
        self.configuration = configuration
        random = SeededRandom(seed: configuration.seed, stream: 0)
        ids = SeededRandom(seed: configuration.seed, stream: 1)
        activityStart = SyntheticClock.monthStart(year: configuration.fromYear, month: 1)
        end = SyntheticClock.monthStart(year: configuration.toYear + 1, month: 1)
        openingYear = configuration.fromYear - 8
        openingMonth = 1
        populationTable = WeightedTable(atlas.places.map { Double($0.population) })
        crimeTables = CrimeModel.Tables(atlas: atlas)
        for (index, entry) in NetworkPlan.make(configuration, atlas: atlas, random: &random).enumerated() {
            plps.append(entry.record)
            schedule.plan(.plp(Int32(index), .propose), at: entry.proposedAt)
        }
        schedule.plan(.monthOpens, at: SyntheticClock.monthStart(year: openingYear, month: 1))
    }

    /// The next event in time order, or nil at the end of the last year.
    public func next() -> NewEvent? {
        while let (instant, action) = schedule.next() {
            if instant >= end { return nil }
            now = instant
            if let event = perform(action) {
                produced += 1
                return event
            }
        }
        return nil
    }

    private func perform(_ action: Action) -> NewEvent? {
        switch action {
        case .monthOpens:
            openMonth()
            return nil
        case .plp(let index, let step): return performPLPStep(step, of: index)
        case .memberJoins(let plp): return memberJoins(plp)
        case .memberContactChanges(let member): return memberContactChanges(member)
        case .memberLeaves(let member, let reason): return memberLeaves(member, reason: reason)
        case .memberErased(let member): return memberErased(member)
        case .reportFiled(let plp, let place, let part, let category):
            return reportFiled(plp: plp, place: place, part: part, category: category)
        case .reportAssessed(let report, let plp, let category): return reportAssessed(report, plp: plp, category: category)
        case .urgentAlert(let report, let plp): return urgentAlert(report: report, plp: plp)
        case .feedback(let report, let plp, let confirmed): return feedback(report: report, plp: plp, confirmed: confirmed)
        case .message(let plp, let kind): return message(plp, kind: kind)
        case .crime(let place, let part, let category, let attempted, let day):
            return crimeRecorded(place: place, part: part, category: category, attempted: attempted, day: day)
        case .void(let target, let ref, let reason): return voided(target, ref: ref, reason: reason)
        case .course: return courseDelivered()
        case .bestPractice: return bestPracticeShared()
        case .committeeMeets: return committeeMeets()
        }
    }

    /// Draws the arrivals of the month that starts now, and plans the next month.
    private func openMonth() {
        let year = openingYear
        let month = openingMonth
        openingMonth += 1
        if openingMonth > 12 { openingMonth = 1; openingYear += 1 }
        let next = SyntheticClock.monthStart(year: openingYear, month: openingMonth)
        let days = CivilDate.daysInMonth(year: year, month: month)
        let firstDay = Brussels.date(ofInstant: now)
        let active = now >= activityStart
        planMembership(until: next, active: active, days: days, firstDay: firstDay)
        if active {
            planPLPEvents(year: year, month: month, days: days, firstDay: firstDay)
            planReports(year: year, month: month, days: days, firstDay: firstDay, next: next)
            planMessages(month: month, days: days, firstDay: firstDay)
            planCrime(year: year, month: month, days: days, firstDay: firstDay)
            planProgramme(year: year, month: month, days: days, firstDay: firstDay)
        }
        if next < end { schedule.plan(.monthOpens, at: next) }
    }

    // MARK: - Helpers shared by the models

    /// Plans `action` on a day `days` later (Brussels calendar) at a time of `profile`, never before now.
    func plan(_ action: Action, daysLater days: ClosedRange<Int>, _ profile: DayProfile) {
        let date = Brussels.date(ofInstant: now).adding(days: random.within(days))
        let instant = SyntheticClock.instant(on: date, secondsIntoDay: profile.secondsIntoDay(&random))
        schedule.plan(action, at: Swift.max(instant, now + SyntheticClock.minute))
    }

    /// Plans `action` on a random day of the month that starts on `firstDay`, at a time of `profile`.
    func plan(_ action: Action, inMonthOf firstDay: CivilDate, days: Int, _ profile: DayProfile) {
        let date = firstDay.adding(days: random.below(days))
        schedule.plan(action, at: Swift.max(now, SyntheticClock.instant(on: date, secondsIntoDay: profile.secondsIntoDay(&random))))
    }

    /// Makes the event that happens now, with the next id; about one in fourteen is written in UTC (`Z`).
    func event(_ stream: StreamName, _ actor: Actor, _ payload: EventPayload) -> NewEvent {
        NewEvent(id: ids.eventID(), stream: stream, occurredAt: SyntheticClock.timestamp(now, utc: random.chance(0.07)),
                 actor: actor, payload: payload)
    }

    /// The Brussels date now.
    var today: CivilDate { Brussels.date(ofInstant: now) }

    /// The police actor of a place's zone.
    func police(of place: Int32) -> Actor { Actor(role: .police, id: "z" + atlas.places[Int(place)].zone) }

    /// A number with leading zeros.
    static func padded(_ value: some BinaryInteger, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
