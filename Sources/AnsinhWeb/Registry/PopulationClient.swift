import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Asks the configured population database about a person (`ANSINH_POPULATION_CONNECTOR`) and
/// records its answer as a check with method `connector`. The call is made outside any
/// transaction; an endpoint that does not answer, refuses the token or answers something
/// unreadable records nothing and says so (409), and the officer records the check by hand.
enum PopulationClient {
    /// The largest answer read; a person's identity details are a few hundred bytes.
    static let maxAnswerBytes = 1_048_576

    static func check(_ req: Request, personID: UUID) async throws -> IdentityCheck {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        guard let config = req.services.config.populationConnector else { throw AppError.conflict(Message("registry.connector.not_configured")) }
        let repo = IdentityVerificationRepository(req.store)
        let who = try await repo.subject(actor, personID: personID)
        let answer: PopulationAnswer
        do {
            answer = try await ask(req.client, config, fields: config.fields(nationalID: who.nationalID, fullName: who.fullName, birthDate: who.birthDate))
        } catch {
            // The national ID number stays out of the log; the message key says what failed.
            req.logger.warning("population connector: \(error.message.key) \(error.message.args["status"] ?? "")")
            throw AppError.conflict(error.message)
        }
        return try await repo.recordAnswer(
            actor, personID: personID, answer: answer, source: config.name, catalogue: req.services.catalogue, locale: req.services.config.defaultLocale)
    }

    static func ask(_ client: any Client, _ c: PopulationConnectorConfig, fields: [(String, String)]) async throws(PopulationConnectorFailure)
        -> PopulationAnswer
    {
        var headers = HTTPHeaders([("Authorization", "Bearer \(c.token)"), ("Accept", "application/json")])
        var url = URLComponents(url: c.url, resolvingAgainstBaseURL: false)!
        var body: ByteBuffer?
        if c.method == "GET" {
            url.queryItems = (url.queryItems ?? []) + fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        } else {
            let object = Dictionary(fields, uniquingKeysWith: { a, _ in a })
            body = ByteBuffer(data: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
            headers.add(name: .contentType, value: "application/json")
        }
        let request = ClientRequest(
            method: c.method == "GET" ? .GET : .POST, url: URI(string: url.string ?? c.url.absoluteString), headers: headers, body: body,
            timeout: .seconds(Int64(c.timeoutSeconds)))
        let response: ClientResponse
        do {
            response = try await client.send(request)
        } catch {
            throw PopulationConnectorFailure(Message("registry.connector.unreachable", ["seconds": "\(c.timeoutSeconds)"]))
        }
        let data = response.body.map { Data($0.readableBytesView) } ?? Data()
        guard data.count <= maxAnswerBytes else { throw PopulationConnectorFailure(Message("registry.connector.unreadable")) }
        return try c.answer(status: Int(response.status.code), body: data)
    }
}
