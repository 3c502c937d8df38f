import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOCore
import Vapor

/// Configures a Lantern application: database, migrations, middleware and routes. Does not migrate.
public func configure(_ app: Application, settings: LanternSettings) throws {
    app.lantern = settings
    try useDatabase(settings.database, on: app)
    app.migrations.add(LanternMigrations.all)

    app.middleware = Middlewares()
    app.middleware.use(JSONErrorMiddleware())
    app.routes.defaultMaxBodySize = "64kb"
    app.http.server.configuration.serverName = "Lantern"
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))

    try routes(app)
}

private func useDatabase(_ location: DatabaseLocation, on app: Application) throws {
    switch location {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = nil
        app.databases.use(
            .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(5)),
            as: .psql
        )
    }
}

/// Applies every pending migration; on SQLite, first switches the file to WAL journaling.
public func migrate(_ app: Application) async throws {
    if app.db.isSQLite {
        try await app.db.sql.raw("PRAGMA journal_mode = WAL").run()
    }
    try await app.autoMigrate()
}
