import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Jobs and training: the job seekers (and the registration form), one seeker with the
/// vacancies suggested and their referrals; courses, one course with its learners; employers
/// and vacancies; counselling sessions and job fairs.
struct LivelihoodController {
    struct SeekerForm: Content { var national_id: String?; var skills: String?; var wishes: String?; var constraints: String? }
    struct CourseForm: Content {
        var unit: String?; var title: String?; var trade: String?; var provider: String?; var starts_on: String?; var ends_on: String?
        var places: String?; var cost: String?
    }
    struct EmployerForm: Content {
        var unit: String?; var group: String?; var name: String?; var sector: String?; var address: String?; var phone: String?
    }
    struct VacancyForm: Content { var title: String?; var skills: String?; var places: String?; var wage: String?; var suits_mild_disability: String? }
    struct EventForm: Content { var unit: String?; var kind: String?; var title: String?; var held_on: String?; var place: String?; var partner: String? }
    struct ReferForm: Content { var vacancy_id: String?; var referred_on: String? }
    struct ReferralStepForm: Content { var step: String?; var date: String?; var wage: String?; var reason: String? }
    struct EnrolForm: Content { var national_id: String?; var enrolled_on: String? }
    struct EnrolmentStepForm: Content { var step: String?; var completed_on: String?; var certificate: String?; var reason: String? }
    struct OutcomeForm: Content { var month: String?; var status: String?; var monthly_income: String? }
    struct AttendForm: Content { var national_id: String? }

    /// A count typed in a form (places, months); nil when it is not a whole number (the
    /// repository then names the field and the range). Amounts in đồng are read by
    /// `ImportTable.dong`, which takes "6.500.000" as officers write it.
    static func count(_ raw: String?) -> Int? { raw.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func register(authed: any RoutesBuilder) {
        authed.get(.livelihood) { req in try await SeekersPage.response(req, form: SeekerForm(), errors: []) }
        authed.post(.livelihood) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(SeekerForm.self)
            var input = SeekerInput()
            input.nationalID = f.national_id ?? ""; input.skills = f.skills ?? ""; input.wishes = f.wishes ?? ""; input.constraints = f.constraints ?? ""
            do {
                let id = try await LivelihoodRepository(req.store).register(actor, input, today: req.today)
                req.flash(.success, Message("livelihood.seeker_registered"))
                return req.redirect(to: SiteRoute.livelihoodSeeker(id).path)
            } catch AppError.validation(let errors) {
                return try await SeekersPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        authed.get(.livelihoodSeeker(nil)) { req in HTMLResponse(SeekerPage.render(PageContext(req), try await SeekerPage.model(for: req))) }
        authed.post(.livelihoodRefer(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(ReferForm.self)
            return try await req.perform(back: SiteRoute.livelihoodSeeker(id).path, success: Message("livelihood.referred")) {
                _ = try await LivelihoodRepository(req.store).refer(
                    actor, seekerID: id, vacancyID: UUID(uuidString: f.vacancy_id ?? ""), referredOn: f.referred_on ?? "", today: req.today)
            }
        }
        authed.post(.livelihoodReferralStep(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(ReferralStepForm.self)
            let seeker = try await req.store.scoped(JobReferralModel.self, id, actor).seekerID
            let t = JobReferralLifecycle.Transition(rawValue: f.step ?? "")
            return try await req.perform(back: SiteRoute.livelihoodSeeker(seeker).path, success: t.map { Message("livelihood.referral_done.\($0.rawValue)") }) {
                guard let t else { throw AppError.invalid("step", "validation.choice") }
                try await LivelihoodRepository(req.store).step(
                    actor, referral: id, t, date: f.date ?? "", wage: f.wage.flatMap { $0.isEmpty ? nil : ImportTable.dong($0) ?? -1 }, reason: f.reason ?? "")
            }
        }
        registerTraining(authed)
        registerEmployers(authed)
        registerLoans(authed)
        registerBusiness(authed)
    }

    func registerTraining(_ authed: any RoutesBuilder) {
        authed.get(.livelihoodCourses) { req in try await CoursesPage.response(req, form: CourseForm(), errors: []) }
        authed.post(.livelihoodCourses) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(CourseForm.self)
            var input = CourseInput()
            input.unitCode = f.unit ?? ""; input.title = f.title ?? ""; input.trade = f.trade ?? ""; input.provider = f.provider ?? ""
            input.startsOn = f.starts_on ?? ""; input.endsOn = f.ends_on ?? ""; input.places = Self.count(f.places);
            input.cost = f.cost.flatMap(ImportTable.dong)
            do {
                let id = try await LivelihoodRepository(req.store).createCourse(actor, input)
                req.flash(.success, Message("livelihood.course_created"))
                return req.redirect(to: SiteRoute.livelihoodCourse(id).path)
            } catch AppError.validation(let errors) {
                return try await CoursesPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        authed.get(.livelihoodCourse(nil)) { req in HTMLResponse(CoursePage.render(PageContext(req), try await CoursePage.model(for: req))) }
        authed.post(.livelihoodEnrol(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(EnrolForm.self)
            return try await req.perform(back: SiteRoute.livelihoodCourse(id).path, success: Message("livelihood.enrolled")) {
                _ = try await LivelihoodRepository(req.store).enrol(
                    actor, courseID: id, nationalID: f.national_id ?? "", enrolledOn: f.enrolled_on ?? "", today: req.today)
            }
        }
        authed.post(.livelihoodEnrolmentStep(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(EnrolmentStepForm.self)
            let course = try await req.store.scoped(EnrolmentModel.self, id, actor).courseID
            let t = EnrolmentLifecycle.Transition(rawValue: f.step ?? "")
            return try await req.perform(back: SiteRoute.livelihoodCourse(course).path, success: t.map { Message("livelihood.enrolment_done.\($0.rawValue)") })
            {
                guard let t else { throw AppError.invalid("step", "validation.choice") }
                try await LivelihoodRepository(req.store).step(
                    actor, enrolment: id, t, completedOn: f.completed_on ?? "", certificate: f.certificate ?? "", reason: f.reason ?? "", today: req.today)
            }
        }
        authed.post(.livelihoodOutcome(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(OutcomeForm.self)
            let course = try await req.store.scoped(EnrolmentModel.self, id, actor).courseID
            return try await req.perform(back: SiteRoute.livelihoodCourse(course).path, success: Message("livelihood.outcome_recorded")) {
                try await LivelihoodRepository(req.store).recordOutcome(
                    actor, enrolment: id, month: Self.count(f.month), status: f.status ?? "", income: f.monthly_income.flatMap(ImportTable.dong),
                    today: req.today)
            }
        }
    }

    func registerEmployers(_ authed: any RoutesBuilder) {
        authed.get(.livelihoodEmployers) { req in try await EmployersPage.response(req, form: EmployerForm(), errors: []) }
        authed.post(.livelihoodEmployers) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(EmployerForm.self)
            var input = EmployerInput()
            input.unitCode = f.unit ?? ""; input.groupCode = f.group ?? ""; input.name = f.name ?? ""; input.sector = f.sector ?? ""
            input.address = f.address ?? ""; input.phone = f.phone ?? ""
            do {
                _ = try await LivelihoodRepository(req.store).createEmployer(actor, input)
                req.flash(.success, Message("livelihood.employer_created"))
                return req.redirect(to: SiteRoute.livelihoodEmployers.path)
            } catch AppError.validation(let errors) {
                return try await EmployersPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        authed.post(.livelihoodVacancy(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(VacancyForm.self)
            var input = VacancyInput()
            input.title = f.title ?? ""; input.skills = f.skills ?? ""; input.places = Self.count(f.places); input.wage = f.wage.flatMap(ImportTable.dong)
            input.suitsMildDisability = f.suits_mild_disability != nil
            return try await req.perform(back: SiteRoute.livelihoodEmployers.path, success: Message("livelihood.vacancy_created")) {
                _ = try await LivelihoodRepository(req.store).addVacancy(actor, employerID: id, input, today: req.today)
            }
        }
        authed.get(.livelihoodEvents) { req in try await EventsPage.response(req, form: EventForm(), errors: []) }
        authed.post(.livelihoodEvents) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(EventForm.self)
            var input = EventInput()
            input.unitCode = f.unit ?? ""; input.kind = f.kind ?? ""; input.title = f.title ?? ""; input.heldOn = f.held_on ?? ""
            input.place = f.place ?? ""; input.partner = f.partner ?? ""
            do {
                _ = try await LivelihoodRepository(req.store).createEvent(actor, input, today: req.today)
                req.flash(.success, Message("livelihood.event_created"))
                return req.redirect(to: SiteRoute.livelihoodEvents.path)
            } catch AppError.validation(let errors) {
                return try await EventsPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        authed.post(.livelihoodAttend(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(AttendForm.self)
            return try await req.perform(back: SiteRoute.livelihoodEvents.path, success: Message("livelihood.attended")) {
                try await LivelihoodRepository(req.store).attend(actor, eventID: id, nationalID: f.national_id ?? "")
            }
        }
    }
}
