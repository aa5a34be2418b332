import Foundation

/// The one renderer of findings for people: the one-line reason and the evidence lines, from
/// the structured evidence, in Bahasa Indonesia or English. The rules write facts (rupiah and
/// evidence); the command line (`findings`, `audit-list`), every report and the reason the
/// audit keeps for SQL readers are all rendered here.
///
/// The Indonesian reason is the data contract's `reason` column; its wording is fixed (counts
/// are written as plain digits there, as scripts have always read them).
public enum FindingText {
    /// The one-line reason for a finding of `loss` rupiah with `evidence`.
    public static func reason(_ evidence: Evidence, loss: Int64, _ L: Language) -> String {
        switch evidence {
        case .pdsTK(let e):
            let basis = e.wageBasis.map { rupiah($0, L) } ?? L.text("tidak ada", "none")
            let note: String =
                if e.reportedWorkers == 0 && e.minimumWage == nil {
                    L.text(
                        " (upah minimum wilayah tidak tersedia, kerugian 0)",
                        " (no minimum wage for the region, loss 0)")
                } else if e.reportedWorkers == 0 {
                    L.text(" (upah minimum, tidak ada yang dilaporkan)", " (minimum wage, no one reported)")
                } else {
                    L.text(" (median upah dilaporkan)", " (median reported wage)")
                }
            let group =
                e.members.isEmpty
                ? "" : L.text("; grup NPWP yang sama: ", "; same NPWP group: ") + e.members.joined(separator: ", ")
            return L.text(
                "\(e.source.label(L)) mencatat \(e.headcount) tenaga kerja, BPJS menerima laporan \(e.reportedWorkers) (selisih \(e.gap)); dasar upah ",
                "\(e.source.label(L)) records \(workers(e.headcount, L)), BPJS received reports for \(e.reportedWorkers) (gap \(e.gap)); wage basis "
            ) + basis + note + group
        case .pdsUpah(let e):
            var parts: [String] = []
            if let below = e.belowMinimum {
                parts.append(
                    L.text(
                        "\(below.workers.count) pekerja di bawah upah minimum ",
                        "\(workers(below.workers.count, L)) below the minimum wage ") + rupiah(below.minimumWage, L))
            }
            if let tax = e.underTax {
                let percent = rounded(tax.maximumRatioToTax * 100)
                parts.append(
                    L.text(
                        "rata-rata upah BPJS \(rupiah(tax.averageBPJS, L)) di bawah \(percent)% rata-rata upah pajak \(rupiah(tax.averageTax, L)) (\(tax.taxHeadcount) pekerja menurut pajak)",
                        "average BPJS wage \(rupiah(tax.averageBPJS, L)) below \(percent)% of the average tax wage \(rupiah(tax.averageTax, L)) (\(workers(tax.taxHeadcount, L)) per tax records)"
                    ))
            }
            return parts.joined(separator: "; ")
        case .pdsProgram(let e):
            return L.text(
                "Program wajib tidak diikuti: \(e.missing.joined(separator: ", ")) (skala \(e.scale), wajib \(e.mandatory.joined(separator: ", "))); \(e.reportedWorkers) pekerja dilaporkan, iuran tidak dibayar ",
                "Mandatory programmes missing: \(e.missing.joined(separator: ", ")) (scale \(scaleName(e.scale, L)), mandatory \(e.mandatory.joined(separator: ", "))); \(workers(e.reportedWorkers, L)) reported, contributions unpaid "
            ) + Formatting.rupiah(loss, L)
        case .pwbd(let e):
            let seen = e.records.map {
                "\($0.source.label(L)) " + L.text("\($0.headcount) tenaga kerja", workers($0.headcount, L))
            }.joined(separator: ", ")
            var text =
                L.text("Belum terdaftar di BPJS Ketenagakerjaan; ", "Not registered with BPJS Ketenagakerjaan; ") + seen
            if e.minimumWage == nil {
                text += L.text(
                    "; upah minimum wilayah \(e.regionCode) tidak tersedia, kerugian 0",
                    "; no minimum wage for region \(e.regionCode), loss 0")
            }
            if let npp = e.possibleNPP {
                text +=
                    L.text("; mungkin sama dengan NPP ", "; possibly the same as NPP ") + npp
                    + (e.possibleName.map { " (\($0))" } ?? "")
            }
            return text
        case .tunggakan(let e):
            return L.text(
                "Iuran tertunggak \(rupiah(e.outstanding, L)) untuk periode \(e.periods.map(\.period).joined(separator: ", ")), denda \(rupiah(e.fines, L))",
                "Contributions outstanding \(rupiah(e.outstanding, L)) for \(e.periods.map(\.period).joined(separator: ", ")), fines \(rupiah(e.fines, L))"
            )
        }
    }

    /// The evidence, one line each: headcounts per source, programmes, wage comparisons,
    /// months in arrears. Never personal data: the NIK of workers below the minimum wage are
    /// left to the dossier's masked worker table.
    public static func lines(_ evidence: Evidence, _ L: Language) -> [String] {
        func money(_ amount: Decimal) -> String { Formatting.rupiah(amount, L) }
        func count(_ value: Int) -> String { Formatting.count(value, L) }
        var lines: [String] = []
        switch evidence {
        case .pdsTK(let e):
            for record in e.records {
                lines.append(
                    "\(record.source.label(L)): \(count(record.headcount)) "
                        + L.text("tenaga kerja", record.headcount == 1 ? "worker" : "workers")
                        + " (\(record.identifier))")
            }
            lines.append(
                L.text("Dilaporkan ke BPJS: ", "Reported to BPJS: ") + count(e.reportedWorkers)
                    + L.text(", selisih ", ", gap ") + count(e.gap))
            if !e.members.isEmpty {
                lines.append(
                    L.text("NPP lain dengan NPWP sama: ", "Other NPPs with the same NPWP: ")
                        + e.members.joined(separator: ", "))
            }
            if let median = e.medianWage {
                lines.append(L.text("Dasar upah: median ", "Wage base: median ") + money(median))
            } else {
                lines.append(
                    L.text("Dasar upah: upah minimum ", "Wage base: minimum wage ") + (e.minimumWage.map(money) ?? "–"))
            }
        case .pdsUpah(let e):
            if let below = e.belowMinimum {
                lines.append(
                    L.text("Di bawah upah minimum ", "Below the minimum wage ") + money(below.minimumWage)
                        + ": \(count(below.workers.count)) " + L.text("pekerja", "workers")
                        + L.text(", kekurangan iuran ", ", contribution shortfall ") + money(below.loss))
            }
            if let tax = e.underTax {
                lines.append(
                    L.text("Rata-rata upah menurut pajak ", "Average wage per tax records ") + money(tax.averageTax)
                        + " (\(count(tax.taxHeadcount)) " + L.text("pekerja", "workers") + ")"
                        + L.text(", menurut BPJS ", ", per BPJS ") + money(tax.averageBPJS)
                        + " (\(count(tax.reportedWorkers)) " + L.text("pekerja", "workers") + ")")
            }
        case .pdsProgram(let e):
            lines.append(L.text("Diikuti: ", "Enrolled: ") + e.enrolled.joined(separator: ", "))
            lines.append(
                L.text("Wajib untuk skala ", "Mandatory for scale ") + "\(scaleName(e.scale, L)): "
                    + e.mandatory.joined(separator: ", "))
            lines.append(L.text("Tidak diikuti: ", "Missing: ") + e.missing.joined(separator: ", "))
        case .tunggakan(let e):
            lines.append(
                L.text("Tertunggak ", "Outstanding ") + money(e.outstanding) + L.text(", denda ", ", fines ")
                    + money(e.fines))
            for month in e.periods {
                lines.append(
                    "\(Formatting.period(month.period, L)): " + L.text("tertunggak ", "outstanding ")
                        + money(month.outstanding) + ", \(count(month.monthsLate)) "
                        + L.text("bulan terlambat", "months late") + L.text(", denda ", ", fine ") + money(month.fine))
            }
        case .pwbd(let e):
            for record in e.records {
                let identifiers = [record.npwp.map { "NPWP \($0)" }, record.nib.map { "NIB \($0)" }].compactMap { $0 }
                lines.append(
                    "\(record.source.label(L)): \(record.name), \(count(record.headcount)) "
                        + L.text("tenaga kerja", record.headcount == 1 ? "worker" : "workers")
                        + (identifiers.isEmpty ? "" : " (\(identifiers.joined(separator: ", ")))"))
            }
            if let npp = e.possibleNPP {
                lines.append(L.text("Mungkin sama dengan NPP ", "Possibly the same as NPP ") + npp)
            }
        }
        return lines
    }

    /// `1 worker`, `3 workers` (English sentences; Indonesian has no plural).
    static func workers(_ count: Int, _ L: Language) -> String {
        L.text("\(count) pekerja", count == 1 ? "1 worker" : "\(count) workers")
    }

    /// A business scale as the reader's language names it (`menengah` / `medium`).
    public static func scaleName(_ scale: String, _ L: Language) -> String {
        guard L == .english else { return scale }
        return ["besar": "large", "menengah": "medium", "kecil": "small", "mikro": "micro"][scale] ?? scale
    }

    /// Whole rupiah, halves away from zero (as the rules round), written for people.
    static func rupiah(_ amount: Decimal, _ L: Language) -> String {
        Formatting.rupiah(Decimal(rounded(amount)), L)
    }

    static func rounded(_ amount: Decimal) -> Int64 {
        var value = amount
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return NSDecimalNumber(decimal: result).int64Value
    }
}
