import AnsinhCore
import FluentKit
import Foundation

/// A case deadline as a national administrator set it (`CaseDeadlines.names`).
public final class CaseSettingModel: Model, @unchecked Sendable {
    public static let schema = "case_settings"
    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: Int
    @Field(key: "changed_by") public var changedBy: String
    @Timestamp(key: "changed_at", on: .update) public var changedAt: Date?
    public init() {}
}

/// One deadline setting as read.
public struct CaseSettingView: Sendable, Equatable {
    public let name: String
    public let defaultValue: Int
    public let value: Int
    public let changedBy: String?
}

/// The case deadlines in force: the rule file's defaults with the administrator's changes.
public struct CaseSettingsRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func deadlines(on db: (any Database)? = nil) async throws -> CaseDeadlines {
        let saved = try await CaseSettingModel.query(on: db ?? store.db).all()
        return CaseDeadlines.shared.with(Dictionary(saved.compactMap { m in m.id.map { ($0, m.value) } }, uniquingKeysWith: { a, _ in a }))
    }

    public func list(_ actor: Actor) async throws -> [CaseSettingView] {
        try actor.require(.viewCases)
        let saved = Dictionary(try await CaseSettingModel.query(on: store.db).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let now = try await deadlines()
        return CaseDeadlines.names.map { n in
            CaseSettingView(name: n, defaultValue: CaseDeadlines.shared.value(n)!, value: now.value(n)!, changedBy: saved[n]?.changedBy)
        }
    }

    /// Only a system administrator of the whole country changes a deadline, within
    /// `CaseDeadlines.range`; audited. Cases already overdue are escalated by the new value.
    public func set(_ actor: Actor, name: String, value: Int) async throws {
        guard actor.role == .systemAdmin, actor.isNational else { throw AppError.forbidden }
        guard CaseDeadlines.names.contains(name) else { throw AppError.invalid("name", "validation.choice") }
        guard CaseDeadlines.range.contains(value) else {
            throw AppError.invalid(
                "value", "review.setting_range", ["min": "\(CaseDeadlines.range.lowerBound)", "max": "\(CaseDeadlines.range.upperBound)"])
        }
        try await store.write(actor) { tx, audit in
            let existing = try await CaseSettingModel.find(name, on: tx)
            let before = existing?.value ?? CaseDeadlines.shared.value(name)!
            let m = existing ?? CaseSettingModel()
            m.id = name; m.value = value; m.changedBy = actor.username
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            audit.add(
                AuditRecord(
                    action: "update", entity: "case_setting", entityID: name, unitID: nil, unitPath: "/", before: ["value": before],
                    after: ["value": value]))
        }
    }
}
