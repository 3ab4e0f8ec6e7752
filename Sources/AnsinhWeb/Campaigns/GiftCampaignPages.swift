import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

enum CampaignParts {
    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("campaign.title"))],
            [
                H.link(ctx.t("campaign.title"), SiteRoute.giftCampaigns.path), .text(" · "), H.link(ctx.t("campaign.report"), SiteRoute.giftReport.path),
                .text(" · "), H.link(ctx.t("campaign.merit"), SiteRoute.merit.path), .text(" · "),
                H.link(ctx.t("campaign.ward_report"), SiteRoute.wardReport.path),
            ])
    }

    static func categories(_ ctx: PageContext, _ list: [GiftCategory]) -> String {
        list.map { ctx.t("campaign.category.\($0.rawValue)") }.joined(separator: ", ")
    }
}

/// The gift campaigns of the viewer's wards in a year, and the form for a new one with its
/// targeting rule.
enum GiftCampaignsPage: Page {
    struct Model: Sendable {
        let rows: [GiftCampaignRow]
        let year: Int
        let canCreate: Bool
        let wards: [(String, String)]
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let canCreate = actor.role.can(.manageCampaigns)
        let wards = canCreate ? try await req.unitChoices(actor, kinds: [.commune]) : []
        return Model(
            rows: try await GiftCampaignRepository(req.store).campaigns(actor, year: year), year: year, canCreate: canCreate, wards: wards, today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("campaign.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            CampaignParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("campaign.intro"))]),
            H.form(
                ctx, action: SiteRoute.giftCampaigns.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("campaign.title"),
                headers: [
                    ctx.t("field.name"), ctx.t("campaign.occasion"), ctx.t("field.date"), ctx.t("campaign.rule"), ctx.t("field.state"),
                    ctx.t("campaign.listed"),
                    ctx.t("campaign.handed_count"),
                ],
                rows: m.rows.map { c in
                    [
                        H.link(c.name, SiteRoute.giftCampaign(c.id).path), .text(ctx.t("campaign.occasion.\(c.occasion.rawValue)")), .text(ctx.date(c.day)),
                        .text(CampaignParts.categories(ctx, c.rule.any) + " · " + ctx.t("campaign.per.\(c.rule.per.rawValue)")),
                        .text(ctx.t("campaign.status.\(c.status.rawValue)")), H.bdi("\(c.listed)"), H.bdi("\(c.handed)"),
                    ]
                }, empty: ctx.t("campaign.none")),
        ]
        guard m.canCreate else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.giftCampaigns.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("campaign.new"))]),
                    m.wards.isEmpty ? .empty : H.select(ctx, name: "unit_id", label: ctx.t("unitkind.commune"), options: m.wards, selected: nil),
                    H.field(ctx, name: "name", label: ctx.t("field.name"), required: true),
                    H.select(
                        ctx, name: "occasion", label: ctx.t("campaign.occasion"),
                        options: GiftOccasion.allCases.map { ($0.rawValue, ctx.t("campaign.occasion.\($0.rawValue)")) }, selected: nil),
                    H.field(ctx, name: "day", label: ctx.t("field.date"), value: m.today.iso, type: "date", required: true),
                    H.checkboxes(
                        legend: ctx.t("campaign.rule_hint"), name: "categories", idPrefix: "cat",
                        options: GiftCategory.allCases.map { ($0.rawValue, ctx.t("campaign.category.\($0.rawValue)")) }),
                    H.select(
                        ctx, name: "per", label: ctx.t("campaign.per"), options: GiftUnit.allCases.map { ($0.rawValue, ctx.t("campaign.per.\($0.rawValue)")) },
                        selected: GiftUnit.household.rawValue),
                    H.button(ctx.t("campaign.new")),
                ]))
        return out
    }
}
