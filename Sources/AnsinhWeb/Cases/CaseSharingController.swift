import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The sharing pages of a case: consents and their withdrawal, referrals and their outcome, the
/// case file shared with a recipient; the referrals list a ward officer answers from.
struct CaseSharingController {
    struct ConsentForm: Content {
        var purpose: String?; var recipient_type: String?; var recipient_name: String?; var scope: String?; var given_by: String?
        var given_by_name: String?; var given_on: String?
    }
    struct WithdrawForm: Content { var on: String?; var reason: String? }
    struct ReferForm: Content { var recipient_type: String?; var recipient_unit: String?; var receiver: String?; var service: String?; var due_date: String? }
    struct FileForm: Content { var recipient_type: String?; var recipient_name: String? }
    struct OutcomeForm: Content { var transition: String?; var note: String? }

    func register(authed: any RoutesBuilder) {
        authed.post(.caseConsents(nil), use: addConsent)
        authed.post(.consentWithdraw(nil), use: withdraw)
        authed.post(.caseReferrals(nil), use: refer)
        authed.post(.caseFile(nil), use: file)
        authed.get(.referrals, use: list)
        authed.get(.referral(nil), use: item)
        authed.post(.referralOutcome(nil), use: outcome)
    }

    func addConsent(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(ConsentForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("consent.recorded")) {
            var input = ConsentInput()
            input.purpose = f.purpose ?? ""; input.recipientKind = f.recipient_type ?? ""; input.recipientName = f.recipient_name ?? ""
            input.scope = f.scope ?? ""; input.givenBy = f.given_by ?? ""; input.givenByName = f.given_by_name ?? ""; input.givenOn = f.given_on ?? ""
            try await CaseRepository(req.store).addConsent(actor, caseID: id, input)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(WithdrawForm.self)
        let repo = CaseRepository(req.store)
        let caseID = try await repo.consentCase(actor, consentID: id)
        return try await req.perform(back: SiteRoute.caseItem(caseID).path, success: Message("consent.withdrawn")) {
            try await repo.withdrawConsent(actor, consentID: id, on: f.on ?? "", reason: f.reason ?? "")
        }
    }

    func refer(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(ReferForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("referral.sent")) {
            var input = ReferralInput()
            input.recipientKind = f.recipient_type ?? ""; input.recipientUnitCode = f.recipient_unit ?? ""; input.receiver = f.receiver ?? ""
            input.service = f.service ?? ""; input.dueDate = f.due_date ?? ""
            try await CaseRepository(req.store).refer(actor, caseID: id, input)
        }
    }

    /// The case file as a spreadsheet, or back to the case with the reason it was refused.
    func file(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(FileForm.self)
        // The file's format is checked before the sharing is recorded.
        _ = try req.queryChoice("format", Spreadsheet.Format.self)
        var shared: CaseFile?
        let back = try await req.perform(back: SiteRoute.caseItem(id).path, success: nil) {
            shared = try await CaseRepository(req.store).shareFile(
                actor, caseID: id, recipientKind: f.recipient_type ?? "", recipientName: f.recipient_name ?? "")
        }
        guard let shared else { return back }
        return try await CaseFileSheet.response(req, shared)
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ReferralsPage.render(PageContext(req), try await ReferralsPage.model(for: req)))
    }

    func item(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ReferralPage.render(PageContext(req), try await ReferralPage.model(for: req)))
    }

    func outcome(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(OutcomeForm.self)
        return try await req.perform(back: SiteRoute.referral(id).path, success: Message("referral.answered")) {
            guard let t = ReferralLifecycle.Transition(rawValue: f.transition ?? "") else { throw AppError.invalid("transition", "validation.choice") }
            try await CaseRepository(req.store).answer(actor, referralID: id, t, note: f.note ?? "")
        }
    }
}

/// The case file shared with a recipient, as one sheet: the case, the plan, the timeline and
/// the referrals, in the viewer's language (the page and the API send the same file).
enum CaseFileSheet {
    static func response(_ req: Request, _ f: CaseFile) async throws -> Response {
        let ctx = PageContext(req)
        let c = f.record
        let zone = req.services.config.timeZone
        var rows: [[String]] = [
            [
                ctx.t("case.title", ["number": c.number]), ctx.timestamp(c.receivedAt, zone: zone), c.personName,
                [ctx.t("case.kind.\(c.kind.rawValue)"), ctx.t("case.risk.\(c.riskLevel.rawValue)"), ctx.t("case.placement.\(c.placement.rawValue)")]
                    .joined(separator: " · "), c.worker,
            ],
            [ctx.t("case.risk_reason"), "", c.riskReason, ctx.t("case.status.\(c.status.rawValue)"), ""],
            [ctx.t("case.assessment"), "", c.assessment ?? "—", "", ""],
        ]
        rows += c.goals.map { g in
            [ctx.t("case.goal"), g.dueDate.iso, g.goal, g.result.map { ctx.t("referral.status.\($0)") } ?? "", g.responsible]
        }
        rows += f.entries.map { e in [ctx.t("case.entry.\(e.kind.rawValue)"), e.on.iso, e.text, "", e.givenBy] }
        rows += f.referrals.map { r in
            [
                ctx.t("referral.title"), r.dueDate.iso, r.service, ctx.t("referral.status.\(r.status.rawValue)") + (r.outcomeNote.map { ": " + $0 } ?? ""),
                ctx.t("referral.recipient.\(r.recipient.rawValue)") + " — " + r.receiver,
            ]
        }
        return try await Spreadsheet.response(
            req, header: [ctx.t("case.file.section"), ctx.t("field.date"), ctx.t("case.file.item"), ctx.t("case.file.detail"), ctx.t("case.given_by")],
            rows: rows, baseName: "case-" + c.number)
    }
}
