import AnsinhCore
import FluentKit
import Foundation

/// One relationship seen from a person: "B is the guardian of A" appears on A's page as
/// "guardian: B" and on B's page as "guardian of: A".
public struct RelationshipView: Sendable {
    public let id: UUID
    public let kind: RelationshipKind
    /// True when the other person is the parent / guardian / carer of this one.
    public let otherIsThe: Bool
    public let other: PersonView
    public let since: LocalDate
    public let until: LocalDate?
}

extension RegistryRepository {
    public func relationships(_ actor: Actor, personID: UUID) async throws -> [RelationshipView] {
        try requireRegistry(actor, write: false)
        _ = try await store.scoped(PersonModel.self, personID, actor, on: store.db)
        let rows = try await RelationshipModel.query(on: store.db).group(.or) { $0.filter(\.$personID == personID).filter(\.$relatedPersonID == personID) }
            .sort(\.$startDate).all()
        let others = try await PersonModel.query(on: store.db).filter(\.$id ~~ rows.map { $0.personID == personID ? $0.relatedPersonID : $0.personID }).all()
        let byID = Dictionary(others.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.compactMap { r in
            let otherID = r.personID == personID ? r.relatedPersonID : r.personID
            // A related person outside the actor's units is not shown.
            guard let o = byID[otherID], actor.covers(path: o.unitPath), let kind = RelationshipKind(rawValue: r.kind),
                let since = LocalDate(iso: r.startDate)
            else { return nil }
            return RelationshipView(
                id: r.id!, kind: kind, otherIsThe: r.personID == personID, other: PersonView(o, showSensitive: false),
                since: since, until: r.endDate.flatMap(LocalDate.init(iso:)))
        }
    }

    /// Records that `relatedID` (found by id or national ID) is the parent, guardian or carer
    /// of `personID` from `since`.
    public func addRelationship(_ actor: Actor, personID: UUID, related: String, kind: String, since: LocalDate) async throws {
        try requireRegistry(actor, write: true)
        guard let k = RelationshipKind(rawValue: kind) else { throw AppError.invalid("kind", "validation.choice") }
        let key = related.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw AppError.invalid("related", "validation.required") }
        try await store.write(actor) { tx, audit in
            let p = try await store.scoped(PersonModel.self, personID, actor, on: tx)
            let other: PersonModel?
            if let id = UUID(uuidString: key) {
                other = try await PersonModel.find(id, on: tx)
            } else {
                other = try await PersonModel.query(on: tx).filter(\.$nationalID == NationalID.normalise(key)).first()
            }
            guard let o = other, actor.covers(path: o.unitPath), o.mergedInto == nil else {
                throw AppError.invalid("related", "registry.relationship.not_found")
            }
            guard o.id != personID else { throw AppError.invalid("related", "registry.relationship.self") }
            if try await RelationshipModel.query(on: tx).filter(\.$personID == personID).filter(\.$relatedPersonID == o.id!)
                .filter(\.$kind == k.rawValue).filter(\.$endDate == nil).count() > 0
            {
                throw AppError.invalid("related", "registry.relationship.exists")
            }
            let r = RelationshipModel()
            r.id = UUID(); r.personID = personID; r.relatedPersonID = o.id!; r.kind = k.rawValue; r.startDate = since.iso
            try await r.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "relate", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath,
                    before: NoValue?.none, after: ["kind": k.rawValue, "related": o.id!.uuidString, "name": o.fullName, "since": since.iso]))
        }
    }

    public func endRelationship(_ actor: Actor, id: UUID, on day: LocalDate) async throws {
        try requireRegistry(actor, write: true)
        try await store.write(actor) { tx, audit in
            guard let r = try await RelationshipModel.find(id, on: tx), let p = try await store.reachable(PersonModel.self, r.personID, actor, on: tx) else {
                throw AppError.notFound
            }
            guard r.endDate == nil else { throw AppError.conflict(Message("review.error.already_resolved")) }
            guard day.iso >= r.startDate else { throw AppError.invalid("date", "validation.end_before_start") }
            r.endDate = day.iso
            try await r.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "unrelate", entity: "person", entityID: r.personID.uuidString, unitID: nil, unitPath: p.unitPath,
                    before: NoValue?.none, after: ["kind": r.kind, "related": r.relatedPersonID.uuidString, "until": day.iso]))
        }
    }
}
