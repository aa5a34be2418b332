import Foundation
import Postgres

/// The names of the provinces and regencies/cities (`periksa.regions`, Kemendagri codes), for
/// what people read: `Kota Jambi (1571)`. A code without a name stays a code.
public struct RegionNames: Sendable, Equatable {
    public var names: [String: String]

    public init(_ names: [String: String] = [:]) { self.names = names }

    /// Every name in the reference table (552 rows).
    public static func load(on connection: Connection) throws -> RegionNames {
        var names: [String: String] = [:]
        try connection.stream("select region_code, name from periksa.regions") { row in
            let (code, name) = try row.decode((String, String).self)
            names[code] = name
        }
        return RegionNames(names)
    }

    /// `Kota Jambi (1571)`, or `1571` when the name is not known.
    public func label(_ code: String) -> String { names[code].map { "\($0) (\(code))" } ?? code }
}
