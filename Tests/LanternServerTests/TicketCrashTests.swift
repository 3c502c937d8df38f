import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LanternCore
import Testing
@testable import LanternServer

/// Durability: a ticket acknowledged with 201 survives the server being killed with SIGKILL mid-burst, complete
/// with its attachments, and no ticket is ever stored half.
@Suite("Ticket durability")
struct TicketCrashTests {
    struct Acknowledged: Sendable {
        let id: Int
        let subject: String
        let attachment: Data?
    }

    @Test("kill -9 during a burst of tickets: every acknowledged ticket is there after a restart, complete")
    func killDuringBurst() async throws {
        try await LanternBinary.withAccount("Crash Co", adminEmail: "ops@crash.example", adminPassword: "crash-pass") { database, account in
            let environment = ["LANTERN_TICKET_RATE_LIMIT": "off"]

            let server = try MultiProcessTests.Server(database: database, environment: environment)
            try await server.waitUntilHealthy()
            let url = "\(server.base)/widget/v1/widgets/\(account.widgetID)/tickets"
            let killAfter = 30
            let pid = server.process.processIdentifier
            let acknowledged = try await withThrowingTaskGroup(of: [Acknowledged].self) { group in
                let counter = AckCounter()
                for worker in 0..<12 {
                    group.addTask {
                        var mine: [Acknowledged] = []
                        for index in 0..<200 {
                            let subject = "burst \(worker)-\(index)"
                            let attachment = index % 3 == 0 ? samplePNG(40_000 + worker * 100 + index) : nil
                            guard let id = try? await Self.postTicket(url, subject: subject, attachment: attachment) else { return mine }
                            mine.append(Acknowledged(id: id, subject: subject, attachment: attachment))
                            if await counter.increment() == killAfter { kill(pid, SIGKILL) }
                        }
                        return mine
                    }
                }
                var all: [Acknowledged] = []
                for try await part in group { all += part }
                return all
            }
            server.process.waitUntilExit()
            #expect(server.process.terminationReason == .uncaughtSignal)
            #expect(acknowledged.count >= killAfter)

            let restarted = try MultiProcessTests.Server(database: database, environment: environment)
            try await restarted.waitUntilHealthy()
            for ticket in acknowledged {
                let (status, body) = try await http("GET", "\(restarted.base)/api/v2/tickets/\(ticket.id)", bearer: account.apiKey)
                #expect(status == 200, "acknowledged ticket \(ticket.id) is missing")
                #expect(body["subject"] as? String == ticket.subject)
                let files = body["attachments"] as? [[String: Any]] ?? []
                #expect(files.count == (ticket.attachment == nil ? 0 : 1))
                if let expected = ticket.attachment {
                    let download = try await Self.download("\(restarted.base)/api/v2/tickets/\(ticket.id)/attachments/0", apiKey: account.apiKey)
                    #expect(download == expected, "attachment of ticket \(ticket.id) differs")
                }
            }
            // Nothing half-stored: every stored ticket of the burst has exactly the attachments it was sent with.
            var page = 1
            while true {
                let (status, list) = try await Self.getArray("\(restarted.base)/api/v2/tickets?per_page=100&page=\(page)", apiKey: account.apiKey)
                #expect(status == 200)
                for ticket in list {
                    let subject = ticket["subject"] as? String ?? ""
                    let index = Int(subject.split(separator: "-").last ?? "") ?? -1
                    #expect((ticket["attachments"] as? [Any])?.count == (index % 3 == 0 ? 1 : 0), "\(subject) is incomplete")
                }
                if list.count < 100 { break }
                page += 1
            }
            restarted.process.terminate()
            restarted.process.waitUntilExit()
        }
    }

    @Test("kill -9 during a burst of replies: every acknowledged reply is in the conversation after a restart, with the ticket's new status")
    func killDuringReplies() async throws {
        try await LanternBinary.withAccount("Reply Crash Co", adminEmail: "ops@reply-crash.example", adminPassword: "crash-pass") { database, account in
            let server = try MultiProcessTests.Server(database: database, environment: [:])
            try await server.waitUntilHealthy()
            let (createdStatus, created) = try await http("POST", "\(server.base)/api/v2/tickets", json: [
                "email": "crash@customer.example", "subject": "Crash thread", "description": "Start",
            ], bearer: account.apiKey)
            #expect(createdStatus == 201)
            let ticketID = try #require(created["id"] as? Int)
            let url = "\(server.base)/api/v2/tickets/\(ticketID)/reply"
            let killAfter = 30
            let pid = server.process.processIdentifier
            let acknowledged = try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
                let counter = AckCounter()
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [(Int, String)] = []
                        for index in 0..<200 {
                            let body = "reply \(worker)-\(index)"
                            guard let (status, entry) = try? await http("POST", url, json: ["body": body], bearer: account.apiKey),
                                  status == 201, let id = entry["id"] as? Int else { return mine }
                            mine.append((id, body))
                            if await counter.increment() == killAfter { kill(pid, SIGKILL) }
                        }
                        return mine
                    }
                }
                var all: [(Int, String)] = []
                for try await part in group { all += part }
                return all
            }
            server.process.waitUntilExit()
            #expect(server.process.terminationReason == .uncaughtSignal)
            #expect(acknowledged.count >= killAfter)

            let restarted = try MultiProcessTests.Server(database: database, environment: [:])
            try await restarted.waitUntilHealthy()
            var stored: [Int: String] = [:]
            var page = 1
            while true {
                let (status, list) = try await Self.getArray("\(restarted.base)/api/v2/tickets/\(ticketID)/conversations?per_page=100&page=\(page)",
                                                             apiKey: account.apiKey)
                #expect(status == 200)
                for entry in list { stored[entry["id"] as? Int ?? 0] = entry["body_text"] as? String }
                if list.count < 100 { break }
                page += 1
            }
            for (id, body) in acknowledged {
                #expect(stored[id] == body, "acknowledged reply \(id) is missing or different")
            }
            let (_, ticket) = try await http("GET", "\(restarted.base)/api/v2/tickets/\(ticketID)", bearer: account.apiKey)
            #expect(ticket["status"] as? Int == 3)
            restarted.process.terminate()
            restarted.process.waitUntilExit()
        }
    }

    actor AckCounter {
        private var count = 0
        func increment() -> Int {
            count += 1
            return count
        }
    }

    static func postTicket(_ url: String, subject: String, attachment: Data?) async throws -> Int? {
        var form = MultipartBody()
        form.field("name", "Burst Sender")
        form.field("email", "burst@example.com")
        form.field("subject", subject)
        form.field("description", "Sent during a crash test.")
        if let attachment { form.file(filename: "shot.png", contentType: "image/png", bytes: attachment) }
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue(form.contentType, forHTTPHeaderField: "Content-Type")
        request.httpBody = form.finished
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 201 else { return nil }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["id"] as? Int
    }

    static func download(_ url: String, apiKey: String) async throws -> Data {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        return try await URLSession.shared.data(for: request).0
    }

    static func getArray(_ url: String, apiKey: String) async throws -> (Int, [[String: Any]]) {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? [])
    }
}
