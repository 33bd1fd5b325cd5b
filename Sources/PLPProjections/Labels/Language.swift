/// The languages of the annual report's table form: French by default, Dutch on request.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case fr, nl

    /// The label of `key` (a figure key of section 7, a breakdown, a column) in this language.
    public func label(_ key: String) -> String {
        let labels = self == .fr ? Self.french : Self.dutch
        return labels[key] ?? key
    }

    static let french = AnnualLabels.french
    static let dutch = AnnualLabels.dutch
}
