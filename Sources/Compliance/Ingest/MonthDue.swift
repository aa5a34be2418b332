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
/// each finished one becomes a line of a temporary file (COPY text), and an employer-month
/// that comes back later gets a second line, added up in SQL. Memory stays flat whatever the
/// file size.
final class MonthDueSpool {
    private var npp = ""
    private var period = -1
    private var rates = MonthRates(jkk: [0, 0, 0, 0, 0], jkm: 0, jht: 0, jp: 0, jpCapCents: 0)
    /// workers, wage cents, JKK 1–5, JKM, JHT, JP.
    private var sums = [Int64](repeating: 0, count: 10)
    private var overflowed = false
    private var file: UnsafeMutablePointer<FILE>?
    private(set) var lines = 0

    deinit { if let file { fclose(file) } }

    /// Counts one accepted row: its employer, month (year × 12 + month − 1), wage in cents, and
    /// the month's rates.
    @inline(__always)
    func add(npp: String, period: Int, cents: Int64, rates: MonthRates) throws {
        if period != self.period || npp != self.npp {
            try flush()
            self.npp = npp
            self.period = period
            self.rates = rates
        }
        let jp = MonthRates.part(min(cents, rates.jpCapCents), rates.jp)
        add(0, 1)
        add(1, cents)
        add(2, MonthRates.part(cents, rates.jkk[0]))
        add(3, MonthRates.part(cents, rates.jkk[1]))
        add(4, MonthRates.part(cents, rates.jkk[2]))
        add(5, MonthRates.part(cents, rates.jkk[3]))
        add(6, MonthRates.part(cents, rates.jkk[4]))
        add(7, MonthRates.part(cents, rates.jkm))
        add(8, MonthRates.part(cents, rates.jht))
        add(9, jp)
    }

    @inline(__always)
    private func add(_ index: Int, _ value: Int64) {
        let (sum, overflow) = sums[index].addingReportingOverflow(value)
        sums[index] = sum
        if overflow { overflowed = true }
    }

    /// Writes the current employer-month's line.
    private func flush() throws {
        guard period >= 0, sums[0] > 0 else { return }
        if overflowed {
            throw ImportError.unreadable(
                path: "contributions",
                reason: "the wages of one employer and month add up to more than the database can hold")
        }
        if file == nil {
            guard let opened = tmpfile() else {
                throw ImportError.unreadable(path: "tmpfile", reason: String(cString: strerror(errno)))
            }
            file = opened
        }
        let cents = sums[1]
        let fraction = cents % 100
        var line = npp + "\t" + FieldRules.firstDay((period / 12, period % 12 + 1)) + "\t\(sums[0])\t\(cents / 100)."
        line += fraction < 10 ? "0\(fraction)" : "\(fraction)"
        for index in 2..<10 { line += "\t\(sums[index])" }
        line += "\n"
        fputs(line, file)
        lines += 1
        for index in sums.indices { sums[index] = 0 }
    }

    /// Loads every line into `table` (columns as periksa.employer_month_due) on `connection`.
    func copy(into table: String, on connection: Connection) throws {
        try flush()
        period = -1
        guard let file else { return }
        fflush(file)
        rewind(file)
        try connection.copyIn("copy \(unsafeSQL: table) from stdin") { writer in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count == 0 { break }
                try writer.write(bytes: buffer[0..<count])
            }
        }
    }
}
