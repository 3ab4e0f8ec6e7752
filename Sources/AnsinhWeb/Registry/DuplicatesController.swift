import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The duplicate review queue: find likely duplicates, then merge or dismiss each pair.
struct DuplicatesController {
    struct MergeForm: Content { var keep: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.duplicates, use: list)
        authed.post(.duplicatesRun, use: run)
        authed.post(.duplicateMerge(nil), use: merge)
        authed.post(.duplicateDismiss(nil), use: dismiss)
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(DuplicatesPage.render(PageContext(req), try await DuplicatesPage.model(for: req)))
    }

    func run(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let n = try await DuplicateRepository(req.store).find(actor)
        req.flash(.success, Message("duplicates.found", ["count": "\(n)"]))
        return req.redirect(to: SiteRoute.duplicates.path)
    }

    func merge(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = try req.content.decode(MergeForm.self)
        guard let keep = form.keep, ["a", "b"].contains(keep) else { throw AppError.invalid("keep", "validation.choice") }
        try await DuplicateRepository(req.store).merge(actor, pairID: try req.idParameter(), keepFirst: keep == "a")
        req.flash(.success, Message("duplicates.merged"))
        return req.redirect(to: SiteRoute.duplicates.path)
    }

    func dismiss(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try await DuplicateRepository(req.store).dismiss(actor, pairID: try req.idParameter())
        req.flash(.success, Message("duplicates.dismissed"))
        return req.redirect(to: SiteRoute.duplicates.path)
    }
}
