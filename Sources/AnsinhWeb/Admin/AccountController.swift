import AnsinhCore
import AnsinhStore
import Vapor

/// The signed-in person's own account: change the password (ending their other sessions and
/// tokens), and their API tokens — create (shown once), see when each was last used and when
/// it expires, revoke. An administrator revokes anyone's tokens from the account's page.
struct AccountController {
    struct PasswordForm: Content { var current_password: String?; var new_password: String?; var confirm_password: String? }
    struct TokenForm: Content { var name: String?; var back: String? }
    struct RevokeForm: Content { var back: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.account, use: page)
        authed.post(.accountPassword, use: changePassword)
        authed.post(.accountTokens, use: createToken)
        authed.post(.tokenRevoke(nil), use: revoke)
    }

    func page(req: Request) async throws -> HTMLResponse {
        HTMLResponse(AccountPage.render(PageContext(req), try await AccountPage.model(for: req)))
    }

    func changePassword(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(PasswordForm.self)
        do {
            try await UserRepository(req.store).changeOwnPassword(
                actor, current: f.current_password ?? "", new: f.new_password ?? "",
                confirmation: f.confirm_password ?? "", keepSession: req.session.id?.string)
        } catch AppError.validation(let errors) {
            return HTMLResponse(AccountPage.render(PageContext(req), try await AccountPage.model(for: req, errors: errors)), status: .unprocessableEntity)
                .response()
        }
        req.flash(.success, Message("account.password_changed"))
        return req.redirect(to: SiteRoute.account.path)
    }

    func createToken(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(TokenForm.self)
        return try await req.perform(back: SiteRoute.account.path, success: nil) {
            req.session.data["new_token"] = try await TokenRepository(req.store).create(
                actor, for: actor.userID ?? UUID(), name: f.name ?? "",
                days: req.services.config.tokenDays)
        }
    }

    /// Revokes one token and returns to the page it was revoked from (this page, or the
    /// account page of its owner for an administrator).
    func revoke(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(RevokeForm.self)
        let back = AuthController.safeNext(f.back ?? SiteRoute.account.path)
        return try await req.perform(back: back, success: Message("account.token_revoked")) {
            try await TokenRepository(req.store).revoke(actor, tokenID: id)
        }
    }
}
