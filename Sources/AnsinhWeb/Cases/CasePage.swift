import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One case: who, what, how urgent and why, where supported, the plan's goals, and one form per
/// step the viewer may take now (from `CaseLifecycle`), each with the fields it requires.
enum CasePage: Page {
    static var processing: ProcessingKind? { .`case` }
    struct Goal: Sendable, Equatable {
        let goal: String
        let responsible: String
        let dueDate: LocalDate
        /// A referral's outcome, once recorded.
        let result: String?
    }

    struct Entry: Sendable, Equatable {
        let kind: CaseEntryKind
        let on: LocalDate
        let text: String
        let givenBy: String
    }

    /// A file of the case.
    struct Document: Sendable, Equatable {
        let id: UUID
        let title: String
        let fileName: String
        let size: Int
        let uploadedBy: String
    }

    /// A hotline contact linked to the case.
    struct Contact: Sendable, Equatable {
        let id: UUID
        let at: Date
        let topic: String?
        let subtopic: String?
        let summary: String?
    }

    struct Model: Sendable {
        let id: UUID
        let number: String
        let unitName: String
        let personName: String
        let kind: CaseKind
        let source: CaseSource
        let status: CaseLifecycle.State
        let riskLevel: RiskLevel
        let riskReason: String
        let receivedAt: Date
        let placement: Placement
        let shelterFrom: String?
        let shelterUntil: String?
        let assessment: String?
        let closureReason: String?
        let outcome: String?
        let closureRequestedBy: String?
        let returnedReason: String?
        let worker: String
        let goals: [Goal]
        /// The timeline: notes and services given, newest first.
        let entries: [Entry]
        /// Whether the viewer may add to the case — timeline entries, tasks, files (a case not closed).
        let canAddEntry: Bool
        let actions: [CaseLifecycle.Transition]
        /// Consents, referrals and the shared file.
        let sharing: CaseSharingSection.Model
        /// The hotline contacts about the case (linked to the contact's page for who answers it).
        let contacts: [Contact]
        let canSeeContacts: Bool
        /// Who the case may be handed to, for a viewer who may hand it over (empty otherwise).
        let workers: [(username: String, name: String)]
        let tasks: [TaskParts.Task]
        /// The case's files; downloadable by a viewer who sees the child-protection class.
        let documents: [Document]
        let canDownload: Bool
        /// Whom a task may be given to.
        let taskWorkers: [(username: String, name: String)]
        let today: LocalDate
        let zone: TimeZone
        /// Retention: anonymised when, kept under legal hold why, and whether the viewer may hold.
        var anonymisedAt: Date? = nil
        var legalHold: String? = nil
        var canHold = false
        /// The ward's request the case was opened from (id, tracking code).
        var fromRequest: (id: UUID, code: String)? = nil
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = CaseRepository(req.store)
        let c = try await repo.get(actor, id: try req.idParameter())
        let canWork = actor.role.can(.manageCases) && c.status != .closed
        // The workers of the case's unit: whom a task may be given to, and (for a manager) whom
        // the case may be handed to.
        let unitWorkers = canWork ? try await repo.workers(actor, caseID: c.id).map { (username: $0.username, name: $0.fullName) } : []
        return Model(
            id: c.id, number: c.number, unitName: c.unitName, personName: c.personName, kind: c.kind, source: c.source, status: c.status,
            riskLevel: c.riskLevel, riskReason: c.riskReason, receivedAt: c.receivedAt, placement: c.placement, shelterFrom: c.shelterFrom,
            shelterUntil: c.shelterUntil, assessment: c.assessment, closureReason: c.closureReason, outcome: c.outcome,
            closureRequestedBy: c.closureRequestedBy, returnedReason: c.returnedReason, worker: c.worker,
            goals: c.goals.map { Goal(goal: $0.goal, responsible: $0.responsible, dueDate: $0.dueDate, result: $0.result) },
            entries: try await repo.entries(actor, caseID: c.id).map {
                Entry(kind: $0.kind, on: $0.on, text: $0.text, givenBy: $0.givenBy)
            },
            canAddEntry: canWork, actions: CaseLifecycle.available(from: c.status, role: actor.role),
            sharing: try await CaseSharingSection.model(for: req, caseID: c.id, closed: c.status == .closed),
            contacts: try await HotlineRepository(req.store).contacts(actor, caseID: c.id).map {
                Contact(id: $0.id, at: $0.at, topic: $0.topic, subtopic: $0.subtopic, summary: $0.summary)
            }, canSeeContacts: actor.role.can(.answerHotline),
            workers: actor.role.can(.assignCases) ? unitWorkers.filter { $0.username != c.worker } : [],
            tasks: try await repo.tasks(actor, caseID: c.id).map(TaskParts.task),
            documents: try await repo.documents(actor, caseID: c.id).map {
                Document(id: $0.id, title: $0.title, fileName: $0.fileName, size: $0.size, uploadedBy: $0.uploadedBy)
            }, canDownload: actor.role.canView(.childProtection),
            taskWorkers: unitWorkers, today: req.today,
            zone: req.services.config.timeZone, anonymisedAt: c.anonymisedAt, legalHold: c.legalHold, canHold: actor.role.can(.manageCases),
            fromRequest: try await repo.request(ofCase: c.id))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("case.title", ["number": m.number]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            CaseParts.nav(ctx),
            H.el(
                .ol, [("class", "steps")],
                CaseLifecycle.State.allCases.map { s in
                    H.el(
                        .li, [("class", s == m.status ? "current" : nil), ("aria-current", s == m.status ? "step" : nil)],
                        [.text(ctx.t("case.status.\(s.rawValue)"))])
                }),
            H.dl([
                (ctx.t("field.full_name"), .text(m.personName)),
                (ctx.t("case.unit"), .text(m.unitName)),
                (ctx.t("case.kind"), .text(ctx.t("case.kind.\(m.kind.rawValue)"))),
                (
                    ctx.t("case.source"),
                    .group(
                        [.text(ctx.t("case.source.\(m.source.rawValue)"))]
                            + (m.fromRequest.map { [.text(" — "), H.link(ctx.t("case.from_request", ["code": $0.code]), SiteRoute.wardRequest($0.id).path)] }
                                ?? []))
                ),
                (ctx.t("case.received_at"), .text(ctx.timestamp(m.receivedAt, zone: m.zone))),
                (ctx.t("case.risk_level"), CaseParts.risk(ctx, m.riskLevel)),
                (ctx.t("case.risk_reason"), .text(m.riskReason)),
                (
                    ctx.t("case.placement"),
                    .text(
                        ctx.t("case.placement.\(m.placement.rawValue)")
                            + (m.shelterFrom.map { " — " + ctx.t("case.shelter_dates", ["from": $0, "until": m.shelterUntil ?? "…"]) } ?? ""))
                ),
                (ctx.t("case.assessment"), .text(m.assessment ?? "—")),
                (ctx.t("case.worker"), .text(m.worker)),
                (ctx.t("field.state"), .text(ctx.t("case.status.\(m.status.rawValue)"))),
            ]),
            m.closureReason.map { r in
                H.el(
                    .p, [("class", "flash flash-info")],
                    [.text(ctx.t("case.closure_summary", ["reason": r, "outcome": m.outcome ?? "—", "user": m.closureRequestedBy ?? "—"]))])
            } ?? .empty,
            m.returnedReason.map { H.el(.p, [("class", "flash flash-error")], [.text(ctx.t("case.returned", ["reason": $0]))]) } ?? .empty,
            H.el(.h2, [], [.text(ctx.t("case.goals"))]),
            H.table(
                caption: ctx.t("case.goals"), headers: [ctx.t("case.goal"), ctx.t("case.responsible"), ctx.t("case.due_date")],
                rows: m.goals.map { g in
                    [
                        .text(g.goal + (g.result.map { " — " + ctx.t("referral.status.\($0)") } ?? "")), .text(g.responsible),
                        .text(ctx.date(g.dueDate)),
                    ]
                }, empty: ctx.t("case.no_goals")),
            H.el(.h2, [], [.text(ctx.t("case.timeline"))]),
            H.table(
                caption: ctx.t("case.timeline"), headers: [ctx.t("field.date"), ctx.t("case.entry_kind"), ctx.t("case.entry_text"), ctx.t("case.given_by")],
                rows: m.entries.map { e in
                    [.text(ctx.date(e.on)), .text(ctx.t("case.entry.\(e.kind.rawValue)")), .text(e.text), .text(e.givenBy)]
                }, empty: ctx.t("case.no_entries")),
            m.canAddEntry ? entryForm(ctx, m) : .empty,
        ] + CaseSharingSection.body(ctx, m.sharing) + taskList(ctx, m) + documentList(ctx, m) + [
            contactList(ctx, m), m.workers.isEmpty ? .empty : transferForm(ctx, m),
        ]
            + m.actions.map { step(ctx, m, $0) } + [retention(ctx, m)]
    }

    /// Retention (privacy.json `retention.case`): a closed case is anonymised its years after
    /// closing; a legal hold keeps it whole.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        let years = "\(RetentionRepository.caseRule.years)"
        return RetentionSection.render(
            ctx, anonymisedAt: m.anonymisedAt, anonymisedKey: "retention.case_anonymised", legalHold: m.legalHold,
            pending: ctx.t(m.status == .closed ? "retention.case_due_after" : "retention.case_open", ["years": years]), canHold: m.canHold,
            action: SiteRoute.caseHold(m.id).path, zone: m.zone)
    }

    /// The form of one step, with the fields `CaseLifecycle` requires for it.
    static func step(_ ctx: PageContext, _ m: Model, _ t: CaseLifecycle.Transition) -> Body {
        var fields: [Body] = [H.hidden("transition", t.rawValue)]
        switch t {
        case .assess:
            fields += [
                H.select(
                    ctx, name: "risk_level", label: ctx.t("case.risk_level"),
                    options: RiskLevel.allCases.map { ($0.rawValue, ctx.t("case.risk.\($0.rawValue)")) },
                    selected: m.riskLevel.rawValue),
                H.field(ctx, name: "risk_reason", label: ctx.t("case.risk_reason"), value: m.riskReason),
                H.field(ctx, name: "assessment", label: ctx.t("case.assessment"), required: true),
            ]
        case .plan:
            fields += [
                H.field(ctx, name: "goal", label: ctx.t("case.goal"), required: true),
                H.field(ctx, name: "responsible", label: ctx.t("case.responsible"), required: true),
                H.field(ctx, name: "due_date", label: ctx.t("case.due_date"), value: m.today.adding(days: 30).iso, type: "date", required: true),
            ]
        case .requestClosure:
            fields += [
                H.field(ctx, name: "closure_reason", label: ctx.t("case.closure_reason"), required: true),
                H.field(ctx, name: "outcome", label: ctx.t("case.outcome"), required: true),
            ]
        case .returnClosure, .reopen:
            fields.append(H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true))
        case .intervene, .followUp, .approveClosure:
            break
        }
        return H.form(
            ctx, action: SiteRoute.caseStep(m.id).path, classes: "card",
            [H.el(.h2, [], [.text(ctx.t("case.step.\(t.rawValue)"))])] + fields + [
                H.button(ctx.t("case.step.\(t.rawValue)"), kind: t == .returnClosure ? "secondary" : "primary")
            ])
    }

    /// A note or a service given, dated, with who gave it.
    static func entryForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .details, [("class", "card")],
            [
                H.el(.summary, [], [.text(ctx.t("case.add_entry"))]),
                H.form(
                    ctx, action: SiteRoute.caseEntries(m.id).path,
                    [
                        H.select(
                            ctx, name: "kind", label: ctx.t("case.entry_kind"),
                            options: CaseEntryKind.recorded.map { ($0.rawValue, ctx.t("case.entry.\($0.rawValue)")) }, selected: CaseEntryKind.note.rawValue),
                        H.field(ctx, name: "on", label: ctx.t("field.date"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "text", label: ctx.t("case.entry_text"), required: true),
                        H.field(ctx, name: "given_by", label: ctx.t("case.given_by"), hint: ctx.t("case.given_by_hint")),
                        H.button(ctx.t("common.save"), kind: "secondary"),
                    ]),
            ])
    }

    /// The case's tasks (open first) and the form adding one.
    static func taskList(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.h2, [], [.text(ctx.t("task.title"))]),
            H.table(
                caption: ctx.t("task.title"), headers: TaskParts.headers(ctx), rows: m.tasks.map { TaskParts.row(ctx, $0, canClose: m.canAddEntry) },
                empty: ctx.t("task.none")),
            m.canAddEntry ? TaskParts.addForm(ctx, action: SiteRoute.caseTasks(m.id).path, callback: false, today: m.today, workers: m.taskWorkers) : .empty,
        ]
    }

    /// The case's files and the form adding one (a PDF, JPEG or PNG of at most 10 MB).
    static func documentList(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.h2, [], [.text(ctx.t("case.documents"))]),
            H.table(
                caption: ctx.t("case.documents"), headers: [ctx.t("case.document_title"), ctx.t("case.document_file"), ctx.t("case.given_by")],
                rows: m.documents.map { d in
                    [
                        m.canDownload ? H.link(d.title, SiteRoute.caseDocument(d.id).path) : .text(d.title),
                        .text(d.fileName + " (" + ctx.number((d.size + 1023) / 1024) + " KB)"), .text(d.uploadedBy),
                    ]
                }, empty: ctx.t("case.no_documents")),
            m.canAddEntry
                ? H.el(
                    .form,
                    [("method", "post"), ("action", SiteRoute.caseDocuments(m.id).path), ("enctype", "multipart/form-data"), ("class", "card")],
                    [
                        H.hidden("_csrf", ctx.csrf),
                        H.field(ctx, name: "title", label: ctx.t("case.document_title"), id: "document-title"),
                        H.el(
                            .div, [("class", "field")],
                            [
                                H.el(.label, [("for", "document-file")], [.text(ctx.t("case.document_file"))]),
                                H.el(.p, [("class", "hint"), ("id", "document-file-hint")], [.text(ctx.t("case.document_hint"))]),
                                .selfClosedElement(
                                    named: "input",
                                    attributes: [
                                        H.attr("type", "file"), H.attr("id", "document-file"), H.attr("name", "file"),
                                        H.attr("accept", ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"),
                                        H.attr("aria-describedby", "document-file-hint"), H.attr("required", nil, keepEmpty: true),
                                    ]),
                            ]),
                        H.button(ctx.t("case.document_add"), kind: "secondary"),
                    ]) : .empty,
        ]
    }

    /// The hotline contacts about the case, newest first.
    static func contactList(_ ctx: PageContext, _ m: Model) -> Body {
        guard !m.contacts.isEmpty else { return .empty }
        return H.el(
            .section, [],
            [
                H.el(.h2, [], [.text(ctx.t("case.contacts"))]),
                H.table(
                    caption: ctx.t("case.contacts"), headers: [ctx.t("hotline.at"), ctx.t("hotline.topic"), ctx.t("hotline.summary")],
                    rows: m.contacts.map { c in
                        let at = ctx.timestamp(c.at, zone: m.zone)
                        return [
                            m.canSeeContacts ? H.link(at, SiteRoute.hotlineContact(c.id).path) : .text(at), .text(HotlineParts.topic(ctx, c.topic, c.subtopic)),
                            .text(c.summary ?? "—"),
                        ]
                    }, empty: ctx.t("hotline.none")),
            ])
    }

    /// A centre manager hands the case to another worker of its unit, with the reason.
    static func transferForm(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .details, [("class", "card")],
            [
                H.el(.summary, [], [.text(ctx.t("case.transfer"))]),
                H.form(
                    ctx, action: SiteRoute.caseWorker(m.id).path,
                    [
                        H.select(
                            ctx, name: "worker", label: ctx.t("case.transfer_to"), options: m.workers.map { ($0.username, $0.name + " (" + $0.username + ")") },
                            selected: nil),
                        H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "transfer-reason"),
                        H.button(ctx.t("case.transfer"), kind: "secondary"),
                    ]),
            ])
    }
}
