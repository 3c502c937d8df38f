import Foundation
import LanternCore
import Logging
import Vapor

/// Process-wide settings: every environment variable Lantern reads, parsed once at start-up. A value Lantern
/// cannot use is an `InvalidSetting` naming the variable and what it allows (`lantern` exits with code 2).
public struct LanternSettings: Sendable {
    public var database: DatabaseLocation
    /// `LOG_LEVEL`: the lowest level logged.
    public var logLevel: Logger.Level
    /// bcrypt cost for agent passwords.
    public var bcryptCost: Int
    /// Whether `/demo` (the stand-in customer website) is served.
    public var demo: Bool
    /// Tickets allowed per address and per requester; `nil` turns the limit off.
    public var ticketRateLimit: RateLimit?
    /// `LANTERN_VOTE_RATE_LIMIT`: new anonymous votes allowed per client address and article (default 10 a day);
    /// `nil` turns the limit off (each visitor id still counts once).
    public var voteRateLimit: RateLimit? = RateLimit(count: 10, seconds: 86_400)
    /// Whether the client address is the last one in `X-Forwarded-For` (set it behind a reverse proxy that
    /// appends the client's address) rather than the connection's peer.
    public var behindProxy: Bool
    /// `LANTERN_WEBHOOK_ALLOW_HTTP`: whether a ticket webhook may be a plain `http://` URL (default: https only).
    public var webhookAllowHTTP = false
    /// `LANTERN_WEBHOOK_ALLOW_PRIVATE`: whether a ticket webhook may reach private, loopback, link-local and other
    /// non-public addresses (default: public addresses only).
    public var webhookAllowPrivate = false
    /// Which engine answers knowledge-base searches.
    public var searchEngine: SearchEngine
    /// The widget whose account, categories and default language `/support` serves; `nil`: the oldest widget of
    /// the oldest account.
    public var supportWidgetID: Int?
    /// The folder holding `widget/` and `portal/` (the static files Lantern serves).
    public var publicDirectory: String
    /// `LANTERN_PUBLIC_URL`: the scheme and host (and port) people reach Lantern at, without a trailing slash; the
    /// start of every absolute link Lantern writes. `nil`: taken from the request (see `Request.publicOrigin`).
    public var publicURL: String?
    /// How long the search that finds an account's in-memory index out of date waits for the new one before the
    /// database's full-text search answers it instead.
    public var searchIndexWait: Duration = .milliseconds(250)
    /// `LANTERN_UPLOAD_BUDGET`: the most bytes of upload bodies this process receives at once (default 64 MiB); an
    /// upload that does not fit is answered `503 service_unavailable` with `Retry-After`.
    public var uploadBudget: Int = 64 << 20
    /// `LANTERN_BODY_TIMEOUT`: how long a streamed upload body may stop arriving before it is answered `408` and
    /// dropped (default 10 seconds).
    public var bodyTimeout: Duration = .seconds(10)
    /// `LANTERN_IDLE_TIMEOUT`: how long a connection may be quiet both ways (a keep-alive connection with no request,
    /// a request head or body that stopped arriving) before it is closed (default 20 seconds).
    public var idleTimeout: Duration = .seconds(20)
    /// `LANTERN_ANALYTICS`: whether the widget's and `/support`'s visitor events are recorded (default on).
    public var analytics = true
    /// `LANTERN_ANALYTICS_RETENTION_DAYS`: how many days raw analytics events are kept (default 90); the daily
    /// aggregates the reports read are kept.
    public var analyticsRetentionDays = 90
    /// `LANTERN_SMTP_URL`: where notifications are handed over (see `SMTPURL`); `nil`: no mail is sent.
    public var smtpURL: SMTPURL?
    /// `LANTERN_MAIL_FROM`: the sender of Lantern's mail (`Brightbill Support <support@brightbill.example>`): the
    /// envelope sender of every message, and the From and support address of accounts that set none. Required with
    /// `LANTERN_SMTP_URL`.
    public var mailFrom: Mailbox?
    /// `LANTERN_SMTP_CA_FILE`: a PEM file of certificates to trust for the SMTP server, besides the system's.
    public var smtpCAFile: String?
    /// `LANTERN_SEARCH_MEMORY`: the most bytes (estimated) this process's in-memory search indexes and vocabularies
    /// hold together (default 1 GiB); past it, the least recently searched accounts' are dropped and built again
    /// on their next search, the database answering meanwhile.
    public var searchMemory: Int = 1 << 30
    /// Whether `searchMemory` also leaves room for what the process holds besides its search structures, measured
    /// from its resident memory (`ResidentMemory`), so that it stays within the budget + its base. Tests that count
    /// the structures' estimates alone turn it off (their process is shared).
    public var searchMemoryCountsResident = true
    /// Where upload bodies' files are spooled while their request runs (removed when it ends).
    public var uploadDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-uploads").path

    /// `LANTERN_SEARCH_INDEX`: `memory` (the default) searches each account's in-memory index, kept in step with
    /// the database's `search_version`, and uses the database's full-text search while an index builds;
    /// `database` always uses the database's full-text search (SQLite FTS5, PostgreSQL tsvector).
    public enum SearchEngine: String, Sendable, CaseIterable {
        case memory
        case database
    }

    /// An environment variable whose value Lantern cannot use.
    public struct InvalidSetting: Error, CustomStringConvertible, Equatable {
        public let variable: String
        public let value: String
        /// What the variable allows, e.g. "a whole number from 4 to 31".
        public let allowed: String

        public var description: String { "\(variable) must be \(allowed), not \"\(value)\"." }
    }

    /// The bcrypt costs Lantern accepts.
    public static let bcryptCosts = 4...31
    /// The seconds `LANTERN_BODY_TIMEOUT` and `LANTERN_IDLE_TIMEOUT` accept.
    public static let timeoutSeconds = 1...3600
    /// The smallest `LANTERN_SEARCH_MEMORY`.
    public static let minimumSearchMemory = 1 << 20
    /// The smallest `LANTERN_UPLOAD_BUDGET`: room for one ticket with the largest attachments.
    public static let minimumUploadBudget = 21 << 20
    /// The days `LANTERN_ANALYTICS_RETENTION_DAYS` accepts.
    public static let analyticsRetention = 1...36_500
    /// The default `publicDirectory`: `Public` in the working directory.
    public static let defaultPublicDirectory = "Public"

    public init(database: DatabaseLocation, logLevel: Logger.Level = .info, bcryptCost: Int = 12, demo: Bool = false,
                ticketRateLimit: RateLimit? = .ticketDefault, behindProxy: Bool = false, searchEngine: SearchEngine = .memory,
                supportWidgetID: Int? = nil, publicDirectory: String = LanternSettings.defaultPublicDirectory,
                publicURL: String? = nil) {
        self.database = database
        self.logLevel = logLevel
        self.bcryptCost = bcryptCost
        self.demo = demo
        self.ticketRateLimit = ticketRateLimit
        self.behindProxy = behindProxy
        self.searchEngine = searchEngine
        self.supportWidgetID = supportWidgetID
        self.publicDirectory = publicDirectory
        self.publicURL = publicURL
    }

    /// Every variable of `docs/operations.md`, read from `environment`; an unset or empty variable takes its
    /// default. `DATABASE_URL` problems are `DatabaseLocation.InvalidURL`, every other one an `InvalidSetting`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       demo: Bool = false) throws -> LanternSettings {
        func value(_ name: String) -> String? { setting(name, in: environment) }
        var settings = LanternSettings(database: try DatabaseLocation(databaseURL: environment["DATABASE_URL"]), demo: demo)
        settings.logLevel = try logLevel(environment)
        if let raw = value("LANTERN_BCRYPT_COST") {
            guard let cost = Int(raw), bcryptCosts.contains(cost) else {
                throw InvalidSetting(variable: "LANTERN_BCRYPT_COST", value: raw,
                                     allowed: "a whole number from \(bcryptCosts.lowerBound) to \(bcryptCosts.upperBound)")
            }
            settings.bcryptCost = cost
        }
        if let raw = value("LANTERN_TICKET_RATE_LIMIT") {
            do {
                settings.ticketRateLimit = try RateLimit.parse(raw)
            } catch {
                throw InvalidSetting(variable: "LANTERN_TICKET_RATE_LIMIT", value: raw, allowed: "COUNT/SECONDS (e.g. 20/600) or off")
            }
        }
        if let raw = value("LANTERN_VOTE_RATE_LIMIT") {
            do {
                settings.voteRateLimit = try RateLimit.parse(raw)
            } catch {
                throw InvalidSetting(variable: "LANTERN_VOTE_RATE_LIMIT", value: raw, allowed: "COUNT/SECONDS (e.g. 10/86400) or off")
            }
        }
        if let raw = value("LANTERN_UPLOAD_BUDGET") {
            guard let bytes = byteSize(raw), bytes >= minimumUploadBudget else {
                throw InvalidSetting(variable: "LANTERN_UPLOAD_BUDGET", value: raw,
                                     allowed: "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)")
            }
            settings.uploadBudget = bytes
        }
        if let raw = value("LANTERN_SEARCH_MEMORY") {
            guard let bytes = byteSize(raw), bytes >= minimumSearchMemory else {
                throw InvalidSetting(variable: "LANTERN_SEARCH_MEMORY", value: raw,
                                     allowed: "a size of at least 1MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 2GiB)")
            }
            settings.searchMemory = bytes
        }
        for (name, keyPath) in [("LANTERN_BODY_TIMEOUT", \LanternSettings.bodyTimeout), ("LANTERN_IDLE_TIMEOUT", \.idleTimeout)] {
            guard let raw = value(name) else { continue }
            guard let seconds = Int(raw), timeoutSeconds.contains(seconds) else {
                throw InvalidSetting(variable: name, value: raw,
                                     allowed: "whole seconds from \(timeoutSeconds.lowerBound) to \(timeoutSeconds.upperBound)")
            }
            settings[keyPath: keyPath] = .seconds(seconds)
        }
        if let raw = value("LANTERN_BEHIND_PROXY") { settings.behindProxy = try flag("LANTERN_BEHIND_PROXY", raw) }
        if let raw = value("LANTERN_WEBHOOK_ALLOW_HTTP") { settings.webhookAllowHTTP = try flag("LANTERN_WEBHOOK_ALLOW_HTTP", raw) }
        if let raw = value("LANTERN_WEBHOOK_ALLOW_PRIVATE") { settings.webhookAllowPrivate = try flag("LANTERN_WEBHOOK_ALLOW_PRIVATE", raw) }
        if let raw = value("LANTERN_ANALYTICS") { settings.analytics = try flag("LANTERN_ANALYTICS", raw) }
        if let raw = value("LANTERN_ANALYTICS_RETENTION_DAYS") {
            guard let days = Int(raw), analyticsRetention.contains(days) else {
                throw InvalidSetting(variable: "LANTERN_ANALYTICS_RETENTION_DAYS", value: raw,
                                     allowed: "whole days from \(analyticsRetention.lowerBound) to \(analyticsRetention.upperBound)")
            }
            settings.analyticsRetentionDays = days
        }
        if let raw = value("LANTERN_SEARCH_INDEX") {
            guard let engine = SearchEngine(rawValue: raw.lowercased()) else {
                throw InvalidSetting(variable: "LANTERN_SEARCH_INDEX", value: raw, allowed: "memory or database")
            }
            settings.searchEngine = engine
        }
        if let raw = value("LANTERN_SUPPORT_WIDGET") {
            guard let id = Int(raw), id > 0 else {
                throw InvalidSetting(variable: "LANTERN_SUPPORT_WIDGET", value: raw, allowed: "a widget id (a whole number from 1)")
            }
            settings.supportWidgetID = id
        }
        if let raw = value("LANTERN_PUBLIC_DIR") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: raw, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InvalidSetting(variable: "LANTERN_PUBLIC_DIR", value: raw,
                                     allowed: "an existing folder holding widget/ and portal/ (Lantern's Public folder)")
            }
            settings.publicDirectory = raw
        }
        if let raw = value("LANTERN_PUBLIC_URL") {
            guard let origin = EmbedOrigin.concrete(raw.hasSuffix("/") ? String(raw.dropLast()) : raw)?.description else {
                throw InvalidSetting(variable: "LANTERN_PUBLIC_URL", value: raw,
                                     allowed: "an http:// or https:// URL of a host, such as https://help.example.com")
            }
            settings.publicURL = origin
        }
        try readMail(environment, into: &settings)
        return settings
    }

    /// `LANTERN_SMTP_URL`, `LANTERN_MAIL_FROM` and `LANTERN_SMTP_CA_FILE`.
    private static func readMail(_ environment: [String: String], into settings: inout LanternSettings) throws {
        if let raw = setting("LANTERN_SMTP_URL", in: environment) {
            do {
                settings.smtpURL = try SMTPURL(raw)
            } catch {
                // The password never reaches the message.
                let shown = raw.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
                throw InvalidSetting(variable: "LANTERN_SMTP_URL", value: shown,
                                     allowed: "smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465 or smtp://127.0.0.1:25?tls=off; it \(error.reason)")
            }
        }
        if let raw = setting("LANTERN_MAIL_FROM", in: environment) {
            let boxes = Mailbox.list(raw)
            guard boxes.count == 1, let box = boxes.first, let address = EmailAddress(box.address),
                  address.value.allSatisfy(\.isASCII), HeaderValue.isSafe(raw) else {
                throw InvalidSetting(variable: "LANTERN_MAIL_FROM", value: raw,
                                     allowed: "one sender, such as \"Brightbill Support <support@brightbill.example>\" (an address in ASCII)")
            }
            settings.mailFrom = Mailbox(name: box.name, address: address.value)
        } else if settings.smtpURL != nil {
            throw InvalidSetting(variable: "LANTERN_MAIL_FROM", value: "",
                                 allowed: "set when LANTERN_SMTP_URL is: one sender, such as \"Brightbill Support <support@brightbill.example>\"")
        }
        if let raw = setting("LANTERN_SMTP_CA_FILE", in: environment) {
            guard FileManager.default.isReadableFile(atPath: raw) else {
                throw InvalidSetting(variable: "LANTERN_SMTP_CA_FILE", value: raw, allowed: "a readable PEM file of certificates")
            }
            settings.smtpCAFile = raw
        }
    }

    /// `LOG_LEVEL` alone, for the command line's logging, which starts before anything else is read.
    public static func logLevel(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Logger.Level {
        guard let raw = setting("LOG_LEVEL", in: environment) else { return .info }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            throw InvalidSetting(variable: "LOG_LEVEL", value: raw,
                                 allowed: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return level
    }

    /// A yes/no variable: `1`, `true`, `yes` or `0`, `false`, `no` (any case).
    private static func flag(_ variable: String, _ raw: String) throws -> Bool {
        switch raw.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw InvalidSetting(variable: variable, value: raw, allowed: "1, true, yes, 0, false or no")
        }
    }

    /// `12345`, `512KiB`, `64MiB` or `1GiB` (the unit in any case) as bytes; `nil` for anything else or an overflow.
    private static func byteSize(_ raw: String) -> Int? {
        let units: [(String, Int)] = [("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("", 1)]
        let text = raw.lowercased()
        for (unit, scale) in units where text.hasSuffix(unit) {
            let digits = text.dropLast(unit.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits) else { return nil }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
            return overflow ? nil : bytes
        }
        return nil
    }

    /// A variable's value without surrounding spaces; `nil` when unset or blank (the default applies).
    private static func setting(_ name: String, in environment: [String: String]) -> String? {
        guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
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
