import AnsinhCore
import FluentKit
import Foundation

/// Fee-paying care: the price list, contracts with families, monthly invoices, payments and
/// arrears. A resident under contract is admitted on the `contract` basis and uses the same
/// beds, daily care and medication records as everyone else.
extension CareRepository {
    /// A price from a day. VAT is a whole percentage (0 when the service bears none).
    public func addPrice(
        _ actor: Actor, unitID: UUID?, roomType: String, term: String, monthly: String, vatPercent: String, effectiveFrom: String
    ) async throws {
        try actor.require(.admitResidents)
        var errors: [FieldError] = []
        let room = RoomType(rawValue: roomType), t = ContractTerm(rawValue: term)
        if room == nil { errors.append(FieldError(field: "room_type", message: Message("validation.choice"))) }
        if t == nil { errors.append(FieldError(field: "term", message: Message("validation.choice"))) }
        let price = ImportTable.dong(monthly)
        if price == nil || price! <= 0 || price! > 1_000_000_000 { errors.append(FieldError(field: "monthly", message: Message("care.error.amount"))) }
        let vat = vatPercent.isEmpty ? 0 : Int(vatPercent)
        if vat == nil || !(0...100).contains(vat!) { errors.append(FieldError(field: "vat_percent", message: Message("care.error.vat"))) }
        let from = LocalDate(iso: effectiveFrom)
        if from == nil { errors.append(FieldError(field: "effective_from", message: Message("validation.date"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.write(actor) { tx, audit in
            let unit = try await centre(actor, unitID, on: tx)
            if try await CarePriceModel.query(on: tx).filter(\.$unitID == unit.id!).filter(\.$roomType == room!.rawValue).filter(\.$term == t!.rawValue)
                .filter(\.$effectiveFrom == from!.iso).first() != nil
            {
                throw AppError.conflict(Message("care.error.price_exists"))
            }
            let p = CarePriceModel()
            p.id = UUID(); p.unitID = unit.id!; p.unitPath = unit.path; p.roomType = room!.rawValue; p.term = t!.rawValue; p.monthly = price!
            p.vatBasisPoints = vat! * 100; p.effectiveFrom = from!.iso; p.createdBy = actor.username
            try await p.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "set_price", entity: "care_price", entityID: p.id!.uuidString, unitID: unit.id!, unitPath: unit.path, before: NoValue?.none,
                    after: ["room_type": p.roomType, "term": p.term, "monthly": "\(p.monthly)", "vat_bp": "\(p.vatBasisPoints)", "from": p.effectiveFrom]))
        }
    }

    public func prices(_ actor: Actor) async throws -> [PriceRow] {
        try actor.require(.viewCare)
        return try await store.scoped(CarePriceModel.self, actor).sort(\.$roomType).sort(\.$term).sort(\.$effectiveFrom, .descending).limit(500).all()
            .map(Self.priceRow)
    }

    static func priceRow(_ p: CarePriceModel) -> PriceRow {
        PriceRow(
            roomType: RoomType(rawValue: p.roomType)!, term: ContractTerm(rawValue: p.term)!,
            price: DatedPrice(from: LocalDate(iso: p.effectiveFrom)!, monthly: p.monthly, vatBasisPoints: p.vatBasisPoints))
    }

    func datedPrices(unitID: UUID, roomType: String, term: String, on db: any Database) async throws -> [DatedPrice] {
        try await CarePriceModel.query(on: db).filter(\.$unitID == unitID).filter(\.$roomType == roomType).filter(\.$term == term).all()
            .map { Self.priceRow($0).price }
    }

    /// A contract for a resident admitted on the contract basis, numbered "n/year/HĐDV" per
    /// centre. A short-term contract has an end day; a price must be in effect on the first day.
    public func createContract(_ actor: Actor, _ input: ContractInput, today: LocalDate) async throws -> UUID {
        try actor.require(.admitResidents)
        var errors: [FieldError] = []
        let payer = Self.text(input.payerName, "payer_name", max: 120, into: &errors)
        let relation = Self.text(input.payerRelation, "payer_relation", max: 60, into: &errors)
        let phone = Self.text(input.payerPhone, "payer_phone", max: 20, into: &errors)
        if !phone.isEmpty && !phone.allSatisfy({ $0.isNumber || " +.-".contains($0) }) {
            errors.append(FieldError(field: "payer_phone", message: Message("care.error.phone")))
        }
        let address = Self.text(input.payerAddress, "payer_address", max: 300, into: &errors)
        let t = ContractTerm(rawValue: input.term), room = RoomType(rawValue: input.roomType)
        if t == nil { errors.append(FieldError(field: "term", message: Message("validation.choice"))) }
        if room == nil { errors.append(FieldError(field: "room_type", message: Message("validation.choice"))) }
        let start = LocalDate(iso: input.startsOn)
        if start == nil { errors.append(FieldError(field: "starts_on", message: Message("validation.date"))) }
        let end = input.endsOn.isEmpty ? nil : LocalDate(iso: input.endsOn)
        if !input.endsOn.isEmpty && end == nil { errors.append(FieldError(field: "ends_on", message: Message("validation.date"))) }
        if let start, let end, end < start { errors.append(FieldError(field: "ends_on", message: Message("validation.end_before_start"))) }
        if t == .shortTerm && input.endsOn.isEmpty { errors.append(FieldError(field: "ends_on", message: Message("care.error.short_term_end"))) }
        let services = Self.text(input.services, "services", max: 2000, into: &errors)
        let extras = input.extrasMonthly.isEmpty ? 0 : ImportTable.dong(input.extrasMonthly)
        if extras == nil || extras! > 1_000_000_000 { errors.append(FieldError(field: "extras_monthly", message: Message("care.error.amount"))) }
        if input.extrasNote.count > 500 { errors.append(FieldError(field: "extras_note", message: Message("validation.too_long", ["max": "500"]))) }
        if input.residentID == nil { errors.append(FieldError(field: "resident_id", message: Message("validation.required", ["max": ""]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            guard let r = try await store.reachable(CareResidentModel.self, input.residentID!, actor, on: tx),
                r.basis == AdmissionBasis.contract.rawValue, r.status == ResidentLifecycle.State.inCare.rawValue
            else { throw AppError.invalid("resident_id", "care.error.not_contract_resident") }
            try await Store.lock(CareResidentModel.self, r.id!, on: tx)
            if try await CareContractModel.query(on: tx).filter(\.$residentID == r.id!).filter(\.$status == ContractLifecycle.State.active.rawValue)
                .first() != nil
            {
                throw AppError.conflict(Message("care.error.contract_exists"))
            }
            guard start! >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("starts_on", "care.error.before_admission") }
            let prices = try await datedPrices(unitID: r.unitID, roomType: room!.rawValue, term: t!.rawValue, on: tx)
            guard prices.contains(where: { $0.from <= start! }) else { throw AppError.invalid("room_type", "care.error.no_price") }
            // Numbers are given one at a time per centre (two contracts signed at once get two).
            try await Store.lock(OrgUnitModel.self, r.unitID, on: tx)
            let year = start!.year
            let taken = try await CareContractModel.query(on: tx).filter(\.$unitID == r.unitID).all().filter { $0.number.hasSuffix("/\(year)/HĐDV") }.count
            let c = CareContractModel()
            c.id = UUID(); c.unitID = r.unitID; c.unitPath = r.unitPath; c.number = "\(taken + 1)/\(year)/HĐDV"; c.residentID = r.id!
            c.payerName = payer; c.payerRelation = relation; c.payerPhone = phone; c.payerAddress = address; c.term = t!.rawValue
            c.roomType = room!.rawValue; c.startsOn = start!.iso; c.endsOn = end?.iso; c.services = services; c.extrasMonthly = extras!
            c.extrasNote = input.extrasNote.isEmpty ? nil : input.extrasNote; c.status = ContractLifecycle.State.active.rawValue
            c.createdBy = actor.username
            try await c.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "sign_contract", entity: ContractLifecycle.entity, entityID: c.id!.uuidString, unitID: r.unitID, unitPath: r.unitPath,
                    before: NoValue?.none, after: ["number": c.number, "resident": r.id!.uuidString, "term": c.term, "starts_on": c.startsOn]))
            return c.id!
        }
    }

    /// Ends a contract on a day (the last day of care it pays for).
    public func endContract(_ actor: Actor, contractID: UUID, endsOn: String) async throws {
        try ContractLifecycle.authorize(.end, role: actor.role, fields: ["ends_on": endsOn])
        guard let end = LocalDate(iso: endsOn) else { throw AppError.invalid("ends_on", "validation.date") }
        try await store.transition(actor, CareContractModel.self, contractID, .end, fields: ["ends_on": endsOn]) { c, _, _ in
            guard end.iso >= c.startsOn else { throw AppError.invalid("ends_on", "validation.end_before_start") }
            if let e = c.endsOn, end.iso > e { throw AppError.invalid("ends_on", "care.error.after_contract_end") }
            c.endsOn = end.iso
            return ["ends_on": end.iso]
        }
    }

    /// The invoice of a month (not after the current one), numbered "year-nnnn" per centre. A
    /// month already invoiced is a conflict: an invoice is issued once.
    @discardableResult
    public func invoice(_ actor: Actor, contractID: UUID, month: String, today: LocalDate) async throws -> UUID {
        try actor.require(ContractLifecycle.rule(.invoice).permission)
        guard let m = YearMonth(iso: month) else { throw AppError.invalid("month", "validation.month") }
        guard m <= today.yearMonth else { throw AppError.invalid("month", "care.error.future_month") }
        return try await store.transition(actor, CareContractModel.self, contractID, .invoice) { c, tx, _ in
            if try await CareInvoiceModel.query(on: tx).filter(\.$contractID == contractID).filter(\.$month == m.iso).first() != nil {
                throw AppError.conflict(Message("care.error.invoiced", ["month": m.iso]))
            }
            let prices = try await datedPrices(unitID: c.unitID, roomType: c.roomType, term: c.term, on: tx)
            let amounts: InvoiceAmounts
            do throws(ContractBilling.Failure) {
                amounts = try ContractBilling.invoice(
                    month: m, start: LocalDate(iso: c.startsOn)!, end: c.endsOn.flatMap(LocalDate.init(iso:)), prices: prices, extrasMonthly: c.extrasMonthly)
            } catch {
                switch error {
                case .notCovered: throw AppError.invalid("month", "care.error.not_covered")
                case .noPrice(let day): throw AppError.invalid("month", "care.error.no_price_on", ["date": day.iso])
                }
            }
            try await Store.lock(OrgUnitModel.self, c.unitID, on: tx)
            let seq = try await CareInvoiceModel.query(on: tx).filter(\.$unitID == c.unitID).filter(\.$number >= "\(m.year)-").filter(\.$number < "\(m.year)-~")
                .count()
            let i = CareInvoiceModel()
            i.id = UUID(); i.contractID = contractID; i.unitID = c.unitID; i.unitPath = c.unitPath; i.number = "\(m.year)-\(LocalDate.digits(seq + 1, 4))"
            i.month = m.iso; i.days = amounts.days; i.base = amounts.base; i.extras = amounts.extras; i.vat = amounts.vat; i.total = amounts.total
            i.issuedOn = today.iso; i.issuedBy = actor.username
            try await i.create(on: tx)
            return (i.id!, ["invoice": i.number, "month": m.iso, "total": "\(i.total)"])
        }
    }

    /// Invoices `month` for every contract of the actor's units covering it and not yet invoiced
    /// (each in its own transaction; run again, it issues only what is missing).
    public func invoiceMonth(_ actor: Actor, month: String, today: LocalDate) async throws -> (issued: Int, already: Int) {
        try actor.require(ContractLifecycle.rule(.invoice).permission)
        guard let m = YearMonth(iso: month) else { throw AppError.invalid("month", "validation.month") }
        guard m <= today.yearMonth else { throw AppError.invalid("month", "care.error.future_month") }
        let contracts = try await store.scoped(CareContractModel.self, actor).filter(\.$startsOn <= m.lastDay.iso).all()
            .filter { ($0.endsOn ?? m.firstDay.iso) >= m.firstDay.iso }
        var done: Set<UUID> = []
        for chunk in contracts.map({ $0.id! }).chunked(500) {
            done.formUnion(try await CareInvoiceModel.query(on: store.db).filter(\.$contractID ~~ chunk).filter(\.$month == m.iso).all().map(\.contractID))
        }
        var issued = 0
        for c in contracts where !done.contains(c.id!) {
            try await invoice(actor, contractID: c.id!, month: m.iso, today: today)
            issued += 1
        }
        return (issued, done.count)
    }

    public func recordContractPayment(
        _ actor: Actor, contractID: UUID, amount: String, paidOn: String, method: String, reference: String, today: LocalDate
    ) async throws {
        try ContractLifecycle.authorize(.pay, role: actor.role, fields: ["amount": amount, "paid_on": paidOn])
        var errors: [FieldError] = []
        let value = ImportTable.dong(amount)
        if value == nil || value! <= 0 || value! > 10_000_000_000 { errors.append(FieldError(field: "amount", message: Message("care.error.amount"))) }
        let day = Self.date(paidOn, "paid_on", today: today, into: &errors)
        let how = PaymentMethod(rawValue: method)
        if how == nil { errors.append(FieldError(field: "method", message: Message("validation.choice"))) }
        if reference.count > 100 { errors.append(FieldError(field: "reference", message: Message("validation.too_long", ["max": "100"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareContractModel.self, contractID, .pay, fields: ["amount": amount, "paid_on": paidOn]) { c, tx, _ in
            let p = CareContractPaymentModel()
            p.id = UUID(); p.contractID = contractID; p.unitPath = c.unitPath; p.amount = value!; p.paidOn = day!.iso; p.method = how!.rawValue
            p.reference = reference.isEmpty ? nil : reference; p.receivedBy = actor.username
            try await p.create(on: tx)
            return ["amount": "\(p.amount)", "paid_on": p.paidOn, "method": p.method]
        }
    }
}
