import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the works: the register (by residential group, state, kind) and a proposal,
/// one work with its diary, money and photos, each step of `WorkLifecycle`, state budget, a
/// photo sent as the body and one read back — the same repository, permissions, scope and audit
/// as the pages.
struct WorksAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.works)) { req async throws -> APIJSON<APIPage<WorkDTO>> in
            let actor = try req.requireActor()
            let group = req.query[String.self, at: "group"]
            try APIInput.limit([("group", group, 50)])
            let status = try req.queryChoice("status", WorkLifecycle.State.self), kind = try req.queryChoice("kind", WorkKind.self)
            let page = try await WorksRepository(req.store).works(actor, groupCode: group, status: status, kind: kind, page: req.pageSpec)
            return APIJSON(APIPage(page.map { WorkDTO($0, role: actor.role) }))
        }
        api.post(.api(.works)) { req async throws -> APIJSON<FileDTO> in
            let actor = try req.requireActor()
            try actor.require(.manageWorks)
            let b = try req.json(WorkBody.self)
            try APIInput.limit([
                ("unit", b.unit, 50), ("group", b.group, 50), ("title", b.title, 200), ("location", b.location, 300), ("coordinates", b.coordinates, 60),
                ("need", b.need, 1000), ("request_code", b.requestCode, 20), ("household_code", b.householdCode, 50),
                ("house_condition", b.houseCondition, 20),
            ])
            var input = WorkInput()
            input.unitCode = b.unit; input.groupCode = b.group ?? ""; input.kind = b.kind; input.title = b.title; input.location = b.location
            input.coordinates = b.coordinates ?? ""; input.need = b.need; input.origin = b.origin; input.requestCode = b.requestCode ?? ""
            input.estimate = b.estimate; input.householdCode = b.householdCode ?? ""; input.houseCondition = b.houseCondition ?? ""
            let repo = WorksRepository(req.store)
            let id = try await repo.propose(actor, input, today: req.today)
            return APIJSON(FileDTO(try await repo.work(actor, id: id), role: actor.role), status: .created)
        }
        api.get(.api(.work(nil))) { req async throws -> APIJSON<FileDTO> in
            let actor = try req.requireActor()
            return APIJSON(FileDTO(try await WorksRepository(req.store).work(actor, id: try req.idParameter()), role: actor.role))
        }
        for t in WorkLifecycle.Transition.allCases {
            api.post(.api(.workAction(nil, t))) { req async throws -> APIJSON<FileDTO> in
                let actor = try req.requireActor()
                try actor.require(WorkLifecycle.rule(t).permission)
                let id = try req.idParameter()
                let b = try req.json(StepBody.self)
                try APIInput.limit([
                    ("decision", b.decision, 100), ("note", b.note, 1000), ("handed_to", b.handedTo, 200), ("reason", b.reason, 500),
                    ("contractor", b.contractor, 200),
                ])
                var input = WorkStepInput()
                input.date = b.date ?? ""; input.decision = b.decision ?? ""; input.note = b.note ?? ""; input.handedTo = b.handedTo ?? ""
                input.reason = b.reason ?? ""; input.percent = b.percent; input.contractor = b.contractor ?? ""
                let repo = WorksRepository(req.store)
                try await repo.step(actor, work: id, t, input, today: req.today)
                return APIJSON(FileDTO(try await repo.work(actor, id: id), role: actor.role))
            }
        }
        api.post(.api(.workBudget(nil))) { req async throws -> APIJSON<FileDTO> in
            let actor = try req.requireActor()
            try actor.require(.manageWorks)
            let id = try req.idParameter()
            let b = try req.json(BudgetBody.self)
            try APIInput.limit([("decision", b.decision, 100)])
            let repo = WorksRepository(req.store)
            try await repo.addBudget(actor, work: id, amount: b.amount, decision: b.decision, day: b.day, today: req.today)
            return APIJSON(FileDTO(try await repo.work(actor, id: id), role: actor.role), status: .created)
        }
        // The photo is the body (JPEG or PNG); `?caption=` and `?day=` describe it.
        api.upload(.api(.workPhotos(nil))) { req async throws -> APIJSON<FileDTO> in
            let actor = try req.requireActor()
            let id = try req.idParameter()
            try actor.require(.manageWorks)  // before the file is read
            let caption = req.query[String.self, at: "caption"] ?? "", day = req.query[String.self, at: "day"] ?? ""
            try APIInput.limit([("caption", caption, 200), ("day", day, 10)])
            let repo = WorksRepository(req.store)
            try await repo.addPhoto(actor, work: id, caption: caption, day: day, data: req.body.data.map { Data(buffer: $0) } ?? Data(), today: req.today)
            return APIJSON(FileDTO(try await repo.work(actor, id: id), role: actor.role), status: .created)
        }
        api.get(.api(.workPhoto(nil))) { req async throws -> Response in try await WorksController.photo(req) }
        api.get(.api(.policyHouses)) { req async throws -> APIJSON<[HouseDTO]> in
            let actor = try req.requireActor()
            let rows = try await WorksRepository(req.store).policyHouses(actor, condition: try req.queryChoice("condition", HouseCondition.self))
            return APIJSON(rows.map(HouseDTO.init))
        }
    }

    struct WorkBody: Content {
        let unit: String; let group: String?; let kind: String; let title: String; let location: String; let coordinates: String?; let need: String
        let origin: String; let requestCode: String?; let estimate: Int64
        /// A gratitude-house repair: the policy family's household and the house's condition.
        let householdCode: String?; let houseCondition: String?
    }
    struct StepBody: Content {
        let date: String?; let decision: String?; let percent: Int?; let note: String?; let handedTo: String?; let reason: String?
        let contractor: String?
    }
    /// A policy family's house: the household, who is on the merit records, its condition, its latest repair.
    struct HouseDTO: Content {
        let householdId: UUID; let householdCode: String; let head: String; let group: String?; let meritCategories: [String]
        let condition: String?; let workId: UUID?; let workStatus: String?; let repairedOn: String?
        init(_ h: PolicyHouse) {
            householdId = h.householdID; householdCode = h.householdCode; head = h.headName; group = h.groupName
            meritCategories = h.categories.map(\.rawValue); condition = h.condition?.rawValue; workId = h.workID; workStatus = h.workStatus?.rawValue
            repairedOn = h.repairedOn
        }
    }
    struct BudgetBody: Content { let amount: Int64; let decision: String; let day: String }
    struct WorkDTO: Content {
        let id: UUID; let ward: String; let group: String?; let kind: String; let title: String; let location: String; let coordinates: String
        let need: String; let origin: String; let requestCode: String?; let estimate: Int64; let budget: Int64; let funds: Int64; let status: String
        let percent: Int; let proposedOn: String; let decision: String?; let approvedOn: String?; let startedOn: String?; let completedOn: String?
        let handedOverOn: String?; let handedTo: String?; let reason: String?; let actions: [String]; let householdCode: String?
        let houseCondition: String?; let contractor: String?
        init(_ w: Work, role: Role) {
            id = w.id; ward = w.wardName; group = w.groupName; kind = w.kind.rawValue; title = w.title; location = w.location; coordinates = w.point
            need = w.need; origin = w.origin.rawValue; requestCode = w.requestCode; estimate = w.estimate; budget = w.budget; funds = w.funds
            status = w.status.rawValue; percent = w.percent; proposedOn = w.proposedOn; decision = w.decision; approvedOn = w.approvedOn
            startedOn = w.startedOn; completedOn = w.completedOn; handedOverOn = w.handedOverOn; handedTo = w.handedTo; reason = w.reason
            actions = WorkLifecycle.available(from: w.status, role: role).map(\.rawValue)
            householdCode = w.householdCode; houseCondition = w.houseCondition?.rawValue; contractor = w.contractor
        }
    }
    struct DiaryDTO: Content { let day: String; let percent: Int; let note: String; let by: String }
    struct MoneyDTO: Content { let source: String; let reference: String; let day: String; let amount: Int64 }
    struct PhotoDTO: Content { let id: UUID; let caption: String; let day: String; let size: Int }
    struct FileDTO: Content {
        let work: WorkDTO; let diary: [DiaryDTO]; let money: [MoneyDTO]; let photos: [PhotoDTO]
        init(_ f: WorkFile, role: Role) {
            work = WorkDTO(f.work, role: role)
            diary = f.diary.map { DiaryDTO(day: $0.day, percent: $0.percent, note: $0.note, by: $0.by) }
            money = f.money.map { MoneyDTO(source: $0.source, reference: $0.reference, day: $0.day, amount: $0.amount) }
            photos = f.photos.map { PhotoDTO(id: $0.id, caption: $0.caption, day: $0.day, size: $0.size) }
        }
    }
}
