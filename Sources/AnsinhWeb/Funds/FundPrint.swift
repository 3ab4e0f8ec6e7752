import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A receipt: the numbered receipt as printed for the donor (in Vietnamese whatever the
/// viewer's language), the thank-you letter, and its reversal for a mistake.
enum ReceiptPage: Page {
    struct Model: Sendable {
        let receipt: ReceiptRecord
        let canReverse: Bool
        let today: LocalDate
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("fund.receipt_title", ["number": m.receipt.row.number]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.receipt, vi = ctx.with(locale: .vi)
        let money = { (v: Int64) in FundParts.money(vi, v) }
        var out: [Body] = [
            FundParts.nav(ctx),
            H.el(
                .p, [],
                [
                    H.link(r.fund.name, SiteRoute.fund(r.row.fundID).path), .text(" · "),
                    H.link(ctx.t("fund.letter"), SiteRoute.fundReceiptLetter(r.row.id).path),
                ]),
            H.el(
                .article, [("class", "certificate letter"), ("lang", "vi"), ("dir", "ltr")],
                [
                    H.el(.p, [("class", "national")], [.text(r.fund.unitName)]),
                    H.el(.h2, [], [.text(vi.t("fund.print_heading", ["number": r.row.number]))]),
                    H.dl([
                        (vi.t("fund.fund"), .text(r.fund.name)), (vi.t("field.date"), .text(vi.date(r.row.receivedOn))),
                        (vi.t("fund.donor"), .text(r.donor?.name ?? vi.t("fund.no_donor"))),
                        (vi.t("field.address"), .text(r.donor?.address ?? "")), (vi.t("fund.method"), .text(vi.t("fund.method.\(r.row.method.rawValue)"))),
                        (vi.t("field.amount"), money(r.row.amount)), (vi.t("fund.amount_words"), .text(DongWords.vietnamese(r.row.amount))),
                        (vi.t("fund.earmark"), .text(FundPage.earmark(vi, r.row.earmark))), (vi.t("fund.reference"), H.bdi(r.row.reference)),
                        (vi.t("field.note"), .text(r.note)),
                    ]),
                    r.items.isEmpty
                        ? .empty
                        : H.table(
                            caption: vi.t("fund.items"),
                            headers: [vi.t("fund.item_name"), vi.t("fund.quantity"), vi.t("fund.unit_label"), vi.t("fund.unit_value"), vi.t("field.amount")],
                            rows: r.items.map { [.text($0.description), H.bdi("\($0.quantity)"), .text($0.unitLabel), money($0.unitValue), money($0.value)] },
                            empty: ""),
                    H.el(.p, [("class", "signature")], [.text(vi.t("fund.print_signatures", ["by": r.recordedBy]))]),
                ]),
        ]
        if r.row.status == .reversed {
            out.append(H.el(.p, [("class", "flash error")], [.text(ctx.t("fund.receipt_reversed_note", ["reason": r.reversalReason ?? ""]))]))
        } else if m.canReverse {
            out.append(
                H.form(
                    ctx, action: SiteRoute.fundReceiptReverse(r.row.id).path, classes: "card no-print",
                    [
                        H.el(.h2, [], [.text(ctx.t("fund.reverse_receipt"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("fund.reverse_hint"))]),
                        H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true),
                        H.button(ctx.t("fund.reverse_receipt"), kind: "secondary"),
                    ]))
        }
        return out
    }
}

/// The letter thanking a donor for a gift, in Vietnamese; a gift without a named donor is
/// thanked without a name.
enum ThankYouLetterPage: Page {
    struct Model: Sendable {
        let receipt: ReceiptRecord
        let today: LocalDate
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("fund.letter") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.receipt
        let gift = r.items.isEmpty ? ctx.money(Dong(r.row.amount)) : r.items.map { "\($0.quantity) \($0.unitLabel) \($0.description)" }.joined(separator: ", ")
        return [
            H.el(
                .article, [("class", "certificate letter")],
                [
                    H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                    H.el(.p, [], [.text(r.fund.unitName + ", " + ctx.date(m.today))]),
                    H.el(.h2, [], [.text(ctx.t("fund.letter_heading"))]),
                    H.el(.p, [], [.text(ctx.t("fund.letter_to", ["donor": r.donor?.name ?? ctx.t("fund.letter_anyone")]))]),
                    H.el(
                        .p, [],
                        [
                            .text(
                                ctx.t(
                                    "fund.letter_body",
                                    [
                                        "unit": r.fund.unitName, "fund": r.fund.name, "gift": gift, "value": ctx.money(Dong(r.row.amount)),
                                        "date": ctx.date(r.row.receivedOn), "number": r.row.number,
                                    ]
                                ))
                        ]),
                    H.el(.p, [], [.text(ctx.t("fund.letter_purpose", ["purpose": r.fund.purpose]))]),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("fund.letter_signature", ["unit": r.fund.unitName]))]),
                ])
        ]
    }
}
