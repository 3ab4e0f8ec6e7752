import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One dated record of a person's circumstances: the facts in force from `valid_from` until the
/// next record, and the paper that shows them.
public final class PersonFactVersionModel: Model, @unchecked Sendable {
    public static let schema = "person_fact_versions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "valid_from") public var validFrom: String
    /// `PersonCircumstances` as JSON.
    @Field(key: "facts") public var facts: String
    @OptionalField(key: "source_document") public var sourceDocument: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

extension PersonFactVersionModel: UnitScoped {
    public static var unitPathKey: KeyPath<PersonFactVersionModel, FieldProperty<PersonFactVersionModel, String>> { \.$unitPath }
}

public struct PersonFactVersion: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let validFrom: LocalDate
    public let circumstances: PersonCircumstances
    public let sourceDocument: String?
    public let recordedBy: String
    public let at: Date?

    init(_ m: PersonFactVersionModel) {
        id = m.id!; personID = m.personID; validFrom = LocalDate(iso: m.validFrom)!
        circumstances = PersonFactsRepository.decode(m.facts); sourceDocument = m.sourceDocument; recordedBy = m.recordedBy
        at = m.updatedAt ?? m.createdAt
    }
}

/// A person's dated circumstances: recorded by the officer who receives applications (on the
/// person's facts page or `PUT /persons/{id}/facts`), read by every evaluation of the person —
/// the person page, an application's review, a decision, "no one missed".
public struct PersonFactsRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// The longest source document reference kept.
    public static let maxSource = 200

    static func encode(_ c: PersonCircumstances) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return String(decoding: (try? enc.encode(c)) ?? Data("{}".utf8), as: UTF8.self)
    }
    static func decode(_ s: String) -> PersonCircumstances {
        (try? JSONDecoder().decode(PersonCircumstances.self, from: Data(s.utf8))) ?? PersonCircumstances()
    }

    /// Records the circumstances in force from `validFrom`. A record for the same day is
    /// replaced (the audit keeps what it said); facts that contradict each other or the person
    /// are refused by field and nothing changes.
    public func record(
        _ actor: Actor, personID: UUID, validFrom: String, sourceDocument: String, circumstances: PersonCircumstances
    ) async throws -> PersonFactVersion {
        try actor.require(.manageAllowances)
        let source = sourceDocument.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await store.write(actor) { tx, audit in
            try await Store.lock(PersonModel.self, personID, on: tx)
            let p = try await store.scoped(PersonModel.self, personID, actor, on: tx)
            guard p.mergedInto == nil else { throw AppError.notFound }
            var errors: [FieldError] = []
            let day = LocalDate(iso: validFrom.trimmingCharacters(in: .whitespaces))
            let birth = BirthDate(text: p.birthDate) ?? BirthDate(year: p.birthYear)
            let born = birth.date ?? LocalDate(year: birth.year, month: 1, day: 1)!
            if day == nil {
                errors.append(FieldError(field: "valid_from", message: Message("validation.date")))
            } else if day! < LocalDate(year: birth.year, month: 1, day: 1)! || day! > store.today.adding(days: 366) {
                errors.append(FieldError(field: "valid_from", message: Message("allowance.error.valid_from_range")))
            }
            if source.count > Self.maxSource {
                errors.append(FieldError(field: "source_document", message: Message("validation.too_long", ["max": "\(Self.maxSource)"])))
            }
            var f = PersonFacts(birthDate: born)
            f.gender = Gender(rawValue: p.gender) ?? .male
            circumstances.apply(to: &f)
            let names = Set(PersonCircumstances.names)
            errors += f.problems(for: (day ?? store.today).yearMonth).filter { names.contains($0.field) }
            if !errors.isEmpty { throw AppError.validation(errors) }
            let facts = Self.encode(circumstances)
            let existing = try await PersonFactVersionModel.query(on: tx).filter(\.$personID == personID).filter(\.$validFrom == day!.iso).first()
            let m = existing ?? PersonFactVersionModel()
            let before = existing.map { ["facts": $0.facts, "source_document": $0.sourceDocument ?? ""] }
            if existing == nil { m.id = UUID(); m.personID = personID; m.validFrom = day!.iso }
            m.unitPath = p.unitPath; m.facts = facts; m.sourceDocument = source.isEmpty ? nil : source; m.recordedBy = actor.username
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            audit.add(
                AuditRecord(
                    action: "record_facts", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath, before: before,
                    after: ["valid_from": day!.iso, "facts": facts, "source_document": source]))
            return PersonFactVersion(m)
        }
    }

    /// Every record of a person's circumstances, newest first.
    public func versions(_ actor: Actor, personID: UUID) async throws -> [PersonFactVersion] {
        try actor.require(.viewAllowances)
        let p = try await store.scoped(PersonModel.self, personID, actor)
        guard p.mergedInto == nil else { throw AppError.notFound }
        return try await PersonFactVersionModel.query(on: store.db).filter(\.$personID == personID).sort(\.$validFrom, .descending).all()
            .map(PersonFactVersion.init)
    }

    /// The record in force on `day` (the latest from that day or before), for a reader that
    /// already checked the person is in scope.
    func current(_ personID: UUID, on day: LocalDate) async throws -> PersonFactVersion? {
        try await PersonFactVersionModel.query(on: store.db).filter(\.$personID == personID).filter(\.$validFrom <= day.iso)
            .sort(\.$validFrom, .descending).first().map(PersonFactVersion.init)
    }

    /// The circumstances in force on `day` of many persons at once (the "no one missed" run).
    static func current(_ personIDs: [UUID], on day: LocalDate, db: any Database) async throws -> [UUID: PersonCircumstances] {
        guard !personIDs.isEmpty else { return [:] }
        var out: [UUID: PersonCircumstances] = [:]
        for r in try await sql(db).raw(
            """
            SELECT person_id, facts FROM person_fact_versions WHERE person_id IN (\(binds: personIDs)) AND valid_from <= \(bind: day.iso)
            ORDER BY valid_from
            """
        ).all() {
            out[try r.decode(column: "person_id", as: UUID.self)] = decode(try r.decode(column: "facts", as: String.self))
        }
        return out
    }
}
