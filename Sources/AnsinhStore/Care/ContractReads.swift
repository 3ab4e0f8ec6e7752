import AnsinhCore
import FluentKit
import Foundation

/// The contracts as lists, one contract with its invoices and payments, and the year's figures.
extension CareRepository {
    /// Contracts in the actor's units (of a state, or all), newest first, with what each owes.
    public func contracts(_ actor: Actor, status: ContractLifecycle.State?, page: PageSpec) async throws -> ResultPage<ContractRow> {
        try actor.require(.viewCare)
        let q = store.scoped(CareContractModel.self, actor)
        if let status { q.filter(\.$status == status.rawValue) }
        let total = try await q.count()
        let list = try await q.sort(\.$startsOn, .descending).sort(\.$number).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await rows(list), request: page, total: total)
    }

    /// Every invoice and payment of the contracts, read once for whatever sums the caller needs.
    func ledger(_ contracts: [UUID]) async throws -> (invoices: [CareInvoiceModel], payments: [CareContractPaymentModel]) {
        var invoices: [CareInvoiceModel] = [], payments: [CareContractPaymentModel] = []
        for chunk in contracts.chunked(500) {
            invoices += try await CareInvoiceModel.query(on: store.db).filter(\.$contractID ~~ chunk).all()
            payments += try await CareContractPaymentModel.query(on: store.db).filter(\.$contractID ~~ chunk).all()
        }
        return (invoices, payments)
    }

    /// What each contract was invoiced and paid (up to `date`, when given).
    static func totals(_ ledger: (invoices: [CareInvoiceModel], payments: [CareContractPaymentModel]), on date: LocalDate?) -> (
        invoiced: [UUID: Int64], paid: [UUID: Int64]
    ) {
        var invoiced: [UUID: Int64] = [:], paid: [UUID: Int64] = [:]
        for i in ledger.invoices where date.map({ i.issuedOn <= $0.iso }) ?? true { invoiced[i.contractID, default: 0] += i.total }
        for p in ledger.payments where date.map({ p.paidOn <= $0.iso }) ?? true { paid[p.contractID, default: 0] += p.amount }
        return (invoiced, paid)
    }

    func rows(_ list: [CareContractModel]) async throws -> [ContractRow] {
        let (invoiced, paid) = Self.totals(try await ledger(list.map { $0.id! }), on: nil)
        var names: [UUID: String] = [:]
        for chunk in Array(Set(list.map(\.residentID))).chunked(500) {
            for r in try await CareResidentModel.query(on: store.db).filter(\.$id ~~ chunk).all() { names[r.id!] = r.fullName }
        }
        return list.map { c in
            ContractRow(
                id: c.id!, number: c.number, residentID: c.residentID, residentName: names[c.residentID] ?? "", payerName: c.payerName,
                term: ContractTerm(rawValue: c.term)!, roomType: RoomType(rawValue: c.roomType)!, startsOn: LocalDate(iso: c.startsOn)!,
                endsOn: c.endsOn.flatMap(LocalDate.init(iso:)), status: c.lifecycleState, invoiced: invoiced[c.id!] ?? 0, paid: paid[c.id!] ?? 0)
        }
    }

    /// The residents a contract may be signed for: in care on the contract basis, without an
    /// active contract, by name.
    public func contractCandidates(_ actor: Actor) async throws -> [(id: UUID, name: String)] {
        try actor.require(.viewCare)
        let residents = try await store.scoped(CareResidentModel.self, actor).filter(\.$status == ResidentLifecycle.State.inCare.rawValue)
            .filter(\.$basis == AdmissionBasis.contract.rawValue).sort(\.$fullName).all()
        let bound = Set(
            try await store.scoped(CareContractModel.self, actor).filter(\.$status == ContractLifecycle.State.active.rawValue).all().map(\.residentID))
        return residents.filter { !bound.contains($0.id!) }.map { ($0.id!, $0.fullName) }
    }

    public func contract(_ actor: Actor, id: UUID) async throws -> ContractRecord {
        try actor.require(.viewCare)
        let c = try await store.scoped(CareContractModel.self, id, actor)
        let row = try await rows([c])[0]
        let resident = try await CareResidentModel.find(c.residentID, on: store.db)
        let unit = try await OrgUnitModel.find(c.unitID, on: store.db)
        let prices = try await datedPrices(unitID: c.unitID, roomType: c.roomType, term: c.term, on: store.db)
        let invoices = try await CareInvoiceModel.query(on: store.db).filter(\.$contractID == id).sort(\.$month, .descending).all().map(Self.invoiceRow)
        let payments = try await CareContractPaymentModel.query(on: store.db).filter(\.$contractID == id).sort(\.$paidOn, .descending).all().map {
            ContractPaymentRow(
                amount: $0.amount, paidOn: LocalDate(iso: $0.paidOn)!, method: PaymentMethod(rawValue: $0.method)!, reference: $0.reference,
                receivedBy: $0.receivedBy)
        }
        return ContractRecord(
            row: row, centreName: unit?.name ?? "", residentBirth: resident.flatMap { LocalDate(iso: $0.birthDate) } ?? row.startsOn,
            payerRelation: c.payerRelation, payerPhone: c.payerPhone, payerAddress: c.payerAddress, services: c.services,
            extrasMonthly: c.extrasMonthly, extrasNote: c.extrasNote,
            price: prices.sorted { $0.from < $1.from }.last { $0.from <= row.startsOn }, invoices: invoices, payments: payments)
    }

    static func invoiceRow(_ i: CareInvoiceModel) -> InvoiceRow {
        InvoiceRow(
            id: i.id!, number: i.number, month: YearMonth(iso: i.month)!, amounts: InvoiceAmounts(days: i.days, base: i.base, extras: i.extras, vat: i.vat),
            issuedOn: LocalDate(iso: i.issuedOn)!)
    }

    /// One invoice with its contract, for printing.
    public func invoiceRecord(_ actor: Actor, id: UUID) async throws -> (invoice: InvoiceRow, contract: ContractRecord) {
        try actor.require(.viewCare)
        let i = try await store.scoped(CareInvoiceModel.self, id, actor)
        return (Self.invoiceRow(i), try await contract(actor, id: i.contractID))
    }

    /// Fee-paying care of a centre in a year: contracts active on its last day, invoiced and
    /// received in the year, arrears on its last day.
    public func contractFigures(_ actor: Actor, unitCode: String, year: Int) async throws -> ContractFigures {
        try actor.require(.viewCare)
        guard let unit = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let last = LocalDate(year: year, month: 12, day: 31)!
        let list = try await store.scoped(CareContractModel.self, actor).filter(\.$unitID == unit.id!).filter(\.$startsOn <= last.iso).all()
        let active = list.filter { $0.endsOn.map { $0 >= last.iso } ?? true }.count
        let ledger = try await ledger(list.map { $0.id! })
        let invoiced = ledger.invoices.filter { $0.month >= "\(year)-01" && $0.month <= "\(year)-12" }.reduce(Int64(0)) { $0 + $1.total }
        let received = ledger.payments.filter { $0.paidOn >= "\(year)-01-01" && $0.paidOn <= last.iso }.reduce(Int64(0)) { $0 + $1.amount }
        // Owed on the last day: what was invoiced by then less what was paid by then, per contract
        // (an advance on one contract is not set against another's arrears).
        let (owed, paid) = Self.totals(ledger, on: last)
        let arrears = owed.reduce(Int64(0)) { $0 + max(0, $1.value - (paid[$1.key] ?? 0)) }
        return ContractFigures(active: active, invoiced: invoiced, received: received, arrears: arrears)
    }
}
