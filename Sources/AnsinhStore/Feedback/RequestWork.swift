import AnsinhCore
import FluentKit
import Foundation

/// What a request becomes, its escalation when overdue, and the month's report.
extension FeedbackRepository {
    /// Turns a report of hardship (or a request for hardship support) into a sudden-hardship
    /// event of the household named by its code, in one transaction: the event carries what
    /// the resident wrote unless the officer words it, and the two are linked both ways (the
    /// request names the event; the household's page names the request).
    public func convertToHardship(
        _ actor: Actor, id: UUID, householdCode: String, eventKind: String, occurredOn: String, note: String, today: LocalDate
    ) async throws -> UUID {
        try RequestLifecycle.authorize(.convert, role: actor.role)
        try actor.require(.recordHardship)
        let code = householdCode.trimmingCharacters(in: .whitespacesAndNewlines)
        if code.isEmpty || code.count > 50 { throw AppError.invalid("household_code", code.isEmpty ? "validation.required" : "request.error.household") }
        return try await store.transition(actor, PublicRequestModel.self, id, .convert) { m, tx, audit in
            guard [RequestKind.hardshipReport, .hardshipSupport].contains(RequestKind(rawValue: m.kind)) else {
                throw AppError.conflict(Message("request.error.convert_kind"))
            }
            try Self.unlinked(m)
            let wording = note.trimmingCharacters(in: .whitespacesAndNewlines)
            let event = try ReviewRepository.checkHardship(kind: eventKind, occurredOn: occurredOn, note: wording.isEmpty ? m.text : wording, today: today)
            guard let h = try await HouseholdModel.query(on: tx).filter(\.$code == code).first(), actor.covers(path: h.unitPath) else {
                throw AppError.invalid("household_code", "request.error.household")
            }
            let eventID = try await ReviewRepository(store).addHardship(actor, h, event, today: today, on: tx, audit)
            m.linkedKind = "hardship"; m.linkedID = eventID
            if m.assignee == nil { m.assignee = actor.username }
            try await step(m.id!, "convert", at: store.now(), text: code, by: actor.username, on: tx)
            return (eventID, ["linked": "hardship", "household": code])
        }
    }

    /// Turns an application sent online into an allowance application of the person named by
    /// their national ID number, received on the day the resident sent it (the Decree 147/2025
    /// deadline counts from there), in one transaction with the link.
    public func convertToApplication(_ actor: Actor, id: UUID, nationalID: String, formType: String) async throws -> UUID {
        try RequestLifecycle.authorize(.convert, role: actor.role)
        try actor.require(.manageAllowances)
        let number = nationalID.trimmingCharacters(in: .whitespaces)
        if number.isEmpty || number.count > 20 { throw AppError.invalid("national_id", number.isEmpty ? "validation.required" : "request.error.person") }
        let decisions = DecisionRepository(store)
        let reform = try await RuleSettingsRepository(store).allowanceRules().reformDate
        return try await store.transition(actor, PublicRequestModel.self, id, .convert) { m, tx, audit in
            guard RequestKind(rawValue: m.kind) == .allowanceApplication else { throw AppError.conflict(Message("request.error.convert_application")) }
            try Self.unlinked(m)
            guard let p = try await PersonModel.query(on: tx).filter(\.$nationalID == number).first() else {
                throw AppError.invalid("national_id", "request.error.person")
            }
            var input = ApplicationInput(personID: p.id!)
            input.formType = formType; input.receivedDate = m.receivedOn
            try decisions.checkApplication(input)
            let applicationID: UUID
            do {
                applicationID = try await decisions.addApplication(actor, input, reform: reform, on: tx, audit)
            } catch AppError.notFound {
                throw AppError.invalid("national_id", "request.error.person")
            }
            m.linkedKind = "application"; m.linkedID = applicationID
            if m.assignee == nil { m.assignee = actor.username }
            try await step(m.id!, "convert", at: store.now(), text: formType, by: actor.username, on: tx)
            return (applicationID, ["linked": "application"])
        }
    }

    /// Turns a resident's report of a change in their household into work on the household
    /// named by its code: the request is linked to it (the household's page names the request,
    /// the request names the household), and every change the officer then records there —
    /// a member joining or leaving, the household moving, splitting or merging — is a step of
    /// the request and a message to the resident (`householdChanged`).
    public func convertToHousehold(_ actor: Actor, id: UUID, householdCode: String) async throws -> UUID {
        try RequestLifecycle.authorize(.convert, role: actor.role)
        try actor.require(.manageRegistry)
        let code = householdCode.trimmingCharacters(in: .whitespacesAndNewlines)
        if code.isEmpty || code.count > 50 { throw AppError.invalid("household_code", code.isEmpty ? "validation.required" : "request.error.household") }
        return try await store.transition(actor, PublicRequestModel.self, id, .convert) { m, tx, _ in
            guard RequestKind(rawValue: m.kind) == .householdChange else { throw AppError.conflict(Message("request.error.convert_household")) }
            try Self.unlinked(m)
            guard let h = try await HouseholdModel.query(on: tx).filter(\.$code == code).first(), actor.covers(path: h.unitPath),
                h.status == HouseholdStatus.active.rawValue
            else { throw AppError.invalid("household_code", "request.error.household") }
            m.linkedKind = "household"; m.linkedID = h.id
            if m.assignee == nil { m.assignee = actor.username }
            try await step(m.id!, "convert", at: store.now(), text: code, by: actor.username, on: tx)
            return (h.id!, ["linked": "household", "household": code])
        }
    }

    /// A request becomes one piece of work: refused once it is linked to one (a request a centre
    /// gave back is linked to none again).
    static func unlinked(_ m: PublicRequestModel) throws {
        guard m.linkedKind == nil else { throw AppError.conflict(Message("request.error.linked")) }
    }

    /// Forwards a report of hardship (or a request for hardship support) to a social assistance
    /// centre named by its code, with the ward's note: the centre's accounts reach the request
    /// from then on and open a case from it (`CaseRepository.openCase(fromRequest:)`) or give it
    /// back; the resident is told where it went. The ward keeps the request and answers it.
    public func forwardToCentre(_ actor: Actor, id: UUID, centreCode: String, note: String) async throws {
        try RequestLifecycle.authorize(.convert, role: actor.role)
        let code = centreCode.trimmingCharacters(in: .whitespaces)
        let wording = note.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        let centre = code.isEmpty || code.count > 50 ? nil : try await OrgUnitModel.query(on: store.db).filter(\.$code == code).first()
        if centre.map({ UnitKind(rawValue: $0.kind) != .centre }) ?? true {
            errors.append(FieldError(field: "centre", message: Message(code.isEmpty ? "validation.required" : "request.error.centre")))
        }
        if wording.isEmpty {
            errors.append(FieldError(field: "note", message: Message("validation.required")))
        } else if wording.count > 4000 {
            errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "4000"])))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let to = centre!, now = store.now()
        try await store.transition(actor, PublicRequestModel.self, id, .convert) { m, tx, _ in
            guard RequestKind(rawValue: m.kind)?.forwardable == true else { throw AppError.conflict(Message("request.error.convert_kind")) }
            try Self.unlinked(m)
            m.linkedKind = "centre"; m.linkedID = nil
            m.forwardedUnitID = to.id; m.forwardedUnitPath = to.path; m.forwardedAt = now
            if m.assignee == nil { m.assignee = actor.username }
            try await step(m.id!, "forward", at: now, text: to.name + " — " + wording, by: actor.username, on: tx)
            try await OutboxRepository.notify(
                Message("outbox.msg.forwarded", ["code": m.code, "centre": to.name]), to: Self.contact(m), sourceKind: RequestLifecycle.entity,
                sourceID: m.id!, unitPath: m.unitPath, now: now, on: tx)
            return ["linked": "centre", "centre": to.code]
        }
    }

    /// The social assistance centres a ward may forward a request to, by name.
    public func centres() async throws -> [(code: String, name: String)] {
        try await OrgUnitModel.query(on: store.db).filter(\.$kind == UnitKind.centre.rawValue).sort(\.$name).all().map { ($0.code, $0.name) }
    }

    /// A change recorded on a household, in the same transaction: each open request linked to
    /// it gains the step and its resident a message ("moved", "a member left"…).
    static func householdChanged(_ householdID: UUID, change: String, now: Date, on tx: any Database) async throws {
        let linked = try await PublicRequestModel.query(on: tx).filter(\.$linkedKind == "household").filter(\.$linkedID == householdID)
            .filter(\.$status ~~ openStates).all()
        for m in linked {
            try await Self.step(m.id!, "household_change", at: now, text: change, by: Actor.system.username, on: tx)
            try await OutboxRepository.notify(
                Message("outbox.msg.household_changed", ["code": m.code, "change": "@request.change.\(change)"]), to: Self.contact(m),
                sourceKind: RequestLifecycle.entity,
                sourceID: m.id!, unitPath: m.unitPath, now: now, on: tx)
        }
    }

    /// The reports of a change linked to a household, oldest first: its page names them.
    public func changeRequests(householdID: UUID) async throws -> [(id: UUID, code: String)] {
        try await PublicRequestModel.query(on: store.db).filter(\.$linkedKind == "household").filter(\.$linkedID == householdID).sort(\.$receivedAt)
            .all().map { ($0.id!, $0.code) }
    }

    /// The requests linked to these sudden-hardship events, by event: the household's page names them.
    public func requests(linkedTo ids: [UUID]) async throws -> [UUID: (id: UUID, code: String)] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await PublicRequestModel.query(on: store.db).filter(\.$linkedID ~~ ids).all()
        return Dictionary(rows.compactMap { m in m.linkedID.map { ($0, (m.id!, m.code)) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Escalates to the ward's leader every open request past its day, once each (the inbox
    /// marks it and the leader's home page lists it), and tells the resident that the day has
    /// passed; run hourly by `serve`. Returns how many.
    @discardableResult
    public func escalate(now: Date) async throws -> Int {
        let day = LocalDate.of(now, in: zone).iso
        let due = try await PublicRequestModel.query(on: store.db).filter(\.$status ~~ Self.openStates).filter(\.$dueOn < day)
            .filter(\.$escalatedAt == nil).all()
        for m in due {
            try await store.write(.system) { tx, audit in
                guard let fresh = try await PublicRequestModel.find(m.id, on: tx), fresh.escalatedAt == nil, Self.openStates.contains(fresh.status)
                else { return }
                fresh.escalatedAt = now
                try await fresh.save(on: tx)
                try await step(fresh.id!, "escalate", at: now, text: fresh.dueOn, by: Actor.system.username, on: tx)
                // The resident is told once too: the day has passed and the ward's leader now follows it.
                let contact = Self.contact(fresh)
                try await OutboxRepository.notify(
                    Message("outbox.msg.late", ["code": fresh.code, "due": LocalDate(iso: fresh.dueOn)!.formatted(contact.locale)]), to: contact,
                    sourceKind: RequestLifecycle.entity, sourceID: fresh.id!, unitPath: fresh.unitPath, now: now, on: tx)
                audit.add(
                    AuditRecord(
                        action: "request_escalate", entity: RequestLifecycle.entity, entityID: fresh.id!.uuidString, unitID: fresh.unitID,
                        unitPath: fresh.unitPath, before: NoValue?.none, after: ["status": fresh.status, "due_on": fresh.dueOn]))
            }
        }
        return due.count
    }

    /// The escalated requests still open in the actor's units, the oldest due first: the
    /// leader's reminder on the home page.
    public func escalated(_ actor: Actor) async throws -> [RequestView] {
        guard actor.role.can(.handleRequests) else { return [] }
        return try await store.scoped(PublicRequestModel.self, actor).filter(\.$status ~~ Self.openStates).filter(\.$escalatedAt != nil)
            .sort(\.$dueOn).limit(20).all().map { view($0, steps: []) }
    }

    /// The requests received in a month in the actor's units (or the unit named by its code):
    /// by kind and channel, answered, answered by their day, and the average days to answer.
    public func report(_ actor: Actor, unitCode: String?, month: YearMonth) async throws -> RequestReport {
        try actor.require(.handleRequests)
        var path = actor.scopePath
        if let unitCode, !unitCode.isEmpty {
            guard let u = try await OrgUnitModel.query(on: store.db).filter(\.$code == unitCode).first(), actor.covers(path: u.path) else {
                throw AppError.invalid("unit", "request.error.unit")
            }
            path = u.path
        }
        let rows = try await PublicRequestModel.query(on: store.db).within(\.$unitPath, path).filter(\.$receivedOn >= month.firstDay.iso)
            .filter(\.$receivedOn <= month.lastDay.iso).all()
        var r = RequestReport()
        var cells: [String: (RequestKind, RequestChannel, Int, Int, Int)] = [:]
        var days = 0
        for m in rows {
            let kind = RequestKind(rawValue: m.kind) ?? .question, channel = RequestChannel(rawValue: m.channel) ?? .web
            var c = cells["\(m.kind)|\(m.channel)"] ?? (kind, channel, 0, 0, 0)
            c.2 += 1; r.received += 1
            if let at = m.answeredAt {
                let answeredOn = LocalDate.of(at, in: zone)
                let inTime = answeredOn.iso <= m.dueOn
                c.3 += 1; r.answered += 1
                if inTime { c.4 += 1; r.answeredInTime += 1 }
                days += Int((at.timeIntervalSince(m.receivedAt) / 8640).rounded(.down))
            }
            cells["\(m.kind)|\(m.channel)"] = c
        }
        r.averageDaysTenths = r.answered == 0 ? 0 : days / r.answered
        r.rows = cells.values.sorted { ($0.0.rawValue, $0.1.rawValue) < ($1.0.rawValue, $1.1.rawValue) }
            .map { RequestReport.Row(kind: $0.0, channel: $0.1, received: $0.2, answered: $0.3, answeredInTime: $0.4) }
        return r
    }
}
