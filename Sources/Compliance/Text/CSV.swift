/// CSV as the data contract writes it: a field is quoted when it holds a comma, a quote or a
/// line break, and a quote inside it is doubled.
public enum CSV {
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
