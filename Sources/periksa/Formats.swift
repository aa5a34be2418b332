import Foundation

/// Formats for what the command line prints.
enum Formats {
    /// `2026-11-21 07:05:36 +00:00`, in the local time zone.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        return formatter.string(from: date)
    }
}
