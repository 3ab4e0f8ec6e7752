import AnsinhCore
import FluentKit
import Foundation

/// What a new task needs. `assignee` empty: the one who writes it.
public struct TaskInput: Sendable {
    public var title = ""
    public var assignee = ""
    public var dueOn = ""
    /// For a call back: the number the caller gave.
    public var callbackNumber = ""
    public init() {}
}

/// A task as read.
public struct TaskView: Sendable, Equatable {
    public let id: UUID
    public let kind: TaskKind
    public let caseID: UUID?
    public let caseNumber: String?
    public let contactID: UUID?
    public let title: String
    /// Shown to the assignee and to who may answer the hotline while the call is to be made.
    public let callbackNumber: String?
    public let assignee: String
    public let dueOn: LocalDate
    public let status: TaskLifecycle.State
    public let closedNote: String?
    public let overdue: Bool
}

extension CaseRepository {
    /// Adds a task to a case not closed, for a worker of its unit, due today or later.
    @discardableResult
    public func addTask(_ actor: Actor, caseID: UUID, _ input: TaskInput) async throws -> UUID {
        try actor.require(.manageCases)
        let c = try await store.scoped(CaseModel.self, caseID, actor)
        guard c.lifecycleState != .closed else { throw AppError.notAllowed(Message("case.error.closed")) }
        let (title, assignee, due) = try await checkTask(actor, input, unitPath: c.unitPath, titleRequired: true)
        return try await createTask(
            actor, kind: .task, unitID: c.unitID, unitPath: c.unitPath, caseID: caseID, contactID: nil, title: title,
            number: nil, assignee: assignee, due: due)
    }

    /// A call back to the caller of a hotline contact with data, at the number they gave.
    @discardableResult
    public func addCallback(_ actor: Actor, contactID: UUID, _ input: TaskInput) async throws -> UUID {
        try actor.require(.answerHotline)
        let m = try await store.scoped(HotlineContactModel.self, contactID, actor)
        guard m.nonData == nil else { throw AppError.conflict(Message("hotline.error.no_data")) }
        let number = input.callbackNumber.filter { $0.isNumber || $0 == "+" }
        var errors: [FieldError] = []
        if !(8...15).contains(number.filter(\.isNumber).count) { errors.append(FieldError(field: "callback_number", message: Message("task.error.number"))) }
        var checked: (String, String, LocalDate)?
        do { checked = try await checkTask(actor, input, unitPath: m.unitPath, titleRequired: false) } catch AppError.validation(let more) { errors += more }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let (title, assignee, due) = checked!
        return try await createTask(
            actor, kind: .callback, unitID: m.unitID, unitPath: m.unitPath, caseID: m.caseID, contactID: contactID,
            title: title, number: number, assignee: assignee, due: due)
    }

    func checkTask(_ actor: Actor, _ input: TaskInput, unitPath: String, titleRequired: Bool) async throws -> (String, String, LocalDate) {
        var errors: [FieldError] = []
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if titleRequired && title.isEmpty { errors.append(FieldError(field: "title", message: Message("validation.required"))) }
        let due = LocalDate(iso: input.dueOn.trimmingCharacters(in: .whitespaces))
        if due == nil { errors.append(FieldError(field: "due_on", message: Message("validation.date"))) }
        if let due, due < store.today { errors.append(FieldError(field: "due_on", message: Message("case.error.past_due"))) }
        var assignee = input.assignee.trimmingCharacters(in: .whitespaces)
        if assignee.isEmpty { assignee = actor.username }
        if try await !candidates(for: unitPath, on: store.db).contains(where: { $0.username == assignee }) && assignee != actor.username {
            errors.append(FieldError(field: "assignee", message: Message("case.error.not_a_worker")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return (title, assignee, due!)
    }

    func createTask(
        _ actor: Actor, kind: TaskKind, unitID: UUID, unitPath: String, caseID: UUID?, contactID: UUID?, title: String, number: String?,
        assignee: String, due: LocalDate
    ) async throws -> UUID {
        try await store.write(actor) { tx, audit in
            let t = CaseTaskModel()
            t.id = UUID(); t.unitID = unitID; t.unitPath = unitPath; t.kind = kind.rawValue; t.caseID = caseID; t.contactID = contactID
            t.title = title; t.callbackNumber = number; t.assignee = assignee; t.dueOn = due.iso; t.status = TaskLifecycle.State.open.rawValue
            t.createdBy = actor.username
            try await t.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "create", entity: TaskLifecycle.entity, entityID: t.id!.uuidString, unitID: unitID, unitPath: unitPath,
                    before: NoValue?.none,
                    after: ["kind": t.kind, "assignee": assignee, "due_on": t.dueOn, "case": caseID?.uuidString ?? "", "contact": contactID?.uuidString ?? ""]))
            return t.id!
        }
    }

    /// Closes a task (done or cancelled) with its note; a call back's number is erased then.
    public func closeTask(_ actor: Actor, taskID: UUID, _ t: TaskLifecycle.Transition, note: String) async throws {
        let n = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let today = store.today
        try await store.transition(actor, CaseTaskModel.self, taskID, t, fields: ["note": n]) { task, _, _ in
            task.closedNote = n; task.closedOn = today.iso; task.callbackNumber = nil
            return [:]
        }
    }

    /// The tasks of a case, open ones first by due day.
    public func tasks(_ actor: Actor, caseID: UUID) async throws -> [TaskView] {
        try actor.require(.viewCases)
        let c = try await store.scoped(CaseModel.self, caseID, actor)
        let rows = try await CaseTaskModel.query(on: store.db).filter(\.$caseID == caseID).sort(\.$status, .descending).sort(\.$dueOn).all()
        return rows.compactMap { taskView($0, caseNumber: c.number, actor) }
    }

    /// One page of the open tasks: the actor's own, or (`everyone`, for a manager) all of the
    /// actor's units; overdue ones first.
    public func openTasks(_ actor: Actor, everyone: Bool = false, page: PageSpec) async throws -> ResultPage<TaskView> {
        try actor.require(.manageCases)
        let q = store.scoped(CaseTaskModel.self, actor).filter(\.$status == TaskLifecycle.State.open.rawValue)
        if !(everyone && actor.role.can(.assignCases)) { q.filter(\.$assignee == actor.username) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$dueOn).sort(\.$id).offset(page.offset).limit(page.perPage).all()
        let numbers = try await CaseModel.query(on: store.db).filter(\.$id ~~ Set(rows.compactMap(\.caseID))).all()
        let byID = Dictionary(numbers.map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        return ResultPage(items: rows.compactMap { taskView($0, caseNumber: $0.caseID.flatMap { byID[$0] }, actor) }, request: page, total: total)
    }

    func taskView(_ t: CaseTaskModel, caseNumber: String?, _ actor: Actor) -> TaskView? {
        guard let kind = TaskKind(rawValue: t.kind), let due = LocalDate(iso: t.dueOn) else { return nil }
        let state = t.lifecycleState
        // The number to call: for the one who calls, or who answers the hotline.
        let number = actor.username == t.assignee || actor.role.can(.answerHotline) ? t.callbackNumber : nil
        return TaskView(
            id: t.id!, kind: kind, caseID: t.caseID, caseNumber: caseNumber, contactID: t.contactID, title: t.title, callbackNumber: number,
            assignee: t.assignee, dueOn: due, status: state, closedNote: t.closedNote, overdue: state == .open && due < store.today)
    }
}

extension CaseRepository {
    /// The actor's open tasks and how many of them are past their due day (the home page).
    public func taskCounts(_ actor: Actor) async throws -> (open: Int, overdue: Int) {
        guard actor.role.can(.manageCases) else { return (0, 0) }
        let q = store.scoped(CaseTaskModel.self, actor).filter(\.$status == TaskLifecycle.State.open.rawValue).filter(\.$assignee == actor.username)
        let open = try await q.copy().count()
        let overdue = try await q.filter(\.$dueOn < store.today.iso).count()
        return (open, overdue)
    }
}

extension CaseRepository {
    /// One task within the actor's units.
    public func task(_ actor: Actor, id: UUID) async throws -> TaskView {
        try actor.require(.manageCases)
        let t = try await store.scoped(CaseTaskModel.self, id, actor)
        let number = try await t.caseID.asyncMap { try await CaseModel.find($0, on: store.db)?.number } ?? nil
        guard let v = taskView(t, caseNumber: number, actor) else { throw AppError.notFound }
        return v
    }
}
