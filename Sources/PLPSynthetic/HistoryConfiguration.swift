/// What history to generate: the seed, the years, the size of the network and the volume of activity.
public struct HistoryConfiguration: Sendable, Hashable {
    /// The real network at the end of 2023 (Flanders 1,060, Wallonia 311, Brussels 15).
    public static let referencePLPs = 1_386

    /// The seed: the same configuration gives the same bytes.
    public var seed: UInt64
    /// The first year of activity (reports, alerts, crime, programme). The PLPs and members that already existed on
    /// 1 January of that year are founded in the history too, dated in the years before (back to `fromYear − 8`).
    public var fromYear: Int
    /// The last year, included.
    public var toYear: Int
    /// The size of the network at the end of 2023 (default: 1,386 × `scale`); the regional split follows the real one.
    public var plps: Int?
    /// The volume: 1 is the national network and national crime figures; 0.1 a tenth of both.
    public var scale: Double

    /// Makes a configuration.
    public init(seed: UInt64 = 1, fromYear: Int = 2019, toYear: Int = 2025, plps: Int? = nil, scale: Double = 1) {
        self.seed = seed
        self.fromYear = fromYear
        self.toYear = toYear
        self.plps = plps
        self.scale = scale
    }

    /// The network size at the end of 2023 this configuration stands for.
    public var networkSize: Int {
        if let plps { return plps }
        return max(1, Int((Double(Self.referencePLPs) * scale).rounded()))
    }

    /// Why the configuration cannot be generated, as a sentence; nil when it can.
    public var problem: String? {
        if !(2000...2099).contains(fromYear) { return "the first year must be between 2000 and 2099, not \(fromYear)" }
        if !(2000...2099).contains(toYear) { return "the last year must be between 2000 and 2099, not \(toYear)" }
        if toYear < fromYear { return "the last year (\(toYear)) is before the first year (\(fromYear))" }
        if !(scale > 0 && scale <= 100) { return "the scale must be more than 0 and at most 100, not \(scale)" }
        if let plps, !(1...200_000).contains(plps) { return "the number of PLPs must be between 1 and 200,000, not \(plps)" }
        return nil
    }
}
