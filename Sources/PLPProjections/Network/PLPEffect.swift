import PLPEvents

/// `project plp-effect`: did burglaries fall where a PLP started? A difference-in-differences on recorded burglaries.
///
/// For each commune (2025 boundaries) with an approved PLP, the month of its first approval is M: burglaries in the
/// twelve months before (M−12 … M−1) and after (M+1 … M+12; the approval month itself is left out) are set against
/// the same months in the communes of the same region that had no active PLP at any moment of M−12 … M+12 (the
/// controls, means per commune). Only communes whose whole window M−12 … M+12 lies inside the months the ledger's
/// burglary facts cover are kept: a window that starts before the data, or one that is not finished (past the month
/// of the latest burglary), would compare missing months with real ones. Those left out are counted by reason.
/// Regions and the nation sum exactly the communes listed.
public enum PLPEffect {
    /// The event types the PLP effect reads.
    public static let reads: EventTypeSet = [
        .plpProposed, .plpApproved, .plpSuspended, .plpReinstated, .plpDissolved, .crimeRecorded,
    ]

    /// What the figure cannot prove, said with every output.
    public static let caveat = """
        What this cannot prove: it compares recorded burglaries before and after a PLP's approval with communes \
        without an active PLP over the same months. It shows an association, not a cause: communes that start a PLP \
        may differ from the others (more burglaries, more engaged residents, other police practice), reporting \
        itself may change when a PLP starts, counts per commune are small and noisy, and no confidence interval is \
        given. Only communes whose whole window (twelve months before approval, twelve after) lies inside the months the ledger's burglary data covers are counted; the others are left out and their number is given.
        """

    /// Why treated communes were left out of the estimate.
    public struct LeftOut: Sendable, Equatable {
        /// The twelve months before approval start before the ledger's burglary data.
        public var windowBeforeData = 0
        /// The twelve months after approval are not all in the ledger yet.
        public var windowNotFinished = 0
        /// Counts by reason.
        public init(windowBeforeData: Int = 0, windowNotFinished: Int = 0) {
            self.windowBeforeData = windowBeforeData
            self.windowNotFinished = windowNotFinished
        }

        /// All left out.
        public var total: Int { windowBeforeData + windowNotFinished }

        /// A sentence for people, or nil when none was left out.
        public var sentence: String? {
            guard total > 0 else { return nil }
            var parts: [String] = []
            if windowBeforeData > 0 { parts.append("\(windowBeforeData) whose twelve months before approval are not all covered by the crime data") }
            if windowNotFinished > 0 { parts.append("\(windowNotFinished) whose twelve months after approval are not all covered by the crime data yet") }
            return "\(total) commune(s) with a PLP left out: " + parts.joined(separator: "; ") + "."
        }
    }

    /// The columns.
    public static let columns = ["scope", "commune", "name", "plp", "approved", "communes", "controls", "before", "after",
                                 "change_pct", "control_before", "control_after", "control_change_pct", "did_pct"]

    /// One treated commune.
    struct Treated {
        var commune: Commune
        var plp: String
        var approvedAt: Int64
        var before = 0, after = 0
        var controls = 0
        var controlBefore = 0.0, controlAfter = 0.0
    }

    /// The national row, one row per region, then one per treated commune; and how many were left out.
    public static func table(_ facts: NetworkFacts) -> (table: FigureTable, leftOut: LeftOut) {
        let registry = CommuneRegistry.shared
        let burglaries = facts.burglaries
        guard let coverage = burglaries.coverage else { return (FigureTable(columns: columns), LeftOut()) }
        var plpsByCommune: [Int: [PLPRecord]] = [:]
        for plp in facts.plps.values { if let c = plp.commune2025 { plpsByCommune[c.value, default: []].append(plp) } }
        let communes2025 = registry.communes.filter { $0.validUntil == nil && $0.nis2025 == $0.nis }

        var treated: [Treated] = []
        var leftOut = LeftOut()
        for (nis, plps) in plpsByCommune {
            guard let first = plps.filter({ $0.approvedAt != nil }).min(by: { ($0.approvedAt ?? 0, $0.id) < ($1.approvedAt ?? 0, $1.id) }),
                  let approvedAt = first.approvedAt, let code = NISCode(value: nis), let commune = registry.commune(code) else { continue }
            let m = PeriodGrouping.month(of: Brussels.date(ofInstant: approvedAt))
            // Both twelve-month windows must be covered on every day (contract section 7, "Coverage").
            guard coverage.of(months: (m - 12)...(m - 1)) == .complete else { leftOut.windowBeforeData += 1; continue }
            guard coverage.of(months: (m + 1)...(m + 12)) == .complete else { leftOut.windowNotFinished += 1; continue }
            let beforeMonths = (m - 12)...(m - 1), afterMonths = (m + 1)...(m + 12)
            var t = Treated(commune: commune, plp: first.id, approvedAt: approvedAt)
            t.before = burglaries.total(months: beforeMonths) { $0 == nis }.burglaries
            t.after = burglaries.total(months: afterMonths) { $0 == nis }.burglaries
            let windowStart = Brussels.startOfDay(monthStart(m - 12)), windowEnd = Brussels.startOfDay(monthStart(m + 13))
            var sumBefore = 0, sumAfter = 0
            for control in communes2025 where control.region == commune.region && control.nis != code {
                let active = (plpsByCommune[control.nis.value] ?? []).contains { $0.wasActive(from: windowStart, until: windowEnd) }
                if active { continue }
                t.controls += 1
                sumBefore += burglaries.total(months: beforeMonths) { $0 == control.nis.value }.burglaries
                sumAfter += burglaries.total(months: afterMonths) { $0 == control.nis.value }.burglaries
            }
            if t.controls > 0 {
                t.controlBefore = Double(sumBefore) / Double(t.controls)
                t.controlAfter = Double(sumAfter) / Double(t.controls)
            }
            treated.append(t)
        }
        treated.sort { $0.commune.nis < $1.commune.nis }

        var rows: [[FigureTable.Cell]] = [aggregate("national", name: nil, treated)]
        let regions = Set(treated.map(\.commune.region)).sorted()
        for region in regions {
            rows.append(aggregate("region", name: registry.unit(region)?.nameFR ?? String(region), treated.filter { $0.commune.region == region }))
        }
        for t in treated {
            let change = Tenths.change(from: t.before, to: t.after)
            let controlChange = percentChange(t.controlBefore, t.controlAfter, defined: t.controls > 0)
            rows.append([
                .text("commune"), .text(t.commune.nis.description), .text(t.commune.nameFR), .text(t.plp),
                .text(Brussels.date(ofInstant: t.approvedAt).description), .integer(1), .integer(t.controls),
                .integer(t.before), .integer(t.after), .decimal(change),
                .decimal(t.controls > 0 ? tenths(t.controlBefore) : nil), .decimal(t.controls > 0 ? tenths(t.controlAfter) : nil),
                .decimal(controlChange), .decimal(difference(change, controlChange)),
            ])
        }
        return (FigureTable(columns: columns, rows: rows), leftOut)
    }

    static func aggregate(_ scope: String, name: String?, _ treated: [Treated]) -> [FigureTable.Cell] {
        let withControls = treated.filter { $0.controls > 0 }
        let before = treated.reduce(0) { $0 + $1.before }, after = treated.reduce(0) { $0 + $1.after }
        let controlBefore = withControls.reduce(0.0) { $0 + $1.controlBefore }
        let controlAfter = withControls.reduce(0.0) { $0 + $1.controlAfter }
        let change = Tenths.change(from: before, to: after)
        let controlChange = percentChange(controlBefore, controlAfter, defined: !withControls.isEmpty)
        return [
            .text(scope), .empty, name.map { .text($0) } ?? .empty, .empty, .empty, .integer(treated.count),
            .integer(withControls.map(\.controls).max() ?? 0), .integer(before), .integer(after), .decimal(change),
            .decimal(withControls.isEmpty ? nil : tenths(controlBefore)), .decimal(withControls.isEmpty ? nil : tenths(controlAfter)),
            .decimal(controlChange), .decimal(difference(change, controlChange)),
        ]
    }

    static func monthStart(_ month: Int) -> CivilDate {
        let year = floorDivide(month, 12)
        return CivilDate(year: year, month: month - year * 12 + 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
    }

    static func tenths(_ value: Double) -> Tenths { Tenths(tenths: Int64((value * 10).rounded(.toNearestOrAwayFromZero))) }

    static func percentChange(_ before: Double, _ after: Double, defined: Bool) -> Tenths? {
        guard defined, before > 0 else { return nil }
        return tenths(100 * (after - before) / before)
    }

    static func difference(_ a: Tenths?, _ b: Tenths?) -> Tenths? {
        guard let a, let b else { return nil }
        return Tenths(tenths: a.tenths - b.tenths)
    }
}
