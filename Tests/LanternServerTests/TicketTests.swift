import Crypto
import Fluent
import Foundation
import LanternCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// A `multipart/form-data` body built by hand, as a browser's `FormData` sends it.
struct MultipartBody {
    let boundary = "----LanternTest\(UUID().uuidString.prefix(8))"
    private(set) var data = Data()

    mutating func field(_ name: String, _ value: String) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }

    mutating func file(_ name: String = "attachments[]", filename: String, contentType: String = "application/octet-stream", bytes: Data) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8))
        data.append(bytes)
        data.append(Data("\r\n".utf8))
    }

    var finished: Data { data + Data("--\(boundary)--\r\n".utf8) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension Application {
    /// POSTs a JSON ticket to the widget, optionally signed in.
    func postTicket(widgetID: Int, _ fields: [String: String], session: String? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
        return try await testing().sendRequest(.POST, "widget/v1/widgets/\(widgetID)/tickets", headers: headers,
                                               body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: fields)))
    }

    func postTicket(widgetID: Int, multipart: MultipartBody, session: String? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": multipart.contentType]
        if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
        return try await testing().sendRequest(.POST, "widget/v1/widgets/\(widgetID)/tickets", headers: headers,
                                               body: ByteBuffer(data: multipart.finished))
    }
}

/// A PNG-looking file of `size` bytes: the signature, then a random 64 KiB block repeated.
func samplePNG(_ size: Int) -> Data {
    var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    var generator = SystemRandomNumberGenerator()
    let block = Data((0..<8192).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64, Array.init) })
    while data.count < size { data.append(block.prefix(size - data.count)) }
    return data.prefix(size)
}

@Suite("Tickets")
struct TicketTests {
    static let ticket = ["name": "Dana Visitor", "email": "Dana@Visitor.example", "subject": "  Cannot export  ",
                         "description": "The export button <b>does nothing</b>.\nPlease help."]

    @Test("An anonymous ticket is stored unverified, trimmed, with markup kept as text, and agents read it back")
    func anonymous() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let response = try await app.postTicket(widgetID: account.widgetID, Self.ticket)
            #expect(response.status == .created, "\(response.body.string)")
            let created = try api.object(response)
            #expect(Set(created.keys) == ["id", "verified"])
            #expect(created["verified"] as? Bool == false)
            let id = try #require(created["id"] as? Int)

            let detail = try api.object(try await api.send(.GET, "tickets/\(id)"))
            #expect(detail["subject"] as? String == "Cannot export")
            // Freshdesk's shape: `description` is HTML (the typed text escaped, line breaks as <br>), the text beside it.
            #expect(detail["description_text"] as? String == "The export button <b>does nothing</b>.\nPlease help.")
            #expect(detail["description"] as? String == "The export button &lt;b&gt;does nothing&lt;/b&gt;.<br>Please help.")
            #expect(detail["status"] as? Int == 2)
            #expect(detail["priority"] as? Int == 2)
            #expect(detail["source"] as? Int == 9)
            #expect(detail["type"] is NSNull)
            #expect(detail["responder_id"] is NSNull)
            #expect((detail["tags"] as? [String]) == [])
            #expect(detail["updated_at"] as? String == detail["created_at"] as? String)
            #expect(detail["email"] as? String == "dana@visitor.example")
            #expect(detail["name"] as? String == "Dana Visitor")
            #expect(detail["verified"] as? Bool == false)
            #expect(detail["widget_id"] as? Int == account.widgetID)
            #expect(detail["requester_id"] is NSNull)
            let requester = try #require(detail["requester"] as? [String: Any])
            #expect(requester["email"] as? String == "dana@visitor.example")
            #expect((detail["attachments"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("Signed in, the ticket is the verified contact's, whatever name and email the body claims")
    func verified() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let session = try await app.signIn(account, name: "Alice Martin", email: "alice@acme.example")
            var spoofed = Self.ticket
            spoofed["email"] = "ceo@victim.example"
            spoofed["name"] = "Someone Else"
            let response = try await app.postTicket(widgetID: account.widgetID, spoofed, session: session.session_token)
            #expect(response.status == .created, "\(response.body.string)")
            #expect(try api.object(response)["verified"] as? Bool == true)
            let id = try #require(try api.object(response)["id"] as? Int)
            let detail = try api.object(try await api.send(.GET, "tickets/\(id)"))
            #expect(detail["email"] as? String == "alice@acme.example")
            #expect(detail["name"] as? String == "Alice Martin")
            #expect(detail["requester_id"] as? Int == session.contact.id)

            // Signed in, name and email may be left out altogether.
            let minimal = try await app.postTicket(widgetID: account.widgetID, ["subject": "Hi", "description": "x"],
                                                   session: session.session_token)
            #expect(minimal.status == .created)

            // A dead session is refused, not downgraded to anonymous.
            let logout = try await app.withSession(.DELETE, "widget/v1/session", session: session.session_token)
            #expect(logout.status == .noContent)
            let refused = try await app.postTicket(widgetID: account.widgetID, Self.ticket, session: session.session_token)
            #expect(refused.status == .unauthorized)
            #expect(refused.error?.code == "session_invalid")
        }
    }

    /// One broken form: what changes, and the field error expected. Described briefly in test output.
    struct BrokenForm: CustomTestStringConvertible, Sendable {
        let change: [String: String?]
        let field: String
        let message: String

        init(_ change: [String: String?], _ field: String, _ message: String) {
            self.change = change
            self.field = field
            self.message = message
        }

        var testDescription: String { "\(field) \(message)" }
    }

    @Test("Every validation rule answers 422 validation_failed naming its field", arguments: [
        BrokenForm(["email": nil], "email", "is required"),
        BrokenForm(["email": "not-an-address"], "email", "must be a valid email address"),
        BrokenForm(["name": nil], "name", "is required"),
        BrokenForm(["name": "   "], "name", "must not be blank"),
        BrokenForm(["name": String(repeating: "n", count: 256)], "name", "must be at most 255 characters"),
        BrokenForm(["subject": nil], "subject", "is required"),
        BrokenForm(["subject": " \n "], "subject", "must not be blank"),
        BrokenForm(["subject": String(repeating: "s", count: 256)], "subject", "must be at most 255 characters"),
        BrokenForm(["subject": "nul\u{0}byte"], "subject", "must not contain control characters"),
        BrokenForm(["description": nil], "description", "is required"),
        BrokenForm(["description": ""], "description", "must not be blank"),
        BrokenForm(["description": String(repeating: "d", count: 64 * 1024 + 1)], "description", "must be at most 64 KiB"),
        BrokenForm(["website": "http://spam.example"], "website", "must be left empty"),
    ])
    func validation(form: BrokenForm) async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            var fields = Self.ticket
            for (key, value) in form.change { fields[key] = value }
            let response = try await app.postTicket(widgetID: account.widgetID, fields)
            #expect(response.status == .unprocessableEntity)
            #expect(response.error?.code == "validation_failed")
            #expect(response.error?.fields == [form.field: form.message])
            let api = APIClient(app: app, key: account.apiKey)
            #expect(try api.array(try await api.send(.GET, "tickets")).isEmpty)
        }
    }

    @Test("Limits at the edge are accepted: 255-character subject, 64 KiB description, 1 character each")
    func limits() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            for (subject, description) in [(String(repeating: "é", count: 255), String(repeating: "d", count: 64 * 1024)), ("s", "d")] {
                let response = try await app.postTicket(widgetID: account.widgetID, ["name": "N", "email": "n@x.example",
                                                                                    "subject": subject, "description": description])
                #expect(response.status == .created, "\(response.body.string.prefix(300))")
            }
            let wrongType = try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets",
                                                                headers: ["Content-Type": "application/json"],
                                                                body: ByteBuffer(string: #"{"name": 5, "email": "n@x.example", "subject": "s", "description": "d"}"#))
            #expect(wrongType.status == .unprocessableEntity)
            #expect(wrongType.error?.fields?["name"] != nil)
            let notJSON = try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets",
                                                              headers: ["Content-Type": "application/json"], body: ByteBuffer(string: "{"))
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.error?.code == "invalid_json")
            let unknownWidget = try await app.postTicket(widgetID: 999_999_999, Self.ticket)
            #expect(unknownWidget.status == .notFound)
            #expect(unknownWidget.error?.code == "widget_not_found")
        }
    }

    @Test("A disabled contact form answers 403 contact_form_disabled; a logged-in-only one 401 login_required to visitors")
    func contactFormSettings() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let session = try await app.signIn(account)

            #expect(try await api.send(.PUT, "widgets/\(account.widgetID)", ["contact_form": ["logged_in_only": true]]).status == .ok)
            let anonymous = try await app.postTicket(widgetID: account.widgetID, Self.ticket)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.error?.code == "login_required")
            #expect(try await app.postTicket(widgetID: account.widgetID, Self.ticket, session: session.session_token).status == .created)

            #expect(try await api.send(.PUT, "widgets/\(account.widgetID)", ["contact_form": ["enabled": false]]).status == .ok)
            for token in [nil, session.session_token] {
                let refused = try await app.postTicket(widgetID: account.widgetID, Self.ticket, session: token)
                #expect(refused.status == .forbidden)
                #expect(refused.error?.code == "contact_form_disabled")
            }
            #expect(try api.array(try await api.send(.GET, "tickets")).count == 1)
        }
    }

    @Test("Attachments round-trip byte for byte, typed by extension, served as downloads")
    func attachments() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let png = samplePNG(300_000)
            let text = Data("line one\nligne deux é\n".utf8)
            var form = MultipartBody()
            form.field("name", "Erin")
            form.field("email", "erin@example.com")
            form.field("subject", "Screenshot attached")
            form.field("description", "See the files.")
            form.file(filename: "screen shot.png", contentType: "text/html", bytes: png)
            form.file(filename: "../../etc/notes.TXT", bytes: text)
            let response = try await app.postTicket(widgetID: account.widgetID, multipart: form)
            #expect(response.status == .created, "\(response.body.string)")
            let id = try #require(try api.object(response)["id"] as? Int)

            let detail = try api.object(try await api.send(.GET, "tickets/\(id)"))
            let files = try #require(detail["attachments"] as? [[String: Any]])
            #expect(files.map { $0["name"] as? String } == ["screen shot.png", "notes.TXT"])
            #expect(files.map { $0["content_type"] as? String } == ["image/png", "text/plain"])
            #expect(files.map { $0["size"] as? Int } == [png.count, text.count])
            #expect(files[0]["sha256"] as? String == SHA256.hash(data: png).map { String(format: "%02x", $0) }.joined())
            #expect(files[1]["attachment_url"] as? String == "/api/v2/tickets/\(id)/attachments/1")

            for (position, expected) in [png, text].enumerated() {
                let download = try await api.send(.GET, "tickets/\(id)/attachments/\(position)")
                #expect(download.status == .ok)
                #expect(Data(buffer: download.body) == expected)
                #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
                #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
            #expect(try await api.send(.GET, "tickets/\(id)/attachments/2").error?.code == "attachment_not_found")
        }
    }

    @Test("Attachments that break the rules are refused and nothing is stored")
    func badAttachments() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            func send(_ files: [(String, Data)]) async throws -> TestingHTTPResponse {
                var form = MultipartBody()
                for (key, value) in Self.ticket { form.field(key, value) }
                for (name, bytes) in files { form.file(filename: name, bytes: bytes) }
                return try await app.postTicket(widgetID: account.widgetID, multipart: form)
            }
            let six = try await send((0..<6).map { ("f\($0).txt", Data("x".utf8)) })
            #expect(six.status == .unprocessableEntity)
            #expect(six.error?.fields?["attachments"] == "must be at most 5 files")
            let exe = try await send([("setup.exe", Data("MZ".utf8))])
            #expect(exe.error?.fields?["attachments"]?.contains("not an accepted type") == true)
            let fakePDF = try await send([("invoice.pdf", Data("<html>".utf8))])
            #expect(fakePDF.error?.fields?["attachments"] == "invoice.pdf is not a valid .pdf file")
            let empty = try await send([("empty.txt", Data())])
            #expect(empty.status == .unprocessableEntity)
            #expect(try api.array(try await api.send(.GET, "tickets")).isEmpty)
        }
    }

    @Test("Too large: one file over 10 MiB or a body over the limit answers 413 payload_too_large over real HTTP")
    func tooLarge() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let tester = try app.testing(method: .running(port: 0))
            var oneBig = MultipartBody()
            for (key, value) in Self.ticket { oneBig.field(key, value) }
            oneBig.file(filename: "big.png", bytes: samplePNG(10 * 1024 * 1024 + 1))
            let big = try await tester.sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets",
                                                   headers: ["Content-Type": oneBig.contentType], body: ByteBuffer(data: oneBig.finished))
            #expect(big.status == .payloadTooLarge)
            #expect(big.error?.code == "payload_too_large")

            var tooMuch = MultipartBody()
            for (key, value) in Self.ticket { tooMuch.field(key, value) }
            for index in 0..<3 { tooMuch.file(filename: "part\(index).png", bytes: samplePNG(8 * 1024 * 1024)) }
            let total = try await tester.sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets",
                                                     headers: ["Content-Type": tooMuch.contentType], body: ByteBuffer(data: tooMuch.finished))
            #expect(total.status == .payloadTooLarge)
            #expect(total.error?.code == "payload_too_large")

            // Files of exactly 10 MiB and 20 MiB in all are accepted: see AttachmentPolicyTests (debug builds parse
            // multipart bodies slowly, so this test sends only what must be refused).
        }
    }

    @Test("The rate limit counts per address and per requester and answers 429 rate_limited with Retry-After")
    func rateLimit() async throws {
        try await withLantern(ticketRateLimit: RateLimit(count: 3, seconds: 600)) { app in
            let account = try await makeAccount(app)
            let tester = try app.testing(method: .running(port: 0))
            func post(_ email: String) async throws -> TestingHTTPResponse {
                var fields = Self.ticket
                fields["email"] = email
                return try await tester.sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets",
                                                    headers: ["Content-Type": "application/json"],
                                                    body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: fields)))
            }
            let firstPost = Date()
            for index in 0..<3 { #expect(try await post("sender\(index)@example.com").status == .created) }
            // A fourth ticket from the same address, even under another email, waits.
            let limited = try await post("fresh@example.com")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.error?.code == "rate_limited")
            let retryAfter = try #require(limited.headers.first(name: "Retry-After").flatMap(Int.init))
            // The window opened at the first post: Retry-After is what is left of its 600 s (a slow run leaves less).
            let elapsed = Int(Date().timeIntervalSince(firstPost).rounded(.up))
            #expect((600 - elapsed - 1...600).contains(retryAfter))
        }
        // Per requester: one email from "several addresses" (service level, no IP).
        try await withLantern(ticketRateLimit: RateLimit(count: 2, seconds: 60)) { app in
            let account = try await makeAccount(app)
            for _ in 0..<2 { #expect(try await app.postTicket(widgetID: account.widgetID, Self.ticket).status == .created) }
            let limited = try await app.postTicket(widgetID: account.widgetID, Self.ticket)
            #expect(limited.status == .tooManyRequests)
            var other = Self.ticket
            other["email"] = "someone.else@example.com"
            #expect(try await app.postTicket(widgetID: account.widgetID, other).status == .created)
        }
        // Off: no limit.
        try await withLantern(ticketRateLimit: nil) { app in
            let account = try await makeAccount(app)
            for _ in 0..<25 { #expect(try await app.postTicket(widgetID: account.widgetID, Self.ticket).status == .created) }
        }
    }

    @Test("The agent's list: newest first, filters, pagination; other accounts' tickets do not exist; bots may not read")
    func agentList() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let other = try await makeAccount(app, name: "Other Co")
            let api = APIClient(app: app, key: account.apiKey)
            let session = try await app.signIn(account, email: "verified@acme.example")
            var ids: [Int] = []
            for index in 0..<3 {
                var fields = Self.ticket
                fields["email"] = "visitor\(index)@example.com"
                ids.append(try #require(try api.object(try await app.postTicket(widgetID: account.widgetID, fields))["id"] as? Int))
            }
            let verifiedID = try #require(try api.object(try await app.postTicket(widgetID: account.widgetID, Self.ticket,
                                                                                  session: session.session_token))["id"] as? Int)
            let foreign = try #require(try api.object(try await app.postTicket(widgetID: other.widgetID, Self.ticket))["id"] as? Int)

            let all = try api.array(try await api.send(.GET, "tickets"))
            #expect(all.compactMap { $0["id"] as? Int } == [verifiedID] + ids.reversed())
            #expect(try api.array(try await api.send(.GET, "tickets?verified=true")).compactMap { $0["id"] as? Int } == [verifiedID])
            #expect(try api.array(try await api.send(.GET, "tickets?verified=false")).count == 3)
            #expect(try api.array(try await api.send(.GET, "tickets?email=VISITOR1@example.com")).compactMap { $0["id"] as? Int } == [ids[1]])
            #expect(try api.array(try await api.send(.GET, "tickets?widget_id=\(account.widgetID)")).count == 4)
            #expect(try api.array(try await api.send(.GET, "tickets?widget_id=\(other.widgetID)")).isEmpty)
            #expect(try api.array(try await api.send(.GET, "tickets?created_since=2000-01-01T00:00:00Z")).count == 4)
            #expect(try api.array(try await api.send(.GET, "tickets?created_since=2999-01-01T00:00:00Z")).isEmpty)
            #expect(try await api.send(.GET, "tickets?verified=maybe").error?.fields?["verified"] != nil)
            #expect(try await api.send(.GET, "tickets?created_since=yesterday").error?.fields?["created_since"] != nil)

            let firstPage = try await api.send(.GET, "tickets?per_page=3")
            #expect(try api.array(firstPage).count == 3)
            #expect(firstPage.headers.first(name: .link)?.contains("page=2") == true)
            #expect(try api.array(try await api.send(.GET, "tickets?per_page=3&page=2")).count == 1)

            let hidden = try await api.send(.GET, "tickets/\(foreign)")
            #expect(hidden.status == .notFound)
            #expect(hidden.error?.code == "ticket_not_found")
            #expect(try await api.send(.GET, "tickets/\(foreign)/attachments/0").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "api/v2/tickets").status == .unauthorized)
        }
    }

    @Test("A failure while storing rolls the whole ticket back, attachments included")
    func atomicity() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let poison = "boom-\(UUID().uuidString.prefix(8)).txt"
            if app.db.isSQLite {
                try await app.db.sql.raw("""
                    CREATE TRIGGER test_poison BEFORE INSERT ON ticket_attachments WHEN NEW.filename = \(literal: poison)
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """).run()
            } else {
                try await app.db.sql.raw("""
                    ALTER TABLE ticket_attachments ADD CONSTRAINT test_poison_\(unsafeRaw: String(poison.dropFirst(5).prefix(8)))
                    CHECK (filename <> \(literal: poison)) NOT VALID
                    """).run()
            }
            var form = MultipartBody()
            for (key, value) in Self.ticket { form.field(key, value) }
            form.file(filename: "first.txt", bytes: Data("kept?".utf8))
            form.file(filename: poison, bytes: Data("fails".utf8))
            let response = try await app.postTicket(widgetID: account.widgetID, multipart: form)
            #expect(response.status == .internalServerError)
            #expect(response.error?.code == "internal_error")
            #expect(try api.array(try await api.send(.GET, "tickets")).isEmpty)
            let orphans = try await TicketAttachment.query(on: app.db).filter(\.$accountID == account.accountID).count()
            #expect(orphans == 0)
            if !app.db.isSQLite {
                try await app.db.sql.raw("ALTER TABLE ticket_attachments DROP CONSTRAINT test_poison_\(unsafeRaw: String(poison.dropFirst(5).prefix(8)))").run()
            }
        }
    }
}
