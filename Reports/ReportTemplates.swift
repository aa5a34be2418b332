import Foundation

/// The templates of the reports (Reports/templates), read from the resource bundle.
public enum ReportTemplates {
    /// The text of `name` (`audit-list.html.mustache`).
    public static func text(_ name: String) throws -> String {
        guard let root = Bundle.module.resourceURL else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the report templates are missing"])
        }
        return try String(
            contentsOf: root.appendingPathComponent("templates").appendingPathComponent(name), encoding: .utf8)
    }
}
