import AnsinhCore
import AnsinhStore
import FluentKit
import Vapor

/// The record a form's path names (`:id`), looked up within the actor's units **before** the
/// form is read: another unit's record is "not found" (404) whatever the form holds, never a
/// form sent back with a message about its fields, which would say the record exists. Every
/// POST route is registered through `RoutesBuilder.post`/`upload`, which runs this first.
extension SiteRoute {
    func requireRecordInScope(_ req: Request) async throws {
        guard let actor = req.actor, let raw = req.parameters.get("id") else { return }
        guard let id = UUID(uuidString: raw) else { throw AppError.notFound }
        let store = req.store
        switch self {
        case .householdMembers, .householdLeave, .householdMove, .householdSplit, .householdMerge, .householdHardship, .householdCircumstance:
            _ = try await store.scoped(HouseholdModel.self, id, actor)
        case .personEdit, .personRelationships, .personApplications, .personDecisions, .personFacts, .personHealthCard, .personVerification,
            .personVerificationConnector, .personDataRequests, .personConsents:
            _ = try await store.scoped(PersonModel.self, id, actor)
        case .relationshipEnd:
            guard let r = try await RelationshipModel.find(id, on: store.db) else { throw AppError.notFound }
            _ = try await store.scoped(PersonModel.self, r.personID, actor)
        case .importRun:
            _ = try await store.scoped(ImportJobModel.self, id, actor)
        case .duplicateMerge, .duplicateDismiss:
            _ = try await store.scoped(DuplicatePairModel.self, id, actor)
        case .reviewList, .reviewRequest, .reviewClassify, .reviewAdvance, .reviewMeeting, .reviewPosting, .reviewObjections, .reviewDecision,
            .reviewSurveyImport, .reviewHold:
            _ = try await store.scoped(ReviewCampaignModel.self, id, actor)
        case .reviewEntry:
            _ = try await store.scoped(ReviewEntryModel.self, id, actor)
        case .careHold, .careBed, .careDischarge, .careLog, .carePrescriptions, .careEducation, .carePlacements, .careGoals, .carePlanReviews, .careLeave,
            .careReturn, .careIncidents, .careHealth:
            _ = try await store.scoped(CareResidentModel.self, id, actor)
        case .careContractInvoices, .careContractPayments, .careContractEnd:
            _ = try await store.scoped(CareContractModel.self, id, actor)
        case .careIncidentFollowUp:
            _ = try await store.scoped(CareIncidentModel.self, id, actor)
        case .careEnrolmentStart, .careEnrolmentMeasures, .careEnrolmentDischarge:
            _ = try await store.scoped(TherapyEnrolmentModel.self, id, actor)
        case .fund, .fundReceipts, .fundDisbursements, .fundClose, .fundPledges:
            _ = try await store.scoped(FundModel.self, id, actor)
        case .fundReceiptReverse:
            _ = try await store.scoped(FundReceiptModel.self, id, actor)
        case .donor, .donorHold:
            _ = try await store.scoped(DonorModel.self, id, actor)
        case .pledgeCancel:
            _ = try await store.scoped(FundPledgeModel.self, id, actor)
        case .disbursementApprove, .disbursementReject, .disbursementReverse:
            _ = try await store.scoped(FundDisbursementModel.self, id, actor)
        case .giftTypes, .giftGenerate, .giftHandouts, .giftClose, .giftHold:
            _ = try await store.scoped(GiftCampaignModel.self, id, actor)
        case .staffLeave:
            _ = try await store.scoped(StaffMemberModel.self, id, actor)
        case .careDoses:
            guard let p = try await CarePrescriptionModel.find(id, on: store.db) else { throw AppError.notFound }
            _ = try await store.scoped(CareResidentModel.self, p.residentID, actor)
        case .reviewObjectionResolve:
            guard let o = try await ReviewObjectionModel.find(id, on: store.db) else { throw AppError.notFound }
            _ = try await store.scoped(ReviewEntryModel.self, o.entryID, actor)
        case .reviewAlertResolve:
            _ = try await store.scoped(HardshipEventModel.self, id, actor)
        case .applicationReview, .applicationPost, .applicationDecide, .applicationRefuse, .applicationHold:
            _ = try await store.scoped(AllowanceApplicationModel.self, id, actor)
        case .decisionHold:
            _ = try await store.scoped(AllowanceDecisionModel.self, id, actor)
        case .personConsentWithdraw:
            _ = try await store.scoped(PersonConsentModel.self, id, actor)
        case .dataRequestComplete, .dataRequestRefuse, .dataRequestErase:
            _ = try await store.scoped(SubjectRequestModel.self, id, actor)
        case .breachStep:
            _ = try await store.scoped(BreachModel.self, id, actor)
        case .requestStep, .requestConvert, .requestApplication, .requestHousehold, .requestCentre, .wardRequestCase, .wardRequestGiveBack:
            // A request forwarded to a centre is reached from the centre too (`sharedPath`).
            _ = try await store.scoped(PublicRequestModel.self, id, actor)
        case .announcementStep:
            _ = try await store.scoped(AnnouncementModel.self, id, actor)
        case .livelihoodRefer:
            _ = try await store.scoped(JobSeekerModel.self, id, actor)
        case .livelihoodReferralStep:
            _ = try await store.scoped(JobReferralModel.self, id, actor)
        case .livelihoodEnrol:
            _ = try await store.scoped(CourseModel.self, id, actor)
        case .livelihoodEnrolmentStep, .livelihoodOutcome:
            _ = try await store.scoped(EnrolmentModel.self, id, actor)
        case .livelihoodVacancy:
            _ = try await store.scoped(EmployerModel.self, id, actor)
        case .livelihoodAttend:
            _ = try await store.scoped(LivelihoodEventModel.self, id, actor)
        case .livelihoodLoanStep:
            _ = try await store.scoped(LoanModel.self, id, actor)
        case .livelihoodBusinessSupport, .livelihoodBusinessStep:
            _ = try await store.scoped(BusinessPlanModel.self, id, actor)
        case .educationSchoolList:
            _ = try await store.scoped(SchoolModel.self, id, actor)
        case .educationSupportStep:
            _ = try await store.scoped(EducationSupportModel.self, id, actor)
        case .workStep, .workBudget, .workPhotos:
            _ = try await store.scoped(WorkModel.self, id, actor)
        case .oneOffHandOut, .oneOffCancel:
            _ = try await store.scoped(OneOffDecisionModel.self, id, actor)
        case .paymentSubmit, .paymentApprove, .paymentSendBack, .paymentSettle, .paymentConfirm, .paymentClose, .paymentHold:
            _ = try await store.scoped(PaymentCycleModel.self, id, actor)
        case .caseStep, .caseEntries, .caseConsents, .caseReferrals, .caseFile, .caseWorker, .caseTasks, .caseDocuments, .caseHold:
            _ = try await store.scoped(CaseModel.self, id, actor)
        case .consentWithdraw:
            _ = try await store.scoped(CaseConsentModel.self, id, actor)
        case .taskClose:
            _ = try await store.scoped(CaseTaskModel.self, id, actor)
        case .referralOutcome:
            _ = try await store.scoped(CaseReferralModel.self, id, actor)
        case .hotlineOpenCase, .hotlineLinkCase, .hotlineCallback, .hotlineHold:
            _ = try await store.scoped(HotlineContactModel.self, id, actor)
        case .unitEdit, .unitDelete, .unitFacts:
            _ = try await store.scoped(OrgUnitModel.self, id, actor)
        case .userEdit, .userDisable, .userEnable, .userToken:
            guard let u = try await UserModel.find(id, on: store.db) else { throw AppError.notFound }
            _ = try await store.scoped(OrgUnitModel.self, u.unitID, actor)
        default:
            // Tokens are one's own (checked by their owner); API routes answer by their DTOs.
            return
        }
    }
}
