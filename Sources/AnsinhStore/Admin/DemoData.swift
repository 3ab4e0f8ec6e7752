import AnsinhCore
import FluentKit
import Foundation

/// The demo organisation loaded into an empty database: Khương Đình ward (Hà Nội) with three
/// residential groups, and the Quảng Ninh social assistance centre with its seven departments,
/// with one account per role. Codes of provinces and wards are the official post-2025 codes.
public enum DemoData {
    public static let password = "ansinh-demo-2026"

    /// Demo accounts: username, full name, role, unit code.
    public static let accounts: [(String, String, Role, String)] = [
        ("admin", "Quản trị hệ thống", .systemAdmin, "VN"),
        ("canbo.khuongdinh", "Nguyễn Thị Đặng", .wardOfficer, "00364"),
        ("lanhdao.khuongdinh", "Trần Văn Bình", .wardApprover, "00364"),
        ("ketoan.khuongdinh", "Lê Thị Hoa", .accountant, "00364"),
        ("ctxh.quangninh", "Phạm Minh Đức", .centreSocialWorker, "22-TTTGXH"),
        ("giamdoc.quangninh", "Vũ Thị Lan", .centreManager, "22-TTTGXH"),
        ("kiemtoan", "Đỗ Quang Huy", .auditor, "VN"),
    ]

    static let centreDepartments = [
        "Phòng Hành chính – Tổng hợp",
        "Phòng Công tác xã hội và Can thiệp khẩn cấp",
        "Phòng Chăm sóc, nuôi dưỡng trẻ em",
        "Phòng Chăm sóc người cao tuổi và người khuyết tật",
        "Phòng Phục hồi chức năng và Trị liệu tâm lý",
        "Phòng Dạy nghề và Hòa nhập cộng đồng",
        "Phòng Tư vấn và Tổng đài 1800 1769",
    ]

    /// The demo account `username` as an actor (nil when the demo organisation is not loaded).
    static func account(_ store: Store, _ username: String) async throws -> Actor? {
        let users = UserRepository(store)
        guard let u = try await users.find(username: username) else { return nil }
        return try await users.actor(for: u.id, fallbackLocale: .vi)
    }

    /// Loads the demo when the database has no units below the root yet. Returns false when it
    /// already had data.
    @discardableResult
    public static func loadIfEmpty(_ store: Store) async throws -> Bool {
        if try await OrgUnitModel.query(on: store.db).filter(\.$kind != UnitKind.country.rawValue).count() > 0 { return false }
        let units = UnitRepository(store)
        let actor = Actor.system
        let root = try await units.createRoot(code: "VN", name: "Việt Nam")
        let hanoi = try await units.create(actor, UnitInput(code: "01", name: "Thành phố Hà Nội", kind: "province", parentID: root.id))
        let ward = try await units.create(actor, UnitInput(code: "00364", name: "Phường Khương Đình", kind: "commune", parentID: hanoi.id, areaType: .urban))
        for n in 1...3 {
            _ = try await units.create(actor, UnitInput(code: "00364-TDP0\(n)", name: "Tổ dân phố \(n)", kind: "residential_group", parentID: ward.id))
        }
        let quangNinh = try await units.create(actor, UnitInput(code: "22", name: "Quảng Ninh", kind: "province", parentID: root.id))
        let centre = try await units.create(
            actor, UnitInput(code: "22-TTTGXH", name: "Trung tâm Trợ giúp xã hội tỉnh Quảng Ninh", kind: "centre", parentID: quangNinh.id))
        for (i, name) in centreDepartments.enumerated() {
            _ = try await units.create(actor, UnitInput(code: "22-TTTGXH-P\(i + 1)", name: name, kind: "department", parentID: centre.id))
        }
        let users = UserRepository(store)
        for (username, name, role, unitCode) in accounts {
            guard let unit = try await units.find(code: unitCode) else { continue }
            _ = try await users.create(
                actor,
                UserInput(
                    username: username, fullName: name, password: password,
                    role: role.rawValue, unitID: unit.id, locale: nil))
        }
        return true
    }
}
