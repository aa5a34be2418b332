import ArgumentParser
import Compliance
import Foundation

/// `periksa access-log [--since YYYY-MM-DD] [--actor NAME] --format table|csv|json`: who viewed
/// personal data or changed something, and when (UU 27/2022).
struct AccessLogCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log",
        abstract: "Read the access log: who viewed personal data or changed something, and when.")

    @Option(help: "From this day on (YYYY-MM-DD, UTC).") var since: String?
    @Option(help: "Only this actor (a web user, or cli:LOGIN).") var actor: String?
    @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .table
    @OptionGroup var global: GlobalOptions

    /// The start of `since` in UTC.
    static func day(_ text: String) throws -> Date {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = parser.date(from: text) else {
            throw ValidationError("--since takes a day, YYYY-MM-DD, not \(text)")
        }
        return date
    }

    func validate() throws {
        if let since { _ = try Self.day(since) }
    }

    func execute() throws {
        let connection = try global.connect()
        let entries = try AccessLog(connection: connection).entries(
            since: try since.map(Self.day), actor: actor)
        func fields(_ entry: AccessLog.Entry) -> [String] {
            [
                String(entry.id), Formatting.isoTimestamp(entry.at), entry.actor, entry.action, entry.object ?? "",
                entry.detail ?? "",
            ]
        }
        let keys = ["id", "at", "actor", "action", "object", "detail"]
        let out = OutputBuffer()
        switch format {
        case .csv:
            out.write(keys.joined(separator: ",") + "\n")
            for entry in entries { out.write(fields(entry).map(CSV.field).joined(separator: ",") + "\n") }
        case .json:
            let objects: [[String: Any]] = entries.map { entry in
                var object: [String: Any] = Dictionary(uniqueKeysWithValues: zip(keys, fields(entry)))
                object["id"] = entry.id
                object["object"] = entry.object ?? NSNull()
                object["detail"] = entry.detail ?? NSNull()
                return object
            }
            out.write(try CaseJSON.text(objects) + "\n")
        case .table:
            out.write(
                TextTable.render(
                    header: global.language.text(
                        ["no", "waktu (UTC)", "pelaku", "tindakan", "objek", "rincian"],
                        ["no", "at (UTC)", "actor", "action", "object", "detail"]),
                    rows: entries.map(fields)) + "\n")
        }
        out.flush()
    }
}
