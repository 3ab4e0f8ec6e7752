import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One contact: what was recorded, a banner when the number called before (with those
/// contacts), and the form that opens a case from it with its details carried over.
enum ContactPage: Page {
    static var processing: ProcessingKind? { .hotline }
    struct Model: Sendable {
        let id: UUID
        let at: Date
        let channel: ContactChannel
        let counsellor: String
        let nonData: NonDataKind?
        let durationSeconds: Int?
        let callerType: CallerType?
        let ageGroup: AgeGroup?
        let sex: ContactSex?
        let place: String?
        let topic: String?
        let subtopic: String?
        let summary: String?
        let caseID: UUID?
        let legalHold: String?
        let anonymisedAt: Date?
        /// Whether the viewer may put it under legal hold or release it.
        let canHold: Bool
        let earlier: [(at: Date, topic: String?)]
        /// Whether the viewer may open a case from it (a contact with data and no case yet).
        let canOpenCase: Bool
        /// Whether the viewer may ask for a call back (a contact with data).
        let canCallBack: Bool
        let today: LocalDate
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let c = try await HotlineRepository(req.store).get(actor, id: try req.idParameter())
        return Model(
            id: c.id, at: c.at, channel: c.channel, counsellor: c.counsellor, nonData: c.nonData, durationSeconds: c.durationSeconds,
            callerType: c.callerType, ageGroup: c.ageGroup, sex: c.sex, place: c.place, topic: c.topic, subtopic: c.subtopic, summary: c.summary,
            caseID: c.caseID, legalHold: c.legalHold, anonymisedAt: c.anonymisedAt,
            canHold: c.anonymisedAt == nil && actor.role.can(.answerHotline), earlier: c.earlier,
            canOpenCase: c.nonData == nil && c.caseID == nil && actor.role.can(.manageCases),
            canCallBack: c.nonData == nil && actor.role.can(.manageCases), today: req.today,
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("hotline.contact_title", ["at": ctx.timestamp(m.at, zone: m.zone)]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [HotlineParts.nav(ctx)]
        if !m.earlier.isEmpty {
            content.append(
                H.el(
                    .section, [("class", "flash flash-info"), ("role", "status")],
                    [
                        H.el(.strong, [], [.text(ctx.t("hotline.repeat_caller", ["count": ctx.number(m.earlier.count)]))]),
                        H.el(
                            .ul, [],
                            m.earlier.map { e in H.el(.li, [], [.text(ctx.timestamp(e.at, zone: m.zone) + " — " + HotlineParts.topic(ctx, e.topic, nil))]) }),
                    ]))
        }
        content.append(
            H.dl([
                (ctx.t("hotline.at"), .text(ctx.timestamp(m.at, zone: m.zone))),
                (ctx.t("hotline.channel"), .text(ctx.t("hotline.channel.\(m.channel.rawValue)"))),
                (ctx.t("hotline.counsellor"), .text(m.counsellor)),
                (
                    ctx.t("hotline.topic"),
                    .text(m.nonData.map { ctx.t("hotline.non_data.\($0.rawValue)") } ?? HotlineParts.topic(ctx, m.topic, m.subtopic))
                ),
                (ctx.t("hotline.caller_type"), .text(m.callerType.map { ctx.t("hotline.caller.\($0.rawValue)") } ?? "—")),
                (ctx.t("hotline.age_group"), .text(m.ageGroup.map { ctx.t("hotline.age.\($0.rawValue)") } ?? "—")),
                (ctx.t("field.gender"), .text(m.sex.map { ctx.t("hotline.sex.\($0.rawValue)") } ?? "—")),
                (ctx.t("hotline.place"), .text(m.place ?? "—")),
                (ctx.t("hotline.duration_minutes"), .text(m.durationSeconds.map { ctx.number(($0 + 59) / 60) } ?? "—")),
                (ctx.t("hotline.summary"), .text(m.summary ?? "—")),
                (ctx.t("nav.cases"), m.caseID.map { H.link(ctx.t("hotline.case_link"), SiteRoute.caseItem($0).path) } ?? .text("—")),
            ]))
        if m.canOpenCase {
            content.append(
                CaseParts.intake(ctx, action: SiteRoute.hotlineOpenCase(m.id).path, title: ctx.t("hotline.open_case"), riskReason: m.summary ?? ""))
            content.append(
                H.form(
                    ctx, action: SiteRoute.hotlineLinkCase(m.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("hotline.link_case"))]),
                        H.field(ctx, name: "case_number", label: ctx.t("case.number"), required: true, hint: ctx.t("hotline.link_case_hint")),
                        H.button(ctx.t("hotline.link_case"), kind: "secondary"),
                    ]))
        }
        if m.canCallBack {
            content.append(TaskParts.addForm(ctx, action: SiteRoute.hotlineCallback(m.id).path, callback: true, today: m.today, workers: []))
        }
        content.append(retention(ctx, m))
        return content
    }
}

/// The hotline's month or year: contacts by topic, sex, age group and channel, the share that
/// carried data, the average duration.
extension ContactPage {
    /// Retention: when the contact is anonymised (the rule file's years after it), or that it
    /// was; a legal hold keeps it whole, with the form that sets or releases it.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        let years = RetentionRepository.rule.years
        return RetentionSection.render(
            ctx, anonymisedAt: m.anonymisedAt, anonymisedKey: "retention.anonymised", legalHold: m.legalHold,
            pending: m.anonymisedAt == nil ? ctx.t(m.caseID == nil ? "retention.due_after" : "retention.kept_with_case", ["years": "\(years)"]) : "",
            canHold: m.canHold, action: SiteRoute.hotlineHold(m.id).path, zone: m.zone)
    }
}

enum HotlineReportPage: Page {
    struct Model: Sendable {
        let unitCode: String
        let year: Int
        let month: Int?
        let report: HotlineReport
        let units: [(code: String, name: String)]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.answerHotline)
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let month = try req.queryInt("month", in: Bounds.month)
        let units = try await UnitRepository(req.store).all(actor, kinds: [.centre]).map { (code: $0.code, name: $0.name) }
        guard let code = req.query[String.self, at: "unit"] ?? units.first?.code else {
            return Model(unitCode: "", year: year, month: month, report: HotlineReport(), units: [])
        }
        let report = try await HotlineRepository(req.store).report(actor, unitCode: code, year: year, month: month)
        return Model(unitCode: code, year: year, month: month, report: report, units: units)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String {
        ctx.t("hotline.report_title", ["period": m.month.map { String(format: "%02d/%d", $0, m.year) } ?? "\(m.year)"])
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.report
        return [
            HotlineParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.hotlineReport.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "unit", label: ctx.t("unitkind.centre"), options: m.units.map { ($0.code, $0.name) }, selected: m.unitCode),
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.field(ctx, name: "month", label: ctx.t("field.month"), value: m.month.map(String.init) ?? "", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.dl([
                (ctx.t("hotline.figure.contacts"), .text(ctx.number(r.contacts))),
                (ctx.t("hotline.figure.answered"), .text(ctx.number(r.answered) + " (\(r.answeredShare) %)")),
                (ctx.t("hotline.figure.average"), .text(ctx.t("hotline.minutes", ["minutes": ctx.number((r.averageSeconds + 59) / 60)]))),
            ]),
            H.table(
                caption: ctx.t("hotline.by_topic"), headers: [ctx.t("hotline.topic"), ctx.t("hotline.figure.contacts")],
                rows: r.byTopic.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                    [.text(HotlineParts.topic(ctx, $0.key, nil)), .text(ctx.number($0.value))]
                },
                empty: ctx.t("hotline.none")),
            H.table(
                caption: ctx.t("hotline.cross"),
                headers: [
                    ctx.t("hotline.topic"), ctx.t("field.gender"), ctx.t("hotline.age_group"), ctx.t("hotline.channel"), ctx.t("hotline.figure.contacts"),
                ],
                rows: r.rows.map { row in
                    [
                        .text(HotlineParts.topic(ctx, row.topic, nil)), .text(ctx.t("hotline.sex.\(row.sex)")), .text(ctx.t("hotline.age.\(row.ageGroup)")),
                        .text(ctx.t("hotline.channel.\(row.channel)")), .text(ctx.number(row.contacts)),
                    ]
                }, empty: ctx.t("hotline.none")),
        ]
    }
}
