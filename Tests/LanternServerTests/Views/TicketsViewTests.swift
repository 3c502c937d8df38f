import Foundation
import Testing
@testable import LanternServer

/// The ticket pages of the agent portal, rendered from hand-made page models.
@Suite("Ticket views")
struct TicketsViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    @Test("The ticket list: escaped rows with attachment counts, the filter form as sent, and the pager keeping the filters")
    func list() {
        let page = AgentTicketsPage(verified: "yes", widgetID: 2, email: "a b@x.example",
                                    widgets: [.init(id: 2, name: "W \(Self.hostile)")],
                                    rows: [.init(id: 9, subject: "Invoice \(Self.hostile)", attachmentCount: 2, name: "Vic", email: "vic@x.example",
                                                 verified: true, widgetName: "W \(Self.hostile)", createdAt: Date(timeIntervalSince1970: 0)),
                                           .init(id: 10, subject: "Hi", attachmentCount: 1, name: "Ann", email: "ann@x.example",
                                                 verified: false, widgetName: nil, createdAt: nil)],
                                    page: 2, hasMore: true)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td><a href=\"/agent/tickets/9\">Invoice \(Self.escaped)</a> (2 attachments)</td>"))
        #expect(html.contains("<a href=\"/agent/tickets/10\">Hi</a> (1 attachment)</td>"))
        #expect(html.contains("<td>Verified</td>\n<td>W \(Self.escaped)</td><td>1970-01-01 00:00:00 UTC</td></tr>"))
        #expect(html.contains("<td>Not verified</td>\n<td>—</td><td></td></tr>"))
        #expect(html.contains("<option value=\"yes\" selected>Verified (signed in)</option>"))
        #expect(html.contains("<option value=\"2\" selected>W \(Self.escaped)</option>"))
        #expect(html.contains("<input id=\"f-email\" name=\"email\" type=\"search\" value=\"a b@x.example\">"))
        #expect(html.contains("<a href=\"/agent/tickets?verified=yes&amp;widget=2&amp;email=a%20b%40x%2Eexample&page=1\">Newer</a>"))
        #expect(html.contains("&page=3\">Older</a>"))
    }

    @Test("No tickets: a sentence, no table, no pager")
    func empty() {
        let html = AgentTicketsPage(verified: "", widgetID: nil, email: "", widgets: [], rows: [], page: 1, hasMore: false).content.description
        #expect(html.contains("<p>No tickets.</p>"))
        #expect(!html.contains("<table>") && !html.contains("Newer") && !html.contains("Older"))
        #expect(html.contains("<option value=\"\" selected>Any</option>"))
    }

    @Test("One ticket: the requester linked to the contact, the text as plain text, and the attachments with sizes")
    func ticket() throws {
        let page = AgentTicketPage(id: 9, subject: "Invoice \(Self.hostile)", name: "Vic <i>V</i>", email: "vic@x.example", contactID: 4,
                                   verified: true, createdAt: Date(timeIntervalSince1970: 0), widgetName: "W \(Self.hostile)",
                                   description: "Line one\n<b>not bold</b>",
                                   attachments: [.init(position: 0, filename: "shot \(Self.hostile).png", contentType: "image/png", size: 5000),
                                                 .init(position: 1, filename: "big.bin", contentType: "application/octet-stream", size: 3_000_000)])
        let html = page.content.description
        #expect(!html.contains(Self.hostile) && !html.contains("<b>"))
        #expect(html.contains("<h1>Invoice \(Self.escaped)</h1>"))
        #expect(html.contains("<p>From <a href=\"/agent/contacts/4\">Vic &lt;i&gt;V&lt;/i&gt;</a> &lt;vic@x.example&gt; · <span class=\"badge\">Verified</span></p>"))
        #expect(html.contains("<p class=\"muted\">Received 1970-01-01 00:00:00 UTC through W \(Self.escaped)</p>"))
        #expect(html.contains("<pre>Line one\n&lt;b&gt;not bold&lt;/b&gt;</pre>"))
        #expect(html.contains("<li><a href=\"/agent/tickets/9/attachments/0\">shot \(Self.escaped).png</a> <span class=\"muted\">image/png, 5 KiB</span></li>"))
        #expect(html.contains("application/octet-stream, 2.9 MiB</span>"))
        let framed = try #require(page.render(.viewTest()).body.string)
        #expect(framed.contains("<title>Invoice \(Self.escaped) · Lantern agent portal</title>"))
        #expect(framed.contains("<a href=\"/agent/tickets\" aria-current=\"page\">Tickets</a>"))
    }

    @Test("An anonymous ticket names the requester without a link and has no attachments section")
    func anonymousTicket() {
        let html = AgentTicketPage(id: 1, subject: "Q", name: "Ann", email: "ann@x.example", contactID: nil, verified: false, createdAt: nil,
                                   widgetName: nil, description: "Hi", attachments: []).content.description
        #expect(html.contains("<p>From Ann &lt;ann@x.example&gt; · <span class=\"badge\">Not verified</span></p>"))
        #expect(html.contains("<p class=\"muted\">Received </p>"))
        #expect(!html.contains("Attachments"))
    }

    @Test("Sizes read as bytes, KiB (rounded) and MiB")
    func sizes() {
        #expect(AgentTicketPage.size(1023) == "1023 bytes")
        #expect(AgentTicketPage.size(1536) == "2 KiB")
        #expect(AgentTicketPage.size(3 * 1024 * 1024) == "3.0 MiB")
    }
}
