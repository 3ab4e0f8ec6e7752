import AnsinhCore
import FluentKit
import Foundation
import SQLKit

public struct MeritRow: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let personName: String
    public let category: MeritCategory
    public let detail: String
    public let since: LocalDate
    public let document: String
}

/// The ward's figures for a year (the ward dashboard): households by official class, gifts,
/// gratitude-house repairs paid, the monthly allowances paid, jobs and training, education support and the works completed.
public struct WardFigures: Sendable, Equatable {
    public let poorHouseholds: Int
    public let nearPoorHouseholds: Int
    public let gifts: GiftReport
    public let gratitudeHouseRepairs: Int
    public let gratitudeHouseRepairValue: Int64
    public let allowanceRecipients: Int
    public let allowancePaid: Int64
    public let meritPersons: Int
    public let livelihood: LivelihoodFigures
    public let education: EducationFigures
    public let works: WorkFigures
}

extension GiftCampaignRepository {
    /// Records a person's merit category with its document (a war invalid's rate in `detail`);
    /// the person's merit flag is set with it. One record per person and category.
    public func addMerit(_ actor: Actor, personID: UUID, category: String, detail: String, since: String, document: String, today: LocalDate)
        async throws -> UUID
    {
        try actor.require(.manageRegistry)
        var errors: [FieldError] = []
        let c = MeritCategory(rawValue: category)
        if c == nil { errors.append(FieldError(field: "category", message: Message("validation.choice"))) }
        let day = CareRepository.date(since, "since", today: today, into: &errors)
        let doc = CareRepository.text(document, "document", max: 120, into: &errors)
        if detail.count > 200 { errors.append(FieldError(field: "detail", message: Message("validation.too_long", ["max": "200"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            guard let p = try await store.reachable(PersonModel.self, personID, actor, on: tx) else {
                throw AppError.invalid("person_id", "campaign.error.person")
            }
            if try await MeritRecordModel.query(on: tx).filter(\.$personID == personID).filter(\.$category == c!.rawValue).first() != nil {
                throw AppError.conflict(Message("campaign.error.merit_exists"))
            }
            let m = MeritRecordModel()
            m.id = UUID(); m.personID = personID; m.unitPath = p.unitPath; m.category = c!.rawValue; m.detail = detail; m.since = day!.iso
            m.document = doc; m.recordedBy = actor.username
            try await m.create(on: tx)
            if !p.hasMerit {
                p.hasMerit = true
                try await p.save(on: tx)
            }
            audit.add(
                AuditRecord(
                    action: "record_merit", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath, before: NoValue?.none,
                    after: ["category": m.category, "since": m.since]))
            return m.id!
        }
    }

    public func merits(_ actor: Actor, category: MeritCategory?, page: PageSpec) async throws -> ResultPage<MeritRow> {
        try actor.require(.viewRegistry)
        let q = store.scoped(MeritRecordModel.self, actor)
        if let category { q.filter(\.$category == category.rawValue) }
        let total = try await q.count()
        let list = try await q.sort(\.$category).sort(\.$since).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await meritRows(list), request: page, total: total)
    }

    public func merit(_ actor: Actor, id: UUID) async throws -> MeritRow {
        try actor.require(.viewRegistry)
        return try await meritRows([try await store.scoped(MeritRecordModel.self, id, actor)])[0]
    }

    func meritRows(_ list: [MeritRecordModel]) async throws -> [MeritRow] {
        var names: [UUID: String] = [:]
        for chunk in list.map(\.personID).chunked(500) {
            for p in try await PersonModel.query(on: store.db).filter(\.$id ~~ chunk).all() { names[p.id!] = p.fullName }
        }
        return list.map {
            MeritRow(
                id: $0.id!, personID: $0.personID, personName: names[$0.personID] ?? "", category: MeritCategory(rawValue: $0.category)!,
                detail: $0.detail, since: LocalDate(iso: $0.since)!, document: $0.document)
        }
    }

    /// The ward's year, counted from the records when asked.
    public func wardFigures(_ actor: Actor, unitCode: String, year: Int) async throws -> WardFigures {
        try actor.require(.viewFunds)
        guard let unit = try await UnitRepository(store).find(code: unitCode).flatMap({ $0.kind == .commune ? $0 : nil }),
            let ward = try await store.reachable(OrgUnitModel.self, unit.id, actor)
        else { throw AppError.notFound }
        let s = sql(store.db)
        var poor = 0, nearPoor = 0
        let classes = try await s.raw(
            "SELECT class, COUNT(*) AS n FROM household_classifications WHERE \(UnitScope.condition("unit_path", ward.path, on: store.db)) AND period = \(bind: year) GROUP BY class"
        ).all()
        for r in classes {
            let n = try r.decode(column: "n", as: Int.self)
            switch try r.decode(column: "class", as: String.self) {
            case PovertyClass.poor.rawValue: poor = n
            case PovertyClass.nearPoor.rawValue: nearPoor = n
            default: break
            }
        }
        let gratitude = try await FundModel.query(on: store.db).filter(\.$unitID == ward.id!).filter(\.$kind == FundKind.gratitude.rawValue).all().map {
            $0.id!
        }
        let repairs = try await FundDisbursementModel.query(on: store.db).filter(\.$fundID ~~ gratitude).filter(
            \.$kind == DisbursementKind.houseRepair.rawValue
        )
        .filter(\.$status == DisbursementLifecycle.State.approved.rawValue).filter(\.$decidedOn >= "\(year)-01-01").filter(\.$decidedOn <= "\(year)-12-31")
        .all()
        let paid = try await s.raw(
            """
            SELECT COUNT(DISTINCT l.person_id) AS n, CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS amount FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
            WHERE c.commune_id = \(bind: ward.id!) AND l.month LIKE \(bind: "\(year)-%") AND l.status = 'paid' AND l.one_off_id IS NULL
            """
        ).all().first
        let merit = try await s.raw(
            "SELECT COUNT(DISTINCT person_id) AS n FROM merit_records WHERE \(UnitScope.condition("unit_path", ward.path, on: store.db))"
        ).all().first
        return WardFigures(
            poorHouseholds: poor, nearPoorHouseholds: nearPoor, gifts: try await report(actor, year: year, unitPath: ward.path),
            gratitudeHouseRepairs: repairs.count, gratitudeHouseRepairValue: repairs.reduce(0) { $0 + $1.amount },
            allowanceRecipients: try paid?.decode(column: "n", as: Int.self) ?? 0, allowancePaid: try paid?.decode(column: "amount", as: Int64.self) ?? 0,
            meritPersons: try merit?.decode(column: "n", as: Int.self) ?? 0,
            livelihood: try await LivelihoodRepository(store).figures(wardPath: ward.path, year: year),
            education: try await EducationRepository(store).figures(wardPath: ward.path, year: year),
            works: try await WorksRepository(store).figures(wardPath: ward.path, year: year))
    }
}
