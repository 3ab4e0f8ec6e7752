import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Households and persons: the one way in for registry reads and writes.
public struct RegistryRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// HIV status is of the `hiv` sensitivity class; the role decides (`Role.canView`).
    static func canSeeSensitive(_ actor: Actor) -> Bool { actor.role.canView(.hiv) }

    func requireRegistry(_ actor: Actor, write: Bool) throws {
        try actor.require(write ? .manageRegistry : .viewRegistry)
    }

    // MARK: Validation

    /// Checks a person's facts; returns the parsed values or every problem at once.
    static func validate(_ p: PersonInput, prefix: String = "") -> (FieldErrors?, BirthDate?, String?) {
        var errors: [FieldError] = []
        let name = p.fullName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name.isEmpty || name.count > 120 {
            errors.append(FieldError(field: prefix + "full_name", message: Message("validation.required_text", ["max": "120"])))
        }
        let gender = Gender(rawValue: p.gender)
        if gender == nil { errors.append(FieldError(field: prefix + "gender", message: Message("validation.choice"))) }
        let birth = BirthDate(text: p.birth)
        if birth == nil { errors.append(FieldError(field: prefix + "birth", message: Message("import.bad_date", ["value": p.birth]))) }
        if DisabilityLevel(rawValue: p.disability) == nil { errors.append(FieldError(field: prefix + "disability", message: Message("validation.choice"))) }
        for (field, value) in [("disability_certificate_date", p.disabilityCertificateDate), ("death_date", p.deathDate)] {
            if let v = value, !v.isEmpty, LocalDate(iso: v) == nil {
                errors.append(FieldError(field: prefix + field, message: Message("import.bad_date", ["value": v])))
            }
        }
        var id = p.nationalID.map(NationalID.normalise)
        if id?.isEmpty == true { id = nil }
        if let id, let problem = NationalID.problem(id, birthYear: birth?.year, gender: gender) {
            errors.append(FieldError(field: prefix + "national_id", message: problem))
        }
        return (errors.isEmpty ? nil : FieldErrors(errors), birth, id)
    }

    static func apply(_ p: PersonInput, birth: BirthDate, nationalID: String?, to m: PersonModel) {
        m.fullName = p.fullName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        m.gender = p.gender; m.birthDate = birth.text; m.birthYear = birth.year; m.nationalID = nationalID
        m.ethnicity = p.ethnicity.flatMap { $0.isEmpty ? nil : $0 }; m.phone = p.phone.flatMap { $0.isEmpty ? nil : $0 }
        m.disabilityLevel = p.disability
        m.disabilityCertificateDate = p.disabilityCertificateDate.flatMap { $0.isEmpty ? nil : $0 }
        m.hasPension = p.hasPension; m.hasMerit = p.hasMerit; m.hiv = p.hiv
        m.deathDate = p.deathDate.flatMap { $0.isEmpty ? nil : $0 }
        m.refreshSearch()
    }

    // MARK: Reads

    /// Households in the actor's scope, filtered; with `query`, those whose code, address or
    /// phone, or a current member, match it (each side at most `SearchIndex.maxMatches` unless
    /// `capped` is false, for exports).
    public func households(
        _ actor: Actor, query: String? = nil, groupID: UUID? = nil, status: HouseholdStatus? = nil,
        capped: Bool = true, page: PageSpec
    ) async throws -> ResultPage<HouseholdSummary> {
        try requireRegistry(actor, write: false)
        let q = HouseholdModel.query(on: store.db)
        q.within(\.$unitPath, actor.scopePath)
        if let groupID { q.filter(\.$groupID == groupID) }
        if let status { q.filter(\.$status == status.rawValue) }
        if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            // Household words (code, address, phone) or the name of a current member.
            let cap = capped ? SearchIndex.maxMatches : nil
            if let direct = SearchIndex.condition("households", query: query, scopePath: Self.scopePath(actor), cap: cap, on: store.db),
                let people = SearchIndex.condition("persons", query: query, scopePath: Self.scopePath(actor), cap: cap, on: store.db)
            {
                q.filter(
                    .sql(
                        embed: "(" + direct + " OR \(ident: "households").\(ident: "id") IN (SELECT household_id FROM memberships "
                            + "WHERE end_date IS NULL AND person_id IN (SELECT \(ident: "persons").id FROM \(ident: "persons") WHERE " + people + ")))"))
            }
        }
        let total = try await q.copy().count()
        for key in SearchIndex.order("households", ["code"], searching: query, on: store.db) { q.sort(key) }
        let rows = try await q.offset(page.offset).limit(page.perPage).all()
        let ids = rows.compactMap(\.id)
        let members = ids.isEmpty ? [] : try await MembershipModel.query(on: store.db).filter(\.$householdID ~~ ids).filter(\.$endDate == nil).all()
        let headIDs = members.filter { $0.role == MemberRole.head.rawValue }.map(\.personID)
        let heads = headIDs.isEmpty ? [] : try await PersonModel.query(on: store.db).filter(\.$id ~~ headIDs).all()
        let headName = Dictionary(heads.map { ($0.id!, $0.fullName) }, uniquingKeysWith: { a, _ in a })
        let groupIDs = Array(Set(rows.compactMap(\.groupID)))
        let groups = groupIDs.isEmpty ? [] : try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ groupIDs).all()
        let groupName = Dictionary(groups.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let items = rows.map { h in
            let mine = members.filter { $0.householdID == h.id }
            let head = mine.first { $0.role == MemberRole.head.rawValue }.flatMap { headName[$0.personID] }
            return HouseholdSummary(
                household: HouseholdView(h), headName: head, memberCount: mine.count,
                groupName: h.groupID.flatMap { groupName[$0] })
        }
        return ResultPage(items: items, request: page, total: total)
    }

    /// The actor's unit path prefix for search; nil for the whole country.
    static func scopePath(_ actor: Actor) -> String? { actor.scopePath == "/" ? nil : actor.scopePath }

    /// Persons in the actor's scope, or those matching `query`. A search lists at most
    /// `SearchIndex.maxMatches` persons unless `capped` is false (exports).
    public func persons(_ actor: Actor, query: String?, capped: Bool = true, page: PageSpec) async throws -> ResultPage<PersonView> {
        try requireRegistry(actor, write: false)
        if let query,
            let (ids, total) = try await SearchIndex.personsPage(
                query: query, scopePath: Self.scopePath(actor),
                cap: capped ? SearchIndex.maxMatches : nil, page: page, on: store.db)
        {
            let found = ids.isEmpty ? [] : try await PersonModel.query(on: store.db).filter(\.$id ~~ ids).all()
            let byID = Dictionary(found.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            return ResultPage(items: ids.compactMap { byID[$0] }.map { PersonView($0, showSensitive: false) }, request: page, total: total)
        }
        let q = PersonModel.query(on: store.db).filter(\.$mergedInto == nil)
        q.within(\.$unitPath, actor.scopePath)
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$searchKey).sort(\.$birthDate).offset(page.offset).limit(page.perPage).all()
        // Lists never carry a sensitive value (pages, exports and the API alike); it is read one
        // person at a time, where the read is audited.
        return ResultPage(items: rows.map { PersonView($0, showSensitive: false) }, request: page, total: total)
    }

    /// A household as it was on `asOf` (today when nil): the members whose membership covered
    /// that day, and the flags derived for that day.
    public func household(_ actor: Actor, id: UUID, asOf: LocalDate) async throws -> HouseholdDetail {
        try requireRegistry(actor, write: false)
        guard let h = try await store.reachable(HouseholdModel.self, id, actor, on: store.db),
            let commune = try await OrgUnitModel.find(h.communeID, on: store.db)
        else { throw AppError.notFound }
        let group = try await h.groupID.asyncFlatMap { try await OrgUnitModel.find($0, on: store.db) }
        let memberships = try await MembershipModel.query(on: store.db).filter(\.$householdID == id).all()
        let persons = try await PersonModel.query(on: store.db).filter(\.$id ~~ memberships.map(\.personID)).all()
        let byID = Dictionary(persons.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let sensitive = Self.canSeeSensitive(actor)
        let iso = asOf.iso
        var current: [MemberView] = [], former: [MemberView] = []
        for m in memberships {
            guard let p = byID[m.personID], let start = LocalDate(iso: m.startDate) else { continue }
            let view = MemberView(
                person: PersonView(p, showSensitive: sensitive), role: MemberRole(rawValue: m.role) ?? .other,
                startDate: start, endDate: m.endDate.flatMap(LocalDate.init(iso:)), endReason: m.endReason)
            if m.startDate <= iso && (m.endDate.map { $0 > iso } ?? true) { current.append(view) } else if m.startDate <= iso { former.append(view) }
        }
        let order: [MemberRole] = MemberRole.allCases
        current.sort { (order.firstIndex(of: $0.role)!, $0.person.birth) < (order.firstIndex(of: $1.role)!, $1.person.birth) }
        if sensitive && current.contains(where: { $0.person.hiv == true }) {
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: "household", entityID: id.uuidString,
                        unitID: h.groupID ?? h.communeID, unitPath: h.unitPath,
                        before: NoValue?.none, after: ["fields": "hiv"])
                ])
        }
        return HouseholdDetail(
            household: HouseholdView(h), commune: UnitView(commune), group: group.map(UnitView.init),
            members: current, formerMembers: former,
            flags: HouseholdFlags.derive(current.map(\.person.facts), on: asOf), asOf: asOf)
    }

    public func person(_ actor: Actor, id: UUID) async throws -> (PersonView, [(MemberView, HouseholdView)]) {
        try requireRegistry(actor, write: false)
        let p = try await store.scoped(PersonModel.self, id, actor, on: store.db)
        let sensitive = Self.canSeeSensitive(actor)
        let memberships = try await MembershipModel.query(on: store.db).filter(\.$personID == id).sort(\.$startDate).all()
        let households = try await HouseholdModel.query(on: store.db).filter(\.$id ~~ memberships.map(\.householdID)).all()
        let byID = Dictionary(households.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let view = PersonView(p, showSensitive: sensitive)
        if sensitive && p.hiv {
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: "person", entityID: id.uuidString,
                        unitID: nil, unitPath: p.unitPath, before: NoValue?.none, after: ["fields": "hiv"])
                ])
        }
        let history = memberships.compactMap { m -> (MemberView, HouseholdView)? in
            guard let h = byID[m.householdID], let start = LocalDate(iso: m.startDate) else { return nil }
            return (
                MemberView(
                    person: view, role: MemberRole(rawValue: m.role) ?? .other, startDate: start,
                    endDate: m.endDate.flatMap(LocalDate.init(iso:)), endReason: m.endReason), HouseholdView(h)
            )
        }
        return (view, history)
    }

    // MARK: Writes

    /// The change history of a household and its members, newest first, from the audit log.
    public func timeline(_ actor: Actor, householdID: UUID, limit: Int = 200) async throws -> [AuditEntryView] {
        try requireRegistry(actor, write: false)
        _ = try await store.scoped(HouseholdModel.self, householdID, actor, on: store.db)
        let personIDs = try await MembershipModel.query(on: store.db).filter(\.$householdID == householdID).all().map { $0.personID.uuidString }
        let rows = try await AuditEntryModel.query(on: store.db)
            .group(.or) { or in
                or.group(.and) { $0.filter(\.$entity == "household").filter(\.$entityID == householdID.uuidString) }
                if !personIDs.isEmpty { or.group(.and) { $0.filter(\.$entity == "person").filter(\.$entityID ~~ personIDs) } }
            }
            .sort(\.$id, .descending).limit(limit).all()
        return rows.map(AuditEntryView.init)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ f: (Wrapped) async throws -> T?) async rethrows -> T? {
        switch self {
        case .none: return nil;
        case .some(let w): return try await f(w)
        }
    }
}
