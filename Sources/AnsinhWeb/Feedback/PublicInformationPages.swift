import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The ward's information for residents (no account, Vietnamese first, fits a phone): a start
/// page, the support regimes explained with this month's amounts, and the lists the law
/// requires to be posted while they are posted.
struct PublicInformationController {
    func register(public html: any RoutesBuilder) {
        html.get(.publicHome) { req in HTMLResponse(PublicHomePage.render(PageContext(req), ())) }
        html.get(.publicSupport) { req in HTMLResponse(SupportGuidePage.render(PageContext(req), try await SupportGuidePage.model(for: req))) }
        html.get(.publicPostings) { req in HTMLResponse(PostingsPage.render(PageContext(req), try await PostingsPage.model(for: req))) }
    }

    /// `?ward=` as typed (the repository checks it) and the wards to choose from.
    static func ward(_ req: Request) async throws -> (typed: String?, wards: [(code: String, name: String)]) {
        let typed = req.query[String.self, at: "ward"].flatMap { $0.isEmpty ? nil : $0 }
        return (typed, try await FeedbackRepository(req).wards().map { ($0.code, $0.name) })
    }

    /// The form that chooses the ward (a GET: the page's address can be shared).
    static func chooser(_ ctx: PageContext, action: String, wards: [(code: String, name: String)], selected: String?) -> Body {
        guard wards.count > 1 else { return .empty }
        return H.form(
            ctx, action: action, method: "get", classes: "filters",
            [
                H.select(ctx, name: "ward", label: ctx.t("public.ward"), options: wards.map { ($0.code, $0.name) }, selected: selected),
                H.button(ctx.t("public.show"), kind: "secondary"),
            ])
    }
}

/// Where a resident starts: what the ward offers online, each a link.
enum PublicHomePage: Page {
    typealias Model = Void

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("public.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let items: [(String, String, String)] = [
            ("public.support", "public.support_intro", SiteRoute.publicSupport.path),
            ("request.public_new", "public.request_intro", SiteRoute.publicRequestNew.path),
            ("request.public_track", "public.track_intro", SiteRoute.publicRequestTrack.path),
            ("announcement.public", "public.announcements_intro", SiteRoute.publicAnnouncements.path),
            ("public.postings", "public.postings_intro", SiteRoute.publicPostings.path),
            ("public.funds", "public.funds_intro", SiteRoute.publicFunds.path),
            ("privacy.notice", "public.privacy_intro", SiteRoute.privacyNotice.path),
        ]
        return [
            H.el(.p, [("class", "lead")], [.text(ctx.t("public.intro"))]),
            H.el(
                .ul, [("class", "cards")],
                items.map { label, intro, path in
                    H.el(.li, [("class", "card")], [H.el(.h2, [], [H.link(ctx.t(label), path)]), H.el(.p, [], [.text(ctx.t(intro))])])
                }),
        ]
    }
}

/// The support regimes in plain words: who, how much this month in this ward, which forms and
/// papers, how long the ward takes, and a link to ask online.
enum SupportGuidePage: Page {
    struct Regime: Sendable {
        let id: String
        let basis: String
        let requestKind: RequestKind
        let lines: [SupportGuide.Amount]
        let forms: [String]
        let papers: [String]
        let answerDays: Int
    }
    struct Model: Sendable {
        let wards: [(code: String, name: String)]
        let wardCode: String?
        let wardName: String?
        let month: YearMonth
        let level: Int64?
        let levelFrom: LocalDate?
        let levelBasis: String?
        let regimes: [Regime]
    }

    static func model(for req: Request) async throws -> Model {
        let (typed, wards) = try await PublicInformationController.ward(req)
        let g = try await PublicInformationRepository(req.store).guide(wardCode: typed, today: req.today)
        return Model(
            wards: wards, wardCode: g.wardCode, wardName: g.wardName, month: g.month, level: g.standardLevel?.amount, levelFrom: g.standardLevel?.from,
            levelBasis: g.standardLevel?.basis,
            regimes: g.regimes.map {
                Regime(
                    id: $0.regime.id, basis: $0.regime.basis, requestKind: $0.regime.requestKind, lines: $0.amounts, forms: $0.regime.forms,
                    papers: $0.regime.papers, answerDays: $0.answerDays)
            })
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("public.support") }

    /// "1,500,000 ₫ a month", "15 kg of rice a person a month", "150,000 ₫ a month, 9 months a year".
    static func amount(_ ctx: PageContext, _ a: SupportGuide.Amount) -> String {
        if let kg = a.kilograms { return ctx.t("guide.kg", ["kg": ctx.number(kg)]) }
        guard let amount = a.amount else { return "—" }
        if let months = a.months { return ctx.t("guide.per_month_for", ["amount": ctx.money(Dong(amount)), "months": ctx.number(months)]) }
        return ctx.money(Dong(amount))
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let month = String(format: "%02d/%d", m.month.month, m.month.year)
        var out: [Body] = [
            PublicInformationController.chooser(ctx, action: SiteRoute.publicSupport.path, wards: m.wards, selected: m.wardCode),
            H.el(.p, [("class", "lead")], [.text(ctx.t("guide.intro", ["ward": m.wardName ?? "—", "month": month]))]),
        ]
        if let level = m.level, let from = m.levelFrom {
            out.append(
                H.el(
                    .p, [],
                    [.text(ctx.t("guide.level", ["amount": ctx.money(Dong(level)), "from": ctx.date(from)])), .text(" "), H.bdi(m.levelBasis ?? "")]))
        }
        out.append(
            H.el(
                .nav, [("aria-label", ctx.t("guide.contents"))],
                [H.el(.ul, [], m.regimes.map { r in H.el(.li, [], [H.link(ctx.t("guide.\(r.id).title"), "#" + r.id)]) })]))
        for r in m.regimes {
            var parts: [Body] = [H.el(.h2, [], [.text(ctx.t("guide.\(r.id).title"))]), H.el(.p, [], [.text(ctx.t("guide.\(r.id).who"))])]
            if !r.lines.isEmpty {
                parts.append(
                    H.table(
                        caption: ctx.t("guide.amounts", ["regime": ctx.t("guide.\(r.id).title")]),
                        headers: [ctx.t("guide.who_column"), ctx.t("guide.coefficient"), ctx.t("guide.amount")],
                        rows: r.lines.map { l in
                            [.text(ctx.t(l.label)), l.coefficient.map { H.bdi($0.description) } ?? .text("—"), .text(amount(ctx, l))]
                        }, empty: ""))
            }
            if !r.forms.isEmpty {
                parts.append(H.el(.p, [], [.text(ctx.t("guide.forms") + " " + r.forms.map { ctx.t("decision.form.\($0)") }.joined(separator: ", "))]))
            }
            if !r.papers.isEmpty {
                parts.append(H.el(.h3, [], [.text(ctx.t("guide.papers"))]))
                parts.append(H.el(.ul, [], r.papers.map { H.el(.li, [], [.text(ctx.t("decision.document.\($0)"))]) }))
            }
            parts.append(H.el(.p, [], [.text(ctx.t("guide.\(r.id).how", ["days": ctx.number(r.answerDays)]))]))
            parts.append(H.el(.p, [("class", "hint")], [.text(ctx.t("guide.basis") + " "), H.bdi(r.basis)]))
            let ask = SiteRoute.publicRequestNew.path(query: [("kind", r.requestKind.rawValue), ("unit", m.wardCode)])
            parts.append(
                H.el(.p, [], [H.link(ctx.t("guide.apply", ["kind": ctx.t("request.kind.\(r.requestKind.rawValue)")]), ask, [("class", "btn btn-primary")])]))
            out.append(H.el(.section, [("id", r.id), ("class", "card")], parts))
        }
        return out
    }
}

/// The poverty review's lists while posted for objections: name, masked national ID,
/// residential group and class; where and until when to object.
enum PostingsPage: Page {
    struct Posting: Sendable { let kind: CampaignKind; let year: Int; let month: Int; let start: LocalDate; let end: LocalDate }
    struct Row: Sendable { let headName: String; let maskedID: String; let groupName: String?; let povertyClass: PovertyClass }
    struct Model: Sendable {
        let wards: [(code: String, name: String)]
        let wardCode: String?
        let wardName: String?
        let postings: [Posting]
        let rows: [Row]
        let paging: Paging
        let perPage: Int
    }

    static func model(for req: Request) async throws -> Model {
        let (typed, wards) = try await PublicInformationController.ward(req)
        let page = try req.pageSpec
        let v = try await PublicInformationRepository(req.store).postings(wardCode: typed, today: req.today, page: page)
        return Model(
            wards: wards, wardCode: v.wardCode, wardName: v.wardName,
            postings: v.postings.map { Posting(kind: $0.kind, year: $0.year, month: $0.month, start: $0.start, end: $0.end) },
            rows: v.rows.items.map { Row(headName: $0.headName, maskedID: $0.maskedID, groupName: $0.groupName, povertyClass: $0.povertyClass) },
            paging: Paging(v.rows), perPage: page.perPage)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("public.postings") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            PublicInformationController.chooser(ctx, action: SiteRoute.publicPostings.path, wards: m.wards, selected: m.wardCode),
            H.el(.p, [("class", "lead")], [.text(ctx.t("posting.intro"))]),
        ]
        guard !m.postings.isEmpty else {
            out.append(H.el(.p, [("class", "empty")], [.text(ctx.t("posting.none", ["ward": m.wardName ?? "—"]))]))
            return out
        }
        for p in m.postings {
            let name =
                p.kind == .periodic
                ? ctx.t("review.campaign_title_periodic", ["year": "\(p.year)", "commune": m.wardName ?? "—"])
                : ctx.t("review.campaign_title_continuous", ["month": String(format: "%02d/%d", p.month, p.year), "commune": m.wardName ?? "—"])
            out.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(name)]),
                        H.el(.p, [], [.text(ctx.t("posting.window", ["start": ctx.date(p.start), "end": ctx.date(p.end)]))]),
                        H.el(
                            .p, [],
                            [
                                .text(ctx.t("posting.object", ["end": ctx.date(p.end)]) + " "),
                                H.link(
                                    ctx.t("request.kind.complaint"),
                                    SiteRoute.publicRequestNew.path(query: [("kind", RequestKind.complaint.rawValue), ("unit", m.wardCode)])),
                            ]),
                    ]))
        }
        let first = (m.paging.page - 1) * m.perPage
        out.append(
            H.table(
                caption: ctx.t("public.postings"),
                headers: ["#", ctx.t("registry.head"), ctx.t("field.national_id"), ctx.t("unitkind.residential_group"), ctx.t("review.class")],
                rows: m.rows.enumerated().map { i, r in
                    [
                        .text(ctx.number(first + i + 1)), .text(r.headName), H.bdi(r.maskedID), .text(r.groupName ?? "—"),
                        .text(ReviewParts.className(ctx, r.povertyClass)),
                    ]
                }, empty: ctx.t("review.no_households")))
        out.append(
            H.pager(ctx, m.paging) { SiteRoute.publicPostings.path(query: [("ward", m.wardCode), ("page", "\($0)")]) })
        out.append(H.el(.p, [("class", "hint")], [.text(ctx.t("posting.note"))]))
        return out
    }
}
