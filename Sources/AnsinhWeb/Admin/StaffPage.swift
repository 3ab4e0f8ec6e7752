import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The centre's job-position plan on a day (approved and filled, by department), its staff,
/// and (for who keeps it) the forms to add a position, place a member and record a leaving.
enum StaffPage: Page {
    struct Line: Sendable, Equatable { let positionID: UUID; let department: String; let title: String; let approved: Int; let filled: Int }
    struct Member: Sendable, Equatable {
        let id: UUID; let fullName: String; let department: String; let position: String; let qualification: String; let startedOn: LocalDate
        let leftOn: LocalDate?; let username: String?
    }
    struct Model: Sendable {
        let day: LocalDate
        let lines: [Line]
        let members: [Member]
        let paging: Paging
        let departments: [(String, String)]
        let canManage: Bool
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let day = try req.queryDate("day") ?? req.today
        let repo = StaffRepository(req.store)
        let lines = try await repo.plan(actor, on: day).map {
            Line(positionID: $0.positionID, department: $0.department, title: $0.title, approved: $0.approved, filled: $0.filled)
        }
        let page = try await repo.members(actor, page: req.pageSpec)
        let canManage = actor.role.can(.manageUnits)
        let departments = canManage ? try await UnitRepository(req.store).all(actor, kinds: [.department]).map { ($0.id.uuidString, $0.name) } : []
        return Model(
            day: day, lines: lines,
            members: page.items.map {
                Member(
                    id: $0.id, fullName: $0.fullName, department: $0.department, position: $0.position, qualification: $0.qualification,
                    startedOn: $0.startedOn, leftOn: $0.leftOn, username: $0.username)
            }, paging: Paging(page), departments: departments, canManage: canManage)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("staff.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let approved = m.lines.reduce(0) { $0 + $1.approved }, filled = m.lines.reduce(0) { $0 + $1.filled }
        var content: [Body] = [
            H.el(.p, [("class", "lead")], [.text(ctx.t("staff.intro"))]),
            H.form(
                ctx, action: SiteRoute.staff.path, method: "get", classes: "filters",
                [H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.day.iso, type: "date"), H.button(ctx.t("common.filter"), kind: "secondary")]),
            H.table(
                caption: ctx.t("staff.plan_on", ["day": ctx.date(m.day)]),
                headers: [ctx.t("unitkind.department"), ctx.t("staff.position"), ctx.t("staff.approved"), ctx.t("staff.filled")],
                rows: m.lines.map { [.text($0.department), .text($0.title), .text(ctx.number($0.approved)), .text(ctx.number($0.filled))] }
                    + (m.lines.isEmpty ? [] : [[.text(ctx.t("staff.total")), .text(""), .text(ctx.number(approved)), .text(ctx.number(filled))]]),
                empty: ctx.t("staff.no_positions")),
            H.el(.h2, [], [.text(ctx.t("staff.members"))]),
            H.table(
                caption: ctx.t("staff.members"),
                headers: [
                    ctx.t("field.full_name"), ctx.t("unitkind.department"), ctx.t("staff.position"), ctx.t("staff.qualification"), ctx.t("staff.started_on"),
                    "",
                ],
                rows: m.members.map { s in
                    [
                        .text(s.fullName + (s.username.map { " (\($0))" } ?? "")), .text(s.department), .text(s.position), .text(s.qualification),
                        .text(ctx.date(s.startedOn) + (s.leftOn.map { " – " + ctx.date($0) } ?? "")),
                        m.canManage && s.leftOn == nil
                            ? H.form(
                                ctx, action: SiteRoute.staffLeave(s.id).path, classes: "inline",
                                [
                                    H.field(
                                        ctx, name: "left_on", label: ctx.t("staff.left_on"), value: "", type: "date", required: true,
                                        id: "leave-\(s.id.uuidString)"),
                                    H.button(ctx.t("staff.leave"), kind: "secondary"),
                                ]) : .empty,
                    ]
                }, empty: ctx.t("staff.no_members")),
            H.pager(ctx, m.paging) { SiteRoute.staff.path(query: [("page", String($0)), ("day", m.day.iso)]) },
        ]
        if m.canManage {
            content.append(
                H.form(
                    ctx, action: SiteRoute.staffPositions.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("staff.add_position"))]),
                        H.select(ctx, name: "department_id", label: ctx.t("unitkind.department"), options: m.departments, selected: nil, id: "pos-department"),
                        H.field(ctx, name: "position_title", label: ctx.t("staff.position"), required: true),
                        H.field(ctx, name: "approved", label: ctx.t("staff.approved"), value: "1", type: "number", required: true),
                        H.button(ctx.t("staff.add_position")),
                    ]))
            content.append(
                H.form(
                    ctx, action: SiteRoute.staffMembers.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("staff.add_member"))]),
                        H.select(
                            ctx, name: "position_id", label: ctx.t("staff.position"),
                            options: m.lines.map { ($0.positionID.uuidString, "\($0.department) — \($0.title)") },
                            selected: nil),
                        H.field(ctx, name: "full_name", label: ctx.t("field.full_name"), required: true),
                        H.field(ctx, name: "qualification", label: ctx.t("staff.qualification"), required: true),
                        H.field(ctx, name: "started_on", label: ctx.t("staff.started_on"), value: m.day.iso, type: "date", required: true),
                        H.field(ctx, name: "username", label: ctx.t("staff.account"), hint: ctx.t("staff.account_hint")),
                        H.button(ctx.t("staff.add_member")),
                    ]))
        }
        return content
    }
}
