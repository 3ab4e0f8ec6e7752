import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Residents' requests. Public pages (no account): the form with its challenge, the code shown
/// after sending, where a request is by code and phone. Officers: the inbox, one request and
/// the steps of its handling, a hardship report turned into a sudden-hardship event, the report.
struct FeedbackController {
    struct SubmitForm: Content {
        var kind: String?; var unit: String?; var residential_group: String?; var name: String?; var phone: String?; var zalo: String?
        var anonymous: String?; var text: String?; var consent: String?; var challenge: String?; var answer: String?; var email: String?
        var language: String?; var files: [File]?
    }
    struct TrackForm: Content { var code: String?; var phone: String?; var stop: String? }
    struct StepForm: Content { var step: String?; var text: String?; var assignee: String?; var outcome: String? }
    struct ConvertForm: Content { var household_code: String?; var event_kind: String?; var occurred_on: String?; var note: String? }

    func register(public html: any RoutesBuilder) {
        html.get(.publicRequestNew) { req in
            // A link from the information pages chooses the kind and the ward.
            let f = SubmitForm(kind: req.query[String.self, at: "kind"], unit: req.query[String.self, at: "unit"])
            return try await Self.form(req, f, errors: [], status: .ok)
        }
        html.publicUpload(.publicRequests, use: submit)
        html.get(.publicRequestSent, use: sent)
        html.get(.publicRequestTrack) { req in
            HTMLResponse(TrackPage.render(PageContext(req), TrackPage.Model(form: TrackForm(), status: nil, notFound: false)))
        }
        html.post(.publicRequestTrack, use: track)
        html.post(.publicRequestMessages, use: messages)
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.requests) { req in HTMLResponse(RequestsPage.render(PageContext(req), try await RequestsPage.model(for: req))) }
        authed.get(.requestsReport) { req in HTMLResponse(RequestReportPage.render(PageContext(req), try await RequestReportPage.model(for: req))) }
        authed.get(.request(nil)) { req in HTMLResponse(RequestPage.render(PageContext(req), try await RequestPage.model(for: req))) }
        authed.post(.requestStep(nil), use: step)
        authed.post(.requestConvert(nil), use: convert)
        authed.post(.requestApplication(nil), use: application)
        authed.post(.requestHousehold(nil), use: household)
        authed.post(.requestCentre(nil), use: centre)
        registerDeadlines(authed)
        authed.get(.requestFile(nil)) { req in
            let (f, data) = try await FeedbackRepository(req).file(try req.requireActor(), id: try req.idParameter())
            return CasesController.file(data, kind: f.kind, fileName: f.fileName)
        }
    }

    /// The public form, with a fresh challenge (a wrong or used one is never shown again).
    static func form(_ req: Request, _ f: SubmitForm, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        let wards = try await FeedbackRepository(req).wards()
        let challenge = RequestChallenge.make(secret: req.services.config.secret, now: req.services.now())
        var shown = f
        shown.answer = nil; shown.challenge = nil; shown.files = nil
        let page = PublicRequestPage.render(PageContext(req), PublicRequestPage.Model(form: shown, errors: errors, wards: wards, challenge: challenge))
        return HTMLResponse(page, status: status).response()
    }

    func submit(req: Request) async throws -> Response {
        let f = try req.content.decode(SubmitForm.self)
        var input = PublicRequestInput()
        input.kind = f.kind ?? ""; input.unitCode = f.unit ?? ""; input.residentialGroup = f.residential_group ?? ""; input.name = f.name ?? ""
        input.phone = f.phone ?? ""; input.zalo = f.zalo != nil; input.anonymous = f.anonymous != nil; input.text = f.text ?? ""
        input.consent = f.consent != nil; input.channel = .web; input.email = String((f.email ?? "").prefix(300))
        input.language = f.language.flatMap(AppLocale.init(rawValue:)) ?? PageContext(req).locale
        input.files = (f.files ?? []).map { PublicRequestFile(name: $0.filename, data: Data($0.data.readableBytesView)) }
        do {
            switch RequestChallenge.verify(
                token: f.challenge ?? "", answer: f.answer ?? "", secret: req.services.config.secret, now: req.services.now())
            {
            case .success(let nonce): input.challengeNonce = nonce
            case .failure(let e): throw e
            }
            let code = try await FeedbackRepository(req).submit(input, address: req.clientAddress)
            return req.redirect(to: SiteRoute.publicRequestSent.path(query: [("code", code)]))
        } catch AppError.validation(let errors) {
            return try await Self.form(req, f, errors: errors, status: .unprocessableEntity)
        }
    }

    /// The code after sending. It names nothing but itself, so it may sit in the address bar.
    func sent(req: Request) async throws -> HTMLResponse {
        guard let raw = req.query[String.self, at: "code"], raw.count <= 20, let code = TrackingCode.normalise(raw) else { throw AppError.notFound }
        return HTMLResponse(RequestSentPage.render(PageContext(req), code))
    }

    func track(req: Request) async throws -> Response {
        let f = try req.content.decode(TrackForm.self)
        let code = String((f.code ?? "").prefix(40)), phone = String((f.phone ?? "").prefix(40))
        do {
            let s = try await FeedbackRepository(req).status(code: code, phone: phone)
            let model = TrackPage.Model(form: TrackForm(code: s.code, phone: phone), status: s, notFound: false)
            return HTMLResponse(TrackPage.render(PageContext(req), model)).response()
        } catch AppError.notFound {
            let page = TrackPage.render(PageContext(req), TrackPage.Model(form: TrackForm(code: code), status: nil, notFound: true))
            return HTMLResponse(page, status: .notFound).response()
        }
    }

    /// Stops or resumes the messages of a request from its status page (code and phone again).
    func messages(req: Request) async throws -> Response {
        let f = try req.content.decode(TrackForm.self)
        let code = String((f.code ?? "").prefix(40)), phone = String((f.phone ?? "").prefix(40)), stop = f.stop == "1"
        do {
            let s = try await FeedbackRepository(req).setMessages(code: code, phone: phone, stop: stop)
            let model = TrackPage.Model(
                form: TrackForm(code: s.code, phone: phone), status: s, notFound: false,
                done: Message(stop ? "request.done.messages_stopped" : "request.done.messages_resumed"))
            return HTMLResponse(TrackPage.render(PageContext(req), model)).response()
        } catch AppError.notFound {
            let page = TrackPage.render(PageContext(req), TrackPage.Model(form: TrackForm(code: code), status: nil, notFound: true))
            return HTMLResponse(page, status: .notFound).response()
        }
    }

    func step(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let f = try req.content.decode(StepForm.self)
        let t = RequestLifecycle.Transition(rawValue: f.step ?? "")
        return try await req.perform(back: SiteRoute.request(id).path, success: t.map { Message("request.done.\($0.rawValue)") }) {
            guard let t, t != .convert else { throw AppError.invalid("step", "validation.choice") }
            let value: String
            switch t {
            case .assign: value = f.assignee ?? ""
            case .close: value = f.outcome ?? ""
            default: value = f.text ?? ""
            }
            try await FeedbackRepository(req).take(actor, id: id, t, text: value)
        }
    }

    struct ApplicationForm: Content { var national_id: String?; var form_type: String? }

    func application(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let f = try req.content.decode(ApplicationForm.self)
        return try await req.perform(back: SiteRoute.request(id).path, success: Message("request.done.application")) {
            _ = try await FeedbackRepository(req).convertToApplication(
                actor, id: id, nationalID: f.national_id ?? "", formType: f.form_type ?? "")
        }
    }

    struct HouseholdForm: Content { var household_code: String? }

    /// A report of a change in a household, linked to it: the officer goes on to record the
    /// change on the household's page.
    func household(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let f = try req.content.decode(HouseholdForm.self)
        return try await req.performShowing(back: SiteRoute.request(id).path) {
            let household = try await FeedbackRepository(req).convertToHousehold(actor, id: id, householdCode: f.household_code ?? "")
            return (SiteRoute.household(household).path, Message("request.done.household"))
        }
    }

    struct CentreForm: Content { var centre: String?; var note: String? }

    /// A hardship report forwarded to a social assistance centre, which opens a case from it.
    func centre(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let f = try req.content.decode(CentreForm.self)
        return try await req.perform(back: SiteRoute.request(id).path, success: Message("request.done.forward")) {
            try await FeedbackRepository(req).forwardToCentre(actor, id: id, centreCode: f.centre ?? "", note: f.note ?? "")
        }
    }

    func convert(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let f = try req.content.decode(ConvertForm.self)
        return try await req.perform(back: SiteRoute.request(id).path, success: Message("request.done.convert")) {
            _ = try await FeedbackRepository(req).convertToHardship(
                actor, id: id, householdCode: f.household_code ?? "", eventKind: f.event_kind ?? "", occurredOn: f.occurred_on ?? "",
                note: f.note ?? "", today: req.today)
        }
    }
}

extension FeedbackRepository {
    /// The repository on the request's store, with the office's time zone for days and deadlines.
    init(_ req: Request) { self.init(req.store, zone: req.services.config.timeZone) }
}
