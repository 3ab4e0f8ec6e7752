import Crypto
import Foundation

/// HMAC-SHA256 of a value under a key, in hex: how Ansinh keeps what it must recognise but not
/// hold (an API token, a caller's number, a network address) and signs what it hands out (the
/// public form's challenge). Each use names its own key (`purpose` + the server's secret).
public enum KeyedHash {
    /// The first `bytes` bytes of the MAC (all 32 when nil), as lower-case hex.
    public static func hex(_ value: String, key: String, bytes: Int? = nil) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return mac.prefix(bytes ?? 32).map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    /// The SHA-256 of these bytes as lower-case hex: a stored file's fingerprint, an import's
    /// identity, a link of the audit chain.
    public var sha256Hex: String { SHA256.hash(data: self).map { String(format: "%02x", $0) }.joined() }
}
