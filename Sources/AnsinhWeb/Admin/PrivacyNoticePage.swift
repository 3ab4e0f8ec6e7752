import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// Why Ansinh holds each kind of record and on what basis (Law 91/2025/QH15): the public notice
/// (no account needed, linked from every page's footer) and the note that closes a record's page.
enum PrivacyNotice {
    /// The note under a record: its purpose and basis, with the link to the whole notice.
    static func note(_ ctx: PageContext, _ kind: ProcessingKind) -> Body {
        H.el(
            .div, [("class", "privacy-note"), ("role", "note")],
            [
                H.el(.p, [], [H.el(.strong, [], [.text(ctx.t("privacy.why_held") + " ")]), .text(ctx.t("privacy.purpose.\(kind.rawValue)"))]),
                H.el(.p, [], [.text(basis(ctx, kind) + " "), H.link(ctx.t("privacy.notice"), SiteRoute.privacyNotice.path + "#\(kind.rawValue)")]),
            ])
    }

    static func basis(_ ctx: PageContext, _ kind: ProcessingKind) -> String {
        guard let b = PrivacyRules.current.basis(kind) else { return "" }
        return ctx.t("privacy.basis.\(b.basis.rawValue)", ["law": b.law])
    }
}

/// The public notice: each kind of record with its purpose and basis, a person's rights and how
/// to ask, the time to answer, and what happens after a breach.
enum PrivacyNoticePage: Page {
    typealias Model = Void

    static func title(_ ctx: PageContext, _ m: Void) -> String { ctx.t("privacy.notice") }

    static func body(_ ctx: PageContext, _ m: Void) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("privacy.notice_intro"))]),
            H.el(
                .section, [("aria-labelledby", "h-purposes")],
                [H.el(.h2, [("id", "h-purposes")], [.text(ctx.t("privacy.purposes"))])]
                    + ProcessingKind.allCases.map { k in
                        H.el(
                            .div, [("class", "card"), ("id", k.rawValue)],
                            [
                                H.el(.h3, [], [.text(ctx.t("privacy.kind_of_record.\(k.rawValue)"))]),
                                H.el(.p, [], [.text(ctx.t("privacy.purpose.\(k.rawValue)"))]),
                                H.el(.p, [("class", "hint")], [.text(PrivacyNotice.basis(ctx, k))]),
                            ])
                    }),
            H.el(
                .section, [("aria-labelledby", "h-rights")],
                [
                    H.el(.h2, [("id", "h-rights")], [.text(ctx.t("privacy.rights"))]),
                    H.el(.p, [], [.text(ctx.t("privacy.rights_text", ["days": "\(PrivacyRules.current.request_days)"]))]),
                    H.el(.p, [], [.text(ctx.t("privacy.breach_text", ["hours": "\(PrivacyRules.current.breach_notify_hours)"]))]),
                ]),
        ]
    }
}
