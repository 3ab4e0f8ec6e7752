import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the care pages: residents and admissions, one resident (its health-class
/// records only for a role allowed them), beds, discharge, the daily log, prescriptions and
/// doses, the handover, rooms and occupancy. Same repository calls as the forms; own DTOs.
struct CareAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.careResidents), use: residents)
        api.post(.api(.careResidents), use: admit)
        api.get(.api(.careResident(nil)), use: resident)
        api.post(.api(.careBed(nil)), use: bed)
        api.post(.api(.careDischarge(nil)), use: discharge)
        api.post(.api(.careHold(nil)), use: hold)
        api.post(.api(.careLog(nil)), use: log)
        api.post(.api(.carePrescriptions(nil)), use: prescribe)
        api.post(.api(.careDoses(nil)), use: dose)
        api.get(.api(.careHandover), use: handover)
        api.get(.api(.careRooms), use: rooms)
        api.post(.api(.careRooms), use: addRoom)
        api.get(.api(.careOccupancy), use: occupancy)
        api.post(.api(.careHealth(nil)), use: health)
    }

    struct ResidentDTO: Content {
        let id: UUID; let fullName: String; let gender: String; let birthDate: String; let basis: String; let stay: String
        let admittedOn: String; let status: String; let bed: String?
        init(_ r: ResidentRow) {
            id = r.id; fullName = r.fullName; gender = r.gender; birthDate = r.birthDate.iso; basis = r.basis.rawValue; stay = r.stay.rawValue
            admittedOn = r.admittedOn.iso; status = r.status.rawValue; bed = r.bed
        }
    }
    struct StayDTO: Content { let bed: String; let from: String; let until: String? }
    struct LogDTO: Content { let day: String; let shift: String; let kind: String; let note: String; let recordedBy: String }
    struct PrescriptionDTO: Content {
        let id: UUID; let drug: String; let dose: String; let times: [String]; let from: String; let until: String?; let prescriber: String
    }
    struct DoseDTO: Content { let prescriptionId: UUID; let day: String; let time: String; let status: String?; let note: String? }
    struct ResidentDetailDTO: Content {
        let resident: ResidentDTO; let linkedToRegistry: Bool; let decisionNumber: String; let decisionDate: String; let decisionSigner: String
        let referralSource: String; let caseId: UUID?; let dischargedOn: String?; let dischargeReason: String?; let beds: [StayDTO]; let log: [LogDTO]
        /// Null for a role without the health class.
        let prescriptions: [PrescriptionDTO]?
        let doses: [DoseDTO]?
        /// The health record; null for a role without the health class.
        let health: [HealthDTO]?
        let actions: [String]
        /// Retention: when the record was anonymised; the legal hold keeping it whole.
        let anonymisedAt: Date?
        let legalHold: String?
    }
    struct HealthDTO: Content {
        let kind: String; let day: String; let untilDay: String?; let provider: String; let summary: String; let followUpOn: String?
        let recordedBy: String
    }
    struct Health: Content {
        let kind: String; let day: String; let untilDay: String?; let provider: String; let summary: String; let followUpOn: String?
    }
    struct Admission: Content {
        let unitId: UUID?; let nationalId: String?; let fullName: String?; let gender: String?; let birthDate: String?; let basis: String
        let decisionNumber: String; let decisionDate: String; let decisionSigner: String; let referralSource: String; let admittedOn: String
        let bedId: UUID?; let caseId: UUID?
    }
    struct BedChange: Content { let bedId: UUID; let from: String }
    struct Discharge: Content { let reason: String; let dischargedOn: String; let note: String?; let afterCareMonths: Int? }
    struct LogLine: Content { let day: String; let shift: String; let kind: String; let note: String }
    struct Prescription: Content { let drug: String; let dose: String; let times: String; let from: String; let until: String?; let prescriber: String }
    struct Dose: Content { let day: String; let time: String; let status: String; let note: String? }
    struct Room: Content { let departmentId: UUID; let code: String; let sex: String; let beds: Int }
    struct HandoverDTO: Content {
        let residentId: UUID; let residentName: String; let drug: String; let dose: String; let day: String; let time: String; let status: String?
        let note: String?
    }
    struct BedDTO: Content { let id: UUID; let code: String; let occupant: String?; let residentId: UUID? }
    struct RoomDTO: Content { let id: UUID; let department: String; let code: String; let sex: String; let beds: [BedDTO] }
    struct OccupancyDTO: Content {
        struct Line: Content { let department: String; let beds: Int; let occupied: Int }
        let day: String; let residents: Int; let withoutBed: Int; let byDepartment: [Line]; let bySex: [String: Int]; let byAgeGroup: [String: Int]
    }

    func residents(req: Request) async throws -> APIJSON<APIPage<ResidentDTO>> {
        let a = try req.requireActor()
        let s = try req.queryChoice("status", ResidentLifecycle.State.self)
        let q = req.query[String.self, at: "q"]
        try APIInput.limit([("q", q, 100)])
        return APIJSON(APIPage(try await CareRepository(req.store).residents(a, status: s, query: q, page: try req.pageSpec).map(ResidentDTO.init)))
    }

    func detail(_ req: Request, _ id: UUID) async throws -> ResidentDetailDTO {
        let a = try req.requireActor()
        let r = try await CareRepository(req.store).resident(a, id: id, today: req.today)
        return ResidentDetailDTO(
            resident: ResidentDTO(r.row), linkedToRegistry: r.personID != nil, decisionNumber: r.decisionNumber, decisionDate: r.decisionDate.iso,
            decisionSigner: r.decisionSigner, referralSource: r.referralSource, caseId: r.caseID, dischargedOn: r.dischargedOn?.iso,
            dischargeReason: r.dischargeReason?.rawValue, beds: r.beds.map { StayDTO(bed: $0.bed, from: $0.from.iso, until: $0.until?.iso) },
            log: r.log.map { LogDTO(day: $0.day.iso, shift: $0.shift.rawValue, kind: $0.kind.rawValue, note: $0.note, recordedBy: $0.recordedBy) },
            prescriptions: r.prescriptions?.map {
                PrescriptionDTO(id: $0.id, drug: $0.drug, dose: $0.dose, times: $0.times, from: $0.from.iso, until: $0.until?.iso, prescriber: $0.prescriber)
            },
            doses: r.doses?.map { DoseDTO(prescriptionId: $0.prescriptionID, day: $0.day.iso, time: $0.time, status: $0.status?.rawValue, note: $0.note) },
            health: r.health?.map {
                HealthDTO(
                    kind: $0.kind.rawValue, day: $0.day.iso, untilDay: $0.untilDay?.iso, provider: $0.provider, summary: $0.summary,
                    followUpOn: $0.followUpOn?.iso, recordedBy: $0.recordedBy)
            },
            actions: ResidentLifecycle.available(from: r.row.status, role: a.role).map(\.rawValue), anonymisedAt: r.anonymisedAt, legalHold: r.legalHold)
    }

    /// Legal hold against retention: a reason sets it, null releases it.
    func hold(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        APIJSON(try await detail(req, try await RetentionSection.holdJSON(req, CareResidentModel.self)))
    }

    func resident(req: Request) async throws -> APIJSON<ResidentDetailDTO> { APIJSON(try await detail(req, try req.idParameter())) }

    func admit(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor()
        try a.require(.admitResidents)
        let b = try req.json(Admission.self)
        try APIInput.limit([
            ("national_id", b.nationalId, 20), ("full_name", b.fullName, 120), ("decision_number", b.decisionNumber, 60),
            ("decision_signer", b.decisionSigner, 120), ("referral_source", b.referralSource, 200),
        ])
        var i = AdmissionInput()
        i.unitID = b.unitId; i.nationalID = b.nationalId ?? ""; i.fullName = b.fullName ?? ""; i.gender = b.gender ?? ""; i.birthDate = b.birthDate ?? ""
        i.basis = b.basis; i.decisionNumber = b.decisionNumber; i.decisionDate = b.decisionDate; i.decisionSigner = b.decisionSigner
        i.referralSource = b.referralSource; i.admittedOn = b.admittedOn; i.bedID = b.bedId; i.caseID = b.caseId
        let id = try await CareRepository(req.store).admit(a, i, today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func bed(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(BedChange.self)
        try await CareRepository(req.store).assignBed(a, residentID: id, bedID: b.bedId, from: b.from, today: req.today)
        return APIJSON(try await detail(req, id))
    }

    func discharge(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Discharge.self)
        try await CareRepository(req.store).discharge(
            a, residentID: id, reason: b.reason, on: b.dischargedOn, note: b.note ?? "", afterCareMonths: b.afterCareMonths ?? 0, today: req.today)
        return APIJSON(try await detail(req, id))
    }

    func log(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(LogLine.self)
        try await CareRepository(req.store).recordLog(a, residentID: id, day: b.day, shift: b.shift, kind: b.kind, note: b.note, today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func prescribe(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Prescription.self)
        try APIInput.limit([("times", b.times, 100)])
        _ = try await CareRepository(req.store).prescribe(
            a, residentID: id, drug: b.drug, dose: b.dose, times: b.times, from: b.from, until: b.until ?? "", prescriber: b.prescriber, today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func dose(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Dose.self)
        try APIInput.limit([("time", b.time, 5)])
        try await CareRepository(req.store).recordDose(a, prescriptionID: id, day: b.day, time: b.time, status: b.status, note: b.note ?? "", today: req.today)
        guard let p = try await CarePrescriptionModel.find(id, on: req.store.db) else { throw AppError.notFound }
        return APIJSON(try await detail(req, p.residentID), status: .created)
    }

    func health(req: Request) async throws -> APIJSON<ResidentDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Health.self)
        try APIInput.limit([("provider", b.provider, 200), ("summary", b.summary, 4000)])
        try await CareRepository(req.store).recordHealth(
            a, residentID: id, kind: b.kind, day: b.day, untilDay: b.untilDay ?? "", provider: b.provider, summary: b.summary,
            followUpOn: b.followUpOn ?? "", today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func handover(req: Request) async throws -> APIJSON<[HandoverDTO]> {
        let a = try req.requireActor()
        let day = try req.queryDate("day") ?? req.today
        let shift = try req.queryChoice("shift", Shift.self) ?? .morning
        return APIJSON(
            try await CareRepository(req.store).handover(a, day: day, shift: shift).map {
                HandoverDTO(
                    residentId: $0.residentID, residentName: $0.residentName, drug: $0.drug, dose: $0.dose, day: $0.day.iso, time: $0.time,
                    status: $0.status?.rawValue, note: $0.note)
            })
    }

    func rooms(req: Request) async throws -> APIJSON<[RoomDTO]> {
        let a = try req.requireActor()
        return APIJSON(
            try await CareRepository(req.store).rooms(a, on: try req.queryDate("day") ?? req.today).map { r in
                RoomDTO(
                    id: r.id, department: r.department, code: r.code, sex: r.sex,
                    beds: r.beds.map { BedDTO(id: $0.id, code: $0.code, occupant: $0.occupant, residentId: $0.occupantID) })
            })
    }

    func addRoom(req: Request) async throws -> APIJSON<[RoomDTO]> {
        let a = try req.requireActor()
        try a.require(.admitResidents)
        let b = try req.json(Room.self)
        try APIInput.limit([("code", b.code, 30)])
        _ = try await CareRepository(req.store).addRoom(a, departmentID: b.departmentId, code: b.code, sex: b.sex, beds: b.beds)
        let list = try await rooms(req: req)
        return APIJSON(list.value, status: .created)
    }

    func occupancy(req: Request) async throws -> APIJSON<OccupancyDTO> {
        let a = try req.requireActor()
        let o = try await CareRepository(req.store).occupancy(a, on: try req.queryDate("day") ?? req.today)
        return APIJSON(
            OccupancyDTO(
                day: o.day.iso, residents: o.residents, withoutBed: o.withoutBed,
                byDepartment: o.byDepartment.map { .init(department: $0.department, beds: $0.beds, occupied: $0.occupied) }, bySex: o.bySex,
                byAgeGroup: Dictionary(uniqueKeysWithValues: o.byAgeGroup.map { ($0.key.rawValue, $0.value) })))
    }
}
