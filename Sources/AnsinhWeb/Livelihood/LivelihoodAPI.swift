import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of jobs and training: job seekers with the suggested vacancies and referrals,
/// courses with enrolments and outcomes, employers and vacancies, counselling sessions and job
/// fairs — the same repository, permission, scope, lifecycle and audit as the pages.
struct LivelihoodAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.jobSeekers)) { req async throws -> APIJSON<APIPage<SeekerDTO>> in
            let state = try req.queryChoice("status", SeekerStatus.self)
            let q = String((req.query[String.self, at: "q"] ?? "").prefix(100))
            let page = try await LivelihoodRepository(req.store).seekers(try req.requireActor(), query: q, status: state, page: req.pageSpec)
            return APIJSON(APIPage(page.map(SeekerDTO.init)))
        }
        api.post(.api(.jobSeekers)) { req async throws -> APIJSON<SeekerFileDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(SeekerBody.self)
            try APIInput.limit([("skills", b.skills, 300), ("wishes", b.wishes, 500), ("constraints", b.constraints, 500)])
            var input = SeekerInput()
            input.nationalID = try Self.nationalID(b.nationalId); input.skills = b.skills; input.wishes = b.wishes ?? ""
            input.constraints = b.constraints ?? ""
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.register(actor, input, today: req.today)
            return APIJSON(SeekerFileDTO(try await repo.seeker(actor, id: id), role: actor.role), status: .created)
        }
        api.get(.api(.jobSeeker(nil))) { req async throws -> APIJSON<SeekerFileDTO> in
            let actor = try req.requireActor()
            return APIJSON(SeekerFileDTO(try await LivelihoodRepository(req.store).seeker(actor, id: try req.idParameter()), role: actor.role))
        }
        api.post(.api(.jobSeekerReferrals(nil))) { req async throws -> APIJSON<ReferralDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(ReferBody.self)
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.refer(actor, seekerID: try req.idParameter(), vacancyID: b.vacancyId, referredOn: b.referredOn ?? "", today: req.today)
            return APIJSON(ReferralDTO(try await repo.referral(actor, id: id), role: actor.role), status: .created)
        }
        for t in JobReferralLifecycle.Transition.allCases {
            api.post(.api(.jobReferralAction(nil, t))) { req async throws -> APIJSON<ReferralDTO> in
                let actor = try Self.manager(req)
                let id = try req.idParameter()
                let b = try req.json(ReferralStepBody.self)
                try APIInput.limit([("reason", b.reason, 500)])
                let repo = LivelihoodRepository(req.store)
                try await repo.step(
                    actor, referral: id, t, date: (t == .interview ? b.interviewOn : b.startOn) ?? "", wage: t == .hire ? b.wage : nil,
                    reason: t == .decline ? b.reason ?? "" : "")
                return APIJSON(ReferralDTO(try await repo.referral(actor, id: id), role: actor.role))
            }
        }
        registerTraining(api)
        registerEmployers(api)
    }

    func registerTraining(_ api: any RoutesBuilder) {
        api.get(.api(.courses)) { req async throws -> APIJSON<APIPage<CourseDTO>> in
            APIJSON(APIPage(try await LivelihoodRepository(req.store).courses(try req.requireActor(), page: req.pageSpec).map(CourseDTO.init)))
        }
        api.post(.api(.courses)) { req async throws -> APIJSON<CourseFileDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(CourseBody.self)
            try APIInput.limit([("unit", b.unit, 50), ("title", b.title, 200), ("trade", b.trade, 100), ("provider", b.provider, 200)])
            var input = CourseInput()
            input.unitCode = b.unit; input.title = b.title; input.trade = b.trade; input.provider = b.provider; input.startsOn = b.startsOn
            input.endsOn = b.endsOn; input.places = b.places; input.cost = b.cost
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.createCourse(actor, input)
            return APIJSON(CourseFileDTO(try await repo.course(actor, id: id), role: actor.role), status: .created)
        }
        api.get(.api(.course(nil))) { req async throws -> APIJSON<CourseFileDTO> in
            let actor = try req.requireActor()
            return APIJSON(CourseFileDTO(try await LivelihoodRepository(req.store).course(actor, id: try req.idParameter()), role: actor.role))
        }
        api.get(.api(.courseFollowUps)) { req async throws -> APIJSON<[FollowUpDTO]> in
            APIJSON(try await LivelihoodRepository(req.store).followUpsDue(try req.requireActor(), today: req.today).map(FollowUpDTO.init))
        }
        api.post(.api(.courseEnrolments(nil))) { req async throws -> APIJSON<EnrolmentDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(EnrolBody.self)
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.enrol(
                actor, courseID: try req.idParameter(), nationalID: try Self.nationalID(b.nationalId), enrolledOn: b.enrolledOn ?? "", today: req.today)
            return APIJSON(EnrolmentDTO(try await repo.enrolment(actor, id: id), role: actor.role), status: .created)
        }
        for t in EnrolmentLifecycle.Transition.allCases {
            api.post(.api(.enrolmentAction(nil, t))) { req async throws -> APIJSON<EnrolmentDTO> in
                let actor = try Self.manager(req)
                let id = try req.idParameter()
                let b = try req.json(EnrolmentStepBody.self)
                try APIInput.limit([("certificate", b.certificate, 60), ("reason", b.reason, 500)])
                let repo = LivelihoodRepository(req.store)
                try await repo.step(
                    actor, enrolment: id, t, completedOn: t == .complete ? b.completedOn ?? "" : "", certificate: t == .complete ? b.certificate ?? "" : "",
                    reason: t == .drop ? b.reason ?? "" : "", today: req.today)
                return APIJSON(EnrolmentDTO(try await repo.enrolment(actor, id: id), role: actor.role))
            }
        }
        api.post(.api(.enrolmentOutcomes(nil))) { req async throws -> APIJSON<EnrolmentDTO> in
            let actor = try Self.manager(req)
            let id = try req.idParameter()
            let b = try req.json(OutcomeBody.self)
            let repo = LivelihoodRepository(req.store)
            try await repo.recordOutcome(actor, enrolment: id, month: b.month, status: b.status, income: b.monthlyIncome, today: req.today)
            return APIJSON(EnrolmentDTO(try await repo.enrolment(actor, id: id), role: actor.role), status: .created)
        }
    }

    func registerEmployers(_ api: any RoutesBuilder) {
        api.get(.api(.employers)) { req async throws -> APIJSON<APIPage<EmployerDTO>> in
            APIJSON(APIPage(try await LivelihoodRepository(req.store).employers(try req.requireActor(), page: req.pageSpec).map(EmployerDTO.init)))
        }
        api.post(.api(.employers)) { req async throws -> APIJSON<EmployerDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(EmployerBody.self)
            try APIInput.limit([
                ("unit", b.unit, 50), ("group", b.group, 50), ("name", b.name, 200), ("sector", b.sector, 100), ("address", b.address, 300),
                ("phone", b.phone, 20),
            ])
            var input = EmployerInput()
            input.unitCode = b.unit; input.groupCode = b.group ?? ""; input.name = b.name; input.sector = b.sector; input.address = b.address
            input.phone = b.phone ?? ""
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.createEmployer(actor, input)
            return APIJSON(EmployerDTO(try await repo.employer(actor, id: id)), status: .created)
        }
        api.post(.api(.employerVacancies(nil))) { req async throws -> APIJSON<VacancyDTO> in
            let actor = try Self.manager(req)
            let employer = try req.idParameter()
            let b = try req.json(VacancyBody.self)
            try APIInput.limit([("title", b.title, 200), ("skills", b.skills, 300)])
            var input = VacancyInput()
            input.title = b.title; input.skills = b.skills ?? ""; input.places = b.places; input.wage = b.wage
            input.suitsMildDisability = b.suitsMildDisability ?? false
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.addVacancy(actor, employerID: employer, input, today: req.today)
            let v = try await repo.employer(actor, id: employer).vacancies.first { $0.id == id }!
            return APIJSON(VacancyDTO(v), status: .created)
        }
        api.get(.api(.livelihoodEvents)) { req async throws -> APIJSON<APIPage<EventDTO>> in
            APIJSON(APIPage(try await LivelihoodRepository(req.store).events(try req.requireActor(), page: req.pageSpec).map(EventDTO.init)))
        }
        api.post(.api(.livelihoodEvents)) { req async throws -> APIJSON<EventDTO> in
            let actor = try Self.manager(req)
            let b = try req.json(EventBody.self)
            try APIInput.limit([("unit", b.unit, 50), ("title", b.title, 200), ("place", b.place, 200), ("partner", b.partner, 200)])
            var input = EventInput()
            input.unitCode = b.unit; input.kind = b.kind; input.title = b.title; input.heldOn = b.heldOn; input.place = b.place
            input.partner = b.partner ?? ""
            let repo = LivelihoodRepository(req.store)
            let id = try await repo.createEvent(actor, input, today: req.today)
            return APIJSON(EventDTO(try await repo.event(actor, id: id)), status: .created)
        }
        api.post(.api(.livelihoodEventAttendance(nil))) { req async throws -> APIJSON<EventDTO> in
            let actor = try Self.manager(req)
            let id = try req.idParameter()
            let b = try req.json(AttendBody.self)
            let repo = LivelihoodRepository(req.store)
            try await repo.attend(actor, eventID: id, nationalID: try Self.nationalID(b.nationalId))
            return APIJSON(EventDTO(try await repo.event(actor, id: id)), status: .created)
        }
    }

    /// The caller, who must record jobs and training (checked before the body is read).
    static func manager(_ req: Request) throws -> Actor {
        let actor = try req.requireActor()
        try actor.require(.manageLivelihood)
        return actor
    }

    /// A national ID exactly as the document states it: twelve digits.
    static func nationalID(_ raw: String) throws -> String {
        guard NationalID.isWellFormed(raw) else {
            throw AppError.invalid("national_id", "validation.national_id_digits")
        }
        return raw
    }
}
