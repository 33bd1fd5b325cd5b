import Foundation  // pow
import PLPEvents

/// One PLP of the synthetic network: what was planned for it and where its life stands in the history written so far.
struct PLPRecord: Sendable {
    /// Where it is (a place of the atlas) and which part of a merged commune.
    let place: Int32
    let part: UInt32
    let kind: PLPKind
    let initiator: PLPInitiator
    let language: Language
    /// The members it aims at.
    let targetMembers: Int
    /// Its stream ID, set when it is proposed (the commune code in force then, and a serial).
    var id = ""
    var proposed = false, consulted = false, supported = false, charterSigned = false
    var approved = false, suspended = false, dissolved = false
    var charterPlanned = false
    var failedSessions = 0
    /// When it got sufficient support (members join from then on), and when it was approved.
    var supportedAt = Int64.max, approvedAt = Int64.max
    /// Its members who have not left, by member number of the generator.
    var members: [UInt32] = []
    /// Members joined so far (the next member is `m<count + 1>`).
    var memberSerial = 0

    /// Approved, not suspended, not dissolved: it may send alerts.
    var isActive: Bool { approved && !suspended && !dissolved }
}

/// The plan of the network: how many PLPs each region has over the years (the real network at the end of 2023 was
/// Flanders 1,060, Wallonia 311, Brussels 15, growing a few percent a year), where they are, and when each is proposed.
enum NetworkPlan {
    /// PLPs at the end of 2023 and yearly growth, by region.
    static let regions: [(region: Region, end2023: Double, growth: Double)] = [
        (.flanders, 1_060, 1.035), (.wallonia, 311, 1.03), (.brussels, 15, 1.05),
    ]

    /// The PLPs of the history, in the order they are proposed, with their proposal instants.
    static func make(_ configuration: HistoryConfiguration, atlas: CommuneAtlas,
                     random: inout SeededRandom) -> [(record: PLPRecord, proposedAt: Int64)] {
        let factor = Double(configuration.networkSize) / Double(HistoryConfiguration.referencePLPs)
        var planned: [(record: PLPRecord, proposedAt: Int64)] = []
        for (region, end2023, growth) in regions {
            let indices = atlas.places.indices.filter { atlas.places[$0].region == region }
            let table = WeightedTable(indices.map { pow(Double(atlas.places[$0].population), 0.75) })
            func target(_ year: Int) -> Double { end2023 * factor * pow(growth, Double(year - 2023)) }
            // The PLPs that exist when the history's activity starts, founded over the eight years before.
            var existing = Int(target(configuration.fromYear - 1).rounded())
            if existing == 0 && configuration.networkSize >= 20 { existing = 1 }
            let backfillStart = SyntheticClock.monthStart(year: configuration.fromYear - 8, month: 1)
            let backfillEnd = SyntheticClock.monthStart(year: configuration.fromYear - 1, month: 4)
            for _ in 0..<existing {
                let at = backfillStart + Int64(random.unit() * Double(backfillEnd - backfillStart))
                planned.append((record(table.draw(&random), indices, atlas, &random), officeTime(near: at, &random)))
            }
            // New PLPs each year: the growth plus those replacing dissolutions (about 1.2% a year).
            for year in configuration.fromYear...configuration.toYear {
                let expected = target(year) - target(year - 1) + 0.012 * target(year - 1)
                let count = Int(expected) + (random.chance(expected - expected.rounded(.down)) ? 1 : 0)
                let start = SyntheticClock.monthStart(year: year, month: 1)
                let end = SyntheticClock.monthStart(year: year + 1, month: 1)
                for _ in 0..<max(0, count) {
                    let at = start + Int64(random.unit() * Double(end - start))
                    planned.append((record(table.draw(&random), indices, atlas, &random), officeTime(near: at, &random)))
                }
            }
        }
        return planned
    }

    private static func record(_ drawn: Int, _ indices: [Int], _ atlas: CommuneAtlas, _ random: inout SeededRandom) -> PLPRecord {
        let place = indices[drawn]
        let roll = random.unit()
        let kind: PLPKind = roll < 0.11 ? .independents : roll < 0.13 ? .sectoral : roll < 0.14 ? .other : .residential
        let initiators: [PLPInitiator] = [.residents, .residents, .residents, .residents, .residents, .authority, .authority,
                                          .police, .police, .association]
        let median: Double = switch kind {
        case .residential: 115
        case .independents: 30
        case .sectoral: 25
        case .other: 40
        }
        var language = atlas.places[place].language
        let part = UInt32(truncatingIfNeeded: random.next())
        if atlas.places[place].region == .brussels && part % 5 == 0 { language = .dutch }
        return PLPRecord(place: Int32(place), part: part, kind: kind,
                         initiator: random.pick(initiators), language: language,
                         targetMembers: min(2_500, max(8, Int(random.logNormal(median: median, sigma: 0.7)))))
    }

    /// A weekday office hour on the Brussels day of `instant`.
    static func officeTime(near instant: Int64, _ random: inout SeededRandom) -> Int64 {
        var date = Brussels.date(ofInstant: instant)
        while date.weekday == 0 || date.weekday == 6 { date = date.adding(days: 1) }
        return SyntheticClock.instant(on: date, secondsIntoDay: DayProfile.office.secondsIntoDay(&random))
    }

    /// A PLP's name in its language, e.g. `BIN Bree Dorp`, `PLP-I Namur Centre`, `NIN Eupen Zentrum`.
    static func name(of record: PLPRecord, commune: Commune?, random: inout SeededRandom) -> String {
        let communeName: String
        let area: String
        let prefix: String
        switch record.language {
        case .dutch:
            communeName = commune?.nameNL ?? "Gemeente"
            area = random.pick(PhraseBook.areasDutch)
            prefix = record.kind == .independents ? "BIN-Z" : "BIN"
        case .french:
            communeName = commune?.nameFR ?? "Commune"
            area = random.pick(PhraseBook.areasFrench)
            prefix = record.kind == .independents ? "PLP-I" : "PLP"
        case .german:
            communeName = commune?.nameDE ?? "Gemeinde"
            area = random.pick(PhraseBook.areasGerman)
            prefix = record.kind == .independents ? "NIN-S" : "NIN"
        }
        switch record.kind {
        case .sectoral: return "\(prefix) \(communeName) \(record.language == .dutch ? "Landbouw" : record.language == .french ? "Agriculteurs" : "Landwirtschaft")"
        case .independents: return "\(prefix) \(communeName) \(record.language == .dutch ? "Handelaars" : record.language == .french ? "Commerçants" : "Handel") \(area)"
        default: return "\(prefix) \(communeName) \(area)"
        }
    }
}
