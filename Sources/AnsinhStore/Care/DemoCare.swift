import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    static let childNames = ["Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Thị Mai", "Phạm Văn Hùng", "Hoàng Thị Lan", "Vũ Văn Long", "Đặng Thị Thu", "Bùi Văn Tú"]
    static let adultNames = ["Nguyễn Văn Bảy", "Trần Thị Tám", "Lê Văn Sáu", "Phạm Thị Năm", "Hoàng Văn Tư", "Đỗ Thị Ba", "Ngô Văn Hai", "Dương Thị Một"]

    /// The Quảng Ninh centre's residents at the end of 2025 (field notes §2): 89 children and
    /// 157 elderly, disabled and long-term-care residents in care on 31 December, ten more who
    /// left during the year, rooms and beds in the children's and the elderly departments, a
    /// year of the daily log for twelve of them, December's medication with one missed dose, and
    /// the temporary shelter stays of the emergency cases. Written through the audited write path
    /// (an audit entry per resident, room and month of log), from a fixed seed.
    @discardableResult
    public static func loadCare(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let m = try await users.find(username: "giamdoc.quangninh"), let manager = try await users.actor(for: m.id, fallbackLocale: .vi),
            let unitID = manager.unitID, let centre = try await OrgUnitModel.find(unitID, on: store.db),
            let children = try await UnitRepository(store).find(code: "22-TTTGXH-P3"),
            let elders = try await UnitRepository(store).find(code: "22-TTTGXH-P4")
        else { return 0 }
        let care = CareRepository(store)
        var beds: [String: [UUID]] = ["child": [], "adult": []]
        for (kind, department, rooms) in [("child", children.id, 16), ("adult", elders.id, 28)] {
            for n in 1...rooms {
                let room = try await care.addRoom(
                    manager, departmentID: department, code: "\(kind == "child" ? "TE" : "NCT")\(n)", sex: n % 2 == 0 ? "female" : "male", beds: 6)
                beds[kind]! += try await CareBedModel.query(on: store.db).filter(\.$roomID == room).sort(\.$code).all().map { $0.id! }
            }
        }
        // 95 children and 161 adults admitted; 6 children and 4 adults left during 2025. Each
        // has its number in its group and a bed of its department.
        struct Plan: Sendable { let child: Bool; let left: Bool; let n: Int; let bed: UUID }
        var plan: [Plan] = []
        for n in 0..<95 { plan.append(Plan(child: true, left: n < 6, n: n, bed: beds["child"]![n])) }
        for n in 0..<161 { plan.append(Plan(child: false, left: n < 4, n: n, bed: beds["adult"]![n])) }
        var residents: [UUID] = []
        for chunk in plan.chunked(64) {
            let ids = try await store.write(manager) { tx, audit in
                var made: [UUID] = []
                for p in chunk {
                    let n = p.n
                    var r0 = SeededRandom(seed: UInt64(n * 2 + (p.child ? 1 : 0)))
                    let r = CareResidentModel()
                    r.id = UUID(); r.unitID = unitID; r.unitPath = centre.path; r.createdBy = manager.username
                    r.fullName = (p.child ? childNames : adultNames)[n % 8] + " \(n + 1)"
                    r.gender = n % 2 == 0 ? Gender.female.rawValue : Gender.male.rawValue
                    // Children are under 16 on 31 December 2025; adults 18 and over.
                    let birthYear = p.child ? 2011 + Int.random(in: 0...13, using: &r0) : (n % 3 == 0 ? 1975 + n % 20 : 1935 + n % 25)
                    r.birthDate = String(format: "%04d-%02d-%02d", birthYear, 1 + n % 12, 1 + n % 27)
                    let basis: AdmissionBasis =
                        p.child
                        ? (n % 7 == 0 ? .especiallySevereDisability : .childWithoutCare) : (n % 3 == 0 ? .especiallySevereDisability : .elderlyWithoutSupport)
                    r.basis = basis.rawValue; r.stay = basis.stay.rawValue
                    let admitted = LocalDate(year: min(2025, max(birthYear + 1, 2016 + n % 10)), month: 1 + (n * 5) % 12, day: 1 + (n * 3) % 27)!
                    r.admittedOn = admitted.iso; r.decisionDate = admitted.iso; r.decisionNumber = "\(100 + n)/QĐ-TTTGXH"
                    r.decisionSigner = "Giám đốc Trung tâm"; r.referralSource = ["UBND xã", "Công an", "Bệnh viện", "Gia đình"][n % 4]
                    r.status = ResidentLifecycle.State.inCare.rawValue
                    if p.left {
                        r.status = ResidentLifecycle.State.discharged.rawValue
                        r.dischargedOn = String(format: "2025-%02d-15", 2 + n * 2)
                        r.dischargeReason =
                            (p.child ? [DischargeReason.familyReintegration, .adoption, .age] : [.death, .transfer])[n % (p.child ? 3 : 2)].rawValue
                    }
                    try await r.create(on: tx)
                    let stay = CareBedStayModel()
                    stay.id = UUID(); stay.residentID = r.id!; stay.bedID = p.bed; stay.unitPath = p.child ? children.path : elders.path
                    stay.fromDate = admitted.iso; stay.untilDate = r.dischargedOn
                    try await stay.create(on: tx)
                    audit.add(
                        AuditRecord(
                            action: "admit", entity: ResidentLifecycle.entity, entityID: r.id!.uuidString, unitID: unitID, unitPath: centre.path,
                            before: NoValue?.none, after: ["basis": r.basis, "decision_number": r.decisionNumber, "admitted_on": r.admittedOn]))
                    made.append(r.id!)
                }
                return made
            }
            residents += ids
        }
        try await loadCareLog(store, manager, residents: Array(residents.suffix(12)))
        try await loadMedication(store, manager, residents: Array(residents.suffix(15)))
        try await loadShelterStays(store, manager)
        return plan.count
    }

    /// A year of the daily log (2025) for some residents: a line each morning, afternoon and night.
    static func loadCareLog(_ store: Store, _ manager: Actor, residents: [UUID]) async throws {
        let notes: [(Shift, CareLogKind, String)] = [
            (.morning, .meal, "Ăn hết suất sáng"), (.afternoon, .hygiene, "Tắm, thay quần áo"), (.night, .sleep, "Ngủ yên"),
        ]
        let models = try await CareResidentModel.query(on: store.db).filter(\.$id ~~ residents).all()
        for month in 1...12 {
            try await store.write(manager) { tx, audit in
                for r in models {
                    var lines = 0
                    let first = LocalDate(year: 2025, month: month, day: 1)!
                    var day = first
                    while day.month == month {
                        if day.iso >= r.admittedOn && (r.dischargedOn.map { day.iso < $0 } ?? true) {
                            for (shift, kind, note) in notes {
                                let l = CareLogModel()
                                l.id = UUID(); l.residentID = r.id!; l.unitPath = r.unitPath; l.day = day.iso; l.shift = shift.rawValue; l.kind = kind.rawValue
                                l.note = day.day == 14 && shift == .afternoon ? "Sốt nhẹ 37,8°C, đã báo y tế" : note
                                if day.day == 14 && shift == .afternoon { l.kind = CareLogKind.observation.rawValue }
                                l.recordedBy = manager.username
                                try await l.create(on: tx)
                                lines += 1
                            }
                        }
                        day = day.adding(days: 1)
                    }
                    audit.add(
                        AuditRecord(
                            action: "record_care", entity: ResidentLifecycle.entity, entityID: r.id!.uuidString, unitID: r.unitID, unitPath: r.unitPath,
                            before: NoValue?.none, after: ["month": first.yearMonth.iso, "lines": "\(lines)"]))
                }
            }
        }
    }

    /// 2025's prescriptions of some residents, December's doses recorded, one missed on the
    /// evening of 30 December (on the night shift's handover of that day).
    static func loadMedication(_ store: Store, _ manager: Actor, residents: [UUID]) async throws {
        let care = CareRepository(store)
        let today = store.today
        for (i, r) in residents.enumerated() {
            let p = try await care.prescribe(
                manager, residentID: r, drug: ["Depakine 200 mg", "Amlodipin 5 mg", "Vitamin B1"][i % 3], dose: "1 viên", times: "08:00,20:00",
                from: "2025-01-01", until: "2025-12-31", prescriber: "BS Nguyễn Thu Hà", today: today)
            let model = try await CarePrescriptionModel.find(p, on: store.db)!
            let unitPath = model.unitPath
            try await store.write(manager) { tx, audit in
                var day = LocalDate(iso: "2025-12-01")!
                while day.month == 12 {
                    for time in ["08:00", "20:00"] {
                        let missed = i == 0 && day.day == 30 && time == "20:00"
                        let (shiftDay, shift) = Shift.of(day, time: time)!
                        let d = CareDoseModel()
                        d.id = UUID(); d.prescriptionID = p; d.residentID = r; d.unitPath = unitPath; d.day = day.iso; d.time = time
                        d.shiftDay = shiftDay.iso; d.shift = shift.rawValue
                        d.status = (missed ? DoseStatus.missed : .given).rawValue; d.note = missed ? "Đối tượng ngủ sớm, chưa uống" : nil
                        d.recordedBy = manager.username
                        try await d.create(on: tx)
                    }
                    day = day.adding(days: 1)
                }
                audit.add(
                    AuditRecord(
                        action: "record_care", entity: ResidentLifecycle.entity, entityID: r.uuidString, unitID: manager.unitID, unitPath: unitPath,
                        before: NoValue?.none, after: ["prescription": p.uuidString, "doses": "62"]))
            }
        }
    }

    /// The emergency cases sheltered at the centre stay through the same admission (basis:
    /// emergency protection), each for three weeks, the last one until its follow-up ends.
    static func loadShelterStays(_ store: Store, _ manager: Actor) async throws {
        let care = CareRepository(store)
        let cases = try await CaseModel.query(on: store.db).filter(\.$placement == Placement.temporaryShelter.rawValue).sort(\.$receivedAt).all()
        for (n, c) in cases.enumerated() {
            guard let from = c.shelterFrom.flatMap(LocalDate.init(iso:)) else { continue }
            var a = AdmissionInput()
            a.fullName = c.personName; a.gender = c.personGender ?? Gender.female.rawValue
            a.birthDate = String(format: "%04d-06-01", c.personBirthYear ?? 2012); a.basis = AdmissionBasis.emergencyProtection.rawValue
            a.decisionNumber = "KC-\(n + 1)/QĐ-TTTGXH"; a.decisionDate = from.iso; a.decisionSigner = "Giám đốc Trung tâm"
            a.referralSource = "Can thiệp khẩn cấp"; a.caseID = c.id; a.admittedOn = from.iso
            let id = try await care.admit(manager, a, today: store.today)
            try await care.discharge(
                manager, residentID: id, reason: DischargeReason.familyReintegration.rawValue, on: from.adding(days: 21).iso, note: "Trở về gia đình",
                today: store.today)
        }
    }
}
