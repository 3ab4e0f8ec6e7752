import AnsinhCore
import FluentKit
import Foundation

/// A policy family's house as the ward knows it: the household, who of it is on the merit
/// records, the house's condition, and its latest gratitude-house repair.
public struct PolicyHouse: Sendable, Equatable {
    public let householdID: UUID
    public let householdCode: String
    public let headName: String
    public let groupName: String?
    public let categories: [MeritCategory]
    /// As last surveyed for a repair; sound once a repair was handed over; nil: never surveyed.
    public let condition: HouseCondition?
    public let workID: UUID?
    public let workStatus: WorkLifecycle.State?
    /// The day the latest repair was handed over to the family.
    public let repairedOn: String?
}

extension WorksRepository {
    /// The houses of the policy families in the actor's units (households where a person of
    /// meritorious service or a relative on record lives): unsafe, damaged, worn, never
    /// surveyed, then sound, each by household code; only one condition if asked (`field notes` §1:
    /// "houses of policy families that have deteriorated are repaired").
    public func policyHouses(_ actor: Actor, condition wanted: HouseCondition? = nil) async throws -> [PolicyHouse] {
        try actor.require(.viewWorks)
        let merit = try await store.scoped(MeritRecordModel.self, actor).all()
        let categories = Dictionary(grouping: merit, by: \.personID).mapValues { $0.compactMap { MeritCategory(rawValue: $0.category) } }
        guard !categories.isEmpty else { return [] }
        var members: [MembershipModel] = []
        for chunk in Array(categories.keys).chunked(500) {
            members += try await MembershipModel.query(on: store.db).filter(\.$personID ~~ chunk).filter(\.$endDate == nil).all()
        }
        let homes = try await store.scoped(HouseholdModel.self, actor).filter(\.$id ~~ Array(Set(members.map(\.householdID)))).sort(\.$code).all()
        let ids = homes.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let heads = try await MembershipModel.query(on: store.db).filter(\.$householdID ~~ ids).filter(\.$endDate == nil).filter(\.$role == "head").all()
        var names: [UUID: String] = [:]
        for p in try await PersonModel.query(on: store.db).filter(\.$id ~~ heads.map(\.personID)).all() { names[p.id!] = p.fullName }
        let headOf = Dictionary(heads.map { ($0.householdID, names[$0.personID] ?? "—") }, uniquingKeysWith: { a, _ in a })
        let groups = try await CaseRepository(store).unitNames(homes.compactMap(\.groupID))
        // The latest repair not cancelled of each house.
        var latest: [UUID: WorkModel] = [:]
        for w in try await WorkModel.query(on: store.db).filter(\.$householdID ~~ ids).filter(\.$kind == WorkKind.gratitudeHouse.rawValue)
            .filter(\.$status != WorkLifecycle.State.cancelled.rawValue).sort(\.$proposedOn).all()
        {
            latest[w.householdID!] = w
        }
        let membersOf = Dictionary(grouping: members, by: \.householdID)
        let rows = homes.map { h -> PolicyHouse in
            let w = latest[h.id!]
            let done = w?.lifecycleState == .handedOver
            let who = (membersOf[h.id!] ?? []).flatMap { categories[$0.personID] ?? [] }
            return PolicyHouse(
                householdID: h.id!, householdCode: h.code, headName: headOf[h.id!] ?? "—", groupName: h.groupID.flatMap { groups[$0] },
                categories: MeritCategory.allCases.filter(who.contains), condition: done ? .sound : w?.houseCondition.flatMap(HouseCondition.init(rawValue:)),
                workID: w?.id, workStatus: w?.lifecycleState, repairedOn: done ? w?.handedOverOn : nil)
        }
        let order: [HouseCondition?] = [.unsafe, .damaged, .worn, nil, .sound]
        let rank = { (h: PolicyHouse) in order.firstIndex(of: h.condition) ?? order.count }
        return rows.filter { wanted == nil || $0.condition == wanted }.sorted { (rank($0), $0.householdCode) < (rank($1), $1.householdCode) }
    }
}
