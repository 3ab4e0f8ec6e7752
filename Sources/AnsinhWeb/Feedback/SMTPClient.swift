import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The outbox's email: one message a connection to the configured SMTP server (RFC 5321) —
/// greeting, EHLO, AUTH PLAIN when the URL carries a user (RFC 4954), MAIL FROM, RCPT TO, DATA
/// with the message in UTF-8 (RFC 5322; base64 body and encoded-word subject, RFC 2045/2047),
/// QUIT. `smtps://` speaks TLS from the first byte (RFC 8314, port 465); `smtp://` is plain,
/// for the office's own relay (port 25).
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

    static func send(_ e: Envelope, via url: URL, group: any EventLoopGroup) async throws(Failure) {
        guard let host = url.host, !host.isEmpty else { throw Failure(text: "no SMTP host", final: true) }
        let tls = url.scheme == "smtps"
        let port = url.port ?? (tls ? 465 : 25)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group).connectTimeout(.seconds(10)).connect(host: host, port: port) { ch in
                ch.eventLoop.makeCompletedFuture {
                    if tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try ch.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: host))
                    }
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
                try await session.expect(2, after: "EHLO \(domain)")
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

        /// Sends `command` (none: the greeting) and reads its reply; a reply of another class than
        /// `digit` is a failure, final for 5xx.
        mutating func expect(_ digit: Int, after command: String?) async throws {
            if let command { try await write(command) }
            let (code, text) = try await reply()
            guard code / 100 == digit else {
                let shown = command.map { $0.hasPrefix("AUTH") ? "AUTH" : String($0.prefix(20)) } ?? "greeting"
                throw Failure(text: "SMTP \(code) after \(shown): \(text.prefix(200))", final: code >= 500)
            }
        }

        /// The next reply: lines "250-…" continue, "250 …" ends it.
        mutating func reply() async throws -> (Int, String) {
            var texts: [String] = []
            while true {
                let line = try await nextLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else { throw Failure(text: "SMTP reply not understood", final: false) }
                texts.append(String(line.dropFirst(4)))
                if line.count == 3 || line.dropFirst(3).first == " " { return (code, texts.joined(separator: " ")) }
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
