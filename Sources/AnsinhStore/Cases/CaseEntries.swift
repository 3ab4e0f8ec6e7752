import AnsinhCore
import FluentKit
import Foundation

/// One entry of a case's timeline as read.
public struct CaseEntryView: Sendable, Equatable {
    public let kind: CaseEntryKind
    public let on: LocalDate
    public let text: String
    public let givenBy: String
    public let recordedBy: String
}

extension CaseRepository {
    /// Records a note or a service given on a case that is not closed (an action within the
    /// case's step: the step stays). Dated no later than today, with who gave it.
    public func addEntry(_ actor: Actor, caseID: UUID, kind: String, on: String, text: String, givenBy: String) async throws {
        try actor.require(.manageCases)
        var errors: [FieldError] = []
        let k = CaseEntryKind(rawValue: kind).flatMap { CaseEntryKind.recorded.contains($0) ? $0 : nil }
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let day = LocalDate(iso: on.trimmingCharacters(in: .whitespaces))
        if day == nil { errors.append(FieldError(field: "on", message: Message("validation.date"))) }
        if let day, day > store.today { errors.append(FieldError(field: "on", message: Message("review.error.future_date"))) }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors.append(FieldError(field: "text", message: Message("validation.required"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let by = givenBy.trimmingCharacters(in: .whitespacesAndNewlines)
        try await store.write(actor) { tx, audit in
            try await Store.lock(CaseModel.self, caseID, on: tx)
            let c = try await store.scoped(CaseModel.self, caseID, actor, on: tx)
            guard c.lifecycleState != .closed else { throw AppError.notAllowed(Message("case.error.closed")) }
            let e = CaseEntryModel()
            e.caseID = caseID; e.unitPath = c.unitPath; e.kind = k!.rawValue; e.onDate = day!.iso; e.text = body
            e.givenBy = by.isEmpty ? actor.username : by; e.recordedBy = actor.username
            try await e.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "case_entry", entity: CaseLifecycle.entity, entityID: caseID.uuidString, unitID: c.unitID, unitPath: c.unitPath,
                    before: NoValue?.none, after: ["kind": e.kind, "on": e.onDate]))
        }
    }

    /// The case's timeline, newest first.
    public func entries(_ actor: Actor, caseID: UUID) async throws -> [CaseEntryView] {
        try actor.require(.viewCases)
        _ = try await store.scoped(CaseModel.self, caseID, actor)
        return try await CaseEntryModel.query(on: store.db).filter(\.$caseID == caseID).sort(\.$onDate, .descending).all().compactMap { e in
            guard let k = CaseEntryKind(rawValue: e.kind), let d = LocalDate(iso: e.onDate) else { return nil }
            return CaseEntryView(kind: k, on: d, text: e.text, givenBy: e.givenBy, recordedBy: e.recordedBy)
        }
    }
}
