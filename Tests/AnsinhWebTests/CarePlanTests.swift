import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// A resident's care plan with its overdue reminder, leave signed out and back (one at a time,
/// even racing), incidents followed up to closing, and the after-care months of Art. 26(5).
@Suite("Care plan, leave and incidents")
struct CarePlanTests {
    /// The demo centre's director and social worker, and the care records.
    static func centre(_ store: Store) async throws -> (manager: Actor, worker: Actor, care: CareRepository) {
        (try await demoActor(store, "giamdoc.quangninh"), try await demoActor(store, "ctxh.quangninh"), CareRepository(store))
    }

    @Test(arguments: TestDatabase.all)
    func thePlanIsDueAMonthAfterAdmissionThenOnTheReviewersDay(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await Self.centre(store)
            let today = LocalDate(iso: "2025-12-05")!
            let id = try await care.admit(
                manager, CareTests.admission(name: "Bé Lan", birth: "2015-02-01", basis: .childWithoutCare, on: "2025-11-01"), today: today)
            var plan = try await care.plan(worker, residentID: id, today: today)
            #expect(plan.due.iso == "2025-12-01" && plan.overdue && plan.goals.isEmpty)
            #expect(try await care.overduePlans(worker, today: today).map { "\($0.resident.fullName) \($0.due.iso)" } == ["Bé Lan 2025-12-01"])
            try await care.addGoal(worker, residentID: id, domain: "education", goal: "Đi học lớp 5 đều đặn", targetDate: "2026-05-31", today: today)
            try await care.addGoal(worker, residentID: id, domain: "life_skills", goal: "Tự giặt quần áo", targetDate: "", today: today)
            await #expect(throws: AppError.validation([FieldError(field: "domain", message: Message("validation.choice"))])) {
                try await care.addGoal(worker, residentID: id, domain: "sport", goal: "Bơi", targetDate: "", today: today)
            }
            plan = try await care.plan(worker, residentID: id, today: today)
            let skills = plan.goals.first { $0.domain == .lifeSkills }!.id
            // Next review more than a year ahead, or a goal both achieved and dropped: refused.
            await #expect(throws: AppError.validation([FieldError(field: "next_review_on", message: Message("care.error.next_review", ["max": "12"]))])) {
                try await care.reviewPlan(
                    worker, residentID: id, reviewedOn: "2025-12-05", note: "Ổn", nextReviewOn: "2027-01-01", achieved: [], dropped: [], today: today)
            }
            await #expect(throws: AppError.validation([FieldError(field: "dropped", message: Message("care.error.goal_both"))])) {
                try await care.reviewPlan(
                    worker, residentID: id, reviewedOn: "2025-12-05", note: "Ổn", nextReviewOn: "2026-06-05", achieved: [skills], dropped: [skills],
                    today: today)
            }
            try await care.reviewPlan(
                worker, residentID: id, reviewedOn: "2025-12-05", note: "Cháu tự giặt được", nextReviewOn: "2026-06-05", achieved: [skills], dropped: [],
                today: today)
            plan = try await care.plan(worker, residentID: id, today: today)
            #expect(plan.due.iso == "2026-06-05" && !plan.overdue && plan.reviews.map(\.note) == ["Cháu tự giặt được"])
            #expect(
                plan.goals.map { "\($0.domain.rawValue) \($0.status.rawValue) \($0.statusOn?.iso ?? "")" } == [
                    "education open ", "life_skills achieved 2025-12-05",
                ])
            #expect(try await care.overduePlans(worker, today: today).isEmpty)
            // On the review day it is due again, the reminder comes back.
            #expect(try await care.overduePlans(worker, today: LocalDate(iso: "2026-06-06")!).count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneLeaveAtATimeEvenRacingAndTheLateReturnIsFlagged(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await Self.centre(store)
            let today = LocalDate(iso: "2025-12-05")!
            let id = try await care.admit(
                manager, CareTests.admission(name: "Ông Ba", birth: "1940-01-01", basis: .elderlyWithoutSupport, on: "2025-06-01"), today: today)
            let now = CareMoment("2025-12-05T18:00")!
            // Two staff sign the same resident out at once: one leave is written.
            let results = await withTaskGroup(of: Bool.self) { group in
                for who in [manager, worker] {
                    group.addTask {
                        (try? await care.signOut(
                            who, residentID: id, kind: "home_visit", destination: "Nhà cháu ở Hạ Long", companion: "Cháu Hùng",
                            leftAt: "2025-12-05T08:00", expectedBack: "2025-12-05T17:00", now: now)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await CareLeaveModel.query(on: store.db).filter(\.$residentID == id).count() == 1)
            await #expect(throws: AppError.conflict(Message("care.error.already_out"))) {
                try await care.signOut(
                    worker, residentID: id, kind: "outing", destination: "Công viên", companion: "", leftAt: "2025-12-05T09:00",
                    expectedBack: "2025-12-05T10:00", now: now)
            }
            // Out after 17:00: late on the reminders.
            var reminders = try await care.reminders(worker, now: now)
            #expect(reminders.out.map { "\($0.residentName) \($0.late)" } == ["Ông Ba true"])
            await #expect(throws: AppError.invalid("returned_at", "validation.end_before_start")) {
                try await care.signIn(worker, residentID: id, returnedAt: "2025-12-05T07:00", note: "", now: now)
            }
            try await care.signIn(worker, residentID: id, returnedAt: "2025-12-05T17:40", note: "Xe buýt trễ", now: now)
            reminders = try await care.reminders(worker, now: now)
            #expect(reminders.out.isEmpty)
            let (leaves, _) = try await care.leaveAndIncidents(worker, residentID: id, now: now)
            #expect(leaves.map { "\($0.kind.rawValue) \($0.returnedAt?.iso ?? "") \($0.late)" } == ["home_visit 2025-12-05T17:40 true"])
            await #expect(throws: AppError.conflict(Message("care.error.not_out"))) {
                try await care.signIn(worker, residentID: id, returnedAt: "2025-12-05T17:50", note: "", now: now)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func anIncidentIsFollowedUpUntilClosed(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await Self.centre(store)
            let today = LocalDate(iso: "2025-12-05")!
            let id = try await care.admit(
                manager, CareTests.admission(name: "Bà Tư", birth: "1938-01-01", basis: .elderlyWithoutSupport, on: "2025-06-01"), today: today)
            let now = CareMoment("2025-12-05T12:00")!
            await #expect(throws: AppError.invalid("occurred_at", "care.error.before_admission")) {
                _ = try await care.recordIncident(
                    worker, residentID: id, occurredAt: "2025-05-01T10:00", kind: "fall", severity: "serious", description: "Ngã", actionTaken: "", now: now)
            }
            let incident = try await care.recordIncident(
                worker, residentID: id, occurredAt: "2025-12-05T06:30", kind: "fall", severity: "serious", description: "Ngã trong nhà tắm, đau hông",
                actionTaken: "Sơ cứu, gọi bác sĩ", now: now)
            #expect(try await care.reminders(worker, now: now).openIncidents.map(\.kind) == [.fall])
            _ = try await care.followUp(worker, incidentID: incident, day: "2025-12-05", note: "Chụp X-quang: không gãy", close: false, today: today)
            _ = try await care.followUp(manager, incidentID: incident, day: "2025-12-05", note: "Lắp tay vịn nhà tắm", close: true, today: today)
            await #expect(throws: AppError.self) {
                _ = try await care.followUp(worker, incidentID: incident, day: "2025-12-05", note: "Thêm", close: false, today: today)
            }
            let (_, incidents) = try await care.leaveAndIncidents(worker, residentID: id, now: now)
            #expect(incidents.map { "\($0.status.rawValue) \($0.outcome ?? "") \($0.followUps.count)" } == ["closed Lắp tay vịn nhà tắm 2"])
            #expect(try await care.reminders(worker, now: now).openIncidents.isEmpty)
            // The audit trail names the incident and its kind, never what happened.
            let entries = try await AuditEntryModel.query(on: store.db).filter(\.$action == "report_incident").all()
            #expect(entries.count == 1 && !(entries[0].afterJSON ?? "").contains("nhà tắm") && (entries[0].afterJSON ?? "").contains("fall"))
        }
    }

    /// Art. 26(5): the nursing allowance continues for the after-care months, then stops; it is
    /// refused for a basis or a reason the law does not give it to.
    @Test(arguments: TestDatabase.all)
    func afterCareMonthsKeepTheAllowanceAfterLeaving(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let manager = try await demoActor(store, "giamdoc.quangninh")
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "2008-05-10", disability: .none, certificate: nil)
            let person = try await PersonModel.find(p, on: store.db)!
            person.nationalID = "001208000777"
            try await person.update(on: store.db)
            let today = LocalDate(iso: "2025-12-01")!
            var a = CareTests.admission(name: "", birth: "", basis: .childWithoutCare, on: "2024-03-10", nationalID: "001208000777")
            a.gender = ""
            let id = try await CareRepository(store).admit(manager, a, today: today)
            await #expect(throws: AppError.invalid("after_care_months", "care.error.after_care_not_allowed")) {
                try await CareRepository(store).discharge(
                    manager, residentID: id, reason: "transfer", on: "2025-06-15", note: "", afterCareMonths: 3, today: today)
            }
            await #expect(
                throws: AppError.validation([FieldError(field: "after_care_months", message: Message("care.error.after_care_months", ["max": "24"]))])
            ) {
                try await CareRepository(store).discharge(manager, residentID: id, reason: "age", on: "2025-06-15", note: "", afterCareMonths: 25, today: today)
            }
            try await CareRepository(store).discharge(
                manager, residentID: id, reason: "age", on: "2025-06-15", note: "Đủ 16 tuổi, đi làm", afterCareMonths: 6, today: today)
            let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == p).filter(\.$benefit == "nursing").all()
            #expect(periods.map { "\($0.fromMonth)–\($0.untilMonth ?? "")" } == ["2024-04–2026-01"])
            let facts = AllowanceFactsRepository(store)
            let december = try await facts.evaluate(.system, personID: p, month: YearMonth(iso: "2025-12")!)
            #expect(december.evaluation.components.map(\.category) == ["D20-25.1"])
            let january = try await facts.evaluate(.system, personID: p, month: YearMonth(iso: "2026-01")!)
            #expect(!january.evaluation.components.map(\.category).contains("D20-25.1"))
        }
    }

    /// A shift's whole sheet: checked whole (a bad line named by its place, nothing written),
    /// written once with one audit entry, and the dose missed in it on the next handover.
    @Test(arguments: TestDatabase.all)
    func aShiftSheetIsCheckedWholeThenWrittenOnce(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await Self.centre(store)
            let today = LocalDate(iso: "2025-12-05")!
            let a = try await care.admit(
                manager, CareTests.admission(name: "Bà Sáu", birth: "1939-01-01", basis: .elderlyWithoutSupport, on: "2025-11-01"), today: today)
            let b = try await care.admit(
                manager, CareTests.admission(name: "Ông Bảy", birth: "1937-01-01", basis: .elderlyWithoutSupport, on: "2025-11-01"), today: today)
            let p = try await care.prescribe(
                worker, residentID: a, drug: "Amlodipin 5 mg", dose: "1 viên", times: "08:00,20:00", from: "2025-12-01", until: "", prescriber: "BS",
                today: today)
            let log = [ShiftLogLine(residentID: a, kind: "meal", note: "Ăn hết"), ShiftLogLine(residentID: b, kind: "dance", note: "Vui")]
            await #expect(throws: AppError.validation([FieldError(field: "log[1].kind", message: Message("validation.choice"))])) {
                try await care.recordShift(worker, day: "2025-12-04", shift: "afternoon", log: log, doses: [], today: today)
            }
            let good = [ShiftLogLine(residentID: a, kind: "meal", note: "Ăn hết"), ShiftLogLine(residentID: b, kind: "hygiene", note: "Tắm")]
            await #expect(throws: AppError.invalid("doses[0].time", "care.error.not_scheduled")) {
                try await care.recordShift(
                    worker, day: "2025-12-04", shift: "afternoon", log: good,
                    doses: [ShiftDoseLine(prescriptionID: p, day: "2025-12-04", time: "14:00", status: "given", note: "")], today: today)
            }
            #expect(try await CareLogModel.query(on: store.db).filter(\.$residentID ~~ [a, b]).count() == 0)
            let doses = [
                ShiftDoseLine(prescriptionID: p, day: "2025-12-04", time: "20:00", status: "missed", note: "Bà ngủ sớm"),
                ShiftDoseLine(prescriptionID: p, day: "2025-12-04", time: "08:00", status: "given", note: ""),
            ]
            let done = try await care.recordShift(worker, day: "2025-12-04", shift: "afternoon", log: good, doses: doses, today: today)
            #expect(done == (log: 2, doses: 2))
            await #expect(throws: AppError.invalid("doses[0].time", "care.error.dose_recorded")) {
                try await care.recordShift(worker, day: "2025-12-04", shift: "afternoon", log: good, doses: doses, today: today)
            }
            #expect(try await CareLogModel.query(on: store.db).filter(\.$residentID ~~ [a, b]).count() == 2)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "record_shift").count() == 1)
            let night = try await care.handover(worker, day: LocalDate(iso: "2025-12-04")!, shift: .night)
            #expect(night.map { "\($0.residentName) \($0.time) \($0.status?.rawValue ?? "")" } == ["Bà Sáu 20:00 missed"])
        }
    }

    /// The health record: written by care staff, shown on the resident's page in the health
    /// class, its read audited, and the audit of the write names the kind, never the finding.
    @Test(arguments: TestDatabase.all)
    func theHealthRecordIsKeptInTheHealthClass(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await Self.centre(store)
            let today = LocalDate(iso: "2025-12-05")!
            let id = try await care.admit(
                manager, CareTests.admission(name: "Ông Chín", birth: "1936-01-01", basis: .elderlyWithoutSupport, on: "2025-06-01"), today: today)
            await #expect(throws: AppError.validation([FieldError(field: "until_day", message: Message("validation.end_before_start"))])) {
                try await care.recordHealth(
                    worker, residentID: id, kind: "hospital_stay", day: "2025-11-10", untilDay: "2025-11-01", provider: "Bệnh viện Bãi Cháy",
                    summary: "Viêm phổi", followUpOn: "", today: today)
            }
            try await care.recordHealth(
                worker, residentID: id, kind: "hospital_stay", day: "2025-11-10", untilDay: "2025-11-18", provider: "Bệnh viện Bãi Cháy",
                summary: "Viêm phổi, điều trị kháng sinh", followUpOn: "2025-12-20", today: today)
            try await care.recordHealth(
                worker, residentID: id, kind: "checkup", day: "2025-12-01", untilDay: "", provider: "Y tế Trung tâm", summary: "Huyết áp 130/85",
                followUpOn: "", today: today)
            let view = try await care.resident(manager, id: id, today: today)
            #expect(
                view.health?.map { "\($0.kind.rawValue) \($0.day.iso) \($0.untilDay?.iso ?? "")" } == [
                    "checkup 2025-12-01 ", "hospital_stay 2025-11-10 2025-11-18",
                ])
            let writes = try await AuditEntryModel.query(on: store.db).filter(\.$action == "record_health").all()
            #expect(writes.count == 2 && writes.allSatisfy { !($0.afterJSON ?? "").contains("Viêm phổi") && !($0.afterJSON ?? "").contains("Huyết áp") })
            let reads = try await AuditEntryModel.query(on: store.db).filter(\.$action == "read_sensitive").filter(\.$entityID == id.uuidString).all()
            #expect(reads.count == 1 && (reads[0].afterJSON ?? "").contains("health_record"))
        }
    }
}
