import AnsinhCore
import FluentKit
import Foundation
import SQLKit

extension LivelihoodRepository {
    /// The ward report's jobs-and-training figures of the ward at `wardPath` for `year`,
    /// counted from the records when asked (`LivelihoodFigures`).
    public func figures(wardPath: String, year: Int) async throws -> LivelihoodFigures {
        let s = sql(store.db), from = "\(year)-01-01", to = "\(year)-12-31", db = store.db
        let month = LivelihoodRules.shared.reportMonth
        let working = CourseOutcomeStatus.allCases.filter(\.working).map(\.rawValue)
        func count(_ q: SQLQueryString) async throws -> Int { try await s.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0 }
        let counselled = try await count(
            """
            SELECT COUNT(DISTINCT a.person_id) AS n FROM event_attendance a JOIN livelihood_events e ON e.id = a.event_id
            WHERE \(UnitScope.condition("e.unit_path", wardPath, on: db)) AND e.held_on >= \(bind: from) AND e.held_on <= \(bind: to)
            """)
        let placed = try await count(
            """
            SELECT COUNT(*) AS n FROM job_referrals WHERE \(UnitScope.condition("unit_path", wardPath, on: db))
            AND status = \(bind: JobReferralLifecycle.State.hired.rawValue) AND start_on >= \(bind: from) AND start_on <= \(bind: to)
            """)
        let completed: SQLQueryString = """
            \(UnitScope.condition("e.unit_path", wardPath, on: db)) AND e.status = \(bind: EnrolmentLifecycle.State.completed.rawValue)
            AND e.completed_on >= \(bind: from) AND e.completed_on <= \(bind: to)
            """
        let done = try await count("SELECT COUNT(*) AS n FROM course_enrolments e WHERE " + completed)
        let employed = try await count(
            "SELECT COUNT(*) AS n FROM course_enrolments e JOIN course_outcomes o ON o.enrolment_id = e.id WHERE " + completed
                + " AND o.month = \(bind: month) AND o.status IN (\(binds: working))")
        let confirmed = try await count(
            """
            SELECT COUNT(*) AS n FROM vbsp_loans WHERE \(UnitScope.condition("unit_path", wardPath, on: db))
            AND confirmed_on >= \(bind: from) AND confirmed_on <= \(bind: to)
            """)
        let paid = try await s.raw(
            """
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(disbursed), 0) AS BIGINT) AS amount FROM vbsp_loans
            WHERE \(UnitScope.condition("unit_path", wardPath, on: db)) AND disbursed_on >= \(bind: from) AND disbursed_on <= \(bind: to)
            """
        ).first()
        let started: SQLQueryString = """
            FROM business_plans b WHERE \(UnitScope.condition("b.unit_path", wardPath, on: db))
            AND b.started_on >= \(bind: from) AND b.started_on <= \(bind: to)
            """
        let businesses = try await count("SELECT COUNT(*) AS n " + started)
        let operating = try await count(
            "SELECT COUNT(*) AS n " + started
                + """
                 AND (SELECT f.outcome FROM business_follow_ups f WHERE f.plan_id = b.id ORDER BY f.day DESC LIMIT 1)
                = \(bind: BusinessOutcome.operating.rawValue)
                """)
        return LivelihoodFigures(
            counselled: counselled, placed: placed, coursesCompleted: done, employedAfter: employed, reportMonth: month, loansConfirmed: confirmed,
            loansDisbursed: try paid?.decode(column: "n", as: Int.self) ?? 0, loansDisbursedAmount: try paid?.decode(column: "amount", as: Int64.self) ?? 0,
            businessesStarted: businesses, businessesOperating: operating)
    }
}
