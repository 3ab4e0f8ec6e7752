import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The cash handout list of each residential group, printed in Vietnamese: name, recipient,
/// months, amount and a box for each recipient to sign.
enum SignaturesPage: Page {
    struct Recipient: Sendable, Equatable {
        let personName: String
        let recipientName: String?
        let months: [String]
        let amount: Int64
    }

    struct Group: Sendable, Equatable {
        /// The residential group (the commune's name for lines without one).
        let name: String
        let recipients: [Recipient]
        var total: Int64 { recipients.reduce(0) { $0 + $1.amount } }
    }

    struct Model: Sendable {
        let month: String
        let groups: [Group]
    }

    /// The query: the cycle's cash lines, one list per group, one row per person.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let repo = PayrollRepository(req.store)
        let c = try await repo.cycle(actor, id)
        let lines = try await repo.allLines(actor, cycleID: id, filter: LineFilter(channel: .cash))
        let groups = Dictionary(grouping: lines, by: \.groupName).sorted { $0.key < $1.key }.map { name, lines -> Group in
            let byPerson: [[LineView]] = Dictionary(grouping: lines, by: \.personID).values.sorted { $0[0].personName < $1[0].personName }
            return Group(name: name.isEmpty ? c.communeName : name, recipients: byPerson.map(recipient))
        }
        return Model(month: c.month.iso, groups: groups)
    }

    /// One person's lines of the cycle as one row: every month, one amount.
    static func recipient(_ ls: [LineView]) -> Recipient {
        let amount = ls.reduce(Int64(0)) { $0 + $1.amount }
        return Recipient(personName: ls[0].personName, recipientName: ls[0].recipientName, months: Set(ls.map(\.month.iso)).sorted(), amount: amount)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("payroll.signature_list") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        if m.groups.isEmpty { return [H.el(.p, [("class", "empty")], [.text(ctx.t("payroll.no_lines"))])] }
        return m.groups.map { g in
            H.el(
                .article, [("class", "certificate signature-list")],
                [
                    H.el(.h2, [], [.text(ctx.t("payroll.signature_title", ["group": g.name, "month": m.month]))]),
                    H.table(
                        caption: ctx.t("payroll.signature_list"),
                        headers: [
                            "#", ctx.t("field.full_name"), ctx.t("decision.recipient"), ctx.t("payroll.months"), ctx.t("allowance.amount"),
                            ctx.t("payroll.signature"),
                        ],
                        rows: g.recipients.enumerated().map { i, r in
                            [
                                .text("\(i + 1)"), .text(r.personName), .text(r.recipientName ?? ""), H.bdi(r.months.joined(separator: ", ")),
                                .text(ctx.money(Dong(r.amount))), .text(" "),
                            ]
                        }, empty: ""),
                    H.el(.p, [], [.text(ctx.t("payroll.signature_total", ["total": ctx.money(Dong(g.total)), "count": ctx.number(g.recipients.count)]))]),
                ])
        }
    }
}
