import Compliance
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Postgres

/// How `periksa serve` runs (docs/web.md).
public struct WebConfiguration: Sendable {
    /// libpq connection string of the web app's own login (a member of periksa_web).
    public var conninfo: String
    public var host: String
    public var port: Int
    /// Cookies marked `Secure`: served over TLS, or behind a proxy that terminates it.
    public var secureCookies: Bool
    /// A session ends this long after login at the latest…
    public var sessionLifetime: TimeInterval
    /// …and after this long without a request.
    public var idleTimeout: TimeInterval
    /// The cases' settings: the fine rate, the branches' letterheads (`--config`).
    public var settings: Configuration = Configuration()

    public init(
        conninfo: String, host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 8 * 3600, idleTimeout: TimeInterval = 30 * 60
    ) {
        (self.conninfo, self.host, self.port, self.secureCookies) = (conninfo, host, port, secureCookies)
        (self.sessionLifetime, self.idleTimeout) = (sessionLifetime, idleTimeout)
    }
}

/// The web app: its routes behind the security headers and the session.
public enum WebApp {
    static let sessionCookie = "periksa_session"
    static let loginCSRFCookie = "periksa_login_csrf"

    /// The application `periksa serve` runs.
    public static func application(_ configuration: WebConfiguration, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(configuration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            logger: logger)
    }

    /// The routes (fixed: scripts depend on them).
    public static func router(_ configuration: WebConfiguration) -> Router<WebContext> {
        let pool = ConnectionPool(conninfo: configuration.conninfo)
        let routes = Routes(configuration: configuration, pool: pool)
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: SessionLoader(pool: pool, idleTimeout: configuration.idleTimeout))
        router.get("/healthz") { _, _ in try await routes.health() }
        // No icon: an empty answer rather than a 404 in every browser's console.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/login") { request, context in routes.loginPage(request, context) }
        router.post("/login") { request, context in try await routes.login(request, context) }
        router.post("/logout") { request, context in try await routes.logout(request, context) }
        router.get("/") { request, context in try await routes.dashboard(request, context) }
        router.get("/audit-list") { request, context in try await routes.auditList(request, context) }
        router.get("/employers/:npp") { request, context in try await routes.dossier(request, context) }
        router.get("/cases") { request, context in try await routes.caseList(request, context) }
        router.post("/cases") { request, context in try await routes.openCase(request, context) }
        router.get("/cases/:id") { request, context in try await routes.showCase(request, context) }
        router.post("/cases/:id/events") { request, context in try await routes.recordEvent(request, context) }
        router.get("/cases/:id/letters/:kind") { request, context in try await routes.letter(request, context) }
        router.get("/reports/compliance") { request, context in try await routes.complianceReport(request, context) }
        router.get("/reports/cases") { request, context in try await routes.casesReport(request, context) }
        router.get("/coverage") { request, context in try await routes.coverage(request, context) }
        router.get("/outreach") { request, context in try await routes.outreach(request, context) }
        return router
    }
}

/// The headers every answer carries: no framing, no sniffing, no referrer to other sites, and
/// a content policy that allows nothing from elsewhere (and no script at all).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext

    static let policy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch is LoginFirst {
            response = .redirect(to: "/login")
        } catch let error as HTTPError {
            response = Page.error(status: error.status, message: error.body ?? "", language: Page.language(request))
        } catch let error as Localized {
            // What Periksa refuses says why, with a status for its kind (no personal data in it).
            let language = Page.language(request)
            response = Page.error(status: Self.status(of: error), message: error.message(language), language: language)
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege && request.method == .post {
            // The database refused the change (row-level security: not this user's to change).
            // A refused read is a missing grant, not the user's doing: it is a 500 below.
            context.logger.notice("the database refused a change (42501) on POST \(request.uri.path)")
            let language = Page.language(request)
            response = Page.error(
                status: .forbidden,
                message: language.text(
                    "Perubahan ini tidak diizinkan untuk peran Anda.", "Your role may not make this change."),
                language: language)
        } catch let error as PostgresError {
            // Only the kind and SQLSTATE are logged: a server message may quote values.
            context.logger.error(
                "database error \(error.kind) \(error.sqlState?.rawValue ?? "-") on \(request.method) \(request.uri.path)"
            )
            let language = Page.language(request)
            response = error.kind == .connection ? Page.databaseDown(language) : Page.failure(language)
        } catch {
            // Anything else: a page, the headers, and no detail that could carry data.
            context.logger.error("unexpected \(type(of: error)) on \(request.method) \(request.uri.path)")
            response = Page.failure(Page.language(request))
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// Puts the browser's session, when valid, into the request's context. A database that does
/// not answer gives 503 with a message, and the next request tries again.
struct SessionLoader: RouterMiddleware {
    typealias Context = WebContext
    let pool: ConnectionPool
    let idleTimeout: TimeInterval

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let token = request.cookies[WebApp.sessionCookie]?.value, !token.isEmpty, token.count <= 100 {
            let idle = idleTimeout
            do {
                context.session = try await pool.with { try WebSessions(connection: $0).find(token: token, idle: idle) }
                context.sessionToken = context.session == nil ? nil : token
            } catch let error as PostgresError where error.kind == .connection {
                // Any other database error reaches SecurityHeaders, which answers 500.
                context.logger.error("the database did not answer: \(error.kind)")
                return Page.databaseDown(Page.language(request))
            }
        }
        return try await next(request, context)
    }
}

extension SecurityHeaders {
    /// The status of a refusal: an employer, case or run that does not exist for the user 404;
    /// a step its state does not allow 409; anything else the user can mend 400.
    static func status(of error: Localized) -> HTTPResponse.Status {
        switch error {
        case let error as CaseError:
            switch error {
            case .caseNotFound, .unknownEmployer: .notFound
            case .refused, .openCaseExists, .letterNotReached: .conflict
            case .noFinding, .noRunWithFinding, .badOption: .badRequest
            }
        case let error as AuditError:
            switch error {
            case .noRun, .runNotFound, .unknownEmployer: .notFound
            default: .badRequest
            }
        default: .badRequest
        }
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`, which HTTPTypes does not name.
    public static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
