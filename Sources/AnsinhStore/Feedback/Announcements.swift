import AnsinhCore
import FluentKit
import SQLKit
import Foundation

/// An announcement of a ward to its residents, for the whole ward or some residential groups.
public final class AnnouncementModel: Model, @unchecked Sendable {
    public static let schema = "announcements"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// The residential groups addressed (unit ids, comma-separated); empty: the whole ward.
    @Field(key: "groups") public var groups: String
    /// `AnnouncementAudience`: the groups above, those paid at the ward this month, or the
    /// households named (ids, comma-separated).
    @Field(key: "audience") public var audience: String
    @Field(key: "households") public var households: String
    @Field(key: "status") public var status: String
    /// The last day it shows on the public pages (ISO date).
    @Field(key: "until") public var until: String
    /// Sent to the households of its audience that left a phone, on publishing.
    @Field(key: "notify") public var notify: Bool
    @Field(key: "notified") public var notified: Int
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "published_at") public var publishedAt: Date?
    public init() {}
}

extension AnnouncementModel: LifecycleRecord {
    public typealias Life = AnnouncementLifecycle
    public static var unitPathKey: KeyPath<AnnouncementModel, FieldProperty<AnnouncementModel, String>> { \.$unitPath }
    public var lifecycleState: AnnouncementLifecycle.State {
        get { AnnouncementLifecycle.State(rawValue: status) ?? .draft }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// What an officer writes.
public struct AnnouncementInput: Sendable {
    public var unitCode = ""
    public var kind = ""
    public var title = ""
    public var body = ""
    /// Residential group codes; empty: the whole ward.
    public var groups: [String] = []
    /// `AnnouncementAudience`; the household codes when it is `households`.
    public var audience = AnnouncementAudience.groups.rawValue
    public var households: [String] = []
    public var until = ""
    public var notify = false
    public init() {}
}

/// An announcement as read (officers' pages, the public pages, the API).
public struct Announcement: Sendable, Equatable {
    public let id: UUID
    public let wardCode: String
    public let wardName: String
    public let kind: AnnouncementKind
    public let title: String
    public let body: String
    /// The names of the residential groups addressed; empty: the whole ward.
    public let groups: [String]
    public let audience: AnnouncementAudience
    /// The codes of the households named (shown to officers only).
    public let households: [String]
    public let status: AnnouncementLifecycle.State
    public let until: LocalDate
    public let notify: Bool
    public let notified: Int
    public let createdBy: String
    public let publishedAt: Date?
}

/// Announcements: drafted by the ward's officers, published (and sent through the outbox to the
/// households of the audience with a phone, in the same transaction), withdrawn; the public pages
/// show those published and not past their last day.
public struct AnnouncementRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func create(_ actor: Actor, _ input: AnnouncementInput, today: LocalDate) async throws -> UUID {
        try actor.require(.handleRequests)
        var errors: [FieldError] = []
        func bad(_ f: String, _ k: String, _ a: [String: String] = [:]) { errors.append(FieldError(field: f, message: Message(k, a))) }
        if AnnouncementKind(rawValue: input.kind) == nil { bad("kind", "validation.choice") }
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines), body = input.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { bad("title", "validation.required") } else if title.count > 200 { bad("title", "validation.too_long", ["max": "200"]) }
        if body.isEmpty { bad("body", "validation.required") } else if body.count > 4000 { bad("body", "validation.too_long", ["max": "4000"]) }
        let until = LocalDate(iso: input.until)
        if until == nil { bad("until", "validation.date") } else if until! < today { bad("until", "announcement.error.past") }
        let ward = try await OrgUnitModel.query(on: store.db).filter(\.$code == input.unitCode).filter(\.$kind == UnitKind.commune.rawValue).first()
        if ward == nil || !actor.covers(path: ward!.path) { bad("unit", "request.error.unit") }
        var groupIDs: [UUID] = []
        if let ward, !input.groups.isEmpty {
            let groups = try await OrgUnitModel.query(on: store.db).filter(\.$parentID == ward.id!).all()
            for code in input.groups {
                if let g = groups.first(where: { $0.code == code }) { groupIDs.append(g.id!) } else { bad("groups", "request.error.group") }
            }
        }
        let audience = AnnouncementAudience(rawValue: input.audience)
        if audience == nil { bad("audience", "validation.choice") }
        var householdIDs: [UUID] = []
        if audience == .households, let ward {
            let codes = Array(Set(input.households.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
            if codes.isEmpty {
                bad("households", "validation.required")
            } else if codes.count > 200 || codes.contains(where: { $0.count > 50 }) {
                bad("households", "validation.too_long", ["max": "200"])
            } else {
                let found = try await HouseholdModel.query(on: store.db).filter(\.$communeID == ward.id!).filter(\.$code ~~ codes)
                    .filter(\.$status == HouseholdStatus.active.rawValue).all()
                let missing = codes.filter { c in !found.contains { $0.code == c } }
                if !missing.isEmpty { bad("households", "announcement.error.households", ["codes": missing.prefix(10).joined(separator: ", ")]) }
                householdIDs = found.map { $0.id! }
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let w = ward!, ids = audience == .groups ? groupIDs : [], named = householdIDs
        return try await store.write(actor) { tx, audit in
            let m = AnnouncementModel()
            m.id = UUID(); m.unitID = w.id!; m.unitPath = w.path; m.kind = input.kind; m.title = title; m.body = body
            m.groups = ids.map(\.uuidString).joined(separator: ","); m.audience = audience!.rawValue
            m.households = named.map(\.uuidString).joined(separator: ","); m.status = AnnouncementLifecycle.State.draft.rawValue; m.until = until!.iso
            m.notify = input.notify; m.notified = 0; m.createdBy = actor.username; m.createdAt = store.now()
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "announcement_create", entity: AnnouncementLifecycle.entity, entityID: m.id!.uuidString, unitID: w.id, unitPath: w.path,
                    before: NoValue?.none, after: ["title": title, "kind": input.kind, "until": until!.iso, "audience": audience!.rawValue]))
            return m.id!
        }
    }

    /// Publishes or withdraws. Publishing an announcement that asks for it queues one message
    /// per phone among the active households of its audience, in the same transaction.
    public func take(_ actor: Actor, id: UUID, _ t: AnnouncementLifecycle.Transition) async throws {
        let now = store.now()
        try await store.transition(actor, AnnouncementModel.self, id, t) { m, tx, _ in
            guard t == .publish else { return [:] }
            m.publishedAt = now
            guard m.notify else { return [:] }
            let phones = try await audiencePhones(m, month: store.today.yearMonth, on: tx)
            let message = Message("outbox.msg.announcement", ["title": m.title, "text": String(m.body.prefix(240))])
            let queued = try await OutboxRepository.notify(
                phones.sorted().map { OutgoingMessage(message: message, contact: ResidentContact(phone: $0), sourceID: m.id!, unitPath: m.unitPath) },
                sourceKind: AnnouncementLifecycle.entity, now: now, on: tx)
            m.notified = queued
            return ["notified": "\(queued)"]
        }
    }

    /// The phones of an announcement's audience: the active households of the ward or its groups
    /// that left one; of the households named; or of everyone with an allowance paid in cash at
    /// the ward in `month` (their current households).
    func audiencePhones(_ m: AnnouncementModel, month: YearMonth, on tx: any Database) async throws -> Set<String> {
        let q = HouseholdModel.query(on: tx).filter(\.$communeID == m.unitID).filter(\.$status == HouseholdStatus.active.rawValue)
            .filter(\.$phone != nil)
        switch AnnouncementAudience(rawValue: m.audience) ?? .groups {
        case .groups:
            let groups = m.groups.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
            if !groups.isEmpty { q.filter(\.$groupID ~~ groups) }
        case .households:
            q.filter(\.$id ~~ m.households.split(separator: ",").compactMap { UUID(uuidString: String($0)) })
        case .paidThisMonth:
            guard let cycle = try await PaymentCycleModel.query(on: tx).filter(\.$communeID == m.unitID).filter(\.$month == month.iso).first()
            else { return [] }
            let persons = try await sql(tx).raw(
                """
                SELECT DISTINCT person_id FROM payment_lines
                WHERE cycle_id = \(bind: cycle.id!) AND kind = 'pay' AND channel = \(bind: PaymentChannel.cash.rawValue) AND amount > 0
                """
            ).all().map { try $0.decode(column: "person_id", as: UUID.self) }
            var homes: Set<UUID> = []
            for chunk in persons.chunked(500) {
                homes.formUnion(try await MembershipModel.query(on: tx).filter(\.$personID ~~ chunk).filter(\.$endDate == nil).all().map(\.householdID))
            }
            q.filter(\.$id ~~ Array(homes))
        }
        return Set(try await q.all().compactMap { $0.phone.flatMap(PhoneNumber.normalise) })
    }

    /// The announcements of the actor's units, newest first.
    public func list(_ actor: Actor, page: PageSpec) async throws -> ResultPage<Announcement> {
        try actor.require(.handleRequests)
        let q = store.scoped(AnnouncementModel.self, actor)
        let total = try await q.count()
        let rows = try await q.sort(\.$createdAt, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await views(rows), request: page, total: total)
    }

    public func get(_ actor: Actor, id: UUID) async throws -> Announcement {
        try actor.require(.handleRequests)
        return try await views([try await store.scoped(AnnouncementModel.self, id, actor)])[0]
    }

    /// Published and not past their last day, newest first; of one ward when its code is given.
    public func current(wardCode: String?, today: LocalDate) async throws -> [Announcement] {
        let q = AnnouncementModel.query(on: store.db).filter(\.$status == AnnouncementLifecycle.State.published.rawValue)
            .filter(\.$until >= today.iso)
        if let wardCode, !wardCode.isEmpty {
            guard let w = try await OrgUnitModel.query(on: store.db).filter(\.$code == wardCode).first() else { return [] }
            q.filter(\.$unitID == w.id!)
        }
        return try await views(try await q.sort(\.$publishedAt, .descending).limit(100).all())
    }

    /// One published announcement (the printable notice); withdrawn or past: not found.
    public func published(id: UUID, today: LocalDate) async throws -> Announcement {
        guard let m = try await AnnouncementModel.find(id, on: store.db), m.status == AnnouncementLifecycle.State.published.rawValue,
            m.until >= today.iso
        else { throw AppError.notFound }
        return try await views([m])[0]
    }

    func views(_ rows: [AnnouncementModel]) async throws -> [Announcement] {
        let ids = Set(rows.map(\.unitID) + rows.flatMap { $0.groups.split(separator: ",").compactMap { UUID(uuidString: String($0)) } })
        let units = Dictionary(
            try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let named = Set(rows.flatMap { $0.households.split(separator: ",").compactMap { UUID(uuidString: String($0)) } })
        var codes: [UUID: String] = [:]
        for chunk in Array(named).chunked(500) {
            for h in try await HouseholdModel.query(on: store.db).filter(\.$id ~~ chunk).all() { codes[h.id!] = h.code }
        }
        return rows.map { m in
            Announcement(
                id: m.id!, wardCode: units[m.unitID]?.code ?? "", wardName: units[m.unitID]?.name ?? "", kind: AnnouncementKind(rawValue: m.kind) ?? .other,
                title: m.title, body: m.body,
                groups: m.groups.split(separator: ",").compactMap { UUID(uuidString: String($0)).flatMap { units[$0]?.name } },
                audience: AnnouncementAudience(rawValue: m.audience) ?? .groups,
                households: m.households.split(separator: ",").compactMap { UUID(uuidString: String($0)).flatMap { codes[$0] } }.sorted(),
                status: m.lifecycleState, until: LocalDate(iso: m.until)!, notify: m.notify, notified: m.notified, createdBy: m.createdBy,
                publishedAt: m.publishedAt)
        }
    }
}
