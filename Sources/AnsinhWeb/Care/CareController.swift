import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Residential care in the browser: the residents, an admission, one resident and its forms,
/// the handover, rooms and occupancy.
struct CareController {
    func register(authed: any RoutesBuilder) {
        authed.get(.care, use: list)
        authed.get(.careAdmit, use: admitForm)
        authed.post(.careAdmit, use: admit)
        authed.get(.careResident(nil), use: resident)
        authed.post(.careBed(nil), use: bed)
        authed.post(.careDischarge(nil), use: discharge)
        authed.post(.careHold(nil), use: hold)
        authed.post(.careLog(nil), use: log)
        authed.post(.carePrescriptions(nil), use: prescribe)
        authed.post(.careDoses(nil), use: dose)
        authed.get(.careHandover, use: handover)
        authed.get(.careRooms, use: rooms)
        authed.post(.careRooms, use: addRoom)
    }

    struct AdmitForm: Content {
        var national_id: String?; var full_name: String?; var gender: String?; var birth_date: String?; var basis: String?
        var decision_number: String?; var decision_date: String?; var decision_signer: String?; var referral_source: String?
        var admitted_on: String?; var bed_id: String?; var case_id: String?; var unit_id: String?
        var values: [String: String] {
            [
                "national_id": national_id, "full_name": full_name, "gender": gender, "birth_date": birth_date, "basis": basis,
                "decision_number": decision_number, "decision_date": decision_date, "decision_signer": decision_signer,
                "referral_source": referral_source, "admitted_on": admitted_on, "bed_id": bed_id, "unit_id": unit_id,
            ].compactMapValues { $0 }
        }
    }
    struct BedForm: Content { var bed_id: String?; var from: String? }
    struct DischargeForm: Content { var reason: String?; var discharged_on: String?; var note: String?; var after_care_months: String? }
    struct LogForm: Content { var day: String?; var shift: String?; var kind: String?; var note: String? }
    struct PrescriptionForm: Content {
        var drug: String?; var dose: String?; var times: String?; var from: String?; var until: String?; var prescriber: String?
    }
    struct DoseForm: Content { var day: String?; var time: String?; var status: String?; var note: String? }
    struct RoomForm: Content { var department_id: String?; var code: String?; var sex: String?; var beds: String? }

    /// A chosen record's id from a form or a body; an empty value is none.
    static func uuid(_ s: String?, _ field: String) throws -> UUID? {
        guard let s, !s.isEmpty else { return nil }
        guard let id = UUID(uuidString: s) else { throw AppError.invalid(field, "validation.choice") }
        return id
    }

    static func admission(_ f: AdmitForm) throws -> AdmissionInput {
        var a = AdmissionInput()
        a.unitID = try uuid(f.unit_id, "unit_id"); a.nationalID = f.national_id ?? ""; a.fullName = f.full_name ?? ""; a.gender = f.gender ?? ""
        a.birthDate = f.birth_date ?? ""; a.basis = f.basis ?? ""; a.decisionNumber = f.decision_number ?? ""; a.decisionDate = f.decision_date ?? ""
        a.decisionSigner = f.decision_signer ?? ""; a.referralSource = f.referral_source ?? ""; a.admittedOn = f.admitted_on ?? ""
        a.bedID = try uuid(f.bed_id, "bed_id"); a.caseID = try uuid(f.case_id, "case_id")
        return a
    }

    func list(req: Request) async throws -> HTMLResponse { HTMLResponse(CarePage.render(PageContext(req), try await CarePage.model(for: req))) }

    func admitForm(req: Request) async throws -> HTMLResponse {
        HTMLResponse(AdmitPage.render(PageContext(req), try await AdmitPage.model(for: req)))
    }

    func admit(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.admitResidents)
        let f = try req.content.decode(AdmitForm.self)
        do {
            let id = try await CareRepository(req.store).admit(actor, try Self.admission(f), today: req.today)
            req.flash(.success, Message("care.admitted"))
            return req.redirect(to: SiteRoute.careResident(id).path)
        } catch AppError.validation(let errors) {
            let page = AdmitPage.render(PageContext(req), try await AdmitPage.model(for: req, errors: errors, values: f.values))
            return HTMLResponse(page, status: .unprocessableEntity).response()
        }
    }

    func resident(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ResidentPage.render(PageContext(req), try await ResidentPage.model(for: req)))
    }

    func bed(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(BedForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path, success: Message("care.bed_assigned")) {
            guard let bed = try Self.uuid(f.bed_id, "bed_id") else { throw AppError.invalid("bed_id", "validation.required") }
            try await CareRepository(req.store).assignBed(actor, residentID: id, bedID: bed, from: f.from ?? "", today: req.today)
        }
    }

    /// The after-care months of a discharge form: empty is none.
    static func months(_ text: String?) throws -> Int {
        let t = (text ?? "").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return 0 }
        guard t.count <= 3, let n = Int(t) else { throw AppError.invalid("after_care_months", "validation.number") }
        return n
    }

    func discharge(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(DischargeForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path, success: Message("care.discharged")) {
            try await CareRepository(req.store).discharge(
                actor, residentID: id, reason: f.reason ?? "", on: f.discharged_on ?? "", note: f.note ?? "",
                afterCareMonths: try Self.months(f.after_care_months), today: req.today)
        }
    }

    /// Puts the resident's record under legal hold (a reason given) or releases it (none).
    func hold(req: Request) async throws -> Response {
        try await RetentionSection.hold(req, CareResidentModel.self, back: { SiteRoute.careResident($0) })
    }

    func log(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(LogForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path, success: Message("care.log_saved")) {
            try await CareRepository(req.store).recordLog(
                actor, residentID: id, day: f.day ?? "", shift: f.shift ?? "", kind: f.kind ?? "", note: f.note ?? "", today: req.today)
        }
    }

    func prescribe(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(PrescriptionForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path, success: Message("care.prescribed")) {
            _ = try await CareRepository(req.store).prescribe(
                actor, residentID: id, drug: f.drug ?? "", dose: f.dose ?? "", times: f.times ?? "", from: f.from ?? "", until: f.until ?? "",
                prescriber: f.prescriber ?? "", today: req.today)
        }
    }

    func dose(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(DoseForm.self)
        let resident = try await CarePrescriptionModel.find(id, on: req.store.db)?.residentID
        return try await req.perform(back: resident.map { SiteRoute.careResident($0).path } ?? SiteRoute.care.path, success: Message("care.dose_saved")) {
            try await CareRepository(req.store).recordDose(
                actor, prescriptionID: id, day: f.day ?? "", time: f.time ?? "", status: f.status ?? "", note: f.note ?? "", today: req.today)
        }
    }

    func handover(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HandoverPage.render(PageContext(req), try await HandoverPage.model(for: req)))
    }

    func rooms(req: Request) async throws -> HTMLResponse { HTMLResponse(RoomsPage.render(PageContext(req), try await RoomsPage.model(for: req))) }

    func addRoom(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.admitResidents)
        let f = try req.content.decode(RoomForm.self)
        return try await req.perform(back: SiteRoute.careRooms.path, success: Message("care.room_added")) {
            let beds = try f.beds.map { b -> Int in
                guard let n = Int(b.trimmingCharacters(in: .whitespaces)) else { throw AppError.invalid("beds", "validation.number") }
                return n
            }
            _ = try await CareRepository(req.store).addRoom(
                actor, departmentID: try Self.uuid(f.department_id, "department_id"), code: f.code ?? "", sex: f.sex ?? "", beds: beds)
        }
    }
}

/// A resident's schooling, training and job in the browser and the API.
struct EducationController {
    func register(authed: any RoutesBuilder) {
        authed.post(.careEducation(nil), use: education)
        authed.post(.carePlacements(nil), use: placement)
    }

    struct EducationForm: Content {
        var kind: String?; var institution: String?; var course: String?; var from: String?; var until: String?; var result: String?
    }
    struct PlacementForm: Content { var employer: String?; var job: String?; var started_on: String?; var monthly_wage: String? }

    func education(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(EducationForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path, success: Message("care.education_saved")) {
            try await CareRepository(req.store).recordEducation(
                actor, residentID: id, kind: f.kind ?? "", institution: f.institution ?? "", course: f.course ?? "", from: f.from ?? "",
                until: f.until ?? "", result: f.result ?? "", today: req.today)
        }
    }

    func placement(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(PlacementForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path, success: Message("care.placement_saved")) {
            try await CareRepository(req.store).recordPlacement(
                actor, residentID: id, employer: f.employer ?? "", job: f.job ?? "", startedOn: f.started_on ?? "", monthlyWage: f.monthly_wage ?? "",
                today: req.today)
        }
    }
}
