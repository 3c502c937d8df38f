import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 15 in the customer portal (`/support/tickets`), through the app as a browser without JavaScript uses it:
/// the customer's list, a ticket's public conversation, replies with files, "This is solved", follow-ups of closed
/// tickets, the new-ticket form for customers and anonymous visitors, CSRF, and other people's tickets — on the
/// database under test (SQLite, or PostgreSQL with LANTERN_TEST_DATABASE_URL).
@Suite("Customer portal: tickets")
struct SupportTicketPortalTests {
    /// An account whose widget serves `/support`, and a signed-in customer's browser.
    struct Portal {
        let account: AccountProvisioner.Result
        let customer: PortalBrowser
        let contact: Contact
    }

    func makePortal(_ app: Application, email: String = "alice@acme.example") async throws -> Portal {
        let account = try await makeAccount(app, name: "Support Co")
        app.lantern.supportWidgetID = account.widgetID
        app.lantern.behindProxy = true
        let customer = PortalBrowser(app)
        let token = TokenMinter.mint(name: "Alice <b>A</b>", email: email, secret: account.sharedSecret)
        #expect(try await customer.get("/support/login/jwt?token=\(token)").status == .seeOther)
        let contact = try #require(try await Contact.query(on: app.db).filter(\.$accountID == account.accountID)
            .filter(\.$email == email).first())
        return Portal(account: account, customer: customer, contact: contact)
    }

    /// A ticket stored as the contact form stores an anonymous visitor's.
    func makeTicket(_ app: Application, accountID: Int, subject: String, email: String) async throws -> Int {
        let submission = TicketSubmission(name: "Requester", email: try #require(EmailAddress(email)), subject: subject,
                                          description: "About \(subject)", verified: false)
        let ticket = try await TicketService.create(.init(accountID: accountID, widgetID: nil, contactID: nil, submission: submission,
                                                          requesterIP: nil, attachments: []), limit: nil, on: app.db)
        return try ticket.requireID()
    }

    /// An agent's public reply or private note through the agent portal, with a text file named `file`.txt.
    func agentEntry(_ app: Application, _ portal: Portal, ticketID: Int, _ text: String, isPrivate: Bool,
                    file: String? = nil) async throws {
        let agent = try await app.agentBrowser(portal.account)
        let csrf = try await agent.csrf(from: "/agent/tickets/\(ticketID)")
        let files = file.map { [PortalBrowser.FilePart(filename: "\($0).txt", contentType: "text/plain", data: Data($0.utf8))] } ?? []
        let response = try await agent.postMultipart("/agent/tickets/\(ticketID)/\(isPrivate ? "notes" : "reply")",
                                                     [("csrf_token", csrf), ("body", text)], files: files)
        #expect(response.status == .seeOther, "\(response.body.string)")
    }

    func status(_ app: Application, _ id: Int) async throws -> TicketStatus? {
        try await Ticket.find(id, on: app.db).map(\.ticketStatus)
    }

    @Test("The list: the customer's tickets (earlier unverified ones under their address too), never another's; anonymous is 401")
    func list() async throws {
        try await withLantern { app in
            let portal = try await makePortal(app)
            let accountID = portal.account.accountID
            let mine = try await makeTicket(app, accountID: accountID, subject: "Printer <b>jam</b>", email: "alice@acme.example")
            let theirs = try await makeTicket(app, accountID: accountID, subject: "Scanner of Bob", email: "bob@acme.example")
            let page = try await portal.customer.get("/support/tickets")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<a href=\"/support/tickets/\(mine)\">Printer &lt;b&gt;jam&lt;/b&gt;</a>"))
            #expect(html.contains("<span class=\"badge\">Open</span>"))
            #expect(!html.contains("Scanner of Bob"))
            #expect(html.contains("<a href=\"/support/tickets\" aria-current=\"page\">My tickets</a>"))

            let other = try await portal.customer.get("/support/tickets/\(theirs)")
            #expect(other.status == .notFound)
            #expect(!other.body.string.contains("Scanner of Bob"))

            let anonymous = PortalBrowser(app)
            for path in ["/support/tickets", "/support/tickets/\(mine)", "/support/tickets/\(mine)/attachments/0"] {
                let response = try await anonymous.get(path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(!response.body.string.contains("Printer"))
            }
        }
    }

    @Test("A ticket page shows the public conversation only: a private note's text and file never reach the customer")
    func privateNotes() async throws {
        try await withLantern { app in
            let portal = try await makePortal(app)
            let id = try await makeTicket(app, accountID: portal.account.accountID, subject: "Billing", email: "alice@acme.example")
            let secret = "INTERNAL-\(UUID().uuidString)"
            try await agentEntry(app, portal, ticketID: id, secret, isPrivate: true, file: "note-file")
            try await agentEntry(app, portal, ticketID: id, "We refunded you <i>today</i>.", isPrivate: false, file: "receipt")
            let page = try await portal.customer.get("/support/tickets/\(id)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(!html.contains(secret) && !html.contains("note-file"))
            #expect(html.contains("We refunded you &lt;i&gt;today&lt;/i&gt;."))
            #expect(html.contains("replied · <span class=\"muted\">"))
            #expect(html.contains("<span class=\"badge\" data-lantern=\"ticket-status\">Pending</span>"))
            // Positions count over the whole ticket: the note's file is 0, the reply's 1.
            #expect(html.contains("<a href=\"/support/tickets/\(id)/attachments/1\">receipt.txt</a>"))
            let receipt = try await portal.customer.get("/support/tickets/\(id)/attachments/1")
            #expect(receipt.status == .ok && receipt.body.string == "receipt")
            #expect(receipt.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            let hidden = try await portal.customer.get("/support/tickets/\(id)/attachments/0")
            #expect(hidden.status == .notFound)
            #expect(!hidden.body.string.contains("note-file"))
        }
    }

    @Test("Replies: multipart with files reopens a pending ticket; CSRF is required; a blank reply is a 422 keeping nothing")
    func replies() async throws {
        try await withLantern { app in
            let portal = try await makePortal(app)
            let id = try await makeTicket(app, accountID: portal.account.accountID, subject: "Login", email: "alice@acme.example")
            try await agentEntry(app, portal, ticketID: id, "Try again?", isPrivate: false)
            #expect(try await status(app, id) == .pending)
            let csrf = try await portal.customer.csrf(from: "/support/tickets/\(id)")

            let forged = try await portal.customer.postMultipart("/support/tickets/\(id)/reply", [("body", "No token")])
            #expect(forged.status == .forbidden)
            let wrong = try await portal.customer.postMultipart("/support/tickets/\(id)/reply", [("csrf_token", "x"), ("body", "Bad")])
            #expect(wrong.status == .forbidden)

            let sent = try await portal.customer.postMultipart(
                "/support/tickets/\(id)/reply", [("csrf_token", csrf), ("body", "Still <b>failing</b>")],
                files: [.init(filename: "log.txt", contentType: "text/plain", data: Data("error 42".utf8))])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let entries = try await TicketConversation.query(on: app.db).filter(\.$ticketID == id).sort(\.$id).all()
            #expect(entries.map(\.bodyText) == ["Try again?", "Still <b>failing</b>"])
            let reply = try #require(entries.last)
            #expect(reply.incoming && !reply.isPrivate && reply.contactID == portal.contact.id)
            #expect(sent.headers.first(name: .location) == "/support/tickets/\(id)?done=replied#entry-\(try reply.requireID())")
            #expect(try await status(app, id) == .open)
            let page = try await portal.customer.get("/support/tickets/\(id)?done=replied").body.string
            #expect(page.contains("<p class=\"flash\" role=\"status\">Your reply is sent.</p>"))
            #expect(page.contains("Still &lt;b&gt;failing&lt;/b&gt;"))
            #expect(page.contains("log.txt"))

            let blank = try await portal.customer.postMultipart("/support/tickets/\(id)/reply", [("csrf_token", csrf), ("body", " \r\n ")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("role=\"alert\""))
            #expect(try await TicketConversation.query(on: app.db).filter(\.$ticketID == id).count() == 2)
        }
    }

    @Test("'This is solved' resolves an open ticket; a reply reopens it; a reply to a closed ticket starts a linked new one")
    func solvedAndFollowUp() async throws {
        try await withLantern { app in
            let portal = try await makePortal(app)
            let id = try await makeTicket(app, accountID: portal.account.accountID, subject: "Export", email: "alice@acme.example")
            let csrf = try await portal.customer.csrf(from: "/support/tickets/\(id)")
            #expect(try await portal.customer.get("/support/tickets/\(id)").body.string.contains("This is solved"))
            #expect(try await portal.customer.post("/support/tickets/\(id)/resolve", []).status == .forbidden)
            #expect(try await status(app, id) == .open)
            let solved = try await portal.customer.post("/support/tickets/\(id)/resolve", [("csrf_token", csrf)])
            #expect(solved.status == .seeOther)
            #expect(solved.headers.first(name: .location) == "/support/tickets/\(id)?done=solved")
            #expect(try await status(app, id) == .resolved)
            #expect(!(try await portal.customer.get("/support/tickets/\(id)").body.string.contains("This is solved")))

            _ = try await portal.customer.post("/support/tickets/\(id)/reply", [("csrf_token", csrf), ("body", "It broke again")])
            #expect(try await status(app, id) == .open)

            let ticket = try #require(try await Ticket.find(id, on: app.db))
            ticket.status = TicketStatus.closed.rawValue
            try await ticket.save(on: app.db)
            #expect(try await portal.customer.get("/support/tickets/\(id)").body.string.contains("your reply starts a new ticket"))
            let followUp = try await portal.customer.post("/support/tickets/\(id)/reply", [("csrf_token", csrf), ("body", "Once more")])
            #expect(followUp.status == .seeOther)
            let location = try #require(followUp.headers.first(name: .location))
            let newID = try #require(Int(location.dropFirst("/support/tickets/".count).prefix { $0.isNumber }))
            #expect(location == "/support/tickets/\(newID)?done=followup")
            #expect(newID != id)
            let created = try #require(try await Ticket.find(newID, on: app.db))
            #expect(created.linkedTicketID == id && created.source == TicketSource.portal.rawValue && created.description == "Once more")
            #expect(try await status(app, id) == .closed)
            let page = try await portal.customer.get(location).body.string
            #expect(page.contains("follows up your closed ticket <a href=\"/support/tickets/\(id)\">#\(id)</a>"))
        }
    }

    @Test("New tickets: a customer's is verified from the portal (source 2); a refused form keeps what was typed")
    func newTicketSignedIn() async throws {
        try await withLantern { app in
            let portal = try await makePortal(app)
            let form = try await portal.customer.get("/support/tickets/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Sending as <strong>Alice &lt;b&gt;A&lt;/b&gt;</strong> &lt;alice@acme.example&gt;."))
            #expect(!form.body.string.contains("name=\"email\""))
            let csrf = try #require(PortalBrowser.csrf(in: form.body.string))

            let refused = try await portal.customer.postMultipart("/support/tickets", [("csrf_token", csrf), ("subject", "Kept <subject>"),
                                                                                      ("description", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("value=\"Kept &lt;subject&gt;\""))
            #expect(refused.body.string.contains("Description"))
            #expect(try await Ticket.query(on: app.db).filter(\.$accountID == portal.account.accountID).count() == 0)

            let sent = try await portal.customer.postMultipart(
                "/support/tickets", [("csrf_token", csrf), ("name", "Mallory"), ("email", "mallory@evil.example"),
                                     ("subject", "Upgrade"), ("description", "How do I upgrade?")],
                files: [.init(filename: "plan.txt", contentType: "text/plain", data: Data("pro".utf8))])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$accountID == portal.account.accountID).first())
            #expect(sent.headers.first(name: .location) == "/support/tickets/\(try ticket.requireID())?done=created")
            #expect(ticket.verified && ticket.email == "alice@acme.example" && ticket.contactID == portal.contact.id)
            #expect(ticket.source == TicketSource.portal.rawValue && ticket.widgetID == portal.account.widgetID)
            #expect(try await TicketAttachment.query(on: app.db).filter(\.$ticketID == ticket.requireID()).count() == 1)
        }
    }

    @Test("New tickets from anonymous visitors: unverified with the address typed, CSRF cookie required, the form's settings obeyed")
    func newTicketAnonymous() async throws {
        try await withLantern { app in
            let portal = try await makePortal(app)
            let visitor = PortalBrowser(app)
            let form = try await visitor.get("/support/tickets/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"email\""))
            let csrf = try #require(PortalBrowser.csrf(in: form.body.string))
            let fields = [("csrf_token", csrf), ("name", "Vic"), ("email", "vic@visitor.example"), ("subject", "Hello"),
                          ("description", "A question")]

            let cookieless = PortalBrowser(app)
            #expect(try await cookieless.postMultipart("/support/tickets", fields).status == .forbidden)
            let bot = try await visitor.postMultipart("/support/tickets", fields + [("website", "spam.example")])
            #expect(bot.status == .unprocessableEntity)

            let sent = try await visitor.postMultipart("/support/tickets", fields)
            #expect(sent.status == .created, "\(sent.body.string)")
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$accountID == portal.account.accountID).first())
            #expect(sent.body.string.contains("your ticket <strong>#\(try ticket.requireID())</strong> is sent"))
            #expect(!ticket.verified && ticket.email == "vic@visitor.example" && ticket.contactID == nil)
            #expect(ticket.source == TicketSource.portal.rawValue)

            let widget = try #require(try await Widget.find(portal.account.widgetID, on: app.db))
            widget.contactFormLoggedInOnly = true
            try await widget.save(on: app.db)
            #expect(try await visitor.get("/support/tickets/new").status == .unauthorized)
            #expect(try await visitor.postMultipart("/support/tickets", fields).status == .unauthorized)
            #expect(try await portal.customer.get("/support/tickets/new").status == .ok)
            widget.contactFormEnabled = false
            try await widget.save(on: app.db)
            #expect(try await portal.customer.get("/support/tickets/new").status == .forbidden)
            #expect(try await Ticket.query(on: app.db).filter(\.$accountID == portal.account.accountID).count() == 1)
        }
    }

    @Test("Another account's ticket is a 404 page on every route, and nothing changes")
    func otherTenant() async throws {
        try await withLantern { app in
            let elsewhere = try await makeAccount(app, name: "Elsewhere")
            let foreign = try await makeTicket(app, accountID: elsewhere.accountID, subject: "Foreign secret", email: "alice@acme.example")
            let portal = try await makePortal(app)
            let csrf = try await portal.customer.csrf(from: "/support/profile")
            for response in [try await portal.customer.get("/support/tickets/\(foreign)"),
                             try await portal.customer.get("/support/tickets/\(foreign)/attachments/0"),
                             try await portal.customer.post("/support/tickets/\(foreign)/reply", [("csrf_token", csrf), ("body", "Hi")]),
                             try await portal.customer.post("/support/tickets/\(foreign)/resolve", [("csrf_token", csrf)])] {
                #expect(response.status == .notFound)
                #expect(!response.body.string.contains("Foreign secret"))
            }
            #expect(!(try await portal.customer.get("/support/tickets").body.string.contains("Foreign secret")))
            #expect(try await status(app, foreign) == .open)
            #expect(try await TicketConversation.query(on: app.db).filter(\.$ticketID == foreign).count() == 0)
        }
    }
}
