import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The form that decides a one-off benefit for a person (or the person's household), opened
/// from the person's allowance page.
enum OneOffNewPage: Page {
    struct Model: Sendable {
        let personID: UUID?
        let personName: String
        let today: LocalDate
        /// A refused form, shown again with what was typed and what was wrong.
        var form = OneOffController.DecideForm()
        var errors: [FieldError] = []
    }

    static func model(for req: Request, person: UUID? = nil) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.decideAllowances)
        guard let id = try person ?? req.queryUUID("person_id") else { return Model(personID: nil, personName: "", today: req.today) }
        let (p, _) = try await RegistryRepository(req.store).person(actor, id: id)
        return Model(personID: id, personName: p.fullName, today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("one_off.new_title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        guard let person = m.personID else {
            return [
                AllowanceParts.nav(ctx), H.el(.p, [("class", "lead")], [.text(ctx.t("one_off.choose_person"))]),
                H.link(ctx.t("nav.persons"), SiteRoute.persons.path, [("class", "btn btn-secondary")]),
            ]
        }
        let f = m.form, e = m.errors
        let number: (String, String, String, String?) -> Body = { name, label, hint, value in
            H.field(ctx, name: name, label: label, value: value ?? "", type: "number", errors: e, hint: hint)
        }
        return [
            AllowanceParts.nav(ctx),
            H.link("← " + m.personName, SiteRoute.personDecisions(person).path),
            H.form(
                ctx, action: SiteRoute.oneOff.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("one_off.for_person", ["name": m.personName]))]),
                    H.errorSummary(ctx, e),
                    H.hidden("person_id", person.uuidString),
                    H.select(ctx, name: "kind", label: ctx.t("one_off.kind"), options: OneOffParts.kinds(ctx), selected: f.kind ?? "funeral", errors: e),
                    H.el(.p, [("class", "hint")], [.text(ctx.t("one_off.kind_hint"))]),
                    H.field(
                        ctx, name: "event_date", label: ctx.t("one_off.event_date"), value: f.event_date ?? "", type: "date", required: true, errors: e,
                        hint: ctx.t("one_off.event_hint")),
                    H.field(ctx, name: "number", label: ctx.t("decision.number"), value: f.number ?? "", required: true, errors: e, hint: "123/QĐ-UBND"),
                    H.field(
                        ctx, name: "signed_date", label: ctx.t("decision.signed_date"), value: f.signed_date ?? m.today.iso, type: "date", required: true,
                        errors: e),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("one_off.funeral_part"))]),
                            H.checkboxes(
                                legend: ctx.t("one_off.funeral_cases"), name: "funeral_cases", idPrefix: "case",
                                options: FuneralCase.allCases.map { ($0.rawValue, ctx.t("one_off.case.\($0.rawValue)")) }),
                            H.select(
                                ctx, name: "other_source", label: ctx.t("one_off.other_source"),
                                options: OtherFuneralBenefit.Source.allCases.map { ($0.rawValue, ctx.t("one_off.source.\($0.rawValue)")) },
                                selected: f.other_source, errors: e, includeBlank: true),
                            number("other_amount", ctx.t("one_off.other_amount"), ctx.t("one_off.other_hint"), f.other_amount),
                        ]),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("one_off.injury_part"))]),
                            number("treatment_days", ctx.t("one_off.treatment_days"), ctx.t("one_off.treatment_hint"), f.treatment_days),
                        ]),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("one_off.rice_part"))]),
                            H.select(
                                ctx, name: "rice_cause", label: ctx.t("one_off.rice_cause"),
                                options: RiceCause.allCases.map { ($0.rawValue, ctx.t("one_off.cause.\($0.rawValue)")) }, selected: f.rice_cause, errors: e,
                                includeBlank: true),
                            number("persons", ctx.t("one_off.persons"), ctx.t("one_off.persons_hint"), f.persons),
                            number("months", ctx.t("one_off.months"), ctx.t("one_off.months_hint"), f.months),
                        ]),
                    H.select(
                        ctx, name: "recipient_kind", label: ctx.t("decision.recipient"),
                        options: AllowanceParts.options(ctx, ["decision", "recipient"], RecipientKind.self), selected: f.recipient_kind ?? "person",
                        errors: e),
                    H.field(
                        ctx, name: "recipient_name", label: ctx.t("decision.recipient_name"), value: f.recipient_name ?? "", errors: e,
                        hint: ctx.t("one_off.recipient_hint")),
                    H.select(
                        ctx, name: "channel", label: ctx.t("decision.channel"),
                        options: AllowanceParts.options(ctx, ["payroll", "channel"], PaymentChannel.self), selected: f.channel ?? "cash", errors: e),
                    H.field(ctx, name: "account", label: ctx.t("decision.account"), value: f.account ?? "", errors: e, hint: ctx.t("decision.account_hint")),
                    H.field(ctx, name: "note", label: ctx.t("decision.note"), value: f.note ?? "", errors: e),
                    H.button(ctx.t("one_off.decide")),
                ]),
        ]
    }
}

/// One one-off decision: what was decided and why, where its payment stands, and the forms
/// that record it handed out or cancel it.
enum OneOffItemPage: Page {
    struct Model: Sendable {
        let record: OneOffRecord
        let canHandOut: Bool
        let canCancel: Bool
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let r = try await OneOffRepository(req.store).get(actor, try req.idParameter())
        // A line a cycle issued past its draft keeps the forms away too: the store says so.
        let open = r.status == .decided && r.lineStatus != .paid
        return Model(
            record: r, canHandOut: open && actor.role.can(.managePayments), canCancel: open && actor.role.can(.decideAllowances), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String {
        ctx.t("one_off.item_title", ["kind": ctx.t("one_off.kind.\(m.record.kind.rawValue)"), "number": m.record.number])
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.record
        var facts: [(String, Body)] = [
            (ctx.t("field.full_name"), H.link(r.personName, SiteRoute.personDecisions(r.personID).path)),
            (ctx.t("field.commune"), .text(r.communeName)),
            (ctx.t("one_off.event_date"), H.bdi(r.eventDate)), (ctx.t("decision.signed_date"), H.bdi(r.signedDate)),
            (ctx.t("allowance.category"), .text(PaymentReportPage.categories(ctx, [r.category]) + " (\(r.category))")),
            (ctx.t("allowance.amount"), .text(OneOffParts.amount(ctx, r))), (ctx.t("decision.rule_set"), H.bdi(r.ruleSet)),
            (ctx.t("decision.recipient"), .text(ctx.t("decision.recipient.\(r.recipientKind)") + (r.recipientName.map { " — \($0)" } ?? ""))),
            (ctx.t("decision.channel"), .text(ctx.t("payroll.channel.\(r.channel)"))), (ctx.t("field.state"), .text(OneOffParts.state(ctx, r))),
        ]
        if let h = r.householdCode { facts.insert((ctx.t("field.household_code"), H.bdi(h)), at: 1) }
        if !r.details.funeralCases.isEmpty {
            facts.append((ctx.t("one_off.funeral_cases"), .text(r.details.funeralCases.map { ctx.t("one_off.case.\($0.rawValue)") }.joined(separator: ", "))))
        }
        for o in r.details.others {
            facts.append((ctx.t("one_off.other_source"), .text(ctx.t("one_off.source.\(o.source.rawValue)") + " — " + ctx.money(Dong(o.amount)))))
        }
        if let d = r.details.treatmentDays { facts.append((ctx.t("one_off.treatment_days"), .text(ctx.number(d)))) }
        if let c = r.details.riceCause { facts.append((ctx.t("one_off.rice_cause"), .text(ctx.t("one_off.cause.\(c.rawValue)")))) }
        if let h = r.handedDate {
            facts.append((ctx.t("one_off.handed_date"), H.bdi(h)))
            facts.append((ctx.t("one_off.received_by"), .text(r.receivedBy ?? "")))
        }
        if let c = r.cancelReason { facts.append((ctx.t("one_off.cancel_reason"), .text(c))) }
        if let n = r.note { facts.append((ctx.t("decision.note"), .text(n))) }
        facts.append((ctx.t("decision.decided_by"), H.bdi(r.decidedBy)))
        var out: [Body] = [
            AllowanceParts.nav(ctx),
            H.link("← " + ctx.t("one_off.register"), SiteRoute.oneOff.path),
            H.dl(facts),
            r.reason.map { ReviewParts.reasons(ctx, [$0]) } ?? .empty,
            r.cycleID.map { H.link(ctx.t("one_off.open_cycle"), SiteRoute.paymentCycle($0).path, [("class", "btn btn-secondary")]) } ?? .empty,
        ]
        if m.canHandOut {
            out.append(
                H.form(
                    ctx, action: SiteRoute.oneOffHandOut(r.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("one_off.hand_out"))]), H.el(.p, [("class", "hint")], [.text(ctx.t("one_off.hand_out_hint"))]),
                        H.field(ctx, name: "handed_date", label: ctx.t("one_off.handed_date"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "received_by", label: ctx.t("one_off.received_by"), value: r.recipientName ?? r.personName, required: true),
                        H.button(ctx.t("one_off.record_hand_out")),
                    ]))
        }
        if m.canCancel {
            out.append(
                H.form(
                    ctx, action: SiteRoute.oneOffCancel(r.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("one_off.cancel"))]),
                        H.field(ctx, name: "reason", label: ctx.t("one_off.cancel_reason"), required: true),
                        H.button(ctx.t("one_off.cancel"), kind: "secondary"),
                    ]))
        }
        return out
    }
}
