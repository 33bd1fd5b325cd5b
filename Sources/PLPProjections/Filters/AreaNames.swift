import Foundation
import PLPEvents

/// The names people give a region or a province on the command line (`--region`, `--province`), matched to its NIS
/// code: the official names of the shipped Statbel table in French, Dutch and German, with or without their
/// "Province de", "Provincie", "Provinz", "Région", "Gewest" or "Region", and the everyday short forms (`Wallonie`,
/// `Vlaanderen`, `Brussel`, `Anvers`, `Luik`) and English names (`Flanders`, `Antwerp`).
///
/// Matching ignores case, accents (`Liege`, `Wallonie`), the kind of apostrophe (`Province d'Anvers` names the
/// table's `Province d’Anvers`), hyphens against spaces and repeated spaces.
public enum AreaNames {
    /// Everyday names of each region and province beyond those the table derives from its official names.
    static let everydayNames: [Int: [String]] = [
        2000: ["Flandre", "Flandres", "Vlaanderen", "Flandern", "Flanders", "Flemish"],
        3000: ["Wallonie", "Wallonië", "Wallonien", "Wallonia", "Walloon"],
        4000: ["Bruxelles", "Brussel", "Brüssel", "Brussels", "Bruxelles-Capitale", "Brussel-Hoofdstad",
               "Brüssel-Hauptstadt", "Brussels-Capital", "Région bruxelloise"],
        10000: ["Antwerp"],
        20001: ["Flemish Brabant"],
        20002: ["Walloon Brabant"],
        30000: ["West Flanders"],
        40000: ["East Flanders"],
    ]

    /// The words before or after a unit's own name that say what it is, folded (see ``fold(_:)``), longest first.
    static let prefixes = ["province de la ", "province de ", "province du ", "province des ", "province d'", "province of ",
                           "province ", "provincie ", "provinz ", "region de ", "region du ", "region des ", "region ",
                           "gewest ", "the "]
    static let suffixes = [" province", " provincie", " gewest", " region"]

    /// The unit of `level` (`region` or `province`) that `text` names, or nil when none does.
    public static func unit(_ text: String, level: String) -> AdministrativeUnit? {
        let units = CommuneRegistry.shared.units.filter { $0.level == level }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let code = Int(trimmed) { return units.first { $0.nis == code } }
        let wanted = fold(trimmed), wantedBare = bare(wanted)
        guard !wanted.isEmpty else { return nil }
        return units.first { unit in
            let names = [unit.nameFR, unit.nameNL, unit.nameDE] + (everydayNames[unit.nis] ?? [])
            return names.contains { name in
                let folded = fold(name)
                return folded == wanted || bare(folded) == wantedBare
            }
        }
    }

    /// `text` lowercased, without accents, with straight apostrophes, hyphens as spaces and single spaces.
    public static func fold(_ text: String) -> String {
        let plain = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var result = ""
        var pendingSpace = false
        for character in plain {
            switch character {
            case "’", "‘", "`", "´", "ʼ":
                result.append("'")
                pendingSpace = false
            case "-", "‐", "‑", "–", " ", "\t", "\u{00A0}", "\u{202F}":
                pendingSpace = !result.isEmpty
            default:
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// A folded name without the words that say what kind of unit it is: `province d'anvers` → `anvers`,
    /// `vlaams gewest` → `vlaams`.
    static func bare(_ folded: String) -> String {
        var name = folded
        if let prefix = prefixes.first(where: { name.hasPrefix($0) && name.count > $0.count }) {
            name.removeFirst(prefix.count)
        }
        if let suffix = suffixes.first(where: { name.hasSuffix($0) && name.count > $0.count }) {
            name.removeLast(suffix.count)
        }
        return name
    }
}
