import Foundation
import Postgres

/// KIND `labour-force`: the working population of a province or regency/city in a year.
/// Replacement unit: (region_code, year).
struct LabourForceLoader: StagedRows {
    var stagingColumns: [(name: String, type: String)] {
        [
            ("region_code", "text"), ("year", "smallint"), ("workers", "bigint"), ("wage_workers", "bigint"),
            ("non_wage_workers", "bigint"), ("source", "text"),
        ]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let region = required(field, "region_code", &problems) { CoverageFields.regionCode($0, column: "region_code") }
        let year = required(field, "year", &problems) { FieldRules.wholeNumber($0, column: "year", range: 2000...2100) }
        let limit = 1_000_000_000
        let workers = required(field, "workers", &problems) {
            FieldRules.wholeNumber($0, column: "workers", range: 0...limit)
        }
        func optional(_ column: String) -> String? {
            guard field.isPresent(column) else { return nil }
            return value(FieldRules.wholeNumber(field(column), column: column, range: 0...limit), &problems).map(
                String.init)
        }
        let wage = optional("wage_workers")
        let nonWage = optional("non_wage_workers")
        var source: String?
        if field.isPresent("source") {
            if let problem = FieldRules.text(field("source"), column: "source", maximum: 200) {
                problems.append(problem)
            } else {
                source = field.string("source")
            }
        }
        var unit: String?
        if let region, let year { unit = "\(region)|\(year)" }
        return (unit, [region, year.map(String.init), workers.map(String.init), wage, nonWage, source])
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        let shown = unit.replacingOccurrences(of: "|", with: " ")
        return FieldRules.problem(
            nil, "labour_force_duplicate",
            "wilayah dan tahun yang sama (\(shown)) muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "the same region and year (\(shown)) appear more than once in the file (lines \(lines)); all of them are rejected"
        )
    }

    let upsertFile = "upsert_labour_force.sql"
}
