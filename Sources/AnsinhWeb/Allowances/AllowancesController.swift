import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The allowance calculator: every fact of the evaluation in one form, the amount and the
/// reasons in the user's language. Nothing is stored.
struct AllowancesController {
    struct CalculatorForm: Content {
        var month: String?; var birth_date: String?; var gender: String?; var disability_level: String?
        var disability_certificate_date: String?; var hiv: String?; var household_poverty: String?; var area_type: String?
        var ethnic_mountain_difficult_area: String?; var marital_status: String?; var parent1: String?; var parent2: String?
        var abandoned: String?; var children: String?; var children_studying: String?; var studying: String?; var first_degree: String?
        var has_pension: String?; var has_monthly_social_insurance: String?; var supporter: String?; var residence: String?
        var cared_by_community_carer: String?; var needs_facility_care: String?; var pregnant: String?; var death_date: String?
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.allowanceCalculator, use: calculator)
        authed.post(.allowanceCalculator, use: calculate)
        authed.get(.ruleSettings, use: ruleSettings)
        authed.post(.ruleSettings, use: setRule)
        authed.get(.eligibility, use: eligibility)
        authed.post(.eligibilityRun, use: runEligibility)
        authed.get(.eligibilityResults(nil), use: eligibilityResults)
        authed.get(.eligibilityExport(nil), use: eligibilityExport)
    }

    struct RunForm: Content { var month: String? }
    struct RuleForm: Content { var name: String?; var value: String? }

    /// The named rule settings (uncertain rules of the policy sheet) and who changed them.
    func ruleSettings(req: Request) async throws -> HTMLResponse {
        HTMLResponse(RuleSettingsPage.render(PageContext(req), try await RuleSettingsPage.model(for: req)))
    }

    func setRule(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(RuleForm.self)
        return try await req.perform(back: SiteRoute.ruleSettings.path, success: Message("common.saved")) {
            try await RuleSettingsRepository(req.store).set(actor, name: f.name ?? "", value: f.value == "on")
        }
    }

    func eligibility(req: Request) async throws -> HTMLResponse {
        HTMLResponse(EligibilityRunsPage.render(PageContext(req), try await EligibilityRunsPage.model(for: req)))
    }

    func runEligibility(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(RunForm.self)
        return try await req.performShowing(back: SiteRoute.eligibility.path) {
            guard let month = YearMonth(iso: f.month ?? "") else { throw AppError.invalid("month", "allowance.error.month") }
            let run = try await EligibilityRepository(req.store).run(actor, month: month)
            return (SiteRoute.eligibilityResults(run.id).path, Message("allowance.run_done", ["eligible": "\(run.eligible)", "persons": "\(run.persons)"]))
        }
    }

    func eligibilityResults(req: Request) async throws -> HTMLResponse {
        HTMLResponse(EligibilityResultsPage.render(PageContext(req), try await EligibilityResultsPage.model(for: req)))
    }

    func eligibilityExport(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        var rows: [[String]] = []
        var page = 1
        var month = ""
        while page <= 500 {
            let (run, p) = try await EligibilityRepository(req.store).results(actor, runID: id, page: PageSpec(page: page, perPage: PageSpec.maxPerPage))
            month = run.month.iso
            rows += p.items.map {
                [$0.householdCode, $0.fullName, $0.birth, String($0.amount), String($0.careAmount), $0.categories.joined(separator: " "), $0.status]
            }
            if page >= p.pageCount { break }
            page += 1
        }
        return try await Spreadsheet.response(
            req, header: ["household_code", "full_name", "birth_date", "monthly_amount", "care_support", "categories", "status"],
            rows: rows, baseName: "eligibility-\(month)")
    }

    func calculator(req: Request) async throws -> HTMLResponse {
        _ = try req.requireActor()
        let month = req.today.yearMonth
        let blank = AllowanceCalculatorPage.Model(form: CalculatorForm(month: month.iso), result: nil, errors: [])
        return HTMLResponse(AllowanceCalculatorPage.render(PageContext(req), blank))
    }

    /// Reads the form into facts; every unreadable value is reported with its field.
    static func facts(_ f: CalculatorForm) -> (YearMonth?, PersonFacts?, [FieldError]) {
        var errors: [FieldError] = []
        func date(_ field: String, _ value: String?, required: Bool = false) -> LocalDate? {
            let v = (value ?? "").trimmingCharacters(in: .whitespaces)
            if v.isEmpty { if required { errors.append(FieldError(field: field, message: Message("validation.required"))) }; return nil }
            guard let d = LocalDate(iso: v) else { errors.append(FieldError(field: field, message: Message("validation.date"))); return nil }
            return d
        }
        func choice<T: RawRepresentable>(_ field: String, _ value: String?, _ fallback: T) -> T where T.RawValue == String {
            guard let v = value, !v.isEmpty else { return fallback }
            guard let t = T(rawValue: v) else { errors.append(FieldError(field: field, message: Message("validation.choice"))); return fallback }
            return t
        }
        func dates(_ field: String, _ value: String?) -> [LocalDate] {
            (value ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" }).compactMap { s in
                guard let d = LocalDate(iso: String(s)) else { errors.append(FieldError(field: field, message: Message("validation.date"))); return nil }
                return d
            }
        }
        let checked = RegistryController.checked
        let month = YearMonth(iso: f.month ?? "")
        if month == nil { errors.append(FieldError(field: "month", message: Message("allowance.error.month"))) }
        guard let birth = date("birth_date", f.birth_date, required: true) else { return (month, nil, errors) }
        var p = PersonFacts(birthDate: birth)
        p.gender = choice("gender", f.gender, Gender.male)
        p.disabilityLevel = choice("disability_level", f.disability_level, DisabilityLevel.none)
        p.disabilityCertificateDate = date("disability_certificate_date", f.disability_certificate_date)
        p.hiv = checked(f.hiv)
        p.householdPoverty = choice("household_poverty", f.household_poverty, HouseholdPoverty.none)
        p.areaType = choice("area_type", f.area_type, AreaType.rural)
        p.ethnicMountainDifficultArea = checked(f.ethnic_mountain_difficult_area)
        p.maritalStatus = choice("marital_status", f.marital_status, MaritalStatus.married)
        p.parents = [f.parent1, f.parent2].enumerated().compactMap { i, v in
            guard let v, !v.isEmpty else { return nil }
            return ParentFact(status: choice("parent\(i + 1)", v, ParentStatus.unknown))
        }
        p.abandoned = checked(f.abandoned)
        p.childrenRaised =
            dates("children", f.children).map { ChildFact(birthDate: $0) }
            + dates("children_studying", f.children_studying).map { ChildFact(birthDate: $0, studying: true) }
        p.studying = choice("studying", f.studying, Studying.none)
        p.firstDegree = checked(f.first_degree)
        p.hasPension = checked(f.has_pension)
        p.hasMonthlySocialInsurance = checked(f.has_monthly_social_insurance)
        p.supporter = choice("supporter", f.supporter, Supporter.present)
        p.residence = choice("residence", f.residence, Residence.community)
        p.caredByCommunityCarer = checked(f.cared_by_community_carer)
        p.needsFacilityCare = checked(f.needs_facility_care)
        p.pregnant = checked(f.pregnant)
        p.deathDate = date("death_date", f.death_date)
        return (month, p, errors)
    }

    func calculate(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let f = try req.content.decode(CalculatorForm.self)
        var (month, facts, errors) = Self.facts(f)
        var result: AllowanceEvaluation?
        if errors.isEmpty, let month, let facts {
            do {
                result = try AllowanceEngine(rules: try await RuleSettingsRepository(req.store).allowanceRules()).evaluate(facts, month: month)
            } catch AppError.validation(let list) { errors = list }
        }
        return try await HTMLResponse(
            AllowanceCalculatorPage.render(PageContext(req), AllowanceCalculatorPage.Model(form: f, result: result, errors: errors)),
            status: errors.isEmpty ? .ok : .unprocessableEntity
        ).encodeResponse(for: req)
    }
}
