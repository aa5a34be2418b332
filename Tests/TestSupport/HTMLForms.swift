/// What the tests read from the web app's pages.
public enum HTMLForms {
    /// The value of the page's first `csrf_token` field, or nil.
    public static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value="[^"]+""#, options: .regularExpression) else {
            return nil
        }
        return String(html[range].dropFirst(#"name="csrf_token" value=""#.count).dropLast())
    }
}
