import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The hotline's contacts, newest first; a contact without data is recorded here in one click.
enum HotlinePage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let at: Date
        let channel: ContactChannel
        let nonData: NonDataKind?
        let topic: String?
        let subtopic: String?
        let counsellor: String
        let caseID: UUID?
    }

    struct Model: Sendable {
        let rows: [Row]
        let topic: String?
        let paging: Paging
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let topic = req.query[String.self, at: "topic"].flatMap { t in HotlineTopics.shared.contains(topic: t, subtopic: nil) ? t : nil }
        let page = try await HotlineRepository(req.store).list(actor, topic: topic, page: req.pageSpec)
        return Model(
            rows: page.items.map {
                Row(
                    id: $0.id, at: $0.at, channel: $0.channel, nonData: $0.nonData, topic: $0.topic, subtopic: $0.subtopic, counsellor: $0.counsellor,
                    caseID: $0.caseID)
            }, topic: topic, paging: Paging(page), zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("hotline.contacts") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            HotlineParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("hotline.intro"))]),
            H.el(
                .section, [("class", "card"), ("aria-labelledby", "h-nondata")],
                [
                    H.el(.h2, [("id", "h-nondata")], [.text(ctx.t("hotline.non_data"))]),
                    H.el(.p, [("class", "hint")], [.text(ctx.t("hotline.non_data_hint"))]),
                ]
                    + NonDataKind.allCases.map { k in
                        H.form(
                            ctx, action: SiteRoute.hotline.path, classes: "inline",
                            [
                                H.hidden("channel", ContactChannel.phone.rawValue), H.hidden("non_data", k.rawValue),
                                H.button(ctx.t("hotline.non_data.\(k.rawValue)"), kind: "secondary"),
                            ])
                    }),
            H.form(
                ctx, action: SiteRoute.hotline.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "topic", label: ctx.t("hotline.topic"), options: HotlineParts.topicOptions(ctx), selected: m.topic, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("hotline.contacts"),
                headers: [ctx.t("hotline.at"), ctx.t("hotline.channel"), ctx.t("hotline.topic"), ctx.t("hotline.counsellor"), ctx.t("nav.cases")],
                rows: m.rows.map { c in
                    [
                        H.link(ctx.timestamp(c.at, zone: m.zone), SiteRoute.hotlineContact(c.id).path), .text(ctx.t("hotline.channel.\(c.channel.rawValue)")),
                        .text(c.nonData.map { ctx.t("hotline.non_data.\($0.rawValue)") } ?? HotlineParts.topic(ctx, c.topic, c.subtopic)), .text(c.counsellor),
                        c.caseID.map { H.link(ctx.t("hotline.case_link"), SiteRoute.caseItem($0).path) } ?? .text("—"),
                    ]
                }, empty: ctx.t("hotline.none")),
            H.pager(ctx, m.paging) { SiteRoute.hotline.path(query: [("topic", m.topic), ("page", String($0))]) },
        ]
    }
}

/// Recording a contact: channel, duration, who called, age group, sex, place, topic and
/// subtopic, what was said, and (only as a keyed hash) the number.
enum ContactFormPage: Page {
    struct Model: Sendable {
        let form: HotlineController.ContactForm
        let errors: [FieldError]
        let now: String
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("hotline.new") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form, errors = m.errors
        return [
            HotlineParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.hotline.path, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.field(ctx, name: "at", label: ctx.t("hotline.at"), value: f.at ?? m.now, type: "datetime-local", required: true, errors: errors),
                    H.select(
                        ctx, name: "channel", label: ctx.t("hotline.channel"), options: HotlineParts.options(ctx, "hotline.channel", ContactChannel.self),
                        selected: f.channel ?? "phone", errors: errors),
                    H.field(
                        ctx, name: "duration_minutes", label: ctx.t("hotline.duration_minutes"), value: f.duration_minutes ?? "", type: "number", errors: errors
                    ),
                    H.select(
                        ctx, name: "caller_type", label: ctx.t("hotline.caller_type"), options: HotlineParts.options(ctx, "hotline.caller", CallerType.self),
                        selected: f.caller_type, errors: errors, includeBlank: true),
                    H.select(
                        ctx, name: "age_group", label: ctx.t("hotline.age_group"), options: HotlineParts.options(ctx, "hotline.age", AgeGroup.self),
                        selected: f.age_group, errors: errors, includeBlank: true),
                    H.select(
                        ctx, name: "sex", label: ctx.t("field.gender"), options: HotlineParts.options(ctx, "hotline.sex", ContactSex.self), selected: f.sex,
                        errors: errors, includeBlank: true),
                    H.field(ctx, name: "place", label: ctx.t("hotline.place"), value: f.place ?? "", errors: errors, hint: ctx.t("hotline.place_hint")),
                    H.select(
                        ctx, name: "topic", label: ctx.t("hotline.topic"), options: HotlineParts.topicOptions(ctx), selected: f.topic, errors: errors,
                        includeBlank: true),
                    H.select(
                        ctx, name: "subtopic", label: ctx.t("hotline.subtopic"), options: HotlineParts.subtopicOptions(ctx), selected: f.subtopic,
                        errors: errors, includeBlank: true),
                    H.field(ctx, name: "summary", label: ctx.t("hotline.summary"), value: f.summary ?? "", errors: errors),
                    H.field(ctx, name: "phone", label: ctx.t("field.phone"), value: "", type: "tel", errors: errors, hint: ctx.t("hotline.phone_hint")),
                    H.button(ctx.t("common.save")),
                ]),
        ]
    }
}
