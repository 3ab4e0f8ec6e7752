import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// What a fund is made from (the form's and the API's fields, unchecked).
public struct FundInput: Sendable {
    public var unitID: UUID?
    public var name = "", kind = "", purpose = ""
    public var allowedKinds: [String] = []
    public var isPublic = true
    public init() {}
}

/// What a donor is made from.
public struct DonorInput: Sendable {
    public var unitID: UUID?
    public var kind = "", name = "", taxCode = "", contact = "", phone = "", email = "", address = ""
    public var anonymous = false
    public init() {}
}

/// One item of a gift in kind, unchecked.
public struct ItemInput: Sendable {
    public var description: String, quantity: String, unitLabel: String, unitValue: String
    public init(description: String, quantity: String, unitLabel: String, unitValue: String) {
        self.description = description; self.quantity = quantity; self.unitLabel = unitLabel; self.unitValue = unitValue
    }
}

/// What a receipt is made from: money (amount) or goods (items, the amount is their value).
public struct ReceiptInput: Sendable {
    public var donorID: UUID?
    public var receivedOn = "", method = "", amount = "", earmark = "", reference = "", note = ""
    public var items: [ItemInput] = []
    /// The donor's pledge the gift is received against (`pledges`), if any.
    public var pledgeID: UUID?
    public init() {}
}

/// Funds, donors, gifts received, disbursements and the books of each fund. Every gift and
/// every approved disbursement posts a balanced journal in the same transaction; the books
/// are never edited, a mistake is reversed by a new journal.
public struct FundRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// The ward or centre a fund or donor belongs to: the one named, else the actor's own.
    func owner(_ actor: Actor, _ id: UUID?, on db: any Database) async throws -> OrgUnitModel {
        guard let id = id ?? actor.unitID, let u = try await store.reachable(OrgUnitModel.self, id, actor, on: db),
            u.kind == UnitKind.centre.rawValue || u.kind == UnitKind.commune.rawValue
        else { throw AppError.invalid("unit_id", "fund.error.unit") }
        return u
    }

    /// A fund's name, purpose and the disbursement kinds its rules allow, as typed: each bad one named.
    static func checkFund(_ input: FundInput, errors: inout [FieldError]) -> (name: String, purpose: String, allowed: [DisbursementKind]) {
        let name = CareRepository.text(input.name, "name", max: 160, into: &errors)
        let purpose = CareRepository.text(input.purpose, "purpose", max: 2000, into: &errors)
        let allowed = input.allowedKinds.compactMap(DisbursementKind.init(rawValue:))
        if allowed.isEmpty || allowed.count != input.allowedKinds.count || Set(allowed).count != allowed.count {
            errors.append(FieldError(field: "allowed_kinds", message: Message("fund.error.allowed_kinds")))
        }
        return (name, purpose, DisbursementKind.allCases.filter(allowed.contains))
    }

    public func createFund(_ actor: Actor, _ input: FundInput) async throws -> UUID {
        try actor.require(.manageFunds)
        var errors: [FieldError] = []
        let (name, purpose, allowed) = Self.checkFund(input, errors: &errors)
        let kind = FundKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let unit = try await owner(actor, input.unitID, on: tx)
            if try await FundModel.query(on: tx).filter(\.$unitID == unit.id!).filter(\.$name == name).first() != nil {
                throw AppError.invalid("name", "fund.error.name_taken")
            }
            let f = FundModel()
            f.id = UUID(); f.unitID = unit.id!; f.unitPath = unit.path; f.name = name; f.kind = kind!.rawValue; f.purpose = purpose
            f.allowedKinds = allowed.map(\.rawValue).joined(separator: ",")
            f.isPublic = input.isPublic; f.createdBy = actor.username
            try await f.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "create_fund", entity: "fund", entityID: f.id!.uuidString, unitID: unit.id!, unitPath: unit.path, before: NoValue?.none,
                    after: ["name": f.name, "kind": f.kind, "allowed": f.allowedKinds, "public": "\(f.isPublic)"]))
            return f.id!
        }
    }

    /// Changes a fund's name, purpose, rules (the disbursement kinds it may pay) and whether its
    /// public page is shown; its kind and unit stay, and so do its books. A disbursement already
    /// proposed of a kind the rules no longer allow cannot be approved (`approve` reads the rules
    /// in force). Audited with the fields changed and the rules before and after.
    public func updateFund(_ actor: Actor, id: UUID, _ input: FundInput) async throws {
        try actor.require(.manageFunds)
        var errors: [FieldError] = []
        let (name, purpose, allowed) = Self.checkFund(input, errors: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.write(actor) { tx, audit in
            let f = try await store.scoped(FundModel.self, id, actor, on: tx)
            if try await FundModel.query(on: tx).filter(\.$unitID == f.unitID).filter(\.$name == name).filter(\.$id != id).first() != nil {
                throw AppError.invalid("name", "fund.error.name_taken")
            }
            let before = [f.name, f.purpose, f.allowedKinds, "\(f.isPublic)"]
            f.name = name; f.purpose = purpose; f.allowedKinds = allowed.map(\.rawValue).joined(separator: ","); f.isPublic = input.isPublic
            let after = [f.name, f.purpose, f.allowedKinds, "\(f.isPublic)"]
            let names = ["name", "purpose", "allowed_kinds", "is_public"]
            let changed = names.indices.filter { before[$0] != after[$0] }.map { names[$0] }
            guard !changed.isEmpty else { return }
            try await f.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "update_fund", entity: "fund", entityID: id.uuidString, unitID: f.unitID, unitPath: f.unitPath,
                    before: ["allowed": before[2], "public": before[3]],
                    after: ["allowed": after[2], "public": after[3], "changed": changed.joined(separator: ",")]))
        }
    }

    /// A donor. A tax code is 10 digits, or 10 digits, a dash and 3 (a branch), and is
    /// recorded once per unit; a name like an existing donor's is accepted and listed among
    /// the possible duplicates.
    public func addDonor(_ actor: Actor, _ input: DonorInput) async throws -> UUID {
        try actor.require(.manageFunds)
        let (kind, name, tax) = try Self.checkDonor(input)
        return try await store.write(actor) { tx, audit in
            let unit = try await owner(actor, input.unitID, on: tx)
            if !tax.isEmpty, try await DonorModel.query(on: tx).filter(\.$unitID == unit.id!).filter(\.$taxCode == tax).first() != nil {
                throw AppError.invalid("tax_code", "fund.error.tax_code_taken")
            }
            let d = DonorModel()
            d.id = UUID(); d.unitID = unit.id!; d.unitPath = unit.path; d.createdBy = actor.username
            Self.apply(input, kind: kind, name: name, tax: tax, to: d)
            try await d.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "add_donor", entity: "donor", entityID: d.id!.uuidString, unitID: unit.id!, unitPath: unit.path, before: NoValue?.none,
                    after: ["kind": d.kind, "anonymous": "\(d.anonymous)"]))
            return d.id!
        }
    }

    /// Corrects a donor's details (all of them are sent), checked as a new donor's; the tax
    /// code stays once per unit. The audit names the fields changed and the anonymity wish
    /// before and after (the public pages follow the wish at once).
    public func updateDonor(_ actor: Actor, id: UUID, _ input: DonorInput) async throws {
        try actor.require(.manageFunds)
        let (kind, name, tax) = try Self.checkDonor(input)
        try await store.write(actor) { tx, audit in
            let d = try await store.scoped(DonorModel.self, id, actor, on: tx)
            guard d.anonymisedAt == nil else { throw AppError.conflict(Message("retention.error.anonymised")) }
            if !tax.isEmpty, try await DonorModel.query(on: tx).filter(\.$unitID == d.unitID).filter(\.$taxCode == tax).filter(\.$id != id).first() != nil {
                throw AppError.invalid("tax_code", "fund.error.tax_code_taken")
            }
            let before = [d.kind, d.name, d.taxCode ?? "", d.contact, d.phone, d.email, d.address, "\(d.anonymous)"]
            Self.apply(input, kind: kind, name: name, tax: tax, to: d)
            let after = [d.kind, d.name, d.taxCode ?? "", d.contact, d.phone, d.email, d.address, "\(d.anonymous)"]
            let names = ["kind", "name", "tax_code", "contact", "phone", "email", "address", "anonymous"]
            let changed = names.indices.filter { before[$0] != after[$0] }.map { names[$0] }
            guard !changed.isEmpty else { return }
            try await d.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "update", entity: "donor", entityID: id.uuidString, unitID: d.unitID, unitPath: d.unitPath,
                    before: ["anonymous": before[7]], after: ["anonymous": after[7], "changed": changed.joined(separator: ",")]))
        }
    }

    static func apply(_ input: DonorInput, kind: DonorKind, name: String, tax: String, to d: DonorModel) {
        d.kind = kind.rawValue; d.name = name; d.nameFolded = TextFolding.fold(name); d.taxCode = tax.isEmpty ? nil : tax
        d.contact = input.contact.trimmingCharacters(in: .whitespaces); d.phone = input.phone; d.email = input.email; d.address = input.address
        d.anonymous = input.anonymous
    }

    /// A donor's details as typed: each bad one named.
    static func checkDonor(_ input: DonorInput) throws -> (DonorKind, String, String) {
        var errors: [FieldError] = []
        let kind = DonorKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let name = CareRepository.text(input.name, "name", max: 200, into: &errors)
        let tax = input.taxCode.trimmingCharacters(in: .whitespaces)
        if !tax.isEmpty && !Self.isTaxCode(tax) { errors.append(FieldError(field: "tax_code", message: Message("fund.error.tax_code"))) }
        for (field, value, max) in [("contact", input.contact, 120), ("phone", input.phone, 20), ("email", input.email, 120), ("address", input.address, 300)]
        where value.count > max {
            errors.append(FieldError(field: field, message: Message("validation.too_long", ["max": "\(max)"])))
        }
        if !input.phone.allSatisfy({ $0.isNumber || " +.-".contains($0) }) { errors.append(FieldError(field: "phone", message: Message("care.error.phone"))) }
        if !input.email.isEmpty && (!input.email.contains("@") || input.email.contains(where: \.isWhitespace)) {
            errors.append(FieldError(field: "email", message: Message("fund.error.email")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return (kind!, name, tax)
    }

    static func isTaxCode(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        let digits = { (p: Substring, n: Int) in p.count == n && p.allSatisfy { $0.isASCII && $0.isNumber } }
        return (parts.count == 1 && digits(parts[0], 10)) || (parts.count == 2 && digits(parts[0], 10) && digits(parts[1], 3))
    }

    /// A gift received: booked at once (asset debited, donations credited) and numbered
    /// "PT-year-nnnn". A gift in kind lists its items; its amount is their value.
    public func recordReceipt(_ actor: Actor, fundID: UUID, _ input: ReceiptInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageFunds)
        var errors: [FieldError] = []
        let day = CareRepository.date(input.receivedOn, "received_on", today: today, into: &errors)
        let method = ReceiptMethod(rawValue: input.method)
        if method == nil { errors.append(FieldError(field: "method", message: Message("validation.choice"))) }
        let earmark = input.earmark.isEmpty ? nil : DisbursementKind(rawValue: input.earmark)
        if !input.earmark.isEmpty && earmark == nil { errors.append(FieldError(field: "earmark", message: Message("validation.choice"))) }
        if input.reference.count > 100 { errors.append(FieldError(field: "reference", message: Message("validation.too_long", ["max": "100"]))) }
        if input.note.count > 1000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "1000"]))) }
        var items: [(String, Int, String, Int64)] = []
        if method != nil && method != .inKind && !input.items.isEmpty {
            errors.append(FieldError(field: "items", message: Message("fund.error.items_only_in_kind")))
        }
        if method == .inKind {
            if input.items.isEmpty || input.items.count > 100 { errors.append(FieldError(field: "items", message: Message("fund.error.items"))) }
            for (n, i) in input.items.enumerated() {
                let q = Int(i.quantity), v = ImportTable.dong(i.unitValue)
                let what = i.description.trimmingCharacters(in: .whitespaces)
                guard !what.isEmpty, what.count <= 200, i.unitLabel.count <= 30, let q, q > 0, q <= 1_000_000, let v, v > 0, v <= 1_000_000_000 else {
                    errors.append(FieldError(field: "items", message: Message("fund.error.item", ["row": "\(n + 1)"])))
                    continue
                }
                items.append((what, q, i.unitLabel.trimmingCharacters(in: .whitespaces), v))
            }
        }
        let amount = method == .inKind ? items.reduce(Int64(0)) { $0 + Int64($1.1) * $1.3 } : ImportTable.dong(input.amount)
        if method != .inKind && (amount == nil || amount! <= 0 || amount! > 100_000_000_000) {
            errors.append(FieldError(field: "amount", message: Message("fund.error.amount")))
        }
        if method == .inKind && amount! > 100_000_000_000 { errors.append(FieldError(field: "items", message: Message("fund.error.amount"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let goods = items
        return try await store.write(actor) { tx, audit in
            try await Store.lock(FundModel.self, fundID, on: tx)
            let fund = try await store.scoped(FundModel.self, fundID, actor, on: tx)
            if let earmark, !fund.allowed.contains(earmark) { throw AppError.invalid("earmark", "fund.error.kind_not_allowed") }
            if let donor = input.donorID {
                guard let d = try await store.reachable(DonorModel.self, donor, actor, on: tx), d.unitID == fund.unitID else {
                    throw AppError.invalid("donor_id", "fund.error.donor")
                }
                // A donor anonymised by retention is recorded anew when they give again.
                if d.anonymisedAt != nil { throw AppError.invalid("donor_id", "fund.error.donor_anonymised") }
            }
            var donorID = input.donorID
            if let pledge = input.pledgeID { donorID = try await pledgeFor(pledge, fund: fund, donorID: input.donorID, on: tx) }
            let r = FundReceiptModel()
            r.id = UUID(); r.fundID = fundID; r.unitID = fund.unitID; r.unitPath = fund.unitPath; r.pledgeID = input.pledgeID
            r.number = try await nextNumber(FundReceiptModel.self, "PT", unitID: fund.unitID, year: day!.year, on: tx)
            r.donorID = donorID; r.receivedOn = day!.iso; r.method = method!.rawValue; r.amount = amount!; r.earmark = earmark?.rawValue
            r.reference = input.reference; r.note = input.note; r.status = ReceiptLifecycle.State.recorded.rawValue; r.createdBy = actor.username
            r.journalID = try await post(
                fund, day: day!, field: "received_on", kind: "receipt", source: r.id!, reversalOf: nil, memo: r.number,
                lines: FundLedger.receipt(amount: amount!, method: method!, earmark: earmark), actor: actor, on: tx)
            try await r.create(on: tx)
            for i in goods {
                let m = FundReceiptItemModel()
                m.id = UUID(); m.receiptID = r.id!; m.description = i.0; m.quantity = i.1; m.unitLabel = i.2; m.unitValue = i.3; m.value = Int64(i.1) * i.3
                try await m.create(on: tx)
            }
            audit.add(
                AuditRecord(
                    action: "record_receipt", entity: ReceiptLifecycle.entity, entityID: r.id!.uuidString, unitID: fund.unitID, unitPath: fund.unitPath,
                    before: NoValue?.none,
                    after: [
                        "number": r.number, "fund": fundID.uuidString, "amount": "\(r.amount)", "method": r.method, "received_on": r.receivedOn,
                        "pledge": r.pledgeID?.uuidString ?? "",
                    ]))
            return r.id!
        }
    }

    /// Reverses a receipt recorded by mistake: a journal with its lines swapped, dated today
    /// (the month of the receipt may be closed). Goods already given out cannot be taken back:
    /// the fund must still hold what the receipt brought on its account and earmark.
    public func reverseReceipt(_ actor: Actor, receiptID: UUID, reason: String, today: LocalDate) async throws {
        try ReceiptLifecycle.authorize(.reverse, role: actor.role, fields: ["reason": reason])
        guard reason.count <= 500 else { throw AppError.invalid("reason", "validation.too_long", ["max": "500"]) }
        try await store.transition(actor, FundReceiptModel.self, receiptID, .reverse, fields: ["reason": reason]) { r, tx, _ in
            try await Store.lock(FundModel.self, r.fundID, on: tx)
            let fund = try await FundModel.find(r.fundID, on: tx)!
            let lines = try await journalLines(r.journalID, on: tx)
            let balances = try await balances(fundID: fund.id!, on: tx)
            let method = ReceiptMethod(rawValue: r.method)!
            let key = LedgerKey(method.account, r.earmark.flatMap(DisbursementKind.init(rawValue:)))
            guard (balances[key] ?? 0) >= r.amount else { throw AppError.conflict(Message("fund.error.receipt_spent")) }
            _ = try await post(
                fund, day: today, field: "reason", kind: "reversal", source: r.id!, reversalOf: r.journalID, memo: r.number,
                lines: FundLedger.reversal(of: lines), actor: actor, on: tx)
            r.reversalReason = reason
            return ["number": r.number, "amount": "\(r.amount)"]
        }
    }

    /// Books a journal: refused when unbalanced or dated in a closed month.
    func post(
        _ fund: FundModel, day: LocalDate, field: String, kind: String, source: UUID, reversalOf: UUID?, memo: String, lines: [LedgerLine], actor: Actor,
        on tx: any Database
    ) async throws -> UUID {
        guard FundLedger.isBalanced(lines) else { throw AppError.invalid(field, "fund.error.unbalanced") }
        if let closed = fund.closedThrough, day.yearMonth.iso <= closed {
            throw AppError.invalid(field, "fund.error.closed_month", ["month": closed])
        }
        let j = FundJournalModel()
        j.id = UUID(); j.fundID = fund.id!; j.unitPath = fund.unitPath; j.postedOn = day.iso; j.kind = kind; j.sourceID = source
        j.reversalOf = reversalOf; j.memo = memo; j.createdBy = actor.username
        try await j.create(on: tx)
        for l in lines {
            let e = FundEntryModel()
            e.id = UUID(); e.journalID = j.id!; e.fundID = fund.id!; e.postedOn = day.iso; e.account = l.account.rawValue; e.earmark = l.earmark?.rawValue
            e.debit = l.debit; e.credit = l.credit
            try await e.create(on: tx)
        }
        return j.id!
    }

    func journalLines(_ journalID: UUID, on db: any Database) async throws -> [LedgerLine] {
        try await FundEntryModel.query(on: db).filter(\.$journalID == journalID).all().map(\.line)
    }

    /// The balance of every account and earmark of a fund, up to a day (inclusive) when given.
    public func balances(fundID: UUID, through day: LocalDate? = nil, on db: (any Database)? = nil) async throws -> [LedgerKey: Int64] {
        let rows = try await sql(db ?? store.db).raw(
            """
            SELECT account, earmark, CAST(SUM(debit) AS BIGINT) AS d, CAST(SUM(credit) AS BIGINT) AS c FROM fund_entries
            WHERE fund_id = \(bind: fundID) AND posted_on <= \(bind: day?.iso ?? "9999-12-31") GROUP BY account, earmark
            """
        ).all()
        var out: [LedgerKey: Int64] = [:]
        for row in rows {
            guard let account = LedgerAccount(rawValue: try row.decode(column: "account", as: String.self)) else { continue }
            let mark = try row.decode(column: "earmark", as: String?.self).flatMap(DisbursementKind.init(rawValue:))
            let d = try row.decode(column: "d", as: Int64.self), c = try row.decode(column: "c", as: Int64.self)
            out[LedgerKey(account, mark)] = account == .donations ? c - d : d - c
        }
        return out
    }

    /// The next number "PREFIX-year-nnnn" of a unit, given one at a time (the unit's row is
    /// locked; a unique index stops any race that slips through).
    func nextNumber<M: Model>(_ type: M.Type, _ prefix: String, unitID: UUID, year: Int, on tx: any Database) async throws -> String {
        try await Store.lock(OrgUnitModel.self, unitID, on: tx)
        let rows = try await sql(tx).raw(
            "SELECT COUNT(*) AS n FROM \(ident: M.schema) WHERE unit_id = \(bind: unitID) AND number LIKE \(bind: "\(prefix)-\(year)-%")"
        ).all()
        let n = try rows.first?.decode(column: "n", as: Int.self) ?? 0
        return "\(prefix)-\(year)-\(LocalDate.digits(n + 1, 4))"
    }
}
