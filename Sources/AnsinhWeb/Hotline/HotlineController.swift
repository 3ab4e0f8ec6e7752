import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The hotline pages: contacts, the contact form (and the one-click non-data contacts), one
/// contact and a case opened from it, the report.
struct HotlineController {
    struct ContactForm: Content {
        var at: String?; var channel: String?; var non_data: String?; var duration_minutes: String?; var caller_type: String?
        var age_group: String?; var sex: String?; var place: String?; var topic: String?; var subtopic: String?; var summary: String?
        var phone: String?
    }
    struct CaseForm: Content {
        var person_name: String?; var kind: String?; var risk_level: String?; var risk_reason: String?; var placement: String?; var not_duplicate: String?
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.hotline, use: list)
        authed.get(.hotlineNew, use: newContact)
        authed.post(.hotline, use: record)
        authed.get(.hotlineContact(nil), use: contact)
        authed.post(.hotlineOpenCase(nil), use: openCase)
        authed.post(.hotlineLinkCase(nil), use: linkCase)
        authed.post(.hotlineHold(nil), use: hold)
        authed.get(.hotlineReport, use: report)
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HotlinePage.render(PageContext(req), try await HotlinePage.model(for: req)))
    }

    func newContact(req: Request) async throws -> HTMLResponse {
        try req.requireActor().require(.answerHotline)
        return HTMLResponse(
            ContactFormPage.render(PageContext(req), ContactFormPage.Model(form: ContactForm(), errors: [], now: req.localDateTimeNow)))
    }

    func record(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(ContactForm.self)
        do {
            var input = ContactInput()
            input.channel = f.channel ?? ""; input.nonData = f.non_data ?? ""
            if let at = f.at, !at.isEmpty { input.at = try req.localDateTime(at, field: "at") }
            if let m = f.duration_minutes?.trimmingCharacters(in: .whitespaces), !m.isEmpty {
                guard let minutes = Int(m), (0...240).contains(minutes) else { throw AppError.invalid("duration_minutes", "validation.number") }
                input.durationSeconds = minutes * 60
            }
            input.callerType = f.caller_type ?? ""; input.ageGroup = f.age_group ?? ""; input.sex = f.sex ?? ""; input.place = f.place ?? ""
            input.topic = f.topic ?? ""; input.subtopic = f.subtopic ?? ""; input.summary = f.summary ?? ""; input.phone = f.phone ?? ""
            let id = try await HotlineRepository(req.store).record(actor, input)
            req.flash(.success, Message("hotline.recorded"))
            return req.redirect(to: input.nonData.isEmpty ? SiteRoute.hotlineContact(id).path : SiteRoute.hotline.path)
        } catch AppError.validation(let errors) {
            var shown = f
            shown.phone = nil
            let page = ContactFormPage.render(PageContext(req), ContactFormPage.Model(form: shown, errors: errors, now: req.localDateTimeNow))
            return HTMLResponse(page, status: .unprocessableEntity).response()
        }
    }

    func contact(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ContactPage.render(PageContext(req), try await ContactPage.model(for: req)))
    }

    func openCase(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CaseForm.self)
        return try await req.performShowing(back: SiteRoute.hotlineContact(id).path) {
            var input = CaseInput()
            input.personName = f.person_name ?? ""; input.kind = f.kind ?? ""; input.riskLevel = f.risk_level ?? ""
            input.riskReason = f.risk_reason ?? ""; input.placement = f.placement ?? ""; input.notDuplicate = f.not_duplicate == "1"
            let caseID = try await HotlineRepository(req.store).openCase(actor, contactID: id, input)
            return (SiteRoute.caseItem(caseID).path, Message("hotline.case_opened"))
        }
    }

    func report(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HotlineReportPage.render(PageContext(req), try await HotlineReportPage.model(for: req)))
    }

    struct LinkForm: Content { var case_number: String? }

    func linkCase(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(LinkForm.self)
        return try await req.performShowing(back: SiteRoute.hotlineContact(id).path) {
            let caseID = try await HotlineRepository(req.store).linkCase(actor, contactID: id, caseNumber: f.case_number ?? "")
            return (SiteRoute.caseItem(caseID).path, Message("hotline.linked"))
        }
    }

    /// Puts the contact under legal hold (a reason given) or releases it (none).
    func hold(req: Request) async throws -> Response {
        try await RetentionSection.hold(req, HotlineContactModel.self, back: { SiteRoute.hotlineContact($0) })
    }
}
