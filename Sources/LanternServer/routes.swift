import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: WidgetSessionController())

    let api = app.grouped("api", "v2").grouped(APIKeyAuthenticator())
    try api.register(collection: WidgetSecurityController())
    try api.register(collection: SolutionCategoryController())
    try api.register(collection: SolutionFolderController())
    try api.register(collection: SolutionArticleController())

    if app.lantern.demo {
        try app.register(collection: DemoSiteController())
    }
}
