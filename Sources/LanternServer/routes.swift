import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    if app.lantern.demo {
        try app.register(collection: DemoSiteController())
    }
}
