import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The case pages: list, intake, one case and its steps, the centre's report.
struct CasesController {
    struct CaseForm: Content {
        var person_name: String?; var person_gender: String?; var person_birth_year: String?; var kind: String?; var source: String?
        var risk_level: String?; var risk_reason: String?; var received_at: String?; var placement: String?; var shelter_from: String?
        /// A person of the registry chosen by the search before intake.
        var person_id: String?
        /// "1": the officer confirmed that no open case is about this person.
        var not_duplicate: String?
    }
    struct TransferForm: Content { var worker: String?; var reason: String? }
    struct EntryForm: Content { var kind: String?; var on: String?; var text: String?; var given_by: String? }
    struct StepForm: Content {
        var transition: String?; var risk_level: String?; var risk_reason: String?; var assessment: String?; var goal: String?
        var responsible: String?; var due_date: String?; var closure_reason: String?; var outcome: String?; var reason: String?
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.cases, use: list)
        authed.get(.caseNew, use: newCase)
        authed.post(.cases, use: open)
        authed.get(.caseItem(nil), use: item)
        authed.post(.caseStep(nil), use: step)
        authed.post(.caseEntries(nil), use: addEntry)
        authed.post(.caseWorker(nil), use: transfer)
        authed.get(.centreReport, use: report)
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CasesPage.render(PageContext(req), try await CasesPage.model(for: req)))
    }

    func newCase(req: Request) async throws -> HTMLResponse {
        try req.requireActor().require(.manageCases)
        // The search before intake: the name (and birth year) typed is looked up in the registry
        // and among the open cases.
        var form = CaseForm()
        form.person_name = req.query[String.self, at: "person_name"]; form.person_birth_year = req.query[String.self, at: "person_birth_year"]
        form.person_id = req.query[String.self, at: "person_id"]
        return HTMLResponse(CaseFormPage.render(PageContext(req), try await CaseFormPage.model(for: req, form: form, errors: [])))
    }

    func open(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(CaseForm.self)
        do {
            var input = CaseInput()
            input.kind = f.kind ?? ""; input.source = f.source ?? ""; input.riskLevel = f.risk_level ?? ""; input.riskReason = f.risk_reason ?? ""
            input.placement = f.placement ?? ""; input.shelterFrom = f.shelter_from ?? ""
            input.personName = f.person_name ?? ""; input.personGender = f.person_gender ?? ""
            input.personID = f.person_id.flatMap(UUID.init(uuidString:)); input.notDuplicate = f.not_duplicate == "1"
            if let y = f.person_birth_year?.trimmingCharacters(in: .whitespaces), !y.isEmpty {
                guard let year = Int(y) else { throw AppError.invalid("person_birth_year", "validation.number") }
                input.personBirthYear = year
            }
            input.receivedAt = try req.localDateTime(f.received_at, field: "received_at")
            let c = try await CaseRepository(req.store).open(actor, input)
            req.flash(.success, Message("case.opened", ["number": c.number]))
            return req.redirect(to: SiteRoute.caseItem(c.id).path)
        } catch AppError.validation(let errors) {
            let page = CaseFormPage.render(PageContext(req), try await CaseFormPage.model(for: req, form: f, errors: errors))
            return HTMLResponse(page, status: .unprocessableEntity).response()
        }
    }

    func item(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CasePage.render(PageContext(req), try await CasePage.model(for: req)))
    }

    func step(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(StepForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("case.step_done")) {
            guard let t = CaseLifecycle.Transition(rawValue: f.transition ?? "") else { throw AppError.invalid("transition", "validation.choice") }
            let fields = [String: String](present: [
                ("risk_level", f.risk_level), ("risk_reason", f.risk_reason), ("assessment", f.assessment), ("goal", f.goal),
                ("responsible", f.responsible), ("due_date", f.due_date), ("closure_reason", f.closure_reason), ("outcome", f.outcome),
                ("reason", f.reason),
            ])
            try await CaseRepository(req.store).transition(actor, id: id, t, fields: fields)
        }
    }

    func addEntry(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(EntryForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("case.entry_recorded")) {
            try await CaseRepository(req.store).addEntry(
                actor, caseID: id, kind: f.kind ?? "", on: f.on ?? "", text: f.text ?? "", givenBy: f.given_by ?? "")
        }
    }

    func transfer(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(TransferForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("case.transferred", ["user": f.worker ?? ""])) {
            try await CaseRepository(req.store).transfer(actor, caseID: id, to: f.worker ?? "", reason: f.reason ?? "")
        }
    }

    func report(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CentreReportPage.render(PageContext(req), try await CentreReportPage.model(for: req)))
    }
}
