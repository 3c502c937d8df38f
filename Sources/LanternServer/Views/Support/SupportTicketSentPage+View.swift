extension SupportTicketSentPage {
    func render() -> HTML {
        let content: HTML = """
            <h1>Ticket sent</h1>
            <section class="card" role="status">
            <p>Thank you: your ticket <strong>#\(ticketID)</strong> is sent. We answer by e-mail at <strong>\(email)</strong>.</p>
            <p><a href="/support/solutions">Back to the help center</a></p>
            </section>
            """
        return frame.render(title: "Ticket sent", content)
    }
}
