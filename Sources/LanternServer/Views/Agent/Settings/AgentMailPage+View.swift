import Vapor

extension AgentMailPage {
    var title: String { "Mail" }

    var errorMessage: String? {
        FormErrorSummary.text(errors.isEmpty ? nil : Dictionary(uniqueKeysWithValues: errors.map { key, value in
            (key == "from_name" ? "Sender name" : key == "support_address" ? "Support address" : key, value)
        }))
    }

    var content: HTML {
        let status: HTML = smtp.map { url in
            "<p class=\"notice\">Mail goes out through <code>\(url)</code>.</p>"
        } ?? """
            <p class="notice warning" role="status"><strong>Mail is off:</strong> <code>LANTERN_SMTP_URL</code> is not set, so nothing is \
            sent. Notifications wait in the outbox and fail if they are not sent within 3 days.</p>
            """
        let checks: HTML = notifications.html { PortalLayout.checkbox($0.label, name: "notifications", value: $0.name, checked: $0.on) }
        let failedRows: HTML = failed.html { row in
            """
            <tr><td><a href="/agent/tickets/\(String(row.ticketID))">#\(String(row.ticketID))</a></td><td>\(row.to)</td><td>\(row.kind)</td>\
            <td>\(String(row.attempts))</td><td>\(row.lastError)</td><td>\(PortalLayout.date(row.createdAt))</td>\
            <td>\(PortalLayout.form(action: "/agent/settings/mail/outbox/\(row.id)/retry", csrf: csrf, class: "inline", "<button type=\"submit\">Retry</button>"))</td></tr>
            """
        }
        let failedTable: HTML = failed.isEmpty ? "<p>No message has failed.</p>" : """
            <table><thead><tr><th>Ticket</th><th>To</th><th>Notification</th><th>Attempts</th><th>What the server said</th><th>Queued</th><th></th></tr></thead>
            <tbody>\(failedRows)</tbody></table>
            """
        return """
            <h1>Settings › Mail</h1>
            <section class="card">
            \(status)
            \(PortalLayout.form(action: "/agent/settings/mail", csrf: csrf, """
                \(PortalLayout.field("Sender name", name: "from_name", value: fromName, hint: "Blank: the name of LANTERN_MAIL_FROM, else the account's name."))
                \(PortalLayout.field("Support address", name: "support_address", value: supportAddress, type: "email",
                                     hint: "Where customers write and reply; each ticket's reply address is made from it. Blank: \(defaultAddress ?? "the address of LANTERN_MAIL_FROM")."))
                <fieldset><legend>Notifications</legend>\(checks)</fieldset>
                <div class="actions"><button type="submit">Save mail settings</button></div>
                """))
            </section>
            <section class="card">
            <h2>Outbox</h2>
            <p>\(String(counts.pending)) waiting · \(String(counts.sent)) sent · \(String(counts.failed)) failed</p>
            <h3>Failed messages</h3>
            \(failedTable)
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .mail, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
