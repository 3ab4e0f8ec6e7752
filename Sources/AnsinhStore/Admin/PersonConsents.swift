import AnsinhCore
import FluentKit
import Foundation

/// A person's consent to processing outside a case (`PersonConsentPurpose`), withdrawn in place.
public final class PersonConsentModel: Model, @unchecked Sendable {
    public static let schema = "person_consents"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "purpose") public var purpose: String
    /// The one donor, charity or publication the consent is given to; empty = any.
    @Field(key: "recipient") public var recipient: String
    @Field(key: "given_by") public var givenBy: String
    @Field(key: "given_by_name") public var givenByName: String
    @Field(key: "given_on") public var givenOn: String
    @OptionalField(key: "withdrawn_on") public var withdrawnOn: String?
    @OptionalField(key: "withdrawal_reason") public var withdrawalReason: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}

    var terms: PersonConsentTerms? {
        guard let p = PersonConsentPurpose(rawValue: purpose), let given = LocalDate(iso: givenOn) else { return nil }
        return PersonConsentTerms(purpose: p, givenOn: given, withdrawnOn: withdrawnOn.flatMap(LocalDate.init(iso:)))
    }
}

extension PersonConsentModel: UnitScoped {
    public static var unitPathKey: KeyPath<PersonConsentModel, FieldProperty<PersonConsentModel, String>> { \.$unitPath }
}

/// What recording a person's consent needs.
public struct PersonConsentInput: Sendable {
    public var purpose = "", recipient = "", givenBy = "", givenByName = "", givenOn = ""
    public init() {}
}

/// A person's consent as read.
public struct PersonConsentView: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let purpose: PersonConsentPurpose
    public let recipient: String
    public let givenBy: ConsentGiver
    public let givenByName: String
    public let givenOn: LocalDate
    public let withdrawnOn: LocalDate?
    public let withdrawalReason: String?
    public let recordedBy: String
    /// Whether it allows its purpose today.
    public let inForce: Bool
}

/// The consents a person gives outside a case (Law 91/2025/QH15 Art. 9–12): recorded with who
/// gave them (the person, or a parent or guardian for a child) and when, withdrawn at any time,
/// and read by the processing that needs them.
public struct PersonConsentRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Records a consent given no later than today. A child under 7 cannot consent alone
    /// (`ConsentTerms.mayGive`, as for a case).
    @discardableResult
    public func record(_ actor: Actor, personID: UUID, _ input: PersonConsentInput) async throws -> PersonConsentView {
        try Self.requireManage(actor)
        var errors: [FieldError] = []
        func bad(_ field: String, _ key: String, _ args: [String: String] = [:]) { errors.append(FieldError(field: field, message: Message(key, args))) }
        let purpose = PersonConsentPurpose(rawValue: input.purpose)
        if purpose == nil { bad("purpose", "validation.choice") }
        let recipient = input.recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        if recipient.count > 200 { bad("recipient", "validation.too_long", ["max": "200"]) }
        let giver = ConsentGiver(rawValue: input.givenBy)
        if giver == nil { bad("given_by", "validation.choice") }
        let giverName = input.givenByName.trimmingCharacters(in: .whitespacesAndNewlines)
        if giverName.isEmpty { bad("given_by_name", "validation.required") }
        if giverName.count > 200 { bad("given_by_name", "validation.too_long", ["max": "200"]) }
        let day = LocalDate(iso: input.givenOn.trimmingCharacters(in: .whitespaces))
        if day == nil { bad("given_on", "validation.date") }
        if let day, day > store.today { bad("given_on", "review.error.future_date") }
        let p = try await store.scoped(PersonModel.self, personID, actor)
        guard p.mergedInto == nil else { throw AppError.notFound }
        if let giver, let day, !ConsentTerms.mayGive(giver, forAge: day.year - p.birthYear) { bad("given_by", "case.error.consent_child") }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let m = PersonConsentModel()
            m.id = UUID(); m.personID = personID; m.unitPath = p.unitPath; m.purpose = purpose!.rawValue; m.recipient = recipient
            m.givenBy = giver!.rawValue; m.givenByName = giverName; m.givenOn = day!.iso; m.recordedBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "consent_given", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath,
                    before: NoValue?.none, after: ["consent": m.id!.uuidString, "purpose": m.purpose, "recipient": recipient, "given_by": m.givenBy]))
            return self.view(m)!
        }
    }

    /// Withdraws a consent from `on` (no later than today, not before it was given): what it
    /// allowed is refused from that day.
    public func withdraw(_ actor: Actor, consentID: UUID, on: String, reason: String) async throws {
        try Self.requireManage(actor)
        let (day, why) = try ConsentWithdrawal.read(on: on, reason: reason, today: store.today)
        try await store.write(actor) { tx, audit in
            try await Store.lock(PersonConsentModel.self, consentID, on: tx)
            let m = try await store.scoped(PersonConsentModel.self, consentID, actor, on: tx)
            try ConsentWithdrawal.check(withdrawnOn: m.withdrawnOn, givenOn: m.givenOn, day: day)
            m.withdrawnOn = day.iso; m.withdrawalReason = why
            try await m.save(on: tx)
            audit.add(
                AuditRecord(
                    action: "consent_withdrawn", entity: "person", entityID: m.personID.uuidString, unitID: nil, unitPath: m.unitPath,
                    before: ["consent": m.id!.uuidString, "purpose": m.purpose], after: ["withdrawn_on": day.iso]))
        }
    }

    /// Ward officers record the consents of the registry's persons, the centre's social workers
    /// those of the persons in the centre's units (the unit scope tells which).
    public static func requireManage(_ actor: Actor) throws {
        guard actor.role.can(.manageRegistry) || actor.role.can(.manageCare) else { throw AppError.forbidden }
    }

    /// A person's consents, the latest given first.
    public func list(_ actor: Actor, personID: UUID) async throws -> [PersonConsentView] {
        try actor.require(.viewRegistry)
        let p = try await store.scoped(PersonModel.self, personID, actor)
        guard p.mergedInto == nil else { throw AppError.notFound }
        return try await PersonConsentModel.query(on: store.db).filter(\.$personID == personID).sort(\.$givenOn, .descending)
            .sort(\.$createdAt, .descending).all().compactMap(view)
    }

    /// One consent, for who may read its person.
    public func get(_ actor: Actor, _ id: UUID) async throws -> PersonConsentView {
        try actor.require(.viewRegistry)
        guard let v = view(try await store.scoped(PersonConsentModel.self, id, actor)) else { throw AppError.notFound }
        return v
    }

    /// Of `persons`, those whose consent allows `purpose` on `day` towards `recipient` (a
    /// consent naming no recipient allows any; names compare folded).
    func consenting(_ persons: [UUID], _ purpose: PersonConsentPurpose, recipient: String, on day: LocalDate, db: any Database) async throws
        -> Set<UUID>
    {
        var out = Set<UUID>()
        let wanted = TextFolding.fold(recipient)
        for chunk in Array(Set(persons)).chunked(500) {
            for m in try await PersonConsentModel.query(on: db).filter(\.$personID ~~ chunk).filter(\.$purpose == purpose.rawValue).all()
            where m.terms?.covers(purpose, on: day) == true && (m.recipient.isEmpty || TextFolding.fold(m.recipient) == wanted) {
                out.insert(m.personID)
            }
        }
        return out
    }

    func view(_ m: PersonConsentModel) -> PersonConsentView? {
        guard let t = m.terms, let giver = ConsentGiver(rawValue: m.givenBy) else { return nil }
        return PersonConsentView(
            id: m.id!, personID: m.personID, purpose: t.purpose, recipient: m.recipient, givenBy: giver, givenByName: m.givenByName,
            givenOn: t.givenOn, withdrawnOn: t.withdrawnOn, withdrawalReason: m.withdrawalReason, recordedBy: m.recordedBy,
            inForce: t.covers(t.purpose, on: store.today))
    }
}

/// A consent's withdrawal, as a case's and a person's consents take it (Law 91/2025/QH15: a
/// consent may be withdrawn at any time; what it allowed is refused from that day).
enum ConsentWithdrawal {
    /// The day (no later than today) and the reason (required, at most 1,000 characters).
    static func read(on: String, reason: String, today: LocalDate) throws -> (LocalDate, String) {
        let day = LocalDate(iso: on.trimmingCharacters(in: .whitespaces))
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if day == nil { errors.append(FieldError(field: "on", message: Message("validation.date"))) }
        if let day, day > today { errors.append(FieldError(field: "on", message: Message("review.error.future_date"))) }
        if why.isEmpty { errors.append(FieldError(field: "reason", message: Message("validation.required"))) }
        if why.count > 1000 { errors.append(FieldError(field: "reason", message: Message("validation.too_long", ["max": "1000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return (day!, why)
    }

    /// Inside the write: a consent is withdrawn once, and not before the day it was given.
    static func check(withdrawnOn: String?, givenOn: String, day: LocalDate) throws {
        guard withdrawnOn == nil else { throw AppError.conflict(Message("case.error.consent_withdrawn")) }
        if let given = LocalDate(iso: givenOn), day < given { throw AppError.invalid("on", "case.error.before_consent") }
    }
}
