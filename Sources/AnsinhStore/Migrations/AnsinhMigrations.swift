import FluentKit
import Foundation

/// Migrations are numbered and never edited once released; a change is a new migration.
public enum AnsinhMigrations {
    public static var all: [any Migration] {
        [
            M0001CreateOrgUnits(), M0002CreateUsers(), M0003CreateApiTokens(),
            M0004CreateAuditLog(), M0005CreateLoginThrottle(), M0006UnitAreas(), M0007Registry(),
            M0008ImportsAndDuplicates(), M0009Review(), M0010SearchTokenProbe(), M0011Eligibility(), M0012RuleSettings(),
            M0013Decisions(), M0014Payments(), M0015PaymentBudgets(), M0016ReviewSettings(), M0017FullTextSearch(), M0018ImportFiles(), M0019SearchPrefixes(),
            M0020PersonKeys(), M0021SearchPrefixLexemes(),
            M0022SearchVectorPLpgSQL(), M0023SearchLeanIndex(), M0024SessionsAndTokenExpiry(), M0025AuditChains(), M0026Cases(), M0027HotlineContacts(),
            M0028CaseSteps(), M0029CaseEntries(), M0030CaseSharing(), M0031CaseTasks(), M0032CaseDocuments(), M0033CaseSettings(), M0034Care(), M0035Staff(),
            M0036Therapy(), M0037CareEducation(), M0038CarePlan(), M0039CareContracts(), M0040CareHealth(), M0041Funds(), M0042GiftCampaigns(),
            M0043PersonFacts(), M0044HealthInsurance(), M0045OneOffBenefits(), M0046IdentityVerifications(), M0047SubjectRequests(), M0048PrivacyBreaches(),
            M0049HotlineRetention(), M0050PersonConsents(), M0051CaseRetention(), M0052ResidentRetention(), M0053PersonHIVSealed(), M0054PublicRequests(),
            M0055Outbox(), M0056Announcements(), M0057Livelihood(), M0058Loans(), M0059Education(), M0060Works(), M0061Business(), M0062OutboxEmail(),
            M0063LoanReminders(), M0064AnnouncementAudience(), M0065RequestFiles(), M0066RequestDeadlines(), M0067RequestForward(),
            M0068FundPledges(), M0069WorkHouses(), M0070ReviewRetention(), M0071AllowanceRetention(), M0072DonorRetention(), M0073ApplicationRetention(),
            M0074GiftListRetention(),
        ]
    }
}
