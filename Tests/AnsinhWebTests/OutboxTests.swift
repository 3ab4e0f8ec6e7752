import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import AnsinhWeb

/// A stand-in for the SMS gateway and Zalo's notification service, on a real port: it records
/// every call, fails the calls it is told to, and (like a gateway that honours the key) delivers
/// an SMS whose `Idempotency-Key` it has seen once only.
final class GatewayReceiver: Sendable {
    struct Call: Sendable { let path: String; let key: String?; let token: String?; let body: String }
    let app: Application
    let port: Int
    private let state = NIOLockedValueBox<(calls: [Call], fail: [HTTPStatus], delivered: [String])>(([], [], []))

    var calls: [Call] { state.withLockedValue { $0.calls } }
    /// What reached a person: SMS once per key, every Zalo call.
    var delivered: [String] { state.withLockedValue { $0.delivered } }
    func failNext(_ s: HTTPStatus) { state.withLockedValue { $0.fail.append(s) } }

    private init(app: Application, port: Int) { self.app = app; self.port = port }

    static func start() async throws -> GatewayReceiver {
        let app = try await Application.make(.testing)
        let box = NIOLockedValueBox<GatewayReceiver?>(nil)
        for path in ["sms", "zns"] {
            app.post(PathComponent(stringLiteral: path)) { req async throws -> Response in
                let r = box.withLockedValue { $0! }
                let call = Call(
                    path: path, key: req.headers.first(name: "Idempotency-Key"),
                    token: req.headers.first(name: "access_token") ?? req.headers.bearerAuthorization?.token, body: req.body.string ?? "")
                let outcome: HTTPStatus? = r.state.withLockedValue { s in
                    s.calls.append(call)
                    if !s.fail.isEmpty { return s.fail.removeFirst() }
                    let id = path == "sms" ? (call.key ?? "") : "zalo-\(s.calls.count)"
                    if path == "zns" || !s.delivered.contains(id) { s.delivered.append(id) }
                    return nil
                }
                if let outcome { return Response(status: outcome) }
                let json = path == "sms" ? #"{"id": "sms-\#(call.key ?? "")"}"# : #"{"error": 0, "message": "Success", "data": {"msg_id": "z1"}}"#
                return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: json))
            }
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let r = GatewayReceiver(app: app, port: app.http.server.shared.localAddress!.port!)
        box.withLockedValue { $0 = r }
        return r
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

/// The outbox: a message written with the answer, sent by the worker through real HTTP to the
/// gateways, retried with back-off, never sent twice where the gateway takes an idempotency key
/// (a worker that dies between sending and acknowledging), logged as a possible duplicate where
/// it does not, and dead at a final refusal.
@Suite("Outbox")
struct OutboxTests {
    @Test(arguments: TestDatabase.all)
    func messagesGoOutOnceWithRetriesAndSurviveAWorkerThatDies(db: TestDatabase) async throws {
        let receiver = try await GatewayReceiver.start()
        let clock = TestClock()
        let base = "http://127.0.0.1:\(receiver.port)"
        do {
            try await withAnsinh(
                db, clock: clock,
                settings: {
                    $0.outbox = OutboxGateways(
                        sms: .init(url: URL(string: base + "/sms")!, token: "sms-secret"),
                        zalo: .init(url: URL(string: base + "/zns")!, token: "zalo-secret", template: "231"))
                }
            ) { (app: Application) async throws in
                let store = app.store
                let repo = FeedbackRepository(store)
                let officer = try await demoActor(store, "canbo.khuongdinh")
                func ask(_ phone: String, zalo: Bool) async throws -> UUID {
                    var i = PublicRequestInput()
                    i.kind = "question"; i.unitCode = "00364"; i.text = "Khi nào phát tiền?"; i.name = "Vũ Thị Lan"; i.phone = phone; i.zalo = zalo
                    i.consent = true
                    let code = try await repo.submit(i, address: phone)
                    // A minute on: the tracking-code message and the later ones are told apart by
                    // their time (`row`), whatever order the database keeps them in.
                    clock.advance(minutes: 1)
                    return try await PublicRequestModel.query(on: store.db).filter(\.$code == code).first()!.id!
                }
                func row(_ source: UUID, _ n: Int = 0) async throws -> OutboxMessageModel {
                    try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == source).sort(\.$createdAt).all()[n]
                }
                // The tracking code goes out with the submission, in the resident's language and
                // signed by the ward.
                let first = try await ask("0912000001", zalo: false)
                let code = try await PublicRequestModel.find(first, on: store.db)!.code
                let received = try await row(first)
                #expect(received.state == "pending" && received.channel == "sms" && received.subject == nil)
                #expect(received.text.contains("Mã tra cứu: \(code). Hạn trả lời: 28/09/2026.") && received.text.hasSuffix("\n— UBND Phường Khương Đình"))
                #expect(try await OutboxWorker.deliverDue(app) == (1, 0))
                // The answer queues an SMS in its transaction; the gateway fails once, then takes it.
                try await repo.take(officer, id: first, .answer, text: "Ngày 10 hằng tháng tại nhà văn hóa tổ.")
                #expect(try await row(first, 1).state == "pending")
                receiver.failNext(.internalServerError)
                #expect(try await OutboxWorker.deliverDue(app) == (0, 1))
                var m = try await row(first, 1)
                #expect(m.state == "pending" && m.attempts == 1 && m.lastError == "HTTP 500" && m.nextAttemptAt == clock.now.addingTimeInterval(60))
                #expect(try await OutboxWorker.deliverDue(app) == (0, 0))
                clock.advance(minutes: 2)
                #expect(try await OutboxWorker.deliverDue(app) == (1, 0))
                m = try await row(first, 1)
                #expect(m.state == "sent" && m.attempts == 2 && m.providerID == "sms-\(m.id!.uuidString)")
                // Its trail in the audit: taken, failed and retried, taken again, sent — without
                // the number or the text.
                let trail = try await AuditEntryModel.query(on: store.db).filter(\.$entityID == m.id!.uuidString).sort(\.$id).all()
                #expect(trail.map(\.action) == ["outbox_claim", "outbox_retry", "outbox_claim", "outbox_sent"])
                #expect(trail.allSatisfy { !($0.afterJSON ?? "").contains("0912000001") && !($0.afterJSON ?? "").contains("Ngày 10") })
                let sms = receiver.calls.last!
                #expect(sms.key == m.id!.uuidString && sms.token == "sms-secret" && sms.body.contains("\"to\":\"0912000001\""))
                #expect(sms.body.contains("Ngày 10 hằng tháng"))

                // A worker sends the closing message and dies before acknowledging it: after the
                // lease another sends it again with the same key, and the gateway delivers it once.
                try await repo.take(officer, id: first, .close, text: "resolved")
                let claimed = try await OutboxRepository(store).claim(channels: [.sms], now: clock.now)
                #expect(claimed.count == 1)
                _ = try await OutboxWorker.send(app.client, app.ansinh.config.outbox.sms!, claimed[0])
                #expect(try await OutboxWorker.deliverDue(app) == (0, 0))
                clock.advance(minutes: 6)
                #expect(try await OutboxWorker.deliverDue(app) == (1, 0))
                let closing = try await row(first, 2)
                #expect(closing.state == "sent" && !closing.possibleDuplicate)
                let resent = try await AuditEntryModel.query(on: store.db).filter(\.$entityID == closing.id!.uuidString)
                    .filter(\.$action == "outbox_claim").sort(\.$id).all()
                #expect(resent.map { $0.afterJSON?.contains("\"resent_after_stop\":\"true\"") == true } == [false, true])
                #expect(receiver.calls.filter { $0.key == closing.id!.uuidString }.count == 2)
                #expect(receiver.delivered.filter { $0 == closing.id!.uuidString }.count == 1)

                // Zalo takes no key: the second sending is marked and logged as a possible duplicate.
                let second = try await ask("0912000002", zalo: true)
                #expect(try await OutboxWorker.deliverDue(app) == (1, 0))
                try await repo.take(officer, id: second, .answer, text: "Mời bác lên phường thứ Hai.")
                let z = try await OutboxRepository(store).claim(channels: [.zalo], now: clock.now)
                _ = try await OutboxWorker.send(app.client, app.ansinh.config.outbox.zalo!, z[0])
                clock.advance(minutes: 6)
                #expect(try await OutboxWorker.deliverDue(app) == (1, 0))
                let zalo = try await row(second, 1)
                #expect(zalo.state == "sent" && zalo.possibleDuplicate && zalo.providerID == "z1")
                let zns = receiver.calls.filter { $0.path == "zns" }
                #expect(zns.count == 3 && zns.allSatisfy { $0.token == "zalo-secret" })
                #expect(zns[1].body.contains("\"phone\":\"84912000002\"") && zns[1].body.contains("\"template_id\":\"231\""))
                #expect(zns[1].body.contains("\"tracking_id\":\"\(zalo.id!.uuidString)\""))

                // A final refusal (400) leaves the message dead at once, audited.
                let third = try await ask("0912000003", zalo: false)
                #expect(try await OutboxWorker.deliverDue(app) == (1, 0))
                try await repo.take(officer, id: third, .answer, text: "Đã nhận.")
                receiver.failNext(.badRequest)
                #expect(try await OutboxWorker.deliverDue(app) == (0, 1))
                #expect(try await row(third, 1).state == "dead")
                #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "outbox_dead").count() == 1)
                // The request's page shows its messages.
                let browser = TestBrowser(app)
                try await browser.login("canbo.khuongdinh")
                try await browser.get("/requests/\(first.uuidString)")
                #expect(browser.lastBody.contains("Tin nhắn đã gửi người dân") && browser.lastBody.components(separatedBy: "<td>Đã gửi</td>").count == 4)
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test func backOffDoublesUpToSixHours() {
        #expect((1...10).map { OutboxRetry.delay(afterAttempts: $0) } == [60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600])
    }
}
