import AnsinhCore
import FluentKit
import Foundation

/// The working days the office gives one kind of request, when it changed the file's.
public final class RequestDeadlineModel: Model, @unchecked Sendable {
    public static let schema = "request_deadlines"
    @ID(custom: "kind", generatedBy: .user) public var id: String?
    @Field(key: "working_days") public var workingDays: Int
    @Field(key: "changed_by") public var changedBy: String
    @Field(key: "changed_at") public var changedAt: Date
    public init() {}
}

/// One kind's deadline as the settings page shows it.
public struct RequestDeadlineView: Sendable, Equatable {
    public let kind: RequestKind
    /// The file's days (`Resources/Rules/request-deadlines.json`).
    public let fileDays: Int
    /// The days in force: the setting's, or the file's.
    public let days: Int
    public let maxDays: Int
    public let legal: Bool
    public let changedBy: String?
}

/// The deadlines of residents' requests as settings: a national administrator changes the days
/// of a kind (1 to 60; for a kind whose days the law sets, at most the law's), or returns it to
/// the file's. New requests take the days in force when received; requests already received
/// keep their day.
public struct RequestDeadlineRepository: Sendable {
    let store: Store
    let rules: RequestRules
    public init(_ store: Store, rules: RequestRules = .shared) { self.store = store; self.rules = rules }

    /// The days set in the application, by kind.
    static func overrides(on db: any Database) async throws -> [RequestKind: Int] {
        Dictionary(
            try await RequestDeadlineModel.query(on: db).all().compactMap { m in m.id.flatMap(RequestKind.init(rawValue:)).map { ($0, m.workingDays) } },
            uniquingKeysWith: { a, _ in a })
    }

    public func list(_ actor: Actor) async throws -> [RequestDeadlineView] {
        try actor.require(.handleRequests)
        let saved = Dictionary(try await RequestDeadlineModel.query(on: store.db).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return RequestKind.allCases.map { k in
            let file = rules.workingDays[k] ?? 10
            return RequestDeadlineView(
                kind: k, fileDays: file, days: saved[k.rawValue]?.workingDays ?? file, maxDays: rules.maxDays(k), legal: rules.legal.contains(k),
                changedBy: saved[k.rawValue]?.changedBy)
        }
    }

    /// Sets the days of `kind` (nil: back to the file's); audited.
    public func set(_ actor: Actor, kind raw: String, days: Int?) async throws {
        guard actor.role == .systemAdmin, actor.isNational else { throw AppError.forbidden }
        guard let kind = RequestKind(rawValue: raw) else { throw AppError.invalid("kind", "validation.choice") }
        if let days, !(1...rules.maxDays(kind)).contains(days) {
            throw AppError.invalid(
                "working_days", rules.legal.contains(kind) ? "request.error.legal_days" : "validation.range", ["min": "1", "max": "\(rules.maxDays(kind))"])
        }
        let now = store.now()
        try await store.write(actor) { tx, audit in
            let existing = try await RequestDeadlineModel.find(kind.rawValue, on: tx)
            let before = existing?.workingDays ?? rules.workingDays[kind] ?? 10
            if let days {
                let m = existing ?? RequestDeadlineModel()
                m.id = kind.rawValue; m.workingDays = days; m.changedBy = actor.username; m.changedAt = now
                if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            } else if let existing {
                try await existing.delete(on: tx)
            }
            audit.add(
                AuditRecord(
                    action: "update", entity: "request_deadline", entityID: kind.rawValue, unitID: nil, unitPath: "/", before: ["working_days": before],
                    after: ["working_days": days ?? rules.workingDays[kind] ?? 10]))
        }
    }
}
