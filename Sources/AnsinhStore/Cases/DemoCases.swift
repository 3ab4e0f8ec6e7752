import AnsinhCore
import Foundation

extension DemoData {
    /// The Quảng Ninh centre's emergency interventions of 2025 (field notes §2): 26 cases, 3 of
    /// them sheltered at the centre and 23 supported in the community; 22 closed, 4 still
    /// followed. Opened and taken through every step by the centre's social worker, closures
    /// approved by its director — the ordinary audited path, so the report counts records.
    @discardableResult
    public static func loadCases(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let w = try await users.find(username: "ctxh.quangninh"), let d = try await users.find(username: "giamdoc.quangninh"),
            let worker = try await users.actor(for: w.id, fallbackLocale: .vi), let director = try await users.actor(for: d.id, fallbackLocale: .vi)
        else { return 0 }
        let repo = CaseRepository(store)
        let given = ["Hạnh", "Minh", "Lan", "Tuấn", "Hoa", "Nam", "Mai", "Khoa", "Linh", "Phúc", "Trang", "Huy", "Ngọc"]
        let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
        let reasons = [
            "Trẻ bị bạo lực trong gia đình", "Trẻ bị bỏ rơi, không có người chăm sóc", "Nguy cơ bị xâm hại", "Phụ nữ bị chồng bạo hành",
            "Trẻ bỏ nhà đi lang thang", "Người cao tuổi bị bỏ mặc",
        ]
        var followed: [(id: UUID, received: Date)] = []
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        for i in 0..<26 {
            var input = CaseInput()
            input.unitID = worker.unitID
            input.kind = CaseKind.emergency.rawValue
            input.source = [CaseSource.hotline, .police, .wardOffice, .school, .healthFacility][i % 5].rawValue
            input.riskLevel = [RiskLevel.high, .critical, .medium][i % 3].rawValue
            input.riskReason = reasons[i % reasons.count]
            let month = 1 + (i * 11) / 26
            input.receivedAt = calendar.date(from: DateComponents(year: 2025, month: month, day: 3 + i % 25, hour: 9, minute: 30))
            let sheltered = i % 9 == 4  // three of them: the 5th, 14th and 23rd
            input.placement = (sheltered ? Placement.temporaryShelter : .communitySupport).rawValue
            if sheltered { input.shelterFrom = String(format: "2025-%02d-%02d", month, 3 + i % 25) }
            input.personName = "\(families[i % families.count]) \(i % 2 == 0 ? "Thị" : "Văn") \(given[i % given.count])"
            input.personGender = (i % 2 == 0 ? Gender.female : .male).rawValue
            input.personBirthYear = 2008 + i % 12
            let id = try await repo.open(worker, input).id
            try await repo.transition(worker, id: id, .assess, fields: ["risk_level": input.riskLevel, "assessment": "Đánh giá tại nhà, có biên bản"])
            try await repo.transition(
                worker, id: id, .plan,
                fields: [
                    "goal": "Bảo đảm an toàn và ổn định cuộc sống", "responsible": worker.username,
                    "due_date": String(format: "2025-%02d-28", min(12, month + 1)),
                ])
            try await repo.transition(worker, id: id, .intervene)
            try await repo.transition(worker, id: id, .followUp)
            // The four received last are still followed up.
            guard i < 22 else {
                followed.append((id, input.receivedAt!))
                continue
            }
            try await repo.transition(
                worker, id: id, .requestClosure, fields: ["closure_reason": "Đã an toàn, ổn định", "outcome": "Trở về gia đình, được địa phương theo dõi"])
            try await repo.transition(director, id: id, .approveClosure)
        }
        try await referToTheWard(store, worker, followed.suffix(2).map(\.id))
        return 26
    }

    /// Two of the children still followed live in Khương Đình: with a parent's consent, the
    /// centre refers each to the ward (school return, health check); the ward has answered one.
    static func referToTheWard(_ store: Store, _ worker: Actor, _ cases: [UUID]) async throws {
        let users = UserRepository(store)
        guard let o = try await users.find(username: "canbo.khuongdinh"), let officer = try await users.actor(for: o.id, fallbackLocale: .vi) else {
            return
        }
        let repo = CaseRepository(store)
        for (n, caseID) in cases.enumerated() {
            var consent = ConsentInput()
            consent.purpose = ConsentPurpose.referral.rawValue; consent.recipientKind = ReferralRecipient.wardOffice.rawValue
            consent.scope = "Họ tên, địa chỉ, hoàn cảnh và kế hoạch hỗ trợ"; consent.givenBy = ConsentGiver.parent.rawValue
            consent.givenByName = "Mẹ của trẻ"; consent.givenOn = store.today.iso
            try await repo.addConsent(worker, caseID: caseID, consent)
            var referral = ReferralInput()
            referral.recipientKind = ReferralRecipient.wardOffice.rawValue; referral.recipientUnitCode = "00364"
            referral.service = n == 0 ? "Hỗ trợ trẻ đi học lại và miễn học phí" : "Khám sức khỏe và cấp thẻ bảo hiểm y tế"
            referral.dueDate = store.today.adding(days: 10 + 5 * n).iso
            let id = try await repo.refer(worker, caseID: caseID, referral)
            if n == 0 { try await repo.answer(officer, referralID: id, .serviceGiven, note: "Trẻ đã đi học lại tại trường của phường; được miễn học phí") }
        }
    }
}
