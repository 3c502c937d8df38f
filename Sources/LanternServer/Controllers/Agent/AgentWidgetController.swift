import Fluent
import LanternCore
import Vapor

/// `/agent/widgets` (admins only; the route group is guarded): the widget list, a new widget, and each widget's
/// embed code and settings (linked categories, contact form, default language, allowed origins). The rules are
/// `WidgetService`'s, as for the JSON API; a refused settings form comes back filled in with a 422.
struct AgentWidgetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("widgets", use: list)
        routes.post("widgets", use: create)
        routes.get("widgets", ":id", use: show)
        routes.post("widgets", ":id", use: update)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let widgets = try await WidgetService.all(accountID: agent.session.accountID, on: request.db)
        return AgentWidgetsPage(widgets: widgets.map { .init(id: $0.id ?? 0, name: $0.name) }, csrf: agent.csrf,
                                flash: AgentPage.notice(request)).render(agent)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        do {
            let (widget, _) = try await WidgetService.create(accountID: agent.session.accountID, WidgetInput(name: form["name"]),
                                                             languages: agent.account.supportedLanguages, on: request.db)
            return seeOther("/agent/widgets/\(try widget.requireID())?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            throw PortalError(status: .unprocessableEntity, title: "Widget not created", message: FormErrorSummary.text(error.fields) ?? "")
        }
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, widget) = try await Self.load(request)
        var page = try await widgetPage(request, agent, widget)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    /// The form sends every setting: an empty default language means the account's, unticked boxes are off.
    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, widget) = try await Self.load(request)
        let form = try await request.collectForm()
        var problems = FieldErrors()
        let categoryIDs = form.integers("category_ids")
        if categoryIDs == nil { problems.add("category_ids", "must be categories of this account") }
        let language: NullableField<String> = form["default_language"].map { $0.isEmpty ? .null : .value($0) } ?? .null
        let freshdeskText = form["freshdesk_widget_id"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let freshdeskID: NullableField<Int> = freshdeskText.isEmpty ? .null : Int(freshdeskText).map { .value($0) } ?? .value(0)
        var input = WidgetInput(name: form["name"], category_ids: categoryIDs, default_language: language,
                                contact_form: .init(enabled: form.checked("contact_form_enabled"),
                                                    logged_in_only: form.checked("contact_form_logged_in_only"),
                                                    priority: form.checked("contact_form_priority"),
                                                    type: form.checked("contact_form_type")),
                                allowed_origins: form.list("allowed_origins"), freshdesk_widget_id: freshdeskID)
        input.article_feedback_tickets = form.checked("article_feedback_tickets")
        do {
            try await WidgetService.update(widget, input, nameRequired: true, problems: problems,
                                           languages: agent.account.supportedLanguages, on: request.db)
            return seeOther("/agent/widgets/\(try widget.requireID())?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await widgetPage(request, agent, widget, form: form)
            page.errors = error.fields ?? [:]
            return page.render(agent)
        }
    }

    /// The signed-in agent and the widget of the path in their account (else the 404 page).
    static func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Widget) {
        let agent = try request.signedInAgent
        guard let widget = try await WidgetService.find(try request.portalID("id", "widget"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("widget") }
        return (agent, widget)
    }

    /// The widget's page, its settings filled from `form` when one came back refused. The embed code names this
    /// server: over https, as documented, and plain http only for a server on this machine (development).
    private func widgetPage(_ request: Request, _ agent: PortalSessionService.SignedInAgent, _ widget: Widget,
                            form: URLEncodedForm? = nil) async throws -> AgentWidgetPage {
        let widgetID = try widget.requireID()
        let categories = try await CategoryService.all(accountID: agent.session.accountID, on: request.db)
        let stored = try await WidgetService.categoryIDs(of: [widgetID], on: request.db)[widgetID] ?? []
        let linked = Set(form?.integers("category_ids") ?? stored)
        let host = request.headers.first(name: .host) ?? "localhost:8080"
        let local = host.hasPrefix("localhost") || host.hasPrefix("127.0.0.1") || host.hasPrefix("[::1]")
        return AgentWidgetPage(
            id: widgetID, widgetName: widget.name, csrf: agent.csrf,
            embedScheme: request.cameOverTLS || !local ? "https" : "http", embedHost: host,
            name: form?["name"] ?? widget.name,
            categories: categories.map { .init(id: $0.id ?? 0, name: $0.name, isLinked: linked.contains($0.id ?? 0)) },
            contactFormEnabled: form.map { $0.checked("contact_form_enabled") } ?? widget.contactFormEnabled,
            contactFormLoggedInOnly: form.map { $0.checked("contact_form_logged_in_only") } ?? widget.contactFormLoggedInOnly,
            defaultLanguage: form?["default_language"] ?? widget.defaultLanguage ?? "",
            accountDefaultLanguage: agent.account.defaultLanguage, languages: agent.account.supportedLanguages,
            allowedOrigins: form?["allowed_origins"] ?? widget.allowedOrigins.joined(separator: "\n"),
            contactFormPriority: form.map { $0.checked("contact_form_priority") } ?? widget.contactFormPriority,
            contactFormType: form.map { $0.checked("contact_form_type") } ?? widget.contactFormType,
            freshdeskWidgetID: form?["freshdesk_widget_id"] ?? widget.freshdeskWidgetID.map(String.init) ?? "",
            articleFeedbackTickets: form.map { $0.checked("article_feedback_tickets") } ?? widget.articleFeedbackTickets)
    }
}
