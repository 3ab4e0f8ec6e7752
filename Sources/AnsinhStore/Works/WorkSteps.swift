import AnsinhCore
import FluentKit
import Foundation

extension WorksRepository {
    /// Takes a work one step: each day not after today (nor before the work was proposed), the
    /// progress in percent (0–100, never going back), the chairman's decision, whom it was
    /// handed to, the reason of a cancellation.
    public func step(_ actor: Actor, work id: UUID, _ t: WorkLifecycle.Transition, _ input: WorkStepInput, today: LocalDate) async throws {
        try actor.require(WorkLifecycle.rule(t).permission)
        let need = WorkLifecycle.rule(t).requires
        var c = InputCheck(), fields: [String: String] = [:], day: LocalDate? = nil
        if need.contains("date") {
            fields["date"] = input.date
            if !input.date.isEmpty { day = c.date(input.date, "date", notAfter: today) }
        }
        var texts: [String: String] = [:]
        for (k, v, max) in [("decision", input.decision, 100), ("note", input.note, 1000), ("handed_to", input.handedTo, 200), ("reason", input.reason, 500)]
        where need.contains(k) {
            fields[k] = v
            if !v.isEmpty { texts[k] = c.text(v, k, max: max) }
        }
        if need.contains("percent") {
            fields["percent"] = input.percent.map { "\($0)" } ?? ""
            if let p = input.percent { _ = c.number(p, "percent", in: 0...100) }
        }
        let contractor = t == .start ? c.text(input.contractor, "contractor", max: 200, optional: true) : ""
        try c.check()
        let (chosen, given, percent) = (day, texts, input.percent)
        try await store.transition(actor, WorkModel.self, id, t, fields: fields) { m, tx, _ in
            if let chosen, chosen < LocalDate(iso: m.proposedOn)! { throw AppError.invalid("date", "works.error.before_proposal") }
            switch t {
            case .approve:
                m.decision = given["decision"]; m.approvedOn = today.iso
                return ["decision": given["decision"]!]
            case .start:
                // A family's house is repaired by a named contractor (the handover names who accepted it).
                if WorkKind(rawValue: m.kind)?.isHouse == true && contractor.isEmpty { throw AppError.invalid("contractor", "validation.required") }
                m.startedOn = chosen!.iso; m.contractor = contractor.isEmpty ? nil : contractor
                return ["started_on": chosen!.iso, "contractor": contractor]
            case .progress:
                if percent! < m.percent { throw AppError.invalid("percent", "works.error.percent_back") }
                let p = WorkProgressModel()
                p.id = UUID(); p.workID = id; p.day = chosen!.iso; p.percent = percent!; p.note = given["note"]!; p.recordedBy = actor.username
                try await p.create(on: tx)
                m.percent = percent!
                return ["day": chosen!.iso, "percent": "\(percent!)", "note": given["note"]!]
            case .complete:
                m.completedOn = chosen!.iso; m.percent = 100
                return ["completed_on": chosen!.iso]
            case .handOver:
                m.handedOverOn = chosen!.iso; m.handedTo = given["handed_to"]
                return ["handed_over_on": chosen!.iso, "handed_to": given["handed_to"]!]
            case .cancel:
                m.reason = given["reason"]
                return ["reason": given["reason"]!]
            }
        }
    }

    /// Records state budget allotted to a work not cancelled nor handed over (the decision, the
    /// day, the amount in đồng).
    public func addBudget(_ actor: Actor, work id: UUID, amount: Int64?, decision: String, day: String, today: LocalDate) async throws {
        try actor.require(.manageWorks)
        var c = InputCheck()
        let value = c.number(amount, "amount", in: 1...1_000_000_000_000), reference = c.text(decision, "decision", max: 100)
        let on = c.date(day, "day", notAfter: today)
        try c.check()
        try await store.write(actor) { tx, audit in
            try await Store.lock(WorkModel.self, id, on: tx)
            let m = try await store.scoped(WorkModel.self, id, actor, on: tx)
            guard ![.cancelled, .handedOver].contains(m.lifecycleState) else {
                throw WorkLifecycle.refusal(.progress, from: m.lifecycleState)
            }
            let b = WorkBudgetModel()
            b.id = UUID(); b.workID = id; b.amount = value; b.decision = reference; b.day = on!.iso; b.recordedBy = actor.username
            try await b.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "work_budget", entity: WorkLifecycle.entity, entityID: id.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                    before: NoValue?.none, after: ["amount": "\(value)", "decision": reference, "day": on!.iso]))
        }
    }

    /// Adds a photo (JPEG or PNG of at most `DocumentKind.maxBytes`) with its caption and day;
    /// the audit trail keeps its digest.
    @discardableResult
    public func addPhoto(_ actor: Actor, work id: UUID, caption: String, day: String, data: Data, today: LocalDate) async throws -> UUID {
        try actor.require(.manageWorks)
        var c = InputCheck()
        let text = c.text(caption, "caption", max: 200), on = c.date(day, "day", notAfter: today)
        if data.isEmpty { c.fail("file", "import.no_file") }
        let kind = DocumentKind.detect(Array(data.prefix(8)))
        if !data.isEmpty && (kind == nil || kind == .pdf) { c.fail("file", "works.error.photo_type") }
        try c.check()
        if data.count > DocumentKind.maxBytes { throw AppError.tooLarge(maxBytes: DocumentKind.maxBytes) }
        let digest = data.sha256Hex
        return try await store.write(actor) { tx, audit in
            let m = try await store.scoped(WorkModel.self, id, actor, on: tx)
            let p = WorkPhotoModel()
            p.id = UUID(); p.workID = id; p.caption = text; p.day = on!.iso; p.kind = kind!.rawValue; p.size = data.count; p.sha256 = digest
            p.data = data; p.uploadedBy = actor.username
            try await p.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "work_photo", entity: WorkLifecycle.entity, entityID: id.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                    before: NoValue?.none, after: ["photo_id": p.id!.uuidString, "caption": text, "sha256": digest, "size": "\(data.count)"]))
            return p.id!
        }
    }

    /// A photo's bytes and kind, when its work is within the actor's units.
    public func photo(_ actor: Actor, id: UUID) async throws -> (DocumentKind, Data) {
        try actor.require(.viewWorks)
        guard let p = try await WorkPhotoModel.find(id, on: store.db) else { throw AppError.notFound }
        _ = try await store.scoped(WorkModel.self, p.workID, actor)
        return (DocumentKind(rawValue: p.kind) ?? .jpeg, p.data)
    }
}
