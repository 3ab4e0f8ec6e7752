import AnsinhCore
import FluentKit
import Foundation

/// What a resident sends: the kind, the ward (by its code) and residential group (by name or
/// code), what they ask, how to reach them, and their agreement to the use of the data.
public struct PublicRequestInput: Sendable {
    public var kind = ""
    public var unitCode = ""
    public var residentialGroup = ""
    public var name = ""
    public var phone = ""
    public var zalo = false
    /// An email address for replies (optional).
    public var email = ""
    /// The language of the page or partner that sent it: the resident's messages are in it.
    public var language: AppLocale = .vi
    public var anonymous = false
    public var text = ""
    public var consent = false
    public var channel: RequestChannel = .web
    /// The nonce of the public form's challenge, answered (`RequestChallenge.verify`).
    public var challengeNonce: String?
    /// Photos and scans sent with it (`RequestAttachments`).
    public var files: [PublicRequestFile] = []
    public init() {}
}

/// A request as an officer reads it, with its timeline on the request's own page.
public struct RequestView: Sendable {
    public struct Step: Sendable, Equatable {
        public let kind: String
        public let at: Date
        public let text: String
        public let by: String
    }
    public let id: UUID
    public let code: String
    public let kind: RequestKind
    public let channel: RequestChannel
    public let status: RequestLifecycle.State
    public let unitPath: String
    public let residentialGroup: String?
    public let name: String?
    public let phone: String?
    public let zalo: Bool
    public let email: String?
    public let language: AppLocale
    public let anonymous: Bool
    public let text: String
    public let receivedAt: Date
    public let dueOn: LocalDate
    public let assignee: String?
    public let escalatedAt: Date?
    public let answer: String?
    public let answeredAt: Date?
    public let outcome: RequestOutcome?
    public let linkedKind: String?
    public let linkedID: UUID?
    /// The centre it was forwarded to, and when (`forwardToCentre`).
    public let forwardedUnitID: UUID?
    public let forwardedAt: Date?
    /// Not answered or closed and past its day.
    public let overdue: Bool
    public let steps: [Step]
}

/// What the resident sees by code and phone: where the request is and the answer; never what
/// was written, nor who handles it.
public struct PublicRequestStatus: Sendable, Equatable {
    public let code: String
    public let kind: RequestKind
    public let status: RequestLifecycle.State
    public let receivedOn: LocalDate
    public let dueOn: LocalDate
    public let answer: String?
    public let answeredAt: Date?
    public let outcome: RequestOutcome?
    /// The request gave a phone or an email, and whether the resident stopped the messages.
    public let reachable: Bool
    public let messagesStopped: Bool
}

/// Residents' requests: received from the public pages (no account: checked, limited per
/// address and phone, filed with a tracking code and a deadline), followed by code, and handled
/// by the ward's officers — inbox, assignment, notes, answer, closing, the work they become,
/// escalation when overdue, and the month's report.
public struct FeedbackRepository: Sendable {
    let store: Store
    let rules: RequestRules
    let zone: TimeZone
    public init(_ store: Store, rules: RequestRules = .shared, zone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!) {
        self.store = store; self.rules = rules; self.zone = zone
    }

    /// The keyed hash of a network address: submissions are limited without the address stored.
    public func addressKey(_ address: String) -> String {
        KeyedHash.hex(address, key: "request-address:" + store.secret, bytes: 16)
    }

    /// Files a resident's request and answers its tracking code. Every wrong field is named at
    /// once; past the limits (`RequestRules`) the sender is told to wait.
    public func submit(_ input: PublicRequestInput, address: String) async throws -> String {
        var errors: [FieldError] = []
        func bad(_ field: String, _ key: String, _ args: [String: String] = [:]) { errors.append(FieldError(field: field, message: Message(key, args))) }
        let kind = RequestKind(rawValue: input.kind)
        if kind == nil { bad("kind", "validation.choice") }
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { bad("text", "validation.required") } else if text.count > 4000 { bad("text", "validation.too_long", ["max": "4000"]) }
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let anonymous = input.anonymous && !name.isEmpty ? false : input.anonymous
        if input.anonymous && kind != nil && !kind!.allowsAnonymous { bad("anonymous", "request.error.anonymous_kind") }
        if !input.anonymous && name.isEmpty { bad("name", "validation.required") }
        if name.count > 200 { bad("name", "validation.too_long", ["max": "200"]) }
        let typedPhone = input.phone.trimmingCharacters(in: .whitespaces)
        let phone = PhoneNumber.normalise(typedPhone)
        if typedPhone.isEmpty {
            if !input.anonymous { bad("phone", "validation.required") }
        } else if phone == nil || typedPhone.count > 20 {
            bad("phone", "request.error.phone")
        }
        let typedEmail = input.email.trimmingCharacters(in: .whitespaces)
        let email = EmailAddress.normalise(typedEmail)
        if !typedEmail.isEmpty && email == nil { bad("email", "request.error.email") }
        if !input.consent { bad("consent", "request.error.consent") }
        let files = Self.checkFiles(input.files, into: &errors)
        let group = input.residentialGroup.trimmingCharacters(in: .whitespacesAndNewlines)
        if group.count > 100 { bad("residential_group", "validation.too_long", ["max": "100"]) }
        let unit = try await commune(input.unitCode)
        if unit == nil { bad("unit", "request.error.unit") }
        var filedUnder = unit
        if let unit, !group.isEmpty, group.count <= 100 {
            let groups = try await OrgUnitModel.query(on: store.db).filter(\.$parentID == unit.id!)
                .filter(\.$kind == UnitKind.residentialGroup.rawValue).all()
            let folded = TextFolding.fold(group)
            if let g = groups.first(where: { TextFolding.fold($0.name) == folded || $0.code.lowercased() == group.lowercased() }) {
                filedUnder = g
            } else {
                bad("residential_group", "request.error.group")
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let now = store.now(), addressKey = self.addressKey(address)
        let received = LocalDate.of(now, in: zone)
        let unitFiled = filedUnder!
        let actor = Self.resident(unitFiled)
        return try await store.write(actor) { tx, audit in
            // Inside the write: the ward's writers queue on its audit chain, so two sends from
            // one address cannot both pass the last place.
            let fromAddress = try await PublicRequestModel.query(on: tx).filter(\.$addressKey == addressKey)
                .filter(\.$receivedAt > now.addingTimeInterval(-3600)).count()
            if fromAddress >= rules.perAddressPerHour { throw AppError.throttled(seconds: 3600) }
            if let phone {
                let fromPhone = try await PublicRequestModel.query(on: tx).filter(\.$phone == phone)
                    .filter(\.$receivedAt > now.addingTimeInterval(-86_400)).count()
                if fromPhone >= rules.perPhonePerDay { throw AppError.throttled(seconds: 86_400) }
            }
            if let nonce = input.challengeNonce, try await PublicRequestModel.query(on: tx).filter(\.$challengeNonce == nonce).count() > 0 {
                throw AppError.invalid("answer", "request.error.challenge_used")
            }
            let m = PublicRequestModel()
            m.id = UUID(); m.unitID = unitFiled.id!; m.unitPath = unitFiled.path; m.code = TrackingCode.make(); m.kind = kind!.rawValue
            m.channel = input.channel.rawValue; m.status = RequestLifecycle.State.received.rawValue
            m.residentialGroup = unitFiled.kind == UnitKind.residentialGroup.rawValue ? unitFiled.name : nil
            m.name = anonymous ? nil : name; m.phone = phone; m.zalo = input.zalo && phone != nil; m.email = email
            m.language = input.language.rawValue; m.anonymous = anonymous
            m.text = text; m.consentAt = now; m.addressKey = addressKey; m.challengeNonce = input.challengeNonce
            let days = try await RequestDeadlineRepository.overrides(on: tx)[kind!]
            m.receivedAt = now; m.receivedOn = received.iso; m.dueOn = rules.due(kind!, received: received, days: days).iso
            try await m.create(on: tx)
            try await step(m.id!, "receive", at: now, text: "", by: actor.username, on: tx)
            try await Self.storeFiles(files, requestID: m.id!, now: now, on: tx)
            audit.add(
                AuditRecord(
                    action: "request_receive", entity: RequestLifecycle.entity, entityID: m.id!.uuidString, unitID: m.unitID,
                    unitPath: m.unitPath, before: NoValue?.none,
                    after: ["code": m.code, "kind": m.kind, "channel": m.channel, "due_on": m.dueOn, "files": "\(files.count)"]))
            // The tracking code by SMS, Zalo or email where given, in the same transaction.
            let contact = Self.contact(m)
            let due = LocalDate(iso: m.dueOn)!.formatted(contact.locale)
            try await OutboxRepository.notify(
                Message("outbox.msg.received", ["code": m.code, "due": due]), to: contact, sourceKind: RequestLifecycle.entity, sourceID: m.id!,
                unitPath: m.unitPath, now: now, on: tx)
            return m.code
        }
    }

    /// How the resident who sent a request is reached.
    static func contact(_ m: PublicRequestModel) -> ResidentContact {
        ResidentContact(phone: m.phone, zalo: m.zalo, email: m.email, locale: AppLocale(rawValue: m.language) ?? .vi)
    }

    /// Who files a request in the audit trail: the resident, within the ward's chain. It is given
    /// no account and is used for nothing else.
    static func resident(_ unit: OrgUnitModel) -> Actor {
        Actor(userID: nil, username: "resident", role: .auditor, unitID: unit.id, scopePath: unit.path, locale: .vi)
    }

    /// The commune with this code (requests go to a ward or commune, never to a centre).
    func commune(_ code: String) async throws -> OrgUnitModel? {
        let c = code.trimmingCharacters(in: .whitespaces)
        guard !c.isEmpty, c.count <= 50 else { return nil }
        return try await OrgUnitModel.query(on: store.db).filter(\.$code == c).filter(\.$kind == UnitKind.commune.rawValue).first()
    }

    /// The wards and communes under `path` (all of them for the public form; an officer's for an
    /// announcement), by name, with their residential groups by code.
    public func wards(within path: String = "/") async throws -> [(code: String, name: String, groups: [(code: String, name: String)])] {
        let communes = try await OrgUnitModel.query(on: store.db).within(\.$path, path).filter(\.$kind == UnitKind.commune.rawValue).sort(\.$name).all()
        let groups = try await OrgUnitModel.query(on: store.db).filter(\.$parentID ~~ communes.compactMap(\.id))
            .filter(\.$kind == UnitKind.residentialGroup.rawValue).sort(\.$code).all()
        return communes.map { c in (c.code, c.name, groups.filter { $0.parentID == c.id }.map { ($0.code, $0.name) }) }
    }

    /// Where a request is, for the resident holding its code and the phone given with it (a
    /// request sent without a phone needs the code alone). Anything else is not found, the same
    /// whether the code exists or not.
    public func status(code typed: String, phone typedPhone: String) async throws -> PublicRequestStatus {
        let m = try await held(code: typed, phone: typedPhone)
        let ways = Self.contact(m).ways.map(\.recipient)
        let stopped = ways.isEmpty ? false : try await OutboxOptOutModel.query(on: store.db).filter(\.$recipient ~~ ways).count() == ways.count
        return PublicRequestStatus(
            code: m.code, kind: RequestKind(rawValue: m.kind) ?? .question, status: m.lifecycleState, receivedOn: LocalDate(iso: m.receivedOn)!,
            dueOn: LocalDate(iso: m.dueOn)!, answer: m.answer, answeredAt: m.answeredAt, outcome: m.outcome.flatMap(RequestOutcome.init(rawValue:)),
            reachable: !ways.isEmpty, messagesStopped: stopped)
    }

    /// The request of this code, for whoever holds it and the phone given with it; anything else
    /// is not found.
    func held(code typed: String, phone typedPhone: String) async throws -> PublicRequestModel {
        guard let code = TrackingCode.normalise(typed), let m = try await PublicRequestModel.query(on: store.db).filter(\.$code == code).first()
        else { throw AppError.notFound }
        if let stored = m.phone {
            guard PhoneNumber.normalise(typedPhone.trimmingCharacters(in: .whitespaces)) == stored else { throw AppError.notFound }
        }
        return m
    }

    /// Stops (or resumes) the ward's messages to the phone and email of a request, for the
    /// resident holding its code and phone (as `status`); the wish holds for every later message
    /// to them, and is in the ward's audit trail.
    public func setMessages(code: String, phone: String, stop: Bool) async throws -> PublicRequestStatus {
        let m = try await held(code: code, phone: phone)
        let ways = Self.contact(m).ways.map(\.recipient)
        guard !ways.isEmpty else { throw AppError.invalid("phone", "request.error.no_contact") }
        let unit = try await OrgUnitModel.find(m.unitID, on: store.db)
        let now = store.now()
        try await store.write(unit.map(Self.resident) ?? .system) { tx, audit in
            try await OutboxRepository.setOptOut(ways, stop: stop, via: "resident", now: now, on: tx)
            audit.add(
                AuditRecord(
                    action: stop ? "outbox_opt_out" : "outbox_opt_in", entity: RequestLifecycle.entity, entityID: m.id!.uuidString, unitID: m.unitID,
                    unitPath: m.unitPath, before: NoValue?.none, after: ["code": m.code]))
        }
        return try await status(code: code, phone: phone)
    }

    /// The inbox filter: a state, "open" (not answered or closed), or everything.
    public struct Filter: Sendable {
        public var kind: RequestKind?
        public var status: RequestLifecycle.State?
        public var openOnly = true
        public var overdueOnly = false
        public var escalatedOnly = false
        public var group: String?
        public init() {}
    }

    static let openStates = [RequestLifecycle.State.received, .assigned, .inProgress].map(\.rawValue)

    /// The requests in the actor's units, the soonest due first.
    public func list(_ actor: Actor, _ f: Filter, page: PageSpec) async throws -> ResultPage<RequestView> {
        try actor.require(.handleRequests)
        let q = store.scoped(PublicRequestModel.self, actor)
        if let k = f.kind { q.filter(\.$kind == k.rawValue) }
        if let s = f.status { q.filter(\.$status == s.rawValue) } else if f.openOnly || f.overdueOnly { q.filter(\.$status ~~ Self.openStates) }
        if f.overdueOnly { q.filter(\.$dueOn < today.iso) }
        if f.escalatedOnly { q.filter(\.$escalatedAt != nil) }
        if let g = f.group { q.filter(\.$residentialGroup == g) }
        let total = try await q.count()
        let rows = try await q.sort(\.$dueOn).sort(\.$receivedAt).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: rows.map { view($0, steps: []) }, request: page, total: total)
    }

    /// One request with its timeline.
    public func get(_ actor: Actor, id: UUID) async throws -> RequestView {
        try actor.require(.handleRequests)
        let m = try await store.scoped(PublicRequestModel.self, id, actor)
        let steps = try await PublicRequestStepModel.query(on: store.db).filter(\.$requestID == id).sort(\.$at).all()
        return view(m, steps: steps.map { RequestView.Step(kind: $0.kind, at: $0.at, text: $0.text, by: $0.by) })
    }

    /// Assigns, notes, answers or closes a request (`convert` is `convertToHardship`). The
    /// assignee is an officer who handles requests of that unit; the outcome one of
    /// `RequestOutcome`; texts up to 4,000 characters.
    public func take(_ actor: Actor, id: UUID, _ t: RequestLifecycle.Transition, text raw: String) async throws {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let field = RequestLifecycle.rule(t).requires.first ?? "text"
        guard t != .convert else { throw AppError.invalid("step", "validation.choice") }
        try RequestLifecycle.authorize(t, role: actor.role, fields: [field: value])
        if value.count > 4000 { throw AppError.invalid(field, "validation.too_long", ["max": "4000"]) }
        if t == .close && RequestOutcome(rawValue: value) == nil { throw AppError.invalid("outcome", "validation.choice") }
        let now = store.now()
        try await store.transition(actor, PublicRequestModel.self, id, t, fields: [field: value]) { m, tx, _ in
            var extra: [String: String] = [:]
            switch t {
            case .assign:
                try await checkAssignee(value, for: m, on: tx)
                m.assignee = value; extra["assignee"] = value
            case .note, .convert: break
            case .answer:
                m.answer = value; m.answeredAt = now; m.answeredBy = actor.username
            case .close:
                m.outcome = value; m.closedAt = now; extra["outcome"] = value
            }
            try await step(m.id!, t.rawValue, at: now, text: value, by: actor.username, on: tx)
            // The resident is told through the outbox, in the same transaction (a request sent
            // without a phone or email is read by code only).
            if t == .answer || t == .close {
                let message =
                    t == .answer
                    ? Message("outbox.msg.answered", ["code": m.code, "answer": String(value.prefix(280))]) : Message("outbox.msg.closed", ["code": m.code])
                try await OutboxRepository.notify(
                    message, to: Self.contact(m), sourceKind: RequestLifecycle.entity, sourceID: m.id!, unitPath: m.unitPath, now: now, on: tx)
            }
            return extra
        }
    }

    /// An enabled account of a role that handles requests, whose unit covers the request's.
    func checkAssignee(_ username: String, for m: PublicRequestModel, on tx: any Database) async throws {
        guard let u = try await UserModel.query(on: tx).filter(\.$username == username).first(), !u.isDisabled,
            Role(rawValue: u.role)?.can(.handleRequests) == true, let unit = try await OrgUnitModel.find(u.unitID, on: tx),
            m.unitPath.hasPrefix(unit.path)
        else { throw AppError.invalid("assignee", "request.error.assignee") }
    }

    /// The officers a request of `unitPath` may be assigned to.
    public func assignees(_ actor: Actor, unitPath: String) async throws -> [String] {
        try actor.require(.handleRequests)
        let roles = Role.allCases.filter { $0.can(.handleRequests) && $0 != .systemAdmin }.map(\.rawValue)
        let users = try await UserModel.query(on: store.db).filter(\.$role ~~ roles).filter(\.$isDisabled == false).sort(\.$username).all()
        let units = Dictionary(
            try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ users.map(\.unitID)).all().map { ($0.id!, $0.path) },
            uniquingKeysWith: { a, _ in a })
        return users.filter { units[$0.unitID].map { unitPath.hasPrefix($0) } ?? false }.map(\.username)
    }

    var today: LocalDate { LocalDate.of(store.now(), in: zone) }

    func step(_ requestID: UUID, _ kind: String, at: Date, text: String, by: String, on tx: any Database) async throws {
        try await Self.step(requestID, kind, at: at, text: text, by: by, on: tx)
    }
    static func step(_ requestID: UUID, _ kind: String, at: Date, text: String, by: String, on tx: any Database) async throws {
        let s = PublicRequestStepModel()
        s.id = UUID(); s.requestID = requestID; s.kind = kind; s.at = at; s.text = text; s.by = by
        try await s.create(on: tx)
    }

    func view(_ m: PublicRequestModel, steps: [RequestView.Step]) -> RequestView {
        let state = m.lifecycleState
        let due = LocalDate(iso: m.dueOn)!
        return RequestView(
            id: m.id!, code: m.code, kind: RequestKind(rawValue: m.kind) ?? .question, channel: RequestChannel(rawValue: m.channel) ?? .web,
            status: state, unitPath: m.unitPath, residentialGroup: m.residentialGroup, name: m.name, phone: m.phone, zalo: m.zalo, email: m.email,
            language: AppLocale(rawValue: m.language) ?? .vi, anonymous: m.anonymous, text: m.text, receivedAt: m.receivedAt, dueOn: due, assignee: m.assignee,
            escalatedAt: m.escalatedAt,
            answer: m.answer, answeredAt: m.answeredAt, outcome: m.outcome.flatMap(RequestOutcome.init(rawValue:)), linkedKind: m.linkedKind,
            linkedID: m.linkedID, forwardedUnitID: m.forwardedUnitID, forwardedAt: m.forwardedAt, overdue: Self.openStates.contains(m.status) && due < today,
            steps: steps)
    }
}
