import AnsinhCore
import FluentKit
import Foundation

/// A resident's request from the public pages (or a partner's application through the API),
/// filed under the ward or its residential group. What the resident wrote is sealed (a report
/// about a neighbour may tell of illness or abuse); the network address is kept only as a keyed
/// hash, for the submission limits.
public final class PublicRequestModel: Model, @unchecked Sendable {
    public static let schema = "public_requests"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    /// The tracking code the resident keeps (`TrackingCode`), unique.
    @Field(key: "code") public var code: String
    @Field(key: "kind") public var kind: String
    @Field(key: "channel") public var channel: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "residential_group") public var residentialGroup: String?
    @OptionalField(key: "name") public var name: String?
    @OptionalField(key: "phone") public var phone: String?
    /// The resident asked for replies by Zalo on that number.
    @Field(key: "zalo") public var zalo: Bool
    /// An email address for replies, if given.
    @OptionalField(key: "email") public var email: String?
    /// The language the resident wrote from (`AppLocale`): their messages are in it.
    @Field(key: "language") public var language: String
    @Field(key: "anonymous") public var anonymous: Bool
    @Field(key: "text") var sealedText: String
    public var text: String {
        get { Sealed.open(sealedText, SealedColumn.requestText.name) }
        set { sealedText = Sealed.seal(newValue, SealedColumn.requestText.name) }
    }
    /// When the resident agreed to the use of the data for handling the request.
    @Field(key: "consent_at") public var consentAt: Date
    @Field(key: "address_key") public var addressKey: String
    /// The public form's challenge, answered once (unique); nil through the API.
    @OptionalField(key: "challenge_nonce") public var challengeNonce: String?
    @Field(key: "received_at") public var receivedAt: Date
    /// The day received and the day the answer is due, in the office's calendar (ISO dates).
    @Field(key: "received_on") public var receivedOn: String
    @Field(key: "due_on") public var dueOn: String
    @OptionalField(key: "assignee") public var assignee: String?
    /// When it was escalated to the ward's leader for being overdue (once).
    @OptionalField(key: "escalated_at") public var escalatedAt: Date?
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @OptionalField(key: "answered_by") public var answeredBy: String?
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// The work it became and its id: "hardship" (a sudden-hardship event of a household),
    /// "application", "household", "centre" (forwarded, waiting for the centre: no id) or
    /// "case" (the case the centre opened from it).
    @OptionalField(key: "linked_kind") public var linkedKind: String?
    @OptionalField(key: "linked_id") public var linkedID: UUID?
    /// The social assistance centre the ward forwarded it to, its path and when: the centre's
    /// accounts reach the request from then on (`sharedPath`).
    @OptionalField(key: "forwarded_unit_id") public var forwardedUnitID: UUID?
    @OptionalField(key: "forwarded_unit_path") public var forwardedUnitPath: String?
    @OptionalField(key: "forwarded_at") public var forwardedAt: Date?
    public init() {}
}

extension PublicRequestModel: LifecycleRecord {
    public typealias Life = RequestLifecycle
    public static var unitPathKey: KeyPath<PublicRequestModel, FieldProperty<PublicRequestModel, String>> { \.$unitPath }
    public var lifecycleState: RequestLifecycle.State {
        get { RequestLifecycle.State(rawValue: status) ?? .received }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
    public var sharedPath: String? { forwardedUnitPath }
}

/// A photo or scan a resident sent with a request, sealed like what they wrote.
public final class PublicRequestFileModel: Model, @unchecked Sendable {
    public static let schema = "public_request_files"
    @ID(key: .id) public var id: UUID?
    @Field(key: "request_id") public var requestID: UUID
    @Field(key: "file_name") public var fileName: String
    @Field(key: "kind") public var kind: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "data") var sealedData: Data
    /// Nil when sealed under a key this server does not hold.
    public var data: Data? {
        get { Sealed.open(sealedData, SealedColumn.requestFile.name) }
        set { sealedData = Sealed.seal(newValue ?? Data(), SealedColumn.requestFile.name) }
    }
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// One step of a request's handling, for the officers' timeline: received, assigned, a note,
/// converted, answered, escalated, closed. Notes are sealed like the request.
public final class PublicRequestStepModel: Model, @unchecked Sendable {
    public static let schema = "public_request_steps"
    @ID(key: .id) public var id: UUID?
    @Field(key: "request_id") public var requestID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "at") public var at: Date
    @Field(key: "text") var sealedText: String
    public var text: String {
        get { Sealed.open(sealedText, SealedColumn.requestStepText.name) }
        set { sealedText = Sealed.seal(newValue, SealedColumn.requestStepText.name) }
    }
    @Field(key: "by") public var by: String
    public init() {}
}
