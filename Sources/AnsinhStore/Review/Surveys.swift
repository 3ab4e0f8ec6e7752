import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// The campaign's list and its surveys: households listed (current classes and requests), each
/// surveyed, then classified set-based in batches.
extension ReviewRepository {
    /// Lists the commune's currently poor and near-poor households (their latest official class
    /// before the campaign's period) — QD24 Art. 4(1)(a). Set-based and idempotent: a household
    /// already on the list is left alone.
    public func listCurrent(_ actor: Actor, campaignID: UUID) async throws -> Int {
        try CampaignLifecycle.authorize(.addHousehold, role: actor.role)
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.addHousehold, from: c.lifecycleState)
            let rows = try await sql(tx).raw(
                """
                SELECT h.id, h.group_id, h.unit_path, h.area_type, hc.class FROM households h
                JOIN household_classifications hc ON hc.household_id = h.id
                WHERE \(UnitScope.condition("h.unit_path", c.unitPath, on: store.db)) AND h.status = 'active'
                  AND hc.period = (SELECT MAX(period) FROM household_classifications x WHERE x.household_id = h.id AND x.period < \(bind: c.period))
                  AND hc.class IN ('poor', 'near_poor')
                  AND NOT EXISTS (SELECT 1 FROM review_entries e WHERE e.campaign_id = \(bind: campaignID) AND e.household_id = h.id)
                """
            ).all()
            var added = 0
            for chunk in rows.chunked(500) {
                let insert = sql(tx).insert(into: "review_entries")
                    .columns(
                        "id", "campaign_id", "household_id", "group_id", "unit_path", "origin", "area_type", "previous_class", "deprivations",
                        "deprivation_count")
                for r in chunk {
                    let gid = try r.decodeNil(column: "group_id") ? nil : try r.decode(column: "group_id", as: UUID.self)
                    insert.values(
                        SQLBind(UUID()), SQLBind(campaignID), SQLBind(try r.decode(column: "id", as: UUID.self)), SQLBind(gid),
                        SQLBind(try r.decode(column: "unit_path", as: String.self)), SQLBind(EntryOrigin.current.rawValue),
                        SQLBind(try r.decode(column: "area_type", as: String.self)), SQLBind(try r.decode(column: "class", as: String.self)),
                        SQLBind(""), SQLBind(0))
                }
                try await insert.run()
                added += chunk.count
            }
            audit.add(
                AuditRecord(
                    action: "review_list", entity: "review_campaign", entityID: campaignID.uuidString, unitID: c.communeID,
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
                h.unitPath.hasPrefix(c.unitPath), actor.covers(path: h.unitPath)
            else {
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
            audit.add(
                AuditRecord(
                    action: "review_request", entity: "review_campaign", entityID: campaignID.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: h.unitPath, before: NoValue?.none, after: ["household": code]))
            return e.id!
        }
    }

    func entryViews(_ models: [ReviewEntryModel], campaign c: ReviewCampaignModel, on db: any Database) async throws -> [EntryView] {
        guard !models.isEmpty else { return [] }
        let hids = models.map(\.householdID)
        let households = Dictionary(try await HouseholdModel.query(on: db).filter(\.$id ~~ hids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let heads = try await MembershipModel.query(on: db).filter(\.$householdID ~~ hids).filter(\.$role == "head").filter(\.$endDate == nil).all()
        let persons = Dictionary(
            try await PersonModel.query(on: db).filter(\.$id ~~ heads.map(\.personID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let headOf = Dictionary(heads.compactMap { m in persons[m.personID].map { (m.householdID, $0) } }, uniquingKeysWith: { a, _ in a })
        let gids = Set(models.compactMap(\.groupID))
        let groups = Dictionary(
            try await OrgUnitModel.query(on: db).filter(\.$id ~~ Array(gids)).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let standard = rules.standard(id: c.standardID)
        return models.map { e in
            let h = households[e.householdID]
            let deps = e.deprivations.split(separator: ",").map(String.init)
            let area = AreaType(rawValue: e.areaType) ?? .rural
            var reasons: [Reason] = []
            if let income = e.incomePerPerson, e.povertyClass != nil, let standard {
                reasons =
                    PovertyRules.classify(PovertySurvey(period: c.period, area: area, incomePerPerson: income, deprivations: Set(deps)), standard: standard)
                    .reasons
            }
            return EntryView(
                id: e.id!, campaignID: e.campaignID, householdID: e.householdID, householdCode: h?.code ?? "—", address: h?.address ?? "",
                headName: headOf[e.householdID]?.fullName, headNationalID: headOf[e.householdID]?.nationalID,
                groupID: e.groupID, groupName: e.groupID.flatMap { groups[$0] },
                origin: EntryOrigin(rawValue: e.origin) ?? .request, areaType: area,
                previousClass: e.previousClass.flatMap(PovertyClass.init(rawValue:)), income: e.incomePerPerson,
                deprivations: deps, collector: e.collector, collectedOn: e.collectedOn.flatMap(LocalDate.init(iso:)),
                enteredBy: e.enteredBy, povertyClass: e.povertyClass.flatMap(PovertyClass.init(rawValue:)), reasons: reasons)
        }
    }

    public func entries(_ actor: Actor, campaignID: UUID, groupID: UUID? = nil, filter: EntryFilter = .all, page: PageSpec) async throws -> ResultPage<
        EntryView
    > {
        try actor.require(.viewReview)
        let c = try await campaignModel(actor, campaignID, on: store.db)
        let q = store.scoped(ReviewEntryModel.self, actor).filter(\.$campaignID == campaignID)
        if let groupID { q.filter(\.$groupID == groupID) }
        switch filter {
        case .all: break
        // A survey has its income, or (once retention removed the income) its class.
        case .todo: q.filter(\.$incomePerPerson == nil).filter(\.$povertyClass == nil)
        case .surveyed: q.group(.or) { $0.filter(\.$incomePerPerson != nil).filter(\.$povertyClass != nil) }
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
        if collected == nil {
            errors.append(FieldError(field: "collected_on", message: Message("validation.date")))
        } else if collected! > today {
            errors.append(FieldError(field: "collected_on", message: Message("review.error.future_date")))
        }
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
            let result = PovertyRules.classify(
                PovertySurvey(
                    period: c.period, area: AreaType(rawValue: e.areaType) ?? .rural,
                    incomePerPerson: income!, deprivations: Set(deps)), standard: standard)
            e.incomePerPerson = income; e.deprivations = deps.joined(separator: ","); e.deprivationCount = deps.count
            e.collector = collector; e.collectedOn = collected!.iso; e.enteredBy = actor.username
            e.povertyClass = result.povertyClass.rawValue; e.reasons = result.reasons.map(\.code).joined(separator: ",")
            try await e.save(on: tx)
            audit.add(
                AuditRecord(
                    action: "review_survey", entity: "review_entry", entityID: entryID.uuidString, unitID: e.groupID ?? c.communeID,
                    unitPath: e.unitPath, before: before,
                    after: [
                        "income": String(income!), "deprivations": e.deprivations, "class": result.povertyClass.rawValue,
                        "collector": collector, "collected_on": collected!.iso,
                    ]))
            return try await entryViews([e], campaign: c, on: tx)[0]
        }
    }

    /// The classification rule as one SQL expression over `review_entries`: the same rule as
    /// `PovertyRules.classify` (a test checks they agree). Numbers come from a validated rule file.
    public static func classSQL(_ s: PovertyStandard) -> (cls: String, reasons: String) {
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
        let ids = try await sql(store.db).raw(
            """
            SELECT id FROM review_entries WHERE campaign_id = \(bind: campaignID) AND income_per_person IS NOT NULL
              AND \(UnitScope.condition("unit_path", actor.scopePath, on: store.db)) ORDER BY id
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
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
                audit.add(
                    AuditRecord(
                        action: "review_classify", entity: "review_campaign", entityID: campaignID.uuidString, unitID: c.communeID,
                        unitPath: c.unitPath, before: NoValue?.none,
                        after: ["households": "\(chunk.count)", "standard": standard.id, "period": "\(c.period)"]))
            }
            done += chunk.count
            progress?(done, ids.count)
        }
        return done
    }
}
