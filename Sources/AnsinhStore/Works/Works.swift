import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The ward's living-conditions works: the register (this file), each work's steps, diary,
/// state budget and photos (`WorkSteps.swift`), the map and the ward report's figures
/// (`WorkFigures.swift`). What the funds gave a work is read from their approved disbursements
/// to it (`BeneficiaryKind.work`): residents' and firms' contributions pass through the ledger.
public struct WorksRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Records a proposed work of a ward (optionally in a residential group) in the actor's
    /// units, with who raised the need (a resident's request by its tracking code).
    public func propose(_ actor: Actor, _ input: WorkInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageWorks)
        var c = InputCheck()
        let title = c.text(input.title, "title", max: 200), location = c.text(input.location, "location", max: 300)
        let need = c.text(input.need, "need", max: 1000)
        let coordinates = c.text(input.coordinates, "coordinates", max: 60, optional: true)
        if !coordinates.isEmpty && MapPoint(text: coordinates) == nil { c.fail("coordinates", "works.error.coordinates") }
        let kind = WorkKind(rawValue: input.kind), origin = WorkOrigin(rawValue: input.origin)
        if kind == nil { c.fail("kind", "validation.choice") }
        if origin == nil { c.fail("origin", "validation.choice") }
        let estimate = c.number(input.estimate, "estimate", in: 0...1_000_000_000_000)
        let (ward, group) = try await LivelihoodRepository(store).place(actor, unitCode: input.unitCode, groupCode: input.groupCode, into: &c)
        var request: PublicRequestModel? = nil
        if origin == .residentRequest {
            let code = TrackingCode.normalise(input.requestCode)
            request = try await code.asyncMap { try await PublicRequestModel.query(on: store.db).filter(\.$code == $0).first() } ?? nil
            if request == nil || !(request.map { actor.reaches($0) } ?? false) { c.fail("request_code", "works.error.request") }
        }
        // A gratitude-house repair is for a policy family's household, its condition surveyed.
        var household: HouseholdModel? = nil
        let condition = HouseCondition(rawValue: input.houseCondition)
        if kind?.isHouse == true {
            household = try await policyFamily(actor, code: input.householdCode, into: &c)
            if condition == nil || condition == .sound { c.fail("house_condition", "validation.choice") }
        }
        try c.check()
        let (w, unit, req, home) = (ward!, group ?? ward!, request, household)
        return try await store.write(actor) { tx, audit in
            let m = WorkModel()
            m.id = UUID(); m.unitID = w.id!; m.groupID = group?.id; m.unitPath = unit.path; m.kind = kind!.rawValue; m.title = title
            m.location = location; m.coordinates = coordinates; m.need = need; m.origin = origin!.rawValue; m.requestID = req?.id; m.estimate = estimate
            m.status = WorkLifecycle.State.proposed.rawValue; m.proposedOn = today.iso; m.percent = 0; m.createdBy = actor.username
            m.householdID = home?.id; m.houseCondition = home == nil ? nil : condition?.rawValue
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "work_propose", entity: WorkLifecycle.entity, entityID: m.id!.uuidString, unitID: w.id!, unitPath: unit.path,
                    before: NoValue?.none,
                    after: [
                        "kind": kind!.rawValue, "title": title, "estimate": "\(estimate)", "origin": origin!.rawValue, "household": home?.code ?? "",
                        "house_condition": m.houseCondition ?? "",
                    ]))
            return m.id!
        }
    }

    /// The household of this code in the actor's units when a person of meritorious service or
    /// a relative on record lives in it (a policy family); else the field is named.
    func policyFamily(_ actor: Actor, code raw: String, into c: inout InputCheck) async throws -> HouseholdModel? {
        let code = raw.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 50 else {
            c.fail("household_code", code.isEmpty ? "validation.required" : "works.error.policy_family")
            return nil
        }
        guard let h = try await store.scoped(HouseholdModel.self, actor).filter(\.$code == code).first() else {
            c.fail("household_code", "works.error.policy_family")
            return nil
        }
        let members = try await MembershipModel.query(on: store.db).filter(\.$householdID == h.id!).filter(\.$endDate == nil).all().map(\.personID)
        let onRecord = members.isEmpty ? 0 : try await MeritRecordModel.query(on: store.db).filter(\.$personID ~~ members).count()
        if onRecord == 0 {
            c.fail("household_code", "works.error.policy_family")
            return nil
        }
        return h
    }

    /// The works of the actor's units (one residential group, one state, one kind), by group
    /// and the day proposed, newest first.
    public func works(_ actor: Actor, groupCode: String? = nil, status: WorkLifecycle.State? = nil, kind: WorkKind? = nil, page: PageSpec?)
        async throws -> ResultPage<Work>
    {
        try actor.require(.viewWorks)
        let q = store.scoped(WorkModel.self, actor)
        if let groupCode {
            let ids = try await OrgUnitModel.query(on: store.db).filter(\.$code == groupCode).all().compactMap(\.id)
            q.filter(\.$groupID ~~ ids)
        }
        if let status { q.filter(\.$status == status.rawValue) }
        if let kind { q.filter(\.$kind == kind.rawValue) }
        // The whole register (the export, the map) needs no count of its own.
        guard let page else {
            let rows = try await q.sort(\.$proposedOn, .descending).all()
            return ResultPage(items: try await views(rows), request: PageSpec(page: 1, perPage: PageSpec.maxPerPage), total: rows.count)
        }
        let total = try await q.copy().count()
        let rows = try await q.range(page.offset..<(page.offset + page.perPage)).sort(\.$proposedOn, .descending).all()
        return ResultPage(items: try await views(rows), request: page, total: total)
    }

    func views(_ rows: [WorkModel]) async throws -> [Work] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.compactMap(\.id)
        var budget: [UUID: Int64] = [:], funds: [UUID: Int64] = [:], codes: [UUID: String] = [:]
        for b in try await WorkBudgetModel.query(on: store.db).filter(\.$workID ~~ ids).all() { budget[b.workID, default: 0] += b.amount }
        for d in try await FundDisbursementModel.query(on: store.db).filter(\.$beneficiaryKind == BeneficiaryKind.work.rawValue)
            .filter(\.$beneficiaryID ~~ ids).filter(\.$status == DisbursementLifecycle.State.approved.rawValue).all()
        {
            funds[d.beneficiaryID, default: 0] += d.amount
        }
        let requests = rows.compactMap(\.requestID)
        if !requests.isEmpty { for r in try await PublicRequestModel.query(on: store.db).filter(\.$id ~~ requests).all() { codes[r.id!] = r.code } }
        let names = try await CaseRepository(store).unitNames(rows.map(\.unitID) + rows.compactMap(\.groupID))
        let homes = rows.compactMap(\.householdID)
        var houseCodes: [UUID: String] = [:]
        if !homes.isEmpty { for h in try await HouseholdModel.query(on: store.db).filter(\.$id ~~ homes).all() { houseCodes[h.id!] = h.code } }
        return rows.map { m in
            Work(
                id: m.id!, wardName: names[m.unitID] ?? "", groupName: m.groupID.flatMap { names[$0] }, kind: WorkKind(rawValue: m.kind) ?? .road,
                title: m.title, location: m.location, point: m.coordinates, need: m.need, origin: WorkOrigin(rawValue: m.origin) ?? .wardPlan,
                requestCode: m.requestID.flatMap { codes[$0] }, estimate: m.estimate, status: m.lifecycleState, proposedOn: m.proposedOn,
                decision: m.decision, approvedOn: m.approvedOn, startedOn: m.startedOn, percent: m.percent, completedOn: m.completedOn,
                handedOverOn: m.handedOverOn, handedTo: m.handedTo, reason: m.reason, budget: budget[m.id!] ?? 0, funds: funds[m.id!] ?? 0,
                householdCode: m.householdID.flatMap { houseCodes[$0] }, houseCondition: m.houseCondition.flatMap(HouseCondition.init(rawValue:)),
                contractor: m.contractor)
        }
    }

    /// One work with its diary, money and photos.
    public func work(_ actor: Actor, id: UUID) async throws -> WorkFile {
        try actor.require(.viewWorks)
        let m = try await store.scoped(WorkModel.self, id, actor)
        let diary = try await WorkProgressModel.query(on: store.db).filter(\.$workID == id).sort(\.$day, .descending).all().map {
            WorkFile.Diary(day: $0.day, percent: $0.percent, note: $0.note, by: $0.recordedBy)
        }
        var money = try await WorkBudgetModel.query(on: store.db).filter(\.$workID == id).sort(\.$day).all().map {
            WorkFile.Money(source: "state_budget", reference: $0.decision, day: $0.day, amount: $0.amount)
        }
        let given = try await FundDisbursementModel.query(on: store.db).filter(\.$beneficiaryKind == BeneficiaryKind.work.rawValue)
            .filter(\.$beneficiaryID == id).filter(\.$status == DisbursementLifecycle.State.approved.rawValue).sort(\.$decidedOn).all()
        let funds = Dictionary(
            try await FundModel.query(on: store.db).filter(\.$id ~~ Set(given.map(\.fundID))).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        money += given.map {
            WorkFile.Money(source: "fund", reference: (funds[$0.fundID] ?? "") + " — " + $0.number, day: $0.decidedOn ?? $0.proposedOn, amount: $0.amount)
        }
        let photos = try await WorkPhotoModel.query(on: store.db).filter(\.$workID == id).sort(\.$day).field(\.$id).field(\.$caption)
            .field(\.$day).field(\.$size).all().map { WorkFile.Photo(id: $0.id!, caption: $0.caption, day: $0.day, size: $0.size) }
        return WorkFile(work: try await views([m])[0], diary: diary, money: money, photos: photos)
    }
}
