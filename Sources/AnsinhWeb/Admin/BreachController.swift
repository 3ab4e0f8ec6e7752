import AnsinhCore
import AnsinhStore
import Vapor

/// The breach log's pages: the list with the form that records a breach, one breach, a step of
/// its handling (the report to the authority, the persons told, a measure, the closing).
struct BreachController {
    func register(authed: any RoutesBuilder) {
        authed.get(.breaches, use: list)
        authed.post(.breaches, use: record)
        authed.get(.breach(nil), use: show)
        authed.post(.breachStep(nil), use: step)
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(BreachesPage.render(PageContext(req), try await BreachesPage.model(for: req)))
    }

    func show(req: Request) async throws -> HTMLResponse {
        HTMLResponse(BreachPage.render(PageContext(req), try await BreachPage.model(for: req)))
    }

    struct RecordForm: Content {
        var summary: String?; var found_at: String?; var description: String?; var data_affected: String?; var classes: [String]?
        var persons_affected: String?; var measures: String?
    }
    struct StepForm: Content { var step: String?; var text: String? }

    func record(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageBreaches)
        let f = try req.content.decode(RecordForm.self)
        var input = BreachInput()
        input.summary = f.summary ?? ""; input.foundAt = try? req.localDateTime(f.found_at, field: "found_at"); input.description = f.description ?? ""
        input.dataAffected = f.data_affected ?? ""; input.classes = f.classes ?? []; input.personsAffected = f.persons_affected ?? ""
        input.measures = f.measures ?? ""
        return try await req.performShowing(back: SiteRoute.breaches.path) {
            let id = try await BreachRepository(req.store).record(actor, input)
            return (SiteRoute.breach(id).path, Message("breach.recorded"))
        }
    }

    func step(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageBreaches)
        let id = try req.idParameter()
        let f = try req.content.decode(StepForm.self)
        let t = BreachLifecycle.Transition(rawValue: f.step ?? "")
        return try await req.perform(back: SiteRoute.breach(id).path, success: t.map { Message("breach.done.\($0.rawValue)") }) {
            guard let t else { throw AppError.invalid("step", "validation.choice") }
            try await BreachRepository(req.store).take(actor, id: id, t, text: f.text ?? "")
        }
    }
}
