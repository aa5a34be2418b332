import Crypto
import Foundation
import Postgres

/// A logged-in browser: whose it is, its CSRF token, when it ends.
public struct WebSession: Sendable, Equatable {
    public var user: WebUser
    /// Every form of the session carries it in the hidden field `csrf_token`.
    public var csrfToken: String
    public var expiresAt: Date
}

/// The web app's sessions and the lockout of names after failed logins (docs/web.md). The
/// browser holds a random token; the database keeps only its SHA-256.
public struct WebSessions {
    public let connection: Connection

    /// Failed logins of one name within `lockoutWindow` that lock it for that long.
    public static let lockoutFailures = 10
    public static let lockoutWindow: TimeInterval = 15 * 60

    public init(connection: Connection) { self.connection = connection }

    /// 32 random bytes as URL-safe base64: a session token or a CSRF token.
    public static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ token: String) -> String { Checksum.sha256(token) }

    /// Whether `name` failed to log in `lockoutFailures` times within the window.
    public func isLocked(_ name: String) throws -> Bool {
        try connection.queryFirst(
            """
            select count(*) >= \(Self.lockoutFailures) from periksa.login_failures
            where name = \(name) and failed_at > now() - make_interval(secs => \(Self.lockoutWindow))
            """)!.decode(Bool.self, at: 0)
    }

    /// Records a failed login of `name` (names that do not exist too: the lockout must not tell).
    public func recordFailure(_ name: String) throws {
        try connection.execute(
            """
            with old as (
                delete from periksa.login_failures
                where failed_at < now() - make_interval(secs => \(Self.lockoutWindow * 4))
            )
            insert into periksa.login_failures (name) values (\(name))
            """)
    }

    /// Opens a session for `user` that ends after `lifetime` at the latest; its token.
    public func open(for user: WebUser, lifetime: TimeInterval) throws -> String {
        let token = Self.randomToken()
        try connection.execute(
            """
            insert into periksa.web_sessions (token_sha256, name, csrf_token, expires_at)
            values (\(Self.sha256(token)), \(user.name), \(Self.randomToken()),
                    now() + make_interval(secs => \(lifetime)))
            """)
        return token
    }

    /// The session of `token` when it has not expired, been idle longer than `idle`, or
    /// belonged to a user since disabled; marks it seen. An ended session is deleted.
    public func find(token: String, idle: TimeInterval) throws -> WebSession? {
        let hash = Self.sha256(token)
        let row = try connection.queryFirst(
            """
            update periksa.web_sessions s set last_seen_at = now()
            from periksa.web_users u
            where s.token_sha256 = \(hash) and u.name = s.name and u.disabled_at is null
              and s.expires_at > now() and s.last_seen_at > now() - make_interval(secs => \(idle))
            returning s.name, s.csrf_token, s.expires_at
            """)
        guard let row else {
            try connection.execute("delete from periksa.web_sessions where token_sha256 = \(hash)")
            return nil
        }
        let (name, csrf, expires) = try row.decode((String, String, Date).self)
        guard let user = try WebUsers(connection: connection, actor: name).user(name) else { return nil }
        return WebSession(user: user, csrfToken: csrf, expiresAt: expires)
    }

    /// Ends the session of `token` (logout).
    public func close(token: String) throws {
        try connection.execute("delete from periksa.web_sessions where token_sha256 = \(Self.sha256(token))")
    }
}
