import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Unit facts are dated flags on a commune (e.g. Decision 861/QĐ-TTg lists, changed with the
/// 2025 mergers).
public enum UnitFactKey {
    /// Commune in the extremely difficult ethnic-minority and mountainous areas.
    public static let extremelyDifficultArea = "extremely_difficult_ethnic_mountain_area"

    /// Every unit's extremely-difficult-area flag in force on `day` (the latest dated value).
    static func difficultAreas(on day: LocalDate, db: any Database) async throws -> [UUID: Bool] {
        var flags: [UUID: Bool] = [:]
        for r in try await sql(db).raw(
            """
            SELECT unit_id, value FROM unit_facts WHERE fact = \(bind: extremelyDifficultArea) AND valid_from <= \(bind: day.iso)
            ORDER BY valid_from
            """
        ).all() {
            flags[try r.decode(column: "unit_id", as: UUID.self)] = try r.decode(column: "value", as: Bool.self)
        }
        return flags
    }

    /// Decree 20/2021 Art. 5(5)(b): "a commune or village" of the list — the residential
    /// group's own flag when it has one, else the commune's.
    static func isDifficult(_ flags: [UUID: Bool], group: UUID?, commune: UUID) -> Bool {
        group.flatMap { flags[$0] } ?? flags[commune] ?? false
    }
}

/// A person's allowance for a month as the registry knows them: the facts taken from the
/// registry, the evaluation, and which facts the registry does not hold (taken as not applying).
public struct RegistryAllowance: Sendable {
    public let facts: PersonFacts
    public let evaluation: AllowanceEvaluation
    /// Message keys of the assumptions made (`allowance.assumed.*`).
    public let assumed: [String]
    /// Only the birth year is known and the evaluation differs between 1 January and 31
    /// December of it: a year is never read as 1 January for money, so a decision waits for the
    /// officer to confirm the date.
    public let birthDependent: Bool
    /// The facts the evaluation could not read and took as not applying: every circumstance
    /// when none is recorded for the month, `birth_date` when only the year is known,
    /// `household_poverty` when the household has no classification.
    public let missingFacts: [String]
    /// The record of circumstances the evaluation used.
    public let circumstances: PersonFactVersion?
}

public struct AllowanceFactsRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Builds the facts of a registered person for `month` and evaluates them. Whether the person
    /// lives in a facility comes from the centre's residents (in care on the month's last day,
    /// admitted on a basis with the nursing allowance, or in the after-care months after leaving),
    /// unless `inFacility` says it.
    public func evaluate(_ actor: Actor, personID: UUID, month: YearMonth, inFacility: Bool? = nil) async throws -> RegistryAllowance {
        try actor.require(.viewRegistry)
        let p = try await store.scoped(PersonModel.self, personID, actor, on: store.db)
        let birth = BirthDate(text: p.birthDate) ?? BirthDate(year: p.birthYear)
        var assumed: [String] = []
        var missing: [String] = []
        var f = PersonFacts(birthDate: birth.date ?? LocalDate(year: birth.year, month: 1, day: 1)!)
        if birth.date == nil { assumed.append("allowance.assumed.year_only"); missing.append("birth_date") }
        // The circumstances recorded for the month (a change during it counts for it).
        let recorded = try await PersonFactsRepository(store).current(personID, on: month.lastDay)
        if let recorded {
            recorded.circumstances.apply(to: &f)
        } else {
            assumed.append("allowance.assumed.family"); missing += PersonCircumstances.names
        }
        f.gender = Gender(rawValue: p.gender) ?? .male
        f.disabilityLevel = DisabilityLevel(rawValue: p.disabilityLevel) ?? .none
        f.disabilityCertificateDate = p.disabilityCertificateDate.flatMap(LocalDate.init(iso:))
        if f.disabilityLevel == .none || f.disabilityLevel == .mild { f.disabilityCertificateDate = nil }
        // HIV status counts only for roles allowed to see it; otherwise the page would reveal it.
        if RegistryRepository.canSeeSensitive(actor) { f.hiv = p.hiv } else { assumed.append("allowance.assumed.sensitive_hidden") }
        f.hasPension = p.hasPension
        f.deathDate = p.deathDate.flatMap(LocalDate.init(iso:))
        let day = month.lastDay
        let resident: Bool
        if let inFacility {
            resident = inFacility
        } else {
            resident = try await CareResidentModel.query(on: store.db).filter(\.$personID == personID)
                .filter(\.$basis ~~ AdmissionBasis.allCases.filter(\.nursingAllowance).map(\.rawValue)).filter(\.$admittedOn <= day.iso).all()
                .contains { r in
                    // In care on the month's last day, or within the after-care months (Art. 26(5)).
                    (r.dischargedOn.map { $0 > day.iso } ?? true) || (r.afterCareUntil.map { $0 >= month.iso } ?? false)
                }
        }
        if resident {
            // Art. 24(1), 25(1): admitted because nobody can care for them in the community.
            f.residence = .facility
            f.needsFacilityCare = true
            f.caredByCommunityCarer = false; f.householdCarer = false  // cared for by the facility
        }
        let memberships = try await MembershipModel.query(on: store.db).filter(\.$personID == personID).all()
            .filter { $0.startDate <= day.iso && ($0.endDate.map { $0 >= month.firstDay.iso } ?? true) }
        // Provincial top-ups follow the household's province (else the person's unit).
        var path = p.unitPath
        if let m = memberships.first, let h = try await HouseholdModel.find(m.householdID, on: store.db) {
            path = h.unitPath
            f.areaType = AreaType(rawValue: h.areaType) ?? .rural
            if let c = try await HouseholdClassificationModel.query(on: store.db).filter(\.$householdID == h.id!)
                .filter(\.$period <= month.year).sort(\.$period, .descending).first()
            {
                f.householdPoverty = c.povertyClass == "poor" ? .poor : (c.povertyClass == "near_poor" ? .nearPoor : .none)
            } else {
                assumed.append("allowance.assumed.no_classification"); missing.append("household_poverty")
            }
            // Art. 5(5)(b), 5(7): "a commune or village" of the list — the residential group's own
            // dated flag when it has one, else the commune's.
            var flag: Bool?
            for unit in [h.groupID, h.communeID].compactMap({ $0 }) where flag == nil {
                flag = try await UnitFactModel.query(on: store.db).filter(\.$unitID == unit)
                    .filter(\.$fact == UnitFactKey.extremelyDifficultArea).filter(\.$validFrom <= day.iso).sort(\.$validFrom, .descending).first()?.value
            }
            f.ethnicMountainDifficultArea = flag ?? false
            // "No one obliged to support them": the household's lonely-elderly flag for this person.
            let members = try await MembershipModel.query(on: store.db).filter(\.$householdID == h.id!).all()
                .filter { $0.startDate <= day.iso && ($0.endDate.map { $0 > day.iso } ?? true) }
            let people = try await PersonModel.query(on: store.db).filter(\.$id ~~ members.map(\.personID)).all()
            let flags = HouseholdFlags.derive(
                people.map { q in
                    MemberFacts(
                        name: q.id == p.id ? "self" : q.fullName, birth: BirthDate(text: q.birthDate) ?? BirthDate(year: q.birthYear),
                        disability: DisabilityLevel(rawValue: q.disabilityLevel) ?? .none, hasMerit: q.hasMerit,
                        deathDate: q.deathDate.flatMap(LocalDate.init(iso:)))
                }, on: day)
            if recorded == nil {
                f.supporter = flags.contains { $0.flag == .lonelyElderly && $0.reason.args["name"] == "self" } ? .none : .present
            }
        } else {
            assumed.append("allowance.assumed.no_household"); missing.append("household_poverty")
        }
        let engine = AllowanceEngine(rules: try await RuleSettingsRepository(store).allowanceRules(forPath: path))
        let evaluation = try engine.evaluate(f, month: month)
        var dependent = false
        if birth.date == nil {
            var late = f
            late.birthDate = LocalDate(year: birth.year, month: 12, day: 31)!
            let other = try? engine.evaluate(late, month: month)
            dependent = other.map { $0.components != evaluation.components || $0.careSupport != evaluation.careSupport } ?? true
        }
        return RegistryAllowance(
            facts: f, evaluation: evaluation, assumed: assumed, birthDependent: dependent, missingFacts: missing, circumstances: recorded)
    }
}
