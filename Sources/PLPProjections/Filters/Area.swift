import PLPEvents

/// The part of Belgium a figure is narrowed to (`--region`, `--province`, `--commune`): communes on 2025 boundaries
/// that lie in one of the regions, or one of the provinces, or are one of the communes named. Each kind of bound
/// given must hold; a filter with no bound accepts every commune.
public struct Area: Sendable, Hashable {
    /// Region NIS codes (02000 Flemish Region, 03000 Walloon Region, 04000 Brussels-Capital Region).
    public var regions: Set<Int> = []
    /// Province NIS codes (10000 Antwerp …).
    public var provinces: Set<Int> = []
    /// Commune NIS codes on 2025 boundaries.
    public var communes: Set<Int> = []

    /// The whole country.
    public static let belgium = Area()

    /// An area from its bounds.
    public init(regions: Set<Int> = [], provinces: Set<Int> = [], communes: Set<Int> = []) {
        self.regions = regions
        self.provinces = provinces
        self.communes = communes
    }

    /// True when no bound is set.
    public var isWholeCountry: Bool { regions.isEmpty && provinces.isEmpty && communes.isEmpty }

    /// Whether the commune (any code, taken on 2025 boundaries) lies in the area; nil (a place without commune)
    /// lies only in the whole country.
    public func contains(_ commune: NISCode?) -> Bool {
        if isWholeCountry { return true }
        guard let commune else { return false }
        let registry = CommuneRegistry.shared
        let code = registry.boundary2025(commune)
        if !communes.isEmpty && !communes.contains(code.value) { return false }
        guard let record = registry.commune(code) else { return false }
        if !regions.isEmpty && !regions.contains(record.region) { return false }
        if !provinces.isEmpty && !provinces.contains(record.province ?? -1) { return false }
        return true
    }

    /// The region or province named by `text`: its NIS code (`02000`, `2000`) or a name of it in French, Dutch or
    /// German, whole or without its "Province de"/"Provincie"/"Région"/"Gewest", or an everyday short form
    /// (`Région flamande`, `Vlaams Gewest`, `Vlaanderen`, `Limburg`, `Province d'Anvers`, `Liege`); any case, accents
    /// or apostrophes (see ``AreaNames``). Nil when nothing matches.
    public static func unit(_ text: String, level: String) -> AdministrativeUnit? {
        AreaNames.unit(text, level: level)
    }

    /// The names that `unit(_:level:)` accepts, for a message: `02000 Région flamande / Vlaams Gewest, …`.
    public static func choices(level: String) -> String {
        CommuneRegistry.shared.units.filter { $0.level == level }.sorted { $0.nis < $1.nis }
            .map { String(format: "%05d", $0.nis) + " " + ($0.nameFR == $0.nameNL ? $0.nameFR : "\($0.nameFR) / \($0.nameNL)") }
            .joined(separator: ", ")
    }
}
