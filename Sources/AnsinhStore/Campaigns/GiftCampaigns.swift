import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// What a campaign is made from (unchecked).
public struct GiftCampaignInput: Sendable {
    public var unitID: UUID?
    public var name = "", occasion = "", day = "", per = ""
    public var categories: [String] = []
    public var groups: [UUID] = []
    public init() {}
}

/// What a gift type is made from (unchecked).
public struct GiftTypeInput: Sendable {
    public var name = "", kind = "", value = "", source = "", stock = ""
    public var fundID: UUID?
    public init() {}
}

/// Gift campaigns of a ward: the rule, the gift types, the list it produces (who qualifies and
/// why, per residential group), the hand-out (one gift per recipient and gift type, whatever
/// the concurrency), the reasons for gifts not handed out, and the closing.
public struct GiftCampaignRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func create(_ actor: Actor, _ input: GiftCampaignInput) async throws -> UUID {
        try actor.require(.manageCampaigns)
        var errors: [FieldError] = []
        let name = CareRepository.text(input.name, "name", max: 200, into: &errors)
        let occasion = GiftOccasion(rawValue: input.occasion)
        if occasion == nil { errors.append(FieldError(field: "occasion", message: Message("validation.choice"))) }
        let day = LocalDate(iso: input.day)
        if day == nil { errors.append(FieldError(field: "day", message: Message("validation.date"))) }
        let categories = input.categories.compactMap(GiftCategory.init(rawValue:))
        if categories.isEmpty || categories.count != input.categories.count || Set(categories).count != categories.count {
            errors.append(FieldError(field: "categories", message: Message("campaign.error.categories")))
        }
        let per = GiftUnit(rawValue: input.per)
        if per == nil { errors.append(FieldError(field: "per", message: Message("validation.choice"))) }
        if input.groups.count > 500 { errors.append(FieldError(field: "groups", message: Message("validation.choice"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            guard let id = input.unitID ?? actor.unitID, let unit = try await store.reachable(OrgUnitModel.self, id, actor, on: tx),
                unit.kind == UnitKind.commune.rawValue
            else { throw AppError.invalid("unit_id", "campaign.error.unit") }
            for g in input.groups {
                guard let u = try await OrgUnitModel.find(g, on: tx), u.parentID == unit.id else { throw AppError.invalid("groups", "campaign.error.group") }
            }
            if try await GiftCampaignModel.query(on: tx).filter(\.$unitID == unit.id!).filter(\.$name == name).first() != nil {
                throw AppError.invalid("name", "campaign.error.name_taken")
            }
            let c = GiftCampaignModel()
            c.id = UUID(); c.unitID = unit.id!; c.unitPath = unit.path; c.name = name; c.occasion = occasion!.rawValue; c.day = day!.iso
            c.rule = GiftRule(any: categories, per: per!, groups: input.groups.isEmpty ? nil : input.groups).json
            c.status = GiftCampaignLifecycle.State.open.rawValue; c.createdBy = actor.username
            try await c.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "create_campaign", entity: GiftCampaignLifecycle.entity, entityID: c.id!.uuidString, unitID: unit.id!, unitPath: unit.path,
                    before: NoValue?.none, after: ["name": c.name, "occasion": c.occasion, "day": c.day, "rule": c.rule]))
            return c.id!
        }
    }

    /// A gift type: its value in đồng (0 for a visit), and what pays for it: one of the ward's
    /// funds, a budget line or a donor (free text). Goods may count the stock received.
    public func addGiftType(_ actor: Actor, campaignID: UUID, _ input: GiftTypeInput) async throws -> UUID {
        try GiftCampaignLifecycle.authorize(.generate, role: actor.role)
        var errors: [FieldError] = []
        let name = CareRepository.text(input.name, "name", max: 120, into: &errors)
        let kind = GiftKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let value = input.value.isEmpty ? 0 : ImportTable.dong(input.value)
        if value == nil || value! < 0 || value! > 1_000_000_000 { errors.append(FieldError(field: "value", message: Message("fund.error.amount"))) }
        if input.source.count > 200 { errors.append(FieldError(field: "source", message: Message("validation.too_long", ["max": "200"]))) }
        let stock = input.stock.isEmpty ? nil : Int(input.stock)
        if !input.stock.isEmpty && (stock == nil || !(0...10_000_000).contains(stock!)) {
            errors.append(FieldError(field: "stock", message: Message("campaign.error.stock")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, GiftCampaignModel.self, campaignID, .generate) { c, tx, _ in
            if let f = input.fundID {
                guard let fund = try await store.reachable(FundModel.self, f, actor, on: tx), fund.unitID == c.unitID else {
                    throw AppError.invalid("fund_id", "campaign.error.fund")
                }
            }
            if try await GiftTypeModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$name == name).first() != nil {
                throw AppError.invalid("name", "campaign.error.gift_type_taken")
            }
            let g = GiftTypeModel()
            g.id = UUID(); g.campaignID = campaignID; g.unitPath = c.unitPath; g.name = name; g.kind = kind!.rawValue; g.value = value!
            g.fundID = input.fundID; g.source = input.source.trimmingCharacters(in: .whitespaces); g.stock = stock
            try await g.create(on: tx)
            return (g.id!, ["gift_type": g.name, "value": "\(g.value)"])
        }
    }

    /// Hands out one gift (`received_by`: who signed for it). A line handed out already, or a
    /// gift type out of stock, is refused; two officers ticking the same line at once give one
    /// gift (the hand-out's unique line).
    public func handOut(_ actor: Actor, entryID: UUID, handedOn: String, receivedBy: String, today: LocalDate) async throws {
        try GiftCampaignLifecycle.authorize(.handOut, role: actor.role)
        if receivedBy.count > 120 { throw AppError.invalid("received_by", "validation.too_long", ["max": "120"]) }
        let e = try await store.scoped(GiftEntryModel.self, entryID, actor)
        let done = try await handOut(actor, campaignID: e.campaignID, entries: [entryID], handedOn: handedOn, today: today, receivedBy: receivedBy)
        if done.handed == 0 { throw AppError.conflict(Message(done.outOfStock > 0 ? "campaign.error.out_of_stock" : "campaign.error.handed")) }
    }

    /// Hands out the gifts of many lines of a campaign in one transaction (a ticked list);
    /// lines handed out already are left as they are and counted.
    @discardableResult
    public func handOut(_ actor: Actor, campaignID: UUID, entries: [UUID], handedOn: String, today: LocalDate, receivedBy: String = "") async throws
        -> (handed: Int, already: Int, outOfStock: Int)
    {
        try GiftCampaignLifecycle.authorize(.handOut, role: actor.role)
        var errors: [FieldError] = []
        let parsed = CareRepository.date(handedOn, "handed_on", today: today, into: &errors)
        if entries.isEmpty { errors.append(FieldError(field: "entries", message: Message("campaign.error.none_ticked"))) }
        if entries.count > 5000 { errors.append(FieldError(field: "entries", message: Message("campaign.error.too_many"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let day = parsed!
        return try await store.transition(actor, GiftCampaignModel.self, campaignID, .handOut) { c, tx, _ in
            guard day.iso >= String(c.day.prefix(4)) + "-01-01" else { throw AppError.invalid("handed_on", "campaign.error.before_year") }
            var handed = 0, already = 0, outOfStock = 0
            var used: [UUID: Int] = [:]
            let types = Dictionary(uniqueKeysWithValues: try await GiftTypeModel.query(on: tx).filter(\.$campaignID == campaignID).all().map { ($0.id!, $0) })
            for chunk in Set(entries).sorted(by: { $0.uuidString < $1.uuidString }).chunked(500) {
                // By id alone (the primary key's index); the campaign is checked on the rows read.
                let lines = try await store.scoped(GiftEntryModel.self, actor, on: tx).filter(\.$id ~~ chunk).all()
                guard lines.count == chunk.count, lines.allSatisfy({ $0.campaignID == campaignID }) else {
                    throw AppError.invalid("entries", "campaign.error.entry")
                }
                // Written set-wise: the hand-outs in one batch (their unique line stops any double),
                // the lines marked in one UPDATE.
                var rows = BatchInsert(
                    into: GiftHandoutModel.schema, columns: ["id", "entry_id", "campaign_id", "gift_type_id", "handed_on", "received_by", "recorded_by"])
                var given: [UUID] = []
                for e in lines {
                    guard e.status == "pending" else { already += 1; continue }
                    let type = types[e.giftTypeID]!
                    if let stock = type.stock {
                        if used[type.id!] == nil {
                            used[type.id!] = try await GiftHandoutModel.query(on: tx).filter(\.$giftTypeID == type.id!).count()
                        }
                        guard used[type.id!]! < stock else { outOfStock += 1; continue }
                        used[type.id!]! += 1
                    }
                    rows.add(
                        .uuid(UUID()), .uuid(e.id!), .uuid(campaignID), .uuid(e.giftTypeID), .text(day.iso), .text(receivedBy.isEmpty ? e.name : receivedBy),
                        .text(actor.username))
                    given.append(e.id!)
                }
                try await rows.run(on: tx)
                if !given.isEmpty {
                    try await GiftEntryModel.query(on: tx).filter(\.$id ~~ given).set(\.$status, to: "handed").update()
                }
                handed += given.count
            }
            return ((handed, already, outOfStock), ["handed": "\(handed)", "already": "\(already)", "out_of_stock": "\(outOfStock)"])
        }
    }

    /// Records why a line's gift was not handed out (moved away, died, refused, not found).
    public func notHanded(_ actor: Actor, entryID: UUID, reason: String) async throws {
        try GiftCampaignLifecycle.authorize(.handOut, role: actor.role)
        let e = try await store.scoped(GiftEntryModel.self, entryID, actor)
        if try await notHanded(actor, campaignID: e.campaignID, entries: [entryID], reason: reason) == 0 {
            throw AppError.conflict(Message("campaign.error.handed"))
        }
    }

    /// The same for several ticked lines; lines no longer waiting are left as they are. Returns
    /// how many were recorded.
    public func notHanded(_ actor: Actor, campaignID: UUID, entries: [UUID], reason: String) async throws -> Int {
        try GiftCampaignLifecycle.authorize(.handOut, role: actor.role)
        var errors: [FieldError] = []
        let why = CareRepository.text(reason, "reason", max: 300, into: &errors)
        if entries.isEmpty { errors.append(FieldError(field: "entries", message: Message("campaign.error.none_ticked"))) }
        if entries.count > 5000 { errors.append(FieldError(field: "entries", message: Message("campaign.error.too_many"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, GiftCampaignModel.self, campaignID, .handOut) { _, tx, _ in
            var n = 0
            for chunk in Set(entries).sorted(by: { $0.uuidString < $1.uuidString }).chunked(500) {
                // By id alone (the primary key's index); the campaign is checked on the rows read.
                let lines = try await store.scoped(GiftEntryModel.self, actor, on: tx).filter(\.$id ~~ chunk).all()
                guard lines.count == chunk.count, lines.allSatisfy({ $0.campaignID == campaignID }) else {
                    throw AppError.invalid("entries", "campaign.error.entry")
                }
                for line in lines where line.status == "pending" {
                    line.status = "not_handed"; line.reason = why
                    try await line.save(on: tx)
                    n += 1
                }
            }
            return (n, ["not_handed": "\(n)", "reason": why])
        }
    }

    public func close(_ actor: Actor, campaignID: UUID) async throws {
        try await store.transition(actor, GiftCampaignModel.self, campaignID, .close) { _, _, _ in [:] }
    }
}
