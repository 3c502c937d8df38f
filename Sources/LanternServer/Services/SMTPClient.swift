import Foundation
import LanternCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS or implicit TLS (NIOSSL, certificates verified), AUTH
/// PLAIN or LOGIN, SIZE, 8BITMIME, dot-stuffing, line lengths, and a timeout on every step. One `send` opens a
/// connection, delivers one message to its recipients and says QUIT.
struct SMTPClient: Sendable {
    let url: SMTPURL
    let eventLoopGroup: any EventLoopGroup
    /// The name Lantern greets with (`EHLO`).
    var heloName = "lantern.localhost"
    /// Extra trusted roots (a PEM file): `LANTERN_SMTP_CA_FILE`.
    var caFile: String? = nil
    /// How long each step (connecting, the greeting, each command's answer, the TLS handshake) may take.
    var stepTimeout: TimeAmount = .seconds(30)
    /// How long the server may take to accept the message after its last byte (RFC 5321 §4.5.3.2.6: 10 minutes).
    var dataTimeout: TimeAmount = .seconds(600)

    /// The longest line SMTP carries, without its CRLF (RFC 5321 §4.5.3.1.6).
    static let maximumLineLength = 998

    /// A step that went wrong: where, the server's words if it answered, and whether trying later may help.
    struct Failure: Error, CustomStringConvertible, Sendable {
        let step: String
        let code: Int?
        let message: String

        /// A 5xx answer (or a message the server can never take): retrying will not help.
        var isPermanent: Bool { (code ?? 0) >= 500 }

        var description: String {
            code.map { "\(step): the server answered \($0) \(message)" } ?? "\(step): \(message)"
        }
    }

    /// What the server said when it accepted the message (its queue id, usually).
    struct Receipt: Sendable {
        let reply: String
    }

    /// Sends one message on a connection of its own. `transcript` hears each step (credentials are never shown).
    func send(_ message: [UInt8], from sender: String, to recipients: [String],
              transcript: (@Sendable (String) -> Void)? = nil) async throws -> Receipt {
        let session = try await open(transcript: transcript)
        do {
            let receipt = try await session.deliver(message, from: sender, to: recipients)
            await session.quit()
            return receipt
        } catch {
            await session.quit()
            throw error
        }
    }

    /// Connects, reads the greeting, says EHLO, starts TLS and authenticates: a session ready for messages.
    func open(transcript: (@Sendable (String) -> Void)? = nil) async throws -> Session {
        let log = transcript ?? { _ in }
        let connection = try await connect(log: log)
        do {
            try await connection.expect("greeting", [220], timeout: stepTimeout, log: log)
            var extensions = try await ehlo(connection, log: log)
            if url.security == .startTLS {
                guard extensions.keys.contains("STARTTLS") else {
                    throw Failure(step: "STARTTLS", code: nil, message: "the server does not offer STARTTLS, which smtp:// requires (use smtps:// for implicit TLS, or ?tls=off for a loopback relay)")
                }
                try await connection.command("STARTTLS", expecting: [220], timeout: stepTimeout, log: log)
                try await connection.startTLS(try tlsContext(), serverHostname: Self.sniName(url.host), timeout: stepTimeout)
                log("TLS established")
                extensions = try await ehlo(connection, log: log)
            }
            if let username = url.username {
                try await authenticate(connection, username: username, password: url.password ?? "", extensions: extensions, log: log)
            }
            return Session(connection: connection, extensions: extensions, stepTimeout: stepTimeout, dataTimeout: dataTimeout, log: log)
        } catch {
            connection.close()
            throw error
        }
    }

    /// An authenticated connection that delivers messages one after another (RSET after a refused one).
    struct Session: Sendable {
        let connection: SMTPConnection
        /// The server's EHLO keywords (upper case) with their parameters.
        let extensions: [String: String]
        let stepTimeout: TimeAmount
        let dataTimeout: TimeAmount
        let log: @Sendable (String) -> Void

        /// Whether the connection can still carry a message.
        var isOpen: Bool { connection.channel.isActive }

        /// MAIL FROM (with SIZE and BODY=8BITMIME as the server offers them), RCPT TO for each recipient, DATA.
        func deliver(_ message: [UInt8], from sender: String, to recipients: [String]) async throws -> Receipt {
            let body = try SMTPClient.dataBlock(message)
            let eightBit = body.contains { $0 >= 0x80 }
            if eightBit && !extensions.keys.contains("8BITMIME") {
                throw Failure(step: "MAIL FROM", code: 554, message: "the message has 8-bit bytes and the server does not offer 8BITMIME")
            }
            var mailFrom = "MAIL FROM:<\(sender)>"
            if let limit = extensions["SIZE"].flatMap({ Int($0) }), limit > 0 {
                guard body.count <= limit else {
                    throw Failure(step: "MAIL FROM", code: 552, message: "the message (\(body.count) bytes) is larger than the server's SIZE limit of \(limit) bytes")
                }
                mailFrom += " SIZE=\(body.count)"
            }
            if eightBit { mailFrom += " BODY=8BITMIME" }
            do {
                try await connection.command(mailFrom, expecting: [250], timeout: stepTimeout, log: log)
                for recipient in recipients {
                    try await connection.command("RCPT TO:<\(recipient)>", expecting: [250, 251], timeout: stepTimeout, log: log)
                }
                try await connection.command("DATA", expecting: [354], timeout: stepTimeout, log: log)
                log("→ (\(body.count) bytes of message)")
                let reply = try await connection.send(body, step: "end of DATA", expecting: [250], timeout: dataTimeout, log: log)
                return Receipt(reply: reply)
            } catch let failure as Failure where failure.code != nil {
                // The server refused this message but the conversation goes on: reset it for the next one.
                _ = try? await connection.command("RSET", expecting: [250], timeout: stepTimeout, log: log)
                throw failure
            }
        }

        /// QUIT (best effort) and close.
        func quit() async {
            if isOpen { _ = try? await connection.command("QUIT", expecting: [221], timeout: .seconds(5), log: log) }
            connection.close()
        }
    }

    /// EHLO; the extensions the server announces, by upper-case keyword, with their parameters.
    private func ehlo(_ connection: SMTPConnection, log: @Sendable (String) -> Void) async throws -> [String: String] {
        let reply = try await connection.command("EHLO \(heloName)", expecting: [250], timeout: stepTimeout, log: log)
        var extensions: [String: String] = [:]
        for line in reply.split(separator: "\n").dropFirst() {
            let words = line.split(separator: " ", maxSplits: 1)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = words.count > 1 ? String(words[1]) : ""
        }
        return extensions
    }

    private func authenticate(_ connection: SMTPConnection, username: String, password: String, extensions: [String: String],
                              log: @Sendable (String) -> Void) async throws {
        let mechanisms = Set((extensions["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
        if mechanisms.contains("PLAIN") {
            let token = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
            try await connection.command("AUTH PLAIN \(token)", shown: "AUTH PLAIN ****", expecting: [235], timeout: stepTimeout, log: log)
        } else if mechanisms.contains("LOGIN") {
            try await connection.command("AUTH LOGIN", expecting: [334], timeout: stepTimeout, log: log)
            try await connection.command(Data(username.utf8).base64EncodedString(), shown: "(user name)", expecting: [334],
                                         timeout: stepTimeout, log: log)
            try await connection.command(Data(password.utf8).base64EncodedString(), shown: "(password)", expecting: [235],
                                         timeout: stepTimeout, log: log)
        } else {
            throw Failure(step: "AUTH", code: nil, message: "the server offers neither AUTH PLAIN nor AUTH LOGIN"
                          + (url.security == .startTLS || url.security == .implicitTLS ? "" : " (many servers offer AUTH only over TLS)"))
        }
    }

    private func connect(log: @Sendable (String) -> Void) async throws -> SMTPConnection {
        let implicitContext = url.security == .implicitTLS ? try tlsContext() : nil
        let serverName = Self.sniName(url.host)
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(stepTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitContext, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
        log("Connecting to \(url.host):\(url.port) (\(url.security == .implicitTLS ? "implicit TLS" : url.security == .startTLS ? "STARTTLS required" : "no TLS"))")
        do {
            let channel = try await bootstrap.connect(host: url.host, port: url.port).get()
            return try await SMTPConnection(channel: channel)
        } catch {
            throw Failure(step: "connect", code: nil, message: "could not connect to \(url.host):\(url.port): \(error)")
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile { configuration.additionalTrustRoots = [.file(caFile)] }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw Failure(step: "TLS", code: nil, message: "could not set up TLS: \(error)")
        }
    }

    /// The host for SNI and certificate checks; `nil` for an IP address (checked against the certificate's IP names).
    private static func sniName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// The message as DATA sends it: CRLF line breaks, each line starting with "." doubled, no line over 998
    /// characters, and the final "." line.
    static func dataBlock(_ message: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 40 + 8)
        var lineLength = 0
        var index = 0
        while index < message.count {
            let byte = message[index]
            if byte == 0x0D && index + 1 < message.count && message[index + 1] == 0x0A { index += 1; continue }
            if byte == 0x0A || byte == 0x0D {
                out += [0x0D, 0x0A]
                lineLength = 0
                index += 1
                continue
            }
            if lineLength == 0 && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            lineLength += 1
            guard lineLength <= maximumLineLength else {
                throw Failure(step: "DATA", code: 554, message: "the message has a line longer than \(maximumLineLength) characters")
            }
            index += 1
        }
        if out.count < 2 || out.suffix(2) != [0x0D, 0x0A] { out += [0x0D, 0x0A] }
        out += Array(".\r\n".utf8)
        return out
    }
}

/// One SMTP reply: its code and its lines' text (joined with "\n").
struct SMTPReply: Sendable {
    let code: Int
    let text: String
}

/// Splits the server's bytes into replies, joining the lines of a multi-line reply ("250-…" up to "250 …").
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: 0x0A) else {
            if buffer.readableBytes > 4096 { throw SMTPClient.Failure(step: "reply", code: nil, message: "the server sent a line longer than 4 KiB") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        var line = buffer.readString(length: length) ?? ""
        while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") { line.removeLast() }
        let digits = line.prefix(3)
        guard digits.count == 3, let code = Int(digits) else {
            throw SMTPClient.Failure(step: "reply", code: nil, message: "the server sent a line that is not an SMTP reply: \(line.prefix(80))")
        }
        let separator = line.dropFirst(3).first
        lines.append(String(line.dropFirst(4)))
        if separator == "-" { return .continue }
        context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, text: lines.joined(separator: "\n"))))
        lines = []
        return .continue
    }
}

/// Hands each reply to the step waiting for it; fails that step when the connection fails or closes.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply
    private var waiting: EventLoopPromise<SMTPReply>?
    private var early: [SMTPReply] = []
    private var failure: (any Error)?

    func next(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !early.isEmpty { return eventLoop.makeSucceededFuture(early.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting = promise
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let waiting {
            self.waiting = nil
            waiting.succeed(reply)
        } else {
            early.append(reply)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPClient.Failure(step: "connection", code: nil, message: "the server closed the connection"))
        context.fireChannelInactive()
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        waiting?.fail(error)
        waiting = nil
    }
}

/// An open connection: writes commands and waits for their replies, each within its timeout.
struct SMTPConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>

    init(channel: any Channel) async throws {
        self.channel = channel
        handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
    }

    /// Waits for the next reply; fails unless its code is one of `codes`.
    @discardableResult
    func expect(_ step: String, _ codes: [Int], timeout: TimeAmount, log: @Sendable (String) -> Void) async throws -> String {
        let handler = self.handler
        let eventLoop = channel.eventLoop
        let channel = self.channel
        let reply: SMTPReply
        do {
            reply = try await eventLoop.flatSubmit {
                let future = handler.value.next(on: eventLoop)
                let timer = eventLoop.scheduleTask(in: timeout) {
                    channel.pipeline.fireErrorCaught(SMTPClient.Failure(step: step, code: nil, message: "no answer within \(timeout.nanoseconds / 1_000_000_000) seconds"))
                }
                future.whenComplete { _ in timer.cancel() }
                return future
            }.get()
        } catch let failure as SMTPClient.Failure {
            throw SMTPClient.Failure(step: failure.step == "connection" ? step : failure.step, code: failure.code, message: failure.message)
        } catch {
            throw SMTPClient.Failure(step: step, code: nil, message: "\(error)")
        }
        for (index, line) in reply.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            log("← \(reply.code)\(index == 0 ? " " : "-")\(line)")
        }
        guard codes.contains(reply.code) else {
            throw SMTPClient.Failure(step: step, code: reply.code, message: reply.text.replacingOccurrences(of: "\n", with: " "))
        }
        return reply.text
    }

    /// Sends one command line and waits for its reply. `shown` is what the transcript shows instead (credentials).
    @discardableResult
    func command(_ line: String, shown: String? = nil, expecting codes: [Int], timeout: TimeAmount,
                 log: @Sendable (String) -> Void) async throws -> String {
        log("→ \(shown ?? line)")
        let step = shown ?? String(line.prefix(while: { $0 != ":" && $0 != "<" }))
        return try await send(Array((line + "\r\n").utf8), step: step, expecting: codes, timeout: timeout, log: log)
    }

    /// Writes bytes and waits for the reply.
    func send(_ bytes: [UInt8], step: String, expecting codes: [Int], timeout: TimeAmount,
              log: @Sendable (String) -> Void) async throws -> String {
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
        } catch {
            throw SMTPClient.Failure(step: step, code: nil, message: "could not write to the server: \(error)")
        }
        return try await expect(step, codes, timeout: timeout, log: log)
    }

    /// Puts TLS under the SMTP handlers (after the server's 220 to STARTTLS) and waits for the handshake.
    func startTLS(_ context: NIOSSLContext, serverHostname: String?, timeout: TimeAmount) async throws {
        let channel = self.channel
        do {
            let handshake = channel.eventLoop.makePromise(of: Void.self)
            try await channel.eventLoop.submit {
                let waiter = TLSHandshakeWaiter(promise: handshake)
                try channel.pipeline.syncOperations.addHandler(waiter, position: .first)
                try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverHostname),
                                                               position: .first)
                let bound = NIOLoopBound(waiter, eventLoop: channel.eventLoop)
                let timer = channel.eventLoop.scheduleTask(in: timeout) {
                    bound.value.finish(.failure(SMTPClient.Failure(step: "TLS", code: nil,
                                                                   message: "no TLS handshake within \(timeout.nanoseconds / 1_000_000_000) seconds")))
                    channel.close(promise: nil)
                }
                handshake.futureResult.whenComplete { _ in timer.cancel() }
            }.get()
            try await handshake.futureResult.get()
        } catch let failure as SMTPClient.Failure {
            throw failure
        } catch {
            throw SMTPClient.Failure(step: "TLS", code: nil, message: "the TLS handshake failed: \(error)")
        }
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// Sits right after the TLS handler and completes `promise` once: when the handshake finishes, fails, or times out.
final class TLSHandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let promise: EventLoopPromise<Void>
    private var finished = false

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func finish(_ result: Result<Void, any Error>) {
        guard !finished else { return }
        finished = true
        promise.completeWith(result)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            finish(.success(()))
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(SMTPClient.Failure(step: "TLS", code: nil, message: "the server closed the connection during the handshake")))
        context.fireChannelInactive()
    }
}
