import Compliance
import Foundation

/// *Laporan Kepatuhan*: the periodic compliance report for managers of a branch, a region or
/// the whole agency. A pure function of its figures, the date and the language.
public enum ComplianceReport {
    public static func render(_ data: ComplianceData, generatedAt: Date, format: ReportFormat, language L: Language)
        throws -> String
    {
        let current = data.current
        let previous = data.previous
        let categories = Category.allCases

        // Headline figures, and the change against the previous period.
        func kpi(_ label: String, _ value: String, _ detail: String = "") -> [String: String] {
            ["label": label, "value": value, "detail": detail]
        }
        let kpis = [
            kpi(
                L.text("Cakupan tenaga kerja", "Worker coverage"), Formatting.percent(current.coverage, L),
                Formatting.count(current.workers, L) + L.text(" dilaporkan", " reported")),
            kpi(
                L.text("Tingkat kepatuhan", "Compliance rate"), Formatting.percent(current.complianceRate, L),
                Formatting.count(current.active - current.flagged, L) + L.text(" dari ", " of ")
                    + Formatting.count(current.active, L) + L.text(" pemberi kerja aktif", " active employers")),
            kpi(
                L.text("Nilai iuran temuan", "Rupiah at stake"), Formatting.rupiah(current.rupiah, L),
                Formatting.count(current.findings, L) + L.text(" temuan", " findings")),
            kpi(
                L.text("Belum terdaftar (PWBD)", "Unregistered (PWBD)"), Formatting.count(current.pwbdBusinesses, L),
                Formatting.count(current.pwbdWorkers, L) + L.text(" tenaga kerja", " workers")),
            kpi(
                L.text("Iuran dibayar / terutang", "Contributions paid / due"),
                Formatting.percent(current.due > 0 ? ratio(current.paid, current.due) : nil, L),
                Formatting.rupiah(current.paid, L) + " / " + Formatting.rupiah(current.due, L)),
        ]
        typealias Metric = (
            label: String, value: (ComplianceData.Totals) -> Double?, show: (Double?) -> String, points: Bool
        )
        let metrics: [Metric] = [
            (L.text("Cakupan tenaga kerja", "Worker coverage"), { $0.coverage }, { Formatting.percent($0, L) }, true),
            (
                L.text("Tingkat kepatuhan", "Compliance rate"), { $0.complianceRate }, { Formatting.percent($0, L) },
                true
            ),
            (L.text("Pemberi kerja aktif", "Active employers"), { Double($0.active) }, { count($0, L) }, false),
            (
                L.text("Pemberi kerja dengan temuan", "Employers with findings"), { Double($0.flagged) },
                { count($0, L) }, false
            ),
            (L.text("Tenaga kerja dilaporkan", "Workers reported"), { Double($0.workers) }, { count($0, L) }, false),
            (
                L.text("Tenaga kerja belum dilaporkan (sumber luar)", "Workers seen elsewhere, not reported"),
                { Double($0.uncovered) }, { count($0, L) }, false
            ),
            (
                L.text("Tenaga kerja di usaha belum terdaftar", "Workers of unregistered businesses"),
                { Double($0.pwbdWorkers) }, { count($0, L) }, false
            ),
            (L.text("Nilai iuran temuan", "Rupiah at stake"), { Double($0.rupiah) }, { money($0, L) }, false),
            (
                L.text("Iuran terutang", "Contributions due"), { NSDecimalNumber(decimal: $0.due).doubleValue },
                { money($0, L) }, false
            ),
            (
                L.text("Iuran dibayar", "Contributions paid"), { NSDecimalNumber(decimal: $0.paid).doubleValue },
                { money($0, L) }, false
            ),
        ]
        let changes = metrics.map { metric -> [String: String] in
            let now = metric.value(current)
            let before = previous.flatMap(metric.value)
            return [
                "label": metric.label, "previous": previous == nil ? "–" : metric.show(before),
                "current": metric.show(now), "change": change(now, before, points: metric.points, L),
            ]
        }
        let categoryRows = categories.map { category -> [String: String] in
            let now = current.categories[category]
            let before = previous?.categories[category]
            return [
                "code": category.code, "name": category.name(L), "count": Formatting.count(now?.count ?? 0, L),
                "rupiah": Formatting.rupiah(now?.rupiah ?? 0, L),
                "previousCount": previous == nil ? "–" : Formatting.count(before?.count ?? 0, L),
                "previousRupiah": previous == nil ? "–" : Formatting.rupiah(before?.rupiah ?? 0, L),
            ]
        }

        // The trend over twelve periods.
        let trendLabels = data.trend.map { periodShort($0.period, L) }
        let coverageChart = Charts.lines(
            title: L.text("Cakupan dan kepatuhan (%)", "Coverage and compliance (%)"), labels: trendLabels,
            series: [
                Charts.Series(
                    name: L.text("Cakupan", "Coverage"),
                    values: data.trend.map { $0.totals?.coverage.map { $0 * 100 } },
                    color: Charts.palette[0]),
                Charts.Series(
                    name: L.text("Kepatuhan", "Compliance"),
                    values: data.trend.map { $0.totals?.complianceRate.map { $0 * 100 } }, color: Charts.palette[2]),
            ], format: { Formatting.percent($0 / 100, L, digits: 0) })
        // One line per category over the trend, of `value` (its count or its rupiah).
        func categoryChart(
            _ title: String, _ value: @escaping ((count: Int, rupiah: Int64)) -> Double,
            format: @escaping (Double) -> String
        ) -> String {
            Charts.lines(
                title: title, labels: trendLabels,
                series: categories.enumerated().map { index, category in
                    Charts.Series(
                        name: category.label(L),
                        values: data.trend.map { $0.totals.map { value($0.categories[category] ?? (0, 0)) } },
                        color: Charts.palette[index])
                }, format: format)
        }
        let countChart = categoryChart(
            L.text("Jumlah temuan per kategori", "Findings per category"), { Double($0.count) },
            format: { Formatting.count(Int($0), L) })
        let rupiahChart = categoryChart(
            L.text("Nilai iuran temuan per kategori", "Rupiah at stake per category"), { Double($0.rupiah) },
            format: { Formatting.rupiahCompact($0, L) })
        let trendRows = data.trend.map { item -> [String: String] in
            guard let totals = item.totals else {
                return [
                    "period": periodLabel(item.period, L), "run": "–", "coverage": "–", "compliance": "–",
                    "findings": "–", "rupiah": "–",
                ]
            }
            return [
                "period": periodLabel(item.period, L), "run": "#\(totals.runID)",
                "coverage": Formatting.percent(totals.coverage, L),
                "compliance": Formatting.percent(totals.complianceRate, L),
                "findings": Formatting.count(totals.findings, L), "rupiah": Formatting.rupiah(totals.rupiah, L),
            ]
        }

        // Breakdowns and the ranking.
        func rows(_ dimension: String) -> [[String: String]] {
            let order = ["besar", "menengah", "kecil", "mikro"]
            let groups = data.groups.filter { $0.dimension == dimension }
            let sorted =
                dimension == "scale"
                ? groups.sorted { (order.firstIndex(of: $0.key) ?? 9) < (order.firstIndex(of: $1.key) ?? 9) } : groups
            return sorted.map { group in
                [
                    "key": dimension == "section"
                        ? sectionName(group.key, L)
                        : dimension == "region" ? data.regionNames.label(group.key) : group.key,
                    "active": Formatting.count(group.active, L), "flagged": Formatting.count(group.flagged, L),
                    "compliance": Formatting.percent(group.complianceRate, L),
                    "workers": Formatting.count(group.workers, L), "uncovered": Formatting.count(group.uncovered, L),
                    "coverage": Formatting.percent(group.coverage, L), "rupiah": Formatting.rupiah(group.rupiah, L),
                ]
            }
        }
        let breakdowns: [[String: Any]] = [
            (
                "region", L.text("Menurut wilayah (kabupaten/kota)", "By region (regency/city)"),
                L.text("Wilayah", "Region")
            ),
            ("branch", L.text("Menurut kantor cabang", "By branch office"), L.text("Kantor cabang", "Branch")),
            (
                "section", L.text("Menurut sektor (kategori KBLI)", "By sector (KBLI section)"),
                L.text("Sektor", "Sector")
            ),
            ("scale", L.text("Menurut skala usaha", "By business scale"), L.text("Skala", "Scale")),
        ].map { dimension, title, key in ["title": title, "keyLabel": key, "rows": rows(dimension)] }
        let rankings: [[String: Any]] = [
            ("branch", L.text("Peringkat kantor cabang", "Branch ranking"), L.text("Kantor cabang", "Branch")),
            ("region", L.text("Peringkat wilayah", "Region ranking"), L.text("Wilayah", "Region")),
        ].map { dimension, title, key in
            ["title": title, "keyLabel": key, "rows": ranking(data, dimension: dimension, L)]
        }

        let top = data.top.enumerated().map { index, employer -> [String: Any] in
            [
                "rank": String(index + 1), "npp": employer.npp, "name": employer.name, "branch": employer.branch,
                "region": data.regionNames.label(employer.region), "scale": FindingText.scaleName(employer.scale, L),
                "categories": employer.categories.map(\.code),
                "categoriesText": employer.categories.map(\.code).joined(separator: " "),
                "rupiah": Formatting.rupiah(employer.rupiah, L),
            ]
        }
        let unregistered = data.unregistered.map { business -> [String: String] in
            [
                "reference": business.reference, "name": business.name,
                "region": data.regionNames.label(business.region),
                "headcount": Formatting.count(business.headcount, L), "rupiah": Formatting.rupiah(business.rupiah, L),
                "reason": business.finding.reason(L),
            ]
        }
        let bucketNames = [
            1: L.text("1–3 bulan", "1–3 months"), 2: L.text("4–6 bulan", "4–6 months"),
            3: L.text("7–12 bulan", "7–12 months"),
        ]
        let arrears = data.arrears.map { age -> [String: String] in
            [
                "age": bucketNames[age.bucket] ?? "?", "employers": Formatting.count(age.employers, L),
                "months": Formatting.count(age.months, L), "outstanding": Formatting.rupiah(age.outstanding, L),
                "fines": Formatting.rupiah(age.fines, L),
            ]
        }
        let followUp = data.followUp.map { item -> [String: String] in
            [
                "name": item.category.label(L), "earlier": Formatting.count(item.earlier, L),
                "inspected": Formatting.count(item.inspected, L), "again": Formatting.count(item.foundAgain, L),
                "resolved": Formatting.count(item.earlier - item.foundAgain, L),
                "rupiah": Formatting.rupiah(item.rupiahAgain, L),
            ]
        }

        var scope = L.text("Seluruh wilayah", "All regions")
        if let region = data.region { scope = L.text("Wilayah ", "Region ") + data.regionNames.label(region) }
        if let branch = data.branch {
            scope = (data.region == nil ? "" : scope + " · ") + L.text("Kantor cabang ", "Branch office ") + branch
        }
        let context: [String: Any] = [
            "lang": L.rawValue, "title": L.text("Laporan Kepatuhan", "Compliance Report"), "scope": scope,
            "period": periodLabel(data.period, L), "month": Formatting.period(current.month, L),
            "run": String(current.runID), "asOf": Formatting.date(current.asOf, L),
            "generated": Formatting.date(generatedAt, L), "kpis": kpis, "changes": changes,
            "previousPeriod": periodLabel(data.period.previous, L), "categories": categoryRows,
            "totalCount": Formatting.count(current.findings, L), "totalRupiah": Formatting.rupiah(current.rupiah, L),
            "coverageChart": coverageChart, "countChart": countChart, "rupiahChart": rupiahChart,
            "trendRows": trendRows, "breakdowns": breakdowns, "rankings": rankings, "top": top,
            "hasTop": !top.isEmpty, "unregistered": unregistered, "hasUnregistered": !unregistered.isEmpty,
            "unregisteredCount": Formatting.count(current.pwbdBusinesses, L), "arrears": arrears,
            "hasArrears": !arrears.isEmpty, "followUp": followUp, "hasFollowUp": !followUp.isEmpty,
            "labels": labelTexts(L, kind: data.period.kind),
        ]
        return try TemplateRenderer.render("compliance", format: format, context: context)
    }

    /// Branches or regions ranked in the spirit of the Paritrana Award: by the mean of worker
    /// coverage and compliance rate, with the change in coverage since the previous period.
    static func ranking(_ data: ComplianceData, dimension: String, _ L: Language) -> [[String: String]] {
        let before = Dictionary(
            data.previousGroups.filter { $0.dimension == dimension }.map { ($0.key, $0) },
            uniquingKeysWith: { a, _ in a })
        let scored = data.groups.filter { $0.dimension == dimension && $0.active > 0 }.map { group in
            (group, ((group.coverage ?? 0) + (group.complianceRate ?? 0)) / 2)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.key < $1.0.key }
        return scored.enumerated().map { index, item in
            let (group, score) = item
            return [
                "rank": String(index + 1), "key": dimension == "region" ? data.regionNames.label(group.key) : group.key,
                "index": Formatting.percent(score, L),
                "coverage": Formatting.percent(group.coverage, L),
                "compliance": Formatting.percent(group.complianceRate, L),
                "change": change(group.coverage, before[group.key]?.coverage, points: true, L),
            ]
        }
    }

    static func ratio(_ a: Decimal, _ b: Decimal) -> Double {
        NSDecimalNumber(decimal: a).doubleValue / NSDecimalNumber(decimal: b).doubleValue
    }

    static func count(_ value: Double?, _ L: Language) -> String {
        value.map { Formatting.count(Int($0.rounded()), L) } ?? "–"
    }

    static func money(_ value: Double?, _ L: Language) -> String {
        value.map { Formatting.rupiah(Int64($0.rounded()), L) } ?? "–"
    }

    /// `+1,2 poin` for shares, `+12,5%` for amounts; `–` without a previous figure.
    static func change(_ now: Double?, _ before: Double?, points: Bool, _ L: Language) -> String {
        guard let now, let before else { return "–" }
        if points {
            let delta = (now - before) * 100
            return Formatting.signed(delta, L, digits: 1) + L.text(" poin", " pts")
        }
        guard before != 0 else { return now == 0 ? "0" : L.text("baru", "new") }
        return Formatting.signed((now - before) / before * 100, L, digits: 1) + "%"
    }

    /// `Desember 2025`, `Kuartal II 2024`, `Tahun 2024`.
    static func periodLabel(_ period: ReportPeriod, _ L: Language) -> String {
        switch period.kind {
        case .month: Formatting.period(period.text, L)
        case .quarter: L.text("Kuartal ", "Quarter ") + ["I", "II", "III", "IV"][period.number - 1] + " \(period.year)"
        case .year: L.text("Tahun ", "Year ") + String(period.year)
        }
    }

    /// For chart axes: `Des 25`, `K2 24`, `2024`.
    static func periodShort(_ period: ReportPeriod, _ L: Language) -> String {
        switch period.kind {
        case .month: Formatting.shortPeriod(period.text, L)
        case .quarter: L.text("K", "Q") + "\(period.number) \(String(period.year).suffix(2))"
        case .year: String(period.year)
        }
    }

    static func sectionName(_ code: String, _ L: Language) -> String {
        let names: [String: (String, String)] = [
            "A": ("Pertanian, kehutanan, perikanan", "Agriculture, forestry, fishing"),
            "B": ("Pertambangan", "Mining"), "C": ("Industri pengolahan", "Manufacturing"),
            "D": ("Listrik, gas", "Electricity, gas"), "E": ("Air, limbah", "Water, waste"),
            "F": ("Konstruksi", "Construction"), "G": ("Perdagangan", "Trade"),
            "H": ("Pengangkutan, pergudangan", "Transport, storage"),
            "I": ("Akomodasi, makan minum", "Accommodation, food"),
            "J": ("Informasi, komunikasi", "Information, communication"),
            "K": ("Keuangan, asuransi", "Finance, insurance"),
            "L": ("Real estat", "Real estate"), "M": ("Jasa profesional", "Professional services"),
            "N": ("Jasa penunjang usaha", "Support services"),
            "O": ("Administrasi pemerintahan", "Public administration"),
            "P": ("Pendidikan", "Education"), "Q": ("Kesehatan, sosial", "Health, social work"),
            "R": ("Kesenian, hiburan", "Arts, entertainment"), "S": ("Jasa lainnya", "Other services"),
            "T": ("Rumah tangga", "Households"), "U": ("Badan internasional", "Extraterritorial"),
        ]
        guard let name = names[code] else { return code }
        return "\(code) · " + L.text(name.0, name.1)
    }

    static func labelTexts(_ L: Language, kind: ReportPeriod.Kind) -> [String: String] {
        [
            "period": L.text("Periode", "Period"), "run": L.text("audit", "run"), "asOf": L.text("per", "as of"),
            "generated": L.text("dibuat", "generated"), "basis": L.text("menurut audit", "from the run of"),
            "changes": L.text("Dibanding periode sebelumnya", "Against the previous period"),
            "metric": L.text("Ukuran", "Measure"), "previous": L.text("Sebelumnya", "Previous"),
            "current": L.text("Periode ini", "This period"), "change": L.text("Perubahan", "Change"),
            "categories": L.text("Temuan per kategori", "Findings per category"),
            "category": L.text("Kategori", "Category"), "count": L.text("Jumlah", "Count"),
            "rupiah": L.text("Nilai iuran", "At stake"), "total": L.text("Jumlah", "Total"),
            "trend": L.text("Tren 12 periode", "Trend over 12 periods"),
            "coverage": L.text("Cakupan", "Coverage"), "compliance": L.text("Kepatuhan", "Compliance"),
            "findings": L.text("Temuan", "Findings"),
            "active": L.text("Aktif", "Active"), "flagged": L.text("Dengan temuan", "With findings"),
            "workers": L.text("TK dilaporkan", "Workers reported"),
            "uncovered": L.text("TK belum dilaporkan", "Not reported"),
            "rankingNote": L.text(
                "Indeks: rata-rata cakupan tenaga kerja dan tingkat kepatuhan, semangat Paritrana Award. Perubahan: cakupan dibanding periode sebelumnya.",
                "Index: the mean of worker coverage and compliance rate, in the spirit of the Paritrana Award. Change: coverage against the previous period."
            ),
            "rank": L.text("Peringkat", "Rank"), "index": L.text("Indeks", "Index"),
            "top": L.text("Pemberi kerja dengan nilai temuan terbesar", "Employers with the most at stake"),
            "employer": L.text("Pemberi kerja", "Employer"), "branch": L.text("Kantor cabang", "Branch"),
            "codes": L.text("Kode", "Codes"),
            "unregistered": L.text(
                "Usaha wajib daftar yang belum terdaftar (PWBD)",
                "Businesses required to register, not registered (PWBD)"),
            "unregisteredCount": L.text("usaha; yang terbesar:", "businesses; the largest:"),
            "reference": L.text("Rujukan", "Reference"), "business": L.text("Nama usaha", "Business"),
            "region": L.text("Wilayah", "Region"), "headcount": L.text("Tenaga kerja", "Workers"),
            "evidence": L.text("Bukti", "Evidence"),
            "arrears": L.text("Tunggakan menurut umur", "Arrears by age"), "age": L.text("Terlambat", "Late"),
            "employers": L.text("Pemberi kerja", "Employers"), "months": L.text("Bulan-iuran", "Employer-months"),
            "outstanding": L.text("Tertunggak", "Outstanding"), "fines": L.text("Denda", "Fines"),
            "followUp": L.text(
                "Tindak lanjut temuan periode sebelumnya", "Follow-up of the previous period's findings"),
            "earlier": L.text("Temuan sebelumnya", "Earlier findings"),
            "inspected": L.text("Sudah diperiksa", "Inspected since"),
            "again": L.text("Masih ditemukan", "Found again"),
            "resolved": L.text("Tidak ditemukan lagi", "No longer found"),
            "rupiahAgain": L.text("Nilai yang masih ditemukan", "At stake, found again"),
            "none": L.text("Tidak ada.", "None."),
            "notes": L.text("Catatan", "Notes"),
            "note1": L.text(
                "Cakupan = tenaga kerja dilaporkan ÷ (dilaporkan + tenaga kerja yang tercatat di sumber luar tetapi tidak dilaporkan + tenaga kerja usaha belum terdaftar). Pada rincian per wilayah, cabang, sektor dan skala, usaha belum terdaftar tidak dihitung.",
                "Coverage = workers reported ÷ (reported + workers recorded by outside sources and not reported + workers of unregistered businesses). The breakdowns by region, branch, sector and scale leave unregistered businesses out."
            ),
            "note2": L.text(
                "Tingkat kepatuhan = pemberi kerja aktif tanpa temuan ÷ pemberi kerja aktif. Nilai temuan adalah perkiraan iuran menurut aturan audit (docs/rules.md), bukan tagihan.",
                "Compliance rate = active employers without findings ÷ active employers. Amounts at stake are estimates by the audit's rules (docs/rules.md), not bills."
            ),
            "note3": kind == .month
                ? L.text(
                    "Tindak lanjut: temuan audit bulan sebelumnya yang ditemukan lagi (pemberi kerja dan kategori sama) pada audit ini.",
                    "Follow-up: the previous month's findings found again (same employer and category) in this run.")
                : L.text(
                    "Kuartal dan tahun dilaporkan menurut audit bulan terakhirnya yang tersedia; tindak lanjut membandingkan dengan audit periode sebelumnya.",
                    "Quarters and years are reported from the run of their last audited month; follow-up compares with the previous period's run."
                ),
        ]
    }
}
