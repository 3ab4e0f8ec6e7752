import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The referrals' shared piece: the state badge (an overdue referral says so).
enum ReferralParts {
    static func status(_ ctx: PageContext, _ s: ReferralLifecycle.State, overdue: Bool) -> Body {
        H.el(
            .span, [("class", overdue ? "badge badge-risk-high" : "badge")],
            [.text(ctx.t("referral.status.\(s.rawValue)") + (overdue ? " — " + ctx.t("referral.overdue") : ""))])
    }
}

/// The referrals sent from or to the viewer's units, the oldest due first: for a ward officer,
/// the cases the centre referred to the ward (and nothing else of the centre's cases).
enum ReferralsPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let caseNumber: String
        let personName: String
        let fromUnit: String
        let recipient: ReferralRecipient
        let receiver: String
        let service: String
        let dueDate: LocalDate
        let status: ReferralLifecycle.State
        let overdue: Bool
    }

    struct Model: Sendable {
        let rows: [Row]
        let status: ReferralLifecycle.State?
        let paging: Paging
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let status = req.query[String.self, at: "status"].flatMap(ReferralLifecycle.State.init(rawValue:))
        let page = try await CaseRepository(req.store).referrals(actor, status: status, page: req.pageSpec)
        return Model(
            rows: page.items.map { r in
                Row(
                    id: r.id, caseNumber: r.caseNumber, personName: r.personName, fromUnit: r.fromUnit, recipient: r.recipient, receiver: r.receiver,
                    service: r.service, dueDate: r.dueDate, status: r.status, overdue: r.overdue)
            }, status: status, paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("referral.list") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("referral.intro"))]),
            H.form(
                ctx, action: SiteRoute.referrals.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: ReferralLifecycle.State.allCases.map { ($0.rawValue, ctx.t("referral.status.\($0.rawValue)")) },
                        selected: m.status?.rawValue, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("referral.list"),
                headers: [
                    ctx.t("case.number"), ctx.t("field.full_name"), ctx.t("referral.from"), ctx.t("referral.recipient"), ctx.t("referral.service"),
                    ctx.t("case.due_date"), ctx.t("field.state"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.caseNumber, SiteRoute.referral(r.id).path), .text(r.personName), .text(r.fromUnit),
                        .text(ctx.t("referral.recipient.\(r.recipient.rawValue)") + " — " + r.receiver), .text(r.service), .text(ctx.date(r.dueDate)),
                        ReferralParts.status(ctx, r.status, overdue: r.overdue),
                    ]
                }, empty: ctx.t("referral.none")),
            H.pager(ctx, m.paging) { p in SiteRoute.referrals.path(query: [("status", m.status?.rawValue), ("page", String(p))]) },
        ]
    }
}

/// One referral: the case it comes from (who only with the child-protection permission), what
/// is asked of whom by when, and the outcome forms the viewer may use now.
enum ReferralPage: Page {
    struct Model: Sendable {
        let id: UUID
        let caseID: UUID
        let caseNumber: String
        let caseKind: CaseKind
        let riskLevel: RiskLevel
        let personName: String
        let fromUnit: String
        let recipient: ReferralRecipient
        let recipientUnit: String?
        let receiver: String
        let service: String
        let dueDate: LocalDate
        let status: ReferralLifecycle.State
        let outcomeNote: String?
        let outcomeOn: LocalDate?
        let answeredBy: String?
        let createdBy: String
        let overdue: Bool
        /// Whether the viewer may open the case itself (the centre's staff).
        let canOpenCase: Bool
        let actions: [ReferralLifecycle.Transition]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let r = try await CaseRepository(req.store).referral(actor, id: try req.idParameter())
        return Model(
            id: r.id, caseID: r.caseID, caseNumber: r.caseNumber, caseKind: r.caseKind, riskLevel: r.riskLevel, personName: r.personName,
            fromUnit: r.fromUnit, recipient: r.recipient, recipientUnit: r.recipientUnit, receiver: r.receiver, service: r.service, dueDate: r.dueDate,
            status: r.status, outcomeNote: r.outcomeNote, outcomeOn: r.outcomeOn, answeredBy: r.answeredBy, createdBy: r.createdBy, overdue: r.overdue,
            canOpenCase: actor.role.can(.viewCases), actions: ReferralLifecycle.available(from: r.status, role: actor.role))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("referral.item", ["number": m.caseNumber]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.nav, [("class", "subnav"), ("aria-label", ctx.t("referral.list"))], [H.link(ctx.t("referral.list"), SiteRoute.referrals.path)]),
            H.dl([
                (ctx.t("case.number"), m.canOpenCase ? H.link(m.caseNumber, SiteRoute.caseItem(m.caseID).path) : .text(m.caseNumber)),
                (ctx.t("field.full_name"), .text(m.personName)),
                (ctx.t("case.kind"), .text(ctx.t("case.kind.\(m.caseKind.rawValue)"))),
                (ctx.t("case.risk_level"), CaseParts.risk(ctx, m.riskLevel)),
                (ctx.t("referral.from"), .text(m.fromUnit + " (" + m.createdBy + ")")),
                (ctx.t("referral.recipient"), .text(ctx.t("referral.recipient.\(m.recipient.rawValue)") + (m.recipientUnit.map { " — " + $0 } ?? ""))),
                (ctx.t("referral.receiver"), .text(m.receiver)),
                (ctx.t("referral.service"), .text(m.service)),
                (ctx.t("case.due_date"), .text(ctx.date(m.dueDate))),
                (ctx.t("field.state"), ReferralParts.status(ctx, m.status, overdue: m.overdue)),
                (ctx.t("referral.outcome_note"), .text(m.outcomeNote.map { $0 + " (" + (m.answeredBy ?? "") + ")" } ?? "—")),
            ]),
        ]
            + m.actions.map { t in
                H.form(
                    ctx, action: SiteRoute.referralOutcome(m.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("referral.step.\(t.rawValue)"))]),
                        H.hidden("transition", t.rawValue),
                        H.field(
                            ctx, name: "note", label: ctx.t("referral.outcome_note"), required: true, hint: ctx.t("referral.note_hint.\(t.rawValue)"),
                            id: "note-" + t.rawValue),
                        H.button(ctx.t("referral.step.\(t.rawValue)"), kind: t == .serviceGiven ? "primary" : "secondary"),
                    ])
            }
    }
}
