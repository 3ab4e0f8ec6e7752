import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A pair waiting for an officer, with both records.
public struct DuplicatePairView: Sendable {
    public let id: UUID
    public let reason: String
    public let status: String
    public let a: PersonView
    public let b: PersonView
    public let householdA: String?
    public let householdB: String?
}

/// Finds likely duplicate persons and lets an officer merge or dismiss each pair.
public struct DuplicateRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Scans the registry in the actor's scope and records new pairs. Returns how many were added.
    @discardableResult
    public func find(_ actor: Actor) async throws -> Int {
        try actor.require(.manageRegistry)
        let s = sql(store.db)
        let scope = UnitScope.condition("unit_path", actor.scopePath, on: store.db)
        // Blocking: only names that occur more than once are compared.
        let keys = try await s.raw(
            """
            SELECT search_key FROM persons WHERE merged_into IS NULL AND \(scope)
            GROUP BY search_key HAVING COUNT(*) > 1
            """
        ).all().map { try $0.decode(column: "search_key", as: String.self) }
        let existing = Set(try await DuplicatePairModel.query(on: store.db).all().map { "\($0.personA)|\($0.personB)" })
        var found: [(UUID, UUID, String, String)] = []
        // Plain rows, not models: decoding a million Fluent models took half of the scan.
        struct Person { let id: UUID; let idText: String; let key: String; let nationalID: String?; let birth: String; let path: String }
        for chunk in keys.chunked(500) {
            let people = try await s.select().columns("id", "search_key", "national_id", "birth_date", "unit_path").from("persons")
                .where("search_key", .in, SQLBind.group(chunk)).where("merged_into", .is, SQLLiteral.null)
                .where(scope).all().map { r in
                    let id = try r.decode(column: "id", as: UUID.self)
                    return Person(
                        id: id, idText: id.uuidString, key: try r.decode(column: "search_key", as: String.self),
                        nationalID: try r.decode(column: "national_id", as: String?.self),
                        birth: try r.decode(column: "birth_date", as: String.self), path: try r.decode(column: "unit_path", as: String.self))
                }
            // Common names at a million persons: 500 names can be 250,000 persons, more than one
            // statement may bind, so their households are read in slices.
            var household: [UUID: String] = [:]
            for ids in people.map(\.id).chunked(5000) {
                for m in try await s.select().columns("person_id", "household_id").from("memberships")
                    .where("person_id", .in, SQLBind.group(ids)).where("end_date", .is, SQLLiteral.null).all()
                {
                    household[try m.decode(column: "person_id", as: UUID.self)] = try m.decode(column: "household_id", as: UUID.self).uuidString
                }
            }
            for (_, group) in Dictionary(grouping: people, by: \.key) {
                let sorted = group.sorted { $0.idText < $1.idText }
                let candidates = sorted.map { DuplicateRules.Candidate(nationalID: $0.nationalID, birth: $0.birth, householdID: household[$0.id]) }
                for (i, j) in DuplicateRules.candidatePairs(candidates) {
                    let a = sorted[i], b = sorted[j]
                    guard let reason = DuplicateRules.reason(candidates[i], candidates[j]), !existing.contains(a.idText + "|" + b.idText) else { continue }
                    found.append((a.id, b.id, reason, a.path))
                }
            }
        }
        guard !found.isEmpty else { return 0 }
        let total = found.count
        let pairs = found
        try await store.write(actor) { tx, audit in
            var rows = BatchInsert(into: "duplicate_pairs", columns: ["id", "person_a", "person_b", "reason", "status", "unit_path", "created_at"])
            for (a, b, reason, path) in pairs {
                rows.add(.uuid(UUID()), .uuid(a), .uuid(b), .text(reason), .text("open"), .text(path), .date(Date()))
            }
            try await rows.run(on: tx)
            audit.add(
                AuditRecord(
                    action: "duplicates_found", entity: "duplicate_pair", entityID: "scan", unitID: actor.unitID,
                    unitPath: actor.scopePath, before: NoValue?.none, after: ["pairs": String(total)]))
        }
        return total
    }

    public func open(_ actor: Actor, page: PageSpec) async throws -> ResultPage<DuplicatePairView> {
        try actor.require(.viewRegistry)
        let q = DuplicatePairModel.query(on: store.db).filter(\.$status == "open")
        q.within(\.$unitPath, actor.scopePath)
        let total = try await q.copy().count()
        let pairs = try await q.sort(\.$reason).sort(\.$createdAt).offset(page.offset).limit(page.perPage).all()
        return ResultPage(items: try await views(actor, pairs), request: page, total: total)
    }

    public func all(_ actor: Actor) async throws -> [DuplicatePairView] {
        let pairs = try await DuplicatePairModel.query(on: store.db).within(\.$unitPath, actor.scopePath).all()
        return try await views(actor, pairs)
    }

    func views(_ actor: Actor, _ pairs: [DuplicatePairModel]) async throws -> [DuplicatePairView] {
        let ids = Array(Set(pairs.flatMap { [$0.personA, $0.personB] }))
        var people: [PersonModel] = [], memberships: [MembershipModel] = [], households: [HouseholdModel] = []
        for chunk in ids.chunked(5000) {
            people += try await PersonModel.query(on: store.db).filter(\.$id ~~ chunk).all()
            memberships += try await MembershipModel.query(on: store.db).filter(\.$personID ~~ chunk).filter(\.$endDate == nil).all()
        }
        for chunk in Array(Set(memberships.map(\.householdID))).chunked(5000) {
            households += try await HouseholdModel.query(on: store.db).filter(\.$id ~~ chunk).all()
        }
        let byID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let codeOf = Dictionary(households.map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
        let householdOf = Dictionary(memberships.map { ($0.personID, codeOf[$0.householdID]) }, uniquingKeysWith: { a, _ in a })
        return pairs.compactMap { p in
            guard let a = byID[p.personA], let b = byID[p.personB] else { return nil }
            return DuplicatePairView(
                id: p.id!, reason: p.reason, status: p.status, a: PersonView(a, showSensitive: false),
                b: PersonView(b, showSensitive: false), householdA: householdOf[p.personA] ?? nil,
                householdB: householdOf[p.personB] ?? nil)
        }
    }

    /// Keeps one record and folds the other into it: the other leaves its household (history
    /// kept), is marked as merged, and facts the kept record lacks (national ID, phone,
    /// certificate date) are carried over.
    public func merge(_ actor: Actor, pairID: UUID, keepFirst: Bool) async throws {
        try actor.require(.manageRegistry)
        let today = LocalDate.of(store.now(), in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        try await store.write(actor) { tx, audit in
            guard let pair = try await store.reachable(DuplicatePairModel.self, pairID, actor, on: tx), pair.status == "open" else {
                throw AppError.notFound
            }
            let keep = try await store.scoped(PersonModel.self, keepFirst ? pair.personA : pair.personB, actor, on: tx)
            let drop = try await store.scoped(PersonModel.self, keepFirst ? pair.personB : pair.personA, actor, on: tx)
            let before = PersonView(keep, showSensitive: false)
            if keep.nationalID == nil, let id = drop.nationalID {
                drop.nationalID = nil
                try await drop.update(on: tx)
                keep.nationalID = id
            }
            if keep.phone == nil { keep.phone = drop.phone }
            if keep.disabilityCertificateDate == nil { keep.disabilityCertificateDate = drop.disabilityCertificateDate }
            keep.refreshSearch()
            try await keep.update(on: tx)
            drop.mergedInto = keep.id
            drop.refreshSearch()  // a merged record is no longer found
            try await drop.update(on: tx)
            if let m = try await MembershipModel.query(on: tx).filter(\.$personID == drop.id!).filter(\.$endDate == nil).first() {
                m.endDate = max(today.iso, m.startDate); m.endReason = "merged"
                try await m.update(on: tx)
            }
            pair.status = "merged"; pair.decidedBy = actor.username
            try await pair.update(on: tx)
            // Other open pairs with the dropped record are settled by this decision.
            try await DuplicatePairModel.query(on: tx).filter(\.$status == "open")
                .group(.or) { $0.filter(\.$personA == drop.id!).filter(\.$personB == drop.id!) }
                .set(\.$status, to: "dismissed").set(\.$decidedBy, to: actor.username).update()
            audit.add(
                AuditRecord(
                    action: "merge", entity: "person", entityID: keep.id!.uuidString, unitID: nil, unitPath: keep.unitPath,
                    before: before, after: ["kept": keep.id!.uuidString, "merged": drop.id!.uuidString, "reason": pair.reason]))
        }
    }

    public func dismiss(_ actor: Actor, pairID: UUID) async throws {
        try actor.require(.manageRegistry)
        try await store.write(actor) { tx, audit in
            guard let pair = try await store.reachable(DuplicatePairModel.self, pairID, actor, on: tx), pair.status == "open" else {
                throw AppError.notFound
            }
            pair.status = "dismissed"; pair.decidedBy = actor.username
            try await pair.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "dismiss", entity: "duplicate_pair", entityID: pairID.uuidString, unitID: nil, unitPath: pair.unitPath,
                    before: NoValue?.none, after: ["a": pair.personA.uuidString, "b": pair.personB.uuidString]))
        }
    }
}
