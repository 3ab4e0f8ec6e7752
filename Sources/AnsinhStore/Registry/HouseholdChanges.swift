import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Moves, splits and merges of households. Nothing is overwritten silently: memberships end on
/// the day and new ones start, the household keeps its code, and every change is in the audit
/// log (before → after), so the household page "as of" a past date shows it as it was.
extension RegistryRepository {
    public struct SplitInput: Sendable {
        public var memberIDs: [UUID]
        public var newCode: String
        public var address: String
        public var groupID: UUID?
        public var newHeadID: UUID?
        /// Needed when the current head leaves with the new household.
        public var remainingHeadID: UUID?
        public init(memberIDs: [UUID], newCode: String, address: String, groupID: UUID?, newHeadID: UUID?, remainingHeadID: UUID?) {
            self.memberIDs = memberIDs; self.newCode = newCode; self.address = address; self.groupID = groupID
            self.newHeadID = newHeadID; self.remainingHeadID = remainingHeadID
        }
    }

    /// Where a household lives: `unitPath` of its residential group, else its commune.
    func place(_ communeID: UUID, _ groupID: UUID?, actor: Actor, on tx: any Database) async throws -> (OrgUnitModel, OrgUnitModel?, String) {
        guard let commune = try await OrgUnitModel.find(communeID, on: tx), commune.kind == UnitKind.commune.rawValue else {
            throw AppError.invalid("commune_id", "validation.parent_not_found")
        }
        var group: OrgUnitModel?
        if let groupID {
            guard let g = try await OrgUnitModel.find(groupID, on: tx), g.parentID == commune.id else {
                throw AppError.invalid("group_id", "validation.group_not_in_commune")
            }
            group = g
        }
        let path = group?.path ?? commune.path
        guard actor.covers(path: path) else { throw AppError.invalid("group_id", "validation.parent_not_found") }
        return (commune, group, path)
    }

    func currentMembers(_ householdID: UUID, on tx: any Database) async throws -> [MembershipModel] {
        try await MembershipModel.query(on: tx).filter(\.$householdID == householdID).filter(\.$endDate == nil).all()
    }

    /// Moves persons' scope with their household (persons are scoped by where they live).
    func setPersonsPath(_ ids: [UUID], _ path: String, on tx: any Database) async throws {
        for chunk in ids.chunked(500) where !chunk.isEmpty {
            try await sql(tx).update("persons").set("unit_path", to: path).where("id", .in, chunk).run()
        }
    }

    /// The household moves to another address, residential group or commune (within the
    /// actor's units).
    public func moveHousehold(_ actor: Actor, id: UUID, address: String, communeID: UUID?, groupID: UUID?, on day: LocalDate) async throws {
        try requireRegistry(actor, write: true)
        let address = address.trimmingCharacters(in: .whitespaces)
        guard !address.isEmpty else { throw AppError.invalid("address", "validation.required") }
        try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, id, actor, on: tx)
            guard h.status == HouseholdStatus.active.rawValue else { throw AppError.conflict(Message("registry.household_not_active")) }
            let (commune, group, path) = try await place(communeID ?? h.communeID, groupID, actor: actor, on: tx)
            let before = ["address": h.address, "commune": h.communeID.uuidString, "group": h.groupID?.uuidString ?? "", "unit_path": h.unitPath]
            h.address = address; h.communeID = commune.id!; h.groupID = group?.id; h.unitPath = path
            if let area = commune.areaType { h.areaType = area }
            h.refreshSearch()
            try await h.update(on: tx)
            try await setPersonsPath(try await currentMembers(id, on: tx).map(\.personID), path, on: tx)
            audit.add(
                AuditRecord(
                    action: "move", entity: "household", entityID: id.uuidString, unitID: group?.id ?? commune.id, unitPath: path,
                    before: before,
                    after: [
                        "address": address, "commune": commune.id!.uuidString, "group": group?.id?.uuidString ?? "",
                        "unit_path": path, "on": day.iso,
                    ]))
            try await FeedbackRepository.householdChanged(id, change: "move", now: store.now(), on: tx)
        }
    }

    /// Some members leave to found a new household (tách hộ). Their memberships end on the day
    /// and start in the new household; if the head leaves, another member becomes head of the
    /// remaining household.
    public func splitHousehold(_ actor: Actor, id: UUID, _ input: SplitInput, on day: LocalDate) async throws -> HouseholdView {
        try requireRegistry(actor, write: true)
        var errors: [FieldError] = []
        let code = input.newCode.trimmingCharacters(in: .whitespaces)
        if let e = AccountRules.validateUnitCode(code) { errors.append(FieldError(field: "new_code", message: e.message)) }
        if input.address.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "address", message: Message("validation.required"))) }
        if input.memberIDs.isEmpty { errors.append(FieldError(field: "members", message: Message("registry.split.choose_members"))) }
        if let head = input.newHeadID, !input.memberIDs.contains(head) {
            errors.append(FieldError(field: "new_head", message: Message("registry.split.head_not_leaving")))
        }
        if input.newHeadID == nil { errors.append(FieldError(field: "new_head", message: Message("validation.required"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, id, actor, on: tx)
            guard h.status == HouseholdStatus.active.rawValue else { throw AppError.conflict(Message("registry.household_not_active")) }
            let members = try await currentMembers(id, on: tx)
            let leaving = members.filter { input.memberIDs.contains($0.personID) }
            guard leaving.count == Set(input.memberIDs).count else { throw AppError.invalid("members", "registry.split.not_member") }
            let staying = members.filter { !input.memberIDs.contains($0.personID) }
            guard !staying.isEmpty else { throw AppError.invalid("members", "registry.split.someone_stays") }
            let headLeaves = leaving.contains { $0.role == MemberRole.head.rawValue }
            var newHeadOfOld: MembershipModel?
            if headLeaves {
                guard let r = input.remainingHeadID, let m = staying.first(where: { $0.personID == r }) else {
                    throw AppError.invalid("remaining_head", "registry.split.remaining_head_needed")
                }
                newHeadOfOld = m
            }
            if try await HouseholdModel.query(on: tx).filter(\.$code == code).count() > 0 {
                throw AppError.invalid("new_code", "validation.code_taken", ["code": code])
            }
            let (commune, group, path) = try await place(h.communeID, input.groupID ?? h.groupID, actor: actor, on: tx)
            let n = HouseholdModel()
            n.id = UUID(); n.code = code; n.communeID = commune.id!; n.groupID = group?.id
            n.address = input.address.trimmingCharacters(in: .whitespaces); n.areaType = h.areaType; n.phone = nil
            n.status = HouseholdStatus.active.rawValue; n.unitPath = path; n.refreshSearch()
            try await n.create(on: tx)
            // End first (a person is a current member of one household at most), then start.
            for m in leaving + (newHeadOfOld.map { [$0] } ?? []) {
                m.endDate = day.iso; m.endReason = "split:" + code
                try await m.update(on: tx)
            }
            for m in leaving {
                let x = MembershipModel(); x.id = UUID(); x.householdID = n.id!; x.personID = m.personID
                x.role = m.personID == input.newHeadID ? MemberRole.head.rawValue : MemberRole.other.rawValue; x.startDate = day.iso
                try await x.create(on: tx)
            }
            if let old = newHeadOfOld {
                let x = MembershipModel(); x.id = UUID(); x.householdID = id; x.personID = old.personID
                x.role = MemberRole.head.rawValue; x.startDate = day.iso
                try await x.create(on: tx)
            }
            try await setPersonsPath(leaving.map(\.personID), path, on: tx)
            audit.add(
                AuditRecord(
                    action: "split", entity: "household", entityID: id.uuidString, unitID: h.groupID ?? h.communeID, unitPath: h.unitPath,
                    before: NoValue?.none,
                    after: [
                        "new_household": code, "members": leaving.map(\.personID.uuidString).joined(separator: ","),
                        "new_head_of_remaining": newHeadOfOld?.personID.uuidString ?? "", "on": day.iso,
                    ]))
            audit.add(
                AuditRecord(
                    action: "create", entity: "household", entityID: n.id!.uuidString, unitID: group?.id ?? commune.id, unitPath: path,
                    before: NoValue?.none, after: HouseholdView(n)))
            try await FeedbackRepository.householdChanged(id, change: "split", now: store.now(), on: tx)
            return HouseholdView(n)
        }
    }

    /// Every member of `id` joins `intoCode` (nhập hộ); the merged household is dissolved and
    /// keeps its history.
    public func mergeHousehold(_ actor: Actor, id: UUID, intoCode: String, on day: LocalDate) async throws -> HouseholdView {
        try requireRegistry(actor, write: true)
        let code = intoCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { throw AppError.invalid("into_code", "validation.required") }
        return try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, id, actor, on: tx)
            guard h.status == HouseholdStatus.active.rawValue else { throw AppError.conflict(Message("registry.household_not_active")) }
            guard let target = try await HouseholdModel.query(on: tx).filter(\.$code == code).first(), actor.covers(path: target.unitPath),
                target.id != id, target.status == HouseholdStatus.active.rawValue
            else {
                throw AppError.invalid("into_code", "registry.merge.target_not_found", ["code": code])
            }
            let members = try await currentMembers(id, on: tx)
            for m in members {
                m.endDate = day.iso; m.endReason = "merged:" + code
                try await m.update(on: tx)
            }
            for m in members {
                let x = MembershipModel(); x.id = UUID(); x.householdID = target.id!; x.personID = m.personID
                x.role = MemberRole.other.rawValue; x.startDate = day.iso
                try await x.create(on: tx)
            }
            try await setPersonsPath(members.map(\.personID), target.unitPath, on: tx)
            h.status = HouseholdStatus.dissolved.rawValue
            try await h.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "merge_household", entity: "household", entityID: id.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: h.unitPath, before: ["status": "active"],
                    after: ["status": "dissolved", "into": code, "members": members.map(\.personID.uuidString).joined(separator: ","), "on": day.iso]))
            audit.add(
                AuditRecord(
                    action: "merge_household", entity: "household", entityID: target.id!.uuidString, unitID: target.groupID ?? target.communeID,
                    unitPath: target.unitPath, before: NoValue?.none,
                    after: ["from": h.code, "members": members.map(\.personID.uuidString).joined(separator: ","), "on": day.iso]))
            for changed in [id, target.id!] { try await FeedbackRepository.householdChanged(changed, change: "merge", now: store.now(), on: tx) }
            return HouseholdView(target)
        }
    }
}
