import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The centre's cases: intake, the list, one case (every read of it audited), its lifecycle
/// steps through the write kernel, and the year's figures.
public struct CaseRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Opens a case in the actor's unit (or a unit below it) at step "registered".
    public func open(
        _ actor: Actor, _ input: CaseInput, within link: (@Sendable (CaseModel, any Database, AuditBuffer) async throws -> Void)? = nil
    ) async throws -> CaseView {
        try actor.require(.manageCases)
        var errors: [FieldError] = []
        func bad(_ field: String, _ key: String) { errors.append(FieldError(field: field, message: Message(key))) }
        let kind = CaseKind(rawValue: input.kind)
        if kind == nil { bad("kind", "validation.choice") }
        let source = CaseSource(rawValue: input.source)
        if source == nil { bad("source", "validation.choice") }
        let risk = RiskLevel(rawValue: input.riskLevel)
        if risk == nil { bad("risk_level", "validation.choice") }
        let reason = input.riskReason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { bad("risk_reason", "validation.required") }
        let placement = Placement(rawValue: input.placement)
        if placement == nil { bad("placement", "validation.choice") }
        let receivedAt = input.receivedAt ?? store.now()
        if receivedAt > store.now().addingTimeInterval(300) { bad("received_at", "case.error.future") }
        let shelterFrom = input.shelterFrom.trimmingCharacters(in: .whitespaces)
        if placement == .temporaryShelter && LocalDate(iso: shelterFrom) == nil { bad("shelter_from", "validation.date") }
        var name = input.personName.trimmingCharacters(in: .whitespacesAndNewlines)
        var gender = input.personGender.isEmpty ? nil : Gender(rawValue: input.personGender)
        if !input.personGender.isEmpty && gender == nil { bad("person_gender", "validation.choice") }
        var birthYear = input.personBirthYear
        if let y = birthYear, !(1900...store.today.year).contains(y) { bad("person_birth_year", "validation.number") }
        if let pid = input.personID {
            // A person of the registry: within the actor's units, or not found.
            guard let p = try await store.reachable(PersonModel.self, pid, actor, on: store.db) else { throw AppError.invalid("person_id", "error.not_found") }
            name = p.fullName; gender = Gender(rawValue: p.gender); birthYear = p.birthYear
        } else if name.isEmpty {
            bad("person_name", "validation.required")
        }
        let unit = try await unit(actor, input.unitID, code: input.unitCode)
        if !input.notDuplicate && !name.isEmpty {
            let same = try await openCases(actor, samePersonAs: name, birthYear: birthYear, personID: input.personID)
            if !same.isEmpty {
                errors.append(
                    FieldError(
                        field: "person_name", message: Message("case.error.possible_duplicate", ["numbers": same.map(\.number).joined(separator: ", ")])))
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let person = (name: name, gender: gender, birthYear: birthYear)
        let year = LocalDate.of(receivedAt, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).year
        let id = try await store.write(actor) { tx, audit in
            let prefix = "\(unit.code)-\(year)-"
            let count = try await CaseModel.query(on: tx).filter(\.$number >= prefix).filter(\.$number < prefix + "~").count()
            let m = CaseModel()
            m.id = UUID(); m.number = prefix + String(format: "%04d", count + 1); m.unitID = unit.id!; m.unitPath = unit.path
            m.kind = kind!.rawValue; m.source = source!.rawValue; m.status = CaseLifecycle.State.registered.rawValue
            m.riskLevel = risk!.rawValue; m.riskReason = reason; m.receivedAt = receivedAt; m.placement = placement!.rawValue
            m.shelterFrom = placement == .temporaryShelter ? shelterFrom : nil
            m.personID = input.personID; m.personName = person.name; m.personGender = person.gender?.rawValue; m.personBirthYear = person.birthYear
            m.worker = actor.username; m.createdBy = actor.username; m.stepAt = receivedAt
            try await m.create(on: tx)
            audit.add(Self.created(m))
            // What the case is opened from is linked in the same transaction (a ward's request).
            try await link?(m, tx, audit)
            return m.id!
        }
        return try await get(actor, id: id)
    }

    /// The open cases in the actor's units that are probably about this person: the same
    /// person of the registry, or the same folded name and birth year (`CaseDuplicates`).
    public func openCases(_ actor: Actor, samePersonAs name: String, birthYear: Int?, personID: UUID? = nil) async throws -> [CaseView] {
        try actor.require(.viewCases)
        let open = try await store.scoped(CaseModel.self, actor).filter(\.$status != CaseLifecycle.State.closed.rawValue).sort(\.$number).all()
        let same = open.filter { c in
            (personID != nil && c.personID == personID) || CaseDuplicates.samePerson(name, birthYear, c.personName, c.personBirthYear)
        }
        let names = try await unitNames(same.map(\.unitID))
        return same.prefix(10).map { view($0, actor, unitName: names[$0.unitID] ?? "", goals: []) }
    }

    /// The unit a case is opened in: the one named by id or code (within the actor's units) or
    /// the actor's own.
    func unit(_ actor: Actor, _ id: UUID?, code: String? = nil) async throws -> OrgUnitModel {
        let found: OrgUnitModel?
        if id == nil, let code {
            found = try await reachableUnit(actor, code: code)
        } else {
            guard let id = id ?? actor.unitID else { throw AppError.invalid("unit", "validation.required") }
            found = try await store.reachable(OrgUnitModel.self, id, actor, on: store.db)
        }
        guard let u = found else { throw AppError.invalid("unit", "error.not_found") }
        guard [UnitKind.centre, .commune].contains(UnitKind(rawValue: u.kind)) else { throw AppError.invalid("unit", "case.error.unit_kind") }
        return u
    }

    /// The unit with `code`, if it lies within the actor's units (the reports name the centre by
    /// its code).
    func reachableUnit(_ actor: Actor, code: String) async throws -> OrgUnitModel? {
        guard let found = try await OrgUnitModel.query(on: store.db).filter(\.$code == code).first() else { return nil }
        return try await store.reachable(OrgUnitModel.self, found.id!, actor, on: store.db)
    }

    /// `[from, to)` of the office days `first` up to `end`, as instants.
    static func period(_ first: LocalDate, _ end: LocalDate) -> (from: Date, to: Date) {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        return (first.start(in: zone), end.start(in: zone))
    }

    /// One page of the cases in scope, newest first.
    public func list(_ actor: Actor, _ filter: CaseFilter = CaseFilter(), page: PageSpec) async throws -> ResultPage<CaseView> {
        try actor.require(.viewCases)
        let q = store.scoped(CaseModel.self, actor)
        if let s = filter.status { q.filter(\.$status == s.rawValue) }
        if let k = filter.kind { q.filter(\.$kind == k.rawValue) }
        if let text = filter.query?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            q.filter(\.$number == text)
        }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$receivedAt, .descending).offset(page.offset).limit(page.perPage).all()
        let names = try await unitNames(rows.map(\.unitID))
        return ResultPage(items: rows.map { view($0, actor, unitName: names[$0.unitID] ?? "", goals: []) }, request: page, total: total)
    }

    /// One case with its goals. Reading the person's details is audited.
    public func get(_ actor: Actor, id: UUID) async throws -> CaseView {
        try actor.require(.viewCases)
        let m = try await store.scoped(CaseModel.self, id, actor)
        let goals = try await CaseGoalModel.query(on: store.db).filter(\.$caseID == id).sort(\.$dueDate).all()
        if actor.role.canView(.childProtection) {
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: CaseLifecycle.entity, entityID: id.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                        before: NoValue?.none, after: ["fields": "case"])
                ])
        }
        let names = try await unitNames([m.unitID])
        return view(
            m, actor, unitName: names[m.unitID] ?? "",
            goals: goals.compactMap { g in
                LocalDate(iso: g.dueDate).map { CaseGoalView(goal: g.goal, responsible: g.responsible, dueDate: $0, result: g.result) }
            })
    }

    /// The audit entry of a new case (intake, the demo loader and the benchmark write it alike).
    public static func created(_ m: CaseModel) -> AuditRecord {
        AuditRecord(
            action: "create", entity: CaseLifecycle.entity, entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath,
            before: NoValue?.none, after: ["number": m.number, "kind": m.kind, "source": m.source, "risk_level": m.riskLevel, "placement": m.placement])
    }

    /// The one step that leads from the case's state to `target` (the API's `{"to": …}`), read
    /// without the audited read of the case; refused like any step not allowed from that state.
    public func transition(_ actor: Actor, id: UUID, leadingTo target: CaseLifecycle.State) async throws -> CaseLifecycle.Transition {
        try actor.require(.viewCases)
        let current = try await store.scoped(CaseModel.self, id, actor).lifecycleState
        guard let t = CaseLifecycle.transition(from: current, to: target) else {
            throw AppError.notAllowed(Message("lifecycle.error.step", ["state": current.rawValue, "action": target.rawValue]))
        }
        return t
    }

    /// Takes one step of `CaseLifecycle`, with the fields the step requires.
    public func transition(_ actor: Actor, id: UUID, _ t: CaseLifecycle.Transition, fields: [String: String] = [:]) async throws {
        let f = fields.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        // Values are checked before the write: a bad one names its field, nothing written.
        if t == .assess && RiskLevel(rawValue: f["risk_level"] ?? "") == nil { throw AppError.invalid("risk_level", "validation.choice") }
        if t == .plan && LocalDate(iso: f["due_date"] ?? "") == nil { throw AppError.invalid("due_date", "validation.date") }
        let now = store.now()
        try await store.transition(actor, CaseModel.self, id, t, fields: f) { m, tx, _ in
            // A new step: its deadline counts from now, and it may be escalated again.
            if CaseLifecycle.rule(t).to != nil { m.stepAt = now; m.escalatedAt = nil }
            switch t {
            case .assess:
                m.riskLevel = f["risk_level"]!; m.assessment = f["assessment"]
                if let r = f["risk_reason"], !r.isEmpty { m.riskReason = r }
                return ["risk_level": m.riskLevel]
            case .plan:
                let g = CaseGoalModel()
                g.caseID = m.id!; g.unitPath = m.unitPath; g.goal = f["goal"]!; g.responsible = f["responsible"]!; g.dueDate = f["due_date"]!
                g.createdBy = actor.username
                try await g.create(on: tx)
                return ["goal": g.goal]
            case .requestClosure:
                m.closureReason = f["closure_reason"]; m.outcome = f["outcome"]; m.closureRequestedBy = actor.username
                return ["closure_reason": f["closure_reason"]!]
            case .approveClosure:
                m.closedAt = now
                if m.placement == Placement.temporaryShelter.rawValue && m.shelterUntil == nil { m.shelterUntil = store.today.iso }
                return [:]
            case .returnClosure, .reopen:
                m.returnedReason = f["reason"]; m.closedAt = nil
                return ["reason": f["reason"]!]
            case .intervene, .followUp:
                return [:]
            }
        }
    }

    /// The emergency cases received in `year` by the centre `unitCode` (within the actor's units).
    public func figures(_ actor: Actor, unitCode: String, year: Int) async throws -> CaseFigures {
        try actor.require(.viewCases)
        guard let u = try await reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let (from, to) = Self.period(LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year + 1, month: 1, day: 1)!)
        let rows = try await CaseModel.query(on: store.db).within(\.$unitPath, u.path).filter(\.$kind == CaseKind.emergency.rawValue)
            .filter(\.$receivedAt >= from).filter(\.$receivedAt < to).all()
        var f = CaseFigures()
        for m in rows {
            f.total += 1
            if m.placement == Placement.temporaryShelter.rawValue { f.temporaryShelter += 1 } else { f.communitySupport += 1 }
            if m.status == CaseLifecycle.State.closed.rawValue { f.closed += 1 } else { f.followUp += 1 }
        }
        return f
    }

    /// The names of units by id (read 500 at a time).
    func unitNames(_ ids: [UUID]) async throws -> [UUID: String] {
        var out: [UUID: String] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            for u in try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ chunk).all() { out[u.id!] = u.name }
        }
        return out
    }

    func view(_ m: CaseModel, _ actor: Actor, unitName: String, goals: [CaseGoalView]) -> CaseView {
        // Child-protection records: who the person is only for a role that may see the class.
        let identify = actor.role.canView(.childProtection)
        var v = CaseView(
            id: m.id!, number: m.number, unitID: m.unitID, unitName: unitName, kind: CaseKind(rawValue: m.kind) ?? .socialWork,
            source: CaseSource(rawValue: m.source) ?? .other, status: m.lifecycleState, riskLevel: RiskLevel(rawValue: m.riskLevel) ?? .medium,
            riskReason: identify ? m.riskReason : "—", receivedAt: m.receivedAt, placement: Placement(rawValue: m.placement) ?? .communitySupport,
            shelterFrom: m.shelterFrom, shelterUntil: m.shelterUntil, personID: identify ? m.personID : nil, personName: identify ? m.personName : "—",
            personGender: m.personGender.flatMap(Gender.init(rawValue:)), personBirthYear: m.personBirthYear, assessment: identify ? m.assessment : nil,
            closureReason: m.closureReason, outcome: identify ? m.outcome : nil, closureRequestedBy: m.closureRequestedBy,
            returnedReason: m.returnedReason, worker: m.worker, goals: identify ? goals : [])
        v.anonymisedAt = m.anonymisedAt; v.legalHold = m.legalHold
        return v
    }
}
