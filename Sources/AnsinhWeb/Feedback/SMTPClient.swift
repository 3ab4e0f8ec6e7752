import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The outbox's email: one message a connection to the configured SMTP server (RFC 5321) —
/// greeting, EHLO, AUTH PLAIN when the URL carries a user (RFC 4954), MAIL FROM, RCPT TO, DATA
/// with the message in UTF-8 (RFC 5322; base64 body and encoded-word subject, RFC 2045/2047),
/// QUIT. `smtps://` speaks TLS from the first byte (RFC 8314, port 465); `smtp+starttls://`
/// turns the connection to TLS after the first EHLO (RFC 3207, port 587) and refuses a server
/// that does not offer it; `smtp://` is plain, for the office's own relay (port 25). The server's
/// certificate is checked against the system's roots and the office's own (`trustRoots`).
///
/// A 4xx reply, a lost connection or no answer within 30 seconds is worth another attempt; a 5xx
/// reply (no such mailbox, refused) is final. SMTP takes no idempotency key: the message's id is
/// its `Message-ID`, which mail systems use to drop a copy that arrives twice.
enum SMTPClient {
    struct Failure: Error, Equatable {
        let text: String
        let final: Bool
    }

    struct Envelope {
        let from: String
        let to: String
        let subject: String
        let text: String
        let messageID: UUID
        let date: Date
    }

    static func send(_ e: Envelope, via url: URL, trustRoots: String = "", group: any EventLoopGroup) async throws(Failure) {
        guard let host = url.host, !host.isEmpty else { throw Failure(text: "no SMTP host", final: true) }
        let tls = url.scheme == "smtps", starttls = url.scheme == "smtp+starttls"
        let port = url.port ?? (tls ? 465 : starttls ? 587 : 25)
        let context: NIOSSLContext
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if !trustRoots.isEmpty { configuration.additionalTrustRoots = [.file(trustRoots)] }
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw Failure(text: "TLS set-up failed: \(error)", final: false)
        }
        // SNI names a host, never an address (RFC 6066 §3).
        let sni = host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group).connectTimeout(.seconds(10)).connect(host: host, port: port) { ch in
                ch.eventLoop.makeCompletedFuture {
                    if tls { try ch.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: sni)) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch)
                }
            }
        } catch {
            throw Failure(text: "SMTP server unreachable", final: false)
        }
        // A server that stops answering is cut off: the read below then ends, and the message waits
        // for its next attempt.
        let underlying = channel.channel
        let deadline = underlying.eventLoop.scheduleTask(in: .seconds(30)) { underlying.close(promise: nil) }
        defer { deadline.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var session = Session(lines: inbound.makeAsyncIterator(), outbound: outbound)
                try await session.expect(2, after: nil)
                let domain = e.from.split(separator: "@").last.map(String.init) ?? "localhost"
                let offered = try await session.expect(2, after: "EHLO \(domain)")
                if starttls {
                    guard offered.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                        throw Failure(text: "SMTP server does not offer STARTTLS", final: false)
                    }
                    try await session.expect(2, after: "STARTTLS")
                    // Nothing may follow the 220 in clear: bytes already here would be read as if
                    // they had come through TLS (the STARTTLS injection of RFC 3207 §6's warning).
                    guard session.pending.isEmpty else { throw Failure(text: "SMTP server sent data after STARTTLS", final: false) }
                    // TLS goes nearest the socket: what follows is encrypted both ways, and the
                    // server forgets what it was told before (RFC 3207 §4.2), so EHLO again.
                    do {
                        try await underlying.eventLoop.submit {
                            try underlying.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: sni), position: .first)
                        }.get()
                    } catch {
                        throw Failure(text: "TLS after STARTTLS failed", final: false)
                    }
                    try await session.expect(2, after: "EHLO \(domain)")
                }
                if let user = url.user?.removingPercentEncoding, !user.isEmpty {
                    let password = url.password?.removingPercentEncoding ?? ""
                    let token = Data(("\u{0}" + user + "\u{0}" + password).utf8).base64EncodedString()
                    try await session.expect(2, after: "AUTH PLAIN \(token)")
                }
                try await session.expect(2, after: "MAIL FROM:<\(e.from)>")
                try await session.expect(2, after: "RCPT TO:<\(e.to)>")
                try await session.expect(3, after: "DATA")
                try await session.expect(2, after: message(e) + "\r\n.")
                try? await session.write("QUIT")
            }
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure(text: "SMTP connection lost", final: false)
        }
    }

    /// The message as sent after DATA: headers, a blank line, the base64 body in lines of 76
    /// (a base64 line never starts with a dot, so no dot-stuffing is needed).
    static func message(_ e: Envelope) -> String {
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX"); date.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = Data(e.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "Date: \(date.string(from: e.date))", "From: <\(e.from)>", "To: <\(e.to)>", "Subject: \(encodedWords(e.subject))",
            "Message-ID: <\(e.messageID.uuidString.lowercased())@\(e.from.split(separator: "@").last ?? "localhost")>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "", body,
        ].joined(separator: "\r\n")
    }

    /// A header text as RFC 2047 encoded words of at most ten characters each (every word stays
    /// under 75 octets), folded onto lines of their own.
    static func encodedWords(_ text: String) -> String {
        let chars = Array(text.filter { !$0.isNewline })
        guard !chars.isEmpty else { return "" }
        return stride(from: 0, to: chars.count, by: 10).map { i in
            "=?UTF-8?B?" + Data(String(chars[i..<min(i + 10, chars.count)]).utf8).base64EncodedString() + "?="
        }.joined(separator: "\r\n ")
    }

    /// One SMTP conversation: commands out, replies (possibly of several lines) in.
    struct Session {
        var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending: [UInt8] = []

        mutating func write(_ command: String) async throws {
            try await outbound.write(ByteBuffer(string: command + "\r\n"))
        }

        /// Sends `command` (none: the greeting) and reads its reply, returned line by line (EHLO's
        /// lines are the server's extensions); a reply of another class than `digit` is a failure,
        /// final for 5xx.
        @discardableResult
        mutating func expect(_ digit: Int, after command: String?) async throws -> [String] {
            if let command { try await write(command) }
            let (code, lines) = try await reply()
            guard code / 100 == digit else {
                let shown = command.map { $0.hasPrefix("AUTH") ? "AUTH" : String($0.prefix(20)) } ?? "greeting"
                throw Failure(text: "SMTP \(code) after \(shown): \(lines.joined(separator: " ").prefix(200))", final: code >= 500)
            }
            return lines
        }

        /// The next reply: lines "250-…" continue, "250 …" ends it.
        mutating func reply() async throws -> (Int, [String]) {
            var texts: [String] = []
            while true {
                let line = try await nextLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else { throw Failure(text: "SMTP reply not understood", final: false) }
                texts.append(String(line.dropFirst(4)))
                if line.count == 3 || line.dropFirst(3).first == " " { return (code, texts) }
            }
        }

        mutating func nextLine() async throws -> String {
            while true {
                if let lf = pending.firstIndex(of: 10) {
                    var line = Array(pending[..<lf])
                    pending.removeSubrange(...lf)
                    if line.last == 13 { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                guard let chunk = try await lines.next() else { throw Failure(text: "SMTP connection closed", final: false) }
                pending.append(contentsOf: chunk.readableBytesView)
                if pending.count > 64_000 { throw Failure(text: "SMTP reply too long", final: false) }
            }
        }
    }
}
