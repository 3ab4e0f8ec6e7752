import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The care contract as printed and signed with the family, in Vietnamese whatever the
/// viewer's language.
enum ContractPrintPage: Page {
    typealias Model = ContractRecord

    static func title(_ ctx: PageContext, _ c: Model) -> String { ctx.t("contract.print_title") }

    static func body(_ ctx: PageContext, _ c: Model) -> [Body] {
        let r = c.row
        func p(_ key: String, _ args: [String: String] = [:]) -> Body { H.el(.p, [], [.text(ctx.t(key, args))]) }
        return [
            H.el(
                .article, [("class", "certificate letter")],
                [
                    H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                    H.el(.h2, [], [.text(ctx.t("contract.print_heading", ["number": r.number]))]),
                    p(
                        "contract.print_parties",
                        ["centre": c.centreName, "payer": r.payerName, "relation": c.payerRelation, "phone": c.payerPhone, "address": c.payerAddress]),
                    p("contract.print_resident", ["name": r.residentName, "birth": ctx.date(c.residentBirth)]),
                    p(
                        "contract.print_terms",
                        [
                            "term": ctx.t("contract.term.\(r.term.rawValue)"), "room": ctx.t("contract.room.\(r.roomType.rawValue)"),
                            "from": ctx.date(r.startsOn), "until": r.endsOn.map(ctx.date) ?? ctx.t("contract.open_end"),
                        ]),
                    p(
                        "contract.print_price",
                        [
                            "price": c.price.map { ctx.money(Dong($0.monthly)) } ?? "—", "vat": "\((c.price?.vatBasisPoints ?? 0) / 100)",
                            "extras": ctx.money(Dong(c.extrasMonthly)), "extras_note": c.extrasNote ?? "",
                        ]),
                    p("contract.print_services", ["services": c.services]),
                    p("contract.print_payment"),
                    p("contract.print_end"),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("contract.print_signatures", ["centre": c.centreName]))]),
                ])
        ]
    }
}

/// A month's invoice as printed for the family, in Vietnamese.
enum InvoicePrintPage: Page {
    struct Model: Sendable {
        let invoice: InvoiceRow
        let contract: ContractRecord
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("contract.invoice_title", ["number": m.invoice.number]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let i = m.invoice, c = m.contract, a = i.amounts
        let money = { (v: Int64) -> Body in H.bdi(ctx.money(Dong(v))) }
        return [
            H.el(
                .article, [("class", "certificate letter")],
                [
                    H.el(.p, [("class", "national")], [.text(c.centreName)]),
                    H.el(.h2, [], [.text(ctx.t("contract.invoice_title", ["number": i.number]))]),
                    H.el(
                        .p, [],
                        [
                            .text(
                                ctx.t(
                                    "contract.invoice_to",
                                    ["payer": c.row.payerName, "resident": c.row.residentName, "contract": c.row.number, "month": i.month.iso]))
                        ]),
                    H.table(
                        caption: ctx.t("contract.invoice_lines"), headers: [ctx.t("contract.line"), ctx.t("field.amount")],
                        rows: [
                            [
                                .text(ctx.t("contract.line_care", ["days": "\(a.days)", "room": ctx.t("contract.room.\(c.row.roomType.rawValue)")])),
                                money(a.base),
                            ],
                            [.text(ctx.t("contract.line_extras")), money(a.extras)], [.text(ctx.t("contract.vat")), money(a.vat)],
                            [H.el(.strong, [], [.text(ctx.t("contract.total"))]), money(a.total)],
                        ], empty: ""),
                    H.el(.p, [], [.text(ctx.t("contract.invoice_issued", ["date": ctx.date(i.issuedOn)]))]),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("contract.invoice_signature", ["centre": c.centreName]))]),
                ])
        ]
    }
}
