import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 15: tickets agents answer through the admin API — properties, conversations, status moves, ticket types and
/// the webhook's new events — on the database under test (SQLite, or PostgreSQL with LANTERN_TEST_DATABASE_URL).
@Suite("Ticket conversations through the API")
struct TicketConversationAPITests {
    /// An account, its admin key, a second agent and that agent's key, and a bot key.
    struct Tenant {
        let account: AccountProvisioner.Result
        let api: APIClient
        let agentID: Int
        let agentAPI: APIClient
        let botAPI: APIClient
    }

    func makeTenant(_ app: Application, name: String = "Loop Co") async throws -> Tenant {
        let account = try await makeAccount(app, name: name)
        let agent = Agent(accountID: account.accountID, name: "Sam Agent", email: "sam-\(UUID().uuidString.prefix(6))@test.example",
                          passwordHash: "x", role: .agent)
        try await agent.create(on: app.db)
        let agentKey = SecretGenerator.apiKey(), botKey = SecretGenerator.apiKey()
        try await APIKey(accountID: account.accountID, agentID: agent.id, name: "agent", role: .agent,
                         keyDigest: APIKeyDigest.of(agentKey)).create(on: app.db)
        try await APIKey(accountID: account.accountID, agentID: nil, name: "bot", role: .bot,
                         keyDigest: APIKeyDigest.of(botKey)).create(on: app.db)
        return Tenant(account: account, api: APIClient(app: app, key: account.apiKey), agentID: try agent.requireID(),
                      agentAPI: APIClient(app: app, key: agentKey), botAPI: APIClient(app: app, key: botKey))
    }

    @Test("POST /api/v2/tickets: 201 with Freshdesk's fields, source 2 by default, verified only for a named contact")
    func createThroughAPI() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let api = tenant.api
            let response = try await api.send(.POST, "tickets", ["email": "Pat@Customer.example", "subject": "Refund",
                                                                 "description": "<p>Please <script>x()</script>refund</p>",
                                                                 "priority": 3, "tags": ["billing", " Billing ", "vip"]])
            #expect(response.status == .created, "\(response.body.string)")
            let ticket = try api.object(response)
            #expect(ticket["source"] as? Int == 2)
            #expect(ticket["status"] as? Int == 2)
            #expect(ticket["priority"] as? Int == 3)
            #expect(ticket["verified"] as? Bool == false)
            #expect(ticket["email"] as? String == "pat@customer.example")
            #expect(ticket["name"] as? String == "pat")
            #expect(ticket["description"] as? String == "<p>Please refund</p>")
            #expect(ticket["description_text"] as? String == "Please refund")
            #expect(ticket["tags"] as? [String] == ["billing", "vip"])
            #expect(ticket["responder_id"] is NSNull)

            let contact = Contact(accountID: tenant.account.accountID, name: "Cara Contact", email: "cara@customer.example")
            try await contact.create(on: app.db)
            let verified = try api.object(try await api.send(.POST, "tickets", ["requester_id": try contact.requireID(), "subject": "Hi",
                                                                                 "description": "Hello", "source": 3,
                                                                                 "responder_id": tenant.agentID]))
            #expect(verified["verified"] as? Bool == true)
            #expect(verified["requester_id"] as? Int == contact.id)
            #expect(verified["name"] as? String == "Cara Contact")
            #expect(verified["source"] as? Int == 3)
            #expect(verified["responder_id"] as? Int == tenant.agentID)

            // Validation: each bad field named; nothing stored.
            let before = try await Ticket.query(on: app.db).filter(\.$accountID == tenant.account.accountID).count()
            let bad = try await api.send(.POST, "tickets", ["email": "nope", "subject": "", "description": " ", "status": 9,
                                                            "priority": 0, "source": 4, "type": "Unknown"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.error?.code == "validation_failed")
            #expect(Set(bad.error?.fields?.keys.map { $0 } ?? []) == ["email", "subject", "description", "status", "priority", "source"])
            let strangers = try await makeTenant(app, name: "Other Co")
            let foreignResponder = try await api.send(.POST, "tickets", ["email": "a@b.example", "subject": "x", "description": "y",
                                                                         "responder_id": strangers.agentID])
            #expect(foreignResponder.status == .unprocessableEntity)
            #expect(foreignResponder.error?.fields?.keys.contains("responder_id") == true)
            let controlName = try await api.send(.POST, "tickets", ["email": "a@b.example", "name": "A\u{0}B", "subject": "x", "description": "y"])
            #expect(controlName.error?.fields?.keys.contains("name") == true)
            let noRequester = try await api.send(.POST, "tickets", ["requester_id": 999_999, "subject": "x", "description": "y"])
            #expect(noRequester.error?.fields?.keys.contains("requester_id") == true)
            #expect(try await Ticket.query(on: app.db).filter(\.$accountID == tenant.account.accountID).count() == before)
            // Bots stay read-only.
            #expect(try await tenant.botAPI.send(.POST, "tickets", ["email": "a@b.example", "subject": "x", "description": "y"]).status == .forbidden)
        }
    }

    @Test("Replies, customer replies and notes: open → pending on a reply, back to open on a customer reply; notes change nothing")
    func statusMoves() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let api = tenant.agentAPI
            let ticketID = try #require(try api.object(try await api.send(.POST, "tickets", ["email": "pat@customer.example", "subject": "Help",
                                                                                              "description": "It broke"]))["id"] as? Int)
            let note = try await api.send(.POST, "tickets/\(ticketID)/notes", ["body": "<p>Internal: check logs</p>"])
            #expect(note.status == .created, "\(note.body.string)")
            let noteBody = try api.object(note)
            #expect(noteBody["private"] as? Bool == true)
            #expect(noteBody["incoming"] as? Bool == false)
            #expect(noteBody["user_id"] as? Int == tenant.agentID)
            #expect(try await status(api, ticketID) == 2)

            let reply = try api.object(try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<p>Try <b>again</b><img src=x onerror=alert(1)></p>"]))
            #expect(reply["private"] as? Bool == false)
            #expect(reply["body"] as? String == "<p>Try <b>again</b><img src=\"x\" loading=\"lazy\"></p>")
            #expect(reply["body_text"] as? String == "Try again")
            #expect(reply["ticket_id"] as? Int == ticketID)
            #expect(try await status(api, ticketID) == 3)

            let pat = Contact(accountID: tenant.account.accountID, name: "Pat", email: "pat@customer.example")
            try await pat.create(on: app.db)
            _ = try await ConversationService.addCustomerReply(ticketID: ticketID, accountID: tenant.account.accountID, contact: pat,
                                                               body: TicketBody(plainText: "Still broken"), source: .feedbackWidget,
                                                               attachments: [], on: app.db)
            #expect(try await status(api, ticketID) == 2)

            // A resolved ticket reopens on a customer reply; a closed one starts a linked ticket and stays closed.
            #expect(try await api.send(.PUT, "tickets/\(ticketID)", ["status": 4]).status == .ok)
            _ = try await ConversationService.addCustomerReply(ticketID: ticketID, accountID: tenant.account.accountID, contact: pat,
                                                               body: TicketBody(plainText: "Not solved"), source: .portal,
                                                               attachments: [], on: app.db)
            #expect(try await status(api, ticketID) == 2)
            #expect(try await api.send(.PUT, "tickets/\(ticketID)", ["status": 5]).status == .ok)
            let followUp = try await ConversationService.addCustomerReply(ticketID: ticketID, accountID: tenant.account.accountID,
                                                                          contact: pat, body: TicketBody(plainText: "One more thing"),
                                                                          source: .portal, attachments: [], on: app.db)
            #expect(try await status(api, ticketID) == 5)
            let newTicket = try api.object(try await api.send(.GET, "tickets/\(try followUp.ticket.requireID())"))
            #expect(newTicket["linked_ticket_id"] as? Int == ticketID)
            #expect(newTicket["description_text"] as? String == "One more thing")
            #expect(newTicket["status"] as? Int == 2)
            #expect(newTicket["verified"] as? Bool == true)
            // Only an agent reopens the closed ticket.
            #expect(try await api.send(.PUT, "tickets/\(ticketID)", ["status": 2]).status == .ok)
            #expect(try await status(api, ticketID) == 2)

            // The conversation: oldest first, notes included, paginated.
            let entries = try api.array(try await api.send(.GET, "tickets/\(ticketID)/conversations"))
            #expect(entries.map { $0["body_text"] as? String } == ["Internal: check logs", "Try again", "Still broken", "Not solved"])
            #expect(entries.map { $0["incoming"] as? Bool } == [false, false, true, true])
            #expect(entries[2]["user_id"] as? Int == pat.id)
            let firstPage = try await api.send(.GET, "tickets/\(ticketID)/conversations?per_page=3")
            #expect(try api.array(firstPage).count == 3)
            #expect(firstPage.headers.first(name: "Link")?.contains("page=2") == true)
            // A public note is not private; a reply's body must have text.
            let publicNote = try api.object(try await api.send(.POST, "tickets/\(ticketID)/notes", ["body": "FYI", "private": false]))
            #expect(publicNote["private"] as? Bool == false)
            let nul = try await api.send(.POST, "tickets/\(ticketID)/notes", ["body": "a\u{0}b"])
            #expect(nul.status == .unprocessableEntity)
            #expect(nul.error?.fields?.keys.contains("body") == true)
            let empty = try await api.send(.POST, "tickets/\(ticketID)/reply", ["body": "<script>x()</script>"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.error?.fields?.keys.contains("body") == true)
        }
    }

    @Test("PUT /api/v2/tickets/{id}: properties change, updated_at moves, unknown values are 422 with fields, another account's ticket is 404")
    func properties() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let api = tenant.api
            let fields = try await api.send(.PUT, "ticket_fields", ["types": ["Question", "Incident", "Refund"]])
            #expect(fields.status == .ok, "\(fields.body.string)")
            #expect(try await tenant.agentAPI.send(.PUT, "ticket_fields", ["types": ["X"]]).status == .forbidden)
            let listed = try api.array(try await tenant.agentAPI.send(.GET, "ticket_fields"))
            #expect(listed.map { $0["name"] as? String } == ["status", "priority", "source", "ticket_type"])
            let types = (listed[3]["choices"] as? [[String: Any]])?.map { $0["value"] as? String }
            #expect(types == ["Question", "Incident", "Refund"])
            let statuses = (listed[0]["choices"] as? [[String: Any]])?.map { "\($0["value"] ?? "")=\($0["label"] ?? "")" }
            #expect(statuses == ["2=Open", "3=Pending", "4=Resolved", "5=Closed"])
            #expect(try await api.send(.PUT, "ticket_fields", ["types": ["A", "a"]]).status == .unprocessableEntity)

            let created = try api.object(try await api.send(.POST, "tickets", ["email": "x@y.example", "subject": "S", "description": "D"]))
            let id = try #require(created["id"] as? Int)
            try await Task.sleep(for: .milliseconds(20))
            let updated = try await api.send(.PUT, "tickets/\(id)", ["status": 3, "priority": 4, "type": "Incident",
                                                                     "responder_id": tenant.agentID, "tags": ["x"]])
            #expect(updated.status == .ok, "\(updated.body.string)")
            let body = try api.object(updated)
            #expect(body["status"] as? Int == 3)
            #expect(body["priority"] as? Int == 4)
            #expect(body["type"] as? String == "Incident")
            #expect(body["responder_id"] as? Int == tenant.agentID)
            #expect(body["tags"] as? [String] == ["x"])
            let stored = try #require(try await Ticket.find(id, on: app.db))
            #expect(try #require(stored.updatedAt) > (try #require(stored.createdAt)))

            let bad = try await api.send(.PUT, "tickets/\(id)", ["status": 1, "priority": 7, "type": "Nope", "responder_id": 999_999])
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.error?.fields?.keys.map { $0 } ?? []) == ["status", "priority"])
            let badReference = try await api.send(.PUT, "tickets/\(id)", ["type": "Nope", "responder_id": 999_999])
            #expect(Set(badReference.error?.fields?.keys.map { $0 } ?? []) == ["type", "responder_id"])
            let cleared = try api.object(try await api.send(.PUT, "tickets/\(id)", ["type": NSNull(), "responder_id": NSNull()]))
            #expect(cleared["type"] is NSNull)
            #expect(cleared["responder_id"] is NSNull)

            let other = try await makeTenant(app, name: "Elsewhere")
            for (method, path, body) in [(HTTPMethod.GET, "tickets/\(id)", nil), (.PUT, "tickets/\(id)", ["status": 4]),
                                         (.GET, "tickets/\(id)/conversations", nil), (.POST, "tickets/\(id)/reply", ["body": "hi"]),
                                         (.POST, "tickets/\(id)/notes", ["body": "hi"])] as [(HTTPMethod, String, [String: Any]?)] {
                let response = try await other.api.send(method, path, body)
                #expect(response.status == .notFound, "\(method) \(path)")
                #expect(response.error?.code == "ticket_not_found")
            }
            #expect(try await status(api, id) == 3)
            #expect(try await tenant.botAPI.send(.PUT, "tickets/\(id)", ["status": 4]).status == .forbidden)
        }
    }

    @Test("Filters: status, priority, responder_id (and null), updated_since by update time, order_by and order_type")
    func filters() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let api = tenant.api
            var ids: [Int] = []
            for (index, priority) in [1, 2, 3, 4].enumerated() {
                let ticket = try api.object(try await api.send(.POST, "tickets", ["email": "f\(index)@y.example", "subject": "T\(index)",
                                                                                  "description": "D", "priority": priority]))
                ids.append(try #require(ticket["id"] as? Int))
                try await Task.sleep(for: .milliseconds(15))
            }
            // Everything last changed an hour ago; then two tickets change now.
            for (index, id) in ids.enumerated() {
                let ticket = try #require(try await Ticket.find(id, on: app.db))
                ticket.updatedAt = Date().addingTimeInterval(-3600 + Double(index))
                try await ticket.save(on: app.db)
            }
            let marker = Date().addingTimeInterval(-60)
            _ = try await api.send(.PUT, "tickets/\(ids[0])", ["responder_id": tenant.agentID])
            _ = try await api.send(.POST, "tickets/\(ids[1])/reply", ["body": "Answer"])
            func listed(_ query: String) async throws -> [Int] {
                let response = try await api.send(.GET, "tickets?\(query)")
                #expect(response.status == .ok, "\(query): \(response.body.string)")
                return try api.array(response).compactMap { $0["id"] as? Int }
            }
            #expect(try await listed("") == ids.reversed())
            #expect(try await listed("order_type=asc") == ids)
            #expect(try await listed("order_by=updated_at") == [ids[1], ids[0], ids[3], ids[2]])
            #expect(try await listed("status=3") == [ids[1]])
            #expect(try await listed("priority=4") == [ids[3]])
            #expect(try await listed("responder_id=\(tenant.agentID)") == [ids[0]])
            #expect(try await listed("responder_id=null&order_type=asc") == [ids[1], ids[2], ids[3]])
            let since = ISO8601DateFormatter().string(from: marker)
            #expect(Set(try await listed("updated_since=\(since)")) == [ids[0], ids[1]])
            for bad in ["status=1", "priority=x", "responder_id=abc", "order_by=subject", "order_type=up"] {
                let response = try await api.send(.GET, "tickets?\(bad)")
                #expect(response.status == .unprocessableEntity, "\(bad)")
                #expect(response.error?.fields?.keys.first == String(bad.prefix { $0 != "=" }))
            }
        }
    }

    @Test("Multipart replies carry attachments, numbered after the ticket's own; they download like the ticket's")
    func replyAttachments() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let api = tenant.api
            let ticketID = try #require(try api.object(try await api.send(.POST, "tickets", ["email": "m@y.example", "subject": "S",
                                                                                              "description": "D"]))["id"] as? Int)
            let boundary = "XBOUNDARYX"
            var body = ""
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n<p>See the file</p>\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachments[]\"; filename=\"steps.txt\"\r\nContent-Type: text/plain\r\n\r\n1. Open\n2. Close\r\n"
            body += "--\(boundary)--\r\n"
            let response = try await app.testing().sendRequest(.POST, "api/v2/tickets/\(ticketID)/reply", headers: [
                "Authorization": "Basic " + Data("\(tenant.account.apiKey):X".utf8).base64EncodedString(),
                "Content-Type": "multipart/form-data; boundary=\(boundary)",
            ], body: ByteBuffer(string: body))
            #expect(response.status == .created, "\(response.body.string)")
            let entry = try api.object(response)
            let attachments = try #require(entry["attachments"] as? [[String: Any]])
            #expect(attachments.count == 1)
            #expect(attachments.first?["name"] as? String == "steps.txt")
            let url = try #require(attachments.first?["attachment_url"] as? String)
            #expect(url == "/api/v2/tickets/\(ticketID)/attachments/0")
            let download = try await api.send(.GET, String(url.dropFirst("/api/v2/".count)))
            #expect(download.status == .ok)
            #expect(download.body.string == "1. Open\n2. Close")
            // The ticket's own attachments stay its description's.
            #expect((try api.object(try await api.send(.GET, "tickets/\(ticketID)"))["attachments"] as? [Any])?.isEmpty == true)
        }
    }

    private func status(_ api: APIClient, _ id: Int) async throws -> Int? {
        try api.object(try await api.send(.GET, "tickets/\(id)"))["status"] as? Int
    }
}
