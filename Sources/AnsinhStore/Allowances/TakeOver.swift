import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The paper list taken over in one file (`TakeOverImport`): each row a `start` decision with
/// `paid_before`, written by the same `record` as a decision made on its page, so every rule of
/// the ledger holds (no overlap, one number per commune, the recipient checks) and each
/// decision has its audit entry. Every row is checked first — the person found by national ID
/// in the officer's units with the same name, the registry's facts giving that benefit this
/// month, the amount on the paper equal to the rules' amount now when given — and a file
/// with any bad row writes nothing. A row whose decision is already recorded is left alone, so
/// the same file run again, or after a crash, writes only what is missing.
extension DecisionRepository {
    /// Rows per transaction of a take-over.
    public static let takeOverBatchSize = 200

    public func takeOver(
        _ actor: Actor, data: Data, dryRun: Bool, today: LocalDate, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> RowImportReport {
        try actor.require(LedgerLifecycle.rule(.start).permission)
        let table = try ImportTable.read(try UploadedSheet.rows(data), columns: TakeOverImport.columns, maxRows: TakeOverImport.maxRows)
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        var report = RowImportReport()
        report.rows = table.rows.count
        report.dryRun = dryRun
        var rows: [TakeOverImport.Row] = []
        var seen: [String: Int] = [:]
        for i in table.rows.indices {
            let (row, errors) = TakeOverImport.parse(table, i, today: today)
            report.errors += errors
            report.errors += Self.recipientProblems(kind: row.recipientKind, name: row.recipientName, channel: row.channel, account: row.account).map {
                FieldError(field: $0.field, message: $0.message, row: row.row)
            }
            if let start = row.start, start < rules.earliestMonth {
                report.errors.append(
                    FieldError(
                        field: "start_month", message: Message("decision.error.before_rules", ["month": start.iso, "first": rules.earliestMonth.iso]),
                        row: row.row))
            }
            let key = "\(row.nationalID)|\(row.benefit.rawValue)"
            if let first = seen[key] {
                report.errors.append(FieldError(field: "national_id", message: Message("import.duplicate_in_file", ["row": "\(first)"]), row: row.row))
            }
            seen[key] = row.row
            rows.append(row)
        }
        // The persons, by national ID, in the officer's units.
        var persons: [String: PersonModel] = [:]
        for chunk in Array(Set(rows.map(\.nationalID))).chunked(500) {
            for p in try await store.scoped(PersonModel.self, actor).filter(\.$nationalID ~~ chunk).filter(\.$mergedInto == nil).all() {
                persons[p.nationalID!] = p
            }
        }
        var work: [(TakeOverImport.Row, UUID, StoredEvaluation)] = []
        // Each row reads the person's household and facts: a few rows at a time, in file order.
        let checkable = rows.filter { $0.start != nil }
        for chunk in checkable.chunked(Self.checkConcurrency) {
            let outcomes = try await withThrowingTaskGroup(of: (Int, RowCheck).self) { group in
                for (k, row) in chunk.enumerated() {
                    let p = persons[row.nationalID]
                    group.addTask { (k, try await check(row, person: p, today: today)) }
                }
                var out = [RowCheck?](repeating: nil, count: chunk.count)
                for try await (k, c) in group { out[k] = c }
                return out.compactMap { $0 }
            }
            for (row, outcome) in zip(chunk, outcomes) {
                switch outcome {
                case .error(let e): report.errors.append(e)
                case .unchanged: report.unchanged += 1
                case .write(let person, let ev): work.append((row, person, ev))
                }
            }
        }
        report.errors.sort { ($0.row ?? 0, $0.field) < ($1.row ?? 0, $1.field) }
        if !report.errors.isEmpty || dryRun {
            report.written = report.errors.isEmpty ? work.count : 0
            return report
        }
        var done = 0
        for batch in work.chunked(Self.takeOverBatchSize) {
            try await store.write(actor) { tx, audit in
                for (row, personID, ev) in batch {
                    var input = DecisionInput(personID: personID)
                    input.benefit = row.benefit; input.kind = .start; input.reason = DecisionReason.eligible.rawValue
                    input.number = row.number; input.signedDate = row.signedDate!.iso; input.eventDate = row.start!.firstDay.iso
                    input.paidBefore = row.paidBefore?.iso ?? ""
                    input.recipientKind = row.recipientKind; input.recipientName = row.recipientName; input.channel = row.channel
                    input.account = row.account; input.note = "take_over"
                    do {
                        _ = try await record(actor, input, effective: row.start!, evaluation: ev, applicationID: nil, on: tx, audit: audit)
                    } catch let AppError.validation(list) {
                        // Something changed since the check (another officer's decision): the row is named.
                        throw AppError.validation(list.map { FieldError(field: $0.field, message: $0.message, row: row.row) })
                    }
                }
            }
            done += batch.count
            progress?(done, work.count)
        }
        report.written = done
        return report
    }

    /// Rows checked side by side (each reads a person's household and facts).
    static let checkConcurrency = 8

    enum RowCheck: Sendable {
        case error(FieldError)
        case unchanged
        case write(UUID, StoredEvaluation)
    }

    /// One row against the registry and the ledger.
    func check(_ row: TakeOverImport.Row, person: PersonModel?, today: LocalDate) async throws -> RowCheck {
        guard let p = person else { return .error(FieldError(field: "national_id", message: Message("take_over.no_person"), row: row.row)) }
        guard TextFolding.fold(p.fullName) == TextFolding.fold(row.fullName) else {
            return .error(FieldError(field: "full_name", message: Message("take_over.other_name", ["name": p.fullName]), row: row.row))
        }
        let place = try await place(p, on: store.db)
        if let d = try await AllowanceDecisionModel.query(on: store.db).filter(\.$communeID == place.commune).filter(\.$number == row.number).first() {
            if d.personID == p.id && d.benefit == row.benefit.rawValue && d.kind == DecisionKind.start.rawValue { return .unchanged }
            return .error(FieldError(field: "decision_number", message: Message("decision.error.number_taken", ["number": row.number]), row: row.row))
        }
        // The paper list says what is paid now and the registry knows the person as they are
        // now: the rate is evaluated for this month (or the start month, if later), and the
        // payroll prices each month at that rate and the month's standard level.
        let month = max(row.start!, today.yearMonth)
        let ev = try await evaluate(.system, p.id!, benefit: row.benefit, month: month)
        if ev.amount == 0 {
            return .error(FieldError(field: "benefit", message: Message("take_over.not_eligible", ["month": month.iso]), row: row.row))
        }
        if let amount = row.amount, amount != ev.amount {
            return .error(
                FieldError(
                    field: "monthly_amount",
                    message: Message("take_over.amount_differs", ["file": Dong(amount).formatted(.vi), "rules": Dong(ev.amount).formatted(.vi)]),
                    row: row.row))
        }
        return .write(p.id!, ev)
    }
}
