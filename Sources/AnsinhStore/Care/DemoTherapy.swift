import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The centre's programme for children with autism and mental disorders in 2025 (field notes
    /// §2: 48 in treatment): 52 children enrolled, 48 still in treatment on 31 December, 4
    /// discharged, 6 on the waiting list; two measures per child (baseline and latest, two
    /// domains); an individual session a month for each child in treatment; and the residents'
    /// weekly newspaper reading and monthly trip. Written as the pages do: an audit entry per
    /// enrolment, step, measure and session.
    @discardableResult
    public static func loadTherapy(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let w = try await users.find(username: "ctxh.quangninh"), let worker = try await users.actor(for: w.id, fallbackLocale: .vi),
            let unitID = worker.unitID, let unit = try await OrgUnitModel.find(unitID, on: store.db)
        else { return 0 }
        let therapy = TherapyRepository(store)
        let today = store.today
        var inTreatment: [(UUID, LocalDate)] = []
        for n in 0..<58 {
            var i = EnrolmentInput()
            i.fullName = ["Bé", "Cháu"][n % 2] + " " + ["An", "Bảo", "Chi", "Duy", "Hà", "Khôi", "Linh", "Minh", "Nhi", "Phúc"][n % 10] + " \(n + 1)"
            i.gender = n % 3 == 0 ? Gender.female.rawValue : Gender.male.rawValue
            i.birthDate = String(format: "%04d-%02d-%02d", 2014 + n % 9, 1 + n % 12, 1 + n % 27)
            i.referral = ["Bệnh viện Sản Nhi Quảng Ninh", "Trường mầm non", "Gia đình", "Phòng Y tế"][n % 4]
            i.diagnosis = n % 5 == 0 ? "Rối loạn tăng động giảm chú ý" : "Rối loạn phổ tự kỷ"
            i.enrolledOn = String(format: "%04d-%02d-10", n < 30 ? 2024 : 2025, 1 + n % 12)
            let id = try await therapy.enrol(worker, i, today: today)
            guard n < 52 else { continue }  // the last six wait for a place
            let start = LocalDate(iso: i.enrolledOn)!.adding(days: 20)
            try await therapy.start(worker, id: id, on: start.iso, today: today)
            for (domain, base) in [(TherapyDomain.communication, 20 + n % 10), (.social, 15 + n % 8)] {
                try await therapy.measure(worker, id: id, domain: domain.rawValue, instrument: "ATEC", day: start.iso, score: base, note: "", today: today)
                try await therapy.measure(
                    worker, id: id, domain: domain.rawValue, instrument: "ATEC", day: max(LocalDate(iso: "2025-11-20")!, start).iso, score: base + 4 + n % 6,
                    note: "", today: today)
            }
            if n >= 48 {
                try await therapy.discharge(worker, id: id, outcome: "Hòa nhập lớp mẫu giáo", on: "2025-11-28", today: today)
            } else {
                inTreatment.append((id, start))
            }
        }
        // The sessions: one individual session a month in 2025 for each child in treatment, and
        // the residents' weekly newspaper reading and monthly trip.
        let adults = try await CareResidentModel.query(on: store.db).filter(\.$unitID == unitID).filter(\.$status == ResidentLifecycle.State.inCare.rawValue)
            .filter(\.$admittedOn < "2025-01-01").filter(\.$basis == AdmissionBasis.elderlyWithoutSupport.rawValue).limit(30).all().compactMap(\.id)
        struct Planned: Sendable { let kind: SessionKind; let day: String; let title: String; let residents: [UUID]; let children: [UUID] }
        var plan: [Planned] = []
        for month in 1...12 {
            for (child, start) in inTreatment where LocalDate(year: 2025, month: month, day: 18)! >= start {
                plan.append(Planned(kind: .therapy, day: String(format: "2025-%02d-18", month), title: "Trị liệu cá nhân", residents: [], children: [child]))
            }
            plan.append(Planned(kind: .trip, day: String(format: "2025-%02d-25", month), title: "Tham quan, dã ngoại", residents: adults, children: []))
        }
        var day = LocalDate(iso: "2025-01-06")!
        while day.year == 2025 {
            plan.append(Planned(kind: .newspaperReading, day: day.iso, title: "Đọc báo, điểm tin thời sự", residents: Array(adults.prefix(20)), children: []))
            day = day.adding(days: 7)
        }
        for chunk in plan.chunked(200) {
            try await store.write(worker) { tx, audit in
                for p in chunk {
                    let s = CareSessionModel()
                    s.id = UUID(); s.unitID = unitID; s.unitPath = unit.path; s.kind = p.kind.rawValue; s.day = p.day; s.title = p.title
                    s.ledBy = p.kind == .therapy ? "Nhà trị liệu tâm lý" : "Phòng Công tác xã hội"; s.createdBy = worker.username
                    try await s.create(on: tx)
                    for r in p.residents {
                        let a = CareAttendanceModel()
                        a.id = UUID(); a.sessionID = s.id!; a.residentID = r; a.unitPath = unit.path
                        try await a.create(on: tx)
                    }
                    for c in p.children {
                        let a = CareAttendanceModel()
                        a.id = UUID(); a.sessionID = s.id!; a.enrolmentID = c; a.unitPath = unit.path
                        try await a.create(on: tx)
                    }
                    audit.add(
                        AuditRecord(
                            action: "record_session", entity: "care_session", entityID: s.id!.uuidString, unitID: unitID, unitPath: unit.path,
                            before: NoValue?.none, after: ["kind": s.kind, "day": s.day, "participants": "\(p.residents.count + p.children.count)"]))
                }
            }
        }
        return inTreatment.count
    }
}
