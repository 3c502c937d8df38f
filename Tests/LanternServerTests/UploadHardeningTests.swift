import Crypto
import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
@testable import LanternServer

/// Item 4 of issue 14: ticket uploads are checked before their body is read, streamed to disk rather than held in
/// memory, and capped per process by the upload budget; a refused or broken upload leaves nothing behind.
@Suite("Upload hardening")
struct UploadHardeningTests {
    static func ticketCount(_ app: Application, _ account: AccountProvisioner.Result) async throws -> (tickets: Int, attachments: Int) {
        (try await Ticket.query(on: app.db).filter(\.$accountID == account.accountID).count(),
         try await TicketAttachment.query(on: app.db).filter(\.$accountID == account.accountID).count())
    }

    /// Waits until no upload holds any of the budget (a refused request may finish after its answer).
    static func budgetDrained(_ app: Application) async throws {
        for _ in 0..<100 where app.uploadBudget.inUse > 0 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(app.uploadBudget.inUse == 0)
    }

    @Test("An upload the in-flight budget has no room for is answered 503 with Retry-After before its body is sent")
    func budgetRefusesConcurrentUpload() async throws {
        try await withListeningLantern({ $0.uploadBudget = 3 << 20 }) { app, port in
            let account = try await makeAccount(app)
            let form = multipartTicket(subject: "first", files: [("big.png", samplePNG(2 << 20))])
            let first = try SlowClient(port: port)
            try await first.send(ticketHead(widgetID: account.widgetID, contentType: form.contentType, contentLength: form.body.count))
            try await first.send(form.body.prefix(100_000))
            for _ in 0..<100 where app.uploadBudget.inUse == 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(app.uploadBudget.inUse == form.body.count)

            // A second upload of the same size does not fit beside the first: refused at once, its body unsent.
            let second = try SlowClient(port: port)
            let secondForm = multipartTicket(subject: "second", files: [("big.png", samplePNG(2 << 20))])
            try await second.send(ticketHead(widgetID: account.widgetID, contentType: secondForm.contentType, contentLength: secondForm.body.count))
            try await second.send(secondForm.body.prefix(1_000))
            guard case .response(let status, let headers, let body) = try await second.read(timeout: .seconds(5)) else {
                Issue.record("the refused upload got no answer")
                return
            }
            #expect(status == 503)
            #expect(headers["retry-after"] == "5")
            #expect(body.contains("\"service_unavailable\""))

            // The first upload goes on and is stored whole; its share of the budget is given back.
            try await first.send(form.body.dropFirst(100_000))
            guard case .response(let firstStatus, _, _) = try await first.read() else { Issue.record("no answer"); return }
            #expect(firstStatus == 201)
            try await Self.budgetDrained(app)
            #expect(try await Self.ticketCount(app, account) == (1, 1))
            #expect(spooledFiles(app).isEmpty)
        }
    }

    @Test("A chunked upload is charged as it arrives: over the budget it is answered 503 and nothing is stored")
    func chunkedUploadOverBudget() async throws {
        try await withListeningLantern({ $0.uploadBudget = 1 << 20 }) { app, port in
            let account = try await makeAccount(app)
            let form = multipartTicket(subject: "chunked", files: [("big.png", samplePNG(2 << 20))])
            let client = try SlowClient(port: port)
            try await client.send(ticketHead(widgetID: account.widgetID, contentType: form.contentType, contentLength: nil))
            var offset = 0
            while offset < form.body.count {
                let piece = form.body[offset..<min(offset + 65_536, form.body.count)]
                guard (try? await client.send(Data(String(piece.count, radix: 16).utf8) + Data("\r\n".utf8) + piece + Data("\r\n".utf8))) != nil else { break }
                offset += piece.count
            }
            _ = try? await client.send("0\r\n\r\n")
            guard case .response(let status, let headers, _) = try await client.read() else { Issue.record("no answer"); return }
            #expect(status == 503)
            #expect(headers["retry-after"] == "5")
            try await Self.budgetDrained(app)
            #expect(try await Self.ticketCount(app, account) == (0, 0))
            #expect(spooledFiles(app).isEmpty)
        }
    }

    @Test("A refused or abandoned upload leaves no ticket, no attachment and no temporary file")
    func nothingHalfStored() async throws {
        try await withListeningLantern { app, port in
            let account = try await makeAccount(app)
            // A good file, then one of a type that is not accepted: 422 after the first was spooled.
            let refused = multipartTicket(subject: "refused", files: [("ok.png", samplePNG(300_000)), ("run.sh", Data("echo hi".utf8))])
            let client = try SlowClient(port: port)
            try await client.send(ticketHead(widgetID: account.widgetID, contentType: refused.contentType, contentLength: refused.body.count))
            try await client.send(refused.body)
            guard case .response(let status, _, let body) = try await client.read() else { Issue.record("no answer"); return }
            #expect(status == 422)
            #expect(body.contains("not an accepted type"))

            // A client that goes away half-way through its upload.
            let abandoned = multipartTicket(subject: "abandoned", files: [("half.png", samplePNG(3 << 20))])
            do {
                let leaver = try SlowClient(port: port)
                try await leaver.send(ticketHead(widgetID: account.widgetID, contentType: abandoned.contentType, contentLength: abandoned.body.count))
                try await leaver.send(abandoned.body.prefix(1 << 20))
                for _ in 0..<100 where spooledFiles(app).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
                #expect(!spooledFiles(app).isEmpty, "the upload was being spooled")
            }
            try await Self.budgetDrained(app)
            for _ in 0..<100 where !spooledFiles(app).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            #expect(spooledFiles(app).isEmpty)
            #expect(try await Self.ticketCount(app, account) == (0, 0))
        }
    }

    @Test("A disabled form, a logged-in-only form and the rate limit are answered before the body is sent")
    func checksBeforeBody() async throws {
        try await withListeningLantern({ $0.ticketRateLimit = RateLimit(count: 1, seconds: 600) }) { app, port in
            let account = try await makeAccount(app)
            let big = multipartTicket(subject: "big", files: [("big.png", samplePNG(8 << 20))])
            /// Sends the head and the first kilobyte only; the answer must come without the rest.
            func answerWithoutBody() async throws -> Int? {
                let client = try SlowClient(port: port)
                try await client.send(ticketHead(widgetID: account.widgetID, contentType: big.contentType, contentLength: big.body.count))
                try await client.send(big.body.prefix(1_000))
                guard case .response(let status, _, _) = try await client.read(timeout: .seconds(5)) else { return nil }
                return status
            }
            let small = multipartTicket(subject: "small", files: [])
            let client = try SlowClient(port: port)
            try await client.send(ticketHead(widgetID: account.widgetID, contentType: small.contentType, contentLength: small.body.count))
            try await client.send(small.body)
            guard case .response(let created, _, _) = try await client.read() else { Issue.record("no answer"); return }
            #expect(created == 201)
            #expect(try await answerWithoutBody() == 429)

            let api = APIClient(app: app, key: account.apiKey)
            #expect(try await api.send(.PUT, "widgets/\(account.widgetID)", ["contact_form": ["logged_in_only": true]]).status == .ok)
            #expect(try await answerWithoutBody() == 401)
            #expect(try await api.send(.PUT, "widgets/\(account.widgetID)", ["contact_form": ["enabled": false]]).status == .ok)
            #expect(try await answerWithoutBody() == 403)
            #expect(try await Self.ticketCount(app, account) == (1, 0))
        }
    }

    @Test("Streamed to disk, a ticket with 2 × 4 MiB attachments is stored complete, byte for byte, budget given back")
    func largeTicketComplete() async throws {
        try await withListeningLantern { app, port in
            let account = try await makeAccount(app)
            let files = [("one.png", samplePNG(4 << 20)), ("two.pdf", Data("%PDF-1.7\n".utf8) + samplePNG(4 << 20).dropFirst(9))]
            let form = multipartTicket(subject: "large", files: files)
            let client = try SlowClient(port: port)
            try await client.send(ticketHead(widgetID: account.widgetID, contentType: form.contentType, contentLength: form.body.count))
            for offset in stride(from: 0, to: form.body.count, by: 256 * 1024) {
                try await client.send(form.body[offset..<min(offset + 256 * 1024, form.body.count)])
            }
            guard case .response(let status, _, let body) = try await client.read(timeout: .seconds(60)) else { Issue.record("no answer"); return }
            #expect(status == 201, "\(body)")
            let stored = try await TicketAttachment.query(on: app.db).filter(\.$accountID == account.accountID).sort(\.$position).all()
            #expect(stored.map(\.filename) == ["one.png", "two.pdf"])
            for (row, (_, data)) in zip(stored, files) {
                #expect(row.size == data.count)
                #expect(row.data == data)
                #expect(row.sha256 == SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
            }
            try await Self.budgetDrained(app)
            #expect(spooledFiles(app).isEmpty)
        }
    }

    @Test("At start-up, spooled files a crashed process left (over an hour old) are removed; recent ones are kept")
    func sweepAtStartUp() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-sweep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let old = directory + "/left-behind", fresh = directory + "/in-flight"
        #expect(FileManager.default.createFile(atPath: old, contents: Data(repeating: 1, count: 1024)))
        #expect(FileManager.default.createFile(atPath: fresh, contents: Data(repeating: 2, count: 1024)))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * SpooledFile.abandonedAfter)], ofItemAtPath: old)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: fresh)
        try await withListeningLantern({ $0.uploadDirectory = directory }) { _, _ in
            #expect(!FileManager.default.fileExists(atPath: old))
            #expect(FileManager.default.fileExists(atPath: fresh))
        }
    }
}
