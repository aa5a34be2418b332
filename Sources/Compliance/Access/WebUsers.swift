import Foundation
import HummingbirdBcrypt
import Postgres

/// A user of the web app (docs/web.md): a name, a role, the branches it works for.
public struct WebUser: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// The employers and cases of its branches, read and changed.
        case inspector
        /// Its branches read (every branch when granted all).
        case manager
        /// The analytics pages, personal data masked.
        case analyst
        /// Manages users; reads everything.
        case admin
    }

    public var name: String
    public var role: Role
    /// Sorted.
    public var branches: [String]
    /// A manager who reads every branch.
    public var allBranches: Bool
    public var createdAt: Date
    public var disabledAt: Date?

    public var isDisabled: Bool { disabledAt != nil }
}

/// Why a user was not added or changed: the field and what is allowed.
public enum WebUserError: Localized, CustomStringConvertible, Sendable, Equatable {
    case badName(String)
    case passwordLength(bytes: Int)
    case weakPassword
    case badBranch(String)
    case inspectorNeedsBranch
    case allBranchesOnlyForManager
    case managerNeedsBranches
    case branchesAndAll
    case noBranches(WebUser.Role)
    case exists(String)
    case noUser(String)
    case disabledAlready(String)

    public var description: String { message(.english) }

    public func message(_ language: Language) -> String {
        let range = "\(WebUsers.passwordBytes.lowerBound)–\(WebUsers.passwordBytes.upperBound)"
        return switch self {
        case .badName(let name):
            language.text(
                "nama pengguna \(name.debugDescription): 2–40 huruf kecil, angka, . _ atau -, diawali huruf",
                "user name \(name.debugDescription): 2–40 lower-case letters, digits, . _ or -, starting with a letter")
        case .passwordLength(let bytes):
            language.text(
                "kata sandi: \(range) byte, bukan \(bytes)", "password: \(range) bytes, not \(bytes)")
        case .weakPassword:
            language.text(
                "kata sandi: terlalu mudah ditebak (satu karakter berulang, atau nama pengguna)",
                "password: too easy to guess (one character repeated, or the user name)")
        case .badBranch(let branch):
            language.text(
                "--branch \(branch.debugDescription): kode kantor cabang 1–40 karakter",
                "--branch \(branch.debugDescription): a branch code is 1–40 characters")
        case .inspectorNeedsBranch:
            language.text(
                "pengawas bekerja untuk kantor cabangnya: tambahkan --branch KODE",
                "an inspector works for its branches: add --branch CODE")
        case .allBranchesOnlyForManager:
            language.text("--all-branches hanya untuk manajer", "--all-branches is for a manager")
        case .managerNeedsBranches:
            language.text(
                "manajer membaca kantor cabangnya: tambahkan --branch KODE, atau --all-branches",
                "a manager reads its branches: add --branch CODE, or --all-branches")
        case .branchesAndAll:
            language.text(
                "--branch dan --all-branches bersamaan: pilih salah satu",
                "--branch and --all-branches together: choose one")
        case .noBranches(let role):
            language.text(
                "peran \(role.rawValue) tidak punya kantor cabang: hapus --branch",
                "an \(role.rawValue) has no branches: drop --branch")
        case .exists(let name):
            language.text("pengguna \(name) sudah ada", "user \(name) exists already")
        case .noUser(let name):
            language.text("tidak ada pengguna \(name)", "no user \(name)")
        case .disabledAlready(let name):
            language.text("pengguna \(name) sudah dinonaktifkan", "user \(name) is disabled already")
        }
    }
}

/// The web app's users: added, listed, disabled, their passwords changed and checked. A
/// password is kept only as its bcrypt hash; every change is written to the access log.
public struct WebUsers {
    public let connection: Connection
    /// Who makes the changes, for the access log (`cli:periksa` for the command line's login).
    public let actor: String

    /// bcrypt's cost: 2^12 rounds, about a quarter of a second here.
    public static let cost: UInt8 = 12
    /// bcrypt reads at most 72 bytes: a longer password is refused rather than cut short.
    public static let passwordBytes = 10...72

    public init(connection: Connection, actor: String) {
        (self.connection, self.actor) = (connection, actor)
    }

    /// `budi.s`: lower-case letters, digits, `.`, `_` or `-`, starting with a letter, 2–40 long.
    public static func checkName(_ name: String) throws {
        guard name.range(of: #"^[a-z][a-z0-9._-]{1,39}$"#, options: .regularExpression) != nil else {
            throw WebUserError.badName(name)
        }
    }

    /// 10 to 72 bytes (UTF-8), not all the same character, not the name itself.
    public static func checkPassword(_ password: String, name: String) throws {
        let bytes = password.utf8.count
        guard passwordBytes.contains(bytes) else {
            throw WebUserError.passwordLength(bytes: bytes)
        }
        guard Set(password).count > 1, password.lowercased() != name.lowercased() else {
            throw WebUserError.weakPassword
        }
    }

    /// The branches a role takes: an inspector at least one, a manager some or all, the others none.
    static func checkBranches(role: WebUser.Role, branches: [String], allBranches: Bool) throws {
        for branch in branches where !(1...40).contains(branch.count) {
            throw WebUserError.badBranch(branch)
        }
        switch role {
        case .inspector where branches.isEmpty:
            throw WebUserError.inspectorNeedsBranch
        case .inspector where allBranches, .analyst where allBranches, .admin where allBranches:
            throw WebUserError.allBranchesOnlyForManager
        case .manager where branches.isEmpty && !allBranches:
            throw WebUserError.managerNeedsBranches
        case .manager where !branches.isEmpty && allBranches:
            throw WebUserError.branchesAndAll
        case .analyst where !branches.isEmpty, .admin where !branches.isEmpty:
            throw WebUserError.noBranches(role)
        default: break
        }
    }

    /// Adds a user; refused when the name is taken.
    public func add(
        name: String, role: WebUser.Role, branches: [String], allBranches: Bool = false, password: String
    ) throws {
        try Self.checkName(name)
        try Self.checkBranches(role: role, branches: branches, allBranches: allBranches)
        try Self.checkPassword(password, name: name)
        let hash = Bcrypt.hash(password, cost: Self.cost)
        let branchCodes = Set(branches).sorted()
        try connection.transaction { connection in
            guard try connection.queryFirst("select 1 from periksa.web_users where name = \(name)") == nil else {
                throw WebUserError.exists(name)
            }
            try connection.execute(
                """
                insert into periksa.web_users (name, role, password_hash, all_branches)
                values (\(name), \(role.rawValue), \(hash), \(allBranches))
                """)
            for branch in branchCodes {
                try connection.execute(
                    "insert into periksa.web_user_branches (name, branch_code) values (\(name), \(branch))")
            }
            let scope =
                allBranches ? "all branches" : branchCodes.joined(separator: ",")
            try log("user.add", object: name, detail: "\(role.rawValue) \(scope)".trimmingCharacters(in: .whitespaces))
        }
    }

    /// Every user, by name.
    public func list() throws -> [WebUser] { try users(named: nil) }

    /// One user, or nil (two indexed reads: every request of the web app asks).
    public func user(_ name: String) throws -> WebUser? { try users(named: name).first }

    /// The users, all or the one named, by name.
    private func users(named name: String?) throws -> [WebUser] {
        var branches: [String: [String]] = [:]
        for row in try connection.query(
            """
            select name, branch_code from periksa.web_user_branches
            where \(name)::text is null or name = \(name)::text order by name, branch_code
            """)
        {
            let (user, branch) = try row.decode((String, String).self)
            branches[user, default: []].append(branch)
        }
        return try connection.query(
            """
            select name, role, all_branches, created_at, disabled_at from periksa.web_users
            where \(name)::text is null or name = \(name)::text order by name
            """
        ).map { row in
            let (user, role, all, created, disabled) = try row.decode((String, String, Bool, Date, Date?).self)
            return WebUser(
                name: user, role: WebUser.Role(rawValue: role) ?? .analyst, branches: branches[user] ?? [],
                allBranches: all, createdAt: created, disabledAt: disabled)
        }
    }

    /// Disables a user: it can no longer log in (its sessions end with it).
    public func disable(_ name: String) throws {
        try connection.transaction { connection in
            let changed = try connection.queryFirst(
                """
                update periksa.web_users set disabled_at = now()
                where name = \(name) and disabled_at is null returning 1
                """)
            guard changed != nil else {
                throw try connection.queryFirst("select 1 from periksa.web_users where name = \(name)") == nil
                    ? WebUserError.noUser(name) : WebUserError.disabledAlready(name)
            }
            try connection.execute("delete from periksa.web_sessions where name = \(name)")
            try log("user.disable", object: name)
        }
    }

    /// Sets a user's password (and lifts a lockout of the name).
    public func setPassword(_ name: String, to password: String) throws {
        try Self.checkPassword(password, name: name)
        let hash = Bcrypt.hash(password, cost: Self.cost)
        try connection.transaction { connection in
            guard
                try connection.queryFirst(
                    """
                    update periksa.web_users set password_hash = \(hash), password_changed_at = now()
                    where name = \(name) returning 1
                    """) != nil
            else { throw WebUserError.noUser(name) }
            try connection.execute("delete from periksa.login_failures where name = \(name)")
            try connection.execute("delete from periksa.web_sessions where name = \(name)")
            try log("user.password", object: name)
        }
    }

    /// Whether `password` is the enabled user `name`'s: the user, or nil. A name that does not
    /// exist costs the same bcrypt work, so the time does not tell which names exist.
    public func verify(name: String, password: String) throws -> WebUser? {
        let stored = try connection.queryFirst(
            "select password_hash from periksa.web_users where name = \(name) and disabled_at is null")
        guard let hash = try stored?.decode(String.self, at: 0) else {
            _ = Self.wasteVerification(password)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? try user(name) : nil
    }

    /// The bcrypt work of checking a password, for a name that does not exist.
    public static func wasteVerification(_ password: String) -> Bool { Bcrypt.verify(password, hash: decoy) }

    /// A hash of no one's password, verified against when the name is unknown.
    static let decoy = Bcrypt.hash("no user has this password", cost: cost)

    /// Appends to the access log.
    func log(_ action: String, object: String?, detail: String? = nil) throws {
        try AccessLog(connection: connection).append(actor: actor, action: action, object: object, detail: detail)
    }
}
