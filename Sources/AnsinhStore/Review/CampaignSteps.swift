import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// The steps of a campaign after the survey (`CampaignLifecycle`): group meetings, public
/// posting with objections, and the commune chairman's decision.
extension ReviewRepository {
    /// Moves the campaign to the next step when the law's condition for it holds; otherwise a
    /// conflict that says what is missing.
    public func advance(_ actor: Actor, campaignID: UUID, today: LocalDate) async throws -> CampaignStep {
        try actor.require(.manageReview)
        let t = CampaignLifecycle.advance(from: try await campaignModel(actor, campaignID, on: store.db).lifecycleState)
        return try await store.transition(actor, ReviewCampaignModel.self, campaignID, t) { c, tx, _ in
            let entries = ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID)
            switch t {
            case .closeList:
                guard try await entries.count() > 0 else { throw AppError.conflict(Message("review.error.no_households")) }
                return (.survey, [:])
            case .closeSurvey:
                let missing = try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$povertyClass == nil).count()
                guard missing == 0 else { throw AppError.conflict(Message("review.error.not_surveyed", ["count": "\(missing)"])) }
                guard try await entries.count() > 0 else { throw AppError.conflict(Message("review.error.no_households")) }
                return (.meeting, [:])
            default:
                guard let end = c.postingEnd.flatMap(LocalDate.init(iso:)), today > end else {
                    throw AppError.conflict(Message("review.error.posting_open", ["date": c.postingEnd ?? "—"]))
                }
                let open = try await ReviewObjectionModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$resolvedOn == nil).count()
                guard open == 0 else { throw AppError.conflict(Message("review.error.objections_open", ["count": "\(open)"])) }
                return (.decision, [:])
            }
        }
    }

    /// Records a residential-group meeting; a failed vote (under 50% agreeing) reopens the
    /// group's surveys.
    public func recordMeeting(_ actor: Actor, campaignID: UUID, groupID: UUID?, heldOn: String, present: Int?, agree: Int?, note: String?, today: LocalDate)
        async throws -> MeetingView
    {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let day = LocalDate(iso: heldOn)
        if day == nil {
            errors.append(FieldError(field: "held_on", message: Message("validation.date")))
        } else if day! > today {
            errors.append(FieldError(field: "held_on", message: Message("review.error.future_date")))
        }
        if present == nil { errors.append(FieldError(field: "present", message: Message("review.error.present_positive"))) }
        if agree == nil { errors.append(FieldError(field: "agree", message: Message("review.error.agree_range"))) }
        if let present, let agree { errors += GroupMeeting(present: present, agree: agree).problems() }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let meeting = GroupMeeting(present: present!, agree: agree!)
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.recordMeeting, from: c.lifecycleState)
            let q = ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID)
            if let groupID { q.filter(\.$groupID == groupID) } else { q.filter(\.$groupID == nil) }
            let inGroup = try await q.all()
            guard !inGroup.isEmpty else { throw AppError.invalid("group_id", "review.error.group_not_listed") }
            guard inGroup.allSatisfy({ $0.povertyClass != nil }) else {
                throw AppError.conflict(Message("review.error.not_surveyed", ["count": "\(inGroup.filter { $0.povertyClass == nil }.count)"]))
            }
            let m = ReviewMeetingModel()
            m.id = UUID(); m.campaignID = campaignID; m.groupID = groupID; m.heldOn = day!.iso; m.present = meeting.present
            m.agree = meeting.agree; m.passed = meeting.passed; m.note = note.flatMap { $0.isEmpty ? nil : $0 }
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "review_meeting", entity: "review_campaign", entityID: campaignID.uuidString, unitID: groupID ?? c.communeID,
                    unitPath: c.unitPath, before: NoValue?.none,
                    after: ["held_on": day!.iso, "present": "\(meeting.present)", "agree": "\(meeting.agree)", "passed": "\(meeting.passed)"]))
            return MeetingView(heldOn: day!, present: meeting.present, agree: meeting.agree, passed: meeting.passed, note: m.note)
        }
    }

    /// Posts the draft list publicly once every group's meeting agreed; objections are received
    /// until the end of the window.
    public func startPosting(_ actor: Actor, campaignID: UUID, start: String, today: LocalDate) async throws -> LocalDate {
        try CampaignLifecycle.authorize(.startPosting, role: actor.role, fields: ["posting_start": start])
        guard let day = LocalDate(iso: start) else { throw AppError.invalid("posting_start", "validation.date") }
        return try await store.transition(actor, ReviewCampaignModel.self, campaignID, .startPosting, fields: ["posting_start": start]) { c, tx, _ in
            let groups = try await sql(tx).raw("SELECT DISTINCT group_id FROM review_entries WHERE campaign_id = \(bind: campaignID)").all()
                .map { try $0.decodeNil(column: "group_id") ? "" : try $0.decode(column: "group_id", as: UUID.self).uuidString }
            let meetings = try await latestMeetings(campaignID: campaignID, on: tx)
            let waiting = groups.filter { meetings[$0]?.passed != true }
            guard waiting.isEmpty else { throw AppError.conflict(Message("review.error.meetings_missing", ["count": "\(waiting.count)"])) }
            let end = day.adding(days: try await settings(on: tx).postingDays - 1)
            c.postingStart = day.iso; c.postingEnd = end.iso
            return (end, ["from": day.iso, "until": end.iso])
        }
    }

    public func objections(_ actor: Actor, campaignID: UUID) async throws -> [ObjectionView] {
        try actor.require(.viewReview)
        _ = try await campaignModel(actor, campaignID, on: store.db)
        let list = try await ReviewObjectionModel.query(on: store.db).filter(\.$campaignID == campaignID).sort(\.$receivedOn).all()
        let entries = Dictionary(
            try await ReviewEntryModel.query(on: store.db).filter(\.$id ~~ list.map(\.entryID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let codes = Dictionary(
            try await HouseholdModel.query(on: store.db).filter(\.$id ~~ entries.values.map(\.householdID)).all().map { ($0.id!, $0.code) },
            uniquingKeysWith: { a, _ in a })
        return list.compactMap { o in
            guard let e = entries[o.entryID], actor.covers(path: e.unitPath) else { return nil }
            return ObjectionView(
                id: o.id!, entryID: o.entryID, householdCode: codes[e.householdID] ?? "—", receivedOn: LocalDate(iso: o.receivedOn)!,
                complainant: o.complainant, text: o.text, resolution: o.resolution, resolvedOn: o.resolvedOn.flatMap(LocalDate.init(iso:)))
        }
    }

    /// Records an objection to the posted list; only inside the posting window.
    public func recordObjection(
        _ actor: Actor, campaignID: UUID, householdCode: String, complainant: String, text: String,
        receivedOn: String
    ) async throws -> UUID {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let day = LocalDate(iso: receivedOn)
        if day == nil { errors.append(FieldError(field: "received_on", message: Message("validation.date"))) }
        if complainant.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "complainant", message: Message("validation.required"))) }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "text", message: Message("validation.required"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let c = try await campaignModel(actor, campaignID, on: tx)
            try CampaignLifecycle.next(.recordObjection, from: c.lifecycleState)
            guard let start = c.postingStart.flatMap(LocalDate.init(iso:)),
                let end = c.postingEnd.flatMap(LocalDate.init(iso:))
            else { throw AppError.conflict(Message("review.error.not_posting")) }
            guard (start...end).contains(day!) else {
                throw AppError.invalid("received_on", "review.error.outside_window", ["from": start.iso, "until": end.iso])
            }
            guard let h = try await HouseholdModel.query(on: tx).filter(\.$code == householdCode.trimmingCharacters(in: .whitespaces)).first(),
                let e = try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).filter(\.$householdID == h.id!).first(),
                actor.covers(path: e.unitPath)
            else {
                throw AppError.invalid("household_code", "review.error.not_on_list", ["code": householdCode])
            }
            let o = ReviewObjectionModel()
            o.id = UUID(); o.campaignID = campaignID; o.entryID = e.id!; o.receivedOn = day!.iso
            o.complainant = complainant.trimmingCharacters(in: .whitespaces); o.text = text.trimmingCharacters(in: .whitespaces)
            try await o.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "review_objection", entity: "review_entry", entityID: e.id!.uuidString, unitID: e.groupID ?? c.communeID,
                    unitPath: e.unitPath, before: NoValue?.none, after: ["complainant": o.complainant, "text": o.text]))
            return o.id!
        }
    }

    /// Resolves an objection. When the objection changed the survey, the officer re-enters it
    /// first (allowed during posting for that household) and then resolves.
    public func resolveObjection(_ actor: Actor, objectionID: UUID, resolution: String, today: LocalDate) async throws {
        try actor.require(.manageReview)
        let text = resolution.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw AppError.invalid("resolution", "validation.required") }
        try await store.write(actor) { tx, audit in
            guard let o = try await ReviewObjectionModel.find(objectionID, on: tx),
                let e = try await store.reachable(ReviewEntryModel.self, o.entryID, actor, on: tx)
            else { throw AppError.notFound }
            guard o.resolvedOn == nil else { throw AppError.conflict(Message("review.error.already_resolved")) }
            o.resolution = text; o.resolvedOn = today.iso
            try await o.save(on: tx)
            audit.add(
                AuditRecord(
                    action: "review_objection_resolve", entity: "review_entry", entityID: e.id!.uuidString, unitID: e.groupID,
                    unitPath: e.unitPath, before: NoValue?.none, after: ["resolution": text]))
        }
    }

    /// The commune chairman's decision: writes every household's official class for the period
    /// (set-based, in batches), numbers the certificates and closes the campaign. Only a role
    /// that decides (ward leader) may do it.
    public func decide(_ actor: Actor, campaignID: UUID, number: String, date: String, today: LocalDate) async throws -> Int {
        try actor.require(.decideReview)
        var errors: [FieldError] = []
        let no = number.trimmingCharacters(in: .whitespaces)
        if no.isEmpty { errors.append(FieldError(field: "decision_number", message: Message("validation.required"))) }
        let day = LocalDate(iso: date)
        if day == nil {
            errors.append(FieldError(field: "decision_date", message: Message("validation.date")))
        } else if day! > today {
            errors.append(FieldError(field: "decision_date", message: Message("review.error.future_date")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, ReviewCampaignModel.self, campaignID, .decide, fields: ["decision_number": no]) { c, tx, _ in
            if let end = c.postingEnd.flatMap(LocalDate.init(iso:)), day! <= end {
                throw AppError.invalid("decision_date", "review.error.decision_before_posting_end", ["date": end.iso])
            }
            let entries = try await ReviewEntryModel.query(on: tx).filter(\.$campaignID == campaignID).sort(\.$groupID).sort(\.$id).all()
            // A later decision for the same period (a continuous review) replaces the earlier class.
            for chunk in entries.map(\.householdID).chunked(500) {
                try await sql(tx).delete(from: "household_classifications").where("period", .equal, c.period).where("household_id", .in, chunk).run()
            }
            var seq = 0
            for chunk in entries.chunked(500) {
                let insert = sql(tx).insert(into: "household_classifications").columns(
                    "id", "household_id", "unit_path", "group_id", "period", "class", "standard_id", "area_type", "income_per_person",
                    "deprivations", "deprivation_count", "reasons", "campaign_id", "decision_number", "decision_date", "certificate_number")
                for e in chunk {
                    seq += 1
                    insert.values(
                        SQLBind(UUID()), SQLBind(e.householdID), SQLBind(e.unitPath), SQLBind(e.groupID), SQLBind(c.period),
                        SQLBind(e.povertyClass ?? PovertyClass.aboveMiddle.rawValue), SQLBind(c.standardID), SQLBind(e.areaType),
                        SQLBind(e.incomePerPerson), SQLBind(e.deprivations), SQLBind(e.deprivationCount), SQLBind(e.reasons ?? ""),
                        SQLBind(campaignID), SQLBind(no), SQLBind(day!.iso), SQLBind(String(format: "%@/%05d", no, seq)))
                }
                try await insert.run()
            }
            c.decisionNumber = no; c.decisionDate = day!.iso
            var counts: [String: Int] = [:]
            for e in entries { counts[e.povertyClass ?? "", default: 0] += 1 }
            return (
                entries.count,
                [
                    "number": no, "date": day!.iso, "households": "\(entries.count)",
                    "poor": "\(counts["poor"] ?? 0)", "near_poor": "\(counts["near_poor"] ?? 0)",
                ]
            )
        }
    }

    func latestMeetings(campaignID: UUID, on db: any Database) async throws -> [String: MeetingView] {
        let all = try await ReviewMeetingModel.query(on: db).filter(\.$campaignID == campaignID).sort(\.$heldOn).sort(\.$createdAt).all()
        var out: [String: MeetingView] = [:]
        for m in all {
            out[m.groupID?.uuidString ?? ""] = MeetingView(
                heldOn: LocalDate(iso: m.heldOn)!, present: m.present, agree: m.agree,
                passed: m.passed, note: m.note)
        }
        return out
    }
}
