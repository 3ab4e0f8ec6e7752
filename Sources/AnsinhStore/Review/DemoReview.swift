import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// Khương Đình's periodic poverty review of 2025 (Decision 24/2021/QĐ-TTg), walked through
    /// its real steps: the households that asked or that the groups named are surveyed in
    /// September, each group meets in early October, the list is posted, and the chairman decides
    /// on 22 October. It finds **zero poor households** (field notes §1) and three near-poor ones,
    /// among them the widow raising two children (Decree 20 Art. 5(4)). Returns how many
    /// households the decision classified (0 when the ward or the accounts are missing, or when
    /// the clock is before the decision day).
    @discardableResult
    public static func loadReview(_ store: Store) async throws -> Int {
        guard let officer = try await account(store, "canbo.khuongdinh"), let chairman = try await account(store, "lanhdao.khuongdinh"),
            let ward = try await UnitRepository(store).find(code: "00364")
        else { return 0 }
        func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
        guard store.today > day("2025-10-22") else { return 0 }
        let repo = ReviewRepository(store)
        let campaign = try await repo.createCampaign(officer, CampaignInput(communeID: ward.id, year: 2025, kind: "periodic"), today: day("2025-09-02")).id
        // Income a person a month and the deprivations found; the urban poverty line is 2,000,000 đ.
        let surveys: [(String, String, [String])] = [
            ("00364-G0000041", "1800000", ["employment", "health_insurance"]),  // the widow and her two children
            ("00364-G0000016", "1950000", ["health_insurance"]),  // an elderly woman living alone
            ("00364-G0000032", "1700000", ["telecom"]),  // an elderly woman living alone
            ("00364-G0000022", "2600000", []),
            ("00364-G0000030", "3100000", []),
            ("00364-G0000039", "2800000", ["latrine"]),
        ]
        var entries: [String: UUID] = [:]
        for (code, _, _) in surveys where try await HouseholdModel.query(on: store.db).filter(\.$code == code).count() > 0 {
            entries[code] = try await repo.addRequest(officer, campaignID: campaign, householdCode: code)
        }
        _ = try await repo.advance(officer, campaignID: campaign, today: day("2025-09-10"))
        for (code, income, deprivations) in surveys {
            guard let entry = entries[code] else { continue }
            _ = try await repo.saveSurvey(
                officer, entryID: entry, SurveyInput(income: income, deprivations: deprivations, collector: "Tổ trưởng tổ dân phố", collectedOn: "2025-09-16"),
                today: day("2025-09-20"))
        }
        _ = try await repo.advance(officer, campaignID: campaign, today: day("2025-09-30"))
        let groups = Set(try await ReviewEntryModel.query(on: store.db).filter(\.$campaignID == campaign).all().map(\.groupID))
        for (i, group) in groups.sorted(by: { ($0?.uuidString ?? "") < ($1?.uuidString ?? "") }).enumerated() {
            _ = try await repo.recordMeeting(
                officer, campaignID: campaign, groupID: group, heldOn: "2025-10-0\(3 + i)", present: 24 + i, agree: 22 + i,
                note: "Họp dân tổ dân phố bình xét", today: day("2025-10-06"))
        }
        _ = try await repo.startPosting(officer, campaignID: campaign, start: "2025-10-08", today: day("2025-10-08"))
        _ = try await repo.advance(officer, campaignID: campaign, today: day("2025-10-20"))
        return try await repo.decide(chairman, campaignID: campaign, number: "215/QĐ-UBND", date: "2025-10-22", today: day("2025-10-22"))
    }
}
