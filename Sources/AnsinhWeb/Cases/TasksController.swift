import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The task pages: a case's task, a call back from a contact, the open tasks, closing one.
struct TasksController {
    struct TaskForm: Content { var title: String?; var assignee: String?; var due_on: String?; var callback_number: String? }
    struct CloseForm: Content { var transition: String?; var note: String?; var from: String? }

    func register(authed: any RoutesBuilder) {
        authed.post(.caseTasks(nil), use: addTask)
        authed.post(.hotlineCallback(nil), use: addCallback)
        authed.get(.tasks, use: list)
        authed.post(.taskClose(nil), use: close)
    }

    static func input(_ f: TaskForm) -> TaskInput {
        var i = TaskInput()
        i.title = f.title ?? ""; i.assignee = f.assignee ?? ""; i.dueOn = f.due_on ?? ""; i.callbackNumber = f.callback_number ?? ""
        return i
    }

    func addTask(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(TaskForm.self)
        return try await req.perform(back: SiteRoute.caseItem(id).path, success: Message("task.added")) {
            try await CaseRepository(req.store).addTask(actor, caseID: id, Self.input(f))
        }
    }

    func addCallback(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(TaskForm.self)
        return try await req.perform(back: SiteRoute.hotlineContact(id).path, success: Message("task.added")) {
            try await CaseRepository(req.store).addCallback(actor, contactID: id, Self.input(f))
        }
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(TasksPage.render(PageContext(req), try await TasksPage.model(for: req)))
    }

    func close(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CloseForm.self)
        // Back where the task was closed from: the list of tasks, or its case.
        let caseID = f.from == "list" ? nil : try await CaseRepository(req.store).task(actor, id: id).caseID
        let back = caseID.map { SiteRoute.caseItem($0).path } ?? SiteRoute.tasks.path
        return try await req.perform(back: back, success: Message("task.closed")) {
            guard let t = TaskLifecycle.Transition(rawValue: f.transition ?? "") else { throw AppError.invalid("transition", "validation.choice") }
            try await CaseRepository(req.store).closeTask(actor, taskID: id, t, note: f.note ?? "")
        }
    }
}
