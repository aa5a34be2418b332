import Crypto
import Foundation
import Logging
import Postgres
import SQLFiles

/// Runs `periksa import KIND FILE`: validates every row of the file, loads the valid ones and
/// keeps every rejection, in one transaction, exactly as the data contract fixes (README: Importing).
public struct Importer {
    /// What the user asked for.
    public struct Options: Sendable {
        public var kind: ImportKind
        public var path: String
        public var strict = false
        public var force = false
        public var language: Language = .indonesian
        /// How many NIKs the contributions importer indexes in memory before it leaves the
        /// duplicate check of returning employer-periods to SQL (about 40 bytes each).
        public var nikIndexBudget = 1_000_000
        /// Refresh the materialised analytics views' months after loading. Off by default: an
        /// audit recomputes its month's, `periksa db refresh` all of them, and a monthly import
        /// stays close to a bare COPY.
        public var refreshAnalytics = false

        public init(
            kind: ImportKind, path: String, strict: Bool = false, force: Bool = false, language: Language = .indonesian,
            nikIndexBudget: Int = 1_000_000
        ) {
            self.kind = kind
            self.path = path
            self.strict = strict
            self.force = force
            self.language = language
            self.nikIndexBudget = nikIndexBudget
        }
    }

    /// What happened.
    public struct Summary: Sendable {
        public enum Status: String, Sendable {
            case loaded, partial, rejected
            /// The same file was imported before; nothing was done.
            case alreadyImported
        }

        public var status: Status
        public var importID: Int?
        public var rowsRead = 0
        public var rowsLoaded = 0
        public var rowsRejected = 0
        /// Rows with at least one problem (under --strict the others are not loaded either).
        public var rowsWithProblems = 0
        public var firstRejections: [(line: Int, problems: [Problem])] = []
        public var unknownColumns: [String] = []
        public var delimiter: Character = ","
        /// For `.alreadyImported`: the earlier import and when it finished.
        public var earlierImport: (id: Int, finishedAt: Date)?
        public var sha256 = ""
        /// How long refreshing the analytics views took after the load (nil: not refreshed).
        public var analyticsRefreshSeconds: Double?

        /// The exit code of the data contract: 0 all loaded (or already imported), 3 some rejected.
        public var exitCode: Int32 { status == .loaded || status == .alreadyImported ? 0 : 3 }
    }

    let connection: Connection
    let logger: Logger
    /// Called now and then with (rows read, bytes read, file size), for a progress line.
    var progress: ((Int, Int, Int) -> Void)?
    /// Called while the import runs with what the user should know before it ends.
    var warning: ((Warning) -> Void)?

    /// What an import tells before it ends.
    public enum Warning: Sendable {
        /// The first `rows` rows were all rejected with the same rules (`example`: the first of them).
        case sameRejections(rows: Int, rules: [String], example: (line: Int, problems: [Problem]))
    }

    /// After how many rows, all rejected for the same reasons, the import warns.
    public static let earlyWarningRows = 1_000

    public init(
        connection: Connection, logger: Logger = Logger(label: "periksa.import"),
        progress: ((Int, Int, Int) -> Void)? = nil, warning: ((Warning) -> Void)? = nil
    ) {
        self.connection = connection
        self.logger = logger
        self.progress = progress
        self.warning = warning
    }

    /// Imports one file. Throws `ImportError` (nothing changed) for a file that cannot be
    /// imported at all; rejected rows are reported in the summary, not thrown.
    public func run(_ options: Options) throws -> Summary {
        let clock = ContinuousClock()
        let begun = clock.now
        func phase(_ name: String) { logger.debug("\(name): \(clock.now - begun)") }
        defer { phase("done") }
        let reader: CSVReader
        let columns: ColumnMap
        do {
            reader = try CSVReader(path: options.path)
            guard let header = try reader.readHeader() else { throw ImportError.emptyFile(path: options.path) }
            columns = try ColumnMap(header: header, kind: options.kind, path: options.path)
        } catch let error as CSVReaderError {
            throw ImportError(error)
        }
        try ensureSchema()

        var summary = Summary(status: .loaded)
        summary.unknownColumns = columns.unknown
        summary.delimiter = Character(Unicode.Scalar(reader.delimiter))
        let started = Date()

        // The months whose analytics the import changes (nil: all of them).
        var touched: [String]? = []
        var dead = DeadRows()
        var result = try connection.transaction { connection in
            // Imports of one kind run one at a time: replacement units depend on their order.
            try connection.execute(
                "select pg_advisory_xact_lock(hashtext('periksa.import.' || \(options.kind.rawValue)))")
            // The same file imported before? Only a file of the same size can be: then the file is
            // hashed first. Otherwise the hash is taken from the bytes as the rows are read (no
            // second pass over the file) and recorded when they have all been read.
            var sha256: String?
            if !options.force,
                try connection.queryFirst(
                    """
                    select 1 from periksa.imports
                    where kind = \(options.kind.rawValue) and file_bytes = \(reader.fileSize) and status in ('loaded', 'partial')
                    limit 1
                    """) != nil
            {
                let hash = try Self.sha256(of: options.path)
                phase("sha256")
                sha256 = hash
                if let earlier = try connection.queryFirst(
                    """
                    select import_id, finished_at from periksa.imports
                    where kind = \(options.kind.rawValue) and file_sha256 = \(hash) and status in ('loaded', 'partial')
                    order by import_id desc limit 1
                    """)
                {
                    summary.status = .alreadyImported
                    summary.sha256 = hash
                    let (id, finishedAt) = try earlier.decode((Int, Date).self)
                    summary.earlierImport = (id, finishedAt)
                    summary.importID = id
                    return summary
                }
            }
            let binds: [any PostgresEncodable] = [
                options.kind.rawValue, (options.path as NSString).lastPathComponent,
                sha256 ?? String(repeating: "0", count: 64), reader.fileSize, String(summary.delimiter),
                options.strict, options.force, started,
            ]
            guard
                let row = try connection.queryFirst(
                    PostgresQuery(unsafeSQL: SQLFiles.text(of: "import_started.sql", in: "queries"), binds: binds))
            else { throw ImportError.unreadable(path: options.path, reason: "the import could not be recorded") }
            let importID = try row.decode(Int.self, at: 0)
            summary.importID = importID
            let spool = try RejectionSpool(importID: importID, language: options.language)
            let session = ImportSession(
                connection: connection, importID: importID, language: options.language, strict: options.strict,
                path: options.path, spool: spool)

            // Everything the rows change is undone as a whole under --strict.
            try connection.execute("savepoint before_rows")
            let loader = Self.loader(for: options)
            try loader.begin(session, columns: columns)
            // Wage rows use the connection during the read only to start their COPY, and pause
            // the rejected lines' own first. Under --strict the lines must outlive the rollback
            // of the rows, so they wait for it in the spool.
            if options.kind == .contributions, !options.strict { spool.stream(on: connection) }
            var rows = 0
            reader.readAhead()
            do {
                while try reader.next() {
                    rows += 1
                    if case .rejected(let problems) = try Self.check(
                        reader, columns: columns, loader: loader, session: session)
                    {
                        reader.withRawRecord { spool.add(line: reader.line, raw: $0, problems: problems) }
                    }
                    // A file whose first rows are all rejected for the same reasons is most
                    // likely in the wrong format: say so now, not when every row has been read.
                    if rows == Self.earlyWarningRows, spool.count == rows, let rules = spool.commonRules,
                        let example = spool.first.first
                    {
                        warning?(.sameRejections(rows: rows, rules: rules, example: (example.line, example.problems)))
                    }
                    if rows & 0xFFFF == 0 { progress?(rows, reader.bytesConsumed, reader.fileSize) }
                }
            } catch {
                spool.abandon()
                throw (error as? CSVReaderError).map(ImportError.init) ?? error
            }
            try spool.pause()
            phase("rows read and sent")
            guard let fileHash = sha256 ?? reader.sha256 else {
                throw ImportError.unreadable(path: options.path, reason: "the file was not read to its end")
            }
            summary.sha256 = fileHash
            try loader.end(session)
            phase("loader finished")
            touched = try Self.monthsTouched(options.kind, loader: loader, importID: importID, connection)
            progress?(rows, reader.fileSize, reader.fileSize)
            // Statistics for what was loaded, committed with it: an audit right after the
            // import must not plan over tables the planner believes empty.
            try Statistics.analyse(Self.tablesLoaded(options.kind, loader: loader), on: connection)
            if options.kind == .contributions { try Statistics.analyseContributionsOnce(on: connection) }
            phase("statistics")

            summary.rowsRead = rows
            summary.rowsWithProblems = spool.count
            if options.strict && spool.count > 0 {
                try connection.execute("rollback to savepoint before_rows")
                summary.status = .rejected
                summary.rowsRejected = rows
            } else {
                try connection.execute("release savepoint before_rows")
                summary.status = spool.count > 0 ? .partial : .loaded
                summary.rowsRejected = spool.count
            }
            summary.rowsLoaded = rows - summary.rowsRejected
            summary.firstRejections = spool.first.map { ($0.line, $0.problems) }
            try spool.store(on: connection)
            phase("rejections stored")
            try connection.execute(
                """
                update periksa.imports set status = \(summary.status.rawValue), rows_read = \(summary.rowsRead),
                    rows_loaded = \(summary.rowsLoaded), rows_rejected = \(summary.rowsRejected), finished_at = clock_timestamp(),
                    file_sha256 = \(summary.sha256)
                where import_id = \(importID)
                """)
            phase("import recorded")
            try dead.note(on: connection)
            return summary
        }
        // The materialised analytics follow what was loaded.
        if options.refreshAnalytics, result.rowsLoaded > 0, result.status != .rejected, touched != [] {
            result.analyticsRefreshSeconds = try connection.transaction { connection in
                let seconds = try Analytics.refresh(on: connection, months: touched)
                try dead.note(on: connection)
                return seconds
            }
            phase("analytics refreshed")
        }
        dead.reclaim(on: connection, logger: logger)
        phase("replaced rows vacuumed")
        return result
    }

    /// The months an import changes in the analytics (`YYYY-MM-01`): a wage file's months, the
    /// periods of the headcounts or payments it loaded; every month for the registry (it moves
    /// employers and their identifiers); none for minimum wages and inspections.
    static func monthsTouched(_ kind: ImportKind, loader: KindLoader, importID: Int, _ connection: Connection) throws
        -> [String]?
    {
        switch kind {
        case .contributions: return (loader as? ContributionsLoader)?.monthsHeld
        case .workforce, .payments:
            let table = kind == .workforce ? "periksa.workforce" : "periksa.payments"
            return try connection.query(
                PostgresQuery(
                    unsafeSQL: "select distinct period::text from \(table) where import_id = $1", binds: [importID])
            ).map { try $0.decode(String.self, at: 0) }
        case .employers: return nil
        default: return []
        }
    }

    /// The tables (for wage rows, the month partitions) an import of `kind` writes to.
    static func tablesLoaded(_ kind: ImportKind, loader: KindLoader) -> [String] {
        switch kind {
        case .contributions:
            ((loader as? ContributionsLoader)?.monthsHeld ?? []).flatMap {
                [Statistics.contributionPartition(firstDay: $0), Statistics.monthDuePartition(firstDay: $0)]
            }
        case .employers: ["periksa.employers"]
        case .workforce: ["periksa.workforce"]
        case .payments: ["periksa.payments"]
        case .minimumWages: ["periksa.minimum_wages"]
        case .inspections: ["periksa.inspections"]
        case .bpuContributions: ["periksa.bpu_contributions"]
        case .workerLists: ["periksa.worker_lists", "periksa.list_persons"]
        case .labourForce: ["periksa.labour_force"]
        }
    }

    /// Checks the record's shape, then hands it to the loader.
    static func check(_ reader: CSVReader, columns: ColumnMap, loader: KindLoader, session: ImportSession) throws
        -> RecordOutcome
    {
        var problems: [Problem] = []
        if let problem = reader.problem {
            problems.append(
                problem == .unterminatedQuote
                    ? Problem(
                        column: nil, rule: "csv_unterminated_quote",
                        indonesian: "tanda kutip tidak ditutup sampai akhir berkas",
                        english: "a quoted field is not closed before the end of the file")
                    : Problem(
                        column: nil, rule: "csv_text_after_quote", indonesian: "ada teks setelah tanda kutip penutup",
                        english: "there is text after a closing quote"))
        }
        if reader.fieldCount != columns.fieldCount {
            problems.append(
                Problem(
                    column: nil, rule: "field_count",
                    indonesian: "baris ini memiliki \(reader.fieldCount) kolom, header \(columns.fieldCount)",
                    english: "this row has \(reader.fieldCount) fields, the header \(columns.fieldCount)"))
        }
        guard problems.isEmpty else { return .rejected(problems) }
        return try loader.process(reader, session)
    }

    static func loader(for options: Options) -> KindLoader {
        switch options.kind {
        case .employers: StagedLoader(EmployersLoader())
        case .workforce: StagedLoader(WorkforceLoader())
        case .contributions: ContributionsLoader(budget: options.nikIndexBudget)
        case .payments: PaymentsLoader()
        case .minimumWages: StagedLoader(MinimumWagesLoader())
        case .inspections: StagedLoader(InspectionsLoader())
        case .bpuContributions: StagedLoader(BPUContributionsLoader())
        case .workerLists: StagedLoader(WorkerListsLoader())
        case .labourForce: StagedLoader(LabourForceLoader())
        }
    }

    /// Runs `db migrate` when the schema is missing or behind.
    func ensureSchema() throws {
        let migrator = try Migrator.bundled()
        let pending = try migrator.status(on: connection).filter { $0.state == .pending }
        if !pending.isEmpty {
            logger.notice("migrating the schema first (\(pending.count) pending)")
            try migrator.migrate(on: connection)
        }
    }

    /// SHA-256 of the file, hex.
    static func sha256(of path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return Checksum.hex(hasher.finalize())
    }
}
