import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of fee-paying care: contracts, the price list, invoices and payments.
struct ContractAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.careContracts), use: list)
        api.post(.api(.careContracts), use: create)
        api.get(.api(.careContract(nil)), use: read)
        api.post(.api(.careContractInvoices(nil)), use: invoice)
        api.post(.api(.careContractPayments(nil)), use: pay)
        api.post(.api(.careContractEnd(nil)), use: end)
        api.post(.api(.careInvoicesRun), use: invoiceMonth)
        api.get(.api(.carePrices), use: prices)
        api.post(.api(.carePrices), use: addPrice)
        api.get(.api(.careInvoice(nil)), use: invoiceRead)
    }

    struct Contract: Content {
        let residentId: UUID; let payerName: String; let payerRelation: String; let payerPhone: String; let payerAddress: String; let term: String
        let roomType: String; let startsOn: String; let endsOn: String?; let services: String; let extrasMonthly: Int64?; let extrasNote: String?
    }
    struct Price: Content { let unitId: UUID?; let roomType: String; let term: String; let monthly: Int64; let vatPercent: Int?; let effectiveFrom: String }
    struct Month: Content { let month: String }
    struct Payment: Content { let amount: Int64; let paidOn: String; let method: String; let reference: String? }
    struct End: Content { let endsOn: String }

    struct RowDTO: Content {
        let id: UUID; let number: String; let residentId: UUID; let residentName: String; let payerName: String; let term: String; let roomType: String
        let startsOn: String; let endsOn: String?; let status: String; let invoiced: Int64; let paid: Int64; let arrears: Int64
        init(_ r: ContractRow) {
            id = r.id; number = r.number; residentId = r.residentID; residentName = r.residentName; payerName = r.payerName; term = r.term.rawValue
            roomType = r.roomType.rawValue; startsOn = r.startsOn.iso; endsOn = r.endsOn?.iso; status = r.status.rawValue; invoiced = r.invoiced
            paid = r.paid; arrears = r.arrears
        }
    }
    struct InvoiceDTO: Content {
        let id: UUID; let number: String; let month: String; let days: Int; let base: Int64; let extras: Int64; let vat: Int64; let total: Int64
        let issuedOn: String
        init(_ i: InvoiceRow) {
            id = i.id; number = i.number; month = i.month.iso; days = i.amounts.days; base = i.amounts.base; extras = i.amounts.extras
            vat = i.amounts.vat; total = i.amounts.total; issuedOn = i.issuedOn.iso
        }
    }
    struct PaymentDTO: Content { let amount: Int64; let paidOn: String; let method: String; let reference: String?; let receivedBy: String }
    struct ContractDTO: Content {
        let contract: RowDTO; let payerRelation: String; let payerPhone: String; let payerAddress: String; let services: String
        let extrasMonthly: Int64; let extrasNote: String?; let monthlyPrice: Int64?; let invoices: [InvoiceDTO]; let payments: [PaymentDTO]
    }
    struct PriceDTO: Content { let roomType: String; let term: String; let monthly: Int64; let vatPercent: Int; let effectiveFrom: String }
    struct RunDTO: Content { let month: String; let issued: Int; let alreadyInvoiced: Int }
    struct InvoiceDetailDTO: Content { let invoice: InvoiceDTO; let contractId: UUID; let contractNumber: String; let payerName: String }

    func detail(_ req: Request, _ id: UUID) async throws -> ContractDTO {
        let c = try await CareRepository(req.store).contract(try req.requireActor(), id: id)
        return ContractDTO(
            contract: RowDTO(c.row), payerRelation: c.payerRelation, payerPhone: c.payerPhone, payerAddress: c.payerAddress, services: c.services,
            extrasMonthly: c.extrasMonthly, extrasNote: c.extrasNote, monthlyPrice: c.price?.monthly, invoices: c.invoices.map(InvoiceDTO.init),
            payments: c.payments.map {
                PaymentDTO(amount: $0.amount, paidOn: $0.paidOn.iso, method: $0.method.rawValue, reference: $0.reference, receivedBy: $0.receivedBy)
            })
    }

    func list(req: Request) async throws -> APIJSON<APIPage<RowDTO>> {
        let a = try req.requireActor()
        let s = try req.queryChoice("status", ContractLifecycle.State.self)
        return APIJSON(APIPage(try await CareRepository(req.store).contracts(a, status: s, page: try req.pageSpec).map(RowDTO.init)))
    }

    func read(req: Request) async throws -> APIJSON<ContractDTO> { APIJSON(try await detail(req, try req.idParameter())) }

    func create(req: Request) async throws -> APIJSON<ContractDTO> {
        let a = try req.requireActor()
        try a.require(.admitResidents)
        let b = try req.json(Contract.self)
        try APIInput.limit([
            ("payer_name", b.payerName, 120), ("payer_relation", b.payerRelation, 60), ("payer_phone", b.payerPhone, 20),
            ("payer_address", b.payerAddress, 300),
            ("services", b.services, 2000), ("extras_note", b.extrasNote, 500),
        ])
        guard b.extrasMonthly.map({ $0 >= 0 && $0 <= 1_000_000_000 }) ?? true else { throw AppError.invalid("extras_monthly", "care.error.amount") }
        var i = ContractInput()
        i.residentID = b.residentId; i.payerName = b.payerName; i.payerRelation = b.payerRelation; i.payerPhone = b.payerPhone
        i.payerAddress = b.payerAddress; i.term = b.term; i.roomType = b.roomType; i.startsOn = b.startsOn; i.endsOn = b.endsOn ?? ""
        i.services = b.services; i.extrasMonthly = b.extrasMonthly.map(String.init) ?? ""; i.extrasNote = b.extrasNote ?? ""
        let id = try await CareRepository(req.store).createContract(a, i, today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func invoice(req: Request) async throws -> APIJSON<ContractDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Month.self)
        try APIInput.limit([("month", b.month, 7)])
        try await CareRepository(req.store).invoice(a, contractID: id, month: b.month, today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func pay(req: Request) async throws -> APIJSON<ContractDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Payment.self)
        try APIInput.limit([("reference", b.reference, 100)])
        guard b.amount > 0 && b.amount <= 10_000_000_000 else { throw AppError.invalid("amount", "care.error.amount") }
        try await CareRepository(req.store).recordContractPayment(
            a, contractID: id, amount: String(b.amount), paidOn: b.paidOn, method: b.method, reference: b.reference ?? "", today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func end(req: Request) async throws -> APIJSON<ContractDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.admitResidents)
        let b = try req.json(End.self)
        try APIInput.limit([("ends_on", b.endsOn, 10)])
        try await CareRepository(req.store).endContract(a, contractID: id, endsOn: b.endsOn)
        return APIJSON(try await detail(req, id))
    }

    func invoiceMonth(req: Request) async throws -> APIJSON<RunDTO> {
        let a = try req.requireActor()
        try a.require(.manageCare)
        let b = try req.json(Month.self)
        try APIInput.limit([("month", b.month, 7)])
        let done = try await CareRepository(req.store).invoiceMonth(a, month: b.month, today: req.today)
        return APIJSON(RunDTO(month: b.month, issued: done.issued, alreadyInvoiced: done.already), status: .created)
    }

    func prices(req: Request) async throws -> APIJSON<[PriceDTO]> {
        let a = try req.requireActor()
        return APIJSON(
            try await CareRepository(req.store).prices(a).map {
                PriceDTO(
                    roomType: $0.roomType.rawValue, term: $0.term.rawValue, monthly: $0.price.monthly, vatPercent: $0.price.vatBasisPoints / 100,
                    effectiveFrom: $0.price.from.iso)
            })
    }

    func addPrice(req: Request) async throws -> APIJSON<[PriceDTO]> {
        let a = try req.requireActor()
        try a.require(.admitResidents)
        let b = try req.json(Price.self)
        guard b.monthly > 0 && b.monthly <= 1_000_000_000 else { throw AppError.invalid("monthly", "care.error.amount") }
        guard (0...100).contains(b.vatPercent ?? 0) else { throw AppError.invalid("vat_percent", "care.error.vat") }
        try await CareRepository(req.store).addPrice(
            a, unitID: b.unitId, roomType: b.roomType, term: b.term, monthly: String(b.monthly), vatPercent: String(b.vatPercent ?? 0),
            effectiveFrom: b.effectiveFrom)
        return APIJSON(try await prices(req: req).value, status: .created)
    }

    func invoiceRead(req: Request) async throws -> APIJSON<InvoiceDetailDTO> {
        let (i, c) = try await CareRepository(req.store).invoiceRecord(try req.requireActor(), id: try req.idParameter())
        return APIJSON(InvoiceDetailDTO(invoice: InvoiceDTO(i), contractId: c.row.id, contractNumber: c.row.number, payerName: c.row.payerName))
    }

    static var operations: [APIOperation] {
        let tag = "care"
        return [
            APIOperation(
                .GET, .careContracts, "Fee-paying care contracts in the caller's units with what each has been invoiced, paid and owes", tag: tag,
                query: [("status", ["type": "string", "enum": ContractLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "CareContractPage"),
            APIOperation(
                .POST, .careContracts,
                "A contract with a family for a resident admitted on the contract basis (Decree 20/2021 Art. 24(4)); a price must be in effect on its first day",
                tag: tag, request: "CareContractInput", response: "CareContract", status: 201),
            APIOperation(.GET, .careContract(nil), "One contract with its invoices and payments", tag: tag, response: "CareContract"),
            APIOperation(
                .POST, .careContractInvoices(nil),
                "Invoice a month (not after the current one): each covered day costs its day's price over the month's days, VAT at the day's rate, once per month",
                tag: tag, request: "CareMonth", response: "CareContract", status: 201),
            APIOperation(
                .POST, .careContractPayments(nil), "A payment received from the family in đồng", tag: tag, request: "CareContractPayment",
                response: "CareContract", status: 201),
            APIOperation(.POST, .careContractEnd(nil), "End the contract on a day", tag: tag, request: "CareContractEnd", response: "CareContract"),
            APIOperation(
                .POST, .careInvoicesRun,
                "Invoice a month for every contract covering it that has no invoice for it yet (run again, it issues only what is missing)",
                tag: tag, request: "CareMonth", response: "CareInvoiceRun", status: 201),
            APIOperation(.GET, .carePrices, "The price list: monthly price and VAT per room type and term, from a day", tag: tag, response: "CarePrices"),
            APIOperation(.POST, .carePrices, "A price from a day", tag: tag, request: "CarePrice", response: "CarePrices", status: 201),
            APIOperation(.GET, .careInvoice(nil), "One invoice", tag: tag, response: "CareInvoiceDetail"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nstr: [String: Any] = ["type": ["string", "null"]]
        let int: [String: Any] = ["type": "integer"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let month: [String: Any] = ["type": "string", "pattern": OpenAPI.monthPattern]
        let dong: [String: Any] = ["type": "integer", "minimum": 1, "maximum": 1_000_000_000]
        let row = OpenAPI.obj(
            [
                "id": uuid, "number": str, "resident_id": uuid, "resident_name": str, "payer_name": str, "term": str, "room_type": str, "starts_on": str,
                "ends_on": nstr, "status": ["type": "string", "enum": ContractLifecycle.State.allCases.map(\.rawValue)], "invoiced": int, "paid": int,
                "arrears": int,
            ], required: ["id", "number", "resident_id", "term", "room_type", "starts_on", "status", "invoiced", "paid", "arrears"])
        let invoice = OpenAPI.obj(
            ["id": uuid, "number": str, "month": str, "days": int, "base": int, "extras": int, "vat": int, "total": int, "issued_on": str],
            required: ["id", "number", "month", "days", "base", "extras", "vat", "total", "issued_on"])
        return [
            "CareContractRow": row,
            "CareContractPage": OpenAPI.page("CareContractRow"),
            "CareContract": OpenAPI.obj(
                [
                    "contract": row, "payer_relation": str, "payer_phone": str, "payer_address": str, "services": str, "extras_monthly": int,
                    "extras_note": nstr, "monthly_price": ["type": ["integer", "null"]], "invoices": ["type": "array", "items": invoice],
                    "payments": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["amount": int, "paid_on": str, "method": str, "reference": nstr, "received_by": str], required: ["amount", "paid_on", "method"]),
                    ],
                ], required: ["contract", "invoices", "payments"]),
            "CareInvoiceDetail": OpenAPI.obj(
                ["invoice": invoice, "contract_id": uuid, "contract_number": str, "payer_name": str], required: ["invoice", "contract_id"]),
            "CareInvoiceRun": OpenAPI.obj(["month": str, "issued": int, "already_invoiced": int], required: ["month", "issued", "already_invoiced"]),
            "CarePrices": [
                "type": "array",
                "items": OpenAPI.obj(
                    ["room_type": str, "term": str, "monthly": int, "vat_percent": int, "effective_from": str],
                    required: ["room_type", "term", "monthly", "vat_percent", "effective_from"]),
            ],
            "CareContractInput": OpenAPI.request(
                [
                    "resident_id": uuid, "payer_name": OpenAPI.name(120), "payer_relation": OpenAPI.name(60),
                    "payer_phone": ["type": "string", "pattern": "^[0-9+. -]{6,20}$"], "payer_address": OpenAPI.name(300),
                    "term": ["type": "string", "enum": ContractTerm.allCases.map(\.rawValue)],
                    "room_type": ["type": "string", "enum": RoomType.allCases.map(\.rawValue)], "starts_on": OpenAPI.date, "ends_on": OpenAPI.date,
                    "services": OpenAPI.name(2000), "extras_monthly": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000],
                    "extras_note": ["type": "string", "maxLength": 500],
                ],
                required: ["resident_id", "payer_name", "payer_relation", "payer_phone", "payer_address", "term", "room_type", "starts_on", "services"]),
            "CareMonth": OpenAPI.request(["month": month], required: ["month"]),
            "CareContractPayment": OpenAPI.request(
                [
                    "amount": ["type": "integer", "minimum": 1, "maximum": 10_000_000_000], "paid_on": OpenAPI.date,
                    "method": ["type": "string", "enum": PaymentMethod.allCases.map(\.rawValue)], "reference": ["type": "string", "maxLength": 100],
                ], required: ["amount", "paid_on", "method"]),
            "CareContractEnd": OpenAPI.request(["ends_on": OpenAPI.date], required: ["ends_on"]),
            "CarePrice": OpenAPI.request(
                [
                    "unit_id": uuid, "room_type": ["type": "string", "enum": RoomType.allCases.map(\.rawValue)],
                    "term": ["type": "string", "enum": ContractTerm.allCases.map(\.rawValue)], "monthly": dong,
                    "vat_percent": ["type": "integer", "minimum": 0, "maximum": 100], "effective_from": OpenAPI.date,
                ], required: ["room_type", "term", "monthly", "effective_from"]),
        ]
    }
}
