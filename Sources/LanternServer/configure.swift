import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOCore
import NIOPosix
import SQLKit
import Vapor

/// Configures a Lantern application: database, migrations, middleware and routes. Does not migrate.
public func configure(_ app: Application, settings: LanternSettings) throws {
    app.lantern = settings
    try useDatabase(settings.database, on: app)
    app.migrations.add(LanternMigrations.all)

    app.requestsInFlight = RequestsInFlight()
    app.middleware = Middlewares()
    app.middleware.use(RequestObservationMiddleware())
    app.middleware.use(JSONErrorMiddleware())
    app.middleware.use(DeclaredLengthMiddleware())
    if let widgetRecords = app.widgetRecords as? NotifiedCache<Int, WidgetRecord> {
        app.middleware.use(LocalChangeMiddleware { widgetRecords.forgetAll() })
        app.databases.middleware.use(LocalModelChangeMiddleware { widgetRecords.forgetAll() }, on: .psql)
    }
    app.routes.defaultMaxBodySize = "64kb"
    app.http.server.configuration.serverName = "Lantern"
    app.http.server.configuration.idleTimeout = .seconds(settings.idleTimeout.components.seconds)
    app.uploadBudget = UploadBudget(capacity: settings.uploadBudget)
    SpooledFile.sweep(directory: settings.uploadDirectory)
    LargeBufferAllocation.returnToSystemWhenFreed()
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.analytics = AnalyticsRecorder(enabled: settings.analytics, metrics: app.metrics)
    app.countedViews = CountedViews()
    let residentMemory = settings.searchMemoryCountsResident ? ResidentMemory() : nil
    let unbudgetedMemory: @Sendable (Int) -> Int = { held in residentMemory?.unbudgeted(held: held) ?? 0 }
    app.searchIndexes = SearchIndexCache(inlineWait: settings.searchIndexWait, memoryBudget: settings.searchMemory,
                                         unbudgetedMemory: unbudgetedMemory, metrics: app.metrics)

    try routes(app)
}

private func useDatabase(_ location: DatabaseLocation, on app: Application) throws {
    switch location {
    case .sqlite(let path):
        // SQLite calls run on the application's thread pool, and a statement waiting for a lock blocks its thread:
        // with one thread per core, one waiting connection could starve the connection that holds the lock.
        let threads = NIOThreadPool(numberOfThreads: 16)
        threads.start()
        app.threadPool = threads
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        useSQLiteWriters(path: path, on: app)
        app.widgetRecords = SQLiteFileCache(path: path)
        app.metrics.databasePool(maximum: System.coreCount)
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = nil
        configuration.coreConfiguration.options.additionalStartupParameters.append(("application_name", app.metrics.postgresApplicationName))
        app.databases.use(
            .postgres(configuration: configuration, maxConnectionsPerEventLoop: postgresConnectionsPerEventLoop,
                      connectionPoolTimeout: .seconds(5)),
            as: .psql
        )
        app.metrics.databasePool(maximum: postgresConnectionsPerEventLoop * System.coreCount)
        let listener = ChangeListener(configuration: configuration.coreConfiguration, logger: app.logger)
        app.widgetRecords = NotifiedCache<Int, WidgetRecord>(listener: listener) { $0.accountID }
        app.lifecycle.use(ChangeListening(listener: listener))
    }
}

/// Listens for PostgreSQL's change notifications while the application runs.
private struct ChangeListening: LifecycleHandler {
    let listener: ChangeListener

    func didBoot(_ application: Application) throws { listener.start(on: application.eventLoopGroup.any()) }
    func shutdown(_ application: Application) { listener.stop() }
}

/// Gives the SQLite file's write transactions connections of their own (`DatabaseID.sqliteWriter`): the driver
/// keeps one connection per event loop, and a write transaction holds its connection until its commit is on disk,
/// so reads sharing it would wait for every commit of their event loop. WAL lets the default id's connections read
/// beside the one writer, and see each commit as soon as it is made.
private func useSQLiteWriters(path: String, on app: Application) {
    app.databases.use(.sqlite(.file(path)), as: .sqliteWriter, isDefault: false)
    let queue = SQLiteWriterQueue.queue(path: path), owner = ObjectIdentifier(app), databases = app.databases, logger = app.logger
    queue.useWriters(owner: owner) { eventLoop in databases.database(.sqliteWriter, logger: logger, on: eventLoop) }
    app.lifecycle.use(SQLiteWritersRelease(queue: queue, owner: owner))
}

/// Stops a file's write transactions using an application's writer connections when it shuts down.
private struct SQLiteWritersRelease: LifecycleHandler {
    let queue: SQLiteWriterQueue
    let owner: ObjectIdentifier

    func shutdown(_ application: Application) { queue.stopUsingWriters(owner: owner) }
}

/// Applies every pending migration; on SQLite, first switches the file to WAL journaling. On PostgreSQL the
/// migrations run under an advisory lock, so processes starting together against one database take turns.
public func migrate(_ app: Application) async throws {
    if app.db.isSQLite {
        try await app.db.sql.raw("PRAGMA journal_mode = WAL").run()
        try await setSQLiteBusyTimeout(app)
        try await app.autoMigrate()
        return
    }
    try await app.db.withConnection { connection in
        try await connection.sql.raw("SELECT pg_advisory_lock(\(literal: migrationLockKey))").run()
        do {
            try await app.autoMigrate()
        } catch {
            try? await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: migrationLockKey))").run()
            throw error
        }
        try await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: migrationLockKey))").run()
    }
}

/// PostgreSQL connections per event loop (one event loop per core).
let postgresConnectionsPerEventLoop = 4

/// How long an SQLite statement waits for a lock held by another connection or process before it fails (and the
/// request is answered `503 database_unavailable`). sqlite-nio's own busy handler would retry forever.
let sqliteBusyTimeoutMilliseconds = 5_000

/// Sets the busy timeout on every pooled SQLite connection, readers' and writers': the driver keeps exactly one per
/// event loop and database id.
private func setSQLiteBusyTimeout(_ app: Application) async throws {
    for eventLoop in app.eventLoopGroup.makeIterator() {
        for id in [nil, DatabaseID.sqliteWriter] {
            guard let database = app.databases.database(id, logger: app.logger, on: eventLoop) else { continue }
            try await database.withConnection { connection in
                try await connection.sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(sqliteBusyTimeoutMilliseconds))").run()
            }
        }
    }
}

/// The advisory lock that serialises migrations across processes ("Lantern" in ASCII).
private let migrationLockKey = 0x4C616E7465726E
