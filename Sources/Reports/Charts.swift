import Foundation

/// Inline SVG charts for the HTML reports: no script, no external file, readable when
/// printed, with a text alternative (`aria-label`) and each value in a `<title>`.
public enum Charts {
    /// A named series of values (nil: no value for that position).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public var color: String

        public init(name: String, values: [Double?], color: String) {
            (self.name, self.values, self.color) = (name, values, color)
        }
    }

    /// The palette of the reports (colour-blind safe).
    public static let palette = ["#0b6e4f", "#d55e00", "#0072b2", "#cc79a7", "#e69f00", "#56b4e9"]

    static let width = 640.0
    static let height = 260.0
    static let left = 72.0, right = 28.0, top = 16.0, bottom = 56.0

    /// Lines over positions labelled `labels` (months, say): workers reported against each source.
    public static func lines(title: String, labels: [String], series: [Series], format: (Double) -> String) -> String {
        let maximum = niceMaximum(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        var svg = open(title: title)
        svg += axes(labels: labels, maximum: maximum, format: format)
        let step = labels.count > 1 ? (width - left - right) / Double(labels.count - 1) : 0
        for item in series {
            // A missing value breaks the line: no month is bridged over.
            var segments: [[String]] = [[]]
            for (index, value) in item.values.enumerated() {
                guard let value else {
                    if !(segments.last ?? []).isEmpty { segments.append([]) }
                    continue
                }
                let x = left + Double(index) * step
                let y = scaleY(value, maximum)
                segments[segments.count - 1].append("\(fmt(x)),\(fmt(y))")
                svg +=
                    "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3\" fill=\"\(item.color)\"><title>\(Escaping.html(item.name)), \(Escaping.html(labels[index])): \(Escaping.html(format(value)))</title></circle>"
            }
            for points in segments where points.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
        }
        svg += legend(series)
        return svg + "</svg>"
    }

    /// Grouped bars per position: contributions due against paid, per month.
    public static func bars(
        title: String, labels: [String], series: [Series], format: (Double) -> String, integerTicks: Bool = false
    ) -> String {
        var maximum = niceMaximum(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        if integerTicks { maximum = max(4, (maximum / 4).rounded(.up) * 4) }
        var svg = open(title: title)
        svg += axes(labels: labels, maximum: maximum, format: format, centred: true)
        let slot = (width - left - right) / Double(max(labels.count, 1))
        let barWidth = slot * 0.8 / Double(max(series.count, 1))
        for (seriesIndex, item) in series.enumerated() {
            for (index, value) in item.values.enumerated() {
                guard let value else { continue }
                let x = left + Double(index) * slot + slot * 0.1 + Double(seriesIndex) * barWidth
                let y = scaleY(value, maximum)
                svg +=
                    "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(barWidth))\" height=\"\(fmt(height - bottom - y))\" fill=\"\(item.color)\"><title>\(Escaping.html(item.name)), \(Escaping.html(labels[index])): \(Escaping.html(format(value)))</title></rect>"
            }
        }
        svg += legend(series)
        return svg + "</svg>"
    }

    /// How many values fall in each of `bins` equal ranges, with a marked reference value (the
    /// minimum wage) drawn as a vertical line.
    public static func histogram(
        title: String, values: [Double], bins: Int, marker: (label: String, value: Double)?,
        format: (Double) -> String
    ) -> String {
        let low = min(values.min() ?? 0, marker?.value ?? .infinity)
        let high = max(values.max() ?? 1, marker?.value ?? -.infinity)
        let span = max(high - low, 1)
        var counts = Array(repeating: 0, count: bins)
        for value in values { counts[min(bins - 1, Int((value - low) / span * Double(bins)))] += 1 }
        let labels = (0..<bins).map { format(low + span * Double($0) / Double(bins)) }
        var svg = bars(
            title: title, labels: labels,
            series: [Series(name: title, values: counts.map(Double.init), color: palette[2])],
            format: { String(Int($0)) }, integerTicks: true)
        if let marker {
            svg.removeLast("</svg>".count)
            let x = left + (marker.value - low) / span * (width - left - right)
            svg +=
                "<line x1=\"\(fmt(x))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x))\" y2=\"\(fmt(height - bottom))\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"4 3\"><title>\(Escaping.html(marker.label))</title></line>"
            // The label on the side with room: left of the line in the right half.
            let rightHalf = x > left + (width - left - right) / 2
            svg +=
                "<text x=\"\(fmt(rightHalf ? x - 4 : x + 4))\" y=\"\(fmt(top + 10))\" font-size=\"11\" fill=\"#b3261e\" text-anchor=\"\(rightHalf ? "end" : "start")\">\(Escaping.html(marker.label))</text></svg>"
        }
        return svg
    }

    // MARK: - Parts

    static func open(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Escaping.html(title))\" class=\"chart\" style=\"max-width:100%;height:auto\" font-family=\"sans-serif\">"
    }

    static func axes(labels: [String], maximum: Double, format: (Double) -> String, centred: Bool = false) -> String {
        var out = ""
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            let y = scaleY(value, maximum)
            out +=
                "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(y))\" stroke=\"#d9dee3\"/>"
            out +=
                "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5a6673\">\(Escaping.html(format(value)))</text>"
        }
        let count = max(labels.count, 1)
        // As many labels as fit: about 7 px a character.
        let longest = Double(labels.map(\.count).max() ?? 1) * 7 + 8
        let fitting = max(1, Int((width - left - right) / longest))
        let every = max(1, Int((Double(count) / Double(fitting)).rounded(.up)))
        for (index, label) in labels.enumerated() where index % every == 0 {
            let x =
                centred
                ? left + (Double(index) + 0.5) * (width - left - right) / Double(count)
                : left + (count > 1 ? Double(index) * (width - left - right) / Double(count - 1) : 0)
            out +=
                "<text x=\"\(fmt(x))\" y=\"\(fmt(height - bottom + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5a6673\">\(Escaping.html(label))</text>"
        }
        return out
    }

    static func legend(_ series: [Series]) -> String {
        var out = ""
        var x = left
        for item in series {
            out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(height - 18))\" width=\"10\" height=\"10\" fill=\"\(item.color)\"/>"
            out +=
                "<text x=\"\(fmt(x + 14))\" y=\"\(fmt(height - 9))\" font-size=\"11\" fill=\"#1b2430\">\(Escaping.html(item.name))</text>"
            x += 24 + Double(item.name.count) * 6.5
        }
        return out
    }

    static func scaleY(_ value: Double, _ maximum: Double) -> Double {
        height - bottom - (maximum > 0 ? value / maximum : 0) * (height - top - bottom)
    }

    /// A round upper bound for the axis: 1, 2 or 5 times a power of ten.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2.0, 5.0, 10.0] where value <= step * power { return step * power }
        return 10 * power
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
