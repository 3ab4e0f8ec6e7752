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
        let actor = try req.requireActor()
        let tokens = try await TokenRepository(req.store).list(actor, userID: actor.userID ?? UUID())
        let token = req.session.data["new_token"]
        req.session.data["new_token"] = nil
        return HTMLResponse(AccountPage.render(PageContext(req), tokens: tokens, newToken: token, errors: []))
    }

    func changePassword(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(PasswordForm.self)
        do {
            try await UserRepository(req.store).changeOwnPassword(
                actor, current: f.current_password ?? "", new: f.new_password ?? "",
                confirmation: f.confirm_password ?? "", keepSession: req.session.id?.string)
        } catch AppError.validation(let errors) {
            let tokens = try await TokenRepository(req.store).list(actor, userID: actor.userID ?? UUID())
            return HTMLResponse(AccountPage.render(PageContext(req), tokens: tokens, newToken: nil, errors: errors), status: .unprocessableEntity).response()
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

/// A person's API tokens: when made, last used, expiry, state, and a revoke button; the form
/// that makes a new one. Shown on one's own account page and, for administrators, on the page
/// of the account.
enum TokensSection {
    static func render(_ ctx: PageContext, tokens: [TokenView], newToken: String?, create: String?, back: String) -> Body {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let now = Date()
        let rows: [[Body]] = tokens.map { t in
            let state: String
            if t.revokedAt != nil {
                state = ctx.t("account.token_revoked_state")
            } else if let e = t.expiresAt, e <= now {
                state = ctx.t("account.token_expired_state")
            } else {
                state = ctx.t("account.token_active_state")
            }
            return [
                .text(t.name), .text(t.createdAt.map { ctx.timestamp($0, zone: zone) } ?? "—"),
                .text(t.lastUsedAt.map { ctx.timestamp($0, zone: zone) } ?? ctx.t("account.never_used")),
                .text(t.expiresAt.map { ctx.timestamp($0, zone: zone) } ?? "—"), .text(state),
                t.revokedAt == nil
                    ? H.form(
                        ctx, action: SiteRoute.tokenRevoke(t.id).path, classes: "inline",
                        [
                            H.hidden("back", back), H.button(ctx.t("account.revoke"), kind: "danger"),
                        ]) : .empty,
            ]
        }
        return H.el(
            .section, [("aria-labelledby", "h-tokens")],
            [
                H.el(.h2, [("id", "h-tokens")], [.text(ctx.t("users.tokens"))]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("account.tokens_hint"))]),
                newToken.map { t in
                    H.el(
                        .div, [("class", "flash flash-success"), ("role", "status")],
                        [
                            H.el(.p, [], [.text(ctx.t("users.token_created"))]),
                            H.el(.code, [("class", "token")], [.text(t)]),
                        ])
                } ?? .empty,
                H.table(
                    caption: ctx.t("users.tokens"),
                    headers: [
                        ctx.t("users.token_name"), ctx.t("account.created"), ctx.t("account.last_used"), ctx.t("account.expires"),
                        ctx.t("field.state"), ctx.t("common.actions"),
                    ],
                    rows: rows, empty: ctx.t("account.no_tokens")),
                create.map { action in
                    H.form(
                        ctx, action: action, classes: "inline-form",
                        [
                            H.field(ctx, name: "name", label: ctx.t("users.token_name"), required: true),
                            H.button(ctx.t("users.token_create"), kind: "secondary"),
                        ])
                } ?? .empty,
            ])
    }
}
