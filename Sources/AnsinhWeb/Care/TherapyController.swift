import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Sessions and the therapy programme in the browser.
struct TherapyController {
    func register(authed: any RoutesBuilder) {
        authed.get(.careSessions, use: sessions)
        authed.post(.careSessions, use: recordSession)
        authed.get(.careTherapy, use: therapy)
        authed.post(.careTherapy, use: enrol)
        authed.get(.careEnrolment(nil), use: enrolment)
        authed.post(.careEnrolmentStart(nil), use: start)
        authed.post(.careEnrolmentMeasures(nil), use: measure)
        authed.post(.careEnrolmentDischarge(nil), use: discharge)
    }

    struct SessionForm: Content {
        var kind: String?; var day: String?; var title: String?; var led_by: String?; var note: String?; var residents: [String]?; var children: [String]?
    }
    struct EnrolForm: Content {
        var full_name: String?; var gender: String?; var birth_date: String?; var referral: String?; var diagnosis: String?; var enrolled_on: String?
    }
    struct StartForm: Content { var started_on: String? }
    struct MeasureForm: Content { var domain: String?; var instrument: String?; var day: String?; var score: String?; var note: String? }
    struct DischargeForm: Content { var outcome: String?; var discharged_on: String? }

    static func ids(_ list: [String]?, _ field: String) throws -> [UUID] { try (list ?? []).compactMap { try CareController.uuid($0, field) } }

    func sessions(req: Request) async throws -> HTMLResponse { HTMLResponse(SessionsPage.render(PageContext(req), try await SessionsPage.model(for: req))) }

    func recordSession(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(SessionForm.self)
        return try await req.perform(back: SiteRoute.careSessions.path, success: Message("session.recorded")) {
            _ = try await CareRepository(req.store).recordSession(
                actor, kind: f.kind ?? "", day: f.day ?? "", title: f.title ?? "", ledBy: f.led_by ?? "", note: f.note ?? "",
                residents: try Self.ids(f.residents, "residents"), enrolments: try Self.ids(f.children, "children"), today: req.today)
        }
    }

    func therapy(req: Request) async throws -> HTMLResponse { HTMLResponse(TherapyPage.render(PageContext(req), try await TherapyPage.model(for: req))) }

    func enrol(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(EnrolForm.self)
        return try await req.performShowing(back: SiteRoute.careTherapy.path) {
            var i = EnrolmentInput()
            i.fullName = f.full_name ?? ""; i.gender = f.gender ?? ""; i.birthDate = f.birth_date ?? ""; i.referral = f.referral ?? ""
            i.diagnosis = f.diagnosis ?? ""; i.enrolledOn = f.enrolled_on ?? ""
            let id = try await TherapyRepository(req.store).enrol(actor, i, today: req.today)
            return (SiteRoute.careEnrolment(id).path, Message("therapy.enrolled"))
        }
    }

    func enrolment(req: Request) async throws -> HTMLResponse {
        HTMLResponse(EnrolmentPage.render(PageContext(req), try await EnrolmentPage.model(for: req)))
    }

    func start(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(StartForm.self)
        return try await req.perform(back: SiteRoute.careEnrolment(id).path, success: Message("therapy.started")) {
            try await TherapyRepository(req.store).start(actor, id: id, on: f.started_on ?? "", today: req.today)
        }
    }

    func measure(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(MeasureForm.self)
        return try await req.perform(back: SiteRoute.careEnrolment(id).path, success: Message("therapy.measured")) {
            try await TherapyRepository(req.store).measure(
                actor, id: id, domain: f.domain ?? "", instrument: f.instrument ?? "", day: f.day ?? "",
                score: f.score.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, note: f.note ?? "", today: req.today)
        }
    }

    func discharge(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(DischargeForm.self)
        return try await req.perform(back: SiteRoute.careEnrolment(id).path, success: Message("therapy.discharged")) {
            try await TherapyRepository(req.store).discharge(actor, id: id, outcome: f.outcome ?? "", on: f.discharged_on ?? "", today: req.today)
        }
    }
}
