import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The home page: who you are, where you work, and what is in your units.
struct HomeController {
    func register(authed: any RoutesBuilder) {
        authed.get(.home, use: home)
    }

    struct Model {
        let unit: UnitView?
        let counts: [(UnitKind, Int)]
        let userCount: Int?
        /// Open sudden-hardship alerts, and how many are older than the highlight threshold.
        let openAlerts: [HardshipView]
        let openAlertCount: Int
        /// Allowance work waiting: applications being handled, cycles not closed.
        let openApplications: Int
        let cycles: [CycleView]
    }

    func home(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        let units = UnitRepository(req.store)
        var counts: [(UnitKind, Int)] = []
        for kind in [UnitKind.province, .commune, .residentialGroup, .centre, .department] {
            let n = try await units.count(actor, kind: kind)
            if n > 0 { counts.append((kind, n)) }
        }
        let userCount =
            actor.role.can(.viewUsers)
            ? try await UserRepository(req.store).list(actor, page: PageSpec(page: 1, perPage: 1)).total : nil
        var alerts: ResultPage<HardshipView>?
        if actor.role.can(.viewRegistry) && actor.role.can(.viewReview) {
            alerts = try await ReviewRepository(req.store).alerts(
                actor, includeResolved: false,
                today: req.today,
                page: PageSpec(page: 1, perPage: 10))
        }
        let allowances = actor.role.can(.viewAllowances)
        let model = Model(
            unit: try await units.home(actor), counts: counts, userCount: userCount,
            openAlerts: alerts?.items ?? [], openAlertCount: alerts?.total ?? 0,
            openApplications: allowances ? try await DecisionRepository(req.store).openApplications(actor) : 0,
            cycles: allowances ? try await PayrollRepository(req.store).waiting(actor) : [])
        return HTMLResponse(HomePage.render(PageContext(req), model))
    }
}
