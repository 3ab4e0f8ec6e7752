import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of gift campaigns: campaigns, gift types, the list and its lines, hand-outs
/// (ticked lines, one line), gifts not handed out, the closing, the gifts report, merit records
/// and the ward report.
struct GiftCampaignAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.giftCampaigns), use: list)
        api.post(.api(.giftCampaigns), use: create)
        api.get(.api(.giftCampaign(nil)), use: read)
        api.post(.api(.giftTypes(nil)), use: addType)
        api.post(.api(.giftGenerate(nil)), use: generate)
        api.get(.api(.giftEntries(nil)), use: entries)
        api.post(.api(.giftHandouts(nil)), use: handOut)
        api.post(.api(.giftClose(nil)), use: close)
        api.post(.api(.giftCampaignHold(nil))) { req in APIJSON(try await detail(req, try await RetentionSection.holdJSON(req, GiftCampaignModel.self))) }
        api.post(.api(.giftEntryHandOut(nil)), use: handOutOne)
        api.post(.api(.giftEntryNotHanded(nil)), use: notHandedOne)
        api.get(.api(.giftReport), use: report)
        api.get(.api(.meritRecords), use: merits)
        api.post(.api(.meritRecords), use: addMerit)
        api.get(.api(.wardReport), use: ward)
    }

    struct Campaign: Content {
        let unitId: UUID?; let name: String; let occasion: String; let day: String; let categories: [String]; let per: String; let groups: [UUID]?
    }
    struct GiftType: Content { let name: String; let kind: String; let value: Int64?; let fundId: UUID?; let source: String?; let stock: Int? }
    struct Handouts: Content { let entries: [UUID]; let handedOn: String?; let outcome: String?; let reason: String? }
    struct HandOutOne: Content { let handedOn: String; let receivedBy: String? }
    struct Reason: Content { let reason: String }
    struct Merit: Content { let personId: UUID; let category: String; let detail: String?; let since: String; let document: String }

    struct CampaignDTO: Content {
        let id: UUID; let name: String; let occasion: String; let day: String; let categories: [String]; let per: String; let groups: [UUID]?
        let status: String; let listed: Int; let handed: Int
        /// Retention: when the closed campaign's list was anonymised, or the legal hold that keeps it whole.
        let anonymisedAt: Date?; let legalHold: String?
        init(_ c: GiftCampaignRow) {
            id = c.id; name = c.name; occasion = c.occasion.rawValue; day = c.day.iso; categories = c.rule.any.map(\.rawValue); per = c.rule.per.rawValue
            groups = c.rule.groups; status = c.status.rawValue; listed = c.listed; handed = c.handed; anonymisedAt = c.anonymisedAt
            legalHold = c.legalHold
        }
    }
    struct TypeDTO: Content {
        let id: UUID; let name: String; let kind: String; let value: Int64; let fund: String?; let source: String; let stock: Int?; let listed: Int
        let handed: Int
    }
    struct GroupDTO: Content { let groupId: UUID?; let group: String; let listed: Int; let handed: Int; let notHanded: Int; let waiting: Int }
    struct DetailDTO: Content { let campaign: CampaignDTO; let unit: String; let giftTypes: [TypeDTO]; let groups: [GroupDTO] }
    struct EntryDTO: Content {
        let id: UUID; let giftType: String; let group: String; let name: String; let householdCode: String; let reasons: [String]; let status: String
        let reason: String?; let handedOn: String?; let receivedBy: String?
    }
    struct DoneDTO: Content { let handed: Int; let already: Int; let outOfStock: Int; let notHanded: Int }
    struct ListDTO: Content { let added: Int; let listed: Int }
    struct LineDTO: Content { let key: String; let gifts: Int; let value: Int64 }
    struct ReportDTO: Content {
        let year: Int; let total: Int; let value: Int64; let byCampaign: [LineDTO]; let byGroup: [LineDTO]; let byCategory: [LineDTO]; let bySource: [LineDTO]
        init(_ r: GiftReport) {
            let dto = { (l: [GiftReport.Line]) in l.map { LineDTO(key: $0.key, gifts: $0.gifts, value: $0.value) } }
            year = r.year; total = r.total; value = r.value; byCampaign = dto(r.byCampaign); byGroup = dto(r.byGroup); byCategory = dto(r.byCategory)
            bySource = dto(r.bySource)
        }
    }
    struct MeritDTO: Content {
        let id: UUID; let personId: UUID; let personName: String; let category: String; let detail: String; let since: String; let document: String
    }
    struct GiftsDTO: Content { let total: Int; let value: Int64; let byCampaign: [String: Int] }
    struct WardDTO: Content {
        let unit: String; let year: Int; let poorHouseholds: Int; let nearPoorHouseholds: Int; let gifts: GiftsDTO; let gratitudeHouseRepairs: Int
        let gratitudeHouseRepairValue: Int64; let allowanceRecipients: Int; let allowancePaid: Int64; let meritPersons: Int
        let jobs: JobsDTO
        let education: EducationDTO
        /// Works completed in the year, by kind (`WorkFigures`).
        let worksCompleted: [String: Int]
    }
    /// Education support in the ward report (`EducationFigures`): the school year starting in
    /// the report's year.
    struct EducationDTO: Content {
        let schoolYear: Int; let feeExempted: Int; let learningCost: Int; let learningCostAmount: Int64; let booksHandedOut: Int
        let scholarships: Int; let scholarshipAmount: Int64
        init(_ f: EducationFigures) {
            schoolYear = f.schoolYear.start; feeExempted = f.feeExempted; learningCost = f.learningCost; learningCostAmount = f.learningCostAmount
            booksHandedOut = f.booksHandedOut; scholarships = f.scholarships; scholarshipAmount = f.scholarshipAmount
        }
    }
    /// Jobs and training in the ward report (`LivelihoodFigures`).
    struct JobsDTO: Content {
        let counselled: Int; let placed: Int; let coursesCompleted: Int; let employedAfter: Int; let reportMonth: Int
        let loansConfirmed: Int; let loansDisbursed: Int; let loansDisbursedAmount: Int64; let businessesStarted: Int; let businessesOperating: Int
        init(_ f: LivelihoodFigures) {
            counselled = f.counselled; placed = f.placed; coursesCompleted = f.coursesCompleted; employedAfter = f.employedAfter; reportMonth = f.reportMonth
            loansConfirmed = f.loansConfirmed; loansDisbursed = f.loansDisbursed; loansDisbursedAmount = f.loansDisbursedAmount
            businessesStarted = f.businessesStarted; businessesOperating = f.businessesOperating
        }
    }

    func detail(_ req: Request, _ id: UUID) async throws -> DetailDTO {
        let c = try await GiftCampaignRepository(req.store).campaign(try req.requireActor(), id: id)
        return DetailDTO(
            campaign: CampaignDTO(c.row), unit: c.unitName,
            giftTypes: c.types.map {
                TypeDTO(
                    id: $0.id, name: $0.name, kind: $0.kind.rawValue, value: $0.value, fund: $0.fundName, source: $0.source, stock: $0.stock, listed: $0.listed,
                    handed: $0.handed)
            },
            groups: c.groups.map {
                GroupDTO(groupId: $0.groupID, group: $0.groupName, listed: $0.listed, handed: $0.handed, notHanded: $0.notHanded, waiting: $0.waiting)
            })
    }

    func list(req: Request) async throws -> APIJSON<[CampaignDTO]> {
        let year = try req.queryInt("year", in: Bounds.year)
        return APIJSON(try await GiftCampaignRepository(req.store).campaigns(try req.requireActor(), year: year).map(CampaignDTO.init))
    }

    func read(req: Request) async throws -> APIJSON<DetailDTO> { APIJSON(try await detail(req, try req.idParameter())) }

    func create(req: Request) async throws -> APIJSON<DetailDTO> {
        let a = try req.requireActor()
        try a.require(.manageCampaigns)
        let b = try req.json(Campaign.self)
        try APIInput.limit([("name", b.name, 200), ("day", b.day, 10)])
        var i = GiftCampaignInput()
        i.unitID = b.unitId; i.name = b.name; i.occasion = b.occasion; i.day = b.day; i.per = b.per; i.categories = Array(b.categories.prefix(20))
        i.groups = Array((b.groups ?? []).prefix(501))
        return APIJSON(try await detail(req, try await GiftCampaignRepository(req.store).create(a, i)), status: .created)
    }

    func addType(req: Request) async throws -> APIJSON<DetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCampaigns)
        let b = try req.json(GiftType.self)
        try APIInput.limit([("name", b.name, 120), ("source", b.source, 200)])
        var i = GiftTypeInput()
        i.name = b.name; i.kind = b.kind; i.value = b.value.map(String.init) ?? ""; i.fundID = b.fundId; i.source = b.source ?? ""
        i.stock = b.stock.map(String.init) ?? ""
        if let v = b.value, v < 0 || v > 1_000_000_000 { throw AppError.invalid("value", "fund.error.amount") }
        _ = try await GiftCampaignRepository(req.store).addGiftType(a, campaignID: id, i)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func generate(req: Request) async throws -> APIJSON<ListDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCampaigns)
        let done = try await GiftCampaignRepository(req.store).generate(a, campaignID: id)
        return APIJSON(ListDTO(added: done.added, listed: done.listed))
    }

    func entries(req: Request) async throws -> APIJSON<APIPage<EntryDTO>> {
        let a = try req.requireActor(), id = try req.idParameter()
        let status = try req.queryValue("status", invalid: "validation.choice") { GiftCampaignPage.states.contains($0) ? $0 : nil }
        let page = try await GiftCampaignRepository(req.store).entries(
            a, campaignID: id, groupID: try req.queryUUID("group"), status: status, page: try req.pageSpec)
        return APIJSON(
            APIPage(
                page.map {
                    EntryDTO(
                        id: $0.id, giftType: $0.giftType, group: $0.groupName, name: $0.name, householdCode: $0.householdCode,
                        reasons: $0.reasons.map(\.rawValue),
                        status: $0.status, reason: $0.reason, handedOn: $0.handedOn?.iso, receivedBy: $0.receivedBy)
                }))
    }

    func handOut(req: Request) async throws -> APIJSON<DoneDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCampaigns)
        let b = try req.json(Handouts.self)
        try APIInput.limit([("handed_on", b.handedOn, 10), ("reason", b.reason, 300)])
        let repo = GiftCampaignRepository(req.store)
        if b.outcome == "not_handed" {
            let n = try await repo.notHanded(a, campaignID: id, entries: Array(b.entries.prefix(5001)), reason: b.reason ?? "")
            return APIJSON(DoneDTO(handed: 0, already: 0, outOfStock: 0, notHanded: n))
        }
        guard b.outcome == nil || b.outcome == "handed" else { throw AppError.invalid("outcome", "validation.choice") }
        let done = try await repo.handOut(a, campaignID: id, entries: Array(b.entries.prefix(5001)), handedOn: b.handedOn ?? "", today: req.today)
        return APIJSON(DoneDTO(handed: done.handed, already: done.already, outOfStock: done.outOfStock, notHanded: 0))
    }

    func close(req: Request) async throws -> APIJSON<DetailDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCampaigns)
        try await GiftCampaignRepository(req.store).close(a, campaignID: id)
        return APIJSON(try await detail(req, id))
    }

    func handOutOne(req: Request) async throws -> APIJSON<DoneDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCampaigns)
        let b = try req.json(HandOutOne.self)
        try APIInput.limit([("handed_on", b.handedOn, 10), ("received_by", b.receivedBy, 120)])
        try await GiftCampaignRepository(req.store).handOut(a, entryID: id, handedOn: b.handedOn, receivedBy: b.receivedBy ?? "", today: req.today)
        return APIJSON(DoneDTO(handed: 1, already: 0, outOfStock: 0, notHanded: 0), status: .created)
    }

    func notHandedOne(req: Request) async throws -> APIJSON<DoneDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCampaigns)
        let b = try req.json(Reason.self)
        try APIInput.limit([("reason", b.reason, 300)])
        try await GiftCampaignRepository(req.store).notHanded(a, entryID: id, reason: b.reason)
        return APIJSON(DoneDTO(handed: 0, already: 0, outOfStock: 0, notHanded: 1))
    }

    func report(req: Request) async throws -> APIJSON<ReportDTO> {
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        return APIJSON(ReportDTO(try await GiftCampaignRepository(req.store).report(try req.requireActor(), year: year)))
    }

    func merits(req: Request) async throws -> APIJSON<APIPage<MeritDTO>> {
        let a = try req.requireActor()
        let c = try req.queryChoice("category", MeritCategory.self)
        return APIJSON(
            APIPage(
                try await GiftCampaignRepository(req.store).merits(a, category: c, page: try req.pageSpec).map {
                    MeritDTO(
                        id: $0.id, personId: $0.personID, personName: $0.personName, category: $0.category.rawValue, detail: $0.detail, since: $0.since.iso,
                        document: $0.document)
                }))
    }

    func addMerit(req: Request) async throws -> APIJSON<MeritDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let b = try req.json(Merit.self)
        try APIInput.limit([("detail", b.detail, 200), ("since", b.since, 10), ("document", b.document, 120)])
        let repo = GiftCampaignRepository(req.store)
        let id = try await repo.addMerit(
            a, personID: b.personId, category: b.category, detail: b.detail ?? "", since: b.since, document: b.document, today: req.today)
        let row = try await repo.merit(a, id: id)
        return APIJSON(
            MeritDTO(
                id: row.id, personId: row.personID, personName: row.personName, category: row.category.rawValue, detail: row.detail, since: row.since.iso,
                document: row.document), status: .created)
    }

    func ward(req: Request) async throws -> APIJSON<WardDTO> {
        let a = try req.requireActor()
        guard let unit = req.query[String.self, at: "unit"], !unit.isEmpty, unit.count <= 50 else { throw AppError.invalid("unit", "validation.required") }
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let f = try await GiftCampaignRepository(req.store).wardFigures(a, unitCode: unit, year: year)
        return APIJSON(
            WardDTO(
                unit: unit, year: year, poorHouseholds: f.poorHouseholds, nearPoorHouseholds: f.nearPoorHouseholds,
                gifts: GiftsDTO(
                    total: f.gifts.total, value: f.gifts.value,
                    byCampaign: Dictionary(f.gifts.byCampaign.map { ($0.key, $0.gifts) }, uniquingKeysWith: +)),
                gratitudeHouseRepairs: f.gratitudeHouseRepairs, gratitudeHouseRepairValue: f.gratitudeHouseRepairValue,
                allowanceRecipients: f.allowanceRecipients, allowancePaid: f.allowancePaid, meritPersons: f.meritPersons,
                jobs: JobsDTO(f.livelihood), education: EducationDTO(f.education),
                worksCompleted: Dictionary(uniqueKeysWithValues: f.works.completed.map { ($0.key.rawValue, $0.value) })))
    }
}
