import Foundation
import Postgres

/// KIND `contributions`: one row per worker, employer and period, streamed by COPY straight
/// into the month's partition. The registry's NPPs and, per employer-period, the NIKs seen so
/// far are kept in memory (about 16 bytes a row); a file replaces the employer-periods it
/// holds, and only those.
final class ContributionsLoader: KindLoader {
    private var registry: Set<String> = []
    private var partitions: Set<Int> = []
    private var writer: CopyWriter?
    private var columns: ColumnMap!

    private struct Unit: Hashable {
        let npp: String
        let period: Int
    }
    private var units: [Unit: Int] = [:]
    /// Per unit: the NIKs seen, with the line each was first seen on.
    private var niks: [[UInt64: Int32]] = []
    private var workers: [Int] = []
    private var unitList: [Unit] = []
    private var periodText: (key: Int, text: String) = (-1, "")
    /// Field indices (name is optional), resolved once from the header.
    private var index = (npp: 0, period: 0, kpj: 0, nik: 0, name: Int?.none, wage: 0)
    /// Files come grouped by employer: the last NPP checked and the last unit seen spare a
    /// hash lookup per row.
    private var lastRegistered = ""
    private var lastUnit: (unit: Unit, index: Int)?
    private var importIDText = ""

    func begin(_ session: ImportSession, columns: ColumnMap) throws {
        self.columns = columns
        index = (
            columns.index("npp")!, columns.index("period")!, columns.index("kpj")!, columns.index("nik")!,
            columns.index("name"), columns.index("wage")!
        )
        importIDText = String(session.importID)
        registry = try Registry.npps(on: session.connection)
        try session.connection.stream(
            """
            select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'periksa.contributions'::regclass
            """
        ) { row in
            let name = try row.decode(String.self, at: 0)  // contributions_YYYY_MM
            let parts = name.split(separator: "_")
            if parts.count == 3, let year = Int(parts[1]), let month = Int(parts[2]) {
                partitions.insert(year * 12 + month - 1)
            }
        }
    }

    func process(_ reader: CSVReader, _ session: ImportSession) throws -> RecordOutcome {
        var problems: [Problem] = []

        var npp: String?
        let nppBytes = reader.field(index.npp)
        if !nppBytes.isEmpty, nppBytes.elementsEqual(lastRegistered.utf8) {
            npp = lastRegistered
        } else {
            npp = Registry.registeredNPP(nppBytes, in: registry, problems: &problems)
            if let npp, problems.isEmpty { lastRegistered = npp }
        }
        var period: Int?
        let periodBytes = reader.field(index.period)
        if periodBytes.isEmpty {
            problems.append(Fields.required("period"))
        } else {
            switch FieldRules.period(periodBytes) {
            case .success(let value): period = value.year * 12 + value.month - 1
            case .failure(let problem): problems.append(problem)
            }
        }
        let kpj = reader.field(index.kpj)
        if kpj.isEmpty {
            problems.append(Fields.required("kpj"))
        } else if let problem = FieldRules.fixedDigits(kpj, count: 11, column: "kpj", personal: true) {
            problems.append(problem)
        }
        var nik: UInt64?
        let nikBytes = reader.field(index.nik)
        if nikBytes.isEmpty {
            problems.append(Fields.required("nik"))
        } else {
            switch FieldRules.nik(nikBytes) {
            case .success(let value): nik = value
            case .failure(let problem): problems.append(problem)
            }
        }
        let name = index.name.map(reader.field) ?? UnsafeBufferPointer(start: nil, count: 0)
        if !name.isEmpty, let problem = FieldRules.text(name, column: "name", maximum: 300) { problems.append(problem) }
        let wage = reader.field(index.wage)
        if wage.isEmpty {
            problems.append(Fields.required("wage"))
        } else if case .failure(let problem) = FieldRules.money(wage, column: "wage", positive: true, personal: true) {
            problems.append(problem)
        }

        // The same NIK twice for one employer-period: the second and later rows are rejected.
        var unitIndex: Int?
        if let npp, let period, let nik {
            let unit = Unit(npp: npp, period: period)
            let index: Int
            if let lastUnit, lastUnit.unit == unit {
                index = lastUnit.index
            } else if let existing = units[unit] {
                index = existing
            } else {
                index = unitList.count
                units[unit] = index
                unitList.append(unit)
                niks.append([:])
                workers.append(0)
            }
            lastUnit = (unit, index)
            if let firstLine = niks[index].updateValue(Int32(clamping: reader.line), forKey: nik) {
                niks[index][nik] = firstLine
                problems.append(
                    FieldRules.problem(
                        "nik", "nik_duplicate",
                        "NIK yang sama sudah ada di baris \(formatCount(Int(firstLine), session.language)) untuk NPP dan periode ini",
                        "the same NIK is already on line \(formatCount(Int(firstLine), session.language)) for this NPP and period"
                    ))
            }
            unitIndex = index
        }
        guard problems.isEmpty, let npp, let period, let unitIndex else { return .rejected(problems) }
        workers[unitIndex] += 1
        guard session.shouldWrite else { return .accepted }

        let writer = try writer(for: period, session)
        if periodText.key != period {
            periodText = (period, FieldRules.firstDay((period / 12, period % 12 + 1)))
        }
        writer.appendField(periodText.text)
        writer.appendField(npp)
        writer.appendField(kpj)
        writer.appendField(nikBytes)
        if name.isEmpty { writer.appendNull() } else { writer.appendField(name) }
        writer.appendField(wage)
        writer.appendField(importIDText)
        try writer.endRow()
        return .accepted
    }

    /// The period the running COPY feeds (nil: the partitioned parent, which routes rows).
    private var copyPeriod: Int?
    private var periodSwitches = 0

    /// The COPY for a row of `period`. Rows go straight into the month's partition (routing
    /// through the parent costs about half as much again on the server), created first if
    /// needed; a COPY occupies the connection, so a new month ends the running COPY and starts
    /// another. A file whose months keep alternating falls back to the parent.
    private func writer(for period: Int, _ session: ImportSession) throws -> CopyWriter {
        if let writer, copyPeriod == nil || copyPeriod == period { return writer }
        try writer?.finish()
        writer = nil
        periodSwitches += 1
        if !partitions.contains(period) {
            let month = FieldRules.firstDay((period / 12, period % 12 + 1))
            try session.connection.execute("select periksa.ensure_contribution_partition(\(month)::date)")
            partitions.insert(period)
        }
        let target: String
        if periodSwitches > 12 {
            // Ensure every month of the rest of the file exists before routing through the parent.
            copyPeriod = nil
            target = "periksa.contributions"
        } else {
            copyPeriod = period
            target = "periksa.contributions_\(period / 12)_\(period % 12 + 1 < 10 ? "0" : "")\(period % 12 + 1)"
        }
        let started = try session.connection.startCopy(
            "copy \(unsafeSQL: target) (period, npp, kpj, nik, name, wage, import_id) from stdin")
        writer = started
        return started
    }

    func end(_ session: ImportSession) throws {
        guard session.shouldWrite else {
            writer?.abort()
            return
        }
        try writer?.finish()
        let connection = session.connection
        try connection.execute(
            unsafeSQL: "create temp table periksa_new_units (npp text, period date, workers integer) on commit drop")
        try connection.copyIn("copy pg_temp.periksa_new_units from stdin") { writer in
            for (index, unit) in unitList.enumerated() where workers[index] > 0 {
                writer.appendField(unit.npp)
                writer.appendField(FieldRules.firstDay((unit.period / 12, unit.period % 12 + 1)))
                writer.appendField(String(workers[index]))
                try writer.endRow()
            }
        }
        // The employer-periods this file holds replace what earlier imports loaded for them:
        // first the units, then (only if any were replaced) their rows.
        try connection.execute(
            unsafeSQL: "create temp table periksa_replaced (npp text, period date, import_id bigint) on commit drop")
        let replaced = try connection.execute(
            """
            with replaced as (
                delete from periksa.contribution_units u
                using pg_temp.periksa_new_units n
                where u.period = n.period and u.npp = n.npp
                returning u.npp, u.period, u.import_id
            )
            insert into pg_temp.periksa_replaced select npp, period, import_id from replaced
            """)
        try connection.execute(
            """
            insert into periksa.contribution_units (npp, period, import_id, workers)
            select npp, period, \(session.importID), workers from pg_temp.periksa_new_units
            """)
        guard replaced > 0 else { return }
        try connection.execute("analyze pg_temp.periksa_replaced")
        try connection.execute(
            """
            delete from periksa.contributions c
            using pg_temp.periksa_replaced r
            where c.period = r.period and c.npp = r.npp and c.import_id = r.import_id
            """)
    }
}
