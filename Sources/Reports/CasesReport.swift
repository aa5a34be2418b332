import Compliance
import Foundation

/// *Laporan tindak lanjut*: the follow-up of a branch's cases as of a date. A pure function of
/// the cases, their month-end figures and the date.
public enum CasesReport {
    /// The branch's figures at the end of one month (the as-of date for the last).
    public typealias MonthEnd = CaseMonthEnd

    /// How many days a case has been open, bucketed.
    static let ages: [(limit: Int, id: String, en: String)] = [
        (30, "≤ 30 hari", "≤ 30 days"), (90, "31–90 hari", "31–90 days"), (180, "91–180 hari", "91–180 days"),
        (Int.max, "> 180 hari", "> 180 days"),
    ]

    public static func render(
        branch: String, cases: [CaseStatus], months: [MonthEnd], asOf day: String, format: ReportFormat,
        language: Language, fineRate: Decimal = Cases.defaultFineRate
    ) throws -> String {
        let L = language
        let evaluation = CaseEvaluation(cases)
        let d4 = CaseEvaluation.decimals4
        let open = cases.filter { $0.state.isOpen }
        let overdue = cases.filter { $0.overdue(on: day) }

        // By state and age (days since opening, as of the date).
        let states = CaseState.allCases.filter { state in cases.contains { $0.state == state } }
        let byState: [[String: Any]] = states.map { state in
            let members = cases.filter { $0.state == state }
            let counts = ages.indices.map { index in
                members.filter { member in
                    let age = Self.days(from: member.openedOn, to: day)
                    return ages.firstIndex { age <= $0.limit } == index
                }.count
            }
            return [
                "state": state.rawValue, "label": state.label(L), "counts": counts.map(String.init),
                "total": members.count,
            ]
        }

        let overdueRows: [[String: Any]] = overdue.sorted {
            ($0.deadline ?? "", $0.caseID) < ($1.deadline ?? "", $1.caseID)
        }
        .map { item in
            [
                "caseID": item.caseID, "npp": item.npp, "name": item.employerName, "state": item.state.rawValue,
                "deadline": CaseText.longDate(item.deadline ?? "", L),
                "daysLate": Self.days(from: item.deadline ?? day, to: day),
                "late": lateStep(item.state, L), "atStake": Formatting.rupiah(item.atStake, L),
            ]
        }

        let top: [[String: Any]] = cases.filter { $0.recovered > 0 }.sorted {
            ($1.recovered, $0.caseID) < ($0.recovered, $1.caseID)
        }
        .prefix(10).map { item in
            [
                "caseID": item.caseID, "npp": item.npp, "name": item.employerName, "state": item.state.rawValue,
                "recovered": Formatting.rupiah(item.recovered, L), "added": Formatting.rupiah(item.addedMonthly, L),
                "fine": Formatting.rupiah(item.fine, L),
            ]
        }

        let groups: [[String: Any]] = evaluation.groups.map { group in
            [
                "branch": group.branch == "ALL" ? L.text("semua", "all") : group.branch,
                "selection": group.selection == "targeted"
                    ? L.text("sasaran (daftar audit)", "targeted (audit list)")
                    : L.text("kontrol (acak)", "control (random)"),
                "inspected": group.inspected, "hits": group.hits, "rate": d4(group.hitRate),
                "low": d4(group.interval.low), "high": d4(group.interval.high),
                "recovered": Formatting.rupiah(group.recovered, L),
                "perCase": Formatting.rupiah(group.recoveredPerCase, L),
            ]
        }
        let runs: [[String: Any]] = evaluation.runs.map { run in
            [
                "run": run.runID, "period": Formatting.period(run.period, L), "k": run.k, "inspected": run.inspected,
                "hits": run.hits, "precision": run.precision.map(d4) ?? "–",
            ]
        }

        let labels = months.map { Formatting.shortPeriod($0.month, L) }
        let money = { (value: Double) in Formatting.rupiahCompact(value, L) }
        let chart =
            months.count >= 2
            ? Charts.lines(
                title: L.text(
                    "Denda, iuran tertagih dan tambahan iuran per bulan (kumulatif)",
                    "Fines, recovered and added contributions by month (cumulative)"),
                labels: labels,
                series: [
                    Charts.Series(
                        name: L.text("Iuran tertagih", "Recovered"), values: months.map { Double($0.recovered) },
                        color: Charts.palette[0]),
                    Charts.Series(
                        name: L.text("Denda administratif", "Administrative fines"),
                        values: months.map { Double($0.fine) }, color: Charts.palette[1]),
                    Charts.Series(
                        name: L.text("Tambahan iuran per bulan", "Added monthly contributions"),
                        values: months.map { Double($0.addedMonthly) }, color: Charts.palette[2]),
                ], format: money)
            : ""
        let monthRows: [[String: Any]] = months.map {
            [
                "month": Formatting.period($0.month, L), "fine": Formatting.rupiah($0.fine, L),
                "recovered": Formatting.rupiah($0.recovered, L), "added": Formatting.rupiah($0.addedMonthly, L),
            ]
        }

        let context: [String: Any] = [
            "lang": L.rawValue,
            "title": L.text("Laporan tindak lanjut kasus", "Case follow-up report"),
            "branch": branch, "asOf": CaseText.longDate(day, L),
            "total": cases.count, "open": open.count, "overdue": overdue.count,
            "fines": Formatting.rupiah(cases.reduce(0) { $0 + $1.fine }, L),
            "recovered": Formatting.rupiah(cases.reduce(0) { $0 + $1.recovered }, L),
            "added": Formatting.rupiah(cases.reduce(0) { $0 + $1.addedMonthly }, L),
            "ageHeaders": ages.map { L.text($0.id, $0.en) },
            "byState": byState, "hasCases": !cases.isEmpty,
            "overdueRows": overdueRows, "hasOverdue": !overdueRows.isEmpty,
            "chart": chart, "hasChart": !chart.isEmpty, "months": monthRows,
            "groups": groups, "hasGroups": !groups.isEmpty, "runs": runs, "hasRuns": !runs.isEmpty,
            "top": top, "hasTop": !top.isEmpty,
            "labels": [
                "branch": L.text("Kantor cabang", "Branch"), "asOf": L.text("per", "as of"),
                "cases": L.text("kasus", "cases"), "open": L.text("terbuka", "open"),
                "overdueCases": L.text("terlambat", "overdue"), "fines": L.text("denda", "fines"),
                "recovered": L.text("iuran tertagih", "recovered"),
                "added": L.text("tambahan iuran/bulan", "added monthly"),
                "byState": L.text("Kasus menurut status dan umur", "Cases by state and age"),
                "state": L.text("Status", "State"), "total": L.text("Jumlah", "Total"),
                "overdueTitle": L.text("Kasus terlambat", "Overdue cases"),
                "case": L.text("Kasus", "Case"), "employer": L.text("Pemberi kerja", "Employer"),
                "deadline": L.text("Batas waktu", "Deadline"), "daysLate": L.text("Hari lewat", "Days late"),
                "lateStep": L.text("Langkah yang terlambat", "Step that is late"),
                "atStake": L.text("Nilai temuan", "At stake"),
                "noOverdue": L.text("Tidak ada kasus yang terlambat.", "No case is overdue."),
                "moneyTitle": L.text(
                    "Denda, iuran tertagih dan tambahan iuran", "Fines, recovered and added contributions"),
                "month": L.text("Akhir bulan", "Month end"),
                "hitTitle": L.text(
                    "Ketepatan sasaran: daftar audit dibanding sampel acak",
                    "Targeting: the audit list against a random sample"),
                "selection": L.text("Jenis", "Selection"), "inspected": L.text("Diperiksa", "Inspected"),
                "hits": L.text("Terbukti", "Hits"), "rate": L.text("Tingkat temuan", "Hit rate"),
                "interval": L.text("Interval 95 % (Wilson)", "95 % interval (Wilson)"),
                "perCase": L.text("Tertagih per kasus", "Recovered per case"),
                "noGroups": L.text("Belum ada kasus yang diperiksa.", "No case has been inspected yet."),
                "precisionTitle": L.text("Presisi tiap daftar audit", "Precision of each audit list"),
                "run": L.text("Audit", "Run"), "period": L.text("Periode", "Period"),
                "precision": L.text("Presisi (terbukti/diperiksa)", "Precision (hits/inspected)"),
                "topTitle": L.text("Penagihan terbesar", "Top recoveries"),
                "fine": L.text("Denda", "Fine"),
                "noCases": L.text("Belum ada kasus di cabang ini.", "No cases in this branch yet."),
                "footnote": L.text(
                    "Iuran tertagih: pembayaran sesudah kasus dibuka untuk periode tunggakan saat dibuka, paling banyak sebesar tunggakannya. Denda administratif \(CaseText.percent(fineRate, .indonesian)) per bulan dari nilai temuan sejak batas waktu SP II. Tingkat temuan: hasil pemeriksaan terakhir terbukti atau sebagian.",
                    "Recovered: payments after opening for the periods in arrears at opening, at most what was outstanding. Administrative fine \(CaseText.percent(fineRate, .english)) a month of the amount at stake from warning II's deadline. Hit rate: the latest inspection's outcome terbukti or sebagian."
                ),
            ],
        ]
        return try TemplateRenderer.render("cases", format: format, context: context)
    }

    /// What an overdue case is late for.
    static func lateStep(_ state: CaseState, _ L: Language) -> String {
        switch state {
        case .dibuka: L.text("pemeriksaan (20 hari kerja sejak dibuka)", "inspection (20 working days from opening)")
        case .sp1: L.text("SP I lewat batas: terbitkan SP II", "warning I expired: issue warning II")
        case .sp2: L.text("SP II lewat batas: kenakan denda atau rujuk", "warning II expired: impose the fine or refer")
        default: ""
        }
    }

    /// Days from `from` to `to` (`YYYY-MM-DD`).
    static func days(from: String, to: String) -> Int {
        func date(_ text: String) -> Date? {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        guard let a = date(from), let b = date(to) else { return 0 }
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }
}
