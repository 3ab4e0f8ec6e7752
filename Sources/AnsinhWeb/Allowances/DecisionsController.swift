import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// Applications and decisions on a person's allowance ledgers, and the notification letter.
struct DecisionsController {
    func register(authed: any RoutesBuilder) {
        authed.get(.applications, use: applications)
        authed.get(.application(nil), use: application)
        authed.post(.applicationReview(nil), use: review)
        authed.post(.applicationPost(nil), use: post)
        authed.post(.applicationDecide(nil), use: decideApplication)
        authed.post(.applicationRefuse(nil), use: refuse)
        authed.post(.applicationHold(nil)) { try await RetentionSection.hold($0, AllowanceApplicationModel.self, back: { SiteRoute.application($0) }) }
        authed.get(.personDecisions(nil), use: person)
        authed.post(.personApplications(nil), use: receive)
        authed.post(.personDecisions(nil), use: decide)
        authed.get(.decision(nil), use: decision)
        authed.get(.decisionLetter(nil), use: letter)
        authed.post(.decisionHold(nil)) { try await RetentionSection.hold($0, AllowanceDecisionModel.self, back: { SiteRoute.decision($0) }) }
    }

    struct ApplicationForm: Content {
        var benefit: String?; var form_type: String?; var received_date: String?; var documents: [String]?
        var recipient_kind: String?; var recipient_name: String?; var channel: String?; var account: String?
    }
    struct DecisionForm: Content {
        var benefit: String?; var kind: String?; var reason: String?; var number: String?; var signed_date: String?; var event_date: String?
        var paid_before: String?; var recipient_kind: String?; var recipient_name: String?; var channel: String?; var account: String?; var note: String?
    }
    struct PostForm: Content { var posting_start: String?; var objections: String? }
    struct SignForm: Content { var number: String?; var signed_date: String? }
    struct RefuseForm: Content { var refusal_reason: String? }

    func applications(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ApplicationsPage.render(PageContext(req), try await ApplicationsPage.model(for: req)))
    }

    func application(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ApplicationPage.render(PageContext(req), try await ApplicationPage.model(for: req)))
    }

    func review(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        return try await req.perform(back: SiteRoute.application(id).path, success: Message("decision.reviewed")) {
            try await DecisionRepository(req.store).review(actor, applicationID: id)
        }
    }

    func post(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(PostForm.self)
        return try await req.perform(back: SiteRoute.application(id).path, success: Message("decision.posted")) {
            try await DecisionRepository(req.store).post(actor, applicationID: id, start: f.posting_start ?? "", objections: f.objections ?? "")
        }
    }

    func decideApplication(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(SignForm.self)
        return try await req.performShowing(back: SiteRoute.application(id).path) {
            let decision = try await DecisionRepository(req.store).decide(actor, applicationID: id, number: f.number ?? "", signedDate: f.signed_date ?? "")
            return (SiteRoute.decision(decision).path, Message("decision.recorded"))
        }
    }

    func refuse(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(RefuseForm.self)
        return try await req.perform(back: SiteRoute.application(id).path, success: Message("decision.refused")) {
            try await DecisionRepository(req.store).refuse(actor, applicationID: id, reason: f.refusal_reason ?? "")
        }
    }

    func person(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PersonDecisionsPage.render(PageContext(req), try await PersonDecisionsPage.model(for: req)))
    }

    func receive(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(ApplicationForm.self)
        return try await req.performShowing(back: SiteRoute.personDecisions(id).path) {
            var input = ApplicationInput(personID: id)
            guard let b = Benefit(rawValue: f.benefit ?? "") else { throw AppError.invalid("benefit", "validation.choice") }
            input.benefit = b; input.formType = f.form_type ?? ""; input.receivedDate = f.received_date ?? ""; input.documents = f.documents ?? []
            input.recipientKind = f.recipient_kind ?? "person"; input.recipientName = f.recipient_name ?? ""
            input.channel = f.channel ?? "cash"; input.account = f.account ?? ""
            let created = try await DecisionRepository(req.store).receive(actor, input)
            return (SiteRoute.application(created).path, Message("decision.received"))
        }
    }

    func decide(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(DecisionForm.self)
        return try await req.performShowing(back: SiteRoute.personDecisions(id).path) {
            var input = DecisionInput(personID: id)
            guard let b = Benefit(rawValue: f.benefit ?? "") else { throw AppError.invalid("benefit", "validation.choice") }
            guard let k = DecisionKind(rawValue: f.kind ?? "") else { throw AppError.invalid("decision_kind", "validation.choice") }
            input.benefit = b; input.kind = k; input.reason = f.reason ?? ""; input.number = f.number ?? ""; input.signedDate = f.signed_date ?? ""
            input.eventDate = f.event_date ?? ""; input.paidBefore = f.paid_before ?? ""; input.recipientKind = f.recipient_kind ?? ""
            input.recipientName = f.recipient_name ?? ""; input.channel = f.channel ?? ""; input.account = f.account ?? ""; input.note = f.note ?? ""
            let created = try await DecisionRepository(req.store).decide(actor, input)
            return (SiteRoute.decision(created).path, Message("decision.recorded"))
        }
    }

    func decision(req: Request) async throws -> HTMLResponse {
        HTMLResponse(DecisionPage.render(PageContext(req), try await DecisionPage.model(for: req)))
    }

    /// The notification letter to the person, always in Vietnamese (it is an official paper).
    func letter(req: Request) async throws -> HTMLResponse {
        HTMLResponse(DecisionLetterPage.render(PageContext(req).with(locale: .vi), try await DecisionPage.model(for: req)))
    }
}
