import AnsinhCore
import FluentKit
import Foundation
import SQLKit

public struct GiftCampaignRow: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let occasion: GiftOccasion
    public let day: LocalDate
    public let rule: GiftRule
    public let status: GiftCampaignLifecycle.State
    public let listed: Int
    public let handed: Int
    /// Retention (`RetentionKind.giftLists`): when the list was anonymised, or the legal hold
    /// that keeps it whole.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct GiftTypeRow: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let kind: GiftKind
    public let value: Int64
    public let fundName: String?
    public let source: String
    public let stock: Int?
    public let listed: Int
    public let handed: Int
}

/// One residential group's progress: lines listed, handed out, not handed out, still waiting.
public struct GiftGroupProgress: Sendable, Equatable {
    public let groupID: UUID?
    public let groupName: String
    public let listed: Int
    public let handed: Int
    public let notHanded: Int
    public var waiting: Int { listed - handed - notHanded }
}

public struct GiftEntryRow: Sendable, Equatable {
    public let id: UUID
    public let giftType: String
    public let groupName: String
    public let name: String
    public let householdCode: String
    public let reasons: [GiftCategory]
    public let status: String
    public let reason: String?
    public let handedOn: LocalDate?
    public let receivedBy: String?
}

/// A campaign's page: the campaign, its gift types, the progress per group.
public struct GiftCampaignRecord: Sendable, Equatable {
    public let row: GiftCampaignRow
    public let unitName: String
    public let types: [GiftTypeRow]
    public let groups: [GiftGroupProgress]
}

/// Gifts handed out in a year, counted from the hand-outs (a line in several categories counts
/// under each).
public struct GiftReport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let key: String
        public let gifts: Int
        public let value: Int64
    }
    public let year: Int
    public let total: Int
    public let value: Int64
    public let byCampaign: [Line]
    public let byGroup: [Line]
    public let byCategory: [Line]
    public let bySource: [Line]
}

extension GiftCampaignRepository {
    public func campaigns(_ actor: Actor, year: Int?) async throws -> [GiftCampaignRow] {
        try actor.require(.viewFunds)
        let q = store.scoped(GiftCampaignModel.self, actor)
        if let year { q.filter(\.$day >= "\(year)-01-01").filter(\.$day <= "\(year)-12-31") }
        return try await rows(try await q.sort(\.$day, .descending).limit(500).all())
    }

    /// How many lines campaigns hold, per gift type, residential group and state: one GROUP BY
    /// (a list of 100,000 lines is never read to count it).
    struct LineCount {
        let campaignID: UUID, typeID: UUID, groupID: UUID?, status: String, n: Int
    }

    func lineCounts(_ campaigns: [UUID]) async throws -> [LineCount] {
        var out: [LineCount] = []
        for chunk in campaigns.chunked(500) {
            let rows = try await sql(store.db).select().column("campaign_id").column("gift_type_id").column("group_id").column("status")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(GiftEntryModel.schema).where("campaign_id", .in, chunk)
                .groupBy("campaign_id").groupBy("gift_type_id").groupBy("group_id").groupBy("status").all()
            for r in rows {
                out.append(
                    LineCount(
                        campaignID: try r.decode(column: "campaign_id", as: UUID.self), typeID: try r.decode(column: "gift_type_id", as: UUID.self),
                        groupID: try r.decode(column: "group_id", as: UUID?.self), status: try r.decode(column: "status", as: String.self),
                        n: try r.decode(column: "n", as: Int.self)))
            }
        }
        return out
    }

    func rows(_ list: [GiftCampaignModel]) async throws -> [GiftCampaignRow] {
        let counts = Dictionary(grouping: try await lineCounts(list.map { $0.id! }), by: \.campaignID)
        return list.map { Self.row($0, counts[$0.id!] ?? []) }
    }

    static func row(_ c: GiftCampaignModel, _ counts: [LineCount]) -> GiftCampaignRow {
        GiftCampaignRow(
            id: c.id!, name: c.name, occasion: GiftOccasion(rawValue: c.occasion) ?? .adHoc, day: LocalDate(iso: c.day)!,
            rule: GiftRule(json: c.rule) ?? GiftRule(any: [.everyone], per: .household), status: c.lifecycleState,
            listed: counts.reduce(0) { $0 + $1.n }, handed: counts.filter { $0.status == "handed" }.reduce(0) { $0 + $1.n },
            anonymisedAt: c.anonymisedAt, legalHold: c.legalHold)
    }

    public func campaign(_ actor: Actor, id: UUID) async throws -> GiftCampaignRecord {
        try actor.require(.viewFunds)
        let c = try await store.scoped(GiftCampaignModel.self, id, actor)
        let counts = try await lineCounts([id])
        let types = try await GiftTypeModel.query(on: store.db).filter(\.$campaignID == id).sort(\.$name).all()
        var funds: [UUID: String] = [:]
        for f in try await FundModel.query(on: store.db).filter(\.$id ~~ Set(types.compactMap(\.fundID))).all() { funds[f.id!] = f.name }
        let names = try await CaseRepository(store).unitNames(counts.compactMap(\.groupID) + [c.unitID])
        let byType = Dictionary(grouping: counts, by: \.typeID), byGroup = Dictionary(grouping: counts, by: \.groupID)
        let sum = { (lines: [LineCount], status: String?) in lines.filter { status == nil || $0.status == status }.reduce(0) { $0 + $1.n } }
        return GiftCampaignRecord(
            row: Self.row(c, counts), unitName: names[c.unitID] ?? "",
            types: types.map { t in
                let lines = byType[t.id!] ?? []
                return GiftTypeRow(
                    id: t.id!, name: t.name, kind: GiftKind(rawValue: t.kind) ?? .inKind, value: t.value, fundName: t.fundID.flatMap { funds[$0] },
                    source: t.source, stock: t.stock, listed: sum(lines, nil), handed: sum(lines, "handed"))
            },
            groups: byGroup.map { g, lines in
                GiftGroupProgress(
                    groupID: g, groupName: g.flatMap { names[$0] } ?? "—", listed: sum(lines, nil), handed: sum(lines, "handed"),
                    notHanded: sum(lines, "not_handed"))
            }.sorted { $0.groupName < $1.groupName })
    }

    /// A campaign's lines (of a group, of a state), by household code and name.
    public func entries(_ actor: Actor, campaignID: UUID, groupID: UUID?, status: String?, page: PageSpec) async throws -> ResultPage<GiftEntryRow> {
        try actor.require(.viewFunds)
        _ = try await store.scoped(GiftCampaignModel.self, campaignID, actor)
        let q = store.scoped(GiftEntryModel.self, actor).filter(\.$campaignID == campaignID)
        if let groupID { q.filter(\.$groupID == groupID) }
        if let status { q.filter(\.$status == status) }
        let total = try await q.count()
        let list = try await q.sort(\.$householdCode).sort(\.$name).sort(\.$giftTypeID).range(page.offset..<(page.offset + page.perPage)).all()
        let types = Dictionary(
            uniqueKeysWithValues: try await GiftTypeModel.query(on: store.db).filter(\.$campaignID == campaignID).all().map { ($0.id!, $0.name) })
        var handouts: [UUID: GiftHandoutModel] = [:]
        for chunk in list.map({ $0.id! }).chunked(500) {
            for h in try await GiftHandoutModel.query(on: store.db).filter(\.$entryID ~~ chunk).all() { handouts[h.entryID] = h }
        }
        let names = try await CaseRepository(store).unitNames(list.compactMap(\.groupID))
        return ResultPage(
            items: list.map { e in
                GiftEntryRow(
                    id: e.id!, giftType: types[e.giftTypeID] ?? "", groupName: e.groupID.flatMap { names[$0] } ?? "—", name: e.name,
                    householdCode: e.householdCode, reasons: e.reasons.split(separator: ",").compactMap { GiftCategory(rawValue: String($0)) },
                    status: e.status, reason: e.reason, handedOn: handouts[e.id!].flatMap { LocalDate(iso: $0.handedOn) },
                    receivedBy: handouts[e.id!].flatMap { $0.receivedBy.isEmpty ? nil : $0.receivedBy })
            }, request: page, total: total)
    }

    /// Gifts handed out in a year by the actor's wards' campaigns.
    public func report(_ actor: Actor, year: Int, unitPath: String? = nil) async throws -> GiftReport {
        try actor.require(.viewFunds)
        let q = store.scoped(GiftCampaignModel.self, actor).filter(\.$day >= "\(year)-01-01").filter(\.$day <= "\(year)-12-31")
        if let unitPath { q.filter(\.$unitPath == unitPath) }
        let campaigns = try await q.all()
        var total = 0, value: Int64 = 0
        var byCampaign: [String: (Int, Int64)] = [:], byGroup: [String: (Int, Int64)] = [:], byCategory: [String: (Int, Int64)] = [:]
        var bySource: [String: (Int, Int64)] = [:]
        for c in campaigns {
            let types = Dictionary(uniqueKeysWithValues: try await GiftTypeModel.query(on: store.db).filter(\.$campaignID == c.id!).all().map { ($0.id!, $0) })
            var funds: [UUID: String] = [:]
            for f in try await FundModel.query(on: store.db).filter(\.$id ~~ Set(types.values.compactMap(\.fundID))).all() { funds[f.id!] = f.name }
            let handed = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == c.id!).filter(\.$status == "handed").all()
            let names = try await CaseRepository(store).unitNames(handed.compactMap(\.groupID))
            for e in handed {
                let t = types[e.giftTypeID]!, v = t.value
                total += 1; value += v
                func add(_ d: inout [String: (Int, Int64)], _ k: String) { d[k, default: (0, 0)].0 += 1; d[k, default: (0, 0)].1 += v }
                add(&byCampaign, c.name)
                add(&byGroup, e.groupID.flatMap { names[$0] } ?? "—")
                for r in e.reasons.split(separator: ",") { add(&byCategory, String(r)) }
                add(&bySource, t.fundID.flatMap { funds[$0] } ?? (t.source.isEmpty ? "—" : t.source))
            }
        }
        func lines(_ d: [String: (Int, Int64)]) -> [GiftReport.Line] {
            d.map { GiftReport.Line(key: $0.key, gifts: $0.value.0, value: $0.value.1) }.sorted { ($0.gifts, $1.key) > ($1.gifts, $0.key) }
        }
        return GiftReport(
            year: year, total: total, value: value, byCampaign: lines(byCampaign), byGroup: lines(byGroup), byCategory: lines(byCategory),
            bySource: lines(bySource))
    }
}
