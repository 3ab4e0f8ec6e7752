import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

public struct CampaignView: Sendable, Codable, Equatable {
    public let id: UUID
    public let communeID: UUID
    public let communeName: String
    public let unitPath: String
    public let year: Int
    public let kind: CampaignKind
    public let month: Int
    public let period: Int
    public let standardID: String
    public let step: CampaignStep
    public let postingStart: LocalDate?
    public let postingEnd: LocalDate?
    public let decisionNumber: String?
    public let decisionDate: LocalDate?

    init(_ m: ReviewCampaignModel, communeName: String) {
        id = m.id!; communeID = m.communeID; self.communeName = communeName; unitPath = m.unitPath; year = m.year
        kind = CampaignKind(rawValue: m.kind) ?? .periodic; month = m.month; period = m.period; standardID = m.standardID
        step = CampaignStep(rawValue: m.step) ?? .listing
        postingStart = m.postingStart.flatMap(LocalDate.init(iso:)); postingEnd = m.postingEnd.flatMap(LocalDate.init(iso:))
        decisionNumber = m.decisionNumber; decisionDate = m.decisionDate.flatMap(LocalDate.init(iso:))
    }
}

/// A campaign's progress in one residential group (nil group: households not in a group).
public struct GroupProgress: Sendable {
    public let groupID: UUID?
    public let groupName: String?
    public var households = 0
    public var surveyed = 0
    public var classified = 0
    public var byClass: [PovertyClass: Int] = [:]
    public var meeting: MeetingView?
    public var openObjections = 0
}

public struct MeetingView: Sendable, Codable, Equatable {
    public let heldOn: LocalDate
    public let present: Int
    public let agree: Int
    public let passed: Bool
    public let note: String?
}

public struct EntryView: Sendable {
    public let id: UUID
    public let campaignID: UUID
    public let householdID: UUID
    public let householdCode: String
    public let address: String
    public let headName: String?
    public let headNationalID: String?
    public let groupID: UUID?
    public let groupName: String?
    public let origin: EntryOrigin
    public let areaType: AreaType
    public let previousClass: PovertyClass?
    public let income: Int64?
    public let deprivations: [String]
    public let collector: String?
    public let collectedOn: LocalDate?
    public let enteredBy: String?
    public let povertyClass: PovertyClass?
    /// The explanation, recomputed from the stored survey with the campaign's standard.
    public let reasons: [Reason]
}

public struct ObjectionView: Sendable {
    public let id: UUID
    public let entryID: UUID
    public let householdCode: String
    public let receivedOn: LocalDate
    public let complainant: String
    public let text: String
    public let resolution: String?
    public let resolvedOn: LocalDate?
}

public struct ClassificationView: Sendable, Codable {
    public let period: Int
    public let povertyClass: PovertyClass
    public let standardID: String
    public let income: Int64?
    public let deprivations: [String]
    public let decisionNumber: String
    public let decisionDate: LocalDate
    public let certificateNumber: String
    public let reasons: [Reason]
}

public struct HardshipView: Sendable {
    public let id: UUID
    public let householdID: UUID
    public let householdCode: String
    public let kind: HardshipKind
    public let occurredOn: LocalDate
    public let note: String
    public let recordedBy: String
    public let recordedOn: LocalDate
    public let support: String?
    public let resolvedOn: LocalDate?
    /// Unresolved and older than the highlight threshold.
    public let overdue: Bool
}

public struct CircumstanceView: Sendable {
    public let id: UUID
    public let reason: String
    public let since: LocalDate
    public let until: LocalDate?
    public let recordedBy: String
}

/// What the household page shows about the review.
public struct HouseholdReview: Sendable {
    public let classifications: [ClassificationView]
    public let vulnerabilities: [DerivedVulnerability]
    public let hardships: [HardshipView]
    public let circumstances: [CircumstanceView]
}

public struct CampaignInput: Sendable {
    public var communeID: UUID?
    public var year: Int?
    public var kind: String
    public var month: Int?
    public var period: Int?
    public init(communeID: UUID?, year: Int?, kind: String, month: Int? = nil, period: Int? = nil) {
        self.communeID = communeID; self.year = year; self.kind = kind; self.month = month; self.period = period
    }
}

public struct SurveyInput: Sendable {
    public var income: String
    public var deprivations: [String]
    public var collector: String
    public var collectedOn: String
    public init(income: String, deprivations: [String], collector: String, collectedOn: String) {
        self.income = income; self.deprivations = deprivations; self.collector = collector; self.collectedOn = collectedOn
    }
}

/// The one way in to the review: campaigns, surveys, classification, meetings, posting,
/// objections, decisions, certificates, hardship alerts and difficult circumstances.
public struct ReviewRepository: Sendable {
    let store: Store
    public let rules: PovertyRules
    /// Settings given by the caller (tests); otherwise those an administrator set.
    let settingsOverride: ReviewSettings?
    public init(_ store: Store, rules: PovertyRules = .shared, settings: ReviewSettings? = nil) {
        self.store = store; self.rules = rules; self.settingsOverride = settings
    }

    /// The review settings in force.
    public func settings(on db: (any Database)? = nil) async throws -> ReviewSettings {
        if let settingsOverride { return settingsOverride }
        return try await ReviewSettingsRepository(store).current(on: db)
    }

    public static let batchSize = 5000

    // MARK: Campaigns

    func campaignModel(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> ReviewCampaignModel {
        // The commune's campaign is visible to the commune and above, and to accounts bound to
        // one of its residential groups (who then see only their group's households).
        try await store.scoped(ReviewCampaignModel.self, id, actor, on: db)
    }

    /// A group-bound account (e.g. a residential-group leader) works on its group's entries only.
    func entryScope(_ actor: Actor) -> String { actor.scopePath }

    func view(_ c: ReviewCampaignModel, on db: any Database) async throws -> CampaignView {
        let name = try await OrgUnitModel.find(c.communeID, on: db)?.name ?? "—"
        return CampaignView(c, communeName: name)
    }

    public func campaigns(_ actor: Actor, page: PageSpec) async throws -> ResultPage<CampaignView> {
        try actor.require(.viewReview)
        // Campaigns are few (one a year and one a month per commune): filtered here by scope.
        let list = try await ReviewCampaignModel.query(on: store.db).sort(\.$year, .descending).sort(\.$month, .descending).all()
            .filter { actor.reaches(ReviewCampaignModel.self, $0.unitPath) }
        let slice = list.dropFirst(page.offset).prefix(page.perPage)
        var views: [CampaignView] = []
        for c in slice { views.append(try await view(c, on: store.db)) }
        return ResultPage(items: views, request: page, total: list.count)
    }

    public func createCampaign(_ actor: Actor, _ input: CampaignInput, today: LocalDate) async throws -> CampaignView {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let kind = CampaignKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "campaign_kind", message: Message("validation.choice"))) }
        if input.communeID == nil { errors.append(FieldError(field: "commune_id", message: Message("validation.required"))) }
        guard let year = input.year, (2000...2100).contains(year) else {
            throw AppError.validation(errors + [FieldError(field: "year", message: Message("review.error.year"))])
        }
        var month = 0
        if kind == .continuous {
            guard let m = input.month, (1...12).contains(m) else {
                throw AppError.validation(errors + [FieldError(field: "month", message: Message("review.error.month"))])
            }
            month = m
        }
        let period = input.period ?? year
        guard let standard = rules.standard(for: period) else {
            throw AppError.validation(errors + rules.validate(period: period, deprivations: [], income: nil))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let month0 = month
        return try await store.write(actor) { tx, audit in
            let month = month0
            guard let commune = try await store.reachable(OrgUnitModel.self, input.communeID!, actor, on: tx),
                  commune.kind == UnitKind.commune.rawValue else { throw AppError.invalid("commune_id", "validation.parent_not_found") }
            if try await ReviewCampaignModel.query(on: tx).filter(\.$communeID == commune.id!).filter(\.$year == year)
                .filter(\.$kind == kind!.rawValue).filter(\.$month == month).count() > 0 {
                throw AppError.conflict(Message("review.error.campaign_exists", ["year": "\(year)"]))
            }
            let c = ReviewCampaignModel()
            c.id = UUID(); c.communeID = commune.id!; c.unitPath = commune.path; c.year = year; c.kind = kind!.rawValue
            c.month = month; c.period = period; c.standardID = standard.id; c.step = CampaignStep.listing.rawValue
            try await c.create(on: tx)
            let v = CampaignView(c, communeName: commune.name)
            audit.add(AuditRecord(action: "create", entity: "review_campaign", entityID: c.id!.uuidString, unitID: commune.id,
                                  unitPath: commune.path, before: NoValue?.none, after: v))
            return v
        }
    }

    /// The campaign and its progress per residential group.
    public func campaign(_ actor: Actor, id: UUID) async throws -> (CampaignView, [GroupProgress]) {
        try actor.require(.viewReview)
        let c = try await campaignModel(actor, id, on: store.db)
        let s = sql(store.db)
        let rows = try await s.raw("""
            SELECT group_id, COUNT(*) AS n, SUM(CASE WHEN income_per_person IS NOT NULL THEN 1 ELSE 0 END) AS surveyed,
                   SUM(CASE WHEN class = 'poor' THEN 1 ELSE 0 END) AS poor, SUM(CASE WHEN class = 'near_poor' THEN 1 ELSE 0 END) AS near_poor,
                   SUM(CASE WHEN class = 'middle' THEN 1 ELSE 0 END) AS middle, SUM(CASE WHEN class = 'above_middle' THEN 1 ELSE 0 END) AS above
            FROM review_entries WHERE campaign_id = \(bind: id) AND \(UnitScope.condition("unit_path", actor.scopePath, on: store.db))
            GROUP BY group_id
            """).all()
        let groups = try await OrgUnitModel.query(on: store.db).filter(\.$parentID == c.communeID).all()
        let names = Dictionary(groups.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let meetings = try await latestMeetings(campaignID: id, on: store.db)
        let objections = try await ReviewObjectionModel.query(on: store.db).filter(\.$campaignID == id).filter(\.$resolvedOn == nil).all()
        let entryGroups = try await objections.isEmpty ? [:] : Dictionary(
            ReviewEntryModel.query(on: store.db).filter(\.$id ~~ objections.map(\.entryID)).all().map { ($0.id!, $0.groupID) },
            uniquingKeysWith: { a, _ in a })
        var out: [GroupProgress] = []
        for r in rows {
            let gid = try r.decodeNil(column: "group_id") ? nil : try r.decode(column: "group_id", as: UUID.self)
            var g = GroupProgress(groupID: gid, groupName: gid.flatMap { names[$0] })
            g.households = try r.decode(column: "n", as: Int.self)
            g.surveyed = try r.decode(column: "surveyed", as: Int?.self) ?? 0
            let counts: [(PovertyClass, String)] = [(.poor, "poor"), (.nearPoor, "near_poor"), (.middle, "middle"), (.aboveMiddle, "above")]
            for (cls, col) in counts { g.byClass[cls] = try r.decode(column: col, as: Int?.self) ?? 0 }
            g.classified = g.byClass.values.reduce(0, +)
            g.meeting = meetings[gid.map { $0.uuidString } ?? ""]
            g.openObjections = objections.filter { entryGroups[$0.entryID] ?? nil == gid }.count
            out.append(g)
        }
        out.sort { ($0.groupName ?? "~") < ($1.groupName ?? "~") }
        return (try await view(c, on: store.db), out)
    }

    func latestMeetings(campaignID: UUID, on db: any Database) async throws -> [String: MeetingView] {
        let all = try await ReviewMeetingModel.query(on: db).filter(\.$campaignID == campaignID).sort(\.$heldOn).sort(\.$createdAt).all()
        var out: [String: MeetingView] = [:]
        for m in all {
            out[m.groupID?.uuidString ?? ""] = MeetingView(heldOn: LocalDate(iso: m.heldOn)!, present: m.present, agree: m.agree,
                                                          passed: m.passed, note: m.note)
        }
        return out
    }

    /// Lists the commune's currently poor and near-poor households (their latest official class
    /// before the campaign's period) — QD24 Art. 4(1)(a). Set-based and idempotent: a household
    /// already on the list is left alone.
    public func listCurrent(_ actor: Actor, campaignID: UUID) async throws -> Int {
        try CampaignLifecycle.authorize(.addHousehold, role: actor.role)
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.addHousehold, from: c.lifecycleState)
            let rows = try await sql(tx).raw("""
                SELECT h.id, h.group_id, h.unit_path, h.area_type, hc.class FROM households h
                JOIN household_classifications hc ON hc.household_id = h.id
                WHERE \(UnitScope.condition("h.unit_path", c.unitPath, on: store.db)) AND h.status = 'active'
                  AND hc.period = (SELECT MAX(period) FROM household_classifications x WHERE x.household_id = h.id AND x.period < \(bind: c.period))
                  AND hc.class IN ('poor', 'near_poor')
                  AND NOT EXISTS (SELECT 1 FROM review_entries e WHERE e.campaign_id = \(bind: campaignID) AND e.household_id = h.id)
                """).all()
            var added = 0
            for chunk in rows.chunked(500) {
                let insert = sql(tx).insert(into: "review_entries")
                    .columns("id", "campaign_id", "household_id", "group_id", "unit_path", "origin", "area_type", "previous_class", "deprivations", "deprivation_count")
                for r in chunk {
                    let gid = try r.decodeNil(column: "group_id") ? nil : try r.decode(column: "group_id", as: UUID.self)
                    insert.values(SQLBind(UUID()), SQLBind(campaignID), SQLBind(try r.decode(column: "id", as: UUID.self)), SQLBind(gid),
                                  SQLBind(try r.decode(column: "unit_path", as: String.self)), SQLBind(EntryOrigin.current.rawValue),
                                  SQLBind(try r.decode(column: "area_type", as: String.self)), SQLBind(try r.decode(column: "class", as: String.self)),
                                  SQLBind(""), SQLBind(0))
                }
                try await insert.run()
                added += chunk.count
            }
            audit.add(AuditRecord(action: "review_list", entity: "review_campaign", entityID: campaignID.uuidString, unitID: c.communeID,
                                  unitPath: c.unitPath, before: NoValue?.none, after: ["added": added]))
            return added
        }
    }

    /// Adds a household that asked to be reviewed (Form 01 / Form 04).
    public func addRequest(_ actor: Actor, campaignID: UUID, householdCode: String) async throws -> UUID {
        try CampaignLifecycle.authorize(.addHousehold, role: actor.role)
        let code = householdCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { throw AppError.invalid("household_code", "validation.required") }
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.addHousehold, from: c.lifecycleState)
            guard let h = try await HouseholdModel.query(on: tx).filter(\.$code == code).first(),
                  h.unitPath.hasPrefix(c.unitPath), actor.covers(path: h.unitPath) else {
                throw AppError.invalid("household_code", "review.error.household_not_in_commune", ["code": code])
            }
            if try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$householdID == h.id!).count() > 0 {
                throw AppError.invalid("household_code", "review.error.already_listed", ["code": code])
            }
            let previous = try await HouseholdClassificationModel.query(on: tx).filter(\.$householdID == h.id!)
                .filter(\.$period < c.period).sort(\.$period, .descending).first()
            let e = ReviewEntryModel()
            e.id = UUID(); e.campaignID = campaignID; e.householdID = h.id!; e.groupID = h.groupID; e.unitPath = h.unitPath
            e.origin = EntryOrigin.request.rawValue; e.areaType = h.areaType; e.previousClass = previous?.povertyClass
            e.deprivations = ""; e.deprivationCount = 0
            try await e.create(on: tx)
            audit.add(AuditRecord(action: "review_request", entity: "review_campaign", entityID: campaignID.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: h.unitPath, before: NoValue?.none, after: ["household": code]))
            return e.id!
        }
    }

    // MARK: Entries and surveys

    func entryViews(_ models: [ReviewEntryModel], campaign c: ReviewCampaignModel, on db: any Database) async throws -> [EntryView] {
        guard !models.isEmpty else { return [] }
        let hids = models.map(\.householdID)
        let households = Dictionary(try await HouseholdModel.query(on: db).filter(\.$id ~~ hids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let heads = try await MembershipModel.query(on: db).filter(\.$householdID ~~ hids).filter(\.$role == "head").filter(\.$endDate == nil).all()
        let persons = Dictionary(try await PersonModel.query(on: db).filter(\.$id ~~ heads.map(\.personID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let headOf = Dictionary(heads.compactMap { m in persons[m.personID].map { (m.householdID, $0) } }, uniquingKeysWith: { a, _ in a })
        let gids = Set(models.compactMap(\.groupID))
        let groups = Dictionary(try await OrgUnitModel.query(on: db).filter(\.$id ~~ Array(gids)).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let standard = rules.standard(id: c.standardID)
        return models.map { e in
            let h = households[e.householdID]
            let deps = e.deprivations.split(separator: ",").map(String.init)
            let area = AreaType(rawValue: e.areaType) ?? .rural
            var reasons: [Reason] = []
            if let income = e.incomePerPerson, e.povertyClass != nil, let standard {
                reasons = PovertyRules.classify(PovertySurvey(period: c.period, area: area, incomePerPerson: income, deprivations: Set(deps)), standard: standard).reasons
            }
            return EntryView(id: e.id!, campaignID: e.campaignID, householdID: e.householdID, householdCode: h?.code ?? "—", address: h?.address ?? "",
                             headName: headOf[e.householdID]?.fullName, headNationalID: headOf[e.householdID]?.nationalID,
                             groupID: e.groupID, groupName: e.groupID.flatMap { groups[$0] },
                             origin: EntryOrigin(rawValue: e.origin) ?? .request, areaType: area,
                             previousClass: e.previousClass.flatMap(PovertyClass.init(rawValue:)), income: e.incomePerPerson,
                             deprivations: deps, collector: e.collector, collectedOn: e.collectedOn.flatMap(LocalDate.init(iso:)),
                             enteredBy: e.enteredBy, povertyClass: e.povertyClass.flatMap(PovertyClass.init(rawValue:)), reasons: reasons)
        }
    }

    public enum EntryFilter: String, CaseIterable, Sendable { case all, todo, surveyed, poor, nearPoor = "near_poor" }

    public func entries(_ actor: Actor, campaignID: UUID, groupID: UUID? = nil, filter: EntryFilter = .all, page: PageSpec) async throws -> ResultPage<EntryView> {
        try actor.require(.viewReview)
        let c = try await campaignModel(actor, campaignID, on: store.db)
        let q = store.scoped(ReviewEntryModel.self, actor).filter(\.$campaignID == campaignID)
        if let groupID { q.filter(\.$groupID == groupID) }
        switch filter {
        case .all: break
        case .todo: q.filter(\.$incomePerPerson == nil)
        case .surveyed: q.filter(\.$incomePerPerson != nil)
        case .poor: q.filter(\.$povertyClass == PovertyClass.poor.rawValue)
        case .nearPoor: q.filter(\.$povertyClass == PovertyClass.nearPoor.rawValue)
        }
        let total = try await q.count()
        let models = try await q.sort(\.$groupID).sort(\.$id).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await entryViews(models, campaign: c, on: store.db), request: page, total: total)
    }

    public func entry(_ actor: Actor, id: UUID) async throws -> (EntryView, CampaignView, PovertyStandard) {
        try actor.require(.viewReview)
        let e = try await store.scoped(ReviewEntryModel.self, id, actor, on: store.db)
        let c = try await campaignModel(actor, e.campaignID, on: store.db)
        guard let standard = rules.standard(id: c.standardID) else { throw AppError.notFound }
        return (try await entryViews([e], campaign: c, on: store.db)[0], try await view(c, on: store.db), standard)
    }

    /// Whether surveys of a group may still change: before the meeting step, or after its group
    /// meeting failed (the review is redone).
    func surveyOpen(_ c: ReviewCampaignModel, groupID: UUID?, on db: any Database) async throws -> Bool {
        let step = CampaignStep(rawValue: c.step)!
        if step <= .survey { return true }
        if step == .meeting {
            let m = try await latestMeetings(campaignID: c.id!, on: db)[groupID?.uuidString ?? ""]
            return m.map { !$0.passed } ?? true
        }
        return false
    }

    /// Saves the house-to-house survey of one household and classifies it at once.
    public func saveSurvey(_ actor: Actor, entryID: UUID, _ input: SurveyInput, today: LocalDate) async throws -> EntryView {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let digits = input.income.filter { !" .,_₫đ".contains($0) }
        let income = Int64(digits)
        if income == nil { errors.append(FieldError(field: "income_per_person", message: Message("review.error.income_number"))) }
        let collector = input.collector.trimmingCharacters(in: .whitespaces)
        if collector.isEmpty { errors.append(FieldError(field: "collector", message: Message("validation.required"))) }
        let collected = LocalDate(iso: input.collectedOn)
        if collected == nil { errors.append(FieldError(field: "collected_on", message: Message("validation.date"))) }
        else if collected! > today { errors.append(FieldError(field: "collected_on", message: Message("review.error.future_date"))) }
        let deps = Array(Set(input.deprivations.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        let found = try await store.scoped(ReviewEntryModel.self, entryID, actor, on: store.db)
        errors += rules.validate(period: try await campaignModel(actor, found.campaignID, on: store.db).period, deprivations: deps, income: income)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let e = try await store.scoped(ReviewEntryModel.self, entryID, actor, on: tx)
            let c = try await campaignModel(actor, e.campaignID, on: tx)
            guard try await surveyOpen(c, groupID: e.groupID, on: tx) else { throw AppError.conflict(Message("review.error.survey_closed")) }
            let standard = rules.standard(id: c.standardID)!
            let before = ["income": e.incomePerPerson.map(String.init) ?? "", "deprivations": e.deprivations, "class": e.povertyClass ?? ""]
            let result = PovertyRules.classify(PovertySurvey(period: c.period, area: AreaType(rawValue: e.areaType) ?? .rural,
                                                             incomePerPerson: income!, deprivations: Set(deps)), standard: standard)
            e.incomePerPerson = income; e.deprivations = deps.joined(separator: ","); e.deprivationCount = deps.count
            e.collector = collector; e.collectedOn = collected!.iso; e.enteredBy = actor.username
            e.povertyClass = result.povertyClass.rawValue; e.reasons = result.reasons.map(\.code).joined(separator: ",")
            try await e.save(on: tx)
            audit.add(AuditRecord(action: "review_survey", entity: "review_entry", entityID: entryID.uuidString, unitID: e.groupID ?? c.communeID,
                                  unitPath: e.unitPath, before: before,
                                  after: ["income": String(income!), "deprivations": e.deprivations, "class": result.povertyClass.rawValue,
                                          "collector": collector, "collected_on": collected!.iso]))
            return try await entryViews([e], campaign: c, on: tx)[0]
        }
    }

    /// The classification rule as one SQL expression over `review_entries`: the same rule as
    /// `PovertyRules.classify` (a test checks they agree). Numbers come from a validated rule file.
    static func classSQL(_ s: PovertyStandard) -> (cls: String, reasons: String) {
        let line = "CASE WHEN area_type = 'rural' THEN \(s.incomeLine.rural) ELSE \(s.incomeLine.urban) END"
        let middle = s.middleLine.map { "CASE WHEN area_type = 'rural' THEN \($0.rural) ELSE \($0.urban) END" } ?? "-1"
        let min = s.poorMinDeprivations
        let cls = """
            CASE WHEN income_per_person <= \(line) THEN (CASE WHEN deprivation_count >= \(min) THEN 'poor' ELSE 'near_poor' END)
                 WHEN income_per_person <= \(middle) THEN 'middle' ELSE 'above_middle' END
            """
        let reasons = """
            CASE WHEN income_per_person <= \(line)
                   THEN (CASE WHEN deprivation_count >= \(min) THEN 'income_at_or_below_line,deprivations_at_least_min' ELSE 'income_at_or_below_line,deprivations_below_min' END)
                 WHEN \(s.middleLine == nil ? "1 = 1" : "1 = 0") THEN 'income_above_line,no_middle_band'
                 WHEN income_per_person <= \(middle) THEN 'income_above_line,income_within_middle_band'
                 ELSE 'income_above_line,income_above_middle_band' END
            """
        return (cls, reasons)
    }

    /// Classifies every surveyed household of a campaign: set-based SQL in batches, each batch
    /// its own transaction with one audit record. Deterministic, so a rerun after a crash simply
    /// finishes the work (idempotent). Returns the number classified.
    public func classifyAll(_ actor: Actor, campaignID: UUID, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Int {
        try CampaignLifecycle.authorize(.classify, role: actor.role)
        let c = try await campaignModel(actor, campaignID, on: store.db)
        try CampaignLifecycle.next(.classify, from: c.lifecycleState)
        guard let standard = rules.standard(id: c.standardID) else { throw AppError.notFound }
        let expr = Self.classSQL(standard)
        let ids = try await sql(store.db).raw("""
            SELECT id FROM review_entries WHERE campaign_id = \(bind: campaignID) AND income_per_person IS NOT NULL
              AND \(UnitScope.condition("unit_path", actor.scopePath, on: store.db)) ORDER BY id
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let passed = try await latestMeetings(campaignID: campaignID, on: store.db).filter { $0.value.passed }.keys
        var done = 0
        for chunk in ids.chunked(Self.batchSize) {
            try await store.write(actor) { tx, audit in
                var q: SQLQueryString = "UPDATE review_entries SET class = \(unsafeRaw: expr.cls), reasons = \(unsafeRaw: expr.reasons) WHERE id IN ("
                for (i, id) in chunk.enumerated() { q = q + (i == 0 ? "" : ", ") + "\(bind: id)" }
                q = q + ")"
                // Groups whose meeting passed keep the list they approved.
                for g in passed {
                    if g.isEmpty { q = q + " AND group_id IS NOT NULL" } else { q = q + " AND (group_id IS NULL OR group_id <> \(bind: UUID(uuidString: g)!))" }
                }
                try await sql(tx).raw(q).run()
                audit.add(AuditRecord(action: "review_classify", entity: "review_campaign", entityID: campaignID.uuidString, unitID: c.communeID,
                                      unitPath: c.unitPath, before: NoValue?.none,
                                      after: ["households": "\(chunk.count)", "standard": standard.id, "period": "\(c.period)"]))
            }
            done += chunk.count
            progress?(done, ids.count)
        }
        return done
    }

    // MARK: Steps

    /// Moves the campaign to the next step when the law's condition for it holds; otherwise a
    /// conflict that says what is missing.
    public func advance(_ actor: Actor, campaignID: UUID, today: LocalDate) async throws -> CampaignStep {
        try actor.require(.manageReview)
        let t = CampaignLifecycle.advance(from: try await campaignModel(actor, campaignID, on: store.db).lifecycleState)
        return try await store.transition(actor, ReviewCampaignModel.self, campaignID, t) { c, tx, _ in
            let entries = ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID)
            switch t {
            case .closeList:
                guard try await entries.count() > 0 else { throw AppError.conflict(Message("review.error.no_households")) }
                return (.survey, [:])
            case .closeSurvey:
                let missing = try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$povertyClass == nil).count()
                guard missing == 0 else { throw AppError.conflict(Message("review.error.not_surveyed", ["count": "\(missing)"])) }
                guard try await entries.count() > 0 else { throw AppError.conflict(Message("review.error.no_households")) }
                return (.meeting, [:])
            default:
                guard let end = c.postingEnd.flatMap(LocalDate.init(iso:)), today > end else {
                    throw AppError.conflict(Message("review.error.posting_open", ["date": c.postingEnd ?? "—"]))
                }
                let open = try await ReviewObjectionModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$resolvedOn == nil).count()
                guard open == 0 else { throw AppError.conflict(Message("review.error.objections_open", ["count": "\(open)"])) }
                return (.decision, [:])
            }
        }
    }

    /// Records a residential-group meeting; a failed vote (under 50% agreeing) reopens the
    /// group's surveys.
    public func recordMeeting(_ actor: Actor, campaignID: UUID, groupID: UUID?, heldOn: String, present: Int?, agree: Int?, note: String?, today: LocalDate) async throws -> MeetingView {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let day = LocalDate(iso: heldOn)
        if day == nil { errors.append(FieldError(field: "held_on", message: Message("validation.date"))) }
        else if day! > today { errors.append(FieldError(field: "held_on", message: Message("review.error.future_date"))) }
        if present == nil { errors.append(FieldError(field: "present", message: Message("review.error.present_positive"))) }
        if agree == nil { errors.append(FieldError(field: "agree", message: Message("review.error.agree_range"))) }
        if let present, let agree { errors += GroupMeeting(present: present, agree: agree).problems() }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let meeting = GroupMeeting(present: present!, agree: agree!)
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.recordMeeting, from: c.lifecycleState)
            let q = ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID)
            if let groupID { q.filter(\.$groupID == groupID) } else { q.filter(\.$groupID == nil) }
            let inGroup = try await q.all()
            guard !inGroup.isEmpty else { throw AppError.invalid("group_id", "review.error.group_not_listed") }
            guard inGroup.allSatisfy({ $0.povertyClass != nil }) else { throw AppError.conflict(Message("review.error.not_surveyed", ["count": "\(inGroup.filter { $0.povertyClass == nil }.count)"])) }
            let m = ReviewMeetingModel()
            m.id = UUID(); m.campaignID = campaignID; m.groupID = groupID; m.heldOn = day!.iso; m.present = meeting.present
            m.agree = meeting.agree; m.passed = meeting.passed; m.note = note.flatMap { $0.isEmpty ? nil : $0 }
            try await m.create(on: tx)
            audit.add(AuditRecord(action: "review_meeting", entity: "review_campaign", entityID: campaignID.uuidString, unitID: groupID ?? c.communeID,
                                  unitPath: c.unitPath, before: NoValue?.none,
                                  after: ["held_on": day!.iso, "present": "\(meeting.present)", "agree": "\(meeting.agree)", "passed": "\(meeting.passed)"]))
            return MeetingView(heldOn: day!, present: meeting.present, agree: meeting.agree, passed: meeting.passed, note: m.note)
        }
    }

    /// Posts the draft list publicly once every group's meeting agreed; objections are received
    /// until the end of the window.
    public func startPosting(_ actor: Actor, campaignID: UUID, start: String, today: LocalDate) async throws -> LocalDate {
        try CampaignLifecycle.authorize(.startPosting, role: actor.role, fields: ["posting_start": start])
        guard let day = LocalDate(iso: start) else { throw AppError.invalid("posting_start", "validation.date") }
        return try await store.transition(actor, ReviewCampaignModel.self, campaignID, .startPosting, fields: ["posting_start": start]) { c, tx, _ in
            let groups = try await sql(tx).raw("SELECT DISTINCT group_id FROM review_entries WHERE campaign_id = \(bind: campaignID)").all()
                .map { try $0.decodeNil(column: "group_id") ? "" : try $0.decode(column: "group_id", as: UUID.self).uuidString }
            let meetings = try await latestMeetings(campaignID: campaignID, on: tx)
            let waiting = groups.filter { meetings[$0]?.passed != true }
            guard waiting.isEmpty else { throw AppError.conflict(Message("review.error.meetings_missing", ["count": "\(waiting.count)"])) }
            let end = day.adding(days: try await settings(on: tx).postingDays - 1)
            c.postingStart = day.iso; c.postingEnd = end.iso
            return (end, ["from": day.iso, "until": end.iso])
        }
    }

    public func objections(_ actor: Actor, campaignID: UUID) async throws -> [ObjectionView] {
        try actor.require(.viewReview)
        _ = try await campaignModel(actor, campaignID, on: store.db)
        let list = try await ReviewObjectionModel.query(on: store.db).filter(\.$campaignID == campaignID).sort(\.$receivedOn).all()
        let entries = Dictionary(try await ReviewEntryModel.query(on: store.db).filter(\.$id ~~ list.map(\.entryID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let codes = Dictionary(try await HouseholdModel.query(on: store.db).filter(\.$id ~~ entries.values.map(\.householdID)).all().map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
        return list.compactMap { o in
            guard let e = entries[o.entryID], actor.covers(path: e.unitPath) else { return nil }
            return ObjectionView(id: o.id!, entryID: o.entryID, householdCode: codes[e.householdID] ?? "—", receivedOn: LocalDate(iso: o.receivedOn)!,
                                 complainant: o.complainant, text: o.text, resolution: o.resolution, resolvedOn: o.resolvedOn.flatMap(LocalDate.init(iso:)))
        }
    }

    /// Records an objection to the posted list; only inside the posting window.
    public func recordObjection(_ actor: Actor, campaignID: UUID, householdCode: String, complainant: String, text: String,
                                receivedOn: String) async throws -> UUID {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let day = LocalDate(iso: receivedOn)
        if day == nil { errors.append(FieldError(field: "received_on", message: Message("validation.date"))) }
        if complainant.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "complainant", message: Message("validation.required"))) }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "text", message: Message("validation.required"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.recordObjection, from: c.lifecycleState)
            guard let start = c.postingStart.flatMap(LocalDate.init(iso:)),
                  let end = c.postingEnd.flatMap(LocalDate.init(iso:)) else { throw AppError.conflict(Message("review.error.not_posting")) }
            guard (start...end).contains(day!) else {
                throw AppError.invalid("received_on", "review.error.outside_window", ["from": start.iso, "until": end.iso])
            }
            guard let h = try await HouseholdModel.query(on: tx).filter(\.$code == householdCode.trimmingCharacters(in: .whitespaces)).first(),
                  let e = try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$householdID == h.id!).first(),
                  actor.covers(path: e.unitPath) else {
                throw AppError.invalid("household_code", "review.error.not_on_list", ["code": householdCode])
            }
            let o = ReviewObjectionModel()
            o.id = UUID(); o.campaignID = campaignID; o.entryID = e.id!; o.receivedOn = day!.iso
            o.complainant = complainant.trimmingCharacters(in: .whitespaces); o.text = text.trimmingCharacters(in: .whitespaces)
            try await o.create(on: tx)
            audit.add(AuditRecord(action: "review_objection", entity: "review_entry", entityID: e.id!.uuidString, unitID: e.groupID ?? c.communeID,
                                  unitPath: e.unitPath, before: NoValue?.none, after: ["complainant": o.complainant, "text": o.text]))
            return o.id!
        }
    }

    /// Resolves an objection. When the objection changed the survey, the officer re-enters it
    /// first (allowed during posting for that household) and then resolves.
    public func resolveObjection(_ actor: Actor, objectionID: UUID, resolution: String, today: LocalDate) async throws {
        try actor.require(.manageReview)
        let text = resolution.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw AppError.invalid("resolution", "validation.required") }
        try await store.write(actor) { tx, audit in
            guard let o = try await ReviewObjectionModel.find(objectionID, on: tx),
                  let e = try await store.reachable(ReviewEntryModel.self, o.entryID, actor, on: tx) else { throw AppError.notFound }
            guard o.resolvedOn == nil else { throw AppError.conflict(Message("review.error.already_resolved")) }
            o.resolution = text; o.resolvedOn = today.iso
            try await o.save(on: tx)
            audit.add(AuditRecord(action: "review_objection_resolve", entity: "review_entry", entityID: e.id!.uuidString, unitID: e.groupID,
                                  unitPath: e.unitPath, before: NoValue?.none, after: ["resolution": text]))
        }
    }

    /// The commune chairman's decision: writes every household's official class for the period
    /// (set-based, in batches), numbers the certificates and closes the campaign. Only a role
    /// that decides (ward leader) may do it.
    public func decide(_ actor: Actor, campaignID: UUID, number: String, date: String, today: LocalDate) async throws -> Int {
        try actor.require(.decideReview)
        var errors: [FieldError] = []
        let no = number.trimmingCharacters(in: .whitespaces)
        if no.isEmpty { errors.append(FieldError(field: "decision_number", message: Message("validation.required"))) }
        let day = LocalDate(iso: date)
        if day == nil { errors.append(FieldError(field: "decision_date", message: Message("validation.date"))) }
        else if day! > today { errors.append(FieldError(field: "decision_date", message: Message("review.error.future_date"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, ReviewCampaignModel.self, campaignID, .decide, fields: ["decision_number": no]) { c, tx, _ in
            if let end = c.postingEnd.flatMap(LocalDate.init(iso:)), day! <= end {
                throw AppError.invalid("decision_date", "review.error.decision_before_posting_end", ["date": end.iso])
            }
            let entries = try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).sort(\.$groupID).sort(\.$id).all()
            // A later decision for the same period (a continuous review) replaces the earlier class.
            for chunk in entries.map(\.householdID).chunked(500) {
                try await sql(tx).delete(from: "household_classifications").where("period", .equal, c.period).where("household_id", .in, chunk).run()
            }
            var seq = 0
            for chunk in entries.chunked(500) {
                let insert = sql(tx).insert(into: "household_classifications").columns(
                    "id", "household_id", "unit_path", "group_id", "period", "class", "standard_id", "area_type", "income_per_person",
                    "deprivations", "deprivation_count", "reasons", "campaign_id", "decision_number", "decision_date", "certificate_number")
                for e in chunk {
                    seq += 1
                    insert.values(SQLBind(UUID()), SQLBind(e.householdID), SQLBind(e.unitPath), SQLBind(e.groupID), SQLBind(c.period),
                                  SQLBind(e.povertyClass ?? PovertyClass.aboveMiddle.rawValue), SQLBind(c.standardID), SQLBind(e.areaType),
                                  SQLBind(e.incomePerPerson), SQLBind(e.deprivations), SQLBind(e.deprivationCount), SQLBind(e.reasons ?? ""),
                                  SQLBind(campaignID), SQLBind(no), SQLBind(day!.iso), SQLBind(String(format: "%@/%05d", no, seq)))
                }
                try await insert.run()
            }
            c.decisionNumber = no; c.decisionDate = day!.iso
            var counts: [String: Int] = [:]
            for e in entries { counts[e.povertyClass ?? "", default: 0] += 1 }
            return (entries.count, ["number": no, "date": day!.iso, "households": "\(entries.count)",
                                    "poor": "\(counts["poor"] ?? 0)", "near_poor": "\(counts["near_poor"] ?? 0)"])
        }
    }

    // MARK: Household history, vulnerability, hardship

    func classificationViews(_ models: [HouseholdClassificationModel]) -> [ClassificationView] {
        models.map { m in
            let deps = m.deprivations.split(separator: ",").map(String.init)
            var reasons: [Reason] = []
            if let standard = rules.standard(id: m.standardID), let income = m.incomePerPerson {
                reasons = PovertyRules.classify(PovertySurvey(period: m.period, area: AreaType(rawValue: m.areaType) ?? .rural,
                                                              incomePerPerson: income, deprivations: Set(deps)), standard: standard).reasons
            }
            return ClassificationView(period: m.period, povertyClass: PovertyClass(rawValue: m.povertyClass) ?? .aboveMiddle, standardID: m.standardID,
                                      income: m.incomePerPerson, deprivations: deps, decisionNumber: m.decisionNumber,
                                      decisionDate: LocalDate(iso: m.decisionDate)!, certificateNumber: m.certificateNumber, reasons: reasons)
        }
    }

    public func householdReview(_ actor: Actor, householdID: UUID, flags: [DerivedFlag], today: LocalDate) async throws -> HouseholdReview {
        try actor.require(.viewRegistry)
        let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: store.db)
        let classes = try await HouseholdClassificationModel.query(on: store.db).filter(\.$householdID == householdID).sort(\.$period, .descending).all()
        let hardships = try await HardshipEventModel.query(on: store.db).filter(\.$householdID == householdID).sort(\.$occurredOn, .descending).all()
        let circumstances = try await DifficultCircumstanceModel.query(on: store.db).filter(\.$householdID == householdID).sort(\.$since, .descending).all()
        let settings = try await self.settings()
        var facts = VulnerabilityFacts()
        if let last = classes.first {
            facts.lastClass = PovertyClass(rawValue: last.povertyClass); facts.lastIncome = last.incomePerPerson
            facts.lastLine = rules.standard(id: last.standardID)?.incomeLine.value(AreaType(rawValue: last.areaType) ?? .rural)
        }
        facts.hardshipDates = hardships.compactMap { LocalDate(iso: $0.occurredOn) }
        facts.difficultReasons = circumstances.filter { c in c.since <= today.iso && (c.until.map { $0 >= today.iso } ?? true) }.map(\.reason)
        facts.householdFlags = flags
        return HouseholdReview(classifications: classificationViews(classes),
                               vulnerabilities: Vulnerability.derive(facts, on: today, settings: settings),
                               hardships: hardships.map { hardshipView($0, code: h.code, today: today, settings: settings) },
                               circumstances: circumstances.map { CircumstanceView(id: $0.id!, reason: $0.reason, since: LocalDate(iso: $0.since)!,
                                                                                    until: $0.until.flatMap(LocalDate.init(iso:)), recordedBy: $0.recordedBy) })
    }

    func hardshipView(_ m: HardshipEventModel, code: String, today: LocalDate, settings: ReviewSettings) -> HardshipView {
        let recorded = LocalDate(iso: m.recordedOn)!
        return HardshipView(id: m.id!, householdID: m.householdID, householdCode: code, kind: HardshipKind(rawValue: m.kind) ?? .other,
                            occurredOn: LocalDate(iso: m.occurredOn)!, note: m.note, recordedBy: m.recordedBy, recordedOn: recorded,
                            support: m.support, resolvedOn: m.resolvedOn.flatMap(LocalDate.init(iso:)),
                            overdue: m.resolvedOn == nil && today.days - recorded.days > settings.alertHighlightDays)
    }

    public func recordHardship(_ actor: Actor, householdID: UUID, kind: String, occurredOn: String, note: String, today: LocalDate) async throws -> UUID {
        try actor.require(.recordHardship)
        var errors: [FieldError] = []
        if HardshipKind(rawValue: kind) == nil { errors.append(FieldError(field: "event_kind", message: Message("validation.choice"))) }
        let day = LocalDate(iso: occurredOn)
        if day == nil { errors.append(FieldError(field: "occurred_on", message: Message("validation.date"))) }
        else if day! > today { errors.append(FieldError(field: "occurred_on", message: Message("review.error.future_date"))) }
        let text = note.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { errors.append(FieldError(field: "note", message: Message("validation.required"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: tx)
            let m = HardshipEventModel()
            m.id = UUID(); m.householdID = householdID; m.unitPath = h.unitPath; m.kind = kind; m.occurredOn = day!.iso; m.note = text
            m.recordedBy = actor.username; m.recordedOn = today.iso
            try await m.create(on: tx)
            audit.add(AuditRecord(action: "hardship", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: h.unitPath, before: NoValue?.none, after: ["kind": kind, "occurred_on": day!.iso, "note": text]))
            return m.id!
        }
    }

    public func resolveHardship(_ actor: Actor, eventID: UUID, support: String, today: LocalDate) async throws {
        try actor.require(.recordHardship)
        let text = support.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw AppError.invalid("support", "validation.required") }
        try await store.write(actor) { tx, audit in
            let m = try await store.scoped(HardshipEventModel.self, eventID, actor, on: tx)
            guard m.resolvedOn == nil else { throw AppError.conflict(Message("review.error.already_resolved")) }
            m.support = text; m.resolvedOn = today.iso; m.resolvedBy = actor.username
            try await m.save(on: tx)
            audit.add(AuditRecord(action: "hardship_support", entity: "household", entityID: m.householdID.uuidString, unitID: nil,
                                  unitPath: m.unitPath, before: NoValue?.none, after: ["support": text]))
        }
    }

    /// Hardship alerts in scope, unresolved first and oldest first.
    public func alerts(_ actor: Actor, includeResolved: Bool, today: LocalDate, page: PageSpec) async throws -> ResultPage<HardshipView> {
        try actor.require(.viewRegistry)
        let q = store.scoped(HardshipEventModel.self, actor)
        if !includeResolved { q.filter(\.$resolvedOn == nil) }
        let total = try await q.count()
        let models = try await q.sort(\.$resolvedOn).sort(\.$recordedOn).range(page.offset..<(page.offset + page.perPage)).all()
        let codes = Dictionary(try await HouseholdModel.query(on: store.db).filter(\.$id ~~ models.map(\.householdID)).all().map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
        let settings = try await self.settings()
        return ResultPage(items: models.map { hardshipView($0, code: codes[$0.householdID] ?? "—", today: today, settings: settings) }, request: page, total: total)
    }

    public func recordCircumstance(_ actor: Actor, householdID: UUID, reason: String, since: String) async throws {
        try actor.require(.recordHardship)
        var errors: [FieldError] = []
        let text = reason.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { errors.append(FieldError(field: "reason", message: Message("validation.required"))) }
        let day = LocalDate(iso: since)
        if day == nil { errors.append(FieldError(field: "since", message: Message("validation.date"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: tx)
            let m = DifficultCircumstanceModel()
            m.id = UUID(); m.householdID = householdID; m.unitPath = h.unitPath; m.reason = text; m.since = day!.iso; m.recordedBy = actor.username
            try await m.create(on: tx)
            audit.add(AuditRecord(action: "difficult_circumstances", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: h.unitPath, before: NoValue?.none, after: ["reason": text, "since": day!.iso]))
        }
    }
}

