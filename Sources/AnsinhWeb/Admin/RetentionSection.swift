import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The retention part of a record's page (a hotline contact, a case): when it was anonymised,
/// or the legal hold that keeps it whole, or when it will be anonymised; and, for who may, the
/// form that sets or releases the hold.
enum RetentionSection {
    /// `anonymisedKey` says what anonymisation removed (`{at}`); `pending` what will happen.
    static func render(
        _ ctx: PageContext, anonymisedAt: Date?, anonymisedKey: String, legalHold: String?, pending: String, canHold: Bool, action: String,
        zone: TimeZone
    ) -> Body {
        var lines: [Body] = []
        if let at = anonymisedAt {
            lines.append(H.el(.p, [], [.text(ctx.t(anonymisedKey, ["at": ctx.timestamp(at, zone: zone)]))]))
        } else if let hold = legalHold {
            lines.append(H.el(.p, [], [.text(ctx.t("retention.held", ["reason": hold]))]))
        } else {
            lines.append(H.el(.p, [], [.text(pending)]))
        }
        if canHold && anonymisedAt == nil {
            lines.append(
                H.form(
                    ctx, action: action, classes: "inline",
                    legalHold == nil
                        ? [
                            H.field(ctx, name: "reason", label: ctx.t("retention.hold_reason"), required: true, id: "f-hold-reason"),
                            H.button(ctx.t("retention.hold"), kind: "secondary"),
                        ] : [H.hidden("reason", ""), H.button(ctx.t("retention.release"), kind: "secondary")]))
        }
        return H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-retention")], [H.el(.h2, [("id", "h-retention")], [.text(ctx.t("retention.title"))])] + lines)
    }
}

extension RetentionSection {
    struct HoldForm: Content { var reason: String? }
    struct HoldRequest: Content { let reason: String? }

    /// The page's form: a reason puts the record under legal hold, none releases it.
    static func hold<M: RetainedRecord>(_ req: Request, _ type: M.Type, back: (UUID) -> SiteRoute) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(M.holdPermission)
        let id = try req.idParameter()
        let reason = try req.content.decode(HoldForm.self).reason ?? ""
        return try await req.perform(back: back(id).path, success: Message(reason.isEmpty ? "retention.released" : "retention.held_done")) {
            try await RetentionRepository(req.store).hold(actor, M.self, id: id, reason: reason.isEmpty ? nil : reason)
        }
    }

    /// The API twin: a reason sets the hold, null releases it; answers the record's id, which
    /// the caller reads back in its own shape.
    static func holdJSON<M: RetainedRecord>(_ req: Request, _ type: M.Type) async throws -> UUID {
        let actor = try req.requireActor()
        try actor.require(M.holdPermission)
        let id = try req.idParameter()
        let b = try req.json(HoldRequest.self)
        try await RetentionRepository(req.store).hold(actor, M.self, id: id, reason: b.reason)
        return id
    }
}
