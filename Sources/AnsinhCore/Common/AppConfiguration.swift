import Foundation

/// Ansinh's whole configuration, read once from the environment at start.
/// `fromEnvironment` refuses wrong values with one clear message naming the variable.
public struct AppConfiguration: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        /// A SQLite file (the embedded default for one office).
        case sqliteFile(path: String)
        /// A private in-memory SQLite database (tests).
        case sqliteMemory
        /// A PostgreSQL server (a province or the country).
        case postgres(url: String)
    }

    public enum Mode: String, Sendable { case development, production, testing }

    public var database: DatabaseLocation
    /// Key for the HMAC that stores API tokens; changing it invalidates every token.
    public var secret: String
    public var secretWasGenerated: Bool
    public var defaultLocale: AppLocale
    public var timeZone: TimeZone
    /// Adds `Secure` to the session cookie (set when served over HTTPS).
    public var secureCookies: Bool
    public var mode: Mode
    public var logLevel: String
    /// The day of the month on which Ansinh prepares the month's payment cycles itself
    /// (`ANSINH_PAYROLL_DAY`, 1–28, default 1; 0 = only by hand).
    public var payrollDay: Int = 1
    /// The largest upload accepted, in MiB (`ANSINH_MAX_UPLOAD_MB`, 1–1024, default 50).
    /// Larger bodies are refused with 413 before they are read to the end.
    public var maxUploadMB: Int = 50
    /// Proxies whose `X-Forwarded-For` names the client (`ANSINH_TRUSTED_PROXIES`, comma-
    /// separated addresses); empty = the socket's peer is the client.
    public var trustedProxies: [String] = []
    /// A session unused this long ends (`ANSINH_SESSION_IDLE_MINUTES`, 5–1440, default 480).
    public var sessionIdleMinutes: Int = 480
    /// A session ends this long after sign-in (`ANSINH_SESSION_MAX_HOURS`, 1–168, default 12).
    public var sessionMaxHours: Int = 12
    /// A new API token expires after this many days (`ANSINH_TOKEN_DAYS`, 1–365, default 90).
    public var tokenDays: Int = 90
    /// Keys that seal the most sensitive fields (`ANSINH_DATA_KEY`, then the retired keys of
    /// `ANSINH_DATA_KEYS_OLD`, comma-separated), each 32 bytes in base64; the first seals, all
    /// open. Empty outside production: `dataKeyFile` holds the key instead.
    public var dataKeys: [String] = []
    /// The endpoint of the population database that identity checks may ask
    /// (`ANSINH_POPULATION_CONNECTOR`, a JSON file, with `ANSINH_POPULATION_TOKEN`); nil = checks
    /// are recorded by hand only.
    public var populationConnector: PopulationConnectorConfig?
    /// The SMS and Zalo gateways of the outbox (none: messages wait).
    public var outbox = OutboxGateways()
    /// Where the key lives when `ANSINH_DATA_KEY` is unset outside production: beside the SQLite
    /// file (`<file>.key`, created once), never inside the database; nil in memory (tests: a
    /// fixed test key).
    public var dataKeyFile: String? {
        guard dataKeys.isEmpty else { return nil }
        switch database {
        case .sqliteFile(let path): return path + ".key"
        case .postgres: return "ansinh-data.key"
        case .sqliteMemory: return nil
        }
    }

    public static let defaultDatabaseURL = "sqlite://ansinh.sqlite"
    public static let minimumSecretLength = 32

    public init(
        database: DatabaseLocation, secret: String, secretWasGenerated: Bool = false,
        defaultLocale: AppLocale = .vi,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
        secureCookies: Bool = false, mode: Mode = .development, logLevel: String = "info"
    ) {
        self.database = database; self.secret = secret; self.secretWasGenerated = secretWasGenerated
        self.defaultLocale = defaultLocale; self.timeZone = timeZone
        self.secureCookies = secureCookies; self.mode = mode; self.logLevel = logLevel
    }

    /// A configuration for tests: in-memory SQLite unless a PostgreSQL URL is given.
    public static func testing(postgresURL: String? = nil) -> AppConfiguration {
        AppConfiguration(
            database: postgresURL.map { .postgres(url: $0) } ?? .sqliteMemory,
            secret: String(repeating: "t", count: 40), mode: .testing, logLevel: "warning")
    }

    /// Parses a `DATABASE_URL`: `sqlite:///abs/path.sqlite`, `sqlite://relative.sqlite`,
    /// `sqlite::memory:`, or `postgres://user:pass@host:port/db`.
    public static func parseDatabaseURL(_ raw: String) throws(ConfigurationError) -> DatabaseLocation {
        if raw == "sqlite::memory:" { return .sqliteMemory }
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty, !path.hasSuffix("/") else {
                throw ConfigurationError(variable: "DATABASE_URL", message: Message("config.database_url_sqlite_path", ["value": raw]))
            }
            return .sqliteFile(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil, url.path.count > 1 else {
                throw ConfigurationError(variable: "DATABASE_URL", message: Message("config.database_url_postgres", ["value": raw]))
            }
            return .postgres(url: raw)
        }
        throw ConfigurationError(variable: "DATABASE_URL", message: Message("config.database_url_scheme", ["value": raw]))
    }

    /// Reads the configuration from environment variables. `randomSecret` is called only when
    /// `ANSINH_SECRET` is unset outside production.
    public static func fromEnvironment(
        _ env: [String: String],
        randomSecret: () -> String
    ) throws(ConfigurationError) -> AppConfiguration {
        let mode: Mode
        if let raw = env["ANSINH_ENV"], !raw.isEmpty {
            guard let m = Mode(rawValue: raw) else {
                throw ConfigurationError(variable: "ANSINH_ENV", message: Message("config.env_mode", ["value": raw]))
            }
            mode = m
        } else {
            mode = .development
        }

        let database = try parseDatabaseURL(env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDatabaseURL)

        var secret = env["ANSINH_SECRET"] ?? ""
        var generated = false
        if secret.isEmpty {
            if mode == .production {
                throw ConfigurationError(variable: "ANSINH_SECRET", message: Message("config.secret_required"))
            }
            secret = randomSecret(); generated = true
        } else if secret.count < minimumSecretLength {
            throw ConfigurationError(variable: "ANSINH_SECRET", message: Message("config.secret_short", ["min": "\(minimumSecretLength)"]))
        }

        var locale = AppLocale.vi
        if let raw = env["ANSINH_LOCALE"], !raw.isEmpty {
            guard let l = AppLocale(rawValue: raw) else {
                throw ConfigurationError(variable: "ANSINH_LOCALE", message: Message("config.locale", ["value": raw]))
            }
            locale = l
        }

        var zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        if let raw = env["ANSINH_TIMEZONE"], !raw.isEmpty {
            guard let z = TimeZone(identifier: raw) else {
                throw ConfigurationError(variable: "ANSINH_TIMEZONE", message: Message("config.timezone", ["value": raw]))
            }
            zone = z
        }

        var secure = false
        if let raw = env["ANSINH_SECURE_COOKIES"], !raw.isEmpty {
            switch raw.lowercased() {
            case "1", "true", "yes": secure = true
            case "0", "false", "no": secure = false
            default:
                throw ConfigurationError(variable: "ANSINH_SECURE_COOKIES", message: Message("config.boolean", ["value": raw]))
            }
        }

        let logLevel = env["ANSINH_LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0 } ?? (mode == .testing ? "warning" : "info")
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        guard levels.contains(logLevel) else {
            throw ConfigurationError(variable: "ANSINH_LOG_LEVEL", message: Message("config.log_level", ["value": logLevel]))
        }

        var payrollDay = 1
        if let raw = env["ANSINH_PAYROLL_DAY"], !raw.isEmpty {
            guard let d = Int(raw), (0...28).contains(d) else {
                throw ConfigurationError(variable: "ANSINH_PAYROLL_DAY", message: Message("config.payroll_day", ["value": raw]))
            }
            payrollDay = d
        }

        var maxUpload = 50
        if let raw = env["ANSINH_MAX_UPLOAD_MB"], !raw.isEmpty {
            guard let n = Int(raw), (1...1024).contains(n) else {
                throw ConfigurationError(variable: "ANSINH_MAX_UPLOAD_MB", message: Message("config.max_upload", ["value": raw]))
            }
            maxUpload = n
        }
        func bounded(_ name: String, _ range: ClosedRange<Int>, _ fallback: Int) throws(ConfigurationError) -> Int {
            guard let raw = env[name], !raw.isEmpty else { return fallback }
            guard let n = Int(raw), range.contains(n) else {
                throw ConfigurationError(
                    variable: name, message: Message("config.range", ["value": raw, "min": "\(range.lowerBound)", "max": "\(range.upperBound)"]))
            }
            return n
        }
        let idle = try bounded("ANSINH_SESSION_IDLE_MINUTES", 5...1440, 480)
        let maxHours = try bounded("ANSINH_SESSION_MAX_HOURS", 1...168, 12)
        let tokenDays = try bounded("ANSINH_TOKEN_DAYS", 1...365, 90)
        var dataKeys: [String] = []
        if let raw = env["ANSINH_DATA_KEY"], !raw.isEmpty {
            dataKeys.append(raw)
            dataKeys += (env["ANSINH_DATA_KEYS_OLD"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else if mode == .production {
            throw ConfigurationError(variable: "ANSINH_DATA_KEY", message: Message("config.data_key_required"))
        }
        for k in dataKeys where Data(base64Encoded: k)?.count != 32 {
            throw ConfigurationError(variable: "ANSINH_DATA_KEY", message: Message("config.data_key"))
        }
        var connector: PopulationConnectorConfig?
        if let path = env["ANSINH_POPULATION_CONNECTOR"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(variable: "ANSINH_POPULATION_CONNECTOR", message: Message("config.population_file", ["path": path]))
            }
            connector = try PopulationConnectorConfig.parse(data, token: env["ANSINH_POPULATION_TOKEN"] ?? "", production: mode == .production)
        }
        let proxies = (env["ANSINH_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }

        var config = AppConfiguration(
            database: database, secret: secret, secretWasGenerated: generated,
            defaultLocale: locale, timeZone: zone, secureCookies: secure,
            mode: mode, logLevel: logLevel)
        config.payrollDay = payrollDay
        config.maxUploadMB = maxUpload
        config.trustedProxies = proxies
        config.dataKeys = dataKeys
        config.populationConnector = connector
        config.outbox = try OutboxGateways.from(env)
        config.sessionIdleMinutes = idle; config.sessionMaxHours = maxHours; config.tokenDays = tokenDays
        return config
    }
}

/// A configuration value that stops Ansinh from starting.
public struct ConfigurationError: Error, Sendable, Equatable {
    public let variable: String
    public let message: Message
}
