/// The interface languages. Vietnamese is the default; Arabic is written right to left.
public enum AppLocale: String, CaseIterable, Sendable, Codable {
    case vi, en, ar

    public var isRightToLeft: Bool { self == .ar }
    /// The language's own name, shown in the language switcher.
    public var nativeName: String {
        switch self {
        case .vi: return "Tiếng Việt"
        case .en: return "English"
        case .ar: return "العربية"
        }
    }
}
