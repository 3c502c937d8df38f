import Fluent
import Foundation
import LanternCore
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 15 in the agent portal, through the app as a browser without JavaScript uses it: the ticket list's filters
/// and counts, the reply and private-note forms (multipart, with files), the properties form, ticket types, CSRF
/// and tenants — on the database under test (SQLite, or PostgreSQL with LANTERN_TEST_DATABASE_URL).
@Suite("Agent portal: the support loop")
struct AgentTicketLoopTests {
    /// An account with its admin signed in, and a second agent of the account.
    struct Desk {
        let account: AccountProvisioner.Result
        let browser: PortalBrowser
        let adminID: Int
        let agentID: Int
    }

    func makeDesk(_ app: Application) async throws -> Desk {
        let account = try await makeAccount(app, name: "Loop Desk")
        let agent = Agent(accountID: account.accountID, name: "Sam <b>Second</b>", email: "sam-\(UUID().uuidString.prefix(6))@test.example",
                          passwordHash: "x", role: .agent)
        try await agent.create(on: app.db)
        let admin = try #require(try await Agent.query(on: app.db).filter(\.$accountID == account.accountID)
            .filter(\.$email == account.adminEmail).first())
        return Desk(account: account, browser: try await app.agentBrowser(account), adminID: try admin.requireID(), agentID: try agent.requireID())
    }

    /// A ticket stored as the API or the contact form would store it.
    @discardableResult
    func makeTicket(_ app: Application, accountID: Int, subject: String, email: String = "pat@customer.example",
                    properties: TicketProperties = TicketProperties(), verified: Bool = false, contactID: Int? = nil) async throws -> Ticket {
        let submission = TicketSubmission(name: "Pat <i>Customer</i>", email: try #require(EmailAddress(email)), subject: subject,
                                          description: "Help with \(subject)\n<b>please</b>", verified: verified)
        var new = TicketService.NewTicket(accountID: accountID, widgetID: nil, contactID: contactID, submission: submission,
                                          requesterIP: nil, attachments: [])
        new.properties = properties
        return try await TicketService.create(new, limit: nil, on: app.db)
    }

    /// A browser's empty file input.
    static let noFile = PortalBrowser.FilePart(filename: "", contentType: "application/octet-stream", data: Data())

    func entries(_ app: Application, _ ticketID: Int) async throws -> [TicketConversation] {
        try await TicketConversation.query(on: app.db).filter(\.$ticketID == ticketID).sort(\.$id).all()
    }

    @Test("A reply through the form: plain text escaped, files attached, open → pending, shown on the ticket page")
    func reply() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let ticket = try await makeTicket(app, accountID: desk.account.accountID, subject: "Refund <script>x</script>")
            let ticketID = try ticket.requireID()
            let page = try await desk.browser.get("/agent/tickets/\(ticketID)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(PortalBrowser.csrf(in: page.body.string))

            let sent = try await desk.browser.postMultipart("/agent/tickets/\(ticketID)/reply",
                                               [("csrf_token", csrf), ("body", "Hello <b>Pat</b>\r\nSee the file.")],
                                               files: [PortalBrowser.FilePart(filename: "steps.txt", contentType: "text/plain", data: Data("1. Open".utf8)), Self.noFile])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let stored = try #require(try await entries(app, ticketID).first)
            #expect(sent.headers.first(name: .location) == "/agent/tickets/\(ticketID)?done=replied#entry-\(try stored.requireID())")
            #expect(stored.body == "Hello &lt;b&gt;Pat&lt;/b&gt;<br>See the file.")
            #expect(stored.bodyText == "Hello <b>Pat</b>\r\nSee the file.")
            #expect(stored.isPrivate == false && stored.incoming == false && stored.agentID == desk.adminID)
            #expect(try await Ticket.find(ticketID, on: app.db)?.status == TicketStatus.pending.rawValue)

            let after = try await desk.browser.get("/agent/tickets/\(ticketID)?done=replied")
            let html = after.body.string
            #expect(html.contains("<p class=\"flash\" role=\"status\">Reply sent.</p>"))
            #expect(html.contains("<span class=\"badge\">Pending</span>"))
            #expect(html.contains("id=\"entry-\(try stored.requireID())\""))
            #expect(html.contains("Hello &lt;b&gt;Pat&lt;/b&gt;<br>See the file."))
            #expect(html.contains("Help with Refund &lt;script&gt;x&lt;/script&gt;\n&lt;b&gt;please&lt;/b&gt;"))
            #expect(!html.contains("<script>x</script>"))
            #expect(html.contains("<a href=\"/agent/tickets/\(ticketID)/attachments/0\">steps.txt</a>"))
            let file = try await desk.browser.get("/agent/tickets/\(ticketID)/attachments/0")
            #expect(file.status == .ok && file.body.string == "1. Open")
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)

            // A URL-encoded reply (no files) works too; a reply to a pending ticket keeps it pending.
            let plain = try await desk.browser.post("/agent/tickets/\(ticketID)/reply", [("csrf_token", csrf), ("body", "Any news?")])
            #expect(plain.status == .seeOther)
            #expect(try await entries(app, ticketID).map(\.bodyText) == ["Hello <b>Pat</b>\r\nSee the file.", "Any news?"])
            #expect(try await Ticket.find(ticketID, on: app.db)?.status == TicketStatus.pending.rawValue)

            // A blank reply comes back as a 422 page with what was typed; nothing is stored.
            let blank = try await desk.browser.postMultipart("/agent/tickets/\(ticketID)/reply", [("csrf_token", csrf), ("body", "  \r\n ")],
                                                files: [Self.noFile])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("Please correct: Reply is required."))
            #expect(blank.body.string.contains("<h1>Refund &lt;script&gt;x&lt;/script&gt;</h1>"))
            // A refused file: an error page, nothing stored.
            let exe = try await desk.browser.postMultipart("/agent/tickets/\(ticketID)/reply", [("csrf_token", csrf), ("body", "Run this")],
                                              files: [PortalBrowser.FilePart(filename: "tool.exe", contentType: "application/octet-stream", data: Data([0x4D, 0x5A]))])
            #expect(exe.status == .unprocessableEntity)
            #expect(exe.body.string.contains("not an accepted type"))
            #expect(try await entries(app, ticketID).count == 2)
            #expect(try await TicketAttachment.query(on: app.db).filter(\.$ticketID == ticketID).count() == 1)
        }
    }

    @Test("A private note: marked private for agents, no status change, never in the customer's thread")
    func privateNote() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let ticket = try await makeTicket(app, accountID: desk.account.accountID, subject: "Note me")
            let ticketID = try ticket.requireID()
            let csrf = try await desk.browser.csrf(from: "/agent/tickets/\(ticketID)")
            let sent = try await desk.browser.postMultipart("/agent/tickets/\(ticketID)/notes",
                                               [("csrf_token", csrf), ("body", "Internal: VIP <customer>")],
                                               files: [PortalBrowser.FilePart(filename: "internal.txt", contentType: "text/plain", data: Data("secret".utf8))])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let note = try #require(try await entries(app, ticketID).first)
            #expect(note.isPrivate && !note.incoming && note.agentID == desk.adminID)
            #expect(sent.headers.first(name: .location) == "/agent/tickets/\(ticketID)?done=noted#entry-\(try note.requireID())")
            #expect(try await Ticket.find(ticketID, on: app.db)?.status == TicketStatus.open.rawValue)

            let html = try await desk.browser.get("/agent/tickets/\(ticketID)?done=noted").body.string
            #expect(html.contains("Private note added."))
            #expect(html.contains("<article class=\"card warning private\" id=\"entry-\(try note.requireID())\">"))
            let admin = try #require(try await Agent.find(desk.adminID, on: app.db))
            #expect(html.contains("<span class=\"badge\">Private note</span> <strong>\(admin.name)</strong> wrote, for agents only"))
            #expect(html.contains("Internal: VIP &lt;customer&gt;"))
            #expect(html.contains("attachments/0\">internal.txt</a>"))

            // The customer's view of the ticket has neither the note nor its file.
            let customer = try await CustomerTicketService.thread(ticket, on: app.db)
            #expect(customer.entries.isEmpty && customer.entryAttachments.isEmpty)
        }
    }

    @Test("The properties form sets status, priority, type and assignee, and clears type and assignee")
    func properties() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            _ = try await TicketTypeService.replace(accountID: desk.account.accountID, with: ["Question", "Refund"], on: app.db)
            let ticket = try await makeTicket(app, accountID: desk.account.accountID, subject: "Props")
            let ticketID = try ticket.requireID()
            let page = try await desk.browser.get("/agent/tickets/\(ticketID)").body.string
            #expect(page.contains("<option value=\"Refund\">Refund</option>"))
            #expect(page.contains("<option value=\"\(desk.agentID)\">Sam &lt;b&gt;Second&lt;/b&gt;</option>"))
            let csrf = try #require(PortalBrowser.csrf(in: page))
            let saved = try await desk.browser.post("/agent/tickets/\(ticketID)/properties", [
                ("csrf_token", csrf), ("status", "4"), ("priority", "4"), ("type", "Refund"), ("responder_id", String(desk.agentID)),
            ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(saved.headers.first(name: .location) == "/agent/tickets/\(ticketID)?done=saved")
            var stored = try #require(try await Ticket.find(ticketID, on: app.db))
            #expect(stored.status == 4 && stored.priority == 4 && stored.type == "Refund" && stored.responderID == desk.agentID)
            let shown = try await desk.browser.get("/agent/tickets/\(ticketID)?done=saved").body.string
            #expect(shown.contains("<option value=\"4\" selected>Resolved</option>") && shown.contains("<option value=\"4\" selected>Urgent</option>"))
            #expect(shown.contains("<option value=\"Refund\" selected>Refund</option>"))
            #expect(shown.contains("<option value=\"\(desk.agentID)\" selected>"))

            // An agent reopens it, and clears type and assignee.
            let cleared = try await desk.browser.post("/agent/tickets/\(ticketID)/properties", [
                ("csrf_token", csrf), ("status", "2"), ("priority", "1"), ("type", ""), ("responder_id", ""),
            ])
            #expect(cleared.status == .seeOther)
            stored = try #require(try await Ticket.find(ticketID, on: app.db))
            #expect(stored.status == 2 && stored.priority == 1 && stored.type == nil && stored.responderID == nil)

            // A type since removed from the list stays while other properties change.
            _ = try await desk.browser.post("/agent/tickets/\(ticketID)/properties", [
                ("csrf_token", csrf), ("status", "2"), ("priority", "1"), ("type", "Question"), ("responder_id", ""),
            ])
            _ = try await TicketTypeService.replace(accountID: desk.account.accountID, with: ["Refund"], on: app.db)
            let kept = try await desk.browser.post("/agent/tickets/\(ticketID)/properties", [
                ("csrf_token", csrf), ("status", "3"), ("priority", "1"), ("type", "Question"), ("responder_id", ""),
            ])
            #expect(kept.status == .seeOther, "\(kept.body.string)")
            stored = try #require(try await Ticket.find(ticketID, on: app.db))
            #expect(stored.status == 3 && stored.type == "Question")
        }
    }

    @Test("Refused properties: a 422 page naming the field, the form as sent, nothing changed")
    func refusedProperties() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let other = try await makeAccount(app, name: "Elsewhere")
            let foreignAgent = try #require(try await Agent.query(on: app.db).filter(\.$accountID == other.accountID).first())
            _ = try await TicketTypeService.replace(accountID: desk.account.accountID, with: ["Question"], on: app.db)
            _ = try await TicketTypeService.replace(accountID: other.accountID, with: ["Theirs"], on: app.db)
            let ticket = try await makeTicket(app, accountID: desk.account.accountID, subject: "Strict")
            let ticketID = try ticket.requireID()
            let csrf = try await desk.browser.csrf(from: "/agent/tickets/\(ticketID)")
            let cases: [([(String, String)], String)] = [
                ([("type", "Theirs"), ("responder_id", "")], "Type must be one of the account"),
                ([("type", ""), ("responder_id", String(try foreignAgent.requireID()))], "Assignee must be the id of an agent of the account"),
                ([("type", ""), ("responder_id", "abc")], "Assignee must be an agent of the account"),
                ([("type", "<script>x</script>"), ("responder_id", "")], "Type must be one of the account"),
            ]
            for (fields, message) in cases {
                let response = try await desk.browser.post("/agent/tickets/\(ticketID)/properties",
                                                           [("csrf_token", csrf), ("status", "4"), ("priority", "3")] + fields)
                #expect(response.status == .unprocessableEntity, "\(fields)")
                let html = response.body.string
                #expect(html.contains("<p class=\"error\" role=\"alert\">Please correct: \(message)"), "\(fields): \(html)")
                #expect(html.contains("<option value=\"4\" selected>Resolved</option>"), "the form keeps what was sent")
                #expect(!html.contains("<script>x</script>"))
            }
            let badCodes = try await desk.browser.post("/agent/tickets/\(ticketID)/properties",
                                                       [("csrf_token", csrf), ("status", "9"), ("priority", "high"), ("type", ""), ("responder_id", "")])
            #expect(badCodes.status == .unprocessableEntity)
            #expect(badCodes.body.string.contains("Priority must be one of 1 (low)") && badCodes.body.string.contains("Status must be one of 2 (open)"))
            let stored = try #require(try await Ticket.find(ticketID, on: app.db))
            #expect(stored.status == 2 && stored.priority == 2 && stored.type == nil && stored.responderID == nil)
        }
    }

    @Test("Another account's ticket is a 404 page on every route, and nothing changes")
    func otherTenant() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let other = try await makeAccount(app, name: "Elsewhere")
            let foreign = try await makeTicket(app, accountID: other.accountID, subject: "Not yours")
            let foreignID = try foreign.requireID()
            try await TicketAttachment(accountID: other.accountID, ticketID: foreignID, position: 0, filename: "x.txt", contentType: "text/plain",
                                       sha256: "00", data: Data("x".utf8)).create(on: app.db)
            let csrf = try await desk.browser.csrf(from: "/agent/tickets")
            for path in ["/agent/tickets/\(foreignID)", "/agent/tickets/\(foreignID)/attachments/0", "/agent/tickets/999999"] {
                let response = try await desk.browser.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.body.string.contains("No ticket has this id in your account.") || path.hasSuffix("/0"))
            }
            for path in ["reply", "notes"] {
                let response = try await desk.browser.postMultipart("/agent/tickets/\(foreignID)/\(path)", [("csrf_token", csrf), ("body", "Hi")])
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers.contentType == .html)
            }
            let properties = try await desk.browser.post("/agent/tickets/\(foreignID)/properties",
                                                         [("csrf_token", csrf), ("status", "5"), ("priority", "4"), ("type", ""), ("responder_id", "")])
            #expect(properties.status == .notFound)
            #expect(try await entries(app, foreignID).isEmpty)
            let stored = try #require(try await Ticket.find(foreignID, on: app.db))
            #expect(stored.status == 2 && stored.priority == 2)
            #expect(!(try await desk.browser.get("/agent/tickets").body.string.contains("Not yours")))
        }
    }

    @Test("Without the CSRF token (or a session) a reply, note or property change is 403 and nothing changes")
    func csrf() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let ticket = try await makeTicket(app, accountID: desk.account.accountID, subject: "Guarded")
            let ticketID = try ticket.requireID()
            let file = PortalBrowser.FilePart(filename: "a.txt", contentType: "text/plain", data: Data("a".utf8))
            for path in ["reply", "notes"] {
                for token in [nil, "forged-token"] as [String?] {
                    let fields = (token.map { [("csrf_token", $0)] } ?? []) + [("body", "Forged")]
                    let response = try await desk.browser.postMultipart("/agent/tickets/\(ticketID)/\(path)", fields, files: [file])
                    #expect(response.status == .forbidden, "\(path) \(token ?? "none")")
                    #expect(response.body.string.contains("Form expired"))
                }
                let urlEncoded = try await desk.browser.post("/agent/tickets/\(ticketID)/\(path)", [("body", "Forged")])
                #expect(urlEncoded.status == .forbidden)
                // Another browser without a session, even with the agent's token: 403, not a redirect.
                let csrf = try await desk.browser.csrf(from: "/agent/tickets/\(ticketID)")
                let stranger = PortalBrowser(app)
                let anonymous = try await stranger.postMultipart("/agent/tickets/\(ticketID)/\(path)", [("csrf_token", csrf), ("body", "Forged")])
                #expect(anonymous.status == .forbidden)
            }
            let properties = try await desk.browser.post("/agent/tickets/\(ticketID)/properties",
                                                         [("status", "5"), ("priority", "4"), ("type", ""), ("responder_id", "")])
            #expect(properties.status == .forbidden)
            #expect(try await entries(app, ticketID).isEmpty)
            #expect(try await TicketAttachment.query(on: app.db).filter(\.$ticketID == ticketID).count() == 0)
            let stored = try #require(try await Ticket.find(ticketID, on: app.db))
            #expect(stored.status == 2 && stored.priority == 2)
        }
    }

    @Test("The list: filters by status, priority and assignee (me, unassigned), counts per status, latest activity first")
    func listFiltersAndCounts() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let accountID = desk.account.accountID
            var mine = TicketProperties()
            mine.responderID = desk.adminID
            mine.priority = .urgent
            var theirs = TicketProperties()
            theirs.responderID = desk.agentID
            theirs.status = .pending
            var resolved = TicketProperties()
            resolved.status = .resolved
            resolved.priority = .low
            let oldest = try await makeTicket(app, accountID: accountID, subject: "Oldest unassigned")
            try await makeTicket(app, accountID: accountID, subject: "Mine urgent", properties: mine)
            try await makeTicket(app, accountID: accountID, subject: "Theirs pending", properties: theirs)
            try await makeTicket(app, accountID: accountID, subject: "Resolved low", properties: resolved, verified: true)
            let other = try await makeAccount(app, name: "Elsewhere")
            try await makeTicket(app, accountID: other.accountID, subject: "Foreign open")

            func subjects(_ query: String) async throws -> [String] {
                let html = try await desk.browser.get("/agent/tickets\(query)").body.string
                return html.components(separatedBy: "<td><a href=\"/agent/tickets/").dropFirst().compactMap { part in
                    part.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
                }
            }
            #expect(try await subjects("") == ["Resolved low", "Theirs pending", "Mine urgent", "Oldest unassigned"])
            #expect(try await subjects("?status=2") == ["Mine urgent", "Oldest unassigned"])
            #expect(try await subjects("?status=3") == ["Theirs pending"])
            #expect(try await subjects("?priority=4") == ["Mine urgent"])
            #expect(try await subjects("?assignee=me") == ["Mine urgent"])
            #expect(try await subjects("?assignee=unassigned") == ["Resolved low", "Oldest unassigned"])
            #expect(try await subjects("?assignee=unassigned&status=2") == ["Oldest unassigned"])
            #expect(try await subjects("?verified=yes") == ["Resolved low"])
            #expect(try await subjects("?status=banana&priority=9&assignee=someone").count == 4)

            let all = try await desk.browser.get("/agent/tickets").body.string
            #expect(all.contains(">All (4)</a>") && all.contains(">Open (2)</a>") && all.contains(">Pending (1)</a>")
                    && all.contains(">Resolved (1)</a>") && all.contains(">Closed (0)</a>"))
            #expect(all.contains("<tr class=\"unassigned\"><td><a href=\"/agent/tickets/\(try oldest.requireID())\">Oldest unassigned</a>"))
            #expect(all.components(separatedBy: "<tr class=\"unassigned\">").count == 2, "only the open unassigned ticket is marked")
            #expect(all.contains("<td>Sam &lt;b&gt;Second&lt;/b&gt;</td>"))
            // Counts follow the other filters, not the status.
            let unassigned = try await desk.browser.get("/agent/tickets?assignee=unassigned&status=2").body.string
            #expect(unassigned.contains(">All (2)</a>") && unassigned.contains(">Open (1)</a>") && unassigned.contains(">Resolved (1)</a>")
                    && unassigned.contains(">Pending (0)</a>"))

            // A reply is activity: the oldest ticket comes first.
            let csrf = try await desk.browser.csrf(from: "/agent/tickets/\(try oldest.requireID())")
            #expect(try await desk.browser.postMultipart("/agent/tickets/\(try oldest.requireID())/notes",
                                            [("csrf_token", csrf), ("body", "Looking")], files: [Self.noFile]).status == .seeOther)
            #expect(try await subjects("").first == "Oldest unassigned")
        }
    }

    @Test("The requester block links to the contact and lists their other tickets (same e-mail, this account)")
    func requester() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let contact = Contact(accountID: desk.account.accountID, name: "Pat Customer", email: "pat@customer.example")
            try await contact.create(on: app.db)
            let ticket = try await makeTicket(app, accountID: desk.account.accountID, subject: "Current", verified: true,
                                              contactID: try contact.requireID())
            let earlier = try await makeTicket(app, accountID: desk.account.accountID, subject: "Earlier <i>one</i>")
            try await makeTicket(app, accountID: desk.account.accountID, subject: "Someone else", email: "else@customer.example")
            let other = try await makeAccount(app, name: "Elsewhere")
            try await makeTicket(app, accountID: other.accountID, subject: "Foreign same address")
            let html = try await desk.browser.get("/agent/tickets/\(try ticket.requireID())").body.string
            #expect(html.contains("<a href=\"/agent/contacts/\(try contact.requireID())\">Pat &lt;i&gt;Customer&lt;/i&gt;</a>"))
            #expect(html.contains("<li><a href=\"/agent/tickets/\(try earlier.requireID())\">Earlier &lt;i&gt;one&lt;/i&gt;</a> <span class=\"muted\">Open · "))
            #expect(!html.contains("Someone else") && !html.contains("Foreign same address"))
            #expect(!html.contains("<a href=\"/agent/tickets/\(try ticket.requireID())\">Current</a>"))
        }
    }

    @Test("Ticket types settings: admins replace the list (one per line), a bad list is 422, other agents get 403")
    func ticketTypes() async throws {
        try await withLantern { app in
            let desk = try await makeDesk(app)
            let page = try await desk.browser.get("/agent/settings/ticket-types")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<label for=\"f-types\">Ticket types, one per line</label>"))
            let csrf = try #require(PortalBrowser.csrf(in: page.body.string))
            let saved = try await desk.browser.post("/agent/settings/ticket-types", [("csrf_token", csrf), ("types", " Question \r\n\r\nRefund\nBug <b>report</b>\n")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/agent/settings/ticket-types?done=saved")
            #expect(try await TicketTypeService.names(accountID: desk.account.accountID, on: app.db) == ["Question", "Refund", "Bug <b>report</b>"])
            let shown = try await desk.browser.get("/agent/settings/ticket-types?done=saved").body.string
            #expect(shown.contains(">Question\nRefund\nBug &lt;b&gt;report&lt;/b&gt;</textarea>") && shown.contains("Saved."))

            let repeated = try await desk.browser.post("/agent/settings/ticket-types", [("csrf_token", csrf), ("types", "Refund\nrefund")])
            #expect(repeated.status == .unprocessableEntity)
            #expect(repeated.body.string.contains("Please correct: Ticket types must not repeat a type."))
            #expect(repeated.body.string.contains(">Refund\nrefund</textarea>"))
            #expect(try await desk.browser.post("/agent/settings/ticket-types", [("types", "Hacked")]).status == .forbidden)
            #expect(try await TicketTypeService.names(accountID: desk.account.accountID, on: app.db).count == 3)

            // A non-admin agent: the page is for admins only.
            let email = "plain-\(UUID().uuidString.prefix(6).lowercased())@test.example"
            let agentsCSRF = try await desk.browser.csrf(from: "/agent/agents")
            #expect(try await desk.browser.post("/agent/agents", [("csrf_token", agentsCSRF), ("name", "Plain"), ("email", email),
                                                                  ("password", "long enough"), ("role", "agent")]).status == .seeOther)
            let plain = PortalBrowser(app)
            try await plain.signIn(email: email, password: "long enough")
            #expect(try await plain.get("/agent/settings/ticket-types").status == .forbidden)
            let plainCSRF = try await plain.csrf(from: "/agent/tickets")
            #expect(try await plain.post("/agent/settings/ticket-types", [("csrf_token", plainCSRF), ("types", "Hacked")]).status == .forbidden)
            #expect(try await TicketTypeService.names(accountID: desk.account.accountID, on: app.db).count == 3)
        }
    }
}
