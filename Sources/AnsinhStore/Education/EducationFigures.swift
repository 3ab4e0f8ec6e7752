import AnsinhCore
import FluentKit
import Foundation
import SQLKit

extension EducationRepository {
    /// The ward report's education figures of the ward at `wardPath` for `year`: the supports
    /// the schools applied in the school year starting that year, the books and supplies the
    /// ward's school-year campaigns handed out and the scholarships its funds paid to persons
    /// in the calendar year — counted from the records when asked.
    public func figures(wardPath: String, year: Int) async throws -> EducationFigures {
        let db = store.db, s = sql(db), from = "\(year)-01-01", to = "\(year)-12-31"
        let applied: SQLQueryString = """
            FROM education_supports WHERE \(UnitScope.condition("unit_path", wardPath, on: db)) AND school_year = \(bind: year)
            AND status = \(bind: EducationSupportLifecycle.State.applied.rawValue)
            """
        let waived = [TuitionTreatment.exempt.rawValue, TuitionTreatment.reduced.rawValue]
        let exempted =
            try await s.raw("SELECT COUNT(*) AS n " + applied + " AND tuition IN (\(binds: waived))").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let cost = try await s.raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(learning_cost), 0) AS BIGINT) AS amount " + applied + " AND learning_cost > 0")
            .first()
        let books =
            try await s.raw(
                """
                SELECT COUNT(*) AS n FROM gift_handouts g JOIN gift_campaigns c ON c.id = g.campaign_id
                WHERE \(UnitScope.condition("c.unit_path", wardPath, on: db)) AND c.occasion = \(bind: GiftOccasion.schoolYear.rawValue)
                AND g.handed_on >= \(bind: from) AND g.handed_on <= \(bind: to)
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let scholarships = try await s.raw(
            """
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount FROM fund_disbursements
            WHERE \(UnitScope.condition("unit_path", wardPath, on: db)) AND kind = \(bind: DisbursementKind.scholarship.rawValue)
            AND beneficiary_kind = \(bind: BeneficiaryKind.person.rawValue) AND status = \(bind: DisbursementLifecycle.State.approved.rawValue)
            AND decided_on >= \(bind: from) AND decided_on <= \(bind: to)
            """
        ).first()
        return EducationFigures(
            schoolYear: SchoolYear(year), feeExempted: exempted, learningCost: try cost?.decode(column: "n", as: Int.self) ?? 0,
            learningCostAmount: try cost?.decode(column: "amount", as: Int64.self) ?? 0, booksHandedOut: books,
            scholarships: try scholarships?.decode(column: "n", as: Int.self) ?? 0,
            scholarshipAmount: try scholarships?.decode(column: "amount", as: Int64.self) ?? 0)
    }
}
