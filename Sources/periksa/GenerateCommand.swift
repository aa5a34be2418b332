import ArgumentParser
import Compliance
import Foundation
import Synthetic

/// `periksa generate`: realistic synthetic input files, with `truth.csv`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic input files (and truth.csv, the findings they should give).",
        discussion: """
            Writes employers.csv, workforce.csv, contributions.csv, payments.csv and minimum-wages.csv \
            for K months ending at --period, with violations of every rule next to near misses, and \
            truth.csv: the findings of the last month in the findings format. --dirty adds rows every \
            file must reject, listed in expected-rejections.csv. Same options, same bytes.
            """)

    @Option(help: "The folder to write into.")
    var out: String

    /// Presets of the number of employers.
    enum Scale: String, ExpressibleByArgument, CaseIterable {
        /// DKI Jakarta: about 115,000 registered employers, 2 million wage rows a month.
        case jakarta
        /// Indonesia: about 875,000 registered employers, 80 % of them micro businesses.
        case national

        var employers: Int { self == .jakarta ? 115_446 : 875_000 }
    }

    @Option(help: "Number of registered employers.")
    var employers = 1000

    @Option(
        help: """
            A preset instead of --employers: jakarta (115,446 employers) or national (875,000; \
            without truth.csv unless --truth).
            """)
    var scale: Scale?

    @Flag(
        inversion: .prefixedNo,
        help: "Write truth.csv (the reference audit keeps the audited month's wage rows in memory).")
    var truth: Bool?

    /// truth.csv unless asked otherwise, or for the national preset unless asked for.
    var writesTruth: Bool { truth ?? (scale != .national) }

    @Option(help: "Number of months.")
    var months = 12

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "The last (audited) month, YYYY-MM.")
    var period = "2025-12"

    @Flag(help: "Add broken rows and expected-rejections.csv.")
    var dirty = false

    func validate() throws {
        guard parsedPeriod != nil else { throw ValidationError("--period must be YYYY-MM, not \(period)") }
        guard employers >= 1, months >= 1, months <= 120 else {
            throw ValidationError("--employers must be at least 1 and --months 1–120")
        }
    }

    var parsedPeriod: Int? {
        let parts = period.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]),
            (2000...2100).contains(year), (1...12).contains(month)
        else { return nil }
        return year * 12 + month - 1
    }

    func run() throws {
        let summary = try Generator(
            options: .init(
                directory: out, employers: scale?.employers ?? employers, months: months, seed: seed,
                period: parsedPeriod!, dirty: dirty, truth: writesTruth)
        ).run()
        FileHandle.standardError.write(
            Data(
                """
                \(out): \(summary.employers) employers, \(summary.contributionRows) contribution rows, \
                \(summary.workforceRows) workforce rows, \(summary.paymentRows) payments, \
                \(writesTruth ? "\(summary.findings) findings in truth.csv" : "no truth.csv")\
                \(dirty ? ", \(summary.expectedRejections) rows to reject" : "")

                """.utf8))
    }
}
