import AnsinhCore
import FluentKit
import Foundation

/// Retention of the centre's residents who left (Law 91/2025/QH15; privacy.json
/// `retention.care`, years counted from the discharge, [U]).
extension RetentionRepository {
    public static var careRule: RetentionRule { RetentionKind.residents.rule }
}

extension RetentionKind where M == CareResidentModel {
    /// A stay keeps what the centre's reports count — basis, stay, sex, birth date, admission
    /// and discharge days and reason, beds, the kinds and days of the care log, doses' states,
    /// the therapy's sessions and measures' scores, schooling and jobs, contracts' terms and
    /// amounts — and loses what names the person or tells their story: the registry link and
    /// the name, the decision's signer, the discharge note, the care log's notes, the medicines
    /// and prescribers, dose notes, the health record's summaries and providers, therapy
    /// referrals, diagnoses and notes (and the enrolment's name), care-plan goals and review
    /// notes, leave destinations and companions, incident descriptions and actions, and the
    /// contract payer's name, relation, phone and address. A resident in care is never touched.
    public static var residents: Self {
        Self(
            kind: .care,
            past: { cutoff, zone, db in
                // Discharged on a day before the cutoff, in the office's zone.
                CareResidentModel.query(on: db).filter(\.$status == ResidentLifecycle.State.discharged.rawValue)
                    .filter(\.$dischargedOn < LocalDate.of(cutoff, in: zone).iso).filter(\.$anonymisedAt == nil)
            }, free: { $0 }, order: { $0.sort(\.$dischargedOn) },
            strip: { rows, _, tx in
                for m in rows { m.personID = nil; m.fullName = ""; m.decisionSigner = ""; m.dischargeNote = nil }
                let ids = rows.map { $0.id! }
                try await CareLogModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$note, to: "").update()
                try await CarePrescriptionModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$drug, to: "").set(\.$dose, to: "")
                    .set(\.$prescriber, to: "").update()
                try await CareDoseModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$note, to: nil).update()
                try await CareHealthModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$provider, to: "")
                    .set(\.$sealedSummary, to: Sealed.seal("", SealedColumn.healthSummary.name)).update()
                let enrolments = try await TherapyEnrolmentModel.query(on: tx).filter(\.$residentID ~~ ids).all().map { $0.id! }
                if !enrolments.isEmpty {
                    try await TherapyEnrolmentModel.query(on: tx).filter(\.$id ~~ enrolments).set(\.$fullName, to: "")
                        .set(\.$sealedReferral, to: Sealed.seal("", SealedColumn.therapyReferral.name))
                        .set(\.$sealedDiagnosis, to: Sealed.seal("", SealedColumn.therapyDiagnosis.name)).update()
                    try await TherapyMeasureModel.query(on: tx).filter(\.$enrolmentID ~~ enrolments).set(\.$sealedNote, to: nil).update()
                }
                try await CareGoalModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$goal, to: "").update()
                try await CarePlanReviewModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$note, to: "").update()
                try await CareLeaveModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$destination, to: "").set(\.$companion, to: nil)
                    .set(\.$returnNote, to: nil).update()
                try await CareIncidentModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$description, to: "").set(\.$actionTaken, to: nil)
                    .update()
                try await CareContractModel.query(on: tx).filter(\.$residentID ~~ ids).set(\.$payerName, to: "").set(\.$payerRelation, to: "")
                    .set(\.$payerPhone, to: "").set(\.$payerAddress, to: "").set(\.$extrasNote, to: nil).update()
            })
    }
}
