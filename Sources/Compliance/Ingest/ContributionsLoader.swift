import Foundation
import Postgres
import SQLFiles

/// KIND `contributions`: one row per worker, employer and period, streamed by binary COPY
/// straight into the month's partition. A file replaces the employer-periods it holds, and
/// only those.
///
/// The same NIK twice for one employer-period rejects the second and later rows. Those are
/// found in memory, in a NIK index per employer-period with a budget: past it, the index is
/// emptied and only a hash of each employer-period is kept, so memory stays bounded whatever
/// the file size. Files come grouped by employer and month, so an emptied employer-period
/// rarely comes back; when one does, its rows are loaded, their raw lines spooled, and their
/// duplicates found by SQL at the end (`line_number` tells which came first).
///
/// The contributions due per employer-month (`periksa.employer_month_due`) are counted while
/// the rows stream, with the month's rates, and replace those of the employer-periods the file
/// holds; the import says so to the database (setting `periksa.keeping_due`), so that its own
/// writes do not mark the months as needing recomputation.
final class ContributionsLoader: KindLoader {
    private var registry: Set<String> = []
    private var partitions: Set<Int> = []
    /// The months that had a partition before this import (only they can hold earlier rows).
    private var existingPartitions: Set<Int> = []
    /// The months this file holds.
    private var months: Set<Int> = []

    /// The months this file holds, `YYYY-MM-01`.
    var monthsHeld: [String] { months.sorted().map { FieldRules.firstDay(($0 / 12, $0 % 12 + 1)) } }
    private var writer: CopyWriter?
    private var columns: ColumnMap!
    /// The rates of each month seen, fetched when the month first appears.
    private var monthRates: [Int: MonthRates] = [:]
    /// The month of the last row: its rates and its date as binary COPY writes it.
    private var currentMonth: (period: Int, rates: MonthRates, days: Int32)?
    /// A number per stretch of rows of one employer-period (changes whenever the unit does).
    private var unitSerial = 0
    private let due = MonthDueSpool()
    private let budget: Int

    private struct Unit: Hashable {
        let npp: String
        let period: Int
    }
    /// The NIK index: per employer-period in memory, the NIKs seen with their first line.
    private var units: [Unit: Int] = [:]
    private var niks: [NIKTable] = []
    private var indexed = 0
    /// Hashes of the employer-periods whose index was emptied.
    private var evicted: Set<Int> = []
    /// Employer-periods that came back after being emptied: checked by SQL at the end.
    private var reopened: [Unit] = []
    private var reopenedIndex: Set<Int> = []
    /// Whether an employer-period came back after other rows (its sums then have two lines).
    private var unitCameBack = false
    private var reopenedLines: UnsafeMutablePointer<FILE>?

    /// Field indices (name is optional), resolved once from the header.
    private var index = (npp: 0, period: 0, kpj: 0, nik: 0, name: Int?.none, wage: 0)
    /// Files come grouped by employer: the last NPP checked and the last unit seen spare a
    /// hash lookup per row.
    private var lastRegistered = ""
    private var lastRegisteredBytes: [UInt8] = []
    private var lastUnit: (unit: Unit, index: Int, reopened: Bool)?

    /// `budget`: how many NIKs the in-memory index may hold (about 40 bytes each).
    init(budget: Int = 1_000_000) {
        self.budget = budget
    }

    deinit { if let reopenedLines { fclose(reopenedLines) } }

    func begin(_ session: ImportSession, columns: ColumnMap) throws {
        self.columns = columns
        index = (
            columns.index("npp")!, columns.index("period")!, columns.index("kpj")!, columns.index("nik")!,
            columns.index("name"), columns.index("wage")!
        )
        registry = try Registry.npps(on: session.connection)
        try session.connection.execute("select set_config('periksa.keeping_due', 'on', true)")
        due.importID = Int64(session.importID)
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
        existingPartitions = partitions
    }

    func process(_ reader: CSVReader, _ session: ImportSession) throws -> RecordOutcome {
        var problems: [Problem] = []

        var npp: String?
        let nppBytes = reader.field(index.npp)
        if !nppBytes.isEmpty, nppBytes.count == lastRegisteredBytes.count,
            memcmp(nppBytes.baseAddress!, lastRegisteredBytes, nppBytes.count) == 0
        {
            npp = lastRegistered
        } else {
            npp = Registry.registeredNPP(nppBytes, in: registry, problems: &problems)
            if let npp, problems.isEmpty {
                lastRegistered = npp
                lastRegisteredBytes = Array(npp.utf8)
            }
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
        var isReopened = false
        if let npp, let period, let nik {
            let slot = self.slot(for: Unit(npp: npp, period: period))
            isReopened = lastUnit!.reopened
            if let firstLine = niks[slot].insert(nik, line: Int32(clamping: reader.line)) {
                problems.append(Self.duplicate(firstLine: Int(firstLine), language: session.language))
            } else {
                indexed += 1
            }
        }
        guard problems.isEmpty, let npp, let period else { return .rejected(problems) }
        guard session.shouldWrite else { return .accepted }
        if isReopened { try spoolReopened(line: reader.line, raw: reader.rawRecord) }

        let writer = try writer(for: period, session)
        if currentMonth?.period != period {
            currentMonth = (
                period, monthRates[period]!,  // fetched by writer(for:)
                CopyWriter.binaryDays(year: period / 12, month: period % 12 + 1, day: 1)
            )
        }
        let month = currentMonth!
        let cents = FieldRules.cents(wage)
        try due.add(unit: unitSerial, npp: npp, period: period, cents: cents, rates: month.rates)
        writer.beginBinaryRow(fields: 8)
        writer.binaryInt32(month.days)
        writer.binaryText(npp)
        writer.binaryText(kpj)
        writer.binaryText(nikBytes)
        if name.isEmpty { writer.binaryNull() } else { writer.binaryText(name) }
        writer.binaryNumeric(cents: cents)
        writer.binaryInt64(Int64(session.importID))
        writer.binaryInt32(Int32(clamping: reader.line))
        try writer.endBinaryRow()
        return .accepted
    }

    static func duplicate(firstLine: Int, language: Language) -> Problem {
        FieldRules.problem(
            "nik", "nik_duplicate",
            "NIK yang sama sudah ada di baris \(Formatting.count(firstLine, .indonesian)) untuk NPP dan periode ini",
            "the same NIK is already on line \(Formatting.count(firstLine, .english)) for this NPP and period")
    }

    /// The NIK index of `unit`, emptying the whole index first when it is over budget.
    private func slot(for unit: Unit) -> Int {
        if let lastUnit, lastUnit.unit == unit { return lastUnit.index }
        unitSerial += 1
        if let existing = units[unit] {
            unitCameBack = true
            lastUnit = (unit, existing, !reopenedIndex.isEmpty && reopenedIndex.contains(unit.hashValue))
            return existing
        }
        if indexed > budget {
            for known in units.keys { evicted.insert(known.hashValue) }
            units.removeAll(keepingCapacity: true)
            niks.removeAll(keepingCapacity: true)
            indexed = 0
        }
        months.insert(unit.period)
        let hash = unit.hashValue
        let wasEvicted = !evicted.isEmpty && evicted.contains(hash)
        if wasEvicted { unitCameBack = true }
        if wasEvicted, !reopenedIndex.contains(hash) {
            reopened.append(unit)
            reopenedIndex.insert(hash)
        }
        let slot = niks.count
        units[unit] = slot
        niks.append(NIKTable())
        lastUnit = (unit, slot, !reopenedIndex.isEmpty && reopenedIndex.contains(hash))
        return slot
    }

    /// Keeps the raw line of a row of an employer-period that came back, in case SQL finds it
    /// to be a duplicate.
    private func spoolReopened(line: Int, raw: String) throws {
        if reopenedLines == nil {
            guard let file = tmpfile() else {
                throw ImportError.unreadable(path: "tmpfile", reason: String(cString: strerror(errno)))
            }
            reopenedLines = file
        }
        let escaped = raw.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
        fputs("\(line)\t\(escaped)\n", reopenedLines)
    }

    /// The period the running COPY feeds (nil: the partitioned parent, which routes rows).
    private var copyPeriod: Int?
    private var periodSwitches = 0

    /// The COPY for a row of `period`. Rows go straight into the month's partition (routing
    /// through the parent costs about half as much again on the server), created first if
    /// needed; a COPY occupies the connection, so a new month ends the running COPY and starts
    /// another. A file whose months keep alternating falls back to the parent, which a month
    /// seen for the first time still interrupts (for its partition and its rates).
    private func writer(for period: Int, _ session: ImportSession) throws -> CopyWriter {
        if let writer, copyPeriod == period || (copyPeriod == nil && monthRates[period] != nil) { return writer }
        // The rejected lines may be streaming on the connection (the file began with them).
        try session.spool.pause()
        writer?.endBinary()
        try writer?.finish()
        writer = nil
        periodSwitches += 1
        let month = FieldRules.firstDay((period / 12, period % 12 + 1))
        if !partitions.contains(period) {
            try session.connection.execute("select periksa.ensure_contribution_partition(\(month)::date)")
            partitions.insert(period)
        }
        if monthRates[period] == nil { monthRates[period] = try MonthRates.fetch(month: month, on: session.connection) }
        let target: String
        if periodSwitches > 12 {
            copyPeriod = nil
            target = "periksa.contributions"
        } else {
            copyPeriod = period
            target = "periksa.contributions_\(period / 12)_\(period % 12 + 1 < 10 ? "0" : "")\(period % 12 + 1)"
        }
        let started = try session.connection.startCopy(
            "copy \(unsafeSQL: target) (period, npp, kpj, nik, name, wage, import_id, line_number) from stdin (format binary)"
        )
        writer = started
        return started
    }

    func end(_ session: ImportSession) throws {
        guard session.shouldWrite else {
            writer?.abort()
            return
        }
        writer?.endBinary()
        try writer?.finish()
        try rejectReopenedDuplicates(session)
        let connection = session.connection
        // The employer-periods this file holds replace what earlier imports loaded for them,
        // wage rows and sums. A month whose partition this import created has nothing earlier.
        let earlierMonths = months.intersection(existingPartitions).sorted()
        try due.finish()
        if earlierMonths.isEmpty, !unitCameBack {
            // The usual monthly import: the sums go straight where they belong (into the month's
            // partition for a file of one month: routing through the parent costs more).
            let target =
                months.count == 1 ? Statistics.monthDuePartition(firstDay: monthsHeld[0]) : "periksa.employer_month_due"
            try due.copy(into: target, on: connection)
            try keepMonthDue(session, staged: false)
            return
        }
        try connection.execute(
            "create temp table periksa_month_due (like periksa.employer_month_due) on commit drop")
        try due.copy(into: "pg_temp.periksa_month_due", on: connection)
        if !earlierMonths.isEmpty {
            let monthList = earlierMonths.map { FieldRules.firstDay(($0 / 12, $0 % 12 + 1)) }
            try connection.execute(
                """
                create temp table periksa_new_units on commit drop as
                select distinct npp, period from pg_temp.periksa_month_due
                where period = any(\(monthList)::date[])
                """)
            try connection.execute("analyze pg_temp.periksa_new_units")
            try connection.execute(
                """
                delete from periksa.contributions c
                using pg_temp.periksa_new_units n
                where c.period = n.period and c.npp = n.npp and c.import_id <> \(session.importID)
                """)
            try connection.execute(
                """
                delete from periksa.employer_month_due d
                using pg_temp.periksa_new_units n
                where d.period = n.period and d.npp = n.npp
                """)
        }
        try keepMonthDue(session, staged: true)
    }

    /// The file's sums into `periksa.employer_month_due` when `staged` (from the temporary
    /// table; an employer-month written in two stretches of the file is added up), those of
    /// employer-periods whose rows SQL changed afterwards recomputed, and each month's standing
    /// in `periksa.due_months`.
    private func keepMonthDue(_ session: ImportSession, staged: Bool) throws {
        let connection = session.connection
        if staged {
            try connection.execute(
                unsafeSQL: """
                    insert into periksa.employer_month_due
                        (npp, period, workers, wages, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, import_id)
                    select npp, period, sum(workers), sum(wages), sum(jkk1), sum(jkk2), sum(jkk3), sum(jkk4), sum(jkk5),
                           sum(jkm), sum(jht), sum(jp), min(import_id)
                    from pg_temp.periksa_month_due
                    group by npp, period
                    """)
        }
        // Rows deleted as duplicates after they were counted.
        for (period, units) in Dictionary(grouping: reopened, by: \.period) {
            let month = FieldRules.firstDay((period / 12, period % 12 + 1))
            let npps = Array(Set(units.map(\.npp))).sorted()
            try connection.execute("select periksa.compute_month_due(\(month)::date, \(npps)::text[])")
        }
        for period in months.sorted() {
            guard let rates = monthRates[period] else { continue }
            let month = FieldRules.firstDay((period / 12, period % 12 + 1))
            let values: [Int64] = rates.jkk + [rates.jkm, rates.jht, rates.jp, rates.jpCapCents]
            if !existingPartitions.contains(period) {
                // Every row of the month is this file's: its sums are current, at these rates.
                try connection.execute(
                    """
                    insert into periksa.due_months (period, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, jp_cap_cents)
                    select \(month)::date, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]
                    from (select \(values)::bigint[] as v) x
                    on conflict (period) do update set
                        jkk1 = excluded.jkk1, jkk2 = excluded.jkk2, jkk3 = excluded.jkk3, jkk4 = excluded.jkk4,
                        jkk5 = excluded.jkk5, jkm = excluded.jkm, jht = excluded.jht, jp = excluded.jp,
                        jp_cap_cents = excluded.jp_cap_cents, computed_at = now()
                    """)
            } else {
                // Earlier rows stay: the month is current only if it was, at the same rates.
                try connection.execute(
                    """
                    delete from periksa.due_months
                    where period = \(month)::date
                      and array[jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, jp_cap_cents] <> \(values)::bigint[]
                    """)
            }
        }
    }

    /// Duplicates among the rows of employer-periods whose index was emptied and that came
    /// back: the later rows are deleted and rejected, as the in-memory check would have.
    private func rejectReopenedDuplicates(_ session: ImportSession) throws {
        guard !reopened.isEmpty, let lines = reopenedLines else { return }
        let connection = session.connection
        try connection.execute(
            unsafeSQL: """
                create temp table periksa_reopened_units (npp text, period date) on commit drop;
                create temp table periksa_reopened_lines (line_number integer primary key, raw_line text) on commit drop
                """)
        try connection.copyIn("copy pg_temp.periksa_reopened_units from stdin") { writer in
            for unit in reopened {
                writer.appendField(unit.npp)
                writer.appendField(FieldRules.firstDay((unit.period / 12, unit.period % 12 + 1)))
                try writer.endRow()
            }
        }
        try connection.copyIn("copy pg_temp.periksa_reopened_lines from stdin", spooled: lines)
        try connection.stream(
            PostgresQuery(
                unsafeSQL: SQLFiles.text(of: "contributions_reopened_duplicates.sql", in: "queries"),
                binds: [session.importID])
        ) { row in
            let (line, firstLine, raw) = try row.decode((Int32, Int32, String).self)
            session.spool.add(
                line: Int(line), raw: raw,
                problems: [Self.duplicate(firstLine: Int(firstLine), language: session.language)])
        }
    }
}
