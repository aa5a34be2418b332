import Foundation

/// The SQL files shipped with Periksa (migrations, rules, views), read from the resource
/// bundle. `Bundle.urls(forResourcesWithExtension:)` gives `NSURL` on Linux, so the folders
/// are listed with `FileManager`.
public enum SQLFiles {
    /// One SQL file: its name (`0001_schema.sql`) and its text.
    public struct File: Sendable, Equatable {
        public let name: String
        public let text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The files of one folder (`migrations`, `rules`, `views`), sorted by name.
    public static func files(in folder: String) throws -> [File] {
        guard let root = Bundle.module.resourceURL else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the SQL resources are missing"])
        }
        let directory = root.appendingPathComponent(folder, isDirectory: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            File(name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The text of one file of `folder` (`queries`, `audit_list.sql`); throws naming it when
    /// the resource bundle lacks it.
    public static func text(of name: String, in folder: String) throws -> String {
        guard let file = try files(in: folder).first(where: { $0.name == name }) else {
            throw CocoaError(
                .fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the SQL file \(folder)/\(name) is missing"])
        }
        return file.text
    }
}
