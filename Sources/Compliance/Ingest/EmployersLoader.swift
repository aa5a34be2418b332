import Foundation
import Postgres

/// KIND `employers`: the BPJS registry. Replacement unit: npp (the row is updated).
struct EmployersLoader: StagedRows {
    var stagingColumns: [(name: String, type: String)] {
        [
            ("npp", "text"), ("name", "text"), ("npwp", "text"), ("nib", "text"), ("kbli", "text"), ("scale", "text"),
            ("risk_group", "smallint"), ("region_code", "text"), ("branch_code", "text"), ("programs", "text[]"),
            ("registered_on", "date"), ("status", "text"),
        ]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let npp = required(field, "npp", &problems) { FieldRules.npp($0) }
        let name = requiredText(field, "name", maximum: 300, &problems)
        let npwp = field.isPresent("npwp") ? value(FieldRules.npwp(field("npwp")), &problems) : nil
        var nib: String?
        if field.isPresent("nib") {
            if let problem = FieldRules.fixedDigits(field("nib"), count: 13, column: "nib") {
                problems.append(problem)
            } else {
                nib = field.string("nib")
            }
        }
        let kbli = requiredDigits(field, "kbli", count: 5, &problems)
        let scale = required(field, "scale", &problems) {
            FieldRules.oneOf(
                $0, FieldRules.scales, column: "scale", rule: "scale_unknown",
                known: (
                    "skala yang dikenal (besar, menengah, kecil, mikro)",
                    "a known scale (besar, menengah, kecil, mikro or large, medium, small, micro)"
                ))
        }
        let riskGroup = required(field, "risk_group", &problems) {
            FieldRules.wholeNumber($0, column: "risk_group", range: 1...5)
        }
        let region = requiredDigits(field, "region_code", count: 4, &problems)
        let branch = requiredText(field, "branch_code", maximum: 40, &problems)
        let programs = required(field, "programs", &problems) { FieldRules.programs($0) }
        let registered = required(field, "registered_on", &problems) { FieldRules.date($0, column: "registered_on") }
        var status: String? = "aktif"
        if field.isPresent("status") {
            status = FieldRules.choice(field("status"), FieldRules.statuses)
            if status == nil {
                let shown = Shown.value(field("status"), personal: false)
                problems.append(
                    FieldRules.problem(
                        "status", "status_unknown", "\(shown) harus aktif atau nonaktif",
                        "\(shown) must be aktif or nonaktif"))
            }
        }
        return (
            npp,
            [
                npp, name, npwp, nib, kbli, scale, riskGroup.map(String.init), region, branch,
                programs?.postgresText,
                registered.map { _ in field.string("registered_on") },
                status,
            ]
        )
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        FieldRules.problem(
            "npp", "npp_duplicate",
            "NPP \"\(unit)\" muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "NPP \"\(unit)\" appears more than once in the file (lines \(lines)); all of them are rejected")
    }

    let upsertFile = "upsert_employers.sql"
}
