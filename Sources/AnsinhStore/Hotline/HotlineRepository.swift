import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// What a counsellor records about a contact. A non-data contact sets `nonData` and nothing
/// else beyond the channel and the time.
public struct ContactInput: Sendable {
    public var unitID: UUID?
    /// The centre by its code (the API's `unit`), when no id is given.
    public var unitCode: String?
    public var at: Date?
    public var channel: String = ""
    public var nonData: String = ""
    public var durationSeconds: Int?
    public var callerType: String = ""
    public var ageGroup: String = ""
    public var sex: String = ""
    public var place: String = ""
    public var topic: String = ""
    public var subtopic: String = ""
    public var summary: String = ""
    /// The caller's number, if given: kept only as a keyed hash.
    public var phone: String = ""
    public init() {}
}

/// A contact as read, with the earlier contacts of the same caller (by the number's hash).
public struct ContactView: Sendable {
    public let id: UUID
    public let at: Date
    public let channel: ContactChannel
    public let counsellor: String
    public let nonData: NonDataKind?
    public let durationSeconds: Int?
    public let callerType: CallerType?
    public let ageGroup: AgeGroup?
    public let sex: ContactSex?
    public let place: String?
    public let topic: String?
    public let subtopic: String?
    public let summary: String?
    public let caseID: UUID?
    /// Why it is kept whole past its retention; nil: no hold.
    public let legalHold: String?
    /// When retention anonymised it.
    public let anonymisedAt: Date?
    /// Earlier contacts from the same number, newest first (empty on list pages).
    public let earlier: [(at: Date, topic: String?)]
}

/// The hotline's figures for a year (or one month of it), counted from the records when asked.
public struct HotlineReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let topic: String
        public let sex: String
        public let ageGroup: String
        public let channel: String
        public let contacts: Int
    }
    public var contacts = 0
    /// Contacts with data (not silent, prank, wrong number, hang-up or abusive).
    public var answered = 0
    public var averageSeconds = 0
    public var byTopic: [String: Int] = [:]
    public var rows: [Row] = []
    /// The share of contacts that carried data, in per cent (0 with no contacts).
    public var answeredShare: Int { contacts == 0 ? 0 : answered * 100 / contacts }
    public init() {}
}

/// The hotline: record a contact (or a non-data one in one step), list, read one with the
/// caller's earlier contacts, open a case from it, and the report.
public struct HotlineRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// The keyed hash of a phone number (digits only, a leading 84 read as 0): the same caller
    /// is recognised without the number being stored.
    public func callerKey(_ phone: String) -> String? {
        let digits = PhoneNumber.digits(phone)
        guard digits.count >= 6 else { return nil }
        return KeyedHash.hex(digits, key: "hotline:" + store.secret, bytes: 16)
    }

    public func record(_ actor: Actor, _ input: ContactInput) async throws -> UUID {
        try actor.require(.answerHotline)
        var errors: [FieldError] = []
        func bad(_ field: String, _ key: String) { errors.append(FieldError(field: field, message: Message(key))) }
        let channel = ContactChannel(rawValue: input.channel)
        if channel == nil { bad("channel", "validation.choice") }
        let at = input.at ?? store.now()
        if at > store.now().addingTimeInterval(300) { bad("at", "case.error.future") }
        let nonData = input.nonData.isEmpty ? nil : NonDataKind(rawValue: input.nonData)
        if !input.nonData.isEmpty && nonData == nil { bad("non_data", "validation.choice") }
        var caller: CallerType?, age: AgeGroup?, sex: ContactSex?
        if nonData == nil {
            caller = CallerType(rawValue: input.callerType)
            if caller == nil { bad("caller_type", "validation.choice") }
            age = AgeGroup(rawValue: input.ageGroup)
            if age == nil { bad("age_group", "validation.choice") }
            sex = ContactSex(rawValue: input.sex)
            if sex == nil { bad("sex", "validation.choice") }
            let sub = input.subtopic.isEmpty ? nil : input.subtopic
            if !HotlineTopics.shared.contains(topic: input.topic, subtopic: nil) {
                bad("topic", "validation.choice")
            } else if !HotlineTopics.shared.contains(topic: input.topic, subtopic: sub) {
                bad("subtopic", "validation.choice")
            }
            if let d = input.durationSeconds, !(0...14_400).contains(d) { bad("duration_seconds", "validation.number") }
        } else {
            // Not stored for a contact without data, but a wrong value is still refused, never
            // silently dropped (clean-clone schemathesis ST201).
            if !input.callerType.isEmpty && CallerType(rawValue: input.callerType) == nil { bad("caller_type", "validation.choice") }
            if !input.ageGroup.isEmpty && AgeGroup(rawValue: input.ageGroup) == nil { bad("age_group", "validation.choice") }
            if !input.sex.isEmpty && ContactSex(rawValue: input.sex) == nil { bad("sex", "validation.choice") }
            if !input.topic.isEmpty && !HotlineTopics.shared.contains(topic: input.topic, subtopic: nil) { bad("topic", "validation.choice") }
            if !input.subtopic.isEmpty && !HotlineTopics.shared.topics.flatMap(\.subtopics).contains(input.subtopic) {
                bad("subtopic", "validation.choice")
            }
            if let d = input.durationSeconds, !(0...14_400).contains(d) { bad("duration_seconds", "validation.number") }
        }
        let unit = try await CaseRepository(store).unit(actor, input.unitID, code: input.unitCode)
        if UnitKind(rawValue: unit.kind) != .centre { throw AppError.invalid("unit", "hotline.error.unit_kind") }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let key = nonData == nil ? callerKey(input.phone) : nil
        func trimmed(_ s: String) -> String? {
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        let told = (caller: caller, age: age, sex: sex, place: trimmed(input.place), subtopic: trimmed(input.subtopic), summary: trimmed(input.summary))
        return try await store.write(actor) { tx, audit in
            let m = HotlineContactModel()
            m.id = UUID(); m.unitID = unit.id!; m.unitPath = unit.path; m.at = at; m.channel = channel!.rawValue; m.counsellor = actor.username
            m.nonData = nonData?.rawValue
            if nonData == nil {
                m.durationSeconds = input.durationSeconds; m.callerType = told.caller?.rawValue; m.ageGroup = told.age?.rawValue
                m.sex = told.sex?.rawValue; m.place = told.place; m.topic = input.topic; m.subtopic = told.subtopic; m.summary = told.summary
                m.callerKey = key
            }
            try await m.create(on: tx)
            audit.add(Self.created(m))
            return m.id!
        }
    }

    /// The audit entry of a new contact (without the caller's number or hash; the counsellor,
    /// the demo loader and the benchmark write it alike).
    public static func created(_ m: HotlineContactModel) -> AuditRecord {
        AuditRecord(
            action: "create", entity: "hotline_contact", entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath, before: NoValue?.none,
            after: ["channel": m.channel, "non_data": m.nonData ?? "", "topic": m.topic ?? ""])
    }

    public func list(_ actor: Actor, topic: String? = nil, page: PageSpec) async throws -> ResultPage<ContactView> {
        try actor.require(.answerHotline)
        let q = store.scoped(HotlineContactModel.self, actor)
        if let topic { q.filter(\.$topic == topic) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$at, .descending).offset(page.offset).limit(page.perPage).all()
        return ResultPage(items: rows.map { view($0, earlier: []) }, request: page, total: total)
    }

    /// One contact, with the caller's earlier contacts. The read is audited.
    public func get(_ actor: Actor, id: UUID) async throws -> ContactView {
        try actor.require(.answerHotline)
        let m = try await store.scoped(HotlineContactModel.self, id, actor)
        var earlier: [(at: Date, topic: String?)] = []
        if let key = m.callerKey {
            earlier = try await store.scoped(HotlineContactModel.self, actor).filter(\.$callerKey == key).filter(\.$at < m.at).sort(\.$at, .descending)
                .limit(20).all().map { (at: $0.at, topic: $0.topic) }
        }
        try await store.audit(
            actor,
            [
                AuditRecord(
                    action: "read_sensitive", entity: "hotline_contact", entityID: id.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                    before: NoValue?.none, after: ["fields": "contact"])
            ])
        return view(m, earlier: earlier)
    }

    /// Opens a case from a contact (source: hotline), the contact then linked to it.
    public func openCase(_ actor: Actor, contactID: UUID, _ input: CaseInput) async throws -> UUID {
        try actor.require(.manageCases)
        let m = try await store.scoped(HotlineContactModel.self, contactID, actor)
        guard m.nonData == nil else { throw AppError.conflict(Message("hotline.error.no_data")) }
        guard m.caseID == nil else { throw AppError.conflict(Message("hotline.error.has_case")) }
        var input = input
        input.unitID = m.unitID; input.source = CaseSource.hotline.rawValue
        if input.receivedAt == nil { input.receivedAt = m.at }
        let c = try await CaseRepository(store).open(actor, input)
        try await store.write(actor) { tx, audit in
            guard let fresh = try await HotlineContactModel.find(contactID, on: tx), fresh.caseID == nil else {
                throw AppError.conflict(Message("hotline.error.has_case"))
            }
            fresh.caseID = c.id
            try await fresh.save(on: tx)
            audit.add(Self.linked(fresh, caseNumber: c.number))
        }
        return c.id
    }

    /// Links a contact to a case already open, named by its number (within the actor's units):
    /// a later call about the same child joins the case's record instead of opening another.
    public func linkCase(_ actor: Actor, contactID: UUID, caseNumber: String) async throws -> UUID {
        try actor.require(.manageCases)
        let number = caseNumber.trimmingCharacters(in: .whitespaces)
        if number.isEmpty { throw AppError.invalid("case_number", "validation.required") }
        return try await store.write(actor) { tx, audit in
            try await Store.lock(HotlineContactModel.self, contactID, on: tx)
            let m = try await store.scoped(HotlineContactModel.self, contactID, actor, on: tx)
            guard m.nonData == nil else { throw AppError.conflict(Message("hotline.error.no_data")) }
            guard m.caseID == nil else { throw AppError.conflict(Message("hotline.error.has_case")) }
            guard let c = try await store.scoped(CaseModel.self, actor, on: tx).filter(\.$number == number).first() else {
                throw AppError.invalid("case_number", "error.not_found")
            }
            m.caseID = c.id
            try await m.save(on: tx)
            audit.add(Self.linked(m, caseNumber: c.number))
            return c.id!
        }
    }

    /// The audit entry of a contact joined to a case (a new one opened from it, or one already open).
    static func linked(_ m: HotlineContactModel, caseNumber: String) -> AuditRecord {
        AuditRecord(
            action: "link_case", entity: "hotline_contact", entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath,
            before: NoValue?.none, after: ["case": caseNumber])
    }

    /// The contacts linked to a case, newest first (shown on the case to who may see it).
    public func contacts(_ actor: Actor, caseID: UUID) async throws -> [ContactView] {
        try actor.require(.viewCases)
        _ = try await store.scoped(CaseModel.self, caseID, actor)
        return try await HotlineContactModel.query(on: store.db).filter(\.$caseID == caseID).sort(\.$at, .descending).all().map {
            view($0, earlier: [])
        }
    }

    /// The contacts of the centre `unitCode` in `year` (and `month`, if given).
    public func report(_ actor: Actor, unitCode: String, year: Int, month: Int? = nil) async throws -> HotlineReport {
        try actor.require(.answerHotline)
        guard let u = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        // The year, or one month of it.
        let first = YearMonth(year: year, month: month ?? 1)!
        let (from, to) = CaseRepository.period(first.firstDay, first.adding(months: month == nil ? 12 : 1).firstDay)
        let s = sql(store.db)
        let rows = try await s.raw(
            """
            SELECT COALESCE(topic, '') AS topic, COALESCE(sex, '') AS sex, COALESCE(age_group, '') AS age_group, channel,
                   COALESCE(non_data, '') AS non_data, COUNT(*) AS n, CAST(COALESCE(SUM(duration_seconds), 0) AS BIGINT) AS seconds,
                   COUNT(duration_seconds) AS timed
            FROM hotline_contacts
            WHERE \(UnitScope.condition("unit_path", u.path, on: store.db)) AND at >= \(bind: from) AND at < \(bind: to)
            GROUP BY COALESCE(topic, ''), COALESCE(sex, ''), COALESCE(age_group, ''), channel, COALESCE(non_data, '')
            ORDER BY 1, 2, 3, 4
            """
        ).all()
        var r = HotlineReport()
        var seconds = 0, timed = 0
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            r.contacts += n
            guard try row.decode(column: "non_data", as: String.self).isEmpty else { continue }
            r.answered += n
            seconds += try row.decode(column: "seconds", as: Int.self); timed += try row.decode(column: "timed", as: Int.self)
            let topic = try row.decode(column: "topic", as: String.self)
            r.byTopic[topic, default: 0] += n
            r.rows.append(
                .init(
                    topic: topic, sex: try row.decode(column: "sex", as: String.self), ageGroup: try row.decode(column: "age_group", as: String.self),
                    channel: try row.decode(column: "channel", as: String.self), contacts: n))
        }
        r.averageSeconds = timed == 0 ? 0 : seconds / timed
        return r
    }

    func view(_ m: HotlineContactModel, earlier: [(at: Date, topic: String?)]) -> ContactView {
        ContactView(
            id: m.id!, at: m.at, channel: ContactChannel(rawValue: m.channel) ?? .other, counsellor: m.counsellor,
            nonData: m.nonData.flatMap(NonDataKind.init(rawValue:)), durationSeconds: m.durationSeconds,
            callerType: m.callerType.flatMap(CallerType.init(rawValue:)), ageGroup: m.ageGroup.flatMap(AgeGroup.init(rawValue:)),
            sex: m.sex.flatMap(ContactSex.init(rawValue:)), place: m.place, topic: m.topic, subtopic: m.subtopic, summary: m.summary, caseID: m.caseID,
            legalHold: m.legalHold, anonymisedAt: m.anonymisedAt, earlier: earlier)
    }
}
