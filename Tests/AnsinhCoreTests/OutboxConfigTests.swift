import Foundation
import Testing
@testable import AnsinhCore

/// The outbox's gateways from the environment: a wrong value stops the start naming the variable.
@Suite("Outbox configuration")
struct OutboxConfigTests {
    func email(_ env: [String: String]) throws(ConfigurationError) -> OutboxGateways.Gateway? {
        try OutboxGateways.from(env.merging(["ANSINH_SMTP_FROM": "phuong@khuongdinh.gov.vn"]) { a, _ in a }).email
    }

    @Test func theThreeWaysToASMTPServerAndTheOfficesOwnCertificate() throws {
        #expect(try email(["ANSINH_SMTP_URL": "smtp://relay.local"])?.url.scheme == "smtp")
        #expect(try email(["ANSINH_SMTP_URL": "smtps://u:p@mail.example.vn"])?.url.scheme == "smtps")
        let starttls = try email(["ANSINH_SMTP_URL": "smtp+starttls://u:p@mail.example.vn:587"])
        #expect(starttls?.url.scheme == "smtp+starttls" && starttls?.url.port == 587 && starttls?.trustRoots == "")
        #expect(throws: ConfigurationError.self) { try email(["ANSINH_SMTP_URL": "http://mail.example.vn"]) }
        // The office's certificate authority must be a file Ansinh can read.
        let pem = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-ca-\(UUID().uuidString).pem")
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: pem)
        defer { try? FileManager.default.removeItem(at: pem) }
        #expect(try email(["ANSINH_SMTP_URL": "smtp+starttls://mail.example.vn", "ANSINH_SMTP_CA": pem.path])?.trustRoots == pem.path)
        do {
            _ = try email(["ANSINH_SMTP_URL": "smtp+starttls://mail.example.vn", "ANSINH_SMTP_CA": "/no/such/ca.pem"])
            Issue.record("an unreadable certificate file was accepted")
        } catch {
            #expect(error.variable == "ANSINH_SMTP_CA")
        }
    }
}
