import Foundation
import Mustache
import ReportTemplates

/// The output formats of the reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, md
}

/// Renders a report's template (`Reports/templates/NAME.FORMAT.mustache`) with its context.
/// HTML templates escape every `{{value}}` for HTML (a chart's SVG, built from escaped parts,
/// goes in with `{{{…}}}`); Markdown templates declare the MARKDOWN content type, which escapes
/// every value for a table cell. The shared partials (`style`) are available to all.
enum TemplateRenderer {
    static func render(_ name: String, format: ReportFormat, context: [String: Any]) throws -> String {
        MarkdownEscaping.registerOnce()
        let file = "\(name).\(format.rawValue)"
        var templates = [file: try MustacheTemplate(string: try ReportTemplates.text(file + ".mustache"))]
        if format == .html {
            templates["style"] = try MustacheTemplate(string: try ReportTemplates.text("style.mustache"))
        }
        let library = MustacheLibrary(templates: templates)
        guard let text = library.render(context, withTemplate: file) else {
            throw CocoaError(
                .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the template \(file) is missing"])
        }
        return text
    }
}

/// The Markdown content type of the templates: every value escaped for a table cell.
enum MarkdownEscaping {
    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { Escaping.markdownCell(text) }
    }

    private static let registered: Void = MustacheContentTypes.register(ContentType(), named: "MARKDOWN")

    static func registerOnce() { _ = registered }
}
