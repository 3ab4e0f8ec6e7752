import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum DecisionPages {
    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("allowance.section"))],
            [
                H.link(ctx.t("decision.applications"), SiteRoute.applications.path),
                H.link(ctx.t("payroll.cycles"), SiteRoute.payments.path),
                H.link(ctx.t("payroll.report"), SiteRoute.paymentReport.path),
                H.link(ctx.t("allowance.eligibility"), SiteRoute.eligibility.path),
                H.link(ctx.t("allowance.calculator"), SiteRoute.allowanceCalculator.path),
            ])
    }

    static func benefit(_ ctx: PageContext, _ b: Benefit) -> String { ctx.t("decision.benefit.\(b.rawValue)") }

    static func applications(_ ctx: PageContext, _ page: ResultPage<ApplicationView>, status: ApplicationStatus?) -> String {
        Layout.render(
            ctx, title: ctx.t("decision.applications"),
            [
                nav(ctx),
                H.el(.p, [("class", "lead")], [.text(ctx.t("decision.applications_intro"))]),
                H.form(
                    ctx, action: SiteRoute.applications.path, method: "get", classes: "inline",
                    [
                        H.select(
                            ctx, name: "status", label: ctx.t("field.state"),
                            options: ApplicationStatus.allCases.map { ($0.rawValue, ctx.t("decision.status.\($0.rawValue)")) }, selected: status?.rawValue,
                            errors: [], includeBlank: true),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                H.table(
                    caption: ctx.t("decision.applications"),
                    headers: [
                        ctx.t("field.full_name"), ctx.t("decision.benefit"), ctx.t("decision.form_type"), ctx.t("decision.received_date"),
                        ctx.t("field.state"), ctx.t("allowance.amount"),
                    ],
                    rows: page.items.map { a in
                        [
                            H.link(a.personName, SiteRoute.application(a.id).path), .text(benefit(ctx, a.benefit)), H.bdi(a.formType), H.bdi(a.receivedDate),
                            .text(ctx.t("decision.status.\(a.status.rawValue)")), .text(a.evaluation.map { ctx.money(Dong($0.amount)) } ?? "—"),
                        ]
                    }, empty: ctx.t("decision.no_applications")),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) {
                    SiteRoute.applications.path(query: [("page", String($0))] + (status.map { [("status", $0.rawValue)] } ?? []))
                },
            ])
    }

    static func evaluation(_ ctx: PageContext, _ e: StoredEvaluation) -> Body {
        H.el(
            .section, [("class", "card")],
            [
                H.el(.h2, [], [.text(ctx.t("decision.evaluation", ["month": e.month.iso]))]),
                H.dl([
                    (ctx.t("allowance.amount"), .text(ctx.money(Dong(e.amount)))),
                    (ctx.t("allowance.category"), H.bdi(e.categories.isEmpty ? "—" : e.categories.joined(separator: ", "))),
                    (ctx.t("decision.rule_set"), H.bdi(e.ruleSet)),
                ]),
                ReviewParts.reasons(ctx, e.reasons),
                H.el(.ul, [("class", "hint")], e.assumed.map { H.el(.li, [], [.text(ctx.t($0))]) }),
            ])
    }

    static func application(_ ctx: PageContext, _ a: ApplicationView, today: LocalDate) -> String {
        let role = ctx.actor!.role
        var content: [Body] = [
            nav(ctx),
            H.dl([
                (ctx.t("field.full_name"), H.link(a.personName, SiteRoute.personDecisions(a.personID).path)),
                (ctx.t("field.birth"), H.bdi(a.birth)),
                (ctx.t("decision.benefit"), .text(benefit(ctx, a.benefit))),
                (ctx.t("decision.form_type"), H.bdi(a.formType)),
                (ctx.t("decision.received_date"), H.bdi(a.receivedDate)),
                (ctx.t("decision.documents"), .text(a.documents.map { ctx.t("decision.document.\($0)") }.joined(separator: ", "))),
                (ctx.t("decision.recipient"), .text(ctx.t("decision.recipient.\(a.recipientKind)") + (a.recipientName.map { ": \($0)" } ?? ""))),
                (ctx.t("decision.channel"), .text(ctx.t("payroll.channel.\(a.channel)") + (a.account.map { " \($0)" } ?? ""))),
                (ctx.t("field.state"), .text(ctx.t("decision.status.\(a.status.rawValue)"))),
                (
                    ctx.t("decision.posting"),
                    .text(a.requiresPosting ? (a.postingStart.map { "\($0) → \(a.postingEnd ?? "")" } ?? "—") : ctx.t("decision.no_posting"))
                ),
                (ctx.t("decision.objections"), .text(a.objections ?? "—")),
            ]),
        ]
        if let r = a.refusalReason { content.append(H.el(.p, [("class", "flash flash-error")], [.text(ctx.t("decision.refusal", ["reason": r]))])) }
        if let e = a.evaluation { content.append(evaluation(ctx, e)) }
        let open = [ApplicationStatus.received, .reviewed, .posted].contains(a.status)
        if open && role.can(.manageAllowances) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.applicationReview(a.id).path, classes: "card",
                    [
                        H.el(.p, [("class", "hint")], [.text(ctx.t("decision.review_hint"))]), H.button(ctx.t("decision.review")),
                    ]))
            if a.status != .received && a.requiresPosting {
                content.append(
                    H.form(
                        ctx, action: SiteRoute.applicationPost(a.id).path, classes: "card",
                        [
                            H.field(
                                ctx, name: "posting_start", label: ctx.t("decision.posting_start"), value: a.postingStart ?? today.iso, type: "date",
                                required: true,
                                hint: ctx.t("decision.posting_hint")),
                            H.field(ctx, name: "objections", label: ctx.t("decision.objections"), value: a.objections ?? ""),
                            H.button(ctx.t("decision.post"), kind: "secondary"),
                        ]))
            }
        }
        if open && role.can(.decideAllowances) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.applicationDecide(a.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("decision.sign"))]),
                        H.field(ctx, name: "number", label: ctx.t("decision.number"), required: true, hint: "123/QĐ-UBND"),
                        H.field(ctx, name: "signed_date", label: ctx.t("decision.signed_date"), value: today.iso, type: "date", required: true),
                        H.button(ctx.t("decision.sign")),
                    ]))
            content.append(
                H.form(
                    ctx, action: SiteRoute.applicationRefuse(a.id).path, classes: "card",
                    [
                        H.field(ctx, name: "refusal_reason", label: ctx.t("decision.refusal_reason"), required: true),
                        H.button(ctx.t("decision.refuse"), kind: "danger"),
                    ]))
        }
        if let d = a.decisionID { content.append(H.link(ctx.t("decision.view"), SiteRoute.decision(d).path, [("class", "btn btn-primary")])) }
        return Layout.render(ctx, title: ctx.t("decision.application_title", ["name": a.personName]), content)
    }

    static func person(_ ctx: PageContext, personID: UUID, name: String, decisions: [DecisionView], periods: [PeriodView], today: LocalDate) -> String {
        let role = ctx.actor!.role
        var content: [Body] = [
            nav(ctx),
            H.link("← " + name, SiteRoute.person(personID).path),
            H.table(
                caption: ctx.t("decision.periods"),
                headers: [ctx.t("decision.benefit"), ctx.t("decision.from"), ctx.t("decision.until"), ctx.t("decision.amount_now"), ctx.t("decision.channel")],
                rows: periods.map { p in
                    [
                        .text(benefit(ctx, p.benefit)), H.bdi(p.from.iso), H.bdi(p.until?.iso ?? "—"), .text(ctx.money(Dong(p.monthlyAmountNow))),
                        .text(ctx.t("payroll.channel.\(p.channel)") + (p.recipient.isEmpty ? "" : " — \(p.recipient)")),
                    ]
                }, empty: ctx.t("decision.no_periods")),
            H.table(
                caption: ctx.t("decision.decisions"),
                headers: [
                    ctx.t("decision.number"), ctx.t("decision.signed_date"), ctx.t("decision.kind"), ctx.t("decision.benefit"),
                    ctx.t("decision.effective_month"), ctx.t("allowance.amount"), ctx.t("decision.reason"),
                ],
                rows: decisions.map { d in
                    [
                        H.link(d.number ?? ctx.t("decision.by_system"), SiteRoute.decision(d.id).path), H.bdi(d.signedDate),
                        .text(ctx.t("decision.kind.\(d.kind.rawValue)")),
                        .text(benefit(ctx, d.benefit)), H.bdi(d.effectiveMonth.iso), .text(ctx.money(Dong(d.monthlyAmount))),
                        .text(ctx.t("decision.reason.\(d.reason)")),
                    ]
                }, empty: ctx.t("decision.no_decisions")),
        ]
        let recipient: [Body] = [
            H.select(
                ctx, name: "recipient_kind", label: ctx.t("decision.recipient"),
                options: AllowancePages.options(ctx, ["decision", "recipient"], RecipientKind.self), selected: "person", errors: []),
            H.field(ctx, name: "recipient_name", label: ctx.t("decision.recipient_name"), hint: ctx.t("decision.recipient_hint")),
            H.select(
                ctx, name: "channel", label: ctx.t("decision.channel"), options: AllowancePages.options(ctx, ["payroll", "channel"], PaymentChannel.self),
                selected: "cash", errors: []),
            H.field(ctx, name: "account", label: ctx.t("decision.account"), hint: ctx.t("decision.account_hint")),
        ]
        if role.can(.manageAllowances) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.personApplications(personID).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("decision.new_application"))]),
                        H.select(
                            ctx, name: "benefit", label: ctx.t("decision.benefit"),
                            options: AllowancePages.options(ctx, ["decision", "benefit"], Benefit.self), selected: "allowance", errors: []),
                        H.select(
                            ctx, name: "form_type", label: ctx.t("decision.form_type"),
                            options: ApplicationForm.allCases.map { ($0.rawValue, ctx.t("decision.form.\($0.rawValue)")) },
                            selected: "1a", errors: []),
                        H.field(ctx, name: "received_date", label: ctx.t("decision.received_date"), value: today.iso, type: "date", required: true),
                        H.el(
                            .fieldset, [],
                            [H.el(.legend, [], [.text(ctx.t("decision.documents"))])]
                                + ApplicationDocument.allCases.map { d in
                                    H.el(
                                        .div, [("class", "field checkbox")],
                                        [
                                            H.el(
                                                .input, [("type", "checkbox"), ("id", "f-doc-\(d.rawValue)"), ("name", "documents[]"), ("value", d.rawValue)]),
                                            H.el(.label, [("for", "f-doc-\(d.rawValue)")], [.text(ctx.t("decision.document.\(d.rawValue)"))]),
                                        ])
                                }),
                    ] + recipient + [H.button(ctx.t("decision.receive"))]))
        }
        if role.can(.decideAllowances) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.personDecisions(personID).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("decision.new_decision"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("decision.new_decision_hint"))]),
                        H.select(
                            ctx, name: "benefit", label: ctx.t("decision.benefit"),
                            options: AllowancePages.options(ctx, ["decision", "benefit"], Benefit.self), selected: "allowance", errors: []),
                        H.select(
                            ctx, name: "kind", label: ctx.t("decision.kind"), options: AllowancePages.options(ctx, ["decision", "kind"], DecisionKind.self),
                            selected: "adjust", errors: []),
                        H.select(
                            ctx, name: "reason", label: ctx.t("decision.reason"),
                            options: AllowancePages.options(ctx, ["decision", "reason"], DecisionReason.self), selected: nil, errors: []),
                        H.field(ctx, name: "number", label: ctx.t("decision.number"), required: true, hint: "123/QĐ-UBND"),
                        H.field(ctx, name: "signed_date", label: ctx.t("decision.signed_date"), value: today.iso, type: "date", required: true),
                        H.field(ctx, name: "event_date", label: ctx.t("decision.event_date"), type: "date", hint: ctx.t("decision.event_hint")),
                        H.field(ctx, name: "paid_before", label: ctx.t("decision.paid_before"), type: "month", hint: ctx.t("decision.paid_before_hint")),
                    ] + recipient + [H.field(ctx, name: "note", label: ctx.t("decision.note")), H.button(ctx.t("decision.record"))]))
        }
        return Layout.render(ctx, title: ctx.t("decision.person_title", ["name": name]), content)
    }

    static func decision(_ ctx: PageContext, _ d: DecisionView) -> String {
        var content: [Body] = [
            nav(ctx),
            H.dl([
                (ctx.t("field.full_name"), H.link(d.personName, SiteRoute.personDecisions(d.personID).path)),
                (ctx.t("decision.number"), H.bdi(d.number ?? ctx.t("decision.by_system"))),
                (ctx.t("decision.signed_date"), H.bdi(d.signedDate)),
                (ctx.t("decision.kind"), .text(ctx.t("decision.kind.\(d.kind.rawValue)"))),
                (ctx.t("decision.reason"), .text(ctx.t("decision.reason.\(d.reason)"))),
                (ctx.t("decision.benefit"), .text(benefit(ctx, d.benefit))),
                (ctx.t("decision.effective_month"), H.bdi(d.effectiveMonth.iso)),
                (ctx.t("allowance.amount"), .text(ctx.money(Dong(d.monthlyAmount)))),
                (ctx.t("decision.recipient"), .text(ctx.t("decision.recipient.\(d.recipientKind)") + (d.recipientName.map { ": \($0)" } ?? ""))),
                (ctx.t("decision.channel"), .text(ctx.t("payroll.channel.\(d.channel)"))),
                (ctx.t("decision.rule_set"), H.bdi(d.ruleSet)),
                (ctx.t("decision.note"), .text(d.note ?? "—")),
                (ctx.t("review.recorded_by"), .text(d.decidedBy)),
            ]),
        ]
        if let e = d.evaluation { content.append(evaluation(ctx, e)) }
        content.append(H.link(ctx.t("decision.letter"), SiteRoute.decisionLetter(d.id).path, [("class", "btn btn-primary")]))
        return Layout.render(ctx, title: ctx.t("decision.title", ["number": d.number ?? ctx.t("decision.by_system")]), content)
    }

    /// The notification letter (thông báo) to the person: what was decided, from which month,
    /// how much, and how to complain.
    static func letter(_ ctx: PageContext, _ d: DecisionView) -> String {
        Layout.render(
            ctx, title: ctx.t("letter.title"),
            [
                H.el(
                    .article, [("class", "certificate letter")],
                    [
                        H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                        H.el(.p, [], [.text(ctx.t("letter.from", ["commune": d.communeName]))]),
                        H.el(.p, [], [.text(ctx.t("letter.to", ["name": d.personName, "birth": d.birth, "address": d.address]))]),
                        H.el(
                            .p, [],
                            [
                                .text(
                                    ctx.t(
                                        "letter.kind.\(d.kind.rawValue)",
                                        [
                                            "number": d.number ?? "", "date": LocalDate(iso: d.signedDate).map(ctx.date) ?? d.signedDate,
                                            "benefit": benefit(ctx, d.benefit), "month": d.effectiveMonth.iso, "amount": ctx.money(Dong(d.monthlyAmount)),
                                            "reason": ctx.t("decision.reason.\(d.reason)"),
                                        ]))
                            ]),
                        d.kind == .start || d.kind == .adjust || d.kind == .resume
                            ? H.el(.p, [], [.text(ctx.t("letter.channel", ["channel": ctx.t("payroll.channel.\(d.channel)")]))]) : .empty,
                        H.el(.p, [], [.text(ctx.t("letter.complaint"))]),
                        H.el(.p, [("class", "signature")], [.text(ctx.t("review.cert_signature", ["commune": d.communeName]))]),
                    ])
            ])
    }
}

extension PageContext {
    /// The same context in another language (official papers are always in Vietnamese).
    func with(locale: AppLocale) -> PageContext {
        var c = self
        c.locale = locale
        return c
    }
}
