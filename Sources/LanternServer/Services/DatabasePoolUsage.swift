import Fluent
import SQLKit

/// How this process uses its database connections, for `/metrics`.
enum DatabasePoolUsage {
    /// SQLite: writers holding or waiting for the write lock; PostgreSQL: this process's connections by state
    /// (`pg_stat_activity`); `nil` when PostgreSQL cannot say.
    static func current(on db: any Database, postgresApplicationName: String) async -> [String: Int]? {
        if db.isSQLite {
            let writers = await SQLiteWriterQueue.queue(for: db).counts
            return ["writing": writers.writing, "waiting": writers.waiting]
        }
        guard let rows = try? await db.sql.raw("""
            SELECT state, COUNT(*) AS connections FROM pg_stat_activity WHERE application_name = \(bind: postgresApplicationName)
            GROUP BY state
            """).all() else { return nil }
        var connections = ["active": 0, "idle": 0, "idle in transaction": 0]
        for row in rows {
            guard let state = try? row.decode(column: "state", as: String?.self),
                  let count = try? row.decode(column: "connections", as: Int.self) else { continue }
            connections[state] = count
        }
        return connections
    }
}
