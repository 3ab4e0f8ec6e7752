import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One campaign: its rule, gift types (and the form for one), the list made per residential
/// group with what is still waiting, the lines (filtered by group and state) ticked as handed
/// out, a gift not handed out with its reason, and the closing.
enum GiftCampaignPage: Page {
    struct Model: Sendable {
        let campaign: GiftCampaignRecord
        let lines: [GiftEntryRow]
        let paging: Paging
        let group: UUID?
        let status: String?
        let funds: [(String, String)]
        let canManage: Bool
        let today: LocalDate
        /// Who may keep a closed campaign's list whole (`RetentionKind.giftLists`), and the zone.
        var canHold = false
        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    }

    static let states = ["pending", "handed", "not_handed"]

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor(), id = try req.idParameter()
        let repo = GiftCampaignRepository(req.store)
        let campaign = try await repo.campaign(actor, id: id)
        let group = try req.queryUUID("group")
        let status = try req.queryValue("status", invalid: "validation.choice") { states.contains($0) ? $0 : nil }
        let lines = try await repo.entries(actor, campaignID: id, groupID: group, status: status, page: req.pageSpec)
        let canManage = actor.role.can(.manageCampaigns) && campaign.row.status == .open
        let funds = canManage ? try await FundRepository(req.store).funds(actor).map { ($0.id.uuidString, $0.name) } : []
        return Model(
            campaign: campaign, lines: lines.items, paging: Paging(lines), group: group, status: status, funds: funds, canManage: canManage, today: req.today,
            canHold: actor.role.can(GiftCampaignModel.holdPermission) && campaign.row.status == .closed, zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.campaign.row.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let c = m.campaign.row, id = c.id
        let money = { (v: Int64) in H.bdi(ctx.money(Dong(v))) }
        var out: [Body] = [
            CampaignParts.nav(ctx),
            H.dl([
                (ctx.t("field.unit"), .text(m.campaign.unitName)), (ctx.t("campaign.occasion"), .text(ctx.t("campaign.occasion.\(c.occasion.rawValue)"))),
                (ctx.t("field.date"), .text(ctx.date(c.day))), (ctx.t("campaign.rule"), .text(CampaignParts.categories(ctx, c.rule.any))),
                (ctx.t("campaign.per"), .text(ctx.t("campaign.per.\(c.rule.per.rawValue)"))),
                (ctx.t("field.state"), .text(ctx.t("campaign.status.\(c.status.rawValue)"))), (ctx.t("campaign.listed"), H.bdi("\(c.listed)")),
                (ctx.t("campaign.handed_count"), H.bdi("\(c.handed)")),
            ]),
            H.table(
                caption: ctx.t("campaign.gift_types"),
                headers: [
                    ctx.t("field.name"), ctx.t("field.kind"), ctx.t("campaign.value"), ctx.t("campaign.source"), ctx.t("campaign.stock"),
                    ctx.t("campaign.listed"),
                    ctx.t("campaign.handed_count"),
                ],
                rows: m.campaign.types.map { t in
                    [
                        .text(t.name), .text(ctx.t("campaign.kind.\(t.kind.rawValue)")), money(t.value), .text(t.fundName ?? t.source),
                        H.bdi(t.stock.map(String.init) ?? "—"), H.bdi("\(t.listed)"), H.bdi("\(t.handed)"),
                    ]
                }, empty: ctx.t("campaign.no_gift_types")),
            H.table(
                caption: ctx.t("campaign.by_group"),
                headers: [
                    ctx.t("campaign.group"), ctx.t("campaign.listed"), ctx.t("campaign.handed_count"), ctx.t("campaign.not_handed"), ctx.t("campaign.waiting"),
                    ctx.t("campaign.signatures"),
                ],
                rows: m.campaign.groups.map { g in
                    [
                        g.groupID.map { H.link(g.groupName, SiteRoute.giftCampaign(id).path(query: [("group", $0.uuidString), ("status", "pending")])) }
                            ?? .text(g.groupName), H.bdi("\(g.listed)"), H.bdi("\(g.handed)"), H.bdi("\(g.notHanded)"), H.bdi("\(g.waiting)"),
                        H.link(ctx.t("campaign.print"), SiteRoute.giftSignatures(id).path(query: [("group", g.groupID?.uuidString)])),
                    ]
                }, empty: ctx.t("campaign.no_list")),
            H.form(
                ctx, action: SiteRoute.giftCampaign(id).path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "group", label: ctx.t("campaign.group"),
                        options: m.campaign.groups.compactMap { g in g.groupID.map { ($0.uuidString, g.groupName) } }, selected: m.group?.uuidString,
                        includeBlank: true),
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"), options: states.map { ($0, ctx.t("campaign.line.\($0)")) }, selected: m.status,
                        includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
        ]
        let table = H.table(
            caption: ctx.t("campaign.lines"),
            headers: [
                ctx.t("campaign.tick"), ctx.t("field.full_name"), ctx.t("campaign.household"), ctx.t("campaign.group"), ctx.t("campaign.gift_type"),
                ctx.t("campaign.reasons"), ctx.t("field.state"),
            ],
            rows: m.lines.map { e in
                [
                    m.canManage && e.status == "pending"
                        ? H.el(
                            .input,
                            [
                                ("type", "checkbox"), ("name", "entries[]"), ("value", e.id.uuidString), ("id", "tick-\(e.id.uuidString)"),
                                ("aria-label", ctx.t("campaign.tick_one", ["name": e.name])),
                            ]) : .empty,
                    .text(e.name.isEmpty ? "—" : e.name), H.bdi(e.householdCode), .text(e.groupName), .text(e.giftType),
                    .text(CampaignParts.categories(ctx, e.reasons)),
                    .text(
                        ctx.t("campaign.line.\(e.status)") + (e.handedOn.map { " · " + ctx.date($0) } ?? "") + (e.reason.map { " — " + $0 } ?? "")),
                ]
            }, empty: ctx.t("campaign.no_list"))
        let pager = H.pager(ctx, m.paging) {
            SiteRoute.giftCampaign(id).path(query: [("page", String($0)), ("group", m.group?.uuidString), ("status", m.status)])
        }
        guard m.canManage else { return out + [table, pager, retention(ctx, m)] }
        out.append(
            H.form(
                ctx, action: SiteRoute.giftHandouts(id).path,
                [
                    H.el(.fieldset, [], [H.el(.legend, [], [.text(ctx.t("campaign.tick_legend"))]), table]),
                    H.field(ctx, name: "handed_on", label: ctx.t("campaign.handed_on"), value: m.today.iso, type: "date"),
                    H.button(ctx.t("campaign.hand_out"), name: "outcome", value: "handed"),
                    H.field(ctx, name: "reason", label: ctx.t("field.reason"), hint: ctx.t("campaign.not_handed_hint")),
                    H.button(ctx.t("campaign.record_not_handed"), kind: "secondary", name: "outcome", value: "not_handed"),
                ]))
        out.append(pager)
        out.append(typeForm(ctx, m))
        out.append(
            H.form(
                ctx, action: SiteRoute.giftGenerate(id).path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("campaign.generate"))]), H.el(.p, [("class", "hint")], [.text(ctx.t("campaign.generate_hint"))]),
                    H.button(ctx.t("campaign.generate")),
                ]))
        out.append(H.form(ctx, action: SiteRoute.giftClose(id).path, classes: "card", [H.button(ctx.t("campaign.close"), kind: "secondary")]))
        return out
    }

    /// A closed campaign's list is anonymised its years after the end of the campaign's year;
    /// the counts stay. Nothing to say of a campaign still open.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        let c = m.campaign.row
        guard c.status == .closed else { return .empty }
        return RetentionSection.render(
            ctx, anonymisedAt: c.anonymisedAt, anonymisedKey: "retention.gift_list_anonymised", legalHold: c.legalHold,
            pending: ctx.t("retention.gift_list_due_after", ["years": "\(RetentionRepository.giftListRule.years)"]), canHold: m.canHold,
            action: SiteRoute.giftHold(c.id).path, zone: m.zone)
    }

    static func typeForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.form(
            ctx, action: SiteRoute.giftTypes(m.campaign.row.id).path, classes: "card",
            [
                H.el(.h2, [], [.text(ctx.t("campaign.add_gift_type"))]),
                H.field(ctx, name: "name", label: ctx.t("field.name"), required: true, id: "type-name"),
                H.select(
                    ctx, name: "kind", label: ctx.t("field.kind"), options: GiftKind.allCases.map { ($0.rawValue, ctx.t("campaign.kind.\($0.rawValue)")) },
                    selected: nil, id: "type-kind"),
                H.field(ctx, name: "value", label: ctx.t("campaign.value"), type: "number", id: "type-value"),
                H.select(ctx, name: "fund_id", label: ctx.t("fund.fund"), options: m.funds, selected: nil, includeBlank: true, id: "type-fund"),
                H.field(ctx, name: "source", label: ctx.t("campaign.source"), hint: ctx.t("campaign.source_hint"), id: "type-source"),
                H.field(ctx, name: "stock", label: ctx.t("campaign.stock"), type: "number", hint: ctx.t("campaign.stock_hint"), id: "type-stock"),
                H.button(ctx.t("campaign.add_gift_type")),
            ])
    }
}
