import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The deadlines of residents' requests by kind: the file's days, the days in force, who changed
/// them; a national administrator changes them here (empty: back to the file's).
enum RequestDeadlinesPage: Page {
    struct Row: Sendable {
        let kind: RequestKind
        let fileDays: Int
        let days: Int
        let maxDays: Int
        let legal: Bool
        let changedBy: String?
    }
    struct Model: Sendable {
        let rows: [Row]
        let canChange: Bool
        let basis: String
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        return Model(
            rows: try await RequestDeadlineRepository(req.store).list(actor).map {
                Row(kind: $0.kind, fileDays: $0.fileDays, days: $0.days, maxDays: $0.maxDays, legal: $0.legal, changedBy: $0.changedBy)
            }, canChange: actor.role == .systemAdmin && actor.isNational,
            basis: RequestRules.shared.basis)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("request.deadlines") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("request.deadlines_intro"))]),
            H.el(.p, [("class", "hint")], [.text(m.basis)]),
            H.table(
                caption: ctx.t("request.deadlines"),
                headers: [ctx.t("request.kind"), ctx.t("request.deadline_file"), ctx.t("request.deadline_days"), ctx.t("request.deadline_changed_by"), ""],
                rows: m.rows.map { r in
                    [
                        .text(ctx.t("request.kind.\(r.kind.rawValue)") + (r.legal ? " · " + ctx.t("request.deadline_legal") : "")),
                        .text(ctx.number(r.fileDays)), H.el(.strong, [("id", "deadline-\(r.kind.rawValue)")], [.text(ctx.number(r.days))]),
                        .text(r.changedBy ?? "—"),
                        m.canChange
                            ? H.form(
                                ctx, action: SiteRoute.requestDeadlines.path, classes: "inline",
                                [
                                    H.hidden("kind", r.kind.rawValue),
                                    H.field(
                                        ctx, name: "working_days", label: ctx.t("request.deadline_days"), value: "\(r.days)", type: "number",
                                        hint: ctx.t("request.deadline_range", ["max": ctx.number(r.maxDays)]), id: "days-\(r.kind.rawValue)"),
                                    H.button(ctx.t("common.save"), kind: "secondary"),
                                ]) : .empty,
                    ]
                }, empty: ""),
        ]
    }
}

extension FeedbackController {
    struct DeadlineForm: Content { var kind: String?; var working_days: String? }

    func registerDeadlines(_ authed: any RoutesBuilder) {
        authed.get(.requestDeadlines) { req in
            HTMLResponse(RequestDeadlinesPage.render(PageContext(req), try await RequestDeadlinesPage.model(for: req)))
        }
        authed.post(.requestDeadlines) { req in
            let actor = try req.requireActor()
            try actor.require(.handleRequests)
            let f = try req.content.decode(DeadlineForm.self)
            return try await req.perform(back: SiteRoute.requestDeadlines.path, success: Message("common.saved")) {
                let typed = (f.working_days ?? "").trimmingCharacters(in: .whitespaces)
                guard typed.isEmpty || Int(typed) != nil else { throw AppError.invalid("working_days", "validation.number") }
                try await RequestDeadlineRepository(req.store).set(actor, kind: f.kind ?? "", days: Int(typed))
            }
        }
    }
}
