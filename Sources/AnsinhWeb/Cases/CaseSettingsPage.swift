import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The case deadlines by risk level: the rule file's default, the value in force, who changed
/// it, and (for a national administrator) the form to change each.
enum CaseSettingsPage: Page {
    struct Row: Sendable, Equatable {
        let name: String
        let defaultValue: Int
        let value: Int
        let changedBy: String?
    }

    struct Model: Sendable {
        let rows: [Row]
        let basis: String
        let canChange: Bool
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let list = try await CaseSettingsRepository(req.store).list(actor)
        return Model(
            rows: list.map { Row(name: $0.name, defaultValue: $0.defaultValue, value: $0.value, changedBy: $0.changedBy) },
            basis: CaseDeadlines.shared.basis, canChange: actor.role == .systemAdmin && actor.isNational)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("case.settings") }

    static func label(_ ctx: PageContext, _ name: String) -> String {
        let parts = name.split(separator: ".").map(String.init)
        return ctx.t("case.setting.\(parts.last ?? "")", ["risk": ctx.t("case.risk.\(parts.first ?? "")")])
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            CaseParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("case.settings_intro"))]),
            H.el(.p, [("class", "hint"), ("lang", "en")], [.text(m.basis)]),
            H.table(
                caption: ctx.t("case.settings"), headers: [ctx.t("field.name"), ctx.t("allowance.rule_default"), ctx.t("field.value"), ""],
                rows: m.rows.map { r in
                    [
                        .text(label(ctx, r.name)), .text("\(r.defaultValue)"), .text("\(r.value)" + (r.changedBy.map { " (\($0))" } ?? "")),
                        m.canChange
                            ? H.form(
                                ctx, action: SiteRoute.caseSettings.path, classes: "inline",
                                [
                                    H.hidden("name", r.name),
                                    H.field(
                                        ctx, name: "value", label: ctx.t("review.setting_new", ["name": label(ctx, r.name)]), value: "\(r.value)",
                                        type: "number",
                                        hint: ctx.t(
                                            "review.setting_range",
                                            ["min": "\(CaseDeadlines.range.lowerBound)", "max": "\(CaseDeadlines.range.upperBound)"]),
                                        id: "setting-" + r.name.replacingOccurrences(of: ".", with: "-")),
                                    H.button(ctx.t("common.save"), kind: "secondary"),
                                ]) : .empty,
                    ]
                }, empty: ""),
        ]
    }
}
