import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// "Your tickets" in the widget: the signed-in customer's tickets and their public conversation only.
@Suite("Customer tickets")
struct CustomerTicketTests {
    struct Summary: Decodable {
        let id: Int
        let subject: String
        let status: Int
    }

    struct Detail: Decodable {
        struct Entry: Decodable {
            let body_text: String
            let `private`: Bool
            let incoming: Bool
        }
        let id: Int
        let status: Int
        let conversations: [Entry]
    }

    struct Reply: Decodable {
        let ticket_id: Int
    }

    struct Created: Decodable {
        let id: Int
    }

    /// A ticket sent through the contact form without signing in (so unverified).
    func sendTicket(_ app: Application, _ account: AccountProvisioner.Result, email: String, subject: String) async throws -> Int {
        let response = try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets", beforeRequest: {
            try $0.content.encode(["name": "Customer", "email": email, "subject": subject, "description": "Please help with \(subject)."])
        })
        #expect(response.status == .created, "\(response.body.string)")
        return try response.json(Created.self).id
    }

    @Test("Anonymous callers get 401 login_required; a customer sees theirs (earlier unverified ones too), never a note or another's ticket")
    func widgetTickets() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let base = "widget/v1/widgets/\(account.widgetID)/tickets"
            let mine = try await sendTicket(app, account, email: "alice@acme.example", subject: "Printer")
            let theirs = try await sendTicket(app, account, email: "bob@acme.example", subject: "Scanner")
            let secret = "INTERNAL-NOTE-\(UUID().uuidString)"
            _ = try await ConversationService.addAgentEntry(ticketID: mine, accountID: account.accountID, agentID: nil,
                                                            body: TicketBody(plainText: secret), isPrivate: true, attachments: [], on: app.db)
            _ = try await ConversationService.addAgentEntry(ticketID: mine, accountID: account.accountID, agentID: nil,
                                                            body: TicketBody(plainText: "Try turning it on."), isPrivate: false,
                                                            attachments: [], on: app.db)

            let anonymous = try await app.testing().sendRequest(.GET, base)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.error?.code == "login_required")

            let alice = try await app.signIn(account, email: "alice@acme.example").session_token
            let list = try await app.withSession(.GET, base, session: alice)
            #expect(list.status == .ok)
            #expect(try list.json([Summary].self).map(\.id) == [mine])

            let detail = try await app.withSession(.GET, "\(base)/\(mine)", session: alice)
            #expect(detail.status == .ok)
            #expect(!detail.body.string.contains(secret))
            #expect(!detail.body.string.contains("requester_ip"))
            let thread = try detail.json(Detail.self)
            #expect(thread.status == TicketStatus.pending.rawValue)
            #expect(thread.conversations.map(\.body_text) == ["Try turning it on."])

            let other = try await app.withSession(.GET, "\(base)/\(theirs)", session: alice)
            #expect(other.status == .notFound)
            #expect(other.error?.code == "ticket_not_found")
            let otherReply = try await app.testing().sendRequest(.POST, "\(base)/\(theirs)/reply", headers: ["Authorization": "Bearer \(alice)"],
                                                                 beforeRequest: { try $0.content.encode(["body": "mine now?"]) })
            #expect(otherReply.status == .notFound)

            // A reply to the pending ticket moves it back to open and shows up in the thread.
            let reply = try await app.testing().sendRequest(.POST, "\(base)/\(mine)/reply", headers: ["Authorization": "Bearer \(alice)"],
                                                            beforeRequest: { try $0.content.encode(["body": "Still <b>broken</b>"]) })
            #expect(reply.status == .created, "\(reply.body.string)")
            let after = try await app.withSession(.GET, "\(base)/\(mine)", session: alice).json(Detail.self)
            #expect(after.status == TicketStatus.open.rawValue)
            #expect(after.conversations.last?.body_text == "Still <b>broken</b>")
            #expect(after.conversations.last?.incoming == true)

            // A reply to a closed ticket starts a new ticket linked to it; the closed one stays closed.
            let closed = try #require(try await Ticket.find(mine, on: app.db))
            closed.status = TicketStatus.closed.rawValue
            try await closed.save(on: app.db)
            let followUp = try await app.testing().sendRequest(.POST, "\(base)/\(mine)/reply", headers: ["Authorization": "Bearer \(alice)"],
                                                               beforeRequest: { try $0.content.encode(["body": "It broke again"]) })
            #expect(followUp.status == .created, "\(followUp.body.string)")
            let newID = try followUp.json(Reply.self).ticket_id
            #expect(newID != mine)
            #expect(try await Ticket.find(newID, on: app.db)?.linkedTicketID == mine)
            #expect(try await Ticket.find(mine, on: app.db)?.status == TicketStatus.closed.rawValue)
            #expect(Set(try await app.withSession(.GET, base, session: alice).json([Summary].self).map(\.id)) == [mine, newID])

            // Another account's customer with the same e-mail does not see this account's ticket.
            let elsewhere = try await makeAccount(app, name: "Other Co")
            let stranger = try await app.signIn(elsewhere, email: "alice@acme.example").session_token
            let crossAccount = try await app.withSession(.GET, "widget/v1/widgets/\(elsewhere.widgetID)/tickets/\(mine)", session: stranger)
            #expect(crossAccount.status == .notFound)
            #expect(crossAccount.error?.code == "ticket_not_found")
        }
    }

    @Test("Widget attachment downloads: a public reply's file is served, a private note's is 404 attachment_not_found")
    func attachments() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let ticketID = try #require(try api.object(try await api.send(.POST, "tickets", ["email": "files@customer.example",
                                                                                              "subject": "Files", "description": "D"]))["id"] as? Int)
            func post(_ path: String, body: String, file: String, content: String) async throws {
                let boundary = "B0UNDARY"
                let form = "--\(boundary)\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n\(body)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachments[]\"; filename=\"\(file)\"\r\nContent-Type: text/plain\r\n\r\n\(content)\r\n"
                    + "--\(boundary)--\r\n"
                let response = try await app.testing().sendRequest(.POST, "api/v2/tickets/\(ticketID)/\(path)", headers: [
                    "Authorization": "Basic " + Data("\(account.apiKey):X".utf8).base64EncodedString(),
                    "Content-Type": "multipart/form-data; boundary=\(boundary)",
                ], body: ByteBuffer(string: form))
                #expect(response.status == .created, "\(response.body.string)")
            }
            try await post("notes", body: "internal", file: "internal.txt", content: "agents only")
            try await post("reply", body: "here you go", file: "steps.txt", content: "public steps")
            let session = try await app.signIn(account, name: "Files", email: "files@customer.example")
            let base = "widget/v1/widgets/\(account.widgetID)/tickets/\(ticketID)"
            let note = try await app.withSession(.GET, "\(base)/attachments/0", session: session.session_token)
            #expect(note.status == .notFound)
            #expect(note.error?.code == "attachment_not_found")
            #expect(!note.body.string.contains("agents only"))
            let reply = try await app.withSession(.GET, "\(base)/attachments/1", session: session.session_token)
            #expect(reply.status == .ok)
            #expect(reply.body.string == "public steps")
            let detail = try await app.withSession(.GET, base, session: session.session_token)
            #expect(!detail.body.string.contains("internal"))
            #expect(detail.body.string.replacingOccurrences(of: "\\/", with: "/").contains("/\(base)/attachments/1"))
            #expect(detail.headers.first(name: .cacheControl) == "no-store")
            #expect(try await app.testing().sendRequest(.GET, "\(base)/attachments/1").status == .unauthorized)
        }
    }
}
