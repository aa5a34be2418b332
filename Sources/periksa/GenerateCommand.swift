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

            Also writes the coverage files (docs/coverage.md): bpu-contributions.csv (informal \
            participants, mandiri or paid for by a local government, every month), worker-lists.csv \
            (the local governments' lists as they stand for --period: funded and unfunded, a decree \
            of the year before, people on a province's and a city's list, funded people missing or \
            already wage workers, people paid for but not listed, mistyped NIKs) and \
            labour-force.csv (each generated province and regency/city, the year of --period and \
            the one before; some regions have none). They carry no broken rows.
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
                \(dirty ? ", \(summary.expectedRejections) rows to reject" : ""); \(summary.bpuRows) BPU rows, \
                \(summary.workerListRows) worker-list rows, \(summary.labourForceRows) labour-force rows

                """.utf8))
        // What the coverage files plant for the audited month.
        let coverage = summary.coverage
        var lines = [
            """
            planted for \(period): \(coverage.bpuParticipants) BPU participants, \(coverage.outreach) listed people \
            not participating (\(coverage.outreachFunded) of them funded), \(coverage.onListsOfTwoGovernments) on \
            the lists of two local governments, \(coverage.mistypedNIKs) mistyped NIKs; no labour-force row: \
            \(coverage.regionsWithoutLabourForce.joined(separator: " "))
            """
        ]
        // A local government none of whose lists funds the month: what it still pays for shows
        // in no reconciliation.
        let funding = Set(coverage.lists.filter(\.fundsPeriod).map(\.pemda))
        for list in coverage.lists where list.rows > 0 {
            let name = "\(list.code) (\(list.pemda))"
            if list.fundsPeriod {
                lines.append(
                    """
                    \(name): \(list.expected) funded, \(list.enrolled) enrolled, \(list.missing) missing, \
                    \(list.alreadyPU) already PU, \(list.paidNotListed) paid but not listed
                    """)
            } else if list.funded > 0 {
                let stillPaid =
                    funding.contains(list.pemda) || list.paidNotListed == 0
                    ? "" : "; still paid for: \(list.paidNotListed)"
                lines.append("\(name): \(list.funded) funded, none for \(period) (the window ended)\(stillPaid)")
            } else {
                lines.append("\(name): \(list.rows) people, not funded")
            }
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n  ") + "\n").utf8))
    }
}
