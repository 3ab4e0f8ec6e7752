/// The living-conditions review as the law runs it (Decision 24/2021/QĐ-TTg Art. 4; Circular
/// 07/2021): list → survey → automatic classification → residential-group meeting → public
/// posting with objections → the commune chairman's decision → certificates.

/// Periodic (every year, 1 September – 14 December) or continuous (monthly, on a household's
/// request, Form 04).
public enum CampaignKind: String, CaseIterable, Sendable, Codable { case periodic, continuous }

/// Where a campaign stands. Steps only move forward, except that a failed group meeting sends
/// that group back to the survey.
public enum CampaignStep: String, CaseIterable, Sendable, Codable, Comparable {
    case listing, survey, meeting, posting, decision, closed
    public static func < (a: CampaignStep, b: CampaignStep) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Why a household is on a campaign's list.
public enum EntryOrigin: String, CaseIterable, Sendable, Codable {
    /// Currently poor or near-poor (QD24 Art. 4(1)(a)).
    case current
    /// Asked to be reviewed (Form 01 periodic, Form 04 continuous).
    case request
}

/// Review rules that the law leaves to practice, as named settings ([U] in the policy sheet).
public struct ReviewSettings: Sendable, Equatable {
    /// Days of public posting during which objections are received ([U]: 3 working days in notes).
    public var postingDays: Int = 3
    /// A household with income within this percentage above the line is "at risk".
    public var atRiskMarginPercent: Int = 10
    /// A sudden-hardship event within this many months makes a household "at risk".
    public var hardshipWindowMonths: Int = 12
    /// Unresolved hardship alerts older than this are highlighted.
    public var alertHighlightDays: Int = 7
    public init() {}
    public static let standard = ReviewSettings()

    /// The settings an administrator may change and their allowed ranges; labels are the
    /// catalogue keys `review.setting.<name>`.
    public static let names: [(name: String, range: ClosedRange<Int>)] = [
        ("posting_days", 1...30), ("at_risk_margin_percent", 0...100), ("hardship_window_months", 1...60), ("alert_highlight_days", 1...90),
    ]

    /// A setting by name (nil for an unknown name).
    public subscript(setting name: String) -> Int? {
        get {
            switch name {
            case "posting_days": return postingDays
            case "at_risk_margin_percent": return atRiskMarginPercent
            case "hardship_window_months": return hardshipWindowMonths
            case "alert_highlight_days": return alertHighlightDays
            default: return nil
            }
        }
        set {
            guard let v = newValue else { return }
            switch name {
            case "posting_days": postingDays = v
            case "at_risk_margin_percent": atRiskMarginPercent = v
            case "hardship_window_months": hardshipWindowMonths = v
            case "alert_highlight_days": alertHighlightDays = v
            default: break
            }
        }
    }

    /// Periodic review window (QD24 Art. 3): 1 September – 14 December of the campaign year.
    public static func periodicWindow(year: Int) -> ClosedRange<LocalDate> {
        LocalDate(year: year, month: 9, day: 1)!...LocalDate(year: year, month: 12, day: 14)!
    }
}

/// The residential-group meeting (QD24 Art. 4(3)): at least 50% of those present must agree,
/// otherwise the group's review is redone.
public struct GroupMeeting: Sendable, Equatable {
    public let present: Int
    public let agree: Int
    public init(present: Int, agree: Int) { self.present = present; self.agree = agree }
    public var passed: Bool { present > 0 && agree * 2 >= present }

    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        if present <= 0 { e.append(FieldError(field: "present", message: Message("review.error.present_positive"))) }
        if agree < 0 || agree > present { e.append(FieldError(field: "agree", message: Message("review.error.agree_range"))) }
        return e
    }
}

/// A sudden event that can push a household into poverty (field notes §1).
public enum HardshipKind: String, CaseIterable, Sendable, Codable {
    case illness, accident, jobLoss = "job_loss", earnerDeath = "earner_death", disaster, other
}
