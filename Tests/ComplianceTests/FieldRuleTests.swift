import Foundation
import Testing

@testable import Compliance

@Suite("Field rules and their messages")
struct FieldRuleTests {
    static func bytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var text = text
        return text.withUTF8 { body($0) }
    }

    static func failure<T>(_ result: Result<T, Problem>) -> Problem? {
        if case .failure(let problem) = result { problem } else { nil }
    }

    @Test("identifiers are normalised: NPP upper-case without spaces, a dotted 15-digit NPWP gains its leading 0")
    func normalisation() throws {
        #expect(try Self.bytes("jj0p 4391") { FieldRules.npp($0) }.get() == "JJ0P4391")
        #expect(try Self.bytes("01.234.567.8-901.000") { FieldRules.npwp($0) }.get() == "0012345678901000")
        #expect(try Self.bytes("0012 3456 7890 1000") { FieldRules.npwp($0) }.get() == "0012345678901000")
        #expect(try Self.bytes("jkk, JHT|jkm jkk") { FieldRules.programs($0) }.get() == ["JKK", "JKM", "JHT"])
        #expect(Self.bytes("Medium") { FieldRules.choice($0, FieldRules.scales) } == "menengah")
    }

    @Test(
        "each rule rejects with its own code",
        arguments: [
            ("npp", "JJ-0P!", "npp_format"),
            ("npwp", "12.345", "npwp_format"),
            ("nik", "317101010190000", "nik_length"),
            ("nik", "0971014101900001", "nik_province"),
            ("nik", "3171013201900001", "nik_birth_day"),
            ("nik", "3171014113900001", "nik_birth_month"),
            ("nik", "3171014101900000", "nik_serial"),
            ("wage", "5.396.761", "money_thousands_separator"),
            ("wage", "Rp 5396761", "money_currency"),
            ("wage", "2446880,68", "money_decimal_comma"),
            ("wage", "100.125", "money_thousands_separator"),
            ("wage", "100.1234", "money_decimals"),
            ("wage", "-5000", "money_negative"),
            ("wage", "0.00", "money_positive"),
            ("wage", "lima juta", "money_format"),
            ("wage", "1000000000000000", "money_too_large"),
            ("wage", String(repeating: "9", count: 40), "money_too_large"),
            ("wage", String(repeating: "9", count: 40) + ".50", "money_too_large"),
            ("registered_on", "2021-02-29", "date_format"),
            ("period", "2025-13", "period_format"),
            ("risk_group", "+3", "whole_number"),
            ("risk_group", "6", "number_range"),
            ("programs", "JKK|BPJS", "programs_unknown"),
            ("programs", "|,", "programs_empty"),
        ])
    func rules(column: String, value: String, rule: String) {
        let problem: Problem? = Self.bytes(value) { bytes in
            switch column {
            case "npp": Self.failure(FieldRules.npp(bytes))
            case "npwp": Self.failure(FieldRules.npwp(bytes))
            case "nik": Self.failure(FieldRules.nik(bytes))
            case "wage": Self.failure(FieldRules.money(bytes, column: "wage", positive: true, personal: false))
            case "registered_on": Self.failure(FieldRules.date(bytes, column: column))
            case "period": Self.failure(FieldRules.period(bytes))
            case "risk_group": Self.failure(FieldRules.wholeNumber(bytes, column: column, range: 1...5))
            case "programs": Self.failure(FieldRules.programs(bytes))
            default: nil
            }
        }
        #expect(problem?.rule == rule)
    }

    @Test("messages name the value, except personal data, which is masked or left out")
    func messages() {
        let nik = Self.bytes("317101010190000") { Self.failure(FieldRules.nik($0)) }
        #expect(nik?.described(.indonesian) == "kolom nik: \"3171*********00\" harus 16 digit (ada 15)")
        #expect(nik?.described(.english) == "column nik: \"3171*********00\" must be 16 digits (has 15)")
        let wage = Self.bytes("5.396.761") {
            Self.failure(FieldRules.money($0, column: "wage", positive: true, personal: true))
        }
        #expect(
            wage?.described(.indonesian)
                == "kolom wage: pemisah ribuan tidak diperbolehkan: tulis 5396761, bukan 5.396.761")
        let amount = Self.bytes("Rp 5,396,761") {
            Self.failure(FieldRules.money($0, column: "amount", positive: true, personal: false))
        }
        #expect(amount?.message(.english).hasPrefix("\"Rp 5,396,761\" without \"Rp\"") == true)
        #expect(Formatting.count(1204, .indonesian) == "1.204")
        #expect(Formatting.count(2_100_000, .english) == "2,100,000")
    }

    @Test("money: 15 digits before the point at most, counted without leading zeros; the message names the limit")
    func moneyLimit() throws {
        let largest = "999999999999999.99"
        #expect(
            try Self.bytes(largest) { FieldRules.money($0, column: "wage", positive: true, personal: true) }
                .map(FieldRules.text).get() == largest)
        #expect(
            try Self.bytes("0000000000000000005") {
                FieldRules.money($0, column: "amount", positive: true, personal: false)
            }
            .map(FieldRules.text).get() == "0000000000000000005")
        let tooLarge = Self.bytes("1000000000000000") {
            Self.failure(FieldRules.money($0, column: "wage", positive: true, personal: true))
        }
        #expect(
            tooLarge?.described(.indonesian)
                == "kolom wage: paling banyak 15 angka sebelum titik (di bawah seribu triliun rupiah); nilai ini 16 angka"
        )
        #expect(
            tooLarge?.described(.english)
                == "column wage: at most 15 digits before the point (under a thousand trillion rupiah); this value has 16"
        )
    }

    @Test("text: UTF-8 and at most the allowed characters, counted as characters, not bytes")
    func text() {
        #expect(
            Self.bytes(String(repeating: "é", count: 300)) { FieldRules.text($0, column: "name", maximum: 300) } == nil)
        #expect(
            Self.bytes(String(repeating: "a", count: 301)) { FieldRules.text($0, column: "name", maximum: 300) }?.rule
                == "text_length")
        let invalid: [UInt8] = [0x50, 0x54, 0xFF, 0x20]
        #expect(
            invalid.withUnsafeBufferPointer { FieldRules.text($0, column: "name", maximum: 300) }?.rule
                == "text_encoding")
    }
}
