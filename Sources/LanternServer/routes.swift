import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: MetricsController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: WidgetSessionController())
    try app.register(collection: WidgetContentController())
    try app.register(collection: WidgetTicketController())
    try registerWidgetEmbedding(app)

    let api = app.grouped("api", "v2").grouped(APIKeyAuthenticator())
    try api.register(collection: WidgetSecurityController())
    try api.register(collection: SolutionCategoryController())
    try api.register(collection: SolutionFolderController())
    try api.register(collection: SolutionSearchController())
    try api.register(collection: ArticleVotesController())
    try api.register(collection: SolutionArticleController())
    try api.register(collection: CompanyController())
    try api.register(collection: ContactController())
    try api.register(collection: WidgetAdminController())
    try api.register(collection: TicketController())
    try api.register(collection: TicketWebhookController())

    // The agent portal and the customer portal (server-rendered HTML).
    try app.register(collection: PortalAssetsController())
    let agentPortal = app.grouped(PortalErrorMiddleware(site: "Lantern agent portal"))
    try agentPortal.register(collection: AgentAuthController())
    try agentPortal.grouped("agent").grouped(AgentSessionMiddleware()).register(collection: AgentPortalRoutes())
    try app.grouped(PortalErrorMiddleware(site: "Help center")).register(collection: SupportController())

    if app.lantern.demo {
        try app.register(collection: DemoSiteController())
    }
}
