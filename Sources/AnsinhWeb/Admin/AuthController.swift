import AnsinhCore
import AnsinhStore
import Fluent
import Plot
import Vapor

/// Sign-in, sign-out and the language switch.
struct AuthController {
    struct LoginForm: Content { var username: String?; var password: String?; var next: String? }
    struct LanguageForm: Content { var locale: String?; var back: String? }

    func register(public html: any RoutesBuilder) {
        html.get(.login, use: loginPage)
        html.post(.login, use: login)
        html.post(.logout, use: logout)
        html.post(.language, use: language)
    }

    func loginPage(req: Request) async throws -> Response {
        if req.actor != nil { return req.redirect(to: SiteRoute.home.path) }
        return HTMLResponse(LoginPage.render(PageContext(req), .init(next: Self.safeNext(req.query[String.self, at: "next"]), username: "", error: nil)))
            .response()
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let address = req.clientAddress
        do {
            let uid = try await UserRepository(req.store).authenticate(username: username, password: form.password ?? "", address: address)
            // A new session id at sign-in (no session fixation); keep the chosen language.
            let locale = req.session.data["locale"]
            if let old = req.session.id {
                try await SessionRepository(req.store, limits: req.services.config.sessionLimits).delete(old.string)
            }
            req.session.id = nil
            req.session.data = SessionData()
            req.session.data["uid"] = uid.uuidString
            if let locale { req.session.data["locale"] = locale }
            _ = req.csrfToken
            return req.redirect(to: Self.safeNext(form.next))
        } catch let e as AppError {
            let status: HTTPResponseStatus = e.status == 429 ? .tooManyRequests : .unauthorized
            return HTMLResponse(LoginPage.render(PageContext(req), .init(next: Self.safeNext(form.next), username: username, error: e.message)), status: status)
                .response()
        }
    }

    func logout(req: Request) async throws -> Response {
        if let actor = req.actor { try await UserRepository(req.store).recordLogout(actor) }
        let locale = req.session.data["locale"]
        req.session.destroy()
        let res = req.redirect(to: SiteRoute.login.path(query: [("lang", locale)]))
        return res
    }

    func language(req: Request) async throws -> Response {
        let form = try req.content.decode(LanguageForm.self)
        guard let l = form.locale.flatMap(AppLocale.init(rawValue:)) else { throw AppError.invalid("locale", "validation.choice") }
        req.session.data["locale"] = l.rawValue
        return req.redirect(to: Self.safeNext(form.back, allowLoginPage: true))
    }

    /// Only same-site paths are followed after sign-in (no open redirect): one leading `/`, no
    /// `//` or backslash anywhere (browsers read `/\\host` as `//host`), no control characters or
    /// spaces (browsers drop tabs and line breaks, turning `/\t/host` into `//host`), no
    /// scheme, at most 2,000 bytes; anything else goes home.
    static func safeNext(_ next: String?, allowLoginPage: Bool = false) -> String {
        guard let n = next, n.utf8.count <= 2_000, n.hasPrefix("/"),
            !n.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || ($0.properties.isWhitespace) }),
            !n.contains("//"), !n.lowercased().contains("%2f%2f"), !n.lowercased().contains("%5c"),
            let c = URLComponents(string: n), c.scheme == nil, c.host == nil, c.path.hasPrefix("/"),
            allowLoginPage || !n.hasPrefix(SiteRoute.login.path), !n.hasPrefix(SiteRoute.logout.path)
        else { return SiteRoute.home.path }
        return n
    }
}
