import PLPEvents

/// `report annual --year Y`: the statistics of Y and Y − 1 from one fold, with breakdowns by region, province and
/// PLP kind for the table form.
public struct AnnualReport: Sendable {
    /// The figures of Y (exactly the contract's keys).
    public let current: AnnualStatistics
    /// The figures of Y − 1, for the change.
    public let previous: AnnualStatistics
    /// The facts both were computed from.
    public let facts: NetworkFacts

    /// Folds the facts of Y − 1 and Y over `selection`.
    public static func compute(year: Int, engine: ProjectionEngine, selection: Selection) throws -> (AnnualReport, Provenance) {
        var facts = NetworkFacts(reads: AnnualStatistics.reads, years: (year - 1)...year)
        let provenance = try engine.rebuild(&facts, selection: selection)
        return (AnnualReport(facts: facts, year: year), provenance)
    }

    /// The report of `year` from facts already folded (they must cover Y − 1 and Y).
    public init(facts: NetworkFacts, year: Int) {
        self.facts = facts
        current = AnnualStatistics(year: year, from: facts)
        previous = AnnualStatistics(year: year - 1, from: facts)
    }

    /// How much of year Y the ledger's events cover (by the Brussels day they occurred on).
    public enum YearCoverage: Sendable, Equatable {
        /// The ledger's events cover the whole year.
        case whole
        /// No event of the ledger occurred in Y.
        case noEvent
        /// The ledger's data starts within Y, on this day.
        case startsWithin(CivilDate)
        /// The ledger's latest event occurred on this day, before the end of Y.
        case notFinished(CivilDate)
    }

    /// How much of Y the ledger's events cover.
    public var coverage: YearCoverage { coverage(of: current.year) }

    /// How much of `year` the ledger's events cover.
    public func coverage(of year: Int) -> YearCoverage {
        guard let days = facts.occurredDays, let first = CivilDate(year: year, month: 1, day: 1),
              let last = CivilDate(year: year, month: 12, day: 31) else { return .noEvent }
        if days.upperBound < first || days.lowerBound > last { return .noEvent }
        if days.upperBound < last { return .notFinished(days.upperBound) }
        if days.lowerBound > first { return .startsWithin(days.lowerBound) }
        return .whole
    }

    /// The heading of a year's column: the year, and for a year the ledger does not finish, the day its figures stop
    /// ("2026 (jusqu'au 7 décembre 2026)"), so that "au 31 décembre" is not read as reached.
    public func yearHeading(_ year: Int, language: ReportLanguage) -> String {
        if case .notFinished(let day) = coverage(of: year) {
            return language.text("year_until", String(year), language.longDate(day))
        }
        return String(year)
    }

    /// One sentence on the coverage of Y when the ledger does not cover it whole (nil otherwise), in `language`;
    /// `nil` language means English, for standard error.
    public func coverageNote(language: ReportLanguage?) -> String? {
        let year = String(current.year)
        switch (coverage, language) {
        case (.whole, _): return nil
        case (.noEvent, nil): return "the ledger holds no event that occurred in \(year): the figures of this report do not describe that year"
        case (.notFinished(let day), nil):
            return "\(year) is not finished in the ledger: its latest event occurred on \(day); the figures of \(year) stop there"
        case (.startsWithin(let day), nil):
            return "the ledger's data starts on \(day): the figures of \(year) do not cover the whole year"
        case (.noEvent, let language?): return language.text("coverage_no_event", year)
        case (.notFinished(let day), let language?): return language.text("coverage_not_finished", year, language.longDate(day))
        case (.startsWithin(let day), let language?): return language.text("coverage_starts_within", year, language.longDate(day))
        }
    }

    /// The figures broken down in the table form.
    public static let breakdownKeys = ["plps_active_end", "plps_approved", "members_active_end", "reports_filed",
                                       "alerts_sent", "burglaries"]

    /// One breakdown: a label per group and the figures of Y for the places of that group.
    public func breakdown(by dimension: Dimension, language: ReportLanguage) -> [(label: String, figures: AnnualStatistics)] {
        let registry = CommuneRegistry.shared
        let year = current.year, facts = facts
        func communeOf(_ place: Place) -> Commune? { facts.commune(of: place).flatMap { registry.commune($0) } }
        // Members are counted per PLP once; each group then sums over its PLPs.
        let active = facts.activeMembersByPLP(at: AnnualStatistics.endOfYear(year))
        func statistics(_ include: @escaping (Place) -> Bool) -> AnnualStatistics {
            AnnualStatistics(year: year, from: facts, where: include, activeMembersByPLP: active)
        }
        switch dimension {
        case .region:
            let regions = registry.units.filter { $0.level == "region" }.sorted { $0.nis < $1.nis }
            return regions.map { unit in
                (language == .fr ? unit.nameFR : unit.nameNL,
                 statistics { communeOf($0)?.region == unit.nis })
            }
        case .province:
            let provinces = registry.units.filter { $0.level == "province" }.sorted { $0.nis < $1.nis }
            var groups = provinces.map { unit in
                (language == .fr ? unit.nameFR : unit.nameNL,
                 statistics { communeOf($0)?.province == unit.nis })
            }
            // Brussels-Capital belongs to no province.
            let brussels = registry.units.first { $0.level == "region" && $0.nis == 4000 }
            groups.append(((language == .fr ? brussels?.nameFR : brussels?.nameNL) ?? "Bruxelles / Brussel",
                           statistics { place in
                               guard let commune = communeOf(place) else { return false }
                               return commune.province == nil
                           }))
            return groups
        case .plpKind:
            return PLPKind.allCases.map { kind in
                (language.label(kind.rawValue), statistics { place in
                    if case .plp(let id) = place { return facts.plps[id]?.kind == kind }
                    return false
                })
            }
        }
    }

    /// The groupings of the table form.
    public enum Dimension: Sendable, CaseIterable {
        case region, province, plpKind
    }
}
