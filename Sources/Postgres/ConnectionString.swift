import CPostgres
import Foundation

/// Helpers for libpq connection strings that keep passwords out of every message.
public enum ConnectionString {
    /// The password a connection string carries, if any (URL user-info or `password=`).
    static func passwords(in conninfo: String) -> [String] {
        var found: [String] = []
        var error: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &error) {
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "password", let value = option.pointee.val {
                    found.append(String(cString: value))
                }
                option += 1
            }
            PQconninfoFree(options)
        }
        if let error { PQfreemem(error) }
        // A URL libpq could not parse still must not leak its user-info.
        if let scheme = conninfo.range(of: "://"),
            let at = conninfo[scheme.upperBound...].firstIndex(of: "@")
        {
            let userInfo = conninfo[scheme.upperBound..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                let raw = String(userInfo[userInfo.index(after: colon)...])
                found.append(raw)
                if let decoded = raw.removingPercentEncoding { found.append(decoded) }
            }
        }
        return found.filter { !$0.isEmpty }
    }

    /// `text` with every password of `conninfo` replaced by `****`.
    public static func redact(_ text: String, conninfo: String) -> String {
        passwords(in: conninfo).reduce(text) { $0.replacingOccurrences(of: $1, with: "****") }
    }

    /// `conninfo` with its password replaced by `****`, for display.
    public static func redacted(_ conninfo: String) -> String {
        redact(conninfo, conninfo: conninfo)
    }
}
