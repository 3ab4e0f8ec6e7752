import AnsinhCore
import FluentKit
import Foundation

extension LivelihoodRepository {
    /// Records a small-business plan for a living member of the actor's registry (by national
    /// ID, 15 or older: Labour Code 2019 Art. 3), with the capital it needs.
    public func createPlan(_ actor: Actor, _ input: BusinessPlanInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let name = c.text(input.name, "name", max: 200), plan = c.text(input.plan, "plan", max: 2000)
        let kind = BusinessKind(rawValue: input.kind)
        if kind == nil { c.fail("kind", "validation.choice") }
        let capital = c.number(input.capital, "capital", in: 0...10_000_000_000)
        let found = try await person(actor, nationalID: input.nationalID, into: &c)
        if let (p, _) = found, today.year - p.birthYear < 15 { c.fail("national_id", "livelihood.error.age") }
        try c.check()
        let (p, place) = found!
        return try await store.write(actor) { tx, audit in
            let m = BusinessPlanModel()
            m.id = UUID(); m.personID = p.id!; m.householdID = place.household; m.unitID = place.commune; m.unitPath = place.path; m.kind = kind!.rawValue
            m.name = name; m.plan = plan; m.capital = capital; m.status = BusinessLifecycle.State.planned.rawValue; m.plannedOn = today.iso
            m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "business_plan", entity: BusinessLifecycle.entity, entityID: m.id!.uuidString, unitID: place.commune, unitPath: place.path,
                    before: NoValue?.none, after: ["person_id": p.id!.uuidString, "kind": kind!.rawValue, "name": name, "capital": "\(capital)"]))
            return m.id!
        }
    }

    /// The plans of the actor's units (one state), newest first.
    public func plans(_ actor: Actor, status: BusinessLifecycle.State?, page: PageSpec) async throws -> ResultPage<BusinessPlan> {
        try actor.require(.viewLivelihood)
        let q = store.scoped(BusinessPlanModel.self, actor)
        if let status { q.filter(\.$status == status.rawValue) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$plannedOn, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await planViews(rows), request: page, total: total)
    }

    /// One plan with its supports, follow-ups and the household's loans.
    public func plan(_ actor: Actor, id: UUID) async throws -> BusinessPlan {
        try actor.require(.viewLivelihood)
        return try await planViews([try await store.scoped(BusinessPlanModel.self, id, actor)])[0]
    }

    func planViews(_ rows: [BusinessPlanModel]) async throws -> [BusinessPlan] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.compactMap(\.id)
        let persons = try await self.persons(Set(rows.map(\.personID)))
        var households: [UUID: String] = [:]
        for h in try await HouseholdModel.query(on: store.db).filter(\.$id ~~ rows.map(\.householdID)).all() { households[h.id!] = h.code }
        let loans = try await LoanModel.query(on: store.db).filter(\.$householdID ~~ rows.map(\.householdID)).sort(\.$preparedOn).all()
        let supports = try await BusinessSupportModel.query(on: store.db).filter(\.$planID ~~ ids).sort(\.$day).all()
        let followUps = try await BusinessFollowUpModel.query(on: store.db).filter(\.$planID ~~ ids).sort(\.$day, .descending).all()
        let label = Dictionary(uniqueKeysWithValues: loans.map { ($0.id!, $0.purpose + " (" + $0.preparedOn + ")") })
        return rows.map { m in
            BusinessPlan(
                id: m.id!, owner: persons[m.personID]?.fullName ?? "", householdCode: households[m.householdID] ?? "",
                kind: BusinessKind(rawValue: m.kind) ?? .other, name: m.name, plan: m.plan, capital: m.capital, status: m.lifecycleState,
                plannedOn: m.plannedOn, startedOn: m.startedOn, closedOn: m.closedOn, reason: m.reason,
                supports: supports.filter { $0.planID == m.id }.map {
                    .init(
                        kind: BusinessSupportKind(rawValue: $0.kind) ?? .advice, day: $0.day, amount: $0.amount, loan: $0.loanID.flatMap { label[$0] },
                        note: $0.note)
                },
                followUps: followUps.filter { $0.planID == m.id }.map {
                    .init(day: $0.day, outcome: BusinessOutcome(rawValue: $0.outcome) ?? .operating, monthlyIncome: $0.monthlyIncome, note: $0.note)
                },
                loans: loans.filter { $0.householdID == m.householdID }.map { ($0.id!, label[$0.id!]!) })
        }
    }

    /// Records support given to a plan not closed: a loan line names one of the household's
    /// loans (its amount is the loan's, as disbursed or approved); the day not after today.
    public func addSupport(_ actor: Actor, plan id: UUID, _ input: BusinessSupportInput, today: LocalDate) async throws {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let kind = BusinessSupportKind(rawValue: input.kind)
        if kind == nil { c.fail("kind", "validation.choice") }
        let day = c.date(input.day, "day", notAfter: today), note = c.text(input.note, "note", max: 500, optional: true)
        let amount = kind == .loan ? 0 : c.number(input.amount ?? 0, "amount", in: 0...10_000_000_000)
        if kind == .loan && input.loanID == nil { c.fail("loan_id", "validation.choice") }
        try c.check()
        try await store.write(actor) { tx, audit in
            try await Store.lock(BusinessPlanModel.self, id, on: tx)
            let m = try await store.scoped(BusinessPlanModel.self, id, actor, on: tx)
            guard m.lifecycleState != .closed else { throw BusinessLifecycle.refusal(.followUp, from: .closed) }
            var value = amount
            if kind == .loan {
                guard let loan = try await LoanModel.find(input.loanID!, on: tx), loan.householdID == m.householdID else {
                    throw AppError.invalid("loan_id", "business.error.loan")
                }
                value = loan.disbursed ?? loan.approved ?? loan.requested
            }
            let s = BusinessSupportModel()
            s.id = UUID(); s.planID = id; s.kind = kind!.rawValue; s.day = day!.iso; s.amount = value; s.loanID = kind == .loan ? input.loanID : nil
            s.note = note; s.recordedBy = actor.username
            try await s.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "business_support", entity: BusinessLifecycle.entity, entityID: id.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                    before: NoValue?.none, after: ["kind": kind!.rawValue, "day": day!.iso, "amount": "\(value)", "note": note]))
        }
    }

    /// Takes a plan one step: the day it opened, a follow-up (how it is doing, its monthly
    /// income), the day it closed with the reason; each day not after today nor before the plan.
    public func step(_ actor: Actor, plan id: UUID, _ t: BusinessLifecycle.Transition, _ input: BusinessStepInput, today: LocalDate) async throws {
        try actor.require(BusinessLifecycle.rule(t).permission)
        var c = InputCheck(), fields: [String: String] = ["date": input.date]
        let day = input.date.isEmpty ? nil : c.date(input.date, "date", notAfter: today)
        var outcome: BusinessOutcome? = nil, reason = "", note = ""
        switch t {
        case .start: break
        case .followUp:
            fields["outcome"] = input.outcome
            if !input.outcome.isEmpty {
                outcome = BusinessOutcome(rawValue: input.outcome)
                if outcome == nil { c.fail("outcome", "validation.choice") }
            }
            _ = c.number(input.income ?? 0, "monthly_income", in: 0...1_000_000_000)
            note = c.text(input.note, "note", max: 500, optional: true)
        case .close:
            fields["reason"] = input.reason
            if !input.reason.isEmpty { reason = c.text(input.reason, "reason", max: 500) }
        }
        try c.check()
        let (chosen, how, why, text, income) = (day, outcome, reason, note, input.income ?? 0)
        try await store.transition(actor, BusinessPlanModel.self, id, t, fields: fields) { m, tx, _ in
            if let chosen, chosen < LocalDate(iso: m.plannedOn)! { throw AppError.invalid("date", "business.error.before_plan") }
            switch t {
            case .start:
                m.startedOn = chosen!.iso
                return ["started_on": chosen!.iso]
            case .followUp:
                let f = BusinessFollowUpModel()
                f.id = UUID(); f.planID = id; f.day = chosen!.iso; f.outcome = how!.rawValue; f.monthlyIncome = income; f.note = text
                f.recordedBy = actor.username
                try await f.create(on: tx)
                return ["day": chosen!.iso, "outcome": how!.rawValue, "monthly_income": "\(income)"]
            case .close:
                m.closedOn = chosen!.iso; m.reason = why
                return ["closed_on": chosen!.iso, "reason": why]
            }
        }
    }
}
