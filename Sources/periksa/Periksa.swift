import ArgumentParser
import Foundation

/// The root command: employer compliance auditing for BPJS Ketenagakerjaan inspection teams.
@main
struct Periksa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "periksa",
        abstract: "Audit kepatuhan pemberi kerja BPJS Ketenagakerjaan / employer compliance auditing.",
        discussion: """
            Connection: --database-url, then DATABASE_URL, then libpq's PG* variables; with none of \
            these, Periksa uses its own local PostgreSQL cluster in .periksa/ (or $PERIKSA_HOME).
            """,
        version: "0.1.0",
        subcommands: [
            DatabaseCommand.self, GenerateCommand.self, ImportCommand.self, ImportsCommand.self, AuditCommand.self,
            FindingsCommand.self, EvaluateCommand.self, AuditListCommand.self, RunsCommand.self, CaseCommand.self,
            CasesCommand.self, CoverageCommand.self, OutreachCommand.self, ReconcileCommand.self, ReportCommand.self,
            QueryCommand.self, UserCommand.self, AccessLogCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command line. Usage errors exit with 1, as the data contract fixes for bad
    /// arguments (the parser's own default would be 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(1)
        }
    }
}
