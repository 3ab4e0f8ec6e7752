import AnsinhCore
import AnsinhStore
import Vapor

/// The bodies, answers and OpenAPI description of `LivelihoodAPI`.
extension LivelihoodAPI {
    struct SeekerBody: Content { let nationalId: String; let skills: String; let wishes: String?; let constraints: String? }
    struct ReferBody: Content { let vacancyId: UUID; let referredOn: String? }
    struct ReferralStepBody: Content { let interviewOn: String?; let startOn: String?; let wage: Int64?; let reason: String? }
    struct CourseBody: Content {
        let unit: String; let title: String; let trade: String; let provider: String; let startsOn: String; let endsOn: String; let places: Int
        let cost: Int64
    }
    struct EnrolBody: Content { let nationalId: String; let enrolledOn: String? }
    struct EnrolmentStepBody: Content { let completedOn: String?; let certificate: String?; let reason: String? }
    struct OutcomeBody: Content { let month: Int; let status: String; let monthlyIncome: Int64 }
    struct EmployerBody: Content { let unit: String; let group: String?; let name: String; let sector: String; let address: String; let phone: String? }
    struct VacancyBody: Content { let title: String; let skills: String?; let places: Int; let wage: Int64; let suitsMildDisability: Bool? }
    struct EventBody: Content { let unit: String; let kind: String; let title: String; let heldOn: String; let place: String; let partner: String? }
    struct AttendBody: Content { let nationalId: String }

    struct SeekerDTO: Content {
        let id: UUID; let personId: UUID; let name: String; let birthYear: Int; let disabilityLevel: String; let ward: String; let group: String?
        let skills: String; let wishes: String; let constraints: String; let status: String; let registeredOn: String
        init(_ s: JobSeeker) {
            id = s.id; personId = s.personID; name = s.name; birthYear = s.birthYear; disabilityLevel = s.disability.rawValue; ward = s.wardName
            group = s.groupName; skills = s.skills; wishes = s.wishes; constraints = s.constraints; status = s.status.rawValue;
            registeredOn = s.registeredOn.iso
        }
    }
    struct VacancyDTO: Content {
        let id: UUID; let employerId: UUID; let employer: String; let title: String; let skills: String; let places: Int; let wage: Int64
        let suitsMildDisability: Bool; let open: Bool
        init(_ v: Vacancy) {
            id = v.id; employerId = v.employerID; employer = v.employerName; title = v.title; skills = v.skills; places = v.places; wage = v.wage
            suitsMildDisability = v.suitsMildDisability; open = v.open
        }
    }
    struct SuggestionDTO: Content {
        let vacancy: VacancyDTO; let score: Int; let reasons: [String]
        init(_ g: JobSuggestion) { vacancy = VacancyDTO(g.vacancy); score = g.match.score; reasons = g.match.reasons.map(\.key) }
    }
    struct ReferralDTO: Content {
        let id: UUID; let seekerId: UUID; let seeker: String; let vacancy: String; let employer: String; let status: String; let referredOn: String
        let interviewOn: String?; let startOn: String?; let wage: Int64?; let reason: String?; let actions: [String]
        init(_ r: JobReferral, role: Role) {
            id = r.id; seekerId = r.seekerID; seeker = r.seekerName; vacancy = r.vacancyTitle; employer = r.employerName; status = r.status.rawValue
            referredOn = r.referredOn.iso; interviewOn = r.interviewOn?.iso; startOn = r.startOn?.iso; wage = r.wage; reason = r.reason
            actions = JobReferralLifecycle.available(from: r.status, role: role).map(\.rawValue)
        }
    }
    struct OutcomeDTO: Content {
        let month: Int; let recordedOn: String; let status: String; let monthlyIncome: Int64
        init(_ o: CourseOutcome) { month = o.month; recordedOn = o.recordedOn.iso; status = o.status.rawValue; monthlyIncome = o.monthlyIncome }
    }
    struct EnrolmentDTO: Content {
        let id: UUID; let courseId: UUID; let course: String; let seekerId: UUID; let name: String; let status: String; let group: String
        let support: Int64; let enrolledOn: String; let completedOn: String?; let certificate: String?; let reason: String?
        let outcomes: [OutcomeDTO]; let pending: [FollowUpMark]; let actions: [String]
        struct FollowUpMark: Content { let month: Int; let due: String }
        init(_ e: Enrolment, role: Role) {
            id = e.id; courseId = e.courseID; course = e.courseTitle; seekerId = e.seekerID; name = e.personName; status = e.status.rawValue
            group = e.group.rawValue; support = e.support; enrolledOn = e.enrolledOn.iso; completedOn = e.completedOn?.iso; certificate = e.certificate
            reason = e.reason; outcomes = e.outcomes.map(OutcomeDTO.init); pending = e.pending.map { FollowUpMark(month: $0.month, due: $0.due.iso) }
            actions = EnrolmentLifecycle.available(from: e.status, role: role).map(\.rawValue)
        }
    }
    struct SeekerFileDTO: Content {
        let seeker: SeekerDTO; let suggestions: [SuggestionDTO]; let referrals: [ReferralDTO]; let enrolments: [EnrolmentDTO]
        init(_ f: LivelihoodRepository.SeekerFile, role: Role) {
            seeker = SeekerDTO(f.seeker); suggestions = f.suggestions.map(SuggestionDTO.init); referrals = f.referrals.map { ReferralDTO($0, role: role) }
            enrolments = f.enrolments.map { EnrolmentDTO($0, role: role) }
        }
    }
    struct CourseDTO: Content {
        let id: UUID; let ward: String; let title: String; let trade: String; let provider: String; let startsOn: String; let endsOn: String
        let places: Int; let cost: Int64; let enrolled: Int; let completed: Int
        init(_ c: Course) {
            id = c.id; ward = c.wardName; title = c.title; trade = c.trade; provider = c.provider; startsOn = c.startsOn.iso; endsOn = c.endsOn.iso
            places = c.places; cost = c.cost; enrolled = c.enrolled; completed = c.completed
        }
    }
    struct CourseFileDTO: Content {
        let course: CourseDTO; let learners: [EnrolmentDTO]
        init(_ c: (Course, [Enrolment]), role: Role) { course = CourseDTO(c.0); learners = c.1.map { EnrolmentDTO($0, role: role) } }
    }
    struct FollowUpDTO: Content {
        let enrolmentId: UUID; let courseId: UUID; let name: String; let course: String; let month: Int; let due: String
        init(_ d: FollowUpDue) {
            enrolmentId = d.enrolmentID; courseId = d.courseID; name = d.personName; course = d.courseTitle; month = d.month; due = d.due.iso
        }
    }
    struct EmployerDTO: Content {
        let id: UUID; let name: String; let sector: String; let address: String; let phone: String?; let group: String?; let vacancies: [VacancyDTO]
        init(_ e: Employer) {
            id = e.id; name = e.name; sector = e.sector; address = e.address; phone = e.phone; group = e.groupName; vacancies = e.vacancies.map(VacancyDTO.init)
        }
    }
    struct EventDTO: Content {
        let id: UUID; let kind: String; let title: String; let heldOn: String; let place: String; let partner: String; let attendees: [String]
        init(_ e: LivelihoodEvent) {
            id = e.id; kind = e.kind.rawValue; title = e.title; heldOn = e.heldOn.iso; place = e.place; partner = e.partner; attendees = e.attendees
        }
    }

    static var operations: [APIOperation] {
        let tag = "livelihood"
        return [
            APIOperation(
                .GET, .jobSeekers, "Job seekers of the caller's units, newest first; `q` searches names and skills", tag: tag,
                query: [("q", OpenAPI.text), ("status", ["type": "string", "enum": SeekerStatus.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "JobSeekerPage"),
            APIOperation(
                .POST, .jobSeekers, "Register a resident (by national ID, 15 or older) as a job seeker", tag: tag, request: "JobSeekerCreate",
                response: "JobSeekerFile", status: 201),
            APIOperation(
                .GET, .jobSeeker(nil), "One job seeker with the open vacancies suggested (and why), referrals and courses", tag: tag, response: "JobSeekerFile"),
            APIOperation(
                .POST, .jobSeekerReferrals(nil), "Refer the job seeker to an open vacancy", tag: tag, request: "JobReferralCreate", response: "JobReferral",
                status: 201),
            APIOperation(
                .POST, .jobReferralAction(nil, .interview), "Record the interview day", tag: tag, request: "JobReferralInterview", response: "JobReferral"),
            APIOperation(
                .POST, .jobReferralAction(nil, .hire), "Record the hire: start day and monthly wage (the seeker is placed)", tag: tag,
                request: "JobReferralHire", response: "JobReferral"),
            APIOperation(
                .POST, .jobReferralAction(nil, .decline), "Record that the referral came to nothing, with the reason", tag: tag,
                request: "JobReferralDecline", response: "JobReferral"),
            APIOperation(
                .GET, .courses, "Vocational courses of the caller's units, latest start first", tag: tag, query: OpenAPI.paging, response: "CoursePage"),
            APIOperation(.POST, .courses, "Create a vocational course of a ward", tag: tag, request: "CourseCreate", response: "CourseFile", status: 201),
            APIOperation(.GET, .course(nil), "One course with its learners, their support and outcomes", tag: tag, response: "CourseFile"),
            APIOperation(.GET, .courseFollowUps, "The course follow-ups due today or earlier and not yet recorded", tag: tag, response: "FollowUpList"),
            APIOperation(
                .POST, .courseEnrolments(nil), "Enrol a registered job seeker (by national ID); the state's support is priced from the rules", tag: tag,
                request: "EnrolmentCreate", response: "Enrolment", status: 201),
            APIOperation(
                .POST, .enrolmentAction(nil, .complete), "Complete the course: the day and the certificate", tag: tag, request: "EnrolmentComplete",
                response: "Enrolment"),
            APIOperation(
                .POST, .enrolmentAction(nil, .drop), "The learner left the course, with the reason", tag: tag, request: "EnrolmentDrop", response: "Enrolment"),
            APIOperation(
                .POST, .enrolmentOutcomes(nil), "Record the outcome at 3, 6 or 12 months after completion, once due", tag: tag, request: "OutcomeCreate",
                response: "Enrolment", status: 201),
            APIOperation(.GET, .employers, "Employers of the caller's units with their vacancies", tag: tag, query: OpenAPI.paging, response: "EmployerPage"),
            APIOperation(.POST, .employers, "Record an employer of a ward", tag: tag, request: "EmployerCreate", response: "Employer", status: 201),
            APIOperation(
                .POST, .employerVacancies(nil), "Open a vacancy of the employer", tag: tag, request: "VacancyCreate", response: "Vacancy", status: 201),
            APIOperation(
                .GET, .livelihoodEvents, "Counselling sessions and job fairs, latest first, with who came", tag: tag, query: OpenAPI.paging,
                response: "LivelihoodEventPage"),
            APIOperation(
                .POST, .livelihoodEvents, "Record a counselling session or job fair", tag: tag, request: "LivelihoodEventCreate", response: "LivelihoodEvent",
                status: 201),
            APIOperation(
                .POST, .livelihoodEventAttendance(nil), "Record that a resident (by national ID) came", tag: tag, request: "AttendanceCreate",
                response: "LivelihoodEvent", status: 201),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], int: [String: Any] = ["type": "integer"], uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let optStr: [String: Any] = ["type": ["string", "null"]], optInt: [String: Any] = ["type": ["integer", "null"]]
        let strings: [String: Any] = ["type": "array", "items": str]
        let nationalID: [String: Any] = ["type": "string", "pattern": "^[0-9]{12}$"]
        func text(_ max: Int) -> [String: Any] { ["type": "string", "maxLength": max] }
        let vacancy = OpenAPI.obj(
            [
                "id": uuid, "employer_id": uuid, "employer": str, "title": str, "skills": str, "places": int, "wage": int,
                "suits_mild_disability": ["type": "boolean"], "open": ["type": "boolean"],
            ], required: ["id", "employer_id", "title", "places", "wage", "open"])
        let referral = OpenAPI.obj(
            [
                "id": uuid, "seeker_id": uuid, "seeker": str, "vacancy": str, "employer": str,
                "status": ["type": "string", "enum": JobReferralLifecycle.State.allCases.map(\.rawValue)], "referred_on": str, "interview_on": optStr,
                "start_on": optStr, "wage": optInt, "reason": optStr, "actions": strings,
            ], required: ["id", "seeker_id", "status", "referred_on", "actions"])
        let enrolment = OpenAPI.obj(
            [
                "id": uuid, "course_id": uuid, "course": str, "seeker_id": uuid, "name": str,
                "status": ["type": "string", "enum": EnrolmentLifecycle.State.allCases.map(\.rawValue)],
                "group": ["type": "string", "enum": TrainingGroup.allCases.map(\.rawValue)], "support": int, "enrolled_on": str, "completed_on": optStr,
                "certificate": optStr, "reason": optStr,
                "outcomes": [
                    "type": "array",
                    "items": OpenAPI.obj(
                        ["month": int, "recorded_on": str, "status": str, "monthly_income": int], required: ["month", "status", "monthly_income"]),
                ],
                "pending": ["type": "array", "items": OpenAPI.obj(["month": int, "due": str], required: ["month", "due"])], "actions": strings,
            ], required: ["id", "course_id", "status", "group", "support", "outcomes", "pending", "actions"])
        let seeker = OpenAPI.obj(
            [
                "id": uuid, "person_id": uuid, "name": str, "birth_year": int, "disability_level": str, "ward": str, "group": optStr, "skills": str,
                "wishes": str, "constraints": str, "status": str, "registered_on": str,
            ], required: ["id", "person_id", "name", "skills", "status", "registered_on"])
        let course = OpenAPI.obj(
            [
                "id": uuid, "ward": str, "title": str, "trade": str, "provider": str, "starts_on": str, "ends_on": str, "places": int, "cost": int,
                "enrolled": int, "completed": int,
            ], required: ["id", "title", "starts_on", "ends_on", "places", "cost", "enrolled", "completed"])
        let event = OpenAPI.obj(
            [
                "id": uuid, "kind": ["type": "string", "enum": LivelihoodEventKind.allCases.map(\.rawValue)], "title": str, "held_on": str, "place": str,
                "partner": str, "attendees": strings,
            ], required: ["id", "kind", "title", "held_on", "attendees"])
        return [
            "JobSeeker": seeker, "JobSeekerPage": OpenAPI.page("JobSeeker"), "Vacancy": vacancy, "JobReferral": referral, "Enrolment": enrolment,
            "Course": course, "CoursePage": OpenAPI.page("Course"), "LivelihoodEvent": event, "LivelihoodEventPage": OpenAPI.page("LivelihoodEvent"),
            "JobSeekerFile": OpenAPI.obj(
                [
                    "seeker": OpenAPI.ref("JobSeeker"),
                    "suggestions": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["vacancy": OpenAPI.ref("Vacancy"), "score": int, "reasons": strings], required: ["vacancy", "score", "reasons"]),
                    ],
                    "referrals": ["type": "array", "items": OpenAPI.ref("JobReferral")], "enrolments": ["type": "array", "items": OpenAPI.ref("Enrolment")],
                ], required: ["seeker", "suggestions", "referrals", "enrolments"]),
            "CourseFile": OpenAPI.obj(
                ["course": OpenAPI.ref("Course"), "learners": ["type": "array", "items": OpenAPI.ref("Enrolment")]], required: ["course", "learners"]),
            "FollowUpList": [
                "type": "array",
                "items": OpenAPI.obj(
                    ["enrolment_id": uuid, "course_id": uuid, "name": str, "course": str, "month": int, "due": str],
                    required: ["enrolment_id", "course_id", "month", "due"]),
            ],
            "Employer": OpenAPI.obj(
                [
                    "id": uuid, "name": str, "sector": str, "address": str, "phone": optStr, "group": optStr,
                    "vacancies": ["type": "array", "items": OpenAPI.ref("Vacancy")],
                ], required: ["id", "name", "vacancies"]),
            "EmployerPage": OpenAPI.page("Employer"),
            "JobSeekerCreate": OpenAPI.request(
                ["national_id": nationalID, "skills": OpenAPI.name(300), "wishes": text(500), "constraints": text(500)], required: ["national_id", "skills"]),
            "JobReferralCreate": OpenAPI.request(["vacancy_id": uuid, "referred_on": OpenAPI.dateOrEmpty("today")], required: ["vacancy_id"]),
            "JobReferralInterview": OpenAPI.request(["interview_on": OpenAPI.date], required: ["interview_on"]),
            "JobReferralHire": OpenAPI.request(
                ["start_on": OpenAPI.date, "wage": ["type": "integer", "minimum": 1, "maximum": 1_000_000_000]], required: ["start_on", "wage"]),
            "JobReferralDecline": OpenAPI.request(["reason": OpenAPI.name(500)], required: ["reason"]),
            "CourseCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "title": OpenAPI.name(200), "trade": OpenAPI.name(100), "provider": OpenAPI.name(200),
                    "starts_on": OpenAPI.date, "ends_on": OpenAPI.date, "places": ["type": "integer", "minimum": 1, "maximum": 500],
                    "cost": ["type": "integer", "minimum": 0, "maximum": 100_000_000],
                ], required: ["unit", "title", "trade", "provider", "starts_on", "ends_on", "places", "cost"]),
            "EnrolmentCreate": OpenAPI.request(["national_id": nationalID, "enrolled_on": OpenAPI.dateOrEmpty("today")], required: ["national_id"]),
            "EnrolmentComplete": OpenAPI.request(["completed_on": OpenAPI.date, "certificate": text(60)], required: ["completed_on"]),
            "EnrolmentDrop": OpenAPI.request(["reason": OpenAPI.name(500)], required: ["reason"]),
            "OutcomeCreate": OpenAPI.request(
                [
                    "month": ["type": "integer", "enum": LivelihoodRules.shared.followUpMonths],
                    "status": ["type": "string", "enum": CourseOutcomeStatus.allCases.map(\.rawValue)],
                    "monthly_income": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000],
                ], required: ["month", "status", "monthly_income"]),
            "EmployerCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "group": text(50), "name": OpenAPI.name(200), "sector": OpenAPI.name(100), "address": OpenAPI.name(300),
                    "phone": ["type": "string", "maxLength": 20, "pattern": "^[0-9+ .()-]*$"],
                ], required: ["unit", "name", "sector", "address"]),
            "VacancyCreate": OpenAPI.request(
                [
                    "title": OpenAPI.name(200), "skills": text(300), "places": ["type": "integer", "minimum": 1, "maximum": 1000],
                    "wage": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000], "suits_mild_disability": ["type": "boolean"],
                ], required: ["title", "places", "wage"]),
            "LivelihoodEventCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "kind": ["type": "string", "enum": LivelihoodEventKind.allCases.map(\.rawValue)], "title": OpenAPI.name(200),
                    "held_on": OpenAPI.date, "place": OpenAPI.name(200), "partner": text(200),
                ], required: ["unit", "kind", "title", "held_on", "place"]),
            "AttendanceCreate": OpenAPI.request(["national_id": nationalID], required: ["national_id"]),
        ]
    }
}
