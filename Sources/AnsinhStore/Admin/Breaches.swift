import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A personal-data breach in a unit's breach log.
public final class BreachModel: Model, @unchecked Sendable {
    public static let schema = "privacy_breaches"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "summary") public var summary: String
    @Field(key: "found_at") public var foundAt: Date
    @Field(key: "description") public var description: String
    /// What kinds of personal data, in words (names and ID numbers, case files…).
    @Field(key: "data_affected") public var dataAffected: String
    /// The sensitivity classes touched, comma-separated (empty: none).
    @Field(key: "classes") public var classes: String
    @Field(key: "persons_affected") public var personsAffected: Int
    @Field(key: "status") public var status: String
    @Field(key: "report_due_at") public var reportDueAt: Date
    @OptionalField(key: "reported_at") public var reportedAt: Date?
    @OptionalField(key: "authority_reference") public var authorityReference: String?
    @OptionalField(key: "persons_notified_at") public var personsNotifiedAt: Date?
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension BreachModel: LifecycleRecord {
    public typealias Life = BreachLifecycle
    public static var unitPathKey: KeyPath<BreachModel, FieldProperty<BreachModel, String>> { \.$unitPath }
    public var lifecycleState: BreachLifecycle.State {
        get { BreachLifecycle.State(rawValue: status) ?? .open }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// One step of a breach's handling: found, a measure, the report, the persons told, the end.
public final class BreachStepModel: Model, @unchecked Sendable {
    public static let schema = "privacy_breach_steps"
    @ID(key: .id) public var id: UUID?
    @Field(key: "breach_id") public var breachID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "at") public var at: Date
    @Field(key: "text") public var text: String
    @Field(key: "by") public var by: String
    public init() {}
}

/// What recording a breach needs.
public struct BreachInput: Sendable {
    public var summary = ""
    /// When it was found; nil when the form's value was missing or malformed.
    public var foundAt: Date?
    public var description = ""
    public var dataAffected = ""
    public var classes: [String] = []
    public var personsAffected = ""
    /// What was done at once to contain it.
    public var measures = ""
    public init() {}
}

/// A breach as the pages and the API read it.
public struct BreachRecord: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public let kind: String
        public let at: Date
        public let text: String
        public let by: String
    }
    public let id: UUID
    public let unitPath: String
    public let summary: String
    public let foundAt: Date
    public let description: String
    public let dataAffected: String
    public let classes: [SensitivityClass]
    public let personsAffected: Int
    public let status: BreachLifecycle.State
    public let reportDueAt: Date
    public let reportedAt: Date?
    public let authorityReference: String?
    public let personsNotifiedAt: Date?
    public let outcome: String?
    public let recordedBy: String
    /// Not reported to the authority and past the time it was due.
    public let overdue: Bool
    /// The timeline, oldest first (empty in lists).
    public let steps: [Step]
}

/// The breach log (Law 91/2025/QH15; Decree 356/2025): incidents recorded by the head of a ward
/// or centre with when they were found and what they touched, the report to the authority due
/// `PrivacyRules.breach_notify_hours` later (overdue marked, reminded on the home page), the
/// persons told, the measures, and the closing. Read by whoever reads the audit.
public struct BreachRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func record(_ actor: Actor, _ input: BreachInput) async throws -> UUID {
        try actor.require(.manageBreaches)
        var errors: [FieldError] = []
        func text(_ value: String, _ field: String, max: Int) -> String {
            let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if v.isEmpty || v.count > max { errors.append(FieldError(field: field, message: Message("validation.required_text", ["max": "\(max)"]))) }
            return v
        }
        let summary = text(input.summary, "summary", max: 200)
        let found = input.foundAt
        if found == nil || found! > store.now() { errors.append(FieldError(field: "found_at", message: Message("breach.error.found_at"))) }
        let description = text(input.description, "description", max: 4000)
        let data = text(input.dataAffected, "data_affected", max: 1000)
        var classes: [SensitivityClass] = []
        for c in input.classes where !c.isEmpty {
            guard let k = SensitivityClass(rawValue: c) else {
                errors.append(FieldError(field: "classes", message: Message("validation.choice")))
                break
            }
            if !classes.contains(k) { classes.append(k) }
        }
        let persons = Int(input.personsAffected.trimmingCharacters(in: .whitespaces))
        if persons == nil || !(0...100_000_000).contains(persons!) {
            errors.append(FieldError(field: "persons_affected", message: Message("validation.range", ["min": "0", "max": "100000000"])))
        }
        let measures = input.measures.trimmingCharacters(in: .whitespacesAndNewlines)
        if measures.count > 4000 { errors.append(FieldError(field: "measures", message: Message("validation.too_long", ["max": "4000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        guard let unitID = actor.unitID else { throw AppError.forbidden }
        let unit = try await store.scoped(OrgUnitModel.self, unitID, actor)
        let now = store.now()
        let classNames = classes.map(\.rawValue).joined(separator: ",")
        return try await store.write(actor) { tx, audit in
            let b = BreachModel()
            b.id = UUID(); b.unitID = unitID; b.unitPath = unit.path; b.summary = summary; b.foundAt = found!; b.description = description
            b.dataAffected = data; b.classes = classNames; b.personsAffected = persons!
            b.status = BreachLifecycle.State.open.rawValue; b.reportDueAt = BreachLifecycle.reportDue(foundAt: found!); b.recordedBy = actor.username
            try await b.create(on: tx)
            try await step(b, "found", at: found!, text: description, by: actor.username, on: tx)
            if !measures.isEmpty { try await step(b, BreachLifecycle.Transition.addMeasure.rawValue, at: now, text: measures, by: actor.username, on: tx) }
            // The audit names the breach and its reach, never the persons.
            audit.add(
                AuditRecord(
                    action: "breach_record", entity: BreachLifecycle.entity, entityID: b.id!.uuidString, unitID: unitID, unitPath: unit.path,
                    before: NoValue?.none,
                    after: ["found_at": ISO8601DateFormatter().string(from: found!), "persons_affected": "\(persons!)", "classes": b.classes]))
            return b.id!
        }
    }

    /// A step of the lifecycle with its text: the authority's reference of the report, how the
    /// persons were told, a measure taken, or the closing's outcome.
    public func take(_ actor: Actor, id: UUID, _ t: BreachLifecycle.Transition, text: String) async throws {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let field = BreachLifecycle.rule(t).requires.first ?? "text"
        if value.count > 2000 { throw AppError.invalid(field, "validation.too_long", ["max": "2000"]) }
        let now = store.now()
        try await store.transition(actor, BreachModel.self, id, t, fields: [field: value]) { b, tx, _ in
            switch t {
            case .report: b.reportedAt = now; b.authorityReference = value
            case .notifyPersons: b.personsNotifiedAt = now
            case .addMeasure: break
            case .close, .dismiss: b.outcome = value; b.closedAt = now
            }
            try await step(b, t.rawValue, at: now, text: value, by: actor.username, on: tx)
            return [:]
        }
    }

    /// The log in the actor's units, newest first; `open` only those not closed.
    public func list(_ actor: Actor, status: BreachLifecycle.State?, page: PageSpec) async throws -> ResultPage<BreachRecord> {
        try Self.requireView(actor)
        var q = store.scoped(BreachModel.self, actor)
        if let status { q = q.filter(\.$status == status.rawValue) }
        let total = try await q.count()
        let rows = try await q.sort(\.$foundAt, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: rows.map { record($0, steps: []) }, request: page, total: total)
    }

    /// One breach with its timeline.
    public func get(_ actor: Actor, _ id: UUID) async throws -> BreachRecord {
        try Self.requireView(actor)
        let b = try await store.scoped(BreachModel.self, id, actor)
        let steps = try await BreachStepModel.query(on: store.db).filter(\.$breachID == id).sort(\.$at).all()
        return record(b, steps: steps.map { BreachRecord.Step(kind: $0.kind, at: $0.at, text: $0.text, by: $0.by) })
    }

    /// The breaches not yet reported to the authority, the soonest due first: the home page's
    /// reminder for those who handle them.
    public func awaitingReport(_ actor: Actor) async throws -> [BreachRecord] {
        guard actor.role.can(.manageBreaches) else { return [] }
        return try await store.scoped(BreachModel.self, actor).filter(\.$status == BreachLifecycle.State.open.rawValue).sort(\.$reportDueAt)
            .limit(20).all().map { record($0, steps: []) }
    }

    static func requireView(_ actor: Actor) throws {
        guard actor.role.can(.viewAudit) || actor.role.can(.manageBreaches) else { throw AppError.forbidden }
    }

    func step(_ b: BreachModel, _ kind: String, at: Date, text: String, by: String, on tx: any Database) async throws {
        let s = BreachStepModel()
        s.id = UUID(); s.breachID = b.id!; s.unitPath = b.unitPath; s.kind = kind; s.at = at; s.text = text; s.by = by
        try await s.create(on: tx)
    }

    func record(_ b: BreachModel, steps: [BreachRecord.Step]) -> BreachRecord {
        let state = b.lifecycleState
        return BreachRecord(
            id: b.id!, unitPath: b.unitPath, summary: b.summary, foundAt: b.foundAt, description: b.description, dataAffected: b.dataAffected,
            classes: b.classes.split(separator: ",").compactMap { SensitivityClass(rawValue: String($0)) }, personsAffected: b.personsAffected,
            status: state, reportDueAt: b.reportDueAt, reportedAt: b.reportedAt, authorityReference: b.authorityReference,
            personsNotifiedAt: b.personsNotifiedAt, outcome: b.outcome, recordedBy: b.recordedBy,
            overdue: state == .open && store.now() > b.reportDueAt, steps: steps)
    }
}
