import Foundation
import LanternCore
import Testing
@testable import LanternServer

/// The ticket pages of the agent portal, rendered from hand-made page models.
@Suite("Ticket views")
struct TicketsViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    static func row(id: Int, subject: String, status: TicketStatus = .open, assignee: String? = nil, files: Int = 0,
                    widget: String? = nil, updatedAt: Date? = nil) -> AgentTicketsPage.Row {
        .init(id: id, subject: subject, attachmentCount: files, name: "Vic \(hostile)", email: "vic@x.example", verified: id % 2 == 1,
              widgetName: widget, status: status, priority: .high, assigneeName: assignee, updatedAt: updatedAt)
    }

    @Test("The ticket list: escaped rows with status, priority, assignee and attachment counts; unassigned open tickets marked")
    func list() {
        let page = AgentTicketsPage(filters: .init(status: "2", assignee: "me", verified: "yes", widget: "2", email: "a b@x.example"),
                                    counts: [.open: 3, .pending: 1, .resolved: 0, .closed: 2],
                                    widgets: [.init(id: 2, name: "W \(Self.hostile)")],
                                    rows: [Self.row(id: 9, subject: "Invoice \(Self.hostile)", files: 2, widget: "W \(Self.hostile)",
                                                    updatedAt: Date(timeIntervalSince1970: 0)),
                                           Self.row(id: 10, subject: "Hi", status: .pending, assignee: "Sam \(Self.hostile)", files: 1),
                                           Self.row(id: 11, subject: "Done", status: .resolved)],
                                    page: 2, hasMore: true)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr class=\"unassigned\"><td><a href=\"/agent/tickets/9\">Invoice \(Self.escaped)</a> (2 attachments)</td>\n<td>Open</td><td>High</td><td><span class=\"badge warning\">Unassigned</span></td>"))
        #expect(html.contains("<td>Verified</td>\n<td>W \(Self.escaped)</td><td>1970-01-01 00:00:00 UTC</td></tr>"))
        #expect(html.contains("<tr><td><a href=\"/agent/tickets/10\">Hi</a> (1 attachment)</td>\n<td>Pending</td><td>High</td><td>Sam \(Self.escaped)</td>"))
        #expect(html.contains("<td>Not verified</td>\n<td>—</td><td></td></tr>"))
        // A resolved ticket without an assignee is not one that waits for one.
        #expect(html.contains("<tr><td><a href=\"/agent/tickets/11\">Done</a></td>\n<td>Resolved</td><td>High</td><td><span class=\"muted\">Unassigned</span></td>"))
        #expect(html.contains("<td>Vic \(Self.escaped)<br><span class=\"muted\">vic@x.example</span></td>"))
        // The filter form as applied.
        #expect(html.contains("<option value=\"2\" selected>Open</option>"))
        #expect(html.contains("<option value=\"me\" selected>Assigned to me</option>"))
        #expect(html.contains("<option value=\"\" selected>Any priority</option>"))
        #expect(html.contains("<option value=\"yes\" selected>Verified (signed in)</option>"))
        #expect(html.contains("<option value=\"2\" selected>W \(Self.escaped)</option>"))
        #expect(html.contains("<input id=\"f-email\" name=\"email\" type=\"search\" value=\"a b@x.example\">"))
        #expect(html.contains("<label for=\"f-status\">Status</label>") && html.contains("<label for=\"f-assignee\">Assignee</label>"))
        // Counts per status keep the other filters; the current status is marked.
        #expect(html.contains("<li><a href=\"/agent/tickets?assignee=me&amp;verified=yes&amp;widget=2&amp;email=a%20b%40x.example\">All (6)</a></li>"))
        #expect(html.contains("<li><a href=\"/agent/tickets?status=2&amp;assignee=me&amp;verified=yes&amp;widget=2&amp;email=a%20b%40x.example\" aria-current=\"true\">Open (3)</a></li>"))
        #expect(html.contains(">Pending (1)</a>") && html.contains(">Resolved (0)</a>") && html.contains(">Closed (2)</a>"))
        // The pager keeps every filter.
        #expect(html.contains("<a href=\"/agent/tickets?status=2&amp;assignee=me&amp;verified=yes&amp;widget=2&amp;email=a%20b%40x.example&amp;page=1\" rel=\"prev\">Newer</a>"))
        #expect(html.contains("&amp;page=3\" rel=\"next\">Older</a>"))
    }

    @Test("No tickets: a sentence, no table, no pager; counts at zero; every filter at any")
    func empty() {
        let html = AgentTicketsPage(filters: .init(), counts: [:], widgets: [], rows: [], page: 1, hasMore: false).content.description
        #expect(html.contains("<p>No tickets.</p>"))
        #expect(!html.contains("<table>") && !html.contains("Newer") && !html.contains("Older"))
        #expect(html.contains("<option value=\"\" selected>Any</option>"))
        #expect(html.contains("<option value=\"\" selected>Anyone</option>"))
        #expect(html.contains("<li><a href=\"/agent/tickets\" aria-current=\"true\">All (0)</a></li>"))
        #expect(html.contains("<li><a href=\"/agent/tickets?status=5\">Closed (0)</a></li>"))
    }

    static func ticketPage(entries: [AgentTicketPage.Entry] = [], contactID: Int? = 4, descriptionHTML: String? = nil,
                           attachments: [AgentTicketPage.Attachment] = [], others: [AgentTicketPage.OtherTicket] = []) -> AgentTicketPage {
        AgentTicketPage(id: 9, subject: "Invoice \(hostile)", name: "Vic <i>V</i>", email: "vic@x.example", contactID: contactID,
                        verified: true, status: .pending, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 60),
                        widgetName: "W \(hostile)", source: .feedbackWidget, linkedTicketID: nil, descriptionHTML: descriptionHTML,
                        description: "Line one\n<b>not bold</b>", attachments: attachments, entries: entries, csrf: "tok\"en",
                        properties: .init(status: "3", priority: "4", type: "Refund", assignee: "7"),
                        types: ["Question", "Refund \(hostile)", "Refund"],
                        agents: [.init(value: "7", label: "Ada \(hostile)"), .init(value: "8", label: "Sam")], otherTickets: others)
    }

    @Test("One ticket: requester linked to the contact with their other tickets, the description as text, its attachments with sizes")
    func ticket() throws {
        let page = Self.ticketPage(attachments: [.init(position: 0, filename: "shot \(Self.hostile).png", contentType: "image/png", size: 5000),
                                                 .init(position: 1, filename: "big.bin", contentType: "application/octet-stream", size: 3_000_000)],
                                   others: [.init(id: 3, subject: "Old \(Self.hostile)", status: .closed, updatedAt: nil)])
        let html = page.content.description
        #expect(!html.contains(Self.hostile) && !html.contains("<b>"))
        #expect(html.contains("<h1>Invoice \(Self.escaped)</h1>"))
        #expect(html.contains("<p><span class=\"badge\">Pending</span> <span class=\"muted\">Ticket #9 · last activity 1970-01-01 00:01:00 UTC</span></p>"))
        #expect(html.contains("<p><a href=\"/agent/contacts/4\">Vic &lt;i&gt;V&lt;/i&gt;</a> &lt;vic@x.example&gt; · <span class=\"badge\">Verified</span></p>"))
        #expect(html.contains("<li><a href=\"/agent/tickets/3\">Old \(Self.escaped)</a> <span class=\"muted\">Closed · </span></li>"))
        #expect(html.contains("<p><strong>Vic &lt;i&gt;V&lt;/i&gt;</strong> wrote · <span class=\"muted\">1970-01-01 00:00:00 UTC through W \(Self.escaped) (Feedback widget)</span></p>"))
        #expect(html.contains("<div class=\"entry-body\" style=\"white-space:pre-wrap\">Line one\n&lt;b&gt;not bold&lt;/b&gt;</div>"))
        #expect(html.contains("<li><a href=\"/agent/tickets/9/attachments/0\">shot \(Self.escaped).png</a> <span class=\"muted\">image/png, 5 KiB</span></li>"))
        #expect(html.contains("application/octet-stream, 2.9 MiB</span>"))
        let framed = try #require(page.render(.viewTest()).body.string)
        #expect(framed.contains("<title>Invoice \(Self.escaped) · Lantern agent portal</title>"))
        #expect(framed.contains("<a href=\"/agent/tickets\" aria-current=\"page\">Tickets</a>"))
    }

    @Test("The conversation: replies, customer replies and private notes (marked), bodies sanitised, entry attachments linked")
    func conversation() {
        let html = Self.ticketPage(entries: [
            .init(id: 21, kind: .reply, authorName: "Ada \(Self.hostile)", body: "Hello<br>&lt;b&gt;", createdAt: Date(timeIntervalSince1970: 0),
                  attachments: [.init(position: 2, filename: "fix.txt", contentType: "text/plain", size: 10)]),
            .init(id: 22, kind: .customerReply, authorName: "Vic", body: "Thanks <script>alert(1)</script><b>ok</b>", createdAt: nil, attachments: []),
            .init(id: 23, kind: .privateNote, authorName: "Sam", body: "Internal: refund approved", createdAt: nil, attachments: []),
        ], descriptionHTML: "<p>Rich <img src=x onerror=alert(1)></p>").content.description
        #expect(!html.contains("<script>alert(1)") && !html.contains("onerror"))
        #expect(html.contains("<div class=\"entry-body\"><p>Rich"))
        #expect(html.contains("<article class=\"card\" id=\"entry-21\">\n<p><strong>Ada \(Self.escaped)</strong> replied · <span class=\"muted\">1970-01-01 00:00:00 UTC</span></p>\n<div class=\"entry-body\">Hello<br>&lt;b&gt;</div>"))
        #expect(html.contains("<li><a href=\"/agent/tickets/9/attachments/2\">fix.txt</a>"))
        #expect(html.contains("<article class=\"card\" id=\"entry-22\">\n<p><strong>Vic</strong> (requester) replied"))
        #expect(html.contains("<b>ok</b>"))
        #expect(html.contains("<article class=\"card warning private\" id=\"entry-23\">\n<p><span class=\"badge\">Private note</span> <strong>Sam</strong> wrote, for agents only"))
        // Entries in the order given, after the description.
        let order = ["id=\"description\"", "id=\"entry-21\"", "id=\"entry-22\"", "id=\"entry-23\""].map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
    }

    @Test("Reply and note forms: multipart with CSRF, labelled textarea and files; properties form with the current values selected")
    func forms() {
        var page = Self.ticketPage()
        page.note = "draft </textarea><script>x</script>"
        let html = page.content.description
        #expect(html.contains("<form method=\"post\" action=\"/agent/tickets/9/reply\" enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok&quot;en\">"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/tickets/9/notes\" enctype=\"multipart/form-data\">"))
        #expect(html.contains("<label for=\"f-reply-body\">Reply (plain text)</label>\n<textarea id=\"f-reply-body\" name=\"body\""))
        #expect(html.contains("<textarea id=\"f-note-body\" name=\"body\" rows=\"6\" required aria-describedby=\"f-note-body-hint\">draft &lt;/textarea&gt;\(Self.escaped)</textarea>"))
        #expect(html.contains("<label for=\"f-reply-files\">Attachments</label>\n<input id=\"f-reply-files\" name=\"attachments[]\" type=\"file\" multiple"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/tickets/9/properties\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok&quot;en\">"))
        #expect(html.contains("<option value=\"3\" selected>Pending</option>"))
        #expect(html.contains("<option value=\"4\" selected>Urgent</option>"))
        #expect(html.contains("<option value=\"Refund \(Self.escaped)\">Refund \(Self.escaped)</option><option value=\"Refund\" selected>Refund</option>"))
        #expect(html.contains("<option value=\"\">Unassigned</option><option value=\"7\" selected>Ada \(Self.escaped)</option><option value=\"8\">Sam</option>"))
        for label in ["f-status", "f-priority", "f-type", "f-responder_id", "f-note-body", "f-note-files"] {
            #expect(html.contains("<label for=\"\(label)\">"), "\(label) has no label")
        }
        // Logical order: conversation, reply, note, properties.
        let order = ["conversation-heading", "reply-heading", "note-heading", "properties-heading"].map { html.range(of: "id=\"\($0)\"")!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test("A refused form: 422 with its problems named as labelled, and what was typed kept")
    func refused() throws {
        var page = Self.ticketPage(contactID: nil)
        page.errors = ["body": "is required", "responder_id": "must be the id of an agent of the account"]
        page.failedForm = .note
        let response = page.render(.viewTest())
        #expect(response.status == .unprocessableEntity)
        let body = try #require(response.body.string)
        #expect(body.contains("<p class=\"error\" role=\"alert\">Please correct: Assignee must be the id of an agent of the account; Private note is required.</p>"))
        #expect(body.contains("<p>Vic &lt;i&gt;V&lt;/i&gt; &lt;vic@x.example&gt;"))
        #expect(body.contains("No other tickets from this address."))
    }

    @Test("The ticket types page: the list one per line, escaped, with the error on refusal")
    func ticketTypes() throws {
        let html = AgentTicketTypesPage(csrf: "t", types: "Question\nRefund \(Self.hostile)").content.description
        #expect(html.contains("<label for=\"f-types\">Ticket types, one per line</label>"))
        #expect(html.contains(">Question\nRefund \(Self.escaped)</textarea>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/settings/ticket-types\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"t\">"))
        var refused = AgentTicketTypesPage(csrf: "t", types: "A\na")
        refused.errors = ["types": "must not repeat a type"]
        let response = refused.render(.viewTest())
        #expect(response.status == .unprocessableEntity)
        let body = try #require(response.body.string)
        #expect(body.contains("Please correct: Ticket types must not repeat a type."))
        #expect(body.contains("<a href=\"/agent/settings/ticket-types\" aria-current=\"page\">Ticket types</a>"))
        // Only admins have the settings link in their navigation.
        let list = AgentTicketsPage(filters: .init(), counts: [:], widgets: [], rows: [], page: 1, hasMore: false)
        #expect(try #require(list.render(.viewTest(admin: true)).body.string).contains("<li><a href=\"/agent/settings/ticket-types\">Ticket types</a></li>"))
        #expect(try #require(list.render(.viewTest(admin: false)).body.string).contains("/agent/settings/ticket-types") == false)
    }

    @Test("Sizes read as bytes, KiB (rounded) and MiB")
    func sizes() {
        #expect(TicketFileList.size(1023) == "1023 bytes")
        #expect(TicketFileList.size(1536) == "2 KiB")
        #expect(TicketFileList.size(3 * 1024 * 1024) == "3.0 MiB")
    }
}
