import Fluent
import Logging
import SQLKit

/// Whether the database answers: a real round trip, given up on after a limit so that a health check never hangs.
enum DatabaseHealth {
    static func isReachable(_ db: any Database, within limit: Duration, logger: Logger) async -> Bool {
        do {
            try await withTimeout(limit) {
                try await db.sql.raw("SELECT 1").run()
            }
            return true
        } catch {
            logger.warning("Health check failed: \(String(reflecting: error))")
            return false
        }
    }
}
