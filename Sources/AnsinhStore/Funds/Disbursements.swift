import AnsinhCore
import FluentKit
import Foundation

/// What a disbursement is made from (unchecked).
public struct DisbursementInput: Sendable {
    public var kind = "", sourceAccount = "", amount = "", beneficiaryKind = "", purpose = ""
    public var beneficiaryID: UUID?
    public init() {}
}

extension FundRepository {
    /// A disbursement proposed (the maker): a kind the fund's rules allow, paid from one of its
    /// asset accounts, to someone the proposer reaches. The amount is checked against what the
    /// fund holds now, and again, binding, when it is approved.
    public func propose(_ actor: Actor, fundID: UUID, _ input: DisbursementInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageFunds)
        var errors: [FieldError] = []
        let kind = DisbursementKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let source = LedgerAccount(rawValue: input.sourceAccount).flatMap { $0.isAsset ? $0 : nil }
        if source == nil { errors.append(FieldError(field: "source_account", message: Message("validation.choice"))) }
        let amount = ImportTable.dong(input.amount)
        if amount == nil || amount! <= 0 || amount! > 100_000_000_000 { errors.append(FieldError(field: "amount", message: Message("fund.error.amount"))) }
        let who = BeneficiaryKind(rawValue: input.beneficiaryKind)
        if who == nil { errors.append(FieldError(field: "beneficiary_kind", message: Message("validation.choice"))) }
        if input.beneficiaryID == nil { errors.append(FieldError(field: "beneficiary_id", message: Message("validation.required", ["max": ""]))) }
        let purpose = CareRepository.text(input.purpose, "purpose", max: 1000, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let fund = try await store.scoped(FundModel.self, fundID, actor, on: tx)
            guard fund.allowed.contains(kind!) else { throw AppError.invalid("kind", "fund.error.kind_not_allowed") }
            let label = try await beneficiary(actor, who!, input.beneficiaryID!, on: tx)
            let available = FundLedger.availableFor(kind!, source: source!, try await balances(fundID: fundID, on: tx))
            guard amount! <= available else { throw AppError.invalid("amount", "fund.error.insufficient", ["available": "\(available)"]) }
            let d = FundDisbursementModel()
            d.id = UUID(); d.fundID = fundID; d.unitID = fund.unitID; d.unitPath = fund.unitPath
            d.number = try await nextNumber(FundDisbursementModel.self, "PC", unitID: fund.unitID, year: today.year, on: tx)
            d.kind = kind!.rawValue; d.sourceAccount = source!.rawValue; d.amount = amount!; d.beneficiaryKind = who!.rawValue
            d.beneficiaryID = input.beneficiaryID!; d.beneficiaryLabel = label; d.purpose = purpose; d.proposedOn = today.iso
            d.proposedBy = actor.username; d.proposedByID = actor.userID; d.status = DisbursementLifecycle.State.proposed.rawValue
            try await d.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "propose_disbursement", entity: DisbursementLifecycle.entity, entityID: d.id!.uuidString, unitID: fund.unitID,
                    unitPath: fund.unitPath, before: NoValue?.none,
                    after: ["number": d.number, "fund": fundID.uuidString, "kind": d.kind, "amount": "\(d.amount)", "beneficiary_kind": d.beneficiaryKind]))
            return d.id!
        }
    }

    /// How the unit's staff know a beneficiary, after checking the proposer may see them: a
    /// person's name, a household's code, a case's number (never the child's name), a
    /// resident's name.
    func beneficiary(_ actor: Actor, _ kind: BeneficiaryKind, _ id: UUID, on tx: any Database) async throws -> String {
        let unknown = AppError.invalid("beneficiary_id", "fund.error.beneficiary")
        switch kind {
        case .person:
            guard actor.role.can(.viewRegistry), let p = try await store.reachable(PersonModel.self, id, actor, on: tx) else { throw unknown }
            return p.fullName
        case .household:
            guard actor.role.can(.viewRegistry), let h = try await store.reachable(HouseholdModel.self, id, actor, on: tx) else { throw unknown }
            return h.code
        case .case:
            guard actor.role.can(.viewCases), let c = try await store.reachable(CaseModel.self, id, actor, on: tx) else { throw unknown }
            return c.number
        case .resident:
            guard actor.role.can(.viewCare), let r = try await store.reachable(CareResidentModel.self, id, actor, on: tx) else { throw unknown }
            return r.fullName
        case .campaign:
            guard let c = try await store.reachable(GiftCampaignModel.self, id, actor, on: tx) else { throw unknown }
            return c.name
        case .work:
            // A work being prepared or built; not one cancelled or already handed over.
            guard actor.role.can(.viewWorks), let w = try await store.reachable(WorkModel.self, id, actor, on: tx),
                [.proposed, .approved, .inProgress].contains(w.lifecycleState)
            else { throw unknown }
            return w.title
        }
    }

    /// Approves a disbursement (the checker, never its proposer) and books it today. The fund's
    /// row is locked and its balance read inside the transaction: two approvals racing for the
    /// last đồng cannot both pass.
    public func approve(_ actor: Actor, disbursementID: UUID, today: LocalDate) async throws {
        try await store.transition(actor, FundDisbursementModel.self, disbursementID, .approve) { d, tx, _ in
            guard DisbursementLifecycle.mayApprove(approverID: actor.userID, proposerID: d.proposedByID) else {
                throw AppError.notAllowed(Message("fund.error.same_person"))
            }
            try await Store.lock(FundModel.self, d.fundID, on: tx)
            let fund = try await FundModel.find(d.fundID, on: tx)!
            let kind = DisbursementKind(rawValue: d.kind)!, source = LedgerAccount(rawValue: d.sourceAccount)!
            // The fund's rules in force decide: a kind they stopped allowing since it was proposed is refused.
            guard fund.allowed.contains(kind) else { throw AppError.conflict(Message("fund.error.kind_not_allowed")) }
            let balances = try await balances(fundID: fund.id!, on: tx)
            let lines: [LedgerLine]
            do throws(FundLedger.Failure) {
                lines = try FundLedger.disbursement(amount: d.amount, kind: kind, source: source, balances: balances)
            } catch {
                guard case .insufficient(let available) = error else { throw AppError.notFound }
                throw AppError.conflict(Message("fund.error.insufficient", ["available": "\(available)"]))
            }
            d.journalID = try await post(
                fund, day: today, field: "decided_on", kind: "disbursement", source: d.id!, reversalOf: nil, memo: d.number, lines: lines, actor: actor,
                on: tx)
            d.decidedBy = actor.username; d.decidedOn = today.iso
            return ["number": d.number, "amount": "\(d.amount)"]
        }
    }

    public func reject(_ actor: Actor, disbursementID: UUID, reason: String, today: LocalDate) async throws {
        guard reason.count <= 500 else { throw AppError.invalid("reason", "validation.too_long", ["max": "500"]) }
        try await store.transition(actor, FundDisbursementModel.self, disbursementID, .reject, fields: ["reason": reason]) { d, _, _ in
            d.decidedBy = actor.username; d.decidedOn = today.iso; d.reason = reason
            return ["number": d.number]
        }
    }

    /// Reverses an approved disbursement (paid by mistake, or returned): the money comes back
    /// to the account and earmarks it left, booked today.
    public func reverseDisbursement(_ actor: Actor, disbursementID: UUID, reason: String, today: LocalDate) async throws {
        guard reason.count <= 500 else { throw AppError.invalid("reason", "validation.too_long", ["max": "500"]) }
        try await store.transition(actor, FundDisbursementModel.self, disbursementID, .reverse, fields: ["reason": reason]) { d, tx, _ in
            try await Store.lock(FundModel.self, d.fundID, on: tx)
            let fund = try await FundModel.find(d.fundID, on: tx)!
            _ = try await post(
                fund, day: today, field: "reason", kind: "reversal", source: d.id!, reversalOf: d.journalID!, memo: d.number,
                lines: FundLedger.reversal(of: try await journalLines(d.journalID!, on: tx)), actor: actor, on: tx)
            d.reason = reason
            return ["number": d.number, "amount": "\(d.amount)"]
        }
    }

    /// Closes the books of a fund through `month` (a month already over): nothing can be booked
    /// on a day of it or before afterwards. Proposals still waiting are booked on the day they
    /// are approved, so they stay open. Closing is recorded per month with what the fund held.
    public func closeBooks(_ actor: Actor, fundID: UUID, month: String, today: LocalDate) async throws {
        try actor.require(.manageFunds)
        guard let m = YearMonth(iso: month) else { throw AppError.invalid("month", "validation.month") }
        guard m < today.yearMonth else { throw AppError.invalid("month", "fund.error.month_not_over") }
        try await store.write(actor) { tx, audit in
            try await Store.lock(FundModel.self, fundID, on: tx)
            let fund = try await store.scoped(FundModel.self, fundID, actor, on: tx)
            if let closed = fund.closedThrough, m.iso <= closed { throw AppError.conflict(Message("fund.error.already_closed", ["month": closed])) }
            let first = try await FundEntryModel.query(on: tx).filter(\.$fundID == fundID).sort(\.$postedOn).first()
                .flatMap { LocalDate(iso: $0.postedOn)?.yearMonth }
            var close = max(first ?? m, fund.closedThrough.flatMap(YearMonth.init(iso:))?.adding(months: 1) ?? m)
            while close <= m {
                let c = FundClosingModel()
                c.id = UUID(); c.fundID = fundID; c.month = close.iso; c.closedBy = actor.username
                c.held = FundLedger.available(try await balances(fundID: fundID, through: close.lastDay, on: tx))
                try await c.create(on: tx)
                close = close.adding(months: 1)
            }
            fund.closedThrough = m.iso
            try await fund.save(on: tx)
            audit.add(
                AuditRecord(
                    action: "close_books", entity: "fund", entityID: fundID.uuidString, unitID: fund.unitID, unitPath: fund.unitPath,
                    before: NoValue?.none, after: ["through": m.iso]))
        }
    }
}

extension FundRepository {
    /// Whom the actor may propose a disbursement to, for a form's list: residents in care,
    /// open cases (by number), households (by code), open gift campaigns and works being prepared or
    /// built, up to 300 of each.
    public func beneficiaryOptions(_ actor: Actor) async throws -> [(kind: BeneficiaryKind, id: UUID, label: String)] {
        var out: [(kind: BeneficiaryKind, id: UUID, label: String)] = []
        if actor.role.can(.viewCare) {
            out += try await store.scoped(CareResidentModel.self, actor).filter(\.$status == ResidentLifecycle.State.inCare.rawValue).sort(\.$fullName)
                .limit(300).all().map { (.resident, $0.id!, $0.fullName) }
        }
        if actor.role.can(.viewCases) {
            out += try await store.scoped(CaseModel.self, actor).sort(\.$number, .descending).limit(300).all().map { (.case, $0.id!, $0.number) }
        }
        if actor.role.can(.viewRegistry) && !actor.role.can(.viewCases) {
            out += try await store.scoped(HouseholdModel.self, actor).sort(\.$code).limit(300).all().map { (.household, $0.id!, $0.code) }
        }
        out += try await store.scoped(GiftCampaignModel.self, actor).filter(\.$status == GiftCampaignLifecycle.State.open.rawValue)
            .sort(\.$day, .descending).limit(100).all().map { (.campaign, $0.id!, $0.name) }
        if actor.role.can(.viewWorks) {
            let open = [WorkLifecycle.State.proposed, .approved, .inProgress].map(\.rawValue)
            out += try await store.scoped(WorkModel.self, actor).filter(\.$status ~~ open).sort(\.$proposedOn, .descending).limit(100).all()
                .map { (.work, $0.id!, $0.title) }
        }
        return out
    }
}
