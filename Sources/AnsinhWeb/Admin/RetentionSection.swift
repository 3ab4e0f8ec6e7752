import AnsinhCore
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
