import AnsinhCore
import FluentKit
import Foundation

extension ReviewCampaignModel: RetainedRecord {
    public var unitID: UUID { communeID }
    public static var retentionEntity: String { "review_campaign" }
    public static var holdPermission: Permission { .manageReview }
    public static var legalHoldKey: KeyPath<ReviewCampaignModel, OptionalFieldProperty<ReviewCampaignModel, String>> { \.$legalHold }
}

/// Retention of the poverty reviews' surveys (Law 91/2025/QH15; privacy.json `retention.review`,
/// years counted from the chairman's decision, [U]).
extension RetentionRepository {
    public static var reviewRule: RetentionRule { RetentionKind.reviews.rule }
}

extension RetentionKind where M == ReviewCampaignModel {
    /// A decided campaign keeps what the reports and the certificates rest on — each household's
    /// official class, the standard, the decision's number and day, the certificate numbers,
    /// the count of deprivations, the meetings' days and votes, the objections' days and whether
    /// they were resolved — and loses what tells a household's economy or names anyone: the
    /// income a person, the deprivations found and the reasons on every survey and official
    /// class, who collected and entered the surveys, the meetings' notes, and the objections'
    /// complainants, texts and resolutions. A campaign not yet decided is never touched.
    public static var reviews: Self {
        Self(
            kind: .review,
            past: { cutoff, zone, db in
                // Decided on a day before the cutoff, in the office's zone.
                ReviewCampaignModel.query(on: db).filter(\.$decisionDate != nil).filter(\.$decisionDate < LocalDate.of(cutoff, in: zone).iso)
                    .filter(\.$anonymisedAt == nil)
            }, free: { $0 }, order: { $0.sort(\.$decisionDate).sort(\.$id) },
            strip: { rows, _, tx in
                let ids = rows.map { $0.id! }
                try await ReviewEntryModel.query(on: tx).filter(\.$campaignID ~~ ids).set(\.$incomePerPerson, to: nil).set(\.$deprivations, to: "")
                    .set(\.$reasons, to: nil).set(\.$collector, to: nil).set(\.$enteredBy, to: nil).update()
                try await HouseholdClassificationModel.query(on: tx).filter(\.$campaignID ~~ ids).set(\.$incomePerPerson, to: nil)
                    .set(\.$deprivations, to: "").set(\.$reasons, to: "").update()
                try await ReviewMeetingModel.query(on: tx).filter(\.$campaignID ~~ ids).set(\.$note, to: nil).update()
                try await ReviewObjectionModel.query(on: tx).filter(\.$campaignID ~~ ids).set(\.$complainant, to: "").set(\.$text, to: "")
                    .set(\.$resolution, to: nil).update()
            })
    }
}
