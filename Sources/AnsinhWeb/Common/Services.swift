import AnsinhCore
import AnsinhStore
import Prometheus
import Vapor

/// Bcrypt password hashing, run on the thread pool so that an event loop never blocks.
struct BcryptHasher: PasswordHashing {
    let cost: Int
    let pool: NIOThreadPool
    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }
    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await pool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}

/// Everything Ansinh keeps for the life of the application.
public struct AnsinhServices: Sendable {
    public let config: AppConfiguration
    public let catalogue: MessageCatalogue
    public let metrics: PrometheusCollectorRegistry
    let passwords: BcryptHasher
    /// The clock; tests replace it to move time forward.
    public let now: @Sendable () -> Date
}

struct AnsinhServicesKey: StorageKey { typealias Value = AnsinhServices }

extension Application {
    public var ansinh: AnsinhServices {
        get {
            guard let s = storage[AnsinhServicesKey.self] else { fatalError("configure(app:) was not called") }
            return s
        }
        set { storage[AnsinhServicesKey.self] = newValue }
    }

    /// A store on the application's database, for commands and start-up work.
    public var store: Store {
        Store(db: db, passwords: ansinh.passwords, secret: ansinh.config.secret, now: ansinh.now)
    }
}

extension Request {
    var services: AnsinhServices { application.ansinh }
    var store: Store { Store(db: db, passwords: services.passwords, secret: services.config.secret, now: services.now) }
}
