import Foundation
import Testing
@testable import LanternServer

/// The agent portal's Mail page, rendered from hand-made page models.
@Suite("Mail views")
struct MailViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    static func page(smtp: String?, failed: [AgentMailPage.Failed] = []) -> AgentMailPage {
        AgentMailPage(csrf: "csrf-token", smtp: smtp, defaultAddress: "support@brightbill.example",
                      fromName: "Help \(hostile)", supportAddress: "help@brightbill.example",
                      notifications: [("requester_ticket_created", "Acknowledge", true), ("agents_customer_reply", "Replies", false)],
                      counts: (pending: 3, sent: 40, failed: failed.count), failed: failed)
    }

    @Test("Mail off: the page says nothing is sent; the form shows the settings, escaped, with each notification's box")
    func mailOff() {
        let html = Self.page(smtp: nil).content.description
        #expect(html.contains("<strong>Mail is off:</strong> <code>LANTERN_SMTP_URL</code> is not set, so nothing is sent."))
        #expect(!html.contains(Self.hostile) && html.contains("value=\"Help \(Self.escaped)\""))
        #expect(html.contains("<input id=\"f-support_address\" name=\"support_address\" type=\"email\" value=\"help@brightbill.example\""))
        #expect(html.contains("name=\"notifications\" value=\"requester_ticket_created\" checked>"))
        #expect(html.contains("name=\"notifications\" value=\"agents_customer_reply\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"csrf_token\" value=\"csrf-token\">"))
        #expect(html.contains("<p>3 waiting · 40 sent · 0 failed</p>") && html.contains("<p>No message has failed.</p>"))
    }

    @Test("Mail on: the relay without its password; failed messages with the server's words (escaped) and a retry button each")
    func failedMessages() {
        let failed = AgentMailPage.Failed(id: 7, ticketID: 42, to: "bob@acme.example", kind: "requester_agent_reply", attempts: 1,
                                          lastError: "RCPT TO: the server answered 550 5.1.1 \(Self.hostile)",
                                          createdAt: Date(timeIntervalSince1970: 0))
        let html = Self.page(smtp: "smtp://user:***@mail.example:587", failed: [failed]).content.description
        #expect(html.contains("Mail goes out through <code>smtp://user:***@mail.example:587</code>."))
        #expect(html.contains("<td><a href=\"/agent/tickets/42\">#42</a></td><td>bob@acme.example</td><td>requester_agent_reply</td>"))
        #expect(html.contains("<td>RCPT TO: the server answered 550 5.1.1 \(Self.escaped)</td><td>1970-01-01 00:00:00 UTC</td>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/settings/mail/outbox/7/retry\" class=\"inline\">"))
        #expect(!html.contains(Self.hostile))
    }
}
