import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The Quảng Ninh centre's job-position plan and its 129 staff in post at the end of 2025
    /// (field notes §2: 7 departments, 129 staff): 135 places approved, 129 filled, one person
    /// who left in 2025; the manager's and the social worker's accounts linked to their places.
    @discardableResult
    public static func loadStaff(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let m = try await users.find(username: "giamdoc.quangninh"), let manager = try await users.actor(for: m.id, fallbackLocale: .vi) else {
            return 0
        }
        let plan: [[(String, Int, Int)]] = [
            [("Giám đốc", 1, 1), ("Phó Giám đốc", 2, 2), ("Kế toán", 3, 3), ("Văn thư – hành chính", 6, 5), ("Lái xe – bảo vệ", 8, 8)],
            [("Công tác xã hội viên", 14, 13)],
            [("Nhân viên chăm sóc trẻ em", 24, 23), ("Giáo viên", 4, 4)],
            [("Nhân viên chăm sóc", 26, 25), ("Điều dưỡng", 6, 6)],
            [("Kỹ thuật viên phục hồi chức năng", 8, 8), ("Nhà trị liệu tâm lý", 6, 5), ("Bác sĩ", 3, 3)],
            [("Giáo viên dạy nghề", 8, 8)],
            [("Tư vấn viên tổng đài", 16, 15)],
        ]
        let staff = StaffRepository(store)
        let given = [
            "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Minh", "Nga", "Phương", "Quân", "Thảo", "Trang",
        ]
        let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
        var n = 0
        for (i, positions) in plan.enumerated() {
            guard let department = try await UnitRepository(store).find(code: "22-TTTGXH-P\(i + 1)") else { continue }
            for (title, approved, filled) in positions {
                let position = try await staff.addPosition(manager, departmentID: department.id, title: title, approved: approved)
                for k in 0..<filled {
                    let account = title == "Giám đốc" ? "giamdoc.quangninh" : (title == "Công tác xã hội viên" && k == 0 ? "ctxh.quangninh" : "")
                    _ = try await staff.addMember(
                        manager, positionID: position, fullName: "\(families[n % families.count]) \(n % 2 == 0 ? "Thị" : "Văn") \(given[n % given.count])",
                        qualification: ["Đại học Công tác xã hội", "Cao đẳng Điều dưỡng", "Đại học Tâm lý học", "Trung cấp"][n % 4],
                        startedOn: String(format: "%04d-%02d-01", 2010 + n % 15, 1 + n % 12), username: account, today: store.today)
                    n += 1
                }
            }
        }
        // One who left in 2025: the place is free again.
        if let department = try await UnitRepository(store).find(code: "22-TTTGXH-P2"),
            let position = try await StaffPositionModel.query(on: store.db).filter(\.$unitID == department.id).first()
        {
            let id = try await staff.addMember(
                manager, positionID: position.id, fullName: "Lý Văn Nghỉ", qualification: "Đại học Công tác xã hội", startedOn: "2019-03-01", username: "",
                today: store.today)
            try await staff.leave(manager, memberID: id, on: "2025-06-30", today: store.today)
        }
        return n
    }
}
