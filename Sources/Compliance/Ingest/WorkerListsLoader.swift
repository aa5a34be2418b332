import Foundation
import Postgres

/// KIND `worker-lists`: the local governments' lists of workers. Replacement unit: the whole
/// list: a file that holds a `list_code` replaces every earlier row of that list (a revised
/// decree); two rows of one file with the same (list_code, nik) are both rejected.
struct WorkerListsLoader: StagedRows {
    static let categories: [(String, String)] = ["rentan", "informal", "non_asn", "keagamaan", "lainnya"].map {
        ($0, $0)
    }
    static let answers: [(String, String)] = [("ya", "t"), ("yes", "t"), ("tidak", "f"), ("no", "f")]

    var stagingColumns: [(name: String, type: String)] {
        [
            ("list_code", "text"), ("pemda_code", "text"), ("nik", "text"), ("name", "text"), ("region_code", "text"),
            ("category", "text"), ("funded", "boolean"), ("funded_from", "date"), ("funded_to", "date"),
            ("declared_income", "numeric(15,2)"),
        ]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let list = requiredText(field, "list_code", maximum: 60, &problems)
        let pemda = required(field, "pemda_code", &problems) { CoverageFields.regionCode($0, column: "pemda_code") }
        let nik = required(field, "nik", &problems) { CoverageFields.nik($0) }
        let name = CoverageFields.name(field, &problems)
        let region = requiredDigits(field, "region_code", count: 4, &problems)
        let category = required(field, "category", &problems) {
            FieldRules.oneOf(
                $0, Self.categories, column: "category", rule: "category_unknown",
                known: (
                    "kategori yang dikenal (rentan, informal, non_asn, keagamaan, lainnya)",
                    "a known category (rentan, informal, non_asn, keagamaan, lainnya)"
                ))
        }
        let funded = required(field, "funded", &problems) {
            FieldRules.oneOf(
                $0, Self.answers, column: "funded", rule: "funded_answer", known: ("ya atau tidak", "ya or tidak"))
        }
        var from: String?
        var to: String?
        if funded == "t" {
            from = required(field, "funded_from", &problems) { CoverageFields.period($0, column: "funded_from") }
            to = required(field, "funded_to", &problems) { CoverageFields.period($0, column: "funded_to") }
            if let from, let to, from > to {
                problems.append(
                    FieldRules.problem(
                        "funded_to", "funded_window",
                        "funded_from (\(from.prefix(7))) sesudah funded_to (\(to.prefix(7)))",
                        "funded_from (\(from.prefix(7))) is after funded_to (\(to.prefix(7)))"))
            }
        } else if funded == "f" {
            // Periods given for a list that does not fund the person are checked, not kept.
            for column in ["funded_from", "funded_to"] where field.isPresent(column) {
                _ = value(CoverageFields.period(field(column), column: column), &problems)
            }
        }
        var income: String?
        if field.isPresent("declared_income") {
            income = value(
                FieldRules.money(field("declared_income"), column: "declared_income", positive: true, personal: true)
                    .map(FieldRules.text), &problems)
        }
        var unit: String?
        if let list, let nik { unit = list + "|" + nik }
        return (unit, [list, pemda, nik, name, region, category, funded, from, to, income ?? "1000000"])
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        let parts = unit.split(separator: "|", maxSplits: 1)
        let shown = parts.count == 2 ? "\(parts[0]) \(CoverageFields.shown(parts[1]))" : unit
        return FieldRules.problem(
            nil, "worker_list_duplicate",
            "daftar dan NIK yang sama (\(shown)) muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "the same list and NIK (\(shown)) appear more than once in the file (lines \(lines)); all of them are rejected"
        )
    }

    let upsertFile = "replace_worker_lists.sql"
}
