import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The three young people the centre helped into jobs in 2025 (field notes §2): grown up in
    /// its care, each finished a course (vocational school, college, university) in 2025, found a
    /// job and left care for it. Recorded through the pages' own calls.
    @discardableResult
    public static func loadPlacements(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let m = try await users.find(username: "giamdoc.quangninh"), let manager = try await users.actor(for: m.id, fallbackLocale: .vi) else {
            return 0
        }
        let care = CareRepository(store)
        let today = store.today
        let young: [(String, String, EducationKind, String, String, String, String)] = [
            ("Hoàng Văn Tiến", "2004-03-12", .vocational, "Trường Cao đẳng nghề Việt – Hàn Quảng Ninh", "Nấu ăn", "Nhà hàng Biển Xanh", "Phụ bếp"),
            ("Nguyễn Thị Ngọc", "2003-08-02", .college, "Trường Cao đẳng Y tế Quảng Ninh", "Điều dưỡng", "Bệnh viện Bãi Cháy", "Điều dưỡng viên"),
            ("Trần Văn Phong", "2002-11-20", .university, "Trường Đại học Hạ Long", "Công nghệ thông tin", "Công ty phần mềm Hạ Long", "Lập trình viên"),
        ]
        for (n, y) in young.enumerated() {
            var a = AdmissionInput()
            a.fullName = y.0; a.gender = n == 1 ? Gender.female.rawValue : Gender.male.rawValue; a.birthDate = y.1
            a.basis = AdmissionBasis.childWithoutCare.rawValue; a.decisionNumber = "\(50 + n)/QĐ-TTTGXH"; a.decisionDate = "2014-09-01"
            a.decisionSigner = "Giám đốc Trung tâm"; a.referralSource = "UBND xã"; a.admittedOn = "2014-09-01"
            let id = try await care.admit(manager, a, today: today)
            try await care.recordEducation(
                manager, residentID: id, kind: y.2.rawValue, institution: y.3, course: y.4, from: "2022-09-05", until: "2025-06-30",
                result: "Tốt nghiệp loại khá",
                today: today)
            try await care.recordPlacement(
                manager, residentID: id, employer: y.5, job: y.6, startedOn: "2025-08-0\(n + 1)", monthlyWage: "\(7 + n),500,000", today: today)
            try await care.discharge(
                manager, residentID: id, reason: DischargeReason.ownRequest.rawValue, on: "2025-08-0\(n + 1)", note: "Đã có việc làm ổn định", today: today)
        }
        return young.count
    }
}
