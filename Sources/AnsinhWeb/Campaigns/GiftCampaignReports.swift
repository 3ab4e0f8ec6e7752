import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The signature list of a campaign for one residential group, as printed and signed on the
/// day, in Vietnamese.
enum GiftSignaturesPage: Page {
    struct Model: Sendable {
        let campaign: GiftCampaignRecord
        let groupName: String?
        let lines: [GiftEntryRow]
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("campaign.signatures_title", ["name": m.campaign.row.name]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let values = Dictionary(m.campaign.types.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        return [
            H.el(
                .article, [("class", "certificate letter")],
                [
                    H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                    H.el(.h2, [], [.text(ctx.t("campaign.signatures_heading"))]),
                    H.el(
                        .p, [],
                        [
                            .text(
                                ctx.t(
                                    "campaign.signatures_of",
                                    ["campaign": m.campaign.row.name, "unit": m.campaign.unitName, "group": m.groupName ?? m.campaign.unitName]))
                        ]),
                    H.table(
                        caption: ctx.t("campaign.lines"),
                        headers: [
                            ctx.t("campaign.row_number"), ctx.t("field.full_name"), ctx.t("campaign.household"), ctx.t("campaign.gift_type"),
                            ctx.t("campaign.value"), ctx.t("campaign.signature"),
                        ],
                        rows: m.lines.enumerated().map { n, e in
                            [
                                H.bdi("\(n + 1)"), .text(e.name.isEmpty ? "—" : e.name), H.bdi(e.householdCode), .text(e.giftType),
                                H.bdi(ctx.money(Dong(values[e.giftType] ?? 0))),
                                .text(e.status == "handed" ? ctx.t("campaign.line.handed") : ""),
                            ]
                        }, empty: ctx.t("campaign.no_list")),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("campaign.signatures_footer"))]),
                ])
        ]
    }
}

/// The gifts handed out in a year: by campaign, residential group, target category and source.
enum GiftReportPage: Page {
    typealias Model = GiftReport

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("campaign.report_title", ["year": "\(m.year)"]) }

    static func table(_ ctx: PageContext, _ caption: String, _ lines: [GiftReport.Line], label: (String) -> String) -> Body {
        H.table(
            caption: caption, headers: [caption, ctx.t("campaign.gifts"), ctx.t("campaign.value")],
            rows: lines.map { [.text(label($0.key)), H.bdi("\($0.gifts)"), H.bdi(ctx.money(Dong($0.value)))] }, empty: ctx.t("campaign.no_gifts"))
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            CampaignParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.giftReport.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.dl([(ctx.t("campaign.gifts"), H.bdi("\(m.total)")), (ctx.t("campaign.value"), H.bdi(ctx.money(Dong(m.value))))]),
            table(ctx, ctx.t("campaign.by_campaign"), m.byCampaign) { $0 },
            table(ctx, ctx.t("campaign.group"), m.byGroup) { $0 },
            table(ctx, ctx.t("campaign.category"), m.byCategory) { ctx.t("campaign.category.\($0)") },
            table(ctx, ctx.t("campaign.source"), m.bySource) { $0 },
        ]
    }
}

/// People with meritorious service and their relatives: the records by category and the form
/// for a new one.
enum MeritPage: Page {
    struct Model: Sendable {
        let rows: [MeritRow]
        let paging: Paging
        let category: MeritCategory?
        let persons: [(String, String)]
        let canAdd: Bool
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let category = try req.queryChoice("category", MeritCategory.self)
        let page = try await GiftCampaignRepository(req.store).merits(actor, category: category, page: req.pageSpec)
        let canAdd = actor.role.can(.manageRegistry)
        let persons =
            canAdd
            ? try await RegistryRepository(req.store).persons(actor, query: nil, page: PageSpec(page: 1, perPage: 200)).items.map {
                ($0.id.uuidString, $0.fullName)
            } : []
        return Model(rows: page.items, paging: Paging(page), category: category, persons: persons, canAdd: canAdd, today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("campaign.merit") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let categories = MeritCategory.allCases.map { ($0.rawValue, ctx.t("merit.\($0.rawValue)")) }
        var out: [Body] = [
            CampaignParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.merit.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "category", label: ctx.t("campaign.category"), options: categories, selected: m.category?.rawValue, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("campaign.merit"),
                headers: [ctx.t("field.full_name"), ctx.t("campaign.category"), ctx.t("merit.detail"), ctx.t("merit.since"), ctx.t("merit.document")],
                rows: m.rows.map {
                    [
                        H.link($0.personName, SiteRoute.person($0.personID).path), .text(ctx.t("merit.\($0.category.rawValue)")), .text($0.detail),
                        .text(ctx.date($0.since)), .text($0.document),
                    ]
                }, empty: ctx.t("merit.none")),
            H.pager(ctx, m.paging) { SiteRoute.merit.path(query: [("page", String($0)), ("category", m.category?.rawValue)]) },
        ]
        guard m.canAdd else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.merit.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("merit.add"))]),
                    H.select(ctx, name: "person_id", label: ctx.t("field.full_name"), options: m.persons, selected: nil, includeBlank: true),
                    H.select(ctx, name: "category", label: ctx.t("campaign.category"), options: categories, selected: nil, id: "merit-category"),
                    H.field(ctx, name: "detail", label: ctx.t("merit.detail"), hint: ctx.t("merit.detail_hint")),
                    H.field(ctx, name: "since", label: ctx.t("merit.since"), value: m.today.iso, type: "date", required: true),
                    H.field(ctx, name: "document", label: ctx.t("merit.document"), required: true),
                    H.button(ctx.t("merit.add")),
                ]))
        return out
    }
}

/// The ward's year on one page: households by official class, gifts, gratitude-house repairs,
/// allowances paid, people with meritorious service — counted from the records when asked.
enum WardReportPage: Page {
    struct Model: Sendable {
        let wards: [(code: String, name: String)]
        let code: String
        let year: Int
        let figures: WardFigures?
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.viewFunds)
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let wards = try await UnitRepository(req.store).all(actor, kinds: [.commune]).prefix(500).map { (code: $0.code, name: $0.name) }
        let code = String((req.query[String.self, at: "unit"] ?? wards.first?.code ?? "").prefix(50))
        let figures = code.isEmpty ? nil : try await GiftCampaignRepository(req.store).wardFigures(actor, unitCode: code, year: year)
        return Model(wards: Array(wards), code: code, year: year, figures: figures)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("campaign.ward_report_title", ["year": "\(m.year)"]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            CampaignParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.wardReport.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "unit", label: ctx.t("unitkind.commune"), options: m.wards.map { ($0.code, $0.name) }, selected: m.code),
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
        ]
        guard let f = m.figures else { return out + [H.el(.p, [], [.text(ctx.t("campaign.no_ward"))])] }
        out.append(
            H.dl([
                (ctx.t("campaign.figure.poor"), H.bdi("\(f.poorHouseholds)")), (ctx.t("campaign.figure.near_poor"), H.bdi("\(f.nearPoorHouseholds)")),
                (ctx.t("campaign.gifts"), H.bdi("\(f.gifts.total)")), (ctx.t("campaign.value"), H.bdi(ctx.money(Dong(f.gifts.value)))),
                (ctx.t("campaign.figure.repairs"), H.bdi("\(f.gratitudeHouseRepairs) · " + ctx.money(Dong(f.gratitudeHouseRepairValue)))),
                (ctx.t("campaign.figure.recipients"), H.bdi("\(f.allowanceRecipients)")),
                (ctx.t("campaign.figure.paid"), H.bdi(ctx.money(Dong(f.allowancePaid)))),
                (ctx.t("campaign.figure.merit"), H.bdi("\(f.meritPersons)")),
                (ctx.t("livelihood.figure.counselled"), H.bdi("\(f.livelihood.counselled)")),
                (ctx.t("livelihood.figure.placed"), H.bdi("\(f.livelihood.placed)")),
                (ctx.t("livelihood.figure.completed"), H.bdi("\(f.livelihood.coursesCompleted)")),
                (ctx.t("livelihood.figure.employed", ["n": "\(f.livelihood.reportMonth)"]), H.bdi("\(f.livelihood.employedAfter)")),
                (ctx.t("loan.figure.confirmed"), H.bdi("\(f.livelihood.loansConfirmed)")),
                (ctx.t("loan.figure.disbursed"), H.bdi("\(f.livelihood.loansDisbursed) · " + ctx.money(Dong(f.livelihood.loansDisbursedAmount)))),
                (
                    ctx.t("business.figure.started"),
                    H.bdi("\(f.livelihood.businessesStarted) · " + ctx.t("business.figure.operating", ["n": "\(f.livelihood.businessesOperating)"]))
                ),
                (ctx.t("education.figure.exempted", ["year": f.education.schoolYear.label]), H.bdi("\(f.education.feeExempted)")),
                (
                    ctx.t("education.figure.learning_cost", ["year": f.education.schoolYear.label]),
                    H.bdi("\(f.education.learningCost) · " + ctx.money(Dong(f.education.learningCostAmount)))
                ),
                (ctx.t("education.figure.books"), H.bdi("\(f.education.booksHandedOut)")),
                (ctx.t("education.figure.scholarships"), H.bdi("\(f.education.scholarships) · " + ctx.money(Dong(f.education.scholarshipAmount)))),
                (
                    ctx.t("works.figure.completed"),
                    .text(
                        "\(f.works.total)"
                            + (f.works.completed.isEmpty
                                ? ""
                                : " — "
                                    + WorkKind.allCases.compactMap { k in f.works.completed[k].map { ctx.t("works.kind.\(k.rawValue)") + ": \($0)" } }
                                    .joined(separator: ", ")))
                ),
            ]))
        out.append(GiftReportPage.table(ctx, ctx.t("campaign.by_campaign"), f.gifts.byCampaign) { $0 })
        return out
    }
}
