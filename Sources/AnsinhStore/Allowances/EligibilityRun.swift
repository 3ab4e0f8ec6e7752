import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// "No one missed": the allowance rules run over every household in scope for a month. Each
/// run is stored with its results (who appears eligible, the amount, the categories), so the
/// officer works from a fixed list and a later run can be compared.
public final class EligibilityRunModel: Model, @unchecked Sendable {
    public static let schema = "eligibility_runs"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "month") public var month: String
    @Field(key: "persons") public var persons: Int
    @Field(key: "eligible") public var eligible: Int
    @Field(key: "total_amount") public var totalAmount: Int64
    @Field(key: "run_by") public var runBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public struct EligibilityRunView: Sendable {
    public let id: UUID
    public let month: YearMonth
    public let persons: Int
    public let eligible: Int
    public let totalAmount: Int64
    public let runBy: String
    public let at: Date?
}

public struct EligibilityResultView: Sendable {
    public let personID: UUID
    public let fullName: String
    public let birth: String
    public let householdID: UUID
    public let householdCode: String
    public let amount: Int64
    public let careAmount: Int64
    public let categories: [String]
    /// `paid` (decisions pay every ledger they appear eligible for this month), `pending` (an
    /// application is being handled for what is not paid) or `missed` (a ledger with nothing
    /// decided or asked — the allowance or the care support: the officer acts).
    public let status: String
}

/// A recipient the run does not agree with: paid but not appearing eligible, or paid another amount.
public struct EligibilityMismatch: Sendable {
    public let personID: UUID
    public let fullName: String
    public let birth: String
    public let benefit: Benefit
    public let paid: Int64
    /// What the rules give on the registry facts (0: no longer appear eligible).
    public let evaluated: Int64
}

/// Which results of a run to list.
public enum EligibilityFilter: String, CaseIterable, Sendable { case all, missed }

public struct EligibilityRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }
    public static let batchSize = 2000

    /// Builds each person's facts from the registry and evaluates them, household by household
    /// in batches (one read per batch), and stores the run with everyone who appears eligible.
    /// The same rules as the person page (`AllowanceFactsRepository`), without HIV unless the
    /// role may see it.
    public func run(_ actor: Actor, month: YearMonth, progress: (@Sendable (Int) -> Void)? = nil) async throws -> EligibilityRunView {
        try actor.require(.manageRegistry)
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        // One engine per province (its top-ups), found from each commune's path.
        let provinces = try await RuleSettingsRepository.provinceCodes(on: store.db)
        var engines: [UUID: AllowanceEngine] = [:]
        for c in try await OrgUnitModel.query(on: store.db).filter(\.$kind == UnitKind.commune.rawValue).all()
        where c.path.hasPrefix(actor.scopePath) || actor.scopePath.hasPrefix(c.path) {
            engines[c.id!] = AllowanceEngine(rules: rules.forProvince(RuleSettingsRepository.provinceID(ofPath: c.path).flatMap { provinces[$0] }))
        }
        let national = AllowanceEngine(rules: rules)
        let sensitive = RegistryRepository.canSeeSensitive(actor)
        let day = month.lastDay.iso
        let s = sql(store.db)
        // Commune flags and latest classes, once.
        let difficult = try await UnitFactKey.difficultAreas(on: month.lastDay, db: store.db)
        var poverty: [UUID: String] = [:]
        for r in try await s.raw(
            """
            SELECT household_id, class, period FROM household_classifications WHERE \(UnitScope.condition("unit_path", actor.scopePath, on: store.db)) AND period <= \(bind: month.year) ORDER BY period
            """
        ).all() {
            poverty[try r.decode(column: "household_id", as: UUID.self)] = try r.decode(column: "class", as: String.self)
        }
        var results: [(UUID, UUID, String, Int64, Int64, String)] = []
        var persons = 0
        let db = store.db
        /// One batch of households and their current members, read while the previous batch
        /// is being evaluated (the database thread and the evaluation overlap).
        @Sendable func fetch(after code: String) async throws -> (households: [any SQLRow], members: [any SQLRow])? {
            let s = sql(db)
            let households = try await s.raw(
                """
                SELECT id, code, commune_id, group_id, area_type, unit_path FROM households
                WHERE \(UnitScope.condition("unit_path", actor.scopePath, on: store.db)) AND status = 'active' AND code > \(bind: code) ORDER BY code LIMIT \(unsafeRaw: String(Self.batchSize))
                """
            ).all()
            guard !households.isEmpty else { return nil }
            let ids = try households.map { try $0.decode(column: "id", as: UUID.self) }
            let members = try await s.raw(
                """
                SELECT m.household_id, p.id, p.gender, p.birth_date, p.birth_year, p.disability_level, p.disability_certificate_date, p.hiv_status,
                       p.has_pension, p.has_merit, p.death_date
                FROM memberships m JOIN persons p ON p.id = m.person_id
                WHERE m.household_id IN (\(binds: ids)) AND m.start_date <= \(bind: day)
                  AND (m.end_date IS NULL OR m.end_date > \(bind: day)) AND p.merged_into IS NULL
                """
            ).all()
            return (households, members)
        }
        var next = Task { try await fetch(after: "") }
        while let batch = try await next.value {
            let lastCode = try batch.households.last!.decode(column: "code", as: String.self)
            next = Task { try await fetch(after: lastCode) }
            var members: [UUID: [PersonModelRow]] = [:]
            for r in batch.members { members[try r.decode(column: "household_id", as: UUID.self), default: []].append(try PersonModelRow(r)) }
            let recorded = try await PersonFactsRepository.current(members.values.flatMap { $0.map(\.id) }, on: month.lastDay, db: db)
            for h in batch.households {
                let hid = try h.decode(column: "id", as: UUID.self)
                let area = AreaType(rawValue: try h.decode(column: "area_type", as: String.self)) ?? .rural
                let commune = try h.decode(column: "commune_id", as: UUID.self)
                let path = try h.decode(column: "unit_path", as: String.self)
                let list = members[hid] ?? []
                // "No one obliged to support them": only households with someone 60+ need the flags.
                var lonely = Set<Int>()
                if list.contains(where: { $0.birth.age(on: month.lastDay) >= 60 }) {
                    lonely = Set(
                        HouseholdFlags.derive(
                            list.enumerated().map { i, m in
                                MemberFacts(name: String(i), birth: m.birth, disability: m.disability, hasMerit: m.hasMerit, deathDate: m.deathDate)
                            }, on: month.lastDay
                        ).filter { $0.flag == .lonelyElderly }.compactMap { $0.reason.args["name"].flatMap { Int($0) } })
                }
                for (i, p) in list.enumerated() {
                    persons += 1
                    var f = PersonFacts(birthDate: p.birth.date ?? LocalDate(year: p.birth.year, month: 1, day: 1)!)
                    f.gender = p.gender; f.disabilityLevel = p.disability
                    f.disabilityCertificateDate = (p.disability == .severe || p.disability == .especiallySevere) ? p.certificate : nil
                    f.hiv = sensitive && p.hiv; f.hasPension = p.hasPension; f.deathDate = p.deathDate; f.areaType = area
                    f.householdPoverty = poverty[hid] == "poor" ? .poor : (poverty[hid] == "near_poor" ? .nearPoor : .none)
                    f.ethnicMountainDifficultArea = UnitFactKey.isDifficult(
                        difficult, group: try h.decode(column: "group_id", as: UUID?.self), commune: commune)
                    f.supporter = lonely.contains(i) ? .none : .present
                    // The circumstances recorded on the person (Art. 5(1), 5(2), 5(4), 20…) replace
                    // what the household suggests.
                    recorded[p.id]?.apply(to: &f)
                    if Self.cannotQualify(f, month: month) { continue }
                    guard let r = try? (engines[commune] ?? national).evaluate(f, month: month), r.eligible else { continue }
                    results.append(
                        (
                            p.id, hid, path, r.monthlyAmount, r.careSupport.reduce(0) { $0 + $1.amount },
                            (r.components + r.careSupport).map(\.category).joined(separator: ",")
                        ))
                }
            }
            progress?(persons)
        }
        let total = results.reduce(Int64(0)) { $0 + $1.3 }
        let eligibleCount = results.count, personCount = persons, frozen = results
        return try await store.write(actor) { tx, audit in
            let run = EligibilityRunModel()
            run.id = UUID(); run.unitPath = actor.scopePath; run.month = month.iso; run.persons = personCount; run.eligible = eligibleCount
            run.totalAmount = total; run.runBy = actor.username
            try await run.create(on: tx)
            for chunk in frozen.chunked(1000) {
                let insert = sql(tx).insert(into: "eligibility_results").columns(
                    "run_id", "person_id", "household_id", "unit_path", "amount", "care_amount", "categories")
                for r in chunk {
                    insert.values(
                        SQLBind(run.id!), SQLBind(r.0), SQLBind(r.1), SQLBind(r.2), SQLBind(r.3), SQLBind(r.4),
                        SQLBind(SealedColumn.eligibilityCategories.seal(r.5)))
                }
                try await insert.run()
            }
            audit.add(
                AuditRecord(
                    action: "eligibility_run", entity: "eligibility_run", entityID: run.id!.uuidString, unitID: actor.unitID,
                    unitPath: actor.scopePath, before: NoValue?.none,
                    after: ["month": month.iso, "persons": "\(personCount)", "eligible": "\(eligibleCount)", "total": "\(total)"]))
            return EligibilityRunView(
                id: run.id!, month: month, persons: personCount, eligible: eligibleCount, totalAmount: total, runBy: actor.username, at: nil)
        }
    }

    /// With only the facts the registry holds (no circumstances recorded), only these can qualify: a severe or especially severe disability (5(6), Art. 20),
    /// HIV (5(3), 5(8)), age 60 or more by the end of the month (5(5), social pension), or a
    /// child under 3 in a poor or near-poor household of a difficult area (5(7)). Everyone else
    /// is skipped without a full evaluation; a test checks the shortcut never drops anyone.
    public static func cannotQualify(_ f: PersonFacts, month: YearMonth) -> Bool {
        if f.disabilityLevel == .severe || f.disabilityLevel == .especiallySevere || f.hiv { return false }
        if f.birthDate.age(on: month.lastDay) >= 60 { return false }
        // The earliest day the rules look at is the end of the previous month (the adjustment rule after July 2025).
        if f.ethnicMountainDifficultArea && f.householdPoverty != .none && f.birthDate.age(on: month.adding(months: -1).lastDay) < 3 { return false }
        return f.parents.isEmpty && !f.abandoned && f.childrenRaised.isEmpty && f.residence == .community
    }

    public func runs(_ actor: Actor) async throws -> [EligibilityRunView] {
        try actor.require(.viewRegistry)
        return try await store.scoped(EligibilityRunModel.self, actor).sort(\.$createdAt, .descending)
            .limit(50).all().map {
                EligibilityRunView(
                    id: $0.id!, month: YearMonth(iso: $0.month)!, persons: $0.persons, eligible: $0.eligible,
                    totalAmount: $0.totalAmount, runBy: $0.runBy, at: $0.createdAt)
            }
    }

    func runModel(_ actor: Actor, _ runID: UUID) async throws -> EligibilityRunModel {
        try actor.require(.viewRegistry)
        guard let run = try await store.reachable(EligibilityRunModel.self, runID, actor, on: store.db) else {
            throw AppError.notFound
        }
        return run
    }

    /// The results of a run, each with what Ansinh knows of it now: paid by a decision, an
    /// application being handled, or missed — for every ledger the person appears eligible for
    /// (their own allowance, the care support): one ledger missed makes the person missed.
    public func results(_ actor: Actor, runID: UUID, page: PageSpec, filter: EligibilityFilter = .all) async throws -> (
        EligibilityRunView, ResultPage<EligibilityResultView>
    ) {
        let run = try await runModel(actor, runID)
        let s = sql(store.db)
        let month = run.month
        // Each ledger the person appears eligible for counts on its own: an allowance paid does
        // not hide a care support nobody has decided (Decree 20 Art. 20), nor the reverse.
        func decided(_ benefits: String) -> SQLQueryString {
            """
            EXISTS (SELECT 1 FROM allowance_periods a WHERE a.person_id = r.person_id AND a.benefit IN (\(unsafeRaw: benefits))
                    AND a.from_month <= \(bind: month) AND (a.until_month IS NULL OR a.until_month > \(bind: month)))
            """
        }
        func asked(_ benefits: String) -> SQLQueryString {
            """
            EXISTS (SELECT 1 FROM allowance_applications x WHERE x.person_id = r.person_id AND x.benefit IN (\(unsafeRaw: benefits))
                    AND x.status IN ('received', 'reviewed', 'posted'))
            """
        }
        let own = "'allowance', 'nursing'", care = "'care_support'"
        let status: SQLQueryString = """
            CASE WHEN (r.amount = 0 OR \(decided(own))) AND (r.care_amount = 0 OR \(decided(care))) THEN 'paid'
                 WHEN (r.amount = 0 OR \(decided(own)) OR \(asked(own))) AND (r.care_amount = 0 OR \(decided(care)) OR \(asked(care))) THEN 'pending'
                 ELSE 'missed' END
            """
        let only: SQLQueryString = filter == .missed ? "WHERE t.status = 'missed'" : ""
        let base: SQLQueryString = """
            SELECT r.person_id, r.household_id, r.amount, r.care_amount, r.categories, \(status) AS status
            FROM eligibility_results r WHERE r.run_id = \(bind: runID) AND \(UnitScope.condition("r.unit_path", actor.scopePath, on: store.db))
            """
        let total = try await s.raw("SELECT COUNT(*) AS n FROM (\(base)) t \(only)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await s.raw(
            """
            SELECT t.*, p.full_name, p.birth_date, h.code FROM (\(base)) t JOIN persons p ON p.id = t.person_id JOIN households h ON h.id = t.household_id
            \(only) ORDER BY h.code, p.full_name LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).all()
        let items = try rows.map { r in
            EligibilityResultView(
                personID: try r.decode(column: "person_id", as: UUID.self), fullName: try r.decode(column: "full_name", as: String.self),
                birth: try r.decode(column: "birth_date", as: String.self), householdID: try r.decode(column: "household_id", as: UUID.self),
                householdCode: try r.decode(column: "code", as: String.self), amount: try r.decode(column: "amount", as: Int64.self),
                careAmount: try r.decode(column: "care_amount", as: Int64.self),
                categories: SensitivityClass.visibleCategories(
                    SealedColumn.eligibilityCategories.open(try r.decode(column: "categories", as: String.self)).split(separator: ",").map(String.init),
                    for: actor.role),
                status: try r.decode(column: "status", as: String.self))
        }
        return (
            EligibilityRunView(
                id: run.id!, month: YearMonth(iso: run.month)!, persons: run.persons, eligible: run.eligible,
                totalAmount: run.totalAmount, runBy: run.runBy, at: run.createdAt),
            ResultPage(items: items, request: page, total: total)
        )
    }
}

extension EligibilityRepository {
    /// Recipients the run does not agree with, for the officer to act on: paid this month but
    /// not appearing eligible on the registry facts (stop?), or paid another amount (adjust?).
    /// At most `limit` of each.
    public func mismatches(_ actor: Actor, runID: UUID, limit: Int = 500) async throws -> (noLonger: [EligibilityMismatch], different: [EligibilityMismatch]) {
        let run = try await runModel(actor, runID)
        let month = YearMonth(iso: run.month)!
        let national = try await RuleSettingsRepository(store).allowanceRules()
        let provinces = try await RuleSettingsRepository.provinceCodes(on: store.db)
        var byCommune: [UUID: AllowanceRules] = [:]
        let rows = try await sql(store.db).raw(
            """
            SELECT a.person_id, a.benefit, a.commune_id, a.unit_path, a.standard_tenths, a.pension_tenths, p.full_name, p.birth_date, r.amount, r.care_amount
            FROM allowance_periods a JOIN persons p ON p.id = a.person_id
            LEFT JOIN eligibility_results r ON r.run_id = \(bind: runID) AND r.person_id = a.person_id
            WHERE \(UnitScope.condition("a.unit_path", actor.scopePath, on: store.db)) AND a.from_month <= \(bind: month.iso)
              AND (a.until_month IS NULL OR a.until_month > \(bind: month.iso))
            ORDER BY p.full_name
            """
        ).all()
        var noLonger: [EligibilityMismatch] = [], different: [EligibilityMismatch] = []
        for r in rows {
            let benefit = Benefit(rawValue: try r.decode(column: "benefit", as: String.self)) ?? .allowance
            let commune = try r.decode(column: "commune_id", as: UUID.self)
            if byCommune[commune] == nil {
                byCommune[commune] = national.forProvince(
                    RuleSettingsRepository.provinceID(ofPath: try r.decode(column: "unit_path", as: String.self)).flatMap { provinces[$0] })
            }
            let rules = byCommune[commune]!
            let paid = PayPeriod(
                from: month, until: nil, standardTenths: try r.decode(column: "standard_tenths", as: Int.self),
                pensionTenths: try r.decode(column: "pension_tenths", as: Int.self)
            ).amount(month, rules: rules)
            let found = try r.decode(column: benefit == .careSupport ? "care_amount" : "amount", as: Int64?.self)
            let m = EligibilityMismatch(
                personID: try r.decode(column: "person_id", as: UUID.self), fullName: try r.decode(column: "full_name", as: String.self),
                birth: try r.decode(column: "birth_date", as: String.self), benefit: benefit, paid: paid, evaluated: found ?? 0)
            if (found ?? 0) == 0 {
                if noLonger.count < limit { noLonger.append(m) }
            } else if found != paid && benefit != .nursing {
                if different.count < limit { different.append(m) }
            }
        }
        return (noLonger, different)
    }
}

/// The columns of a person the allowance facts need, read in bulk.
struct PersonModelRow {
    let id: UUID
    let gender: Gender
    let birth: BirthDate
    let disability: DisabilityLevel
    let certificate: LocalDate?
    /// Sealed; opened only for a role that may see it (`hiv`).
    let hivStatus: String?
    let hasPension: Bool
    let hasMerit: Bool
    let deathDate: LocalDate?
    init(_ r: any SQLRow) throws {
        id = try r.decode(column: "id", as: UUID.self)
        gender = Gender(rawValue: try r.decode(column: "gender", as: String.self)) ?? .male
        let year = try r.decode(column: "birth_year", as: Int.self)
        birth = BirthDate(text: try r.decode(column: "birth_date", as: String.self)) ?? BirthDate(year: year)
        disability = DisabilityLevel(rawValue: try r.decode(column: "disability_level", as: String.self)) ?? .none
        certificate = try r.decode(column: "disability_certificate_date", as: String?.self).flatMap(LocalDate.init(iso:))
        hivStatus = try r.decode(column: "hiv_status", as: String?.self)
        hasPension = try r.decode(column: "has_pension", as: Bool.self)
        hasMerit = try r.decode(column: "has_merit", as: Bool.self)
        deathDate = try r.decode(column: "death_date", as: String?.self).flatMap(LocalDate.init(iso:))
    }
    var hiv: Bool { hivStatus.map { Sealed.open($0, SealedColumn.personHIV.name) == "true" } ?? false }
}

extension EligibilityRunModel: UnitScoped {
    public static var unitPathKey: KeyPath<EligibilityRunModel, FieldProperty<EligibilityRunModel, String>> { \.$unitPath }
}
