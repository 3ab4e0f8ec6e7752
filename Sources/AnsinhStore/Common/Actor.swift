import AnsinhCore
import Foundation

/// Who is acting: a signed-in user, an API token's user, or the system itself (CLI, demo
/// loader, scheduled jobs). Every repository method takes one and checks it.
public struct Actor: Sendable, Equatable {
    public let userID: UUID?
    public let username: String
    public let role: Role
    public let unitID: UUID?
    /// The unit path of the actor's unit; the actor sees that unit and everything below it.
    public let scopePath: String
    public let locale: AppLocale

    public init(userID: UUID?, username: String, role: Role, unitID: UUID?, scopePath: String, locale: AppLocale) {
        self.userID = userID; self.username = username; self.role = role
        self.unitID = unitID; self.scopePath = scopePath; self.locale = locale
    }

    /// The system itself, with the whole tree in scope.
    public static let system = Actor(
        userID: nil, username: "system", role: .systemAdmin,
        unitID: nil, scopePath: "/", locale: .vi)

    /// Whether the actor's scope is the whole country (the root unit, or the system itself):
    /// national settings are changed only from there.
    public var isNational: Bool { scopePath == "/" || scopePath.split(separator: "/").count == 1 }

    /// Whether a record under `path` lies inside this actor's units.
    public func covers(path: String) -> Bool { path.hasPrefix(scopePath) }

    public func require(_ permission: Permission) throws {
        guard role.can(permission) else { throw AppError.forbidden }
    }
}
