import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of small-business support: plans (list by state, new), one plan, support given,
/// each step of `BusinessLifecycle` — the same repository, permissions, scope and audit as the
/// pages.
struct BusinessAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.businessPlans)) { req async throws -> APIJSON<APIPage<PlanDTO>> in
            let actor = try req.requireActor()
            let status = try req.queryChoice("status", BusinessLifecycle.State.self)
            return APIJSON(APIPage(try await LivelihoodRepository(req.store).plans(actor, status: status, page: req.pageSpec).map(PlanDTO.init)))
        }
        api.post(.api(.businessPlans)) { req async throws -> APIJSON<PlanDTO> in
            let actor = try LivelihoodAPI.manager(req)
            let b = try req.json(PlanBody.self)
            try APIInput.limit([("name", b.name, 200), ("plan", b.plan, 2000)])
            var input = BusinessPlanInput()
            input.nationalID = try LivelihoodAPI.nationalID(b.nationalId); input.kind = b.kind; input.name = b.name; input.plan = b.plan
            input.capital = b.capital
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.createPlan(actor, input, today: req.today)
            return APIJSON(PlanDTO(try await repo.plan(actor, id: id)), status: .created)
        }
        api.get(.api(.businessPlan(nil))) { req async throws -> APIJSON<PlanDTO> in
            APIJSON(PlanDTO(try await LivelihoodRepository(req.store).plan(try req.requireActor(), id: try req.idParameter())))
        }
        api.post(.api(.businessSupports(nil))) { req async throws -> APIJSON<PlanDTO> in
            let actor = try LivelihoodAPI.manager(req)
            let id = try req.idParameter()
            let b = try req.json(SupportBody.self)
            try APIInput.limit([("note", b.note, 500)])
            var input = BusinessSupportInput()
            input.kind = b.kind; input.day = b.day; input.amount = b.amount; input.loanID = b.loanId; input.note = b.note ?? ""
            let repo = LivelihoodRepository(req.store)
            try await repo.addSupport(actor, plan: id, input, today: req.today)
            return APIJSON(PlanDTO(try await repo.plan(actor, id: id)), status: .created)
        }
        for t in BusinessLifecycle.Transition.allCases {
            api.post(.api(.businessAction(nil, t))) { req async throws -> APIJSON<PlanDTO> in
                let actor = try LivelihoodAPI.manager(req)
                let id = try req.idParameter()
                let b = try req.json(StepBody.self)
                try APIInput.limit([("reason", b.reason, 500), ("note", b.note, 500)])
                var input = BusinessStepInput()
                input.date = b.date ?? ""; input.outcome = b.outcome ?? ""; input.reason = b.reason ?? ""; input.note = b.note ?? ""
                input.income = b.monthlyIncome
                let repo = LivelihoodRepository(req.store)
                try await repo.step(actor, plan: id, t, input, today: req.today)
                return APIJSON(PlanDTO(try await repo.plan(actor, id: id)))
            }
        }
    }

    struct PlanBody: Content { let nationalId: String; let kind: String; let name: String; let plan: String; let capital: Int64 }
    struct SupportBody: Content { let kind: String; let day: String; let amount: Int64?; let loanId: UUID?; let note: String? }
    struct StepBody: Content { let date: String?; let outcome: String?; let monthlyIncome: Int64?; let note: String?; let reason: String? }
    struct SupportDTO: Content { let kind: String; let day: String; let amount: Int64; let loan: String?; let note: String }
    struct FollowUpDTO: Content { let day: String; let outcome: String; let monthlyIncome: Int64; let note: String }
    struct PlanDTO: Content {
        let id: UUID; let owner: String; let householdCode: String; let kind: String; let name: String; let plan: String; let capital: Int64
        let status: String; let plannedOn: String; let startedOn: String?; let closedOn: String?; let reason: String?; let supports: [SupportDTO]
        let followUps: [FollowUpDTO]
        init(_ p: BusinessPlan) {
            id = p.id; owner = p.owner; householdCode = p.householdCode; kind = p.kind.rawValue; name = p.name; plan = p.plan; capital = p.capital
            status = p.status.rawValue; plannedOn = p.plannedOn; startedOn = p.startedOn; closedOn = p.closedOn; reason = p.reason
            supports = p.supports.map { SupportDTO(kind: $0.kind.rawValue, day: $0.day, amount: $0.amount, loan: $0.loan, note: $0.note) }
            followUps = p.followUps.map { FollowUpDTO(day: $0.day, outcome: $0.outcome.rawValue, monthlyIncome: $0.monthlyIncome, note: $0.note) }
        }
    }

    static var operations: [APIOperation] {
        let tag = "livelihood"
        let summaries: [BusinessLifecycle.Transition: String] = [
            .start: "The business opened (the day)", .followUp: "A follow-up: how it is doing and its monthly income",
            .close: "Closed (the day, the reason), also a plan that never started",
        ]
        return [
            APIOperation(
                .GET, .businessPlans, "Small-business plans of the caller's units, newest first", tag: tag,
                query: [("status", ["type": "string", "enum": BusinessLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "BusinessPlanPage"),
            APIOperation(
                .POST, .businessPlans, "A small-business plan for a household member (15 or older)", tag: tag, request: "BusinessPlanCreate",
                response: "BusinessPlan", status: 201),
            APIOperation(.GET, .businessPlan(nil), "One plan with its support and follow-ups", tag: tag, response: "BusinessPlan"),
            APIOperation(
                .POST, .businessSupports(nil), "Support given to a plan not closed (a loan line names the household's loan)", tag: tag,
                request: "BusinessSupportCreate", response: "BusinessPlan", status: 201),
        ]
            + BusinessLifecycle.Transition.allCases.map { t in
                APIOperation(.POST, .businessAction(nil, t), summaries[t]!, tag: tag, request: "BusinessPlan_" + t.rawValue, response: "BusinessPlan")
            }
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], int: [String: Any] = ["type": "integer"], optStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let fields: [String: [String: Any]] = [
            "date": OpenAPI.date, "outcome": ["type": "string", "enum": BusinessOutcome.allCases.map(\.rawValue)],
            "monthly_income": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000], "note": ["type": "string", "maxLength": 500],
            "reason": OpenAPI.name(500),
        ]
        let optional: [BusinessLifecycle.Transition: [String]] = [.followUp: ["monthly_income", "note"]]
        var out: [String: Any] = [
            "BusinessPlan": OpenAPI.obj(
                [
                    "id": uuid, "owner": str, "household_code": str, "kind": ["type": "string", "enum": BusinessKind.allCases.map(\.rawValue)], "name": str,
                    "plan": str, "capital": int, "status": ["type": "string", "enum": BusinessLifecycle.State.allCases.map(\.rawValue)], "planned_on": str,
                    "started_on": optStr, "closed_on": optStr, "reason": optStr,
                    "supports": [
                        "type": "array",
                        "items": OpenAPI.obj(["kind": str, "day": str, "amount": int, "loan": optStr, "note": str], required: ["kind", "day", "amount"]),
                    ],
                    "follow_ups": [
                        "type": "array",
                        "items": OpenAPI.obj(["day": str, "outcome": str, "monthly_income": int, "note": str], required: ["day", "outcome"]),
                    ],
                ], required: ["id", "kind", "name", "status", "supports", "follow_ups"]),
            "BusinessPlanPage": OpenAPI.page("BusinessPlan"),
            "BusinessPlanCreate": OpenAPI.request(
                [
                    "national_id": ["type": "string", "pattern": "^[0-9]{12}$"], "kind": ["type": "string", "enum": BusinessKind.allCases.map(\.rawValue)],
                    "name": OpenAPI.name(200), "plan": OpenAPI.name(2000), "capital": ["type": "integer", "minimum": 0, "maximum": 10_000_000_000],
                ], required: ["national_id", "kind", "name", "plan", "capital"]),
            "BusinessSupportCreate": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": BusinessSupportKind.allCases.map(\.rawValue)], "day": OpenAPI.date,
                    "amount": ["type": "integer", "minimum": 0, "maximum": 10_000_000_000], "loan_id": uuid, "note": ["type": "string", "maxLength": 500],
                ], required: ["kind", "day"]),
        ]
        for t in BusinessLifecycle.Transition.allCases {
            let need = BusinessLifecycle.rule(t).requires
            out["BusinessPlan_" + t.rawValue] = OpenAPI.request(
                fields.filter { need.contains($0.key) || optional[t, default: []].contains($0.key) }, required: need)
        }
        return out
    }
}
