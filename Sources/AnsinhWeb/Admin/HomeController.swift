import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The home page: who you are, where you work, and what is in your units.
struct HomeController {
    func register(authed: any RoutesBuilder) {
        authed.get(.home, use: home)
    }

    func home(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HomePage.render(PageContext(req), try await HomePage.model(for: req)))
    }
}
