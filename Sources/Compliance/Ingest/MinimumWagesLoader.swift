import Foundation
import Postgres

/// KIND `minimum-wages`: UMP (2-digit province) and UMK (4-digit regency/city) per year; an
/// import overrides a shipped value. Replacement unit: (region_code, year).
struct MinimumWagesLoader: StagedRows {
    var stagingColumns: [(name: String, type: String)] {
        [("region_code", "text"), ("year", "smallint"), ("amount", "numeric(15,2)")]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let region = required(field, "region_code", &problems) { bytes -> Result<String, Problem> in
            guard (bytes.count == 2 || bytes.count == 4), FieldRules.allDigits(bytes) else {
                let shown = Shown.value(bytes, personal: false)
                return .failure(
                    FieldRules.problem(
                        "region_code", "region_code_format",
                        "\(shown) harus 2 digit (provinsi, UMP) atau 4 digit (kabupaten/kota, UMK)",
                        "\(shown) must be 2 digits (province, UMP) or 4 digits (regency/city, UMK)"))
            }
            return .success(FieldRules.text(bytes))
        }
        let year = required(field, "year", &problems) { FieldRules.wholeNumber($0, column: "year", range: 2000...2100) }
        let amount = required(field, "amount", &problems) {
            FieldRules.money($0, column: "amount", positive: true, personal: false).map(FieldRules.text)
        }
        var unit: String?
        if let region, let year { unit = "\(region)|\(year)" }
        return (unit, [region, year.map(String.init), amount])
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        let shown = unit.replacingOccurrences(of: "|", with: " ")
        return FieldRules.problem(
            nil, "minimum_wage_duplicate",
            "wilayah dan tahun yang sama (\(shown)) muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "the same region and year (\(shown)) appear more than once in the file (lines \(lines)); all of them are rejected"
        )
    }

    let upsertFile = "upsert_minimum_wages.sql"
}
