import AnsinhCore
import AnsinhStore
import Foundation

/// A fund's pledges on its page: the list (promised, received, still awaited, by which day),
/// a pledge recorded, one cancelled with the reason, and the choice of the pledge a gift fulfils.
enum PledgeParts {
    /// The list on a fund's page (by donor, with the cancel form) or on a donor's (by fund).
    static func list(_ ctx: PageContext, _ pledges: [PledgeRow], canManage: Bool, byFund: Bool = false) -> Body {
        let money = { (v: Int64) in FundParts.money(ctx, v) }
        return .group([
            H.el(.h2, [], [.text(ctx.t("fund.pledges"))]),
            H.table(
                caption: ctx.t("fund.pledges"),
                headers: [
                    ctx.t(byFund ? "fund.fund" : "fund.donor"), ctx.t("fund.pledged_on"), ctx.t("fund.pledge_due"), ctx.t("fund.pledged"),
                    ctx.t("fund.received"),
                    ctx.t("fund.outstanding"), ctx.t("field.state"), ctx.t("common.actions"),
                ],
                rows: pledges.map { p in
                    [
                        byFund ? H.link(p.fundName, SiteRoute.fund(p.fundID).path) : H.link(p.donorName, SiteRoute.donor(p.donorID).path),
                        .text(ctx.date(p.pledgedOn)),
                        .text(p.dueOn.map { ctx.date($0) } ?? "—"), money(p.amount), money(p.received),
                        money(p.outstanding),
                        H.el(
                            .span, [("class", p.overdue ? "badge badge-warn" : nil)],
                            [
                                .text(
                                    ctx.t("fund.pledge.\(p.progress.rawValue)") + (p.overdue ? " · " + ctx.t("fund.pledge_overdue") : "")
                                        + (p.cancelReason.map { " — " + $0 } ?? ""))
                            ]),
                        canManage && (p.progress == .awaited || p.progress == .partlyReceived) ? cancel(ctx, p) : .text("—"),
                    ]
                }, empty: ctx.t("fund.no_pledges")),
        ])
    }

    static func cancel(_ ctx: PageContext, _ p: PledgeRow) -> Body {
        H.form(
            ctx, action: SiteRoute.pledgeCancel(p.id).path, classes: "inline",
            [
                H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "pledge-reason-\(p.id.uuidString)"),
                H.button(ctx.t("fund.pledge_cancel"), kind: "secondary"),
            ])
    }

    static func form(_ ctx: PageContext, fundID: UUID, donors: [(String, String)], today: LocalDate) -> Body {
        H.form(
            ctx, action: SiteRoute.fundPledges(fundID).path, classes: "card",
            [
                H.el(.h2, [], [.text(ctx.t("fund.new_pledge"))]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("fund.pledge_hint"))]),
                H.select(ctx, name: "donor_id", label: ctx.t("fund.donor"), options: donors, selected: nil, id: "pledge-donor"),
                H.field(ctx, name: "amount", label: ctx.t("field.amount"), type: "number", required: true, id: "pledge-amount"),
                H.field(ctx, name: "pledged_on", label: ctx.t("fund.pledged_on"), value: today.iso, type: "date", required: true, id: "pledge-on"),
                H.field(ctx, name: "due_on", label: ctx.t("fund.pledge_due"), type: "date", id: "pledge-due"),
                H.field(ctx, name: "note", label: ctx.t("field.note"), id: "pledge-note"),
                H.button(ctx.t("fund.new_pledge")),
            ])
    }

    /// The receipt form's choice of the pledge a gift is received against (only those awaited).
    static func awaited(_ ctx: PageContext, _ pledges: [PledgeRow]) -> Body {
        let open = pledges.filter { $0.progress == .awaited || $0.progress == .partlyReceived }
        guard !open.isEmpty else { return .empty }
        return H.select(
            ctx, name: "pledge_id", label: ctx.t("fund.pledge_of_gift"),
            options: open.map {
                ($0.id.uuidString, ctx.t("fund.pledge_option", ["donor": $0.donorName, "outstanding": ctx.money(Dong($0.outstanding))]))
            }, selected: nil, includeBlank: true)
    }
}
