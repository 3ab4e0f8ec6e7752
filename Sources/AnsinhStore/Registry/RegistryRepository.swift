import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// A person as pages and the API show them. `hiv` is present only for roles allowed to see it.
public struct PersonView: Sendable, Codable, Equatable {
    public let id: UUID
    public let fullName: String
    public let gender: Gender
    public let birth: BirthDate
    public let nationalID: String?
    public let ethnicity: String?
    public let phone: String?
    public let disability: DisabilityLevel
    public let disabilityCertificateDate: LocalDate?
    public let hasPension: Bool
    public let hasMerit: Bool
    public let deathDate: LocalDate?
    public let hiv: Bool?

    init(_ m: PersonModel, showSensitive: Bool) {
        id = m.id!; fullName = m.fullName; gender = Gender(rawValue: m.gender) ?? .male
        birth = BirthDate(text: m.birthDate) ?? BirthDate(year: m.birthYear)
        nationalID = m.nationalID; ethnicity = m.ethnicity; phone = m.phone
        disability = DisabilityLevel(rawValue: m.disabilityLevel) ?? .none
        disabilityCertificateDate = m.disabilityCertificateDate.flatMap(LocalDate.init(iso:))
        hasPension = m.hasPension; hasMerit = m.hasMerit; deathDate = m.deathDate.flatMap(LocalDate.init(iso:))
        hiv = showSensitive ? m.hiv : nil
    }

    var facts: MemberFacts {
        MemberFacts(name: fullName, birth: birth, disability: disability, hasMerit: hasMerit, deathDate: deathDate)
    }
}

public struct HouseholdView: Sendable, Codable, Equatable {
    public let id: UUID
    public let code: String
    public let communeID: UUID
    public let groupID: UUID?
    public let address: String
    public let areaType: AreaType
    public let phone: String?
    public let status: HouseholdStatus

    init(_ m: HouseholdModel) {
        id = m.id!; code = m.code; communeID = m.communeID; groupID = m.groupID; address = m.address
        areaType = AreaType(rawValue: m.areaType) ?? .rural; phone = m.phone; status = HouseholdStatus(rawValue: m.status) ?? .active
    }
}

/// One row of the household list.
public struct HouseholdSummary: Sendable, Codable {
    public let household: HouseholdView
    public let headName: String?
    public let memberCount: Int
    public let groupName: String?
}

public struct MemberView: Sendable, Codable {
    public let person: PersonView
    public let role: MemberRole
    public let startDate: LocalDate
    public let endDate: LocalDate?
    public let endReason: String?
}

/// Everything the household page shows.
public struct HouseholdDetail: Sendable {
    public let household: HouseholdView
    public let commune: UnitView
    public let group: UnitView?
    public let members: [MemberView]
    public let formerMembers: [MemberView]
    public let flags: [DerivedFlag]
    public let asOf: LocalDate
}

/// Facts typed for a new person or a change.
public struct PersonInput: Sendable, Codable {
    public var fullName: String
    public var gender: String
    public var birth: String
    public var nationalID: String?
    public var ethnicity: String?
    public var phone: String?
    public var disability: String
    public var disabilityCertificateDate: String?
    public var hasPension: Bool
    public var hasMerit: Bool
    public var hiv: Bool
    public var deathDate: String?
    public init(fullName: String, gender: String, birth: String, nationalID: String? = nil, ethnicity: String? = nil,
                phone: String? = nil, disability: String = "none", disabilityCertificateDate: String? = nil,
                hasPension: Bool = false, hasMerit: Bool = false, hiv: Bool = false, deathDate: String? = nil) {
        self.fullName = fullName; self.gender = gender; self.birth = birth; self.nationalID = nationalID
        self.ethnicity = ethnicity; self.phone = phone; self.disability = disability
        self.disabilityCertificateDate = disabilityCertificateDate; self.hasPension = hasPension
        self.hasMerit = hasMerit; self.hiv = hiv; self.deathDate = deathDate
    }
}

public struct HouseholdInput: Sendable, Codable {
    public var code: String
    public var communeID: UUID?
    public var groupID: UUID?
    public var address: String
    public var areaType: String?
    public var phone: String?
    public init(code: String, communeID: UUID?, groupID: UUID?, address: String, areaType: String?, phone: String?) {
        self.code = code; self.communeID = communeID; self.groupID = groupID; self.address = address
        self.areaType = areaType; self.phone = phone
    }
}

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
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: prefix + "full_name", message: Message("validation.required_text", ["max": "120"]))) }
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
    public func households(_ actor: Actor, query: String? = nil, groupID: UUID? = nil, status: HouseholdStatus? = nil,
                           capped: Bool = true, page: PageSpec) async throws -> ResultPage<HouseholdSummary> {
        try requireRegistry(actor, write: false)
        let q = HouseholdModel.query(on: store.db)
        q.within(\.$unitPath, actor.scopePath)
        if let groupID { q.filter(\.$groupID == groupID) }
        if let status { q.filter(\.$status == status.rawValue) }
        if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            // Household words (code, address, phone) or the name of a current member.
            let cap = capped ? SearchIndex.maxMatches : nil
            if let direct = SearchIndex.condition("households", query: query, scopePath: Self.scopePath(actor), cap: cap, on: store.db),
               let people = SearchIndex.condition("persons", query: query, scopePath: Self.scopePath(actor), cap: cap, on: store.db) {
                q.filter(.sql(embed: "(" + direct + " OR \(ident: "households").\(ident: "id") IN (SELECT household_id FROM memberships "
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
            return HouseholdSummary(household: HouseholdView(h), headName: head, memberCount: mine.count,
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
        if let query, let (ids, total) = try await SearchIndex.personsPage(query: query, scopePath: Self.scopePath(actor),
                                                                            cap: capped ? SearchIndex.maxMatches : nil, page: page, on: store.db) {
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
              let commune = try await OrgUnitModel.find(h.communeID, on: store.db) else { throw AppError.notFound }
        let group = try await h.groupID.asyncFlatMap { try await OrgUnitModel.find($0, on: store.db) }
        let memberships = try await MembershipModel.query(on: store.db).filter(\.$householdID == id).all()
        let persons = try await PersonModel.query(on: store.db).filter(\.$id ~~ memberships.map(\.personID)).all()
        let byID = Dictionary(persons.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let sensitive = Self.canSeeSensitive(actor)
        let iso = asOf.iso
        var current: [MemberView] = [], former: [MemberView] = []
        for m in memberships {
            guard let p = byID[m.personID], let start = LocalDate(iso: m.startDate) else { continue }
            let view = MemberView(person: PersonView(p, showSensitive: sensitive), role: MemberRole(rawValue: m.role) ?? .other,
                                  startDate: start, endDate: m.endDate.flatMap(LocalDate.init(iso:)), endReason: m.endReason)
            if m.startDate <= iso && (m.endDate.map { $0 > iso } ?? true) { current.append(view) } else if m.startDate <= iso { former.append(view) }
        }
        let order: [MemberRole] = MemberRole.allCases
        current.sort { (order.firstIndex(of: $0.role)!, $0.person.birth) < (order.firstIndex(of: $1.role)!, $1.person.birth) }
        if sensitive && current.contains(where: { $0.person.hiv == true }) {
            try await store.audit(actor, [AuditRecord(action: "read_sensitive", entity: "household", entityID: id.uuidString,
                                                      unitID: h.groupID ?? h.communeID, unitPath: h.unitPath,
                                                      before: NoValue?.none, after: ["fields": "hiv"])])
        }
        return HouseholdDetail(household: HouseholdView(h), commune: UnitView(commune), group: group.map(UnitView.init),
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
            try await store.audit(actor, [AuditRecord(action: "read_sensitive", entity: "person", entityID: id.uuidString,
                                                      unitID: nil, unitPath: p.unitPath, before: NoValue?.none, after: ["fields": "hiv"])])
        }
        let history = memberships.compactMap { m -> (MemberView, HouseholdView)? in
            guard let h = byID[m.householdID], let start = LocalDate(iso: m.startDate) else { return nil }
            return (MemberView(person: view, role: MemberRole(rawValue: m.role) ?? .other, startDate: start,
                               endDate: m.endDate.flatMap(LocalDate.init(iso:)), endReason: m.endReason), HouseholdView(h))
        }
        return (view, history)
    }

    // MARK: Writes

    /// Creates a household with its head, in one transaction.
    public func createHousehold(_ actor: Actor, _ input: HouseholdInput, head: PersonInput, since: LocalDate) async throws -> HouseholdView {
        try requireRegistry(actor, write: true)
        var errors: [FieldError] = []
        let code = input.code.trimmingCharacters(in: .whitespaces)
        if let e = AccountRules.validateUnitCode(code) { errors.append(FieldError(field: "code", message: e.message)) }
        if input.communeID == nil { errors.append(FieldError(field: "commune_id", message: Message("validation.parent_required"))) }
        if input.address.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "address", message: Message("validation.required"))) }
        if let a = input.areaType, !a.isEmpty, AreaType(rawValue: a) == nil { errors.append(FieldError(field: "area_type", message: Message("validation.choice"))) }
        let (personErrors, birth, nationalID) = Self.validate(head, prefix: "head_")
        errors += personErrors?.list ?? []
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            guard let commune = try await OrgUnitModel.find(input.communeID!, on: tx), commune.kind == UnitKind.commune.rawValue else {
                throw AppError.invalid("commune_id", "validation.parent_not_found")
            }
            var unitPath = commune.path
            if let gid = input.groupID {
                guard let g = try await OrgUnitModel.find(gid, on: tx), g.parentID == commune.id else {
                    throw AppError.invalid("group_id", "validation.group_not_in_commune")
                }
                unitPath = g.path
            }
            guard actor.covers(path: unitPath) else { throw AppError.invalid("commune_id", "validation.parent_not_found") }
            if try await HouseholdModel.query(on: tx).filter(\.$code == code).count() > 0 {
                throw AppError.validation([FieldError(field: "code", message: Message("validation.code_taken", ["code": code]))])
            }
            if let nationalID, try await PersonModel.query(on: tx).filter(\.$nationalID == nationalID).count() > 0 {
                throw AppError.validation([FieldError(field: "head_national_id", message: Message("validation.national_id_taken"))])
            }
            let h = HouseholdModel()
            h.id = UUID(); h.code = code; h.communeID = commune.id!; h.groupID = input.groupID
            h.address = input.address.trimmingCharacters(in: .whitespaces)
            h.areaType = input.areaType.flatMap { $0.isEmpty ? nil : $0 } ?? commune.areaType ?? AreaType.rural.rawValue
            h.phone = input.phone.flatMap { $0.isEmpty ? nil : $0 }; h.status = HouseholdStatus.active.rawValue
            h.unitPath = unitPath; h.refreshSearch()
            try await h.create(on: tx)
            let p = PersonModel(); p.id = UUID(); p.unitPath = unitPath
            Self.apply(head, birth: birth!, nationalID: nationalID, to: p)
            try await p.create(on: tx)
            let m = MembershipModel(); m.id = UUID(); m.householdID = h.id!; m.personID = p.id!
            m.role = MemberRole.head.rawValue; m.startDate = since.iso
            try await m.create(on: tx)
            let view = HouseholdView(h)
            audit.add(AuditRecord(action: "create", entity: "household", entityID: h.id!.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: unitPath, before: NoValue?.none, after: view))
            audit.add(AuditRecord(action: "create", entity: "person", entityID: p.id!.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: unitPath, before: NoValue?.none, after: PersonView(p, showSensitive: false)))
            audit.add(AuditRecord(action: "join", entity: "household", entityID: h.id!.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: unitPath, before: NoValue?.none,
                                  after: ["person": p.id!.uuidString, "name": p.fullName, "role": "head", "since": since.iso]))
            return view
        }
    }

    /// Adds a new person to a household.
    public func addMember(_ actor: Actor, householdID: UUID, person: PersonInput, role: String, since: LocalDate) async throws -> PersonView {
        try requireRegistry(actor, write: true)
        let (personErrors, birth, nationalID) = Self.validate(person)
        var errors = personErrors?.list ?? []
        guard let memberRole = MemberRole(rawValue: role) else {
            errors.append(FieldError(field: "role", message: Message("validation.choice")))
            throw AppError.validation(errors)
        }
        if memberRole == .head { errors.append(FieldError(field: "role", message: Message("validation.second_head"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: tx)
            if let nationalID, try await PersonModel.query(on: tx).filter(\.$nationalID == nationalID).count() > 0 {
                throw AppError.validation([FieldError(field: "national_id", message: Message("validation.national_id_taken"))])
            }
            let p = PersonModel(); p.id = UUID(); p.unitPath = h.unitPath
            Self.apply(person, birth: birth!, nationalID: nationalID, to: p)
            try await p.create(on: tx)
            let m = MembershipModel(); m.id = UUID(); m.householdID = householdID; m.personID = p.id!
            m.role = memberRole.rawValue; m.startDate = since.iso
            try await m.create(on: tx)
            let view = PersonView(p, showSensitive: false)
            audit.add(AuditRecord(action: "create", entity: "person", entityID: p.id!.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: h.unitPath, before: NoValue?.none, after: view))
            audit.add(AuditRecord(action: "join", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: h.unitPath, before: NoValue?.none,
                                  after: ["person": p.id!.uuidString, "name": p.fullName, "role": memberRole.rawValue, "since": since.iso]))
            return view
        }
    }

    /// Changes a person's facts. Every change is kept in the audit log (before → after).
    public func updatePerson(_ actor: Actor, id: UUID, _ input: PersonInput) async throws -> PersonView {
        try requireRegistry(actor, write: true)
        let (personErrors, birth, nationalID) = Self.validate(input)
        if let personErrors { throw AppError.validation(personErrors.list) }
        return try await store.write(actor) { tx, audit in
            let p = try await store.scoped(PersonModel.self, id, actor, on: tx)
            if let nationalID, nationalID != p.nationalID,
               try await PersonModel.query(on: tx).filter(\.$nationalID == nationalID).count() > 0 {
                throw AppError.validation([FieldError(field: "national_id", message: Message("validation.national_id_taken"))])
            }
            let before = PersonView(p, showSensitive: true)
            Self.apply(input, birth: birth!, nationalID: nationalID, to: p)
            try await p.update(on: tx)
            let after = PersonView(p, showSensitive: true)
            // The HIV fact is recorded as "changed", never its value, in the audit log.
            audit.add(AuditRecord(action: "update", entity: "person", entityID: id.uuidString, unitID: nil, unitPath: p.unitPath,
                                  before: before.redacted, after: after.redacted))
            return PersonView(p, showSensitive: Self.canSeeSensitive(actor))
        }
    }

    /// Ends a membership (moved out, died, married into another household…).
    public func endMembership(_ actor: Actor, householdID: UUID, personID: UUID, on day: LocalDate, reason: String) async throws {
        try requireRegistry(actor, write: true)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw AppError.invalid("reason", "validation.required") }
        try await store.write(actor) { tx, audit in
            guard let h = try await store.reachable(HouseholdModel.self, householdID, actor, on: tx),
                  let m = try await MembershipModel.query(on: tx).filter(\.$householdID == householdID)
                      .filter(\.$personID == personID).filter(\.$endDate == nil).first() else { throw AppError.notFound }
            guard day.iso >= m.startDate else { throw AppError.invalid("date", "validation.end_before_start") }
            if m.role == MemberRole.head.rawValue {
                let others = try await MembershipModel.query(on: tx).filter(\.$householdID == householdID).filter(\.$endDate == nil).count()
                if others > 1 { throw AppError.conflict(Message("registry.head_leaves_first")) }
                h.status = HouseholdStatus.dissolved.rawValue
                try await h.update(on: tx)
            }
            m.endDate = day.iso; m.endReason = reason
            try await m.update(on: tx)
            audit.add(AuditRecord(action: "leave", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                                  unitPath: h.unitPath, before: NoValue?.none,
                                  after: ["person": personID.uuidString, "on": day.iso, "reason": reason]))
        }
    }

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

extension PersonView {
    /// The view for the audit log: sensitive facts only as "set/not set" markers.
    var redacted: PersonView {
        PersonView(id: id, fullName: fullName, gender: gender, birth: birth, nationalID: nationalID, ethnicity: ethnicity,
                   phone: phone, disability: disability, disabilityCertificateDate: disabilityCertificateDate,
                   hasPension: hasPension, hasMerit: hasMerit, deathDate: deathDate, hiv: nil)
    }
    init(id: UUID, fullName: String, gender: Gender, birth: BirthDate, nationalID: String?, ethnicity: String?, phone: String?,
         disability: DisabilityLevel, disabilityCertificateDate: LocalDate?, hasPension: Bool, hasMerit: Bool, deathDate: LocalDate?, hiv: Bool?) {
        self.id = id; self.fullName = fullName; self.gender = gender; self.birth = birth; self.nationalID = nationalID
        self.ethnicity = ethnicity; self.phone = phone; self.disability = disability
        self.disabilityCertificateDate = disabilityCertificateDate; self.hasPension = hasPension; self.hasMerit = hasMerit
        self.deathDate = deathDate; self.hiv = hiv
    }
}

extension AuditEntryView {
    init(_ m: AuditEntryModel) {
        self.init(seq: m.id!, at: Date(timeIntervalSince1970: Double(m.atMillis) / 1000), actorName: m.actorName, action: m.action,
                  entity: m.entity, entityID: m.entityID, before: m.beforeJSON, after: m.afterJSON, hash: m.hash)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ f: (Wrapped) async throws -> T?) async rethrows -> T? {
        switch self { case .none: return nil; case .some(let w): return try await f(w) }
    }
}
