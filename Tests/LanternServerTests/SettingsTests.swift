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
        #expect(defaults.analytics && defaults.analyticsRetentionDays == 90)
        let analytics = try LanternSettings.fromEnvironment(["LANTERN_ANALYTICS": "no",
                                                             "LANTERN_ANALYTICS_RETENTION_DAYS": "400"])
        #expect(!analytics.analytics && analytics.analyticsRetentionDays == 400)
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
        ("LANTERN_ANALYTICS", "maybe", "1, true, yes, 0, false or no"),
        ("LANTERN_ANALYTICS_RETENTION_DAYS", "0", "whole days from 1 to 36500"),
        ("LANTERN_ANALYTICS_RETENTION_DAYS", "90d", "whole days from 1 to 36500"),
    ])
    func refused(variable: String, value: String, allowed: String) {
        #expect(throws: LanternSettings.InvalidSetting(variable: variable, value: value, allowed: allowed)) {
            try LanternSettings.fromEnvironment([variable: value])
        }
    }

    @Test("Mail: LANTERN_SMTP_URL (STARTTLS, implicit TLS, tls=off on loopback only), LANTERN_MAIL_FROM (required with it), LANTERN_SMTP_CA_FILE; a refused URL never shows its password")
    func mail() throws {
        let defaults = try LanternSettings.fromEnvironment([:])
        #expect(defaults.smtpURL == nil && defaults.mailFrom == nil && defaults.smtpCAFile == nil)
        let from = ["LANTERN_MAIL_FROM": "Brightbill Support <Support@Brightbill.example>"]
        let startTLS = try LanternSettings.fromEnvironment(from.merging(["LANTERN_SMTP_URL": "smtp://user%40x:p%3Ass@mail.example"]) { $1 })
        #expect(startTLS.smtpURL?.security == .startTLS && startTLS.smtpURL?.port == 587)
        #expect(startTLS.smtpURL?.username == "user@x" && startTLS.smtpURL?.password == "p:ss")
        #expect(startTLS.smtpURL?.description == "smtp://user@x:***@mail.example:587")
        #expect(startTLS.mailFrom == Mailbox(name: "Brightbill Support", address: "support@brightbill.example"))
        let implicit = try LanternSettings.fromEnvironment(from.merging(["LANTERN_SMTP_URL": "smtps://u:p@mail.example"]) { $1 })
        #expect(implicit.smtpURL?.security == .implicitTLS && implicit.smtpURL?.port == 465)
        let plain = try LanternSettings.fromEnvironment(from.merging(["LANTERN_SMTP_URL": "smtp://127.0.0.1:2525?tls=off"]) { $1 })
        #expect(plain.smtpURL?.security == SMTPURL.Security.none && plain.smtpURL?.port == 2525)
        let certificate = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-settings-ca-\(UUID().uuidString).pem")
        try Data("x".utf8).write(to: certificate)
        defer { try? FileManager.default.removeItem(at: certificate) }
        #expect(try LanternSettings.fromEnvironment(["LANTERN_SMTP_CA_FILE": certificate.path]).smtpCAFile == certificate.path)

        let allowed = "smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465 or smtp://127.0.0.1:25?tls=off; it "
        for (raw, shown, reason) in [
            ("smtp://u:secret@mail.example:25?tls=off", "smtp://u:***@mail.example:25?tls=off", "may use tls=off only for a relay on loopback (127.0.0.1, ::1, localhost)"),
            ("http://mail.example", "http://mail.example", "must start with smtp:// or smtps://"),
            ("smtps://mail.example?tls=off", "smtps://mail.example?tls=off", "allows only tls=off, and only with smtp://"),
            ("smtp://mail.example?auth=none", "smtp://mail.example?auth=none", "takes no query parameter but tls=off"),
        ] {
            #expect(throws: LanternSettings.InvalidSetting(variable: "LANTERN_SMTP_URL", value: shown, allowed: allowed + reason)) {
                try LanternSettings.fromEnvironment(from.merging(["LANTERN_SMTP_URL": raw]) { $1 })
            }
        }
        #expect(throws: LanternSettings.InvalidSetting(variable: "LANTERN_MAIL_FROM", value: "",
                                                       allowed: "set when LANTERN_SMTP_URL is: one sender, such as \"Brightbill Support <support@brightbill.example>\"")) {
            try LanternSettings.fromEnvironment(["LANTERN_SMTP_URL": "smtp://u:p@mail.example"])
        }
        for bad in ["not an address", "a@x.example, b@x.example"] {
            #expect(throws: LanternSettings.InvalidSetting(variable: "LANTERN_MAIL_FROM", value: bad,
                                                           allowed: "one sender, such as \"Brightbill Support <support@brightbill.example>\" (an address in ASCII)")) {
                try LanternSettings.fromEnvironment(["LANTERN_MAIL_FROM": bad])
            }
        }
        #expect(throws: LanternSettings.InvalidSetting(variable: "LANTERN_SMTP_CA_FILE", value: "/nonexistent.pem", allowed: "a readable PEM file of certificates")) {
            try LanternSettings.fromEnvironment(["LANTERN_SMTP_CA_FILE": "/nonexistent.pem"])
        }
    }
}
