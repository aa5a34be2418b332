import Foundation
import Reports
import Testing

@Suite("Inline SVG charts")
struct ChartTests {
    static let months = ["2025-01", "2025-02", "2025-03"]

    @Test("a line chart draws every value, titled and labelled, with nothing to run")
    func lines() {
        let svg = Charts.lines(
            title: "Tenaga kerja <dilaporkan>", labels: Self.months,
            series: [
                .init(name: "BPJS", values: [10, 12, nil], color: Charts.palette[0]),
                .init(name: "WLKP", values: [20, 20, 21], color: Charts.palette[1]),
            ], format: { String(Int($0)) })
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("aria-label=\"Tenaga kerja &lt;dilaporkan&gt;\""))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 5)  // the missing value is left out
        #expect(svg.contains("<title>WLKP, 2025-03: 21</title>"))
        #expect(!svg.contains("<script"))
    }

    @Test("bars and a histogram with the minimum wage marked")
    func barsAndHistogram() {
        let bars = Charts.bars(
            title: "Iuran", labels: Self.months,
            series: [
                .init(name: "terutang", values: [100, 100, 100], color: "#000"),
                .init(name: "dibayar", values: [100, 50, 0], color: "#111"),
            ],
            format: { String(Int($0)) })
        #expect(bars.components(separatedBy: "<rect").count - 1 == 6 + 2)  // six bars, two legend keys
        let histogram = Charts.histogram(
            title: "Upah", values: [4_000_000, 5_000_000, 5_500_000, 6_000_000, 9_000_000], bins: 5,
            marker: (label: "UMP Rp 5.396.761", value: 5_396_761), format: { String(Int($0)) })
        #expect(histogram.contains("UMP Rp 5.396.761"))
        #expect(histogram.contains("stroke-dasharray"))
        #expect(histogram.hasSuffix("</svg>"))
    }
}
