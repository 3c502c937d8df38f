import Fluent
import Foundation
import LanternCore
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// Sends the outbox (`OutboxMail`) through `LANTERN_SMTP_URL`. Each message is first leased (an UPDATE that only one
/// process can win), then sent, then marked sent, so processes sharing the database share the work and never send a
/// message at the same time. An SMTP 4xx answer or a network error is retried with backoff; a 5xx answer, a 4xx after
/// the last try, or a message older than `maximumAge` is kept as failed with the server's words.
///
/// A message is sent again only if a process dies after the server accepted it and before it was marked sent (the
/// time of one database write); its lease then runs out and another attempt delivers it once more.
struct MailDispatcher: Sendable {
    /// Waits before the 2nd, 3rd, … attempt; after the last one the message has failed.
    static let defaultBackoff: [TimeInterval] = [30, 120, 600, 1_800, 7_200, 21_600]

    let app: Application
    let client: SMTPClient
    let composer: MailComposer
    var backoff: [TimeInterval] = Self.defaultBackoff
    /// How long a process holds a message it is sending: longer than one batch may take (`sendBudget`).
    var lease: TimeInterval = 90
    /// How long one batch may spend sending before the rest waits for the next round.
    var sendBudget: TimeInterval = 45
    var batchSize = 20
    /// This dispatcher's share of the outbox when several run side by side: the messages whose id modulo `count` is
    /// `index` (each with its own SMTP session; processes sharing a database still take turns by lease).
    var share: (index: Int, count: Int)? = nil
    /// A message not sent within this long fails (so that mail queued while no SMTP server was set up does not go
    /// out days late).
    var maximumAge: TimeInterval = 3 * 86_400

    init(app: Application, smtp: SMTPURL, mailFrom: Mailbox, publicURL: String) {
        self.app = app
        var client = SMTPClient(url: smtp, eventLoopGroup: app.eventLoopGroup, caFile: app.lantern.smtpCAFile)
        client.stepTimeout = .seconds(20)
        client.dataTimeout = .seconds(40)
        self.client = client
        composer = MailComposer(mailFrom: mailFrom, publicURL: publicURL)
    }

    /// Sends what is due at `now` over one SMTP session; returns how many messages were attempted.
    @discardableResult
    func deliverDue(now: Date = Date()) async throws -> Int {
        var query = OutboxMail.query(on: app.db)
            .filter(\.$status == .pending).filter(\.$nextAttemptAt <= now)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < now) }
        if let share {
            query = query.filter(.sql(unsafeRaw: "id % \(share.count) = \(share.index)"))
        }
        let due = try await query.sort(\.$nextAttemptAt).sort(\.$id).limit(batchSize).all()
        guard !due.isEmpty else { return 0 }
        let started = Date()
        var session: SMTPClient.Session? = nil
        var attempted = 0
        do {
            for row in due where Date().timeIntervalSince(started) < sendBudget {
                guard try await claim(row, now: now) else { continue }
                attempted += 1
                if let created = row.createdAt, now.timeIntervalSince(created) > maximumAge {
                    try await finish(row, failure: .init(step: "queue", code: 554, message: "not sent within \(Int(maximumAge / 3600)) hours of being queued"))
                    continue
                }
                do {
                    guard let composed = try await composer.compose(row, on: app.db) else {
                        // The ticket or the reply is gone (deleted): nothing to send.
                        try await app.db.writeTransaction { db in try await row.delete(on: db) }
                        continue
                    }
                    if session?.isOpen != true { session = try await client.open() }
                    _ = try await session?.deliver(composed.bytes, from: composer.mailFrom.address, to: [composed.recipient])
                    try await finish(row, failure: nil)
                } catch let failure as SMTPClient.Failure {
                    // Without a reply code the connection itself failed: the next message opens a new one.
                    if failure.code == nil { await session?.quit(); session = nil }
                    try await finish(row, failure: failure)
                }
            }
        } catch {
            await session?.quit()
            throw error
        }
        await session?.quit()
        return attempted
    }

    /// Takes the lease on a message; false when another process holds it or it is no longer pending.
    private func claim(_ row: OutboxMail, now: Date) async throws -> Bool {
        let id = try row.requireID(), until = now.addingTimeInterval(lease)
        return try await app.db.writeTransaction { db in
            try await !db.sql.update(OutboxMail.schema)
                .set("lease_until", to: SQLBind(until))
                .where("id", .equal, SQLBind(id))
                .where("status", .equal, SQLBind(OutboxMail.Status.pending.rawValue))
                .where { $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, SQLBind(now)) }
                .returning("id").all().isEmpty
        }
    }

    /// Records the attempt: sent, retried later, or failed for good.
    private func finish(_ row: OutboxMail, failure: SMTPClient.Failure?) async throws {
        row.attempts += 1
        row.leaseUntil = nil
        if let failure {
            row.lastError = String(failure.description.prefix(1_000))
            if failure.isPermanent || row.attempts > backoff.count {
                row.status = .failed
            } else {
                row.nextAttemptAt = Date().addingTimeInterval(backoff[row.attempts - 1])
            }
            app.logger.info("Mail \(row.id ?? 0) to \(row.recipient) failed (attempt \(row.attempts)): \(failure)")
        } else {
            row.status = .sent
            row.sentAt = Date()
            row.lastError = nil
        }
        try await app.db.writeTransaction { db in try await row.save(on: db) }
    }

    /// Runs `workers` dispatchers side by side, each over its own SMTP session and share of the outbox, while `lantern
    /// serve` runs with `LANTERN_SMTP_URL` set: each goes on at once while it finds messages due, and looks again
    /// every second when it finds none.
    struct Runner: LifecycleHandler {
        static let workers = 2
        let publicURL: String
        private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

        init(publicURL: String) {
            self.publicURL = publicURL
        }

        func didBootAsync(_ application: Application) async throws {
            guard let smtp = application.lantern.smtpURL, let from = application.lantern.mailFrom else { return }
            application.logger.info("Mail: sending through \(smtp) as \(from.address)")
            let started = (0..<Self.workers).map { index in
                var dispatcher = MailDispatcher(app: application, smtp: smtp, mailFrom: from,
                                                publicURL: application.lantern.publicURL ?? publicURL)
                dispatcher.share = (index, Self.workers)
                return Task {
                    while !Task.isCancelled {
                        do {
                            if try await dispatcher.deliverDue() > 0 { continue }
                        } catch {
                            application.logger.warning("Mail dispatch failed: \(error)")
                        }
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
            }
            tasks.withLockedValue { $0 = started }
        }

        func shutdownAsync(_ application: Application) async {
            let running = tasks.withLockedValue { $0 }
            for task in running { task.cancel() }
            for task in running { await task.value }
        }
    }
}
