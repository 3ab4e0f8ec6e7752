import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the task pages.
struct TasksAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.caseTasks(nil)), use: caseTasks)
        api.post(.api(.caseTasks(nil)), use: addTask)
        api.post(.api(.hotlineContactCallback(nil)), use: addCallback)
        api.get(.api(.tasks), use: list)
        api.post(.api(.taskClose(nil)), use: close)
    }

    struct TaskDTO: Content {
        let id: UUID
        let kind: String
        let caseId: UUID?
        let caseNumber: String?
        let contactId: UUID?
        let title: String
        /// While the call is to be made, for its assignee and who answers the hotline.
        let callbackNumber: String?
        let assignee: String
        let dueOn: String
        let status: String
        let closedNote: String?
        let overdue: Bool
    }
    struct TaskCreate: Content { let title: String?; let assignee: String?; let dueOn: String; let callbackNumber: String? }
    struct TaskClose: Content { let transition: String; let note: String }

    static func dto(_ t: TaskView) -> TaskDTO {
        TaskDTO(
            id: t.id, kind: t.kind.rawValue, caseId: t.caseID, caseNumber: t.caseNumber, contactId: t.contactID, title: t.title,
            callbackNumber: t.callbackNumber, assignee: t.assignee, dueOn: t.dueOn.iso, status: t.status.rawValue, closedNote: t.closedNote,
            overdue: t.overdue)
    }

    static func input(_ b: TaskCreate) throws -> TaskInput {
        try APIInput.limit([("title", b.title, 500), ("assignee", b.assignee, 100), ("callback_number", b.callbackNumber, 30)])
        var i = TaskInput()
        i.title = b.title ?? ""; i.assignee = b.assignee ?? ""; i.dueOn = b.dueOn; i.callbackNumber = b.callbackNumber ?? ""
        return i
    }

    func caseTasks(req: Request) async throws -> APIJSON<[TaskDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await CaseRepository(req.store).tasks(a, caseID: try req.idParameter()).map(Self.dto))
    }

    func addTask(req: Request) async throws -> APIJSON<[TaskDTO]> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let repo = CaseRepository(req.store)
        try await repo.addTask(a, caseID: id, try Self.input(try req.json(TaskCreate.self)))
        return APIJSON(try await repo.tasks(a, caseID: id).map(Self.dto), status: .created)
    }

    func addCallback(req: Request) async throws -> APIJSON<TaskDTO> {
        let a = try req.requireActor()
        let repo = CaseRepository(req.store)
        let id = try await repo.addCallback(a, contactID: try req.idParameter(), try Self.input(try req.json(TaskCreate.self)))
        return APIJSON(Self.dto(try await repo.task(a, id: id)), status: .created)
    }

    func list(req: Request) async throws -> APIJSON<APIPage<TaskDTO>> {
        let a = try req.requireActor()
        let everyone = try req.queryChoice("scope", TaskScope.self) == .all
        return APIJSON(APIPage(try await CaseRepository(req.store).openTasks(a, everyone: everyone, page: try req.pageSpec).map(Self.dto)))
    }

    func close(req: Request) async throws -> APIJSON<TaskDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(TaskClose.self)
        try APIInput.limit([("note", b.note, 2000)])
        guard let t = TaskLifecycle.Transition(rawValue: b.transition) else { throw AppError.invalid("transition", "validation.choice") }
        let repo = CaseRepository(req.store)
        try await repo.closeTask(a, taskID: id, t, note: b.note)
        return APIJSON(Self.dto(try await repo.task(a, id: id)))
    }

    /// `?scope=`: one's own open tasks, or (a manager) everyone's.
    enum TaskScope: String, CaseIterable { case mine, all }
}

extension TasksAPI {
    static var operations: [APIOperation] {
        let tag = "cases"
        return [
            APIOperation(.GET, .caseTasks(nil), "The tasks of a case, open ones first", tag: tag, response: "Tasks"),
            APIOperation(
                .POST, .caseTasks(nil), "Add a task to a case not closed (assignee: a worker of its unit, default the caller)", tag: tag,
                request: "TaskCreate", response: "Tasks", status: 201),
            APIOperation(
                .POST, .hotlineContactCallback(nil), "A call back to the caller of a contact, at the number given (erased once the task is closed)",
                tag: tag, request: "TaskCreate", response: "Task", status: 201),
            APIOperation(
                .GET, .tasks, "The open tasks: the caller's, or (scope=all, a manager) everyone's in the caller's units; oldest due first", tag: tag,
                query: [("scope", ["type": "string", "enum": TaskScope.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "TaskPage"),
            APIOperation(.POST, .taskClose(nil), "Close a task: complete or cancel, with the note", tag: tag, request: "TaskClose", response: "Task"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let task = OpenAPI.obj(
            [
                "id": ["type": "string", "format": "uuid"], "kind": ["type": "string", "enum": TaskKind.allCases.map(\.rawValue)],
                "case_id": ["type": ["string", "null"], "format": "uuid"], "case_number": nullableStr,
                "contact_id": ["type": ["string", "null"], "format": "uuid"], "title": str, "callback_number": nullableStr, "assignee": str,
                "due_on": str, "status": ["type": "string", "enum": TaskLifecycle.State.allCases.map(\.rawValue)], "closed_note": nullableStr,
                "overdue": ["type": "boolean"],
            ], required: ["id", "kind", "title", "assignee", "due_on", "status", "overdue"])
        return [
            "Task": task,
            "Tasks": ["type": "array", "items": task],
            "TaskPage": OpenAPI.page("Task"),
            "TaskCreate": OpenAPI.request(
                [
                    "title": ["type": "string", "maxLength": 500], "assignee": ["type": "string", "maxLength": 100], "due_on": OpenAPI.date,
                    "callback_number": ["type": "string", "maxLength": 30],
                ], required: ["due_on"]),
            "TaskClose": OpenAPI.request(
                ["transition": ["type": "string", "enum": TaskLifecycle.Transition.allCases.map(\.rawValue)], "note": OpenAPI.name(2000)],
                required: ["transition", "note"]),
        ]
    }
}
