import Foundation

/// The kinds of record that hold a person's data (Law 91/2025/QH15: a person may obtain the data
/// held about them), how each is reached from the person, and who may read it.
public struct SubjectSource: Sendable {
    public enum Key: Sendable {
        /// A column holding the person's id.
        case person(String)
        /// The person's stays as a resident of the centre (`care_residents.id`).
        case resident
        /// The person's cases (`cases.id`).
        case caseRecord
        /// The person's households, current and past (`memberships.household_id`).
        case household(String)
    }
    public let table: String
    public let key: Key
    public let permission: Permission
    /// The class the records reveal; a role without it gets the section marked as withheld.
    public let sensitivity: SensitivityClass?

    /// Every kind of record that names a person. `SubjectDataTests` fails when a table with a
    /// person, resident or case column is missing here.
    public static let all: [SubjectSource] = [
        .init(table: "persons", key: .person("id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "memberships", key: .person("person_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "households", key: .household("id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "relationships", key: .person("person_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "identity_verifications", key: .person("person_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "subject_requests", key: .person("person_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "person_consents", key: .person("person_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "merit_records", key: .person("person_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "household_classifications", key: .household("household_id"), permission: .viewReview, sensitivity: nil),
        .init(table: "review_entries", key: .household("household_id"), permission: .viewReview, sensitivity: nil),
        .init(table: "hardship_events", key: .household("household_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "difficult_circumstances", key: .household("household_id"), permission: .viewRegistry, sensitivity: nil),
        .init(table: "person_fact_versions", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "allowance_applications", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "allowance_decisions", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "allowance_periods", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "payment_lines", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "eligibility_results", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "one_off_decisions", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "health_insurance_entries", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "health_insurance_cards", key: .person("person_id"), permission: .viewAllowances, sensitivity: nil),
        .init(table: "gift_entries", key: .person("person_id"), permission: .viewFunds, sensitivity: nil),
        // What the funds gave the person directly (a resident's gifts come with the stays).
        .init(table: "fund_disbursements", key: .person("beneficiary_id"), permission: .viewFunds, sensitivity: nil),
        .init(table: "cases", key: .person("person_id"), permission: .viewCases, sensitivity: .childProtection),
        .init(table: "case_entries", key: .caseRecord, permission: .viewCases, sensitivity: .childProtection),
        .init(table: "case_goals", key: .caseRecord, permission: .viewCases, sensitivity: .childProtection),
        .init(table: "case_consents", key: .caseRecord, permission: .viewCases, sensitivity: .childProtection),
        .init(table: "case_referrals", key: .caseRecord, permission: .viewCases, sensitivity: .childProtection),
        .init(table: "case_tasks", key: .caseRecord, permission: .viewCases, sensitivity: .childProtection),
        .init(table: "case_documents", key: .caseRecord, permission: .viewCases, sensitivity: .childProtection),
        .init(table: "hotline_contacts", key: .caseRecord, permission: .answerHotline, sensitivity: .childProtection),
        .init(table: "care_residents", key: .person("person_id"), permission: .viewCare, sensitivity: nil),
        .init(table: "care_bed_stays", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_log", key: .resident, permission: .viewCare, sensitivity: .health),
        .init(table: "care_prescriptions", key: .resident, permission: .viewCare, sensitivity: .health),
        .init(table: "care_doses", key: .resident, permission: .viewCare, sensitivity: .health),
        .init(table: "care_health_events", key: .resident, permission: .viewCare, sensitivity: .health),
        .init(table: "therapy_enrolments", key: .resident, permission: .viewCare, sensitivity: .psychotherapy),
        .init(table: "care_attendance", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_education", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_placements", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_goals", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_plan_reviews", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_leaves", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_incidents", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "care_contracts", key: .resident, permission: .viewCare, sensitivity: nil),
        .init(table: "job_seekers", key: .person("person_id"), permission: .viewLivelihood, sensitivity: nil),
        .init(table: "course_enrolments", key: .person("person_id"), permission: .viewLivelihood, sensitivity: nil),
        .init(table: "event_attendance", key: .person("person_id"), permission: .viewLivelihood, sensitivity: nil),
        .init(table: "vbsp_loans", key: .person("person_id"), permission: .viewLivelihood, sensitivity: nil),
        .init(table: "business_plans", key: .person("person_id"), permission: .viewLivelihood, sensitivity: nil),
        .init(table: "pupils", key: .person("person_id"), permission: .viewEducation, sensitivity: nil),
        .init(table: "education_supports", key: .person("person_id"), permission: .viewEducation, sensitivity: nil),
    ]
}
