import AnsinhCore
import AnsinhStore
import Vapor

enum AccountPage {
    static func render(_ ctx: PageContext, tokens: [TokenView], newToken: String?, errors: [FieldError]) -> String {
        Layout.render(
            ctx, title: ctx.t("account.title"),
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
                                        "account.password_hint",
                                        [
                                            "min": "\(AccountRules.minPasswordLength)",
                                            "max": "\(AccountRules.maxPasswordBytes)",
                                        ]))
                            ]),
                        H.errorSummary(ctx, errors),
                        H.form(
                            ctx, action: SiteRoute.accountPassword.path,
                            [
                                H.field(
                                    ctx, name: "current_password", label: ctx.t("field.current_password"), type: "password", required: true,
                                    autocomplete: "current-password", errors: errors),
                                H.field(
                                    ctx, name: "new_password", label: ctx.t("field.new_password"), type: "password", required: true,
                                    autocomplete: "new-password", errors: errors),
                                H.field(
                                    ctx, name: "confirm_password", label: ctx.t("field.confirm_password"), type: "password", required: true,
                                    autocomplete: "new-password", errors: errors),
                                H.button(ctx.t("account.change_password")),
                            ]),
                    ]),
                TokensSection.render(ctx, tokens: tokens, newToken: newToken, create: SiteRoute.accountTokens.path, back: SiteRoute.account.path),
            ])
    }
}
