import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of donated money: funds, donors, receipts, disbursements and their steps, the
/// books and their closing, the year's figures of a unit's funds.
struct FundAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.funds), use: list)
        api.post(.api(.funds), use: create)
        api.get(.api(.fund(nil)), use: read)
        api.on(.PUT, SiteRoute.api(.fund(nil)).pattern, use: update)
        api.get(.api(.fundReceipts(nil)), use: receipts)
        api.post(.api(.fundReceipts(nil)), use: receive)
        api.get(.api(.fundDisbursements(nil)), use: disbursements)
        api.post(.api(.fundDisbursements(nil)), use: propose)
        api.get(.api(.fundLedger(nil)), use: ledger)
        api.get(.api(.fundDonorReport(nil)), use: donorReport)
        api.post(.api(.fundClose(nil)), use: close)
        api.get(.api(.donors), use: donors)
        api.post(.api(.donors), use: addDonor)
        api.get(.api(.donor(nil)), use: donor)
        api.on(.PUT, SiteRoute.api(.donor(nil)).pattern, use: updateDonor)
        api.post(.api(.donorHold(nil))) { req in
            let a = try req.requireActor()
            let id = try await RetentionSection.holdJSON(req, DonorModel.self)
            return APIJSON(DonorDTO(try await FundRepository(req.store).donor(a, id: id)))
        }
        api.get(.api(.donorDuplicates), use: duplicates)
        api.get(.api(.fundReceipt(nil)), use: receipt)
        api.post(.api(.fundReceiptReverse(nil)), use: reverseReceipt)
        api.get(.api(.disbursement(nil)), use: disbursement)
        for t in DisbursementLifecycle.Transition.allCases {
            api.post(.api(.disbursementAction(nil, t))) { req in try await step(req, t) }
        }
        api.get(.api(.fundsReport), use: report)
    }

    struct Fund: Content { let unitId: UUID?; let name: String; let kind: String; let purpose: String; let allowedKinds: [String]; let isPublic: Bool? }
    /// A fund's name, purpose, rules and public page, all sent (its kind and unit stay).
    struct FundChange: Content { let name: String; let purpose: String; let allowedKinds: [String]; let isPublic: Bool }
    struct Donor: Content {
        let unitId: UUID?; let kind: String; let name: String; let taxCode: String?; let contact: String?; let phone: String?; let email: String?
        let address: String?; let anonymous: Bool?
        func limit() throws {
            try APIInput.limit([
                ("name", name, 200), ("tax_code", taxCode, 14), ("contact", contact, 120), ("phone", phone, 20), ("email", email, 120),
                ("address", address, 300),
            ])
        }
        var input: DonorInput {
            var i = DonorInput()
            i.unitID = unitId; i.kind = kind; i.name = name; i.taxCode = taxCode ?? ""; i.contact = contact ?? ""; i.phone = phone ?? ""
            i.email = email ?? ""; i.address = address ?? ""; i.anonymous = anonymous ?? false
            return i
        }
    }
    struct Item: Content { let description: String; let quantity: Int; let unitLabel: String?; let unitValue: Int64 }
    struct Receipt: Content {
        let donorId: UUID?; let receivedOn: String; let method: String; let amount: Int64?; let earmark: String?; let reference: String?; let note: String?
        let items: [Item]?
        /// The donor's pledge the gift is received against (`PledgeAPI`).
        let pledgeId: UUID?
    }
    struct Disbursement: Content {
        let beneficiaryKind: String; let beneficiaryId: UUID; let kind: String; let sourceAccount: String; let amount: Int64; let purpose: String
    }
    struct Month: Content { let month: String }
    struct Reason: Content { let reason: String? }

    struct FundDTO: Content {
        let id: UUID; let unitName: String; let name: String; let kind: String; let purpose: String; let allowedKinds: [String]; let isPublic: Bool
        let closedThrough: String?; let received: Int64; let givenOut: Int64; let held: Int64
        init(_ f: FundRow) {
            id = f.id; unitName = f.unitName; name = f.name; kind = f.kind.rawValue; purpose = f.purpose; allowedKinds = f.allowed.map(\.rawValue)
            isPublic = f.isPublic; closedThrough = f.closedThrough?.iso; received = f.received; givenOut = f.givenOut; held = f.held
        }
    }
    struct BalanceDTO: Content { let account: String; let earmark: String?; let balance: Int64 }
    struct ClosingDTO: Content { let month: String; let held: Int64; let closedBy: String }
    struct FundDetailDTO: Content { let fund: FundDTO; let balances: [BalanceDTO]; let booksBalance: Bool; let closings: [ClosingDTO] }
    struct DonorDTO: Content {
        let id: UUID; let kind: String; let name: String; let taxCode: String?; let contact: String; let phone: String; let email: String; let address: String
        let anonymous: Bool
        /// Retention: when an individual donor's details were anonymised, or the legal hold.
        let anonymisedAt: Date?; let legalHold: String?
        init(_ d: DonorRow) {
            id = d.id; kind = d.kind.rawValue; name = d.name; taxCode = d.taxCode; contact = d.contact; phone = d.phone; email = d.email
            address = d.address; anonymous = d.anonymous; anonymisedAt = d.anonymisedAt; legalHold = d.legalHold
        }
    }
    struct ReceiptDTO: Content {
        let id: UUID; let number: String; let fundId: UUID; let donorName: String?; let receivedOn: String; let method: String; let amount: Int64
        let earmark: String?; let reference: String; let status: String
        init(_ r: ReceiptRow) {
            id = r.id; number = r.number; fundId = r.fundID; donorName = r.donorName; receivedOn = r.receivedOn.iso; method = r.method.rawValue
            amount = r.amount; earmark = r.earmark?.rawValue; reference = r.reference; status = r.status.rawValue
        }
    }
    struct ItemDTO: Content { let description: String; let quantity: Int; let unitLabel: String; let unitValue: Int64; let value: Int64 }
    struct ReceiptDetailDTO: Content {
        let receipt: ReceiptDTO; let donorId: UUID?; let items: [ItemDTO]; let note: String; let recordedBy: String; let reversalReason: String?
        let amountInWords: String
    }
    struct DisbursementDTO: Content {
        let id: UUID; let number: String; let fundId: UUID; let kind: String; let sourceAccount: String; let amount: Int64; let beneficiaryKind: String
        let beneficiaryLabel: String; let purpose: String; let proposedOn: String; let proposedBy: String; let decidedBy: String?
        let decidedOn: String?; let reason: String?; let status: String
        init(_ d: DisbursementRow) {
            id = d.id; number = d.number; fundId = d.fundID; kind = d.kind.rawValue; sourceAccount = d.source.rawValue; amount = d.amount
            beneficiaryKind = d.beneficiaryKind.rawValue; beneficiaryLabel = d.beneficiaryLabel; purpose = d.purpose
            proposedOn = d.proposedOn.iso; proposedBy = d.proposedBy; decidedBy = d.decidedBy; decidedOn = d.decidedOn?.iso; reason = d.reason
            status = d.status.rawValue
        }
    }
    struct EntryDTO: Content {
        let postedOn: String; let journal: String; let memo: String; let account: String; let earmark: String?; let debit: Int64; let credit: Int64
    }
    struct FiguresDTO: Content { let received: Int64; let donors: Int; let givenOut: Int64 }
    struct ReportDTO: Content { let unit: String; let year: Int; let byKind: [String: FiguresDTO] }

    func detail(_ req: Request, _ id: UUID) async throws -> FundDetailDTO {
        let f = try await FundRepository(req.store).fund(try req.requireActor(), id: id)
        let balances = f.balances.filter { $0.value != 0 }.sorted {
            ($0.key.account.rawValue, $0.key.earmark?.rawValue ?? "") < ($1.key.account.rawValue, $1.key.earmark?.rawValue ?? "")
        }
        return FundDetailDTO(
            fund: FundDTO(f.row), balances: balances.map { BalanceDTO(account: $0.key.account.rawValue, earmark: $0.key.earmark?.rawValue, balance: $0.value) },
            booksBalance: f.booksBalance, closings: f.closings.map { ClosingDTO(month: $0.month.iso, held: $0.held, closedBy: $0.closedBy) })
    }

    func receiptDetail(_ req: Request, _ id: UUID) async throws -> ReceiptDetailDTO {
        let r = try await FundRepository(req.store).receipt(try req.requireActor(), id: id)
        return ReceiptDetailDTO(
            receipt: ReceiptDTO(r.row), donorId: r.donor?.id,
            items: r.items.map {
                ItemDTO(description: $0.description, quantity: $0.quantity, unitLabel: $0.unitLabel, unitValue: $0.unitValue, value: $0.value)
            },
            note: r.note, recordedBy: r.recordedBy, reversalReason: r.reversalReason, amountInWords: DongWords.vietnamese(r.row.amount))
    }

    func list(req: Request) async throws -> APIJSON<[FundDTO]> {
        APIJSON(try await FundRepository(req.store).funds(try req.requireActor()).map(FundDTO.init))
    }

    func read(req: Request) async throws -> APIJSON<FundDetailDTO> { APIJSON(try await detail(req, try req.idParameter())) }

    func create(req: Request) async throws -> APIJSON<FundDetailDTO> {
        let a = try req.requireActor()
        try a.require(.manageFunds)
        let b = try req.json(Fund.self)
        try APIInput.limit([("name", b.name, 160), ("purpose", b.purpose, 2000)])
        var i = FundInput()
        i.unitID = b.unitId; i.name = b.name; i.kind = b.kind; i.purpose = b.purpose; i.allowedKinds = Array(b.allowedKinds.prefix(10));
        i.isPublic = b.isPublic ?? true
        return APIJSON(try await detail(req, try await FundRepository(req.store).createFund(a, i)), status: .created)
    }

    func update(req: Request) async throws -> APIJSON<FundDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(FundChange.self)
        try APIInput.limit([("name", b.name, 160), ("purpose", b.purpose, 2000)])
        var i = FundInput()
        i.name = b.name; i.purpose = b.purpose; i.allowedKinds = Array(b.allowedKinds.prefix(10)); i.isPublic = b.isPublic
        try await FundRepository(req.store).updateFund(a, id: id, i)
        return APIJSON(try await detail(req, id))
    }

    func receipts(req: Request) async throws -> APIJSON<APIPage<ReceiptDTO>> {
        let a = try req.requireActor(), id = try req.idParameter()
        let repo = FundRepository(req.store)
        _ = try await repo.fund(a, id: id)
        return APIJSON(APIPage(try await repo.receipts(a, fundID: id, page: try req.pageSpec).map(ReceiptDTO.init)))
    }

    func receive(req: Request) async throws -> APIJSON<ReceiptDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(Receipt.self)
        try APIInput.limit([("received_on", b.receivedOn, 10), ("reference", b.reference, 100), ("note", b.note, 1000), ("earmark", b.earmark, 30)])
        guard (b.items?.count ?? 0) <= 100 else { throw AppError.invalid("items", "fund.error.items") }
        if let amount = b.amount, amount <= 0 || amount > 100_000_000_000 { throw AppError.invalid("amount", "fund.error.amount") }
        var i = ReceiptInput()
        i.donorID = b.donorId; i.receivedOn = b.receivedOn; i.method = b.method; i.amount = b.amount.map(String.init) ?? ""; i.earmark = b.earmark ?? ""
        i.reference = b.reference ?? ""; i.note = b.note ?? ""; i.pledgeID = b.pledgeId
        i.items = (b.items ?? []).map {
            ItemInput(
                description: String($0.description.prefix(201)), quantity: String($0.quantity), unitLabel: String(($0.unitLabel ?? "").prefix(31)),
                unitValue: String($0.unitValue))
        }
        let r = try await FundRepository(req.store).recordReceipt(a, fundID: id, i, today: req.today)
        return APIJSON(try await receiptDetail(req, r), status: .created)
    }

    func disbursements(req: Request) async throws -> APIJSON<APIPage<DisbursementDTO>> {
        let a = try req.requireActor(), id = try req.idParameter()
        let s = try req.queryChoice("status", DisbursementLifecycle.State.self)
        let repo = FundRepository(req.store)
        _ = try await repo.fund(a, id: id)
        return APIJSON(APIPage(try await repo.disbursements(a, fundID: id, status: s, page: try req.pageSpec).map(DisbursementDTO.init)))
    }

    func propose(req: Request) async throws -> APIJSON<DisbursementDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(Disbursement.self)
        try APIInput.limit([("purpose", b.purpose, 1000)])
        guard b.amount > 0 && b.amount <= 100_000_000_000 else { throw AppError.invalid("amount", "fund.error.amount") }
        var i = DisbursementInput()
        i.beneficiaryKind = b.beneficiaryKind; i.beneficiaryID = b.beneficiaryId; i.kind = b.kind; i.sourceAccount = b.sourceAccount
        i.amount = String(b.amount); i.purpose = b.purpose
        let repo = FundRepository(req.store)
        let d = try await repo.propose(a, fundID: id, i, today: req.today)
        return APIJSON(DisbursementDTO(try await repo.disbursement(a, id: d)), status: .created)
    }

    struct DonorReportDTO: Content {
        struct Line: Content { let number: String; let day: String; let kind: String; let amount: Int64; let beneficiaryKind: String; let name: String? }
        let fundId: UUID; let fundName: String; let year: Int; let total: Int64; let named: Int; let lines: [Line]
    }

    /// The fund's report to its donors (beneficiaries named only with their consent).
    func donorReport(req: Request) async throws -> APIJSON<DonorReportDTO> {
        let r = try await DonorReportPage.model(for: req)
        return APIJSON(
            DonorReportDTO(
                fundId: r.fundID, fundName: r.fundName, year: r.year, total: r.total, named: r.named,
                lines: r.lines.map {
                    .init(
                        number: $0.number, day: $0.day.iso, kind: $0.kind.rawValue, amount: $0.amount, beneficiaryKind: $0.beneficiary.rawValue, name: $0.name)
                }))
    }

    func ledger(req: Request) async throws -> APIJSON<[EntryDTO]> {
        let a = try req.requireActor(), id = try req.idParameter()
        let month = try req.queryValue("month", invalid: "validation.month", YearMonth.init(iso:)) ?? req.today.yearMonth
        return APIJSON(
            try await FundRepository(req.store).ledger(a, fundID: id, month: month).map {
                EntryDTO(
                    postedOn: $0.postedOn.iso, journal: $0.journalKind, memo: $0.memo, account: $0.line.account.rawValue, earmark: $0.line.earmark?.rawValue,
                    debit: $0.line.debit, credit: $0.line.credit)
            })
    }

    func close(req: Request) async throws -> APIJSON<FundDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(Month.self)
        try APIInput.limit([("month", b.month, 7)])
        try await FundRepository(req.store).closeBooks(a, fundID: id, month: b.month, today: req.today)
        return APIJSON(try await detail(req, id))
    }

    func donors(req: Request) async throws -> APIJSON<APIPage<DonorDTO>> {
        let a = try req.requireActor()
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)) }
        return APIJSON(APIPage(try await FundRepository(req.store).donors(a, query: q, page: try req.pageSpec).map(DonorDTO.init)))
    }

    func addDonor(req: Request) async throws -> APIJSON<DonorDTO> {
        let a = try req.requireActor()
        try a.require(.manageFunds)
        let b = try req.json(Donor.self)
        try b.limit()
        let repo = FundRepository(req.store)
        return APIJSON(DonorDTO(try await repo.donor(a, id: try await repo.addDonor(a, b.input))), status: .created)
    }

    /// Corrects a donor: all the details are sent (`unit_id` is where it was recorded and stays).
    func updateDonor(req: Request) async throws -> APIJSON<DonorDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(Donor.self)
        try b.limit()
        let repo = FundRepository(req.store)
        try await repo.updateDonor(a, id: id, b.input)
        return APIJSON(DonorDTO(try await repo.donor(a, id: id)))
    }

    func donor(req: Request) async throws -> APIJSON<DonorDTO> {
        APIJSON(DonorDTO(try await FundRepository(req.store).donor(try req.requireActor(), id: try req.idParameter())))
    }

    func duplicates(req: Request) async throws -> APIJSON<[[DonorDTO]]> {
        APIJSON(try await FundRepository(req.store).donorDuplicates(try req.requireActor()).map { $0.map(DonorDTO.init) })
    }

    func receipt(req: Request) async throws -> APIJSON<ReceiptDetailDTO> { APIJSON(try await receiptDetail(req, try req.idParameter())) }

    func reverseReceipt(req: Request) async throws -> APIJSON<ReceiptDetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(Reason.self)
        try APIInput.limit([("reason", b.reason, 500)])
        try await FundRepository(req.store).reverseReceipt(a, receiptID: id, reason: b.reason ?? "", today: req.today)
        return APIJSON(try await receiptDetail(req, id))
    }

    func disbursement(req: Request) async throws -> APIJSON<DisbursementDTO> {
        APIJSON(DisbursementDTO(try await FundRepository(req.store).disbursement(try req.requireActor(), id: try req.idParameter())))
    }

    func step(_ req: Request, _ t: DisbursementLifecycle.Transition) async throws -> APIJSON<DisbursementDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(DisbursementLifecycle.rule(t).permission)
        let reason = req.body.data == nil ? nil : try req.json(Reason.self).reason
        try APIInput.limit([("reason", reason, 500)])
        let repo = FundRepository(req.store)
        switch t {
        case .approve: try await repo.approve(a, disbursementID: id, today: req.today)
        case .reject: try await repo.reject(a, disbursementID: id, reason: reason ?? "", today: req.today)
        case .reverse: try await repo.reverseDisbursement(a, disbursementID: id, reason: reason ?? "", today: req.today)
        }
        return APIJSON(DisbursementDTO(try await repo.disbursement(a, id: id)))
    }

    func report(req: Request) async throws -> APIJSON<ReportDTO> {
        let a = try req.requireActor()
        guard let unit = req.query[String.self, at: "unit"], !unit.isEmpty, unit.count <= 50 else { throw AppError.invalid("unit", "validation.required") }
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        var byKind: [String: FiguresDTO] = [:]
        for k in FundKind.allCases {
            let f = try await FundRepository(req.store).figures(a, unitCode: unit, year: year, kind: k)
            byKind[k.rawValue] = FiguresDTO(received: f.received, donors: f.donors, givenOut: f.givenOut)
        }
        return APIJSON(ReportDTO(unit: unit, year: year, byKind: byKind))
    }
}
