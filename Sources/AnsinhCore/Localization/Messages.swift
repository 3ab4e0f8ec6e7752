import Foundation

/// A user-facing message: a catalogue key and its named arguments. Errors, flashes and labels
/// carry a `Message`, never text, so that they can be shown in each user's language.
public struct Message: Sendable, Hashable, Codable {
    public let key: String
    public let args: [String: String]
    public init(_ key: String, _ args: [String: String] = [:]) { self.key = key; self.args = args }
    /// An argument holding an amount of money, formatted per locale when shown.
    public static func money(_ dong: Int64) -> String { "$\(dong)" }
}

/// The message catalogue: one JSON file per language under `Resources/Messages/`, with exactly
/// the same keys in each (a test enforces it). `{name}` in a text is replaced by the argument
/// of that name.
public struct MessageCatalogue: Sendable {
    public let texts: [AppLocale: [String: String]]

    /// The catalogue shipped with Ansinh, loaded once.
    public static let shared: MessageCatalogue = {
        var texts: [AppLocale: [String: String]] = [:]
        for locale in AppLocale.allCases {
            texts[locale] = (try? loadFile(locale)) ?? [:]
        }
        return MessageCatalogue(texts: texts)
    }()

    public init(texts: [AppLocale: [String: String]]) { self.texts = texts }

    static func loadFile(_ locale: AppLocale) throws -> [String: String] {
        let base = Bundle.module.bundleURL
        let url = base.appendingPathComponent("Resources/Messages/\(locale.rawValue).json")
        let data = try Data(contentsOf: url)
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// The text for `key` in `locale`; falls back to Vietnamese, then to the key itself so that a
    /// missing text is visible rather than blank.
    public func text(_ key: String, _ locale: AppLocale, _ args: [String: String] = [:]) -> String {
        var s = texts[locale]?[key] ?? texts[.vi]?[key] ?? key
        for (name, value) in args { s = s.replacingOccurrences(of: "{\(name)}", with: value) }
        return s
    }

    public func text(_ message: Message, _ locale: AppLocale) -> String {
        // Arguments that are themselves keys (prefixed "@") are translated too; amounts of money
        // (prefixed "$", see `Message.money`) are formatted for the locale.
        var args = message.args
        for (k, v) in args {
            if v.hasPrefix("@") {
                args[k] = text(String(v.dropFirst()), locale)
            } else if v.hasPrefix("$"), let n = Int64(v.dropFirst()) {
                args[k] = Dong(n).formatted(locale)
            }
        }
        return text(message.key, locale, args)
    }
}
