import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The health-insurance entitlement lists of the user's communes, and the form that makes a
/// commune's list for a month.
enum HealthInsuranceListsPage: Page {
    struct Model: Sendable {
        let lists: [HealthInsuranceListRecord]
        /// The communes the user may make a list for (empty: no form).
        let communes: [(id: UUID, name: String)]
        let month: String
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let lists = try await HealthInsuranceRepository(req.store).lists(actor)
        let communes = actor.role.can(.manageAllowances) ? try await PayrollRepository(req.store).communes(actor).map { (id: $0.0, name: $0.1) } : []
        return Model(lists: lists, communes: communes, month: req.today.yearMonth.iso)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("health.lists") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            AllowanceParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("health.intro"))]),
            AllowanceParts.communeMonthForm(
                ctx, action: .healthInsurance, communes: m.communes, month: m.month, hint: nil, button: ctx.t("health.generate")),
            H.table(
                caption: ctx.t("health.lists"),
                headers: [
                    ctx.t("field.month"), ctx.t("field.commune"), ctx.t("health.persons"), ctx.t("health.full"), ctx.t("health.partial"),
                    ctx.t("health.added"), ctx.t("health.changed"), ctx.t("health.removed"),
                ],
                rows: m.lists.map { l in
                    [
                        H.link(l.month.iso, SiteRoute.healthInsuranceList(l.id).path), .text(l.communeName), .text(ctx.number(l.persons)),
                        .text(ctx.number(l.full)), .text(ctx.number(l.partial)), .text(ctx.number(l.added)), .text(ctx.number(l.changed)),
                        .text(ctx.number(l.removed)),
                    ]
                }, empty: ctx.t("health.no_lists")),
        ]
    }
}

/// One list: who is entitled and at what share, what changed since the previous list, the
/// card recorded, and the export for the social security agency.
enum HealthInsuranceListPage: Page {
    struct Model: Sendable {
        let list: HealthInsuranceListRecord
        let entries: [HealthInsuranceEntryRow]
        let change: HealthInsuranceChange?
        let paging: Paging
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let change = try req.queryChoice("change", HealthInsuranceChange.self)
        let (list, page) = try await HealthInsuranceRepository(req.store).list(actor, id: try req.idParameter(), change: change, page: req.pageSpec)
        return Model(list: list, entries: page.items, change: change, paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String {
        ctx.t("health.list_title", ["commune": m.list.communeName, "month": m.list.month.iso])
    }

    static func basis(_ ctx: PageContext, _ b: HealthInsuranceBasis?) -> String { b.map { ctx.t("health.basis.\($0.rawValue)") } ?? "—" }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let here = SiteRoute.healthInsuranceList(m.list.id)
        let filters: [Body] =
            [H.link(ctx.t("health.all"), here.path, m.change == nil ? [("aria-current", "page")] : [])]
            + HealthInsuranceChange.allCases.map { c in
                H.link(ctx.t("health.change.\(c.rawValue)"), here.path(query: [("change", c.rawValue)]), m.change == c ? [("aria-current", "page")] : [])
            }
        return [
            H.link("← " + ctx.t("health.lists"), SiteRoute.healthInsurance.path),
            H.dl([
                (ctx.t("health.persons"), .text(ctx.number(m.list.persons))), (ctx.t("health.full"), .text(ctx.number(m.list.full))),
                (ctx.t("health.partial"), .text(ctx.number(m.list.partial))),
                (ctx.t("health.previous"), .text(m.list.previousMonth?.iso ?? ctx.t("health.first_list"))),
                (ctx.t("health.added"), .text(ctx.number(m.list.added))), (ctx.t("health.changed"), .text(ctx.number(m.list.changed))),
                (ctx.t("health.removed"), .text(ctx.number(m.list.removed))),
            ]),
            H.el(.nav, [("class", "subnav"), ("aria-label", ctx.t("health.filter"))], filters),
            H.el(
                .div, [("class", "actions")],
                Spreadsheet.buttons(ctx, .healthInsuranceExport(m.list.id), query: m.change.map { [("change", $0.rawValue)] } ?? [])),
            H.table(
                caption: ctx.t("health.entries"),
                headers: [
                    ctx.t("field.household_code"), ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("health.basis"), ctx.t("health.state_share"),
                    ctx.t("health.change"), ctx.t("health.card"),
                ],
                rows: m.entries.map { e in
                    [
                        H.bdi(e.householdCode), H.link(e.fullName, SiteRoute.personFacts(e.personID).path), .text(e.birth),
                        .text(e.change == .removed ? ctx.t("health.was", ["basis": basis(ctx, e.previousBasis)]) : basis(ctx, e.basis)),
                        .text(e.change == .removed ? "—" : "\(e.statePercent)%"),
                        .text(
                            ctx.t("health.change.\(e.change.rawValue)")
                                + (e.change == .changed ? " (" + ctx.t("health.was", ["basis": basis(ctx, e.previousBasis)]) + ")" : "")),
                        H.bdi(e.cardNumber.map { "\($0) → \(e.cardValidUntil ?? "")" } ?? "—"),
                    ]
                }, empty: ctx.t("health.no_entries")),
            H.pager(ctx, m.paging) { here.path(query: [("page", String($0))] + (m.change.map { [("change", $0.rawValue)] } ?? [])) },
            H.el(.p, [("class", "hint")], [.text(ctx.t("health.hint"))]),
        ]
    }
}
