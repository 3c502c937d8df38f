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

    public init(database: DatabaseLocation, bcryptCost: Int = 12, demo: Bool = false,
                ticketRateLimit: RateLimit? = .ticketDefault, behindProxy: Bool = false) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.demo = demo
        self.ticketRateLimit = ticketRateLimit
        self.behindProxy = behindProxy
    }

    /// Settings from `DATABASE_URL`, `LANTERN_BCRYPT_COST`, `LANTERN_TICKET_RATE_LIMIT` and `LANTERN_BEHIND_PROXY`.
    public static func fromEnvironment(demo: Bool = false) throws -> LanternSettings {
        let environment = ProcessInfo.processInfo.environment
        let cost = environment["LANTERN_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 31) } ?? 12
        let rateLimit = try environment["LANTERN_TICKET_RATE_LIMIT"].map { try RateLimit.parse($0) } ?? .ticketDefault
        let behindProxy = ["1", "true", "yes"].contains(environment["LANTERN_BEHIND_PROXY"]?.lowercased() ?? "")
        return LanternSettings(
            database: try DatabaseLocation(databaseURL: environment["DATABASE_URL"]),
            bcryptCost: cost,
            demo: demo,
            ticketRateLimit: rateLimit,
            behindProxy: behindProxy
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
