import AnsinhCore
import FluentKit
import Foundation
import SQLKit

public struct FundRow: Sendable, Equatable {
    public let id: UUID
    public let unitName: String
    public let name: String
    public let kind: FundKind
    public let purpose: String
    public let allowed: [DisbursementKind]
    public let isPublic: Bool
    public let closedThrough: YearMonth?
    /// Given to the fund, given out, and held now (all time, reversals netted).
    public let received: Int64
    public let givenOut: Int64
    public var held: Int64 { received - givenOut }
}

public struct DonorRow: Sendable, Equatable {
    public let id: UUID
    public let kind: DonorKind
    public let name: String
    public let taxCode: String?
    public let contact: String
    public let phone: String
    public let email: String
    public let address: String
    public let anonymous: Bool
    /// Retention (`RetentionKind.donors`): when the donor's details were anonymised, or the
    /// legal hold that keeps them whole.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct ReceiptItemRow: Sendable, Equatable {
    public let description: String
    public let quantity: Int
    public let unitLabel: String
    public let unitValue: Int64
    public let value: Int64
}

public struct ReceiptRow: Sendable, Equatable {
    public let id: UUID
    public let number: String
    public let fundID: UUID
    public let donorName: String?
    public let receivedOn: LocalDate
    public let method: ReceiptMethod
    public let amount: Int64
    public let earmark: DisbursementKind?
    public let reference: String
    public let status: ReceiptLifecycle.State
}

/// A receipt with what its printed form and thank-you letter show.
public struct ReceiptRecord: Sendable, Equatable {
    public let row: ReceiptRow
    public let fund: FundRow
    public let donor: DonorRow?
    public let items: [ReceiptItemRow]
    public let note: String
    public let recordedBy: String
    public let reversalReason: String?
}

public struct DisbursementRow: Sendable, Equatable {
    public let id: UUID
    public let number: String
    public let fundID: UUID
    public let kind: DisbursementKind
    public let source: LedgerAccount
    public let amount: Int64
    public let beneficiaryKind: BeneficiaryKind
    public let beneficiaryLabel: String
    public let purpose: String
    public let proposedOn: LocalDate
    public let proposedBy: String
    public let proposedByID: UUID?
    public let decidedBy: String?
    public let decidedOn: LocalDate?
    public let reason: String?
    public let status: DisbursementLifecycle.State
}

/// One line of a fund's books as the ledger page lists it.
public struct EntryRow: Sendable, Equatable {
    public let postedOn: LocalDate
    public let journalKind: String
    public let memo: String
    public let line: LedgerLine
}

public struct ClosingRow: Sendable, Equatable {
    public let month: YearMonth
    public let held: Int64
    public let closedBy: String
}

/// A fund's page: its figures, balances by account and earmark, the books' check, closings.
public struct FundRecord: Sendable, Equatable {
    public let row: FundRow
    public let balances: [LedgerKey: Int64]
    /// Every journal balanced and the accounts agree (assets = donations − disbursed).
    public let booksBalance: Bool
    public let closings: [ClosingRow]
}

/// A unit's funds of one kind in a year (the centre report): given to them, by how many
/// donors, and given out.
public struct FundFigures: Sendable, Equatable {
    public let received: Int64
    public let donors: Int
    public let givenOut: Int64
}

extension FundRepository {
    public func funds(_ actor: Actor) async throws -> [FundRow] {
        try actor.require(.viewFunds)
        return try await rows(try await store.scoped(FundModel.self, actor).sort(\.$name).limit(500).all())
    }

    func rows(_ list: [FundModel]) async throws -> [FundRow] {
        let units = try await CaseRepository(store).unitNames(list.map(\.unitID))
        var out: [FundRow] = []
        for f in list { out.append(Self.row(f, unitName: units[f.unitID] ?? "", try await balances(fundID: f.id!))) }
        return out
    }

    static func row(_ f: FundModel, unitName: String, _ b: [LedgerKey: Int64]) -> FundRow {
        FundRow(
            id: f.id!, unitName: unitName, name: f.name, kind: FundKind(rawValue: f.kind) ?? .charity, purpose: f.purpose, allowed: f.allowed,
            isPublic: f.isPublic, closedThrough: f.closedThrough.flatMap(YearMonth.init(iso:)), received: Self.total(b, .donations),
            givenOut: Self.total(b, .disbursed))
    }

    static func total(_ b: [LedgerKey: Int64], _ account: LedgerAccount) -> Int64 {
        b.filter { $0.key.account == account }.reduce(0) { $0 + $1.value }
    }

    public func fund(_ actor: Actor, id: UUID) async throws -> FundRecord {
        try actor.require(.viewFunds)
        let f = try await store.scoped(FundModel.self, id, actor)
        // The balances are read once and serve the figures, the table and the books' check.
        let b = try await balances(fundID: id)
        let unitName = try await CaseRepository(store).unitNames([f.unitID])[f.unitID] ?? ""
        let closings = try await FundClosingModel.query(on: store.db).filter(\.$fundID == id).sort(\.$month, .descending).limit(24).all()
        return FundRecord(
            row: Self.row(f, unitName: unitName, b), balances: b, booksBalance: try await booksBalance(fundID: id, b),
            closings: closings.map { ClosingRow(month: YearMonth(iso: $0.month)!, held: $0.held, closedBy: $0.closedBy) })
    }

    /// Whether every journal of the fund has debits equal to credits, and the accounts (its
    /// balances `b`) agree.
    func booksBalance(fundID: UUID, _ b: [LedgerKey: Int64]) async throws -> Bool {
        let unbalanced = try await sql(store.db).raw(
            """
            SELECT journal_id FROM fund_entries WHERE fund_id = \(bind: fundID) GROUP BY journal_id
            HAVING SUM(debit) <> SUM(credit) OR COUNT(*) < 2
            """
        ).all()
        return unbalanced.isEmpty && FundLedger.available(b) == Self.total(b, .donations) - Self.total(b, .disbursed)
    }

    /// Donors of the actor's units, by name; `q` finds a name however it is typed.
    public func donors(_ actor: Actor, query: String?, page: PageSpec) async throws -> ResultPage<DonorRow> {
        try actor.require(.viewFunds)
        let q = store.scoped(DonorModel.self, actor)
        if let query, !query.isEmpty { q.filter(\.$nameFolded ~~ TextFolding.fold(query)) }
        let total = try await q.count()
        return ResultPage(
            items: try await q.sort(\.$nameFolded).range(page.offset..<(page.offset + page.perPage)).all().map(Self.donorRow), request: page, total: total)
    }

    /// Donors recorded more than once: the same folded name, or the same tax code without its
    /// branch, within a unit.
    public func donorDuplicates(_ actor: Actor) async throws -> [[DonorRow]] {
        try actor.require(.viewFunds)
        let all = try await store.scoped(DonorModel.self, actor).sort(\.$createdAt).limit(20_000).all()
        var groups: [String: [DonorModel]] = [:]
        for d in all {
            groups["\(d.unitID)|n|\(d.nameFolded)", default: []].append(d)
            if let t = d.taxCode { groups["\(d.unitID)|t|\(t.prefix(10))", default: []].append(d) }
        }
        var seen: Set<[UUID]> = []
        return groups.values.filter { $0.count > 1 }.map { $0.map(Self.donorRow) }.filter {
            seen.insert($0.map(\.id).sorted { $0.uuidString < $1.uuidString }).inserted
        }
        .sorted { $0[0].name < $1[0].name }
    }

    static func donorRow(_ d: DonorModel) -> DonorRow {
        DonorRow(
            id: d.id!, kind: DonorKind(rawValue: d.kind) ?? .organisation, name: d.name, taxCode: d.taxCode, contact: d.contact, phone: d.phone, email: d.email,
            address: d.address, anonymous: d.anonymous, anonymisedAt: d.anonymisedAt, legalHold: d.legalHold)
    }

    public func donor(_ actor: Actor, id: UUID) async throws -> DonorRow {
        try actor.require(.viewFunds)
        return Self.donorRow(try await store.scoped(DonorModel.self, id, actor))
    }

    /// Receipts of a fund (or of a donor), newest first.
    public func receipts(_ actor: Actor, fundID: UUID?, donorID: UUID? = nil, page: PageSpec) async throws -> ResultPage<ReceiptRow> {
        try actor.require(.viewFunds)
        let q = store.scoped(FundReceiptModel.self, actor)
        if let fundID { q.filter(\.$fundID == fundID) }
        if let donorID { q.filter(\.$donorID == donorID) }
        let total = try await q.count()
        let list = try await q.sort(\.$receivedOn, .descending).sort(\.$number, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await receiptRows(list), request: page, total: total)
    }

    func receiptRows(_ list: [FundReceiptModel]) async throws -> [ReceiptRow] {
        var names: [UUID: String] = [:]
        for chunk in Array(Set(list.compactMap(\.donorID))).chunked(500) {
            for d in try await DonorModel.query(on: store.db).filter(\.$id ~~ chunk).all() { names[d.id!] = d.name }
        }
        return list.map { r in
            ReceiptRow(
                id: r.id!, number: r.number, fundID: r.fundID, donorName: r.donorID.flatMap { names[$0] }, receivedOn: LocalDate(iso: r.receivedOn)!,
                method: ReceiptMethod(rawValue: r.method)!, amount: r.amount, earmark: r.earmark.flatMap(DisbursementKind.init(rawValue:)),
                reference: r.reference, status: r.lifecycleState)
        }
    }

    public func receipt(_ actor: Actor, id: UUID) async throws -> ReceiptRecord {
        try actor.require(.viewFunds)
        let r = try await store.scoped(FundReceiptModel.self, id, actor)
        let fund = try await rows([try await FundModel.find(r.fundID, on: store.db)!])[0]
        let donor = (try await r.donorID.asyncMap { try await DonorModel.find($0, on: store.db) } ?? nil).map(Self.donorRow)
        let items = try await FundReceiptItemModel.query(on: store.db).filter(\.$receiptID == id).all().map {
            ReceiptItemRow(description: $0.description, quantity: $0.quantity, unitLabel: $0.unitLabel, unitValue: $0.unitValue, value: $0.value)
        }
        return ReceiptRecord(
            row: try await receiptRows([r])[0], fund: fund, donor: donor, items: items, note: r.note, recordedBy: r.createdBy,
            reversalReason: r.reversalReason)
    }

    /// Disbursements of a fund (or of every fund in reach), of a state or all, newest first.
    public func disbursements(_ actor: Actor, fundID: UUID?, status: DisbursementLifecycle.State?, page: PageSpec) async throws -> ResultPage<
        DisbursementRow
    > {
        try actor.require(.viewFunds)
        let q = store.scoped(FundDisbursementModel.self, actor)
        if let fundID { q.filter(\.$fundID == fundID) }
        if let status { q.filter(\.$status == status.rawValue) }
        let total = try await q.count()
        let list = try await q.sort(\.$proposedOn, .descending).sort(\.$number, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: list.map(Self.disbursementRow), request: page, total: total)
    }

    public func disbursement(_ actor: Actor, id: UUID) async throws -> DisbursementRow {
        try actor.require(.viewFunds)
        return Self.disbursementRow(try await store.scoped(FundDisbursementModel.self, id, actor))
    }

    static func disbursementRow(_ d: FundDisbursementModel) -> DisbursementRow {
        DisbursementRow(
            id: d.id!, number: d.number, fundID: d.fundID, kind: DisbursementKind(rawValue: d.kind)!, source: LedgerAccount(rawValue: d.sourceAccount)!,
            amount: d.amount, beneficiaryKind: BeneficiaryKind(rawValue: d.beneficiaryKind)!, beneficiaryLabel: d.beneficiaryLabel, purpose: d.purpose,
            proposedOn: LocalDate(iso: d.proposedOn)!, proposedBy: d.proposedBy, proposedByID: d.proposedByID, decidedBy: d.decidedBy,
            decidedOn: d.decidedOn.flatMap(LocalDate.init(iso:)), reason: d.reason, status: d.lifecycleState)
    }

    /// The books of a fund in a month, in the order they were posted.
    public func ledger(_ actor: Actor, fundID: UUID, month: YearMonth) async throws -> [EntryRow] {
        try actor.require(.viewFunds)
        _ = try await store.scoped(FundModel.self, fundID, actor)
        let journals = try await FundJournalModel.query(on: store.db).filter(\.$fundID == fundID).filter(\.$postedOn >= month.firstDay.iso)
            .filter(\.$postedOn <= month.lastDay.iso).sort(\.$postedOn).sort(\.$createdAt).limit(5000).all()
        var out: [EntryRow] = []
        for chunk in journals.chunked(500) {
            let entries = Dictionary(
                grouping: try await FundEntryModel.query(on: store.db).filter(\.$journalID ~~ chunk.map { $0.id! }).all(), by: \.journalID)
            for j in chunk {
                for e in (entries[j.id!] ?? []).sorted(by: { ($0.debit > 0 ? 0 : 1, $0.account) < ($1.debit > 0 ? 0 : 1, $1.account) }) {
                    out.append(EntryRow(postedOn: LocalDate(iso: j.postedOn)!, journalKind: j.kind, memo: j.memo, line: e.line))
                }
            }
        }
        return out
    }

    /// The figures of a unit's funds of `kind` in a year, from the books: what was given to them
    /// (reversals netted), by how many donors (of the receipts still standing), and given out.
    public func figures(_ actor: Actor, unitCode: String, year: Int, kind: FundKind) async throws -> FundFigures {
        try actor.require(.viewFunds)
        guard let unit = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let funds = try await FundModel.query(on: store.db).filter(\.$unitID == unit.id!).filter(\.$kind == kind.rawValue).all().map { $0.id! }
        var received: Int64 = 0, given: Int64 = 0
        var donors: Set<UUID> = []
        for f in funds {
            let to = try await balances(fundID: f, through: LocalDate(year: year, month: 12, day: 31)!)
            let before = try await balances(fundID: f, through: LocalDate(year: year - 1, month: 12, day: 31)!)
            received += Self.total(to, .donations) - Self.total(before, .donations)
            given += Self.total(to, .disbursed) - Self.total(before, .disbursed)
            donors.formUnion(
                try await FundReceiptModel.query(on: store.db).filter(\.$fundID == f).filter(\.$status == ReceiptLifecycle.State.recorded.rawValue)
                    .filter(\.$receivedOn >= "\(year)-01-01").filter(\.$receivedOn <= "\(year)-12-31").all().compactMap(\.donorID))
        }
        return FundFigures(received: received, donors: donors.count, givenOut: given)
    }
}
