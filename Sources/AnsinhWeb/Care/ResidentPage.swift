import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One resident: the admission, the beds over time, the daily log, prescriptions and doses (for
/// a role with the health class), and the forms of what the viewer may do now.
enum ResidentPage: Page {
    static var processing: ProcessingKind? { .care }
    struct Stay: Sendable, Equatable { let bed: String; let from: LocalDate; let until: LocalDate? }
    struct LogLine: Sendable, Equatable { let day: LocalDate; let shift: Shift; let kind: CareLogKind; let note: String; let recordedBy: String }
    struct Prescription: Sendable, Equatable {
        let id: UUID; let drug: String; let dose: String; let times: [String]; let from: LocalDate; let until: LocalDate?; let prescriber: String
    }
    struct Dose: Sendable, Equatable {
        let drug: String; let day: LocalDate; let time: String; let status: DoseStatus?; let note: String?; let recordedBy: String?
    }

    /// The resident as the page shows them; prescriptions and doses nil for a role without the
    /// health class.
    struct Resident: Sendable, Equatable {
        let row: CareParts.Row
        let gender: String
        let personLinked: Bool
        let decisionNumber: String
        let decisionDate: LocalDate
        let decisionSigner: String
        let referralSource: String
        let caseID: UUID?
        let dischargedOn: LocalDate?
        let dischargeReason: DischargeReason?
        let dischargeNote: String?
        let beds: [Stay]
        let log: [LogLine]
        let prescriptions: [Prescription]?
        let doses: [Dose]?
        /// Sessions attended, newest first (psychotherapy notes only for a role with the class).
        var sessions: [EnrolmentPage.Session] = []
        /// Schooling and training, and the jobs found after them.
        var education: [EducationRow] = []
        var placements: [PlacementRow] = []
        /// The care plan, leave and incidents.
        var plan: CarePlanRecord? = nil
        var leaves: [LeaveRow] = []
        var incidents: [IncidentRow] = []
        /// The health record; nil for a role without the health class.
        var health: [HealthEventRow]? = nil
    }

    struct Model: Sendable {
        let resident: Resident
        let today: LocalDate
        let freeBeds: [(String, String)]
        let actions: Set<ResidentLifecycle.Transition>
        /// Schooling and jobs are recorded while in care and after leaving for a job.
        var canRecordWork = false
        /// Now, to the minute, for the leave and incident forms.
        var now = CareMoment("2000-01-01T00:00")!
        /// Incidents are followed up after the resident left too.
        var canFollowUp = false
        /// Retention: anonymised when, kept under legal hold why, whether the viewer may hold.
        var anonymisedAt: Date? = nil
        var legalHold: String? = nil
        var canHold = false
        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    }

    static func resident(_ r: ResidentView) -> Resident {
        Resident(
            row: CareParts.Row(r.row), gender: r.row.gender, personLinked: r.personID != nil, decisionNumber: r.decisionNumber,
            decisionDate: r.decisionDate, decisionSigner: r.decisionSigner, referralSource: r.referralSource, caseID: r.caseID,
            dischargedOn: r.dischargedOn, dischargeReason: r.dischargeReason, dischargeNote: r.dischargeNote,
            beds: r.beds.map { Stay(bed: $0.bed, from: $0.from, until: $0.until) },
            log: r.log.map { LogLine(day: $0.day, shift: $0.shift, kind: $0.kind, note: $0.note, recordedBy: $0.recordedBy) },
            prescriptions: r.prescriptions?.map {
                Prescription(id: $0.id, drug: $0.drug, dose: $0.dose, times: $0.times, from: $0.from, until: $0.until, prescriber: $0.prescriber)
            },
            doses: r.doses?.map { Dose(drug: $0.drug, day: $0.day, time: $0.time, status: $0.status, note: $0.note, recordedBy: $0.recordedBy) })
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = CareRepository(req.store)
        let id = try req.idParameter()
        let view = try await repo.resident(actor, id: id, today: req.today)
        var r = resident(view)
        r.health = view.health
        r.sessions = try await repo.attended(actor, resident: id, limit: 50).map {
            EnrolmentPage.Session(day: $0.day, kind: $0.kind, title: $0.title, note: $0.note)
        }
        (r.education, r.placements) = try await repo.education(actor, residentID: id)
        r.plan = try await repo.plan(actor, residentID: id, today: req.today)
        (r.leaves, r.incidents) = try await repo.leaveAndIncidents(actor, residentID: id, now: req.moment)
        let actions = Set(ResidentLifecycle.available(from: r.row.status, role: actor.role))
        let free =
            actions.contains(.assignBed)
            ? try await repo.rooms(actor, on: req.today).flatMap { room in
                room.beds.filter { $0.occupant == nil }.map { ($0.id.uuidString, "\(room.department) — \($0.code)") }
            } : []
        return Model(
            resident: r, today: req.today, freeBeds: free, actions: actions, canRecordWork: actor.role.can(.manageCare), now: req.moment,
            canFollowUp: actor.role.can(.manageCare), anonymisedAt: view.anonymisedAt, legalHold: view.legalHold, canHold: actor.role.can(.manageCare),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.resident.row.fullName }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.resident, row = r.row
        var content: [Body] = [
            CareParts.nav(ctx),
            H.dl(
                [
                    (ctx.t("field.state"), .text(ctx.t("care.status.\(row.status.rawValue)"))),
                    (ctx.t("field.birth"), .text(ctx.date(row.birthDate))),
                    (ctx.t("field.gender"), .text(ctx.t("gender.\(r.gender)"))),
                    (ctx.t("care.basis"), .text(ctx.t("care.basis.\(row.basis.rawValue)"))),
                    (ctx.t("care.decision"), .text("\(r.decisionNumber) — \(ctx.date(r.decisionDate)) — \(r.decisionSigner)")),
                    (ctx.t("care.referral_source"), .text(r.referralSource)),
                    (ctx.t("care.admitted_on"), .text(ctx.date(row.admittedOn))),
                    (ctx.t("care.bed"), row.bed.map(H.bdi) ?? .text("—")),
                    (ctx.t("care.registry_link"), .text(ctx.t(r.personLinked ? "care.linked" : "care.not_linked"))),
                ]
                    + (r.dischargedOn.map { d in
                        [
                            (
                                ctx.t("care.discharged_on"),
                                .text(
                                    ctx.date(d) + " — " + ctx.t("care.reason.\(r.dischargeReason?.rawValue ?? "")") + (r.dischargeNote.map { ": " + $0 } ?? ""))
                            )
                        ]
                    } ?? [])
                    + (r.caseID.map { [(ctx.t("nav.cases"), H.link(ctx.t("care.the_case"), SiteRoute.caseItem($0).path))] } ?? [])),
        ]
        if m.actions.contains(.assignBed) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careBed(row.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("care.assign_bed"))]),
                        H.select(ctx, name: "bed_id", label: ctx.t("care.bed"), options: m.freeBeds, selected: nil),
                        H.field(ctx, name: "from", label: ctx.t("care.from"), value: m.today.iso, type: "date", required: true, id: "bed-from"),
                        H.button(ctx.t("care.assign_bed")),
                    ]))
        }
        content.append(H.el(.h2, [], [.text(ctx.t("care.beds_history"))]))
        content.append(
            H.table(
                caption: ctx.t("care.beds_history"), headers: [ctx.t("care.bed"), ctx.t("care.from"), ctx.t("care.until")],
                rows: r.beds.map { [H.bdi($0.bed), .text(ctx.date($0.from)), .text($0.until.map(ctx.date) ?? "—")] }, empty: ctx.t("care.no_bed")))
        content += plan(ctx, m)
        content += log(ctx, m)
        content += leave(ctx, m)
        content += incidents(ctx, m)
        content += CareParts.sessions(ctx, r.sessions)
        content += education(ctx, m)
        content += medication(ctx, m)
        content += health(ctx, m)
        if m.actions.contains(.discharge) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.careDischarge(row.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("care.discharge"))]),
                        H.select(
                            ctx, name: "reason", label: ctx.t("care.discharge_reason"),
                            options: DischargeReason.allCases.map { ($0.rawValue, ctx.t("care.reason.\($0.rawValue)")) }, selected: nil, includeBlank: true),
                        H.field(ctx, name: "discharged_on", label: ctx.t("care.discharged_on"), value: m.today.iso, type: "date", required: true),
                        H.field(ctx, name: "note", label: ctx.t("care.note"), id: "discharge-note"),
                        H.field(
                            ctx, name: "after_care_months", label: ctx.t("field.after_care_months"), value: "0", type: "number",
                            hint: ctx.t("care.after_care_hint")),
                        H.button(ctx.t("care.discharge"), kind: "secondary"),
                    ]))
        }
        // Retention (privacy.json `retention.care`): anonymised its years after the discharge.
        content.append(
            RetentionSection.render(
                ctx, anonymisedAt: m.anonymisedAt, anonymisedKey: "retention.care_anonymised", legalHold: m.legalHold,
                pending: ctx.t(
                    row.status == .discharged ? "retention.care_due_after" : "retention.care_open", ["years": "\(RetentionRepository.careRule.years)"]),
                canHold: m.canHold, action: SiteRoute.careHold(r.row.id).path, zone: m.zone))
        return content
    }

    static func education(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.resident
        var out: [Body] = [
            H.el(.h2, [], [.text(ctx.t("care.education"))]),
            H.table(
                caption: ctx.t("care.education"),
                headers: [ctx.t("care.education_kind"), ctx.t("care.institution"), ctx.t("care.course"), ctx.t("care.from"), ctx.t("care.result")],
                rows: r.education.map {
                    [
                        .text(ctx.t("care.education.\($0.kind.rawValue)")), .text($0.institution), .text($0.course),
                        .text(ctx.date($0.from) + ($0.until.map { " – " + ctx.date($0) } ?? "")), .text($0.result ?? ""),
                    ]
                }, empty: ctx.t("care.no_education")),
            H.table(
                caption: ctx.t("care.placements"), headers: [ctx.t("care.employer"), ctx.t("care.job"), ctx.t("care.started_on"), ctx.t("care.wage")],
                rows: r.placements.map {
                    [.text($0.employer), .text($0.job), .text(ctx.date($0.startedOn)), .text($0.monthlyWage.map { ctx.money(Dong($0)) } ?? "—")]
                }, empty: ctx.t("care.no_placements")),
        ]
        guard m.canRecordWork else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.careEducation(r.row.id).path, classes: "card",
                [
                    H.el(.h3, [], [.text(ctx.t("care.add_education"))]),
                    H.select(
                        ctx, name: "kind", label: ctx.t("care.education_kind"),
                        options: EducationKind.allCases.map { ($0.rawValue, ctx.t("care.education.\($0.rawValue)")) }, selected: nil, id: "edu-kind"),
                    H.field(ctx, name: "institution", label: ctx.t("care.institution"), required: true),
                    H.field(ctx, name: "course", label: ctx.t("care.course"), required: true),
                    H.field(ctx, name: "from", label: ctx.t("care.from"), type: "date", required: true, id: "edu-from"),
                    H.field(ctx, name: "until", label: ctx.t("care.until"), type: "date", id: "edu-until"),
                    H.field(ctx, name: "result", label: ctx.t("care.result")),
                    H.button(ctx.t("common.save")),
                ]))
        out.append(
            H.form(
                ctx, action: SiteRoute.carePlacements(r.row.id).path, classes: "card",
                [
                    H.el(.h3, [], [.text(ctx.t("care.add_placement"))]),
                    H.field(ctx, name: "employer", label: ctx.t("care.employer"), required: true),
                    H.field(ctx, name: "job", label: ctx.t("care.job"), required: true),
                    H.field(ctx, name: "started_on", label: ctx.t("care.started_on"), type: "date", required: true, id: "job-start"),
                    H.field(ctx, name: "monthly_wage", label: ctx.t("care.wage"), type: "number"),
                    H.button(ctx.t("common.save")),
                ]))
        return out
    }

    static func log(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [H.el(.h2, [], [.text(ctx.t("care.log"))])]
        if m.actions.contains(.recordCare) {
            out.append(
                H.form(
                    ctx, action: SiteRoute.careLog(m.resident.row.id).path, classes: "card",
                    [
                        H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.today.iso, type: "date", required: true, id: "log-day"),
                        H.select(ctx, name: "shift", label: ctx.t("care.shift"), options: CareParts.shifts(ctx), selected: nil, id: "log-shift"),
                        H.select(
                            ctx, name: "kind", label: ctx.t("care.log_kind"),
                            options: CareLogKind.allCases.map { ($0.rawValue, ctx.t("care.log.\($0.rawValue)")) },
                            selected: nil),
                        H.field(ctx, name: "note", label: ctx.t("care.note"), required: true, id: "log-note"),
                        H.button(ctx.t("common.save")),
                    ]))
        }
        out.append(
            H.table(
                caption: ctx.t("care.log"), headers: [ctx.t("care.day"), ctx.t("care.shift"), ctx.t("care.log_kind"), ctx.t("care.note"), ctx.t("care.by")],
                rows: m.resident.log.map { l in
                    [
                        .text(ctx.date(l.day)), .text(ctx.t("care.shift.\(l.shift.rawValue)")), .text(ctx.t("care.log.\(l.kind.rawValue)")), .text(l.note),
                        .text(l.recordedBy),
                    ]
                }, empty: ctx.t("care.log_empty")))
        return out
    }

    static func medication(_ ctx: PageContext, _ m: Model) -> [Body] {
        guard let prescriptions = m.resident.prescriptions else { return [] }
        let canRecord = m.actions.contains(.recordCare)
        var out: [Body] = [H.el(.h2, [], [.text(ctx.t("care.medication"))])]
        out.append(
            H.table(
                caption: ctx.t("care.medication"),
                headers: [ctx.t("care.drug"), ctx.t("care.dose"), ctx.t("care.times"), ctx.t("care.from"), ctx.t("care.prescriber"), ""],
                rows: prescriptions.map { p in
                    [
                        .text(p.drug), .text(p.dose), H.bdi(p.times.joined(separator: ", ")),
                        .text(ctx.date(p.from) + (p.until.map { " – " + ctx.date($0) } ?? "")), .text(p.prescriber),
                        canRecord ? doseForm(ctx, p, today: m.today) : .empty,
                    ]
                }, empty: ctx.t("care.no_prescription")))
        if m.actions.contains(.prescribe) {
            out.append(
                H.form(
                    ctx, action: SiteRoute.carePrescriptions(m.resident.row.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("care.prescribe"))]),
                        H.field(ctx, name: "drug", label: ctx.t("care.drug"), required: true),
                        H.field(ctx, name: "dose", label: ctx.t("care.dose"), required: true),
                        H.field(ctx, name: "times", label: ctx.t("care.times"), required: true, hint: ctx.t("care.times_hint")),
                        H.field(ctx, name: "from", label: ctx.t("care.from"), value: m.today.iso, type: "date", required: true, id: "rx-from"),
                        H.field(ctx, name: "until", label: ctx.t("care.until"), type: "date", id: "rx-until"),
                        H.field(ctx, name: "prescriber", label: ctx.t("care.prescriber"), required: true),
                        H.button(ctx.t("care.prescribe")),
                    ]))
        }
        if let doses = m.resident.doses {
            out.append(
                H.table(
                    caption: ctx.t("care.doses"),
                    headers: [ctx.t("care.drug"), ctx.t("care.time"), ctx.t("field.state"), ctx.t("care.note"), ctx.t("care.by")],
                    rows: doses.map { d in
                        [
                            .text(d.drug), H.bdi("\(ctx.date(d.day)) \(d.time)"), .text(ctx.t("care.dose.\(d.status?.rawValue ?? "not_recorded")")),
                            .text(d.note ?? ""), .text(d.recordedBy ?? ""),
                        ]
                    }, empty: ctx.t("care.no_doses")))
        }
        return out
    }

    static func doseForm(_ ctx: PageContext, _ p: Prescription, today: LocalDate) -> Body {
        let key = p.id.uuidString
        return H.form(
            ctx, action: SiteRoute.careDoses(p.id).path, classes: "inline",
            [
                H.field(ctx, name: "day", label: ctx.t("care.day"), value: today.iso, type: "date", id: "dose-\(key)-day"),
                H.select(ctx, name: "time", label: ctx.t("care.time"), options: p.times.map { ($0, $0) }, selected: nil, id: "dose-\(key)-time"),
                H.select(
                    ctx, name: "status", label: ctx.t("field.state"), options: DoseStatus.allCases.map { ($0.rawValue, ctx.t("care.dose.\($0.rawValue)")) },
                    selected: nil, id: "dose-\(key)-status"),
                H.field(ctx, name: "note", label: ctx.t("care.note"), id: "dose-\(key)-note"),
                H.button(ctx.t("care.record_dose"), kind: "secondary"),
            ])
    }
}

/// Rooms and beds by department with who is in each bed on a day, the occupancy of that day by
/// department, sex and age group, and (for who admits) the form to add a room.
enum RoomsPage: Page {
    struct Bed: Sendable, Equatable { let code: String; let occupant: String? }
    struct Room: Sendable, Equatable { let department: String; let code: String; let sex: String; let beds: [Bed] }

    struct Model: Sendable {
        let day: LocalDate
        let rooms: [Room]
        let occupancy: CareParts.Occupancy
        let departments: [(String, String)]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let day = try req.queryDate("day") ?? req.today
        let repo = CareRepository(req.store)
        let departments =
            actor.role.can(.admitResidents) ? try await UnitRepository(req.store).all(actor, kinds: [.department]).map { ($0.id.uuidString, $0.name) } : []
        let rooms = try await repo.rooms(actor, on: day).map { r in
            Room(department: r.department, code: r.code, sex: r.sex, beds: r.beds.map { Bed(code: $0.code, occupant: $0.occupant) })
        }
        return Model(day: day, rooms: rooms, occupancy: CareParts.Occupancy(try await repo.occupancy(actor, on: day)), departments: departments)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("care.rooms") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let o = m.occupancy
        return [
            CareParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.careRooms.path, method: "get", classes: "filters",
                [H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.day.iso, type: "date"), H.button(ctx.t("common.filter"), kind: "secondary")]),
            H.table(
                caption: ctx.t("care.occupancy_on", ["day": ctx.date(m.day)]),
                headers: [ctx.t("unitkind.department"), ctx.t("care.beds"), ctx.t("care.occupied")],
                rows: o.lines.map { [.text($0.department), .text(ctx.number($0.beds)), .text(ctx.number($0.occupied))] }, empty: ctx.t("care.no_rooms")),
            H.dl([
                (ctx.t("care.in_care_today"), .text(ctx.number(o.residents))),
                (ctx.t("care.by_sex"), .text(o.bySex.keys.sorted().map { ctx.t("gender.\($0)") + ": " + ctx.number(o.bySex[$0]!) }.joined(separator: " · "))),
                (ctx.t("care.by_age"), .text(CareParts.ages(ctx, o))),
            ]),
            H.table(
                caption: ctx.t("care.rooms"), headers: [ctx.t("unitkind.department"), ctx.t("care.room"), ctx.t("care.beds")],
                rows: m.rooms.map { room in
                    [
                        .text(room.department), H.bdi(room.code + " (" + ctx.t("care.sex.\(room.sex)") + ")"),
                        .text(room.beds.map { "\($0.code): \($0.occupant ?? ctx.t("care.free"))" }.joined(separator: " · ")),
                    ]
                }, empty: ctx.t("care.no_rooms")),
            m.departments.isEmpty
                ? .empty
                : H.form(
                    ctx, action: SiteRoute.careRooms.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("care.add_room"))]),
                        H.select(ctx, name: "department_id", label: ctx.t("unitkind.department"), options: m.departments, selected: nil),
                        H.field(ctx, name: "code", label: ctx.t("care.room"), required: true),
                        H.select(
                            ctx, name: "sex", label: ctx.t("care.room_sex"), options: ["male", "female", "mixed"].map { ($0, ctx.t("care.sex.\($0)")) },
                            selected: "mixed"),
                        H.field(ctx, name: "beds", label: ctx.t("care.beds"), value: "4", type: "number", required: true),
                        H.button(ctx.t("care.add_room")),
                    ]),
        ]
    }
}
