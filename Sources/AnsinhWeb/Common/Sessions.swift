import AnsinhCore
import AnsinhStore
import Vapor

/// Vapor's session driver over `SessionRepository`: sessions in the database (shared by every
/// server process), with their owner and times, ended on the server after
/// `ANSINH_SESSION_IDLE_MINUTES` unused or `ANSINH_SESSION_MAX_HOURS` after sign-in.
struct AnsinhSessionDriver: AsyncSessionDriver {
    func repo(_ req: Request) -> SessionRepository { SessionRepository(req.store, limits: req.services.config.sessionLimits) }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let key = Data(bytes).base64EncodedString()
        try await repo(request).create(key, data.snapshot)
        return SessionID(string: key)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard sessionID.string.utf8.count <= 64 else { return nil }
        return try await repo(request).read(sessionID.string).map { SessionData(initialData: $0) }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        try await repo(request).update(sessionID.string, data.snapshot)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await repo(request).delete(sessionID.string)
    }
}

extension AppConfiguration {
    var sessionLimits: SessionLimits { SessionLimits(idleMinutes: sessionIdleMinutes, maxHours: sessionMaxHours, tokenDays: tokenDays) }
}
