import Foundation
import Vapor

/// Process-wide settings, read once from the environment at start-up.
public struct LanternSettings: Sendable {
    public var database: DatabaseLocation
    /// bcrypt cost for agent passwords.
    public var bcryptCost: Int
    /// Whether `/demo` (the stand-in customer website) is served.
    public var demo: Bool

    public init(database: DatabaseLocation, bcryptCost: Int = 12, demo: Bool = false) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.demo = demo
    }

    /// Settings from `DATABASE_URL` and `LANTERN_BCRYPT_COST`.
    public static func fromEnvironment(demo: Bool = false) throws -> LanternSettings {
        let environment = ProcessInfo.processInfo.environment
        let cost = environment["LANTERN_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 31) } ?? 12
        return LanternSettings(
            database: try DatabaseLocation(databaseURL: environment["DATABASE_URL"]),
            bcryptCost: cost,
            demo: demo
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
