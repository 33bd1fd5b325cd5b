/// A tiny builder of XHTML-compatible markup: text is always escaped, attributes always quoted, empty elements
/// closed with `/>`, so the comité's report parses as XML as well as HTML.
public struct HTMLText: Sendable {
    /// The markup so far.
    public private(set) var markup = ""

    /// Nothing yet.
    public init() {}

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attribute values alike.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// ` a="1" b="2"` from attribute pairs (values escaped).
    public static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    /// Appends escaped text.
    public mutating func text(_ text: String) { markup += Self.escape(text) }

    /// Appends markup already built (an SVG chart, another builder's output).
    public mutating func raw(_ markup: String) { self.markup += markup }

    /// Appends `<tag …>escaped text</tag>`.
    public mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        markup += "<\(tag)\(Self.attributes(attributes))>\(Self.escape(text))</\(tag)>"
    }

    /// Appends `<tag …>`, what `body` adds, then `</tag>`.
    public mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:], _ body: (inout HTMLText) -> Void) {
        markup += "<\(tag)\(Self.attributes(attributes))>"
        body(&self)
        markup += "</\(tag)>"
    }

    /// Appends an empty element `<tag … />`.
    public mutating func empty(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        markup += "<\(tag)\(Self.attributes(attributes))/>"
    }
}
