import Foundation
import Postgres

/// The rates of one month in the integer form of the contribution arithmetic: millionths per
/// programme (JKK per risk group 1–5) and the JP cap in cents, as `periksa.month_rates` gives
/// them from the reference data.
struct MonthRates: Equatable, Sendable {
    var jkk: [Int64]
    var jkm: Int64
    var jht: Int64
    var jp: Int64
    var jpCapCents: Int64

    /// The rates in force on `firstDay` (`YYYY-MM-01`).
    static func fetch(month firstDay: String, on connection: Connection) throws -> MonthRates {
        guard
            let row = try connection.queryFirst(
                "select jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, jp_cap_cents from periksa.month_rates(\(firstDay)::date)"
            )
        else { throw ImportError.unreadable(path: "periksa.month_rates", reason: "no rates for \(firstDay)") }
        let values = try (0..<9).map { try row.decode(Int64.self, at: $0) }
        return MonthRates(
            jkk: Array(values[0..<5]), jkm: values[5], jht: values[6], jp: values[7], jpCapCents: values[8])
    }

    /// `round(base × rate)` to whole rupiah, halves away from zero, for a base in cents and a
    /// rate in millionths (both non-negative): `(cents × millionths + 5·10⁷) div 10⁸`, exactly
    /// as `periksa.contribution_cents` computes it.
    @inline(__always)
    static func part(_ cents: Int64, _ millionths: Int64) -> Int64 {
        let (product, overflow) = cents.multipliedReportingOverflow(by: millionths)
        if !overflow, product <= Int64.max - 50_000_000 { return (product + 50_000_000) / 100_000_000 }
        return Int64((Int128(cents) * Int128(millionths) + 50_000_000) / 100_000_000)
    }
}

/// The sums of `periksa.employer_month_due` for the rows an import accepts, one employer-month
/// at a time: rows come grouped by employer and month, so only the current one is in memory;
/// each finished one becomes a row of a temporary file (binary COPY, which the server reads in
/// about half the time of text), and an employer-month that comes back later gets a second row,
/// added up in SQL. Memory stays flat whatever the file size (the loader, which indexes
/// employer-months anyway, says whether one came back).
final class MonthDueSpool {
    private var unit = -1
    private var npp = ""
    private var period = -1
    /// workers, wage cents, JKK 1–5, JKM, JHT, JP (a tuple: no array to check per row).
    private var sums: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    )
    private var overflowed = false
    private var file: UnsafeMutablePointer<FILE>?
    private var writer: CopyWriter?
    private(set) var lines = 0
    /// The import whose rows these are (column `import_id`).
    var importID: Int64 = 0

    deinit { if let file { fclose(file) } }

    /// Counts one accepted row: the stretch of rows it belongs to (a number that changes with
    /// the employer-period), its employer, month (year × 12 + month − 1), wage in cents, and the
    /// month's rates.
    @inline(__always)
    func add(unit: Int, npp: String, period: Int, cents: Int64, rates: MonthRates) throws {
        if unit != self.unit {
            try flush()
            self.unit = unit
            self.npp = npp
            self.period = period
        }
        var overflow = false
        func add(_ sum: inout Int64, _ value: Int64) {
            let (result, over) = sum.addingReportingOverflow(value)
            sum = result
            overflow = overflow || over
        }
        add(&sums.0, 1)
        add(&sums.1, cents)
        add(&sums.2, MonthRates.part(cents, rates.jkk[0]))
        add(&sums.3, MonthRates.part(cents, rates.jkk[1]))
        add(&sums.4, MonthRates.part(cents, rates.jkk[2]))
        add(&sums.5, MonthRates.part(cents, rates.jkk[3]))
        add(&sums.6, MonthRates.part(cents, rates.jkk[4]))
        add(&sums.7, MonthRates.part(cents, rates.jkm))
        add(&sums.8, MonthRates.part(cents, rates.jht))
        add(&sums.9, MonthRates.part(min(cents, rates.jpCapCents), rates.jp))
        if overflow { overflowed = true }
    }

    /// Writes the current employer-month's row.
    private func flush() throws {
        guard period >= 0, sums.0 > 0 else { return }
        if overflowed || sums.0 > Int64(Int32.max) {
            throw ImportError.unreadable(
                path: "contributions",
                reason: "the wages of one employer and month add up to more than the database can hold")
        }
        let writer = try self.writer ?? openWriter()
        writer.beginBinaryRow(fields: 13)
        writer.binaryText(npp)
        writer.binaryDate(year: period / 12, month: period % 12 + 1, day: 1)
        writer.binaryInt32(Int32(sums.0))
        writer.binaryNumeric(cents: sums.1)
        for value in [sums.2, sums.3, sums.4, sums.5, sums.6, sums.7, sums.8, sums.9] { writer.binaryInt64(value) }
        writer.binaryInt64(importID)
        try writer.endBinaryRow()
        lines += 1
        sums = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    private func openWriter() throws -> CopyWriter {
        guard let opened = tmpfile() else {
            throw ImportError.unreadable(path: "tmpfile", reason: String(cString: strerror(errno)))
        }
        file = opened
        let writer = CopyWriter(spoolingTo: opened)
        self.writer = writer
        return writer
    }

    /// Writes the last employer-month's row and ends the file.
    func finish() throws {
        try flush()
        period = -1
        unit = -1
        if let writer {
            writer.endBinary()
            try writer.finish()
            self.writer = nil
        }
    }

    /// Loads every row into `table` (columns as periksa.employer_month_due) on `connection`.
    func copy(into table: String, on connection: Connection) throws {
        try finish()
        guard let file else { return }
        try connection.copyIn(
            """
            copy \(unsafeSQL: table) (npp, period, workers, wages, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, import_id)
            from stdin (format binary)
            """, spooled: file)
    }
}
