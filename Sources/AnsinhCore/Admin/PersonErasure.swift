import Foundation

/// Deleting a person's records on their request (Law 91/2025/QH15: deletion where no legal duty
/// requires keeping the record). A person is erased only when none of the records in `kept`
/// names them (or their household, for the household's records); the request is otherwise
/// refused with the duty. What is erased is deleted, not anonymised; the audit trail keeps the
/// proof that it was done (and what it held before, as every audit entry does).
public enum PersonErasure {
    /// The records a legal duty keeps, by table, with the duty's message key.
    public static let kept: [String: String] = [
        // Decree 20/2021 Art. 7–8 and Decree 147/2025: the file a decision rests on.
        "allowance_applications": "privacy.kept.allowance", "allowance_decisions": "privacy.kept.allowance",
        "allowance_periods": "privacy.kept.allowance", "one_off_decisions": "privacy.kept.allowance",
        "hardship_events": "privacy.kept.allowance",
        // Law on Accounting 2015 Art. 41: accounting documents are kept (10 years, [U]).
        "payment_lines": "privacy.kept.payment", "gift_entries": "privacy.kept.donation", "fund_disbursements": "privacy.kept.donation",
        // Law on Health Insurance: the lists sent to the social-security office.
        "health_insurance_entries": "privacy.kept.health_insurance", "health_insurance_cards": "privacy.kept.health_insurance",
        // Ordinance on preferential treatment of people with meritorious service.
        "merit_records": "privacy.kept.merit",
        // The poverty review's records of the household (Decision 24/2021/QĐ-TTg).
        "household_classifications": "privacy.kept.review", "review_entries": "privacy.kept.review",
        // The centre's case and care records (their own retention: `retention` in privacy.json).
        "cases": "privacy.kept.case", "care_residents": "privacy.kept.care",
        // The ward's confirmation of a policy-bank loan stands beside the bank's credit contract.
        "vbsp_loans": "privacy.kept.loan",
        // Decree 81/2021 (238/2025): the exemption list agreed with the school.
        "education_supports": "privacy.kept.education",
    ]

    /// The person's own records that go with them, children before the person (jobs and
    /// training rest on consent: a seeker's course outcomes and referrals, a business plan's
    /// support and follow-ups go first).
    public static let erased: [String] = [
        "event_attendance", "course_enrolments", "job_seekers", "business_plans", "person_fact_versions", "eligibility_results", "identity_verifications",
        "person_consents",
        "pupils", "relationships", "memberships",
        "subject_requests",
    ]

    /// Household records that stay with the household (other members' too) and do not block.
    public static let withTheHousehold: [String] = ["difficult_circumstances"]
}
