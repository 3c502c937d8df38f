import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import LanternServer

extension MultiProcessTests {
    @Test("A scheduled publish is applied once, by one of two processes, on time; the other process's widget and search follow")
    func scheduledPublishAcrossProcesses() async throws {
        try await LanternBinary.withAccount("Scheduled", adminEmail: "ops@scheduled.example", adminPassword: "scheduled-pass") { database, account in
            let (writer, reader) = try await Self.twoServers(database: database)
            let api = "\(writer.base)/api/v2/solutions"
            let key = account.apiKey
            let category = try #require(try await http("POST", "\(api)/categories", json: ["name": "Help"], bearer: key).1["id"] as? Int)
            let folder = try #require(try await http("POST", "\(api)/categories/\(category)/folders", json: ["name": "Open"], bearer: key).1["id"] as? Int)
            let article = try #require(try await http("POST", "\(api)/folders/\(folder)/articles",
                                                      json: ["title": "Opening hours", "description": "<p>Closed in winter.</p>", "status": 2],
                                                      bearer: key).1["id"] as? Int)
            let widget = "\(reader.base)/widget/v1/widgets/\(account.widgetID)"
            func served() async throws -> String? { try await http("GET", "\(widget)/articles/\(article)").1["description"] as? String }
            func search(_ term: String) async throws -> [Int] {
                (try await http("GET", "\(widget)/articles?query=\(term)").1["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            #expect(try await http("PUT", "\(api)/articles/\(article)/draft", json: ["description": "<p>Otters welcome all year.</p>"], bearer: key).0 == 200)
            #expect(try await search("otters").isEmpty)
            let publishAt = Date().addingTimeInterval(2)
            let (status, body) = try await http("PUT", "\(api)/articles/\(article)", json: ["publish_at": publishAt.formatted(.iso8601)], bearer: key)
            #expect(status == 200)
            #expect(body["publish_at"] as? String == publishAt.formatted(.iso8601))
            #expect(try await served() == "<p>Closed in winter.</p>")

            var seenAt: Date? = nil
            for _ in 0..<150 {
                if try await served() == "<p>Otters welcome all year.</p>" { seenAt = Date(); break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let seen = try #require(seenAt, "the scheduled draft was never published")
            // Seconds-granular times: never before the second it was due, and within the schedulers' one-second beat.
            #expect(seen.timeIntervalSince(publishAt) > -1 && seen.timeIntervalSince(publishAt) < 4)
            #expect(try await search("otters") == [article])
            var request = URLRequest(url: URL(string: "\(api)/articles/\(article)/revisions")!)
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            let revisions = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            #expect(revisions.map { $0["kind"] as? String } == ["published", "draft", "published"])
            #expect(try await http("GET", "\(reader.base)/api/v2/solutions/articles/\(article)", bearer: key).1["publish_at"] is NSNull)
        }
    }
}
