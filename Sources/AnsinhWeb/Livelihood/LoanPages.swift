import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Loans from the Vietnam Bank for Social Policies: the list (by state), the use checks due, a
/// dossier prepared, the list in the bank's layout; one loan with its steps.
extension LivelihoodController {
    struct LoanForm: Content {
        var national_id: String?; var programme: String?; var purpose: String?; var amount: String?; var term_months: String?
        var savings_group: String?
    }
    struct ReminderForm: Content { var date: String?; var location: String? }
    struct LoanStepForm: Content { var step: String?; var date: String?; var amount: String?; var number: String?; var text: String? }

    func registerLoans(_ authed: any RoutesBuilder) {
        authed.get(.livelihoodLoans) { req in try await LoansPage.response(req, form: LoanForm(), errors: []) }
        authed.post(.livelihoodLoans) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(LoanForm.self)
            var input = LoanInput()
            input.nationalID = f.national_id ?? ""; input.programme = f.programme ?? ""; input.purpose = f.purpose ?? ""
            input.amount = f.amount.flatMap(ImportTable.dong); input.termMonths = Self.count(f.term_months); input.savingsGroup = f.savings_group ?? ""
            do {
                let id = try await LivelihoodRepository(req.store).prepareLoan(actor, input, today: req.today)
                req.flash(.success, Message("loan.prepared"))
                return req.redirect(to: SiteRoute.livelihoodLoan(id).path)
            } catch AppError.validation(let errors) {
                return try await LoansPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        // The bank's list layout: one row per dossier, in the order prepared.
        authed.get(.livelihoodLoansExport) { req in
            let actor = try req.requireActor()
            let status = try req.queryChoice("status", LoanLifecycle.State.self)
            let rows = try await LivelihoodRepository(req.store).allLoans(actor, status: status).enumerated().map { n, l in
                [
                    "\(n + 1)", l.borrower, l.nationalID, l.householdCode, l.address, l.savingsGroup, l.programme, l.purpose, "\(l.requested)",
                    "\(l.termMonths)", l.householdClass, l.confirmationNumber ?? "", l.confirmedOn ?? "", l.status.rawValue, l.approved.map { "\($0)" } ?? "",
                    l.disbursedOn ?? "",
                ]
            }
            return try await Spreadsheet.response(
                req,
                header: [
                    "stt", "ho_ten_nguoi_vay", "so_dinh_danh", "ma_ho", "dia_chi", "to_tiet_kiem_vay_von", "chuong_trinh", "muc_dich", "so_tien_de_nghi",
                    "thoi_han_thang", "phan_loai_ho", "so_xac_nhan", "ngay_xac_nhan", "trang_thai", "so_tien_duyet", "ngay_giai_ngan",
                ], rows: rows, baseName: "vay-von-nhcsxh")
        }
        // The bank's transaction day, told to every borrower with a disbursed loan.
        authed.post(.livelihoodLoanReminders) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(ReminderForm.self)
            return try await req.performShowing(back: SiteRoute.livelihoodLoans.path) {
                let r = try await LivelihoodRepository(req.store).remindBorrowers(actor, day: f.date ?? "", place: f.location ?? "", today: req.today)
                let counts = ["reminded": "\(r.reminded)", "without_phone": "\(r.withoutPhone)", "already": "\(r.already)"]
                return (SiteRoute.livelihoodLoans.path, Message("loan.reminders_done", counts))
            }
        }
        authed.get(.livelihoodLoan(nil)) { req in
            let actor = try req.requireActor()
            let loan = try await LivelihoodRepository(req.store).loan(actor, id: try req.idParameter())
            let model = LoanPage.Model(loan: loan, steps: LoanLifecycle.available(from: loan.status, role: actor.role), today: req.today)
            return HTMLResponse(LoanPage.render(PageContext(req), model))
        }
        authed.post(.livelihoodLoanStep(nil)) { req in
            let actor = try req.requireActor()
            let id = try req.idParameter()
            let f = try req.content.decode(LoanStepForm.self)
            let t = LoanLifecycle.Transition(rawValue: f.step ?? "")
            if let t { try actor.require(LoanLifecycle.rule(t).permission) } else { try actor.require(.manageLivelihood) }
            var input = LoanStepInput()
            input.date = f.date ?? ""; input.number = f.number ?? ""; input.text = f.text ?? ""
            input.amount = f.amount.flatMap { $0.isEmpty ? nil : ImportTable.dong($0) ?? -1 }
            return try await req.perform(back: SiteRoute.livelihoodLoan(id).path, success: t.map { Message("loan.done.\($0.rawValue)") }) {
                guard let t else { throw AppError.invalid("step", "validation.choice") }
                try await LivelihoodRepository(req.store).step(actor, loan: id, t, input, today: req.today)
            }
        }
    }
}

/// The loans of the viewer's units by state, the use checks due, the export, the new dossier.
enum LoansPage: Page {
    struct Model: Sendable {
        let rows: [Loan]
        let paging: Paging
        let status: LoanLifecycle.State?
        let due: [Loan]
        let canManage: Bool
        let today: LocalDate
        let form: LivelihoodController.LoanForm
        let errors: [FieldError]
    }

    static func response(_ req: Request, form: LivelihoodController.LoanForm, errors: [FieldError], status code: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try req.requireActor()
        let status = try req.filterChoice("status", LoanLifecycle.State.self)
        let repo = LivelihoodRepository(req.store)
        let page = try await repo.loans(actor, status: status, page: req.pageSpec)
        let model = Model(
            rows: page.items, paging: Paging(page), status: status, due: try await repo.useChecksDue(actor, today: req.today),
            canManage: actor.role.can(.manageLivelihood), today: req.today, form: form, errors: errors)
        return HTMLResponse(render(PageContext(req), model), status: code).response()
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("loan.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let query: [(String, String)] = m.status.map { [("status", $0.rawValue)] } ?? []
        var out: [Body] = [
            LivelihoodParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("loan.intro"))]),
            H.form(
                ctx, action: SiteRoute.livelihoodLoans.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("loan.status"),
                        options: [("", ctx.t("livelihood.all"))] + LoanLifecycle.State.allCases.map { ($0.rawValue, ctx.t("loan.status.\($0.rawValue)")) },
                        selected: m.status?.rawValue ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .livelihoodLoansExport, query: query)),
            H.table(
                caption: ctx.t("loan.list"),
                headers: [ctx.t("loan.borrower"), ctx.t("field.programme"), ctx.t("field.amount"), ctx.t("loan.status"), ctx.t("loan.prepared_on")],
                rows: m.rows.map { l in
                    [
                        H.link(l.borrower, SiteRoute.livelihoodLoan(l.id).path), .text(ctx.t("loan.programme.\(l.programme)")),
                        .text(ctx.money(Dong(l.approved ?? l.requested))), .text(ctx.t("loan.status.\(l.status.rawValue)")), .text(ctx.date(l.preparedOn)),
                    ]
                }, empty: ctx.t("loan.none")),
            H.pager(ctx, m.paging) { SiteRoute.livelihoodLoans.path(query: query + [("page", String($0))]) },
            H.table(
                caption: ctx.t("loan.use_checks_due"), headers: [ctx.t("loan.borrower"), ctx.t("field.purpose"), ctx.t("livelihood.due")],
                rows: m.due.map { l in [H.link(l.borrower, SiteRoute.livelihoodLoan(l.id).path), .text(l.purpose), .text(l.useCheckDue.map(ctx.date) ?? "")] },
                empty: ctx.t("loan.no_use_checks")),
        ]
        guard m.canManage else { return out }
        let f = m.form
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodLoanReminders.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("loan.reminders"))]),
                    H.el(.p, [("class", "hint")], [.text(ctx.t("loan.reminders_hint"))]),
                    H.field(ctx, name: "date", label: ctx.t("loan.transaction_day"), value: m.today.iso, type: "date", required: true, id: "reminder-date"),
                    H.field(ctx, name: "location", label: ctx.t("loan.transaction_place"), value: "", required: true, id: "reminder-location"),
                    H.button(ctx.t("loan.reminders_send")),
                ]))
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodLoans.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("loan.new"))]),
                    H.errorSummary(ctx, m.errors),
                    H.field(
                        ctx, name: "national_id", label: ctx.t("loan.borrower_id"), value: f.national_id ?? "", required: true, errors: m.errors,
                        hint: ctx.t("loan.borrower_hint")),
                    H.select(
                        ctx, name: "programme", label: ctx.t("field.programme"),
                        options: LoanRules.shared.programmes.map {
                            ($0.code, ctx.t("loan.programme.\($0.code)") + " — " + ctx.t("loan.ceiling", ["amount": ctx.money(Dong($0.ceiling))]))
                        }, selected: f.programme, errors: m.errors),
                    H.field(ctx, name: "purpose", label: ctx.t("field.purpose"), value: f.purpose ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "amount", label: ctx.t("loan.requested"), value: f.amount ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "term_months", label: ctx.t("field.term_months"), value: f.term_months ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "savings_group", label: ctx.t("field.savings_group"), value: f.savings_group ?? "", errors: m.errors),
                    H.button(ctx.t("loan.new")),
                ]))
        return out
    }
}

/// One loan: the dossier, what the ward and the bank recorded, the next steps.
enum LoanPage: Page {
    struct Model: Sendable {
        let loan: Loan
        let steps: [LoanLifecycle.Transition]
        let today: LocalDate
    }
    static var processing: ProcessingKind? { .livelihood }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("loan.of", ["name": m.loan.borrower]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let l = m.loan
        var lines: [(String, Body)] = [
            (ctx.t("loan.status"), .text(ctx.t("loan.status.\(l.status.rawValue)"))),
            (ctx.t("field.programme"), .text(ctx.t("loan.programme.\(l.programme)"))), (ctx.t("field.purpose"), .text(l.purpose)),
            (ctx.t("loan.requested"), .text(ctx.money(Dong(l.requested)))), (ctx.t("field.term_months"), H.bdi("\(l.termMonths)")),
            (ctx.t("loan.household"), .text(l.householdCode + " — " + l.address)),
            (ctx.t("loan.household_class"), .text(l.householdClass.isEmpty ? "—" : ctx.t("class.\(l.householdClass)"))),
            (ctx.t("field.savings_group"), .text(l.savingsGroup.isEmpty ? "—" : l.savingsGroup)),
            (ctx.t("loan.prepared_on"), .text(ctx.date(l.preparedOn))),
        ]
        let optional: [(String, String?)] = [
            ("field.confirmation_number", l.confirmationNumber), ("loan.confirmed_on", l.confirmedOn), ("loan.submitted_on", l.submittedOn),
            ("field.bank_decision", l.bankDecision), ("loan.approved", l.approved.map { ctx.money(Dong($0)) }),
            ("loan.disbursed", l.disbursed.map { ctx.money(Dong($0)) }), ("loan.disbursed_on", l.disbursedOn), ("loan.use_checked_on", l.useCheckedOn),
            ("field.note", l.useNote), ("loan.closed_on", l.closedOn), ("field.reason", l.reason),
            ("loan.next_use_check", l.useCheckDue.map(ctx.date)), ("loan.reminded_for", l.remindedFor.flatMap(LocalDate.init(iso:)).map(ctx.date)),
        ]
        lines += optional.compactMap { k, v in v.map { (ctx.t(k), .text($0)) } }
        var out: [Body] = [LivelihoodParts.nav(ctx), H.dl(lines)]
        for t in m.steps {
            let rule = LoanLifecycle.rule(t)
            var fields: [Body] = [H.el(.h2, [], [.text(ctx.t("loan.step.\(t.rawValue)"))]), H.hidden("step", t.rawValue)]
            if rule.requires.contains("date") {
                fields.append(H.field(ctx, name: "date", label: ctx.t("field.date"), value: m.today.iso, type: "date", id: "date-\(t.rawValue)"))
            }
            if rule.requires.contains("amount") {
                fields.append(
                    H.field(ctx, name: "amount", label: ctx.t("field.amount"), value: "\(l.approved ?? l.requested)", id: "amount-\(t.rawValue)"))
            }
            for k in ["confirmation_number", "bank_decision"] where rule.requires.contains(k) {
                fields.append(H.field(ctx, name: "number", label: ctx.t("field.\(k)"), id: "number-\(t.rawValue)"))
            }
            for k in ["reason", "note"] where rule.requires.contains(k) {
                fields.append(H.field(ctx, name: "text", label: ctx.t("field.\(k)"), id: "text-\(t.rawValue)"))
            }
            out.append(
                H.form(
                    ctx, action: SiteRoute.livelihoodLoanStep(l.id).path, classes: "card",
                    fields + [H.button(ctx.t("loan.step.\(t.rawValue)"), kind: t == .refuse ? "secondary" : "primary")]))
        }
        return out
    }
}
