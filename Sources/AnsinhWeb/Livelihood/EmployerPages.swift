import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The employers of the viewer's units with their vacancies (and a vacancy added), and the form
/// for a new employer.
enum EmployersPage: Page {
    typealias Model = LivelihoodParts.ListModel<Employer, LivelihoodController.EmployerForm>

    static func response(_ req: Request, form: LivelihoodController.EmployerForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        try await LivelihoodParts.list(req, Self.self, form: form, errors: errors, status: status) { repo, actor, page in
            try await repo.employers(actor, page: page)
        }
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("livelihood.employers") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [LivelihoodParts.nav(ctx)]
        if m.rows.isEmpty { out.append(H.el(.p, [], [.text(ctx.t("livelihood.no_employers"))])) }
        for e in m.rows {
            let id = e.id.uuidString.prefix(8)
            var parts: [Body] = [
                H.el(.h2, [], [.text(e.name)]),
                H.dl([
                    (ctx.t("field.sector"), .text(e.sector)), (ctx.t("field.address"), .text(LivelihoodParts.place(e.address, e.groupName))),
                    (ctx.t("field.phone"), H.bdi(e.phone ?? "—")),
                ]),
                H.table(
                    caption: ctx.t("livelihood.vacancies"),
                    headers: [
                        ctx.t("livelihood.vacancy"), ctx.t("field.skills"), ctx.t("field.places"), ctx.t("field.wage"), ctx.t("livelihood.vacancy_open"),
                    ],
                    rows: e.vacancies.map { v in
                        [
                            .text(v.title + (v.suitsMildDisability ? " · " + ctx.t("livelihood.suits_mild") : "")), .text(v.skills), H.bdi("\(v.places)"),
                            .text(ctx.money(Dong(v.wage))), .text(ctx.t(v.open ? "livelihood.open" : "livelihood.filled")),
                        ]
                    }, empty: ctx.t("livelihood.no_vacancies")),
            ]
            if m.canManage {
                parts.append(
                    H.form(
                        ctx, action: SiteRoute.livelihoodVacancy(e.id).path, classes: "inline-card",
                        [
                            H.el(.h3, [], [.text(ctx.t("livelihood.new_vacancy"))]),
                            H.field(ctx, name: "title", label: ctx.t("livelihood.vacancy"), required: true, id: "vt-\(id)"),
                            H.field(ctx, name: "skills", label: ctx.t("field.skills"), hint: ctx.t("livelihood.skills_hint"), id: "vs-\(id)"),
                            H.field(ctx, name: "places", label: ctx.t("field.places"), value: "1", required: true, id: "vp-\(id)"),
                            H.field(ctx, name: "wage", label: ctx.t("field.wage"), required: true, id: "vw-\(id)"),
                            // One box of this name per employer's form: each in its own group, as axe asks.
                            H.el(
                                .fieldset, [("class", "plain")],
                                [
                                    H.el(.legend, [("class", "visually-hidden")], [.text(ctx.t("livelihood.new_vacancy") + " — " + e.name)]),
                                    RegistryFields.checkbox(
                                        ctx, name: "suits_mild_disability", label: ctx.t("livelihood.suits_mild"), checked: false, id: "vd-\(id)"),
                                ]),
                            H.button(ctx.t("livelihood.new_vacancy")),
                        ]))
            }
            out.append(H.el(.section, [("class", "card")], parts))
        }
        out.append(H.pager(ctx, m.paging) { SiteRoute.livelihoodEmployers.path(query: [("page", String($0))]) })
        guard m.canManage else { return out }
        let f = m.form
        let groups = [("", ctx.t("livelihood.no_group"))] + m.wards.flatMap { w in w.groups.map { ($0.code, w.name + " — " + $0.name) } }
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodEmployers.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("livelihood.new_employer"))]),
                    H.errorSummary(ctx, m.errors),
                    H.select(ctx, name: "unit", label: ctx.t("request.ward"), options: m.wards.map { ($0.code, $0.name) }, selected: f.unit, errors: m.errors),
                    H.select(ctx, name: "group", label: ctx.t("livelihood.residential_group"), options: groups, selected: f.group, errors: m.errors),
                    H.field(ctx, name: "name", label: ctx.t("livelihood.employer"), value: f.name ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "sector", label: ctx.t("field.sector"), value: f.sector ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "address", label: ctx.t("field.address"), value: f.address ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "phone", label: ctx.t("field.phone"), value: f.phone ?? "", type: "tel", errors: m.errors),
                    H.button(ctx.t("livelihood.new_employer")),
                ]))
        return out
    }
}

/// The counselling sessions and job fairs of the viewer's units with who came (and someone
/// added), and the form for a new one.
enum EventsPage: Page {
    typealias Model = LivelihoodParts.ListModel<LivelihoodEvent, LivelihoodController.EventForm>

    static func response(_ req: Request, form: LivelihoodController.EventForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        try await LivelihoodParts.list(req, Self.self, form: form, errors: errors, status: status) { repo, actor, page in
            try await repo.events(actor, page: page)
        }
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("livelihood.events") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [LivelihoodParts.nav(ctx)]
        if m.rows.isEmpty { out.append(H.el(.p, [], [.text(ctx.t("livelihood.no_events"))])) }
        for e in m.rows {
            var parts: [Body] = [
                H.el(.h2, [], [.text(e.title)]),
                H.dl([
                    (ctx.t("livelihood.event_kind"), .text(ctx.t("livelihood.event.\(e.kind.rawValue)"))), (ctx.t("field.held_on"), .text(ctx.date(e.heldOn))),
                    (ctx.t("field.place"), .text(e.place)), (ctx.t("field.partner"), .text(e.partner)),
                    (ctx.t("livelihood.attendees", ["n": "\(e.attendees.count)"]), .text(e.attendees.joined(separator: ", "))),
                ]),
            ]
            if m.canManage {
                parts.append(
                    H.form(
                        ctx, action: SiteRoute.livelihoodAttend(e.id).path, classes: "inline-card",
                        [
                            H.field(ctx, name: "national_id", label: ctx.t("field.national_id"), required: true, id: "att-\(e.id.uuidString.prefix(8))"),
                            H.button(ctx.t("livelihood.attend")),
                        ]))
            }
            out.append(H.el(.section, [("class", "card")], parts))
        }
        out.append(H.pager(ctx, m.paging) { SiteRoute.livelihoodEvents.path(query: [("page", String($0))]) })
        guard m.canManage else { return out }
        let f = m.form
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodEvents.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("livelihood.new_event"))]),
                    H.errorSummary(ctx, m.errors),
                    H.select(ctx, name: "unit", label: ctx.t("request.ward"), options: m.wards.map { ($0.code, $0.name) }, selected: f.unit, errors: m.errors),
                    H.select(
                        ctx, name: "kind", label: ctx.t("livelihood.event_kind"),
                        options: LivelihoodEventKind.allCases.map { ($0.rawValue, ctx.t("livelihood.event.\($0.rawValue)")) }, selected: f.kind,
                        errors: m.errors),
                    H.field(ctx, name: "title", label: ctx.t("livelihood.event_title"), value: f.title ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "held_on", label: ctx.t("field.held_on"), value: f.held_on ?? "", type: "date", required: true, errors: m.errors),
                    H.field(ctx, name: "place", label: ctx.t("field.place"), value: f.place ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "partner", label: ctx.t("field.partner"), value: f.partner ?? "", errors: m.errors),
                    H.button(ctx.t("livelihood.new_event")),
                ]))
        return out
    }
}
