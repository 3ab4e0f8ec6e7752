import AnsinhCore
import AnsinhStore
import Vapor

/// Health-insurance entitlement lists: make a commune's list for a month, read it by change,
/// export it for the social security agency; record a card issued back on the person.
struct HealthInsuranceController {
    func register(authed: any RoutesBuilder) {
        authed.get(.healthInsurance, use: lists)
        authed.post(.healthInsurance, use: generate)
        authed.get(.healthInsuranceList(nil), use: list)
        authed.get(.healthInsuranceExport(nil), use: export)
        authed.post(.personHealthCard(nil), use: recordCard)
    }

    struct GenerateForm: Content { var commune_id: String?; var month: String? }
    struct CardForm: Content { var card_number: String?; var valid_from: String?; var valid_until: String? }

    func lists(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HealthInsuranceListsPage.render(PageContext(req), try await HealthInsuranceListsPage.model(for: req)))
    }

    func generate(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageAllowances)
        let f = try req.content.decode(GenerateForm.self)
        return try await req.performShowing(back: SiteRoute.healthInsurance.path) {
            guard let commune = UUID(uuidString: f.commune_id ?? "") else { throw AppError.invalid("commune_id", "payroll.error.commune") }
            guard let month = YearMonth(iso: f.month ?? "") else { throw AppError.invalid("month", "allowance.error.month") }
            let id = try await HealthInsuranceRepository(req.store).generate(actor, communeID: commune, month: month)
            return (SiteRoute.healthInsuranceList(id).path, Message("health.generated"))
        }
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HealthInsuranceListPage.render(PageContext(req), try await HealthInsuranceListPage.model(for: req)))
    }

    /// The list in the columns the social security agency reads (CSV or XLSX), every page.
    func export(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let change = try req.queryChoice("change", HealthInsuranceChange.self)
        let repo = HealthInsuranceRepository(req.store)
        var rows: [[String]] = []
        var page = 1
        var month = ""
        while page <= 1000 {
            let (list, p) = try await repo.list(actor, id: id, change: change, page: PageSpec(page: page, perPage: PageSpec.maxPerPage))
            month = list.month.iso
            rows += p.items.map {
                [
                    $0.householdCode, $0.fullName, $0.birth, $0.nationalID ?? "", $0.basis?.rawValue ?? "",
                    $0.change == .removed ? "" : String($0.statePercent),
                    $0.change.rawValue, $0.previousBasis?.rawValue ?? "", $0.cardNumber ?? "", $0.cardValidUntil ?? "",
                ]
            }
            if page >= p.pageCount { break }
            page += 1
        }
        return try await Spreadsheet.response(
            req,
            header: [
                "household_code", "full_name", "birth_date", "national_id", "basis", "state_percent", "change", "previous_basis", "card_number",
                "card_valid_until",
            ], rows: rows, baseName: "health-insurance-\(month)")
    }

    func recordCard(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CardForm.self)
        return try await req.perform(back: SiteRoute.personFacts(id).path, success: Message("health.card_recorded")) {
            _ = try await HealthInsuranceRepository(req.store).recordCard(
                actor, personID: id, number: f.card_number ?? "", validFrom: f.valid_from ?? "", validUntil: f.valid_until ?? "")
        }
    }
}
