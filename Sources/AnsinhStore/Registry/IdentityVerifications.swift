import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One check of a person's identity details against the national population database.
public final class IdentityVerificationModel: Model, @unchecked Sendable {
    public static let schema = "identity_verifications"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "status") public var status: String
    @Field(key: "method") public var method: String
    @Field(key: "checked_on") public var checkedOn: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension IdentityVerificationModel: UnitScoped {
    public static var unitPathKey: KeyPath<IdentityVerificationModel, FieldProperty<IdentityVerificationModel, String>> { \.$unitPath }
}

/// A check as the pages and the API read it.
public struct IdentityCheck: Sendable, Equatable {
    public let status: VerificationStatus
    public let method: VerificationMethod
    public let checkedOn: LocalDate
    public let note: String?
    public let recordedBy: String
    init(_ m: IdentityVerificationModel) {
        status = VerificationStatus(rawValue: m.status) ?? .notVerified; method = VerificationMethod(rawValue: m.method) ?? .vneidApp
        checkedOn = LocalDate(iso: m.checkedOn)!; note = m.note; recordedBy = m.recordedBy
    }
}

/// The identity checks of persons against the national population database (Decrees 147/2025,
/// 176/2025), and the gate a decision passes when the province asks for a check first
/// (allowance setting `identity_verification_required`).
public struct IdentityVerificationRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Records a check an officer made today or before. A mismatch names what differs in the
    /// note. Only the connector records checks made by the connector (`recordAnswer`).
    public func record(
        _ actor: Actor, personID: UUID, status: String, method: String, checkedOn: String, note: String
    ) async throws -> IdentityCheck {
        try await insert(actor, personID: personID, status: status, method: method, checkedOn: checkedOn, note: note, byConnector: false)
    }

    /// What the connector sends for a person: the national ID number (a person without one
    /// cannot be looked up), the full name and the birth date as the registry holds them.
    public func subject(_ actor: Actor, personID: UUID) async throws -> (nationalID: String, fullName: String, birthDate: String) {
        try actor.require(.manageRegistry)
        let p = try await store.scoped(PersonModel.self, personID, actor)
        guard p.mergedInto == nil else { throw AppError.notFound }
        guard let nid = p.nationalID, !nid.isEmpty else { throw AppError.invalid("national_id", "registry.connector.no_national_id") }
        return (nid, p.fullName, p.birthDate)
    }

    /// Records what the population database answered for the person today (method
    /// `connector`); the note says what differs, in the office's language.
    public func recordAnswer(
        _ actor: Actor, personID: UUID, answer: PopulationAnswer, source: String, catalogue: MessageCatalogue, locale: AppLocale
    ) async throws -> IdentityCheck {
        let p = try await subject(actor, personID: personID)
        let (status, note) = answer.check(fullName: p.fullName, birthDate: p.birthDate)
        let text = ([source] + [note.map { catalogue.text($0, locale) }].compactMap { $0 }).joined(separator: ": ")
        return try await insert(
            actor, personID: personID, status: status.rawValue, method: VerificationMethod.connector.rawValue, checkedOn: store.today.iso,
            note: String(text.prefix(1000)), byConnector: true)
    }

    private func insert(
        _ actor: Actor, personID: UUID, status: String, method: String, checkedOn: String, note: String, byConnector: Bool
    ) async throws -> IdentityCheck {
        try actor.require(.manageRegistry)
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        let s = VerificationStatus(rawValue: status)
        if s == nil || s == .notVerified { errors.append(FieldError(field: "status", message: Message("validation.choice"))) }
        let m = VerificationMethod(rawValue: method)
        if m == nil || (m == .connector) != byConnector { errors.append(FieldError(field: "method", message: Message("validation.choice"))) }
        let day = LocalDate(iso: checkedOn.trimmingCharacters(in: .whitespaces))
        if day == nil {
            errors.append(FieldError(field: "checked_on", message: Message("validation.date")))
        } else if day! > store.today || day! < LocalDate(year: 2021, month: 7, day: 1)! {
            // The population database serves checks since it opened (July 2021).
            errors.append(FieldError(field: "checked_on", message: Message("registry.error.checked_on")))
        }
        if s == .mismatch && text.isEmpty { errors.append(FieldError(field: "note", message: Message("registry.error.mismatch_note"))) }
        if text.count > 1000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "1000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let p = try await store.scoped(PersonModel.self, personID, actor, on: tx)
            guard p.mergedInto == nil else { throw AppError.notFound }
            let v = IdentityVerificationModel()
            v.id = UUID(); v.personID = personID; v.unitPath = p.unitPath; v.status = s!.rawValue; v.method = m!.rawValue
            v.checkedOn = day!.iso; v.note = text.isEmpty ? nil : text; v.recordedBy = actor.username
            try await v.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "verify_identity", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath,
                    before: NoValue?.none, after: ["status": s!.rawValue, "method": m!.rawValue, "checked_on": day!.iso, "note": text]))
            return IdentityCheck(v)
        }
    }

    /// A person's checks, latest first.
    public func history(_ actor: Actor, personID: UUID) async throws -> [IdentityCheck] {
        try actor.require(.viewRegistry)
        let p = try await store.scoped(PersonModel.self, personID, actor)
        guard p.mergedInto == nil else { throw AppError.notFound }
        return try await Self.latestFirst(personID, on: store.db).all().map(IdentityCheck.init)
    }

    /// A person's checks, the latest check day first (then the latest recorded).
    static func latestFirst(_ personID: UUID, on db: any Database) -> QueryBuilder<IdentityVerificationModel> {
        IdentityVerificationModel.query(on: db).filter(\.$personID == personID).sort(\.$checkedOn, .descending).sort(\.$createdAt, .descending)
    }

    /// The latest check of a person, for a reader that already checked the person is in scope.
    func latest(_ personID: UUID, on db: any Database) async throws -> IdentityCheck? {
        try await Self.latestFirst(personID, on: db).first().map(IdentityCheck.init)
    }

    /// Decrees 147/2025 and 176/2025: where the province asks for it, a decision is refused
    /// until the person's identity details were found in the population database as recorded.
    func requireVerified(_ personID: UUID, rules: AllowanceRules, on db: any Database) async throws {
        guard rules.setting("identity_verification_required") else { return }
        let status = try await latest(personID, on: db)?.status ?? .notVerified
        if status != .verified { throw AppError.invalid("person_id", "decision.error.identity_\(status.rawValue)") }
    }
}
