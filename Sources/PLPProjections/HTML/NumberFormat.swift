/// Numbers written the way each language writes them in the comité's report: `1 234,5` in French (a narrow no-break
/// space, U+202F, between thousands; a comma before the decimal) and `1.234,5` in Dutch.
public struct NumberFormat: Sendable {
    /// The language whose conventions apply.
    public let language: ReportLanguage

    /// The conventions of `language`.
    public init(_ language: ReportLanguage) { self.language = language }

    /// Between groups of three digits.
    public var thousandsSeparator: String { language == .fr ? "\u{202F}" : "." }
    /// Before the decimal digit.
    public var decimalSeparator: String { "," }

    /// `1 234` / `1.234`.
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += thousandsSeparator }
            out.append(character)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// `1 234,5` / `1.234,5`: always one decimal; `—` when undefined.
    public func decimal(_ value: Tenths?) -> String {
        guard let value else { return "—" }
        let magnitude = value.tenths.magnitude
        let whole = integer(Int(magnitude / 10))
        return (value.tenths < 0 ? "−" : "") + whole + decimalSeparator + String(magnitude % 10)
    }

    /// `12,5 %` (French, with a narrow no-break space) / `12,5%` (Dutch); `—` when undefined.
    public func percent(_ value: Tenths?) -> String {
        guard value != nil else { return "—" }
        return decimal(value) + (language == .fr ? "\u{202F}%" : "%")
    }

    /// A change with its sign: `+12,5 %`, `−3,0 %`, `0,0 %`; `—` when undefined.
    public func signedPercent(_ value: Tenths?) -> String {
        guard let value else { return "—" }
        return (value.tenths > 0 ? "+" : "") + percent(value)
    }

    /// A difference with its sign: `+1 234`, `−12`, `0`.
    public func signedInteger(_ value: Int) -> String { (value > 0 ? "+" : "") + integer(value) }

    /// A chart tick: an integer when whole, else one decimal.
    public func tick(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded(.toNearestOrAwayFromZero))
        return tenths % 10 == 0 ? integer(Int(tenths / 10)) : decimal(Tenths(tenths: tenths))
    }
}
