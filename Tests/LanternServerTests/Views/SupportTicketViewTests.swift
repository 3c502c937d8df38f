import Foundation
import LanternCore
import Testing
@testable import LanternServer

/// The customer portal's ticket pages, rendered from hand-made page models.
@Suite("Support ticket views")
struct SupportTicketViewTests {
    static let hostile = PortalFrameAndSupportViewTests.hostile
    static let escaped = PortalFrameAndSupportViewTests.escaped

    static func ticket(status: TicketStatus, entries: [SupportTicketPage.Entry] = []) -> SupportTicketPage {
        SupportTicketPage(frame: PortalFrameAndSupportViewTests.frame(customer: "Ann", section: .tickets), id: 42,
                          subject: "Refund \(hostile)", status: status, requesterName: "Ann \(hostile)",
                          createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 60), linkedTicketID: nil,
                          descriptionHTML: nil, description: "Line 1\n\(hostile)",
                          attachments: [.init(position: 0, filename: "a \(hostile).pdf", contentType: "application/pdf", size: 2048)],
                          entries: entries)
    }

    @Test("The list: escaped subjects linking to each ticket, status and last activity; an empty list says so; a pager")
    func list() {
        let frame = PortalFrameAndSupportViewTests.frame(customer: "Ann", section: .tickets)
        let html = SupportTicketsPage(frame: frame, rows: [.init(id: 7, subject: "S \(Self.hostile)", status: .pending,
                                                                 updatedAt: Date(timeIntervalSince1970: 0))],
                                      page: 2, hasMore: true).render().description
        #expect(html.contains("<tr data-ticket=\"7\"><td><a href=\"/support/tickets/7\">S \(Self.escaped)</a> <span class=\"muted\">#7</span></td><td><span class=\"badge\">Pending</span></td><td>1970-01-01 00:00:00 UTC</td></tr>"))
        #expect(html.contains("<a href=\"/support/tickets?page=1\" rel=\"prev\">Newer</a> <a href=\"/support/tickets?page=3\" rel=\"next\">Older</a>"))
        #expect(html.contains("<a class=\"button\" href=\"/support/tickets/new\">New ticket</a>"))
        #expect(!html.contains(Self.hostile))
        let empty = SupportTicketsPage(frame: frame, rows: [], page: 1, hasMore: false).render().description
        #expect(empty.contains("<p>You have no tickets yet.</p>") && !empty.contains("<table>") && !empty.contains("Older"))
    }

    @Test("A ticket: the description as text, the customer's and the agents' entries, files, the reply form with its hooks")
    func ticket() {
        let entries: [SupportTicketPage.Entry] = [
            .init(id: 5, fromCustomer: false, authorName: "Agent \(Self.hostile)", body: "<p>Hi <script>x</script></p>",
                  createdAt: nil, attachments: []),
            .init(id: 6, fromCustomer: true, authorName: "Ann", body: "Thanks", createdAt: nil,
                  attachments: [.init(position: 1, filename: "b.png", contentType: "image/png", size: 10)]),
        ]
        var page = Self.ticket(status: .pending, entries: entries)
        page.reply = "typed \(Self.hostile)"
        page.error = "Your reply must not be empty."
        let html = page.render().description
        #expect(html.contains("<h1>Refund \(Self.escaped)</h1>"))
        #expect(html.contains("<div class=\"entry-body\" style=\"white-space:pre-wrap\">Line 1\n\(Self.escaped)</div>"))
        #expect(html.contains("<a href=\"/support/tickets/42/attachments/0\">a \(Self.escaped).pdf</a> <span class=\"muted\">application/pdf, 2 KiB</span>"))
        #expect(html.contains("<article class=\"card\" id=\"entry-5\">\n<p><strong>Agent \(Self.escaped)</strong> replied"))
        #expect(html.contains("<div class=\"entry-body\"><p>Hi </p></div>"))
        #expect(html.contains("<p><strong>Ann</strong> (you) replied"))
        #expect(html.contains("<a href=\"/support/tickets/42/attachments/1\">b.png</a>"))
        #expect(html.contains("<form method=\"post\" action=\"/support/tickets/42/reply\" enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok-123\">"))
        #expect(html.contains("data-lantern=\"ticket-reply\">typed \(Self.escaped)</textarea>"))
        #expect(html.contains("data-lantern=\"ticket-reply-submit\""))
        #expect(html.contains("<p class=\"error\" role=\"alert\">Your reply must not be empty.</p>"))
        #expect(html.contains("action=\"/support/tickets/42/resolve\""))
        #expect(!html.contains("<script>"))
    }

    @Test("'This is solved' shows for open and pending tickets only; a closed ticket's form says a reply starts a new one")
    func solvedButton() {
        for status in TicketStatus.allCases {
            let html = Self.ticket(status: status).render().description
            #expect(html.contains("This is solved") == (status == .open || status == .pending), "\(status)")
            #expect(html.contains("your reply starts a new ticket") == (status == .closed), "\(status)")
        }
    }

    @Test("The new-ticket form: name and address for anonymous visitors, 'Sending as' for customers, problems named, values kept")
    func newTicket() {
        let anonymous = SupportNewTicketPage(frame: PortalFrameAndSupportViewTests.frame(section: .newTicket), customerEmail: nil,
                                             values: .init(name: "V \(Self.hostile)", email: "v@x", subject: "", description: "d"),
                                             errors: ["email": "must be a valid email address", "subject": "is required"]).render().description
        #expect(anonymous.contains("<input id=\"f-name\" name=\"name\" type=\"text\" value=\"V \(Self.escaped)\" required autocomplete=\"name\">"))
        #expect(anonymous.contains("<input id=\"f-email\" name=\"email\" type=\"email\" value=\"v@x\" required"))
        #expect(anonymous.contains("Your e-mail address must be a valid email address"))
        #expect(anonymous.contains("Subject is required"))
        #expect(anonymous.contains("<textarea id=\"f-description\" name=\"description\" rows=\"8\" required>d</textarea>"))
        #expect(anonymous.contains("name=\"website\""))
        #expect(anonymous.contains("<a href=\"/support/tickets/new\" aria-current=\"page\">Submit a ticket</a>"))
        #expect(!anonymous.contains(Self.hostile))

        let customer = SupportNewTicketPage(frame: PortalFrameAndSupportViewTests.frame(customer: "Ann \(Self.hostile)", section: .newTicket),
                                            customerEmail: "ann@x.example").render().description
        #expect(customer.contains("<p>Sending as <strong>Ann \(Self.escaped)</strong> &lt;ann@x.example&gt;.</p>"))
        #expect(!customer.contains("name=\"email\""))
        #expect(!customer.contains("role=\"alert\""))
    }

    @Test("The page after an anonymous ticket names its number and the address, escaped")
    func sent() {
        let html = SupportTicketSentPage(frame: PortalFrameAndSupportViewTests.frame(), ticketID: 9, email: "a\(Self.hostile)@x")
            .render().description
        #expect(html.contains("your ticket <strong>#9</strong> is sent. We answer by e-mail at <strong>a\(Self.escaped)@x</strong>."))
    }
}
