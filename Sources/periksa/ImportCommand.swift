import ArgumentParser
import Compliance
import Foundation
import Postgres

/// `periksa import KIND FILE`: loads one file of the data contract, validating every row.
struct ImportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import a file: employers | workforce | contributions | payments | minimum-wages | inspections | bpu-contributions | worker-lists | labour-force.",
        discussion: """
            Exit codes: 0 every row loaded (or the same file was imported before), 1 nothing changed \
            (unreadable file, missing column, database unreachable, …), 3 some rows rejected (see \
            `periksa imports show ID`). With --strict one rejected row loads nothing.
            """)

    @Argument(
        help:
            "employers, workforce, contributions, payments, minimum-wages, inspections, bpu-contributions, worker-lists or labour-force"
    )
    var kind: String

    @Argument(help: "The CSV file (`,` or `;`, UTF-8).")
    var file: String

    @Flag(help: "Load nothing if any row is rejected.")
    var strict = false

    @Flag(help: "Import even if the same file was imported before.")
    var force = false

    @Flag(
        help: """
            Recompute the analytics views' months this file changed at once (by default that waits \
            for the next audit of the month or `periksa db refresh`).
            """)
    var refresh = false

    @Flag(help: .hidden)
    var noRefresh = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard ImportKind(rawValue: kind) != nil else {
            throw ValidationError(
                "KIND must be one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")), not \(kind)")
        }
    }

    func execute() throws {
        let language = global.language
        let connection = try global.connect()
        let progress = ProgressLine()
        let name = (file as NSString).lastPathComponent
        let importer = Importer(connection: connection, logger: global.logger) { rows, bytes, size in
            let perSecond = Formatting.count(Int(Double(rows) / progress.elapsed), language)
            let percent = size > 0 ? bytes * 100 / size : 100
            progress.show(
                language.text(
                    "\(name): \(Formatting.count(rows, language)) baris, \(perSecond) baris/dtk, \(percent)%",
                    "\(name): \(Formatting.count(rows, language)) rows, \(perSecond) rows/s, \(percent)%"))
        } warning: { warning in
            progress.clear()
            switch warning {
            case .sameRejections(let rows, let rules, let example):
                let shown = Formatting.count(rows, language)
                printNote(
                    language.text(
                        "Peringatan: \(shown) baris pertama semuanya ditolak dengan alasan yang sama (\(rules.joined(separator: ", "))); format berkas ini kemungkinan salah (pemisah desimal, NIK terpotong, kolom tertukar?). Impor tetap membaca dan melaporkan setiap baris.",
                        "Warning: the first \(shown) rows were all rejected for the same reasons (\(rules.joined(separator: ", "))); this file is most likely in the wrong format (decimal commas, NIKs cut short, columns swapped?). The import still reads and reports every row."
                    ))
                printNote(Self.rejection(example.line, example.problems, language))
            }
        }
        var options = Importer.Options(
            kind: ImportKind(rawValue: kind)!, path: file, strict: strict, force: force, language: language)
        options.refreshAnalytics = refresh && !noRefresh
        let summary: Importer.Summary
        do {
            summary = try importer.run(options)
        } catch let error as ImportError {
            progress.clear()
            printError(error.message(language))
            throw ExitCode.failure
        }
        progress.clear()
        report(summary, language: language)
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    private func report(_ summary: Importer.Summary, language: Language) {
        let name = (file as NSString).lastPathComponent
        if !summary.unknownColumns.isEmpty {
            printNote(
                language.text("peringatan: kolom tidak dikenal diabaikan: ", "warning: unknown columns ignored: ")
                    + summary.unknownColumns.joined(separator: ", "))
        }
        if summary.status == .alreadyImported, let earlier = summary.earlierImport {
            printNote(
                language.text(
                    "\(name) sudah diimpor sebagai impor #\(earlier.id) pada \(Formats.timestamp(earlier.finishedAt)) (SHA-256 sama); tidak ada yang diubah. Gunakan --force untuk mengimpor ulang.",
                    "\(name) was already imported as import #\(earlier.id) on \(Formats.timestamp(earlier.finishedAt)) (same SHA-256); nothing was changed. Use --force to import it again."
                ))
            print("import_id=\(earlier.id) status=already-imported")
            return
        }
        let id = summary.importID.map(String.init) ?? "?"
        func count(_ value: Int) -> String { Formatting.count(value, language) }
        printNote(
            language.text(
                "Impor #\(id) (\(kind), \(name), pemisah '\(summary.delimiter)'): \(count(summary.rowsRead)) baris dibaca, \(count(summary.rowsLoaded)) dimuat, \(count(summary.rowsRejected)) ditolak.",
                "Import #\(id) (\(kind), \(name), delimiter '\(summary.delimiter)'): \(count(summary.rowsRead)) rows read, \(count(summary.rowsLoaded)) loaded, \(count(summary.rowsRejected)) rejected."
            ))
        if let seconds = summary.analyticsRefreshSeconds {
            printNote(
                language.text(
                    String(format: "Tampilan analitik diperbarui (%.1f detik).", seconds),
                    String(format: "Analytics views refreshed (%.1f s).", seconds)))
        }
        if summary.status == .rejected {
            printNote(
                language.text(
                    "--strict: \(count(summary.rowsWithProblems)) baris bermasalah, jadi tidak ada yang dimuat.",
                    "--strict: \(count(summary.rowsWithProblems)) rows have problems, so nothing was loaded."))
        }
        if !summary.firstRejections.isEmpty {
            printNote(language.text("Penolakan pertama:", "First rejections:"))
            for rejection in summary.firstRejections {
                printNote(Self.rejection(rejection.line, rejection.problems, language))
            }
            printNote(
                language.text(
                    "Semua penolakan: periksa imports show \(id)", "All rejections: periksa imports show \(id)"))
        }
        print(
            "import_id=\(id) status=\(summary.status.rawValue) read=\(summary.rowsRead) loaded=\(summary.rowsLoaded) rejected=\(summary.rowsRejected)"
        )
    }

    /// `  baris 12, kolom nik: …; kolom wage: …`: one rejected row as stderr shows it.
    static func rejection(_ line: Int, _ problems: [Problem], _ language: Language) -> String {
        "  " + language.text("baris ", "line ") + Formatting.count(line, language) + ", "
            + problems.map { $0.described(language) }.joined(separator: "; ")
    }
}
