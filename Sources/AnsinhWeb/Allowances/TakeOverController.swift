import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The paper list of beneficiaries taken over in one file (`DecisionRepository.takeOver`):
/// the form, the check or the import, and the template.
struct TakeOverController {
    func register(authed: any RoutesBuilder) {
        authed.get(.takeOver, use: page)
        authed.upload(.takeOver, use: upload)
        authed.get(.takeOverTemplate, use: template)
    }

    static func model(_ ctx: PageContext, report: RowImportReport?) -> RowImportPage.Model {
        RowImportPage.Model(
            title: ctx.t("take_over.title"), intro: ctx.t("take_over.intro"), action: SiteRoute.takeOver.path,
            templatePath: SiteRoute.takeOverTemplate.path, back: SiteRoute.applications.path, backLabel: ctx.t("decision.applications"),
            columns: TakeOverImport.columns, options: [], report: report)
    }

    func page(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try actor.require(LedgerLifecycle.rule(.start).permission)
        let ctx = PageContext(req)
        return HTMLResponse(RowImportPage.render(ctx, Self.model(ctx, report: nil)))
    }

    func upload(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try actor.require(LedgerLifecycle.rule(.start).permission)  // before the file is read
        let (data, dryRun, _) = try RowImportForm.read(req)
        let report = try await DecisionRepository(req.store).takeOver(actor, data: data, dryRun: dryRun, today: req.today)
        let ctx = PageContext(req)
        return HTMLResponse(RowImportPage.render(ctx, Self.model(ctx, report: report)))
    }

    func template(req: Request) async throws -> Response {
        _ = try req.requireActor()
        return try await RowImportForm.template(
            req, columns: TakeOverImport.columns,
            example: [
                "001050000123", "Nguyễn Văn An", "allowance", "15/QĐ-UBND", "2023-03-10", "2023-04", "2025-10", "", "person", "", "cash", "",
            ], baseName: "ansinh-take-over")
    }
}

/// The API twin: the file is the body; `?dry_run=true` only checks.
struct TakeOverAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.upload(.api(.takeOver), use: run)
    }

    func run(req: Request) async throws -> APIJSON<RowImportForm.ReportDTO> {
        let a = try req.requireActor()
        try a.require(LedgerLifecycle.rule(.start).permission)
        let (data, dryRun) = try RowImportForm.readAPI(req)
        return APIJSON(try RowImportForm.ReportDTO(try await DecisionRepository(req.store).takeOver(a, data: data, dryRun: dryRun, today: req.today)))
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .POST, .takeOver,
                "Take over the paper list of beneficiaries (CSV or XLSX as the body): each row a start decision paid from the month after paid_through; every row checked, nothing written if one is bad; idempotent",
                tag: "allowances", query: RowImportForm.query, request: "ImportFile", requestType: "text/csv", response: "RowImport")
        ]
    }

    static var schemas: [String: Any] { [:] }
}
