import Foundation  // pow, log10
import PLPEvents

/// Police-recorded crime facts: in every commune in proportion to its population (a little more than proportional
/// in cities), with a winter peak for burglaries, a long-run decline, the 2020 lockdown dip, and a share of attempts.
/// Volumes at scale 1 are of the order of the national police statistics of 2019.
enum CrimeModel {
    /// Facts a year nationally (2019 level), and the share attempted, by category in `CrimeCategory.allCases` order.
    static let yearly: [Double] = [50_000, 16_000, 60_000, 14_000, 90_000, 470_000]
    static let attempted: [Double] = [0.33, 0.28, 0.08, 0.15, 0.02, 0.04]

    /// The month's weight (January … December) by category: burglaries peak in the dark months.
    static let seasons: [[Double]] = [
        [1.30, 1.10, 0.95, 0.85, 0.80, 0.75, 0.80, 0.85, 0.90, 1.05, 1.30, 1.45],
        [1.20, 1.05, 0.95, 0.90, 0.90, 0.85, 0.90, 0.90, 0.95, 1.05, 1.15, 1.30],
        [1.10, 1.00, 0.95, 0.95, 0.95, 0.95, 1.00, 1.00, 0.95, 1.00, 1.05, 1.10],
        [1.05, 1.00, 1.00, 0.95, 0.95, 0.95, 1.00, 1.00, 1.00, 1.00, 1.05, 1.05],
        [0.95, 0.90, 1.00, 1.05, 1.05, 1.05, 1.05, 1.00, 0.95, 1.00, 0.95, 1.10],
        [1.00, 0.95, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.05],
    ]

    /// The level of `category` in `month` of `year` relative to 2019: burglaries fell by about 5% a year until
    /// 2022 and then levelled off; the spring 2020 lockdown (people at home) cut burglaries by about half.
    static func trend(_ category: CrimeCategory, year: Int, month: Int) -> Double {
        let steps = Double(Swift.min(Swift.max(year - 2019, -10), 3))
        let late = Double(Swift.max(0, year - 2022))
        var level: Double
        switch category {
        case .burglaryHome, .burglaryBusiness: level = pow(0.95, steps) * pow(0.99, late)
        case .theftFromVehicle: level = pow(0.96, steps) * pow(0.985, late)
        case .vehicleTheft: level = pow(0.97, steps + late)
        case .vandalism: level = 1
        case .other: level = pow(1.01, steps + late)
        }
        if year == 2020 {
            let lockdown = [1, 1, 0.8, 0.5, 0.6, 0.85, 1, 1, 1, 1, 0.8, 0.85][month - 1]
            level *= category == .burglaryHome ? lockdown : category == .vandalism ? 1 : 0.5 + 0.5 * lockdown
        }
        return level
    }

    /// Per-place weights, built once.
    struct Tables: Sendable {
        /// The share of national crime of each place.
        let shares: [Double]

        init(atlas: CommuneAtlas) {
            let weights = atlas.places.map { place -> Double in
                let population = Double(place.population)
                return population * Swift.max(0.5, 1 + 0.35 * log10(population / 20_000))
            }
            let total = weights.reduce(0, +)
            shares = weights.map { $0 / total }
        }
    }
}

extension HistoryGenerator {
    /// Plans the month's crime facts, commune by commune and category by category.
    func planCrime(year: Int, month: Int, days: Int, firstDay: CivilDate) {
        let delays = WeightedTable([45, 25, 6, 5, 4, 4, 3, 8])
        for (c, category) in CrimeCategory.allCases.enumerated() {
            let national = CrimeModel.yearly[c] * configuration.scale / 12 * CrimeModel.seasons[c][month - 1]
                * CrimeModel.trend(category, year: year, month: month)
            for place in atlas.places.indices {
                let count = random.poisson(national * crimeTables.shares[place])
                for _ in 0..<count {
                    let occurredOn = firstDay.adding(days: random.below(days))
                    var delay = delays.draw(&random)
                    if delay == 7 { delay = random.within(7...30) }
                    let recordedOn = occurredOn.adding(days: delay)
                    let instant = SyntheticClock.instant(on: recordedOn, secondsIntoDay: DayProfile.recording.secondsIntoDay(&random))
                    schedule.plan(.crime(place: Int32(place), part: UInt32(truncatingIfNeeded: random.next()), category: category,
                                         attempted: random.chance(CrimeModel.attempted[c]), day: Int32(occurredOn.daysSinceEpoch)),
                                  at: Swift.max(now, instant))
                }
            }
        }
    }

    func crimeRecorded(place: Int32, part: UInt32, category: CrimeCategory, attempted: Bool, day: Int32) -> NewEvent? {
        let occurredOn = CivilDate(daysSinceEpoch: Int(day))
        guard occurredOn <= today else { return nil }
        let code = atlas.code(of: Int(place), part: part, on: occurredOn)
        let zone = random.chance(0.75) ? atlas.places[Int(place)].zone : nil
        let made = event(StreamName(kind: .commune, id: String(code.value)), police(of: place),
                         .crimeRecorded(CrimeRecorded(category: category, attempted: attempted, occurredOn: occurredOn, policeZone: zone)))
        planVoid(of: made, in: .commune(Int32(code.value)), chance: 0.004)
        return made
    }

    func voided(_ target: VoidTarget, ref: EventID, reason: UInt8) -> NewEvent? {
        let stream: StreamName
        let actor: Actor
        switch target {
        case .plp(let index):
            stream = StreamName(kind: .plp, id: plps[Int(index)].id)
            actor = Actor(role: .spf, id: "dgsp")
        case .report(let serial):
            stream = StreamName(kind: .report, id: reportID(serial))
            actor = Actor(role: .police, id: "records")
        case .commune(let nis):
            stream = StreamName(kind: .commune, id: String(nis))
            actor = Actor(role: .police, id: "records")
        }
        return event(stream, actor, .eventVoided(EventVoided(ref: ref, reason: PhraseBook.voidReasons[Int(reason) % PhraseBook.voidReasons.count])))
    }
}
