import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of education support: schools (list, new, one), a school's list for a school
/// year and its working out again, a pupil recorded, the children with no school, one line and
/// the steps of `EducationSupportLifecycle` — the same repository, permissions, scope and audit
/// as the pages.
struct EducationSupportAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.schools)) { req async throws -> APIJSON<APIPage<SchoolDTO>> in
            let actor = try req.requireActor()
            let year = try Self.year(req), page = try req.pageSpec
            let all = try await EducationRepository(req.store).schools(actor, year: year)
            let items = Array(all.dropFirst(page.offset).prefix(page.perPage)).map { SchoolDTO($0, year: year) }
            return APIJSON(APIPage(ResultPage(items: items, request: page, total: all.count)))
        }
        api.post(.api(.schools)) { req async throws -> APIJSON<SchoolDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(SchoolBody.self)
            try APIInput.limit([("unit", b.unit, 50), ("name", b.name, 200), ("address", b.address, 300), ("contact", b.contact, 200)])
            var input = SchoolInput()
            input.unitCode = b.unit; input.name = b.name; input.level = b.level; input.ownership = b.ownership
            input.address = b.address ?? ""; input.contact = b.contact ?? ""
            let repo = EducationRepository(req.store), year = SchoolYear.of(req.today)
            let id = try await repo.addSchool(actor, input)
            return APIJSON(SchoolDTO(try await repo.school(actor, id: id, year: year), year: year), status: .created)
        }
        api.get(.api(.school(nil))) { req async throws -> APIJSON<SchoolDTO> in
            let actor = try req.requireActor()
            let year = try Self.year(req)
            return APIJSON(SchoolDTO(try await EducationRepository(req.store).school(actor, id: try req.idParameter(), year: year), year: year))
        }
        api.get(.api(.schoolSupports(nil))) { req async throws -> APIJSON<APIPage<SupportDTO>> in
            let actor = try req.requireActor()
            let status = try req.queryChoice("status", EducationSupportLifecycle.State.self)
            let page = try await EducationRepository(req.store).list(
                actor, school: try req.idParameter(), year: try Self.year(req), status: status, page: req.pageSpec)
            return APIJSON(APIPage(page.map { SupportDTO($0, role: actor.role) }))
        }
        api.post(.api(.schoolSupports(nil))) { req async throws -> APIJSON<ListDTO> in
            let actor = try Self.manager(req)
            let id = try req.idParameter()
            let b = try req.json(ListBody.self)
            let r = try await EducationRepository(req.store).refresh(actor, school: id, year: b.schoolYear, today: req.today)
            return APIJSON(ListDTO(added: r.added, changed: r.changed, removed: r.removed))
        }
        api.post(.api(.pupils)) { req async throws -> APIJSON<PupilDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(PupilBody.self)
            try APIInput.limit([("grade", b.grade, 20)])
            var input = PupilInput()
            if let n = b.nationalId { input.nationalID = try LivelihoodAPI.nationalID(n) }
            if b.personId == nil && b.nationalId == nil { throw AppError.invalid("person_id", "validation.required") }
            input.personID = b.personId; input.schoolID = b.schoolId; input.schoolYear = b.schoolYear; input.grade = b.grade ?? ""
            let id = try await EducationRepository(req.store).recordPupil(actor, input, today: req.today)
            return APIJSON(PupilDTO(id: id, schoolId: b.schoolId, schoolYear: b.schoolYear), status: .created)
        }
        api.get(.api(.childrenWithoutSchool)) { req async throws -> APIJSON<APIPage<ChildDTO>> in
            let actor = try req.requireActor()
            let page = try await EducationRepository(req.store).withoutSchool(actor, year: try Self.year(req), page: req.pageSpec)
            return APIJSON(APIPage(page.map { ChildDTO(personId: $0.personID, name: $0.name, birth: $0.birth, householdCode: $0.householdCode) }))
        }
        api.get(.api(.educationSupport(nil))) { req async throws -> APIJSON<SupportDTO> in
            let actor = try req.requireActor()
            return APIJSON(SupportDTO(try await EducationRepository(req.store).support(actor, id: try req.idParameter()), role: actor.role))
        }
        for t in EducationSupportLifecycle.Transition.allCases {
            api.post(.api(.educationSupportAction(nil, t))) { req async throws -> APIJSON<SupportDTO> in
                let actor = try req.requireActor()
                try actor.require(EducationSupportLifecycle.rule(t).permission)
                let id = try req.idParameter()
                let b = try req.json(StepBody.self)
                try APIInput.limit([("reason", b.reason, 500)])
                let repo = EducationRepository(req.store)
                try await repo.step(actor, support: id, t, date: b.appliedOn ?? "", reason: b.reason ?? "", today: req.today)
                return APIJSON(SupportDTO(try await repo.support(actor, id: id), role: actor.role))
            }
        }
    }

    static func manager(_ req: Request) throws -> Actor {
        let actor = try req.requireActor()
        try actor.require(.manageEducation)
        return actor
    }

    static func year(_ req: Request) throws -> SchoolYear { try EducationSupportController.year(req, parameter: "school_year") }

    struct SchoolBody: Content {
        let unit: String; let name: String; let level: String; let ownership: String; let address: String?; let contact: String?
    }
    struct ListBody: Content { let schoolYear: Int? }
    struct PupilBody: Content { let personId: UUID?; let nationalId: String?; let schoolId: UUID?; let schoolYear: Int?; let grade: String? }
    struct StepBody: Content { let appliedOn: String?; let reason: String? }
    struct SchoolDTO: Content {
        let id: UUID; let name: String; let level: String; let ownership: String; let address: String; let contact: String; let ward: String
        let schoolYear: Int; let pupils: Int; let supported: Int; let applied: Int
        init(_ s: School, year: SchoolYear) {
            id = s.id; name = s.name; level = s.level.rawValue; ownership = s.ownership.rawValue; address = s.address; contact = s.contact
            ward = s.wardName; schoolYear = year.start; pupils = s.pupils; supported = s.supported; applied = s.applied
        }
    }
    struct SupportDTO: Content {
        let id: UUID; let personId: UUID; let name: String; let birth: String; let householdCode: String; let grade: String; let schoolId: UUID
        let schoolYear: Int; let tuition: String; let tuitionPercent: Int; let tuitionGrounds: [String]; let learningCost: Int64
        let learningCostGrounds: [String]; let status: String; let appliedOn: String?; let reason: String?; let actions: [String]
        init(_ l: PupilSupport, role: Role) {
            id = l.id; personId = l.personID; name = l.name; birth = l.birth; householdCode = l.householdCode; grade = l.grade; schoolId = l.schoolID
            schoolYear = l.schoolYear.start; tuition = l.tuition.rawValue; tuitionPercent = l.tuitionPercent
            tuitionGrounds = l.tuitionGrounds.map(\.rawValue); learningCost = l.learningCost; learningCostGrounds = l.learningCostGrounds.map(\.rawValue)
            status = l.status.rawValue; appliedOn = l.appliedOn; reason = l.reason
            actions = EducationSupportLifecycle.available(from: l.status, role: role).map(\.rawValue)
        }
    }
    struct ListDTO: Content { let added: Int; let changed: Int; let removed: Int }
    struct PupilDTO: Content { let id: UUID; let schoolId: UUID?; let schoolYear: Int? }
    struct ChildDTO: Content { let personId: UUID; let name: String; let birth: String; let householdCode: String }
}
