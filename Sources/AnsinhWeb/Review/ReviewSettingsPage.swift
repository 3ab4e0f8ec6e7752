import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The review rules the law leaves to practice (posting days, alert threshold…), their
/// defaults, who changed them, and (for the administrator) the form to change each.
enum ReviewSettingsPage: Page {
    struct Row: Sendable, Equatable {
        let name: String
        let defaultValue: Int
        let value: Int
        let range: ClosedRange<Int>
        let changedBy: String?
    }

    struct Model: Sendable {
        let rows: [Row]
        let canChange: Bool
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let list = try await ReviewSettingsRepository(req.store).list(actor)
        return Model(
            rows: list.map { Row(name: $0.name, defaultValue: $0.defaultValue, value: $0.value, range: $0.range, changedBy: $0.changedBy) },
            canChange: actor.role == .systemAdmin)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.settings") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            ReviewParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("review.settings_intro"))]),
            H.table(
                caption: ctx.t("review.settings"),
                headers: [ctx.t("field.name"), ctx.t("allowance.rule_default"), ctx.t("field.value"), ""],
                rows: m.rows.map { r in
                    [
                        .text(ctx.t("review.setting.\(r.name)")), .text("\(r.defaultValue)"), .text("\(r.value)" + (r.changedBy.map { " (\($0))" } ?? "")),
                        m.canChange
                            ? H.form(
                                ctx, action: SiteRoute.reviewSettings.path, classes: "inline",
                                [
                                    H.hidden("name", r.name),
                                    H.field(
                                        ctx, name: "value", label: ctx.t("review.setting_new", ["name": ctx.t("review.setting.\(r.name)")]),
                                        value: "\(r.value)",
                                        type: "number", hint: ctx.t("review.setting_range", ["min": "\(r.range.lowerBound)", "max": "\(r.range.upperBound)"])),
                                    H.button(ctx.t("common.save"), kind: "secondary"),
                                ]) : .empty,
                    ]
                }, empty: ""),
        ]
    }
}
