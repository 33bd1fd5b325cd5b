import PLPEvents

extension AnnualReportHTML {
    static func network(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let y = content.year, years = content.networkYears
        let regions = content.activeByRegion(language: language)
        html.element("section", ["id": "network"]) { s in
            s.element("h2", text: language.text("network"))
            let last = regions.map { "\($0.name) \(format.integer(Int($0.values.last.flatMap { $0 } ?? 0)))" }.joined(separator: ", ")
            let text = ChartText(title: language.text("active_by_region"),
                                 description: language.text("active_by_region_desc", String(years.first ?? y), String(y), last),
                                 xTitle: language.text("year"), yTitle: language.text("plps_unit"), format: format)
            s.element("figure") { f in
                chart(SVGChart.line(id: "chart-active", text: text, xLabels: years.map(String.init), series: regions, omitAllZero: true), &f)
                let left = regions.filter { !SVGChart.draws($0, omitAllZero: true) }.map(\.name)
                if !left.isEmpty {
                    f.element("figcaption", ["class": "note"],
                              text: language.text("not_drawn", String(years.first ?? y), String(y), left.joined(separator: ", ")))
                }
            }
            kept(&s) { g in
                g.element("h3", text: language.text("network_by_year"))
                table(["", language.text("approved"), language.text("dissolved"), language.text("members_end")],
                      content.networkByYear.map { [String($0.year), format.integer($0.approved), format.integer($0.dissolved),
                                                    format.integer($0.membersActiveEnd)] }, &g)
            }
            s.element("p", text: language.text("independents_share", format.percent(content.independentsShare(year: y)), String(y),
                                               format.percent(content.independentsShare(year: y - 1)), String(y - 1)))
            let keys = ["plps_active_end", "plps_approved", "plps_dissolved", "members_active_end"]
            let rows = content.report.breakdown(by: .province, language: language).map { group -> [String] in
                let values = Dictionary(uniqueKeysWithValues: group.figures.figures.map { ($0.key, $0.value) })
                return [group.label] + keys.map { key in values[key].map { written(key, $0, format) } ?? "—" }
            }
            kept(&s) { g in
                g.element("h3", text: language.label("by_province") + " (\(y))")
                table([language.label("province")] + keys.map { language.label($0) }, rows, &g)
            }
        }
    }

    static func communication(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let y = content.year, s = content.report.current
        html.element("section", ["id": "communication"]) { sec in
            sec.element("h2", text: language.text("communication"))
            let keys = ["reports_filed", "reports_false_alarm_pct", "alerts_sent", "alerts_urgent", "alert_recipients",
                        "alert_median_delay_min", "feedback_given"]
            let values = Dictionary(uniqueKeysWithValues: s.figures.map { ($0.key, $0.value) })
            var rows = keys.map { key in [language.label(key), values[key].map { written(key, $0, format) } ?? "—"] }
            rows.append([language.text("feedback_rate"), format.percent(content.feedbackRatePct)])
            table([language.label("figure"), String(y)], rows, &sec)

            let funnel = content.reportFunnel
            let assessedPct = Tenths.percentage(funnel.assessed, of: funnel.filed)
            let feedbackPct = Tenths.percentage(funnel.withFeedback, of: funnel.assessed)
            let stages = [
                SVGChart.Stage(name: language.text("funnel_filed"), value: funnel.filed, note: ""),
                SVGChart.Stage(name: language.text("funnel_assessed"), value: funnel.assessed,
                               note: assessedPct.map { language.text("funnel_assessed_share", format.percent($0)) } ?? ""),
                SVGChart.Stage(name: language.text("funnel_feedback"), value: funnel.withFeedback,
                               note: feedbackPct.map { language.text("funnel_feedback_share", format.percent($0)) } ?? ""),
            ]
            let funnelText = ChartText(
                title: language.text("funnel", String(y)),
                description: language.text("funnel_desc", format.integer(funnel.filed), String(y), format.integer(funnel.assessed),
                                           format.percent(assessedPct), format.integer(funnel.withFeedback), format.percent(feedbackPct)),
                xTitle: "", yTitle: "", format: format)
            kept(&sec) { g in
                g.element("figure") { chart(SVGChart.funnel(id: "chart-funnel", text: funnelText, stages: stages), &$0) }
                g.element("p", ["class": "note"], text: language.text("funnel_note"))
            }

            let categories = content.reportsByCategory
            let categoryText = ChartText(
                title: language.text("by_category", String(y)),
                description: language.text("by_category_desc", String(y),
                                           categories.map { language.text($0.category.rawValue) + " " + format.integer($0.count) }
                                               .joined(separator: ", "),
                                           format.integer(categories.reduce(0) { $0 + $1.count })),
                xTitle: language.text("reports_unit"), yTitle: language.text("category"), format: format)
            sec.element("figure") {
                chart(SVGChart.horizontalBars(id: "chart-categories", text: categoryText,
                                              labels: categories.map { language.text($0.category.rawValue) },
                                              values: categories.map(\.count)), &$0)
            }
            table([language.text("category"), language.text("count")],
                  categories.map { [language.text($0.category.rawValue), format.integer($0.count)] }, &sec)

            let hours = content.urgentAlertsByHour
            let night = Set(Array(0..<6) + [22, 23])
            let busiest = hours.indices.max { (hours[$0], $1) < (hours[$1], $0) } ?? 0
            let text = ChartText(
                title: language.text("by_hour", String(y)),
                description: language.text("by_hour_desc", String(y), format.integer(hours.reduce(0, +)),
                                           format.integer(night.reduce(0) { $0 + hours[$1] }), String(busiest), format.integer(hours[busiest])),
                xTitle: language.text("hour"), yTitle: language.text("alerts_unit"), format: format)
            sec.element("figure") {
                chart(SVGChart.bars(id: "chart-hours", text: text, labels: (0..<24).map(String.init), values: hours,
                                    highlighted: night, plainName: language.text("day"), highlightName: language.text("night")), &$0)
            }
        }
    }

    static func burglaries(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let y = content.year
        html.element("section", ["id": "burglaries"]) { s in
            s.element("h2", text: language.text("burglaries"))
            if let monthly = content.monthlyBurglaries {
                let labels = monthly.counts.indices.map { i -> String in
                    let month = monthly.firstMonth + i
                    return month % 12 == 0 || i == 0 ? String(floorDivide(month, 12)) : ""
                }
                let first = PeriodGrouping.month.label(monthly.firstMonth)
                let last = PeriodGrouping.month.label(monthly.firstMonth + monthly.counts.count - 1)
                // Months the crime data covers only in part (or not at all) are left out of the lines, and named.
                let drawn = zip(monthly.counts, monthly.complete).map { $1 ? $0 : nil }
                let partial = monthly.complete.indices.filter { !monthly.complete[$0] }.map { PeriodGrouping.month.label(monthly.firstMonth + $0) }
                var description = language.text("monthly_desc", first, last, String(y), format.integer(content.report.current.burglaries))
                if !partial.isEmpty {
                    let named = partial.count <= 6 ? partial.joined(separator: ", ") : "\(partial.count)"
                    description += " " + language.text("monthly_partial", named)
                }
                let text = ChartText(title: language.text("monthly"), description: description,
                                     xTitle: language.text("month"), yTitle: language.text("burglaries_unit"), format: format)
                let series = [ChartSeries(name: language.text("per_month"), values: drawn.map { $0.map(Double.init) }),
                              ChartSeries(name: language.text("moving_average"), values: AnnualReportContent.movingAverage(drawn))]
                s.element("figure") {
                    chart(SVGChart.line(id: "chart-burglaries", text: text, xLabels: labels, series: series, markers: false), &$0)
                }
            }
            let changes = content.communeChanges
            s.element("p", ["class": "note", "id": "changes-ranking"],
                      text: language.text("communes_note", format.integer(AnnualReportContent.minimumBurglaries)) + " "
                        + language.text("ranking", String(y - 1), String(y)))
            for (id, title, list) in [("rises", language.text("rises"), changes.rises), ("falls", language.text("falls"), changes.falls)] {
                kept(&s) { g in
                    g.element("h3", ["id": id], text: title + " (\(y - 1) → \(y))")
                    if list.isEmpty {
                        g.element("p", text: language.text("none_listed"))
                    } else {
                        table([language.text("commune"), String(y - 1), String(y), language.text("change_abs"), language.text("change")], list.map { c in
                            [language.name(of: c.commune), format.integer(c.previous), format.integer(c.current),
                             format.signedInteger(c.change), format.signedPercent(c.changePct)]
                        }, &g)
                    }
                }
            }
            // The headline figure, its comparison, what was left out and the caveat are read together: one page.
            let effect = content.plpEffect
            kept(&s, id: "plp-effect") { g in
                g.element("h3", text: language.text("effect"))
                g.element("p", text: language.text("effect_text", format.integer(effect.communes), format.signedPercent(effect.changePct),
                                                   format.signedPercent(effect.controlChangePct),
                                                   effect.didPct.map { (($0.tenths > 0) ? "+" : "") + format.decimal($0) } ?? "—"))
                if effect.leftOut > 0 { g.element("p", ["class": "note"], text: language.text("effect_left_out", format.integer(effect.leftOut))) }
                g.element("p", ["class": "caveat"], text: language.text("effect_caveat"))
            }
        }
    }

    static func programme(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let y = content.year, now = content.report.current, before = content.report.previous
        html.element("section", ["id": "programme"]) { s in
            s.element("h2", text: language.text("programme"))
            table([language.label("figure"), String(y), String(y - 1)], [
                [language.label("courses_delivered"), format.integer(now.coursesDelivered), format.integer(before.coursesDelivered)],
                [language.label("course_participants"), format.integer(now.courseParticipants), format.integer(before.courseParticipants)],
                [language.text("best_practices"), format.integer(content.bestPracticesShared(year: y)),
                 format.integer(content.bestPracticesShared(year: y - 1))],
            ], &s)
        }
    }

    static func method(_ content: AnnualReportContent, _ language: ReportLanguage, _ html: inout HTMLText) {
        let format = NumberFormat(language)
        let size = format.integer(Int(content.provenance.size))
        html.element("section", ["id": "method"]) { s in
            s.element("h2", text: language.text("method"))
            s.element("p", text: language.text("method_data", size))
            s.element("p", text: language.text("method_year", String(content.year)))
            s.element("p", text: language.text("method_defs"))
            s.element("ul") { list in
                for key in ["plps_active_end", "members_active_end", "reports_false_alarm_pct", "alerts_urgent_night", "alert_median_delay_min"] {
                    list.element("li") { item in
                        item.element("strong", text: language.label(key))
                        item.text((language == .fr ? "\u{202F}: " : ": ") + language.text("def_" + key) + ".")
                    }
                }
            }
            s.element("p", text: language.text("method_burglaries", String(content.year)))
            s.element("p", text: language.text("method_effect"))
        }
    }

    /// A table in a container that scrolls sideways on a narrow screen: a header row, then rows whose cells after
    /// the first are numbers (right-aligned).
    static func table(_ header: [String], _ rows: [[String]], _ html: inout HTMLText) {
        html.element("div", ["class": Block.scroll]) { $0.element("table") { t in
            t.element("thead") { head in
                head.element("tr") { r in
                    for (i, cell) in header.enumerated() { r.element("th", i == 0 ? [:] : ["class": "n"], text: cell) }
                }
            }
            t.element("tbody") { body in
                for row in rows {
                    body.element("tr") { r in
                        for (i, cell) in row.enumerated() { r.element("td", i == 0 ? [:] : ["class": "n"], text: cell) }
                    }
                }
            }
        } }
    }

    /// A chart's SVG in a container that scrolls sideways on a screen too narrow for it (``SVGChart/minimumDisplayWidth``).
    static func chart(_ svg: String, _ html: inout HTMLText) {
        html.element("div", ["class": Block.scroll]) { $0.raw(svg) }
    }

    /// What `body` writes, as one group that printing keeps on one page (``Block/keep``).
    static func kept(_ html: inout HTMLText, id: String? = nil, _ body: (inout HTMLText) -> Void) {
        if let id {
            html.element("div", ["class": Block.keep, "id": id], body)
        } else {
            html.element("div", ["class": Block.keep], body)
        }
    }
}
