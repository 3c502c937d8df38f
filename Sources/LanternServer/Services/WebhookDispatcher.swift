import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// Posts each ticket event (`WebhookEvent`) to its account's webhook, to a destination `WebhookTargetGuard` checks again at each
/// delivery (no redirect is followed). Deliveries wait in the `webhook_deliveries` outbox, written
/// in the ticket's own transaction, so a slow or failing endpoint never holds up a ticket, and a delivery
/// survives restarts. Failed attempts are retried with backoff; processes sharing the database take a lease
/// on a delivery before they post it.
///
/// Each request carries `X-Lantern-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
/// webhook's secret>`, `X-Lantern-Event: ticket.created|ticket.updated|ticket.replied` and
/// `X-Lantern-Delivery: <delivery id>`. The body is the ticket as the API sends it (as it is at delivery time); a
/// `ticket.replied` body also carries the reply as `conversation`.
struct WebhookDispatcher: Sendable {
    /// Waits before the 2nd, 3rd, … attempt; after the last one the delivery is abandoned.
    static let defaultBackoff: [TimeInterval] = [10, 60, 300, 1_800, 7_200, 21_600]

    let app: Application
    var backoff: [TimeInterval] = Self.defaultBackoff
    var lease: TimeInterval = 60
    var requestTimeout: TimeAmount = .seconds(10)
    var batchSize = 20

    /// Delivers what is due at `now`; returns how many deliveries were attempted.
    @discardableResult
    func deliverDue(now: Date = Date()) async throws -> Int {
        let due = try await WebhookDelivery.query(on: app.db)
            .filter(\.$deliveredAt == nil).filter(\.$abandonedAt == nil).filter(\.$nextAttemptAt <= now)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < now) }
            .sort(\.$nextAttemptAt).limit(batchSize).all()
        var attempted = 0
        for delivery in due where try await claim(delivery, now: now) {
            await attempt(delivery, now: now)
            attempted += 1
        }
        return attempted
    }

    /// The JSON body of a delivery: the ticket, and for `ticket.replied` its reply as `conversation`.
    private func payload(for delivery: WebhookDelivery, ticket: Ticket) async throws -> Data {
        let attachments = try await TicketService.attachments(ofTickets: [delivery.ticketID], on: app.db)
        let dto = try TicketDTO(ticket, attachments: attachments[delivery.ticketID] ?? [])
        guard let entryID = delivery.conversationID,
              let entry = try await TicketConversation.find(entryID, on: app.db), !entry.isPrivate else {
            return try JSONEncoder.lantern.encode(dto)
        }
        let entryAttachments = try await TicketService.attachments(ofEntries: [entryID], on: app.db)[entryID] ?? []
        let conversation = ConversationDTO(entry, attachments: entryAttachments, attachmentBase: "/api/v2/tickets/\(delivery.ticketID)")
        return try JSONEncoder.lantern.encode(RepliedPayload(ticket: dto, conversation: conversation))
    }

    /// A `ticket.replied` body: the ticket's fields and `conversation`.
    private struct RepliedPayload: Encodable {
        let ticket: TicketDTO
        let conversation: ConversationDTO

        enum CodingKeys: String, CodingKey { case conversation }

        func encode(to encoder: any Encoder) throws {
            try ticket.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversation, forKey: .conversation)
        }
    }

    /// Takes the lease on a delivery; false when another process holds it.
    private func claim(_ delivery: WebhookDelivery, now: Date) async throws -> Bool {
        let id = try delivery.requireID(), until = now.addingTimeInterval(lease)
        return try await app.db.writeTransaction { db in
            try await !db.sql.update(WebhookDelivery.schema)
                .set("lease_until", to: SQLBind(until))
                .where("id", .equal, SQLBind(id))
                .where("delivered_at", .is, SQLLiteral.null)
                .where { $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, SQLBind(now)) }
                .returning("id").all().isEmpty
        }
    }

    private func attempt(_ delivery: WebhookDelivery, now: Date) async {
        var status: Int? = nil
        var failure: String? = nil
        do {
            guard let webhook = try await TicketWebhook.query(on: app.db).filter(\.$accountID == delivery.accountID).first() else {
                delivery.abandonedAt = now
                delivery.lastError = "The account no longer has a ticket webhook."
                delivery.leaseUntil = nil
                try await app.db.writeTransaction { db in try await delivery.save(on: db) }
                return
            }
            guard let ticket = try await Ticket.find(delivery.ticketID, on: app.db) else { return }
            let body = try await payload(for: delivery, ticket: ticket)
            let timestamp = Int(Date().timeIntervalSince1970)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: .userAgent, value: "Lantern-Webhook/1")
            headers.replaceOrAdd(name: "X-Lantern-Event", value: delivery.event)
            headers.replaceOrAdd(name: "X-Lantern-Delivery", value: String(try delivery.requireID()))
            headers.replaceOrAdd(name: "X-Lantern-Signature",
                                 value: Self.signature(body: body, secret: webhook.secret, timestamp: timestamp))
            let target = try await app.webhookTargets.check(webhook.url)
            let code = try await post(body, headers: headers, to: target)
            status = code
            if (300..<400).contains(code) {
                failure = "The endpoint answered HTTP \(code): redirects are not followed."
            } else if !(200..<300).contains(code) {
                failure = "The endpoint answered HTTP \(code)."
            }
        } catch let refusal as WebhookTargetGuard.Refusal {
            failure = "Refused: the URL \(refusal.description)."
        } catch {
            failure = "\(error)".prefix(500).description
        }
        delivery.attempts += 1
        delivery.lastStatus = status
        delivery.lastError = failure
        delivery.leaseUntil = nil
        if failure == nil {
            delivery.deliveredAt = Date()
        } else if delivery.attempts > backoff.count {
            delivery.abandonedAt = Date()
        } else {
            delivery.nextAttemptAt = now.addingTimeInterval(backoff[delivery.attempts - 1])
        }
        do {
            try await app.db.writeTransaction { db in try await delivery.save(on: db) }
        } catch {
            app.logger.warning("Could not record webhook delivery \(delivery.id ?? 0): \(error)")
        }
        if let failure {
            app.logger.info("Ticket webhook delivery \(delivery.id ?? 0) failed (attempt \(delivery.attempts)): \(failure)")
        }
    }

    /// POSTs `body` to the checked target, connecting to the address that was checked (the name still goes in
    /// `Host` and TLS's server name), following no redirect; returns the status code.
    private func post(_ body: Data, headers: HTTPHeaders, to target: WebhookTargetGuard.Target) async throws -> Int {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: min(.seconds(5), requestTimeout), read: requestTimeout))
        configuration.dnsOverride = [target.host: target.address.description]
        let client = HTTPClient(eventLoopGroup: app.eventLoopGroup, configuration: configuration)
        do {
            var request = try HTTPClient.Request(url: target.url, method: .POST, headers: headers)
            request.body = .bytes(body)
            let response = try await client.execute(request: request, deadline: .now() + requestTimeout).get()
            try await client.shutdown()
            return Int(response.status.code)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
    static func signature(body: Data, secret: String, timestamp: Int) -> String {
        var signed = Data("\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Runs the dispatcher every second while the server runs (`lantern serve` installs it).
    struct Runner: LifecycleHandler {
        private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

        func didBootAsync(_ application: Application) async throws {
            let dispatcher = WebhookDispatcher(app: application)
            task.withLockedValue {
                $0 = Task {
                    while !Task.isCancelled {
                        do {
                            let attempted = try await dispatcher.deliverDue()
                            if attempted == dispatcher.batchSize { continue }
                        } catch {
                            application.logger.warning("Ticket webhook dispatch failed: \(error)")
                        }
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
            }
        }

        func shutdownAsync(_ application: Application) async {
            let running = task.withLockedValue { $0 }
            running?.cancel()
            await running?.value
        }
    }
}
