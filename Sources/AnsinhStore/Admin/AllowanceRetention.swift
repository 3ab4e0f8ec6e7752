import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

extension AllowanceDecisionModel: RetainedRecord {
    public var unitID: UUID { communeID }
    public static var retentionEntity: String { "allowance_decision" }
    public static var holdPermission: Permission { .manageAllowances }
    public static var legalHoldKey: KeyPath<AllowanceDecisionModel, OptionalFieldProperty<AllowanceDecisionModel, String>> { \.$legalHold }
}

extension AllowanceApplicationModel: RetainedRecord {
    public var unitID: UUID { communeID }
    public static var retentionEntity: String { ApplicationLifecycle.entity }
    public static var holdPermission: Permission { .manageAllowances }
    public static var legalHoldKey: KeyPath<AllowanceApplicationModel, OptionalFieldProperty<AllowanceApplicationModel, String>> { \.$legalHold }
    /// A decided application is kept or anonymised with its decision (`allowanceFiles`): its
    /// own hold would say it is kept whole while its decision's retention strips it.
    public var holdRefusal: Message? { status == ApplicationStatus.decided.rawValue ? Message("retention.error.with_decision") : nil }
}

extension PaymentCycleModel: RetainedRecord {
    public var unitID: UUID { communeID }
    public static var retentionEntity: String { CycleLifecycle.entity }
    public static var holdPermission: Permission { .managePayments }
    public static var legalHoldKey: KeyPath<PaymentCycleModel, OptionalFieldProperty<PaymentCycleModel, String>> { \.$legalHold }
}

/// Retention of allowance files and payment cycles (Law 91/2025/QH15; privacy.json
/// `retention.allowance` and `retention.payment`, [U]: the accounting law keeps the papers a
/// payment rests on at least 10 years).
extension RetentionRepository {
    public static var allowanceRule: RetentionRule { RetentionKind.allowanceFiles.rule }
    public static var paymentRule: RetentionRule { RetentionKind.payments.rule }
}

extension RetentionKind where M == AllowanceDecisionModel {
    /// A decision whose allowance ended — no month of that person's ledger is paid, or to be
    /// paid, from the cutoff on — keeps what the payroll and the reports rest on: the person,
    /// the ledger, the kind, the reason code, the number, the days, the months, the rates, the
    /// amount, the categories and the rule set; and loses what tells the person's situation or
    /// where the money went: the facts and reasons it was decided on, the note, the
    /// representative's name and the account, on the decision, its periods and the application
    /// it decided (with the papers checked and the objections). A decision of a ledger still
    /// paid is never touched.
    public static var allowanceFiles: Self {
        Self(
            kind: .allowance,
            past: { cutoff, zone, db in
                let day = LocalDate.of(cutoff, in: zone)
                let month = YearMonth(year: day.year, month: day.month)!.iso
                return AllowanceDecisionModel.query(on: db).filter(\.$signedDate < day.iso).filter(\.$anonymisedAt == nil)
                    .filter(
                        .sql(
                            embed: """
                                NOT EXISTS (SELECT 1 FROM allowance_periods p WHERE p.person_id = allowance_decisions.person_id
                                AND p.benefit = allowance_decisions.benefit AND (p.until_month IS NULL OR p.until_month > \(bind: month)))
                                """))
            }, free: { $0 }, order: { $0.sort(\.$signedDate).sort(\.$id) },
            strip: { rows, now, tx in
                for m in rows { m.evaluation = "{}"; m.note = nil; m.recipientName = nil; m.account = nil }
                let ids = rows.map { $0.id! }
                try await AllowancePeriodModel.query(on: tx).filter(\.$decisionID ~~ ids).set(\.$recipientName, to: nil).set(\.$account, to: nil)
                    .update()
                let applications = rows.compactMap(\.applicationID)
                if !applications.isEmpty {
                    try await AllowanceApplicationModel.query(on: tx).filter(\.$id ~~ applications).set(\.$sealedEvaluation, to: nil)
                        .set(\.$sealedDocuments, to: SealedColumn.applicationDocuments.seal("")).set(\.$objections, to: nil)
                        .set(\.$recipientName, to: nil).set(\.$account, to: nil).set(\.$anonymisedAt, to: now).update()
                }
            })
    }
}

extension RetentionKind where M == AllowanceApplicationModel {
    /// An application the chairman refused (Decree 147/2025 Art. 5) opened no file: it is
    /// anonymised its years after the refusal (privacy.json `retention.allowance`). It keeps
    /// the person, the benefit, the form, the day received, the state and who received it — what
    /// the lists and counts of applications rest on — and loses the review's facts and reasons,
    /// the papers, the objections, the representative, the account and the written reasons for
    /// the refusal. An application decided goes with its decision (`allowanceFiles`).
    public static var refusedApplications: Self {
        Self(
            kind: .allowance, records: "retention.records.refused_applications",
            past: { cutoff, _, db in
                AllowanceApplicationModel.query(on: db).filter(\.$status == ApplicationStatus.refused.rawValue).filter(\.$refusedAt < cutoff)
                    .filter(\.$anonymisedAt == nil)
            }, free: { $0 }, order: { $0.sort(\.$refusedAt).sort(\.$id) },
            strip: { rows, _, _ in
                for m in rows {
                    m.sealedEvaluation = nil; m.sealedDocuments = SealedColumn.applicationDocuments.seal(""); m.objections = nil
                    m.recipientName = nil; m.account = nil; m.refusalReason = nil
                }
            })
    }
}

extension RetentionKind where M == PaymentCycleModel {
    /// A closed cycle of a year that ended before the cutoff (the accounting year is the
    /// calendar year) keeps what the books and reports rest on: every line's person, ledger,
    /// month, kind, amount and outcome, who prepared, approved, settled and closed it, and the
    /// approved total; and loses where each payment went and why it failed: the
    /// representative's name, the account number and the channel's reason. A cycle not closed
    /// is never touched.
    public static var payments: Self {
        Self(
            kind: .payment,
            past: { cutoff, zone, db in
                PaymentCycleModel.query(on: db).filter(\.$status == CycleStatus.closed.rawValue)
                    .filter(\.$month < "\(LocalDate.of(cutoff, in: zone).year)-01").filter(\.$anonymisedAt == nil)
            }, free: { $0 }, order: { $0.sort(\.$month).sort(\.$id) },
            strip: { rows, _, tx in
                try await sql(tx).raw(
                    "UPDATE payment_lines SET recipient_name = NULL, account = NULL, reason = NULL WHERE cycle_id IN (\(binds: rows.map { $0.id! }))"
                ).run()
            })
    }
}
