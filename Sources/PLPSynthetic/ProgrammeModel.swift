import PLPEvents

/// The national programme (`programme/BE`): police-academy courses for coordinators and officers (few in the
/// summer), best practices shared by the SPF, and the comité d'accompagnement's meeting once a year in November.
extension HistoryGenerator {
    /// Courses and best practices a year at scale 1 (at least 6 and 4 in a smaller history: the programme is national).
    static let coursesPerYear = 60.0
    static let bestPracticesPerYear = 24.0

    func planProgramme(year: Int, month: Int, days: Int, firstDay: CivilDate) {
        let summer = month == 7 || month == 8
        let courses = Swift.max(6, Self.coursesPerYear * configuration.scale) / 12 * (summer ? 0.2 : 1.15)
        for _ in 0..<random.poisson(courses) { plan(.course, inMonthOf: firstDay, days: days, .office) }
        for _ in 0..<random.poisson(Swift.max(4, Self.bestPracticesPerYear * configuration.scale) / 12) {
            plan(.bestPractice, inMonthOf: firstDay, days: days, .office)
        }
        if month == 11 {
            var date = firstDay.adding(days: 7 + random.below(14))
            while date.weekday == 0 || date.weekday == 6 { date = date.adding(days: 1) }
            schedule.plan(.committeeMeets, at: SyntheticClock.instant(on: date, secondsIntoDay: 14 * 3600))
        }
    }

    private var programme: StreamName { StreamName(kind: .programme, id: "BE") }

    func courseDelivered() -> NewEvent? {
        event(programme, Actor(role: .spf, id: "expertise"),
              .courseDelivered(CourseDelivered(academy: random.pick(PhraseBook.academies), participants: random.within(8...28))))
    }

    func bestPracticeShared() -> NewEvent? {
        var plp: String?
        if !proposedPLPs.isEmpty, random.chance(0.5) { plp = plps[Int(random.pick(proposedPLPs))].id }
        return event(programme, Actor(role: .spf, id: "expertise"),
                     .bestPracticeShared(BestPracticeShared(title: random.pick(PhraseBook.practiceTitles),
                                                            theme: random.pick(PhraseBook.practiceThemes), plp: plp)))
    }

    func committeeMeets() -> NewEvent? {
        event(programme, Actor(role: .spf, id: "dgsp"),
              .steeringCommitteeMet(SteeringCommitteeMet(year: today.year, decisions: random.pick(PhraseBook.committeeDecisions))))
    }
}
