import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Gift campaigns in the browser: a campaign and its rule, gift types, the list it produces per
/// residential group, the ticked hand-out and the signature lists, gifts not handed out, the
/// closing; the year's gifts; merit records; the ward's dashboard.
struct GiftCampaignController {
    func register(authed: any RoutesBuilder) {
        authed.get(.giftCampaigns, use: list)
        authed.post(.giftCampaigns, use: create)
        authed.get(.giftCampaign(nil), use: show)
        authed.post(.giftTypes(nil), use: addType)
        authed.post(.giftGenerate(nil), use: generate)
        authed.post(.giftHandouts(nil), use: handOut)
        authed.post(.giftClose(nil), use: close)
        authed.post(.giftHold(nil)) { try await RetentionSection.hold($0, GiftCampaignModel.self, back: { SiteRoute.giftCampaign($0) }) }
        authed.get(.giftSignatures(nil), use: signatures)
        authed.get(.giftReport, use: report)
        authed.get(.merit, use: merit)
        authed.post(.merit, use: addMerit)
        authed.get(.wardReport, use: ward)
    }

    struct CampaignForm: Content {
        var unit_id: String?; var name: String?; var occasion: String?; var day: String?; var per: String?; var categories: [String]?
    }
    struct TypeForm: Content { var name: String?; var kind: String?; var value: String?; var fund_id: String?; var source: String?; var stock: String? }
    struct HandoutForm: Content { var entries: [String]?; var handed_on: String?; var reason: String?; var outcome: String? }
    struct MeritForm: Content { var person_id: String?; var category: String?; var detail: String?; var since: String?; var document: String? }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(GiftCampaignsPage.render(PageContext(req), try await GiftCampaignsPage.model(for: req)))
    }
    func show(req: Request) async throws -> HTMLResponse {
        HTMLResponse(GiftCampaignPage.render(PageContext(req), try await GiftCampaignPage.model(for: req)))
    }
    func report(req: Request) async throws -> HTMLResponse {
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        return HTMLResponse(GiftReportPage.render(PageContext(req), try await GiftCampaignRepository(req.store).report(try req.requireActor(), year: year)))
    }
    func merit(req: Request) async throws -> HTMLResponse { HTMLResponse(MeritPage.render(PageContext(req), try await MeritPage.model(for: req))) }
    func ward(req: Request) async throws -> HTMLResponse { HTMLResponse(WardReportPage.render(PageContext(req), try await WardReportPage.model(for: req))) }

    /// The signature list of one residential group (or of the whole ward), in Vietnamese.
    func signatures(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor(), id = try req.idParameter()
        let repo = GiftCampaignRepository(req.store)
        let campaign = try await repo.campaign(actor, id: id)
        let group = try req.queryUUID("group")
        let lines = try await repo.entries(actor, campaignID: id, groupID: group, status: nil, page: PageSpec(page: 1, perPage: PageSpec.maxPerPage))
        var all = lines.items
        var page = 1
        while all.count < lines.total && page < 500 {
            page += 1
            all += try await repo.entries(actor, campaignID: id, groupID: group, status: nil, page: PageSpec(page: page, perPage: PageSpec.maxPerPage)).items
        }
        let groupName = group.flatMap { g in campaign.groups.first { $0.groupID == g }?.groupName }
        return HTMLResponse(
            GiftSignaturesPage.render(
                PageContext(req).with(locale: .vi), GiftSignaturesPage.Model(campaign: campaign, groupName: groupName, lines: all)))
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(CampaignForm.self)
        var created: UUID?
        let response = try await req.perform(back: SiteRoute.giftCampaigns.path, success: Message("campaign.created")) {
            var i = GiftCampaignInput()
            i.unitID = try CareController.uuid(f.unit_id, "unit_id"); i.name = f.name ?? ""; i.occasion = f.occasion ?? ""; i.day = f.day ?? ""
            i.per = f.per ?? ""; i.categories = f.categories ?? []
            created = try await GiftCampaignRepository(req.store).create(actor, i)
        }
        return created.map { req.redirect(to: SiteRoute.giftCampaign($0).path) } ?? response
    }

    func addType(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(TypeForm.self)
        return try await req.perform(back: SiteRoute.giftCampaign(id).path, success: Message("campaign.gift_type_added")) {
            var i = GiftTypeInput()
            i.name = f.name ?? ""; i.kind = f.kind ?? ""; i.value = f.value ?? ""; i.source = f.source ?? ""; i.stock = f.stock ?? ""
            i.fundID = try CareController.uuid(f.fund_id, "fund_id")
            _ = try await GiftCampaignRepository(req.store).addGiftType(actor, campaignID: id, i)
        }
    }

    func generate(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        return try await req.perform(back: SiteRoute.giftCampaign(id).path, success: nil) {
            let done = try await GiftCampaignRepository(req.store).generate(actor, campaignID: id)
            req.flash(.success, Message("campaign.generated", ["added": "\(done.added)", "listed": "\(done.listed)"]))
        }
    }

    func handOut(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(HandoutForm.self)
        return try await req.perform(back: req.headers.first(name: .referer).flatMap(Self.sameSite) ?? SiteRoute.giftCampaign(id).path, success: nil) {
            let ids = (f.entries ?? []).compactMap(UUID.init(uuidString:))
            let repo = GiftCampaignRepository(req.store)
            if f.outcome == "not_handed" {
                let n = try await repo.notHanded(actor, campaignID: id, entries: ids, reason: f.reason ?? "")
                req.flash(.success, Message("campaign.not_handed_recorded", ["count": "\(n)"]))
                return
            }
            let done = try await repo.handOut(actor, campaignID: id, entries: ids, handedOn: f.handed_on ?? "", today: req.today)
            req.flash(
                .success, Message("campaign.handed", ["handed": "\(done.handed)", "already": "\(done.already)", "out_of_stock": "\(done.outOfStock)"]))
        }
    }

    /// A path of this site from a Referer header (back to the filtered list the officer ticked).
    static func sameSite(_ referer: String) -> String? {
        guard let u = URLComponents(string: referer), u.path.hasPrefix("/campaigns/") else { return nil }
        return u.path + (u.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    func close(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        return try await req.perform(back: SiteRoute.giftCampaign(id).path, success: Message("campaign.closed")) {
            try await GiftCampaignRepository(req.store).close(actor, campaignID: id)
        }
    }

    func addMerit(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let f = try req.content.decode(MeritForm.self)
        return try await req.perform(back: SiteRoute.merit.path, success: Message("campaign.merit_added")) {
            guard let person = try CareController.uuid(f.person_id, "person_id") else { throw AppError.invalid("person_id", "validation.required") }
            _ = try await GiftCampaignRepository(req.store).addMerit(
                actor, personID: person, category: f.category ?? "", detail: f.detail ?? "", since: f.since ?? "", document: f.document ?? "",
                today: req.today)
        }
    }
}
