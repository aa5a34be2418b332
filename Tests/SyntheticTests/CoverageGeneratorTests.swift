import Compliance
import Foundation
import Postgres
import Synthetic
import TestSupport
import Testing

/// The coverage files of `periksa generate`, imported, against `Coverage`: every planted situation
/// is found, with the counts the generator reports and the counts derived here from the files
/// alone (docs/coverage.md).
@Suite("periksa generate: the coverage files")
struct CoverageGeneratorTests {
    static let files = ["bpu-contributions.csv", "worker-lists.csv", "labour-force.csv"]
    static func generate(seed: UInt64, employers: Int = 400, period: String = "2025-12", months: Int = 3) throws -> (
        String, Generator.Summary
    ) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-coverage-\(UUID().uuidString)"
        ).path
        let summary = try Generator(
            options: .init(
                directory: directory, employers: employers, months: months, seed: seed,
                period: Int(period.prefix(4))! * 12 + Int(period.suffix(2))! - 1,
                dirty: false, truth: false)
        ).run()
        return (directory, summary)
    }

    @Test("the same seed writes the same coverage files; another seed, others")
    func deterministic() throws {
        let (first, _) = try Self.generate(seed: 5, employers: 200)
        let (second, _) = try Self.generate(seed: 5, employers: 200)
        let (other, _) = try Self.generate(seed: 6, employers: 200)
        defer { for folder in [first, second, other] { try? FileManager.default.removeItem(atPath: folder) } }
        for file in Self.files {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))), "\(file)")
            #expect(a != (try Data(contentsOf: URL(fileURLWithPath: other + "/" + file))), "\(file)")
        }
    }

    @Test(
        "imported without a rejection; coverage, outreach and reconcile find every planted situation",
        arguments: [(5, "2025-12", 3), (8, "2026-03", 15)] as [(UInt64, String, Int)])
    func planted(seed: UInt64, period: String, months: Int) throws {
        let (folder, summary) = try Self.generate(seed: seed, period: period, months: months)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try GeneratedFiles(folder: folder, period: period)
        let year = Int(period.prefix(4))!
        let planted = summary.coverage

        // The BPU rows: the package, every kind of participant.
        for row in data.bpuAll {
            #expect(row.income >= 1_000_000, "\(row.nik) \(row.period)")
            #expect(row.amount == Model.package(row.income) + (row.jht ? Model.round(row.income * 2, 100) : 0))
        }
        let december = Array(data.bpu.values)
        #expect(december.contains { $0.fundedBy == "mandiri" && $0.jht })
        #expect(december.contains { $0.fundedBy == "mandiri" && !$0.jht })
        #expect(december.contains { $0.fundedBy != "mandiri" && $0.jht })
        #expect(december.contains { $0.fundedBy != "mandiri" && !$0.jht })
        #expect(december.contains { $0.domicile != nil } && december.contains { $0.domicile == nil })
        #expect(december.contains { $0.domicile != nil && $0.domicile != String($0.nik.prefix(4)) })
        #expect(december.contains { $0.income % 100 == 50 }, "no declared income whose JKK rounds a half")
        #expect(planted.bpuParticipants == data.bpu.count)
        #expect(planted.pemdaFunded == december.filter { $0.fundedBy != "mandiri" }.count)
        #expect(planted.withDomicile == december.filter { $0.domicile != nil }.count)
        #expect(planted.withJHT == december.filter(\.jht).count)
        #expect(summary.bpuRows == data.bpuAll.count)
        #expect(summary.workerListRows == data.lists.count)
        #expect(summary.labourForceRows == data.labourForce.count)

        let model = Model(data)
        try TestDatabase.withConnection { connection in
            for kind in [ImportKind.employers, .contributions, .bpuContributions, .workerLists, .labourForce] {
                let path = "\(folder)/\(kind.rawValue).csv"
                let result = try Importer(connection: connection).run(.init(kind: kind, path: path))
                let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count - 1
                #expect(
                    result.rowsRejected == 0, "\(kind.rawValue): \(result.firstRejections.first.map { "\($0)" } ?? "")")
                #expect(result.rowsLoaded == lines, "\(kind.rawValue)")
            }
            let coverage = Coverage(connection: connection)

            // Coverage, both bases: every region with participants or a labour-force row.
            for basis in CoverageBasis.allCases {
                let got = try coverage.coverage(period: period, basis: basis, region: nil).map {
                    [
                        $0.region, "\($0.participants)", "\($0.pu)", "\($0.bpu)", $0.workers.map { "\($0)" } ?? "-",
                        $0.labourForceYear.map { "\($0)" } ?? "-", $0.coveragePct ?? "-", $0.puCoveragePct ?? "-",
                        $0.bpuCoveragePct ?? "-",
                    ].joined(separator: " ")
                }
                let expected = model.coverage(basis: basis)
                #expect(got == expected, "basis \(basis.rawValue)")
            }
            let rows = try coverage.coverage(period: period, basis: .nik, region: nil)
            for region in planted.regionsWithoutLabourForce {
                let row = rows.first { $0.region == region }
                #expect(row != nil && row?.workers == nil && (row?.participants ?? 0) > 0, "\(region)")
            }
            #expect(planted.regionsWithoutLabourForce.contains { $0.count == 4 })
            #expect(planted.regionsWithoutLabourForce == model.regionsWithoutLabourForce)
            #expect(planted.regionsWithEarlierLabourForce == ["3374"])
            #expect(rows.first { $0.region == "3374" }?.labourForceYear == year - 1)
            let jakarta = rows.first { $0.region == "31" }
            #expect(jakarta?.workers != nil && jakarta?.coveragePct != nil && jakarta?.puCoveragePct != nil)
            #expect(rows.first { $0.region == "6171" }.map { $0.coveragePct != nil && $0.puCoveragePct == nil } == true)

            // The outreach list.
            var outreachRows: [OutreachRow] = []
            try coverage.outreach(period: period, region: nil, list: nil) { outreachRows.append($0) }
            let outreach = outreachRows.map { row in
                [
                    row.nik, row.name ?? "-", row.region, row.district, row.lists, row.categories,
                    row.funded ? "funded" : "-",
                ].joined(separator: " ")
            }
            #expect(outreach == model.outreach)
            #expect(outreach.count == planted.outreach)
            #expect(outreach.filter { $0.hasSuffix(" funded") }.count == planted.outreachFunded)
            #expect(planted.outreachFunded > 0)
            // On the lists of two local governments (a province's and a city's, or two cities').
            #expect(planted.onListsOfTwoGovernments == model.onListsOfTwoGovernments.count)
            #expect(planted.onListsOfTwoGovernments > 0)
            // Some of them not participants: on the outreach list once, with both lists.
            let twoGovernments = outreachRows.filter { model.onListsOfTwoGovernments.contains($0.nik) }
            #expect(!twoGovernments.isEmpty && twoGovernments.allSatisfy { $0.lists.contains("|") })
            // A commuter from Kota Tangerang on DKI's list (where they work) and Tangerang's: the
            // region of the first list by code.
            #expect(twoGovernments.contains { $0.nik.hasPrefix("3671") && $0.region.hasPrefix("31") })
            #expect(planted.listed == Set(data.lists.map(\.nik)).count)
            #expect(planted.mistypedNIKs > 0)

            // Every list: funded for the period, reconciled; otherwise refused.
            var seen: Set<String> = []
            for list in planted.lists {
                #expect(seen.insert(list.code).inserted)
                #expect(list.rows == data.lists.filter { $0.code == list.code }.count, "\(list.code)")
                #expect(list.funded == data.lists.filter { $0.code == list.code && $0.funded }.count, "\(list.code)")
                #expect(list.paidNotListed == model.paidNotListed(list.pemda), "\(list.code)")
                guard list.fundsPeriod else {
                    #expect(
                        throws: CoverageError.listFundsNobody(list: list.code, period: period),
                        "\(list.code)"
                    ) { try coverage.reconcile(list: list.code, period: period) }
                    continue
                }
                let result = try coverage.reconcile(list: list.code, period: period)
                let expected = model.reconcile(list.code)
                #expect(
                    result.rows.map {
                        "\($0.status.rawValue) \($0.nik) \($0.name ?? "-") \($0.declaredIncome) \($0.package) \($0.amount.map { "\($0)" } ?? "-")"
                    }
                        == expected.rows, "\(list.code)")
                #expect(result.pemdaCode == list.pemda)
                #expect(result.expected == list.expected && list.expected == expected.expected, "\(list.code)")
                #expect(result.count(.enrolled) == list.enrolled, "\(list.code)")
                #expect(result.count(.missing) == list.missing, "\(list.code)")
                #expect(result.count(.alreadyPU) == list.alreadyPU, "\(list.code)")
                #expect(result.count(.paidNotListed) == list.paidNotListed, "\(list.code)")
                #expect(result.budget == Decimal(list.budget) && result.paid == Decimal(list.paid), "\(list.code)")
                #expect(result.difference == Decimal(list.budget - list.paid))
            }
            let funded = planted.lists.filter(\.fundsPeriod)
            #expect(funded.count >= 5)
            #expect(
                planted.lists.contains { !$0.fundsPeriod && $0.funded > 0 }, "no funded window that excludes the period"
            )
            #expect(funded.contains { $0.missing > 0 } && funded.contains { $0.alreadyPU > 0 })
            #expect(funded.contains { $0.paidNotListed > 0 })
            #expect(funded.contains { $0.paid > $0.budget }, "no list paying JHT or a higher income than its own")
            // Mistyped NIKs: missing on their list, their right NIK paid for but not listed.
            let dki = try coverage.reconcile(list: "KEPGUB-DKI-1021-\(year)", period: period)
            #expect(dki.count(.missing) > 0 && dki.count(.alreadyPU) > 0 && dki.count(.paidNotListed) > 0)
            #expect(dki.count(.enrolled) > dki.count(.missing))
            // A row of that list funded until the month before: paid for in the period, so paid but
            // not listed.
            let ended = data.lists.filter { $0.code == dki.listCode && $0.funded && $0.to! < period }
            #expect(!ended.isEmpty)
            let notListed = Set(dki.rows.filter { $0.status == .paidNotListed }.map(\.nik))
            #expect(ended.contains { notListed.contains($0.nik) })
        }
    }
}

/// The generated files, read back.
struct GeneratedFiles {
    struct BPU {
        var nik, period, fundedBy: String
        var name: String?
        var income, amount: Int64
        var jht: Bool
        var domicile: String?
    }

    struct ListRow {
        var code, pemda, nik: String
        var name: String?
        var region, category: String
        var funded: Bool
        var from, to: String?
        var income: Int64
        var line: Int
    }

    let period: String
    /// NPP → region.
    var employers: [String: String] = [:]
    /// The period's wage rows: NIK → (NPP, wage in cents).
    var wages: [String: [(npp: String, wage: Int64)]] = [:]
    var bpuAll: [BPU] = []
    /// The period's BPU rows by NIK.
    var bpu: [String: BPU] = [:]
    var lists: [ListRow] = []
    var labourForce: [(region: String, year: Int, workers: Int, wage: Int?, nonWage: Int?)] = []

    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    init(folder: String, period: String) throws {
        self.period = period
        func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
        for row in try Self.rows(folder + "/employers.csv") { employers[row[0]] = row[7] }
        for row in try Self.rows(folder + "/contributions.csv") where row[1] == period {
            wages[row[3], default: []].append((row[0], Money.cents(row[5])!))
        }
        for row in try Self.rows(folder + "/bpu-contributions.csv") {
            let bpu = BPU(
                nik: row[1], period: row[3], fundedBy: row[8], name: optional(row[2]), income: Int64(row[4])!,
                amount: Int64(row[6])!, jht: row[5].contains("JHT"), domicile: optional(row[9]))
            #expect(["JKK|JKM", "JKK|JKM|JHT"].contains(row[5]))
            bpuAll.append(bpu)
            if bpu.period == period {
                #expect(self.bpu[bpu.nik] == nil, "two BPU rows of \(bpu.nik)")
                self.bpu[bpu.nik] = bpu
            }
        }
        for (index, row) in try Self.rows(folder + "/worker-lists.csv").enumerated() {
            lists.append(
                ListRow(
                    code: row[0], pemda: row[1], nik: row[2], name: optional(row[3]), region: row[4], category: row[5],
                    funded: row[6] == "ya", from: optional(row[7]), to: optional(row[8]),
                    income: Int64(optional(row[9]) ?? "1000000")!, line: index + 2))
        }
        for row in try Self.rows(folder + "/labour-force.csv") {
            labourForce.append((row[0], Int(row[1])!, Int(row[2])!, Int(row[3]), Int(row[4])))
        }
    }
}

/// Coverage, outreach and reconciliation computed from the files, by docs/coverage.md.
struct Model {
    let data: GeneratedFiles
    let year: Int

    init(_ data: GeneratedFiles) {
        self.data = data
        year = Int(data.period.prefix(4))!
    }

    /// `numerator / denominator` rounded, halves away from zero (both positive).
    static func round(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        (2 * numerator + denominator) / (2 * denominator)
    }

    static func package(_ income: Int64) -> Int64 { round(income, 100) + 6_800 }

    /// `round(100 × part / whole, 2)` as PostgreSQL writes it.
    static func percent(_ part: Int, _ whole: Int?) -> String {
        guard let whole, whole > 0 else { return "-" }
        let hundredths = round(Int64(part) * 10_000, Int64(whole))
        let rest = hundredths % 100
        return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    var pu: Set<String> { Set(data.wages.keys) }

    func funds(_ row: GeneratedFiles.ListRow) -> Bool {
        row.funded && row.from! <= data.period && data.period <= row.to!
    }

    func coverage(basis: CoverageBasis) -> [String] {
        var regions: [String: (pu: Int, bpu: Int)] = [:]
        for (nik, rows) in data.wages {
            let top = rows.min { ($1.wage, $0.npp) < ($0.wage, $1.npp) }!
            regions[basis == .nik ? String(nik.prefix(4)) : data.employers[top.npp]!, default: (0, 0)].pu += 1
        }
        for (nik, row) in data.bpu where data.wages[nik] == nil {
            regions[basis == .nik ? String(nik.prefix(4)) : row.domicile ?? String(nik.prefix(4)), default: (0, 0)]
                .bpu += 1
        }
        var codes = Set(regions.keys)
        codes.formUnion(regions.keys.map { String($0.prefix(2)) })
        codes.formUnion(data.labourForce.filter { $0.year <= year }.map(\.region))
        return codes.sorted().map { code in
            let counted = regions.filter { code.count == 4 ? $0.key == code : $0.key.hasPrefix(code) }.values
            let pu = counted.reduce(0) { $0 + $1.pu }
            let bpu = counted.reduce(0) { $0 + $1.bpu }
            let row = data.labourForce.filter { $0.region == code && $0.year <= year }.max { $0.year < $1.year }
            return [
                code, "\(pu + bpu)", "\(pu)", "\(bpu)", row.map { "\($0.workers)" } ?? "-",
                row.map { "\($0.year)" } ?? "-", Self.percent(pu + bpu, row?.workers),
                Self.percent(pu, row?.wage ?? nil),
                Self.percent(bpu, row?.nonWage ?? nil),
            ].joined(separator: " ")
        }
    }

    var regionsWithoutLabourForce: [String] {
        var regions = Set(data.wages.keys.map { String($0.prefix(4)) }).union(
            data.bpu.keys.map { String($0.prefix(4)) })
        regions.formUnion(regions.map { String($0.prefix(2)) })
        return regions.subtracting(data.labourForce.filter { $0.year <= year }.map(\.region)).sorted()
    }

    var outreach: [String] {
        let participants = pu.union(data.bpu.keys)
        let byNIK = Dictionary(grouping: data.lists.filter { !participants.contains($0.nik) }, by: \.nik)
        return byNIK.map { nik, rows -> (String, String, String) in
            let ordered = rows.sorted { ($0.code, $0.line) < ($1.code, $1.line) }
            let line = [
                nik, ordered.compactMap(\.name).first ?? "-", ordered[0].region, String(nik.prefix(6)),
                Set(rows.map(\.code)).sorted().joined(separator: "|"),
                Set(rows.map(\.category)).sorted().joined(separator: "|"), rows.contains(where: funds) ? "funded" : "-",
            ].joined(separator: " ")
            return (ordered[0].region + String(nik.prefix(6)) + nik, line, nik)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    var onListsOfTwoGovernments: Set<String> {
        Set(Dictionary(grouping: data.lists, by: \.nik).filter { Set($0.value.map(\.pemda)).count > 1 }.keys)
    }

    /// The period's BPU rows paid by `pemda` for NIKs that no list of it funds for the period.
    func paidNotListed(_ pemda: String) -> Int {
        let funded = Set(data.lists.filter { $0.pemda == pemda && funds($0) }.map(\.nik))
        return data.bpu.values.filter { $0.fundedBy == pemda && !funded.contains($0.nik) }.count
    }

    func reconcile(_ code: String) -> (rows: [String], expected: Int) {
        let list = data.lists.filter { $0.code == code }
        let pemda = list.map(\.pemda).min()!
        let expected = list.filter(funds)
        let paid = data.bpu.filter { $0.value.fundedBy == pemda }
        let fundedByPemda = Set(data.lists.filter { $0.pemda == pemda && funds($0) }.map(\.nik))
        func line(_ status: String, _ nik: String, _ name: String?, _ income: Int64, _ amount: Int64?) -> String {
            "\(status) \(nik) \(name ?? "-") \(income) \(Self.package(income)) \(amount.map { "\($0)" } ?? "-")"
        }
        var rows: [String] = []
        for row in expected.sorted(by: { $0.nik < $1.nik }) where paid[row.nik] == nil && !pu.contains(row.nik) {
            rows.append(line("missing", row.nik, row.name, row.income, nil))
        }
        for row in expected.sorted(by: { $0.nik < $1.nik }) where pu.contains(row.nik) {
            rows.append(line("already_pu", row.nik, row.name, row.income, nil))
        }
        for (nik, row) in paid.sorted(by: { $0.key < $1.key }) where !fundedByPemda.contains(nik) {
            rows.append(line("paid_not_listed", nik, row.name, row.income, row.amount))
        }
        for row in expected.sorted(by: { $0.nik < $1.nik }) {
            guard let bpu = paid[row.nik] else { continue }
            rows.append(line("enrolled", row.nik, row.name ?? bpu.name, row.income, bpu.amount))
        }
        return (rows, expected.count)
    }
}
