import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The ward's school year 2025–2026 (field notes §1: fee exemption and reduction agreed with
    /// schools, books at the start of the year, scholarships from firms): the schools the ward's
    /// children attend, its children recorded at them (a few left unrecorded, so the list of
    /// children with no school has work in it), each school's list applied by the school on
    /// 20 September except one pupil who moved school, the books handed out on 5 September to
    /// the pupils supported and the children of poor and near-poor households, and a scholarship from the "For the poor" fund.
    /// Everything goes through the repositories; the figures come from these records.
    @discardableResult
    public static func loadEducation(_ store: Store) async throws -> Int {
        func actor(_ name: String) async throws -> Actor? { try await account(store, name) }
        guard let officer = try await actor("canbo.khuongdinh"), let chairman = try await actor("lanhdao.khuongdinh") else { return 0 }
        let repo = EducationRepository(store), year = SchoolYear(2025), opening = LocalDate(year: 2025, month: 9, day: 5)!
        let plans: [(String, SchoolLevel, SchoolOwnership, String)] = [
            ("Trường Mầm non Khương Đình", .preschool, .public, "Ngõ 1 Khương Đình"),
            ("Trường Mầm non tư thục Hoa Sen", .preschool, .private, "Số 12 Khương Trung"),
            ("Trường Tiểu học Khương Đình", .primary, .public, "Số 2 Khương Đình"),
            ("Trường THCS Khương Đình", .lowerSecondary, .public, "Số 4 Khương Đình"),
            ("Trường THPT Khương Đình", .upperSecondary, .public, "Số 6 Khương Hạ"),
        ]
        var schools: [SchoolLevel: [UUID]] = [:]
        for (name, level, ownership, address) in plans {
            var s = SchoolInput()
            s.unitCode = "00364"; s.name = name; s.level = level.rawValue; s.ownership = ownership.rawValue; s.address = address
            schools[level, default: []].append(try await repo.addSchool(officer, s))
        }
        let children = try await store.scoped(PersonModel.self, officer).filter(\.$deathDate == nil).filter(\.$mergedInto == nil)
            .filter(\.$birthYear >= 2008).filter(\.$birthYear <= 2022).sort(\.$fullName).sort(\.$birthYear).all()
        var recorded = 0
        for (n, p) in children.enumerated() where n % 10 != 9 {
            let age = year.start - p.birthYear
            let level: SchoolLevel = age < 6 ? .preschool : age < 11 ? .primary : age < 15 ? .lowerSecondary : .upperSecondary
            let at = schools[level]!
            var i = PupilInput()
            i.personID = p.id; i.schoolID = at[n % at.count]; i.schoolYear = year.start
            i.grade = level == .preschool ? "Lớp \(age) tuổi" : "Lớp \(age - 5)"
            do {
                _ = try await repo.recordPupil(officer, i, today: opening)
                recorded += 1
            } catch AppError.validation {
                continue  // a child with no current household is left for the officer
            }
        }
        let proposed = try await EducationSupportModel.query(on: store.db).filter(\.$schoolYear == year.start).sort(\.$personID).all()
        for (n, s) in proposed.enumerated() {
            if n == proposed.count - 1 && n > 0 {
                try await repo.step(officer, support: s.id!, .decline, date: "", reason: "Gia đình chuyển trường ngoài phường", today: opening.adding(days: 15))
            } else {
                try await repo.step(officer, support: s.id!, .apply, date: "2025-09-20", reason: "", today: opening.adding(days: 15))
            }
        }
        // Books at the start of the school year, for the pupils the ward supports and the children
        // of poor and near-poor households.
        let campaigns = GiftCampaignRepository(store)
        var c = GiftCampaignInput()
        c.name = "Tặng sách vở đầu năm học 2025–2026"; c.occasion = GiftOccasion.schoolYear.rawValue; c.day = opening.iso
        c.categories = [GiftCategory.supportedPupil.rawValue, GiftCategory.childInPoorHousehold.rawValue]; c.per = GiftUnit.person.rawValue
        let campaign = try await campaigns.create(officer, c)
        var t = GiftTypeInput()
        t.name = "Bộ sách giáo khoa và vở"; t.kind = GiftKind.inKind.rawValue; t.value = "250.000"; t.source = "Doanh nghiệp đồng hành"
        _ = try await campaigns.addGiftType(officer, campaignID: campaign, t)
        _ = try await campaigns.generate(officer, campaignID: campaign)
        let lines = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == campaign).all().map { $0.id! }
        if !lines.isEmpty { _ = try await campaigns.handOut(officer, campaignID: campaign, entries: lines, handedOn: opening.iso, today: store.today) }
        try await campaigns.close(officer, campaignID: campaign)
        // A firm's scholarship through the ward's "For the poor" fund, to the first supported pupil.
        if let fund = try await store.scoped(FundModel.self, officer).filter(\.$kind == FundKind.forThePoor.rawValue).first(),
            let pupil = proposed.first
        {
            let funds = FundRepository(store)
            var d = DisbursementInput()
            d.kind = DisbursementKind.scholarship.rawValue; d.sourceAccount = LedgerAccount.bank.rawValue; d.amount = "2.000.000"
            d.beneficiaryKind = BeneficiaryKind.person.rawValue; d.beneficiaryID = pupil.personID; d.purpose = "Học bổng năm học 2025–2026"
            let id = try await funds.propose(officer, fundID: fund.id!, d, today: LocalDate(year: 2025, month: 9, day: 22)!)
            try await funds.approve(chairman, disbursementID: id, today: LocalDate(year: 2025, month: 9, day: 25)!)
        }
        return recorded
    }
}
