import Compliance
import Foundation

/// *Laporan Cakupan Kepesertaan*: coverage of the working population by province and
/// regency/city with its counting basis, the change against the same period a year earlier,
/// the gap to a target, the outreach list's counts, every funded list's reconciliation, and a
/// ranking of the local governments (docs/coverage.md). Counts only: no NIK, no name. A pure
/// function of its figures, the date and the language.
public enum CoverageReport {
    /// Regions in a chart at most (the first of the ranking).
    static let chartLimit = 20

    /// One region's figures against the year earlier and the target.
    struct Figures {
        var row: CoverageRow
        var coverage: Decimal?
        var previous: Decimal?
        /// Percentage points against the year earlier: nil when either side has no labour-force row.
        var change: Decimal?
        /// Percentage points short of the target (0 when reached); nil without a labour-force row.
        var gap: Decimal?
        /// Participants short of the target: ⌈workers × target / 100⌉ − participants, at least 0.
        var short: Int?

        init(_ row: CoverageRow, earlier: CoverageRow?, target: Decimal) {
            self.row = row
            coverage = row.coveragePct.flatMap { Decimal(string: $0) }
            previous = earlier?.coveragePct.flatMap { Decimal(string: $0) }
            if let coverage, let previous { change = coverage - previous }
            if let coverage, let workers = row.workers {
                gap = max(0, target - coverage)
                var needed = Decimal(workers) * target / 100
                var rounded = Decimal()
                NSDecimalRound(&rounded, &needed, 0, .up)
                short = max(0, NSDecimalNumber(decimal: rounded).intValue - row.participants)
            }
        }
    }

    public static func render(_ data: CoverageReportData, generatedAt: Date, format: ReportFormat, language L: Language)
        throws -> String
    {
        let target = data.target.percent
        let earlier = Dictionary(data.yearEarlier.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
        let figures = data.current.map { Figures($0, earlier: earlier[$0.region], target: target) }
        let provinces = figures.filter { $0.row.region.count == 2 }
        let regencies = figures.filter { $0.row.region.count == 4 }
        let noData = L.text("tidak ada data angkatan kerja", "no labour-force data")

        let label = data.names.label
        /// A percentage as the database writes it (`35.00`): both decimals kept.
        func written(_ text: String?) -> String {
            guard let text else { return "–" }
            return (L == .indonesian ? text.replacingOccurrences(of: ".", with: ",") : text) + "%"
        }
        func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
        func points(_ value: Decimal?) -> String {
            guard let value else { return "–" }
            return Formatting.signed(double(value), L, digits: 2) + L.text(" poin", " pts")
        }
        func gap(_ item: Figures) -> String {
            guard let gap = item.gap else { return "–" }
            return gap == 0
                ? L.text("tercapai", "reached")
                : Formatting.decimal(double(gap), L, digits: 2) + L.text(" poin", " pts")
        }

        // Coverage by province and by regency/city.
        func regionRow(_ item: Figures) -> [String: Any] {
            let row = item.row
            return [
                "noData": row.workers == nil,
                "label": row.label, "participants": Formatting.count(row.participants, L),
                "pu": Formatting.count(row.pu, L), "bpu": Formatting.count(row.bpu, L),
                "workers": row.workers.map {
                    Formatting.count($0, L) + " (\(row.labourForceYear.map(String.init) ?? ""))"
                }
                    ?? "–",
                "coverage": row.workers == nil ? noData : written(row.coveragePct),
                "puCoverage": written(row.puCoveragePct), "bpuCoverage": written(row.bpuCoveragePct),
                "previous": written(earlier[row.region]?.coveragePct), "change": points(item.change),
                "gap": gap(item), "short": item.short.map { Formatting.count($0, L) } ?? "–",
            ]
        }

        // The local governments ranked: by coverage, and by its change.
        let withWorkers = regencies.filter { $0.coverage != nil }
        let byCoverage = withWorkers.sorted {
            $0.coverage! != $1.coverage! ? $0.coverage! > $1.coverage! : $0.row.region < $1.row.region
        }
        let byChange = withWorkers.filter { $0.change != nil }.sorted {
            $0.change! != $1.change! ? $0.change! > $1.change! : $0.row.region < $1.row.region
        }
        let rankingCoverage = byCoverage.enumerated().map { index, item -> [String: String] in
            [
                "rank": String(index + 1), "label": item.row.label, "coverage": written(item.row.coveragePct),
                "participants": Formatting.count(item.row.participants, L),
                "workers": item.row.workers.map { Formatting.count($0, L) } ?? "–", "gap": gap(item),
            ]
        }
        let rankingChange = byChange.enumerated().map { index, item -> [String: String] in
            [
                "rank": String(index + 1), "label": item.row.label,
                "previous": written(earlier[item.row.region]?.coveragePct), "coverage": written(item.row.coveragePct),
                "change": points(item.change),
            ]
        }

        // Charts: coverage now and a year earlier, of the provinces and of the ranking's first.
        let thisPeriod = Formatting.period(data.period, L)
        let previousPeriod = Formatting.period(CoverageReportData.yearBefore(data.period), L)
        let targetText = percentText(target, L)
        func coverageChart(_ title: String, _ items: [Figures]) -> String {
            guard !items.isEmpty else { return "" }
            return Charts.bars(
                title: title + L.text(" — sasaran ", " — target ") + targetText, labels: items.map(\.row.region),
                series: [
                    Charts.Series(
                        name: thisPeriod, values: items.map { $0.coverage.map(double) }, color: Charts.palette[0]),
                    Charts.Series(
                        name: previousPeriod, values: items.map { $0.previous.map(double) }, color: Charts.palette[2]),
                ], format: { Formatting.decimal($0, L, digits: $0 == $0.rounded() ? 0 : 1) + "%" })
        }
        let provinceChart = coverageChart(
            L.text("Cakupan provinsi (%)", "Coverage of the provinces (%)"), provinces.filter { $0.coverage != nil })
        let regencyChart = coverageChart(
            byCoverage.count > chartLimit
                ? L.text(
                    "Cakupan kabupaten/kota, \(chartLimit) tertinggi (%)",
                    "Coverage of the regencies/cities, the \(chartLimit) highest (%)")
                : L.text("Cakupan kabupaten/kota (%)", "Coverage of the regencies/cities (%)"),
            Array(byCoverage.prefix(chartLimit)))

        // The outreach list, counted.
        let outreach = data.outreach
        func countRow(_ key: String, _ name: String, _ count: CoverageReportData.Count) -> [String: String] {
            [
                "key": key, "name": name, "people": Formatting.count(count.people, L),
                "funded": Formatting.count(count.funded, L),
                "unfunded": Formatting.count(count.people - count.funded, L),
            ]
        }
        let outreachRegions = outreach.regions.sorted { $0.key < $1.key }.map {
            countRow($0.key, label($0.key), $0.value)
        }
        let outreachDistricts = outreach.districts.sorted { $0.key < $1.key }.map {
            countRow($0.key, label(String($0.key.prefix(4))), $0.value)
        }
        let outreachCategories = categoryOrder(Array(outreach.categories.keys)).map { code in
            countRow(code, categoryName(code, L), outreach.categories[code] ?? .init())
        }
        let largest = outreach.regions.sorted { ($1.value.people, $0.key) < ($0.value.people, $1.key) }
            .prefix(chartLimit)
        let outreachChart =
            largest.isEmpty
            ? ""
            : Charts.bars(
                title: L.text(
                    "Daftar sosialisasi per kabupaten/kota (orang)", "The outreach list by regency/city (people)"),
                labels: largest.map(\.key),
                series: [
                    Charts.Series(
                        name: L.text("Dibiayai daftar", "Funded by a list"),
                        values: largest.map { Double($0.value.funded) }, color: Charts.palette[0]),
                    Charts.Series(
                        name: L.text("Belum dibiayai", "Not funded"),
                        values: largest.map { Double($0.value.people - $0.value.funded) }, color: Charts.palette[1]),
                ], format: { Formatting.count(Int($0.rounded()), L) }, integerTicks: true)

        // Every funded list's reconciliation.
        let lists = data.reconciliations
        let reconciliations = lists.map { item -> [String: String] in
            [
                "list": item.listCode, "pemda": label(item.pemdaCode), "expected": Formatting.count(item.expected, L),
                "enrolled": Formatting.count(item.count(.enrolled), L),
                "missing": Formatting.count(item.count(.missing), L),
                "alreadyPU": Formatting.count(item.count(.alreadyPU), L),
                "paidNotListed": Formatting.count(item.count(.paidNotListed), L),
                "budget": Formatting.rupiah(item.budget, L), "paid": Formatting.rupiah(item.paid, L),
                "difference": Formatting.rupiah(item.difference, L),
            ]
        }
        func sum(_ value: (Reconciliation) -> Int) -> String { Formatting.count(lists.reduce(0) { $0 + value($1) }, L) }
        func money(_ value: (Reconciliation) -> Decimal) -> Decimal { lists.reduce(0) { $0 + value($1) } }
        let reconciliationTotal: [String: String] = [
            "expected": sum(\.expected), "enrolled": sum { $0.count(.enrolled) }, "missing": sum { $0.count(.missing) },
            "alreadyPU": sum { $0.count(.alreadyPU) }, "paidNotListed": sum { $0.count(.paidNotListed) },
            "budget": Formatting.rupiah(money(\.budget), L), "paid": Formatting.rupiah(money(\.paid), L),
            "difference": Formatting.rupiah(money(\.difference), L),
        ]
        let reconciliationChart =
            lists.isEmpty
            ? ""
            : Charts.bars(
                title: L.text("Anggaran dan pembayaran tiap daftar", "Budget and payments of each list"),
                labels: lists.map(\.listCode),
                series: [
                    Charts.Series(
                        name: L.text("Anggaran", "Budget"), values: lists.map { double($0.budget) },
                        color: Charts.palette[2]),
                    Charts.Series(
                        name: L.text("Dibayar", "Paid"), values: lists.map { double($0.paid) },
                        color: Charts.palette[0]),
                ], format: { Formatting.rupiahCompact($0, L) })

        // Headline figures: of the region asked for, else of every province together.
        let scopeRow = data.region.flatMap { code in figures.first { $0.row.region == code } }
        let participants = scopeRow.map { [$0.row] } ?? provinces.map(\.row)
        func kpi(_ label: String, _ value: String, _ detail: String = "") -> [String: String] {
            ["label": label, "value": value, "detail": detail]
        }
        var kpis = [
            kpi(
                L.text("Peserta", "Participants"), Formatting.count(participants.reduce(0) { $0 + $1.participants }, L),
                "PU " + Formatting.count(participants.reduce(0) { $0 + $1.pu }, L) + " · BPU "
                    + Formatting.count(participants.reduce(0) { $0 + $1.bpu }, L))
        ]
        if let scopeRow {
            kpis.append(
                kpi(
                    L.text("Cakupan", "Coverage"),
                    scopeRow.row.workers == nil ? noData : written(scopeRow.row.coveragePct),
                    scopeRow.row.workers.map {
                        L.text("dari ", "of ") + Formatting.count($0, L) + L.text(" angkatan kerja", " workers")
                            + " · " + points(scopeRow.change)
                    } ?? ""))
        }
        kpis += [
            kpi(L.text("Sasaran", "Target"), targetText, targetSource(data.target, L)),
            kpi(
                L.text("Kabupaten/kota di bawah sasaran", "Regencies/cities below the target"),
                Formatting.count(withWorkers.filter { ($0.gap ?? 0) > 0 }.count, L),
                L.text("dari ", "of ") + Formatting.count(withWorkers.count, L)
                    + L.text(" dengan data angkatan kerja", " with labour-force data")),
            kpi(
                L.text("Daftar sosialisasi", "Outreach list"), Formatting.count(outreach.total.people, L),
                Formatting.count(outreach.total.funded, L)
                    + L.text(" dibiayai daftar pemda", " funded by a local government's list")),
            kpi(
                L.text("Daftar yang dibiayai", "Funded lists"), Formatting.count(lists.count, L),
                L.text("selisih ", "difference ") + Formatting.rupiah(money(\.difference), L)),
        ]

        let context: [String: Any] = [
            "lang": L.rawValue, "landscape": true, "title": L.text("Laporan Cakupan Kepesertaan", "Coverage Report"),
            "scope": data.region.map(label) ?? L.text("Seluruh wilayah", "All regions"), "period": thisPeriod,
            "previousPeriod": previousPeriod, "generated": Formatting.date(generatedAt, L),
            "basis": basisText(data.basis, L), "target": targetText, "targetSource": targetSource(data.target, L),
            "kpis": kpis,
            "provinces": provinces.map(regionRow), "hasProvinces": !provinces.isEmpty,
            "regencies": regencies.map(regionRow), "hasRegencies": !regencies.isEmpty,
            "provinceChart": provinceChart, "hasProvinceChart": !provinceChart.isEmpty,
            "regencyChart": regencyChart, "hasRegencyChart": !regencyChart.isEmpty,
            "rankingCoverage": rankingCoverage, "hasRankingCoverage": !rankingCoverage.isEmpty,
            "rankingChange": rankingChange, "hasRankingChange": !rankingChange.isEmpty,
            "outreachTotal": Formatting.count(outreach.total.people, L),
            "outreachFunded": Formatting.count(outreach.total.funded, L),
            "outreachRegions": outreachRegions, "outreachDistricts": outreachDistricts,
            "outreachCategories": outreachCategories, "hasOutreach": outreach.total.people > 0,
            "outreachChart": outreachChart, "hasOutreachChart": !outreachChart.isEmpty,
            "reconciliations": reconciliations, "reconciliationTotal": reconciliationTotal,
            "hasReconciliations": !lists.isEmpty, "reconciliationChart": reconciliationChart,
            "labels": labelTexts(L, previousPeriod: previousPeriod, target: targetText),
        ]
        return try TemplateRenderer.render("coverage", format: format, context: context)
    }

    /// The counting basis, as the page states it.
    static func basisText(_ basis: CoverageBasis, _ L: Language) -> String {
        switch basis {
        case .nik:
            L.text(
                "wilayah NIK: empat digit pertama NIK (kabupaten/kota yang menerbitkannya)",
                "the NIK's region: its first four digits (the regency/city that issued it)")
        case .employer:
            L.text(
                "wilayah pemberi kerja: PU menurut pemberi kerja dengan upah tertinggi dalam periode (sama besar: NPP terkecil), BPU menurut domisili (tanpa domisili: empat digit pertama NIK)",
                "the employer's region: PU by the employer of the highest wage in the period (ties: the smallest NPP), BPU by the domicile (none given: the NIK's first four digits)"
            )
        }
    }

    /// Where the target comes from.
    static func targetSource(_ target: CoverageTarget, _ L: Language) -> String {
        switch target.source {
        case .given: L.text("ditetapkan dengan --target", "set with --target")
        case .plan(let plan):
            L.text(
                "sasaran nasional \(plan) untuk tahun \(target.year)", "the national \(plan) target for \(target.year)")
        case .fallback:
            L.text(
                "bawaan Periksa: tidak ada sasaran nasional RPJMN yang diketahui untuk tahun \(target.year)",
                "Periksa's default: no national RPJMN target is known for \(target.year)")
        }
    }

    /// The categories of the worker lists, in the data contract's order; unknown ones after.
    static func categoryOrder(_ codes: [String]) -> [String] {
        let order = ["rentan", "informal", "non_asn", "keagamaan", "lainnya"]
        return codes.sorted { ((order.firstIndex(of: $0) ?? 9), $0) < ((order.firstIndex(of: $1) ?? 9), $1) }
    }

    static func categoryName(_ code: String, _ L: Language) -> String {
        let names: [String: (String, String)] = [
            "rentan": ("Pekerja rentan", "Vulnerable workers"), "informal": ("Pekerja informal", "Informal workers"),
            "non_asn": ("Pegawai non-ASN", "Non-civil-servant government staff"),
            "keagamaan": ("Pekerja keagamaan", "Religious workers"), "lainnya": ("Lainnya", "Other"),
        ]
        return names[code].map { L.text($0.0, $0.1) } ?? code
    }

    /// `RPJMN 2025–2029 32,15% untuk 2025, RKP 2026 34,99% untuk 2026, …`.
    static func plans(_ L: Language) -> String {
        CoverageTarget.national.sorted { $0.key < $1.key }.map { year, known in
            "\(known.plan) \(percentText(known.percent, L))" + L.text(" untuk ", " for ") + String(year)
        }.joined(separator: ", ")
    }

    /// `32,15%` / `32.15%`.
    static func percentText(_ value: Decimal, _ L: Language) -> String {
        let text = NSDecimalNumber(decimal: value).stringValue
        return (L == .indonesian ? text.replacingOccurrences(of: ".", with: ",") : text) + "%"
    }

    static func labelTexts(_ L: Language, previousPeriod: String, target: String) -> [String: String] {
        let fallback = percentText(CoverageTarget.fallbackPercent, L)
        return [
            "period": L.text("Periode", "Period"), "generated": L.text("dibuat", "generated"),
            "metric": L.text("Ukuran", "Measure"),
            "basis": L.text("Dasar hitung", "Counting basis"), "target": L.text("Sasaran", "Target"),
            "provinces": L.text("Cakupan per provinsi", "Coverage by province"),
            "regencies": L.text("Cakupan per kabupaten/kota", "Coverage by regency/city"),
            "region": L.text("Wilayah", "Region"), "participants": L.text("Peserta", "Participants"),
            "workers": L.text("Angkatan kerja (tahun)", "Workers (year)"),
            "workersShort": L.text("Angkatan kerja", "Workers"),
            "coverage": L.text("Cakupan", "Coverage"), "puCoverage": L.text("Cakupan PU", "PU coverage"),
            "bpuCoverage": L.text("Cakupan BPU", "BPU coverage"), "previous": previousPeriod,
            "change": L.text("Perubahan", "Change"), "gap": L.text("Jarak ke sasaran", "Gap to target"),
            "short": L.text("Kekurangan peserta", "Participants short"),
            "none": L.text("Tidak ada.", "None."),
            "rankingCoverage": L.text(
                "Peringkat kabupaten/kota menurut cakupan", "Regencies and cities ranked by coverage"),
            "rankingChange": L.text(
                "Peringkat kabupaten/kota menurut perubahan cakupan",
                "Regencies and cities ranked by change in coverage"
            ),
            "rank": L.text("Peringkat", "Rank"),
            "rankingNote": L.text(
                "Pemerintah daerah kabupaten/kota yang memiliki data angkatan kerja, semangat Paritrana Award; perubahan dalam poin persentase dibanding \(previousPeriod).",
                "The regency and city governments with labour-force data, in the spirit of the Paritrana Award; change in percentage points against \(previousPeriod)."
            ),
            "outreach": L.text("Daftar sosialisasi", "Outreach list"),
            "outreachLead": L.text(
                "orang di daftar pemda yang belum menjadi peserta dalam periode ini; dibiayai daftar pemda:",
                "people on the local governments' lists who are not participants in the period; funded by a list:"),
            "outreachRegions": L.text("Per kabupaten/kota (wilayah di daftar)", "By regency/city (the list's region)"),
            "outreachDistricts": L.text(
                "Per kecamatan (enam digit pertama NIK)", "By district (the NIK's first six digits)"),
            "outreachCategories": L.text("Per kategori", "By category"),
            "district": L.text("Kecamatan", "District"), "regency": L.text("Kabupaten/kota", "Regency/city"),
            "category": L.text("Kategori", "Category"), "people": L.text("Orang", "People"),
            "funded": L.text("Dibiayai", "Funded"), "unfunded": L.text("Belum dibiayai", "Not funded"),
            "outreachNote": L.text(
                "Hanya jumlah: NIK dan nama ada di periksa outreach, tersamar kecuali diminta. Orang yang ada di daftar beberapa kategori dihitung di tiap kategori.",
                "Counts only: NIK and names are in periksa outreach, masked unless asked for. A person on lists of several categories counts in each."
            ),
            "reconciliation": L.text("Rekonsiliasi daftar yang dibiayai", "Reconciliation of the funded lists"),
            "list": L.text("Daftar", "List"), "pemda": L.text("Pemda", "Local government"),
            "expected": L.text("Dibiayai", "Funded"), "enrolled": L.text("Terdaftar", "Enrolled"),
            "missing": L.text("Belum terdaftar", "Missing"), "alreadyPU": L.text("Sudah PU", "Already PU"),
            "paidNotListed": L.text("Dibayar tanpa di daftar", "Paid, not listed"),
            "budget": L.text("Anggaran", "Budget"), "paid": L.text("Dibayar", "Paid"),
            "difference": L.text("Selisih", "Difference"), "total": L.text("Jumlah", "Total"),
            "noLists": L.text(
                "Tidak ada daftar yang membiayai seseorang dalam periode ini.", "No list funds anyone in the period."),
            "reconciliationNote": L.text(
                "Dibiayai: NIK di daftar yang dibiayai untuk periode ini; terdaftar: dengan iuran BPU periode ini yang dibayar pemda tersebut; belum terdaftar: tidak terdaftar dan bukan peserta PU; sudah PU: pemberi kerjanya yang wajib membayar iurannya; dibayar tanpa di daftar: iuran BPU yang dibayar pemda untuk NIK yang tidak dibiayai daftar mana pun dari pemda itu. Anggaran: paket BPU (JKK + JKM) dari penghasilan yang dilaporkan di daftar; selisih = anggaran − dibayar.",
                "Funded: the list's NIKs funded for the period; enrolled: with a BPU contribution for the period paid by that local government; missing: not enrolled and not a PU participant; already PU: their employer owes their contributions; paid, not listed: BPU contributions the local government paid for a NIK no list of it funds. Budget: the BPU package (JKK + JKM) of the declared income on the list; difference = budget − paid."
            ),
            "notes": L.text("Catatan", "Notes"),
            "note1": L.text(
                "Peserta: NIK dengan iuran PU atau BPU untuk periode ini, sekali (yang keduanya dihitung PU). Cakupan = peserta ÷ angkatan kerja wilayah dari baris angkatan kerja terakhir dengan tahun ≤ tahun periode; provinsi: pesertanya semua kabupaten/kota di dalamnya ÷ angkatan kerja provinsi. Cakupan PU dan BPU terhadap angkatan kerja penerima upah dan bukan penerima upah bila ada.",
                "Participants: NIKs with a PU or a BPU contribution for the period, once (those with both count as PU). Coverage = participants ÷ the region's workers from its latest labour-force row with year ≤ the period's year; a province: the participants of all its regencies/cities ÷ the province's workers. PU and BPU coverage against the wage and non-wage workers where given."
            ),
            "note2": L.text(
                "Perubahan: cakupan periode ini dikurangi cakupan \(previousPeriod), dalam poin persentase; kosong bila salah satunya tanpa data angkatan kerja. Jarak ke sasaran: sasaran \(target) dikurangi cakupan; kekurangan peserta: peserta yang masih diperlukan untuk mencapainya.",
                "Change: this period's coverage less that of \(previousPeriod), in percentage points; empty when either has no labour-force data. Gap to target: the target \(target) less the coverage; participants short: the participants still needed to reach it."
            ),
            "note3": L.text(
                "Sasaran nasional kepesertaan jaminan sosial ketenagakerjaan sebagaimana disampaikan Kemendagri (Ditjen Bina Pembangunan Daerah, Mei 2025): \(plans(L)); RPJMN 2025–2029 ditetapkan dengan Perpres 12/2025. Tahun lain, tanpa sasaran yang diketahui: \(fallback). Sasaran lain dengan --target.",
                "National targets for employment social security participation as the Ministry of Home Affairs stated them (Directorate General of Regional Development, May 2025): \(plans(L)); the RPJMN 2025–2029 is Perpres 12/2025. Other years, with no known target: \(fallback). Another target with --target."
            ),
        ]
    }
}
