import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A small scripted SMTP server on loopback for the dispatcher's tests (the real MTA tests run Postfix: see
/// `scripts/mail-test.sh`): it answers each command, records the messages it accepts, and answers the end of each
/// message's DATA with the next scripted reply (default `250`).
final class SMTPTestServer: Sendable {
    struct Message: Sendable {
        let from: String
        let recipients: [String]
        let data: String
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: any Channel
    private let state: NIOLockedValueBox<State>

    struct State {
        var messages: [Message] = []
        /// Replies to the end of DATA, in order; `250 OK` once they run out.
        var dataReplies: [String] = []
        var commands: [String] = []
    }

    init(dataReplies: [String] = []) async throws {
        let state = NIOLockedValueBox(State(dataReplies: dataReplies))
        self.state = state
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Session(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var port: Int { channel.localAddress?.port ?? 0 }
    var url: String { "smtp://127.0.0.1:\(port)?tls=off" }
    var messages: [Message] { state.withLockedValue { $0.messages } }
    var commands: [String] { state.withLockedValue { $0.commands } }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    private struct LineDecoder: ByteToMessageDecoder {
        typealias InboundOut = String
        mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let newline = buffer.readableBytesView.firstIndex(of: 0x0A) else { return .needMoreData }
            var line = buffer.readString(length: newline - buffer.readerIndex + 1) ?? ""
            if line.hasSuffix("\r\n") { line.removeLast(1) } else { line.removeLast() }
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
    }

    private final class Session: ChannelInboundHandler {
        typealias InboundIn = String
        typealias OutboundOut = ByteBuffer
        let state: NIOLockedValueBox<State>
        var from = ""
        var recipients: [String] = []
        var data: [String]? = nil

        init(state: NIOLockedValueBox<State>) {
            self.state = state
        }

        func channelActive(context: ChannelHandlerContext) {
            reply(context, "220 test.example ESMTP")
        }

        func channelRead(context: ChannelHandlerContext, data raw: NIOAny) {
            let line = unwrapInboundIn(raw)
            if data != nil {
                guard line == "." else { data!.append(line.hasPrefix(".") ? String(line.dropFirst()) : line); return }
                let message = Message(from: from, recipients: recipients, data: data!.joined(separator: "\r\n"))
                data = nil
                let answer = state.withLockedValue { value -> String in
                    let answer = value.dataReplies.isEmpty ? "250 2.0.0 Ok: queued" : value.dataReplies.removeFirst()
                    if answer.hasPrefix("250") { value.messages.append(message) }
                    return answer
                }
                reply(context, answer)
                return
            }
            state.withLockedValue { $0.commands.append(line) }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                reply(context, "250-test.example\r\n250-SIZE 1000000\r\n250 8BITMIME")
            } else if upper.hasPrefix("MAIL FROM:") {
                from = String(line.dropFirst(10).prefix(while: { $0 != " " }))
                recipients = []
                reply(context, "250 2.1.0 Ok")
            } else if upper.hasPrefix("RCPT TO:") {
                recipients.append(String(line.dropFirst(8)))
                reply(context, "250 2.1.5 Ok")
            } else if upper == "DATA" {
                data = []
                reply(context, "354 End data with <CR><LF>.<CR><LF>")
            } else if upper == "RSET" {
                reply(context, "250 2.0.0 Ok")
            } else if upper == "QUIT" {
                reply(context, "221 2.0.0 Bye")
                context.close(promise: nil)
            } else {
                reply(context, "502 5.5.2 Error: command not recognized")
            }
        }

        private func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}
