import ArgumentParser
import Compliance
import Foundation

/// `periksa imports`: past imports; `periksa imports show ID`: the rejections of one.
struct ImportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imports",
        abstract: "List past imports, or show the rejected rows of one.",
        subcommands: [ImportsList.self, ImportsShow.self],
        defaultSubcommand: ImportsList.self)
}

/// `periksa imports [list]`.
struct ImportsList: PeriksaCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List past imports, newest first.")

    @Option(help: "How many imports to list.")
    var limit = 50

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let language = global.language
        let entries = try ImportHistory(connection: global.connect()).list(limit: limit)
        let header = language.text(
            ["id", "jenis", "berkas", "sha256", "status", "dibaca", "dimuat", "ditolak", "selesai", "oleh"],
            ["id", "kind", "file", "sha256", "status", "read", "loaded", "rejected", "finished", "by"])
        let rows = entries.map { entry in
            [
                String(entry.id), entry.kind, entry.fileName, String(entry.sha256.prefix(12)), entry.status,
                Formatting.count(entry.rowsRead, language), Formatting.count(entry.rowsLoaded, language),
                Formatting.count(entry.rowsRejected, language), Formats.timestamp(entry.finishedAt), entry.importedBy,
            ]
        }
        print(TextTable.render(header: header, rows: rows))
    }
}

/// `periksa imports show ID`.
struct ImportsShow: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one import and its rejected rows.")

    @Argument(help: "The import id.")
    var id: Int

    @Flag(help: "Also print each rejected line as it was in the file (it may hold NIKs, names and wages).")
    var showPersonalData = false

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let language = global.language
        let history = ImportHistory(connection: try global.connect())
        guard let entry = try history.find(id) else {
            throw ValidationError(language.text("tidak ada impor #\(id)", "there is no import #\(id)"))
        }
        print(
            language.text(
                "Impor #\(entry.id): \(entry.kind), \(entry.fileName), \(entry.status); \(Formatting.count(entry.rowsRead, language)) dibaca, \(Formatting.count(entry.rowsLoaded, language)) dimuat, \(Formatting.count(entry.rowsRejected, language)) ditolak; \(Formats.timestamp(entry.finishedAt)) oleh \(entry.importedBy)",
                "Import #\(entry.id): \(entry.kind), \(entry.fileName), \(entry.status); \(Formatting.count(entry.rowsRead, language)) read, \(Formatting.count(entry.rowsLoaded, language)) loaded, \(Formatting.count(entry.rowsRejected, language)) rejected; \(Formats.timestamp(entry.finishedAt)) by \(entry.importedBy)"
            ))
        print("SHA-256: \(entry.sha256)")
        try history.rejections(of: id, language: language) { rejection in
            let reasons = rejection.reasons.map {
                ($0.column.map { language.text("kolom \($0): ", "column \($0): ") } ?? "") + $0.message
            }
            print(
                language.text("baris ", "line ") + Formatting.count(rejection.line, language) + ", "
                    + reasons.joined(separator: "; "))
            if showPersonalData { print("    " + rejection.rawLine) }
        }
    }
}
