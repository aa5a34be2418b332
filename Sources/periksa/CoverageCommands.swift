import ArgumentParser
import Compliance
import Foundation
import Postgres

extension CoverageBasis: ExpressibleByArgument {}

/// `periksa coverage --period P [--basis nik|employer] [--region CODE] --format csv|json|table`.
struct CoverageCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Coverage of each province and regency/city in a period: participants (PU and BPU) over workers.",
        discussion: """
            A participant is a NIK with a wage row (PU) or a BPU row for the period, once; its \
            region by --basis nik (the NIK's first four digits, default) or employer (the employer \
            of its highest wage; a BPU participant's domicile). Workers: the region's latest \
            labour-force row up to the period's year (docs/coverage.md).
            """)

    @Option(help: "The period, YYYY-MM.") var period: String
    @Option(help: "nik (default) or employer.") var basis: CoverageBasis = .nik
    @Option(help: "Only this province (2 digits) and its regencies/cities, or one regency/city (4).")
    var region: String?
    @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .table
    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        let rows = try Coverage(connection: connection).coverage(period: period, basis: basis, region: region)
        let language = global.language
        let noData = "tidak ada data angkatan kerja"
        let out = OutputBuffer()
        let month = String(try FieldRulesPeriod.normalised(period))
        switch format {
        case .csv:
            out.write(
                "period,basis,region_code,participants,pu_participants,bpu_participants,workers,labour_force_year,coverage_pct,pu_coverage_pct,bpu_coverage_pct,region_name,note\n"
            )
            for row in rows {
                out.write(
                    [
                        month, basis.rawValue, row.region, String(row.participants), String(row.pu), String(row.bpu),
                        row.workers.map(String.init) ?? "", row.labourForceYear.map(String.init) ?? "",
                        row.coveragePct ?? "", row.puCoveragePct ?? "", row.bpuCoveragePct ?? "", row.name ?? "",
                        row.workers == nil ? noData : "",
                    ].map(CSV.field).joined(separator: ",") + "\n")
            }
        case .json:
            let objects: [[String: Any]] = rows.map { row in
                [
                    "period": month, "basis": basis.rawValue, "region_code": row.region,
                    "region_name": row.name ?? NSNull(), "participants": row.participants,
                    "pu_participants": row.pu, "bpu_participants": row.bpu, "workers": row.workers ?? NSNull(),
                    "labour_force_year": row.labourForceYear ?? NSNull(), "coverage_pct": row.coveragePct ?? NSNull(),
                    "pu_coverage_pct": row.puCoveragePct ?? NSNull(),
                    "bpu_coverage_pct": row.bpuCoveragePct ?? NSNull(),
                    "note": row.workers == nil ? noData : NSNull(),
                ]
            }
            out.write(try CaseJSON.text(objects) + "\n")
        case .table:
            out.write(
                language.text(
                    "Cakupan kepesertaan \(month), dasar hitung: \(basis == .nik ? "wilayah NIK" : "wilayah pemberi kerja / domisili")\n",
                    "Coverage \(month), counting basis: \(basis == .nik ? "the NIK's region" : "the employer's region / domicile")\n"
                ))
            out.write(
                TextTable.render(
                    header: language.text(
                        ["wilayah", "peserta", "PU", "BPU", "angkatan kerja", "tahun", "cakupan %"],
                        ["region", "participants", "PU", "BPU", "workers", "year", "coverage %"]),
                    rows: rows.map { row in
                        [
                            row.label, Formatting.count(row.participants, language), Formatting.count(row.pu, language),
                            Formatting.count(row.bpu, language),
                            row.workers.map { Formatting.count($0, language) } ?? "-",
                            row.labourForceYear.map(String.init) ?? "-",
                            row.coveragePct ?? (row.workers == nil ? noData : "-"),
                        ]
                    }) + "\n")
        }
        out.flush()
    }
}

/// `YYYY-MM` of a period argument, checked.
enum FieldRulesPeriod {
    static func normalised(_ period: String) throws -> String {
        let (year, month) = try AuditRunner.parsePeriod(period)
        return String(format: "%04d-%02d", year, month)
    }
}

/// `periksa outreach --period P [--region CODE] [--list CODE] [--show-personal-data] --format …`.
struct OutreachCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach",
        abstract:
            "The outreach list (daftar sosialisasi): people on the local governments' lists not covered in a period.",
        discussion: """
            One row per NIK on a worker list with neither a wage row nor a BPU row for the period: \
            its region, district, lists, categories and whether a list funds it. NIK and names are \
            masked unless --show-personal-data. --split-by-district DIR writes one CSV per district.
            """)

    @Option(help: "The period, YYYY-MM.") var period: String
    @Option(help: "Only this province (2 digits) or regency/city (4 digits).") var region: String?
    @Option(help: "Only the people of this list.") var list: String?
    @Flag(name: .customLong("show-personal-data"), help: "Show NIK and names in full.") var showPersonalData = false
    @Option(
        name: .customLong("split-by-district"),
        help: "Write one CSV per district (outreach-DISTRICT.csv) into this folder instead of stdout.")
    var splitFolder: String?
    @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .csv
    @OptionGroup var global: GlobalOptions

    static let header = OutreachRow.csvHeader

    func fields(_ row: OutreachRow) -> [String] { row.fields(showPersonalData: showPersonalData) }

    func execute() throws {
        let connection = try global.connect()
        let coverage = Coverage(connection: connection)
        let language = global.language
        var count = 0
        if let splitFolder {
            try FileManager.default.createDirectory(atPath: splitFolder, withIntermediateDirectories: true)
            var current: (district: String, handle: FileHandle)?
            // A district's rows may come in several stretches (rows are by region first): its
            // file is written anew the first time, appended to after.
            var written: Set<String> = []
            var files = 0
            try coverage.outreach(period: period, region: region, list: list) { row in
                count += 1
                if current?.district != row.district {
                    try current?.handle.close()
                    let path = (splitFolder as NSString).appendingPathComponent("outreach-\(row.district).csv")
                    if written.insert(row.district).inserted {
                        guard FileManager.default.createFile(atPath: path, contents: Data(Self.header.utf8)) else {
                            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                        }
                    }
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    try handle.seekToEnd()
                    current = (row.district, handle)
                }
                try current?.handle.write(
                    contentsOf: Data((fields(row).map(CSV.field).joined(separator: ",") + "\n").utf8))
            }
            try current?.handle.close()
            files = written.count
            printNote(
                language.text(
                    "\(Formatting.count(count, language)) orang, \(files) berkas per kecamatan di \(splitFolder)",
                    "\(Formatting.count(count, language)) people, \(files) files by district in \(splitFolder)"))
            return
        }
        let out = OutputBuffer()
        switch format {
        case .csv:
            out.write(Self.header)
            try coverage.outreach(period: period, region: region, list: list) { row in
                count += 1
                out.write(fields(row).map(CSV.field).joined(separator: ",") + "\n")
            }
        case .json:
            out.write("[")
            try coverage.outreach(period: period, region: region, list: list) { row in
                let values = fields(row)
                let object: [String: Any] = [
                    "nik": values[0], "name": row.name == nil ? NSNull() : values[1], "region_code": row.region,
                    "district_code": row.district, "lists": row.lists.split(separator: "|").map(String.init),
                    "categories": row.categories.split(separator: "|").map(String.init), "funded": row.funded,
                ]
                let data = try JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                out.write((count == 0 ? "\n" : ",\n") + String(decoding: data, as: UTF8.self))
                count += 1
            }
            out.write("\n]\n")
        case .table:
            var rows: [[String]] = []
            try coverage.outreach(period: period, region: region, list: list) { row in
                count += 1
                rows.append(fields(row))
            }
            out.write(
                TextTable.render(
                    header: language.text(
                        ["NIK", "nama", "wilayah", "kecamatan", "daftar", "kategori", "dibiayai"],
                        ["NIK", "name", "region", "district", "lists", "categories", "funded"]),
                    rows: rows) + "\n")
        }
        out.flush()
        printNote(
            language.text("\(Formatting.count(count, language)) orang", "\(Formatting.count(count, language)) people"))
    }
}

/// `periksa reconcile --list CODE --period P [--show-personal-data] --format csv|json|table`.
struct ReconcileCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract:
            "Reconcile a funded list with what was enrolled and paid in a period (missing, already PU, paid but not listed)."
    )

    @Option(help: "The list code.") var list: String
    @Option(help: "The period, YYYY-MM.") var period: String
    @Flag(name: .customLong("show-personal-data"), help: "Show NIK and names in full.") var showPersonalData = false
    @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .csv
    @Flag(
        name: .customLong("with-employer"),
        help:
            "CSV and JSON: add npp and employer_name after the contract's columns: the employer of an already_pu person's highest wage (the table always shows it)."
    )
    var withEmployer = false
    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        let result = try Coverage(connection: connection).reconcile(list: list, period: period)
        let language = global.language
        func fields(_ row: Reconciliation.Row) -> [String] {
            [
                row.status.rawValue, showPersonalData ? row.nik : Masking.nik(row.nik),
                row.name.map { showPersonalData ? $0 : Masking.name($0) } ?? "", Self.amount(row.declaredIncome),
                Self.amount(row.package), row.amount.map(Self.amount) ?? "",
            ]
        }
        let out = OutputBuffer()
        switch format {
        case .csv:
            out.write(
                "status,nik,name,declared_income,package_idr,amount_idr\(withEmployer ? ",npp,employer_name" : "")\n")
            for row in result.rows {
                let employer = withEmployer ? [row.employer?.npp ?? "", row.employer?.name ?? ""] : []
                out.write((fields(row) + employer).map(CSV.field).joined(separator: ",") + "\n")
            }
        case .json:
            let keys = ["status", "nik", "name", "declared_income", "package_idr", "amount_idr"]
            let object: [String: Any] = [
                "list_code": result.listCode, "pemda_code": result.pemdaCode, "period": result.period,
                "expected": result.expected, "enrolled": result.count(.enrolled), "missing": result.count(.missing),
                "already_pu": result.count(.alreadyPU), "paid_not_listed": result.count(.paidNotListed),
                "budget_idr": NSDecimalNumber(decimal: result.budget),
                "paid_idr": NSDecimalNumber(decimal: result.paid),
                "difference_idr": NSDecimalNumber(decimal: result.difference),
                "rows": result.rows.map { row -> [String: Any] in
                    var object: [String: Any] = [:]
                    for (key, value) in zip(keys, fields(row)) { object[key] = value }
                    object["name"] = row.name == nil ? NSNull() : object["name"]
                    object["declared_income"] = NSDecimalNumber(decimal: row.declaredIncome)
                    object["package_idr"] = NSDecimalNumber(decimal: row.package)
                    object["amount_idr"] = row.amount.map { NSDecimalNumber(decimal: $0) } ?? NSNull()
                    if withEmployer {
                        object["npp"] = row.employer?.npp ?? NSNull()
                        object["employer_name"] = row.employer?.name ?? NSNull()
                    }
                    return object
                },
            ]
            out.write(try CaseJSON.text(object) + "\n")
        case .table:
            out.write(
                TextTable.render(
                    header: language.text(
                        ["status", "NIK", "nama", "penghasilan", "paket", "dibayar", "pemberi kerja"],
                        ["status", "NIK", "name", "declared income", "package", "paid", "employer"]),
                    rows: result.rows.map { fields($0) + [$0.employer.map { "\($0.name) (\($0.npp))" } ?? ""] })
                    + "\n")
        }
        out.flush()
        printNote(
            language.text(
                "Daftar \(result.listCode) (pemda \(result.pemdaCode)), \(result.period): \(result.expected) dibiayai, \(result.count(.enrolled)) terdaftar, \(result.count(.missing)) belum terdaftar, \(result.count(.alreadyPU)) sudah PU, \(result.count(.paidNotListed)) dibayar tanpa di daftar; anggaran \(Formatting.rupiah(result.budget, language)), dibayar \(Formatting.rupiah(result.paid, language)), selisih \(Formatting.rupiah(result.difference, language))",
                "List \(result.listCode) (local government \(result.pemdaCode)), \(result.period): \(result.expected) funded, \(result.count(.enrolled)) enrolled, \(result.count(.missing)) missing, \(result.count(.alreadyPU)) already PU, \(result.count(.paidNotListed)) paid but not listed; budget \(Formatting.rupiah(result.budget, language)), paid \(Formatting.rupiah(result.paid, language)), difference \(Formatting.rupiah(result.difference, language))"
            ))
    }

    /// An amount as plain digits (no separators; cents only when there are).
    static func amount(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
