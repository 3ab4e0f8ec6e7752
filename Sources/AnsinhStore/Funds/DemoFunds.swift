import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The funds of 2025 (field notes §2 and §1): the centre's Child Protection Fund raised
    /// 1,900,000,000 đồng from 200 organisations and firms (some of it in kind, some earmarked for
    /// scholarships) and gave out cash, goods, scholarships and school supplies to residents and
    /// cases; its charity fundraising raised 256,500,000 đồng; the ward's Gratitude Fund repaired
    /// policy families' houses and its "For the poor" fund helped households. Recorded through
    /// the repository's own calls (a maker proposes, another approves), books closed through
    /// December 2025; the reports read these records. Returns how many gifts and disbursements
    /// were booked.
    @discardableResult
    public static func loadFunds(_ store: Store) async throws -> Int {
        func actor(_ name: String) async throws -> Actor? { try await account(store, name) }
        guard let manager = try await actor("giamdoc.quangninh"), let worker = try await actor("ctxh.quangninh"),
            let officer = try await actor("canbo.khuongdinh"), let chairman = try await actor("lanhdao.khuongdinh")
        else { return 0 }
        let repo = FundRepository(store)
        var cpf = FundInput()
        cpf.name = "Quỹ Bảo trợ trẻ em tỉnh Quảng Ninh"; cpf.kind = FundKind.childProtection.rawValue
        cpf.purpose = "Hỗ trợ trẻ em có hoàn cảnh đặc biệt: tiền mặt, hiện vật, học bổng, đồ dùng học tập"
        cpf.allowedKinds = ["cash", "in_kind", "scholarship", "school_supplies"]
        let fund = try await repo.createFund(manager, cpf)
        var booked = 0
        var charity = FundInput()
        charity.name = "Quỹ vận động từ thiện an sinh xã hội"; charity.kind = FundKind.charity.rawValue
        charity.purpose = "Vận động từ thiện cho người cao tuổi, người khuyết tật và đối tượng bảo trợ tại Trung tâm"
        charity.allowedKinds = ["cash", "in_kind", "house_repair"]
        let charityFund = try await repo.createFund(manager, charity)
        let forms = ["Công ty TNHH", "Công ty Cổ phần", "Ngân hàng TMCP", "Hội", "Tập đoàn"]
        let names = [
            "Than Hạ Long", "Cảng Cái Lân", "Du lịch Bãi Cháy", "Xi măng Thăng Long", "Thủy sản Vân Đồn", "Điện lực Quảng Ninh", "Vận tải Biển Đông",
            "Xây dựng Hòn Gai", "Gốm Đông Triều", "Nhiệt điện Mông Dương",
        ]
        // 150 gifts of 5,000,000 (30 in kind: exercise books), 40 of 20,000,000 (20 earmarked
        // for scholarships), 10 of 35,000,000: 1,900,000,000 from 200 donors.
        for n in 0..<200 {
            var d = DonorInput()
            d.kind = (n % 3 == 0 ? DonorKind.organisation : .firm).rawValue
            d.name = "\(forms[n % forms.count]) \(names[(n / forms.count) % names.count]) \(n / 50 + 1)"
            d.taxCode = n % 2 == 0 ? "57\(LocalDate.digits(100_000 + n * 37, 8))" : ""; d.contact = "Phòng Hành chính"; d.address = "Quảng Ninh"
            d.anonymous = n % 25 == 7
            let donor = try await repo.addDonor(manager, d)
            var r = ReceiptInput()
            r.donorID = donor; r.receivedOn = LocalDate(year: 2025, month: n % 12 + 1, day: n % 27 + 1)!.iso
            r.reference = "UNC \(2025)\(LocalDate.digits(n + 1, 4))"
            if n < 150 && n % 5 == 0 {
                r.method = ReceiptMethod.inKind.rawValue
                r.items = [ItemInput(description: "Vở học sinh 96 trang", quantity: "250", unitLabel: "quyển", unitValue: "20.000")]
            } else {
                r.method = (n % 7 == 0 ? ReceiptMethod.cashDesk : .bank).rawValue
                r.amount = n < 150 ? "5.000.000" : n < 190 ? "20.000.000" : "35.000.000"
                if n >= 150 && n < 190 && n % 2 == 0 { r.earmark = DisbursementKind.scholarship.rawValue }
            }
            _ = try await repo.recordReceipt(manager, fundID: fund, r, today: LocalDate(iso: r.receivedOn)!)
            booked += 1
        }
        // Charity: 40 gifts of 5,000,000 and 5 of 11,300,000 from people and firms.
        for n in 0..<45 {
            var d = DonorInput()
            d.kind = (n < 40 ? DonorKind.individual : .firm).rawValue; d.name = n < 40 ? "Nhà hảo tâm \(n + 1)" : "Doanh nghiệp đồng hành \(n - 39)"
            d.anonymous = n % 10 == 3
            let donor = try await repo.addDonor(manager, d)
            var r = ReceiptInput()
            r.donorID = donor; r.receivedOn = LocalDate(year: 2025, month: n % 12 + 1, day: 10 + n % 15)!.iso; r.method = ReceiptMethod.bank.rawValue
            r.amount = n < 40 ? "5.000.000" : "11.300.000"
            _ = try await repo.recordReceipt(manager, fundID: charityFund, r, today: LocalDate(iso: r.receivedOn)!)
            booked += 1
        }
        // Given out in 2025: a scholarship and school supplies for residents, cash for cases.
        let residents = try await store.scoped(CareResidentModel.self, manager).sort(\.$admittedOn).limit(12).all()
        for (n, r) in residents.enumerated() {
            let day = LocalDate(year: 2025, month: 8 + n % 4, day: 20)!
            for (kind, source, amount) in [(DisbursementKind.scholarship, LedgerAccount.bank, "3.000.000"), (.schoolSupplies, .goods, "1.000.000")] {
                var i = DisbursementInput()
                i.kind = kind.rawValue; i.sourceAccount = source.rawValue; i.amount = amount; i.beneficiaryKind = BeneficiaryKind.resident.rawValue
                i.beneficiaryID = r.id; i.purpose = kind == .scholarship ? "Học bổng năm học 2025–2026" : "Vở và đồ dùng học tập đầu năm học"
                let d = try await repo.propose(worker, fundID: fund, i, today: day)
                try await repo.approve(manager, disbursementID: d, today: day.adding(days: 2))
                booked += 1
            }
        }
        let cases = try await store.scoped(CaseModel.self, manager).sort(\.$number).limit(10).all()
        for (n, c) in cases.enumerated() {
            var i = DisbursementInput()
            i.kind = DisbursementKind.cash.rawValue; i.sourceAccount = LedgerAccount.bank.rawValue; i.amount = "2.000.000"
            i.beneficiaryKind = BeneficiaryKind.case.rawValue; i.beneficiaryID = c.id; i.purpose = "Hỗ trợ khẩn cấp cho trẻ và gia đình"
            let day = LocalDate(year: 2025, month: 3 + n, day: 15)!
            let d = try await repo.propose(worker, fundID: fund, i, today: day)
            try await repo.approve(manager, disbursementID: d, today: day)
            booked += 1
        }
        for f in [fund, charityFund] { try await repo.closeBooks(manager, fundID: f, month: "2025-12", today: store.today) }
        return booked + (try await loadWardFunds(store, officer: officer, chairman: chairman))
    }

    /// The ward's Gratitude Fund (house repairs of policy families, given in `loadWorks`) and
    /// "For the poor" fund.
    static func loadWardFunds(_ store: Store, officer: Actor, chairman: Actor) async throws -> Int {
        let repo = FundRepository(store)
        var g = FundInput()
        g.name = "Quỹ Đền ơn đáp nghĩa phường Khương Đình"; g.kind = FundKind.gratitude.rawValue
        g.purpose = "Sửa chữa nhà tình nghĩa, thăm hỏi và tặng quà gia đình chính sách"; g.allowedKinds = ["house_repair", "cash", "in_kind"]
        let gratitude = try await repo.createFund(officer, g)
        var p = FundInput()
        p.name = "Quỹ Vì người nghèo phường Khương Đình"; p.kind = FundKind.forThePoor.rawValue
        p.purpose = "Hỗ trợ hộ nghèo, hộ cận nghèo và hộ gặp khó khăn đột xuất"; p.allowedKinds = ["cash", "in_kind", "scholarship"]
        let poor = try await repo.createFund(officer, p)
        for n in 0..<24 {
            var d = DonorInput()
            d.kind = (n % 2 == 0 ? DonorKind.firm : .individual).rawValue
            d.name = n % 2 == 0 ? "Doanh nghiệp phường Khương Đình \(n / 2 + 1)" : "Hộ kinh doanh tổ dân phố \(n % 6 + 1) – \(n)"
            let donor = try await repo.addDonor(officer, d)
            var r = ReceiptInput()
            r.donorID = donor; r.receivedOn = LocalDate(year: 2025, month: n % 12 + 1, day: 5)!.iso; r.method = ReceiptMethod.bank.rawValue
            r.amount = n < 12 ? "10.000.000" : "5.000.000"
            _ = try await repo.recordReceipt(officer, fundID: n % 3 == 0 ? poor : gratitude, r, today: LocalDate(iso: r.receivedOn)!)
        }
        // The Gratitude Fund's house repairs are given to the repair works of policy families
        // (`loadWorks`); "For the poor" helps three households here.
        let households = try await store.scoped(HouseholdModel.self, officer).sort(\.$code).limit(6).all()
        var booked = 24
        for (n, h) in households.enumerated() where n >= 3 {
            var i = DisbursementInput()
            i.beneficiaryKind = BeneficiaryKind.household.rawValue; i.beneficiaryID = h.id; i.sourceAccount = LedgerAccount.bank.rawValue
            let day = LocalDate(year: 2025, month: 6 + n, day: 12)!
            let fund = n < 3 ? gratitude : poor
            if n < 3 {
                i.kind = DisbursementKind.houseRepair.rawValue; i.amount = "30.000.000"; i.purpose = "Sửa mái và nền nhà tình nghĩa"
            } else {
                i.kind = DisbursementKind.cash.rawValue; i.amount = "3.000.000"; i.purpose = "Hỗ trợ hộ nghèo dịp khó khăn"
            }
            let d = try await repo.propose(officer, fundID: fund, i, today: day)
            try await repo.approve(chairman, disbursementID: d, today: day.adding(days: 3))
            booked += 1
        }
        return booked
    }
}
