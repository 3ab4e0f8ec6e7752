import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The tasks' shared pieces: a task's row and the form that closes it (done or cancelled, with
/// what was done or why).
enum TaskParts {
    struct Task: Sendable, Equatable {
        let id: UUID
        let kind: TaskKind
        let caseID: UUID?
        let caseNumber: String?
        let contactID: UUID?
        let title: String
        let callbackNumber: String?
        let assignee: String
        let dueOn: LocalDate
        let status: TaskLifecycle.State
        let closedNote: String?
        let overdue: Bool
    }

    static func task(_ v: TaskView) -> Task {
        Task(
            id: v.id, kind: v.kind, caseID: v.caseID, caseNumber: v.caseNumber, contactID: v.contactID, title: v.title, callbackNumber: v.callbackNumber,
            assignee: v.assignee, dueOn: v.dueOn, status: v.status, closedNote: v.closedNote, overdue: v.overdue)
    }

    static func headers(_ ctx: PageContext) -> [String] {
        [ctx.t("task.what"), ctx.t("task.assignee"), ctx.t("task.due_on"), ctx.t("field.state"), ""]
    }

    /// `fromList`: closed from the list of tasks (which it returns to), not from its case.
    static func row(_ ctx: PageContext, _ t: Task, canClose: Bool, fromList: Bool = false) -> [Body] {
        var what: [Body] = [
            .text(t.kind == .callback ? ctx.t("task.callback", ["number": t.callbackNumber ?? "…"]) + (t.title.isEmpty ? "" : " — " + t.title) : t.title)
        ]
        if let id = t.caseID, let n = t.caseNumber { what += [.text(" · "), H.link(n, SiteRoute.caseItem(id).path)] }
        if t.kind == .callback, let id = t.contactID { what += [.text(" · "), H.link(ctx.t("task.contact"), SiteRoute.hotlineContact(id).path)] }
        let state =
            ctx.t("task.status.\(t.status.rawValue)") + (t.overdue ? " — " + ctx.t("referral.overdue") : "") + (t.closedNote.map { ": " + $0 } ?? "")
        return [
            H.el(.span, [], what), .text(t.assignee), .text(ctx.date(t.dueOn)),
            H.el(.span, [("class", t.overdue ? "badge badge-risk-high" : "badge")], [.text(state)]),
            canClose && t.status == .open ? closeForm(ctx, t, fromList: fromList) : .empty,
        ]
    }

    static func closeForm(_ ctx: PageContext, _ t: Task, fromList: Bool) -> Body {
        H.form(
            ctx, action: SiteRoute.taskClose(t.id).path, classes: "inline",
            [
                fromList ? H.hidden("from", "list") : .empty,
                H.field(ctx, name: "note", label: ctx.t("task.note"), required: true, id: "task-\(t.id.uuidString)-note"),
                H.button(ctx.t("task.complete"), name: "transition", value: TaskLifecycle.Transition.complete.rawValue),
                H.button(ctx.t("task.cancel"), kind: "secondary", name: "transition", value: TaskLifecycle.Transition.cancel.rawValue),
            ])
    }

    /// The form adding a task (of a case) or a call back (from a contact).
    static func addForm(_ ctx: PageContext, action: String, callback: Bool, today: LocalDate, workers: [(username: String, name: String)]) -> Body {
        H.el(
            .details, [("class", "card")],
            [
                H.el(.summary, [], [.text(ctx.t(callback ? "task.add_callback" : "task.add"))]),
                H.form(
                    ctx, action: action,
                    (callback
                        ? [
                            H.field(
                                ctx, name: "callback_number", label: ctx.t("task.callback_number"), type: "tel", required: true,
                                hint: ctx.t("task.callback_hint"))
                        ]
                        : [])
                        + [
                            H.field(ctx, name: "title", label: ctx.t("task.what"), required: !callback, id: "task-title"),
                            H.select(
                                ctx, name: "assignee", label: ctx.t("task.assignee"),
                                options: [("", ctx.t("task.me"))] + workers.map { ($0.username, $0.name) },
                                selected: "", id: "task-assignee"),
                            H.field(
                                ctx, name: "due_on", label: ctx.t("task.due_on"), value: today.adding(days: 1).iso, type: "date", required: true,
                                id: "task-due_on"),
                            H.button(ctx.t(callback ? "task.add_callback" : "task.add"), kind: "secondary"),
                        ]),
            ])
    }
}

/// The open tasks: one's own, or (for a manager, `?all=1`) everyone's in the unit; overdue first.
enum TasksPage: Page {
    struct Model: Sendable {
        let tasks: [TaskParts.Task]
        let everyone: Bool
        let canSeeEveryone: Bool
        let paging: Paging
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let everyone = req.query[String.self, at: "all"] == "1"
        let page = try await CaseRepository(req.store).openTasks(actor, everyone: everyone, page: req.pageSpec)
        return Model(
            tasks: page.items.map(TaskParts.task), everyone: everyone && actor.role.can(.assignCases), canSeeEveryone: actor.role.can(.assignCases),
            paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t(m.everyone ? "task.all" : "task.mine") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            m.canSeeEveryone
                ? H.el(
                    .nav, [("class", "subnav"), ("aria-label", ctx.t("nav.tasks"))],
                    [H.link(ctx.t("task.mine"), SiteRoute.tasks.path), H.link(ctx.t("task.all"), SiteRoute.tasks.path(query: [("all", "1")]))])
                : .empty,
            H.table(
                caption: title(ctx, m), headers: TaskParts.headers(ctx), rows: m.tasks.map { TaskParts.row(ctx, $0, canClose: true, fromList: true) },
                empty: ctx.t("task.none")),
            H.pager(ctx, m.paging) { p in SiteRoute.tasks.path(query: [("all", m.everyone ? "1" : nil), ("page", String(p))]) },
        ]
    }
}
