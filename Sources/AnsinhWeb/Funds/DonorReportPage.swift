import AnsinhCore
import AnsinhStore
import Vapor

/// A fund's report to its donors for a year, printable: what was given out, each beneficiary
/// named only with their consent in force (`PersonConsentPurpose.nameToDonors`).
enum DonorReportPage: Page {
    typealias Model = DonorReport

    static func model(for req: Request) async throws -> DonorReport {
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        return try await FundRepository(req.store).donorReport(try req.requireActor(), fundID: try req.idParameter(), year: year)
    }

    static func title(_ ctx: PageContext, _ m: DonorReport) -> String {
        ctx.t("fund.donor_report_title", ["fund": m.fundName, "year": "\(m.year)"])
    }

    static func body(_ ctx: PageContext, _ m: DonorReport) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("fund.donor_report_intro"))]),
            H.form(
                ctx, action: SiteRoute.fundDonorReport(m.fundID).path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(
                .p, [],
                [
                    .text(
                        ctx.t(
                            "fund.donor_report_totals", ["count": ctx.number(m.lines.count), "total": ctx.money(Dong(m.total)), "named": ctx.number(m.named)]))
                ]),
            H.table(
                caption: ctx.t("fund.donor_report"),
                headers: [ctx.t("fund.number"), ctx.t("field.date"), ctx.t("field.kind"), ctx.t("fund.beneficiary"), ctx.t("field.amount")],
                rows: m.lines.map { l in
                    [
                        H.bdi(l.number), .text(ctx.date(l.day)), .text(ctx.t("fund.kind.\(l.kind.rawValue)")),
                        l.name.map { H.bdi($0) }
                            ?? .text(
                                ctx.t("fund.beneficiary.\(l.beneficiary.rawValue)")
                                    + (l.beneficiary == .person || l.beneficiary == .resident ? " — " + ctx.t("fund.donor_report_withheld") : "")),
                        .text(ctx.money(Dong(l.amount))),
                    ]
                }, empty: ctx.t("fund.donor_report_none")),
        ]
    }
}
