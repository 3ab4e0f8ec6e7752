import AnsinhCore
import FluentKit
import Foundation

/// An administrator's choice for a named rule setting (every rule the policy sheet marks
/// uncertain, e.g. enabling the 540,000 level of 1 July 2026).
public final class RuleSettingModel: Model, @unchecked Sendable {
    public static let schema = "rule_settings"
    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: Bool
    @Field(key: "changed_by") public var changedBy: String
    @Timestamp(key: "changed_at", on: .update) public var changedAt: Date?
    public init() {}
}

public struct RuleSettingView: Sendable {
    public let name: String
    public let note: String
    public let defaultValue: Bool
    public let value: Bool
    public let changedBy: String?
}

public struct RuleSettingsRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// The allowance rules with the administrator's settings applied: what every evaluation uses.
    public func allowanceRules() async throws -> AllowanceRules {
        var rules = AllowanceRules.shared
        for s in try await RuleSettingModel.query(on: store.db).all() where rules.settingDefaults[s.id ?? ""] != nil {
            rules.overrides[s.id!] = s.value
        }
        return rules
    }

    /// The rules for the people of the province a unit path lies in (its top-ups, when enabled).
    public func allowanceRules(forPath path: String) async throws -> AllowanceRules {
        try await allowanceRules().forProvince(try await Self.provinceCode(ofPath: path, on: store.db))
    }

    /// The id of the province of a unit path ("/root/province/commune/…"), if it has one.
    public static func provinceID(ofPath path: String) -> UUID? {
        let parts = path.split(separator: "/")
        return parts.count >= 2 ? UUID(uuidString: String(parts[1])) : nil
    }

    /// The code of the province of a unit path, or nil.
    public static func provinceCode(ofPath path: String, on db: any Database) async throws -> String? {
        guard let id = provinceID(ofPath: path), let u = try await OrgUnitModel.find(id, on: db), u.kind == UnitKind.province.rawValue else { return nil }
        return u.code
    }

    /// Every province's code by unit id, in one read, for work over many communes.
    public static func provinceCodes(on db: any Database) async throws -> [UUID: String] {
        Dictionary(
            try await OrgUnitModel.query(on: db).filter(\.$kind == UnitKind.province.rawValue).all().map { ($0.id!, $0.code) },
            uniquingKeysWith: { a, _ in a })
    }

    public func list(_ actor: Actor) async throws -> [RuleSettingView] {
        try actor.require(.viewRegistry)
        let saved = Dictionary(try await RuleSettingModel.query(on: store.db).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return AllowanceRules.shared.settingDefaults.keys.sorted().map { name in
            let d = AllowanceRules.shared.settingDefaults[name]!
            return RuleSettingView(name: name, note: d.note, defaultValue: d.default, value: saved[name]?.value ?? d.default, changedBy: saved[name]?.changedBy)
        }
    }

    /// Only a system administrator of the whole country changes a rule setting; the change is audited.
    public func set(_ actor: Actor, name: String, value: Bool) async throws {
        // National settings: an administrator bound to a province may not change them.
        guard actor.role == .systemAdmin, actor.isNational else { throw AppError.forbidden }
        guard AllowanceRules.shared.settingDefaults[name] != nil else { throw AppError.invalid("name", "validation.choice") }
        try await store.write(actor) { tx, audit in
            let existing = try await RuleSettingModel.find(name, on: tx)
            let before = existing?.value ?? AllowanceRules.shared.settingDefaults[name]!.default
            let m = existing ?? RuleSettingModel()
            m.id = name; m.value = value; m.changedBy = actor.username
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            audit.add(
                AuditRecord(
                    action: "update", entity: "rule_setting", entityID: name, unitID: nil, unitPath: "/",
                    before: ["value": before], after: ["value": value]))
        }
    }
}
