import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The requests wards forwarded to the centre: those waiting for a case (or all), the oldest
/// forward first.
enum WardRequestsPage: Page {
    struct Row: Sendable {
        let id: UUID
        let code: String
        let kind: RequestKind
        let wardName: String
        let residentialGroup: String?
        let forwardedAt: Date
        let caseNumber: String?
    }

    struct Model: Sendable {
        let rows: [Row]
        let all: Bool
        let paging: Paging
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let all = try req.queryChoice("show", Show.self) == .all
        let page = try await CaseRepository(req.store).wardRequests(actor, waitingOnly: !all, page: req.pageSpec)
        return Model(
            rows: page.items.map {
                Row(
                    id: $0.id, code: $0.code, kind: $0.kind, wardName: $0.wardName, residentialGroup: $0.residentialGroup, forwardedAt: $0.forwardedAt,
                    caseNumber: $0.caseNumber)
            }, all: all, paging: Paging(page), zone: req.services.config.timeZone)
    }

    /// `?show=`: the requests waiting for a case, or all of them.
    enum Show: String, CaseIterable { case waiting, all }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("ward_request.list") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            CaseParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("ward_request.intro"))]),
            H.form(
                ctx, action: SiteRoute.wardRequests.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "show", label: ctx.t("ward_request.show"),
                        options: Show.allCases.map { ($0.rawValue, ctx.t("ward_request.show.\($0.rawValue)")) }, selected: m.all ? "all" : "waiting"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("ward_request.list"),
                headers: [
                    ctx.t("request.code"), ctx.t("request.kind"), ctx.t("ward_request.ward"), ctx.t("request.residential_group"),
                    ctx.t("ward_request.forwarded_at"), ctx.t("nav.cases"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.code, SiteRoute.wardRequest(r.id).path), .text(ctx.t("request.kind.\(r.kind.rawValue)")), .text(r.wardName),
                        .text(r.residentialGroup ?? "—"), .text(ctx.timestamp(r.forwardedAt, zone: m.zone)),
                        .text(r.caseNumber ?? ctx.t("ward_request.waiting")),
                    ]
                }, empty: ctx.t(m.all ? "ward_request.none" : "ward_request.none_waiting")),
            H.pager(ctx, m.paging) { SiteRoute.wardRequests.path(query: [("show", m.all ? "all" : nil), ("page", String($0))]) },
        ]
    }
}

/// One request a ward forwarded: what the resident wrote (to a viewer of child protection), the
/// ward's note, the files; a case opened from it, or the request given back with the reason.
enum WardRequestPage: Page {
    static var processing: ProcessingKind? { .`case` }
    /// The request as the page shows it (nil: hidden from a viewer without child protection).
    struct Item: Sendable {
        let id: UUID
        let code: String
        let kind: RequestKind
        let wardName: String
        let residentialGroup: String?
        let anonymous: Bool
        let name: String?
        let phone: String?
        let text: String?
        let receivedAt: Date
        let forwardedAt: Date
        let note: String
        let forwardedBy: String
        let caseID: UUID?
        let caseNumber: String?
        let files: [(id: UUID, fileName: String, size: Int)]
        init(_ v: WardRequestView) {
            id = v.id; code = v.code; kind = v.kind; wardName = v.wardName; residentialGroup = v.residentialGroup; anonymous = v.anonymous
            name = v.name; phone = v.phone; text = v.text; receivedAt = v.receivedAt; forwardedAt = v.forwardedAt; note = v.note
            forwardedBy = v.forwardedBy; caseID = v.caseID; caseNumber = v.caseNumber; files = v.files.map { ($0.id, $0.fileName, $0.size) }
        }
    }

    struct Model: Sendable {
        let r: Item
        let canWork: Bool
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let r = try await CaseRepository(req.store).wardRequest(actor, id: try req.idParameter())
        return Model(r: Item(r), canWork: actor.role.can(.manageCases) && r.caseID == nil, zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("ward_request.title", ["code": m.r.code]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.r
        let hidden = ctx.t("ward_request.hidden")
        var content: [Body] = [
            CaseParts.nav(ctx),
            H.el(.p, [], [H.link(ctx.t("ward_request.list"), SiteRoute.wardRequests.path)]),
            H.dl([
                (ctx.t("request.code"), H.bdi(r.code)), (ctx.t("request.kind"), .text(ctx.t("request.kind.\(r.kind.rawValue)"))),
                (ctx.t("ward_request.ward"), .text(r.wardName)), (ctx.t("request.residential_group"), .text(r.residentialGroup ?? "—")),
                (ctx.t("field.full_name"), .text(r.anonymous ? ctx.t("request.anonymous_sender") : (r.name ?? hidden))),
                (ctx.t("field.phone"), .text(r.phone ?? (r.anonymous ? "—" : hidden))),
                (ctx.t("request.text"), H.el(.p, [("class", "prewrap")], [.text(r.text ?? hidden)])),
                (
                    ctx.t("request.files"),
                    r.files.isEmpty || r.text == nil
                        ? .text(r.files.isEmpty ? "—" : hidden)
                        : H.el(
                            .ul, [("class", "files")],
                            r.files.map { f in
                                H.el(
                                    .li, [], [H.link(f.fileName, SiteRoute.requestFile(f.id).path), .text(" (" + ctx.number((f.size + 1023) / 1024) + " KB)")])
                            })
                ),
                (ctx.t("request.received_at"), .text(ctx.timestamp(r.receivedAt, zone: m.zone))),
                (ctx.t("ward_request.forwarded_at"), .text(ctx.timestamp(r.forwardedAt, zone: m.zone) + (r.forwardedBy.isEmpty ? "" : " — " + r.forwardedBy))),
                (ctx.t("request.forward_note"), H.el(.p, [("class", "prewrap")], [.text(r.note.isEmpty ? "—" : r.note)])),
                (
                    ctx.t("nav.cases"),
                    r.caseID.map { H.link(ctx.t("case.title", ["number": r.caseNumber ?? ""]), SiteRoute.caseItem($0).path) }
                        ?? .text(ctx.t("ward_request.waiting"))
                ),
            ]),
        ]
        guard m.canWork else { return content }
        content.append(
            CaseParts.intake(
                ctx, action: SiteRoute.wardRequestCase(r.id).path, title: ctx.t("ward_request.open_case"), hint: ctx.t("ward_request.open_case_hint")))
        content.append(
            H.form(
                ctx, action: SiteRoute.wardRequestGiveBack(r.id).path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("ward_request.give_back"))]),
                    FeedbackParts.textarea(
                        ctx, name: "reason", label: ctx.t("ward_request.reason"), value: "", errors: [], hint: ctx.t("ward_request.give_back_hint"),
                        id: "f-give-back"),
                    H.button(ctx.t("ward_request.give_back"), kind: "secondary"),
                ]))
        return content
    }
}

/// The centre's pages of the requests wards forward to it.
struct WardRequestsController {
    struct ReasonForm: Content { var reason: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.wardRequests) { req in HTMLResponse(WardRequestsPage.render(PageContext(req), try await WardRequestsPage.model(for: req))) }
        authed.get(.wardRequest(nil)) { req in HTMLResponse(WardRequestPage.render(PageContext(req), try await WardRequestPage.model(for: req))) }
        authed.post(.wardRequestCase(nil), use: openCase)
        authed.post(.wardRequestGiveBack(nil), use: giveBack)
    }

    func openCase(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CasesController.CaseForm.self)
        return try await req.performShowing(back: SiteRoute.wardRequest(id).path) {
            var input = CaseInput()
            input.personName = f.person_name ?? ""; input.kind = f.kind ?? ""; input.riskLevel = f.risk_level ?? ""
            input.riskReason = f.risk_reason ?? ""; input.placement = f.placement ?? ""; input.notDuplicate = f.not_duplicate == "1"
            let caseID = try await CaseRepository(req.store).openCase(actor, fromRequest: id, input)
            return (SiteRoute.caseItem(caseID).path, Message("ward_request.case_opened"))
        }
    }

    func giveBack(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(ReasonForm.self)
        return try await req.performShowing(back: SiteRoute.wardRequest(id).path) {
            try await CaseRepository(req.store).giveBack(actor, requestID: id, reason: f.reason ?? "")
            return (SiteRoute.wardRequests.path, Message("ward_request.given_back"))
        }
    }
}
