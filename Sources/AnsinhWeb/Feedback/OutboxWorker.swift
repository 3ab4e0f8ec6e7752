import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Delivers the outbox through the configured gateways, every 30 seconds while `serve` runs.
///
/// - SMS: a JSON `POST` to `ANSINH_SMS_URL` (`{"to", "text", "reference"}`) with the bearer token
///   and an `Idempotency-Key` header (the message's id): a gateway that honours the key delivers a
///   message sent again after a worker died once only.
/// - Zalo: the Zalo Notification Service template API of the ward's Official Account
///   (`POST https://business.openapi.zalo.me/message/template`, header `access_token`, body
///   `{"phone", "template_id", "template_data", "tracking_id"}`, answer `{"error": 0, …}`) **[U:
///   the template's fields are the ward's approved template]**. It takes no idempotency key: a
///   message sent again after a worker died is logged and marked as a possible duplicate.
/// - Email: through the SMTP server of `ANSINH_SMTP_URL` (`SMTPClient`), from `ANSINH_SMTP_FROM`;
///   a 4xx reply is retried, a 5xx is final. Like Zalo it takes no idempotency key (a message
///   sent again keeps its `Message-ID`, and is marked as a possible duplicate).
///
/// A 2xx (and for Zalo `error` 0) acknowledges; a 4xx other than 408 and 429 is final (dead at
/// once); anything else is retried with back-off (`OutboxRetry`).
enum OutboxWorker {
    struct Failure: Error { let text: String; let final: Bool }

    @discardableResult
    static func deliverDue(_ app: Application) async throws -> (sent: Int, failed: Int) {
        let gateways = app.ansinh.config.outbox
        let channels = OutboxChannel.allCases.filter { gateways.gateway($0) != nil }
        let repo = OutboxRepository(app.store)
        let due = try await repo.claim(channels: channels, now: app.ansinh.now(), lease: TimeInterval(gateways.leaseSeconds))
        var sent = 0, failed = 0
        for m in due {
            guard let gateway = gateways.gateway(m.channel) else { continue }
            let duplicate = m.resent && m.channel != .sms
            if duplicate {
                app.logger.warning(
                    "outbox: message \(m.id) sent again after a worker stopped while sending it (\(m.channel.rawValue) takes no idempotency key): possible duplicate"
                )
            }
            do {
                let provider: String?
                if m.channel == .email {
                    do {
                        try await SMTPClient.send(
                            .init(from: gateway.from, to: m.recipient, subject: m.subject ?? "", text: m.text, messageID: m.id, date: app.ansinh.now()),
                            via: gateway.url, trustRoots: gateway.trustRoots, group: app.eventLoopGroup)
                    } catch {
                        throw Failure(text: error.text, final: error.final)
                    }
                    provider = nil
                } else {
                    provider = try await send(app.client, gateway, m)
                }
                try await repo.acknowledge(m.id, providerID: provider, now: app.ansinh.now(), possibleDuplicate: duplicate)
                sent += 1
            } catch let f as Failure {
                try await repo.fail(m.id, error: f.text, final: f.final, now: app.ansinh.now(), possibleDuplicate: duplicate)
                failed += 1
            }
        }
        return (sent, failed)
    }

    /// Sends one message; answers the gateway's id for it.
    static func send(_ client: any Client, _ g: OutboxGateways.Gateway, _ m: OutboxMessage) async throws(Failure) -> String? {
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("Accept", "application/json")])
        let object: [String: Any]
        switch m.channel {
        case .sms:
            headers.add(name: "Authorization", value: "Bearer \(g.token)")
            headers.add(name: "Idempotency-Key", value: m.id.uuidString)
            object = ["to": m.recipient, "text": m.text, "reference": m.id.uuidString]
        case .email:
            throw Failure(text: "email goes through SMTP", final: true)
        case .zalo:
            headers.add(name: "access_token", value: g.token)
            // ZNS numbers are written 84xxxxxxxxx.
            let phone = m.recipient.hasPrefix("0") ? "84" + m.recipient.dropFirst() : m.recipient
            object = ["phone": phone, "template_id": g.template, "template_data": ["text": m.text], "tracking_id": m.id.uuidString]
        }
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        let response: ClientResponse
        do {
            response = try await client.send(
                ClientRequest(method: .POST, url: URI(string: g.url.absoluteString), headers: headers, body: ByteBuffer(data: body), timeout: .seconds(15)))
        } catch {
            throw Failure(text: "unreachable", final: false)
        }
        let code = Int(response.status.code)
        let answer = response.body.flatMap { try? JSONSerialization.jsonObject(with: Data($0.readableBytesView)) } as? [String: Any]
        guard (200..<300).contains(code) else { throw Failure(text: "HTTP \(code)", final: (400..<500).contains(code) && code != 408 && code != 429) }
        switch m.channel {
        case .sms:
            return (answer?["id"]).map { "\($0)" }
        case .email:
            return nil
        case .zalo:
            let error = (answer?["error"] as? Int) ?? -1
            guard error == 0 else { throw Failure(text: "Zalo error \(error): \((answer?["message"] as? String) ?? "")", final: false) }
            return ((answer?["data"] as? [String: Any])?["msg_id"]).map { "\($0)" }
        }
    }
}

extension Operations {
    /// Delivers the outbox every 30 seconds while the server runs.
    public static func scheduleOutbox(_ app: Application) {
        let loop = app.eventLoopGroup.next()
        loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(10), delay: .seconds(30)) { _ in
            loop.makeFutureWithTask {
                do {
                    let r = try await OutboxWorker.deliverDue(app)
                    if r.sent + r.failed > 0 { app.logger.info("outbox: \(r.sent) sent, \(r.failed) failed") }
                } catch {
                    app.logger.error("outbox: delivery failed: \(error)")
                }
            }
        }
    }
}
