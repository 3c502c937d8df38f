import AsyncKit
import NIOCore
import PostgresNIO
import SQLiteNIO

/// Recognises errors that mean "the database cannot be reached right now" rather than "this request is wrong":
/// PostgreSQL down, restarting or refusing connections, the connection pool exhausted or closed, or an SQLite
/// file locked by another process beyond the busy timeout. They are answered `503 database_unavailable`.
enum DatabaseAvailability {
    static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError, is IOError, is ChannelError,
             is SQLiteWriterQueue.TurnTimeout:
            return true
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
                return true
            case .server:
                // Class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect now), 53300 (too many connections).
                guard let state = error.serverInfo?[.sqlState] else { return false }
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
            default:
                return false
            }
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache, .cantOpen:
                return true
            default:
                return false
            }
        default:
            return false
        }
    }
}
