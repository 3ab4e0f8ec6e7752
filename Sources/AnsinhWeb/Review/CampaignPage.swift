import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One poverty review: its steps, progress by residential group, the objections, and the forms
/// of the steps the viewer may take now (from `CampaignLifecycle`).
enum CampaignPage: Page {
    static var processing: ProcessingKind? { .review }
    struct Meeting: Sendable, Equatable {
        let heldOn: LocalDate
        let present: Int
        let agree: Int
        let passed: Bool
    }

    struct Group: Sendable, Equatable {
        let groupID: UUID?
        let groupName: String?
        let households: Int
        let surveyed: Int
        let byClass: [PovertyClass: Int]
        let meeting: Meeting?
        let openObjections: Int
    }

    struct Objection: Sendable, Equatable {
        let id: UUID
        let householdCode: String
        let receivedOn: LocalDate
        let complainant: String
        let text: String
        let resolution: String?
        let resolvedOn: LocalDate?
    }

    struct Model: Sendable {
        let id: UUID
        let name: CampaignsPage.Name
        let period: Int
        let standardID: String
        let step: CampaignStep
        let postingStart: LocalDate?
        let postingEnd: LocalDate?
        let decisionNumber: String?
        let decisionDate: LocalDate?
        let groups: [Group]
        let objections: [Objection]
        /// The steps the viewer may take from the campaign's step.
        let actions: [CampaignLifecycle.Transition]
        /// Whether the viewer may answer an objection.
        let canResolve: Bool
        let today: LocalDate
        /// How long the list stays posted (a review setting).
        let postingDays: Int
        /// Retention (privacy.json `retention.review`): when the surveys were anonymised, the
        /// legal hold that keeps them whole, and whether the viewer may set or release it.
        var anonymisedAt: Date? = nil
        var legalHold: String? = nil
        var canHold = false
        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var households: Int { groups.reduce(0) { $0 + $1.households } }
        var surveyed: Int { groups.reduce(0) { $0 + $1.surveyed } }
    }

    /// The query: the campaign, its groups' progress and its objections.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = ReviewRepository(req.store)
        let (c, groups) = try await repo.campaign(actor, id: try req.idParameter())
        let objections = try await repo.objections(actor, campaignID: c.id)
        return Model(
            id: c.id, name: CampaignsPage.Name(c), period: c.period, standardID: c.standardID, step: c.step, postingStart: c.postingStart,
            postingEnd: c.postingEnd, decisionNumber: c.decisionNumber, decisionDate: c.decisionDate,
            groups: groups.map { g in
                Group(
                    groupID: g.groupID, groupName: g.groupName, households: g.households, surveyed: g.surveyed, byClass: g.byClass,
                    meeting: g.meeting.map { Meeting(heldOn: $0.heldOn, present: $0.present, agree: $0.agree, passed: $0.passed) },
                    openObjections: g.openObjections)
            },
            objections: objections.map { o in
                Objection(
                    id: o.id, householdCode: o.householdCode, receivedOn: o.receivedOn, complainant: o.complainant, text: o.text, resolution: o.resolution,
                    resolvedOn: o.resolvedOn)
            }, actions: CampaignLifecycle.available(from: c.step, role: actor.role), canResolve: actor.role.can(.manageReview), today: req.today,
            postingDays: try await repo.settings().postingDays, anonymisedAt: c.anonymisedAt, legalHold: c.legalHold,
            canHold: actor.role.can(.manageReview), zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.name.text(ctx) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            ReviewParts.nav(ctx),
            steps(ctx, m.step),
            H.dl([
                (ctx.t("unitkind.commune"), .text(m.name.communeName)),
                (ctx.t("field.campaign_kind"), .text(ctx.t("review.kind.\(m.name.kind.rawValue)"))),
                (ctx.t("field.period"), .text("\(m.period)")),
                (ctx.t("review.standard"), H.bdi(m.standardID)),
                (ctx.t("review.progress"), .text(ctx.t("review.progress_value", ["surveyed": ctx.number(m.surveyed), "total": ctx.number(m.households)]))),
                (
                    ctx.t("review.posting"),
                    .text(
                        m.postingStart.map { s in ctx.t("review.posting_window", ["from": ctx.date(s), "until": m.postingEnd.map(ctx.date) ?? "—"]) } ?? "—")
                ),
                (ctx.t("review.decision"), .text(m.decisionNumber.map { "\($0) — \(m.decisionDate.map(ctx.date) ?? "")" } ?? "—")),
            ]),
            H.el(
                .div, [("class", "actions")],
                [
                    H.link(ctx.t("review.households"), SiteRoute.reviewEntries(m.id).path, [("class", "btn btn-secondary")]),
                    .group(Spreadsheet.buttons(ctx, .reviewCampaignExport(m.id))),
                    m.actions.contains(.classify)
                        ? H.link(ctx.t("review.survey_import"), SiteRoute.reviewSurveyImport(m.id).path, [("class", "btn btn-secondary")]) : .empty,
                    m.step >= .meeting
                        ? H.link(ctx.t("review.posting_list"), SiteRoute.reviewPostingList(m.id).path, [("class", "btn btn-secondary")]) : .empty,
                    m.step == .closed ? H.link(ctx.t("review.certificates"), SiteRoute.reviewCertificates(m.id).path, [("class", "btn btn-primary")]) : .empty,
                ]),
            H.el(.h2, [], [.text(ctx.t("review.by_group"))]),
            H.table(
                caption: ctx.t("review.by_group"),
                headers: [
                    ctx.t("unitkind.residential_group"), ctx.t("review.households"), ctx.t("review.surveyed"), ctx.t("class.poor"),
                    ctx.t("class.near_poor"), ctx.t("class.middle"), ctx.t("class.above_middle"), ctx.t("review.meeting"), ctx.t("review.objections"),
                ],
                rows: m.groups.map { g in
                    [
                        H.link(g.groupName ?? ctx.t("review.no_group"), SiteRoute.reviewEntries(m.id).path(query: [("group", g.groupID?.uuidString)])),
                        .text(ctx.number(g.households)), .text(ctx.number(g.surveyed)), .text(ctx.number(g.byClass[.poor] ?? 0)),
                        .text(ctx.number(g.byClass[.nearPoor] ?? 0)), .text(ctx.number(g.byClass[.middle] ?? 0)),
                        .text(ctx.number(g.byClass[.aboveMiddle] ?? 0)), meeting(ctx, g.meeting), .text(ctx.number(g.openObjections)),
                    ]
                }, empty: ctx.t("review.no_households")),
        ]
        content += CampaignStepForms.forms(ctx, m)
        if m.step == .closed { content.append(retention(ctx, m)) }
        return content
    }

    /// A decided campaign's surveys are anonymised their years after the decision; the
    /// households' official classes stay. A legal hold keeps them whole.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        RetentionSection.render(
            ctx, anonymisedAt: m.anonymisedAt, anonymisedKey: "retention.review_anonymised", legalHold: m.legalHold,
            pending: ctx.t("retention.review_due_after", ["years": "\(RetentionRepository.reviewRule.years)"]), canHold: m.canHold,
            action: SiteRoute.reviewHold(m.id).path, zone: m.zone)
    }

    static func steps(_ ctx: PageContext, _ current: CampaignStep) -> Body {
        H.el(
            .ol, [("class", "steps")],
            CampaignStep.allCases.map { s in
                H.el(
                    .li, [("class", s == current ? "current" : (s < current ? "done" : nil)), ("aria-current", s == current ? "step" : nil)],
                    [.text(ctx.t("review.step.\(s.rawValue)"))])
            })
    }

    static func meeting(_ ctx: PageContext, _ m: Meeting?) -> Body {
        guard let m else { return .text("—") }
        return .text(
            ctx.t(
                m.passed ? "review.meeting_result_passed" : "review.meeting_result_failed",
                ["agree": "\(m.agree)", "present": "\(m.present)", "date": ctx.date(m.heldOn)]))
    }
}
