import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The poor and near-poor households of a review, for printing (at most 100,000).
enum CampaignPrint {
    struct Model: Sendable {
        let name: CampaignsPage.Name
        let period: Int
        let decisionNumber: String?
        let decisionDate: LocalDate?
        let entries: [ReviewEntryRow]
    }

    /// The query: the campaign and its poor then near-poor households; `decided` refuses a
    /// campaign not yet closed by its decision.
    static func model(for req: Request, decided: Bool) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let repo = ReviewRepository(req.store)
        let (c, _) = try await repo.campaign(actor, id: id)
        if decided && c.step != .closed { throw AppError.conflict(Message("review.error.not_decided")) }
        var entries: [ReviewEntryRow] = []
        for filter in [ReviewRepository.EntryFilter.poor, .nearPoor] {
            var page = 1
            while page <= 500 {
                let p = try await repo.entries(actor, campaignID: id, filter: filter, page: PageSpec(page: page, perPage: PageSpec.maxPerPage))
                entries += p.items.map(ReviewEntryRow.init)
                if page >= p.pageCount { break }
                page += 1
            }
        }
        return Model(name: CampaignsPage.Name(c), period: c.period, decisionNumber: c.decisionNumber, decisionDate: c.decisionDate, entries: entries)
    }
}

/// The list posted at the commune office and the residential groups: head, masked national
/// ID, address, group and class.
enum PostingListPage: Page {
    typealias Model = CampaignPrint.Model

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.posting_list") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "print-header")], [.text(ctx.t("review.posting_list_header", ["commune": m.name.communeName, "period": "\(m.period)"]))]),
            H.table(
                caption: ctx.t("review.posting_list"),
                headers: [
                    "#", ctx.t("registry.head"), ctx.t("field.national_id"), ctx.t("field.address"), ctx.t("unitkind.residential_group"), ctx.t("review.class"),
                ],
                rows: m.entries.enumerated().map { i, e in
                    [
                        .text("\(i + 1)"), .text(e.headName ?? "—"), H.bdi(ReviewParts.masked(e.headNationalID)), .text(e.address),
                        .text(e.groupName ?? "—"), .text(ReviewParts.className(ctx, e.povertyClass)),
                    ]
                }, empty: ctx.t("review.no_households")),
            H.el(.p, [("class", "hint")], [.text(ctx.t("review.posting_list_note"))]),
        ]
    }
}

/// One certificate per poor or near-poor household of a decided review, numbered after the
/// decision.
enum CertificatesPage: Page {
    typealias Model = CampaignPrint.Model

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.certificates") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        if m.entries.isEmpty { return [H.el(.p, [("class", "empty")], [.text(ctx.t("review.no_certificates"))])] }
        let commune = m.name.communeName
        return m.entries.enumerated().map { i, e in
            H.el(
                .article, [("class", "certificate")],
                [
                    H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                    H.el(.h2, [], [.text(ctx.t(e.povertyClass == .poor ? "review.cert_title_poor" : "review.cert_title_near_poor"))]),
                    H.dl([
                        (ctx.t("review.cert_number"), H.bdi("\(m.decisionNumber ?? "")/\(String(format: "%05d", i + 1))")),
                        (ctx.t("registry.head"), .text(e.headName ?? "—")),
                        (ctx.t("field.household_code"), H.bdi(e.householdCode)),
                        (ctx.t("field.address"), .text(e.address + ", " + commune)),
                        (ctx.t("field.period"), .text("\(m.period)")),
                        (ctx.t("review.decision"), .text("\(m.decisionNumber ?? "") — \(m.decisionDate.map(ctx.date) ?? "")")),
                    ]),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("review.cert_signature", ["commune": commune]))]),
                ])
        }
    }
}
