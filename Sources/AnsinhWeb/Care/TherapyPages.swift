import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The therapy programme: the waiting list, the children in treatment, the enrolment form.
enum TherapyPage: Page {
    struct Row: Sendable, Equatable { let id: UUID; let fullName: String; let birthDate: LocalDate; let enrolledOn: LocalDate }
    struct Model: Sendable {
        let waiting: [Row]
        let inTreatment: [Row]
        let inTreatmentTotal: Int
        let canEnrol: Bool
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = TherapyRepository(req.store)
        let map = { (r: EnrolmentRow) in Row(id: r.id, fullName: r.fullName, birthDate: r.birthDate, enrolledOn: r.enrolledOn) }
        let waiting = try await repo.enrolments(actor, status: .waiting, page: PageSpec(page: 1, perPage: 200))
        let treated = try await repo.enrolments(actor, status: .inTreatment, page: PageSpec(page: 1, perPage: 200))
        return Model(
            waiting: waiting.items.map(map), inTreatment: treated.items.map(map), inTreatmentTotal: treated.total, canEnrol: actor.role.can(.manageCare),
            today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("therapy.title") }

    static func table(_ ctx: PageContext, _ caption: String, _ rows: [Row], empty: String) -> Body {
        H.table(
            caption: caption, headers: [ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("therapy.enrolled_on")],
            rows: rows.map { [H.link($0.fullName, SiteRoute.careEnrolment($0.id).path), .text(ctx.date($0.birthDate)), .text(ctx.date($0.enrolledOn))] },
            empty: empty)
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            CareParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("therapy.intro"))]),
            H.dl([(ctx.t("therapy.in_treatment"), .text(ctx.number(m.inTreatmentTotal))), (ctx.t("therapy.waiting"), .text(ctx.number(m.waiting.count)))]),
            H.el(.h2, [], [.text(ctx.t("therapy.waiting"))]),
            table(ctx, ctx.t("therapy.waiting"), m.waiting, empty: ctx.t("therapy.none_waiting")),
            H.el(.h2, [], [.text(ctx.t("therapy.in_treatment"))]),
            table(ctx, ctx.t("therapy.in_treatment"), m.inTreatment, empty: ctx.t("therapy.none")),
        ]
        if m.canEnrol {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careTherapy.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("therapy.enrol"))]),
                        H.field(ctx, name: "full_name", label: ctx.t("field.full_name"), required: true),
                        H.select(ctx, name: "gender", label: ctx.t("field.gender"), options: CareParts.genders(ctx), selected: nil),
                        H.field(ctx, name: "birth_date", label: ctx.t("field.birth"), type: "date", required: true),
                        H.field(ctx, name: "referral", label: ctx.t("therapy.referral"), required: true),
                        H.field(ctx, name: "diagnosis", label: ctx.t("therapy.diagnosis"), required: true),
                        H.field(ctx, name: "enrolled_on", label: ctx.t("therapy.enrolled_on"), value: m.today.iso, type: "date", required: true),
                        H.button(ctx.t("therapy.enrol")),
                    ]))
        }
        return content
    }
}

/// One child of the programme: referral, state, the measures and the progress picture
/// (baseline → latest per domain), the sessions attended, and the steps the viewer may take.
enum EnrolmentPage: Page {
    static var processing: ProcessingKind? { .therapy }
    struct Measure: Sendable, Equatable { let domain: TherapyDomain; let instrument: String; let day: LocalDate; let score: Int; let note: String? }
    struct Session: Sendable, Equatable { let day: LocalDate; let kind: SessionKind; let title: String; let note: String? }
    struct Model: Sendable {
        let id: UUID
        let fullName: String
        let birthDate: LocalDate
        let status: TherapyLifecycle.State
        let referral: String
        let enrolledOn: LocalDate
        let startedOn: LocalDate?
        let dischargedOn: LocalDate?
        let outcome: String?
        let diagnosis: String?
        let measures: [Measure]?
        let progress: [DomainProgress]?
        let sessions: [Session]
        let actions: Set<TherapyLifecycle.Transition>
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let e = try await TherapyRepository(req.store).enrolment(actor, id: try req.idParameter())
        return Model(
            id: e.row.id, fullName: e.row.fullName, birthDate: e.row.birthDate, status: e.row.status, referral: e.referral, enrolledOn: e.row.enrolledOn,
            startedOn: e.startedOn, dischargedOn: e.dischargedOn, outcome: e.outcome, diagnosis: e.diagnosis,
            measures: e.measures?.map { Measure(domain: $0.domain, instrument: $0.instrument, day: $0.day, score: $0.score, note: $0.note) },
            progress: e.progress, sessions: e.sessions.map { Session(day: $0.day, kind: $0.kind, title: $0.title, note: $0.note) },
            actions: Set(TherapyLifecycle.available(from: e.row.status, role: actor.role)), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.fullName }

    /// Two bars per domain, baseline (grey) and latest (dark), on one scale; the table beside it
    /// says the same in words.
    static func chart(_ ctx: PageContext, _ progress: [DomainProgress]) -> Body {
        let top = max(1, progress.map { max($0.baseline, $0.latest) }.max() ?? 1)
        let label = progress.map { p -> String in
            let domain = ctx.t("therapy.domain." + p.domain.rawValue)
            return domain + ": \(p.baseline) → \(p.latest)"
        }.joined(separator: "; ")
        var bars: [Body] = []
        for (i, p) in progress.enumerated() {
            let y = i * 30
            bars.append(H.el(.rect, [("x", "0"), ("y", "\(y)"), ("width", "\(p.baseline * 300 / top)"), ("height", "10"), ("fill", "#9aa5b1")]))
            bars.append(H.el(.rect, [("x", "0"), ("y", "\(y + 12)"), ("width", "\(p.latest * 300 / top)"), ("height", "10"), ("fill", "#1f4e79")]))
        }
        return H.el(
            .svg,
            [
                ("role", "img"), ("aria-label", ctx.t("therapy.chart_label", ["values": label])), ("viewBox", "0 0 300 \(max(30, progress.count * 30))"),
                ("width", "300"), ("height", "\(max(30, progress.count * 30))"), ("class", "chart"),
            ], bars)
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            CareParts.nav(ctx),
            H.dl(
                [
                    (ctx.t("field.state"), .text(ctx.t("therapy.status.\(m.status.rawValue)"))), (ctx.t("field.birth"), .text(ctx.date(m.birthDate))),
                    (ctx.t("therapy.referral"), .text(m.referral)), (ctx.t("therapy.enrolled_on"), .text(ctx.date(m.enrolledOn))),
                    (ctx.t("therapy.started_on"), .text(m.startedOn.map(ctx.date) ?? "—")),
                ] + (m.diagnosis.map { [(ctx.t("therapy.diagnosis"), .text($0))] } ?? [])
                    + (m.dischargedOn.map { [(ctx.t("therapy.discharged_on"), .text(ctx.date($0) + (m.outcome.map { " — " + $0 } ?? "")))] } ?? [])),
        ]
        if m.actions.contains(.start) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careEnrolmentStart(m.id).path, classes: "inline",
                    [
                        H.field(ctx, name: "started_on", label: ctx.t("therapy.started_on"), value: m.today.iso, type: "date", required: true),
                        H.button(ctx.t("therapy.start")),
                    ]))
        }
        if let progress = m.progress {
            content.append(H.el(.h2, [], [.text(ctx.t("therapy.progress"))]))
            if !progress.isEmpty { content.append(chart(ctx, progress)) }
            content.append(
                H.table(
                    caption: ctx.t("therapy.progress"),
                    headers: [
                        ctx.t("therapy.domain"), ctx.t("therapy.instrument"), ctx.t("therapy.baseline"), ctx.t("therapy.latest"), ctx.t("therapy.measures"),
                    ],
                    rows: progress.map {
                        [
                            .text(ctx.t("therapy.domain.\($0.domain.rawValue)")), .text($0.instrument), .text("\($0.baseline)"), .text("\($0.latest)"),
                            .text("\($0.measures)"),
                        ]
                    }, empty: ctx.t("therapy.no_measures")))
        }
        if m.actions.contains(.measure) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careEnrolmentMeasures(m.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("therapy.add_measure"))]),
                        H.select(
                            ctx, name: "domain", label: ctx.t("therapy.domain"),
                            options: TherapyDomain.allCases.map { ($0.rawValue, ctx.t("therapy.domain.\($0.rawValue)")) }, selected: nil),
                        H.field(ctx, name: "instrument", label: ctx.t("therapy.instrument"), required: true, hint: ctx.t("therapy.instrument_hint")),
                        H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "score", label: ctx.t("therapy.score"), type: "number", required: true),
                        H.field(ctx, name: "note", label: ctx.t("care.note")),
                        H.button(ctx.t("common.save")),
                    ]))
        }
        content += CareParts.sessions(ctx, m.sessions)
        if m.actions.contains(.discharge) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careEnrolmentDischarge(m.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("therapy.discharge"))]),
                        H.field(ctx, name: "outcome", label: ctx.t("therapy.outcome"), required: true),
                        H.field(ctx, name: "discharged_on", label: ctx.t("therapy.discharged_on"), value: m.today.iso, type: "date", required: true),
                        H.button(ctx.t("therapy.discharge"), kind: "secondary"),
                    ]))
        }
        return content
    }
}

/// The sessions of a month, counted once each by kind, and the form to record one with its
/// participants (residents in care and children in treatment).
enum SessionsPage: Page {
    struct Row: Sendable, Equatable { let day: LocalDate; let kind: SessionKind; let title: String; let ledBy: String; let participants: Int }
    struct Person: Sendable, Equatable { let id: UUID; let name: String }
    struct Model: Sendable {
        let month: YearMonth
        let rows: [Row]
        let residents: [Person]
        let children: [Person]
        let canRecord: Bool
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let monthText = req.query[String.self, at: "month"]
        guard let month = monthText.map({ YearMonth(iso: $0) }) ?? req.today.yearMonth else { throw AppError.invalid("month", "validation.date") }
        let rows = try await CareRepository(req.store).sessions(actor, from: month.firstDay, to: month.lastDay).map {
            Row(day: $0.day, kind: $0.kind, title: $0.title, ledBy: $0.ledBy, participants: $0.participants)
        }
        let canRecord = actor.role.can(.manageCare)
        var residents: [Person] = [], children: [Person] = []
        if canRecord {
            residents = try await CareRepository(req.store).residents(actor, status: .inCare, query: nil, page: PageSpec(page: 1, perPage: 200)).items
                .map { Person(id: $0.id, name: $0.fullName) }
            children = try await TherapyRepository(req.store).enrolments(actor, status: .inTreatment, page: PageSpec(page: 1, perPage: 200)).items
                .map { Person(id: $0.id, name: $0.fullName) }
        }
        return Model(month: month, rows: rows, residents: residents, children: children, canRecord: canRecord, today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("session.title_page") }

    static func boxes(_ ctx: PageContext, name: String, legend: String, _ people: [Person]) -> Body {
        H.el(
            .fieldset, [("class", "choices")],
            [H.el(.legend, [], [.text(legend)])]
                + people.map { p in
                    H.el(
                        .div, [("class", "field checkbox")],
                        [
                            H.el(.input, [("type", "checkbox"), ("id", "f-\(name)-\(p.id.uuidString)"), ("name", name + "[]"), ("value", p.id.uuidString)]),
                            H.el(.label, [("for", "f-\(name)-\(p.id.uuidString)")], [.text(p.name)]),
                        ])
                })
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var counts: [SessionKind: Int] = [:]
        for r in m.rows { counts[r.kind, default: 0] += 1 }
        var content: [Body] = [
            CareParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.careSessions.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "month", label: ctx.t("field.month"), value: m.month.iso, type: "month"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.dl(SessionKind.allCases.filter { counts[$0] != nil }.map { (ctx.t("session.kind.\($0.rawValue)"), .text(ctx.number(counts[$0]!))) }),
            H.table(
                caption: ctx.t("session.title_page"),
                headers: [ctx.t("care.day"), ctx.t("session.kind"), ctx.t("session.title"), ctx.t("session.led_by"), ctx.t("session.participants")],
                rows: m.rows.map {
                    [
                        .text(ctx.date($0.day)), .text(ctx.t("session.kind.\($0.kind.rawValue)")), .text($0.title), .text($0.ledBy),
                        .text(ctx.number($0.participants)),
                    ]
                }, empty: ctx.t("session.none")),
        ]
        if m.canRecord {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careSessions.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("session.record"))]),
                        H.select(
                            ctx, name: "kind", label: ctx.t("session.kind"),
                            options: SessionKind.allCases.map { ($0.rawValue, ctx.t("session.kind.\($0.rawValue)")) }, selected: nil),
                        H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "title", label: ctx.t("session.title"), required: true),
                        H.field(ctx, name: "led_by", label: ctx.t("session.led_by"), required: true),
                        H.field(ctx, name: "note", label: ctx.t("care.note")),
                        boxes(ctx, name: "residents", legend: ctx.t("care.residents"), m.residents),
                        boxes(ctx, name: "children", legend: ctx.t("therapy.in_treatment"), m.children),
                        H.button(ctx.t("session.record")),
                    ]))
        }
        return content
    }
}
