import Foundation
import Postgres

/// KIND `bpu-contributions`: the contributions of informal participants (BPU). Replacement
/// unit: (nik, period): a later file's row replaces the earlier one; two rows of one file with
/// the same unit are both rejected.
struct BPUContributionsLoader: StagedRows {
    var stagingColumns: [(name: String, type: String)] {
        [
            ("nik", "text"), ("period", "date"), ("kpj", "text"), ("name", "text"),
            ("declared_income", "numeric(15,2)"), ("programs", "text[]"), ("amount", "numeric(15,2)"),
            ("paid_on", "date"), ("funded_by", "text"), ("domicile_region", "text"),
        ]
    }

    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?]) {
        let kpj = required(field, "kpj", &problems) { bytes -> Result<String, Problem> in
            FieldRules.fixedDigits(bytes, count: 11, column: "kpj", personal: true).map { .failure($0) }
                ?? .success(FieldRules.text(bytes))
        }
        let nik = required(field, "nik", &problems) { CoverageFields.nik($0) }
        let name = CoverageFields.name(field, &problems)
        let period = required(field, "period", &problems) { CoverageFields.period($0, column: "period") }
        let income = required(field, "declared_income", &problems) {
            FieldRules.money($0, column: "declared_income", positive: true, personal: true).map(FieldRules.text)
        }
        let programs = required(field, "programs", &problems) { bytes -> Result<[String], Problem> in
            FieldRules.programs(bytes).flatMap { list in
                if list.contains("JP") || list.contains("JKP") {
                    return .failure(
                        FieldRules.problem(
                            "programs", "programs_bpu", "peserta BPU tidak ikut JP atau JKP (hanya JKK, JKM, JHT)",
                            "a BPU participant has no JP or JKP (only JKK, JKM, JHT)"))
                }
                guard list.contains("JKK"), list.contains("JKM") else {
                    return .failure(
                        FieldRules.problem(
                            "programs", "programs_bpu_required", "peserta BPU wajib ikut JKK dan JKM",
                            "a BPU participant must have JKK and JKM"))
                }
                return .success(list)
            }
        }
        let amount = required(field, "amount", &problems) {
            FieldRules.money($0, column: "amount", positive: true, personal: false).map(FieldRules.text)
        }
        let paidOn = required(field, "paid_on", &problems) { bytes in
            FieldRules.date(bytes, column: "paid_on").map { _ in FieldRules.text(bytes) }
        }
        let fundedBy = required(field, "funded_by", &problems) { bytes -> Result<String, Problem> in
            if FieldRules.text(bytes).lowercased() == "mandiri" { return .success("mandiri") }
            guard (bytes.count == 2 || bytes.count == 4), FieldRules.allDigits(bytes) else {
                let shown = Shown.value(bytes, personal: false)
                return .failure(
                    FieldRules.problem(
                        "funded_by", "funded_by_format",
                        "\(shown) harus mandiri atau kode wilayah pemerintah daerah yang membayar (2 atau 4 digit)",
                        "\(shown) must be mandiri or the region code of the local government that paid (2 or 4 digits)")
                )
            }
            return .success(FieldRules.text(bytes))
        }
        var domicile: String?
        if field.isPresent("domicile_region") {
            if let problem = FieldRules.fixedDigits(field("domicile_region"), count: 4, column: "domicile_region") {
                problems.append(problem)
            } else {
                domicile = field.string("domicile_region")
            }
        }
        var unit: String?
        if let nik, let period { unit = nik + "|" + period }
        return (
            unit,
            [
                nik, period, kpj, name, income, programs.map { "{" + $0.joined(separator: ",") + "}" }, amount, paidOn,
                fundedBy, domicile,
            ]
        )
    }

    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem {
        let parts = unit.split(separator: "|")
        let shown = parts.count == 2 ? "\(CoverageFields.shown(parts[0])) \(parts[1].prefix(7))" : unit
        return FieldRules.problem(
            nil, "bpu_duplicate",
            "NIK dan periode yang sama (\(shown)) muncul lebih dari sekali dalam berkas (baris \(lines)); semuanya ditolak",
            "the same NIK and period (\(shown)) appear more than once in the file (lines \(lines)); all of them are rejected"
        )
    }

    let upsertFile = "upsert_bpu_contributions.sql"
}
