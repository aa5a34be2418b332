import Foundation

/// Escaping for each output format: every interpolated value goes through one of these.
public enum Escaping {
    /// Text for HTML element content and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text for a Markdown table cell (GitHub and GitLab): pipes and Markdown punctuation
    /// escaped, HTML disarmed, line breaks folded, so the value shows as the text it is.
    public static func markdownCell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r": out += " "
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }
}
