import AnsinhCore
import FluentKit
import Foundation

/// What recording a consent needs.
public struct ConsentInput: Sendable {
    public var purpose = ""
    /// A `ReferralRecipient`; empty for any recipient.
    public var recipientKind = ""
    public var recipientName = ""
    /// Which information may be shared.
    public var scope = ""
    public var givenBy = ""
    public var givenByName = ""
    public var givenOn = ""
    public init() {}
}

/// A consent as read.
public struct ConsentView: Sendable, Equatable {
    public let id: UUID
    public let purpose: ConsentPurpose
    public let recipient: ReferralRecipient?
    public let recipientName: String
    public let scope: String
    public let givenBy: ConsentGiver
    public let givenByName: String
    public let givenOn: LocalDate
    public let withdrawnOn: LocalDate?
    public let withdrawalReason: String?
    public let recordedBy: String
}

extension CaseRepository {
    /// Records a consent given for the case's person (by the person, a parent or a guardian),
    /// dated no later than today. A child under 7 cannot consent alone (`ConsentTerms.mayGive`).
    @discardableResult
    public func addConsent(_ actor: Actor, caseID: UUID, _ input: ConsentInput) async throws -> UUID {
        try actor.require(.manageCases)
        var errors: [FieldError] = []
        func bad(_ field: String, _ key: String) { errors.append(FieldError(field: field, message: Message(key))) }
        let purpose = ConsentPurpose(rawValue: input.purpose)
        if purpose == nil { bad("purpose", "validation.choice") }
        let recipient = input.recipientKind.isEmpty ? nil : ReferralRecipient(rawValue: input.recipientKind)
        if !input.recipientKind.isEmpty && recipient == nil { bad("recipient_type", "validation.choice") }
        let scope = input.scope.trimmingCharacters(in: .whitespacesAndNewlines)
        if scope.isEmpty { bad("scope", "validation.required") }
        let giver = ConsentGiver(rawValue: input.givenBy)
        if giver == nil { bad("given_by", "validation.choice") }
        let giverName = input.givenByName.trimmingCharacters(in: .whitespacesAndNewlines)
        if giverName.isEmpty { bad("given_by_name", "validation.required") }
        let day = LocalDate(iso: input.givenOn.trimmingCharacters(in: .whitespaces))
        if day == nil { bad("given_on", "validation.date") }
        if let day, day > store.today { bad("given_on", "review.error.future_date") }
        let c = try await store.scoped(CaseModel.self, caseID, actor)
        if let giver, let day, !ConsentTerms.mayGive(giver, forAge: c.personBirthYear.map { day.year - $0 }) {
            bad("given_by", "case.error.consent_child")
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let recipientName = input.recipientName.trimmingCharacters(in: .whitespacesAndNewlines)
        // The case's unit never changes: the one read above is the one written to.
        let unit = (id: c.unitID, path: c.unitPath)
        return try await store.write(actor) { tx, audit in
            let m = CaseConsentModel()
            m.id = UUID(); m.caseID = caseID; m.unitPath = unit.path; m.purpose = purpose!.rawValue; m.recipientKind = recipient?.rawValue
            m.recipientName = recipientName; m.scope = scope; m.givenBy = giver!.rawValue; m.givenByName = giverName; m.givenOn = day!.iso
            m.recordedBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "consent_given", entity: CaseLifecycle.entity, entityID: caseID.uuidString, unitID: unit.id, unitPath: unit.path,
                    before: NoValue?.none,
                    after: ["consent": m.id!.uuidString, "purpose": m.purpose, "recipient_type": m.recipientKind ?? "*", "given_by": m.givenBy]))
            return m.id!
        }
    }

    /// Withdraws a consent from `on` (no later than today): what it allowed is refused from then;
    /// referrals already sent keep their record.
    public func withdrawConsent(_ actor: Actor, consentID: UUID, on: String, reason: String) async throws {
        try actor.require(.manageCases)
        let (day, why) = try ConsentWithdrawal.read(on: on, reason: reason, today: store.today)
        try await store.write(actor) { tx, audit in
            try await Store.lock(CaseConsentModel.self, consentID, on: tx)
            let m = try await store.scoped(CaseConsentModel.self, consentID, actor, on: tx)
            try ConsentWithdrawal.check(withdrawnOn: m.withdrawnOn, givenOn: m.givenOn, day: day)
            m.withdrawnOn = day.iso; m.withdrawalReason = why
            try await m.save(on: tx)
            audit.add(
                AuditRecord(
                    action: "consent_withdrawn", entity: CaseLifecycle.entity, entityID: m.caseID.uuidString, unitID: nil, unitPath: m.unitPath,
                    before: ["consent": m.id!.uuidString], after: ["withdrawn_on": day.iso]))
        }
    }

    /// The consents of a case, newest first.
    public func consents(_ actor: Actor, caseID: UUID) async throws -> [ConsentView] {
        try actor.require(.viewCases)
        _ = try await store.scoped(CaseModel.self, caseID, actor)
        return try await CaseConsentModel.query(on: store.db).filter(\.$caseID == caseID).sort(\.$givenOn, .descending).all().compactMap(Self.view)
    }

    /// The case's consent allowing `purpose` towards `recipient` today, read inside the write
    /// that relies on it; refused with `consent_required` when none is in force.
    func consent(
        for caseID: UUID, _ purpose: ConsentPurpose, _ recipient: ReferralRecipient, on tx: any Database
    ) async throws -> CaseConsentModel {
        let all = try await CaseConsentModel.query(on: tx).filter(\.$caseID == caseID).all()
        guard let m = all.first(where: { $0.terms?.covers(purpose, recipient, on: store.today) == true }) else {
            throw AppError.consentRequired(
                Message("case.error.consent_required", ["purpose": purpose.rawValue, "recipient": recipient.rawValue]))
        }
        return m
    }

    /// Runs `work`; when it is refused for want of consent, the refusal is written to the audit
    /// trail (in its own transaction, as the refused write left nothing) and the error passed on.
    func auditingRefusal<T: Sendable>(
        _ actor: Actor, caseID: UUID, _ purpose: ConsentPurpose, _ recipient: ReferralRecipient, _ work: () async throws -> T
    ) async throws -> T {
        do {
            return try await work()
        } catch AppError.consentRequired(let message) {
            let c = try await store.scoped(CaseModel.self, caseID, actor)
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "consent_refused", entity: CaseLifecycle.entity, entityID: caseID.uuidString, unitID: c.unitID, unitPath: c.unitPath,
                        before: NoValue?.none, after: ["purpose": purpose.rawValue, "recipient_type": recipient.rawValue])
                ])
            throw AppError.consentRequired(message)
        }
    }

    static func view(_ m: CaseConsentModel) -> ConsentView? {
        guard let t = m.terms, let giver = ConsentGiver(rawValue: m.givenBy) else { return nil }
        return ConsentView(
            id: m.id!, purpose: t.purpose, recipient: t.recipient, recipientName: m.recipientName, scope: m.scope, givenBy: giver,
            givenByName: m.givenByName, givenOn: t.givenOn, withdrawnOn: t.withdrawnOn, withdrawalReason: m.withdrawalReason,
            recordedBy: m.recordedBy)
    }
}

/// A case's file as shared with a recipient: the case, its timeline and its referrals.
public struct CaseFile: Sendable {
    public let record: CaseView
    public let entries: [CaseEntryView]
    public let referrals: [ReferralView]
}

extension CaseRepository {
    /// The case's file for `recipientName` (a recipient of `recipientKind`), only with a consent
    /// in force to share it with that kind of recipient: refused (`consent_required`) and the
    /// refusal audited otherwise; the sharing itself is audited with the consent it rests on.
    /// Only a role that sees the child-protection class may share a file.
    public func shareFile(_ actor: Actor, caseID: UUID, recipientKind: String, recipientName: String) async throws -> CaseFile {
        try actor.require(.manageCases)
        guard actor.role.canView(.childProtection) else { throw AppError.forbidden }
        var errors: [FieldError] = []
        let kind = ReferralRecipient(rawValue: recipientKind)
        if kind == nil { errors.append(FieldError(field: "recipient_type", message: Message("validation.choice"))) }
        let name = recipientName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError(field: "recipient_name", message: Message("validation.required"))) }
        _ = try await store.scoped(CaseModel.self, caseID, actor)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await auditingRefusal(actor, caseID: caseID, .shareFile, kind!) {
            try await store.write(actor) { tx, audit in
                let c = try await store.scoped(CaseModel.self, caseID, actor, on: tx)
                let consent = try await consent(for: caseID, .shareFile, kind!, on: tx)
                audit.add(
                    AuditRecord(
                        action: "share_file", entity: CaseLifecycle.entity, entityID: caseID.uuidString, unitID: c.unitID, unitPath: c.unitPath,
                        before: NoValue?.none,
                        after: ["recipient_type": kind!.rawValue, "recipient": name, "consent": consent.id!.uuidString]))
            }
        }
        return CaseFile(
            record: try await get(actor, id: caseID), entries: try await entries(actor, caseID: caseID),
            referrals: try await referrals(actor, caseID: caseID))
    }
}

extension CaseRepository {
    /// The case a consent belongs to (within the actor's units).
    public func consentCase(_ actor: Actor, consentID: UUID) async throws -> UUID {
        try actor.require(.viewCases)
        return try await store.scoped(CaseConsentModel.self, consentID, actor).caseID
    }
}
