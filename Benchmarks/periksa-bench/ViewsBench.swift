import ArgumentParser
import Foundation
import Postgres

/// The analytics views at Jakarta scale (after `periksa-bench report`, which loads and audits
/// the year): the refresh of what is materialised, then a full scan of each view, every row
/// sent to the client, by psql (`copy (select * from view) to stdout`) and by `periksa query
/// --format csv`. Bar: each full scan under 2 s.
struct ViewsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "views", abstract: "Refresh and full scans of the analytics views, timed.")

    @Option(help: "libpq connection string of the database `periksa-bench report` filled.")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Timed runs of each scan.")
    var runs = 3

    func run() throws {
        let connection = try Connection(conninfo: conninfo)
        try Spawn.run(periksa, ["db", "migrate", "--database-url", conninfo]).check("db migrate")
        var refresh: [Double] = []
        for _ in 0..<runs {
            let result = try Spawn.run(periksa, ["db", "refresh", "--database-url", conninfo])
            try result.check("db refresh")
            refresh.append(result.seconds)
        }
        let views = try connection.query(
            "select viewname from pg_views where schemaname = 'analytics' order by viewname"
        ).map { try $0.decode(String.self, at: 0) }
        print("Analytics views over a generated year")
        print("  periksa db refresh   median \(format(median(refresh)))   runs \(refresh.map(format))")
        for view in views {
            let rows = try connection.queryFirst(PostgresQuery(unsafeSQL: "select count(*) from analytics.\(view)"))!
                .decode(Int.self, at: 0)
            var psql: [Double] = []
            var query: [Double] = []
            for _ in 0..<runs {
                let copied = try Spawn.run(
                    "/usr/bin/psql",
                    ["-X", "-q", "-d", conninfo, "-c", "copy (select * from analytics.\(view)) to stdout"])
                try copied.check("psql \(view)")
                psql.append(copied.seconds)
                let streamed = try Spawn.run(
                    periksa,
                    ["query", "select * from analytics.\(view)", "--format", "csv", "--database-url", conninfo])
                try streamed.check("periksa query \(view)")
                query.append(streamed.seconds)
            }
            print(
                "  analytics.\(view) (\(rows) rows): psql copy \(format(median(psql))), periksa query csv "
                    + "\(format(median(query)))   (bar: < 2 s)")
        }
    }
}
