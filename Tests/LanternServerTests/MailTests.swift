import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Mail on both databases: the settings API, the outbox written with each event, the dispatcher over SMTP (a scripted
/// server here; Postfix in `scripts/mail-test.sh`), and received mail becoming replies, notes and tickets.
/// Serialized: on PostgreSQL a dispatcher sends every account's outbox.
@Suite("Mail", .serialized)
struct MailTests {
    static let from = Mailbox(name: "Lantern Support", address: "support@lantern-test.example")

    /// A raw message as a mail client would send it.
    static func message(from: String, to: String, subject: String, body: String, headers: [String] = []) -> String {
        (["From: \(from)", "To: \(to)", "Subject: \(subject)", "Message-ID: <\(UUID().uuidString)@client.example>",
          "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"] + headers + ["", body, ""]).joined(separator: "\r\n")
    }

    static func postMail(_ app: Application, key: String, _ raw: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "api/v2/mail/inbound",
                                            headers: ["Authorization": "Bearer \(key)", "Content-Type": "message/rfc822"],
                                            body: ByteBuffer(string: raw))
    }

    /// Sends until nothing is due (other tests' messages may share the database).
    static func drain(_ dispatcher: MailDispatcher) async throws {
        for _ in 0..<50 where try await dispatcher.deliverDue() > 0 {}
    }

    @Test("Mail settings: defaults, a change, validation with fields, admins only")
    func settingsAPI() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let defaults = try api.object(try await api.send(.GET, "settings/mail"))
            #expect(defaults["from_name"] is NSNull && defaults["support_address"] is NSNull)
            #expect(defaults["notifications"] as? [String: Bool] == ["requester_ticket_created": true, "requester_agent_reply": true,
                                                                      "agents_ticket_created": true, "agents_customer_reply": true])
            let changed = try await api.send(.PUT, "settings/mail", ["from_name": "Test Co Help", "support_address": "Help@Test-Co.example",
                                                                     "notifications": ["agents_ticket_created": false]])
            #expect(changed.status == .ok)
            let body = try api.object(changed)
            #expect(body["support_address"] as? String == "help@test-co.example")
            #expect((body["notifications"] as? [String: Bool])?["agents_ticket_created"] == false)
            #expect((body["notifications"] as? [String: Bool])?["requester_agent_reply"] == true)
            let bad = try await api.send(.PUT, "settings/mail", ["from_name": "A\u{0}B", "support_address": "support+t4.aaaaaaaaaaaaaaaa@x.example"])
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.error?.fields?.keys.map { $0 } ?? []) == ["from_name", "support_address"])
            let unknown = try await api.send(.PUT, "settings/mail", ["notifications": ["everyone": true]])
            #expect(unknown.status == .unprocessableEntity && unknown.error?.fields?["notifications"] != nil)
            let cleared = try api.object(try await api.send(.PUT, "settings/mail", ["from_name": NSNull()]))
            #expect(cleared["from_name"] is NSNull && cleared["support_address"] as? String == "help@test-co.example")
            // An agent (not admin) key is refused.
            let agent = Agent(accountID: account.accountID, name: "Agent", email: "agent-\(UUID().uuidString.prefix(6))@test.example",
                              passwordHash: "x", role: .agent)
            try await agent.create(on: app.db)
            let agentKey = try await APIKeyService.create(name: "k", accountID: account.accountID, agentID: try agent.requireID(), on: app.db)
            #expect(try await APIClient(app: app, key: agentKey).send(.GET, "settings/mail").status == .forbidden)
        }
    }

    @Test("The outbox is written with the event: acknowledgement and agents on a new ticket, the requester on a public reply, agents on a customer reply, nothing for a note; in the recipient's language")
    func outboxWithEvents() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            try await Contact(accountID: account.accountID, name: "Camille", email: "camille-\(account.accountID)@example.com", language: "fr").create(on: app.db)
            let created = try api.object(try await api.send(.POST, "tickets", ["email": "camille-\(account.accountID)@example.com", "name": "Camille",
                                                                               "subject": "Facture", "description": "Elle est fausse."]))
            let ticketID = try #require(created["id"] as? Int)
            func rows() async throws -> [OutboxMail] {
                try await OutboxMail.query(on: app.db).filter(\.$ticketID == ticketID).sort(\.$id).all()
            }
            var outbox = try await rows()
            #expect(outbox.map(\.kind) == ["requester_ticket_created", "agents_ticket_created"])
            #expect(outbox[0].recipient == "camille-\(account.accountID)@example.com" && outbox[0].language == "fr")
            #expect(outbox[1].recipient == account.adminEmail.lowercased() && outbox[1].language == "en")
            _ = try await api.send(.POST, "tickets/\(ticketID)/notes", ["body": "Internal"])
            #expect(try await rows().count == 2)
            let reply = try api.object(try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<p>Corrigée.</p>"]))
            outbox = try await rows()
            #expect(outbox.count == 3 && outbox[2].kind == "requester_agent_reply" && outbox[2].conversationID == reply["id"] as? Int)
            // Turning a notification off stops it.
            _ = try await api.send(.PUT, "settings/mail", ["notifications": ["requester_agent_reply": false]])
            _ = try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<p>Encore.</p>"])
            #expect(try await rows().count == 3)
            // A message whose transaction rolls back leaves no notification: a ticket refused by validation queues nothing.
            let before = try await OutboxMail.query(on: app.db).filter(\.$accountID == account.accountID).count()
            #expect(try await api.send(.POST, "tickets", ["email": "bad", "subject": "x", "description": "y"]).status == .unprocessableEntity)
            #expect(try await OutboxMail.query(on: app.db).filter(\.$accountID == account.accountID).count() == before)
        }
    }

    @Test("The dispatcher sends over SMTP: threading headers, reply address, language, link; 4xx retried with backoff, 5xx failed with the server's words, and a retry sends it")
    func dispatcher() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let server = try await SMTPTestServer(dataReplies: [])
            defer { Task { try? await server.stop() } }
            _ = try await api.send(.PUT, "settings/mail", ["notifications": ["agents_ticket_created": false]])
            let requester = "alice-\(account.accountID)@acme.example"
            let ticketID = try #require(try api.object(try await api.send(.POST, "tickets", ["email": requester, "name": "Alice",
                                                                                              "subject": "Wrong invoice", "description": "Please check."]))["id"] as? Int)
            _ = try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<p>Fixed, <b>Alice</b>.</p>"])
            let dispatcher = MailDispatcher(app: app, smtp: try SMTPURL(server.url), mailFrom: Self.from, publicURL: "https://help.test.example")
            try await Self.drain(dispatcher)
            let mine = server.messages.filter { $0.recipients == ["<\(requester)>"] }
            #expect(mine.count == 2)
            let first = try MIMEReader().read(Array(mine[0].data.utf8))
            let second = try MIMEReader().read(Array(mine[1].data.utf8))
            #expect(mine[0].from == "<support@lantern-test.example>")
            #expect(first.subject == "[#\(ticketID)] Wrong invoice" && second.subject == "Re: [#\(ticketID)] Wrong invoice")
            #expect(first.header("Auto-Submitted") == "auto-generated" && second.header("Auto-Submitted") == nil)
            let replyTo = try #require(second.header("Reply-To").flatMap { Mailbox.list($0).first?.address })
            let parsed = try #require(ReplyAddress.parse(replyTo))
            let settings = try await MailSettingsService.stored(accountID: account.accountID, on: app.db)
            #expect(parsed.ticketID == ticketID && parsed.isValid(key: settings.replyKeyBytes))
            #expect(second.inReplyTo == [try #require(first.messageID)] && second.references == [first.messageID!])
            #expect(second.text.contains("Fixed, Alice.") && second.text.contains("https://help.test.example/support/tickets/\(ticketID)"))
            #expect(second.html?.contains("<b>Alice</b>") == true)
            let sent = try await OutboxMail.query(on: app.db).filter(\.$ticketID == ticketID).all()
            #expect(sent.allSatisfy { $0.status == .sent && $0.attempts == 1 && $0.sentAt != nil })

            // A 4xx is retried later; a 5xx fails with the server's words; a retry sends it.
            let server2 = try await SMTPTestServer(dataReplies: ["451 4.3.0 Try again later", "550 5.1.1 <bob@acme.example>: Recipient address rejected"])
            defer { Task { try? await server2.stop() } }
            let dispatcher2 = MailDispatcher(app: app, smtp: try SMTPURL(server2.url), mailFrom: Self.from, publicURL: "https://help.test.example")
            _ = try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<p>Once more.</p>"])
            let row = try #require(try await OutboxMail.query(on: app.db).filter(\.$ticketID == ticketID).filter(\.$status == .pending).first())
            for other in try await OutboxMail.query(on: app.db).filter(\.$status == .pending).filter(\.$id != row.id!).all() {
                other.status = .sent
                try await other.save(on: app.db)
            }
            try await dispatcher2.deliverDue()
            var reloaded = try #require(try await OutboxMail.find(row.id, on: app.db))
            #expect(reloaded.status == .pending && reloaded.attempts == 1 && reloaded.lastError?.contains("451 4.3.0 Try again later") == true)
            #expect(reloaded.nextAttemptAt > Date().addingTimeInterval(20))
            try await dispatcher2.deliverDue(now: Date().addingTimeInterval(60))
            reloaded = try #require(try await OutboxMail.find(row.id, on: app.db))
            #expect(reloaded.status == .failed && reloaded.lastError?.contains("550 5.1.1") == true)
            let failed = try api.array(try await api.send(.GET, "mail/outbox?status=failed"))
            #expect(failed.map { $0["id"] as? Int } == [row.id])
            #expect(failed.first?["last_error"] as? String == reloaded.lastError)
            #expect(try await api.send(.GET, "mail/outbox?status=lost").status == .unprocessableEntity)
            let retried = try await api.send(.POST, "mail/outbox/\(row.id!)/retry")
            #expect(try retried.status == .ok && api.object(retried)["status"] as? String == "pending")
            #expect(try await api.send(.POST, "mail/outbox/\(row.id!)/retry").status == .unprocessableEntity)
            #expect(try await api.send(.POST, "mail/outbox/999999999/retry").status == .notFound)
            try await dispatcher2.deliverDue()
            #expect(try await OutboxMail.find(row.id, on: app.db)?.status == .sent)
            #expect(server2.messages.filter { $0.recipients == ["<\(requester)>"] }.count == 1)
        }
    }

    @Test("Dispatchers sharing the outbox (two with a share each, one over all of it) send each message once")
    func sharedOutbox() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let server = try await SMTPTestServer()
            defer { Task { try? await server.stop() } }
            var tickets: [Int] = []
            for index in 0..<12 {
                let body = try api.object(try await api.send(.POST, "tickets", ["email": "shared-\(index)-\(account.accountID)@acme.example",
                                                                               "subject": "S\(index)", "description": "D"]))
                tickets.append(try #require(body["id"] as? Int))
            }
            let url = try SMTPURL(server.url)
            var first = MailDispatcher(app: app, smtp: url, mailFrom: Self.from, publicURL: "https://h.example")
            first.batchSize = 5
            var second = first, third = first
            first.share = (0, 2)
            second.share = (1, 2)
            async let a: Void = Self.drain(first)
            async let b: Void = Self.drain(second)
            async let c: Void = Self.drain(third)
            _ = try await (a, b, c)
            let rows = try await OutboxMail.query(on: app.db).filter(\.$ticketID ~~ tickets).all()
            #expect(rows.count == 24 && rows.allSatisfy { $0.status == .sent && $0.attempts == 1 })
            let sentIDs = server.messages.compactMap { try? MIMEReader().read(Array($0.data.utf8)).messageID }
            let expected = Set(rows.map(\.messageKey))
            let delivered = sentIDs.map { String($0.prefix(while: { $0 != "@" })) }.filter(expected.contains)
            #expect(delivered.count == 24 && Set(delivered).count == 24)
        }
    }

    @Test("Received mail: a reply by reply address or by In-Reply-To, a note from another address, a new ticket (source 1, unverified), automatic mail ignored, a repeat stored once, broken mail refused, the original kept")
    func inbound() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let support = "support@acct-\(account.accountID).example"
            _ = try await api.send(.PUT, "settings/mail", ["support_address": support])
            let requester = "alice-\(account.accountID)@acme.example"
            let ticketID = try #require(try api.object(try await api.send(.POST, "tickets", ["email": requester, "name": "Alice",
                                                                                              "subject": "Invoice", "description": "Wrong."]))["id"] as? Int)
            let settings = try await MailSettingsService.stored(accountID: account.accountID, on: app.db)
            let replyAddress = try #require(ReplyAddress.make(supportAddress: support, ticketID: ticketID, key: settings.replyKeyBytes))

            // By reply address, from the requester (any case): a customer reply, trimmed.
            let raw = Self.message(from: "Alice <\(requester.uppercased())>", to: replyAddress, subject: "Re: [#\(ticketID)] Invoice",
                                   body: "Thanks!\r\n\r\nOn Mon, Dec 7, 2026 at 10:02 AM Support <\(replyAddress)> wrote:\r\n> ##- Please type your reply above this line -##\r\n> old")
            let stored = try await Self.postMail(app, key: account.apiKey, raw)
            #expect(stored.status == .created)
            let storedBody = try api.object(stored)
            #expect(storedBody["outcome"] as? String == "reply" && storedBody["ticket_id"] as? Int == ticketID)
            let entries = try api.array(try await api.send(.GET, "tickets/\(ticketID)/conversations"))
            #expect(entries.last?["body_text"] as? String == "Thanks!" && entries.last?["incoming"] as? Bool == true)
            // Agents hear about it.
            #expect(try await OutboxMail.query(on: app.db).filter(\.$ticketID == ticketID).filter(\.$kind == "agents_customer_reply").count() == 1)
            // The same message again: stored once.
            let again = try await Self.postMail(app, key: account.apiKey, raw)
            #expect(try again.status == .ok && api.object(again)["duplicate"] as? Bool == true)
            #expect(try api.array(try await api.send(.GET, "tickets/\(ticketID)/conversations")).count == entries.count)
            // The original is kept and viewable.
            let original = try await app.testing().sendRequest(.GET, "api/v2/mail/inbound/\(storedBody["id"] as! Int)/original", headers: api.headers)
            #expect(original.status == .ok && original.headers.contentType?.description.hasPrefix("message/rfc822") == true)
            #expect(String(buffer: original.body) == raw)

            // A forged MAC is no reply address: by In-Reply-To instead (the acknowledgement's Message-ID).
            let ack = try #require(try await OutboxMail.query(on: app.db).filter(\.$ticketID == ticketID).filter(\.$kind == "requester_ticket_created").first())
            let forged = replyAddress.replacingOccurrences(of: "+t\(ticketID).", with: "+t\(ticketID + 1000).")
            let threaded = try await Self.postMail(app, key: account.apiKey, Self.message(
                from: "bob@elsewhere.example", to: forged, subject: "Re: Invoice", body: "I am Alice's colleague.",
                headers: ["In-Reply-To: <\(ack.messageKey)@acct.example>"]))
            let note = try api.object(threaded)
            #expect(note["outcome"] as? String == "note" && note["ticket_id"] as? Int == ticketID)
            let noteEntry = try #require(try await TicketConversation.find(note["conversation_id"] as? Int, on: app.db))
            #expect(noteEntry.isPrivate && noteEntry.bodyText.hasPrefix("From another address: bob@elsewhere.example"))

            // Anything else to the support address: a new ticket, source 1, unverified.
            let fresh = try api.object(try await Self.postMail(app, key: account.apiKey, Self.message(
                from: "=?UTF-8?Q?Zo=C3=AB?= <zoe@new.example>", to: support, subject: "=?UTF-8?Q?Acc=C3=A8s?=", body: "I cannot sign in.")))
            #expect(fresh["outcome"] as? String == "ticket")
            let ticket = try api.object(try await api.send(.GET, "tickets/\(try #require(fresh["ticket_id"] as? Int))"))
            #expect(ticket["source"] as? Int == 1 && ticket["verified"] as? Bool == false)
            #expect(ticket["subject"] as? String == "Accès" && ticket["name"] as? String == "Zoë" && ticket["email"] as? String == "zoe@new.example")

            // Bounces, auto-replies and Lantern's own mail create nothing.
            let ticketsBefore = try await Ticket.query(on: app.db).filter(\.$accountID == account.accountID).count()
            for raw in [Self.message(from: "MAILER-DAEMON@mx.example", to: support, subject: "Undelivered", body: "x"),
                        Self.message(from: "a@b.example", to: support, subject: "Away", body: "x", headers: ["Auto-Submitted: auto-replied"]),
                        Self.message(from: "a@b.example", to: support, subject: "News", body: "x", headers: ["Precedence: bulk"]),
                        Self.message(from: support, to: support, subject: "Loop", body: "x")] {
                let answer = try await Self.postMail(app, key: account.apiKey, raw)
                #expect(try answer.status == .ok && api.object(answer)["ignored"] as? Bool == true)
            }
            #expect(try await Ticket.query(on: app.db).filter(\.$accountID == account.accountID).count() == ticketsBefore)

            // Broken mail: a clear refusal.
            let broken = try await Self.postMail(app, key: account.apiKey, "From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\nx")
            #expect(broken.status == .unprocessableEntity && broken.error?.code == "mail_refused")
            #expect(broken.error?.message == "A multipart/mixed part has no boundary parameter.")
            let noSender = try await Self.postMail(app, key: account.apiKey, "Subject: hi\r\n\r\nx")
            #expect(noSender.status == .unprocessableEntity && noSender.error?.message == "The message has no valid From address.")
        }
    }

    @Test("Mail keys post received mail and nothing else; agents may not post mail; another account's original is 404")
    func mailKeys() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let other = try await makeAccount(app, name: "Other Co")
            let key = SecretGenerator.apiKey()
            try await APIKey(accountID: account.accountID, agentID: nil, name: "mail", role: .mail, keyDigest: APIKeyDigest.of(key)).create(on: app.db)
            let posted = try await Self.postMail(app, key: key, Self.message(from: "k@new.example", to: "support@x.example", subject: "Hi", body: "Hello"))
            #expect(posted.status == .created)
            let mailID = try #require(try APIClient(app: app, key: key).object(posted)["id"] as? Int)
            #expect(try await APIClient(app: app, key: key).send(.GET, "tickets").status == .forbidden)
            #expect(try await APIClient(app: app, key: key).send(.GET, "solutions/search?term=x").status == .forbidden)
            let agent = Agent(accountID: account.accountID, name: "A", email: "a-\(UUID().uuidString.prefix(6))@t.example", passwordHash: "x", role: .agent)
            try await agent.create(on: app.db)
            let agentKey = try await APIKeyService.create(name: "k", accountID: account.accountID, agentID: try agent.requireID(), on: app.db)
            #expect(try await Self.postMail(app, key: agentKey, "From: a@b.example\r\n\r\nx").status == .forbidden)
            let otherAPI = APIClient(app: app, key: other.apiKey)
            #expect(try await app.testing().sendRequest(.GET, "api/v2/mail/inbound/\(mailID)/original", headers: otherAPI.headers).status == .notFound)
        }
    }

    @Test("A sender may open only so many tickets by mail (429 rate_limited)")
    func perSenderLimit() async throws {
        try await withLantern(ticketRateLimit: RateLimit(count: 2, seconds: 600)) { app in
            let account = try await makeAccount(app)
            for index in 0..<2 {
                let answer = try await Self.postMail(app, key: account.apiKey, Self.message(from: "flood@spam.example", to: "s@x.example", subject: "\(index)", body: "x"))
                #expect(answer.status == .created)
            }
            let third = try await Self.postMail(app, key: account.apiKey, Self.message(from: "flood@spam.example", to: "s@x.example", subject: "3", body: "x"))
            #expect(third.status == .tooManyRequests && third.headers.first(name: "Retry-After") != nil)
        }
    }
}
