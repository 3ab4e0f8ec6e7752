import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum DuplicatePages {
    static func card(_ ctx: PageContext, _ p: PersonView, household: String?, today: LocalDate) -> Body {
        H.dl([
            (ctx.t("field.full_name"), H.link(p.fullName, SiteRoute.person(p.id).path)),
            (ctx.t("field.birth"), .text(p.birth.formatted(ctx.locale) + " (" + ctx.t("registry.age_years", ["age": "\(p.birth.age(on: today))"]) + ")")),
            (ctx.t("field.gender"), .text(ctx.t("gender.\(p.gender.rawValue)"))),
            (ctx.t("field.national_id"), H.bdi(p.nationalID ?? "—")),
            (ctx.t("field.household_code"), H.bdi(household ?? "—")),
            (ctx.t("field.phone"), .text(p.phone ?? "—")),
        ])
    }

    static func list(_ ctx: PageContext, page: ResultPage<DuplicatePairView>, today: LocalDate) -> String {
        let canManage = ctx.actor!.role.can(.manageRegistry)
        var content: [Body] = [H.el(.p, [("class", "lead")], [.text(ctx.t("duplicates.intro"))])]
        if canManage {
            content.append(H.form(ctx, action: SiteRoute.duplicatesRun.path, [H.button(ctx.t("duplicates.run"))]))
        }
        if page.items.isEmpty { content.append(H.el(.p, [("class", "empty")], [.text(ctx.t("duplicates.none"))])) }
        for pair in page.items {
            var actions: [Body] = []
            if canManage {
                actions = [
                    H.form(
                        ctx, action: SiteRoute.duplicateMerge(pair.id).path, classes: "inline",
                        [H.hidden("keep", "a"), H.button(ctx.t("duplicates.keep_first"), kind: "secondary")]),
                    H.form(
                        ctx, action: SiteRoute.duplicateMerge(pair.id).path, classes: "inline",
                        [H.hidden("keep", "b"), H.button(ctx.t("duplicates.keep_second"), kind: "secondary")]),
                    H.form(ctx, action: SiteRoute.duplicateDismiss(pair.id).path, classes: "inline", [H.button(ctx.t("duplicates.dismiss"), kind: "link")]),
                ]
            }
            content.append(
                H.el(
                    .section, [("class", "card pair"), ("aria-label", ctx.t("duplicates.reason.\(pair.reason)"))],
                    [
                        H.el(.h2, [], [.text(ctx.t("duplicates.reason.\(pair.reason)"))]),
                        H.el(
                            .div, [("class", "pair-grid")],
                            [
                                card(ctx, pair.a, household: pair.householdA, today: today),
                                card(ctx, pair.b, household: pair.householdB, today: today),
                            ]),
                        H.el(.div, [("class", "actions")], actions),
                    ]))
        }
        content.append(
            H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                SiteRoute.duplicates.path(query: [("page", String(p))])
            })
        return Layout.render(ctx, title: ctx.t("duplicates.title"), content)
    }
}
