import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Households and persons written one at a time by an officer: a new household with its head,
/// members joining and leaving, a person's facts corrected. Moves, splits and merges are in
/// `HouseholdChanges.swift`, files in `ImportRun.swift`.
extension RegistryRepository {
    /// Creates a household with its head, in one transaction.
    public func createHousehold(_ actor: Actor, _ input: HouseholdInput, head: PersonInput, since: LocalDate) async throws -> HouseholdView {
        try requireRegistry(actor, write: true)
        var errors: [FieldError] = []
        let code = input.code.trimmingCharacters(in: .whitespaces)
        if let e = AccountRules.validateUnitCode(code) { errors.append(FieldError(field: "code", message: e.message)) }
        if input.communeID == nil { errors.append(FieldError(field: "commune_id", message: Message("validation.parent_required"))) }
        if input.address.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "address", message: Message("validation.required"))) }
        if let a = input.areaType, !a.isEmpty, AreaType(rawValue: a) == nil {
            errors.append(FieldError(field: "area_type", message: Message("validation.choice")))
        }
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
            audit.add(
                AuditRecord(
                    action: "create", entity: "household", entityID: h.id!.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: unitPath, before: NoValue?.none, after: view))
            audit.add(
                AuditRecord(
                    action: "create", entity: "person", entityID: p.id!.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: unitPath, before: NoValue?.none, after: PersonView(p, showSensitive: false)))
            audit.add(
                AuditRecord(
                    action: "join", entity: "household", entityID: h.id!.uuidString, unitID: h.groupID ?? h.communeID,
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
            audit.add(
                AuditRecord(
                    action: "create", entity: "person", entityID: p.id!.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: h.unitPath, before: NoValue?.none, after: view))
            audit.add(
                AuditRecord(
                    action: "join", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: h.unitPath, before: NoValue?.none,
                    after: ["person": p.id!.uuidString, "name": p.fullName, "role": memberRole.rawValue, "since": since.iso]))
            try await FeedbackRepository.householdChanged(householdID, change: "join", now: store.now(), on: tx)
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
                try await PersonModel.query(on: tx).filter(\.$nationalID == nationalID).count() > 0
            {
                throw AppError.validation([FieldError(field: "national_id", message: Message("validation.national_id_taken"))])
            }
            let before = PersonView(p, showSensitive: true)
            Self.apply(input, birth: birth!, nationalID: nationalID, to: p)
            try await p.update(on: tx)
            let after = PersonView(p, showSensitive: true)
            // The HIV fact is recorded as "changed", never its value, in the audit log.
            audit.add(
                AuditRecord(
                    action: "update", entity: "person", entityID: id.uuidString, unitID: nil, unitPath: p.unitPath,
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
            guard let h = try await store.reachable(HouseholdModel.self, householdID, actor, on: tx) else { throw AppError.notFound }
            // The household exists: a person who is not one of its members now is a wrong field.
            guard
                let m = try await MembershipModel.query(on: tx).filter(\.$householdID == householdID)
                    .filter(\.$personID == personID).filter(\.$endDate == nil).first()
            else { throw AppError.invalid("person_id", "registry.error.not_current_member") }
            guard day.iso >= m.startDate else { throw AppError.invalid("date", "validation.end_before_start") }
            if m.role == MemberRole.head.rawValue {
                let others = try await MembershipModel.query(on: tx).filter(\.$householdID == householdID).filter(\.$endDate == nil).count()
                if others > 1 { throw AppError.conflict(Message("registry.head_leaves_first")) }
                h.status = HouseholdStatus.dissolved.rawValue
                try await h.update(on: tx)
            }
            m.endDate = day.iso; m.endReason = reason
            try await m.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "leave", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: h.unitPath, before: NoValue?.none,
                    after: ["person": personID.uuidString, "on": day.iso, "reason": reason]))
            try await FeedbackRepository.householdChanged(householdID, change: "leave", now: store.now(), on: tx)
        }
    }
}
