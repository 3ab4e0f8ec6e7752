import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The ward's 2025 (field notes §1): merit records for its oldest residents (war invalids,
    /// martyrs' relatives, Agent Orange victims…), and its four campaigns — Tết for households
    /// in difficulty and policy families, 27 July (a gift, a visit and a health check for every
    /// person with meritorious service), 1 October for everyone 80 or older, and a zero-đồng
    /// supermarket day open to all — each listed from the registry and handed out through the
    /// repository, a few gifts recorded as not handed out. The "hundreds of gifts" of the year
    /// are these hand-outs, counted by the reports. Returns how many gifts were handed out.
    @discardableResult
    public static func loadCampaigns(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let u = try await users.find(username: "canbo.khuongdinh"), let officer = try await users.actor(for: u.id, fallbackLocale: .vi),
            let ward = try await UnitRepository(store).find(code: "00364")
        else { return 0 }
        let repo = GiftCampaignRepository(store)
        let today = store.today
        let oldest = try await store.scoped(PersonModel.self, officer).filter(\.$deathDate == nil).filter(\.$mergedInto == nil).sort(\.$birthDate)
            .limit(9).all()
        let categories: [MeritCategory] = [
            .warInvalid, .martyrRelative, .agentOrange, .warInvalid, .resistanceActivist, .martyrRelative, .agentOrange, .sickSoldier, .heroicMother,
        ]
        for (n, p) in oldest.enumerated() {
            _ = try await repo.addMerit(
                officer, personID: p.id!, category: categories[n].rawValue, detail: categories[n] == .warInvalid ? "Thương binh 2/4, tỷ lệ 61%" : "",
                since: "2005-07-27", document: "GCN-\(LocalDate.digits(n + 1, 4))/LĐTBXH", today: today)
        }
        let funds = try await FundModel.query(on: store.db).filter(\.$unitID == ward.id).all()
        let poorFund = funds.first { $0.kind == FundKind.forThePoor.rawValue }?.id
        typealias Gift = (name: String, kind: GiftKind, value: String, fund: UUID?, source: String, stock: String)
        let plans: [(String, GiftOccasion, String, [GiftCategory], GiftUnit, [Gift])] = [
            (
                "Tết vì người nghèo và nạn nhân chất độc da cam 2025", .tet, "2025-01-20",
                [.poor, .nearPoor, .agentOrange, .merit, .severeDisability], .household,
                [
                    ("Quà Tết bằng tiền", .cash, "500.000", poorFund, "", ""),
                    ("Túi quà Tết", .inKind, "300.000", nil, "Doanh nghiệp đồng hành", "60"),
                ]
            ),
            (
                "Kỷ niệm Ngày Thương binh – Liệt sĩ 27/7/2025", .july27, "2025-07-27", [.merit], .person,
                [
                    ("Quà 27/7", .cash, "600.000", nil, "Ngân sách phường", ""), ("Thăm hỏi tại gia đình", .visit, "0", nil, "", ""),
                    ("Khám sức khỏe định kỳ", .healthCheck, "0", nil, "Trạm y tế phường", ""),
                ]
            ),
            (
                "Mừng thọ Ngày Quốc tế Người cao tuổi 1/10/2025", .october1, "2025-10-01", [.elderly80], .person,
                [("Quà mừng thọ", .inKind, "300.000", nil, "Hội Người cao tuổi phường", "")]
            ),
            (
                "Siêu thị 0 đồng tháng 11/2025", .zeroDongMarket, "2025-11-15", [.everyone], .person,
                [("Phiếu mua hàng 0 đồng", .inKind, "200.000", nil, "Doanh nghiệp phường Khương Đình", "")]
            ),
        ]
        var handed = 0
        for (name, occasion, day, rule, per, gifts) in plans {
            var c = GiftCampaignInput()
            c.name = name; c.occasion = occasion.rawValue; c.day = day; c.categories = rule.map(\.rawValue); c.per = per.rawValue
            let id = try await repo.create(officer, c)
            for g in gifts {
                var t = GiftTypeInput()
                t.name = g.name; t.kind = g.kind.rawValue; t.value = g.value; t.fundID = g.fund; t.source = g.source; t.stock = g.stock
                _ = try await repo.addGiftType(officer, campaignID: id, t)
            }
            try await repo.generate(officer, campaignID: id)
            let lines = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == id).sort(\.$householdCode).sort(\.$name).all()
            // On a market day some people do not come; one Tết household had moved away.
            let away = occasion == .zeroDongMarket ? Set(lines.enumerated().filter { $0.offset % 12 == 5 }.map { $0.element.id! }) : []
            let moved = occasion == .tet ? lines.last.map { [$0.id!] } ?? [] : []
            if !away.isEmpty { _ = try await repo.notHanded(officer, campaignID: id, entries: Array(away), reason: "Vắng nhà, không đến nhận") }
            if !moved.isEmpty { _ = try await repo.notHanded(officer, campaignID: id, entries: moved, reason: "Hộ đã chuyển đi") }
            let give = lines.map { $0.id! }.filter { !away.contains($0) && !moved.contains($0) }
            if !give.isEmpty { handed += try await repo.handOut(officer, campaignID: id, entries: give, handedOn: day, today: today).handed }
            try await repo.close(officer, campaignID: id)
        }
        return handed
    }
}
