import Foundation
import Vapor

extension AgentTicketPage {
    /// A file size for people: bytes, KiB or MiB.
    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : bytes < 1024 * 1024 ? "\((bytes + 512) / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / 1048576)
    }

    var title: String { subject }

    var content: HTML {
        let files: HTML = attachments.isEmpty ? .empty : """
            <section class="card"><h2>Attachments</h2><ul>\(attachments.html { file in
                "<li><a href=\"/agent/tickets/\(id)/attachments/\(file.position)\">\(file.filename)</a> <span class=\"muted\">\(file.contentType), \(Self.size(file.size))</span></li>"
            })</ul></section>
            """
        let requester: HTML = contactID.map { "<a href=\"/agent/contacts/\($0)\">\(name)</a>" } ?? HTML.text(name)
        return """
            <p><a href="/agent/tickets">Tickets</a> ›</p>
            <h1>\(subject)</h1>
            <section class="card">
            <p>From \(requester) &lt;\(email)&gt; · <span class="badge">\(verified ? "Verified" : "Not verified")</span></p>
            <p class="muted">Received \(PortalLayout.date(createdAt))\(widgetName.map { " through \($0)" } ?? "")</p>
            <pre>\(description)</pre>
            </section>
            \(files)
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .tickets, content)
    }
}
