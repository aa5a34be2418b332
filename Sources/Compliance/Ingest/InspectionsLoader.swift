import Foundation
import Postgres

/// KIND `inspections`: `npp,inspected_on,outcome`, one row per inspection. Replacement unit:
/// (npp, inspected_on); two rows of one unit in a file are both rejected.
struct InspectionsLoader: StagedRows {
    static let outcomes: [(String, String)] = [
        "patuh", "pds_tk", "pds_upah", "pds_program", "tunggakan", "tidak_ditemukan",
    ].map { ($0, $0) }

    var stagingColumns: [(name: String, type: String)] {
        [("npp", "text"), ("inspected_on", "date"), ("outcome", "text")]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let npp = required(field, "npp", &problems) { FieldRules.npp($0) }
        let day = required(field, "inspected_on", &problems) { FieldRules.date($0, column: "inspected_on") }
        let outcome = required(field, "outcome", &problems) {
            FieldRules.oneOf(
                $0, Self.outcomes, column: "outcome", rule: "outcome_unknown",
                known: (
                    "hasil yang dikenal (patuh, pds_tk, pds_upah, pds_program, tunggakan, tidak_ditemukan)",
                    "a known outcome (patuh, pds_tk, pds_upah, pds_program, tunggakan, tidak_ditemukan)"
                ))
        }
        let dayText = day.map { _ in field.string("inspected_on") }
        var unit: String?
        if let npp, let dayText { unit = npp + "|" + dayText }
        return (unit, [npp, dayText, outcome])
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        FieldRules.problem(
            nil, "inspection_duplicate",
            "NPP dan tanggal pemeriksaan yang sama (\(unit.replacingOccurrences(of: "|", with: " "))) muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "the same NPP and inspection date (\(unit.replacingOccurrences(of: "|", with: " "))) appear more than once in the file (lines \(lines)); all of them are rejected"
        )
    }

    let upsertFile = "upsert_inspections.sql"
}
