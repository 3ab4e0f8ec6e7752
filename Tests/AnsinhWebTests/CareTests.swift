import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The centre's residents: the allowance follows the stay without a gap or a double month, a
/// bed holds one resident even under racing requests, and the missed dose reaches the next
/// shift's handover.
@Suite("Residential care")
struct CareTests {
    static func department(_ store: Store, _ n: Int = 1) async throws -> UUID { try await UnitRepository(store).find(code: "22-TTTGXH-P\(n)")!.id }

    static func admission(name: String, birth: String, basis: AdmissionBasis, on day: String, nationalID: String = "") -> AdmissionInput {
        var a = AdmissionInput()
        a.fullName = name; a.gender = "female"; a.birthDate = birth; a.basis = basis.rawValue; a.nationalID = nationalID
        a.decisionNumber = "TN-\(name.count)/QĐ"; a.decisionDate = day; a.decisionSigner = "Giám đốc"; a.referralSource = "UBND phường"; a.admittedOn = day
        return a
    }

    @Test(arguments: TestDatabase.all)
    func theAllowanceFollowsTheStayWithoutGapOrDoubleMonth(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let manager = try await demoActor(store, "giamdoc.quangninh")
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
            let person = try await PersonModel.find(p, on: store.db)!
            person.nationalID = "001180000555"
            try await person.update(on: store.db)
            var d = DecisionInput(personID: p)
            d.kind = .start; d.number = "05/QĐ"; d.signedDate = "2025-01-05"; d.eventDate = "2025-01-05"
            _ = try await DecisionRepository(store).decide(chairman, d)
            let today = LocalDate(iso: "2025-12-01")!
            var a = Self.admission(name: "", birth: "", basis: .especiallySevereDisability, on: "2025-03-10", nationalID: "001180000555")
            a.gender = ""
            let id = try await CareRepository(store).admit(manager, a, today: today)
            // The same person cannot be admitted twice while in care.
            await #expect(throws: AppError.conflict(Message("care.error.already_in_care"))) {
                try await CareRepository(store).admit(manager, a, today: today)
            }
            let resident = try await CareRepository(store).resident(manager, id: id, today: today)
            #expect(resident.row.fullName == person.fullName && resident.personID == p && resident.row.birthDate.iso == "1980-05-10")
            // In the facility from April: the nursing allowance, coefficient 4.0 (Art. 25(1)).
            let may = try await AllowanceFactsRepository(store).evaluate(.system, personID: p, month: YearMonth(iso: "2025-05")!)
            #expect(may.evaluation.components.map { "\($0.category) \($0.amount)" } == ["D20-25.1 2000000"])
            try await CareRepository(store).discharge(manager, residentID: id, reason: "family_reintegration", on: "2025-09-20", note: "", today: today)
            let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == p).sort(\.$fromMonth).all()
            #expect(periods.map { "\($0.benefit) \($0.fromMonth)–\($0.untilMonth ?? "")" } == ["allowance 2025-01–2025-04", "nursing 2025-04–2025-10"])
            // Every month January–September paid by exactly one ledger; none from October until
            // the ward decides the community allowance again.
            var m = YearMonth(iso: "2025-01")!
            while m <= YearMonth(iso: "2025-12")! {
                let paying = periods.filter { YearMonth(iso: $0.fromMonth)! <= m && ($0.untilMonth.map { m < YearMonth(iso: $0)! } ?? true) }.count
                #expect(paying == (m <= YearMonth(iso: "2025-09")! ? 1 : 0), "\(m.iso)")
                m = m.adding(months: 1)
            }
            let decisions = try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == p).sort(\.$createdAt).all()
            #expect(
                decisions.map { "\($0.benefit) \($0.kind) \($0.reason) \($0.effectiveMonth)" } == [
                    "allowance start eligible 2025-01", "allowance stop facility_admission 2025-04", "nursing start eligible 2025-04",
                    "nursing stop facility_discharge 2025-10",
                ])
            // Discharged: a second discharge is refused, the reason is kept.
            await #expect(throws: AppError.self) {
                try await CareRepository(store).discharge(manager, residentID: id, reason: "death", on: "2025-10-01", note: "", today: today)
            }
            #expect(try await CareRepository(store).resident(manager, id: id, today: today).dischargeReason == .familyReintegration)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBedHoldsOneResidentEvenUnderRacingRequests(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let today = LocalDate(iso: "2025-12-01")!
            let room = try await care.addRoom(manager, departmentID: try await Self.department(store), code: "T1", sex: "female", beds: 1)
            let bed = try await care.rooms(manager, on: today).first { $0.id == room }!.beds[0].id
            var residents: [UUID] = []
            for i in 0..<4 {
                residents.append(
                    try await care.admit(
                        manager, Self.admission(name: "Em \(i)", birth: "2015-02-0\(i + 1)", basis: .childWithoutCare, on: "2025-11-0\(i + 1)"), today: today))
            }
            let results = await withTaskGroup(of: Bool.self) { group in
                for r in residents {
                    group.addTask { (try? await care.assignBed(worker, residentID: r, bedID: bed, from: "2025-11-10", today: today)) != nil }
                }
                var out: [Bool] = []
                for await ok in group { out.append(ok) }
                return out
            }
            #expect(results.filter { $0 }.count == 1)
            let stays = try await CareBedStayModel.query(on: store.db).filter(\.$bedID == bed).all()
            #expect(stays.count == 1 && stays[0].untilDate == nil)
            // The occupant moves out on the 20th: the bed is free from that day, and who slept in
            // it on the 15th is still known.
            let first = stays[0].residentID
            let other = residents.first { $0 != first }!
            await #expect(throws: AppError.conflict(Message("care.error.bed_taken", ["bed": "T1-1"]))) {
                try await care.assignBed(worker, residentID: other, bedID: bed, from: "2025-11-12", today: today)
            }
            try await care.discharge(manager, residentID: first, reason: "foster_care", on: "2025-11-20", note: "", today: today)
            try await care.assignBed(worker, residentID: other, bedID: bed, from: "2025-11-20", today: today)
            let on15 = try await care.rooms(manager, on: LocalDate(iso: "2025-11-15")!).first { $0.id == room }!.beds[0].occupantID
            let on25 = try await care.rooms(manager, on: LocalDate(iso: "2025-11-25")!).first { $0.id == room }!.beds[0].occupantID
            #expect(on15 == first && on25 == other)
            let occupancy = try await care.occupancy(manager, on: LocalDate(iso: "2025-11-25")!)
            #expect(occupancy.residents == 3 && occupancy.withoutBed == 2 && occupancy.byAgeGroup[.age6to15] == 3 && occupancy.bySex["female"] == 3)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMissedDoseIsOnTheNextShiftsHandover(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let today = LocalDate(iso: "2025-12-02")!
            let id = try await care.admit(
                manager, Self.admission(name: "Bé Hoa", birth: "2018-06-01", basis: .childWithoutCare, on: "2025-11-20"), today: today)
            let p = try await care.prescribe(
                worker, residentID: id, drug: "Depakine 200 mg", dose: "1 viên", times: "20:00, 08:00 14:00", from: "2025-12-01", until: "",
                prescriber: "BS Hà",
                today: today)
            try await care.recordDose(worker, prescriptionID: p, day: "2025-12-01", time: "08:00", status: "given", note: "", today: today)
            await #expect(throws: AppError.validation([FieldError(field: "note", message: Message("care.error.dose_note"))])) {
                try await care.recordDose(worker, prescriptionID: p, day: "2025-12-01", time: "20:00", status: "missed", note: " ", today: today)
            }
            try await care.recordDose(worker, prescriptionID: p, day: "2025-12-01", time: "20:00", status: "missed", note: "Cháu ngủ sớm", today: today)
            await #expect(throws: AppError.conflict(Message("care.error.dose_recorded"))) {
                try await care.recordDose(worker, prescriptionID: p, day: "2025-12-01", time: "20:00", status: "given", note: "", today: today)
            }
            await #expect(throws: AppError.invalid("time", "care.error.not_scheduled")) {
                try await care.recordDose(worker, prescriptionID: p, day: "2025-12-01", time: "09:00", status: "given", note: "", today: today)
            }
            try await care.recordLog(worker, residentID: id, day: "2025-12-01", shift: "afternoon", kind: "meal", note: "Ăn hết suất", today: today)
            // The morning dose was given: nothing to hand over to the afternoon.
            #expect(try await care.handover(worker, day: LocalDate(iso: "2025-12-01")!, shift: .afternoon).isEmpty)
            // The night shift receives the afternoon's: 14:00 not recorded, 20:00 missed.
            let night = try await care.handover(worker, day: LocalDate(iso: "2025-12-01")!, shift: .night)
            #expect(
                night.map { "\($0.residentName) \($0.time) \($0.status?.rawValue ?? "not recorded") \($0.note ?? "")" } == [
                    "Bé Hoa 14:00 not recorded ", "Bé Hoa 20:00 missed Cháu ngủ sớm",
                ])
            let view = try await care.resident(worker, id: id, today: today)
            #expect(view.doses?.count == 2 && view.log.map(\.note) == ["Ăn hết suất"] && view.prescriptions?.first?.times == ["08:00", "14:00", "20:00"])
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "read_sensitive").filter(\.$entity == "care_handover").count() == 1)
        }
    }

    /// The demo centre's residents (field notes §2) come out of the records through the report,
    /// and a child admitted through the API changes the figure.
    @Test(arguments: TestDatabase.all)
    func theDemoCentresResidents(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            _ = try await DemoData.loadCases(app.store)
            #expect(try await DemoData.loadCare(app.store) == 256)
            let manager = try await apiToken(app.store, "giamdoc.quangninh")
            var res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            var residents = jsonObject(res)["residents"] as? [String: Any]
            #expect(residents?["children"] as? Int == 89)
            #expect(residents?["adults"] as? Int == 157)
            #expect(residents?["discharged"] as? Int == 13)  // six children, four adults and the three shelter stays
            // The handover to the night of 30 December 2025: the one evening dose missed.
            res = try await apiRequest(app, .GET, "/api/v1/care/handover?day=2025-12-30&shift=night", token: manager)
            let handover = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [[String: Any]]
            #expect(handover?.map { "\($0["time"] ?? "") \($0["status"] ?? "")" } == ["20:00 missed"])
            res = try await apiRequest(
                app, .POST, "/api/v1/care/residents", token: manager,
                json:
                    #"{"full_name":"Bé Mới","gender":"female","birth_date":"2020-02-02","basis":"child_without_care","decision_number":"999/QĐ","decision_date":"2025-12-20","decision_signer":"Giám đốc","referral_source":"UBND xã","admitted_on":"2025-12-20"}"#
            )
            #expect(res.status == .created)
            res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            residents = jsonObject(res)["residents"] as? [String: Any]
            #expect(residents?["children"] as? Int == 90)
            // A ward officer sees no residents in the report, and none of the care API.
            let officer = try await apiToken(app.store, "canbo.khuongdinh")
            res = try await apiRequest(app, .GET, "/api/v1/care/residents", token: officer)
            #expect(res.status == .forbidden)
        }
    }
}
