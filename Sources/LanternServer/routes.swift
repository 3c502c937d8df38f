import Vapor

/// Every route group Lantern serves, in one place: what a path reaches and which middleware guards it.
func routes(_ app: Application) throws {
    // Operations: health, Prometheus metrics, the OpenAPI document.
    try app.register(collection: HealthController())
    try app.register(collection: MetricsController())
    try app.register(collection: OpenAPIController())

    // The widget: its static files, and the API its frame calls (anonymous, or the widget session as Bearer). Only
    // the widget config is readable cross-origin (by the loader, on the origins the widget allows).
    let widget = app.grouped(WidgetConfigCORSMiddleware())
    try widget.register(collection: WidgetAssetsController(publicDirectoryOf: app))
    try widget.register(collection: WidgetSessionController())
    try widget.register(collection: WidgetContentController())
    try widget.register(collection: WidgetTicketController())
    try widget.register(collection: WidgetMyTicketsController())
    try widget.register(collection: WidgetSuggestionsController())
    try widget.register(collection: WidgetAnalyticsController())
    // Files uploaded into articles, on the widget's origin, to whoever may read their article.
    try widget.register(collection: ArticleFileController())

    // The admin API (`/api/v2`, Freshdesk-style): every caller is an API key; bots may only search.
    let api = app.grouped("api", "v2").grouped(APIKeyAuthenticator())
    try api.register(collection: SolutionSearchController())
    let agentAPI = api.grouped(APIRoleGuard.agents)
    try agentAPI.register(collection: SolutionCategoryController())
    try agentAPI.register(collection: SolutionFolderController())
    try agentAPI.register(collection: ContainerTranslationController())
    try agentAPI.register(collection: ArticleVotesController())
    try agentAPI.register(collection: SolutionArticleController())
    try agentAPI.register(collection: ArticleRevisionController())
    try agentAPI.register(collection: ArticleAttachmentController())
    try agentAPI.register(collection: CompanyController())
    try agentAPI.register(collection: ContactController())
    try agentAPI.register(collection: TicketController())
    try agentAPI.register(collection: TicketFieldController.Reading())
    try agentAPI.register(collection: AnalyticsController())
    try agentAPI.register(collection: ArticleFeedbackController())
    let adminAPI = api.grouped(APIRoleGuard.admins)
    try adminAPI.register(collection: WidgetSecurityController())
    try adminAPI.register(collection: WidgetAdminController())
    try adminAPI.register(collection: TicketWebhookController())
    try adminAPI.register(collection: TicketFieldController.Managing())
    try adminAPI.register(collection: PageRulesController())
    // Mail: settings and the outbox (admins); received mail (admins and mail keys) and its originals (agents).
    try adminAPI.register(collection: MailController())
    try api.register(collection: MailInboundController())

    // The portals' shared style sheet and script.
    try app.register(collection: PortalAssetsController(publicDirectoryOf: app))

    // The agent portal (`/agent`, server-rendered HTML): sign-in, then pages for agents and pages for admins.
    let agentPortal = app.grouped(PortalErrorMiddleware(site: "Lantern agent portal"))
    try agentPortal.register(collection: AgentAuthController())
    let signedIn = agentPortal.grouped("agent").grouped(AgentSessionMiddleware())
    AgentAuthController.bootSignedIn(signedIn)
    try signedIn.register(collection: AgentCategoryController())
    try signedIn.register(collection: AgentFolderController())
    try signedIn.register(collection: AgentArticleController())
    try signedIn.register(collection: AgentArticleHistoryController())
    try signedIn.register(collection: AgentFeedbackController())
    try signedIn.register(collection: AgentAnalyticsController())
    try signedIn.register(collection: AgentTicketController())
    // A ticket's reply and note forms carry files: multipart streams whose CSRF token the handlers check.
    AgentTicketController.bootEntryForms(agentPortal.grouped("agent").grouped(AgentEntryFormSessionMiddleware()))
    // The editor's file upload answers JSON: the handler checks the session and its X-CSRF-Token header itself.
    ArticleAttachmentController.bootPortal(app)
    try signedIn.register(collection: AgentContactController())
    try signedIn.register(collection: AgentCompanyController())
    try signedIn.register(collection: AgentAPIKeyController())
    let admins = signedIn.grouped(AgentAdminGuard())
    try admins.register(collection: AgentTeamController())
    try admins.register(collection: AgentWidgetController())
    try admins.register(collection: AgentWidgetSecurityController())
    try admins.register(collection: AgentTicketTypeController())
    try admins.register(collection: AgentPageRulesController())
    try admins.register(collection: AgentMailController())
    try admins.register(collection: AgentTicketFieldController())
    // Any other page under /agent: an HTML 404 rather than the API's JSON one.
    signedIn.get("**") { _ -> Response in throw PortalError(status: .notFound, title: "Not found", message: "There is no such page.") }

    // The customer portal (`/support`, server-rendered HTML): every page knows its reader (`SupportContextMiddleware`).
    let support = app.grouped(PortalErrorMiddleware(site: "Help center")).grouped("support")
    let reading = support.grouped(SupportContextMiddleware()).grouped(SupportVisitMiddleware())
    try reading.register(collection: SupportKnowledgeBaseController())
    try reading.register(collection: SupportArticleController())
    try reading.register(collection: SupportSearchController())
    try reading.register(collection: SupportSignInController())
    try reading.register(collection: SupportProfileController())
    try reading.register(collection: SupportTicketController())
    // Any other page under /support: an HTML 404 (even before the help center has a widget).
    support.get("**") { _ -> Response in throw PortalError(status: .notFound, title: "Not found", message: "There is no such page.") }

    // The stand-in customer website of `lantern serve --demo`.
    if app.lantern.demo {
        try app.register(collection: DemoSiteController())
    }
}
