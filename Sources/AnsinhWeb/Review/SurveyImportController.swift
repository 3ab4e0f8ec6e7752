import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A campaign's survey results from the survey teams' spreadsheet (`ReviewRepository.importSurveys`):
/// the form, the check or the import, and the template.
struct SurveyImportController {
    func register(authed: any RoutesBuilder) {
        authed.get(.reviewSurveyImport(nil), use: page)
        authed.upload(.reviewSurveyImport(nil), use: upload)
        authed.get(.reviewSurveyTemplate, use: template)
    }

    static func model(_ ctx: PageContext, campaignID: UUID, report: RowImportReport?, addUnlisted: Bool) -> RowImportPage.Model {
        RowImportPage.Model(
            title: ctx.t("review.survey_import"), intro: ctx.t("review.survey_import_intro"),
            action: SiteRoute.reviewSurveyImport(campaignID).path, templatePath: SiteRoute.reviewSurveyTemplate.path,
            back: SiteRoute.reviewCampaign(campaignID).path, backLabel: ctx.t("review.back_to_campaign"), columns: SurveyImport.columns,
            options: [RowImportPage.Option(name: "add_unlisted", label: ctx.t("review.survey_import_add"), checked: addUnlisted)], report: report)
    }

    func page(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        try CampaignLifecycle.authorize(.classify, role: actor.role)
        _ = try await ReviewRepository(req.store).campaign(actor, id: id)  // in scope, or 404
        let ctx = PageContext(req)
        return HTMLResponse(RowImportPage.render(ctx, Self.model(ctx, campaignID: id, report: nil, addUnlisted: false)))
    }

    func upload(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try CampaignLifecycle.authorize(.classify, role: actor.role)  // before the file is read
        let id = try req.idParameter()
        let (data, dryRun, form) = try RowImportForm.read(req)
        let add = RegistryController.checked(form.add_unlisted)
        let report = try await ReviewRepository(req.store).importSurveys(
            actor, campaignID: id, data: data, addUnlisted: add, dryRun: dryRun, today: req.today)
        let ctx = PageContext(req)
        return HTMLResponse(RowImportPage.render(ctx, Self.model(ctx, campaignID: id, report: report, addUnlisted: add)))
    }

    func template(req: Request) async throws -> Response {
        _ = try req.requireActor()
        return try await RowImportForm.template(
            req, columns: SurveyImport.columns, example: ["00364-H0001", "1.500.000", "health_insurance water", "Nguyễn Thị Hoa", req.today.iso],
            baseName: "ansinh-survey-results")
    }
}

/// The API twin: the file is the body; `?dry_run=true` only checks; `?add_unlisted=true` adds
/// the commune's households that are not on the list as requests.
struct SurveyImportAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.upload(.api(.reviewSurveyImport(nil)), use: run)
    }

    func run(req: Request) async throws -> APIJSON<RowImportForm.ReportDTO> {
        let a = try req.requireActor()
        try CampaignLifecycle.authorize(.classify, role: a.role)
        let id = try req.idParameter()
        let (data, dryRun) = try RowImportForm.readAPI(req)
        let add = req.query[String.self, at: "add_unlisted"]
        guard add == nil || add == "true" || add == "false" else { throw AppError.invalid("add_unlisted", "validation.type") }
        let report = try await ReviewRepository(req.store).importSurveys(
            a, campaignID: id, data: data, addUnlisted: add == "true", dryRun: dryRun, today: req.today)
        return APIJSON(try RowImportForm.ReportDTO(report))
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .POST, .reviewSurveyImport(nil),
                "Import the campaign's survey results (CSV or XLSX as the body): every row checked, nothing written if one is bad; each household classified; idempotent",
                tag: "review", query: RowImportForm.query + [("add_unlisted", ["type": "string", "enum": ["true", "false"]])], request: "ImportFile",
                requestType: "text/csv", response: "RowImport")
        ]
    }

    static var schemas: [String: Any] { ["RowImport": RowImportForm.schema] }
}
