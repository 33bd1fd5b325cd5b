extension Commune {
    /// The French name as a reader expects it (``plainName(_:)``): "Alost", not Statbel's "Alost (Alost)".
    public var plainNameFR: String { Self.plainName(nameFR) }
    /// The Dutch name as a reader expects it (``plainName(_:)``): "Aalst", not Statbel's "Aalst (Aalst)".
    public var plainNameNL: String { Self.plainName(nameNL) }

    /// `name` without Statbel's parenthesised suffix when the suffix only repeats the name.
    ///
    /// REFNIS follows a commune's name with its arrondissement's where the name is also a place elsewhere in
    /// Belgium (a section of another commune): "Hove (Anvers)", "Saint-Nicolas (Liège)". Where the arrondissement
    /// bears the commune's own name the suffix tells a reader nothing ("Alost (Alost)", "Saint-Nicolas
    /// (Saint-Nicolas)", "Tielt (Tielt)"; the Tielt of 2025 is plain "Tielt" in REFNIS itself) and is left out;
    /// any other suffix is kept, and no two communes in force on the same day get the same name.
    public static func plainName(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex else { return name }
        let space = name.index(before: open)
        guard name[space] == " " else { return name }
        let base = name[..<space], suffix = name[name.index(after: open)..<name.index(before: name.endIndex)]
        return base == suffix ? String(base) : name
    }
}
