import AnsinhCore
import FluentKit
import Foundation

/// What a pledge is made from (the form's and the API's fields, unchecked).
public struct PledgeInput: Sendable {
    public var donorID: UUID?
    public var amount = "", pledgedOn = "", dueOn = "", note = ""
    public init() {}
}

/// A pledge as read: what was promised, what came against it, what is still awaited.
public struct PledgeRow: Sendable, Equatable {
    public let id: UUID
    public let fundID: UUID
    public let fundName: String
    public let donorID: UUID
    public let donorName: String
    public let amount: Int64
    public let received: Int64
    /// Still awaited: the amount less what came, never below zero (nothing once cancelled).
    public let outstanding: Int64
    public let pledgedOn: LocalDate
    public let dueOn: LocalDate?
    public let note: String
    public let progress: PledgeProgress
    public let cancelReason: String?
    /// Past its day and not fulfilled (nor cancelled).
    public let overdue: Bool
}

extension FundRepository {
    /// Records a donor's pledge to a fund (`Receipts: pledges and their fulfilment`): a donor of
    /// the fund's unit, an amount in đồng, the day promised (not in the future) and, if given, the
    /// day it is due (not before). Not booked: the books hold only what is received.
    public func pledge(_ actor: Actor, fundID: UUID, _ input: PledgeInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageFunds)
        var errors: [FieldError] = []
        let amount = ImportTable.dong(input.amount)
        if amount == nil || amount! <= 0 || amount! > 100_000_000_000 { errors.append(FieldError(field: "amount", message: Message("fund.error.amount"))) }
        let pledged = CareRepository.date(input.pledgedOn, "pledged_on", today: today, into: &errors)
        let typedDue = input.dueOn.trimmingCharacters(in: .whitespaces)
        let due = typedDue.isEmpty ? nil : LocalDate(iso: typedDue)
        if !typedDue.isEmpty && due == nil { errors.append(FieldError(field: "due_on", message: Message("validation.date"))) }
        if let due, let pledged, due < pledged { errors.append(FieldError(field: "due_on", message: Message("fund.error.due_before_pledge"))) }
        if input.donorID == nil { errors.append(FieldError(field: "donor_id", message: Message("validation.required"))) }
        if input.note.count > 1000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "1000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let fund = try await store.scoped(FundModel.self, fundID, actor, on: tx)
            guard let d = try await store.reachable(DonorModel.self, input.donorID!, actor, on: tx), d.unitID == fund.unitID else {
                throw AppError.invalid("donor_id", "fund.error.donor")
            }
            if d.anonymisedAt != nil { throw AppError.invalid("donor_id", "fund.error.donor_anonymised") }
            let p = FundPledgeModel()
            p.id = UUID(); p.fundID = fundID; p.unitID = fund.unitID; p.unitPath = fund.unitPath; p.donorID = d.id!; p.amount = amount!
            p.pledgedOn = pledged!.iso; p.dueOn = due?.iso; p.note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
            p.status = PledgeLifecycle.State.open.rawValue; p.createdBy = actor.username
            try await p.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "record_pledge", entity: PledgeLifecycle.entity, entityID: p.id!.uuidString, unitID: fund.unitID, unitPath: fund.unitPath,
                    before: NoValue?.none, after: ["fund": fundID.uuidString, "amount": "\(p.amount)", "pledged_on": p.pledgedOn, "due_on": p.dueOn ?? ""]))
            return p.id!
        }
    }

    /// Cancels a pledge not yet fulfilled, with the reason; what came against it stays received.
    public func cancelPledge(_ actor: Actor, pledgeID: UUID, reason raw: String) async throws {
        let reason = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count > 1000 { throw AppError.invalid("reason", "validation.too_long", ["max": "1000"]) }
        try await store.transition(actor, FundPledgeModel.self, pledgeID, .cancel, fields: ["reason": reason]) { p, tx, _ in
            let received = try await Self.received(pledges: [pledgeID], on: tx)[pledgeID] ?? 0
            if received >= p.amount { throw AppError.conflict(Message("fund.error.pledge_fulfilled")) }
            p.cancelReason = reason
            return ["reason": reason, "received": "\(received)"]
        }
    }

    /// The pledges to a fund (or only the pledge `id`), the newest first, with what came against each.
    public func pledges(_ actor: Actor, fundID: UUID, id: UUID? = nil, today: LocalDate) async throws -> [PledgeRow] {
        try actor.require(.viewFunds)
        _ = try await store.scoped(FundModel.self, fundID, actor)
        let q = FundPledgeModel.query(on: store.db).filter(\.$fundID == fundID)
        if let id { q.filter(\.$id == id) }
        return try await rows(q, today: today)
    }

    /// A donor's pledges to every fund the viewer reaches, the newest first.
    public func pledges(_ actor: Actor, donorID: UUID, today: LocalDate) async throws -> [PledgeRow] {
        try actor.require(.viewFunds)
        guard try await store.reachable(DonorModel.self, donorID, actor, on: store.db) != nil else { throw AppError.notFound }
        return try await rows(FundPledgeModel.query(on: store.db).filter(\.$donorID == donorID).within(\.$unitPath, actor.scopePath), today: today)
    }

    /// The pledges `q` selects as read: donor and fund named, what came against each.
    func rows(_ q: QueryBuilder<FundPledgeModel>, today: LocalDate) async throws -> [PledgeRow] {
        let rows = try await q.sort(\.$pledgedOn, .descending).sort(\.$id).all()
        let received = try await Self.received(pledges: rows.compactMap(\.id), on: store.db)
        let donors = Dictionary(
            try await DonorModel.query(on: store.db).filter(\.$id ~~ Array(Set(rows.map(\.donorID)))).all().map { ($0.id!, $0.name) },
            uniquingKeysWith: { a, _ in a })
        let funds = Dictionary(
            try await FundModel.query(on: store.db).filter(\.$id ~~ Array(Set(rows.map(\.fundID)))).all().map { ($0.id!, $0.name) },
            uniquingKeysWith: { a, _ in a })
        return rows.map { p in
            let got = received[p.id!] ?? 0
            let progress = PledgeProgress.of(amount: p.amount, received: got, state: p.lifecycleState)
            let due = p.dueOn.flatMap(LocalDate.init(iso:))
            let awaited = progress == .awaited || progress == .partlyReceived
            return PledgeRow(
                id: p.id!, fundID: p.fundID, fundName: funds[p.fundID] ?? "—", donorID: p.donorID, donorName: donors[p.donorID] ?? "—",
                amount: p.amount, received: got,
                outstanding: awaited ? p.amount - got : 0, pledgedOn: LocalDate(iso: p.pledgedOn)!, dueOn: due, note: p.note, progress: progress,
                cancelReason: p.cancelReason, overdue: awaited && (due.map { $0 < today } ?? false))
        }
    }

    /// What came against each pledge: its gifts still recorded (not reversed), in đồng.
    static func received(pledges ids: [UUID], on db: any Database) async throws -> [UUID: Int64] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: Int64] = [:]
        for r in try await FundReceiptModel.query(on: db).filter(\.$pledgeID ~~ ids).filter(\.$status == ReceiptLifecycle.State.recorded.rawValue).all() {
            if let p = r.pledgeID { out[p, default: 0] += r.amount }
        }
        return out
    }

    /// The pledge a gift is received against, checked in the gift's transaction: of this fund,
    /// open and not yet fulfilled, and from the gift's donor (the pledge names the donor when
    /// the gift does not). Returns the donor.
    func pledgeFor(_ pledgeID: UUID, fund: FundModel, donorID: UUID?, on tx: any Database) async throws -> UUID {
        try await Store.lock(FundPledgeModel.self, pledgeID, on: tx)
        guard let p = try await FundPledgeModel.find(pledgeID, on: tx), p.fundID == fund.id else { throw AppError.invalid("pledge_id", "fund.error.pledge") }
        guard p.lifecycleState == .open, (try await Self.received(pledges: [pledgeID], on: tx)[pledgeID] ?? 0) < p.amount else {
            throw AppError.invalid("pledge_id", "fund.error.pledge_closed")
        }
        if let donorID, donorID != p.donorID { throw AppError.invalid("pledge_id", "fund.error.pledge_donor") }
        return p.donorID
    }
}
