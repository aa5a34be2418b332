import Compliance
import Hummingbird

/// What a request carries through the web app: the session, when the browser has a valid one.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in session (nil: anonymous).
    public var session: WebSession?
    /// The browser's session token, for logout.
    public var sessionToken: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// A page's body may not be larger than this (forms only).
    public var maxUploadSize: Int { 64 * 1024 }
}
