import PLPEvents

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

extension ReportLanguage {
    /// A text of the HTML report (else a label of the table form), with `%1`, `%2`, … replaced by `arguments`.
    public func text(_ key: String, _ arguments: String...) -> String {
        var text = (self == .fr ? HTMLLabels.french : HTMLLabels.dutch)[key] ?? label(key)
        for (index, argument) in arguments.enumerated().reversed() { text = text.replacing("%\(index + 1)", with: argument) }
        return text
    }

    /// A commune's name in this language, without a suffix that only repeats it (``Commune/plainName(_:)``).
    public func name(of commune: Commune) -> String {
        self == .fr ? commune.plainNameFR : commune.plainNameNL
    }

    /// `31 décembre 2025` / `31 december 2025`.
    public func longDate(_ date: CivilDate) -> String {
        let fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        let nl = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
        let names = self == .fr ? fr : nl
        return "\(date.day) \(names[(date.month - 1) % 12]) \(date.year)"
    }
}
