import Compliance
import Foundation
import Reports
import Testing

@Suite("How reports write amounts, dates and personal data")
struct FormattingTests {
    @Test("rupiah as Rp 5.396.761, cents after a comma, very large amounts exact")
    func rupiah() {
        #expect(Formatting.rupiah(Int64(5_396_761)) == "Rp 5.396.761")
        #expect(Formatting.rupiah(Decimal(string: "2446880.68")!) == "Rp 2.446.880,68")
        #expect(Formatting.rupiah(Decimal(string: "2905119.9")!) == "Rp 2.905.119,90")
        #expect(Formatting.rupiah(Int64(0)) == "Rp 0")
        #expect(Formatting.rupiah(Int64(940_257_381_680)) == "Rp 940.257.381.680")
        #expect(Formatting.rupiah(Decimal(string: "123456789012345678.25")!) == "Rp 123.456.789.012.345.678,25")
        #expect(Formatting.rupiah(Int64(5_396_761), .english) == "Rp 5,396,761")
        #expect(Formatting.count(2_100_000) == "2.100.000")
        #expect(Formatting.rupiahCompact(37_500_000) == "Rp 37,5 jt")
        #expect(Formatting.rupiahCompact(1_200_000_000) == "Rp 1,2 M")
        #expect(Formatting.rupiahCompact(950_000) == "Rp 950 rb")
    }

    @Test("dates as 21 November 2026, periods as Desember 2025")
    func dates() {
        #expect(Formatting.date(year: 2026, month: 11, day: 21) == "21 November 2026")
        #expect(Formatting.date(year: 2025, month: 8, day: 17) == "17 Agustus 2025")
        #expect(Formatting.date(Date(timeIntervalSince1970: 1_795_219_200)) == "21 November 2026")
        #expect(Formatting.period("2025-12") == "Desember 2025")
        #expect(Formatting.period("2025-05", .english) == "May 2025")
    }

    @Test("NIK and names masked: 3171********0001, S*** N***")
    func masking() {
        #expect(Masking.nik("3171014101900001") == "3171********0001")
        #expect(Masking.name("Siti Nurhaliza") == "S*** N***")
    }

    @Test("a hostile employer name is text in HTML and in a Markdown cell")
    func escaping() {
        let name = "<script>alert(1)</script> & \"PT | Maju\""
        #expect(Escaping.html(name) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;PT | Maju&quot;")
        let cell = Escaping.markdownCell(name)
        #expect(!cell.contains("<script>"))
        #expect(cell.contains("\\|"))
        #expect(!cell.replacingOccurrences(of: "\\|", with: "").contains("|"))
        #expect(Escaping.markdownCell("baris\nbaru") == "baris baru")
    }
}
