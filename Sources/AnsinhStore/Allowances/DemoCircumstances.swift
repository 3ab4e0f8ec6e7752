import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The ward's circumstances recorded from the 2025 applications and home visits: a child whose
    /// parents died (Art. 5(1)), an orphan still at vocational school (5(2)), a widow raising her
    /// children in a poor or near-poor household (5(4)), an elderly person with nobody to support
    /// her, cared for by a neighbour (5(5)(d), Art. 20), and a household caring for a member with
    /// an especially severe disability (20(2)(c)). The widow and the elderly person are recorded
    /// only where the household holds a poor or near-poor class (none does in the demo ward,
    /// which has just reached zero poor households). Nothing is decided for them: "no one
    /// missed" lists each one until the officer acts. Returns how many records were made.
    @discardableResult
    public static func loadCircumstances(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let u = try await users.find(username: "canbo.khuongdinh"), let officer = try await users.actor(for: u.id, fallbackLocale: .vi) else {
            return 0
        }
        let today = store.today
        let persons = try await store.scoped(PersonModel.self, officer).filter(\.$deathDate == nil).filter(\.$mergedInto == nil)
            .sort(\.$fullName).all()
        let memberships = try await MembershipModel.query(on: store.db).filter(\.$personID ~~ persons.compactMap(\.id)).filter(\.$endDate == nil).all()
        let householdOf = Dictionary(memberships.map { ($0.personID, $0.householdID) }, uniquingKeysWith: { a, _ in a })
        var classOf: [UUID: String] = [:]
        for c in try await HouseholdClassificationModel.query(on: store.db).filter(\.$householdID ~~ Array(Set(householdOf.values))).sort(\.$period).all() {
            classOf[c.householdID] = c.povertyClass
        }
        func birth(_ p: PersonModel) -> LocalDate? { BirthDate(text: p.birthDate)?.date }
        func age(_ p: PersonModel) -> Int { birth(p).map { $0.age(on: today) } ?? -1 }
        func poorOrNear(_ p: PersonModel) -> Bool { householdOf[p.id!].flatMap { classOf[$0] }.map { ["poor", "near_poor"].contains($0) } ?? false }
        var used = Set<UUID>()
        var picks: [(PersonModel, PersonCircumstances, String)] = []
        func pick(_ source: String, where test: (PersonModel) -> Bool, _ make: (PersonModel) -> PersonCircumstances?) {
            for p in persons where !used.contains(p.id!) && test(p) {
                guard let c = make(p) else { continue }
                used.insert(p.id!); picks.append((p, c, source)); return
            }
        }
        pick("Giấy chứng tử của cha và mẹ", where: { (5...14).contains(age($0)) }) { _ in
            var c = PersonCircumstances(); c.maritalStatus = .neverMarried; c.parents = [ParentFact(status: .dead), ParentFact(status: .dead)]
            return c
        }
        pick("Xác nhận của trường trung cấp nghề; quyết định trợ cấp khi đủ 16 tuổi", where: { (16...21).contains(age($0)) }) { _ in
            var c = PersonCircumstances(); c.maritalStatus = .neverMarried; c.parents = [ParentFact(status: .dead), ParentFact(status: .dead)]
            c.studying = .vocational; c.receiving51At16 = true
            return c
        }
        pick("Tờ khai mẫu 1c; giấy chứng tử của chồng", where: { $0.gender == "female" && (22...55).contains(age($0)) && poorOrNear($0) }) { p in
            let kids = persons.filter { q in householdOf[q.id!] == householdOf[p.id!] && q.id != p.id && (0...15).contains(age(q)) }.compactMap(birth)
            guard !kids.isEmpty else { return nil }
            var c = PersonCircumstances(); c.maritalStatus = .widowed; c.childrenRaised = kids.map { ChildFact(birthDate: $0) }
            return c
        }
        pick("Biên bản thăm hộ; tờ khai mẫu 2b của người nhận chăm sóc", where: { age($0) >= 60 && poorOrNear($0) }) { _ in
            var c = PersonCircumstances(); c.maritalStatus = .widowed; c.supporter = .none; c.needsFacilityCare = true; c.caredByCommunityCarer = true
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
        return picks.count
    }
}
