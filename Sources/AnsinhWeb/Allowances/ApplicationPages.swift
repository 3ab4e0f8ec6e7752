import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The applications received (filtered by state).
enum ApplicationsPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let personName: String
        let benefit: Benefit
        let formType: String
        let receivedDate: String
        let status: ApplicationStatus
        /// The monthly amount evaluated at review (nil before).
        let amount: Int64?
        let decisionDue: LocalDate?
        let overdue: Bool
    }

    struct Model: Sendable {
        let rows: [Row]
        let status: ApplicationStatus?
        let paging: Paging
        /// The viewer may take over the paper list (`LedgerLifecycle` start).
        let canTakeOver: Bool
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let status = req.query[String.self, at: "status"].flatMap(ApplicationStatus.init(rawValue:))
        let page = try await DecisionRepository(req.store).applications(actor, status: status, page: req.pageSpec)
        return Model(
            rows: page.items.map { a in
                Row(
                    id: a.id, personName: a.personName, benefit: a.benefit, formType: a.formType, receivedDate: a.receivedDate, status: a.status,
                    amount: a.evaluation?.amount, decisionDue: a.decisionDue, overdue: a.overdue)
            }, status: status, paging: Paging(page), canTakeOver: actor.role.can(.decideAllowances))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("decision.applications") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            AllowanceParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("decision.applications_intro"))]),
            m.canTakeOver ? H.el(.p, [], [H.link(ctx.t("take_over.title"), SiteRoute.takeOver.path, [("class", "btn btn-secondary")])]) : .empty,
            H.form(
                ctx, action: SiteRoute.applications.path, method: "get", classes: "inline",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: ApplicationStatus.allCases.map { ($0.rawValue, ctx.t("decision.status.\($0.rawValue)")) }, selected: m.status?.rawValue,
                        errors: [], includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("decision.applications"),
                headers: [
                    ctx.t("field.full_name"), ctx.t("decision.benefit"), ctx.t("decision.form_type"), ctx.t("decision.received_date"), ctx.t("field.state"),
                    ctx.t("allowance.amount"), ctx.t("decision.due"),
                ],
                rows: m.rows.map { a in
                    [
                        H.link(a.personName, SiteRoute.application(a.id).path), .text(AllowanceParts.benefit(ctx, a.benefit)), H.bdi(a.formType),
                        H.bdi(a.receivedDate), .text(ctx.t("decision.status.\(a.status.rawValue)")), .text(a.amount.map { ctx.money(Dong($0)) } ?? "—"),
                        AllowanceParts.due(ctx, a.decisionDue, overdue: a.overdue),
                    ]
                }, empty: ctx.t("decision.no_applications")),
            H.pager(ctx, m.paging) { SiteRoute.applications.path(query: [("page", String($0))] + (m.status.map { [("status", $0.rawValue)] } ?? [])) },
        ]
    }
}

/// One application: what was received, its evaluation, and the forms of the steps the viewer
/// may take now (from `ApplicationLifecycle`): review, post, sign the decision, refuse.
enum ApplicationPage: Page {
    static var processing: ProcessingKind? { .allowance }
    struct Model: Sendable {
        let id: UUID
        let personID: UUID
        let personName: String
        let birth: String
        let benefit: Benefit
        let formType: String
        let receivedDate: String
        let documents: [String]
        let status: ApplicationStatus
        let recipientKind: String
        let recipientName: String?
        let channel: String
        let account: String?
        let evaluation: AllowanceParts.Evaluation?
        let requiresPosting: Bool
        let postingStart: String?
        let postingEnd: String?
        let objections: String?
        let refusalReason: String?
        let decisionID: UUID?
        let decisionDue: LocalDate?
        let overdue: Bool
        /// The steps the viewer may take from the application's state.
        let actions: [ApplicationLifecycle.Transition]
        let today: LocalDate
        /// Of the facts the form asks, those the review found not recorded (nil before the review).
        var missingFacts: [String]? = nil
        /// The latest check of the person against the population database (Decree 147/2025).
        var identity: IdentityCheck? = nil
        /// Retention (privacy.json `retention.allowance`): when it was anonymised, the legal
        /// hold that keeps a refused application whole, and whether the viewer may set it.
        var anonymisedAt: Date? = nil
        var legalHold: String? = nil
        var canHold = false
        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let a = try await DecisionRepository(req.store).applicationView(actor, try req.idParameter())
        return Model(
            id: a.id, personID: a.personID, personName: a.personName, birth: a.birth, benefit: a.benefit, formType: a.formType,
            receivedDate: a.receivedDate, documents: a.documents, status: a.status, recipientKind: a.recipientKind, recipientName: a.recipientName,
            channel: a.channel, account: a.account, evaluation: a.evaluation.map(AllowanceParts.Evaluation.init), requiresPosting: a.requiresPosting,
            postingStart: a.postingStart, postingEnd: a.postingEnd, objections: a.objections, refusalReason: a.refusalReason, decisionID: a.decisionID,
            decisionDue: a.decisionDue, overdue: a.overdue,
            actions: ApplicationLifecycle.available(from: a.status, role: actor.role), today: req.today,
            missingFacts: a.evaluation.map { ApplicationForm(rawValue: a.formType)?.missing($0.missingFacts ?? []) ?? [] },
            identity: try await IdentityVerificationRepository(req.store).history(actor, personID: a.personID).first,
            anonymisedAt: a.anonymisedAt, legalHold: a.legalHold, canHold: actor.role.can(AllowanceApplicationModel.holdPermission),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("decision.application_title", ["name": m.personName]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            AllowanceParts.nav(ctx),
            H.dl([
                (ctx.t("field.full_name"), H.link(m.personName, SiteRoute.personDecisions(m.personID).path)),
                (ctx.t("field.birth"), H.bdi(m.birth)),
                (ctx.t("decision.benefit"), .text(AllowanceParts.benefit(ctx, m.benefit))),
                (ctx.t("decision.form_type"), H.bdi(m.formType)),
                (ctx.t("decision.received_date"), H.bdi(m.receivedDate)),
                (ctx.t("decision.documents"), .text(m.documents.map { ctx.t("decision.document.\($0)") }.joined(separator: ", "))),
                (ctx.t("decision.recipient"), .text(ctx.t("decision.recipient.\(m.recipientKind)") + (m.recipientName.map { ": \($0)" } ?? ""))),
                (ctx.t("decision.channel"), .text(ctx.t("payroll.channel.\(m.channel)") + (m.account.map { " \($0)" } ?? ""))),
                (ctx.t("field.state"), .text(ctx.t("decision.status.\(m.status.rawValue)"))),
                (
                    ctx.t("decision.posting"),
                    .text(m.requiresPosting ? (m.postingStart.map { "\($0) → \(m.postingEnd ?? "")" } ?? "—") : ctx.t("decision.no_posting"))
                ),
                (ctx.t("decision.objections"), .text(m.objections ?? "—")),
                (ctx.t("decision.due"), AllowanceParts.due(ctx, m.decisionDue, overdue: m.overdue)),
                (
                    ctx.t("registry.identity"),
                    H.link(
                        m.identity.map { ctx.t("registry.identity.\($0.status.rawValue)") + " — " + ctx.date($0.checkedOn) }
                            ?? ctx.t("registry.identity.not_verified"), SiteRoute.person(m.personID).path)
                ),
            ]),
        ]
        if let r = m.refusalReason { content.append(H.el(.p, [("class", "flash flash-error")], [.text(ctx.t("decision.refusal", ["reason": r]))])) }
        if let e = m.evaluation { content.append(AllowanceParts.evaluation(ctx, e)) }
        content.append(formFacts(ctx, m))
        content += steps(ctx, m)
        if let d = m.decisionID { content.append(H.link(ctx.t("decision.view"), SiteRoute.decision(d).path, [("class", "btn btn-primary")])) }
        content.append(retention(ctx, m))
        return content
    }

    /// A refused application is anonymised its years after the refusal; a decided one with its
    /// file (the decision's page holds it). Nothing to say of an application still open.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        guard m.status == .refused || m.anonymisedAt != nil else { return .empty }
        return RetentionSection.render(
            ctx, anonymisedAt: m.anonymisedAt, anonymisedKey: "retention.application_anonymised", legalHold: m.legalHold,
            pending: ctx.t("retention.application_due_after", ["years": "\(RetentionRepository.allowanceRule.years)"]),
            canHold: m.canHold && m.status == .refused, action: SiteRoute.applicationHold(m.id).path, zone: m.zone)
    }

    /// The facts the application's form asks, and whether the review found each recorded
    /// (`ApplicationForm.asks`); a link to the person's circumstances to record what is missing.
    static func formFacts(_ ctx: PageContext, _ m: Model) -> Body {
        let asks = ApplicationForm(rawValue: m.formType)?.asks ?? []
        return H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-form-facts")],
            [
                H.el(.h2, [("id", "h-form-facts")], [.text(ctx.t("decision.form_facts", ["form": m.formType]))]),
                asks.isEmpty
                    ? H.el(.p, [], [.text(ctx.t("decision.form_facts_none"))])
                    : H.dl(
                        asks.map { name in
                            let state: String
                            if let missing = m.missingFacts {
                                state = missing.contains(name) ? ctx.t("decision.fact_missing") : ctx.t("decision.fact_recorded")
                            } else {
                                state = ctx.t("decision.fact_at_review")
                            }
                            return (ctx.t("field.\(name)"), .text(state))
                        }),
                H.el(.p, [("class", "hint")], [.text(ctx.t("decision.form_facts_hint"))]),
                H.link(ctx.t("facts.link"), SiteRoute.personFacts(m.personID).path, [("class", "btn btn-secondary")]),
            ])
    }

    /// One form per step the viewer may take; posting only where the benefit must be posted.
    static func steps(_ ctx: PageContext, _ m: Model) -> [Body] {
        // Signing comes before refusing on the page, as on the paper file.
        let order: [ApplicationLifecycle.Transition] = [.review, .post, .decide, .refuse]
        return order.filter(m.actions.contains).compactMap { step -> Body? in
            switch step {
            case .review:
                return H.form(
                    ctx, action: SiteRoute.applicationReview(m.id).path, classes: "card",
                    [H.el(.p, [("class", "hint")], [.text(ctx.t("decision.review_hint"))]), H.button(ctx.t("decision.review"))])
            case .post:
                guard m.requiresPosting else { return nil }
                return H.form(
                    ctx, action: SiteRoute.applicationPost(m.id).path, classes: "card",
                    [
                        H.field(
                            ctx, name: "posting_start", label: ctx.t("decision.posting_start"), value: m.postingStart ?? m.today.iso, type: "date",
                            required: true, hint: ctx.t("decision.posting_hint")),
                        H.field(ctx, name: "objections", label: ctx.t("decision.objections"), value: m.objections ?? ""),
                        H.button(ctx.t("decision.post"), kind: "secondary"),
                    ])
            case .decide:
                return H.form(
                    ctx, action: SiteRoute.applicationDecide(m.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("decision.sign"))]),
                        H.field(ctx, name: "number", label: ctx.t("decision.number"), required: true, hint: "123/QĐ-UBND"),
                        H.field(ctx, name: "signed_date", label: ctx.t("decision.signed_date"), value: m.today.iso, type: "date", required: true),
                        H.button(ctx.t("decision.sign")),
                    ])
            case .refuse:
                return H.form(
                    ctx, action: SiteRoute.applicationRefuse(m.id).path, classes: "card",
                    [
                        H.field(ctx, name: "refusal_reason", label: ctx.t("decision.refusal_reason"), required: true),
                        H.button(ctx.t("decision.refuse"), kind: "danger"),
                    ])
            }
        }
    }
}
