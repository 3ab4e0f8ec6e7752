import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The donors of the viewer's units: search by name however typed, possible duplicates, and
/// the form for a new donor.
enum DonorsPage: Page {
    struct Model: Sendable {
        let rows: [DonorRow]
        let query: String
        let paging: Paging
        let duplicates: [[DonorRow]]
        let canCreate: Bool
        let units: [(String, String)]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let q = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let repo = FundRepository(req.store)
        let page = try await repo.donors(actor, query: q, page: req.pageSpec)
        let canCreate = actor.role.can(.manageFunds)
        let units = canCreate ? try await req.unitChoices(actor, kinds: [.commune, .centre]) : []
        return Model(
            rows: page.items, query: q, paging: Paging(page), duplicates: try await repo.donorDuplicates(actor).prefix(50).map { $0 }, canCreate: canCreate,
            units: units)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("fund.donors") }

    static func row(_ ctx: PageContext, _ d: DonorRow) -> [Body] {
        [
            H.link(d.name, SiteRoute.donor(d.id).path), .text(ctx.t("fund.donor_kind.\(d.kind.rawValue)")), H.bdi(d.taxCode ?? "—"), .text(d.contact),
            .text(d.anonymous ? ctx.t("fund.anonymous") : ""),
        ]
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let headers = [ctx.t("field.name"), ctx.t("field.kind"), ctx.t("fund.tax_code"), ctx.t("fund.contact"), ctx.t("fund.anonymous")]
        var out: [Body] = [
            FundParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.donors.path, method: "get", classes: "filters",
                [H.field(ctx, name: "q", label: ctx.t("common.search"), value: m.query, type: "search"), H.button(ctx.t("common.search"), kind: "secondary")]),
            H.table(caption: ctx.t("fund.donors"), headers: headers, rows: m.rows.map { row(ctx, $0) }, empty: ctx.t("fund.no_donors")),
            H.pager(ctx, m.paging) { SiteRoute.donors.path(query: [("page", String($0)), ("q", m.query)]) },
        ]
        if !m.duplicates.isEmpty {
            out.append(H.el(.h2, [], [.text(ctx.t("fund.possible_duplicates"))]))
            out.append(H.el(.p, [("class", "hint")], [.text(ctx.t("fund.duplicates_hint"))]))
            for (n, group) in m.duplicates.enumerated() {
                out.append(
                    H.table(caption: ctx.t("fund.duplicate_group", ["n": "\(n + 1)"]), headers: headers, rows: group.map { row(ctx, $0) }, empty: ""))
            }
        }
        guard m.canCreate else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.donors.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("fund.new_donor"))]),
                    m.units.isEmpty ? .empty : H.select(ctx, name: "unit_id", label: ctx.t("field.unit"), options: m.units, selected: nil),
                ] + Self.fields(ctx, nil) + [H.button(ctx.t("fund.new_donor"))]))
        return out
    }

    /// A donor's fields, empty for a new one or holding what is recorded (the correction form).
    static func fields(_ ctx: PageContext, _ d: DonorRow?) -> [Body] {
        [
            H.select(
                ctx, name: "kind", label: ctx.t("field.kind"), options: DonorKind.allCases.map { ($0.rawValue, ctx.t("fund.donor_kind.\($0.rawValue)")) },
                selected: d?.kind.rawValue),
            H.field(ctx, name: "name", label: ctx.t("field.name"), value: d?.name ?? "", required: true, id: "donor-name"),
            H.field(ctx, name: "tax_code", label: ctx.t("fund.tax_code"), value: d?.taxCode ?? "", hint: ctx.t("fund.tax_code_hint")),
            H.field(ctx, name: "contact", label: ctx.t("fund.contact"), value: d?.contact ?? ""),
            H.field(ctx, name: "phone", label: ctx.t("field.phone"), value: d?.phone ?? "", type: "tel"),
            H.field(ctx, name: "email", label: ctx.t("field.email"), value: d?.email ?? "", type: "email"),
            H.field(ctx, name: "address", label: ctx.t("field.address"), value: d?.address ?? ""),
            RegistryFields.checkbox(ctx, name: "anonymous", label: ctx.t("fund.anonymous_wish"), checked: d?.anonymous ?? false),
        ]
    }
}

/// One donor and what they gave.
enum DonorPage: Page {
    static var processing: ProcessingKind? { .donation }
    struct Model: Sendable {
        let donor: DonorRow
        let receipts: [ReceiptRow]
        /// What the donor promised and how much of it came, fund by fund.
        let pledges: [PledgeRow]
        let paging: Paging
        /// Whether the viewer may correct the donor's details (and hold them past retention).
        var canEdit = false
        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor(), id = try req.idParameter()
        let repo = FundRepository(req.store)
        let donor = try await repo.donor(actor, id: id)
        let page = try await repo.receipts(actor, fundID: nil, donorID: id, page: req.pageSpec)
        return Model(
            donor: donor, receipts: page.items, pledges: try await repo.pledges(actor, donorID: id, today: req.today), paging: Paging(page),
            canEdit: actor.role.can(.manageFunds), zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.donor.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let d = m.donor
        return [
            FundParts.nav(ctx),
            H.dl([
                (ctx.t("field.kind"), .text(ctx.t("fund.donor_kind.\(d.kind.rawValue)"))), (ctx.t("fund.tax_code"), H.bdi(d.taxCode ?? "—")),
                (ctx.t("fund.contact"), .text(d.contact)), (ctx.t("field.phone"), H.bdi(d.phone)), (ctx.t("field.email"), H.bdi(d.email)),
                (ctx.t("field.address"), .text(d.address)), (ctx.t("fund.anonymous"), .text(ctx.t(d.anonymous ? "common.yes" : "common.no"))),
            ]),
            H.table(
                caption: ctx.t("fund.receipts"), headers: [ctx.t("fund.number"), ctx.t("field.date"), ctx.t("fund.method"), ctx.t("field.amount")],
                rows: m.receipts.map { r in
                    [
                        H.link(r.number, SiteRoute.fundReceipt(r.id).path), .text(ctx.date(r.receivedOn)), .text(ctx.t("fund.method.\(r.method.rawValue)")),
                        FundParts.money(ctx, r.amount),
                    ]
                }, empty: ctx.t("fund.no_receipts")),
            H.pager(ctx, m.paging) { SiteRoute.donor(d.id).path(query: [("page", String($0))]) },
            PledgeParts.list(ctx, m.pledges, canManage: false, byFund: true),
            m.canEdit && d.anonymisedAt == nil
                ? H.el(
                    .details, [("class", "card")],
                    [
                        H.el(.summary, [], [.text(ctx.t("fund.edit_donor"))]),
                        H.form(ctx, action: SiteRoute.donor(d.id).path, DonorsPage.fields(ctx, d) + [H.button(ctx.t("common.save"), kind: "secondary")]),
                    ]) : .empty,
            d.kind == .individual ? retention(ctx, m) : .empty,
        ]
    }

    /// An individual donor's details are anonymised their years after the end of the year of
    /// their last gift or pledge; the gifts' amounts stay. A legal hold keeps them whole.
    static func retention(_ ctx: PageContext, _ m: Model) -> Body {
        RetentionSection.render(
            ctx, anonymisedAt: m.donor.anonymisedAt, anonymisedKey: "retention.donor_anonymised", legalHold: m.donor.legalHold,
            pending: ctx.t("retention.donor_due_after", ["years": "\(RetentionRepository.donationRule.years)"]), canHold: m.canEdit,
            action: SiteRoute.donorHold(m.donor.id).path, zone: m.zone)
    }
}

/// A fund's books for a month: every line of every journal in the order posted, with the
/// month's debits and credits.
enum FundLedgerPage: Page {
    struct Model: Sendable {
        let fundID: UUID
        let fundName: String
        let month: YearMonth
        let entries: [EntryRow]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor(), id = try req.idParameter()
        let month = try req.queryValue("month", invalid: "validation.month", YearMonth.init(iso:)) ?? req.today.yearMonth
        let repo = FundRepository(req.store)
        let fund = try await repo.fund(actor, id: id)
        return Model(fundID: id, fundName: fund.row.name, month: month, entries: try await repo.ledger(actor, fundID: id, month: month))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("fund.ledger_of", ["fund": m.fundName, "month": m.month.iso]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let money = { (v: Int64) in v == 0 ? Body.text("") : FundParts.money(ctx, v) }
        let debit = m.entries.reduce(Int64(0)) { $0 + $1.line.debit }, credit = m.entries.reduce(Int64(0)) { $0 + $1.line.credit }
        return [
            FundParts.nav(ctx),
            H.link(m.fundName, SiteRoute.fund(m.fundID).path),
            H.form(
                ctx, action: SiteRoute.fundLedger(m.fundID).path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "month", label: ctx.t("field.month"), value: m.month.iso, type: "month"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("fund.ledger"),
                headers: [
                    ctx.t("field.date"), ctx.t("fund.journal"), ctx.t("fund.number"), ctx.t("fund.account"), ctx.t("fund.earmark"), ctx.t("fund.debit"),
                    ctx.t("fund.credit"),
                ],
                rows: m.entries.map { e in
                    [
                        .text(ctx.date(e.postedOn)), .text(ctx.t("fund.journal.\(e.journalKind)")), .text(e.memo),
                        .text(ctx.t("fund.account.\(e.line.account.rawValue)")),
                        .text(FundPage.earmark(ctx, e.line.earmark)), money(e.line.debit), money(e.line.credit),
                    ]
                } + (m.entries.isEmpty ? [] : [[.text(ctx.t("fund.total")), .text(""), .text(""), .text(""), .text(""), money(debit), money(credit)]]),
                empty: ctx.t("fund.no_entries")),
        ]
    }
}
