import Foundation
import AnsinhCore
import Vapor

/// Every page and endpoint of Ansinh, declared once. Routes are registered from `pattern` and
/// every link is built from `path`, so a link can never point at a route that does not exist.
public enum SiteRoute: Hashable, Sendable {
    case home
    case login, logout, language
    case stylesheet
    case health, metrics
    case units, unitNew, unit(UUID?), unitEdit(UUID?), unitDelete(UUID?), unitFacts(UUID?)
    case users, userNew, user(UUID?), userEdit(UUID?), userDisable(UUID?), userEnable(UUID?), userToken(UUID?)
    case audit, auditExport
    case households, householdNew, householdsExport, household(UUID?), householdMembers(UUID?), householdLeave(UUID?)
    case persons, person(UUID?), personEdit(UUID?), personRelationships(UUID?), relationshipEnd(UUID?)
    /// A check against the national population database (recorded by hand, or asked of the
    /// configured connector); the person's data for their right of
    /// access (printable, JSON); their requests about it (one received, done, refused).
    case personVerification(UUID?), personVerificationConnector(UUID?), personData(UUID?), personDataJSON(UUID?)
    case personDataRequests(UUID?), dataRequestComplete(UUID?), dataRequestRefuse(UUID?), dataRequestErase(UUID?)
    /// A person's consents outside a case (one recorded, one withdrawn), and the fund's report to
    /// its donors that names only who consented.
    case personConsents(UUID?), personConsentWithdraw(UUID?), fundDonorReport(UUID?)
    /// A case's, a resident's legal hold against retention (set with a reason, released without).
    case caseHold(UUID?), careHold(UUID?)
    /// The breach log: the list (and a breach recorded), one breach, a step of its handling.
    case breaches, breach(UUID?), breachStep(UUID?)
    /// The public notice of why each kind of record is held and how a person asks about theirs.
    case privacyNotice
    case registryImport, registryTemplate, importJob(UUID?), importRun(UUID?), importErrors(UUID?)
    case duplicates, duplicatesRun, duplicateMerge(UUID?), duplicateDismiss(UUID?), personsExport
    case householdHardship(UUID?), householdCircumstance(UUID?), householdMove(UUID?), householdSplit(UUID?), householdMerge(UUID?)
    case review, reviewCalculator, reviewCampaigns, reviewCampaign(UUID?), reviewList(UUID?), reviewRequest(UUID?), reviewClassify(UUID?)
    case reviewAdvance(UUID?), reviewEntries(UUID?), reviewEntry(UUID?), reviewMeeting(UUID?), reviewPosting(UUID?)
    case reviewObjections(UUID?), reviewObjectionResolve(UUID?), reviewDecision(UUID?), reviewCertificates(UUID?), reviewHold(UUID?)
    case reviewPostingList(UUID?), reviewCampaignExport(UUID?), reviewAlerts, reviewAlertResolve(UUID?), reviewReport, reviewReportExport
    case ruleSettings, allowanceCalculator, eligibility, eligibilityRun, eligibilityResults(UUID?), eligibilityExport(UUID?)
    /// Health-insurance entitlement lists, one list with its export, a card recorded on a person.
    case healthInsurance, healthInsuranceList(UUID?), healthInsuranceExport(UUID?), personHealthCard(UUID?)
    /// One-off support (Decree 20/2021 Art. 11–15): the register (and a decision made), its
    /// export, the decision form, one decision, handed out, cancelled.
    case oneOff, oneOffExport, oneOffNew, oneOffItem(UUID?), oneOffHandOut(UUID?), oneOffCancel(UUID?)
    case applications, application(UUID?), applicationReview(UUID?), applicationPost(UUID?), applicationDecide(UUID?), applicationRefuse(UUID?)
    case applicationHold(UUID?)
    case personDecisions(UUID?), personApplications(UUID?), decision(UUID?), decisionLetter(UUID?), decisionHold(UUID?), personFacts(UUID?)
    case payments, paymentsGenerate, paymentCycle(UUID?), paymentSubmit(UUID?), paymentApprove(UUID?), paymentSendBack(UUID?)
    case paymentSettle(UUID?), paymentConfirm(UUID?), paymentClose(UUID?), paymentExport(UUID?), paymentSignatures(UUID?), paymentHold(UUID?)
    case paymentReport, paymentReportExport, paymentBudget, reviewSettings
    case account, accountPassword, accountTokens, tokenRevoke(UUID?)
    /// The centre's cases: list and intake, one case, its lifecycle steps; the centre's report.
    case cases, caseNew, caseItem(UUID?), caseStep(UUID?), caseEntries(UUID?), centreReport
    /// The hotline: contacts (list and record), the contact form, one contact, a case from it, the report.
    case hotline, hotlineNew, hotlineContact(UUID?), hotlineOpenCase(UUID?), hotlineReport
    /// A case's consents and their withdrawal, its referrals, its file shared with a recipient;
    /// the referrals sent from or to the viewer's units, one referral and its outcome.
    case caseConsents(UUID?), consentWithdraw(UUID?), caseReferrals(UUID?), caseFile(UUID?), referrals, referral(UUID?), referralOutcome(UUID?)
    /// A case handed to another worker; a contact linked to a case already open.
    case caseWorker(UUID?), hotlineLinkCase(UUID?)
    /// Tasks: of a case, a call back from a contact, the open tasks, closing one.
    case caseTasks(UUID?), hotlineCallback(UUID?), tasks, taskClose(UUID?)
    /// A contact put under legal hold against retention, or released.
    case hotlineHold(UUID?)
    /// A case's files: upload, download one.
    case caseDocuments(UUID?), caseDocument(UUID?)
    /// The case deadlines by risk level (national administrators change them); the case list as a file.
    case caseSettings, casesExport
    /// Row imports: a campaign's survey results and its template; the paper list of
    /// beneficiaries taken over and its template.
    case reviewSurveyImport(UUID?), reviewSurveyTemplate, takeOver, takeOverTemplate
    /// Residential care: the residents, an admission, one resident and what is done for them
    /// (bed, discharge, daily log, prescriptions, doses), the shift handover, rooms and occupancy.
    case care, careAdmit, careResident(UUID?), careBed(UUID?), careDischarge(UUID?), careLog(UUID?), carePrescriptions(UUID?)
    case careDoses(UUID?), careHandover, careRooms
    /// The centre's job-position plan and staff: the page, a position, a member, a leaving.
    case staff, staffPositions, staffMembers, staffLeave(UUID?)
    /// Sessions with their participants; the therapy programme: its children, one child, the
    /// start of treatment, a measure, the discharge.
    case careSessions, careTherapy, careEnrolment(UUID?), careEnrolmentStart(UUID?), careEnrolmentMeasures(UUID?), careEnrolmentDischarge(UUID?)
    /// A resident's schooling or training, and a job found after it.
    case careEducation(UUID?), carePlacements(UUID?)
    /// A resident's health record: a check-up, diagnosis, hospital visit or stay, vaccination.
    case careHealth(UUID?)
    /// Fee-paying care: contracts (list, new), one contract, its print, a month's invoice, a
    /// payment, its end; a month invoiced for every contract; the price list; an invoice's print.
    case careContracts, careContract(UUID?), careContractPrint(UUID?), careContractInvoices(UUID?), careContractPayments(UUID?)
    case careContractEnd(UUID?), careInvoicesRun, carePrices, careInvoicePrint(UUID?)
    /// A resident's care plan (a goal, a review), leave (signed out, back) and incidents (one,
    /// its follow-up).
    case careGoals(UUID?), carePlanReviews(UUID?), careLeave(UUID?), careReturn(UUID?), careIncidents(UUID?), careIncidentFollowUp(UUID?)
    /// Donated money: the funds (list, new), one fund, a gift received, a disbursement proposed,
    /// the books of a month and their closing; the donors and one donor; a receipt (printed),
    /// its thank-you letter and reversal; a disbursement approved, rejected or reversed.
    case funds, fund(UUID?), fundReceipts(UUID?), fundDisbursements(UUID?), fundLedger(UUID?), fundClose(UUID?)
    case donors, donor(UUID?), donorHold(UUID?), fundReceipt(UUID?), fundReceiptLetter(UUID?), fundReceiptReverse(UUID?)
    case disbursementApprove(UUID?), disbursementReject(UUID?), disbursementReverse(UUID?), fundPledges(UUID?), pledgeCancel(UUID?)
    /// The public pages of the funds (no login): the list, a fund's year, its year as a file.
    case publicFunds, publicFund(UUID?), publicFundExport(UUID?)
    /// The ward's information for residents: the start page, the support regimes explained, the lists posted.
    case publicHome, publicSupport, publicPostings
    /// Residents' requests: the public form, the code sent, following by code; the inbox (`RequestPage`).
    case publicRequestNew, publicRequests, publicRequestSent, publicRequestTrack, publicRequestMessages, requestFile(UUID?), requestDeadlines, requests,
        request(UUID?),
        requestStep(UUID?),
        requestConvert(UUID?)
    case requestsReport, requestApplication(UUID?), requestHousehold(UUID?), requestCentre(UUID?)
    /// Requests wards forwarded to the centre: the list, one, a case opened from it, given back.
    case wardRequests, wardRequest(UUID?), wardRequestCase(UUID?), wardRequestGiveBack(UUID?)
    /// Announcements: the officers' list (and a new one), one with its steps; the public list and
    /// the printable notice.
    case announcements, announcement(UUID?), announcementStep(UUID?), publicAnnouncements, publicAnnouncement(UUID?)
    /// Gift campaigns: the list (new), one campaign with its list, a gift type, the list made,
    /// gifts ticked as handed out, the closing, the signature list of a group, a gift not handed
    /// out (or not, with the reason); the gifts report; merit records; the ward's dashboard.
    case giftCampaigns, giftCampaign(UUID?), giftTypes(UUID?), giftGenerate(UUID?), giftHandouts(UUID?), giftClose(UUID?), giftSignatures(UUID?)
    case giftHold(UUID?)
    case giftReport, merit, wardReport
    /// Jobs and training: job seekers (and one registered), one seeker, a referral and its step;
    /// courses (new), one course, an enrolment, its step and outcome; employers (new) and a
    /// vacancy; counselling sessions and job fairs (new) and who came.
    case livelihood, livelihoodSeeker(UUID?), livelihoodRefer(UUID?), livelihoodReferralStep(UUID?)
    case livelihoodCourses, livelihoodCourse(UUID?), livelihoodEnrol(UUID?), livelihoodEnrolmentStep(UUID?), livelihoodOutcome(UUID?)
    case livelihoodEmployers, livelihoodVacancy(UUID?), livelihoodEvents, livelihoodAttend(UUID?)
    /// Loans from the Vietnam Bank for Social Policies: the list (and a dossier), the bank's list, one loan, a step.
    case livelihoodLoans, livelihoodLoansExport, livelihoodLoan(UUID?), livelihoodLoanStep(UUID?), livelihoodLoanReminders
    /// Small-business support: the plans (and a new one), one plan, support given, a step.
    case livelihoodBusiness, livelihoodBusinessPlan(UUID?), livelihoodBusinessSupport(UUID?), livelihoodBusinessStep(UUID?)
    /// Education support: the schools (and a new one), a pupil recorded, one school's list, its
    /// list worked out again, its export; one line and what the school did with it.
    case education, educationPupils, educationSchool(UUID?), educationSchoolList(UUID?), educationSchoolExport(UUID?), educationSupport(UUID?)
    case educationSupportStep(UUID?)
    /// Living-conditions works: the register (and a proposal), its export, one work, a step,
    /// state budget, a photo sent and one shown.
    case works, worksExport, work(UUID?), workStep(UUID?), workBudget(UUID?), workPhotos(UUID?), workPhoto(UUID?), policyHouses
    case api(ApiRoute)

    var segments: [Segment] {
        switch self {
        case .home: return []
        case .login: return [.fixed("login")]
        case .logout: return [.fixed("logout")]
        case .language: return [.fixed("language")]
        case .stylesheet: return [.fixed("static"), .fixed("app.css")]
        case .health: return [.fixed("health")]
        case .metrics: return [.fixed("metrics")]
        case .units: return [.fixed("admin"), .fixed("units")]
        case .unitNew: return [.fixed("admin"), .fixed("units"), .fixed("new")]
        case .unit(let id): return [.fixed("admin"), .fixed("units"), .id("id", id)]
        case .unitEdit(let id): return [.fixed("admin"), .fixed("units"), .id("id", id), .fixed("edit")]
        case .unitDelete(let id): return [.fixed("admin"), .fixed("units"), .id("id", id), .fixed("delete")]
        case .unitFacts(let id): return [.fixed("admin"), .fixed("units"), .id("id", id), .fixed("facts")]
        case .users: return [.fixed("admin"), .fixed("users")]
        case .userNew: return [.fixed("admin"), .fixed("users"), .fixed("new")]
        case .user(let id): return [.fixed("admin"), .fixed("users"), .id("id", id)]
        case .userEdit(let id): return [.fixed("admin"), .fixed("users"), .id("id", id), .fixed("edit")]
        case .userDisable(let id): return [.fixed("admin"), .fixed("users"), .id("id", id), .fixed("disable")]
        case .userEnable(let id): return [.fixed("admin"), .fixed("users"), .id("id", id), .fixed("enable")]
        case .userToken(let id): return [.fixed("admin"), .fixed("users"), .id("id", id), .fixed("tokens")]
        case .audit: return [.fixed("admin"), .fixed("audit")]
        case .breaches: return [.fixed("admin"), .fixed("breaches")]
        case .breach(let id): return [.fixed("admin"), .fixed("breaches"), .id("id", id)]
        case .breachStep(let id): return [.fixed("admin"), .fixed("breaches"), .id("id", id), .fixed("step")]
        case .auditExport: return [.fixed("admin"), .fixed("audit"), .fixed("export.csv")]
        case .households: return [.fixed("registry"), .fixed("households")]
        case .householdNew: return [.fixed("registry"), .fixed("households"), .fixed("new")]
        case .householdsExport: return [.fixed("registry"), .fixed("households"), .fixed("export.csv")]
        case .household(let id): return [.fixed("registry"), .fixed("households"), .id("id", id)]
        case .householdMembers(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("members")]
        case .householdLeave(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("leave")]
        case .persons: return [.fixed("registry"), .fixed("persons")]
        case .person(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id)]
        case .personEdit(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("edit")]
        case .personRelationships(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("relationships")]
        case .relationshipEnd(let id): return [.fixed("registry"), .fixed("relationships"), .id("id", id), .fixed("end")]
        case .registryImport: return [.fixed("registry"), .fixed("import")]
        case .registryTemplate: return [.fixed("registry"), .fixed("import"), .fixed("template.csv")]
        case .importJob(let id): return [.fixed("registry"), .fixed("import"), .id("id", id)]
        case .importRun(let id): return [.fixed("registry"), .fixed("import"), .id("id", id), .fixed("run")]
        case .importErrors(let id): return [.fixed("registry"), .fixed("import"), .id("id", id), .fixed("errors.csv")]
        case .duplicates: return [.fixed("registry"), .fixed("duplicates")]
        case .duplicatesRun: return [.fixed("registry"), .fixed("duplicates"), .fixed("run")]
        case .duplicateMerge(let id): return [.fixed("registry"), .fixed("duplicates"), .id("id", id), .fixed("merge")]
        case .duplicateDismiss(let id): return [.fixed("registry"), .fixed("duplicates"), .id("id", id), .fixed("dismiss")]
        case .personsExport: return [.fixed("registry"), .fixed("persons"), .fixed("export.csv")]
        case .householdMove(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("move")]
        case .householdSplit(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("split")]
        case .householdMerge(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("merge")]
        case .householdHardship(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("hardship")]
        case .householdCircumstance(let id): return [.fixed("registry"), .fixed("households"), .id("id", id), .fixed("circumstances")]
        case .review: return [.fixed("review")]
        case .reviewCalculator: return [.fixed("review"), .fixed("calculator")]
        case .reviewCampaigns: return [.fixed("review"), .fixed("campaigns")]
        case .reviewCampaign(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id)]
        case .reviewList(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("list")]
        case .reviewRequest(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("requests")]
        case .reviewClassify(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("classify")]
        case .reviewAdvance(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("advance")]
        case .reviewEntries(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("households")]
        case .reviewEntry(let id): return [.fixed("review"), .fixed("surveys"), .id("id", id)]
        case .reviewMeeting(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("meetings")]
        case .reviewPosting(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("posting")]
        case .reviewObjections(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("objections")]
        case .reviewObjectionResolve(let id): return [.fixed("review"), .fixed("objections"), .id("id", id), .fixed("resolve")]
        case .reviewDecision(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("decision")]
        case .reviewHold(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("hold")]
        case .reviewCertificates(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("certificates")]
        case .reviewPostingList(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("posting-list")]
        case .reviewCampaignExport(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("export.csv")]
        case .reviewAlerts: return [.fixed("review"), .fixed("alerts")]
        case .reviewAlertResolve(let id): return [.fixed("review"), .fixed("alerts"), .id("id", id), .fixed("resolve")]
        case .reviewReport: return [.fixed("review"), .fixed("report")]
        case .reviewReportExport: return [.fixed("review"), .fixed("report.csv")]
        case .ruleSettings: return [.fixed("admin"), .fixed("rules")]
        case .allowanceCalculator: return [.fixed("allowances"), .fixed("calculator")]
        case .eligibility: return [.fixed("allowances"), .fixed("eligibility")]
        case .eligibilityRun: return [.fixed("allowances"), .fixed("eligibility"), .fixed("run")]
        case .eligibilityResults(let id): return [.fixed("allowances"), .fixed("eligibility"), .id("id", id)]
        case .eligibilityExport(let id): return [.fixed("allowances"), .fixed("eligibility"), .id("id", id), .fixed("export.csv")]
        case .healthInsurance: return [.fixed("allowances"), .fixed("health-insurance")]
        case .healthInsuranceList(let id): return [.fixed("allowances"), .fixed("health-insurance"), .id("id", id)]
        case .healthInsuranceExport(let id): return [.fixed("allowances"), .fixed("health-insurance"), .id("id", id), .fixed("export.csv")]
        case .personHealthCard(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("health-card")]
        case .personVerification(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("verification")]
        case .personVerificationConnector(let id):
            return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("verification"), .fixed("connector")]
        case .personData(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("data")]
        case .personDataJSON(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("data.json")]
        case .personDataRequests(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("data-requests")]
        case .dataRequestComplete(let id): return [.fixed("registry"), .fixed("data-requests"), .id("id", id), .fixed("complete")]
        case .personConsents(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("consents")]
        case .personConsentWithdraw(let id): return [.fixed("registry"), .fixed("consents"), .id("id", id), .fixed("withdraw")]
        case .fundDonorReport(let id): return [.fixed("funds"), .id("id", id), .fixed("donor-report")]
        case .caseHold(let id): return [.fixed("cases"), .id("id", id), .fixed("hold")]
        case .careHold(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("hold")]
        case .dataRequestRefuse(let id): return [.fixed("registry"), .fixed("data-requests"), .id("id", id), .fixed("refuse")]
        case .dataRequestErase(let id): return [.fixed("registry"), .fixed("data-requests"), .id("id", id), .fixed("erase")]
        case .oneOff: return [.fixed("allowances"), .fixed("one-off")]
        case .oneOffExport: return [.fixed("allowances"), .fixed("one-off"), .fixed("export.csv")]
        case .oneOffNew: return [.fixed("allowances"), .fixed("one-off"), .fixed("new")]
        case .oneOffItem(let id): return [.fixed("allowances"), .fixed("one-off"), .id("id", id)]
        case .oneOffHandOut(let id): return [.fixed("allowances"), .fixed("one-off"), .id("id", id), .fixed("hand-out")]
        case .oneOffCancel(let id): return [.fixed("allowances"), .fixed("one-off"), .id("id", id), .fixed("cancel")]
        case .applications: return [.fixed("allowances"), .fixed("applications")]
        case .application(let id): return [.fixed("allowances"), .fixed("applications"), .id("id", id)]
        case .applicationReview(let id): return [.fixed("allowances"), .fixed("applications"), .id("id", id), .fixed("review")]
        case .applicationPost(let id): return [.fixed("allowances"), .fixed("applications"), .id("id", id), .fixed("posting")]
        case .applicationDecide(let id): return [.fixed("allowances"), .fixed("applications"), .id("id", id), .fixed("decision")]
        case .applicationRefuse(let id): return [.fixed("allowances"), .fixed("applications"), .id("id", id), .fixed("refuse")]
        case .applicationHold(let id): return [.fixed("allowances"), .fixed("applications"), .id("id", id), .fixed("hold")]
        case .personDecisions(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("decisions")]
        case .personFacts(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("facts")]
        case .personApplications(let id): return [.fixed("registry"), .fixed("persons"), .id("id", id), .fixed("applications")]
        case .decision(let id): return [.fixed("allowances"), .fixed("decisions"), .id("id", id)]
        case .decisionLetter(let id): return [.fixed("allowances"), .fixed("decisions"), .id("id", id), .fixed("letter")]
        case .decisionHold(let id): return [.fixed("allowances"), .fixed("decisions"), .id("id", id), .fixed("hold")]
        case .reviewSurveyImport(let id): return [.fixed("review"), .fixed("campaigns"), .id("id", id), .fixed("survey-import")]
        case .reviewSurveyTemplate: return [.fixed("review"), .fixed("survey-template")]
        case .takeOver: return [.fixed("allowances"), .fixed("take-over")]
        case .takeOverTemplate: return [.fixed("allowances"), .fixed("take-over"), .fixed("template")]
        case .care: return [.fixed("care")]
        case .careAdmit: return [.fixed("care"), .fixed("admit")]
        case .careResident(let id): return [.fixed("care"), .fixed("residents"), .id("id", id)]
        case .careBed(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("bed")]
        case .careDischarge(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("discharge")]
        case .careLog(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("log")]
        case .carePrescriptions(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("prescriptions")]
        case .careDoses(let id): return [.fixed("care"), .fixed("prescriptions"), .id("id", id), .fixed("doses")]
        case .careHandover: return [.fixed("care"), .fixed("handover")]
        case .careRooms: return [.fixed("care"), .fixed("rooms")]
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
        case .careContractPrint(let id): return [.fixed("care"), .fixed("contracts"), .id("id", id), .fixed("print")]
        case .careInvoicePrint(let id): return [.fixed("care"), .fixed("invoices"), .id("id", id)]
        case .careGoals(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("goals")]
        case .carePlanReviews(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("plan-reviews")]
        case .careLeave(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("leave")]
        case .careReturn(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("return")]
        case .careIncidents(let id): return [.fixed("care"), .fixed("residents"), .id("id", id), .fixed("incidents")]
        case .careIncidentFollowUp(let id): return [.fixed("care"), .fixed("incidents"), .id("id", id), .fixed("follow-up")]
        case .careSessions: return [.fixed("care"), .fixed("sessions")]
        case .careTherapy: return [.fixed("care"), .fixed("therapy")]
        case .careEnrolment(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id)]
        case .careEnrolmentStart(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id), .fixed("start")]
        case .careEnrolmentMeasures(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id), .fixed("measures")]
        case .careEnrolmentDischarge(let id): return [.fixed("care"), .fixed("therapy"), .id("id", id), .fixed("discharge")]
        case .staff: return [.fixed("admin"), .fixed("staff")]
        case .staffPositions: return [.fixed("admin"), .fixed("staff"), .fixed("positions")]
        case .staffMembers: return [.fixed("admin"), .fixed("staff"), .fixed("members")]
        case .staffLeave(let id): return [.fixed("admin"), .fixed("staff"), .fixed("members"), .id("id", id), .fixed("leave")]
        case .payments: return [.fixed("payments")]
        case .paymentsGenerate: return [.fixed("payments"), .fixed("generate")]
        case .paymentCycle(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id)]
        case .paymentSubmit(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("submit")]
        case .paymentApprove(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("approve")]
        case .paymentSendBack(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("send-back")]
        case .paymentSettle(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("settle")]
        case .paymentConfirm(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("confirmation")]
        case .paymentClose(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("close")]
        case .paymentExport(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("export.csv")]
        case .paymentSignatures(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("signatures")]
        case .paymentHold(let id): return [.fixed("payments"), .fixed("cycles"), .id("id", id), .fixed("hold")]
        case .paymentReport: return [.fixed("payments"), .fixed("report")]
        case .paymentReportExport: return [.fixed("payments"), .fixed("report.csv")]
        case .paymentBudget: return [.fixed("payments"), .fixed("budget")]
        case .reviewSettings: return [.fixed("review"), .fixed("settings")]
        case .account: return [.fixed("account")]
        case .accountPassword: return [.fixed("account"), .fixed("password")]
        case .accountTokens: return [.fixed("account"), .fixed("tokens")]
        case .tokenRevoke(let id): return [.fixed("account"), .fixed("tokens"), .id("id", id), .fixed("revoke")]
        case .cases: return [.fixed("cases")]
        case .caseNew: return [.fixed("cases"), .fixed("new")]
        case .caseItem(let id): return [.fixed("cases"), .id("id", id)]
        case .caseStep(let id): return [.fixed("cases"), .id("id", id), .fixed("steps")]
        case .caseEntries(let id): return [.fixed("cases"), .id("id", id), .fixed("entries")]
        case .centreReport: return [.fixed("reports"), .fixed("centre")]
        case .hotline: return [.fixed("hotline")]
        case .hotlineNew: return [.fixed("hotline"), .fixed("new")]
        case .hotlineContact(let id): return [.fixed("hotline"), .id("id", id)]
        case .hotlineOpenCase(let id): return [.fixed("hotline"), .id("id", id), .fixed("case")]
        case .hotlineReport: return [.fixed("hotline"), .fixed("report")]
        case .caseConsents(let id): return [.fixed("cases"), .id("id", id), .fixed("consents")]
        case .consentWithdraw(let id): return [.fixed("consents"), .id("id", id), .fixed("withdraw")]
        case .caseReferrals(let id): return [.fixed("cases"), .id("id", id), .fixed("referrals")]
        case .caseFile(let id): return [.fixed("cases"), .id("id", id), .fixed("file")]
        case .referrals: return [.fixed("referrals")]
        case .referral(let id): return [.fixed("referrals"), .id("id", id)]
        case .referralOutcome(let id): return [.fixed("referrals"), .id("id", id), .fixed("outcome")]
        case .caseWorker(let id): return [.fixed("cases"), .id("id", id), .fixed("worker")]
        case .hotlineLinkCase(let id): return [.fixed("hotline"), .id("id", id), .fixed("link")]
        case .caseTasks(let id): return [.fixed("cases"), .id("id", id), .fixed("tasks")]
        case .hotlineCallback(let id): return [.fixed("hotline"), .id("id", id), .fixed("callback")]
        case .hotlineHold(let id): return [.fixed("hotline"), .id("id", id), .fixed("hold")]
        case .tasks: return [.fixed("tasks")]
        case .taskClose(let id): return [.fixed("tasks"), .id("id", id), .fixed("close")]
        case .caseDocuments(let id): return [.fixed("cases"), .id("id", id), .fixed("documents")]
        case .caseDocument(let id): return [.fixed("case-documents"), .id("id", id)]
        case .caseSettings: return [.fixed("case-settings")]
        case .casesExport: return [.fixed("cases"), .fixed("export.csv")]
        case .funds: return [.fixed("funds")]
        case .fund(let id): return [.fixed("funds"), .id("id", id)]
        case .fundReceipts(let id): return [.fixed("funds"), .id("id", id), .fixed("receipts")]
        case .fundDisbursements(let id): return [.fixed("funds"), .id("id", id), .fixed("disbursements")]
        case .fundLedger(let id): return [.fixed("funds"), .id("id", id), .fixed("ledger")]
        case .fundClose(let id): return [.fixed("funds"), .id("id", id), .fixed("close")]
        case .fundPledges(let id): return [.fixed("funds"), .id("id", id), .fixed("pledges")]
        case .pledgeCancel(let id): return [.fixed("pledges"), .id("id", id), .fixed("cancel")]
        case .donors: return [.fixed("donors")]
        case .donor(let id): return [.fixed("donors"), .id("id", id)]
        case .donorHold(let id): return [.fixed("donors"), .id("id", id), .fixed("hold")]
        case .fundReceipt(let id): return [.fixed("fund-receipts"), .id("id", id)]
        case .fundReceiptLetter(let id): return [.fixed("fund-receipts"), .id("id", id), .fixed("letter")]
        case .fundReceiptReverse(let id): return [.fixed("fund-receipts"), .id("id", id), .fixed("reverse")]
        case .disbursementApprove(let id): return [.fixed("disbursements"), .id("id", id), .fixed("approve")]
        case .disbursementReject(let id): return [.fixed("disbursements"), .id("id", id), .fixed("reject")]
        case .disbursementReverse(let id): return [.fixed("disbursements"), .id("id", id), .fixed("reverse")]
        case .requestFile, .requestDeadlines, .requests, .request, .requestStep, .requestConvert, .requestsReport, .requestApplication, .requestHousehold,
            .requestCentre, .wardRequests, .wardRequest, .wardRequestCase, .wardRequestGiveBack:
            return requestSegments!
        case .announcements: return [.fixed("announcements")]
        case .announcement(let id): return [.fixed("announcements"), .id("id", id)]
        case .announcementStep(let id): return [.fixed("announcements"), .id("id", id), .fixed("step")]
        case .giftCampaigns: return [.fixed("campaigns")]
        case .giftCampaign(let id): return [.fixed("campaigns"), .id("id", id)]
        case .giftTypes(let id): return [.fixed("campaigns"), .id("id", id), .fixed("gift-types")]
        case .giftGenerate(let id): return [.fixed("campaigns"), .id("id", id), .fixed("generate")]
        case .giftHandouts(let id): return [.fixed("campaigns"), .id("id", id), .fixed("handouts")]
        case .giftClose(let id): return [.fixed("campaigns"), .id("id", id), .fixed("close")]
        case .giftHold(let id): return [.fixed("campaigns"), .id("id", id), .fixed("hold")]
        case .giftSignatures(let id): return [.fixed("campaigns"), .id("id", id), .fixed("signatures")]
        case .giftReport: return [.fixed("gift-report")]
        case .merit: return [.fixed("merit")]
        case .wardReport: return [.fixed("reports"), .fixed("ward")]
        case .livelihood, .livelihoodSeeker, .livelihoodRefer, .livelihoodReferralStep, .livelihoodCourses, .livelihoodCourse, .livelihoodEnrol,
            .livelihoodEnrolmentStep, .livelihoodOutcome, .livelihoodEmployers, .livelihoodVacancy, .livelihoodEvents, .livelihoodAttend, .livelihoodLoans,
            .livelihoodLoansExport, .livelihoodLoan, .livelihoodLoanStep, .livelihoodLoanReminders, .livelihoodBusiness, .livelihoodBusinessPlan,
            .livelihoodBusinessSupport,
            .livelihoodBusinessStep, .education, .educationPupils, .educationSchool, .educationSchoolList,
            .educationSchoolExport, .educationSupport, .educationSupportStep, .works, .worksExport, .work, .workStep, .workBudget, .workPhotos, .workPhoto,
            .policyHouses:
            return lastingSegments!
        case .privacyNotice, .publicFunds, .publicFund, .publicFundExport, .publicRequestNew, .publicRequests, .publicRequestSent, .publicRequestTrack,
            .publicRequestMessages, .publicAnnouncements, .publicAnnouncement, .publicHome, .publicSupport, .publicPostings:
            return publicSegments!
        case .api(let r): return [.fixed("api"), .fixed("v1")] + r.segments
        }
    }
}
