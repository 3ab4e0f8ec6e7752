import AnsinhCore
import AnsinhStore
import Fluent
import Plot
import Vapor

/// The sign-in page.
enum LoginPage {
    static func render(_ ctx: PageContext, next: String?, username: String, error: Message?) -> String {
        Layout.render(
            ctx, title: ctx.t("auth.login_title"),
            [
                H.el(.p, [("class", "lead")], [.text(ctx.t("auth.login_intro"))]),
                error.map { H.el(.div, [("class", "flash flash-error"), ("role", "alert")], [.text(ctx.t($0))]) } ?? .empty,
                H.form(
                    ctx, action: SiteRoute.login.path, classes: "card narrow",
                    [
                        H.hidden("next", next ?? ""),
                        H.field(ctx, name: "username", label: ctx.t("field.username"), value: username, required: true, autocomplete: "username"),
                        H.field(ctx, name: "password", label: ctx.t("field.password"), type: "password", required: true, autocomplete: "current-password"),
                        H.button(ctx.t("auth.login")),
                    ]),
            ])
    }
}
