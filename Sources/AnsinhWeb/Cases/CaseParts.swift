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

    /// The form that opens a case from what reached the centre (a hotline contact, a ward's
    /// request): whom it is about, its kind, the risk and why, where the person is supported.
    static func intake(_ ctx: PageContext, action: String, title: String, hint: String? = nil, riskReason: String = "") -> Body {
        H.form(
            ctx, action: action, classes: "card",
            [
                H.el(.h2, [], [.text(title)]),
                hint.map { H.el(.p, [("class", "hint")], [.text($0)]) } ?? .empty,
                H.field(ctx, name: "person_name", label: ctx.t("field.full_name"), required: true),
                H.select(
                    ctx, name: "kind", label: ctx.t("case.kind"), options: HotlineParts.options(ctx, "case.kind", CaseKind.self),
                    selected: CaseKind.emergency.rawValue),
                H.select(
                    ctx, name: "risk_level", label: ctx.t("case.risk_level"), options: HotlineParts.options(ctx, "case.risk", RiskLevel.self),
                    selected: RiskLevel.high.rawValue),
                H.field(ctx, name: "risk_reason", label: ctx.t("case.risk_reason"), value: riskReason, required: true),
                H.select(
                    ctx, name: "placement", label: ctx.t("case.placement"), options: HotlineParts.options(ctx, "case.placement", Placement.self),
                    selected: Placement.communitySupport.rawValue),
                notDuplicate(ctx),
                H.button(title),
            ])
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
