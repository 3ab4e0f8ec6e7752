import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the eligibility pages: run the rules over the registry for a month, list
/// the runs, read who appears eligible (and who is missed), and the named rule settings. The
/// same repository calls as the pages, so the same permission, scope and audit.
struct EligibilityAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.eligibilityRuns), use: runs)
        api.post(.api(.eligibilityRuns), use: run)
        api.get(.api(.eligibilityRunResults(nil)), use: results)
        api.get(.api(.ruleSettings), use: ruleSettings)
        api.post(.api(.ruleSettings), use: setRule)
    }

    /// One run: the month, how many persons were evaluated and appear eligible, the monthly total.
    struct RunDTO: Content {
        let id: UUID; let month: String; let persons: Int; let eligible: Int; let totalAmount: Int64; let runBy: String; let at: Date?
        init(_ r: EligibilityRunView) {
            id = r.id; month = r.month.iso; persons = r.persons; eligible = r.eligible; totalAmount = r.totalAmount; runBy = r.runBy; at = r.at
        }
    }
    /// A person who appears eligible, and what Ansinh knows of them now (`paid`, `pending`,
    /// `missed`). Sensitive categories are left out for a role without their permission.
    struct ResultDTO: Content {
        let personId: UUID; let fullName: String; let birth: String; let householdId: UUID; let householdCode: String
        let monthlyAmount: Int64; let careSupport: Int64; let categories: [String]; let status: String
        init(_ r: EligibilityResultView) {
            personId = r.personID; fullName = r.fullName; birth = r.birth; householdId = r.householdID; householdCode = r.householdCode
            monthlyAmount = r.amount; careSupport = r.careAmount; categories = r.categories; status = r.status
        }
    }
    struct Results: Encodable, Sendable { let run: RunDTO; let results: APIPage<ResultDTO> }
    struct RunRequest: Content { let month: String }
    struct RuleSettingDTO: Content { let name: String; let note: String; let defaultValue: Bool; let value: Bool; let changedBy: String? }
    struct RuleSettingChange: Content { let name: String; let value: Bool }

    func runs(req: Request) async throws -> APIJSON<[RunDTO]> {
        APIJSON(try await EligibilityRepository(req.store).runs(try req.requireActor()).map(RunDTO.init))
    }

    /// Evaluates every person in the caller's units for the month (as the page's "run"); answers
    /// when the run is stored.
    func run(req: Request) async throws -> APIJSON<RunDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let b = try req.json(RunRequest.self)
        guard let month = YearMonth(iso: b.month) else { throw AppError.invalid("month", "allowance.error.month") }
        return APIJSON(RunDTO(try await EligibilityRepository(req.store).run(a, month: month)), status: .created)
    }

    func results(req: Request) async throws -> APIJSON<Results> {
        let a = try req.requireActor()
        let show = try req.queryChoice("show", EligibilityFilter.self) ?? .all
        let (run, page) = try await EligibilityRepository(req.store).results(a, runID: try req.idParameter(), page: try req.pageSpec, filter: show)
        return APIJSON(Results(run: RunDTO(run), results: APIPage(page, ResultDTO.init)))
    }

    func ruleSettings(req: Request) async throws -> APIJSON<[RuleSettingDTO]> {
        let list = try await RuleSettingsRepository(req.store).list(try req.requireActor())
        return APIJSON(list.map { RuleSettingDTO(name: $0.name, note: $0.note, defaultValue: $0.defaultValue, value: $0.value, changedBy: $0.changedBy) })
    }

    /// Turns a named rule setting on or off (national administrators only), as the page does.
    func setRule(req: Request) async throws -> APIJSON<[RuleSettingDTO]> {
        let a = try req.requireActor()
        let b = try req.json(RuleSettingChange.self)
        try await RuleSettingsRepository(req.store).set(a, name: b.name, value: b.value)
        return try await ruleSettings(req: req)
    }

    static var operations: [APIOperation] {
        let tag = "allowances"
        return [
            APIOperation(.GET, .eligibilityRuns, "The last 50 eligibility runs in scope, newest first", tag: tag, response: "EligibilityRunList"),
            APIOperation(
                .POST, .eligibilityRuns, "Evaluate every person in the caller's units for a month and store who appears eligible", tag: tag,
                request: "EligibilityRunRequest", response: "EligibilityRun", status: 201),
            APIOperation(
                .GET, .eligibilityRunResults(nil), "Who appears eligible in a run, each paid, pending or missed (show=missed: only the missed)",
                tag: tag, query: [("show", ["type": "string", "enum": EligibilityFilter.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "EligibilityResults"),
            APIOperation(
                .GET, .ruleSettings, "The named rule settings (uncertain rules), their defaults and who changed them", tag: tag, response: "RuleSettingList"),
            APIOperation(
                .POST, .ruleSettings, "Turn a named rule setting on or off (national administrators)", tag: tag, request: "RuleSettingChange",
                response: "RuleSettingList"),
        ]
    }

    static var schemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let str: [String: Any] = ["type": "string"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let run = OpenAPI.obj(
            [
                "id": uuid, "month": str, "persons": int, "eligible": int, "total_amount": int, "run_by": str,
                "at": ["type": ["string", "null"], "format": "date-time"],
            ], required: ["id", "month", "persons", "eligible", "total_amount", "run_by"])
        let result = OpenAPI.obj(
            [
                "person_id": uuid, "full_name": str, "birth": str, "household_id": uuid, "household_code": str, "monthly_amount": int,
                "care_support": int, "categories": ["type": "array", "items": str], "status": ["type": "string", "enum": ["paid", "pending", "missed"]],
            ], required: ["person_id", "full_name", "household_code", "monthly_amount", "status"])
        let setting = OpenAPI.obj(
            ["name": str, "note": str, "default_value": ["type": "boolean"], "value": ["type": "boolean"], "changed_by": ["type": ["string", "null"]]],
            required: ["name", "value", "default_value"])
        return [
            "EligibilityRun": run,
            "EligibilityRunList": ["type": "array", "items": OpenAPI.ref("EligibilityRun")],
            "EligibilityRunRequest": OpenAPI.request(["month": ["type": "string", "pattern": OpenAPI.monthPattern]], required: ["month"]),
            "EligibilityResult": result,
            "EligibilityResults": OpenAPI.obj(
                ["run": OpenAPI.ref("EligibilityRun"), "results": OpenAPI.page("EligibilityResult")], required: ["run", "results"]),
            "RuleSetting": setting,
            "RuleSettingList": ["type": "array", "items": OpenAPI.ref("RuleSetting")],
            "RuleSettingChange": OpenAPI.request(
                ["name": ["type": "string", "enum": AllowanceRules.shared.settingDefaults.keys.sorted()], "value": ["type": "boolean"]],
                required: ["name", "value"]),
        ]
    }
}
