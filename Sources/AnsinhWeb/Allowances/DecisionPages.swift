import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One decision as its pages show it.
struct DecisionSummary: Sendable, Equatable {
    let id: UUID
    let personID: UUID
    let personName: String
    let birth: String
    let address: String
    let communeName: String
    let benefit: Benefit
    let kind: DecisionKind
    let reason: String
    let number: String?
    let signedDate: String
    let effectiveMonth: YearMonth
    let monthlyAmount: Int64
    let recipientKind: String
    let recipientName: String?
    let channel: String
    let ruleSet: String
    let note: String?
    let decidedBy: String
    let evaluation: AllowanceParts.Evaluation?
    /// The amount the stored facts give under today's rules (nil: nothing stored).
    var reproducedAmount: Int64? = nil
    /// Retention (privacy.json `retention.allowance`): when the file was anonymised, the legal
    /// hold that keeps it whole, and whether the viewer may set or release it.
    var anonymisedAt: Date? = nil
    var legalHold: String? = nil
    var canHold = false
    var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
}

extension DecisionSummary {
    /// The summary of a decision as read (the memberwise init stays for page tests).
    init(_ d: DecisionView) {
        id = d.id; personID = d.personID; personName = d.personName; birth = d.birth; address = d.address; communeName = d.communeName
        benefit = d.benefit; kind = d.kind; reason = d.reason; number = d.number; signedDate = d.signedDate; effectiveMonth = d.effectiveMonth
        monthlyAmount = d.monthlyAmount; recipientKind = d.recipientKind; recipientName = d.recipientName; channel = d.channel; ruleSet = d.ruleSet
        note = d.note; decidedBy = d.decidedBy; evaluation = d.evaluation.map(AllowanceParts.Evaluation.init)
        reproducedAmount = d.reproducedAmount; anonymisedAt = d.anonymisedAt; legalHold = d.legalHold
    }
}

/// A decision: what, for whom, from which month, how much, and why; the way to its letter.
enum DecisionPage: Page {
    typealias Model = DecisionSummary

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        var m = DecisionSummary(try await DecisionRepository(req.store).decision(actor, try req.idParameter()))
        m.canHold = actor.role.can(AllowanceDecisionModel.holdPermission); m.zone = req.services.config.timeZone
        return m
    }

    static func title(_ ctx: PageContext, _ d: Model) -> String { ctx.t("decision.title", ["number": d.number ?? ctx.t("decision.by_system")]) }

    static func body(_ ctx: PageContext, _ d: Model) -> [Body] {
        var content: [Body] = [
            AllowanceParts.nav(ctx),
            H.dl([
                (ctx.t("field.full_name"), H.link(d.personName, SiteRoute.personDecisions(d.personID).path)),
                (ctx.t("decision.number"), H.bdi(d.number ?? ctx.t("decision.by_system"))),
                (ctx.t("decision.signed_date"), H.bdi(d.signedDate)),
                (ctx.t("decision.kind"), .text(ctx.t("decision.kind.\(d.kind.rawValue)"))),
                (ctx.t("decision.reason"), .text(ctx.t("decision.reason.\(d.reason)"))),
                (ctx.t("decision.benefit"), .text(AllowanceParts.benefit(ctx, d.benefit))),
                (ctx.t("decision.effective_month"), H.bdi(d.effectiveMonth.iso)),
                (ctx.t("allowance.amount"), .text(ctx.money(Dong(d.monthlyAmount)))),
                (ctx.t("decision.recipient"), .text(ctx.t("decision.recipient.\(d.recipientKind)") + (d.recipientName.map { ": \($0)" } ?? ""))),
                (ctx.t("decision.channel"), .text(ctx.t("payroll.channel.\(d.channel)"))),
                (ctx.t("decision.rule_set"), H.bdi(d.ruleSet)),
                (ctx.t("decision.note"), .text(d.note ?? "—")),
                (ctx.t("review.recorded_by"), .text(d.decidedBy)),
            ]),
        ]
        if let e = d.evaluation { content.append(AllowanceParts.evaluation(ctx, e)) }
        if let r = d.reproducedAmount {
            content.append(
                H.el(
                    .p, [("class", r == d.monthlyAmount ? "hint" : "flash flash-error")],
                    [
                        .text(
                            ctx.t(
                                r == d.monthlyAmount ? "decision.reproduced" : "decision.not_reproduced",
                                ["amount": Message.money(r), "rule_set": d.ruleSet]))
                    ]))
        }
        content.append(H.link(ctx.t("decision.letter"), SiteRoute.decisionLetter(d.id).path, [("class", "btn btn-primary")]))
        content.append(retention(ctx, d))
        return content
    }

    /// A decision is anonymised its years after its ledger is no longer paid; its amounts,
    /// months and categories stay. A legal hold keeps it whole.
    static func retention(_ ctx: PageContext, _ d: Model) -> Body {
        RetentionSection.render(
            ctx, anonymisedAt: d.anonymisedAt, anonymisedKey: "retention.decision_anonymised", legalHold: d.legalHold,
            pending: ctx.t("retention.decision_due_after", ["years": "\(RetentionRepository.allowanceRule.years)"]), canHold: d.canHold,
            action: SiteRoute.decisionHold(d.id).path, zone: d.zone)
    }
}

/// The notification letter (thông báo) to the person: what was decided, from which month, how
/// much, and how to complain. Always rendered in Vietnamese (an official paper).
enum DecisionLetterPage: Page {
    typealias Model = DecisionSummary

    static func title(_ ctx: PageContext, _ d: Model) -> String { ctx.t("letter.title") }

    static func body(_ ctx: PageContext, _ d: Model) -> [Body] {
        [
            H.el(
                .article, [("class", "certificate letter")],
                [
                    H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                    H.el(.p, [], [.text(ctx.t("letter.from", ["commune": d.communeName]))]),
                    H.el(.p, [], [.text(ctx.t("letter.to", ["name": d.personName, "birth": d.birth, "address": d.address]))]),
                    H.el(
                        .p, [],
                        [
                            .text(
                                ctx.t(
                                    "letter.kind.\(d.kind.rawValue)",
                                    [
                                        "number": d.number ?? "", "date": LocalDate(iso: d.signedDate).map(ctx.date) ?? d.signedDate,
                                        "benefit": AllowanceParts.benefit(ctx, d.benefit), "month": d.effectiveMonth.iso,
                                        "amount": ctx.money(Dong(d.monthlyAmount)), "reason": ctx.t("decision.reason.\(d.reason)"),
                                    ]))
                        ]),
                    d.kind == .start || d.kind == .adjust || d.kind == .resume
                        ? H.el(.p, [], [.text(ctx.t("letter.channel", ["channel": ctx.t("payroll.channel.\(d.channel)")]))]) : .empty,
                    H.el(.p, [], [.text(ctx.t("letter.complaint"))]),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("review.cert_signature", ["commune": d.communeName]))]),
                ])
        ]
    }
}
