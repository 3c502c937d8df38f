import LanternCore

extension SupportTicketPage {
    private var path: String { "/support/tickets/\(id)" }

    func render() -> HTML {
        let description: HTML = descriptionHTML.map { "<div class=\"entry-body\">\(sanitized: $0)</div>" }
            ?? "<div class=\"entry-body\" style=\"white-space:pre-wrap\">\(self.description)</div>"
        let linked: HTML = linkedTicketID.map { "<p>This ticket follows up your closed ticket <a href=\"/support/tickets/\($0)\">#\($0)</a>.</p>" } ?? .empty
        let resolve: HTML = canResolve ? """
            \(PortalLayout.form(action: "\(path)/resolve", csrf: frame.csrf, class: "inline", "<button type=\"submit\" data-lantern=\"ticket-solved\">This is solved</button>"))
            """ : .empty
        let content: HTML = """
            <p><a href="/support/tickets">My tickets</a> ›</p>
            <h1>\(subject)</h1>
            <p><span class="badge" data-lantern="ticket-status">\(status.label)</span> \
            <span class="muted">Ticket #\(id) · last activity \(PortalLayout.date(updatedAt))</span> \(resolve)</p>
            \(linked)
            \(error.map { HTML("<p class=\"error\" role=\"alert\">\($0)</p>") } ?? .empty)
            <section aria-labelledby="conversation-heading" data-lantern="ticket-thread">
            <h2 id="conversation-heading">Conversation</h2>
            <article class="card" id="description">
            <p><strong>\(requesterName)</strong> (you) wrote · <span class="muted">\(PortalLayout.date(createdAt))</span></p>
            \(description)
            \(TicketFileList.render(attachments, ticketPath: path))
            </article>
            \(entries.html(entry))
            </section>
            \(replyForm)
            """
        return frame.render(title: subject, flash: flash, content)
    }

    private func entry(_ entry: Entry) -> HTML {
        """
        <article class="card" id="entry-\(entry.id)">
        <p><strong>\(entry.authorName)</strong>\(entry.fromCustomer ? " (you)" : "") replied · <span class="muted">\(PortalLayout.date(entry.createdAt))</span></p>
        <div class="entry-body">\(sanitized: entry.body)</div>
        \(TicketFileList.render(entry.attachments, ticketPath: path))
        </article>
        """
    }

    /// Plain text and files, sent as multipart. A reply to a closed ticket starts a new one, and the form says so.
    private var replyForm: HTML {
        let hint = status == .closed
            ? "This ticket is closed: your reply starts a new ticket that refers to it."
            : "We see your reply at once and answer here and by e-mail."
        return """
            <section class="card" aria-labelledby="reply-heading">
            <h2 id="reply-heading">Reply</h2>
            <form method="post" action="\(path)/reply" enctype="multipart/form-data">\(PortalLayout.csrf(frame.csrf))
            <div class="field"><label for="f-reply-body">Your reply</label>
            <textarea id="f-reply-body" name="body" rows="6" required aria-describedby="f-reply-body-hint" data-lantern="ticket-reply">\(reply)</textarea>\
            <small id="f-reply-body-hint">\(hint)</small></div>
            <div class="field"><label for="f-reply-files">Attachments</label>
            <input id="f-reply-files" name="attachments[]" type="file" multiple aria-describedby="f-reply-files-hint">\
            <small id="f-reply-files-hint">Up to \(AttachmentPolicy.maximumCount) files, 10 MiB each and 20 MiB in all.</small></div>
            <div class="actions"><button type="submit" data-lantern="ticket-reply-submit">Send reply</button></div>
            </form>
            </section>
            """
    }
}
