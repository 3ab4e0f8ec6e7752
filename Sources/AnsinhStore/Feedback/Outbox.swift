import AnsinhCore
import FluentKit
import Foundation

/// A message to a resident, written in the same transaction as the event that causes it (a
/// request answered or closed) and delivered by the worker (`OutboxRepository.claim`). Its id is
/// the idempotency key the gateway receives.
public final class OutboxMessageModel: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "channel") public var channel: String
    @Field(key: "recipient") public var recipient: String
    /// The subject line of an email.
    @OptionalField(key: "subject") public var subject: String?
    @Field(key: "text") public var text: String
    /// What caused it ("public_request") and that record.
    @Field(key: "source_kind") public var sourceKind: String
    @Field(key: "source_id") public var sourceID: UUID
    @Field(key: "state") public var state: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    /// A worker died after sending through a channel without idempotency: it may have arrived twice.
    @Field(key: "possible_duplicate") public var possibleDuplicate: Bool
    @OptionalField(key: "provider_id") public var providerID: String?
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A number or address that asked for no more messages from the ward: the wish is kept, and
/// nothing is queued to it until the resident asks again.
public final class OutboxOptOutModel: Model, @unchecked Sendable {
    public static let schema = "outbox_opt_outs"
    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    @Field(key: "at") public var at: Date
    /// Who recorded it: "resident" (by tracking code and phone) or an officer's username.
    @Field(key: "via") public var via: String
    public init() {}
}

/// Where a resident is reached — a phone (SMS, or Zalo when they asked for it) and an email —
/// and the language they read.
public struct ResidentContact: Sendable, Equatable {
    public var phone: String?
    public var zalo: Bool
    public var email: String?
    public var locale: AppLocale
    public init(phone: String?, zalo: Bool = false, email: String? = nil, locale: AppLocale = .vi) {
        self.phone = phone; self.zalo = zalo; self.email = email; self.locale = locale
    }

    /// Each way the resident gave: the phone's channel and number, the email.
    public var ways: [(channel: OutboxChannel, recipient: String)] {
        (phone.map { [(zalo ? .zalo : .sms, $0)] } ?? []) + (email.map { [(.email, $0)] } ?? [])
    }
}

/// One message for `notify`: what, to whom, caused by which record of which unit.
struct OutgoingMessage {
    let message: Message
    let contact: ResidentContact
    let sourceID: UUID
    let unitPath: String
}

/// A message as read: on a request's page, and as the worker hands it to a gateway.
public struct OutboxMessage: Sendable, Equatable {
    public let id: UUID
    public let channel: OutboxChannel
    public let recipient: String
    public let subject: String?
    public let text: String
    public let state: OutboxState
    public let attempts: Int
    public let nextAttemptAt: Date
    public let lastError: String?
    public let possibleDuplicate: Bool
    public let sentAt: Date?
    /// Claimed again after a worker died while sending it.
    public let resent: Bool
}

/// The outbox: messages queued with their event, claimed by a worker for a lease, acknowledged or
/// failed with back-off (`OutboxRetry`), dead after the last attempt.
public struct OutboxRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Queues `message` to a resident on each way they gave, in their language and signed by the
    /// ward of `unitPath`, in the caller's transaction. A number or address that asked for no more
    /// messages is skipped. Answers how many were queued.
    @discardableResult
    static func notify(
        _ message: Message, to contact: ResidentContact, sourceKind: String, sourceID: UUID, unitPath: String, now: Date, on tx: any Database
    ) async throws -> Int {
        try await notify(
            [OutgoingMessage(message: message, contact: contact, sourceID: sourceID, unitPath: unitPath)], sourceKind: sourceKind, now: now, on: tx)
    }

    /// `notify` for many messages at once (an announcement's audience, a round of reminders): the
    /// opt-outs and the wards' names are read once for all of them.
    @discardableResult
    static func notify(_ batch: [OutgoingMessage], sourceKind: String, now: Date, on tx: any Database) async throws -> Int {
        var stopped: Set<String> = []
        for chunk in Array(Set(batch.flatMap { $0.contact.ways.map(\.recipient) })).chunked(500) {
            stopped.formUnion(try await OutboxOptOutModel.query(on: tx).filter(\.$recipient ~~ chunk).all().map(\.recipient))
        }
        let wards = try await OrgUnitModel.communeNames(of: Set(batch.map(\.unitPath)), on: tx)
        var queued = 0
        for o in batch {
            let ways = o.contact.ways.filter { !stopped.contains($0.recipient) }
            guard !ways.isEmpty else { continue }
            let ward = wards[o.unitPath] ?? ""
            let (subject, text) = ResidentMessage.compose(o.message, locale: o.contact.locale, ward: ward)
            for (channel, recipient) in ways {
                let m = OutboxMessageModel()
                m.id = UUID(); m.unitPath = o.unitPath; m.channel = channel.rawValue; m.recipient = recipient; m.text = text
                m.subject = channel == .email ? subject : nil; m.sourceKind = sourceKind; m.sourceID = o.sourceID
                m.state = OutboxState.pending.rawValue; m.attempts = 0; m.nextAttemptAt = now; m.possibleDuplicate = false; m.createdAt = now
                try await m.create(on: tx)
                queued += 1
            }
        }
        return queued
    }

    /// Stops (or, with `stop` false, resumes) messages to these numbers and addresses, in the
    /// caller's transaction; messages still waiting for them are not sent (dead, "opted out").
    static func setOptOut(_ recipients: [String], stop: Bool, via: String, now: Date, on tx: any Database) async throws {
        guard !recipients.isEmpty else { return }
        let existing = try await OutboxOptOutModel.query(on: tx).filter(\.$recipient ~~ recipients).all()
        if stop {
            for r in recipients where !existing.contains(where: { $0.recipient == r }) {
                let o = OutboxOptOutModel()
                o.id = UUID(); o.recipient = r; o.at = now; o.via = via
                try await o.create(on: tx)
            }
            for m in try await OutboxMessageModel.query(on: tx).filter(\.$recipient ~~ recipients)
                .filter(\.$state == OutboxState.pending.rawValue).all()
            {
                m.state = OutboxState.dead.rawValue; m.lastError = "opted out"
                try await m.save(on: tx)
            }
        } else {
            for o in existing { try await o.delete(on: tx) }
        }
    }

    /// Claims up to `limit` messages of `channels` that are due, or whose worker's lease ran out,
    /// for `lease` seconds. The system's audit chain serialises claims across servers.
    public func claim(channels: [OutboxChannel], now: Date, lease: TimeInterval = OutboxRetry.lease, limit: Int = 50) async throws -> [OutboxMessage] {
        guard !channels.isEmpty else { return [] }
        return try await store.write(.system) { tx, audit in
            let pending = try await OutboxMessageModel.query(on: tx).filter(\.$channel ~~ channels.map(\.rawValue))
                .filter(\.$state == OutboxState.pending.rawValue).filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).all()
            let stale = try await OutboxMessageModel.query(on: tx).filter(\.$channel ~~ channels.map(\.rawValue))
                .filter(\.$state == OutboxState.sending.rawValue).filter(\.$leaseUntil < now).limit(limit).all()
            var out: [OutboxMessage] = []
            for m in (stale + pending).prefix(limit) {
                let resent = m.state == OutboxState.sending.rawValue
                m.state = OutboxState.sending.rawValue; m.attempts += 1; m.leaseUntil = now.addingTimeInterval(lease)
                try await m.save(on: tx)
                audit.add(Self.audit("outbox_claim", m, ["resent_after_stop": resent ? "true" : "false"]))
                out.append(Self.view(m, resent: resent))
            }
            return out
        }
    }

    /// The gateway took it.
    public func acknowledge(_ id: UUID, providerID: String?, now: Date, possibleDuplicate: Bool = false) async throws {
        try await store.write(.system) { tx, audit in
            guard let m = try await OutboxMessageModel.find(id, on: tx) else { return }
            m.state = OutboxState.sent.rawValue; m.sentAt = now; m.providerID = providerID.map { String($0.prefix(200)) }; m.leaseUntil = nil
            m.lastError = nil
            if possibleDuplicate { m.possibleDuplicate = true }
            try await m.save(on: tx)
            audit.add(Self.audit("outbox_sent", m, ["provider_id": m.providerID ?? "", "possible_duplicate": m.possibleDuplicate ? "true" : "false"]))
        }
    }

    /// The gateway failed: another attempt after the back-off, or dead after the last one (or at
    /// once when the gateway says the refusal is final).
    public func fail(_ id: UUID, error: String, final: Bool, now: Date, possibleDuplicate: Bool = false) async throws {
        try await store.write(.system) { tx, audit in
            guard let m = try await OutboxMessageModel.find(id, on: tx) else { return }
            m.lastError = String(error.prefix(500)); m.leaseUntil = nil
            if possibleDuplicate { m.possibleDuplicate = true }
            if final || m.attempts >= OutboxRetry.maxAttempts {
                m.state = OutboxState.dead.rawValue
                audit.add(Self.audit("outbox_dead", m, ["error": m.lastError ?? ""]))
            } else {
                m.state = OutboxState.pending.rawValue; m.nextAttemptAt = now.addingTimeInterval(OutboxRetry.delay(afterAttempts: m.attempts))
                audit.add(Self.audit("outbox_retry", m, ["error": m.lastError ?? "", "next_attempt_at": ISO8601DateFormatter().string(from: m.nextAttemptAt)]))
            }
            try await m.save(on: tx)
        }
    }

    /// The trail of a message's delivery — claimed by a worker (and whether after a stopped
    /// one), sent, retried, dead — with its channel and attempt, never its recipient or text
    /// (those stay in the outbox, where erasure and retention reach them).
    static func audit(_ action: String, _ m: OutboxMessageModel, _ extra: [String: String]) -> AuditRecord {
        AuditRecord(
            action: action, entity: "outbox_message", entityID: m.id!.uuidString, unitID: nil, unitPath: m.unitPath, before: NoValue?.none,
            after: ["channel": m.channel, "attempts": "\(m.attempts)", "source": m.sourceKind].merging(extra) { a, _ in a })
    }

    /// The messages a record caused, oldest first (on the request's page).
    public func messages(sourceID: UUID) async throws -> [OutboxMessage] {
        try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == sourceID).sort(\.$createdAt).all().map { Self.view($0, resent: false) }
    }

    static func view(_ m: OutboxMessageModel, resent: Bool) -> OutboxMessage {
        OutboxMessage(
            id: m.id!, channel: OutboxChannel(rawValue: m.channel) ?? .sms, recipient: m.recipient, subject: m.subject, text: m.text,
            state: OutboxState(rawValue: m.state) ?? .pending, attempts: m.attempts, nextAttemptAt: m.nextAttemptAt, lastError: m.lastError,
            possibleDuplicate: m.possibleDuplicate, sentAt: m.sentAt, resent: resent)
    }
}
