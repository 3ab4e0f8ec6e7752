import AnsinhCore
import FluentKit
import Foundation

/// What a fund gave out in a year, as its donors are told: each approved disbursement with the
/// beneficiary named only where that person consented to be named to the fund's donors
/// (`PersonConsentPurpose.nameToDonors`, in force on the day of the report, for any recipient
/// or for this fund). Households, campaigns and cases are never named — a case would reveal
/// child protection.
public struct DonorReport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let number: String
        public let day: LocalDate
        public let kind: DisbursementKind
        public let amount: Int64
        public let beneficiary: BeneficiaryKind
        /// Nil: not named (no consent in force, or a kind that is never named).
        public let name: String?
    }
    public let fundID: UUID
    public let fundName: String
    public let year: Int
    public let lines: [Line]
    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }
    public var named: Int { lines.filter { $0.name != nil }.count }
}

extension FundRepository {
    /// The report for the donors of a fund for a year. Producing it is audited with how many
    /// beneficiaries were named and how many were withheld for want of consent.
    public func donorReport(_ actor: Actor, fundID: UUID, year: Int) async throws -> DonorReport {
        try actor.require(.viewFunds)
        let f = try await store.scoped(FundModel.self, fundID, actor)
        let list = try await FundDisbursementModel.query(on: store.db).filter(\.$fundID == fundID)
            .filter(\.$status ~~ [DisbursementLifecycle.State.approved.rawValue, DisbursementLifecycle.State.reversed.rawValue]).all()
            .filter { $0.lifecycleState == .approved && ($0.decidedOn ?? $0.proposedOn).hasPrefix("\(year)-") }
            .sorted { ($0.decidedOn ?? $0.proposedOn, $0.number) < ($1.decidedOn ?? $1.proposedOn, $1.number) }
        // The person behind each person or resident beneficiary.
        var personOf: [UUID: UUID] = [:]
        for d in list where d.beneficiaryKind == BeneficiaryKind.person.rawValue { personOf[d.beneficiaryID] = d.beneficiaryID }
        let residents = list.filter { $0.beneficiaryKind == BeneficiaryKind.resident.rawValue }.map(\.beneficiaryID)
        for chunk in Array(Set(residents)).chunked(500) {
            for r in try await CareResidentModel.query(on: store.db).filter(\.$id ~~ chunk).all() { if let p = r.personID { personOf[r.id!] = p } }
        }
        let consenting = try await PersonConsentRepository(store).consenting(
            Array(personOf.values), .nameToDonors, recipient: f.name, on: store.today, db: store.db)
        var names: [UUID: String] = [:]
        for chunk in Array(consenting).chunked(500) {
            for p in try await PersonModel.query(on: store.db).filter(\.$id ~~ chunk).all() { names[p.id!] = p.fullName }
        }
        let lines = list.map { d in
            DonorReport.Line(
                number: d.number, day: LocalDate(iso: d.decidedOn ?? d.proposedOn)!, kind: DisbursementKind(rawValue: d.kind)!, amount: d.amount,
                beneficiary: BeneficiaryKind(rawValue: d.beneficiaryKind)!, name: personOf[d.beneficiaryID].flatMap { names[$0] })
        }
        let report = DonorReport(fundID: fundID, fundName: f.name, year: year, lines: lines)
        let people = lines.filter { $0.beneficiary == .person || $0.beneficiary == .resident }.count
        try await store.audit(
            actor,
            [
                AuditRecord(
                    action: "donor_report", entity: "fund", entityID: fundID.uuidString, unitID: f.unitID, unitPath: f.unitPath, before: NoValue?.none,
                    after: ["year": "\(year)", "named": "\(report.named)", "withheld_without_consent": "\(people - report.named)"])
            ])
        return report
    }
}
