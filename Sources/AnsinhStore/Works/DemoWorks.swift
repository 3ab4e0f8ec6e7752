import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The ward's living-conditions works of 2025 (field notes §1: alley lighting, internal
    /// roads, drainage and flood reduction, playgrounds, waste collection — "the state and the
    /// people do it together"): proposed from residential-group meetings and the ward's plan,
    /// approved by the chairman, funded by the state budget and by residents' and firms'
    /// contributions collected in a fund of their own and given through the ledger, followed in
    /// a diary, completed and handed over to the residential groups. Every step goes through
    /// the repositories, dated on its day. Returns the number of works.
    @discardableResult
    public static func loadWorks(_ store: Store) async throws -> Int {
        func actor(_ name: String) async throws -> Actor? { try await account(store, name) }
        guard let officer = try await actor("canbo.khuongdinh"), let chairman = try await actor("lanhdao.khuongdinh") else { return 0 }
        let repo = WorksRepository(store)
        func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
        typealias Plan = (group: String, kind: WorkKind, title: String, location: String, point: String, origin: WorkOrigin, estimate: Int64)
        let plans: [Plan] = [
            ("00364-TDP01", .lighting, "Lắp đèn chiếu sáng ngõ 211 Khương Trung", "Ngõ 211 Khương Trung", "20.99615, 105.81892", .groupMeeting, 60_000_000),
            ("00364-TDP02", .drainage, "Cải tạo rãnh thoát nước ngõ 4 Khương Đình", "Ngõ 4 Khương Đình", "20.99412, 105.81655", .groupMeeting, 180_000_000),
            ("00364-TDP03", .playground, "Sân chơi cho trẻ em tổ dân phố 3", "Khu đất trống cạnh nhà văn hóa", "20.99208, 105.82011", .wardPlan, 120_000_000),
            ("00364-TDP01", .wastePoint, "Điểm tập kết rác phân loại tại nguồn", "Đầu ngõ 215 Khương Trung", "20.99702, 105.81780", .wardPlan, 25_000_000),
        ]
        var ids: [UUID] = []
        for (n, p) in plans.enumerated() {
            var w = WorkInput()
            w.unitCode = "00364"; w.groupCode = p.group; w.kind = p.kind.rawValue; w.title = p.title; w.location = p.location; w.coordinates = p.point
            w.origin = p.origin.rawValue; w.estimate = p.estimate
            w.need =
                p.origin == .groupMeeting
                ? "Họp tổ dân phố đề nghị: ngõ tối, ngập khi mưa to, người già và trẻ em đi lại khó khăn" : "Kế hoạch của phường năm 2025"
            let id = try await repo.propose(officer, w, today: day("2025-0\(2 + n)-10"))
            ids.append(id)
            var s = WorkStepInput()
            s.decision = "\(12 + n)/QĐ-UBND"
            try await repo.step(chairman, work: id, .approve, s, today: day("2025-0\(3 + n)-05"))
            try await repo.addBudget(
                officer, work: id, amount: p.estimate / 2, decision: "\(12 + n)/QĐ-UBND", day: "2025-0\(3 + n)-05", today: day("2025-0\(3 + n)-05"))
        }
        // The residents' and firms' part, collected in a fund of its own and given to the works.
        let funds = FundRepository(store)
        var f = FundInput()
        f.name = "Quỹ vận động xây dựng công trình dân sinh 2025"; f.kind = FundKind.campaign.rawValue
        f.purpose = "Nhà nước và nhân dân cùng làm: đóng góp của người dân và doanh nghiệp cho đèn ngõ, thoát nước, sân chơi"
        f.allowedKinds = [DisbursementKind.cash.rawValue]
        let fund = try await funds.createFund(officer, f)
        for n in 0..<12 {
            var d = DonorInput()
            d.kind = (n < 2 ? DonorKind.firm : .individual).rawValue
            d.name = n < 2 ? "Công ty TNHH Xây dựng Khương Đình \(n + 1)" : "Hộ gia đình tổ dân phố \(n % 3 + 1) – \(n)"
            let donor = try await funds.addDonor(officer, d)
            var r = ReceiptInput()
            r.donorID = donor; r.receivedOn = "2025-04-\(10 + n)"; r.method = (n < 2 ? ReceiptMethod.bank : .cashDesk).rawValue
            r.amount = n < 2 ? "50.000.000" : "2.000.000"
            _ = try await funds.recordReceipt(officer, fundID: fund, r, today: day(r.receivedOn))
        }
        for (n, id) in ids.prefix(3).enumerated() {
            var i = DisbursementInput()
            i.kind = DisbursementKind.cash.rawValue; i.sourceAccount = LedgerAccount.bank.rawValue; i.beneficiaryKind = BeneficiaryKind.work.rawValue
            i.beneficiaryID = id; i.amount = ["30.000.000", "40.000.000", "30.000.000"][n]; i.purpose = "Phần đóng góp của nhân dân và doanh nghiệp"
            let d = try await funds.propose(officer, fundID: fund, i, today: day("2025-05-0\(n + 2)"))
            try await funds.approve(chairman, disbursementID: d, today: day("2025-05-0\(n + 5)"))
        }
        // The lighting and the drainage were built and handed over; the playground is under way.
        for (n, id) in ids.prefix(3).enumerated() {
            var s = WorkStepInput()
            s.date = "2025-06-0\(n + 1)"
            try await repo.step(officer, work: id, .start, s, today: day(s.date))
            s.date = "2025-07-1\(n)"; s.percent = 60; s.note = "Đã thi công xong phần chính, người dân giám sát cùng tổ dân phố"
            try await repo.step(officer, work: id, .progress, s, today: day(s.date))
            guard n < 2 else { continue }
            s.date = "2025-09-2\(n)"
            try await repo.step(officer, work: id, .complete, s, today: day(s.date))
            s.date = "2025-10-0\(n + 1)"; s.handedTo = "Tổ dân phố \(n + 1) quản lý, sử dụng"
            try await repo.step(officer, work: id, .handOver, s, today: day(s.date))
        }
        return ids.count + (try await loadGratitudeHouses(store, officer: officer, chairman: chairman))
    }

    /// Three policy families' houses surveyed in 2025 and repaired from the ward's Gratitude
    /// Fund through its books (field notes §1: roofs, floors, parts): two handed over to the
    /// families, one under way. Needs the merit records (`loadCampaigns`). Returns how many.
    static func loadGratitudeHouses(_ store: Store, officer: Actor, chairman: Actor) async throws -> Int {
        let repo = WorksRepository(store), funds = FundRepository(store)
        guard let ward = try await UnitRepository(store).find(code: "00364"),
            let fund = try await FundModel.query(on: store.db).filter(\.$unitID == ward.id).filter(\.$kind == FundKind.gratitude.rawValue).first()
        else { return 0 }
        func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
        let houses = try await repo.policyHouses(officer).prefix(3)
        let plans: [(HouseCondition, String, String)] = [
            (.damaged, "Sửa mái và nền nhà tình nghĩa", "Mái ngói vỡ, dột khi mưa; nền nhà lún"),
            (.unsafe, "Gia cố tường và thay mái nhà tình nghĩa", "Tường nứt, mái xà gồ mục, nguy cơ sập"),
            (.worn, "Lát lại nền, sơn lại nhà tình nghĩa", "Nền bong tróc, tường ẩm mốc"),
        ]
        for (n, h) in houses.enumerated() {
            let (condition, title, need) = plans[n]
            var w = WorkInput()
            w.unitCode = "00364"; w.kind = WorkKind.gratitudeHouse.rawValue; w.title = title; w.location = "Nhà hộ \(h.householdCode)"; w.need = need
            w.origin = WorkOrigin.wardPlan.rawValue; w.estimate = 30_000_000; w.householdCode = h.householdCode; w.houseCondition = condition.rawValue
            let id = try await repo.propose(officer, w, today: day("2025-0\(5 + n)-05"))
            var s = WorkStepInput()
            s.decision = "\(40 + n)/QĐ-UBND"
            try await repo.step(chairman, work: id, .approve, s, today: day("2025-0\(5 + n)-09"))
            var i = DisbursementInput()
            i.kind = DisbursementKind.houseRepair.rawValue; i.sourceAccount = LedgerAccount.bank.rawValue; i.beneficiaryKind = BeneficiaryKind.work.rawValue
            i.beneficiaryID = id; i.amount = "30.000.000"; i.purpose = title
            let d = try await funds.propose(officer, fundID: fund.id!, i, today: day("2025-0\(6 + n)-12"))
            try await funds.approve(chairman, disbursementID: d, today: day("2025-0\(6 + n)-15"))
            s.date = "2025-0\(6 + n)-20"; s.contractor = "Tổ thợ xây tổ dân phố \(n + 1)"
            try await repo.step(officer, work: id, .start, s, today: day(s.date))
            guard n < 2 else { continue }
            s.date = "2025-0\(7 + n)-25"
            try await repo.step(officer, work: id, .complete, s, today: day(s.date))
            s.date = "2025-0\(7 + n)-28"; s.handedTo = "Chủ hộ nhận nhà, ký biên bản nghiệm thu"
            try await repo.step(officer, work: id, .handOver, s, today: day(s.date))
        }
        return houses.count
    }
}
