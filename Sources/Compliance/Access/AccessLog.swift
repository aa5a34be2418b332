import Foundation
import Postgres

/// The access log (UU 27/2022): who viewed personal data or changed something, and when.
/// Appended by the web app and the user commands, never changed; read by `periksa access-log`.
public struct AccessLog {
    /// One entry. `object` is an NPP, a case number or a user name, never personal data.
    public struct Entry: Sendable, Equatable {
        public var id: Int
        public var at: Date
        public var actor: String
        public var action: String
        public var object: String?
        public var detail: String?
    }

    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The entries from `since` on (all when nil), of `actor` when given, oldest first.
    public func entries(since: Date?, actor: String?) throws -> [Entry] {
        try connection.query(
            """
            select id, at, actor, action, object, detail from periksa.access_log
            where (\(since)::timestamptz is null or at >= \(since)::timestamptz)
              and (\(actor)::text is null or actor = \(actor)::text)
            order by id
            """
        ).map { row in
            let (id, at, actor, action, object, detail) = try row.decode(
                (Int, Date, String, String, String?, String?).self)
            return Entry(id: id, at: at, actor: actor, action: action, object: object, detail: detail)
        }
    }

    /// Appends an entry: `actor` did `action` (`session.login`, `user.add`, …) to `object`.
    public func append(actor: String, action: String, object: String?, detail: String? = nil) throws {
        try connection.execute(
            """
            insert into periksa.access_log (actor, action, object, detail)
            values (\(actor), \(action), \(object), \(detail))
            """)
    }

    /// The actor of changes made with the command line: `cli:` and the database login.
    public static func commandLineActor(on connection: Connection) throws -> String {
        "cli:" + (try connection.queryFirst("select session_user::text")?.decode(String.self, at: 0) ?? "?")
    }
}
