import LanternCore
import Testing

/// The support loop's rules, without a server: status moves, reply bodies, tags and code messages.
@Suite("Ticket lifecycle")
struct TicketLifecycleTests {
    @Test("An agent's reply moves only an open ticket (to pending); a customer's reopens pending and resolved, and a closed ticket starts a new one")
    func statusMoves() {
        #expect(TicketStatus.allCases.map(TicketLifecycle.statusAfterAgentReply) == [.pending, .pending, .resolved, .closed])
        #expect(TicketStatus.allCases.map(TicketLifecycle.customerReply(to:)) == [.join(.open), .join(.open), .join(.open), .newTicket])
        #expect(TicketStatus.allCases.filter(TicketLifecycle.customerCanResolve) == [.open, .pending])
    }

    @Test("Bodies: agents' HTML sanitised and refused when nothing is left; customers' text escaped with <br>; control characters refused")
    func bodies() throws {
        let html = try TicketBody.html("<p>Hi <script>x()</script><b>there</b></p>")
        #expect(html.html == "<p>Hi <b>there</b></p>")
        #expect(html.text == "Hi there")
        #expect(throws: TicketBody.Problem(message: "has no text left once sanitised")) { try TicketBody.html("<script>x()</script>") }
        let text = try TicketBody.plainText("  <b>bold</b>\r\nnext line \n")
        #expect(text.html == "&lt;b&gt;bold&lt;/b&gt;<br>next line")
        #expect(text.text == "<b>bold</b>\r\nnext line")
        #expect(TicketBody.problem(nil) == "is required")
        #expect(TicketBody.problem(" \n ") == "is required")
        #expect(TicketBody.problem("a\u{0}b") != nil)
        #expect(TicketBody.problem("tab\tand\nlines") == nil)
        #expect(TicketBody.problem(String(repeating: "x", count: TicketBody.maximumBytes + 1)) == "must be at most 64 KiB")
    }

    @Test("Tags are trimmed, deduplicated ignoring case, and bounded; code messages list every code")
    func tagsAndCodes() {
        #expect((try? TicketTags.validate([" billing ", "Billing", "vip"]).get()) == ["billing", "vip"])
        #expect((try? TicketTags.validate(["a,b"]).get()) == nil)
        #expect((try? TicketTags.validate([""]).get()) == nil)
        #expect((try? TicketTags.validate((0...TicketTags.maximumCount).map { "t\($0)" }).get()) == nil)
        #expect(TicketStatus.choicesMessage == "must be one of 2 (open), 3 (pending), 4 (resolved), 5 (closed)")
        #expect(TicketPriority.choicesMessage == "must be one of 1 (low), 2 (medium), 3 (high), 4 (urgent)")
        #expect(TicketSource.allCases.map(\.rawValue) == [1, 2, 3, 7, 9, 10])
    }
}
