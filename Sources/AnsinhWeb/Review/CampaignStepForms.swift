import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The forms of a campaign's page, one per step the viewer may take now (the model's
/// `actions`, from `CampaignLifecycle`), and the objections once the list is posted.
enum CampaignStepForms {
    static func forms(_ ctx: PageContext, _ m: CampaignPage.Model) -> [Body] {
        let may = Set(m.actions)
        var content: [Body] = []
        if may.contains(.addHousehold) {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.step.listing"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.list_hint"))]),
                        H.form(ctx, action: SiteRoute.reviewList(m.id).path, classes: "inline", [H.button(ctx.t("review.list_current"), kind: "secondary")]),
                        H.form(
                            ctx, action: SiteRoute.reviewRequest(m.id).path, classes: "inline",
                            [
                                H.field(ctx, name: "household_code", label: ctx.t("review.request_code"), required: true),
                                H.button(ctx.t("review.add_request"), kind: "secondary"),
                            ]),
                    ]))
        }
        // Classifying while listing is allowed but finds nothing surveyed yet: the button waits.
        if may.contains(.classify) && m.step != .listing {
            content.append(
                H.form(ctx, action: SiteRoute.reviewClassify(m.id).path, classes: "inline", [H.button(ctx.t("review.classify_all"), kind: "secondary")]))
        }
        if may.contains(.recordMeeting) { content.append(meeting(ctx, m)) }
        if may.contains(.startPosting) {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.step.posting"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.posting_hint", ["days": "\(m.postingDays)"]))]),
                        H.form(
                            ctx, action: SiteRoute.reviewPosting(m.id).path,
                            [
                                H.field(ctx, name: "posting_start", label: ctx.t("field.posting_start"), value: m.today.iso, type: "date", required: true),
                                H.button(ctx.t("review.start_posting")),
                            ]),
                    ]))
        }
        if m.step >= .posting { content += objections(ctx, m) }
        if may.contains(.recordObjection) {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.objection_new"))]),
                        H.form(
                            ctx, action: SiteRoute.reviewObjections(m.id).path,
                            [
                                H.field(ctx, name: "household_code", label: ctx.t("field.household_code"), required: true),
                                H.field(ctx, name: "complainant", label: ctx.t("field.complainant"), required: true),
                                H.field(ctx, name: "received_on", label: ctx.t("field.received_on"), value: m.today.iso, type: "date", required: true),
                                H.field(ctx, name: "text", label: ctx.t("field.text"), required: true),
                                H.button(ctx.t("common.save")),
                            ]),
                    ]))
        }
        if !may.isDisjoint(with: [.closeList, .closeSurvey, .closePosting]) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.reviewAdvance(m.id).path,
                    [
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.advance_hint.\(m.step.rawValue)"))]),
                        H.button(ctx.t("review.advance.\(m.step.rawValue)")),
                    ]))
        }
        if may.contains(.decide) {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.decision"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.decision_hint"))]),
                        H.form(
                            ctx, action: SiteRoute.reviewDecision(m.id).path,
                            [
                                H.field(ctx, name: "decision_number", label: ctx.t("field.decision_number"), required: true),
                                H.field(ctx, name: "decision_date", label: ctx.t("field.decision_date"), value: m.today.iso, type: "date", required: true),
                                H.button(ctx.t("review.decide")),
                            ]),
                    ]))
        } else if m.step == .decision {
            content.append(H.el(.p, [("class", "flash flash-info")], [.text(ctx.t("review.waiting_decision"))]))
        }
        return content
    }

    /// The residential group's meeting: who came and how many agreed.
    static func meeting(_ ctx: PageContext, _ m: CampaignPage.Model) -> Body {
        H.el(
            .section, [("class", "card")],
            [
                H.el(.h2, [], [.text(ctx.t("review.meeting_record"))]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("review.meeting_hint"))]),
                H.form(
                    ctx, action: SiteRoute.reviewMeeting(m.id).path,
                    [
                        H.select(
                            ctx, name: "group_id", label: ctx.t("unitkind.residential_group"),
                            options: m.groups.map { ($0.groupID?.uuidString ?? "", $0.groupName ?? ctx.t("review.no_group")) }, selected: nil),
                        H.field(ctx, name: "held_on", label: ctx.t("field.held_on"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "present", label: ctx.t("field.present"), type: "number", required: true),
                        H.field(ctx, name: "agree", label: ctx.t("field.agree"), type: "number", required: true),
                        H.field(ctx, name: "note", label: ctx.t("field.note")),
                        H.button(ctx.t("common.save")),
                    ]),
            ])
    }

    /// The objections received while posted, each answered or with the form that answers it.
    static func objections(_ ctx: PageContext, _ m: CampaignPage.Model) -> [Body] {
        [
            H.el(.h2, [], [.text(ctx.t("review.objections"))]),
            H.table(
                caption: ctx.t("review.objections"),
                headers: [
                    ctx.t("field.household_code"), ctx.t("field.received_on"), ctx.t("field.complainant"), ctx.t("field.text"), ctx.t("field.resolution"),
                ],
                rows: m.objections.map { o in
                    let resolution: Body =
                        o.resolution == nil && m.canResolve
                        ? H.form(
                            ctx, action: SiteRoute.reviewObjectionResolve(o.id).path, classes: "inline",
                            [
                                H.field(ctx, name: "resolution", label: ctx.t("field.resolution"), required: true),
                                H.button(ctx.t("review.resolve"), kind: "secondary"),
                            ])
                        : .text(o.resolution.map { r in "\(r) (\(o.resolvedOn.map(ctx.date) ?? ""))" } ?? "—")
                    return [H.bdi(o.householdCode), .text(ctx.date(o.receivedOn)), .text(o.complainant), .text(o.text), resolution]
                }, empty: ctx.t("review.no_objections")),
        ]
    }
}
