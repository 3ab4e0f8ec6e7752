import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The sign-in page.
enum LoginPage: Page {
    struct Model: Sendable {
        /// Where to go after signing in (already checked to be a same-site path).
        let next: String?
        /// The name typed before, kept after a failed attempt.
        let username: String
        let error: Message?
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("auth.login_title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("auth.login_intro"))]),
            m.error.map { H.el(.div, [("class", "flash flash-error"), ("role", "alert")], [.text(ctx.t($0))]) } ?? .empty,
            H.form(
                ctx, action: SiteRoute.login.path, classes: "card narrow",
                [
                    H.hidden("next", m.next ?? ""),
                    H.field(ctx, name: "username", label: ctx.t("field.username"), value: m.username, required: true, autocomplete: "username"),
                    H.field(ctx, name: "password", label: ctx.t("field.password"), type: "password", required: true, autocomplete: "current-password"),
                    H.button(ctx.t("auth.login")),
                ]),
        ]
    }
}
