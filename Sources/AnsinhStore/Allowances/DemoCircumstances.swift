import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The ward's circumstances recorded from the 2025 applications and home visits: a child whose
    /// parents died, cared for by an aunt's household (Art. 5(1), 20(1)), an orphan still at
    /// vocational school (5(2)), a widow raising two children who moved in with them in March
    /// 2025 (5(4), once the 2025 review finds her household near-poor: `loadReview`), a couple
    /// with severe disabilities raising a baby, who moved in in June 2025 (20(2)(a): the wife
    /// claims the care support, one per couple), and a household caring for a member with an
    /// especially severe disability (20(2)(c)). The elderly cared for in the community (5(5)(d))
    /// need a poor household, which the ward, having just reached zero poor households, no longer
    /// has. Nothing is decided for them: "no one missed" lists each one until the officer acts.
    /// Returns how many persons' circumstances were recorded.
    @discardableResult
    public static func loadCircumstances(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let u = try await users.find(username: "canbo.khuongdinh"), let officer = try await users.actor(for: u.id, fallbackLocale: .vi) else {
            return 0
        }
        let today = store.today
        let persons = try await store.scoped(PersonModel.self, officer).filter(\.$deathDate == nil).filter(\.$mergedInto == nil)
            .sort(\.$fullName).all()
        func birth(_ p: PersonModel) -> LocalDate? { BirthDate(text: p.birthDate)?.date }
        func age(_ p: PersonModel) -> Int { birth(p).map { $0.age(on: today) } ?? -1 }
        var used = Set<UUID>()
        var picks: [(PersonModel, PersonCircumstances, String)] = []
        func pick(_ source: String, where test: (PersonModel) -> Bool, _ make: (PersonModel) -> PersonCircumstances?) {
            for p in persons where !used.contains(p.id!) && test(p) {
                guard let c = make(p) else { continue }
                used.insert(p.id!); picks.append((p, c, source)); return
            }
        }
        // Art. 18(1), 20(1): the orphan is cared for by the household of an aunt under a care
        // agreement, whose carer support is due with the child's allowance.
        pick("Giấy chứng tử của cha và mẹ; văn bản nhận chăm sóc của gia đình người dì", where: { (5...14).contains(age($0)) }) { _ in
            var c = PersonCircumstances(); c.maritalStatus = .neverMarried; c.parents = [ParentFact(status: .dead), ParentFact(status: .dead)]
            c.caredByCommunityCarer = true
            return c
        }
        pick("Xác nhận của trường trung cấp nghề; quyết định trợ cấp khi đủ 16 tuổi", where: { (16...21).contains(age($0)) }) { _ in
            var c = PersonCircumstances(); c.maritalStatus = .neverMarried; c.parents = [ParentFact(status: .dead), ParentFact(status: .dead)]
            c.studying = .vocational; c.receiving51At16 = true
            return c
        }
        pick("Tờ khai mẫu 2a", where: { $0.disabilityLevel == DisabilityLevel.especiallySevere.rawValue && $0.disabilityCertificateDate != nil }) { _ in
            var c = PersonCircumstances(); c.householdCarer = true
            return c
        }
        let repo = PersonFactsRepository(store)
        for (p, c, source) in picks {
            _ = try await repo.record(officer, personID: p.id!, validFrom: "2025-01-01", sourceDocument: source, circumstances: c)
        }
        return picks.count + (try await loadNewcomers(store, officer))
    }

    /// The two households the officer registered in 2025 and the circumstances they declared.
    static func loadNewcomers(_ store: Store, _ officer: Actor) async throws -> Int {
        let units = UnitRepository(store), registry = RegistryRepository(store), facts = PersonFactsRepository(store)
        guard let ward = try await units.find(code: "00364"), let g2 = try await units.find(code: "00364-TDP02"),
            let g3 = try await units.find(code: "00364-TDP03")
        else { return 0 }
        let march = LocalDate(year: 2025, month: 3, day: 10)!, june = LocalDate(year: 2025, month: 6, day: 16)!
        guard store.today > june else { return 0 }
        // Decree 20 Art. 5(4): a widow in a near-poor household raising children under 16.
        let widow = try await registry.createHousehold(
            officer,
            HouseholdInput(code: "00364-G0000041", communeID: ward.id, groupID: g2.id, address: "Số 14 ngõ 190 Khương Đình", areaType: nil, phone: nil),
            head: PersonInput(fullName: "Nguyễn Thị Hạnh", gender: "female", birth: "1990-03-14"), since: march)
        var children: [ChildFact] = []
        for (name, gender, birth) in [("Trần Minh Khôi", "male", "2013-09-02"), ("Trần Thu Hà", "female", "2018-05-20")] {
            _ = try await registry.addMember(
                officer, householdID: widow.id, person: PersonInput(fullName: name, gender: gender, birth: birth), role: "child", since: march)
            children.append(ChildFact(birthDate: LocalDate(iso: birth)!))
        }
        var mother = PersonCircumstances()
        mother.maritalStatus = .widowed; mother.childrenRaised = children
        let head = try await MembershipModel.query(on: store.db).filter(\.$householdID == widow.id).filter(\.$role == "head").first()!.personID
        _ = try await facts.record(
            officer, personID: head, validFrom: march.iso, sourceDocument: "Tờ khai mẫu 1b; giấy chứng tử của chồng (2024)", circumstances: mother)
        // Art. 20(2)(a): both spouses have a severe disability and raise a baby; one support a couple.
        let couple = try await registry.createHousehold(
            officer,
            HouseholdInput(code: "00364-G0000042", communeID: ward.id, groupID: g3.id, address: "Số 7 ngách 35 Khương Hạ", areaType: nil, phone: nil),
            head: PersonInput(fullName: "Lê Văn Toàn", gender: "male", birth: "1992-07-08", disability: "severe", disabilityCertificateDate: "2016-05-12"),
            since: june)
        let wife = try await registry.addMember(
            officer, householdID: couple.id,
            person: PersonInput(
                fullName: "Phạm Thị Ngọc", gender: "female", birth: "1994-11-23", disability: "severe", disabilityCertificateDate: "2019-08-30"),
            role: "spouse", since: june)
        _ = try await registry.addMember(
            officer, householdID: couple.id, person: PersonInput(fullName: "Lê Phạm Gia Bảo", gender: "male", birth: "2024-10-05"), role: "child", since: june)
        let husband = try await MembershipModel.query(on: store.db).filter(\.$householdID == couple.id).filter(\.$role == "head").first()!.personID
        var her = PersonCircumstances(), his = PersonCircumstances()
        her.childrenRaised = [ChildFact(birthDate: LocalDate(year: 2024, month: 10, day: 5)!)]
        his.childrenRaised = her.childrenRaised; his.spouseReceivesCareSupport = true
        _ = try await facts.record(
            officer, personID: wife.id, validFrom: june.iso, sourceDocument: "Tờ khai mẫu 2a; giấy khai sinh của con", circumstances: her)
        _ = try await facts.record(
            officer, personID: husband, validFrom: june.iso, sourceDocument: "Biên bản của hai vợ chồng: vợ nhận hỗ trợ chăm con (Điều 20(2)(a))",
            circumstances: his)
        return 3
    }
}
