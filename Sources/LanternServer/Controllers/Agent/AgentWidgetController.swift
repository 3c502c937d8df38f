import Fluent
import LanternCore
import Vapor

/// Widgets (linked categories, contact form, default language, allowed origins, embed snippet) and
/// Security → Widget settings (the shared secret and its reset). Admins only, like the JSON API.
struct AgentWidgetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("widgets", use: list)
        routes.post("widgets", use: create)
        routes.get("widgets", ":id", use: show)
        routes.post("widgets", ":id", use: update)
        routes.get("security", "widget", use: security)
        routes.get("security", "widget", "reset", use: confirmReset)
        routes.post("security", "widget", "reset", use: reset)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        let widgets = try await Widget.query(on: request.db).filter(\.$accountID == agent.session.accountID).sort(\.$id).all()
        let content: HTML = """
            <h1>Widgets</h1>
            <section class="card"><ul>\(widgets.html { "<li><a href=\"/agent/widgets/\($0.id ?? 0)\">\($0.name)</a> <span class=\"muted\">id \($0.id ?? 0)</span></li>" })</ul></section>
            <section class="card"><h2>New widget</h2>
            \(PortalLayout.form(action: "/agent/widgets", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", required: true))
                <div class="actions"><button type="submit">Create widget</button></div>
                """))
            </section>
            """
        return AgentPage.render(agent, title: "Widgets", section: .widgets, flash: AgentPage.notice(request), content)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        let form = try await request.collectForm()
        var errors = FieldErrors()
        guard let name = errors.text(form["name"], "name", required: true) else {
            throw PortalError(status: .unprocessableEntity, title: "Widget not created", message: AgentKnowledgeBaseController.summary(errors) ?? "")
        }
        let widget = Widget(accountID: agent.session.accountID, name: name, defaultLanguage: nil)
        try await widget.create(on: request.db)
        return seeOther("/agent/widgets/\(try widget.requireID())?done=created")
    }

    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Widget) {
        let agent = try request.requirePortalAdmin()
        guard let widget = try await Widget.find(try request.portalID("id", "widget"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("widget") }
        return (agent, widget)
    }

    /// The documented embed code (docs/widget-authentication.md): settings, the command stub, the loader.
    static func embedSnippet(widgetID: Int, host: String, scheme: String = "https") -> String {
        """
        <script>
          window.lanternSettings = { widgetId: "\(widgetID)" };
          !function(){if("function"!=typeof window.Lantern){var n=function(){n.q.push(arguments)};n.q=[],window.Lantern=n}}();
        </script>
        <script src="\(scheme)://\(host)/widget/v1/loader.js" async defer></script>
        """
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, widget) = try await load(request)
        return try await render(request, agent: agent, widget: widget, flash: AgentPage.notice(request))
    }

    private func render(_ request: Request, agent: PortalSessionService.SignedInAgent, widget: Widget, flash: String? = nil,
                        errors: FieldErrors? = nil, form: PortalForm? = nil) async throws -> Response {
        let widgetID = try widget.requireID()
        let categories = try await SolutionCategory.query(on: request.db).filter(\.$accountID == agent.session.accountID)
            .sort(\.$position).sort(\.$id).all()
        let stored = try await WidgetAdminController.categoryIDs(of: [widgetID], on: request.db)[widgetID] ?? []
        let linked = Set(form?.integers("category_ids") ?? stored)
        let host = request.headers.first(name: .host) ?? "localhost:8080"
        // https, as documented; plain http only for a server on this machine (development).
        let local = host.hasPrefix("localhost") || host.hasPrefix("127.0.0.1") || host.hasPrefix("[::1]")
        let snippet = Self.embedSnippet(widgetID: widgetID, host: host, scheme: request.cameOverTLS || !local ? "https" : "http")
        let languageOptions = [("", "The account's default (\(agent.account.defaultLanguage))")] + agent.account.supportedLanguages.map { ($0, $0) }
        let content: HTML = """
            <p><a href="/agent/widgets">Widgets</a> ›</p>
            <h1>Widget: \(widget.name)</h1>
            <section class="card"><h2>Embed code</h2>
            <p>Paste this before <code>&lt;/body&gt;</code> on every page of your site that shows the widget.</p>
            <div class="field"><label for="embed-snippet">Embed snippet</label>
            <textarea id="embed-snippet" readonly rows="7">\(snippet)</textarea></div>
            <button type="button" class="secondary" data-copy="embed-snippet">Copy</button>
            </section>
            <section class="card"><h2>Settings</h2>
            \(PortalLayout.form(action: "/agent/widgets/\(widgetID)", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", value: form?["name"] ?? widget.name, required: true))
                <fieldset><legend>Linked categories (none ticked: all categories)</legend>
                \(categories.html { PortalLayout.checkbox($0.name, name: "category_ids", value: String($0.id ?? 0), checked: linked.contains($0.id ?? 0)) })
                </fieldset>
                <fieldset><legend>Contact form</legend>
                \(PortalLayout.checkbox("Contact form enabled", name: "contact_form_enabled", checked: form.map { $0.checked("contact_form_enabled") } ?? widget.contactFormEnabled))
                \(PortalLayout.checkbox("Only for signed-in customers", name: "contact_form_logged_in_only", checked: form.map { $0.checked("contact_form_logged_in_only") } ?? widget.contactFormLoggedInOnly))
                </fieldset>
                \(PortalLayout.select("Default language", name: "default_language", options: languageOptions, selected: form?["default_language"] ?? widget.defaultLanguage ?? ""))
                <div class="field"><label for="f-origins">Allowed origins (one per line; empty: any site)</label>
                <textarea id="f-origins" name="allowed_origins" rows="4" aria-describedby="f-origins-hint">\(form?["allowed_origins"] ?? widget.allowedOrigins.joined(separator: "\n"))</textarea>
                <small id="f-origins-hint">Such as https://www.example.com, https://*.example.com or http://localhost:*</small></div>
                <div class="actions"><button type="submit">Save widget</button></div>
                """))
            </section>
            \(PortalLayout.copyScript)
            """
        return AgentPage.render(agent, title: widget.name, section: .widgets, flash: flash,
                                error: AgentKnowledgeBaseController.summary(errors), status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, widget) = try await load(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let name = errors.text(form["name"], "name", required: true)
        var language: String?? = .some(nil)
        if let raw = form["default_language"], !raw.isEmpty {
            language = errors.language(raw, "default_language", supported: agent.account.supportedLanguages).map { .some($0) } ?? nil
        }
        var categoryIDs: [Int]? = nil
        if let ids = form.integers("category_ids") {
            categoryIDs = try await errors.ownedIDs(ids, of: SolutionCategory.self, "category_ids", accountID: agent.session.accountID, on: request.db)
        } else {
            errors.add("category_ids", "must be categories of this account")
        }
        let origins = WidgetAdminController.allowedOrigins(form.list("allowed_origins"), &errors)
        guard errors.fields.isEmpty, let name, let language, let categoryIDs, let origins else {
            return try await render(request, agent: agent, widget: widget, errors: errors, form: form)
        }
        widget.name = name
        widget.defaultLanguage = language
        widget.contactFormEnabled = form.checked("contact_form_enabled")
        widget.contactFormLoggedInOnly = form.checked("contact_form_logged_in_only")
        widget.allowedOrigins = origins
        try await request.db.writeTransaction { db in
            try await widget.save(on: db)
            try await WidgetAdminController.replaceCategories(of: widget, with: categoryIDs, on: db)
        }
        return seeOther("/agent/widgets/\(try widget.requireID())?done=saved")
    }

    // MARK: Security → Widget settings

    @Sendable
    func security(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        guard let secret = try await SharedSecretService.show(accountID: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("account") }
        let content: HTML = """
            <h1>Security › Widget settings</h1>
            <section class="card"><h2>Shared secret</h2>
            <p>Your server signs each customer's widget token (a JWT, HS256) with this secret. Keep it on your server; never put it in a web page.</p>
            <details id="secret-details"><summary>Reveal the shared secret</summary>
            <p><code id="shared-secret">\(secret.sharedSecret)</code></p>
            <button type="button" class="secondary" data-copy="shared-secret">Copy</button>
            </details>
            <p class="muted">Last set \(PortalLayout.date(secret.resetAt)).</p>
            <p><a class="button" href="/agent/security/widget/reset" style="background:#b3261e">Reset shared secret…</a></p>
            </section>
            \(PortalLayout.copyScript)
            """
        return AgentPage.render(agent, title: "Widget settings", section: .security, flash: AgentPage.notice(request), content)
    }

    static let resetWarning = "Every signed-in customer will be signed out, in the widget and in the customer portal, and tokens signed with the current secret will be refused. Your server must sign new tokens with the new secret."

    @Sendable
    func confirmReset(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        let content: HTML = """
            <h1>Reset the shared secret?</h1>
            <section class="card">
            <p class="warning" role="alert">\(Self.resetWarning)</p>
            \(PortalLayout.form(action: "/agent/security/widget/reset", csrf: agent.csrf, """
                <input type="hidden" name="confirm" value="yes">
                <div class="actions"><button type="submit" class="danger">Reset shared secret</button>
                <a href="/agent/security/widget">Cancel</a></div>
                """))
            </section>
            """
        return AgentPage.render(agent, title: "Reset the shared secret", section: .security, content)
    }

    @Sendable
    func reset(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        let form = try await request.collectForm()
        guard form["confirm"] == "yes" else { return seeOther("/agent/security/widget/reset") }
        guard try await SharedSecretService.reset(accountID: agent.session.accountID, on: request.db) != nil
        else { throw PortalError.notFound("account") }
        request.logger.notice("Shared secret of account \(agent.session.accountID) reset by agent \(agent.session.agentID) in the agent portal")
        return seeOther("/agent/security/widget?done=reset")
    }
}
