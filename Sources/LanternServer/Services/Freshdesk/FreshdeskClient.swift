import Foundation
import LanternCore
import NIOCore
import NIOHTTP1
import Vapor

/// Reads a Freshdesk account through its API v2: Basic authentication with `API_KEY:X`, pages followed through the
/// `Link` header (only on the account's own origin, so that the key goes nowhere else), `429` answered by waiting
/// what `Retry-After` says, network errors and `5xx` answers retried with backoff. Redirects are not followed.
struct FreshdeskClient: Sendable {
    /// How failures are retried.
    struct RetryPolicy: Sendable {
        /// The waits, in seconds, before each retry of a network error or a `5xx` answer; then the request fails.
        var backoff: [Double] = [1, 2, 4, 8, 16]
        /// How many `429` answers in a row one request waits out before it fails.
        var rateLimitWaits = 30
        /// The longest `Retry-After` honoured as it is (a longer one is waited for this long, then retried).
        var longestWait: Double = 600
        /// How long one request may take, in seconds.
        var requestTimeout: Int64 = 60
    }

    /// The answer to a request the caller must look at.
    enum Answer: Sendable {
        case found(Data, next: String?)
        case notFound
        case forbidden(String)
    }

    static let pageSize = 100

    let source: FreshdeskSource
    let apiKey: String
    let http: HTTPClient
    var retry = RetryPolicy()
    /// Told about each wait (seconds, why) before it starts, for the progress display.
    var onWait: @Sendable (Double, String) -> Void = { _, _ in }

    /// A new HTTP client for the importer: no redirects, a connect timeout. Shut it down after use.
    static func makeHTTPClient() -> HTTPClient {
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(10), read: .seconds(60)))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The decoded object at `path` (under `/api/v2/`), `nil` when Freshdesk answers 404 (or 403 with
    /// `forbiddenIsAbsent`); otherwise 403 throws `authRefused`.
    func object<T: Decodable>(_ path: String, as type: T.Type = T.self, forbiddenIsAbsent: Bool = false) async throws -> T? {
        switch try await fetch(url(path)) {
        case .found(let data, _): return try decode(T.self, data, path: path)
        case .notFound: return nil
        case .forbidden(let message):
            if forbiddenIsAbsent { return nil }
            throw FreshdeskImportError.authRefused("Freshdesk refused GET /api/v2/\(path) (403): \(message)")
        }
    }

    /// Every page of the list at `path`, 100 at a time, each handed to `page` as it arrives. `false` when
    /// Freshdesk answers 404 for the list; 403 throws `authRefused` unless `forbiddenIsAbsent`, when it is `false`
    /// too.
    @discardableResult
    func list<T: Decodable & Sendable>(_ path: String, as type: T.Type = T.self, forbiddenIsAbsent: Bool = false,
                                       page: ([T]) async throws -> Void) async throws -> Bool {
        var next: String? = url(path, query: "per_page=\(Self.pageSize)")
        var seen: Set<String> = []
        while let current = next {
            guard seen.insert(current).inserted else {
                throw FreshdeskImportError.failed("Freshdesk's pagination of /api/v2/\(path) came back to \(current)")
            }
            switch try await fetch(current) {
            case .notFound:
                if seen.count == 1 { return false }
                throw FreshdeskImportError.failed("Freshdesk answered 404 for the next page of /api/v2/\(path): \(current)")
            case .forbidden(let message):
                if forbiddenIsAbsent && seen.count == 1 { return false }
                throw FreshdeskImportError.authRefused("Freshdesk refused GET /api/v2/\(path) (403): \(message)")
            case .found(let data, let link):
                try await page(try decode([T].self, data, path: path))
                if let link, !source.contains(link) {
                    throw FreshdeskImportError.failed("Freshdesk's next page of /api/v2/\(path) is on another site (\(link)); not followed")
                }
                next = link
            }
        }
        return true
    }

    // MARK: One request

    private func url(_ path: String, query: String? = nil) -> String {
        source.origin + "/api/v2/" + path + (query.map { "?" + $0 } ?? "")
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw FreshdeskImportError.failed("Freshdesk's answer to /api/v2/\(path) is not what its API documents: \(error)")
        }
    }

    /// GETs `url`, waiting out `429`s and retrying network errors and `5xx`; 200 → found, 404 → not found,
    /// 403 → forbidden, 401 → `authRefused`, anything else → `failed`.
    private func fetch(_ url: String) async throws -> Answer {
        var failures = 0
        var rateLimited = 0
        while true {
            if Task.isCancelled { throw FreshdeskImportError.interrupted }
            var requestHeaders = HTTPHeaders()
            requestHeaders.add(name: "Authorization", value: "Basic " + Data("\(apiKey):X".utf8).base64EncodedString())
            requestHeaders.add(name: "Accept", value: "application/json")
            requestHeaders.add(name: "User-Agent", value: "Lantern/\(LanternVersion.current) (lantern import freshdesk)")
            let status: HTTPResponseStatus, headers: HTTPHeaders, body: Data
            do {
                let request = try HTTPClient.Request(url: url, method: .GET, headers: requestHeaders)
                let response = try await http.execute(request: request, deadline: .now() + .seconds(retry.requestTimeout)).get()
                status = response.status
                headers = response.headers
                body = response.body.map { Data(buffer: $0) } ?? Data()
            } catch is CancellationError {
                throw FreshdeskImportError.interrupted
            } catch {
                if Task.isCancelled { throw FreshdeskImportError.interrupted }
                guard failures < retry.backoff.count else {
                    throw FreshdeskImportError.unreachable("Freshdesk (\(source.origin)) could not be reached after \(failures + 1) attempts: \(error)")
                }
                try await wait(retry.backoff[failures], "network error: \(error)")
                failures += 1
                continue
            }
            switch status.code {
            case 200:
                return .found(body, next: headers.first(name: "Link").flatMap { LinkHeader.target($0) })
            case 404:
                return .notFound
            case 401:
                throw FreshdeskImportError.authRefused("Freshdesk refused the API key (401): \(message(body))")
            case 403:
                return .forbidden(message(body))
            case 429:
                rateLimited += 1
                guard rateLimited <= retry.rateLimitWaits else {
                    throw FreshdeskImportError.failed("Freshdesk kept answering 429 (rate limited) for \(url)")
                }
                let seconds = headers.first(name: "Retry-After").flatMap { RetryAfter.seconds($0) } ?? 60
                try await wait(min(seconds, retry.longestWait), "rate limited by Freshdesk (429)")
            case 500...599:
                guard failures < retry.backoff.count else {
                    throw FreshdeskImportError.failed("Freshdesk answered \(status.code) for \(url) after \(failures + 1) attempts: \(message(body))")
                }
                try await wait(retry.backoff[failures], "Freshdesk answered \(status.code)")
                failures += 1
            case 300...399:
                throw FreshdeskImportError.failed(
                    "Freshdesk redirected \(url) to \(headers.first(name: "Location") ?? "elsewhere"); use the account's freshdesk.com address")
            default:
                throw FreshdeskImportError.failed("Freshdesk answered \(status.code) for \(url): \(message(body))")
            }
        }
    }

    private func wait(_ seconds: Double, _ reason: String) async throws {
        onWait(seconds, reason)
        do {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        } catch {
            throw FreshdeskImportError.interrupted
        }
    }

    /// Freshdesk's error message, or the start of the body.
    private func message(_ body: Data) -> String {
        if let error = try? JSONDecoder().decode(FreshdeskAPI.ErrorBody.self, from: body), !error.summary.isEmpty { return error.summary }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return text.isEmpty ? "(no details)" : text
    }
}
