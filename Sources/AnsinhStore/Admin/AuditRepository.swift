import AnsinhCore
import FluentKit
import Foundation

/// An audit entry as the audit page and the API show it.
public struct AuditEntryView: Sendable, Codable, Equatable {
    public let seq: Int
    public let at: Date
    public let actorName: String
    public let action: String
    public let entity: String
    public let entityID: String
    public let before: String?
    public let after: String?
    public let hash: String
}

/// Reads the audit trail within the actor's scope.
public struct AuditRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func list(
        _ actor: Actor, entity: String? = nil, entityID: String? = nil, actorName: String? = nil,
        page: PageSpec
    ) async throws -> ResultPage<AuditEntryView> {
        try actor.require(.viewAudit)
        let q = AuditEntryModel.query(on: store.db)
        q.within(\.$unitPath, actor.scopePath)
        if let entity, !entity.isEmpty { q.filter(\.$entity == entity) }
        if let entityID, !entityID.isEmpty { q.filter(\.$entityID == entityID) }
        if let actorName, !actorName.isEmpty { q.filter(\.$actorName == actorName) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$id, .descending).offset(page.offset).limit(page.perPage).all()
        return ResultPage(
            items: rows.map {
                AuditEntryView(
                    seq: $0.id!, at: Date(timeIntervalSince1970: Double($0.atMillis) / 1000),
                    actorName: $0.actorName, action: $0.action, entity: $0.entity, entityID: $0.entityID,
                    before: $0.beforeJSON, after: $0.afterJSON, hash: $0.hash)
            }, request: page, total: total)
    }

    public func verify() async throws -> AuditChain.Verification {
        try await AuditChain.verify(on: store.db)
    }
}
