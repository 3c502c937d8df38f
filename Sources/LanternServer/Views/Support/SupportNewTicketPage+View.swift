import LanternCore

extension SupportNewTicketPage {
    /// The problems of the refused form, its fields named as the page labels them.
    var errorMessage: String? {
        var labels = ["name": "Your name", "email": "Your e-mail address", "subject": "Subject", "description": "Description",
                      "attachments": "Attachments", TicketRules.honeypotField: "Form"]
        for field in fields { labels[field.errorKey] = field.label }
        return FormErrorSummary.text(Dictionary(errors.map { (labels[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }

    func render() -> HTML {
        let requester: HTML = customerEmail.map { email in
            "<p>Sending as <strong>\(frame.customerName ?? "")</strong> &lt;\(email)&gt;.</p>"
        } ?? """
            \(PortalLayout.field("Your name", name: "name", value: values.name, required: true, autocomplete: "name"))
            \(PortalLayout.field("Your e-mail address", name: "email", value: values.email, type: "email", required: true,
                                 hint: "We answer at this address.", autocomplete: "email"))
            """
        let content: HTML = """
            <h1>Submit a ticket</h1>
            \(errorMessage.map { HTML("<p class=\"error\" role=\"alert\">\($0)</p>") } ?? .empty)
            <section class="card">
            <form method="post" action="/support/tickets" enctype="multipart/form-data">\(PortalLayout.csrf(frame.csrf))
            \(requester)
            \(PortalLayout.field("Subject", name: "subject", value: values.subject, required: true))
            <div class="field"><label for="f-description">Description</label>
            <textarea id="f-description" name="description" rows="8" required>\(values.description)</textarea></div>
            \(fields.html { $0.html(problem: errors[$0.errorKey]) })
            <div class="field"><label for="f-attachments">Attachments</label>
            <input id="f-attachments" name="attachments[]" type="file" multiple aria-describedby="f-attachments-hint">\
            <small id="f-attachments-hint">Up to \(AttachmentPolicy.maximumCount) files, 10 MiB each and 20 MiB in all.</small></div>
            <div class="honeypot" aria-hidden="true"><label for="f-website">Leave this empty</label>\
            <input id="f-website" name="\(TicketRules.honeypotField)" type="text" tabindex="-1" autocomplete="off"></div>
            <div class="actions"><button type="submit">Submit ticket</button></div>
            </form>
            </section>
            """
        return frame.render(title: "Submit a ticket", content)
    }
}
