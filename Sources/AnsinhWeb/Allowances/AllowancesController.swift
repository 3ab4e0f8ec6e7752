import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The allowance calculator: every fact of the evaluation in one form, the amount and the
/// reasons in the user's language. Nothing is stored.
struct AllowancesController {
    /// The facts the registry holds; the circumstances come in a `CircumstanceForm`.
    struct CalculatorForm: Content {
        var month: String?; var birth_date: String?; var gender: String?; var disability_level: String?
        var disability_certificate_date: String?; var hiv: String?; var household_poverty: String?; var area_type: String?
        var ethnic_mountain_difficult_area: String?; var has_pension: String?; var residence: String?; var death_date: String?
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
        authed.get(.personFacts(nil), use: personFacts)
        authed.post(.personFacts(nil), use: recordFacts)
    }

    struct FactsForm: Content { var valid_from: String?; var source_document: String? }

    /// A person's circumstances: this month's evaluation, the dated records and the form.
    func personFacts(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PersonFactsPage.render(PageContext(req), try await PersonFactsPage.model(for: req)))
    }

    /// Records the circumstances from a day; a refused form comes back with its values and the
    /// error of each field (422), nothing written.
    func recordFacts(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageAllowances)
        let id = try req.idParameter()
        let f = try req.content.decode(FactsForm.self), family = try req.content.decode(CircumstanceForm.self)
        let reader = FactReader()
        let circumstances = family.read(reader)
        var errors = reader.errors
        if errors.isEmpty {
            do {
                _ = try await PersonFactsRepository(req.store).record(
                    actor, personID: id, validFrom: f.valid_from ?? "", sourceDocument: f.source_document ?? "", circumstances: circumstances)
                req.flash(.success, Message("facts.recorded"))
                return req.redirect(to: SiteRoute.personFacts(id).path)
            } catch AppError.validation(let list) { errors = list }
        }
        let model = try await PersonFactsPage.model(
            for: req, submitted: (validFrom: f.valid_from ?? "", source: f.source_document ?? "", form: family, errors: errors))
        return try await HTMLResponse(PersonFactsPage.render(PageContext(req), model), status: .unprocessableEntity).encodeResponse(for: req)
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
        let blank = AllowanceCalculatorPage.Model(form: CalculatorForm(month: month.iso), circumstances: CircumstanceForm(), result: nil, errors: [])
        return HTMLResponse(AllowanceCalculatorPage.render(PageContext(req), blank))
    }

    /// Reads the form into facts; every unreadable value is reported with its field.
    static func facts(_ f: CalculatorForm, _ circumstances: CircumstanceForm) -> (YearMonth?, PersonFacts?, [FieldError]) {
        let r = FactReader()
        let checked = RegistryController.checked
        let month = YearMonth(iso: f.month ?? "")
        if month == nil { r.errors.append(FieldError(field: "month", message: Message("allowance.error.month"))) }
        let family = circumstances.read(r)
        guard let birth = r.date("birth_date", f.birth_date, required: true) else { return (month, nil, r.errors) }
        var p = PersonFacts(birthDate: birth)
        p.gender = r.choice("gender", f.gender, Gender.male)
        p.disabilityLevel = r.choice("disability_level", f.disability_level, DisabilityLevel.none)
        p.disabilityCertificateDate = r.date("disability_certificate_date", f.disability_certificate_date)
        p.hiv = checked(f.hiv)
        p.householdPoverty = r.choice("household_poverty", f.household_poverty, HouseholdPoverty.none)
        p.areaType = r.choice("area_type", f.area_type, AreaType.rural)
        p.ethnicMountainDifficultArea = checked(f.ethnic_mountain_difficult_area)
        family.apply(to: &p)
        p.hasPension = checked(f.has_pension)
        p.residence = r.choice("residence", f.residence, Residence.community)
        p.deathDate = r.date("death_date", f.death_date)
        return (month, p, r.errors)
    }

    func calculate(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let f = try req.content.decode(CalculatorForm.self), family = try req.content.decode(CircumstanceForm.self)
        var (month, facts, errors) = Self.facts(f, family)
        var result: AllowanceEvaluation?
        if errors.isEmpty, let month, let facts {
            do {
                result = try AllowanceEngine(rules: try await RuleSettingsRepository(req.store).allowanceRules()).evaluate(facts, month: month)
            } catch AppError.validation(let list) { errors = list }
        }
        return try await HTMLResponse(
            AllowanceCalculatorPage.render(PageContext(req), AllowanceCalculatorPage.Model(form: f, circumstances: family, result: result, errors: errors)),
            status: errors.isEmpty ? .ok : .unprocessableEntity
        ).encodeResponse(for: req)
    }
}
