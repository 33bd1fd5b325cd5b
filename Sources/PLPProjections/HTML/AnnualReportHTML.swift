import PLPEvents

/// `report annual --format html`: the comité's annual report as one self-contained HTML document — inline CSS and
/// SVG only, no script, no network — in French or Dutch, that reads on a screen of any width and prints on A4
/// (``stylesheet``).
///
/// Every key figure is written in the language's conventions and carries its machine value
/// (`data-key`, `data-value`: exactly the `--format json` value) so tests can check one against the other.
public enum AnnualReportHTML {
    /// The whole document.
    public static func render(_ content: AnnualReportContent, language: ReportLanguage) -> String {
        let year = content.year
        var html = HTMLText()
        html.raw("<!DOCTYPE html>\n")
        html.element("html", ["xmlns": "http://www.w3.org/1999/xhtml", "lang": language.rawValue]) { html in
            html.element("head") { head in
                head.empty("meta", ["charset": "utf-8"])
                head.empty("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                head.element("title", text: language.text("doc_title", String(year)))
                head.element("style") { $0.raw(stylesheet) }
            }
            html.element("body") { body in
                cover(content, language, &body)
                keyFigures(content, language, &body)
                network(content, language, &body)
                communication(content, language, &body)
                burglaries(content, language, &body)
                programme(content, language, &body)
                method(content, language, &body)
            }
        }
        return html.markup + "\n"
    }

    // MARK: Sections

    static func cover(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let size = content.provenance.size - content.provenance.excludedByAsOf
        html.element("section", ["class": "cover", "id": "cover"]) { s in
            s.element("p", text: language.text("cover_for"))
            s.element("h1", text: language.text("doc_title", String(content.year)))
            if let note = content.report.coverageNote(language: language) {
                s.element("p", ["class": "coverage", "id": "coverage-note"], text: note)
            }
            s.element("p", ["id": "ledger-size", "data-size": String(size)],
                      text: language.text("cover_size", format.integer(Int(size)), format.integer(Int(content.provenance.size))))
            s.element("p") { p in
                p.text(language.text("cover_root") + " ")
                if let root = content.provenance.root {
                    // Four groups of 16 hex digits, each kept whole, on their own line: wraps between groups only.
                    p.element("span", ["class": "root", "id": "ledger-root", "data-root": root]) { span in
                        for (n, group) in rootGroups(root).enumerated() {
                            if n > 0 { span.text(" ") }
                            span.element("span", ["class": "group"], text: group)
                        }
                    }
                } else {
                    p.element("span", ["class": "root", "id": "ledger-root"], text: language.text("cover_root_missing"))
                }
            }
            s.element("p", text: language.text("cover_produced", language.longDate(content.producedOn)))
        }
    }

    /// The root in groups of 16 characters (the last may be shorter).
    static func rootGroups(_ root: String) -> [String] {
        var groups: [String] = [], rest = Substring(root)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(16)))
            rest = rest.dropFirst(16)
        }
        return groups
    }

    static func keyFigures(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let y = content.year
        html.element("section", ["id": "key-figures"]) { s in
            s.element("h2", text: language.text("key_figures", String(y), String(y - 1)))
            s.element("div", ["class": Block.scroll]) { $0.element("table", ["class": "key-figures"]) { t in
                t.element("thead") { head in
                    head.element("tr") { r in
                        r.element("th", text: language.label("figure"))
                        r.element("th", ["class": "n"], text: content.report.yearHeading(y, language: language))
                        r.element("th", ["class": "n"], text: content.report.yearHeading(y - 1, language: language))
                        r.element("th", text: language.label("change"))
                    }
                }
                t.element("tbody") { body in
                    for ((key, now), (_, before)) in zip(content.report.current.figures, content.report.previous.figures) {
                        let (arrow, words, style) = change(key: key, content.report.change(of: key), language: language)
                        body.element("tr") { r in
                            r.element("td", text: language.label(key))
                            r.element("td", ["class": "n", "data-key": key, "data-value": now.json], text: written(key, now, format))
                            r.element("td", ["class": "n", "data-previous": before.json], text: written(key, before, format))
                            r.element("td", ["class": style]) { cell in
                                cell.element("span", ["aria-hidden": "true"], text: arrow + " ")
                                cell.text(words)
                            }
                        }
                    }
                }
            } }
        }
    }

    /// A figure in the language's conventions.
    static func written(_ key: String, _ value: AnnualStatistics.Value, _ format: NumberFormat) -> String {
        switch value {
        case .integer(let n): format.integer(n)
        case .decimal(let t): key.hasSuffix("_pct") ? format.percent(t) : format.decimal(t)
        case .noData: format.language.text("no_data")
        }
    }

    /// The arrow, the change in plain words and its CSS class (`up` and `down` are drawn bold: only for a change
    /// in percent or points between two whole years).
    static func change(key: String, _ change: FigureChange, language: ReportLanguage) -> (String, String, String) {
        let format = NumberFormat(language)
        switch change {
        case .noData(let year):
            return ("·", language.text("no_data_previous", String(year)), "same")
        case .partial(let year):
            return ("·", language.text("partial_year", String(year)), "same")
        case .same:
            return ("→", language.text("same"), "same")
        case .counts(let now, let before):
            return (now > before ? "↑" : "↓", language.text("small_counts", format.integer(now), format.integer(before)), "same")
        case .fromZero(let year):
            return ("↑", language.text("new_value", String(year)), "up")
        case .percent(let pct):
            let magnitude = format.percent(Tenths(tenths: Int64(pct.tenths.magnitude)))
            return pct.tenths > 0 ? ("↑", language.text("up", magnitude), "up") : ("↓", language.text("down", magnitude), "down")
        case .difference(let delta):
            let magnitude = format.decimal(Tenths(tenths: Int64(delta.tenths.magnitude)))
            let minutes = key.hasSuffix("_min")
            let words = language.text(delta.tenths > 0 ? (minutes ? "minutes_up" : "points_up") : (minutes ? "minutes_down" : "points_down"), magnitude)
            return delta.tenths > 0 ? ("↑", words, "up") : ("↓", words, "down")
        case .undefined:
            return ("·", language.text("undefined"), "same")
        }
    }
}
