import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The funds open to the public (no login): every unit's published funds.
enum PublicFundsPage: Page {
    typealias Model = [PublicFundRow]

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("fund.public_title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("fund.public_intro"))]),
            H.table(
                caption: ctx.t("fund.public_title"), headers: [ctx.t("field.name"), ctx.t("field.unit"), ctx.t("field.kind")],
                rows: m.map { [H.link($0.name, SiteRoute.publicFund($0.id).path), .text($0.unitName), .text(ctx.t("fund.type.\($0.kind.rawValue)"))] },
                empty: ctx.t("fund.none")),
        ]
    }
}

/// A fund's year for the public: money received and given out by month, the donors by name
/// unless they asked not to be, what was given out by kind — never to whom — and the file.
enum PublicFundPage: Page {
    typealias Model = TransparencyReport

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.fund.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let money = { (v: Int64) in FundParts.money(ctx, v) }
        return [
            H.el(.p, [], [H.link(ctx.t("fund.public_title"), SiteRoute.publicFunds.path)]),
            H.dl([
                (ctx.t("field.unit"), .text(m.fund.unitName)), (ctx.t("field.purpose"), .text(m.purpose)), (ctx.t("fund.received"), money(m.received)),
                (ctx.t("fund.given_out"), money(m.givenOut)), (ctx.t("fund.held_at", ["year": "\(m.year)"]), money(m.held)),
            ]),
            H.form(
                ctx, action: SiteRoute.publicFund(m.fund.id).path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(
                .p, [],
                [
                    H.link(ctx.t("fund.export_csv"), SiteRoute.publicFundExport(m.fund.id).path(query: [("year", "\(m.year)")])), .text(" · "),
                    H.link(ctx.t("fund.export_xlsx"), SiteRoute.publicFundExport(m.fund.id).path(query: [("year", "\(m.year)"), ("format", "xlsx")])),
                ]),
            H.table(
                caption: ctx.t("fund.by_month", ["year": "\(m.year)"]), headers: [ctx.t("field.month"), ctx.t("fund.received"), ctx.t("fund.given_out")],
                rows: m.months.map { [.text($0.month.iso), money($0.received), money($0.givenOut)] }, empty: ctx.t("fund.empty")),
            H.table(
                caption: ctx.t("fund.given_by_kind"), headers: [ctx.t("field.kind"), ctx.t("fund.count"), ctx.t("field.amount")],
                rows: m.given.map { [.text(ctx.t("fund.kind.\($0.kind.rawValue)")), H.bdi("\($0.count)"), money($0.amount)] },
                empty: ctx.t("fund.no_disbursements")),
            H.table(
                caption: ctx.t("fund.donors_of_year", ["count": "\(m.donors.count)"]),
                headers: [ctx.t("fund.donor"), ctx.t("fund.gifts"), ctx.t("field.amount")],
                rows: m.donors.map { [.text($0.name ?? ctx.t("fund.anonymous_donors")), H.bdi("\($0.gifts)"), money($0.amount)] },
                empty: ctx.t("fund.no_receipts")),
            H.el(.p, [("class", "hint")], [.text(ctx.t("fund.public_privacy"))]),
        ]
    }
}
