/// One line of a line chart: a name for the legend and one value per point (nil leaves a gap).
public struct ChartSeries: Sendable {
    /// The legend's name.
    public var name: String
    /// One value per point of the x axis.
    public var values: [Double?]

    /// Makes a series.
    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }
}

/// What every chart of the comité's report says about itself: a title, a text alternative, the axes' titles (with
/// their units) and the language its numbers are written in.
public struct ChartText: Sendable {
    /// Shown above the chart and given as the SVG `<title>`.
    public var title: String
    /// The text alternative (`<desc>`): what the chart shows, in a sentence or two with its main numbers.
    public var description: String
    /// The x axis's title.
    public var xTitle: String
    /// The y axis's title, with the unit.
    public var yTitle: String
    /// How tick labels are written.
    public var format: NumberFormat

    /// Makes the texts of a chart.
    public init(title: String, description: String, xTitle: String, yTitle: String, format: NumberFormat) {
        self.title = title
        self.description = description
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.format = format
    }
}

/// Charts as inline SVG strings, drawn by the project: pure functions from series to markup, with `<title>`,
/// `<desc>`, `role="img"`, axis titles and ticks. Series differ by colour (the Okabe–Ito palette, safe for
/// colour-blind readers) and by dash style and marker, so black-and-white print still tells them apart.
public enum SVGChart {
    /// Okabe–Ito colours, darkest first (its yellow is left out: too pale on white paper).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9"]
    /// Dash styles, one per series, in the palette's order.
    public static let dashes = ["", "8 4", "2 3", "10 3 2 3", "4 2", "12 4", "1 5"]

    static let width = 720.0, plotLeft = 64.0, plotRight = 700.0, plotTop = 44.0, plotHeight = 220.0

    /// Text sizes, in the units of the chart's `viewBox` (``width`` wide): values, ticks and notes; axis titles,
    /// legends and names; the title.
    enum TextSize {
        static let small = 11, normal = 12, title = 14
    }

    /// The narrowest a chart is drawn, in CSS pixels: where its smallest text is 10 px. The report's stylesheet
    /// gives it as the charts' `min-width`; a narrower screen scrolls the chart sideways rather than shrink its text.
    public static let minimumDisplayWidth = Int((width * 10 / Double(TextSize.small)).rounded(.up))

    /// Whether `line` draws `series`: it has a value, and (with `omitAllZero`) one that is not 0.
    public static func draws(_ series: ChartSeries, omitAllZero: Bool = false) -> Bool {
        series.values.contains { $0 != nil && (!omitAllZero || $0 != 0) }
    }

    /// A line chart: one line per series over `xLabels` (one per point; empty labels draw no tick text). A series
    /// without any value (or, with `omitAllZero`, whose values are all 0) is not drawn and has no legend entry; the
    /// others keep the colour, dash and marker of their position in `series`.
    public static func line(id: String, text: ChartText, xLabels: [String], series: [ChartSeries], markers: Bool = true,
                            omitAllZero: Bool = false) -> String {
        let drawn = series.enumerated().filter { draws($0.element, omitAllZero: omitAllZero) }
        let maximum = drawn.flatMap { $0.element.values.compactMap { $0 } }.max() ?? 0
        let scale = Scale(maximum: maximum)
        let legendRows = (drawn.count + 2) / 3
        let height = plotTop + plotHeight + 56 + Double(legendRows) * 20
        var svg = open(id: id, text: text, height: height)
        svg += axes(text: text, scale: scale, xLabels: xLabels, height: height)
        let count = max(xLabels.count, 1)
        func x(_ i: Int) -> Double { count == 1 ? (plotLeft + plotRight) / 2 : plotLeft + 8 + Double(i) * (plotRight - plotLeft - 16) / Double(count - 1) }
        for (n, line) in drawn {
            let colour = palette[n % palette.count], dash = dashes[n % dashes.count]
            var path = "", pen = false
            for (i, value) in line.values.enumerated() {
                guard let value else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(fmt(x(i))) \(fmt(scale.y(value)))"
                pen = true
            }
            svg += "<path d=\"\(path.dropFirst())\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            if markers {
                for (i, value) in line.values.enumerated() {
                    if let value { svg += marker(n, x: x(i), y: scale.y(value), colour: colour) }
                }
            }
        }
        svg += legend(drawn.map { ($0.offset, $0.element.name) }, top: plotTop + plotHeight + 56, markers: markers)
        return svg + "</svg>"
    }

    /// A bar chart: one bar per label; the bars in `highlighted` are hatched and named `highlightName` in the legend,
    /// the others plain and named `plainName`. Each bar carries its value.
    public static func bars(id: String, text: ChartText, labels: [String], values: [Int], highlighted: Set<Int> = [],
                            plainName: String, highlightName: String? = nil) -> String {
        let scale = Scale(maximum: Double(values.max() ?? 0))
        let height = plotTop + plotHeight + 76
        var svg = open(id: id, text: text, height: height)
        svg += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(palette[1])\" stroke-width=\"3\"/></pattern></defs>"
        svg += axes(text: text, scale: scale, xLabels: [], height: height)
        let slot = (plotRight - plotLeft) / Double(max(values.count, 1))
        for (i, value) in values.enumerated() {
            let x = plotLeft + Double(i) * slot + slot * 0.15, top = scale.y(Double(value))
            let fill = highlighted.contains(i) ? "url(#\(id)-hatch)" : palette[0]
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(top))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(plotTop + plotHeight - top))\" "
                + "fill=\"\(fill)\" stroke=\"#000000\" stroke-width=\"0.6\"><title>\(HTMLText.escape(labels[safe: i] ?? "")): "
                + "\(HTMLText.escape(text.format.integer(value)))</title></rect>"
            svg += label(text.format.integer(value), x: x + slot * 0.35, y: top - 3, anchor: "middle", size: TextSize.small)
            svg += label(labels[safe: i] ?? "", x: x + slot * 0.35, y: plotTop + plotHeight + 14, anchor: "middle", size: TextSize.small)
        }
        // A legend entry only for a kind of bar that is drawn (at least one bar of it above 0).
        let legendTop = plotTop + plotHeight + 56
        var entries: [(name: String, fill: String)] = []
        if values.indices.contains(where: { !highlighted.contains($0) && values[$0] > 0 }) { entries.append((plainName, palette[0])) }
        if let highlightName, values.indices.contains(where: { highlighted.contains($0) && values[$0] > 0 }) {
            entries.append((highlightName, "url(#\(id)-hatch)"))
        }
        for (slot, entry) in entries.enumerated() {
            let x = plotLeft + Double(slot) * 240
            svg += "<rect class=\"legend\" x=\"\(fmt(x))\" y=\"\(fmt(legendTop - 9))\" width=\"14\" height=\"10\" fill=\"\(entry.fill)\" stroke=\"#000000\" stroke-width=\"0.6\"/>"
            svg += label(entry.name, x: x + 20, y: legendTop, anchor: "start", size: TextSize.normal)
        }
        return svg + "</svg>"
    }

    static let labelRight = 250.0, barLeft = 258.0, rowHeight = 30.0

    /// A horizontal bar chart: one bar per label (a category's name on the left, its value after the bar), over a
    /// value axis from 0 with round ticks. Every bar is a `rect class="bar"` whose `<title>` is `label: value`.
    public static func horizontalBars(id: String, text: ChartText, labels: [String], values: [Int]) -> String {
        let scale = Scale(maximum: Double(values.max() ?? 0))
        let right = plotRight - 40, top = plotTop, bottom = plotTop + Double(values.count) * rowHeight
        let height = bottom + 48
        func x(_ value: Double) -> Double { barLeft + (right - barLeft) * value / scale.top }
        var svg = open(id: id, text: text, height: height)
        for tick in scale.ticks {
            svg += "<line x1=\"\(fmt(x(tick)))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x(tick)))\" y2=\"\(fmt(bottom))\" stroke=\"#cccccc\" stroke-width=\"0.6\"/>"
            svg += label(text.format.tick(tick), x: x(tick), y: bottom + 14, anchor: "middle", size: TextSize.small)
        }
        svg += "<line x1=\"\(fmt(barLeft))\" y1=\"\(fmt(top))\" x2=\"\(fmt(barLeft))\" y2=\"\(fmt(bottom))\" stroke=\"#000000\"/>"
        svg += "<line x1=\"\(fmt(barLeft))\" y1=\"\(fmt(bottom))\" x2=\"\(fmt(right))\" y2=\"\(fmt(bottom))\" stroke=\"#000000\"/>"
        for (i, value) in values.enumerated() {
            let y = top + Double(i) * rowHeight, name = labels[safe: i] ?? ""
            svg += label(name, x: labelRight, y: y + rowHeight / 2 + 4, anchor: "end", size: TextSize.normal)
            svg += "<rect class=\"bar\" x=\"\(fmt(barLeft))\" y=\"\(fmt(y + 5))\" width=\"\(fmt(x(Double(value)) - barLeft))\" "
                + "height=\"\(fmt(rowHeight - 10))\" fill=\"\(palette[0])\" stroke=\"#000000\" stroke-width=\"0.6\">"
                + "<title>\(HTMLText.escape(name)): \(HTMLText.escape(text.format.integer(value)))</title></rect>"
            svg += label(text.format.integer(value), x: x(Double(value)) + 5, y: y + rowHeight / 2 + 4, anchor: "start", size: TextSize.small)
        }
        svg += label(text.xTitle, x: (barLeft + right) / 2, y: bottom + 34, anchor: "middle", size: TextSize.normal)
        return svg + "</svg>"
    }

    /// One stage of a funnel: its name, its count and the words under it (its share of an earlier stage).
    public struct Stage: Sendable {
        public var name: String, value: Int, note: String
        /// Makes a stage.
        public init(name: String, value: Int, note: String) {
            self.name = name
            self.value = value
            self.note = note
        }
    }

    /// A funnel: one centred bar per stage, its width proportional to its count (the first stage's is the widest),
    /// the stage's name, count and note on the left. Stages differ by colour and by fill (plain, hatched,
    /// cross-hatched) so black-and-white print tells them apart. Every bar is a `rect class="bar"` whose `<title>` is
    /// `name: value (note)`.
    public static func funnel(id: String, text: ChartText, stages: [Stage]) -> String {
        let row = 50.0, top = plotTop, centre = (barLeft + plotRight) / 2, widest = plotRight - barLeft
        let maximum = Double(max(stages.map(\.value).max() ?? 0, 1))
        let height = top + Double(stages.count) * row + 10
        var svg = open(id: id, text: text, height: height)
        svg += "<defs>"
        for n in stages.indices where n % 3 != 0 {
            let colour = palette[n % palette.count]
            svg += "<pattern id=\"\(id)-fill\(n)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                + "patternTransform=\"rotate(\(n % 3 == 1 ? 45 : -45))\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(colour)\" stroke-width=\"\(n % 3 == 1 ? 3 : 4)\"/></pattern>"
        }
        svg += "</defs>"
        var previous: (left: Double, right: Double)? = nil
        for (n, stage) in stages.enumerated() {
            let y = top + Double(n) * row, width = widest * Double(stage.value) / maximum
            let left = centre - width / 2, right = centre + width / 2, barTop = y + 8, barBottom = y + row - 8
            if let previous {
                svg += "<path d=\"M\(fmt(previous.left)) \(fmt(barTop - 16)) L\(fmt(previous.right)) \(fmt(barTop - 16)) "
                    + "L\(fmt(right)) \(fmt(barTop)) L\(fmt(left)) \(fmt(barTop)) Z\" fill=\"#e6e6e6\"/>"
            }
            let fill = n % 3 == 0 ? palette[n % palette.count] : "url(#\(id)-fill\(n))"
            let value = text.format.integer(stage.value)
            svg += "<rect class=\"bar\" x=\"\(fmt(left))\" y=\"\(fmt(barTop))\" width=\"\(fmt(width))\" height=\"\(fmt(barBottom - barTop))\" "
                + "fill=\"\(fill)\" stroke=\"#000000\" stroke-width=\"0.6\"><title>\(HTMLText.escape(stage.name)): \(HTMLText.escape(value))"
                + (stage.note.isEmpty ? "" : " (\(HTMLText.escape(stage.note)))") + "</title></rect>"
            svg += label(stage.name, x: plotLeft - 56, y: y + row / 2 - 2, anchor: "start", size: TextSize.normal, weight: "bold")
            svg += label(value + (stage.note.isEmpty ? "" : " — " + stage.note), x: plotLeft - 56, y: y + row / 2 + 12, anchor: "start", size: TextSize.small)
            previous = (left, right)
        }
        return svg + "</svg>"
    }

    // MARK: Parts

    static func open(id: String, text: ChartText, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
            + "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
            + "font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">"
            + "<title id=\"\(id)-title\">\(HTMLText.escape(text.title))</title>"
            + "<desc id=\"\(id)-desc\">\(HTMLText.escape(text.description))</desc>"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
            + label(text.title, x: plotLeft - 56, y: 18, anchor: "start", size: TextSize.title, weight: "bold")
    }

    static func axes(text: ChartText, scale: Scale, xLabels: [String], height: Double) -> String {
        var svg = ""
        let bottom = plotTop + plotHeight
        for tick in scale.ticks {
            let y = scale.y(tick)
            svg += "<line x1=\"\(fmt(plotLeft))\" y1=\"\(fmt(y))\" x2=\"\(fmt(plotRight))\" y2=\"\(fmt(y))\" stroke=\"#cccccc\" stroke-width=\"0.6\"/>"
            svg += label(text.format.tick(tick), x: plotLeft - 6, y: y + 4, anchor: "end", size: TextSize.small)
        }
        svg += "<line x1=\"\(fmt(plotLeft))\" y1=\"\(fmt(plotTop))\" x2=\"\(fmt(plotLeft))\" y2=\"\(fmt(bottom))\" stroke=\"#000000\"/>"
        svg += "<line x1=\"\(fmt(plotLeft))\" y1=\"\(fmt(bottom))\" x2=\"\(fmt(plotRight))\" y2=\"\(fmt(bottom))\" stroke=\"#000000\"/>"
        let count = max(xLabels.count, 1)
        for (i, name) in xLabels.enumerated() where !name.isEmpty {
            let x = count == 1 ? (plotLeft + plotRight) / 2 : plotLeft + 8 + Double(i) * (plotRight - plotLeft - 16) / Double(count - 1)
            svg += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(bottom))\" x2=\"\(fmt(x))\" y2=\"\(fmt(bottom + 4))\" stroke=\"#000000\"/>"
            svg += label(name, x: x, y: bottom + 16, anchor: "middle", size: TextSize.small)
        }
        svg += label(text.xTitle, x: (plotLeft + plotRight) / 2, y: bottom + 34, anchor: "middle", size: TextSize.normal)
        svg += "<text x=\"14\" y=\"\(fmt(plotTop + plotHeight / 2))\" text-anchor=\"middle\" font-size=\"\(TextSize.normal)\" "
            + "transform=\"rotate(-90 14 \(fmt(plotTop + plotHeight / 2)))\">\(HTMLText.escape(text.yTitle))</text>"
        return svg
    }

    /// Legend entries, three per row: each series's style index and name.
    static func legend(_ entries: [(style: Int, name: String)], top: Double, markers: Bool) -> String {
        var svg = ""
        for (slot, (n, name)) in entries.enumerated() {
            let x = plotLeft + Double(slot % 3) * 210, y = top + Double(slot / 3) * 20
            let colour = palette[n % palette.count], dash = dashes[n % dashes.count]
            svg += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(y - 4))\" x2=\"\(fmt(x + 30))\" y2=\"\(fmt(y - 4))\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            if markers { svg += marker(n, x: x + 15, y: y - 4, colour: colour) }
            svg += label(name, x: x + 36, y: y, anchor: "start", size: TextSize.normal)
        }
        return svg
    }

    /// A marker whose shape depends on the series: circle, square, triangle, diamond, then again.
    static func marker(_ n: Int, x: Double, y: Double, colour: String) -> String {
        switch n % 4 {
        case 0: "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3.5\" fill=\"\(colour)\"/>"
        case 1: "<rect x=\"\(fmt(x - 3.5))\" y=\"\(fmt(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\"/>"
        case 2: "<path d=\"M\(fmt(x)) \(fmt(y - 4.5)) L\(fmt(x + 4.5)) \(fmt(y + 3.5)) L\(fmt(x - 4.5)) \(fmt(y + 3.5)) Z\" fill=\"\(colour)\"/>"
        default: "<path d=\"M\(fmt(x)) \(fmt(y - 5)) L\(fmt(x + 4.5)) \(fmt(y)) L\(fmt(x)) \(fmt(y + 5)) L\(fmt(x - 4.5)) \(fmt(y)) Z\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
        }
    }

    static func label(_ text: String, x: Double, y: Double, anchor: String, size: Int, weight: String = "normal") -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\""
            + (weight == "normal" ? "" : " font-weight=\"\(weight)\"") + ">\(HTMLText.escape(text))</text>"
    }

    /// A coordinate with at most one decimal.
    static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : "", magnitude = abs(tenths)
        return sign + String(magnitude / 10) + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
    }

    /// The y axis: from 0 to a round maximum, with four or five round ticks.
    struct Scale {
        let top: Double
        let step: Double

        init(maximum: Double) {
            let raw = Swift.max(maximum, 1) / 5
            var magnitude = 1.0
            while magnitude * 10 <= raw { magnitude *= 10 }
            while magnitude > raw { magnitude /= 10 }
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
            self.step = step
            top = (Swift.max(maximum, 1) / step).rounded(.up) * step
        }

        var ticks: [Double] { Swift.stride(from: 0.0, through: top + step / 2, by: step).map { $0 } }

        func y(_ value: Double) -> Double { SVGChart.plotTop + SVGChart.plotHeight * (1 - value / top) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
