import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the application and decision pages: receive, review, post, refuse and
/// decide an application (`ApplicationLifecycle`), record a decision on a person's ledger
/// (`LedgerLifecycle`), read a person's decisions and periods. Same repository calls as the
/// forms; own DTOs.
struct DecisionsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.applications), use: applications)
        api.get(.api(.application(nil)), use: application)
        api.post(.api(.personApplications(nil)), use: receive)
        api.post(.api(.applicationAction(nil, .review)), use: review)
        api.post(.api(.applicationAction(nil, .post)), use: post)
        api.post(.api(.applicationAction(nil, .refuse)), use: refuse)
        api.post(.api(.applicationAction(nil, .decide)), use: decideApplication)
        api.get(.api(.personDecisions(nil)), use: history)
        api.post(.api(.personDecisions(nil)), use: decide)
        api.get(.api(.decision(nil)), use: decision)
        api.post(.api(.decisionHold(nil))) { req in
            let a = try req.requireActor()
            let id = try await RetentionSection.holdJSON(req, AllowanceDecisionModel.self)
            return APIJSON(Self.dto(try await DecisionRepository(req.store).decision(a, id)))
        }
        api.post(.api(.applicationHold(nil))) { req in
            let a = try req.requireActor()
            let id = try await RetentionSection.holdJSON(req, AllowanceApplicationModel.self)
            return APIJSON(Self.dto(try await DecisionRepository(req.store).applicationView(a, id), req, role: a.role))
        }
    }

    // MARK: DTOs

    /// What the review found, or null when it rests on a class the caller may not see.
    struct EvaluationDTO: Content {
        let month: String; let categories: [String]; let monthlyAmount: Int64; let reasons: [ReasonDTO]; let ruleSet: String
    }

    struct ApplicationDTO: Content {
        let id: UUID
        let personId: UUID
        let personName: String
        let benefit: String
        let formType: String
        let receivedDate: String
        let documents: [String]
        let status: String
        let recipientKind: String
        let recipientName: String?
        let channel: String
        let account: String?
        let evaluation: EvaluationDTO?
        let requiresPosting: Bool
        let postingStart: String?
        let postingEnd: String?
        let objections: String?
        let refusalReason: String?
        let decisionId: UUID?
        let receivedBy: String
        /// Decree 147/2025 Art. 5: the decision deadline (applications received from 1 July 2025).
        let decisionDue: String?
        let overdue: Bool
        /// The `ApplicationLifecycle` steps the caller's role may take now.
        let actions: [String]
        /// The facts the form asks (`ApplicationForm.asks`), and those the review found not
        /// recorded (null before the review).
        let formFacts: [String]
        let missingFacts: [String]?
        /// Retention: when it was anonymised (refused, or with its file), or the legal hold that
        /// keeps a refused application whole.
        let anonymisedAt: Date?
        let legalHold: String?
    }

    struct DecisionDTO: Content {
        let id: UUID
        let personId: UUID
        let personName: String
        let communeName: String
        let benefit: String
        let kind: String
        let reason: String
        let number: String?
        let signedDate: String
        let effectiveMonth: String
        let monthlyAmount: Int64
        let categories: [String]
        let ruleSet: String
        let recipientKind: String
        let recipientName: String?
        let channel: String
        let note: String?
        let decidedBy: String
        /// The amount today's rules give on the facts the decision stored (equal to
        /// `monthly_amount` when it reproduces; null when nothing was stored).
        let reproducedAmount: Int64?
        /// Retention: when the file was anonymised, or the legal hold that keeps it whole.
        let anonymisedAt: Date?
        let legalHold: String?
    }

    struct PeriodDTO: Content {
        let benefit: String; let from: String; let until: String?; let monthlyAmountNow: Int64; let channel: String; let recipient: String
    }
    struct HistoryDTO: Content { let decisions: [DecisionDTO]; let periods: [PeriodDTO] }

    struct ApplicationCreate: Content {
        let benefit: String; let formType: String; let receivedDate: String; let documents: [String]?
        let recipientKind: String?; let recipientName: String?; let channel: String?; let account: String?
    }
    struct PostRequest: Content { let postingStart: String; let objections: String? }
    struct RefuseRequest: Content { let refusalReason: String }
    struct DecideRequest: Content { let number: String; let signedDate: String }
    struct DecisionCreate: Content {
        let benefit: String; let kind: String; let reason: String; let number: String; let signedDate: String
        let eventDate: String?; let paidBefore: String?; let recipientKind: String?; let recipientName: String?
        let channel: String?; let account: String?; let note: String?
    }

    static func evaluation(_ e: StoredEvaluation?, _ req: Request) -> EvaluationDTO? {
        e.map { e in
            EvaluationDTO(
                month: e.month.iso, categories: e.categories, monthlyAmount: e.amount,
                reasons: e.reasons.map { ReasonDTO($0, req) }, ruleSet: e.ruleSet)
        }
    }

    static func dto(_ a: ApplicationView, _ req: Request, role: Role) -> ApplicationDTO {
        ApplicationDTO(
            id: a.id, personId: a.personID, personName: a.personName, benefit: a.benefit.rawValue, formType: a.formType, receivedDate: a.receivedDate,
            documents: a.documents, status: a.status.rawValue, recipientKind: a.recipientKind, recipientName: a.recipientName, channel: a.channel,
            account: a.account, evaluation: evaluation(a.evaluation, req), requiresPosting: a.requiresPosting, postingStart: a.postingStart,
            postingEnd: a.postingEnd, objections: a.objections, refusalReason: a.refusalReason, decisionId: a.decisionID, receivedBy: a.receivedBy,
            decisionDue: a.decisionDue?.iso, overdue: a.overdue, actions: ApplicationLifecycle.available(from: a.status, role: role).map(\.rawValue),
            formFacts: ApplicationForm(rawValue: a.formType)?.asks ?? [],
            missingFacts: a.evaluation.map { ApplicationForm(rawValue: a.formType)?.missing($0.missingFacts ?? []) ?? [] },
            anonymisedAt: a.anonymisedAt, legalHold: a.legalHold)
    }

    static func dto(_ d: DecisionView) -> DecisionDTO {
        DecisionDTO(
            id: d.id, personId: d.personID, personName: d.personName, communeName: d.communeName, benefit: d.benefit.rawValue, kind: d.kind.rawValue,
            reason: d.reason, number: d.number, signedDate: d.signedDate, effectiveMonth: d.effectiveMonth.iso, monthlyAmount: d.monthlyAmount,
            categories: d.categories, ruleSet: d.ruleSet, recipientKind: d.recipientKind, recipientName: d.recipientName, channel: d.channel,
            note: d.note, decidedBy: d.decidedBy, reproducedAmount: d.reproducedAmount, anonymisedAt: d.anonymisedAt, legalHold: d.legalHold)
    }

    // MARK: handlers

    func applications(req: Request) async throws -> APIJSON<APIPage<ApplicationDTO>> {
        let a = try req.requireActor()
        let page = try await DecisionRepository(req.store).applications(
            a, status: try req.queryChoice("status", ApplicationStatus.self), page: try req.pageSpec)
        return APIJSON(APIPage(page) { Self.dto($0, req, role: a.role) })
    }

    func application(req: Request) async throws -> APIJSON<ApplicationDTO> {
        let a = try req.requireActor()
        return APIJSON(Self.dto(try await DecisionRepository(req.store).applicationView(a, try req.idParameter()), req, role: a.role))
    }

    func receive(req: Request) async throws -> APIJSON<ApplicationDTO> {
        let a = try req.requireActor()
        let personID = try req.idParameter()
        let b = try req.json(ApplicationCreate.self)
        try APIInput.limit([("recipient_name", b.recipientName, 200), ("account", b.account, 34)])
        guard let benefit = Benefit(rawValue: b.benefit) else { throw AppError.invalid("benefit", "validation.choice") }
        var input = ApplicationInput(personID: personID)
        input.benefit = benefit; input.formType = b.formType; input.receivedDate = b.receivedDate; input.documents = b.documents ?? []
        input.recipientKind = b.recipientKind ?? RecipientKind.person.rawValue; input.recipientName = b.recipientName ?? ""
        input.channel = b.channel ?? PaymentChannel.cash.rawValue; input.account = b.account ?? ""
        let repo = DecisionRepository(req.store)
        let id = try await repo.receive(a, input)
        return APIJSON(Self.dto(try await repo.applicationView(a, id), req, role: a.role), status: .created)
    }

    /// Runs one step and answers with the application as it is after it.
    func step(_ req: Request, _ body: (DecisionRepository, Actor, UUID) async throws -> Void) async throws -> APIJSON<ApplicationDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let repo = DecisionRepository(req.store)
        try await body(repo, a, id)
        return APIJSON(Self.dto(try await repo.applicationView(a, id), req, role: a.role))
    }

    func review(req: Request) async throws -> APIJSON<ApplicationDTO> { try await step(req) { try await $0.review($1, applicationID: $2) } }

    func post(req: Request) async throws -> APIJSON<ApplicationDTO> {
        let b = try req.json(PostRequest.self)
        try APIInput.limit([("objections", b.objections, 2000)])
        return try await step(req) { try await $0.post($1, applicationID: $2, start: b.postingStart, objections: b.objections ?? "") }
    }

    func refuse(req: Request) async throws -> APIJSON<ApplicationDTO> {
        let b = try req.json(RefuseRequest.self)
        try APIInput.limit([("refusal_reason", b.refusalReason, 2000)])
        return try await step(req) { try await $0.refuse($1, applicationID: $2, reason: b.refusalReason) }
    }

    /// The chairman's decision on an application; answers with the decision.
    func decideApplication(req: Request) async throws -> APIJSON<DecisionDTO> {
        let a = try req.requireActor()
        let b = try req.json(DecideRequest.self)
        try APIInput.limit([("number", b.number, 50)])
        let repo = DecisionRepository(req.store)
        let id = try await repo.decide(a, applicationID: try req.idParameter(), number: b.number, signedDate: b.signedDate)
        return APIJSON(Self.dto(try await repo.decision(a, id)), status: .created)
    }

    func history(req: Request) async throws -> APIJSON<HistoryDTO> {
        let a = try req.requireActor()
        let (decisions, periods) = try await DecisionRepository(req.store).history(a, personID: try req.idParameter())
        return APIJSON(
            HistoryDTO(
                decisions: decisions.map(Self.dto),
                periods: periods.map {
                    PeriodDTO(
                        benefit: $0.benefit.rawValue, from: $0.from.iso, until: $0.until?.iso, monthlyAmountNow: $0.monthlyAmountNow, channel: $0.channel,
                        recipient: $0.recipient)
                }))
    }

    /// A decision on a person's ledger without an application (adjust, suspend, resume, stop,
    /// or a start taken over from a paper list).
    func decide(req: Request) async throws -> APIJSON<DecisionDTO> {
        let a = try req.requireActor()
        let personID = try req.idParameter()
        let b = try req.json(DecisionCreate.self)
        try APIInput.limit([("number", b.number, 50), ("recipient_name", b.recipientName, 200), ("account", b.account, 34), ("note", b.note, 2000)])
        // Optional dates and months are absent or well-formed, never empty text.
        if b.eventDate == "" { throw AppError.invalid("event_date", "validation.date") }
        if b.paidBefore == "" { throw AppError.invalid("paid_before", "decision.error.paid_before") }
        guard let benefit = Benefit(rawValue: b.benefit) else { throw AppError.invalid("benefit", "validation.choice") }
        guard let kind = DecisionKind(rawValue: b.kind) else { throw AppError.invalid("kind", "validation.choice") }
        var input = DecisionInput(personID: personID)
        input.benefit = benefit; input.kind = kind; input.reason = b.reason; input.number = b.number; input.signedDate = b.signedDate
        input.eventDate = b.eventDate ?? ""; input.paidBefore = b.paidBefore ?? ""; input.recipientKind = b.recipientKind ?? ""
        input.recipientName = b.recipientName ?? ""; input.channel = b.channel ?? ""; input.account = b.account ?? ""; input.note = b.note ?? ""
        let repo = DecisionRepository(req.store)
        let id = try await repo.decide(a, input)
        return APIJSON(Self.dto(try await repo.decision(a, id)), status: .created)
    }

    func decision(req: Request) async throws -> APIJSON<DecisionDTO> {
        let a = try req.requireActor()
        return APIJSON(Self.dto(try await DecisionRepository(req.store).decision(a, try req.idParameter())))
    }
}

extension DecisionsAPI {
    static var operations: [APIOperation] {
        let tag = "allowances"
        return [
            APIOperation(
                .GET, .applications, "Applications in scope, newest first", tag: tag,
                query: [("status", ["type": "string", "enum": ApplicationStatus.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "ApplicationPage"),
            APIOperation(
                .POST, .personApplications(nil), "Receive a person's application with its papers and who is paid, and how (Decree 20/2021 Art. 7)",
                tag: tag, request: "ApplicationCreate", response: "Application", status: 201),
            APIOperation(.GET, .application(nil), "An application, its review and the steps the caller may take", tag: tag, response: "Application"),
            APIOperation(
                .POST, .applicationAction(nil, .review), "Review: evaluate the registry's facts for the month received", tag: tag, response: "Application"),
            APIOperation(
                .POST, .applicationAction(nil, .post),
                "Post the review result publicly for 2 working days (Decree 20 Art. 8(2); applications received before 1 July 2025)", tag: tag,
                request: "PostRequest",
                response: "Application"),
            APIOperation(
                .POST, .applicationAction(nil, .refuse), "Refuse in writing, with the reason (Decree 147/2025 Art. 5)", tag: tag, request: "RefuseRequest",
                response: "Application"),
            APIOperation(
                .POST, .applicationAction(nil, .decide),
                "The chairman's decision on an application (after the posting under the older procedure; within 10 working days from 1 July 2025)", tag: tag,
                request: "DecideRequest",
                response: "Decision", status: 201),
            APIOperation(.GET, .personDecisions(nil), "A person's decisions, newest first, and the periods they make", tag: tag, response: "DecisionHistory"),
            APIOperation(
                .POST, .personDecisions(nil), "A decision on a person's ledger without an application: adjust, suspend, resume, stop, or a start taken over",
                tag: tag, request: "DecisionCreate", response: "Decision", status: 201),
            APIOperation(.GET, .decision(nil), "One decision", tag: tag, response: "Decision"),
            APIOperation(
                .POST, .decisionHold(nil),
                "Keep an ended allowance file whole past its retention (privacy.json retention.allowance) with the reason, or release the hold with a null reason",
                tag: tag, request: "ContactHold", response: "Decision"),
            APIOperation(
                .POST, .applicationHold(nil),
                "Keep a refused application whole past its retention (privacy.json retention.allowance) with the reason, or release the hold with a null reason",
                tag: tag, request: "ContactHold", response: "Application"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let money: [String: Any] = ["type": "integer", "description": "đồng"]
        func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
        let recipient: [String: Any] = [
            "recipient_kind": choice(RecipientKind.allCases.map(\.rawValue)),
            "recipient_name": ["type": "string", "maxLength": 200],
            "channel": choice(PaymentChannel.allCases.map(\.rawValue)),
            "account": ["type": "string", "maxLength": 34, "description": "bank account: 6 to 34 digits"],
        ]
        let reasons: [String: Any] = [
            "type": "array", "items": OpenAPI.obj(["code": str, "text": str], required: ["code", "text"]),
        ]
        return [
            "Evaluation": OpenAPI.obj(
                [
                    "month": str, "categories": ["type": "array", "items": str], "monthly_amount": money, "reasons": reasons, "rule_set": str,
                ], required: ["month", "categories", "monthly_amount"]),
            "Application": OpenAPI.obj(
                [
                    "id": uuid, "person_id": uuid, "person_name": str, "benefit": choice(Benefit.allCases.map(\.rawValue)), "form_type": str,
                    "received_date": str, "documents": ["type": "array", "items": str], "status": choice(ApplicationStatus.allCases.map(\.rawValue)),
                    "recipient_kind": str, "recipient_name": nullableStr, "channel": str, "account": nullableStr,
                    "evaluation": ["oneOf": [OpenAPI.ref("Evaluation"), ["type": "null"]]], "requires_posting": ["type": "boolean"],
                    "posting_start": nullableStr, "posting_end": nullableStr, "objections": nullableStr, "refusal_reason": nullableStr,
                    "decision_due": nullableStr, "overdue": ["type": "boolean"],
                    "decision_id": ["type": ["string", "null"], "format": "uuid"], "received_by": str,
                    "actions": ["type": "array", "items": choice(ApplicationLifecycle.Transition.allCases.map(\.rawValue))],
                    "form_facts": ["type": "array", "items": str], "missing_facts": ["type": ["array", "null"], "items": str],
                    "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nullableStr,
                ], required: ["id", "person_id", "benefit", "status", "actions"]),
            "ApplicationPage": OpenAPI.page("Application"),
            "ApplicationCreate": OpenAPI.request(
                [
                    "benefit": choice(Benefit.allCases.map(\.rawValue)), "form_type": choice(ApplicationForm.allCases.map(\.rawValue)),
                    "received_date": OpenAPI.date, "documents": ["type": "array", "items": choice(ApplicationDocument.allCases.map(\.rawValue))],
                ].merging(recipient) { a, _ in a }, required: ["benefit", "form_type", "received_date"]),
            "PostRequest": OpenAPI.request(
                ["posting_start": OpenAPI.date, "objections": ["type": "string", "maxLength": 2000]], required: ["posting_start"]),
            "RefuseRequest": OpenAPI.request(["refusal_reason": OpenAPI.name(2000)], required: ["refusal_reason"]),
            "DecideRequest": OpenAPI.request(["number": OpenAPI.name(50), "signed_date": OpenAPI.date], required: ["number", "signed_date"]),
            "Decision": OpenAPI.obj(
                [
                    "id": uuid, "person_id": uuid, "person_name": str, "commune_name": str, "benefit": str,
                    "kind": choice(DecisionKind.allCases.map(\.rawValue)), "reason": str, "number": nullableStr, "signed_date": str,
                    "effective_month": str, "monthly_amount": money, "categories": ["type": "array", "items": str], "rule_set": str,
                    "recipient_kind": str, "recipient_name": nullableStr, "channel": str, "note": nullableStr, "decided_by": str,
                    "reproduced_amount": ["type": ["integer", "null"]],
                    "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nullableStr,
                ], required: ["id", "person_id", "kind", "effective_month", "monthly_amount"]),
            "DecisionHistory": OpenAPI.obj(
                [
                    "decisions": ["type": "array", "items": OpenAPI.ref("Decision")],
                    "periods": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "benefit": str, "from": str, "until": nullableStr, "monthly_amount_now": money, "channel": str, "recipient": str,
                            ], required: ["benefit", "from", "monthly_amount_now"]),
                    ],
                ], required: ["decisions", "periods"]),
            "DecisionCreate": OpenAPI.request(
                [
                    "benefit": choice(Benefit.allCases.map(\.rawValue)), "kind": choice(DecisionKind.allCases.map(\.rawValue)),
                    "reason": choice(DecisionReason.allCases.map(\.rawValue)), "number": OpenAPI.name(50), "signed_date": OpenAPI.date,
                    "event_date": OpenAPI.date, "paid_before": ["type": "string", "pattern": OpenAPI.monthPattern],
                    "note": ["type": "string", "maxLength": 2000],
                ].merging(recipient) { a, _ in a }, required: ["benefit", "kind", "reason", "number", "signed_date"]),
        ]
    }
}
