import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The poverty reviews of the communes in scope (periodic each year, continuous each month),
/// and the form that opens one.
enum CampaignsPage: Page {
    /// What names a campaign: "Rà soát 2025 — Phường Khương Đình" or a month for a continuous one.
    struct Name: Sendable, Equatable {
        let kind: CampaignKind
        let year: Int
        let month: Int
        let communeName: String

        init(kind: CampaignKind, year: Int, month: Int, communeName: String) {
            self.kind = kind; self.year = year; self.month = month; self.communeName = communeName
        }
        init(_ c: CampaignView) { self.init(kind: c.kind, year: c.year, month: c.month, communeName: c.communeName) }

        func text(_ ctx: PageContext) -> String {
            kind == .periodic
                ? ctx.t("review.campaign_title_periodic", ["year": "\(year)", "commune": communeName])
                : ctx.t("review.campaign_title_continuous", ["month": String(format: "%02d/%d", month, year), "commune": communeName])
        }
    }

    struct Row: Sendable, Equatable {
        let id: UUID
        let name: Name
        let period: Int
        let standardID: String
        let step: CampaignStep
    }

    struct Model: Sendable {
        let rows: [Row]
        let paging: Paging
        /// The communes the viewer may open a review in (empty: no form).
        let communes: [(id: UUID, name: String)]
        let today: LocalDate
    }

    /// The query: one page of the campaigns, and the communes for a role that manages reviews.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.viewReview)
        let page = try await ReviewRepository(req.store).campaigns(actor, page: req.pageSpec)
        let communes = actor.role.can(.manageReview) ? try await UnitRepository(req.store).all(actor, kinds: [.commune]) : []
        return Model(
            rows: page.items.map { Row(id: $0.id, name: Name($0), period: $0.period, standardID: $0.standardID, step: $0.step) }, paging: Paging(page),
            communes: communes.map { (id: $0.id, name: $0.name) }, today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            ReviewParts.nav(ctx), H.el(.p, [("class", "lead")], [.text(ctx.t("review.intro"))]),
            H.table(
                caption: ctx.t("review.campaigns"),
                headers: [ctx.t("review.campaign"), ctx.t("field.campaign_kind"), ctx.t("field.period"), ctx.t("review.standard"), ctx.t("review.step")],
                rows: m.rows.map { c in
                    [
                        H.link(c.name.text(ctx), SiteRoute.reviewCampaign(c.id).path), .text(ctx.t("review.kind.\(c.name.kind.rawValue)")),
                        .text("\(c.period)"), H.bdi(c.standardID), .text(ctx.t("review.step.\(c.step.rawValue)")),
                    ]
                }, empty: ctx.t("review.no_campaigns")),
            H.pager(ctx, m.paging) { SiteRoute.review.path(query: [("page", String($0))]) },
            m.communes.isEmpty ? .empty : newCampaign(ctx, m),
        ]
    }

    static func newCampaign(_ ctx: PageContext, _ m: Model) -> Body {
        let single = m.communes.count == 1
        return H.el(
            .details, [("class", "card"), ("open", m.rows.isEmpty ? "open" : nil)],
            [
                H.el(.summary, [], [.text(ctx.t("review.campaign_new"))]),
                H.form(
                    ctx, action: SiteRoute.reviewCampaigns.path,
                    [
                        H.select(
                            ctx, name: "commune_id", label: ctx.t("unitkind.commune"), options: m.communes.map { ($0.id.uuidString, $0.name) },
                            selected: single ? m.communes[0].id.uuidString : nil, includeBlank: !single),
                        H.field(ctx, name: "year", label: ctx.t("field.year"), value: String(m.today.year), type: "number", required: true),
                        H.select(
                            ctx, name: "campaign_kind", label: ctx.t("field.campaign_kind"),
                            options: CampaignKind.allCases.map { ($0.rawValue, ctx.t("review.kind.\($0.rawValue)")) }, selected: CampaignKind.periodic.rawValue),
                        H.field(
                            ctx, name: "month", label: ctx.t("field.month"), value: String(m.today.month), type: "number", hint: ctx.t("review.month_hint")),
                        H.field(
                            ctx, name: "period", label: ctx.t("field.period"), value: String(m.today.year), type: "number", required: true,
                            hint: ctx.t("review.period_hint")),
                        H.button(ctx.t("common.create")),
                    ]),
            ])
    }
}
