import AnsinhCore
import Foundation
import Vapor

/// The JSON API under `/api/v1`.
public enum ApiRoute: Hashable, Sendable, CaseIterable {
    public static let allCases: [ApiRoute] =
        [
            .openapi, .me, .mePassword, .tokens, .tokenRevoke(nil), .units, .unit(nil), .users, .user(nil), .audit,
            .auditVerify, .persons, .households, .household(nil), .povertyClassify, .allowancesEvaluate,
            .paymentCycles, .paymentCycle(nil), .paymentCycleLines(nil), .paymentCycleChannelFile(nil), .paymentCycleConfirmation(nil), .paymentBudgets,
            .eligibilityRuns, .eligibilityRunResults(nil), .ruleSettings, .personRelationships(nil), .relationshipEnd(nil), .duplicates,
            .duplicateMerge(nil), .duplicateDismiss(nil), .hardshipAlerts, .householdHardship(nil), .hardshipResolve(nil),
            .householdCircumstances(nil), .unitFacts(nil), .userDisable(nil), .userEnable(nil), .reviewSettings,
            .applications, .application(nil), .personApplications(nil), .personDecisions(nil),
            .decision(nil), .personFacts(nil), .personAllowance(nil), .healthInsuranceLists, .healthInsuranceList(nil), .personHealthCards(nil),
            .oneOffs, .oneOff(nil), .oneOffHandOut(nil), .oneOffCancel(nil), .personVerifications(nil), .personVerificationConnector(nil),
            .personData(nil),
            .personDataRequests(nil), .dataRequestAction(nil, .complete), .dataRequestAction(nil, .refuse), .dataRequestErase(nil), .breaches, .breach(nil),
            .personConsents(nil), .personConsentWithdraw(nil), .fundDonorReport(nil), .caseHold(nil), .careHold(nil),
            .decisionHold(nil), .paymentCycleHold(nil), .donorHold(nil), .applicationHold(nil), .giftCampaignHold(nil),
        ] + BreachLifecycle.Transition.allCases.map { .breachAction(nil, $0) }
        + CycleLifecycle.Transition.allCases.filter { $0 != .prepare }.map { .paymentCycleAction(nil, $0) }
        + ApplicationLifecycle.Transition.allCases.map { .applicationAction(nil, $0) }
        + [.reviewCampaigns, .reviewCampaign(nil), .reviewCampaignEntries(nil), .reviewSurvey(nil), .reviewObjectionResolve(nil)]
        + CampaignAction.allCases.map { .reviewCampaignAction(nil, $0) }
        + [.householdMembers(nil), .person(nil), .imports, .importJob(nil), .importRun(nil)] + HouseholdChange.allCases.map { .householdChange(nil, $0) }
        + [
            .cases, .caseItem(nil), .caseTransitions(nil), .caseEntries(nil), .centreReport, .hotlineContacts, .hotlineContact(nil), .hotlineContactCase(nil),
            .hotlineReport, .caseConsents(nil), .consentWithdrawal(nil), .caseReferrals(nil), .caseFile(nil), .referrals, .referral(nil),
            .referralOutcome(nil), .caseWorker(nil), .hotlineContactLink(nil), .caseTasks(nil), .hotlineContactCallback(nil), .hotlineContactHold(nil), .tasks,
            .taskClose(nil),
            .caseDocuments(nil), .caseDocument(nil), .caseSettings, .reviewSurveyImport(nil), .takeOver,
            .careResidents, .careResident(nil), .careBed(nil), .careDischarge(nil), .careLog(nil), .carePrescriptions(nil), .careDoses(nil),
            .careHandover, .careRooms, .careOccupancy, .staffPlan, .staffPositions, .staffMembers, .staffLeave(nil),
            .careSessions, .careTherapy, .careEnrolment(nil), .careEnrolmentStart(nil), .careEnrolmentMeasures(nil), .careEnrolmentDischarge(nil),
            .careEducation(nil), .carePlacements(nil),
            .carePlan(nil), .careGoals(nil), .carePlanReviews(nil), .careLeave(nil), .careReturn(nil), .careIncidents(nil),
            .careIncidentFollowUp(nil), .careReminders,
            .careContracts, .careContract(nil), .careContractInvoices(nil), .careContractPayments(nil), .careContractEnd(nil), .careInvoicesRun,
            .carePrices, .careInvoice(nil), .careShifts, .careHealth(nil),
            .funds, .fund(nil), .fundReceipts(nil), .fundDisbursements(nil), .fundLedger(nil), .fundClose(nil), .donors, .donor(nil), .donorDuplicates,
            .fundReceipt(nil), .fundReceiptReverse(nil), .disbursement(nil), .fundsReport, .fundPledges(nil), .pledgeCancel(nil), .donorPledges(nil),
            .giftCampaigns, .giftCampaign(nil), .giftTypes(nil), .giftGenerate(nil), .giftEntries(nil), .giftHandouts(nil), .giftClose(nil),
            .giftEntryHandOut(nil), .giftEntryNotHanded(nil), .giftReport, .meritRecords, .wardReport,
        ] + DisbursementLifecycle.Transition.allCases.map { .disbursementAction(nil, $0) }
        + [
            .publicRequests, .publicRequest(nil), .publicRequestMessages(nil), .requestFiles(nil), .requestFile(nil), .requestDeadlines, .requests,
            .request(nil), .requestsReport,
            .requestApplication(nil), .requestHousehold(nil), .requestCentre(nil), .wardRequests, .wardRequest(nil), .wardRequestCase(nil),
            .wardRequestGiveBack(nil),
        ]
        + RequestLifecycle.Transition.allCases.map { .requestAction(nil, $0) }
        + [.announcements, .announcement(nil), .publicAnnouncements, .publicSupport, .publicPostings]
        + AnnouncementLifecycle.Transition.allCases.map { .announcementAction(nil, $0) }
        + [
            .jobSeekers, .jobSeeker(nil), .jobSeekerReferrals(nil), .courses, .course(nil), .courseEnrolments(nil), .enrolmentOutcomes(nil),
            .courseFollowUps, .employers, .employerVacancies(nil), .livelihoodEvents, .livelihoodEventAttendance(nil),
            .loans, .loan(nil), .loanReminders,
        ] + LoanLifecycle.Transition.allCases.map { .loanAction(nil, $0) } + JobReferralLifecycle.Transition.allCases.map { .jobReferralAction(nil, $0) }
        + EnrolmentLifecycle.Transition.allCases.map { .enrolmentAction(nil, $0) }
        + [.schools, .school(nil), .schoolSupports(nil), .pupils, .childrenWithoutSchool, .educationSupport(nil)]
        + EducationSupportLifecycle.Transition.allCases.map { .educationSupportAction(nil, $0) }
        + [.businessPlans, .businessPlan(nil), .businessSupports(nil)] + BusinessLifecycle.Transition.allCases.map { .businessAction(nil, $0) }
        + [.works, .work(nil), .workBudget(nil), .workPhotos(nil), .workPhoto(nil), .policyHouses]
        + WorkLifecycle.Transition.allCases.map { .workAction(nil, $0) }
    /// Residents' requests: sent without an account and followed by tracking code and phone; the
    /// officers' inbox, one request, each step of `RequestLifecycle` (`convert`: into a
    /// sudden-hardship event), the month's report.
    case publicRequests, publicRequest(String?), requests, request(UUID?), requestAction(UUID?, RequestLifecycle.Transition), requestsReport,
        requestApplication(UUID?), publicRequestMessages(String?), requestFiles(UUID?), requestFile(UUID?), requestDeadlines, requestHousehold(UUID?)
    /// A request forwarded to a centre; the centre's list of them, one, a case opened from it, given back.
    case requestCentre(UUID?), wardRequests, wardRequest(UUID?), wardRequestCase(UUID?), wardRequestGiveBack(UUID?)
    /// Announcements: list and new, one, publish or withdraw; the current ones without a token.
    case announcements, announcement(UUID?), announcementAction(UUID?, AnnouncementLifecycle.Transition), publicAnnouncements
    /// The ward's information without a token: the support regimes with this month's amounts, the lists posted.
    case publicSupport, publicPostings
    /// Jobs and training: job seekers (list, register), one with suggestions, a referral and its
    /// steps; courses (list, new), one, an enrolment, its steps and outcomes, the follow-ups due;
    /// employers (list, new) and a vacancy; counselling sessions and job fairs and who came.
    case jobSeekers, jobSeeker(UUID?), jobSeekerReferrals(UUID?), jobReferralAction(UUID?, JobReferralLifecycle.Transition)
    case courses, course(UUID?), courseEnrolments(UUID?), enrolmentAction(UUID?, EnrolmentLifecycle.Transition), enrolmentOutcomes(UUID?), courseFollowUps
    case employers, employerVacancies(UUID?), livelihoodEvents, livelihoodEventAttendance(UUID?)
    /// Loans from the Vietnam Bank for Social Policies: list and new dossier, one, each step.
    case loans, loan(UUID?), loanAction(UUID?, LoanLifecycle.Transition), loanReminders
    /// Small-business support: plans (list, new), one, support given, each step.
    case businessPlans, businessPlan(UUID?), businessSupports(UUID?), businessAction(UUID?, BusinessLifecycle.Transition)
    /// Education support: schools (list, new), one, its list for a school year (and worked out
    /// again), a pupil recorded, the children with no school, one line and its steps.
    case schools, school(UUID?), schoolSupports(UUID?), pupils, childrenWithoutSchool, educationSupport(UUID?)
    case educationSupportAction(UUID?, EducationSupportLifecycle.Transition)
    /// Living-conditions works: list and proposal, one, each step, state budget, photos.
    case works, work(UUID?), workAction(UUID?, WorkLifecycle.Transition), workBudget(UUID?), workPhotos(UUID?), workPhoto(UUID?), policyHouses
    case openapi, me, mePassword, tokens, tokenRevoke(UUID?), units, unit(UUID?), users, user(UUID?), audit, auditVerify, persons, households,
        household(UUID?), povertyClassify, allowancesEvaluate
    /// Payment cycles: prepare (POST on the list), read, lines, and each step of `CycleLifecycle`.
    case paymentCycles, paymentCycle(UUID?), paymentCycleLines(UUID?), paymentCycleAction(UUID?, CycleLifecycle.Transition)
    /// A unit's dated facts; disabling and enabling an account.
    case unitFacts(UUID?), userDisable(UUID?), userEnable(UUID?)
    /// The review's national settings.
    case reviewSettings
    /// Sudden hardship alerts and their support; a household's difficult circumstances.
    case hardshipAlerts, householdHardship(UUID?), hardshipResolve(UUID?), householdCircumstances(UUID?)
    /// A person's relationships; the duplicate review queue.
    case personRelationships(UUID?), relationshipEnd(UUID?), duplicates, duplicateMerge(UUID?), duplicateDismiss(UUID?)
    /// Eligibility runs over the registry and their results; the named rule settings.
    case eligibilityRuns, eligibilityRunResults(UUID?), ruleSettings
    /// A cycle's channel file (CSV or XLSX) and the channel's confirmation file sent back.
    case paymentCycleChannelFile(UUID?), paymentCycleConfirmation(UUID?), paymentBudgets
    /// Applications and decisions: each step of `ApplicationLifecycle`, a person's ledger.
    case applications, application(UUID?), applicationAction(UUID?, ApplicationLifecycle.Transition), personApplications(UUID?)
    case personDecisions(UUID?), decision(UUID?)
    /// A person's dated circumstances and the allowance evaluated from what is stored.
    case personFacts(UUID?), personAllowance(UUID?)
    /// Health-insurance entitlement lists and a person's cards.
    case healthInsuranceLists, healthInsuranceList(UUID?), personHealthCards(UUID?)
    case oneOffs, oneOff(UUID?), oneOffHandOut(UUID?), oneOffCancel(UUID?), personVerifications(UUID?), personVerificationConnector(UUID?), personData(UUID?)
    case personDataRequests(UUID?), dataRequestAction(UUID?, SubjectRequestLifecycle.Transition), dataRequestErase(UUID?)
    case personConsents(UUID?), personConsentWithdraw(UUID?), fundDonorReport(UUID?), caseHold(UUID?), careHold(UUID?)
    case decisionHold(UUID?), paymentCycleHold(UUID?), donorHold(UUID?), applicationHold(UUID?)
    /// The breach log: list (and record), one breach, each step of `BreachLifecycle`.
    case breaches, breach(UUID?), breachAction(UUID?, BreachLifecycle.Transition)
    /// Review campaigns: the list, one campaign, its entries, each step, a survey, an objection.
    case reviewCampaigns, reviewCampaign(UUID?), reviewCampaignEntries(UUID?), reviewCampaignAction(UUID?, CampaignAction), reviewSurvey(UUID?)
    case reviewObjectionResolve(UUID?)
    /// Row imports: a campaign's survey results; the paper list of beneficiaries taken over.
    case reviewSurveyImport(UUID?), takeOver
    /// Residential care: residents (list, admission), one resident and its actions, a dose, the
    /// handover, rooms, occupancy.
    case careResidents, careResident(UUID?), careBed(UUID?), careDischarge(UUID?), careLog(UUID?), carePrescriptions(UUID?), careDoses(UUID?)
    case careHandover, careRooms, careOccupancy
    /// The centre's job-position plan and staff.
    case staffPlan, staffPositions, staffMembers, staffLeave(UUID?)
    /// Sessions; the therapy programme and each step of `TherapyLifecycle`.
    case careSessions, careTherapy, careEnrolment(UUID?), careEnrolmentStart(UUID?), careEnrolmentMeasures(UUID?), careEnrolmentDischarge(UUID?)
    /// A resident's schooling or training, and a job found after it.
    case careEducation(UUID?), carePlacements(UUID?)
    /// A resident's health record: a check-up, diagnosis, hospital visit or stay, vaccination.
    case careHealth(UUID?)
    /// Fee-paying care: contracts (list, new), one contract, a month's invoice, a payment, its
    /// end; a month invoiced for every contract; the price list; one invoice.
    case careContracts, careContract(UUID?), careContractInvoices(UUID?), careContractPayments(UUID?), careContractEnd(UUID?), careInvoicesRun
    case carePrices, careInvoice(UUID?)
    /// A shift's whole sheet of log lines and doses.
    case careShifts
    /// A resident's care plan, leave and incidents (read; a goal, a review, signed out, back, an
    /// incident, its follow-up) and what is overdue or open.
    case carePlan(UUID?), careGoals(UUID?), carePlanReviews(UUID?), careLeave(UUID?), careReturn(UUID?), careIncidents(UUID?)
    case careIncidentFollowUp(UUID?), careReminders
    /// Registry writes: members, a person's facts, a household's changes.
    case householdMembers(UUID?), person(UUID?), householdChange(UUID?, HouseholdChange)
    /// Registry imports: upload, one job, run.
    case imports, importJob(UUID?), importRun(UUID?)
    /// Cases: the list and intake, one case, a step of `CaseLifecycle`; the centre's report.
    case cases, caseItem(UUID?), caseTransitions(UUID?), caseEntries(UUID?), centreReport
    /// The hotline: contacts (list and record), one contact, a case opened from it, the report.
    case hotlineContacts, hotlineContact(UUID?), hotlineContactCase(UUID?), hotlineReport
    /// A case's consents and their withdrawal, its referrals and its shared file; the referrals
    /// sent from or to the caller's units, one referral and its outcome.
    case caseConsents(UUID?), consentWithdrawal(UUID?), caseReferrals(UUID?), caseFile(UUID?), referrals, referral(UUID?), referralOutcome(UUID?)
    /// A case handed to another worker; a contact linked to a case already open.
    case caseWorker(UUID?), hotlineContactLink(UUID?)
    /// Tasks: of a case, a call back from a contact, the open tasks, closing one.
    case caseTasks(UUID?), hotlineContactCallback(UUID?), tasks, taskClose(UUID?), hotlineContactHold(UUID?)
    /// A case's files: the list and an upload (the file is the body), one file.
    case caseDocuments(UUID?), caseDocument(UUID?)
    /// The case deadlines by risk level.
    case caseSettings
    /// Donated money: funds, a fund's receipts, disbursements, books and closing; donors and
    /// their possible duplicates; a receipt and its reversal; a disbursement and each step of
    /// `DisbursementLifecycle`; the year's figures of a unit's funds.
    case funds, fund(UUID?), fundReceipts(UUID?), fundDisbursements(UUID?), fundLedger(UUID?), fundClose(UUID?), donors, donor(UUID?), donorDuplicates
    case fundReceipt(UUID?), fundReceiptReverse(UUID?), disbursement(UUID?), disbursementAction(UUID?, DisbursementLifecycle.Transition), fundsReport
    /// A fund's pledges (list, new), a pledge cancelled, a donor's pledges to every fund.
    case fundPledges(UUID?), pledgeCancel(UUID?), donorPledges(UUID?)
    /// Gift campaigns: list, one, a gift type, the list made, its lines, a ticked hand-out, the
    /// closing; one line handed out or not; the gifts report; merit records; the ward report.
    case giftCampaigns, giftCampaign(UUID?), giftTypes(UUID?), giftGenerate(UUID?), giftEntries(UUID?), giftHandouts(UUID?), giftClose(UUID?)
    case giftCampaignHold(UUID?)
    case giftEntryHandOut(UUID?), giftEntryNotHanded(UUID?), giftReport, meritRecords, wardReport

    var segments: [SiteRoute.Segment] {
        switch self {
        case .openapi: return [.fixed("openapi.json")]
        case .me: return [.fixed("me")]
        case .mePassword: return [.fixed("me"), .fixed("password")]
        case .tokens: return [.fixed("tokens")]
        case .tokenRevoke(let id): return [.fixed("tokens"), .id("id", id), .fixed("revoke")]
        case .units: return [.fixed("units")]
        case .unit(let id): return [.fixed("units"), .id("id", id)]
        case .users: return [.fixed("users")]
        case .user(let id): return [.fixed("users"), .id("id", id)]
        case .audit: return [.fixed("audit")]
        case .auditVerify: return [.fixed("audit"), .fixed("verify")]
        case .persons: return [.fixed("persons")]
        case .households: return [.fixed("households")]
        case .household(let id): return [.fixed("households"), .id("id", id)]
        case .povertyClassify: return [.fixed("poverty"), .fixed("classify")]
        case .allowancesEvaluate: return [.fixed("allowances"), .fixed("evaluate")]
        case .householdMembers(let id): return [.fixed("households"), .id("id", id), .fixed("members")]
        case .person(let id): return [.fixed("persons"), .id("id", id)]
        case .householdChange(let id, let c): return [.fixed("households"), .id("id", id), .fixed(c.rawValue)]
        case .imports: return [.fixed("imports")]
        case .importJob(let id): return [.fixed("imports"), .id("id", id)]
        case .importRun(let id): return [.fixed("imports"), .id("id", id), .fixed("run")]
        case .reviewCampaigns: return [.fixed("review"), .fixed("campaigns")]
        case .reviewCampaign(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id)]
        case .reviewCampaignEntries(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("entries")]
        case .reviewCampaignAction(let id, let a): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed(a.rawValue)]
        case .reviewSurvey(let id): return [.fixed("review"), .fixed("entries"), .id("id", id), .fixed("survey")]
        case .reviewObjectionResolve(let id): return [.fixed("review"), .fixed("objections"), .id("id", id), .fixed("resolve")]
        case .applications: return [.fixed("applications")]
        case .application(let id): return [.fixed("applications"), .id("id", id)]
        case .applicationAction(let id, let t): return [.fixed("applications"), .id("id", id), .fixed(t.rawValue)]
        case .personApplications(let id): return [.fixed("persons"), .id("id", id), .fixed("applications")]
        case .personDecisions(let id): return [.fixed("persons"), .id("id", id), .fixed("decisions")]
        case .personFacts(let id): return [.fixed("persons"), .id("id", id), .fixed("facts")]
        case .personAllowance(let id): return [.fixed("persons"), .id("id", id), .fixed("allowance")]
        case .healthInsuranceLists: return [.fixed("health-insurance"), .fixed("lists")]
        case .healthInsuranceList(let id): return [.fixed("health-insurance"), .fixed("lists"), .id("id", id)]
        case .personHealthCards(let id): return [.fixed("persons"), .id("id", id), .fixed("health-cards")]
        case .oneOffs: return [.fixed("one-off-benefits")]
        case .personVerifications(let id): return [.fixed("persons"), .id("id", id), .fixed("verifications")]
        case .personVerificationConnector(let id): return [.fixed("persons"), .id("id", id), .fixed("verifications"), .fixed("connector")]
        case .personData(let id): return [.fixed("persons"), .id("id", id), .fixed("data")]
        case .personDataRequests(let id): return [.fixed("persons"), .id("id", id), .fixed("data-requests")]
        case .personConsents(let id): return [.fixed("persons"), .id("id", id), .fixed("consents")]
        case .personConsentWithdraw(let id): return [.fixed("person-consents"), .id("id", id), .fixed("withdraw")]
        case .fundDonorReport(let id): return [.fixed("funds"), .id("id", id), .fixed("donor-report")]
        case .caseHold(let id): return [.fixed("cases"), .id("id", id), .fixed("hold")]
        case .careHold(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("hold")]
        case .decisionHold(let id): return [.fixed("decisions"), .id("id", id), .fixed("hold")]
        case .applicationHold(let id): return [.fixed("applications"), .id("id", id), .fixed("hold")]
        case .paymentCycleHold(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("hold")]
        case .donorHold(let id): return [.fixed("donors"), .id("id", id), .fixed("hold")]
        case .dataRequestAction(let id, let t): return [.fixed("data-requests"), .id("id", id), .fixed(t.rawValue)]
        case .dataRequestErase(let id): return [.fixed("data-requests"), .id("id", id), .fixed("erase")]
        case .breaches: return [.fixed("breaches")]
        case .breach(let id): return [.fixed("breaches"), .id("id", id)]
        case .breachAction(let id, let t): return [.fixed("breaches"), .id("id", id), .fixed(t.rawValue.replacingOccurrences(of: "_", with: "-"))]
        case .oneOff(let id): return [.fixed("one-off-benefits"), .id("id", id)]
        case .oneOffHandOut(let id): return [.fixed("one-off-benefits"), .id("id", id), .fixed("hand-out")]
        case .oneOffCancel(let id): return [.fixed("one-off-benefits"), .id("id", id), .fixed("cancel")]
        case .decision(let id): return [.fixed("decisions"), .id("id", id)]
        case .reviewSurveyImport(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("survey-import")]
        case .takeOver: return [.fixed("allowances"), .fixed("take-over")]
        case .careResidents: return [.fixed("care"), .fixed("residents")]
        case .careResident(let id): return [.fixed("care"), .fixed("residents"), .id("id", id)]
        case .careBed(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("bed")]
        case .careDischarge(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("discharge")]
        case .careLog(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("log")]
        case .carePrescriptions(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("prescriptions")]
        case .careDoses(let id): return [.fixed("care"), .fixed("prescriptions"), .id("id", id), .fixed("doses")]
        case .careHandover: return [.fixed("care"), .fixed("handover")]
        case .careRooms: return [.fixed("care"), .fixed("rooms")]
        case .careOccupancy: return [.fixed("care"), .fixed("occupancy")]
        case .careEducation(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("education")]
        case .carePlacements(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("placements")]
        case .careHealth(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("health")]
        case .careContracts: return [.fixed("care"), .fixed("contracts")]
        case .careContract(let id): return [.fixed("care"), .fixed("contracts"), .id("id", id)]
        case .careContractInvoices(let id): return [.fixed("care"), .fixed("contracts"), .id("id", id), .fixed("invoices")]
        case .careContractPayments(let id): return [.fixed("care"), .fixed("contracts"), .id("id", id), .fixed("payments")]
        case .careContractEnd(let id): return [.fixed("care"), .fixed("contracts"), .id("id", id), .fixed("end")]
        case .careInvoicesRun: return [.fixed("care"), .fixed("invoices")]
        case .carePrices: return [.fixed("care"), .fixed("prices")]
        case .careInvoice(let id): return [.fixed("care"), .fixed("invoices"), .id("id", id)]
        case .careShifts: return [.fixed("care"), .fixed("shifts")]
        case .careGoals(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("goals")]
        case .carePlanReviews(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("plan-reviews")]
        case .careLeave(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("leave")]
        case .careReturn(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("return")]
        case .careIncidents(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("incidents")]
        case .careIncidentFollowUp(let id): return [.fixed("care"), .fixed("incidents"), .id("id", id), .fixed("follow-up")]
        case .carePlan(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("plan")]
        case .careReminders: return [.fixed("care"), .fixed("reminders")]
        case .careSessions: return [.fixed("care"), .fixed("sessions")]
        case .careTherapy: return [.fixed("care"), .fixed("therapy")]
        case .careEnrolment(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id)]
        case .careEnrolmentStart(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id), .fixed("start")]
        case .careEnrolmentMeasures(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id), .fixed("measures")]
        case .careEnrolmentDischarge(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id), .fixed("discharge")]
        case .staffPlan: return [.fixed("staff"), .fixed("plan")]
        case .staffPositions: return [.fixed("staff"), .fixed("positions")]
        case .staffMembers: return [.fixed("staff"), .fixed("members")]
        case .staffLeave(let id): return [.fixed("staff"), .fixed("members"), .id("id", id), .fixed("leave")]
        case .paymentCycles: return [.fixed("payments"), .fixed("cycles")]
        case .paymentCycle(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id)]
        case .paymentCycleLines(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("lines")]
        case .reviewSettings: return [.fixed("review"), .fixed("settings")]
        case .unitFacts(let id): return [.fixed("units"), .id("id", id), .fixed("facts")]
        case .userDisable(let id): return [.fixed("users"), .id("id", id), .fixed("disable")]
        case .userEnable(let id): return [.fixed("users"), .id("id", id), .fixed("enable")]
        case .hardshipAlerts: return [.fixed("hardship")]
        case .householdHardship(let id): return [.fixed("households"), .id("id", id), .fixed("hardship")]
        case .hardshipResolve(let id): return [.fixed("hardship"), .id("id", id), .fixed("resolve")]
        case .householdCircumstances(let id): return [.fixed("households"), .id("id", id), .fixed("circumstances")]
        case .personRelationships(let id): return [.fixed("persons"), .id("id", id), .fixed("relationships")]
        case .relationshipEnd(let id): return [.fixed("relationships"), .id("id", id), .fixed("end")]
        case .duplicates: return [.fixed("duplicates")]
        case .duplicateMerge(let id): return [.fixed("duplicates"), .id("id", id), .fixed("merge")]
        case .duplicateDismiss(let id): return [.fixed("duplicates"), .id("id", id), .fixed("dismiss")]
        case .eligibilityRuns: return [.fixed("eligibility"), .fixed("runs")]
        case .eligibilityRunResults(let id): return [.fixed("eligibility"), .fixed("runs"), .id("id", id), .fixed("results")]
        case .ruleSettings: return [.fixed("allowances"), .fixed("rule-settings")]
        case .paymentBudgets: return [.fixed("payments"), .fixed("budgets")]
        case .paymentCycleChannelFile(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("channel-file")]
        case .paymentCycleConfirmation(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("confirmation")]
        case .paymentCycleAction(let id, let t):
            return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed(t.rawValue.replacingOccurrences(of: "_", with: "-"))]
        case .cases: return [.fixed("cases")]
        case .caseItem(let id): return [.fixed("cases"), .id("id", id)]
        case .caseTransitions(let id): return [.fixed("cases"), .id("id", id), .fixed("transitions")]
        case .caseEntries(let id): return [.fixed("cases"), .id("id", id), .fixed("entries")]
        case .centreReport: return [.fixed("reports"), .fixed("centre")]
        case .hotlineContacts: return [.fixed("hotline"), .fixed("contacts")]
        case .hotlineContact(let id): return [.fixed("hotline"), .fixed("contacts"), .id("id", id)]
        case .hotlineContactCase(let id): return [.fixed("hotline"), .fixed("contacts"), .id("id", id), .fixed("case")]
        case .hotlineReport: return [.fixed("hotline"), .fixed("report")]
        case .caseConsents(let id): return [.fixed("cases"), .id("id", id), .fixed("consents")]
        case .consentWithdrawal(let id): return [.fixed("consents"), .id("id", id), .fixed("withdrawal")]
        case .caseReferrals(let id): return [.fixed("cases"), .id("id", id), .fixed("referrals")]
        case .caseFile(let id): return [.fixed("cases"), .id("id", id), .fixed("file")]
        case .referrals: return [.fixed("referrals")]
        case .referral(let id): return [.fixed("referrals"), .id("id", id)]
        case .referralOutcome(let id): return [.fixed("referrals"), .id("id", id), .fixed("outcome")]
        case .caseWorker(let id): return [.fixed("cases"), .id("id", id), .fixed("worker")]
        case .hotlineContactLink(let id): return [.fixed("hotline"), .fixed("contacts"), .id("id", id), .fixed("link")]
        case .caseTasks(let id): return [.fixed("cases"), .id("id", id), .fixed("tasks")]
        case .hotlineContactCallback(let id): return [.fixed("hotline"), .fixed("contacts"), .id("id", id), .fixed("callback")]
        case .hotlineContactHold(let id): return [.fixed("hotline"), .fixed("contacts"), .id("id", id), .fixed("hold")]
        case .tasks: return [.fixed("tasks")]
        case .taskClose(let id): return [.fixed("tasks"), .id("id", id), .fixed("close")]
        case .caseDocuments(let id): return [.fixed("cases"), .id("id", id), .fixed("documents")]
        case .caseDocument(let id): return [.fixed("case-documents"), .id("id", id)]
        case .caseSettings: return [.fixed("case-settings")]
        case .funds, .fund, .fundReceipts, .fundDisbursements, .fundLedger, .fundClose, .fundPledges, .pledgeCancel, .donorPledges, .donors, .donor,
            .donorDuplicates,
            .fundReceipt, .fundReceiptReverse, .disbursement, .disbursementAction, .fundsReport:
            return fundSegments!
        case .giftCampaigns: return [.fixed("gift-campaigns")]
        case .giftCampaign(let id): return [.fixed("gift-campaigns"), .id("id", id)]
        case .giftTypes(let id): return [.fixed("gift-campaigns"), .id("id", id), .fixed("gift-types")]
        case .giftGenerate(let id): return [.fixed("gift-campaigns"), .id("id", id), .fixed("generate")]
        case .giftEntries(let id): return [.fixed("gift-campaigns"), .id("id", id), .fixed("entries")]
        case .giftHandouts(let id): return [.fixed("gift-campaigns"), .id("id", id), .fixed("handouts")]
        case .giftClose(let id): return [.fixed("gift-campaigns"), .id("id", id), .fixed("close")]
        case .giftCampaignHold(let id): return [.fixed("gift-campaigns"), .id("id", id), .fixed("hold")]
        case .giftEntryHandOut(let id): return [.fixed("gift-entries"), .id("id", id), .fixed("hand-out")]
        case .giftEntryNotHanded(let id): return [.fixed("gift-entries"), .id("id", id), .fixed("not-handed")]
        case .giftReport: return [.fixed("reports"), .fixed("gifts")]
        case .meritRecords: return [.fixed("merit-records")]
        case .wardReport: return [.fixed("reports"), .fixed("ward")]
        case .requestFiles, .requestFile, .requestDeadlines, .requests, .request, .requestAction, .requestsReport, .requestApplication,
            .requestHousehold, .requestCentre, .wardRequests, .wardRequest, .wardRequestCase, .wardRequestGiveBack, .publicRequests, .publicRequest,
            .publicRequestMessages, .publicAnnouncements, .publicSupport, .publicPostings,
            .announcements, .announcement, .announcementAction:
            return feedbackSegments!
        case .jobSeekers: return [.fixed("job-seekers")]
        case .jobSeeker(let id): return [.fixed("job-seekers"), .id("id", id)]
        case .jobSeekerReferrals(let id): return [.fixed("job-seekers"), .id("id", id), .fixed("referrals")]
        case .jobReferralAction(let id, let t): return [.fixed("job-referrals"), .id("id", id), .fixed(t.rawValue)]
        case .courses: return [.fixed("courses")]
        case .course(let id): return [.fixed("courses"), .id("id", id)]
        case .courseEnrolments(let id): return [.fixed("courses"), .id("id", id), .fixed("enrolments")]
        case .enrolmentAction(let id, let t): return [.fixed("enrolments"), .id("id", id), .fixed(t.rawValue)]
        case .enrolmentOutcomes(let id): return [.fixed("enrolments"), .id("id", id), .fixed("outcomes")]
        case .courseFollowUps: return [.fixed("courses"), .fixed("follow-ups")]
        case .employers: return [.fixed("employers")]
        case .employerVacancies(let id): return [.fixed("employers"), .id("id", id), .fixed("vacancies")]
        case .livelihoodEvents: return [.fixed("livelihood-events")]
        case .livelihoodEventAttendance(let id): return [.fixed("livelihood-events"), .id("id", id), .fixed("attendance")]
        case .loans: return [.fixed("loans")]
        case .loan(let id): return [.fixed("loans"), .id("id", id)]
        case .loanReminders: return [.fixed("loan-reminders")]
        case .loanAction(let id, let t): return [.fixed("loans"), .id("id", id), .fixed(t.rawValue)]
        case .schools: return [.fixed("schools")]
        case .school(let id): return [.fixed("schools"), .id("id", id)]
        case .schoolSupports(let id): return [.fixed("schools"), .id("id", id), .fixed("supports")]
        case .pupils: return [.fixed("pupils")]
        case .childrenWithoutSchool: return [.fixed("pupils"), .fixed("missing")]
        case .educationSupport(let id): return [.fixed("education-supports"), .id("id", id)]
        case .educationSupportAction(let id, let t): return [.fixed("education-supports"), .id("id", id), .fixed(t.rawValue)]
        case .businessPlans: return [.fixed("business-plans")]
        case .businessPlan(let id): return [.fixed("business-plans"), .id("id", id)]
        case .businessSupports(let id): return [.fixed("business-plans"), .id("id", id), .fixed("supports")]
        case .businessAction(let id, let t): return [.fixed("business-plans"), .id("id", id), .fixed(t.rawValue)]
        case .works: return [.fixed("works")]
        case .policyHouses: return [.fixed("gratitude-houses")]
        case .work(let id): return [.fixed("works"), .id("id", id)]
        case .workAction(let id, let t): return [.fixed("works"), .id("id", id), .fixed(t.rawValue)]
        case .workBudget(let id): return [.fixed("works"), .id("id", id), .fixed("budget")]
        case .workPhotos(let id): return [.fixed("works"), .id("id", id), .fixed("photos")]
        case .workPhoto(let id): return [.fixed("work-photos"), .id("id", id)]
        }
    }
}
