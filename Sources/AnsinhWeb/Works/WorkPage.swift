import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One work: where and why, its money (state budget and what the funds gave), its diary and
/// photos, and the steps left with the forms of budget and photos.
enum WorkPage: Page {
    struct Model: Sendable {
        let file: WorkFile
        let steps: [WorkLifecycle.Transition]
        let canManage: Bool
        let today: LocalDate
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.file.work.title }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let w = m.file.work
        var facts: [(String, Body)] = [
            (ctx.t("works.status"), .text(ctx.t("works.status.\(w.status.rawValue)"))), (ctx.t("works.kind"), .text(ctx.t("works.kind.\(w.kind.rawValue)"))),
            (ctx.t("field.residential_group"), .text(w.groupName.map { w.wardName + " — " + $0 } ?? w.wardName)),
            (ctx.t("works.location"), .text(w.location)), (ctx.t("works.coordinates"), H.bdi(w.point.isEmpty ? "—" : w.point)),
            (ctx.t("works.need"), .text(w.need)),
            (ctx.t("works.origin"), .text(ctx.t("works.origin.\(w.origin.rawValue)") + (w.requestCode.map { " — " + $0 } ?? ""))),
            (ctx.t("works.estimate"), .text(ctx.money(Dong(w.estimate)))), (ctx.t("works.budget"), .text(ctx.money(Dong(w.budget)))),
            (ctx.t("works.from_funds"), .text(ctx.money(Dong(w.funds)))),
            (ctx.t("works.still_needed"), .text(ctx.money(Dong(max(0, w.estimate - w.budget - w.funds))))),
            (ctx.t("works.progress"), H.bdi("\(w.percent)%")), (ctx.t("works.proposed_on"), H.bdi(w.proposedOn)),
        ]
        let optional: [(String, String?)] = [
            ("works.decision", w.decision), ("works.approved_on", w.approvedOn), ("works.started_on", w.startedOn), ("works.completed_on", w.completedOn),
            ("works.handed_over_on", w.handedOverOn), ("works.handed_to", w.handedTo), ("field.reason", w.reason),
        ]
        facts += optional.compactMap { k, v in v.map { (ctx.t(k), .text($0)) } }
        if let home = w.householdCode {
            // A gratitude-house repair: whose house, how it stood when surveyed, who repairs it.
            facts.insert((ctx.t("field.household_code"), H.bdi(home)), at: 2)
            facts.insert((ctx.t("works.house_condition"), .text(w.houseCondition.map { ctx.t("works.condition.\($0.rawValue)") } ?? "—")), at: 3)
            facts.append((ctx.t("works.contractor"), .text(w.contractor ?? "—")))
        }
        var out: [Body] = [
            H.el(.p, [], [H.link(ctx.t("works.title"), SiteRoute.works.path)]), H.dl(facts),
            H.table(
                caption: ctx.t("works.money"), headers: [ctx.t("works.source"), ctx.t("works.reference"), ctx.t("field.date"), ctx.t("field.amount")],
                rows: m.file.money.map { l in
                    [.text(ctx.t("works.source.\(l.source)")), .text(l.reference), H.bdi(l.day), .text(ctx.money(Dong(l.amount)))]
                }, empty: ctx.t("works.no_money")),
            H.el(.p, [("class", "hint")], [.text(ctx.t("works.funds_hint"))]),
            H.table(
                caption: ctx.t("works.diary"), headers: [ctx.t("field.date"), ctx.t("works.progress"), ctx.t("field.note"), ctx.t("works.by")],
                rows: m.file.diary.map { d in [H.bdi(d.day), H.bdi("\(d.percent)%"), .text(d.note), .text(d.by)] }, empty: ctx.t("works.no_diary")),
            H.el(.h2, [], [.text(ctx.t("works.photos"))]),
            m.file.photos.isEmpty
                ? H.el(.p, [("class", "empty")], [.text(ctx.t("works.no_photos"))])
                : H.el(
                    .ul, [("class", "photos")],
                    m.file.photos.map { p in
                        H.el(
                            .li, [],
                            [
                                H.el(.a, [("href", SiteRoute.workPhoto(p.id).path)], [H.img(src: SiteRoute.workPhoto(p.id).path, alt: p.caption, width: 240)]),
                                H.el(.p, [], [.text(p.caption + " · "), H.bdi(p.day)]),
                            ])
                    }),
        ]
        for t in m.steps {
            let rule = WorkLifecycle.rule(t)
            var fields: [Body] = [H.el(.h2, [], [.text(ctx.t("works.step.\(t.rawValue)"))]), H.hidden("step", t.rawValue)]
            if rule.requires.contains("date") {
                fields.append(H.field(ctx, name: "date", label: ctx.t("field.date"), value: m.today.iso, type: "date", id: "date-\(t.rawValue)"))
            }
            if rule.requires.contains("percent") {
                fields.append(H.field(ctx, name: "percent", label: ctx.t("works.progress_percent"), value: "\(w.percent)", type: "number", id: "percent"))
            }
            for k in ["decision", "note", "handed_to", "reason"] where rule.requires.contains(k) {
                fields.append(H.field(ctx, name: k, label: ctx.t("works.field.\(k)"), id: "\(k)-\(t.rawValue)"))
            }
            if t == .start {
                fields.append(
                    H.field(
                        ctx, name: "contractor", label: ctx.t("works.contractor"), required: w.kind.isHouse, hint: ctx.t("works.contractor_hint"),
                        id: "contractor"))
            }
            out.append(
                H.form(
                    ctx, action: SiteRoute.workStep(w.id).path, classes: "card",
                    fields + [H.button(ctx.t("works.step.\(t.rawValue)"), kind: t == .cancel ? "secondary" : "primary")]))
        }
        guard m.canManage, ![.cancelled, .handedOver].contains(w.status) else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.workBudget(w.id).path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("works.add_budget"))]),
                    H.field(ctx, name: "amount", label: ctx.t("field.amount"), required: true, id: "budget-amount"),
                    H.field(ctx, name: "decision", label: ctx.t("works.field.decision"), required: true, id: "budget-decision"),
                    H.field(ctx, name: "day", label: ctx.t("field.date"), value: m.today.iso, type: "date", id: "budget-day"),
                    H.button(ctx.t("works.add_budget")),
                ]))
        out.append(
            H.el(
                .form, [("method", "post"), ("action", SiteRoute.workPhotos(w.id).path), ("enctype", "multipart/form-data"), ("class", "card")],
                [
                    H.hidden("_csrf", ctx.csrf), H.el(.h2, [], [.text(ctx.t("works.add_photo"))]),
                    H.field(ctx, name: "caption", label: ctx.t("works.caption"), required: true, id: "photo-caption"),
                    H.field(ctx, name: "day", label: ctx.t("field.date"), value: m.today.iso, type: "date", id: "photo-day"),
                    H.el(
                        .div, [("class", "field")],
                        [
                            H.el(.label, [("for", "photo-file")], [.text(ctx.t("works.photo_file"))]),
                            H.el(.p, [("class", "hint"), ("id", "photo-file-hint")], [.text(ctx.t("works.photo_hint"))]),
                            .selfClosedElement(
                                named: "input",
                                attributes: [
                                    H.attr("type", "file"), H.attr("id", "photo-file"), H.attr("name", "file"),
                                    H.attr("accept", ".jpg,.jpeg,.png,image/jpeg,image/png"),
                                    H.attr("aria-describedby", "photo-file-hint"), H.attr("required", nil, keepEmpty: true),
                                ]),
                        ]),
                    H.button(ctx.t("works.add_photo")),
                ]))
        return out
    }
}
