import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A person's allowances: the periods paid (the ledgers), every decision, and the forms that
/// receive an application or record a decision (a change, a stop, a move…) for who may.
enum PersonDecisionsPage: Page {
    struct Period: Sendable, Equatable {
        let benefit: Benefit
        let from: YearMonth
        let until: YearMonth?
        let monthlyAmountNow: Int64
        let channel: String
        let recipient: String
    }

    struct Decision: Sendable, Equatable {
        let id: UUID
        let number: String?
        let signedDate: String
        let kind: DecisionKind
        let benefit: Benefit
        let effectiveMonth: YearMonth
        let monthlyAmount: Int64
        let reason: String
    }

    struct Model: Sendable {
        let personID: UUID
        let name: String
        let periods: [Period]
        let decisions: [Decision]
        let canReceive: Bool
        let canDecide: Bool
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let (decisions, periods) = try await DecisionRepository(req.store).history(actor, personID: id)
        let (p, _) = try await RegistryRepository(req.store).person(actor, id: id)
        return Model(
            personID: id, name: p.fullName,
            periods: periods.map {
                Period(
                    benefit: $0.benefit, from: $0.from, until: $0.until, monthlyAmountNow: $0.monthlyAmountNow, channel: $0.channel, recipient: $0.recipient)
            },
            decisions: decisions.map {
                Decision(
                    id: $0.id, number: $0.number, signedDate: $0.signedDate, kind: $0.kind, benefit: $0.benefit, effectiveMonth: $0.effectiveMonth,
                    monthlyAmount: $0.monthlyAmount, reason: $0.reason)
            }, canReceive: actor.role.can(.manageAllowances), canDecide: actor.role.can(.decideAllowances), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("decision.person_title", ["name": m.name]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            AllowanceParts.nav(ctx),
            H.link("← " + m.name, SiteRoute.person(m.personID).path),
            H.el(
                .div, [("class", "actions")],
                [
                    H.link(
                        ctx.t("one_off.person_register"), SiteRoute.oneOff.path(query: [("person_id", m.personID.uuidString), ("year", nil)]),
                        [("class", "btn btn-secondary")]),
                    m.canDecide
                        ? H.link(
                            ctx.t("one_off.link"), SiteRoute.oneOffNew.path(query: [("person_id", m.personID.uuidString)]), [("class", "btn btn-secondary")])
                        : .empty,
                ]),
            H.table(
                caption: ctx.t("decision.periods"),
                headers: [ctx.t("decision.benefit"), ctx.t("decision.from"), ctx.t("decision.until"), ctx.t("decision.amount_now"), ctx.t("decision.channel")],
                rows: m.periods.map { p in
                    [
                        .text(AllowanceParts.benefit(ctx, p.benefit)), H.bdi(p.from.iso), H.bdi(p.until?.iso ?? "—"),
                        .text(ctx.money(Dong(p.monthlyAmountNow))),
                        .text(ctx.t("payroll.channel.\(p.channel)") + (p.recipient.isEmpty ? "" : " — \(p.recipient)")),
                    ]
                }, empty: ctx.t("decision.no_periods")),
            H.table(
                caption: ctx.t("decision.decisions"),
                headers: [
                    ctx.t("decision.number"), ctx.t("decision.signed_date"), ctx.t("decision.kind"), ctx.t("decision.benefit"),
                    ctx.t("decision.effective_month"), ctx.t("allowance.amount"), ctx.t("decision.reason"),
                ],
                rows: m.decisions.map { d in
                    [
                        H.link(d.number ?? ctx.t("decision.by_system"), SiteRoute.decision(d.id).path), H.bdi(d.signedDate),
                        .text(ctx.t("decision.kind.\(d.kind.rawValue)")), .text(AllowanceParts.benefit(ctx, d.benefit)), H.bdi(d.effectiveMonth.iso),
                        .text(ctx.money(Dong(d.monthlyAmount))), .text(ctx.t("decision.reason.\(d.reason)")),
                    ]
                }, empty: ctx.t("decision.no_decisions")),
        ]
        let recipient: [Body] = [
            H.select(
                ctx, name: "recipient_kind", label: ctx.t("decision.recipient"),
                options: AllowanceParts.options(ctx, ["decision", "recipient"], RecipientKind.self), selected: "person", errors: []),
            H.field(ctx, name: "recipient_name", label: ctx.t("decision.recipient_name"), hint: ctx.t("decision.recipient_hint")),
            H.select(
                ctx, name: "channel", label: ctx.t("decision.channel"), options: AllowanceParts.options(ctx, ["payroll", "channel"], PaymentChannel.self),
                selected: "cash", errors: []),
            H.field(ctx, name: "account", label: ctx.t("decision.account"), hint: ctx.t("decision.account_hint")),
        ]
        if m.canReceive {
            content.append(
                H.form(
                    ctx, action: SiteRoute.personApplications(m.personID).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("decision.new_application"))]),
                        H.select(
                            ctx, name: "benefit", label: ctx.t("decision.benefit"),
                            options: AllowanceParts.options(ctx, ["decision", "benefit"], Benefit.self), selected: "allowance", errors: []),
                        H.select(
                            ctx, name: "form_type", label: ctx.t("decision.form_type"),
                            options: ApplicationForm.allCases.map { ($0.rawValue, ctx.t("decision.form.\($0.rawValue)")) },
                            selected: "1a", errors: []),
                        H.field(ctx, name: "received_date", label: ctx.t("decision.received_date"), value: m.today.iso, type: "date", required: true),
                        H.el(
                            .fieldset, [],
                            [H.el(.legend, [], [.text(ctx.t("decision.documents"))])]
                                + ApplicationDocument.allCases.map { d in
                                    H.el(
                                        .div, [("class", "field checkbox")],
                                        [
                                            H.el(
                                                .input, [("type", "checkbox"), ("id", "f-doc-\(d.rawValue)"), ("name", "documents[]"), ("value", d.rawValue)]),
                                            H.el(.label, [("for", "f-doc-\(d.rawValue)")], [.text(ctx.t("decision.document.\(d.rawValue)"))]),
                                        ])
                                }),
                    ] + recipient + [H.button(ctx.t("decision.receive"))]))
        }
        if m.canDecide {
            content.append(
                H.form(
                    ctx, action: SiteRoute.personDecisions(m.personID).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("decision.new_decision"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("decision.new_decision_hint"))]),
                        H.select(
                            ctx, name: "benefit", label: ctx.t("decision.benefit"),
                            options: AllowanceParts.options(ctx, ["decision", "benefit"], Benefit.self), selected: "allowance", errors: []),
                        H.select(
                            ctx, name: "kind", label: ctx.t("decision.kind"), options: AllowanceParts.options(ctx, ["decision", "kind"], DecisionKind.self),
                            selected: "adjust", errors: []),
                        H.select(
                            ctx, name: "reason", label: ctx.t("decision.reason"),
                            options: AllowanceParts.options(ctx, ["decision", "reason"], DecisionReason.self), selected: nil, errors: []),
                        H.field(ctx, name: "number", label: ctx.t("decision.number"), required: true, hint: "123/QĐ-UBND"),
                        H.field(ctx, name: "signed_date", label: ctx.t("decision.signed_date"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "event_date", label: ctx.t("decision.event_date"), type: "date", hint: ctx.t("decision.event_hint")),
                        H.field(ctx, name: "paid_before", label: ctx.t("decision.paid_before"), type: "month", hint: ctx.t("decision.paid_before_hint")),
                    ] + recipient + [H.field(ctx, name: "note", label: ctx.t("decision.note")), H.button(ctx.t("decision.record"))]))
        }
        return content
    }
}
