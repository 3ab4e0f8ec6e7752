import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Education support: the schools and the children with no school recorded (and the forms of a
/// new school and a pupil); one school's list for a school year, worked out again, exported;
/// one line of it and what the school did with it.
struct EducationSupportController {
    struct SchoolForm: Content {
        var unit: String?; var name: String?; var level: String?; var ownership: String?; var address: String?; var contact: String?
    }
    struct PupilForm: Content { var person_id: String?; var national_id: String?; var school_id: String?; var school_year: String?; var grade: String? }
    struct ListForm: Content { var school_year: String? }
    struct StepForm: Content { var step: String?; var applied_on: String?; var reason: String? }

    /// The school year asked for: `?year=` on the pages, `?school_year=` in the API (the starting
    /// year), else today's.
    static func year(_ req: Request, parameter: String = "year") throws -> SchoolYear {
        SchoolYear(try req.queryInt(parameter, in: EducationRepository.years(today: req.today)) ?? SchoolYear.of(req.today).start)
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.education) { req in try await EducationPage.response(req, school: SchoolForm(), pupil: PupilForm(), errors: []) }
        authed.post(.education) { req in
            let actor = try req.requireActor()
            try actor.require(.manageEducation)
            let f = try req.content.decode(SchoolForm.self)
            var input = SchoolInput()
            input.unitCode = f.unit ?? ""; input.name = f.name ?? ""; input.level = f.level ?? ""; input.ownership = f.ownership ?? ""
            input.address = f.address ?? ""; input.contact = f.contact ?? ""
            do {
                let id = try await EducationRepository(req.store).addSchool(actor, input)
                req.flash(.success, Message("education.school_added"))
                return req.redirect(to: SiteRoute.educationSchool(id).path)
            } catch AppError.validation(let errors) {
                return try await EducationPage.response(req, school: f, pupil: PupilForm(), errors: errors, status: .unprocessableEntity)
            }
        }
        authed.post(.educationPupils) { req in
            let actor = try req.requireActor()
            try actor.require(.manageEducation)
            let f = try req.content.decode(PupilForm.self)
            var input = PupilInput()
            input.personID = f.person_id.flatMap(UUID.init(uuidString:)); input.nationalID = f.national_id ?? ""
            input.schoolID = f.school_id.flatMap(UUID.init(uuidString:)); input.schoolYear = f.school_year.flatMap { Int($0) }; input.grade = f.grade ?? ""
            do {
                _ = try await EducationRepository(req.store).recordPupil(actor, input, today: req.today)
                req.flash(.success, Message("education.pupil_recorded"))
                return req.redirect(to: SiteRoute.educationSchool(input.schoolID!).path(query: [("year", "\(input.schoolYear!)")]))
            } catch AppError.validation(let errors) {
                return try await EducationPage.response(req, school: SchoolForm(), pupil: f, errors: errors, status: .unprocessableEntity)
            }
        }
        authed.get(.educationSchool(nil)) { req in try await SchoolPage.response(req) }
        authed.post(.educationSchoolList(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageEducation)
            let id = try req.idParameter()
            let f = try req.content.decode(ListForm.self)
            let year = f.school_year.flatMap { Int($0) }
            let back = SiteRoute.educationSchool(id).path(query: year.map { [("year", "\($0)")] } ?? [])
            return try await req.performShowing(back: back) {
                let r = try await EducationRepository(req.store).refresh(actor, school: id, year: year, today: req.today)
                return (back, Message("education.list_done", ["added": "\(r.added)", "changed": "\(r.changed)", "removed": "\(r.removed)"]))
            }
        }
        // The list to agree with the school: one row per pupil supported, as the school's form has it.
        authed.get(.educationSchoolExport(nil)) { req in
            let actor = try req.requireActor()
            let year = try Self.year(req)
            let lines = try await EducationRepository(req.store).allLines(actor, school: try req.idParameter(), year: year)
            let rows = lines.enumerated().map { n, l in
                [
                    "\(n + 1)", l.name, l.birth, l.householdCode, l.grade, l.schoolYear.label, l.tuition.rawValue, "\(l.tuitionPercent)",
                    l.tuitionGrounds.map(\.rawValue).joined(separator: ";"), "\(l.learningCost)", l.learningCostGrounds.map(\.rawValue).joined(separator: ";"),
                    l.status.rawValue, l.appliedOn ?? "",
                ]
            }
            return try await Spreadsheet.response(
                req,
                header: [
                    "stt", "ho_ten", "ngay_sinh", "ma_ho", "lop", "nam_hoc", "hoc_phi", "ty_le_mien_giam", "doi_tuong_mien_giam", "ho_tro_chi_phi_hoc_tap",
                    "doi_tuong_ho_tro", "trang_thai", "ngay_ap_dung",
                ], rows: rows, baseName: "mien-giam-hoc-phi-\(year.start)")
        }
        authed.get(.educationSupport(nil)) { req in
            let actor = try req.requireActor()
            let line = try await EducationRepository(req.store).support(actor, id: try req.idParameter())
            let model = SupportPage.Model(
                line: line, steps: EducationSupportLifecycle.available(from: line.status, role: actor.role), today: req.today)
            return HTMLResponse(SupportPage.render(PageContext(req), model))
        }
        authed.post(.educationSupportStep(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageEducation)
            let id = try req.idParameter()
            let f = try req.content.decode(StepForm.self)
            let t = EducationSupportLifecycle.Transition(rawValue: f.step ?? "")
            return try await req.perform(back: SiteRoute.educationSupport(id).path, success: t.map { Message("education.done.\($0.rawValue)") }) {
                guard let t else { throw AppError.invalid("step", "validation.choice") }
                try await EducationRepository(req.store).step(actor, support: id, t, date: f.applied_on ?? "", reason: f.reason ?? "", today: req.today)
            }
        }
    }
}
