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
        authed.post(.caseHold(nil), use: hold)
        authed.upload(.caseDocuments(nil), use: upload)
        authed.get(.caseDocument(nil), use: download)
        authed.get(.caseSettings, use: settings)
        authed.get(.casesExport, use: export)
        authed.post(.caseSettings, use: setSetting)
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

    /// Puts the case under legal hold (a reason given) or releases it (none).
    func hold(req: Request) async throws -> Response {
        try await RetentionSection.hold(req, CaseModel.self, back: { SiteRoute.caseItem($0) })
    }

    struct DocumentForm: Content { var file: File?; var title: String? }

    /// A file for the case, sent as an officer does from the form (multipart).
    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        try actor.require(.manageCases)  // before the file is read
        let f = try req.content.decode(DocumentForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("case.document_added")) {
            guard let file = f.file else { throw AppError.invalid("file", "import.no_file") }
            try await CaseRepository(req.store).addDocument(actor, caseID: id, title: f.title ?? "", fileName: file.filename, data: Data(buffer: file.data))
        }
    }

    func download(req: Request) async throws -> Response {
        let (d, data) = try await CaseRepository(req.store).document(try req.requireActor(), id: try req.idParameter())
        return Self.file(data, kind: d.kind, fileName: d.fileName)
    }

    /// A stored file (a case's, a resident's request's) as an attachment, with its own type
    /// (never guessed by the browser).
    static func file(_ data: Data, kind: DocumentKind, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: kind.contentType)
        let ascii = fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? String($0) : "_" }.joined()
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// The case list with the same filter, as CSV or XLSX (audited): who the person is only for a
    /// role that sees the child-protection class, as on the page.
    func export(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let ctx = PageContext(req)
        let filter = CaseFilter(
            status: req.query[String.self, at: "status"].flatMap(CaseLifecycle.State.init(rawValue:)),
            kind: req.query[String.self, at: "kind"].flatMap(CaseKind.init(rawValue:)))
        let zone = req.services.config.timeZone
        var rows: [[String]] = []
        var page = 1
        while page <= 500 {
            let p = try await CaseRepository(req.store).list(actor, filter, page: PageSpec(page: page, perPage: 200))
            rows += p.items.map { c in
                [
                    c.number, ctx.timestamp(c.receivedAt, zone: zone), c.personName, ctx.t("case.kind.\(c.kind.rawValue)"),
                    ctx.t("case.risk.\(c.riskLevel.rawValue)"), ctx.t("case.placement.\(c.placement.rawValue)"),
                    ctx.t("case.status.\(c.status.rawValue)"), c.worker, c.unitName,
                ]
            }
            if page >= p.pageCount { break }
            page += 1
        }
        return try await Spreadsheet.response(
            req,
            header: [
                ctx.t("case.number"), ctx.t("case.received_at"), ctx.t("field.full_name"), ctx.t("case.kind"), ctx.t("case.risk_level"),
                ctx.t("case.placement"), ctx.t("field.state"), ctx.t("case.worker"), ctx.t("case.unit"),
            ], rows: rows, baseName: "cases")
    }

    struct SettingForm: Content { var name: String?; var value: String? }

    func settings(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CaseSettingsPage.render(PageContext(req), try await CaseSettingsPage.model(for: req)))
    }

    func setSetting(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(SettingForm.self)
        return try await req.perform(back: SiteRoute.caseSettings.path, success: Message("common.saved")) {
            guard actor.role == .systemAdmin else { throw AppError.forbidden }
            guard let v = Int((f.value ?? "").trimmingCharacters(in: .whitespaces)) else { throw AppError.invalid("value", "validation.number") }
            try await CaseSettingsRepository(req.store).set(actor, name: f.name ?? "", value: v)
        }
    }

    func report(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CentreReportPage.render(PageContext(req), try await CentreReportPage.model(for: req)))
    }
}
