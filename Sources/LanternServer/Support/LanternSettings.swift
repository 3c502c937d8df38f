import Foundation
import LanternCore
import Vapor

/// Process-wide settings, read once from the environment at start-up.
public struct LanternSettings: Sendable {
    public var database: DatabaseLocation
    /// bcrypt cost for agent passwords.
    public var bcryptCost: Int
    /// Whether `/demo` (the stand-in customer website) is served.
    public var demo: Bool
    /// Tickets allowed per address and per requester; `nil` turns the limit off.
    public var ticketRateLimit: RateLimit?
    /// Whether the client address is the last one in `X-Forwarded-For` (set it behind a reverse proxy that
    /// appends the client's address) rather than the connection's peer.
    public var behindProxy: Bool
    /// Which engine answers knowledge-base searches.
    public var searchEngine: SearchEngine
    /// How long the search that finds an account's in-memory index out of date waits for the new one before the
    /// database's full-text search answers it instead.
    public var searchIndexWait: Duration = .milliseconds(250)

    /// `LANTERN_SEARCH_INDEX`: `memory` (the default) searches each account's in-memory index, kept in step with
    /// the database's `search_version`, and uses the database's full-text search while an index builds;
    /// `database` always uses the database's full-text search (SQLite FTS5, PostgreSQL tsvector).
    public enum SearchEngine: String, Sendable {
        case memory
        case database
    }

    /// A `LANTERN_SEARCH_INDEX` value that is neither `memory` nor `database`.
    public struct InvalidSearchEngine: Error, CustomStringConvertible {
        public let value: String
        public var description: String { "LANTERN_SEARCH_INDEX must be memory or database, not \"\(value)\"." }
    }

    public init(database: DatabaseLocation, bcryptCost: Int = 12, demo: Bool = false,
                ticketRateLimit: RateLimit? = .ticketDefault, behindProxy: Bool = false, searchEngine: SearchEngine = .memory) {
        self.database = database
        self.searchEngine = searchEngine
        self.bcryptCost = bcryptCost
        self.demo = demo
        self.ticketRateLimit = ticketRateLimit
        self.behindProxy = behindProxy
    }

    /// Settings from `DATABASE_URL`, `LANTERN_BCRYPT_COST`, `LANTERN_TICKET_RATE_LIMIT`, `LANTERN_BEHIND_PROXY` and
    /// `LANTERN_SEARCH_INDEX`.
    public static func fromEnvironment(demo: Bool = false) throws -> LanternSettings {
        let environment = ProcessInfo.processInfo.environment
        let cost = environment["LANTERN_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 31) } ?? 12
        let rateLimit = try environment["LANTERN_TICKET_RATE_LIMIT"].map { try RateLimit.parse($0) } ?? .ticketDefault
        let behindProxy = ["1", "true", "yes"].contains(environment["LANTERN_BEHIND_PROXY"]?.lowercased() ?? "")
        let engineName = environment["LANTERN_SEARCH_INDEX"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? SearchEngine.memory.rawValue
        guard let searchEngine = SearchEngine(rawValue: engineName) else { throw InvalidSearchEngine(value: engineName) }
        return LanternSettings(
            database: try DatabaseLocation(databaseURL: environment["DATABASE_URL"]),
            bcryptCost: cost,
            demo: demo,
            ticketRateLimit: rateLimit,
            behindProxy: behindProxy,
            searchEngine: searchEngine
        )
    }
}

extension Application {
    private struct SettingsKey: StorageKey {
        typealias Value = LanternSettings
    }

    /// The settings this application was configured with.
    public var lantern: LanternSettings {
        get {
            guard let settings = storage[SettingsKey.self] else { fatalError("configure(_:settings:) was not called") }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}
