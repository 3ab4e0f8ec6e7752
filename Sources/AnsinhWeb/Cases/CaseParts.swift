import AnsinhCore
import Foundation
import Vapor

/// The cases' shared pieces: the sub-menu and the risk badge.
enum CaseParts {
    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("nav.cases"))],
            [
                H.link(ctx.t("case.list"), SiteRoute.cases.path), H.link(ctx.t("ward_request.list"), SiteRoute.wardRequests.path),
                H.link(ctx.t("case.centre_report"), SiteRoute.centreReport.path),
                H.link(ctx.t("case.settings"), SiteRoute.caseSettings.path),
            ])
    }

    static func risk(_ ctx: PageContext, _ r: RiskLevel) -> Body {
        H.el(.span, [("class", "badge badge-risk-\(r.rawValue)")], [.text(ctx.t("case.risk.\(r.rawValue)"))])
    }

    /// The officer's confirmation that no open case is about this person (`CaseDuplicates`).
    static func notDuplicate(_ ctx: PageContext) -> Body {
        H.el(
            .div, [("class", "field")],
            [
                H.el(
                    .label, [("for", "f-not_duplicate")],
                    [
                        .selfClosedElement(
                            named: "input",
                            attributes: [H.attr("type", "checkbox"), H.attr("id", "f-not_duplicate"), H.attr("name", "not_duplicate"), H.attr("value", "1")]),
                        .text(" " + ctx.t("case.not_duplicate")),
                    ])
            ])
    }
}
