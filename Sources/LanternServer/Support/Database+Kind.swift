import Fluent
import SQLKit

extension Database {
    /// This database as SQLKit sees it (both drivers are SQL databases).
    var sql: any SQLDatabase { self as! any SQLDatabase }

    var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// Runs `work` in one write transaction. On SQLite the write lock is taken up front (`BEGIN IMMEDIATE`) with a
    /// busy timeout, so concurrent writers queue instead of spinning or failing on a stale read snapshot.
    func writeTransaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await transaction(work) }
        return try await withConnection { connection in
            let sql = connection.sql
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(sqliteBusyTimeoutMilliseconds))").run()
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await work(connection)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
