import AnsinhCore
import FluentKit
import Foundation

/// A review rule the law leaves to practice, as an administrator set it (the [U] rules of the
/// policy sheet §3: posting days, the at-risk margin and hardship window, alert highlighting).
public final class ReviewSettingModel: Model, @unchecked Sendable {
    public static let schema = "review_settings"
    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: Int
    @Field(key: "changed_by") public var changedBy: String
    @Timestamp(key: "changed_at", on: .update) public var changedAt: Date?
    public init() {}
}

public struct ReviewSettingView: Sendable {
    public let name: String
    public let defaultValue: Int
    public let value: Int
    public let range: ClosedRange<Int>
    public let changedBy: String?
}

public struct ReviewSettingsRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// The settings in force: the defaults with the administrator's changes.
    public func current(on db: (any Database)? = nil) async throws -> ReviewSettings {
        var s = ReviewSettings.standard
        for m in try await ReviewSettingModel.query(on: db ?? store.db).all() {
            if let name = m.id, s[setting: name] != nil { s[setting: name] = m.value }
        }
        return s
    }

    public func list(_ actor: Actor) async throws -> [ReviewSettingView] {
        try actor.require(.viewRegistry)
        let saved = Dictionary(try await ReviewSettingModel.query(on: store.db).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return ReviewSettings.names.map { k in
            let d = ReviewSettings.standard[setting: k.name]!
            return ReviewSettingView(name: k.name, defaultValue: d, value: saved[k.name]?.value ?? d, range: k.range, changedBy: saved[k.name]?.changedBy)
        }
    }

    /// Only a system administrator of the whole country changes a review setting, within its range; audited.
    public func set(_ actor: Actor, name: String, value: Int) async throws {
        // National settings: an administrator bound to a province may not change them.
        guard actor.role == .systemAdmin, actor.isNational else { throw AppError.forbidden }
        guard let key = ReviewSettings.names.first(where: { $0.name == name }) else { throw AppError.invalid("name", "validation.choice") }
        guard key.range.contains(value) else {
            throw AppError.invalid("value", "review.setting_range", ["min": "\(key.range.lowerBound)", "max": "\(key.range.upperBound)"])
        }
        try await store.write(actor) { tx, audit in
            let existing = try await ReviewSettingModel.find(name, on: tx)
            let before = existing?.value ?? ReviewSettings.standard[setting: name]!
            let m = existing ?? ReviewSettingModel()
            m.id = name; m.value = value; m.changedBy = actor.username
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            audit.add(
                AuditRecord(
                    action: "update", entity: "review_setting", entityID: name, unitID: nil, unitPath: "/",
                    before: ["value": before], after: ["value": value]))
        }
    }
}
