import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The care pages' shared pieces: the sub-navigation and the choice lists.
enum CareParts {
    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("nav.care"))],
            [
                H.link(ctx.t("care.residents"), SiteRoute.care.path), H.link(ctx.t("care.handover"), SiteRoute.careHandover.path),
                H.link(ctx.t("care.rooms"), SiteRoute.careRooms.path), H.link(ctx.t("session.title_page"), SiteRoute.careSessions.path),
                H.link(ctx.t("therapy.title"), SiteRoute.careTherapy.path), H.link(ctx.t("contract.title"), SiteRoute.careContracts.path),
            ])
    }
    static func bases(_ ctx: PageContext) -> [(String, String)] { AdmissionBasis.allCases.map { ($0.rawValue, ctx.t("care.basis.\($0.rawValue)")) } }
    static func shifts(_ ctx: PageContext) -> [(String, String)] { Shift.allCases.map { ($0.rawValue, ctx.t("care.shift.\($0.rawValue)")) } }
    static func genders(_ ctx: PageContext) -> [(String, String)] { Gender.allCases.map { ($0.rawValue, ctx.t("gender.\($0.rawValue)")) } }

    /// A resident as a list shows them.
    struct Row: Sendable, Equatable {
        let id: UUID
        let fullName: String
        let birthDate: LocalDate
        let basis: AdmissionBasis
        let admittedOn: LocalDate
        let status: ResidentLifecycle.State
        let bed: String?
    }

    /// Who is in care on a day: in all, without a bed, by sex, by age group, by department.
    struct Occupancy: Sendable, Equatable {
        struct Line: Sendable, Equatable { let department: String; let beds: Int; let occupied: Int }
        let residents: Int
        let withoutBed: Int
        let bySex: [String: Int]
        let byAgeGroup: [CareAgeGroup: Int]
        let lines: [Line]
        init(_ o: OccupancyView) {
            residents = o.residents; withoutBed = o.withoutBed; bySex = o.bySex; byAgeGroup = o.byAgeGroup
            lines = o.byDepartment.map { Line(department: $0.department, beds: $0.beds, occupied: $0.occupied) }
        }
    }

    /// The sessions a resident or a child attended, newest first (one table for both pages).
    static func sessions(_ ctx: PageContext, _ rows: [EnrolmentPage.Session]) -> [Body] {
        [
            H.el(.h2, [], [.text(ctx.t("therapy.sessions"))]),
            H.table(
                caption: ctx.t("therapy.sessions"), headers: [ctx.t("care.day"), ctx.t("session.kind"), ctx.t("session.title"), ctx.t("care.note")],
                rows: rows.map { [.text(ctx.date($0.day)), .text(ctx.t("session.kind.\($0.kind.rawValue)")), .text($0.title), .text($0.note ?? "")] },
                empty: ctx.t("session.none")),
        ]
    }

    static func ages(_ ctx: PageContext, _ o: Occupancy) -> String {
        CareAgeGroup.allCases.map { ctx.t("care.age.\($0.rawValue)") + ": " + ctx.number(o.byAgeGroup[$0] ?? 0) }.joined(separator: " · ")
    }
}

/// The residents: in care (or discharged, or all), a name search, paged; today's occupancy.
enum CarePage: Page {
    struct Model: Sendable {
        let rows: [CareParts.Row]
        let status: ResidentLifecycle.State?
        let query: String
        let paging: Paging
        let occupancy: CareParts.Occupancy
        let canAdmit: Bool
        let reminders: CareReminders
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let statusText = req.query[String.self, at: "status"] ?? ResidentLifecycle.State.inCare.rawValue
        let status = ResidentLifecycle.State(rawValue: statusText)
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let repo = CareRepository(req.store)
        let page = try await repo.residents(actor, status: status, query: query, page: req.pageSpec)
        return Model(
            rows: page.items.map(CareParts.Row.init), status: status, query: query, paging: Paging(page),
            occupancy: CareParts.Occupancy(try await repo.occupancy(actor, on: req.today)),
            canAdmit: actor.role.can(.admitResidents), reminders: try await repo.reminders(actor, now: req.moment))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("care.residents") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let o = m.occupancy
        return [
            CareParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("care.intro"))]),
            m.canAdmit ? H.el(.p, [], [H.link(ctx.t("care.admit"), SiteRoute.careAdmit.path, [("class", "btn btn-primary")])]) : .empty,
            H.dl([
                (ctx.t("care.in_care_today"), .text(ctx.number(o.residents))),
                (ctx.t("care.without_bed"), .text(ctx.number(o.withoutBed))),
                (ctx.t("care.by_age"), .text(CareParts.ages(ctx, o))),
            ]),
            H.form(
                ctx, action: SiteRoute.care.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "q", label: ctx.t("common.search"), value: m.query, type: "search"),
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: ResidentLifecycle.State.allCases.map { ($0.rawValue, ctx.t("care.status.\($0.rawValue)")) } + [("all", ctx.t("care.all"))],
                        selected: m.status?.rawValue ?? "all"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("care.residents"),
                headers: [
                    ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("care.basis"), ctx.t("care.admitted_on"), ctx.t("care.bed"), ctx.t("field.state"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.fullName, SiteRoute.careResident(r.id).path), .text(ctx.date(r.birthDate)), .text(ctx.t("care.basis.\(r.basis.rawValue)")),
                        .text(ctx.date(r.admittedOn)), r.bed.map(H.bdi) ?? .text("—"), .text(ctx.t("care.status.\(r.status.rawValue)")),
                    ]
                }, empty: ctx.t("care.none")),
            H.pager(ctx, m.paging) {
                SiteRoute.care.path(query: [("page", String($0)), ("status", m.status?.rawValue ?? "all"), ("q", m.query.isEmpty ? nil : m.query)])
            },
        ] + CareParts.reminders(ctx, m.reminders)
    }
}

/// The admission form: the person (found by national ID in any ward's registry, or named
/// here), the legal basis, the deciding document, where they come from, the day, and a free bed.
enum AdmitPage: Page {
    struct Model: Sendable {
        let beds: [(String, String)]
        /// The centres the viewer may admit to, when they are not one centre's own staff.
        let centres: [(String, String)]
        let today: LocalDate
        let errors: [FieldError]
        let values: [String: String]
    }

    static func model(for req: Request, errors: [FieldError] = [], values: [String: String] = [:]) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.admitResidents)
        let rooms = try await CareRepository(req.store).rooms(actor, on: req.today)
        let free = rooms.flatMap { room in room.beds.filter { $0.occupant == nil }.map { ($0.id.uuidString, "\(room.department) — \($0.code)") } }
        let centres = try await UnitRepository(req.store).all(actor, kinds: [.centre])
        let own = centres.contains { $0.id == actor.unitID }
        return Model(beds: free, centres: own ? [] : centres.map { ($0.id.uuidString, $0.name) }, today: req.today, errors: errors, values: values)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("care.admit") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        func v(_ k: String, _ d: String = "") -> String { m.values[k] ?? d }
        return [
            CareParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("care.admit_intro"))]),
            H.errorSummary(ctx, m.errors),
            H.form(
                ctx, action: SiteRoute.careAdmit.path, classes: "card",
                [
                    m.centres.isEmpty
                        ? .empty
                        : H.select(ctx, name: "unit_id", label: ctx.t("unitkind.centre"), options: m.centres, selected: v("unit_id"), errors: m.errors),
                    H.field(
                        ctx, name: "national_id", label: ctx.t("field.national_id"), value: v("national_id"), errors: m.errors,
                        hint: ctx.t("care.national_id_hint")),
                    H.field(ctx, name: "full_name", label: ctx.t("field.full_name"), value: v("full_name"), errors: m.errors),
                    H.select(
                        ctx, name: "gender", label: ctx.t("field.gender"), options: CareParts.genders(ctx), selected: v("gender"), errors: m.errors,
                        includeBlank: true),
                    H.field(ctx, name: "birth_date", label: ctx.t("field.birth"), value: v("birth_date"), type: "date", errors: m.errors),
                    H.select(ctx, name: "basis", label: ctx.t("care.basis"), options: CareParts.bases(ctx), selected: v("basis"), errors: m.errors),
                    H.field(ctx, name: "decision_number", label: ctx.t("care.decision_number"), value: v("decision_number"), required: true, errors: m.errors),
                    H.field(
                        ctx, name: "decision_date", label: ctx.t("care.decision_date"), value: v("decision_date", m.today.iso), type: "date", required: true,
                        errors: m.errors),
                    H.field(ctx, name: "decision_signer", label: ctx.t("care.decision_signer"), value: v("decision_signer"), required: true, errors: m.errors),
                    H.field(ctx, name: "referral_source", label: ctx.t("care.referral_source"), value: v("referral_source"), required: true, errors: m.errors),
                    H.field(
                        ctx, name: "admitted_on", label: ctx.t("care.admitted_on"), value: v("admitted_on", m.today.iso), type: "date", required: true,
                        errors: m.errors),
                    H.select(ctx, name: "bed_id", label: ctx.t("care.bed"), options: m.beds, selected: v("bed_id"), errors: m.errors, includeBlank: true),
                    H.button(ctx.t("care.admit")),
                ]),
        ]
    }
}

/// The handover to a shift: the doses the shift before refused, missed or did not record.
enum HandoverPage: Page {
    struct Item: Sendable, Equatable {
        let residentID: UUID
        let residentName: String
        let drug: String
        let dose: String
        let day: LocalDate
        let time: String
        let status: DoseStatus?
        let note: String?
    }

    struct Model: Sendable {
        let day: LocalDate
        let shift: Shift
        let items: [Item]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let day = try req.queryDate("day") ?? req.today
        let shiftText = req.query[String.self, at: "shift"] ?? Shift.morning.rawValue
        guard let shift = Shift(rawValue: shiftText) else { throw AppError.invalid("shift", "validation.choice") }
        let items = try await CareRepository(req.store).handover(actor, day: day, shift: shift).map {
            Item(
                residentID: $0.residentID, residentName: $0.residentName, drug: $0.drug, dose: $0.dose, day: $0.day, time: $0.time, status: $0.status,
                note: $0.note)
        }
        return Model(day: day, shift: shift, items: items)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("care.handover") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            CareParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("care.handover_intro"))]),
            H.form(
                ctx, action: SiteRoute.careHandover.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.day.iso, type: "date"),
                    H.select(ctx, name: "shift", label: ctx.t("care.shift"), options: CareParts.shifts(ctx), selected: m.shift.rawValue),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("care.handover_for", ["shift": ctx.t("care.shift.\(m.shift.rawValue)"), "day": ctx.date(m.day)]),
                headers: [ctx.t("care.resident"), ctx.t("care.drug"), ctx.t("care.time"), ctx.t("field.state"), ctx.t("care.note")],
                rows: m.items.map { i in
                    [
                        H.link(i.residentName, SiteRoute.careResident(i.residentID).path), .text("\(i.drug) — \(i.dose)"),
                        H.bdi("\(ctx.date(i.day)) \(i.time)"), .text(ctx.t("care.dose.\(i.status?.rawValue ?? "not_recorded")")), .text(i.note ?? ""),
                    ]
                }, empty: ctx.t("care.handover_empty")),
        ]
    }
}

extension CareParts.Row {
    init(_ r: ResidentRow) {
        self.init(id: r.id, fullName: r.fullName, birthDate: r.birthDate, basis: r.basis, admittedOn: r.admittedOn, status: r.status, bed: r.bed)
    }
}
