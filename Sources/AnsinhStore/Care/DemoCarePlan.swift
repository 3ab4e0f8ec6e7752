import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// Care plans of the demo centre's residents: a goal and a review for each resident in care
    /// but five (whose plans are overdue on the reminders), a home visit under way, and three
    /// incidents, one still open. Recorded through the pages' own calls, relative to today.
    @discardableResult
    public static func loadCarePlans(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let m = try await users.find(username: "ctxh.quangninh"), let worker = try await users.actor(for: m.id, fallbackLocale: .vi) else {
            return 0
        }
        let care = CareRepository(store)
        let today = store.today
        let residents = try await CareResidentModel.query(on: store.db).filter(\.$status == ResidentLifecycle.State.inCare.rawValue)
            .sort(\.$admittedOn).sort(\.$fullName).all().filter { $0.admittedOn < today.adding(days: -30).iso }
        let domains: [CareDomain] = [.health, .education, .lifeSkills, .psychosocial, .vocational, .reintegration]
        let goals: [CareDomain: String] = [
            .health: "Khám sức khỏe định kỳ, dùng thuốc đúng giờ", .education: "Đi học đều, lên lớp", .lifeSkills: "Tự phục vụ sinh hoạt hằng ngày",
            .psychosocial: "Tham gia sinh hoạt nhóm mỗi tuần", .vocational: "Hoàn thành khóa học nghề", .reintegration: "Liên lạc lại với gia đình",
        ]
        for (n, r) in residents.dropLast(5).enumerated() {
            let d = domains[n % domains.count]
            try await care.addGoal(worker, residentID: r.id!, domain: d.rawValue, goal: goals[d]!, targetDate: "", today: today)
            let reviewed = max(LocalDate(iso: r.admittedOn)!, today.adding(days: -(n % 90) - 1))
            try await care.reviewPlan(
                worker, residentID: r.id!, reviewedOn: reviewed.iso, note: "Tiến bộ, tiếp tục kế hoạch",
                nextReviewOn: reviewed.adding(months: CarePlanSchedule.defaultReviewMonths).iso, achieved: [], dropped: [], today: today)
        }
        guard residents.count >= 3 else { return residents.count }
        let now = CareMoment("\(today.iso)T09:00")!
        let yesterday = today.adding(days: -1).iso
        try await care.signOut(
            worker, residentID: residents[0].id!, kind: LeaveKind.homeVisit.rawValue, destination: "Nhà bác ruột, phường Hồng Gai", companion: "Bác ruột",
            leftAt: "\(today.iso)T07:30", expectedBack: "\(today.adding(days: 2).iso)T17:00", now: now)
        try await care.signOut(
            worker, residentID: residents[1].id!, kind: LeaveKind.medical.rawValue, destination: "Bệnh viện Bãi Cháy", companion: "Nhân viên y tế",
            leftAt: "\(yesterday)T08:00", expectedBack: "\(yesterday)T11:00", now: now)
        try await care.signIn(worker, residentID: residents[1].id!, returnedAt: "\(yesterday)T11:20", note: "", now: now)
        let fall = try await care.recordIncident(
            worker, residentID: residents[2].id!, occurredAt: "\(yesterday)T06:15", kind: IncidentKind.fall.rawValue,
            severity: IncidentSeverity.serious.rawValue, description: "Trượt ngã trong nhà tắm, đau cổ tay", actionTaken: "Sơ cứu, báo y tế trực", now: now)
        _ = try await care.followUp(worker, incidentID: fall, day: yesterday, note: "Chụp X-quang: không gãy xương", close: false, today: today)
        let fever = try await care.recordIncident(
            worker, residentID: residents[1].id!, occurredAt: "\(yesterday)T02:00", kind: IncidentKind.illness.rawValue,
            severity: IncidentSeverity.minor.rawValue, description: "Sốt 38,5 độ về đêm", actionTaken: "Hạ sốt, theo dõi", now: now)
        _ = try await care.followUp(worker, incidentID: fever, day: yesterday, note: "Đã khám, hết sốt", close: true, today: today)
        return residents.count
    }
}
