import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// One account: its role, unit, language, state and last sign-in; edit, disable or enable it;
/// its API tokens (for the person and for administrators).
enum UserPage: Page {
    struct Model: Sendable {
        let id: UUID
        let username: String
        let fullName: String
        let role: Role
        let unitID: UUID
        let unitName: String
        let locale: AppLocale?
        let isDisabled: Bool
        let lastLoginAt: Date?
        /// Whether the viewer may edit and disable the account (never disable their own).
        let canManage: Bool
        let isSelf: Bool
        /// The account's tokens, shown to the person and to administrators only (nil: not shown).
        let tokens: [TokensSection.Token]?
        let newToken: String?
        let canSeeAudit: Bool
        let zone: TimeZone
    }

    /// The query: the account within the actor's units, its tokens when the actor may see them,
    /// and a token just made (taken from the session, so it is shown once).
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let (user, unit) = try await UserRepository(req.store).get(actor, id: try req.idParameter())
        let token = req.session.data["new_token"]
        req.session.data["new_token"] = nil
        let canManage = actor.role.can(.manageUsers)
        let tokens = canManage || actor.userID == user.id ? try await TokenRepository(req.store).list(actor, userID: user.id) : nil
        return Model(
            id: user.id, username: user.username, fullName: user.fullName, role: user.role, unitID: unit.id, unitName: unit.name, locale: user.locale,
            isDisabled: user.isDisabled, lastLoginAt: user.lastLoginAt, canManage: canManage, isSelf: actor.userID == user.id,
            tokens: tokens.map { TokensSection.tokens($0, now: req.services.now()) }, newToken: token, canSeeAudit: actor.role.can(.viewAudit),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.fullName }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var actions: [Body] = []
        if m.canManage {
            actions.append(H.link(ctx.t("common.edit"), SiteRoute.userEdit(m.id).path, [("class", "btn btn-secondary")]))
            if !m.isSelf {
                actions.append(
                    H.form(
                        ctx, action: (m.isDisabled ? SiteRoute.userEnable(m.id) : SiteRoute.userDisable(m.id)).path, classes: "inline",
                        [H.button(ctx.t(m.isDisabled ? "users.enable" : "users.disable"), kind: m.isDisabled ? "secondary" : "danger")]))
            }
        }
        return [
            H.dl([
                (ctx.t("field.username"), .text(m.username)),
                (ctx.t("field.role"), .text(ctx.t("role.\(m.role.rawValue)"))),
                (ctx.t("field.unit_id"), H.link(m.unitName, SiteRoute.unit(m.unitID).path)),
                (ctx.t("field.locale"), .text(m.locale?.nativeName ?? "—")),
                (ctx.t("field.state"), .text(ctx.t(m.isDisabled ? "users.state_disabled" : "users.state_active"))),
                (ctx.t("field.last_login"), .text(m.lastLoginAt.map { ctx.timestamp($0, zone: m.zone) } ?? "—")),
            ]),
            H.el(.div, [("class", "actions")], actions),
            m.tokens.map {
                TokensSection.render(
                    ctx, tokens: $0, newToken: m.newToken, create: SiteRoute.userToken(m.id).path, back: SiteRoute.user(m.id).path, zone: m.zone)
            } ?? .empty,
            m.canSeeAudit ? H.link(ctx.t("audit.history"), SiteRoute.audit.path(query: [("entity", "user"), ("entity_id", m.id.uuidString)])) : .empty,
        ]
    }
}
