import Foundation
import Postgres

extension Analytics {
    /// The data dictionary of schema analytics, in Markdown, from the comments in the database.
    public static func dictionary(on connection: Connection) throws -> String {
        var out = """
            # Data dictionary: schema `analytics`

            Written by `periksa db docs` from the comments in the database (SQL/views); do not edit by
            hand. Every view filters rows for inspectors (their branches only) and masks NIK.
            Analysts (`periksa_analyst`) read these views and nothing else.

            """
        let views = try connection.query(
            """
            select c.oid::bigint, c.relname, case c.relkind when 'm' then 'materialised view' else 'view' end,
                   coalesce(obj_description(c.oid, 'pg_class'), '')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'analytics' and c.relkind in ('v', 'm')
            order by c.relname
            """
        ).map { try $0.decode((Int64, String, String, String).self) }
        for (oid, name, kind, comment) in views {
            out += "\n## analytics.\(name)\n\n\(comment) (\(kind))\n\n| column | type | meaning |\n|---|---|---|\n"
            try connection.stream(
                """
                select a.attname, format_type(a.atttypid, a.atttypmod), coalesce(col_description(a.attrelid, a.attnum), '')
                from pg_attribute a where a.attrelid = \(oid)::oid and a.attnum > 0 and not a.attisdropped
                order by a.attnum
                """
            ) { column in
                let (attribute, type, meaning) = try column.decode((String, String, String).self)
                out += "| `\(attribute)` | \(type) | \(meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }
}
