import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the loans: list (by state) and a new dossier, one loan, each step of
/// `LoanLifecycle` — the same repository, permissions, scope and audit as the pages.
struct LoanAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.loans)) { req async throws -> APIJSON<APIPage<LoanDTO>> in
            let actor = try req.requireActor()
            let status = try req.queryChoice("status", LoanLifecycle.State.self)
            let page = try await LivelihoodRepository(req.store).loans(actor, status: status, page: req.pageSpec)
            return APIJSON(APIPage(page.map { LoanDTO($0, role: actor.role) }))
        }
        api.post(.api(.loans)) { req async throws -> APIJSON<LoanDTO> in
            let actor = try LivelihoodAPI.manager(req)
            let b = try req.json(LoanBody.self)
            try APIInput.limit([("programme", b.programme, 40), ("purpose", b.purpose, 300), ("savings_group", b.savingsGroup, 200)])
            var input = LoanInput()
            input.nationalID = try LivelihoodAPI.nationalID(b.nationalId); input.programme = b.programme; input.purpose = b.purpose
            input.amount = b.amount; input.termMonths = b.termMonths; input.savingsGroup = b.savingsGroup ?? ""
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.prepareLoan(actor, input, today: req.today)
            return APIJSON(LoanDTO(try await repo.loan(actor, id: id), role: actor.role), status: .created)
        }
        api.post(.api(.loanReminders)) { req async throws -> APIJSON<RemindersDTO> in
            let actor = try LivelihoodAPI.manager(req)
            let b = try req.json(RemindersBody.self)
            try APIInput.limit([("date", b.date, 10), ("location", b.location, 200)])
            let r = try await LivelihoodRepository(req.store).remindBorrowers(actor, day: b.date, place: b.location, today: req.today)
            return APIJSON(RemindersDTO(reminded: r.reminded, withoutPhone: r.withoutPhone, already: r.already))
        }
        api.get(.api(.loan(nil))) { req async throws -> APIJSON<LoanDTO> in
            let actor = try req.requireActor()
            return APIJSON(LoanDTO(try await LivelihoodRepository(req.store).loan(actor, id: try req.idParameter()), role: actor.role))
        }
        for t in LoanLifecycle.Transition.allCases {
            api.post(.api(.loanAction(nil, t))) { req async throws -> APIJSON<LoanDTO> in
                let actor = try req.requireActor()
                try actor.require(LoanLifecycle.rule(t).permission)
                let id = try req.idParameter()
                let b = try req.json(StepBody.self)
                try APIInput.limit([
                    ("confirmation_number", b.confirmationNumber, 60), ("bank_decision", b.bankDecision, 60), ("reason", b.reason, 500), ("note", b.note, 500),
                ])
                var input = LoanStepInput()
                input.date = b.date ?? ""; input.amount = b.amount
                input.number = (t == .confirm ? b.confirmationNumber : t == .approve ? b.bankDecision : nil) ?? ""
                input.text = (t == .refuse ? b.reason : t == .checkUse ? b.note : nil) ?? ""
                let repo = LivelihoodRepository(req.store)
                try await repo.step(actor, loan: id, t, input, today: req.today)
                return APIJSON(LoanDTO(try await repo.loan(actor, id: id), role: actor.role))
            }
        }
    }

    struct LoanBody: Content {
        let nationalId: String; let programme: String; let purpose: String; let amount: Int64; let termMonths: Int; let savingsGroup: String?
    }
    struct RemindersBody: Content { let date: String; let location: String }
    struct RemindersDTO: Content { let reminded: Int; let withoutPhone: Int; let already: Int }
    struct StepBody: Content {
        let date: String?; let amount: Int64?; let confirmationNumber: String?; let bankDecision: String?; let reason: String?; let note: String?
    }
    struct LoanDTO: Content {
        let id: UUID; let borrower: String; let householdCode: String; let programme: String; let purpose: String; let requested: Int64
        let termMonths: Int; let savingsGroup: String; let householdClass: String; let status: String; let preparedOn: String
        let confirmationNumber: String?; let confirmedOn: String?; let submittedOn: String?; let bankDecision: String?; let approved: Int64?
        let disbursed: Int64?; let disbursedOn: String?; let useCheckedOn: String?; let useNote: String?; let closedOn: String?; let reason: String?
        let nextUseCheck: String?; let remindedFor: String?; let actions: [String]
        init(_ l: Loan, role: Role) {
            id = l.id; borrower = l.borrower; householdCode = l.householdCode; programme = l.programme; purpose = l.purpose; requested = l.requested
            termMonths = l.termMonths; savingsGroup = l.savingsGroup; householdClass = l.householdClass; status = l.status.rawValue
            preparedOn = l.preparedOn.iso; confirmationNumber = l.confirmationNumber; confirmedOn = l.confirmedOn; submittedOn = l.submittedOn
            bankDecision = l.bankDecision; approved = l.approved; disbursed = l.disbursed; disbursedOn = l.disbursedOn; useCheckedOn = l.useCheckedOn
            useNote = l.useNote; closedOn = l.closedOn; reason = l.reason; nextUseCheck = l.useCheckDue?.iso; remindedFor = l.remindedFor
            actions = LoanLifecycle.available(from: l.status, role: role).map(\.rawValue)
        }
    }

    static var operations: [APIOperation] {
        let tag = "livelihood"
        let summaries: [LoanLifecycle.Transition: String] = [
            .confirm: "The ward's chairman confirms the household (the confirmation's number)", .submit: "Submitted to the bank through the savings group",
            .approve: "The bank's decision: the amount approved", .refuse: "Refused (by the ward or the bank), with the reason",
            .disburse: "Disbursed: the day and the amount (at most the amount approved)", .checkUse: "A check of the money's use, with a note",
            .close: "Repaid and closed",
        ]
        return [
            APIOperation(
                .GET, .loans, "Loan dossiers of the caller's units, newest first", tag: tag,
                query: [("status", ["type": "string", "enum": LoanLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "LoanPage"),
            APIOperation(
                .POST, .loans, "Prepare a loan dossier for a household member (18 or older) the programme lends to", tag: tag, request: "LoanCreate",
                response: "Loan", status: 201),
            APIOperation(.GET, .loan(nil), "One loan dossier", tag: tag, response: "Loan"),
            APIOperation(
                .POST, .loanReminders,
                "Remind every borrower with a disbursed loan of the bank's transaction day at the ward, by SMS to the household's phone (a loan already reminded of that day is skipped)",
                tag: tag, request: "LoanReminders", response: "LoanRemindersDone"),
        ]
            + LoanLifecycle.Transition.allCases.map { t in
                APIOperation(.POST, .loanAction(nil, t), summaries[t]!, tag: tag, request: "Loan_" + t.rawValue, response: "Loan")
            }
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], int: [String: Any] = ["type": "integer"], optStr: [String: Any] = ["type": ["string", "null"]]
        let optInt: [String: Any] = ["type": ["integer", "null"]]
        let amount: [String: Any] = ["type": "integer", "minimum": 1, "maximum": 1_000_000_000]
        let fields: [String: [String: Any]] = [
            "date": OpenAPI.date, "amount": amount, "confirmation_number": OpenAPI.name(60), "bank_decision": OpenAPI.name(60),
            "reason": OpenAPI.name(500), "note": OpenAPI.name(500),
        ]
        var out: [String: Any] = [
            "Loan": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "borrower": str, "household_code": str, "programme": str, "purpose": str, "requested": int,
                    "term_months": int, "savings_group": str, "household_class": str,
                    "status": ["type": "string", "enum": LoanLifecycle.State.allCases.map(\.rawValue)], "prepared_on": str, "confirmation_number": optStr,
                    "confirmed_on": optStr, "submitted_on": optStr, "bank_decision": optStr, "approved": optInt, "disbursed": optInt,
                    "disbursed_on": optStr, "use_checked_on": optStr, "use_note": optStr, "closed_on": optStr, "reason": optStr,
                    "next_use_check": optStr, "reminded_for": optStr, "actions": ["type": "array", "items": str],
                ], required: ["id", "programme", "requested", "status", "prepared_on", "actions"]),
            "LoanPage": OpenAPI.page("Loan"),
            "LoanReminders": OpenAPI.request(["date": OpenAPI.date, "location": OpenAPI.name(200)], required: ["date", "location"]),
            "LoanRemindersDone": OpenAPI.obj(
                ["reminded": int, "without_phone": int, "already": int], required: ["reminded", "without_phone", "already"]),
            "LoanCreate": OpenAPI.request(
                [
                    "national_id": ["type": "string", "pattern": "^[0-9]{12}$"],
                    "programme": ["type": "string", "enum": LoanRules.shared.programmes.map(\.code)], "purpose": OpenAPI.name(300),
                    "amount": amount, "term_months": ["type": "integer", "minimum": 1, "maximum": 120], "savings_group": ["type": "string", "maxLength": 200],
                ], required: ["national_id", "programme", "purpose", "amount", "term_months"]),
        ]
        for t in LoanLifecycle.Transition.allCases {
            let need = LoanLifecycle.rule(t).requires
            out["Loan_" + t.rawValue] = OpenAPI.request(fields.filter { need.contains($0.key) }, required: need)
        }
        return out
    }
}
