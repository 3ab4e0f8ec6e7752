import AnsinhCore
import FluentKit
import Foundation
import SQLKit

extension GiftCampaignRepository {
    /// Makes the campaign's list from the registry as it stands: every living person of an
    /// active household of the ward (within the rule's residential groups) is read once with
    /// their household's latest official class and merit records; who falls in one of the
    /// rule's categories gets a line for each gift type (per person, or one per household when
    /// a member qualifies). Run again, it adds only who is missing (a unique line per recipient
    /// and gift type), so a household registered later is not missed and no one is listed twice.
    @discardableResult
    public func generate(_ actor: Actor, campaignID: UUID) async throws -> (added: Int, listed: Int) {
        try await store.transition(actor, GiftCampaignModel.self, campaignID, .generate) { c, tx, _ in
            guard let rule = GiftRule(json: c.rule), let day = LocalDate(iso: c.day) else { throw AppError.conflict(Message("campaign.error.rule")) }
            let types = try await GiftTypeModel.query(on: tx).filter(\.$campaignID == campaignID).sort(\.$name).all()
            guard !types.isEmpty else { throw AppError.conflict(Message("campaign.error.no_gift_types")) }
            let found = try await qualifying(rule, day: day, path: c.unitPath, on: tx)
            var existing: Set<String> = []
            let s = sql(tx)
            for row in try await s.raw("SELECT gift_type_id, recipient_key FROM gift_entries WHERE campaign_id = \(bind: campaignID)").all() {
                existing.insert("\(try row.decode(column: "gift_type_id", as: UUID.self))|\(try row.decode(column: "recipient_key", as: String.self))")
            }
            var batch = BatchInsert(
                into: GiftEntryModel.schema,
                columns: [
                    "id", "campaign_id", "gift_type_id", "unit_path", "group_id", "household_id", "person_id", "recipient_key", "name", "household_code",
                    "reasons", "status",
                ])
            var added = 0
            for t in types {
                for r in found where !existing.contains("\(t.id!)|\(r.key)") {
                    batch.add(
                        .uuid(UUID()), .uuid(campaignID), .uuid(t.id!), .text(r.path), .uuid(r.groupID), .uuid(r.householdID), .uuid(r.personID),
                        .text(r.key), .text(r.name), .text(r.code), .text(r.reasons.map(\.rawValue).joined(separator: ",")), .text("pending"))
                    added += 1
                }
            }
            try await batch.run(on: tx)
            return ((added, existing.count + added), ["added": "\(added)", "recipients": "\(found.count)"])
        }
    }

    struct Recipient {
        let key: String, householdID: UUID, personID: UUID?, groupID: UUID?, path: String, name: String, code: String
        let reasons: [GiftCategory]
    }

    /// Who qualifies under `rule` on `day` within the ward `path`, in household order.
    func qualifying(_ rule: GiftRule, day: LocalDate, path: String, on db: any Database) async throws -> [Recipient] {
        let s = sql(db)
        var classes: [UUID: (Int, PovertyClass)] = [:]
        let within = UnitScope.condition("unit_path", path, on: db)
        for row in try await s.raw("SELECT household_id, period, class FROM household_classifications WHERE \(within) AND period <= \(bind: day.year)").all() {
            let h = try row.decode(column: "household_id", as: UUID.self), p = try row.decode(column: "period", as: Int.self)
            guard let c = PovertyClass(rawValue: try row.decode(column: "class", as: String.self)) else { continue }
            if (classes[h]?.0 ?? Int.min) < p { classes[h] = (p, c) }
        }
        var merit: [UUID: Set<MeritCategory>] = [:]
        for row in try await s.raw("SELECT person_id, category FROM merit_records WHERE \(within) AND since <= \(bind: day.iso)").all() {
            if let c = MeritCategory(rawValue: try row.decode(column: "category", as: String.self)) {
                merit[try row.decode(column: "person_id", as: UUID.self), default: []].insert(c)
            }
        }
        // Pupils the ward supports in the school year of the day, unless the school refused.
        var pupils: Set<UUID> = []
        for row in try await s.raw(
            """
            SELECT person_id FROM education_supports WHERE \(within) AND school_year = \(bind: SchoolYear.of(day).start)
            AND status <> \(bind: EducationSupportLifecycle.State.notApplied.rawValue)
            """
        ).all() {
            pupils.insert(try row.decode(column: "person_id", as: UUID.self))
        }
        let groups = Set(rule.groups ?? [])
        let rows = try await s.raw(
            """
            SELECT h.id AS hid, h.group_id AS gid, h.unit_path AS path, h.code AS code, p.id AS pid, p.full_name AS name, p.birth_date AS birth,
            p.disability_level AS disability, p.has_merit AS merit, m.role AS role
            FROM households h JOIN memberships m ON m.household_id = h.id AND m.end_date IS NULL JOIN persons p ON p.id = m.person_id
            WHERE \(UnitScope.condition("h.unit_path", path, on: db)) AND h.status = 'active' AND p.death_date IS NULL AND p.merged_into IS NULL
            ORDER BY h.code, p.full_name
            """
        ).all()
        var out: [Recipient] = []
        var households: [UUID: Int] = [:]
        for row in rows {
            let hid = try row.decode(column: "hid", as: UUID.self), gid = try row.decode(column: "gid", as: UUID?.self)
            if !groups.isEmpty && !(gid.map(groups.contains) ?? false) { continue }
            let pid = try row.decode(column: "pid", as: UUID.self)
            var facts = GiftFacts(
                birth: BirthDate(text: try row.decode(column: "birth", as: String.self)),
                disability: DisabilityLevel(rawValue: try row.decode(column: "disability", as: String.self)) ?? .none,
                hasMerit: try row.decode(column: "merit", as: Bool.self), merit: merit[pid] ?? [], householdClass: classes[hid]?.1)
            facts.supportedPupil = pupils.contains(pid)
            let reasons = GiftTargeting.reasons(rule, facts, on: day)
            let isHead = try row.decode(column: "role", as: String.self) == MemberRole.head.rawValue
            let name = try row.decode(column: "name", as: String.self), code = try row.decode(column: "code", as: String.self)
            let path = try row.decode(column: "path", as: String.self)
            switch rule.per {
            case .person:
                guard !reasons.isEmpty else { continue }
                out.append(Recipient(key: pid.uuidString, householdID: hid, personID: pid, groupID: gid, path: path, name: name, code: code, reasons: reasons))
            case .household:
                // One line per household, named after its head, with every member's reasons.
                if let i = households[hid] {
                    let r = out[i]
                    out[i] = Recipient(
                        key: r.key, householdID: hid, personID: nil, groupID: gid, path: path, name: isHead ? name : r.name, code: code,
                        reasons: rule.any.filter { Set(r.reasons + reasons).contains($0) })
                } else {
                    households[hid] = out.count
                    out.append(
                        Recipient(key: hid.uuidString, householdID: hid, personID: nil, groupID: gid, path: path, name: name, code: code, reasons: reasons))
                }
            }
        }
        return out.filter { !$0.reasons.isEmpty }
    }
}
