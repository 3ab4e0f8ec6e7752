import Foundation

/// How a message reaches a resident: an SMS through the configured gateway, Zalo through the
/// Zalo Notification Service of the ward's Official Account, or email through an SMTP server.
public enum OutboxChannel: String, CaseIterable, Sendable, Codable { case sms, zalo, email }

/// A message's way out: pending (waiting for its time) → sending (claimed by a worker, for a
/// lease) → sent; after `maxAttempts` failures, or a refusal the gateway says is final, dead.
/// A worker that dies while sending leaves the message `sending`; when the lease ends another
/// worker sends it again with the same idempotency key.
public enum OutboxState: String, CaseIterable, Sendable, Codable { case pending, sending, sent, dead }

/// The retry rules of the outbox.
public enum OutboxRetry {
    public static let maxAttempts = 6
    /// How long a claimed message is left to its worker before another may take it (default).
    public static let lease: TimeInterval = 300
    /// The wait after the `attempts`-th failure: 1, 2, 4, 8… minutes, at most six hours.
    public static func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempts - 1))), 6 * 3600)
    }
}

/// The gateways messages go out through (`ANSINH_SMS_URL`/`ANSINH_SMS_TOKEN`,
/// `ANSINH_ZALO_URL`/`ANSINH_ZALO_TOKEN`/`ANSINH_ZALO_TEMPLATE`,
/// `ANSINH_SMTP_URL`/`ANSINH_SMTP_FROM`). A channel without its gateway keeps its messages pending
/// until one is configured.
public struct OutboxGateways: Sendable, Equatable {
    public struct Gateway: Sendable, Equatable {
        public let url: URL
        public let token: String
        /// The approved ZNS template for Zalo (its data: `code`, `text`); unused for SMS.
        public let template: String
        /// The sender's address of emails (`ANSINH_SMTP_FROM`); unused for SMS and Zalo.
        public let from: String
        /// A PEM file of certificates trusted besides the system's, for the office's own mail
        /// server (`ANSINH_SMTP_CA`); empty: the system's only.
        public let trustRoots: String
        public init(url: URL, token: String, template: String = "", from: String = "", trustRoots: String = "") {
            self.url = url; self.token = token; self.template = template; self.from = from; self.trustRoots = trustRoots
        }
    }
    public var sms: Gateway?
    public var zalo: Gateway?
    /// An SMTP server: `smtp://[user:password@]host[:port]` (plain, e.g. the office's own relay,
    /// port 25 by default), `smtp+starttls://…` (plain, then TLS before anything is said — the
    /// submission port 587 by default; a server that does not offer STARTTLS is refused), or
    /// `smtps://…` (TLS from the start, port 465 by default).
    public var email: Gateway?
    /// How long a worker holds a message it is sending (`ANSINH_OUTBOX_LEASE_SECONDS`, 5–3600).
    public var leaseSeconds = Int(OutboxRetry.lease)
    public init(sms: Gateway? = nil, zalo: Gateway? = nil) { self.sms = sms; self.zalo = zalo }

    public func gateway(_ c: OutboxChannel) -> Gateway? {
        switch c {
        case .sms: return sms
        case .zalo: return zalo
        case .email: return email
        }
    }

    /// From the environment; a URL that is not http(s) stops the start.
    public static func from(_ env: [String: String]) throws(ConfigurationError) -> OutboxGateways {
        func gateway(_ prefix: String, defaultURL: String? = nil) throws(ConfigurationError) -> Gateway? {
            guard let raw = env["ANSINH_\(prefix)_URL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? (env["ANSINH_\(prefix)_TOKEN"] != nil ? defaultURL : nil)
            else { return nil }
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? "") else {
                throw ConfigurationError(variable: "ANSINH_\(prefix)_URL", message: Message("config.gateway_url"))
            }
            return Gateway(url: url, token: env["ANSINH_\(prefix)_TOKEN"] ?? "", template: env["ANSINH_\(prefix)_TEMPLATE"] ?? "")
        }
        var g = OutboxGateways(sms: try gateway("SMS"), zalo: try gateway("ZALO", defaultURL: "https://business.openapi.zalo.me/message/template"))
        if let raw = env["ANSINH_SMTP_URL"], !raw.isEmpty {
            guard let url = URL(string: raw), ["smtp", "smtp+starttls", "smtps"].contains(url.scheme ?? ""), !(url.host ?? "").isEmpty else {
                throw ConfigurationError(variable: "ANSINH_SMTP_URL", message: Message("config.smtp_url"))
            }
            guard let from = env["ANSINH_SMTP_FROM"].flatMap(EmailAddress.normalise) else {
                throw ConfigurationError(variable: "ANSINH_SMTP_FROM", message: Message("config.smtp_from"))
            }
            let ca = env["ANSINH_SMTP_CA"] ?? ""
            if !ca.isEmpty && !FileManager.default.isReadableFile(atPath: ca) {
                throw ConfigurationError(variable: "ANSINH_SMTP_CA", message: Message("config.smtp_ca", ["path": ca]))
            }
            g.email = Gateway(url: url, token: "", from: from, trustRoots: ca)
        }
        if let raw = env["ANSINH_OUTBOX_LEASE_SECONDS"], !raw.isEmpty {
            guard let s = Int(raw), (5...3600).contains(s) else {
                throw ConfigurationError(variable: "ANSINH_OUTBOX_LEASE_SECONDS", message: Message("config.outbox_lease", ["value": raw]))
            }
            g.leaseSeconds = s
        }
        return g
    }
}

/// What the ward sends a resident: a catalogue message in the resident's language, signed by the
/// ward, with a subject line for email.
public enum ResidentMessage {
    public static func compose(_ message: Message, locale: AppLocale, ward: String, catalogue: MessageCatalogue = .shared) -> (subject: String, text: String) {
        let body = catalogue.text(message, locale)
        return (catalogue.text("outbox.subject", locale, ["ward": ward]), body + "\n— " + catalogue.text("outbox.signature", locale, ["ward": ward]))
    }
}
