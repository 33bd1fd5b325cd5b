import PLPEvents

/// How a figure of year Y compares with the same figure of Y − 1, in the annual report's table and HTML forms.
///
/// Only two whole years are compared (for the burglary figures: two years the crime data covers on every day,
/// contract section 7), and a change between two small counts is given as the counts, not a percentage: 7 against
/// 2 is not a rise of 250 %.
public enum FigureChange: Sendable, Equatable {
    /// One of the two figures has no data: the year it belongs to.
    case noData(year: Int)
    /// One of the two years is covered in part: the year; the figures are not compared.
    case partial(year: Int)
    /// The two figures are equal.
    case same
    /// Two counts under ``AnnualReport/smallCount``: shown as they are.
    case counts(now: Int, before: Int)
    /// From zero (in the year given) to a count.
    case fromZero(year: Int)
    /// The change in percent (signed).
    case percent(Tenths)
    /// The difference of two one-decimal figures (signed): percentage points, or minutes for `_min` keys.
    case difference(Tenths)
    /// One of the two figures is undefined (a division by zero).
    case undefined

    /// Up (+1), down (−1) or neither (0).
    public var direction: Int {
        switch self {
        case .percent(let t), .difference(let t): t.tenths > 0 ? 1 : (t.tenths < 0 ? -1 : 0)
        case .fromZero: 1
        case .counts(let now, let before): now > before ? 1 : (now < before ? -1 : 0)
        case .noData, .partial, .same, .undefined: 0
        }
    }
}

extension AnnualReport {
    /// Counts below this in both years are compared as counts, never as a percentage.
    public static let smallCount = 10

    /// How the figure `key` of Y compares with Y − 1.
    public func change(of key: String) -> FigureChange {
        let y = current.year
        guard let now = current.figures.first(where: { $0.key == key })?.value,
              let before = previous.figures.first(where: { $0.key == key })?.value else { return .undefined }
        // The years the two figures describe, and whether each is covered whole.
        let burglaryKeys: Set = ["burglaries", "burglaries_attempted"]
        let years: (now: Int, before: Int)
        let whole: (now: Bool, before: Bool)
        if burglaryKeys.contains(key) {
            years = (y, y - 1)
            whole = (current.burglaryCoverage == .complete, previous.burglaryCoverage == .complete)
        } else if key == "burglaries_previous" {
            years = (y - 1, y - 2)
            whole = (current.previousBurglaryCoverage == .complete, previous.previousBurglaryCoverage == .complete)
        } else {
            years = (y, y - 1)
            whole = (coverage(of: y) == .whole, coverage(of: y - 1) == .whole)
        }
        if now == .noData { return .noData(year: years.now) }
        if before == .noData { return .noData(year: years.before) }
        if !whole.now { return .partial(year: years.now) }
        if !whole.before { return .partial(year: years.before) }
        switch (now, before) {
        case (.integer(let a), .integer(let b)):
            if a == b { return .same }
            if max(a, b) < Self.smallCount { return .counts(now: a, before: b) }
            guard let pct = Tenths.change(from: b, to: a) else { return .fromZero(year: years.before) }
            return .percent(pct)
        case (.decimal(let a?), .decimal(let b?)):
            return a == b ? .same : .difference(Tenths(tenths: a.tenths - b.tenths))
        default:
            return .undefined
        }
    }
}
