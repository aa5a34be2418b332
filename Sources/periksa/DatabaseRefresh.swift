import ArgumentParser
import Compliance
import Foundation

/// `periksa db refresh`: refreshes the materialised analytics views.
struct DatabaseRefresh: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Refresh the materialised analytics views.")

    @Option(help: "Refresh only this month (YYYY-MM; repeatable). Default: every month.")
    var period: [String] = []

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        for value in period where (try? AuditRunner.parsePeriod(value)) == nil {
            throw ValidationError("--period must be YYYY-MM, not \(value)")
        }
    }

    func execute() throws {
        let connection = try global.connect()
        try Migrator.bundled().migrate(on: connection)
        let language = global.language
        // On a terminal, month by month with a progress line; piped, in one statement.
        let progress = ProgressLine()
        let seconds: Double
        do {
            let months =
                try period.isEmpty
                ? nil
                : period.map {
                    let (year, month) = try AuditRunner.parsePeriod($0)
                    return String(format: "%04d-%02d-01", year, month)
                }
            seconds = try Analytics.refresh(
                on: connection, months: months,
                progress: progress.enabled
                    ? { month, number, total in
                        progress.show(
                            language.text("Analitik: ", "Analytics: ") + Formatting.period(month, language)
                                + " (\(number)/\(total))", now: true)
                    } : nil)
        } catch {
            progress.clear()
            throw error
        }
        progress.clear()
        print(
            language.text(
                "Tampilan analitik diperbarui (\(Formatting.decimal(seconds, language, digits: 1)) detik).",
                "Analytics views refreshed (\(Formatting.decimal(seconds, language, digits: 1)) s)."))
    }
}
