import CPostgres
import Foundation
import Logging

/// One connection to a PostgreSQL server, over libpq.
///
/// Threading: a connection is used by one thread at a time and is not `Sendable`. To stop a
/// running statement from another thread (Ctrl-C), take a `cancelToken()` first.
/// Every statement is sent with `PQexecParams`: values are bound parameters, never SQL text.
public final class Connection {
    let handle: OpaquePointer
    /// Receives the server's notices (`RAISE NOTICE`, warnings) instead of stderr.
    public let logger: Logger
    private let noticeSink: NoticeSink

    /// Connects with a libpq connection string: a URL (`postgresql://user@host:5432/db`), a
    /// `key=value` list, or `""` for libpq's environment variables (`PGHOST`, `PGPORT`, …).
    public init(conninfo: String, logger: Logger = Logger(label: "periksa.postgres")) throws {
        self.logger = logger
        guard let handle = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        // From here on `deinit` runs even if `init` throws, and it calls `PQfinish`.
        self.handle = handle
        noticeSink = NoticeSink(logger: logger)
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = ConnectionString.redact(
                String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines),
                conninfo: conninfo)
            throw PostgresError(
                kind: .connection, message: "cannot connect to PostgreSQL (\(Self.describeTarget(handle))): \(reason)")
        }
        // The sink lives as long as the connection, which outlives every callback.
        PQsetNoticeReceiver(handle, noticeReceiver, Unmanaged.passUnretained(noticeSink).toOpaque())
        guard PQsetClientEncoding(handle, "UTF8") == 0 else {
            let message = String(cString: PQerrorMessage(handle))
            throw PostgresError(kind: .connection, message: "cannot set the client encoding to UTF8: \(message)")
        }
        // The text forms the decoders read; the session's time zone is left as it is.
        try execute(unsafeSQL: "set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres'; set extra_float_digits = 3")
    }

    deinit {
        PQfinish(handle)
    }

    /// What a server answers before any session starts (libpq's `PQping`): ready, refusing
    /// sessions for now (starting up, shutting down, or recovering after a crash), or silent.
    public enum Ping: Sendable, Equatable {
        case accepting
        case refusing
        case silent
        case badConnectionString
    }

    /// Asks the server of `conninfo` whether it accepts sessions, without opening one.
    public static func ping(conninfo: String) -> Ping {
        switch PQping(conninfo) {
        case PQPING_OK: return .accepting
        case PQPING_REJECT: return .refusing
        case PQPING_NO_ATTEMPT: return .badConnectionString
        default: return .silent
        }
    }

    // MARK: - Where the connection goes

    /// `user@host:port/database`, with no password: for messages and `db status`.
    public var safeDescription: String { Self.describeTarget(handle) }

    private static func describeTarget(_ handle: OpaquePointer) -> String {
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            guard let pointer, pointer.pointee != 0 else { return nil }
            return String(cString: pointer)
        }
        let host = text(PQhost(handle)) ?? "default host"
        var parts = [host.hasPrefix("/") ? "socket \(host)" : "host \(host)"]
        if let port = text(PQport(handle)) { parts.append("port \(port)") }
        if let user = text(PQuser(handle)) { parts.append("user \(user)") }
        if let database = text(PQdb(handle)) { parts.append("database \(database)") }
        return parts.joined(separator: ", ")
    }

    /// The server's version, as it reports it (`15.18 (Debian 15.18-0+deb12u1)`).
    public var serverVersion: String { parameterStatus("server_version") ?? "unknown" }

    /// The value of a server parameter reported at connection time (`server_encoding`, …).
    public func parameterStatus(_ name: String) -> String? {
        PQparameterStatus(handle, name).map { String(cString: $0) }
    }

    /// Whether a transaction is open, and whether it has failed.
    public var transactionStatus: TransactionStatus {
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_ACTIVE: .active
        case PQTRANS_INTRANS: .inTransaction
        case PQTRANS_INERROR: .failed
        default: .unknown
        }
    }

    /// The server-side state of a transaction block.
    public enum TransactionStatus: Sendable {
        case idle, active, inTransaction, failed, unknown
    }

    // MARK: - Statements

    /// Runs one statement and returns the number of rows it affected (0 for DDL).
    @discardableResult
    public func execute(_ query: PostgresQuery) throws -> Int {
        let result = try run(query)
        return Int(String(cString: PQcmdTuples(result.pointer))) ?? 0
    }

    /// Runs one or more statements separated by `;`, without parameters (migration scripts).
    public func execute(unsafeSQL script: String) throws {
        _ = try check(PQexec(handle, script), sql: script)
    }

    /// Runs a query and returns all of its rows. For large results use `stream`.
    public func query(_ query: PostgresQuery) throws -> [Row] {
        let result = try run(query)
        return (0..<Int32(result.rowCount)).map { Row(result: result, index: $0) }
    }

    /// The first row of a query, or nil.
    public func queryFirst(_ query: PostgresQuery) throws -> Row? {
        let result = try run(query)
        return result.rowCount > 0 ? Row(result: result, index: 0) : nil
    }

    /// Runs a query and hands its rows to `body` one at a time as they arrive (libpq
    /// single-row mode): memory stays constant whatever the number of rows. If `body` throws,
    /// the statement is cancelled on the server and the error rethrown.
    public func stream(_ query: PostgresQuery, _ body: (Row) throws -> Void) throws {
        let sent = withParameters(query) { count, types, values in
            PQsendQueryParams(handle, query.sql, count, types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw connectionError(sql: query.sql) }
        guard PQsetSingleRowMode(handle) == 1 else {
            drain()
            throw PostgresError(kind: .client, message: "libpq refused single-row mode", sql: query.sql)
        }
        var failure: Error?
        while let pointer = PQgetResult(handle) {
            if failure != nil {
                PQclear(pointer)
                continue
            }
            let result: ResultHandle
            do {
                result = try check(pointer, sql: query.sql)
            } catch {
                failure = error
                continue
            }
            guard ResultStatus(PQresultStatus(result.pointer)) == .singleTuple else { continue }
            do {
                try body(Row(result: result, index: 0))
            } catch {
                // Stop the server from sending the rest; what is already on the way is dropped.
                failure = error
                cancelToken().cancel()
            }
        }
        if let failure { throw failure }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Inside a transaction already, it runs in a savepoint instead.
    @discardableResult
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        if transactionStatus != .idle { return try savepoint(body) }
        try execute("begin")
        let value: T
        do {
            value = try body(self)
        } catch {
            _ = try? execute("rollback")
            throw error
        }
        if transactionStatus == .failed {
            _ = try? execute("rollback")
            throw PostgresError(
                kind: .client, message: "the transaction failed on an earlier statement and was rolled back")
        }
        try execute("commit")
        return value
    }

    private var savepointCounter = 0

    /// Runs `body` inside a savepoint of the current transaction: released when it returns,
    /// rolled back to when it throws (the transaction goes on).
    @discardableResult
    public func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        savepointCounter += 1
        let name = "periksa_sp_\(savepointCounter)"
        try execute(unsafeSQL: "savepoint \(name)")
        do {
            let value = try body(self)
            try execute(unsafeSQL: "release savepoint \(name)")
            return value
        } catch {
            _ = try? execute(unsafeSQL: "rollback to savepoint \(name)")
            throw error
        }
    }

    /// Sets the longest a statement may run on this connection before the server cancels it
    /// (SQLSTATE 57014); nil removes the limit.
    public func setStatementTimeout(milliseconds: Int?) throws {
        try execute("select set_config('statement_timeout', \(String(milliseconds ?? 0)), false)")
    }

    /// A token that cancels the statement running on this connection, from any thread.
    public func cancelToken() -> CancelToken { CancelToken(PQgetCancel(handle)) }

    // MARK: - The one place results become values or errors

    func run(_ query: PostgresQuery) throws -> ResultHandle {
        let pointer = withParameters(query) { count, types, values in
            PQexecParams(handle, query.sql, count, types, values, nil, nil, 0)
        }
        return try check(pointer, sql: query.sql)
    }

    /// Turns a `PGresult` into a result handle, or into a thrown `PostgresError` (clearing it).
    func check(_ pointer: OpaquePointer?, sql: String?) throws -> ResultHandle {
        guard let pointer else { throw connectionError(sql: sql) }
        let result = ResultHandle(pointer)
        switch ResultStatus(PQresultStatus(pointer)) {
        case .commandOK, .tuplesOK, .singleTuple, .copyIn, .copyOut, .emptyQuery:
            return result
        case .failed:
            var error = Self.serverError(pointer, sql: sql)
            // No SQLSTATE and a broken connection: the server went away mid-statement.
            if error.sqlState == nil, PQstatus(handle) != CONNECTION_OK { error.sqlState = .connectionFailure }
            throw error
        }
    }

    static func serverError(_ pointer: OpaquePointer, sql: String?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(pointer, code).map { String(cString: $0) }
        }
        let message =
            field(CPostgres_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQresultErrorMessage(pointer)).trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresError(
            kind: field(CPostgres_DIAG_SQLSTATE) == nil ? .connection : .server,
            message: message,
            sqlState: field(CPostgres_DIAG_SQLSTATE).map(SQLState.init(rawValue:)),
            severity: field(CPostgres_DIAG_SEVERITY),
            detail: field(CPostgres_DIAG_MESSAGE_DETAIL),
            hint: field(CPostgres_DIAG_MESSAGE_HINT),
            position: field(CPostgres_DIAG_STATEMENT_POSITION).flatMap { Int($0) },
            context: field(CPostgres_DIAG_CONTEXT),
            schema: field(CPostgres_DIAG_SCHEMA_NAME),
            table: field(CPostgres_DIAG_TABLE_NAME),
            column: field(CPostgres_DIAG_COLUMN_NAME),
            constraint: field(CPostgres_DIAG_CONSTRAINT_NAME),
            sql: sql)
    }

    func connectionError(sql: String?) -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        let lost = PQstatus(handle) != CONNECTION_OK
        return PostgresError(
            kind: lost ? .connection : .client,
            message: message.isEmpty ? "the connection to the server was lost" : message,
            sqlState: lost ? .connectionFailure : nil,
            sql: sql)
    }

    /// Reads and clears whatever results are left of the current statement.
    func drain() {
        while let pointer = PQgetResult(handle) { PQclear(pointer) }
    }

    private func withParameters<R>(
        _ query: PostgresQuery,
        _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        let values: [UnsafeMutablePointer<CChar>?] = query.binds.map { $0.map { strdup($0) } }
        defer { values.forEach { free($0) } }
        let constValues = values.map { UnsafePointer($0) }
        let types = query.types.map(\.rawValue)
        return types.withUnsafeBufferPointer { typeBuffer in
            constValues.withUnsafeBufferPointer { valueBuffer in
                body(Int32(query.binds.count), typeBuffer.baseAddress, valueBuffer.baseAddress)
            }
        }
    }
}

@available(*, unavailable)
extension Connection: Sendable {}

/// libpq's result statuses, mapped once.
enum ResultStatus {
    case commandOK, tuplesOK, singleTuple, copyIn, copyOut, emptyQuery, failed

    init(_ status: ExecStatusType) {
        switch status {
        case PGRES_COMMAND_OK: self = .commandOK
        case PGRES_TUPLES_OK: self = .tuplesOK
        case PGRES_SINGLE_TUPLE: self = .singleTuple
        case PGRES_COPY_IN: self = .copyIn
        case PGRES_COPY_OUT: self = .copyOut
        case PGRES_EMPTY_QUERY: self = .emptyQuery
        default: self = .failed
        }
    }
}

/// Cancels the statement running on a connection; safe to call from any thread or a
/// signal-handling queue, any number of times.
public final class CancelToken: @unchecked Sendable {
    private let pointer: OpaquePointer?

    init(_ pointer: OpaquePointer?) { self.pointer = pointer }

    deinit { if let pointer { PQfreeCancel(pointer) } }

    /// Asks the server to cancel the running statement; returns false if the request could
    /// not be sent. A statement that is cancelled fails with SQLSTATE 57014.
    @discardableResult
    public func cancel() -> Bool {
        guard let pointer else { return false }
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(pointer, &buffer, Int32(buffer.count)) == 1
    }
}

/// Passes server notices to the connection's logger.
final class NoticeSink {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

private func noticeReceiver(_ context: UnsafeMutableRawPointer?, _ result: OpaquePointer?) {
    guard let context, let result else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
    let severity = PQresultErrorField(result, CPostgres_DIAG_SEVERITY).map { String(cString: $0) } ?? "NOTICE"
    let message = PQresultErrorField(result, CPostgres_DIAG_MESSAGE_PRIMARY).map { String(cString: $0) } ?? ""
    let level: Logger.Level = severity == "WARNING" ? .warning : severity == "NOTICE" ? .notice : .debug
    sink.logger.log(level: level, "\(severity): \(message)")
}
