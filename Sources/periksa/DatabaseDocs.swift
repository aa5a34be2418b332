import ArgumentParser
import Compliance
import Foundation

/// `periksa db docs`: writes the data dictionary of schema analytics.
struct DatabaseDocs: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Write the data dictionary of the analytics views (Markdown).")

    @Option(help: "The file to write (default: docs/data-dictionary.md; - for stdout).")
    var out = "docs/data-dictionary.md"

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        try Migrator.bundled().migrate(on: connection)
        let text = try Analytics.dictionary(on: connection)
        if out == "-" {
            print(text, terminator: "")
        } else {
            try FileManager.default.createDirectory(
                atPath: (out as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printNote(global.language.text("ditulis: ", "written: ") + out)
        }
    }
}
