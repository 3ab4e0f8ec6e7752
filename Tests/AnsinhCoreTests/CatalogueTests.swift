import Foundation
import Testing
@testable import AnsinhCore

/// Every message exists in Vietnamese, English and Arabic, with the same placeholders, and
/// every key the code uses is in the catalogue.
@Suite("Message catalogue")
struct CatalogueTests {
    let catalogue = MessageCatalogue.shared

    @Test func loaded() {
        #expect((catalogue.texts[.vi]?.count ?? 0) > 100)
        #expect(catalogue.text("auth.login", .vi) == "Đăng nhập")
        #expect(catalogue.text("auth.login", .ar) == "تسجيل الدخول")
    }

    @Test func sameKeysInEveryLanguage() {
        let vi = Set(catalogue.texts[.vi]!.keys)
        for locale in AppLocale.allCases {
            let keys = Set(catalogue.texts[locale]!.keys)
            #expect(vi.subtracting(keys).sorted() == [], "missing in \(locale)")
            #expect(keys.subtracting(vi).sorted() == [], "only in \(locale)")
        }
    }

    @Test func noEmptyTextsAndSamePlaceholders() throws {
        let placeholder = try Regex("\\{[a-z_]+\\}")
        for (key, vi) in catalogue.texts[.vi]! {
            let expected = Set(vi.matches(of: placeholder).map { String(vi[$0.range]) })
            for locale in AppLocale.allCases {
                let text = catalogue.texts[locale]![key] ?? ""
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) empty in \(locale)")
                let found = Set(text.matches(of: placeholder).map { String(text[$0.range]) })
                #expect(found == expected, "\(key) placeholders differ in \(locale)")
            }
        }
    }

    @Test func everyKeyUsedInTheCodeExists() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try Regex(
            "\"((?:auth|nav|common|units|users|audit|home|error|validation|field|role|unitkind|config|cli|import|registry|flag|gender|disability|member|household|area|duplicates|review|reason|vulnerability|class|hardship|indicator|dimension|allowance|relationship|decision|payroll|letter)\\.[a-z0-9_.]+)\""
        )
        var used = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in text.matches(of: pattern) { used.insert(String(m.output[1].substring!)) }
        }
        #expect(used.count > 100)
        let known = Set(catalogue.texts[.vi]!.keys)
        #expect(used.subtracting(known).sorted() == [])
    }

    /// Keys built at run time from enums.
    @Test func dynamicFamilies() {
        var keys: [String] = []
        keys += Role.allCases.map { "role.\($0.rawValue)" }
        keys += UnitKind.allCases.map { "unitkind.\($0.rawValue)" }
        keys += UnitKind.allCases.map { "unitkind.plural.\($0.rawValue)" }
        keys += [
            "create", "update", "update_password", "delete", "disable", "enable", "login", "login_failed", "login_locked", "login_delayed", "logout", "export",
        ]
        .map { "audit.action.\($0)" }
        keys += ["join", "leave", "read_sensitive", "import_official", "import_validated", "import_batch", "import_done"].map { "audit.action.\($0)" }
        keys += ["org_unit", "user", "api_token", "household", "person", "import_job"].map { "audit.entity.\($0)" }
        keys += Gender.allCases.map { "gender.\($0.rawValue)" } + DisabilityLevel.allCases.map { "disability.\($0.rawValue)" }
        keys += MemberRole.allCases.map { "member.\($0.rawValue)" } + HouseholdStatus.allCases.map { "household.status.\($0.rawValue)" }
        keys += AreaType.allCases.map { "area.\($0.rawValue)" } + HouseholdFlag.allCases.map { "flag.\($0.rawValue)" }
        keys += ["validated", "running", "done", "failed"].map { "import.status.\($0)" }
        keys += ["national_id_typo", "name_birth", "name_household"].map { "duplicates.reason.\($0)" }
        keys += ["duplicates_found", "merge", "dismiss"].map { "audit.action.\($0)" } + ["audit.entity.duplicate_pair"]
        keys += RegistryColumn.allCases.map { "field.\($0.rawValue)" }
        keys += ["missing", "link", "content"].map { "audit.reason.\($0)" }
        // Review: classes, steps, kinds, origins, filters, indicators and dimensions of every
        // standard, every reason code the rule can give, hardship kinds, vulnerability flags.
        keys += PovertyClass.allCases.map { "class.\($0.rawValue)" } + CampaignStep.allCases.map { "review.step.\($0.rawValue)" }
        keys += CampaignKind.allCases.map { "review.kind.\($0.rawValue)" } + EntryOrigin.allCases.map { "review.origin.\($0.rawValue)" }
        keys += ["all", "todo", "surveyed", "poor", "near_poor"].map { "review.filter.\($0)" }
        keys += ["listing", "survey", "posting"].flatMap { ["review.advance.\($0)", "review.advance_hint.\($0)"] }
        for s in PovertyRules.shared.standards {
            keys += s.indicators.flatMap { ["indicator.\($0.code)", "dimension.\($0.dimension)"] }
        }
        keys += [
            "income_at_or_below_line", "income_above_line", "deprivations_at_least_min", "deprivations_below_min",
            "income_within_middle_band", "income_above_middle_band", "no_middle_band",
        ].map { "reason.\($0)" }
        keys += HardshipKind.allCases.map { "hardship.kind.\($0.rawValue)" } + VulnerabilityFlag.allCases.map { "vulnerability.\($0.rawValue)" }
        keys += [
            "review_list", "review_request", "review_survey", "review_classify", "review_step", "review_meeting", "review_objection",
            "review_objection_resolve", "review_decision", "hardship", "hardship_support", "difficult_circumstances", "set_fact", "move", "split",
            "merge_household", "relate", "unrelate", "eligibility_run",
        ].map { "audit.action.\($0)" }
        keys += ["review_campaign", "review_entry", "eligibility_run", "rule_setting"].map { "audit.entity.\($0)" }
        // Allowances: every category an evaluation can name, every reason code it can give.
        keys += [
            "D20-5.1", "D20-5.2", "D20-5.3", "D20-5.4", "D20-5.5a", "D20-5.5b", "D20-5.5c", "D20-5.5d", "D20-5.6", "D20-5.7", "D20-5.8",
            "D20-25.1", "SI-22.social_pension",
        ].map { "allowance.category.\($0)" }
        keys += [
            "standard_level", "category", "highest_only", "single_parent_exception", "facility_replaces", "social_pension", "pension_higher",
            "allowance_higher", "died", "last_month_before_stop", "no_category", "funeral", "one_off", "fixed_amount",
        ].map { "reason.\($0)" }
        keys += MaritalStatus.allCases.map { "allowance.marital.\($0.rawValue)" } + ParentStatus.allCases.map { "allowance.parent.\($0.rawValue)" }
        keys += HouseholdPoverty.allCases.map { "allowance.poverty.\($0.rawValue)" } + Supporter.allCases.map { "allowance.supporter.\($0.rawValue)" }
        keys += Residence.allCases.map { "allowance.residence.\($0.rawValue)" } + Studying.allCases.map { "allowance.studying.\($0.rawValue)" }
        keys += ["person", "carer", "facility"].map { "allowance.payee.\($0)" }
        keys += ["reason.couple_one_support", "audit.action.record_facts", "audit.action.record_card", "audit.action.health_insurance_list"]
        keys += ["audit.entity.health_insurance_list"] + PersonCircumstances.names.map { "field.\($0)" }
        keys += HealthInsuranceBasis.allCases.map { "health.basis.\($0.rawValue)" } + ["new", "changed", "same", "removed"].map { "health.change.\($0)" }
        keys += OneOffKind.allCases.map { "one_off.kind.\($0.rawValue)" } + OneOffLifecycle.State.allCases.map { "one_off.status.\($0.rawValue)" }
        keys += FuneralCase.allCases.map { "one_off.case.\($0.rawValue)" } + OtherFuneralBenefit.Source.allCases.map { "one_off.source.\($0.rawValue)" }
        keys += RiceCause.allCases.map { "one_off.cause.\($0.rawValue)" } + OneOffLifecycle.Transition.allCases.map { "audit.action.\($0.rawValue)" }
        keys += ["audit.entity.one_off_decision", "reason.rice", "allowance.category.D20-12.rice"]
        keys += SubjectSource.all.map { "privacy.table.\($0.table)" } + ["audit.action.export_subject_data", "audit.action.verify_identity"]
        keys += ["consent_given", "consent_withdrawn", "consent_refused", "donor_report"].map { "audit.action.\($0)" }
        keys += PersonConsentPurpose.allCases.map { "consent.purpose.\($0.rawValue)" }
        keys += VerificationStatus.allCases.map { "registry.identity.\($0.rawValue)" } + VerificationMethod.allCases.map { "registry.method.\($0.rawValue)" }
        keys += ["not_verified", "mismatch"].map { "decision.error.identity_\($0)" }
        keys +=
            SubjectRequestKind.allCases.map { "privacy.kind.\($0.rawValue)" } + SubjectRequestLifecycle.State.allCases.map { "privacy.status.\($0.rawValue)" }
        keys += SubjectRequestLifecycle.Transition.allCases.flatMap { ["privacy.request_\($0.rawValue)d", "audit.action.\($0.rawValue)"] }
        keys += ["audit.action.receive", "audit.entity.subject_request", "audit.action.reseal", "audit.entity.sealed_field"]
        keys += ProcessingKind.allCases.flatMap { ["privacy.purpose.\($0.rawValue)", "privacy.kind_of_record.\($0.rawValue)"] }
        keys += ["legal_duty", "consent"].map { "privacy.basis.\($0)" }
        keys += ["anonymise", "legal_hold", "release_hold", "erase"].map { "audit.action.\($0)" } + Set(PersonErasure.kept.values).sorted()
        keys +=
            ["audit.entity.privacy_breach", "audit.action.breach_record"]
            + BreachLifecycle.Transition.allCases.flatMap {
                ["audit.action.breach_\($0.rawValue)", "breach.step.\($0.rawValue)", "breach.action.\($0.rawValue)", "breach.done.\($0.rawValue)"]
            }
        keys += OutboxChannel.allCases.map { "outbox.channel.\($0.rawValue)" } + OutboxState.allCases.map { "outbox.state.\($0.rawValue)" }
        keys += ["audit.action.outbox_claim", "audit.action.outbox_sent", "audit.action.outbox_retry"]
        keys += ["audit.action.outbox_dead", "audit.entity.outbox_message", "audit.action.announcement_create", "audit.entity.announcement"]
        keys += ["outbox_opt_out", "outbox_opt_in", "loan_remind"].map { "audit.action.\($0)" }
        keys += AnnouncementAudience.allCases.map { "announcement.audience.\($0.rawValue)" }
        keys += DecisionKind.allCases.map { "outbox.msg.decision.\($0.rawValue)" }
        keys += ["audience", "households", "files", "attachments", "language", "location", "email"].map { "field.\($0)" }
        keys += ["audit.action.request_file_read", "audit.entity.request_deadline", "field.working_days"]
        keys +=
            AnnouncementKind.allCases.map { "announcement.kind.\($0.rawValue)" }
            + AnnouncementLifecycle.State.allCases.map { "announcement.status.\($0.rawValue)" }
        keys += AnnouncementLifecycle.Transition.allCases.flatMap {
            ["audit.action.announcement_\($0.rawValue)", "announcement.do.\($0.rawValue)", "announcement.done.\($0.rawValue)"]
        }
        keys += ["seeking", "placed"].map { "livelihood.seeker.\($0)" } + EnrolmentLifecycle.State.allCases.map { "livelihood.enrolment.\($0.rawValue)" }
        keys += JobReferralLifecycle.State.allCases.map { "livelihood.referral.\($0.rawValue)" }
        keys += CourseOutcomeStatus.allCases.map { "livelihood.outcome.\($0.rawValue)" } + TrainingGroup.allCases.map { "livelihood.group.\($0.rawValue)" }
        keys += LivelihoodEventKind.allCases.map { "livelihood.event.\($0.rawValue)" }
        keys += JobReferralLifecycle.Transition.allCases.flatMap {
            ["livelihood.referral_step.\($0.rawValue)", "livelihood.referral_done.\($0.rawValue)", "audit.action.referral_\($0.rawValue)"]
        }
        keys += EnrolmentLifecycle.Transition.allCases.flatMap {
            ["livelihood.enrolment_step.\($0.rawValue)", "livelihood.enrolment_done.\($0.rawValue)", "audit.action.enrolment_\($0.rawValue)"]
        }
        keys += [
            "job_seeker_register", "referral_create", "course_create", "enrolment_create", "course_outcome", "employer_create", "vacancy_create",
            "livelihood_event_create", "livelihood_event_attend",
        ].map { "audit.action.\($0)" }
        keys += ["job_seeker", "job_referral", "course", "course_enrolment", "employer", "livelihood_event", "loan"].map { "audit.entity.\($0)" }
        keys += LoanLifecycle.State.allCases.map { "loan.status.\($0.rawValue)" } + LoanRules.shared.programmes.map { "loan.programme.\($0.code)" }
        keys += LoanLifecycle.Transition.allCases.flatMap { ["loan.step.\($0.rawValue)", "loan.done.\($0.rawValue)", "audit.action.loan_\($0.rawValue)"] }
        keys += ["audit.action.loan_prepare"] + ["programme", "term_months", "savings_group", "confirmation_number", "bank_decision"].map { "field.\($0)" }
        keys += [
            "skills", "wishes", "constraints", "vacancy_id", "referred_on", "interview_on", "start_on", "wage", "trade", "provider", "starts_on", "ends_on",
            "places", "cost", "enrolled_on", "completed_on", "certificate", "monthly_income", "sector", "group", "partner", "national_id",
        ].map { "field.\($0)" }
        // Education support: levels, ownership, grounds, tuition, states, steps and the audit.
        keys += SchoolLevel.allCases.map { "education.level.\($0.rawValue)" } + SchoolOwnership.allCases.map { "education.ownership.\($0.rawValue)" }
        keys += EducationGround.allCases.map { "education.ground.\($0.rawValue)" } + TuitionTreatment.allCases.map { "education.tuition.\($0.rawValue)" }
        keys += EducationSupportLifecycle.State.allCases.map { "education.status.\($0.rawValue)" }
        keys += EducationSupportLifecycle.Transition.allCases.flatMap {
            ["education.step.\($0.rawValue)", "education.done.\($0.rawValue)", "audit.action.education_support_\($0.rawValue)"]
        }
        keys += ["school_create", "pupil_record", "education_list"].map { "audit.action.\($0)" }
        keys += ["school", "pupil", "education_support"].map { "audit.entity.\($0)" }
        keys += ["level", "ownership", "grade", "school_year", "school_id", "applied_on", "contact", "address", "person_id"].map { "field.\($0)" }
        // Small-business support.
        keys += BusinessKind.allCases.map { "business.kind.\($0.rawValue)" } + BusinessSupportKind.allCases.map { "business.support.\($0.rawValue)" }
        keys += BusinessOutcome.allCases.map { "business.outcome.\($0.rawValue)" } + BusinessLifecycle.State.allCases.map { "business.status.\($0.rawValue)" }
        keys += BusinessLifecycle.Transition.allCases.flatMap {
            ["business.step.\($0.rawValue)", "business.done.\($0.rawValue)", "audit.action.business_\($0.rawValue)"]
        }
        keys += ["audit.action.business_plan", "audit.action.business_support", "audit.entity.business_plan"]
        keys += ["plan", "capital", "loan_id", "outcome", "monthly_income", "amount"].map { "field.\($0)" }
        // Living-conditions works.
        keys += WorkKind.allCases.map { "works.kind.\($0.rawValue)" } + WorkOrigin.allCases.map { "works.origin.\($0.rawValue)" }
        keys += WorkLifecycle.State.allCases.map { "works.status.\($0.rawValue)" } + ["state_budget", "fund"].map { "works.source.\($0)" }
        keys += WorkLifecycle.Transition.allCases.flatMap { ["works.step.\($0.rawValue)", "works.done.\($0.rawValue)", "audit.action.work_\($0.rawValue)"] }
        keys +=
            ["propose", "budget", "photo"].map { "audit.action.work_\($0)" } + ["audit.entity.work"]
            + BeneficiaryKind.allCases.map { "fund.beneficiary.\($0.rawValue)" }
        keys += ["decision", "note", "handed_to", "reason"].map { "works.field.\($0)" }
        keys += ["location", "coordinates", "need", "origin", "request_code", "estimate", "decision", "percent", "handed_to", "caption", "day", "file"].map {
            "field.\($0)"
        }
        keys += RequestKind.allCases.map { "request.kind.\($0.rawValue)" } + RequestLifecycle.State.allCases.map { "request.status.\($0.rawValue)" }
        keys += RequestChannel.allCases.map { "request.channel.\($0.rawValue)" } + RequestOutcome.allCases.map { "request.outcome.\($0.rawValue)" }
        keys += RequestLifecycle.Transition.allCases.flatMap {
            ["audit.action.request_\($0.rawValue)", "request.step.\($0.rawValue)", "request.done.\($0.rawValue)"]
        }
        keys += [
            "audit.action.request_receive", "audit.action.request_escalate", "request.step.receive", "request.step.escalate", "audit.entity.public_request",
        ]
        keys += ["kind", "unit", "residential_group", "text", "name", "phone", "anonymous", "consent", "answer", "assignee", "household_code"].map {
            "field.\($0)"
        }
        keys += BreachLifecycle.State.allCases.map { "breach.status.\($0.rawValue)" } + SensitivityClass.allCases.map { "breach.class.\($0.rawValue)" }
        keys += ["authority_reference", "how", "measure", "outcome"].flatMap { ["breach.field.\($0)", "field.\($0)"] } + ["breach.step.found"]
        keys += [
            "D20-11.funeral", "D20-14.funeral_disaster", "D20-25.3.funeral_facility", "D20-13.serious_injury", "D20-15.1.house_lost",
            "D20-15.2.relocation", "D20-15.3.house_damaged",
        ].map { "allowance.category.\($0)" }
        keys += RelationshipKind.allCases.flatMap { ["relationship.\($0.rawValue)", "relationship.\($0.rawValue)_of"] }
        keys += [
            "income_per_person", "deprivations", "collector", "collected_on", "period", "area_type", "household_code", "posting_start",
            "held_on", "present", "agree", "decision_number", "decision_date", "complainant", "received_on", "text", "resolution",
            "support", "event_kind", "campaign_kind", "occurred_on", "note", "reason", "since", "year", "month", "commune_id", "group_id",
        ]
        .map { "field.\($0)" }
        keys += ["username", "password", "full_name", "role", "unit_id", "locale", "code", "name", "kind", "parent_id", "body"].map { "field.\($0)" }
        // Decisions and payments.
        keys += Benefit.allCases.map { "decision.benefit.\($0.rawValue)" } + DecisionReason.allCases.map { "decision.reason.\($0.rawValue)" }
        keys += DecisionKind.allCases.flatMap { ["decision.kind.\($0.rawValue)", "letter.kind.\($0.rawValue)", "audit.action.\($0.rawValue)"] }
        keys += RecipientKind.allCases.map { "decision.recipient.\($0.rawValue)" } + ApplicationStatus.allCases.map { "decision.status.\($0.rawValue)" }
        keys += ApplicationDocument.allCases.map { "decision.document.\($0.rawValue)" } + ApplicationForm.allCases.map { "decision.form.\($0.rawValue)" }
        keys += PaymentChannel.allCases.map { "payroll.channel.\($0.rawValue)" } + LineStatus.allCases.map { "payroll.line.\($0.rawValue)" }
        keys += ReviewSettings.names.map { "review.setting.\($0.name)" }
        // Residential care.
        keys += AdmissionBasis.allCases.map { "care.basis.\($0.rawValue)" } + Shift.allCases.map { "care.shift.\($0.rawValue)" }
        keys += ResidentLifecycle.State.allCases.map { "care.status.\($0.rawValue)" } + DischargeReason.allCases.map { "care.reason.\($0.rawValue)" }
        keys += CareLogKind.allCases.map { "care.log.\($0.rawValue)" } + DoseStatus.allCases.map { "care.dose.\($0.rawValue)" } + ["care.dose.not_recorded"]
        keys += CareAgeGroup.allCases.map { "care.age.\($0.rawValue)" } + ["male", "female", "mixed"].map { "care.sex.\($0)" }
        keys += ResidentLifecycle.Transition.allCases.map { "audit.action.\($0.rawValue)" } + ["admit", "review_survey_import"].map { "audit.action.\($0)" }
        keys += ["care_resident", "care_room", "care_handover", "staff_position", "staff_member"].map { "audit.entity.\($0)" }
        keys += ["audit.action.staff_leave"]
        keys += SessionKind.allCases.map { "session.kind.\($0.rawValue)" } + TherapyDomain.allCases.map { "therapy.domain.\($0.rawValue)" }
        keys += TherapyLifecycle.State.allCases.map { "therapy.status.\($0.rawValue)" }
        keys += ["record_session", "enrol", "start_therapy", "measure", "discharge"].map { "audit.action.\($0)" }
        keys += ["care_session", "therapy_enrolment"].map { "audit.entity.\($0)" }
        keys += EducationKind.allCases.map { "care.education.\($0.rawValue)" } + ["audit.action.job_placement"]
        keys += CareDomain.allCases.map { "care.domain.\($0.rawValue)" } + GoalStatus.allCases.map { "care.goal.\($0.rawValue)" }
        keys += LeaveKind.allCases.map { "care.leave.\($0.rawValue)" } + IncidentKind.allCases.map { "care.incident.\($0.rawValue)" }
        keys +=
            IncidentSeverity.allCases.map { "care.severity.\($0.rawValue)" } + IncidentLifecycle.State.allCases.map { "care.incident_status.\($0.rawValue)" }
        keys += IncidentLifecycle.Transition.allCases.map { "audit.action.\($0.rawValue)" } + ["audit.entity.care_incident"]
        keys += HealthEventKind.allCases.map { "care.health.\($0.rawValue)" }
        keys += RoomType.allCases.map { "contract.room.\($0.rawValue)" } + ContractTerm.allCases.map { "contract.term.\($0.rawValue)" }
        keys += ContractLifecycle.State.allCases.map { "contract.status.\($0.rawValue)" } + PaymentMethod.allCases.map { "contract.method.\($0.rawValue)" }
        keys += ContractLifecycle.Transition.allCases.map { "audit.action.\($0.rawValue)" } + ["sign_contract", "set_price"].map { "audit.action.\($0)" }
        keys += ["care_contract", "care_price", "care_shift"].map { "audit.entity.\($0)" } + ["audit.action.record_shift"]
        keys += ["create_fund", "add_donor", "record_receipt", "propose_disbursement", "close_books", "receipt_reverse"].map { "audit.action.\($0)" }
        keys += DisbursementLifecycle.Transition.allCases.map { "audit.action.\(DisbursementLifecycle.auditAction($0))" }
        keys += ["fund", "donor", "fund_receipt", "fund_disbursement"].map { "audit.entity.\($0)" }
        keys += DisbursementKind.allCases.map { "fund.kind.\($0.rawValue)" } + FundKind.allCases.map { "fund.type.\($0.rawValue)" }
        keys += ReceiptMethod.allCases.map { "fund.method.\($0.rawValue)" } + LedgerAccount.allCases.map { "fund.account.\($0.rawValue)" }
        keys += BeneficiaryKind.allCases.map { "fund.beneficiary.\($0.rawValue)" } + DonorKind.allCases.map { "fund.donor_kind.\($0.rawValue)" }
        keys +=
            DisbursementLifecycle.State.allCases.map { "fund.status.\($0.rawValue)" } + ReceiptLifecycle.State.allCases.map { "fund.receipt.\($0.rawValue)" }
        keys += ["receipt", "disbursement", "reversal"].map { "fund.journal.\($0)" }
        keys += GiftOccasion.allCases.map { "campaign.occasion.\($0.rawValue)" } + GiftCategory.allCases.map { "campaign.category.\($0.rawValue)" }
        keys += GiftUnit.allCases.map { "campaign.per.\($0.rawValue)" } + GiftKind.allCases.map { "campaign.kind.\($0.rawValue)" }
        keys += GiftCampaignLifecycle.State.allCases.map { "campaign.status.\($0.rawValue)" } + MeritCategory.allCases.map { "merit.\($0.rawValue)" }
        keys += GiftCampaignLifecycle.Transition.allCases.map { "audit.action.\(GiftCampaignLifecycle.auditAction($0))" }
        keys += ["create_campaign", "record_merit"].map { "audit.action.\($0)" } + ["audit.entity.gift_campaign"]
        keys += ["pending", "handed", "not_handed"].map { "campaign.line.\($0)" }
        keys += CycleStatus.allCases.map { "payroll.status.\($0.rawValue)" } + ["paid", "pending", "missed"].map { "allowance.status.\($0)" }
        keys += ["review", "post", "refuse", "generate", "submit", "approve", "send_back", "settle", "close"].map { "audit.action.\($0)" }
        keys += ["allowance_application", "allowance_decision", "payment_cycle", "payment_budget", "review_setting"].map { "audit.entity.\($0)" }
        keys += [
            "form_type", "received_date", "documents", "recipient_kind", "recipient_name", "channel", "account", "refusal_reason", "signed_date",
            "event_date", "paid_before", "number", "decision_kind", "effective_month", "benefit", "line_id", "status", "file", "line", "objections", "amount",
        ]
        .map { "field.\($0)" }
        // The support guide: each regime's plain words and each line's label.
        keys += SupportGuide.shared.regimes.flatMap { r in ["title", "who", "how"].map { "guide.\(r.id).\($0)" } + r.lines.map(\.label) }
        keys += ["outbox.msg.late", "outbox.msg.household_changed", "field.ward", "request.step.household_change"]
        keys += ["join", "leave", "move", "split", "merge"].map { "request.change.\($0)" }
        for locale in AppLocale.allCases {
            #expect(keys.filter { catalogue.texts[locale]![$0] == nil } == [], "\(locale)")
        }
    }

    @Test func argumentsThatAreKeysAreTranslated() {
        let m = Message("validation.kind_not_allowed_under", ["kind": "@unitkind.department", "parent": "@unitkind.commune"])
        #expect(catalogue.text(m, .en) == "A Department cannot be placed under a Commune/ward.")
    }
}
