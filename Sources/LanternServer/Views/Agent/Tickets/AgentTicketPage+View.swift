import Foundation
import LanternCore
import Vapor

extension AgentTicketPage {
    var title: String { subject }

    /// The problems of the refused form, its fields named as the page labels them.
    var errorMessage: String? {
        let labels = ["body": failedForm == .note ? "Private note" : "Reply", "attachments": "Attachments", "status": "Status",
                      "priority": "Priority", "type": "Type", "responder_id": "Assignee"]
        return FormErrorSummary.text(Dictionary(errors.map { (labels[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }

    var content: HTML {
        let requester: HTML = contactID.map { "<a href=\"/agent/contacts/\($0)\">\(name)</a>" } ?? HTML.text(name)
        let description: HTML = descriptionHTML.map { "<div class=\"entry-body\">\(sanitized: $0)</div>" }
            ?? "<div class=\"entry-body\" style=\"white-space:pre-wrap\">\(self.description)</div>"
        let linked: HTML = linkedTicketID.map { "<p>Follows up the closed ticket <a href=\"/agent/tickets/\($0)\">#\($0)</a>.</p>" } ?? .empty
        return """
            <p><a href="/agent/tickets">Tickets</a> ›</p>
            <h1>\(subject)</h1>
            <p><span class="badge">\(status.label)</span> \
            <span class="muted">Ticket #\(id) · last activity \(PortalLayout.date(updatedAt))</span></p>
            \(linked)
            <section class="card" aria-labelledby="requester-heading">
            <h2 id="requester-heading">Requester</h2>
            <p>\(requester) &lt;\(email)&gt; · <span class="badge">\(verified ? "Verified" : "Not verified")</span></p>
            \(otherTicketList)
            </section>
            <section aria-labelledby="conversation-heading">
            <h2 id="conversation-heading">Conversation</h2>
            <article class="card" id="description">
            <p><strong>\(name)</strong> wrote · <span class="muted">\(PortalLayout.date(createdAt))\(via)</span></p>
            \(description)
            \(Self.fileList(attachments, ticketID: id))
            \(originalLink(originalMailID))
            </article>
            \(entries.html(entry))
            </section>
            \(entryForm(.reply))
            \(entryForm(.note))
            \(propertiesForm)
            """
    }

    /// " through Support widget (Feedback widget)": the widget and the source, when known.
    private var via: String {
        var text = widgetName.map { " through \($0)" } ?? ""
        if let source { text += widgetName == nil ? " · \(source.label)" : " (\(source.label))" }
        return text
    }

    /// "Original message": the received mail as it arrived, to download.
    private func originalLink(_ mailID: Int?) -> HTML {
        guard let mailID else { return .empty }
        return "<p class=\"muted\"><a href=\"/agent/tickets/\(id)/mail/\(mailID)\">Original message</a> (as received by mail)</p>"
    }

    private func entry(_ entry: Entry) -> HTML {
        let heading: HTML = switch entry.kind {
        case .reply: "<strong>\(entry.authorName)</strong> replied"
        case .customerReply: "<strong>\(entry.authorName)</strong> (requester) replied"
        case .privateNote: "<span class=\"badge\">Private note</span> <strong>\(entry.authorName)</strong> wrote, for agents only"
        }
        return """
            <article class="card\(entry.kind == .privateNote ? " warning private" : "")" id="entry-\(entry.id)">
            <p>\(heading) · <span class="muted">\(PortalLayout.date(entry.createdAt))</span></p>
            <div class="entry-body">\(sanitized: entry.body)</div>
            \(Self.fileList(entry.attachments, ticketID: id))
            \(originalLink(entry.originalMailID))
            </article>
            """
    }

    private static func fileList(_ files: [Attachment], ticketID: Int) -> HTML {
        TicketFileList.render(files, ticketPath: "/agent/tickets/\(ticketID)")
    }

    private var otherTicketList: HTML {
        otherTickets.isEmpty ? "<p class=\"muted\">No other tickets from this address.</p>" : """
            <h3>Their other tickets</h3>
            <ul>\(otherTickets.html { other in
                "<li><a href=\"/agent/tickets/\(other.id)\">\(other.subject)</a> <span class=\"muted\">\(other.status.label) · \(PortalLayout.date(other.updatedAt))</span></li>"
            })</ul>
            """
    }

    /// The reply box or the private-note box: plain text and files, sent as multipart.
    private func entryForm(_ form: Form) -> HTML {
        let (key, heading, label, hint, button, text): (String, String, String, String, String, String) = form == .note
            ? ("note", "Add a private note", "Private note (plain text)", "Only agents see notes; the requester is not told.",
               "Add private note", note)
            : ("reply", "Reply to the requester", "Reply (plain text)", "The requester sees the reply; an open ticket becomes pending.",
               "Send reply", reply)
        return """
            <section class="card" aria-labelledby="\(key)-heading">
            <h2 id="\(key)-heading">\(heading)</h2>
            <form method="post" action="/agent/tickets/\(id)/\(form == .note ? "notes" : "reply")" enctype="multipart/form-data">\(PortalLayout.csrf(csrf))
            <div class="field"><label for="f-\(key)-body">\(label)</label>
            <textarea id="f-\(key)-body" name="body" rows="6" required aria-describedby="f-\(key)-body-hint">\(text)</textarea>\
            <small id="f-\(key)-body-hint">\(hint)</small></div>
            <div class="field"><label for="f-\(key)-files">Attachments</label>
            <input id="f-\(key)-files" name="attachments[]" type="file" multiple aria-describedby="f-\(key)-files-hint">\
            <small id="f-\(key)-files-hint">Up to \(AttachmentPolicy.maximumCount) files, 10 MiB each and 20 MiB in all.</small></div>
            <div class="actions"><button type="submit">\(button)</button></div>
            </form>
            </section>
            """
    }

    private var propertiesForm: HTML {
        let codes = { (cases: [(Int, String)]) in cases.map { (value: String($0.0), label: $0.1) } }
        return """
            <section class="card" aria-labelledby="properties-heading">
            <h2 id="properties-heading">Properties</h2>
            \(PortalLayout.form(action: "/agent/tickets/\(id)/properties", csrf: csrf, """
                \(PortalLayout.select("Status", name: "status", options: codes(TicketStatus.allCases.map { ($0.rawValue, $0.label) }), selected: properties.status))
                \(PortalLayout.select("Priority", name: "priority", options: codes(TicketPriority.allCases.map { ($0.rawValue, $0.label) }), selected: properties.priority))
                \(PortalLayout.select("Type", name: "type", options: [("", "No type")] + types.map { ($0, $0) }, selected: properties.type))
                \(PortalLayout.select("Assignee", name: "responder_id", options: [("", "Unassigned")] + agents.map { ($0.value, $0.label) }, selected: properties.assignee))
                \(customFields.html { $0.html(problem: errors[$0.errorKey]) })
                <div class="actions"><button type="submit">Save properties</button></div>
                """))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .tickets, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
