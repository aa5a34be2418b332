import Foundation
import Postgres

/// KIND `workforce`: headcounts declared to other agencies. Replacement unit: (source, the
/// first present of npp, npwp, nib, period).
struct WorkforceLoader: StagedRows {
    var stagingColumns: [(name: String, type: String)] {
        [
            ("source", "text"), ("period", "date"), ("unit_key", "text"), ("npp", "text"), ("npwp", "text"),
            ("nib", "text"), ("name", "text"), ("region_code", "text"), ("headcount", "integer"),
            ("wage_bill", "numeric(18,2)"),
        ]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let source = required(field, "source", &problems) {
            FieldRules.oneOf(
                $0, FieldRules.sources, column: "source", rule: "source_unknown",
                known: ("sumber yang dikenal (wlkp, pajak, pemda, oss)", "a known source (wlkp, pajak, pemda, oss)"))
        }
        let period = required(field, "period", &problems) { FieldRules.period($0) }
        // Each identifier is checked; the first present one names the replacement unit.
        var unitKey: String?
        var unitKnown = true
        let npp = field.isPresent("npp") ? value(FieldRules.npp(field("npp")), &problems) : nil
        if field.isPresent("npp") { unitKey = npp.map { "npp:" + $0 }; unitKnown = npp != nil }
        let npwp = field.isPresent("npwp") ? value(FieldRules.npwp(field("npwp")), &problems) : nil
        if unitKey == nil, unitKnown, field.isPresent("npwp") {
            unitKey = npwp.map { "npwp:" + $0 }; unitKnown = npwp != nil
        }
        var nib: String?
        if field.isPresent("nib") {
            if let problem = FieldRules.fixedDigits(field("nib"), count: 13, column: "nib") {
                problems.append(problem)
                if unitKey == nil { unitKnown = false }
            } else {
                nib = field.string("nib")
                if unitKey == nil, unitKnown { unitKey = "nib:" + field.string("nib") }
            }
        }
        if !field.isPresent("npp"), !field.isPresent("npwp"), !field.isPresent("nib") {
            problems.append(
                Problem(
                    column: nil, rule: "identifier_missing",
                    indonesian: "salah satu dari npp, npwp atau nib wajib diisi",
                    english: "one of npp, npwp or nib is required"))
        }
        let name = requiredText(field, "name", maximum: nil, &problems)
        let region = requiredDigits(field, "region_code", count: 4, &problems)
        let headcount = required(field, "headcount", &problems) {
            FieldRules.wholeNumber($0, column: "headcount", range: 0...Int(Int32.max))
        }
        let wageBill =
            field.isPresent("wage_bill")
            ? value(
                FieldRules.money(field("wage_bill"), column: "wage_bill", positive: false, personal: false).map(
                    FieldRules.text),
                &problems) : nil
        let periodText = period.map(FieldRules.firstDay)
        var unit: String?
        if let source, let periodText, let unitKey, unitKnown { unit = "\(source)|\(unitKey)|\(periodText)" }
        return (
            unit,
            [source, periodText, unitKey, npp, npwp, nib, name, region, headcount.map(String.init), wageBill]
        )
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        let parts = unit.split(separator: "|")
        let shown = parts.count == 3 ? "\(parts[0]) \(parts[1]) \(parts[2].prefix(7))" : unit
        return FieldRules.problem(
            nil, "workforce_duplicate",
            "sumber, identitas dan periode yang sama (\(shown)) muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "the same source, identifier and period (\(shown)) appear more than once in the file (lines \(lines)); all of them are rejected"
        )
    }

    let upsertFile = "upsert_workforce.sql"
}
