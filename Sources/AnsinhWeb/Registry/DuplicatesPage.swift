import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// The duplicate review queue: pairs of persons that look like one, side by side, each to be
/// merged (keeping one of the two) or dismissed.
enum DuplicatesPage: Page {
    /// One side of a pair, as the officer compares it.
    struct Person: Sendable, Equatable {
        let id: UUID
        let fullName: String
        let birth: BirthDate
        let age: Int
        let gender: Gender
        let nationalID: String?
        let householdCode: String?
        let phone: String?
    }

    struct Pair: Sendable, Equatable {
        let id: UUID
        let reason: String
        let a: Person
        let b: Person
    }

    struct Model: Sendable {
        let pairs: [Pair]
        /// Whether the role may look for, merge and dismiss pairs (otherwise only reads).
        let canManage: Bool
        let paging: Paging
    }

    /// The query: the open pairs within the actor's units, a page of them.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let page = try await DuplicateRepository(req.store).open(actor, page: req.pageSpec)
        let today = req.today
        func person(_ p: PersonView, _ household: String?) -> Person {
            Person(
                id: p.id, fullName: p.fullName, birth: p.birth, age: p.birth.age(on: today), gender: p.gender,
                nationalID: p.nationalID, householdCode: household, phone: p.phone)
        }
        return Model(
            pairs: page.items.map { Pair(id: $0.id, reason: $0.reason, a: person($0.a, $0.householdA), b: person($0.b, $0.householdB)) },
            canManage: actor.role.can(.manageRegistry), paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("duplicates.title") }

    static func card(_ ctx: PageContext, _ p: Person) -> Body {
        H.dl([
            (ctx.t("field.full_name"), H.link(p.fullName, SiteRoute.person(p.id).path)),
            (ctx.t("field.birth"), .text(p.birth.formatted(ctx.locale) + " (" + ctx.t("registry.age_years", ["age": "\(p.age)"]) + ")")),
            (ctx.t("field.gender"), .text(ctx.t("gender.\(p.gender.rawValue)"))),
            (ctx.t("field.national_id"), H.bdi(p.nationalID ?? "—")),
            (ctx.t("field.household_code"), H.bdi(p.householdCode ?? "—")),
            (ctx.t("field.phone"), .text(p.phone ?? "—")),
        ])
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [H.el(.p, [("class", "lead")], [.text(ctx.t("duplicates.intro"))])]
        if m.canManage { content.append(H.form(ctx, action: SiteRoute.duplicatesRun.path, [H.button(ctx.t("duplicates.run"))])) }
        if m.pairs.isEmpty { content.append(H.el(.p, [("class", "empty")], [.text(ctx.t("duplicates.none"))])) }
        for pair in m.pairs {
            let actions: [Body] =
                m.canManage
                ? [
                    H.form(
                        ctx, action: SiteRoute.duplicateMerge(pair.id).path, classes: "inline",
                        [H.hidden("keep", "a"), H.button(ctx.t("duplicates.keep_first"), kind: "secondary")]),
                    H.form(
                        ctx, action: SiteRoute.duplicateMerge(pair.id).path, classes: "inline",
                        [H.hidden("keep", "b"), H.button(ctx.t("duplicates.keep_second"), kind: "secondary")]),
                    H.form(ctx, action: SiteRoute.duplicateDismiss(pair.id).path, classes: "inline", [H.button(ctx.t("duplicates.dismiss"), kind: "link")]),
                ] : []
            content.append(
                H.el(
                    .section, [("class", "card pair"), ("aria-label", ctx.t("duplicates.reason.\(pair.reason)"))],
                    [
                        H.el(.h2, [], [.text(ctx.t("duplicates.reason.\(pair.reason)"))]),
                        H.el(.div, [("class", "pair-grid")], [card(ctx, pair.a), card(ctx, pair.b)]),
                        H.el(.div, [("class", "actions")], actions),
                    ]))
        }
        content.append(
            H.pager(ctx, m.paging) { p in
                SiteRoute.duplicates.path(query: [("page", String(p))])
            })
        return content
    }
}
