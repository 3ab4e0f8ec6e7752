import AnsinhCore
import FluentKit
import Foundation

/// One contact with the 1800 1769 hotline (or by Zalo or at the door). A contact that carries no
/// data (silent, prank, wrong number, hang-up, abusive) stores its kind and time and nothing else.
/// The caller's number is never stored: only a keyed hash, to recognise a repeat caller.
public final class HotlineContactModel: Model, @unchecked Sendable {
    public static let schema = "hotline_contacts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "at") public var at: Date
    @Field(key: "channel") public var channel: String
    @Field(key: "counsellor") public var counsellor: String
    @OptionalField(key: "non_data") public var nonData: String?
    @OptionalField(key: "duration_seconds") public var durationSeconds: Int?
    @OptionalField(key: "caller_type") public var callerType: String?
    @OptionalField(key: "age_group") public var ageGroup: String?
    @OptionalField(key: "sex") public var sex: String?
    @OptionalField(key: "place") public var place: String?
    @OptionalField(key: "topic") public var topic: String?
    @OptionalField(key: "subtopic") public var subtopic: String?
    @OptionalField(key: "summary") var sealedSummary: String?
    public var summary: String? {
        get { Sealed.open(sealedSummary, SealedColumn.hotlineSummary.name) }
        set { sealedSummary = Sealed.seal(newValue, SealedColumn.hotlineSummary.name) }
    }
    @OptionalField(key: "caller_key") public var callerKey: String?
    @OptionalField(key: "case_id") public var caseID: UUID?
    /// When retention anonymised it (summary, caller key, place and subtopic removed).
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why it is kept whole past its retention (a complaint, an inquiry); nil: no hold.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    public init() {}
}

extension HotlineContactModel: UnitScoped {
    public static var unitPathKey: KeyPath<HotlineContactModel, FieldProperty<HotlineContactModel, String>> { \.$unitPath }
}
