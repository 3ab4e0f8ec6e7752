import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum PaymentPages {
    static func report(_ ctx: PageContext, _ r: PaymentReport, communes: [(UUID, String)]) -> String {
        let categories: (String) -> String = { c in
            c.isEmpty
                ? "—"
                : c.split(separator: ",").map { code in
                    // Art. 20 care-support codes have no name of their own: shown as the article code.
                    ctx.catalogue.texts[ctx.locale]?["allowance.category.\(code)"] != nil ? ctx.t("allowance.category.\(code)") : String(code)
                }.joined(separator: " + ")
        }
        return Layout.render(
            ctx, title: ctx.t("payroll.report_title", ["year": "\(r.year)"]),
            [
                DecisionPages.nav(ctx),
                H.form(
                    ctx, action: SiteRoute.paymentReport.path, method: "get", classes: "inline",
                    [
                        H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(r.year)", type: "number"),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                H.el(.p, [("class", "lead")], [.text(ctx.t("payroll.report_intro"))]),
                H.dl([(ctx.t("payroll.issued"), .text(ctx.money(Dong(r.issued)))), (ctx.t("payroll.paid"), .text(ctx.money(Dong(r.paid))))]),
                H.table(
                    caption: ctx.t("payroll.budget"),
                    headers: [ctx.t("field.commune"), ctx.t("payroll.planned"), ctx.t("payroll.used"), ctx.t("payroll.used_share")],
                    rows: r.budget.map { b in
                        [
                            .text(b.communeName), .text(b.planned.map { ctx.money(Dong($0)) } ?? "—"), .text(ctx.money(Dong(b.paid))),
                            .text(b.planned.flatMap { $0 > 0 ? "\(b.paid * 100 / $0) %" : nil } ?? "—"),
                        ]
                    }, empty: ctx.t("payroll.no_report")),
                ctx.actor!.role.can(.managePayments) && !communes.isEmpty
                    ? H.form(
                        ctx, action: SiteRoute.paymentBudget.path, classes: "card",
                        [
                            H.el(.h2, [], [.text(ctx.t("payroll.set_budget"))]),
                            H.select(
                                ctx, name: "commune_id", label: ctx.t("field.commune"), options: communes.map { ($0.0.uuidString, $0.1) }, selected: nil,
                                errors: []),
                            H.hidden("year", "\(r.year)"),
                            H.field(ctx, name: "amount", label: ctx.t("payroll.planned"), required: true, hint: ctx.t("payroll.amount_hint")),
                            H.button(ctx.t("common.save")),
                        ]) : .empty,
                H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .paymentReportExport, query: [("year", "\(r.year)")])),
                H.table(
                    caption: ctx.t("payroll.report"),
                    headers: [
                        ctx.t("field.commune"), ctx.t("field.month"), ctx.t("decision.benefit"), ctx.t("allowance.category"), ctx.t("payroll.recipients"),
                        ctx.t("payroll.issued"), ctx.t("payroll.paid"),
                    ],
                    rows: r.rows.map { row in
                        [
                            .text(row.communeName), H.bdi(row.month), .text(DecisionPages.benefit(ctx, row.benefit)), .text(categories(row.categories)),
                            .text("\(row.recipients)"), .text(ctx.money(Dong(row.issued))), .text(ctx.money(Dong(row.paid))),
                        ]
                    }, empty: ctx.t("payroll.no_report")),
            ])
    }

    static func cycle(_ ctx: PageContext, _ c: CycleView, _ page: ResultPage<LineView>, filter: LineFilter, changes: [DecisionView]) -> String {
        let role = ctx.actor!.role
        let b = c.balance
        var query: [(String, String)] = []
        if let s = filter.status { query.append(("status", s.rawValue)) }
        if let ch = filter.channel { query.append(("channel", ch.rawValue)) }
        var content: [Body] = [
            DecisionPages.nav(ctx),
            H.link("← " + ctx.t("payroll.cycles"), SiteRoute.payments.path),
            H.dl([
                (ctx.t("field.commune"), .text(c.communeName)),
                (ctx.t("field.state"), .text(ctx.t("payroll.status.\(c.status.rawValue)"))),
                (ctx.t("payroll.prepared_by"), .text(c.preparedBy + " — " + ctx.timestamp(c.generatedAt, zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!))),
                (ctx.t("payroll.approved_by"), .text(c.approvedBy ?? "—")),
                (ctx.t("payroll.recipients"), .text("\(c.recipients)")),
                (ctx.t("payroll.arrears"), .text(ctx.money(Dong(c.arrears)))),
                (ctx.t("payroll.adjustments"), .text(ctx.money(Dong(c.adjustments)))),
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
        ]
        var actions: [Body] = []
        if c.status == .draft && role.can(.managePayments) {
            actions.append(
                H.form(
                    ctx, action: SiteRoute.paymentsGenerate.path, classes: "inline",
                    [
                        H.hidden("commune_id", c.communeID.uuidString), H.hidden("month", c.month.iso),
                        H.button(ctx.t("payroll.regenerate"), kind: "secondary"),
                    ]))
            actions.append(H.form(ctx, action: SiteRoute.paymentSubmit(c.id).path, classes: "inline", [H.button(ctx.t("payroll.submit"))]))
        }
        if c.status == .submitted && role.can(.approvePayments) {
            actions.append(H.form(ctx, action: SiteRoute.paymentApprove(c.id).path, classes: "inline", [H.button(ctx.t("payroll.approve"))]))
            actions.append(
                H.form(
                    ctx, action: SiteRoute.paymentSendBack(c.id).path, classes: "inline",
                    [
                        H.field(ctx, name: "reason", label: ctx.t("payroll.send_back_reason"), required: true),
                        H.button(ctx.t("payroll.send_back"), kind: "secondary"),
                    ]))
        }
        if c.status == .approved && role.can(.managePayments) {
            actions.append(
                H.el(
                    .form, [("method", "post"), ("action", SiteRoute.paymentConfirm(c.id).path), ("enctype", "multipart/form-data"), ("class", "card")],
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
                    ]))
            actions.append(H.form(ctx, action: SiteRoute.paymentClose(c.id).path, classes: "inline", [H.button(ctx.t("payroll.close"))]))
        }
        content.append(
            H.el(
                .div, [("class", "actions")],
                actions + [
                    H.link(ctx.t("payroll.signature_list"), SiteRoute.paymentSignatures(c.id).path, [("class", "btn btn-secondary")]),
                    H.link(ctx.t("payroll.post_file"), SiteRoute.paymentExport(c.id).path(query: [("channel", "post")]), [("class", "btn btn-secondary")]),
                    H.link(
                        ctx.t("payroll.post_file_xlsx"), SiteRoute.paymentExport(c.id).path(query: [("channel", "post"), ("format", "xlsx")]),
                        [("class", "btn btn-secondary")]),
                    H.link(ctx.t("payroll.bank_file"), SiteRoute.paymentExport(c.id).path(query: [("channel", "bank")]), [("class", "btn btn-secondary")]),
                ] + Spreadsheet.buttons(ctx, .paymentExport(c.id))))
        content.append(
            H.form(
                ctx, action: SiteRoute.paymentCycle(c.id).path, method: "get", classes: "inline",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: LineStatus.allCases.map { ($0.rawValue, ctx.t("payroll.line.\($0.rawValue)")) },
                        selected: filter.status?.rawValue, errors: [], includeBlank: true),
                    H.select(
                        ctx, name: "channel", label: ctx.t("decision.channel"),
                        options: PaymentChannel.allCases.map { ($0.rawValue, ctx.t("payroll.channel.\($0.rawValue)")) },
                        selected: filter.channel?.rawValue, errors: [], includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]))
        let tick = c.status == .approved && role.can(.managePayments)
        let table = H.table(
            caption: ctx.t("payroll.lines"),
            headers: [
                ctx.t("payroll.line_id"), ctx.t("field.residential_group"), ctx.t("field.full_name"), ctx.t("decision.benefit"), ctx.t("field.month"),
                ctx.t("allowance.amount"), ctx.t("decision.recipient"), ctx.t("decision.channel"), ctx.t("field.state"),
            ] + (tick ? [ctx.t("payroll.tick")] : []),
            rows: page.items.map { l in
                var row: [Body] = [
                    H.bdi(String(l.id)), .text(l.groupName), H.link(l.personName, SiteRoute.personDecisions(l.personID).path),
                    .text(DecisionPages.benefit(ctx, l.benefit) + (l.categories.isEmpty ? "" : " — " + l.categories.joined(separator: ", "))),
                    H.bdi(l.month.iso + (l.month < c.month ? " (" + ctx.t("payroll.arrears_short") + ")" : "") + (l.carried ? " ↻" : "")),
                    .text(ctx.money(Dong(l.amount))), .text(l.recipientName ?? ctx.t("decision.recipient.person")),
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
        content.append(tick ? H.form(ctx, action: SiteRoute.paymentSettle(c.id).path, [table, H.button(ctx.t("payroll.save_ticks"))]) : table)
        content.append(
            H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) {
                SiteRoute.paymentCycle(c.id).path(query: [("page", String($0))] + query)
            })
        content.append(
            H.table(
                caption: ctx.t("payroll.changes"),
                headers: [
                    ctx.t("decision.number"), ctx.t("field.full_name"), ctx.t("decision.kind"), ctx.t("decision.effective_month"), ctx.t("allowance.amount"),
                ],
                rows: changes.map { d in
                    [
                        H.link(d.number ?? ctx.t("decision.by_system"), SiteRoute.decision(d.id).path), .text(d.personName),
                        .text(ctx.t("decision.kind.\(d.kind.rawValue)")), H.bdi(d.effectiveMonth.iso), .text(ctx.money(Dong(d.monthlyAmount))),
                    ]
                }, empty: ctx.t("payroll.no_changes")))
        return Layout.render(ctx, title: ctx.t("payroll.cycle_title", ["month": c.month.iso, "commune": c.communeName]), content)
    }

    /// One printable list per residential group: name, amount, months, and a box to sign.
    static func signatures(_ ctx: PageContext, _ c: CycleView, _ lines: [LineView]) -> String {
        let groups = Dictionary(grouping: lines, by: \.groupName).sorted { $0.key < $1.key }
        let sections: [Body] = groups.map { group, lines in
            let byPerson = Dictionary(grouping: lines, by: \.personID).values.sorted { $0[0].personName < $1[0].personName }
            let total = lines.reduce(Int64(0)) { $0 + $1.amount }
            return H.el(
                .article, [("class", "certificate signature-list")],
                [
                    H.el(.h2, [], [.text(ctx.t("payroll.signature_title", ["group": group.isEmpty ? c.communeName : group, "month": c.month.iso]))]),
                    H.table(
                        caption: ctx.t("payroll.signature_list"),
                        headers: [
                            "#", ctx.t("field.full_name"), ctx.t("decision.recipient"), ctx.t("payroll.months"), ctx.t("allowance.amount"),
                            ctx.t("payroll.signature"),
                        ],
                        rows: byPerson.enumerated().map { i, ls in
                            [
                                .text("\(i + 1)"), .text(ls[0].personName), .text(ls[0].recipientName ?? ""),
                                H.bdi(Set(ls.map(\.month.iso)).sorted().joined(separator: ", ")),
                                .text(ctx.money(Dong(ls.reduce(0) { $0 + $1.amount }))), .text(" "),
                            ]
                        }, empty: ""),
                    H.el(.p, [], [.text(ctx.t("payroll.signature_total", ["total": ctx.money(Dong(total)), "count": "\(byPerson.count)"]))]),
                ])
        }
        return Layout.render(
            ctx, title: ctx.t("payroll.signature_list"), sections.isEmpty ? [H.el(.p, [("class", "empty")], [.text(ctx.t("payroll.no_lines"))])] : sections)
    }
}
