import Fluent
import Foundation
import LanternCore
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

extension TicketWebhookTests {
/// Issue 14, item 6: a ticket webhook reaches only public https destinations, checked when the URL is saved and
/// again at delivery after resolving the name, and no redirect is followed. Inside the serialized webhook suite: a
/// dispatcher delivers for every account, so two suites' dispatchers must not run at once on a shared database.
@Suite("Webhook destinations")
struct WebhookSSRFTests {
    /// A resolver for the tests' own names, whose answers a test can change (a name that rebinds).
    final class FakeDNS: Sendable {
        let answers = NIOLockedValueBox<[String: [IPAddress]]>([:])

        func set(_ host: String, _ addresses: String...) {
            answers.withLockedValue { $0[host] = addresses.compactMap { IPAddress($0) } }
        }

        func install(on app: Application) {
            app.resolveHost = { [answers] host in
                if let literal = IPAddress(host) { return [literal] }
                guard let found = answers.withLockedValue({ $0[host] }) else { throw HostResolver.Failure(host: host, reason: "unknown") }
                return found
            }
        }
    }

    static func save(_ api: APIClient, _ url: String) async throws -> TestingHTTPResponse {
        try await api.send(.PUT, "settings/ticket_webhook", ["url": url])
    }

    @Test("Saving refuses http, and hosts that are or resolve to loopback, private, link-local or unspecified addresses")
    func refusedWhenSaved() async throws {
        try await withLantern { app in
            let dns = FakeDNS()
            dns.install(on: app)
            dns.set("hooks.public.test", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            dns.set("inside.test", "93.184.216.34", "10.0.0.7")
            dns.set("metadata.test", "169.254.169.254")
            dns.set("localhost", "127.0.0.1", "::1")
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let refused = [
                "http://hooks.public.test/hook", "https://127.0.0.1/hook", "https://127.0.0.1:8443/hook", "https://[::1]/hook",
                "https://localhost/hook", "https://169.254.169.254/latest/meta-data/", "https://metadata.test/x",
                "https://10.1.2.3/hook", "https://192.168.1.1/hook", "https://172.20.0.1/hook", "https://0.0.0.0/hook",
                "https://[::ffff:127.0.0.1]/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://inside.test/hook",
                "https://unknown.test/hook",
            ]
            for url in refused {
                let response = try await Self.save(api, url)
                #expect(response.status == .unprocessableEntity, "\(url)")
                #expect(response.error?.code == "validation_failed")
                #expect(response.error?.fields?["url"] != nil, "\(url)")
            }
            #expect(try api.object(try await api.send(.GET, "settings/ticket_webhook"))["url"] is NSNull)
            let message = try #require(try await Self.save(api, "https://169.254.169.254/").error?.fields?["url"])
            #expect(message.contains("link-local"))
            #expect(try await Self.save(api, "http://hooks.public.test/hook").error?.fields?["url"]?.contains("LANTERN_WEBHOOK_ALLOW_HTTP") == true)

            #expect(try await Self.save(api, "https://hooks.public.test/hook").status == .ok)
            // The operator's settings open http and then private destinations, each on its own.
            app.lantern.webhookAllowHTTP = true
            #expect(try await Self.save(api, "http://hooks.public.test/hook").status == .ok)
            #expect(try await Self.save(api, "http://127.0.0.1/hook").status == .unprocessableEntity)
            app.lantern.webhookAllowPrivate = true
            #expect(try await Self.save(api, "http://127.0.0.1/hook").status == .ok)
        }
    }

    @Test("A name that resolves to loopback by delivery time is refused then: nothing reaches the loopback endpoint")
    func rebindingRefusedAtDelivery() async throws {
        try await withLantern { app in
            let dns = FakeDNS()
            dns.install(on: app)
            app.lantern.webhookAllowHTTP = true
            let receiver = try await WebhookReceiver(statuses: [])
            defer { Task { try? await receiver.stop() } }
            let port = receiver.app.http.server.shared.localAddress!.port!
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            dns.set("rebind.test", "93.184.216.34")
            #expect(try await Self.save(api, "http://rebind.test:\(port)/hook").status == .ok)
            dns.set("rebind.test", "127.0.0.1")

            let created = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            let ticketID = try #require(try api.object(created)["id"] as? Int)
            // What the delivery-time check says of the URL now: loopback.
            await #expect { try await app.webhookTargets.check("http://rebind.test:\(port)/hook") } throws: { error in
                (error as? WebhookTargetGuard.Refusal)?.description.contains("loopback") == true
            }
            var dispatcher = WebhookDispatcher(app: app)
            dispatcher.backoff = [30]
            // On PostgreSQL a server process of another suite may hold the delivery's lease for a moment: try again
            // until this ticket's delivery has been attempted.
            func delivery() async throws -> WebhookDelivery {
                try #require(try await WebhookDelivery.query(on: app.db).filter(\.$ticketID == ticketID).first())
            }
            var tries = 0
            while try await delivery().attempts == 0, tries < 50 {
                try await dispatcher.deliverDue()
                try await Task.sleep(for: .milliseconds(100))
                tries += 1
            }
            let refused = try await delivery()
            #expect(receiver.received.isEmpty)
            #expect(refused.deliveredAt == nil)
            #expect(refused.attempts >= 1)
            #expect(refused.lastError?.contains("Refused") == true, "\(refused.lastError ?? "")")

            // With private destinations allowed, the same delivery goes through to the address that was checked.
            app.lantern.webhookAllowPrivate = true
            try await dispatcher.deliverDue(now: Date().addingTimeInterval(31))
            #expect(receiver.received.count == 1)
            #expect(receiver.received.first?.headers.first(name: .host) == "rebind.test:\(port)")
        }
    }

    @Test("A redirect from the endpoint is not followed: the delivery fails with the 3xx status")
    func redirectsNotFollowed() async throws {
        try await withLantern { app in
            TicketWebhookTests.allowLoopbackHTTP(app)
            let target = try await WebhookReceiver(statuses: [])
            let redirector = try await Application.make(.testing)
            redirector.logger.logLevel = .critical
            let hits = NIOLockedValueBox(0)
            redirector.post("hook") { [hits] _ -> Response in
                hits.withLockedValue { $0 += 1 }
                return Response(status: .temporaryRedirect, headers: ["Location": target.url])
            }
            try await redirector.server.start(address: .hostname("127.0.0.1", port: 0))
            defer {
                Task {
                    try? await target.stop()
                    await redirector.server.shutdown()
                    try? await redirector.asyncShutdown()
                }
            }
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let port = redirector.http.server.shared.localAddress!.port!
            #expect(try await Self.save(api, "http://127.0.0.1:\(port)/hook").status == .ok)
            let created = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            let ticketID = try #require(try api.object(created)["id"] as? Int)
            try await WebhookDispatcher(app: app).deliverDue()
            let delivery = try #require(try await WebhookDelivery.query(on: app.db).filter(\.$ticketID == ticketID).first())
            #expect(hits.withLockedValue { $0 } == 1)
            #expect(target.received.isEmpty, "the redirect was followed")
            #expect(delivery.lastStatus == 307)
            #expect(delivery.deliveredAt == nil)
            #expect(delivery.lastError?.contains("redirects are not followed") == true)
        }
    }
}
}
