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
    /// Pages: the session's choice, else the user's, else the browser's `Accept-Language` (a
    /// first visit), else the office default.
    var locale: AppLocale {
        if isAPI { return acceptedLocale ?? actor?.locale ?? services.config.defaultLocale }
        if hasSession, let raw = session.data["locale"], let l = AppLocale(rawValue: raw) { return l }
        return actor?.locale ?? acceptedLocale ?? services.config.defaultLocale
    }

    /// The first of vi/en/ar named in `Accept-Language`, in the order the client gave
    /// (quality values are not weighed: browsers list languages best first).
    var acceptedLocale: AppLocale? {
        let header = headers.first(name: .acceptLanguage) ?? ""
        for part in header.split(separator: ",").prefix(20) {
            let code = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).prefix(2) } ?? ""
            if let l = AppLocale(rawValue: String(code).lowercased()) { return l }
        }
        return nil
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

    /// Page number and size from `?page=&per_page=`; a value that is not a whole number in
    /// `Bounds.page` / `Bounds.perPage` is a 422 naming the parameter.
    var pageSpec: PageSpec {
        get throws {
            PageSpec(page: try queryInt("page", in: Bounds.page), perPage: try queryInt("per_page", in: Bounds.perPage))
        }
    }

    /// A query parameter that must be one of an enumeration's raw values (`?role=`, `?kind=`);
    /// absent is nil, anything else not listed is a 422 naming the parameter.
    func queryChoice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        try queryValue(name, invalid: "validation.choice", T.init(rawValue:))
    }

    /// The choice of a page's filter form, whose "all" option sends an empty value: empty or
    /// absent is nil, anything else not listed a 422 (the API keeps `queryChoice`, as documented).
    func filterChoice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        query[String.self, at: name] == "" ? nil : try queryChoice(name, type)
    }

    /// A `true`/`false` query parameter; absent is nil, anything else a 422.
    func queryBool(_ name: String) throws -> Bool? {
        try queryValue(name, invalid: "validation.choice") { ["true": true, "false": false][$0] }
    }

    /// A UUID query parameter; absent is nil, anything else a 422.
    func queryUUID(_ name: String) throws -> UUID? { try queryValue(name, invalid: "validation.type", UUID.init(uuidString:)) }

    /// A calendar date query parameter (`?as_of=YYYY-MM-DD`); absent is nil, anything else a 422.
    func queryDate(_ name: String) throws -> LocalDate? { try queryValue(name, invalid: "validation.date", LocalDate.init(iso:)) }

    /// A query parameter read by `parse`: absent is nil; a value `parse` refuses is a 422 on the
    /// parameter with the message `invalid`.
    func queryValue<T>(_ name: String, invalid: String, _ parse: (String) -> T?) throws -> T? {
        guard let raw = query[String.self, at: name] else { return nil }
        guard let value = parse(raw) else { throw AppError.invalid(name, invalid) }
        return value
    }

    /// A whole-number query parameter inside `range`, or `nil` when absent; anything else is a
    /// validation error naming the parameter (never a trap, never a silent default).
    func queryInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        let raw = query[String.self, at: name]
        // Pages send `year=` for an empty filter field; an API client that sends `page=` means
        // nothing and is told so.
        if isAPI, let raw, raw.trimmingCharacters(in: .whitespaces).isEmpty {
            throw AppError.invalid(name, "validation.range", ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
        }
        return try Bounds.int(raw, field: name, in: range)
    }
}

struct SessionsEnabledKey: StorageKey { typealias Value = Bool }

extension Request {
    /// The client's network address, for sign-in throttling and the audit trail. Behind a
    /// proxy listed in `ANSINH_TRUSTED_PROXIES`, it is the nearest address in
    /// `X-Forwarded-For` that is not itself a trusted proxy; a header from anyone else is
    /// ignored (it could be forged to dodge the throttle).
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = services.config.trustedProxies
        guard trusted.contains(peer), let header = headers.first(name: "X-Forwarded-For") else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trusted.contains(hop) {
            return String(hop.prefix(64))
        }
        return peer
    }
}

extension Request {
    /// Today in the office time zone (the configured one, with the service clock).
    var today: LocalDate { LocalDate.of(services.now(), in: services.config.timeZone) }
    /// Now in the office time zone, to the minute (leave and incidents are signed to the minute).
    var moment: CareMoment { CareMoment.of(services.now(), in: services.config.timeZone) }

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
            case .conflict(let m), .notAllowed(let m), .consentRequired(let m): flash(.error, m)
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
