import Crypto
import Fluent
import Foundation
import LanternCore
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// A real HTTP endpoint on loopback that records what it receives and answers with scripted statuses.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let headers: HTTPHeaders
        let body: Data
    }

    let app: Application
    private let state = NIOLockedValueBox<(received: [Received], statuses: [HTTPResponseStatus])>(([], []))

    init(statuses: [HTTPResponseStatus]) async throws {
        app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        state.withLockedValue { $0.statuses = statuses }
        app.post("hook") { [state] request -> HTTPStatus in
            let body = request.body.data.map { Data(buffer: $0) } ?? Data()
            return state.withLockedValue { value in
                value.received.append(Received(headers: request.headers, body: body))
                return value.statuses.isEmpty ? .ok : value.statuses.removeFirst()
            }
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    }

    var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress!.port!)/hook" }
    var received: [Received] { state.withLockedValue { $0.received } }

    /// What was received once at least `count` requests arrived, or after ten seconds.
    func waitForDeliveries(_ count: Int) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(10)
        while received.count < count, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        return received
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

/// Serialized: on PostgreSQL every test shares one database, and a dispatcher delivers for every account.
@Suite("Ticket webhook", .serialized)
struct TicketWebhookTests {
    /// The receivers of these tests listen on plain HTTP on loopback, which an operator must allow.
    static func allowLoopbackHTTP(_ app: Application) {
        app.lantern.webhookAllowHTTP = true
        app.lantern.webhookAllowPrivate = true
    }

    @Test("ticket.updated on a status, priority, type or assignee change and ticket.replied on a public reply; never for a private note")
    func conversationEvents() async throws {
        try await withLantern { app in
            Self.allowLoopbackHTTP(app)
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let receiver = try await WebhookReceiver(statuses: [])
            defer { Task { try? await receiver.stop() } }
            _ = try await api.send(.PUT, "settings/ticket_webhook", ["url": receiver.url])
            let ticketID = try #require(try api.object(try await api.send(.POST, "tickets", ["email": "w@y.example", "subject": "Hook",
                                                                                              "description": "D"]))["id"] as? Int)
            _ = try await api.send(.POST, "tickets/\(ticketID)/notes", ["body": "Secret internal note"])
            let reply = try api.object(try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<p>Public answer</p>"]))
            _ = try await api.send(.PUT, "tickets/\(ticketID)", ["tags": ["only-tags"]])
            _ = try await api.send(.PUT, "tickets/\(ticketID)", ["priority": 4])
            let events = try await WebhookDelivery.query(on: app.db).filter(\.$ticketID == ticketID).sort(\.$id).all()
            #expect(events.map(\.event) == ["ticket.created", "ticket.replied", "ticket.updated"])
            #expect(events[1].conversationID == reply["id"] as? Int)

            try await WebhookDispatcher(app: app).deliverDue()
            // On PostgreSQL a parallel test's dispatcher may hold the lease on some of these deliveries and still be
            // posting them: wait for all three, then order them by delivery id.
            let received = try await receiver.waitForDeliveries(3).sorted {
                Int($0.headers.first(name: "X-Lantern-Delivery") ?? "") ?? 0 < Int($1.headers.first(name: "X-Lantern-Delivery") ?? "") ?? 0
            }
            #expect(received.map { $0.headers.first(name: "X-Lantern-Event") } == ["ticket.created", "ticket.replied", "ticket.updated"])
            try #require(received.count == 3)
            let replied = try #require(try JSONSerialization.jsonObject(with: received[1].body) as? [String: Any])
            #expect(replied["id"] as? Int == ticketID)
            let conversation = try #require(replied["conversation"] as? [String: Any])
            #expect(conversation["body"] as? String == "<p>Public answer</p>")
            #expect(conversation["private"] as? Bool == false)
            #expect(!received.contains { String(decoding: $0.body, as: UTF8.self).contains("Secret internal note") })
            let updated = try #require(try JSONSerialization.jsonObject(with: received[2].body) as? [String: Any])
            #expect(updated["priority"] as? Int == 4)
            #expect(updated["conversation"] == nil)
        }
    }

    @Test("Each new ticket is posted as signed JSON; failures are retried with backoff, then abandoned")
    func deliveries() async throws {
        try await withLantern { app in
            Self.allowLoopbackHTTP(app)
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let receiver = try await WebhookReceiver(statuses: [.internalServerError, .ok])
            defer { Task { try? await receiver.stop() } }

            let off = try api.object(try await api.send(.GET, "settings/ticket_webhook"))
            #expect(off["url"] is NSNull)
            #expect(try await api.send(.PUT, "settings/ticket_webhook", ["url": "ftp://nope"]).error?.fields?["url"] != nil)
            let set = try api.object(try await api.send(.PUT, "settings/ticket_webhook", ["url": receiver.url]))
            #expect(set["url"] as? String == receiver.url)
            let secret = try #require(set["secret"] as? String)

            let created = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            let ticketID = try #require(try api.object(created)["id"] as? Int)

            let start = Date()
            var dispatcher = WebhookDispatcher(app: app)
            dispatcher.backoff = [30, 60]
            // A dispatcher delivers for every account, and on PostgreSQL all tests share one database: so the
            // checks look at this ticket's own delivery and at what this test's receiver got.
            func delivery() async throws -> WebhookDelivery {
                try #require(try await WebhookDelivery.query(on: app.db).filter(\.$ticketID == ticketID).first())
            }
            // First attempt: the endpoint fails; the delivery waits for its backoff.
            try await dispatcher.deliverDue(now: start)
            #expect(receiver.received.count == 1)
            #expect(try await delivery().attempts == 1)
            #expect(try await delivery().deliveredAt == nil)
            try await dispatcher.deliverDue(now: start.addingTimeInterval(10))
            #expect(receiver.received.count == 1)
            // Second attempt, after the backoff: delivered, and never again.
            try await dispatcher.deliverDue(now: start.addingTimeInterval(31))
            #expect(receiver.received.count == 2)
            try await dispatcher.deliverDue(now: start.addingTimeInterval(3600))
            #expect(receiver.received.count == 2)
            #expect(try await delivery().attempts == 2)
            #expect(try await delivery().deliveredAt != nil)

            let last = try #require(receiver.received.last)
            let payload = try #require(try JSONSerialization.jsonObject(with: last.body) as? [String: Any])
            #expect(payload["id"] as? Int == ticketID)
            #expect(payload["subject"] as? String == "Cannot export")
            #expect(last.headers.first(name: "X-Lantern-Event") == "ticket.created")
            let signature = try #require(last.headers.first(name: "X-Lantern-Signature"))
            let parts = Dictionary(uniqueKeysWithValues: signature.split(separator: ",").map {
                let pair = $0.split(separator: "=", maxSplits: 1)
                return (String(pair[0]), String(pair[1]))
            })
            let timestamp = try #require(parts["t"])
            let expected = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + last.body,
                                                           using: SymmetricKey(data: Data(secret.utf8)))
            #expect(parts["v1"] == expected.map { String(format: "%02x", $0) }.joined())
        }
    }

    @Test("An endpoint that never answers well is abandoned after the last retry; tickets are not held up by it")
    func abandoned() async throws {
        try await withLantern { app in
            Self.allowLoopbackHTTP(app)
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            // Nothing listens on port 9 (discard) on loopback: every attempt fails to connect.
            #expect(try await api.send(.PUT, "settings/ticket_webhook", ["url": "http://127.0.0.1:9/hook"]).status == .ok)
            let clock = ContinuousClock()
            let began = clock.now
            let created = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            #expect(created.status == .created)
            #expect(clock.now - began < .seconds(2))
            let ticketID = try #require(try api.object(created)["id"] as? Int)

            var dispatcher = WebhookDispatcher(app: app)
            dispatcher.backoff = [1, 1]
            dispatcher.requestTimeout = .seconds(2)
            let start = Date()
            func delivery() async throws -> WebhookDelivery {
                try #require(try await WebhookDelivery.query(on: app.db).filter(\.$ticketID == ticketID).first())
            }
            for step in 0..<3 {
                try await dispatcher.deliverDue(now: start.addingTimeInterval(Double(step) * 5))
                #expect(try await delivery().attempts == step + 1)
            }
            let abandoned = try await delivery()
            #expect(abandoned.deliveredAt == nil)
            #expect(abandoned.abandonedAt != nil)
            #expect(abandoned.lastError != nil)
            try await dispatcher.deliverDue(now: start.addingTimeInterval(100))
            #expect(try await delivery().attempts == 3)

            // Turning the webhook off stops new deliveries from being queued.
            #expect(try await api.send(.PUT, "settings/ticket_webhook", ["url": NSNull()]).status == .ok)
            let later = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            let laterID = try #require(try api.object(later)["id"] as? Int)
            #expect(try await WebhookDelivery.query(on: app.db).filter(\.$ticketID == laterID).count() == 0)
        }
    }
}
