import AnsinhCore
import Foundation

/// The public form's challenge against automated submissions, without any third-party service:
/// a small sum whose question and issue time are signed with the server's secret. A challenge
/// is answered once (its nonce is stored with the request) and lives two hours.
public struct RequestChallenge: Sendable, Equatable {
    public let a: Int
    public let b: Int
    public let token: String
    public static let lifetime: TimeInterval = 7200

    public static func make(secret: String, now: Date) -> RequestChallenge {
        let a = Int.random(in: 2...9), b = Int.random(in: 2...9)
        let nonce = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let body = "\(a).\(b).\(Int(now.timeIntervalSince1970)).\(nonce)"
        return RequestChallenge(a: a, b: b, token: body + "." + mac(body, secret))
    }

    /// The nonce of a valid, unexpired challenge answered right; otherwise the error to show
    /// on the `answer` field.
    public static func verify(token: String, answer: String, secret: String, now: Date) -> Result<String, AppError> {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 5, let a = Int(parts[0]), let b = Int(parts[1]), let issued = Double(parts[2]),
            mac(parts[0..<4].joined(separator: "."), secret) == parts[4]
        else { return .failure(.invalid("answer", "request.error.challenge")) }
        let age = now.timeIntervalSince1970 - issued
        guard age >= -60, age <= lifetime else { return .failure(.invalid("answer", "request.error.challenge_expired")) }
        guard Int(answer.trimmingCharacters(in: .whitespaces)) == a + b else { return .failure(.invalid("answer", "request.error.challenge_wrong")) }
        return .success(parts[3])
    }

    /// Whether `token` is a challenge this server issued and that has not expired (its answer
    /// is not checked): what lets an anonymous form send files larger than an ordinary form.
    public static func isIssued(token: String, secret: String, now: Date) -> Bool {
        let parts = token.split(separator: ".").map(String.init)
        guard token.count <= 200, parts.count == 5, let issued = Double(parts[2]), mac(parts[0..<4].joined(separator: "."), secret) == parts[4] else {
            return false
        }
        let age = now.timeIntervalSince1970 - issued
        return age >= -60 && age <= lifetime
    }

    static func mac(_ body: String, _ secret: String) -> String {
        KeyedHash.hex(body, key: "request-challenge:" + secret, bytes: 16)
    }
}
