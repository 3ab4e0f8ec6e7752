import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the payment pages (`/api/v1/payments/cycles…`): the same repository calls,
/// so the same permission, scope, lifecycle and audit as the forms; answers are the DTOs below,
/// never Store read models, so that a change in Store changes the public contract only here.
struct PaymentsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.paymentCycles), use: cycles)
        api.post(.api(.paymentCycles), use: prepare)
        api.get(.api(.paymentCycle(nil)), use: cycle)
        api.get(.api(.paymentCycleLines(nil)), use: lines)
        api.post(.api(.paymentCycleAction(nil, .submit)), use: submit)
        api.post(.api(.paymentCycleAction(nil, .approve)), use: approve)
        api.post(.api(.paymentCycleAction(nil, .sendBack)), use: sendBack)
        api.post(.api(.paymentCycleAction(nil, .settle)), use: settle)
        api.post(.api(.paymentCycleAction(nil, .close)), use: close)
        api.get(.api(.paymentCycleChannelFile(nil)), use: channelFile)
        api.upload(.api(.paymentCycleConfirmation(nil)), use: confirmation)
        api.post(.api(.paymentBudgets), use: setBudget)
        api.post(.api(.paymentCycleHold(nil))) { req in
            let a = try req.requireActor()
            let id = try await RetentionSection.holdJSON(req, PaymentCycleModel.self)
            return APIJSON(CycleDTO(try await PayrollRepository(req.store).cycle(a, id), role: a.role))
        }
    }

    // MARK: DTOs

    /// A payment cycle, its money and the steps the caller may take now.
    struct CycleDTO: Content {
        let id: UUID
        let communeId: UUID
        let communeName: String
        let month: String
        let status: String
        let preparedBy: String
        let approvedBy: String?
        let approvedTotal: Int64?
        let closedBy: String?
        let recipients: Int
        let lines: Int
        let issued: Int64
        let paid: Int64
        let carried: Int64
        let returned: Int64
        let awaitingConfirmation: Int64
        let arrears: Int64
        let adjustments: Int64
        /// The `CycleLifecycle` transitions the caller's role may make from the cycle's state.
        let actions: [String]
        /// Retention: when the lines' payment details were removed, or the legal hold.
        let anonymisedAt: Date?
        let legalHold: String?

        init(_ c: CycleView, role: Role) {
            id = c.id; communeId = c.communeID; communeName = c.communeName; month = c.month.iso; status = c.status.rawValue
            preparedBy = c.preparedBy; approvedBy = c.approvedBy; approvedTotal = c.approvedTotal; closedBy = c.closedBy
            recipients = c.recipients; lines = c.lines; issued = c.balance.issued; paid = c.balance.paid; carried = c.balance.carried
            returned = c.balance.returned; awaitingConfirmation = c.balance.open; arrears = c.arrears; adjustments = c.adjustments
            actions = CycleLifecycle.available(from: c.status, role: role).map(\.rawValue)
            anonymisedAt = c.anonymisedAt; legalHold = c.legalHold
        }
    }

    /// One payment line. Sensitive categories are masked as on the pages (`visibleCategories`).
    struct LineDTO: Content {
        let id: Int64
        let personId: UUID
        let personName: String
        let groupName: String
        let benefit: String
        let month: String
        let kind: String
        let amount: Int64
        let recipientKind: String
        let recipientName: String?
        let channel: String
        let status: String
        let reason: String?
        let carried: Bool
        let categories: [String]
        let oneOffId: UUID?
        let kilograms: Int?

        init(_ l: LineView, role: Role) {
            id = l.id; personId = l.personID; personName = l.personName; groupName = l.groupName
            benefit = l.oneOffID == nil ? l.benefit.rawValue : "one_off"; oneOffId = l.oneOffID; kilograms = l.kilograms
            month = l.month.iso; kind = l.kind; amount = l.amount; recipientKind = l.recipientKind; recipientName = l.recipientName
            channel = l.channel.rawValue; status = l.status.rawValue; reason = l.reason; carried = l.carried
            categories = SensitivityClass.visibleCategories(l.categories, for: role)
        }
    }

    struct CycleCreate: Content { let communeId: UUID; let month: String }
    struct SendBack: Content { let reason: String }
    struct SettleLine: Content { let lineId: Int64; let status: String; let reason: String? }
    struct Settle: Content { let lines: [SettleLine] }
    struct Settled: Content { let settled: Int; let cycle: CycleDTO }
    struct Closed: Content { let cycle: CycleDTO; let suspendedPersonIds: [UUID] }

    // MARK: handlers

    func cycles(req: Request) async throws -> APIJSON<[CycleDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await PayrollRepository(req.store).cycles(a).map { CycleDTO($0, role: a.role) })
    }

    /// Prepares a commune's cycle of a month, or prepares a draft again (`CycleLifecycle.prepare`).
    func prepare(req: Request) async throws -> APIJSON<CycleDTO> {
        let a = try req.requireActor()
        let b = try req.json(CycleCreate.self)
        guard let month = YearMonth(iso: b.month) else { throw AppError.invalid("month", "allowance.error.month") }
        let repo = PayrollRepository(req.store)
        let id = try await repo.generate(a, communeID: b.communeId, month: month)
        return APIJSON(CycleDTO(try await repo.cycle(a, id), role: a.role), status: .created)
    }

    func cycle(req: Request) async throws -> APIJSON<CycleDTO> {
        let a = try req.requireActor()
        return APIJSON(CycleDTO(try await PayrollRepository(req.store).cycle(a, try req.idParameter()), role: a.role))
    }

    func lines(req: Request) async throws -> APIJSON<APIPage<LineDTO>> {
        let a = try req.requireActor()
        let filter = LineFilter(status: try req.queryChoice("status", LineStatus.self), channel: try req.queryChoice("channel", PaymentChannel.self))
        let page = try await PayrollRepository(req.store).lines(a, cycleID: try req.idParameter(), filter: filter, page: try req.pageSpec)
        return APIJSON(APIPage(page) { LineDTO($0, role: a.role) })
    }

    /// Runs one step and answers with the cycle as it is after it.
    func step(_ req: Request, _ body: (PayrollRepository, Actor, UUID) async throws -> Void) async throws -> APIJSON<CycleDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let repo = PayrollRepository(req.store)
        try await body(repo, a, id)
        return APIJSON(CycleDTO(try await repo.cycle(a, id), role: a.role))
    }

    func submit(req: Request) async throws -> APIJSON<CycleDTO> { try await step(req) { try await $0.submit($1, cycleID: $2) } }
    func approve(req: Request) async throws -> APIJSON<CycleDTO> { try await step(req) { try await $0.approve($1, cycleID: $2) } }
    func sendBack(req: Request) async throws -> APIJSON<CycleDTO> {
        let b = try req.json(SendBack.self)
        return try await step(req) { try await $0.sendBack($1, cycleID: $2, reason: b.reason) }
    }

    /// The channel's confirmation as JSON: each line paid, unpaid (with a reason, carried
    /// forward) or returned (with a reason). Every line is checked first; with any error
    /// nothing is recorded and each bad line is named (`lines[3]`).
    func settle(req: Request) async throws -> APIJSON<Settled> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(Settle.self)
        var rows: [Settlement] = []
        var errors: [FieldError] = []
        for (i, l) in b.lines.enumerated() {
            if (l.reason ?? "").count > 2000 {
                errors.append(FieldError(field: "lines[\(i)].reason", message: Message("validation.too_long", ["max": "2000"]), row: i + 1))
            }
            guard let st = LineStatus(rawValue: l.status) else {
                errors.append(FieldError(field: "lines[\(i)].status", message: Message("validation.choice"), row: i + 1)); continue
            }
            rows.append(Settlement(lineID: l.lineId, status: st, reason: l.reason ?? ""))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let repo = PayrollRepository(req.store)
        let n = try await repo.settle(a, cycleID: id, rows)
        return APIJSON(Settled(settled: n, cycle: CycleDTO(try await repo.cycle(a, id), role: a.role)))
    }

    /// Closes a reconciled cycle; answers with the persons suspended for three months not
    /// collected (Circular 02/2021 Art. 6(1)(a)).
    func close(req: Request) async throws -> APIJSON<Closed> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let repo = PayrollRepository(req.store)
        let suspended = try await repo.close(a, cycleID: id)
        return APIJSON(Closed(cycle: CycleDTO(try await repo.cycle(a, id), role: a.role), suspendedPersonIds: suspended))
    }

    /// The channel file, as the page's export: every line of one channel (post office or
    /// bank), CSV by default or XLSX (`format=xlsx`); never a sensitive category; audited.
    func channelFile(req: Request) async throws -> Response {
        let filter = LineFilter(status: try req.queryChoice("status", LineStatus.self), channel: try req.queryChoice("channel", PaymentChannel.self))
        _ = try req.queryChoice("format", Spreadsheet.Format.self)
        return try await PaymentsController.channelFile(req, filter: filter)
    }

    /// The channel's confirmation file sent back as it is (CSV or XLSX as the body: line_id,
    /// status, reason), as the page's upload. Permission and scope are checked before the file
    /// is read; every row is checked before any is recorded, and a bad one is named by its row.
    func confirmation(req: Request) async throws -> APIJSON<Settled> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        try a.require(.managePayments)
        let repo = PayrollRepository(req.store)
        _ = try await repo.cycle(a, id)
        guard let body = req.body.data, body.readableBytes > 0 else { throw AppError.invalid("file", "import.no_file") }
        let n = try await repo.importConfirmation(a, cycleID: id, rows: try UploadedSheet.rows(Data(buffer: body)))
        return APIJSON(Settled(settled: n, cycle: CycleDTO(try await repo.cycle(a, id), role: a.role)))
    }

    /// The year's allowance budget of a commune (đồng), against which the payment report shows
    /// what was paid.
    struct BudgetRequest: Content { let communeId: UUID; let year: Int; let amount: Int64 }
    struct BudgetDTO: Content { let communeId: UUID; let year: Int; let amount: Int64 }

    func setBudget(req: Request) async throws -> APIJSON<BudgetDTO> {
        let a = try req.requireActor()
        let b = try req.json(BudgetRequest.self)
        guard PaymentReportRepository.budgetYears.contains(b.year) else {
            throw AppError.invalid(
                "year", "validation.range",
                ["min": "\(PaymentReportRepository.budgetYears.lowerBound)", "max": "\(PaymentReportRepository.budgetYears.upperBound)"])
        }
        guard Bounds.amount.contains(b.amount) else { throw AppError.invalid("amount", "payroll.error.amount") }
        try await PaymentReportRepository(req.store).setBudget(a, communeID: b.communeId, year: b.year, amount: b.amount)
        return APIJSON(BudgetDTO(communeId: b.communeId, year: b.year, amount: b.amount))
    }

    // MARK: OpenAPI

    static var operations: [APIOperation] {
        let tag = "payments"
        return [
            APIOperation(.GET, .paymentCycles, "Payment cycles in scope, newest month first (at most 120)", tag: tag, response: "CycleList"),
            APIOperation(
                .POST, .paymentCycles, "Prepare a commune's cycle of a month (or prepare a draft again): arrears, differences and carried lines included",
                tag: tag, request: "CycleCreate", response: "Cycle", status: 201),
            APIOperation(.GET, .paymentCycle(nil), "A payment cycle, its money and the steps the caller may take", tag: tag, response: "Cycle"),
            APIOperation(
                .GET, .paymentCycleLines(nil), "The lines of a cycle", tag: tag,
                query: [
                    ("status", ["type": "string", "enum": LineStatus.allCases.map(\.rawValue)]),
                    ("channel", ["type": "string", "enum": PaymentChannel.allCases.map(\.rawValue)]),
                ] + OpenAPI.paging, response: "LinePage"),
            APIOperation(.POST, .paymentCycleAction(nil, .submit), "Submit a draft to the approver", tag: tag, response: "Cycle"),
            APIOperation(
                .POST, .paymentCycleAction(nil, .approve), "Approve a submitted cycle (never by its preparer or submitter); the total is frozen",
                tag: tag, response: "Cycle"),
            APIOperation(
                .POST, .paymentCycleAction(nil, .sendBack), "Send a submitted cycle back to the preparer, with a reason", tag: tag, request: "SendBack",
                response: "Cycle"),
            APIOperation(
                .POST, .paymentCycleAction(nil, .settle), "Record the channel's confirmation of lines (all checked first; nothing written on an error)",
                tag: tag, request: "Settle", response: "Settled"),
            APIOperation(
                .POST, .paymentCycleAction(nil, .close), "Close a reconciled cycle; suspends whoever has not collected for 3 months", tag: tag,
                response: "Closed"),
            APIOperation(
                .GET, .paymentCycleChannelFile(nil), "The channel file of a cycle (CSV, or XLSX with format=xlsx); no sensitive category; audited", tag: tag,
                query: [
                    ("channel", ["type": "string", "enum": PaymentChannel.allCases.map(\.rawValue)]),
                    ("status", ["type": "string", "enum": LineStatus.allCases.map(\.rawValue)]),
                    ("format", ["type": "string", "enum": Spreadsheet.Format.allCases.map(\.rawValue)]),
                ], response: "ChannelFile", responseTypes: ["text/csv", XLSX.contentType]),
            APIOperation(
                .POST, .paymentCycleConfirmation(nil),
                "Record the channel's confirmation file (CSV or XLSX as the body: line_id, status, reason); all rows checked first", tag: tag,
                request: "ConfirmationFile", requestType: "text/csv", response: "Settled"),
            APIOperation(.POST, .paymentBudgets, "Set a commune's allowance budget for a year (đồng)", tag: tag, request: "BudgetRequest", response: "Budget"),
            APIOperation(
                .POST, .paymentCycleHold(nil),
                "Keep a closed cycle's payment details past their retention (privacy.json retention.payment) with the reason, or release the hold with a null reason",
                tag: tag, request: "ContactHold", response: "Cycle"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let money: [String: Any] = ["type": "integer", "description": "đồng"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let cycle = OpenAPI.obj(
            [
                "id": uuid, "commune_id": uuid, "commune_name": str, "month": str,
                "status": ["type": "string", "enum": CycleStatus.allCases.map(\.rawValue)], "prepared_by": str, "approved_by": nullableStr,
                "approved_total": ["type": ["integer", "null"]], "closed_by": nullableStr, "recipients": int, "lines": int, "issued": money,
                "paid": money, "carried": money, "returned": money, "awaiting_confirmation": money, "arrears": money, "adjustments": money,
                "actions": ["type": "array", "items": ["type": "string", "enum": CycleLifecycle.Transition.allCases.map(\.rawValue)]],
                "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nullableStr,
            ],
            required: ["id", "commune_id", "month", "status", "lines", "issued", "paid", "actions"])
        return [
            "Cycle": cycle,
            "CycleList": ["type": "array", "items": OpenAPI.ref("Cycle")],
            "CycleCreate": OpenAPI.request(
                ["commune_id": uuid, "month": ["type": "string", "pattern": OpenAPI.monthPattern]], required: ["commune_id", "month"]),
            "Line": OpenAPI.obj(
                [
                    "id": int, "person_id": uuid, "person_name": str, "group_name": str, "benefit": str, "month": str, "kind": str,
                    "amount": money, "recipient_kind": str, "recipient_name": nullableStr, "channel": str,
                    "status": ["type": "string", "enum": LineStatus.allCases.map(\.rawValue)], "reason": nullableStr,
                    "carried": ["type": "boolean"], "categories": ["type": "array", "items": str],
                    "one_off_id": ["type": ["string", "null"], "format": "uuid"], "kilograms": ["type": ["integer", "null"]],
                ],
                required: ["id", "person_id", "month", "amount", "status"]),
            "LinePage": OpenAPI.page("Line"),
            "SendBack": OpenAPI.request(["reason": OpenAPI.name(2000)], required: ["reason"]),
            "Settle": OpenAPI.obj(
                [
                    "lines": [
                        "type": "array", "minItems": 1,
                        "items": OpenAPI.obj(
                            [
                                "line_id": ["type": "integer", "minimum": 1, "maximum": Int64.max],
                                "status": ["type": "string", "enum": [LineStatus.paid, .unpaid, .returned].map(\.rawValue)],
                                "reason": ["type": ["string", "null"], "maxLength": 2000],
                            ], required: ["line_id", "status"]),
                    ]
                ], required: ["lines"]),
            "BudgetRequest": OpenAPI.request(
                [
                    "commune_id": ["type": "string", "format": "uuid"],
                    "year": [
                        "type": "integer", "minimum": PaymentReportRepository.budgetYears.lowerBound, "maximum": PaymentReportRepository.budgetYears.upperBound,
                    ],
                    "amount": ["type": "integer", "minimum": Bounds.amount.lowerBound, "maximum": Bounds.amount.upperBound],
                ], required: ["commune_id", "year", "amount"]),
            "Budget": OpenAPI.obj(
                ["commune_id": ["type": "string", "format": "uuid"], "year": int, "amount": int], required: ["commune_id", "year", "amount"]),
            "ChannelFile": ["type": "string", "description": "the channel file: a header row and one row per line (line_id, full_name, national_id, …)"],
            "ConfirmationFile": [
                "type": "string", "description": "the channel's confirmation: CSV text (UTF-8) or XLSX bytes with columns line_id, status, reason",
            ],
            "Settled": OpenAPI.obj(["settled": int, "cycle": OpenAPI.ref("Cycle")], required: ["settled", "cycle"]),
            "Closed": OpenAPI.obj(
                ["cycle": OpenAPI.ref("Cycle"), "suspended_person_ids": ["type": "array", "items": uuid]], required: ["cycle", "suspended_person_ids"]),
        ]
    }
}
