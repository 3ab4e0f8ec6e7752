import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// The checks of an import file against the registry and the map: communes and residential
/// groups in the importer's units, households and heads that already exist.
extension RegistryImporter {
    /// Registry checks, set-based: communes and residential groups exist in the actor's scope;
    /// a household code is not used in another commune; a national ID already registered in
    /// another household is reported.
    func checkAgainstRegistry(_ actor: Actor, _ rows: [RegistryRow], headCodes headsInFile: Set<String>) async throws -> [FieldError] {
        var errors: [FieldError] = []
        let db = store.db
        let communeCodes = Array(Set(rows.map(\.communeCode)))
        var communes: [String: OrgUnitModel] = [:]
        for chunk in communeCodes.chunked(500) {
            for c in try await OrgUnitModel.query(on: db).filter(\.$code ~~ chunk).filter(\.$kind == UnitKind.commune.rawValue).all() {
                communes[c.code] = c
            }
        }
        let communeIDs = communes.values.compactMap(\.id)
        let groupOf = try await Self.groups(of: communeIDs, on: db)
        // Registered households by code and persons by national ID: only the columns the checks
        // read, 5,000 keys per statement (as `writeBatch`).
        let s = sql(db)
        var households: [String: (id: UUID, communeID: UUID)] = [:]
        for chunk in Array(Set(rows.map(\.householdCode))).chunked(5000) {
            for h in try await s.select().columns("id", "code", "commune_id").from("households").where("code", .in, SQLBind.group(chunk)).all() {
                households[try h.decode(column: "code", as: String.self)] = (
                    try h.decode(column: "id", as: UUID.self),
                    try h.decode(column: "commune_id", as: UUID.self)
                )
            }
        }
        var personOfID: [String: UUID] = [:]
        for chunk in rows.compactMap(\.nationalID).chunked(5000) {
            for p in try await s.select().columns("id", "national_id").from("persons").where("national_id", .in, SQLBind.group(chunk)).all() {
                personOfID[try p.decode(column: "national_id", as: String.self)] = try p.decode(column: "id", as: UUID.self)
            }
        }
        var currentHousehold: [UUID: UUID] = [:]
        for chunk in Array(personOfID.values).chunked(5000) {
            for m in try await MembershipModel.query(on: db).filter(\.$personID ~~ chunk).filter(\.$endDate == nil).all() {
                currentHousehold[m.personID] = m.householdID
            }
        }
        // Who is already a current member of the registered households (name + birth date).
        var knownMembers = Set<String>()
        var householdsWithHead = Set<UUID>()
        let existingIDs = households.values.map(\.id)
        for chunk in existingIDs.chunked(500) {
            let members = try await MembershipModel.query(on: db).filter(\.$householdID ~~ chunk).filter(\.$endDate == nil).all()
            for m in members where m.role == MemberRole.head.rawValue { householdsWithHead.insert(m.householdID) }
            let people = try await PersonModel.query(on: db).filter(\.$id ~~ members.map(\.personID)).all()
            let byID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for m in members { if let p = byID[m.personID] { knownMembers.insert("\(m.householdID)|\(p.searchKey)|\(p.birthDate)") } }
        }
        for r in rows {
            guard let commune = communes[r.communeCode] else {
                errors.append(FieldError(field: "commune_code", message: Message("import.commune_unknown", ["code": r.communeCode]), row: r.row)); continue
            }
            if !actor.covers(path: commune.path) && !commune.path.hasPrefix(actor.scopePath) {
                errors.append(FieldError(field: "commune_code", message: Message("import.commune_outside", ["code": r.communeCode]), row: r.row)); continue
            }
            if !r.residentialGroup.isEmpty {
                let found = groupOf.find(commune.id!, r.residentialGroup)
                if found == nil {
                    errors.append(
                        FieldError(
                            field: "residential_group", message: Message("import.group_unknown", ["group": r.residentialGroup, "commune": commune.name]),
                            row: r.row))
                } else if !actor.covers(path: found!.path) {
                    errors.append(FieldError(field: "residential_group", message: Message("import.commune_outside", ["code": r.residentialGroup]), row: r.row))
                }
            } else if !actor.covers(path: commune.path) {
                errors.append(FieldError(field: "residential_group", message: Message("validation.required"), row: r.row))
            }
            let existing = households[r.householdCode]
            if let existing, existing.communeID != commune.id {
                errors.append(FieldError(field: "household_code", message: Message("import.household_other_commune", ["code": r.householdCode]), row: r.row))
            }
            if existing == nil && !headsInFile.contains(r.householdCode) {
                errors.append(FieldError(field: "relation_to_head", message: Message("import.household_no_head", ["code": r.householdCode]), row: r.row))
            }
            if let existing, r.relation == .head, householdsWithHead.contains(existing.id) {
                // The same head again is fine (nothing changes); a new head is a change, not an import.
                let sameByID = r.nationalID.flatMap { personOfID[$0] }.map { currentHousehold[$0] == existing.id } ?? false
                let sameByName = knownMembers.contains("\(existing.id)|\(TextFolding.fold(r.fullName))|\(r.birth.text)")
                if !sameByID && !sameByName {
                    errors.append(FieldError(field: "relation_to_head", message: Message("import.household_has_head", ["code": r.householdCode]), row: r.row))
                }
            }
            if let id = r.nationalID, let p = personOfID[id], let hid = currentHousehold[p] {
                if hid != existing?.id {
                    errors.append(FieldError(field: "national_id", message: Message("import.person_in_other_household"), row: r.row))
                }
            }
        }
        return errors
    }

    /// The residential groups of some communes, found by code or by name as a file writes them.
    struct Groups {
        /// A commune and a group's code or folded name: no text made of the commune's id for
        /// each row looked up (a UUID's text is printed with `sprintf`).
        struct Key: Hashable { let commune: UUID; let text: String }
        var byKey: [Key: OrgUnitModel] = [:]

        /// The group of `commune` whose code is `written`, else whose name folds as it does.
        func find(_ commune: UUID, _ written: String) -> OrgUnitModel? {
            byKey[Key(commune: commune, text: written)] ?? byKey[Key(commune: commune, text: TextFolding.fold(written))]
        }
    }

    /// The residential groups of some communes (names folded once, not once per row).
    static func groups(of communeIDs: [UUID], on db: any Database) async throws -> Groups {
        var groups = Groups()
        for chunk in communeIDs.chunked(500) {
            for g in try await OrgUnitModel.query(on: db).filter(\.$parentID ~~ chunk).all() {
                guard let parent = g.parentID else { continue }
                let name = Groups.Key(commune: parent, text: TextFolding.fold(g.name))
                groups.byKey[name] = groups.byKey[name] ?? g
                groups.byKey[Groups.Key(commune: parent, text: g.code)] = g
            }
        }
        return groups
    }
}
