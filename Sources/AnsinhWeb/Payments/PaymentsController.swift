import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// Monthly payment cycles: prepare, submit, approve (another person), pay through the channels,
/// reconcile and close.
struct PaymentsController {
    func register(authed: any RoutesBuilder) {
        authed.get(.payments, use: cycles)
        authed.post(.paymentsGenerate, use: generate)
        authed.get(.paymentCycle(nil), use: cycle)
        authed.post(.paymentSubmit(nil), use: submit)
        authed.post(.paymentApprove(nil), use: approve)
        authed.post(.paymentSendBack(nil), use: sendBack)
        authed.post(.paymentSettle(nil), use: settle)
        authed.upload(.paymentConfirm(nil), use: confirm)
        authed.post(.paymentClose(nil), use: close)
        authed.post(.paymentHold(nil)) { try await RetentionSection.hold($0, PaymentCycleModel.self, back: { SiteRoute.paymentCycle($0) }) }
        authed.get(.paymentExport(nil), use: export)
        authed.get(.paymentSignatures(nil), use: signatures)
        authed.get(.paymentReport, use: report)
        authed.get(.paymentReportExport, use: reportExport)
        authed.post(.paymentBudget, use: setBudget)
    }

    struct BudgetForm: Content { var commune_id: UUID?; var year: String?; var amount: String? }

    static func year(_ req: Request) throws -> Int {
        try req.queryInt("year", in: Bounds.year) ?? req.today.year
    }

    func report(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PaymentReportPage.render(PageContext(req), try await PaymentReportPage.model(for: req)))
    }

    func reportExport(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let r = try await PaymentReportRepository(req.store).report(actor, year: try Self.year(req))
        return try await Spreadsheet.response(
            req, header: ["commune", "month", "benefit", "categories", "recipients", "issued", "paid"],
            rows: r.rows.map {
                [
                    $0.communeName, $0.month, $0.oneOff ? "one_off" : $0.benefit.rawValue, $0.categories, String($0.recipients), String($0.issued),
                    String($0.paid),
                ]
            },
            baseName: "payments-\(r.year)")
    }

    func setBudget(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(BudgetForm.self)
        let y = (try? Bounds.int(f.year, field: "year", in: Bounds.year)).flatMap { $0 }
        return try await req.perform(back: SiteRoute.paymentReport.path(query: [("year", y.map(String.init))]), success: Message("payroll.budget_saved")) {
            guard let y else { throw AppError.invalid("year", "validation.range", ["min": "\(Bounds.year.lowerBound)", "max": "\(Bounds.year.upperBound)"]) }
            guard let commune = f.commune_id else { throw AppError.invalid("commune_id", "validation.required") }
            let digits = (f.amount ?? "").filter { $0 != "." && $0 != "," && $0 != " " }
            guard !digits.isEmpty, let amount = try Bounds.amount(digits, field: "amount") else { throw AppError.invalid("amount", "payroll.error.amount") }
            try await PaymentReportRepository(req.store).setBudget(actor, communeID: commune, year: y, amount: amount)
        }
    }

    struct GenerateForm: Content { var commune_id: UUID?; var month: String? }
    struct ReasonForm: Content { var reason: String? }
    struct SettleForm: Content { var line: [String: String]?; var reason: [String: String]? }
    struct Upload: Content { var file: File? }

    func cycles(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CyclesPage.render(PageContext(req), try await CyclesPage.model(for: req)))
    }

    func generate(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(GenerateForm.self)
        return try await req.performShowing(back: SiteRoute.payments.path) {
            guard let commune = f.commune_id else { throw AppError.invalid("commune_id", "validation.required") }
            guard let month = YearMonth(iso: f.month ?? "") else { throw AppError.invalid("month", "allowance.error.month") }
            let id = try await PayrollRepository(req.store).generate(actor, communeID: commune, month: month)
            return (SiteRoute.paymentCycle(id).path, Message("payroll.generated"))
        }
    }

    static func filter(_ req: Request) -> LineFilter {
        LineFilter(
            status: req.query[String.self, at: "status"].flatMap(LineStatus.init(rawValue:)),
            channel: req.query[String.self, at: "channel"].flatMap(PaymentChannel.init(rawValue:)),
            groupID: req.query[String.self, at: "group"].flatMap(UUID.init(uuidString:)))
    }

    func cycle(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CyclePage.render(PageContext(req), try await CyclePage.model(for: req)))
    }

    func submit(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        return try await req.perform(back: SiteRoute.paymentCycle(id).path, success: Message("payroll.submitted")) {
            try await PayrollRepository(req.store).submit(actor, cycleID: id)
        }
    }

    func approve(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        return try await req.perform(back: SiteRoute.paymentCycle(id).path, success: Message("payroll.approved")) {
            try await PayrollRepository(req.store).approve(actor, cycleID: id)
        }
    }

    func sendBack(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(ReasonForm.self)
        return try await req.perform(back: SiteRoute.paymentCycle(id).path, success: Message("payroll.sent_back")) {
            try await PayrollRepository(req.store).sendBack(actor, cycleID: id, reason: f.reason ?? "")
        }
    }

    /// The tick-off of a signature list: `line[ID]=paid|unpaid|returned`, `reason[ID]=…`.
    func settle(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(SettleForm.self)
        return try await req.perform(back: SiteRoute.paymentCycle(id).path, success: Message("payroll.settled")) {
            var rows: [Settlement] = []
            for (key, value) in (f.line ?? [:]).sorted(by: { $0.key < $1.key }) where !value.isEmpty {
                guard let line = Int64(key), let st = LineStatus(rawValue: value) else { throw AppError.invalid("line", "validation.choice") }
                rows.append(Settlement(lineID: line, status: st, reason: f.reason?[key] ?? ""))
            }
            _ = try await PayrollRepository(req.store).settle(actor, cycleID: id, rows)
        }
    }

    /// The channel's confirmation file (CSV or XLSX: line_id, status, reason).
    func confirm(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        // Permission and scope before the file is parsed: out of scope is "not found".
        try actor.require(.managePayments)
        _ = try await PayrollRepository(req.store).cycle(actor, id)
        let f = try req.content.decode(Upload.self)
        return try await req.perform(back: SiteRoute.paymentCycle(id).path, success: Message("payroll.settled")) {
            guard let file = f.file, file.data.readableBytes > 0 else { throw AppError.invalid("file", "import.no_file") }
            let data = Data(buffer: file.data)
            _ = try await PayrollRepository(req.store).importConfirmation(actor, cycleID: id, rows: try UploadedSheet.rows(data))
        }
    }

    func close(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        return try await req.performShowing(back: SiteRoute.paymentCycle(id).path) {
            let suspended = try await PayrollRepository(req.store).close(actor, cycleID: id)
            return (SiteRoute.paymentCycle(id).path, Message("payroll.closed", ["suspended": "\(suspended.count)"]))
        }
    }

    /// The channel file: every line of the cycle for one channel (post office or bank), CSV or
    /// XLSX, with the line id the confirmation file returns.
    func export(req: Request) async throws -> Response { try await Self.channelFile(req, filter: Self.filter(req)) }

    /// The channel file of the cycle `:id` for `filter` (the page's export and the API's).
    static func channelFile(_ req: Request, filter: LineFilter) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let repo = PayrollRepository(req.store)
        let c = try await repo.cycle(actor, id)
        let lines = try await repo.allLines(actor, cycleID: id, filter: filter)
        let rows = lines.map { l in
            [
                String(l.id), l.personName, l.nationalID ?? "", l.birth, l.groupName, l.oneOffID == nil ? l.benefit.rawValue : "one_off", l.month.iso, l.kind,
                String(l.amount),
                l.recipientKind, l.recipientName ?? l.personName, l.channel.rawValue, l.account ?? "", l.status.rawValue, l.reason ?? "",
                // A channel file leaves the office (post office, bank): no sensitive category, ever.
                SensitivityClass.withoutSensitive(l.categories).joined(separator: " "), l.kilograms.map(String.init) ?? "",
            ]
        }
        return try await Spreadsheet.response(
            req,
            header: [
                "line_id", "full_name", "national_id", "birth_date", "residential_group", "benefit", "month", "kind",
                "amount", "recipient_kind", "recipient_name", "channel", "account", "status", "reason", "categories", "kilograms",
            ],
            rows: rows, baseName: "payroll-\(c.month.iso)\(filter.channel.map { "-" + $0.rawValue } ?? "")")
    }

    /// The cash handout list of each residential group, to be signed by each recipient.
    func signatures(req: Request) async throws -> HTMLResponse {
        HTMLResponse(SignaturesPage.render(PageContext(req).with(locale: .vi), try await SignaturesPage.model(for: req)))
    }
}
