import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of a case's sharing: consents and their withdrawal, referrals and their outcome
/// (`ReferralLifecycle`), the case file for a recipient, and the referrals sent from or to the
/// caller's units. A referral or file without a consent in force answers 409 `consent_required`.
struct CaseSharingAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.caseConsents(nil)), use: consents)
        api.post(.api(.caseConsents(nil)), use: addConsent)
        api.post(.api(.consentWithdrawal(nil)), use: withdraw)
        api.get(.api(.caseReferrals(nil)), use: caseReferrals)
        api.post(.api(.caseReferrals(nil)), use: refer)
        api.post(.api(.caseFile(nil)), use: file)
        api.get(.api(.referrals), use: referrals)
        api.get(.api(.referral(nil)), use: referral)
        api.post(.api(.referralOutcome(nil)), use: outcome)
    }

    // MARK: DTOs

    struct ConsentDTO: Content {
        let id: UUID
        let purpose: String
        /// Null: any recipient.
        let recipientType: String?
        let recipientName: String
        let scope: String
        let givenBy: String
        let givenByName: String
        let givenOn: String
        let withdrawnOn: String?
        let withdrawalReason: String?
        let recordedBy: String
    }
    struct ConsentCreate: Content {
        let purpose: String; let recipientType: String?; let recipientName: String?; let scope: String; let givenBy: String; let givenByName: String
        let givenOn: String
    }
    struct Withdrawal: Content { let on: String; let reason: String }

    struct ReferralDTO: Content {
        let id: UUID
        let caseId: UUID
        let caseNumber: String
        let caseKind: String
        let riskLevel: String
        /// "—" for a caller without the child-protection permission.
        let personName: String
        let fromUnit: String
        let recipientType: String
        let recipientUnit: String?
        let receiver: String
        let service: String
        let dueDate: String
        let status: String
        let outcomeNote: String?
        let outcomeOn: String?
        let answeredBy: String?
        let overdue: Bool
        /// The `ReferralLifecycle` steps the caller's role may take now.
        let actions: [String]
    }
    struct ReferralCreate: Content { let recipientType: String; let recipientUnit: String?; let receiver: String?; let service: String; let dueDate: String }
    struct Outcome: Content { let outcome: String; let note: String }
    struct FileRequest: Content { let recipientType: String; let recipientName: String }

    static func dto(_ c: ConsentView) -> ConsentDTO {
        ConsentDTO(
            id: c.id, purpose: c.purpose.rawValue, recipientType: c.recipient?.rawValue, recipientName: c.recipientName, scope: c.scope,
            givenBy: c.givenBy.rawValue, givenByName: c.givenByName, givenOn: c.givenOn.iso, withdrawnOn: c.withdrawnOn?.iso,
            withdrawalReason: c.withdrawalReason, recordedBy: c.recordedBy)
    }

    static func dto(_ r: ReferralView, role: Role) -> ReferralDTO {
        ReferralDTO(
            id: r.id, caseId: r.caseID, caseNumber: r.caseNumber, caseKind: r.caseKind.rawValue, riskLevel: r.riskLevel.rawValue,
            personName: r.personName, fromUnit: r.fromUnit, recipientType: r.recipient.rawValue, recipientUnit: r.recipientUnit, receiver: r.receiver,
            service: r.service, dueDate: r.dueDate.iso, status: r.status.rawValue, outcomeNote: r.outcomeNote, outcomeOn: r.outcomeOn?.iso,
            answeredBy: r.answeredBy, overdue: r.overdue, actions: ReferralLifecycle.available(from: r.status, role: role).map(\.rawValue))
    }

    // MARK: handlers

    func consents(req: Request) async throws -> APIJSON<[ConsentDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await CaseRepository(req.store).consents(a, caseID: try req.idParameter()).map(Self.dto))
    }

    func addConsent(req: Request) async throws -> APIJSON<ConsentDTO> {
        let a = try req.requireActor()
        let caseID = try req.idParameter()
        let b = try req.json(ConsentCreate.self)
        try APIInput.limit([("recipient_name", b.recipientName, 200), ("scope", b.scope, 1000), ("given_by_name", b.givenByName, 200)])
        var input = ConsentInput()
        input.purpose = b.purpose; input.recipientKind = b.recipientType ?? ""; input.recipientName = b.recipientName ?? ""; input.scope = b.scope
        input.givenBy = b.givenBy; input.givenByName = b.givenByName; input.givenOn = b.givenOn
        let repo = CaseRepository(req.store)
        let id = try await repo.addConsent(a, caseID: caseID, input)
        return APIJSON(Self.dto(try await repo.consents(a, caseID: caseID).first { $0.id == id }!), status: .created)
    }

    func withdraw(req: Request) async throws -> APIJSON<ConsentDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(Withdrawal.self)
        try APIInput.limit([("reason", b.reason, 2000)])
        let repo = CaseRepository(req.store)
        try await repo.withdrawConsent(a, consentID: id, on: b.on, reason: b.reason)
        let caseID = try await repo.consentCase(a, consentID: id)
        return APIJSON(Self.dto(try await repo.consents(a, caseID: caseID).first { $0.id == id }!))
    }

    func caseReferrals(req: Request) async throws -> APIJSON<[ReferralDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await CaseRepository(req.store).referrals(a, caseID: try req.idParameter()).map { Self.dto($0, role: a.role) })
    }

    func refer(req: Request) async throws -> APIJSON<ReferralDTO> {
        let a = try req.requireActor()
        let caseID = try req.idParameter()
        let b = try req.json(ReferralCreate.self)
        try APIInput.limit([("recipient_unit", b.recipientUnit, 50), ("receiver", b.receiver, 200), ("service", b.service, 1000)])
        var input = ReferralInput()
        input.recipientKind = b.recipientType; input.recipientUnitCode = b.recipientUnit ?? ""; input.receiver = b.receiver ?? ""
        input.service = b.service; input.dueDate = b.dueDate
        let repo = CaseRepository(req.store)
        let id = try await repo.refer(a, caseID: caseID, input)
        return APIJSON(Self.dto(try await repo.referral(a, id: id), role: a.role), status: .created)
    }

    func file(req: Request) async throws -> Response {
        let a = try req.requireActor()
        let b = try req.json(FileRequest.self)
        try APIInput.limit([("recipient_name", b.recipientName, 200)])
        // The file's format is checked before the sharing is recorded.
        _ = try req.queryChoice("format", Spreadsheet.Format.self)
        let f = try await CaseRepository(req.store).shareFile(
            a, caseID: try req.idParameter(), recipientKind: b.recipientType, recipientName: b.recipientName)
        return try await CaseFileSheet.response(req, f)
    }

    func referrals(req: Request) async throws -> APIJSON<APIPage<ReferralDTO>> {
        let a = try req.requireActor()
        let page = try await CaseRepository(req.store).referrals(
            a, status: try req.queryChoice("status", ReferralLifecycle.State.self), page: try req.pageSpec)
        return APIJSON(APIPage(page.map { Self.dto($0, role: a.role) }))
    }

    func referral(req: Request) async throws -> APIJSON<ReferralDTO> {
        let a = try req.requireActor()
        return APIJSON(Self.dto(try await CaseRepository(req.store).referral(a, id: try req.idParameter()), role: a.role))
    }

    /// `{"outcome": "service_given" | "declined" | "unreachable" | "withdraw", "note": …}`.
    func outcome(req: Request) async throws -> APIJSON<ReferralDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(Outcome.self)
        try APIInput.limit([("note", b.note, 2000)])
        guard let t = ReferralLifecycle.Transition(rawValue: b.outcome) else { throw AppError.invalid("outcome", "validation.choice") }
        let repo = CaseRepository(req.store)
        try await repo.answer(a, referralID: id, t, note: b.note)
        return APIJSON(Self.dto(try await repo.referral(a, id: id), role: a.role))
    }
}

extension CaseSharingAPI {
    static var operations: [APIOperation] {
        let tag = "cases"
        return [
            APIOperation(.GET, .caseConsents(nil), "The consents recorded on a case, newest first", tag: tag, response: "Consents"),
            APIOperation(
                .POST, .caseConsents(nil), "Record a consent (what, with whom, for which purpose, given by whom and when)", tag: tag,
                request: "ConsentCreate", response: "Consent", status: 201),
            APIOperation(
                .POST, .consentWithdrawal(nil), "Withdraw a consent from a day on; what it allowed is refused from then", tag: tag,
                request: "ConsentWithdrawal", response: "Consent"),
            APIOperation(.GET, .caseReferrals(nil), "The referrals of a case, newest first", tag: tag, response: "Referrals"),
            APIOperation(
                .POST, .caseReferrals(nil),
                "Refer a case to a service; 409 consent_required (audited) without a consent in force for that kind of recipient", tag: tag,
                request: "ReferralCreate", response: "Referral", status: 201),
            APIOperation(
                .POST, .caseFile(nil),
                "The case file for a recipient (CSV, or XLSX with format=xlsx); 409 consent_required (audited) without a consent to share it",
                tag: tag, query: [("format", ["type": "string", "enum": Spreadsheet.Format.allCases.map(\.rawValue)])], request: "CaseFileRequest",
                response: "CaseFile", responseTypes: ["text/csv", XLSX.contentType]),
            APIOperation(
                .GET, .referrals, "The referrals sent from or to the caller's units (a ward sees those referred to it), oldest due first", tag: tag,
                query: [("status", ["type": "string", "enum": ReferralLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "ReferralPage"),
            APIOperation(.GET, .referral(nil), "One referral and the case it comes from (the read is audited)", tag: tag, response: "Referral"),
            APIOperation(
                .POST, .referralOutcome(nil), "Record the referral's outcome (or withdraw it); the case plan's goal takes the result", tag: tag,
                request: "ReferralOutcome", response: "Referral"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
        let recipients = ReferralRecipient.allCases.map(\.rawValue)
        let consent = OpenAPI.obj(
            [
                "id": uuid, "purpose": choice(ConsentPurpose.allCases.map(\.rawValue)), "recipient_type": nullableStr,
                "recipient_name": str, "scope": str, "given_by": choice(ConsentGiver.allCases.map(\.rawValue)), "given_by_name": str, "given_on": str,
                "withdrawn_on": nullableStr, "withdrawal_reason": nullableStr, "recorded_by": str,
            ], required: ["id", "purpose", "scope", "given_by", "given_on"])
        let referral = OpenAPI.obj(
            [
                "id": uuid, "case_id": uuid, "case_number": str, "case_kind": choice(CaseKind.allCases.map(\.rawValue)),
                "risk_level": choice(RiskLevel.allCases.map(\.rawValue)), "person_name": str, "from_unit": str, "recipient_type": choice(recipients),
                "recipient_unit": nullableStr, "receiver": str, "service": str, "due_date": str,
                "status": choice(ReferralLifecycle.State.allCases.map(\.rawValue)), "outcome_note": nullableStr, "outcome_on": nullableStr,
                "answered_by": nullableStr, "overdue": ["type": "boolean"],
                "actions": ["type": "array", "items": choice(ReferralLifecycle.Transition.allCases.map(\.rawValue))],
            ], required: ["id", "case_id", "case_number", "recipient_type", "receiver", "service", "due_date", "status", "actions"])
        return [
            "Consent": consent,
            "Consents": ["type": "array", "items": consent],
            "ConsentCreate": OpenAPI.request(
                [
                    "purpose": choice(ConsentPurpose.allCases.map(\.rawValue)), "recipient_type": choice(recipients),
                    "recipient_name": ["type": "string", "maxLength": 200], "scope": OpenAPI.name(1000),
                    "given_by": choice(ConsentGiver.allCases.map(\.rawValue)), "given_by_name": OpenAPI.name(200), "given_on": OpenAPI.date,
                ], required: ["purpose", "scope", "given_by", "given_by_name", "given_on"]),
            "ConsentWithdrawal": OpenAPI.request(["on": OpenAPI.date, "reason": OpenAPI.name(2000)], required: ["on", "reason"]),
            "Referral": referral,
            "Referrals": ["type": "array", "items": referral],
            "ReferralPage": OpenAPI.page("Referral"),
            "ReferralCreate": OpenAPI.request(
                [
                    "recipient_type": choice(recipients), "recipient_unit": ["type": "string", "maxLength": 50],
                    "receiver": ["type": "string", "maxLength": 200], "service": OpenAPI.name(1000), "due_date": OpenAPI.date,
                ], required: ["recipient_type", "service", "due_date"]),
            "ReferralOutcome": OpenAPI.request(
                ["outcome": choice(ReferralLifecycle.Transition.allCases.map(\.rawValue)), "note": OpenAPI.name(2000)], required: ["outcome", "note"]),
            "CaseFileRequest": OpenAPI.request(
                ["recipient_type": choice(recipients), "recipient_name": OpenAPI.name(200)], required: ["recipient_type", "recipient_name"]),
            "CaseFile": ["type": "string", "description": "the case file: a header row, then the case, its goals, timeline and referrals"],
        ]
    }
}
