import Compliance
import Foundation

/// What the reports say about each category of finding: its name and its legal basis.
public enum FindingText {
    /// The category's name as inspectors use it.
    public static func name(_ category: String, _ language: Language) -> String {
        switch category {
        case "PDS_TK":
            language.text("PDS TK — sebagian tenaga kerja tidak didaftarkan", "PDS TK — workers not registered")
        case "PDS_UPAH": language.text("PDS Upah — upah dilaporkan lebih rendah", "PDS Upah — wages under-reported")
        case "PDS_PROGRAM":
            language.text("PDS Program — program wajib tidak diikuti", "PDS Program — mandatory programmes missing")
        case "PWBD":
            language.text("PWBD — wajib daftar, belum terdaftar", "PWBD — required to register, not registered")
        case "TUNGGAKAN": language.text("Tunggakan iuran", "Contribution arrears")
        default: category
        }
    }

    /// The short label of a category (`PDS TK`).
    public static func short(_ category: String) -> String {
        switch category {
        case "PDS_TK": "PDS TK"
        case "PDS_UPAH": "PDS Upah"
        case "PDS_PROGRAM": "PDS Program"
        case "TUNGGAKAN": "Tunggakan"
        default: category
        }
    }

    /// The obligation a finding breaches and the sanctions that follow (PP 86/2013 art. 6–8:
    /// written warning, fine, withholding of public services).
    public static func legalBasis(_ category: String, _ language: Language) -> String {
        let sanctions = language.text(
            "sanksi administratif: PP 86/2013 pasal 5–8 (teguran tertulis, denda, tidak mendapat pelayanan publik tertentu)",
            "administrative sanctions: PP 86/2013 art. 5–8 (written warning, fine, withholding of public services)")
        let obligation: String
        switch category {
        case "PDS_TK", "PWBD":
            obligation = language.text(
                "UU 24/2011 pasal 15 ayat (1): mendaftarkan diri dan seluruh pekerjanya; PP 86/2013 pasal 3",
                "UU 24/2011 art. 15(1): register the employer and all its workers; PP 86/2013 art. 3")
        case "PDS_UPAH":
            obligation = language.text(
                "UU 24/2011 pasal 15 ayat (2): data upah yang lengkap dan benar; upah dasar iuran: PP 44/2015 (JKK, JKM), PP 46/2015 (JHT), PP 45/2015 (JP)",
                "UU 24/2011 art. 15(2): complete and correct wage data; wage as contribution base: PP 44/2015 (JKK, JKM), PP 46/2015 (JHT), PP 45/2015 (JP)"
            )
        case "PDS_PROGRAM":
            obligation = language.text(
                "Perpres 109/2013 pasal 6: program wajib menurut skala usaha; PP 44/2015, PP 45/2015, PP 46/2015",
                "Perpres 109/2013 art. 6: mandatory programmes by business scale; PP 44/2015, PP 45/2015, PP 46/2015")
        case "TUNGGAKAN":
            obligation = language.text(
                "UU 24/2011 pasal 19: memungut dan menyetor iuran paling lambat tanggal 15 bulan berikutnya; denda keterlambatan 2% per bulan: PP 44/2015, PP 45/2015, PP 46/2015",
                "UU 24/2011 art. 19: collect and pay contributions by the 15th of the next month; late-payment fine 2% a month: PP 44/2015, PP 45/2015, PP 46/2015"
            )
        default: obligation = ""
        }
        return obligation + "; " + sanctions
    }

    /// The evidence of a finding, one line each, from its structured form: headcounts per
    /// source, programmes, wage comparisons, months in arrears. Never personal data: the NIK
    /// of workers below the minimum wage are left to the report's masked worker table.
    public static func evidence(category: String, json: String, language: Language) -> [String] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            return []
        }
        func number(_ value: Any?) -> Decimal? {
            switch value {
            case let n as NSNumber: Decimal(string: n.stringValue)
            case let s as String: Decimal(string: s)
            default: nil
            }
        }
        func money(_ value: Any?) -> String { number(value).map { Formatting.rupiah($0, language) } ?? "–" }
        func count(_ value: Any?) -> String {
            number(value).map { Formatting.count(NSDecimalNumber(decimal: $0).intValue, language) } ?? "–"
        }
        func list(_ value: Any?) -> String { (value as? [String])?.joined(separator: ", ") ?? "–" }
        var lines: [String] = []
        switch category {
        case "PDS_TK":
            for record in object["records"] as? [[String: Any]] ?? [] {
                lines.append(
                    "\((record["source"] as? String ?? "").uppercased()): \(count(record["headcount"])) "
                        + language.text("tenaga kerja", "workers") + " (\(record["identifier"] as? String ?? ""))")
            }
            lines.append(
                language.text("Dilaporkan ke BPJS: ", "Reported to BPJS: ") + count(object["reported_workers"])
                    + language.text(", selisih ", ", gap ") + count(object["gap"]))
            if let members = object["members"] as? [String], !members.isEmpty {
                lines.append(
                    language.text("NPP lain dengan NPWP sama: ", "Other NPPs with the same NPWP: ") + list(members))
            }
            if object["median_wage"] != nil, !(object["median_wage"] is NSNull) {
                lines.append(language.text("Dasar upah: median ", "Wage base: median ") + money(object["median_wage"]))
            } else if object["minimum_wage"] != nil {
                lines.append(
                    language.text("Dasar upah: upah minimum ", "Wage base: minimum wage ")
                        + money(object["minimum_wage"]))
            }
        case "PDS_UPAH":
            if let below = object["below_minimum"] as? [String: Any] {
                let workers = (below["workers"] as? [Any])?.count ?? 0
                lines.append(
                    language.text("Di bawah upah minimum ", "Below the minimum wage ") + money(below["minimum_wage"])
                        + ": \(Formatting.count(workers, language)) " + language.text("pekerja", "workers")
                        + language.text(", kekurangan iuran ", ", contribution shortfall ") + money(below["loss"]))
            }
            if let tax = object["under_tax"] as? [String: Any] {
                lines.append(
                    language.text("Rata-rata upah menurut pajak ", "Average wage per tax records ")
                        + money(tax["average_tax"]) + " (\(count(tax["tax_headcount"])) "
                        + language.text("pekerja", "workers") + ")" + language.text(", menurut BPJS ", ", per BPJS ")
                        + money(tax["average_bpjs"]) + " (\(count(tax["reported_workers"])) "
                        + language.text("pekerja", "workers") + ")")
            }
        case "PDS_PROGRAM":
            lines.append(language.text("Diikuti: ", "Enrolled: ") + list(object["enrolled"]))
            lines.append(
                language.text("Wajib untuk skala ", "Mandatory for scale ") + "\(object["scale"] as? String ?? ""): "
                    + list(object["mandatory"]))
            lines.append(language.text("Tidak diikuti: ", "Missing: ") + list(object["missing"]))
        case "TUNGGAKAN":
            lines.append(
                language.text("Tertunggak ", "Outstanding ") + money(object["outstanding"])
                    + language.text(", denda ", ", fines ") + money(object["fines"]))
            for period in object["periods"] as? [[String: Any]] ?? [] {
                lines.append(
                    "\(Formatting.period(period["period"] as? String ?? "", language)): "
                        + language.text("tertunggak ", "outstanding ") + money(period["outstanding"])
                        + ", \(count(period["months_late"])) " + language.text("bulan terlambat", "months late")
                        + language.text(", denda ", ", fine ") + money(period["fine"]))
            }
        case "PWBD":
            for record in object["records"] as? [[String: Any]] ?? [] {
                var identifier: [String] = []
                if let npwp = record["npwp"] as? String { identifier.append("NPWP \(npwp)") }
                if let nib = record["nib"] as? String { identifier.append("NIB \(nib)") }
                lines.append(
                    "\((record["source"] as? String ?? "").uppercased()): \(record["name"] as? String ?? ""), "
                        + "\(count(record["headcount"])) " + language.text("tenaga kerja", "workers")
                        + (identifier.isEmpty ? "" : " (\(identifier.joined(separator: ", ")))"))
            }
            if let npp = object["possible_npp"] as? String {
                lines.append(language.text("Mungkin sama dengan NPP ", "Possibly the same as NPP ") + npp)
            }
        default: break
        }
        return lines
    }
}
