import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Health-insurance entitlement lists (Decree 146/2018 Art. 3–4; Decree 188/2025): who in a
/// commune the state pays for in full or in part in a month, from the same facts as the
/// allowances, compared with the commune's previous list, for the social security agency; and
/// the cards it issues, recorded back on the person.
public struct HealthInsuranceRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Card numbers: the 10-digit social-insurance number printed on cards since 2021, or the
    /// older 15-character code (two letters, thirteen digits).
    public static func validCardNumber(_ s: String) -> Bool {
        let chars = Array(s)
        if chars.count == 10 { return chars.allSatisfy { $0.isASCII && $0.isNumber } }
        return chars.count == 15 && chars.prefix(2).allSatisfy { $0.isASCII && $0.isUppercase } && chars.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Makes the commune's list for `month` and compares it with its latest earlier list. A list
    /// is made once per commune and month (409 after).
    public func generate(_ actor: Actor, communeID: UUID, month: YearMonth) async throws -> UUID {
        try actor.require(.manageAllowances)
        guard let u = try? await store.scoped(OrgUnitModel.self, communeID, actor), u.kind == UnitKind.commune.rawValue else {
            throw AppError.invalid("commune_id", "payroll.error.commune")
        }
        let day = month.lastDay
        let households = try await HouseholdModel.query(on: store.db).filter(\.$communeID == communeID).filter(\.$status == "active").all()
        let memberships = try await MembershipModel.query(on: store.db).filter(\.$householdID ~~ households.compactMap(\.id))
            .filter(\.$startDate <= day.iso).all().filter { $0.endDate.map { $0 > day.iso } ?? true }
        let householdOf = Dictionary(memberships.map { ($0.personID, $0.householdID) }, uniquingKeysWith: { a, _ in a })
        let persons = try await PersonModel.query(on: store.db).filter(\.$id ~~ Array(householdOf.keys)).filter(\.$mergedInto == nil).all()
            .filter { $0.deathDate.map { $0 > day.iso } ?? true }
        let ids = persons.compactMap(\.id)
        var classOf: [UUID: PovertyClass] = [:]
        for c in try await HouseholdClassificationModel.query(on: store.db).filter(\.$householdID ~~ households.compactMap(\.id))
            .filter(\.$period <= month.year).sort(\.$period).all()
        {
            classOf[c.householdID] = PovertyClass(rawValue: c.povertyClass)
        }
        let merit = Set(try await MeritRecordModel.query(on: store.db).filter(\.$personID ~~ ids).all().map(\.personID))
        let paid = Set(
            try await AllowancePeriodModel.query(on: store.db).filter(\.$personID ~~ ids)
                .filter(\.$benefit ~~ [Benefit.allowance.rawValue, Benefit.nursing.rawValue]).filter(\.$fromMonth <= month.iso).all()
                .filter { $0.untilMonth.map { $0 > month.iso } ?? true }.map(\.personID))
        // Art. 3(7): residents of an extremely difficult area — the village's flag, else the commune's.
        let flag = try await UnitFactKey.difficultAreas(on: day, db: store.db)
        let groupOf = Dictionary(households.map { ($0.id!, $0.groupID) }, uniquingKeysWith: { a, _ in a })
        var entitled: [UUID: HealthInsuranceBasis] = [:]
        for p in persons {
            let birth = BirthDate(text: p.birthDate) ?? BirthDate(year: p.birthYear)
            let born = birth.date ?? LocalDate(year: birth.year, month: 1, day: 1)!
            guard born <= day else { continue }
            let h = householdOf[p.id!]!
            var f = HealthInsuranceFacts(age: born.age(on: day))
            f.merit = p.hasMerit || merit.contains(p.id!)
            f.monthlyAllowance = paid.contains(p.id!)
            f.householdClass = classOf[h]
            f.difficultArea = UnitFactKey.isDifficult(flag, group: groupOf[h].flatMap { $0 }, commune: communeID)
            if let b = HealthInsuranceRules.entitlement(f) { entitled[p.id!] = b }
        }
        let now = entitled
        return try await store.write(actor) { tx, audit in
            if try await HealthInsuranceListModel.query(on: tx).filter(\.$communeID == communeID).filter(\.$month == month.iso).count() > 0 {
                throw AppError.conflict(Message("health.error.exists", ["month": month.iso]))
            }
            let previous = try await HealthInsuranceListModel.query(on: tx).filter(\.$communeID == communeID).filter(\.$month < month.iso)
                .sort(\.$month, .descending).first()
            var before: [UUID: HealthInsuranceBasis] = [:]
            if let previous {
                for e in try await HealthInsuranceEntryModel.query(on: tx).filter(\.$listID == previous.id!).all() {
                    if let b = e.basis.flatMap(HealthInsuranceBasis.init(rawValue:)) { before[e.personID] = b }
                }
            }
            var rows: [(UUID, HealthInsuranceBasis?, Int, HealthInsuranceChange, HealthInsuranceBasis?)] = []
            for (person, basis) in now {
                let old = before[person]
                let change: HealthInsuranceChange = old == nil ? .new : (old == basis ? .same : .changed)
                rows.append((person, basis, basis.statePercent, change, old))
            }
            for (person, old) in before where now[person] == nil { rows.append((person, nil, 0, .removed, old)) }
            let list = HealthInsuranceListModel()
            list.id = UUID(); list.communeID = communeID; list.unitPath = u.path; list.month = month.iso; list.persons = now.count
            list.full = now.values.filter { $0.statePercent == 100 }.count; list.partial = now.count - list.full
            list.added = rows.filter { $0.3 == .new }.count; list.changed = rows.filter { $0.3 == .changed }.count
            list.removed = rows.filter { $0.3 == .removed }.count; list.previousID = previous?.id; list.createdBy = actor.username
            try await list.create(on: tx)
            for chunk in rows.chunked(500) {
                let insert = sql(tx).insert(into: HealthInsuranceEntryModel.schema).columns(
                    "id", "list_id", "person_id", "unit_path", "basis", "state_percent", "change", "previous_basis")
                for r in chunk {
                    insert.values(
                        SQLBind(UUID()), SQLBind(list.id!), SQLBind(r.0), SQLBind(u.path), SQLBind(r.1?.rawValue), SQLBind(r.2), SQLBind(r.3.rawValue),
                        SQLBind(r.4?.rawValue))
                }
                try await insert.run()
            }
            audit.add(
                AuditRecord(
                    action: "health_insurance_list", entity: "health_insurance_list", entityID: list.id!.uuidString, unitID: communeID,
                    unitPath: u.path, before: NoValue?.none,
                    after: [
                        "month": month.iso, "persons": "\(list.persons)", "added": "\(list.added)", "changed": "\(list.changed)",
                        "removed": "\(list.removed)",
                    ]))
            return list.id!
        }
    }

    func view(_ m: HealthInsuranceListModel, names: [UUID: String], months: [UUID: String]) -> HealthInsuranceListRecord {
        HealthInsuranceListRecord(
            id: m.id!, communeID: m.communeID, communeName: names[m.communeID] ?? "", month: YearMonth(iso: m.month)!, persons: m.persons,
            full: m.full, partial: m.partial, added: m.added, changed: m.changed, removed: m.removed,
            previousMonth: m.previousID.flatMap { months[$0] }.flatMap(YearMonth.init(iso:)), createdBy: m.createdBy, at: m.createdAt)
    }

    /// The latest lists in the actor's units, newest month first.
    public func lists(_ actor: Actor) async throws -> [HealthInsuranceListRecord] {
        try actor.require(.viewAllowances)
        let rows = try await store.scoped(HealthInsuranceListModel.self, actor).sort(\.$month, .descending).sort(\.$createdAt, .descending).limit(100).all()
        let names = try await CaseRepository(store).unitNames(rows.map(\.communeID))
        let months = Dictionary(rows.map { ($0.id!, $0.month) }, uniquingKeysWith: { a, _ in a })
        return rows.map { view($0, names: names, months: months) }
    }

    /// One list and a page of its entries (all, or one kind of change), by household and name.
    public func list(_ actor: Actor, id: UUID, change: HealthInsuranceChange?, page: PageSpec) async throws -> (
        HealthInsuranceListRecord, ResultPage<HealthInsuranceEntryRow>
    ) {
        try actor.require(.viewAllowances)
        guard let m = try await store.reachable(HealthInsuranceListModel.self, id, actor, on: store.db) else { throw AppError.notFound }
        let previous = try await m.previousID.asyncMap { try await HealthInsuranceListModel.find($0, on: store.db) }
        let names = try await CaseRepository(store).unitNames([m.communeID])
        let head = view(m, names: names, months: previous.flatMap { p in p.map { [$0.id!: $0.month] } } ?? [:])
        let s = sql(store.db)
        let only: SQLQueryString = change.map { "AND e.change = \(bind: $0.rawValue)" } ?? ""
        let total =
            try await s.raw("SELECT COUNT(*) AS n FROM health_insurance_entries e WHERE e.list_id = \(bind: id) \(only)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await s.raw(
            """
            SELECT e.person_id, e.basis, e.state_percent, e.change, e.previous_basis, p.full_name, p.birth_date, p.birth_year, p.national_id,
              COALESCE((SELECT h.code FROM memberships ms JOIN households h ON h.id = ms.household_id WHERE ms.person_id = e.person_id
                        ORDER BY ms.start_date DESC LIMIT 1), '') AS household_code,
              (SELECT c.card_number FROM health_insurance_cards c WHERE c.person_id = e.person_id ORDER BY c.valid_until DESC LIMIT 1) AS card_number,
              (SELECT c.valid_until FROM health_insurance_cards c WHERE c.person_id = e.person_id ORDER BY c.valid_until DESC LIMIT 1) AS card_until
            FROM health_insurance_entries e JOIN persons p ON p.id = e.person_id
            WHERE e.list_id = \(bind: id) \(only)
            ORDER BY household_code, p.full_name LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).all()
        let items = try rows.map { r in
            let year = try r.decode(column: "birth_year", as: Int.self)
            return HealthInsuranceEntryRow(
                personID: try r.decode(column: "person_id", as: UUID.self), fullName: try r.decode(column: "full_name", as: String.self),
                birth: try r.decode(column: "birth_date", as: String?.self) ?? String(year), nationalID: try r.decode(column: "national_id", as: String?.self),
                householdCode: try r.decode(column: "household_code", as: String.self),
                basis: try r.decode(column: "basis", as: String?.self).flatMap(HealthInsuranceBasis.init(rawValue:)),
                statePercent: try r.decode(column: "state_percent", as: Int.self),
                change: HealthInsuranceChange(rawValue: try r.decode(column: "change", as: String.self)) ?? .same,
                previousBasis: try r.decode(column: "previous_basis", as: String?.self).flatMap(HealthInsuranceBasis.init(rawValue:)),
                cardNumber: try r.decode(column: "card_number", as: String?.self), cardValidUntil: try r.decode(column: "card_until", as: String?.self))
        }
        return (head, ResultPage(items: items, request: page, total: total))
    }

    // MARK: cards

    /// Records a card the social security agency issued (number, validity).
    public func recordCard(_ actor: Actor, personID: UUID, number: String, validFrom: String, validUntil: String) async throws -> HealthInsuranceCardRecord {
        try actor.require(.manageAllowances)
        let n = number.trimmingCharacters(in: .whitespaces).uppercased()
        return try await store.write(actor) { tx, audit in
            let p = try await store.scoped(PersonModel.self, personID, actor, on: tx)
            guard p.mergedInto == nil else { throw AppError.notFound }
            var errors: [FieldError] = []
            if !Self.validCardNumber(n) { errors.append(FieldError(field: "card_number", message: Message("health.error.card_number"))) }
            let from = LocalDate(iso: validFrom.trimmingCharacters(in: .whitespaces)), until = LocalDate(iso: validUntil.trimmingCharacters(in: .whitespaces))
            if from == nil { errors.append(FieldError(field: "valid_from", message: Message("validation.date"))) }
            if until == nil { errors.append(FieldError(field: "valid_until", message: Message("validation.date"))) }
            if let from, let until, until < from { errors.append(FieldError(field: "valid_until", message: Message("health.error.until_before_from"))) }
            if !errors.isEmpty { throw AppError.validation(errors) }
            let c = HealthInsuranceCardModel()
            c.id = UUID(); c.personID = personID; c.unitPath = p.unitPath; c.cardNumber = n; c.validFrom = from!.iso; c.validUntil = until!.iso
            c.recordedBy = actor.username
            try await c.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "record_card", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath, before: NoValue?.none,
                    after: ["card_number": n, "valid_from": from!.iso, "valid_until": until!.iso]))
            return HealthInsuranceCardRecord(cardNumber: n, validFrom: from!, validUntil: until!, recordedBy: actor.username)
        }
    }

    /// A person's cards, the latest validity first.
    public func cards(_ actor: Actor, personID: UUID) async throws -> [HealthInsuranceCardRecord] {
        try actor.require(.viewAllowances)
        _ = try await store.scoped(PersonModel.self, personID, actor)
        return try await HealthInsuranceCardModel.query(on: store.db).filter(\.$personID == personID).sort(\.$validUntil, .descending).all().map {
            HealthInsuranceCardRecord(
                cardNumber: $0.cardNumber, validFrom: LocalDate(iso: $0.validFrom)!, validUntil: LocalDate(iso: $0.validUntil)!, recordedBy: $0.recordedBy)
        }
    }
}
