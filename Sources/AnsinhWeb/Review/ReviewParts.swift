import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// The review's shared pieces: class names and badges, reasons, masked numbers, the sub-menu
/// and the indicator checkboxes of a standard.
enum ReviewParts {
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

    /// The indicator checkboxes of a standard, grouped by dimension.
    static func indicators(_ ctx: PageContext, _ standard: PovertyStandard, checked: Set<String>) -> Body {
        var dims: [String] = []
        for i in standard.indicators where !dims.contains(i.dimension) { dims.append(i.dimension) }
        return H.el(
            .fieldset, [("class", "indicators")],
            [H.el(.legend, [], [.text(ctx.t("review.deprivations_legend"))])]
                + dims.map { d in
                    H.el(
                        .div, [("class", "dimension")],
                        [H.el(.h3, [], [.text(ctx.t("dimension.\(d)"))])]
                            + standard.indicators.filter { $0.dimension == d }.map { i in
                                H.el(
                                    .div, [("class", "field checkbox")],
                                    [
                                        H.el(
                                            .input,
                                            [
                                                ("type", "checkbox"), ("id", "f-dep-" + i.code), ("name", "deprivations[]"), ("value", i.code),
                                                ("checked", checked.contains(i.code) ? "checked" : nil),
                                            ]),
                                        H.el(.label, [("for", "f-dep-" + i.code)], [.text(ctx.t("indicator.\(i.code)"))]),
                                    ])
                            })
                })
    }
}
