import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The survey teams' spreadsheet, imported into a campaign: every row checked first (the same
/// checks as the survey form, plus: the household is in the campaign's commune and the
/// officer's units, its group's survey is still open, no household twice); a file with any bad
/// row writes nothing. Then written in batches, each one transaction with one audit entry, and
/// each household classified at once as the form does. Running the same file again changes
/// nothing; after a crash it finishes the rows the last committed batch had not reached.
extension ReviewRepository {
    /// Rows per transaction of a survey import.
    public static let importBatchSize = 2000

    struct Listed: Sendable {
        let household: UUID
        let group: UUID?
        let path: String
        let area: String
        var entry: UUID?
        var same: (Int64?, String, String?, String?)
    }

    /// `addUnlisted`: a household of the commune that is not on the campaign's list yet is added
    /// as a request (QD24 Art. 4(1)(b)), as the form's "add a household" does, while the list is
    /// still open.
    public func importSurveys(
        _ actor: Actor, campaignID: UUID, data: Data, addUnlisted: Bool, dryRun: Bool, today: LocalDate,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> RowImportReport {
        try CampaignLifecycle.authorize(.classify, role: actor.role)
        let c = try await campaignModel(actor, campaignID, on: store.db)
        try CampaignLifecycle.next(.classify, from: c.lifecycleState)
        if addUnlisted { try CampaignLifecycle.next(.addHousehold, from: c.lifecycleState) }
        guard let standard = rules.standard(id: c.standardID) else { throw AppError.notFound }
        let table = try ImportTable.read(try UploadedSheet.rows(data), columns: SurveyImport.columns, maxRows: SurveyImport.maxRows)
        var report = RowImportReport()
        report.rows = table.rows.count
        report.dryRun = dryRun
        var parsed: [SurveyImport.Row] = []
        parsed.reserveCapacity(table.rows.count)
        var seen: [String: Int] = [:]
        for i in table.rows.indices {
            let (row, errors) = SurveyImport.parse(table, i, today: today)
            report.errors += errors
            report.errors += rules.validate(period: c.period, deprivations: row.deprivations, income: row.income ?? 0).map {
                FieldError(field: $0.field, message: $0.message, row: row.row)
            }
            if !row.householdCode.isEmpty {
                if let first = seen[row.householdCode] {
                    report.errors.append(FieldError(field: "household_code", message: Message("import.duplicate_in_file", ["row": "\(first)"]), row: row.row))
                }
                seen[row.householdCode] = row.row
            }
            parsed.append(row)
        }
        // The commune's households in the officer's units, and the campaign's entries.
        var listed: [String: Listed] = [:]
        for r in try await sql(store.db).raw(
            """
            SELECT h.id, h.code, h.group_id, h.unit_path, h.area_type, e.id AS entry, e.income_per_person, e.deprivations, e.collector, e.collected_on
            FROM households h LEFT JOIN review_entries e ON e.household_id = h.id AND e.campaign_id = \(bind: campaignID)
            WHERE \(UnitScope.condition("h.unit_path", c.unitPath, on: store.db)) AND \(UnitScope.condition("h.unit_path", actor.scopePath, on: store.db))
              AND h.status = 'active'
            """
        ).all() {
            let entry = try r.decode(column: "entry", as: UUID?.self)
            listed[try r.decode(column: "code", as: String.self)] = Listed(
                household: try r.decode(column: "id", as: UUID.self), group: try r.decode(column: "group_id", as: UUID?.self),
                path: try r.decode(column: "unit_path", as: String.self), area: try r.decode(column: "area_type", as: String.self), entry: entry,
                same: (
                    try r.decode(column: "income_per_person", as: Int64?.self), try r.decode(column: "deprivations", as: String?.self) ?? "",
                    try r.decode(column: "collector", as: String?.self), try r.decode(column: "collected_on", as: String?.self)
                ))
        }
        var open: [UUID?: Bool] = [:]
        var work: [(SurveyImport.Row, Listed)] = []
        for row in parsed where !row.householdCode.isEmpty {
            guard let h = listed[row.householdCode], h.entry != nil || addUnlisted else {
                let key = listed[row.householdCode] == nil ? "review.error.household_not_in_commune" : "review.import.not_listed"
                report.errors.append(FieldError(field: "household_code", message: Message(key, ["code": row.householdCode]), row: row.row))
                continue
            }
            if open[h.group] == nil { open[h.group] = try await surveyOpen(c, groupID: h.group, on: store.db) }
            if open[h.group] == false {
                report.errors.append(FieldError(field: "household_code", message: Message("review.error.survey_closed"), row: row.row))
                continue
            }
            if h.entry != nil && h.same.0 == row.income && h.same.1 == row.deprivations.joined(separator: ",") && h.same.2 == row.collector
                && h.same.3 == row.collectedOn?.iso
            {
                report.unchanged += 1
                continue
            }
            work.append((row, h))
        }
        report.errors.sort { ($0.row ?? 0, $0.field) < ($1.row ?? 0, $1.field) }
        if !report.errors.isEmpty || dryRun {
            report.written = report.errors.isEmpty ? work.count : 0
            return report
        }
        var done = 0
        for batch in work.chunked(Self.importBatchSize) {
            try await store.write(actor) { tx, audit in
                // The step, checked again inside the transaction.
                let now = try await campaignModel(actor, campaignID, on: tx)
                try CampaignLifecycle.next(.classify, from: now.lifecycleState)
                var added = 0
                for (row, h) in batch {
                    let result = PovertyRules.classify(
                        PovertySurvey(
                            period: c.period, area: AreaType(rawValue: h.area) ?? .rural, incomePerPerson: row.income!,
                            deprivations: Set(row.deprivations)), standard: standard)
                    let values: [(String, any Encodable & Sendable)] = [
                        ("income_per_person", row.income!), ("deprivations", row.deprivations.joined(separator: ",")),
                        ("deprivation_count", row.deprivations.count), ("collector", row.collector), ("collected_on", row.collectedOn!.iso),
                        ("entered_by", actor.username), ("class", result.povertyClass.rawValue),
                        ("reasons", result.reasons.map(\.code).joined(separator: ",")),
                    ]
                    if let entry = h.entry {
                        let update = sql(tx).update("review_entries")
                        for (k, v) in values { update.set(SQLIdentifier(k), to: SQLBind(v)) }
                        try await update.where("id", .equal, SQLBind(entry)).where("campaign_id", .equal, SQLBind(campaignID)).run()
                    } else {
                        try CampaignLifecycle.next(.addHousehold, from: now.lifecycleState)
                        let previous = try await HouseholdClassificationModel.query(on: tx).filter(\.$householdID == h.household)
                            .filter(\.$period < c.period).sort(\.$period, .descending).first()
                        let base: [(String, any Encodable & Sendable)] = [
                            ("id", UUID()), ("campaign_id", campaignID), ("household_id", h.household), ("unit_path", h.path),
                            ("origin", EntryOrigin.request.rawValue), ("area_type", h.area),
                        ]
                        var cols = base + values
                        if let g = h.group { cols.append(("group_id", g)) }
                        if let p = previous?.povertyClass { cols.append(("previous_class", p)) }
                        try await sql(tx).insert(into: "review_entries").columns(cols.map(\.0)).values(cols.map { SQLBind($0.1) }).run()
                        added += 1
                    }
                }
                audit.add(
                    AuditRecord(
                        action: "review_survey_import", entity: "review_campaign", entityID: campaignID.uuidString, unitID: c.communeID,
                        unitPath: c.unitPath, before: NoValue?.none,
                        after: [
                            "rows": "\(batch.first!.0.row)…\(batch.last!.0.row)", "surveys": "\(batch.count)", "added_as_requests": "\(added)",
                            "standard": standard.id,
                        ]))
            }
            done += batch.count
            progress?(done, work.count)
        }
        report.written = done
        return report
    }
}
