import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One payment cycle: its balance to the đồng, the steps the viewer may take now, its lines
/// (filtered, paged; ticked one by one once approved), and the decisions signed after it was
/// prepared, which go to the next cycle.
enum CyclePage: Page {
    static var processing: ProcessingKind? { .payment }
    struct Line: Sendable, Equatable {
        let id: Int64
        let groupName: String
        let personID: UUID
        let personName: String
        let benefit: Benefit
        /// A one-off benefit's line (Art. 11–15), and the kilograms of rice it hands out.
        var oneOff = false
        var kilograms: Int? = nil
        let categories: [String]
        let month: String
        /// A month before the cycle's own: paid as arrears.
        let arrears: Bool
        let carried: Bool
        let amount: Int64
        let recipientName: String?
        let channel: PaymentChannel
        let status: LineStatus
        let reason: String?
    }

    struct Change: Sendable, Equatable {
        let decisionID: UUID
        let number: String?
        let personName: String
        let kind: DecisionKind
        let effectiveMonth: String
        let monthlyAmount: Int64
    }

    struct Model: Sendable {
        let id: UUID
        let communeID: UUID
        let communeName: String
        let month: String
        let status: CycleStatus
        let preparedBy: String
        let preparedAt: Date
        let approvedBy: String?
        let recipients: Int
        let arrears: Int64
        let adjustments: Int64
        let balance: CycleBalance
        /// The lifecycle steps the viewer may take from the cycle's state.
        let actions: [CycleLifecycle.Transition]
        let lines: [Line]
        let paging: Paging
        let statusFilter: LineStatus?
        let channelFilter: PaymentChannel?
        let changes: [Change]
        /// Retention (privacy.json `retention.payment`): when the lines' payment details were
        /// removed, the legal hold that keeps them, and whether the viewer may set or release it.
        var anonymisedAt: Date? = nil
        var legalHold: String? = nil
        var canHold = false
        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    }

    /// The query: the cycle, one page of its lines under the filter, the later decisions.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let repo = PayrollRepository(req.store)
        let filter = PaymentsController.filter(req)
        let c = try await repo.cycle(actor, id)
        let page = try await repo.lines(actor, cycleID: id, filter: filter, page: req.pageSpec)
        let changes = try await repo.changes(actor, cycleID: id)
        return Model(
            id: c.id, communeID: c.communeID, communeName: c.communeName, month: c.month.iso, status: c.status, preparedBy: c.preparedBy,
            preparedAt: c.generatedAt, approvedBy: c.approvedBy, recipients: c.recipients, arrears: c.arrears, adjustments: c.adjustments,
            balance: c.balance, actions: CycleLifecycle.available(from: c.status, role: actor.role),
            lines: page.items.map { l in
                Line(
                    id: l.id, groupName: l.groupName, personID: l.personID, personName: l.personName, benefit: l.benefit, oneOff: l.oneOffID != nil,
                    kilograms: l.kilograms, categories: l.categories,
                    month: l.month.iso, arrears: l.month < c.month, carried: l.carried, amount: l.amount, recipientName: l.recipientName,
                    channel: l.channel, status: l.status, reason: l.reason)
            }, paging: Paging(page), statusFilter: filter.status, channelFilter: filter.channel,
            changes: changes.map { d in
                Change(
                    decisionID: d.id, number: d.number, personName: d.personName, kind: d.kind, effectiveMonth: d.effectiveMonth.iso,
                    monthlyAmount: d.monthlyAmount)
            }, anonymisedAt: c.anonymisedAt, legalHold: c.legalHold, canHold: actor.role.can(PaymentCycleModel.holdPermission),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("payroll.cycle_title", ["month": m.month, "commune": m.communeName]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let b = m.balance
        return [
            AllowanceParts.nav(ctx),
            H.link("← " + ctx.t("payroll.cycles"), SiteRoute.payments.path),
            H.dl([
                (ctx.t("field.commune"), .text(m.communeName)),
                (ctx.t("field.state"), .text(ctx.t("payroll.status.\(m.status.rawValue)"))),
                (ctx.t("payroll.prepared_by"), .text(m.preparedBy + " — " + ctx.timestamp(m.preparedAt, zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!))),
                (ctx.t("payroll.approved_by"), .text(m.approvedBy ?? "—")),
                (ctx.t("payroll.recipients"), .text(ctx.number(m.recipients))),
                (ctx.t("payroll.arrears"), .text(ctx.money(Dong(m.arrears)))),
                (ctx.t("payroll.adjustments"), .text(ctx.money(Dong(m.adjustments)))),
            ]),
            H.el(
                .section, [("class", "card"), ("aria-labelledby", "h-balance")],
                [
                    H.el(.h2, [("id", "h-balance")], [.text(ctx.t("payroll.balance"))]),
                    H.dl([
                        (ctx.t("payroll.issued"), .text(ctx.money(Dong(b.issued)))), (ctx.t("payroll.paid"), .text(ctx.money(Dong(b.paid)))),
                        (ctx.t("payroll.carried"), .text(ctx.money(Dong(b.carried)))), (ctx.t("payroll.returned"), .text(ctx.money(Dong(b.returned)))),
                        (ctx.t("payroll.open"), .text(ctx.money(Dong(b.open)))),
                    ]),
                    H.el(.p, [("class", b.balances ? "ok" : "hint")], [.text(ctx.t(b.balances ? "payroll.balanced" : "payroll.not_balanced"))]),
                ]),
            H.el(.div, [("class", "actions")], actions(ctx, m) + files(ctx, m)),
            filterForm(ctx, m),
            lines(ctx, m),
            H.pager(ctx, m.paging) { page in
                var query: [(String, String)] = [("page", String(page))]
                if let s = m.statusFilter { query.append(("status", s.rawValue)) }
                if let ch = m.channelFilter { query.append(("channel", ch.rawValue)) }
                return SiteRoute.paymentCycle(m.id).path(query: query)
            },
            H.table(
                caption: ctx.t("payroll.changes"),
                headers: [
                    ctx.t("decision.number"), ctx.t("field.full_name"), ctx.t("decision.kind"), ctx.t("decision.effective_month"), ctx.t("allowance.amount"),
                ],
                rows: m.changes.map { d in
                    [
                        H.link(d.number ?? ctx.t("decision.by_system"), SiteRoute.decision(d.decisionID).path), .text(d.personName),
                        .text(ctx.t("decision.kind.\(d.kind.rawValue)")), H.bdi(d.effectiveMonth), .text(ctx.money(Dong(d.monthlyAmount))),
                    ]
                }, empty: ctx.t("payroll.no_changes")),
        ] + (m.status == .closed ? [retention(ctx, m)] : [])
    }

    /// A closed cycle's payment details (representatives' names, accounts, the channel's
    /// reasons) are removed their years after the end of its year; amounts and outcomes stay.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        RetentionSection.render(
            ctx, anonymisedAt: m.anonymisedAt, anonymisedKey: "retention.payment_anonymised", legalHold: m.legalHold,
            pending: ctx.t("retention.payment_due_after", ["years": "\(RetentionRepository.paymentRule.years)"]), canHold: m.canHold,
            action: SiteRoute.paymentHold(m.id).path, zone: m.zone)
    }

    /// One form per step the viewer may take: prepare again and submit (draft), approve or send
    /// back (submitted), load the channel's confirmation and close (approved).
    static func actions(_ ctx: PageContext, _ m: Model) -> [Body] {
        m.actions.compactMap { step -> Body? in
            switch step {
            case .prepare:
                return H.form(
                    ctx, action: SiteRoute.paymentsGenerate.path, classes: "inline",
                    [
                        H.hidden("commune_id", m.communeID.uuidString), H.hidden("month", m.month),
                        H.button(ctx.t("payroll.regenerate"), kind: "secondary"),
                    ])
            case .submit: return H.form(ctx, action: SiteRoute.paymentSubmit(m.id).path, classes: "inline", [H.button(ctx.t("payroll.submit"))])
            case .approve: return H.form(ctx, action: SiteRoute.paymentApprove(m.id).path, classes: "inline", [H.button(ctx.t("payroll.approve"))])
            case .sendBack:
                return H.form(
                    ctx, action: SiteRoute.paymentSendBack(m.id).path, classes: "inline",
                    [
                        H.field(ctx, name: "reason", label: ctx.t("payroll.send_back_reason"), required: true),
                        H.button(ctx.t("payroll.send_back"), kind: "secondary"),
                    ])
            case .settle:
                return H.el(
                    .form, [("method", "post"), ("action", SiteRoute.paymentConfirm(m.id).path), ("enctype", "multipart/form-data"), ("class", "card")],
                    [
                        H.hidden("_csrf", ctx.csrf),
                        H.el(
                            .div, [("class", "field")],
                            [
                                H.el(.label, [("for", "f-file")], [.text(ctx.t("payroll.confirmation_file"))]),
                                H.el(.input, [("type", "file"), ("id", "f-file"), ("name", "file"), ("accept", ".csv,.xlsx"), ("required", "required")]),
                                H.el(.p, [("class", "hint")], [.text(ctx.t("payroll.confirmation_hint"))]),
                            ]),
                        H.button(ctx.t("payroll.import_confirmation"), kind: "secondary"),
                    ])
            case .close: return H.form(ctx, action: SiteRoute.paymentClose(m.id).path, classes: "inline", [H.button(ctx.t("payroll.close"))])
            }
        }
    }

    /// The printable signature list and the channel files, whatever the state.
    static func files(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.link(ctx.t("payroll.signature_list"), SiteRoute.paymentSignatures(m.id).path, [("class", "btn btn-secondary")]),
            H.link(ctx.t("payroll.post_file"), SiteRoute.paymentExport(m.id).path(query: [("channel", "post")]), [("class", "btn btn-secondary")]),
            H.link(
                ctx.t("payroll.post_file_xlsx"), SiteRoute.paymentExport(m.id).path(query: [("channel", "post"), ("format", "xlsx")]),
                [("class", "btn btn-secondary")]),
            H.link(ctx.t("payroll.bank_file"), SiteRoute.paymentExport(m.id).path(query: [("channel", "bank")]), [("class", "btn btn-secondary")]),
        ] + Spreadsheet.buttons(ctx, .paymentExport(m.id))
    }

    static func filterForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.form(
            ctx, action: SiteRoute.paymentCycle(m.id).path, method: "get", classes: "inline",
            [
                H.select(
                    ctx, name: "status", label: ctx.t("field.state"), options: LineStatus.allCases.map { ($0.rawValue, ctx.t("payroll.line.\($0.rawValue)")) },
                    selected: m.statusFilter?.rawValue, errors: [], includeBlank: true),
                H.select(
                    ctx, name: "channel", label: ctx.t("decision.channel"),
                    options: PaymentChannel.allCases.map { ($0.rawValue, ctx.t("payroll.channel.\($0.rawValue)")) }, selected: m.channelFilter?.rawValue,
                    errors: [], includeBlank: true),
                H.button(ctx.t("common.filter"), kind: "secondary"),
            ])
    }

    /// The lines; while the cycle may be settled, each issued line has its tick and reason.
    static func lines(_ ctx: PageContext, _ m: Model) -> Body {
        let tick = m.actions.contains(.settle)
        let table = H.table(
            caption: ctx.t("payroll.lines"),
            headers: [
                ctx.t("payroll.line_id"), ctx.t("field.residential_group"), ctx.t("field.full_name"), ctx.t("decision.benefit"), ctx.t("field.month"),
                ctx.t("allowance.amount"), ctx.t("decision.recipient"), ctx.t("decision.channel"), ctx.t("field.state"),
            ] + (tick ? [ctx.t("payroll.tick")] : []),
            rows: m.lines.map { l in
                var row: [Body] = [
                    H.bdi(String(l.id)), .text(l.groupName), H.link(l.personName, SiteRoute.personDecisions(l.personID).path),
                    .text(
                        l.oneOff
                            ? ctx.t("one_off.ledger") + " — " + PaymentReportPage.categories(ctx, l.categories)
                            : AllowanceParts.benefit(ctx, l.benefit) + (l.categories.isEmpty ? "" : " — " + l.categories.joined(separator: ", "))),
                    H.bdi(l.month + (l.arrears ? " (" + ctx.t("payroll.arrears_short") + ")" : "") + (l.carried ? " ↻" : "")),
                    .text(l.kilograms.map { ctx.t("one_off.kilograms", ["kg": ctx.number($0)]) } ?? ctx.money(Dong(l.amount))),
                    .text(l.recipientName ?? ctx.t("decision.recipient.person")),
                    .text(ctx.t("payroll.channel.\(l.channel.rawValue)")),
                    .text(ctx.t("payroll.line.\(l.status.rawValue)") + (l.reason.map { " — \($0)" } ?? "")),
                ]
                if tick {
                    row.append(
                        l.status == .issued
                            ? H.el(
                                .span, [],
                                [
                                    H.select(
                                        ctx, name: "line[\(l.id)]", label: ctx.t("payroll.tick_line", ["id": String(l.id)]),
                                        options: [LineStatus.paid, .unpaid, .returned].map { ($0.rawValue, ctx.t("payroll.line.\($0.rawValue)")) },
                                        selected: nil, errors: [], includeBlank: true),
                                    H.field(ctx, name: "reason[\(l.id)]", label: ctx.t("payroll.reason")),
                                ]) : .empty)
                }
                return row
            }, empty: ctx.t("payroll.no_lines"))
        return tick ? H.form(ctx, action: SiteRoute.paymentSettle(m.id).path, [table, H.button(ctx.t("payroll.save_ticks"))]) : table
    }
}
