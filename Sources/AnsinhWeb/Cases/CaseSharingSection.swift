import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The sharing part of a case's page: the consents given (and their withdrawal), the referrals
/// with their outcome, and the forms to record a consent, refer the case and share its file —
/// each refused by the server without a consent in force.
enum CaseSharingSection {
    struct Consent: Sendable, Equatable {
        let id: UUID
        let purpose: ConsentPurpose
        let recipient: ReferralRecipient?
        let recipientName: String
        let scope: String
        let givenBy: ConsentGiver
        let givenByName: String
        let givenOn: LocalDate
        let withdrawnOn: LocalDate?
        let withdrawalReason: String?
    }

    struct Referral: Sendable, Equatable {
        let id: UUID
        let recipient: ReferralRecipient
        let receiver: String
        let service: String
        let dueDate: LocalDate
        let status: ReferralLifecycle.State
        let outcomeNote: String?
        let overdue: Bool
    }

    struct Model: Sendable {
        let caseID: UUID
        let consents: [Consent]
        let referrals: [Referral]
        /// Whether the viewer may record consents and refer (a case not closed).
        let canRefer: Bool
        /// Whether the viewer may share the case's file.
        let canShare: Bool
        let today: LocalDate
    }

    static func model(for req: Request, caseID: UUID, closed: Bool) async throws -> Model {
        let actor = try req.requireActor()
        let repo = CaseRepository(req.store)
        return Model(
            caseID: caseID,
            consents: try await repo.consents(actor, caseID: caseID).map { c in
                Consent(
                    id: c.id, purpose: c.purpose, recipient: c.recipient, recipientName: c.recipientName, scope: c.scope, givenBy: c.givenBy,
                    givenByName: c.givenByName, givenOn: c.givenOn, withdrawnOn: c.withdrawnOn, withdrawalReason: c.withdrawalReason)
            },
            referrals: try await repo.referrals(actor, caseID: caseID).map { r in
                Referral(
                    id: r.id, recipient: r.recipient, receiver: r.receiver, service: r.service, dueDate: r.dueDate, status: r.status,
                    outcomeNote: r.outcomeNote, overdue: r.overdue)
            },
            canRefer: actor.role.can(.manageCases) && !closed,
            canShare: actor.role.can(.manageCases) && actor.role.canView(.childProtection), today: req.today)
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.h2, [], [.text(ctx.t("consent.title"))]),
            H.el(.p, [("class", "hint")], [.text(ctx.t("consent.intro"))]),
            H.table(
                caption: ctx.t("consent.title"),
                headers: [
                    ctx.t("consent.purpose"), ctx.t("referral.recipient"), ctx.t("consent.scope"), ctx.t("consent.given_by"), ctx.t("consent.given_on"),
                    ctx.t("field.state"),
                ],
                rows: m.consents.map { c in
                    [
                        .text(ctx.t("consent.purpose.\(c.purpose.rawValue)")),
                        .text(recipient(ctx, c.recipient) + (c.recipientName.isEmpty ? "" : " — " + c.recipientName)), .text(c.scope),
                        .text(ctx.t("consent.giver.\(c.givenBy.rawValue)") + ": " + c.givenByName), .text(ctx.date(c.givenOn)),
                        c.withdrawnOn.map { .text(ctx.t("consent.withdrawn_on", ["date": ctx.date($0), "reason": c.withdrawalReason ?? ""])) }
                            ?? (m.canRefer ? withdrawForm(ctx, c, m.today) : .text(ctx.t("consent.in_force"))),
                    ]
                }, empty: ctx.t("consent.none")),
            m.canRefer ? consentForm(ctx, m) : .empty,
            H.el(.h2, [], [.text(ctx.t("referral.title"))]),
            H.table(
                caption: ctx.t("referral.title"),
                headers: [
                    ctx.t("referral.recipient"), ctx.t("referral.service"), ctx.t("case.due_date"), ctx.t("field.state"), ctx.t("referral.outcome_note"),
                ],
                rows: m.referrals.map { r in
                    [
                        H.link(recipient(ctx, r.recipient) + " — " + r.receiver, SiteRoute.referral(r.id).path), .text(r.service),
                        .text(ctx.date(r.dueDate)), ReferralParts.status(ctx, r.status, overdue: r.overdue), .text(r.outcomeNote ?? "—"),
                    ]
                }, empty: ctx.t("referral.none")),
            m.canRefer ? referForm(ctx, m) : .empty,
            m.canShare ? shareForm(ctx, m) : .empty,
        ]
    }

    static func recipient(_ ctx: PageContext, _ r: ReferralRecipient?) -> String {
        r.map { ctx.t("referral.recipient.\($0.rawValue)") } ?? ctx.t("consent.any_recipient")
    }

    static func recipientOptions(_ ctx: PageContext) -> [(String, String)] {
        ReferralRecipient.allCases.map { ($0.rawValue, ctx.t("referral.recipient.\($0.rawValue)")) }
    }

    static func consentForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .details, [("class", "card")],
            [
                H.el(.summary, [], [.text(ctx.t("consent.add"))]),
                H.form(
                    ctx, action: SiteRoute.caseConsents(m.caseID).path,
                    [
                        H.select(
                            ctx, name: "purpose", label: ctx.t("consent.purpose"),
                            options: ConsentPurpose.allCases.map { ($0.rawValue, ctx.t("consent.purpose.\($0.rawValue)")) }, selected: nil,
                            id: "consent-purpose"),
                        H.select(
                            ctx, name: "recipient_type", label: ctx.t("referral.recipient"),
                            options: [("", ctx.t("consent.any_recipient"))] + recipientOptions(ctx), selected: "", id: "consent-recipient_type"),
                        H.field(ctx, name: "recipient_name", label: ctx.t("consent.recipient_name"), id: "consent-recipient_name"),
                        H.field(ctx, name: "scope", label: ctx.t("consent.scope"), required: true, hint: ctx.t("consent.scope_hint"), id: "consent-scope"),
                        H.select(
                            ctx, name: "given_by", label: ctx.t("consent.given_by"),
                            options: ConsentGiver.allCases.map { ($0.rawValue, ctx.t("consent.giver.\($0.rawValue)")) }, selected: nil,
                            id: "consent-given_by"),
                        H.field(ctx, name: "given_by_name", label: ctx.t("consent.given_by_name"), required: true, id: "consent-given_by_name"),
                        H.field(
                            ctx, name: "given_on", label: ctx.t("consent.given_on"), value: m.today.iso, type: "date", required: true, id: "consent-given_on"),
                        H.button(ctx.t("consent.add"), kind: "secondary"),
                    ]),
            ])
    }

    static func withdrawForm(_ ctx: PageContext, _ c: Consent, _ today: LocalDate) -> Body {
        H.form(
            ctx, action: SiteRoute.consentWithdraw(c.id).path, classes: "inline",
            [
                H.hidden("on", today.iso),
                H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "withdraw-\(c.id.uuidString)-reason"),
                H.button(ctx.t("consent.withdraw"), kind: "secondary"),
            ])
    }

    static func referForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .details, [("class", "card")],
            [
                H.el(.summary, [], [.text(ctx.t("referral.add"))]),
                H.form(
                    ctx, action: SiteRoute.caseReferrals(m.caseID).path,
                    [
                        H.select(
                            ctx, name: "recipient_type", label: ctx.t("referral.recipient"), options: recipientOptions(ctx), selected: nil,
                            id: "refer-recipient_type"),
                        H.field(
                            ctx, name: "recipient_unit", label: ctx.t("referral.ward_code"), hint: ctx.t("referral.ward_code_hint"), id: "refer-recipient_unit"),
                        H.field(ctx, name: "receiver", label: ctx.t("referral.receiver"), hint: ctx.t("referral.receiver_hint"), id: "refer-receiver"),
                        H.field(ctx, name: "service", label: ctx.t("referral.service"), required: true, id: "refer-service"),
                        H.field(
                            ctx, name: "due_date", label: ctx.t("case.due_date"), value: m.today.adding(days: 7).iso, type: "date", required: true,
                            id: "refer-due_date"),
                        H.button(ctx.t("referral.add"), kind: "secondary"),
                    ]),
            ])
    }

    static func shareForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .details, [("class", "card")],
            [
                H.el(.summary, [], [.text(ctx.t("case.file.share"))]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("case.file.hint"))]),
                H.form(
                    ctx, action: SiteRoute.caseFile(m.caseID).path,
                    [
                        H.select(
                            ctx, name: "recipient_type", label: ctx.t("referral.recipient"), options: recipientOptions(ctx), selected: nil,
                            id: "share-recipient_type"),
                        H.field(ctx, name: "recipient_name", label: ctx.t("consent.recipient_name"), required: true, id: "share-recipient_name"),
                        H.button(ctx.t("case.file.download"), kind: "secondary"),
                    ]),
            ])
    }
}
