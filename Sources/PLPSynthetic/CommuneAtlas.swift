import PLPEvents

/// A Belgian region, as the PLP network is counted.
public enum Region: String, Sendable, CaseIterable, Hashable {
    case flanders, wallonia, brussels

    /// The region of a Statbel region code (02000, 03000, 04000).
    init(code: Int) {
        switch code {
        case 2000: self = .flanders
        case 4000: self = .brussels
        default: self = .wallonia
        }
    }
}

/// The language a PLP, a police zone or a commune works in.
enum Language: Sendable { case dutch, french, german }

/// A place of the synthetic country: a commune on 2025 boundaries with the codes that covered it before.
struct Place: Sendable {
    /// The code on 2025 boundaries.
    let nis2025: NISCode
    /// Its region.
    let region: Region
    /// Inhabitants on 1 January 2020.
    let population: Int
    /// Every code that covered part of it since 2010 (itself included), in NIS order.
    let codes: [Commune]
    /// The share of the place each code covered (approximate: the code that bears the place's name covers most).
    let shares: [Double]
    /// The synthetic police zone (4 digits).
    let zone: String
    /// The usual working language.
    let language: Language
}

/// The communes of Belgium as the generator uses them: places on 2025 boundaries, the code in force on any date,
/// and a synthetic police-zone map (real zones group about three communes; the real table is not shipped).
final class CommuneAtlas: Sendable {
    /// The atlas built from the shipped Statbel table.
    static let shared = CommuneAtlas(registry: .shared)

    /// The communes in force on 1 January 2025, in NIS order.
    let places: [Place]
    /// Sum of their populations.
    let population: Int

    /// The German-speaking communes (their PLPs are NIN).
    private static let germanSpeaking: Set<Int> = [63001, 63012, 63013, 63023, 63040, 63048, 63061, 63067, 63087]

    init(registry: CommuneRegistry) {
        var successors: [Int: [Commune]] = [:]
        for commune in registry.communes { successors[commune.nis2025.value, default: []].append(commune) }
        var places: [Place] = []
        var zone = 5267
        var zonePopulation = 0
        var zoneArrondissement = -1
        for commune in registry.communes where commune.population2020 != nil && commune.validUntil == nil {
            let population = commune.population2020 ?? 0
            // A new zone at each arrondissement, for each city, and when the current one is large enough.
            if commune.arrondissement != zoneArrondissement || zonePopulation >= 45_000 || population >= 90_000 {
                zone += 1
                zonePopulation = 0
                zoneArrondissement = commune.arrondissement
            }
            zonePopulation += population
            let region = Region(code: commune.region)
            let language: Language = Self.germanSpeaking.contains(commune.nis.value) ? .german
                : region == .flanders ? .dutch : .french
            let codes = (successors[commune.nis.value] ?? [commune]).sorted { $0.nis < $1.nis }
            let name = commune.nameNL.split(separator: " ").first.map(String.init) ?? commune.nameNL
            let shares = codes.map { $0.nameNL.hasPrefix(name) ? 6.0 : 1.0 }
            places.append(Place(nis2025: commune.nis, region: region, population: population, codes: codes,
                                shares: shares, zone: String(zone), language: language))
            if population >= 90_000 { zonePopulation = 45_000 }
        }
        self.places = places
        population = places.reduce(0) { $0 + $1.population }
    }

    /// The code in force on `date` for the part `part` of `place` (a merged commune had several codes before its
    /// merger; `part`, a uniform 32-bit number, chooses one of them in proportion to its share, always the same one).
    func code(of place: Int, part: UInt32, on date: CivilDate) -> NISCode {
        let entry = places[place]
        if entry.codes.count == 1 { return entry.codes[0].nis }
        var total = 0.0
        for (index, commune) in entry.codes.enumerated() where commune.isInForce(on: date) { total += entry.shares[index] }
        guard total > 0 else { return entry.nis2025 }
        var target = Double(part) / 4_294_967_296.0 * total
        var last = entry.nis2025
        for (index, commune) in entry.codes.enumerated() where commune.isInForce(on: date) {
            last = commune.nis
            target -= entry.shares[index]
            if target < 0 { return commune.nis }
        }
        return last
    }

    /// The commune (names) behind a code.
    func commune(_ nis: NISCode) -> Commune? { CommuneRegistry.shared.commune(nis) }
}
