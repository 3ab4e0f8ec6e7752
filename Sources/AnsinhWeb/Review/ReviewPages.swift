import AnsinhCore
import AnsinhStore
import Foundation
import Plot

enum ReviewPages {
    static func className(_ ctx: PageContext, _ c: PovertyClass?) -> String { c.map { ctx.t("class.\($0.rawValue)") } ?? "—" }
    static func classBadge(_ ctx: PageContext, _ c: PovertyClass?) -> Body {
        H.el(.span, [("class", "badge badge-\(c?.rawValue ?? "none")")], [.text(className(ctx, c))])
    }
    static func reasons(_ ctx: PageContext, _ list: [Reason]) -> Body {
        list.isEmpty ? .empty : H.el(.ul, [("class", "reasons")], list.map { H.el(.li, [], [.text(ctx.t($0.message))]) })
    }
    /// National IDs on public lists show only their last three digits.
    static func masked(_ id: String?) -> String {
        guard let id, id.count > 3 else { return "—" }
        return String(repeating: "•", count: id.count - 3) + id.suffix(3)
    }
    static func campaignTitle(_ ctx: PageContext, _ c: CampaignView) -> String {
        c.kind == .periodic
            ? ctx.t("review.campaign_title_periodic", ["year": "\(c.year)", "commune": c.communeName])
            : ctx.t("review.campaign_title_continuous", ["month": String(format: "%02d/%d", c.month, c.year), "commune": c.communeName])
    }

    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("review.title"))],
            [
                H.link(ctx.t("review.campaigns"), SiteRoute.review.path),
                H.link(ctx.t("review.calculator"), SiteRoute.reviewCalculator.path),
                H.link(ctx.t("review.alerts"), SiteRoute.reviewAlerts.path),
                H.link(ctx.t("review.report"), SiteRoute.reviewReport.path),
                H.link(ctx.t("review.settings"), SiteRoute.reviewSettings.path),
            ])
    }

    static func settings(_ ctx: PageContext, _ list: [ReviewSettingView]) -> String {
        let admin = ctx.actor!.role == .systemAdmin
        return Layout.render(
            ctx, title: ctx.t("review.settings"),
            [
                nav(ctx),
                H.el(.p, [("class", "lead")], [.text(ctx.t("review.settings_intro"))]),
                H.table(
                    caption: ctx.t("review.settings"),
                    headers: [ctx.t("field.name"), ctx.t("allowance.rule_default"), ctx.t("field.value"), ""],
                    rows: list.map { r in
                        [
                            .text(ctx.t("review.setting.\(r.name)")), .text("\(r.defaultValue)"),
                            .text("\(r.value)" + (r.changedBy.map { " (\($0))" } ?? "")),
                            admin
                                ? H.form(
                                    ctx, action: SiteRoute.reviewSettings.path, classes: "inline",
                                    [
                                        H.hidden("name", r.name),
                                        H.field(
                                            ctx, name: "value", label: ctx.t("review.setting_new", ["name": ctx.t("review.setting.\(r.name)")]),
                                            value: "\(r.value)",
                                            type: "number",
                                            hint: ctx.t("review.setting_range", ["min": "\(r.range.lowerBound)", "max": "\(r.range.upperBound)"])),
                                        H.button(ctx.t("common.save"), kind: "secondary"),
                                    ]) : .empty,
                        ]
                    }, empty: ""),
            ])
    }

    // MARK: Overview

    static func overview(_ ctx: PageContext, campaigns: ResultPage<CampaignView>, communes: [UnitView], today: LocalDate) -> String {
        let actor = ctx.actor!
        let rows: [[Body]] = campaigns.items.map { c in
            [
                H.link(campaignTitle(ctx, c), SiteRoute.reviewCampaign(c.id).path), .text(ctx.t("review.kind.\(c.kind.rawValue)")),
                .text("\(c.period)"), H.bdi(c.standardID), .text(ctx.t("review.step.\(c.step.rawValue)")),
            ]
        }
        var content: [Body] = [
            nav(ctx), H.el(.p, [("class", "lead")], [.text(ctx.t("review.intro"))]),
            H.table(
                caption: ctx.t("review.campaigns"),
                headers: [ctx.t("review.campaign"), ctx.t("field.campaign_kind"), ctx.t("field.period"), ctx.t("review.standard"), ctx.t("review.step")],
                rows: rows, empty: ctx.t("review.no_campaigns")),
            H.pager(ctx, page: campaigns.page, pageCount: campaigns.pageCount, total: campaigns.total) { SiteRoute.review.path(query: [("page", String($0))]) },
        ]
        if actor.role.can(.manageReview) {
            content.append(
                H.el(
                    .details, [("class", "card"), ("open", campaigns.items.isEmpty ? "open" : nil)],
                    [
                        H.el(.summary, [], [.text(ctx.t("review.campaign_new"))]),
                        H.form(
                            ctx, action: SiteRoute.reviewCampaigns.path,
                            [
                                H.select(
                                    ctx, name: "commune_id", label: ctx.t("unitkind.commune"), options: communes.map { ($0.id.uuidString, $0.name) },
                                    selected: communes.count == 1 ? communes[0].id.uuidString : nil, includeBlank: communes.count != 1),
                                H.field(ctx, name: "year", label: ctx.t("field.year"), value: String(today.year), type: "number", required: true),
                                H.select(
                                    ctx, name: "campaign_kind", label: ctx.t("field.campaign_kind"),
                                    options: CampaignKind.allCases.map { ($0.rawValue, ctx.t("review.kind.\($0.rawValue)")) },
                                    selected: CampaignKind.periodic.rawValue),
                                H.field(
                                    ctx, name: "month", label: ctx.t("field.month"), value: String(today.month), type: "number",
                                    hint: ctx.t("review.month_hint")),
                                H.field(
                                    ctx, name: "period", label: ctx.t("field.period"), value: String(today.year), type: "number", required: true,
                                    hint: ctx.t("review.period_hint")),
                                H.button(ctx.t("common.create")),
                            ]),
                    ]))
        }
        return Layout.render(ctx, title: ctx.t("review.title"), content)
    }

    // MARK: Campaign

    // MARK: Printables

    // MARK: Calculator

    // MARK: Alerts

    // MARK: Report

    // MARK: Household page section

}
