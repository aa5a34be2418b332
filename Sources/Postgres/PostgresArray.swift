/// A Swift array as one bound parameter, in PostgreSQL's array text form
/// (`{"JKK","JKM",NULL}`): every element quoted, quotes and backslashes escaped, nil as NULL.
/// The SQL names the element type (`\(programmes)::text[]`, `= any(\(months)::date[])`), so
/// no array literal is ever built by hand.
extension Array: PostgresEncodable where Element: PostgresEncodable {
    public var postgresText: String? {
        var text = "{"
        for (index, element) in enumerated() {
            if index > 0 { text += "," }
            guard let value = element.postgresText else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in value.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}
