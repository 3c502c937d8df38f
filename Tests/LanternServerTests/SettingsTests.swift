import Foundation
import Logging
import Testing
@testable import LanternServer
import LanternCore

/// `LanternSettings.fromEnvironment`: every variable parsed once, strictly.
@Suite("Settings")
struct SettingsTests {
    @Test("Unset and blank variables take their defaults")
    func defaults() throws {
        for environment in [[:], ["LANTERN_BCRYPT_COST": "", "LOG_LEVEL": " ", "LANTERN_BEHIND_PROXY": "", "LANTERN_SEARCH_INDEX": ""]] {
            let settings = try LanternSettings.fromEnvironment(environment)
            #expect(settings.database == .sqlite(path: "lantern.sqlite"))
            #expect(settings.logLevel == .info)
            #expect(settings.bcryptCost == 12)
            #expect(settings.ticketRateLimit == .ticketDefault)
            #expect(settings.voteRateLimit == RateLimit(count: 10, seconds: 86_400))
            #expect(settings.behindProxy == false)
            #expect(settings.searchEngine == .memory)
            #expect(settings.supportWidgetID == nil)
            #expect(settings.publicDirectory == "Public")
        }
    }

    @Test("Good values are read")
    func goodValues() throws {
        let directory = FileManager.default.temporaryDirectory.path
        let settings = try LanternSettings.fromEnvironment([
            "DATABASE_URL": "sqlite:/tmp/x.sqlite", "LOG_LEVEL": "Debug", "LANTERN_BCRYPT_COST": "31",
            "LANTERN_TICKET_RATE_LIMIT": "off", "LANTERN_BEHIND_PROXY": "YES", "LANTERN_SEARCH_INDEX": "database",
            "LANTERN_SUPPORT_WIDGET": "7", "LANTERN_PUBLIC_DIR": directory,
        ])
        #expect(settings.database == .sqlite(path: "/tmp/x.sqlite"))
        #expect(settings.logLevel == .debug)
        #expect(settings.bcryptCost == 31)
        #expect(settings.ticketRateLimit == nil)
        #expect(settings.behindProxy)
        #expect(settings.searchEngine == .database)
        #expect(settings.supportWidgetID == 7)
        #expect(settings.publicDirectory == directory)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_BEHIND_PROXY": "false"]).behindProxy == false)
        let defaults = try LanternSettings.fromEnvironment([:])
        #expect(!defaults.webhookAllowHTTP && !defaults.webhookAllowPrivate)
        let webhooks = try LanternSettings.fromEnvironment(["LANTERN_WEBHOOK_ALLOW_HTTP": "1", "LANTERN_WEBHOOK_ALLOW_PRIVATE": "True"])
        #expect(webhooks.webhookAllowHTTP && webhooks.webhookAllowPrivate)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_VOTE_RATE_LIMIT": "3/60"]).voteRateLimit == RateLimit(count: 3, seconds: 60))
        #expect(try LanternSettings.fromEnvironment(["LANTERN_VOTE_RATE_LIMIT": "off"]).voteRateLimit == nil)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_PUBLIC_URL": "https://Help.Example.com/"]).publicURL == "https://help.example.com")
        #expect(try LanternSettings.fromEnvironment(["LANTERN_PUBLIC_URL": "http://localhost:8080"]).publicURL == "http://localhost:8080")
        #expect(defaults.uploadBudget == 64 << 20 && defaults.bodyTimeout == .seconds(10) && defaults.idleTimeout == .seconds(20))
        #expect(try LanternSettings.fromEnvironment(["LANTERN_UPLOAD_BUDGET": "256MiB"]).uploadBudget == 256 << 20)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_UPLOAD_BUDGET": "1gib"]).uploadBudget == 1 << 30)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_UPLOAD_BUDGET": "30000KiB"]).uploadBudget == 30_000 << 10)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_UPLOAD_BUDGET": "22020096"]).uploadBudget == 22_020_096)
        #expect(defaults.searchMemory == 1 << 30)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_SEARCH_MEMORY": "256MiB"]).searchMemory == 256 << 20)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_SEARCH_MEMORY": "4GiB"]).searchMemory == 4 << 30)
        #expect(try LanternSettings.fromEnvironment(["LANTERN_SEARCH_MEMORY": "1048576"]).searchMemory == 1 << 20)
        let timeouts = try LanternSettings.fromEnvironment(["LANTERN_BODY_TIMEOUT": "30", "LANTERN_IDLE_TIMEOUT": "3600"])
        #expect(timeouts.bodyTimeout == .seconds(30) && timeouts.idleTimeout == .seconds(3600))
    }

    @Test("A value Lantern cannot use names the variable and what it allows", arguments: [
        ("LANTERN_BCRYPT_COST", "abc", "a whole number from 4 to 31"),
        ("LANTERN_BCRYPT_COST", "40", "a whole number from 4 to 31"),
        ("LANTERN_BCRYPT_COST", "3", "a whole number from 4 to 31"),
        ("LANTERN_BEHIND_PROXY", "maybe", "1, true, yes, 0, false or no"),
        ("LANTERN_WEBHOOK_ALLOW_HTTP", "sometimes", "1, true, yes, 0, false or no"),
        ("LANTERN_WEBHOOK_ALLOW_PRIVATE", "2", "1, true, yes, 0, false or no"),
        ("LOG_LEVEL", "verbose", "trace, debug, info, notice, warning, error, critical"),
        ("LANTERN_SEARCH_INDEX", "elastic", "memory or database"),
        ("LANTERN_TICKET_RATE_LIMIT", "twenty", "COUNT/SECONDS (e.g. 20/600) or off"),
        ("LANTERN_VOTE_RATE_LIMIT", "10 per day", "COUNT/SECONDS (e.g. 10/86400) or off"),
        ("LANTERN_SUPPORT_WIDGET", "first", "a widget id (a whole number from 1)"),
        ("LANTERN_SUPPORT_WIDGET", "0", "a widget id (a whole number from 1)"),
        ("LANTERN_PUBLIC_URL", "javascript://evil.example", "an http:// or https:// URL of a host, such as https://help.example.com"),
        ("LANTERN_PUBLIC_URL", "https://help.example.com/support", "an http:// or https:// URL of a host, such as https://help.example.com"),
        ("LANTERN_PUBLIC_URL", "https://*.example.com", "an http:// or https:// URL of a host, such as https://help.example.com"),
        ("LANTERN_PUBLIC_DIR", "/nonexistent/lantern-public", "an existing folder holding widget/ and portal/ (Lantern's Public folder)"),
        ("LANTERN_UPLOAD_BUDGET", "20MiB", "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)"),
        ("LANTERN_UPLOAD_BUDGET", "64MB", "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)"),
        ("LANTERN_UPLOAD_BUDGET", "-64MiB", "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)"),
        ("LANTERN_UPLOAD_BUDGET", "1.5GiB", "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)"),
        ("LANTERN_UPLOAD_BUDGET", "lots", "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)"),
        ("LANTERN_UPLOAD_BUDGET", "99999999999999GiB", "a size of at least 21MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 64MiB)"),
        ("LANTERN_SEARCH_MEMORY", "1000KiB", "a size of at least 1MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 2GiB)"),
        ("LANTERN_SEARCH_MEMORY", "2GB", "a size of at least 1MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 2GiB)"),
        ("LANTERN_SEARCH_MEMORY", "unlimited", "a size of at least 1MiB: bytes, or a whole number of KiB, MiB or GiB (e.g. 2GiB)"),
        ("LANTERN_BODY_TIMEOUT", "0", "whole seconds from 1 to 3600"),
        ("LANTERN_BODY_TIMEOUT", "10s", "whole seconds from 1 to 3600"),
        ("LANTERN_IDLE_TIMEOUT", "3601", "whole seconds from 1 to 3600"),
        ("LANTERN_IDLE_TIMEOUT", "off", "whole seconds from 1 to 3600"),
    ])
    func refused(variable: String, value: String, allowed: String) {
        #expect(throws: LanternSettings.InvalidSetting(variable: variable, value: value, allowed: allowed)) {
            try LanternSettings.fromEnvironment([variable: value])
        }
    }
}
