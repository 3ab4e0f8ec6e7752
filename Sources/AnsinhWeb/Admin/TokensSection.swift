import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// A person's API tokens: when made, last used, expiry, state, and a revoke button; the form
/// that makes a new one. Shown on one's own account page and, for administrators, on the page
/// of the account.
enum TokensSection {
    enum State: String, Sendable { case active, expired, revoked }

    /// One token as the section shows it, its state decided from the clock of the request.
    struct Token: Sendable, Equatable {
        let id: UUID
        let name: String
        let createdAt: Date?
        let lastUsedAt: Date?
        let expiresAt: Date?
        let state: State
    }

    static func tokens(_ list: [TokenView], now: Date) -> [Token] {
        list.map { t in
            let state: State = t.revokedAt != nil ? .revoked : (t.expiresAt.map { $0 <= now } ?? false) ? .expired : .active
            return Token(id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt, state: state)
        }
    }

    static func render(_ ctx: PageContext, tokens: [Token], newToken: String?, create: String?, back: String, zone: TimeZone) -> Body {
        let rows: [[Body]] = tokens.map { t in
            [
                .text(t.name), .text(t.createdAt.map { ctx.timestamp($0, zone: zone) } ?? "—"),
                .text(t.lastUsedAt.map { ctx.timestamp($0, zone: zone) } ?? ctx.t("account.never_used")),
                .text(t.expiresAt.map { ctx.timestamp($0, zone: zone) } ?? "—"), .text(ctx.t("account.token_\(t.state.rawValue)_state")),
                t.state != .revoked
                    ? H.form(
                        ctx, action: SiteRoute.tokenRevoke(t.id).path, classes: "inline",
                        [H.hidden("back", back), H.button(ctx.t("account.revoke"), kind: "danger")]) : .empty,
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
                        [H.el(.p, [], [.text(ctx.t("users.token_created"))]), H.el(.code, [("class", "token")], [.text(t)])])
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
