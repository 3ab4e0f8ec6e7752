import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One's own account: change the password, see and revoke one's API tokens, make a new one.
enum AccountPage: Page {
    struct Model: Sendable {
        let tokens: [TokensSection.Token]
        /// A token just made, shown once.
        let newToken: String?
        /// What was wrong with the password form just sent.
        let errors: [FieldError]
        let zone: TimeZone
    }

    /// The query: the actor's own tokens; the token made just before, taken from the session
    /// (so it is shown once).
    static func model(for req: Request, errors: [FieldError] = []) async throws -> Model {
        let actor = try req.requireActor()
        let tokens = try await TokenRepository(req.store).list(actor, userID: actor.userID ?? UUID())
        var token: String? = nil
        if errors.isEmpty {
            token = req.session.data["new_token"]
            req.session.data["new_token"] = nil
        }
        return Model(
            tokens: TokensSection.tokens(tokens, now: req.services.now()), newToken: token, errors: errors,
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("account.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(
                .section, [("aria-labelledby", "h-password"), ("class", "card")],
                [
                    H.el(.h2, [("id", "h-password")], [.text(ctx.t("account.change_password"))]),
                    H.el(
                        .p, [("class", "hint")],
                        [
                            .text(
                                ctx.t(
                                    "account.password_hint", ["min": "\(AccountRules.minPasswordLength)", "max": "\(AccountRules.maxPasswordBytes)"]))
                        ]),
                    H.errorSummary(ctx, m.errors),
                    H.form(
                        ctx, action: SiteRoute.accountPassword.path,
                        [
                            H.field(
                                ctx, name: "current_password", label: ctx.t("field.current_password"), type: "password", required: true,
                                autocomplete: "current-password", errors: m.errors),
                            H.field(
                                ctx, name: "new_password", label: ctx.t("field.new_password"), type: "password", required: true,
                                autocomplete: "new-password", errors: m.errors),
                            H.field(
                                ctx, name: "confirm_password", label: ctx.t("field.confirm_password"), type: "password", required: true,
                                autocomplete: "new-password", errors: m.errors),
                            H.button(ctx.t("account.change_password")),
                        ]),
                ]),
            TokensSection.render(
                ctx, tokens: m.tokens, newToken: m.newToken, create: SiteRoute.accountTokens.path, back: SiteRoute.account.path, zone: m.zone),
        ]
    }
}
