import Foundation

/// How Ansinh asks the national population database, or the provincial data-sharing platform in
/// front of it, about a person's identity details (Decrees 147/2025, 176/2025). Neither publishes
/// one API shape for communes, so nothing here assumes one: the operator describes the endpoint
/// in a JSON file (`ANSINH_POPULATION_CONNECTOR`) — its URL, GET or POST, the names of the fields
/// it takes and the paths of the fields it answers — and the bearer token comes from
/// `ANSINH_POPULATION_TOKEN`. Without the file the manual path (an officer's recorded check) is
/// the only one.
public struct PopulationConnectorConfig: Sendable, Equatable {
    /// What the officers see on the button ("Provincial data-sharing platform").
    public let name: String
    public let url: URL
    /// `GET` sends the fields as query items, `POST` as a JSON object.
    public let method: String
    public let timeoutSeconds: Int
    /// Field names of the request: the national ID number (required), the full name and the
    /// birth date (sent only when named).
    public let requestNationalID: String
    public let requestFullName: String?
    public let requestBirthDate: String?
    /// Dotted paths into the answer: a flag that the person was found, a flag that the details
    /// sent match, and the recorded full name and birth date (either `match` or `full_name`).
    public let responseFound: String?
    public let responseMatch: String?
    public let responseFullName: String?
    public let responseBirthDate: String?
    /// How the endpoint writes dates, one of `dateFormats`.
    public let dateFormat: String
    /// The HTTP status that means "no such person" (404 unless set).
    public let notFoundStatus: Int
    public let token: String

    public static let dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "dd-MM-yyyy", "yyyyMMdd"]

    /// Reads and checks the operator's file; every problem names the key at fault.
    public static func parse(_ data: Data, token: String, production: Bool) throws(ConfigurationError) -> PopulationConnectorConfig {
        func fail(_ key: String) -> ConfigurationError {
            ConfigurationError(variable: "ANSINH_POPULATION_CONNECTOR", message: Message("config.population_key", ["key": key]))
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ConfigurationError(variable: "ANSINH_POPULATION_CONNECTOR", message: Message("config.population_json"))
        }
        let request = root["request"] as? [String: Any] ?? [:], response = root["response"] as? [String: Any] ?? [:]
        func text(_ dict: [String: Any], _ key: String, _ path: String) throws(ConfigurationError) -> String? {
            guard let v = dict[key] else { return nil }
            guard let s = v as? String, !s.trimmingCharacters(in: .whitespaces).isEmpty, s.count <= 200 else { throw fail(path) }
            return s.trimmingCharacters(in: .whitespaces)
        }
        guard let name = try text(root, "name", "name") else { throw fail("name") }
        guard let raw = try text(root, "url", "url"), let url = URL(string: raw), let scheme = url.scheme?.lowercased(), url.host != nil,
            scheme == "https" || (scheme == "http" && !production)
        else { throw fail("url") }
        let method = (try text(root, "method", "method") ?? "POST").uppercased()
        guard method == "GET" || method == "POST" else { throw fail("method") }
        var timeout = 15
        if let t = root["timeout_seconds"] {
            guard let n = t as? Int, (1...120).contains(n) else { throw fail("timeout_seconds") }
            timeout = n
        }
        guard let nid = try text(request, "national_id", "request.national_id") else { throw fail("request.national_id") }
        let match = try text(response, "match", "response.match"), fullName = try text(response, "full_name", "response.full_name")
        guard match != nil || fullName != nil else { throw fail("response.full_name") }
        let format = try text(root, "date_format", "date_format") ?? "yyyy-MM-dd"
        guard dateFormats.contains(format) else { throw fail("date_format") }
        var notFound = 404
        if let s = root["not_found_status"] {
            guard let n = s as? Int, (400...499).contains(n), n != 401, n != 403 else { throw fail("not_found_status") }
            notFound = n
        }
        guard !token.isEmpty else {
            throw ConfigurationError(variable: "ANSINH_POPULATION_TOKEN", message: Message("config.population_token"))
        }
        return PopulationConnectorConfig(
            name: name, url: url, method: method, timeoutSeconds: timeout, requestNationalID: nid,
            requestFullName: try text(request, "full_name", "request.full_name"), requestBirthDate: try text(request, "birth_date", "request.birth_date"),
            responseFound: try text(response, "found", "response.found"), responseMatch: match, responseFullName: fullName,
            responseBirthDate: try text(response, "birth_date", "response.birth_date"), dateFormat: format, notFoundStatus: notFound, token: token)
    }

    /// The fields sent for a person, by the endpoint's names. A birth date known only by its
    /// year is not sent as a day (it would be a guess).
    public func fields(nationalID: String, fullName: String, birthDate: String) -> [(String, String)] {
        var out = [(requestNationalID, nationalID)]
        if let k = requestFullName { out.append((k, fullName)) }
        if let k = requestBirthDate, let d = LocalDate(iso: birthDate) { out.append((k, write(d))) }
        return out
    }

    func write(_ d: LocalDate) -> String {
        let y = LocalDate.digits(d.year, 4), m = LocalDate.digits(d.month, 2), dd = LocalDate.digits(d.day, 2)
        switch dateFormat {
        case "dd/MM/yyyy": return "\(dd)/\(m)/\(y)"
        case "dd-MM-yyyy": return "\(dd)-\(m)-\(y)"
        case "yyyyMMdd": return y + m + dd
        default: return d.iso
        }
    }

    func read(_ s: String) -> LocalDate? {
        let t = s.trimmingCharacters(in: .whitespaces)
        let parts: [Int]
        switch dateFormat {
        case "dd/MM/yyyy", "dd-MM-yyyy":
            let p = t.split(separator: dateFormat == "dd/MM/yyyy" ? "/" : "-").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            parts = [p[2], p[1], p[0]]
        case "yyyyMMdd":
            guard t.count == 8, let n = Int(t) else { return nil }
            parts = [n / 10000, n / 100 % 100, n % 100]
        default: return LocalDate(iso: t)
        }
        return LocalDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Reads the endpoint's answer. Throws a message for an answer that says nothing usable.
    public func answer(status: Int, body: Data) throws(PopulationConnectorFailure) -> PopulationAnswer {
        if status == notFoundStatus { return .notFound }
        if status == 401 || status == 403 { throw PopulationConnectorFailure(Message("registry.connector.refused", ["status": "\(status)"])) }
        guard (200..<300).contains(status) else { throw PopulationConnectorFailure(Message("registry.connector.status", ["status": "\(status)"])) }
        guard let root = try? JSONSerialization.jsonObject(with: body) else { throw PopulationConnectorFailure(Message("registry.connector.unreadable")) }
        func value(_ path: String?) -> Any? {
            guard let path else { return nil }
            var node: Any? = root
            for key in path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
            return node is NSNull ? nil : node
        }
        func flag(_ path: String?) throws(PopulationConnectorFailure) -> Bool? {
            guard let path else { return nil }
            switch value(path) {
            case let b as Bool: return b
            case let n as NSNumber: return n.intValue != 0
            case let s as String where ["true", "1", "yes", "co", "có"].contains(s.lowercased()): return true
            case let s as String where ["false", "0", "no", "khong", "không"].contains(s.lowercased()): return false
            default: throw PopulationConnectorFailure(Message("registry.connector.missing", ["path": path]))
            }
        }
        if try flag(responseFound) == false { return .notFound }
        if let m = try flag(responseMatch) { return .matched(m) }
        guard let name = value(responseFullName) as? String, !name.isEmpty else {
            if responseFound == nil && value(responseFullName) == nil { return .notFound }
            throw PopulationConnectorFailure(Message("registry.connector.missing", ["path": responseFullName ?? ""]))
        }
        let birth = (value(responseBirthDate) as? String).map { ($0, read($0)) }
        if let b = birth, b.1 == nil { throw PopulationConnectorFailure(Message("registry.connector.missing", ["path": responseBirthDate ?? ""])) }
        return .details(fullName: name, birthDate: birth?.1)
    }
}

/// What the population database said about one person.
public enum PopulationAnswer: Sendable, Equatable {
    case notFound
    /// The endpoint compared the details itself.
    case matched(Bool)
    /// The endpoint returned the details it holds.
    case details(fullName: String, birthDate: LocalDate?)

    /// The check to record for a registry person (`birthDate` `YYYY-MM-DD` or `YYYY`), with the
    /// differences named in the note. Names compare as written — case and spacing aside,
    /// diacritics count: "Nguyễn Văn Ân" is not "Nguyen Van An".
    public func check(fullName: String, birthDate: String) -> (status: VerificationStatus, note: Message?) {
        switch self {
        case .notFound: return (.mismatch, Message("registry.connector.not_found"))
        case .matched(let ok): return ok ? (.verified, nil) : (.mismatch, Message("registry.connector.no_match"))
        case .details(let name, let birth):
            func norm(_ s: String) -> String {
                s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            var differences: [String] = []
            if norm(name) != norm(fullName) { differences.append("\(fullName) ≠ \(name)") }
            guard let birth else {
                return differences.isEmpty ? (.verified, nil) : (.mismatch, Message("registry.connector.differs", ["what": differences[0]]))
            }
            if let mine = LocalDate(iso: birthDate) {
                if mine != birth { differences.append("\(mine.iso) ≠ \(birth.iso)") }
            } else if Int(birthDate.prefix(4)) != birth.year {
                differences.append("\(birthDate) ≠ \(birth.iso)")
            } else if differences.isEmpty {
                // Only the year is in the registry and it agrees: the database gives the day.
                return (.verified, Message("registry.connector.birth_day", ["date": birth.iso]))
            }
            if differences.isEmpty { return (.verified, nil) }
            return (.mismatch, Message("registry.connector.differs", ["what": differences.joined(separator: "; ")]))
        }
    }
}

/// The endpoint could not be asked or its answer could not be read; nothing is recorded.
public struct PopulationConnectorFailure: Error, Sendable, Equatable {
    public let message: Message
    public init(_ message: Message) { self.message = message }
}
