import Compliance
import Foundation
import Reports
import Testing

/// One of each chart on a page, opened in Chromium: it loads without a console message and a
/// reader sees every title, legend and the minimum-wage marker. PERIKSA_CHART_PREVIEW=FILE also
/// writes the page, to look at with scripts/render-html.
@Suite("Chart preview page")
struct ChartPreview {
    @Test("one of each chart on a page, read in Chromium")
    func page() throws {
        let months = (1...12).map { "2025-\($0 < 10 ? "0" : "")\($0)" }
        let html =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
            + Charts.lines(
                title: "Tenaga kerja: BPJS dan sumber luar", labels: months,
                series: [
                    .init(name: "BPJS", values: (0..<12).map { Double(60 + $0) }, color: Charts.palette[0]),
                    .init(name: "WLKP", values: (0..<12).map { $0 % 3 == 0 ? nil : 90 }, color: Charts.palette[1]),
                    .init(name: "Pajak", values: (0..<12).map { _ in 88 }, color: Charts.palette[2]),
                ], format: { String(Int($0)) })
            + Charts.bars(
                title: "Iuran terutang dan dibayar", labels: months,
                series: [
                    .init(name: "terutang", values: (0..<12).map { _ in 40_000_000 }, color: Charts.palette[0]),
                    .init(
                        name: "dibayar", values: (0..<12).map { $0 < 9 ? 40_000_000 : 10_000_000 },
                        color: Charts.palette[1]),
                ], format: { Formatting.rupiahCompact($0) })
            + Charts.histogram(
                title: "Sebaran upah", values: (0..<60).map { 4_000_000 + Double($0 * 90_000) }, bins: 10,
                marker: (label: "UMP Rp 5.396.761", value: 5_396_761), format: { Formatting.rupiahCompact($0) })
            + "</body></html>"
        if let path = ProcessInfo.processInfo.environment["PERIKSA_CHART_PREVIEW"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let text = try #require(try RenderingTests.visibleText([(name: "charts", html: html)])["charts"])
        // Legends, axis labels and the marker are drawn; the titles are each chart's accessible
        // name (the reports caption them).
        for expected in ["BPJS", "WLKP", "Pajak", "terutang", "dibayar", "UMP Rp 5.396.761", "2025-01"] {
            #expect(text.contains(expected), "the page does not show \(expected)")
        }
        for title in ["Tenaga kerja: BPJS dan sumber luar", "Iuran terutang dan dibayar", "Sebaran upah"] {
            #expect(html.contains("aria-label=\"\(title)\""), "no chart is named \(title)")
        }
    }
}
