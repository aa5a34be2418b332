import Compliance
import Foundation

/// *Berkas Pemeriksaan*: the dossier of one employer to take on the visit. A pure function of
/// the dossier, the schedule, the date and the options.
public enum DossierReport {
    /// How many workers below the minimum wage the table lists (the count says how many more).
    public static let workerRows = 100

    public static func render(
        _ dossier: EmployerDossier, schedule: EnforcementSchedule, generatedAt: Date, format: ReportFormat,
        language: Language, showPersonalData: Bool = false
    ) throws -> String {
        let L = language
        let months = dossier.months
        let labels = months.map { Formatting.period($0.period, L) }
        let shortLabels = months.map { Formatting.shortPeriod($0.period, L) }

        // Programmes: each of the five, mandatory or not, enrolled or not.
        let programmes = ["JKK", "JKM", "JHT", "JP", "JKP"].compactMap { code -> [String: Any]? in
            let mandatory = dossier.mandatory.contains(code)
            let enrolled = dossier.programs.contains(code)
            guard mandatory || enrolled else { return nil }
            return [
                "code": code, "mandatory": mandatory ? L.text("wajib", "mandatory") : L.text("tidak wajib", "optional"),
                "enrolled": enrolled ? L.text("ikut", "enrolled") : L.text("tidak ikut", "not enrolled"),
                "missing": mandatory && !enrolled,
            ]
        }

        // Workers reported against each source, by month.
        let sources = OutsideSource.allCases.filter { source in months.contains { $0.sources[source.code] != nil } }
        var series = [
            Charts.Series(
                name: L.text("Dilaporkan ke BPJS", "Reported to BPJS"), values: months.map { Double($0.workers) },
                color: Charts.palette[0])
        ]
        for (index, source) in sources.enumerated() {
            series.append(
                Charts.Series(
                    name: source.label(L), values: months.map { $0.sources[source.code].map(Double.init) },
                    color: Charts.palette[1 + index]))
        }
        let workersChart = Charts.lines(
            title: L.text("Tenaga kerja dilaporkan dan menurut sumber luar", "Workers reported and per outside source"),
            labels: shortLabels, series: series, format: { Formatting.count(Int($0), L) })
        let sourceRows = months.enumerated().map { index, month -> [String: Any] in
            [
                "period": labels[index], "workers": Formatting.count(month.workers, L),
                "sources": sources.map { month.sources[$0.code].map { Formatting.count($0, L) } ?? "–" },
            ]
        }

        // Wages against the minimum wage.
        let minimum = dossier.minimumWage
        let wages = dossier.workers.map { NSDecimalNumber(decimal: $0.wage).doubleValue }
        let floorApplies = ["menengah", "besar"].contains(dossier.scale)
        let below = minimum.map { floor in dossier.workers.filter { $0.wage < floor } } ?? []
        let wageChart =
            wages.isEmpty
            ? ""
            : Charts.histogram(
                title: L.text("Sebaran upah dilaporkan", "Distribution of reported wages"), values: wages, bins: 12,
                marker: minimum.map {
                    (
                        L.text("Upah minimum ", "Minimum wage ") + Formatting.rupiah($0, L),
                        NSDecimalNumber(decimal: $0).doubleValue
                    )
                }, format: { Formatting.rupiahCompact($0, L) })
        let belowRows = below.prefix(Self.workerRows).map { worker -> [String: Any] in
            [
                "nik": showPersonalData ? worker.nik : Masking.nik(worker.nik),
                "name": worker.name.map { showPersonalData ? $0 : Masking.name($0) } ?? "–",
                "wage": Formatting.rupiah(worker.wage, L),
                "shortfall": Formatting.rupiah((minimum ?? 0) - worker.wage, L),
            ]
        }
        let medianWage = dossier.medianWage

        // Contributions due against paid, with the arrears and fines of the TUNGGAKAN finding.
        var fines: [String: Decimal] = [:]
        var late: [String: Int] = [:]
        for finding in dossier.findings {
            guard case .tunggakan(let arrears) = finding.evidence else { continue }
            for month in arrears.periods {
                fines[month.period] = month.fine
                late[month.period] = month.monthsLate
            }
        }
        let moneyChart = Charts.bars(
            title: L.text("Iuran terutang dan dibayar per bulan", "Contributions due and paid per month"),
            labels: shortLabels,
            series: [
                Charts.Series(
                    name: L.text("Terutang", "Due"),
                    values: months.map { NSDecimalNumber(decimal: $0.due).doubleValue },
                    color: Charts.palette[2]),
                Charts.Series(
                    name: L.text("Dibayar", "Paid"),
                    values: months.map { NSDecimalNumber(decimal: $0.paid).doubleValue },
                    color: Charts.palette[0]),
            ], format: { Formatting.rupiahCompact($0, L) })
        var totals = (due: Decimal(0), paid: Decimal(0), outstanding: Decimal(0), fine: Decimal(0))
        let moneyRows = months.enumerated().map { index, month -> [String: Any] in
            let outstanding = max(0, month.due - month.paid)
            let fine = fines[month.period] ?? 0
            totals.due += month.due
            totals.paid += month.paid
            totals.outstanding += outstanding
            totals.fine += fine
            return [
                "period": labels[index], "due": Formatting.rupiah(month.due, L),
                "paid": Formatting.rupiah(month.paid, L),
                "outstanding": outstanding > 0 ? Formatting.rupiah(outstanding, L) : "–",
                "fine": fine > 0 ? Formatting.rupiah(fine, L) : "–",
                "late": late[month.period].map { "(\($0) " + L.text("bln", "mo") + ")" } ?? "", "arrears": fine > 0,
            ]
        }

        let findings = dossier.findings.map { finding -> [String: Any] in
            [
                "code": finding.category.code, "name": finding.category.name(L),
                "loss": Formatting.rupiah(finding.loss, L), "reason": finding.reason(L),
                "evidence": finding.lines(L), "basis": finding.category.legalBasis(L),
            ]
        }
        let totalLoss = dossier.findings.reduce(Int64(0)) { $0 + $1.loss }

        let steps = enforcementSteps(dossier, schedule: schedule, language: L)
        let identity: [[String: String]] = [
            ["label": "NPP", "value": dossier.npp],
            ["label": L.text("Nama", "Name"), "value": dossier.name],
            ["label": "NPWP", "value": dossier.npwp ?? "–"],
            ["label": "NIB", "value": dossier.nib ?? "–"],
            [
                "label": "KBLI",
                "value":
                    "\(dossier.kbli) · \(L.text("kategori", "section")) \(dossier.section.code) \(L.text(dossier.section.indonesian, dossier.section.english))",
            ],
            ["label": L.text("Skala usaha", "Scale"), "value": dossier.scale],
            ["label": L.text("Kelompok risiko JKK", "JKK risk group"), "value": roman(dossier.riskGroup)],
            ["label": L.text("Wilayah", "Region"), "value": dossier.regionLabel],
            ["label": L.text("Kantor cabang", "Branch office"), "value": dossier.branch],
            ["label": L.text("Terdaftar sejak", "Registered on"), "value": Formatting.date(dossier.registeredOn, L)],
            ["label": L.text("Status", "Status"), "value": dossier.status],
            [
                "label": L.text("Upah minimum (UMK/UMP)", "Minimum wage (UMK/UMP)"),
                "value": minimum.map { Formatting.rupiah($0, L) } ?? L.text("tidak tersedia", "not available"),
            ],
        ]
        let context: [String: Any] = [
            "lang": L.rawValue,
            "title": L.text("Berkas Pemeriksaan Pemberi Kerja", "Employer Inspection Dossier"),
            "name": dossier.name, "npp": dossier.npp, "period": Formatting.period(dossier.period, L),
            "run": String(dossier.runID), "asOf": Formatting.date(dossier.asOf, L),
            "generated": Formatting.date(generatedAt, L), "identity": identity, "programmes": programmes,
            "workersChart": workersChart, "sources": sources.map { $0.label(L) }, "workerRows": sourceRows,
            "wageChart": wageChart, "workersCount": Formatting.count(dossier.workers.count, L),
            "median": medianWage.map { Formatting.rupiah($0, L) } ?? "–",
            "belowCount": Formatting.count(below.count, L), "below": belowRows,
            "belowMore": below.count > Self.workerRows
                ? L.text("… dan ", "… and ") + Formatting.count(below.count - Self.workerRows, L)
                    + L.text(" pekerja lainnya", " more workers") : "",
            "floorNote": floorApplies
                ? ""
                : L.text(
                    "Usaha mikro dan kecil dikecualikan dari upah minimum (PP 36/2021); perbandingan hanya sebagai informasi.",
                    "Micro and small businesses are exempt from the minimum wage (PP 36/2021); shown for information only."
                ),
            "masked": !showPersonalData, "moneyChart": moneyChart, "moneyRows": moneyRows,
            "totalDue": Formatting.rupiah(totals.due, L), "totalPaid": Formatting.rupiah(totals.paid, L),
            "totalOutstanding": Formatting.rupiah(totals.outstanding, L),
            "totalFine": Formatting.rupiah(totals.fine, L),
            "findings": findings, "totalLoss": Formatting.rupiah(totalLoss, L),
            "inspections": dossier.inspections.map {
                ["date": Formatting.date($0.date, L), "outcome": $0.outcome.replacingOccurrences(of: "_", with: " ")]
            },
            "hasBelow": !belowRows.isEmpty, "hasInspections": !dossier.inspections.isEmpty,
            "hasWageChart": !wageChart.isEmpty, "hasFloorNote": !floorApplies,
            "hasBelowMore": below.count > Self.workerRows,
            "steps": steps.enumerated().map { index, step in step.merging(["number": String(index + 1)]) { a, _ in a }
            },
            "scheduleNote": scheduleNote(schedule, L), "labels": labelTexts(L),
        ]
        return try TemplateRenderer.render("dossier", format: format, context: context)
    }

    static func roman(_ value: Int) -> String {
        ["I", "II", "III", "IV", "V"].indices.contains(value - 1)
            ? ["I", "II", "III", "IV", "V"][value - 1] : "\(value)"
    }

    /// The steps of PP 86/2013 from today: inspection, warnings I and II with their last days,
    /// the fine and TMP2T, and referral to the state attorney for arrears.
    static func enforcementSteps(_ dossier: EmployerDossier, schedule: EnforcementSchedule, language L: Language)
        -> [[String: String]]
    {
        let inspected = dossier.inspections.first
        var steps: [[String: String]] = [
            [
                "step": L.text("Pemeriksaan (dokumen atau lapangan)", "Inspection (desk or field)"),
                "when": inspected.map {
                    L.text("terakhir ", "last ") + Formatting.date($0.date, L)
                        + " (\($0.outcome.replacingOccurrences(of: "_", with: " ")))"
                } ?? L.text("belum pernah diperiksa", "never inspected"),
                "detail": L.text(
                    "daftar hadir, daftar gaji, bukti pembayaran iuran, laporan upah",
                    "attendance lists, payroll, payment records, wage reports"),
            ],
            [
                "step": L.text("Surat peringatan I", "Written warning I"),
                "when": L.text("bila diterbitkan ", "if issued ") + Formatting.date(schedule.start, L)
                    + L.text(": batas ", ": deadline ") + Formatting.date(schedule.warningOneEnds, L),
                "detail": L.text(
                    "paling lama 10 hari kerja (PP 86/2013 pasal 6)", "at most 10 working days (PP 86/2013 art. 6)"),
            ],
            [
                "step": L.text("Surat peringatan II", "Written warning II"),
                "when": L.text("batas ", "deadline ") + Formatting.date(schedule.warningTwoEnds, L),
                "detail": L.text(
                    "10 hari kerja berikutnya (PP 86/2013 pasal 6)", "10 more working days (PP 86/2013 art. 6)"),
            ],
            [
                "step": L.text("Denda administratif", "Administrative fine"),
                "when": L.text("sejak ", "from ") + Formatting.date(schedule.warningTwoEnds, L),
                "detail": L.text(
                    "0,1% per bulan dari iuran yang wajib dibayar (PP 86/2013 pasal 7)",
                    "0.1% a month of the contributions owed (PP 86/2013 art. 7)"),
            ],
            [
                "step": L.text(
                    "Tidak mendapat pelayanan publik tertentu (TMP2T)", "Withholding of public services (TMP2T)"),
                "when": L.text("setelah peringatan II tidak dipenuhi", "when warning II is not met"),
                "detail": L.text(
                    "perizinan usaha, izin proyek, izin tenaga kerja asing, IMB (PP 86/2013 pasal 8–9)",
                    "business licences, tenders, foreign-worker and building permits (PP 86/2013 art. 8–9)"),
            ],
        ]
        if dossier.findings.contains(where: { $0.category == .tunggakan }) {
            steps.append([
                "step": L.text("Penyerahan ke Jaksa Pengacara Negara", "Referral to the state attorney"),
                "when": L.text("bila tunggakan tidak dilunasi", "if the arrears stay unpaid"),
                "detail": L.text(
                    "dengan surat kuasa khusus, untuk penagihan tunggakan; pidana UU 24/2011 pasal 55",
                    "by special power of attorney, to collect the arrears; criminal route UU 24/2011 art. 55"),
            ])
        }
        return steps
    }

    static func scheduleNote(_ schedule: EnforcementSchedule, _ L: Language) -> String {
        var note = L.text(
            "Hari kerja: Senin–Jumat, tidak termasuk hari libur nasional dan cuti bersama (SKB 3 Menteri).",
            "Working days: Monday to Friday, except national holidays and cuti bersama (joint ministerial decree).")
        if !schedule.holidays.isEmpty {
            note +=
                L.text(" Dilewati: ", " Skipped: ")
                + schedule.holidays.map { "\(Formatting.date($0.day, L)) (\($0.name))" }.joined(separator: ", ") + "."
        }
        if schedule.isUncertain {
            note += L.text(
                " Perhatian: daftar hari libur hanya sampai tahun \(schedule.holidaysKnownThrough.map(String.init) ?? "–"); batas waktu setelahnya belum memperhitungkan hari libur dan mungkin terlalu awal.",
                " Note: the holiday list ends with \(schedule.holidaysKnownThrough.map(String.init) ?? "–"); later deadlines ignore holidays and may be too early."
            )
        }
        return note
    }

    static func labelTexts(_ L: Language) -> [String: String] {
        [
            "period": L.text("Periode", "Period"), "run": L.text("audit", "run"), "asOf": L.text("per", "as of"),
            "generated": L.text("dibuat", "generated"),
            "identity": L.text("Identitas dan pendaftaran", "Identity and registration"),
            "programmes": L.text("Program: diikuti dan wajib", "Programmes: enrolled and mandatory"),
            "programme": L.text("Program", "Programme"), "obligation": L.text("Kewajiban", "Obligation"),
            "enrolment": L.text("Kepesertaan", "Enrolment"),
            "workers": L.text(
                "Tenaga kerja: dilaporkan dan menurut sumber luar (12 bulan)",
                "Workers: reported and per outside source (12 months)"),
            "month": L.text("Bulan", "Month"), "reported": L.text("Dilaporkan", "Reported"),
            "wages": L.text("Upah dan upah minimum", "Wages and the minimum wage"),
            "wageSummary": L.text("pekerja dilaporkan; median upah", "workers reported; median wage"),
            "belowTitle": L.text("pekerja di bawah upah minimum", "workers below the minimum wage"),
            "nik": "NIK", "workerName": L.text("Nama pekerja", "Worker"), "wage": L.text("Upah", "Wage"),
            "shortfall": L.text("Kekurangan", "Shortfall"),
            "maskedNote": L.text(
                "NIK dan nama pekerja disamarkan (UU 27/2022). Tampilkan dengan --show-personal-data bila berwenang.",
                "NIK and worker names are masked (UU 27/2022). Show them with --show-personal-data when entitled."),
            "money": L.text("Iuran terutang dan dibayar (12 bulan)", "Contributions due and paid (12 months)"),
            "due": L.text("Terutang", "Due"), "paid": L.text("Dibayar", "Paid"),
            "outstanding": L.text("Tertunggak", "Outstanding"), "fine": L.text("Denda", "Fine"),
            "total": L.text("Jumlah", "Total"),
            "moneyNote": L.text(
                "Terutang menurut tarif yang dipakai audit; dibayar sampai tanggal per audit. Denda menurut temuan tunggakan.",
                "Due at the rates the run applied; paid up to the run's as-of date. Fines as the arrears finding computed them."
            ),
            "findings": L.text("Temuan", "Findings"), "atStake": L.text("Nilai iuran", "At stake"),
            "basis": L.text("Dasar hukum", "Legal basis"),
            "noFindings": L.text("Tidak ada temuan dalam audit ini.", "No findings in this run."),
            "inspections": L.text("Riwayat pemeriksaan", "Inspection history"),
            "noInspections": L.text("Belum pernah diperiksa.", "Never inspected."),
            "date": L.text("Tanggal", "Date"), "outcome": L.text("Hasil", "Outcome"),
            "steps": L.text("Langkah penegakan dan batas waktu", "Enforcement steps and deadlines"),
            "step": L.text("Langkah", "Step"), "when": L.text("Waktu", "When"),
            "detail": L.text("Keterangan", "Detail"),
        ]
    }
}
