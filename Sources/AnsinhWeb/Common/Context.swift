import AnsinhCore
import AnsinhStore
import Vapor

struct ActorKey: StorageKey { typealias Value = Actor }

/// A one-time message shown on the next page ("Saved.").
struct Flash: Codable, Sendable {
    enum Kind: String, Codable, Sendable { case success, error, info }
    let kind: Kind
    let message: Message
}

extension Request {
    /// The signed-in actor, if any.
    var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    /// The signed-in actor, or `unauthenticated`.
    func requireActor() throws -> Actor {
        guard let a = actor else { throw AppError.unauthenticated(Message("auth.required")) }
        return a
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }

    /// The interface language: the session's choice, else the user's, else the office default.
    /// API clients choose with `Accept-Language`.
    var locale: AppLocale {
        if isAPI {
            let header = headers.first(name: .acceptLanguage) ?? ""
            for part in header.split(separator: ",") {
                let code = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).prefix(2) } ?? ""
                if let l = AppLocale(rawValue: String(code).lowercased()) { return l }
            }
            return actor?.locale ?? services.config.defaultLocale
        }
        if hasSession, let raw = session.data["locale"], let l = AppLocale(rawValue: raw) { return l }
        return actor?.locale ?? services.config.defaultLocale
    }

    var hasSession: Bool { storage[SessionsEnabledKey.self] == true }

    func t(_ key: String, _ args: [String: String] = [:]) -> String {
        services.catalogue.text(Message(key, args), locale)
    }
    func t(_ message: Message) -> String { services.catalogue.text(message, locale) }

    /// The form token of this session, created on first use.
    var csrfToken: String {
        if let t = session.data["csrf"] { return t }
        let t = [UInt8].random(count: 32).base64
        session.data["csrf"] = t
        return t
    }

    func flash(_ kind: Flash.Kind, _ message: Message) {
        var list = takeFlashes()
        list.append(Flash(kind: kind, message: message))
        if let data = try? JSONEncoder().encode(list) { session.data["flash"] = String(decoding: data, as: UTF8.self) }
    }

    func takeFlashes() -> [Flash] {
        guard let raw = session.data["flash"] else { return [] }
        session.data["flash"] = nil
        return (try? JSONDecoder().decode([Flash].self, from: Data(raw.utf8))) ?? []
    }

    /// Page number and size from `?page=&per_page=`.
    var pageSpec: PageSpec {
        PageSpec(page: query[Int.self, at: "page"], perPage: query[Int.self, at: "per_page"])
    }
}

struct SessionsEnabledKey: StorageKey { typealias Value = Bool }

extension Request {
    /// Today in the office time zone (the configured one, with the service clock).
    var today: LocalDate { LocalDate.of(services.now(), in: services.config.timeZone) }

    /// Runs a form action and returns to `back`. Bad input or a rule of the data that says no
    /// comes back as one flash per problem, naming the field; nothing was written.
    func perform(back: String, success: Message?, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            if let success { flash(.success, success) }
        } catch let e as AppError {
            switch e {
            case .validation(let list):
                for f in list { flash(.error, Message("review.field_error", ["field": "@field.\(f.field)", "message": t(f.message)])) }
            case .conflict(let m): flash(.error, m)
            default: throw e
            }
        }
        return redirect(to: back)
    }

    /// `perform` for an action that makes something to look at: on success, flashes the message
    /// `body` returns and shows the page at the path it returns.
    func performShowing(back: String, _ body: () async throws -> (path: String, message: Message)) async throws -> Response {
        var shown: (path: String, message: Message)?
        let back = try await perform(back: back, success: nil) { shown = try await body() }
        guard let shown else { return back }
        flash(.success, shown.message)
        return redirect(to: shown.path)
    }
}
